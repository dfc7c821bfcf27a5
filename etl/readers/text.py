"""Plain text and Markdown: the file is the article body, with optional YAML front matter
between `---` lines (the same keys as a JSON line).

Front matter is read with a YAML loader made for untrusted metadata: dates stay strings
(so `published: 2022-13-45` is a bad date of this file, not a crash), and nesting and
aliases are capped (`ReadOptions.max_depth`, `max_aliases`), so an alias bomb ("billion
laughs") is refused before it is built, let alone rendered.
"""
from __future__ import annotations

from collections.abc import Iterator, Mapping
from pathlib import Path
from typing import Any

import yaml

from etl.models import ReadProblem
from etl.readers.core import (
    MAX_FRONT_MATTER_CHARS,
    ReadOptions,
    ReadResult,
    build_article,
    describe_error,
    one_line,
    register_reader,
)
from etl.readers.decoding import decode_text, read_bytes

_TIMESTAMP_TAG = "tag:yaml.org,2002:timestamp"


class FrontMatterLimitError(yaml.MarkedYAMLError):
    """Front matter over a nesting or alias limit."""


class _FrontMatterLoader(yaml.SafeLoader):
    """PyYAML's safe loader without implicit dates, counting aliases and depth as it composes."""

    # Dates stay text: an impossible date is then the article's bad "published", reported with its line.
    yaml_implicit_resolvers = {
        first: [(tag, regexp) for tag, regexp in resolvers if tag != _TIMESTAMP_TAG]
        for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
    }

    def __init__(self, stream: str, max_depth: int, max_aliases: int) -> None:
        super().__init__(stream)
        self.max_depth, self.max_aliases = max_depth, max_aliases
        self.depth = self.aliases = 0

    def compose_node(self, parent: Any, index: Any) -> Any:
        if self.check_event(yaml.AliasEvent):
            self.aliases += 1
            if self.aliases > self.max_aliases:
                raise FrontMatterLimitError(
                    problem=f"more than {self.max_aliases} YAML aliases (an alias bomb?); "
                    "raise `tally etl --max-aliases` if they are genuine",
                    problem_mark=self.peek_event().start_mark,
                )
            return super().compose_node(parent, index)
        self.depth += 1
        try:
            if self.depth > self.max_depth:
                raise FrontMatterLimitError(
                    problem=f"nested deeper than {self.max_depth} levels; raise `tally etl --max-depth` if genuine",
                    problem_mark=self.peek_event().start_mark,
                )
            return super().compose_node(parent, index)
        finally:
            self.depth -= 1


def load_front_matter(source: str, options: ReadOptions) -> Any:
    """The YAML document `source`, read within the options' limits (raises yaml.YAMLError)."""
    loader = _FrontMatterLoader(source, options.max_depth, options.max_aliases)
    try:
        return loader.get_single_data()
    finally:
        loader.dispose()


@register_reader(".txt", ".md")
def read_text(path: Path, options: ReadOptions) -> Iterator[ReadResult]:
    """The file is the article body, with optional YAML front matter between `---` lines."""
    origin = str(path)
    data = read_bytes(path)
    if isinstance(data, ReadProblem):
        yield data
        return
    text = decode_text(data, origin)
    if isinstance(text, ReadProblem):
        yield text
        return
    if not text.strip():
        yield ReadProblem(origin, "file is empty")
        return
    meta: Mapping[str, Any] = {}
    key_lines: dict[str, int] = {}
    lines = text.split("\n")
    if lines[0].strip() == "---":
        end = next((i for i in range(1, len(lines)) if lines[i].strip() in ("---", "...")), None)
        if end is None:
            yield ReadProblem(origin, "front matter opened with '---' on line 1 is never closed by a '---' line", 1)
            return
        source = "\n".join(lines[1:end])
        if len(source) > MAX_FRONT_MATTER_CHARS:
            yield ReadProblem(
                origin, f"front matter is over {MAX_FRONT_MATTER_CHARS // 1024} KB: it holds metadata, not text", 1
            )
            return
        try:
            loaded = load_front_matter(source, options)
        except yaml.YAMLError as exc:
            mark = getattr(exc, "problem_mark", None)
            line = mark.line + 2 if mark is not None else 1
            problem = getattr(exc, "problem", None) or str(exc)
            yield ReadProblem(origin, f"bad YAML front matter: {one_line(problem)}", line)
            return
        except Exception as exc:  # an explicit tag gone wrong (`!!timestamp 2022-13-45`), a parser bug
            yield ReadProblem(origin, f"bad YAML front matter: {describe_error(exc)}", 2)
            return
        if loaded is not None and not isinstance(loaded, dict):
            yield ReadProblem(origin, "front matter is not a mapping of keys (url:, title:, published: ...)", 2)
            return
        meta = loaded or {}
        key_lines = {line.split(":", 1)[0]: i + 1 for i, line in enumerate(lines[1:end], start=1) if ":" in line}
        text = "\n".join(lines[end + 1:])
    yield build_article(text, origin, meta, None, key_lines)

"""JSON lines: one article per line, `text` (required), `id`, `url`, `title`, `publisher`, `published`.

Each line is its own input: a line that is not JSON, not an object, nested deeper than
`ReadOptions.max_depth`, or that breaks the parser in any other way is a problem for that
line, and the lines around it are read.
"""
from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from etl.models import ReadProblem
from etl.readers.core import ReadOptions, ReadResult, build_article, describe_error, register_reader
from etl.readers.decoding import SNIFF_CHARS, bom, decode_text, detect_encoding, read_bytes, utf8


@register_reader(".jsonl")
def read_jsonl(path: Path, options: ReadOptions) -> Iterator[ReadResult]:
    """One article per line: `text` (required), `id`, `url`, `title`, `publisher`, `published`."""
    origin = str(path)
    data = read_bytes(path)
    if isinstance(data, ReadProblem):
        yield data
        return
    for number, line in _jsonl_lines(data, origin):
        if isinstance(line, ReadProblem):
            yield line
            continue
        if not line.strip():
            continue
        try:
            yield _read_line(line, origin, number, options)
        except Exception as exc:  # one line's failure is that line's problem
            yield ReadProblem(origin, f"could not read this line: {describe_error(exc)}", number)


def _read_line(line: str, origin: str, number: int, options: ReadOptions) -> ReadResult:
    too_deep = ReadProblem(
        origin,
        f"JSON nested deeper than {options.max_depth} levels: skipped this line "
        "(raise `tally etl --max-depth` if the line is genuine)",
        number,
    )
    try:
        record = json.loads(line)
    except json.JSONDecodeError as exc:
        return ReadProblem(origin, f"malformed JSON ({exc.msg} at column {exc.colno}): skipped this line", number)
    except RecursionError:  # deeper than the parser itself goes (about 1000 levels)
        return too_deep
    if depth_exceeds(record, options.max_depth):
        return too_deep
    if not isinstance(record, dict):
        return ReadProblem(origin, "line is not a JSON object: expected {\"text\": ...}", number)
    text = record.get("text")
    if not isinstance(text, str):
        return ReadProblem(origin, 'line has no "text" string: every article needs its text', number)
    return build_article(text, origin, record, number)


def depth_exceeds(value: Any, limit: int) -> bool:
    """True when lists and mappings nest deeper than `limit` in `value` (walked without recursion)."""
    stack: list[tuple[Any, int]] = [(value, 1)]
    while stack:
        item, depth = stack.pop()
        if isinstance(item, dict):
            children = item.values()
        elif isinstance(item, list):
            children = item
        else:
            continue
        if depth > limit:
            return True
        stack.extend((child, depth + 1) for child in children if isinstance(child, (dict, list)))
    return False


def _jsonl_lines(data: bytes, origin: str) -> Iterator[tuple[int, str | ReadProblem]]:
    """(line number, decoded line) for each line; a line no encoding reads is a problem for that line.

    A file with a BOM, or NUL bytes (UTF-16/32), is decoded whole. Otherwise each line is
    UTF-8 if it can be, and the lines that are not share one detected encoding, so a
    Windows-1252 file reads right and one stray Latin-1 line does not spoil its neighbours.
    """
    if bom(data) or b"\x00" in data[:SNIFF_CHARS]:
        text = decode_text(data, origin)
        if isinstance(text, ReadProblem):
            yield 0, text
            return
        yield from enumerate(text.split("\n"), start=1)
        return
    raw_lines = data.split(b"\n")
    bad = [raw for raw in raw_lines if utf8(raw) is None]
    fallback = detect_encoding(b"\n".join(bad)) if bad else None
    for number, raw in enumerate(raw_lines, start=1):
        text = utf8(raw)
        if text is None and fallback is not None:
            text = raw.decode(fallback, errors="replace")
        if text is None:
            yield number, ReadProblem(
                origin, "undecodable text: not UTF-8, and no other encoding reads it cleanly; skipped this line", number
            )
            continue
        yield number, text.rstrip("\r")

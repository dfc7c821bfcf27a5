"""Readers: turn input files and folders into `Article`s, and bad input into `ReadProblem`s.

`read_path` walks files and folders in sorted order and dispatches each file on its
extension through `READERS`; a new input form (HTML, RSS/Atom) is one more function
registered with `@register_reader(".html", ...)`, with no change to the pipeline.
A reader never raises on bad input: it yields a `ReadProblem` naming the file and line,
and keeps reading whatever else it can.
"""
from __future__ import annotations

import json
import os
from collections.abc import Callable, Iterator, Mapping
from datetime import date, datetime
from pathlib import Path
from typing import Any

import yaml

from etl.models import Article, ReadProblem

ReadResult = Article | ReadProblem
Reader = Callable[[Path], Iterator[ReadResult]]

READERS: dict[str, Reader] = {}
"""File extension (lower case, with the dot) -> reader function."""

METADATA_KEYS = ("id", "url", "title", "publisher", "published")
_BOM = b"\xef\xbb\xbf"
_BINARY_SNIFF_BYTES = 8192


def register_reader(*extensions: str) -> Callable[[Reader], Reader]:
    """Register a reader function for file extensions such as ".jsonl"."""

    def register(reader: Reader) -> Reader:
        for ext in extensions:
            READERS[ext.lower()] = reader
        return reader

    return register


def read_path(path: str | os.PathLike[str]) -> Iterator[ReadResult]:
    """Every article under `path` (a file or a folder, walked recursively in sorted order).

    Inside folders, hidden entries and files no reader handles are ignored; a file named
    directly with an unsupported extension, or a path that does not exist, is a problem.
    """
    raw = os.fspath(path)
    if raw.startswith(("http://", "https://")):
        yield ReadProblem(raw, "reading feeds from a URL is not supported yet: save the feed to a file")
        return
    p = Path(raw)
    if p.is_dir():
        for file in _walk(p):
            yield from READERS[file.suffix.lower()](file)
    elif p.is_file():
        reader = READERS.get(p.suffix.lower())
        if reader is None:
            known = ", ".join(sorted(READERS))
            yield ReadProblem(raw, f"unsupported file type {p.suffix or '(none)'!r}: Tally reads {known}")
        else:
            yield from reader(p)
    else:
        yield ReadProblem(raw, "no such file or folder")


def _walk(folder: Path) -> Iterator[Path]:
    for root, dirs, files in os.walk(folder):
        dirs[:] = sorted(d for d in dirs if not d.startswith("."))
        for name in sorted(files):
            if not name.startswith(".") and Path(name).suffix.lower() in READERS:
                yield Path(root) / name


# --- shared helpers ---------------------------------------------------------------------

def _read_bytes(path: Path) -> bytes | ReadProblem:
    """The file's bytes without a UTF-8 BOM, or a problem if it is unreadable, empty or binary."""
    origin = str(path)
    try:
        data = path.read_bytes()
    except OSError as exc:
        return ReadProblem(origin, f"cannot read file: {exc.strerror or exc}")
    if data.startswith(_BOM):
        data = data[len(_BOM):]
    if not data.strip():
        return ReadProblem(origin, "file is empty")
    if b"\x00" in data[:_BINARY_SNIFF_BYTES]:
        return ReadProblem(origin, "binary file, not text: Tally reads UTF-8 text")
    return data


def _decode(data: bytes, origin: str, first_line: int = 1) -> str | ReadProblem:
    """UTF-8 text with universal newlines, or a problem naming the line of the first bad byte."""
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = first_line + data[: exc.start].count(b"\n")
        return ReadProblem(
            origin,
            f"not UTF-8 text: undecodable byte 0x{data[exc.start]:02x}; re-save the file as UTF-8",
            line,
        )
    return text.replace("\r\n", "\n").replace("\r", "\n")


def _parse_published(value: Any) -> date | None:
    """A `published` value (ISO 8601 date or datetime, or a YAML date) as a date; ValueError if bad."""
    if value is None or value == "":
        return None
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    if isinstance(value, str):
        s = value.strip()
        try:
            return date.fromisoformat(s)
        except ValueError:
            return datetime.fromisoformat(s).date()
    raise ValueError(f"not a date: {value!r}")


def _optional_str(value: Any) -> str | None:
    if value is None:
        return None
    s = str(value).strip()
    return s or None


def _article(
    text: str, origin: str, meta: Mapping[str, Any], line: int | None, date_line: int | None = None
) -> Article | ReadProblem:
    """An Article from a body and its metadata, or a problem if the body is empty or the date bad.

    `line` is where the article starts (for JSON lines), `date_line` where its date is written.
    """
    body = text.strip()
    if not body:
        return ReadProblem(origin, "article text is empty", line)
    raw_date = meta.get("published")
    try:
        published = _parse_published(raw_date)
    except ValueError:
        # The article is skipped, not stored undated: fixing the date and rerunning then stores it right.
        return ReadProblem(
            origin,
            f'bad "published" date {raw_date!r}: use an ISO 8601 date such as 2022-06-15 '
            "or a datetime such as 2022-06-15T08:00:00Z",
            date_line or line,
        )
    return Article(
        text=body,
        origin=origin,
        url=_optional_str(meta.get("url")),
        title=_optional_str(meta.get("title")),
        publisher=_optional_str(meta.get("publisher")),
        published=published,
        source_id=_optional_str(meta.get("id")),
    )


# --- readers ----------------------------------------------------------------------------

@register_reader(".jsonl")
def read_jsonl(path: Path) -> Iterator[ReadResult]:
    """One article per line: `text` (required), `id`, `url`, `title`, `publisher`, `published`."""
    origin = str(path)
    data = _read_bytes(path)
    if isinstance(data, ReadProblem):
        yield data
        return
    for number, raw_line in enumerate(data.split(b"\n"), start=1):
        if not raw_line.strip():
            continue
        line = _decode(raw_line, origin, number)
        if isinstance(line, ReadProblem):
            yield line
            continue
        try:
            record = json.loads(line)
        except json.JSONDecodeError as exc:
            yield ReadProblem(origin, f"malformed JSON ({exc.msg} at column {exc.colno}): skipped this line", number)
            continue
        if not isinstance(record, dict):
            yield ReadProblem(origin, "line is not a JSON object: expected {\"text\": ...}", number)
            continue
        text = record.get("text")
        if not isinstance(text, str):
            yield ReadProblem(origin, 'line has no "text" string: every article needs its text', number)
            continue
        yield _article(text, origin, record, number)


@register_reader(".txt", ".md")
def read_text(path: Path) -> Iterator[ReadResult]:
    """The file is the article body, with optional YAML front matter between `---` lines."""
    origin = str(path)
    data = _read_bytes(path)
    if isinstance(data, ReadProblem):
        yield data
        return
    text = _decode(data, origin)
    if isinstance(text, ReadProblem):
        yield text
        return
    meta: Mapping[str, Any] = {}
    date_line = None
    lines = text.split("\n")
    if lines[0].strip() == "---":
        try:
            end = next(i for i in range(1, len(lines)) if lines[i].strip() in ("---", "..."))
        except StopIteration:
            yield ReadProblem(origin, "front matter opened with '---' on line 1 is never closed by a '---' line", 1)
            return
        try:
            loaded = yaml.safe_load("\n".join(lines[1:end]))
        except yaml.YAMLError as exc:
            mark = getattr(exc, "problem_mark", None)
            line = mark.line + 2 if mark is not None else 1
            yield ReadProblem(origin, f"bad YAML front matter: {getattr(exc, 'problem', None) or exc}", line)
            return
        if loaded is not None and not isinstance(loaded, dict):
            yield ReadProblem(origin, "front matter is not a mapping of keys (url:, title:, published: ...)", 2)
            return
        meta = loaded or {}
        date_line = next((i + 1 for i in range(1, end) if lines[i].startswith("published:")), None)
        text = "\n".join(lines[end + 1:])
    yield _article(text, origin, meta, None, date_line)

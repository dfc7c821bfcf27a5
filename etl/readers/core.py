"""The readers' shared core: options and limits, the registry, walking paths, building articles.

`read_path` walks files and folders in sorted order and dispatches each file on its
extension through `READERS` (and each `http(s)` URL through `URL_READERS`); a new input
form is one more function registered with `@register_reader(".ext")`, with no change to
the pipeline. Whatever a reader raises on one input (a parser bug, a resource limit on
hostile input) is turned into a `ReadProblem` for that input here, and reading goes on.
"""
from __future__ import annotations

import hashlib
import os
import re
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path
from typing import Any

from etl.extract.lexicon import LANGUAGES
from etl.models import Article, ReadProblem, TextSource

ReadResult = Article | ReadProblem

DEFAULT_MAX_BYTES = 20 * 1024 * 1024
"""Largest input file or feed body read (`tally etl --max-size`)."""
DEFAULT_MAX_DEPTH = 32
"""Deepest nesting of a JSON line or of YAML front matter (`--max-depth`); articles need 1 or 2."""
DEFAULT_MAX_ALIASES = 16
"""Most YAML aliases (`*name`) in one front matter (`--max-aliases`): each can multiply its size."""
MAX_FRONT_MATTER_CHARS = 64 * 1024
"""Front matter is a few lines of metadata; more than this is not front matter but a mistake or an attack."""

METADATA_KEYS = ("id", "url", "title", "publisher", "published", "language")
_MESSAGE_CHARS = 160


@dataclass(frozen=True)
class ReadWarning(ReadProblem):
    """Something about an input worth saying, whose articles were read all the same (not a failure)."""


@dataclass(frozen=True)
class ReadOptions:
    """Limits for one read: the largest input, nesting and aliases accepted, and how feed URLs are fetched."""

    max_bytes: int = DEFAULT_MAX_BYTES
    max_depth: int = DEFAULT_MAX_DEPTH
    max_aliases: int = DEFAULT_MAX_ALIASES
    feed_timeout_s: float = 20.0  # the whole fetch of one attempt: connecting, headers and body
    feed_attempts: int = 3
    feed_backoff_s: float = 2.0  # first wait between attempts; doubles each time, at most 30 s
    user_agent: str = "Tally-ETL/0.1 (feed reader)"

    def file_limits(self) -> str:
        """The limits that decide what a file yields, as text: part of the key under which the
        ETL remembers a file it has stored (the same file read with other limits is read again)."""
        return f"max_bytes={self.max_bytes};max_depth={self.max_depth};max_aliases={self.max_aliases}"


Reader = Callable[[Path, ReadOptions], Iterator[ReadResult]]
UrlReader = Callable[[str, ReadOptions], Iterator[ReadResult]]

READERS: dict[str, Reader] = {}
"""File extension (lower case, with the dot) -> reader function."""
URL_READERS: dict[str, UrlReader] = {}
"""URL scheme ("https") -> reader function."""


def register_reader(*extensions: str) -> Callable[[Reader], Reader]:
    """Register a reader function `(path, options) -> results` for file extensions such as ".jsonl"."""

    def register(reader: Reader) -> Reader:
        for ext in extensions:
            READERS[ext.lower()] = reader
        return reader

    return register


def register_url_reader(*schemes: str) -> Callable[[UrlReader], UrlReader]:
    """Register a reader function `(url, options) -> results` for URL schemes such as "https"."""

    def register(reader: UrlReader) -> UrlReader:
        for scheme in schemes:
            URL_READERS[scheme.lower()] = reader
        return reader

    return register


def is_url(raw: str) -> bool:
    return raw.startswith(("http://", "https://"))


def read_path(path: str | os.PathLike[str], options: ReadOptions | None = None,
              skip: Callable[[Path], bool] | None = None) -> Iterator[ReadResult]:
    """Every article under `path`: a file, a folder (walked recursively in sorted order) or a feed URL.

    Inside folders, hidden entries and files no reader handles are ignored; a file named
    directly with an unsupported extension, or a path that does not exist, is a problem.
    Files larger than `options.max_bytes` are problems, not read. A file for which `skip`
    says True is not read (the ETL's test that the file is unchanged since a run stored it).
    """
    options = options or ReadOptions()
    raw = os.fspath(path)
    if is_url(raw):
        scheme = raw.split(":", 1)[0].lower()
        yield from guarded(raw, URL_READERS[scheme](raw, options))
        return
    p = Path(raw)
    if p.is_dir():
        for file in _walk(p):
            yield from _read_file(file, READERS[file.suffix.lower()], options, skip)
    elif p.is_file():
        reader = READERS.get(p.suffix.lower())
        if reader is None:
            known = ", ".join(sorted(READERS))
            yield ReadProblem(raw, f"unsupported file type {p.suffix or '(none)'!r}: Tally reads {known} and feed URLs")
        else:
            yield from _read_file(p, reader, options, skip)
    elif p.exists():
        yield ReadProblem(raw, "not a regular file or folder (a device, socket or pipe?): skipped")
    else:
        yield ReadProblem(raw, "no such file or folder")


def _read_file(path: Path, reader: Reader, options: ReadOptions,
               skip: Callable[[Path], bool] | None = None) -> Iterator[ReadResult]:
    try:
        size = path.stat().st_size
        if skip is not None and skip(path):
            return
    except OSError as exc:
        yield ReadProblem(str(path), f"cannot read file: {exc.strerror or exc}")
        return
    if size > options.max_bytes:
        yield ReadProblem(
            str(path),
            f"file is {mb(size)}, over the {mb(options.max_bytes)} input limit: skipped "
            "(raise it with `tally etl --max-size MB` if the file is genuine)",
        )
        return
    yield from guarded(str(path), reader(path, options))


def file_digest(path: Path) -> str:
    """The SHA-256 of a file's bytes, in hex (read in blocks: memory stays flat)."""
    with path.open("rb") as handle:
        return hashlib.file_digest(handle, "sha256").hexdigest()


def guarded(origin: str, results: Iterator[ReadResult]) -> Iterator[ReadResult]:
    """`results`, with anything the reader raises turned into one last problem for this input.

    The results it gave before are kept: a reader that dies half-way through a file still
    hands over the articles it had read.
    """
    try:
        yield from results
    except Exception as exc:  # any failure on one input is that input's problem, never the run's
        yield ReadProblem(origin, f"could not be read: {describe_error(exc)}")


def describe_error(exc: BaseException) -> str:
    """An exception as one short line: its kind and message (never a rendering of a huge value)."""
    if isinstance(exc, RecursionError):
        return "nested too deeply to read (RecursionError)"
    if isinstance(exc, MemoryError):
        return "too large to hold in memory (MemoryError)"
    return f"{type(exc).__name__}: {one_line(str(exc))}"


def one_line(text: str, limit: int = _MESSAGE_CHARS) -> str:
    """`text` on one line, cut to `limit` characters (what a problem message may quote of an input)."""
    flat = " ".join(text[: limit * 4].split())
    if len(flat) > limit or len(text) > limit * 4:
        return flat[: limit - 1].rstrip() + "…"
    return flat


def mb(n: int) -> str:
    return f"{n / 1024 / 1024:.1f} MB" if n >= 100 * 1024 else f"{n} bytes"


def _walk(folder: Path) -> Iterator[Path]:
    for root, dirs, files in os.walk(folder):
        dirs[:] = sorted(d for d in dirs if not d.startswith("."))
        for name in sorted(files):
            path = Path(root) / name
            if not name.startswith(".") and path.suffix.lower() in READERS and path.is_file():
                yield path  # a FIFO or socket is skipped: reading one would block the run


# --- metadata and articles ----------------------------------------------------------------

def parse_published(value: Any) -> date | None:
    """A `published` value (ISO 8601 date or datetime, or a date) as a date; ValueError if bad.

    A datetime keeps the date as written (its own time zone), not converted to UTC.
    """
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
    raise ValueError(f"not a date: {type(value).__name__}")


def optional_str(value: Any) -> str | None:
    if value is None:
        return None
    s = str(value).strip()
    return s or None


def build_article(
    text: str,
    origin: str,
    meta: Mapping[str, Any],
    line: int | None,
    key_lines: Mapping[str, int] | None = None,
    text_source: TextSource = "body",
) -> Article | ReadProblem:
    """An Article from a body and its metadata, or a problem if the body is empty, a key not a
    single value, or the date bad.

    `line` is where the article starts (for JSON lines), `key_lines` where each key is written
    (front matter), for the messages.
    """
    key_lines = key_lines or {}
    body = text.strip()
    if not body:
        return ReadProblem(origin, "article text is empty", line)
    for key in METADATA_KEYS:
        value = meta.get(key)
        if value is not None and not isinstance(value, (str, int, float, date)):
            # never str() it: a list or mapping (a YAML alias bomb above all) can be huge once rendered
            kind = type(value).__name__
            return ReadProblem(origin, f'"{key}" must be a single value, not a {kind}', key_lines.get(key, line))
    raw_date = meta.get("published")
    try:
        published = parse_published(raw_date)
    except ValueError:
        # The article is skipped, not stored undated: fixing the date and rerunning then stores it right.
        return ReadProblem(
            origin,
            f'bad "published" date {one_line(repr(raw_date), 60)}: use an ISO 8601 date such as 2022-06-15 '
            "or a datetime such as 2022-06-15T08:00:00Z",
            key_lines.get("published", line),
        )
    language = optional_str(meta.get("language"))
    if language is not None and language.lower() not in LANGUAGES:
        return ReadProblem(origin, f'bad "language" {one_line(repr(language), 60)}: use one of {", ".join(LANGUAGES)} '
                                   "(ISO 639-1), or leave it out to detect it from the text",
                           key_lines.get("language", line))
    return Article(
        text=body,
        origin=origin,
        language=language.lower() if language else None,
        url=optional_str(meta.get("url")),
        title=optional_str(meta.get("title")),
        publisher=optional_str(meta.get("publisher")),
        published=published,
        source_id=optional_str(meta.get("id")),
        line=line,
        text_source=text_source,
    )


def loose_date(value: str | None) -> date | None:
    """A date from an ISO 8601 or RFC 822 string, keeping the date as written; None if it is neither."""
    import email.utils

    if not value:
        return None
    s = value.strip()
    try:
        return parse_published(s.replace("Z", "+00:00") if s.endswith("Z") else s)
    except ValueError:
        pass
    try:
        return email.utils.parsedate_to_datetime(s).date()
    except (TypeError, ValueError, IndexError, OverflowError):
        pass
    m = re.match(r"(\d{4})-(\d{2})-(\d{2})", s)
    if m:
        try:
            return date(int(m[1]), int(m[2]), int(m[3]))
        except ValueError:
            return None
    return None

"""Readers: turn input files, folders and feed URLs into `Article`s, and bad input into `ReadProblem`s.

`read_path` walks files and folders in sorted order and dispatches each file on its
extension through `READERS`; a new input form is one more function registered with
`@register_reader(".ext", ...)`, with no change to the pipeline. An `http(s)` URL is read
as an RSS / Atom feed. A reader never raises on bad input: it yields a `ReadProblem`
naming the file and line, and keeps reading whatever else it can. Input that was stored
with a caveat (a page that looks truncated, a feed with broken XML after some entries)
gives a `ReadWarning` beside its articles: reported, but not a failure.

Text is decoded as UTF-8 when it is UTF-8; otherwise a byte-order mark, an HTML
`<meta charset>` or detection (charset-normalizer: UTF-16, Windows-1252, Latin-1,
Windows-1251, ...) decides, so legacy files are read rather than rejected or stored as
mojibake. Nothing here downloads anything except the feed URLs it is given.
"""
from __future__ import annotations

import codecs
import email.utils
import json
import os
import re
import socket
import urllib.error
import urllib.request
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path
from typing import Any

import yaml

from etl.extract.lexicon import LANGUAGES
from etl.models import Article, ReadProblem, TextSource

ReadResult = Article | ReadProblem
Reader = Callable[[Path], Iterator[ReadResult]]

READERS: dict[str, Reader] = {}
"""File extension (lower case, with the dot) -> reader function."""

METADATA_KEYS = ("id", "url", "title", "publisher", "published", "language")
_SNIFF_CHARS = 8192
DEFAULT_MAX_BYTES = 20 * 1024 * 1024


@dataclass(frozen=True)
class ReadWarning(ReadProblem):
    """Something about an input worth saying, whose articles were read all the same (not a failure)."""


@dataclass(frozen=True)
class ReadOptions:
    """Limits for one read: the largest input accepted, and how feed URLs are fetched."""

    max_bytes: int = DEFAULT_MAX_BYTES
    feed_timeout_s: float = 20.0
    feed_attempts: int = 3
    feed_backoff_s: float = 2.0  # first wait between attempts; doubles each time, at most 30 s
    user_agent: str = "Tally-ETL/0.1 (feed reader)"


def register_reader(*extensions: str) -> Callable[[Reader], Reader]:
    """Register a reader function for file extensions such as ".jsonl"."""

    def register(reader: Reader) -> Reader:
        for ext in extensions:
            READERS[ext.lower()] = reader
        return reader

    return register


def is_url(raw: str) -> bool:
    return raw.startswith(("http://", "https://"))


def read_path(path: str | os.PathLike[str], options: ReadOptions | None = None) -> Iterator[ReadResult]:
    """Every article under `path`: a file, a folder (walked recursively in sorted order) or a feed URL.

    Inside folders, hidden entries and files no reader handles are ignored; a file named
    directly with an unsupported extension, or a path that does not exist, is a problem.
    Files larger than `options.max_bytes` are problems, not read.
    """
    options = options or ReadOptions()
    raw = os.fspath(path)
    if is_url(raw):
        yield from read_feed_url(raw, options)
        return
    p = Path(raw)
    if p.is_dir():
        for file in _walk(p):
            yield from _read_file(file, READERS[file.suffix.lower()], options)
    elif p.is_file():
        reader = READERS.get(p.suffix.lower())
        if reader is None:
            known = ", ".join(sorted(READERS))
            yield ReadProblem(raw, f"unsupported file type {p.suffix or '(none)'!r}: Tally reads {known} and feed URLs")
        else:
            yield from _read_file(p, reader, options)
    elif p.exists():
        yield ReadProblem(raw, "not a regular file or folder (a device, socket or pipe?): skipped")
    else:
        yield ReadProblem(raw, "no such file or folder")


def _read_file(path: Path, reader: Reader, options: ReadOptions) -> Iterator[ReadResult]:
    try:
        size = path.stat().st_size
    except OSError as exc:
        yield ReadProblem(str(path), f"cannot read file: {exc.strerror or exc}")
        return
    if size > options.max_bytes:
        yield ReadProblem(
            str(path),
            f"file is {_mb(size)}, over the {_mb(options.max_bytes)} input limit: skipped "
            "(raise it with `tally etl --max-size MB` if the file is genuine)",
        )
        return
    yield from reader(path)


def _mb(n: int) -> str:
    return f"{n / 1024 / 1024:.1f} MB" if n >= 100 * 1024 else f"{n} bytes"


def _walk(folder: Path) -> Iterator[Path]:
    for root, dirs, files in os.walk(folder):
        dirs[:] = sorted(d for d in dirs if not d.startswith("."))
        for name in sorted(files):
            path = Path(root) / name
            if not name.startswith(".") and path.suffix.lower() in READERS and path.is_file():
                yield path  # a FIFO or socket is skipped: reading one would block the run


# --- bytes and text ---------------------------------------------------------------------

_BOMS: tuple[tuple[bytes, str], ...] = (
    (codecs.BOM_UTF32_LE, "utf-32-le"),  # before UTF-16 LE: it starts with the same two bytes
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0e-\x1f\x7f]")
_NEWLINES = re.compile(r"\r\n?|\u2028|\u2029|\x85")


def _read_bytes(path: Path) -> bytes | ReadProblem:
    """The file's bytes, or a problem if it cannot be read or holds nothing."""
    origin = str(path)
    try:
        data = path.read_bytes()
    except OSError as exc:
        return ReadProblem(origin, f"cannot read file: {exc.strerror or exc}")
    if not data.strip():
        return ReadProblem(origin, "file is empty")
    return data


def _bom(data: bytes) -> tuple[str, bytes] | None:
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            return encoding, data[len(bom):]
    return None


def detect_encoding(data: bytes, declared: str | None = None) -> str | None:
    """The encoding of text that is not UTF-8: a BOM, else a declared one that decodes it, else detected.

    Among equally clean readings charset-normalizer offers, Windows-1252 (the superset of
    Latin-1 for printable text, and the commonest legacy encoding of English copy) wins;
    None when nothing reads it cleanly.
    """
    found = _bom(data)
    if found:
        return found[0]
    if declared:
        try:
            codecs.lookup(declared)
            data.decode(declared)
            return declared
        except (LookupError, UnicodeDecodeError):
            pass
    from charset_normalizer import from_bytes  # imported lazily: it is slow to import

    matches = list(from_bytes(data))
    if not matches:
        return None
    best = min(m.chaos for m in matches)
    clean = [m for m in matches if m.chaos <= best + 0.01]
    for m in clean:
        if "cp1252" in (m.encoding, *m.could_be_from_charset):
            return "cp1252"
    return clean[0].encoding


def decode_text(data: bytes, origin: str, declared: str | None = None) -> str | ReadProblem:
    """Bytes as text with "\\n" newlines, whatever their encoding, or a problem if they are not text."""
    found = _bom(data)
    if found:
        encoding, body = found
        try:
            text = body.decode(encoding)
        except UnicodeDecodeError as exc:
            return ReadProblem(origin, f"starts with a {encoding.upper()} byte-order mark but is not {encoding.upper()}: {exc.reason}")
    elif b"\x00" not in data[:_SNIFF_CHARS] and _utf8(data) is not None:
        text = _utf8(data) or ""
    else:
        encoding = detect_encoding(data, None if b"\x00" in data[:_SNIFF_CHARS] else declared)
        if encoding is None or (b"\x00" in data[:_SNIFF_CHARS] and not encoding.startswith("utf_")):
            if b"\x00" in data[:_SNIFF_CHARS]:
                return ReadProblem(origin, "binary file, not text: Tally reads text files (UTF-8, UTF-16, Windows-1252, ...)")
            line = 1 + data[: _first_bad_utf8(data)].count(b"\n")
            return ReadProblem(
                origin,
                "undecodable text: not UTF-8, and no other encoding reads it cleanly; re-save the file as UTF-8",
                line,
            )
        text = data.decode(encoding, errors="replace")
    sample = text[:_SNIFF_CHARS]
    if sample and len(_CONTROL.findall(sample)) > max(2, len(sample) // 20):
        return ReadProblem(origin, "binary file, not text: it is full of control characters")
    return _NEWLINES.sub("\n", text.replace("\x00", ""))


def _utf8(data: bytes) -> str | None:
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        return None


def _first_bad_utf8(data: bytes) -> int:
    try:
        data.decode("utf-8")
    except UnicodeDecodeError as exc:
        return exc.start
    return 0


def _parse_published(value: Any) -> date | None:
    """A `published` value (ISO 8601 date or datetime, or a YAML date) as a date; ValueError if bad.

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
    raise ValueError(f"not a date: {value!r}")


def _optional_str(value: Any) -> str | None:
    if value is None:
        return None
    s = str(value).strip()
    return s or None


def _article(
    text: str,
    origin: str,
    meta: Mapping[str, Any],
    line: int | None,
    date_line: int | None = None,
    text_source: TextSource = "body",
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
    language = _optional_str(meta.get("language"))
    if language is not None and language.lower() not in LANGUAGES:
        return ReadProblem(origin, f'bad "language" {language!r}: use one of {", ".join(LANGUAGES)} '
                                   "(ISO 639-1), or leave it out to detect it from the text", line)
    return Article(
        text=body,
        origin=origin,
        language=language.lower() if language else None,
        url=_optional_str(meta.get("url")),
        title=_optional_str(meta.get("title")),
        publisher=_optional_str(meta.get("publisher")),
        published=published,
        source_id=_optional_str(meta.get("id")),
        line=line,
        text_source=text_source,
    )


# --- JSON lines, text and Markdown ------------------------------------------------------

@register_reader(".jsonl")
def read_jsonl(path: Path) -> Iterator[ReadResult]:
    """One article per line: `text` (required), `id`, `url`, `title`, `publisher`, `published`."""
    origin = str(path)
    data = _read_bytes(path)
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


def _jsonl_lines(data: bytes, origin: str) -> Iterator[tuple[int, str | ReadProblem]]:
    """(line number, decoded line) for each line; a line no encoding reads is a problem for that line.

    A file with a BOM, or NUL bytes (UTF-16/32), is decoded whole. Otherwise each line is
    UTF-8 if it can be, and the lines that are not share one detected encoding, so a
    Windows-1252 file reads right and one stray Latin-1 line does not spoil its neighbours.
    """
    if _bom(data) or b"\x00" in data[:_SNIFF_CHARS]:
        text = decode_text(data, origin)
        if isinstance(text, ReadProblem):
            yield 0, text
            return
        yield from enumerate(text.split("\n"), start=1)
        return
    raw_lines = data.split(b"\n")
    bad = [raw for raw in raw_lines if _utf8(raw) is None]
    fallback = detect_encoding(b"\n".join(bad)) if bad else None
    for number, raw in enumerate(raw_lines, start=1):
        text = _utf8(raw)
        if text is None and fallback is not None:
            text = raw.decode(fallback, errors="replace")
        if text is None:
            yield number, ReadProblem(
                origin, "undecodable text: not UTF-8, and no other encoding reads it cleanly; skipped this line", number
            )
            continue
        yield number, text.rstrip("\r")


@register_reader(".txt", ".md")
def read_text(path: Path) -> Iterator[ReadResult]:
    """The file is the article body, with optional YAML front matter between `---` lines."""
    origin = str(path)
    data = _read_bytes(path)
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


# --- HTML pages -------------------------------------------------------------------------

_META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]+)""", re.IGNORECASE)
# Markup that states when a page was first published, most specific first. Modified /
# updated dates are deliberately absent: Tally wants the original publication date.
_MIN_HTML_WORDS = 5  # less than this is a menu or a link list, not an article
_PUBLISHED_XPATHS = (
    '//meta[@property="article:published_time"]/@content',
    '//meta[@name="article:published_time"]/@content',
    '//meta[@property="og:published_time"]/@content',
    '//meta[@itemprop="datePublished"]/@content',
    '//time[@itemprop="datePublished"]/@datetime',
    '//meta[@name="pubdate" or @name="publishdate" or @name="publish-date" or @name="publish_date"]/@content',
    '//meta[@name="parsely-pub-date" or @name="sailthru.date" or @name="date"]/@content',
    '//meta[@name="dc.date.issued" or @name="DC.date.issued" or @name="dcterms.issued" or @name="DC.date"]/@content',
)
_MODIFIED_XPATHS = (
    '//meta[@property="article:modified_time" or @property="og:updated_time"]/@content',
    '//meta[@itemprop="dateModified"]/@content',
    '//meta[@name="last-modified" or @name="dcterms.modified"]/@content',
)


@register_reader(".html", ".htm")
def read_html(path: Path) -> Iterator[ReadResult]:
    """A saved web page: its main text (trafilatura), title, canonical URL, site name and publication date."""
    origin = str(path)
    data = _read_bytes(path)
    if isinstance(data, ReadProblem):
        yield data
        return
    declared = _META_CHARSET.search(data[:4096])
    text = decode_text(data, origin, declared.group(1).decode("ascii") if declared else None)
    if isinstance(text, ReadProblem):
        yield text
        return
    yield from html_articles(text, origin)


def html_articles(html: str, origin: str) -> Iterator[ReadResult]:
    """The article in one HTML page (already decoded), or a problem when the page has no main text."""
    import trafilatura  # imported lazily: heavy, and only HTML needs it

    try:
        doc = trafilatura.bare_extraction(
            html,
            with_metadata=True,
            include_comments=False,
            include_tables=False,
            date_extraction_params={"original_date": True, "extensive_search": False},
        )
    except Exception as exc:  # a parser bug on odd markup must cost this page only
        yield ReadProblem(origin, f"could not parse the HTML page ({type(exc).__name__}: {exc})")
        return
    body = (doc.text or "") if doc is not None else ""
    title = _optional_str(doc.title) if doc is not None else None
    lines = body.strip().split("\n")
    if title and lines and lines[0].strip() == title:  # the headline is metadata, not body
        body = "\n".join(lines[1:])
    if len(body.split()) < _MIN_HTML_WORDS:
        yield ReadProblem(origin, "no article text found in the HTML page (is it an index or an empty or broken page?)")
        return
    tail = html[-2048:].lower()
    if "</html>" not in tail and "</body>" not in tail:
        yield ReadWarning(
            origin,
            "the page has no closing </body> or </html> tag (saved incompletely?): stored the text that "
            "could be read; re-save the page if its article is cut short",
        )
    published = _html_published(html, doc.date if doc is not None else None)
    meta = {"title": title, "url": doc.url, "publisher": doc.sitename, "published": published}
    yield _article(body, origin, meta, None, text_source="html_main")


def _html_published(html: str, guessed: str | None) -> date | None:
    """The page's original publication date: explicit markup first (meta tags, JSON-LD
    `datePublished`), else trafilatura's guess unless that is the page's modified date."""
    import lxml.html

    try:
        tree = lxml.html.document_fromstring(html)
    except Exception:
        tree = None
    found: list[str] = []
    modified: set[date] = set()
    if tree is not None:
        for xp in _PUBLISHED_XPATHS:
            found.extend(str(v) for v in tree.xpath(xp))
        for script in tree.xpath('//script[@type="application/ld+json"]/text()'):
            found.extend(_json_ld_values(script, "datePublished"))
        modified = {d for v in _modified_values(tree) if (d := _loose_date(v)) is not None}
    for value in found:
        parsed = _loose_date(value)
        if parsed is not None:
            return parsed
    parsed = _loose_date(guessed) if guessed else None
    return parsed if parsed is not None and parsed not in modified else None


def _modified_values(tree: Any) -> Iterator[str]:
    for xp in _MODIFIED_XPATHS:
        yield from (str(v) for v in tree.xpath(xp))
    for script in tree.xpath('//script[@type="application/ld+json"]/text()'):
        yield from _json_ld_values(script, "dateModified")


def _json_ld_values(script: str, key: str) -> Iterator[str]:
    try:
        data = json.loads(script)
    except ValueError:
        return
    stack = [data]
    while stack:
        item = stack.pop()
        if isinstance(item, dict):
            if isinstance(item.get(key), str):
                yield item[key]
            stack.extend(item.values())
        elif isinstance(item, list):
            stack.extend(reversed(item))


def _loose_date(value: str | None) -> date | None:
    """A date from an ISO 8601 or RFC 822 string, keeping the date as written; None if it is neither."""
    if not value:
        return None
    s = value.strip()
    try:
        return _parse_published(s.replace("Z", "+00:00") if s.endswith("Z") else s)
    except ValueError:
        pass
    try:
        return email.utils.parsedate_to_datetime(s).date()
    except (TypeError, ValueError, IndexError):
        pass
    m = re.match(r"(\d{4})-(\d{2})-(\d{2})", s)
    if m:
        try:
            return date(int(m[1]), int(m[2]), int(m[3]))
        except ValueError:
            return None
    return None


def html_fragment_text(fragment: str) -> str:
    """Plain text of an HTML fragment (a feed entry's content): block elements become lines."""
    import lxml.etree
    import lxml.html

    if "<" not in fragment:
        return _tidy_lines(fragment)
    try:
        root = lxml.html.fragment_fromstring(fragment, create_parent="div")
    except (lxml.etree.ParserError, ValueError):
        return _tidy_lines(re.sub(r"<[^>]+>", " ", fragment))
    for bad in root.xpath("//script|//style"):
        bad.drop_tree()
    for br in root.xpath("//br"):
        br.tail = "\n" + (br.tail or "")
    for block in root.xpath("//p|//div|//li|//h1|//h2|//h3|//h4|//h5|//h6|//blockquote|//tr"):
        block.tail = "\n" + (block.tail or "")
    return _tidy_lines(root.text_content())


def _tidy_lines(text: str) -> str:
    lines = (" ".join(line.split()) for line in text.split("\n"))
    return "\n".join(line for line in lines if line).strip()


# --- RSS / Atom feeds -------------------------------------------------------------------

@register_reader(".xml", ".rss", ".atom")
def read_feed_file(path: Path) -> Iterator[ReadResult]:
    """A saved RSS or Atom feed: one article per entry."""
    data = _read_bytes(path)
    if isinstance(data, ReadProblem):
        yield data
        return
    yield from feed_articles(data, str(path))


class FeedFetchError(Exception):
    """A feed URL could not be fetched; `retry` says whether trying again may help."""

    def __init__(self, message: str, retry: bool) -> None:
        super().__init__(message)
        self.retry = retry


def read_feed_url(url: str, options: ReadOptions | None = None) -> Iterator[ReadResult]:
    """A feed fetched from `url` (retried with backoff on network errors); one problem if it never comes."""
    options = options or ReadOptions()
    try:
        data = fetch_feed(url, options)
    except FeedFetchError as exc:
        yield ReadProblem(url, str(exc))
        return
    if not data.strip():
        yield ReadProblem(url, "the feed URL returned an empty response")
        return
    yield from feed_articles(data, url)


def fetch_feed(url: str, options: ReadOptions) -> bytes:
    """The body at `url`, trying up to `options.feed_attempts` times with exponential backoff.

    Connection errors, timeouts and HTTP 408/429/5xx are retried; other HTTP errors are not.
    Raises `FeedFetchError` with a plain message.
    """
    from tenacity import RetryError, retry, retry_if_exception, stop_after_attempt, wait_exponential

    attempts = max(1, options.feed_attempts)

    @retry(
        retry=retry_if_exception(lambda e: isinstance(e, FeedFetchError) and e.retry),
        stop=stop_after_attempt(attempts),
        wait=wait_exponential(multiplier=options.feed_backoff_s, max=30),
        reraise=True,
    )
    def attempt() -> bytes:
        return _fetch_once(url, options)

    try:
        return attempt()
    except FeedFetchError as exc:
        tries = f" after {attempts} attempt(s)" if exc.retry and attempts > 1 else ""
        raise FeedFetchError(f"feed could not be fetched{tries}: {exc}", exc.retry) from None
    except RetryError as exc:  # pragma: no cover - reraise=True makes this unreachable
        raise FeedFetchError(f"feed could not be fetched: {exc}", True) from None


def _fetch_once(url: str, options: ReadOptions) -> bytes:
    request = urllib.request.Request(
        url,
        headers={
            "User-Agent": options.user_agent,
            "Accept": "application/rss+xml, application/atom+xml, application/xml;q=0.9, text/xml;q=0.9, */*;q=0.5",
        },
    )
    try:
        with urllib.request.urlopen(request, timeout=options.feed_timeout_s) as response:
            data = response.read(options.max_bytes + 1)
    except urllib.error.HTTPError as exc:
        retry = exc.code in (408, 429) or exc.code >= 500
        raise FeedFetchError(f"the server answered HTTP {exc.code} {exc.reason}", retry) from None
    except urllib.error.URLError as exc:
        reason = exc.reason
        if isinstance(reason, (TimeoutError, socket.timeout)):
            raise FeedFetchError(f"no answer within {options.feed_timeout_s:g} s (timed out)", True) from None
        if isinstance(reason, ConnectionRefusedError):
            raise FeedFetchError("connection refused (is the server down or the port wrong?)", True) from None
        if isinstance(reason, socket.gaierror):
            raise FeedFetchError(f"unknown host ({reason.strerror})", True) from None
        raise FeedFetchError(f"network error: {getattr(reason, 'strerror', None) or reason}", True) from None
    except (TimeoutError, socket.timeout):
        raise FeedFetchError(f"no answer within {options.feed_timeout_s:g} s (timed out)", True) from None
    except (ConnectionError, OSError) as exc:
        raise FeedFetchError(f"network error: {exc.strerror or exc}", True) from None
    except ValueError as exc:  # a malformed URL
        raise FeedFetchError(f"not a valid URL: {exc}", False) from None
    if len(data) > options.max_bytes:
        raise FeedFetchError(
            f"the feed is over the {_mb(options.max_bytes)} input limit (raise it with `tally etl --max-size MB`)", False
        )
    return data


def feed_articles(data: bytes, origin: str) -> Iterator[ReadResult]:
    """One article per entry of an RSS / Atom document given as bytes (feedparser decodes it).

    Each entry's full content is its text when the feed carries it, else its summary
    (`text_source` says which). Broken XML after some entries keeps those entries, with a
    warning; a document that is not a feed at all is a problem.
    """
    import feedparser

    # Bytes, never a string: given a string that looks like a URL, feedparser would fetch it.
    parsed = feedparser.parse(data, sanitize_html=True, resolve_relative_uris=False)
    bozo = parsed.get("bozo_exception") if parsed.get("bozo") else None
    where = _sax_line(bozo)
    if not parsed.entries:
        if bozo is not None or not parsed.get("version"):
            reason = f": {_bozo_message(bozo)}" if bozo is not None else ""
            yield ReadProblem(origin, f"not a readable RSS or Atom feed{reason}", where)
        return
    if bozo is not None and not isinstance(bozo, feedparser.CharacterEncodingOverride):
        yield ReadWarning(
            origin,
            f"the feed is malformed ({_bozo_message(bozo)}); read the {len(parsed.entries)} entries before the fault",
            where,
        )
    feed = parsed.feed
    feed_publisher = _optional_str(feed.get("publisher")) or _optional_str(feed.get("title"))
    for number, entry in enumerate(parsed.entries, start=1):
        yield _feed_entry(entry, number, origin, feed_publisher)


def _feed_entry(entry: Any, number: int, origin: str, feed_publisher: str | None) -> ReadResult:
    name = _optional_str(entry.get("id")) or _optional_str(entry.get("link")) or _optional_str(entry.get("title"))
    label = f"entry {number}" + (f" ({name})" if name else "")
    text_source: TextSource
    contents = [c for c in entry.get("content") or [] if _optional_str(c.get("value"))]
    if contents:
        raw = max(contents, key=lambda c: len(c.get("value") or "")).get("value")
        text_source = "feed_content"
    elif _optional_str(entry.get("summary")):
        raw = entry.get("summary")
        text_source = "feed_summary"
    else:
        return ReadProblem(origin, f"{label} has neither content nor a summary: skipped")
    text = html_fragment_text(raw or "")
    if not text:
        return ReadProblem(origin, f"{label} has no text once its HTML is removed: skipped")
    published = _loose_date(entry.get("published")) if entry.get("published") else None
    if published is None and entry.get("published_parsed"):
        published = date(*entry.published_parsed[:3])
    title = entry.get("title")
    meta = {
        "id": entry.get("id"),
        "url": entry.get("link"),
        "title": html_fragment_text(title) if title else None,
        "publisher": _optional_str(entry.get("publisher")) or feed_publisher,
        "published": published,
    }
    article = _article(text, origin, meta, None, text_source=text_source)
    if isinstance(article, ReadProblem):
        return ReadProblem(origin, f"{label}: {article.message}")
    return article


def _sax_line(exc: Any) -> int | None:
    getter = getattr(exc, "getLineNumber", None)
    try:
        return int(getter()) if getter else None
    except Exception:
        return None


def _bozo_message(exc: Any) -> str:
    getter = getattr(exc, "getMessage", None)
    try:
        return str(getter()) if getter else str(exc)
    except Exception:
        return str(exc)

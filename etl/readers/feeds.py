"""RSS / Atom feeds, saved as files or fetched from `http(s)` URLs: one article per entry.

Fetching is bounded as a whole: `ReadOptions.feed_timeout_s` covers connecting, the headers
and the body of one attempt, so a server that drips bytes slowly is cut off like one that
says nothing. XML is parsed by feedparser with external entities off (it disables external
general entities in its SAX parser and drops every DOCTYPE entity but plain character
ones), so a feed can neither read local files nor expand an entity bomb.
"""
from __future__ import annotations

import http.client
import socket
import threading
import urllib.error
import urllib.request
from collections.abc import Iterator
from datetime import date
from pathlib import Path
from typing import Any

from etl.models import ReadProblem, TextSource
from etl.readers.core import (
    ReadOptions,
    ReadResult,
    ReadWarning,
    build_article,
    describe_error,
    loose_date,
    mb,
    optional_str,
    register_reader,
    register_url_reader,
)
from etl.readers.decoding import read_bytes
from etl.readers.html import html_fragment_text

_CHUNK = 64 * 1024


@register_reader(".xml", ".rss", ".atom")
def read_feed_file(path: Path, options: ReadOptions) -> Iterator[ReadResult]:
    """A saved RSS or Atom feed: one article per entry."""
    data = read_bytes(path)
    if isinstance(data, ReadProblem):
        yield data
        return
    yield from feed_articles(data, str(path))


class FeedFetchError(Exception):
    """A feed URL could not be fetched; `retry` says whether trying again may help."""

    def __init__(self, message: str, retry: bool) -> None:
        super().__init__(message)
        self.retry = retry


@register_url_reader("http", "https")
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


class _Deadline:
    """Cuts the connections of one fetch when its time is up.

    urllib's timeout bounds each socket operation, not the fetch: a server sending a byte
    every few seconds never trips it. A timer shuts the fetch's sockets down at the
    deadline instead, which wakes any read blocked on them.
    """

    def __init__(self, seconds: float) -> None:
        self.seconds = seconds
        self.expired = False
        self._sockets: list[socket.socket] = []
        self._lock = threading.Lock()
        self._timer = threading.Timer(seconds, self._expire)
        self._timer.daemon = True

    def __enter__(self) -> _Deadline:
        self._timer.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._timer.cancel()

    def watch(self, sock: socket.socket) -> None:
        with self._lock:
            self._sockets.append(sock)
            if self.expired:
                _shut(sock)

    def _expire(self) -> None:
        with self._lock:
            self.expired = True
            for sock in self._sockets:
                _shut(sock)

    def opener(self) -> urllib.request.OpenerDirector:
        """An opener (proxies from the environment, redirects) whose connections this deadline watches."""
        deadline = self

        def watched(connection_class: type[http.client.HTTPConnection]) -> type[http.client.HTTPConnection]:
            class Watched(connection_class):  # type: ignore[valid-type, misc]
                def connect(self) -> None:
                    super().connect()
                    deadline.watch(self.sock)

            return Watched

        class HTTPHandler(urllib.request.HTTPHandler):
            def do_open(self, http_class: Any, req: Any, **kwargs: Any) -> Any:
                return super().do_open(watched(http_class), req, **kwargs)

        class HTTPSHandler(urllib.request.HTTPSHandler):
            def do_open(self, http_class: Any, req: Any, **kwargs: Any) -> Any:
                return super().do_open(watched(http_class), req, **kwargs)

        return urllib.request.build_opener(HTTPHandler, HTTPSHandler)


def _shut(sock: socket.socket) -> None:
    try:
        sock.shutdown(socket.SHUT_RDWR)
    except OSError:
        pass


def _fetch_once(url: str, options: ReadOptions) -> bytes:
    request = urllib.request.Request(
        url,
        headers={
            "User-Agent": options.user_agent,
            "Accept": "application/rss+xml, application/atom+xml, application/xml;q=0.9, text/xml;q=0.9, */*;q=0.5",
        },
    )
    timed_out = FeedFetchError(f"no complete answer within {options.feed_timeout_s:g} s (timed out)", True)
    with _Deadline(options.feed_timeout_s) as deadline:
        try:
            with deadline.opener().open(request, timeout=options.feed_timeout_s) as response:
                chunks: list[bytes] = []
                size = 0
                while size <= options.max_bytes:
                    chunk = response.read(min(_CHUNK, options.max_bytes + 1 - size))
                    if not chunk:
                        break
                    chunks.append(chunk)
                    size += len(chunk)
                data = b"".join(chunks)
        except urllib.error.HTTPError as exc:
            retry = exc.code in (408, 429) or exc.code >= 500
            raise FeedFetchError(f"the server answered HTTP {exc.code} {exc.reason}", retry) from None
        except urllib.error.URLError as exc:
            reason = exc.reason
            if deadline.expired or isinstance(reason, (TimeoutError, socket.timeout)):
                raise timed_out from None
            if isinstance(reason, ConnectionRefusedError):
                raise FeedFetchError("connection refused (is the server down or the port wrong?)", True) from None
            if isinstance(reason, socket.gaierror):
                raise FeedFetchError(f"unknown host ({reason.strerror})", True) from None
            raise FeedFetchError(f"network error: {getattr(reason, 'strerror', None) or reason}", True) from None
        except (TimeoutError, socket.timeout):
            raise timed_out from None
        except (http.client.HTTPException, ConnectionError, OSError) as exc:
            if deadline.expired:
                raise timed_out from None
            raise FeedFetchError(f"network error: {getattr(exc, 'strerror', None) or exc}", True) from None
        except ValueError as exc:  # a malformed URL
            raise FeedFetchError(f"not a valid URL: {exc}", False) from None
    if deadline.expired:  # the connection was cut while the body was read: what came is not the feed
        raise timed_out
    if len(data) > options.max_bytes:
        raise FeedFetchError(
            f"the feed is over the {mb(options.max_bytes)} input limit (raise it with `tally etl --max-size MB`)", False
        )
    return data


def feed_articles(data: bytes, origin: str) -> Iterator[ReadResult]:
    """One article per entry of an RSS / Atom document given as bytes (feedparser decodes it).

    Each entry's full content is its text when the feed carries it, else its summary
    (`text_source` says which). Broken XML after some entries keeps those entries, with a
    warning; a document that is not a feed at all is a problem; an entry that cannot be
    read is a problem for that entry.
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
    feed_publisher = optional_str(feed.get("publisher")) or optional_str(feed.get("title"))
    for number, entry in enumerate(parsed.entries, start=1):
        try:
            yield _feed_entry(entry, number, origin, feed_publisher)
        except Exception as exc:  # one entry's failure is that entry's problem
            yield ReadProblem(origin, f"entry {number} could not be read: {describe_error(exc)}")


def _feed_entry(entry: Any, number: int, origin: str, feed_publisher: str | None) -> ReadResult:
    name = optional_str(entry.get("id")) or optional_str(entry.get("link")) or optional_str(entry.get("title"))
    label = f"entry {number}" + (f" ({name})" if name else "")
    text_source: TextSource
    contents = [c for c in entry.get("content") or [] if optional_str(c.get("value"))]
    if contents:
        raw = max(contents, key=lambda c: len(c.get("value") or "")).get("value")
        text_source = "feed_content"
    elif optional_str(entry.get("summary")):
        raw = entry.get("summary")
        text_source = "feed_summary"
    else:
        return ReadProblem(origin, f"{label} has neither content nor a summary: skipped")
    text = html_fragment_text(raw or "")
    if not text:
        return ReadProblem(origin, f"{label} has no text once its HTML is removed: skipped")
    published = loose_date(entry.get("published")) if entry.get("published") else None
    if published is None and entry.get("published_parsed"):
        published = date(*entry.published_parsed[:3])
    title = entry.get("title")
    meta = {
        "id": entry.get("id"),
        "url": entry.get("link"),
        "title": html_fragment_text(title) if title else None,
        "publisher": optional_str(entry.get("publisher")) or feed_publisher,
        "published": published,
    }
    article = build_article(text, origin, meta, None, text_source=text_source)
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

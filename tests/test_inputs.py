"""Real inputs: HTML pages, RSS / Atom feeds (files and URLs on a local server), legacy encodings, limits."""
from __future__ import annotations

import http.server
import socket
import threading
from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest

from etl.models import Article, ReadProblem
from etl.readers import ReadOptions, ReadWarning, read_path

FIXTURES = Path(__file__).parent / "fixtures" / "inputs"
# Generous for the feeds that answer (a loaded machine may be slow), short for those that never do.
FAST = ReadOptions(feed_timeout_s=10, feed_attempts=3, feed_backoff_s=0.01)
NEVER = 0.3  # timeout for the feeds that never answer (they hang until the test ends)


def split(results) -> tuple[list[Article], list[ReadProblem], list[ReadWarning]]:
    results = list(results)
    return (
        [r for r in results if isinstance(r, Article)],
        [r for r in results if isinstance(r, ReadProblem) and not isinstance(r, ReadWarning)],
        [r for r in results if isinstance(r, ReadWarning)],
    )


# --- HTML -------------------------------------------------------------------------------

def test_html_page_main_text_and_metadata() -> None:
    [page] = read_path(FIXTURES / "page-with-dates.html")
    assert isinstance(page, Article)
    assert page.title == "Shelling kills 12 in Kramatorsk"
    assert page.url == "https://example.org/world/kramatorsk-shelling"  # the canonical link
    assert page.publisher == "Example Wire"
    assert page.published == date(2022, 6, 1)  # article:published_time, not the modified date (June 9)
    assert page.text_source == "html_main"
    assert page.text.startswith("KRAMATORSK, Ukraine, June 1") and "1,500 people" in page.text
    for boilerplate in ("Home", "Most read", "Copyright", "Shelling kills 12 in Kramatorsk\n"):
        assert boilerplate not in page.text


def test_html_date_from_json_ld_keeps_the_date_as_written() -> None:
    [page] = read_path(FIXTURES / "page-json-ld-only.html")
    assert isinstance(page, Article)
    assert page.published == date(2022, 6, 14)  # datePublished 22:30 -04:00, not converted to UTC (June 15)
    assert page.title == "Evacuation from Lysychansk" and "80 people" in page.text


def test_unclosed_html_is_stored_with_a_warning() -> None:
    articles, problems, warnings = split(read_path(FIXTURES / "page-unclosed.html"))
    assert problems == [] and len(articles) == 1
    assert "Shelling killed 12 people" in articles[0].text
    [warning] = warnings
    assert "no closing </body> or </html>" in warning.message and warning.origin.endswith("page-unclosed.html")


def test_page_without_an_article_is_a_problem() -> None:
    [problem] = read_path(FIXTURES / "page-no-article.html")
    assert isinstance(problem, ReadProblem) and "no article text" in problem.message


def test_html_meta_charset_is_honoured(tmp_path: Path) -> None:
    body = "<p>Не менее 12 человек погибли в Северодонецке, сообщили местные власти в среду утром.</p>"
    page = f'<html><head><meta charset="windows-1251"><title>Т</title></head><body>{body}</body></html>'
    f = tmp_path / "ru.html"
    f.write_bytes(page.encode("cp1251"))
    [article] = read_path(f)
    assert isinstance(article, Article) and "Северодонецке" in article.text


# --- feeds ------------------------------------------------------------------------------

def test_rss_entries_use_content_else_summary() -> None:
    articles, problems, warnings = split(read_path(FIXTURES / "feed-rss.xml"))
    assert [a.source_id for a in articles] == ["ew-2022-0601-kram", "ew-2022-0603-swap"]
    full, summary_only = articles
    assert full.text_source == "feed_content" and "200 civilians" in full.text  # content:encoded, not the teaser
    assert full.text.startswith("KRAMATORSK, June 1") and "<p>" not in full.text
    assert full.published == date(2022, 6, 1) and full.url == "https://example.org/world/kramatorsk-shelling"
    assert full.publisher == "Example Wire: Europe" and full.title == "Shelling kills 12 in Kramatorsk"
    assert summary_only.text_source == "feed_summary"
    assert summary_only.text == "Ukraine and Russia exchanged 50 prisoners each on Friday, officials said."
    [empty] = problems
    assert "entry 3 (ew-2022-0604-empty)" in empty.message and "neither content nor a summary" in empty.message
    assert warnings == []


def test_atom_entry_published_not_updated() -> None:
    [entry] = read_path(FIXTURES / "feed-atom.atom")
    assert isinstance(entry, Article)
    assert entry.published == date(2022, 6, 5)  # <published> as written; <updated> is June 10
    assert entry.text_source == "feed_content" and entry.text.startswith("The UN said 7.1 million")


def test_broken_feed_keeps_entries_before_the_fault_and_non_feed_is_a_problem() -> None:
    articles, problems, warnings = split(read_path(FIXTURES / "feed-broken.xml"))
    assert [a.source_id for a in articles] == ["b1"]
    assert warnings and warnings[0].line == 4 and "malformed" in warnings[0].message
    [not_feed] = read_path(FIXTURES / "not-a-feed.xml")
    assert isinstance(not_feed, ReadProblem) and "not a readable RSS or Atom feed" in not_feed.message


class _FeedHandler(http.server.BaseHTTPRequestHandler):
    flaky_left: dict[str, int] = {}
    released = threading.Event()  # set when the test is over: the hanging feeds give up then

    def log_message(self, *args) -> None:  # keep test output quiet
        pass

    def _drip(self, data: bytes) -> None:
        """Send `data` a byte at a time, a byte every 0.05 s: never silent long enough for a per-read timeout."""
        for byte in data:
            if self.released.wait(0.05):
                return
            try:
                self.wfile.write(bytes([byte]))
                self.wfile.flush()
            except OSError:  # the client hung up: that is what the test wants
                return

    def do_GET(self) -> None:
        path = self.path
        body = (FIXTURES / "feed-rss.xml").read_bytes()
        if path == "/slow.xml":
            self.released.wait(30)  # no answer at all
        if path == "/drip.xml":  # headers at once, then the body a byte at a time
            self.send_response(200)
            self.send_header("Content-Type", "application/rss+xml")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self._drip(body)
            return
        if path == "/drip-headers.xml":  # even the status line a byte at a time
            self._drip(b"HTTP/1.0 200 OK\r\n" + b"X-Padding: " + b"." * 2000 + b"\r\n\r\n" + body)
            return
        if path == "/missing.xml":
            self.send_error(404, "Not Found")
            return
        if path == "/flaky.xml" and self.flaky_left.get(path, 0) > 0:
            self.flaky_left[path] -= 1
            self.send_error(503, "Service Unavailable")
            return
        if path == "/down.xml":
            self.send_error(500, "Internal Server Error")
            return
        self.send_response(200)
        self.send_header("Content-Type", "application/rss+xml")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        try:
            self.wfile.write(body)
        except (BrokenPipeError, ConnectionResetError):
            pass


@pytest.fixture
def feed_server(monkeypatch: pytest.MonkeyPatch) -> Iterator[str]:
    """A feed server on 127.0.0.1 (never the internet): /feed.xml, /flaky.xml, /missing.xml, /down.xml;
    /slow.xml never answers, /drip.xml and /drip-headers.xml send a byte every 0.05 s (until the test ends)."""
    for var in ("http_proxy", "https_proxy", "HTTP_PROXY", "HTTPS_PROXY", "all_proxy", "ALL_PROXY"):
        monkeypatch.delenv(var, raising=False)
    _FeedHandler.released.clear()
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), _FeedHandler)
    server.daemon_threads = True
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        _FeedHandler.released.set()
        server.shutdown()
        server.server_close()


def closed_port_url() -> str:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    return f"http://127.0.0.1:{port}/feed.xml"  # nothing listens there now: connection refused


def test_feed_url_is_read_with_the_url_as_origin(feed_server: str) -> None:
    articles, problems, _ = split(read_path(f"{feed_server}/feed.xml", FAST))
    assert len(articles) == 2 and all(a.origin == f"{feed_server}/feed.xml" for a in articles)
    assert len(problems) == 1  # the title-only entry


def test_flaky_feed_is_retried_with_backoff(feed_server: str) -> None:
    _FeedHandler.flaky_left["/flaky.xml"] = 2
    articles, problems, _ = split(read_path(f"{feed_server}/flaky.xml", FAST))
    assert len(articles) == 2 and _FeedHandler.flaky_left["/flaky.xml"] == 0


@pytest.mark.parametrize(
    ("path", "timeout", "message"),
    [
        ("/missing.xml", FAST.feed_timeout_s, "HTTP 404"),
        ("/down.xml", FAST.feed_timeout_s, "after 3 attempt(s): the server answered HTTP 500"),
        ("/slow.xml", NEVER, "after 3 attempt(s): no complete answer within 0.3 s (timed out)"),
        # A server that keeps sending, a byte at a time, never trips a per-read timeout: the
        # timeout bounds the whole fetch (before, these hung for as long as the server dripped).
        ("/drip.xml", NEVER, "after 3 attempt(s): no complete answer within 0.3 s (timed out)"),
        ("/drip-headers.xml", NEVER, "after 3 attempt(s): no complete answer within 0.3 s (timed out)"),
    ],
)
def test_dead_feeds_are_one_problem_each(feed_server: str, path: str, timeout: float, message: str) -> None:
    options = ReadOptions(feed_timeout_s=timeout, feed_attempts=3, feed_backoff_s=0.01)
    [problem] = read_path(f"{feed_server}{path}", options)
    assert isinstance(problem, ReadProblem) and message in problem.message, problem
    assert problem.origin == f"{feed_server}{path}" and problem.message.startswith("feed could not be fetched")


def test_refused_connection_is_a_problem() -> None:
    url = closed_port_url()
    [problem] = read_path(url, FAST)
    assert isinstance(problem, ReadProblem) and "connection refused" in problem.message and problem.origin == url


def test_feed_over_the_size_limit(feed_server: str) -> None:
    [problem] = read_path(f"{feed_server}/feed.xml", ReadOptions(max_bytes=100, feed_attempts=1))
    assert isinstance(problem, ReadProblem) and "over the 100 bytes input limit" in problem.message


# --- encodings --------------------------------------------------------------------------

SENTENCE = "Officials said \u201cat least 12\u201d people were killed in Kramatorsk \u2014 a caf\u00e9 was hit."


@pytest.mark.parametrize(
    ("encoding", "text"),
    [
        ("utf-16", SENTENCE),  # with BOM
        ("utf-16-le", SENTENCE),  # no BOM
        ("utf-16-be", SENTENCE),
        ("utf-32", SENTENCE),
        ("utf-8-sig", SENTENCE),
        ("cp1252", SENTENCE),
        ("latin-1", "Caf\u00e9 bomb\u00e9d: na\u00efve fa\u00e7ade, 12 killed in the r\u00e9gion of Kramatorsk, officials said."),
        ("cp1251", "\u041d\u0435 \u043c\u0435\u043d\u0435\u0435 12 \u0447\u0435\u043b\u043e\u0432\u0435\u043a "
                   "\u043f\u043e\u0433\u0438\u0431\u043b\u0438 \u0432 \u0421\u0435\u0432\u0435\u0440\u043e"
                   "\u0434\u043e\u043d\u0435\u0446\u043a\u0435, \u0441\u043e\u043e\u0431\u0449\u0438\u043b\u0438 "
                   "\u0432\u043b\u0430\u0441\u0442\u0438."),
    ],
)
def test_legacy_encodings_are_decoded_not_rejected_or_garbled(tmp_path: Path, encoding: str, text: str) -> None:
    f = tmp_path / "a.txt"
    f.write_bytes(f"{text}\nSecond line.\n".encode(encoding))
    [article] = read_path(f)
    assert isinstance(article, Article), article
    assert article.text == f"{text}\nSecond line."
    j = tmp_path / "a.jsonl"
    j.write_bytes(('{"id": "x", "text": "' + text.replace('"', '\\"') + '"}\n').encode(encoding))
    [line] = read_path(j)
    assert isinstance(line, Article) and line.text == text and line.line == 1


def test_a_stray_latin1_line_does_not_spoil_utf8_neighbours(tmp_path: Path) -> None:
    f = tmp_path / "mixed.jsonl"
    f.write_bytes(
        '{"text": "Kyiv \u2014 12 killed"}\n'.encode() + b'{"text": "Caf\xe9 hit, 3 killed"}\n'
        + '{"text": "\u041a\u0438\u0457\u0432: 5"}\n'.encode()
    )
    assert [a.text for a in read_path(f)] == ["Kyiv \u2014 12 killed", "Caf\u00e9 hit, 3 killed", "\u041a\u0438\u0457\u0432: 5"]


# --- limits and odd paths ---------------------------------------------------------------

def test_file_over_the_size_limit_is_skipped_not_read(tmp_path: Path) -> None:
    big = tmp_path / "big.txt"
    big.write_text("12 killed. " * 200)
    small = tmp_path / "small.txt"
    small.write_text("3 killed.")
    articles, problems, _ = split(read_path(tmp_path, ReadOptions(max_bytes=1000)))
    assert [a.text for a in articles] == ["3 killed."]
    [problem] = problems
    assert problem.origin == str(big) and "2200 bytes, over the 1000 bytes input limit" in problem.message


def test_a_fifo_is_reported_not_read(tmp_path: Path) -> None:
    import os

    fifo = tmp_path / "pipe.txt"
    os.mkfifo(fifo)
    [problem] = read_path(fifo)
    assert isinstance(problem, ReadProblem) and "not a regular file" in problem.message

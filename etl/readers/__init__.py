"""Readers: turn input files, folders and feed URLs into `Article`s, and bad input into `ReadProblem`s.

`read_path` walks files and folders in sorted order and dispatches each file on its
extension through `READERS`; a new input form is one more module whose function is
registered with `@register_reader(".ext")`, with no change to the pipeline. An `http(s)`
URL is read as an RSS / Atom feed. A reader never stops a run on bad input: it yields a
`ReadProblem` naming the file and line, and keeps reading whatever else it can; whatever a
reader raises on one input becomes that input's problem (`core.guarded`). Input that was
stored with a caveat (a page that looks truncated, a feed with broken XML after some
entries) gives a `ReadWarning` beside its articles: reported, but not a failure.

One module per input kind: `text` (plain text and Markdown with YAML front matter),
`jsonl` (JSON lines), `html` (saved pages), `feeds` (RSS / Atom files and URLs); `core`
holds the options, limits and registry, `decoding` turns bytes of any encoding into text.
Nothing here downloads anything except the feed URLs it is given.
"""
from __future__ import annotations

from etl.readers import feeds, html, jsonl, text  # noqa: F401 (each registers its readers)
from etl.readers.core import (
    DEFAULT_MAX_ALIASES,
    DEFAULT_MAX_BYTES,
    DEFAULT_MAX_DEPTH,
    MAX_FRONT_MATTER_CHARS,
    METADATA_KEYS,
    READERS,
    URL_READERS,
    Reader,
    ReadOptions,
    ReadResult,
    ReadWarning,
    UrlReader,
    is_url,
    read_path,
    register_reader,
    register_url_reader,
)
from etl.readers.decoding import decode_text, detect_encoding
from etl.readers.feeds import FeedFetchError, feed_articles, fetch_feed, read_feed_file, read_feed_url
from etl.readers.html import html_articles, html_fragment_text, read_html
from etl.readers.jsonl import read_jsonl
from etl.readers.text import read_text

__all__ = [
    "DEFAULT_MAX_ALIASES", "DEFAULT_MAX_BYTES", "DEFAULT_MAX_DEPTH", "MAX_FRONT_MATTER_CHARS", "METADATA_KEYS",
    "READERS", "URL_READERS", "FeedFetchError", "ReadOptions", "ReadResult", "ReadWarning", "Reader", "UrlReader",
    "decode_text", "detect_encoding", "feed_articles", "fetch_feed", "html_articles", "html_fragment_text", "is_url",
    "read_feed_file", "read_feed_url", "read_html", "read_jsonl", "read_path", "read_text", "register_reader",
    "register_url_reader",
]

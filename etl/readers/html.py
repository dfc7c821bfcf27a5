"""Saved web pages: main text (trafilatura), title, canonical URL, site name and the *original*
publication date; and the plain text of HTML fragments (feed entries)."""
from __future__ import annotations

import json
import re
from collections.abc import Iterator
from datetime import date
from pathlib import Path
from typing import Any

from etl.models import ReadProblem
from etl.readers.core import (
    ReadOptions,
    ReadResult,
    ReadWarning,
    build_article,
    describe_error,
    loose_date,
    optional_str,
    register_reader,
)
from etl.readers.decoding import decode_text, read_bytes

_META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]+)""", re.IGNORECASE)
_MIN_HTML_WORDS = 5  # less than this is a menu or a link list, not an article
# Markup that states when a page was first published, most specific first. Modified /
# updated dates are deliberately absent: Tally wants the original publication date.
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
def read_html(path: Path, options: ReadOptions) -> Iterator[ReadResult]:
    """A saved web page: its main text (trafilatura), title, canonical URL, site name and publication date."""
    origin = str(path)
    data = read_bytes(path)
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
        yield ReadProblem(origin, f"could not parse the HTML page ({describe_error(exc)})")
        return
    body = (doc.text or "") if doc is not None else ""
    title = optional_str(doc.title) if doc is not None else None
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
    yield build_article(body, origin, meta, None, text_source="html_main")


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
        modified = {d for v in _modified_values(tree) if (d := loose_date(v)) is not None}
    for value in found:
        parsed = loose_date(value)
        if parsed is not None:
            return parsed
    parsed = loose_date(guessed) if guessed else None
    return parsed if parsed is not None and parsed not in modified else None


def _modified_values(tree: Any) -> Iterator[str]:
    for xp in _MODIFIED_XPATHS:
        yield from (str(v) for v in tree.xpath(xp))
    for script in tree.xpath('//script[@type="application/ld+json"]/text()'):
        yield from _json_ld_values(script, "dateModified")


def _json_ld_values(script: str, key: str) -> Iterator[str]:
    try:
        data = json.loads(script)
    except (ValueError, RecursionError):  # broken or absurdly nested JSON-LD: the page has no date there
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

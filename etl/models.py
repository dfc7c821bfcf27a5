"""The domain records that flow through Tally: articles in, claims out.

These dataclasses mirror the contract tables in ../shared/SPEC.md (`articles`,
`claims`); the warehouse stores them column for column.
"""
from __future__ import annotations

import hashlib
import unicodedata
from dataclasses import dataclass, field, fields
from datetime import date
from functools import cached_property
from typing import Any, Literal

Metric = Literal[
    "killed", "injured", "casualties", "trapped", "displaced", "evacuated",
    "captured", "missing", "aid", "strikes", "population",
]
Qualifier = Literal["exact", "range", "at_least", "more_than", "at_most", "approximate", "vague"]
Rate = Literal["per_day", "per_week", "per_month"]
Scope = Literal["incident", "period", "cumulative", "stock", "rate", "unknown"]
"""What a figure counts (SPEC "Series"): one event, a bounded window, a running total, a state at
`as_of`, or an average per day, week or month."""
TextSource = Literal["body", "html_main", "feed_content", "feed_summary", "dataset_row"]
"""Where an article's text came from: a file's body (.txt, .md, .jsonl `text`), a page's main
text (HTML), a feed entry's full content, only its summary, or a curated dataset's row (`tally import`)."""


def normalise_text(text: str) -> str:
    """The form of an article's text that decides identity: NFC, single spaces, trimmed."""
    return " ".join(unicodedata.normalize("NFC", text).split())


def article_id_for(text: str) -> str:
    """Stable article id: a hash of the normalised text (same text twice = one article)."""
    return hashlib.sha256(normalise_text(text).encode("utf-8")).hexdigest()[:24]


def claim_id_for(article_id: str, span_start: int, span_end: int, metric: str) -> str:
    """Stable claim id, derived from its article, its span and its metric."""
    key = f"{article_id}:{span_start}:{span_end}:{metric}"
    return hashlib.sha256(key.encode("utf-8")).hexdigest()[:24]


@dataclass(frozen=True)
class Article:
    """One article as read from an input, before or after its date is inferred."""

    text: str
    origin: str
    url: str | None = None
    title: str | None = None
    publisher: str | None = None
    published: date | None = None
    published_inferred: bool = False
    source_id: str | None = None  # the `id` key of the input (a feed entry's id), if it had one
    line: int | None = None  # where the article starts in its input (JSON lines), for messages
    text_source: TextSource | None = None  # which part of the input the text is
    language: str | None = None  # ISO 639-1 (en, uk, ru): from the input's `language` key, else detected
    dataset: str | None = None  # the curated dataset a record came from (`tally import`); None for news

    @cached_property
    def article_id(self) -> str:
        # Cached: the run asks for it many times (look-ups, batches, assembly), and the hash
        # normalises the whole text. The text cannot change (frozen), so the cache cannot go stale.
        return article_id_for(self.text)


@dataclass(frozen=True)
class ReadProblem:
    """An input that could not be read; reported, never fatal to the batch."""

    origin: str
    message: str
    line: int | None = None

    def __str__(self) -> str:
        where = f"{self.origin}:{self.line}" if self.line is not None else self.origin
        return f"{where}: {self.message}"


@dataclass
class Claim:
    """One reported figure, in the SPEC's value conventions."""

    metric: Metric
    value_low: float | None
    value_best: float
    value_high: float | None
    unit: str
    qualifier: Qualifier
    span_start: int
    span_end: int
    quote: str
    category: str | None = None
    party: str | None = None
    rate: Rate | None = None
    period_start: date | None = None
    period_end: date | None = None
    scope: Scope | None = None
    as_of: date | None = None
    source: str | None = None
    location: str | None = None
    rule: str = ""
    explanation: dict[str, str] = field(default_factory=dict)

    def to_row(self, article_id: str) -> dict[str, Any]:
        """The claim as a `claims` row (contract columns plus Tally's own)."""
        # Not `asdict`: it deep-copies every value (the explanation too), and the values are
        # immutable (str, float, date), so a shallow read of the fields is the same row.
        row = {name: getattr(self, name) for name in _CLAIM_ROW_FIELDS}
        row["article_id"] = article_id
        row["claim_id"] = claim_id_for(article_id, self.span_start, self.span_end, self.metric)
        return row


_CLAIM_ROW_FIELDS = tuple(f.name for f in fields(Claim) if f.name != "explanation")

"""Claim extraction: a pure function from an article's text and metadata to claims.

(TEMPORARY STUB while the extractor is written; the real one replaces this.)
"""
from __future__ import annotations

from datetime import date
from typing import Any, Mapping

from etl.models import Claim

EXTRACTOR_VERSION = "0.0.0"


def extract_claims(text: str, metadata: Mapping[str, Any]) -> list[Claim]:
    """Return every reported figure in `text`. metadata keys: published (date|None), publisher (str|None)."""
    return []


def infer_publication_date(text: str) -> date | None:
    """Publication date inferred from the text (SPEC), or None."""
    return None

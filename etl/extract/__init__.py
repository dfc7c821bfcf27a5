"""Claim extraction: a pure function from an article's text and metadata to claims.

    from etl.extract import extract_claims
    claims = extract_claims(text, {"published": date(2022, 6, 15), "publisher": "Reuters"})

No I/O happens here beyond reading the knowledge files in etl/data/ once, when first needed
(`load_knowledge` loads and checks them all up front).
"""
from __future__ import annotations

from etl.extract.claims import extract_claims
from etl.extract.dates import infer_publication_date
from etl.extract.language import detect_language
from etl.extract.lexicon import knowledge_fingerprint, load_all as load_knowledge

# The mechanism's version; the knowledge files' fingerprint is appended so that a data change
# is a new extractor version too (the ETL re-extracts stored articles when it changes).
_CODE_VERSION = "1.0"
EXTRACTOR_VERSION = f"{_CODE_VERSION}+{knowledge_fingerprint()}"

__all__ = ["EXTRACTOR_VERSION", "detect_language", "extract_claims", "infer_publication_date", "load_knowledge"]

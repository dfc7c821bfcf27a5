"""Assembly: from one article's claims to figures across articles.

    readers -> etl/extract/ (one article) -> etl/assemble/ (across articles) -> warehouse/

Three pure parts and a stage that runs them on a stored batch:

- `sources`: a speaker as written -> a canonical source record (etl/data/sources.yaml);
- `copies`: a text -> its MinHash signature and LSH band keys; copy links -> story roots;
- `figures`: a claim and its canonical source -> its figure key;
- `stage`: reads the stored state it needs (warehouse/assembly_store.py), applies them,
  writes source_id, duplicate_of, figure_key and figure_id back, in the batch's transaction.
"""
from __future__ import annotations

from etl.assemble.copies import SIGNATURE_VERSION
from etl.assemble.sources import SourceRecord, canonical_source, source_book, sources_fingerprint
from etl.assemble.stage import AssemblyCounts, assemble_articles, load_and_assemble, stale_article_ids

# The mechanism's version; the knowledge's fingerprint and the signature scheme are appended, so
# that a change of either re-assembles stored articles (the ETL compares it with
# articles.assembly_version).
_CODE_VERSION = "1.0"
ASSEMBLY_VERSION = f"{_CODE_VERSION}+{sources_fingerprint()}+{SIGNATURE_VERSION}"

__all__ = [
    "ASSEMBLY_VERSION", "AssemblyCounts", "SourceRecord", "assemble_articles", "canonical_source",
    "load_and_assemble", "source_book", "stale_article_ids",
]

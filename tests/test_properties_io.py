"""Property tests (hypothesis): readers never crash on any input; stored spans point at their own words."""
from __future__ import annotations

import json
import tempfile
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from etl import pipeline
from etl.models import Article, ReadProblem
from etl.readers import READERS, read_path
from warehouse import db as wdb

EXTENSIONS = sorted(READERS)
FAST = settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])

# Wire-like sentences with numbers, mixed with arbitrary text, so the extractor has figures to find.
WIRE = st.sampled_from([
    "At least 12 people were killed in Kramatorsk on Wednesday, the governor said.",
    "Between 100 and 200 soldiers are killed every day, Kyiv said.",
    "About 1,500 civilians were evacuated from Severodonetsk.",
    "Hundreds of people were sheltering in the Azot chemical plant.",
    "The United States pledged $4.6 billion in military aid.",
    "Nobody was hurt.",
    "Russia said it had captured more than 2,400 Ukrainian fighters.",
])
ANY_TEXT = st.text(st.characters(blacklist_categories=("Cs",)), max_size=300)
ARTICLE_TEXT = st.lists(st.one_of(WIRE, ANY_TEXT), min_size=1, max_size=6).map(" ".join)


def _read_all(path: Path) -> list[Article | ReadProblem]:
    results = list(read_path(path))
    for r in results:
        assert isinstance(r, (Article, ReadProblem))
        if isinstance(r, Article):
            assert r.text.strip() == r.text and r.text
    return results


@FAST
@given(data=st.binary(max_size=2000), ext=st.sampled_from(EXTENSIONS))
def test_readers_never_crash_on_arbitrary_bytes(data: bytes, ext: str) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        f = Path(tmp) / f"input{ext}"
        f.write_bytes(data)
        _read_all(f)


@FAST
@given(text=ANY_TEXT, ext=st.sampled_from(EXTENSIONS), encoding=st.sampled_from(["utf-8", "utf-16", "utf-8-sig"]))
def test_readers_never_crash_on_arbitrary_text(text: str, ext: str, encoding: str) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        f = Path(tmp) / f"input{ext}"
        f.write_bytes(text.encode(encoding))
        _read_all(f)


@FAST
@given(texts=st.lists(ARTICLE_TEXT, min_size=1, max_size=4))
def test_json_lines_keep_any_text_exactly(texts: list[str]) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        f = Path(tmp) / "a.jsonl"
        f.write_text("".join(json.dumps({"text": t}) + "\n" for t in texts), encoding="utf-8")
        articles = [r for r in _read_all(f) if isinstance(r, Article)]
        assert [a.text for a in articles] == [t.strip() for t in texts if t.strip()]


@settings(max_examples=12, deadline=None)
@given(texts=st.lists(ARTICLE_TEXT, min_size=1, max_size=5))
def test_stored_spans_point_at_their_own_words(texts: list[str]) -> None:
    """Through the real extractor, the pipeline and DuckDB: each claim's span, cut out of
    `articles.text` by SQL, is non-empty and lies inside the claim's own quote."""
    with tempfile.TemporaryDirectory() as tmp:
        f = Path(tmp) / "a.jsonl"
        f.write_text("".join(json.dumps({"text": t, "published": "2022-06-15"}) + "\n" for t in texts))
        db = Path(tmp) / "w.duckdb"
        summary = pipeline.run_etl([f], db, progress=False)
        assert summary.audit_failures == {}
        with wdb.open_db(db, read_only=True) as con:
            bad = con.execute(
                "SELECT c.claim_id, c.span_start, c.span_end, c.quote,"
                " substr(a.text, c.span_start + 1, c.span_end - c.span_start) AS words"
                " FROM claims c JOIN articles a USING (article_id)"
                " WHERE c.span_end <= c.span_start OR c.span_end > length(a.text)"
                "    OR trim(substr(a.text, c.span_start + 1, c.span_end - c.span_start)) = ''"
                "    OR position(substr(a.text, c.span_start + 1, c.span_end - c.span_start) IN c.quote) = 0"
            ).fetchall()
        assert bad == []


@settings(max_examples=40, deadline=None)
@given(text=ARTICLE_TEXT)
def test_extracting_any_text_never_crashes_and_spans_hold_words(text: str) -> None:
    article = Article(text=text.strip() or "x", origin="prop")
    dated, claims = pipeline.extract_article(article)
    for claim in claims:
        words = dated.text[claim.span_start:claim.span_end]
        assert words.strip() and words in claim.quote and claim.quote in dated.text

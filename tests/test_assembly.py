"""The assembly stage through `run_etl`: copies, canonical sources, figure ids, re-assembly, upgrade."""
from __future__ import annotations

import json
import re
from collections.abc import Mapping
from datetime import date
from pathlib import Path
from typing import Any

import pytest

from etl import assemble, extract, pipeline
from etl.assemble import copies, stage
from etl.assemble.sources import load_source_book
from etl.errors import ConfigError
from etl.models import Claim, article_id_for
from tests.conftest import fake_claims
from warehouse import db as wdb
from warehouse import loader

COPIES = Path(__file__).parent / "fixtures" / "copies" / "three_copies.jsonl"


def query(db_path: Path, sql: str, params: list | None = None) -> list[tuple]:
    with wdb.open_db(db_path, read_only=True) as con:
        return con.execute(sql, params or []).fetchall()


def audits_ok(db_path: Path) -> None:
    with wdb.open_db(db_path, read_only=True) as con:
        bad = {a.name: a.rows for a in wdb.run_audits(con) if not a.ok}
    assert bad == {}


# --- with the real extractor ---------------------------------------------------------------

def test_three_copies_are_one_article_and_two_copies_with_shared_figures(
    db_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    summary = pipeline.run_etl([COPIES], db_path)
    assert (summary.articles_new, summary.articles_copies, summary.audit_failures) == (3, 2, {})
    articles = query(db_path, "SELECT source_id, article_id, duplicate_of, published FROM articles ORDER BY 1")
    [original] = [a for a in articles if a[2] is None]
    assert original[3] == date(2022, 7, 12)  # a copy published first, not the next day's
    assert all(a[2] == original[1] for a in articles if a is not original)

    figures = query(db_path, "SELECT article_id, figure_id FROM claims")
    by_article: dict[str, set[str]] = {}
    for aid, fid in figures:
        by_article.setdefault(aid, set()).add(fid)
    assert len(by_article) == 3 and len(by_article[original[1]]) >= 4
    assert all(ids == by_article[original[1]] for ids in by_article.values())
    # counted once: each figure is one report in three articles
    assert query(db_path, "SELECT DISTINCT reports, articles, copies FROM figures") == [(1, 3, 2)]
    assert query(db_path, "SELECT count(*) FROM figures") == [(len(by_article[original[1]]),)]
    assert query(db_path, "SELECT max(figures) FROM series") == [(1,)]

    again = pipeline.run_etl([COPIES], db_path)
    assert (again.articles_new, again.articles_skipped, again.articles_copies) == (0, 3, 0)
    # re-assembled from the stored claims (as after a sources.yaml change): the same result
    before = query(db_path, "SELECT claim_id, source_id, figure_key, figure_id FROM claims ORDER BY 1")
    monkeypatch.setattr(assemble, "ASSEMBLY_VERSION", "test-assembly-2")
    assert pipeline.run_etl([COPIES], db_path).articles_reassembled == 3
    assert query(db_path, "SELECT claim_id, source_id, figure_key, figure_id FROM claims ORDER BY 1") == before


SPEAKERS = {
    "gaidai.txt": "Luhansk governor Serhiy Gaidai said 12 people were killed in Lysychansk on Monday.",
    "haidai.txt": "Serhiy Haidai said 40 civilians were evacuated from Sievierodonetsk on Tuesday.",
    "military-1.txt": "Ukraine's military said 31 Russian soldiers were killed near Izium on Wednesday.",
    "military-2.txt": "The Ukrainian military said 17 Russian tanks were destroyed and 9 soldiers captured on Thursday.",
    "defence-1.txt": "Russia's defence ministry said 300 Ukrainian soldiers were killed in Donetsk on Friday.",
    "defence-2.txt": "The Russian Defence Ministry said 120 Ukrainian troops had surrendered near Mariupol on Saturday.",
}


def test_variants_of_one_speaker_are_one_source_across_articles(tmp_path: Path, db_path: Path) -> None:
    folder = tmp_path / "speakers"
    folder.mkdir()
    for name, text in SPEAKERS.items():
        (folder / name).write_text(f"---\npublished: 2022-06-20\npublisher: Example Wire\n---\n{text}\n")
    summary = pipeline.run_etl([folder], db_path)
    assert summary.audit_failures == {}
    rows = query(db_path, "SELECT article_origin, source, source_id, source_kind, source_side FROM claim_facts")
    by_file: dict[str, set[tuple]] = {}
    for origin, *rest in rows:
        by_file.setdefault(Path(origin).name, set()).add(tuple(rest))

    def source_of(name: str) -> tuple:
        [(_, source_id, kind, side)] = {r for r in by_file[name]}
        return source_id, kind, side

    assert source_of("gaidai.txt") == source_of("haidai.txt") == ("ua-haidai", "person", "Ukraine")
    assert source_of("military-1.txt") == source_of("military-2.txt")
    assert source_of("military-1.txt")[2] == "Ukraine"
    assert source_of("defence-1.txt") == source_of("defence-2.txt") == ("ru-defence-ministry", "military", "Russia")
    assert {s for s, *_ in by_file["gaidai.txt"]} == {"Luhansk governor Serhiy Gaidai"}  # as written
    assert query(db_path, "SELECT count(*) FROM sources WHERE source_id = 'ua-haidai'") == [(1,)]


# --- with a scripted extractor: one claim per line "source | value | as_of" -----------------

def scripted_claims(text: str, metadata: Mapping[str, Any], **options: Any) -> list[Claim]:
    """Claims scripted in the text: each line `CLAIM source | value | as_of` (as_of may be `-`)."""
    claims = []
    for m in re.finditer(r"CLAIM ([^|\n]*)\|\s*([\d.]+)\s*\|\s*(\S+)", text):
        source, value, as_of = m.group(1).strip(), float(m.group(2)), m.group(3)
        claims.append(Claim(
            metric="killed", value_low=value, value_best=value, value_high=value, unit="people",
            qualifier="exact", span_start=m.start(), span_end=m.end(), quote=m.group(), category="civilian",
            scope="incident", as_of=None if as_of == "-" else date.fromisoformat(as_of),
            source=source or metadata.get("publisher"), rule="test.scripted",
        ))
    return claims


@pytest.fixture
def scripted(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(extract, "extract_claims", scripted_claims)
    monkeypatch.setattr(extract, "infer_publication_date", lambda text: None)
    monkeypatch.setattr(extract, "EXTRACTOR_VERSION", "scripted-1")


def write_articles(path: Path, texts: dict[str, str], publisher: str = "Example Wire") -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("w", encoding="utf-8") as out:
        for ident, text in texts.items():
            out.write(json.dumps({"id": ident, "text": text, "publisher": publisher, "published": "2022-06-01"}) + "\n")
    return path


def figure_of(db_path: Path) -> dict[str, str]:
    """Figure id of each scripted claim, by the id of its article."""
    return dict(query(db_path, "SELECT a.source_id, c.figure_id FROM claims c JOIN articles a USING (article_id)"))


@pytest.mark.usefixtures("scripted")
def test_figure_ids_join_repeats_by_one_source_within_a_day(tmp_path: Path, db_path: Path) -> None:
    texts = {
        "gaidai-0601": "CLAIM Luhansk governor Serhiy Gaidai | 12 | 2022-06-01",
        "haidai-0602": "Report two. CLAIM Serhiy Haidai | 12 | 2022-06-02",
        "haidai-0603": "Report three. CLAIM Haidai | 12 | 2022-06-03",  # a chain of days: one figure
        "haidai-0610": "Report four. CLAIM Haidai | 12 | 2022-06-10",  # a week later: another figure
        "other-value": "Report five. CLAIM Haidai | 13 | 2022-06-01",
        "other-source": "Report six. CLAIM Moscow | 12 | 2022-06-01",
        "undated-1": "Report seven. CLAIM Haidai | 12 | -",
        "undated-2": "Report eight. CLAIM Haidai | 12 | -",
    }
    pipeline.run_etl([write_articles(tmp_path / "in.jsonl", texts)], db_path, batch_size=3)
    fig = figure_of(db_path)
    assert fig["gaidai-0601"] == fig["haidai-0602"] == fig["haidai-0603"]
    distinct = [fig[k] for k in ("gaidai-0601", "haidai-0610", "other-value", "other-source", "undated-1", "undated-2")]
    assert len(set(distinct)) == len(distinct)
    assert query(db_path, "SELECT mentions, first_as_of, last_as_of FROM figures WHERE figure_id = ?",
                 [fig["gaidai-0601"]]) == [(3, date(2022, 6, 1), date(2022, 6, 3))]
    audits_ok(db_path)


@pytest.mark.usefixtures("scripted")
def test_figure_ids_are_stable_and_a_removed_link_splits_the_figure(
    tmp_path: Path, db_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    texts = {"d1": "One. CLAIM Kyiv | 5 | 2022-06-01", "d2": "Two. CLAIM Kyiv | 5 | 2022-06-02",
             "d3": "Three. CLAIM Kyiv | 5 | 2022-06-03"}
    inputs = write_articles(tmp_path / "in.jsonl", texts)
    pipeline.run_etl([inputs], db_path, batch_size=1)
    first = figure_of(db_path)
    assert len(set(first.values())) == 1

    # the middle report is re-read as another figure: the chain breaks in two
    def reread(text: str, metadata: Mapping[str, Any], **options: Any) -> list[Claim]:
        return scripted_claims(text.replace("| 5 | 2022-06-02", "| 6 | 2022-06-02"), metadata)

    monkeypatch.setattr(extract, "extract_claims", reread)
    monkeypatch.setattr(extract, "EXTRACTOR_VERSION", "scripted-2")
    pipeline.run_etl([inputs], db_path, batch_size=1)
    second = figure_of(db_path)
    assert second["d1"] == first["d1"]  # named by the first as_of: kept
    assert len({second["d1"], second["d2"], second["d3"]}) == 3
    audits_ok(db_path)


LONG_STORY = " ".join(json.loads(COPIES.read_text().splitlines()[0])["text"].split()[:150])


@pytest.mark.usefixtures("scripted")
def test_a_copys_unattributed_figures_are_the_originals(tmp_path: Path, db_path: Path) -> None:
    """Nobody named: each copy's figure is its publisher's; in a copy it is the original's."""
    write_articles(tmp_path / "a" / "wire.jsonl", {"wire": LONG_STORY + "\nCLAIM | 7 | 2022-06-01"}, "Reuters")
    write_articles(tmp_path / "b" / "paper.jsonl", {"paper": "Advertisement. " + LONG_STORY
                                                    + "\nCLAIM | 7 | 2022-06-04\nSign up for our newsletter."},
                   "Example Daily")
    pipeline.run_etl([tmp_path / "a"], db_path)
    summary = pipeline.run_etl([tmp_path / "b"], db_path)
    assert summary.articles_copies == 1
    fig = figure_of(db_path)
    assert fig["wire"] == fig["paper"]  # three days apart, but one story
    sources = dict(query(db_path, "SELECT source, source_id FROM claims"))
    assert sources["Reuters"] == "reuters" and sources["Example Daily"] not in (None, "reuters")  # as written
    assert query(db_path, "SELECT reports, copies, source_id FROM figures") == [(1, 1, "reuters")]


# --- stored state, re-assembly, no-op reruns -----------------------------------------------

@pytest.mark.usefixtures("fake_extractor")
def test_a_broken_sources_file_stops_the_run_before_anything_is_stored(
    corpus: Path, db_path: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    broken = tmp_path / "sources.yaml"
    broken.write_text("version: 1\nrules: {}\nsources: []\n", encoding="utf-8")
    monkeypatch.setattr(stage, "source_book", lambda: load_source_book(broken))
    with pytest.raises(ConfigError, match=re.escape(f"{broken}: rules.determiners must be a non-empty list")):
        pipeline.run_etl([corpus], db_path)
    assert query(db_path, "SELECT count(*) FROM articles") == [(0,)]
    assert query(db_path, "SELECT status FROM etl_runs") == [("failed",)]


@pytest.mark.usefixtures("fake_extractor")
def test_a_rerun_signs_nothing_and_a_new_assembly_version_reassembles(
    corpus: Path, db_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    pipeline.run_etl([corpus], db_path)
    signed = query(db_path, "SELECT count(*) FROM article_signatures")
    assert signed == [(5,)]
    before = query(db_path, "SELECT claim_id, source_id, figure_key, figure_id FROM claims ORDER BY 1")

    def no_signing(text: str) -> copies.Signature:
        raise AssertionError("a rerun must not sign stored articles again")

    monkeypatch.setattr(copies, "text_signature", no_signing)
    assert pipeline.run_etl([corpus], db_path).articles_reassembled == 0

    monkeypatch.setattr(assemble, "ASSEMBLY_VERSION", "test-assembly-2")
    summary = pipeline.run_etl([corpus], db_path)
    assert (summary.articles_reassembled, summary.articles_new, summary.articles_reextracted) == (5, 0, 0)
    assert query(db_path, "SELECT DISTINCT assembly_version FROM articles") == [("test-assembly-2",)]
    assert query(db_path, "SELECT claim_id, source_id, figure_key, figure_id FROM claims ORDER BY 1") == before
    assert pipeline.run_etl([corpus], db_path).articles_reassembled == 0


def _old_warehouse(db_path: Path, texts: list[str]) -> None:
    """A warehouse as main built it before migration 0003: 0001 and 0002 only, rows loaded as
    the old loader did (no scope, source_id, figure_id, duplicate_of, no sources table)."""
    raw = wdb.connect(db_path)
    try:
        wdb._ensure_migrations_table(raw)
        for name in ("0001_init", "0002_inputs_and_batches"):
            raw.execute((wdb.MIGRATIONS_DIR / f"{name}.sql").read_text())
            raw.execute("INSERT INTO schema_migrations VALUES (?, now())", [name])
        for n, text in enumerate(texts):
            aid = article_id_for(text)
            raw.execute(
                "INSERT INTO articles (article_id, publisher, published, text, origin, ingested_at, run_id,"
                " extractor_version, source_id, text_source) VALUES (?, 'Example Wire', DATE '2022-06-01', ?, 'old.jsonl',"
                " TIMESTAMP '2022-06-01 10:00:00' + to_minutes(?), 'old-run', 'old-1', ?, 'body')",
                [aid, text, n, f"old{n}"],
            )
            for claim in fake_claims(text, {"published": date(2022, 6, 1), "publisher": "Example Wire"}):
                row = claim.to_row(aid)
                raw.execute(
                    "INSERT INTO claims (claim_id, article_id, metric, value_low, value_best, value_high, unit,"
                    " qualifier, as_of, source, quote, span_start, span_end, rule, extractor_version, run_id)"
                    " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'old-1', 'old-run')",
                    [row[k] for k in ("claim_id", "article_id", "metric", "value_low", "value_best", "value_high",
                                      "unit", "qualifier", "as_of", "source", "quote", "span_start", "span_end",
                                      "rule")],
                )
    finally:
        raw.close()


@pytest.mark.usefixtures("fake_extractor")
def test_a_warehouse_built_before_0003_upgrades_and_the_next_etl_fills_it(tmp_path: Path, db_path: Path) -> None:
    story = LONG_STORY
    copy = "Advertisement. " + story + " Sign up for our newsletter."
    texts = [story, copy, "A short item: 4 killed."]
    _old_warehouse(db_path, texts)
    with wdb.open_db(db_path, read_only=True) as con:
        old_articles = con.execute("SELECT article_id, text, ingested_at, run_id, origin FROM articles ORDER BY 1").fetchall()

    (tmp_path / "nothing-new").mkdir()
    summary = pipeline.run_etl([tmp_path / "nothing-new"], db_path, batch_size=2)
    assert summary.articles_reextracted == 3 and summary.status == "ok" and summary.audit_failures == {}
    applied = [r[0] for r in query(db_path, "SELECT name FROM schema_migrations ORDER BY name")]
    assert applied == [p.stem for p in wdb.migration_files()]
    # nothing stored is lost; the new columns are filled
    assert query(db_path, "SELECT article_id, text, ingested_at, run_id, origin FROM articles ORDER BY 1") == old_articles
    story_id, copy_id = article_id_for(story), article_id_for(copy)
    assert dict(query(db_path, "SELECT article_id, duplicate_of FROM articles")) == {
        story_id: None, copy_id: story_id, article_id_for(texts[2]): None}  # the earlier stored is the original
    assert query(db_path, "SELECT count(*) FROM claims WHERE source_id IS NULL OR figure_id IS NULL") == [(0,)]
    assert query(db_path, "SELECT DISTINCT s.kind FROM claims c JOIN sources s ON s.source_id = c.source_id") \
        == [("media",)]
    assert query(db_path, "SELECT count(*) FROM article_signatures") == [(3,)]
    with wdb.open_db(db_path, read_only=True) as con:
        assert loader.table_columns(con, "claims")["figure_id"] == "VARCHAR"


def test_figure_key_is_the_same_for_a_claim_in_memory_and_as_stored() -> None:
    from etl.assemble.figures import figure_key

    claim = {"metric": "killed", "category": "civilian", "party": None, "location": "Kharkiv", "scope": "incident",
             "unit": "people", "rate": None, "value_low": 12, "value_best": 12, "value_high": None}
    stored = dict(claim, value_low=12.0, value_best=12.0)
    assert figure_key("ua-haidai", claim) == figure_key("ua-haidai", stored)
    assert figure_key("ua-haidai", claim) != figure_key("ua-kim", claim)
    assert figure_key("ua-haidai", claim) != figure_key("ua-haidai", dict(claim, value_high=12.0))


def test_one_report_in_three_languages_is_one_figure_per_number(db_path: Path, tmp_path: Path) -> None:
    """Ukrainian, Russian and English reports of the same figures by the same official: one source
    (the speaker's Cyrillic spelling meets the English one), one figure id per number."""
    lines = [
        {"id": "uk-1", "published": "2024-01-16", "text": "Унаслідок обстрілу Харкова загинули двоє людей, ще 12 "
         "поранені, повідомив голова Харківської ОВА Олег Синєгубов."},
        {"id": "en-1", "published": "2024-01-16", "text": "Russian shelling killed two people and wounded 12 in "
         "Kharkiv, Kharkiv governor Oleh Synehubov said."},
        {"id": "ru-1", "published": "2024-01-16", "text": "В результате обстрела Харькова погибли два человека, еще "
         "12 ранены, сообщил глава областной администрации Олег Синегубов."},
    ]
    path = tmp_path / "three_languages.jsonl"
    path.write_text("".join(json.dumps(line, ensure_ascii=False) + "\n" for line in lines), encoding="utf-8")
    summary = pipeline.run_etl([path], db_path)
    assert summary.audit_failures == {}
    rows = query(db_path, "SELECT article_language, metric, value_best, source_id, location, figure_id FROM claim_facts")
    assert {r[0] for r in rows} == {"en", "uk", "ru"}
    assert {r[1:5] for r in rows} == {("killed", 2.0, "ua-synehubov", "Kharkiv"),
                                      ("injured", 12.0, "ua-synehubov", "Kharkiv")}
    assert query(db_path, "SELECT metric, articles, sources FROM figures ORDER BY 1") == [
        ("injured", 3, 1), ("killed", 3, 1)]
    audits_ok(db_path)

"""`tally import ucdp-ged|acled`: curated datasets beside the news, mapped to claims, idempotent,
bad rows reported by file and line."""
from __future__ import annotations

import csv
import shutil
from pathlib import Path

import duckdb
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

from etl.cli import app
from etl.datasets import MAPPERS, spec_for
from etl.datasets.core import DatasetSpecError, Row, RowError, load_spec, record_text
from etl.datasets.importer import run_import
from etl.pipeline import run_etl
from tests.conftest import EXAMPLE_DATASETS
from warehouse.db import connect, run_audits

runner = CliRunner()
UCDP = EXAMPLE_DATASETS["ucdp-ged"]
ACLED = EXAMPLE_DATASETS["acled"]


def rows(db: Path, sql: str, params: list | None = None) -> list[tuple]:
    con = connect(db, read_only=True)
    try:
        return con.execute(sql, params or []).fetchall()
    finally:
        con.close()


def snapshot(db: Path) -> dict[str, list[tuple]]:
    """Everything an import writes, bar the run log."""
    return {t: rows(db, f"SELECT * FROM {t} ORDER BY ALL") for t in ("articles", "claims", "sources")}


def dataset_claims(db: Path, dataset: str) -> list[tuple]:
    return rows(db, """
        SELECT dataset_event_id, rule, category, party, location, value_low, value_best, value_high, qualifier,
               CAST(as_of AS VARCHAR), CAST(period_start AS VARCHAR), CAST(period_end AS VARCHAR), source_id,
               source_kind, figure_words
        FROM claim_facts WHERE dataset = ? ORDER BY dataset_event_id, rule""", [dataset])


def test_ucdp_ged_events_map_to_claims(db_path: Path) -> None:
    assert run_import("ucdp-ged", UCDP, db_path, progress=False).exit_code == 0
    got = dataset_claims(db_path, "ucdp-ged")
    assert got == [
        # the toll of an event whose dead are of several groups is mixed, each group a claim beside it
        ("900001", "ucdp-ged.best", "mixed", None, "Sievierodonetsk", 20.0, 23.0, 30.0, "range", "2022-06-07",
         None, None, "ucdp-ged", "dataset", "23"),
        ("900001", "ucdp-ged.deaths_a", "military", "Russia", "Sievierodonetsk", 8.0, 8.0, 8.0, "exact",
         "2022-06-07", None, None, "ucdp-ged", "dataset", "8"),
        ("900001", "ucdp-ged.deaths_b", "military", "Ukraine", "Sievierodonetsk", 12.0, 12.0, 12.0, "exact",
         "2022-06-07", None, None, "ucdp-ged", "dataset", "12"),
        ("900001", "ucdp-ged.deaths_civilians", "civilian", None, "Sievierodonetsk", 3.0, 3.0, 3.0, "exact",
         "2022-06-07", None, None, "ucdp-ged", "dataset", "3"),
        # one-sided violence: side b "Civilians", the toll is theirs
        ("900002", "ucdp-ged.best", "civilian", None, "Lysychansk", 4.0, 4.0, 6.0, "range", "2022-06-11",
         None, None, "ucdp-ged", "dataset", "4"),
        ("900003", "ucdp-ged.best", "civilian", None, "Kharkiv", 5.0, 5.0, 5.0, "exact", "2022-06-13",
         None, None, "ucdp-ged", "dataset", "5"),
        # dated within a window of days; placed at the region (where_coordinates names it)
        ("900004", "ucdp-ged.best", "military", "Ukraine", "Luhansk Oblast", 10.0, 10.0, 14.0, "range",
         "2022-06-01", "2022-06-01", "2022-06-03", "ucdp-ged", "dataset", "10"),
    ]
    assert rows(db_path, "SELECT name, kind, side FROM sources WHERE source_id = 'ucdp-ged'") == [
        ("UCDP GED", "dataset", None)]
    assert rows(db_path, "SELECT DISTINCT scope, unit, metric, source FROM claims") == [
        ("incident", "people", "killed", "UCDP GED")]
    quote = rows(db_path, "SELECT quote FROM claims WHERE rule = 'ucdp-ged.best' AND value_best = 5")
    assert quote == [("Example headline: missile strike on a Kharkiv district (written for the examples)",)]
    assert all(a.ok for a in run_audits(connect(db_path, read_only=True))), "audits must be clean"


def test_acled_events_map_to_claims(db_path: Path) -> None:
    assert run_import("acled", ACLED, db_path, progress=False).exit_code == 0
    assert dataset_claims(db_path, "acled") == [
        ("UKR900001", "acled.fatalities", "civilian", None, "Lysychansk", 3.0, 3.0, 3.0, "exact", "2022-06-11",
         None, None, "acled", "dataset", "3"),
        ("UKR900002", "acled.fatalities", "civilian", None, "Kharkiv", 5.0, 5.0, 5.0, "exact", "2022-06-13",
         None, None, "acled", "dataset", "5"),
        # a battle with no fatalities: nobody was killed, a figure of 0
        ("UKR900003", "acled.fatalities", "unspecified", None, "Sievierodonetsk", 0.0, 0.0, 0.0, "exact",
         "2022-06-07", None, None, "acled", "dataset", "0"),
        # "08 June 2022" (older exports), notes over two lines
        ("UKR900005", "acled.fatalities", "unspecified", None, "Sievierodonetsk", 7.0, 7.0, 7.0, "exact",
         "2022-06-08", None, None, "acled", "dataset", "7"),
    ]
    # the protest (UKR900004) is stored, without a claim; every record keeps its event id and is
    # known from ACLED's timestamp (2022-06-15)
    assert rows(db_path, "SELECT source_id, published, text_source FROM articles ORDER BY source_id")[3][0] == "UKR900004"
    assert {r[0] for r in rows(db_path, "SELECT CAST(published AS VARCHAR) FROM articles")} == {"2022-06-15"}
    assert rows(db_path, "SELECT count(*) FROM claims_known_on(DATE '2022-06-14')") == [(0,)]


def test_rerunning_an_import_changes_nothing(db_path: Path) -> None:
    for name, path in EXAMPLE_DATASETS.items():
        assert run_import(name, path, db_path, progress=False).exit_code == 0
    before = snapshot(db_path)
    for name, path in EXAMPLE_DATASETS.items():
        again = run_import(name, path, db_path, progress=False)
        assert (again.articles_new, again.articles_reextracted, again.claims_added, again.claims_removed) == (0, 0, 0, 0)
        assert again.articles_skipped == (4 if name == "ucdp-ged" else 5)
    assert snapshot(db_path) == before
    assert rows(db_path, "SELECT command, status FROM etl_runs ORDER BY started_at") == [
        ("import ucdp-ged", "ok"), ("import acled", "ok"), ("import ucdp-ged", "ok"), ("import acled", "ok")]


def rewrite(src: Path, dst: Path, change: dict[str, dict[str, str]]) -> Path:
    """A copy of a dataset file with some rows' values changed (by event id, first column)."""
    with src.open(newline="", encoding="utf-8") as f:
        table = list(csv.DictReader(f))
    for row in table:
        row.update(change.get(next(iter(row.values())), {}))
    with dst.open("w", newline="", encoding="utf-8") as f:
        writer = csv.DictWriter(f, fieldnames=list(table[0]))
        writer.writeheader()
        writer.writerows(table)
    return dst


def test_an_updated_row_replaces_its_claims(db_path: Path, tmp_path: Path) -> None:
    assert run_import("ucdp-ged", UCDP, db_path, progress=False).exit_code == 0
    old_ids = rows(db_path, "SELECT article_id FROM articles WHERE source_id = '900002'")
    updated = rewrite(UCDP, tmp_path / "ged.csv", {"900002": {"best": "5", "high": "7"}})
    summary = run_import("ucdp-ged", updated, db_path, progress=False)
    assert (summary.articles_new, summary.articles_reextracted, summary.articles_skipped) == (0, 1, 3)
    assert (summary.claims_added, summary.claims_removed) == (1, 1)
    assert rows(db_path, "SELECT value_low, value_best, value_high FROM claim_facts WHERE dataset_event_id = '900002'") == [
        (4.0, 5.0, 7.0)]
    assert rows(db_path, "SELECT count(*) FROM articles WHERE source_id = '900002'") == [(1,)]
    assert rows(db_path, "SELECT count(*) FROM articles WHERE list_contains(?, article_id)", [[i[0] for i in old_ids]]) == [(0,)]
    assert rows(db_path, "SELECT count(*) FROM claims WHERE figure_id IS NULL") == [(0,)]
    assert all(a.ok for a in run_audits(connect(db_path, read_only=True)))


def test_a_bad_row_is_reported_by_line_and_the_rest_imported(db_path: Path, tmp_path: Path) -> None:
    bad = rewrite(ACLED, tmp_path / "acled.csv", {"UKR900005": {"event_date": "31 Juno 2022"}})
    lines = bad.read_text(encoding="utf-8").splitlines()
    start = next(i for i, line in enumerate(lines, 1) if line.startswith("UKR900005"))
    result = runner.invoke(app, ["import", "acled", str(bad), "--db", str(db_path)])
    assert result.exit_code == 1, result.output
    assert f"{bad}:{start}: event UKR900005: event_date '31 Juno 2022' is not a date" in result.stderr
    assert "4 new event(s)" in result.stdout and "1 bad row(s)" in result.stdout
    assert rows(db_path, "SELECT count(*) FROM articles") == [(4,)]
    assert rows(db_path, "SELECT status FROM etl_runs") == [("partial",)]


def test_line_numbers_count_multi_line_fields(db_path: Path, tmp_path: Path) -> None:
    """A row after a field that runs over two lines is reported on the line it starts on."""
    src = ACLED.read_text(encoding="utf-8")
    header, *body = src.splitlines(keepends=True)
    bad = tmp_path / "acled.csv"
    bad.write_text(src + "UKR900006,2022-06-09" + ",x" * 26 + ",many,,\n", encoding="utf-8")
    last_line = len(src.splitlines()) + 1
    summary = run_import("acled", bad, db_path, progress=False)
    assert [str(p) for p in summary.problems] == [
        f"{bad}:{last_line}: event UKR900006: fatalities 'many' is not a number: skipped"]
    assert summary.articles_new == 5


def test_bad_ucdp_rows(db_path: Path, tmp_path: Path) -> None:
    bad = rewrite(UCDP, tmp_path / "ged.csv", {
        "900001": {"low": "25"},  # low above best
        "900003": {"date_end": "2022-06-01 00:00:00.000"},  # ends before it starts
    })
    summary = run_import("ucdp-ged", bad, db_path, progress=False)
    assert [str(p) for p in summary.problems] == [
        f"{bad}:2: event 900001: low 25, best 23 and high 30 are out of order (low <= best <= high): skipped",
        f"{bad}:4: event 900003: date_end '2022-06-01 00:00:00.000' is before date_start "
        "'2022-06-13 00:00:00.000': skipped",
    ]
    assert summary.exit_code == 1 and summary.articles_new == 2


def test_an_event_twice_in_a_file_is_imported_once(db_path: Path, tmp_path: Path) -> None:
    text = UCDP.read_text(encoding="utf-8")
    twice = tmp_path / "ged.csv"
    twice.write_text(text + text.splitlines(keepends=True)[1], encoding="utf-8")
    summary = run_import("ucdp-ged", twice, db_path, progress=False)
    assert [str(p) for p in summary.problems] == [
        f"{twice}:6: event 900001 is also on line 2: only the first is imported"]
    assert summary.articles_new == 4


def test_a_file_of_another_dataset_is_refused_whole(db_path: Path) -> None:
    result = runner.invoke(app, ["import", "ucdp-ged", str(ACLED), "--db", str(db_path)])
    assert result.exit_code == 1
    assert f"{ACLED}:1: not a UCDP Georeferenced Event Dataset file: the header lacks the column(s) id, best, " \
           "date_start" in " ".join(result.stderr.split())
    assert rows(db_path, "SELECT count(*) FROM articles") == [(0,)]
    missing = runner.invoke(app, ["import", "acled", str(ACLED.with_name("none.csv")), "--db", str(db_path)])
    assert missing.exit_code == 1 and "no such file" in missing.stderr
    assert runner.invoke(app, ["import", "gdelt", str(ACLED)]).exit_code == 2


def test_encodings_and_delimiters(db_path: Path, tmp_path: Path) -> None:
    """A file re-saved by a spreadsheet (byte-order mark, semicolons, Windows-1252) reads the same."""
    text = ACLED.read_text(encoding="utf-8")
    semicolons = tmp_path / "acled.csv"
    with ACLED.open(newline="", encoding="utf-8") as f, semicolons.open("w", newline="", encoding="cp1252") as g:
        csv.writer(g, delimiter=";").writerows(csv.reader(f))
    assert run_import("acled", semicolons, db_path, progress=False).exit_code == 0
    first = snapshot(db_path)["claims"]
    bom = tmp_path / "bom.csv"
    bom.write_bytes(b"\xef\xbb\xbf" + text.encode("utf-8"))
    other = tmp_path / "other.duckdb"
    assert run_import("acled", bom, other, progress=False).exit_code == 0
    assert [r[2:18] for r in snapshot(other)["claims"]] == [r[2:18] for r in first]


def test_dataset_records_are_never_re_extracted(db_path: Path, corpus: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A new extractor version re-extracts news articles, never dataset records (whose claims the
    import mapped from the row)."""
    assert run_import("ucdp-ged", UCDP, db_path, progress=False).exit_code == 0
    before = dataset_claims(db_path, "ucdp-ged")
    from tests.conftest import fake_claims, fake_infer_date
    from etl import extract
    monkeypatch.setattr(extract, "extract_claims", fake_claims)
    monkeypatch.setattr(extract, "infer_publication_date", fake_infer_date)
    monkeypatch.setattr(extract, "EXTRACTOR_VERSION", "test-2")
    summary = run_etl([corpus], db_path, progress=False)
    assert summary.articles_reextracted == 0 and summary.articles_new == 5
    assert dataset_claims(db_path, "ucdp-ged") == before


def test_dataset_events_are_never_copies_and_each_is_its_own_figure(db_path: Path, tmp_path: Path) -> None:
    """Two events with the same toll at one place on neighbouring days are two figures, and rows
    that read alike are no copies of one story."""
    twin = rewrite(ACLED, tmp_path / "acled.csv", {"UKR900005": {"fatalities": "0", "event_date": "2022-06-08"}})
    assert run_import("acled", twin, db_path, progress=False).exit_code == 0
    assert rows(db_path, "SELECT count(*) FROM articles WHERE duplicate_of IS NOT NULL") == [(0,)]
    assert rows(db_path, "SELECT count(*) FROM article_signatures") == [(0,)]
    zero = rows(db_path, "SELECT count(DISTINCT figure_id) FROM claims WHERE value_best = 0")
    assert zero == [(2,)]


def test_a_broken_specification_is_refused(tmp_path: Path) -> None:
    spec = tmp_path / "x.yaml"
    spec.write_text("version: 1\ndataset: x\ntitle: X\nsource: X\nevent_id: id\ncolumns: [id]\nrequired: [best]\n"
                    "quote: [id]\ndate_formats: ['%Y']\n", encoding="utf-8")
    with pytest.raises(DatasetSpecError, match="column 'best' is not one of `columns`"):
        load_spec(spec)
    for name in MAPPERS:
        assert spec_for(name).name == name


@settings(max_examples=200, deadline=None)
@given(values=st.lists(st.one_of(st.integers(-5, 10_000), st.text(max_size=6), st.none()), min_size=3, max_size=3))
def test_any_ucdp_numbers_give_ordered_claims_or_a_row_error(values: list) -> None:
    spec = spec_for("ucdp-ged")
    raw = {c: "" for c in spec.columns}
    raw.update(id="1", date_start="2022-06-01", country="Ukraine")
    raw.update({k: "" if v is None else str(v) for k, v in zip(("low", "best", "high"), values)})
    text, spans = record_text(raw, spec)
    try:
        claims = MAPPERS["ucdp-ged"](Row(raw, 2, text, spans), spec)
    except RowError:
        return
    for claim in claims:
        assert claim.value_low is not None and claim.value_high is not None
        assert claim.value_low <= claim.value_best <= claim.value_high
        assert text[claim.span_start:claim.span_end] == raw["best"] or claim.rule != "ucdp-ged.best"


def test_import_help_names_the_datasets() -> None:
    result = runner.invoke(app, ["import", "--help"])
    assert result.exit_code == 0 and "ucdp-ged" in result.output and "acled" in result.output

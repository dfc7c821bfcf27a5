"""`tally export`: CSV, Parquet, HXL and JSON lines, filtered as on the dashboard."""
from __future__ import annotations

import csv
import io
import json
from datetime import date
from pathlib import Path

import duckdb
import hxl
import pandas as pd
import pyarrow.parquet as pq
import pytest
from typer.testing import CliRunner

from etl.cli import app
from warehouse.export import ExportFilters, export_table, hxl_hashtags

runner = CliRunner()


def export(db: Path, *args: str) -> str:
    result = runner.invoke(app, ["export", "--db", str(db), *args])
    assert result.exit_code == 0, result.output
    return result.stdout


def csv_rows(text: str) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(text)))


def test_hxl_export_parses_with_libhxl_and_carries_the_hashtags(examples_warehouse: Path, tmp_path: Path) -> None:
    out = tmp_path / "killed-hxl.csv"
    result = runner.invoke(app, ["export", "--db", str(examples_warehouse), "--format", "hxl", "--metric", "killed",
                                 "--out", str(out)])
    assert result.exit_code == 0, result.output
    source = hxl.data(str(out), hxl.InputOptions(allow_local=True))
    tags = [c.display_tag for c in source.columns]
    for tag in ("#affected+killed", "#affected+killed+min", "#affected+killed+max", "#date+reported",
                "#date+occurred", "#meta+source", "#meta+url", "#loc+name", "#org+name"):
        assert tag in tags, tag
    header = next(csv.reader(out.open(encoding="utf-8")))
    plain = csv_rows(out.read_text(encoding="utf-8"))[1:]  # the first row under the header is the hashtags
    got = list(source)
    assert len(got) == len(plain) > 10
    by_tag = dict(zip(tags, header))
    assert by_tag["#affected+killed"] == "value_best" and by_tag["#org+name"] == "source_name"
    for row, expected in zip(got, plain):
        # the pattern #affected+killed finds the best reading first, its bounds by +min/+max
        def value(tag: str) -> str:
            return row.get(tag) or ""  # libhxl reads an empty cell as None

        assert value("#affected+killed") == expected["value_best"]
        assert value("#affected+killed+min") == expected["value_low"]
        assert value("#affected+killed+max") == expected["value_high"]
        assert value("#loc+name") == expected["location"]
        assert value("#org+name") == expected["source_name"]
    open_above = [r for r in got if r.get("#affected+killed+max") in ("", None)]
    assert open_above, "an open upper bound stays empty, never 0 or 999"
    assert {r.get("#org+name") for r in got} >= {"UCDP GED", "ACLED"}
    # HXL's own default schema: dates are dates, #affected numbers; no error-level finding
    errors: list = []
    valid = hxl.schema(callback=lambda e: errors.append(e)).validate(hxl.data(str(out), hxl.InputOptions(allow_local=True)))
    assert valid and not [e for e in errors if e.rule.severity == "error"]


def test_hxl_value_tags_follow_the_metrics() -> None:
    assert hxl_hashtags(["value_best", "value_low", "value_high"], ["injured"], ["people"]) == [
        "#affected+injured", "#affected+injured+min", "#affected+injured+max"]
    assert hxl_hashtags(["value_best", "value_low"], ["killed", "injured"], ["people"]) == ["#affected", "#affected+min"]
    assert hxl_hashtags(["value_best", "value_high"], ["killed", "aid"], ["people", "USD"]) == [
        "#indicator+num", "#indicator+num+max"]
    assert hxl_hashtags(["value_best"], ["aid"], ["EUR"]) == ["#value+aid"]


def test_parquet_round_trips_through_duckdb_and_pandas(examples_warehouse: Path, tmp_path: Path) -> None:
    out = tmp_path / "claims.parquet"
    result = runner.invoke(app, ["export", "--db", str(examples_warehouse), "-f", "parquet", "-o", str(out)])
    assert result.exit_code == 0, result.output
    table = export_table(examples_warehouse)
    con = duckdb.connect()
    con.register("exported", table)
    want = con.execute("DESCRIBE exported").fetchall()
    got = con.execute("DESCRIBE SELECT * FROM read_parquet(?)", [str(out)]).fetchall()
    assert got == want
    types = {name: kind for name, kind, *_ in got}
    assert (types["value_best"], types["value_low"], types["as_of"], types["article_published"], types["is_copy"]) == (
        "DOUBLE", "DOUBLE", "DATE", "DATE", "BOOLEAN")
    assert con.execute("SELECT * FROM read_parquet(?) EXCEPT ALL SELECT * FROM exported", [str(out)]).fetchall() == []
    assert con.execute("SELECT count(*) FROM read_parquet(?)", [str(out)]).fetchone() == (table.num_rows,)

    frame = pd.read_parquet(out)
    assert frame.equals(table.to_pandas())
    assert str(frame["value_best"].dtype) == "float64" and frame["value_high"].isna().any()
    assert all(isinstance(d, date) for d in frame["as_of"].dropna())
    assert pq.read_schema(out).names == table.column_names


def test_filters_are_the_dashboards(examples_warehouse: Path) -> None:
    everything = csv_rows(export(examples_warehouse))
    killed = csv_rows(export(examples_warehouse, "--metric", "killed", "--place", "Severodonetsk"))
    assert killed and {(r["metric"], r["location"]) for r in killed} == {("killed", "Sievierodonetsk")}
    kyiv = csv_rows(export(examples_warehouse, "--source", "Kyiv"))  # every spelling of Ukraine's government
    assert {r["source_id"] for r in kyiv} == {"ua-government"} and len({r["source"] for r in kyiv}) > 1
    ged = csv_rows(export(examples_warehouse, "--source", "UCDP GED", "--category", "civilian"))
    assert ged and {(r["source_kind"], r["category"]) for r in ged} == {("dataset", "civilian")}
    week = csv_rows(export(examples_warehouse, "--from", "2022-06-13", "--to", "2022-06-19", "--scope", "incident"))
    assert week and all("2022-06-13" <= r["as_of"] <= "2022-06-19" and r["scope"] == "incident" for r in week)
    known = csv_rows(export(examples_warehouse, "--known-on", "2022-06-10"))
    assert known and all(r["article_published"] and r["article_published"] <= "2022-06-10" for r in known)
    assert len(known) < len(everything)
    party = csv_rows(export(examples_warehouse, "--party", "Ukraine", "--metric", "killed", "--metric", "injured"))
    assert party and {r["party"] for r in party} == {"Ukraine"} and {r["metric"] for r in party} == {"killed", "injured"}


def test_jsonl_keeps_types_and_open_bounds(examples_warehouse: Path) -> None:
    lines = [json.loads(line) for line in export(examples_warehouse, "--format", "jsonl").splitlines()]
    assert lines and all(isinstance(r["value_best"], float) for r in lines)
    assert any(r["value_high"] is None for r in lines)
    assert all(r["as_of"] is None or date.fromisoformat(r["as_of"]) for r in lines)
    assert len(lines) == export_table(examples_warehouse, ExportFilters()).num_rows


def test_export_errors(examples_warehouse: Path, tmp_path: Path) -> None:
    binary = runner.invoke(app, ["export", "--db", str(examples_warehouse), "--format", "parquet"])
    assert binary.exit_code == 2 and "--out FILE" in binary.stderr
    missing = runner.invoke(app, ["export", "--db", str(tmp_path / "none.duckdb")])
    assert missing.exit_code == 2 and "no Tally warehouse" in missing.stderr
    assert runner.invoke(app, ["export", "--db", str(examples_warehouse), "--format", "xlsx"]).exit_code == 2
    assert runner.invoke(app, ["export", "--db", str(examples_warehouse), "--from", "June"]).exit_code == 2


@pytest.mark.parametrize("fmt", ["csv", "hxl"])
def test_csv_numbers_read_back(examples_warehouse: Path, fmt: str) -> None:
    text = export(examples_warehouse, "--format", fmt, "--metric", "aid")
    rows = csv_rows(text)[1 if fmt == "hxl" else 0:]
    assert {r["unit"] for r in rows} == {"EUR", "GBP", "USD"}
    assert all(float(r["value_best"]) > 0 for r in rows)
    assert "1000000000" in {r["value_best"] for r in rows}  # whole numbers without ".0"


def test_language_filter_keeps_datasets(tmp_path: Path) -> None:
    """--language as on the dashboard: the articles in that language, and every dataset's events."""
    from etl.pipeline import run_etl

    root = Path(__file__).resolve().parent.parent
    db = tmp_path / "languages.duckdb"
    run_etl([root / "tests" / "gold" / "uk.articles.jsonl", root / "examples" / "reuters-2022-06-severodonetsk.txt"], db)
    assert runner.invoke(app, ["import", "acled", str(root / "examples" / "datasets" / "acled-example.csv"),
                               "--db", str(db), "--quiet"]).exit_code == 0
    every = csv_rows(export(db))
    uk = csv_rows(export(db, "--language", "uk"))
    assert {r["article_language"] for r in every} >= {"uk", "en"}
    assert uk and {r["article_language"] or r["source_kind"] for r in uk} == {"uk", "dataset"}
    both = csv_rows(export(db, "--language", "uk", "--language", "en"))
    assert len(both) == len(every) > len(uk)

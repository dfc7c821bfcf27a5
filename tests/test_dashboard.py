"""The Streamlit dashboard (dashboard/app.py) and its queries (dashboard/data.py).

A small warehouse is built per module with the real migrations (warehouse.db) and a
handful of hand-written claims; the app reads it through TALLY_DB.
"""
from __future__ import annotations

import subprocess
import sys
from collections.abc import Iterator
from datetime import date, datetime
from pathlib import Path
from typing import Any

import pandas as pd
import pytest
import streamlit as st
from streamlit.testing.v1 import AppTest

from dashboard import data
from warehouse import db as warehouse_db

APP = Path(__file__).resolve().parents[1] / "dashboard" / "app.py"
TIMEOUT_S = 30

ARTICLES = [
    {"article_id": "a1", "url": "https://example.org/severodonetsk",
     "title": "Fighting in <Severodonetsk> & beyond", "publisher": "Reuters",
     "published": date(2022, 6, 8), "text": "..."},
    {"article_id": "a2", "url": "javascript:alert(1)", "title": "Aid pledged",
     "publisher": "Example Wire", "published": date(2022, 6, 9), "text": "..."},
]
# (metric, source, low, best, high, qualifier, as_of, unit, rate, category, article)
CLAIMS = [
    ("killed", "Kyiv", 90, 100, 110, "approximate", date(2022, 6, 1), "people", None, "military", "a1"),
    ("killed", "Kyiv", 180, 200, 220, "range", date(2022, 6, 3), "people", None, "military", "a1"),
    ("killed", "Kyiv", 300, 300, None, "more_than", date(2022, 6, 5), "people", None, "civilian", "a1"),
    ("killed", "UN", None, 50, 50, "at_most", date(2022, 6, 2), "people", None, "civilian", "a1"),
    ("killed", "Zelenskiy", 100, 100, 100, "exact", date(2022, 6, 8), "people", "per_day", "military", "a1"),
    ("injured", "Luhansk governor", 500, 500, 500, "exact", date(2022, 6, 4), "people", None, "civilian", "a1"),
    ("aid", "United States", 4.6e9, 4.6e9, 4.6e9, "exact", date(2022, 6, 9), "USD", None, "military", "a2"),
    ("aid", "European Union", 1e9, 1e9, 1e9, "exact", date(2022, 6, 9), "EUR", None, "humanitarian", "a2"),
]


def _claim_rows() -> list[dict[str, Any]]:
    rows = []
    for i, (metric, source, low, best, high, qualifier, as_of, unit, rate, category, article) in enumerate(CLAIMS):
        rows.append({
            "claim_id": f"c{i}", "article_id": article, "metric": metric, "category": category,
            "party": "Ukraine" if source in ("Kyiv", "Zelenskiy") else None,
            "value_low": low, "value_best": best, "value_high": high, "unit": unit,
            "qualifier": qualifier, "rate": rate, "period_start": None, "as_of": as_of,
            "source": source, "location": "Sievierodonetsk" if metric == "killed" else None,
            "quote": f"{source} said {best:g} <b>{metric}</b>.", "span_start": 0, "span_end": 3,
            "rule": "test", "extractor_version": "test", "run_id": "test-run",
        })
    return rows


def _insert(con: Any, table: str, rows: list[dict[str, Any]]) -> None:
    columns = list(rows[0])
    sql = f"INSERT INTO {table} ({', '.join(columns)}) VALUES ({', '.join('?' for _ in columns)})"
    con.executemany(sql, [[row[c] for c in columns] for row in rows])


def build_warehouse(path: Path, with_claims: bool = True) -> Path:
    """A migrated warehouse at `path`, optionally filled with ARTICLES and CLAIMS; closed on return."""
    with warehouse_db.open_db(path) as con:
        if with_claims:
            now = datetime(2022, 6, 10)
            _insert(con, "articles", [{**a, "origin": "test", "ingested_at": now} for a in ARTICLES])
            _insert(con, "claims", _claim_rows())
    return path


@pytest.fixture(scope="module")
def warehouse(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return build_warehouse(tmp_path_factory.mktemp("wh") / "tally.duckdb")


@pytest.fixture(autouse=True)
def fresh_cache() -> Iterator[None]:
    st.cache_data.clear()
    yield
    st.cache_data.clear()


@pytest.fixture
def locked_warehouse(tmp_path: Path) -> Iterator[Path]:
    """A warehouse whose write lock another process (standing in for the ETL) holds."""
    path = build_warehouse(tmp_path / "busy.duckdb")
    holder = subprocess.Popen(
        [sys.executable, "-c",
         "import duckdb, sys; c = duckdb.connect(sys.argv[1]); print('locked', flush=True); "
         "sys.stdin.read(); c.close()", str(path)],
        stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True,
    )
    try:
        assert holder.stdout is not None and holder.stdout.readline().strip() == "locked"
        yield path
    finally:
        assert holder.stdin is not None
        holder.stdin.close()
        holder.wait(timeout=10)


def run_app(monkeypatch: pytest.MonkeyPatch, db: Path) -> AppTest:
    monkeypatch.setenv("TALLY_DB", str(db))
    at = AppTest.from_file(str(APP), default_timeout=TIMEOUT_S)
    return at.run()


def table(at: AppTest) -> pd.DataFrame:
    (df,) = at.dataframe
    return df.value


def charts_shown(at: AppTest) -> list[Any]:
    return list(at.get("plotly_chart"))


# --- data.py ------------------------------------------------------------------------------

def test_list_metrics(warehouse: Path) -> None:
    assert data.list_metrics(warehouse) == ["aid", "injured", "killed"]


def test_claims_for_metric_joins_articles_and_filters(warehouse: Path) -> None:
    killed = data.claims_for_metric(warehouse, "killed")
    assert list(killed.columns) == [*data.CLAIM_COLUMNS, *data.ARTICLE_COLUMNS]
    assert len(killed) == 5
    assert set(killed["title"]) == {"Fighting in <Severodonetsk> & beyond"}
    only_un = data.claims_for_metric(warehouse, "killed", data.ClaimFilters(source=("UN",)))
    assert only_un["source"].tolist() == ["UN"]
    both = data.ClaimFilters(category=("military",), party=("Ukraine",))
    assert sorted(data.claims_for_metric(warehouse, "killed", both)["source"]) == ["Kyiv", "Kyiv", "Zelenskiy"]
    nothing = data.claims_for_metric(warehouse, "killed", data.ClaimFilters(source=("nobody",)))
    assert nothing.empty and list(nothing.columns) == list(killed.columns)


def test_values_are_parameters_not_sql(warehouse: Path) -> None:
    hostile = "x' OR 1=1 --"
    assert data.claims_for_metric(warehouse, hostile).empty
    assert data.claims_for_metric(warehouse, "killed", data.ClaimFilters(source=(hostile,))).empty


def test_filter_options(warehouse: Path) -> None:
    options = data.filter_options(warehouse, "killed")
    assert options == {
        "category": ["civilian", "military"], "party": ["Ukraine"],
        "location": ["Sievierodonetsk"], "source": ["Kyiv", "UN", "Zelenskiy"],
    }


def test_queries_leave_no_connection_open(warehouse: Path) -> None:
    data.claims_for_metric(warehouse, "killed")
    # A read-write open in this process fails while any read-only connection is alive.
    with warehouse_db.open_db(warehouse) as con:
        assert con.execute("SELECT count(*) FROM claims").fetchone() == (len(CLAIMS),)


def test_resolve_db_path(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("TALLY_DB", raising=False)
    assert data.resolve_db_path([]) == Path("warehouse/tally.duckdb")
    monkeypatch.setenv("TALLY_DB", "/env.duckdb")
    assert data.resolve_db_path(["-q", "tests"]) == Path("/env.duckdb")
    assert data.resolve_db_path(["--db", "/cli.duckdb", "--other"]) == Path("/cli.duckdb")


def test_lock_held_past_the_timeout_raises(
    monkeypatch: pytest.MonkeyPatch, locked_warehouse: Path
) -> None:
    monkeypatch.setattr(data, "LOCK_TIMEOUT_S", 0.2)
    with pytest.raises(data.WarehouseLockedError):
        data.list_metrics(locked_warehouse)


def test_missing_database_raises(tmp_path: Path) -> None:
    with pytest.raises(data.WarehouseMissingError):
        data.list_metrics(tmp_path / "none.duckdb")


# --- app.py -------------------------------------------------------------------------------

def test_app_shows_metrics_chart_and_table(monkeypatch: pytest.MonkeyPatch, warehouse: Path) -> None:
    at = run_app(monkeypatch, warehouse)
    assert not at.exception
    metric = at.selectbox(key="metric")
    assert metric.options == ["aid", "injured", "killed"]
    assert metric.value == "aid"
    # Money: one chart per currency, never one shared axis.
    assert len(charts_shown(at)) == 2
    shown = table(at)
    assert set(shown["source"]) == {"United States", "European Union"}
    assert "quote" in shown.columns and "title" in shown.columns and "publisher" in shown.columns
    assert shown["url"].isna().all()  # a javascript: URL is never made a link
    (download,) = at.get("download_button")
    assert download.proto.label == "Download CSV"


def test_db_argument_overrides_env(monkeypatch: pytest.MonkeyPatch, tmp_path: Path, warehouse: Path) -> None:
    # `streamlit run dashboard/app.py -- --db FILE` puts `--db FILE` in sys.argv.
    monkeypatch.setattr(sys, "argv", ["app.py", "--db", str(warehouse)])
    at = run_app(monkeypatch, tmp_path / "not-this-one.duckdb")
    assert not at.exception
    assert at.selectbox(key="metric").options == ["aid", "injured", "killed"]


def test_changing_the_metric_changes_charts_and_table(monkeypatch: pytest.MonkeyPatch, warehouse: Path) -> None:
    at = run_app(monkeypatch, warehouse)
    before = table(at)
    at.selectbox(key="metric").select("killed").run()
    assert not at.exception
    after = table(at)
    assert len(after) == 5 and not after.equals(before)
    assert set(after["source"]) == {"Kyiv", "UN", "Zelenskiy"}
    assert after["url"].tolist() == ["https://example.org/severodonetsk"] * 5
    # Totals and the per-day rate are drawn on separate charts.
    assert len(charts_shown(at)) == 2
    assert [h.value for h in at.subheader][:2] == ["killed: people \\(total\\)", "killed: people per day"]


def test_filters_narrow_the_table(monkeypatch: pytest.MonkeyPatch, warehouse: Path) -> None:
    at = run_app(monkeypatch, warehouse)
    at.selectbox(key="metric").select("killed").run()
    source = at.multiselect(key="filter_killed_source")
    assert source.options == ["Kyiv", "UN", "Zelenskiy"]
    source.select("UN").run()
    assert not at.exception
    assert table(at)["source"].tolist() == ["UN"]
    assert len(charts_shown(at)) == 1


def test_no_claims_for_the_filter(monkeypatch: pytest.MonkeyPatch, warehouse: Path) -> None:
    at = run_app(monkeypatch, warehouse)
    at.selectbox(key="metric").select("killed").run()
    at.multiselect(key="filter_killed_category").select("civilian").run()
    at.multiselect(key="filter_killed_party").select("Ukraine").run()
    at.multiselect(key="filter_killed_source").select("UN").run()
    assert not at.exception
    assert any("No killed claims match these filters" in i.value for i in at.info)
    assert not charts_shown(at) and not at.dataframe


def test_empty_state_without_database(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    missing = tmp_path / "nowhere" / "tally.duckdb"
    at = run_app(monkeypatch, missing)
    assert not at.exception
    assert any("tally etl examples/" in i.value for i in at.info)
    assert not at.selectbox and not charts_shown(at)
    assert not missing.exists()  # the dashboard never creates a database


def test_empty_state_with_an_empty_database(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    db = build_warehouse(tmp_path / "empty.duckdb", with_claims=False)
    at = run_app(monkeypatch, db)
    assert not at.exception
    assert any("no claims yet" in i.value and "tally etl examples/" in i.value for i in at.info)


def test_busy_warehouse_shows_a_warning(monkeypatch: pytest.MonkeyPatch, locked_warehouse: Path) -> None:
    monkeypatch.setattr(data, "LOCK_TIMEOUT_S", 0.2)
    at = run_app(monkeypatch, locked_warehouse)
    assert not at.exception
    assert any("in use by another process" in w.value for w in at.warning)

"""The Streamlit dashboard (dashboard/app.py and its pages) and its queries (dashboard/data.py).

The test warehouse is built once per module by the real ETL (`etl.pipeline.run_etl`, real
migrations, real extractor) from the few articles in DASHBOARD_ARTICLES; every page reads
it through TALLY_DB. Assertions lean on figures the extractor reads unambiguously.
"""
from __future__ import annotations

import json
import re
import subprocess
import sys
from collections.abc import Iterator
from datetime import date
from pathlib import Path
from typing import Any

import pandas as pd
import pytest
import streamlit as st
from streamlit.testing.v1 import AppTest

from dashboard import data, ui
from etl.pipeline import run_etl
from warehouse import db as warehouse_db

APP = Path(__file__).resolve().parents[1] / "dashboard" / "app.py"
TIME_SERIES = "screens/time_series.py"
DISAGREEMENTS = "screens/disagreements.py"
TIMEOUT_S = 30

# Written for these tests: wire-style sentences the extractor reads plainly, with two
# sources that disagree, open bounds both ways, two currencies, a rate and totals, and
# hostile metadata and text (HTML and markdown that must reach the page as text).
DASHBOARD_ARTICLES = {
    "a1.md": """---
title: Fighting in <Severodonetsk> & beyond
url: https://example.org/a1
publisher: Reuters
published: 2022-06-01
---
Kyiv said between 100 and 200 of its soldiers are killed every day.

Russian shelling killed at least 12 civilians in Sievierodonetsk on Tuesday, the regional governor said.

More than 500 civilians are trapped in the Azot chemical plant in Sievierodonetsk, Ukraine said.
""",
    "a2.md": """---
title: Moscow gives its own count
url: https://example.org/a2
publisher: TASS
published: 2022-06-03
---
Moscow said about 30 civilians were killed in Sievierodonetsk on Thursday.

Russian shelling killed 20 to 25 civilians in Sievierodonetsk on Thursday, the regional governor said.

The United States pledged $1 billion in military aid to Ukraine, Washington said.

The European Union pledged 500 million euros in humanitarian aid, Brussels said.
""",
    "a3.md": """---
title: Losses mount
url: https://example.org/a3
publisher: Reuters
published: 2022-06-08
---
Kyiv said up to 300 of its soldiers are killed every day.

Russian shelling killed 40 to 60 civilians in Sievierodonetsk on Monday, the regional governor said.

The governor said 15 people were injured in Lysychansk <img src=x onerror=alert(1)> on Monday.
""",
    "a4.md": """---
title: Kyiv and Moscow disagree
url: javascript:alert(1)
publisher: <b>Example Wire</b>
published: 2022-06-02
---
Kyiv said 400 Russian soldiers were killed in Sievierodonetsk on Wednesday.

Moscow said 20 to 30 Russian soldiers were killed in Sievierodonetsk on Wednesday.
""",
}


def build_test_warehouse(folder: Path) -> Path:
    """Write DASHBOARD_ARTICLES under `folder` and load them with the real ETL; returns the db."""
    articles = folder / "articles"
    articles.mkdir(parents=True, exist_ok=True)
    for name, text in DASHBOARD_ARTICLES.items():
        (articles / name).write_text(text, encoding="utf-8")
    db = folder / "tally.duckdb"
    summary = run_etl([articles], db, progress=False)
    assert summary.articles_failed == 0 and summary.claims_added > 0
    return db


@pytest.fixture(scope="module")
def warehouse(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return build_test_warehouse(tmp_path_factory.mktemp("dashboard"))


@pytest.fixture(autouse=True)
def fresh_cache() -> Iterator[None]:
    st.cache_data.clear()
    yield
    st.cache_data.clear()


@pytest.fixture
def locked_warehouse(warehouse: Path, tmp_path: Path) -> Iterator[Path]:
    """A copy of the warehouse whose write lock another process (standing in for the ETL) holds."""
    path = tmp_path / "busy.duckdb"
    path.write_bytes(warehouse.read_bytes())
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


def run_app(monkeypatch: pytest.MonkeyPatch, db: Path, page: str | None = None,
            **query: str) -> AppTest:
    """The dashboard on `db`, on `page` (default: the overview), with URL query parameters."""
    monkeypatch.setenv("TALLY_DB", str(db))
    at = AppTest.from_file(str(APP), default_timeout=TIMEOUT_S)
    for key, value in query.items():
        at.query_params[key] = value
    at.run()
    if page:
        at.switch_page(page).run()
    assert not at.exception, at.exception
    return at


def table(at: AppTest, position: int = 0) -> pd.DataFrame:
    return at.dataframe[position].value


def charts_shown(at: AppTest) -> list[dict[str, Any]]:
    """The plotly figures on the page, as their JSON specs."""
    return [json.loads(chart.proto.spec) for chart in at.get("plotly_chart")]


def markdown_text(at: AppTest) -> str:
    """What the page shows as markdown, captions and HTML (the provenance cards)."""
    return "\n".join([*(m.value for m in at.markdown), *(c.value for c in at.caption), *(h.value for h in at.html)])


def killed(db: Path, **filters: Any) -> pd.DataFrame:
    return data.claims_for_metric(db, "killed", data.ClaimFilters(**filters))


# --- data.py ------------------------------------------------------------------------------

def test_list_metrics(warehouse: Path) -> None:
    assert {"aid", "injured", "killed", "trapped"} <= set(data.list_metrics(warehouse))


def test_claims_for_metric_joins_articles_and_keeps_the_words(warehouse: Path) -> None:
    claims = killed(warehouse)
    assert list(claims.columns) == [*data.CLAIM_COLUMNS, *data.ARTICLE_COLUMNS]
    assert {"Kyiv", "Moscow", "regional governor"} <= set(claims["source"])
    per_day = claims[(claims["rate"] == "per_day") & (claims["value_low"] == 100)].iloc[0]
    assert (per_day["value_best"], per_day["value_high"]) == (150, 200)
    assert per_day["title"] == "Fighting in <Severodonetsk> & beyond"
    assert per_day["publisher"] == "Reuters" and per_day["url"] == "https://example.org/a1"
    # The figure's own words, cut from the article at the claim's span, sit in its quote.
    for words, quote in zip(claims["figure_words"], claims["quote"]):
        assert words and words in quote


def test_filters_are_applied_in_sql(warehouse: Path) -> None:
    assert set(killed(warehouse, source=("Moscow",))["source"]) == {"Moscow"}
    assert set(killed(warehouse, party=("Russia",))["party"]) == {"Russia"}
    assert set(killed(warehouse, category=("civilian",))["category"]) == {"civilian"}
    assert set(killed(warehouse, location=("Sievierodonetsk",))["location"]) == {"Sievierodonetsk"}
    both = killed(warehouse, category=("military",), party=("Russia",))
    assert set(both["source"]) == {"Kyiv", "Moscow"}
    dated = killed(warehouse, as_of_from=date(2022, 6, 5), as_of_to=date(2022, 6, 30))
    assert not dated.empty and dated["as_of"].min() >= pd.Timestamp(2022, 6, 5)
    assert len(dated) < len(killed(warehouse))
    nothing = killed(warehouse, source=("nobody",))
    assert nothing.empty and list(nothing.columns) == list(killed(warehouse).columns)


def test_values_are_parameters_not_sql(warehouse: Path) -> None:
    hostile = "x' OR 1=1 --"
    assert data.claims_for_metric(warehouse, hostile).empty
    assert killed(warehouse, source=(hostile,)).empty
    assert data.latest_figures(warehouse, [hostile]).empty
    assert data.disagreements(warehouse, hostile).empty


def test_filter_options_and_date_bounds(warehouse: Path) -> None:
    options = data.filter_options(warehouse, "killed")
    assert set(options) == {"category", "party", "location", "source"}
    assert {"civilian", "military"} <= set(options["category"])
    assert {"Russia", "Ukraine"} <= set(options["party"])
    assert "Sievierodonetsk" in options["location"]
    assert {"Kyiv", "Moscow"} <= set(options["source"])
    first, last = data.date_bounds(warehouse, "killed")
    assert first is not None and last is not None and first < last
    assert data.date_bounds(warehouse, "no-such-metric") == (None, None)


def test_latest_figures_one_row_per_series(warehouse: Path) -> None:
    latest = data.latest_figures(warehouse)
    keys = ["metric", "category", "party", "location", "unit", "rate"]
    assert not latest.duplicated(keys).any()
    rate = latest[(latest["metric"] == "killed") & (latest["rate"] == "per_day")].iloc[0]
    # Two reports from Kyiv (1 and 8 June): the later "up to 300" is the latest figure.
    assert (rate["reports"], rate["sources"]) == (2, 1)
    assert pd.isna(rate["value_low"]) and rate["value_high"] == 300
    assert rate["as_of"] > rate["first_as_of"]
    aid = latest[latest["metric"] == "aid"]
    assert set(aid["unit"]) == {"USD", "EUR"}  # currencies are separate series
    assert set(data.latest_figures(warehouse, ["aid"])["metric"]) == {"aid"}


def test_disagreements_pair_non_overlapping_sources(warehouse: Path) -> None:
    pairs = data.disagreements(warehouse, "killed", window_days=0)
    pair = pairs[(pairs["lower_source"] == "Moscow") & (pairs["higher_source"] == "Kyiv")]
    assert len(pair) == 1
    row = pair.iloc[0]
    assert (row["lower_value_high"], row["higher_value_low"]) == (30, 400)
    assert row["party"] == "Russia" and row["location"] == "Sievierodonetsk"
    assert (pairs["lower_value_high"] < pairs["higher_value_low"]).all()
    assert (pairs["lower_source"] != pairs["higher_source"]).all()
    # "at least 12" (open above) overlaps every higher figure: never a disagreement.
    assert not (pairs["lower_qualifier"] == "at_least").any()
    assert data.disagreements(warehouse, "aid").empty


def test_claims_by_id(warehouse: Path) -> None:
    ids = killed(warehouse, source=("Moscow",))["claim_id"].tolist()
    assert sorted(data.claims_by_id(warehouse, ids)["claim_id"]) == sorted(ids)
    assert data.claims_by_id(warehouse, []).empty


def test_queries_leave_no_connection_open(warehouse: Path) -> None:
    killed(warehouse)
    data.latest_figures(warehouse)
    data.disagreements(warehouse)
    # A read-write open in this process fails while any read-only connection is alive.
    with warehouse_db.open_db(warehouse) as con:
        assert con.execute("SELECT count(*) FROM claims").fetchone()[0] > 0


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


# --- the overview page ----------------------------------------------------------------------

def test_overview_lists_the_latest_figure_of_each_series(
    monkeypatch: pytest.MonkeyPatch, warehouse: Path
) -> None:
    at = run_app(monkeypatch, warehouse)
    assert at.title[0].value == "Latest figures"
    shown = table(at)
    rate = shown[shown["figure"] == "killed per day (military, Ukraine)"].iloc[0]
    assert (rate["latest"], rate["source"], rate["as of"]) == ("up to 300", "Kyiv", "8 Jun 2022")
    assert (rate["reports"], rate["sources"], rate["since"]) == (2, 1, "1 Jun 2022")
    assert "500 or more" in set(shown["latest"])  # "more than 500 trapped": open, in words
    (download,) = at.get("download_button")
    assert download.proto.label == f"Download CSV ({len(shown)} rows)"


def test_overview_metric_filter(monkeypatch: pytest.MonkeyPatch, warehouse: Path) -> None:
    at = run_app(monkeypatch, warehouse)
    at.multiselect(key="overview_metrics").select("aid").run()
    assert not at.exception
    assert set(table(at)["metric"]) == {"aid"}
    assert len(table(at)) == 2  # USD and EUR, never one mixed figure


def test_overview_row_leads_to_its_words(monkeypatch: pytest.MonkeyPatch, warehouse: Path) -> None:
    at = run_app(monkeypatch, warehouse)
    shown = table(at)
    row = int(shown.index[shown["figure"] == "killed per day (military, Ukraine)"][0])
    at.selectbox(key="overview_pick").select(row).run()
    assert not at.exception
    text = markdown_text(at)
    assert "Kyiv" in text and "Losses mount" in text and "8 Jun 2022" in text
    assert "<strong>up to 300</strong>" in text  # the figure's own words, in bold inside the quote
    assert 'href="https://example.org/a3"' in text


# --- the time series page -------------------------------------------------------------------

def test_time_series_draws_bands_and_separates_rates(monkeypatch: pytest.MonkeyPatch, warehouse: Path) -> None:
    at = run_app(monkeypatch, warehouse, TIME_SERIES)
    assert at.selectbox(key="metric").value == "killed"
    headings = [h.value for h in at.subheader]
    assert "killed: people \\(total\\)" in headings and "killed: people per day" in headings
    figures = charts_shown(at)
    assert len(figures) == 2  # totals and the per-day rate never share an axis
    total, per_day = figures
    (band,) = [t for t in total["data"] if t.get("fill") == "toself"]  # the governor's 2-6 June band
    assert band["meta"]["source"] == "regional governor"
    sources = {t["meta"]["source"] for t in total["data"]}
    assert {"Kyiv", "Moscow", "regional governor"} <= sources
    assert {"open_bound"} <= {t["meta"]["role"] for t in total["data"] + per_day["data"]}
    # The figures carry their own look (charts.TIME_SERIES_TEMPLATE), not Streamlit's theme.
    assert {chart.proto.theme for chart in at.get("plotly_chart")} == {""}
    assert all(f["layout"]["template"]["layout"]["font"]["family"] for f in figures)
    shown = table(at)
    assert len(shown) == len(killed(warehouse))
    assert (at.get("download_button")[0].proto.label ==
            f"Download CSV ({len(shown)} rows)")


def test_time_series_table_lists_the_latest_claims_until_asked_for_all(
    monkeypatch: pytest.MonkeyPatch, warehouse: Path
) -> None:
    monkeypatch.setattr(ui, "TABLE_PREVIEW_ROWS", 3)
    every = killed(warehouse)
    at = run_app(monkeypatch, warehouse, TIME_SERIES)
    shown = table(at)
    assert len(shown) == 3 < len(every)
    assert list(shown["as_of"]) == sorted(every["as_of"].dropna(), reverse=True)[:3]  # the latest
    assert any(f"The 3 latest of {len(every)} claims" in c.value for c in at.caption)
    # The CSV still has every claim behind the charts, and the picker reaches every one.
    assert at.get("download_button")[0].proto.label == f"Download CSV ({len(every)} rows)"
    assert len(at.selectbox(key="claim_pick").options) == len(every)
    at.toggle(key="claims_all").set_value(True).run()
    assert not at.exception
    assert len(table(at)) == len(every)


def test_time_series_metric_from_the_url_and_money(monkeypatch: pytest.MonkeyPatch, warehouse: Path) -> None:
    at = run_app(monkeypatch, warehouse, TIME_SERIES, metric="aid")
    assert at.selectbox(key="metric").value == "aid"
    figures = charts_shown(at)
    assert sorted(f["layout"]["yaxis"]["title"]["text"] for f in figures) == ["EUR (total)", "USD (total)"]
    shown = table(at)
    assert set(shown["unit"]) == {"USD", "EUR"}


@pytest.mark.parametrize(("column", "value"), [
    ("category", "civilian"), ("party", "Russia"), ("location", "Sievierodonetsk"), ("source", "Moscow"),
])
def test_time_series_filters(monkeypatch: pytest.MonkeyPatch, warehouse: Path, column: str, value: str) -> None:
    at = run_app(monkeypatch, warehouse, TIME_SERIES)
    at.multiselect(key=f"filter_killed_{column}").select(value).run()
    assert not at.exception
    shown = table(at)
    assert set(shown[column]) == {value}
    assert len(shown) == len(killed(warehouse, **{column: (value,)}))


def test_time_series_date_range(monkeypatch: pytest.MonkeyPatch, warehouse: Path) -> None:
    at = run_app(monkeypatch, warehouse, TIME_SERIES)
    first, last = data.date_bounds(warehouse, "killed")
    at.date_input(key="dates_killed").set_value((date(2022, 6, 5), last)).run()
    assert not at.exception
    shown = table(at)
    assert pd.to_datetime(shown["as_of"]).min() >= pd.Timestamp(2022, 6, 5)
    assert 0 < len(shown) < len(killed(warehouse))


def test_time_series_no_claims_for_the_filter(monkeypatch: pytest.MonkeyPatch, warehouse: Path) -> None:
    at = run_app(monkeypatch, warehouse, TIME_SERIES)
    at.multiselect(key="filter_killed_source").select("Moscow").run()
    at.multiselect(key="filter_killed_party").select("Ukraine").run()
    assert not at.exception
    assert any("No killed claims match these filters" in i.value for i in at.info)
    assert not charts_shown(at) and not at.dataframe


def test_time_series_claim_leads_to_its_words(monkeypatch: pytest.MonkeyPatch, warehouse: Path) -> None:
    at = run_app(monkeypatch, warehouse, TIME_SERIES)
    shown = table(at)
    row = int(shown.index[(shown["source"] == "Kyiv") & (shown["value_best"] == 400)][0])
    at.selectbox(key="claim_pick").select(row).run()
    assert not at.exception
    text = markdown_text(at)
    assert "<strong>400</strong>" in text  # the figure's words, bold, inside its quote
    assert "Kyiv and Moscow disagree" in text
    assert "javascript" not in text  # a javascript: URL is never made a link
    assert shown["url"].isna().sum() == (shown["title"] == "Kyiv and Moscow disagree").sum()


def test_article_text_is_never_markup(monkeypatch: pytest.MonkeyPatch, warehouse: Path) -> None:
    at = run_app(monkeypatch, warehouse, TIME_SERIES, metric="injured")
    shown = table(at)
    assert any("<img src=x" in q for q in shown["quote"])  # in the table: literal text
    at.selectbox(key="claim_pick").select(0).run()
    text = markdown_text(at)
    assert "&lt;img src=x" in text and "<img" not in text  # escaped
    hover = " ".join(h for f in charts_shown(at) for t in f["data"] for h in t.get("hovertext") or [])
    assert "<img" not in hover and "&lt;img" in hover
    # Metadata with HTML is escaped too (a4's publisher is "<b>Example Wire</b>").
    at = run_app(monkeypatch, warehouse, TIME_SERIES)
    shown = table(at)
    row = int(shown.index[shown["title"] == "Kyiv and Moscow disagree"][0])
    at.selectbox(key="claim_pick").select(row).run()
    assert "&lt;b&gt;Example Wire" in markdown_text(at) and "<b>" not in markdown_text(at)


HOSTILE_CLAIM = {
    "claim_id": "c1", "metric": "injured", "value_low": 14.0, "value_best": 14.0, "value_high": 14.0,
    "unit": "people", "qualifier": "exact", "rate": None, "category": "civilian", "party": None,
    "location": "Kramatorsk", "as_of": date(2022, 6, 3), "published": date(2022, 6, 4),
    "source": "press@example.org", "figure_words": "14",
    "quote": "Officials at www.example.net said 14 people were injured, see https://example.com/report "
             "or write to press@example.org [x](https://evil.example) <a href=https://evil.example>y</a>.",
    "title": "Live at www.example.net and http://example.com/live", "publisher": "news@example.org",
    "url": "https://example.org/a5",
}


def test_provenance_card_is_inert_text_but_for_the_article_link() -> None:
    card = ui.provenance_card(HOSTILE_CLAIM)
    assert card.count("<a ") == 1 and 'href="https://example.org/a5"' in card  # the article's own link only
    assert "&lt;a href=https://evil.example&gt;" in card and "said <strong>14</strong> people" in card
    for words in ("www.example.net", "https://example.com/report", "press@example.org", "news@example.org"):
        assert words in card  # shown as written (st.html: no markdown, so no autolinks)


# --- the disagreements page -----------------------------------------------------------------

def test_disagreements_page(monkeypatch: pytest.MonkeyPatch, warehouse: Path) -> None:
    at = run_app(monkeypatch, warehouse, DISAGREEMENTS)
    shown = table(at)
    pair = shown[(shown["lower source"] == "Moscow") & (shown["higher source"] == "Kyiv")]
    assert list(pair[["lower figure", "higher figure"]].iloc[0]) == ["20-30", "400"]
    (figure, *_) = charts_shown(at)
    assert {t["meta"]["source"] for t in figure["data"]} >= {"Moscow", "Kyiv"}
    at.selectbox(key="disagreement_pick").select(int(pair.index[0])).run()
    assert not at.exception
    text = markdown_text(at)
    assert "<strong>400</strong>" in text and "<strong>20 to 30</strong>" in text  # both sides' words


def test_disagreements_filters_and_empty_state(monkeypatch: pytest.MonkeyPatch, warehouse: Path) -> None:
    at = run_app(monkeypatch, warehouse, DISAGREEMENTS)
    at.selectbox(key="disagreement_metric").select("killed").run()
    assert set(table(at)["figure"].str.split(" ").str[0]) == {"killed"}
    at.slider(key="disagreement_window").set_value(0).run()
    assert not at.exception and len(table(at)) >= 1
    at.selectbox(key="disagreement_metric").select("aid").run()
    assert not at.exception
    assert any("No disagreements" in i.value for i in at.info)
    assert not at.dataframe


# --- empty states and a busy warehouse ------------------------------------------------------

@pytest.mark.parametrize("page", [None, TIME_SERIES, DISAGREEMENTS])
def test_empty_state_without_database(monkeypatch: pytest.MonkeyPatch, tmp_path: Path, page: str | None) -> None:
    missing = tmp_path / "nowhere" / "tally.duckdb"
    at = run_app(monkeypatch, missing, page)
    assert any("tally etl examples/" in i.value for i in at.info)
    assert not at.dataframe and not charts_shown(at)
    assert not missing.exists()  # the dashboard never creates a database


@pytest.mark.parametrize("page", [None, TIME_SERIES, DISAGREEMENTS])
def test_empty_state_with_an_empty_database(monkeypatch: pytest.MonkeyPatch, tmp_path: Path, page: str | None) -> None:
    db = tmp_path / "empty.duckdb"
    with warehouse_db.open_db(db):
        pass
    at = run_app(monkeypatch, db, page)
    assert any("no claims yet" in i.value and "tally etl examples/" in i.value for i in at.info)


def test_busy_warehouse_shows_a_warning(monkeypatch: pytest.MonkeyPatch, locked_warehouse: Path) -> None:
    monkeypatch.setattr(data, "LOCK_TIMEOUT_S", 0.2)
    at = run_app(monkeypatch, locked_warehouse)
    assert any("in use by another process" in w.value for w in at.warning)


def test_db_argument_overrides_env(monkeypatch: pytest.MonkeyPatch, tmp_path: Path, warehouse: Path) -> None:
    # `streamlit run dashboard/app.py -- --db FILE` puts `--db FILE` in sys.argv.
    monkeypatch.setattr(sys, "argv", ["app.py", "--db", str(warehouse)])
    at = run_app(monkeypatch, tmp_path / "not-this-one.duckdb")
    assert not table(at).empty

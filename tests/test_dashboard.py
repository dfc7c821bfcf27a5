"""The Streamlit dashboard (dashboard/app.py and its pages) and its queries (dashboard/data.py).

The test warehouse is built once per module by the real ETL (`etl.pipeline.run_etl`, real
migrations, real extractor and assembly) from the articles in DASHBOARD_ARTICLES (written for
these tests), a running toll with counts between its totals (TOLL_ARTICLES) and the three copies of
one story (tests/fixtures/copies); a second warehouse adds a curated dataset's events as rows of
their own (sources.kind 'dataset'), as an importer stores them. Every page reads one through
TALLY_DB. Assertions lean on figures the extractor reads unambiguously.
"""
from __future__ import annotations

import json
import shutil
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

from dashboard import data, tables, ui
from etl.pipeline import run_etl
from warehouse import db as warehouse_db
from warehouse import read_model

ROOT = Path(__file__).resolve().parents[1]
APP = ROOT / "dashboard" / "app.py"
SERIES = "screens/series.py"
DISAGREEMENTS = "screens/disagreements.py"
TIMEOUT_S = 30

# Written for these tests: wire-style sentences the extractor reads plainly, with two
# sources that disagree, open bounds both ways, two currencies, a rate and totals, an
# approximate amount, a publication date inferred from the text, and hostile metadata and
# text (HTML and markdown that must reach the page as text).
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
    # in Ukrainian (articles.language 'uk'): five civilians killed in Odesa on Saturday 11 June
    "a7.md": """---
title: Обстріл Одеси
url: https://example.org/a7
publisher: Укрінформ
published: 2022-06-11
---
Унаслідок російського обстрілу Одеси в суботу загинули п’ятеро цивільних, повідомила обласна військова адміністрація.
""",
    # no metadata: the publication date (20 June) is inferred from the text
    "a6.txt": """KYIV, June 20, 2022 (Tally tests) - Ukraine says more than 500 civilians are trapped in the Azot chemical plant in Sievierodonetsk.

The Pentagon said on Monday the United States has committed about $4.6 billion in military aid to Ukraine since February 24.
""",
}
# A governor's running toll of civilians killed in Kharkiv with incident and period counts between
# the totals: 212 (6 June) -> 229 (10 June), counted 4 + 2-3 + 6 in between (the dailies fall short);
# 229 -> 236 (12 June), counted 7 (they add up).
TOLL_ARTICLES = [
    ("2022-06-06", "A total of 212 civilians have been killed in Kharkiv since the start of the war, the "
                   "regional governor Oleh Synehubov said on Monday."),
    ("2022-06-08", "Russian shelling killed four civilians in Kharkiv on Tuesday, the regional governor Oleh "
                   "Synehubov said."),
    ("2022-06-09", "A missile strike on a market in Kharkiv killed between two and three civilians on Wednesday, "
                   "the regional governor Oleh Synehubov said."),
    ("2022-06-10", "Over the past 24 hours, six civilians were killed in Kharkiv, the regional governor Oleh "
                   "Synehubov said on Friday.\n\nThe number of civilians killed in Kharkiv since the start of the "
                   "war has risen to 229, he said."),
    ("2022-06-12", "Russian shelling killed seven civilians in Kharkiv on Saturday, the regional governor Oleh "
                   "Synehubov said on Sunday.\n\nThe civilian death toll in Kharkiv since the start of the war has "
                   "risen to 236, he said."),
]
KHARKIV = data.SeriesKey("killed", "civilian", None, "Kharkiv", "people")
PER_DAY = data.SeriesKey("killed", "military", "Ukraine", None, "people")
KRAMATORSK = data.SeriesKey("killed", "unspecified", None, "Kramatorsk", "people")


def build_test_warehouse(folder: Path) -> Path:
    """Write the test articles under `folder` and load them with the real ETL; returns the db."""
    articles = folder / "articles"
    articles.mkdir(parents=True, exist_ok=True)
    for name, text in DASHBOARD_ARTICLES.items():
        (articles / name).write_text(text, encoding="utf-8")
    with (articles / "toll.jsonl").open("w", encoding="utf-8") as out:
        for i, (published, text) in enumerate(TOLL_ARTICLES):
            out.write(json.dumps({"id": f"toll-{i}", "url": f"https://example.org/toll/{i}", "title": f"Toll {i}",
                                  "publisher": "Test Wire", "published": published,
                                  "text": f"KHARKIV (Tally tests) - {text}"}) + "\n")
    shutil.copy(ROOT / "tests" / "fixtures" / "copies" / "three_copies.jsonl", articles / "copies.jsonl")
    db = folder / "tally.duckdb"
    summary = run_etl([articles], db, progress=False)
    assert summary.articles_failed == 0 and summary.claims_added > 0
    return db


DATASET_EVENTS = [  # (claim_id, as_of, killed): a curated dataset's events in Kharkiv (category unspecified)
    ("ds-1", date(2022, 6, 7), 3), ("ds-2", date(2022, 6, 8), 2), ("ds-3", date(2022, 6, 8), 2),
    ("ds-4", date(2022, 6, 11), 5), ("ds-5", date(2022, 7, 2), 9),
]


def add_dataset(db: Path) -> None:
    """A curated dataset's events as claims of their own: sources.kind 'dataset', scope incident,
    as_of the event's date, two alike events on one day sharing a figure_id as the assembly would
    give them (they must still count as two events)."""
    with warehouse_db.open_db(db) as con:
        con.execute("INSERT INTO sources VALUES ('test-events', 'Test events dataset', 'dataset', NULL)")
        con.execute("INSERT INTO articles (article_id, title, publisher, published, text, ingested_at) VALUES "
                    "('test-events-import', 'Test events dataset', 'Test events', DATE '2022-07-05', "
                    "'one row per event', ?)", [datetime(2022, 7, 5)])
        for claim_id, as_of, killed in DATASET_EVENTS:
            con.execute(
                "INSERT INTO claims (claim_id, article_id, metric, category, value_low, value_best, value_high, "
                "unit, qualifier, as_of, source, source_id, location, quote, scope, figure_id) VALUES "
                "(?, 'test-events-import', 'killed', 'unspecified', ?, ?, ?, 'people', 'exact', ?, 'Test events', "
                "'test-events', 'Kharkiv', 'Event coded by the dataset.', 'incident', ?)",
                [claim_id, killed, killed, killed, as_of, "ds-fig-8" if as_of == date(2022, 6, 8) else claim_id],
            )


@pytest.fixture(scope="module")
def warehouse(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return build_test_warehouse(tmp_path_factory.mktemp("dashboard"))


@pytest.fixture(scope="module")
def with_dataset(warehouse: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("dataset") / "tally.duckdb"
    path.write_bytes(warehouse.read_bytes())
    add_dataset(path)
    return path


@pytest.fixture(autouse=True)
def fresh_cache() -> Iterator[None]:
    st.cache_data.clear()
    st.cache_resource.clear()
    yield
    st.cache_data.clear()
    st.cache_resource.clear()


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


def run_app(monkeypatch: pytest.MonkeyPatch, db: Path, page: str | None = None, **query: str) -> AppTest:
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


def series_url(key: data.SeriesKey, **more: str) -> dict[str, str]:
    return {**{c: v for c, v in key.params().items() if v is not None}, **more}


# Each table of the pages, by a column only it has.
TABLE_COLUMNS = {"overview_table": "series_figures", "checks_table": "adds up", "figures_table": "published_inferred",
                 "disagreement_table": "times higher"}


def table(at: AppTest, key: str) -> pd.DataFrame:
    found = [d.value for d in at.dataframe if TABLE_COLUMNS[key] in d.value.columns]
    assert len(found) == 1, f"{len(found)} tables {key}"
    return found[0]


def charts_shown(at: AppTest) -> list[dict[str, Any]]:
    """The plotly figures on the page, as their JSON specs."""
    return [json.loads(chart.proto.spec) for chart in at.get("plotly_chart")]


def page_text(at: AppTest) -> str:
    """What the page shows as markdown, captions and HTML (the provenance cards)."""
    return "\n".join([*(m.value for m in at.markdown), *(c.value for c in at.caption), *(h.value for h in at.html)])


def series_row(series: pd.DataFrame, **key: Any) -> dict[str, Any]:
    mask = pd.Series(True, index=series.index)
    for column in tables.SERIES_KEY_COLUMNS:
        value = key.get(column)
        mask &= series[column].isna() if value is None else series[column] == value
    (row,) = series[mask].to_dict("records")
    return row


# --- data.py ------------------------------------------------------------------------------

def test_series_list_one_row_per_series_with_each_sources_latest(warehouse: Path) -> None:
    series = data.series_list(warehouse)
    assert not series.duplicated(list(tables.SERIES_KEY_COLUMNS)).any()
    per_day = series_row(series, metric="killed", category="military", party="Ukraine", unit="people",
                         scope="rate", rate="per_day")
    # Two figures from Kyiv (1 and 8 June): the later "up to 300" is the latest.
    assert (per_day["figures"], per_day["sources"]) == (2, 1)
    (kyiv,) = per_day["latest_by_source"]
    assert kyiv["name"] == "Government of Ukraine" and kyiv["latest"]["qualifier"] == "at_most"
    assert kyiv["latest"]["high"] == 300 and kyiv["latest"]["as_of"] == date(2022, 6, 8)
    # each series' sources newest first (then the highest best; a missing one last; then source_id)
    def newest_first(entry: dict[str, Any]) -> tuple[Any, ...]:
        latest = entry["latest"] or {}
        as_of, best = latest.get("as_of"), latest.get("best")
        return (as_of is None, -as_of.toordinal() if as_of else 0, best is None or best != best,
                -best if best == best and best is not None else 0, entry["source_id"] is None, entry["source_id"] or "")
    ordered = [list(row) for row in series["latest_by_source"]]
    assert ordered == [sorted(row, key=newest_first) for row in ordered]
    assert any(len(row) > 1 for row in ordered)
    # the series_id is the view `series`'s
    with data.read_only(warehouse) as con:
        ids = {r[0] for r in con.execute("SELECT series_id FROM series").fetchall()}
    assert set(series["series_id"]) == ids


def full_series_list(db: Path, metrics: tuple[str, ...] = ()) -> pd.DataFrame:
    """queries/series_list.sql computed from the claims, never from the read model."""
    return data.run_query(db, "series_list", {"metrics": list(metrics), "known_on": None, "languages": [],
                                              "summary": False})


def test_series_list_reads_the_read_model_only_while_it_is_current(with_dataset: Path, tmp_path: Path) -> None:
    # The ETL refreshed series_sources at the end of its run: the overview reads it, with the same rows.
    db = tmp_path / "tally.duckdb"
    db.write_bytes(with_dataset.read_bytes())
    with data.read_only(db) as con:
        assert con.execute("SELECT count(*) FROM series_sources").fetchone()[0] > 0
        # the dataset's claims were written after the run, without one: the summary is out of date
        assert not read_model.is_current(con)
    for metrics in [(), ("killed",)]:
        pd.testing.assert_frame_equal(data.series_list(db, metrics), full_series_list(db, metrics))
    with warehouse_db.open_db(db) as con:
        assert read_model.refresh(con) and not read_model.refresh(con)  # nothing changed since: no work
        assert read_model.is_current(con)
    assert (series := data.series_list(db)).equals(full_series_list(db))
    kharkiv = series_row(series, metric="killed", category="unspecified", location="Kharkiv", unit="people",
                         scope="incident")
    assert {e["source_id"]: e["figures"] for e in kharkiv["latest_by_source"]}["test-events"] == 5  # events, not figure ids
    for metrics in [("killed",), ("displaced", "aid")]:
        pd.testing.assert_frame_equal(data.series_list(db, metrics), full_series_list(db, metrics))
    # a write the read model has not seen (no run, as a hand-made INSERT) is never shown stale
    with warehouse_db.open_db(db) as con:
        write_by_hand(con)
        assert not read_model.is_current(con)
    kharkiv = series_row(data.series_list(db), metric="killed", category="unspecified", location="Kharkiv",
                         unit="people", scope="incident")
    latest = {e["source_id"]: e for e in kharkiv["latest_by_source"]}["test-events"]
    assert latest["figures"] == 6 and latest["latest"]["as_of"] == date(2022, 7, 9)


def write_by_hand(con: Any) -> None:
    """A write no run made (so no read model refresh): the dataset's event ds-5 changed and a sixth
    event, ds-6 on 9 July 2022, added at Kharkiv."""
    con.execute("UPDATE claims SET value_best = 9999, value_high = 9999 WHERE claim_id = 'ds-5'")
    con.execute("INSERT INTO claims (claim_id, article_id, metric, category, value_low, value_best, value_high, "
                "unit, qualifier, as_of, source, source_id, location, quote, scope, figure_id) "
                "SELECT 'ds-6', article_id, metric, category, 7, 7, 7, unit, qualifier, DATE '2022-07-09', "
                "source, source_id, location, quote, scope, 'ds-6' FROM claims WHERE claim_id = 'ds-5'")


def test_series_subjects_are_the_series_list_grouped(with_dataset: Path, tmp_path: Path) -> None:
    """What a series page picks from: series_list's rows per subject (figures summed, first and last
    as_of, the sources), the most figures first, from the read model and under every filter."""
    keys = list(data.SeriesKey.columns())
    with_dataset = shutil.copy(with_dataset, tmp_path / "tally.duckdb")
    with warehouse_db.open_db(with_dataset) as con:
        read_model.refresh(con)  # the dataset's rows were written by hand: the read model sees them now
        assert read_model.is_current(con)
    for known_on, languages in [(None, ()), (date(2022, 6, 9), ()), (None, ("en",))]:
        subjects = data.series_subjects(with_dataset, known_on, languages)
        series = data.series_list(with_dataset, (), known_on, languages)
        expected = series.groupby(keys, dropna=False).agg(
            figures=("figures", "sum"), first_as_of=("first_as_of", "min"), last_as_of=("last_as_of", "max"),
            sources=("latest_by_source", lambda entries: sorted({e["source_id"] for es in entries for e in es
                                                                 if e["source_id"]})))
        got = subjects.set_index(keys)
        assert len(got) == len(expected) > 3
        for subject, row in expected.iterrows():
            mine = got.loc[subject]
            assert (mine["figures"], mine["first_as_of"], mine["last_as_of"]) == (
                row["figures"], row["first_as_of"], row["last_as_of"]), subject
            assert sorted(mine["source_ids"]) == row["sources"], subject
        assert list(subjects["figures"]) == sorted(subjects["figures"], reverse=True)
    kharkiv = data.series_subjects(with_dataset).set_index(keys).loc[("killed", "unspecified", None, "Kharkiv", "people")]
    assert dict(zip(kharkiv["source_ids"], kharkiv["source_names"])) == {"test-events": "Test events dataset"}


def test_series_list_filters_never_read_the_read_model(warehouse: Path) -> None:
    with data.read_only(warehouse) as con:
        assert read_model.is_current(con)
        # as known on a day, the read model (everything stored) would be wrong: the full query runs
        con.execute("CREATE TEMP TABLE series_sources AS SELECT * FROM main.series_sources LIMIT 0")
        assert data.series_list(con).empty  # the (emptied) read model is what an unfiltered list reads
        known = data.series_list(con, (), date(2022, 6, 5))
        in_english = data.series_list(con, (), None, ("en",))
    assert not known.empty and not in_english.empty
    assert known.equals(data.series_list(warehouse, (), date(2022, 6, 5)))


def computed_overview(db: Path | Any, metrics: tuple[str, ...] = (), known_on: date | None = None,
                      languages: tuple[str, ...] = ()) -> pd.DataFrame:
    """The overview's rows formatted from the series list (never from the read model overview_rows)."""
    return tables.overview_table(data.series_list(db, metrics, known_on, languages))


def test_overview_rows_read_model_holds_what_the_page_computes(with_dataset: Path, tmp_path: Path) -> None:
    db = tmp_path / "tally.duckdb"
    db.write_bytes(with_dataset.read_bytes())
    with warehouse_db.open_db(db) as con:
        assert not read_model.is_current(con, read_model.OVERVIEW_ROWS)  # the dataset came after the run
    for metrics in [(), ("killed",)]:  # not current: formatted from the series list
        pd.testing.assert_frame_equal(data.overview_table(db, metrics), computed_overview(db, metrics))
    with warehouse_db.open_db(db) as con:
        took = read_model.refresh(con)
        assert read_model.OVERVIEW_ROWS in took and not read_model.refresh(con)
        assert read_model.is_current(con, read_model.OVERVIEW_ROWS)
        stored = con.execute("SELECT count(*), count(DISTINCT shown_order) FROM overview_rows").fetchone()
    assert stored[0] == stored[1] == len(computed_overview(db)) > 0
    for metrics in [(), ("killed",), ("displaced", "aid"), ("no such metric",)]:
        pd.testing.assert_frame_equal(data.overview_table(db, metrics), computed_overview(db, metrics))
    # the dataset's rows and the display texts are the stored ones
    shown = data.overview_table(db)
    assert "Test events dataset" in set(shown[shown["source_id"] == "test-events"]["source"])
    assert "about $4.6bn ($4.14bn–$5.06bn)" in set(shown["latest"])
    with data.read_only(db) as con:
        # the page reads the read model (emptied here, on this connection only) when it may ...
        con.execute("CREATE TEMP TABLE overview_rows AS SELECT * FROM main.overview_rows LIMIT 0")
        assert data.overview_table(con).empty
        # ... and never as known on a day or in some languages
        known = data.overview_table(con, (), date(2022, 6, 5))
        in_english = data.overview_table(con, (), None, ("en",))
    assert not known.empty and not in_english.empty
    pd.testing.assert_frame_equal(known, computed_overview(db, (), date(2022, 6, 5)))
    pd.testing.assert_frame_equal(in_english, computed_overview(db, (), None, ("en",)))
    # a write the read model has not seen (hand-made, no run) is never shown stale
    with warehouse_db.open_db(db) as con:
        write_by_hand(con)
        assert not read_model.is_current(con, read_model.OVERVIEW_ROWS)
    after = data.overview_table(db)
    pd.testing.assert_frame_equal(after, computed_overview(db))
    assert "2022-07-09" in set(after[after["source_id"] == "test-events"]["as_of"])


def test_counts_are_of_figures_never_copies(warehouse: Path) -> None:
    # The Kramatorsk story was published three times: "at least 11" killed is one figure, three mentions.
    series = data.series_list(warehouse)
    kramatorsk = series[(series["location"] == "Kramatorsk") & (series["metric"] == "killed")
                        & (series["scope"] == "incident")]
    assert list(kramatorsk["figures"]) == [1]
    with data.read_only(warehouse) as con:
        mentions = con.execute("SELECT count(*), count(DISTINCT article_id) FROM claims WHERE metric = 'killed' "
                               "AND location = 'Kramatorsk' AND scope = 'incident'").fetchone()
    assert mentions == (3, 3)
    key = data.SeriesKey.from_mapping(kramatorsk.iloc[0].to_dict())
    figures = data.series_figures(warehouse, key, data.SeriesView())
    assert len(figures) == 1 and figures.iloc[0]["mentions"] == 3 and figures.iloc[0]["reports"] == 1


def test_listed_figures_are_figures_of_latest_in_view(with_dataset: Path) -> None:
    """series_figures picks the figures from figure_points and reads their words on the slice narrowed
    to their claims: the same rows as figures_of over the whole warehouse, filtered and cut there."""
    reference = """SELECT * FROM figures_of($metric, $category, $party, $location, $unit, $known_on::DATE) AS f
        WHERE ($as_of_from::DATE IS NULL OR f.as_of >= $as_of_from::DATE)
          AND ($as_of_to::DATE IS NULL OR f.as_of <= $as_of_to::DATE)
          AND (len($source_ids::VARCHAR[]) = 0 OR list_contains($source_ids::VARCHAR[], f.source_id))
          AND ($scope::VARCHAR IS NULL OR (coalesce(f.scope, 'unknown') = $scope AND f.rate IS NOT DISTINCT FROM $rate))
        ORDER BY f.as_of DESC NULLS LAST, f.source_name, f.value_best DESC, f.figure_id LIMIT $max_rows"""
    events = data.SeriesKey("killed", "unspecified", None, "Kharkiv", "people")
    cases = [
        (KHARKIV, data.SeriesView(), 1_000, None, None),
        (KHARKIV, data.SeriesView(), 2, None, None),
        (KHARKIV, data.SeriesView(known_on=date(2022, 6, 9)), 1_000, None, None),
        (KHARKIV, data.SeriesView(date(2022, 6, 7), date(2022, 6, 10)), 1_000, "incident", None),
        # the dataset's events: cut at three, between two events of one day that share a figure_id
        (events, data.SeriesView(source_ids=("test-events",)), 3, None, None),
        (events, data.SeriesView(), 1_000, None, None),
        (KRAMATORSK, data.SeriesView(), 1_000, None, None),  # one figure, three copies
        (PER_DAY, data.SeriesView(), 1_000, "rate", "per_day"),
    ]
    for key, view, max_rows, scope, rate in cases:
        listed = data.series_figures(with_dataset, key, view, max_rows, scope, rate)
        with data.read_only(with_dataset) as con:
            expected = con.execute(reference, {**key.params(), **view.params(), "scope": scope, "rate": rate,
                                               "max_rows": max_rows}).df()[list(listed.columns)]
        assert not expected.empty, (key, view)
        pd.testing.assert_frame_equal(listed, expected, obj=f"{key} {view} {max_rows}")
    kramatorsk = data.series_figures(with_dataset, KRAMATORSK, data.SeriesView())
    assert list(kramatorsk["mentions"]) == [3]  # the narrowed slice kept every copy's claim


def assert_same_pages(got: data.SeriesPage, expected: data.SeriesPage) -> None:
    """Two pages of one subject and view show the same: every frame equal, the same bins and span."""
    assert (got.bin_part, got.dataset_bin, got.span) == (expected.bin_part, expected.dataset_bin, expected.span)
    for name in ["summary", "figures", "envelope", "dataset_sums", "checks", "latest"]:
        mine, theirs = getattr(got, name), getattr(expected, name)
        assert (mine is None) == (theirs is None), name
        if mine is not None:
            pd.testing.assert_frame_equal(mine, theirs, obj=f"{got.key} {got.view} {name}")


def test_series_pages_read_subject_points_only_while_current(with_dataset: Path, tmp_path: Path,
                                                             monkeypatch: pytest.MonkeyPatch) -> None:
    """A page with no "as known on" day and no language reads its figures' points from the read model
    subject_points while it is current, and shows what the claims give; else it groups the claims."""
    monkeypatch.setattr(data, "STORED_POINTS_MIN_CLAIMS", 0)  # every subject here is small
    stored = Path(shutil.copy(with_dataset, tmp_path / "stored.duckdb"))
    with warehouse_db.open_db(stored) as con:
        assert not read_model.is_current(con, read_model.SUBJECT_POINTS)  # the dataset came after the run
        read_model.refresh(con)
        assert read_model.is_current(con, read_model.SUBJECT_POINTS)
        # in subject order: each subject's rows are one run of the table, which zone maps can find
        runs = con.execute("SELECT count(*) FROM (SELECT DISTINCT metric, category, party, location, unit, "
                           "sum(CASE WHEN same THEN 0 ELSE 1 END) OVER (ORDER BY rowid) AS run FROM (SELECT *, "
                           "rowid, (metric, category, party, location, unit) IS NOT DISTINCT FROM lag((metric, "
                           "category, party, location, unit)) OVER (ORDER BY rowid) AS same FROM subject_points))"
                           ).fetchone()[0]
        subjects = con.execute("SELECT count(*) FROM (SELECT DISTINCT metric, category, party, location, unit "
                               "FROM subject_points)").fetchone()[0]
        assert runs == subjects > 3
    live = Path(shutil.copy(stored, tmp_path / "live.duckdb"))
    emptied = Path(shutil.copy(stored, tmp_path / "emptied.duckdb"))
    with warehouse_db.open_db(live) as con:
        con.execute("DELETE FROM read_model_state WHERE read_model = ?", [read_model.SUBJECT_POINTS])
    with warehouse_db.open_db(emptied) as con:  # current by its state, but empty: what reads it shows nothing
        con.execute("DELETE FROM subject_points")
    events = data.SeriesKey("killed", "unspecified", None, "Kharkiv", "people")
    views = [data.SeriesView(), data.SeriesView(date(2022, 6, 7), date(2022, 6, 10)),
             data.SeriesView(source_ids=("test-events",))]
    for key in [KHARKIV, PER_DAY, KRAMATORSK, events]:
        for view in views:
            for max_figures in [None, 1]:  # each figure drawn, or envelopes and the latest listed
                assert_same_pages(data.series_page(stored, key, view, max_figures),
                                  data.series_page(live, key, view, max_figures))
        assert data.series_page(emptied, key, data.SeriesView()).summary.empty
        for view in [data.SeriesView(known_on=date(2022, 7, 1)), data.SeriesView(languages=("en",))]:
            assert_same_pages(data.series_page(emptied, key, view), data.series_page(live, key, view))
    monkeypatch.setattr(data, "STORED_POINTS_MIN_CLAIMS", 10**9)  # a small subject groups its claims
    assert not data.series_page(emptied, events, data.SeriesView()).summary.empty
    # a write no run made leaves the read model out of date: the page shows the claims, never it
    with warehouse_db.open_db(stored) as con:
        write_by_hand(con)
    assert data.series_page(stored, events, data.SeriesView()).summary["figures"].sum() == 6
    assert data.series_page(live, events, data.SeriesView()).summary["figures"].sum() == 5


def test_known_on_shows_what_was_public_that_day(warehouse: Path) -> None:
    later = data.series_list(warehouse, (), date(2022, 6, 5))
    per_day = series_row(later, metric="killed", category="military", party="Ukraine", unit="people",
                         scope="rate", rate="per_day")
    assert per_day["figures"] == 1 and per_day["latest_by_source"][0]["latest"]["high"] == 200
    assert data.series_list(warehouse, (), date(2022, 5, 1)).empty
    page = data.series_page(warehouse, KHARKIV, data.SeriesView(known_on=date(2022, 6, 9)))
    assert set(page.summary["scope"]) == {"cumulative", "incident"} and page.checks.empty  # one total so far
    first, last = data.known_on_bounds(warehouse)
    assert first == date(2022, 6, 1) and last >= date(2022, 7, 12)


def test_series_page_draws_each_figure_or_envelopes(warehouse: Path) -> None:
    page = data.series_page(warehouse, KHARKIV, data.SeriesView())
    assert page.bin_part is None and page.envelope is None
    assert page.in_view == 7 and len(page.figures) == 7
    assert sorted(page.figures["scope"].value_counts().items()) == [("cumulative", 3), ("incident", 3), ("period", 1)]
    period = page.figures[page.figures["scope"] == "period"].iloc[0]
    assert (period["period_start"].date(), period["period_end"].date()) == (date(2022, 6, 9), date(2022, 6, 10))
    # too many figures for the dates in view: envelopes per bin, from DuckDB
    binned = data.series_page(warehouse, KHARKIV, data.SeriesView(), max_figures=3)
    assert binned.figures is None and binned.bin_part == "day"
    envelope = binned.envelope
    incidents = envelope[envelope["scope"] == "incident"]
    assert incidents["figures"].sum() == 3
    june8 = incidents[incidents["bin_start"] == pd.Timestamp(2022, 6, 8)].iloc[0]
    assert (june8["value_low"], june8["value_best"], june8["value_high"]) == (2, 2.5, 3)


def test_detail_level_bins_the_dates_in_view() -> None:
    span = (date(2022, 1, 1), date(2022, 12, 31))
    assert data.detail_level(10, span, max_figures=10) is None
    assert data.detail_level(11, span, max_figures=10, max_bins=400) == "day"
    assert data.detail_level(11, span, max_figures=10, max_bins=200) == "week"
    assert data.detail_level(11, span, max_figures=10, max_bins=20) == "month"
    assert data.detail_level(11, (date(2000, 1, 1), date(2030, 1, 1)), max_figures=10, max_bins=20) == "year"


def test_running_totals_checked_against_the_counts_in_between(warehouse: Path) -> None:
    checks = data.total_checks(warehouse, KHARKIV, data.SeriesView())
    shown = tables.checks_table(checks, "people")
    first, second = shown.to_dict("records")
    assert (first["from"], first["to"], first["total then"], first["total now"]) == (
        "2022-06-06", "2022-06-10", "212", "229")
    assert first["change"] == "+17" and first["counts"] == 3
    assert first["sum of counts"] == "12.5 (12–13)"  # 4 + 2 to 3 + 6: lows summed, highs summed
    assert first["adds up"] == "total rose more" and first["difference"] == "-4.5"
    assert first["counted by"] == "the same source"
    assert (second["change"], second["sum of counts"], second["adds up"]) == ("+7", "7", "yes")


def test_datasets_are_read_beside_the_news(with_dataset: Path) -> None:
    months = data.dataset_sums(with_dataset, KHARKIV, data.SeriesView(), "month")
    assert list(months["events"]) == [4, 1]  # June (two alike events on 8 June are two), July
    assert list(months["sum_best"]) == [12, 9] and set(months["categories"]) == {"unspecified"}
    assert list(months["bin_end"].dt.day) == [30, 31]
    days = data.dataset_sums(with_dataset, KHARKIV, data.SeriesView(), "day")
    assert list(days["events"]) == [1, 2, 1, 1]
    assert data.dataset_bin((date(2022, 6, 6), date(2022, 6, 13))) == "day"
    assert data.dataset_bin((date(2022, 6, 1), date(2022, 8, 1))) == "week"
    assert data.dataset_bin((date(2022, 1, 1), date(2022, 12, 31))) == "month"
    checks = data.total_checks(with_dataset, KHARKIV, data.SeriesView())
    by_dataset = checks[checks["counting_source_kind"] == "dataset"]
    first = by_dataset[by_dataset["to_as_of"] == pd.Timestamp(2022, 6, 10)].iloc[0]
    assert (first["counts"], first["sum_best"], first["counting_category"]) == (3, 7, "unspecified")
    # the dataset's own series is listed beside the news series
    series = data.series_list(with_dataset)
    row = series_row(series, metric="killed", category="unspecified", location="Kharkiv", unit="people",
                     scope="incident")
    assert row["figures"] == 5 and row["latest_by_source"][0]["kind"] == "dataset"


def test_disagreements_pair_non_overlapping_sources(warehouse: Path) -> None:
    pairs = data.disagreements(warehouse, "killed", window_days=0)
    pair = pairs[(pairs["lower_source"] == "Moscow") & (pairs["higher_source"] == "Kyiv")]
    assert len(pair) == 1
    row = pair.iloc[0]
    assert (row["lower_value_high"], row["higher_value_low"]) == (30, 400)
    assert row["party"] == "Russia" and row["location"] == "Sievierodonetsk" and row["scope"] == "incident"
    assert (pairs["lower_value_high"] < pairs["higher_value_low"]).all()
    assert not (pairs["lower_qualifier"] == "at_least").any()  # "at least 12" overlaps everything above
    assert data.disagreements(warehouse, "aid").empty
    assert data.disagreements(warehouse, "killed", 0, 500, date(2022, 6, 1)).empty  # 2 June not public yet


def test_checks_are_skipped_only_without_two_totals_of_a_source(with_dataset: Path) -> None:
    views = [data.SeriesView(), data.SeriesView(known_on=date(2022, 6, 5)), data.SeriesView(date(2022, 6, 2), date(2022, 6, 8)),
             data.SeriesView(languages=("en",))]
    skipped = 0
    for key in [KHARKIV, PER_DAY, KRAMATORSK, data.SeriesKey("aid", unit="USD")]:
        for view in views:
            with data.subject_connection(with_dataset, key, view) as con:
                summary, checks = data.series_summary(con, key, view), data.total_checks(con, key, view)
            if not data.has_consecutive_totals(summary):
                skipped += 1
                assert checks.empty, (key, view)  # nothing lost by not running them
    assert 0 < skipped < 16
    assert not data.series_page(with_dataset, KHARKIV, data.SeriesView()).checks.empty


def full_disagreements(db: Path | duckdb.DuckDBPyConnection, metric: str | None = None, window_days: int = 7,
                       max_rows: int = 500) -> pd.DataFrame:
    """queries/disagreements.sql computed from the claims, never from the read model."""
    return data.run_query(db, "disagreements", {"metric": metric, "window_days": window_days, "max_rows": max_rows,
                                                "known_on": None, "languages": []})


def test_disagreements_read_the_read_model_only_while_it_is_current(with_dataset: Path, tmp_path: Path) -> None:
    db = tmp_path / "tally.duckdb"
    db.write_bytes(with_dataset.read_bytes())
    with warehouse_db.open_db(db) as con:
        assert not read_model.is_current(con, read_model.SOURCE_DISAGREEMENTS)  # the dataset came after the run
        # two running totals five days apart from two sources, 10 and 500: a pair for windows of 5 days or more
        for claim_id, source_id, value, as_of in [("far-lo", "min", 10, date(2022, 6, 1)), ("far-hi", "max", 500, date(2022, 6, 6))]:
            con.execute(
                "INSERT INTO claims (claim_id, article_id, metric, category, value_low, value_best, value_high, unit, "
                "qualifier, as_of, source, source_id, location, quote, scope, figure_id) "
                f"SELECT ?, min(article_id), 'killed', 'civilian', ?, ?, ?, 'people', 'exact', ?, 'someone', {source_id}(source_id), "
                "'Testville', 'A running toll.', 'cumulative', ? FROM claims WHERE source_id IS NOT NULL",
                [claim_id, value, value, value, as_of, claim_id])
        assert read_model.refresh(con) and not read_model.refresh(con)
        assert read_model.is_current(con, read_model.SOURCE_DISAGREEMENTS)
        stored = con.execute("SELECT count(*), max(days_apart) FROM source_disagreements").fetchone()
    assert stored[0] > 0 and stored[1] == 5  # pairs days apart too, for wider windows than the narrowest
    assert data.disagreements(db, None, 4)["location"].ne("Testville").all()
    assert data.disagreements(db, None, 5)["location"].eq("Testville").sum() == 1
    for metric, window, most in [(None, 0, 500), (None, 4, 500), (None, 7, 500), ("killed", 5, 500), (None, 60, 2),
                                 ("aid", 7, 500)]:
        pd.testing.assert_frame_equal(data.disagreements(db, metric, window, most), full_disagreements(db, metric, window, most))
    with data.read_only(db) as con:
        # the page reads the read model (emptied here, on this connection only) when it may ...
        con.execute("CREATE TEMP TABLE source_disagreements AS SELECT * FROM main.source_disagreements LIMIT 0")
        assert data.disagreements(con, None, 7).empty
        # ... and never as known on a day, in some languages or over a wider window than it holds
        assert not data.disagreements(con, None, 7, 500, date(2022, 6, 30)).empty
        assert not data.disagreements(con, None, 7, 500, None, ("en",)).empty
        assert not data.disagreements(con, None, read_model.DISAGREEMENT_WINDOW_MAX + 1).empty
    # a write the read model has not seen (hand-made, no run) is never shown stale
    before = data.disagreements(db, "killed", 0)
    with warehouse_db.open_db(db) as con:
        con.execute("UPDATE claims SET value_low = 1, value_best = 1, value_high = 1 WHERE claim_id IN ?",
                    [list(before["lower_claim_id"])])
        con.execute("DELETE FROM claims WHERE claim_id = 'far-lo'")
        assert not read_model.is_current(con, read_model.SOURCE_DISAGREEMENTS)
    after = data.disagreements(db, "killed", 0)
    assert after.equals(full_disagreements(db, "killed", 0)) and not after.equals(before)
    assert set(after["lower_value_high"]) == {1}


def test_values_are_parameters_not_sql(warehouse: Path) -> None:
    hostile = "x' OR 1=1 --"
    assert data.series_list(warehouse, [hostile]).empty
    assert data.series_page(warehouse, data.SeriesKey(hostile), data.SeriesView()).summary.empty
    assert data.disagreements(warehouse, hostile).empty
    assert data.claims_by_id(warehouse, [hostile]).empty


def test_claims_by_id_carry_the_words_and_the_article(warehouse: Path) -> None:
    figures = data.series_figures(warehouse, PER_DAY, data.SeriesView())
    claims = data.claims_by_id(warehouse, figures["claim_id"].tolist())
    assert claims["claim_id"].tolist() == figures["claim_id"].tolist()
    assert {"quote", "figure_words", "published_inferred", "source_name", "title", "url"} <= set(claims.columns)
    for words, quote in zip(claims["figure_words"], claims["quote"]):
        assert words and words in quote


def test_queries_leave_no_connection_open(warehouse: Path) -> None:
    data.series_list(warehouse)
    data.series_page(warehouse, KHARKIV, data.SeriesView())
    data.disagreements(warehouse)
    # A read-write open in this process fails while any read-only connection is alive.
    with warehouse_db.open_db(warehouse) as con:
        assert con.execute("SELECT count(*) FROM claims").fetchone()[0] > 0


def test_one_connection_serves_a_first_view_and_never_leaks_a_slice(monkeypatch: pytest.MonkeyPatch,
                                                                     with_dataset: Path) -> None:
    """A page's first view inside `one_connection`: its reads open the warehouse once, a series page's
    slice is gone once the page is read (later reads see every claim), and the block's end closes it."""
    alone = (data.warehouse_facts(with_dataset), data.series_subjects(with_dataset), data.series_list(with_dataset),
             data.series_page(with_dataset, KHARKIV, data.SeriesView()),
             data.series_figures(with_dataset, PER_DAY, data.SeriesView()))
    opened: list[bool] = []
    connect = warehouse_db.connect
    monkeypatch.setattr(warehouse_db, "connect", lambda *a, **k: opened.append(k.get("read_only")) or connect(*a, **k))
    with data.one_connection():
        facts, subjects = data.warehouse_facts(with_dataset), data.series_subjects(with_dataset)
        page = data.series_page(with_dataset, KHARKIV, data.SeriesView())
        per_day = data.series_figures(with_dataset, PER_DAY, data.SeriesView())  # a second slice on it
        series = data.series_list(with_dataset)  # after the slices: every series, not Kharkiv's
    assert opened == [True]
    assert facts == alone[0]
    for got, expected in [(subjects, alone[1]), (series, alone[2]), (per_day, alone[4])]:
        pd.testing.assert_frame_equal(got, expected)
    for got, expected in [(page.summary, alone[3].summary), (page.figures, alone[3].figures),
                          (page.checks, alone[3].checks)]:
        pd.testing.assert_frame_equal(got, expected)
    assert len(series) > len(page.summary)
    with warehouse_db.open_db(with_dataset) as con:  # the block's connection is closed: a writer gets in
        assert con.execute("SELECT count(*) FROM claims").fetchone()[0] > 0
    data.series_list(with_dataset)
    assert opened == [True, False, True]  # outside a block, a connection per read again


def test_resolve_db_path(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("TALLY_DB", raising=False)
    assert data.resolve_db_path([]) == Path("warehouse/tally.duckdb")
    monkeypatch.setenv("TALLY_DB", "/env.duckdb")
    assert data.resolve_db_path(["-q", "tests"]) == Path("/env.duckdb")
    assert data.resolve_db_path(["--db", "/cli.duckdb", "--other"]) == Path("/cli.duckdb")


def test_lock_held_past_the_timeout_raises(monkeypatch: pytest.MonkeyPatch, locked_warehouse: Path) -> None:
    monkeypatch.setattr(data, "LOCK_TIMEOUT_S", 0.2)
    with pytest.raises(data.WarehouseLockedError):
        data.list_metrics(locked_warehouse)


def test_missing_database_raises(tmp_path: Path) -> None:
    with pytest.raises(data.WarehouseMissingError):
        data.list_metrics(tmp_path / "none.duckdb")


def test_warehouse_facts_are_the_three_controls_queries_on_one_connection(with_dataset: Path) -> None:
    facts = data.warehouse_facts(with_dataset)
    assert facts.metrics == tuple(data.list_metrics(with_dataset)) and "killed" in facts.metrics
    assert facts.known_on_bounds == data.known_on_bounds(with_dataset) and None not in facts.known_on_bounds
    assert facts.languages == ("en", "uk")


def test_languages_filter_the_news_but_never_the_datasets(with_dataset: Path) -> None:
    assert data.languages(with_dataset) == ["en", "uk"]
    ukrainian = data.series_list(with_dataset, (), None, ("uk",))
    news = ukrainian[~ukrainian["latest_by_source"].map(lambda e: e[0]["kind"] == "dataset")]
    assert set(news["location"]) == {"Odesa"}  # the one article in Ukrainian
    assert "Kharkiv" in set(ukrainian["location"])  # the dataset's events are in no language: kept
    odesa = data.SeriesKey("killed", "civilian", None, "Odesa", "people")
    page = data.series_page(with_dataset, odesa, data.SeriesView(languages=("en",)))
    assert page.summary.empty
    page = data.series_page(with_dataset, odesa, data.SeriesView(languages=("uk",)))
    assert page.in_view == 1 and page.figures.iloc[0]["language"] == "uk"
    claims = data.claims_by_id(with_dataset, page.figures["claim_id"].tolist())
    card = ui.provenance_card(claims.iloc[0].to_dict())
    assert "language uk" in card and "<strong>п’ятеро</strong>" in card


# --- the overview page ----------------------------------------------------------------------

def test_overview_lists_series_with_each_sources_latest_figure(
    monkeypatch: pytest.MonkeyPatch, warehouse: Path
) -> None:
    at = run_app(monkeypatch, warehouse)
    assert at.title[0].value == "Series"
    shown = table(at, "overview_table")
    # the column names are the warehouse's: an analyst's first query works
    assert {"metric", "category", "party", "location", "unit", "scope", "rate", "as_of"} <= set(shown.columns)
    rate = shown[(shown["metric"] == "killed") & (shown["rate"] == "per_day") & (shown["party"] == "Ukraine")]
    assert rate[["source", "latest", "as_of", "figures"]].values.tolist() == [
        ["Government of Ukraine", "up to 300 (≤300)", "2022-06-08", 2]]
    trapped = shown[(shown["metric"] == "trapped") & (shown["location"] == "Sievierodonetsk")]
    assert set(trapped["latest"]) == {"more than 500 (≥500)"}  # as reported, never "500 or more"
    aid = shown[(shown["metric"] == "aid") & (shown["scope"] == "cumulative")]
    assert set(aid["latest"]) == {"about $4.6bn ($4.14bn–$5.06bn)"}  # not only the ±10% range
    assert set(shown["series"].str.startswith("/series?metric=")) == {True}
    (download,) = at.get("download_button")
    assert download.proto.label == f"Download CSV ({len(shown)} rows)"


def test_overview_filters(monkeypatch: pytest.MonkeyPatch, warehouse: Path) -> None:
    at = run_app(monkeypatch, warehouse)
    at.multiselect(key="overview_metrics").select("aid").run()
    assert not at.exception
    shown = table(at, "overview_table")
    assert set(shown["metric"]) == {"aid"} and {"USD", "EUR"} <= set(shown["unit"])  # currencies apart
    at.multiselect(key="overview_scopes").select("cumulative").run()
    assert set(table(at, "overview_table")["scope"]) == {"cumulative"}


def test_overview_row_opens_its_series_page(monkeypatch: pytest.MonkeyPatch, warehouse: Path) -> None:
    at = run_app(monkeypatch, warehouse)
    shown = table(at, "overview_table")
    row = int(shown.index[(shown["metric"] == "killed") & (shown["location"] == "Kharkiv")
                          & (shown["scope"] == "cumulative")][0])
    at.selectbox(key="overview_pick").select(row).run()
    assert not at.exception
    assert at.title[0].value == "killed · category civilian · location Kharkiv"
    assert [s.value for s in at.sidebar.selectbox] == ["killed", "civilian", None, "Kharkiv", "people"]


def test_overview_language_filter(monkeypatch: pytest.MonkeyPatch, warehouse: Path) -> None:
    at = run_app(monkeypatch, warehouse, language="uk")
    assert at.sidebar.multiselect[0].label == "language" and at.sidebar.multiselect[0].value == ["uk"]
    assert set(table(at, "overview_table")["location"]) == {"Odesa"}
    at.sidebar.multiselect[0].unselect("uk").run()
    assert len(set(table(at, "overview_table")["location"])) > 1


def test_overview_as_known_on(monkeypatch: pytest.MonkeyPatch, warehouse: Path) -> None:
    at = run_app(monkeypatch, warehouse, known_on="2022-06-05")
    shown = table(at, "overview_table")
    assert pd.to_datetime(shown["as_of"]).max() <= pd.Timestamp(2022, 6, 5)
    assert "As known on 5 Jun 2022" in page_text(at)


# --- a series page --------------------------------------------------------------------------

def test_series_page_from_the_url(monkeypatch: pytest.MonkeyPatch, warehouse: Path) -> None:
    at = run_app(monkeypatch, warehouse, SERIES, **series_url(KHARKIV, scope="cumulative"))
    assert at.title[0].value == "killed · category civilian · location Kharkiv"
    # the pickers carry the column names and show the subject of the link
    assert [s.label for s in at.sidebar.selectbox] == ["metric", "category", "party", "location", "unit"]
    assert [s.value for s in at.sidebar.selectbox] == ["killed", "civilian", None, "Kharkiv", "people"]
    (figure,) = charts_shown(at)
    layout = figure["layout"]
    titles = [a["text"] for a in layout["annotations"]]
    assert [t.split("<")[1].split(">")[1] for t in titles] == ["cumulative", "incident", "period"]
    # scopes never share an axis: one y axis per panel, every trace on its panel's
    axes = {t["meta"]["panel"]: t["yaxis"] for t in figure["data"] if t["meta"]["role"] in ("best", "bar")}
    assert axes == {"cumulative": "y", "incident": "y2", "period": "y3"}
    roles = {(t["meta"]["panel"], t["type"], t.get("mode")) for t in figure["data"] if "panel" in t["meta"]}
    assert roles == {("cumulative", "scatter", "lines+markers"), ("incident", "scatter", "markers"),
                     ("period", "bar", None)}
    (bar,) = [t for t in figure["data"] if t["type"] == "bar"]
    assert bar["width"] == [86_400_000]  # the window 9 to 10 June
    legend = [t for t in figure["data"] if t.get("showlegend")]
    assert [(t["name"], t["legendgrouptitle"]["text"]) for t in legend] == [("Oleh Synehubov", "Ukraine · person")]


def test_series_page_checks_the_running_toll(monkeypatch: pytest.MonkeyPatch, warehouse: Path) -> None:
    at = run_app(monkeypatch, warehouse, SERIES, **series_url(KHARKIV))
    assert "Do the dailies add up?" in [h.value for h in at.subheader]
    checks = table(at, "checks_table")
    assert list(checks["adds up"]) == ["total rose more", "yes"]
    assert list(checks["sum of counts"]) == ["12.5 (12–13)", "7"]


def test_series_page_of_rates_from_two_sides(monkeypatch: pytest.MonkeyPatch, warehouse: Path) -> None:
    at = run_app(monkeypatch, warehouse, SERIES, **series_url(PER_DAY, scope="rate", rate="per_day"))
    (figure,) = charts_shown(at)
    assert figure["layout"]["yaxis"]["title"]["text"] == "people per day"
    best = [t for t in figure["data"] if t["meta"]["role"] == "best"]
    assert [t["meta"]["source"] for t in best] == ["Government of Ukraine"]
    symbols = best[0]["marker"]["symbol"]
    assert "triangle-down" in symbols  # "up to 300": open below
    assert "Do the dailies add up?" not in [h.value for h in at.subheader]  # no running totals here


def test_series_page_envelopes_when_too_many(monkeypatch: pytest.MonkeyPatch, warehouse: Path) -> None:
    monkeypatch.setattr(data, "FIGURES_DRAWN_MAX", 2)
    at = run_app(monkeypatch, warehouse, SERIES, **series_url(KHARKIV))
    assert any("drawn as daily envelopes" in c.value for c in at.caption)
    (figure,) = charts_shown(at)
    ids = [i for t in figure["data"] for i in (t.get("customdata") or []) if i]
    assert ids and all(i.startswith("envelope|") for i in ids)
    # the figures table still lists the latest figures, with their words
    assert len(table(at, "figures_table")) == 7


def test_series_page_dataset_panel(monkeypatch: pytest.MonkeyPatch, with_dataset: Path) -> None:
    at = run_app(monkeypatch, with_dataset, SERIES, **series_url(KHARKIV))
    (figure,) = charts_shown(at)
    titles = [a["text"] for a in figure["layout"]["annotations"]]
    assert titles[-1].startswith("<b>datasets</b>")
    bars = [t for t in figure["data"] if t["meta"].get("panel") == "datasets"]
    assert [b["y"] for b in bars] == [[3.0, 4.0, 5.0, 9.0]]  # per day: the news span a week; 8 June has two events
    legend = {t["name"]: t.get("legendgrouptitle", {}).get("text") for t in figure["data"] if t.get("showlegend")}
    assert legend == {"Oleh Synehubov": "Ukraine · person", "Test events dataset": "dataset"}
    counted = table(at, "checks_table")["counted by"]
    assert "Test events dataset (dataset; category unspecified)" in set(counted)


def test_series_page_as_known_on(monkeypatch: pytest.MonkeyPatch, warehouse: Path) -> None:
    at = run_app(monkeypatch, warehouse, SERIES, known_on="2022-06-09", **series_url(KHARKIV))
    shown = table(at, "figures_table")
    assert pd.to_datetime(shown["published"]).max() <= pd.Timestamp(2022, 6, 9)
    assert "As known on 9 Jun 2022" in page_text(at)


def test_series_page_figure_leads_to_its_words(monkeypatch: pytest.MonkeyPatch, warehouse: Path) -> None:
    key = data.SeriesKey("trapped", "civilian", None, "Sievierodonetsk", "people")
    at = run_app(monkeypatch, warehouse, SERIES, **series_url(key))
    shown = table(at, "figures_table")
    row = int(shown.index[shown["published_inferred"]][0])
    assert shown.iloc[row]["figure"] == "more than 500 (≥500)"
    at.selectbox(key="figure_pick").select(row).run()
    assert not at.exception
    text = page_text(at)
    # the figure's own words in bold, the spaces around them kept
    assert "Ukraine says <strong>more than 500</strong> civilians" in text
    assert "inferred from the text (published_inferred)" in text
    assert "more than 500</strong> (≥500)" in text or "<strong>more than 500</strong> (≥500)" in text


def test_figures_csv_has_published_inferred() -> None:
    frame = pd.DataFrame([{
        "as_of": pd.Timestamp(2022, 6, 20), "value_low": 500.0, "value_best": 500.0, "value_high": None,
        "qualifier": "more_than", "unit": "people", "scope": "stock", "rate": None, "published_inferred": True,
        "url": "javascript:alert(1)", "claim_id": "c", "figure_id": "f",
    }])
    shown = tables.figures_table(frame)
    assert shown.iloc[0]["figure"] == "more than 500 (≥500)" and shown.iloc[0]["published_inferred"]
    assert "published_inferred" in shown.to_csv(index=False).splitlines()[0].split(",")
    assert pd.isna(shown.iloc[0]["url"])  # only web links stay links


def test_article_text_is_never_markup(monkeypatch: pytest.MonkeyPatch, warehouse: Path) -> None:
    series = data.series_list(warehouse)
    row = series[(series["metric"] == "injured") & (series["location"] == "Lysychansk")].iloc[0]
    key = data.SeriesKey.from_mapping(row.to_dict())
    at = run_app(monkeypatch, warehouse, SERIES, **series_url(key))
    shown = table(at, "figures_table")
    assert any("<img src=x" in q for q in shown["quote"])  # in the table: literal text
    at.selectbox(key="figure_pick").select(0).run()
    text = page_text(at)
    assert "&lt;img src=x" in text and "<img" not in text  # escaped
    hover = " ".join(h for f in charts_shown(at) for t in f["data"] for h in t.get("hovertext") or [])
    assert "<img" not in hover and "&lt;img" in hover
    # Metadata with HTML is escaped too (a4's publisher is "<b>Example Wire</b>"), a javascript: URL no link.
    at = run_app(monkeypatch, warehouse, SERIES, **series_url(data.SeriesKey("killed", "military", "Russia",
                                                                             "Sievierodonetsk", "people")))
    shown = table(at, "figures_table")
    row_index = int(shown.index[shown["title"] == "Kyiv and Moscow disagree"][0]) if "title" in shown else 0
    at.selectbox(key="figure_pick").select(row_index).run()
    text = page_text(at)
    assert "&lt;b&gt;Example Wire" in text and "<b>" not in text and "javascript" not in text


HOSTILE_CLAIM = {
    "claim_id": "c1", "metric": "injured", "value_low": 14.0, "value_best": 14.0, "value_high": 14.0,
    "unit": "people", "qualifier": "exact", "rate": None, "scope": "incident", "category": "civilian",
    "party": None, "location": "Kramatorsk", "as_of": date(2022, 6, 3), "published": date(2022, 6, 4),
    "published_inferred": False, "source": "press@example.org", "source_name": None, "figure_words": "14",
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
    assert "location Kramatorsk" in card and "category civilian" in card  # the column names
    assert "published_inferred" not in card
    assert "inferred from the text" in ui.provenance_card({**HOSTILE_CLAIM, "published_inferred": True})


def test_highlighted_quote_keeps_the_spaces_around_the_words() -> None:
    assert ui.highlighted_quote("Ukraine says more than 500 civilians", "more than 500") == (
        "Ukraine says <strong>more than 500</strong> civilians")
    assert ui.highlighted_quote("a <b> 5 </b>", "5") == "a &lt;b&gt; <strong>5</strong> &lt;/b&gt;"
    assert ui.highlighted_quote("no words here", "7") == "no words here"


# --- the disagreements page -----------------------------------------------------------------

def test_disagreements_page(monkeypatch: pytest.MonkeyPatch, warehouse: Path) -> None:
    at = run_app(monkeypatch, warehouse, DISAGREEMENTS)
    shown = table(at, "disagreement_table")
    pair = shown[(shown["lower source"] == "Government of Russia") & (shown["higher source"] == "Government of Ukraine")
                 & (shown["scope"] == "incident")]
    assert list(pair[["lower figure", "higher figure"]].iloc[0]) == ["20 to 30, 2022-06-01", "400, 2022-06-01"]
    (figure, *_) = charts_shown(at)
    assert {t["meta"]["source"] for t in figure["data"]} >= {"Government of Russia", "Government of Ukraine"}
    at.selectbox(key="disagreement_pick").select(int(pair.index[0])).run()
    assert not at.exception
    text = page_text(at)
    assert "<strong>400</strong>" in text and "<strong>20 to 30</strong>" in text  # both sides' words


def test_disagreements_filters_and_empty_state(monkeypatch: pytest.MonkeyPatch, warehouse: Path) -> None:
    at = run_app(monkeypatch, warehouse, DISAGREEMENTS)
    at.selectbox(key="disagreement_metric").select("killed").run()
    assert set(table(at, "disagreement_table")["metric"]) == {"killed"}
    at.slider(key="disagreement_window").set_value(0).run()
    assert not at.exception and len(table(at, "disagreement_table")) >= 1
    at.selectbox(key="disagreement_metric").select("aid").run()
    assert not at.exception
    assert any("No disagreements" in i.value for i in at.info)
    assert not at.dataframe


def test_blank_chart_ahead_is_gone_once_a_page_is_out(monkeypatch: pytest.MonkeyPatch, warehouse: Path) -> None:
    # A session's first page with charts shows a blank chart at once (ui.plotly_ahead: the browser loads
    # plotly.js while the server computes), emptied once the page's charts are out or it stops empty.
    at = run_app(monkeypatch, warehouse, SERIES, **series_url(PER_DAY, scope="rate", rate="per_day"))
    assert at.session_state[ui._PLOTLY_AHEAD_KEY]
    (figure,) = charts_shown(at)
    assert figure["data"]
    monkeypatch.setenv("TALLY_DB", str(warehouse))
    at = AppTest.from_file(str(APP), default_timeout=TIMEOUT_S)
    at.session_state["disagreement_metric"] = "aid"  # no disagreements: the page stops on its empty state
    at.switch_page(DISAGREEMENTS).run()
    assert not at.exception and at.session_state[ui._PLOTLY_AHEAD_KEY]
    assert any("No disagreements" in i.value for i in at.info) and not charts_shown(at)


# --- empty states and a busy warehouse ------------------------------------------------------

@pytest.mark.parametrize("page", [None, SERIES, DISAGREEMENTS])
def test_empty_state_without_database(monkeypatch: pytest.MonkeyPatch, tmp_path: Path, page: str | None) -> None:
    missing = tmp_path / "nowhere" / "tally.duckdb"
    at = run_app(monkeypatch, missing, page)
    assert any("tally etl examples/" in i.value for i in at.info)
    assert not at.dataframe and not charts_shown(at)
    assert not missing.exists()  # the dashboard never creates a database


@pytest.mark.parametrize("page", [None, SERIES, DISAGREEMENTS])
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
    assert not table(at, "overview_table").empty

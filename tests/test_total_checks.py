"""The warehouse macros behind the series pages (warehouse/macros): figures_of, figure_points,
dataset_events_at and running_total_checks ("do the dailies add up?"), on synthetic claims written
straight into a migrated warehouse, so every rule is pinned by a row of its own.

Rows are written for these tests: a source's running toll, counts between its totals (incidents
on the boundary days, periods inside and across a boundary, copies and repeats of one figure,
open bounds), another source's counts and a curated dataset's events (sources.kind 'dataset').
"""
from __future__ import annotations

from collections.abc import Iterator
from datetime import date, datetime
from pathlib import Path

import duckdb
import pandas as pd
import pytest

from warehouse import db as warehouse_db

SUBJECT = ("killed", "civilian", None, "Kharkiv", "people")
MINISTRY, GOVERNOR, DATASET = "ua-health", "ua-governor", "events-dataset"


def article(con: duckdb.DuckDBPyConnection, article_id: str, published: date | None,
            duplicate_of: str | None = None, ingested: datetime = datetime(2022, 7, 1)) -> None:
    con.execute(
        "INSERT INTO articles (article_id, title, publisher, published, text, ingested_at, duplicate_of) "
        "VALUES (?, ?, 'Test Wire', ?, 'text written for the tests', ?, ?)",
        [article_id, f"article {article_id}", published, ingested, duplicate_of],
    )


def claim(con: duckdb.DuckDBPyConnection, claim_id: str, article_id: str, scope: str, as_of: date,
          low: float | None, best: float, high: float | None, source_id: str = MINISTRY,
          figure_id: str | None = None, qualifier: str = "exact", category: str | None = "civilian",
          period: tuple[date, date] | None = None, location: str | None = "Kharkiv") -> None:
    con.execute(
        "INSERT INTO claims (claim_id, article_id, metric, category, party, value_low, value_best, value_high, "
        "unit, qualifier, rate, period_start, period_end, as_of, source, source_id, location, quote, scope, "
        "figure_id) VALUES (?, ?, 'killed', ?, NULL, ?, ?, ?, 'people', ?, NULL, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        [claim_id, article_id, category, low, best, high, qualifier, period[0] if period else None,
         period[1] if period else None, as_of, source_id, source_id, location, f"quote of {claim_id}", scope,
         figure_id or f"fig-{claim_id}"],
    )


@pytest.fixture(scope="module")
def warehouse(tmp_path_factory: pytest.TempPathFactory) -> Iterator[duckdb.DuckDBPyConnection]:
    path: Path = tmp_path_factory.mktemp("checks") / "tally.duckdb"
    with warehouse_db.open_db(path) as con:
        con.execute("INSERT INTO sources VALUES (?, 'Health Ministry', 'government', 'Ukraine'), "
                    "(?, 'Governor', 'local_authority', 'Ukraine'), (?, 'Events dataset', 'dataset', NULL)",
                    [MINISTRY, GOVERNOR, DATASET])
        for i, day in enumerate((1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 20), start=1):
            article(con, f"a{day}", date(2022, 6, day))
        article(con, "copy-a3", date(2022, 6, 4), duplicate_of="a3")
        article(con, "undated", None, ingested=datetime(2022, 6, 25, 9))
        article(con, "events", date(2022, 6, 30))
        # the ministry's running toll: 100 (1 Jun), 130 (5 Jun), a second, higher total the same day
        # 140 (5 Jun), 150 as "more than 150" (10 Jun), 160 (14 Jun)
        claim(con, "t1", "a1", "cumulative", date(2022, 6, 1), 100, 100, 100)
        claim(con, "t2", "a5", "cumulative", date(2022, 6, 5), 130, 130, 130)
        claim(con, "t2b", "a5", "cumulative", date(2022, 6, 5), 140, 140, 140)
        claim(con, "t3", "a10", "cumulative", date(2022, 6, 10), 150, 150, None, qualifier="more_than")
        claim(con, "t4", "a14", "cumulative", date(2022, 6, 14), 160, 160, 160)
        # between 1 and 5 June, the ministry's counts: an incident on 1 June (the first total's day: not
        # counted), 3 June (10), its copy and a repeat (one figure), 5 June (the second total's day:
        # counted, 4-6), a period 2-4 June (20), a period 31 May-2 June (starts before: not counted)
        claim(con, "i1", "a1", "incident", date(2022, 6, 1), 99, 99, 99)
        claim(con, "i3", "a3", "incident", date(2022, 6, 3), 10, 10, 10, figure_id="fig-i3")
        claim(con, "i3-copy", "copy-a3", "incident", date(2022, 6, 4), 10, 10, 10, figure_id="fig-i3")
        claim(con, "i3-repeat", "a4", "incident", date(2022, 6, 4), 10, 10, 10, figure_id="fig-i3")
        claim(con, "i5", "a5", "incident", date(2022, 6, 5), 4, 5, 6, qualifier="range")
        claim(con, "p4", "a4", "period", date(2022, 6, 4), 20, 20, 20, period=(date(2022, 6, 2), date(2022, 6, 4)))
        claim(con, "p2", "a2", "period", date(2022, 6, 2), 50, 50, 50, period=(date(2022, 5, 31), date(2022, 6, 2)))
        # between 5 and 10 June: the governor's "more than 3" (open above) and "up to 8" (open below)
        claim(con, "g7", "a7", "incident", date(2022, 6, 7), 3, 3, None, GOVERNOR, qualifier="more_than")
        claim(con, "g8", "a8", "incident", date(2022, 6, 8), None, 8, 8, GOVERNOR, qualifier="at_most")
        # between 10 and 14 June: nothing from anybody in this category; the dataset's events at the
        # place (category unspecified), two of them alike on one day (one event each, never merged)
        claim(con, "e12a", "events", "incident", date(2022, 6, 12), 2, 2, 2, DATASET, figure_id="fig-e12",
              category="unspecified")
        claim(con, "e12b", "events", "incident", date(2022, 6, 12), 2, 2, 2, DATASET, figure_id="fig-e12",
              category="unspecified")
        claim(con, "e13", "events", "incident", date(2022, 6, 13), 1, 1, 1, DATASET, category="unspecified")
        claim(con, "e-elsewhere", "events", "incident", date(2022, 6, 13), 9, 9, 9, DATASET,
              category="unspecified", location="Odesa")
        # a total known only from an undated article ingested on 25 June
        claim(con, "t5", "undated", "cumulative", date(2022, 6, 20), 170, 170, 170)
    con = duckdb.connect(str(path), read_only=True)
    yield con
    con.close()


def checks(con: duckdb.DuckDBPyConnection, known_on: date | None = None) -> pd.DataFrame:
    return con.execute("SELECT * FROM running_total_checks(?, ?, ?, ?, ?, ?)", [*SUBJECT, known_on]).df()


def pair(frame: pd.DataFrame, to_day: int) -> pd.DataFrame:
    return frame[frame["to_as_of"] == pd.Timestamp(2022, 6, to_day)]


def test_pairs_are_consecutive_totals_of_one_source(warehouse: duckdb.DuckDBPyConnection) -> None:
    frame = checks(warehouse)
    pairs = frame.drop_duplicates("to_as_of")
    assert list(pairs["from_as_of"].dt.day) == [1, 5, 10, 14]
    assert list(pairs["to_as_of"].dt.day) == [5, 10, 14, 20]
    assert set(frame["source_id"]) == {MINISTRY}  # the governor's counts have no totals of their own


def test_counts_between_two_totals_are_summed_once_each(warehouse: duckdb.DuckDBPyConnection) -> None:
    frame = checks(warehouse)
    (row,) = pair(frame, 5).to_dict("records")
    # 1 June: 100; 5 June: the higher of the day's two totals, 140
    assert (row["from_best"], row["to_best"], row["change_best"]) == (100, 140, 40)
    assert (row["change_low"], row["change_high"]) == (40, 40)
    # 3 June's incident once (its copy and its repeat are the same figure), 5 June's, the 2-4 June
    # period; not 1 June's incident (the day of the first total) nor the period that starts before
    assert (row["counts"], row["incidents"], row["periods"]) == (3, 2, 1)
    assert (row["sum_low"], row["sum_best"], row["sum_high"]) == (34, 35, 36)
    assert row["counted_by_same_source"] and row["counting_source_id"] == MINISTRY
    assert row["adds_up"] == "total rose more" and row["difference_best"] == -5


def test_an_open_bound_keeps_its_sum_open(warehouse: duckdb.DuckDBPyConnection) -> None:
    (row,) = pair(checks(warehouse), 10).to_dict("records")
    assert row["counting_source_id"] == GOVERNOR and not row["counted_by_same_source"]
    assert row["counts"] == 2 and row["sum_best"] == 11
    assert pd.isna(row["sum_low"]) and pd.isna(row["sum_high"])  # "up to 8" and "more than 3"
    # "more than 150" leaves the change open above: 150 - 140 = 10 at least
    assert row["change_low"] == 10 and pd.isna(row["change_high"])
    assert row["adds_up"] == "yes"  # open ranges overlap


def test_datasets_count_at_the_place_in_any_category_one_event_each(warehouse: duckdb.DuckDBPyConnection) -> None:
    (row,) = pair(checks(warehouse), 14).to_dict("records")
    assert row["counting_source_id"] == DATASET and row["counting_source_kind"] == "dataset"
    assert row["counting_category"] == "unspecified"
    assert row["counts"] == 3 and row["sum_best"] == 5  # 2 + 2 (alike, not merged) + 1; Odesa's apart


def test_a_pair_without_counts_has_one_row(warehouse: duckdb.DuckDBPyConnection) -> None:
    frame = checks(warehouse, date(2022, 6, 30))
    (row,) = pair(frame, 20).to_dict("records")
    assert row["counts"] == 0 and pd.isna(row["counting_source_id"]) and pd.isna(row["adds_up"])


def test_known_on_uses_publication_else_ingestion(warehouse: duckdb.DuckDBPyConnection) -> None:
    assert pair(checks(warehouse, date(2022, 6, 24)), 20).empty  # the undated article came on 25 June
    assert not pair(checks(warehouse, date(2022, 6, 25)), 20).empty
    early = checks(warehouse, date(2022, 6, 9))
    assert list(early["to_as_of"].dt.day) == [5]  # the 10 June total was not public yet
    # the dataset was published on 30 June: its events are not known on 14 June
    assert pair(checks(warehouse, date(2022, 6, 14)), 14)["counts"].tolist() == [0]


def test_figures_of_counts_figures_not_mentions(warehouse: duckdb.DuckDBPyConnection) -> None:
    figures = warehouse.execute("SELECT * FROM figures_of(?, ?, ?, ?, ?, NULL)", list(SUBJECT)).df()
    i3 = figures[figures["figure_id"] == "fig-i3"].iloc[0]
    assert (i3["mentions"], i3["reports"]) == (3, 2)  # the copy is one report with its original
    assert i3["claim_id"] == "i3" and i3["as_of"] == pd.Timestamp(2022, 6, 3)  # the original's
    assert i3["last_as_of"] == pd.Timestamp(2022, 6, 4)
    points = warehouse.execute("SELECT * FROM figure_points(?, ?, ?, ?, ?, NULL)", list(SUBJECT)).df()
    assert sorted(points["figure_id"]) == sorted(figures["figure_id"])
    assert "fig-e12" not in set(figures["figure_id"])  # another category


def test_dataset_events_at_a_place(warehouse: duckdb.DuckDBPyConnection) -> None:
    events = warehouse.execute("SELECT * FROM dataset_events_at('killed', 'Kharkiv', 'people', NULL)").df()
    assert sorted(events["claim_id"]) == ["e12a", "e12b", "e13"]
    assert events["figure_id"].is_unique
    assert warehouse.execute(
        "SELECT count(*) FROM dataset_events_at('killed', 'Kharkiv', 'people', DATE '2022-06-29')").fetchone() == (0,)


def test_macros_are_commented(warehouse: duckdb.DuckDBPyConnection) -> None:
    comments = dict(warehouse.execute(
        "SELECT function_name, comment FROM duckdb_functions() WHERE function_type = 'table_macro'").fetchall())
    for name in ("figures_of", "figure_points", "dataset_events_at", "running_total_checks"):
        assert comments.get(name), name

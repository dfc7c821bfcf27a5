"""The dashboard's read model: small tables the runs that write keep current, so that a page's
first view after a run reads thousands of rows, not every claim.

- `series_sources` (migration 0008) is `series_per_source` with no filter: one row per series and
  canonical source, what the overview lists.
- `source_disagreements` (migration 0009) is `disagreement_pairs` with no filter for the widest window
  the disagreements page offers (DISAGREEMENT_WINDOW_MAX days): a narrower window is its pairs with
  days_apart <= it.
- `subject_points` (migration 0012) is `all_figure_points` as stored, in subject order: what a series
  page's summary, envelopes and list read for a subject (dashboard/queries/stored_figure_points.sql),
  one subject's figures stored together rather than grouped from its claims on every first view.
- `overview_rows` (migration 0011) is the overview's rows as the page shows them, display texts
  included: computed in Python (COMPUTED), after series_sources, which it reads.

`refresh` recomputes each at the end of a run (`tally etl`, `tally import`: `refresh_handing_over`, one
hold of the warehouse per read model) when the warehouse changed since its last refresh, and records
the state it was computed from (`read_model_state`, the view `warehouse_state`); `is_current` tells
a reader whether it may use one. While a run is writing (its batches change the state) or after a
write that skipped the refresh, readers fall back to the full query, so the read model is never
stale, only sometimes unused.
"""
from __future__ import annotations

import importlib
import time
from collections.abc import Callable, Sequence
from contextlib import AbstractContextManager, nullcontext
from typing import TYPE_CHECKING

import duckdb

from warehouse.db import Connection, Writer, transaction, utc_now

if TYPE_CHECKING:
    import pandas as pd

SERIES_SOURCES = "series_sources"
SOURCE_DISAGREEMENTS = "source_disagreements"
SUBJECT_POINTS = "subject_points"
# The widest window (days apart) of the disagreements page's slider: what source_disagreements holds.
DISAGREEMENT_WINDOW_MAX = 60
# Each read model's table and the query (a macro with no filter) that computes its rows.
READ_MODELS: dict[str, str] = {
    SERIES_SOURCES: "SELECT * FROM series_per_source([], NULL, [])",
    SOURCE_DISAGREEMENTS: f"SELECT * FROM disagreement_pairs(NULL, {DISAGREEMENT_WINDOW_MAX}, NULL, [])",
    # inserted in this order, so that a subject's rows share a few row groups whose zone maps say so
    SUBJECT_POINTS: "SELECT * FROM all_figure_points(NULL) ORDER BY metric, location, unit, category, party, as_of",
}
OVERVIEW_ROWS = "overview_rows"
# Read models refreshed in parts, one transaction each (and one hold of a run's writer: see
# `refresh_handing_over`): the query's rows of a range of the column's values at a time, in order (so
# that a table kept in that column's order stays in it), each range of about PART_ROWS claims or one
# value (the second query counts the claims of each value), the old rows deleted with the first part.
PARTS: dict[str, tuple[str, str]] = {
    SUBJECT_POINTS: ("metric", "SELECT metric, count(*) FROM claims GROUP BY metric ORDER BY metric"),
}
PART_ROWS = 500_000
# Read models whose rows a Python function of the connection computes ("module:function", returning
# a DataFrame of the table's columns), refreshed after READ_MODELS, which they may read. Imported only
# when a refresh recomputes one: the ETL loads the dashboard's formatting for nothing else.
COMPUTED: dict[str, str] = {OVERVIEW_ROWS: "dashboard.data:overview_read_model_rows"}
# Part of the recorded state: a new version (a macro behind a read model changed, or what a COMPUTED
# function returns, such as the overview's display texts) makes every stored read model out of date,
# so the next run recomputes it.
READ_MODEL_VERSION = "2"


def warehouse_state(con: Connection) -> str | None:
    """The warehouse's current state (the view warehouse_state, with READ_MODEL_VERSION), None
    before the migrations."""
    try:
        row = con.execute("SELECT state FROM warehouse_state").fetchone()
    except duckdb.CatalogException:
        return None
    return f"{row[0]}|v{READ_MODEL_VERSION}" if row else None


def refreshed_state(con: Connection, read_model: str = SERIES_SOURCES) -> str | None:
    """The state `read_model` was last refreshed at (None if never, or before its migration)."""
    try:
        row = con.execute("SELECT warehouse_state FROM read_model_state WHERE read_model = ?",
                          [read_model]).fetchone()
    except duckdb.CatalogException:
        return None
    return row[0] if row else None


def is_current(con: Connection, read_model: str = SERIES_SOURCES) -> bool:
    """True when `read_model` was refreshed at the warehouse's current state."""
    state = refreshed_state(con, read_model)
    return state is not None and state == warehouse_state(con)


def refresh(con: Connection, tables: Sequence[str] | None = None) -> dict[str, float]:
    """Recompute each read model (of `tables`, default all, in their order) the warehouse changed
    since, each in one transaction (a PARTS one in one per part); returns the seconds each
    recomputed one took (empty, so false, when none was). Call at the end of a run, on its connection
    (`refresh_handing_over` for a run's writer)."""
    return _refresh(lambda: nullcontext(con), lambda: None, tables)


def refresh_handing_over(writer: Writer) -> dict[str, float]:
    """`refresh` with a run's writer, one transaction per hold of its connection: between two, the
    writer hands the warehouse over to a reader that waits (`Writer.offer`), so that a dashboard page
    arriving at the end of a run waits for the longest of them, not for all (at a million claims on
    two cores: series_sources about 1 s, source_disagreements 2.5, overview_rows 0.9, subject_points
    3.9 s in three parts of at most 1.9 s; a page waits 3 s before it says the warehouse is busy). A reader in between finds the refreshed ones current and the others not, and reads their
    full queries: never stale."""
    return _refresh(writer.use, writer.offer, None)


def _refresh(use: Callable[[], AbstractContextManager[Connection]], offer: Callable[[], object],
             tables: Sequence[str] | None) -> dict[str, float]:
    """`refresh`'s work: each transaction on a connection `use` lends, `offer` called after each."""
    took: dict[str, float] = {}
    for table, query in [*READ_MODELS.items(), *COMPUTED.items()]:
        if tables is not None and table not in tables:
            continue
        with use() as con:
            state = warehouse_state(con)
            if state is None:
                return took
            try:
                if refreshed_state(con, table) == state:
                    continue
                con.execute(f"SELECT 1 FROM {table} LIMIT 0")
                parts = _parts(con, table)
            except duckdb.CatalogException:
                continue  # a warehouse before the read model's migration
        started = time.perf_counter()
        for number, part in enumerate(parts):
            with use() as con:
                _refresh_part(con, table, query, part, first=number == 0,
                              state=state if number == len(parts) - 1 else None)
            offer()
        took[table] = round(time.perf_counter() - started, 3)
    return took


def _parts(con: Connection, table: str) -> list[tuple[object, object] | None]:
    """The ranges (first, last value) of the PARTS column `table` is refreshed by, in order, each of
    at most PART_ROWS claims unless one value has more ([None]: the table at once)."""
    if table not in PARTS:
        return [None]
    parts: list[tuple[object, object] | None] = []
    first = last = None
    rows = 0
    for value, count in con.execute(PARTS[table][1]).fetchall():
        if rows and rows + count > PART_ROWS:
            parts.append((first, last))
            rows = 0
        first = value if not rows else first
        last, rows = value, rows + count
    if rows:
        parts.append((first, last))
    return parts or [None]


def _refresh_part(con: Connection, table: str, query: str, part: tuple[object, object] | None, *, first: bool,
                  state: str | None) -> None:
    """One transaction of a refresh: the rows of `part` (None: every row), the old ones deleted
    first, the state recorded with the last (`state` given)."""
    if table in COMPUTED:  # its rows, computed before the transaction, inserted in it
        con.register("computed_rows", _computed(query)(con))
        query = "SELECT * FROM computed_rows"
    params: list[object] = []
    if part is not None:
        query = f"SELECT * FROM ({query}) WHERE {PARTS[table][0]} BETWEEN ? AND ?"
        params = list(part)
    try:
        with transaction(con):
            if first:
                con.execute(f"DELETE FROM {table}")
            con.execute(f"INSERT INTO {table} BY NAME {query}", params)
            if state is not None:
                con.execute("INSERT OR REPLACE INTO read_model_state VALUES (?, ?, ?)", [table, state, utc_now()])
    finally:
        if table in COMPUTED:
            con.unregister("computed_rows")


def _computed(name: str) -> Callable[[Connection], pd.DataFrame]:
    """The function `module:function` of COMPUTED."""
    module, function = name.split(":")
    return getattr(importlib.import_module(module), function)

"""The dashboard's read model: small tables the runs that write keep current, so that a page's
first view after a run reads thousands of rows, not every claim.

- `series_sources` (migration 0008) is `series_per_source` with no filter: one row per series and
  canonical source, what the overview lists.
- `source_disagreements` (migration 0009) is `disagreement_pairs` with no filter for the widest window
  the disagreements page offers (DISAGREEMENT_WINDOW_MAX days): a narrower window is its pairs with
  days_apart <= it.
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
from typing import TYPE_CHECKING

import duckdb

from warehouse.db import Connection, Writer, transaction, utc_now

if TYPE_CHECKING:
    import pandas as pd

SERIES_SOURCES = "series_sources"
SOURCE_DISAGREEMENTS = "source_disagreements"
# The widest window (days apart) of the disagreements page's slider: what source_disagreements holds.
DISAGREEMENT_WINDOW_MAX = 60
# Each read model's table and the query (a macro with no filter) that computes its rows.
READ_MODELS: dict[str, str] = {
    SERIES_SOURCES: "SELECT * FROM series_per_source([], NULL, [])",
    SOURCE_DISAGREEMENTS: f"SELECT * FROM disagreement_pairs(NULL, {DISAGREEMENT_WINDOW_MAX}, NULL, [])",
}
OVERVIEW_ROWS = "overview_rows"
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
    since, each in one transaction; returns the seconds each recomputed one took (empty, so false,
    when none was). Call at the end of a run, on its connection (`refresh_handing_over` for a run's
    writer)."""
    state = warehouse_state(con)
    took: dict[str, float] = {}
    if state is None:
        return took
    for table, query in [*READ_MODELS.items(), *COMPUTED.items()]:
        if tables is not None and table not in tables:
            continue
        try:
            if refreshed_state(con, table) == state:
                continue
            started = time.perf_counter()
            if table in COMPUTED:  # its rows, computed before the transaction, inserted in it
                con.register("computed_rows", _computed(query)(con))
                query = "SELECT * FROM computed_rows"
            try:
                with transaction(con):
                    con.execute(f"DELETE FROM {table}")
                    con.execute(f"INSERT INTO {table} BY NAME {query}")
                    con.execute("INSERT OR REPLACE INTO read_model_state VALUES (?, ?, ?)",
                                [table, state, utc_now()])
            finally:
                if table in COMPUTED:
                    con.unregister("computed_rows")
        except duckdb.CatalogException:
            continue  # a warehouse before the read model's migration
        took[table] = round(time.perf_counter() - started, 3)
    return took


def refresh_handing_over(writer: Writer) -> dict[str, float]:
    """`refresh` with a run's writer, one read model per hold of its connection: between two, the
    writer hands the warehouse over to a reader that waits (`Writer.offer`), so that a dashboard page
    arriving at the end of a run waits for the longest read model, not for all of them (about 1, 2.5
    and 0.9 s at a million claims on two cores, against the 3 s a page waits before it says the
    warehouse is busy). A reader in between finds the refreshed ones current and the others not, and
    reads their full queries: never stale."""
    took: dict[str, float] = {}
    for table in [*READ_MODELS, *COMPUTED]:
        with writer.use() as con:
            took.update(refresh(con, (table,)))
        writer.offer()
    return took


def _computed(name: str) -> Callable[[Connection], pd.DataFrame]:
    """The function `module:function` of COMPUTED."""
    module, function = name.split(":")
    return getattr(importlib.import_module(module), function)

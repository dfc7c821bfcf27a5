"""The dashboard's read model: small tables the runs that write keep current, so that a page's
first view after a run reads thousands of rows, not every claim.

`series_sources` (migration 0008) is `series_per_source` with no filter: one row per series and
canonical source. `refresh` recomputes it at the end of a run (`tally etl`, `tally import`) when
the warehouse changed since the last refresh, and records the state it was computed from
(`read_model_state`, the view `warehouse_state`); `is_current` tells a reader whether it may use it.
While a run is writing (its batches change the state) or after a write that skipped the refresh,
readers fall back to the full query, so the read model is never stale, only sometimes unused.
"""
from __future__ import annotations

import duckdb

from warehouse.db import Connection, transaction, utc_now

SERIES_SOURCES = "series_sources"
# Part of the recorded state: a new version (the macro series_per_source changed) makes every
# stored read model out of date, so the next run recomputes it.
READ_MODEL_VERSION = "1"


def warehouse_state(con: Connection) -> str | None:
    """The warehouse's current state (the view warehouse_state, with READ_MODEL_VERSION), None
    before the migrations."""
    try:
        row = con.execute("SELECT state FROM warehouse_state").fetchone()
    except duckdb.CatalogException:
        return None
    return f"{row[0]}|v{READ_MODEL_VERSION}" if row else None


def refreshed_state(con: Connection, read_model: str = SERIES_SOURCES) -> str | None:
    """The state `read_model` was last refreshed at (None if never, or before migration 0008)."""
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


def refresh(con: Connection) -> bool:
    """Recompute series_sources if the warehouse changed since its last refresh, in one
    transaction; True when it was recomputed. Call at the end of a run, on its connection."""
    state = warehouse_state(con)
    if state is None or refreshed_state(con) == state:
        return False
    with transaction(con):
        con.execute(f"DELETE FROM {SERIES_SOURCES}")
        con.execute(f"INSERT INTO {SERIES_SOURCES} BY NAME SELECT * FROM series_per_source([], NULL, [])")
        con.execute("INSERT OR REPLACE INTO read_model_state VALUES (?, ?, ?)", [SERIES_SOURCES, state, utc_now()])
    return True

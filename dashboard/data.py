"""Read-only queries the dashboard runs against the Tally warehouse.

Every function opens a short-lived READ-ONLY connection, runs one query with `?`
parameters and closes it again: DuckDB locks the database file per process, so
a dashboard that held a connection open would lock the ETL out. Caching belongs
to the app layer (`st.cache_data`), which keeps this module free of Streamlit
and testable on its own.
"""
from __future__ import annotations

import argparse
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, fields
from pathlib import Path
from typing import Any

import duckdb
import pandas as pd

from etl.errors import WarehouseLockedError, WarehouseMissingError
from warehouse import db as warehouse_db

__all__ = [
    "ARTICLE_COLUMNS", "CLAIM_COLUMNS", "ClaimFilters", "WarehouseLockedError",
    "WarehouseMissingError", "claims_for_metric", "database_exists", "filter_options",
    "last_modified", "list_metrics", "read_only", "resolve_db_path",
]

# A page render waits at most this long for an ETL write to finish, then says so.
LOCK_TIMEOUT_S = 3.0

# The columns the claims table shows, in order: contract columns of `claims`
# (../shared/SPEC.md) followed by the article fields that trace a figure home.
CLAIM_COLUMNS: tuple[str, ...] = (
    "as_of", "metric", "category", "party", "value_low", "value_best", "value_high",
    "unit", "qualifier", "rate", "period_start", "source", "location", "quote",
    "span_start", "span_end", "article_id", "claim_id",
)
ARTICLE_COLUMNS: tuple[str, ...] = ("title", "publisher", "published", "url")


@dataclass(frozen=True)
class ClaimFilters:
    """Optional filters on claims; an empty tuple means 'any value'."""

    category: tuple[str, ...] = ()
    party: tuple[str, ...] = ()
    location: tuple[str, ...] = ()
    source: tuple[str, ...] = ()

    @classmethod
    def columns(cls) -> tuple[str, ...]:
        """The claims columns that can be filtered on (a fixed whitelist)."""
        return tuple(f.name for f in fields(cls))


def resolve_db_path(argv: Sequence[str] | None = None) -> Path:
    """The database path: `--db FILE` in argv, else env `TALLY_DB`, else the default.

    Unknown arguments are ignored, so this is safe under `streamlit run app.py -- --db F`
    and inside test runners that own `sys.argv`.
    """
    parser = argparse.ArgumentParser(add_help=False, allow_abbrev=False)
    parser.add_argument("--db", default=None)
    args, _ = parser.parse_known_args(list(argv or []))
    return warehouse_db.resolve_db_path(args.db)


@contextmanager
def read_only(
    path: Path | str, timeout_s: float | None = None
) -> Iterator[duckdb.DuckDBPyConnection]:
    """A short-lived read-only connection, closed on exit.

    Waits up to `timeout_s` (default LOCK_TIMEOUT_S) while another process (the ETL)
    holds the write lock. Raises WarehouseMissingError if the file does not exist and
    WarehouseLockedError if the lock is not released in time.
    """
    wait_s = LOCK_TIMEOUT_S if timeout_s is None else timeout_s
    conn = warehouse_db.connect(path, read_only=True, timeout_s=wait_s)
    try:
        yield conn
    finally:
        conn.close()


def _query(path: Path | str, sql: str, params: Sequence[Any] = ()) -> pd.DataFrame:
    """Run one parameterised query on a fresh read-only connection.

    A warehouse without the `claims`/`articles` tables yet (migrations not applied)
    reads as empty: an empty DataFrame with no columns.
    """
    with read_only(path) as conn:
        try:
            return conn.execute(sql, list(params)).df()
        except duckdb.CatalogException:
            return pd.DataFrame()


def database_exists(path: Path | str) -> bool:
    """True when the database file is there (the ETL has run at least once)."""
    return Path(path).is_file()


def last_modified(path: Path | str) -> float:
    """Latest modification time of the database and its WAL (0.0 if absent).

    Passed to cached queries as part of the key so a finished ETL run shows at once.
    """
    path = Path(path)
    stamps = [p.stat().st_mtime for p in (path, path.with_name(path.name + ".wal")) if p.exists()]
    return max(stamps, default=0.0)


def list_metrics(path: Path | str) -> list[str]:
    """The metrics that have at least one claim, alphabetically."""
    df = _query(path, "SELECT DISTINCT metric FROM claims WHERE metric IS NOT NULL ORDER BY metric")
    return [] if df.empty else df["metric"].tolist()


# Both statements are built once, here, from fixed column names (the ClaimFilters
# fields); every value reaches DuckDB as a `?` parameter.
_FILTER_OPTIONS_SQL = " UNION ALL ".join(
    f"SELECT DISTINCT '{column}' AS field, CAST({column} AS VARCHAR) AS value FROM claims "
    f"WHERE metric = ? AND {column} IS NOT NULL"
    for column in ClaimFilters.columns()
) + " ORDER BY field, value"

_CLAIMS_SQL = (
    "SELECT "
    + ", ".join([f"c.{c}" for c in CLAIM_COLUMNS] + [f"a.{c}" for c in ARTICLE_COLUMNS])
    + " FROM claims AS c LEFT JOIN articles AS a ON a.article_id = c.article_id"
    " WHERE c.metric = ?"
    # One (empty list = any value, else membership) test per ClaimFilters field, in order.
    + "".join(
        f" AND (len(?::VARCHAR[]) = 0 OR list_contains(?::VARCHAR[], c.{column}))"
        for column in ClaimFilters.columns()
    )
    + " ORDER BY c.as_of NULLS LAST, c.source, c.value_best, c.claim_id"
)


def filter_options(path: Path | str, metric: str) -> dict[str, list[str]]:
    """For one metric, the distinct non-NULL values of each filterable column."""
    columns = ClaimFilters.columns()
    df = _query(path, _FILTER_OPTIONS_SQL, [metric] * len(columns))
    options: dict[str, list[str]] = {column: [] for column in columns}
    for field_name, value in df.itertuples(index=False) if not df.empty else ():
        options[field_name].append(value)
    return options


def claims_for_metric(
    path: Path | str, metric: str, filters: ClaimFilters | None = None
) -> pd.DataFrame:
    """Claims of one metric joined to their article, filtered, ordered by date and source.

    Columns: CLAIM_COLUMNS then ARTICLE_COLUMNS, also when nothing matches.
    """
    filters = filters or ClaimFilters()
    params: list[Any] = [metric]
    for column in ClaimFilters.columns():
        values = list(getattr(filters, column))
        params += [values, values]
    df = _query(path, _CLAIMS_SQL, params)
    if df.empty and len(df.columns) == 0:
        return pd.DataFrame(columns=[*CLAIM_COLUMNS, *ARTICLE_COLUMNS])
    return df

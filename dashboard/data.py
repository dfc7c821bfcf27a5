"""Read-only queries the dashboard runs against the Tally warehouse.

Each query is a `.sql` file in `dashboard/queries/` (header comment: purpose, grain,
parameters) run with named `$parameters`, never string formatting. Every function
opens a short-lived READ-ONLY connection (warehouse.db.connect, which waits briefly
while the ETL holds DuckDB's file lock), runs one query and closes it again: a
dashboard that held a connection open would lock the ETL out. Caching belongs to
the app layer (`st.cache_data`), which keeps this module free of Streamlit.
"""
from __future__ import annotations

import argparse
from collections.abc import Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, fields
from datetime import date
from functools import cache
from pathlib import Path
from typing import Any

import duckdb
import pandas as pd

from etl.errors import WarehouseLockedError, WarehouseMissingError
from warehouse import db as warehouse_db

__all__ = [
    "ARTICLE_COLUMNS", "CLAIM_COLUMNS", "ClaimFilters", "WarehouseLockedError",
    "WarehouseMissingError", "claims_by_id", "claims_for_metric", "database_exists",
    "date_bounds", "disagreements", "filter_options", "last_modified", "latest_figures",
    "list_metrics", "read_only", "resolve_db_path",
]

QUERIES_DIR = Path(__file__).resolve().parent / "queries"

# A page render waits at most this long for an ETL write to finish, then says so.
LOCK_TIMEOUT_S = 3.0

# The columns of `claims.sql`, in order: contract columns of `claims` (../shared/SPEC.md),
# the article fields that trace a figure home, and the figure's own words.
CLAIM_COLUMNS: tuple[str, ...] = (
    "as_of", "metric", "category", "party", "value_low", "value_best", "value_high",
    "unit", "qualifier", "rate", "period_start", "source", "location", "quote",
    "span_start", "span_end", "article_id", "claim_id",
)
ARTICLE_COLUMNS: tuple[str, ...] = ("title", "publisher", "published", "url", "figure_words")


@dataclass(frozen=True)
class ClaimFilters:
    """Optional filters on claims; an empty tuple or None means 'any value'.

    `as_of_from` / `as_of_to` bound the date the figure describes (inclusive); once
    either is set, claims without a date no longer match.
    """

    category: tuple[str, ...] = ()
    party: tuple[str, ...] = ()
    location: tuple[str, ...] = ()
    source: tuple[str, ...] = ()
    as_of_from: date | None = None
    as_of_to: date | None = None

    @classmethod
    def columns(cls) -> tuple[str, ...]:
        """The claims columns filtered by membership (a fixed whitelist)."""
        return tuple(f.name for f in fields(cls) if not f.name.startswith("as_of"))

    def params(self) -> dict[str, Any]:
        """The filters as the `$parameters` of claims.sql."""
        values: dict[str, Any] = {column: list(getattr(self, column)) for column in self.columns()}
        values["as_of_from"] = self.as_of_from
        values["as_of_to"] = self.as_of_to
        return values


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


@cache
def query_text(name: str) -> str:
    """The SQL of `dashboard/queries/<name>.sql` (read once)."""
    return (QUERIES_DIR / f"{name}.sql").read_text(encoding="utf-8")


def run_query(path: Path | str, name: str, params: Mapping[str, Any] | None = None) -> pd.DataFrame:
    """Run one named query with `$parameters` on a fresh read-only connection.

    A warehouse without the `claims`/`articles` tables yet (migrations not applied)
    reads as empty: an empty DataFrame with no columns.
    """
    with read_only(path) as conn:
        try:
            return conn.execute(query_text(name), dict(params or {})).df()
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
    with read_only(path) as conn:
        try:
            rows = conn.execute(
                "SELECT DISTINCT metric FROM claims WHERE metric IS NOT NULL ORDER BY metric"
            ).fetchall()
        except duckdb.CatalogException:
            return []
    return [row[0] for row in rows]


def filter_options(path: Path | str, metric: str) -> dict[str, list[str]]:
    """For one metric, the distinct non-NULL values of each filterable column."""
    df = run_query(path, "filter_options", {"metric": metric})
    options: dict[str, list[str]] = {column: [] for column in ClaimFilters.columns()}
    for field_name, value in df.itertuples(index=False) if not df.empty else ():
        options[field_name].append(value)
    return options


def date_bounds(path: Path | str, metric: str) -> tuple[date | None, date | None]:
    """The earliest and latest `as_of` of one metric's claims (None, None when undated)."""
    df = run_query(path, "date_bounds", {"metric": metric})
    if df.empty:
        return None, None
    first, last = df.iloc[0]
    as_date = lambda v: None if pd.isna(v) else pd.Timestamp(v).date()  # noqa: E731
    return as_date(first), as_date(last)


def _claims(path: Path | str, metric: str | None, claim_ids: Sequence[str],
            filters: ClaimFilters) -> pd.DataFrame:
    params = {"metric": metric, "claim_ids": list(claim_ids), **filters.params()}
    df = run_query(path, "claims", params)
    if df.empty and len(df.columns) == 0:
        return pd.DataFrame(columns=[*CLAIM_COLUMNS, *ARTICLE_COLUMNS])
    return df


def claims_for_metric(
    path: Path | str, metric: str, filters: ClaimFilters | None = None
) -> pd.DataFrame:
    """Claims of one metric joined to their article, filtered, ordered by date and source.

    Columns: CLAIM_COLUMNS then ARTICLE_COLUMNS, also when nothing matches.
    """
    return _claims(path, metric, (), filters or ClaimFilters())


def claims_by_id(path: Path | str, claim_ids: Sequence[str]) -> pd.DataFrame:
    """The given claims (any metric) with their article, for provenance; columns as above."""
    if not claim_ids:
        return pd.DataFrame(columns=[*CLAIM_COLUMNS, *ARTICLE_COLUMNS])
    return _claims(path, None, tuple(claim_ids), ClaimFilters())


def latest_figures(path: Path | str, metrics: Sequence[str] = ()) -> pd.DataFrame:
    """The latest figure of every series (metric, category, party, place, unit, rate).

    See queries/latest_figures.sql; `metrics` narrows it (empty = every metric).
    """
    return run_query(path, "latest_figures", {"metrics": list(metrics)})


def disagreements(
    path: Path | str, metric: str | None = None, window_days: int = 3, max_rows: int = 500
) -> pd.DataFrame:
    """Pairs of claims on the same figure from different sources whose ranges do not overlap.

    See queries/disagreements.sql; `window_days` is how far apart their dates may be.
    """
    return run_query(
        path, "disagreements",
        {"metric": metric, "window_days": int(window_days), "max_rows": int(max_rows)},
    )

"""Read-only queries the dashboard runs against the Tally warehouse.

Each query is a `.sql` file in `dashboard/queries/` (header comment: purpose, grain,
parameters) run with named `$parameters`, never string formatting. Every function
opens a short-lived READ-ONLY connection (warehouse.db.connect, which waits briefly
while the ETL holds DuckDB's file lock), runs one query and closes it again: a
dashboard that held a connection open would lock the ETL out; a page's reads of one view
may share one (`one_connection`). Caching belongs to the app layer (`st.cache_data`), which
keeps this module free of Streamlit.

The aggregation is DuckDB's: a series page asks for its figures one by one only when the
dates looked at hold few enough (`series_figures`), else for envelopes per time bin
(`series_envelope`); counts are of figures (`figure_id`), never of copies. A series page
(`series_page`) runs all its queries on one short connection, on which the subject's claims
are first copied into a temporary table that stands in for the warehouse's (queries/slice_*.sql):
each query then reads a few thousand rows, not every claim, and the macros it calls
(warehouse/macros) stay the one definition of what a figure and a check are. The figures a page
lists are picked first and read with their words last, on the slice narrowed to their claims.
"""
from __future__ import annotations

import argparse
from collections.abc import Iterator, Mapping, Sequence
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import asdict, dataclass, fields
from datetime import date
from functools import cache
from pathlib import Path
from typing import Any

import duckdb
import pandas as pd

from etl.errors import WarehouseLockedError, WarehouseMissingError
from dashboard import tables
from warehouse import db as warehouse_db
from warehouse import read_model

__all__ = [
    "SeriesKey", "SeriesView", "WarehouseFacts", "WarehouseLockedError", "WarehouseMissingError", "claims_by_id",
    "database_exists", "dataset_bin", "dataset_sums", "disagreements", "known_on_bounds", "last_modified",
    "list_metrics", "one_connection", "overview_table", "read_only", "resolve_db_path", "series_envelope",
    "series_figures", "languages", "listed_figures", "series_list", "series_subjects", "series_summary",
    "reads_series_sources", "subject_connection", "total_checks", "warehouse_facts",
]

QUERIES_DIR = Path(__file__).resolve().parent / "queries"

# A page render waits at most this long for an ETL write to finish, then says so.
LOCK_TIMEOUT_S = 3.0
# Time bins an envelope may use, finest first (DuckDB date_trunc parts) and their length in days.
BINS: tuple[tuple[str, int], ...] = (("day", 1), ("week", 7), ("month", 31), ("quarter", 92), ("year", 366))


@dataclass(frozen=True)
class SeriesKey:
    """What a series page counts: one metric of one category and party, at one place, in one unit.

    None means "not stated" (the column is NULL), never "any": a key names one subject, and its
    series are that subject's scopes and rates (cumulative, incident, period, rate per day, ...).
    """

    metric: str
    category: str | None = None
    party: str | None = None
    location: str | None = None
    unit: str | None = None

    def params(self) -> dict[str, Any]:
        """The key as the `$parameters` of the series queries."""
        return asdict(self)

    @classmethod
    def columns(cls) -> tuple[str, ...]:
        return tuple(f.name for f in fields(cls))

    @classmethod
    def from_mapping(cls, values: Mapping[str, Any]) -> SeriesKey | None:
        """A key from URL query parameters or a row (absent, empty or NaN = NULL); None without a metric."""
        metric = values.get("metric")
        if not isinstance(metric, str) or not metric:
            return None
        def part(value: Any) -> str | None:
            return None if value is None or value == "" or (isinstance(value, float) and pd.isna(value)) else str(value)

        return cls(**{c: part(values.get(c)) for c in cls.columns()})


@dataclass(frozen=True)
class SeriesView:
    """What part of a subject a page looks at: as_of dates (inclusive; None = open), canonical
    sources (empty = all), what was known on a day (None = everything stored) and the languages
    of the articles (empty = all; a curated dataset's records are in none and always count)."""

    as_of_from: date | None = None
    as_of_to: date | None = None
    source_ids: tuple[str, ...] = ()
    known_on: date | None = None
    languages: tuple[str, ...] = ()

    def params(self) -> dict[str, Any]:
        """The view as `$parameters` (the languages apply through the page's slice, not a query)."""
        values = asdict(self)
        values["source_ids"] = list(self.source_ids)
        del values["languages"]
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


# The connections `one_connection` lends to every `read_only` in its block (per warehouse path);
# None outside such a block. A context variable: each Streamlit script run is a thread of its own.
_LENT: ContextVar[dict[str, duckdb.DuckDBPyConnection] | None] = ContextVar("lent_connections", default=None)


@contextmanager
def one_connection() -> Iterator[None]:
    """Within the block, every `read_only` of one warehouse shares one connection: the first opens it,
    the end of the block closes it. A page wraps the reads of its first view in it (its controls, its
    list, its page: each a cached query of its own), which then open the warehouse once, not three
    times (an open and close is some 30 ms at a million claims). The block holds DuckDB's read lock
    throughout, so it spans the page's reads, never the time it waits for a reader's click."""
    lent: dict[str, duckdb.DuckDBPyConnection] = {}
    token = _LENT.set(lent)
    try:
        yield
    finally:
        _LENT.reset(token)
        for conn in lent.values():
            conn.close()


def _is_lent(conn: duckdb.DuckDBPyConnection) -> bool:
    lent = _LENT.get()
    return lent is not None and any(conn is c for c in lent.values())


@contextmanager
def read_only(
    path: Path | str, timeout_s: float | None = None
) -> Iterator[duckdb.DuckDBPyConnection]:
    """A short-lived read-only connection, closed on exit (inside `one_connection`, the block's).

    Waits up to `timeout_s` (default LOCK_TIMEOUT_S) while another process (the ETL)
    holds the write lock. Raises WarehouseMissingError if the file does not exist and
    WarehouseLockedError if the lock is not released in time.
    """
    wait_s = LOCK_TIMEOUT_S if timeout_s is None else timeout_s
    lent = _LENT.get()
    if lent is not None:
        name = str(Path(path).resolve())
        if name not in lent:
            lent[name] = warehouse_db.connect(path, read_only=True, timeout_s=wait_s)
        yield lent[name]
        return
    conn = warehouse_db.connect(path, read_only=True, timeout_s=wait_s)
    try:
        yield conn
    finally:
        conn.close()


@cache
def query_text(name: str) -> str:
    """The SQL of `dashboard/queries/<name>.sql` (read once)."""
    return (QUERIES_DIR / f"{name}.sql").read_text(encoding="utf-8")


Source = Path | str | duckdb.DuckDBPyConnection
"""Where a query runs: a warehouse path (a fresh read-only connection for this query) or a
connection a page opened with `read_only` for all of its queries (DuckDB's buffers stay warm
between them; the page closes it before it draws anything)."""


def run_query(source: Source, name: str, params: Mapping[str, Any] | None = None) -> pd.DataFrame:
    """Run one named query with `$parameters` on `source` (see Source).

    A warehouse without the tables, views or macros yet (migrations not applied) reads as
    empty: an empty DataFrame with no columns.
    """
    if isinstance(source, duckdb.DuckDBPyConnection):
        try:
            return source.execute(query_text(name), dict(params or {})).df()
        except duckdb.CatalogException:
            return pd.DataFrame()
    with read_only(source) as conn:
        return run_query(conn, name, params)


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


def list_metrics(path: Source) -> list[str]:
    """The metrics that have at least one claim, alphabetically."""
    if not isinstance(path, duckdb.DuckDBPyConnection):
        with read_only(path) as conn:
            return list_metrics(conn)
    try:
        rows = path.execute("SELECT DISTINCT metric FROM claims WHERE metric IS NOT NULL ORDER BY metric").fetchall()
    except duckdb.CatalogException:
        return []
    return [row[0] for row in rows]


def _as_date(value: Any) -> date | None:
    return None if value is None or pd.isna(value) else pd.Timestamp(value).date()


def known_on_bounds(path: Source) -> tuple[date | None, date | None]:
    """The first and last day anything stored became public (publication, else ingestion, date)."""
    df = run_query(path, "known_on_bounds")
    if df.empty:
        return None, None
    first, last = df.iloc[0]
    return _as_date(first), _as_date(last)


@dataclass(frozen=True)
class WarehouseFacts:
    """What every page's controls read before anything else: the metrics (`list_metrics`; none =
    no claims yet), the "as known on" bounds (`known_on_bounds`) and the articles' languages
    (`languages`)."""

    metrics: tuple[str, ...]
    known_on_bounds: tuple[date | None, date | None]
    languages: tuple[str, ...]


def warehouse_facts(path: Source) -> WarehouseFacts:
    """`WarehouseFacts`, read on one connection: a page's first view after a run opened three
    (about 30 ms each at a million claims, more than the three queries)."""
    if not isinstance(path, duckdb.DuckDBPyConnection):
        with read_only(path) as conn:
            return warehouse_facts(conn)
    return WarehouseFacts(tuple(list_metrics(path)), known_on_bounds(path), tuple(languages(path)))


def series_list(path: Source, metrics: Sequence[str] = (), known_on: date | None = None,
                languages: Sequence[str] = ()) -> pd.DataFrame:
    """Every series with the latest figure of each source (queries/series_list.sql): read from the
    read model series_sources while it is current and no "as known on" date or language is given,
    else computed from the claims (the same rows: tests/test_dashboard.py checks it)."""
    if not isinstance(path, duckdb.DuckDBPyConnection):
        with read_only(path) as conn:
            return series_list(conn, metrics, known_on, languages)
    return run_query(path, "series_list", {"metrics": list(metrics), "known_on": known_on,
                                           "languages": list(languages),
                                           "summary": reads_series_sources(path, known_on, languages)})


def reads_series_sources(con: duckdb.DuckDBPyConnection, known_on: date | None, languages: Sequence[str]) -> bool:
    """Whether `series_list` and `series_subjects` may read the read model series_sources: it is current
    and neither an "as known on" date nor a language is given (it holds the rows with no filter)."""
    return known_on is None and not languages and read_model.is_current(con)


def series_subjects(path: Source, known_on: date | None = None, languages: Sequence[str] = ()) -> pd.DataFrame:
    """Every subject with its figures, first and last as_of and sources, the most figures first
    (queries/series_subjects.sql): what a series page picks from, lighter than `series_list` (no
    latest figures). Read from the read model series_sources under the same rule as `series_list`."""
    if not isinstance(path, duckdb.DuckDBPyConnection):
        with read_only(path) as conn:
            return series_subjects(conn, known_on, languages)
    return run_query(path, "series_subjects", {"known_on": known_on, "languages": list(languages),
                                               "summary": reads_series_sources(path, known_on, languages)})


def overview_table(path: Source, metrics: Sequence[str] = (), known_on: date | None = None,
                   languages: Sequence[str] = ()) -> pd.DataFrame:
    """The overview's rows, `tables.overview_table` of `series_list`: read from the read model
    overview_rows (queries/overview_stored.sql) while it is current and no "as known on" date or
    language is given, else formatted from the series list (the same rows: tests/test_dashboard.py)."""
    if not isinstance(path, duckdb.DuckDBPyConnection):
        with read_only(path) as conn:
            return overview_table(conn, metrics, known_on, languages)
    if known_on is None and not languages and read_model.is_current(path, read_model.OVERVIEW_ROWS):
        stored = run_query(path, "overview_stored", {"metrics": list(metrics)})
        return stored if not stored.empty else tables.overview_table(stored)  # no rows: the same empty frame
    return tables.overview_table(series_list(path, metrics, known_on, languages))


def overview_read_model_rows(con: duckdb.DuckDBPyConnection) -> pd.DataFrame:
    """What the read model overview_rows holds: the unfiltered overview's rows, formatted from the
    series list (warehouse/read_model.py calls it at each refresh), with their order (shown_order)."""
    rows = tables.overview_table(series_list(con))
    return rows.assign(shown_order=range(len(rows)))


def languages(path: Source) -> list[str]:
    """The languages of the stored articles (queries/languages.sql)."""
    df = run_query(path, "languages")
    return [] if df.empty else df["language"].tolist()


def series_summary(path: Source, key: SeriesKey, view: SeriesView) -> pd.DataFrame:
    """Per series (scope, rate) and source of one subject: figures in all and in view, first and
    last as_of, the source's name, kind and side (queries/series_summary.sql)."""
    params = {**key.params(), "known_on": view.known_on, "as_of_from": view.as_of_from,
              "as_of_to": view.as_of_to}
    return run_query(path, "series_summary", params)


def series_figures(path: Path | str, key: SeriesKey, view: SeriesView, max_rows: int = 10_000,
                   scope: str | None = None, rate: str | None = None) -> pd.DataFrame:
    """One subject's `max_rows` latest figures in view, with their words and article
    (queries/series_figures.sql); `scope` (with `rate`) narrows them to one series. It reads the
    subject's slice on a connection of its own (see `subject_connection` and `listed_figures`)."""
    with subject_connection(path, key, view) as conn:
        return listed_figures(conn, key, view, max_rows, scope, rate)


def listed_figures(conn: duckdb.DuckDBPyConnection, key: SeriesKey, view: SeriesView, max_rows: int,
                   scope: str | None = None, rate: str | None = None) -> pd.DataFrame:
    """`series_figures` on a `subject_connection`, as its slice's last query: the figures to list are
    picked from the light figure_points (queries/listed_figures.sql), the slice is narrowed to their
    claims (queries/slice_listed.sql) and their articles are sliced, so that figures_of, which finds
    each figure's representative mention and words, reads those figures' claims only (the table's
    100 latest of a subject of 75,000 claims: 0.6 to 0.8 s with its articles became some 0.17 s at a
    million claims)."""
    try:
        conn.execute(query_text("listed_figures"), {**key.params(), **view.params(), "scope": scope, "rate": rate,
                                                    "max_rows": int(max_rows)})
        conn.execute(query_text("slice_listed"))
        conn.execute(query_text("slice_articles"))
    except duckdb.CatalogException:
        return pd.DataFrame()  # a warehouse without the tables yet reads as empty
    return run_query(conn, "series_figures", {**key.params(), "known_on": view.known_on})


def series_envelope(path: Source, key: SeriesKey, view: SeriesView, bin_part: str) -> pd.DataFrame:
    """One subject's figures in view as envelopes per series, source and `bin_part` (a BINS name)."""
    if bin_part not in dict(BINS):
        raise ValueError(f"unknown time bin {bin_part!r}; one of {', '.join(dict(BINS))}")
    return run_query(path, "series_envelope", {**key.params(), **view.params(), "bin": bin_part})


def total_checks(path: Source, key: SeriesKey, view: SeriesView) -> pd.DataFrame:
    """Do the dailies add up? running_total_checks for the subject, in view (queries/total_checks.sql)."""
    return run_query(path, "total_checks", {**key.params(), **view.params()})


# A dataset's events are summed per month, or per week or day when the dates in view are fewer
# than this many days (a month's bar over a fortnight tells nothing).
DATASET_BIN_DAYS = (("day", 21), ("week", 120))


def dataset_bin(span: tuple[date | None, date | None]) -> str:
    """'day', 'week' or 'month': how a dataset's events are summed over the dates in view."""
    if span[0] is None or span[1] is None:
        return "month"
    days = (span[1] - span[0]).days + 1
    return next((part for part, most in DATASET_BIN_DAYS if days <= most), "month")


def dataset_sums(path: Source, key: SeriesKey, view: SeriesView, bin_part: str = "month") -> pd.DataFrame:
    """Curated datasets' events at the subject's place, summed per bin (queries/dataset_sums.sql)."""
    if bin_part not in ("day", "week", "month"):
        raise ValueError(f"unknown time bin {bin_part!r}; one of day, week, month")
    params = {"metric": key.metric, "location": key.location, "unit": key.unit, "known_on": view.known_on,
              "as_of_from": view.as_of_from, "as_of_to": view.as_of_to, "bin": bin_part}
    return run_query(path, "dataset_sums", params)


def claims_by_id(path: Source, claim_ids: Sequence[str]) -> pd.DataFrame:
    """The given claims with their words, article and source, for provenance (queries/claims_by_id.sql)."""
    if not claim_ids:
        return pd.DataFrame()
    return run_query(path, "claims_by_id", {"claim_ids": list(claim_ids)})


def disagreements(
    path: Source, metric: str | None = None, window_days: int = 3, max_rows: int = 500,
    known_on: date | None = None, languages: Sequence[str] = (),
) -> pd.DataFrame:
    """Pairs of figures of one series from different sources whose ranges do not overlap
    (queries/disagreements.sql); `window_days` is how far apart their dates may be. Read from the read
    model source_disagreements while it is current, the window is at most its own and no "as known on"
    date or language is given, else computed from the claims (the same rows: tests/test_dashboard.py)."""
    if not isinstance(path, duckdb.DuckDBPyConnection):
        with read_only(path) as conn:
            return disagreements(conn, metric, window_days, max_rows, known_on, languages)
    stored = (known_on is None and not languages and int(window_days) <= read_model.DISAGREEMENT_WINDOW_MAX
              and read_model.is_current(path, read_model.SOURCE_DISAGREEMENTS))
    if stored:
        return run_query(path, "disagreements_stored", {"metric": metric, "window_days": int(window_days),
                                                        "max_rows": int(max_rows)})
    return run_query(path, "disagreements", {
        "metric": metric, "window_days": int(window_days), "max_rows": int(max_rows), "known_on": known_on,
        "languages": list(languages),
    })


# The widest window the disagreements page offers: the one its read model is computed for.
DISAGREEMENT_WINDOW_MAX = read_model.DISAGREEMENT_WINDOW_MAX


# --- a series page ------------------------------------------------------------------------------

# A series page draws every figure in view while there are at most this many; above, envelopes
# per time bin, the bin the finest that gives at most BINS_MAX bins over the dates in view.
FIGURES_DRAWN_MAX = 1000
BINS_MAX = 200
# A page drawing envelopes lists this many of the latest figures in view (read on its connection).
TABLE_PREVIEW_ROWS = 100


@dataclass
class SeriesPage:
    """Everything a series page shows of one subject in view, read on one short connection."""

    key: SeriesKey
    view: SeriesView
    summary: pd.DataFrame
    figures: pd.DataFrame | None
    envelope: pd.DataFrame | None
    bin_part: str | None
    dataset_sums: pd.DataFrame
    dataset_bin: str
    checks: pd.DataFrame
    span: tuple[date | None, date | None]
    latest: pd.DataFrame | None = None  # with envelopes: the TABLE_PREVIEW_ROWS latest figures in view

    @property
    def in_view(self) -> int:
        return int(self.summary["in_view"].sum()) if not self.summary.empty else 0

    @property
    def bin_days(self) -> int:
        return dict(BINS).get(self.bin_part or "", 0)


def view_span(summary: pd.DataFrame, view: SeriesView) -> tuple[date | None, date | None]:
    """The dates in view: the view's own bounds, else the subject's first and last as_of."""
    first = view.as_of_from or (_as_date(summary["first_as_of"].min()) if not summary.empty else None)
    last = view.as_of_to or (_as_date(summary["last_as_of"].max()) if not summary.empty else None)
    return first, last


def detail_level(in_view: int, span: tuple[date | None, date | None], max_figures: int | None = None,
                 max_bins: int | None = None) -> str | None:
    """None to draw each figure (at most `max_figures` in view), else the time bin of the envelopes:
    the finest of BINS giving at most `max_bins` bins over `span`."""
    max_figures = FIGURES_DRAWN_MAX if max_figures is None else max_figures
    max_bins = BINS_MAX if max_bins is None else max_bins
    if in_view <= max_figures or span[0] is None or span[1] is None:
        return None
    days = (span[1] - span[0]).days + 1
    for part, length in BINS:
        if days / length <= max_bins:
            return part
    return BINS[-1][0]


# A subject's page reads its figures' points from the read model subject_points (see
# subject_connection) from this many claims in its slice: grouping a few thousand claims already in
# memory is quicker than reading the stored points cold (at a million claims, a subject of 1,500
# claims' cold page took some 20 ms longer from the read model, one of 75,000 some 100 ms less).
STORED_POINTS_MIN_CLAIMS = 5_000


@contextmanager
def subject_connection(path: Path | str, key: SeriesKey, view: SeriesView) -> Iterator[duckdb.DuckDBPyConnection]:
    """A short read-only connection on which `claims` is the subject's slice (queries/slice_claims.sql:
    the subject's claims in the view's languages and the datasets' at its place) as a temporary table
    that shadows the warehouse's, and so is `articles` (their articles, queries/slice_articles.sql)
    when the view is "as known on" a day, which every query then reads. Otherwise only the figures a
    page lists read article fields, and their articles are sliced then (`listed_figures`). With
    neither an "as known on" day nor a language, while the read model subject_points is current and
    the slice holds STORED_POINTS_MIN_CLAIMS claims or more, `figure_points` is its subject's stored
    rows (queries/stored_figure_points.sql: a temporary macro shadowing the warehouse's), which the
    page's summary, envelopes and list then read instead of grouping the slice's claims. The
    connection is the caller's own and closed on exit: nothing else ever sees the slice."""
    with read_only(path) as conn:
        try:
            # asked before the slice, which shadows the claims the warehouse's state is counted from
            stored = view.known_on is None and not view.languages and read_model.is_current(
                conn, read_model.SUBJECT_POINTS)
            conn.execute(query_text("slice_claims"), {**key.params(), "languages": list(view.languages)})
            if view.known_on is not None:
                conn.execute(query_text("slice_articles"))
            if stored and conn.execute("SELECT count(*) FROM temp.main.claims").fetchone()[0] >= STORED_POINTS_MIN_CLAIMS:
                conn.execute(query_text("stored_figure_points"))
        except duckdb.CatalogException:
            pass  # a warehouse without the tables yet: the page's queries read as empty
        try:
            yield conn
        finally:
            if _is_lent(conn):  # the connection outlives the slice: later queries read the warehouse
                conn.execute("DROP TABLE IF EXISTS temp.main.claims; DROP TABLE IF EXISTS temp.main.articles; "
                             "DROP TABLE IF EXISTS temp.main.listed_figures; "
                             "DROP MACRO TABLE IF EXISTS temp.main.figure_points")


def has_consecutive_totals(summary: pd.DataFrame) -> bool:
    """Whether some source has running totals (scope cumulative, no rate) on two days or more: without,
    running_total_checks has no pair to check and the page need not run it (a summary row's
    first and last as_of are its source's, over the figures the checks read and more)."""
    if summary.empty:
        return False
    totals = summary[(summary["scope"] == "cumulative") & summary["rate"].isna()]
    return bool((totals["first_as_of"] < totals["last_as_of"]).any())


def series_page(path: Path | str, key: SeriesKey, view: SeriesView, max_figures: int | None = None) -> SeriesPage:
    """One subject's page: its summary, its figures (one by one, or envelopes when too many), the
    datasets' sums at its place and, when it has running totals beside counts, the checks."""
    with subject_connection(path, key, view) as conn:
        summary = series_summary(conn, key, view)
        span = view_span(summary, view)
        in_view = int(summary["in_view"].sum()) if not summary.empty else 0
        drawn_max = FIGURES_DRAWN_MAX if max_figures is None else max_figures
        bin_part = detail_level(in_view, span, drawn_max)
        sums_bin = dataset_bin(span)
        sums = dataset_sums(conn, key, view, sums_bin)
        scopes = set(summary["scope"]) if not summary.empty else set()
        counted = bool(scopes & {"incident", "period"}) or not sums.empty
        checks = total_checks(conn, key, view) if counted and has_consecutive_totals(summary) else pd.DataFrame()
        figures = envelope = latest = None
        if bin_part is None:
            figures = listed_figures(conn, key, view, drawn_max)
        else:
            envelope = series_envelope(conn, key, view, bin_part)
            latest = listed_figures(conn, key, view, TABLE_PREVIEW_ROWS)  # the table's, on this slice
    return SeriesPage(key, view, summary, figures, envelope, bin_part, sums, sums_bin, checks, span, latest)

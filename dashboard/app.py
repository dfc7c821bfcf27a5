"""Tally dashboard: reported figures over time, with uncertainty and sources.

Run with `tally dashboard [--db FILE]` or `streamlit run dashboard/app.py -- --db FILE`
(else env TALLY_DB, else warehouse/tally.duckdb). This script only wires widgets
to `dashboard.data` (queries) and `dashboard.charts` (figures); it caches query
results briefly and never keeps a database connection open.
"""
from __future__ import annotations

import re
import sys

import pandas as pd
import streamlit as st

from dashboard import charts, data

CACHE_TTL_S = 60
FILTER_LABELS = {"category": "Category", "party": "Party", "location": "Location", "source": "Source"}
TABLE_COLUMNS = [
    "as_of", "value_best", "value_low", "value_high", "qualifier", "unit", "rate",
    "category", "party", "location", "source", "quote",
    "title", "publisher", "published", "url", "period_start", "article_id", "claim_id",
]
EMPTY_WAREHOUSE_HINT = "Run `tally etl examples/` to load the example articles."


def md(text: object) -> str:
    """Data shown inside Streamlit markdown, with markdown and HTML characters escaped."""
    return re.sub(r"([\\`*_{}\[\]()#+\-.!|<>~$:])", r"\\\1", str(text))


# Cached wrappers: `stamp` (the file's modification time) is part of the cache key,
# so results refresh as soon as the ETL writes, and otherwise after CACHE_TTL_S.
@st.cache_data(ttl=CACHE_TTL_S, show_spinner=False)
def cached_metrics(db: str, stamp: float) -> list[str]:
    """data.list_metrics, cached."""
    return data.list_metrics(db)


@st.cache_data(ttl=CACHE_TTL_S, show_spinner=False)
def cached_filter_options(db: str, metric: str, stamp: float) -> dict[str, list[str]]:
    """data.filter_options, cached."""
    return data.filter_options(db, metric)


@st.cache_data(ttl=CACHE_TTL_S, show_spinner=False)
def cached_claims(db: str, metric: str, filters: data.ClaimFilters, stamp: float) -> pd.DataFrame:
    """data.claims_for_metric, cached."""
    return data.claims_for_metric(db, metric, filters)


def sidebar_filters(db: str, metric: str, stamp: float) -> data.ClaimFilters:
    """One multiselect per filterable column; keys are per metric so choices never go stale."""
    options = cached_filter_options(db, metric, stamp)
    chosen = {
        column: tuple(st.sidebar.multiselect(
            FILTER_LABELS[column], options.get(column, []), key=f"filter_{metric}_{column}",
            placeholder="any",
        ))
        for column in data.ClaimFilters.columns()
    }
    return data.ClaimFilters(**chosen)


def show_charts(metric: str, claims: pd.DataFrame) -> None:
    """One chart per (unit, rate) group: rates, totals and currencies never share an axis."""
    for group, rows in charts.chart_groups(claims):
        st.subheader(f"{md(metric)}: {md(group.label)}")
        st.plotly_chart(
            charts.time_series_figure(rows), key=f"chart_{group.unit}_{group.rate}",
            width="stretch",
        )
        undated = int(rows["as_of"].isna().sum())
        if undated:
            st.caption(f"{undated} claim(s) without a date are listed in the table only.")
    st.caption(
        "Line and dots: best reading per source; band and whiskers: the range the report "
        "allows; ▲ = no upper bound stated (\"more than\"), ▼ = no lower bound (\"up to\")."
    )


def show_table(metric: str, claims: pd.DataFrame) -> None:
    """The claims behind the charts, traceable to quote and article, with CSV download."""
    shown = claims[[c for c in TABLE_COLUMNS if c in claims.columns]].copy()
    # Only web addresses become links: a `javascript:` URL in the data stays inert text.
    is_web = shown["url"].astype("string").str.match(r"https?://", na=False)
    shown["url"] = shown["url"].where(is_web, None)
    st.subheader(f"Claims ({len(shown)})")
    st.dataframe(
        shown, hide_index=True, key="claims_table",
        column_config={
            "url": st.column_config.LinkColumn("url"),
            "quote": st.column_config.TextColumn("quote", width="large"),
            "as_of": st.column_config.DateColumn("as of"),
            "published": st.column_config.DateColumn("published"),
            "period_start": st.column_config.DateColumn("period start"),
        },
    )
    st.download_button(
        "Download CSV", shown.to_csv(index=False).encode("utf-8"),
        file_name=f"tally-{metric}.csv", mime="text/csv", on_click="ignore", key="download_csv",
    )


def main() -> None:
    """Page entry: resolve the database, handle empty states, draw filters, charts, table."""
    st.set_page_config(page_title="Tally", layout="wide")
    st.title("Tally")
    db_path = data.resolve_db_path(sys.argv[1:])
    db = str(db_path)
    st.caption(f"Reported figures from news articles · database {md(db)}")

    if not data.database_exists(db_path):
        st.info(f"No database found at {md(db)} yet. {EMPTY_WAREHOUSE_HINT}")
        return
    stamp = data.last_modified(db_path)
    try:
        metrics = cached_metrics(db, stamp)
        if not metrics:
            st.info(f"The database has no claims yet. {EMPTY_WAREHOUSE_HINT}")
            return
        metric = st.sidebar.selectbox("Metric", metrics, key="metric")
        filters = sidebar_filters(db, metric, stamp)
        claims = cached_claims(db, metric, filters, stamp)
    except data.WarehouseMissingError:
        st.info(f"No database found at {md(db)} yet. {EMPTY_WAREHOUSE_HINT}")
        return
    except data.WarehouseLockedError as exc:
        st.warning(f"{md(exc)} Reload the page in a moment.")
        return

    if claims.empty:
        st.info(f"No {md(metric)} claims match these filters. Clear a filter in the sidebar.")
        return
    show_charts(metric, claims)
    show_table(metric, claims)


main()

"""Streamlit helpers shared by the dashboard pages: the warehouse, cached queries,
empty states, escaping, downloads and the provenance panel.

Pages call these and `dashboard.tables` / `dashboard.charts`; nothing here builds SQL.
Every piece of article text (quotes, titles, publishers, sources, places) reaches the page
either in a dataframe cell (shown literally) or as escaped HTML text (`provenance_card`,
shown with `st.html`), never through markdown: Streamlit's markdown turns bare URLs,
`www.` names and e-mail addresses into links even when every character is escaped.
`md()` escapes the few other values shown in markdown (paths in messages).
"""
from __future__ import annotations

import html
import re
import sys
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any
from urllib.parse import quote as url_quote

import pandas as pd
import plotly.graph_objects as go
import streamlit as st

from dashboard import charts, data, tables

CACHE_TTL_S = 60
EMPTY_WAREHOUSE_HINT = "Run `tally etl examples/` to load the example articles."
PROVENANCE_MAX = 20
# A claims table shows this many rows until the reader asks for all of them: a grid of
# every claim (over a thousand on a big warehouse) arrives with the charts and holds
# them up in the browser. The CSV download always has every row.
TABLE_PREVIEW_ROWS = 100

# The query functions pages may run through `cached` (a fixed whitelist).
QUERIES: dict[str, Callable[..., Any]] = {
    "list_metrics": data.list_metrics,
    "filter_options": data.filter_options,
    "date_bounds": data.date_bounds,
    "claims_for_metric": data.claims_for_metric,
    "claims_by_id": data.claims_by_id,
    "latest_figures": data.latest_figures,
    "disagreements": data.disagreements,
}


def md(text: object) -> str:
    """Data shown inside Streamlit markdown, with markdown and HTML characters escaped."""
    return re.sub(r"([\\`*_{}\[\]()#+\-.!|<>~$:&=\"'])", r"\\\1", " ".join(str(text).split()))


@dataclass(frozen=True)
class Warehouse:
    """The database a page reads, and its modification stamp (part of every cache key)."""

    path: str
    stamp: float

    def query(self, name: str, *args: Any) -> Any:
        """Run the whitelisted query `name` on this warehouse, cached (see `cached`)."""
        return cached(name, self.path, self.stamp, *args)

    def time_series_charts(
        self, metric: str, filters: data.ClaimFilters, log_y: bool = False
    ) -> list[TimeSeriesChart]:
        """One figure per chart group of `metric`'s claims, cached like the query behind it."""
        return cached_time_series_charts(self.path, self.stamp, metric, filters, log_y)


@dataclass(frozen=True)
class TimeSeriesChart:
    """One chart of the time series page: its group, its figure, its claims without a date."""

    group: charts.ChartGroup
    figure: go.Figure
    undated: int


# `stamp` (the file's modification time) is part of the cache key, so results refresh
# as soon as the ETL writes, and otherwise after CACHE_TTL_S.
@st.cache_data(ttl=CACHE_TTL_S, show_spinner=False)
def cached(name: str, db: str, stamp: float, *args: Any) -> Any:
    """QUERIES[name](db, *args), cached per database state."""
    return QUERIES[name](db, *args)


# Building a figure (plotly validates every array) costs more than the query behind it,
# so figures are cached with the same key and lifetime, and shared rather than copied
# (unpickling a big figure costs a third of building it): every later view of the same
# page on the same warehouse reuses them. Nothing may modify a cached figure;
# `st.plotly_chart` only reads it.
@st.cache_resource(ttl=CACHE_TTL_S, show_spinner=False, max_entries=64)
def cached_time_series_charts(
    db: str, stamp: float, metric: str, filters: data.ClaimFilters, log_y: bool
) -> list[TimeSeriesChart]:
    """`charts.time_series_figure` per `charts.chart_groups` group of the metric's claims."""
    claims = cached("claims_for_metric", db, stamp, metric, filters)
    return [
        TimeSeriesChart(group, charts.time_series_figure(rows, log_y=log_y), int(rows["as_of"].isna().sum()))
        for group, rows in charts.chart_groups(claims)
    ]


def open_warehouse() -> Warehouse:
    """The warehouse named by `--db` / TALLY_DB, or an empty state and `st.stop()`."""
    path = data.resolve_db_path(sys.argv[1:])
    if not data.database_exists(path):
        st.info(f"No database found at {md(path)} yet. {EMPTY_WAREHOUSE_HINT}")
        st.stop()
    warehouse = Warehouse(str(path), data.last_modified(path))
    with warehouse_errors(warehouse):
        if not warehouse.query("list_metrics"):
            st.info(f"The database has no claims yet. {EMPTY_WAREHOUSE_HINT}")
            st.stop()
    return warehouse


@contextmanager
def warehouse_errors(warehouse: Warehouse) -> Iterator[None]:
    """Turn a missing or busy warehouse into a message on the page, and stop the page."""
    try:
        yield
    except data.WarehouseMissingError:
        st.info(f"No database found at {md(warehouse.path)} yet. {EMPTY_WAREHOUSE_HINT}")
        st.stop()
    except data.WarehouseLockedError as exc:
        st.warning(f"{md(exc)} Reload the page in a moment.")
        st.stop()


def download_csv(frame: pd.DataFrame, file_name: str, key: str) -> None:
    """A CSV download of exactly the rows and columns shown.

    The CSV is written when the button is clicked, not on every run: the page neither
    encodes nor sends it before anyone asks for it.
    """
    st.download_button(
        f"Download CSV ({len(frame)} rows)", lambda: frame.to_csv(index=False).encode("utf-8"),
        file_name=file_name, mime="text/csv", on_click="ignore", key=key,
    )


def selected_rows(event: Any) -> list[int]:
    """Row positions selected in a `st.dataframe(on_select=...)` event (none if unsupported)."""
    try:
        return list(event.selection.rows)
    except AttributeError:
        return []


def selected_claim_ids(event: Any) -> list[str]:
    """claim_ids of points selected in a `st.plotly_chart(on_select=...)` event."""
    try:
        points = event.selection.points
    except AttributeError:
        return []
    ids = [p.get("customdata") for p in points if isinstance(p, dict)]
    return [i[0] if isinstance(i, list) else i for i in ids if i]


def html_text(value: object) -> str:
    """Data as inert HTML text: one line, every markup character escaped."""
    return html.escape(" ".join(str(value).split()), quote=True)


def _highlighted_quote(quote: Any, words: Any) -> str:
    """The quote as escaped HTML text, the figure's own words in bold (first occurrence)."""
    whole = " ".join(str(quote or "").split())
    words = " ".join(str(words or "").split())
    at = whole.find(words) if words else -1
    if at < 0:
        return html_text(whole)
    before, after = html.escape(whole[:at], quote=True), html.escape(whole[at + len(words):], quote=True)
    return before + "<strong>" + html_text(words) + "</strong>" + after  # (the spaces around the words kept)


def _link(url: Any) -> str:
    """An HTML link to a web address, or '' for anything else (javascript:, missing)."""
    if not isinstance(url, str) or not re.match(tables.WEB_URL, url):
        return ""
    href = html.escape(url_quote(url, safe=":/?#@!$&*+,;=%~-._"), quote=True)
    return f'<a href="{href}" rel="noopener noreferrer nofollow">open article</a>'


_CAPTION = "font-size: 0.875rem; opacity: 0.65; margin: 0"
_QUOTE = "margin: 0.5rem 0; padding-left: 0.75rem; border-left: 0.2rem solid rgba(128, 128, 128, 0.4)"


def provenance_card(claim: dict[str, Any]) -> str:
    """One claim's provenance as HTML: figure, what and where, source and date; the quote with the
    figure's words in bold; the article's title, publisher, date and link. Every piece of article
    text is escaped text: the only link is the article's own URL (http and https only)."""
    figure = tables.range_text(claim["value_low"], claim["value_best"], claim["value_high"], claim.get("unit"))
    what = tables.series_label(claim["metric"], claim.get("rate"), claim.get("category"), claim.get("party"))
    place = f" in {html_text(claim['location'])}" if isinstance(claim.get("location"), str) else ""
    head = (
        f"<strong>{html_text(figure)}</strong> {html_text(what)}{place}: "
        f"<strong>{html_text(claim.get('source') or 'unattributed')}</strong>, "
        f"as of {html_text(tables.format_date(claim.get('as_of')))} · qualifier {html_text(claim.get('qualifier'))}"
    )
    article = " · ".join(part for part in (
        f"<em>{html_text(claim['title'])}</em>" if isinstance(claim.get("title"), str) else "untitled article",
        html_text(claim["publisher"]) if isinstance(claim.get("publisher"), str) else "",
        f"published {html_text(tables.format_date(claim.get('published')))}",
        _link(claim.get("url")),
    ) if part)
    return (
        f'<div class="tally-provenance"><p style="margin: 0">{head}</p>'
        f'<blockquote style="{_QUOTE}">{_highlighted_quote(claim.get("quote"), claim.get("figure_words"))}'
        f'</blockquote><p style="{_CAPTION}">{article}</p></div>'
    )


def show_provenance(claims: pd.DataFrame, heading: str = "Where these figures come from") -> None:
    """Each claim with its quote (figure words in bold), article title, publisher, date, link."""
    if claims.empty:
        return
    st.subheader(heading)
    for claim in claims.head(PROVENANCE_MAX).to_dict("records"):
        with st.container(border=True):
            st.html(provenance_card(claim))
    if len(claims) > PROVENANCE_MAX:
        st.caption(f"Showing the first {PROVENANCE_MAX} of {len(claims)} selected figures.")


def pick_row(labels: Sequence[str], key: str) -> int | None:
    """A row picked from a plain list, for readers without a mouse (and for tests).

    Returns its position in `labels`, or None while nothing is picked.
    """
    if not len(labels):
        return None
    picked = st.selectbox(
        "Or pick a figure to see its words", range(len(labels)), index=None,
        format_func=lambda i: str(labels[i]), key=key, placeholder="choose a figure",
    )
    return picked

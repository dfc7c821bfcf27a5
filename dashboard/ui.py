"""Streamlit helpers shared by the dashboard pages: the warehouse, cached queries and figures,
the "as known on" control, empty states, downloads and the provenance panel.

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
from datetime import date
from typing import Any
from urllib.parse import quote as url_quote

import pandas as pd
import plotly.graph_objects as go
import streamlit as st

from dashboard import charts, data, tables

# Cached results are keyed by the warehouse file's modification stamp, so they are refreshed as
# soon as the ETL writes; the time limit only bounds how long an unused entry is kept.
CACHE_TTL_S = 3600
CACHE_ENTRIES = 256
EMPTY_WAREHOUSE_HINT = "Run `tally etl examples/` to load the example articles."
PROVENANCE_MAX = 20
# A table shows this many rows until the reader asks for all of them; the CSV has every row.
TABLE_PREVIEW_ROWS = data.TABLE_PREVIEW_ROWS
KNOWN_ON_KEY = "known_on"
LANGUAGE_KEY = "language"

# The query functions pages may run through `cached` (a fixed whitelist).
QUERIES: dict[str, Callable[..., Any]] = {
    "warehouse_facts": data.warehouse_facts,
    "series_subjects": data.series_subjects,
    "series_page": data.series_page,
    "series_figures": data.series_figures,
    "claims_by_id": data.claims_by_id,
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
        """Run the whitelisted query `name` on this warehouse, cached (see `cached`; the queries in
        SHARED through `cached_shared`)."""
        if name in SHARED:
            return cached_shared(name, self.path, self.stamp, *args)
        return cached(name, self.path, self.stamp, *args)

    def facts(self) -> data.WarehouseFacts:
        """The metrics, "as known on" bounds and languages every page's controls show (cached)."""
        return self.query("warehouse_facts")

    def overview_table(self, metrics: tuple[str, ...], known_on: date | None,
                       languages: tuple[str, ...]) -> pd.DataFrame:
        """The overview's table (`data.overview_table`), cached and shared (read it, never modify it)."""
        return cached_overview_table(self.path, self.stamp, metrics, known_on, languages)

    def disagreements(self, metric: str | None, window_days: int, max_rows: int, known_on: date | None,
                      languages: tuple[str, ...]) -> Disagreements:
        """The disagreements page's table and charts, cached and shared (read them, never modify them)."""
        return cached_disagreements(self.path, self.stamp, metric, window_days, max_rows, known_on, languages)

    def series_figure(self, key: data.SeriesKey, view: data.SeriesView, log_y: bool = False,
                      first: tuple[str | None, str | None] | None = None) -> go.Figure:
        """The figure of one subject's series page, cached like the queries behind it."""
        return cached_series_figure(self.path, self.stamp, key, view, log_y, first)


@st.cache_data(ttl=CACHE_TTL_S, max_entries=CACHE_ENTRIES, show_spinner=False)
def cached(name: str, db: str, stamp: float, *args: Any) -> Any:
    """QUERIES[name](db, *args), cached per database state (and per series, view and date)."""
    return QUERIES[name](db, *args)


# Results that are Python objects in every cell (series_subjects' lists of sources) or several frames
# with words (a series page) cost `st.cache_data` more to copy out (unpickle) on every view than
# anything else a reload does: they are kept once and shared, like the figures below. Nothing may
# modify them (pages and tables filter or copy into new frames).
SHARED = frozenset({"series_subjects", "series_page"})


@st.cache_resource(ttl=CACHE_TTL_S, max_entries=CACHE_ENTRIES, show_spinner=False)
def cached_shared(name: str, db: str, stamp: float, *args: Any) -> Any:
    """QUERIES[name](db, *args) for the queries in SHARED, cached per database state and shared."""
    return QUERIES[name](db, *args)


@st.cache_resource(ttl=CACHE_TTL_S, max_entries=64, show_spinner=False)
def cached_overview_table(db: str, stamp: float, metrics: tuple[str, ...], known_on: date | None,
                          languages: tuple[str, ...]) -> pd.DataFrame:
    """The overview's table (`data.overview_table`: the read model's rows, else the series list's)."""
    return data.overview_table(db, metrics, known_on, languages)


@dataclass(frozen=True)
class Disagreements:
    """What the disagreements page shows: the pairs, their table, and per unit its chart and pair count."""

    pairs: pd.DataFrame
    table: pd.DataFrame
    charts: tuple[tuple[str | None, go.Figure, int], ...]


@st.cache_resource(ttl=CACHE_TTL_S, max_entries=64, show_spinner=False)
def cached_disagreements(db: str, stamp: float, metric: str | None, window_days: int, max_rows: int,
                         known_on: date | None, languages: tuple[str, ...]) -> Disagreements:
    """`data.disagreements` with its table (`tables.disagreement_table`) and charts per unit."""
    pairs = cached("disagreements", db, stamp, metric, window_days, max_rows, known_on, languages)
    figures = tuple((unit, charts.disagreement_figure(rows), len(rows)) for unit, rows in charts.unit_groups(pairs))
    return Disagreements(pairs, tables.disagreement_table(pairs), figures)


# Building a figure costs more than the queries behind it, so figures are cached with the same
# key and shared rather than copied: every later view of the same series on the same warehouse
# reuses them. Nothing may modify a cached figure; `st.plotly_chart` only reads it.
@st.cache_resource(ttl=CACHE_TTL_S, max_entries=64, show_spinner=False)
def cached_series_figure(db: str, stamp: float, key: data.SeriesKey, view: data.SeriesView, log_y: bool,
                         first: tuple[str | None, str | None] | None) -> go.Figure:
    """`charts.series_figure` of the cached `data.series_page`."""
    page: data.SeriesPage = cached_shared("series_page", db, stamp, key, view)
    return charts.series_figure(series_chart(page, log_y, first))


def series_chart(page: data.SeriesPage, log_y: bool = False,
                 first: tuple[str | None, str | None] | None = None) -> charts.SeriesChart:
    """What `charts.series_figure` draws of a series page: its panels, sources and figures."""
    summary = page.summary
    in_view = summary[summary["in_view"] > 0] if not summary.empty else summary
    sums = page.dataset_sums
    sources = pd.concat([summary[["source_id", "source_name", "source_kind", "source_side"]],
                         sums.assign(source_kind="dataset", source_side=None)
                         [["source_id", "source_name", "source_kind", "source_side"]] if not sums.empty else None])
    return charts.SeriesChart(
        unit=page.key.unit,
        panels=charts.panels_of(zip(in_view["scope"], in_view["rate"]), first, not sums.empty),
        styles=charts.source_styles(sources),
        figures=page.figures, envelope=page.envelope, dataset_sums=sums, dataset_bin=page.dataset_bin,
        bin_label=page.bin_part or "", bin_days=page.bin_days, log_y=log_y, span=page.span,
    )


def open_warehouse() -> Warehouse:
    """The warehouse named by `--db` / TALLY_DB, or an empty state and `st.stop()`."""
    path = data.resolve_db_path(sys.argv[1:])
    if not data.database_exists(path):
        st.info(f"No database found at {md(path)} yet. {EMPTY_WAREHOUSE_HINT}")
        st.stop()
    warehouse = Warehouse(str(path), data.last_modified(path))
    with warehouse_errors(warehouse):
        if not warehouse.facts().metrics:
            st.info(f"The database has no claims yet. {EMPTY_WAREHOUSE_HINT}")
            st.stop()
    return warehouse


# A blank figure without traces, 10 px tall and transparent: what `plotly_ahead` shows.
_BLANK_FIGURE_LAYOUT = {
    "height": 10, "margin": {"l": 0, "r": 0, "t": 0, "b": 0, "pad": 0}, "xaxis": {"visible": False},
    "yaxis": {"visible": False}, "paper_bgcolor": "rgba(0,0,0,0)", "plot_bgcolor": "rgba(0,0,0,0)",
    "showlegend": False,
}
_PLOTLY_AHEAD_KEY = "_plotly_ahead_shown"


def plotly_ahead() -> Any:
    """A slot in the sidebar that holds a blank plotly chart on a session's first run of a page with
    charts, sent at once: the browser loads and evaluates plotly.js (4.6 MB, most of a first chart's
    time in the browser) while the server still computes the page, rather than after its chart arrives.
    Later runs find plotly loaded in the tab and leave the slot empty. The page empties it once its
    charts are out, and before it stops on an empty state (st.stop() sends nothing after it)."""
    slot = st.sidebar.empty()
    if not st.session_state.get(_PLOTLY_AHEAD_KEY):
        st.session_state[_PLOTLY_AHEAD_KEY] = True
        slot.plotly_chart(go.Figure(layout=_BLANK_FIGURE_LAYOUT), theme=None, config={"staticPlot": True},
                          key="plotly_ahead")
    return slot


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


def _iso_date(value: Any) -> date | None:
    try:
        return date.fromisoformat(str(value)) if value else None
    except ValueError:
        return None


def known_on_control(warehouse: Warehouse) -> date | None:
    """The sidebar's "as known on" date (None = everything stored).

    It is kept in the session (so it holds across pages) and in the URL (`?known_on=2022-06-01`, so a
    link shows the same day); a link's day wins over the session's. The date input is keyed by the
    day it shows, so a day from a link or another page always appears in it.
    """
    first, last = warehouse.facts().known_on_bounds
    state = st.session_state
    from_url = _iso_date(st.query_params.get(KNOWN_ON_KEY))
    if from_url is not None and state.get("_known_on_from_url") != from_url:
        state[KNOWN_ON_KEY] = from_url
    state["_known_on_from_url"] = from_url
    current = state.get(KNOWN_ON_KEY)
    if current is not None and first is not None and last is not None:
        current = min(max(current, first), last)
    picked = st.sidebar.date_input(
        "As known on", value=current, min_value=first, max_value=last, key=f"known_on_input_{current}",
        format="YYYY-MM-DD",
        help="Show only what was public that day: the figures of articles published on or before it "
             "(ingested on or before it when their publication date is unknown). Empty: everything stored.",
    )
    picked = picked if isinstance(picked, date) else None
    if picked != current:
        state[KNOWN_ON_KEY] = picked
    if picked is None:
        if KNOWN_ON_KEY in st.query_params:
            del st.query_params[KNOWN_ON_KEY]
    elif st.query_params.get(KNOWN_ON_KEY) != picked.isoformat():
        st.query_params[KNOWN_ON_KEY] = picked.isoformat()
    state["_known_on_from_url"] = picked
    return picked


def language_control(warehouse: Warehouse) -> tuple[str, ...]:
    """The sidebar's `language` filter (articles.language; none picked = every language), kept in the
    session and the URL (`?language=uk&language=ru`) like the "as known on" date. A curated dataset's
    records are in no language: they always count."""
    options = list(warehouse.facts().languages)
    state = st.session_state
    from_url = tuple(v for v in st.query_params.get_all(LANGUAGE_KEY) if v in options)
    if from_url and state.get("_language_from_url") != from_url:
        state[LANGUAGE_KEY] = from_url
    state["_language_from_url"] = from_url
    current = tuple(v for v in state.get(LANGUAGE_KEY, ()) if v in options)
    if len(options) < 2 and not current:
        return ()  # one language: nothing to filter
    picked = tuple(st.sidebar.multiselect(
        "language", options, default=list(current), key=f"language_input_{'-'.join(current)}",
        placeholder="every language",
        help="articles.language: only the figures of articles in these languages (and every curated dataset's).",
    ))
    state[LANGUAGE_KEY] = picked
    if tuple(st.query_params.get_all(LANGUAGE_KEY)) != picked:
        st.query_params[LANGUAGE_KEY] = list(picked)
    state["_language_from_url"] = picked
    return picked


def known_on_note(known_on: date | None, languages: Sequence[str] = ()) -> None:
    """A line saying the page shows what was known on a day, or articles in some languages, when it does."""
    parts = []
    if known_on is not None:
        parts.append(f"As known on {tables.format_date(known_on)}: only what was public that day.")
    if languages:
        parts.append(f"Articles in {', '.join(languages)} only (language), and curated datasets.")
    if parts:
        st.caption(" ".join(parts))


def download_csv(make_frame: pd.DataFrame | Callable[[], pd.DataFrame], file_name: str, key: str,
                 label: str = "Download CSV") -> None:
    """A CSV download of a frame, written when the button is clicked (a callable is run then too,
    so the page neither queries nor encodes all the rows before anyone asks for them)."""
    def csv() -> bytes:
        frame = make_frame() if callable(make_frame) else make_frame
        return frame.to_csv(index=False).encode("utf-8")

    if isinstance(make_frame, pd.DataFrame):
        label = f"{label} ({len(make_frame)} rows)"
    st.download_button(label, csv, file_name=file_name, mime="text/csv", on_click="ignore", key=key)


def selected_rows(event: Any) -> list[int]:
    """Row positions selected in a `st.dataframe(on_select=...)` event (none if unsupported)."""
    try:
        return list(event.selection.rows)
    except AttributeError:
        return []


def selected_point_ids(event: Any) -> list[str]:
    """The `customdata` ids of points selected in a `st.plotly_chart(on_select=...)` event."""
    try:
        points = event.selection.points
    except AttributeError:
        return []
    ids = [p.get("customdata") for p in points if isinstance(p, dict)]
    return [str(i[0] if isinstance(i, list) else i) for i in ids if i]


def html_text(value: object) -> str:
    """Data as inert HTML text: one line, every markup character escaped."""
    return html.escape(" ".join(str(value).split()), quote=True)


def highlighted_quote(quote: Any, words: Any) -> str:
    """The quote as escaped HTML text, the figure's own words in bold (first occurrence), the
    spaces around them kept as written ("says <strong>more than 500</strong> civilians")."""
    whole = " ".join(str(quote or "").split())
    words = " ".join(str(words or "").split())
    at = whole.find(words) if words else -1
    if at < 0:
        return html_text(whole)
    before, after = whole[:at], whole[at + len(words):]
    # html_text would strip the space that ends `before` and starts `after`: escape them as they are.
    return html.escape(before, quote=True) + "<strong>" + html_text(words) + "</strong>" + html.escape(after, quote=True)


def _link(url: Any) -> str:
    """An HTML link to a web address, or '' for anything else (javascript:, missing)."""
    if not isinstance(url, str) or not re.match(tables.WEB_URL, url):
        return ""
    href = html.escape(url_quote(url, safe=":/?#@!$&*+,;=%~-._"), quote=True)
    return f'<a href="{href}" rel="noopener noreferrer nofollow">open article</a>'


_CAPTION = "font-size: 0.875rem; opacity: 0.7; margin: 0"
_QUOTE = "margin: 0.5rem 0; padding-left: 0.75rem; border-left: 0.2rem solid rgba(128, 128, 128, 0.4)"
_FLAG = "background: rgba(255, 189, 69, 0.3); border-radius: 0.25rem; padding: 0 0.25rem"


def _published(claim: dict[str, Any]) -> str:
    text = f"published {html_text(tables.format_date(claim.get('published')))}"
    if claim.get("published_inferred") is True or claim.get("published_inferred") == 1:
        text += f' <span style="{_FLAG}">inferred from the text (published_inferred)</span>'
    return text


def provenance_card(claim: dict[str, Any]) -> str:
    """One claim's provenance as HTML: the figure as reported and its range; what it counts (with
    the column names: category, party, location, scope); its source as written and canonical; the
    quote with the figure's words in bold; the article's title, publisher, publication date
    (flagged when it was inferred from the text), language, a copy flag and the link. Every piece of
    article text is escaped text: the only link is the article's own URL (http and https only)."""
    unit = tables.text_or_none(claim.get("unit"))
    words = tables.reported(claim.get("value_low"), claim.get("value_best"), claim.get("value_high"),
                            claim.get("qualifier"), unit)
    span = tables.derived_range(claim.get("value_low"), claim.get("value_best"), claim.get("value_high"), unit)
    what = tables.subject_label(claim.get("metric"), claim.get("category"), claim.get("party"),
                                claim.get("location"), unit)
    scope = tables.scope_text(claim.get("scope"), claim.get("rate"))
    when = f"as_of {tables.format_date(claim.get('as_of'))}"
    if isinstance(claim.get("period_start"), (date, pd.Timestamp)) and not tables.missing(claim.get("period_start")):
        end = claim.get("period_end") if not tables.missing(claim.get("period_end")) else claim.get("as_of")
        when += f" (window {tables.format_date(claim['period_start'])} to {tables.format_date(end)})"
    written = tables.text_or_none(claim.get("source")) or "unattributed"
    canonical = tables.text_or_none(claim.get("source_name"))
    source = f"<strong>{html_text(canonical or written)}</strong>"
    if canonical and canonical != written:
        source += f" (as written: {html_text(written)})"
    about = " · ".join(html_text(v) for v in (claim.get("source_kind"), claim.get("source_side")) if tables.text_or_none(v))
    if about:
        source += f" <span style=\"{_CAPTION.replace('margin: 0', '')}\">{about}</span>"
    head = (
        f"<strong>{html_text(words)}</strong>" + ("" if span == words else f" ({html_text(span)})")
        + f" {html_text(what)}, {html_text(scope)}: {source}, {html_text(when)}"
        + f" · qualifier {html_text(claim.get('qualifier'))}"
    )
    article = " · ".join(part for part in (
        f"<em>{html_text(claim['title'])}</em>" if isinstance(claim.get("title"), str) else "untitled article",
        html_text(claim["publisher"]) if isinstance(claim.get("publisher"), str) else "",
        _published(claim),
        f"language {html_text(claim['language'])}" if isinstance(claim.get("language"), str) else "",
        "a republished copy" if claim.get("is_copy") is True else "",
        _link(claim.get("url")),
    ) if part)
    return (
        f'<div class="tally-provenance"><p style="margin: 0">{head}</p>'
        f'<blockquote style="{_QUOTE}">{highlighted_quote(claim.get("quote"), claim.get("figure_words"))}'
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


def pick_row(labels: Sequence[str], key: str, label: str = "Or pick a figure to see its words") -> int | None:
    """A row picked from a plain list, for readers without a mouse (and for tests).

    Returns its position in `labels`, or None while nothing is picked.
    """
    if not len(labels):
        return None
    return st.selectbox(
        label, range(len(labels)), index=None, format_func=lambda i: str(labels[i]), key=key,
        placeholder="choose one",
    )

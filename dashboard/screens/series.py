"""A series page: one subject (metric, category, party, location, unit) in every scope and rate,
one panel each on a shared time axis, one colour per canonical source; whether its running totals
add up to the counts reported in between; the figures and their words.

The subject is in the URL (`/series?metric=killed&category=civilian&location=Mariupol&unit=people`,
a column left out is NULL; `scope` and `rate` name the series the link was for, drawn first), so a
link can be shared.
"""
from __future__ import annotations

from typing import Any

import pandas as pd
import streamlit as st

from dashboard import charts, data, tables, ui

KEY_COLUMNS = data.SeriesKey.columns()
BIN_WORDS = {"day": "daily", "week": "weekly", "month": "monthly", "quarter": "quarterly", "year": "yearly"}
LEGEND = (
    "● and band: a stated figure and the range reported (band: the lowest low to the highest high of "
    "a source's figures of a day or bin). ◇ with a dotted range: a vague quantity (\"hundreds\"). ▲ with a "
    "fading stub: no upper bound stated (\"more than 500\"); ▼: no lower bound (\"up to 300\"); the stub "
    "is sized to the figure, not to the axis. Hatched bars: vague counts. Click a source in the legend "
    "to hide or show it; select a point to see its words."
)


def option_text(value: Any) -> str:
    return tables.NOT_STATED if value is None else str(value)


def of_key(frame: pd.DataFrame, key: data.SeriesKey) -> pd.Series:
    """Which rows of `frame` belong to `key` (a NULL column matches a None part)."""
    mask = pd.Series(True, index=frame.index)
    for column, value in key.params().items():
        mask &= frame[column].isna() if value is None else frame[column] == value
    return mask


def show_in_url(key: data.SeriesKey) -> None:
    """Put the subject in the URL (a column left out is NULL), dropping the linked series."""
    for column in (*KEY_COLUMNS, "scope", "rate"):
        if column in st.query_params:
            del st.query_params[column]
    for column, value in key.params().items():
        if value is not None:
            st.query_params[column] = value


def pick_subject(subjects: pd.DataFrame, wanted: data.SeriesKey | None) -> data.SeriesKey:
    """Sidebar pickers for the subject, one per key column (each narrowing the next), from
    `data.series_subjects` (the most figures first); the URL's subject preselected, else the one with
    the most figures."""
    subjects = subjects[list(KEY_COLUMNS)].astype(object)
    subjects = subjects.where(subjects.notna(), None)
    if wanted is not None and not of_key(subjects, wanted).any():
        if any(column in st.query_params for column in KEY_COLUMNS[1:]):
            st.sidebar.warning("The series in the link has no figures (as known on the chosen day): showing another.")
        of_metric = subjects[subjects["metric"] == wanted.metric]
        wanted = data.SeriesKey.from_mapping(of_metric.iloc[0].to_dict()) if not of_metric.empty else None
    url = "|".join(option_text(v) for v in (wanted.params().values() if wanted else ()))
    picked: dict[str, Any] = {}
    rows = subjects
    for column in KEY_COLUMNS:
        options = list(dict.fromkeys(rows[column]))  # most figures first
        preferred = getattr(wanted, column) if wanted else options[0]
        if preferred not in options:
            preferred = options[0]
        choice = st.sidebar.selectbox(
            column, options, index=options.index(preferred), format_func=option_text, key=f"pick_{column}_{url}",
            help=f"the claims column `{column}`" + (" (NULL: not stated)" if column != "metric" else ""),
        )
        picked[column] = choice
        rows = rows[rows[column].map(lambda v, c=choice: v == c)]
    return data.SeriesKey(**picked)


# A first view's reads (the controls, the subjects, the page) open the warehouse once.
with data.one_connection():
    warehouse = ui.open_warehouse()
    ahead = ui.plotly_ahead()
    with ui.warehouse_errors(warehouse):
        known_on = ui.known_on_control(warehouse)
        languages = ui.language_control(warehouse)
        subjects = warehouse.query("series_subjects", known_on, languages)
    if subjects.empty:
        ahead.empty()
        st.info("Nothing was public on that day. Clear the \"As known on\" date.")
        st.stop()

    wanted = data.SeriesKey.from_mapping(st.query_params)
    key = pick_subject(subjects, wanted)
    linked = (st.query_params.get("scope"), st.query_params.get("rate")) if key == wanted else (None, None)
    if key != wanted:
        show_in_url(key)

    of_subject = subjects[of_key(subjects, key)].iloc[0]
    first_as_of, last_as_of = of_subject["first_as_of"], of_subject["last_as_of"]
    sources = dict(zip(of_subject["source_ids"], of_subject["source_names"]))
    as_of_from = as_of_to = None
    if pd.notna(first_as_of) and pd.notna(last_as_of) and first_as_of < last_as_of:
        first, last = pd.Timestamp(first_as_of).date(), pd.Timestamp(last_as_of).date()
        picked = st.sidebar.date_input("as_of from / to", value=(first, last), min_value=first, max_value=last,
                                       key=f"as_of_{'|'.join(map(option_text, key.params().values()))}",
                                       help="The dates looked at; narrow them to see each figure.")
        if isinstance(picked, tuple) and len(picked) == 2 and tuple(picked) != (first, last):
            as_of_from, as_of_to = picked
    chosen_sources = st.sidebar.multiselect("source", list(sources), format_func=lambda s: str(sources.get(s, s)),
                                            key="series_sources", placeholder="every source",
                                            help="canonical sources (claims.source_id)")
    log_y = st.sidebar.toggle("Logarithmic scale", key="log_y", help="For figures of very different sizes.")
    view = data.SeriesView(as_of_from, as_of_to, tuple(s for s in chosen_sources if s), known_on, languages)

    with ui.warehouse_errors(warehouse):
        page: data.SeriesPage = warehouse.query("series_page", key, view)
with ui.warehouse_errors(warehouse):  # built from the page just read, after the connection is closed
    figure = warehouse.series_figure(key, view, log_y, linked if linked[0] else None)

st.title(tables.subject_label(key.metric, key.category, key.party, key.location, key.unit))
ui.known_on_note(known_on, languages)
summary = page.summary
per_series = summary.groupby([summary["scope"].fillna("unknown"), summary["rate"].fillna("")], sort=False)["figures"].sum()
st.caption(
    " · ".join(f"{tables.scope_text(s, r or None)}: {n} figure{'s' if n != 1 else ''}" for (s, r), n in per_series.items())
    + f" · {summary['source_id'].nunique()} source(s). "
    + (f"{page.in_view} figure{'s' if page.in_view != 1 else ''} in view, drawn one by one." if page.bin_part is None else
       f"{page.in_view} figures in view, drawn as {BIN_WORDS[page.bin_part]} envelopes (lowest low, median, highest "
       f"high of each source's figures per {page.bin_part}): narrow the dates to see each figure.")
)
if page.in_view == 0:
    ahead.empty()
    st.info("No figures in view. Widen the dates or clear the source filter.")
    st.stop()

event = st.plotly_chart(figure, key="series_chart", theme=None, on_select="rerun", selection_mode="points",
                        width="stretch")
ahead.empty()
picked_ids = ui.selected_point_ids(event)
st.caption(LEGEND)
undated = int(summary["undated"].sum())
if undated:
    st.caption(f"{undated} figure(s) without a date are listed in the table only.")

# --- do the dailies add up? ---------------------------------------------------------------------
if not page.checks.empty:
    st.subheader("Do the dailies add up?")
    st.caption(
        "Between two consecutive running totals (cumulative) from a source, the incident and period "
        "counts reported in between, summed per counting source (lows summed, highs summed; an open bound "
        "keeps the sum open), beside the change in the total. `adds up`: whether the change the two totals "
        "allow and the counts' range overlap. A count falls between totals dated d1 and d2 when its window "
        "starts on or after d1 and ends after d1, on or before d2; copies and repeats count once. Datasets' "
        "events at the place count in any category (shown)."
    )
    checks = tables.checks_table(page.checks, key.unit)
    st.dataframe(checks, hide_index=True, key="checks_table", column_order=tables.CHECK_SHOWN, column_config={
        "source": st.column_config.TextColumn("source", width=120, help="whose running totals"),
        "from": st.column_config.TextColumn("from", width=82),
        "to": st.column_config.TextColumn("to", width=82),
        "total then": st.column_config.TextColumn("total then", width=80),
        "total now": st.column_config.TextColumn("total now", width=80),
        "change": st.column_config.TextColumn("change", width=96, help="best change (the range the two totals allow)"),
        "counted by": st.column_config.TextColumn("counted by", width=150),
        "counts": st.column_config.NumberColumn("counts", width=56, help="incident and period figures in between"),
        "sum of counts": st.column_config.TextColumn("sum of counts", width=100,
                                                     help="bests summed (lows summed to highs summed)"),
        "adds up": st.column_config.TextColumn("adds up", width=100),
    })
    ui.download_csv(page.checks, "tally-total-checks.csv", key="checks_csv")
elif "cumulative" in set(summary["scope"]):
    st.caption("Do the dailies add up? That needs two running totals from one source and the incident or "
               "period counts (or a dataset's events) reported between them; there are not both in view.")

# --- the figures --------------------------------------------------------------------------------
st.subheader("Figures")
if page.figures is not None:
    figures = page.figures
elif page.latest is not None:
    figures = page.latest
else:
    with ui.warehouse_errors(warehouse):
        figures = warehouse.query("series_figures", key, view, ui.TABLE_PREVIEW_ROWS)
# Only the rows listed are formatted (the figures come the latest first, the table's own order).
listed = figures
if len(figures) > ui.TABLE_PREVIEW_ROWS and not st.toggle(f"List all {len(figures)} figures", key="figures_all"):
    listed = figures.head(ui.TABLE_PREVIEW_ROWS)
listed = tables.figures_table(listed)
if len(listed) < page.in_view:
    st.caption(f"The {len(listed)} latest of {page.in_view} figures in view; the CSV has them all.")
table_event = st.dataframe(
    listed, hide_index=True, key="figures_table", on_select="rerun", selection_mode="multi-row",
    column_order=tables.FIGURE_SHOWN,
    column_config={
        "as_of": st.column_config.DateColumn("as_of", width=84),
        "figure": st.column_config.TextColumn("figure", width=160, help="as reported (the derived range)"),
        "scope": st.column_config.TextColumn("scope", width=74),
        "rate": st.column_config.TextColumn("rate", width=60),
        "source_name": st.column_config.TextColumn("source_name", width=150, help="canonical source"),
        "quote": st.column_config.TextColumn("quote", width=220),
        "published": st.column_config.DateColumn("published", width=84),
        "language": st.column_config.TextColumn("language", width=64, help="articles.language"),
        "url": st.column_config.LinkColumn("url", display_text="open", width=52),
    },
)


def every_figure() -> pd.DataFrame:
    """All the figures in view, for the CSV (run when the button is clicked)."""
    return tables.figures_table(data.series_figures(warehouse.path, key, view, 10_000_000))


ui.download_csv(every_figure, f"tally-{key.metric}-series.csv", key="figures_csv",
                label=f"Download CSV ({page.in_view} figures in view)")

# --- provenance ---------------------------------------------------------------------------------
claim_ids: list[str] = []
for point_id in picked_ids:
    envelope = charts.parse_envelope_id(point_id)
    if envelope is None:
        claim_ids.append(point_id)
        continue
    in_bin = data.SeriesView(envelope["first_as_of"], envelope["last_as_of"],
                             (envelope["source_id"],) if envelope["source_id"] else (), known_on, languages)
    with ui.warehouse_errors(warehouse):
        found = warehouse.query("series_figures", key, in_bin, ui.PROVENANCE_MAX, envelope["scope"], envelope["rate"])
    claim_ids += found["claim_id"].tolist()
claim_ids += listed.iloc[ui.selected_rows(table_event)]["claim_id"].tolist()
if not claim_ids:
    labels = [f"{r['as_of'] and tables.format_date(r['as_of'])} · {r['source_name'] or r['source']} · "
              f"{tables.scope_text(r['scope'], r['rate'])} · {r['figure']}" for r in listed.to_dict("records")]
    picked = ui.pick_row(labels, key="figure_pick")
    claim_ids = [] if picked is None else [listed.iloc[picked]["claim_id"]]
if claim_ids:
    with ui.warehouse_errors(warehouse):
        ui.show_provenance(warehouse.query("claims_by_id", tuple(dict.fromkeys(claim_ids))))

"""Overview: every series with its latest figure per source; a row opens the series' page."""
from __future__ import annotations

import streamlit as st

from dashboard import tables, ui

SERIES_PAGE = "screens/series.py"

st.title("Series")
st.caption(
    "One row per series: what is counted (metric, category, party, location, unit) and how "
    "(scope, rate), the names of the warehouse's columns. `latest` is the most recent figure as it "
    "was reported, `range` the range the value conventions give it; `by source` the latest figure "
    "of each source. `figures` counts figures, not copies of a story. Select a row (or open its "
    "link) to see the series."
)
warehouse = ui.open_warehouse()
with ui.warehouse_errors(warehouse):
    known_on = ui.known_on_control(warehouse)
    metrics = warehouse.query("list_metrics")
    chosen = st.multiselect("metric", metrics, key="overview_metrics", placeholder="every metric")
    series = warehouse.query("series_list", tuple(chosen), known_on)
ui.known_on_note(known_on)

shown = tables.overview_table(series)
scopes = sorted({s for s in shown["scope"] if s})
picked_scopes = st.multiselect("scope", scopes, key="overview_scopes", placeholder="every scope")
if picked_scopes:
    shown = shown[shown["scope"].isin(picked_scopes)].reset_index(drop=True)
if shown.empty:
    st.info("No series for these filters. Clear a filter (or the \"As known on\" date).")
    st.stop()

event = st.dataframe(
    shown, hide_index=True, key="overview_table", on_select="rerun", selection_mode="single-row",
    column_order=[c for c in tables.OVERVIEW_COLUMNS],
    column_config={
        "series": st.column_config.LinkColumn("series", display_text="open", width=56,
                                              help="the series' page (a link to share)"),
        "metric": st.column_config.TextColumn("metric", width=80),
        "category": st.column_config.TextColumn("category", width=90),
        "party": st.column_config.TextColumn("party", width=90),
        "location": st.column_config.TextColumn("location", width=110),
        "unit": st.column_config.TextColumn("unit", width=56),
        "scope": st.column_config.TextColumn("scope", width=84),
        "rate": st.column_config.TextColumn("rate", width=70),
        "latest": st.column_config.TextColumn("latest", width=120, help="the latest figure, as reported"),
        "range": st.column_config.TextColumn("range", width=110, help="the range the value conventions derive"),
        "source": st.column_config.TextColumn("source", width=150, help="canonical source of the latest figure"),
        "as_of": st.column_config.TextColumn("as_of", width=90),
        "by source": st.column_config.TextColumn("by source", width=260,
                                                 help="the latest figure of each source, newest first"),
        "figures": st.column_config.NumberColumn("figures", width=64, help="distinct figures (figure_id)"),
        "sources": st.column_config.NumberColumn("sources", width=64, help="distinct canonical sources"),
        "first_as_of": st.column_config.TextColumn("first_as_of", width=90),
        "series_id": st.column_config.TextColumn("series_id", width=140, help="series.series_id in SQL"),
    },
)
ui.download_csv(shown.drop(columns=["series"]), "tally-series.csv", key="overview_csv")

rows = ui.selected_rows(event)
if not rows:
    labels = [
        f"{tables.subject_label(r['metric'], r['category'], r['party'], r['location'], r['unit'])}, "
        f"{tables.scope_text(r['scope'], r['rate'])}: {r['latest']}"
        for r in shown.to_dict("records")
    ]
    picked = ui.pick_row(labels, key="overview_pick", label="Or pick a series to open")
    rows = [] if picked is None else [picked]
if rows:
    row = shown.iloc[rows[0]]
    params = {c: row[c] for c in tables.SERIES_KEY_COLUMNS if row[c]}
    if known_on is not None:
        params[ui.KNOWN_ON_KEY] = known_on.isoformat()
    st.switch_page(SERIES_PAGE, query_params=params)

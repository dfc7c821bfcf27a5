"""Overview: every series with its latest figure per source; a row opens the series' page."""
from __future__ import annotations

import streamlit as st

from dashboard import data, tables, ui

SERIES_PAGE = "screens/series.py"

st.title("Series")
st.caption(
    "Every series, one row per source: what is counted (metric, category, party, location, unit) and "
    "how (scope, rate), under the names of the warehouse's columns; the source's latest figure as it "
    "was reported (with the range the value conventions derive from it) and its as_of. `figures` "
    "counts figures (figure_id), never copies of a story. Select a row to open the series' page; the "
    "CSV has the unit, the values, each series' sources and page link and its series_id too."
)
with data.one_connection():  # a first view's reads (the controls, the table) open the warehouse once
    warehouse = ui.open_warehouse()
    with ui.warehouse_errors(warehouse):
        known_on = ui.known_on_control(warehouse)
        languages = ui.language_control(warehouse)
        metrics = list(warehouse.facts().metrics)
        chosen = st.multiselect("metric", metrics, key="overview_metrics", placeholder="every metric")
        shown = warehouse.overview_table(tuple(chosen), known_on, languages)
ui.known_on_note(known_on, languages)

scopes = sorted({s for s in shown["scope"] if s})
picked_scopes = st.multiselect("scope", scopes, key="overview_scopes", placeholder="every scope")
if picked_scopes:
    shown = shown[shown["scope"].isin(picked_scopes)].reset_index(drop=True)
if shown.empty:
    st.info("No series for these filters. Clear a filter (or the \"As known on\" date).")
    st.stop()

event = st.dataframe(
    shown, hide_index=True, key="overview_table", on_select="rerun", selection_mode="single-row", height=560,
    column_order=tables.OVERVIEW_SHOWN,
    column_config={
        "metric": st.column_config.TextColumn("metric", width=74),
        "category": st.column_config.TextColumn("category", width=84),
        "party": st.column_config.TextColumn("party", width=88),
        "location": st.column_config.TextColumn("location", width=88),
        "scope": st.column_config.TextColumn("scope", width=80),
        "rate": st.column_config.TextColumn("rate", width=60),
        "source": st.column_config.TextColumn("source", width=150, help="canonical source (sources.name)"),
        "latest": st.column_config.TextColumn("latest", width=180,
                                              help="the source's latest figure as reported (the derived range)"),
        "as_of": st.column_config.TextColumn("as_of", width=84),
        "figures": st.column_config.NumberColumn("figures", width=56,
                                                 help="the source's figures in the series (figure_id: copies once)"),
    },
)
ui.download_csv(shown, "tally-series.csv", key="overview_csv")

rows = ui.selected_rows(event)
if not rows:
    labels = [
        f"{tables.subject_label(r['metric'], r['category'], r['party'], r['location'], r['unit'])}, "
        f"{tables.scope_text(r['scope'], r['rate'])}: {r['source']} {r['latest']}"
        for r in shown.to_dict("records")
    ]
    picked = ui.pick_row(labels, key="overview_pick", label="Or pick a series to open")
    rows = [] if picked is None else [picked]
if rows:
    row = shown.iloc[rows[0]]
    params = {c: row[c] for c in tables.SERIES_KEY_COLUMNS if row[c]}
    if known_on is not None:
        params[ui.KNOWN_ON_KEY] = known_on.isoformat()
    if languages:
        params[ui.LANGUAGE_KEY] = list(languages)
    st.switch_page(SERIES_PAGE, query_params=params)

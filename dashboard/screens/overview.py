"""Overview: the latest figure of every series, as a range with its source and date."""
from __future__ import annotations

import streamlit as st

from dashboard import tables, ui

st.title("Latest figures")
st.caption(
    "One row per series (metric, population, party, place; rates and totals apart): the "
    "latest reported figure as the range the report allows, who said it and for when, and "
    "how many reports and sources stand behind the series. Select a row to see its words."
)
warehouse = ui.open_warehouse()
with ui.warehouse_errors(warehouse):
    metrics = warehouse.query("list_metrics")
    chosen = st.multiselect("Metrics", metrics, key="overview_metrics", placeholder="all metrics")
    latest = warehouse.query("latest_figures", tuple(chosen))

shown = tables.overview_table(latest)
if shown.empty:
    st.info("No figures for these metrics. Clear the metric filter.")
    st.stop()

event = st.dataframe(
    shown, hide_index=True, key="overview_table", on_select="rerun", selection_mode="multi-row",
    column_order=[c for c in tables.OVERVIEW_COLUMNS if c not in ("metric", "claim_id")],
    column_config={
        "quote": st.column_config.TextColumn("quote", width="large"),
        "reports": st.column_config.NumberColumn("reports", help="claims in this series"),
        "sources": st.column_config.NumberColumn("sources", help="distinct sources in this series"),
        "since": st.column_config.TextColumn("since", help="first date in this series"),
    },
)
ui.download_csv(shown, "tally-latest-figures.csv", key="overview_csv")

rows = ui.selected_rows(event)
if not rows:
    labels = [
        f"{figure}: {latest}, {source}, {as_of}"
        for figure, latest, source, as_of in zip(shown["figure"], shown["latest"], shown["source"], shown["as of"])
    ]
    picked = ui.pick_row(labels, key="overview_pick")
    rows = [] if picked is None else [picked]
claim_ids = shown.iloc[rows]["claim_id"].tolist()
if claim_ids:
    with ui.warehouse_errors(warehouse):
        ui.show_provenance(warehouse.query("claims_by_id", tuple(claim_ids)))

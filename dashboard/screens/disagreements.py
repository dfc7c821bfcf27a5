"""Disagreements: the same series reported by different sources with ranges that do not overlap."""
from __future__ import annotations

import streamlit as st

from dashboard import charts, data, tables, ui

ALL_METRICS = "every metric"
MAX_ROWS = 500

st.title("Disagreements")
st.caption(
    "Pairs of figures of the same series (metric, category, party, location, unit, scope and rate) "
    "from different canonical sources, dated at most the chosen number of days apart (incidents and "
    "period counts: the same day), whose ranges do not overlap. An open bound overlaps everything on its open side: \"more than 500\" never "
    "disagrees with \"2,000\". Per source and day the strongest figures stand for their repeats and "
    "copies. Select a row to see both sets of words; the CSV has the quotes and each series' page link."
)
with data.one_connection():  # a first view's reads (the controls, the pairs) open the warehouse once
    warehouse = ui.open_warehouse()
    ahead = ui.plotly_ahead()
    with ui.warehouse_errors(warehouse):
        known_on = ui.known_on_control(warehouse)
        languages = ui.language_control(warehouse)
        metrics = list(warehouse.facts().metrics)
        choice = st.sidebar.selectbox("metric", [ALL_METRICS, *metrics], key="disagreement_metric")
        window = st.sidebar.slider(
            "Days apart at most", min_value=0, max_value=data.DISAGREEMENT_WINDOW_MAX, value=7,
            key="disagreement_window",
            help="How far apart the two figures' as_of dates may be to count as the same period.",
        )
        metric = None if choice == ALL_METRICS else choice
        found = warehouse.disagreements(metric, window, MAX_ROWS, known_on, languages)
ui.known_on_note(known_on, languages)

shown = found.table
if shown.empty:
    ahead.empty()
    st.info(
        "No disagreements: no two sources report non-overlapping ranges for the same series "
        "within these dates. Widen the number of days or choose another metric."
    )
    st.stop()

if len(shown) == MAX_ROWS:
    st.caption(f"Showing the {MAX_ROWS} strongest disagreements.")
for unit, figure, pair_count in found.charts:
    if len(found.charts) > 1:
        st.subheader(ui.md(unit or "people"))
    st.plotly_chart(figure, key=f"disagreement_chart_{unit}", theme=None, width="stretch")
    if pair_count > charts.DISAGREEMENT_PAIRS_SHOWN:
        st.caption(f"The {charts.DISAGREEMENT_PAIRS_SHOWN} strongest of {pair_count} pairs; "
                   "the table lists them all.")
ahead.empty()
event = st.dataframe(
    shown, hide_index=True, key="disagreement_table", on_select="rerun", selection_mode="multi-row",
    column_order=tables.DISAGREEMENT_SHOWN,
    column_config={
        "metric": st.column_config.TextColumn("metric", width=64),
        "category": st.column_config.TextColumn("category", width=80),
        "party": st.column_config.TextColumn("party", width=80),
        "location": st.column_config.TextColumn("location", width=88),
        "scope": st.column_config.TextColumn("scope", width=70),
        "lower source": st.column_config.TextColumn("lower source", width=125),
        "lower figure": st.column_config.TextColumn("lower figure", width=150, help="as reported, and its as_of"),
        "higher source": st.column_config.TextColumn("higher source", width=125),
        "higher figure": st.column_config.TextColumn("higher figure", width=150, help="as reported, and its as_of"),
    },
)
ui.download_csv(shown, "tally-disagreements.csv", key="disagreement_csv")

rows = ui.selected_rows(event)
if not rows:
    labels = [
        f"{tables.subject_label(r['metric'], r['category'], r['party'], r['location'], r['unit'])}: "
        f"{r['lower source']} {r['lower figure']} vs {r['higher source']} {r['higher figure']}"
        for r in shown.to_dict("records")
    ]
    picked = ui.pick_row(labels, key="disagreement_pick")
    rows = [] if picked is None else [picked]
claim_ids = [i for _, r in shown.iloc[rows].iterrows() for i in (r["lower_claim_id"], r["higher_claim_id"])]
if claim_ids:
    with ui.warehouse_errors(warehouse):
        ui.show_provenance(warehouse.query("claims_by_id", tuple(claim_ids)), "The words on both sides")

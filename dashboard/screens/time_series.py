"""Time series: one metric over `as_of`, best reading as a line, the allowed range as a band,
one colour per source; rates, totals and currencies on separate charts."""
from __future__ import annotations

import streamlit as st

from dashboard import data, tables, ui

FILTER_LABELS = {"category": "Population", "party": "Party", "location": "Place", "source": "Source"}
LEGEND = (
    "Line and dots: best reading per source (one colour per source); band and whiskers: the "
    "range the report allows. ▲ with a stub fading upwards = no upper bound stated (\"more "
    "than 500\"); ▼ with a stub fading downwards = no lower bound (\"up to 300\"). Click a point "
    "or select table rows to see the words a figure was read from."
)


def sidebar_filters(warehouse: ui.Warehouse, metric: str) -> data.ClaimFilters:
    """One multiselect per filterable column and a date range; keys are per metric."""
    options = warehouse.query("filter_options", metric)
    chosen = {
        column: tuple(st.sidebar.multiselect(
            FILTER_LABELS[column], options.get(column, []), key=f"filter_{metric}_{column}",
            placeholder="any",
        ))
        for column in data.ClaimFilters.columns()
    }
    first, last = warehouse.query("date_bounds", metric)
    as_of_from = as_of_to = None
    if first is not None and last is not None and first < last:
        picked = st.sidebar.date_input(
            "As of", value=(first, last), min_value=first, max_value=last, key=f"dates_{metric}",
        )
        if isinstance(picked, tuple) and len(picked) == 2 and tuple(picked) != (first, last):
            as_of_from, as_of_to = picked
    return data.ClaimFilters(**chosen, as_of_from=as_of_from, as_of_to=as_of_to)


def default_metric(metrics: list[str]) -> int:
    """The metric in the URL (?metric=killed), else `killed`, else the first."""
    wanted = st.query_params.get("metric")
    for name in (wanted, "killed"):
        if name in metrics:
            return metrics.index(name)
    return 0


warehouse = ui.open_warehouse()
with ui.warehouse_errors(warehouse):
    metrics = warehouse.query("list_metrics")
    metric = st.sidebar.selectbox("Metric", metrics, index=default_metric(metrics), key="metric")
    st.query_params["metric"] = metric
    filters = sidebar_filters(warehouse, metric)
    log_y = st.sidebar.toggle("Logarithmic scale", key="log_y",
                              help="For figures of very different sizes on one chart.")
    claims = warehouse.query("claims_for_metric", metric, filters)
    chart_list = warehouse.time_series_charts(metric, filters, log_y)

st.title(f"{ui.md(metric)} over time")
if claims.empty:
    st.info(f"No {ui.md(metric)} claims match these filters. Clear a filter in the sidebar.")
    st.stop()

picked_on_chart: list[str] = []
for chart in chart_list:
    group = chart.group
    st.subheader(f"{ui.md(metric)}: {ui.md(group.label)}")
    event = st.plotly_chart(
        chart.figure, key=f"chart_{group.unit}_{group.rate}", theme=None,  # see charts.TIME_SERIES_TEMPLATE
        on_select="rerun", selection_mode="points", width="stretch",
    )
    picked_on_chart += ui.selected_claim_ids(event)
    if chart.undated:
        st.caption(f"{chart.undated} claim(s) without a date are listed in the table only.")
st.caption(LEGEND)

shown = tables.claims_table(claims)
st.subheader(f"Claims ({len(shown)})")
listed = shown
if len(shown) > ui.TABLE_PREVIEW_ROWS:
    if not st.toggle(f"List all {len(shown)} claims", key="claims_all"):
        listed = shown.head(ui.TABLE_PREVIEW_ROWS)
        st.caption(f"The {ui.TABLE_PREVIEW_ROWS} latest of {len(shown)} claims. Switch on \"List all\", "
                   f"download the CSV (all {len(shown)} rows) or pick any figure below.")
table_event = st.dataframe(
    listed, hide_index=True, key="claims_table", on_select="rerun", selection_mode="multi-row",
    column_config={
        "url": st.column_config.LinkColumn("url"),
        "quote": st.column_config.TextColumn("quote", width="large"),
        "figure_words": st.column_config.TextColumn("figure words"),
        "as_of": st.column_config.DateColumn("as of"),
        "published": st.column_config.DateColumn("published"),
        "period_start": st.column_config.DateColumn("period start"),
    },
)
ui.download_csv(shown, f"tally-{metric}.csv", key="download_csv")

selected = picked_on_chart + listed.iloc[ui.selected_rows(table_event)]["claim_id"].tolist()
if not selected:
    labels = [
        f"{tables.format_date(d)} · {s} · {tables.range_text(lo, b, hi, u)}"
        for d, s, lo, b, hi, u in zip(shown["as_of"], shown["source"], shown["value_low"],
                                      shown["value_best"], shown["value_high"], shown["unit"])
    ]
    picked = ui.pick_row(labels, key="claim_pick")
    selected = [] if picked is None else [shown.iloc[picked]["claim_id"]]
ids = list(dict.fromkeys(selected))
ui.show_provenance(claims.set_index("claim_id", drop=False).loc[ids].reset_index(drop=True))

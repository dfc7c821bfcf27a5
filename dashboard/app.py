"""Tally dashboard: reported figures over time, with uncertainty and sources.

Run with `tally dashboard [--db FILE]` or `streamlit run dashboard/app.py -- --db FILE`
(else env TALLY_DB, else warehouse/tally.duckdb). This entry script only sets up the
page and the navigation; each page in `dashboard/screens/` (not `pages/`, which Streamlit would
also read as an old-style page folder) wires widgets to `dashboard.data` (queries, through
`dashboard.ui`'s cache), `dashboard.tables` and `dashboard.charts`, and never keeps a database
connection open.
"""
from __future__ import annotations

import streamlit as st

PAGES = [
    st.Page("screens/overview.py", title="Series", icon=":material/table_rows:", default=True),
    st.Page("screens/series.py", title="Series page", icon=":material/show_chart:", url_path="series"),
    st.Page("screens/disagreements.py", title="Disagreements", icon=":material/compare_arrows:"),
]

st.set_page_config(page_title="Tally", layout="wide")
page = st.navigation(PAGES)
st.sidebar.caption("Tally: reported conflict figures from news articles, each traceable to its words.")
page.run()

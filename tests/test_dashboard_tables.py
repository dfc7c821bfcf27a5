"""dashboard.tables: ranges in words, series labels, and the overview / disagreement tables."""
from __future__ import annotations

import pandas as pd
import pytest

from dashboard import tables


@pytest.mark.parametrize(("low", "best", "high", "unit", "text"), [
    (100, 150, 200, "people", "100-200"),
    (12, 12, 12, "people", "12"),
    (500, 500, None, "people", "500 or more"),
    (None, 300, 300, "people", "up to 300"),
    (None, 7, None, "people", "7 (no bounds)"),
    (4.14e9, 4.6e9, 5.06e9, "USD", "4.14bn-5.06bn USD"),
    (1.2e6, 1.2e6, 1.2e6, "people", "1.2m"),
    (22.5, 25, 27.5, "count", "22.5-27.5"),
])
def test_range_text(low: float | None, best: float, high: float | None, unit: str, text: str) -> None:
    assert tables.range_text(low, best, high, unit) == text


def test_series_label_and_dates() -> None:
    assert tables.series_label("killed", "per_day", "military", "Ukraine") == "killed per day (military, Ukraine)"
    assert tables.series_label("aid", None, "unspecified", None) == "aid"
    assert tables.format_date(pd.Timestamp("2022-06-15")) == "15 Jun 2022"
    assert tables.format_date(None) == "undated"


def test_claims_table_keeps_only_web_links() -> None:
    claims = pd.DataFrame({"url": ["https://example.org/a", "javascript:alert(1)", None],
                           "quote": ["a", "b", "c"], "extra": [1, 2, 3]})
    shown = tables.claims_table(claims)
    assert list(shown.columns) == ["quote", "url"]
    assert shown["url"].tolist()[0] == "https://example.org/a"
    assert shown["url"].isna().tolist() == [False, True, True]


def test_claims_table_lists_the_newest_first_and_undated_last() -> None:
    claims = pd.DataFrame({
        "as_of": [pd.Timestamp("2022-06-01"), pd.Timestamp("2022-06-03"), pd.NaT, pd.Timestamp("2022-06-03")],
        "claim_id": ["old", "new-a", "undated", "new-b"],
    })
    assert tables.claims_table(claims)["claim_id"].tolist() == ["new-a", "new-b", "old", "undated"]


def test_overview_table() -> None:
    latest = pd.DataFrame([{
        "metric": "killed", "category": "military", "party": "Ukraine", "location": None,
        "unit": "people", "rate": "per_day", "value_low": 100.0, "value_best": 150.0,
        "value_high": 200.0, "qualifier": "range", "as_of": pd.Timestamp("2022-06-15"),
        "source": "Kyiv", "quote": "q", "reports": 3, "sources": 2,
        "first_as_of": pd.Timestamp("2022-06-01"), "claim_id": "c1",
    }])
    (row,) = tables.overview_table(latest).to_dict("records")
    assert row["figure"] == "killed per day (military, Ukraine)"
    assert (row["latest"], row["source"], row["as of"]) == ("100-200", "Kyiv", "15 Jun 2022")
    assert (row["reports"], row["sources"], row["since"], row["place"]) == (3, 2, "1 Jun 2022", "")
    assert list(tables.overview_table(latest.iloc[0:0]).columns) == list(tables.OVERVIEW_COLUMNS)

"""dashboard.tables: figures as reported and their derived ranges, labels with the warehouse's
column names, and the overview, figures and running-total check tables."""
from __future__ import annotations

import pandas as pd
import pytest

from dashboard import tables


@pytest.mark.parametrize(("low", "best", "high", "qualifier", "unit", "words"), [
    (500, 500, 500, "exact", "people", "500"),
    (100, 150, 200, "range", "people", "100 to 200"),
    (4, 4, None, "at_least", "people", "at least 4"),
    (500, 500, None, "more_than", "people", "more than 500"),
    (None, 300, 300, "at_most", "people", "up to 300"),
    (4.14e9, 4.6e9, 5.06e9, "approximate", "USD", "about $4.6bn"),
    (1170, 1300, 1300, "approximate", "people", "nearly 1,300"),
    (200, 200, 999, "vague", "people", "hundreds"),
    (24, 24, 99, "vague", "people", "dozens"),
    (20000, 20000, 99999, "vague", "people", "tens of thousands"),
    (210, 210, 1100, "vague", "people", "vague, 210 to 1,100"),  # no such vague quantity
    (1e9, 1e9, 1e9, "exact", "GBP", "£1bn"),
    (5e8, 5e8, 5e8, "exact", "EUR", "€500m"),
    (1e9, 1e9, 1e9, "exact", "CHF", "1bn CHF"),
    (2.5, 2.5, 2.5, "exact", "count", "2.5"),
])
def test_figures_as_reported(low: float | None, best: float, high: float | None, qualifier: str, unit: str,
                             words: str) -> None:
    assert tables.reported(low, best, high, qualifier, unit) == words


@pytest.mark.parametrize(("low", "best", "high", "unit", "span"), [
    (100, 150, 200, "people", "100–200"),
    (12, 12, 12, "people", "12"),
    (500, 500, None, "people", "≥500"),
    (None, 300, 300, "people", "≤300"),
    (None, 7, None, "people", "7 (no bounds)"),
    (4.14e9, 4.6e9, 5.06e9, "USD", "$4.14bn–$5.06bn"),
    (1.2e6, 1.2e6, 1.2e6, "people", "1.2m"),
    (22.5, 25, 27.5, "count", "22.5–27.5"),
])
def test_derived_ranges(low: float | None, best: float, high: float | None, unit: str, span: str) -> None:
    assert tables.derived_range(low, best, high, unit) == span


def test_figure_text_adds_the_range_when_it_says_more() -> None:
    def text(low: float | None, best: float, high: float | None, qualifier: str, unit: str = "people") -> str:
        return tables.figure_text({"value_low": low, "value_best": best, "value_high": high, "qualifier": qualifier,
                                   "unit": unit})
    assert text(500, 500, None, "more_than") == "more than 500 (≥500)"
    assert text(4.14e9, 4.6e9, 5.06e9, "approximate", "USD") == "about $4.6bn ($4.14bn–$5.06bn)"
    assert text(200, 200, 999, "vague") == "hundreds (200–999)"
    assert text(100, 150, 200, "range") == "100 to 200"
    assert text(12, 12, 12, "exact") == "12"


def test_labels_use_the_column_names() -> None:
    assert tables.subject_label("killed", "civilian", None, "Mariupol", "people") == (
        "killed · category civilian · location Mariupol")
    assert tables.subject_label("aid", "military", "United States", None, "USD") == (
        "aid · category military · party United States · unit USD")
    assert tables.scope_text("rate", "per_day") == "rate per day"
    assert tables.scope_text(None) == "unknown scope"
    assert tables.format_date(pd.Timestamp("2022-06-15")) == "15 Jun 2022" and tables.format_date(None) == "undated"


def test_series_path_names_exactly_one_series() -> None:
    row = {"metric": "killed", "category": "civilian", "party": None, "location": "Kryvyi Rih", "unit": "people",
           "scope": "cumulative", "rate": float("nan")}
    assert tables.series_path(row) == (
        "/series?metric=killed&category=civilian&location=Kryvyi+Rih&unit=people&scope=cumulative")


def test_overview_table_one_row_per_series_and_source() -> None:
    series = pd.DataFrame([{
        "series_id": "s1", "metric": "killed", "category": "military", "party": "Ukraine", "location": None,
        "unit": "people", "scope": "rate", "rate": "per_day", "figures": 3, "sources": 2,
        "first_as_of": pd.Timestamp("2022-06-01"), "last_as_of": pd.Timestamp("2022-06-15"),
        "latest_by_source": [
            {"source_id": "kyiv", "name": "Government of Ukraine", "kind": "government", "side": "Ukraine",
             "figures": 2, "latest": {"as_of": pd.Timestamp("2022-06-15"), "low": None, "best": 300.0,
                                      "high": 300.0, "qualifier": "at_most", "claim_id": "c2"}},
            {"source_id": "moscow", "name": "Government of Russia", "kind": "government", "side": "Russia",
             "figures": 1, "latest": {"as_of": pd.Timestamp("2022-06-14"), "low": 500.0, "best": 750.0,
                                      "high": 1000.0, "qualifier": "range", "claim_id": "c3"}},
        ],
    }])
    shown = tables.overview_table(series)
    assert list(shown.columns) == list(tables.OVERVIEW_COLUMNS)
    assert shown[["source", "latest", "as_of", "figures", "sources"]].values.tolist() == [
        ["Government of Ukraine", "up to 300 (≤300)", "2022-06-15", 2, 2],
        ["Government of Russia", "500 to 1,000", "2022-06-14", 1, 2],
    ]
    assert set(shown["series"]) == {"/series?metric=killed&category=military&party=Ukraine&unit=people&scope=rate"
                                    "&rate=per_day"}
    assert set(tables.OVERVIEW_SHOWN) <= set(shown.columns)
    assert list(tables.overview_table(series.iloc[0:0]).columns) == list(tables.OVERVIEW_COLUMNS)


def test_figures_table_newest_first_with_only_web_links() -> None:
    figures = pd.DataFrame({
        "as_of": [pd.Timestamp("2022-06-01"), pd.Timestamp("2022-06-03"), pd.NaT],
        "value_low": [1.0, 2.0, 3.0], "value_best": [1.0, 2.0, 3.0], "value_high": [1.0, None, 3.0],
        "qualifier": ["exact", "more_than", "exact"], "unit": ["people"] * 3,
        "url": ["https://example.org/a", "javascript:alert(1)", None], "claim_id": ["old", "new", "undated"],
    })
    shown = tables.figures_table(figures)
    assert shown["claim_id"].tolist() == ["new", "old", "undated"]
    assert shown["figure"].tolist() == ["more than 2 (≥2)", "1", "3"]
    assert shown["url"].isna().tolist() == [True, False, True]


def test_checks_table_reads_the_macro_rows() -> None:
    checks = pd.DataFrame([{
        "source_id": "gov", "source_name": "Governor", "from_as_of": pd.Timestamp("2022-06-06"),
        "to_as_of": pd.Timestamp("2022-06-10"), "from_qualifier": "more_than", "from_low": 212.0, "from_best": 212.0,
        "from_high": None, "to_qualifier": "exact", "to_low": 229.0, "to_best": 229.0, "to_high": 229.0,
        "change_best": 17.0, "change_low": None, "change_high": 17.0, "counting_source_id": "ds",
        "counting_source_name": "Events", "counting_source_kind": "dataset", "counting_category": "unspecified",
        "counted_by_same_source": False, "counts": 3, "incidents": 3, "periods": 0, "sum_low": 12.0,
        "sum_best": 12.5, "sum_high": None, "difference_best": -4.5, "adds_up": "yes",
    }])
    (row,) = tables.checks_table(checks, "people").to_dict("records")
    assert (row["total then"], row["total now"], row["change"]) == ("more than 212", "229", "+17 (≤17)")
    assert row["counted by"] == "Events (dataset; category unspecified)"
    assert (row["sum of counts"], row["adds up"], row["difference"]) == ("12.5 (≥12)", "yes", "-4.5")

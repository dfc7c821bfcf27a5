"""Pure table builders: query results in, the DataFrames the pages show out.

Text stays text: these functions never produce markup (Streamlit's dataframe shows
cells literally). Numbers are formatted as ranges with words for open bounds.
"""
from __future__ import annotations

import math
from typing import Any

import pandas as pd

from dashboard.charts import RATE_LABELS, format_number

# The claims table: what is shown, in order (the CSV download has the same columns).
CLAIM_TABLE_COLUMNS: tuple[str, ...] = (
    "as_of", "value_best", "value_low", "value_high", "qualifier", "unit", "rate",
    "category", "party", "location", "source", "quote", "figure_words",
    "title", "publisher", "published", "url", "period_start", "article_id", "claim_id",
)
WEB_URL = r"^https?://"


def _missing(value: Any) -> bool:
    return value is None or value is pd.NaT or (isinstance(value, float) and math.isnan(value))


def format_date(value: Any) -> str:
    """'15 Jun 2022'; 'undated' for a missing date."""
    return "undated" if _missing(value) else pd.Timestamp(value).strftime("%-d %b %Y")


def compact_number(value: float) -> str:
    """A number as a wire story writes it: '4.6bn', '6.39m', '12,500', '22.5'."""
    for scale, word in ((1e9, "bn"), (1e6, "m")):
        if abs(value) >= scale:
            return f"{value / scale:,.2f}".rstrip("0").rstrip(".") + word
    return format_number(value)


def range_text(low: Any, best: Any, high: Any, unit: str | None = None) -> str:
    """A figure as an analyst writes it: '100-200', '500 or more', 'up to 300', '4.6bn USD'."""
    low, high = (None if _missing(low) else float(low)), (None if _missing(high) else float(high))
    best = None if _missing(best) else float(best)
    suffix = f" {unit}" if unit and unit not in ("people", "count") else ""
    num = compact_number
    if low is None and high is None:
        return "unknown" if best is None else f"{num(best)}{suffix} (no bounds)"
    if high is None:
        return f"{num(low)} or more{suffix}"
    if low is None:
        return f"up to {num(high)}{suffix}"
    if low == high:
        return f"{num(low)}{suffix}"
    return f"{num(low)}-{num(high)}{suffix}"


def series_label(metric: Any, rate: Any = None, category: Any = None, party: Any = None) -> str:
    """What a series counts: 'killed per day (military, Ukraine)', 'aid (humanitarian)'."""
    head = str(metric)
    if not _missing(rate):
        head += f" {RATE_LABELS.get(str(rate), str(rate))}"
    who = [str(v) for v in (category, party) if not _missing(v) and str(v) != "unspecified"]
    return f"{head} ({', '.join(who)})" if who else head


def safe_urls(urls: pd.Series) -> pd.Series:
    """Only web addresses stay (to become links): a `javascript:` URL becomes missing."""
    is_web = urls.astype("string").str.match(WEB_URL, na=False)
    return urls.where(is_web, None)


def claims_table(claims: pd.DataFrame) -> pd.DataFrame:
    """The claims behind a chart, in CLAIM_TABLE_COLUMNS order, with only web URLs kept.

    Newest first (claims without a date last), otherwise in the order given, so that
    the first rows of a long table are the latest figures.
    """
    shown = claims[[c for c in CLAIM_TABLE_COLUMNS if c in claims.columns]].copy()
    if "url" in shown:
        shown["url"] = safe_urls(shown["url"])
    if "as_of" in shown:
        shown = shown.sort_values("as_of", ascending=False, na_position="last", kind="stable")
    return shown.reset_index(drop=True)


OVERVIEW_COLUMNS: tuple[str, ...] = (
    "figure", "place", "latest", "source", "as of", "reports", "sources", "since",
    "qualifier", "quote", "metric", "claim_id",
)


def overview_table(latest: pd.DataFrame) -> pd.DataFrame:
    """One row per series: the latest figure as a range, its source and date, and its backing."""
    if latest.empty:
        return pd.DataFrame(columns=list(OVERVIEW_COLUMNS))
    rows = latest.to_dict("records")
    table = pd.DataFrame({
        "figure": [series_label(r["metric"], r["rate"], r["category"], r["party"]) for r in rows],
        "place": ["" if _missing(r["location"]) else r["location"] for r in rows],
        "latest": [range_text(r["value_low"], r["value_best"], r["value_high"], r["unit"]) for r in rows],
        "source": [r["source"] for r in rows],
        "as of": [format_date(r["as_of"]) for r in rows],
        "reports": [int(r["reports"]) for r in rows],
        "sources": [int(r["sources"]) for r in rows],
        "since": [format_date(r["first_as_of"]) for r in rows],
        "qualifier": [r["qualifier"] for r in rows],
        "quote": [r["quote"] for r in rows],
        "metric": [r["metric"] for r in rows],
        "claim_id": [r["claim_id"] for r in rows],
    })
    return table[list(OVERVIEW_COLUMNS)]


DISAGREEMENT_COLUMNS: tuple[str, ...] = (
    "figure", "place", "lower source", "lower figure", "lower as of",
    "higher source", "higher figure", "higher as of", "times higher",
    "lower quote", "higher quote", "lower_claim_id", "higher_claim_id",
)


def disagreement_table(pairs: pd.DataFrame) -> pd.DataFrame:
    """One row per disagreeing pair: both sources, both ranges, both dates, how far apart."""
    if pairs.empty:
        return pd.DataFrame(columns=list(DISAGREEMENT_COLUMNS))
    rows = pairs.to_dict("records")

    def side(prefix: str) -> dict[str, list[Any]]:
        return {
            f"{prefix} source": [r[f"{prefix}_source"] for r in rows],
            f"{prefix} figure": [
                range_text(r[f"{prefix}_value_low"], r[f"{prefix}_value_best"],
                           r[f"{prefix}_value_high"], r["unit"]) for r in rows],
            f"{prefix} as of": [format_date(r[f"{prefix}_as_of"]) for r in rows],
        }

    table = pd.DataFrame({
        "figure": [series_label(r["metric"], r["rate"], r["category"], r["party"]) for r in rows],
        "place": ["" if _missing(r["location"]) else r["location"] for r in rows],
        **side("lower"), **side("higher"),
        "times higher": [None if _missing(r["ratio"]) else round(float(r["ratio"]), 1) for r in rows],
        "lower quote": [r["lower_quote"] for r in rows],
        "higher quote": [r["higher_quote"] for r in rows],
        "lower_claim_id": [r["lower_claim_id"] for r in rows],
        "higher_claim_id": [r["higher_claim_id"] for r in rows],
    })
    return table[list(DISAGREEMENT_COLUMNS)]

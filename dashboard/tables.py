"""Pure table builders: query results in, the DataFrames the pages show out.

Text stays text: these functions never produce markup (Streamlit's dataframe shows cells
literally). A figure is shown as it was reported ("more than 500", "about $4.6bn", "hundreds",
from its qualifier, `reported`) with the range the value conventions derive from it beside it
(`derived_range`: "≥500", "$4.14bn–$5.06bn", "200–999"). Column names are the warehouse's own
(`category`, `location`, `as_of`, ...), so what a reader sees is what an analyst queries.
"""
from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from functools import cache, lru_cache
from datetime import date
from typing import Any
from urllib.parse import quote_plus

import pandas as pd

from etl.extract.lexicon import lexicon

RATE_LABELS = {"per_day": "per day", "per_week": "per week", "per_month": "per month"}
WEB_URL = r"^https?://"
NOT_STATED = "(not stated)"


def missing(value: Any) -> bool:
    """True for None, NaN and NaT (what a NULL becomes in pandas)."""
    if value is None or value is pd.NaT:
        return True
    kind = type(value)
    if kind is str or kind is int or kind is date:  # the commonest cells first: tables call this per cell
        return False
    if kind is float:
        return value != value  # NaN
    if isinstance(value, float):
        return math.isnan(value)
    if isinstance(value, (str, list, tuple, dict, set)):
        return False
    try:
        return bool(pd.isna(value))  # numpy scalars, pd.NA
    except (TypeError, ValueError):
        return False


def records(frame: pd.DataFrame) -> list[dict[str, Any]]:
    """The rows as dicts (column by column: much faster than DataFrame.to_dict on Arrow-backed columns)."""
    columns = list(frame.columns)
    return [dict(zip(columns, row)) for row in zip(*(frame[c].tolist() for c in columns))]


def text_or_none(value: Any) -> str | None:
    """A cell as text, or None for NULL."""
    return None if missing(value) else str(value)


@lru_cache(maxsize=1 << 14)  # hover texts and tables format the same few thousand days again and again
def format_date(value: Any) -> str:
    """'15 Jun 2022'; 'undated' for a missing date."""
    return "undated" if missing(value) else pd.Timestamp(value).strftime("%-d %b %Y")


def iso_date(value: Any) -> str | None:
    """'2022-06-15', or None for a missing date."""
    if type(value) is date:  # what DuckDB's DATE gives inside structs: no conversion needed
        return value.isoformat()
    return None if missing(value) else pd.Timestamp(value).date().isoformat()


def compact_number(value: float) -> str:
    """A number as a wire story writes it: '4.6bn', '6.39m', '12,500', '22.5'."""
    for scale, word in ((1e9, "bn"), (1e6, "m")):
        if abs(value) >= scale:
            return f"{value / scale:,.2f}".rstrip("0").rstrip(".") + word
    return f"{value:,.0f}" if float(value).is_integer() else f"{value:,.1f}"


@cache
def _currency_symbols() -> dict[str, str]:
    """ISO code -> the shortest symbol the extractor reads for it ('USD' -> '$', not 'US$')."""
    symbols: dict[str, str] = {}
    for symbol, code in lexicon().quantities.get("currency_symbols", {}).items():
        if code not in symbols or len(symbol) < len(symbols[code]):
            symbols[code] = symbol
    return symbols


def currency_symbol(unit: str | None) -> str | None:
    """'$' for USD, '€' for EUR, ...; None for people, counts and currencies without a symbol."""
    return _currency_symbols().get(unit) if unit else None


@lru_cache(maxsize=1 << 16)  # tables and hover texts format the same values again and again
def amount(value: float, unit: str | None = None) -> str:
    """A value with its unit: '12,500' people, '$4.6bn', '€500m', '1bn UAH' (a code without a symbol)."""
    number = compact_number(float(value))
    if not unit or unit in ("people", "count"):
        return number
    symbol = _currency_symbols().get(unit)
    if symbol:
        return f"-{symbol}{number[1:]}" if number.startswith("-") else f"{symbol}{number}"
    return f"{number} {unit}"


@cache
def _vague_phrases() -> dict[tuple[float, float], str]:
    """(low, high) -> the vague quantity that gives it ('hundreds' for 200-999), from the value conventions."""
    return {
        (float(entry["low"]), float(entry["high"])): str(entry["phrase"])
        for entry in lexicon().quantities.get("vague_quantities", [])
    }


def _bounds(low: Any, best: Any, high: Any) -> tuple[float | None, float | None, float | None]:
    return (None if missing(low) else float(low), None if missing(best) else float(best),
            None if missing(high) else float(high))


def reported(low: Any, best: Any, high: Any, qualifier: Any, unit: str | None = None) -> str:
    """The figure as it was reported, from its qualifier: '500', '100 to 200', 'at least 4',
    'more than 500', 'up to 300', 'about $4.6bn', 'nearly 1,300', 'hundreds'."""
    low, best, high = _bounds(low, best, high)
    fmt = lambda v: amount(v, unit)  # noqa: E731
    qualifier = text_or_none(qualifier)
    stated = best if best is not None else low if low is not None else high
    if stated is None:
        return "unknown"
    if qualifier == "exact":
        return fmt(stated)
    if qualifier == "range" and low is not None and high is not None:
        return f"{fmt(low)} to {fmt(high)}"
    if qualifier == "at_least":
        return f"at least {fmt(low if low is not None else stated)}"
    if qualifier == "more_than":
        return f"more than {fmt(low if low is not None else stated)}"
    if qualifier == "at_most":
        return f"up to {fmt(high if high is not None else stated)}"
    if qualifier == "approximate":
        return f"nearly {fmt(stated)}" if high is not None and high == stated else f"about {fmt(stated)}"
    if qualifier == "vague" and low is not None and high is not None:
        phrase = _vague_phrases().get((low, high))
        return phrase if phrase else f"vague, {fmt(low)} to {fmt(high)}"
    return derived_range(low, best, high, unit)


def derived_range(low: Any, best: Any, high: Any, unit: str | None = None) -> str:
    """The range the value conventions derive: '100–200', '12', '≥500' (no upper bound), '≤300'
    (no lower bound), '$4.14bn–$5.06bn'."""
    low, best, high = _bounds(low, best, high)
    fmt = lambda v: amount(v, unit)  # noqa: E731
    if low is None and high is None:
        return "unknown" if best is None else f"{fmt(best)} (no bounds)"
    if high is None:
        return f"≥{fmt(low)}"
    if low is None:
        return f"≤{fmt(high)}"
    if low == high:
        return fmt(low)
    return f"{fmt(low)}–{fmt(high)}"


def figure_text(row: Mapping[str, Any]) -> str:
    """'more than 500 (≥500)': a row's figure as reported, with its derived range when that says more."""
    low, best, high = _bounds(row.get("value_low"), row.get("value_best"), row.get("value_high"))
    return _figure_text(low, best, high, text_or_none(row.get("qualifier")), text_or_none(row.get("unit")))


@lru_cache(maxsize=1 << 16)
def _figure_text(low: float | None, best: float | None, high: float | None, qualifier: str | None,
                 unit: str | None) -> str:
    """figure_text of NULL-free bounds (a table formats the same figures again and again)."""
    words = reported(low, best, high, qualifier, unit)
    if qualifier in ("exact", "range"):
        return words  # the words are the range
    span = derived_range(low, best, high, unit)
    return words if span == words else f"{words} ({span})"


def scope_text(scope: Any, rate: Any = None) -> str:
    """'cumulative', 'rate per day', 'unknown scope'."""
    if not missing(rate):
        return f"rate {RATE_LABELS.get(str(rate), str(rate))}"
    return "unknown scope" if missing(scope) or scope == "unknown" else str(scope)


def subject_label(metric: Any, category: Any = None, party: Any = None, location: Any = None,
                  unit: Any = None) -> str:
    """What is counted, with the column names an analyst queries:
    'killed · category civilian · party Ukraine · location Mariupol' (people go without saying)."""
    parts = [str(metric)]
    for column, value in (("category", category), ("party", party), ("location", location)):
        if not missing(value):
            parts.append(f"{column} {value}")
    if not missing(unit) and unit != "people":
        parts.append(f"unit {unit}")
    return " · ".join(parts)


def safe_urls(urls: pd.Series) -> pd.Series:
    """Only web addresses stay (to become links): a `javascript:` URL becomes missing."""
    is_web = urls.astype("string").str.match(WEB_URL, na=False)
    return urls.where(is_web, None)


# --- the overview -----------------------------------------------------------------------------

SERIES_KEY_COLUMNS: tuple[str, ...] = ("metric", "category", "party", "location", "unit", "scope", "rate")
# One row per series and source: the series' key, the source's latest figure (as reported, with
# the derived range when that says more), its date, the source's figures in the series and the
# series' sources; then what the CSV adds.
OVERVIEW_COLUMNS: tuple[str, ...] = (
    "series", *SERIES_KEY_COLUMNS, "source", "latest", "as_of", "figures", "sources",
    "qualifier", "value_low", "value_best", "value_high", "series_figures", "first_as_of", "source_id",
    "series_id", "claim_id",
)
OVERVIEW_SHOWN: tuple[str, ...] = (
    "metric", "category", "party", "location", "scope", "rate", "source", "latest", "as_of", "figures",
)


def series_path(row: Mapping[str, Any], base: str = "/series") -> str:
    """The series page of a row with the key columns: '/series?metric=killed&location=Mariupol&...'.

    NULL columns are left out (absent means NULL), so the link names exactly one series.
    """
    return f"{base}?" + "&".join(f"{c}={_url_value(str(row[c]))}" for c in SERIES_KEY_COLUMNS
                                 if c in row and not missing(row[c]))


@cache
def _url_value(value: str) -> str:
    """A query parameter's value as urlencode writes it (the same few metrics and places recur)."""
    return quote_plus(value)


def overview_table(series: pd.DataFrame) -> pd.DataFrame:
    """One row per series and source, the series in the order given (most figures first within a
    metric) and its sources newest first: the source's latest figure as reported (and its derived
    range), its as_of, how many figures the source gave in the series and how many sources the
    series has; the link to the series page."""
    if series.empty:
        return pd.DataFrame(columns=list(OVERVIEW_COLUMNS))
    out: dict[str, list[Any]] = {c: [] for c in OVERVIEW_COLUMNS}
    for row in series.to_dict("records"):
        unit = text_or_none(row["unit"])
        path = series_path(row)
        # the series' own cells, the same on each of its sources' rows (worked out once per series)
        keys = [(column, text_or_none(row.get(column))) for column in SERIES_KEY_COLUMNS]
        sources, figures, first_as_of = int(row["sources"]), int(row["figures"]), iso_date(row.get("first_as_of"))
        for entry in list(row["latest_by_source"]):
            latest = entry.get("latest") or {}
            figure = {"value_low": latest.get("low"), "value_best": latest.get("best"),
                      "value_high": latest.get("high"), "qualifier": latest.get("qualifier"), "unit": unit}
            out["series"].append(path)
            for column, text in keys:
                out[column].append(text)
            out["source"].append(text_or_none(entry.get("name")) or text_or_none(entry.get("source_id")))
            out["latest"].append(figure_text(figure))
            out["as_of"].append(iso_date(latest.get("as_of")))
            out["figures"].append(int(entry.get("figures") or 0))
            out["sources"].append(sources)
            out["qualifier"].append(text_or_none(latest.get("qualifier")))
            out["value_low"].append(latest.get("low"))
            out["value_best"].append(latest.get("best"))
            out["value_high"].append(latest.get("high"))
            out["series_figures"].append(figures)
            out["first_as_of"].append(first_as_of)
            out["source_id"].append(text_or_none(entry.get("source_id")))
            out["series_id"].append(row.get("series_id"))
            out["claim_id"].append(latest.get("claim_id"))
    return pd.DataFrame(out)[list(OVERVIEW_COLUMNS)]


# --- a series page ----------------------------------------------------------------------------

# The figures behind a series page, as shown and as downloaded (CSV): one row per figure.
FIGURE_SHOWN: tuple[str, ...] = ("as_of", "figure", "scope", "rate", "source_name", "quote", "published", "language",
                                 "url")
FIGURE_COLUMNS: tuple[str, ...] = (
    "as_of", "figure", "range", "scope", "rate", "qualifier", "value_low", "value_best", "value_high",
    "unit", "source_name", "source_kind", "source_side", "source", "period_start", "period_end",
    "category", "party", "location", "mentions", "reports", "quote", "title", "publisher", "published",
    "published_inferred", "language", "url", "figure_id", "claim_id",
)


def figures_table(figures: pd.DataFrame) -> pd.DataFrame:
    """The figures of a series page, newest first: as reported and as a range, with everything
    that traces them home (published_inferred says the publication date was read from the text)."""
    if figures.empty:
        return pd.DataFrame(columns=list(FIGURE_COLUMNS))
    shown = figures.copy()
    rows = records(shown)
    shown["figure"] = [figure_text(r) for r in rows]
    shown["range"] = [derived_range(r["value_low"], r["value_best"], r["value_high"], text_or_none(r["unit"]))
                      for r in rows]
    if "url" in shown:
        shown["url"] = safe_urls(shown["url"])
    shown = shown[[c for c in FIGURE_COLUMNS if c in shown.columns]]
    return shown.sort_values("as_of", ascending=False, na_position="last", kind="stable").reset_index(drop=True)


CHECK_COLUMNS: tuple[str, ...] = (
    "source", "from", "to", "total then", "total now", "change", "counted by", "counts", "sum of counts",
    "adds up", "difference",
)
CHECK_SHOWN: tuple[str, ...] = CHECK_COLUMNS[:-1]


def _signed(value: Any, unit: str | None) -> str:
    return ("+" if float(value) >= 0 else "") + amount(value, unit)


def checks_table(checks: pd.DataFrame, unit: str | None = None) -> pd.DataFrame:
    """running_total_checks rows for reading: the two totals as reported, the change (best, with the
    range the totals allow when that says more), who counted in between (the same source, another,
    a dataset and its category), how many counts and their sum (best, lows to highs), whether they
    agree and by how much the sum differs from the change."""
    if checks.empty:
        return pd.DataFrame(columns=list(CHECK_COLUMNS))
    rows = records(checks)

    def change(r: Mapping[str, Any]) -> str:
        if missing(r["change_best"]):
            return "unknown"
        best = _signed(r["change_best"], unit)
        span = derived_range(r["change_low"], r["change_best"], r["change_high"], unit)
        return best if span == amount(r["change_best"], unit) else f"{best} ({span})"

    def counted_by(r: Mapping[str, Any]) -> str:
        if not r["counts"]:
            return "nobody"
        name = text_or_none(r["counting_source_name"]) or text_or_none(r["counting_source_id"]) or "unattributed"
        if r["counted_by_same_source"]:
            return "the same source"
        if r["counting_source_kind"] == "dataset":
            return f"{name} (dataset; category {text_or_none(r['counting_category']) or 'not stated'})"
        return name

    def total(r: Mapping[str, Any], side: str) -> str:
        return reported(r[f"{side}_low"], r[f"{side}_best"], r[f"{side}_high"], r[f"{side}_qualifier"], unit)

    def counted(r: Mapping[str, Any]) -> str | None:
        if not r["counts"]:
            return None
        best = amount(r["sum_best"], unit)
        span = derived_range(r["sum_low"], r["sum_best"], r["sum_high"], unit)
        return best if span == best else f"{best} ({span})"

    table = pd.DataFrame({
        "source": [text_or_none(r["source_name"]) or text_or_none(r["source_id"]) for r in rows],
        "from": [iso_date(r["from_as_of"]) for r in rows],
        "to": [iso_date(r["to_as_of"]) for r in rows],
        "total then": [total(r, "from") for r in rows],
        "total now": [total(r, "to") for r in rows],
        "change": [change(r) for r in rows],
        "counted by": [counted_by(r) for r in rows],
        "counts": [int(r["counts"]) for r in rows],
        "sum of counts": [counted(r) for r in rows],
        "adds up": [text_or_none(r["adds_up"]) or "no counts" for r in rows],
        "difference": [None if missing(r["difference_best"]) else _signed(r["difference_best"], unit) for r in rows],
    })
    return table[list(CHECK_COLUMNS)]


# --- disagreements ----------------------------------------------------------------------------

DISAGREEMENT_COLUMNS: tuple[str, ...] = (
    "metric", "category", "party", "location", "unit", "scope", "rate",
    "lower source", "lower figure", "lower as_of", "higher source", "higher figure", "higher as_of",
    "times higher", "lower quote", "higher quote", "series", "lower_claim_id", "higher_claim_id",
)
DISAGREEMENT_SHOWN: tuple[str, ...] = (
    "metric", "category", "party", "location", "scope", "lower source", "lower figure", "higher source",
    "higher figure",
)


def disagreement_table(pairs: pd.DataFrame) -> pd.DataFrame:
    """One row per disagreeing pair: both sources, both figures as reported (with their dates),
    how far apart, both quotes and the series' page."""
    if pairs.empty:
        return pd.DataFrame(columns=list(DISAGREEMENT_COLUMNS))
    rows = pairs.to_dict("records")

    def side(prefix: str) -> dict[str, list[Any]]:
        figures = [reported(r[f"{prefix}_value_low"], r[f"{prefix}_value_best"], r[f"{prefix}_value_high"],
                            r[f"{prefix}_qualifier"], text_or_none(r["unit"])) for r in rows]
        return {
            f"{prefix} source": [r[f"{prefix}_source_name"] or r[f"{prefix}_source"] for r in rows],
            f"{prefix} figure": [f"{f}, {iso_date(r[f'{prefix}_as_of'])}" for f, r in zip(figures, rows)],
            f"{prefix} as_of": [iso_date(r[f"{prefix}_as_of"]) for r in rows],
        }

    table = pd.DataFrame({
        **{c: [text_or_none(r.get(c)) for r in rows] for c in SERIES_KEY_COLUMNS},
        **side("lower"), **side("higher"),
        "times higher": [None if missing(r["ratio"]) else round(float(r["ratio"]), 1) for r in rows],
        "lower quote": [r["lower_quote"] for r in rows],
        "higher quote": [r["higher_quote"] for r in rows],
        "series": [series_path(r) for r in rows],
        "lower_claim_id": [r["lower_claim_id"] for r in rows],
        "higher_claim_id": [r["higher_claim_id"] for r in rows],
    })
    return table[list(DISAGREEMENT_COLUMNS)]

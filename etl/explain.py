"""`tally extract --explain`: each figure's words, the rule that read it, and how each field was decided."""
from __future__ import annotations

from typing import Any

FIELDS = ("metric", "values", "category", "party", "rate", "scope", "as_of", "source", "location")


def explain_claim(row: dict[str, Any], text_of_span: str | None = None) -> list[str]:
    """Lines describing one claim row as `etl.pipeline.extract_path` yields it."""
    low, best, high = row["value_low"], row["value_best"], row["value_high"]
    span = f"{row['span_start']}-{row['span_end']}"
    lines = [
        f"{row['metric']} {_fmt(low)} / {_fmt(best)} / {_fmt(high)} {row['unit']} ({row['qualifier']})"
        f"  rule {row.get('rule') or '?'}  chars {span}",
        f"  quote: {row['quote']}",
    ]
    why = row.get("explanation") or {}
    decided = {
        "metric": row["metric"], "values": f"{_fmt(low)} / {_fmt(best)} / {_fmt(high)}",
        "category": row.get("category"), "party": row.get("party"), "rate": row.get("rate"),
        "scope": row.get("scope"),
        "as_of": row.get("as_of"), "source": row.get("source"), "location": row.get("location"),
    }
    for field in FIELDS:
        reason = why.get(field)
        if reason is None and decided[field] is None:
            continue
        lines.append(f"  {field:<9} {decided[field]!s:<28} {reason or ''}".rstrip())
    if why.get("repeat"):
        lines.append(f"  {'repeat':<9} one figure, {why['repeat']}")
    if row.get("period_end"):
        lines.append(f"  {'period':<9} {row['period_start']} to {row['period_end']}")
    elif row.get("period_start"):
        lines.append(f"  {'period':<9} since {row['period_start']}")
    return lines


def _fmt(value: float | None) -> str:
    if value is None:
        return "open"
    return f"{value:,.0f}" if float(value).is_integer() else f"{value:,.2f}"

"""Figure keys: what makes two claims the same reported figure (SPEC "Series").

Two claims are one figure when they share the key below and their `as_of` dates are at
most a day apart (a chain of such dates is one figure), or when they are in copies of one
story. The key is computed here, per claim; the numbering of figures over `as_of` is a
window over the stored claims of each key, in SQL (warehouse/assembly/assign_figure_ids.sql).
"""
from __future__ import annotations

import hashlib
from collections.abc import Mapping
from typing import Any

FIGURE_FIELDS = ("metric", "category", "party", "location", "scope", "unit", "rate",
                 "value_low", "value_best", "value_high")
"""Claim fields a figure's repeats share, beside the canonical source."""


def _text(value: Any) -> str:
    kind = type(value)
    if kind is str:  # the common cases first: this runs for every field of every claim stored
        return value
    if kind is float:
        return repr(value)
    if value is None:
        return "\u2205"
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        return repr(float(value))  # 12 from the extractor and 12.0 from a DOUBLE column are one value
    return str(value)


def figure_key(source_id: str | None, claim: Mapping[str, Any], record: str | None = None) -> str:
    """The figure key of a claim (a `claims` row) attributed to `source_id`.

    `record` is the dataset event a claim of a dataset record belongs to ("ucdp-ged:12345"): two
    events with the same toll on neighbouring days are two figures, not one figure repeated.
    """
    parts = [_text(source_id), *[_text(claim.get(name)) for name in FIGURE_FIELDS]]
    if record is not None:
        parts.append(f"record:{record}")
    return hashlib.sha256("\x1f".join(parts).encode("utf-8")).hexdigest()[:24]

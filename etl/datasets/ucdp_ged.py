"""UCDP GED events -> claims (SPEC "Series"): a pure function of one row.

An event of the Georeferenced Event Dataset is one incident of organised violence with at least
one death, at a place and on a day (or within a window when the exact day is unknown):

- the **toll**: one `killed` claim, scope `incident`, `value_low`/`value_best`/`value_high` from
  `low`/`best`/`high` (qualifier `exact` when they agree, else `range`), `as_of` = `date_start`,
  and `period_start`/`period_end` = `date_start`/`date_end` when the dataset dates the event
  within a window of days ("earliest and latest possible date") rather than to one day;
- **whose dead**, where the dataset says: `deaths_a` and `deaths_b` are the sides' own dead
  (category `military`, party the side: "Government of Ukraine" -> Ukraine; a side named
  "Civilians" -> category `civilian`), `deaths_civilians` civilians (`civilian`, party not said),
  `deaths_unknown` people of unknown status (`unspecified`). When the dead belong to one of
  these groups only, the toll itself gets its category and party; when to several, the toll is
  `mixed` (the dead of several groups) and each group is a claim of its own beside it (rule
  `ucdp-ged.deaths_a`, ...; best estimates: the dataset gives a range for the toll only). Sum the
  tolls (rule `ucdp-ged.best`) or the groups, never both;
- **where**: the most specific place column the gazetteer knows (`where_coordinates`, then
  `adm_1` as a region, then `country`), so a GED series meets the news series of the same place;
- **who**: source "UCDP GED" (sources.kind = 'dataset'); the quote is `source_headline`.
"""
from __future__ import annotations

import re

from etl.datasets.core import DatasetSpec, Row, RowError, event_place, quote_of
from etl.models import Claim

_COMPONENTS = ("deaths_a", "deaths_b", "deaths_civilians", "deaths_unknown")


def side_party(side: str, spec: DatasetSpec) -> tuple[str, str | None]:
    """A GED side as (category, party) of its dead: a state's government is the state, a side
    named as civilians is civilians with no party, any other side (a rebel group) itself."""
    if not side:
        return "unspecified", None
    if side in spec.options.get("civilian_sides", ()):
        return "civilian", None
    m = re.match(spec.options["government_side"], side)
    return "military", (m.group("party") if m else side)


def event_claims(row: Row, spec: DatasetSpec) -> list[Claim]:
    """The claims of one GED event (module docstring); RowError for a row that cannot be read."""
    best = row.count("best", required=True)
    assert best is not None
    low = row.count("low")
    high = row.count("high")
    low = best if low is None else low
    high = best if high is None else high
    if not low <= best <= high:
        raise RowError(f"low {low}, best {best} and high {high} are out of order (low <= best <= high)")
    start = row.date("date_start", spec.date_formats, required=True)
    end = row.date("date_end", spec.date_formats) or start
    if start is None or end is None or end < start:
        raise RowError(f"date_end {row.get('date_end')!r} is before date_start {row.get('date_start')!r}")
    window = (start, end) if end != start else (None, None)

    groups: list[tuple[str, str, str | None, int]] = []  # (column, category, party, dead)
    for column in _COMPONENTS:
        dead = row.count(column)
        if not dead:
            continue
        if column == "deaths_a":
            category, party = side_party(row.get("side_a"), spec)
        elif column == "deaths_b":
            category, party = side_party(row.get("side_b"), spec)
        elif column == "deaths_civilians":
            category, party = "civilian", None
        else:
            category, party = "unspecified", None
        groups.append((column, category, party, dead))

    whose = {(g[1], g[2]) for g in groups}
    split = len(whose) > 1
    if not groups:
        category, party = "unspecified", None
    elif not split:
        category, party = next(iter(whose))
    else:
        category, party = "mixed", None

    common = dict(
        metric="killed", unit="people", scope="incident", as_of=start, period_start=window[0],
        period_end=window[1], source=spec.source, location=event_place(row, spec), quote=quote_of(row, spec),
    )
    span = row.span("best")
    claims = [Claim(
        value_low=float(low), value_best=float(best), value_high=float(high),
        qualifier="exact" if low == best == high else "range", span_start=span[0], span_end=span[1],
        category=category, party=party, rule=f"{spec.name}.best", **common,  # type: ignore[arg-type]
    )]
    if split:
        for column, group_category, group_party, dead in groups:
            span = row.span(column)
            claims.append(Claim(
                value_low=float(dead), value_best=float(dead), value_high=float(dead), qualifier="exact",
                span_start=span[0], span_end=span[1], category=group_category, party=group_party,
                rule=f"{spec.name}.{column}", **common,  # type: ignore[arg-type]
            ))
    return claims

"""ACLED events -> claims (SPEC "Series"): a pure function of one row.

An ACLED event is one event of political violence, demonstration or strategic development at a
place on a day, with the number of reported fatalities (ACLED codes the most conservative
report):

- the **toll**: one `killed` claim, scope `incident`, `value_low` = `value_best` = `value_high` =
  `fatalities` (qualifier `exact`: ACLED gives one number), `as_of` = `event_date`. An event of
  political violence (`violent_event_types`) with no fatalities is a claim of 0 ("nobody was
  killed"); a demonstration or strategic development without fatalities gives no claim (the event
  is stored all the same);
- **whose dead**, where the dataset says: the fatalities of violence against civilians, or of an
  event whose `civilian_targeting` is filled in, are `civilian`; otherwise ACLED does not split
  them (`unspecified`). The party stays NULL: ACLED does not say whose dead they are (its
  "Civilians (Ukraine)" names the country civilians were in, which `location` already holds), as
  the news rarely does for civilians, so ACLED's series meet the news' and UCDP's;
- **where**: `location`, then `admin1` as a region, then `country`, through the gazetteer;
- **who**: source "ACLED" (sources.kind = 'dataset'); the quote is `notes`. `published` is the
  day of `timestamp`, when ACLED last changed the event (what "as known on" reads).
"""
from __future__ import annotations

from etl.datasets.core import DatasetSpec, Row, event_place, quote_of
from etl.models import Claim


def event_claims(row: Row, spec: DatasetSpec) -> list[Claim]:
    """The claims of one ACLED event (module docstring); RowError for a row that cannot be read."""
    fatalities = row.count("fatalities", required=True)
    assert fatalities is not None
    event_date = row.date("event_date", spec.date_formats, required=True)
    event_type = row.get("event_type")
    if fatalities == 0 and event_type not in spec.options.get("violent_event_types", ()):
        return []
    civilian = event_type in spec.options.get("civilian_event_types", ()) or bool(row.get("civilian_targeting"))
    span = row.span("fatalities")
    value = float(fatalities)
    return [Claim(
        metric="killed", value_low=value, value_best=value, value_high=value, unit="people", qualifier="exact",
        span_start=span[0], span_end=span[1], quote=quote_of(row, spec),  # type: ignore[arg-type]
        category="civilian" if civilian else "unspecified", party=None, scope="incident", as_of=event_date,
        source=spec.source, location=event_place(row, spec), rule=f"{spec.name}.fatalities",
    )]

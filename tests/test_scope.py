"""Scope (SPEC "Series"): windows resolved against the publication date, and what carries across sentences.
Sentence-level cases for each scope are data in tests/golden/sentences.jsonl."""
from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from etl.extract import extract_claims
from etl.extract.dates import window_dates

KINDS = ["rolling", "night", "weekend", "last_week", "this_week", "last_month", "month", "year_to_date",
         "month_to_date"]


@settings(max_examples=300, deadline=None)
@given(published=st.dates(min_value=dt.date(1990, 1, 1), max_value=dt.date(2100, 12, 31)),
       kind=st.sampled_from(KINDS), days=st.integers(1, 400), month=st.integers(1, 12),
       back=st.integers(0, 30))
def test_every_window_ends_on_or_before_publication_and_starts_before_it_ends(published, kind, days, month, back):
    reference = published - dt.timedelta(days=back)
    start, end = window_dates(kind, published, reference=reference, days=days, month=month)
    assert start <= end <= published
    if kind == "rolling":
        assert (end - start).days == days and end == reference
    if kind in ("last_week", "weekend"):
        assert start.weekday() == (0 if kind == "last_week" else 5) and end.weekday() == 6
    if kind == "month":
        assert start.day == 1 and start.month == month and (published - start).days < 366


def test_no_publication_date_leaves_the_window_open_but_the_scope_period():
    claims = extract_claims("Ukraine said it had lost 120 soldiers in the past 24 hours.", {"published": None})
    assert [(c.scope, c.period_start, c.period_end) for c in claims] == [("period", None, None)]
    assert "no publication date" in claims[0].explanation["scope"]


def test_an_event_carries_to_the_next_paragraph_only():
    text = "A car bomb killed 12 people in the market on Tuesday.\n\nOfficials said 30 people had been wounded."
    claims = extract_claims(text, {"published": dt.date(2022, 6, 15)})
    assert [(c.value_best, c.scope) for c in claims] == [(12, "incident"), (30, "incident")]
    far = extract_claims("A car bomb killed 12 people on Tuesday.\n\nThe war goes on.\n\nMore news.\n\n"
                         "Police said 7 people had been wounded.", {"published": dt.date(2022, 6, 15)})
    assert [(c.value_best, c.scope) for c in far] == [(12, "incident"), (7, "cumulative")]


def test_a_running_total_closes_the_event():
    text = ("A missile strike killed 18 people on Monday. Since the war began, 2,000 people have been killed "
            "in the region. Officials said 300 people had been wounded.")
    claims = extract_claims(text, {"published": dt.date(2022, 6, 15)})
    assert [(c.value_best, c.scope) for c in claims] == [(18, "incident"), (2000, "cumulative"), (300, "cumulative")]


@pytest.mark.parametrize("sentence, scope", [
    ("Russian forces shelled the village 12 times over the past week.", "period"),
    ("Russia has carried out 4,000 strikes on Ukraine.", "cumulative"),
    ("A total of 35 people were killed in the attack.", "incident"),
])
def test_counted_strikes_and_totals(sentence, scope):
    claims = extract_claims(sentence, {"published": dt.date(2022, 6, 15)})
    assert [c.scope for c in claims] == [scope]

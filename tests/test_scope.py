"""Scope (SPEC "Series"): windows resolved against the publication date, and what carries across sentences.
Sentence-level cases for each scope are data in tests/golden/sentences.jsonl."""
from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from etl.extract import extract_claims
from etl.extract.dates import window_dates

GOLD = Path(__file__).parent / "gold"
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


@pytest.mark.parametrize("first, scope", [
    ("Russian forces shelled the village, 2 km from the border, on Tuesday.", "incident"),  # a number, no metric
    ("Russian forces shelled the village on Tuesday.", "incident"),
    ("The village lies 2 km from the border.", "unknown"),  # a number, no metric word and no event word
    ("The village lies near the border.", "unknown"),
])
def test_a_toll_after_a_sentence_that_tells_an_attack_is_an_incident(first, scope):
    claims = extract_claims(first + "\n\nOfficials said a civilian was killed.", {"published": dt.date(2022, 6, 15)})
    assert [(c.value_best, c.scope) for c in claims] == [(1, scope)]


def test_every_sentence_that_opens_an_event_has_an_event_word():
    """`scope.may_open_event` is a necessary condition of what `observe` reads (a sentence without a metric
    word ends early when it is false): checked on every sentence of the gold articles, in every language."""
    from etl.extract import detect_language, dates, scope
    from etl.extract.lexicon import using_language
    from etl.extract.text import split_sentences

    opened = 0
    for path in sorted(GOLD.glob("*.articles.jsonl")):
        for line in path.read_text(encoding="utf-8").splitlines():
            text = json.loads(line)["text"]
            with using_language(detect_language(text)):
                for sentence in split_sentences(text):
                    mentions = dates.find_dates(sentence, dt.date(2022, 6, 15))
                    if scope._opens_event(scope._find_cues(sentence, mentions), lambda: mentions):
                        opened += 1
                        assert scope.may_open_event(sentence), sentence.text
    assert opened > 50  # the check saw real event sentences

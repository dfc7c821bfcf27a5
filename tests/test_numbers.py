"""The number grammar and the SPEC's value conventions, by example and by property."""
from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from etl.extract import extract_claims
from etl.extract.numbers import find_quantities, parse_number
from etl.extract.text import tokenize

PUBLISHED = dt.date(2022, 6, 15)


@pytest.mark.parametrize("text, value", [
    ("500", 500), ("100,000", 100_000), ("4.6 billion", 4.6e9), ("1.2m", 1.2e6), ("$2bn", 2e9), ("€2.5bn", 2.5e9),
    ("5 mln", 5e6), ("three", 3), ("twenty-five", 25), ("twenty five", 25), ("one hundred and thirty", 130),
    ("two thousand five hundred", 2500), ("a dozen", 12), ("two dozen", 24), ("a hundred", 100),
    ("a million", 1e6), ("1.5 million", 1.5e6), ("ninety-nine", 99), ("three million", 3e6),
])
def test_parse_number(text, value):
    assert parse_number(text) == pytest.approx(value)


@pytest.mark.parametrize("text", ["8am", "3rd", "1990s", "10km", "banana", ""])
def test_parse_number_rejects_non_counts(text):
    assert parse_number(text) is None


def _only_quantity(text: str):
    found = find_quantities(tokenize(text))
    assert len(found) == 1, found
    q = found[0]
    return q.qualifier, q.low, q.best, q.high


@pytest.mark.parametrize("text, expected", [
    ("500", ("exact", 500, 500, 500)),
    ("between 100 and 200", ("range", 100, 150, 200)),
    ("100 to 200", ("range", 100, 150, 200)),
    ("100-200", ("range", 100, 150, 200)),
    ("from 10 to 20", ("range", 10, 15, 20)),
    ("two or three", ("range", 2, 2.5, 3)),
    ("at least 14", ("at_least", 14, 14, None)),
    ("more than 500", ("more_than", 500, 500, None)),
    ("over 500", ("more_than", 500, 500, None)),
    ("upwards of 500", ("more_than", 500, 500, None)),
    ("just over 500", ("more_than", 500, 500, None)),
    ("barely more than 100,000", ("more_than", 100_000, 100_000, None)),
    ("well over 500", ("more_than", 500, 500, None)),
    ("up to 300", ("at_most", None, 300, 300)),
    ("as many as 300", ("at_most", None, 300, 300)),
    ("no more than 300", ("at_most", None, 300, 300)),
    ("fewer than 300", ("at_most", None, 300, 300)),
    ("less than 300", ("at_most", None, 300, 300)),
    ("about 1,000", ("approximate", 900, 1000, 1100)),
    ("around 1,000", ("approximate", 900, 1000, 1100)),
    ("some 1,000", ("approximate", 900, 1000, 1100)),
    ("roughly 1,000", ("approximate", 900, 1000, 1100)),
    ("approximately 1,000", ("approximate", 900, 1000, 1100)),
    ("an estimated 1,000", ("approximate", 900, 1000, 1100)),
    ("nearly 1,000", ("approximate", 900, 1000, 1000)),
    ("almost 1,000", ("approximate", 900, 1000, 1000)),
    ("close to 1,000", ("approximate", 900, 1000, 1000)),
    ("just under 1,000", ("approximate", 900, 1000, 1000)),
    ("dozens", ("vague", 24, 24, 99)),
    ("several dozen", ("vague", 36, 36, 108)),
    ("hundreds", ("vague", 200, 200, 999)),
    ("several hundred", ("vague", 300, 300, 900)),
    ("thousands", ("vague", 2000, 2000, 9999)),
    ("several thousand", ("vague", 3000, 3000, 9000)),
    ("tens of thousands", ("vague", 20_000, 20_000, 99_999)),
    ("hundreds of thousands", ("vague", 200_000, 200_000, 999_999)),
    ("millions", ("vague", 2_000_000, 2_000_000, 9_999_999)),
    ("500 or more", ("at_least", 500, 500, None)),
])
def test_value_conventions(text, expected):
    qualifier, low, best, high = _only_quantity(text)
    assert qualifier == expected[0]
    assert (low, best, high) == pytest.approx(expected[1:]) if None not in expected[1:] else (
        (low, best, high) == tuple(None if v is None else pytest.approx(v) for v in expected[1:]))


def test_rose_from_to_is_the_new_figure_not_a_range():
    claims = extract_claims("The death toll rose from 20 to 25, officials said.", {"published": PUBLISHED})
    assert [(c.value_low, c.value_best, c.value_high) for c in claims] == [(25, 25, 25)]


def test_no_one_and_no_casualties_are_exact_zero():
    for text, metric in [("No one was killed in the attack.", "killed"), ("There were no casualties.", "casualties")]:
        claims = extract_claims(text, {"published": PUBLISHED})
        assert [(c.metric, c.qualifier, c.value_low, c.value_high) for c in claims] == [(metric, "exact", 0, 0)]


def test_money_has_its_currency_as_unit():
    claims = extract_claims("Britain pledged £1 billion ($1.2 billion) in military aid.", {"published": PUBLISHED})
    assert [(c.metric, c.unit, c.value_best) for c in claims] == [("aid", "GBP", 1e9)]
    claims = extract_claims("The EU will provide 1.5 billion euros in financial aid.", {"published": PUBLISHED})
    assert [(c.unit, c.value_best, c.category) for c in claims] == [("EUR", 1.5e9, "financial")]


_UNITS = ["zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine"]
_TEENS = ["ten", "eleven", "twelve", "thirteen", "fourteen", "fifteen", "sixteen", "seventeen", "eighteen",
          "nineteen"]
_TENS = ["", "", "twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety"]


def _words(n: int) -> str:
    """Reference spelling of 1..999999 (British "and"), written independently of the grammar."""
    def below_thousand(m: int) -> str:
        parts = []
        if m >= 100:
            parts.append(f"{_UNITS[m // 100]} hundred")
            m %= 100
            if m:
                parts.append("and")
        if m >= 20:
            parts.append(_TENS[m // 10] + (f"-{_UNITS[m % 10]}" if m % 10 else ""))
        elif m >= 10:
            parts.append(_TEENS[m - 10])
        elif m or not parts:
            parts.append(_UNITS[m])
        return " ".join(p for p in parts if p)
    if n >= 1000:
        rest = n % 1000
        return f"{below_thousand(n // 1000)} thousand" + (f" {below_thousand(rest)}" if rest else "")
    return below_thousand(n)


@given(st.integers(min_value=1, max_value=999_999))
def test_number_words_read_back_as_the_number(n):
    assert parse_number(_words(n)) == n


@given(st.integers(min_value=0, max_value=10**9))
def test_digits_with_separators_read_back_as_the_number(n):
    assert parse_number(f"{n:,}") == n
    assert parse_number(str(n)) == n


@given(st.integers(min_value=1, max_value=10**6), st.integers(min_value=1, max_value=10**6))
def test_ranges_are_ordered_and_centred(a, b):
    low, high = sorted((a, b))
    found = find_quantities(tokenize(f"between {low:,} and {high:,}"))
    assert len(found) == 1
    q = found[0]
    assert (q.low, q.high) == (low, high)
    assert q.best == pytest.approx((low + high) / 2)


@settings(max_examples=200)
@given(st.text(alphabet=st.characters(codec="utf-8"), max_size=300))
def test_any_text_gives_claims_whose_spans_hold_their_words(text):
    for claim in extract_claims(text, {"published": PUBLISHED}):
        assert 0 <= claim.span_start < claim.span_end <= len(text)
        assert text[claim.span_start:claim.span_end] in claim.quote
        low = claim.value_low if claim.value_low is not None else claim.value_best
        high = claim.value_high if claim.value_high is not None else claim.value_best
        assert low <= claim.value_best <= high


@pytest.mark.parametrize("figure", [
    "1," + ",".join(["000"] * 110),  # 10^330 written out: past the float range
    "1" + "0" * 400,
    "1" + "0" * 300 + " billion",  # finite digits, scaled past the float range
    "9 billion",  # more people than there are
])
def test_figures_past_the_float_range_or_the_worlds_population_are_no_figures(figure: str) -> None:
    claims = extract_claims(f"Officials said {figure} people were killed, and 12 were wounded.", {})
    assert [(c.metric, c.value_best) for c in claims] == [("injured", 12.0)]


def test_money_may_be_large_but_finite() -> None:
    [claim] = extract_claims("The United States pledged $40 billion in military aid.", {})
    assert claim.value_best == 40e9 and claim.unit == "USD"

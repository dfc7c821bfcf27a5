"""Sentence-level golden cases as data (tests/golden/sentences.jsonl), quantulum3-style:
{"req": sentence, "res": [expected claims]} with negative cases ("res": []). Only the keys
a case gives are checked; claims come out in sentence order. Published: Wednesday 2022-06-15.
A new wording is a data change: add the word to etl/data/ and a case here.
"""
from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest

from etl.extract import extract_claims

# sentences.jsonl is English; sentences.<language>.jsonl hold the other languages' cases
CASES = [{**json.loads(line), "language": path.stem.partition(".")[2] or "en"}
         for path in sorted((Path(__file__).parent / "golden").glob("sentences*.jsonl"))
         for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
PUBLISHED = dt.date(2022, 6, 15)


def _value(claim, key):
    value = getattr(claim, key)
    return value.isoformat() if isinstance(value, dt.date) else value


@pytest.mark.parametrize("case", CASES, ids=[c["req"][:50] for c in CASES])
def test_sentence_case(case):
    claims = extract_claims(case["req"], {"published": PUBLISHED, "publisher": "Tally tests",
                                          "language": case["language"]})
    got = [{key: _value(claim, key) for key in expected} for claim, expected in zip(claims, case["res"])]
    assert len(claims) == len(case["res"]), [(c.metric, c.value_best, c.quote) for c in claims]
    for want, have in zip(case["res"], got):
        for key, value in want.items():
            if isinstance(value, (int, float)) and not isinstance(value, bool) and have[key] is not None:
                assert have[key] == pytest.approx(value), (key, have)
            elif key in ("source", "location") and value is not None and have[key] is not None:
                assert value.lower() in have[key].lower(), (key, have)
            else:
                assert have[key] == value, (key, have)


SENTENCE = "Shelling killed 12 people in Kharkiv on Tuesday, the governor said."


@pytest.mark.parametrize("published", ["2022-06-15", "2022-06-15T08:00:00Z", "2022-06-15T23:30:00+03:00",
                                       dt.datetime(2022, 6, 15, 8), PUBLISHED])
def test_published_may_be_an_iso_string_a_datetime_or_a_date(published: object) -> None:
    [claim] = extract_claims(SENTENCE, {"published": published})
    assert claim.as_of == dt.date(2022, 6, 14)  # the Tuesday before Wednesday 15 June


def test_published_of_another_kind_is_refused_at_the_door() -> None:
    with pytest.raises(TypeError, match=r'metadata\["published"\] must be a date, a datetime or an ISO 8601 string'):
        extract_claims(SENTENCE, {"published": 20220615})
    with pytest.raises(ValueError, match="not an ISO 8601 date"):
        extract_claims(SENTENCE, {"published": "15/06/2022"})
    with pytest.raises(TypeError, match=r'metadata\["publisher"\] must be a string'):
        extract_claims(SENTENCE, {"publisher": ["Reuters"]})

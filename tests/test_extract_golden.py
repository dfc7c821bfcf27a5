"""Golden-file tests: an article in, exactly its expected claims out (every field, nothing extra)."""
from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest

from etl.extract import extract_claims, infer_publication_date

ROOT = Path(__file__).resolve().parent.parent
SEED = ROOT / "examples" / "reuters-2022-06-severodonetsk.txt"
FIELDS = ["metric", "value_low", "value_best", "value_high", "qualifier", "unit", "category", "party", "rate",
          "scope", "period_start", "period_end", "as_of", "source", "location"]


def _as_expected(claim, text: str) -> dict:
    row = {f: getattr(claim, f) for f in FIELDS}
    for f in ("period_start", "period_end", "as_of"):
        row[f] = row[f].isoformat() if row[f] else None
    row["words"] = text[claim.span_start:claim.span_end]
    return row


def test_seed_publication_date_is_inferred_from_the_text():
    # latest explicit date June 10, 2022 (a Friday), advanced to "early on Wednesday" in the lead
    assert infer_publication_date(SEED.read_text()) == dt.date(2022, 6, 15)


def test_seed_gives_exactly_its_seven_figures():
    text = SEED.read_text()
    claims = extract_claims(text, {"published": infer_publication_date(text)})
    got = sorted((_as_expected(c, text) for c in claims), key=lambda r: json.dumps(r, sort_keys=True))
    expected_path = ROOT / "tests" / "golden" / "seed.expected.jsonl"
    expected = sorted((json.loads(line) for line in expected_path.read_text().splitlines() if line.strip()),
                      key=lambda r: json.dumps(r, sort_keys=True))
    assert got == expected


def test_every_span_points_at_its_own_words_and_quote_holds_them():
    text = SEED.read_text()
    for claim in extract_claims(text, {"published": dt.date(2022, 6, 15)}):
        words = text[claim.span_start:claim.span_end]
        assert words and words in claim.quote
        assert claim.quote in text


@pytest.mark.parametrize("sentence", [
    "The fighters must lay down their arms starting at 8 am Moscow time (0500 GMT).",
    "Photo taken June 10, 2022.",
    "This is the third time that a group of about 50 countries has met to discuss aid.",
    "Luhansk is one of two eastern provinces that Moscow claims.",
    "Fighting in the 12-year-old conflict flared again, officials said.",
    "The S-300 and Su-25 were seen near the 93rd Brigade's positions.",
    "Prices rose 15% in 2022.",
    "Rebuilding the city would cost $411 billion, the World Bank said.",
    "Investigators have opened 15,000 war crimes cases.",
    "Russia has captured 6,000 square kilometres of territory over 24 hours.",
])
def test_things_that_are_not_figures_give_no_claim(sentence):
    assert extract_claims(sentence, {"published": dt.date(2022, 6, 15)}) == []

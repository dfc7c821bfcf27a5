"""Extraction costs time in proportion to the text, whatever the text (issue: a 20 KB run-on
article took 23 s, random word salads minutes). Cost is measured as steps (lines of Tally's
Python executed, `tests.steps.count_steps`) when the input doubles, never as wall-clock time."""
from __future__ import annotations

import re
import sys

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from etl.extract import extract_claims
from etl.extract import text as text_module
from etl.extract.text import split_sentences
from tests.steps import count_steps

# A run-on report with no full stop: a figure, a place, a speaker and a trigger every few words.
# Each repeat states other numbers ({n}), so that no two figures are one figure told twice.
RUN_ON = ("shelling killed 1{n} people and wounded 3{n} civilians in Kharkiv on Tuesday the governor said and "
          "more than 5{n} are trapped in the Azot plant according to the UN while Kyiv said between 1{n} and "
          "2{n} of its soldiers are killed every day ")
# The same in Ukrainian and Russian (lemmatised tokens, Cyrillic places, per-language tables).
RUN_ON_UK = ("обстріл убив 1{n} людей і поранив 3{n} цивільних у Харкові у вівторок повідомив голова ОВА і понад "
             "5{n} людей заблоковані на заводі Азот за даними ООН тоді як Київ заявив що щодня гинуть від 1{n} "
             "до 2{n} його військових ")
RUN_ON_RU = ("обстрел убил 1{n} человек и ранил 3{n} мирных жителей в Харькове во вторник сообщил губернатор и более "
             "5{n} человек заблокированы на заводе Азот по данным ООН в то время как Киев заявил что ежедневно "
             "гибнут от 1{n} до 2{n} его военных ")
LINEAR = 2.3  # steps(2n) / steps(n) at most: 2 for linear work, 4 or more for what it replaced


def text_of(unit: str, n: int) -> str:
    """n characters of `unit` repeated, its `{n}` (if any) numbering the repeats."""
    repeats = "".join(unit.replace("{n}", str(k)) for k in range(n // max(1, len(unit) - 4) + 1))
    return repeats[:n]


@pytest.mark.parametrize("unit", [RUN_ON, RUN_ON_UK, RUN_ON_RU], ids=["en", "uk", "ru"])
def test_a_run_on_article_costs_twice_as_much_when_twice_as_long(unit: str) -> None:
    extract_claims(text_of(unit, 1_000), {"published": "2022-06-15"})  # knowledge files loaded, caches warm
    small, claims_small = count_steps(extract_claims, text_of(unit, 10_000), {"published": "2022-06-15"})
    large, claims_large = count_steps(extract_claims, text_of(unit, 20_000), {"published": "2022-06-15"})
    assert len(claims_large) >= 1.9 * len(claims_small) > 0  # the figures are still read
    assert {"killed", "injured"} <= {c.metric for c in claims_large}
    assert large / small <= LINEAR, f"steps {small} -> {large} ({large / small:.2f}x) for twice the text"


class _CountingPattern:
    """Stands in for a compiled pattern: counts the characters each `search` is given to scan."""

    def __init__(self, pattern: re.Pattern[str]) -> None:
        self.pattern, self.chars = pattern, 0

    def search(self, string: str, pos: int = 0, endpos: int = sys.maxsize) -> re.Match[str] | None:
        self.chars += max(0, min(endpos, len(string)) - pos)
        return self.pattern.search(string, pos, endpos)


@pytest.mark.parametrize("sentence", ["Shelling hit the town. ", "Обстріл влучив у місто. ", "Обстрел попал в город. "],
                         ids=["en", "uk", "ru"])
def test_splitting_a_long_paragraph_is_linear(sentence: str, monkeypatch: pytest.MonkeyPatch) -> None:
    """Many sentences in one paragraph: each full stop's abbreviation check looks a few characters
    back, not at the whole paragraph before it (which made splitting quadratic). That work is in
    the regex engine, invisible to step counts: this counts the characters the check hands it for
    n and 4n characters of text (linear gives 4, the quadratic splitter about 16)."""
    counting = _CountingPattern(text_module._WORD_BEFORE_STOP_RE)
    monkeypatch.setattr(text_module, "_WORD_BEFORE_STOP_RE", counting)

    def scanned(n: int) -> int:
        counting.chars = 0
        sentences = split_sentences(text_of(sentence, n))
        assert len(sentences) > n // (2 * len(sentence))  # the stops are still read as ends
        return counting.chars

    small, large = scanned(5_000), scanned(20_000)
    assert small > 0
    assert large / small < 4.5, f"{small} -> {large} characters scanned for four times the text"


VOCABULARY = st.sampled_from([
    "killed", "wounded", "injured", "people", "civilians", "soldiers", "said", "according", "to", "the", "UN",
    "Kyiv", "Moscow", "Kharkiv", "Sievierodonetsk", "between", "and", "more", "than", "about", "at", "least",
    "12", "1,500", "4.6", "billion", "$2bn", "hundreds", "of", "thousands", "every", "day", "since", "June",
    "3", "Tuesday", "on", "in", ",", ";", "-", "(", ")", "were", "are", "trapped", "fled", "aid", "pledged",
    "air", "strikes", "his", "its", "troops", "lost", "toll", "rose", "nearly", "dozens",
])
WORD_SALAD = st.lists(st.one_of(VOCABULARY, VOCABULARY, VOCABULARY, st.text(min_size=1, max_size=12),
                                st.sampled_from([".", ". The", "\n"])), min_size=50, max_size=400).map(" ".join)


@settings(max_examples=12, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
@given(unit=WORD_SALAD)
def test_any_long_text_costs_linear_work_and_gives_valid_claims(unit: str) -> None:
    """Random long text (word salads, run-ons, stray symbols): twice the text, about twice the steps;
    every claim's span lies on its words inside its quote, and low <= best <= high."""
    n = max(3_000, len(unit))
    small, _ = count_steps(extract_claims, text_of(unit, n), {"published": "2022-06-15"})
    text = text_of(unit, 2 * n)
    large, claims = count_steps(extract_claims, text, {"published": "2022-06-15"})
    assert large <= LINEAR * small + 20_000, f"steps {small} -> {large} for twice the text"
    for claim in claims:
        words = text[claim.span_start:claim.span_end]
        assert 0 <= claim.span_start < claim.span_end <= len(text) and words.strip()
        assert words in claim.quote and claim.quote in text
        assert claim.value_low is None or claim.value_low <= claim.value_best
        assert claim.value_high is None or claim.value_best <= claim.value_high


CYRILLIC_VOCABULARY = st.sampled_from([
    "загинули", "поранені", "людей", "цивільних", "військових", "повідомив", "за", "даними", "ООН", "Харкові",
    "Києві", "щонайменше", "понад", "близько", "від", "до", "тисячі", "1 500", "4,6", "млрд", "грн", "тис.",
    "погибли", "ранены", "человек", "мирных", "жителей", "сообщил", "по", "данным", "Харькове", "не", "менее",
    "более", "около", "тысяч", "у", "вівторок", "во", "вторник", "з", "24", "лютого", "февраля", "за", "добу",
    "сутки", "ОВА", "Генштаб", "ЗСУ", "Минобороны", "окупанти", "двоє", "пятеро",
])
CYRILLIC_SALAD = st.lists(st.one_of(CYRILLIC_VOCABULARY, CYRILLIC_VOCABULARY, CYRILLIC_VOCABULARY,
                                    st.text(min_size=1, max_size=12), st.sampled_from([".", ". Ще", "\n"])),
                          min_size=50, max_size=400).map(" ".join)


@settings(max_examples=8, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
@given(unit=CYRILLIC_SALAD)
def test_any_long_cyrillic_text_costs_linear_work_and_gives_valid_claims(unit: str) -> None:
    """As above, for Ukrainian and Russian word salads (lemmatised tokens, Cyrillic place names)."""
    n = max(3_000, len(unit))
    extract_claims(text_of(unit, n), {"published": "2022-06-15"})  # every word form analysed once
    small, _ = count_steps(extract_claims, text_of(unit, n), {"published": "2022-06-15"})
    text = text_of(unit, 2 * n)
    extract_claims(text, {"published": "2022-06-15"})
    large, claims = count_steps(extract_claims, text, {"published": "2022-06-15"})
    assert large <= LINEAR * small + 20_000, f"steps {small} -> {large} for twice the text"
    for claim in claims:
        words = text[claim.span_start:claim.span_end]
        assert 0 <= claim.span_start < claim.span_end <= len(text) and words.strip()
        assert words in claim.quote and claim.quote in text
        assert claim.value_low is None or claim.value_low <= claim.value_best
        assert claim.value_high is None or claim.value_best <= claim.value_high

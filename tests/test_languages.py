"""Ukrainian and Russian: detection, the number grammar (by example and by property), places through
case endings, and the `language` input key."""
from __future__ import annotations

import json

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from etl.extract import detect_language
from etl.extract.lexicon import using_language
from etl.extract.numbers import find_quantities, parse_number
from etl.extract.text import tokenize
from etl.places import find_places
from etl.readers import read_path


@pytest.mark.parametrize("text, language", [
    ("Russian shelling killed at least 14 people in Kharkiv.", "en"),
    ("Внаслідок обстрілу загинули троє людей, ще п'ятеро поранені.", "uk"),
    ("В результате обстрела погибли три человека, ещё пятеро ранены.", "ru"),
    ("Загинули 5 людей.", "uk"),
    ("Погибли 5 человек.", "ru"),
])
def test_language_is_detected(text, language):
    assert detect_language(text) == language


@pytest.mark.parametrize("language, text, value", [
    ("uk", "1 500", 1500), ("uk", "1\u00a0500", 1500), ("uk", "4,6 млрд", 4.6e9), ("uk", "2 тис", 2000),
    ("uk", "десять", 10), ("uk", "двадцять п'ять", 25), ("uk", "двохсот", 200), ("uk", "двісті п'ятдесят", 250),
    ("uk", "дві тисячі п'ятсот", 2500), ("uk", "півтори тисячі", 1500), ("uk", "п'ятеро", 5),
    ("ru", "полторы тысячи", 1500), ("ru", "двадцать пять", 25), ("ru", "двухсот", 200), ("ru", "3 млн", 3e6),
    ("ru", "1 300", 1300), ("ru", "2,5 млрд", 2.5e9), ("ru", "трое", 3),
])
def test_parse_number(language, text, value):
    with using_language(language):
        assert parse_number(text) == pytest.approx(value)


@pytest.mark.parametrize("language, text, expected", [
    ("uk", "щонайменше 14", ("at_least", 14, 14, None)),
    ("uk", "не менше ніж 14", ("at_least", 14, 14, None)),
    ("uk", "понад 500", ("more_than", 500, 500, None)),
    ("uk", "більше 500", ("more_than", 500, 500, None)),
    ("uk", "близько 1 000", ("approximate", 900, 1000, 1100)),
    ("uk", "майже 1 000", ("approximate", 900, 1000, 1000)),
    ("uk", "до 300", ("at_most", None, 300, 300)),
    ("uk", "від 10 до 20", ("range", 10, 15, 20)),
    ("uk", "десятки", ("vague", 24, 24, 99)),
    ("uk", "сотні", ("vague", 200, 200, 999)),
    ("uk", "тисячі", ("vague", 2000, 2000, 9999)),
    ("uk", "десятки тисяч", ("vague", 20000, 20000, 99999)),
    ("ru", "не менее 14", ("at_least", 14, 14, None)),
    ("ru", "более 500", ("more_than", 500, 500, None)),
    ("ru", "свыше 500", ("more_than", 500, 500, None)),
    ("ru", "около 1 000", ("approximate", 900, 1000, 1100)),
    ("ru", "почти 1 000", ("approximate", 900, 1000, 1000)),
    ("ru", "до 450", ("at_most", None, 450, 450)),
    ("ru", "несколько сотен", ("vague", 300, 300, 900)),
    ("ru", "сотни тысяч", ("vague", 200000, 200000, 999999)),
])
def test_value_conventions(language, text, expected):
    with using_language(language):
        found = find_quantities(tokenize(text))
    assert len(found) == 1, found
    q = found[0]
    assert (q.qualifier, q.low, q.best, q.high) == pytest.approx(expected)


_WORDS = {"uk": ["загинули", "людей", "щонайменше", "понад", "близько", "до", "від", "тисячі", "десятки", "двохсот",
                 "п'ять", "млн", "тис.", "і", "або", "-", ",", "поранено", "2022", "року", "лютого", "24"],
          "ru": ["погибли", "человек", "не", "менее", "более", "около", "до", "от", "тысячи", "сотни", "двухсот",
                 "пять", "млн", "тыс.", "и", "или", "-", ",", "ранены", "2022", "года", "февраля", "24"]}


@pytest.mark.parametrize("language", ["uk", "ru"])
@settings(max_examples=150, deadline=None)
@given(data=st.data())
def test_number_grammar_never_crashes_and_spans_point_at_their_words(language, data):
    words = data.draw(st.lists(st.one_of(st.sampled_from(_WORDS[language]),
                                         st.integers(0, 999_999).map(str),
                                         st.integers(1, 999).map(lambda n: f"{n} {n % 1000:03d}")), max_size=10))
    text = " ".join(words)
    with using_language(language):
        tokens = tokenize(text)
        for q in find_quantities(tokens):
            assert 0 <= q.start < q.end <= len(tokens)
            words_of = text[tokens[q.start].start:tokens[q.end - 1].end]
            assert words_of.strip() == words_of and words_of
            assert q.low is None or q.low <= q.best
            assert q.high is None or q.best <= q.high


@pytest.mark.parametrize("language, text, canonical", [
    ("uk", "У Харкові", "Kharkiv"), ("uk", "з Харкова", "Kharkiv"), ("uk", "на Донеччині", "Donetsk Oblast"),
    ("uk", "Херсонщина", "Kherson Oblast"), ("uk", "Харківської області", "Kharkiv Oblast"), ("uk", "у Києві", "Kyiv"),
    ("ru", "в Харькове", "Kharkiv"), ("ru", "Белгородской области", "Belgorod Oblast"), ("ru", "в Киеве", "Kyiv"),
])
def test_cyrillic_places_match_through_case_endings(language, text, canonical):
    assert [m.canonical for m in find_places(text, language)] == [canonical]


def test_a_language_key_overrides_detection_and_a_bad_one_is_a_problem(tmp_path):
    path = tmp_path / "a.jsonl"
    path.write_text("\n".join(json.dumps(r, ensure_ascii=False) for r in [
        {"text": "Загинули 5 людей.", "language": "ru"}, {"text": "Загинули 5 людей.", "language": "de"}]) + "\n",
        encoding="utf-8")
    first, second = list(read_path(path))
    assert first.language == "ru"
    assert "language" in second.message and second.line == 2
    # in front matter, the problem names the line the key is written on
    md = tmp_path / "b.md"
    md.write_text("---\ntitle: Обстріл\nlanguage: pl\n---\nЗагинули 5 людей.\n", encoding="utf-8")
    [problem] = list(read_path(md))
    assert "'pl'" in problem.message and problem.line == 3


@pytest.mark.parametrize("text", [
    "Загинули 9 млрд людей.", "Загинули 10 000 000 000 людей.", "Загинули " + "1" * 400 + " людей.",
    "Погибли 9 млрд человек, сообщил губернатор.", "Погибли " + "9" * 400 + " человек.",
    "Загинули " + "мільйон " * 40 + "людей.",
])
def test_counts_larger_than_the_world_are_no_figures_in_ukrainian_and_russian(text):
    """The world-population bound is one fact for every language (etl/data/en/quantities.yaml)."""
    from etl.extract import extract_claims

    assert extract_claims(text, {"published": "2022-06-15"}) == []
    money = extract_claims("Росія витратила 9 млрд доларів на війну, загинули 8 людей.", {"published": "2022-06-15"})
    assert [(c.metric, c.value_best) for c in money] == [("killed", 8)]  # money is not bounded by people


def test_an_overlong_cyrillic_sentence_is_read_in_parts_with_its_figures():
    from etl.extract import extract_claims
    from etl.extract.text import MAX_SENTENCE_CHARS, split_sentences

    text = "обстріл тривав усю ніч, " * 100 + "загинули 1 500 людей"
    with using_language("uk"):
        parts = split_sentences(text)
    assert len(parts) > 2 and all(len(p.text) <= MAX_SENTENCE_CHARS for p in parts)
    assert text[parts[-1].start:parts[-1].end].endswith("загинули 1 500 людей")
    assert [(c.metric, c.value_best) for c in extract_claims(text, {"published": "2022-06-15"})] == [("killed", 1500)]


_TEXT_PIECES = ["US$", "$", "€", "U.S.", "a.m.", "1,500", "2.5m", "8am", "1 500", "4,6", "+380 67 123 45 67",
                "0 800 500 335", "Kyiv’s", "don't", "Zelenskiy", "Харків", "п'ять", "ʼ", "-", "—", ",", ".", "(",
                "_", "é", "ß", "中", "\u0301", "\u00a0", "\u202f", " ", "  ", "\n", "\t"]


@pytest.mark.parametrize("language", ["en", "uk"])
@settings(max_examples=300, deadline=None)
@given(pieces=st.lists(st.sampled_from(_TEXT_PIECES) | st.text(max_size=4), max_size=16),
       offset=st.integers(0, 10_000))
def test_tokens_are_the_tokenizer_regex_matches_at_their_offsets(language, pieces, offset):
    """`tokenize` reads forms with `findall` and places them with `str.find`: the tokens must be exactly
    the regex's matches, offsets included, whatever the spacing and the scripts."""
    from etl.extract.text import _TOKEN_RE, _TOKEN_RE_CYRILLIC

    text = "".join(pieces)
    with using_language(language):
        tokens = tokenize(text, offset)
    regex = _TOKEN_RE if language == "en" else _TOKEN_RE_CYRILLIC
    assert [(tok.text, tok.start - offset, tok.end - offset) for tok in tokens] == \
        [(m.group(), m.start(), m.end()) for m in regex.finditer(text)]
    assert all(text[tok.start - offset:tok.end - offset] == tok.text for tok in tokens)
    assert tokens.digits == [k for k, tok in enumerate(tokens) if tok.lower[:1].isdigit()]

"""Normal forms of Ukrainian and Russian words, so that knowledge written once matches every inflection.

"загинули", "загинуло", "загиблих" or "погибли", "погибших" must all reach the trigger the data
lists once. A stemmer cannot do that for Slavic inflection with vowel alternation ("Харків",
"Харкова", "Харкові"; "двісті", "двохсот"), and a model would need downloading; pymorphy3 is a
dictionary-based morphological analyser whose OpenCorpora (Russian) and VESUM-based (Ukrainian)
dictionaries ship as packages (pymorphy3-dicts-ru, pymorphy3-dicts-uk), so nothing is fetched at
run time. It is loaded once per language, on first use.

The normal form of a word is the lemma of pymorphy3's best parse, with two corrections that the
dictionaries' parse order needs: a word that is its own lemma in some parse stays itself
("людина" is not read as the rare "людин", "понад" not as "понада"), and the language's
`lemma_overrides` (etl/data/<language>/morphology.yaml) fix the rest. Lemmatisation is on the
extractor's hot path, so every word form is analysed once per process (`normal_form` is memoised;
a news vocabulary is small enough to keep).
"""
from __future__ import annotations

from functools import lru_cache
from typing import Any

from etl.extract.lexicon import DATA_DIR, LexiconError, load_yaml

INFLECTED_LANGUAGES = ("uk", "ru")
_APOSTROPHES = str.maketrans({"’": "'", "ʼ": "'", "`": "'", "‘": "'"})


@lru_cache(maxsize=None)
def _analyser(language: str) -> Any:
    import pymorphy3  # imported lazily: English extraction never needs it

    return pymorphy3.MorphAnalyzer(lang=language)


@lru_cache(maxsize=None)
def _data(language: str) -> dict[str, Any]:
    path = DATA_DIR / language / "morphology.yaml"
    data = load_yaml(path.read_bytes())
    if not isinstance(data, dict) or not isinstance(data.get("version"), int):
        raise LexiconError(f"{path}: must be a mapping with an integer `version`")
    for key in ("name_endings", "place_adjectives", "town_area_suffixes"):
        if not isinstance(data.get(key, {}), dict):
            raise LexiconError(f"{path}: `{key}` must be a mapping")
    return data


@lru_cache(maxsize=None)
def _overrides(language: str) -> dict[str, str]:
    return {str(k).lower(): str(v).lower() for k, v in (_data(language).get("lemma_overrides") or {}).items()}


@lru_cache(maxsize=1 << 18)
def normal_form(word: str, language: str) -> str:
    """The lowercase normal form (lemma) of one word in `language`; other languages get the lowercase word."""
    lower = word.lower()
    if language not in INFLECTED_LANGUAGES or not _is_cyrillic(lower):
        return lower
    lower = lower.translate(_APOSTROPHES).replace("ё", "е")
    override = _overrides(language).get(lower)
    if override is not None:
        return override
    forms = [p.normal_form.replace("ё", "е") for p in _analyser(language).parse(lower)]
    if not forms:
        return lower
    return lower if lower in forms else forms[0]


@lru_cache(maxsize=1 << 16)
def normal_forms(word: str, language: str) -> tuple[str, ...]:
    """Every lemma a word can have in `language`, best first (for place names: "Києві" is Київ's)."""
    best = normal_form(word, language)
    if language not in INFLECTED_LANGUAGES or not _is_cyrillic(word.lower()):
        return (best,)
    lower = word.lower().translate(_APOSTROPHES).replace("ё", "е")
    others = [p.normal_form.replace("ё", "е") for p in _analyser(language).parse(lower)]
    return tuple(dict.fromkeys([best, lower, *others]))


@lru_cache(maxsize=1 << 16)
def name_stems(word: str, language: str) -> tuple[str, ...]:
    """Nominatives a place name may have behind a case ending the dictionaries do not know ("з Покровська" ->
    "покровськ", Russian "в Сумах" -> "сумы"): the word with each of the language's `name_endings`
    (etl/data/<language>/morphology.yaml) replaced. Only looked up in the gazetteer, never used as a lemma."""
    lower = word.lower().translate(_APOSTROPHES).replace("ё", "е")
    out = []
    for ending, replacements in (_data(language).get("name_endings") or {}).items() if language in INFLECTED_LANGUAGES else ():
        if lower.endswith(str(ending)) and len(lower) - len(str(ending)) >= 3:
            out += [lower[: -len(str(ending))] + str(r or "") for r in replacements]
    return tuple(dict.fromkeys(out))


def place_adjective_nouns(language: str) -> frozenset[str]:
    """Normal forms of the nouns after which a town's adjective names the area around the town ("район")."""
    spec = _data(language).get("place_adjectives") or {} if language in INFLECTED_LANGUAGES else {}
    return frozenset(normal_form(str(w), language) for w in spec.get("nouns") or ())


@lru_cache(maxsize=1 << 14)
def place_adjective_stems(word: str, language: str) -> tuple[str, ...]:
    """Town names an adjective may be made from ("Куп'янського" -> "куп'янськ", "Грайворонский" -> "грайворон"):
    the adjective's normal forms with the language's `place_adjectives.endings` replaced."""
    spec = _data(language).get("place_adjectives") or {} if language in INFLECTED_LANGUAGES else {}
    out = []
    for form in normal_forms(word, language):
        for ending, replacements in (spec.get("endings") or {}).items():
            if form.endswith(str(ending)) and len(form) > len(str(ending)) + 2:
                out += [form[: -len(str(ending))] + str(r or "") for r in replacements]
    return tuple(dict.fromkeys(out))


@lru_cache(maxsize=1 << 14)
def town_area_stems(word: str, language: str) -> tuple[str, ...]:
    """Town names a region word may be made from ("Нікопольщину" -> "нікополь", "Куп'янщина" -> "куп'янськ"):
    the word's normal forms and case stems with the language's `town_area_suffixes` replaced."""
    suffixes = (_data(language).get("town_area_suffixes") or {}) if language in INFLECTED_LANGUAGES else {}
    out = []
    for form in (*normal_forms(word, language), *name_stems(word, language)):
        for suffix, replacements in suffixes.items():
            if form.endswith(str(suffix)) and len(form) > len(str(suffix)) + 2:
                out += [form[: -len(str(suffix))] + str(r or "") for r in replacements]
    return tuple(dict.fromkeys(out))


@lru_cache(maxsize=1 << 16)
def grammatical_numbers(word: str, language: str, lemma: str | None = None) -> frozenset[str]:
    """The grammatical numbers ("sing", "plur") of a word's parses (of those with normal form `lemma`, when
    given): {"sing"} for "жінка", "чоловіка", "погиб"; both for "жінки" (genitive singular or nominative
    plural); empty for a word without number ("поранено"). The Ukrainian dictionary marks the singular by
    gender alone ("NOUN,anim femn,nomn"), so a gender without "plur" is the singular."""
    lower = word.lower().translate(_APOSTROPHES).replace("ё", "е")
    if language not in INFLECTED_LANGUAGES or not _is_cyrillic(lower):
        return frozenset()
    numbers = set()
    for p in _analyser(language).parse(lower):
        if lemma is not None and p.normal_form.replace("ё", "е") != lemma:
            continue
        number = p.tag.number or ("sing" if p.tag.gender else None)
        if number:
            numbers.add(str(number))
    return frozenset(numbers)


@lru_cache(maxsize=1 << 16)
def parts_of_speech(word: str, language: str) -> frozenset[str]:
    """pymorphy3's parts of speech of a word's parses (ADJF for "поранена", NOUN for "жінка")."""
    lower = word.lower().translate(_APOSTROPHES).replace("ё", "е")
    if language not in INFLECTED_LANGUAGES or not _is_cyrillic(lower):
        return frozenset()
    return frozenset(str(p.tag.POS) for p in _analyser(language).parse(lower) if p.tag.POS)


def _is_cyrillic(lower: str) -> bool:
    return any("а" <= ch <= "я" or ch in "іїєґё" for ch in lower)

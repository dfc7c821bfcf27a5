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

import yaml

from etl.extract.lexicon import DATA_DIR, LexiconError

INFLECTED_LANGUAGES = ("uk", "ru")
_APOSTROPHES = str.maketrans({"’": "'", "ʼ": "'", "`": "'", "‘": "'"})


@lru_cache(maxsize=None)
def _analyser(language: str) -> Any:
    import pymorphy3  # imported lazily: English extraction never needs it

    return pymorphy3.MorphAnalyzer(lang=language)


@lru_cache(maxsize=None)
def _overrides(language: str) -> dict[str, str]:
    path = DATA_DIR / language / "morphology.yaml"
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    if not isinstance(data, dict) or not isinstance(data.get("version"), int):
        raise LexiconError(f"{path}: must be a mapping with an integer `version`")
    return {str(k).lower(): str(v).lower() for k, v in (data.get("lemma_overrides") or {}).items()}


@lru_cache(maxsize=1 << 18)
def normal_form(word: str, language: str) -> str:
    """The lowercase normal form (lemma) of one word in `language`; other languages get the lowercase word."""
    lower = word.lower()
    if language not in INFLECTED_LANGUAGES or not any("а" <= ch <= "я" or ch in "іїєґё" for ch in lower):
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
    if language not in INFLECTED_LANGUAGES or best == word.lower():
        return (best,)
    lower = word.lower().translate(_APOSTROPHES).replace("ё", "е")
    others = [p.normal_form.replace("ё", "е") for p in _analyser(language).parse(lower)]
    return tuple(dict.fromkeys([best, lower, *others]))

"""The language of an article: English, Ukrainian or Russian (ISO 639-1 `en`, `uk`, `ru`).

Text without Cyrillic letters is English. Cyrillic text is Ukrainian or Russian, which the script
alone cannot tell apart ("і", "ї", "є" are Ukrainian, "ы", "э", "ъ" Russian, but a short post may
have none of them, and quotes mix them); lingua (lingua-language-detector) decides, with the
models of only these two languages loaded: they ship inside the package, nothing is downloaded,
and a detector built for two languages is small and fast. A `language` key in the input
overrides detection.
"""
from __future__ import annotations

import re
from functools import lru_cache
from typing import Any

from etl.extract.lexicon import LANGUAGE, LANGUAGES

_CYRILLIC = re.compile(r"[А-Яа-яЁёІіЇїЄєҐґ]")
_LATIN = re.compile(r"[A-Za-z]")
_UKRAINIAN_ONLY = re.compile(r"[ІіЇїЄєҐґ]")
_RUSSIAN_ONLY = re.compile(r"[ЫыЭэЪъЁё]")
_SAMPLE_CHARS = 4000  # the opening of an article tells its language; detection time stays bounded


@lru_cache(maxsize=1)
def _detector() -> Any:
    from lingua import Language, LanguageDetectorBuilder  # imported lazily: English text never needs it

    return LanguageDetectorBuilder.from_languages(Language.UKRAINIAN, Language.RUSSIAN).build()


def detect_language(text: str) -> str:
    """`uk` or `ru` for text written mostly in Cyrillic (told apart by lingua), else `en`."""
    sample = text[:_SAMPLE_CHARS]
    cyrillic = len(_CYRILLIC.findall(sample))
    if cyrillic == 0 or cyrillic < len(_LATIN.findall(sample)):
        return LANGUAGE
    found = _detector().detect_language_of(sample)
    if found is not None and found.iso_code_639_1.name.lower() in LANGUAGES:
        return found.iso_code_639_1.name.lower()
    return "ru" if len(_RUSSIAN_ONLY.findall(sample)) > len(_UKRAINIAN_ONLY.findall(sample)) else "uk"

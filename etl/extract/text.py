"""Paragraphs, sentences and tokens with character offsets into the article text.

Hand-written on purpose: every claim must point at its own characters in
`articles.text`, and the off-the-shelf splitters we looked at either drop offsets
or re-normalise whitespace. Wire copy needs little: paragraphs are lines, and a
sentence ends at . ! ? unless the word before is a known abbreviation.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cached_property, lru_cache

from etl.extract.lexicon import LANGUAGE, current_language, lexicon
from etl.extract.morphology import INFLECTED_LANGUAGES, normal_form

# Order matters: currency symbols, dotted abbreviations (U.S., a.m.), numbers with an
# optional glued suffix (1.2m, 8am, 3rd), words with inner apostrophes, any other character.
_TOKEN_RE = re.compile(
    r"US\$|[$€£¥₴₽]"
    r"|(?:[A-Za-z]\.){2,}"
    r"|\d{1,3}(?:,\d{3})+(?:\.\d+)?[A-Za-z]*"
    r"|\d+(?:\.\d+)?[A-Za-z]*"
    r"|[^\W\d_]+(?:['’][^\W\d_]+)*"
    r"|\S"
)
# Ukrainian and Russian write thousands with a (no-break, thin) space and decimals with a comma
# ("1 500", "4,6 млрд"); a phone number ("+380 67 123 45 67", "0 800 500 335") is one token, no count.
_TOKEN_RE_CYRILLIC = re.compile(
    r"\+\d{1,3}(?:[ \u00a0-]?\(?\d{2,3}\)?)(?:[ \u00a0-]?\d{2,3}){2,4}"
    r"|\b0[ \u00a0-]?800(?:[ \u00a0-]?\d{2,3}){2,3}"
    r"|US\$|[$€£¥₴₽]"
    r"|(?:[A-Za-z]\.){2,}"
    r"|[1-9]\d{0,2}(?:[ \u00a0\u202f]\d{3})+(?![\d,]\d)(?:,\d+)?"
    r"|\d+(?:,\d+)?[A-Za-z]*"
    r"|[^\W\d_]+(?:['’ʼ][^\W\d_]+)*"
    r"|\S"
)


@dataclass(frozen=True)
class Token:
    text: str
    start: int
    end: int
    norm: str = ""  # the form the rules compare: lowercase text; where words inflect, the lemma

    @cached_property
    def lower(self) -> str:
        """The token as the rules compare it: the lowercase word in English, its normal form (lemma)
        in Ukrainian and Russian, so that every rule and table matches through inflection. Cached:
        the phrase tables ask for it millions of times per corpus."""
        return self.norm or self.text.lower()

    @property
    def surface(self) -> str:
        """The lowercase word as written (for the few tables where the inflection carries meaning)."""
        return self.text.lower()

    @property
    def is_word(self) -> bool:
        return self.text[:1].isalpha()

    @property
    def is_capitalised(self) -> bool:
        return self.text[:1].isupper()


@dataclass(frozen=True)
class Sentence:
    text: str
    start: int
    end: int
    paragraph: int
    index_in_paragraph: int
    tokens: tuple[Token, ...]


def tokenize(text: str, offset: int = 0, language: str | None = None) -> tuple[Token, ...]:
    """Split text into tokens whose offsets are shifted by `offset` (in the language being extracted)."""
    language = language or current_language()
    if language not in INFLECTED_LANGUAGES:
        return tuple(Token(m.group(), m.start() + offset, m.end() + offset) for m in _TOKEN_RE.finditer(text))
    return tuple(Token(m.group(), m.start() + offset, m.end() + offset, normal_form(m.group(), language))
                 for m in _TOKEN_RE_CYRILLIC.finditer(text))


def phrase_tokens(phrase: str, *, surface: bool = False) -> tuple[str, ...]:
    """A lexicon phrase as the token sequence it must match (normal forms, or `surface` lowercase words)."""
    return _phrase_tokens(phrase, current_language(), surface)


@lru_cache(maxsize=16384)
def _phrase_tokens(phrase: str, language: str, surface: bool) -> tuple[str, ...]:
    return tuple(t.surface if surface else t.lower for t in tokenize(phrase, language=language))


def word_set(words: list[str]) -> frozenset[str]:
    """A list of single words from the knowledge files, in the form tokens are compared in."""
    if current_language() == LANGUAGE:
        return frozenset(words)
    return frozenset(normal_form(w, current_language()) for w in words)


def word_map(mapping: dict[str, object]) -> dict[str, object]:
    """A word-keyed table from the knowledge files, keyed in the form tokens are compared in."""
    if current_language() == LANGUAGE:
        return mapping
    return {normal_form(w, current_language()): v for w, v in mapping.items()}


def paragraphs(text: str) -> list[tuple[int, int]]:
    """(start, end) of each non-empty line-delimited paragraph."""
    spans = []
    for m in re.finditer(r"[^\n]+", text):
        if m.group().strip():
            spans.append((m.start(), m.end()))
    return spans


_END_RE = re.compile(r"[.!?]+[\"”’')\]]*(?=\s+[\"“‘'(\[«]?[A-Z0-9А-ЯЁЄІЇҐ])")
# the word (any alphabet's letters and inner full stops: "U.S.", "тис.") before a full stop
_WORD_BEFORE_STOP_RE = re.compile(r"((?:[^\W\d_]|\.)+)\.*$")
_ABBREVIATION_CHARS = 24  # an abbreviation before a full stop ("Lt.", "U.S.", "обл.") is never longer

MAX_SENTENCE_CHARS = 1000
"""Longest sentence read as one: longer runs (scraped tables, live blogs without full stops)
are cut at safe points, so that the work per sentence is bounded and extraction is linear
in the length of the text. Real wire sentences stay under 600 characters."""
# Where an overlong sentence may be cut, best first: clause punctuation, then any space.
_SAFE_CUTS = re.compile(r"[;:]\s|,\s|\s[-–—]+\s")


def split_sentences(text: str, max_chars: int = MAX_SENTENCE_CHARS) -> list[Sentence]:
    """Sentences of the text, each within one paragraph and at most `max_chars` long, with tokens."""
    abbreviations = set(lexicon().text["abbreviations"])
    sentences: list[Sentence] = []
    for p_index, (p_start, p_end) in enumerate(paragraphs(text)):
        para = text[p_start:p_end]
        cuts = [0]
        for m in _END_RE.finditer(para):
            # only the few characters before the stop: the whole paragraph each time would be quadratic
            before = _WORD_BEFORE_STOP_RE.search(para, max(0, m.start() - _ABBREVIATION_CHARS), m.start() + 1)
            word = before.group(1).lower().rstrip(".") if before else ""
            if m.group().startswith(".") and (word in abbreviations or (len(word) == 1 and word.isalpha())):
                continue
            cuts.append(m.end())
        cuts.append(len(para))
        cuts = _cap_lengths(para, cuts, max_chars)
        in_para = 0
        for a, b in zip(cuts, cuts[1:]):
            chunk = para[a:b]
            stripped_left = len(chunk) - len(chunk.lstrip())
            s_text = chunk.strip()
            if not s_text:
                continue
            s_start = p_start + a + stripped_left
            sentences.append(Sentence(s_text, s_start, s_start + len(s_text), p_index, in_para,
                                      tokenize(s_text, s_start)))
            in_para += 1
    return sentences


def _cap_lengths(para: str, cuts: list[int], max_chars: int) -> list[int]:
    """`cuts` with more cuts wherever two are over `max_chars` apart: at the last clause mark
    (; : , or a spaced dash) in the second half of the allowed length, else the last space,
    else (one endless word) at the limit itself."""
    capped = [cuts[0]]
    for end in cuts[1:]:
        start = capped[-1]
        while end - start > max_chars:
            limit = start + max_chars
            floor = start + max_chars // 2
            marks = [m.end() for m in _SAFE_CUTS.finditer(para, floor, limit)]
            space = para.rfind(" ", floor, limit)
            cut = marks[-1] if marks else (space + 1 if space > start else limit)
            capped.append(cut)
            start = cut
        capped.append(end)
    return capped


def match_phrase_at(tokens: tuple[Token, ...], i: int, phrase: tuple[str, ...]) -> bool:
    """True when the lowercase tokens from i on spell `phrase`."""
    if i < 0 or i + len(phrase) > len(tokens):
        return False
    return all(tokens[i + k].lower == phrase[k] for k in range(len(phrase)))


class PhraseTable:
    """Phrases indexed by first token, matched longest first (case-insensitive; through inflection
    unless `surface`: "тисячі" means thousands and "тисяча" a thousand, so vague quantities match as written)."""

    def __init__(self, entries: list[tuple[str, object]], *, surface: bool = False):
        self._by_first: dict[str, list[tuple[tuple[str, ...], object]]] = {}
        self._surface = surface
        for phrase, value in entries:
            toks = phrase_tokens(phrase, surface=surface)
            if toks:
                self._by_first.setdefault(toks[0], []).append((toks, value))
        for lst in self._by_first.values():
            lst.sort(key=lambda e: -len(e[0]))

    def match(self, tokens: tuple[Token, ...], i: int) -> tuple[int, object] | None:
        """(length in tokens, value) of the longest phrase starting at token i."""
        if i >= len(tokens):
            return None
        if self._surface:
            for toks, value in self._by_first.get(tokens[i].surface, ()):
                if i + len(toks) <= len(tokens) and all(tokens[i + k].surface == toks[k] for k in range(len(toks))):
                    return len(toks), value
            return None
        for toks, value in self._by_first.get(tokens[i].lower, ()):
            if match_phrase_at(tokens, i, toks):
                return len(toks), value
        return None

    def match_ending_at(self, tokens: tuple[Token, ...], end: int) -> tuple[int, object] | None:
        """(length, value) of the longest phrase whose last token is tokens[end - 1]."""
        best = None
        for start in range(max(0, end - 8), end):
            found = self.match(tokens, start)
            if found and start + found[0] == end and (best is None or found[0] > best[0]):
                best = found
        return best

"""Paragraphs, sentences and tokens with character offsets into the article text.

Hand-written on purpose: every claim must point at its own characters in
`articles.text`, and the off-the-shelf splitters we looked at either drop offsets
or re-normalise whitespace. Wire copy needs little: paragraphs are lines, and a
sentence ends at . ! ? unless the word before is a known abbreviation.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from typing import Any, Callable

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


class Token:
    """One token with its character offsets and the features every rule reads, computed once when the
    sentence is tokenized (the rules read them millions of times per corpus; a property or a cached
    property per read cost a fifth of extraction). Treated as immutable.

    `lower`: the form the rules compare, the lowercase word in English, its normal form (lemma) in
    Ukrainian and Russian, so that every rule and table matches through inflection; `surface`: the
    lowercase word as written (for the few tables where the inflection carries meaning)."""

    __slots__ = ("text", "start", "end", "norm", "lower", "surface", "is_word", "is_capitalised")

    def __init__(self, text: str, start: int, end: int, norm: str = "") -> None:
        self.text = text
        self.start = start
        self.end = end
        self.norm = norm  # the normal form where words inflect, else ""
        self.surface = text.lower()
        self.lower = norm or self.surface
        self.is_word = text[:1].isalpha()
        self.is_capitalised = text[:1].isupper()

    def _key(self) -> tuple[str, int, int, str]:
        return self.text, self.start, self.end, self.norm

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Token) and self._key() == other._key()

    def __hash__(self) -> int:
        return hash(self._key())

    def __repr__(self) -> str:
        return f"Token(text={self.text!r}, start={self.start}, end={self.end}, norm={self.norm!r})"


class _once:
    """A property computed on first use and kept in the instance (functools.cached_property without the
    lock it takes in Python 3.11, which cost more than the indexes it guards, once per sentence)."""

    def __init__(self, compute: Callable[[Any], Any]) -> None:
        self._compute = compute
        self._name = compute.__name__
        self.__doc__ = compute.__doc__

    def __get__(self, obj: Any, owner: type | None = None) -> Any:
        if obj is None:
            return self
        value = obj.__dict__[self._name] = self._compute(obj)
        return value


class Tokens(tuple):
    """A sentence's tokens, with the set of their words kept once (`words`): a table's words are looked for
    only in a sentence that has one of them, and most sentences have none of most tables' words. A slice is
    a plain tuple; everything that takes tokens accepts either."""

    inflected = True  # whether a token's compared form may differ from its lowercase text (normal forms)

    @classmethod
    def of(cls, tokens: list[Token], *, inflected: bool) -> Tokens:
        made = cls(tokens)
        made.inflected = inflected
        return made

    @_once
    def lowers(self) -> tuple[str, ...]:
        """Each token's compared form (`Token.lower`), in order."""
        return tuple([tok.lower for tok in self])

    @_once
    def surfaces(self) -> tuple[str, ...]:
        """Each token's lowercase word as written (`Token.surface`), in order."""
        return tuple([tok.surface for tok in self]) if self.inflected else self.lowers

    @_once
    def words(self) -> frozenset[str]:
        """The compared forms of the sentence's tokens."""
        return frozenset(self.lowers)

    @_once
    def surface_words(self) -> frozenset[str]:
        """The sentence's lowercase words as written."""
        return frozenset(self.surfaces) if self.inflected else self.words

    @_once
    def where(self) -> dict[str, list[int]]:
        """Each compared form's token indices, ascending: `positions_in` reads the few words of a table that a
        sentence has from here instead of passing over every token once per table."""
        return _where(self.lowers)

    @_once
    def surface_where(self) -> dict[str, list[int]]:
        """Each lowercase word's token indices, ascending."""
        return _where(self.surfaces) if self.inflected else self.where

    @_once
    def digits(self) -> list[int]:
        """Indices of the tokens that start with a digit, ascending."""
        return [k for k, word in enumerate(self.lowers) if word[:1].isdigit()]


def _where(forms: tuple[str, ...]) -> dict[str, list[int]]:
    where: dict[str, list[int]] = {}
    for k, form in enumerate(forms):
        if form in where:
            where[form].append(k)
        else:
            where[form] = [k]
    return where


def positions_in(tokens: tuple[Token, ...], words: frozenset[str], *, surface: bool = False) -> list[int]:
    """Indices of the tokens whose compared form (`surface`: lowercase text) is one of `words`, ascending."""
    if isinstance(tokens, Tokens):
        if words.isdisjoint(tokens.surface_words if surface else tokens.words):  # iterates the smaller set
            return []
        found = words & (tokens.surface_words if surface else tokens.words)
        where = tokens.surface_where if surface else tokens.where
        if len(found) == 1:
            return where[next(iter(found))][:]  # a copy: callers extend it
        return sorted([k for word in found for k in where[word]])
    return [k for k, tok in enumerate(tokens) if (tok.surface if surface else tok.lower) in words]


def holds_any(tokens: tuple[Token, ...], words: frozenset[str]) -> bool:
    """Whether a token's compared form is one of `words` (`bool(positions_in(...))` without the positions)."""
    if isinstance(tokens, Tokens):
        return not words.isdisjoint(tokens.words)
    return any(tok.lower in words for tok in tokens)


def _forms_at(tokens: tuple[Token, ...], start: int, length: int, surface: bool) -> tuple[str, ...]:
    """The compared forms (`surface`: lowercase words) of tokens[start:start + length] (shorter past the end)."""
    if isinstance(tokens, Tokens):
        return (tokens.surfaces if surface else tokens.lowers)[start:start + length]
    return tuple([tok.surface if surface else tok.lower for tok in tokens[start:start + length]])


def digit_positions(tokens: tuple[Token, ...]) -> list[int]:
    """Indices of the tokens that start with a digit, ascending (once for a sentence's `Tokens`)."""
    if isinstance(tokens, Tokens):
        return tokens.digits
    return [k for k, tok in enumerate(tokens) if tok.text[:1].isdigit()]


@dataclass(frozen=True)
class Sentence:
    text: str
    start: int
    end: int
    paragraph: int
    index_in_paragraph: int
    tokens: tuple[Token, ...]


def tokenize(text: str, offset: int = 0, language: str | None = None) -> Tokens:
    """Split text into tokens whose offsets are shifted by `offset` (in the language being extracted)."""
    language = language or current_language()
    inflected = language in INFLECTED_LANGUAGES
    known = _FORM_FEATURES.setdefault(language, {})
    if len(known) > _MAX_KNOWN_FORMS:
        known.clear()  # bounded: a long run over many articles must not grow it for ever
    tokens: list[Token] = []
    lowers: list[str] = []
    digits: list[int] = []
    new = object.__new__
    find = text.find
    end = 0
    # Tokens are made without calling Token.__init__, their features looked up per word form: the forms of
    # wire copy repeat, and building each token's features anew was a fifth of extraction. (Same fields.)
    # The forms come from `findall`, without a match object each, and each one's offset from `str.find`
    # after the one before: every character the regex steps over is whitespace (its last branch takes any
    # other), and a form starts with none, so the first place it occurs there is where the regex took it.
    for form in (_TOKEN_RE_CYRILLIC if inflected else _TOKEN_RE).findall(text):
        features = known.get(form) or _learn_form(known, form, language, inflected)
        start = find(form, end)
        end = start + len(form)
        tok = new(Token)
        tok.text = form
        tok.start = start + offset
        tok.end = end + offset
        tok.norm, tok.surface, tok.lower, tok.is_word, tok.is_capitalised, digit = features
        if digit:
            digits.append(len(tokens))
        tokens.append(tok)
        lowers.append(tok.lower)
    made = Tokens.of(tokens, inflected=inflected)
    # what `Tokens.lowers` and `Tokens.digits` compute, while the forms are at hand
    made.__dict__["lowers"] = tuple(lowers)
    made.__dict__["digits"] = digits
    return made


_Features = tuple[str, str, str, bool, bool, bool]
_FORM_FEATURES: dict[str, dict[str, _Features]] = {}
"""Per language, per word form as written: (norm, surface, lower, is_word, is_capitalised) of its token, and
whether its compared form starts with a digit (`Tokens.digits`)."""
_MAX_KNOWN_FORMS = 1 << 18


def _learn_form(known: dict[str, _Features], form: str, language: str, inflected: bool) -> _Features:
    """The features `Token.__init__` gives a token of this form (kept in `known`)."""
    tok = Token(form, 0, 0, normal_form(form, language) if inflected else "")
    features = known[form] = (tok.norm, tok.surface, tok.lower, tok.is_word, tok.is_capitalised,
                              tok.lower[:1].isdigit())
    return features


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


def split_sentences(text: str, max_chars: int = MAX_SENTENCE_CHARS,
                    paragraph_spans: list[tuple[int, int]] | None = None) -> list[Sentence]:
    """Sentences of the text, each within one paragraph and at most `max_chars` long, with tokens
    (`paragraph_spans`: the text's `paragraphs`, when the caller has them already)."""
    abbreviations = set(lexicon().text["abbreviations"])
    sentences: list[Sentence] = []
    for p_index, (p_start, p_end) in enumerate(paragraphs(text) if paragraph_spans is None else paragraph_spans):
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
        if len(para) > max_chars:  # (a shorter paragraph has no cuts too far apart)
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


class PhraseTable:
    """Phrases indexed by first token, matched longest first (case-insensitive; through inflection
    unless `surface`: "тисячі" means thousands and "тисяча" a thousand, so vague quantities match as written)."""

    def __init__(self, entries: list[tuple[str, object]], *, surface: bool = False):
        by_first: dict[str, list[tuple[tuple[str, ...], object]]] = {}
        self._surface = surface
        for phrase, value in entries:
            toks = phrase_tokens(phrase, surface=surface)
            if toks:
                by_first.setdefault(toks[0], []).append((toks, value))
        for lst in by_first.values():
            lst.sort(key=lambda e: -len(e[0]))
        # first word -> (second word -> (the rest after it, what `match` returns), longest first; what `match`
        # returns for the one-word phrase, or None): the answers are built once, a one-word phrase needs no
        # comparison beyond the first word's lookup, and a longer one is compared only when its second word
        # stands next (the first words of the trigger table start a dozen phrases each)
        self._by_first: dict[str, tuple[dict[str, list[tuple[tuple[str, ...], tuple[int, object]]]],
                                        tuple[int, object] | None]] = {}
        for first, lst in by_first.items():
            longer: dict[str, list[tuple[tuple[str, ...], tuple[int, object]]]] = {}
            for toks, value in lst:
                if len(toks) > 1:
                    longer.setdefault(toks[1], []).append((toks[2:], (len(toks), value)))
            single = next(((1, value) for toks, value in lst if len(toks) == 1), None)
            self._by_first[first] = (longer, single)
        # last word -> (phrase length, phrase), longest first: for `match_ending_at`
        self._by_last: dict[str, list[tuple[int, tuple[str, ...]]]] = {}
        for lst in by_first.values():
            for toks, _ in lst:
                self._by_last.setdefault(toks[-1], []).append((len(toks), toks))
        for ends in self._by_last.values():
            ends.sort(key=lambda e: -e[0])
        self.first_words = frozenset(self._by_first)

    def match(self, tokens: tuple[Token, ...], i: int) -> tuple[int, object] | None:
        """(length in tokens, value) of the longest phrase starting at token i."""
        if i < 0:
            return None
        try:  # (past the end: no phrase; cheaper than comparing with the length first, at the many misses)
            tok = tokens[i]
        except IndexError:
            return None
        surface = self._surface
        entry = self._by_first.get(tok.surface if surface else tok.lower)
        if entry is None:
            return None
        longer, single = entry
        if longer and i + 1 < len(tokens):
            candidates = longer.get(tokens[i + 1].surface if surface else tokens[i + 1].lower)
            if candidates is not None:
                for rest, hit in candidates:  # longest first
                    if not rest or _forms_at(tokens, i + 2, len(rest), surface) == rest:
                        return hit
        return single

    def starts(self, tokens: tuple[Token, ...]) -> list[int]:
        """Indices of the tokens where a phrase may start (its first word stands there), ascending: the
        only places `match` can find anything."""
        return positions_in(tokens, self.first_words, surface=self._surface)

    def scan(self, tokens: tuple[Token, ...]) -> list[tuple[int, int, object]]:
        """(start, length, value) of the phrases of the sentence from left to right, longest first, not
        overlapping: what trying `match` at every token and skipping each phrase found gives."""
        out = []
        free = 0
        for i in self.starts(tokens):
            if i < free:
                continue
            hit = self.match(tokens, i)
            if hit is not None:
                out.append((i, hit[0], hit[1]))
                free = i + hit[0]
        return out

    def match_ending_at(self, tokens: tuple[Token, ...], end: int) -> tuple[int, object] | None:
        """(length, value) of the longest phrase whose last token is tokens[end - 1], among the phrases
        that are the longest match where they start (within 8 tokens before `end`)."""
        if not 0 < end <= len(tokens):
            return None
        ends = self._by_last.get(tokens[end - 1].surface if self._surface else tokens[end - 1].lower)
        if ends is None:
            return None
        floor = max(0, end - 8)
        for length, _ in ends:
            start = end - length
            if start < floor:
                continue
            found = self.match(tokens, start)
            if found is not None and found[0] == length:
                return found
        return None

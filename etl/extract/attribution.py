"""Who a figure is attributed to, and which party a name stands for.

A speaker is the noun phrase beside a speech verb ("Kyiv said", "said Oleksiy
Arestovych"), after a source preposition ("according to the UN"), or the actor of
an act that is itself the report ("Washington has allocated"). Pronouns point back
to the last named speaker. The words are data (etl/data/en/attribution.yaml).
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from etl.extract.lexicon import current_language, lexicon, per_language
from etl.extract.text import PhraseTable, Sentence, Token, phrase_tokens, positions_in, word_set

_MAX_SPEAKER_TOKENS = 9


@dataclass(frozen=True)
class Speaker:
    """A speaker phrase: character span in the article and its words as written."""

    start: int
    end: int
    text: str
    kind: str  # speech | preposition | actor | pronoun
    verb_token: int  # token index of the verb or preposition in its sentence


class _Tables:
    def __init__(self) -> None:
        a = lexicon().attribution
        self.speech = PhraseTable([(p, "speech") for p in a["speech_verbs"]])
        self.speech_words = frozenset(p for p in a["speech_verbs"] if " " not in p) | frozenset(a["government_speech"])
        self.prepositions = PhraseTable([(p, "preposition") for p in a["source_prepositions"]])
        self.actors = PhraseTable([(p, "actor") for p in a["actor_verbs"]])
        # "по его словам", "за його словами": the speaker is a pronoun for the last one named
        self.pronoun_prepositions = PhraseTable([(p, "pronoun") for p in a.get("pronoun_prepositions", [])])
        self.pronouns = {phrase_tokens(p) for p in a["pronouns"]}
        self.determiners = word_set(a["determiners"])
        self.stop = word_set(a["speaker_stop_words"])
        self.adverbs = word_set(a["speaker_adverbs"])
        self.speaker_nouns = word_set(a["speaker_nouns"])
        self.name_joiners = word_set(a["name_joiners"])
        self.verb_auxiliaries = word_set(a["verb_auxiliaries"])
        self.postposed_followers = word_set(a["postposed_followers"])
        self.title_prepositions = word_set(a["title_prepositions"])
        self.place_prepositions = word_set(lexicon().grammar["place_prepositions"])
        self.agencies = sorted(a["dateline_agencies"], key=len, reverse=True)
        self.not_speaker_heads = word_set(a.get("not_speaker_heads", []))
        self.leading_words = word_set(a.get("speaker_leading_words", []))
        self.reports_back = PhraseTable([(p, True) for p in a.get("reports_back_openers", [])])
        self.agency_pattern = a.get("dateline_agency_pattern", r"^[^\n]{0,80}\(\s*{agency}\s*\)")
        self.verb_first_words = (self.prepositions.first_words | self.speech.first_words | self.actors.first_words
                                 | self.pronoun_prepositions.first_words)
        self.party_aliases = PhraseTable([])
        entries = []
        for party, aliases in lexicon().parties["parties"].items():
            for alias in aliases:
                entries.append((alias, party))
        # party names are matched case-sensitively: "US" is a country, "us" is not; where words
        # inflect they are matched by normal form ("окупантів", "російських" name Russia)
        self.party_case = bool(lexicon().parties.get("match_case", True))
        self.party_by_alias = {alias: party for alias, party in entries}
        self.party_first: dict[str, list[tuple[list[str], str]]] = {}
        for alias, party in entries:
            words = [t.text if self.party_case else t.lower for t in _simple_tokens(alias)]
            self.party_first.setdefault(words[0], []).append((words, party))
        for lst in self.party_first.values():
            lst.sort(key=lambda e: -len(e[0]))


def _simple_tokens(text: str) -> tuple[Token, ...]:
    from etl.extract.text import tokenize
    return tokenize(text)


@per_language
def tables() -> _Tables:
    return _Tables()


def parties_in(tokens: tuple[Token, ...], start: int = 0, end: int | None = None) -> list[tuple[int, int, str]]:
    """Party names in tokens[start:end] as (first token, end token, canonical party)."""
    t = tables()
    end = len(tokens) if end is None else min(end, len(tokens))
    found = []
    i = start
    while i < end:
        hit = None
        if not t.party_case:
            for words, party in t.party_first.get(tokens[i].lower, ()):
                if i + len(words) <= end and all(tokens[i + k].lower == w for k, w in enumerate(words)):
                    hit = (i, i + len(words), party)
                    break
        for words, party in t.party_first.get(tokens[i].text, ()) if t.party_case else ():
            if i + len(words) <= end and all(tokens[i + k].text == w for k, w in enumerate(words)):
                hit = (i, i + len(words), party)
                break
        if hit is None and tokens[i].text.endswith(("'s", "’s")):
            base = tokens[i].text[:-2]
            if base in t.party_by_alias:
                hit = (i, i + 1, t.party_by_alias[base])
        if hit:
            found.append(hit)
            i = hit[1]
        else:
            i += 1
    return found


def party_of(text: str | None) -> str | None:
    """The first party a phrase names ("the Ukrainian military" -> "Ukraine")."""
    if not text:
        return None
    hits = parties_in(_simple_tokens(text))
    return hits[0][2] if hits else None


_NAME_QUOTES = ("«", "»")


def _is_boundary(tokens: tuple[Token, ...], k: int) -> bool:
    """True when token k cannot be inside a speaker's name (punctuation, a spaced dash)."""
    tok = tokens[k]
    if tok.text in _NAME_QUOTES:
        return False  # "повідомили в «Укренерго»": a name in guillemets
    if tok.text in ("-", "'", "’"):
        glued = k > 0 and tokens[k - 1].end == tok.start  # "Al-Shabaab", not "KYIV (Reuters) - The"
        return not glued
    return not (tok.is_word or tok.text[:1].isdigit())


def _joins_name(tokens: tuple[Token, ...], k: int) -> bool:
    """"Ministry of Defence", "Organization for Migration": a small word between capitalised ones."""
    if not (tokens[k].lower in tables().name_joiners and 0 < k < len(tokens) - 1 and tokens[k - 1].is_capitalised):
        return False
    after = k + 2 if tokens[k + 1].lower == "the" and k + 2 < len(tokens) else k + 1
    return tokens[after].is_capitalised


def _speaker_before(tokens: tuple[Token, ...], k: int) -> tuple[int, int] | None:
    """Token span of the noun phrase that ends right before token k ("Zelenskiy (also) said")."""
    t = tables()
    while k > 0 and tokens[k - 1].lower in t.adverbs and not tokens[k - 1].is_capitalised:
        k -= 1
    j = k
    while j > 0 and k - j < _MAX_SPEAKER_TOKENS:
        tok = tokens[j - 1]
        if _is_boundary(tokens, j - 1) or (tok.lower in t.stop and not _joins_name(tokens, j - 1)):
            break
        j -= 1
    while j < k and tokens[j].lower in t.determiners:
        j += 1
    joint = j - 1
    while joint > 0 and tokens[joint].lower in t.determiners:
        joint -= 1
    if j < k and joint >= 1 and tokens[joint].lower in t.title_prepositions:
        head = _speaker_before(tokens, joint)  # "the health ministry in the Hamas-run territory"
        if head and tokens[head[1] - 1].lower in t.speaker_nouns:
            j = head[0]
    return (j, k) if j < k else None


def _speaker_after(tokens: tuple[Token, ...], k: int) -> tuple[int, int] | None:
    """Token span of the noun phrase that starts at token k ("said the governor of Luhansk, ...")."""
    t = tables()
    j = k
    while j < len(tokens) and tokens[j].lower in t.determiners:
        j += 1
    start = j
    if start + 1 < len(tokens) and tokens[start].text in _NAME_QUOTES:
        start += 1
    if start >= len(tokens) or not (tokens[start].is_capitalised or tokens[start].is_word):
        return None
    j = start
    while j < len(tokens) and j - start < _MAX_SPEAKER_TOKENS:
        tok = tokens[j]
        if _is_boundary(tokens, j) or (tok.lower in t.stop and tok.lower not in ("of",)):
            break
        j += 1
    while j > start and tokens[j - 1].lower in ("of", "the"):
        j -= 1
    if j > start + 1 and tokens[j - 1].text == "»" and not any(tok.text == "«" for tok in tokens[start:j]):
        j -= 1  # "в «Укренерго»": the name without its closing quote
    return (start, j) if j > start else None


def _ends_clause(tokens: tuple[Token, ...], end: int) -> bool:
    """A post-posed speaker ends its clause: at the sentence end, punctuation or a preposition."""
    return end >= len(tokens) or tokens[end].text in ",.;:!?)\"”'»" or tokens[end].lower in tables().postposed_followers


def _appositive_speaker(tokens: tuple[Token, ...], comma: int) -> tuple[int, int] | None:
    """The speaker of "<Name>, <description>, said" ("The mayor of Mariupol, Vadym Boichenko, said",
    "Vladimir Rogov, a Russian-installed official in the region, said"); `comma` is the one before the verb."""
    p = comma - 1
    while p >= 0 and tokens[p].text != "," and comma - p <= 14:
        p -= 1
    if p < 1 or tokens[p].text != ",":
        return None
    if tokens[p + 1].is_capitalised:
        inner = _speaker_before(tokens, comma)
        return inner if inner and inner[0] > p else None
    name = _speaker_before(tokens, p)
    return name if name and tokens[name[0]].is_capitalised else None


def find_speakers(sentence: Sentence) -> list[Speaker]:
    """Speaker phrases in one sentence, in order of their verb."""
    t = tables()
    tokens = sentence.tokens
    out: list[Speaker] = []
    # only where a source preposition, speech or actor verb can start: the other tokens match nothing
    starts = positions_in(tokens, t.verb_first_words)
    free = 0  # the token after the last verb or preposition read
    for i in starts:
        if i < free:
            continue
        if tokens[i].is_capitalised and i > 0:
            continue  # verbs and prepositions are lowercase: "United States" holds no verb "states"
        pronoun = t.pronoun_prepositions.match(tokens, i)
        if pronoun:
            s, e = tokens[i].start, tokens[i + pronoun[0] - 1].end
            out.append(Speaker(s, e, sentence.text[s - sentence.start:e - sentence.start], "pronoun", i))
            free = i + pronoun[0]
            continue
        prep = t.prepositions.match(tokens, i)
        speech = None if prep else t.speech.match(tokens, i)
        actor = None if (prep or speech) else t.actors.match(tokens, i)
        if prep:
            span = _speaker_after(tokens, i + prep[0])
            kind = "preposition"
            length = prep[0]
        elif speech or actor:
            hit = speech or actor
            length = hit[0]
            kind = "speech" if speech else "actor"
            span = _speaker_before(tokens, i)
            # "has allocated": the auxiliary is part of the verb, not of the speaker
            while span and tokens[span[1] - 1].lower in t.verb_auxiliaries:
                span = (span[0], span[1] - 1) if span[1] - 1 > span[0] else None
            if span is None and speech and i > 1 and tokens[i - 1].text == ",":
                after = _speaker_after(tokens, i + length)  # "..., said Governor Vitaliy Kim."
                if after and _ends_clause(tokens, after[1]):
                    span = _trim_speaker(tokens, after, postposed=True)
            if span is None and i > 1 and tokens[i - 1].text == ",":
                span = _appositive_speaker(tokens, i - 1)
            if span is None and speech:
                span = _speaker_after(tokens, i + length)
                if span and not _ends_clause(tokens, span[1]):
                    span = None  # "said the bombing was ...": a complement, not a speaker
                if span:
                    span = _trim_speaker(tokens, span, postposed=True)
        else:
            continue
        if span:
            span = _trim_speaker(tokens, span)
        if span:
            words = tuple(tok.lower for tok in tokens[span[0]:span[1]])
            s, e = tokens[span[0]].start, tokens[span[1] - 1].end
            text = sentence.text[s - sentence.start:e - sentence.start]
            out.append(Speaker(s, e, text, "pronoun" if words in t.pronouns else kind, i))
        free = i + length
    return out + _label_speakers(sentence, out)


_MAX_LABEL_TOKENS = 5


def _label_speakers(sentence: Sentence, found: list[Speaker]) -> list[Speaker]:
    """Headline labels that name the source: "SOHR: 14 civilians killed in Idlib", "14 killed in Idlib:
    monitor", "Death toll rises to 30 - activists". A label that is a place ("Syria: ...") is no speaker."""
    text = sentence.text
    if ":" not in text and "-" not in text and "—" not in text and "–" not in text:
        return []  # a label is set off by one of these (most sentences have none)
    tokens = sentence.tokens
    n = len(tokens)
    out: list[Speaker] = []
    colon = next((k for k in range(1, min(n, _MAX_LABEL_TOKENS + 1)) if tokens[k].text == ":"), None)
    if colon is not None and not found and all(t.is_word and (t.is_capitalised or t.lower in tables().speaker_nouns)
                                                 for t in tokens[:colon]) and not _is_place(sentence, 0, colon):
        out.append(_speaker_of(sentence, 0, colon, "speech", colon))
    end = n - 1 if n and tokens[-1].text in ".!?" else n
    for k in range(max(1, end - _MAX_LABEL_TOKENS), end):
        if tokens[k].text in (":", "-", "—", "–") and k > 2 and k + 1 < end and not (
                tokens[k].text == "-" and tokens[k - 1].end == tokens[k].start):
            words = tokens[k + 1:end]
            if words and all(t.is_word for t in words) and (
                    words[-1].lower in tables().speaker_nouns or words[-1].is_capitalised) \
                    and not _is_place(sentence, k + 1, end) and not _opens_place(words[0]):
                out.append(_speaker_of(sentence, k + 1, end, "speech", k))
            break
    return out


def _opens_place(tok: Token) -> bool:
    """"2 – у Торецьку": a dash before a place preposition is a breakdown's part, not a headline label."""
    return tok.lower in tables().place_prepositions


def _speaker_of(sentence: Sentence, start: int, end: int, kind: str, verb: int) -> Speaker:
    tokens = sentence.tokens
    s, e = tokens[start].start, tokens[end - 1].end
    return Speaker(s, e, sentence.text[s - sentence.start:e - sentence.start], kind, verb)


def _is_place(sentence: Sentence, start: int, end: int) -> bool:
    from etl.places import load_gazetteer

    tokens = sentence.tokens
    text = sentence.text[tokens[start].start - sentence.start:tokens[end - 1].end - sentence.start]
    return load_gazetteer().lookup(text) is not None


def _trim_speaker(tokens: tuple[Token, ...], span: tuple[int, int], postposed: bool = False) -> tuple[int, int] | None:
    """A speaker span without leading dates and clause openers ("Friday the Taliban" -> "the Taliban"... "Taliban");
    None when what is left is an event or a weapon ("the strike claimed the lives of 14")."""
    t = tables()
    start, end = span
    while start < end and (tokens[start].lower in t.leading_words or tokens[start].lower in t.determiners):
        start += 1
    if start >= end or tokens[end - 1].lower in t.not_speaker_heads:
        return None
    if _is_number(tokens[end - 1]) or (postposed and _is_number(tokens[start])):
        return None  # "Six alleged criminals", "left 32 alleged", "said six civilians, ...": a figure, not a speaker
    if end - start <= 3 and _is_plain_place(tokens, start, end):
        return None  # "..., in the village of Sotk, said": a place is no speaker (a capital or country that speaks is)
    if start > span[0] and tokens[start - 1].lower in t.determiners:
        start -= 1  # keep "the" of "the Taliban"
    return start, end


def _is_plain_place(tokens: tuple[Token, ...], start: int, end: int) -> bool:
    """A town, region or area that names no party: never a speaker."""
    from etl.places import load_gazetteer

    words = tokens[start:end]
    if words and words[0].lower in tables().determiners:
        words = words[1:]
    if not words or not words[0].is_capitalised:
        return False
    name = " ".join(t.text for t in words)
    return _names_plain_place(load_gazetteer(), name, current_language())


@lru_cache(maxsize=1 << 16)
def _names_plain_place(gazetteer: Any, name: str, language: str) -> bool:
    """`_is_plain_place` of one name (memoised: speakers are the same few names, and the gazetteer's
    normalisation of a name is costly)."""
    place = gazetteer.lookup(name)
    return place is not None and place.kind != "country" and name not in tables().party_by_alias


def _is_number(tok: Token) -> bool:
    return tok.text[:1].isdigit() or tok.lower in lexicon().quantities["number_words"]


def reports_back(sentence: Sentence) -> bool:
    """True when the sentence opens by pointing back at what was just told ("Про це повідомив ...",
    "Об этом сообщили в ...": the figures before it are its speaker's)."""
    return tables().reports_back.match(sentence.tokens, 0) is not None


def dateline_agency(text: str) -> str | None:
    """The wire agency named in a dateline ("KYIV (Reuters) -"), if the article opens with one."""
    head = "\n".join(line for line in text.split("\n") if line.strip())[:600]  # a headline may come first
    lines = head.split("\n")[:3]
    for agency in tables().agencies:
        for line in lines:
            if re.search(r"^[^\n]{0,80}\(\s*" + re.escape(agency) + r"\s*\)\s*[-–—]", line):
                return agency
    for agency in tables().agencies:
        if re.search(tables().agency_pattern.replace("{agency}", re.escape(agency)), lines[0] if lines else ""):
            return agency
    return None

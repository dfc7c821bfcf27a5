"""Turn the quantities of each sentence into claims: metric, group, party, rate, dates, source, place.

Reading order for one quantity, all knowledge from etl/data/:
1. its noun phrase ("of its soldiers", "civilians and soldiers", "air strikes"): group, party, head noun;
2. the metric: the head noun if it is a trigger ("three air strikes", "12 dead"), else a trigger
   right after the noun phrase and its auxiliaries ("are trapped"), else the nearest trigger before
   the figure in its clause ("killing at least 14"); money needs an aid trigger near it;
3. rate, period, date, speaker and place from the sentence (place: from the paragraph if the
   sentence names none).
"""
from __future__ import annotations

import bisect
import datetime as dt
import re
from dataclasses import dataclass, field
from functools import cached_property
from collections.abc import Mapping
from typing import Any

from etl.extract import attribution, dates, scope
from etl.extract.lexicon import current_language, lexicon, per_language, using_language
from etl.extract.numbers import Quantity, find_quantities
from etl.extract.text import MAX_SENTENCE_CHARS, PhraseTable, Sentence, Token, split_sentences, word_set
from etl.models import Claim

_PLACE_RANK = {"city": 0, "region": 1, "area": 2, "country": 3}
_WINDOW_BEFORE = 16
_WINDOW_TOLL = 30  # "The death toll from ... rose to 23": the subject can be far from its number
_WINDOW_CLAUSE = 10
_WINDOW_AID = 14


@dataclass(frozen=True)
class Trigger:
    start: int
    end: int
    metric: str
    kind: str  # words | noun_words | adjacent_before
    weak: bool


@dataclass
class NounPhrase:
    """What follows a figure: its people, party words, and its head noun if that is a trigger."""

    end: int
    groups: set[str] = field(default_factory=set)
    group_words: list[str] = field(default_factory=list)
    party: str | None = None
    possessive: bool = False
    head: Trigger | None = None
    adjective: Trigger | None = None  # "wounded soldiers": a trigger used as an adjective
    people_compatible: bool = True
    non_people: bool = False
    times: bool = False  # "shelled the city 23 times": a count of strikes
    has_noun: bool = False  # the figure names what it counts ("hundreds more" does not)
    noun_trigger: Trigger | None = None  # "prisoners", "refugees": the metric if no verb gives one

    def add_group(self, tokens: tuple[Token, ...], k: int, group: tuple[int, object]) -> int:
        """Record the group word(s) at token k; return the index after them."""
        if group[1] in ("military", "civilian"):
            self.groups.add(str(group[1]))
        self.group_words.append(" ".join(x.text for x in tokens[k:k + group[0]]))
        return k + group[0]


class _Tables:
    def __init__(self) -> None:
        m = lexicon().metrics
        entries = []
        for metric, spec in m["metrics"].items():
            for kind in ("words", "noun_words", "adjacent_before", "times_verbs", "weak_words"):
                for phrase in spec.get(kind, []):
                    weak = bool(spec.get("weak")) or kind == "weak_words"
                    entries.append((phrase, (metric, "words" if kind == "weak_words" else kind, weak)))
        self.triggers = PhraseTable(entries)
        self.units = {metric: spec["unit"] for metric, spec in m["metrics"].items()}
        self.groups = PhraseTable([(w, g) for g, words in m["population_groups"].items() for w in words])
        self.fillers = PhraseTable([(w, True) for w in m["noun_phrase_fillers"]])
        self.non_people = PhraseTable([(w, True) for w in m["non_people_nouns"]])
        self.subset = PhraseTable([(w, True) for w in m["subset_markers"]])
        self.predicate = PhraseTable([(w, True) for w in m["predicate_fillers"]])
        self.clause = PhraseTable([(w, True) for w in m["clause_words"]])
        self.losses = PhraseTable([(w, True) for w in m["loss_words"]])
        self.costs = PhraseTable([(w, True) for w in m["money_not_aid"]])
        self.aid_kinds = PhraseTable([(w, k) for k, words in m["aid_kinds"].items() for w in words])
        g = lexicon().grammar
        self.words: dict[str, frozenset[str]] = {key: word_set(value) for key, value in g.items()
                                                  if isinstance(value, list)}
        self.government_verbs = word_set(lexicon().attribution["government_verbs"])


def _words_of(kind: str) -> frozenset[str]:
    """A function-word list from grammar.yaml."""
    return tables().words[kind]


@per_language
def tables() -> _Tables:
    return _Tables()


def find_triggers(tokens: tuple[Token, ...]) -> list[Trigger]:
    """Metric triggers in a sentence, longest first, not overlapping."""
    t = tables()
    out = []
    i = 0
    while i < len(tokens):
        hit = t.triggers.match(tokens, i)
        if hit:
            metric, kind, weak = hit[1]
            out.append(Trigger(i, i + hit[0], metric, kind, weak))
            i += hit[0]
        else:
            i += 1
    return out


_OPENERS = {"(": ")", "[": "]", "--": "--", "—": "—", "–": "–"}
_MAX_UNKNOWN_WORDS = 3


def _skip_aside(tokens: tuple[Token, ...], k: int, stop: int) -> int:
    """Index after an aside that starts at k: "(...)", "[...]", "-- ... --", ", including ... ,"; else k."""
    tok = tokens[k].text
    if tok == "-" and k + 1 < stop and tokens[k + 1].text == "-":
        close, j = "--", k + 2
    elif tok in _OPENERS:
        close, j = _OPENERS[tok], k + 1
    elif tok == "," and k + 1 < stop and tables().subset.match(tokens, k + 1):
        close, j = ",", k + 1  # ", including women and children," / ", most of them women,"
    else:
        return k
    while j < stop and j - k <= 16:
        if close == "--" and tokens[j].text == "-" and j + 1 < stop and tokens[j + 1].text == "-":
            return j + 2
        if tokens[j].text == close:
            return j + 1
        j += 1
    return j if close == "," and j >= stop else k


def _speech_at(tokens: tuple[Token, ...], k: int) -> bool:
    return attribution.tables().speech.match(tokens, k) is not None


def _comma_aside_end(tokens: tuple[Token, ...], comma: int, triggers: dict[int, Trigger],
                     quantity_starts: set[int]) -> int | None:
    """End of an aside between commas that a verb follows: ", who were attending a ceremony, were killed"."""
    t = tables()
    for j in range(comma + 1, min(len(tokens) - 1, comma + 12)):
        if j in quantity_starts or (j in triggers and triggers[j].kind == "words"):
            return None
        if tokens[j].text == ",":
            following = j + 1
            if t.predicate.match(tokens, following) or (following in triggers and triggers[following].kind == "words"):
                return following
            return None
    return None


def _noun_phrase(tokens: tuple[Token, ...], q: Quantity, triggers: dict[int, Trigger],
                 stop: int) -> NounPhrase:
    """Read the figure's noun phrase: group words, party adjectives, a head trigger, unknown nouns."""
    t = tables()
    np_ = NounPhrase(end=q.end)
    k = q.end
    seen_conjunction = False
    seen_noun = False
    unknown = 0
    while k < stop and k - q.end < 12:
        tok = tokens[k]
        trig = triggers.get(k)
        group = t.groups.match(tokens, k)
        if trig and trig.kind == "words" and t.groups.match(tokens, trig.end):
            if not seen_noun:
                np_.adjective = trig  # "wounded soldiers": keep reading the noun phrase
            k = trig.end  # "patients, staff and displaced civilians"
            continue
        if trig and trig.kind == "words" and group and group[0] >= trig.end - trig.start and not seen_conjunction:
            # "44 prisoners were killed", "five Ethiopian refugees": a people noun that is also a trigger;
            # it names the group, and the metric comes from a verb if there is one
            np_.noun_trigger = np_.noun_trigger or trig
            k = np_.add_group(tokens, k, group)
            seen_noun = True
            continue
        if trig and trig.kind != "adjacent_before" and not seen_conjunction:
            if not seen_noun or trig.kind == "noun_words":
                np_.head = trig
                k = trig.end
            break
        if group:
            # "окупантів", "українських захисників": a group word that also names the side
            np_.party = np_.party or next((h[2] for h in attribution.parties_in(tokens, k, k + group[0])), None)
            k = np_.add_group(tokens, k, group)
            seen_noun = True
            continue
        parties = attribution.parties_in(tokens, k, k + 3)
        if parties and parties[0][0] == k:
            np_.party = np_.party or parties[0][2]
            k = parties[0][1]
            seen_noun = seen_noun or tok.text.endswith("s")  # "2,500 Ukrainians" is the noun itself
            continue
        non_people = t.non_people.match(tokens, k)
        if non_people:
            after = k + non_people[0]
            if (not seen_noun and tok.lower not in _words_of("times_words") and after < stop and tokens[after].is_word
                    and not tokens[after].is_capitalised
                    and not t.clause.match(tokens, after) and not t.predicate.match(tokens, after)
                    and (t.groups.match(tokens, after) or after + 1 >= stop or not tokens[after + 1].is_word
                         or t.predicate.match(tokens, after + 1))):
                k = after  # "cattle rustlers", "car bomb victims": a modifier of the noun that follows
                continue
            np_.times = tok.lower in _words_of("times_words") and not seen_noun
            np_.non_people = not seen_noun and not np_.times
            break
        filler = t.fillers.match(tokens, k)
        if filler:
            word = tok.lower
            if word in _words_of("conjunctions"):
                if not seen_noun and unknown == 0:
                    break
                seen_conjunction = True
            if word in _words_of("possessives"):
                np_.possessive = True
            k += filler[0]
            continue
        if tok.text in (",", "(") and k + 1 < stop and seen_noun and (group_next := t.groups.match(tokens, k + 1)) \
                and not _speech_at(tokens, k + 1 + group_next[0]):
            k += 1  # "civilians, soldiers and ..." (not "people, residents said")
            continue
        if tok.text in ("(", "["):
            k = max(_skip_aside(tokens, k, len(tokens)), k + 1)  # "Five civilians [residents report ten]"
            continue
        after_of = k > q.end and tokens[k - 1].lower in ("of", "the", "a") and seen_noun
        if tok.is_word and not t.clause.match(tokens, k) and not t.predicate.match(tokens, k) \
                and unknown < _MAX_UNKNOWN_WORDS and (not seen_noun or tok.is_capitalised or after_of):
            # a word we do not know: an adjective or a noun ("illegal gold miners"), or the object of
            # "of" ("members of the same family", "members of the Indigenous People of Biafra")
            unknown += 1
            k += 1
            while after_of and k < stop and (tokens[k].is_capitalised or tokens[k].lower == "of"):
                k += 1  # the rest of a name
            continue
        break
    while k > q.end and tokens[k - 1].lower in ("and", "or", ","):
        k -= 1  # a trailing conjunction that led nowhere
    np_.end = k
    np_.has_noun = seen_noun or unknown > 0 or bool(np_.groups)
    return np_


def _trigger_after(tokens: tuple[Token, ...], start: int, triggers: dict[int, Trigger],
                   date_tokens: set[int], quantity_starts: set[int]) -> Trigger | None:
    """A trigger reached from the noun phrase's end through auxiliaries ("are trapped", "were reportedly
    killed"), asides ("-- all workers --", ", including two children,"), dates and place phrases.

    Stops at another figure (outside an aside). A verb inside a relative clause ("fighters who had been
    holed up ... had surrendered") gives way to the main verb after it; a weak trigger ("remain in")
    gives way to a strong one later in the clause ("remained in Russian captivity").
    """
    t = tables()
    n = len(tokens)
    k = start
    steps = 0
    held: Trigger | None = None  # a weak or relative-clause trigger kept while looking for a better one
    relative = False
    while k < n and steps <= 10 and (k == start or k not in quantity_starts):
        steps += 1
        trig = triggers.get(k)
        if trig and trig.kind == "words":
            if trig.end in quantity_starts:
                return held  # "Two car bombs killed 23 people": the figure is the agent, not the victim
            if held is not None and not trig.weak:
                return trig
            if held is None and (trig.weak or relative):
                held, k, steps = trig, trig.end, 0
                continue
            return held or trig
        if k in date_tokens:
            k += 1
            continue
        aside = _skip_aside(tokens, k, n)
        if aside > k:
            k = aside
            continue
        if tokens[k].text == ",":
            close = _comma_aside_end(tokens, k, triggers, quantity_starts)
            if close is not None:
                k = close  # "Two persons, a lawyer and a youth leader, were shot dead"
                continue
        if tokens[k].lower in _words_of("aside_openers"):
            j = k + 1  # "Eight people including a baby and a young girl were killed"
            while j < n and j - k <= 8 and not t.predicate.match(tokens, j) and j not in triggers:
                j += 1
            k = j
            continue
        if tokens[k].lower in _words_of("relative_pronouns"):
            relative = True
        filler = t.predicate.match(tokens, k)
        if filler:
            k += filler[0]
            continue
        # "in Kharkiv", "on the Pakistani side", "of the Muttahida Qaumi Movement": a phrase before the verb
        if tokens[k].lower in _words_of("place_prepositions"):
            j = k + 1
            while (j < n and j - k <= 7 and j not in triggers and not t.predicate.match(tokens, j)
                   and j not in quantity_starts
                   and (tokens[j].is_word or tokens[j].text in ("'s", "’s", "-"))
                   and tokens[j].lower not in _words_of("clause_breaks") - {"and"}):
                j += 1
            if j > k + 1:
                k = j
                continue
        if (tokens[k].is_word and k + 2 < n and tokens[k + 1].lower == "and" and k + 2 in triggers
                and triggers[k + 2].kind == "words"):
            k += 2  # "were shot and killed", "have been waylaid and killed"
            continue
        if held is not None and tokens[k].is_word and tokens[k].lower not in _words_of("clause_breaks"):
            k += 1  # still inside the relative clause or the weak verb's phrase
            continue
        return held
    return held


def _trigger_in_clause(tokens: tuple[Token, ...], start: int, trigger_list: list[Trigger],
                       quantity_starts: set[int]) -> Trigger | None:
    """Last resort: the first trigger within a few words after the noun phrase, in the same clause
    ("thousands of residents spent the night sheltering in metro stations")."""
    for trig in trigger_list:
        if trig.start < start or trig.kind != "words":
            continue
        if trig.start - start > _WINDOW_CLAUSE:
            return None
        place_nouns = _words_of("place_nouns")
        following = tokens[trig.end].lower if trig.end < len(tokens) else ""
        if following in place_nouns or (trig.end + 1 < len(tokens) and tokens[trig.end + 1].lower in place_nouns):
            continue  # "the besieged port city": an adjective
        between = tokens[start:trig.start]
        if any(tok.text in ",;:" or tok.lower in _words_of("clause_breaks") for tok in between) \
                or any(k in quantity_starts for k in range(start, trig.start)) or trig.end in quantity_starts:
            return None
        return trig
    return None


def _after_toll_verb(tokens: tuple[Token, ...], start: int) -> bool:
    """"rose to", "climbed to", "stood at" right before the figure."""
    return (start >= 2 and tokens[start - 1].lower in _words_of("toll_prepositions")
            and tokens[start - 2].lower in _words_of("toll_verbs"))


def _trigger_before(tokens: tuple[Token, ...], q: Quantity, floor: int, triggers: list[Trigger]) -> Trigger | None:
    """The nearest trigger before the figure within its clause."""
    best = None
    for trig in triggers:
        if trig.end > q.start:
            break
        if trig.kind == "adjacent_before":
            if trig.end == q.start:
                best = trig
            continue
        toll = _after_toll_verb(tokens, q.start)
        window = _WINDOW_TOLL if toll else _WINDOW_BEFORE
        if trig.kind != "words" or trig.start < max(floor, q.start - window):
            continue
        between = tokens[trig.end:q.start]
        if any(tok.lower in _words_of("previous_clause_stops") for tok in between):
            continue
        if not toll and any(tok.text == "," for tok in between) and len(between) > 3:
            continue  # "In addition to the dead, four persons sustained wounds": another clause
        best = trig
    return best


def _is_subset(tokens: tuple[Token, ...], q: Quantity) -> bool:
    """"52 people, among them five children": the second figure is part of the first."""
    subset = tables().subset
    for back in range(1, 4):
        hit = subset.match_ending_at(tokens, q.start - back + 1) if q.start - back + 1 > 0 else None
        if hit:
            return True
    return False


def _is_conversion(tokens: tuple[Token, ...], q: Quantity, previous: Quantity | None) -> bool:
    """"£1 billion ($1.2 billion)": the bracketed amount restates the one before it."""
    return (previous is not None and previous.currency is not None and q.currency is not None
            and q.start > 0 and tokens[q.start - 1].text == "(" and previous.end == q.start - 1)


def _is_cost(tokens: tuple[Token, ...], q: Quantity) -> bool:
    """Money named as a cost, damage or loss just before or after the amount."""
    costs = tables().costs
    return any(costs.match(tokens, k) for k in range(max(0, q.start - 5), min(len(tokens), q.end + 3))
               if k < q.start or k >= q.end)


def _group_before_trigger(tokens: tuple[Token, ...], trig: Trigger, q: Quantity) -> str | None:
    """The group named just before a trigger that itself precedes the figure ("civilians killed ... 412")."""
    if trig.end > q.start:
        return None
    groups = tables().groups
    for k in range(max(0, trig.start - 3), trig.start):
        hit = groups.match(tokens, k)
        if hit and hit[1] in ("military", "civilian") and k + hit[0] == trig.start:
            return str(hit[1])
    return None


def _possessor_party(tokens: tuple[Token, ...], q: Quantity, speaker: attribution.Speaker | None,
                     ctx: _Context) -> tuple[str | None, str]:
    """"100 to 200 of its soldiers": the side named before the figure (the subject), else the speaker's."""
    before = attribution.parties_in(tokens, 0, q.start)
    if before:
        return before[-1][2], "'its/their' people of the side named before the figure"
    if speaker is not None:
        text = speaker.text if speaker.kind != "pronoun" else ctx.last_speaker
        return attribution.party_of(text), "'its/their' people of the speaker"
    return None, "'its/their' with no side named"


def _loser(tokens: tuple[Token, ...], q: Quantity, speakers: list[attribution.Speaker]
           ) -> tuple[str | None, str | None] | None:
    """"Russian forces have lost 100,000 troops", "Ukrainian troop losses at 5,000": the side (and its
    group) named just before a loss word that comes before the figure; None when there is no loss word."""
    t = tables()
    window = range(max(0, q.start - _WINDOW_BEFORE - 4), min(len(tokens), q.start + 8))  # all that is looked at
    in_speaker = {k for sp in speakers for k in window if sp.start <= tokens[k].start < sp.end}
    for k in range(q.start - 1, max(-1, q.start - _WINDOW_BEFORE), -1):
        loss = t.losses.match(tokens, k)
        if loss:
            lo = max(0, k - 4)
            hi = min(k + loss[0] + 2, q.start) if "possessor_after" in tables().words else k + loss[0]
            hits = [h for h in attribution.parties_in(tokens, lo, hi) if h[0] not in in_speaker]  # "втрати противника"
            groups = [t.groups.match(tokens, j) for j in range(lo, k + loss[0])]
            group = next((str(g[1]) for g in groups if g and g[1] in ("military", "civilian")), None)
            if group is None and any(tok.lower.startswith("troop") for tok in tokens[lo:k + loss[0]]):
                group = "military"
            if group is None and any(tok.lower in tables().words.get("military_bodies", ()) for tok in tokens[lo:hi]):
                group = "military"  # "ВСУ потеряли", "втрати противника": an army's losses are soldiers
            if not hits and group is None:
                return None
            return (hits[-1][2] if hits else None), group
    return None


def _aid_kind(tokens: tuple[Token, ...], q: Quantity) -> str:
    t = tables()
    best: tuple[int, str] | None = None
    for k in range(max(0, q.start - _WINDOW_AID), min(len(tokens), q.end + _WINDOW_AID)):
        hit = t.aid_kinds.match(tokens, k)
        if hit:
            distance = abs(k - q.start)
            if best is None or distance < best[0]:
                best = (distance, str(hit[1]))
    return best[1] if best else "unspecified"


def _aid_giver(tokens: tuple[Token, ...], q: Quantity, speakers: list[attribution.Speaker]) -> str | None:
    """Who gives: "aid from Washington", else the actor, else the speaker, else a party named before the amount."""
    for k in range(q.end, len(tokens) - 1):
        if tokens[k].lower == "from":
            hits = attribution.parties_in(tokens, k + 1, min(len(tokens), k + 4))
            if hits and hits[0][0] in (k + 1, k + 2):
                return hits[0][2]
    for speaker in sorted(speakers, key=lambda s: s.kind != "actor"):
        party = attribution.party_of(speaker.text)
        if party:
            return party
    givers = [h for h in attribution.parties_in(tokens, 0, q.start)
              if h[0] == 0 or tokens[h[0] - 1].lower not in _words_of("recipient_markers")]
    return givers[-1][2] if givers else None


@dataclass
class _Context:
    published: dt.date | None
    publisher: str | None
    places: list[Any]
    speaker_spans: list[tuple[int, int]]
    last_speaker: str | None = None
    recent_from: int = 0  # start of the paragraph two before the current one
    paragraph_spans: list[tuple[int, int]] = field(default_factory=list)
    scope: scope.ArticleScope = field(default_factory=scope.ArticleScope)  # what scope carries across sentences

    @cached_property
    def place_index(self) -> _PlaceIndex:
        return _PlaceIndex(self.places, self.speaker_spans)


class _PlaceIndex:
    """The article's event places in text order, each marked inside a speaker's words or not, so
    that the places of a span cost a binary search rather than a scan of the whole article (which
    made long articles quadratic); the best place of a span is remembered (paragraphs are asked often)."""

    def __init__(self, places: list[Any], speaker_spans: list[tuple[int, int]]) -> None:
        self.places = sorted(places, key=lambda p: p.start)
        self.starts = [p.start for p in self.places]
        spans = sorted(speaker_spans)
        span_starts = [s for s, _ in spans]
        reach: list[int] = []  # reach[i]: the furthest end among spans[0..i]
        for _, end in spans:
            reach.append(max(end, reach[-1]) if reach else end)
        whole = set(speaker_spans)

        def in_speaker(start: int) -> bool:
            i = bisect.bisect_right(span_starts, start) - 1
            return i >= 0 and reach[i] > start

        self.in_speaker = [in_speaker(p.start) for p in self.places]
        self.is_speaker = [(p.start, p.end) in whole for p in self.places]  # "Kyiv said": the government
        self._best: dict[tuple[int, int, bool], Any] = {}

    def ends_within(self, lo: int, hi: int) -> set[int]:
        """Ends of the places that start in [lo, hi)."""
        a, b = bisect.bisect_left(self.starts, lo), bisect.bisect_left(self.starts, hi)
        return {p.end for p in self.places[a:b]}

    def best(self, lo: int, hi: int, in_speaker: bool) -> Any:
        """The most specific place inside [lo, hi) (first of its rank), inside or outside speakers' words."""
        key = (lo, hi, in_speaker)
        if key not in self._best:
            a, b = bisect.bisect_left(self.starts, lo), bisect.bisect_left(self.starts, hi)
            inside = [self.places[i] for i in range(a, b) if self.places[i].end <= hi
                      and self.in_speaker[i] == in_speaker and not self.is_speaker[i]]
            self._best[key] = min(inside, key=lambda p: (_PLACE_RANK.get(p.kind, 4), p.start)) if inside else None
        return self._best[key]


def _place_for(ctx: _Context, sentence: Sentence, paragraph: tuple[int, int]) -> tuple[str | None, str]:
    """Where the figure happened: the most specific place its sentence names (outside the speaker's
    words), else a place in the speaker's title ("Kherson regional governor"), else its paragraph's."""
    pick = ctx.place_index.best
    for lo, hi, in_speaker, where in ((sentence.start, sentence.end, False, "the sentence"),
                                      (sentence.start, sentence.end, True, "the speaker's title"),
                                      (*paragraph, False, "the paragraph")):
        place = pick(lo, hi, in_speaker)
        if place is not None:
            return place.canonical, f"'{place.surface}' named in {where}"
    # "the city", "there": a place named before; the paragraph before it, else the one before that
    if _points_back_to_a_place(sentence):
        spans = ctx.paragraph_spans
        first = bisect.bisect_left(spans, (ctx.recent_from, -1))
        for lo, hi in reversed(spans[first:bisect.bisect_left(spans, (paragraph[0], -1))]):
            place = pick(lo, hi, False)
            if place is not None:
                return place.canonical, f"'{place.surface}' named in a paragraph before ('the city', 'there')"
    return None, "no place named in the sentence or its paragraph"


def _points_back_to_a_place(sentence: Sentence) -> bool:
    """"in the city", "there": the sentence refers to a place named earlier."""
    tokens = sentence.tokens
    if "place_from_previous_paragraph" in tables().words:
        return True  # posts of one sentence per line: a figure without a place is where the last one was
    return any(tok.lower == "there" and k > 0 and tokens[k - 1].lower not in _words_of("existential_verbs")
               or (tok.lower == "the" and k + 1 < len(tokens) and tokens[k + 1].lower in _words_of("place_nouns"))
               for k, tok in enumerate(tokens))


def _choose_speaker(speakers: list[attribution.Speaker], q: Quantity) -> attribution.Speaker | None:
    """Who the figure is attributed to: the nearest speaker before it, else the first after it;
    an actor ("Washington has allocated") only when nobody is quoted."""
    quoted = [s for s in speakers if s.kind != "actor"]
    for group in (quoted, [s for s in speakers if s.kind == "actor"]):
        before = [s for s in group if s.verb_token <= q.start]
        if before:
            return before[-1]
        if group:
            return group[0]
    return None


def extract_sentence_claims(sentence: Sentence, ctx: _Context, paragraph: tuple[int, int]) -> list[Claim]:
    """The claims of one sentence: each quantity that a trigger makes a figure, with all its fields."""
    t = tables()
    tokens = sentence.tokens
    date_mentions = dates.find_dates(sentence, ctx.published)
    blocked = {k for d in date_mentions if d.kind in ("calendar", "month_part") for k in range(d.start, d.end)}
    date_tokens = {k for d in date_mentions for k in range(d.start, d.end)}
    place_ends = ctx.place_index.ends_within(sentence.start, sentence.end)
    after_place = {k for k, tok in enumerate(tokens) if k > 0 and tokens[k - 1].end in place_ends}
    quantities = find_quantities(tokens, blocked, after_place)
    if not quantities:
        return []
    # "an estimated 7.1 million": a verb inside a figure's words is no speaker
    inside = {k for q in quantities for k in range(q.start, q.end)}
    speakers = [sp for sp in attribution.find_speakers(sentence) if sp.verb_token not in inside]
    trigger_list = find_triggers(tokens)
    period_start, period_dates = dates.find_period_start(sentence, date_mentions)
    own_dates = [d for k, d in enumerate(date_mentions) if k not in period_dates and d.date is not None]
    readings = _read_metrics(tokens, quantities, trigger_list, {tr.start: tr for tr in trigger_list}, date_tokens)
    claims: list[Claim] = []
    previous: Claim | None = None
    for n, q in enumerate(quantities):
        np_, trig, rule = readings[n]
        if trig is None or _is_subset(tokens, q) or _is_conversion(tokens, q, quantities[n - 1] if n else None):
            continue
        why: dict[str, str] = {}
        if q.currency is not None:
            metric, unit = "aid", q.currency
            why["metric"] = f"money near '{_words(tokens, trig)}'"
        else:
            metric = trig.metric
            unit = "people" if t.units[metric] == "people" else "count"
            why["metric"] = f"'{_words(tokens, trig)}' ({rule.replace('_', ' ')})"
        claim = Claim(
            metric=metric, value_low=q.low, value_best=q.best, value_high=q.high, unit=unit,
            qualifier=q.qualifier, span_start=tokens[q.start].start, span_end=tokens[q.end - 1].end,
            quote=sentence.text, rule=f"{rule}/{q.rule}", period_start=period_start, explanation=why,
        )
        why["values"] = f"'{_span_text(sentence, claim)}' read as {q.qualifier}"
        speaker = _choose_speaker(speakers, q)
        # a figure that names nothing ("and hundreds more are injured") shares the one before it
        inherit_from = previous if previous is not None and not np_.has_noun and previous.unit == "people" else None
        if metric == "aid":
            claim.category = _aid_kind(tokens, q)
            claim.party = _aid_giver(tokens, q, speakers)
            why["category"] = f"aid kind: {claim.category}"
        elif unit == "people" and metric != "population":
            _set_whose_people(claim, tokens, q, np_, trig, speaker, speakers, inherit_from, ctx)
        next_start = quantities[n + 1].start if n + 1 < len(quantities) else len(tokens)
        _set_rate_and_date(claim, tokens, q, next_start, own_dates, np_, inherit_from, ctx)
        reading = scope.read_scope(
            sentence, scope.Figure(q.start, max(np_.end, q.end), trig.start, trig.end, metric, claim.rate, claim.as_of),
            date_mentions, period_dates, period_start, ctx.published, ctx.scope, sentence.paragraph)
        claim.scope, claim.period_start, claim.period_end = reading.scope, reading.period_start, reading.period_end
        why["scope"] = reading.reason
        if speaker is not None:
            claim.source = ctx.last_speaker if speaker.kind == "pronoun" else speaker.text
            why["source"] = f"'{speaker.text}' ({speaker.kind})"
        if claim.source is None:
            claim.source = ctx.publisher
            why["source"] = "publisher (nobody named)"
        if metric != "aid":
            claim.location, why["location"] = _place_for(ctx, sentence, paragraph)
        claims.append(claim)
        previous = claim
    return claims


def _span_text(sentence: Sentence, claim: Claim) -> str:
    return sentence.text[claim.span_start - sentence.start:claim.span_end - sentence.start]


def _set_whose_people(claim: Claim, tokens: tuple[Token, ...], q: Quantity, np_: NounPhrase, trig: Trigger,
                      speaker: attribution.Speaker | None, speakers: list[attribution.Speaker],
                      inherit_from: Claim | None, ctx: _Context) -> None:
    """Category (military / civilian / mixed / unspecified) and party of a people figure."""
    why = claim.explanation
    head_group = tables().groups.match(tokens, np_.head.start) if np_.head is not None else None
    if np_.groups:
        claim.category = "mixed" if len(np_.groups) > 1 else next(iter(np_.groups))
        why["category"] = f"group words {np_.group_words}"
    elif head_group and head_group[1] in ("military", "civilian"):
        claim.category = str(head_group[1])  # "prisoners of war" are soldiers
        why["category"] = "the figure's own noun names the group"
    elif inherit_from is not None:
        claim.category = inherit_from.category
        why["category"] = "same group as the figure before it in the sentence"
    elif (group := _group_before_trigger(tokens, trig, q)) is not None:
        claim.category = group  # "the number of civilians killed ... to 412"
        why["category"] = "group word next to the trigger before the figure"
    else:
        claim.category = "unspecified"
        why["category"] = "no group word"
    if np_.party:
        claim.party = np_.party
        why["party"] = "named beside the figure"
    elif np_.possessive:
        claim.party, why["party"] = _possessor_party(tokens, q, speaker, ctx)
    elif (loser := _loser(tokens, q, speakers)) is not None:
        claim.party, why["party"] = loser[0], "the side that lost or suffered them"
        if loser[1] and claim.category == "unspecified":
            claim.category, why["category"] = loser[1], "group words of the side that lost them"
    elif inherit_from is not None:
        claim.party = inherit_from.party


def _set_rate_and_date(claim: Claim, tokens: tuple[Token, ...], q: Quantity, next_start: int,
                       own_dates: list[dates.DateMention], np_: NounPhrase, inherit_from: Claim | None,
                       ctx: _Context) -> None:
    """Rate ("every day") and as_of: the date phrase nearest the figure, else publication (always for rates)."""
    why = claim.explanation
    rate = dates.find_rate(tokens, q.end, next_start)
    if rate:
        claim.rate = rate[0]
        why["rate"] = f"'{tokens[rate[1]].text} ...' after the figure"
    elif inherit_from is not None and inherit_from.rate and not np_.groups:
        claim.rate = inherit_from.rate
        why["rate"] = "same rate as the figure before it in the sentence"
    if claim.rate is None and own_dates:
        nearest = min(own_dates, key=lambda d: min(abs(d.start - q.start), abs(d.end - q.end)))
        claim.as_of = nearest.date
        why["as_of"] = f"'{' '.join(x.text for x in tokens[nearest.start:nearest.end])}' ({nearest.kind})"
    else:
        claim.as_of = ctx.published
        why["as_of"] = "publication date" + (" (rate)" if claim.rate else "")


def _read_metrics(tokens: tuple[Token, ...], quantities: list[Quantity], trigger_list: list[Trigger],
                  trigger_at: dict[int, Trigger], date_tokens: set[int]
                  ) -> list[tuple[NounPhrase, Trigger | None, str]]:
    """Noun phrase, metric trigger and rule for each quantity of a sentence.

    A figure left without a trigger takes the one of the figure it is coordinated with:
    "five soldiers and three civilians were killed" (both killed).
    """
    t = tables()
    readings: list[tuple[NounPhrase, Trigger | None, str]] = []
    for n, q in enumerate(quantities):
        next_start = quantities[n + 1].start if n + 1 < len(quantities) else len(tokens)
        floor = quantities[n - 1].end if n else 0
        np_ = _noun_phrase(tokens, q, trigger_at, next_start)
        if q.currency is not None:
            near = [tr for tr in trigger_list if tr.metric == "aid"
                    and q.start - _WINDOW_AID <= tr.start < q.end + _WINDOW_AID
                    and not any(o is not q and o.currency and min(tr.start, q.start) < o.start < max(tr.start, q.start)
                                and not _is_conversion(tokens, o, quantities[quantities.index(o) - 1])
                                for o in quantities)]
            trig = min(near, key=lambda tr: abs(tr.start - q.start)) if near else None
            if _is_cost(tokens, q):
                trig = None  # "rebuilding would cost $411 billion": money, but no aid
            readings.append((np_, trig, "money_near_aid_word"))
            continue
        trig, rule = _metric_trigger(tokens, q, np_, trigger_at, trigger_list, floor, date_tokens,
                                     {o.start for o in quantities})
        if trig is not None and (t.units[trig.metric] == "money" or (q.needs_metric_noun and rule != "head_noun")):
            trig = None
        readings.append((np_, trig, rule))
    for n in range(len(quantities) - 2, -1, -1):
        np_, trig, _ = readings[n]
        nxt_np, nxt_trig, nxt_rule = readings[n + 1]
        between = [tok.lower for tok in tokens[np_.end:quantities[n + 1].start]]
        if (trig is None and nxt_trig is not None and nxt_rule == "trigger_after" and quantities[n].currency is None
                and between in (["and"], [",", "and"], ["and", "some"], ["or"]) and not np_.non_people):
            readings[n] = (np_, nxt_trig, "coordinated")
    return readings


def _metric_trigger(tokens: tuple[Token, ...], q: Quantity, np_: NounPhrase, trigger_at: dict[int, Trigger],
                    trigger_list: list[Trigger], floor: int,
                    date_tokens: set[int], quantity_starts: set[int]) -> tuple[Trigger | None, str]:
    """The trigger that gives a (non-money) figure its metric, and the rule that found it.

    Order: the figure's own noun; "N times" after a strike verb; a trigger after the noun phrase;
    a trigger used as an adjective ("wounded soldiers"); the nearest trigger before the figure;
    a trigger a few words on in the clause. Weak triggers count only when nothing else does.
    """
    if np_.head is not None:
        return np_.head, "head_noun"
    if np_.times:
        verbs = [tr for tr in trigger_list if tr.kind == "times_verbs"
                 and max(floor, q.start - _WINDOW_BEFORE) <= tr.start < q.start]
        if not verbs and "times_verb_after" in tables().words:  # "28 разів обстріляли": the verb follows
            verbs = [tr for tr in trigger_list if tr.kind == "times_verbs" and np_.end <= tr.start <= np_.end + 1]
        return (verbs[-1], "times") if verbs else (None, "")
    if np_.non_people or not np_.people_compatible:
        return None, ""
    before = _trigger_before(tokens, q, floor, trigger_list)
    adjacent = before if before is not None and before.end == q.start else None
    after = _trigger_after(tokens, np_.end, trigger_at, date_tokens, quantity_starts)
    participle = after if after is not None and after.start == np_.end else None
    candidates: list[tuple[Trigger | None, str]] = [
        (participle, "participle"),  # "lost 300 troops killed": the word on the noun says most
        (adjacent, "verb_before"),  # "evacuated 300 people who were trapped": the verb governs its object
        (after, "trigger_after"),
        (np_.adjective, "adjective"),
        (np_.noun_trigger, "people_noun"),
        (before, "trigger_before"),
        (_trigger_in_clause(tokens, np_.end, trigger_list, quantity_starts), "trigger_in_clause"),
    ]
    found = [(trig, rule) for trig, rule in candidates if trig is not None and trig.kind != "noun_words"]
    strong = [c for c in found if not c[0].weak]
    return (strong or found or [(None, "")])[0]


def _words(tokens: tuple[Token, ...], trig: Trigger) -> str:
    return " ".join(tok.text for tok in tokens[trig.start:trig.end])


_DATELINE_RE = re.compile(r"^\s*[A-Z][^\n()]{0,60}\([^)\n]{1,40}\)\s*[-–—]")


@per_language
def _party_aliases() -> frozenset[str]:
    return frozenset(a for aliases in lexicon().parties["parties"].values() for a in aliases)


def _event_places(text: str, sentences: list[Sentence], places: list[Any]) -> list[Any]:
    """Places that can be where a figure happened: not the dateline ("KYIV (Reuters) -", where the
    story was filed), and not a capital used for its government ("Kyiv disputes", "Moscow says")."""
    own = lexicon().attribution.get("dateline_pattern")  # the language's dateline form ("МОСКВА, 12 июня. /ТАСС/.")
    dateline = (re.compile(own) if own else _DATELINE_RE).match(text)
    dateline_end = dateline.end() if dateline else 0
    next_word: dict[int, Token] = {}
    after_speech: set[int] = set()  # "told reporters in Geneva": where it was said, not where it happened
    speech = attribution.tables().speech
    after_preposition: set[int] = set()
    for sentence in sentences:
        for a, b in zip(sentence.tokens, sentence.tokens[1:]):
            next_word[a.end] = b
            if a.lower in _words_of("place_prepositions"):
                after_preposition.add(b.start)
        for k in range(len(sentence.tokens)):
            hit = speech.match(sentence.tokens, k)
            if hit and not sentence.tokens[k].is_capitalised:
                tail = sentence.tokens[k + hit[0]:k + hit[0] + 3]
                if tail and tail[0].lower in ("in", "at") or any(t.lower in ("in", "at") for t in tail[:2]):
                    after_speech.update(t.start for t in tail)
    kept = []
    for place in places:
        if place.start < dateline_end or place.start in after_speech:
            continue
        if text[place.end:place.end + 1] == "-":
            continue  # "Britain-based", "Iran-backed": an adjective, not where it happened
        follower = next_word.get(place.end)
        governed = place.start in after_preposition  # "people in Sudan has reached": Sudan is a place
        if place.surface in _party_aliases() and (
                text[place.end:place.end + 2] in ("'s", "’s")
                or (not governed and follower is not None and follower.lower in tables().government_verbs)):
            continue  # "Kyiv's soldiers", "Kyiv disputes": the side or the government, not a place
        kept.append(place)
    return kept


def _published_date(value: Any) -> dt.date | None:
    """metadata["published"] as a date: a date, a datetime or an ISO 8601 string; else a clear error."""
    if value is None or isinstance(value, dt.date) and not isinstance(value, dt.datetime):
        return value
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, str):
        try:
            return dt.datetime.fromisoformat(value.strip().replace("Z", "+00:00")).date()
        except ValueError:
            raise ValueError(f'metadata["published"] is not an ISO 8601 date or datetime: {value[:40]!r}') from None
    raise TypeError(f'metadata["published"] must be a date, a datetime or an ISO 8601 string, '
                    f"not {type(value).__name__}")


def extract_claims(text: str, metadata: Mapping[str, Any], *,
                   max_sentence_chars: int = MAX_SENTENCE_CHARS) -> list[Claim]:
    """Every reported figure in an article. metadata: published (date, datetime, ISO 8601 string or
    None), publisher (str or None), language (ISO 639-1 code, detected from the text when not given).
    Sentences longer than `max_sentence_chars` are read in parts."""
    from etl.extract.language import detect_language

    with using_language(metadata.get("language") or detect_language(text)):
        return _article_claims(text, metadata, max_sentence_chars)


def _article_claims(text: str, metadata: Mapping[str, Any], max_sentence_chars: int) -> list[Claim]:
    from etl.places import find_places

    published = _published_date(metadata.get("published"))
    publisher = metadata.get("publisher")
    if publisher is not None and not isinstance(publisher, str):
        raise TypeError(f'metadata["publisher"] must be a string or None, not {type(publisher).__name__}')
    publisher = publisher or attribution.dateline_agency(text)
    sentences = split_sentences(text, max_sentence_chars)
    speakers_by_sentence = [attribution.find_speakers(s) for s in sentences]
    ctx = _Context(published, publisher, _event_places(text, sentences, find_places(text, current_language())),
                   [(sp.start, sp.end) for sps in speakers_by_sentence for sp in sps])
    from etl.extract.text import paragraphs
    para_spans = paragraphs(text)
    ctx.paragraph_spans = para_spans
    claims: list[Claim] = []
    unattributed: list[tuple[int, Claim]] = []  # (paragraph, claim) given the publisher for want of a speaker
    for sentence, speakers in zip(sentences, speakers_by_sentence):
        ctx.recent_from = para_spans[max(0, sentence.paragraph - 2)][0]
        found = extract_sentence_claims(sentence, ctx, para_spans[sentence.paragraph])
        claims.extend(found)
        named = [sp for sp in speakers if sp.kind in ("speech", "preposition")]
        if named:
            ctx.last_speaker = named[-1].text
        unattributed += [(sentence.paragraph, c) for c in found if c.explanation.get("source", "").startswith("publisher")]
        if not found and named and attribution.reports_back(sentence):
            # "Про це повідомив голова ОВА ...": the speaker of the figures just told (this paragraph, or the
            # one before when the sentence opens its own)
            reach = sentence.paragraph - (1 if sentence.index_in_paragraph == 0 else 0)
            for paragraph, claim in unattributed:
                if paragraph >= reach:
                    claim.source = named[0].text
                    claim.explanation["source"] = f"'{named[0].text}' (the next sentence reports it)"
            unattributed = []
    return claims

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
import operator
import re
from dataclasses import dataclass, field, replace
from functools import cached_property, lru_cache
from collections import Counter
from collections.abc import Mapping
from typing import Any

from etl.extract import attribution, dates, implicit, scope
from etl.extract.lexicon import current_language, lexicon, per_language, using_language
from etl.extract.numbers import Quantity, find_quantities, may_hold_quantity, read_amount
from etl.extract.text import (MAX_SENTENCE_CHARS, PhraseTable, Sentence, Token, holds_any, phrase_tokens, positions_in,
                              split_sentences, word_set)
from etl.models import Claim

_PLACE_RANK = {"city": 0, "region": 1, "area": 2, "country": 3}
_PLACE_AFTER_VERB = 4  # "crossed into eastern Chad": tokens after the figure's verb where its place stands
_RUN_ON_SENTENCES = 4  # a paragraph of more sentences is run-on text: its place fallback is the last few
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
    weapon: bool = False  # "11 missiles", "48 drones": counted as strikes when a launch or strike verb says so
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
        entries += [(phrase, None) for phrase in m["not_triggers"]]  # "sentenced to death": no trigger inside
        self.triggers = PhraseTable(entries)
        self.units = {metric: spec["unit"] for metric, spec in m["metrics"].items()}
        singular = m["implicit_counts"]["singular_persons"]
        self.groups = PhraseTable([(w, g) for g, words in m["population_groups"].items() for w in words]
                                  + [(w, g) for g, words in singular.items() for w in words])
        self.weapons = PhraseTable([(w, True) for w in m["strike_weapons"]])
        self.weapon_verbs_before = PhraseTable([(w, True) for w in m["weapon_verbs_before"]])
        self.weapon_verbs_after = PhraseTable([(w, True) for w in m["weapon_verbs_after"]])
        # a metric trigger is a trigger phrase (`find_triggers`) or a weapon verb (`_weapon_verb`): their first words
        self.weapon_verb_words = self.weapon_verbs_before.first_words | self.weapon_verbs_after.first_words
        q = lexicon().quantities
        self.thresholds = PhraseTable([(w, True) for w in q["threshold_verbs"]["always"]])
        self.thresholds_marked = PhraseTable([(w, True) for w in q["threshold_verbs"]["with_mark_or_toll"]])
        self.threshold_nouns = word_set(q["threshold_verbs"]["mark_nouns"])
        self.threshold_gap = word_set(q["threshold_verbs"].get("gap", []))
        self.threshold_last_words = frozenset(phrase_tokens(p)[-1] for kind in ("always", "with_mark_or_toll")
                                              for p in q["threshold_verbs"][kind] if phrase_tokens(p))
        self.change_markers = PhraseTable([(w, True) for w in q["change_baselines"]])
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
        # the lowercase text right after a place name starts with one of these (`str.startswith` of a tuple)
        self.territory_authorities = tuple(self.words["territory_authorities"])
        self.surroundings = tuple(" " + w for w in self.words["surroundings_words"])
        markers = lexicon().text["caption_markers"]
        self.caption = re.compile("|".join(re.escape(m) for m in markers)) if markers else None


def _words_of(kind: str) -> frozenset[str]:
    """A function-word list from grammar.yaml."""
    return tables().words[kind]


def _joint(tokens: tuple[Token, ...], start: int, end: int) -> list[str]:
    """The words between two phrases as the rules compare them, every word for "and" ("і", "та", "и") as "and"."""
    ands = _words_of("and_words")
    return ["and" if tok.lower in ands else tok.lower for tok in tokens[start:end]]


@per_language
def tables() -> _Tables:
    return _Tables()


def find_triggers(tokens: tuple[Token, ...]) -> list[Trigger]:
    """Metric triggers in a sentence, longest first, not overlapping."""
    # an entry without a value ("sentenced to death", "death penalty") holds words that count nothing
    return [Trigger(i, i + length, *value) for i, length, value in tables().triggers.scan(tokens)
            if value is not None]


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
    conjunction_at, nouns_at_conjunction = -1, (0, 0)
    while k < stop and k - q.end < 12:
        tok = tokens[k]
        trig = triggers.get(k)
        group = t.groups.match(tokens, k)
        if trig and trig.kind == "words" and t.groups.match(tokens, _after_parties(tokens, trig.end)):
            if not seen_noun:
                np_.adjective = trig  # "wounded soldiers", "captured Russian soldiers": keep reading
            k = trig.end  # "patients, staff and displaced civilians"
            continue
        if trig and trig.kind == "words" and t.non_people.match(tokens, k) and not seen_noun:
            np_.non_people = True  # "12 buses carrying ...": the object, not the trigger, is the noun
            break
        if trig and trig.kind == "words" and group and group[0] >= trig.end - trig.start and not seen_conjunction:
            # "44 prisoners were killed", "five Ethiopian refugees": a people noun that is also a trigger;
            # it names the group, and the metric comes from a verb if there is one
            np_.noun_trigger = np_.noun_trigger or trig
            k = np_.add_group(tokens, k, group)
            seen_noun = True
            continue
        if trig and trig.kind == "noun_words" and k > q.end and tokens[k - 1].lower in _words_of("possessives") \
                and t.groups.match(tokens, k):
            k = np_.add_group(tokens, k, t.groups.match(tokens, k))  # "18 of its inhabitants": whose people
            seen_noun = True
            continue
        if trig and trig.kind in ("words", "noun_words") and not seen_conjunction:
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
        if parties and parties[0][0] == k and seen_noun and "possessor_after" in t.words:
            break  # "пленных ВСУ", "жителей Киева": a genitive after the noun (read below)
        if parties and parties[0][0] == k:
            np_.party = np_.party or parties[0][2]
            k = parties[0][1]
            # "2,500 Ukrainians" is the noun itself; "three of Iraq's cities" is not
            seen_noun = seen_noun or (tok.text.endswith("s") and not tok.text.endswith(("'s", "’s")))
            continue
        non_people = t.non_people.match(tokens, k)
        if non_people and seen_noun and k > q.end and tokens[k - 1].lower in ("of", "the", "same", "one", "a"):
            k += non_people[0]  # "members of the same family": the object of "of", not the figure's noun
            continue
        if non_people:
            after = k + non_people[0]
            if (not seen_noun and tok.lower not in _words_of("times_words") and after < stop and tokens[after].is_word
                    and not tokens[after].is_capitalised and after not in triggers
                    and not t.clause.match(tokens, after) and not t.predicate.match(tokens, after)
                    and (t.groups.match(tokens, after) or after + 1 >= stop or not tokens[after + 1].is_word
                         or t.predicate.match(tokens, after + 1))):
                k = after  # "cattle rustlers", "car bomb victims": a modifier of the noun that follows
                continue
            np_.times = tok.lower in _words_of("times_words") and not seen_noun
            np_.non_people = not seen_noun and not np_.times
            weapon = t.weapons.match(tokens, k) if np_.non_people else None
            if weapon is None and np_.non_people and k - 1 > q.end - 1 and (w2 := t.weapons.match(tokens, k - 1)) \
                    and w2[0] > 1:
                weapon = (w2[0] - 1, True)  # "726 explosive barrels": the weapon phrase began one word back
            if weapon:
                np_.weapon, k = True, k + weapon[0]
            break
        filler = t.fillers.match(tokens, k)
        if filler:
            word = tok.lower
            if word in _words_of("conjunctions"):
                if not seen_noun and unknown == 0:
                    break
                seen_conjunction = True
                conjunction_at, nouns_at_conjunction = k, (len(np_.group_words), unknown)
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
        if (tok.text == "-" and k > q.end and k + 1 < stop and tokens[k - 1].end == tok.start == tokens[k - 1].end
                and tokens[k + 1].start == tok.end and tokens[k - 1].is_word and tokens[k + 1].is_word):
            k += 1  # "30 pro-regime fighters", "pro-Russian separatists": one modifier
            continue
        if (seen_noun and unknown == 0 and tok.is_word and not tok.is_capitalised and k + 1 < stop
                and not t.clause.match(tokens, k) and not t.predicate.match(tokens, k)
                and (t.predicate.match(tokens, k + 1) or (k + 1) in triggers)):
            unknown += 1  # "three army technicians were killed": the group word modifies the noun after it
            k += 1
            continue
        after_of = k > q.end and tokens[k - 1].lower in ("of", "the", "a") and seen_noun
        if tok.is_word and not t.clause.match(tokens, k) and not t.predicate.match(tokens, k) \
                and unknown < _MAX_UNKNOWN_WORDS and (not seen_noun or tok.is_capitalised or after_of) \
                and not _is_verb(tok):  # "з них 12 перебувають у лікарнях": the verb ends the phrase
            # a word we do not know: an adjective or a noun ("illegal gold miners"), or the object of
            # "of" ("members of the same family", "members of the Indigenous People of Biafra")
            unknown += 1
            k += 1
            while after_of and k < stop and (tokens[k].is_capitalised or tokens[k].lower == "of"):
                k += 1  # the rest of a name
            continue
        break
    if conjunction_at > q.end and (len(np_.group_words), unknown) == nouns_at_conjunction:
        k = conjunction_at  # "a boy and wounded his father": no noun after the conjunction
    while k > q.end and (tokens[k - 1].lower in ("and", "or", ",") or tokens[k - 1].lower in _words_of("conjunctions")):
        k -= 1  # a trailing conjunction that led nowhere
    if "possessor_after" in t.words and not np_.party and not np_.non_people and k > q.end:
        k = _party_after_noun(tokens, k, stop, np_)
    np_.end = k
    np_.has_noun = seen_noun or unknown > 0 or bool(np_.groups)
    return np_


def _party_after_noun(tokens: tuple[Token, ...], k: int, stop: int, np_: NounPhrase) -> int:
    """Where whose people they are follows the noun in the genitive ("50 пленных ВСУ", "солдат противника",
    "громадян України"): the party, and for an armed force the military group; returns the index after it.
    People of a city ("жителів Києва") are identified by a place, not a party."""
    hits = attribution.parties_in(tokens, k, min(stop, k + 3))
    if not hits or hits[0][0] != k:
        return k
    start, end, party = hits[0]
    military = tokens[start].lower in _words_of("military_bodies")
    if not military:
        from etl.places import find_places

        words = " ".join(tok.text for tok in tokens[start:end])
        if any(p.kind != "country" for p in find_places(words, current_language())):
            return k
    np_.party = party
    if military and not np_.groups:
        np_.groups.add("military")
        np_.group_words.append(" ".join(tok.text for tok in tokens[start:end]))
    return end


def _after_parties(tokens: tuple[Token, ...], k: int) -> int:
    """Index after the party words at k ("Russian" in "captured Russian soldiers"), else k."""
    hits = attribution.parties_in(tokens, k, k + 3)
    return hits[0][1] if hits and hits[0][0] == k else k


def _trigger_after(tokens: tuple[Token, ...], start: int, triggers: dict[int, Trigger],
                   date_tokens: set[int], quantity_starts: set[int], asides: Mapping[int, int]) -> Trigger | None:
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
    while k < n and steps <= (20 if relative and held is not None else 10) and (k == start or k not in quantity_starts):
        steps += 1
        trig = triggers.get(k)
        if trig and trig.kind == "words":
            if trig.end in quantity_starts or (
                    k == start and trig.end < n and tokens[trig.end].lower in _words_of("object_starters")
                    and tokens[trig.end - 1].lower.endswith("ed")):
                return held  # "Two car bombs killed 23 people", "one of the prisoners wounded another": the agent
            if held is not None and not trig.weak:
                return trig
            if held is None and (trig.weak or relative):
                held, k, steps = trig, trig.end, 0
                continue
            return held or trig
        if k in date_tokens:
            k += 1
            continue
        if k in asides:
            k = asides[k]  # "19 people, 9 of them civilians, were killed": past the breakdown
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
                   and tokens[j].lower not in _words_of("clause_breaks") - _words_of("and_words")):
                j += 1
            if j > k + 1:
                k = j
                continue
        if (tokens[k].is_word and k + 2 < n and tokens[k + 1].lower in _words_of("and_words") and k + 2 in triggers
                and triggers[k + 2].kind == "words"):
            k += 2  # "were shot and killed", "have been waylaid and killed"
            continue
        if k == start and tokens[k].lower in _words_of("and_words") and k + 1 < n \
                and tokens[k + 1].lower in _words_of("coordinated_determiners"):
            j = k + 2  # "Six passengers and a suicide bomber have been killed": a second subject
            while j < n and j - k <= 6 and tokens[j].is_word and j not in triggers and not t.predicate.match(tokens, j) \
                    and j not in quantity_starts and tokens[j].lower not in _words_of("clause_breaks"):
                j += 1
            if j < n and j > k + 2 and (j in triggers or t.predicate.match(tokens, j)):
                k = j
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
        breaks = _words_of("clause_breaks")
        if any(tok.text in ",;:" or tok.lower in breaks for tok in between) \
                or any(k in quantity_starts for k in range(start, trig.start)) or trig.end in quantity_starts:
            return None
        return trig
    return None


def _after_toll_verb(tokens: tuple[Token, ...], start: int) -> bool:
    """"rose to", "climbed to", "stood at" right before the figure."""
    return (start >= 2 and tokens[start - 1].lower in _words_of("toll_prepositions")
            and tokens[start - 2].lower in _words_of("toll_verbs"))


def _trigger_before(tokens: tuple[Token, ...], q: Quantity, floor: int, triggers: list[Trigger]) -> Trigger | None:
    """The nearest trigger before the figure within its clause; none when a preposition governs the figure
    ("killed ... in a feud between two families"), except right after its trigger ("deaths of 100")."""
    best = None
    governed = q.start > 0 and tokens[q.start - 1].lower in _words_of("not_victim_prepositions")
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
        stops = _words_of("previous_clause_stops")
        if any(tok.lower in stops for tok in between):
            continue
        if not toll and any(tok.text == "," for tok in between) and len(between) > 3:
            continue  # "In addition to the dead, four persons sustained wounds": another clause
        if governed and not toll and trig.end < q.start:
            continue  # ("has taken in over 1.2 million": the preposition belongs to the trigger)
        best = trig
    return best


def _has_own_verb(tokens: tuple[Token, ...], k: int, triggers: dict[int, Trigger]) -> bool:
    """The figure is the subject of a verb that is no trigger ("as tens of thousands rallied", "hundreds of
    Nuers attacked a prison", "nine people survived"): a trigger before it does not count it."""
    t = tables()
    while k < len(tokens) and tokens[k].lower in ("also", "have", "had", "has", "reportedly", "then", "later"):
        k += 1
    if k >= len(tokens) or k in triggers:
        return False
    tok = tokens[k]
    return (tok.is_word and not tok.is_capitalised and tok.lower.endswith("ed") and len(tok.text) > 4
            and not t.predicate.match(tokens, k) and not t.clause.match(tokens, k))


def _is_subset(tokens: tuple[Token, ...], q: Quantity) -> bool:
    """"52 people, among them five children": the second figure is part of the first."""
    subset = tables().subset
    for back in range(1, 4):
        hit = subset.match_ending_at(tokens, q.start - back + 1) if q.start - back + 1 > 0 else None
        if hit:
            return True
    after = [tok.lower for tok in tokens[q.end:q.end + 2]]
    aside = q.start > 0 and tokens[q.start - 1].text in (",", "(", "-", "—", "–")
    return aside and after in (["of", "them"], ["of", "whom"], ["of", "those"])  # "14 people, six of them children"


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


def _group_after_toll_word(tokens: tuple[Token, ...], trig: Trigger, q: Quantity) -> str | None:
    """"Кількість поранених цивільних перевищила 18 500 осіб": the group in the genitive right after a toll
    word before the figure (languages whose possessor follows its noun)."""
    if trig.end > q.start or "possessor_after" not in tables().words:
        return None
    hit = tables().groups.match(tokens, trig.end)
    return str(hit[1]) if hit and hit[1] in ("military", "civilian") and trig.end + hit[0] <= q.start else None


def _possessor_party(tokens: tuple[Token, ...], q: Quantity, speaker: attribution.Speaker | None,
                     ctx: _Context) -> tuple[str | None, str]:
    """"100 to 200 of its soldiers": the side named before the figure (the subject, not the people of another
    figure: "captured 12 Russian soldiers ..., while two of its own troops"), else the speaker's."""
    captors = _words_of("captor_nouns")
    before = [h for h in attribution.parties_in(tokens, 0, q.start)
              if not any(s <= h[0] < e for s, e in ctx.figure_phrases)
              and not (h[1] < len(tokens) and tokens[h[1]].lower in captors)]  # "з російського полону": the captor
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
            bodies = tables().words.get("military_bodies", ())
            if group is None and any(tok.lower in bodies for tok in tokens[lo:hi]):
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


def _aid_giver(tokens: tuple[Token, ...], q: Quantity, speakers: list[attribution.Speaker],
               last_speaker: str | None = None) -> str | None:
    """Who gives: a donor written before the amount in a list (", Japan $10 million"), "aid from Washington",
    else the actor, else the speaker, else a party named before the amount."""
    hits = [h for h in attribution.parties_in(tokens, max(0, q.start - 4), q.start) if h[1] == q.start]
    if hits and hits[0][0] > 0 and tokens[hits[0][0] - 1].lower in (",", "and", "the", ";"):
        return hits[0][2]
    for k in range(q.end, min(len(tokens) - 1, q.end + 8)):
        if tokens[k].lower in _words_of("clause_breaks") - _words_of("and_words"):
            break
        if tokens[k].lower == "from":
            hits = attribution.parties_in(tokens, k + 1, min(len(tokens), k + 4))
            if hits and hits[0][0] in (k + 1, k + 2):
                return hits[0][2]
    before = sorted((s for s in speakers if s.verb_token <= q.start), key=lambda s: -s.verb_token)
    for speaker in before[:1] + sorted(speakers, key=lambda s: s.kind != "actor"):  # the nearest before, else an actor
        party = attribution.party_of(last_speaker if speaker.kind == "pronoun" else speaker.text)
        if party:
            return party
    givers = [h for h in attribution.parties_in(tokens, 0, q.start)
              if h[0] == 0 or tokens[h[0] - 1].lower not in _words_of("recipient_markers")]
    return givers[-1][2] if givers else None


def _inside_spans(places: list[Any], spans: list[tuple[int, int]]) -> dict[int, bool]:
    """For each place (by id), whether it starts inside one of the spans: a binary search per place
    over the spans sorted by start with their running furthest end (a scan per place made long
    articles quadratic)."""
    ordered = sorted(spans)
    starts = [a for a, _ in ordered]
    reach: list[int] = []
    for _, end in ordered:
        reach.append(max(end, reach[-1]) if reach else end)

    def inside(start: int) -> bool:
        i = bisect.bisect_right(starts, start) - 1
        return i >= 0 and reach[i] > start

    return {id(p): inside(p.start) for p in places}


@dataclass
class _Context:
    published: dt.date | None
    publisher: str | None
    places: list[Any]
    speaker_spans: list[tuple[int, int]]
    last_speaker: str | None = None
    recent_from: int = 0  # start of the paragraph two before the current one
    window_from: int = 0  # start of the sentence two before the current one in its paragraph (run-on text)
    paragraph_spans: list[tuple[int, int]] = field(default_factory=list)
    text: str = ""
    figure_phrases: list[tuple[int, int]] = field(default_factory=list)  # token spans of the sentence's figures
    speakers_of: dict[int, list[attribution.Speaker]] = field(default_factory=dict)  # by sentence start
    event_place: tuple[str, int] | None = None  # where the last event with a place happened, and its paragraph
    scope: scope.ArticleScope = field(default_factory=scope.ArticleScope)  # what scope carries across sentences
    _main: dict[str, str | None] = field(default_factory=dict)

    def __post_init__(self) -> None:
        self.speaker_span_set = set(self.speaker_spans)
        self._starts = [p.start for p in self.places]  # places come in text order
        self._in_speaker = _inside_spans(self.places, self.speaker_spans)
        self.clause_cuts: dict[int, list[int]] = {}  # by sentence start
        self.part_spans: list[tuple[int, int]] = []  # character spans of a total's listed parts ("2 – у Торецьку")

    def places_between(self, lo: int, hi: int) -> list[Any]:
        """The places that start at or after lo and end by hi."""
        i = bisect.bisect_left(self._starts, lo)
        out = []
        while i < len(self.places) and self.places[i].start < hi:
            if self.places[i].end <= hi:
                out.append(self.places[i])
            i += 1
        return out

    def in_speaker(self, place: Any) -> bool:
        return self._in_speaker.get(id(place), False)

    def main_country_code(self) -> str | None:
        """ISO code of the country the article's places are in most often."""
        codes = Counter(p.country_code for p in self.places)
        return codes.most_common(1)[0][0] if codes else None

    def main_place(self, kind: str) -> str | None:
        """The region (or country) the article names most often: what "the enclave", "nationwide" mean."""
        if kind not in self._main:
            wanted = ("region", "area", "city") if kind == "region" else ("country",)
            counts = Counter(p.canonical for p in self.places if p.kind in wanted)
            if not counts and kind == "country":
                codes = Counter(p.country_code for p in self.places)
                self._main[kind] = _country_names().get(codes.most_common(1)[0][0]) if codes else None
            else:
                kinds = {p.canonical: p.kind for p in self.places}
                wider = {"region": 2, "area": 1}  # a tie goes to the wider place ("по региону": the oblast)
                self._main[kind] = max(counts, key=lambda c: (counts[c], wider.get(kinds[c], 0))) if counts else None
        return self._main[kind]




def _place_for(ctx: _Context, sentence: Sentence, paragraph: tuple[int, int], figure: int,
               next_figure: int, trigger_end: int, state: bool = False) -> tuple[str | None, str]:
    """Where the figure happened: the most specific place its clause names (outside the speaker's words),
    else the region or country of the article for a region-wide wording ("across the strip", "nationwide"),
    else the rest of its sentence, else a place in the speaker's title ("Kherson regional governor", "Gaza's
    health ministry"), else its paragraph (in a long run-on paragraph, the sentences just before it). A place
    right after the figure's own verb comes first ("..., and more than 3,000 others crossed into Chad"); a
    place followed by "countryside" or "outskirts" counts as the region around it."""
    def pick(lo: int, hi: int, in_speaker: bool, skip_parts: bool = False) -> Any:
        inside = [p for p in ctx.places_between(lo, hi) if ctx.in_speaker(p) == in_speaker
                  and (p.start, p.end) not in ctx.speaker_span_set  # "Kyiv said": the government, not the city
                  and not (skip_parts and any(a <= p.start < b for a, b in ctx.part_spans))]
        # a listed part's place ("двое – в Курчатове") is its part's, not where the next line's figure is
        if not inside:
            return None
        return min(inside, key=lambda p: (_PLACE_RANK["region"] if _names_surroundings(ctx.text, p) else
                                          _PLACE_RANK.get(p.kind, 4), p.start))

    clause = _clause_span(sentence, figure, ctx.clause_cuts)
    tokens = sentence.tokens
    if trigger_end > figure:
        # "more than 3,000 others crossed into Chad": the place the figure's own verb names
        last = min(next_figure, trigger_end + _PLACE_AFTER_VERB, len(tokens)) - 1
        place = pick(max(clause[0], tokens[figure].start), min(clause[1], tokens[last].end), False)
        if place is not None:
            return place.canonical, f"'{place.surface}' named after the figure's verb"
    place = pick(*clause, False)
    if place is not None:
        return place.canonical, f"'{place.surface}' named in the figure's clause"
    wide = _region_wide(sentence, clause, ctx)
    if wide is not None:
        return wide
    window = (max(paragraph[0], ctx.window_from), paragraph[1])
    for lo, hi, in_speaker, where in ((sentence.start, sentence.end, False, "the sentence"),
                                      (sentence.start, sentence.end, True, "the speaker's title"),
                                      (*window, False, "the paragraph")):
        place = pick(lo, hi, in_speaker)
        if place is not None:
            return place.canonical, f"'{place.surface}' named in {where}"
    # "the city", "there": a place named before; the paragraph before it, else the one before that
    if _points_back_to_a_place(sentence):
        spans = ctx.paragraph_spans
        first = bisect.bisect_left(spans, (ctx.recent_from, -1))
        for lo, hi in reversed(spans[first:bisect.bisect_left(spans, (paragraph[0], -1))]):
            place = pick(lo, hi, False, skip_parts=True)
            if place is not None and state and "place_from_previous_paragraph" in tables().words \
                    and place.kind == "city" and (region := ctx.main_place("region")) is not None:
                # "В пунктах временного размещения сейчас находятся ...": a state or a total on a line of its
                # own is the area the post covers, not the town of the incident on the line before
                return region, f"the region the article is about (a state or total after '{place.surface}')"
            if place is not None:
                return place.canonical, f"'{place.surface}' named in a paragraph before ('the city', 'there')"
    return None, "no place named in the sentence or its paragraph"


def _names_surroundings(text: str, place: Any) -> bool:
    """"Idlib countryside", "the outskirts of": the area around a town, not the town."""
    after = text[place.end:place.end + 14].lower()
    return after.startswith(tables().surroundings)


def _clause_span(sentence: Sentence, figure: int, memo: dict[int, list[int]]) -> tuple[int, int]:
    """Character span of the clause holding the figure's token: clauses end at ";", "while", "whereas" and a
    comma before "but" or "where" ("..., while in Odesa three were wounded"). Not at ", and" or ", as": those
    mostly go on about the same event ("killed 52 people ..., and wounded more than 100 as civilians fled")."""
    tokens = sentence.tokens
    cuts = _clause_cuts(sentence, memo)
    lo = max((k for k in cuts if k <= figure), default=0)
    hi = min((k for k in cuts if k > figure), default=len(tokens))
    return tokens[lo].start, tokens[hi - 1].end


def _clause_cuts(sentence: Sentence, memo: dict[int, list[int]]) -> list[int]:
    """Where the sentence's clauses begin, computed once per sentence (`memo` is the article's)."""
    if sentence.start in memo:
        return memo[sentence.start]
    tokens = sentence.tokens
    after_comma, anywhere = _words_of("place_clause_breaks_after_comma"), _words_of("place_clause_breaks")
    cuts = [k for k in range(1, len(tokens)) if tokens[k].text == ";"
            or (tokens[k - 1].text == "," and tokens[k].lower in after_comma) or tokens[k].lower in anywhere
            or (tokens[k - 1].text in (":", ",") and _opens_listed_part(tokens, k))]  # (its own first test, inline)
    memo[sentence.start] = cuts
    return cuts


def _region_wide(sentence: Sentence, clause: tuple[int, int], ctx: _Context) -> tuple[str, str] | None:
    """"in the enclave", "across the strip", "nationwide": the region or the country the article is about."""
    # a tuple, so that `tuple(tokens)` for each phrase test below copies nothing
    tokens = tuple([t for t in sentence.tokens if clause[0] <= t.start < clause[1]])
    words = _region_wide_words()
    if not any(t.lower in words for t in tokens):
        return None
    for k in range(len(tokens) - 2):
        if tokens[k].lower in ("across", "throughout", "in", "on") and tokens[k + 2].lower in _words_of(
                "national_territory_nouns"):
            party = attribution.parties_in(tuple(tokens), k + 1, k + 2)
            from etl.places import load_gazetteer
            country = load_gazetteer().lookup(party[0][2]) if party else None
            if country is not None and country.kind == "country":
                said = " ".join(t.text for t in tokens[k:k + 3])
                return country.canonical, f"'{said}': the country's territory"
    for kind in ("region", "country"):
        table = _region_wide_tables()[kind]
        for k in range(len(tokens)):
            hit = table.match(tuple(tokens), k)
            if hit:
                place = ctx.main_place(kind)
                if place is not None:
                    said = " ".join(t.text for t in tokens[k:k + hit[0]])
                    return place, f"'{said}': the {kind} the article is about"
    return None


@per_language
def _region_wide_words() -> frozenset[str]:
    """Words any region-wide wording holds (a cheap test before the phrase tables)."""
    words = {phrase_tokens(p)[-1] for phrases in lexicon().grammar["region_wide"].values() for p in phrases
             if phrase_tokens(p)}
    return frozenset(words | set(_words_of("national_territory_nouns")))


@per_language
def _region_wide_tables() -> dict[str, PhraseTable]:
    return {kind: PhraseTable([(w, True) for w in words]) for kind, words in lexicon().grammar["region_wide"].items()}


_EVENT_PLACE_PARAGRAPHS = 2  # how many paragraphs on a later toll is still the event's


def _place_of_the_event(claim: Claim, ctx: _Context, paragraph: int) -> None:
    """A toll of an event told before ("More than 100 people were wounded in the attack", "No one was
    injured among Russian units") happened where that event did, when its own sentence names no place."""
    if claim.scope != "incident":
        return
    if claim.location is None and ctx.event_place is not None and paragraph - ctx.event_place[1] <= _EVENT_PLACE_PARAGRAPHS:
        claim.location = ctx.event_place[0]
        claim.explanation["location"] = f"'{claim.location}': where the event told before happened"
    elif claim.location is not None:
        ctx.event_place = (claim.location, paragraph)


def _points_back_to_a_place(sentence: Sentence) -> bool:
    """"in the city", "there": the sentence refers to a place named earlier."""
    tokens = sentence.tokens
    if "place_from_previous_paragraph" in tables().words:
        return True  # posts of one sentence per line: a figure without a place is where the last one was
    nouns = _words_of("place_nouns")

    def place_noun_after(k: int) -> bool:  # "the city", "the southern port's population"
        return any(j < len(tokens) and tokens[j].lower.removesuffix("'s").removesuffix("’s") in nouns
                   for j in (k + 1, k + 2))

    existential = _words_of("existential_verbs")
    return any(tok.lower == "there" and k > 0 and tokens[k - 1].lower not in existential
               or (tok.lower == "the" and place_noun_after(k))
               for k, tok in enumerate(tokens))


def _choose_speaker(speakers: list[attribution.Speaker], q: Quantity,
                    tokens: tuple[Token, ...] = (), nearest_act: bool = False) -> attribution.Speaker | None:
    """Who the figure is attributed to: the nearest speaker before it, else the first after it that is
    not in a subordinate clause of its own (", as Lebanon's health ministry said ..."); an actor
    ("Washington has allocated") only when nobody is quoted."""
    def subordinate(s: attribution.Speaker) -> bool:
        if s.verb_token <= q.start:
            return False
        first = next((k for k, tok in enumerate(tokens) if tok.start >= s.start), s.verb_token)
        # ", as Lebanon's health ministry said ...": the clause opens right before the speaker
        return first >= 2 and tokens[first - 2].text == "," and tokens[first - 1].lower in _words_of("subordinate_openers") \
            or first >= 3 and tokens[first - 3].text == "," and tokens[first - 2].lower in _words_of("subordinate_openers") \
            and tokens[first - 1].lower in ("the", "a", "an")

    quoted = [s for s in speakers if s.kind != "actor" and not subordinate(s)]
    if nearest_act:
        # aid: the giver's own act is the report ("Britain announced ..., and Germany pledged a further ...")
        before = [s for s in speakers if s.verb_token <= q.start and not subordinate(s)]
        if before and before[-1].kind == "actor" and (not quoted or quoted[0].verb_token < before[-1].verb_token):
            return before[-1]
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
    if not (may_hold_quantity(tokens) or implicit.may_hold_count(tokens)):
        # no number, number word or count nobody wrote (most sentences of an article): no figure, and only the
        # event the sentence may tell the next ones about is left to read
        scope.observe_countless(sentence, lambda: dates.find_dates(sentence, ctx.published), ctx.scope,
                                sentence.paragraph)
        return []
    trigger_list = find_triggers(tokens)
    no_metric_word = not trigger_list and not holds_any(tokens, t.weapon_verb_words)
    if no_metric_word and not scope.may_open_event(sentence):
        # without a metric word no quantity is a figure, and without an event word `scope.observe` (all that is
        # left to do when no quantity is found) changes nothing: the steps below would end in [] either way
        return []
    date_mentions = dates.find_dates(sentence, ctx.published)
    blocked = {k for d in date_mentions if d.kind in ("calendar", "month_part") for k in range(d.start, d.end)}
    date_tokens = {k for d in date_mentions for k in range(d.start, d.end)}
    after_place = set()  # the tokens right after a place name
    for place in ctx.places_between(sentence.start, sentence.end):
        k = bisect.bisect_left(tokens, place.end, key=_token_end)
        if k + 1 < len(tokens) and tokens[k].end == place.end:
            after_place.add(k + 1)
    quantities = _sentence_quantities(tokens, blocked, after_place, trigger_list)
    if not quantities:
        scope.observe(sentence, date_mentions, ctx.scope, sentence.paragraph)
        return []
    if no_metric_word:
        return []  # nothing gives a metric ("the mayor said"): no quantity is a figure
    # "an estimated 7.1 million": a verb inside a figure's words is no speaker
    inside = {k for q in quantities for k in range(q.start, q.end)}
    in_trigger = {tr.start for tr in trigger_list if tr.end - tr.start > 1}  # "claimed the lives of"
    found = ctx.speakers_of.get(sentence.start)
    found = attribution.find_speakers(sentence) if found is None else found
    speakers = [sp for sp in found if sp.verb_token not in inside
                and sp.verb_token not in in_trigger]  # "claimed the lives of": a trigger, not speech
    # "two local officials said", "a doctor said": who speaks is not counted
    quantities = [q for q in quantities if not any(
        sp.kind == "speech" and sp.verb_token >= q.end
        and any(sp.start <= tokens[k].start < sp.end for k in range(q.start, min(q.end + 1, sp.verb_token)))
        for sp in speakers)]
    if not quantities:
        return []
    period_start, period_dates = dates.find_period_start(sentence, date_mentions)
    period_start = _war_of_the_article(tokens, period_start, period_dates, ctx)
    readings, depends = _read_metrics(tokens, quantities, trigger_list, {tr.start: tr for tr in trigger_list},
                                      date_tokens)
    baselines = {n: _baseline_words(tokens, quantities[n], readings[n][0], date_mentions, ctx.published)
                 for n, m in depends.items() if readings[n][2] == "change_baseline"}
    baseline_dates = {b.mention for b in baselines.values() if b is not None and b.mention is not None}
    if baseline_dates & period_dates:
        # "зросла до 23 з 17 напередодні": "з" opens the earlier figure, not a period since the day before
        period_start, period_dates = None, period_dates - baseline_dates
    own_dates = [d for k, d in enumerate(date_mentions)
                 if k not in period_dates and k not in baseline_dates and d.date is not None]
    claims: list[Claim] = []
    by_index: dict[int, Claim] = {}
    previous: Claim | None = None
    figures = {m: (o.start, max(readings[m][0].end, o.end)) for m, o in enumerate(quantities) if readings[m][1] is not None}
    ctx.figure_phrases = list(figures.values())
    for n, q in enumerate(quantities):
        np_, trig, rule = readings[n]
        if trig is None or _is_conversion(tokens, q, quantities[n - 1] if n else None):
            continue
        if (n in depends and depends[n] not in by_index) or not _counts_a_victim(tokens, q, np_, trig, rule):
            continue
        why: dict[str, str] = {}
        if q.currency is not None:
            metric, unit = "aid", q.currency
            why["metric"] = f"money near '{_words(tokens, trig)}'" + (" (an amount listed after it)"
                                                                     if rule == "listed_amount" else "")
        else:
            metric = trig.metric
            unit = "people" if t.units[metric] == "people" else "count"
            why["metric"] = f"'{_words(tokens, trig)}' ({rule.replace('_', ' ')})"
        span_end = implicit.noun_end(tokens, q) if q.rule == implicit.RULE else q.end
        claim = Claim(
            metric=metric, value_low=q.low, value_best=q.best, value_high=q.high, unit=unit,
            qualifier=q.qualifier, span_start=tokens[q.start].start, span_end=tokens[span_end - 1].end,
            quote=sentence.text, rule=f"{rule}/{q.rule}", explanation=why,
            period_start=period_start,
        )
        why["values"] = f"'{_span_text(sentence, claim)}' read as {q.qualifier}" + _QUANTITY_NOTES.get(
            q.rule.split("+")[-1], "")
        speaker = _choose_speaker(speakers, q, tokens, nearest_act=q.currency is not None)
        # a figure that names nothing ("and hundreds more are injured") shares the one before it
        inherit_from = previous if previous is not None and not np_.has_noun and previous.unit == "people" else None
        if n in depends:
            inherit_from = by_index[depends[n]]
        elif q.start > 0 and tokens[q.start - 1].lower in ("among", "of"):
            inherit_from = None  # "Four children among 11 killed": 11 is the total, not more children
        if metric == "aid":
            claim.category = _aid_kind(tokens, q)
            if rule == "listed_amount":
                claim.party = _listed_giver(tokens, q, quantities[n - 1])
                why["party"] = "the donor written before the amount in a list"
            else:
                claim.party = _aid_giver(tokens, q, speakers, ctx.last_speaker)
                if claim.party is not None:
                    why["party"] = "the giver: a donor before the amount, 'aid from ...', the actor or the speaker"
            why["category"] = f"aid kind: {claim.category}"
        elif unit == "people" and metric != "population":
            _set_whose_people(claim, tokens, q, np_, trig, speaker, speakers, inherit_from, ctx,
                              part_of_total=n in depends and rule in ("subset", "breakdown"))
        next_start = quantities[n + 1].start if n + 1 < len(quantities) else len(tokens)
        _set_rate_and_date(claim, tokens, q, next_start, own_dates, np_, inherit_from, ctx)
        excluded = next((b.span for k, b in baselines.items() if depends[k] == n and b is not None), None)
        others = tuple(span for m, span in figures.items() if m != n)
        reading = scope.read_scope(
            sentence, scope.Figure(q.start, max(np_.end, q.end), trig.start, trig.end, metric, claim.rate, claim.as_of,
                                   excluded, others),
            date_mentions, period_dates, claim.period_start, ctx.published, ctx.scope, sentence.paragraph)
        claim.scope, claim.period_start, claim.period_end = reading.scope, reading.period_start, reading.period_end
        why["scope"] = reading.reason
        if n in depends:
            total = by_index[depends[n]]
            if not _read_as_dependent(claim, total, rule, baselines.get(n), _span_text(sentence, total), ctx.published):
                continue
        if speaker is not None:
            claim.source = ctx.last_speaker if speaker.kind == "pronoun" else speaker.text
            why["source"] = f"'{speaker.text}' ({speaker.kind})"
        if claim.source is None:
            claim.source = ctx.publisher
            why["source"] = "publisher (nobody named)"
        if metric != "aid":
            claim.location, why["location"] = _place_for(ctx, sentence, paragraph, q.start, next_start,
                                                         trig.end if trig.start >= np_.end else -1,
                                                         state=claim.scope in ("stock", "cumulative"))
            if rule == "breakdown" and _opens_listed_part(tokens, q.start):
                ctx.part_spans.append(_clause_span(sentence, q.start, ctx.clause_cuts))
            _place_of_the_event(claim, ctx, sentence.paragraph)
        claims.append(claim)
        by_index[n] = claim
        if n not in depends:
            previous = claim  # "among them 31 women and five children, and wounded 277": 277 shares the total's group
    return claims


_QUANTITY_NOTES = {
    "implicit_count": " (a count nobody wrote as a number: implicit_count)",
    "past_threshold": " (a verb that passes a threshold, 'surpassed', 'tops': past_threshold)",
}
# Not "subset" nor "breakdown": "six people, including a 2-year-old boy" names one of the six, and the
# six already count him; only a subset written as a number ("including 23 fighters") is a figure.
_IMPLICIT_RULES = ("participle", "verb_before", "trigger_after", "coordinated", "coordinated_before",
                   "subject_verb")


def _war_of_the_article(tokens: tuple[Token, ...], start: dt.date | None, period_dates: set[int],
                        ctx: _Context) -> dt.date | None:
    """"since the war began" in an article about Gaza is October 7, 2023, in one about Sudan April 15, 2023:
    a generic conflict phrase takes the start of the war of the country the article names most."""
    if start is None or period_dates:
        return start
    d = lexicon().dates
    generic = _generic_conflicts()
    opener = dates.tables().openers
    for k in range(len(tokens)):
        hit = opener.match(tokens, k)
        if hit and generic.match(tokens, k + hit[0]):
            code = ctx.main_country_code()
            by_country = d["conflict_starts_by_country"]
            if code in by_country:
                return dt.date.fromisoformat(str(by_country[code]))
            return start
    return start


@per_language
def _generic_conflicts() -> PhraseTable:
    return PhraseTable([(p, True) for p in lexicon().dates["generic_conflict_phrases"]])


def _sentence_quantities(tokens: tuple[Token, ...], blocked: set[int], after_place: set[int],
                         trigger_list: list[Trigger]) -> list[Quantity]:
    """The sentence's quantities: numbers (numbers.py), also after a headline's capitalised verb ("Shelling
    Kills 7", not a designation like "Leopard 2"); counts nobody wrote ("a civilian", etc/extract/implicit.py);
    no collectives ("one family") or gallery counters ("1 of 5"); threshold verbs as qualifiers."""
    t = tables()
    after_word = {tr.end for tr in trigger_list} | {
        k + 1 for k in positions_in(tokens, t.words["not_designation_before"]) if k + 1 < len(tokens)}
    quantities = find_quantities(tokens, blocked, after_place | after_word)
    counters = {k for n, q in enumerate(quantities) for k in (n, n + 1)
                if n + 1 < len(quantities) and _is_counter(tokens, q, quantities[n + 1])}
    quantities = [q for n, q in enumerate(quantities) if n not in counters and not implicit.is_collective(tokens, q)
                  and not _is_compound_modifier(tokens, q) and not (n and _is_whole_of(tokens, quantities[n - 1], q))]
    taken = blocked | {k for q in quantities for k in range(q.start, q.end)}
    found = implicit.find_implicit_counts(tokens, taken, {tr.start for tr in trigger_list},
                                          frozenset(tr.end for tr in trigger_list))
    # "без" in "без вести пропавшие": a word of a trigger phrase, not "no"
    quantities = [q for q in quantities if not (q.needs_metric_noun and any(
        tr.start <= q.start < tr.end for tr in trigger_list))]
    merged = implicit.join_relatives(tokens, sorted(quantities + found, key=lambda q: q.start))
    return [_past_threshold(tokens, q, trigger_list) for q in merged]


def _is_whole_of(tokens: tuple[Token, ...], part: Quantity, q: Quantity) -> bool:
    """"52 of its roughly 100 members", "five of the 12 passengers": the second number is the whole the first
    is taken from, not a figure of its own."""
    return (q.start == part.end + 2 and tokens[part.end].lower == "of"
            and tokens[part.end + 1].lower in ("its", "their", "the", "his", "her", "our"))


def _is_compound_modifier(tokens: tuple[Token, ...], q: Quantity) -> bool:
    """"the 706-acre farm", "a 10-member team", "a three-storey building": a number glued by a hyphen to the
    word after it modifies that word; it counts nothing."""
    k = q.end
    return (k + 1 < len(tokens) and tokens[k].text == "-" and tokens[k].start == tokens[k - 1].end
            and tokens[k + 1].start == tokens[k].end and tokens[k + 1].is_word and not tokens[k + 1].is_capitalised
            and tokens[k + 1].lower not in lexicon().quantities["number_words"]
            and not tables().groups.match(tokens, k + 1))


def _is_counter(tokens: tuple[Token, ...], q: Quantity, nxt: Quantity) -> bool:
    """"1 of 5" under a photo: a gallery counter, no figure (not "5 of 12 passengers")."""
    return (q.rule == "number" and nxt.rule == "number" and q.qualifier == nxt.qualifier == "exact"
            and nxt.start == q.end + 1 and tokens[q.end].lower == "of" and q.best <= nxt.best
            and (nxt.end >= len(tokens) or not tokens[nxt.end].is_word))


def _past_threshold(tokens: tuple[Token, ...], q: Quantity, trigger_list: list[Trigger]) -> Quantity:
    """"the death toll surpassed 25,000", "tops 8,400", "crossed the 10,000 mark": more than the figure."""
    t = tables()
    if q.qualifier != "exact" or q.currency is not None or q.rule == implicit.RULE or q.start == 0:
        return q
    verb_end = q.start
    marked = False
    while verb_end > 0 and q.start - verb_end < 3 and tokens[verb_end - 1].lower in t.threshold_gap:
        verb_end -= 1  # "crossed the 10,000 mark", "перетнула позначку в 10 тисяч"
        marked = marked or tokens[verb_end].lower in t.threshold_nouns
    if verb_end < 1 or tokens[verb_end - 1].lower not in t.threshold_last_words:
        return q
    marked = marked or (q.end < len(tokens) and tokens[q.end].lower in t.threshold_nouns)
    toll = any(tr.kind == "words" and q.start - 14 <= tr.start < q.start for tr in trigger_list)
    if t.thresholds.match_ending_at(tokens, verb_end) or (
            t.thresholds_marked.match_ending_at(tokens, verb_end) and (marked or toll)):
        return replace(q, low=q.best, high=None, qualifier="more_than", rule=f"{q.rule}+past_threshold")
    return q


def _counts_a_victim(tokens: tuple[Token, ...], q: Quantity, np_: NounPhrase, trig: Trigger, rule: str) -> bool:
    """A count nobody wrote is a figure only where a trigger reads the person as a victim: "a man was shot
    dead", "killing a civilian"; not "a man fled", "an official said killing ..."."""
    if q.rule != implicit.RULE:
        return True
    if rule not in _IMPLICIT_RULES or trig.weak or not implicit.allowed_metric(trig.metric):
        return False
    lo, hi = sorted((np_.end, trig.start))
    if any(_speech_at(tokens, k) for k in range(lo, hi)):
        return False
    # "..., a police officer and a doctor said": a speaker, however its noun phrase goes on
    end = implicit.noun_end(tokens, q)
    for k in range(end, min(len(tokens), end + 6)):
        if k == trig.start or tokens[k].text in (".", ";", ","):
            break  # "killing a 68-year-old woman, Governor Oleh Kiper said": the speaker is someone else
        if _speech_at(tokens, k):
            return False
    return True


@dataclass(frozen=True)
class _Baseline:
    """The date of the earlier figure of a change: a date mention (index) or a month, and the tokens to
    keep out of the new figure's scope."""

    mention: int | None
    span: tuple[int, int]
    date: dt.date | None
    relative: bool
    words: str


def _baseline_words(tokens: tuple[Token, ...], q: Quantity, np_: NounPhrase, date_mentions: list[dates.DateMention],
                    published: dt.date | None) -> _Baseline | None:
    """The date phrase right after the earlier figure of a change ("from 17 a day earlier", "up from
    900,000 in May"); None when no date follows it."""
    k0 = max(q.end, np_.end)
    for i, d in enumerate(date_mentions):
        if q.end <= d.start <= k0 + 2 and d.date is not None:
            return _Baseline(i, (q.start, d.end), d.date, d.kind == "relative",
                             " ".join(x.text for x in tokens[d.start:d.end]))
    for k in range(q.end, min(k0 + 3, len(tokens))):
        if tokens[k].lower in _words_of("month_prepositions") and (month := dates.month_at(tokens, k + 1)):
            window = dates.window_dates("month", published, month=month[1], year=month[2])
            return _Baseline(None, (q.start, month[0]), window[1] if window else None, False,
                             " ".join(x.text for x in tokens[k:month[0]]))
    return None


def _read_as_dependent(claim: Claim, total: Claim, rule: str, baseline: _Baseline | None, total_words: str,
                       published: dt.date | None) -> bool:
    """Fields a subset, breakdown or change baseline takes from the figure it belongs to; False when the
    figure cannot be read (a change's earlier figure with no date)."""
    why = claim.explanation
    if rule in ("subset", "breakdown"):
        claim.party = claim.party or total.party
        claim.as_of, claim.rate = total.as_of, total.rate
        claim.scope, claim.period_start, claim.period_end = total.scope, total.period_start, total.period_end
        what = "a subset" if rule == "subset" else "a breakdown"
        why["scope"] = f"{total.scope}: {what} of '{total_words}'"
        why["as_of"] = f"as '{total_words}', the figure it is part of"
        if claim.party is not None and claim.party == total.party and "party" not in why:
            why["party"] = f"as '{total_words}', the figure it is part of"
        return True
    if baseline is None or baseline.date is None:
        return False
    claim.category = total.category if claim.category == "unspecified" else claim.category
    claim.party = claim.party or total.party
    claim.rate = total.rate
    claim.scope = "unknown" if total.scope == "period" else total.scope
    claim.period_start, claim.period_end = (None, None) if total.scope == "period" else (total.period_start, None)
    claim.as_of = baseline.date
    if baseline.relative and published is not None and total.as_of is not None:
        claim.as_of = total.as_of + (baseline.date - published)  # "a day earlier": before the new figure's date
    why["as_of"] = f"'{baseline.words}' after the earlier figure of a change"
    why["scope"] = f"{claim.scope}: the earlier figure of a change, as '{total_words}'"
    return True


def _span_text(sentence: Sentence, claim: Claim) -> str:
    return sentence.text[claim.span_start - sentence.start:claim.span_end - sentence.start]


def _set_whose_people(claim: Claim, tokens: tuple[Token, ...], q: Quantity, np_: NounPhrase, trig: Trigger,
                      speaker: attribution.Speaker | None, speakers: list[attribution.Speaker],
                      inherit_from: Claim | None, ctx: _Context, part_of_total: bool = False) -> None:
    """Category (military / civilian / mixed / unspecified) and party of a people figure; a subset or breakdown
    whose own words name no side is the total's ("22 Ukrainian defenders, among them 3 officers")."""
    why = claim.explanation
    head_group = tables().groups.match(tokens, np_.head.start) if np_.head is not None else None
    if np_.groups:
        claim.category = "mixed" if len(np_.groups) > 1 else next(iter(np_.groups))
        why["category"] = f"group words {np_.group_words}"
    elif head_group and head_group[1] in ("military", "civilian"):
        claim.category = str(head_group[1])  # "prisoners of war" are soldiers
        why["category"] = "the figure's own noun names the group"
    elif not np_.group_words and (among := _among_group(tokens, max(np_.end, trig.end))) is not None:
        claim.category = among[0]  # "no casualties among its own troops", "No one was injured among Russian units"
        why["category"] = "group named after 'among'"
        if among[1] is not None and not np_.party:
            np_.party = among[1] if among[1] != "its" else None
            np_.possessive = np_.possessive or among[1] == "its"
            inherit_from = None  # the side is named: nothing to take from the figure before
    elif inherit_from is not None:
        claim.category = inherit_from.category
        why["category"] = "same group as the figure before it in the sentence"
    elif not np_.group_words and (group := _group_before_trigger(tokens, trig, q)) is not None:
        claim.category = group  # "the number of civilians killed ... to 412"
        why["category"] = "group word next to the trigger before the figure"
    elif not np_.groups and (group := _group_after_toll_word(tokens, trig, q)) is not None:
        claim.category = group
        why["category"] = "group word right after the toll word before the figure"
    else:
        claim.category = "unspecified"
        why["category"] = "no group word"
    if np_.party:
        claim.party = np_.party
        why["party"] = "named beside the figure"
    elif np_.possessive:
        claim.party, why["party"] = _possessor_party(tokens, q, speaker, ctx)
    elif part_of_total and inherit_from is not None:
        claim.party = inherit_from.party
        if claim.party is not None:
            why["party"] = "the side of the total it is part of"
    elif claim.metric == "captured" and (side := _exchange_side(tokens, q)) is not None:
        claim.party, why["party"] = side, "the side named right before the swap's verb"
    elif (loser := _loser(tokens, q, speakers)) is not None:
        claim.party, why["party"] = loser[0], "the side that lost or suffered them"
        if loser[1] and claim.category == "unspecified":
            claim.category, why["category"] = loser[1], "group words of the side that lost them"
    elif not np_.group_words and (party := _party_before_trigger(tokens, trig, q)) is not None:
        claim.party, why["party"] = party, "named just before the trigger before the figure ('the Palestinian death toll')"
    elif inherit_from is not None:
        claim.party = inherit_from.party


def _exchange_side(tokens: tuple[Token, ...], q: Quantity) -> str | None:
    """"Росії передали 75 військовополонених", "Україна повернула 100 військових": in a swap, the side named
    right before the verb (a few words before the figure) is whose people are counted."""
    verbs = _words_of("exchange_verbs")
    for k in range(q.start - 1, max(-1, q.start - 4), -1):
        if tokens[k].lower in verbs:
            hits = attribution.parties_in(tokens, max(0, k - 3), k)
            return hits[-1][2] if hits and hits[-1][1] == k else None
    return None


def _among_group(tokens: tuple[Token, ...], k: int) -> tuple[str, str | None] | None:
    """(group, party or "its") named in "among <its|Russian> <troops|units>" right after the figure's words."""
    t = tables()
    for j in range(k, min(len(tokens) - 1, k + 3)):
        if tokens[j].lower != "among":
            continue
        m = j + 1
        party: str | None = None
        if tokens[m].lower in _words_of("possessives"):
            party, m = "its", m + 1
            if m < len(tokens) and tokens[m].lower == "own":
                m += 1
        else:
            hits = attribution.parties_in(tokens, m, m + 3)
            if hits and hits[0][0] == m:
                party, m = hits[0][2], hits[0][1]
        hit = t.groups.match(tokens, m)
        if hit and hit[1] in ("military", "civilian"):
            return str(hit[1]), party
        if m < len(tokens) and tokens[m].lower in _words_of("military_units"):
            return "military", party
        return None
    return None


def _party_before_trigger(tokens: tuple[Token, ...], trig: Trigger, q: Quantity) -> str | None:
    """"the Palestinian death toll ... to more than 35,000", "Ukrainian children evacuated ... 10,000": a side
    named right before the trigger (or its group word) that comes before the figure."""
    if trig.end > q.start:
        return None
    hits = attribution.parties_in(tokens, max(0, trig.start - 3), trig.start)
    if not hits:
        return None
    between = tokens[hits[-1][1]:trig.start]
    if all(tables().groups.match(tokens, k) or tok.lower in ("'s", "the") for k, tok in
           zip(range(hits[-1][1], trig.start), between)):
        return hits[-1][2]
    return None


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


Reading = tuple[NounPhrase, "Trigger | None", str]


def _read_metrics(tokens: tuple[Token, ...], quantities: list[Quantity], trigger_list: list[Trigger],
                  trigger_at: dict[int, Trigger], date_tokens: set[int]
                  ) -> tuple[list[Reading], dict[int, int]]:
    """Noun phrase, metric trigger and rule for each quantity of a sentence, and for each figure that
    depends on another (a subset, a breakdown, the earlier figure of a change) the index of that figure.

    A figure left without a trigger takes the one of the figure it is coordinated with:
    "five soldiers and three civilians were killed", "killing 10 policemen and 16 civilians" (all killed).
    """
    t = tables()
    starts = {o.start for o in quantities}
    nps = [_noun_phrase(tokens, q, trigger_at, quantities[n + 1].start if n + 1 < len(quantities) else len(tokens))
           for n, q in enumerate(quantities)]
    breakdowns, asides = _breakdowns(tokens, quantities, nps, trigger_at)
    subset_starts = {q.start for n, q in enumerate(quantities) if n in breakdowns or _is_subset(tokens, q)}
    readings: list[Reading] = []
    for n, q in enumerate(quantities):
        floor = quantities[n - 1].end if n else 0
        np_ = nps[n]
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
        trig, rule = _metric_trigger(tokens, q, np_, trigger_at, trigger_list, floor, date_tokens, starts, asides,
                                     subset_starts)
        if trig is not None and t.units[trig.metric] == "money":
            own = np_.head or np_.noun_trigger
            if own is not None and t.units[own.metric] != "money":
                trig, rule = own, "head_noun"  # "Росії передали 75 військовополонених": handed over, not aid
        if trig is not None and (t.units[trig.metric] == "money" or (q.needs_metric_noun and not _names_its_metric(
                tokens, q, np_, rule)) or (q.metric_noun_before and not _noun_before_names_metric(tokens, q, trig))):
            trig = None
        readings.append((np_, trig, rule))
    _coordinate(tokens, quantities, readings)
    _listed_amounts(tokens, quantities, readings)
    depends = _dependent_figures(tokens, quantities, readings, breakdowns, date_tokens)
    for n, (m, kind) in depends.items():
        readings[n] = (readings[n][0], readings[m][1], kind)
    return readings, {n: m for n, (m, _) in depends.items()}


def _names_its_metric(tokens: tuple[Token, ...], q: Quantity, np_: NounPhrase, rule: str) -> bool:
    """"no casualties", "no one was killed": the figure's own noun is its trigger; "no breakdown of the
    number of dead" names something else first."""
    if rule in ("trigger_after", "participle") and (np_.group_words or np_.party):
        return True  # "no civilians were killed", "no Americans were killed"
    return rule == "head_noun" and np_.head is not None and not any(
        tok.lower == "of" for tok in tokens[q.end:np_.head.start]) \
        and not _is_verb(tokens[np_.head.start])  # "Без світла залишалися ...": a verb names no counted noun


def _noun_before_names_metric(tokens: tuple[Token, ...], q: Quantity, trig: Trigger) -> bool:
    """"Загиблих і поранених немає", "Пострадавших нет": the counted noun right before the word for none, not
    the object of "about" ("інформації про загиблих немає")."""
    if trig.kind != "words" or trig.end > q.start:
        return False
    if any(not tables().predicate.match(tokens, k) for k in range(trig.end, q.start)):
        return False
    return not (trig.start > 0 and tokens[trig.start - 1].lower in _words_of("about_prepositions"))


def _coordinate(tokens: tuple[Token, ...], quantities: list[Quantity], readings: list[Reading]) -> None:
    """A figure without a trigger takes the trigger of the figure it is coordinated with: the next one's
    verb after both ("five soldiers and three civilians were killed"), or the previous one's verb before
    both ("killing more than 10 policemen and 16 civilians", "launched 48 drones and four missiles")."""
    for n in range(len(quantities) - 2, -1, -1):
        np_, trig, _ = readings[n]
        nxt_np, nxt_trig, nxt_rule = readings[n + 1]
        between = _joint(tokens, np_.end, quantities[n + 1].start)
        if (trig is None and nxt_trig is not None and nxt_rule in ("trigger_after", "coordinated", "subject_verb",
                                                                    "participle")
                and quantities[n].currency is None and not np_.non_people
                and (between in (["and"], [",", "and"], ["and", "some"], ["or"])
                     or (between == [","] and nxt_rule == "coordinated"))):
            readings[n] = (np_, nxt_trig, "coordinated")  # "Seven civilians, three soldiers and four militants"
    for n in range(1, len(quantities)):
        np_, trig, _ = readings[n]
        prev_np, prev_trig, prev_rule = readings[n - 1]
        between = _joint(tokens, prev_np.end, quantities[n].start)
        if (trig is None and prev_trig is not None and quantities[n].currency is None
                and prev_rule in ("verb_before", "trigger_before", "weapon_launched", "coordinated_before")
                and between in (["and"], [",", "and"], [","], ["and", "some"], ["or"])
                and (np_.has_noun or np_.weapon) and np_.weapon == prev_np.weapon and (np_.weapon or not np_.non_people)):
            readings[n] = (np_, prev_trig, "coordinated_before")


def _listed_amounts(tokens: tuple[Token, ...], quantities: list[Quantity], readings: list[Reading]) -> None:
    """Donors listed after one aid verb: "Norway pledged $100 million, Japan $50 million and Canada $20 million"."""
    for n in range(1, len(quantities)):
        q, prev = quantities[n], quantities[n - 1]
        np_, trig, _ = readings[n]
        if trig is not None or q.currency is None or prev.currency is None or readings[n - 1][1] is None:
            continue
        giver = _listed_giver(tokens, q, prev)
        if giver is not None:
            readings[n] = (np_, readings[n - 1][1], "listed_amount")


def _listed_giver(tokens: tuple[Token, ...], q: Quantity, prev: Quantity) -> str | None:
    """The party written right before an amount in a list of amounts (", Japan $50 million")."""
    hits = [h for h in attribution.parties_in(tokens, prev.end, q.start) if h[1] == q.start]
    if not hits:
        return None
    joint = [word for word in _joint(tokens, prev.end, hits[0][0]) if word != "the"]
    return hits[0][2] if joint in ([","], ["and"], [",", "and"], [";"]) else None


def _breakdowns(tokens: tuple[Token, ...], quantities: list[Quantity], nps: list[NounPhrase],
                trigger_at: dict[int, Trigger]) -> tuple[dict[int, int], dict[int, int]]:
    """Asides that break a people figure down: "12 people — five policemen and seven civilians", "19 people,
    9 of them civilians, were killed", "32 people (17 locals and 15 refugees)". Returns the figure each
    quantity inside belongs to, and each aside's first token -> the token after it (for the verb search)."""
    t = tables()
    n = len(tokens)
    at = {q.start: i for i, q in enumerate(quantities)}
    members: dict[int, int] = {}
    spans: dict[int, int] = {}
    for m, q in enumerate(quantities):
        np_ = nps[m]
        if q.currency is not None or np_.non_people or not np_.has_noun or np_.end >= n - 1:
            continue
        opener = tokens[np_.end].text
        first = np_.end + 1
        if opener == "-" and tokens[first].text == "-":
            opener, first = "--", first + 1
        colon = np_.end
        while colon < min(n - 1, np_.end + 3) and tokens[colon].is_word and colon not in trigger_at:
            colon += 1  # "4 мирних жителів Запорізької області: ...": the rest of the place after the noun
        if tokens[colon].text == ":":
            parts = _colon_parts(tokens, quantities, colon + 1, at)
            if parts is not None:
                for i in parts[0]:
                    members[i] = m
                spans[colon] = parts[1]
            continue
        if opener not in (",", "—", "–", "-", "--", "(", "[") or first not in at:
            continue
        close = {"(": ")", "[": "]"}.get(opener, opener)
        inside: list[int] = []
        k = first
        broken = False
        while k < n:
            text = tokens[k].text
            if text == close and (close != "--" or (k + 1 < n and tokens[k + 1].text == "-")):
                break
            if close == "--" and text == "-" and k + 1 < n and tokens[k + 1].text == "-":
                break
            if k in at:
                inside.append(at[k])
            trig = trigger_at.get(k)
            if trig is not None and trig.kind == "words" and not t.groups.match(tokens, k):
                broken = True  # "killed 14 people, 97 were wounded": a clause of its own, not a breakdown
                break
            if text in (";", ":") or tokens[k].lower in _words_of("clause_breaks") - _words_of("and_words"):
                broken = True
                break
            k += 1
        if broken or not inside or any(quantities[i].currency is not None for i in inside):
            continue
        after = k + (2 if close == "--" else 1)
        if close == "," and after < n and not (t.predicate.match(tokens, after) or after in trigger_at
                                             or _speech_at(tokens, after)):
            continue  # ", 12 others wounded": the comma does not close an aside
        for i in inside:
            members[i] = m
        spans[np_.end] = min(after, n)
    return members, spans


_DASHES = ("–", "—", "-")


def _opens_listed_part(tokens: tuple[Token, ...], k: int) -> bool:
    """": 2 – у Торецьку, 1 – у Курахове": each listed part of a total is a clause of its own."""
    return (tokens[k - 1].text in (":", ",") and k + 1 < len(tokens) and tokens[k + 1].text in _DASHES
            and read_amount(tokens, k) is not None)


def _colon_parts(tokens: tuple[Token, ...], quantities: list[Quantity], first: int,
                 at: dict[int, int]) -> tuple[list[int], int] | None:
    """A total's parts listed after a colon, each a number, a dash and where or who: "вбили 3 жителів
    Донеччини: 2 – у Торецьку, 1 – у Курахове". The parts' indices and the token after the list, or None."""
    n = len(tokens)
    parts: list[int] = []
    k = first
    while k in at and quantities[at[k]].end < n and tokens[quantities[at[k]].end].text in _DASHES:
        parts.append(at[k])
        k = quantities[at[k]].end + 1
        while k < n and tokens[k].text not in (",", ";", ".", ":") and tokens[k].lower not in _words_of("and_words"):
            k += 1
        if k < n and tokens[k].text in (",",) or k < n and tokens[k].lower in _words_of("and_words"):
            nxt = k + 1
            if nxt < n and tokens[nxt].lower in _words_of("and_words"):
                nxt += 1  # ", і 1 – у Курахове"
            if nxt in at:
                k = nxt
                continue
        break
    return (parts, min(k, n)) if len(parts) >= 2 else None


def _dependent_figures(tokens: tuple[Token, ...], quantities: list[Quantity], readings: list[Reading],
                       breakdowns: dict[int, int], date_tokens: set[int]) -> dict[int, tuple[int, str]]:
    """Figures read with another one of their sentence: a subset ("including 23 fighters", "9 of them
    civilians") or breakdown of a total, and the earlier figure of a change ("rose to 23 from 17 a day
    earlier"). Maps the quantity index to (index of the figure it depends on, rule)."""
    t = tables()
    out: dict[int, tuple[int, str]] = {}
    for n, q in enumerate(quantities):
        if q.currency is not None or n == 0 or readings[n][0].non_people:
            continue  # "forced residents out of 10 villages": a count of things is part of no toll
        people_before = [m for m in range(n) if quantities[m].currency is None and not readings[m][0].non_people
                         and readings[m][1] is not None]
        joined = _joint(tokens, readings[n - 1][0].end, q.start) in (["and"], [","])
        after_verb = _bracket_after_verb(tokens, q, quantities, readings)
        if n in breakdowns and readings[breakdowns[n]][1] is not None:
            out[n] = (breakdowns[n], "breakdown")
        elif after_verb is not None:
            out[n] = (after_verb, "breakdown")
        elif _is_subset(tokens, q) and people_before:
            out[n] = (people_before[-1], "subset")
        elif joined and n - 1 in out and out[n - 1][1] == "subset":
            out[n] = out[n - 1]  # "including two women and two children": the whole list is the subset
        elif readings[n - 1][1] is not None and quantities[n - 1].currency is None and _is_baseline(
                tokens, q, quantities[n - 1], readings[n - 1][0], date_tokens):
            out[n] = (n - 1, "change_baseline")
    return out


def _bracket_after_verb(tokens: tuple[Token, ...], q: Quantity, quantities: list[Quantity],
                        readings: list[Reading]) -> int | None:
    """"396 civilians were killed (109 children, 78 women)": figures in brackets right after a figure's verb
    break that figure down; returns its index."""
    k = q.start - 1
    while k >= 0 and tokens[k].text not in ("(", "[") and tokens[k].text not in (")", "]", ";"):
        k -= 1
    if k < 0 or tokens[k].text not in ("(", "["):
        return None
    for m, other in enumerate(quantities):
        trig = readings[m][1]
        if other.end <= k and trig is not None and trig.end == k and other.currency is None \
                and readings[m][2] in ("trigger_after", "participle", "subject_verb"):
            return m
    return None


def _is_baseline(tokens: tuple[Token, ...], q: Quantity, prev: Quantity, prev_np: NounPhrase,
                 date_tokens: set[int]) -> bool:
    """"rose to 23 from 17", "rose to 23 on Saturday from 17", "reached 1.2 million, up from 900,000": the
    earlier figure of a change."""
    t = tables()
    hit = t.change_markers.match_ending_at(tokens, q.start)
    if hit is None:
        return False
    marker = q.start - hit[0]
    while marker - 1 >= max(prev.end, prev_np.end) and (marker - 1 in date_tokens or (
            marker in date_tokens and tokens[marker - 1].lower in ("on", "in", "at", "by"))):
        marker -= 1  # "rose to 23 on Saturday from 17": the new figure's date stands between
    if marker not in (prev.end, prev_np.end) and not (marker - 1 in (prev.end, prev_np.end)
                                                       and tokens[marker - 1].text == ","):
        return False
    if tokens[marker].lower in ("up", "down", "compared"):
        return True
    change = word_set(lexicon().quantities["change_verbs"]) | _words_of("toll_verbs")
    return any(tok.lower in change for tok in tokens[max(0, prev.start - 6):prev.start])


def _metric_trigger(tokens: tuple[Token, ...], q: Quantity, np_: NounPhrase, trigger_at: dict[int, Trigger],
                    trigger_list: list[Trigger], floor: int, date_tokens: set[int], quantity_starts: set[int],
                    asides: Mapping[int, int], subset_starts: set[int]) -> tuple[Trigger | None, str]:
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
    if np_.weapon:
        return _weapon_verb(tokens, q, np_, floor, date_tokens, quantity_starts)
    if np_.non_people or not np_.people_compatible:
        return None, ""
    before = _trigger_before(tokens, q, floor, trigger_list)
    adjacent = before if before is not None and before.end == q.start else None
    if adjacent is None and _has_own_verb(tokens, np_.end, trigger_at):
        before = None
    after = _trigger_after(tokens, np_.end, trigger_at, date_tokens, quantity_starts, asides)
    participle = after if after is not None and after.start == np_.end else None
    if participle is not None and adjacent is not None and participle.metric not in _words_of("participle_metrics"):
        participle = None  # "killed 17 people seeking refuge": the verb counts them, the participle describes them
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
    if not found:
        subject = _subject_verb(tokens, q, np_, trigger_at, date_tokens, quantity_starts, subset_starts)
        if subject is not None:
            return subject, "subject_verb"
        toll = _toll_named_after(tokens, q, np_, trigger_at, quantity_starts)
        return (toll, "toll_after") if toll is not None else (None, "")
    return (strong or found)[0]


_SUBJECT_REACH = 40


def _toll_named_after(tokens: tuple[Token, ...], q: Quantity, np_: NounPhrase, trigger_at: dict[int, Trigger],
                      quantity_starts: set[int]) -> Trigger | None:
    """Monitors' word order: "it rose to 9 at least, the number of persons who were killed today": a figure
    after a toll verb whose toll is named after it, past one comma."""
    if not (q.start >= 2 and tokens[q.start - 1].lower in _words_of("toll_prepositions")
            and tokens[q.start - 2].lower in _words_of("toll_verbs")):
        return None
    k = np_.end
    if k >= len(tokens) or tokens[k].text != ",":
        return None
    for j in range(k + 1, min(len(tokens), k + 14)):
        if j in quantity_starts or tokens[j].text in (";", ":"):
            return None
        trig = trigger_at.get(j)
        if trig is not None and trig.kind == "words" and not trig.weak:
            return trig
    return None


def _subject_verb(tokens: tuple[Token, ...], q: Quantity, np_: NounPhrase, trigger_at: dict[int, Trigger],
                  date_tokens: set[int], quantity_starts: set[int], subset_starts: set[int]) -> Trigger | None:
    """A figure that opens its clause takes the passive verb of its clause however long the subject:
    "Ten residents of Konduz Province, including <two names and titles>, have been killed", "Six policemen
    who were kidnapped over the weekend by pirates ... have been killed". A verb after "who/which/that" belongs
    to a relative clause; another figure (not a subset), a clause break or a semicolon ends the search."""
    t = tables()
    opener = q.start == 0 or tokens[q.start - 1].text == "," or tokens[q.start - 1].lower == "that" \
        or _speech_at(tokens, q.start - 1)
    if not opener or q.currency is not None:
        return None
    n = len(tokens)
    k = np_.end
    while k < min(n, np_.end + _SUBJECT_REACH):
        tok = tokens[k]
        if tok.text in (";", ":") or tok.lower in _words_of("subject_clause_ends"):
            return None
        if k in quantity_starts and k not in subset_starts:
            return None
        if tok.lower in _words_of("passive_auxiliaries") and not (
                k > 0 and tokens[k - 1].lower in _words_of("relative_pronouns")):
            if tok.lower in ("have", "has", "had") and not (k + 1 < n and tokens[k + 1].lower == "been"):
                k += 1
                continue  # "Three attackers have killed five people": active, the figure is the agent
            j = k + 1
            while j < n and j - k <= 5 and (j in date_tokens or t.predicate.match(tokens, j)
                                            or tokens[j].lower in _words_of("subject_verb_gap")):
                if j in trigger_at:
                    break
                j += 1
            trig = trigger_at.get(j)
            if trig is not None and trig.kind == "words" and not trig.weak:
                return trig
        k += 1
    return None


def _weapon_verb(tokens: tuple[Token, ...], q: Quantity, np_: NounPhrase, floor: int, date_tokens: set[int],
                 quantity_starts: set[int]) -> tuple[Trigger | None, str]:
    """Weapons counted as strikes: "launched 48 drones", "dropped three bombs on" (a launch verb just before
    the figure, in its clause), "11 missiles hit", "about 20 shells landed" (a strike verb after it)."""
    t = tables()
    for k in range(q.start - 1, max(floor, q.start - 7) - 1, -1):
        hit = t.weapon_verbs_before.match(tokens, k)
        if hit and k + hit[0] <= q.start and all(
                j in date_tokens or tokens[j].lower in _words_of("weapon_verb_gap")
                or _in_target_phrase(tokens, j, k + hit[0]) for j in range(k + hit[0], q.start)):
            return Trigger(k, k + hit[0], "strikes", "weapon_verb", False), "weapon_launched"
        if tokens[k].text in ",;:" or k in quantity_starts:
            break
    k = np_.end
    while k < len(tokens) and k - np_.end <= 6 and k not in quantity_starts:
        hit = t.weapon_verbs_after.match(tokens, k)
        if hit:
            return Trigger(k, k + hit[0], "strikes", "weapon_verb", False), "weapon_struck"
        if k in date_tokens or t.predicate.match(tokens, k) or tokens[k].lower in _words_of("weapon_verb_gap"):
            k += 1
            continue
        break
    return None, ""


def _in_target_phrase(tokens: tuple[Token, ...], j: int, verb_end: int) -> bool:
    """Token j is part of the target named between a launch verb and its weapons ("скинули на Херсон 3 КАБи",
    "атакував Одещину 15 дронами"): a place preposition and the capitalised name after it, or a name right
    after the verb."""
    k = j
    while k >= verb_end and tokens[k].is_capitalised and tokens[k].is_word and j - k < 3:
        k -= 1
    if k < j and (k < verb_end or tokens[k].lower in _words_of("place_prepositions")):
        return True
    if j > verb_end and tokens[j].lower in _words_of("target_nouns") and tokens[j - 1].lower in _words_of(
            "place_prepositions"):
        return True  # "выпустили по региону 67 снарядов": the target is a place noun
    return tokens[j].lower in _words_of("place_prepositions") and j + 1 < len(tokens) and (
        tokens[j + 1].is_capitalised or tokens[j + 1].lower in _words_of("target_nouns"))


def _words(tokens: tuple[Token, ...], trig: Trigger) -> str:
    return " ".join(tok.text for tok in tokens[trig.start:trig.end])


_DATELINE_RE = re.compile(r"^\s*[A-Z][^\n()]{0,60}\([^)\n]{1,40}\)\s*[-–—]", re.MULTILINE)
_DATELINE_LINES = 3  # a headline, a byline or a caption may come before the dateline


@lru_cache(maxsize=1)
def _country_names() -> dict[str, str]:
    """ISO code -> the gazetteer's name of the country."""
    from etl.places import load_gazetteer
    return {p.country_code: p.canonical for p in load_gazetteer().places if p.kind == "country"}


@per_language
def _currency_signs() -> frozenset[str]:
    q = lexicon().quantities
    return frozenset(q["currency_symbols"]) | frozenset(q["currency_codes"])


@per_language
def _party_aliases() -> frozenset[str]:
    return frozenset(a for aliases in lexicon().parties["parties"].values() for a in aliases)


@per_language
def _party_alias_forms() -> frozenset[str]:
    """The parties' names as their words' normal forms, where names inflect ("Україні", "Украину")."""
    from etl.extract.text import phrase_tokens

    return frozenset(" ".join(phrase_tokens(a)) for a in _party_aliases())


def _names_a_party(surface: str) -> bool:
    """A place's words as written are a party's name ("Kyiv", "Baku"; "Україні", "Россию" in any case)."""
    if surface in _party_aliases():
        return True
    if "possessor_after" not in tables().words:
        return False
    from etl.extract.text import phrase_tokens

    return " ".join(phrase_tokens(surface)) in _party_alias_forms()


def _is_verb(tok: Token) -> bool:
    """A Ukrainian or Russian verb form (finite, infinitive, short participle, gerund)."""
    from etl.extract.morphology import parts_of_speech

    return bool(parts_of_speech(tok.text, current_language()) & {"VERB", "INFN", "PRTS", "GRND"})


def dateline_spans(text: str, para_spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Datelines ("KYIV (Reuters) -") opening one of the first lines: where the story was filed."""
    own = lexicon().attribution.get("dateline_pattern")  # the language's dateline form ("МОСКВА, 12 июня. /ТАСС/.")
    pattern = re.compile(own, re.MULTILINE) if own else _DATELINE_RE
    out = []
    for start, end in para_spans[:_DATELINE_LINES]:
        m = pattern.match(text, start, end)
        if m:
            out.append((start, m.end()))
    return out


def _event_places(text: str, sentences: list[Sentence], places: list[Any],
                  para_spans: list[tuple[int, int]]) -> list[Any]:
    """Places that can be where a figure happened: not the dateline ("KYIV (Reuters) -", where the
    story was filed), not a capital or country used for its government ("Kyiv disputes", "Baku said"),
    not part of a person's name ("President Volodymyr Zelenskiy"), not where something was said."""
    datelines = dateline_spans(text, para_spans)
    words = _Neighbours(sentences)
    after_speech: set[int] = set()  # "told reporters in Geneva": where it was said, not where it happened
    speech = attribution.tables().speech
    prepositions = _words_of("place_prepositions")
    with_places = {id(words.sentence_at(p.start)) for p in places}  # only where a place can follow the verb
    for sentence in (s for s in sentences if id(s) in with_places):
        for k in speech.starts(sentence.tokens):
            hit = speech.match(sentence.tokens, k)
            if hit and not sentence.tokens[k].is_capitalised:
                tail = sentence.tokens[k + hit[0]:k + hit[0] + 3]
                if tail and tail[0].lower in ("in", "at") or any(t.lower in ("in", "at") for t in tail[:2]):
                    after_speech.update(t.start for t in tail)
    titles = _words_of("person_titles")
    aliases, signs, government_verbs = _party_aliases(), _currency_signs(), tables().government_verbs
    counterparts, designators = _words_of("counterpart_prepositions"), _words_of("place_designators")
    speaker_nouns = attribution.tables().speaker_nouns
    kept = []
    for place in places:
        if any(a <= place.start < b for a, b in datelines) or place.start in after_speech:
            continue
        if text[place.end:place.end + 1] == "-":
            continue  # "Britain-based", "Iran-backed": an adjective, not where it happened
        follower = words.after(place.end)
        before = words.before(place.start)
        # "people in Sudan has reached": Sudan is a place
        governed = before is not None and before.lower in prepositions
        possessive = text[place.end:place.end + 2] in ("'s", "’s")
        side = place.surface in aliases
        acting = follower is not None and not follower.is_capitalised and follower.is_word and (
            follower.lower in government_verbs or (follower.lower.endswith("ed") and len(follower.text) > 4)
            or (before is None and follower.lower.endswith("s")))  # "Russia pounds Ukraine with 167 drones"
        if before is None and follower is not None and follower.lower == "and":
            acting = True  # "Ukraine and Russia swap 150 prisoners each": the sides, as the subject
        first = words.before(before.start) if before is not None else None
        if (before is not None and before.lower == "and" and first is not None and first.text in aliases
                and words.before(first.start) is None):
            acting = True  # ... and the second of them
        counterpart = before is not None and before.lower in counterparts
        locative = governed and before is not None and before.lower not in ("of", "with")  # "into India's Mizoram"
        if "possessor_after" in tables().words and _names_a_party(place.surface) and not governed and (
                (before is not None and before.is_word and not _is_verb(before)
                 and before.lower not in _words_of("national_territory_nouns"))
                or (follower is not None and follower.is_word and _is_verb(follower))):
            continue  # "МВД Украины", "граждан Украины", "Украине переданы": a side, not where (places are governed)
        if side and ((possessive and not locative) or (not governed and acting) or counterpart) \
                and not _territory_authority(text, place.end + (2 if possessive else 0)):
            continue  # "Kyiv's soldiers", "Kyiv disputes", "Ukraine brought home", "a swap with Russia": a side
        if not governed and follower is not None and not follower.is_capitalised and _speech_at_token(follower):
            continue  # "Baku said", "Tehran accused": a government speaking, wherever it names
        if side and follower is not None and (follower.text in signs or follower.text[:1].isdigit()):
            continue  # "..., Japan $50 million": a donor, not a place
        # (a region or country after a title is where the titled person serves: "Губернатор Курской области")
        if (before is not None and before.lower.rstrip(".") in titles and place.kind not in ("region", "country")) or (
                follower is not None and follower.is_capitalised and follower.start == place.end + 1
                and not any(p.start == follower.start for p in places)
                and follower.lower not in speaker_nouns
                and follower.lower not in designators
                and ((after := words.after(follower.end)) is None or after.text in (",", "'s", "’s")
                     or _speech_at_token(after))):
            continue  # "President Volodymyr Zelenskiy", "Volodymyr Zelenskiy said": part of a person's name
        kept.append(place)
    return kept


class _Neighbours:
    """The token after the one that ends at a character offset, or before the one that starts at it, in
    its sentence: found by binary search, since only the words around place names are asked for (a map of
    every token of the article cost a tenth of extraction)."""

    def __init__(self, sentences: list[Sentence]) -> None:
        self._sentences = sentences
        self._starts = [s.start for s in sentences]

    def sentence_at(self, offset: int) -> Sentence | None:
        """The sentence whose characters hold `offset`."""
        i = bisect.bisect_right(self._starts, offset) - 1
        return self._sentences[i] if i >= 0 and offset < self._sentences[i].end else None

    def after(self, end: int) -> Token | None:
        sentence = self.sentence_at(end - 1)
        if sentence is None:
            return None
        tokens = sentence.tokens
        k = bisect.bisect_left(tokens, end, key=_token_end)
        return tokens[k + 1] if k + 1 < len(tokens) and tokens[k].end == end else None

    def before(self, start: int) -> Token | None:
        sentence = self.sentence_at(start)
        if sentence is None:
            return None
        tokens = sentence.tokens
        k = bisect.bisect_left(tokens, start, key=_token_start)
        return tokens[k - 1] if 0 < k < len(tokens) and tokens[k].start == start else None


_token_start = operator.attrgetter("start")
_token_end = operator.attrgetter("end")


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


def _speech_at_token(tok: Token) -> bool:
    return tok.lower in attribution.tables().speech_words


def _territory_authority(text: str, end: int) -> bool:
    """"Gaza's health ministry", "the Gaza health ministry": a territory's own authority; its toll is the
    territory's, so the name stays a place."""
    tail = text[end:end + 40].lower().lstrip()
    return tail.startswith(tables().territory_authorities)


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
    from etl.extract.text import paragraphs
    para_spans = paragraphs(text)
    sentences = split_sentences(text, max_sentence_chars, para_spans)
    speakers_by_sentence = [attribution.find_speakers(s) for s in sentences]
    ctx = _Context(published, publisher, _event_places(text, sentences, find_places(text, current_language()),
                                                        para_spans),
                   [(sp.start, sp.end) for sps in speakers_by_sentence for sp in sps])
    ctx.paragraph_spans = para_spans
    ctx.text = text
    ctx.speakers_of = {s.start: sps for s, sps in zip(sentences, speakers_by_sentence)}
    claims: list[Claim] = []
    per_paragraph = Counter(s.paragraph for s in sentences)
    unattributed: list[tuple[int, Claim]] = []  # (paragraph, claim) given the publisher for want of a speaker
    for n, (sentence, speakers) in enumerate(zip(sentences, speakers_by_sentence)):
        ctx.recent_from = para_spans[max(0, sentence.paragraph - 2)][0]
        long = per_paragraph[sentence.paragraph] > _RUN_ON_SENTENCES
        ctx.window_from = sentences[max(0, n - 2)].start if long else 0
        found = extract_sentence_claims(sentence, ctx, para_spans[sentence.paragraph])
        claims.extend(found)
        named = [sp for sp in speakers if sp.kind in ("speech", "preposition")] if speakers else []
        if named:
            ctx.last_speaker = named[-1].text
        if found:
            unattributed += [(sentence.paragraph, c) for c in found
                             if c.explanation.get("source", "").startswith("publisher")]
        if not found and named and attribution.reports_back(sentence):
            # "Про це повідомив голова ОВА ...": the speaker of the figures just told (this paragraph, or the
            # one before when the sentence opens its own)
            reach = sentence.paragraph - (1 if sentence.index_in_paragraph == 0 else 0)
            for paragraph, claim in unattributed:
                if paragraph >= reach:
                    claim.source = named[0].text
                    claim.explanation["source"] = f"'{named[0].text}' (the next sentence reports it)"
            unattributed = []
    return _merge_repeats(claims, text, para_spans, published)


def _is_headline(text: str, para_spans: list[tuple[int, int]]) -> bool:
    """The first line is a headline: more lines follow and it does not end like a sentence."""
    if len(para_spans) < 2:
        return False
    first = text[para_spans[0][0]:para_spans[0][1]].rstrip()
    return not first.endswith((".", "!", "?", '"', "”", "’", "'", ":")) and len(first.split()) <= 25


def _merge_repeats(claims: list[Claim], text: str, para_spans: list[tuple[int, int]],
                   published: dt.date | None) -> list[Claim]:
    """One reported figure told twice in an article is one claim: a headline repeated by the lead ("5 killed
    in Kharkiv" / "Five people were killed in Kharkiv on Tuesday"), a quote repeating the lead. Two mentions
    are the same figure when metric, unit, values and rate agree and nothing else disagrees (a place, an
    event date, a group or a party one of them leaves unsaid). The body's mention wins over the headline's,
    else the first."""
    furniture = _page_furniture(text, para_spans)

    def in_furniture(c: Claim) -> str | None:
        return next((what for (a, b), what in furniture.items() if a <= c.span_start < b), None)

    kept: list[Claim] = []
    for claim in claims:
        twin = next((k for k in kept if _same_figure(k, claim, published)), None)
        if twin is None:
            kept.append(claim)
            continue
        where = in_furniture(twin)
        if where is not None and in_furniture(claim) is None:
            kept[kept.index(twin)] = claim
            claim.explanation["repeat"] = f"also told in the {where} ('{text[twin.span_start:twin.span_end]}')"
        else:
            twin.explanation["repeat"] = f"told again later ('{text[claim.span_start:claim.span_end]}')"
    return kept


def _page_furniture(text: str, para_spans: list[tuple[int, int]]) -> dict[tuple[int, int], str]:
    """Lines that are not the story: the headline repeated as the first line, photo captions."""
    out: dict[tuple[int, int], str] = {}
    if _is_headline(text, para_spans):
        out[para_spans[0]] = "headline"
    caption = tables().caption  # any of the caption markers
    for span in para_spans:
        if caption is not None and caption.search(text, span[0], span[1]):
            out[span] = "photo caption"
    return out


def _same_figure(a: Claim, b: Claim, published: dt.date | None) -> bool:
    def agree(x: object, y: object, unsaid: object = None) -> bool:
        return x == y or x in (None, unsaid) or y in (None, unsaid)

    dependent = ("subset", "breakdown", "change_baseline")
    if a.quote == b.quote:
        return False  # two figures of one sentence are two figures
    return ((a.metric, a.unit, a.value_best, a.rate) == (b.metric, b.unit, b.value_best, b.rate)
            and (a.qualifier == b.qualifier or "exact" in (a.qualifier, b.qualifier))
            and _places_agree(a.location, b.location) and agree(a.as_of, b.as_of, published)
            and agree(a.category, b.category, "unspecified") and agree(a.party, b.party)
            and (a.rule.split("/")[0] in dependent) == (b.rule.split("/")[0] in dependent))


def _places_agree(a: str | None, b: str | None) -> bool:
    """The same place, one left unsaid, or one the country the other is in ("Kayanza" and "Burundi")."""
    if a is None or b is None or a == b:
        return True
    from etl.places import load_gazetteer

    gazetteer = load_gazetteer()
    pa, pb = gazetteer.lookup(a), gazetteer.lookup(b)
    if pa is None or pb is None or pa.country_code != pb.country_code:
        return False
    return "country" in (pa.kind, pb.kind)

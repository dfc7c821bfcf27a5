"""Counts nobody wrote as a number: "a civilian was killed", "one of its anchors", "his wife was injured",
"twin brothers", "a woman and her two children" (3).

Coded event datasets count these (in one coded set about half of the events with deaths state no
number), so Tally reads them as exact figures whose words are their span. This module only finds the
candidate phrases; whether one is a figure is decided as for any quantity (etl/extract/claims.py): a
trigger must read the person as a victim ("was shot dead", "killing a civilian"), and only the metrics
listed in metrics.yaml `implicit_counts.metrics` may count them.

The words are data (etl/data/<language>/metrics.yaml `implicit_counts`). Hand-written: a determiner, a few
modifiers and a person noun that heads its phrase is a pattern, not a parse.

Ukrainian and Russian have no articles: there a person noun in the singular is one person by itself
("загинула жінка", "поранено чоловіка", "погиб мирный житель"; `bare_singular`), told from the plural by
pymorphy3's grammatical number (etl/extract/morphology.py); a form that may be either ("жінки", "человек")
counts one only beside a verb in the singular ("погиб человек"). "Мати і двоє дітей" (3): a count of kin
(`kin`) joined to the count after it is the family's.
"""
from __future__ import annotations

import bisect
from dataclasses import dataclass

from etl.extract import attribution
from etl.extract.lexicon import current_language, lexicon, per_language
from etl.extract.morphology import grammatical_numbers, parts_of_speech
from etl.extract.numbers import Quantity
from etl.extract.text import PhraseTable, Token, holds_any, positions_in, word_map, word_set

RULE = "implicit_count"
_MAX_MODIFIERS = 3


@dataclass(frozen=True)
class _Tables:
    determiners: dict[str, int]
    possessives: frozenset[str]
    pairs: dict[str, int]
    pair_nouns: dict[str, int]
    persons: PhraseTable  # singular person nouns
    plural_persons: PhraseTable  # the population groups ("soldiers", "residents")
    collectives: frozenset[str]
    stops: frozenset[str]  # words that end a modifier run: function words, clause words
    predicatives: frozenset[str]  # "pulled a man alive": an adjective after the noun
    not_after: frozenset[str]  # "by a gunman", "as a soldier": no victim counted after these
    compounds: frozenset[str]  # "the civilian death toll": the person noun modifies these
    head_words: frozenset[str]  # first words of the singular person nouns
    non_people: PhraseTable
    metrics: frozenset[str]
    bare_singular: bool  # a language without articles: a singular person noun alone counts one
    joiners: frozenset[str]  # "a woman and her two children": the words that join relatives
    others: frozenset[str]  # "a town mayor and three other people"
    kin: PhraseTable  # "мати і двоє дітей": after kin, a joined count is the family's
    conjunctions: frozenset[str]  # "a civilian and a soldier": the person noun ends its phrase before these
    start_words: frozenset[str]  # the words a count nobody wrote can start with (the rest match nothing)
    second_words: frozenset[str]  # besides a person noun, the words one of those counts needs (`may_hold_count`)
    pair_words: frozenset[str]  # the pair nouns ("подружжя"), which count by themselves where `bare_singular`


@per_language
def tables() -> _Tables:
    m = lexicon().metrics
    spec = m["implicit_counts"]
    g = lexicon().grammar
    stops = set(m["clause_words"]) | set(m["predicate_fillers"]) | set(g["clause_breaks"]) \
        | set(g["place_prepositions"]) | set(g["relative_pronouns"]) | {"a", "an", "the", "one", "another"}
    fillers = set(m["noun_phrase_fillers"]) - {"of", "and", "or", "the", "its", "their", "our", "his", "her",
                                                 "them", "whom", "those", "these"}
    determiners: dict[str, int] = dict(word_map(spec["determiners"]))  # type: ignore[arg-type]
    possessives = word_set(spec["possessives"])
    pairs: dict[str, int] = dict(word_map(spec["pairs"]))  # type: ignore[arg-type]
    pair_nouns: dict[str, int] = dict(word_map(spec["pair_nouns"]))  # type: ignore[arg-type]
    return _Tables(
        determiners=determiners,
        possessives=possessives,
        pairs=pairs,
        pair_nouns=pair_nouns,
        persons=PhraseTable([(w, g_) for g_, words in spec["singular_persons"].items() for w in words]),
        plural_persons=PhraseTable([(w, g_) for g_, words in m["population_groups"].items() for w in words]),
        collectives=word_set(spec["collectives"]),
        stops=word_set(sorted(stops - fillers)),
        predicatives=word_set(spec["predicatives"]),
        not_after=word_set(spec["not_after"]),
        compounds=word_set(spec["compound_nouns"]),
        head_words=word_set(sorted({w.lower().split()[0] for words in spec["singular_persons"].values()
                                    for w in words})),
        non_people=PhraseTable([(w, True) for w in m["non_people_nouns"]]),
        metrics=frozenset(spec["metrics"]),
        bare_singular=bool(spec.get("bare_singular")),
        joiners=word_set(spec.get("relative_joiners", ["and"])),
        others=word_set(spec.get("others_words", ["other", "others", "more"])),
        kin=PhraseTable([(w, True) for w in spec.get("kin", [])]),
        conjunctions=word_set(g["conjunctions"]),
        start_words=frozenset({"one", "a", "another", *pairs, *determiners, *possessives}),
        second_words=frozenset({"one", "another", *pairs, *pair_nouns}),
        pair_words=frozenset(pair_nouns),
    )


def may_hold_count(tokens: tuple[Token, ...]) -> bool:
    """Whether `find_implicit_counts` can find anything in the sentence: a word a count starts with, and a
    person noun ("a civilian") or the word of one of the other forms ("one of", "another", "twin", "a couple");
    where a singular noun counts by itself (`bare_singular`), a person noun or a pair noun alone."""
    t = tables()
    if t.bare_singular and (holds_any(tokens, t.persons.first_words) or holds_any(tokens, t.pair_words)):
        return True
    return holds_any(tokens, t.start_words) and (holds_any(tokens, t.head_words) or holds_any(tokens, t.second_words))


def allowed_metric(metric: str) -> bool:
    """Whether a count nobody wrote may have this metric ("a man was killed", not "a man fled")."""
    return metric in tables().metrics


def _modifiers(tokens: tuple[Token, ...], j: int, heads: PhraseTable) -> tuple[int, int]:
    """(index of the first modifier the noun-phrase reader must still see, index after the modifiers) from j:
    "12-year-old", "young", "elderly", "senior Hamas": adjectives and names before the person noun (a head
    from `heads`)."""
    t = tables()
    n = len(tokens)
    keep_from = None
    count = 0
    while j < n and count <= _MAX_MODIFIERS:
        tok = tokens[j]
        if heads.match(tokens, j):
            break
        glued = j > 0 and tokens[j - 1].end == tok.start
        if tok.text == "-" or (tok.text[:1].isdigit() and j + 1 < n and tokens[j + 1].text == "-") \
                or (glued and tok.lower in ("year", "old", "month", "week", "day", "time", "duty")):
            j += 1  # "a 12-year-old boy", "an off-duty policeman"
            continue
        if not tok.is_word or tok.lower in t.stops or t.non_people.match(tokens, j):
            break
        if attribution.parties_in(tokens, j, j + 1) and keep_from is None:
            keep_from = j  # "a Palestinian boy": the party is read with the noun phrase
        count += 1
        j += 1
    return (keep_from if keep_from is not None else j), j


def _heads_phrase(tokens: tuple[Token, ...], end: int, trigger_starts: set[int]) -> bool:
    """The person noun ends its phrase: "a civilian was killed", not "a civilian convoy"."""
    if end < len(tokens) and tokens[end].lower in tables().compounds:
        return False  # "the civilian death toll", "a civilian casualty count"
    if end >= len(tokens) or end in trigger_starts:
        return True
    nxt = tokens[end]
    if not nxt.is_word or nxt.is_capitalised:
        return True
    t = tables()
    return nxt.lower in t.stops or nxt.lower in t.conjunctions or nxt.lower in t.predicatives


def _singular_at(tokens: tuple[Token, ...], j: int, trigger_starts: set[int]) -> tuple[int, int] | None:
    """(index the noun-phrase reader starts at, index after the noun) of "[modifiers] person" at j."""
    keep_from, head = _modifiers(tokens, j, tables().persons)
    hit = tables().persons.match(tokens, head)
    if hit is None or not _heads_phrase(tokens, head + hit[0], trigger_starts):
        return None
    if tables().bare_singular and not _one_person(tokens, head + hit[0] - 1, j - 1, head + hit[0], trigger_starts):
        return None  # "його діти": "діти" is "дитина" by its normal form, but many
    return min(keep_from, head), head + hit[0]


def _one_person(tokens: tuple[Token, ...], noun: int, before: int, after: int, trigger_starts: set[int],
                trigger_ends: frozenset[int] = frozenset()) -> bool:
    """The person noun at `noun` is in the singular: every parse says so ("жінка", "чоловіка"), or it may be
    either ("человек", "жінки") and the verb right before (`before`, a trigger's last word) or right after it
    (`after`, where a trigger starts) is singular ("погиб человек")."""
    language = current_language()
    numbers = grammatical_numbers(tokens[noun].text, language, tokens[noun].lower)
    if numbers == {"sing"}:
        return True
    if "sing" not in numbers:
        return False
    verbs = [k for k in (before,) if k >= 0 and k + 1 in trigger_ends] + [k for k in (after,) if k in trigger_starts]
    return any(grammatical_numbers(tokens[k].text, language) == {"sing"} for k in verbs)


def _plural_after_of(tokens: tuple[Token, ...], j: int, trigger_starts: set[int]) -> int | None:
    """Index after "of [the|its|Libya's] [modifiers] <people>" starting at j ("one of its anchors")."""
    t = tables()
    n = len(tokens)
    if j >= n or tokens[j].lower != "of":
        return None
    k = j + 1
    if k < n and (tokens[k].lower in ("the", "its", "their", "his", "her", "our")
                  or tokens[k].text.endswith(("'s", "’s"))):
        k += 1
    for head in range(k, min(n, k + _MAX_MODIFIERS + 1)):
        hit = t.plural_persons.match(tokens, head)
        if hit:
            return head + hit[0]
        tok = tokens[head]
        if not tok.is_word or tok.lower in t.stops or t.non_people.match(tokens, head):
            return None
        if (not tok.is_capitalised and tok.lower.endswith("s") and not tok.lower.endswith("ss")
                and _heads_phrase(tokens, head + 1, trigger_starts)):
            return head + 1  # "one of its lawmakers": a plural noun the lexicon does not list
    return None


def _quantity(start: int, end: int, value: float, core: int) -> Quantity:
    return Quantity(start, end, value, value, value, "exact", None, core, RULE)


_ADJECTIVES = frozenset({"ADJF", "PRTF", "NUMR"})  # pymorphy3: full adjectives and participles, numerals


def _bare_start(tokens: tuple[Token, ...], head: int, in_trigger: set[int]) -> int:
    """First token of the up to three adjectives before a person noun ("62-річна", "мирний", "местный")."""
    t = tables()
    language = current_language()
    k = head
    count = 0
    while k > 0 and count < _MAX_MODIFIERS:
        tok = tokens[k - 1]
        if k - 1 in in_trigger:
            break
        glued_after = tokens[k].start == tok.end
        if (tok.text in ("-", "–") or tok.text[:1].isdigit()) and glued_after:
            k -= 1  # "62-річна", "14-летняя": an age glued to its adjective
            continue
        pos = parts_of_speech(tok.text, language)
        if not tok.is_word or tok.lower in t.stops or not pos or not pos & _ADJECTIVES or "VERB" in pos:
            break
        count += 1
        k -= 1
    return k


def _bare_counts(tokens: tuple[Token, ...], taken: set[int], found: list[Quantity], trigger_starts: set[int],
                 trigger_ends: frozenset[int]) -> list[Quantity]:
    """A singular person noun without a number in a language without articles: one person ("загинула жінка",
    "поранено чоловіка"); "подружжя" two. Not after a number ("5 чоловік"), a possessive or determiner already
    read, or a preposition ("з жінкою")."""
    t = tables()
    in_trigger = {k for s, e in zip(sorted(trigger_starts), sorted(trigger_ends)) for k in range(s, e)}
    covered = {k for q in found for k in range(q.start, noun_end(tokens, q))}
    out: list[Quantity] = []
    n = len(tokens)
    k = 0
    while k < n:
        if k in taken or k in covered or k in in_trigger or not tokens[k].is_word:
            k += 1
            continue
        pair = t.pair_nouns.get(tokens[k].lower)
        hit = None if pair else t.persons.match(tokens, k)
        if pair is None and hit is None:
            k += 1
            continue
        end = k + (1 if pair else hit[0])  # type: ignore[index]
        start = k if pair else _bare_start(tokens, k, in_trigger)
        before = start - 1
        if any(j in taken for j in range(start, k)):
            k = end  # "ще один працівник": the number word already counts the person
            continue
        if before >= 0 and (before in taken or before in covered or tokens[before].lower in t.not_after
                            or tokens[before].lower in t.possessives or tokens[before].lower in t.determiners):
            k = end
            continue
        if pair:
            out.append(_quantity(k, k + 1, float(pair), k))  # "загинуло подружжя": the reader reads what follows
        elif _heads_phrase(tokens, end, trigger_starts) and _one_person(tokens, end - 1, before, end, trigger_starts,
                                                                        trigger_ends):
            group_from = next((j for j in range(start, k) if attribution.parties_in(tokens, j, j + 1)
                               or tables().plural_persons.match(tokens, j)), k)
            out.append(_quantity(start, group_from, 1.0, start))  # the reader reads "[мирний] житель" from there
        k = end
    return out


def find_implicit_counts(tokens: tuple[Token, ...], taken: set[int], trigger_starts: set[int],
                         trigger_ends: frozenset[int] = frozenset()) -> list[Quantity]:
    """Phrases that count people without a number, as quantities whose `end` is where the figure's noun
    phrase begins (the reader then finds its group, party and trigger as for "12 civilians"); a person
    and their relatives counted together ("a woman and her two children") are one count."""
    t = tables()
    out: list[Quantity] = []
    n = len(tokens)
    heads = positions_in(tokens, t.head_words)  # where a person noun may be
    free = 0  # the token after the last count found (or a skipped collective)
    for k in positions_in(tokens, t.start_words):  # only where a count can start
        if k < free or k in taken:
            continue
        w = tokens[k].lower
        prev = tokens[k - 1].lower if k else ""
        found: Quantity | None = None
        if prev in t.not_after and k not in trigger_ends:
            pass  # "as a soldier", "more than a man", "said by a journalist", "a cleric from one of the seminaries"
            # (but "the body of a man", "the killing of a herdsman": the trigger ends right before)
        elif w == "one" and _plural_after_of(tokens, k + 1, trigger_starts) is not None:
            found = _quantity(k, k + 1, 1.0, k)  # "one of its anchors": the reader reads "of its anchors"
        elif w == "a" and k + 1 < n and tokens[k + 1].lower in t.pair_nouns and \
                (k + 2 >= n or tokens[k + 2].lower != "of"):
            found = _quantity(k, k + 2, float(t.pair_nouns[tokens[k + 1].lower]), k)  # "a couple"
        elif w in t.pairs and k + 1 < n and t.plural_persons.match(tokens, k + 1):
            found = _quantity(k, k + 1, float(t.pairs[w]), k)  # "twin brothers"
        elif w == "another" and ((prev == "and" and k + 1 < n and (
                k + 1 in trigger_starts or tokens[k + 1].lower in ("was", "were", "is", "has", "had")))
                or (k in trigger_ends and (k + 1 >= n or tokens[k + 1].text in ".,;:)"))):
            found = _quantity(k, k + 1, 1.0, k)  # "a man was killed and another was wounded", "wounding another"
        elif (w in t.determiners or w in t.possessives) and _head_within(heads, k, k + _MAX_MODIFIERS + 6):
            if k + 1 < n and tokens[k + 1].lower in t.collectives:
                free = k + 2
                continue
            head = _singular_at(tokens, k + 1, trigger_starts)
            if head is not None and not any(i in taken for i in range(k, head[1])):
                value = t.determiners.get(w, 1)
                found = _quantity(k, head[0], float(value), k)
        if found is not None:
            out.append(found)
            free = found.end
    if t.bare_singular:
        out = sorted(out + _bare_counts(tokens, taken, out, trigger_starts, trigger_ends), key=lambda q: q.start)
    return out


def _head_within(heads: list[int], lo: int, hi: int) -> bool:
    """A person noun's index in (lo, hi]."""
    i = bisect.bisect_right(heads, lo)
    return i < len(heads) and heads[i] <= hi


def _noun_end(tokens: tuple[Token, ...], k: int) -> int | None:
    """Index after the person noun of a count nobody wrote whose noun phrase starts at k."""
    t = tables()
    for j in range(k, min(len(tokens), k + _MAX_MODIFIERS + 1)):
        hit = t.persons.match(tokens, j) or t.plural_persons.match(tokens, j)
        if hit:
            end = j + hit[0]
            while t.bare_singular and (more := t.persons.match(tokens, end)):
                end += more[0]  # "цивільний чоловік": the phrase ends at its last person noun
            return end
        if tokens[j].lower in t.pair_nouns:
            return j + 1
    return None


def noun_end(tokens: tuple[Token, ...], q: Quantity) -> int:
    """Index after the words of a count nobody wrote ("a 12-year-old boy", "one of its anchors")."""
    if q.start < len(tokens) and tokens[q.start].lower in tables().pair_nouns and q.end == q.start + 1:
        return q.end  # "подружжя"
    if tokens[q.start].lower == "one" and q.end < len(tokens) and tokens[q.end].lower == "of":
        for j in range(q.end + 1, min(len(tokens), q.end + _MAX_MODIFIERS + 3)):
            hit = tables().plural_persons.match(tokens, j)
            if hit:
                return j + hit[0]
            if tokens[j].is_word and tokens[j].lower.endswith("s") and not tokens[j].is_capitalised \
                    and j > q.end + 1:
                return j + 1
        return q.end
    end = _noun_end(tokens, q.end)  # a joined count ("a woman and her two children") ends at its last noun
    return end if end is not None else q.end


def join_relatives(tokens: tuple[Token, ...], quantities: list[Quantity]) -> list[Quantity]:
    """"a woman and her two children" (3), "a man and his wife" (2), "a town mayor and three other people"
    (4): a count nobody wrote joined by "and <his|her|their>" or "and N other" to the next count is one figure."""
    t = tables()
    out: list[Quantity] = []
    for q in quantities:
        last = out[-1] if out else None
        end = _noun_end(tokens, last.end) if last is not None and last.rule == RULE else None
        kin = end is not None and last is not None and any(t.kin.match(tokens, j) for j in range(last.start, end))
        relatives = end is not None and end + 1 < len(tokens) and tokens[end].lower in t.joiners and (
            (tokens[end + 1].lower in t.possessives and q.start in (end + 1, end + 2))
            or (q.start == end + 1 and q.end < len(tokens) and tokens[q.end].lower in t.others)
            or (kin and q.start == end + 1))  # "мати і двоє дітей"
        if relatives and q.qualifier == "exact" and q.currency is None and last is not None:
            total = last.best + q.best
            out[-1] = Quantity(last.start, q.end, total, total, total, "exact", None, last.start, RULE)
            continue
        out.append(q)
    return out


def is_collective(tokens: tuple[Token, ...], q: Quantity) -> bool:
    """"one family", "a group": a number word before a collective noun counts no people."""
    return q.end < len(tokens) and q.best == 1 and tokens[q.end].lower in tables().collectives

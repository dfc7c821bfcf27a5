"""What a figure counts (SPEC "Series"): one event, a bounded window, a running total, a state, or a rate.

The cues are data (etl/data/en/scope.yaml, which lists the order the rules apply in); this module
finds them around one figure and decides. A `period` figure gets its window resolved against the
publication date (etl/extract/dates.py `window_dates`). Where the text does not say, the scope is
`unknown`: a default is used only where it holds in general (population and "are trapped" are
states; an aid amount with no total is one package; a count of strikes is one operation's).

Hand-written rather than a parser: the cues are few, fixed phrases and tenses next to a figure the
extractor has already placed, and every decision must be explainable in one line.
"""
from __future__ import annotations

import datetime as dt
import math
from collections.abc import Callable
from dataclasses import dataclass, field
from etl.extract import attribution, dates
from etl.extract.dates import DateMention
from etl.extract.lexicon import lexicon, per_language
from etl.extract.numbers import read_amount
from etl.extract.text import PhraseTable, Sentence, Token, holds_any, phrase_tokens, positions_in, word_map, word_set
from etl.models import Scope

_TOLL_REACH = 30  # "The death toll from Thursday's Russian missile strike on the central city ... rose to 23"
_EVENT_AFTER_TOLL = 8  # how far after "toll from" the event noun may come
_VERB_REACH = 4  # tokens before the figure (or its verb) where its auxiliaries stand


@dataclass(frozen=True)
class Figure:
    """One figure as the extractor placed it: token indices in its sentence and what is decided so far."""

    start: int  # first token of the quantity
    end: int  # token after its noun phrase
    verb_start: int  # the trigger that gave its metric
    verb_end: int
    metric: str
    rate: str | None
    as_of: dt.date | None
    excluded: tuple[int, int] | None = None  # tokens that belong to another figure ("up from 900,000 in May")
    others: tuple[tuple[int, int], ...] = ()  # the other figures of the sentence (token spans)


@dataclass(frozen=True)
class ScopeReading:
    scope: Scope
    period_start: dt.date | None
    period_end: dt.date | None
    reason: str


@dataclass
class ArticleScope:
    """What the scope rules carry from one sentence of an article to the next."""

    open_event_paragraph: int | None = None  # paragraph of the latest incident toll not followed by a total
    last_window: tuple[dt.date, dt.date] | None = None  # for "over the same period"
    _cues: tuple[int, _SentenceCues] | None = field(default=None, repr=False)


@dataclass(frozen=True)
class _Cue:
    start: int
    end: int
    kind: str
    value: object = None


@dataclass
class _SentenceCues:
    cues: list[_Cue]
    statement_dates: set[int]  # indices (in the sentence's date mentions) of days something was said

    def of(self, *kinds: str) -> list[_Cue]:
        return [c for c in self.cues if c.kind in kinds]


class _Tables:
    def __init__(self) -> None:
        s = lexicon().scope
        self.stock_metrics = frozenset(s["stock_metrics"])
        self.present_event_verbs = PhraseTable([(p, True) for p in s["present_event_verbs"]])
        self.event_toll_metrics = frozenset(s["event_toll_metrics"])
        self.no_event_metrics = frozenset(s["no_event_metrics"])
        self.event_count_metrics = frozenset(s["event_count_metrics"])
        self.counters = PhraseTable([(p, True) for p in s["event_counters"]])
        self.metric_defaults: dict[str, str] = s["metric_defaults"]
        self.stock = PhraseTable([(p, True) for p in s["stock_cues"]])
        self.present_perfect = word_set(s["present_perfect"])
        self.past_perfect = word_set(s["past_perfect"])
        self.modals = word_set(s["modals"])
        self.toll_links = PhraseTable([(p, True) for p in s["toll_links"]])  # "from", "в результате"
        self.up_to_date = PhraseTable([(p, True) for p in s["up_to_date"]])
        self.month_prepositions = word_set(s["month_window_prepositions"])
        self.window_units: dict[str, dict[str, int]] = word_map(s["window_units"])  # type: ignore[assignment]
        # where a language has no "since" word of its own ("з 24 лютого"), a stated start makes a total
        self.period_start_is_cumulative = bool(s.get("period_start_is_cumulative", False))
        # a window before all of a sentence's figures is every figure's ("Минулої доби ... загинули 7, поранені 43")
        self.leading_window_shared = bool(s.get("leading_window_shared", False))
        self.dated_nights = {phrase_tokens(p) for p in s.get("dated_night_cues", [])}
        entries: list[tuple[str, object]] = []
        entries += [(p, ("cumulative", None)) for p in s["cumulative_cues"]]
        # "загалом", "всего": a total, of a window when the clause names one ("Загалом за добу поранено 9")
        entries += [(p, ("total", None)) for p in s.get("total_words", [])]
        entries += [(p, ("not_cumulative", None)) for p in s["not_cumulative"]]
        entries += [(p, ("to_date", f"{kind}_to_date")) for kind, ps in s["to_date_starts"].items() for p in ps]
        entries += [(p, ("toll", None)) for p in s["toll_nouns"]]
        entries += [(p, ("single_event", None)) for p in s["single_events"]]
        entries += [(p, ("events", None)) for p in s["events"]]
        entries += [(p, ("attack_verb", None)) for p in s["attack_verbs"]]
        entries += [(p, ("rolling", None)) for p in s["rolling_window_openers"]]
        entries += [(p, ("same_window", None)) for p in s["same_window"]]
        entries += [(p, ("calendar", kind)) for kind, ps in s["calendar_windows"].items() for p in ps]
        self.cues = PhraseTable(entries)
        # the first words of the cues that open an event (`observe_countless` looks no further without one)
        self.event_words = frozenset(words[0] for kind in ("single_events", "events", "attack_verbs")
                                     for words in map(phrase_tokens, s[kind]) if words)
        self.subordinate_openers = frozenset(lexicon().grammar["subordinate_openers"])


_COMMA = frozenset({","})


@per_language
def tables() -> _Tables:
    return _Tables()


def _find_cues(sentence: Sentence, date_mentions: list[DateMention]) -> _SentenceCues:
    """Every scope cue of a sentence, longest first, not overlapping."""
    t = tables()
    tokens = sentence.tokens
    cues: list[_Cue] = []
    months = positions_in(tokens, t.month_prepositions)
    free = 0  # the token after the last cue: cues do not overlap
    for i in sorted({*t.cues.starts(tokens), *months}):  # only where a cue can start
        if i < free:
            continue
        hit = t.cues.match(tokens, i)
        if hit:
            kind, value = hit[1]  # type: ignore[misc]
            end = i + hit[0]
            if kind == "rolling":
                window = _rolling_length(tokens, end)
                if window is None:
                    continue
                value, end = window
            cues.append(_Cue(i, end, str(kind), value))
            free = end
            continue
        if tokens[i].lower in t.month_prepositions and (month := dates.month_at(tokens, i + 1)):
            cues.append(_Cue(i, month[0], "month", (month[1], month[2])))
            free = month[0]
    for n, d in enumerate(date_mentions):
        if _up_to(tokens, d.start):
            cues.append(_Cue(d.start - 1, d.end, "up_to_date", n))
    return _SentenceCues(cues, _statement_dates(tokens, date_mentions))


def _rolling_length(tokens: tuple[Token, ...], k: int) -> tuple[int, int] | None:
    """(days, end token) of "[N] hours|days|weeks" after a rolling-window opener ("in the past")."""
    units = tables().window_units
    count = 1.0
    amount = read_amount(tokens, k) if k < len(tokens) else None
    if amount is not None and amount.currency is None:
        count, k = amount.value, amount.end
    if k >= len(tokens) or tokens[k].lower not in units:
        return None
    unit = units[tokens[k].lower]
    days = math.ceil(count / 24) if "hours" in unit else int(count * unit["days"])
    return max(days, 1), k + 1


def _up_to(tokens: tuple[Token, ...], date_start: int) -> bool:
    """"by Tuesday evening", "as of Monday": the words right before a date phrase."""
    hit = tables().up_to_date.match_ending_at(tokens, date_start)
    return hit is not None


def _statement_dates(tokens: tuple[Token, ...], date_mentions: list[DateMention]) -> set[int]:
    """Date mentions next to a speech verb ("said on Tuesday", "on Monday told"): when it was said."""
    speech = attribution.tables().speech
    said = set()
    for n, d in enumerate(date_mentions):
        for j in range(max(0, d.start - 3), d.start):
            hit = speech.match(tokens, j)
            if hit and j + hit[0] >= d.start - 1:
                said.add(n)
        if any(speech.match(tokens, j) for j in (d.end, d.end + 1) if j < len(tokens)):
            said.add(n)
    return said


def _verb_region(tokens: tuple[Token, ...], fig: Figure) -> range:
    """The tokens that hold the figure's verb group: a few before the figure (or its verb, when the verb
    comes first) and those between the figure's noun phrase and its verb ("had been", "remained in")."""
    lo = min(fig.start, fig.verb_start)
    start = lo
    while start > 0 and lo - start < _VERB_REACH and tokens[start - 1].text not in (",", ";", ":"):
        start -= 1
    end = max(fig.verb_end, fig.end + _VERB_REACH) if fig.verb_start >= fig.end else fig.end + _VERB_REACH
    stop = fig.end
    while stop < min(end, len(tokens)) and (tokens[stop].text not in (",", ";", ":") or stop < fig.verb_start):
        stop += 1
    return range(start, max(stop, fig.end))


def _tense(tokens: tuple[Token, ...], region: range) -> str:
    """present_perfect ("have been displaced"), past_perfect ("had been killed") or simple."""
    t = tables()
    speech = attribution.tables().speech
    for k in region:
        word = tokens[k].lower
        if (word in t.present_perfect or word in t.past_perfect) and speech.match(tokens, k + 1):
            continue  # "SOHR has documented the death of 27 ... on Saturday": the report's tense, not the figure's
        if word in t.present_perfect and not (k > 0 and tokens[k - 1].lower in t.modals):
            return "present_perfect"
        if word in t.past_perfect or (word in t.present_perfect and k > 0 and tokens[k - 1].lower in t.modals):
            return "past_perfect"  # "may have died" reads like "died"
    return "simple"


def _words(tokens: tuple[Token, ...], start: int, end: int) -> str:
    return " ".join(tok.text for tok in tokens[start:end])


def _event_toll(tokens: tuple[Token, ...], cues: _SentenceCues, fig: Figure) -> _Cue | None:
    """"the death toll from Thursday's Russian missile strike": a toll noun before the figure whose
    'from / of / in' phrase names an event; returns the event cue."""
    t = tables()
    events = cues.of("single_event", "events")
    for toll in cues.of("toll"):
        if not (fig.start - _TOLL_REACH <= toll.start < fig.start):
            continue
        after = toll.end
        link = t.toll_links.match(tokens, after)
        if (link is None and after + 1 < len(tokens) and tokens[after].lower in _place_prepositions()
                and tokens[after + 1].is_capitalised):
            after += 2  # "Число погибших в Израиле в результате нападения": the toll's place before its event
            link = t.toll_links.match(tokens, after)
        if link is not None:
            for ev in events:
                if toll.end < ev.start <= after + link[0] - 1 + _EVENT_AFTER_TOLL and ev.start < fig.start:
                    return ev
    return None


@per_language
def _place_prepositions() -> frozenset[str]:
    return word_set(lexicon().grammar["place_prepositions"])


def _plural_event(tokens: tuple[Token, ...], cue: _Cue) -> bool:
    """"минулого тижня через обстріли": an event noun in the plural is many events, so a calendar window
    the sentence names is the figure's period (the singular "удар" stays one event)."""
    from etl.extract.lexicon import current_language
    from etl.extract.morphology import grammatical_numbers

    last = tokens[cue.end - 1]
    return grammatical_numbers(last.text, current_language(), last.lower) == {"plur"}


def _counted(tokens: tuple[Token, ...], cue: _Cue) -> bool:
    """"Two car bombings", "twin blasts", "a series of three car bombs": repeated events counted one by one."""
    counters = tables().counters
    for k in range(max(0, cue.start - 3), cue.start):
        amount = read_amount(tokens, k)
        if amount is not None and amount.currency is None and cue.start - amount.end <= 1:
            return True
        hit = counters.match(tokens, k)
        if hit and cue.start - (k + hit[0]) <= 2:
            return True
    return False


def _period(tokens: tuple[Token, ...], cue: _Cue, window: tuple[dt.date, dt.date] | None) -> ScopeReading:
    """A period from its window phrase; its dates stay NULL when the publication date is unknown."""
    words = _words(tokens, cue.start, cue.end)
    if window is None:
        return ScopeReading("period", None, None, f"period: '{words}' (no publication date to resolve it)")
    return ScopeReading("period", window[0], window[1], f"period: '{words}'")


_WINDOW_CUES = ("rolling", "same_window", "calendar", "month")
_TOTAL_CUES = ("cumulative", "to_date", "up_to_date")


def _opener_after(tokens: tuple[Token, ...], k: int) -> bool:
    """The sentence's "since ..." comes after token k."""
    openers = dates.tables().openers
    found = [j for j in openers.starts(tokens) if openers.match(tokens, j)]
    return bool(found) and found[0] >= k


def _distance(span: tuple[int, int], k: int) -> int:
    return 0 if span[0] <= k < span[1] else min(abs(k - span[0]), abs(k - (span[1] - 1)))


def _owns(fig: Figure, cue: _Cue) -> bool:
    """The figure is at least as near the cue as every other figure of the sentence, or (where the
    language's scope.yaml says so) the cue opens the sentence before all its figures: "Минулої доби ...
    семеро людей загинули, поранені 43" (both in the day)."""
    mine = _distance((fig.start, fig.end), cue.start)
    if tables().leading_window_shared and cue.end <= fig.start and all(cue.end <= other[0] for other in fig.others):
        return True
    return all(mine <= _distance(other, cue.start) for other in fig.others)


def observe(sentence: Sentence, date_mentions: list[DateMention], article: ArticleScope, paragraph: int) -> None:
    """A sentence that tells an attack ("Russian forces shelled Velykyi Burluk") opens an event the next
    sentences' tolls belong to ("A civilian was killed and two others were injured"), figures or not."""
    if article._cues is None or article._cues[0] != sentence.start:
        article._cues = (sentence.start, _find_cues(sentence, date_mentions))
    if _opens_event(article._cues[1], lambda: date_mentions):
        article.open_event_paragraph = paragraph


def observe_countless(sentence: Sentence, read_dates: Callable[[], list[DateMention]], article: ArticleScope,
                      paragraph: int) -> None:
    """`observe` for a sentence that holds no quantity: its dates are read only when an event cue needs them
    (the cues that dates make, "by Tuesday", only matter to figures)."""
    if may_open_event(sentence) and _opens_event(_find_cues(sentence, []), read_dates):
        article.open_event_paragraph = paragraph


def may_open_event(sentence: Sentence) -> bool:
    """Whether `observe` can open an event at the sentence: only an event cue does ("shelled", "an attack"), and
    every one starts with one of the event words. Without them `observe` changes nothing a later sentence reads
    (the cues it keeps are the sentence's own)."""
    return holds_any(sentence.tokens, tables().event_words)


def _opens_event(cues: _SentenceCues, read_dates: Callable[[], list[DateMention]]) -> bool:
    """An attack or an event told, or events on a day that is said."""
    return bool(cues.of("single_event", "attack_verb")) or bool(
        cues.of("events") and any(d.date for d in read_dates()))


def read_scope(sentence: Sentence, fig: Figure, date_mentions: list[DateMention], period_dates: set[int],
               period_start: dt.date | None, published: dt.date | None, article: ArticleScope,
               paragraph: int) -> ScopeReading:
    """The scope of one figure, with its window when it is a period, and why; records what later
    sentences of the article need (an open event, the last window) in `article`."""
    reading = _decide(sentence, fig, date_mentions, period_dates, period_start, published, article, paragraph)
    if reading.scope == "incident" and fig.metric in tables().event_toll_metrics:
        article.open_event_paragraph = paragraph
    elif reading.scope in ("cumulative", "period"):
        article.open_event_paragraph = None
    if reading.scope == "period" and reading.period_start and reading.period_end:
        article.last_window = (reading.period_start, reading.period_end)
    return reading


def _decide(sentence: Sentence, fig: Figure, date_mentions: list[DateMention], period_dates: set[int],
            period_start: dt.date | None, published: dt.date | None, article: ArticleScope,
            paragraph: int) -> ScopeReading:
    t = tables()
    tokens = sentence.tokens
    if article._cues is None or article._cues[0] != sentence.start:
        article._cues = (sentence.start, _find_cues(sentence, date_mentions))
    cues = article._cues[1]
    if fig.excluded is not None:
        lo, hi = fig.excluded
        cues = _SentenceCues([c for c in cues.cues if not lo <= c.start < hi], cues.statement_dates)
        period_dates = period_dates | {n for n, d in enumerate(date_mentions) if lo <= d.start < hi}
    openers = t.subordinate_openers
    apart = {k for k in positions_in(tokens, _COMMA) if fig.end <= k < len(tokens) - 1
             and tokens[k].text == "," and tokens[k + 1].lower in openers}
    if apart:
        # ", as Lebanon's health ministry said the toll since October 2023 had exceeded 3,000": a total or a
        # window in a clause of its own after the figure is not the figure's
        first = min(apart)
        cues = _SentenceCues([c for c in cues.cues if c.kind not in _WINDOW_CUES + _TOTAL_CUES or c.start < first],
                             cues.statement_dates)
        if period_start is not None and not cues.of(*_TOTAL_CUES) and _opener_after(tokens, first):
            period_start = None
    if fig.others:
        # a window belongs to the figure nearest it, and a figure with a window of its own leaves the running
        # total to the figure nearer the "since": "killed 42 over the past 24 hours, ..., bringing the toll
        # since October 7 to more than 35,000"
        windows = [c for c in cues.cues if c.kind in _WINDOW_CUES and _owns(fig, c)]
        cues = _SentenceCues([c for c in cues.cues if (c.kind not in _WINDOW_CUES or _owns(fig, c))
                              and not (c.kind in _TOTAL_CUES and windows and not _owns(fig, c))],
                             cues.statement_dates)
        if windows and period_start is not None and not any(c.kind in _TOTAL_CUES for c in cues.cues):
            period_start = None

    def out(scope: Scope, reason: str, window: tuple[dt.date, dt.date] | None = None,
            start: dt.date | None = period_start) -> ScopeReading:
        if window is not None:
            return ScopeReading(scope, window[0], window[1], reason)
        return ScopeReading(scope, start, None, reason)

    # 1-2: rates and states by metric
    if fig.rate:
        return out("rate", f"rate: {fig.rate}")
    if fig.metric in t.stock_metrics:
        return out("stock", f"stock: {fig.metric} counts people in a state")
    # 3: the toll of one named event
    event = _event_toll(tokens, cues, fig) if fig.metric not in t.no_event_metrics else None
    if event is not None and event.kind == "events" and cues.of("cumulative", "to_date"):
        event = None  # "the death toll from Israeli strikes since October 2023": a running total
    if event is not None:
        return out("incident", f"incident: toll of one event ('{_words(tokens, event.start, event.end)}')")
    region = _verb_region(tokens, fig)
    tense = _tense(tokens, range(region.start, fig.start) if fig.metric in t.event_count_metrics else region)
    # 4: a state word at the figure's verb
    for k in t.stock.starts(tokens):  # ascending: the first state word of the region, as a scan of it finds
        hit = t.stock.match(tokens, k) if k in region else None
        if hit:
            return out("stock", f"stock: '{_words(tokens, k, k + hit[0])}' (a state at as_of)")
    # 5: running totals
    open_event = (article.open_event_paragraph is not None and paragraph - article.open_event_paragraph <= 1
                  and fig.metric in t.event_toll_metrics and tense != "present_perfect")
    to_date = cues.of("to_date")
    if to_date and period_start is None:
        window = dates.window_dates(str(to_date[0].value), published)
        return out("cumulative", f"cumulative: '{_words(tokens, to_date[0].start, to_date[0].end)}'",
                   start=window[0] if window else None)
    total = cues.of("cumulative", "up_to_date")
    if total:
        cue = total[0]
        return out("cumulative", f"cumulative: '{_words(tokens, cue.start, cue.end)}' (a running total)")
    if cues.of("total") and not cues.of(*_WINDOW_CUES):
        cue = cues.of("total")[0]
        return out("cumulative", f"cumulative: '{_words(tokens, cue.start, cue.end)}' (a total with no window)")
    if period_start is not None and t.period_start_is_cumulative:
        return out("cumulative", f"cumulative: a total since {period_start.isoformat()}")
    tolls = [c for c in cues.of("toll") if fig.start - _TOLL_REACH <= c.start < fig.start]
    if tolls:
        if open_event:
            return out("incident", "incident: the toll of the event an earlier sentence reported")
        return out("cumulative", f"cumulative: '{_words(tokens, tolls[0].start, tolls[0].end)}' (a toll so far)")
    # 6: rolling windows
    for cue in cues.of("rolling", "same_window"):
        if cue.kind == "same_window":
            if article.last_window is not None:
                return out("period", f"period: '{_words(tokens, cue.start, cue.end)}' (the window named before)",
                           window=article.last_window)
            continue
        window = dates.window_dates("rolling", published, reference=fig.as_of, days=int(cue.value))  # type: ignore[arg-type]
        return _period(tokens, cue, window)
    # 7: one event, or repeated events told in the past or dated
    event_dates = [n for n, d in enumerate(date_mentions)
                   if d.date is not None and n not in period_dates and n not in cues.statement_dates]
    calendar = cues.of("calendar", "month")
    dated = bool(event_dates or calendar)
    if fig.metric not in t.no_event_metrics:
        own = range(fig.start, fig.end)
        past_or_dated = tense != "present_perfect" or dated
        near = [c for c in cues.of("single_event", "events", "attack_verb") if c.start not in own
                and (past_or_dated or c.kind == "single_event" or _counted(tokens, c))
                and not (calendar and c.kind == "single_event" and _plural_event(tokens, c))]
        if near:
            cue = min(near, key=lambda c: min(abs(c.start - fig.start), abs(c.end - fig.end)))
            what = ("one event" if cue.kind == "single_event" else "counted events" if _counted(tokens, cue)
                    else "attacks told in the past or dated")
            return out("incident", f"incident: '{_words(tokens, cue.start, cue.end)}' ({what})")
    # 7b: a headline's or lead's present tense for a past event ("Car bomb kills 7", "IS executes 12")
    if fig.verb_start < fig.start and t.present_event_verbs.match(tokens, fig.verb_start) and not calendar:
        return out("incident", f"incident: '{_words(tokens, fig.verb_start, fig.verb_end)}' (an event told in the present)")
    # 8: calendar windows
    for cue in calendar:
        if cue.kind == "month":
            month, year = cue.value  # type: ignore[misc]
            window = dates.window_dates("month", published, month=month, year=year)
        else:
            # "в ночь на 12 июня": the night before the date the cue names, not before publication
            named = next((d.date for d in date_mentions if d.start == cue.end and d.date is not None), None)
            dated = named if tuple(tok.lower for tok in tokens[cue.start:cue.end]) in t.dated_nights else None
            window = dates.window_dates(str(cue.value), published, reference=dated)
        return _period(tokens, cue, window)
    # 9: a dated event
    if event_dates and tense != "present_perfect":
        d = date_mentions[event_dates[0]]
        return out("incident", f"incident: an event dated '{_words(tokens, d.start, d.end)}'")
    # 10: more of the toll of an event told before
    if open_event:
        return out("incident", "incident: the toll of the event an earlier sentence reported")
    # 11: a perfect tense counts so far; a past perfect in reported speech ("said it had carried out 12 air
    # strikes") may be a plain past, so there the metric's default comes first
    default = t.metric_defaults.get(fig.metric)
    if tense == "present_perfect" or (tense == "past_perfect" and not default):
        return out("cumulative", f"cumulative: {tense.replace('_', ' ')} (a total so far)")
    # 12-13
    if default:
        return out(default, f"{default}: default for {fig.metric} with no other cue")  # type: ignore[arg-type]
    return out("unknown", "unknown: no event, window, total or state in the sentence")

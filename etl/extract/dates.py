"""Date phrases in a sentence, resolved against the publication date.

Our own patterns (from etl/data/en/dates.yaml) find the candidate phrases; dateparser
reads calendar phrases ("June 3", "10 June 2022"). dateparser is never let loose on
whole sentences: its `search_dates` reads "one of two" as January 2 and "0500 GMT"
as the year 500, and resolves a weekday equal to the base date's to a week earlier.
Weekdays and relative phrases are plain arithmetic on the publication date.
"""
from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from functools import lru_cache

import dateparser

from etl.extract.lexicon import LexiconError, lexicon, per_language, using_language
from etl.extract.text import (PhraseTable, Sentence, Token, digit_positions, holds_any, positions_in, split_sentences,
                              word_map)

_DAY_RE = re.compile(r"^(\d{1,2})(st|nd|rd|th)?$")
_YEAR_RE = re.compile(r"^(1[89]|20)\d\d$")
_MAX_DAYS_AGO = 200 * 366  # "300000000 days ago" is no date (and no timedelta)


@dataclass(frozen=True)
class DateMention:
    """A date phrase: token span [start, end) in its sentence, and what it means."""

    start: int
    end: int
    kind: str  # calendar | month_part | weekday | relative | weekend | conflict_start
    date: dt.date | None
    has_year: bool = False


class _DateTables:
    def __init__(self) -> None:
        d = lexicon().dates
        self.months: dict[str, int] = word_map(d["months"])  # type: ignore[assignment]
        self.weekdays: list[str] = list(word_map({w: n for n, w in enumerate(d["weekdays"])}))
        # English capitalises month and day names; Ukrainian and Russian do not
        self.names_capitalised = bool(d.get("names_capitalised", True))
        # how far after "since" its date may come ("since the invasion began on Thursday"; "з 24 лютого")
        self.period_date_reach = int(d.get("period_date_reach", 6))
        # "с февраля 2022 года", "з березня 2023 року": a month and year after "since" start on its first day
        self.month_year_starts = bool(d.get("month_year_starts", False))
        self.month_parts = PhraseTable(list(d["month_parts"].items()))
        self.relative = PhraseTable(list(d["relative_days"].items()))
        self.weekend = PhraseTable([(p, True) for p in d["weekend_phrases"]])
        self.conflicts = PhraseTable([(p, dt.date.fromisoformat(str(c["date"])))
                                      for c in d["conflict_starts"] for p in c["phrases"]])
        self.conflict_not_by = {dt.date.fromisoformat(str(c["date"])): frozenset(c["not_by"])
                                for c in d["conflict_starts"] if c.get("not_by")}
        self.ago_units: dict[str, int] = word_map(d["ago_units"])  # type: ignore[assignment]
        self.ago_words = PhraseTable([(p, True) for p in d.get("ago_words", ["ago"])])
        self.openers = PhraseTable([(p, True) for p in d["period_openers"]])
        self.same_day = PhraseTable([(p, True) for p in d["same_day_since"]])
        self.rates = PhraseTable([(p, rate) for rate, phrases in d["rates"].items() for p in phrases])
        self.rate_blockers = PhraseTable([(p, True) for p in d["rate_blockers"]])
        # words a date phrase other than a number's ("2 days ago", "24.02") can start with (`find_dates`)
        self.start_words = (self.month_parts.first_words | self.relative.first_words | self.weekend.first_words
                            | frozenset(self.weekdays) | frozenset(self.months))
        if any("." in month for month in self.months):
            # `_month` reads a token without its trailing full stops, which only a dotted abbreviation
            # ("U.S.") has; a month name with a full stop inside would need `_date_starts` to look for it
            raise LexiconError("dates.yaml: a month name with a full stop inside")


@per_language
def tables() -> _DateTables:
    return _DateTables()


def _month(tok: Token) -> int | None:
    t = tables()
    if not tok.is_capitalised and t.names_capitalised:
        return None
    return t.months.get(tok.lower.rstrip("."))


def _day(tok: Token) -> int | None:
    m = _DAY_RE.match(tok.text)
    return int(m.group(1)) if m and 1 <= int(m.group(1)) <= 31 else None


def _calendar_at(tokens: tuple[Token, ...], i: int) -> tuple[int, int, int | None, int | None] | None:
    """(end, month, day, year) of "June 10, 2022", "10 June 2022", "June 10", "June 2022", "2022-06-10"."""
    n = len(tokens)
    tok = tokens[i]
    if _YEAR_RE.match(tok.text) and i + 4 < n and tokens[i + 1].text == "-" and tokens[i + 3].text == "-":
        try:
            return i + 5, int(tokens[i + 2].text), int(tokens[i + 4].text), int(tok.text)
        except ValueError:
            return None
    numeric = _numeric_date_at(tokens, i)
    if numeric is not None:
        return numeric
    month = _month(tok)
    if month is not None:
        k = i + 1
        if k < n and tokens[k].text == ".":
            k += 1
        if k < n and _day(tokens[k]) is not None:
            day = _day(tokens[k])
            k += 1
            year = None
            if k + 1 < n and tokens[k].text == "," and _YEAR_RE.match(tokens[k + 1].text):
                year, k = int(tokens[k + 1].text), k + 2
            elif k < n and _YEAR_RE.match(tokens[k].text):
                year, k = int(tokens[k].text), k + 1
            return k, month, day, year
        if k < n and _YEAR_RE.match(tokens[k].text):
            return k + 1, month, None, int(tokens[k].text)
        return None
    day = _day(tok)
    if day is not None and i + 1 < n and _month(tokens[i + 1]) is not None:
        k = i + 2
        year = None
        if k < n and _YEAR_RE.match(tokens[k].text):
            year, k = int(tokens[k].text), k + 1
        return k, _month(tokens[i + 1]), day, year
    return None


def _numeric_date_at(tokens: tuple[Token, ...], i: int) -> tuple[int, int, int | None, int | None] | None:
    """(end, month, day, year) of "24.02.2022" or "24.02" written as separate, touching tokens (the
    English tokenizer reads "24.02" as one decimal, so this only fires where a comma is the decimal mark)."""
    n = len(tokens)
    if not (i + 2 < n and _day(tokens[i]) is not None and tokens[i + 1].text == "."
            and tokens[i + 1].start == tokens[i].end and tokens[i + 2].start == tokens[i + 1].end
            and re.fullmatch(r"\d{2}", tokens[i + 2].text) and 1 <= int(tokens[i + 2].text) <= 12):
        return None
    k, year = i + 3, None
    if (k + 1 < n and tokens[k].text == "." and tokens[k].start == tokens[k - 1].end
            and tokens[k + 1].start == tokens[k].end and re.fullmatch(r"\d{2}|\d{4}", tokens[k + 1].text)):
        year = int(tokens[k + 1].text) + (2000 if len(tokens[k + 1].text) == 2 else 0)
        k += 2
    return k, int(tokens[i + 2].text), int(tokens[i].text), year


def _resolve_calendar(month: int, day: int, year: int | None, published: dt.date | None) -> dt.date | None:
    """A calendar phrase as a date; without a year, the latest such date not after publication."""
    if year is not None:
        try:
            return dt.date(year, month, day)
        except ValueError:
            return None
    if published is None:
        return None
    return _latest_day_month(day, month, published)


@lru_cache(maxsize=8192)
def _latest_day_month(day: int, month: int, published: dt.date) -> dt.date | None:
    """The latest `day` `month` not after publication, as dateparser reads it (memoised: dateparser is
    slow, and wire copy names the same few days again and again)."""
    base = dt.datetime.combine(published, dt.time(23, 59))
    parsed = dateparser.parse(f"{day} {dt.date(2000, month, 1):%B}", languages=["en"],
                              settings={"RELATIVE_BASE": base, "PREFER_DATES_FROM": "past",
                                        "REQUIRE_PARTS": ["day", "month"]})
    return parsed.date() if parsed else None


def _last_weekday(published: dt.date, weekday: int) -> dt.date:
    """The latest date on or before publication with that weekday (same weekday = that day)."""
    return published - dt.timedelta(days=(published.weekday() - weekday) % 7)


def _ago_at(tokens: tuple[Token, ...], i: int) -> tuple[int, int] | None:
    """(end, days) of "2 days ago", "three weeks ago"."""
    from etl.extract.numbers import read_amount

    amount = read_amount(tokens, i)
    if amount is None or amount.currency or amount.end + 1 >= len(tokens):
        return None
    unit = tables().ago_units.get(tokens[amount.end].lower)
    ago = tables().ago_words.match(tokens, amount.end + 1)
    if unit is None or ago is None or amount.value * unit > _MAX_DAYS_AGO:
        return None
    return amount.end + 1 + ago[0], int(amount.value * unit)


def _date_starts(tokens: tuple[Token, ...], t: _DateTables, ago: bool) -> list[int]:
    """The tokens a date phrase can start at, ascending: a number, a month, a weekday, the first word of a
    phrase of the date tables, and where a number can start when the sentence has an "ago" word."""
    from etl.extract.numbers import possible_quantity_starts

    starts = positions_in(tokens, t.start_words)
    if ago:
        starts += possible_quantity_starts(tokens)  # "three weeks ago"
    return sorted({*starts, *digit_positions(tokens)})


def find_dates(sentence: Sentence, published: dt.date | None) -> list[DateMention]:
    """Every date phrase in the sentence, resolved against `published` where it needs it."""
    t = tables()
    tokens = sentence.tokens
    found: list[DateMention] = []
    ago = holds_any(tokens, t.ago_words.first_words)  # "ago" must follow its number and unit
    free = 0  # the token after the last phrase found: phrases do not overlap
    for i in _date_starts(tokens, t, ago):
        if i < free:
            continue
        tok = tokens[i]
        cal = _calendar_at(tokens, i)
        if cal:
            end, month, day, year = cal
            if year is None and published is not None and end + 1 < len(tokens) \
                    and tokens[end + 1].lower == "year" and tokens[end].lower in ("last", "this"):
                year = published.year - (tokens[end].lower == "last")  # "February 24 last year"
                end += 2
            date = _resolve_calendar(month, day, year, published) if day is not None else None
            found.append(DateMention(i, end, "calendar", date, year is not None))
            free = end
            continue
        part = t.month_parts.match(tokens, i)
        if part:
            k = i + part[0]
            if k < len(tokens) and tokens[k].text == "-":
                k += 1
            if k < len(tokens) and _month(tokens[k]) is not None:
                year = int(tokens[k + 1].text) if k + 1 < len(tokens) and _YEAR_RE.match(tokens[k + 1].text) else None
                date = _resolve_calendar(_month(tokens[k]), int(part[1]), year, published)
                found.append(DateMention(i, k + 1 + (year is not None), "month_part", date, year is not None))
                free = k + 1
                continue
        if (tok.is_capitalised or not t.names_capitalised) and tok.lower in t.weekdays:
            date = _last_weekday(published, t.weekdays.index(tok.lower)) if published else None
            found.append(DateMention(i, i + 1, "weekday", date))
            free = i + 1
            continue
        days_ago = _ago_at(tokens, i) if ago else None
        if days_ago:
            end, days = days_ago
            date = published - dt.timedelta(days=days) if published else None
            found.append(DateMention(i, end, "relative", date))
            free = end
            continue
        rel = t.relative.match(tokens, i)
        if rel:
            date = published + dt.timedelta(days=int(rel[1])) if published else None
            found.append(DateMention(i, i + rel[0], "relative", date))
            free = i + rel[0]
            continue
        wk = t.weekend.match(tokens, i)
        if wk:
            date = _last_weekday(published, 6) if published else None
            found.append(DateMention(i, i + wk[0], "weekend", date))
            free = i + wk[0]
            continue
    return found


def find_period_start(sentence: Sentence, dates: list[DateMention]) -> tuple[dt.date | None, set[int]]:
    """The start of the period a total covers ("since February 24", "since the start of the war").

    Returns the date and the indices (in `dates`) of date mentions that belong to the period phrase.
    """
    t = tables()
    tokens = sentence.tokens
    for i in t.openers.starts(tokens):
        opener = t.openers.match(tokens, i)
        if not opener:
            continue
        k = i + opener[0]
        if t.same_day.match(tokens, k):
            continue  # "since dawn today": the same day, no period
        inside = {n for n, d in enumerate(dates) if k <= d.start <= k + t.period_date_reach}
        explicit = [dates[n] for n in sorted(inside) if dates[n].date is not None]
        if explicit:
            return explicit[0].date, inside
        if t.month_year_starts and k + 1 < len(tokens) and _month(tokens[k]) is not None \
                and _YEAR_RE.match(tokens[k + 1].text):
            return dt.date(int(tokens[k + 1].text), _month(tokens[k]), 1), inside  # "с февраля 2022 года"
        for j in range(k, min(k + 3, len(tokens))):
            conflict = t.conflicts.match(tokens, j)
            if conflict and not _another_sides_war(tokens, j + conflict[0], conflict[1]):
                return conflict[1], inside
    return None, set()


def _another_sides_war(tokens: tuple[Token, ...], end: int, start: dt.date) -> bool:
    """"С начала вторжения ВСУ в регион": the war's words followed right away by the side that did not start
    that war (conflict_starts `not_by`) name another war (the 2024 incursion into Kursk), not that one."""
    from etl.extract.attribution import parties_in

    others = tables().conflict_not_by.get(start)
    hits = parties_in(tokens, end, min(end + 3, len(tokens))) if others else []
    return bool(hits) and hits[0][0] == end and hits[0][2] in others


def window_dates(kind: str, published: dt.date | None, *, reference: dt.date | None = None, days: int = 1,
                 month: int | None = None, year: int | None = None) -> tuple[dt.date, dt.date] | None:
    """(period_start, period_end) of a stated window; None when the publication date is unknown.

    kind: `rolling` ("in the past 24 hours": `days` ending on `reference`, else on publication),
    `night` (publication - 1 to publication; the day before `reference` to it when the night is dated), `weekend` (the Saturday and Sunday on or before
    publication), `last_week` / `this_week` (Monday to Sunday of the calendar week before
    publication's / Monday of its week to publication), `last_month`, `month` ("in March": the
    latest such month on or before publication unless `year` is given, ending at its last day or
    at publication), `year_to_date` / `month_to_date` (the first of the publication's year or month).
    """
    if published is None:
        return None
    if kind == "rolling":
        end = reference or published
        return end - dt.timedelta(days=days), end
    if kind == "night":
        end = reference or published
        return end - dt.timedelta(days=1), end
    if kind == "weekend":
        sunday = _last_weekday(published, 6)
        return sunday - dt.timedelta(days=1), sunday
    if kind in ("last_week", "this_week"):
        monday = published - dt.timedelta(days=published.weekday())
        if kind == "this_week":
            return monday, published
        return monday - dt.timedelta(days=7), monday - dt.timedelta(days=1)
    if kind == "last_month":
        last = published.replace(day=1) - dt.timedelta(days=1)
        return last.replace(day=1), last
    if kind == "month" and month is not None:
        if year is None:
            year = published.year if month <= published.month else published.year - 1
        first = dt.date(year, month, 1)
        following = dt.date(year + month // 12, month % 12 + 1, 1)
        return first, min(following - dt.timedelta(days=1), published)
    if kind == "year_to_date":
        return published.replace(month=1, day=1), published
    if kind == "month_to_date":
        return published.replace(day=1), published
    raise ValueError(f"unknown window kind {kind!r}")


def month_at(tokens: tuple[Token, ...], i: int) -> tuple[int, int, int | None] | None:
    """(end, month, year) of a month named without a day at token i ("March", "April 2023"); else None."""
    month = _month(tokens[i]) if i < len(tokens) else None
    if month is None:
        return None
    k = i + 1
    if k < len(tokens) and _day(tokens[k]) is not None:
        return None  # "March 3" is a day, not a month
    if k < len(tokens) and _YEAR_RE.match(tokens[k].text):
        return k + 1, month, int(tokens[k].text)
    return k, month, None


def find_rate(tokens: tuple[Token, ...], start: int, end: int) -> tuple[str, int] | None:
    """A rate phrase ("every day", "a week") in tokens[start:end]: (rate, token index)."""
    t = tables()
    for i in t.rates.starts(tokens):
        if i >= end:
            break
        if i < start:
            continue
        rate = t.rates.match(tokens, i)
        if rate and not t.rate_blockers.match(tokens, i + rate[0]):
            return str(rate[1]), i
    return None


def infer_publication_date(text: str, language: str | None = None) -> dt.date | None:
    """The SPEC's rule: the latest explicit calendar date in the text, advanced to the first
    weekday named in the lead paragraph ("early on Wednesday"); None when the text has no dated day.
    `language`: the text's (detected when not given)."""
    from etl.extract.language import detect_language

    with using_language(language or detect_language(text)):
        return _inferred_date(text)


def _inferred_date(text: str) -> dt.date | None:
    sentences = split_sentences(text)
    latest: dt.date | None = None
    for s in sentences:
        for d in find_dates(s, None):
            if d.kind == "calendar" and d.has_year and d.date is not None:
                latest = d.date if latest is None or d.date > latest else latest
    if latest is None:
        return None
    for s in sentences:
        if s.paragraph != sentences[0].paragraph:
            break
        for d in find_dates(s, None):
            if d.kind == "weekday":
                weekday = tables().weekdays.index(s.tokens[d.end - 1].lower)
                return latest + dt.timedelta(days=(weekday - latest.weekday()) % 7)
    return latest

"""Find quantities in a sentence's tokens and read them in the SPEC's value conventions.

A quantity is an optional qualifier ("more than", "about"), a core (digits with
separators and scale, number words, a vague quantity, a fixed phrase such as
"a dozen"), an optional second core for ranges, and an optional currency.
Whether a quantity is a *figure* (a claim) is decided later, from its context.

Hand-written: quantulum3 and similar parsers read physical units and do not know
the SPEC's qualifiers, vague-quantity bands or range forms; this grammar is small
and all of its words are data (etl/data/en/quantities.yaml).
"""
from __future__ import annotations

import math
import re
from dataclasses import dataclass

from etl.extract.lexicon import LANGUAGE, lexicon, per_language
from etl.extract.text import PhraseTable, Token, digit_positions, holds_any, positions_in, word_map, word_set

Bounds = tuple[float | None, float, float | None]


@dataclass(frozen=True)
class Amount:
    """One number as written: its value, currency, and token span [start, end)."""

    value: float
    start: int
    end: int
    currency: str | None = None
    scaled: bool = False  # a scale word or suffix was applied ("4.6 billion")
    in_words: bool = False


@dataclass(frozen=True)
class Quantity:
    """A quantity with its qualifier and bounds; token span [start, end) within the sentence."""

    start: int
    end: int
    low: float | None
    best: float
    high: float | None
    qualifier: str
    currency: str | None
    core_start: int  # first token of the number itself (after the qualifier)
    rule: str
    needs_metric_noun: bool = False
    metric_noun_before: bool = False  # "Загиблих немає", "Пострадавших нет": the counted noun comes first


class _Grammar:
    """The quantity grammar's tables, built once from quantities.yaml."""

    def __init__(self) -> None:
        q = lexicon().quantities
        self.number_words: dict[str, float] = word_map(q["number_words"])  # type: ignore[assignment]
        self.scale_words: dict[str, int] = word_map(q["scale_words"])  # type: ignore[assignment]
        self.scale_suffixes: dict[str, dict] = word_map(q["scale_suffixes"])  # type: ignore[assignment]
        self.fractions = PhraseTable(list(q["fraction_words"].items()))
        self.currency_symbols: dict[str, str] = q["currency_symbols"]
        self.currency_codes: set[str] = set(q["currency_codes"])
        self.currency_words: dict[str, str] = word_map(q["currency_words"])  # type: ignore[assignment]
        self.prefixes = PhraseTable([(p, g) for g in q["qualifier_prefixes"] for p in g["phrases"]])
        self.suffixes = PhraseTable([(p, g) for g in q["qualifier_suffixes"] for p in g["phrases"]])
        # vague quantities as written: the plural "тисячі" is thousands, the singular "тисяча" a thousand
        self.vague = PhraseTable([(v["phrase"], v) for v in q["vague_quantities"]], surface=True)
        self.exact = PhraseTable([(e["phrase"], e) for e in q["exact_phrases"]])
        self.connectors = PhraseTable([(c["word"], c) for c in q["range_connectors"]])
        self.change_verbs = word_set(q["change_verbs"])
        # an opener is a word ("between") or {word, kind} where the language has several words for one kind
        self.range_openers: dict[str, str] = {}
        for opener in q["range_openers"]:
            word, kind = (opener, opener) if isinstance(opener, str) else (opener["word"], opener["kind"])
            self.range_openers[next(iter(word_set([word])))] = kind
        self.one_before = word_set(q["one_not_a_count"]["before"])
        self.one_after = word_set(q["one_not_a_count"]["after"])
        # "зросла до 23": after these a prefix ("до" = up to) is a preposition, and the number exact
        self.prefix_not_after = word_set(q.get("qualifier_prefix_not_after", []))
        self.address_words = word_set(q.get("address_words", []))
        digits = q.get("digits", {})
        self.decimal_comma = digits.get("decimal") == ","
        self.hyphen_suffix_ordinal = bool(digits.get("hyphen_suffix_is_ordinal"))
        self.digits_re = _DIGITS_RE_DECIMAL_COMMA if self.decimal_comma else _DIGITS_RE
        m = lexicon().metrics
        self.not_figure_suffixes = PhraseTable([(p, True) for p in m["not_figure_suffixes"]])
        self.not_figure_prefixes = PhraseTable([(p, True) for p in m["not_figure_prefixes"]])
        months = lexicon().dates["months"]
        self.months = word_set(list(months))
        # how many people there are is no fact of a language: one number, in the default language's file
        self.world_population = float(lexicon(LANGUAGE).quantities["world_population"])
        # the compared forms a quantity can start with (`possible_quantity_starts`), a digit aside: a range
        # opener, a fixed phrase, a number word, "a" ("a hundred"), the first word of a qualifier ("in" of "in
        # excess of": only where the whole qualifier stands), a currency symbol or code as written
        self.start_words = frozenset(self.range_openers) | self.exact.first_words | frozenset(self.number_words) | {"a"}
        self.prefix_words = self.prefixes.first_words - self.start_words
        self.currency_starts = frozenset(c.lower() for c in (*self.currency_symbols, *self.currency_codes))
        # the words a quantity's core can be (`may_hold_quantity`), a digit and the phrase tables aside
        self.core_words = frozenset(self.number_words) | frozenset(self.scale_words)

    def digits_value(self, m: re.Match[str]) -> float:
        """The value of a digit token matched by `digits_re` (before any scale)."""
        if self.decimal_comma:
            return float(re.sub(r"\s", "", m.group(1)) + (m.group(2) or "").replace(",", "."))
        return float(m.group(1).replace(",", "") + (m.group(2) or ""))


@per_language
def grammar() -> _Grammar:
    return _Grammar()


_DIGITS_RE = re.compile(r"^(\d{1,3}(?:,\d{3})+|\d+)(\.\d+)?([A-Za-z]*)$")
# "1 500", "4,6": space (or no-break / thin space) thousands and a decimal comma
_DIGITS_RE_DECIMAL_COMMA = re.compile(r"^(\d{1,3}(?:[ \u00a0\u202f]\d{3})+|\d+)(,\d+)?([A-Za-z]*)$")


def parse_number(text: str) -> float | None:
    """Read one written number ("4.6 billion", "1.2m", "twenty-five", "a dozen") or None.

    The same grammar the extractor uses, for tests and for callers with a bare phrase.
    """
    from etl.extract.text import tokenize

    tokens = tokenize(text)
    amount = read_amount(tokens, 0)
    if amount is None or amount.end != len(tokens):
        exact = grammar().exact.match(tokens, 0)
        if exact and exact[0] == len(tokens) and not exact[1].get("needs_metric_noun") \
                and not exact[1].get("metric_noun_before"):
            return float(exact[1]["value"])
        return None
    return amount.value


def _glued(tokens: tuple[Token, ...], i: int) -> bool:
    """True when token i touches the token before it (no space between)."""
    return i > 0 and tokens[i - 1].end == tokens[i].start


def read_amount(tokens: tuple[Token, ...], i: int) -> Amount | None:
    """Read a number (with currency and scale) starting at token i."""
    g = grammar()
    start = i
    currency = None
    if i < len(tokens) and tokens[i].text in g.currency_symbols:
        currency = g.currency_symbols[tokens[i].text]
        i += 1
    elif i + 1 < len(tokens) and tokens[i].text in g.currency_codes and tokens[i + 1].text[:1].isdigit():
        currency = tokens[i].text
        i += 1
    if i >= len(tokens):
        return None
    value, i, scaled, in_words = _read_core(tokens, i)
    if value is None or not math.isfinite(value):
        return None  # 400 digits, "a million million ... million": past the float range, no number
    if (currency is None and i < len(tokens) and tokens[i].text in g.currency_symbols
            and tokens[i].start == tokens[i - 1].end):
        currency = g.currency_symbols[tokens[i].text]  # "15€"
        i += 1
    elif i < len(tokens) and tokens[i].lower in g.currency_words and currency is None:
        currency = g.currency_words[tokens[i].lower]
        i += 1
    elif currency is None and i < len(tokens) and tokens[i].text in g.currency_codes:
        currency = tokens[i].text
        i += 1
    return Amount(value, start, i, currency, scaled, in_words)


def _read_core(tokens: tuple[Token, ...], i: int) -> tuple[float | None, int, bool, bool]:
    g = grammar()
    tok = tokens[i]
    m = g.digits_re.match(tok.text)
    if m:
        value = g.digits_value(m)
        scaled = False
        suffix = m.group(3).lower()
        if suffix:
            if suffix not in g.scale_suffixes:
                return None, i, False, False  # 8am, 3rd, 1990s, 10km: not a count
            value *= g.scale_suffixes[suffix]["factor"]
            return value, i + 1, True, False
        i += 1
        while i < len(tokens):
            w = tokens[i].lower
            if w in g.scale_words and w != "dozen":
                value *= g.scale_words[w]
                scaled = True
                i += 1
            elif w in g.scale_suffixes and not g.scale_suffixes[w].get("attached_only"):
                value *= g.scale_suffixes[w]["factor"]
                scaled = True
                i += 1
            else:
                break
        return value, i, scaled, False
    return _read_words(tokens, i)


def _read_words(tokens: tuple[Token, ...], i: int) -> tuple[float | None, int, bool, bool]:
    """Number words: "three", "twenty-five", "one hundred and thirty", "two million", "a hundred"."""
    g = grammar()
    total = 0.0
    current = 0.0
    seen = False
    last_kind = ""
    scaled = False
    j = i
    if tokens[j].lower == "a" and j + 1 < len(tokens) and tokens[j + 1].lower in g.scale_words:
        current, seen, last_kind, j = 1.0, True, "unit", j + 1
    while j < len(tokens):
        w = tokens[j].lower
        if w in g.number_words:
            v = g.number_words[w]
            # "twenty five" continues a tens word, "двісті п'ятдесят" a hundreds word; "two three" or
            # "five twenty" does not
            if seen and not (last_kind == "tens" and v < 10) and not (last_kind == "hundreds" and v < 100) \
                    and last_kind != "scale" or last_kind == "fraction":
                break
            current += v
            last_kind = ("hundreds" if v >= 100 and v % 100 == 0 else
                         "tens" if v >= 20 and v % 10 == 0 else "unit")
        elif w in g.scale_words and seen:
            scale = g.scale_words[w]
            if scale < 1000:
                current = (current or 1) * scale
            else:
                total += (current or 1) * scale
                current = 0.0
            last_kind = "scale"
            scaled = True
        elif w == "and" and last_kind in ("unit", "tens") and g.fractions.match(tokens, j):
            length, fraction = g.fractions.match(tokens, j)
            current += float(fraction)  # "two and a half (million)"
            j += length
            last_kind = "fraction"
            continue
        elif (w in ("and", "-") and seen and j + 1 < len(tokens)
              and tokens[j + 1].lower in g.number_words and (w == "-" or last_kind == "scale")):
            j += 1
            continue
        else:
            break
        seen = True
        j += 1
    if not seen:
        return None, i, False, False
    return total + current, j, scaled, True


def _bounds(value: float, group: dict | None) -> tuple[Bounds, str]:
    if group is None:
        return (value, value, value), "exact"
    # rounded so that 0.9 * 7.1e6 is stored as 6390000, not 6390000.000000001
    low = None if group["low"] is None else round(value * group["low"], 6)
    high = None if group["high"] is None else round(value * group["high"], 6)
    return (low, value, high), group["qualifier"]


def _is_excluded(tokens: tuple[Token, ...], start: int, end: int, amount: Amount, blocked: set[int],
                 after_place: set[int]) -> bool:
    """Numbers that are not counts: dates, years, clock times, ages, designations, units, percentages."""
    g = grammar()
    if any(k in blocked for k in range(amount.start, amount.end)):
        return True
    idx = amount.start
    if tokens[idx].text in g.currency_symbols or tokens[idx].text in g.currency_codes:
        idx += 1
    first = tokens[idx]
    prev = tokens[idx - 1] if idx > 0 else None
    if prev is not None and _glued(tokens, idx):
        if prev.is_word or prev.text in (":", "/", "#", "№"):
            return True  # M777, 2:00, 1/2, #3
        if prev.text == "-" and idx > 1 and _glued(tokens, idx - 1) and tokens[idx - 2].is_word:
            return True  # S-300, Su-25, T-72
    nxt = tokens[end] if end < len(tokens) else None
    if nxt is not None and nxt.text in (":", "/") and _glued(tokens, end) and end + 1 < len(tokens) \
            and _glued(tokens, end + 1):
        return True  # 8:30, 24/7 (not "rises to 250: activists")
    if (g.hyphen_suffix_ordinal and nxt is not None and nxt.text in "-–" and _glued(tokens, end)
            and end + 1 < len(tokens) and tokens[end + 1].is_word and _glued(tokens, end + 1)):
        return True  # "93-тя бригада", "80-х", "5-й": an ordinal or an adjective, no count
    if g.not_figure_suffixes.match(tokens, end):
        return True
    if g.address_words and _after_street_name(tokens, idx):
        return True  # "на вулиці Шевченка, 12": a house number
    prefix = g.not_figure_prefixes.match_ending_at(tokens, start)
    if prefix and not (start - prefix[0] > 0 and tokens[start - prefix[0] - 1].lower in g.prefix_not_after):
        return True  # "до 06:00", not "выросло до 23" (after a toll verb "до" is "to")
    if ((prev is not None and prev.is_capitalised and prev.lower.rstrip(".") in g.months)
            or (nxt is not None and nxt.is_capitalised and nxt.lower in g.months)):
        return True  # June 10, 10 June
    if (amount.currency is None and not amount.scaled and not amount.in_words
            and re.fullmatch(r"(1[89]|20)\d\d", first.text)):
        return True  # a year; counts that size are written with a separator
    if (not amount.in_words and prev is not None and prev.is_capitalised and prev.is_word
            and not (g.decimal_comma and (amount.scaled or amount.currency))  # "Україні 175 млн доларів"
            and idx - 1 > 0 and prev.lower not in g.number_words and start == idx and idx not in after_place):
        return True  # "Leopard 2", "Voyager 2": a name followed by a number (not "the town of Kupiansk 40")
    return False


def _after_street_name(tokens: tuple[Token, ...], idx: int) -> bool:
    """A number right after "<street word> <Name>[,]" ("вул. Шевченка, 12", "улица Ленина 5")."""
    k = idx - 1
    while k >= 0 and idx - k <= 5 and (tokens[k].text in ",." or tokens[k].is_capitalised or tokens[k].text == "-"):
        k -= 1
    return k >= 0 and k < idx - 1 and tokens[k].lower in grammar().address_words


def find_quantities(tokens: tuple[Token, ...], blocked: set[int] | None = None,
                    after_place: set[int] | None = None) -> list[Quantity]:
    """Every quantity in a sentence, left to right, not overlapping.

    `blocked` holds token indices already known to be something else (dates); `after_place` the
    indices of tokens right after a place name, where a number is no designation ("Kupiansk 40").
    """
    blocked = blocked or set()
    after_place = after_place or set()
    found: list[Quantity] = []
    free = 0  # the token after the last quantity: quantities do not overlap
    for i in possible_quantity_starts(tokens):
        if i < free:
            continue
        q = _quantity_at(tokens, i, blocked, after_place)
        if q is None:
            continue
        if q.rule != "excluded" and _is_plausible(q):
            found.append(q)
        free = q.end
    return found


def may_hold_quantity(tokens: tuple[Token, ...]) -> bool:
    """Whether `find_quantities` can find anything in the sentence: every quantity has a core (digits, a
    number or scale word, a vague quantity, a fixed phrase; a qualifier or a currency alone is none).
    Most sentences of an article have none, and this test costs a fraction of the scan."""
    g = grammar()
    if digit_positions(tokens) or holds_any(tokens, g.core_words):
        return True
    return any(g.vague.match(tokens, k) for k in g.vague.starts(tokens)) \
        or any(g.exact.match(tokens, k) for k in g.exact.starts(tokens))


def possible_quantity_starts(tokens: tuple[Token, ...]) -> list[int]:
    """The tokens a quantity can start at, ascending: digits, number words, qualifiers, range openers,
    fixed and vague phrases, currencies. Most tokens of a sentence are none of these, and trying the
    grammar at each of them was a tenth of extraction."""
    g = grammar()
    starts = positions_in(tokens, g.start_words)
    starts += [k for k in positions_in(tokens, g.prefix_words) if g.prefixes.match(tokens, k)]
    starts += positions_in(tokens, g.currency_starts, surface=True)
    starts += g.vague.starts(tokens)  # as written ("тисячі"), not by normal form
    return sorted({*starts, *digit_positions(tokens)})


def _quantity_at(tokens: tuple[Token, ...], i: int, blocked: set[int], after_place: set[int]) -> Quantity | None:
    g = grammar()
    if i in blocked:
        return None
    prefix = g.prefixes.match(tokens, i)
    if prefix and i > 0 and tokens[i - 1].lower in g.prefix_not_after:
        prefix = None
    j = i + prefix[0] if prefix else i
    group = prefix[1] if prefix else None
    range_mode = None
    if j < len(tokens) and tokens[j].lower in g.range_openers:
        range_mode = g.range_openers[tokens[j].lower]
        j += 1
    if j >= len(tokens):
        return None
    # Vague quantities and fixed phrases come before plain numbers ("hundreds of thousands", "a dozen").
    vague = g.vague.match(tokens, j)
    if vague:
        v = vague[1]
        return Quantity(i, j + vague[0], float(v["low"]), float(v["low"]), float(v["high"]), "vague",
                        _currency_after(tokens, j + vague[0]), j, "vague")
    exact = g.exact.match(tokens, j)
    if exact:
        e = exact[1]
        k = j + exact[0]
        (low, best, high), qual = _bounds(float(e["value"]), group)
        return Quantity(i, k, low, best, high, qual, None, j, "fixed_phrase",
                        needs_metric_noun=bool(e.get("needs_metric_noun")),
                        metric_noun_before=bool(e.get("metric_noun_before")))
    first = read_amount(tokens, j)
    if first is None:
        return None
    if range_mode and prefix is None and g.connectors.match(tokens, first.end) is None:
        return None  # "from 500 people": read the number alone, without "from"
    if first.in_words and tokens[j].lower == "one" and _one_is_pronoun(tokens, j, first.end):
        return None
    end = first.end
    second = None
    conn = g.connectors.match(tokens, end)
    if conn:
        c = conn[1]
        ok = c.get("needs_prefix") in (None, range_mode) and (not c.get("words_only") or first.in_words)
        if c["word"] in "-–—" and not _glued(tokens, end) and not first.in_words:
            ok = ok and tokens[end].text != "-"
        if ok:
            second = read_amount(tokens, end + conn[0])
            if second is not None and c["word"] == "and" and range_mode != "between":
                second = None
    if second is not None:
        end = second.end
    if _is_excluded(tokens, i, end, first, blocked, after_place):
        return Quantity(i, end, None, 0.0, None, "exact", None, j, "excluded")
    currency = first.currency or (second.currency if second else None)
    if second is not None:
        low_v, high_v = first.value, second.value
        if second.scaled and not first.scaled and low_v < high_v:
            factor = second.value / _unscaled(tokens, second)
            low_v *= factor
        if range_mode == "from" and _after_change_verb(tokens, i):
            # "rose from 20 to 25": the report is the new figure
            return Quantity(end - (second.end - second.start), end, high_v, high_v, high_v, "exact",
                            currency, second.start, "number")
        if low_v > high_v:
            return Quantity(i, end, None, 0.0, None, "exact", None, j, "excluded")
        return Quantity(i, end, low_v, (low_v + high_v) / 2, high_v, "range", currency, j, "range")
    suffix = g.suffixes.match(tokens, end)
    if suffix and group is None:
        group = suffix[1]
        end += suffix[0]
    (low, best, high), qual = _bounds(first.value, group)
    return Quantity(i, end, low, best, high, qual, currency, j, "number_words" if first.in_words else "number")


def _is_plausible(q: Quantity) -> bool:
    """Finite bounds, and a count that is not money no larger than the world's population."""
    values = [v for v in (q.low, q.best, q.high) if v is not None]
    if not all(math.isfinite(v) for v in values):
        return False
    return q.currency is not None or max(values) <= grammar().world_population


def _unscaled(tokens: tuple[Token, ...], amount: Amount) -> float:
    k = amount.start + (1 if amount.currency and tokens[amount.start].text in grammar().currency_symbols else 0)
    m = grammar().digits_re.match(tokens[k].text)
    if m and not m.group(3):
        return grammar().digits_value(m)
    return amount.value


def _after_change_verb(tokens: tuple[Token, ...], i: int) -> bool:
    """"rose from 20 to 25": a change verb just before the range."""
    verbs = grammar().change_verbs
    return any(t.lower in verbs for t in tokens[max(0, i - 4):i])


def _one_is_pronoun(tokens: tuple[Token, ...], j: int, end: int) -> bool:
    """"one of two", "the one", "one another": not a count of one."""
    g = grammar()
    nxt = tokens[end].lower if end < len(tokens) else ""
    prev = tokens[j - 1].lower if j > 0 else ""
    return nxt in g.one_after or prev in g.one_before


def _currency_after(tokens: tuple[Token, ...], k: int) -> str | None:
    """"millions of dollars": a vague quantity of money."""
    g = grammar()
    if k + 1 < len(tokens) and tokens[k].lower == "of" and tokens[k + 1].lower in g.currency_words:
        return g.currency_words[tokens[k + 1].lower]
    return None

"""Load and check the extractor's knowledge files in etl/data/ once per process.

Everything the extractor knows about English wire copy lives in those YAML files;
this module only reads them, checks their shape and refuses contradictions.
"""
from __future__ import annotations

import functools
import hashlib
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass
from pathlib import Path
from typing import Any, TypeVar

import yaml

from etl.errors import ConfigError

DATA_DIR = Path(__file__).resolve().parent.parent / "data"
LANGUAGE = "en"
"""The default language. Knowledge that depends on the language lives in etl/data/<language>/ (as
quantulum3 keeps `_lang/<locale>/`); what does not (the gazetteer, sources) sits in etl/data/ itself."""
LANGUAGES = ("en", "uk", "ru")
"""ISO 639-1 codes of the languages Tally extracts (articles.language)."""
KNOWLEDGE_FILES = ("quantities", "metrics", "attribution", "parties", "dates", "text", "grammar", "scope")
METRICS = ("killed", "injured", "casualties", "trapped", "displaced", "evacuated", "captured", "missing",
           "aid", "strikes", "population")
QUALIFIERS = ("exact", "range", "at_least", "more_than", "at_most", "approximate", "vague")
SCOPES = ("incident", "period", "cumulative", "stock", "rate", "unknown")
CALENDAR_WINDOWS = ("night", "weekend", "last_week", "this_week", "last_month")  # what dates.window_dates resolves
_SCOPE_CUE_KINDS = ("stock_cues", "cumulative_cues", "toll_nouns", "single_events", "events", "attack_verbs",
                    "rolling_window_openers", "same_window")


class LexiconError(ConfigError, ValueError):
    """A knowledge file is malformed; the message names the file and the entry (the ETL stops
    with it before extracting anything)."""


@dataclass(frozen=True)
class Lexicon:
    quantities: dict[str, Any]
    metrics: dict[str, Any]
    attribution: dict[str, Any]
    parties: dict[str, Any]
    dates: dict[str, Any]
    text: dict[str, Any]
    grammar: dict[str, Any]
    scope: dict[str, Any]
    fingerprint: str  # hash of all files: part of the extractor version
    language: str = LANGUAGE


_CURRENT: ContextVar[str] = ContextVar("tally_language", default=LANGUAGE)
_T = TypeVar("_T")


def current_language() -> str:
    """The language being extracted (set by `using_language`; English by default)."""
    return _CURRENT.get()


@contextmanager
def using_language(language: str) -> Iterator[None]:
    """Extract in `language` inside the block: every table and tokenizer reads etl/data/<language>/.

    A context variable rather than a parameter threaded through every rule: the rules are one
    mechanism, and only their tables change with the language.
    """
    if language not in LANGUAGES:
        raise LexiconError(f"unknown language {language!r}: Tally extracts {', '.join(LANGUAGES)}")
    token = _CURRENT.set(language)
    try:
        yield
    finally:
        _CURRENT.reset(token)


def per_language(build: Callable[[], _T]) -> Callable[[], _T]:
    """Memoise a table builder once per language (built inside `using_language` of that language)."""
    cache: dict[str, _T] = {}

    @functools.wraps(build)
    def get() -> _T:
        try:  # the tables are asked for some 300,000 times per million characters: the hit path is kept short
            return cache[_CURRENT.get()]
        except KeyError:
            language = _CURRENT.get()
            with using_language(language):
                found = cache[language] = build()
            return found

    get.cache_clear = cache.clear  # type: ignore[attr-defined]
    return get


_YAML_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def load_yaml(raw: bytes | str) -> Any:
    """A data file's YAML, parsed safely by libyaml's C parser when PyYAML was built with it
    (about six times faster than PyYAML's own: all of etl/data/ takes some 0.4 s in pure Python,
    which every process that extracts, and the dashboard's first page, would pay), else by
    PyYAML's; tests/test_lexicon.py checks both read every data file the same."""
    return yaml.load(raw, Loader=_YAML_LOADER)  # noqa: S506 (a safe loader, C or Python)


def _load(name: str, language: str = LANGUAGE) -> dict[str, Any]:
    path = DATA_DIR / language / f"{name}.yaml"
    raw = path.read_bytes()
    try:
        data = load_yaml(raw)
    except yaml.YAMLError as exc:
        raise LexiconError(f"{path}: not valid YAML: {exc}") from exc
    if not isinstance(data, dict) or not isinstance(data.get("version"), int):
        raise LexiconError(f"{path}: must be a mapping with an integer `version`")
    return data


def _non_strings(node: Any, where: str) -> list[str]:
    """Paths of list items that YAML read as something other than text (bare `on`, `no` are booleans)."""
    if isinstance(node, dict):
        return [p for k, v in node.items() for p in _non_strings(v, f"{where}.{k}")]
    if isinstance(node, list):
        bad = [f"{where}[{i}]={item!r}" for i, item in enumerate(node) if isinstance(item, bool)]
        return bad + [p for i, item in enumerate(node) for p in _non_strings(item, f"{where}[{i}]")
                      if isinstance(item, (dict, list))]
    return []


def _check(lex: Lexicon) -> None:
    for name in KNOWLEDGE_FILES:
        bad = _non_strings(getattr(lex, name), name)
        if bad:
            raise LexiconError(f"{name}.yaml: quote these words, YAML read them as booleans: {bad[:5]}")
    key = _phrase_key(lex.language)
    q = lex.quantities
    for group in q["qualifier_prefixes"] + q["qualifier_suffixes"]:
        if group["qualifier"] not in QUALIFIERS:
            raise LexiconError(f"quantities.yaml: unknown qualifier {group['qualifier']!r}")
    seen: dict[str, str] = {}
    for group in q["qualifier_prefixes"]:
        for phrase in group["phrases"]:
            if phrase in seen and seen[phrase] != group["qualifier"]:
                raise LexiconError(f"quantities.yaml: prefix {phrase!r} listed under two qualifiers")
            seen[phrase] = group["qualifier"]
    for v in q["vague_quantities"]:
        if not v["low"] <= v["high"]:
            raise LexiconError(f"quantities.yaml: vague {v['phrase']!r} has low > high")
    unknown = set(lex.metrics["metrics"]) - set(METRICS)
    if unknown:
        raise LexiconError(f"metrics.yaml: metrics outside the SPEC vocabulary: {sorted(unknown)}")
    owner: dict[str, str] = {}
    for metric, spec in lex.metrics["metrics"].items():
        if spec.get("unit") not in ("people", "count", "money"):
            raise LexiconError(f"metrics.yaml: metric {metric!r} needs unit people, count or money")
        for kind in ("words", "noun_words", "adjacent_before", "times_verbs", "weak_words"):
            for word in spec.get(kind, []):
                if key(word) in owner and owner[key(word)] != metric:
                    raise LexiconError(
                        f"metrics.yaml: trigger {word!r} belongs to both {owner[key(word)]!r} and {metric!r}")
                owner[key(word)] = metric
    group_words = {key(w) for words in lex.metrics["population_groups"].values() for w in words}
    group_words |= {key(w) for words in lex.metrics.get("implicit_counts", {}).get("singular_persons", {}).values()
                    for w in words}
    both = sorted(group_words & {key(w) for w in lex.metrics["non_people_nouns"]})
    if both:
        raise LexiconError(f"metrics.yaml: words listed both as people and as non-people nouns: {both}")
    _check_scope(lex.scope, key)
    alias_owner: dict[str, str] = {}
    for party, aliases in lex.parties["parties"].items():
        for alias in aliases:
            if alias in alias_owner:
                raise LexiconError(f"parties.yaml: {alias!r} names both {alias_owner[alias]!r} and {party!r}")
            alias_owner[alias] = party


def _phrase_key(language: str) -> Callable[[str], str]:
    """How two entries are compared: lowercase in English, by their words' normal forms where words inflect."""
    if language == LANGUAGE:
        return str.lower
    from etl.extract.text import phrase_tokens

    def key(phrase: str) -> str:
        with using_language(language):
            return " ".join(phrase_tokens(phrase))
    return key


def _check_scope(s: dict[str, Any], cue_key: Callable[[str], str] = str.lower) -> None:
    """scope.yaml: known metrics, scopes and window kinds; each cue under one kind only."""
    for key in ("stock_metrics", "event_toll_metrics", "no_event_metrics", "event_count_metrics"):
        unknown = sorted(set(s[key]) - set(METRICS))
        if unknown:
            raise LexiconError(f"scope.yaml: {key} outside the SPEC metric vocabulary: {unknown}")
    for metric, scope in s["metric_defaults"].items():
        if metric not in METRICS or scope not in SCOPES:
            raise LexiconError(f"scope.yaml: metric_defaults {metric}: {scope!r} needs a SPEC metric and scope {SCOPES}")
    unknown = sorted(set(s["calendar_windows"]) - set(CALENDAR_WINDOWS))
    if unknown:
        raise LexiconError(f"scope.yaml: calendar_windows kinds {unknown} unknown (known: {CALENDAR_WINDOWS})")
    unknown = sorted(set(s["to_date_starts"]) - {"year", "month"})
    if unknown:
        raise LexiconError(f"scope.yaml: to_date_starts kinds {unknown} unknown (known: year, month)")
    for unit, size in s["window_units"].items():
        if not (isinstance(size, dict) and len(size) == 1 and next(iter(size)) in ("hours", "days")
                and isinstance(next(iter(size.values())), int) and next(iter(size.values())) > 0):
            raise LexiconError(f"scope.yaml: window unit {unit!r} needs one positive `hours` or `days` count")
    kinds: list[tuple[str, list[str]]] = [(k, s[k]) for k in _SCOPE_CUE_KINDS]
    kinds += [(f"calendar_windows.{k}", v) for k, v in s["calendar_windows"].items()]
    kinds += [(f"to_date_starts.{k}", v) for k, v in s["to_date_starts"].items()]
    kinds += [("total_words", s.get("total_words", []))]
    owner: dict[str, str] = {}
    for kind, phrases in kinds:
        for phrase in phrases:
            cue = " ".join(cue_key(phrase).split())
            if cue in owner and owner[cue] != kind:
                raise LexiconError(f"scope.yaml: cue {phrase!r} listed under both {owner[cue]} and {kind}")
            owner[cue] = kind


def _with_english_shape(data: dict[str, Any], english: dict[str, Any]) -> dict[str, Any]:
    """A language's file with the keys it does not list taken in English's shape: word lists empty (a
    language without such words has none of them), numbers and patterns as English has them (reaches,
    limits), so that every rule can ask for every key in every language."""
    def empty(node: Any) -> Any:
        if isinstance(node, dict):
            if not any(isinstance(v, (dict, list)) for v in node.values()):
                return {}  # a table of English words ("day": 1): none of them in another language
            return {k: empty(v) for k, v in node.items()}
        if isinstance(node, list):
            return []
        return node

    return {**{key: empty(value) for key, value in english.items() if key not in data}, **data}


def _fingerprint(language: str) -> str:
    """A hash of the bytes of `language`'s knowledge files (its morphology too, but in English),
    read without parsing them: the extractor version is known before anything is loaded."""
    names = [*KNOWLEDGE_FILES, *(["morphology"] if language != LANGUAGE else [])]
    raw = b"".join((DATA_DIR / language / f"{name}.yaml").read_bytes() for name in names)
    return hashlib.sha256(raw).hexdigest()[:8]


@functools.lru_cache(maxsize=None)
def _lexicon(language: str) -> Lexicon:
    files = {name: _load(name, language) for name in KNOWLEDGE_FILES}
    if language != LANGUAGE:
        english = _lexicon(LANGUAGE)
        files = {n: _with_english_shape(files[n], getattr(english, n)) for n in KNOWLEDGE_FILES}
    lex = Lexicon(**files, fingerprint=_fingerprint(language), language=language)
    _check(lex)
    return lex


def lexicon(language: str | None = None) -> Lexicon:
    """The knowledge files of `language` (default: the language being extracted), loaded and checked once."""
    return _lexicon(language or _CURRENT.get())


lexicon.cache_clear = _lexicon.cache_clear  # type: ignore[attr-defined]


def knowledge_fingerprint() -> str:
    """One hash of every language's knowledge files: part of the extractor version. The files are
    hashed, not loaded (a rerun with nothing to extract never loads them; see `load_all`)."""
    return hashlib.sha256("".join(_fingerprint(lang) for lang in LANGUAGES).encode()).hexdigest()[:8]


def load_all() -> None:
    """Load and check every language's knowledge files (a malformed file raises `LexiconError`
    here, once, before any article is extracted)."""
    for language in LANGUAGES:
        lexicon(language)

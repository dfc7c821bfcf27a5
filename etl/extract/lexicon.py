"""Load and check the extractor's knowledge files in etl/data/ once per process.

Everything the extractor knows about English wire copy lives in those YAML files;
this module only reads them, checks their shape and refuses contradictions.
"""
from __future__ import annotations

import hashlib
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

import yaml

DATA_DIR = Path(__file__).resolve().parent.parent / "data"
LANGUAGE = "en"
"""Knowledge that depends on the language lives in etl/data/<language>/ (as quantulum3 keeps
`_lang/<locale>/`); what does not (the gazetteer, sources) sits in etl/data/ itself."""
KNOWLEDGE_FILES = ("quantities", "metrics", "attribution", "parties", "dates", "text", "grammar", "scope")
METRICS = ("killed", "injured", "casualties", "trapped", "displaced", "evacuated", "captured", "missing",
           "aid", "strikes", "population")
QUALIFIERS = ("exact", "range", "at_least", "more_than", "at_most", "approximate", "vague")
SCOPES = ("incident", "period", "cumulative", "stock", "rate", "unknown")
CALENDAR_WINDOWS = ("night", "weekend", "last_week", "this_week", "last_month")  # what dates.window_dates resolves
_SCOPE_CUE_KINDS = ("stock_cues", "cumulative_cues", "toll_nouns", "single_events", "events", "attack_verbs",
                    "rolling_window_openers", "same_window")


class LexiconError(ValueError):
    """A knowledge file is malformed; the message names the file and the entry."""


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


def _load(name: str) -> tuple[dict[str, Any], bytes]:
    path = DATA_DIR / LANGUAGE / f"{name}.yaml"
    raw = path.read_bytes()
    try:
        data = yaml.safe_load(raw)
    except yaml.YAMLError as exc:
        raise LexiconError(f"{path}: not valid YAML: {exc}") from exc
    if not isinstance(data, dict) or not isinstance(data.get("version"), int):
        raise LexiconError(f"{path}: must be a mapping with an integer `version`")
    return data, raw


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
                if word.lower() in owner and owner[word.lower()] != metric:
                    raise LexiconError(
                        f"metrics.yaml: trigger {word!r} belongs to both {owner[word.lower()]!r} and {metric!r}")
                owner[word.lower()] = metric
    group_words = {w.lower() for words in lex.metrics["population_groups"].values() for w in words}
    group_words |= {w.lower() for words in lex.metrics["implicit_counts"]["singular_persons"].values() for w in words}
    both = sorted(group_words & {w.lower() for w in lex.metrics["non_people_nouns"]})
    if both:
        raise LexiconError(f"metrics.yaml: words listed both as people and as non-people nouns: {both}")
    _check_scope(lex.scope)
    alias_owner: dict[str, str] = {}
    for party, aliases in lex.parties["parties"].items():
        for alias in aliases:
            if alias in alias_owner:
                raise LexiconError(f"parties.yaml: {alias!r} names both {alias_owner[alias]!r} and {party!r}")
            alias_owner[alias] = party


def _check_scope(s: dict[str, Any]) -> None:
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
    owner: dict[str, str] = {}
    for kind, phrases in kinds:
        for phrase in phrases:
            key = " ".join(phrase.lower().split())
            if key in owner and owner[key] != kind:
                raise LexiconError(f"scope.yaml: cue {phrase!r} listed under both {owner[key]} and {kind}")
            owner[key] = kind


@lru_cache(maxsize=1)
def lexicon() -> Lexicon:
    """The knowledge files, loaded and checked once."""
    loaded = {name: _load(name) for name in KNOWLEDGE_FILES}
    digest = hashlib.sha256(b"".join(loaded[n][1] for n in KNOWLEDGE_FILES)).hexdigest()[:8]
    lex = Lexicon(**{n: loaded[n][0] for n in KNOWLEDGE_FILES}, fingerprint=digest)
    _check(lex)
    return lex

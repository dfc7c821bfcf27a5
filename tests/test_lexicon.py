"""The extractor's knowledge files: every one loads and passes its checks; a broken one is refused by name."""
from __future__ import annotations

import importlib
import shutil

import pytest

from etl.extract.lexicon import KNOWLEDGE_FILES, LexiconError, lexicon

lexicon_module = importlib.import_module("etl.extract.lexicon")


def test_every_knowledge_file_loads_with_a_version():
    lex = lexicon()
    for name in KNOWLEDGE_FILES:
        data = getattr(lex, name)
        assert isinstance(data["version"], int), name
    assert len(lex.fingerprint) == 8


@pytest.fixture
def data_copy(tmp_path, monkeypatch):
    """A private copy of etl/data/ that a test may break; the cached lexicon is reset around it."""
    copy = tmp_path / "data"
    shutil.copytree(lexicon_module.DATA_DIR, copy)
    monkeypatch.setattr(lexicon_module, "DATA_DIR", copy)
    lexicon.cache_clear()
    yield copy
    lexicon.cache_clear()


def test_a_bare_yaml_boolean_is_refused_by_file_name(data_copy):
    path = data_copy / "en" / "grammar.yaml"
    path.write_text(path.read_text().replace('conjunctions: ["and", "or"]', "conjunctions: [and, or, no]"))
    with pytest.raises(LexiconError, match=r"grammar\.yaml: quote these words"):
        lexicon()


def test_a_trigger_under_two_metrics_is_refused(data_copy):
    path = data_copy / "en" / "metrics.yaml"
    text = path.read_text().replace("    words: [injured,", "    words: [killed, injured,", 1)
    path.write_text(text)
    with pytest.raises(LexiconError, match="'killed' belongs to both"):
        lexicon()


def test_a_file_without_version_is_refused(data_copy):
    path = data_copy / "en" / "dates.yaml"
    path.write_text(path.read_text().replace("version: 1", "edition: 1"))
    with pytest.raises(LexiconError, match=r"dates\.yaml: must be a mapping with an integer `version`"):
        lexicon()


def test_a_scope_cue_under_two_kinds_is_refused_by_file_name(data_copy):
    path = data_copy / "en" / "scope.yaml"
    path.write_text(path.read_text().replace("stock_cues: [remain,", "stock_cues: [since, remain,", 1))
    with pytest.raises(LexiconError, match=r"scope\.yaml: cue 'since' listed under both"):
        lexicon()


def test_a_scope_default_outside_the_spec_is_refused_by_file_name(data_copy):
    path = data_copy / "en" / "scope.yaml"
    path.write_text(path.read_text().replace("  aid: incident", "  aid: pledge", 1))
    with pytest.raises(LexiconError, match=r"scope\.yaml: metric_defaults aid: 'pledge'"):
        lexicon()


def test_a_scope_window_the_code_cannot_resolve_is_refused_by_file_name(data_copy):
    path = data_copy / "en" / "scope.yaml"
    path.write_text(path.read_text().replace("  last_month:", "  last_fortnight:", 1))
    with pytest.raises(LexiconError, match=r"scope\.yaml: calendar_windows kinds \['last_fortnight'\]"):
        lexicon()


def test_a_bare_boolean_in_scope_yaml_is_refused_by_file_name(data_copy):
    path = data_copy / "en" / "scope.yaml"
    path.write_text(path.read_text().replace("stock_cues: [remain,", "stock_cues: [no, remain,", 1))
    with pytest.raises(LexiconError, match=r"scope\.yaml: quote these words"):
        lexicon()


def test_a_broken_file_stops_an_etl_run_before_anything_is_extracted(data_copy, tmp_path):
    from etl import pipeline
    from tests.conftest import write_corpus
    from warehouse import db as wdb

    path = data_copy / "ru" / "metrics.yaml"
    path.write_text(path.read_text().replace("version: 1", "edition: 1", 1))
    db_path = tmp_path / "wh.duckdb"
    with pytest.raises(LexiconError, match=r"ru/metrics\.yaml: must be a mapping with an integer `version`"):
        pipeline.run_etl([write_corpus(tmp_path / "corpus")], db_path)
    with wdb.open_db(db_path, read_only=True) as con:
        assert con.execute("SELECT count(*) FROM articles").fetchone() == (0,)
        assert con.execute("SELECT status FROM etl_runs").fetchall() == [("failed",)]


def test_every_data_file_reads_the_same_with_the_c_and_the_python_yaml_parser():
    import yaml

    from etl.extract.lexicon import load_yaml

    files = sorted(lexicon_module.DATA_DIR.rglob("*.yaml"))
    assert len(files) > 20
    for path in files:
        raw = path.read_bytes()
        assert load_yaml(raw) == yaml.load(raw, Loader=yaml.SafeLoader), path  # noqa: S506

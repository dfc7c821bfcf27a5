"""The ETL: idempotent reruns, date inference, re-extraction, all-or-nothing batches, run log."""
from __future__ import annotations

import importlib
import json
from datetime import date
from pathlib import Path

import pytest
from filelock import FileLock

from etl import extract, pipeline
from etl.errors import EtlBusyError, LoadError
from etl.extract.lexicon import lexicon
from etl.models import article_id_for
from etl.readers import READERS, ReadOptions
from tests.conftest import INFERRED_DATE, fake_claims
from warehouse import db as wdb
from warehouse import loader


def snapshot(db_path: Path) -> dict[str, list[tuple]]:
    with wdb.open_db(db_path, read_only=True) as con:
        return {
            "articles": con.execute("SELECT * FROM articles ORDER BY article_id").fetchall(),
            "claims": con.execute("SELECT * FROM claims ORDER BY claim_id").fetchall(),
        }


def query(db_path: Path, sql: str) -> list[tuple]:
    with wdb.open_db(db_path, read_only=True) as con:
        return con.execute(sql).fetchall()


@pytest.mark.usefixtures("fake_extractor")
def test_rerun_changes_no_row(corpus: Path, db_path: Path) -> None:
    first = pipeline.run_etl([corpus], db_path)
    assert (first.articles_new, first.articles_skipped, first.articles_failed) == (5, 0, 0)
    assert first.claims_added == 6 and first.status == "ok" and first.exit_code == 0
    before = snapshot(db_path)

    second = pipeline.run_etl([corpus], db_path)
    assert (second.articles_new, second.articles_skipped, second.claims_added, second.claims_removed) == (0, 5, 0, 0)
    assert snapshot(db_path) == before

    stored_ids = {r[0] for r in query(db_path, "SELECT claim_id FROM claims")}
    text = (corpus / "c.txt").read_text().strip()
    aid = article_id_for(text)
    expected = {c.to_row(aid)["claim_id"] for c in fake_claims(text, {})}
    assert expected <= stored_ids


@pytest.mark.usefixtures("fake_extractor")
def test_same_text_twice_is_one_article(tmp_path: Path, db_path: Path) -> None:
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "a.txt").write_text("Five 5 killed.")
    (tmp_path / "in" / "b.txt").write_text("  Five   5 killed.\n")
    summary = pipeline.run_etl([tmp_path / "in"], db_path)
    assert (summary.articles_new, summary.articles_skipped) == (1, 1)
    assert query(db_path, "SELECT origin FROM articles") == [(str(tmp_path / "in" / "a.txt"),)]


@pytest.mark.usefixtures("fake_extractor")
def test_publication_dates_given_inferred_or_null(corpus: Path, db_path: Path) -> None:
    summary = pipeline.run_etl([corpus], db_path)
    rows = dict(
        (origin.rsplit("/", 1)[-1] + (f"#{n}" if origin.endswith("jsonl") else ""), (pub, inferred))
        for n, (origin, pub, inferred) in enumerate(
            query(db_path, "SELECT origin, published, published_inferred FROM articles ORDER BY origin, published")
        )
    )
    assert rows["a.md"] == (date(2022, 6, 1), False)
    assert rows["c.txt"] == (INFERRED_DATE, True)
    assert rows["d.txt"] == (None, False)
    assert len(summary.undated) == 1 and "d.txt" in summary.undated[0]
    # Claims carry the date the extractor was given: inferred, or NULL, never today.
    as_of = dict(query(db_path, "SELECT a.origin, c.as_of FROM claims c JOIN articles a USING (article_id)"))
    assert as_of[str(corpus / "c.txt")] == INFERRED_DATE and as_of[str(corpus / "d.txt")] is None


@pytest.mark.usefixtures("fake_extractor")
def test_new_extractor_version_replaces_claims(corpus: Path, db_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    pipeline.run_etl([corpus], db_path)
    ingested = query(db_path, "SELECT article_id, ingested_at, run_id FROM articles ORDER BY 1")

    def fewer_claims(text, metadata, **options):
        return fake_claims(text, metadata)[:1]

    monkeypatch.setattr(extract, "EXTRACTOR_VERSION", "test-2")
    monkeypatch.setattr(extract, "extract_claims", fewer_claims)
    summary = pipeline.run_etl([corpus], db_path)
    assert (summary.articles_new, summary.articles_reextracted, summary.articles_skipped) == (0, 5, 0)
    assert (summary.claims_removed, summary.claims_added) == (6, 5)
    assert query(db_path, "SELECT DISTINCT extractor_version FROM claims") == [("test-2",)]
    assert query(db_path, "SELECT DISTINCT extractor_version FROM articles") == [("test-2",)]
    assert query(db_path, "SELECT article_id, ingested_at, run_id FROM articles ORDER BY 1") == ingested
    assert pipeline.run_etl([corpus], db_path).articles_skipped == 5


@pytest.mark.usefixtures("fake_extractor")
def test_failed_batch_leaves_nothing(corpus: Path, db_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    real_insert = loader.insert_rows

    def insert_then_fail(con, table, rows):
        if table == "claims":  # articles are already inserted in this transaction
            raise RuntimeError("disk full")
        return real_insert(con, table, rows)

    monkeypatch.setattr(loader, "insert_rows", insert_then_fail)
    with pytest.raises(LoadError, match="nothing of it was kept.*disk full"):
        pipeline.run_etl([corpus], db_path)
    assert query(db_path, "SELECT count(*) FROM articles") == [(0,)]
    assert query(db_path, "SELECT count(*) FROM claims") == [(0,)]
    [(status, errors)] = query(db_path, "SELECT status, errors FROM etl_runs")
    assert status == "failed" and "disk full" in json.loads(errors)[-1]

    monkeypatch.setattr(loader, "insert_rows", real_insert)
    assert pipeline.run_etl([corpus], db_path).articles_new == 5


@pytest.mark.usefixtures("fake_extractor")
def test_bad_inputs_and_extractor_crash_do_not_stop_the_batch(
    corpus: Path, db_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (corpus / "bad.jsonl").write_text('{"text": "ok 1"}\n{oops\n')

    def crash_on_soldiers(text, metadata, **options):
        if "soldiers" in text:
            raise ValueError("rule exploded")
        return fake_claims(text, metadata)

    monkeypatch.setattr(extract, "extract_claims", crash_on_soldiers)
    summary = pipeline.run_etl([corpus, corpus / "missing.txt"], db_path)
    assert summary.status == "partial" and summary.exit_code == 1
    assert summary.articles_new == 5 and summary.articles_failed == 3
    messages = [str(p) for p in summary.problems]
    assert any(m.startswith(f"{corpus / 'bad.jsonl'}:2: malformed JSON") for m in messages)
    assert any("missing.txt" in m and "no such file" in m for m in messages)
    assert any("extractor failed" in m and "rule exploded" in m for m in messages)
    # The crashed article is not stored, so a rerun with a fixed extractor picks it up.
    monkeypatch.setattr(extract, "extract_claims", fake_claims)
    assert pipeline.run_etl([corpus], db_path).articles_new == 1


@pytest.mark.usefixtures("fake_extractor")
def test_run_is_logged(corpus: Path, db_path: Path) -> None:
    summary = pipeline.run_etl([corpus], db_path)
    [run] = pipeline.run_history(db_path)
    assert run["run_id"] == summary.run_id and run["status"] == "ok"
    assert (run["inputs_seen"], run["articles_new"], run["claims_added"], run["articles_undated"]) == (4, 5, 6, 1)
    assert run["finished_at"] >= run["started_at"] and run["errors"] == []
    assert query(db_path, "SELECT DISTINCT run_id FROM claims") == [(summary.run_id,)]
    assert summary.audit_failures == {}
    json.dumps(summary.to_dict())


def test_second_etl_waits_for_the_first(corpus: Path, db_path: Path) -> None:
    db_path.parent.mkdir(parents=True)
    with FileLock(pipeline.etl_lock_path(db_path)):
        with pytest.raises(EtlBusyError, match="another `tally etl` is running"):
            pipeline.run_etl([corpus], db_path, etl_wait_s=0.1)


@pytest.mark.usefixtures("fake_extractor")
def test_extract_path_is_json_ready_and_touches_no_database(corpus: Path, tmp_path: Path, monkeypatch) -> None:
    monkeypatch.chdir(tmp_path)
    rows = list(pipeline.extract_path(corpus / "c.txt"))
    assert [r["value_best"] for r in rows] == [3.0]
    assert rows[0]["as_of"] == rows[0]["published"] == INFERRED_DATE.isoformat()
    assert rows[0]["published_inferred"] is True
    json.dumps(rows)
    assert not (tmp_path / "warehouse").exists()


@pytest.mark.usefixtures("fake_extractor")
def test_new_extractor_reextracts_stored_articles_gone_from_the_inputs(
    corpus: Path, db_path: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A feed rolls its entries over: re-extraction works from the stored text, not the inputs."""
    pipeline.run_etl([corpus], db_path)
    assert query(db_path, "SELECT source_id, text_source FROM articles WHERE source_id IS NOT NULL ORDER BY 1") == [
        ("b1", "body"), ("b2", "body")]
    monkeypatch.setattr(extract, "EXTRACTOR_VERSION", "test-2")
    (tmp_path / "nothing-new").mkdir()
    summary = pipeline.run_etl([tmp_path / "nothing-new"], db_path, batch_size=2)
    assert (summary.articles_reextracted, summary.claims_removed, summary.claims_added) == (5, 6, 6)
    assert summary.batches_committed == 3
    assert query(db_path, "SELECT DISTINCT extractor_version FROM claims") == [("test-2",)]
    # an inferred date is inferred again; a given one is kept
    assert query(db_path, "SELECT count(*) FROM articles WHERE published_inferred") == [(1,)]


@pytest.mark.usefixtures("fake_extractor")
def test_batches_commit_separately_and_a_failed_batch_keeps_earlier_ones(
    corpus: Path, db_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    real_load = loader.store_articles
    calls = []

    def fail_second(con, run_id, version, batch, *rest):
        calls.append(len(batch))
        if len(calls) == 2:
            raise RuntimeError("disk full")
        return real_load(con, run_id, version, batch, *rest)

    monkeypatch.setattr(loader, "store_articles", fail_second)
    with pytest.raises(LoadError, match="the 1 batch\\(es\\) committed before it are kept.*disk full"):
        pipeline.run_etl([corpus], db_path, batch_size=2)
    assert query(db_path, "SELECT count(*) FROM articles") == [(2,)]
    [(status, batches)] = query(db_path, "SELECT status, batches_committed FROM etl_runs")
    assert (status, batches) == ("failed", 1)
    monkeypatch.setattr(loader, "store_articles", real_load)
    again = pipeline.run_etl([corpus], db_path, batch_size=2)
    assert (again.articles_new, again.articles_skipped, again.interrupted_runs) == (3, 2, [])


@pytest.fixture
def opened(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The names of the files the readers read in a run (every registered reader wrapped)."""
    names: list[str] = []
    for extension, reader in list(READERS.items()):
        def recording(path: Path, options: ReadOptions, reader=reader):
            names.append(path.name)
            return reader(path, options)
        monkeypatch.setitem(READERS, extension, recording)
    return names


@pytest.mark.usefixtures("fake_extractor")
def test_a_rerun_reads_no_file_it_stored_whole_and_reads_a_changed_one(
    corpus: Path, db_path: Path, opened: list[str]
) -> None:
    first = pipeline.run_etl([corpus], db_path)
    assert sorted(opened) == ["a.md", "b.jsonl", "c.txt", "d.txt"]
    assert query(db_path, "SELECT count(*), sum(articles) FROM input_files") == [(4, 5)]
    opened.clear()

    second = pipeline.run_etl([corpus], db_path)
    assert opened == []
    assert (second.articles_new, second.articles_skipped, second.inputs_seen) == (0, 5, first.inputs_seen)

    with (corpus / "b.jsonl").open("a", encoding="utf-8") as handle:
        handle.write('{"id": "b3", "text": "Later 9 more were killed.", "published": "2022-06-04"}\n')
    third = pipeline.run_etl([corpus], db_path)
    assert opened == ["b.jsonl"]
    assert (third.articles_new, third.articles_skipped) == (1, 5)
    assert query(db_path, "SELECT articles FROM input_files WHERE path LIKE '%b.jsonl'") == [(3,)]


@pytest.mark.usefixtures("fake_extractor")
def test_a_file_with_a_problem_is_read_and_reported_again(corpus: Path, db_path: Path, opened: list[str]) -> None:
    (corpus / "bad.jsonl").write_text('{"text": "ok 1"}\n{oops\n')
    pipeline.run_etl([corpus], db_path)
    opened.clear()
    again = pipeline.run_etl([corpus], db_path)
    assert opened == ["bad.jsonl"]
    assert [str(p) for p in again.problems] == [f"{corpus / 'bad.jsonl'}:2: malformed JSON (Expecting property name "
                                                "enclosed in double quotes at column 2): skipped this line"]
    assert again.articles_skipped == 6


@pytest.mark.usefixtures("fake_extractor")
def test_other_read_limits_or_a_forgotten_file_read_it_again(corpus: Path, db_path: Path, opened: list[str]) -> None:
    pipeline.run_etl([corpus], db_path)
    opened.clear()
    pipeline.run_etl([corpus], db_path, read_options=ReadOptions(max_depth=8))
    assert len(opened) == 4
    pipeline.run_etl([corpus], db_path)  # remembered now with the limits of this run
    opened.clear()
    with wdb.open_db(db_path) as con:
        con.execute("DELETE FROM input_files WHERE path LIKE '%c.txt'")
    summary = pipeline.run_etl([corpus], db_path)
    assert opened == ["c.txt"] and summary.articles_skipped == 5


def lexicon_cache_size() -> int:
    return importlib.import_module("etl.extract.lexicon")._lexicon.cache_info().currsize


def test_a_rerun_with_nothing_to_extract_loads_no_knowledge_file(corpus: Path, db_path: Path) -> None:
    pipeline.run_etl([corpus], db_path)
    lexicon.cache_clear()
    summary = pipeline.run_etl([corpus], db_path)
    assert summary.articles_skipped == 5
    assert lexicon_cache_size() == 0

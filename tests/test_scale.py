"""The ETL at scale: worker processes, the Dask engine, the writer that hands the warehouse to
readers, the gazetteer's cached form. Behaviour only: speed is measured by scripts/bench."""
from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

import pandas as pd
import psutil
import pytest

from etl import pipeline, places
from etl.errors import WarehouseLockedError
from warehouse import db as wdb
from warehouse import read_model

ROOT = Path(__file__).resolve().parent.parent
GOLD = ROOT / "tests" / "gold" / "dev.articles.jsonl"
TALLY = Path(sys.executable).parent / "tally"


def stored_rows(db_path: Path) -> dict[str, list[tuple]]:
    """Every stored article and claim, without the columns that name the run or its time."""
    with wdb.open_db(db_path, read_only=True) as con:
        return {
            "articles": con.execute(
                "SELECT * EXCLUDE (run_id, ingested_at) FROM articles ORDER BY article_id").fetchall(),
            "claims": con.execute("SELECT * EXCLUDE (run_id) FROM claims ORDER BY claim_id").fetchall(),
        }


@pytest.fixture(scope="module")
def gold_in_one_process(tmp_path_factory: pytest.TempPathFactory) -> dict[str, list[tuple]]:
    db_path = tmp_path_factory.mktemp("one") / "one.duckdb"
    summary = pipeline.run_etl([GOLD], db_path, workers=1, progress=False)
    assert summary.problems == [] and summary.articles_new == 55
    return stored_rows(db_path)


def test_worker_processes_store_the_same_rows_as_one_process(gold_in_one_process, tmp_path: Path) -> None:
    db_path = tmp_path / "workers.duckdb"
    summary = pipeline.run_etl([GOLD], db_path, workers=2, batch_size=7, progress=False)
    assert summary.articles_new == 55 and summary.batches_committed == 8
    assert stored_rows(db_path) == gold_in_one_process


def test_dask_engine_gives_the_local_paths_claims_row_for_row(gold_in_one_process, tmp_path: Path) -> None:
    pytest.importorskip("distributed")
    db_path = tmp_path / "dask.duckdb"
    summary = pipeline.run_etl([GOLD], db_path, engine="dask", workers=2, progress=False)
    assert (summary.articles_new, summary.problems) == (55, [])
    assert stored_rows(db_path)["claims"] == gold_in_one_process["claims"]
    assert stored_rows(db_path)["articles"] == gold_in_one_process["articles"]
    again = pipeline.run_etl([GOLD], db_path, engine="dask", workers=2, progress=False)
    assert (again.articles_new, again.articles_skipped, again.claims_added) == (0, 55, 0)
    assert not list(tmp_path.glob("*.dask-staging"))  # the run's partitions are cleaned up


def test_dask_engine_reports_bad_input_by_file_and_line(tmp_path: Path) -> None:
    pytest.importorskip("distributed")
    inputs = tmp_path / "in"
    inputs.mkdir()
    (inputs / "a.jsonl").write_text('{"text": "Shelling killed 12 people in Kharkiv.", "published": "2022-06-01"}\n'
                                    '{"text": broken\n', encoding="utf-8")
    (inputs / "b.txt").write_bytes(b"")
    summary = pipeline.run_etl([inputs], tmp_path / "wh.duckdb", engine="dask", workers=1, progress=False)
    assert summary.articles_new == 1 and summary.exit_code == 1
    assert sorted(str(p).split(": ")[0] for p in summary.problems) == [f"{inputs / 'a.jsonl'}:2", str(inputs / "b.txt")]


def test_scheduler_needs_the_dask_engine(tmp_path: Path) -> None:
    from etl.errors import ConfigError

    with pytest.raises(ConfigError, match="--engine dask"):
        pipeline.run_etl([GOLD], tmp_path / "wh.duckdb", scheduler="tcp://127.0.0.1:1")


READER = ("import sys; from warehouse.db import connect; c = connect(sys.argv[1], read_only=True, timeout_s=60); "
          "print(c.execute('SELECT count(*) FROM t').fetchone()[0]); c.close()")


def test_the_writer_hands_the_warehouse_to_a_waiting_reader(tmp_path: Path) -> None:
    """Held while nobody waits; a reader that waits gets in without the writer being told (its
    watcher sees the waiting room); the writer gets the file back afterwards."""
    db_path = tmp_path / "wh.duckdb"
    with wdb.Writer(db_path, timeout_s=60, min_hold_s=0, gap_s=0) as writer:
        with writer.use() as con:
            con.execute("CREATE TABLE t AS SELECT 1 AS x")
        assert writer.is_open and not wdb.readers_waiting(db_path)
        reader = subprocess.run(  # another process, as the dashboard is
            [sys.executable, "-c", READER, str(db_path)], cwd=ROOT, env={**os.environ, "PYTHONPATH": str(ROOT)},
            capture_output=True, text=True, timeout=120)
        assert reader.stdout.strip() == "1", reader.stderr
        assert not writer.is_open
        with writer.use() as con:  # and the writer opens it again
            con.execute("INSERT INTO t VALUES (2)")
        assert writer.opens == 2


def test_the_read_models_are_refreshed_one_hold_each(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    """At the end of a run each read model is recomputed in a hold of the writer's own: a reader that
    waits (here the waiting room is said to be taken) gets the warehouse between two, and every read
    model is current at the end; nobody waiting, the connection stays open throughout."""
    db_path = tmp_path / "wh.duckdb"
    assert pipeline.run_etl([GOLD], db_path, workers=1, progress=False).problems == []
    every = {*read_model.READ_MODELS, *read_model.COMPUTED}
    for waiting, opens in [(True, len(every)), (False, 1)]:
        with wdb.open_db(db_path) as con:
            con.execute("DELETE FROM read_model_state")  # every read model out of date
        monkeypatch.setattr(wdb, "readers_waiting", lambda path, waiting=waiting: waiting)
        with wdb.Writer(db_path, timeout_s=60, min_hold_s=0, gap_s=0) as writer:
            assert set(read_model.refresh_handing_over(writer)) == every
            assert writer.opens == opens
        with wdb.open_db(db_path, read_only=True) as con:
            assert all(read_model.is_current(con, name) for name in every)


def test_a_read_model_in_parts_is_refreshed_one_part_per_hold(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    """subject_points is refreshed a range of metrics at a time, each in a hold of its own (a reader that
    waits gets the warehouse between two, and finds it not current, so reads the claims), and ends as
    the whole query's rows, in subject order."""
    db_path = tmp_path / "wh.duckdb"
    assert pipeline.run_etl([GOLD], db_path, workers=1, progress=False).problems == []
    with wdb.open_db(db_path) as con:
        metrics = con.execute("SELECT count(DISTINCT metric) FROM claims").fetchone()[0]
        con.execute("DELETE FROM read_model_state WHERE read_model = ?", [read_model.SUBJECT_POINTS])
    assert metrics >= 3
    monkeypatch.setattr(read_model, "PART_ROWS", 1)  # a part per metric
    monkeypatch.setattr(wdb, "readers_waiting", lambda path: True)
    seen_current = []
    refresh_part = read_model._refresh_part

    def watched(con: wdb.Connection, *args: Any, **kwargs: Any) -> None:
        seen_current.append(read_model.is_current(con, read_model.SUBJECT_POINTS))
        refresh_part(con, *args, **kwargs)

    monkeypatch.setattr(read_model, "_refresh_part", watched)
    with wdb.Writer(db_path, timeout_s=60, min_hold_s=0, gap_s=0) as writer:
        assert set(read_model.refresh_handing_over(writer)) == {read_model.SUBJECT_POINTS}
        assert writer.opens == metrics + 1  # a hold per part (the first also asks), then overview_rows asks
    assert seen_current == [False] * metrics
    with wdb.open_db(db_path, read_only=True) as con:
        assert read_model.is_current(con, read_model.SUBJECT_POINTS)
        stored = con.execute("SELECT * FROM subject_points ORDER BY rowid").df()
        expected = con.execute(read_model.READ_MODELS[read_model.SUBJECT_POINTS]).df()
    key = ["metric", "location", "unit", "category", "party"]
    assert len(stored) == len(expected) > metrics
    assert stored[key].equals(expected[key])  # the same order of subjects
    by_figure = ["metric", "figure_id"]
    pd.testing.assert_frame_equal(stored.sort_values(by_figure, ignore_index=True),
                                  expected.sort_values(by_figure, ignore_index=True))


def test_a_waiting_writer_holds_new_readers_at_the_gate(tmp_path: Path) -> None:
    import fcntl

    db_path = tmp_path / "wh.duckdb"
    wdb.connect(db_path).close()
    fd = os.open(wdb.gate_path(db_path), os.O_RDWR | os.O_CREAT)
    try:
        fcntl.flock(fd, fcntl.LOCK_EX)  # as a writer waiting for the file holds it
        with pytest.raises(WarehouseLockedError, match="a writer is waiting"):
            wdb.connect(db_path, read_only=True, timeout_s=0.2)
        fcntl.flock(fd, fcntl.LOCK_UN)
        wdb.connect(db_path, read_only=True, timeout_s=5).close()
    finally:
        os.close(fd)


def test_sigkill_of_a_run_with_workers_keeps_whole_articles_and_ends_its_workers(
    gold_in_one_process, tmp_path: Path
) -> None:
    db_path = tmp_path / "wh.duckdb"
    inputs = tmp_path / "in.jsonl"
    inputs.write_text(GOLD.read_text(encoding="utf-8"), encoding="utf-8")
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    proc = psutil.Popen([str(TALLY), "etl", str(inputs), "--db", str(db_path), "--workers", "2",
                         "--batch-size", "5", "--quiet"], env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    workers: list[psutil.Process] = []
    committed = 0
    while proc.poll() is None and committed < 5:  # a batch is committed, more are on their way
        workers = [p for p in proc.children(recursive=True)] or workers
        try:
            with wdb.open_db(db_path, read_only=True, timeout_s=30) as con:
                committed = con.execute("SELECT count(*) FROM articles").fetchone()[0]
        except Exception:  # not created yet
            pass
    workers = [p for p in proc.children(recursive=True)] or workers
    proc.send_signal(signal.SIGKILL)
    proc.wait(60)
    gone, alive = psutil.wait_procs(workers, timeout=60)  # each worker ends by itself once the run is gone
    assert alive == []
    stored = stored_rows(db_path)
    kept = {a[0] for a in stored["articles"]}
    clean = [c for c in gold_in_one_process["claims"] if c[1] in kept]  # claims.article_id is column 2
    assert stored["claims"] == clean  # whole articles: all their claims or none
    done = subprocess.run([str(TALLY), "etl", str(inputs), "--db", str(db_path), "--workers", "2", "--json"],
                          env=env, capture_output=True, text=True, timeout=600)
    assert done.returncode == 0, done.stderr
    assert len(json.loads(done.stdout)["interrupted_runs"]) == 1
    after = stored_rows(db_path)
    assert after["claims"] == gold_in_one_process["claims"]
    assert [a[0] for a in after["articles"]] == [a[0] for a in gold_in_one_process["articles"]]


def test_the_cached_gazetteer_finds_what_the_csv_gives(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(places.CACHE_DIR_ENV, str(tmp_path))
    built = places.load_cached_gazetteer()  # builds and caches
    [cached_file] = list(tmp_path.glob("gazetteer-*.pickle"))
    cached = places.load_cached_gazetteer()  # reads the cache
    fresh = places.Gazetteer.from_csv(places.GAZETTEER_PATH)
    text = (ROOT / "examples" / "reuters-2022-06-severodonetsk.txt").read_text(encoding="utf-8")
    text += " Kherson region, St. Petersburg, the Donetsk People's Republic, Gaza City, Mar'yinka and KYIV."
    assert cached.find_places(text) == fresh.find_places(text) == built.find_places(text)
    assert len(cached.find_places(text)) > 10
    assert cached.places == fresh.places and cached.lookup("Kiev") == fresh.lookup("Kiev")
    cached_file.write_bytes(b"not a pickle")  # a broken cache is built again
    assert places.load_cached_gazetteer().find_places(text) == fresh.find_places(text)


@pytest.mark.parametrize("language, text", [
    ("uk", "У Харкові та Київській області загинули люди; на Нікопольщині й біля Куп'янського району теж. Kyiv."),
    ("ru", "В Харькове и Киевской области погибли люди, в Сумах ранены трое. Kyiv."),
])
def test_the_cached_gazetteer_finds_cyrillic_places_as_the_csv_gives(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, language: str, text: str
) -> None:
    monkeypatch.setenv(places.CACHE_DIR_ENV, str(tmp_path))
    fresh = places.Gazetteer.from_csv(places.GAZETTEER_PATH).find_places(text, language)
    assert places.load_cached_gazetteer().find_places(text, language) == fresh  # builds both caches
    [index_file] = list(tmp_path.glob(f"gazetteer-*-{language}-*.pickle"))
    assert places.load_cached_gazetteer().find_places(text, language) == fresh  # reads them
    assert len([m for m in fresh if not m.surface.isascii()]) >= 3
    index_file.write_bytes(b"not a pickle")  # a broken index is built again
    assert places.load_cached_gazetteer().find_places(text, language) == fresh

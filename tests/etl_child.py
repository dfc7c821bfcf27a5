"""Run `tally etl` in a child process with the fake extractor, optionally killing itself with SIGKILL.

Used by the crash and concurrency tests (tests/test_schedule.py), which need a real,
separate process: `python -m tests.etl_child [--kill-at POINT] [--slow SECONDS] -- ARGS...`.

Kill points (the process sends itself SIGKILL there, exactly as `kill -9` would):
  extract:N        while extracting the N-th article of the run
  in-batch:N       inside batch N's transaction, articles inserted, claims not yet
  after-commit:N   right after batch N committed, before the run log is closed
  before-finish    after every batch, before the run is marked finished
`--slow S` sleeps S seconds per article extracted (to give external kills and a second
process time to overlap). `--block-until FILE` holds the first extraction (the run holding
its ETL lock) until FILE exists, so a test can act while the run is surely in progress.
"""
from __future__ import annotations

import argparse
import os
from contextlib import contextmanager
import signal
import sys
import time

from etl import extract
from tests.conftest import fake_claims, fake_infer_date
from warehouse import db as wdb
from warehouse import loader


def die() -> None:
    sys.stdout.flush()
    os.kill(os.getpid(), signal.SIGKILL)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--kill-at", default="")
    parser.add_argument("--slow", type=float, default=0.0)
    parser.add_argument("--block-until", default="")
    parser.add_argument("--version", default="test-1")
    parser.add_argument("args", nargs=argparse.REMAINDER)
    opts = parser.parse_args()
    point, _, number = opts.kill_at.partition(":")
    n = int(number) if number else 0
    extracted = 0
    batches = 0

    def claims(text, metadata, **options):
        nonlocal extracted
        extracted += 1
        while opts.block_until and not os.path.exists(opts.block_until):
            time.sleep(0.01)
        if opts.slow:
            time.sleep(opts.slow)
        if point == "extract" and extracted == n:
            die()
        return fake_claims(text, metadata)

    extract.extract_claims = claims
    extract.infer_publication_date = fake_infer_date
    extract.EXTRACTOR_VERSION = opts.version

    real_insert = loader.insert_rows

    def insert_rows(con, table, rows):
        nonlocal batches
        result = real_insert(con, table, rows)
        if table == "articles":
            batches += 1
            if point == "in-batch" and batches == n:
                die()
        return result

    loader.insert_rows = insert_rows

    commits = 0
    real_transaction = wdb.transaction

    @contextmanager
    def transaction(con):
        nonlocal commits
        with real_transaction(con):
            yield con
        if loader_batch_open[0]:
            loader_batch_open[0] = False
            commits += 1
            if point == "after-commit" and commits == n:
                die()

    loader_batch_open = [False]
    real_load = loader.store_articles

    def store_articles(*a, **k):
        loader_batch_open[0] = True
        return real_load(*a, **k)

    loader.store_articles = store_articles
    real_finish = loader.finish_run

    def finish_run(con, run_id, status, stats, errors, **kw):
        if point == "before-finish" and kw.get("finished", True):
            die()
        return real_finish(con, run_id, status, stats, errors, **kw)

    loader.finish_run = finish_run
    from etl import pipeline

    pipeline.transaction = transaction

    from etl.cli import app

    args = opts.args[1:] if opts.args[:1] == ["--"] else opts.args
    app(args=["etl", *args], prog_name="tally")


if __name__ == "__main__":
    main()

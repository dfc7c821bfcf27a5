"""`tally import DATASET FILE`: store a curated dataset's events beside the news.

Runs like `tally etl`: under the warehouse's ETL lock, logged in `etl_runs` (command
"import <dataset>"), in all-or-nothing batches through the warehouse loader and the assembly
stage (sources, figure ids), with bad rows reported by file and line and the rest stored. Reruns
are idempotent: an event already stored from the same row (and the same mapping version) is
skipped; an event whose row changed replaces its stored record and claims.
"""
from __future__ import annotations

import os
import sys
from pathlib import Path

import duckdb
from rich.console import Console
from rich.progress import BarColumn, DownloadColumn, Progress, TextColumn, TimeElapsedColumn

from etl import assemble
from etl.datasets import MAPPERS, DatasetRecord, read_dataset, spec_for
from etl.datasets.core import DatasetSpec
from etl.errors import LoadError, TallyError, storage_error, storage_reason
from etl.models import ReadProblem
from etl.pipeline import DEFAULT_DB_WAIT_S, DEFAULT_ETL_WAIT_S, RunSummary, holding_etl_lock, new_run_id, record_failure
from warehouse import loader, read_model
from warehouse.db import Writer, open_db, run_audits, transaction, utc_now

DEFAULT_IMPORT_BATCH = 1000
"""Events per all-or-nothing batch (rows are small: a batch of a thousand is a few hundred kB)."""


def run_import(
    dataset: str,
    path: str | os.PathLike[str],
    db_path: str | os.PathLike[str] | None = None,
    *,
    progress: bool | None = None,
    etl_wait_s: float = DEFAULT_ETL_WAIT_S,
    db_wait_s: float = DEFAULT_DB_WAIT_S,
    batch_size: int = DEFAULT_IMPORT_BATCH,
) -> RunSummary:
    """Import every event of a dataset file into the warehouse (module docstring).

    The summary counts events: `articles_new` stored for the first time, `articles_reextracted`
    replaced (the row or the mapping changed), `articles_skipped` unchanged, and `problems` the
    bad rows (each with its file and line). `progress=None` shows a bar only on a terminal.
    """
    spec = spec_for(dataset)
    with holding_etl_lock(db_path, etl_wait_s) as db:
        return _import_locked(spec, Path(path), db, progress, db_wait_s, max(1, batch_size))


def _import_locked(
    spec: DatasetSpec, path: Path, db: Path, progress: bool | None, db_wait_s: float, batch_size: int
) -> RunSummary:
    started = utc_now()
    summary = RunSummary(new_run_id(started), str(db), spec.version, started, inputs_seen=1)
    try:
        with open_db(db, timeout_s=db_wait_s) as con:
            with transaction(con):
                summary.interrupted_runs = loader.close_interrupted_runs(con)
                loader.start_run(con, summary.run_id, started, str(db), spec.version, command=f"import {spec.name}")
    except (OSError, duckdb.Error) as exc:
        if storage_reason(exc):
            raise storage_error(exc, f"the warehouse {db}") from exc
        raise

    show = sys.stderr.isatty() if progress is None else progress
    first_line: dict[str, int] = {}
    try:
        with Progress(TextColumn(f"importing {spec.name}"), BarColumn(), DownloadColumn(), TimeElapsedColumn(),
                      console=Console(stderr=True), transient=True, disable=not show) as bar:
            size = path.stat().st_size if path.is_file() else None
            task = bar.add_task("import", total=size)
            chunk: list[DatasetRecord] = []
            for item in read_dataset(spec, MAPPERS[spec.name], path, lambda n: bar.advance(task, n)):
                if isinstance(item, ReadProblem):
                    summary.problems.append(item)
                    continue
                line = item.article.line or 0
                if item.event_id in first_line:
                    summary.problems.append(ReadProblem(
                        str(path), f"event {item.event_id} is also on line {first_line[item.event_id]}: "
                                   "only the first is imported", line))
                    continue
                first_line[item.event_id] = line
                chunk.append(item)
                if len(chunk) >= batch_size:
                    _store_records(db, db_wait_s, summary, spec, chunk)
                    chunk = []
            if chunk:
                _store_records(db, db_wait_s, summary, spec, chunk)
        status = "partial" if summary.problems else "ok"
        summary.articles_failed = len(summary.problems)
        with Writer(db, db_wait_s) as writer:
            with writer.use() as con:
                summary.finished_at = utc_now()
                loader.finish_run(con, summary.run_id, status, summary.run_stats(), summary.messages())
            writer.offer()
            read_model.refresh_handing_over(writer)  # the dashboard's summary tables, if this import wrote
            summary.status = status
            with writer.use() as con:
                summary.audit_failures = {a.name: len(a.rows) for a in run_audits(con) if not a.ok}
    except Exception as exc:
        if summary.status != "running":
            raise
        record_failure(db, summary, exc, db_wait_s)
        if isinstance(exc, TallyError):
            raise
        kept = (f"; the {summary.batches_committed} batch(es) committed before it are kept"
                if summary.batches_committed else "")
        if storage_reason(exc):
            raise storage_error(exc, f"the warehouse {db} (the batch in flight was rolled back{kept})") from exc
        raise LoadError(f"the batch was not stored (nothing of it was kept{kept}): "
                        f"{type(exc).__name__}: {' '.join(str(exc).split())}") from exc
    return summary


def _store_records(
    db: Path, db_wait_s: float, summary: RunSummary, spec: DatasetSpec, chunk: list[DatasetRecord]
) -> None:
    """Commit one batch of events, all or nothing: new ones stored, changed ones replacing their
    stored record, unchanged ones skipped."""
    with open_db(db, timeout_s=db_wait_s) as con:
        with transaction(con):
            stored = loader.stored_records(con, spec.name, [r.event_id for r in chunk])
            batch: list[loader.ArticleBatch] = []
            removed: list[str] = []
            for record in chunk:
                previous = stored.get(record.event_id)
                if previous is None:
                    batch.append(loader.ArticleBatch.of(record.article, record.claims))
                elif previous.article_id != record.article.article_id:  # the row changed
                    removed.append(previous.article_id)
                    batch.append(loader.ArticleBatch.of(record.article, record.claims))
                elif previous.extractor_version != spec.version:  # the same row, mapped anew
                    batch.append(loader.ArticleBatch.of(record.article, record.claims, replace=True))
                else:
                    summary.articles_skipped += 1
            if batch:
                counts, _ = assemble.load_and_assemble(
                    con, summary.run_id, spec.version, batch, assemble.ASSEMBLY_VERSION, removed)
                summary.count_batch(counts, replaced_records=len(removed))
            summary.articles_failed = len(summary.problems)
            loader.update_run(con, summary.run_id, summary.run_stats(), summary.messages())

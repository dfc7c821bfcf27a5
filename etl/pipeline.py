"""The ETL: read inputs, date and extract each article, store the batch, log the run.

`run_etl` is what `tally etl` calls. It holds a lock file beside the warehouse for the
whole run (a second ETL on the same file waits for it), but holds the DuckDB connection
only while it reads the stored state and while it writes a batch, so readers (the
dashboard, `tally sql`) are locked out for as short a time as possible. Extraction, the
slow part, runs with no connection open. Articles are stored in batches, each one
transaction: a run killed at any point leaves whole articles (all their claims or none),
and the next run marks the dead run `interrupted` and stores what is missing. Each batch is
assembled (etl/assemble/: sources, copies, figure ids) in the transaction that stores it.
"""
from __future__ import annotations

import itertools
import os
import sys
import threading
import uuid
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import asdict, dataclass, field, replace
from datetime import date, datetime
from pathlib import Path
from typing import Any

import duckdb
from filelock import FileLock, Timeout
from rich.console import Console
from rich.progress import BarColumn, Progress, TextColumn, TimeElapsedColumn

from etl import assemble, extract
from etl.errors import (
    ConfigError,
    EtlBusyError,
    LoadError,
    TallyError,
    WarehouseNotInitialisedError,
    storage_error,
    storage_reason,
)
from etl.extract.text import MAX_SENTENCE_CHARS
from etl.models import Article, Claim, ReadProblem
from etl.readers import ReadOptions, ReadWarning, read_path
from etl.readers.core import file_digest
from etl.workers import Extracted, ExtractorFunctions, Extractors, batched, extractor_problem
from warehouse import loader, read_model
from warehouse.db import Writer, open_db, resolve_db_path, run_audits, transaction, utc_now

DEFAULT_ETL_WAIT_S = 600.0
"""How long a second `tally etl` waits for the one running on the same warehouse."""
DEFAULT_DB_WAIT_S = 60.0
"""How long the ETL waits for the DuckDB file lock (held briefly by the dashboard or `tally sql`)."""
DEFAULT_BATCH_SIZE = 1000
"""Articles per all-or-nothing batch: a run that dies keeps every batch committed before. The
assembly stage's statements cost about the same for 100 articles as for 1,000, so larger batches
are cheaper per article; readers get in between batches either way (`warehouse.db.Writer`)."""


@dataclass
class RunSummary:
    """What one ETL run did; also recorded as a row of `etl_runs`."""

    run_id: str
    db_path: str
    extractor_version: str
    started_at: datetime
    finished_at: datetime | None = None
    status: str = "running"
    inputs_seen: int = 0
    articles_new: int = 0
    articles_skipped: int = 0
    articles_reextracted: int = 0
    articles_failed: int = 0
    claims_added: int = 0
    claims_removed: int = 0
    batches_committed: int = 0
    articles_copies: int = 0  # articles whose duplicate_of this run set or moved (copies found)
    articles_reassembled: int = 0  # stored articles re-assembled because the assembly version changed
    duplicate_claims: int = 0  # claims dropped because the extractor gave one claim_id twice
    problems: list[ReadProblem] = field(default_factory=list)
    warnings: list[ReadProblem] = field(default_factory=list)
    undated: list[str] = field(default_factory=list)
    interrupted_runs: list[str] = field(default_factory=list)  # earlier runs found dead and marked so
    audit_failures: dict[str, int] = field(default_factory=dict)
    warehouse_opens: int = 0  # times the run opened the warehouse (it hands it to waiting readers)
    warehouse_wait_s: float = 0.0  # time it left the warehouse to readers or waited for their queries

    @property
    def exit_code(self) -> int:
        """0 when everything was stored, 1 when some inputs failed (the rest was stored)."""
        return 1 if self.problems else 0

    def count_batch(self, counts: loader.LoadCounts, replaced_records: int = 0) -> None:
        """Add what one committed batch stored to the counters (`replaced_records`: stored dataset
        events whose row changed, stored anew, which count as re-extracted, not new)."""
        self.articles_new += counts.articles_new - replaced_records
        self.articles_reextracted += counts.articles_reextracted + replaced_records
        self.claims_added += counts.claims_added
        self.claims_removed += counts.claims_removed
        self.duplicate_claims += len(counts.duplicate_claims)
        self.batches_committed += 1

    def run_stats(self) -> dict[str, int]:
        """The counters, as `etl_runs` columns."""
        return {
            "inputs_seen": self.inputs_seen,
            "articles_new": self.articles_new,
            "articles_skipped": self.articles_skipped,
            "articles_reextracted": self.articles_reextracted,
            "articles_failed": self.articles_failed,
            "articles_undated": len(self.undated),
            "articles_warned": len(self.warnings),
            "claims_added": self.claims_added,
            "claims_removed": self.claims_removed,
            "batches_committed": self.batches_committed,
            "articles_copies": self.articles_copies,
            "articles_reassembled": self.articles_reassembled,
        }

    def messages(self) -> list[str]:
        """Problems, then warnings (prefixed), as stored in `etl_runs.errors`."""
        return [str(p) for p in self.problems] + [f"warning: {w}" for w in self.warnings]

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready form (for `tally etl --json`)."""
        d = asdict(self)
        d["started_at"] = self.started_at.isoformat() + "Z"
        d["finished_at"] = self.finished_at.isoformat() + "Z" if self.finished_at else None
        d["problems"] = [str(p) for p in self.problems]
        d["warnings"] = [str(w) for w in self.warnings]
        d["exit_code"] = self.exit_code
        return d


def new_run_id(now: datetime) -> str:
    """A sortable, readable run id: UTC start time plus a random suffix."""
    return f"{now:%Y%m%dT%H%M%SZ}-{uuid.uuid4().hex[:6]}"


def etl_lock_path(db_path: Path) -> Path:
    """The lock file that serialises ETL runs on one warehouse: beside the file itself, whatever
    path names it (a symlink, `..`), so that two paths to one warehouse share one lock."""
    real = db_path.resolve()
    return real.with_name(real.name + ".etl.lock.tmp")


def extract_article(
    article: Article, max_sentence_chars: int = MAX_SENTENCE_CHARS
) -> tuple[Article, list[Claim]]:
    """Date the article (inferring when needed) and extract its claims. Pure: touches no database."""
    return ExtractorFunctions.current(max_sentence_chars).extract_article(article)


def _progress(enabled: bool) -> Progress:
    return Progress(
        TextColumn("extracting"),
        BarColumn(),
        TextColumn("{task.completed:,} articles, {task.fields[claims]:,} claims"),
        TimeElapsedColumn(),
        console=Console(stderr=True),
        transient=True,
        disable=not enabled,
    )


def run_etl(
    paths: Sequence[str | os.PathLike[str]],
    db_path: str | os.PathLike[str] | None = None,
    *,
    progress: bool | None = None,
    etl_wait_s: float = DEFAULT_ETL_WAIT_S,
    db_wait_s: float = DEFAULT_DB_WAIT_S,
    batch_size: int = DEFAULT_BATCH_SIZE,
    read_options: ReadOptions | None = None,
    max_sentence_chars: int = MAX_SENTENCE_CHARS,
    workers: int | None = None,
    engine: str = "local",
    scheduler: str | None = None,
) -> RunSummary:
    """Ingest every article under `paths` into the warehouse and extract its claims.

    Safe to rerun: articles already stored are skipped before extraction. When the
    extractor version has changed, every stored article made by another version is
    re-extracted from its stored text and its claims replaced (in the same transaction).
    Articles are stored in batches of `batch_size`, each all-or-nothing, so a run killed
    half-way keeps its committed batches and the next run stores the rest. Bad inputs are
    reported in the summary (`problems`) and the rest is stored; a batch that cannot be
    stored raises `LoadError` (`StorageError` when the disk is read-only, full or not
    permitted). `progress=None` shows a progress bar only on a terminal.

    Inputs are read as a stream (memory does not grow with their size). Extraction runs in
    `workers` processes (default: one per core once there is enough text, see
    `etl.workers.Extractors`), or with `engine="dask"` on a Dask cluster (`scheduler` its
    address; none: a local cluster), see `etl.dask_engine`; this process is the one writer.
    """
    if batch_size < 1:
        raise ConfigError(f"batch size must be at least 1, not {batch_size}")
    if workers is not None and workers < 1:
        raise ConfigError(f"workers must be at least 1, not {workers}")
    if engine not in ENGINES:
        raise ConfigError(f"unknown engine {engine!r}: use one of {', '.join(ENGINES)}")
    if scheduler and engine != "dask":
        raise ConfigError("--scheduler needs --engine dask")
    with holding_etl_lock(db_path, etl_wait_s) as db:
        options = _RunOptions(progress, db_wait_s, batch_size, read_options, max_sentence_chars, workers,
                              engine, scheduler)
        return _run_locked(paths, db, options)


@contextmanager
def holding_etl_lock(db_path: str | os.PathLike[str] | None, etl_wait_s: float = DEFAULT_ETL_WAIT_S) -> Iterator[Path]:
    """The resolved warehouse path, with its folder made and the ETL lock held (every run that
    writes the warehouse, `tally etl` and `tally import`, takes it); `EtlBusyError` past `etl_wait_s`."""
    db = resolve_db_path(db_path)
    try:
        db.parent.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        if storage_reason(exc):
            raise storage_error(exc, f"the warehouse folder {db.parent}") from exc
        raise ConfigError(f"cannot create the warehouse folder {db.parent}: {exc.strerror or exc}") from exc
    lock_path = etl_lock_path(db)
    lock = FileLock(lock_path, timeout=etl_wait_s)
    try:
        lock.acquire()
    except Timeout as exc:
        raise EtlBusyError(lock_path, etl_wait_s) from exc
    except OSError as exc:  # the lock file cannot be made: a read-only or full file system, permissions
        raise storage_error(exc, f"the ETL lock file {lock_path}") from exc
    try:
        yield db
    finally:
        lock.release()


ENGINES = ("local", "dask")
"""Where extraction runs: worker processes on this machine, or a Dask cluster."""


@dataclass(frozen=True)
class _RunOptions:
    progress: bool | None
    db_wait_s: float
    batch_size: int
    read_options: ReadOptions | None
    max_sentence_chars: int
    workers: int | None
    engine: str
    scheduler: str | None


def _run_locked(paths: Sequence[str | os.PathLike[str]], db: Path, options: _RunOptions) -> RunSummary:
    version = extract.EXTRACTOR_VERSION
    started = utc_now()
    summary = RunSummary(new_run_id(started), str(db), version, started)
    functions = ExtractorFunctions.current(options.max_sentence_chars)
    with Writer(db, options.db_wait_s) as writer:
        try:
            with writer.use() as con, transaction(con):
                summary.interrupted_runs = loader.close_interrupted_runs(con)
                loader.start_run(con, summary.run_id, started, str(db), version)
        except (OSError, duckdb.Error) as exc:
            if storage_reason(exc):
                raise storage_error(exc, f"the warehouse {db}") from exc
            raise
        show = sys.stderr.isatty() if options.progress is None else options.progress
        try:
            with _progress(show) as bar:
                task = bar.add_task("extract", total=None, claims=0)
                work = _Work(paths, options.read_options, summary, writer)
                if options.engine == "dask":
                    from etl import dask_engine

                    results: Iterator[Extracted | ReadProblem] = dask_engine.extract_on_cluster(
                        work, functions, options.scheduler, db, summary.run_id, options.workers)
                    _commit_results(results, work, writer, summary, version, options.batch_size, bar, task)
                else:
                    with Extractors(functions, options.workers) as extractors:
                        _commit_results(extractors.map(work.items()), work, writer, summary, version,
                                        options.batch_size, bar, task)
            _reassemble_stale(writer, summary, options.batch_size)
            writer.checkpoint()  # what was committed to the log is in the file before the run is called done
            status = "partial" if summary.problems else "ok"
            summary.articles_failed = len(summary.problems)
            with writer.use() as con, transaction(con):
                loader.remember_input_files(con, summary.run_id, work.stored_whole())
                summary.finished_at = utc_now()
                loader.finish_run(con, summary.run_id, status, summary.run_stats(), summary.messages())
            writer.offer()
            read_model.refresh_handing_over(writer)  # the dashboard's summary tables, if this run wrote
            summary.status = status  # from here on the run stands whatever happens
            with writer.use() as con:
                summary.audit_failures = {a.name: len(a.rows) for a in run_audits(con) if not a.ok}
            summary.warehouse_opens, summary.warehouse_wait_s = writer.opens, round(writer.waited_s, 3)
        except Exception as exc:
            if summary.status != "running":
                raise
            writer.close()  # a connection whose transaction failed is not reused
            record_failure(db, summary, exc, options.db_wait_s)
            if isinstance(exc, TallyError):
                raise
            kept = (
                f"; the {summary.batches_committed} batch(es) committed before it are kept"
                if summary.batches_committed else ""
            )
            if storage_reason(exc):
                raise storage_error(exc, f"the warehouse {db} (the batch in flight was rolled back{kept})") from exc
            detail = " ".join(str(exc).split())
            raise LoadError(
                f"the batch was not stored (nothing of it was kept{kept}): {type(exc).__name__}: {detail}"
            ) from exc
    return summary


LOOKUP_CHUNK = 2000
"""Input articles checked against the stored ones with one query."""


class _Work:
    """The run's articles to extract, as a stream: new input articles (in input order, each
    once), then stored articles another extractor version made (from their stored text).

    Inputs are read lazily and checked against the warehouse `LOOKUP_CHUNK` at a time, so the
    run holds only the articles in flight. An article is skipped when it is stored with the
    current extractor version, or when it is already in flight or committed in this run.
    """

    def __init__(self, paths: Sequence[str | os.PathLike[str]], options: ReadOptions | None,
                 summary: RunSummary, writer: Writer) -> None:
        self.paths, self.options, self.summary, self.writer = paths, options, summary, writer
        self.origins: set[str] = set()
        self.in_flight: set[str] = set()
        self._committed: set[str] = set()  # since the last look-up (which then saw them stored)
        self._remembered: dict[str, loader.InputFile] | None = None  # input_files, read when first needed
        self._files_read: dict[str, loader.InputFile] = {}  # origin -> the file as read in this run
        self._warm: threading.Thread | None = None

    def seen(self, origin: str) -> None:
        """Count an input (a file or URL) as seen."""
        if origin not in self.origins:
            self.origins.add(origin)
            self.summary.inputs_seen = len(self.origins)

    def read(self) -> Iterator[Article]:
        """The input articles, recording the problems and warnings of the inputs as met; files
        a finished run stored whole, unchanged since, are not read (see `unchanged`)."""
        for path in self.paths:
            for item in read_path(path, self.options, skip=self.unchanged):
                self.seen(item.origin)
                if isinstance(item, ReadWarning):
                    self.summary.warnings.append(item)
                elif isinstance(item, ReadProblem):
                    self.summary.problems.append(item)
                else:
                    self.count_article(item.origin)
                    yield item

    def unchanged(self, file: Path) -> bool:
        """Whether `file` holds the same bytes as when a finished run stored every article of it,
        with this extractor version and these reading limits (table `input_files`). Then it is
        not read again and its articles count as already stored; else it is read, and what it
        is now is kept for `stored_whole`."""
        if self._remembered is None:
            with self.writer.use() as con:
                self._remembered = loader.remembered_input_files(con)
        resolved = str(file.resolve())
        now = loader.InputFile(resolved, file_digest(file), file.stat().st_size,
                               (self.options or ReadOptions()).file_limits(), self.summary.extractor_version)
        before = self._remembered.get(resolved)
        if before is not None and replace(before, articles=0) == now:
            self.seen(str(file))
            self.summary.articles_skipped += before.articles
            return True
        self._files_read[str(file)] = now
        return False

    def count_article(self, origin: str, articles: int = 1) -> None:
        """Count articles read from an input (for the files remembered at the end of the run)."""
        read = self._files_read.get(origin)
        if read is not None:
            self._files_read[origin] = replace(read, articles=read.articles + articles)

    def stored_whole(self) -> list[loader.InputFile]:
        """The files read in this run that gave no problem or warning: once the run has stored
        its batches, every article of them is stored."""
        troubled = {item.origin for item in [*self.summary.problems, *self.summary.warnings]}
        return [read for origin, read in self._files_read.items() if origin not in troubled]

    def wanted(self, article_ids: Sequence[str]) -> list[bool]:
        """For each input article id (in input order): whether to extract it, i.e. it is not
        stored yet (nor in flight, nor earlier in the list); the others are counted as skipped,
        except those stored by another extractor version (re-extracted from their stored text)."""
        version = self.summary.extractor_version
        wanted: list[bool] = []
        for start in range(0, len(article_ids), LOOKUP_CHUNK):
            ids = article_ids[start:start + LOOKUP_CHUNK]
            self._committed.clear()
            with self.writer.use() as con:
                stored = loader.stored_versions(con, ids)
            for aid in ids:
                if aid in self.in_flight or aid in self._committed:
                    self.summary.articles_skipped += 1
                    wanted.append(False)
                elif aid in stored:
                    if stored[aid] == version:
                        self.summary.articles_skipped += 1
                    wanted.append(False)
                else:
                    self.in_flight.add(aid)
                    wanted.append(True)
        return wanted

    def new_articles(self, articles: Iterable[Article]) -> Iterator[Article]:
        """The given input articles that are not stored yet (nor in flight), once each."""
        for chunk in batched(articles, LOOKUP_CHUNK):
            for article, wanted in zip(chunk, self.wanted([a.article_id for a in chunk])):
                if wanted:
                    yield article

    def stale_articles(self) -> Iterator[Article]:
        """Stored articles another extractor version made, with their stored text."""
        after = ""
        while True:
            with self.writer.use() as con:
                ids = loader.stale_article_ids(con, self.summary.extractor_version, after=after,
                                               limit=LOOKUP_CHUNK)
                articles = loader.stored_texts(con, ids)
            if not ids:
                return
            after = ids[-1]
            for article in articles:
                aid = article.article_id
                if aid not in self.in_flight:
                    self.in_flight.add(aid)
                    yield article

    def items(self) -> Iterator[tuple[Article, bool]]:
        """(article, is a re-extraction) for everything to extract. The knowledge files are loaded
        and checked before the first one (a malformed file stops the run before anything is
        extracted); a rerun with nothing to extract never loads them."""
        todo = itertools.chain(((article, False) for article in self.new_articles(self.read())),
                               ((article, True) for article in self.stale_articles()))
        first = next(todo, None)
        if first is None:
            return
        extract.load_knowledge()
        # The assembly's knowledge (sources, gazetteer: seconds to load) is read meanwhile, in a
        # thread, while the workers start and extract the first chunks and this process waits.
        self._warm = threading.Thread(target=_load_assembly_knowledge, name="tally-assembly-warm", daemon=True)
        self._warm.start()
        yield first
        yield from todo

    def knowledge_loaded(self) -> None:
        """Wait for the thread loading the assembly's knowledge, if one was started."""
        if self._warm is not None:
            self._warm.join()
            self._warm = None

    def committed(self, article_ids: Iterable[str]) -> None:
        for aid in article_ids:
            self.in_flight.discard(aid)
            self._committed.add(aid)


def _load_assembly_knowledge() -> None:
    try:
        assemble.source_book()
    except Exception:  # raised again, in the run's own thread, when the first batch needs it
        pass


def _commit_results(
    results: Iterable[Extracted | ReadProblem], work: _Work, writer: Writer, summary: RunSummary, version: str,
    batch_size: int, bar: Progress, task: Any,
) -> None:
    """Store the extracted articles in batches of `batch_size`, in the order they come (once
    the thread loading the assembly's knowledge, if one was started, is done)."""
    batch: list[loader.ArticleBatch] = []
    claims = 0
    for result in results:
        bar.advance(task)
        if isinstance(result, ReadWarning):
            summary.warnings.append(result)
            continue
        if isinstance(result, ReadProblem):
            summary.problems.append(result)
            continue
        if result.article.published is None and not result.replace:
            summary.undated.append(_describe(result.article))
        claims += len(result.claim_rows)
        bar.update(task, claims=claims)
        batch.append(loader.ArticleBatch(result.article, result.claim_rows, result.replace, result.signature))
        if len(batch) >= batch_size:
            work.knowledge_loaded()
            _store_batch(writer, summary, version, batch)
            work.committed(b.article.article_id for b in batch)
            batch = []
    if batch:
        work.knowledge_loaded()
        _store_batch(writer, summary, version, batch)
        work.committed(b.article.article_id for b in batch)


def _store_batch(writer: Writer, summary: RunSummary, version: str, batch: list[loader.ArticleBatch]) -> None:
    """Commit one batch, all or nothing, with the run's counters so far; then let a waiting
    reader in if one waits."""
    with writer.use() as con, transaction(con):
        counts, assembled = assemble.load_and_assemble(
            con, summary.run_id, version, batch, assemble.ASSEMBLY_VERSION)
        summary.articles_copies += assembled.copies
        summary.count_batch(counts)
        summary.articles_failed = len(summary.problems)
        loader.update_run(con, summary.run_id, summary.run_stats(), summary.messages())
    writer.offer()


def _reassemble_stale(writer: Writer, summary: RunSummary, batch_size: int) -> None:
    """Re-assemble stored articles that another assembly version assembled (sources.yaml or the
    signature scheme changed), from their stored claims and text, a batch per transaction."""
    with writer.use() as con:
        stale = assemble.stale_article_ids(con, assemble.ASSEMBLY_VERSION)
    for start in range(0, len(stale), batch_size):
        chunk = stale[start:start + batch_size]
        with writer.use() as con, transaction(con):
            assembled = assemble.assemble_articles(con, chunk, assemble.ASSEMBLY_VERSION)
            summary.articles_reassembled += len(chunk)
            summary.articles_copies += assembled.copies
            loader.update_run(con, summary.run_id, summary.run_stats(), summary.messages())
        writer.offer()


def _try_extract(
    article: Article, max_sentence_chars: int = MAX_SENTENCE_CHARS
) -> tuple[Article, list[Claim]] | ReadProblem:
    """`extract_article`, with an extractor crash turned into a problem for this article only."""
    try:
        return extract_article(article, max_sentence_chars)
    except Exception as exc:  # one article's extractor bug must not lose the batch
        return extractor_problem(article, exc)


def _describe(article: Article) -> str:
    """How the run summary names an article: where it came from, and its title, URL or id."""
    name = article.title or article.url or article.source_id
    where = f"{article.origin}:{article.line}" if article.line is not None else article.origin
    return f"{where} ({name})" if name else where


def record_failure(db: Path, summary: RunSummary, exc: BaseException, db_wait_s: float) -> None:
    """Mark the run failed in `etl_runs` (best effort: the warehouse itself may be the problem)."""
    summary.status = "failed"
    summary.finished_at = utc_now()
    summary.articles_failed = len(summary.problems)
    errors = summary.messages() + [f"run failed: {type(exc).__name__}: {exc}"]
    try:
        with open_db(db, timeout_s=db_wait_s) as con:
            loader.finish_run(con, summary.run_id, "failed", summary.run_stats(), errors)
    except Exception:
        pass


def extract_path(
    path: str | os.PathLike[str], options: ReadOptions | None = None
) -> Iterator[dict[str, Any] | ReadProblem]:
    """Claims of every article in `path` as JSON-ready dicts (dates as ISO strings); touches no database.

    Each claim row (as stored in `claims`) also carries `explanation`, `published` and
    `published_inferred` of its article. Unreadable input yields `ReadProblem`s (and
    input read with a caveat a `ReadWarning`, followed by its claims).
    """
    for item in read_path(path, options):
        if isinstance(item, ReadProblem):
            yield item
            continue
        result = _try_extract(item)
        if isinstance(result, ReadProblem):
            yield result
            continue
        dated, claims = result
        for claim in claims:
            row = claim.to_row(dated.article_id)
            row["explanation"] = claim.explanation
            row["published"] = dated.published
            row["published_inferred"] = dated.published_inferred
            row["language"] = dated.language
            yield {k: v.isoformat() if isinstance(v, date) else v for k, v in row.items()}


def run_history(db_path: str | os.PathLike[str] | None = None, limit: int = 10) -> list[dict[str, Any]]:
    """The latest ETL runs on the warehouse, newest first (read-only)."""
    path = resolve_db_path(db_path)
    with open_db(path, read_only=True) as con:
        if not loader.has_table(con, "etl_runs"):
            raise WarehouseNotInitialisedError(path)
        return loader.recent_runs(con, limit)

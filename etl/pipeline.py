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

import os
import sys
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
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

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
from etl.readers.core import describe_error
from warehouse import loader
from warehouse.db import open_db, resolve_db_path, run_audits, transaction, utc_now

DEFAULT_ETL_WAIT_S = 600.0
"""How long a second `tally etl` waits for the one running on the same warehouse."""
DEFAULT_DB_WAIT_S = 60.0
"""How long the ETL waits for the DuckDB file lock (held briefly by the dashboard or `tally sql`)."""
DEFAULT_BATCH_SIZE = 100
"""Articles per all-or-nothing batch: a run that dies keeps every batch committed before."""


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

    @property
    def exit_code(self) -> int:
        """0 when everything was stored, 1 when some inputs failed (the rest was stored)."""
        return 1 if self.problems else 0

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


def extraction_metadata(article: Article) -> dict[str, Any]:
    """The metadata `extract_claims` receives for an article."""
    return {
        "published": article.published,
        "publisher": article.publisher,
        "title": article.title,
        "url": article.url,
        "language": article.language,
    }


def with_language(article: Article) -> Article:
    """The article with its `language`: as the input gave it, else detected from the text."""
    if article.language is not None:
        return article
    return replace(article, language=extract.detect_language(article.text))


def with_publication_date(article: Article) -> Article:
    """The article with `published` inferred from its text when it has none (None if not inferable)."""
    if article.published is not None:
        return article
    inferred = extract.infer_publication_date(article.text)  # its language is detected the same way
    if inferred is None:
        return article
    return replace(article, published=inferred, published_inferred=True)


def extract_article(
    article: Article, max_sentence_chars: int = MAX_SENTENCE_CHARS
) -> tuple[Article, list[Claim]]:
    """Date the article (inferring when needed) and extract its claims. Pure: touches no database."""
    dated = with_publication_date(with_language(article))
    claims = extract.extract_claims(dated.text, extraction_metadata(dated), max_sentence_chars=max_sentence_chars)
    return dated, claims


@dataclass
class _Inputs:
    articles: list[Article] = field(default_factory=list)
    problems: list[ReadProblem] = field(default_factory=list)
    warnings: list[ReadProblem] = field(default_factory=list)
    origins: set[str] = field(default_factory=set)


def _read_inputs(paths: Iterable[str | os.PathLike[str]], options: ReadOptions | None) -> _Inputs:
    """All articles, problems and warnings under `paths`, and the distinct inputs seen."""
    found = _Inputs()
    for path in paths:
        for item in read_path(path, options):
            found.origins.add(item.origin)
            if isinstance(item, ReadWarning):
                found.warnings.append(item)
            elif isinstance(item, ReadProblem):
                found.problems.append(item)
            else:
                found.articles.append(item)
    return found


def _progress(enabled: bool) -> Progress:
    return Progress(
        TextColumn("extracting"),
        BarColumn(),
        MofNCompleteColumn(),
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
    """
    if batch_size < 1:
        raise ConfigError(f"batch size must be at least 1, not {batch_size}")
    with holding_etl_lock(db_path, etl_wait_s) as db:
        return _run_locked(paths, db, progress, db_wait_s, batch_size, read_options, max_sentence_chars)


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


def _run_locked(
    paths: Sequence[str | os.PathLike[str]],
    db: Path,
    progress: bool | None,
    db_wait_s: float,
    batch_size: int,
    read_options: ReadOptions | None,
    max_sentence_chars: int,
) -> RunSummary:
    version = extract.EXTRACTOR_VERSION
    started = utc_now()
    summary = RunSummary(new_run_id(started), str(db), version, started)
    inputs = _read_inputs(paths, read_options)
    summary.problems, summary.warnings = inputs.problems, inputs.warnings
    summary.inputs_seen = len(inputs.origins)

    try:
        with open_db(db, timeout_s=db_wait_s) as con:
            with transaction(con):
                summary.interrupted_runs = loader.close_interrupted_runs(con)
                loader.start_run(con, summary.run_id, started, str(db), version)
            stored = loader.stored_articles(con, (a.article_id for a in inputs.articles))
            stale = loader.stale_article_ids(con, version)
    except (OSError, duckdb.Error) as exc:
        if storage_reason(exc):
            raise storage_error(exc, f"the warehouse {db}") from exc
        raise

    work: list[Article | str] = [*_new_articles(inputs.articles, stored, summary), *stale]
    show = sys.stderr.isatty() if progress is None else progress
    try:
        with _progress(show) as bar:
            task = bar.add_task("extract", total=len(work))
            for start in range(0, len(work), batch_size):
                chunk = work[start:start + batch_size]
                batch = _extract_chunk(db, db_wait_s, chunk, summary, lambda: bar.advance(task), max_sentence_chars)
                if batch:
                    _store_batch(db, db_wait_s, summary, version, batch)
        _reassemble_stale(db, db_wait_s, summary, batch_size)
        status = "partial" if summary.problems else "ok"
        summary.articles_failed = len(summary.problems)
        with open_db(db, timeout_s=db_wait_s) as con:
            summary.finished_at = utc_now()
            loader.finish_run(con, summary.run_id, status, summary.run_stats(), summary.messages())
            summary.status = status  # from here on the run stands whatever happens
            summary.audit_failures = {a.name: len(a.rows) for a in run_audits(con) if not a.ok}
    except Exception as exc:
        if summary.status != "running":
            raise
        record_failure(db, summary, exc, db_wait_s)
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


def _new_articles(
    articles: list[Article], stored: dict[str, loader.StoredArticle], summary: RunSummary
) -> Iterator[Article]:
    """The input articles not stored yet, once each; the others are counted as skipped.

    Articles stored by another extractor version are not skipped: they are re-extracted
    (from their stored text) with every other stale article.
    """
    seen: set[str] = set()
    for article in articles:
        aid = article.article_id
        if aid in seen:
            summary.articles_skipped += 1
            continue
        seen.add(aid)
        previous = stored.get(aid)
        if previous is None:
            yield article
        elif previous.extractor_version == summary.extractor_version:
            summary.articles_skipped += 1


def _extract_chunk(
    db: Path, db_wait_s: float, chunk: list[Article | str], summary: RunSummary, advance: Callable[[], None],
    max_sentence_chars: int = MAX_SENTENCE_CHARS,
) -> list[loader.ArticleBatch]:
    """Extract one batch's articles: new ones as read, stale ones (ids) from their stored text."""
    stale_ids = [item for item in chunk if isinstance(item, str)]
    refreshed: list[Article] = []
    if stale_ids:
        with open_db(db, timeout_s=db_wait_s) as con:
            refreshed = loader.stored_texts(con, stale_ids)
    todo = [(a, False) for a in chunk if isinstance(a, Article)] + [(a, True) for a in refreshed]
    batch: list[loader.ArticleBatch] = []
    for article, is_refresh in todo:
        advance()
        result = _try_extract(article, max_sentence_chars)
        if isinstance(result, ReadProblem):
            summary.problems.append(result)
            continue
        dated, claims = result
        if dated.published is None and not is_refresh:
            summary.undated.append(_describe(dated))
        batch.append(loader.ArticleBatch(dated, claims, replace=is_refresh))
    return batch


def _store_batch(
    db: Path, db_wait_s: float, summary: RunSummary, version: str, batch: list[loader.ArticleBatch]
) -> None:
    """Commit one batch, all or nothing, with the run's counters so far."""
    with open_db(db, timeout_s=db_wait_s) as con:
        with transaction(con):
            counts, assembled = assemble.load_and_assemble(
                con, summary.run_id, version, batch, assemble.ASSEMBLY_VERSION)
            summary.articles_copies += assembled.copies
            summary.articles_new += counts.articles_new
            summary.articles_reextracted += counts.articles_reextracted
            summary.claims_added += counts.claims_added
            summary.claims_removed += counts.claims_removed
            summary.duplicate_claims += len(counts.duplicate_claims)
            summary.batches_committed += 1
            summary.articles_failed = len(summary.problems)
            loader.update_run(con, summary.run_id, summary.run_stats(), summary.messages())


def _reassemble_stale(db: Path, db_wait_s: float, summary: RunSummary, batch_size: int) -> None:
    """Re-assemble stored articles that another assembly version assembled (sources.yaml or the
    signature scheme changed), from their stored claims and text, a batch per transaction."""
    with open_db(db, timeout_s=db_wait_s) as con:
        stale = assemble.stale_article_ids(con, assemble.ASSEMBLY_VERSION)
    for start in range(0, len(stale), batch_size):
        chunk = stale[start:start + batch_size]
        with open_db(db, timeout_s=db_wait_s) as con:
            with transaction(con):
                assembled = assemble.assemble_articles(con, chunk, assemble.ASSEMBLY_VERSION)
                summary.articles_reassembled += len(chunk)
                summary.articles_copies += assembled.copies
                loader.update_run(con, summary.run_id, summary.run_stats(), summary.messages())


def _try_extract(
    article: Article, max_sentence_chars: int = MAX_SENTENCE_CHARS
) -> tuple[Article, list[Claim]] | ReadProblem:
    """`extract_article`, with an extractor crash turned into a problem for this article only."""
    try:
        return extract_article(article, max_sentence_chars)
    except Exception as exc:  # one article's extractor bug must not lose the batch
        name = ", ".join(
            f"{label} {value}" for label, value in (("id", article.source_id), ("url", article.url)) if value
        )
        which = f" ({name})" if name else ""
        return ReadProblem(
            article.origin,
            f"extractor failed on this article{which}: {describe_error(exc)}",
            article.line,
        )


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

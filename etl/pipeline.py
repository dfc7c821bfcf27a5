"""The ETL: read inputs, date and extract each article, store the batch, log the run.

`run_etl` is what `tally etl` calls. It holds a lock file beside the warehouse for the
whole run (a second ETL on the same file waits for it), but holds the DuckDB connection
only while it reads the stored state and while it writes the batch, so readers (the
dashboard, `tally sql`) are locked out for as short a time as possible. Extraction, the
slow part, runs with no connection open.
"""
from __future__ import annotations

import os
import sys
import uuid
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import asdict, dataclass, field, replace
from datetime import date, datetime
from pathlib import Path
from typing import Any

from filelock import FileLock, Timeout
from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

from etl import extract
from etl.errors import EtlBusyError, LoadError, TallyError
from etl.models import Article, Claim, ReadProblem
from etl.readers import read_path
from warehouse import loader
from warehouse.db import DEFAULT_LOCK_TIMEOUT_S, open_db, resolve_db_path, run_audits, transaction, utc_now

DEFAULT_ETL_WAIT_S = 120.0


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
    duplicate_claims: int = 0  # claims dropped because the extractor gave one claim_id twice
    problems: list[ReadProblem] = field(default_factory=list)
    undated: list[str] = field(default_factory=list)
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
            "claims_added": self.claims_added,
            "claims_removed": self.claims_removed,
        }

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready form (for `tally etl --json`)."""
        d = asdict(self)
        d["started_at"] = self.started_at.isoformat() + "Z"
        d["finished_at"] = self.finished_at.isoformat() + "Z" if self.finished_at else None
        d["problems"] = [str(p) for p in self.problems]
        return d


def new_run_id(now: datetime) -> str:
    """A sortable, readable run id: UTC start time plus a random suffix."""
    return f"{now:%Y%m%dT%H%M%SZ}-{uuid.uuid4().hex[:6]}"


def etl_lock_path(db_path: Path) -> Path:
    """The lock file that serialises ETL runs on one warehouse (beside it)."""
    return db_path.with_name(db_path.name + ".etl.lock.tmp")


def extraction_metadata(article: Article) -> dict[str, Any]:
    """The metadata `extract_claims` receives for an article."""
    return {
        "published": article.published,
        "publisher": article.publisher,
        "title": article.title,
        "url": article.url,
    }


def with_publication_date(article: Article) -> Article:
    """The article with `published` inferred from its text when it has none (None if not inferable)."""
    if article.published is not None:
        return article
    inferred = extract.infer_publication_date(article.text)
    if inferred is None:
        return article
    return replace(article, published=inferred, published_inferred=True)


def extract_article(article: Article) -> tuple[Article, list[Claim]]:
    """Date the article (inferring when needed) and extract its claims. Pure: touches no database."""
    dated = with_publication_date(article)
    return dated, extract.extract_claims(dated.text, extraction_metadata(dated))


def _read_inputs(paths: Iterable[str | os.PathLike[str]]) -> tuple[list[Article], list[ReadProblem], int]:
    """All articles and problems under `paths`, and how many distinct inputs were seen."""
    articles: list[Article] = []
    problems: list[ReadProblem] = []
    origins: set[str] = set()
    for path in paths:
        for item in read_path(path):
            origins.add(item.origin)
            (problems if isinstance(item, ReadProblem) else articles).append(item)
    return articles, problems, len(origins)


def _as_stored(article: Article, stored: loader.StoredArticle) -> Article:
    """The article as first stored (first metadata wins); an inferred or missing date is re-inferred."""
    keep_date = stored.published is not None and not stored.published_inferred
    return Article(
        text=article.text,
        origin=stored.origin or article.origin,
        url=stored.url,
        title=stored.title,
        publisher=stored.publisher,
        published=stored.published if keep_date else None,
        source_id=article.source_id,
    )


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
    db_wait_s: float = DEFAULT_LOCK_TIMEOUT_S,
) -> RunSummary:
    """Ingest every article under `paths` into the warehouse and extract its claims.

    Safe to rerun: articles already stored by the current extractor version are skipped;
    those stored by another version get their claims replaced. Bad inputs are reported in
    the summary (`problems`) and the rest is stored; the store itself is all-or-nothing
    (`LoadError`). `progress=None` shows a progress bar only on an interactive terminal.
    """
    db = resolve_db_path(db_path)
    lock_path = etl_lock_path(db)
    db.parent.mkdir(parents=True, exist_ok=True)
    try:
        with FileLock(lock_path, timeout=etl_wait_s):
            return _run_locked(paths, db, progress, db_wait_s)
    except Timeout as exc:
        raise EtlBusyError(lock_path, etl_wait_s) from exc


def _run_locked(
    paths: Sequence[str | os.PathLike[str]], db: Path, progress: bool | None, db_wait_s: float
) -> RunSummary:
    version = extract.EXTRACTOR_VERSION
    started = utc_now()
    summary = RunSummary(new_run_id(started), str(db), version, started)
    articles, summary.problems, summary.inputs_seen = _read_inputs(paths)

    with open_db(db, timeout_s=db_wait_s) as con:
        loader.start_run(con, summary.run_id, started, str(db), version)
        stored = loader.stored_articles(con, (a.article_id for a in articles))

    try:
        batch = _extract_batch(articles, stored, version, summary, progress)
        with open_db(db, timeout_s=db_wait_s) as con:
            status = "partial" if summary.problems else "ok"
            with transaction(con):
                counts = loader.load_batch(con, summary.run_id, version, batch)
                summary.articles_new = counts.articles_new
                summary.articles_reextracted = counts.articles_reextracted
                summary.claims_added = counts.claims_added
                summary.claims_removed = counts.claims_removed
                summary.duplicate_claims = len(counts.duplicate_claims)
                summary.finished_at = utc_now()
                loader.finish_run(con, summary.run_id, status, summary.run_stats(), [str(p) for p in summary.problems])
            summary.status = status  # committed: from here on the run stands whatever happens
            summary.audit_failures = {a.name: len(a.rows) for a in run_audits(con) if not a.ok}
    except Exception as exc:
        if summary.status != "running":
            raise
        _record_failure(db, summary, exc, db_wait_s)
        if isinstance(exc, TallyError):
            raise
        raise LoadError(f"the batch was not stored (nothing of it was kept): {type(exc).__name__}: {exc}") from exc
    return summary


def _extract_batch(
    articles: list[Article],
    stored: dict[str, loader.StoredArticle],
    version: str,
    summary: RunSummary,
    progress: bool | None,
) -> list[loader.ArticleBatch]:
    """Decide what each article needs (skip, store, re-extract) and extract the ones that need it."""
    batch: list[loader.ArticleBatch] = []
    seen: set[str] = set()
    show = sys.stderr.isatty() if progress is None else progress
    with _progress(show) as bar:
        task = bar.add_task("extract", total=len(articles))
        for article in articles:
            bar.advance(task)
            aid = article.article_id
            previous = stored.get(aid)
            if aid in seen or (previous is not None and previous.extractor_version == version):
                summary.articles_skipped += 1
                continue
            seen.add(aid)
            todo = article if previous is None else _as_stored(article, previous)
            result = _try_extract(todo)
            if isinstance(result, ReadProblem):
                summary.problems.append(result)
                continue
            dated, claims = result
            if dated.published is None:
                summary.undated.append(_describe(dated))
            batch.append(loader.ArticleBatch(dated, claims, replace=previous is not None))
    summary.articles_failed = len(summary.problems)
    return batch


def _try_extract(article: Article) -> tuple[Article, list[Claim]] | ReadProblem:
    """`extract_article`, with an extractor crash turned into a problem for this article only."""
    try:
        return extract_article(article)
    except Exception as exc:  # one article's extractor bug must not lose the batch
        return ReadProblem(article.origin, f"extractor failed on this article: {type(exc).__name__}: {exc}")


def _describe(article: Article) -> str:
    """How the run summary names an article: where it came from, and its title, URL or id."""
    name = article.title or article.url or article.source_id
    return f"{article.origin} ({name})" if name else article.origin


def _record_failure(db: Path, summary: RunSummary, exc: BaseException, db_wait_s: float) -> None:
    """Mark the run failed in `etl_runs` (best effort: the warehouse itself may be the problem)."""
    summary.status = "failed"
    summary.finished_at = utc_now()
    errors = [str(p) for p in summary.problems] + [f"run failed: {type(exc).__name__}: {exc}"]
    try:
        with open_db(db, timeout_s=db_wait_s) as con:
            loader.finish_run(con, summary.run_id, "failed", {}, errors)
    except Exception:
        pass


def extract_path(path: str | os.PathLike[str]) -> Iterator[dict[str, Any] | ReadProblem]:
    """Claims of every article in `path` as JSON-ready dicts (dates as ISO strings); touches no database.

    Each claim row (as stored in `claims`) also carries `explanation`, `published` and
    `published_inferred` of its article. Unreadable input yields `ReadProblem`s.
    """
    for item in read_path(path):
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
            yield {k: v.isoformat() if isinstance(v, date) else v for k, v in row.items()}


def run_history(db_path: str | os.PathLike[str] | None = None, limit: int = 10) -> list[dict[str, Any]]:
    """The latest ETL runs on the warehouse, newest first (read-only)."""
    with open_db(resolve_db_path(db_path), read_only=True) as con:
        return loader.recent_runs(con, limit)

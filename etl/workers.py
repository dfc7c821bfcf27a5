"""Extraction in worker processes: articles in, extracted articles out, in input order.

Extraction is a pure function of an article (`etl.pipeline.extract_article`), so it maps
over chunks of articles in a pool of processes while the ETL's own process reads the
inputs and is the warehouse's one writer. `Extractors.map` keeps a bounded number of
chunks in flight (memory stays flat however long the input) and yields results in the
order the articles came, so batches are the same whatever the number of workers.

What a worker returns is what the writer needs and nothing it would have to compute
again: the dated article, its claims as `claims` rows, and its MinHash signature (the
assembly stage's copy detection; the costliest pure step after extraction).

Workers start from a fresh interpreter (`forkserver`, else `spawn`): a forked ETL would
hand its children the ETL lock and DuckDB's state. Each worker exits by itself when the
ETL's process is gone (a `kill -9` of the run leaves no extraction running). The
extractor functions are sent by reference (pickled by name), so a replacement set on
`etl.extract` (tests' fakes) is what the workers run too; one that cannot be pickled (a
closure) runs in the ETL's own process.
"""
from __future__ import annotations

import multiprocessing
import os
import pickle
import threading
import time
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from dataclasses import dataclass, replace
from typing import Any, TypeVar

from etl import extract
from etl.assemble import copies
from etl.extract.text import MAX_SENTENCE_CHARS
from etl.models import Article, Claim, ReadProblem
from etl.readers.core import describe_error

_T = TypeVar("_T")

CHUNK_CHARS = 64_000
"""Characters of article text per task sent to a worker (a few hundred short articles)."""
IN_FLIGHT_PER_WORKER = 4
"""Tasks queued per worker: enough to keep it busy while the writer commits or waits."""
PARALLEL_MIN_CHARS = 500_000
"""With the default worker count, less text than this is extracted in the ETL's own process:
starting workers costs more than it saves on a small run."""


PRELOAD = ("etl.workers", "etl.extract.preload", "etl.places", "dateparser", "datasketch")
"""Modules the fork server imports before it forks the workers (a second or two each, otherwise)."""


@dataclass
class Extracted:
    """One extracted article: dated, its claims as `claims` rows, its signature (if asked)."""

    article: Article
    claim_rows: list[dict[str, Any]]
    signature: copies.Signature | None = None
    replace: bool = False  # a stored article re-extracted: its claims are replaced


def default_workers() -> int:
    """The default number of extraction processes: the cores this process may use."""
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:  # not Linux
        return max(1, os.cpu_count() or 1)


def extraction_metadata(article: Article) -> dict[str, Any]:
    """The metadata `extract_claims` receives for an article."""
    return {
        "published": article.published,
        "publisher": article.publisher,
        "title": article.title,
        "url": article.url,
        "language": article.language,
    }


@dataclass(frozen=True)
class ExtractorFunctions:
    """The extractor as the workers call it (looked up on `etl.extract` when a run starts)."""

    claims: Callable[..., list[Claim]]
    infer_date: Callable[[str], Any]
    detect_language: Callable[[str], str]
    max_sentence_chars: int = MAX_SENTENCE_CHARS

    @classmethod
    def current(cls, max_sentence_chars: int = MAX_SENTENCE_CHARS) -> ExtractorFunctions:
        return cls(extract.extract_claims, extract.infer_publication_date, extract.detect_language,
                   max_sentence_chars)

    def picklable(self) -> bool:
        try:
            pickle.dumps(self)
        except Exception:  # a closure or a lambda: it cannot reach another process
            return False
        return True

    def extract_article(self, article: Article) -> tuple[Article, list[Claim]]:
        """Give the article its language (as the input gave it, else detected from the text), date
        it (inferring when needed) and extract its claims. Pure: touches no database."""
        dated = article if article.language is not None else replace(
            article, language=self.detect_language(article.text))
        if dated.published is None:
            inferred = self.infer_date(dated.text)  # its language is detected the same way
            if inferred is not None:
                dated = replace(dated, published=inferred, published_inferred=True)
        claims = self.claims(dated.text, extraction_metadata(dated), max_sentence_chars=self.max_sentence_chars)
        return dated, claims


def extractor_problem(article: Article, exc: BaseException) -> ReadProblem:
    """An extractor crash on one article, as that article's problem (file, line, id, url)."""
    name = ", ".join(
        f"{label} {value}" for label, value in (("id", article.source_id), ("url", article.url)) if value
    )
    which = f" ({name})" if name else ""
    return ReadProblem(article.origin, f"extractor failed on this article{which}: {describe_error(exc)}",
                       article.line)


def extract_one(functions: ExtractorFunctions, article: Article, replace_claims: bool = False,
                sign: bool = True) -> Extracted | ReadProblem:
    """Extract one article; an extractor crash is a problem of this article only."""
    return extract_many(functions, [(article, replace_claims)], sign)[0]


def extract_many(functions: ExtractorFunctions, items: Iterable[tuple[Article, bool]],
                 sign: bool = True) -> list[Extracted | ReadProblem]:
    """Extract each (article, is a re-extraction) in order; the signatures of the extracted ones
    are made together (`copies.text_signatures`: one vectorised pass, not one per article)."""
    results: list[Extracted | ReadProblem] = []
    for article, replace_claims in items:
        try:
            dated, claims = functions.extract_article(article)
        except Exception as exc:  # one article's extractor bug must not lose the batch
            results.append(extractor_problem(article, exc))
            continue
        article_id = dated.article_id
        results.append(Extracted(dated, [claim.to_row(article_id) for claim in claims], None, replace_claims))
    if sign:
        extracted = [r for r in results if isinstance(r, Extracted)]
        for result, signature in zip(extracted, copies.text_signatures([r.article.text for r in extracted])):
            signature.band_keys  # noqa: B018 (computed here, in the worker: it travels with the signature)
            result.signature = signature
    return results


Task = list[tuple[Article, bool]]  # (article, is a re-extraction)


def extract_task(functions: ExtractorFunctions, task: Task) -> list[Extracted | ReadProblem]:
    """A worker's unit of work: a chunk of articles, extracted in order."""
    return extract_many(functions, task)


_functions: ExtractorFunctions | None = None


def _init_worker(functions: ExtractorFunctions, etl_pid: int) -> None:
    global _functions
    _functions = functions
    parent = os.getppid()

    def etl_alive() -> bool:
        try:
            os.kill(etl_pid, 0)
        except ProcessLookupError:
            return False
        except PermissionError:  # alive, another user's (a reused pid would be too)
            return True
        return os.getppid() == parent

    def watch() -> None:  # the ETL is gone (killed, crashed): so are we, and soon
        while etl_alive():
            time.sleep(0.5)
        os._exit(1)

    threading.Thread(target=watch, name="tally-parent-watch", daemon=True).start()
    functions.extract_article(Article(text="Warm-up: 5 people were killed in Kyiv.", origin="warm-up"))
    copies.text_signatures(["warm-up"])


def _worker_task(task: Task) -> list[Extracted | ReadProblem]:
    assert _functions is not None, "worker not initialised"
    return extract_task(_functions, task)


def batched(items: Iterable[_T], size: int) -> Iterator[list[_T]]:
    """`items` in lists of `size` (the last one shorter), as they come: the run's look-ups and the
    Dask engine's partitions of stored articles (`chunks` groups by characters instead)."""
    batch: list[_T] = []
    for item in items:
        batch.append(item)
        if len(batch) >= size:
            yield batch
            batch = []
    if batch:
        yield batch


def chunks(items: Iterable[tuple[Article, bool]], chunk_chars: int = CHUNK_CHARS) -> Iterator[Task]:
    """Group articles into tasks of about `chunk_chars` characters of text."""
    task: Task = []
    size = 0
    for item in items:
        task.append(item)
        size += len(item[0].text)
        if size >= chunk_chars:
            yield task
            task, size = [], 0
    if task:
        yield task


class Extractors:
    """Where extraction runs: `workers` processes, or this process when one (or too little work).

    `workers=None` is the default: one process per core, but only once the run has at least
    `PARALLEL_MIN_CHARS` of text to extract. An explicit count is used as given.
    """

    def __init__(self, functions: ExtractorFunctions, workers: int | None = None,
                 chunk_chars: int = CHUNK_CHARS) -> None:
        self.functions = functions
        self.explicit = workers is not None
        self.workers = workers if workers is not None else default_workers()
        if self.workers < 1:
            raise ValueError(f"workers must be at least 1, not {self.workers}")
        self.chunk_chars = chunk_chars
        self._pool: ProcessPoolExecutor | None = None
        self.parallel = False

    def _start_pool(self) -> ProcessPoolExecutor:
        methods = multiprocessing.get_all_start_methods()
        context = multiprocessing.get_context("forkserver" if "forkserver" in methods else "spawn")
        if context.get_start_method() == "forkserver":
            # Imported once by the fork server, shared by the workers it forks.
            context.set_forkserver_preload(list(PRELOAD))
        self._pool = ProcessPoolExecutor(self.workers, mp_context=context, initializer=_init_worker,
                                         initargs=(self.functions, os.getpid()))
        self.parallel = True
        return self._pool

    def map(self, items: Iterable[tuple[Article, bool]]) -> Iterator[Extracted | ReadProblem]:
        """Extract each (article, is a re-extraction), yielding results in the same order."""
        tasks = chunks(items, self.chunk_chars)
        if self.workers == 1 or not self.functions.picklable():
            for task in tasks:
                yield from extract_task(self.functions, task)
            return
        if not self.explicit:  # small runs stay in this process
            head: list[Task] = []
            size = 0
            for task in tasks:
                head.append(task)
                size += sum(len(a.text) for a, _ in task)
                if size >= PARALLEL_MIN_CHARS:
                    break
            else:
                for task in head:
                    yield from extract_task(self.functions, task)
                return
            tasks = _chain(head, tasks)
        pool = self._start_pool()
        pending: deque[Future[list[Extracted | ReadProblem]]] = deque()
        limit = self.workers * IN_FLIGHT_PER_WORKER
        for task in tasks:
            pending.append(pool.submit(_worker_task, task))
            while len(pending) >= limit:
                yield from pending.popleft().result()
        while pending:
            yield from pending.popleft().result()

    def close(self) -> None:
        if self._pool is not None:
            self._pool.shutdown(wait=True, cancel_futures=True)
            self._pool = None

    def __enter__(self) -> Extractors:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


def _chain(head: list[Task], rest: Iterator[Task]) -> Iterator[Task]:
    yield from head
    yield from rest

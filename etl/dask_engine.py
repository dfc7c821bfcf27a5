"""`tally etl --engine dask`: extraction mapped over input partitions on a Dask cluster.

Extraction is a pure function of an article, so it maps over partitions: each input file
(a JSON lines or Parquet file, or any other file the readers take) is one partition, read
and extracted by a Dask worker, whose claims come back as Parquet partitions. The ETL's
own process stays the one writer: it decides what to extract (the stored articles are
skipped, as on the local path), then loads the Parquet partitions in input order through
the same batches, assembly and transactions as the local path, so the ids, the
idempotence and the crash safety are the same.

In three steps, each a `Client.map` over the partitions:

1. *index*: a worker reads its partition and returns the ids of its articles in order, and
   the problems and warnings of its input (file and line);
2. the ETL checks the ids against the warehouse (one query per chunk) and against each
   other (an article in two partitions is extracted once, where it comes first);
3. *extract*: a worker reads its partition again, extracts the articles it was given, and
   writes `articles-N.parquet` (with their MinHash signatures) and `claims-N.parquet` into
   the run's staging folder; stored articles another extractor version made are sent as
   in-memory partitions the same way.

Why Dask rather than Ray: Dask's `distributed` is pure Python on top of the PyData stack
Tally already uses (pyarrow, pandas), runs a `LocalCluster` in-process for tests and
laptops, and reaches a cluster through one scheduler address (`dask scheduler` /
`dask worker`, Kubernetes, HPC job queues, cloud providers); Ray brings its own object
store and runtime, much heavier for a map over files.

On a cluster, every worker must see the input files and the staging folder at the same
paths as the ETL's machine (a shared file system), and have Tally installed (the same
version: the extractor version is checked on the worker).
"""
from __future__ import annotations

import os
import shutil
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field, fields
from pathlib import Path
from typing import TYPE_CHECKING, Any

import numpy as np
import pyarrow as pa
import pyarrow.parquet as pq

from etl import extract
from etl.assemble.copies import Signature
from etl.extract.lexicon import knowledge_fingerprint
from etl.models import Article, Claim, ReadProblem
from etl.readers import ReadOptions, ReadWarning, read_path
from etl.workers import Extracted, ExtractorFunctions, batched, default_workers, extract_one

if TYPE_CHECKING:
    from etl.pipeline import _Work

STALE_PARTITION = 1000
"""Stored articles per in-memory partition when re-extracting them."""


@dataclass
class PartitionIndex:
    """What step 1 learns of a partition: its articles' ids, in order, and its input's problems."""

    article_ids: list[str] = field(default_factory=list)
    problems: list[ReadProblem] = field(default_factory=list)  # ReadWarning among them, in order
    origins: list[str] = field(default_factory=list)


def _read(path: str, options: ReadOptions | None) -> Iterator[Article | ReadProblem]:
    yield from read_path(path, options)


def index_partition(path: str, options: ReadOptions | None, extractor_version: str) -> PartitionIndex:
    """Step 1, on a worker: the ids of a partition's articles and its problems."""
    _check_version(extractor_version)
    found = PartitionIndex()
    seen: set[str] = set()
    for item in _read(path, options):
        if item.origin not in seen:
            seen.add(item.origin)
            found.origins.append(item.origin)
        if isinstance(item, ReadProblem):
            found.problems.append(item)
        else:
            found.article_ids.append(item.article_id)
    return found


def extract_partition(path: str, options: ReadOptions | None, wanted: Sequence[int], functions: ExtractorFunctions,
                      out: str, extractor_version: str) -> tuple[str, list[ReadProblem]]:
    """Step 3, on a worker: extract the partition's articles at the `wanted` positions (their
    order among the partition's articles) and write them as Parquet; returns the file stem
    and the extractor's problems."""
    _check_version(extractor_version)
    keep = set(wanted)
    articles = []
    position = 0
    for item in _read(path, options):
        if isinstance(item, ReadProblem):
            continue
        if position in keep:
            articles.append(item)
        position += 1
    return _write(articles, [False] * len(articles), functions, out)


def extract_articles(articles: list[Article], functions: ExtractorFunctions, out: str,
                     extractor_version: str) -> tuple[str, list[ReadProblem]]:
    """Step 3 for stored articles (re-extraction), sent as an in-memory partition."""
    _check_version(extractor_version)
    return _write(articles, [True] * len(articles), functions, out)


def installed_version() -> str:
    """The installed extractor's version (its code and every language's knowledge files, as on
    disk: a test's stand-in for `extract.EXTRACTOR_VERSION` does not reach a worker), as a worker checks it."""
    return f"{extract._CODE_VERSION}+{knowledge_fingerprint()}"


def _check_version(expected: str) -> None:
    found = installed_version()
    if found != expected:
        raise RuntimeError(f"this Dask worker's Tally has extractor version {found}, the ETL's {expected}: "
                           "install the same Tally on every worker")


_CLAIM_FIELDS = [f for f in fields(Claim) if f.name != "explanation"]


def _arrow_type(annotation: str) -> pa.DataType:
    if "float" in annotation:
        return pa.float64()
    if "date" in annotation:
        return pa.date32()
    if annotation.startswith("int"):
        return pa.int32()
    return pa.string()


CLAIMS_SCHEMA = pa.schema(
    [("article", pa.int32()), ("article_id", pa.string()), ("claim_id", pa.string())]
    + [(f.name, _arrow_type(str(f.type))) for f in _CLAIM_FIELDS]
)
"""A claims partition: the claim rows (`Claim.to_row`), with their article's position in the
articles partition."""

ARTICLES_SCHEMA = pa.schema([
    ("text", pa.string()), ("origin", pa.string()), ("url", pa.string()), ("title", pa.string()),
    ("publisher", pa.string()), ("published", pa.date32()), ("published_inferred", pa.bool_()),
    ("source_id", pa.string()), ("line", pa.int32()), ("text_source", pa.string()), ("language", pa.string()), ("replace", pa.bool_()),
    ("minhash", pa.binary()), ("shingles", pa.int32()), ("numbers", pa.list_(pa.string())),
    ("band_keys", pa.list_(pa.int64())),
])
"""An articles partition: the dated articles and their signatures."""

_ARTICLE_FIELDS = ("text", "origin", "url", "title", "publisher", "published", "published_inferred",
                   "source_id", "line", "text_source", "language")


def _write(articles: list[Article], replace: list[bool], functions: ExtractorFunctions,
           out: str) -> tuple[str, list[ReadProblem]]:
    article_rows: list[dict[str, Any]] = []
    claim_rows: list[dict[str, Any]] = []
    problems: list[ReadProblem] = []
    for article, is_refresh in zip(articles, replace):
        result = extract_one(functions, article, is_refresh)
        if isinstance(result, ReadProblem):
            problems.append(result)
            continue
        sig = result.signature
        assert sig is not None
        row = {name: getattr(result.article, name) for name in _ARTICLE_FIELDS}
        row.update(replace=is_refresh, minhash=sig.minhash.astype("<u4").tobytes(), shingles=sig.shingles,
                   numbers=sorted(sig.numbers), band_keys=sig.band_keys)
        for claim in result.claim_rows:
            claim_rows.append({**claim, "article": len(article_rows)})
        article_rows.append(row)
    stem = str(Path(out))
    pq.write_table(pa.Table.from_pylist(article_rows, schema=ARTICLES_SCHEMA), stem + ".articles.parquet")
    pq.write_table(pa.Table.from_pylist(claim_rows, schema=CLAIMS_SCHEMA), stem + ".claims.parquet")
    return stem, problems


def read_extracted(stem: str) -> Iterator[Extracted]:
    """The extracted articles of one written partition, in order, as the local path has them."""
    articles = pq.read_table(stem + ".articles.parquet").to_pylist()
    claims: list[list[dict[str, Any]]] = [[] for _ in articles]
    for row in pq.read_table(stem + ".claims.parquet").to_pylist():
        claims[row.pop("article")].append(row)
    for row, rows in zip(articles, claims):
        minhash = np.frombuffer(row.pop("minhash"), dtype="<u4").astype(np.uint32)
        signature = Signature(minhash, row.pop("shingles"), frozenset(row.pop("numbers")))
        signature.__dict__["band_keys"] = row.pop("band_keys")  # as computed on the worker
        replace = row.pop("replace")
        yield Extracted(Article(**row), rows, signature, replace)


def input_partitions(paths: Sequence[str | os.PathLike[str]]) -> list[str]:
    """The partitions of the inputs: each file (folders walked as the readers walk them);
    a path that is no file or folder is kept, for the readers to report."""
    from etl.readers.core import _walk, is_url

    found: list[str] = []
    for path in paths:
        raw = os.fspath(path)
        if not is_url(raw) and Path(raw).is_dir():
            found.extend(str(p) for p in _walk(Path(raw)))
        else:
            found.append(raw)
    return found


def _client(scheduler: str | None, workers: int | None) -> Any:
    from dask.distributed import Client, LocalCluster

    if scheduler:
        return Client(scheduler)
    cluster = LocalCluster(n_workers=workers or default_workers(), threads_per_worker=1, processes=True,
                           dashboard_address=None)
    return Client(cluster)


def extract_on_cluster(work: _Work, functions: ExtractorFunctions, scheduler: str | None, db: Path, run_id: str,
                       workers: int | None = None, staging: Path | None = None) -> Iterator[Extracted | ReadProblem]:
    """The extracted articles of the run's inputs, computed on a Dask cluster, in input order
    (problems in their place), for the ETL to store."""
    folder = staging or db.with_name(f"{db.name}.dask-staging")
    run_folder = folder / run_id
    run_folder.mkdir(parents=True, exist_ok=True)
    version = installed_version()
    extract.load_knowledge()  # a malformed knowledge file stops the run here, not on every worker
    client = _client(scheduler, workers)
    try:
        partitions = input_partitions(work.paths)
        indexes = client.map(index_partition, partitions, options=work.options, extractor_version=version,
                             pure=False)
        jobs = []
        for n, (partition, future) in enumerate(zip(partitions, indexes)):
            index: PartitionIndex = future.result()
            for origin in index.origins:
                work.seen(origin)
            wanted = work.wanted(index.article_ids)
            problems = index.problems
            jobs.append((problems, client.submit(
                extract_partition, partition, work.options, [i for i, w in enumerate(wanted) if w], functions,
                str(run_folder / f"part-{n:05d}"), version, pure=False) if any(wanted) else None))
        stale_jobs = []
        for n, chunk in enumerate(batched(work.stale_articles(), STALE_PARTITION)):
            stale_jobs.append(([], client.submit(extract_articles, chunk, functions,
                                                 str(run_folder / f"stale-{n:05d}"), version, pure=False)))
        for problems, job in [*jobs, *stale_jobs]:
            for problem in problems:
                yield problem
            if job is None:
                continue
            stem, extractor_problems = job.result()
            yield from read_extracted(stem)
            yield from extractor_problems
            for suffix in (".articles.parquet", ".claims.parquet"):
                Path(stem + suffix).unlink(missing_ok=True)
    finally:
        client.close()
        cluster = getattr(client, "cluster", None)
        if cluster is not None and not scheduler:
            cluster.close()
        shutil.rmtree(run_folder, ignore_errors=True)
        try:
            folder.rmdir()
        except OSError:
            pass  # another run's partitions, or files someone put there

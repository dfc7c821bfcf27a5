"""Bulk loading of articles and claims, and the `etl_runs` log.

Rows go in as Arrow tables registered on the connection, then one `INSERT ... SELECT`
per table: never row by row. The caller wraps a batch in `warehouse.db.transaction`
so it is stored whole or not at all.
"""
from __future__ import annotations

import json
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import asdict, dataclass, field
from datetime import date, datetime
from typing import Any

import pyarrow as pa

from etl.assemble.copies import Signature
from etl.models import Article, Claim
from warehouse.db import Connection, utc_now

# DuckDB column type -> Arrow type, for the types the warehouse tables use.
_ARROW_TYPES: dict[str, pa.DataType] = {
    "VARCHAR": pa.string(),
    "JSON": pa.string(),
    "DOUBLE": pa.float64(),
    "INTEGER": pa.int32(),
    "BIGINT": pa.int64(),
    "BOOLEAN": pa.bool_(),
    "DATE": pa.date32(),
    "TIMESTAMP": pa.timestamp("us"),
}


@dataclass(frozen=True)
class StoredArticle:
    """What the loader needs to know about an article already in the warehouse."""

    article_id: str
    extractor_version: str | None
    url: str | None
    title: str | None
    publisher: str | None
    published: date | None
    published_inferred: bool
    origin: str | None


@dataclass
class ArticleBatch:
    """One article ready to store, with the claims extracted from it (as `claims` rows,
    `Claim.to_row`) and, when the extraction made it, its MinHash signature.

    `replace` marks an article already stored whose claims an older extractor made:
    its claims are deleted and these inserted, and its date fields are updated.
    """

    article: Article
    claim_rows: list[dict[str, Any]]
    replace: bool = False
    signature: Signature | None = None

    @classmethod
    def of(cls, article: Article, claims: Iterable[Claim], replace: bool = False) -> ArticleBatch:
        """The batch entry of an article and its claims (as `Claim` objects)."""
        return cls(article, [claim.to_row(article.article_id) for claim in claims], replace)


@dataclass
class LoadCounts:
    """What storing one batch changed (`store_articles`, `batch_claim_rows`, `store_claims`)."""

    articles_new: int = 0
    articles_reextracted: int = 0
    claims_added: int = 0
    claims_removed: int = 0
    duplicate_claims: list[str] = field(default_factory=list)


def table_columns(con: Connection, table: str) -> dict[str, str]:
    """Column name -> DuckDB type of a table, in table order."""
    rows = con.execute("SELECT name, type FROM pragma_table_info(?) ORDER BY cid", [table]).fetchall()
    return {name: dtype for name, dtype in rows}


def insert_rows(con: Connection, table: str, rows: Sequence[Mapping[str, Any]]) -> int:
    """Bulk-insert dict rows into `table` (keys = column names).

    Columns no row mentions get their default; a key that is not a column is an error
    (a field the warehouse would silently drop needs a migration).
    """
    if not rows:
        return 0
    columns = table_columns(con, table)
    keys = {k for r in rows for k in r}
    unknown = keys - set(columns)
    if unknown:
        raise ValueError(f"{table} has no column(s) {sorted(unknown)}: add a migration in warehouse/migrations")
    schema = pa.schema([(name, _ARROW_TYPES[dtype]) for name, dtype in columns.items() if name in keys])
    batch = pa.Table.from_pylist([dict(r) for r in rows], schema=schema)
    view = f"_tally_{table}_batch"
    con.register(view, batch)
    try:
        con.execute(f"INSERT INTO {table} BY NAME SELECT * FROM {view}")
    finally:
        con.unregister(view)
    return batch.num_rows


def stored_articles(con: Connection, article_ids: Iterable[str]) -> dict[str, StoredArticle]:
    """The already-stored articles among `article_ids`, by id."""
    ids = sorted(set(article_ids))
    if not ids:
        return {}
    rows = con.execute(
        "SELECT article_id, extractor_version, url, title, publisher, published,"
        " published_inferred, origin FROM articles WHERE list_contains(?, article_id)",
        [ids],
    ).fetchall()
    return {r[0]: StoredArticle(*r) for r in rows}


def stored_versions(con: Connection, article_ids: Sequence[str]) -> dict[str, str | None]:
    """The extractor version of each already-stored article among `article_ids`."""
    if not article_ids:
        return {}
    table = pa.table({"article_id": pa.array(sorted(set(article_ids)), type=pa.string())})
    con.register("_tally_lookup", table)
    try:
        rows = con.execute(
            "SELECT article_id, extractor_version FROM articles JOIN _tally_lookup USING (article_id)"
        ).fetchall()
    finally:
        con.unregister("_tally_lookup")
    return dict(rows)


@dataclass(frozen=True)
class StoredRecord:
    """A dataset event already stored (`tally import`): its article and the mapping version that made its claims."""

    event_id: str
    article_id: str
    extractor_version: str | None


def stored_records(con: Connection, dataset: str, event_ids: Iterable[str]) -> dict[str, StoredRecord]:
    """The stored records of a dataset among `event_ids`, by event id."""
    ids = sorted(set(event_ids))
    if not ids:
        return {}
    con.register("_tally_event_ids", pa.table({"source_id": pa.array(ids, type=pa.string())}))
    try:  # a join, not list_contains: the warehouse may hold hundreds of thousands of events
        rows = con.execute(
            "SELECT a.source_id, a.article_id, a.extractor_version FROM articles AS a"
            " JOIN _tally_event_ids USING (source_id) WHERE a.dataset = ? ORDER BY a.ingested_at",
            [dataset],
        ).fetchall()
    finally:
        con.unregister("_tally_event_ids")
    return {r[0]: StoredRecord(*r) for r in rows}


def stale_article_ids(
    con: Connection, extractor_version: str, *, after: str = "", limit: int | None = None
) -> list[str]:
    """Stored articles whose claims another extractor version made (they need re-extracting), by
    id; `after` and `limit` page through them.

    Dataset records (`tally import`) are never re-extracted: their claims come from the dataset's
    columns, and a rerun of the import replaces them.
    """
    rows = con.execute(
        "SELECT article_id FROM articles WHERE extractor_version IS DISTINCT FROM ? AND dataset IS NULL"
        " AND article_id > ? ORDER BY article_id" + (" LIMIT ?" if limit is not None else ""),
        [extractor_version, after, *([limit] if limit is not None else [])],
    ).fetchall()
    return [r[0] for r in rows]


def stored_texts(con: Connection, article_ids: Iterable[str]) -> list[Article]:
    """Stored articles as `Article`s (their stored text and metadata), for re-extraction.

    A date that was inferred is dropped, so that re-extraction infers it again with the new rules.
    """
    ids = sorted(set(article_ids))
    if not ids:
        return []
    con.register("_tally_lookup", pa.table({"article_id": pa.array(ids, type=pa.string())}))
    try:
        rows = con.execute(
            "SELECT text, origin, url, title, publisher, published, published_inferred, source_id, text_source,"
            " language FROM articles JOIN _tally_lookup USING (article_id) ORDER BY article_id"
        ).fetchall()
    finally:
        con.unregister("_tally_lookup")
    return [
        Article(
            text=text, origin=origin or "", url=url, title=title, publisher=publisher,
            published=None if inferred else published, source_id=source_id, text_source=text_source,
            language=language,
        )
        for text, origin, url, title, publisher, published, inferred, source_id, text_source, language in rows
    ]


def _article_row(article: Article, run_id: str, extractor_version: str, now: datetime,
                 assembly_version: str | None) -> dict[str, Any]:
    return {
        "article_id": article.article_id,
        "url": article.url,
        "title": article.title,
        "publisher": article.publisher,
        "published": article.published,
        "published_inferred": article.published_inferred,
        "text": article.text,
        "origin": article.origin,
        "source_id": article.source_id,
        "text_source": article.text_source,
        "language": article.language,
        "dataset": article.dataset,
        "ingested_at": now,
        "run_id": run_id,
        "extractor_version": extractor_version,
        "assembly_version": assembly_version,
    }


def store_articles(
    con: Connection, run_id: str, extractor_version: str, batch: Sequence[ArticleBatch],
    assembly_version: str | None = None,
) -> LoadCounts:
    """Store a batch's articles: insert the new ones (with `assembly_version`, when the caller
    assembles them in the same transaction), update the re-extracted ones' date fields and delete
    their old claims. The claims go in with `store_claims`, once assembled.

    Must run inside a transaction (`warehouse.db.transaction`).
    """
    counts = LoadCounts()
    now = utc_now()
    new = [b for b in batch if not b.replace]
    refreshed = [b for b in batch if b.replace]

    counts.articles_new = insert_rows(
        con, "articles", [_article_row(b.article, run_id, extractor_version, now, assembly_version) for b in new]
    )

    if refreshed:
        updates = pa.Table.from_pylist(
            [
                {
                    "article_id": b.article.article_id,
                    "published": b.article.published,
                    "published_inferred": b.article.published_inferred,
                    "language": b.article.language,
                }
                for b in refreshed
            ],
            schema=pa.schema(
                [("article_id", pa.string()), ("published", pa.date32()), ("published_inferred", pa.bool_()),
                 ("language", pa.string())]
            ),
        )
        con.register("_tally_refreshed", updates)
        try:
            removed = con.execute(
                "DELETE FROM claims WHERE article_id IN (SELECT article_id FROM _tally_refreshed)"
            ).fetchone()
            counts.claims_removed = int(removed[0]) if removed else 0
            con.execute(
                "UPDATE articles SET published = r.published,"
                " published_inferred = r.published_inferred, language = r.language, extractor_version = ?"
                " FROM _tally_refreshed AS r WHERE articles.article_id = r.article_id",
                [extractor_version],
            )
        finally:
            con.unregister("_tally_refreshed")
        counts.articles_reextracted = len(refreshed)
    return counts


def batch_claim_rows(
    run_id: str, extractor_version: str, batch: Sequence[ArticleBatch], counts: LoadCounts
) -> list[dict[str, Any]]:
    """The batch's `claims` rows as they are stored (with the run and extractor version): a claim
    whose claim_id came before in the batch is dropped (the first wins) and named in `counts`."""
    claim_rows: dict[str, dict[str, Any]] = {}
    for b in batch:
        for row in b.claim_rows:
            if row["claim_id"] in claim_rows:
                counts.duplicate_claims.append(row["claim_id"])
                continue
            claim_rows[row["claim_id"]] = {**row, "extractor_version": extractor_version, "run_id": run_id}
    return list(claim_rows.values())


def store_claims(con: Connection, rows: Sequence[Mapping[str, Any]], counts: LoadCounts) -> None:
    """Insert a batch's claim rows (`batch_claim_rows`, with source_id and figure_key when
    assembled), counting them as added. Must run inside the batch's transaction."""
    counts.claims_added += insert_rows(con, "claims", rows)


def delete_records(con: Connection, article_ids: Iterable[str]) -> int:
    """Delete stored dataset records (articles with `dataset` set) and their claims, for an import
    that replaces them with an updated row; returns the claims removed. News articles are never
    deleted (copies may point at them): ids of articles without a dataset are left alone.

    Must run inside the batch's transaction.
    """
    ids = sorted(set(article_ids))
    if not ids:
        return 0
    table = pa.table({"article_id": pa.array(ids, type=pa.string())})
    con.register("_tally_removed", table)
    try:
        con.execute(
            "CREATE OR REPLACE TEMP TABLE _tally_removed_records AS SELECT article_id FROM articles"
            " WHERE dataset IS NOT NULL AND article_id IN (SELECT article_id FROM _tally_removed)"
        )
        removed = con.execute(
            "DELETE FROM claims WHERE article_id IN (SELECT article_id FROM _tally_removed_records)"
        ).fetchone()
        for table_name in ("article_signature_bands", "article_signatures", "articles"):
            con.execute(f"DELETE FROM {table_name} WHERE article_id IN (SELECT article_id FROM _tally_removed_records)")
        con.execute("DROP TABLE _tally_removed_records")
    finally:
        con.unregister("_tally_removed")
    return int(removed[0]) if removed else 0


# --- the run log ------------------------------------------------------------------------

def start_run(
    con: Connection, run_id: str, started_at: datetime, db_path: str, extractor_version: str, command: str = "etl"
) -> None:
    """Record a run as `running` (kept as such if the process dies before finishing)."""
    con.execute(
        "INSERT INTO etl_runs (run_id, started_at, status, db_path, extractor_version, command)"
        " VALUES (?, ?, 'running', ?, ?, ?)",
        [run_id, started_at, db_path, extractor_version, command],
    )


def close_interrupted_runs(con: Connection) -> list[str]:
    """Mark runs still `running` as `interrupted` (their process died); returns their ids.

    Call only while holding the ETL lock, when no other run can be live. Batches those
    runs committed stay stored; the batch in flight when they died was rolled back.
    """
    rows = con.execute("SELECT run_id, errors FROM etl_runs WHERE status = 'running' ORDER BY run_id").fetchall()
    note = ("run interrupted: the process ended before finishing (killed or crashed); "
            "its committed batches are kept, the batch in flight was rolled back")
    for run_id, errors in rows:
        con.execute(
            "UPDATE etl_runs SET status = 'interrupted', errors = ? WHERE run_id = ?",
            [json.dumps([*(json.loads(errors) if errors else []), note]), run_id],
        )
    ids = [r[0] for r in rows]
    return ids


def update_run(con: Connection, run_id: str, stats: Mapping[str, int], errors: Sequence[str]) -> None:
    """Record a running run's counters so far (called with each committed batch)."""
    finish_run(con, run_id, "running", stats, errors, finished=False)


def finish_run(
    con: Connection,
    run_id: str,
    status: str,
    stats: Mapping[str, int],
    errors: Sequence[str],
    *,
    finished: bool = True,
) -> None:
    """Close a run: its status, counters (etl_runs column -> value) and problem messages."""
    columns = table_columns(con, "etl_runs")
    unknown = set(stats) - set(columns)
    if unknown:
        raise ValueError(f"not etl_runs columns: {sorted(unknown)}")
    assignments = ", ".join(f"{name} = ?" for name in stats)
    con.execute(
        f"UPDATE etl_runs SET status = ?, finished_at = ?, errors = ?"
        f"{', ' + assignments if assignments else ''} WHERE run_id = ?",
        [status, utc_now() if finished else None, json.dumps(list(errors)), *stats.values(), run_id],
    )


# --- input files stored whole ------------------------------------------------------------

@dataclass(frozen=True)
class InputFile:
    """An input file as read now, or as a finished run remembered it (table `input_files`)."""

    path: str  # resolved
    sha256: str
    size_bytes: int
    read_limits: str
    extractor_version: str
    articles: int = 0


def remembered_input_files(con: Connection) -> dict[str, InputFile]:
    """The input files finished runs stored whole, by resolved path."""
    rows = con.execute(
        "SELECT path, sha256, size_bytes, read_limits, extractor_version, articles FROM input_files"
    ).fetchall()
    return {row[0]: InputFile(*row) for row in rows}


def remember_input_files(con: Connection, run_id: str, files: Sequence[InputFile]) -> int:
    """Remember files whose every article this run stored or found stored (replacing what was
    remembered of the same paths); returns how many."""
    if not files:
        return 0
    now = utc_now()
    con.execute("DELETE FROM input_files WHERE list_contains(?, path)", [[f.path for f in files]])
    return insert_rows(con, "input_files", [{**asdict(f), "run_id": run_id, "recorded_at": now} for f in files])


def has_table(con: Connection, table: str) -> bool:
    """Whether the database has this table (a file no ETL has written to has none)."""
    row = con.execute("SELECT count(*) FROM duckdb_tables() WHERE table_name = ?", [table]).fetchone()
    return bool(row and row[0])


def recent_runs(con: Connection, limit: int = 10) -> list[dict[str, Any]]:
    """The latest runs, newest first, as dicts (errors decoded from JSON)."""
    cur = con.execute("SELECT * FROM etl_runs ORDER BY started_at DESC LIMIT ?", [limit])
    cols = [d[0] for d in cur.description]
    runs = [dict(zip(cols, r)) for r in cur.fetchall()]
    for run in runs:
        run["errors"] = json.loads(run["errors"]) if run["errors"] else []
    return runs

"""The stored state the assembly stage reads and writes: signatures, band keys, story roots,
claim sources and keys, the sources table, figure ids.

Only I/O: the decisions are made by the pure code in etl/assemble/. Rows go in as Arrow
tables registered on the connection and one statement per table, never row by row. Every
function runs inside the caller's transaction.
"""
from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc

from etl.assemble.copies import Signature
from warehouse.db import Connection

ASSEMBLY_SQL_DIR = Path(__file__).resolve().parent / "assembly"


@contextmanager
def _registered(con: Connection, name: str, table: pa.Table) -> Iterator[None]:
    con.register(name, table)
    try:
        yield
    finally:
        con.unregister(name)


def _ids_table(ids: Iterable[str], column: str = "article_id") -> pa.Table:
    return pa.table({column: pa.array(sorted(set(ids)), type=pa.string())})


def signature_versions(con: Connection, article_ids: Iterable[str]) -> dict[str, str]:
    """The version of the stored signature of each given article that has one."""
    with _registered(con, "_tally_ids", _ids_table(article_ids)):
        return dict(con.execute(
            "SELECT article_id, signature_version FROM article_signatures JOIN _tally_ids USING (article_id)"
        ).fetchall())


def dataset_records(con: Connection, article_ids: Iterable[str]) -> dict[str, str]:
    """The given articles that are dataset records (`tally import`), each with its record key
    ("ucdp-ged:12345": the dataset and its event id)."""
    ids = set(article_ids)
    if not ids:
        return {}
    with _registered(con, "_tally_ids", _ids_table(ids)):
        return dict(con.execute(
            "SELECT article_id, dataset || ':' || coalesce(source_id, article_id) FROM articles"
            " JOIN _tally_ids USING (article_id) WHERE dataset IS NOT NULL"
        ).fetchall())


def texts(con: Connection, article_ids: Iterable[str]) -> dict[str, str]:
    """The stored texts of the given articles."""
    ids = set(article_ids)
    if not ids:
        return {}
    with _registered(con, "_tally_ids", _ids_table(ids)):
        return dict(con.execute("SELECT article_id, text FROM articles JOIN _tally_ids USING (article_id)").fetchall())


def store_signatures(
    con: Connection, signatures: Mapping[str, Signature], signature_version: str, replacing: Iterable[str] = ()
) -> None:
    """Store each article's signature and band keys, replacing those of the `replacing` articles."""
    if not signatures:
        return
    ids = sorted(signatures)
    old = sorted(set(replacing))
    if old:
        with _registered(con, "_tally_ids", _ids_table(old)):
            con.execute("DELETE FROM article_signature_bands WHERE article_id IN (SELECT article_id FROM _tally_ids)")
            con.execute("DELETE FROM article_signatures WHERE article_id IN (SELECT article_id FROM _tally_ids)")
    sigs = pa.table({
        "article_id": pa.array(ids, type=pa.string()),
        "signature_version": pa.array([signature_version] * len(ids), type=pa.string()),
        "shingles": pa.array([signatures[i].shingles for i in ids], type=pa.int32()),
        "minhash": pa.array([signatures[i].minhash.astype("<u4").tobytes() for i in ids], type=pa.binary()),
        "numbers": pa.array([sorted(signatures[i].numbers) for i in ids], type=pa.list_(pa.string())),
    })
    with _registered(con, "_tally_signatures", sigs):
        con.execute("INSERT INTO article_signatures BY NAME SELECT * FROM _tally_signatures")
    band_rows = [(key, aid) for aid in ids for key in signatures[aid].band_keys]
    if band_rows:
        bands = pa.table({
            "band_key": pa.array([k for k, _ in band_rows], type=pa.int64()),
            "article_id": pa.array([a for _, a in band_rows], type=pa.string()),
        })
        with _registered(con, "_tally_bands", bands):
            con.execute("INSERT INTO article_signature_bands BY NAME SELECT * FROM _tally_bands")


def copy_candidates(con: Connection, bands: Mapping[str, Sequence[int]]) -> list[tuple[str, str]]:
    """Pairs (article, other stored article) that share a band key, for the given articles' keys."""
    pairs = candidate_signatures(con, bands)
    return list(zip(pairs.a, pairs.b))


@dataclass
class CandidatePairs:
    """Candidate copy pairs with both articles' stored signatures: row i is (a[i], b[i])."""

    a: Sequence[str]
    b: Sequence[str]
    minhash_a: np.ndarray | _PickedRows  # uint32[pairs, NUM_PERM] (its slices, for _PickedRows)
    minhash_b: np.ndarray | _PickedRows
    numbers_a: Sequence[list[str]]
    numbers_b: Sequence[list[str]]


class _ArrowColumn(Sequence[Any]):
    """A query result column read one value at a time, as Python: templated text makes tens of
    thousands of candidate pairs per batch, of which only the few similar ones are ever read."""

    def __init__(self, column: pa.ChunkedArray) -> None:
        self._array = column.combine_chunks()

    def __len__(self) -> int:
        return len(self._array)

    def __getitem__(self, i: int) -> Any:  # type: ignore[override]
        i = int(i)
        if not -len(self._array) <= i < len(self._array):
            raise IndexError(i)
        return self._array[i].as_py()


class _Picked(Sequence[Any]):
    """`values[index[i]]`, read one at a time."""

    def __init__(self, values: Sequence[Any], index: np.ndarray) -> None:
        self._values, self._index = values, index

    def __len__(self) -> int:
        return len(self._index)

    def __getitem__(self, i: int) -> Any:  # type: ignore[override]
        return self._values[int(self._index[i])]


class _PickedRows:
    """`matrix[index]`, made a slice at a time: the rows of each pair's signature without the
    whole pairs-by-permutations matrix (tens of MB at tens of thousands of pairs)."""

    def __init__(self, matrix: np.ndarray, index: np.ndarray) -> None:
        self._matrix, self._index = matrix, index

    def __len__(self) -> int:
        return len(self._index)

    def __getitem__(self, rows: slice) -> np.ndarray:
        return self._matrix[self._index[rows]]


def candidate_signatures(con: Connection, bands: Mapping[str, Sequence[int]]) -> CandidatePairs:
    """`copy_candidates` with both articles' stored signatures, compared as arrays, not one by one.

    Templated text makes tens of thousands of pairs per batch among a few thousand distinct
    articles: the pairs come as ids (one query), each distinct article's signature once (one
    more per side), and the pair matrices are made by indexing in numpy."""
    rows = [(key, aid) for aid, keys in bands.items() for key in keys]
    empty = CandidatePairs([], [], np.zeros((0, 0), np.uint32), np.zeros((0, 0), np.uint32), [], [])
    if not rows:
        return empty
    table = pa.table({
        "band_key": pa.array([k for k, _ in rows], type=pa.int64()),
        "article_id": pa.array([a for _, a in rows], type=pa.string()),
    })
    with _registered(con, "_tally_new_bands", table):
        pairs = con.execute(
            "SELECT DISTINCT n.article_id AS a, o.article_id AS b FROM _tally_new_bands AS n"
            " JOIN article_signature_bands AS o USING (band_key) WHERE o.article_id <> n.article_id ORDER BY 1, 2"
        ).to_arrow_table()
    if pairs.num_rows == 0:
        return empty
    sides = []
    for name in ("a", "b"):
        column = pairs.column(name).combine_chunks()
        ids = pc.unique(column)
        found = _stored_signatures(con, ids)
        if found is None:  # a pair whose article has no stored signature (none should): no pair
            return _candidates_without_signatures(con, pairs)
        matrix, numbers = found
        sides.append((matrix, numbers, pc.index_in(column, value_set=ids).to_numpy()))
    (matrix_a, numbers_a, index_a), (matrix_b, numbers_b, index_b) = sides
    return CandidatePairs(_ArrowColumn(pairs.column("a")), _ArrowColumn(pairs.column("b")),
                          _PickedRows(matrix_a, index_a), _PickedRows(matrix_b, index_b),
                          _Picked(numbers_a, index_a), _Picked(numbers_b, index_b))


def _stored_signatures(con: Connection, ids: pa.Array) -> tuple[np.ndarray, _ArrowColumn] | None:
    """The stored minhash (a matrix, row i of ids[i]) and numbers of each of `ids`; None when one
    has no stored signature."""
    wanted = pa.table({"article_id": ids, "position": pa.array(np.arange(len(ids), dtype=np.int64))})
    with _registered(con, "_tally_signed_ids", wanted):
        found = con.execute(
            "SELECT s.minhash, s.numbers FROM _tally_signed_ids AS i JOIN article_signatures AS s"
            " USING (article_id) ORDER BY i.position"
        ).to_arrow_table()
    if found.num_rows != len(ids):
        return None
    return _minhash_matrix(found.column("minhash")), _ArrowColumn(found.column("numbers"))


def _candidates_without_signatures(con: Connection, pairs: pa.Table) -> CandidatePairs:
    """The pairs both of whose articles have a stored signature, with them (the slow, general way)."""
    with _registered(con, "_tally_pairs", pairs):
        found = con.execute(
            "SELECT p.a, p.b, sa.minhash AS minhash_a, sb.minhash AS minhash_b, sa.numbers AS numbers_a,"
            " sb.numbers AS numbers_b FROM _tally_pairs AS p"
            " JOIN article_signatures AS sa ON sa.article_id = p.a"
            " JOIN article_signatures AS sb ON sb.article_id = p.b ORDER BY 1, 2"
        ).to_arrow_table()
    if found.num_rows == 0:
        return CandidatePairs([], [], np.zeros((0, 0), np.uint32), np.zeros((0, 0), np.uint32), [], [])
    return CandidatePairs(_ArrowColumn(found.column("a")), _ArrowColumn(found.column("b")),
                          _minhash_matrix(found.column("minhash_a")), _minhash_matrix(found.column("minhash_b")),
                          _ArrowColumn(found.column("numbers_a")), _ArrowColumn(found.column("numbers_b")))


def _minhash_matrix(column: pa.ChunkedArray) -> np.ndarray:
    """A column of minhash BLOBs (little-endian uint32 each) as one uint32 matrix, row per BLOB:
    read from the Arrow buffer at once when every BLOB has the same length (they do)."""
    array = column.combine_chunks()
    large = pa.types.is_large_binary(array.type)
    if len(array) and array.null_count == 0 and (large or pa.types.is_binary(array.type)):
        offsets = np.frombuffer(array.buffers()[1], dtype=np.int64 if large else np.int32)
        offsets = offsets[array.offset:array.offset + len(array) + 1]
        width = int(offsets[1] - offsets[0])
        if width and width % 4 == 0 and (np.diff(offsets) == width).all():
            data = np.frombuffer(array.buffers()[2], dtype="<u4", count=len(array) * width // 4,
                                 offset=int(offsets[0]))
            return data.reshape(len(array), width // 4).astype(np.uint32)
    return np.stack([np.frombuffer(b, dtype="<u4") for b in array.to_pylist()]).astype(np.uint32)


def signatures(con: Connection, article_ids: Iterable[str]) -> dict[str, Signature]:
    """Stored signatures of the given articles."""
    with _registered(con, "_tally_ids", _ids_table(article_ids)):
        rows = con.execute(
            "SELECT article_id, minhash, shingles, numbers FROM article_signatures JOIN _tally_ids USING (article_id)"
        ).fetchall()
    return {aid: Signature(np.frombuffer(minhash, dtype="<u4").astype(np.uint32), shingles, frozenset(nums))
            for aid, minhash, shingles, nums in rows}


def story_state(con: Connection, article_ids: Iterable[str]) -> tuple[dict[str, str], dict[str, tuple]]:
    """Each article's story root, and each root's order: first stored, then (stored in one batch)
    first published, then id."""
    with _registered(con, "_tally_ids", _ids_table(article_ids)):
        rows = con.execute(
            "SELECT a.article_id, coalesce(a.duplicate_of, a.article_id) AS root, r.ingested_at,"
            " coalesce(r.published, DATE '9999-12-31')"
            " FROM articles AS a JOIN _tally_ids USING (article_id)"
            " JOIN articles AS r ON r.article_id = coalesce(a.duplicate_of, a.article_id)"
        ).fetchall()
    roots = {aid: root for aid, root, _, _ in rows}
    order = {root: (ingested, published, root) for _, root, ingested, published in rows}
    return roots, order


def reroot(con: Connection, new_roots: Mapping[str, str]) -> list[str]:
    """Point every article of each story at its new root (the root itself at none); returns the
    articles whose `duplicate_of` changed."""
    moves = {old: new for old, new in new_roots.items()}
    if not moves:
        return []
    table = pa.table({"old_root": pa.array(list(moves), type=pa.string()),
                      "new_root": pa.array(list(moves.values()), type=pa.string())})
    with _registered(con, "_tally_roots", table):
        changed = con.execute(
            "UPDATE articles SET duplicate_of = CASE WHEN articles.article_id = m.new_root THEN NULL ELSE m.new_root END"
            " FROM _tally_roots AS m WHERE coalesce(articles.duplicate_of, articles.article_id) = m.old_root"
            " AND (CASE WHEN articles.article_id = m.new_root THEN NULL ELSE m.new_root END)"
            " IS DISTINCT FROM articles.duplicate_of RETURNING articles.article_id"
        ).fetchall()
    return sorted(r[0] for r in changed)


_CLAIM_COLUMNS = ("claim_id", "article_id", "source", "metric", "category", "party", "location", "scope", "unit",
                  "rate", "value_low", "value_best", "value_high", "figure_key")


def claims_to_assemble(con: Connection, article_ids: Iterable[str]) -> list[dict[str, Any]]:
    """The claims of the given articles, with their article's publisher and its story root's publisher."""
    article_ids = set(article_ids)
    if not article_ids:
        return []
    columns = ", ".join(f"c.{name}" for name in _CLAIM_COLUMNS)
    with _registered(con, "_tally_ids", _ids_table(article_ids)):
        cur = con.execute(
            f"SELECT {columns}, a.publisher AS article_publisher, r.publisher AS root_publisher"
            " FROM claims AS c JOIN _tally_ids USING (article_id)"
            " JOIN articles AS a ON a.article_id = c.article_id"
            " JOIN articles AS r ON r.article_id = coalesce(a.duplicate_of, a.article_id)"
            " ORDER BY c.article_id, c.span_start, c.claim_id"
        )
        names = [d[0] for d in cur.description]
        return [dict(zip(names, row)) for row in cur.fetchall()]


def root_publishers(con: Connection, article_ids: Iterable[str]) -> dict[str, str | None]:
    """The publisher of the original of each given article that is a copy."""
    ids = set(article_ids)
    if not ids:
        return {}
    with _registered(con, "_tally_ids", _ids_table(ids)):
        return dict(con.execute(
            "SELECT a.article_id, r.publisher FROM articles AS a JOIN _tally_ids USING (article_id)"
            " JOIN articles AS r ON r.article_id = a.duplicate_of"
        ).fetchall())


def figure_keys_of(con: Connection, article_ids: Iterable[str]) -> set[str]:
    """The figure keys the claims of the given articles have now."""
    ids = list(article_ids)
    if not ids:
        return set()
    with _registered(con, "_tally_ids", _ids_table(ids)):
        rows = con.execute(
            "SELECT DISTINCT figure_key FROM claims JOIN _tally_ids USING (article_id) WHERE figure_key IS NOT NULL"
        ).fetchall()
    return {r[0] for r in rows}


def set_claim_sources(con: Connection, rows: Sequence[tuple[str, str | None, str]]) -> None:
    """Set (claim_id, source_id, figure_key) on stored claims."""
    if not rows:
        return
    table = pa.table({
        "claim_id": pa.array([r[0] for r in rows], type=pa.string()),
        "source_id": pa.array([r[1] for r in rows], type=pa.string()),
        "figure_key": pa.array([r[2] for r in rows], type=pa.string()),
    })
    with _registered(con, "_tally_claim_sources", table):
        con.execute(
            "UPDATE claims SET source_id = s.source_id, figure_key = s.figure_key FROM _tally_claim_sources AS s"
            " WHERE claims.claim_id = s.claim_id"
            " AND (claims.source_id IS DISTINCT FROM s.source_id OR claims.figure_key IS DISTINCT FROM s.figure_key)"
        )


def upsert_sources(con: Connection, curated: Sequence[Mapping[str, Any]], found: Sequence[Mapping[str, Any]]) -> None:
    """Store source records: curated ones as the data file says; others once, gaining a side
    when a later spelling reveals it."""
    for rows, update in (
        (curated, "name = excluded.name, kind = excluded.kind, side = excluded.side"),
        (found, "side = coalesce(sources.side, excluded.side)"),
    ):
        if not rows:
            continue
        table = pa.table({
            "source_id": pa.array([r["source_id"] for r in rows], type=pa.string()),
            "name": pa.array([r["name"] for r in rows], type=pa.string()),
            "kind": pa.array([r["kind"] for r in rows], type=pa.string()),
            "side": pa.array([r["side"] for r in rows], type=pa.string()),
        })
        with _registered(con, "_tally_sources", table):
            con.execute(
                "INSERT INTO sources BY NAME SELECT * FROM _tally_sources"
                f" ON CONFLICT (source_id) DO UPDATE SET {update}"
            )


def assign_figure_ids(con: Connection, figure_keys: Iterable[str]) -> None:
    """Renumber the figures of the given keys (warehouse/assembly/assign_figure_ids.sql)."""
    keys = sorted(set(figure_keys))
    if not keys:
        return
    sql = (ASSEMBLY_SQL_DIR / "assign_figure_ids.sql").read_text(encoding="utf-8")
    with _registered(con, "_tally_figure_keys", pa.table({"figure_key": pa.array(keys, type=pa.string())})):
        con.execute(sql)


def stamp_assembled(con: Connection, article_ids: Iterable[str], assembly_version: str) -> None:
    """Record that the given articles were assembled with this version."""
    with _registered(con, "_tally_ids", _ids_table(article_ids)):
        con.execute(
            "UPDATE articles SET assembly_version = ? FROM _tally_ids AS i"
            " WHERE articles.article_id = i.article_id AND articles.assembly_version IS DISTINCT FROM ?",
            [assembly_version, assembly_version],
        )


def stale_assembly_ids(con: Connection, assembly_version: str) -> list[str]:
    """Stored articles assembled by another version (or never), in the order they were stored."""
    rows = con.execute(
        "SELECT article_id FROM articles WHERE assembly_version IS DISTINCT FROM ? ORDER BY ingested_at, article_id",
        [assembly_version],
    ).fetchall()
    return [r[0] for r in rows]

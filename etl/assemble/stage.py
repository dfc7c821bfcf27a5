"""The assembly stage over a batch of stored articles: copies, sources, figure ids.

Runs inside the batch's transaction, right after the loader stored the batch, so a
committed batch is always assembled. It works on the batch's articles only (and the
stories and figure keys they touch), reading what it needs of the rest from the state
the warehouse keeps (signatures, band keys, figure keys): never every stored article.
"""
from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass

from etl.assemble import copies
from etl.assemble.figures import figure_key
from etl.assemble.sources import SourceRecord, source_book
from warehouse import assembly_store as store
from warehouse import loader
from warehouse.db import Connection


@dataclass
class AssemblyCounts:
    """What one assembly call changed."""

    articles: int = 0
    copies: int = 0  # articles whose duplicate_of changed
    claims: int = 0


def load_and_assemble(
    con: Connection, run_id: str, extractor_version: str, batch: Sequence[loader.ArticleBatch], assembly_version: str,
    removed: Sequence[str] = (),
) -> tuple[loader.LoadCounts, AssemblyCounts]:
    """Store a batch and assemble it, in the caller's transaction: the articles first (new ones
    stamped with `assembly_version`), then copies are linked, and the claims go in with their
    source_id and figure_key already set (no second pass over the claims table to update them).

    `removed` are stored dataset records that updated rows of the batch replace: they and their
    claims are deleted first, and the figures they leave behind renumbered.
    """
    replaced = [b.article.article_id for b in batch if b.replace]
    old_keys = store.figure_keys_of(con, [*replaced, *removed])  # figures the replaced claims leave behind
    claims_removed = loader.delete_records(con, removed)
    counts = loader.store_articles(con, run_id, extractor_version, batch, assembly_version)
    counts.claims_removed += claims_removed
    # The batch's claims as they will be stored (the first of a repeated claim_id), from memory:
    # never read back from the claims table, which a batch would otherwise scan whole.
    claim_rows = loader.batch_claim_rows(run_id, extractor_version, batch, counts)
    publishers = {b.article.article_id: b.article.publisher for b in batch}
    ids = [b.article.article_id for b in batch]
    signed = {aid: b.signature for aid, b in zip(ids, batch) if b.signature is not None}
    assembled = assemble_articles(con, ids, assembly_version, old_keys,
                                  batch_claims=claim_rows, publishers=publishers,
                                  texts={aid: b.article.text for aid, b in zip(ids, batch)},
                                  signed=signed, stamped=[b.article.article_id for b in batch if not b.replace],
                                  store_batch_claims=lambda rows: loader.store_claims(con, rows, counts))
    return counts, assembled


def assemble_articles(
    con: Connection, article_ids: Sequence[str], assembly_version: str, extra_keys: Iterable[str] = (),
    batch_claims: Sequence[dict] | None = None, texts: Mapping[str, str] | None = None,
    signed: Mapping[str, copies.Signature] | None = None, *, publishers: Mapping[str, str | None] | None = None,
    stamped: Iterable[str] = (), store_batch_claims: Callable[[list[dict]], None] | None = None,
) -> AssemblyCounts:
    """Assemble stored articles: sign and link copies, canonicalise sources, number figures.

    Without `batch_claims`, the articles' claims are read from the warehouse and updated there
    (signed here when `signed` lacks them, from their stored text). With them (the rows of a batch
    being stored, `publishers` their articles' publishers, `texts` their texts, `signed` the
    signatures the workers made), they are not stored yet: `store_batch_claims` gets them with
    source_id and figure_key set, before the figures are numbered. `stamped` are articles
    already stored with `assembly_version`.
    """
    counts = AssemblyCounts(articles=len(article_ids))
    touched = set(article_ids)
    # A dataset record is no story: it is never a copy, and each of its figures is its own event's.
    dataset_records = store.dataset_records(con, article_ids)
    moved = _find_copies(con, [aid for aid in article_ids if aid not in dataset_records], texts, signed)
    counts.copies = len(moved)
    touched.update(moved)

    if batch_claims is None:
        rows = store.claims_to_assemble(con, touched)
        pending: list[dict] = []
    else:
        publishers = publishers or {}
        roots = store.root_publishers(con, touched)
        pending = list(batch_claims)
        rows = [dict(c, article_publisher=publishers.get(c["article_id"]),
                     root_publisher=roots.get(c["article_id"], publishers.get(c["article_id"])))
                for c in pending]
        rows += store.claims_to_assemble(con, touched - set(article_ids))
    book = source_book()
    by_article: dict[str, list[dict]] = {}
    for row in rows:
        by_article.setdefault(row["article_id"], []).append(row)
    records: dict[str, SourceRecord] = {}
    assigned: dict[str, tuple[str | None, str]] = {}  # claim_id -> (source_id, figure_key)
    keys = set(extra_keys)
    for claims in by_article.values():
        publisher = claims[0]["article_publisher"]
        found = book.article_sources((c["source"] for c in claims), publisher=publisher)
        root_publisher = claims[0]["root_publisher"]
        root_source = book.canonical(root_publisher, publisher=root_publisher) if root_publisher else None
        for claim in claims:
            record = found.get(claim["source"]) if claim["source"] is not None else None
            if record is not None:
                records[record.source_id] = record
            effective = record
            if root_source is not None and publisher is not None and claim["source"] is not None \
                    and book.exact_form(claim["source"]) == book.exact_form(publisher):
                # A figure nobody is named for is the publisher's; in a copy, the original's.
                effective = root_source
                records[root_source.source_id] = root_source
            key = figure_key(effective.source_id if effective else None, claim,
                             dataset_records.get(claim["article_id"]))
            if claim.get("figure_key") is not None:
                keys.add(claim["figure_key"])
            keys.add(key)
            assigned[claim["claim_id"]] = (record.source_id if record else None, key)
    if pending:
        if store_batch_claims is None:
            raise ValueError("batch_claims are stored by store_batch_claims: none was given")
        store_batch_claims([{**c, "source_id": assigned[c["claim_id"]][0], "figure_key": assigned[c["claim_id"]][1]}
                            for c in pending])
        pending_ids = {c["claim_id"] for c in pending}
    else:
        pending_ids = set()
    store.set_claim_sources(con, [(cid, source_id, key) for cid, (source_id, key) in assigned.items()
                                  if cid not in pending_ids])
    store.upsert_sources(
        con,
        [r.to_row() for r in records.values() if r.curated],
        [r.to_row() for r in records.values() if not r.curated],
    )
    store.assign_figure_ids(con, keys)
    store.stamp_assembled(con, touched - set(stamped), assembly_version)
    counts.claims = len(assigned)
    return counts


def stale_article_ids(con: Connection, assembly_version: str) -> list[str]:
    """Stored articles another assembly version assembled (or none did), in the order stored."""
    return store.stale_assembly_ids(con, assembly_version)


def _find_copies(con: Connection, article_ids: Sequence[str], texts: Mapping[str, str] | None = None,
                 presigned: Mapping[str, copies.Signature] | None = None) -> list[str]:
    """Sign the articles that have no signature of this version yet, link them to stored copies,
    re-root the stories they join; returns the articles whose duplicate_of changed. `texts` are
    the articles' texts when the caller has them (else they are read from the warehouse),
    `presigned` signatures already made of them."""
    versions = store.signature_versions(con, article_ids)
    unsigned = [aid for aid in article_ids if versions.get(aid) != copies.SIGNATURE_VERSION]
    presigned = presigned or {}
    to_sign = [aid for aid in unsigned if aid not in presigned]
    if to_sign and (texts is None or any(aid not in texts for aid in to_sign)):
        texts = {**(texts or {}), **store.texts(con, to_sign)}
    signed = {aid: presigned[aid] if aid in presigned else copies.text_signature(texts[aid]) for aid in unsigned}
    store.store_signatures(con, signed, copies.SIGNATURE_VERSION, replacing=[a for a in unsigned if a in versions])
    pairs = store.candidate_signatures(con, {aid: sig.band_keys for aid, sig in signed.items() if sig.comparable})
    links = copies.copy_pairs(pairs.a, pairs.b, pairs.minhash_a, pairs.minhash_b, pairs.numbers_a, pairs.numbers_b)
    if not links:
        return []
    roots, order = store.story_state(con, {x for pair in links for x in pair})
    return store.reroot(con, copies.story_roots(links, roots, order))

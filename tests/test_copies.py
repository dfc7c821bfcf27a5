"""Copies of one story (etl/assemble/copies.py): signatures, band keys, story roots. Pure."""
from __future__ import annotations

import json
import re
from pathlib import Path

import numpy as np
from hypothesis import given, settings
from hypothesis import strategies as st

from etl.assemble import copies

COPIES = Path(__file__).parent / "fixtures" / "copies" / "three_copies.jsonl"


def three_copies() -> list[str]:
    return [json.loads(line)["text"] for line in COPIES.read_text(encoding="utf-8").splitlines()]


def test_copies_with_other_boilerplate_are_copies_and_share_a_band() -> None:
    signatures = [copies.text_signature(t) for t in three_copies()]
    for i in range(3):
        for j in range(i + 1, 3):
            a, b = signatures[i], signatures[j]
            assert copies.is_copy(a, b), copies.similarity(a.minhash, b.minhash)
            assert set(a.band_keys) & set(b.band_keys)  # LSH finds them as candidates


def test_another_story_and_a_bulletin_with_other_numbers_are_not_copies() -> None:
    story = three_copies()[0]
    other = ("Flooding in the south of the country has forced thousands of families from their homes, the "
             "interior ministry said on Sunday, as rivers rose after a week of heavy rain and more storms were "
             "forecast for the coming days across the region.")
    # the same bulletin a week later: every number changed, every word around them the same
    numbers = iter(range(1000, 9999, 7))
    bulletin = re.sub(r"\d[\d,.]*", lambda m: str(next(numbers)), story)
    sig = copies.text_signature(story)
    assert not copies.is_copy(sig, copies.text_signature(other))
    renumbered = copies.text_signature(bulletin)
    assert copies.similarity(sig.minhash, renumbered.minhash) >= copies.COPY_JACCARD  # the words alone agree
    assert not copies.is_copy(sig, renumbered)


def test_copies_state_the_same_numbers() -> None:
    assert copies.numbers("At least 1,200 killed in 2022 and 34 wounded; 1.5 million fled") == {"1200", "34", "1.5"}
    assert copies.same_numbers(frozenset({"11", "34", "23"}), frozenset({"11", "34", "23", "7"}))  # boilerplate adds
    assert copies.same_numbers(frozenset(), frozenset({"3"}))
    assert not copies.same_numbers(frozenset({"11", "34", "23"}), frozenset({"12", "34", "25"}))


def test_short_texts_are_never_compared() -> None:
    short = copies.text_signature("At least 7 civilians died.")
    assert not short.comparable and short.band_keys == []
    assert copies.text_signature(three_copies()[0]).comparable


def test_signature_is_deterministic_and_has_the_stored_shape() -> None:
    text = three_copies()[1]
    a, b = copies.text_signature(text), copies.text_signature(text)
    assert a.minhash.dtype == np.uint32 and a.minhash.shape == (copies.NUM_PERM,)
    assert np.array_equal(a.minhash, b.minhash) and a.band_keys == b.band_keys
    assert len(a.band_keys) == copies.BANDS and len(set(a.band_keys)) == copies.BANDS
    assert all(-(2 ** 63) <= k < 2 ** 63 for k in a.band_keys)  # fits a BIGINT


@settings(max_examples=50, deadline=None)
@given(st.lists(st.sampled_from("the of killed people said in city strike on forces 12 300 Kyiv".split()),
                min_size=0, max_size=60))
def test_similarity_is_symmetric_and_one_with_itself(words: list[str]) -> None:
    text = " ".join(words)
    other = " ".join(reversed(words))
    a, b = copies.text_signature(text).minhash, copies.text_signature(other).minhash
    assert copies.similarity(a, a) == 1.0
    assert copies.similarity(a, b) == copies.similarity(b, a)
    assert 0.0 <= copies.similarity(a, b) <= 1.0


def test_story_roots_join_stories_at_their_earliest_article() -> None:
    order = {"a": (1, "a"), "b": (2, "b"), "c": (3, "c"), "d": (4, "d")}
    # c was linked to b's story before; now d links b's story with a's
    roots = {"a": "a", "b": "b", "c": "b", "d": "d"}
    new = copies.story_roots([("d", "a"), ("d", "c")], roots, order)
    assert new == {"a": "a", "b": "a", "d": "a"}
    # a copy found before its (older, not yet signed) original gives the root to the original
    assert copies.story_roots([("new", "old")], {"new": "new", "old": "old"},
                              {"new": (5, "new"), "old": (1, "old")}) == {"new": "old", "old": "old"}


_WORDS = "the of killed people said in city strike on forces 12 300 2022 Kyiv Київ загинули людей".split()


@settings(max_examples=60, deadline=None)
@given(st.lists(st.lists(st.sampled_from(_WORDS), min_size=0, max_size=40).map(" ".join), min_size=0, max_size=8))
def test_signatures_of_many_texts_are_datasketchs_of_each(texts: list[str]) -> None:
    # The workers sign a chunk of articles at once; the stored signatures must stay those of
    # datasketch's MinHash, text by text (stored signatures and band keys are compared with them).
    together = copies.text_signatures(texts)
    assert len(together) == len(texts)
    for text, signature in zip(texts, together):
        alone = copies.text_signature(text)
        assert signature.minhash.dtype == np.uint32
        assert np.array_equal(signature.minhash, alone.minhash), text
        assert (signature.shingles, signature.numbers) == (alone.shingles, alone.numbers)
        assert signature.band_keys == alone.band_keys


def test_band_keys_hash_each_band_of_four_values_with_its_number() -> None:
    import hashlib

    signature = copies.text_signature(three_copies()[0])
    rows = signature.minhash.reshape(copies.BANDS, copies.ROWS)
    expected = [int.from_bytes(hashlib.blake2b(values.tobytes(), digest_size=8,
                                               person=band.to_bytes(2, "little")).digest(), "little", signed=True)
                for band, values in enumerate(rows)]
    assert signature.band_keys == expected


def test_copy_pairs_compares_in_slices_the_same_as_whole(monkeypatch) -> None:
    """Pairs compared a slice at a time, from the distinct signatures and a pair index (as the
    warehouse gives them), are the pairs a whole-matrix comparison finds."""
    from warehouse.assembly_store import _PickedRows

    rng = np.random.default_rng(3)
    distinct = rng.integers(0, 4, size=(40, copies.NUM_PERM), dtype=np.uint32)
    distinct[1::2] = distinct[::2]  # half the articles copy the one before
    index_a = rng.integers(0, 40, size=500)
    index_b = np.where(rng.random(500) < 0.5, index_a ^ 1, rng.integers(0, 40, size=500))
    ids = [f"a{i}" for i in range(40)]
    a, b = [ids[i] for i in index_a], [ids[i] for i in index_b]
    numbers = [["5"]] * 500
    whole = copies.copy_pairs(a, b, distinct[index_a], distinct[index_b], numbers, numbers)
    monkeypatch.setattr(copies, "PAIR_CHUNK", 7)
    sliced = copies.copy_pairs(a, b, _PickedRows(distinct, index_a), _PickedRows(distinct, index_b),
                               numbers, numbers)
    assert sliced == whole
    assert len(whole) > 100  # the copies were found

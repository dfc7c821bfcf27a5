"""Copies of one story: MinHash signatures of article texts, LSH band keys, and story roots.

Pure: text in, signature out; links in, roots out. The warehouse keeps each article's
signature and band keys (tables `article_signatures`, `article_signature_bands`), so a
run signs only the articles it stores and finds candidates with one join.

Why datasketch, and why the bands are ours: datasketch's `MinHash` (vectorised
permutations, a collision-free 32-bit scheme since 2.0) computes the signatures.
Its `MinHashLSH` index lives in memory (or Redis/Cassandra), so every run would rebuild
it from all stored signatures (seconds at 100,000 articles) before it could look up
one new article; banding the signature ourselves and storing the band keys in DuckDB
makes the look-up a join that grows with each batch, in the batch's own transaction.
The banding is the textbook one (`MinHashLSH` does the same with its `hashranges`).

Two texts are copies when the Jaccard index of their word 5-gram sets (shingles) is at least
`COPY_JACCARD` *and* they state the same numbers (`NUMBERS_SHARED`). Copies of a wire story
with other boilerplate share nearly all their shingles and all their figures; a later version
or the next day's bulletin that differs in its figures is no copy, even when its words are the
same. The numbers are checked beside the signature rather than hashed into it: in short texts
a shared "10" would fill whole bands and make thousands of candidates.
"""
from __future__ import annotations

import hashlib
import re
import unicodedata
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from functools import cached_property, lru_cache

import numpy as np

NUM_PERM = 128
"""Permutations per signature: the Jaccard estimate's standard error is about 0.04 at 0.7."""
BANDS, ROWS = 32, 4
"""LSH banding: two texts become candidates when one band of 4 hash values agrees. The
S-curve's threshold is (1/32)^(1/4) = 0.42: a pair at Jaccard 0.6 is found with probability
0.99, at 0.3 with 0.23 (then refused by the estimate)."""
SHINGLE_WORDS = 5
NUMBERS_SHARED = 0.8
"""Share of the distinct numbers of the text that states fewer that the other must state too."""
COPY_JACCARD = 0.6
"""Estimated Jaccard index at or above which two texts are copies of one story."""
MIN_SHINGLES = 12
"""Texts with fewer shingles (under about 16 words) are never copies: too little to tell."""
SEED = 1
SCHEME = "affine32"
SIGNATURE_VERSION = f"minhash-{SCHEME}-{NUM_PERM}x{SEED}-b{BANDS}r{ROWS}-w{SHINGLE_WORDS}"
"""Stored with each signature: a signature made another way is made again from the stored text."""

assert BANDS * ROWS == NUM_PERM
_WORD_RE = re.compile(r"\w+")
_NUMBER_RE = re.compile(r"\d+(?:[.,]\d+)*")
_YEAR_RE = re.compile(r"(?:19|20)\d\d")
_BAND_PERSONS = tuple(band.to_bytes(2, "little") for band in range(BANDS))


@dataclass(frozen=True)
class Signature:
    """An article text's MinHash signature and its LSH band keys."""

    minhash: np.ndarray  # uint32[NUM_PERM]
    shingles: int
    numbers: frozenset[str] = frozenset()  # the distinct numbers the text states (years aside)

    @property
    def comparable(self) -> bool:
        """Whether the text is long enough to be compared at all."""
        return self.shingles >= MIN_SHINGLES

    @cached_property
    def band_keys(self) -> list[int]:
        """One signed 64-bit key per band (band number included), for the band table."""
        if not self.comparable:
            return []
        data = self.minhash.tobytes()
        step = ROWS * 4
        digests = b"".join(hashlib.blake2b(data[band * step:(band + 1) * step], digest_size=8, person=person).digest()
                           for band, person in enumerate(_BAND_PERSONS))
        return np.frombuffer(digests, dtype="<i8").tolist()


def shingles(text: str) -> set[bytes]:
    """The word 5-grams of a text (NFKC, casefolded words), UTF-8 encoded."""
    words = _WORD_RE.findall(unicodedata.normalize("NFKC", text).casefold())
    if len(words) < SHINGLE_WORDS:
        return {" ".join(words).encode("utf-8")} if words else set()
    return {" ".join(words[i:i + SHINGLE_WORDS]).encode("utf-8") for i in range(len(words) - SHINGLE_WORDS + 1)}


def numbers(text: str) -> frozenset[str]:
    """The distinct numbers a text writes in digits, without separators; years aside (they are
    dates, and most articles of a year share one)."""
    found = (n.replace(",", "") for n in _NUMBER_RE.findall(unicodedata.normalize("NFKC", text)))
    return frozenset(n for n in found if not _YEAR_RE.fullmatch(n))


@lru_cache(maxsize=1)
def _minhash_class() -> type:
    # Imported when first needed: `import datasketch` loads its LSH modules and, with them,
    # scipy (over a second), which a run with nothing new to sign never needs.
    from datasketch import MinHash
    return MinHash


@lru_cache(maxsize=1)
def _permutations() -> tuple[np.ndarray, np.ndarray]:
    return _minhash_class()(num_perm=NUM_PERM, seed=SEED, scheme=SCHEME).permutations


_MAX_HASH = np.uint32(0xFFFFFFFF)
# datasketch's "affine32" pre-mix: the MurmurHash3 32-bit finalizer (a fixed, published bijection).
_FMIX32 = (np.uint32(16), np.uint32(0x85EBCA6B), np.uint32(13), np.uint32(0xC2B2AE35), np.uint32(16))


def _sha1_32(shingle: bytes) -> bytes:
    """datasketch's default `sha1_hash32`, as its 4 little-endian bytes."""
    return hashlib.sha1(shingle).digest()[:4]


def text_signature(text: str) -> Signature:
    """The MinHash signature of a text's shingles (datasketch's `MinHash`, scheme affine32)."""
    found = shingles(text)
    m = _minhash_class()(num_perm=NUM_PERM, seed=SEED, scheme=SCHEME, permutations=_permutations())
    m.update_batch(sorted(found))
    return Signature(np.asarray(m.hashvalues, dtype=np.uint32), len(found), numbers(text))


def text_signatures(texts: Sequence[str]) -> list[Signature]:
    """`text_signature` of many texts at once, with the same values.

    Why by hand: datasketch hashes each shingle with a Python call and builds a `MinHash` per
    text, which cost more than the extraction of a short article. Here the shingles of all the
    texts are hashed in one pass (the same SHA-1 bytes), pre-mixed and permuted as one uint32
    matrix with datasketch's own permutations, and reduced per text (`np.minimum.reduceat`);
    tests/test_copies.py checks the values against `text_signature`.
    """
    sets = [shingles(text) for text in texts]
    counts = np.fromiter((len(found) for found in sets), dtype=np.int64, count=len(sets))
    values = np.full((len(sets), NUM_PERM), _MAX_HASH, dtype=np.uint32)
    if counts.sum():
        hv = np.frombuffer(b"".join(_sha1_32(s) for found in sets for s in found), dtype="<u4").astype(np.uint32)
        s1, m1, s2, m2, s3 = _FMIX32
        hv = hv ^ (hv >> s1)
        hv = hv * m1
        hv = hv ^ (hv >> s2)
        hv = hv * m2
        hv = hv ^ (hv >> s3)
        a, b = _permutations()
        permuted = hv[:, None] * a.astype(np.uint32) + b.astype(np.uint32)
        filled = np.flatnonzero(counts)
        starts = np.concatenate(([0], np.cumsum(counts)[:-1]))[filled]
        values[filled] = np.minimum.reduceat(permuted, starts, axis=0)
    return [Signature(values[i].copy(), int(counts[i]), numbers(text)) for i, text in enumerate(texts)]


def similarity(a: np.ndarray, b: np.ndarray) -> float:
    """Estimated Jaccard index of two signatures (the share of equal hash values, as
    `MinHash.jaccard` computes it, without building MinHash objects)."""
    return float(np.count_nonzero(np.asarray(a) == np.asarray(b))) / NUM_PERM


PAIR_CHUNK = 4096
"""Candidate pairs whose signatures are compared at once (`copy_pairs`)."""


def copy_pairs(a: Sequence[str], b: Sequence[str], minhash_a: Sequence[np.ndarray], minhash_b: Sequence[np.ndarray],
               numbers_a: Sequence[Iterable[str]], numbers_b: Sequence[Iterable[str]]) -> list[tuple[str, str]]:
    """The pairs (a[i], b[i]) that are copies (`is_copy`), for many candidate pairs at once: the
    signatures (`minhash_a[i]`: a uint32 matrix, or anything whose slices are one) are compared as
    arrays, the numbers only of the pairs similar enough."""
    if not len(a):
        return []
    # In slices: templated text makes tens of thousands of pairs per batch, more as the warehouse
    # grows, and whole pair matrices would be a transient peak of tens of MB in the writer.
    equal = [np.count_nonzero(np.asarray(minhash_a[start:start + PAIR_CHUNK]) ==
                              np.asarray(minhash_b[start:start + PAIR_CHUNK]), axis=1)
             for start in range(0, len(a), PAIR_CHUNK)]
    similar = np.concatenate(equal) / NUM_PERM >= COPY_JACCARD
    return [(a[i], b[i]) for i in np.flatnonzero(similar)
            if same_numbers(frozenset(numbers_a[i]), frozenset(numbers_b[i]))]


def same_numbers(a: frozenset[str], b: frozenset[str]) -> bool:
    """Whether two texts state the same figures: most numbers of the one with fewer are in the other."""
    fewer, more = sorted((a, b), key=len)
    return not fewer or len(fewer & more) / len(fewer) >= NUMBERS_SHARED


def is_copy(a: Signature, b: Signature) -> bool:
    """Whether two signatures are of copies of one story."""
    return similarity(a.minhash, b.minhash) >= COPY_JACCARD and same_numbers(a.numbers, b.numbers)


def story_roots(
    links: Iterable[tuple[str, str]], roots: Mapping[str, str], order: Mapping[str, tuple]
) -> dict[str, str]:
    """The root of every story the links touch, after joining the stories they link.

    `links` are pairs of articles found to be copies; `roots` maps each article of a link to
    its story's current root (itself for an original); `order` gives each root's sort key
    (stored time, then id). Stories linked directly or through others become one, rooted at
    the earliest stored article. Returns old root -> new root for every root involved.
    """
    parent: dict[str, str] = {}

    def find(x: str) -> str:
        parent.setdefault(x, x)
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    for a, b in links:
        ra, rb = find(roots[a]), find(roots[b])
        if ra != rb:
            first, second = sorted((ra, rb), key=lambda r: order[r])
            parent[second] = first
    return {root: find(root) for root in list(parent)}

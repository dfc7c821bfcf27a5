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

Similarity is the Jaccard index of the texts' word 5-gram sets (shingles): copies of a
wire story with other boilerplate share nearly all their shingles, while two reports
that differ only in their numbers (a daily losses bulletin) differ in every shingle
around each number.
"""
from __future__ import annotations

import hashlib
import re
import unicodedata
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from functools import lru_cache

import numpy as np

NUM_PERM = 128
"""Permutations per signature: the Jaccard estimate's standard error is about 0.04 at 0.7."""
BANDS, ROWS = 32, 4
"""LSH banding: two texts become candidates when one band of 4 hash values agrees. The
S-curve's threshold is (1/32)^(1/4) = 0.42: a pair at Jaccard 0.6 is found with probability
0.99, at 0.3 with 0.23 (then refused by the estimate)."""
SHINGLE_WORDS = 5
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


@dataclass(frozen=True)
class Signature:
    """An article text's MinHash signature and its LSH band keys."""

    minhash: np.ndarray  # uint32[NUM_PERM]
    shingles: int

    @property
    def comparable(self) -> bool:
        """Whether the text is long enough to be compared at all."""
        return self.shingles >= MIN_SHINGLES

    def band_keys(self) -> list[int]:
        """One signed 64-bit key per band (band number included), for the band table."""
        if not self.comparable:
            return []
        rows = self.minhash.reshape(BANDS, ROWS)
        keys = []
        for band, values in enumerate(rows):
            digest = hashlib.blake2b(values.tobytes(), digest_size=8, person=band.to_bytes(2, "little")).digest()
            keys.append(int.from_bytes(digest, "little", signed=True))
        return keys


def shingles(text: str) -> set[bytes]:
    """The word 5-grams of a text (NFKC, casefolded words), UTF-8 encoded."""
    words = _WORD_RE.findall(unicodedata.normalize("NFKC", text).casefold())
    if len(words) < SHINGLE_WORDS:
        return {" ".join(words).encode("utf-8")} if words else set()
    return {" ".join(words[i:i + SHINGLE_WORDS]).encode("utf-8") for i in range(len(words) - SHINGLE_WORDS + 1)}


@lru_cache(maxsize=1)
def _minhash_class() -> type:
    # Imported when first needed: `import datasketch` loads its LSH modules and, with them,
    # scipy (over a second), which a run with nothing new to sign never needs.
    from datasketch import MinHash
    return MinHash


@lru_cache(maxsize=1)
def _permutations() -> tuple[np.ndarray, np.ndarray]:
    return _minhash_class()(num_perm=NUM_PERM, seed=SEED, scheme=SCHEME).permutations


def text_signature(text: str) -> Signature:
    """The MinHash signature of a text's shingles."""
    found = shingles(text)
    m = _minhash_class()(num_perm=NUM_PERM, seed=SEED, scheme=SCHEME, permutations=_permutations())
    m.update_batch(sorted(found))
    return Signature(np.asarray(m.hashvalues, dtype=np.uint32), len(found))


def similarity(a: np.ndarray, b: np.ndarray) -> float:
    """Estimated Jaccard index of two signatures (the share of equal hash values, as
    `MinHash.jaccard` computes it, without building MinHash objects)."""
    return float(np.count_nonzero(np.asarray(a) == np.asarray(b))) / NUM_PERM


def is_copy(a: np.ndarray, b: np.ndarray) -> bool:
    """Whether two signatures are of copies of one story."""
    return similarity(a, b) >= COPY_JACCARD


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

"""Near-duplicate detection: MinHash signatures over word 5-shingles and a banded LSH index.

News about one event is syndicated: an agency story reappears on aggregators with a new headline,
a "Source:" line, a trimmed last paragraph. Counting each copy as a separate report would inflate
how much attention an event got, so copies map to the first stored document.

Exact duplicates are caught upstream by ``doc_id`` (a hash of the normalised text); this module
catches the rest. Two texts whose sets of word 5-shingles have Jaccard similarity ``J`` agree on
each MinHash coordinate with probability ``J``, so the share of equal coordinates estimates ``J``.
LSH splits the 128 coordinates into 32 bands of 4: two texts become candidates when any band is
equal, which happens with probability ``1 - (1 - J**4)**32`` -- above 0.99999 at ``J = 0.8``, so
hardly any true near-duplicate is missed -- and every candidate is then verified on the whole
signature, so the loose banding costs only time, never precision.

Each shingle is hashed once to 64 bits with BLAKE2; permutation ``i`` is then the MurmurHash3
64-bit finaliser applied to ``hash XOR seed_i``, keeping the top 32 bits. (A linear family
``(a*x + b) mod p`` with small ``a`` -- all that fits uint64 arithmetic -- hardly permutes
neighbouring hashes and underestimated a Jaccard of 0.5 as 0.3; the finaliser's avalanche does
not have that flaw.) The 128 seeds are the first words of NumPy's PCG64 bit generator under a
fixed seed: the raw PCG64 stream is stable across NumPy versions (unlike ``Generator`` methods)
and BLAKE2 is stable across processes (unlike ``hash()``), so signatures stored today still
match signatures computed by a later version or on a Spark worker. Values are below ``2**32``,
which any integer column holds.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
from collections import defaultdict

import numpy as np
import numpy.typing as npt

__all__ = [
    "BANDS",
    "NUM_PERM",
    "THRESHOLD",
    "NearDuplicateIndex",
    "band_keys",
    "estimate_jaccard",
    "shingles",
    "signature",
]

NUM_PERM = 128
BANDS = 32
ROWS = NUM_PERM // BANDS
THRESHOLD = 0.8
SHINGLE = 5
SEED = 20200504  # the NAM Contact Group summit; any fixed value works, it must never change

_raw = np.random.PCG64(SEED).random_raw(NUM_PERM)
_SEEDS: npt.NDArray[np.uint64] = _raw.astype(np.uint64)
_EMPTY = 1 << 32  # above every 32-bit value: the signature of a text without shingles
_CHUNK = 4096  # shingles per step: bounds memory at NUM_PERM * _CHUNK * 8 bytes (4 MB)
_M1 = np.uint64(0xFF51AFD7ED558CCD)
_M2 = np.uint64(0xC4CEB9FE1A85EC53)
_S33 = np.uint64(33)
_S32 = np.uint64(32)
_WORD = re.compile(r"\w+")


def shingles(text: str) -> set[str]:
    """Word 5-shingles of the case-folded, NFKC-normalised text; a text shorter than five words
    is one shingle, and an empty text has none."""
    words = _WORD.findall(unicodedata.normalize("NFKC", text).casefold())
    if not words:
        return set()
    if len(words) < SHINGLE:
        return {" ".join(words)}
    return {" ".join(words[i : i + SHINGLE]) for i in range(len(words) - SHINGLE + 1)}


def signature(text: str) -> tuple[int, ...]:
    """The MinHash signature (``NUM_PERM`` integers) of ``text``'s word 5-shingles.

    An empty text gets ``2**32`` everywhere, a value no shingle can produce.
    """
    hashes = np.fromiter(
        (
            int.from_bytes(hashlib.blake2b(s.encode(), digest_size=8).digest(), "little")
            for s in shingles(text)
        ),
        dtype=np.uint64,
    )
    mins = np.full(NUM_PERM, _EMPTY, dtype=np.uint64)
    for start in range(0, len(hashes), _CHUNK):
        x = hashes[start : start + _CHUNK]
        np.minimum(mins, _mix(_SEEDS[:, None] ^ x[None, :]).min(axis=1), out=mins)
    return tuple(int(v) for v in mins)


def _mix(h: npt.NDArray[np.uint64]) -> npt.NDArray[np.uint64]:
    """MurmurHash3's 64-bit finaliser, top 32 bits: a bijection with full avalanche, so each
    seed gives an independent-looking ordering of the shingles (uint64 products wrap, as the
    finaliser intends)."""
    h = h ^ (h >> _S33)
    h = h * _M1
    h = h ^ (h >> _S33)
    h = h * _M2
    h = h ^ (h >> _S33)
    return h >> _S32


def estimate_jaccard(a: tuple[int, ...], b: tuple[int, ...]) -> float:
    """Share of equal signature coordinates: an unbiased estimate of the shingle Jaccard."""
    _check(a)
    _check(b)
    return float(np.mean(np.asarray(a, dtype=np.uint64) == np.asarray(b, dtype=np.uint64)))


def _check(sig: tuple[int, ...]) -> None:
    if len(sig) != NUM_PERM:
        raise ValueError(
            f"signature has {len(sig)} values, expected {NUM_PERM}: it was made with other "
            "MinHash settings; recompute it with nonaligned.text.dedup.signature"
        )


_BAND_MUL = np.uint64(0x9E3779B97F4A7C15)  # 2**64 / golden ratio: spreads the first half


def band_keys(sigs: npt.ArrayLike) -> npt.NDArray[np.uint64]:
    """The ``BANDS`` 64-bit keys of each signature (rows of ``sigs``), shape (n, BANDS).

    Two signatures share a key where their band is equal (and, rarely, by collision: a
    collision only adds a candidate, which the full-signature check then rejects). The keys are
    stored (``document_bands``), so the function must never change: pure uint64 arithmetic, the
    same on every platform and NumPy version.
    """
    a = np.asarray(sigs, dtype=np.uint64).reshape(-1, BANDS, ROWS)
    with np.errstate(over="ignore"):
        hi = (a[:, :, 0] << _S32) | (a[:, :, 1] & np.uint64(0xFFFFFFFF))
        lo = (a[:, :, 2] << _S32) | (a[:, :, 3] & np.uint64(0xFFFFFFFF))
        return _mix64(_mix64(hi * _BAND_MUL) ^ lo)


def _mix64(h: npt.NDArray[np.uint64]) -> npt.NDArray[np.uint64]:
    """MurmurHash3's 64-bit finaliser, all 64 bits."""
    h = h ^ (h >> _S33)
    h = h * _M1
    h = h ^ (h >> _S33)
    h = h * _M2
    return h ^ (h >> _S33)


class NearDuplicateIndex:
    """In-memory LSH index from signature bands to the documents that have them.

    For a bounded set of documents: one ingest batch (the store keeps the index of everything
    stored, ``document_bands``), or one Spark partition. ``match`` first, and ``add`` when there
    is no match.
    """

    def __init__(self, *, threshold: float = THRESHOLD) -> None:
        self.threshold = threshold
        self._ids: list[str] = []
        self._known: set[str] = set()
        self._sigs: list[npt.NDArray[np.uint64]] = []
        self._buckets: defaultdict[tuple[int, bytes], list[int]] = defaultdict(list)

    def __len__(self) -> int:
        return len(self._ids)

    def add(self, doc_id: str, sig: tuple[int, ...]) -> None:
        """Index ``sig`` under ``doc_id``; adding a ``doc_id`` twice keeps the first."""
        _check(sig)
        if doc_id in self._known:
            return
        arr = np.asarray(sig, dtype=np.uint64)
        idx = len(self._ids)
        self._ids.append(doc_id)
        self._known.add(doc_id)
        self._sigs.append(arr)
        for band, key in enumerate(self._band_keys(arr)):
            self._buckets[(band, key)].append(idx)

    def match(self, sig: tuple[int, ...]) -> str | None:
        """The earliest-added ``doc_id`` whose estimated Jaccard with ``sig`` reaches the
        threshold, or None."""
        _check(sig)
        arr = np.asarray(sig, dtype=np.uint64)
        candidates: set[int] = set()
        for band, key in enumerate(self._band_keys(arr)):
            candidates.update(self._buckets.get((band, key), ()))
        for idx in sorted(candidates):
            if float(np.mean(self._sigs[idx] == arr)) >= self.threshold:
                return self._ids[idx]
        return None

    @staticmethod
    def _band_keys(arr: npt.NDArray[np.uint64]) -> list[bytes]:
        return [arr[b * ROWS : (b + 1) * ROWS].tobytes() for b in range(BANDS)]

"""MinHash values exactly as datasketch's MinHash computes them (scheme "affine32", hash sha1_hash32), in a few lines
of numpy: importing anything from datasketch runs its package __init__, which imports scipy.integrate and
scipy.optimize for its LSH classes, ~0.8 s CPU (cProfile, loaded machine) of a new process' corpus step that only
shingles the ten articles it adds. Same permutations (numpy's RandomState(seed), drawn as datasketch draws them),
same hash, same MurmurHash3 pre-mix, same values (tests/resolve/test_minhash.py compares them with datasketch's)."""
from __future__ import annotations

import hashlib
from collections.abc import Iterable
from functools import lru_cache

import numpy as np

_EMPTY = np.uint32(0xFFFFFFFF)  # datasketch's initial (and empty-set) hash value for affine32
# MurmurHash3's 32-bit finalizer: (shift, multiplier, shift, multiplier, shift)
_FMIX = (np.uint32(16), np.uint32(0x85EBCA6B), np.uint32(13), np.uint32(0xC2B2AE35), np.uint32(16))


@lru_cache(maxsize=8)
def permutations(num_perm: int, seed: int) -> np.ndarray:
    """The affine permutations (a odd, b) as a (2, num_perm) uint32 array, drawn as datasketch draws them."""
    gen = np.random.RandomState(seed)
    a = gen.randint(0, 1 << 31, num_perm, dtype=np.uint32) * np.uint32(2) + np.uint32(1)
    b = gen.randint(0, 1 << 32, num_perm, dtype=np.uint32)
    return np.array([a, b])


def _fmix32(hv: np.ndarray) -> np.ndarray:
    s1, m1, s2, m2, s3 = _FMIX
    hv = hv ^ (hv >> s1)
    hv = hv * m1  # uint32 arrays wrap: the modulo 2^32 the finalizer means
    hv = hv ^ (hv >> s2)
    hv = hv * m2
    return hv ^ (hv >> s3)


def minhash_values(items: Iterable[bytes], num_perm: int, seed: int) -> np.ndarray:
    """MinHash(num_perm, seed, scheme="affine32").update_batch(items).hashvalues: uint32, one value a permutation."""
    # each item's first 4 sha1 bytes as a little-endian uint32, read from one joined buffer: an int built per item
    # in a generator cost ~40% more (329k shingles of the 1,000-text store: 0.33 -> 0.24 s CPU with the numpy below)
    sha1 = hashlib.sha1
    hv = np.frombuffer(b"".join([sha1(x).digest()[:4] for x in items]), dtype="<u4").astype(np.uint32)
    out = np.full(num_perm, _EMPTY, dtype=np.uint32)
    if not len(hv):
        return out
    a, b = permutations(num_perm, seed)
    return np.minimum(out, (_fmix32(hv.reshape(-1, 1)) * a + b).min(axis=0))

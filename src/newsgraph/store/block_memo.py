"""Unpickled blocks of immutable layers kept between the corpus steps of one process: a build that adds ten articles
to a store this process stepped before reads the other articles' blocks from memory, not from the store's
pickles (1,000 statement digests: ~0.2 s of unpickling per step). A block is keyed by layer and its cache key (a
hash of its inputs and the layer's version), so a held value is what reading the store would give; only layers
whose values are immutable (frozen dataclasses, named tuples, tuples and frozensets of them) are held, as one object
then serves every step."""
from __future__ import annotations

import os
from typing import Any, Iterable

# Layers whose block values nothing may change (tests/store/test_block_memo.py walks their seed values).
HELD_LAYERS = frozenset({"statement_digests", "source_signals", "copy_pair"})
# Pickled bytes of blocks held at most (statement digests ~4.7 KB an article, source signals and copy pairs ~0.7 KB:
# ~5.4 MB at 1,000 articles), so memory stays bounded: held values outlive the step's own use of them.
HELD_BYTES = int(os.environ.get("NEWSGRAPH_BLOCK_MEMO_BYTES", "16000000"))

_held: dict[tuple[str, str], tuple[Any, int]] = {}  # (layer, key) -> (value, pickled size)
_bytes = 0


def lookup(layer: str, keys: Iterable[str]) -> dict[str, Any]:
    """The held values among keys."""
    if layer not in HELD_LAYERS:
        return {}
    return {k: held[0] for k in keys if (held := _held.get((layer, k))) is not None}


def hold(layer: str, key: str, value: Any, size: int) -> None:
    """Keep a block read from or written to the store, while the byte budget allows."""
    global _bytes
    if layer in HELD_LAYERS and (layer, key) not in _held and _bytes + size <= HELD_BYTES:
        _held[(layer, key)] = (value, size)
        _bytes += size


def keep_only(used: dict[str, set[str]]) -> None:
    """Drop the held blocks a corpus step did not use (those its prune drops from the store)."""
    global _bytes
    for lk in [lk for lk in _held if lk[1] not in used.get(lk[0], ())]:
        _bytes -= _held.pop(lk)[1]


def forget() -> None:
    """Hold nothing (tests)."""
    global _bytes
    _held.clear()
    _bytes = 0


def held_keys(layer: str) -> set[str]:
    """The keys held for a layer (tests)."""
    return {k for (lay, k) in _held if lay == layer}

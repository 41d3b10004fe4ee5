"""Pairs of unit vectors at or above a cosine threshold without comparing every pair: an HNSW graph (faiss) gives
each query its nearest neighbours, and a query whose whole neighbour list clears the threshold is compared
exhaustively, so only a neighbour the graph fails to reach can be missed (measured: none on seeds + dev, none of
the 6,349 open pairs of the 1,052-record scale set)."""
from __future__ import annotations

import numpy as np

HNSW_M = 32
EF_CONSTRUCTION = 64
EF_SEARCH = 128
K = 32
# Fewer vectors than this: one exhaustive matrix product is cheaper than building the graph (measured on the
# 1,052-record scale set: 15,267 pieces, exhaustive 2.2 s CPU, graph 3.8 s; the graph grows n log n, the product n^2).
EXACT_BELOW = 20_000
_CHUNK = 1024


def pairs_above(vecs: np.ndarray, queries: np.ndarray, threshold: float, exact: bool = False) -> np.ndarray:
    """(query row, other row) for every other row whose cosine with the query row is >= threshold, sorted."""
    vecs = np.ascontiguousarray(vecs, dtype=np.float32)
    queries = np.asarray(queries, dtype=np.int64)
    if not len(queries) or len(vecs) < 2:
        return np.zeros((0, 2), dtype=np.int64)
    if exact or len(vecs) < EXACT_BELOW:
        found = _exhaustive(vecs, queries, threshold)
    else:
        found = _hnsw(vecs, queries, threshold)
    found = found[found[:, 0] != found[:, 1]]
    return np.unique(found, axis=0) if len(found) else found


def _exhaustive(vecs: np.ndarray, queries: np.ndarray, threshold: float) -> np.ndarray:
    out = [np.zeros((0, 2), dtype=np.int64)]
    for a in range(0, len(queries), _CHUNK):
        q = queries[a : a + _CHUNK]
        r, c = np.nonzero(vecs[q] @ vecs.T >= threshold)
        out.append(np.stack([q[r], c], axis=1))
    return np.concatenate(out)


def _hnsw(vecs: np.ndarray, queries: np.ndarray, threshold: float) -> np.ndarray:
    import faiss

    faiss.omp_set_num_threads(1)  # one thread: the graph (and so the result) is the same on every run
    index = faiss.IndexHNSWFlat(vecs.shape[1], HNSW_M, faiss.METRIC_INNER_PRODUCT)
    index.hnsw.efConstruction = EF_CONSTRUCTION
    index.add(vecs)
    index.hnsw.efSearch = EF_SEARCH
    k = min(K, len(vecs))
    sims, nbrs = index.search(vecs[queries], k)
    keep = (sims >= threshold) & (nbrs >= 0)
    rows = np.repeat(queries, k).reshape(len(queries), k)
    found = [np.stack([rows[keep], nbrs[keep]], axis=1)]
    full = queries[keep.all(axis=1)]  # every neighbour listed clears the threshold: there may be more
    if len(full):
        found.append(_exhaustive(vecs, full, threshold))
    return np.concatenate(found)

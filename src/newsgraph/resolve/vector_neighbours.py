"""Pairs of unit vectors at or above a cosine threshold without comparing every pair, in bounded memory.

Identical vectors (a wire story's sentence in each of its copies) are searched once and their pairs expanded
after. Below EXACT_BELOW distinct vectors the search is exhaustive, one row block of the similarity product at a
time (at most _BLOCK_ELEMENTS cosines held); above it an HNSW graph (faiss) gives each query its nearest
neighbours, and a query whose whole neighbour list clears the threshold is compared exhaustively, so only a
neighbour the graph fails to reach can be missed (measured: none on seeds + dev, none of the 6,349 open pairs
of the 1,052-record scale set)."""
from __future__ import annotations

import numpy as np

HNSW_M = 32
EF_SEARCH = 128
EF_CONSTRUCTION = 64
K = 32
# Fewer vectors than this: one exhaustive matrix product is cheaper than building the graph (measured on the
# 1,052-record scale set: 15,267 pieces, exhaustive 2.2 s CPU, graph 3.8 s; the graph grows n log n, the product n^2).
EXACT_BELOW = 20_000
# Cosines computed per block of the exhaustive product: 4M float32 = 16 MB (and a 4 MB mask) whatever the corpus
# size; at 150k vectors a 1,024-row block held 614 MB. (8M until 10a522c: a row's pairs do not depend on the block.)
_BLOCK_ELEMENTS = 1 << 22
_MAX_ROWS = 1024
# Row pairs made at a time while expanding pairs of distinct vectors to their copies (int64 temporaries of ~2 MB).
_EXPAND_PAIRS = 1 << 18


def pairs_above(vecs: np.ndarray, queries: np.ndarray, threshold: float, exact: bool = False) -> np.ndarray:
    """(query row, other row) for every other row whose cosine with the query row is >= threshold, sorted."""
    return key_pairs(pair_keys(vecs, queries, threshold, exact), len(vecs))


def pair_keys(vecs: np.ndarray, queries: np.ndarray, threshold: float, exact: bool = False,
              index: np.ndarray | None = None) -> np.ndarray:
    """pairs_above's pairs as sorted keys query * n + other (n rows): 8 bytes a pair where rows of two int64 and their
    lexsort's copies took ~100 (a wire story's copies give millions of pairs: 10,000-article stress store, 1.46M).
    index: row r's vector is vecs[index[r]] (a table of distinct vectors need not be copied out to every row)."""
    vecs = np.ascontiguousarray(vecs, dtype=np.float32)
    queries = np.unique(np.asarray(queries, dtype=np.int64))
    n = len(vecs) if index is None else len(index)
    if not len(queries) or n < 2:
        return np.zeros(0, dtype=np.int64)
    group, reps = _distinct(vecs) if index is None else _distinct_rows(vecs, np.asarray(index))
    if len(reps) == n:  # no duplicates: search the rows themselves
        found = _search(vecs if index is None else vecs[index], queries, threshold, exact)
        found = found[found[:, 0] != found[:, 1]]
        return unique_keys(found[:, 0] * n + found[:, 1])
    distinct = vecs[reps] if index is None else vecs[index[reps]]
    found = _search(distinct, np.unique(group[queries]), threshold, exact)
    found = _sorted_unique(np.concatenate([found, _self_pairs(distinct, group, threshold)]))
    return _expand(found, group, queries)


def _distinct_rows(vecs: np.ndarray, index: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """_distinct of the rows vecs[index], from vecs' own groups (the rows are never made)."""
    groups, _ = _distinct(vecs)
    _, first, inverse = np.unique(groups[index], return_index=True, return_inverse=True)
    order = np.argsort(first, kind="stable")  # groups in the order their first row comes
    rank = np.empty_like(order)
    rank[order] = np.arange(len(order))
    return rank[inverse.ravel()].astype(np.int64), first[order].astype(np.int64)


def key_pairs(keys: np.ndarray, n: int) -> np.ndarray:
    """Keys a * n + b as rows (a, b)."""
    out = np.empty((len(keys), 2), dtype=np.int64)
    np.divmod(keys, n, out=(out[:, 0], out[:, 1]))
    return out


def unique_keys(keys: np.ndarray) -> np.ndarray:
    """keys sorted (in place) without repeats."""
    keys.sort()
    if len(keys) < 2:
        return keys
    keep = np.empty(len(keys), dtype=bool)
    keep[0] = True
    np.not_equal(keys[1:], keys[:-1], out=keep[1:])
    return keys[keep]


def _search(vecs: np.ndarray, queries: np.ndarray, threshold: float, exact: bool) -> np.ndarray:
    if exact or len(vecs) < EXACT_BELOW:
        return _exhaustive(vecs, queries, threshold)
    return _hnsw(vecs, queries, threshold)


def _distinct(vecs: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Each row's group of identical rows (numbered by first occurrence) and each group's first row."""
    # a 64-bit hash of each row's bytes (Python's, in C); rows grouped by it are compared with their group's first
    # row a block at a time (copying all duplicates at once held 400 MB at 150k rows), whole rows on a collision
    keys = np.fromiter((hash(row.tobytes()) for row in vecs), dtype=np.int64, count=len(vecs))
    _, first, inverse = np.unique(keys, return_index=True, return_inverse=True)
    inverse = inverse.ravel()
    dup = np.flatnonzero(first[inverse] != np.arange(len(vecs)))
    blocks = np.array_split(dup, len(dup) // 8192 + 1)
    if not all(np.array_equal(vecs[first[inverse[d]]].view(np.uint32), vecs[d].view(np.uint32)) for d in blocks):
        rows = vecs.view(np.dtype((np.void, vecs.dtype.itemsize * vecs.shape[1]))).ravel()
        _, first, inverse = np.unique(rows, return_index=True, return_inverse=True)
    order = np.argsort(first, kind="stable")  # groups in the order their first row comes
    rank = np.empty_like(order)
    rank[order] = np.arange(len(order))
    return rank[inverse.ravel()].astype(np.int64), first[order].astype(np.int64)


def _self_pairs(distinct: np.ndarray, group: np.ndarray, threshold: float) -> np.ndarray:
    """(g, g) for every group of two or more identical rows whose cosine with itself clears the threshold."""
    sizes = np.bincount(group, minlength=len(distinct))
    many = np.flatnonzero(sizes > 1)
    own = np.einsum("ij,ij->i", distinct[many], distinct[many])
    many = many[own >= threshold]
    return np.stack([many, many], axis=1)


def _expand(found: np.ndarray, group: np.ndarray, queries: np.ndarray) -> np.ndarray:
    """Group pairs (a, b) as row-pair keys (pair_keys): every query row of group a with every row of group b, itself
    left out; expanded _EXPAND_PAIRS row pairs at a time into one array of keys."""
    if not len(found):
        return np.zeros(0, dtype=np.int64)
    n = len(group)
    q_sorted = queries[np.argsort(group[queries], kind="stable")]
    q_start = np.searchsorted(group[q_sorted], np.arange(group.max() + 2))
    members = np.argsort(group, kind="stable")
    m_start = np.searchsorted(group[members], np.arange(group.max() + 2))
    a, b = found[:, 0], found[:, 1]
    n_q = q_start[a + 1] - q_start[a]
    ends = np.cumsum(n_q * (m_start[b + 1] - m_start[b]))
    keys = np.empty(int(ends[-1]), dtype=np.int64)
    filled = start = 0
    while start < len(found):  # the found pairs whose expansions end within _EXPAND_PAIRS of this run's start
        stop = max(start + 1, int(np.searchsorted(ends, ends[start - 1] + _EXPAND_PAIRS if start else _EXPAND_PAIRS,
                                                  side="right")))
        q_rows = _ranges(q_start[a[start:stop]], n_q[start:stop], q_sorted)
        bb = np.repeat(b[start:stop], n_q[start:stop])
        n_m = m_start[bb + 1] - m_start[bb]
        o_rows = _ranges(m_start[bb], n_m, members)
        q_rows = np.repeat(q_rows, n_m)
        run = q_rows * n + o_rows
        run = run[q_rows != o_rows]
        keys[filled : filled + len(run)] = run
        filled += len(run)
        start = stop
    return unique_keys(keys[:filled])


def _ranges(starts: np.ndarray, counts: np.ndarray, values: np.ndarray) -> np.ndarray:
    """values[s : s + c] for every (s, c), concatenated."""
    total = int(counts.sum())
    if not total:
        return np.zeros(0, dtype=np.int64)
    ends = np.cumsum(counts)
    within = np.arange(total) - np.repeat(ends - counts, counts)
    return values[np.repeat(starts, counts) + within]


def _sorted_unique(pairs: np.ndarray) -> np.ndarray:
    """Rows of an (n, 2) int array, sorted and without repeats (np.unique(axis=0) without its structured copy)."""
    if not len(pairs):
        return pairs.reshape(0, 2).astype(np.int64)
    order = np.lexsort((pairs[:, 1], pairs[:, 0]))
    pairs = pairs[order]
    keep = np.ones(len(pairs), dtype=bool)
    keep[1:] = (pairs[1:] != pairs[:-1]).any(axis=1)
    return pairs[keep]


def _exhaustive(vecs: np.ndarray, queries: np.ndarray, threshold: float) -> np.ndarray:
    """Every (query, row) pair at or above threshold, a row block of the product at a time.

    When queries are a good share of the rows (a full corpus step: two thirds of the claim pieces), each pair of two
    queries is computed once and found in both orientations (_symmetric): a third fewer products. Hits are read from
    the flat mask (np.flatnonzero and one divmod: a 2-d nonzero was half the time of the product itself)."""
    n = len(vecs)
    rows = max(1, min(_MAX_ROWS, _BLOCK_ELEMENTS // n))
    if n <= EXACT_BELOW and 4 * len(queries) >= n:
        return _symmetric(vecs, queries, threshold, rows)
    out = [np.zeros((0, 2), dtype=np.int64)]
    for a in range(0, len(queries), rows):
        q = queries[a : a + rows]
        r, c = np.divmod(np.flatnonzero(vecs[q] @ vecs.T >= threshold), n)
        out.append(np.stack([q[r], c], axis=1))
    return np.concatenate(out)


def _symmetric(vecs: np.ndarray, queries: np.ndarray, threshold: float, rows: int) -> np.ndarray:
    """_exhaustive over the rows reordered queries first: query block [a, b) against rows a onwards only, each pair
    with a later query mirrored (the blocks before a found those with earlier queries). The reordered copy is at
    most EXACT_BELOW rows (30 MB)."""
    n, m = len(vecs), len(queries)
    is_query = np.zeros(n, dtype=bool)
    is_query[queries] = True
    order = np.concatenate([queries, np.flatnonzero(~is_query)])
    ordered = vecs[order]
    out = [np.zeros((0, 2), dtype=np.int64)]
    for a in range(0, m, rows):
        b = min(m, a + rows)
        r, c = np.divmod(np.flatnonzero(ordered[a:b] @ ordered[a:].T >= threshold), n - a)
        c += a
        out.append(np.stack([order[a + r], order[c]], axis=1))
        later = (c >= b) & (c < m)  # with a query of a later block: that block does not look back
        out.append(np.stack([order[c[later]], order[a + r[later]]], axis=1))
    return np.concatenate(out)


def _hnsw(vecs: np.ndarray, queries: np.ndarray, threshold: float) -> np.ndarray:
    import faiss

    faiss.omp_set_num_threads(1)  # one thread: the graph (and so the result) is the same on every run
    index = faiss.IndexHNSWFlat(vecs.shape[1], HNSW_M, faiss.METRIC_INNER_PRODUCT)
    index.hnsw.efConstruction = EF_CONSTRUCTION
    index.add(vecs)
    index.hnsw.efSearch = EF_SEARCH
    k = min(K, len(vecs))
    found, full = [], []
    for a in range(0, len(queries), 4096):  # search results held a block of queries at a time
        q = queries[a : a + 4096]
        sims, nbrs = index.search(vecs[q], k)
        keep = (sims >= threshold) & (nbrs >= 0)
        rows = np.repeat(q, k).reshape(len(q), k)
        found.append(np.stack([rows[keep], nbrs[keep]], axis=1))
        full.append(q[keep.all(axis=1)])  # every neighbour listed clears the threshold: there may be more
    del index
    full_rows = np.concatenate(full)
    if len(full_rows):
        found.append(_exhaustive(vecs, full_rows, threshold))
    return np.concatenate(found)

"""Candidate pairs for copy detection: datasketch's LSH Ensemble (containment threshold, set-size partitions) run
with numpy on the articles' stored MinHash signatures. Same partitions, same (bands, rows) per partition and query
size, same bands, so the same pairs; but no per-partition hash tables built and queried article by article: that
index was rebuilt on every corpus step and was most of a step adding ten articles, and its partitioning was
quadratic in pure Python (O(distinct sizes^2 x partitions))."""
from __future__ import annotations

from collections.abc import Sequence
from functools import lru_cache

import numpy as np


@lru_cache(maxsize=8)
def _ensemble_params(threshold: float, num_perm: int) -> tuple[np.ndarray, np.ndarray]:
    """The ensemble's grid of x/q ratios and the optimal (bands, rows) for each (datasketch computes them)."""
    return ensemble_params((threshold, num_perm))


def ensemble_params(setting: tuple[float, int]) -> tuple[np.ndarray, np.ndarray]:
    """_ensemble_params for (threshold, num_perm), as a block function: datasketch integrates false-positive and
    negative probabilities for every (bands, rows) to choose them, 0.4 s CPU in every corpus step, so
    near_duplicates.find_copies keeps the result in the block cache (PARAMS_VERSION names datasketch's version), and
    they are kept on disk too (nlp.table_cache), for a first build whose block cache is empty."""
    from ..nlp.table_cache import cached_table

    threshold, num_perm = setting
    return cached_table(f"lsh-ensemble-params-{threshold!r}-{num_perm}", lambda: _integrated(threshold, num_perm),
                        ("datasketch",), [__file__])


def _integrated(threshold: float, num_perm: int) -> tuple[np.ndarray, np.ndarray]:
    from datasketch import MinHashLSHEnsemble  # only here: datasketch's __init__ imports scipy.integrate/optimize

    ens = MinHashLSHEnsemble(threshold=threshold, num_perm=num_perm, num_part=1)
    return np.asarray(ens.xqs, dtype=float), np.asarray(ens.params, dtype=int)


def params_version() -> str:
    """The cached parameters' version: datasketch's (another release may choose other parameters), read from its
    metadata as datasketch's own __version__ is, without importing it."""
    from importlib.metadata import PackageNotFoundError, version

    try:
        return f"1|{version('datasketch')}"
    except PackageNotFoundError:  # pragma: no cover - an unusual install
        return "1|?"


def optimal_partitions(sizes: np.ndarray, counts: np.ndarray, num_part: int) -> list[tuple[int, int]]:
    """datasketch's optimal_partitions (the size intervals that minimise expected false positives), vectorised: the
    false-positive matrix from cumulative sums, the dynamic programme a row at a time (same recurrences, same ties)."""
    sizes = np.asarray(sizes, dtype=np.int64)
    n = len(sizes)
    if num_part < 2:
        return [(int(sizes[0]), int(sizes[-1]))]
    if num_part >= n:
        return [(int(x), int(x)) for x in sizes]
    s = sizes.astype(float)
    c = np.asarray(counts, dtype=float)
    cum_c = np.concatenate([[0.0], np.cumsum(c)])
    cum_sc = np.concatenate([[0.0], np.cumsum(s * c)])
    # nfps[l, u] = sum over k in l..u of (s_u - s_k) / s_u * c_k (only l <= u is read)
    nfps = (cum_c[None, 1:] - cum_c[:n, None]) - (cum_sc[None, 1:] - cum_sc[:n, None]) / s[None, :]
    if num_part == 2:
        u = int(np.argmin(nfps[0, :n - 1] + nfps[np.arange(1, n), n - 1]))
        return [(int(sizes[0]), int(sizes[u])), (int(sizes[u + 1]), int(sizes[-1]))]
    cost = np.zeros((n, num_part - 2))  # cost[u, p - 2], as datasketch keeps it (entries it never sets stay 0)
    for u in range(1, n):
        cost[u, 0] = np.min(nfps[0, :u] + nfps[1:u + 1, u])
    for p in range(3, num_part):
        for u in range(p - 1, n):
            cost[u, p - 2] = np.min(cost[p - 2:u, p - 3] + nfps[p - 1:u + 1, u])
    p = num_part
    u = (p - 2) + int(np.argmin(cost[p - 2:n - 1, p - 3] + nfps[p - 1:n, n - 1]))
    partitions = [(int(sizes[u + 1]), int(sizes[-1]))]
    p -= 1
    while p > 1:
        u1 = (p - 2) + int(np.argmin(cost[p - 2:u, p - 2] + nfps[p - 1:u + 1, u]))
        partitions.insert(0, (int(sizes[u1 + 1]), int(sizes[u])))
        u, p = u1, p - 1
    partitions.insert(0, (int(sizes[0]), int(sizes[u])))
    return partitions


def candidate_pairs(doc_ids: Sequence[str], sizes: Sequence[int], hashvalues: np.ndarray, *, threshold: float,
                    num_perm: int, num_part: int,
                    params: tuple[np.ndarray, np.ndarray] | None = None) -> list[tuple[str, str]]:
    """Pairs (a, b), a < b, that an LSH Ensemble indexing every article and queried with each (in doc_ids order,
    answers sorted) returns, in the order that loop first meets them. hashvalues: one MinHash row per article;
    params: ensemble_params((threshold, num_perm)) when the caller has them (computed here otherwise)."""
    n = len(doc_ids)
    if n < 2:
        return []
    sizes_arr = np.asarray(sizes, dtype=np.int64)
    hv = np.asarray(hashvalues, dtype=np.uint64).reshape(n, num_perm)
    values, counts = np.unique(sizes_arr, return_counts=True)
    parts = optimal_partitions(values, counts, num_part)
    uppers = np.array([u for _, u in parts], dtype=np.int64)
    part_of = np.searchsorted(uppers, sizes_arr, side="left")  # sizes are covered by contiguous intervals
    xqs, params = params if params is not None else _ensemble_params(threshold, num_perm)
    found: list[set[int]] = [set() for _ in range(n)]
    plan = []  # per partition: its members and each article's query (bands, rows) against it
    for p, upper in enumerate(uppers):
        members = np.flatnonzero(part_of == p)
        if not len(members):
            continue
        i = np.searchsorted(xqs, float(upper) / sizes_arr.astype(float), side="left")
        i[i == len(params)] -= 1
        plan.append((members, params[i, 0], params[i, 1]))
    # each band of each row width labelled once (equal labels: equal hash values), then joined per partition on the
    # integer labels, among the articles sharing the band value with another (an article always finds itself, which
    # the pairs below skip): the same pairs as joining every partition's raw bands, at a fraction of the sorting
    for r in np.unique(np.concatenate([rows for _, _, rows in plan])).tolist():
        width = max(int(bands[rows == r].max()) for _, bands, rows in plan if (rows == r).any())
        for band in range(width):
            labels = _band_labels(hv[:, band * r:(band + 1) * r])
            shared = np.bincount(labels)[labels] > 1  # an article alone with its band value finds only itself
            if not shared.any():
                continue
            for members, bands, rows in plan:
                _join(found, labels, np.flatnonzero((rows == r) & (bands > band) & shared), members[shared[members]])
    seen: set[tuple[int, int]] = set()
    order = np.argsort(np.asarray(doc_ids, dtype=object), kind="stable")
    rank = np.empty(n, dtype=np.int64)
    rank[order] = np.arange(n)
    pairs: list[tuple[str, str]] = []
    for d in range(n):
        for o in sorted(found[d], key=lambda k: rank[k]):
            pair = (d, o) if rank[d] < rank[o] else (o, d)
            if o == d or pair in seen:
                continue
            seen.add(pair)
            pairs.append((doc_ids[pair[0]], doc_ids[pair[1]]))
    return pairs


def _band_labels(band: np.ndarray) -> np.ndarray:
    """One integer per article, equal where the articles' hash values in this band are equal."""
    rows = np.ascontiguousarray(band)
    keys = rows.view(np.dtype((np.void, rows.dtype.itemsize * rows.shape[1]))).ravel()
    return np.unique(keys, return_inverse=True)[1].ravel().astype(np.int64)


def _join(found: list[set[int]], labels: np.ndarray, asking: np.ndarray, members: np.ndarray) -> None:
    """Add to found[q] every member whose band label equals q's, for q in asking."""
    if not len(asking):
        return
    keys = labels
    member_keys = keys[members]
    order = np.argsort(member_keys, kind="stable")
    sorted_keys = member_keys[order]
    q_keys = keys[asking]
    lo = np.searchsorted(sorted_keys, q_keys, side="left")
    hi = np.searchsorted(sorted_keys, q_keys, side="right")
    for q, a, b in zip(asking[hi > lo].tolist(), lo[hi > lo].tolist(), hi[hi > lo].tolist()):
        found[q].update(members[order[a:b]].tolist())

"""Vector pairs at or above a cosine threshold over a corpus that grows a few articles at a time: the pairs among
articles a previous corpus step already compared come from the block cache, and only the pieces of new (or changed)
articles are searched against the rest, so a build adding ten articles does not redo the all-against-all search.

Rows are grouped by article (a label per row). A group's identity is its label, the bytes of its vectors and which
of its rows are queries, so a re-analysed article is a new group. What the cache keeps, for a corpus step:
- a *state*: the group identities it held and every pair found among them (complete for those groups);
- a *pointer* per group written in that step, naming the state (and its sequence number).
The next step takes the newest state its current groups point to: pairs among groups in that state are kept, and
every other group is searched against all rows. Whatever was pruned or left stale, a pair among current rows is
either in the state (both groups were compared there) or searched again, so the result is the full search's.

Every pair's cosine is computed the same way however the rows were batched (float64 over the two float32 rows, after
a float32 prefilter with a small margin), so the threshold decides a pair identically in a full and an incremental
step."""
from __future__ import annotations

import hashlib
from collections.abc import Sequence

import numpy as np

from .blocks import BlockCache
from .vector_neighbours import pairs_above

LAYER = "article_pairs"
VERSION = "1"
# The float32 prefilter's margin under the threshold: float32 dot products of unit 384-d vectors err by ~1e-6.
MARGIN = 1e-4
# Fewer query x row products than this: the exact search, even where pairs_above would build its graph (a few new
# articles against a large corpus cost less than the graph).
EXACT_BUDGET = 2e8
# Pairs whose float64 cosines are computed together: 8,192 x 2 rows x 384 x (4 + 8) bytes = 75 MB. A wire story's
# copies give millions of candidate pairs, and all at once took 9 KB a pair (10,000-article stress store: +5.4 GB).
_COSINE_CHUNK = 8192


def cached_pairs_above(vecs: np.ndarray, labels: Sequence[str], is_query: np.ndarray, threshold: float,
                       cache: BlockCache | None = None, name: str = "") -> np.ndarray:
    """(query row, other row) for every pair of distinct rows with cosine >= threshold whose first row is a query,
    sorted: what vector_neighbours.pairs_above(vecs, query rows, threshold) gives, searching only the rows of
    articles (labels) the cache has not seen with this name and threshold."""
    vecs = np.ascontiguousarray(vecs, dtype=np.float32)
    is_query = np.asarray(is_query, dtype=bool)
    n = len(vecs)
    if n < 2 or not is_query.any():
        return np.zeros((0, 2), dtype=np.int64)
    rows_of: dict[str, list[int]] = {}
    for r, label in enumerate(labels):
        rows_of.setdefault(label, []).append(r)
    groups = [np.asarray(rs, dtype=np.int64) for rs in rows_of.values()]
    keys = [_group_key(label, vecs[rs], is_query[rs], name, threshold) for label, rs in zip(rows_of, groups)]
    state, seq = _latest_state(cache, keys, name, threshold)
    known = {k: g for g, k in enumerate(state["groups"])} if state else {}
    old = [g for g, k in enumerate(keys) if k in known]
    pairs = [_state_pairs(state, known, keys, groups, old)] if state else []
    old_rows = np.concatenate([groups[g] for g in old]) if old else np.zeros(0, dtype=np.int64)
    new_mask = np.ones(n, dtype=bool)
    new_mask[old_rows] = False
    pairs.append(_search(vecs, is_query, new_mask, threshold))
    found = np.unique(np.concatenate(pairs), axis=0) if pairs else np.zeros((0, 2), dtype=np.int64)
    del pairs  # the state's and the search's pair arrays: not held while the state is pickled and written
    if cache is not None and len(old) < len(keys):
        _save_state(cache, keys, groups, found, seq + 1, name, threshold)
    both = found[is_query[found[:, 0]] & is_query[found[:, 1]]]
    out = np.concatenate([found[is_query[found[:, 0]]], both[:, ::-1],
                          found[~is_query[found[:, 0]]][:, ::-1]])
    return np.unique(out, axis=0) if len(out) else np.zeros((0, 2), dtype=np.int64)


def _group_key(label: str, vecs: np.ndarray, query: np.ndarray, name: str, threshold: float) -> str:
    h = hashlib.sha1(f"{LAYER}|{VERSION}|{name}|{threshold!r}|{label}|{vecs.shape}".encode("utf-8"))
    h.update(vecs.tobytes())
    h.update(np.packbits(query).tobytes())
    return h.hexdigest()


def _latest_state(cache: BlockCache | None, keys: list[str], name: str, threshold: float) -> tuple[dict | None, int]:
    """The newest state any current group points to, with its sequence number (0 without one)."""
    if cache is None:
        return None, 0
    pointers = cache.get_many(LAYER, [f"ptr:{k}" for k in keys])
    if not pointers:
        return None, 0
    state_key, seq = max(pointers.values(), key=lambda p: (p[1], p[0]))
    state = cache.get_many(LAYER, [state_key]).get(state_key)
    if state is None or state.get("name") != name or state.get("threshold") != threshold:
        return None, seq
    return state, seq


def _state_pairs(state: dict, known: dict[str, int], keys: list[str], groups: list[np.ndarray],
                 old: list[int]) -> np.ndarray:
    """The state's pairs among current groups, as current (smaller row, larger row)."""
    where = np.full(len(state["groups"]), -1, dtype=np.int64)  # state group -> current group
    for g in old:
        where[known[keys[g]]] = g
    sg, sr = state["pair_groups"], state["pair_rows"]
    if not len(sg):
        return np.zeros((0, 2), dtype=np.int64)
    cur = where[sg]
    keep = (cur >= 0).all(axis=1)
    flat = np.concatenate(groups)
    offsets = np.concatenate([[0], np.cumsum([len(g) for g in groups])[:-1]]).astype(np.int64)
    rows = flat[offsets[cur[keep]] + sr[keep]]
    return np.sort(rows, axis=1) if len(rows) else np.zeros((0, 2), dtype=np.int64)


def _search(vecs: np.ndarray, is_query: np.ndarray, new: np.ndarray, threshold: float) -> np.ndarray:
    """Every pair with a new row and a query row at or above threshold, as (smaller row, larger row)."""
    floor = threshold - MARGIN
    found = [np.zeros((0, 2), dtype=np.int64)]
    q_new = np.flatnonzero(new & is_query)
    if len(q_new):  # new queries against every row
        found.append(_pairs(vecs, q_new, floor))
    others = np.flatnonzero(new & ~is_query)
    q_old = np.flatnonzero(~new & is_query)
    if len(others) and len(q_old):  # new non-queries against the old queries
        sub = np.concatenate([q_old, others])
        p = _pairs(vecs[sub], np.arange(len(q_old), len(sub)), floor)
        p = sub[p]
        found.append(p[~new[p[:, 1]]])
    pairs = np.concatenate(found)
    pairs = pairs[pairs[:, 0] != pairs[:, 1]]
    pairs = np.stack([pairs.min(axis=1), pairs.max(axis=1)], axis=1) if len(pairs) else pairs
    if len(pairs):
        pairs = np.unique(pairs, axis=0)
        pairs = pairs[_cosines(vecs, pairs) >= threshold]
    return pairs


def _cosines(vecs: np.ndarray, pairs: np.ndarray) -> np.ndarray:
    """Each pair's cosine in float64, _COSINE_CHUNK pairs at a time (each row's value does not depend on the chunk)."""
    out = np.empty(len(pairs), dtype=np.float64)
    for a in range(0, len(pairs), _COSINE_CHUNK):
        p = pairs[a : a + _COSINE_CHUNK]
        out[a : a + len(p)] = np.einsum("ij,ij->i", vecs[p[:, 0]].astype(np.float64), vecs[p[:, 1]].astype(np.float64))
    return out


def _pairs(vecs: np.ndarray, queries: np.ndarray, floor: float) -> np.ndarray:
    return pairs_above(vecs, queries, floor, exact=len(queries) * len(vecs) < EXACT_BUDGET)


def _save_state(cache: BlockCache, keys: list[str], groups: list[np.ndarray], pairs: np.ndarray, seq: int,
                name: str, threshold: float) -> None:
    """This step's groups and pairs as a new state, and a pointer to it from every group first seen here."""
    group_of = np.empty(sum(len(g) for g in groups), dtype=np.int64)
    local = np.empty_like(group_of)
    for g, rows in enumerate(groups):
        group_of[rows] = g
        local[rows] = np.arange(len(rows))
    h = hashlib.sha1(f"{LAYER}|{VERSION}|{name}|{threshold!r}|{seq}".encode("utf-8"))
    for k in keys:
        h.update(k.encode("ascii"))
    state_key = "state:" + h.hexdigest()
    state = {"name": name, "threshold": threshold, "groups": keys,
             "pair_groups": group_of.astype(np.int32)[pairs], "pair_rows": local.astype(np.int32)[pairs]}
    cache.put_many(LAYER, {state_key: state})
    cache.put_many(LAYER, {f"ptr:{k}": (state_key, seq) for k in keys})

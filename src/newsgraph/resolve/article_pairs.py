"""Vector pairs at or above a cosine threshold over a corpus that grows a few articles at a time: the pairs among
articles a previous corpus step already compared come from the block cache, and only the pieces of new (or changed)
articles are searched against the rest, so a build adding ten articles does not redo the all-against-all search.

Rows are grouped by article (a label per row). A group's identity is its label, the bytes of its vectors and which
of its rows are queries, so a re-analysed article is a new group. What the cache keeps, for a corpus step:
- a *state*: the group identities it held and every pair found among them (complete for those groups), the pairs
  in compressed parts stored beside it;
- a *pointer* per group written in that step, naming the state (and its sequence number).
The next step takes the newest state its current groups point to: pairs among groups in that state are kept, and
every other group is searched against all rows. Whatever was pruned or left stale, a pair among current rows is
either in the state (both groups were compared there) or searched again, so the result is the full search's.

Every pair's cosine is computed the same way however the rows were batched (float64 over the two float32 rows, after
a float32 prefilter with a small margin), so the threshold decides a pair identically in a full and an incremental
step."""
from __future__ import annotations

import hashlib
import zlib
from collections.abc import Callable, Sequence

import numpy as np

from .blocks import BlockCache
from .vector_neighbours import key_pairs, pair_keys, unique_keys

LAYER = "article_pairs"
VERSION = "2"
# The float32 prefilter's margin under the threshold: float32 dot products of unit 384-d vectors err by ~1e-6.
MARGIN = 1e-4
# Fewer query x row products than this: the exact search, even where pairs_above would build its graph (a few new
# articles against a large corpus cost less than the graph).
EXACT_BUDGET = 2e8
# Pairs whose float64 cosines are computed together: 2,048 x 2 rows x 384 x (4 + 8) bytes = 19 MB (8,192 until
# 10a522c: 75 MB). A wire story's copies give millions of candidate pairs, and all at once took 9 KB a pair
# (10,000-article stress store: +5.4 GB); a pair's cosine does not depend on its chunk.
_COSINE_CHUNK = 2048
# Pair keys turned into rows (a few int64 temporaries each) at a time.
_KEYS_AT_ONCE = 1 << 18
# Pairs per stored part of a state: 4 int32 columns, 4 MB before compression (~0.3 MB after: sorted small ints).
_PAIRS_PER_PART = 1 << 18


def cached_pairs_above(vecs: np.ndarray, labels: Sequence[str], is_query: np.ndarray, threshold: float,
                       cache: BlockCache | None = None, name: str = "") -> np.ndarray:
    """(query row, other row) for every pair of distinct rows with cosine >= threshold whose first row is a query,
    sorted: what vector_neighbours.pairs_above(vecs, query rows, threshold) gives, searching only the rows of
    articles (labels) the cache has not seen with this name and threshold."""
    is_query = np.asarray(is_query, dtype=bool)
    n = len(vecs)
    pairs = cached_pair_keys(vecs, labels, is_query, threshold, cache, name)
    out = [np.zeros(0, dtype=np.int64)]  # each pair once per query end: (lo, hi) if lo is a query, (hi, lo) if hi is
    for a in range(0, len(pairs), _KEYS_AT_ONCE):
        lo, hi = np.divmod(pairs[a : a + _KEYS_AT_ONCE], n)
        out += [(lo * n + hi)[is_query[lo]], (hi * n + lo)[is_query[hi]]]
    del pairs
    out_keys = np.concatenate(out)
    del out
    out_keys.sort()  # distinct already: every pair is stored once, as (smaller row, larger row)
    return key_pairs(out_keys, n)


def cached_pair_keys(vecs: np.ndarray, labels: Sequence[str], is_query: np.ndarray, threshold: float,
                     cache: BlockCache | None = None, name: str = "", index: np.ndarray | None = None) -> np.ndarray:
    """cached_pairs_above's pairs once each, unordered, as sorted keys smaller row * n + larger row (n rows; 8 bytes a
    pair: a caller that wants unordered pairs need not have both orientations made and sorted again).
    index: row r's vector is vecs[index[r]] (claims' 144,371 piece rows of the stress store hold ~15k distinct
    vectors: the rows as one array were 222 MB)."""
    vecs = np.ascontiguousarray(vecs, dtype=np.float32)
    plain = index is None  # every row its own vector
    index = np.arange(len(vecs)) if plain else np.asarray(index, dtype=np.int64)
    is_query = np.asarray(is_query, dtype=bool)
    n = len(index)
    if n < 2 or not is_query.any():
        return np.zeros(0, dtype=np.int64)
    rows_of: dict[str, list[int]] = {}
    for r, label in enumerate(labels):
        rows_of.setdefault(label, []).append(r)
    groups = [np.asarray(rs, dtype=np.int64) for rs in rows_of.values()]
    keys = [_group_key(label, vecs[index[rs]], is_query[rs], name, threshold) for label, rs in zip(rows_of, groups)]
    state, seq = _latest_state(cache, keys, name, threshold)
    known = {k: g for g, k in enumerate(state["groups"])} if state else {}
    old = [g for g, k in enumerate(keys) if k in known]
    found = [_state_pairs(state, known, keys, groups, old, n)] if state else []
    del state
    old_rows = np.concatenate([groups[g] for g in old]) if old else np.zeros(0, dtype=np.int64)
    new_mask = np.ones(n, dtype=bool)
    new_mask[old_rows] = False
    found.append(_search(vecs, None if plain else index, is_query, new_mask, threshold))
    pairs = unique_keys(np.concatenate(found)) if len(found) > 1 else found[0]
    del found  # the state's and the search's pairs: not held while the state is written
    if cache is not None and len(old) < len(keys):
        _save_state(cache, keys, groups, pairs, n, seq + 1, name, threshold)
    return pairs


def _group_key(label: str, vecs: np.ndarray, query: np.ndarray, name: str, threshold: float) -> str:
    h = hashlib.sha1(f"{LAYER}|{VERSION}|{name}|{threshold!r}|{label}|{vecs.shape}".encode("utf-8"))
    h.update(vecs.tobytes())
    h.update(np.packbits(query).tobytes())
    return h.hexdigest()


def _latest_state(cache: BlockCache | None, keys: list[str], name: str, threshold: float) -> tuple[dict | None, int]:
    """The newest state any current group points to (its pairs as the parts' arrays), with its sequence number (0
    without one); None when that state or one of its parts is gone."""
    if cache is None:
        return None, 0
    pointers = cache.get_many(LAYER, [f"ptr:{k}" for k in keys])
    if not pointers:
        return None, 0
    state_key, seq = max(pointers.values(), key=lambda p: (p[1], p[0]))
    state = cache.get_many(LAYER, [state_key]).get(state_key)
    if state is None or state.get("name") != name or state.get("threshold") != threshold:
        return None, seq
    parts = cache.get_many(LAYER, state["parts"])
    if len(parts) < len(state["parts"]):
        return None, seq
    return {**state, "pairs": [_unpack(parts[k]) for k in state["parts"]]}, seq


def _state_pairs(state: dict, known: dict[str, int], keys: list[str], groups: list[np.ndarray],
                 old: list[int], n: int) -> np.ndarray:
    """The state's pairs among current groups, as keys of current (smaller row, larger row), sorted."""
    where = np.full(len(state["groups"]), -1, dtype=np.int64)  # state group -> current group
    for g in old:
        where[known[keys[g]]] = g
    flat = np.concatenate(groups)
    offsets = np.concatenate([[0], np.cumsum([len(g) for g in groups])[:-1]]).astype(np.int64)
    out = [np.zeros(0, dtype=np.int64)]
    for part in state["pairs"]:  # (group a, group b, row in a, row in b) int32 columns
        part = part()
        cur = where[part[:2]]
        keep = (cur >= 0).all(axis=0)
        a = flat[offsets[cur[0, keep]] + part[2, keep]]
        b = flat[offsets[cur[1, keep]] + part[3, keep]]
        out.append(np.minimum(a, b) * n + np.maximum(a, b))
    return unique_keys(np.concatenate(out))


def _search(vecs: np.ndarray, index: np.ndarray | None, is_query: np.ndarray, new: np.ndarray,
            threshold: float) -> np.ndarray:
    """Every pair with a new row and a query row at or above threshold, as sorted keys smaller row * n + larger (row r's
    vector is vecs[index[r]], or vecs[r] without an index)."""
    n = len(vecs) if index is None else len(index)
    rows = np.arange(n) if index is None else index
    floor = threshold - MARGIN
    found = [np.zeros(0, dtype=np.int64)]
    q_new = np.flatnonzero(new & is_query)
    if len(q_new):  # new queries against every row
        found.append(_ordered(_pairs(vecs, index, q_new, floor), n, np.arange(n)))
    others = np.flatnonzero(new & ~is_query)
    q_old = np.flatnonzero(~new & is_query)
    if len(others) and len(q_old):  # new non-queries against the old queries
        sub = np.concatenate([q_old, others])
        found.append(_ordered(_pairs(vecs, rows[sub], np.arange(len(q_old), len(sub)), floor), len(sub), sub,
                              keep=~new))
    keys = unique_keys(np.concatenate(found))
    keep = np.empty(len(keys), dtype=bool)
    for a in range(0, len(keys), _COSINE_CHUNK):  # each pair's cosine in float64, a chunk of pairs at a time
        lo, hi = np.divmod(keys[a : a + _COSINE_CHUNK], n)
        keep[a : a + len(lo)] = np.einsum("ij,ij->i", vecs[rows[lo]].astype(np.float64),
                                          vecs[rows[hi]].astype(np.float64)) >= threshold
    return keys[keep]


def _ordered(keys: np.ndarray, m: int, rows: np.ndarray, keep: np.ndarray | None = None) -> np.ndarray:
    """Keys q * m + o of pair_keys over rows[...] as keys smaller * n + larger of the rows themselves (n = len of the
    caller's vecs), _KEYS_AT_ONCE at a time; with keep, only pairs whose other row is kept."""
    out = [np.zeros(0, dtype=np.int64)]
    n = len(keep) if keep is not None else m
    for a in range(0, len(keys), _KEYS_AT_ONCE):
        q, o = np.divmod(keys[a : a + _KEYS_AT_ONCE], m)
        q, o = rows[q], rows[o]
        if keep is not None:
            q, o = q[keep[o]], o[keep[o]]
        out.append(np.minimum(q, o) * n + np.maximum(q, o))
    return np.concatenate(out)


def _pairs(vecs: np.ndarray, index: np.ndarray | None, queries: np.ndarray, floor: float) -> np.ndarray:
    """pair_keys over the rows vecs[index] (vecs itself without an index)."""
    n = len(vecs) if index is None else len(index)
    return pair_keys(vecs, queries, floor, exact=len(queries) * n < EXACT_BUDGET, index=index)


def _save_state(cache: BlockCache, keys: list[str], groups: list[np.ndarray], pairs: np.ndarray, n: int,
                seq: int, name: str, threshold: float) -> None:
    """This step's groups and pairs (keys smaller row * n + larger) as a new state, and a pointer to it from every
    group first seen here. The pairs go in parts of _PAIRS_PER_PART, compressed, each written on its own: one
    pickled value of every pair's arrays (12.4 MB on the 10,000-article stress store) rose RSS ~110 MB in DuckDB."""
    group_of = np.empty(n, dtype=np.int32)
    local = np.empty(n, dtype=np.int32)
    for g, rows in enumerate(groups):
        group_of[rows] = g
        local[rows] = np.arange(len(rows))
    h = hashlib.sha1(f"{LAYER}|{VERSION}|{name}|{threshold!r}|{seq}".encode("utf-8"))
    for k in keys:
        h.update(k.encode("ascii"))
    state_key = "state:" + h.hexdigest()
    parts = []
    for i, a in enumerate(range(0, len(pairs), _PAIRS_PER_PART)):
        lo, hi = np.divmod(pairs[a : a + _PAIRS_PER_PART], n)
        part = np.stack([group_of[lo], group_of[hi], local[lo], local[hi]])
        parts.append(f"{state_key}:{i}")
        cache.put_many(LAYER, {parts[-1]: (part.shape[1], zlib.compress(part, 1))})
    cache.put_many(LAYER, {state_key: {"name": name, "threshold": threshold, "groups": keys, "parts": parts}})
    cache.put_many(LAYER, {f"ptr:{k}": (state_key, seq) for k in keys})


def _unpack(part: tuple[int, bytes]) -> Callable[[], np.ndarray]:
    """A stored part's (4, pairs) int32 columns, decompressed when called (one part held at a time)."""
    size, packed = part
    return lambda: np.frombuffer(zlib.decompress(packed), dtype=np.int32).reshape(4, size)

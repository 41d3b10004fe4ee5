"""Corpus layers work block by block, so their cost grows with the corpus rather than its square, and a
build that adds a few articles recomputes only the blocks those articles touch (the rest come from a cache).

A layer (entity merging, story events, claims, contradictions, source profiles) does three things:
1. gives every item (a local entity, an event mention, a statement, an article) its blocking keys, cheap
   and computed from that item alone ('surname:lavrov', 'ACCUSE|2026-W14', an LSH band ...);
2. splits the items into blocks: connected components of items sharing a key (`components`);
3. computes each block with a pure, module-level function of the block's own inputs (`run_blocks`).

`run_blocks` hashes each block's inputs (canonical JSON, so the hash is the same in every process and
every build) and asks the cache for that hash first: a block whose inputs did not change is never
recomputed, and the result is the same as a full recompute by construction. Blocks that must be computed
go through `mapper` (the builtin map locally; Ray tasks with --engine ray), so inputs and results must be
picklable, and block functions must be defined at module level.
"""
from __future__ import annotations

import dataclasses
import functools
import hashlib
import json
import operator
from collections.abc import Callable, Hashable, Iterable, Sequence
from typing import Any, Protocol, TypeVar


T = TypeVar("T")
R = TypeVar("R")
Mapper = Callable[[Callable[[Any], Any], list], list]


def embedding_mapper(mapper: Mapper | None, batched: Mapper) -> Mapper:
    """The mapper an embedding layer runs on: its own batched one unless the given mapper sends work off this
    machine (Ray); a local mapper (`local = True`, build -j N) would run it here block by block, unbatched."""
    return batched if mapper is None or getattr(mapper, "local", False) else mapper


class BlockCache(Protocol):
    """Where computed blocks are kept between builds (the store implements it; MemoryBlockCache in tests)."""

    def get_many(self, layer: str, keys: Sequence[str]) -> dict[str, Any]:
        """The cached results among keys (missing keys are simply absent)."""

    def put_many(self, layer: str, results: dict[str, Any]) -> None:
        """Keep these results; a later get_many with the same keys returns them."""

    # Optional: keep(layer, keys) marks cached blocks as in use without reading them, for a cache that drops the
    # blocks a step did not use (the store's); callers look it up with getattr (MemoryBlockCache drops nothing).
    # Optional: present(layer, keys) says which keys are held without reading or counting them (resolve.prefetch).


class MemoryBlockCache:
    """A BlockCache in a dict; also counts hits and misses so tests can check what was recomputed."""

    def __init__(self) -> None:
        self.data: dict[tuple[str, str], Any] = {}
        self.hits: dict[str, int] = {}
        self.misses: dict[str, int] = {}

    def get_many(self, layer: str, keys: Sequence[str]) -> dict[str, Any]:
        found = {k: self.data[(layer, k)] for k in keys if (layer, k) in self.data}
        self.hits[layer] = self.hits.get(layer, 0) + len(found)
        self.misses[layer] = self.misses.get(layer, 0) + len(set(keys) - set(found))
        return found

    def present(self, layer: str, keys: Sequence[str]) -> set[str]:
        """Which keys are held, without counting hits or misses (as the store's cache)."""
        return {k for k in keys if (layer, k) in self.data}

    def put_many(self, layer: str, results: dict[str, Any]) -> None:
        for k, v in results.items():
            self.data[(layer, k)] = v


def _canonical(value: Any) -> Any:
    """JSON-able, order-stable form: dataclasses as dicts, sets sorted, tuples as lists."""
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return {f.name: _canonical(getattr(value, f.name)) for f in dataclasses.fields(value)}
    if isinstance(value, dict):
        return {str(k): _canonical(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [_canonical(v) for v in value]
    if isinstance(value, (set, frozenset)):
        return sorted((_canonical(v) for v in value), key=lambda v: json.dumps(v, sort_keys=True))
    if hasattr(value, "tolist"):  # numpy arrays and scalars
        return value.tolist()
    return value


@functools.lru_cache(maxsize=None)
def _field_names(cls: type) -> tuple[str, ...]:
    return tuple(f.name for f in dataclasses.fields(cls))


def _as_list(cls: type) -> Callable[[Any], list] | None:
    """How _json_default lists a dataclass instance of cls (its name, then its field values by one attrgetter); None
    for other types."""
    if cls not in _LISTERS:
        if not dataclasses.is_dataclass(cls):
            _LISTERS[cls] = None
        else:
            name, names = cls.__name__, _field_names(cls)
            get = operator.attrgetter(*names) if names else None
            _LISTERS[cls] = ((lambda v: [name, *get(v)]) if len(names) > 1 else (lambda v: [name, get(v)]) if names
                             else (lambda v: [name]))
    return _LISTERS[cls]


_LISTERS: dict[type, Callable[[Any], list] | None] = {}


def _json_default(value: Any) -> Any:
    """json.dumps' hook for what JSON lacks: dataclasses as their type's name and field values in field order (a
    list: no dict built and its keys sorted for every one of a story block's mentions), sets sorted, arrays as lists
    (recursion stays in C). A dataclass' lister is looked up by its type (~1 us a value: block keys hash ~16,000
    blocks a step)."""
    as_list = _as_list(type(value))
    if as_list is not None:
        return as_list(value)
    if isinstance(value, (set, frozenset)):
        return sorted(value, key=lambda v: json.dumps(v, sort_keys=True, ensure_ascii=False, default=_json_default))
    if hasattr(value, "tolist"):
        return value.tolist()
    raise TypeError(f"no canonical JSON for {type(value).__name__}")


def block_key(layer: str, version: str, payload: Any) -> str:
    """The hash of a block's inputs: equal inputs give the same key in every process and build.

    The common case is serialised by the C encoder with a hook for dataclasses, sets and arrays; payloads it cannot
    take (tuple or mixed-type dict keys, unknown objects) go through the slower Python canonical form."""
    try:
        text = json.dumps([layer, version, payload], sort_keys=True, ensure_ascii=False, default=_json_default,
                          separators=(",", ":"))
    except (TypeError, ValueError):
        text = json.dumps([layer, version, _canonical(payload)], sort_keys=True, ensure_ascii=False, default=repr)
    return hashlib.sha1(text.encode("utf-8")).hexdigest()


def fingerprint_key(layer: str, version: str, *parts: str) -> str:
    """A block key from identities the caller vouches for (an article's doc_id and record fingerprint): every block
    of the layer keyed so, equal parts meaning equal inputs."""
    return hashlib.sha1("\x1f".join([layer, version, "fingerprint", *parts]).encode("utf-8")).hexdigest()


def components(item_keys: Iterable[Iterable[Hashable]]) -> list[list[int]]:
    """Items (by position) joined when they share a blocking key; blocks ordered by their first item.

    The item-key graph's connected components (numpy, resolve.graph_components: a union-find over tuples in Python
    was most of a cached step's blocking time); each block lists its items in order."""
    import numpy as np

    from .graph_components import component_labels

    key_ids: dict[Hashable, int] = {}
    rows: list[int] = []
    cols: list[int] = []
    n = 0
    for i, keys in enumerate(item_keys):
        n = i + 1
        for key in keys:
            rows.append(i)
            cols.append(key_ids.setdefault(key, len(key_ids)))
    if not n:
        return []
    size = n + len(key_ids)  # items, then keys, as nodes of one graph
    labels = component_labels(size, np.asarray(rows, dtype=np.int64), n + np.asarray(cols, dtype=np.int64))
    groups: dict[int, list[int]] = {}
    for i, lab in enumerate(labels[:n].tolist()):
        groups.setdefault(lab, []).append(i)
    return list(groups.values())  # first-seen order: ordered by first item


def run_blocks(layer: str, version: str, fn: Callable[[T], R], blocks: Sequence[T],
               cache: BlockCache | None = None, mapper: Mapper | None = None,
               keys: Sequence[str] | None = None) -> list[R]:
    """fn over every block, in order; blocks whose inputs are cached are not recomputed.

    version: bump it when fn's code changes what it returns, so old cached results are not reused.
    keys: the blocks' cache keys when the caller has a cheaper identity for their inputs than hashing them (the
    store's hash of an article's record, say); equal keys must mean equal inputs, and the caller puts layer and
    version into them (see fingerprint_key).
    """
    if cache is None:
        todo = list(range(len(blocks)))
        found: dict[str, Any] = {}
        keys = []
    else:
        keys = [block_key(layer, version, b) for b in blocks] if keys is None else list(keys)
        found = cache.get_many(layer, keys)
        first: dict[str, int] = {}  # identical pending blocks (same inputs) are computed once
        for i, k in enumerate(keys):
            if k not in found:
                first.setdefault(k, i)
        todo = list(first.values())
    computed = (mapper or _local_map)(fn, [blocks[i] for i in todo])
    fresh = dict(zip(todo, computed))
    if cache is None:
        return [fresh[i] for i in range(len(blocks))]
    if fresh:
        cache.put_many(layer, {keys[i]: r for i, r in fresh.items()})
    by_key = {keys[i]: r for i, r in fresh.items()}
    return [by_key[k] if k in by_key else found[k] for k in keys]


def run_lazy_blocks(layer: str, keys: Sequence[str], fn: Callable[[T], R], make: Callable[[list[int]], list[T]],
                    cache: BlockCache, mapper: Mapper | None = None) -> list[R]:
    """run_blocks for blocks the caller keys itself (see run_blocks' keys) and builds only when they are not cached:
    make(positions) gives the blocks at those positions, so a block's heavy inputs (vectors) are gathered only for
    the blocks computed. Identical keys are computed once."""
    found = cache.get_many(layer, list(dict.fromkeys(keys)))
    first: dict[str, int] = {}
    for i, k in enumerate(keys):
        if k not in found:
            first.setdefault(k, i)
    todo = list(first.values())
    computed = (mapper or _local_map)(fn, make(todo)) if todo else []
    fresh = {keys[i]: r for i, r in zip(todo, computed)}
    if fresh:
        cache.put_many(layer, fresh)
    return [fresh[k] if k in fresh else found[k] for k in keys]


def _local_map(fn: Callable[[Any], Any], items: list) -> list:
    return [fn(x) for x in items]

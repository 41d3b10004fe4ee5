"""Blocks of immutable layers held between corpus steps of one process (store.block_memo): a later step of the same
store gets the held objects, a store that lacks a block still misses it, unused blocks are let go, and the held
layers' real values are immutable."""
from __future__ import annotations

import dataclasses
import pickle
from pathlib import Path

import pytest

from newsgraph import api
from newsgraph.store import block_memo
from newsgraph.store.db import Store

SEEDS = Path(__file__).resolve().parents[2].parent / "shared" / "seeds"
HELD = "statement_digests"


def test_held_blocks_are_the_same_objects_in_a_later_step_and_misses_where_the_store_lacks_them(tmp_path):
    block_memo.forget()
    digest = (("a statement", 3, 17), frozenset({"x"}))
    with Store(tmp_path / "a.duckdb", publish_every=1e9) as a:
        first = a.block_cache()
        first.put_many(HELD, {"k": digest, "gone": ("old",)})
        first.put_many("claims", {"k": [1, 2]})
        later = a.block_cache()
        got = later.get_many(HELD, ["k"])
        assert got["k"] is digest and later.hits[HELD] == 1  # not unpickled again
        assert later.get_many("claims", ["k"])["k"] == [1, 2]  # not a held layer: read from the store
        assert pickle.loads(a.con.execute("SELECT value FROM block_cache WHERE key = 'k' AND layer = ?",
                                          [HELD]).fetchone()[0]) == digest
        later.prune()  # 'gone' was not used: dropped from the store and from memory
        assert block_memo.held_keys(HELD) == {"k"}
    with Store(tmp_path / "b.duckdb", publish_every=1e9) as b:  # held, but not in this store: a miss, as without
        other = b.block_cache()
        assert other.get_many(HELD, ["k"]) == {} and other.misses[HELD] == 1


def test_the_byte_budget_bounds_what_is_held(tmp_path, monkeypatch):
    block_memo.forget()
    monkeypatch.setattr(block_memo, "HELD_BYTES", 200)
    with Store(tmp_path / "c.duckdb", publish_every=1e9) as store:
        store.block_cache().put_many(HELD, {f"k{i}": ("x" * 60,) for i in range(5)})
        assert 0 < len(block_memo.held_keys(HELD)) < 5
        assert store.block_cache().get_many(HELD, [f"k{i}" for i in range(5)]) == {f"k{i}": ("x" * 60,) for i in range(5)}


def _immutable(value, seen=0) -> bool:
    if value is None or isinstance(value, (str, bytes, int, float, bool)):
        return True
    if isinstance(value, (tuple, frozenset)):  # named tuples too
        return all(_immutable(v) for v in value)
    if dataclasses.is_dataclass(value) and type(value).__dataclass_params__.frozen:
        return all(_immutable(getattr(value, f.name)) for f in dataclasses.fields(value))
    return False


@pytest.mark.skipif(not SEEDS.is_dir(), reason=f"shared seeds not found at {SEEDS}")
def test_the_held_layers_real_blocks_are_immutable(tmp_path):
    db = tmp_path / "seeds.duckdb"
    api.build([SEEDS], db)
    with Store(db, read_only=True) as store:
        rows = store.con.execute("SELECT layer, value FROM block_cache WHERE layer IN (SELECT unnest(?::VARCHAR[]))",
                                 [sorted(block_memo.HELD_LAYERS)]).fetchall()
    assert {layer for layer, _ in rows} >= {"statement_digests", "source_signals"}
    assert all(_immutable(pickle.loads(v)) for _, v in rows)

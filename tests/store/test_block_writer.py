"""Block cache rows are committed on the store's writer thread: every read of a layer, a publish and close see what
was put before them, and a failed write is raised to the corpus step."""
from __future__ import annotations

import pickle
import threading

import duckdb
import numpy as np
import pytest

from newsgraph.errors import StoreError
from newsgraph.store import block_cache, block_writer
from newsgraph.store.db import Store


def _vectors(n: int, seed: int = 0) -> dict[str, np.ndarray]:
    rng = np.random.default_rng(seed)
    return {f"k{i}": rng.standard_normal((1 + i % 5, 384)).astype(np.float32) for i in range(n)}


def test_rows_put_are_read_back_by_any_cache_of_the_store_and_survive_a_publish(tmp_path, monkeypatch):
    monkeypatch.setattr(block_cache, "_PUT_BYTES", 20_000)  # many transactions queued behind each other
    monkeypatch.setattr(block_writer, "MAX_QUEUED", 40_000)
    gate = threading.Event()
    real = block_cache.write_rows

    def slow(con, rows):  # the writer waits until the reader is already asking
        gate.wait(5)
        real(con, rows)

    monkeypatch.setattr(block_cache, "write_rows", slow)
    vectors = _vectors(60)
    db = tmp_path / "s.duckdb"
    with Store(db, publish_every=1e9) as store:
        store.block_cache().put_many("vectors", dict(list(vectors.items())[:5]))  # queued, not yet written
        threading.Timer(0.2, gate.set).start()
        store.block_cache().put_many("vectors", vectors)  # waits for room in the queue, then queues the rest
        got = store.block_cache().get_many("vectors", list(vectors))  # another cache: waits for the layer's rows
        assert set(got) == set(vectors)
        assert all(np.array_equal(got[k], v) for k, v in vectors.items())
        store.publish()  # a checkpoint: after the writer's transactions
        rows = store.con.execute("SELECT key, value FROM block_cache").fetchall()
    assert {k: pickle.loads(v).tobytes() for k, v in rows} == {k: v.tobytes() for k, v in vectors.items()}
    with Store(db, read_only=True) as store:  # published and closed with every row
        assert store.con.execute("SELECT count(*) FROM block_cache").fetchone()[0] == len(vectors)


def test_close_commits_what_is_queued(tmp_path):
    vectors = _vectors(30, seed=1)
    db = tmp_path / "s.duckdb"
    with Store(db) as store:
        store.block_cache().put_many("vectors", vectors)
    with Store(db) as store:
        got = store.block_cache().get_many("vectors", list(vectors))
    assert set(got) == set(vectors) and all(np.array_equal(got[k], v) for k, v in vectors.items())


def test_a_failed_write_is_raised_to_the_step(tmp_path, monkeypatch):
    def broken(con, rows):
        raise duckdb.IOException("disk full")

    monkeypatch.setattr(block_cache, "write_rows", broken)
    with Store(tmp_path / "s.duckdb") as store:
        cache = store.block_cache()
        cache.put_many("vectors", _vectors(3))
        with pytest.raises(StoreError, match="disk full"):
            cache.get_many("vectors", ["k0"])
        with pytest.raises(StoreError, match="disk full"):
            cache.prune()
        blocks, store._blocks = store._blocks, None  # stopped here: the store then closes as without a writer
        with pytest.raises(StoreError, match="disk full"):
            blocks.close()


def test_a_store_whose_block_write_failed_closes_with_the_error(tmp_path, monkeypatch):
    def broken(con, rows):
        raise duckdb.IOException("disk full")

    monkeypatch.setattr(block_cache, "write_rows", broken)
    db = tmp_path / "s.duckdb"
    Store(db).close()  # an empty store
    with pytest.raises(StoreError, match="disk full"):
        with Store(db) as store:
            store.block_cache().put_many("vectors", _vectors(2))
    with Store(db) as store:  # unlocked and reopened: the rows were never committed
        assert store.con.execute("SELECT count(*) FROM block_cache").fetchone()[0] == 0

"""The store's block cache: corpus-layer block results kept between builds (resolve.blocks.BlockCache), so a build
that adds a few articles recomputes only the blocks those articles touch. Results are pickled into one table;
a corpus step remembers every key it read or wrote and `prune` drops the rest, so the table holds one build's
worth of blocks rather than every block ever computed."""
from __future__ import annotations

import pickle
from typing import TYPE_CHECKING, Any, Sequence

import duckdb

from ..errors import StoreError
from . import block_memo, block_writer
from .bulk import insert_rows, insert_values
from .paused_gc import paused_gc

if TYPE_CHECKING:
    from .db import Store

# Keys per lookup statement: bounds the blobs a fetch holds at once.
_FETCH_CHUNK = 2000
# Pickled bytes written per transaction: DuckDB holds a transaction's rows until it commits (10,000 statement
# digests are 45 MB pickled).
_PUT_BYTES = 4_000_000
# Pickled values this long or longer go in as VALUES statements: DuckDB's Arrow scan held long blobs ~10x over
# (store.bulk.insert_values); short ones (pointers, small results) stay on Arrow, twice as fast for them.
_VALUES_FROM = 1024


class StoreBlockCache:
    """A BlockCache backed by the store's block_cache table; counts hits and misses per layer (tests, bench)."""

    def __init__(self, store: "Store") -> None:
        self.store = store
        self.used: dict[str, set[str]] = {}
        self.hits: dict[str, int] = {}
        self.misses: dict[str, int] = {}

    def get_many(self, layer: str, keys: Sequence[str]) -> dict[str, Any]:
        """The cached results among keys (unpickled chunk by chunk, so the blobs are never all held)."""
        block_writer.settle(self.store, layer)
        wanted = list(dict.fromkeys(keys))
        found: dict[str, Any] = block_memo.lookup(layer, wanted)  # held since an earlier step of this process
        if found:  # what this store holds: a block another store of this process made is a miss here, as without
            stored = self.present(layer, list(found))
            found = {k: v for k, v in found.items() if k in stored}
        unread = [k for k in wanted if k not in found] if found else wanted
        con = self.store.con
        try:
            for i in range(0, len(unread), _FETCH_CHUNK):
                chunk = unread[i:i + _FETCH_CHUNK]
                cur = con.execute("SELECT key, value FROM block_cache WHERE layer = ? AND key IN "
                                  "(SELECT unnest(?::VARCHAR[]))", [layer, chunk])
                while rows := cur.fetchmany(500):
                    with paused_gc():  # unpickled blocks are acyclic: 1,000 statement digests 0.33 -> 0.12 s
                        for key, value in rows:
                            found[key] = pickle.loads(value)
                            block_memo.hold(layer, key, found[key], len(value))
        except duckdb.Error as exc:
            raise StoreError(f"could not read the block cache of {self.store.path}: {exc}") from exc
        self.used.setdefault(layer, set()).update(found)
        self.hits[layer] = self.hits.get(layer, 0) + len(found)
        self.misses[layer] = self.misses.get(layer, 0) + len(wanted) - len(found)
        return found

    def present(self, layer: str, keys: Sequence[str]) -> set[str]:
        """Which of keys are cached, without reading their blocks or counting hits (a prefetch deciding what to make)."""
        block_writer.settle(self.store, layer)
        wanted = list(dict.fromkeys(keys))
        held: set[str] = set()
        try:
            for i in range(0, len(wanted), _FETCH_CHUNK):
                held.update(k for (k,) in self.store.con.execute(
                    "SELECT key FROM block_cache WHERE layer = ? AND key IN (SELECT unnest(?::VARCHAR[]))",
                    [layer, wanted[i:i + _FETCH_CHUNK]]).fetchall())
        except duckdb.Error as exc:
            raise StoreError(f"could not read the block cache of {self.store.path}: {exc}") from exc
        return held

    def put_many(self, layer: str, results: dict[str, Any]) -> None:
        """Keep freshly computed blocks: pickled here and committed _PUT_BYTES at a time by the store's block writer
        thread (store.block_writer), which a later read of the layer waits for (a cached block is correct whatever
        happens next): one transaction of every block held them all, pickled and in DuckDB. The store is not
        published for them: readers never read the block cache (a snapshot goes out with the next write of data)."""
        used = self.used.setdefault(layer, set())
        todo = [k for k in results if k not in used]
        used.update(results)
        rows: list[list] = []
        held = 0
        for k in todo:
            rows.append([layer, k, pickle.dumps(results[k], protocol=pickle.HIGHEST_PROTOCOL)])
            held += len(rows[-1][2])
            block_memo.hold(layer, k, results[k], len(rows[-1][2]))
            if held >= _PUT_BYTES:
                block_writer.of(self.store, write_rows).put(rows, held)
                rows, held = [], 0
        if rows:
            block_writer.of(self.store, write_rows).put(rows, held)

    def keep(self, layer: str, keys: Sequence[str]) -> None:
        """Mark blocks as in use without reading them: prune keeps them (a layer's inputs for later steps)."""
        self.used.setdefault(layer, set()).update(keys)

    def prune(self) -> int:
        """Drop every cached block this step neither read nor wrote; returns how many were dropped."""
        block_writer.settle(self.store)
        con = self.store.con
        rows = [[layer, key] for layer, keys in self.used.items() for key in keys]
        con.execute("BEGIN TRANSACTION")
        try:
            before = con.execute("SELECT count(*) FROM block_cache").fetchone()[0]
            con.execute("CREATE TEMP TABLE IF NOT EXISTS _used_blocks (layer VARCHAR, key VARCHAR)")
            con.execute("DELETE FROM _used_blocks")
            insert_rows(con, "_used_blocks", rows)
            con.execute("DELETE FROM block_cache WHERE NOT EXISTS (SELECT 1 FROM _used_blocks u "
                        "WHERE u.layer = block_cache.layer AND u.key = block_cache.key)")
            after = con.execute("SELECT count(*) FROM block_cache").fetchone()[0]
            con.execute("DROP TABLE _used_blocks")
            con.execute("COMMIT")
        except duckdb.Error as exc:
            con.execute("ROLLBACK")
            raise StoreError(f"could not prune the block cache of {self.store.path}: {exc}") from exc
        self.store._committed()
        block_memo.keep_only(self.used)
        return before - after


def write_rows(con: duckdb.DuckDBPyConnection, rows: list[list]) -> None:
    """One transaction of block rows on con (the block writer's cursor): long values as VALUES statements, the rest
    through Arrow (bulk).

    Plain INSERTs first, and only when a key is held already (DuckDB refuses the duplicate) the transaction again as
    INSERT OR REPLACE: OR REPLACE cost ~2.3x a plain INSERT's CPU (22 MB of claim-vector-like blocks and 4,000 small
    ones into a stepped 1,000-article store: 0.96 -> 0.42 s), and a step writes almost only new keys (a block it read
    is never written again). Raises duckdb.Error (the writer hands it to its caller as a StoreError)."""
    for replace in (False, True):
        con.execute("BEGIN TRANSACTION")
        try:
            insert_values(con, "block_cache", [r for r in rows if len(r[2]) >= _VALUES_FROM], or_replace=replace)
            insert_rows(con, "block_cache", [r for r in rows if len(r[2]) < _VALUES_FROM], or_replace=replace)
            con.execute("COMMIT")
            return
        except duckdb.ConstraintException:  # a key the table holds: replaced in the second round
            con.execute("ROLLBACK")
            if replace:
                raise
        except duckdb.Error:
            con.execute("ROLLBACK")
            raise

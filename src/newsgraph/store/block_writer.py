"""Block cache rows written on a thread of their own, with its own DuckDB cursor, so the corpus step's main thread
goes on with the next layer while DuckDB inserts (it releases the GIL while it executes). The claims layer's 23 MB of
static claim vectors are written after the encoder work is done, when the other core has nothing else to do.

Rows are pickled by the caller (its objects may change once it returns) and queued a transaction's worth at a time,
at most MAX_QUEUED bytes of them (the caller waits beyond that: memory stays bounded). A reader of a layer waits for
that layer's queued rows first (`flush(layer)`), and anything that checkpoints, publishes or closes the store waits
for all of them, so every read sees what a synchronous write would have left."""
from __future__ import annotations

import threading
from collections import Counter, deque
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

import duckdb

from ..errors import StoreError

if TYPE_CHECKING:
    from .db import Store

# Pickled bytes queued and not yet committed, at most (two of block_cache's transactions).
MAX_QUEUED = 8_000_000

Write = Callable[[Any, list[list]], None]  # (cursor, rows): one transaction of block_cache rows


class BlockWriter:
    """A thread committing queued block_cache rows in order, each batch in one transaction on its own cursor."""

    def __init__(self, con: duckdb.DuckDBPyConnection, write: Write, path: str = "") -> None:
        self._con = con.cursor()
        self._write = write
        self._path = path
        self._cond = threading.Condition()
        self._queue: deque[tuple[list[list], int, frozenset[str]] | None] = deque()
        self._bytes = 0
        self._pending: Counter[str] = Counter()  # layer -> batches queued or being written
        self._error: BaseException | None = None
        self._thread = threading.Thread(target=self._run, name="newsgraph-blocks", daemon=True)
        self._thread.start()

    def put(self, rows: list[list], size: int) -> None:
        """Queue one transaction of rows ([layer, key, pickled value]) of `size` pickled bytes."""
        layers = frozenset(r[0] for r in rows)
        with self._cond:
            self._cond.wait_for(lambda: self._bytes < MAX_QUEUED or self._error is not None)
            self._raise()
            self._queue.append((rows, size, layers))
            self._bytes += size
            self._pending.update(layers)
            self._cond.notify_all()

    def flush(self, layer: str | None = None) -> None:
        """Return when the layer's queued rows (every layer's, without one) are committed; raise a failed write."""
        with self._cond:
            self._cond.wait_for(lambda: (self._pending[layer] if layer is not None else len(self._queue)) <= 0
                                or self._error is not None)
            self._raise()

    def close(self) -> None:
        """Commit what is queued, stop the thread and close its cursor."""
        try:
            self.flush()
        finally:
            with self._cond:
                self._queue.append(None)
                self._cond.notify_all()
            self._thread.join()
            self._con.close()

    def _raise(self) -> None:
        if self._error is not None:
            raise StoreError(f"could not write the block cache of {self._path}: {self._error}") from self._error

    def _run(self) -> None:
        while True:
            with self._cond:
                self._cond.wait_for(lambda: bool(self._queue))
                item = self._queue[0]
            if item is None:
                return
            rows, size, layers = item
            try:
                if self._error is None:  # after a failure nothing more is written: the caller hears of it
                    self._write(self._con, rows)
            except BaseException as exc:  # noqa: BLE001 - raised in the caller's thread (flush, put)
                self._error = exc
            with self._cond:
                self._queue.popleft()
                self._bytes -= size
                self._pending.subtract(layers)
                self._cond.notify_all()


def of(store: "Store", write: Write) -> BlockWriter:
    """The store's block writer (started on first use, stopped by Store.close); marks the store dirty."""
    if store._blocks is None:
        store._blocks = BlockWriter(store.con, write, str(store.path))
    store._dirty = True
    return store._blocks


def settle(store: "Store", layer: str | None = None) -> None:
    """Wait until the store's queued block rows of layer (of every layer without one) are committed."""
    if store._blocks is not None:
        store._blocks.flush(layer)

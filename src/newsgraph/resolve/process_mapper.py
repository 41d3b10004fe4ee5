"""The corpus blocks on several local cores: a resolve.blocks Mapper over worker processes (build -j N), so the
cross-article layers use the cores the per-article step used. Block functions are pure and module-level, so a
worker computes exactly what this process would; results come back in input order.

A layer's pending blocks are first computed here for a moment: a layer that finishes within it (most, on a
build adding a few articles) never pays for the pool, and only layers with seconds of work are spread. The pool
is started on first use and lives for one corpus step (close it, or use the mapper as a context manager); this
process computes a share of each spread layer itself, so -j 2 starts one worker.
"""
from __future__ import annotations

import math
import multiprocessing
import sys
import time
from collections.abc import Callable
from contextlib import nullcontext
from typing import Any, ContextManager

# Block functions that embed text never come here: the embedding layers run on their own batched mapper in this
# process (resolve.blocks.embedding_mapper, keyed on `local` below), where the model is loaded once.

# Seconds of a layer's blocks computed here before deciding whether the rest is worth the pool.
PROBE_SECONDS = 0.05
# Estimated seconds of remaining work below which the rest is computed here too (a pool round trip costs more).
MIN_POOL_SECONDS = 0.3
# Chunks per worker for one layer: several, so one slow chunk does not leave the other cores idle.
CHUNKS_PER_WORKER = 4


def _apply_chunk(job: tuple[Callable[[Any], Any], list]) -> list:
    """A worker's task: one layer's block function over a run of its pending blocks."""
    fn, items = job
    with blas_threads_for(fn):
        return [fn(x) for x in items]


def blas_threads_for(fn: Callable[..., Any]) -> ContextManager[Any]:
    """One BLAS thread while fn's blocks run, when fn asks for it (fn.one_blas_thread = True): the small matrix
    products of a story block on OpenBLAS's two threads cost more CPU in the threads waiting on each other than in
    multiplying (the 551 story blocks of the 1,000-text store, loaded machine: ~1.1-1.4 -> ~0.75-0.85 s CPU), and the
    processes are the parallelism here. Only for block functions whose results do not depend on BLAS' thread
    count (matrix products split rows and columns among threads, never the sums)."""
    if not getattr(fn, "one_blas_thread", False):
        return nullcontext()
    try:
        from threadpoolctl import threadpool_limits
    except ImportError:  # pragma: no cover - scikit-learn brings it
        return nullcontext()
    return threadpool_limits(1, user_api="blas")


def _init_worker() -> None:
    """A forked worker never embeds, but if torch came with the fork, keep it off the parent's thread pool."""
    torch = sys.modules.get("torch")
    if torch is not None:
        torch.set_num_threads(1)


class ProcessMapper:
    """A resolve.blocks Mapper that spreads a layer's pending blocks over `processes` processes (this one and
    processes - 1 workers)."""

    # Embedding layers keep their own batched mapper under this one (one encoder call over every pending article
    # is several times faster than one call per article, and a worker would load the model again).
    local = True

    def __init__(self, processes: int, probe_seconds: float = PROBE_SECONDS,
                 min_pool_seconds: float = MIN_POOL_SECONDS) -> None:
        self.processes = max(1, int(processes))
        self.probe_seconds = probe_seconds
        self.min_pool_seconds = min_pool_seconds
        self.pooled = 0  # blocks computed by workers (tests, bench)
        self._pool: Any = None

    def __call__(self, fn: Callable[[Any], Any], items: list) -> list:
        items = list(items)
        if self.processes <= 1 or len(items) < 2:
            return [fn(x) for x in items]
        out: list = []
        t0 = time.perf_counter()
        elapsed = 0.0
        while len(out) < len(items) and elapsed < self.probe_seconds:
            out.append(fn(items[len(out)]))
            elapsed = time.perf_counter() - t0
        rest = items[len(out):]
        if not rest:
            return out
        if out and elapsed / len(out) * len(rest) < self.min_pool_seconds:
            return out + [fn(x) for x in rest]
        # this process is one of the workers: it computes its share (warm caches, nothing pickled) while the
        # others compute the rest in chunks
        mine, theirs = rest[:len(rest) // self.processes], rest[len(rest) // self.processes:]
        size = math.ceil(len(theirs) / ((self.processes - 1) * CHUNKS_PER_WORKER))
        pending = self._workers().map_async(_apply_chunk, [(fn, theirs[i:i + size]) for i in range(0, len(theirs), size)])
        out.extend(fn(x) for x in mine)
        for part in pending.get():
            out.extend(part)
        self.pooled += len(theirs)
        return out

    def _workers(self) -> Any:
        if self._pool is None:
            method = "fork" if sys.platform.startswith("linux") else "spawn"  # fork: workers inherit what is loaded
            self._pool = multiprocessing.get_context(method).Pool(self.processes - 1, initializer=_init_worker)
        return self._pool

    def close(self) -> None:
        """Stop the workers (a no-op when the pool was never needed)."""
        if self._pool is not None:
            self._pool.close()
            self._pool.join()
            self._pool = None

    def __enter__(self) -> "ProcessMapper":
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

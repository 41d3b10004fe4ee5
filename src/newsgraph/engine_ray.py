"""The Ray Data engine: the same per-article work as the local engine, spread over a Ray cluster's cores.

Locally (no address, no RAY_ADDRESS) it starts a private Ray on this machine; with an address it joins
a cluster whose nodes have newsgraph's dependencies (spaCy and the pinned model) installed; the
newsgraph package itself is shipped to the workers with the job. Articles and records cross process
boundaries as JSON strings (the store's serialisation), never as pickled objects.
"""
from __future__ import annotations

import itertools
import json
import logging
import math
import os
from dataclasses import asdict
from pathlib import Path
from typing import Any, Callable, Iterable, Iterator

from .errors import EngineError
from .records import Article, ArticleRecord

# Articles per Ray batch: large enough to amortise the hop, small enough to spread a seed-sized corpus.
BATCH_SIZE = 8
# Articles per Ray Data job when streaming a build: bounds the driver's memory on large corpora.
CHUNK_SIZE = 512


def article_to_json(article: Article) -> str:
    """An Article as a JSON string, for shipping to workers."""
    return json.dumps(asdict(article), ensure_ascii=False)


def article_from_json(text: str) -> Article:
    """Rebuild an Article written by article_to_json."""
    from .store.serialize import article_from_dict

    return article_from_dict(json.loads(text))


class ArticleAnalyser:
    """A Ray actor: loads the spaCy pipeline once, then parses and extracts batch after batch."""

    def __init__(self) -> None:
        from .nlp.pipeline import get_nlp
        from .pipeline import _extractors

        get_nlp()
        _extractors()

    def __call__(self, batch: dict) -> dict:
        from .pipeline import analyse_batch_json

        articles = [article_from_json(str(s)) for s in batch["article"]]
        return {"i": batch["i"], "record": analyse_batch_json(articles)}


def ensure_ray(address: str | None = None) -> None:
    """Connect to the cluster at address (or RAY_ADDRESS), or start a quiet local Ray."""
    try:
        import ray
    except ImportError as exc:  # pragma: no cover - ray is a declared dependency
        raise EngineError("the ray engine needs 'ray[data]' installed") from exc
    if ray.is_initialized():
        return
    address = address or os.environ.get("RAY_ADDRESS") or None
    try:
        if address:
            package = str(Path(__file__).resolve().parent)
            ray.init(address=address, log_to_driver=False, runtime_env={"py_modules": [package]})
        else:
            ray.init(num_cpus=os.cpu_count() or 2, include_dashboard=False, log_to_driver=False,
                     configure_logging=False)
    except Exception as exc:  # ray raises many unrelated types (ConnectionError, RuntimeError, ...)
        where = f"the Ray cluster at {address}" if address else "a local Ray"
        raise EngineError(f"could not start {where}: {exc}") from exc
    from ray.data import DataContext

    ctx = DataContext.get_current()
    ctx.enable_progress_bars = False
    ctx.print_on_execution_start = False
    for name in ("ray", "ray.data"):
        logging.getLogger(name).setLevel(logging.WARNING)


def analyse_with_ray(articles: list[Article], address: str | None = None) -> list[ArticleRecord]:
    """Per-article analysis on Ray Data (one actor per available core, each loading spaCy once);
    records come back in input order."""
    from .store.serialize import record_from_json

    if not articles:
        return []
    ensure_ray(address)
    import ray
    import ray.data

    cores = int(ray.available_resources().get("CPU", 0) or ray.cluster_resources().get("CPU", 1))
    actors = max(1, min(cores, math.ceil(len(articles) / BATCH_SIZE)))
    ds = ray.data.from_items([{"i": i, "article": article_to_json(a)} for i, a in enumerate(articles)])
    ds = ds.map_batches(ArticleAnalyser, batch_size=BATCH_SIZE, num_cpus=1,
                        compute=ray.data.ActorPoolStrategy(size=actors))  # 'concurrency' before Ray 2.51
    try:
        rows = ds.take_all()
    except Exception as exc:  # a worker failure surfaces as a Ray-specific wrapper
        raise EngineError(f"the Ray job failed: {exc}") from exc
    rows.sort(key=lambda r: int(r["i"]))
    if len(rows) != len(articles):
        raise EngineError(f"the Ray job returned {len(rows)} records for {len(articles)} articles")
    return [record_from_json(str(r["record"])) for r in rows]


def iter_analyse_with_ray(articles: Iterable[Article], address: str | None = None,
                          chunk_size: int = CHUNK_SIZE) -> Iterator[ArticleRecord]:
    """analyse_with_ray over a stream, one Ray job per chunk, so a build never holds the whole corpus."""
    it = iter(articles)
    while chunk := list(itertools.islice(it, chunk_size)):
        yield from analyse_with_ray(chunk, address)


# Ray tasks per available core for one layer's pending blocks: several, so one large block does not leave
# the other cores idle, few, so the per-task hop stays small against the work.
TASKS_PER_CORE = 4


def _apply_chunk(fn: Callable[[Any], Any], items: list) -> list:
    """A Ray task: one layer's block function over a run of its pending blocks."""
    return [fn(x) for x in items]


_REMOTE_APPLY: list = []


def _remote_apply() -> Any:
    """_apply_chunk as a Ray remote function, made once per process (each one is exported to the cluster)."""
    import ray

    if not _REMOTE_APPLY:
        _REMOTE_APPLY.append(ray.remote(num_cpus=1)(_apply_chunk))
    return _REMOTE_APPLY[0]


def ray_mapper(address: str | None = None) -> Callable[[Callable[[Any], Any], list], list]:
    """A resolve.blocks mapper that computes pending blocks as Ray tasks (results in input order), for the
    corpus step with --engine ray. Block functions are module-level, so workers import them by name."""

    def mapper(fn: Callable[[Any], Any], items: list) -> list:
        if not items:
            return []
        ensure_ray(address)
        import ray

        cores = int(ray.cluster_resources().get("CPU", 1) or 1)
        n_tasks = max(1, min(len(items), cores * TASKS_PER_CORE))
        size = math.ceil(len(items) / n_tasks)
        task = _remote_apply()
        refs = [task.remote(fn, items[i:i + size]) for i in range(0, len(items), size)]
        try:
            parts = ray.get(refs)
        except Exception as exc:  # a failing block surfaces as a Ray-specific wrapper
            raise EngineError(f"a Ray task of the corpus step ({getattr(fn, '__name__', fn)}) failed: {exc}") from exc
        out = [r for part in parts for r in part]
        if len(out) != len(items):
            raise EngineError(f"Ray returned {len(out)} block results for {len(items)} blocks")
        return out

    return mapper

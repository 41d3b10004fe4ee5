"""The Python API the CLI mirrors: build a store, export annotations, read what was found."""
from __future__ import annotations

import gc
import os
import time
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Callable, Iterable, Iterator, Mapping, NamedTuple, Sequence

from .errors import EngineError
from .ingest import Unchanged, iter_read
from .pipeline import AnalysisPool, analyse, anchor_of, worker_pool
from .records import Article, ArticleRecord, IngestError

if TYPE_CHECKING:
    from .resolve.blocks import BlockCache, Mapper
    from .resolve.corpus import StoryInputs
    from .resolve.entities import EntityIndex
    from .store.db import Store

Progress = Callable[[str], None]
# Analysed records are committed together, up to this many or this many seconds after the first of them: a
# DuckDB transaction costs ~15 ms of the builder's CPU whatever its size (150 pool texts: 2.0 s one by one,
# 0.4-0.8 s sixteen at a time; 1,009 bench records: 2.2 s sixteen at a time, 1.3 s 64 at a time), which on two
# cores is taken from the workers. A crash loses at most these (~4 s of a 2-core build) and the ones in flight.
WRITE_BATCH = int(os.environ.get("NEWSGRAPH_WRITE_BATCH", "64"))
WRITE_SECONDS = 4.0


@dataclass
class BuildReport:
    """What a build did: which articles were new, replaced, unchanged or unreadable."""

    added: list[str] = field(default_factory=list)
    replaced: list[str] = field(default_factory=list)
    unchanged: list[str] = field(default_factory=list)
    errors: list[IngestError] = field(default_factory=list)
    skipped: Counter[str] = field(default_factory=Counter)  # files of types not read, by suffix (folders)
    analysed: int = 0  # articles parsed and written in this build (added + replaced, once committed)
    corpus_recomputed: bool = False  # whether the cross-article layers were rebuilt

    @property
    def ok(self) -> bool:
        return not self.errors


def iter_inputs(inputs: Sequence[str | Path], errors: list[IngestError],
                skipped: Counter[str] | None = None) -> Iterator[Article]:
    """Stream readable articles; unreadable inputs and repeated doc_ids are appended to errors, files of
    types newsgraph does not read (met in folders) counted by suffix into skipped."""
    for item, _ in iter_read_inputs(inputs, errors, skipped):
        yield item  # type: ignore[misc]  # no Unchanged without known


def iter_read_inputs(inputs: Sequence[str | Path], errors: list[IngestError], skipped: Counter[str] | None = None,
                     known: Mapping[str, str] | None = None) -> Iterator[tuple[Article | Unchanged, str | None]]:
    """iter_inputs for a build: each article with its input digest; with known (doc_id -> the digest of the input its
    stored article was read from), an input of that digest comes as Unchanged, not read again (ingest.iter_read)."""
    seen: dict[str, str] = {}
    for item, digest in iter_read(list(inputs), skipped, known):
        if isinstance(item, IngestError):
            errors.append(item)
        elif item.doc_id in seen:
            errors.append(IngestError(item.source, "E111", f"duplicate doc_id {item.doc_id!r} (first read from {seen[item.doc_id]}); skipped"))
        else:
            seen[item.doc_id] = item.source
            yield item, digest


def read_inputs(inputs: Sequence[str | Path], skipped: Counter[str] | None = None
                ) -> tuple[list[Article], list[IngestError]]:
    """All readable articles and one error per unreadable input; later duplicates of a doc_id are errors."""
    errors: list[IngestError] = []
    articles = list(iter_inputs(inputs, errors, skipped))
    return articles, errors


def iter_analysed(articles: Iterable[Article], engine: str = "local", n_process: int = 1,
                  pool: AnalysisPool | None = None) -> Iterator[ArticleRecord]:
    """Per-article work on the chosen engine, streamed in input order (pool: local workers kept by the caller)."""
    if engine == "ray":
        from .engine_ray import iter_analyse_with_ray

        return iter_analyse_with_ray(articles)
    if engine != "local":
        raise EngineError(f"unknown engine {engine!r}; use 'local' or 'ray'")
    return analyse(articles, n_process=n_process, pool=pool)


def analyse_articles(articles: Iterable[Article], engine: str = "local", n_process: int = 1,
                     on_article: Progress | None = None) -> list[ArticleRecord]:
    """Per-article work on the chosen engine; results come back in input order."""
    out = []
    for rec in iter_analysed(articles, engine=engine, n_process=n_process):
        out.append(rec)
        if on_article:
            on_article(rec.article.doc_id)
    return out


def build(inputs: Sequence[str | Path], db: str | Path, engine: str = "local", n_process: int = 1,
          on_article: Progress | None = None, on_total: Callable[[int], None] | None = None) -> BuildReport:
    """Ingest inputs into the store; unchanged articles are skipped, changed ones replaced, then the
    cross-article layers are recomputed from every stored record.

    Streams: articles are read, compared by content id (before any parsing), analysed and committed a
    few at a time (WRITE_BATCH, WRITE_SECONDS), so memory does not grow with the corpus. An input whose raw
    content (and reading code) is the one its stored article was read from is not read again at all (the store's
    input digests). on_total gets the running count of articles to analyse (it grows while inputs are still being
    read). When nothing changed, neither the spaCy pipeline nor the cross-article layers are touched."""
    from .store.db import Store

    report = BuildReport()
    # the per-article workers (spaCy loaded) stay until the corpus step has analysed undated articles again
    with Store(db) as store, worker_pool(n_process if engine == "local" else 1) as pool:
        stored = store.content_ids()
        known = store.input_digests()
        read: list[tuple[str, str, str]] = []  # (doc_id, input digest, content id) of inputs read in full

        def todo() -> Iterator[Article]:
            for a, digest in iter_read_inputs(inputs, report.errors, report.skipped, known):
                if isinstance(a, Unchanged):
                    report.unchanged.append(a.doc_id)
                    continue
                content_id = a.content_id
                if digest is not None:
                    read.append((a.doc_id, digest, content_id))
                if stored.get(a.doc_id) == content_id:
                    report.unchanged.append(a.doc_id)
                    continue
                (report.replaced if a.doc_id in stored else report.added).append(a.doc_id)
                if on_total:
                    on_total(len(report.added) + len(report.replaced))
                yield a

        batch: list[ArticleRecord] = []
        started = 0.0

        def commit() -> None:
            # one transaction: a crash loses at most these and the ones in flight; the digests of inputs read so far
            # go with them (true whatever is stored: see Store.put_input_digests)
            store.put_records(batch, read)
            read.clear()
            report.analysed += len(batch)
            if on_article:
                for done in batch:
                    on_article(done.article.doc_id)
            batch.clear()

        # What this process holds before the first article (imports; the spaCy pipeline where the caller loaded it)
        # lives through the build: frozen, the cyclic collector's full passes of the per-article phase no longer
        # walk it (1,000 bench texts, pipeline loaded: their CPU 0.16 -> 0.05 s), and the forked workers do not
        # copy its pages to write collector marks (a worker's system CPU ~0.20 -> ~0.14 s). Thawed for the corpus
        # step, which freezes what it holds itself (a caller's own frozen objects stay frozen).
        thaw = gc.get_freeze_count() == 0
        gc.freeze()
        try:
            for rec in iter_analysed(todo(), engine=engine, n_process=n_process, pool=pool):
                if not batch:
                    started = time.monotonic()
                batch.append(rec)
                if len(batch) >= WRITE_BATCH or time.monotonic() - started >= WRITE_SECONDS:
                    commit()
            commit()
        finally:
            if thaw:
                gc.unfreeze()
        if on_total:
            on_total(report.analysed)
        if store.corpus_stale():
            with store.publish_deferred():  # closing the store, right below, publishes the new layers
                update_corpus_layers(store, engine=engine, n_process=n_process, pool=pool)
            report.corpus_recomputed = True
    return report


def update_corpus_layers(store: "Store", engine: str = "local", n_process: int = 1,
                         pool: AnalysisPool | None = None) -> None:
    """Recompute the cross-article layers from every stored record and swap them in.

    Blocks whose inputs did not change since the last corpus step come from the store's block cache
    (resolve.blocks); the blocks that must be computed run as Ray tasks with engine 'ray', on n_process local
    worker processes with n_process > 1. Cached blocks this step did not use are dropped afterwards.
    pool: the build's per-article workers, which analyse undated articles again (then they are stopped)."""
    import threading

    from .resolve.corpus import resolve_corpus, story_inputs
    from .resolve.entities import merge_entities
    from .resolve.prefetch import Prefetch, off_machine, prefetch_claims, prefetch_contradictions, prefetch_story
    from .resolve.statement_digests import article_digests

    cache = store.block_cache()
    warm = Prefetch(load=True)
    mapper = corpus_mapper(engine, n_process)
    # the records and the store's md5 of each (what keys the per-article blocks): one query for both, not a second
    # md5 over every stored record after the merge (1,009 records: ~0.03-0.05 s)
    loaded, fingerprints = store.records_and_fingerprints()
    # The records (millions of small objects) live through the step: the cyclic GC's full collections scanned them
    # all, 1.3 of 7.9 s CPU of an add-10 step at 1,000 articles. Frozen, they are still freed by reference counting.
    # The step's own objects (blocks, vectors, rows) are acyclic too: no cyclic collection runs during it (a 1,000
    # article add-10 step left 8 cyclic objects for the collector; its collections there cost ~0.2-0.4 s CPU).
    gc.freeze()
    collecting = gc.isenabled()
    gc.disable()
    closing: threading.Thread | None = None
    try:
        try:
            index = merge_entities(loaded, cache=cache, mapper=mapper)
            # The encoder work of story clustering and claims is queued for a thread (resolve.prefetch) that runs
            # under the Python before them (digests, story blocks, source profiles); each layer helps with its own.
            story = story_inputs(loaded, index)
            if not off_machine(mapper):
                prefetch_story(warm, story, cache)
            before_claims = len(warm.texts)
            digests, _ = prefetch_claims(loaded, index.ids, cache=cache, mapper=mapper, fingerprints=fingerprints,
                                         into=warm)
            prefetch_contradictions(warm, digests, cache, mapper, claims_queued=len(warm.texts) - before_claims)
            warm.wait("story")
            records, changed, stories, index = settle_anchors(loaded, cache=cache, mapper=mapper, pool=pool,
                                                              index=index, story=story)
            del story
            if pool is not None:  # the layers never parse: the workers' models go before the layers' arrays come;
                # their exit is waited for on a thread (joined below), as the step goes on: joining two spaCy workers
                # while they exit held a new process' add-10 step ~0.3-0.4 s wall (1,000 articles, loaded machine)
                closing = threading.Thread(target=pool.close, name="newsgraph-pool-close", daemon=True)
                closing.start()
            del loaded
            for record in changed:
                store.put_record(record)
            if changed:  # re-analysed records have new fingerprints (and maybe entity ids): only their digests, and
                # those of articles whose entities now map to other ids, are made; the others are the prefetch's
                fingerprints = record_fingerprints(store)
                digests = article_digests(records, index.ids, cache=cache, mapper=mapper, fingerprints=fingerprints,
                                          known=digests)
            corpus = resolve_corpus(records, stories, index=index, cache=cache, mapper=mapper,
                                    fingerprints=fingerprints, digests=digests, before_claims=warm)
        finally:
            warm.wait()
            close = getattr(mapper, "close", None)
            if close is not None:
                close()
        del records, stories, index, changed
        corpus.records = []  # the rows need only the layers: the records' memory goes before the tables are written
        store.replace_corpus_layers(corpus.rows())
        cache.prune()
    finally:
        if closing is not None:
            closing.join()
        if collecting:
            gc.enable()
        gc.unfreeze()


def record_fingerprints(store: "Store") -> dict[str, str]:
    """doc_id -> a hash of its stored record (DuckDB's md5 of the record JSON, in C): keys what the corpus layers
    cache per article, without hashing the decoded records in Python."""
    return {r["doc_id"]: r["digest"] for r in store.query("SELECT doc_id, md5(record) AS digest FROM articles")}


def corpus_mapper(engine: str = "local", n_process: int = 1) -> "Mapper | None":
    """How the corpus layers compute their pending blocks: Ray tasks for the ray engine, local worker processes
    when n_process > 1 (resolve.process_mapper), else in this process."""
    if engine == "ray":
        from .engine_ray import ray_mapper

        return ray_mapper()
    if engine != "local":
        raise EngineError(f"unknown engine {engine!r}; use 'local' or 'ray'")
    if n_process > 1:
        from .resolve.process_mapper import ProcessMapper

        return ProcessMapper(n_process)
    return None


class Settled(NamedTuple):
    """Records with their writing dates settled, and the corpus layers computed on the way (None when none were)."""

    records: list[ArticleRecord]
    changed: list[ArticleRecord]  # the records analysed again against an inferred writing date
    stories: list | None  # story events of `records` (source counts without near-copy groups)
    index: "EntityIndex | None"  # merged entities of `records`


def settle_anchors(records: list[ArticleRecord], *, cache: "BlockCache | None" = None,
                   mapper: "Mapper | None" = None, pool: AnalysisPool | None = None,
                   index: "EntityIndex | None" = None, story: "StoryInputs | None" = None) -> Settled:
    """Undated articles get the writing date other articles imply (resolve.anchors) and are analysed
    again against it. Returns every record (updated ones in place), the updated ones, and the merged
    entities and story events of the returned records, so resolve_corpus need not compute them again.
    index: the records' merged entities when the caller has them already; story: their corpus.story_inputs.
    After a re-analysis only the blocks the updated records touch are recomputed (resolve.blocks)."""
    from .pipeline import reanalyse_with_anchors
    from .resolve.anchors import infer_anchors
    from .resolve.blocks import MemoryBlockCache
    from .resolve.corpus import story_events
    from .resolve.entities import merge_entities

    undated = [r for r in records if not anchor_of(r.article)]
    if not undated and story is None:
        return Settled(records, [], None, index)
    blocking = {"cache": cache if cache is not None else MemoryBlockCache(), "mapper": mapper}
    index = index if index is not None else merge_entities(records, **blocking)
    if not undated:  # the caller made the story inputs (and their vectors): cluster them here
        return Settled(records, [], story_events(records, index, inputs=story, **blocking), index)
    stories = story_events(records, index, inputs=story, **blocking)
    inferred = infer_anchors(records, stories)
    wanted = {r.article.doc_id: (inferred[r.article.doc_id].date if r.article.doc_id in inferred else None)
              for r in undated}
    changed = reanalyse_with_anchors(undated, wanted, pool=pool)
    if not changed:
        return Settled(records, [], stories, index)
    new = {r.article.doc_id: r for r in changed}
    before = {r.article.doc_id: r for r in undated}
    records = [new.get(r.article.doc_id, r) for r in records]
    # merging reads only the records' doc ids and entities: when re-analysis left every entity as it was (a writing
    # date changes dates, not names), the merge is the one made before
    if any(r.entities != before[r.article.doc_id].entities for r in changed):
        index = merge_entities(records, **blocking)
    return Settled(records, changed, story_events(records, index, **blocking), index)


def export_annotations(inputs: Sequence[str | Path], out_dir: str | Path, engine: str = "local",
                       on_article: Progress | None = None, skipped: Counter[str] | None = None
                       ) -> tuple[list[Path], list[IngestError]]:
    """Process inputs in memory and write one annotation JSON per article (skipped: see iter_inputs)."""
    from .export.annotations import write_annotations
    from .resolve.corpus import inherited_dates, story_events
    from .resolve.entities import merge_entities

    articles, errors = read_inputs(inputs, skipped)
    records, _, stories, index = settle_anchors(analyse_articles(articles, engine=engine, on_article=on_article))
    index = index if index is not None else merge_entities(records)
    inherited = inherited_dates(stories if stories is not None else story_events(records, index), records)
    return write_annotations(records, index, Path(out_dir), inherited), errors

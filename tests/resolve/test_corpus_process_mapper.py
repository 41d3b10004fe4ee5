"""build -j N spreads the corpus layers' pending blocks over worker processes (resolve.process_mapper): on the
seeds every layer comes out exactly as computed in one process, and the workers really computed blocks."""
from __future__ import annotations

from newsgraph.api import settle_anchors
from newsgraph.resolve.corpus import resolve_corpus
from newsgraph.resolve.process_mapper import ProcessMapper


def _rows(records, mapper) -> dict:
    settled = settle_anchors(list(records), mapper=mapper)
    corpus = resolve_corpus(settled.records, settled.stories, index=settled.index, mapper=mapper)
    return {table: sorted(rows, key=repr) for table, rows in corpus.rows().items()}


def test_worker_processes_give_exactly_the_single_process_layers(seed_records):
    serial = _rows(seed_records.values(), None)
    with ProcessMapper(2, probe_seconds=0.0, min_pool_seconds=0.0) as mapper:  # every layer's blocks to the pool
        pooled = _rows(seed_records.values(), mapper)
        assert mapper.pooled > 0
    assert serial["entities"] and serial["story_events"] and serial["claims"] and serial["source_profiles"]
    assert pooled == serial


def test_small_layers_stay_in_process_and_the_pool_is_never_started():
    mapper = ProcessMapper(2)
    assert mapper(len, [[1], [1, 2], [1, 2, 3]]) == [1, 2, 3]
    assert mapper.pooled == 0 and mapper._pool is None


def test_story_blocks_run_on_one_blas_thread_and_other_layers_keep_theirs():
    from threadpoolctl import threadpool_info

    from newsgraph.resolve.event_vectors import _with_vectors
    from newsgraph.resolve.process_mapper import blas_threads_for

    def blas_threads() -> set[int]:
        return {i["num_threads"] for i in threadpool_info() if i["user_api"] == "blas"}

    before = blas_threads()
    with blas_threads_for(_with_vectors):
        assert blas_threads() == {1}
    with blas_threads_for(len):
        assert blas_threads() == before
    assert blas_threads() == before

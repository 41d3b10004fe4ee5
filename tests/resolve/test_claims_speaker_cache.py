"""Same-speaker MiniLM comparisons cached per speaker and link blocks keyed by their statements' texts: a step with
nothing new reads no MiniLM vector and computes no block, a step adding articles gives MiniLM vectors only to the
statements of the speakers and components they touch, the blocks it skipped are kept for later steps, and every
result equals a run without a cache. Seeds and dev articles through the real ingest and pipeline."""
from __future__ import annotations

from pathlib import Path

import pytest

from newsgraph.resolve.blocks import MemoryBlockCache
from newsgraph.resolve.claim_vectors import MINILM_LAYER, encoder, speakers_by_minilm
from newsgraph.resolve.claims import EDGES_LAYER, LAYER, group_claims

DEV = Path(__file__).resolve().parents[2].parent / "shared" / "dev" / "texts"

pytestmark = pytest.mark.skipif(not DEV.is_dir(), reason=f"dev texts not found at {DEV}")


class Recording(MemoryBlockCache):
    """A MemoryBlockCache that lists the keys asked for and kept, per layer."""

    def __init__(self) -> None:
        super().__init__()
        self.asked: dict[str, list[str]] = {}
        self.kept: dict[str, set[str]] = {}

    def get_many(self, layer, keys):
        self.asked.setdefault(layer, []).extend(keys)
        return super().get_many(layer, keys)

    def keep(self, layer, keys):
        self.kept.setdefault(layer, set()).update(keys)

    def clear_log(self) -> None:
        self.asked, self.kept, self.hits, self.misses = {}, {}, {}, {}


@pytest.fixture(scope="module")
def records(seed_records):
    from newsgraph.api import analyse_articles, read_inputs

    articles, errors = read_inputs([DEV])
    assert not errors
    return sorted([*seed_records.values(), *analyse_articles(articles)], key=lambda r: r.article.doc_id)


def test_cached_speakers_and_link_blocks_are_reused_and_equal_an_uncached_run(records) -> None:
    if not (encoder() == "static" and speakers_by_minilm()):
        pytest.skip("same-speaker MiniLM comparisons run with the static encoder only")
    from newsgraph.resolve.entities import merge_entities

    ids = merge_entities(records).ids
    cold = group_claims(records, ids)
    assert any(len(c.doc_ids) > 1 and c.speaker for c in cold), "a speaker quoted by two articles"
    cache = Recording()
    assert group_claims(records, ids, cache=cache) == cold
    groups = cache.misses[EDGES_LAYER]
    embedded = {k for (layer, k) in cache.data if layer == MINILM_LAYER}
    assert groups > 0 and embedded and cache.kept[MINILM_LAYER] >= embedded
    cache.clear_log()
    assert group_claims(records, ids, cache=cache) == cold
    assert cache.hits[EDGES_LAYER] == groups and not cache.misses.get(EDGES_LAYER)
    assert MINILM_LAYER not in cache.asked, "nothing new: no statement's MiniLM vectors are read"
    assert not cache.misses.get(LAYER) and cache.hits[LAYER] > 0
    assert cache.kept[MINILM_LAYER] >= embedded, "the unread vectors stay in use for later steps"


def test_adding_articles_reads_minilm_vectors_of_the_speakers_they_touch_only(records) -> None:
    if not (encoder() == "static" and speakers_by_minilm()):
        pytest.skip("same-speaker MiniLM comparisons run with the static encoder only")
    from newsgraph.resolve.entities import merge_entities

    first = records[:-3]  # the last three articles are added in the second step
    cache = Recording()
    group_claims(first, merge_entities(first).ids, cache=cache)
    all_rows = sum(1 for (layer, _) in cache.data if layer == MINILM_LAYER)
    cache.clear_log()
    ids = merge_entities(records).ids
    assert group_claims(records, ids, cache=cache) == group_claims(records, ids)
    assert cache.hits[EDGES_LAYER] > 0, "speakers the added articles do not quote come from the cache"
    assert len(set(cache.asked.get(MINILM_LAYER, []))) < all_rows

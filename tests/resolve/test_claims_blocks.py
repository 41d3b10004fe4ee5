"""Claims, contradictions and source profiles computed block by block: with a block cache the result is the
same as without one, a second build recomputes nothing, and adding an article recomputes only the blocks it
touches. Seeds and dev articles through the real ingest and pipeline."""
from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

from newsgraph.resolve.blocks import MemoryBlockCache
from newsgraph.resolve.claim_vectors import piece_table
from newsgraph.resolve.claims import article_statements, group_claims
from newsgraph.resolve.contradictions import find_contradictions
from newsgraph.resolve.sources import profile_sources
from newsgraph.resolve import vector_neighbours

DEV = Path(__file__).resolve().parents[2].parent / "shared" / "dev" / "texts"


@pytest.fixture(scope="module")
def corpus(seed_records):
    """Seed and dev records with corpus-wide entity ids."""
    if not DEV.is_dir():
        pytest.fail(f"the shared dev texts are missing at {DEV}")
    from newsgraph.api import analyse_articles, read_inputs
    from newsgraph.resolve.entities import merge_entities

    articles, errors = read_inputs([DEV])
    assert not errors
    records = list(seed_records.values()) + analyse_articles(articles)
    return records, merge_entities(records).ids


@pytest.fixture(scope="module")
def plain(corpus):
    """Claims and contradictions computed without a cache."""
    records, ids = corpus
    claims = group_claims(records, ids)
    return claims, find_contradictions(records, claims, ids)


def _delta(after: dict, before: dict, layer: str) -> int:
    return after.get(layer, 0) - before.get(layer, 0)


def test_cached_claims_and_contradictions_equal_uncached_and_a_rebuild_recomputes_nothing(corpus, plain):
    records, ids = corpus
    claims, contradictions = plain
    assert any(len(c.doc_ids) > 1 for c in claims), "seeds + dev should share some claims across articles"
    cache = MemoryBlockCache()
    cached = group_claims(records, ids, cache=cache)
    assert cached == claims
    assert find_contradictions(records, cached, ids, cache=cache) == contradictions
    misses = dict(cache.misses)
    assert misses["claim_vectors"] == len(records) and misses["claims"] > 0
    again = group_claims(records, ids, cache=cache)
    assert again == claims
    assert find_contradictions(records, again, ids, cache=cache) == contradictions
    assert cache.misses == misses, "a second build with the same records must come from the cache"


def test_adding_an_article_recomputes_only_the_claim_blocks_it_touches(corpus, plain):
    records, ids = corpus
    cache = MemoryBlockCache()
    group_claims(records[:-1], ids, cache=cache)
    hits, misses = dict(cache.hits), dict(cache.misses)
    assert group_claims(records, ids, cache=cache) == plain[0]
    assert _delta(cache.misses, misses, "claim_vectors") == 1  # only the new article is embedded
    touched = _delta(cache.misses, misses, "claims")
    blocks = touched + _delta(cache.hits, hits, "claims")
    assert touched <= len(article_statements(records[-1], ids))
    assert blocks - touched > 0, "blocks without the new article come from the cache"


def test_source_profiles_cached_equal_uncached_and_a_new_article_adds_one_block(corpus):
    records, _ = corpus
    plain = profile_sources(records)
    cache = MemoryBlockCache()
    profile_sources(records[:-1], cache=cache)
    misses = dict(cache.misses)
    assert profile_sources(records, cache=cache) == plain
    assert _delta(cache.misses, misses, "source_signals") == 1
    assert _delta(cache.misses, misses, "copy_signature") == 1
    assert _delta(cache.misses, misses, "copy_pair") <= len(records) - 1  # only pairs with the new article
    assert profile_sources(records, cache=cache) == plain


def test_neighbour_graph_finds_every_open_pair_the_exhaustive_search_finds(corpus, monkeypatch):
    """The HNSW search misses no statement-piece pair at the open threshold on seeds + dev."""
    records, _ = corpus
    table = piece_table([[s.text for s in article_statements(r)] for r in records])
    queries = np.arange(len(table.vecs))
    exact = vector_neighbours.pairs_above(table.vecs, queries, 0.83, exact=True)
    monkeypatch.setattr(vector_neighbours, "EXACT_BELOW", 0)
    graph = vector_neighbours.pairs_above(table.vecs, queries, 0.83)
    assert len(exact) > 0
    assert {tuple(p) for p in exact} <= {tuple(p) for p in graph}

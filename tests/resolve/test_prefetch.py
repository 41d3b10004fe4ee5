"""The corpus step's early MiniLM prefetch (resolve.prefetch) on the seeds: it embeds exactly the statement pieces the
claims layer compares by MiniLM, nothing the block cache already holds, and leaves them where claims finds them."""
from __future__ import annotations

import pytest

from newsgraph.nlp import embeddings
from newsgraph.resolve.blocks import MemoryBlockCache, block_key
from newsgraph.resolve.claim_vectors import MINILM_LAYER, encoder, minilm_version
from newsgraph.resolve.claims import group_claims
from newsgraph.resolve.entities import merge_entities
from newsgraph.resolve.prefetch import Prefetch, claim_speaker_texts, prefetch_claims


@pytest.fixture(scope="module")
def seeds(seed_records):
    records = list(seed_records.values())
    return records, merge_entities(records).ids


def test_prefetch_picks_what_claims_compares_by_minilm(seeds):
    records, ids = seeds
    assert encoder() == "static", "the default claims encoder compares one speaker's statements by MiniLM"
    cache = MemoryBlockCache()
    digests, warm = prefetch_claims(records, ids, cache=cache)
    assert warm is not None and warm.texts
    warm.wait()
    assert warm.error is None
    blocks = claim_speaker_texts([s for d in digests for s in d.statements])
    assert {p for b in blocks for p in b} == set(warm.texts)
    group_claims(records, ids, cache=cache, digests=digests)
    compared = {k for layer, k in cache.data if layer == MINILM_LAYER}
    assert compared == {block_key(MINILM_LAYER, minilm_version(), b) for b in blocks}


def test_prefetch_skips_blocks_the_cache_holds(seeds):
    records, ids = seeds
    cache = MemoryBlockCache()
    digests, _ = prefetch_claims(records, ids, cache=cache)
    group_claims(records, ids, cache=cache, digests=digests)
    _, again = prefetch_claims(records, ids, cache=cache)
    assert again is not None and again.texts == []


def test_prefetched_vectors_are_the_ones_claims_would_make(seeds):
    records, ids = seeds
    digests, _ = prefetch_claims(records, ids)
    texts = [p for b in claim_speaker_texts([s for d in digests for s in d.statements]) for p in b][:12]
    fresh = embeddings.embed_texts(texts)
    for t in texts:
        embeddings._SENT_CACHE.pop(embeddings._key(t))
    warm = Prefetch(texts)
    warm.wait()
    assert (embeddings.embed_texts(texts) == fresh).all()

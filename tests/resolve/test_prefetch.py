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


def test_story_prefetch_makes_the_vectors_story_clustering_reads(seeds):
    from newsgraph.resolve.corpus import story_events, story_inputs
    from newsgraph.resolve.prefetch import prefetch_story

    records, _ = seeds
    index = merge_entities(records)
    story = story_inputs(records, index)
    items = [t for b in story.vectors.texts.values() for t in b]
    assert items, "the seeds have events that may join across articles"
    spans = [t[:3] for t in items]
    fresh = embeddings.embed_spans(spans)
    saved = dict(embeddings._SPAN_CACHE), dict(embeddings._SENT_CACHE)
    try:
        for s, a, b in spans:
            embeddings._SPAN_CACHE.pop((embeddings._key(s), a, b), None)
            embeddings._SENT_CACHE.pop(embeddings._key(s), None)
        warm = Prefetch()
        prefetch_story(warm, story)
        warm.wait("story")
        assert warm.error is None
        assert all((embeddings._key(s), a, b) in embeddings._SPAN_CACHE for s, a, b in spans)
        assert (embeddings.embed_spans(spans) == fresh).all()  # the same floats, whoever encoded them
        assert story_events(records, index, inputs=story) == story_events(records, index)
    finally:
        embeddings._SPAN_CACHE.update(saved[0])
        embeddings._SENT_CACHE.update(saved[1])


def test_wait_without_a_tag_leaves_nothing_queued(seeds):
    records, ids = seeds
    digests, _ = prefetch_claims(records, ids)
    texts = [p for b in claim_speaker_texts([s for d in digests for s in d.statements]) for p in b][:40]
    for t in texts:
        embeddings._SENT_CACHE.pop(embeddings._key(t), None)
    warm = Prefetch()
    warm.add("a", texts=texts[:20])
    warm.add("b", texts=texts[20:])
    warm.wait()
    assert warm.error is None and not warm._queue and sum(warm._open.values()) == 0
    assert all(embeddings._key(t) in embeddings._SENT_CACHE for t in texts)

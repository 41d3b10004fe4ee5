"""The contradictions' MiniLM texts worked out before the claims are grouped (contradiction_context.compared_pieces),
on the seeds: exactly the clause pieces find_contradictions embeds, none the block cache holds, and the same
contradictions when they were encoded ahead."""
from __future__ import annotations

import pytest

from newsgraph.resolve import claim_vectors
from newsgraph.resolve.blocks import MemoryBlockCache
from newsgraph.resolve.claims import group_claims
from newsgraph.resolve.contradiction_context import compared_pieces
from newsgraph.resolve.contradictions import find_contradictions
from newsgraph.resolve.entities import merge_entities
from newsgraph.resolve.prefetch import Prefetch
from newsgraph.resolve.statement_digests import article_digests


@pytest.fixture(scope="module")
def seeds(seed_records):
    records = list(seed_records.values())
    ids = merge_entities(records).ids
    digests = article_digests(records, ids)
    return records, ids, digests, group_claims(records, ids, digests=digests)


def _embedded_by_contradictions(monkeypatch, seeds, cache) -> tuple[list, set[str]]:
    """find_contradictions' result and every text it gave MiniLM (claim_vectors._minilm_block)."""
    records, ids, digests, claims = seeds
    seen: set[str] = set()
    real = claim_vectors._minilm_block

    def spy(texts):
        seen.update(texts)
        return real(texts)

    monkeypatch.setattr(claim_vectors, "_minilm_block", spy)
    return find_contradictions(records, claims, ids, cache=cache, digests=digests), seen


def test_compared_pieces_are_what_contradictions_embeds(monkeypatch, seeds):
    assert claim_vectors.encoder() == "static", "contradictions compare by MiniLM rows under the default encoder"
    _, _, digests, _ = seeds
    pieces = compared_pieces(digests)
    _, embedded = _embedded_by_contradictions(monkeypatch, seeds, MemoryBlockCache())
    assert embedded, "the seeds hold negated statements compared with others"
    assert set(pieces) == embedded
    assert len(pieces) == len(set(pieces))


def test_compared_pieces_skip_blocks_the_cache_holds(monkeypatch, seeds):
    _, _, digests, _ = seeds
    cache = MemoryBlockCache()
    _embedded_by_contradictions(monkeypatch, seeds, cache)
    assert compared_pieces(digests, cache) == []


def test_contradictions_are_the_same_when_their_texts_were_encoded_ahead(monkeypatch, seeds):
    from newsgraph.nlp import embeddings

    _, _, digests, _ = seeds
    pieces = compared_pieces(digests)
    before, _ = _embedded_by_contradictions(monkeypatch, seeds, MemoryBlockCache())
    for t in pieces:
        embeddings._SENT_CACHE.pop(embeddings._key(t), None)
    warm = Prefetch(pieces, tag="contradictions")
    warm.wait("contradictions")
    assert warm.error is None
    assert all(embeddings._key(t) in embeddings._SENT_CACHE for t in pieces)
    after, _ = _embedded_by_contradictions(monkeypatch, seeds, MemoryBlockCache())
    assert [c.to_dict() for c in after] == [c.to_dict() for c in before]

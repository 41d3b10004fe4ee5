"""The open-statement pair search kept between corpus steps (resolve.article_pairs) on the real clause-piece vectors of
the seeds: a step that adds articles, one that removes and re-adds them, and one from a stale cache all give the
pairs a full search gives (and vector_neighbours.pairs_above gives), while the added articles alone are searched."""
from __future__ import annotations

import numpy as np
import pytest

from newsgraph.resolve import article_pairs
from newsgraph.resolve.article_pairs import cached_pairs_above
from newsgraph.resolve.blocks import MemoryBlockCache
from newsgraph.resolve.claim_vectors import piece_table
from newsgraph.resolve.claims import OPEN_SPEAKER_THRESHOLD, article_statements
from newsgraph.resolve.vector_neighbours import pairs_above


@pytest.fixture(scope="module")
def pieces(seed_records):
    """Piece vectors, owning article and open flag of every seed statement, with each seed twice (a copy under a new
    id, as a syndicated article is): copies make cross-article pairs at the open threshold."""
    statements = []
    for doc in sorted(seed_records):
        for copy in ("", "~copy"):
            statements += [s._replace(doc_id=s.doc_id + copy) for s in article_statements(seed_records[doc])]
    table = piece_table([[s.text] for s in statements])
    docs = np.repeat(np.array([s.doc_id for s in statements], dtype=object), table.counts)
    is_open = np.repeat(np.array([not s.speaker for s in statements]), table.counts)
    return table.vecs, docs, is_open


def _subset(pieces, keep_docs):
    vecs, docs, is_open = pieces
    keep = np.array([d in keep_docs for d in docs])
    return vecs[keep], docs[keep], is_open[keep]


def test_incremental_steps_give_the_full_search(pieces, monkeypatch):
    vecs, docs, is_open = pieces
    full = cached_pairs_above(vecs, docs, is_open, OPEN_SPEAKER_THRESHOLD)
    plain = pairs_above(vecs, np.flatnonzero(is_open), OPEN_SPEAKER_THRESHOLD)
    assert len(full) and {tuple(p) for p in full} == {tuple(p) for p in plain}
    assert any(docs[a] != docs[b] for a, b in full), "copies should pair across articles"

    names = list(dict.fromkeys(docs))
    added = set(names[-3:])
    cache = MemoryBlockCache()
    before = set(names) - added
    sub = _subset(pieces, before)
    assert np.array_equal(cached_pairs_above(*sub, OPEN_SPEAKER_THRESHOLD, cache),
                          cached_pairs_above(*sub, OPEN_SPEAKER_THRESHOLD))

    searched = []  # the articles whose rows each call searched
    real = article_pairs._search

    labels = {}  # the labels of the call in progress

    def spy(v, ix, q, new, t):
        if labels.get("now") is not None:
            searched.append(set(labels["now"][new]))
        return real(v, ix, q, new, t)

    def cached(v, d, o, into=cache):
        labels["now"] = d
        try:
            return cached_pairs_above(v, d, o, OPEN_SPEAKER_THRESHOLD, into)
        finally:
            labels["now"] = None

    monkeypatch.setattr(article_pairs, "_search", spy)
    assert np.array_equal(cached(vecs, docs, is_open), full)
    assert searched[-1] == added  # only the added articles' rows were searched
    assert np.array_equal(cached(vecs, docs, is_open), full)
    assert searched[-1] == set()  # nothing new: every pair from the cache

    # an article leaves while another arrives, then comes back: its old pairs are stale (the other article was
    # never compared with it), so it is searched again even though this cache (never pruned here) still holds it
    a, b = names[0], names[1]
    fresh = MemoryBlockCache()
    for step in (set(names) - {b}, set(names) - {a}, set(names)):
        sub = _subset(pieces, step)
        assert np.array_equal(cached(*sub, into=fresh), cached_pairs_above(*sub, OPEN_SPEAKER_THRESHOLD))
    assert searched[-1] == {a}


def test_a_changed_article_is_searched_again(pieces):
    vecs, docs, is_open = pieces
    cache = MemoryBlockCache()
    cached_pairs_above(vecs, docs, is_open, OPEN_SPEAKER_THRESHOLD, cache)
    changed = vecs.copy()
    first = docs == docs[0]
    changed[first] = vecs[first][::-1]  # the article's pieces in another order: another group
    assert np.array_equal(cached_pairs_above(changed, docs, is_open, OPEN_SPEAKER_THRESHOLD, cache),
                          cached_pairs_above(changed, docs, is_open, OPEN_SPEAKER_THRESHOLD))


def _searching(monkeypatch) -> list[int]:
    """How many new rows each _search call got (0: every pair came from the cache)."""
    calls: list[int] = []
    real = article_pairs._search

    def spy(v, ix, q, new, t):
        calls.append(int(new.sum()))
        return real(v, ix, q, new, t)

    monkeypatch.setattr(article_pairs, "_search", spy)
    return calls


def test_the_state_is_kept_in_parts_and_read_back(pieces, monkeypatch):
    vecs, docs, is_open = pieces
    full = cached_pairs_above(vecs, docs, is_open, OPEN_SPEAKER_THRESHOLD)
    monkeypatch.setattr(article_pairs, "_PAIRS_PER_PART", 5)
    cache = MemoryBlockCache()
    searched = _searching(monkeypatch)
    assert np.array_equal(cached_pairs_above(vecs, docs, is_open, OPEN_SPEAKER_THRESHOLD, cache), full)
    (state_key, state), = [(k, v) for (_, k), v in cache.data.items() if isinstance(v, dict)]
    distinct = {tuple(sorted(p)) for p in full.tolist()}  # the state holds each pair once
    assert state["parts"] == [f"{state_key}:{i}" for i in range(-(-len(distinct) // 5))] and len(state["parts"]) > 2
    assert sum(cache.data[(article_pairs.LAYER, k)][0] for k in state["parts"]) == len(distinct)

    assert np.array_equal(cached_pairs_above(vecs, docs, is_open, OPEN_SPEAKER_THRESHOLD, cache), full)
    assert searched[-1] == 0  # every pair from the parts
    del cache.data[(article_pairs.LAYER, state["parts"][1])]  # a part lost: the state is not used
    assert np.array_equal(cached_pairs_above(vecs, docs, is_open, OPEN_SPEAKER_THRESHOLD, cache), full)
    assert searched[-1] == len(vecs)


def test_the_state_comes_back_from_the_store_and_its_prune_keeps_the_parts(pieces, monkeypatch, tmp_path):
    from newsgraph.store.db import Store

    vecs, docs, is_open = pieces
    full = cached_pairs_above(vecs, docs, is_open, OPEN_SPEAKER_THRESHOLD)
    monkeypatch.setattr(article_pairs, "_PAIRS_PER_PART", 7)
    searched = _searching(monkeypatch)
    db = tmp_path / "s.duckdb"
    for step in range(3):  # a step that searches, one that reads the state back and prunes, one after the prune
        with Store(db) as store:
            cache = store.block_cache()
            assert np.array_equal(cached_pairs_above(vecs, docs, is_open, OPEN_SPEAKER_THRESHOLD, cache), full)
            assert searched[-1] == (len(vecs) if step == 0 else 0)
            assert cache.prune() == 0


def test_pair_keys_are_the_pairs_once_each_unordered(pieces):
    vecs, docs, is_open = pieces
    full = cached_pairs_above(vecs, docs, is_open, OPEN_SPEAKER_THRESHOLD)
    keys = article_pairs.cached_pair_keys(vecs, docs, is_open, OPEN_SPEAKER_THRESHOLD)
    n = len(vecs)
    assert len(keys) < len(full)  # open pieces pair with open pieces: both orientations in full
    assert keys.tolist() == sorted({min(a, b) * n + max(a, b) for a, b in full.tolist()})


def test_distinct_vectors_and_an_index_give_the_rows_pairs(pieces):
    """Rows given as a table of distinct vectors and each row's place in it (the seeds' copies share theirs): the
    same pairs, and the same cache keys, as the rows themselves."""
    vecs, docs, is_open = pieces
    distinct, index = np.unique(vecs, axis=0, return_inverse=True)
    assert len(distinct) < len(vecs)
    plain, indexed = MemoryBlockCache(), MemoryBlockCache()
    want = article_pairs.cached_pair_keys(vecs, docs, is_open, OPEN_SPEAKER_THRESHOLD, plain)
    got = article_pairs.cached_pair_keys(distinct, docs, is_open, OPEN_SPEAKER_THRESHOLD, indexed, index=index.ravel())
    assert len(want) and np.array_equal(got, want)
    assert set(indexed.data) == set(plain.data)

"""Digests a corpus step already made (resolve.statement_digests, known=) are taken as they are, not read from the
cache again; only articles whose inputs changed are worked out."""
from __future__ import annotations

from newsgraph.resolve.blocks import MemoryBlockCache
from newsgraph.resolve.entities import merge_entities
from newsgraph.resolve.statement_digests import LAYER, article_digests, digest_of, entity_ids_by_doc


def test_known_digests_are_reused_and_only_changed_articles_worked_out(seed_records: dict) -> None:
    records = sorted(seed_records.values(), key=lambda r: r.article.doc_id)
    ids = merge_entities(records).ids
    cache = MemoryBlockCache()
    first = article_digests(records, ids, cache=cache)
    assert cache.misses[LAYER] == len(records) and len(first.keys) == len(records)
    changed = {records[0].article.doc_id: "re-analysed"}  # a new fingerprint: its digest is worked out again
    again = article_digests(records, ids, cache=cache, fingerprints=changed, known=first)
    assert cache.misses[LAYER] == len(records) + 1 and not cache.hits.get(LAYER), "the others came from known"
    assert again == first and again.keys[1:] == first.keys[1:] and again.keys[0] != first.keys[0]
    by_doc = entity_ids_by_doc(ids)
    assert again[0] == digest_of((records[0], by_doc.get(records[0].article.doc_id, {})))
    plain = article_digests(records, ids)  # without a cache: no keys
    assert plain == first and plain.keys == []

"""Statement digests (resolve.statement_digests): claims and contradictions computed from the cached per-article
digests equal those computed from the records, and a step that adds articles works out digests only for the added
articles and those whose entities now map to other corpus ids."""
from __future__ import annotations

from newsgraph.resolve.blocks import MemoryBlockCache
from newsgraph.resolve.claims import group_claims
from newsgraph.resolve.contradictions import find_contradictions
from newsgraph.resolve.entities import merge_entities
from newsgraph.resolve.statement_digests import article_digests, digest_of, entity_ids_by_doc


def test_digests_give_the_claims_and_contradictions_of_the_records(seed_records: dict) -> None:
    records = list(seed_records.values())
    ids = merge_entities(records).ids
    claims = group_claims(records, ids)
    found = find_contradictions(records, claims, ids)
    assert found, "the seeds hold contradictions (NOTES.md)"
    cache = MemoryBlockCache()
    digests = article_digests(records, ids, cache=cache)
    assert cache.misses["statement_digests"] == len(records)
    again = article_digests(records, ids, cache=cache)
    assert cache.hits["statement_digests"] == len(records) and again == digests
    with_digests = group_claims(records, ids, digests=again)
    assert with_digests == claims
    assert find_contradictions(records, with_digests, ids, digests=again) == found


def test_adding_articles_recomputes_only_their_digests_and_those_remapped(seed_records: dict) -> None:
    records = sorted(seed_records.values(), key=lambda r: r.article.doc_id)
    first, added = records[:3], records[3:]
    cache = MemoryBlockCache()
    before = merge_entities(first).ids
    article_digests(first, before, cache=cache)
    after = merge_entities(records).ids
    digests = article_digests(records, after, cache=cache)
    old_maps, new_maps = entity_ids_by_doc(before), entity_ids_by_doc(after)
    remapped = [r for r in first if old_maps.get(r.article.doc_id) != new_maps.get(r.article.doc_id)]
    assert cache.misses["statement_digests"] == len(first) + len(added) + len(remapped)
    assert cache.hits["statement_digests"] == len(first) - len(remapped)
    by_doc = entity_ids_by_doc(after)
    assert digests == [digest_of((r, by_doc.get(r.article.doc_id, {}))) for r in records]

"""Entity merging and story events work block by block (resolve.blocks): on seeds + dev, blocking loses no merge,
a cached second call with ten more articles recomputes only the blocks those articles touch and gives exactly
what a full recompute gives, and entity ids do not depend on the order the articles come in."""
from __future__ import annotations

from newsgraph.resolve.blocks import MemoryBlockCache
from newsgraph.resolve.corpus import story_events
from newsgraph.resolve.entities import _merge_block, merge_entities


class Recording:
    """A mapper that keeps every block it was asked to compute."""

    def __init__(self) -> None:
        self.blocks: dict[str, list] = {}

    def __call__(self, fn, items: list) -> list:
        self.blocks.setdefault(fn.__name__, []).extend(items)
        return [fn(x) for x in items]


def _partition(ids: dict) -> set[frozenset]:
    groups: dict[str, set] = {}
    for key, gid in ids.items():
        groups.setdefault(gid, set()).add(key)
    return {frozenset(g) for g in groups.values()}


def test_blocking_loses_no_merge_the_rules_make_over_all_entities_at_once(records):
    items = [(r.article.doc_id, e) for r in records for e in r.entities]
    whole = _merge_block(items)  # every entity in one block: the unblocked rules
    unblocked = {frozenset((items[i][0], items[i][1].key) for i in c.members) for c in whole}
    index = merge_entities(records)
    assert _partition(index.ids) == unblocked
    assert len(index.entities) == len(whole) and len(whole) < len(items)  # some entities do merge


def test_adding_ten_articles_recomputes_only_their_blocks_and_equals_a_full_recompute(records):
    base, added = records[:-10], records[-10:]
    new_docs = {r.article.doc_id for r in added}
    cache = MemoryBlockCache()
    base_index = merge_entities(base, cache=cache)
    story_events(base, base_index, cache=cache)

    seen = Recording()
    index = merge_entities(records, cache=cache, mapper=seen)
    full = merge_entities(records)
    assert index == full and list(index.entities) == list(full.entities)
    assert seen.blocks["_merge_block"]
    assert all(any(doc in new_docs for doc, _ in block) for block in seen.blocks["_merge_block"])
    assert cache.hits["entities"] > 0  # blocks of the base articles alone came from the cache

    seen = Recording()
    stories = story_events(records, index, cache=cache, mapper=seen)
    assert stories == story_events(records, full)
    jobs = seen.blocks["_with_vectors"]  # (function, block, the vectors made for it) per story block
    assert jobs and all(any(m.doc_id in new_docs for m in block) for _, block, _ in jobs)
    assert cache.hits["story_events"] > 0
    # event vectors are made per article, of its reports that may join another: the added articles' events are
    # embedded, and an earlier article's only when a recomputed story block holds it (a new report made one joinable)
    recomputed = {m.doc_id for _, block, _ in jobs for m in block}
    allowed = {ev.evidence for r in records if r.article.doc_id in recomputed for ev in r.events}
    new_sentences = {ev.evidence for r in added for ev in r.events}
    embedded = [sentence for texts in seen.blocks["_embed_events"] for sentence, *_ in texts]
    assert embedded and all(sentence in allowed for sentence in embedded)
    assert sum(sentence in new_sentences for sentence in embedded) > len(embedded) / 2
    # a report of one event type never shares a story with another type, whatever the blocks
    by_doc = {r.article.doc_id: r for r in records}
    assert all(len({by_doc[d].events[i].type for d, i in s.mentions}) == 1 for s in stories)


def test_entity_ids_do_not_depend_on_the_order_articles_come_in(records):
    forward = merge_entities(records)
    backward = merge_entities(records[::-1])
    assert forward.ids == backward.ids
    assert {g: e.name for g, e in forward.entities.items()} == {g: e.name for g, e in backward.entities.items()}
    slugs = [gid for gid in forward.entities if gid.rsplit("-", 1)[0] in forward.entities]
    assert slugs, "seeds + dev have two entities with one slug: their ids must still be stable"


def test_components_are_the_union_find_blocks(records):
    """blocks.components (a sparse graph's connected components) gives the blocks a union-find over the keys gives,
    in the same order, on the entity keys of seeds + dev and on a shuffled, chained key list."""
    import random

    from newsgraph.resolve.blocks import components
    from newsgraph.resolve.disjoint_sets import DisjointSets
    from newsgraph.resolve.entities import _block_keys

    def union_find(item_keys):
        sets = DisjointSets()
        for i, keys in enumerate(item_keys):
            sets.find(("item", i))
            for key in keys:
                sets.union(("key", key), ("item", i))
        groups: dict = {}
        for i in range(len(item_keys)):
            groups.setdefault(sets.find(("item", i)), []).append(i)
        return sorted(groups.values(), key=lambda g: g[0])

    entity_keys = [_block_keys(e) for r in records for e in r.entities]
    rng = random.Random(0)
    chained = [[rng.randrange(400) for _ in range(rng.randrange(3))] for _ in range(1000)]
    for item_keys in (entity_keys, chained, [], [[]]):
        assert components(item_keys) == union_find(item_keys)
    assert len(components(entity_keys)) < len(entity_keys)

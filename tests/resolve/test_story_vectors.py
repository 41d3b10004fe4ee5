"""Story clustering embeds only the reports that may join another (resolve.event_vectors): on seeds + dev a report
alone in its block, or ruled out against every other report of its block, is never embedded, yet the stories are
those of embedding every report of every block; a report that a later article makes joinable is embedded then."""
from __future__ import annotations

from newsgraph.resolve import corpus, event_vectors
from newsgraph.resolve.blocks import MemoryBlockCache
from newsgraph.resolve.entities import merge_entities
from newsgraph.resolve.event_coref import _cannot_link
from newsgraph.resolve.event_vectors import StoryVectors, _texts_of, _with_vectors


class Recording:
    """A mapper that keeps what it was asked to compute; every_vector: story blocks embed all their reports
    themselves (the vectors made for them are dropped), as before only joinable reports were embedded."""

    def __init__(self, every_vector: bool = False) -> None:
        self.blocks: dict[str, list] = {}
        self.every_vector = every_vector

    def __call__(self, fn, items: list) -> list:
        self.blocks.setdefault(fn.__name__, []).extend(items)
        if fn is _with_vectors and self.every_vector:
            return [block_fn(block) for block_fn, block, _ in items]
        return [fn(x) for x in items]


def _blocks(records: list, index) -> list[list]:
    """The story blocks story_events makes, as lists of mentions."""
    seen = Recording()
    corpus.story_events(records, index, mapper=seen)
    return [block for _, block, _ in seen.blocks["_with_vectors"]]


def test_only_reports_that_may_join_are_embedded_and_the_stories_are_unchanged(records):
    index = merge_entities(records)
    seen = Recording()
    stories = corpus.story_events(records, index, mapper=seen)
    assert stories == corpus.story_events(records, index, mapper=Recording(every_vector=True))
    embedded = {t for texts in seen.blocks["_embed_events"] for t in texts}
    blocks = [block for _, block, _ in seen.blocks["_with_vectors"]]
    assert all(len(b) > 1 for b in blocks)  # a report alone in its block is a story without any computing
    joinable, ruled_out = set(), set()
    for block in blocks:
        cannot = _cannot_link(block)
        for i, m in enumerate(block):
            (ruled_out if cannot[i].sum() == len(block) - 1 else joinable).add(_texts_of(m))
    assert joinable and embedded == joinable
    assert ruled_out - joinable, "seeds + dev hold a report its block's other reports all rule out"
    # and reports alone in their block (each a story of its own) were not embedded either
    assert sum(len(b) for b in blocks) < sum(len(r.events) for r in records)


def test_a_report_a_new_article_makes_joinable_is_embedded_then(records, monkeypatch):
    made: list[StoryVectors] = []

    class Recorded(StoryVectors):
        def __init__(self, *args) -> None:
            super().__init__(*args)
            made.append(self)

    monkeypatch.setattr(event_vectors, "StoryVectors", Recorded)
    base, added = records[:-10], records[-10:]
    new_docs = {r.article.doc_id for r in added}
    cache = MemoryBlockCache()
    corpus.story_events(base, merge_entities(base), cache=cache)
    index = merge_entities(records)
    seen = Recording()
    stories = corpus.story_events(records, index, cache=cache, mapper=seen)
    before, after = made[0].texts, made[1].texts
    assert stories == corpus.story_events(records, index)
    by_texts = {texts: doc for doc, texts in after.items()}
    embedded = [by_texts[texts] for texts in seen.blocks["_embed_events"]]
    old = [doc for doc in embedded if doc not in new_docs]
    assert old, "a dev article should make an earlier report joinable"
    # an earlier article is embedded again only when its joinable reports changed, and then with the new ones
    assert all(set(before.get(doc, ())) < set(after[doc]) for doc in old)
    assert set(embedded) - set(old) <= new_docs and cache.hits["story_events"] > 0

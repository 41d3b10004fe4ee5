"""Everything that needs the whole corpus: merged entities, story events, claims, contradictions, source profiles."""
from __future__ import annotations

import json
from collections import defaultdict
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Iterator, Mapping, NamedTuple, Sequence

import numpy as np

from ..records import ArticleRecord
from .blocks import BlockCache, Mapper, components, run_blocks
from .disjoint_sets import DisjointSets
from .entities import EntityIndex, merge_entities

if TYPE_CHECKING:
    from .event_vectors import StoryVectors
    from .prefetch import Prefetch

_PRECISION_RANK = {"day": 3, "month": 2, "year": 1, None: 0}


@dataclass(frozen=True)
class StoryEvent:
    """One real-world event with every report of it."""

    id: str
    type: str
    source: str | None  # corpus entity id
    target: str | None
    date: str | None
    date_precision: str | None
    location: str | None
    mentions: tuple[tuple[str, int], ...]  # (doc_id, event index in that article)
    docs: tuple[str, ...]
    n_sources: int  # independent sources: near-copies count once
    first_doc: str
    evidence: tuple[str, ...]

    def to_dict(self) -> dict:
        return {"id": self.id, "type": self.type, "source": self.source, "target": self.target, "date": self.date,
                "date_precision": self.date_precision, "location": self.location,
                "mentions": [list(m) for m in self.mentions], "docs": list(self.docs), "n_sources": self.n_sources,
                "first_doc": self.first_doc, "evidence": list(self.evidence)}


@dataclass
class Corpus:
    """The cross-article layers of one corpus."""

    records: list[ArticleRecord]
    index: EntityIndex
    stories: list[StoryEvent] = field(default_factory=list)
    profiles: list = field(default_factory=list)
    claims: list = field(default_factory=list)
    contradictions: list = field(default_factory=list)

    def rows(self) -> dict[str, Iterator[list]]:
        """Rows for the store's corpus tables, one generator per table: the store inserts them in batches, so the
        rows (and their JSON) of a large corpus are never all held at once."""
        ents = self.index.entities.values()
        return {
            "entities": ([e.id, e.name, e.type, e.iso, e.lat, e.lon, len(e.docs)] for e in ents),
            "entity_aliases": ([e.id, a] for e in ents for a in e.aliases),
            "entity_map": ([d, k, gid] for (d, k), gid in self.index.ids.items()),
            "story_events": ([s.id, s.type, s.source, s.target, s.date, s.date_precision, s.location, s.n_sources,
                              s.first_doc, json.dumps(s.to_dict(), ensure_ascii=False)] for s in self.stories),
            "story_event_mentions": ([s.id, d, i] for s in self.stories for d, i in s.mentions),
            "claims": ([c.id, c.text, self._name(c.speaker), len({m.doc_id for m in c.members}),
                        json.dumps(self._named_claim(c), ensure_ascii=False)]
                       for c in {c.id: c for c in self.claims}.values()),
            "contradictions": ([i, c.kind, c.a["doc_id"], c.b["doc_id"],
                                json.dumps(self._named(c.to_dict()), ensure_ascii=False)]
                               for i, c in enumerate(self.contradictions)),
            "source_profiles": ([p.doc_id, p.trust, p.machine_translation.flagged, p.content_farm.flagged,
                                 p.independent_group, json.dumps(p.to_dict(), ensure_ascii=False)]
                                for p in {p.doc_id: p for p in self.profiles}.values()),
        }

    def _name(self, speaker: str | None) -> str | None:
        ent = self.index.entities.get(speaker) if speaker else None
        return ent.name if ent is not None else speaker

    def _named_claim(self, claim) -> dict:
        """_named(claim.to_dict()) for a claim's known shape (speakers at the top and in each member), without
        walking every value: a step writes every claim's row."""
        data = claim.to_dict()
        for side in (*data["members"], data):
            speaker = side.get("speaker")
            if isinstance(speaker, str) and speaker in self.index.entities:
                side["speaker"] = self._name(speaker)
                side["speaker_id"] = speaker
        return data

    def _named(self, data):
        """Speakers as canonical names (with the entity id kept beside them) for people reading the output."""
        if isinstance(data, dict):
            out = {k: self._named(v) for k, v in data.items()}
            if isinstance(data.get("speaker"), str) and data["speaker"] in self.index.entities:
                out["speaker"] = self._name(data["speaker"])
                out["speaker_id"] = data["speaker"]
            return out
        if isinstance(data, list):
            return [self._named(v) for v in data]
        return data


def resolve_corpus(records: Sequence[ArticleRecord], stories: Sequence[StoryEvent] | None = None, *,
                   index: EntityIndex | None = None, cache: BlockCache | None = None,
                   mapper: Mapper | None = None, fingerprints: Mapping[str, str] | None = None,
                   digests: Sequence | None = None, before_claims: "Prefetch | None" = None) -> Corpus:
    """Compute every cross-article layer from the per-article records.

    stories, index: story events and merged entities already computed from these same records (settling
    anchors computes them), so they are not computed twice; stories' source counts are redone here.
    cache, mapper: passed to every layer (resolve.blocks): unchanged blocks are not recomputed.
    fingerprints: doc_id -> a hash of its stored record (the store's), which keys the articles' cached statement
    digests; without them the records are hashed here.
    digests: the records' statement digests (resolve.statement_digests) when the caller has them already.
    before_claims: a resolve.prefetch.Prefetch making the claims layer's vectors (tag "claims"), waited for before
    claims, and the contradictions' (tag "contradictions"), waited for before contradictions.
    """
    from dataclasses import replace

    from .claims import group_claims, static_inputs
    from .contradictions import find_contradictions
    from .sources import profile_sources
    from .statement_digests import article_digests

    blocking = {"cache": cache, "mapper": mapper}
    records = list(records)
    if index is None:
        index = merge_entities(records, **blocking)
    corpus = Corpus(records, index)
    corpus.profiles = profile_sources(records, fingerprints=fingerprints, **blocking)
    groups = {p.doc_id: p.independent_group for p in corpus.profiles}
    if stories is None:
        corpus.stories = story_events(records, index, groups, **blocking)
    else:
        corpus.stories = [replace(s, n_sources=len({groups.get(d, d) for d in s.docs})) for s in stories]
    if digests is None:
        digests = article_digests(records, index.ids, fingerprints=fingerprints, **blocking)
    # the claims' static piece vectors and open-speaker pairs are made while the prefetch thread still encodes the
    # claims' MiniLM texts (rather than in group_claims, while the thread, past its last texts, idled)
    prepared = static_inputs([d.statements for d in digests], **blocking)
    if before_claims is not None:  # the contradictions' texts (tag "contradictions") are encoded under group_claims
        before_claims.wait("claims")
    corpus.claims = group_claims(records, index.ids, digests=digests, prepared=prepared, **blocking)
    del prepared
    if before_claims is not None:
        before_claims.wait("contradictions")
    corpus.contradictions = find_contradictions(records, corpus.claims, index.ids, digests=digests, **blocking)
    return corpus


# Bump when _story_block returns something else for the same inputs (cached blocks are then recomputed).
STORY_VERSION = "2"


class StoryInputs(NamedTuple):
    """What story clustering works on: every event as a mention, the blocks of mentions that may join, and which of
    them need vectors (made before the clustering: resolve.prefetch can start them early)."""

    mentions: list
    blocks: list[list[int]]
    vectors: "StoryVectors"


def story_inputs(records: Sequence[ArticleRecord], index: EntityIndex) -> StoryInputs | None:
    """The mentions, blocks and joinable texts of story_events for these records (None when they have no event)."""
    from ..pipeline import anchor_of
    from .event_coref import EventMention
    from .event_vectors import StoryVectors

    if not any(r.events for r in records):
        return None
    mentions = []
    for r in records:
        doc = r.article.doc_id
        by_key = {e.key: e for e in r.entities}
        written = anchor_of(r.article)
        for i, ev in enumerate(r.events):
            src = index.ids.get((doc, ev.source)) if ev.source else None
            tgt = index.ids.get((doc, ev.target)) if ev.target else None
            loc = index.ids.get((doc, ev.location)) if ev.location else None
            trigger = ev.trigger or ev.evidence.split()[0]
            rel = ev.evidence.find(trigger) if trigger else -1
            mentions.append(EventMention(
                doc_id=doc, mention_id=f"{doc}:{i}", trigger=trigger, lemma=trigger.lower(), sentence=ev.evidence,
                group=ev.type, type=ev.type, date=ev.date, location=loc, participants=tuple(p for p in (src, tgt) if p),
                span=(rel, rel + len(trigger)) if rel >= 0 else None, country=_event_country(by_key, ev),
                roles=(src or (f"{doc}:{ev.source}" if ev.source else None),
                       tgt or (f"{doc}:{ev.target}" if ev.target else None)), published=written,
            ))
    blocks = components([(m.group, "doc", m.doc_id)] + [(m.group, "actor", a) for a in m.roles if a] for m in mentions)
    return StoryInputs(mentions, blocks, StoryVectors(mentions, blocks))


def story_events(records: Sequence[ArticleRecord], index: EntityIndex, groups: dict[str, str] | None = None, *,
                 cache: BlockCache | None = None, mapper: Mapper | None = None,
                 inputs: StoryInputs | None = None) -> list[StoryEvent]:
    """Cluster event mentions across articles (the same code path ECB+ measures) into story events.

    Mentions are clustered block by block: a block holds the mentions of one event type that share an
    article or a known actor, the only pairs event coreference may join (event_coref.roles_compatible).
    inputs: story_inputs(records, index) when the caller made them already.
    """
    inputs = inputs if inputs is not None else story_inputs(records, index)
    if inputs is None:
        return []
    items: list[tuple[ArticleRecord, int]] = [(r, i) for r in records for i in range(len(r.events))]
    mentions, blocks, vectors = inputs
    # a report alone in its block is a story of its own: only blocks of several are computed (and cached)
    several = iter(run_blocks("story_events", STORY_VERSION, _story_block,
                              [[mentions[i] for i in b] for b in blocks if len(b) > 1],
                              cache=cache, mapper=vectors.mapper(cache, mapper)))
    found = [next(several) if len(b) > 1 else [0] for b in blocks]
    _keep_event_vectors(vectors, cache)
    clusters: dict[tuple[int, int], list[int]] = defaultdict(list)
    for k, (block, labels) in enumerate(zip(blocks, found)):
        for pos, lab in zip(block, labels):
            clusters[(k, lab)].append(pos)
    groups = groups or {}
    published = {r.article.doc_id: r.article.published or "9999" for r in records}
    stories = []
    for members in clusters.values():
        members.sort()
        evs = [(items[p][0].article.doc_id, items[p][1], items[p][0].events[items[p][1]]) for p in members]
        doc0, _, first = evs[0]
        date, precision = _best_date([e for _, _, e in evs])
        docs = tuple(sorted({d for d, _, _ in evs}))
        src = index.ids.get((doc0, first.source)) if first.source else None
        tgt = index.ids.get((doc0, first.target)) if first.target else None
        loc = index.name_of(doc0, first.location) if first.location else None
        sid = f"{first.type.lower()}-{min(f'{d}:{i}' for d, i, _ in evs)}"
        stories.append(StoryEvent(
            id=sid, type=first.type, source=src, target=tgt, date=date, date_precision=precision, location=loc,
            mentions=tuple((d, i) for d, i, _ in evs), docs=docs,
            n_sources=len({groups.get(d, d) for d in docs}),
            first_doc=min(docs, key=lambda d: (published.get(d, "9999"), d)),
            evidence=tuple(dict.fromkeys(e.evidence for _, _, e in evs)),
        ))
    stories.sort(key=lambda s: (s.date or "9999", s.id))
    return stories


def _keep_event_vectors(vectors: "StoryVectors", cache: BlockCache | None) -> None:
    """Keep the cached vector blocks this step's story blocks use (event_vectors.StoryVectors.keep)."""
    vectors.keep(cache)


def _story_block(mentions: list, vectors: tuple | None = None) -> list[int]:
    """Cluster labels of one block's mentions: the learned pairwise clustering, then structural joins.

    vectors: event_vectors.BlockVectors made for the block (by its joinable mentions' texts), else they are
    embedded here."""
    from .event_coref import cluster_event_mentions
    from .event_vectors import aligned

    if len(mentions) == 1:
        return [0]
    given = aligned(vectors) if vectors is not None else None
    return _join_structured(mentions, cluster_event_mentions(mentions, doc_threshold=None, vectors=given))


@dataclass(frozen=True)
class InheritedDate:
    """A date a report takes from the other reports of its story event, because its own text gives less."""

    date: str
    precision: str | None
    story_id: str


def inherited_dates(stories: Sequence[StoryEvent], records: Sequence[ArticleRecord]) -> dict[tuple[str, int], InheritedDate]:
    """(doc_id, event index) -> the story's date, for reports that are undated or dated less precisely.

    An undated article's report of a visit another article dates to the day is the same visit: the analyst
    wants that day on it, with the story named as the evidence. A report's own, more precise date is never
    replaced (cluster blocking already keeps disagreeing dates apart), nor given a date after its own writing.
    """
    from ..pipeline import anchor_of
    from .event_coref import story_date_applies

    events = {(r.article.doc_id, i): ev for r in records for i, ev in enumerate(r.events)}
    written = {r.article.doc_id: anchor_of(r.article) for r in records}
    out: dict[tuple[str, int], InheritedDate] = {}
    for s in stories:
        if not s.date:
            continue
        for key in s.mentions:
            ev = events.get(key)
            if ev is not None and story_date_applies(ev.date, s.date, written.get(key[0])):
                out[key] = InheritedDate(s.date, s.date_precision, s.id)
    return out


def _join_structured(mentions, labels: list[int]) -> list[int]:
    """Join clusters whose mentions are structurally one event, unless that brings a cannot-link pair together."""
    from .event_coref import dates_compatible, reported_close, roles_conflict, same_structured_event
    from .event_pairs import MATRIX_FROM, PairTests

    if len(mentions) >= MATRIX_FROM:  # the pair tests as matrices, the pairs visited in the same (i, j) order
        tests = PairTests(mentions)
        clash = tests.clash()
        ii, jj = np.nonzero(np.triu(tests.structured(), 1))
        pairs = zip(ii.tolist(), jj.tolist())
        joinable = lambda xs, ys: not clash[np.ix_(xs, ys)].any()  # noqa: E731
    else:
        pairs = ((i, j) for i in range(len(mentions)) for j in range(i + 1, len(mentions))
                 if same_structured_event(mentions[i], mentions[j]))
        joinable = lambda xs, ys: all(  # noqa: E731
            dates_compatible(mentions[x].date, mentions[y].date) and reported_close(mentions[x], mentions[y])
            and not roles_conflict(mentions[x], mentions[y])
            and not (mentions[x].country and mentions[y].country and mentions[x].country != mentions[y].country)
            for x in xs for y in ys)
    sets = DisjointSets()
    find = sets.find
    members: dict[int, list[int]] = defaultdict(list)
    for i, lab in enumerate(labels):
        members[lab].append(i)
    for i, j in pairs:
        ri, rj = find(labels[i]), find(labels[j])
        if ri != rj and joinable(members[ri], members[rj]):
            sets.union(ri, rj)
            members[ri] = members[ri] + members[rj]
    return [find(lab) for lab in labels]


def _event_country(by_key: dict, ev) -> str | None:
    """Where an event happened, as a country code: its location's country, else a state target's."""
    for key in (ev.location, ev.target):
        ent = by_key.get(key) if key else None
        if ent is not None and ent.type == "GPE" and ent.iso:
            return ent.iso
    return None


def _best_date(events) -> tuple[str | None, str | None]:
    """The most precise date that agrees with the others (prefix-compatible with most of them)."""
    dated = [(e.date, e.date_precision) for e in events if e.date]
    if not dated:
        return None, None
    def support(d: str) -> int:
        return sum(1 for o, _ in dated if d.startswith(o) or o.startswith(d))
    best = max(dated, key=lambda dp: (support(dp[0]), _PRECISION_RANK.get(dp[1], 0)))
    return best

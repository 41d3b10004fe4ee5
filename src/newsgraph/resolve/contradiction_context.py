"""What the contradiction detectors compare: the statements with their cues, an entity index over them and their
vectors (Context), and which pairs each detector reads a similarity of (its asks). The asks are pure functions of the
statements, so the texts they embed by MiniLM can be worked out before the claims are grouped (compared_pieces) and
made on the encoder thread (resolve.prefetch) while group_claims holds this one."""
from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable, Sequence
from typing import TYPE_CHECKING

from ..records import ArticleRecord
from .blocks import BlockCache, Mapper
from .claim_vectors import encoder, table_for, vectors_by_text
from .contradiction_items import Item

if TYPE_CHECKING:
    from .contradictions import Cues


PROPS_LAYER = "contradiction_props"


class Context:
    """The items with their cues, an entity index over them, and their statement vectors (Context.sims)."""

    def __init__(self, items: list[Item], cues: list[Cues], records: Sequence[ArticleRecord],
                 cache: BlockCache | None, mapper: Mapper | None) -> None:
        self.items = items
        self.cues = cues
        texts = [it.st.text for it in items]
        self.negated = [c.negated for c in cues]
        self.denial = [c.denial_at is not None for c in cues]
        self.terms = [c.terms for c in cues]
        self.by_entity: dict[str, list[int]] = {}
        for i, it in enumerate(items):
            for e in it.entities:
                self.by_entity.setdefault(e, []).append(i)
        self._stems: dict[int, set[str]] = {}  # read only for a negated statement's candidates: not in the digests
        # the propositions a negated or denying statement rejects, embedded per article
        self.prop_row: dict[int, int] = {}
        props: dict[str, set[str]] = {}
        extra: list[str] = []
        for i, it in enumerate(items):
            prop = cues[i].prop
            if prop is not None:
                self.prop_row[i] = len(texts) + len(extra)
                extra.append(prop)
                props.setdefault(it.st.doc_id, set()).add(prop)
        vectors: dict = {}
        if encoder() == "minilm":  # the static encoder's table (a ReferenceTable) embeds its own rows by MiniLM
            vectors = vectors_by_text(_statement_texts(records, items), cache, mapper)
            if extra:
                # one block per article, its propositions sorted: the same whatever order the claims come in
                docs = sorted(props)
                by_doc = [sorted(props[d]) for d in docs]
                vectors = {**vectors_by_text(by_doc, cache, mapper, layer=PROPS_LAYER, doc_ids=docs), **vectors}
        self.table = table_for(texts + extra, vectors, cache, mapper)
        self.cache = cache
        self.texts = texts + extra

    def sims(self, row: int, others: Sequence[int]) -> list[float]:
        """Similarity of one text (item or proposition row) with these items."""
        return self.table.similarity([row], list(others))[0].tolist() if len(others) else []

    def stems(self, j: int) -> set[str]:
        """The item's words as 5-letter stems ('mercenaries' ~ 'mercenary')."""
        if j not in self._stems:
            self._stems[j] = {w.lower()[:5] for w in re.findall(r"[A-Za-z]{4,}", self.items[j].st.text)}
        return self._stems[j]

    def sharing(self, i: int, at_least: int = 1, keys: Iterable[str] | None = None) -> list[int]:
        """Other items sharing at least this many of item i's entities (or of keys), in item order."""
        counts = Counter(j for e in (self.items[i].entities if keys is None else keys) for j in self.by_entity.get(e, ()))
        return sorted(j for j, n in counts.items() if n >= at_least and j != i)


def _statement_texts(records: Sequence[ArticleRecord], items: list[Item]) -> list[list[str]]:
    """Each article's statement texts in claims.article_statements' order (its quotes, then its own sentences in
    body order), so the per-article vector blocks are the ones the claims layer made and cached. Every statement is
    a member of exactly one claim, so the items hold them all; the statements are not worked out a second time."""
    asserted: dict[str, list[tuple[int, str]]] = {}
    for it in items:
        if it.st.kind == "asserted":
            asserted.setdefault(it.st.doc_id, []).append((it.st.start, it.st.text))
    return [[q.content for q in r.quotes] + [t for _, t in sorted(asserted.get(r.article.doc_id, []))]
            for r in records]


def compared_rows(ctx: Context) -> set[int]:
    """The rows (items and propositions) whose similarities the detectors will read: what they embed by MiniLM
    (compared_pieces queues their texts for the encoder thread before the claims are grouped)."""
    rows: set[int] = set()
    for asks in (stance_asks(ctx), denial_asks(ctx)):
        for i, cand in asks.items():
            if cand:  # Context.sims embeds nothing for no candidates
                rows.add(ctx.prop_row[i])
                rows.update(cand)
    for pair in place_pairs(ctx):
        rows.update(pair[2:4])
    return rows


def stance_asks(ctx: Context) -> dict[int, list[int]]:
    """Each statement negating terms, with the statements on its entities that assert them (item order)."""
    items = ctx.items
    todo: dict[int, list[int]] = {}
    for i, terms in enumerate(ctx.terms):
        if not terms:
            continue
        a = items[i]
        stems = {t[:5] for t in terms}
        todo[i] = [j for j in ctx.sharing(i) if not ctx.negated[j]
                   and not (a.st.doc_id == items[j].st.doc_id and a.st.speaker == items[j].st.speaker)
                   and stems & ctx.stems(j)]
    return todo


def denial_asks(ctx: Context) -> dict[int, list[int]]:
    """Each denying statement, with the attributed statements it is compared with (_denials: same entities or spoken
    by one of them; a person's, or its entities' own)."""
    items = ctx.items
    den = [i for i, d in enumerate(ctx.denial) if d]
    if not den:
        return {}
    by_speaker: dict[str, list[int]] = {}
    for j, b in enumerate(items):
        if b.st.speaker and b.st.kind != "asserted" and not ctx.denial[j]:
            by_speaker.setdefault(b.st.speaker, []).append(j)
    pool = {j for idx in by_speaker.values() for j in idx}
    asks = {}
    for i in den:
        a = items[i]
        near = {j for j in ctx.sharing(i) if j in pool} | {j for e in a.entities for j in by_speaker.get(e, ())}
        asks[i] = sorted(j for j in near if j != i and (items[j].speaker_type == "PERSON" or items[j].st.speaker in a.entities))
    return asks


def place_pairs(ctx: Context) -> list[tuple[int, int, int, int, str, tuple, tuple, frozenset[str]]]:
    """Statements placing one event noun in two countries with entities in common, before their similarity is read:
    (position of each in the located list, item of each, noun, place of each, the shared entities)."""
    items = ctx.items
    by_noun: dict[str, list[tuple[int, int, tuple]]] = {}  # noun -> (position in located, item, place)
    n_located = 0
    for i, cues in enumerate(ctx.cues):
        for noun, place in cues.located:
            by_noun.setdefault(noun, []).append((n_located, i, place))
            n_located += 1
    pairs = []
    for noun, located in by_noun.items():
        for x in range(len(located)):
            for y in range(x + 1, len(located)):
                (px, i, pa), (py, j, pb) = located[x], located[y]
                if i == j or pa[2] == pb[2] or not pa[3] or not pb[3] or pa[3] == pb[3]:
                    continue
                shared = (items[i].entities & items[j].entities) - {pa[2], pb[2]}
                if shared:
                    pairs.append((px, py, i, j, noun, pa, pb, shared))
    return pairs


def compared_pieces(digests: Sequence, cache: BlockCache | None = None) -> list[str]:
    """The clause pieces find_contradictions will embed by MiniLM for these statement digests (the static encoder's
    ReferenceTable rows its detectors compare) that no cached block holds: every statement is a member of one claim,
    so the detectors' items are the digests' items (in claim order; the asks do not depend on the order).

    Worked out before the claims are grouped and queued for the encoder thread, they were encoded on this thread
    after the prefetch had run dry: ~2 core-s of a cold step at 1,000 articles in 37 small encoder calls."""
    from .claim_vectors import MINILM_LAYER, clause_pieces, minilm_version
    from .prefetch import uncached

    if encoder() != "static":  # MiniLM's vectors for everything come from the claims layer's blocks
        return []
    items = [it for d in digests for it in d.items]
    if len(items) < 2:
        return []
    ctx = Context(items, [cu for d in digests for cu in d.cues], [], None, None)
    blocks = list(dict.fromkeys(clause_pieces(ctx.texts[r]) for r in sorted(compared_rows(ctx))))
    blocks = uncached(cache, MINILM_LAYER, minilm_version(), blocks)
    return list(dict.fromkeys(p for b in blocks for p in b))

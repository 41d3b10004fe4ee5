"""The statements contradiction detectors compare, each with its entities, places, dates and cue flags; what an
article contributes is read once per article (mentions found by offset, not by a scan per statement)."""
from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from ..names import actor_key
from ..records import ArticleRecord
from .claims import Claim, Statement


@dataclass(frozen=True)
class Item:
    """A statement with what the detectors need: its entities, places and the date it speaks from."""

    st: Statement
    entities: frozenset[str]
    places: tuple[tuple[int, int, str, str | None], ...]  # (start, end, entity, iso) of place mentions
    published: str | None
    timex: tuple  # Timex records inside the statement
    speaker_type: str | None = None
    mention_spans: tuple[tuple[int, int, str], ...] = ()  # (start, end, entity id) relative to the statement
    latest_year: int | None = None  # the latest year the article dates anything to: it was written no earlier


class _ArticleView:
    """One article's mentions and dates indexed by offset, and its entity lookups, built once."""

    def __init__(self, record: ArticleRecord, entity_ids: Mapping[tuple[str, str], str] | None) -> None:
        doc_id = record.article.doc_id
        self.record = record
        self.ids = entity_ids
        self.doc_id = doc_id
        self.m_order = sorted(range(len(record.mentions)), key=lambda i: record.mentions[i].start)
        self.m_starts = [record.mentions[i].start for i in self.m_order]
        self.t_order = sorted(range(len(record.timex)), key=lambda i: record.timex[i].start)
        self.t_starts = [record.timex[i].start for i in self.t_order]
        self.first_entity: dict[str, object] = {}
        for e in record.entities:
            self.first_entity.setdefault(e.key, e)
        self.by_key = {e.key: e for e in record.entities}
        self.type_of: dict[str, str] = {}  # global id -> type of the last entity with that id
        for e in record.entities:
            self.type_of[self._gid(e.key)] = e.type
        years = [_year(t.value) for t in record.timex if t.type == "DATE" and re.match(r"\d{4}", t.value or "")]
        self.latest = max((y for y in years if y is not None), default=None)

    def _gid(self, key: str) -> str:
        return self.ids.get((self.doc_id, key), key) if self.ids else key

    def _inside(self, order: list[int], starts: list[int], items: Sequence, start: int, end: int) -> list:
        lo, hi = bisect_left(starts, start), bisect_right(starts, end)
        picked = sorted(i for i in order[lo:hi] if items[i].end <= end)  # in the record's own order
        return [items[i] for i in picked]

    def item(self, st: Statement) -> Item:
        """The statement with its entities, places, dates and speaker type (cached per article in
        resolve.statement_digests: bump its VERSION when this changes what it gives)."""
        record = self.record
        mentions = self._inside(self.m_order, self.m_starts, record.mentions, st.start, st.end)
        ents, places, spans = set(), [], []
        for m in mentions:
            key = self._gid(m.entity)
            ents.add(key)
            if m.type in ("GPE", "LOC") and m.kind == "name":
                ent = self.first_entity.get(m.entity)
                places.append((m.start - st.start, m.end - st.start, key, ent.iso if ent is not None else None))
        for m in mentions:
            gid = self._gid(actor_key(m, self.by_key))
            spans.append((m.start - st.start, m.end - st.start, gid))
            ents.add(gid)
        timex = tuple(self._inside(self.t_order, self.t_starts, record.timex, st.start, st.end))
        stype = self.type_of.get(st.speaker) if st.speaker is not None else None
        return Item(st, frozenset(ents), tuple(places), record.article.published, timex, stype, tuple(spans),
                    self.latest)


def claim_items(records: Sequence[ArticleRecord], claims: Sequence[Claim],
                entity_ids: Mapping[tuple[str, str], str] | None) -> list[Item]:
    """Every claim member as an Item, in claim order (members of an unknown article are left out)."""
    by_doc = {r.article.doc_id: r for r in records}
    views: dict[str, _ArticleView] = {}
    out = []
    for c in claims:
        for m in c.members:
            record = by_doc.get(m.doc_id)
            if record is None:
                continue
            view = views.get(m.doc_id)
            if view is None:
                view = views[m.doc_id] = _ArticleView(record, entity_ids)
            out.append(view.item(m))
    return out


def _year(value: str | None) -> int | None:
    m = re.match(r"(\d{4})", value or "")
    return int(m.group(1)) if m else None

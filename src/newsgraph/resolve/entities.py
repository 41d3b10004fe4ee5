"""Merge article-local entities into corpus-wide entities: one id for Sergei Lavrov, Sergey Lavrov and Lavrov."""
from __future__ import annotations

import re
from collections import Counter, defaultdict
from dataclasses import dataclass
from typing import Iterable, Sequence

from ..names import KNOWN_ACRONYMS, acronym_key, short_org_form, initials, same_given_name, same_surname, skeleton, split_person
from ..nlp.gazetteer import fold, lookup_place
from ..records import ArticleRecord, LocalEntity


@dataclass(frozen=True)
class GlobalEntity:
    """A corpus-wide entity with every surface form and the articles that name it."""

    id: str
    name: str
    type: str
    aliases: tuple[str, ...]
    docs: tuple[str, ...]
    iso: str | None = None
    lat: float | None = None
    lon: float | None = None

    def to_dict(self) -> dict:
        return {"id": self.id, "name": self.name, "type": self.type, "aliases": list(self.aliases),
                "docs": list(self.docs), "iso": self.iso, "lat": self.lat, "lon": self.lon}


@dataclass(frozen=True)
class EntityIndex:
    """The merge result: entities by id and the id of every (doc_id, local key)."""

    entities: dict[str, GlobalEntity]
    ids: dict[tuple[str, str], str]

    def entity_of(self, doc_id: str, key: str | None) -> GlobalEntity | None:
        if key is None:
            return None
        gid = self.ids.get((doc_id, key))
        return self.entities.get(gid) if gid else None

    def name_of(self, doc_id: str, key: str | None) -> str | None:
        """The corpus-wide canonical name for an article-local key (the key itself when unknown)."""
        ent = self.entity_of(doc_id, key)
        return ent.name if ent is not None else key


class _UnionFind:
    def __init__(self) -> None:
        self.parent: dict[int, int] = {}

    def find(self, x: int) -> int:
        self.parent.setdefault(x, x)
        while self.parent[x] != x:
            self.parent[x] = self.parent[self.parent[x]]
            x = self.parent[x]
        return x

    def union(self, a: int, b: int) -> None:
        ra, rb = self.find(a), self.find(b)
        if ra != rb:
            self.parent[max(ra, rb)] = min(ra, rb)


def merge_entities(records: Sequence[ArticleRecord]) -> EntityIndex:
    """Cluster local entities across articles by type-specific name rules; ids are slugs of canonical names."""
    items: list[tuple[str, LocalEntity]] = [(r.article.doc_id, e) for r in records for e in r.entities]
    uf = _UnionFind()
    by_key: dict[str, list[int]] = defaultdict(list)
    for i, (_, ent) in enumerate(items):
        uf.find(i)
        by_key[_exact_key(ent)].append(i)
    for group in by_key.values():
        for j in group[1:]:
            uf.union(group[0], j)
    _merge_people(items, uf)
    _merge_orgs(items, uf)

    groups: dict[int, list[int]] = defaultdict(list)
    for i in range(len(items)):
        groups[uf.find(i)].append(i)
    entities: dict[str, GlobalEntity] = {}
    ids: dict[tuple[str, str], str] = {}
    for members in sorted(groups.values(), key=lambda m: min(m)):
        ents = [items[i][1] for i in members]
        docs = tuple(sorted({items[i][0] for i in members}))
        name = _canonical(ents)
        etype = Counter(e.type for e in ents).most_common(1)[0][0]
        gid = _unique_id(_slug(name), entities)
        iso = next((e.iso for e in ents if e.iso), None)
        lat = next((e.lat for e in ents if e.lat is not None), None)
        lon = next((e.lon for e in ents if e.lon is not None), None)
        aliases = tuple(dict.fromkeys(a for e in ents for a in (e.aliases or ())))
        entities[gid] = GlobalEntity(gid, name, etype, aliases, docs, iso, lat, lon)
        for i in members:
            ids[(items[i][0], items[i][1].key)] = gid
    return EntityIndex(entities, ids)


def _exact_key(ent: LocalEntity) -> str:
    place = lookup_place(ent.name) if ent.type in ("GPE", "LOC") else None
    if place is not None:
        return f"place:{place.kind}:{fold(place.name)}"
    if ent.type == "ORG":
        acro = acronym_key(ent.name)
        if acro and acro in KNOWN_ACRONYMS:
            return f"ORG:{fold(KNOWN_ACRONYMS[acro])}"
    return f"{ent.type}:{fold(ent.name)}"


def _merge_people(items: list[tuple[str, LocalEntity]], uf: _UnionFind) -> None:
    """Full names join when surnames match and given names are spellings of one name; a lone surname
    joins only when exactly one full-name person in the corpus carries it."""
    people = [i for i, (_, e) in enumerate(items) if e.type == "PERSON"]
    by_surname: dict[str, list[int]] = defaultdict(list)
    for i in people:
        _, surname = split_person(items[i][1].name)
        by_surname[skeleton(surname) or surname].append(i)
    for group in by_surname.values():
        full = [i for i in group if split_person(items[i][1].name)[0]]
        bare = [i for i in group if not split_person(items[i][1].name)[0]]
        for a_pos, a in enumerate(full):
            ga, sa = split_person(items[a][1].name)
            for b in full[a_pos + 1 :]:
                gb, sb = split_person(items[b][1].name)
                if same_surname(sa, sb) and same_given_name(ga.split()[0], gb.split()[0]):
                    uf.union(a, b)
        roots = {uf.find(i) for i in full}
        for b in bare:
            fitting = {uf.find(i) for i in full if same_surname(split_person(items[i][1].name)[1], items[b][1].name)}
            if len(fitting) == 1 and len(roots) >= 1:
                uf.union(b, fitting.pop())


def _merge_orgs(items: list[tuple[str, LocalEntity]], uf: _UnionFind) -> None:
    """An acronym joins the one long form with those initials; a short name joins the one longer name it begins."""
    orgs = [i for i, (_, e) in enumerate(items) if e.type == "ORG"]
    long_forms = [i for i in orgs if acronym_key(items[i][1].name) is None]
    for i in orgs:
        ent = items[i][1]
        acro = acronym_key(ent.name)
        if acro:
            fits = {uf.find(j) for j in long_forms if initials(items[j][1].name) == acro}
            if len(fits) == 1:
                uf.union(i, fits.pop())
            continue
        fits = {uf.find(j) for j in long_forms if short_org_form(ent.name, items[j][1].name)}
        if len(fits) == 1:
            uf.union(i, fits.pop())


def _canonical(ents: Iterable[LocalEntity]) -> str:
    """The fullest common form, preferring the spelling with diacritics when one exists."""
    names = [e.name for e in ents]
    non_acro = [n for n in names if acronym_key(n) is None] or names
    longest = max(len(n.split()) for n in non_acro)
    candidates = Counter(n for n in non_acro if len(n.split()) == longest)
    best = max(candidates.items(), key=lambda kv: (kv[1], _has_diacritics(kv[0]), kv[0]))[0]
    return best


def _has_diacritics(name: str) -> bool:
    return any(ord(c) > 127 for c in name)


def _slug(name: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", fold(name)).strip("-") or "entity"


def _unique_id(base: str, taken: dict[str, GlobalEntity]) -> str:
    gid, n = base, 2
    while gid in taken:
        gid, n = f"{base}-{n}", n + 1
    return gid

"""Merge article-local entities into corpus-wide entities: one id for Sergei Lavrov, Sergey Lavrov and Lavrov."""
from __future__ import annotations

import functools
import hashlib
import re
from collections import Counter, defaultdict
from dataclasses import dataclass
from typing import Iterable, Sequence

from ..names import (KNOWN_ACRONYMS, ORG_SUFFIXES, acronym_key, initials, lookup_place_form, place_core,
                     same_given_name, same_surname, short_org_form, skeleton, split_person)
from ..nlp.gazetteer import fold
from ..records import ArticleRecord, LocalEntity
from .blocks import BlockCache, Mapper, components, run_blocks


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


# Bump when _merge_block returns something else for the same inputs (cached blocks are then recomputed).
MERGE_VERSION = "2"


@dataclass(frozen=True)
class _Cluster:
    """One merged entity of a block, without its id (ids are given corpus-wide, see _assign_ids)."""

    members: tuple[int, ...]  # positions in the block, in corpus order
    name: str
    type: str
    aliases: tuple[str, ...]
    docs: tuple[str, ...]
    iso: str | None
    lat: float | None
    lon: float | None


def merge_entities(records: Sequence[ArticleRecord], *, cache: BlockCache | None = None,
                   mapper: Mapper | None = None) -> EntityIndex:
    """Cluster local entities across articles by type-specific name rules; ids are slugs of canonical names.

    Entities are split into blocks of those sharing a key any rule could join them by (resolve.blocks), so
    the cost grows with the corpus, not its square, and a block whose entities did not change is not redone.
    """
    items: list[tuple[str, LocalEntity]] = [(r.article.doc_id, e) for r in records for e in r.entities]
    blocks = components(_block_keys(ent) for _, ent in items)
    results = run_blocks("entities", MERGE_VERSION, _merge_block, [[items[i] for i in b] for b in blocks],
                         cache=cache, mapper=mapper)
    clusters = [(tuple(block[m] for m in c.members), c) for block, found in zip(blocks, results) for c in found]
    clusters.sort(key=lambda mc: mc[0][0])  # corpus order of each entity's first mention, as before blocking
    gids = _assign_ids(clusters, items)
    entities: dict[str, GlobalEntity] = {}
    ids: dict[tuple[str, str], str] = {}
    for (members, c), gid in zip(clusters, gids):
        entities[gid] = GlobalEntity(gid, c.name, c.type, c.aliases, c.docs, c.iso, c.lat, c.lon)
        for i in members:
            ids[(items[i][0], items[i][1].key)] = gid
    return EntityIndex(entities, ids)


def _block_keys(ent: LocalEntity) -> tuple[str, ...]:
    """Every key a merge rule could join this entity by: two entities no rule can join share none."""
    return _name_keys(ent.type, ent.name)


@functools.lru_cache(maxsize=1 << 16)
def _name_keys(type_: str, name: str) -> tuple[str, ...]:
    """_block_keys of a type and name (cached: a corpus names the same entities in article after article)."""
    keys = [_exact_key_of(type_, name)]
    if type_ == "PERSON":
        surname = split_person(name)[1]
        keys.append("surname:" + (skeleton(surname) or surname))
    elif type_ == "ORG":
        acro = acronym_key(name)
        if acro:
            keys.append("initials:" + acro)
        else:
            ini = initials(name)
            if 2 <= len(ini) <= 8:  # what an acronym can be (names.acronym_key)
                keys.append("initials:" + ini)
            words = fold(name).split()
            keys.append("short:" + " ".join(words))  # as the short form of a longer name
            for k in range(len(words) - 1, 0, -1):  # as the long form of 'Wagner' ('Wagner Group')
                if words[k] not in ORG_SUFFIXES:
                    break
                keys.append("short:" + " ".join(words[:k]))
    return tuple(keys)


def _merge_block(items: list[tuple[str, LocalEntity]]) -> list[_Cluster]:
    """The merged entities of one block: exact keys, then people, then organisations (corpus order kept)."""
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
    out = []
    for members in sorted(groups.values(), key=lambda m: min(m)):
        ents = [items[i][1] for i in members]
        out.append(_Cluster(
            members=tuple(members), name=_canonical(ents), type=Counter(e.type for e in ents).most_common(1)[0][0],
            aliases=tuple(dict.fromkeys(a for e in ents for a in (e.aliases or ()))),
            docs=tuple(sorted({items[i][0] for i in members})),
            iso=next((e.iso for e in ents if e.iso), None),
            lat=next((e.lat for e in ents if e.lat is not None), None),
            lon=next((e.lon for e in ents if e.lon is not None), None)))
    return out


def _assign_ids(clusters: list[tuple[tuple[int, ...], _Cluster]], items: list[tuple[str, LocalEntity]]) -> list[str]:
    """The slug of each entity's name; entities sharing a slug are told apart by their own first mention
    (the one with the smallest (doc_id, key) keeps the bare slug, the others get a short hash of theirs),
    so an id never depends on what else the corpus holds or in which order it was read."""
    firsts = [min((items[i][0], items[i][1].key) for i in members) for members, _ in clusters]
    slugs = [_slug(c.name) for _, c in clusters]
    by_slug: dict[str, list[int]] = defaultdict(list)
    for n, slug in enumerate(slugs):
        by_slug[slug].append(n)
    gids = list(slugs)
    taken = set(slugs)
    for slug, ns in by_slug.items():
        if len(ns) < 2:
            continue
        for n in sorted(ns, key=lambda n: firsts[n])[1:]:
            digest = hashlib.sha1("\x1f".join(firsts[n]).encode("utf-8")).hexdigest()
            width = 6
            while f"{slug}-{digest[:width]}" in taken:
                width += 1
            gids[n] = f"{slug}-{digest[:width]}"
            taken.add(gids[n])
    return gids


def _exact_key(ent: LocalEntity) -> str:
    return _name_keys(ent.type, ent.name)[0]


def _exact_key_of(type_: str, name: str) -> str:
    place = lookup_place_form(name) if type_ in ("GPE", "LOC") else None
    if place is not None:
        return f"place:{place.kind}:{fold(place.name)}"
    if type_ in ("GPE", "LOC"):
        return f"place:{place_core(name)}"  # 'Al-Jufra' (GPE) / 'Jufra' (LOC), 'Bunza' / 'Bunza Local Government Area'
    if type_ == "ORG":
        acro = acronym_key(name)
        if acro and acro in KNOWN_ACRONYMS:
            return f"ORG:{fold(KNOWN_ACRONYMS[acro])}"
    return f"{type_}:{fold(name)}"


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

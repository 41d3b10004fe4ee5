"""Copies between articles: MinHash LSH Ensemble finds candidate pairs by containment, then an exact
word-run merge lists the shared passages with their offsets in both bodies."""
from __future__ import annotations

from dataclasses import dataclass
from typing import Sequence

from datasketch import MinHash, MinHashLSHEnsemble

from .disjoint_sets import DisjointSets
from .source_signals import words as word_matches

SHINGLE = 5  # words per shingle
NUM_PERM = 128
LSH_CONTAINMENT = 0.1  # candidate threshold: low, so a copied paragraph inside a long article is found
MIN_PASSAGE_WORDS = 12  # a shared run shorter than this is a common phrase, not a copy
NEAR_COPY_CONTAINMENT = 0.5  # above this share of the smaller article, the two are not independent



@dataclass(frozen=True)
class SharedPassage:
    """One run of identical wording, with its offsets in both bodies."""

    text: str
    start: int
    end: int
    other_start: int
    other_end: int
    words: int

    def to_dict(self) -> dict:
        """Plain JSON-ready form."""
        return dict(self.__dict__)


@dataclass(frozen=True)
class CopyRelation:
    """This article shares wording with another: how much, and where."""

    other: str
    jaccard: float
    containment: float  # shared shingles / shingles of the smaller article
    near_copy: bool
    passages: tuple[SharedPassage, ...]

    def to_dict(self) -> dict:
        """Plain JSON-ready form."""
        return {
            "other": self.other,
            "jaccard": self.jaccard,
            "containment": self.containment,
            "near_copy": self.near_copy,
            "passages": [p.to_dict() for p in self.passages],
        }


def _tokens(text: str) -> list[tuple[str, int, int]]:
    return [(m.group().lower().replace("’", "'"), m.start(), m.end()) for m in word_matches(text)]


def _shingles(toks: list[tuple[str, int, int]]) -> set[str]:
    words = [t[0] for t in toks]
    return {" ".join(words[i : i + SHINGLE]) for i in range(max(0, len(words) - SHINGLE + 1))}


def _minhash(shingles: set[str]) -> MinHash:
    m = MinHash(num_perm=NUM_PERM, seed=7)
    m.update_batch([s.encode("utf-8") for s in shingles])
    return m


def shared_passages(a: str, b: str) -> list[SharedPassage]:
    """Maximal runs of identical words (case-insensitive) between two texts, in a's order; handles reordering."""
    ta, tb = _tokens(a), _tokens(b)
    wa, wb = [t[0] for t in ta], [t[0] for t in tb]
    seed = 8
    index: dict[tuple[str, ...], list[int]] = {}
    for j in range(len(wb) - seed + 1):
        index.setdefault(tuple(wb[j : j + seed]), []).append(j)
    out: list[SharedPassage] = []
    i = 0
    while i <= len(wa) - seed:
        best_len, best_j = 0, -1
        for j in index.get(tuple(wa[i : i + seed]), ()):
            n = seed
            while i + n < len(wa) and j + n < len(wb) and wa[i + n] == wb[j + n]:
                n += 1
            if n > best_len:
                best_len, best_j = n, j
        if best_len >= MIN_PASSAGE_WORDS:
            s, e = ta[i][1], ta[i + best_len - 1][2]
            os_, oe = tb[best_j][1], tb[best_j + best_len - 1][2]
            out.append(SharedPassage(a[s:e], s, e, os_, oe, best_len))
            i += best_len
        else:
            i += 1
    return out


def find_copies(docs: Sequence[tuple[str, str]]) -> dict[str, list[CopyRelation]]:
    """Copy relations for every article (doc_id, body), symmetric: each pair appears under both ids."""
    toks = {d: _tokens(body) for d, body in docs}
    sh = {d: _shingles(t) for d, t in toks.items()}
    bodies = dict(docs)
    usable = [d for d in bodies if sh[d]]
    relations: dict[str, list[CopyRelation]] = {d: [] for d in bodies}
    if len(usable) < 2:
        return relations
    mh = {d: _minhash(sh[d]) for d in usable}
    lsh = MinHashLSHEnsemble(threshold=LSH_CONTAINMENT, num_perm=NUM_PERM, num_part=8)
    lsh.index([(d, mh[d], len(sh[d])) for d in usable])
    seen: set[tuple[str, str]] = set()
    for d in usable:
        for other in lsh.query(mh[d], len(sh[d])):
            pair = tuple(sorted((d, other)))
            if other == d or pair in seen:
                continue
            seen.add(pair)
            _relate(pair[0], pair[1], bodies, sh, relations)
    return relations


def _relate(a: str, b: str, bodies, sh, relations) -> None:
    inter = len(sh[a] & sh[b])
    if not inter:
        return
    jac = round(inter / len(sh[a] | sh[b]), 3)
    cont = round(inter / min(len(sh[a]), len(sh[b])), 3)
    pa = shared_passages(bodies[a], bodies[b])
    if not pa:
        return
    near = cont >= NEAR_COPY_CONTAINMENT
    pb = tuple(SharedPassage(bodies[b][p.other_start : p.other_end], p.other_start, p.other_end, p.start, p.end, p.words) for p in pa)
    relations[a].append(CopyRelation(b, jac, cont, near, tuple(pa)))
    relations[b].append(CopyRelation(a, jac, cont, near, pb))


def independent_groups(doc_ids: Sequence[str], relations: dict[str, list[CopyRelation]]) -> dict[str, str]:
    """Union near-copies into groups; the group id is its smallest doc_id, so it is stable across runs."""
    known = set(doc_ids)
    sets = DisjointSets()
    for d, rels in relations.items():
        for r in rels:
            if r.near_copy and r.other in known:
                ra, rb = sets.find(d), sets.find(r.other)
                if ra != rb:
                    sets.union(min(ra, rb), max(ra, rb))
    return {d: sets.find(d) for d in doc_ids}

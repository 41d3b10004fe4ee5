"""Copies between articles: MinHash LSH Ensemble finds candidate pairs by containment, then an exact
word-run merge lists the shared passages with their offsets in both bodies."""
from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from typing import Sequence

import numpy as np

from .blocks import BlockCache, Mapper, run_blocks
from .copy_candidates import candidate_pairs, ensemble_params, params_version
from .disjoint_sets import DisjointSets
from .minhash import minhash_values
from .source_signals import WORD, words as word_matches

SHINGLE = 5  # words per shingle
NUM_PERM = 128
SCHEME = "affine32"  # datasketch's default; named so stored signatures can be rebuilt
LSH_CONTAINMENT = 0.1  # candidate threshold: low, so a copied paragraph inside a long article is found
LSH_PARTITIONS = 8  # set-size partitions of the LSH Ensemble (resolve.copy_candidates)
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


@lru_cache(maxsize=32)
def _words(text: str) -> tuple[str, ...]:
    """Lower-cased word tokens (the last few bodies are kept: one body is compared with several others).

    Found by one C scan (findall: no match objects); a text in ASCII is lower-cased first, whole (lower() keeps
    each ASCII character one character of the same class, so the words are the same)."""
    if text.isascii():
        return tuple(WORD.findall(text.lower()))
    return tuple(w.lower().replace("’", "'") for w in WORD.findall(text))


def _offsets(text: str) -> list[tuple[int, int]]:
    """Each word token's (start, end) in text, in _words' order (read only for articles that share a passage)."""
    return [m.span() for m in word_matches(text)]


@lru_cache(maxsize=32)
def _body_shingles(text: str) -> frozenset[str]:
    return frozenset(_shingle_runs(text))


@lru_cache(maxsize=32)
def _shingle_runs(text: str) -> tuple[str, ...]:
    """The shingle starting at each word, in order (the last SHINGLE - 1 words start none)."""
    words = _words(text)
    return tuple(" ".join(run) for run in zip(*(words[k:] for k in range(SHINGLE))))


def _minhash(shingles: set[str] | frozenset[str]) -> np.ndarray:
    """The shingles' MinHash values (datasketch's MinHash, NUM_PERM, seed 7, SCHEME: resolve.minhash)."""
    return minhash_values([s.encode("utf-8") for s in shingles], NUM_PERM, 7)


def shared_passages(a: str, b: str) -> list[SharedPassage]:
    """Maximal runs of identical words (case-insensitive) between two texts, in a's order; handles reordering."""
    wa, wb = _words(a), _words(b)
    seed = 8
    # a seed run starts where both texts have the same shingle: only such positions are indexed and looked up (the
    # same matches as indexing every position, without a tuple per word of both texts)
    ra, rb = _shingle_runs(a), _shingle_runs(b)
    common = _body_shingles(a) & _body_shingles(b)
    index: dict[tuple[str, ...], list[int]] = {}
    for j in range(len(wb) - seed + 1):
        if rb[j] in common:
            index.setdefault(tuple(wb[j : j + seed]), []).append(j)
    out: list[SharedPassage] = []
    i = 0
    while i <= len(wa) - seed:
        if ra[i] not in common:
            i += 1
            continue
        best_len, best_j = 0, -1
        for j in index.get(tuple(wa[i : i + seed]), ()):
            n = seed
            while i + n < len(wa) and j + n < len(wb) and wa[i + n] == wb[j + n]:
                n += 1
            if n > best_len:
                best_len, best_j = n, j
        if best_len >= MIN_PASSAGE_WORDS:
            if not out:
                ta, tb = _offsets(a), _offsets(b)
            s, e = ta[i][0], ta[i + best_len - 1][1]
            os_, oe = tb[best_j][0], tb[best_j + best_len - 1][1]
            out.append(SharedPassage(a[s:e], s, e, os_, oe, best_len))
            i += best_len
        else:
            i += 1
    return out


SIGNATURE_LAYER = "copy_signature"
PAIR_LAYER = "copy_pair"
PARAMS_LAYER = "copy_lsh_params"
VERSION = "1"


def signature_block(body: str) -> tuple[int, np.ndarray]:
    """An article's shingle count and MinHash values (computed once per article body)."""
    sh = _body_shingles(body)
    if not sh:
        return 0, np.zeros(0, dtype=np.uint64)
    return len(sh), _minhash(sh)


def pair_block(pair: tuple[str, str]) -> tuple[float, float, tuple[SharedPassage, ...]] | None:
    """Jaccard, containment and shared passages of two bodies (None: nothing shared worth a relation)."""
    a, b = pair
    sa, sb = _body_shingles(a), _body_shingles(b)
    inter = len(sa & sb)
    if not inter:
        return None
    pa = shared_passages(a, b)
    if not pa:
        return None
    return round(inter / len(sa | sb), 3), round(inter / min(len(sa), len(sb)), 3), tuple(pa)


def find_copies(docs: Sequence[tuple[str, str]], *, cache: BlockCache | None = None,
                mapper: Mapper | None = None) -> dict[str, list[CopyRelation]]:
    """Copy relations for every article (doc_id, body), symmetric: each pair appears under both ids.

    Signatures are one cached block per article and each candidate pair one cached block, so a build that adds
    articles shingles only those and compares only the pairs they are in.
    """
    bodies = dict(docs)
    relations: dict[str, list[CopyRelation]] = {d: [] for d in bodies}
    sigs = dict(zip(bodies, run_blocks(SIGNATURE_LAYER, VERSION, signature_block, list(bodies.values()), cache, mapper)))
    usable = [d for d in bodies if sigs[d][0]]
    if len(usable) < 2:
        return relations
    params = run_blocks(PARAMS_LAYER, params_version(), ensemble_params, [(LSH_CONTAINMENT, NUM_PERM)], cache)[0]
    pairs = candidate_pairs(usable, [sigs[d][0] for d in usable], np.stack([sigs[d][1] for d in usable]),
                            threshold=LSH_CONTAINMENT, num_perm=NUM_PERM, num_part=LSH_PARTITIONS, params=params)
    found = run_blocks(PAIR_LAYER, VERSION, pair_block, [(bodies[a], bodies[b]) for a, b in pairs], cache, mapper)
    for (a, b), rel in zip(pairs, found):
        if rel is None:
            continue
        jac, cont, pa = rel
        near = cont >= NEAR_COPY_CONTAINMENT
        pb = tuple(SharedPassage(bodies[b][p.other_start : p.other_end], p.other_start, p.other_end, p.start, p.end, p.words) for p in pa)
        relations[a].append(CopyRelation(b, jac, cont, near, tuple(pa)))
        relations[b].append(CopyRelation(a, jac, cont, near, pb))
    return relations


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

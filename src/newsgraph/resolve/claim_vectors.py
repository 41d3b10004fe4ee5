"""Statement vectors for claims and contradictions: each article's clause pieces are embedded in one block per
article, so a build with a cache embeds only the articles it has not seen, and the rest is numpy over stored vectors.

Encoders (NEWSGRAPH_CLAIMS): 'static' (the default: static vectors distilled from MiniLM, nlp.static_embeddings,
~60x less CPU, for every statement; one speaker's statements, and the rows contradictions compares, still get MiniLM
vectors: claims.group_claims, ReferenceTable), 'static-all' (static vectors for one speaker's statements too) or
'minilm' (the sentence transformer for everything). Similarities are always reported on MiniLM's scale:
a static cosine is mapped through the quantiles of both over the same pairs, so every threshold (claims,
contradictions) means the same share of pairs whichever encoder made the vectors.
"""
from __future__ import annotations

import hashlib
import os
import re
from functools import lru_cache
from collections.abc import Sequence
from typing import Any

import numpy as np

from ..nlp import static_embeddings
from ..nlp.embeddings import batched, embed_texts, precision
from .blocks import BlockCache, Mapper, block_key, embedding_mapper, run_blocks

LAYER = "claim_vectors"
VERSION = "1"  # the block version is this plus the encoder's precision (cached fp32 vectors are not int8's)
DIM = 384
_CLAUSE_SPLIT = re.compile(r",\s+(?:and|but|while|whereas|as)\s+|;\s+|\s+and that\s+|\s+but\s+")


@lru_cache(maxsize=1 << 15)
def clause_pieces(text: str) -> tuple[str, ...]:
    """A statement and its coordinated clauses: 'A, and B' can repeat B alone elsewhere.

    Cached: a corpus step asks for every statement's pieces several times (the embedding blocks, the piece table,
    the MiniLM rows), 37k regex splits in a step at 1,000 articles; 32k entries hold a few MB."""
    parts = [p.strip(" ,;.") for p in _CLAUSE_SPLIT.split(text)]
    parts = [p for p in parts if len(p.split()) >= 4]
    return (text, *parts) if len(parts) > 1 else (text,)


class Digested:
    """A numpy array that a block hashes by its bytes (canonical JSON of the floats would be slow and huge)."""

    __slots__ = ("array",)

    def __init__(self, array: np.ndarray) -> None:
        self.array = array

    def tolist(self) -> str:  # what blocks._canonical calls on arrays
        """The array's identity for the block hash: shape, dtype and a digest of its bytes."""
        a = np.ascontiguousarray(self.array)
        return f"{a.shape}|{a.dtype}|" + hashlib.sha1(a).hexdigest()  # hashes the buffer: no copy

    def __getstate__(self) -> np.ndarray:
        return self.array

    def __setstate__(self, state: np.ndarray) -> None:
        self.array = state


def speakers_by_minilm() -> bool:
    """Whether one speaker's statements are compared by MiniLM (all but NEWSGRAPH_CLAIMS=static-all)."""
    return encoder() == "minilm" or os.environ.get("NEWSGRAPH_CLAIMS", "").lower() != "static-all"


@lru_cache(maxsize=1)
def encoder() -> str:
    """'static' or 'minilm': NEWSGRAPH_CLAIMS=minilm asks for MiniLM; static needs ONNX Runtime once (to distil)."""
    if os.environ.get("NEWSGRAPH_CLAIMS", "").lower() == "minilm" or not static_embeddings.available():
        return "minilm"
    return "static"


# Static cosine -> MiniLM cosine at the same quantile (the share of pairs at least that similar), from all
# 12.5M pairs of 5,000 random claim pieces of the 1,052 scale records (the two cosines correlate at 0.40 there).
# Regenerate with bench/claims_encoders.py --knots after changing either encoder.
_KNOTS = np.array([
    (-1.0, -1.0), (0.517, 0.30), (0.587, 0.40), (0.616, 0.45), (0.642, 0.50), (0.669, 0.55), (0.696, 0.60),
    (0.724, 0.65), (0.758, 0.70), (0.796, 0.75), (0.827, 0.80), (0.868, 0.85), (0.908, 0.90), (0.945, 0.95),
    (1.0, 1.0),
], dtype=np.float64)


def on_reference_scale(sims: np.ndarray) -> np.ndarray:
    """Similarities of this module's vectors on MiniLM's scale (identity when MiniLM made them)."""
    if encoder() == "minilm":
        return sims
    return np.interp(sims, _KNOTS[:, 0], _KNOTS[:, 1]).astype(np.float32)


def raw_threshold(reference: float) -> float:
    """The cosine of this module's vectors that on_reference_scale maps to a MiniLM-scale threshold."""
    if encoder() == "minilm":
        return reference
    return float(np.interp(reference, _KNOTS[:, 1], _KNOTS[:, 0]))


def embed_block(texts: tuple[str, ...]) -> np.ndarray:
    """One article's texts as unit vectors of the claims encoder (float32, one row per text)."""
    if encoder() == "static":
        return static_embeddings.embed(texts)
    return embed_texts(list(texts)).astype(np.float32, copy=False)


def embed_doc_block(block: tuple[str, tuple[str, ...]]) -> np.ndarray:
    """embed_block for (doc_id, texts): texts derived from an article (not verbatim) stay tied to it."""
    return embed_block(block[1])


def _batched_map(fn: Any, blocks: list) -> list:
    """The local mapper for the embedding blocks: one encode call for all missing articles (MiniLM batches)."""
    assert fn in (embed_block, embed_doc_block)
    if encoder() == "static":  # a table lookup per text: nothing to batch
        return [fn(b) for b in blocks]
    return batched(lambda texts: embed_block(tuple(texts)), [b if fn is embed_block else b[1] for b in blocks])


def version() -> str:
    """The blocks' version: VERSION and the encoder (static's recipe, or MiniLM's precision unless fp32, whose
    cached vectors stay valid)."""
    if encoder() == "static":
        return f"{VERSION}-{static_embeddings.RECIPE}"
    return VERSION if precision() == "fp32" else f"{VERSION}-{precision()}"


class PieceTable:
    """Vectors of every clause piece of a list of statement texts; a statement's pieces are contiguous rows. Each
    distinct piece's vector is held once (distinct, and each row's place in it, index): a wire story's copies repeat
    every piece (10,000-article stress store: 144,371 rows, 14,468 distinct vectors; 222 MB as rows)."""

    def __init__(self, distinct: np.ndarray, starts: np.ndarray, counts: np.ndarray,
                 index: np.ndarray | None = None) -> None:
        self.distinct = distinct
        self.index = np.arange(len(distinct)) if index is None else index
        self.starts = starts
        self.counts = counts

    @property
    def vecs(self) -> np.ndarray:
        """Every row's vector, as one new array (row_vectors copies only the rows asked for)."""
        return self.distinct[self.index]

    def row_vectors(self, rows: np.ndarray) -> np.ndarray:
        """The vectors of these rows."""
        return self.distinct[self.index[rows]]

    def rows(self, idx: Sequence[int]) -> np.ndarray:
        """The piece rows of these statements, in order."""
        if not len(idx):
            return np.zeros(0, dtype=np.int64)
        return np.concatenate([np.arange(self.starts[i], self.starts[i] + self.counts[i]) for i in idx])

    def similarity(self, idx: Sequence[int], other: Sequence[int] | None = None) -> np.ndarray:
        """Statement x statement similarity: the best cosine between any of their pieces."""
        other = idx if other is None else other
        if not len(idx) or not len(other):
            return np.zeros((len(idx), len(other)), dtype=np.float32)
        full = self.row_vectors(self.rows(idx)) @ self.row_vectors(self.rows(other)).T
        rows = np.maximum.reduceat(full, _offsets(self.counts[list(idx)]), axis=0)
        return on_reference_scale(np.maximum.reduceat(rows, _offsets(self.counts[list(other)]), axis=1))

    def piece_vectors(self, idx: Sequence[int]) -> tuple[np.ndarray, tuple[int, ...]]:
        """The pieces of these statements and how many each has (a block's input)."""
        return self.row_vectors(self.rows(idx)), tuple(int(self.counts[i]) for i in idx)


def _offsets(counts: np.ndarray) -> np.ndarray:
    return np.concatenate([[0], np.cumsum(counts)[:-1]]).astype(np.int64)


def similarity_from(vecs: np.ndarray, counts: Sequence[int], mapped: bool = True) -> np.ndarray:
    """Statement x statement similarity (MiniLM's scale) from a block's own piece vectors (counts: pieces per
    statement)."""
    if not len(counts):
        return np.zeros((0, 0), dtype=np.float32)
    offs = _offsets(np.asarray(counts))
    full = vecs @ vecs.T
    sims = np.maximum.reduceat(np.maximum.reduceat(full, offs, axis=0), offs, axis=1)
    return on_reference_scale(sims) if mapped else sims


def vectors_by_text(texts_by_doc: Sequence[Sequence[str]], cache: BlockCache | None = None,
                    mapper: Mapper | None = None, layer: str = LAYER,
                    doc_ids: Sequence[str] | None = None) -> dict[str, np.ndarray]:
    """A vector for every clause piece of these texts, embedded in one block per article.

    The same piece gets one vector wherever it occurs (the first article's), so identical statements in
    different articles tie exactly however their articles were batched. doc_ids: name each block's article.
    """
    blocks = [tuple(dict.fromkeys(p for t in texts for p in clause_pieces(t))) for texts in texts_by_doc]
    embed_map = embedding_mapper(mapper, _batched_map)
    if doc_ids is None:
        results = run_blocks(layer, version(), embed_block, blocks, cache, embed_map)
    else:
        named = [(d, b) for d, b in zip(doc_ids, blocks)]
        results = run_blocks(layer, version(), embed_doc_block, named, cache, embed_map)
    first: dict[str, np.ndarray] = {}
    for block, vecs in zip(blocks, results):
        for text, v in zip(block, vecs):
            first.setdefault(text, v)
    return first


def table_for(texts: Sequence[str], vectors: dict[str, np.ndarray], cache: BlockCache | None = None,
              mapper: Mapper | None = None) -> PieceTable | ReferenceTable:
    """The piece table of texts whose pieces all have vectors (a missing piece is embedded now); with the static
    encoder, a ReferenceTable instead: its few compared rows get MiniLM vectors (contradictions' similarities)."""
    if encoder() == "static":
        return ReferenceTable(texts, cache, mapper)
    return _pieces_of(texts, vectors)


def _pieces_of(texts: Sequence[str], vectors: dict[str, np.ndarray]) -> PieceTable:
    """The PieceTable of texts from these piece vectors (a missing piece is embedded now)."""
    pieces = [clause_pieces(t) for t in texts]
    missing = sorted({p for ps in pieces for p in ps if p not in vectors})
    if missing:
        vectors = {**vectors, **dict(zip(missing, embed_block(tuple(missing))))}
    counts = np.array([len(p) for p in pieces], dtype=np.int64)
    starts = _offsets(counts) if len(counts) else np.zeros(0, dtype=np.int64)
    flat = [p for ps in pieces for p in ps]
    place = {p: k for k, p in enumerate(dict.fromkeys(flat))}  # each distinct piece's row in the table
    index = np.fromiter((place[p] for p in flat), dtype=np.int64, count=len(flat))
    distinct = (np.stack([vectors[p] for p in place]).astype(np.float32, copy=False) if place
                else np.zeros((0, DIM), dtype=np.float32))
    return PieceTable(distinct, starts, counts, index)


def piece_table(texts_by_doc: Sequence[Sequence[str]], cache: BlockCache | None = None,
                mapper: Mapper | None = None) -> PieceTable:
    """The piece table of every statement text, grouped by article (one cached embedding block per article)."""
    return _pieces_of([t for texts in texts_by_doc for t in texts], vectors_by_text(texts_by_doc, cache, mapper))


MINILM_LAYER = "claim_minilm_vectors"


class ReferenceTable:
    """Statement similarities by MiniLM, for a caller that compares a few rows of many (contradictions compares a
    negated statement with the statements sharing its entities): a row's clause pieces are embedded when it is
    first compared, one cached block per statement, so a build embeds only statements it has not compared before."""

    def __init__(self, texts: Sequence[str], cache: BlockCache | None = None, mapper: Mapper | None = None) -> None:
        self.texts = list(texts)
        self.cache = cache
        self.mapper = mapper
        self._vecs: dict[str, np.ndarray] = {}

    @property
    def embedded(self) -> int:
        """How many distinct clause pieces have MiniLM vectors so far."""
        return len(self._vecs)

    def prepare(self, rows: Sequence[int]) -> None:
        """Give these rows their MiniLM vectors now (one encoder call for all that are missing)."""
        want = dict.fromkeys(self.texts[i] for i in rows)
        missing = [tuple(clause_pieces(t)) for t in want if any(p not in self._vecs for p in clause_pieces(t))]
        if missing:
            found = run_blocks(MINILM_LAYER, minilm_version(), _minilm_block, missing, self.cache,
                               embedding_mapper(self.mapper, _minilm_map))
            for block, vecs in zip(missing, found):
                for piece, v in zip(block, vecs):
                    self._vecs.setdefault(piece, v)

    def keep(self, rows: Sequence[int]) -> None:
        """Mark these rows' cached MiniLM blocks as in use without reading them: the store's cache drops the blocks a
        step did not use, and a later step comparing these rows again (a speaker quoted anew, a candidate list
        grown) would embed them again."""
        keep = getattr(self.cache, "keep", None)
        if keep is not None and len(rows):
            version = minilm_version()
            keep(MINILM_LAYER, list({block_key(MINILM_LAYER, version, clause_pieces(self.texts[i])) for i in rows}))

    def vectors(self, i: int) -> np.ndarray | None:
        """Row i's MiniLM piece vectors, if it has been compared (else None)."""
        pieces = clause_pieces(self.texts[i])
        if any(p not in self._vecs for p in pieces):
            return None
        return np.stack([self._vecs[p] for p in pieces])

    def similarity(self, idx: Sequence[int], other: Sequence[int] | None = None) -> np.ndarray:
        """Statement x statement similarity: the best MiniLM cosine between any of their pieces."""
        other = idx if other is None else other
        if not len(idx) or not len(other):
            return np.zeros((len(idx), len(other)), dtype=np.float32)
        self.prepare([*idx, *other])
        a = [clause_pieces(self.texts[i]) for i in idx]
        b = [clause_pieces(self.texts[j]) for j in other]
        full = np.stack([self._vecs[p] for ps in a for p in ps]) @ np.stack([self._vecs[p] for ps in b for p in ps]).T
        rows = np.maximum.reduceat(full, _offsets(np.array([len(ps) for ps in a])), axis=0)
        return np.maximum.reduceat(rows, _offsets(np.array([len(ps) for ps in b])), axis=1)


def _minilm_block(texts: tuple[str, ...]) -> np.ndarray:
    """One statement's clause pieces as unit MiniLM vectors (float32)."""
    return embed_texts(list(texts)).astype(np.float32, copy=False)


def _minilm_map(fn: Any, blocks: list) -> list:
    """The local mapper for MiniLM blocks: one encoder call for all missing statements."""
    assert fn is _minilm_block
    return batched(lambda texts: _minilm_block(tuple(texts)), blocks)




def minilm_version() -> str:
    """The version of the MiniLM vectors ReferenceTable gives (VERSION, and MiniLM's precision unless fp32), for its
    own blocks and for caches of what is computed from them."""
    return VERSION if precision() == "fp32" else f"{VERSION}-{precision()}"

"""Statement vectors for claims and contradictions: each article's clause pieces are embedded in one block per
article, so a build with a cache embeds only the articles it has not seen, and the rest is numpy over stored vectors.
"""
from __future__ import annotations

import hashlib
import re
from collections.abc import Sequence
from typing import Any

import numpy as np

from ..nlp.embeddings import batched, embed_texts, precision
from .blocks import BlockCache, Mapper, embedding_mapper, run_blocks

LAYER = "claim_vectors"
VERSION = "1"  # the block version is this plus the encoder's precision (cached fp32 vectors are not int8's)
DIM = 384
_CLAUSE_SPLIT = re.compile(r",\s+(?:and|but|while|whereas|as)\s+|;\s+|\s+and that\s+|\s+but\s+")


def clause_pieces(text: str) -> list[str]:
    """A statement and its coordinated clauses: 'A, and B' can repeat B alone elsewhere."""
    parts = [p.strip(" ,;.") for p in _CLAUSE_SPLIT.split(text)]
    parts = [p for p in parts if len(p.split()) >= 4]
    return [text] + (parts if len(parts) > 1 else [])


class Digested:
    """A numpy array that a block hashes by its bytes (canonical JSON of the floats would be slow and huge)."""

    __slots__ = ("array",)

    def __init__(self, array: np.ndarray) -> None:
        self.array = array

    def tolist(self) -> str:  # what blocks._canonical calls on arrays
        """The array's identity for the block hash: shape, dtype and a digest of its bytes."""
        a = np.ascontiguousarray(self.array)
        return f"{a.shape}|{a.dtype}|" + hashlib.sha1(a.tobytes()).hexdigest()

    def __getstate__(self) -> np.ndarray:
        return self.array

    def __setstate__(self, state: np.ndarray) -> None:
        self.array = state


def embed_block(texts: tuple[str, ...]) -> np.ndarray:
    """One article's texts as unit MiniLM vectors (float32, one row per text)."""
    return embed_texts(list(texts)).astype(np.float32, copy=False)


def embed_doc_block(block: tuple[str, tuple[str, ...]]) -> np.ndarray:
    """embed_block for (doc_id, texts): texts derived from an article (not verbatim) stay tied to it."""
    return embed_block(block[1])


def _batched_map(fn: Any, blocks: list) -> list:
    """The local mapper for the embedding blocks: one encode call for all missing articles (MiniLM batches)."""
    assert fn in (embed_block, embed_doc_block)
    return batched(lambda texts: embed_block(tuple(texts)), [b if fn is embed_block else b[1] for b in blocks])


def version() -> str:
    """The blocks' version: VERSION, and the precision unless fp32 (whose cached vectors stay valid)."""
    return VERSION if precision() == "fp32" else f"{VERSION}-{precision()}"


class PieceTable:
    """Vectors of every clause piece of a list of statement texts; a statement's pieces are contiguous rows."""

    def __init__(self, vecs: np.ndarray, starts: np.ndarray, counts: np.ndarray) -> None:
        self.vecs = vecs
        self.starts = starts
        self.counts = counts

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
        full = self.vecs[self.rows(idx)] @ self.vecs[self.rows(other)].T
        rows = np.maximum.reduceat(full, _offsets(self.counts[list(idx)]), axis=0)
        return np.maximum.reduceat(rows, _offsets(self.counts[list(other)]), axis=1)

    def piece_vectors(self, idx: Sequence[int]) -> tuple[np.ndarray, tuple[int, ...]]:
        """The pieces of these statements and how many each has (a block's input)."""
        return self.vecs[self.rows(idx)], tuple(int(self.counts[i]) for i in idx)


def _offsets(counts: np.ndarray) -> np.ndarray:
    return np.concatenate([[0], np.cumsum(counts)[:-1]]).astype(np.int64)


def similarity_from(vecs: np.ndarray, counts: Sequence[int]) -> np.ndarray:
    """Statement x statement similarity from a block's own piece vectors (counts pieces per statement)."""
    if not len(counts):
        return np.zeros((0, 0), dtype=np.float32)
    offs = _offsets(np.asarray(counts))
    full = vecs @ vecs.T
    return np.maximum.reduceat(np.maximum.reduceat(full, offs, axis=0), offs, axis=1)


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


def table_for(texts: Sequence[str], vectors: dict[str, np.ndarray]) -> PieceTable:
    """The piece table of texts whose pieces all have vectors (a missing piece is embedded now)."""
    pieces = [clause_pieces(t) for t in texts]
    missing = sorted({p for ps in pieces for p in ps if p not in vectors})
    if missing:
        vectors = {**vectors, **dict(zip(missing, embed_block(tuple(missing))))}
    counts = np.array([len(p) for p in pieces], dtype=np.int64)
    starts = _offsets(counts) if len(counts) else np.zeros(0, dtype=np.int64)
    flat = [vectors[p] for ps in pieces for p in ps]
    vecs = np.stack(flat).astype(np.float32, copy=False) if flat else np.zeros((0, DIM), dtype=np.float32)
    return PieceTable(vecs, starts, counts)


def piece_table(texts_by_doc: Sequence[Sequence[str]], cache: BlockCache | None = None,
                mapper: Mapper | None = None) -> PieceTable:
    """The piece table of every statement text, grouped by article (one cached embedding block per article)."""
    return table_for([t for texts in texts_by_doc for t in texts], vectors_by_text(texts_by_doc, cache, mapper))

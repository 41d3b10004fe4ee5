"""The sentence vectors story clustering compares, computed per article and kept in the block cache.

Embedding the event sentences is most of story clustering's cost, and only a report that may join another needs
them: one alone in its story block, or ruled out against every other report of its block by date, type, country
or role (event_coref's cannot-link), is a story of its own whatever its vectors say. Each article's block holds
the vectors of those of its events that may join (keyed by their texts, so an older article's event that a new
report makes joinable is embedded then): a build that adds ten articles embeds little beyond theirs, and a story
block that must be recomputed finds every vector it needs already made.
"""
from __future__ import annotations

from collections.abc import Sequence

import numpy as np

from ..nlp import embeddings
from .blocks import BlockCache, Mapper, block_key, embedding_mapper, run_blocks
from . import event_pairs
from .event_coref import EventMention, span_of
from .process_mapper import blas_threads_for

# Bump when _embed_events returns something else for the same inputs (the encoder's precision is added).
VECTORS_VERSION = "1"
LAYER = "event_vectors"

Texts = tuple[tuple[str, int, int, str], ...]  # per event: sentence, trigger span in it, trigger text
# What one story block is given: per mention a row of the arrays (-1: a mention that cannot join, whose row is
# zeros), and the span, sentence and trigger vectors of the block's joinable texts with a zero row last.
BlockVectors = tuple[tuple[int, ...], tuple[np.ndarray, np.ndarray, np.ndarray]]


class StoryVectors:
    """Which mentions of the story blocks need vectors, and each article's vector block (its joinable texts)."""

    def __init__(self, mentions: Sequence[EventMention], blocks: Sequence[Sequence[int]]) -> None:
        joinable = np.flatnonzero(event_pairs.joinable(mentions, blocks)).tolist()
        self.joinable = frozenset(mentions[i].mention_id for i in joinable)
        by_doc: dict[str, dict[tuple[str, int, int, str], None]] = {}
        for i in joinable:  # in the article's event order, whatever the blocks
            by_doc.setdefault(mentions[i].doc_id, {})[_texts_of(mentions[i])] = None
        self.texts: dict[str, Texts] = {d: tuple(t) for d, t in by_doc.items()}

    def mapper(self, cache: BlockCache | None = None, mapper: Mapper | None = None) -> Mapper:
        """The mapper story blocks run through: the vectors of the joinable mentions of the blocks to compute are
        made (or taken from the cache) first, then each block runs here, or through mapper, with its vectors."""

        def run(fn, blocks: list) -> list:
            docs = dict.fromkeys(m.doc_id for b in blocks if len(b) > 1 for m in b if m.mention_id in self.joinable)
            found = event_vectors([self.texts[d] for d in docs], cache=cache, mapper=mapper)
            with blas_threads_for(_with_vectors):  # this process' share (the workers' own: process_mapper)
                if mapper is None:
                    return [fn(b, self._for(b, found)) for b in blocks]
                return mapper(_with_vectors, [(fn, b, self._for(b, found)) for b in blocks])

        return run

    def keep(self, cache: BlockCache | None) -> None:
        """Keep the cached vector blocks of every article with a joinable mention: a step whose story blocks all
        come from the cache reads none of them, and the store's cache would drop them, so the next step that
        recomputes such a block (a new article joins it) would embed those articles' events again."""
        keep = getattr(cache, "keep", None)
        if keep is not None and self.texts:
            version = _version()
            keep(LAYER, [block_key(LAYER, version, texts) for texts in self.texts.values()])

    def _for(self, block: list, found: dict) -> BlockVectors | None:
        if len(block) < 2:
            return None
        texts = dict.fromkeys(_texts_of(m) for m in block if m.mention_id in self.joinable)
        at = {t: k for k, t in enumerate(texts)}
        rows = tuple(at.get(_texts_of(m), -1) if m.mention_id in self.joinable else -1 for m in block)
        zero = np.zeros((1, embeddings.DIM), np.float32)
        return rows, tuple(np.concatenate([np.stack([found[t][k] for t in texts]), zero]) if texts else zero
                           for k in range(3))


def aligned(vectors: BlockVectors) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """The block's span, sentence and trigger vectors, one row per mention in block order (zeros where it cannot
    join: event_coref never reads those rows)."""
    rows, arrays = vectors
    return tuple(np.take(a, rows, axis=0) for a in arrays)  # type: ignore[return-value]


def event_vectors(blocks: list[Texts], *, cache: BlockCache | None = None, mapper: Mapper | None = None) -> dict:
    """The span, sentence and trigger vectors of each article's joinable event texts (one block per article), by
    text."""
    out = {}
    for texts, vectors in zip(blocks, run_blocks(LAYER, _version(), _embed_events, blocks,
                                                 cache=cache, mapper=embedding_mapper(mapper, _batched_map))):
        out.update({t: (vectors[0][k], vectors[1][k], vectors[2][k]) for k, t in enumerate(texts)})
    return out


def _texts_of(m: EventMention) -> tuple[str, int, int, str]:
    return (*span_of(m), m.trigger or m.lemma)


def _with_vectors(job: tuple) -> object:
    """One story block in a worker process, with the vectors its parent made for it."""
    fn, block, vectors = job
    return fn(block, vectors)


_with_vectors.one_blas_thread = True  # type: ignore[attr-defined]  # see process_mapper.blas_threads_for


def _embed_events(texts: Texts) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Span, sentence and trigger vectors of one article's events (float32, one row per event)."""
    spans = embeddings.embed_spans([t[:3] for t in texts])
    sentences = embeddings.embed_texts([t[0] for t in texts])
    triggers = embeddings.embed_texts([t[3] for t in texts])
    return spans, sentences, triggers


def _batched_map(fn, blocks: list) -> list:  # type: ignore[no-untyped-def]
    """The local mapper: every pending article's events in one encoder call, split back per article."""
    assert fn is _embed_events
    return embeddings.batched(_embed_events, blocks)


def _version() -> str:
    """VECTORS_VERSION, and the encoder's precision unless fp32 (cached fp32 vectors stay valid for fp32)."""
    return VECTORS_VERSION if embeddings.precision() == "fp32" else f"{VECTORS_VERSION}-{embeddings.precision()}"

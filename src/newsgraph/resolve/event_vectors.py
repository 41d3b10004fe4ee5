"""The sentence vectors story clustering compares, computed per article and kept in the block cache.

Embedding the event sentences is most of story clustering's cost. Each article's vectors depend on that
article's events alone, so they are one block per article (resolve.blocks): a build that adds ten articles
embeds only theirs, and a story block that must be recomputed finds every vector it needs already made.
"""
from __future__ import annotations

from collections.abc import Sequence

import numpy as np

from ..nlp import embeddings
from .blocks import BlockCache, Mapper, embedding_mapper, run_blocks
from .event_coref import EventMention, span_of

# Bump when _embed_events returns something else for the same inputs (the encoder's precision is added).
VECTORS_VERSION = "1"

Texts = tuple[tuple[str, int, int, str], ...]  # per event: sentence, trigger span in it, trigger text


def story_mapper(mentions: Sequence[EventMention], cache: BlockCache | None = None,
                 mapper: Mapper | None = None) -> Mapper:
    """The mapper story blocks run through: the vectors of the articles in the blocks to compute are made
    (or taken from the cache) first, then each block runs locally, or through mapper with its vectors."""
    by_doc: dict[str, dict[tuple[str, int, int, str], None]] = {}
    for m in mentions:
        by_doc.setdefault(m.doc_id, {})[_texts_of(m)] = None

    def run(fn, blocks: list) -> list:
        docs = dict.fromkeys(m.doc_id for b in blocks if len(b) > 1 for m in b)
        found = event_vectors([tuple(by_doc[d]) for d in docs], cache=cache, mapper=mapper)
        if mapper is None:
            return [fn(b) for b in blocks]
        return mapper(_with_vectors, [(fn, b, _vectors_for(b, found)) for b in blocks])

    return run


def event_vectors(blocks: list[Texts], *, cache: BlockCache | None = None, mapper: Mapper | None = None) -> dict:
    """The span, sentence and trigger vectors of each article's event texts (one block per article, all of
    its events, so an article's block never changes with the corpus), by text; also kept where
    pair_probabilities looks for them in this process."""
    out = {}
    for texts, vectors in zip(blocks, run_blocks("event_vectors", _version(), _embed_events, blocks,
                                                 cache=cache, mapper=embedding_mapper(mapper, _batched_map))):
        _remember(texts, vectors)
        out.update({t: (vectors[0][k], vectors[1][k], vectors[2][k]) for k, t in enumerate(texts)})
    return out


def _texts_of(m: EventMention) -> tuple[str, int, int, str]:
    return (*span_of(m), m.trigger or m.lemma)


def _vectors_for(block: list, found: dict) -> tuple:
    texts = tuple(dict.fromkeys(_texts_of(m) for m in block)) if len(block) > 1 else ()
    if not texts:
        return (), (np.zeros((0, 384), np.float32),) * 3
    return texts, tuple(np.stack([found[t][k] for t in texts]) for k in range(3))


def _with_vectors(job: tuple) -> object:
    """One story block in a worker process, with the vectors its parent made for it."""
    fn, block, (texts, vectors) = job
    _remember(texts, vectors)
    return fn(block)


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


def _remember(texts: Texts, vectors: tuple[np.ndarray, np.ndarray, np.ndarray]) -> None:
    """Hand computed or cached vectors to embed_spans/embed_texts (kept when already there)."""
    spans, sentences, triggers = vectors
    embeddings.remember_spans([t[:3] for t in texts], spans)
    embeddings.remember_texts([t[0] for t in texts], sentences)
    embeddings.remember_texts([t[3] for t in texts], triggers)

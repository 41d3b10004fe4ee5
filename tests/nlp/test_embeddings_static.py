"""The static claim vectors (distilled from MiniLM): deterministic unit vectors that find a statement's near-copies
and rank pairs like MiniLM does, and the quantile map that puts their cosines on MiniLM's scale."""
from __future__ import annotations

import re
from pathlib import Path

import numpy as np
import pytest

from newsgraph.nlp import embeddings, static_embeddings
from newsgraph.resolve import claim_vectors

SEEDS = Path(__file__).resolve().parents[2].parent / "shared" / "seeds"


def _seed_sentences(n: int = 60) -> list[str]:
    text = " ".join(p.read_text(encoding="utf-8") for p in sorted(SEEDS.glob("*.txt")))
    sentences = [s.strip() for s in re.split(r"(?<=[.!?])\s+|\n+", text) if len(s.split()) >= 8]
    return list(dict.fromkeys(sentences))[:n]


@pytest.fixture(scope="module")
def sentences() -> list[str]:
    if not static_embeddings.available():
        pytest.skip("ONNX Runtime is needed to distil the static table")
    return _seed_sentences()


def test_static_vectors_are_unit_and_depend_on_the_text_only(sentences: list[str]) -> None:
    a = static_embeddings.embed(sentences)
    b = static_embeddings.embed(list(reversed(sentences)))[::-1]
    assert a.shape == (len(sentences), static_embeddings.DIM)
    assert np.allclose(np.linalg.norm(a, axis=1), 1.0, atol=1e-5)
    assert np.array_equal(a, b)  # no batch mates: a text's vector is its own


def test_a_shortened_copy_finds_its_sentence(sentences: list[str]) -> None:
    """Wire copies trim and edit sentences: the first two thirds of a seed sentence is nearest to that sentence."""
    cut = [" ".join(s.split()[: max(5, 2 * len(s.split()) // 3)]) for s in sentences]
    sims = static_embeddings.embed(cut) @ static_embeddings.embed(sentences).T
    hits = int((sims.argmax(axis=1) == np.arange(len(sentences))).sum())
    assert hits >= 0.9 * len(sentences)


def test_static_cosines_order_pairs_like_minilm(sentences: list[str]) -> None:
    s = static_embeddings.embed(sentences)
    m = embeddings.embed_texts(sentences)
    iu = np.triu_indices(len(sentences), 1)
    corr = np.corrcoef((s @ s.T)[iu], (m @ m.T)[iu])[0, 1]
    assert corr > 0.3  # 0.40 over 12.5M pairs of claim pieces of the scale records


def test_the_quantile_map_is_monotone_and_inverts(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(claim_vectors, "encoder", lambda: "static")
    raw = np.linspace(-1, 1, 401)
    mapped = claim_vectors.on_reference_scale(raw)
    assert (np.diff(mapped) >= 0).all() and mapped[-1] == pytest.approx(1.0)
    for threshold in (0.45, 0.55, 0.62, 0.83):
        cut = claim_vectors.raw_threshold(threshold)
        assert claim_vectors.on_reference_scale(np.array([cut]))[0] == pytest.approx(threshold, abs=1e-5)
    monkeypatch.setattr(claim_vectors, "encoder", lambda: "minilm")
    assert claim_vectors.raw_threshold(0.83) == 0.83


def test_minilm_on_request(monkeypatch: pytest.MonkeyPatch) -> None:
    claim_vectors.encoder.cache_clear()
    try:
        monkeypatch.setenv("NEWSGRAPH_CLAIMS", "minilm")
        assert claim_vectors.encoder() == "minilm"
        minilm_version = claim_vectors.version()
        claim_vectors.encoder.cache_clear()
        monkeypatch.delenv("NEWSGRAPH_CLAIMS")
        if static_embeddings.available():
            assert claim_vectors.encoder() == "static"
            assert claim_vectors.version() != minilm_version  # cached vectors of one are never the other's
    finally:
        claim_vectors.encoder.cache_clear()


def test_the_weighted_table_kept_on_disk_is_the_distilled_table_weighted(
        sentences: list[str], tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The memory-mapped weighted table (kept beside the distilled one) holds exactly the weighted rows, and one built
    afresh (no weighted file) embeds the same bytes. The fresh one is built in a temporary cache folder that holds only
    a link to the distilled table, so the user's cache is never removed under a running build."""
    from newsgraph.nlp.onnx_encoder import cache_dir

    static_embeddings._table.cache_clear()
    weighted, (_, weights) = static_embeddings._table()

    distilled = [p for p in cache_dir().glob(f"*-{static_embeddings.RECIPE}.npy")]
    mapped = weighted.base  # a plain array over the memory map (no copy of the table)
    assert distilled and isinstance(mapped, np.memmap) and not weighted.flags.owndata
    raw = np.load(max(distilled, key=lambda p: p.stat().st_mtime))
    assert np.array_equal(weighted, (raw * weights[:, None]).astype(np.float32))
    before = static_embeddings.embed(sentences)
    weighted_file = Path(mapped.filename)
    for table in distilled:
        (tmp_path / table.name).symlink_to(table)
    monkeypatch.setenv("NEWSGRAPH_CACHE_DIR", str(tmp_path))
    static_embeddings._table.cache_clear()
    try:
        assert not (tmp_path / weighted_file.name).exists()
        assert np.array_equal(static_embeddings.embed(sentences), before)
        assert (tmp_path / weighted_file.name).exists() and weighted_file.exists()
    finally:
        static_embeddings._table.cache_clear()

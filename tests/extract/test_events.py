"""PLOVER event extraction on real text: the seed articles (gold spec) and the PLOVER GSR sentences (quality gate)."""
from __future__ import annotations

import json
from functools import lru_cache
from pathlib import Path

import pytest

from newsgraph.evaluate.plover import load, run
from newsgraph.extract.entities import extract_entities
from newsgraph.extract.event_dates import precision_of
from newsgraph.extract.events import extract_events
from newsgraph.extract.plover_lexicon import PLOVER_TYPES
from newsgraph.extract.timex import extract_timex
from newsgraph.nlp.pipeline import get_nlp
from newsgraph.records import Event

SHARED = Path(__file__).resolve().parents[2].parent / "shared"
SEEDS = SHARED / "seeds"
GOLD = SHARED / "gold" / "seeds"
GSR = SHARED / "benchmarks" / "plover_gsr" / "train.jsonl"

needs_seeds = pytest.mark.skipif(not GOLD.is_dir(), reason="shared seed gold not present at ../shared")
needs_gsr = pytest.mark.skipif(not GSR.is_file(), reason="PLOVER GSR not present at ../shared")

# Measured 0.729 type accuracy on the 266 train sentences (top-ranked event; hand-written rules, no model fitted to them).
GSR_FLOOR = 0.70


@lru_cache(maxsize=None)
def _seed_events(prefix: str) -> tuple[str, tuple[Event, ...]]:
    gold = json.loads(next(GOLD.glob(f"{prefix}_*.json")).read_text(encoding="utf-8"))
    text = next(SEEDS.glob(f"{prefix}_*.txt")).read_text(encoding="utf-8")
    anchor = next((t["anchor"] for t in gold.get("timex", []) if t.get("anchor")), None) or gold["meta"]["published"]
    published = gold["meta"].get("published") or gold["meta"].get("published_true")
    doc = get_nlp()(text)
    ents, ments = extract_entities(doc)
    events = tuple(extract_events(doc, ents, ments, list(extract_timex(text, anchor)), published))
    return text, events


def _sentence_events(sentence: str) -> list[Event]:
    doc = get_nlp()(sentence)
    ents, ments = extract_entities(doc)
    return sorted(extract_events(doc, ents, ments, [], None, min_confidence=0.0), key=lambda e: -e.confidence)


@needs_seeds
def test_evidence_is_a_substring_with_offsets_and_fields_are_valid():
    text, events = _seed_events("003")
    assert events
    for e in events:
        assert text[e.start : e.end] == e.evidence
        assert e.type in PLOVER_TYPES
        assert 0.0 <= e.confidence <= 1.0
        assert e.modality in ("asserted", "reported", "denied", "future", "hypothetical")
        assert e.date is None or precision_of(e.date) == e.date_precision


@needs_seeds
def test_lavrov_visit_is_consult_from_lavrov_to_mali_dated_by_a_day_after():
    _, events = _seed_events("003")
    visits = [e for e in events if e.type == "CONSULT" and e.source == "Sergey Lavrov" and e.target == "Mali"]
    assert any("traveled to Bamako" in e.evidence and e.location == "Bamako" for e in visits)
    # 'the move came a day after ... Lavrov's first visit', the move being 'on February 8'
    assert any(e.date == "2023-02-07" and e.date_precision == "day" for e in visits)


@needs_seeds
def test_denial_is_an_asserted_reject_by_mali():
    _, events = _seed_events("002")
    rejects = [e for e in events if e.type == "REJECT" and "denied these allegations" in e.evidence]
    assert rejects and rejects[0].source == "Mali" and rejects[0].modality == "asserted"


@needs_seeds
def test_joint_accusers_and_accused_expand_into_pairs():
    _, events = _seed_events("001")
    pairs = {(e.source, e.target) for e in events if e.type == "ACCUSE" and "implicated" in e.evidence}
    assert {("United Nations", "Wagner Group"), ("United Nations", "Mali"),
            ("Human Rights Watch", "Wagner Group"), ("Human Rights Watch", "Mali")} <= pairs


@needs_seeds
def test_hedged_and_hypothetical_modalities():
    _, events = _seed_events("003")
    assert any(e.modality == "reported" and "allegedly concluded" in e.evidence for e in events)
    # seed 003's sentence on a possible northern offensive (could be planning ...)
    planned = [e for e in events if "northern Mali offensive" in e.evidence]
    assert planned and all(e.modality == "hypothetical" for e in planned)


@needs_seeds
def test_future_help_is_agree_and_announced_withdrawal_is_concede():
    _, events = _seed_events("001")
    assert any(e.type == "AGREE" and e.source == "Russia" and "continue helping" in e.evidence for e in events)
    assert any(e.type == "CONCEDE" and e.source == "France" and e.date == "2022" for e in events)


@needs_gsr
@pytest.mark.parametrize(
    "gsr_type",
    ["CONSULT", "ACCUSE", "REJECT", "THREATEN", "REQUEST", "ASSAULT", "AGREE", "PROTEST"],
)
def test_gsr_sentences_of_each_type(gsr_type):
    """Most of the first five GSR sentences of a type come out with that type on top."""
    rows = [r for r in load(GSR) if r["event_plover2023"] == gsr_type][:5]
    hits = 0
    for r in rows:
        events = _sentence_events(r["text"])
        hits += bool(events) and events[0].type == gsr_type
    assert hits >= 3, f"{gsr_type}: {hits}/5"


@needs_gsr
def test_gsr_actor_roles():
    row = next(r for r in load(GSR) if r["event_plover2023"] == "ACCUSE" and "accused" in r["text"]
               and r.get("source") and r.get("target"))
    events = [e for e in _sentence_events(row["text"]) if e.type == "ACCUSE"]
    assert events and events[0].source is not None


@needs_gsr
def test_gsr_type_accuracy_gate():
    res = run(GSR)
    assert res["n"] == 266
    assert res["accuracy"] >= GSR_FLOOR, res["confusions"]


@needs_seeds
def test_stances_in_reported_speech_are_coded_with_the_speaker_as_source():
    _, events = _seed_events("004")
    support = [e for e in events if e.type == "SUPPORT" and e.source and "Lavrov" in e.source]
    assert any(e.target == "Mali" and "legitimate" in e.evidence for e in support)
    denial = [e for e in events if e.type == "REJECT" and e.source and "Lavrov" in e.source]
    assert any("nothing to do with" in e.evidence for e in denial)
    # 'he stressed' continues the remarks dated in the sentence before
    assert all(e.date and e.date_precision == "day" for e in support + denial)
    _, events = _seed_events("001")
    assert any(e.type == "SUPPORT" and e.source and "Diop" in e.source and e.target == "Russia" for e in events)


@needs_seeds
def test_a_one_sided_press_conference_is_no_meeting_but_a_joint_one_is():
    _, events = _seed_events("001")
    assert not any(e.type == "CONSULT" and "press conference" in e.evidence for e in events)
    _, events = _seed_events("002")
    joint = [e for e in events if e.type == "CONSULT" and "joint press conference" in e.evidence]
    assert joint and all("Lavrov" in (e.source or "") and e.target == "Mali" for e in joint)


@needs_seeds
def test_expelling_an_official_is_coercion():
    _, events = _seed_events("003")
    expel = [e for e in events if e.trigger.startswith("expel")]
    assert expel and all(e.type == "COERCE" and e.source == "Mali" for e in expel)


@needs_seeds
def test_object_pronouns_and_dislocated_subjects_resolve():
    _, events = _seed_events("004")
    assert any(e.type == "ACCUSE" and e.source == "United Nations" and e.target == "Wagner Group"
               and e.trigger.startswith("attribute") for e in events)
    assert any(e.type == "THREATEN" and e.source == "France" and e.target == "Mali" for e in events)


@needs_seeds
def test_a_visit_told_twice_is_one_event_dated_by_currently():
    _, events = _seed_events("000")
    consult = [e for e in events if e.type == "CONSULT"]
    assert len(consult) == 1
    assert "Lavrov" in (consult[0].source or "") and consult[0].target == "Iraq"
    assert consult[0].date == "2023-10" and consult[0].date_precision == "month"


@needs_seeds
def test_a_coordinated_verb_keeps_the_subject_it_shares_in_its_evidence():
    # every seed event whose trigger is a subjectless verb conjunct ('... failed to X but protected Y') must
    # show the subject it shares with the first conjunct
    nlp = get_nlp()
    checked = 0
    for prefix in ("000", "001", "002", "003", "004"):
        text, events = _seed_events(prefix)
        doc = nlp(text)
        for e in events:
            trig = doc.char_span(text.index(e.trigger, e.start), text.index(e.trigger, e.start) + len(e.trigger),
                                 alignment_mode="expand")
            if trig is None:
                continue
            head = trig.root
            if head.dep_ == "conj" and head.pos_ == "VERB" and not any(c.dep_.startswith("nsubj") for c in head.children):
                subject = [c for c in head.head.children if c.dep_.startswith("nsubj")]
                if subject:
                    checked += 1
                    assert e.start <= subject[0].idx < e.end, (e.evidence, subject[0].text)
    assert checked >= 1

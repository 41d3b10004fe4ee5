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

# Measured 0.778 type accuracy on the 266 train sentences (top-ranked event; hand-written rules, no model fitted to them).
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


def _gsr_row(row_id: str) -> dict:
    return next(r for r in load(GSR) if r["id"] == row_id)


@needs_gsr
@pytest.mark.parametrize(
    "row_id",
    [
        "PLOVER-GSR01-CONCEDE-0003",  # cancelled restrictions: undoing a restriction concedes
        "PLOVER-GSR01-CONCEDE-0006",  # shortened the curfew
        "PLOVER-GSR01-CONCEDE-0009",  # called off a strike
        "PLOVER-GSR01-SUPPORT-0001",  # upgraded diplomatic ties
        "PLOVER-GSR01-SUPPORT-0008",  # established diplomatic ties
        "PLOVER-GSR01-MOBILIZE-0005",  # strengthened its forces
        "PLOVER-GSR01-FIGHT-0001",  # ethnic cleansing: mass violence
        "PLOVER-GSR01-THREATEN-0014",  # prepared to impose martial law
        "PLOVER-GSR01-RETREAT-0012",  # humanitarian access
        "PLOVER-GSR01-COOPERATE-0003",  # war games by two navies
        "PLOVER-GSR01-SANCTION-0008",  # reduced food supplies to a camp: a cut in aid to a named receiver
        "PLOVER-GSR01-AID-0007",  # evacuated the wounded: 'the wounded' are people, not an attack
    ],
)
def test_gsr_trigger_families(row_id):
    """Undoing restrictions, opening ties, enlarging forces, cutting supplies, mass violence, martial law, access, war games."""
    row = _gsr_row(row_id)
    events = _sentence_events(row["text"])
    assert events and events[0].type == row["event_plover2023"], [(e.type, e.trigger) for e in events]


@needs_gsr
def test_gsr_imposing_a_restriction_is_not_easing_it():
    """'imposed' / 'declared' keep their coercive type; only undoing verbs make a restriction a concession."""
    row = _gsr_row("PLOVER-GSR01-COERCE-0011")  # declared a state of siege ... arresting opponents
    events = _sentence_events(row["text"])
    assert events and "CONCEDE" not in {e.type for e in events}


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


# ------------------------------------------------------------------ unseen news (ECB+ / TimeBank): senses that are no events

ECB = SHARED / "benchmarks" / "ecbplus"
TBAQ = SHARED / "benchmarks" / "tempeval3" / "train"
needs_ecb = pytest.mark.skipif(not ECB.is_dir(), reason="ECB+ not present at ../shared")
needs_tbaq = pytest.mark.skipif(not TBAQ.is_dir(), reason="TempEval-3 train not present at ../shared")


@lru_cache(maxsize=None)
def _ecb_events(name: str) -> tuple[str, tuple[Event, ...]]:
    """Events of one ECB+ document (tokens joined per sentence, one sentence per line), found by file name."""
    from newsgraph.evaluate.ecbplus import parse_document

    path = next(ECB.glob(f"*/*/{name}.xml"))
    text = parse_document(path).text
    doc = get_nlp()(text)
    ents, ments = extract_entities(doc)
    return text, tuple(extract_events(doc, ents, ments, [], None))


@needs_ecb
def test_a_natural_disaster_is_no_attack():
    """An earthquake report: what the quake 'struck' or 'killed' is no ASSAULT by anyone."""
    _, events = _ecb_events("20_1ecbplus")
    quake = [e for e in events if e.type == "ASSAULT" and any(w in e.evidence.lower() for w in ("quake", "earthquake"))]
    assert not quake, [e.evidence for e in quake]


@needs_ecb
def test_fired_from_a_job_and_released_software_are_no_events():
    _, events = _ecb_events("18_8ecbplus")
    dismissed = [e for e in events if e.type == "ASSAULT" and e.trigger.lower() == "fired"
                 and ("been fired" in e.evidence or "was fired" in e.evidence)]
    assert not dismissed, [e.evidence for e in dismissed]
    assert any(e.type == "ASSAULT" for e in events)  # the shooting itself is still there
    _, patch = _ecb_events("27_15ecb")
    assert not [e for e in patch if e.type == "RETREAT"], "a released security patch is no withdrawal"


@needs_ecb
def test_court_procedure_is_not_a_request():
    """A not-guilty plea entered is procedure; 'was ordered held' is a detention (COERCE), not a demand."""
    _, events = _ecb_events("18_8ecbplus")
    assert not [e for e in events if e.type == "REQUEST" and "plea" in e.evidence]
    _, events = _ecb_events("22_9ecbplus")
    held = [e for e in events if "ordered held" in e.evidence]
    assert held and all(e.type == "COERCE" for e in held)


@needs_ecb
def test_web_addresses_in_the_body_give_no_events():
    for name in ("32_11ecbplus", "18_8ecbplus"):
        _, events = _ecb_events(name)
        assert not [e for e in events if e.evidence.count("/") >= 2], name


@needs_ecb
def test_declining_to_comment_is_no_rejection():
    _, events = _ecb_events("16_1ecb")
    assert not [e for e in events if e.type == "REJECT" and "declined to confirm" in e.evidence]


@needs_ecb
def test_a_passive_subject_shared_by_coordinated_verbs_is_the_target():
    """'Deputy X was shot and killed': X is the recipient of both verbs."""
    _, events = _ecb_events("16_3ecbplus")
    killed = [e for e in events if e.type == "ASSAULT" and e.trigger == "killed" and "shot and killed" in e.evidence]
    assert killed and all(e.target is not None for e in killed)


@needs_tbaq
def test_falling_revenue_is_no_rejection():
    from newsgraph.evaluate.tempeval import load_corpus

    (tml,) = load_corpus(TBAQ, files=["wsj_0160"])
    doc = get_nlp()(tml.text)
    ents, ments = extract_entities(doc)
    events = list(extract_events(doc, ents, ments, [], None))
    assert not [e for e in events if e.type == "REJECT" and e.trigger.lower() in ("declined", "fell", "dropped")]


def _tb_events(stem: str) -> list[Event]:
    from newsgraph.evaluate.tempeval import load_corpus

    (tml,) = load_corpus(TBAQ, files=[stem])
    doc = get_nlp()(tml.text)
    ents, ments = extract_entities(doc)
    return list(extract_events(doc, ents, ments, [], None))


@needs_tbaq
def test_where_a_doer_is_is_not_who_the_doer_is():
    """'The attacks at the U.S. embassies in Nairobi ... killed 257': the place in the subject is no attacker."""
    events = _tb_events("APW19980813.1117")
    killed = [e for e in events if e.type == "ASSAULT" and e.evidence.startswith("The almost simultaneous attacks")]
    assert killed and all(e.source is None for e in killed)


@needs_tbaq
def test_an_act_under_a_negated_verb_did_not_happen():
    """'These bombings will not cause America to back down': no concession is reported."""
    events = _tb_events("APW19980818.0515")
    assert not [e for e in events if e.trigger == "back" and e.type in ("CONCEDE", "RETREAT")]


@needs_seeds
def test_the_act_passed_over_for_another_did_not_happen():
    # seed 003: '... the Malian junta will safeguard its rules rather than defeat jihadists in the country.'
    _, events = _seed_events("003")
    assert not any("rather than" in e.evidence and e.type in ("ASSAULT", "THREATEN") for e in events)

"""Event detection and typing mechanisms designed on dev fold B1 (d5a-d6c, session 6), each asserted on the B1
sentence it was measured on. Fold B2 (d7, d8) stays out of tests: it measures generality (bench/dev_score.py)."""
from __future__ import annotations

from dev_articles import dev_record as _record, needs_dev
from newsgraph.records import Event


def _events(stem: str, words: str) -> list[Event]:
    """The events of one dev article whose evidence contains these words (line breaks read as spaces)."""
    return [e for e in _record(stem).events if words in " ".join(e.evidence.split())]


@needs_dev
def test_a_workers_party_in_the_sentence_does_not_make_air_strikes_a_walk_out():
    # d5c: 'its strikes targeted ... used by the Kurdistan Workers' Party': 'Workers' is a name, not labour
    assert _record("d5c").events
    assert not any(e.type == "PROTEST" for e in _record("d5c").events)


@needs_dev
def test_an_event_noun_object_takes_its_verbs_clause_as_evidence():
    # d6a: 'The former metropole is also increasing its cooperation with Chad': the clause, not the noun phrase
    found = [e for e in _events("d6a", "increasing its cooperation with Chad") if e.type == "COOPERATE"]
    assert found


@needs_dev
def test_moving_or_keeping_ones_own_force_is_a_deployment():
    # d5a: 'Moscow has brought more than a dozen warplanes from Syria to Al-Jufra'; d5b: 'caused Eritrea to
    # maintain forces inside Ethiopia': a force moved or kept somewhere is MOBILIZE (CAMEO 15)
    assert any(e.type == "MOBILIZE" for e in _events("d5a", "brought more than a dozen warplanes"))
    assert any(e.type == "MOBILIZE" for e in _events("d5b", "maintain forces inside Ethiopia"))


@needs_dev
def test_a_causative_have_makes_its_subject_the_doer():
    # d5a: 'Egypt, however, had troops moved along the common border with Libya': Egypt deploys, not the troops
    found = [e for e in _events("d5a", "had troops moved") if e.type == "MOBILIZE"]
    assert found and all(e.source == "Egypt" for e in found)


@needs_dev
def test_offering_cooperation_is_a_promise_and_declaring_a_ceasefire_a_concession():
    # d5a: 'offering his hosts a "close cooperation" ...' (PLOVER AGREE: an offer to cooperate, not the cooperation);
    # 'Egyptian President al-Sisi then declared a ceasefire' (announced, not yet carried out: CONCEDE, not RETREAT)
    found = {e.type for e in _events("d5a", "close cooperation")}
    assert "AGREE" in found and "COOPERATE" not in found
    assert {e.type for e in _events("d5a", "declared a ceasefire")} == {"CONCEDE"}


@needs_dev
def test_expressing_gratitude_is_backing():
    # d6a: '... law enforcement agencies often express their gratitude': a thanks noun under a voicing verb
    assert any(e.type == "SUPPORT" for e in _events("d6a", "express their gratitude"))


@needs_dev
def test_a_stated_obligation_is_a_demand_on_the_obliged_party():
    # d6c, a ministry statement: 'Israel must immediately cease its aggressive actions ...' (no reporting verb)
    found = [e for e in _events("d6c", "Israel must immediately cease") if e.type == "REQUEST"]
    assert found and all(e.target == "Israel" and e.source != "Israel" for e in found)


@needs_dev
def test_a_red_line_is_a_threat_and_engaging_with_a_side_is_a_consultation():
    # d5a: 'Sirte and Al-Jufra formed Moscow's "red line", which Turkey ... should not pass'
    assert any(e.type == "THREATEN" for e in _events("d5a", "red line"))
    # d5b: 'Ethiopia has vacillated between engaging with the Rapid Support Forces and the Sudanese Armed Forces'
    assert any(e.type == "CONSULT" for e in _events("d5b", "engaging with"))


@needs_dev
def test_teaching_an_army_is_aid_and_defeating_a_force_is_an_assault():
    # d6a: 'The Russian instructors taught tactics, weapons skills and strategy to the government army units'
    assert any(e.type == "AID" for e in _events("d6a", "instructors taught tactics"))
    # d6a: '... FACA successfully defended the CAR capital and defeated the CPC'
    assert any(e.type == "ASSAULT" for e in _events("d6a", "defeated"))


@needs_dev
def test_a_long_struggle_and_an_endangered_peace_are_no_attack_or_threat():
    # d5c: 'The PKK ... has been fighting for Kurdish autonomy in southeastern Turkey since 1984'
    assert not any(e.type == "ASSAULT" for e in _events("d5c", "fighting for Kurdish autonomy"))
    # d6c: 'Genocidal Netanyahu administration threatens global peace.'
    assert not any(e.type == "THREATEN" for e in _events("d6c", "threatens global peace"))


@needs_dev
def test_receiving_weapons_is_aid_to_the_receiver():
    # d5b: 'During the Tigray war, Ethiopia received military drones and other assistance from Iran and the UAE'
    found = [e for e in _events("d5b", "Ethiopia received military drones") if e.type == "AID"]
    assert found and all(e.target == "Ethiopia" for e in found)


@needs_dev
def test_mustering_friends_is_no_force_posture():
    # d5b: 'Ethiopia needs all the friends it can muster as an embattled and weakened state'
    assert _record("d5b").events
    assert not any(e.type == "MOBILIZE" for e in _events("d5b", "it can muster"))

"""Clauses that tell no event, on real text (dev fold A, one seed): what a reporter asked about ('asked whether the
UK recognises Iran's right'), an aim or a right named by an infinitive ('its right to protect its citizens'), and a
view agreed on ('agreed this could be the first step'), a vow to an untyped act and a backing verb used to say
something ('We reaffirm that ...'); the guards keep an answered question's topic, a decision
or a rank ('was first to provide') and an agreement on what both will do. Fold B stays out of tests."""
from __future__ import annotations

from dev_articles import dev_record as _record, needs_dev


def _types(stem: str, words: str) -> set[str]:
    """Types of the events of one dev article whose evidence contains these words (line breaks read as spaces)."""
    return {e.type for e in _record(stem).events if words in " ".join(e.evidence.split())}


@needs_dev
def test_support_asked_about_with_whether_is_no_event():
    # d2c: two questions put to Downing Street; neither reports the UK backing anyone
    assert "SUPPORT" not in _types("d2c", "the UK recognises Iran")
    assert "SUPPORT" not in _types("d2c", "the UK supports Israel")


@needs_dev
def test_a_conversation_asked_about_and_confirmed_stays_a_meeting():
    # d2a: the light-verb event under 'Asked whether' is the topic Trump answers ('I've had it')
    assert "CONSULT" in _types("d2a", "conversation with Putin")


@needs_dev
def test_an_aim_or_a_right_named_by_an_infinitive_is_no_event():
    # d2c: 'its right to protect its citizens' and 'it was to support Israel' (what a deployment was for, denied);
    # d3a: 'the responsibility ... it is to deliver genuine hope and relief' names an aim
    assert "AID" not in _types("d2c", "protect its citizens")
    assert "SUPPORT" not in _types("d2c", "it was to support Israel")
    assert "AID" not in _types("d3a", "deliver genuine hope")


def test_a_decision_to_act_still_tells_the_act(seed_records):
    # seed 002: 'defended its decision to seek Russia's assistance': the request was made
    rec = seed_records["002_d6233da8b8cf5324"]
    assert any(e.type == "REQUEST" and "seek Russia" in e.evidence for e in rec.events)


@needs_dev
def test_a_leader_first_to_provide_arms_still_gave_them():
    # d4a: 'the Javelin missiles that President Trump was first to provide' (a rank, not an aim)
    assert "AID" in _types("d4a", "first to provide")


@needs_dev
def test_agreeing_on_a_view_is_no_agreement():
    # d4a: 'They agreed this could be the first step ...', 'They agreed all parties must continue the effort'
    assert "AGREE" not in _types("d4a", "this could be the first step")
    assert "AGREE" not in _types("d4a", "all parties must continue")


@needs_dev
def test_agreeing_on_what_both_will_do_is_an_agreement():
    # d4a: 'The leaders agreed Ukraine and America will continue working together ...'
    assert "AGREE" in _types("d4a", "The leaders agreed")


@needs_dev
def test_a_vow_to_an_untyped_act_is_no_promise():
    # d3b: Khamenei 'vowed that "God willing, his work and his path will not be stopped"'; d2a: 'Kyiv's supporters
    # have vowed to defeat Russian forces' (the gold codes the supplying as AID, never an AGREE)
    assert "AGREE" not in _types("d3b", "his work and his path")
    assert "AGREE" not in _types("d2a", "vowed to defeat")


@needs_dev
def test_a_backing_verb_used_to_say_something_backs_no_one():
    # d4b: 'We reaffirm that the grievous situation in Rukban is primarily caused by the illegal US occupation ...'
    assert "SUPPORT" not in _types("d4b", "We reaffirm that")

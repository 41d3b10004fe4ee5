"""Event mechanisms of session 7, designed on dev fold B2 (d7*, d8*) and each found in at least two articles; every
test names the sentences it stands on. Folds A and B1 and the seeds guard them (bench/dev_score.py)."""
from __future__ import annotations

from dev_articles import dev_record as _record, needs_dev
from newsgraph.records import Event


def _events(stem: str, words: str) -> list[Event]:
    """The events of one dev article whose evidence contains these words (line breaks read as spaces)."""
    return [e for e in _record(stem).events if words in " ".join(e.evidence.split())]


@needs_dev
def test_an_event_noun_that_is_its_clauses_subject_is_told_by_the_clause():
    # d7b 'Azerbaijani shelling hit within Armenian territory ...', d7c 'These clashes between ethnic armed
    # organizations and the Myanmar military have not stopped ...': subject + verb, not the noun phrase alone
    assert any(e.type == "ASSAULT" for e in _events("d7b", "Azerbaijani shelling hit within Armenian territory"))
    assert any(e.type == "ASSAULT" for e in _events("d7c", "Myanmar military have not stopped"))


@needs_dev
def test_a_long_subordinate_clause_before_the_subject_is_not_the_events_evidence():
    # d3a '... While there has been "a significant improvement ..." since the peace agreement was signed, sporadic
    # clashes have taken place': the clashes' evidence does not open on the while-clause
    found = [e for e in _events("d3a", "sporadic clashes have taken place") if e.type == "ASSAULT"]
    assert found and not any("significant improvement" in e.evidence for e in found)


@needs_dev
def test_what_a_crowd_of_protesters_does_in_the_street_is_its_protest():
    # d7a 'protesters blocked roads', 'demonstrators toppled a statue of Maduro'; d7c 'Protesters took to the
    # streets ...' (PLOVER GSR: 'Demonstrators in Baghdad blocked a road' is PROTEST): not a coup, not an accusation
    assert {e.type for e in _events("d7a", "demonstrators toppled a statue")} == {"PROTEST"}
    assert any(e.type == "PROTEST" for e in _events("d7a", "protesters blocked roads"))
    assert any(e.type == "PROTEST" for e in _events("d7c", "Protesters took to the streets"))
    # what befalls the crowd or what its acts caused is no protest of its own: 'protesters became trapped ...'
    assert not any(e.type == "PROTEST" for e in _events("d7c", "became trapped"))


@needs_dev
def test_arms_or_crowd_control_weapons_put_to_use_are_force():
    # d7a 'police were using teargas on peaceful protesters', d7c 'Live and rubber bullets were used in Kachin state'
    # (GSR: 'used tear gas to disperse demonstrators'): PLOVER ASSAULT, crowd-control / firearms
    assert any(e.type == "ASSAULT" for e in _events("d7a", "using teargas on peaceful protesters"))
    assert any(e.type == "ASSAULT" for e in _events("d7c", "rubber bullets were used"))


@needs_dev
def test_arrest_ban_and_overthrow_words_are_coercion():
    # PLOVER COERCE's arrests and bans: d8a 'police nab a Lakurawa suspect', '... proscribed as terrorists'; coups:
    # d8b 'announced the overthrow of President Talon'
    assert any(e.type == "COERCE" for e in _events("d8a", "police nab a Lakurawa suspect"))
    assert any(e.type == "COERCE" for e in _events("d8a", "proscribed as terrorists"))
    assert any(e.type == "COERCE" for e in _events("d8b", "announced the overthrow"))


@needs_dev
def test_an_act_named_only_as_a_possibility_is_no_event():
    # d2c 'On the possibility of proscribing Iran's Islamic Revolutionary Guard Corps, he added: ...' (TimeBank: 'the
    # possibility of taking Elian', 'the possibility of a ground assault')
    assert not _events("d2c", "proscribing")
    assert _record("d2c").events


@needs_dev
def test_a_participle_after_coordinated_verbs_is_told_by_the_clause_with_their_subject():
    # d7c 'a military vehicle chased down protesters on motorbikes and hit them, injuring two' (the subject is the
    # first conjunct's; cf. d4b 'the terrorists committed 20 acts of terror, killing 40')
    found = [e for e in _events("d7c", "injuring two") if e.type == "ASSAULT"]
    assert found and all("military vehicle chased down" in e.evidence for e in found)


@needs_dev
def test_questions_raised_are_disapproval():
    # d7a '... regional leaders, including Peru and Chile, that have raised questions about the validity of the result'
    # (CAMEO 11 disapprove; with 'concerns' already: 'raised concerns')
    assert any(e.type == "ACCUSE" for e in _events("d7a", "raised questions about the validity"))


@needs_dev
def test_a_short_subhead_line_tells_no_event():
    # d7a '### Calls for transparency', d8b 'Tinubu's Request': a topic line with no clause of its own
    assert not _events("d7a", "Calls for transparency")
    assert not [e for e in _record("d8b").events if " ".join(e.evidence.split()) == "Tinubu\u2019s Request"]


@needs_dev
def test_harm_promised_is_a_threat():
    # d8b 'President Talon ... promising to punish those responsible' (PLOVER THREATEN; GSR 'have sworn to fight')
    found = _events("d8b", "promising to punish")
    assert found and {e.type for e in found} == {"THREATEN"}


@needs_dev
def test_forces_deployed_to_help_another_side_are_aid():
    # d8b 'Nigerian troops were deployed to Benin to help foil the coup attempt' (d6a: 'Moscow sent instructors to the
    # region to train personnel of the Armed Forces'): military aid, not a show of force
    assert {e.type for e in _events("d8b", "Nigerian troops were deployed to Benin")} == {"AID"}


@needs_dev
def test_a_dropped_trailing_clause_stays_out_when_a_line_break_ends_the_sentence():
    # d7a 'Protests broke out in several Venezuelan cities on Monday after authoritarian leader Nicolás Maduro was
    # formally declared a winner ...' + paragraph break: the break hanging from the full stop kept the after-clause in;
    # d6c 'Iran has vowed "severe punishment," and called for an emergency meeting ...' the same with a conjunct
    found = [e for e in _events("d7a", "Protests broke out") if e.type == "PROTEST"]
    assert found and all("declared a winner" not in e.evidence for e in found)
    assert any(e.type == "THREATEN" and "emergency meeting" not in e.evidence for e in _events("d6c", "severe punishment"))

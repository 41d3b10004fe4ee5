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

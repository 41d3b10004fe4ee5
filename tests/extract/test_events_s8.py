"""Event evidence mechanisms of session 8, each found in at least two dev articles (named in every test); folds A,
B1, B2, the seeds and the PLOVER GSR check half guard them (bench/dev_score.py, bench/plover.py)."""
from __future__ import annotations

from dev_articles import dev_record as _record, needs_dev
from newsgraph.records import Event


def _events(stem: str, words: str) -> list[Event]:
    """The events of one dev article whose evidence contains these words (line breaks read as spaces)."""
    return [e for e in _record(stem).events if words in " ".join(e.evidence.split())]


@needs_dev
def test_a_trailing_participle_of_the_same_act_is_inside_its_evidence():
    # d7c 'Soldiers stormed the township, firing stun grenades ...', d6c 'Israel launched a large-scale attack early
    # Friday, deploying around 200 aircraft ...' (d4b 'committed 20 acts of terror, killing 40' kept it already)
    assert any(e.type == "ASSAULT" for e in _events("d7c", "Soldiers stormed the township, firing stun grenades"))
    assert any(e.type == "ASSAULT" for e in _events("d6c", "early Friday, deploying around 200 aircraft"))
    # how the act was done is no second event
    assert not any(e.type == "MOBILIZE" for e in _events("d6c", "deploying around 200 aircraft"))
    assert not any(e.evidence.startswith("target Iran") for e in _record("d6c").events)  # nor its purpose
    # a participle that does another kind of act stays out: d8a 'Lakurawa slaughtered three policemen, seizing rifles'
    slaughter = [e for e in _events("d8a", "Lakurawa slaughtered three policemen") if e.type == "ASSAULT"]
    assert slaughter and not any("seizing" in e.evidence for e in slaughter)


@needs_dev
def test_a_gerund_subject_is_told_by_its_clause():
    # d7b '... after fighting erupted anew between Armenian and Azerbaijani forces on Sunday', d3a 'Fighting in the
    # country has seen an estimated 400,000 people killed': subject + verb, not the gerund alone
    assert len([e for e in _events("d7b", "fighting erupted anew between") if e.type == "ASSAULT"]) >= 2
    assert not any(e.evidence.strip().lower() == "fighting" for e in _record("d7b").events)
    assert any(e.type == "ASSAULT" for e in _events("d3a", "Fighting in the country has seen"))


@needs_dev
def test_evidence_does_not_end_on_a_line_break():
    # d1b 'UN welcomes G7 achievements', d2a '... by sending in thousands of troops.' before a blank line
    for stem in ("d1b", "d2a", "d8b"):
        assert all(e.evidence == e.evidence.rstrip() for e in _record(stem).events), stem


@needs_dev
def test_what_an_appeal_asks_for_is_no_event_of_its_own():
    # d7b 'Edi Rama ... called on both sides to stop fighting' (PLOVER GSR codes 'demanded that Hamas renounce its
    # armed struggle', 'demanded that the Sudanese government end curbs' as the REQUEST alone): the appeal is the event
    appeal = _events("d7b", "called on both sides to stop fighting")
    assert {e.type for e in appeal} == {"REQUEST"}
    # a question asked is no appeal: d2a 'Asked whether he had had a conversation with Putin' keeps the talk
    assert any(e.type == "CONSULT" for e in _events("d2a", "conversation with Putin"))


@needs_dev
def test_an_event_noun_told_as_one_more_occurrence_is_a_new_event():
    # d5c 'Similar airstrikes also occurred in northern Iraq', d7c 'Protests continued again with varying levels of
    # violence by the military': not the sentence's or the article's earlier telling of the same kind
    assert any(e.type == "ASSAULT" for e in _events("d5c", "Similar airstrikes also occurred"))
    assert any(e.type == "PROTEST" for e in _events("d7c", "Protests continued again"))

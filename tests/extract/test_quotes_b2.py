"""Quotes on dev fold B2 (the design fold of session 7): appeals put to someone ('called on X to ...'), verdicts
('described X as Y'), a person's office, unnamed office holders, words split by the parser at a hyphen, and reported
clauses that break off inside a quotation."""
from __future__ import annotations

from dev_quotes import dev_quotes as _dev, needs_dev_texts, said as _said, speaker_name as _name

pytestmark = needs_dev_texts


def test_an_appeal_put_to_someone_is_what_it_asks_of_them():
    # 'Edi Rama, chairman of the OSCE, called on both sides to stop fighting' (d7b); 'The US ... joined ... by calling
    # on Venezuela's government to “immediately” release specific data' (d7a): the addressee and the infinitive
    _, by_key, quotes = _dev("d7b")
    (q,) = _said(quotes, "both sides to stop fighting")
    assert _name(by_key, q) == "Edi Rama" and q.kind == "indirect"
    _, by_key, quotes = _dev("d7a")
    (q,) = _said(quotes, "government to “immediately” release specific data")
    assert _name(by_key, q) in ("US", "United States")


def test_a_hyphenated_word_split_by_the_parser_stays_inside_the_statement():
    # 'Pashinian said on Sunday that the country could re-examine whether to recognise ...': not '... could re'
    _, _, quotes = _dev("d7b")
    (q,) = _said(quotes, "the country could re")
    assert q.content.endswith("re-examine whether to recognise Nagorno-Karabakh as independent")


def test_an_unnamed_office_holder_and_unnamed_authorities_speak_for_their_state():
    # 'the Armenian human rights ombudsman said ...' -> Armenia; 'Nagorno-Karabakh authorities reported that ...'
    # (the entity layer missed the name there but knows it) -> Nagorno-Karabakh
    _, by_key, quotes = _dev("d7b")
    qs = _said(quotes, "a woman and child had been killed")
    assert qs and all(_name(by_key, q) == "Armenia" for q in qs)
    (q,) = _said(quotes, "shelling hit the region's capital")
    assert _name(by_key, q) == "Nagorno-Karabakh"


def test_a_persons_office_verdicts_and_promises_after_a_purpose_clause():
    _, by_key, quotes = _dev("d8b")
    # "Tinubu's office stated that ...": the person's own office speaks for the person
    (q,) = _said(quotes, "Nigeria’s military intervened")
    assert _name(by_key, q) == "Bola Ahmed Tinubu"
    # 'Akpabio described the decision as timely and necessary, stressing that ...': the verdict is a statement
    (q,) = _said(quotes, "the decision as timely and necessary")
    assert _name(by_key, q) == "Godswill Akpabio" and "stressing" not in q.content
    # 'President Talon appeared on state television to confirm Seidou's announcement, promising to punish those
    # responsible': the purpose clause's doer is the main subject
    (q,) = _said(quotes, "punish those responsible")
    assert _name(by_key, q) == "Patrice Talon"


def test_a_reported_clause_broken_off_inside_a_quotation_gives_way_to_the_quotation():
    # 'told CNN that people were on the streets “to yell and demand to tell the truth because we know the real
    # results.”': the quotation runs on past where the parse ended the clause, so it is the quote (d7a) ...
    _, _, quotes = _dev("d7a")
    assert [q.kind for q in _said(quotes, "to yell and demand")] == ["direct"]
    # ... while 'the responsibility to sustain “momentum” ... “lies solely with the parties,”' ends with the clause:
    # one indirect quote (d3a)
    _, _, quotes = _dev("d3a")
    assert [q.kind for q in _said(quotes, "lies solely with the parties")] == ["indirect"]


def test_a_leaders_administration_officials_speak_for_the_state_and_so_do_the_officials_quoted_next():
    # 'Senior Biden administration officials on Monday said ...' right after 'The US on Monday joined ...', then 'One
    # senior administration official noted that ...', 'Another said that ...', '“...,” the second official said.',
    # '... the second official added.', and after 'The officials declined ...', 'The first official said ...': every
    # one of them is the United States, none is Biden
    _, by_key, quotes = _dev("d7a")
    for words in ("must release the “detailed precinct level results”", "this data is required under Venezuela law",
                  "then this should be a very simple act", "If there is resistance to providing",
                  "Our deepest concern at this juncture", "they would begin to have conversations"):
        (q,) = _said(quotes, words)
        assert _name(by_key, q) in ("US", "United States"), (words, q.speaker)


def test_a_statement_saying_something_is_its_issuers():
    # "Myanmar's ambassador to the UK, ..., has put out a statement saying that he takes his instructions from the
    # civilian government": the ambassador's state
    _, by_key, quotes = _dev("d7c")
    (q,) = _said(quotes, "he takes his instructions")
    assert _name(by_key, q) == "Myanmar"

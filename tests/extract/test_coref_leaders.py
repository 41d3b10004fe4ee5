"""A named leader's government is the state the leader governs, for event actors (the coreference layer) and the
officials quoted after it, on real dev text (d7a, d8b, d6c)."""
from __future__ import annotations

from test_coref import _dev, _links_at, _names, needs_shared


@needs_shared
def test_a_leaders_government_is_the_state_not_the_leader_nor_the_other_party():
    # d8b: "Nigeria's military intervened after Talon's government issued two requests for help": Benin (read from
    # the sentences before, "Benin's armed forces had foiled the attempted coup"), not Nigeria of its own sentence
    doc, entities, _, index = _dev("d8b")
    links = _links_at(index, doc, "Talon’s government issued two requests", "government")
    assert _names(entities, links) == {"Benin"}
    # d6c: 'the Netanyahu government’s "reckless, lawless ..."' is Israel's
    doc, entities, _, index = _dev("d6c")
    links = _links_at(index, doc, "Erdogan said the Netanyahu government", "government")
    assert _names(entities, links) == {"Israel"}


@needs_shared
def test_administration_officials_and_the_officials_quoted_next_are_the_state():
    # d7a: 'Senior Biden administration officials on Monday said ...', then 'One senior administration official',
    # 'the second official', 'The officials declined': the United States, never Venezuela they talk about (only
    # 'official' chains so: a bare 'the spokesman' after one resolved by recency would repeat its error, d2c)
    doc, entities, _, index = _dev("d7a")
    for words, ref in (("Senior Biden administration officials on Monday", "officials"),
                       ("One senior administration official noted", "official"),
                       ("the second official said", "official"),
                       ("The officials declined to give specifics", "officials")):
        assert _names(entities, _links_at(index, doc, words, ref)) == {"United States"}, words
    # '..., but they did not rule out sanctions': 'they' are those officials, so the United States
    assert _names(entities, _links_at(index, doc, "but they did not rule out sanctions", "they")) == {"United States"}

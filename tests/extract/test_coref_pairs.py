"""Plural references to two sides ('both sides', 'the two countries', 'the warring parties') on real text: the pair
named in the reference's own sentence, else the two the article names together, never two singles met nearby."""
from __future__ import annotations

from test_coref import _dev, _links_at, _names, _seed, needs_shared


@needs_shared
def test_both_sides_are_the_two_the_article_names_together_not_the_caller():
    # d7b: 'Albanian prime minister Edi Rama, chairman of the OSCE, called on both sides to stop fighting' and the
    # Pope 'praying for peace between the two countries' (said at the Vatican): Armenia and Azerbaijan, whom the
    # article names together ('between Armenian and Azerbaijani forces', 'between Armenia and Azerbaijan')
    doc, entities, _, index = _dev("d7b")
    sides = _links_at(index, doc, "called on both sides to stop fighting", "both sides")
    assert {l.rule for l in sides} == {"plural"} and _names(entities, sides) == {"Armenia", "Azerbaijan"}
    two = _links_at(index, doc, "praying for peace between the two countries", "two countries")
    assert _names(entities, two) == {"Armenia", "Azerbaijan"}


@needs_shared
def test_the_two_countries_of_the_sentence():
    # seed 000: 'The Russian Foreign Minister, Sergey Lavrov, is currently in Baghdad for talks ... between the two
    # countries': Russia (by its nationality word) and Iraq (by its capital), not the article's France and Mali
    doc, entities, _, index = _seed("000")
    links = _links_at(index, doc, "energy cooperation between the two countries", "two countries")
    assert _names(entities, links) == {"Russia", "Iraq"}


@needs_shared
def test_no_pair_from_two_unrelated_names_met_nearby():
    # d1c: 'the warring parties' of Sudan's war (its army and the RSF) are not Sudan and Amnesty International, the
    # two names just before; d5b: 'two regional rivals – Iran and the UAE' lists its own members
    doc, entities, _, index = _dev("d1c")
    parties = _links_at(index, doc, "Yet the warring parties are as likely", "warring parties")
    assert "Amnesty International" not in _names(entities, parties)
    doc, entities, _, index = _dev("d5b")
    rivals = _links_at(index, doc, "working with two regional rivals", "regional rivals")
    assert not rivals or _names(entities, rivals) == {"Iran", "United Arab Emirates"}

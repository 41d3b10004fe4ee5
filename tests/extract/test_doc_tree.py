"""A Doc's tokens and each token's children made once per Doc (extract/doc_tree.py) are spaCy's own, in spaCy's order."""
from __future__ import annotations

from pathlib import Path

import pytest

from newsgraph.api import read_inputs
from newsgraph.extract.doc_tree import children, span_tokens, tokens
from newsgraph.nlp.pipeline import get_nlp

SEEDS = Path(__file__).resolve().parents[2].parent / "shared" / "seeds"


@pytest.mark.skipif(not SEEDS.is_dir(), reason="../shared seeds not present")
def test_children_are_spacys_for_every_token_of_two_articles_read_in_turn():
    articles, errors = read_inputs(sorted(SEEDS.iterdir())[:2])
    assert not errors and len(articles) == 2
    first, second = (get_nlp()(a.body) for a in articles)
    for doc in (first, second, first):  # back to the first Doc: its lists are built again, not the second's
        assert [t.i for t in tokens(doc)] == list(range(len(doc))) and all(t.doc is doc for t in tokens(doc))
        for sent in doc.sents:
            assert [(t.i, t.text) for t in span_tokens(sent)] == [(t.i, t.text) for t in sent]
        for tok in doc:
            kids = children(tok)
            assert [(k.i, k.dep_) for k in kids] == [(k.i, k.dep_) for k in tok.children]
            assert all(k.doc is doc for k in kids)
            assert children(tok) is kids  # asked again: the same list
    assert sum(len(children(t)) for t in first) == len(first) - len(list(first.sents))  # every non-root is a child


@pytest.mark.skipif(not SEEDS.is_dir(), reason="../shared seeds not present")
def test_attrs_are_the_tokens_own_strings():
    from newsgraph.extract.doc_tree import attrs

    articles, errors = read_inputs(sorted(SEEDS.iterdir())[:2])
    first, second = (get_nlp()(a.body) for a in articles)
    for doc in (first, second, first):
        a = attrs(doc)
        assert attrs(doc) is a  # asked again: read once
        assert [(t.pos_, t.lower_, t.dep_, t.tag_, t.lemma_, t.ent_type_) for t in doc] == list(
            zip(a.pos, a.lower, a.dep, a.tag, a.lemma, a.ent_type))
    assert attrs(get_nlp()("")) == ([], [], [], [], [], [])

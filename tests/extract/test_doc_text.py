"""A Doc's text given by the pipeline (extract/doc_text.remember_text) is spaCy's own doc.text."""
from __future__ import annotations

from pathlib import Path

import pytest

from newsgraph.api import read_inputs
from newsgraph.extract.doc_text import remember_text, text_of
from newsgraph.nlp.pipeline import get_nlp

SEEDS = Path(__file__).resolve().parents[2].parent / "shared" / "seeds"


@pytest.mark.skipif(not SEEDS.is_dir(), reason="../shared seeds not present")
def test_remembered_body_is_the_docs_own_text():
    articles, errors = read_inputs(sorted(SEEDS.iterdir())[:3])
    assert not errors and len(articles) == 3
    for a in articles:
        doc = get_nlp()(a.body)
        remember_text(doc, a.body)
        assert text_of(doc) == doc.text == a.body


def test_a_text_that_is_not_the_docs_is_not_remembered():
    doc = get_nlp()("The ministry said on Tuesday that talks would resume.\n\nNo date was set.")
    remember_text(doc, "The ministry said on Tuesday that talks would resume.\n\nNo date was set!!")  # longer
    remember_text(doc, "Tho ministry said on Tuesday that talks would resume.\n\nNo date was set.")  # same length
    assert text_of(doc) == doc.text
    empty = get_nlp()("")
    remember_text(empty, "x")
    assert text_of(empty) == ""

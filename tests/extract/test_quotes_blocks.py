"""Quotes that need the article's structure or its spokespeople (dev fold A): a blockquoted official statement is
one direct quote of whoever introduces it, its 'we' is that speaker; a head of government's spokesperson speaks
for the office named after its seat; an unlinked "they" after "the two leaders" is both."""
from __future__ import annotations

from functools import lru_cache
from pathlib import Path

import pytest

from newsgraph.extract.entities import extract_entities
from newsgraph.extract.quotes import extract_quotes
from newsgraph.nlp.pipeline import get_nlp

DEV = Path(__file__).resolve().parents[2].parent / "shared" / "dev" / "texts"
pytestmark = pytest.mark.skipif(not DEV.is_dir(), reason=f"dev texts not found at {DEV}")


@lru_cache(maxsize=None)
def _dev(stem: str):
    """(article, entities by key, quotes) of one fold-A dev article read through the real reader."""
    from newsgraph.api import read_inputs

    (path,) = [p for p in DEV.iterdir() if p.stem == stem]
    articles, errors = read_inputs([path])
    assert not errors and len(articles) == 1
    article = articles[0]
    doc = get_nlp()(article.body)
    ents, ments = extract_entities(doc)
    return article, {e.key: e for e in ents}, list(extract_quotes(doc, ents, ments, quote_blocks=article.quote_blocks))


def _name(by_key, q) -> str:
    return by_key[q.speaker].name if q.speaker in by_key else ""


def test_the_markdown_reader_keeps_the_blockquote_paragraphs():
    article, _, _ = _dev("d4b_zakharova_briefing_syria_rukban")
    raw = (DEV / "d4b_zakharova_briefing_syria_rukban.md").read_text(encoding="utf-8")
    quoted = [line for line in raw.splitlines() if line.startswith("> ")]
    assert len(article.quote_blocks) == len(quoted) > 5
    for a, b in article.quote_blocks:
        assert article.body[a:b].strip() and article.body[a:b][:30] in raw


def test_a_blockquoted_statement_is_one_direct_quote_of_whoever_introduces_it():
    # '... I would like to repeat the words of the Russian Foreign Ministry on the situation in Syria.' + '> ...'
    article, by_key, quotes = _dev("d4b_zakharova_briefing_syria_rukban")
    (block,) = [q for q in quotes if q.start == article.quote_blocks[0][0]]
    assert block.kind == "direct" and "Foreign Ministry" in _name(by_key, block)
    assert block.end >= article.quote_blocks[-1][1] - 2  # every paragraph of the blockquote, not the first one
    # 'We reaffirm that ...' inside it: the ministry speaking
    (we,) = [q for q in quotes if q.content.startswith("the grievous situation in Rukban")]
    assert we.kind == "indirect" and we.speaker == block.speaker


def test_a_prime_ministers_spokesman_speaks_for_downing_street():
    # 'the Prime Minister’s official spokesman replied: “...”', later '“...,” the spokesman said' (no name given)
    _, by_key, quotes = _dev("d2c_uk_israel_iran_self_defence")
    spokes = [q for q in quotes if "spokes" in q.speaker_text.lower()]
    assert len(spokes) >= 5
    assert all(_name(by_key, q) == "Downing Street" for q in spokes)
    (q,) = [q for q in quotes if q.content.startswith("We have not participated in military action")]
    assert _name(by_key, q) == "Downing Street"



def test_they_after_the_two_leaders_is_both_speakers_in_the_order_they_are_named():
    # d4a: the two leaders agree on something, and the next sentence says what 'they' agreed
    _, by_key, quotes = _dev("d4a_trump_zelenskyy_call_energy_ceasefire")
    both = [q for q in quotes if q.content.startswith("this could be the first step")]
    assert [_name(by_key, q).split()[-1] for q in both] == ["Trump", "Zelenskyy"]

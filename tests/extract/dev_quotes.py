"""One cached reader of dev articles for the quote tests: body, entities by key and quotes through the real reader."""
from __future__ import annotations

from functools import lru_cache
from pathlib import Path

import pytest

from newsgraph.extract.entities import extract_entities
from newsgraph.extract.quotes import extract_quotes
from newsgraph.nlp.pipeline import get_nlp

DEV = Path(__file__).resolve().parents[2].parent / "shared" / "dev" / "texts"
needs_dev_texts = pytest.mark.skipif(not DEV.is_dir(), reason=f"dev texts not found at {DEV}")


@lru_cache(maxsize=None)
def dev_quotes(prefix: str):
    """(body, entities by key, quotes) of one dev article read through the real reader."""
    from newsgraph.api import read_inputs

    (path,) = [p for p in DEV.iterdir() if p.stem.startswith(prefix)]
    articles, errors = read_inputs([path])
    assert not errors and len(articles) == 1
    article = articles[0]
    doc = get_nlp()(article.body)
    ents, ments = extract_entities(doc)
    quotes = list(extract_quotes(doc, ents, ments, quote_blocks=article.quote_blocks))
    return article.body, {e.key: e for e in ents}, quotes


def said(quotes, words: str):
    """The quotes whose content holds these words."""
    return [q for q in quotes if words in q.content]


def speaker_name(by_key, q) -> str:
    return by_key[q.speaker].name if q.speaker in by_key else ""

"""Build ArticleRecords (entities, mentions, quotes, timex, sentences) for the five seeds, for dev scripts."""
from __future__ import annotations

import json
from functools import lru_cache
from pathlib import Path

from newsgraph.extract.entities import extract_entities
from newsgraph.extract.quotes import extract_quotes
from newsgraph.extract.timex import extract_timex
from newsgraph.nlp.pipeline import get_nlp
from newsgraph.records import Article, ArticleRecord

SHARED = Path(__file__).resolve().parents[1].parent / "shared"


@lru_cache(maxsize=1)
def seed_records() -> tuple[ArticleRecord, ...]:
    """One record per seed; published is the gold date, or NOTES' verified date where the text has none."""
    nlp = get_nlp()
    out = []
    for path in sorted((SHARED / "seeds").glob("*.txt")):
        text = path.read_text(encoding="utf-8")
        meta = json.loads((SHARED / "gold" / "seeds" / f"{path.stem}.json").read_text(encoding="utf-8"))["meta"]
        published = meta.get("published") or meta.get("published_true")
        doc = nlp(text)
        ents, mentions = extract_entities(doc)
        quotes = tuple(extract_quotes(doc, ents, mentions))
        timex = tuple(extract_timex(text, published, doc))
        article = Article(path.stem, text, published=published)
        sents = tuple((s.start_char, s.end_char) for s in doc.sents)
        out.append(ArticleRecord(article, tuple(ents), tuple(mentions), (), quotes, timex, sents))
    return tuple(out)

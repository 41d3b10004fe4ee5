"""Per-article analysis: one parse, then every extractor on the same Doc."""
from __future__ import annotations

from typing import Iterable, Iterator

from spacy.tokens import Doc

from .records import Article, ArticleRecord

BATCH_SIZE = 16


def _extractors():
    """Import the extractors once; kept in a function so importing this module stays cheap."""
    from .extract.entities import extract_entities
    from .extract.events import extract_events
    from .extract.quotes import extract_quotes
    from .extract.timex import extract_timex

    return extract_entities, extract_timex, extract_events, extract_quotes


def anchor_of(article: Article) -> str | None:
    """The date relative expressions resolve against: the publication date at its known precision."""
    return article.published if article.published and article.published_precision != "unknown" else None


def record_from_doc(article: Article, doc: Doc) -> ArticleRecord:
    """Run every extractor on one parsed article; a pure function of the article and its Doc."""
    extract_entities, extract_timex, extract_events, extract_quotes = _extractors()
    entities, mentions = extract_entities(doc)
    timex = tuple(extract_timex(article.body, anchor_of(article)))
    events = tuple(extract_events(doc, entities, mentions, timex, anchor_of(article)))
    quotes = tuple(extract_quotes(doc, entities, mentions))
    sentences = tuple((s.start_char, s.end_char) for s in doc.sents)
    return ArticleRecord(article, tuple(entities), tuple(mentions), events, quotes, timex, sentences)


def analyse(articles: Iterable[Article], n_process: int = 1, batch_size: int = BATCH_SIZE) -> Iterator[ArticleRecord]:
    """Parse articles in batches with nlp.pipe (optionally on several processes) and extract each."""
    from .nlp.pipeline import get_nlp

    nlp = get_nlp()
    stream = ((a.body, a) for a in articles)
    for doc, article in nlp.pipe(stream, as_tuples=True, batch_size=batch_size, n_process=n_process):
        yield record_from_doc(article, doc)

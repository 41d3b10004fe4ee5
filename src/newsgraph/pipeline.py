"""Per-article analysis: one parse, then every extractor on the same Doc."""
from __future__ import annotations

import dataclasses
import itertools
import multiprocessing
import sys
from collections import deque
import logging
from typing import TYPE_CHECKING, Iterable, Iterator

from spacy.tokens import Doc

from .errors import AnalysisFailed
from .ingest.dates import is_field_line
from .records import Article, ArticleRecord, LocalEntity, Timex

if TYPE_CHECKING:
    from .nlp.pipeline import Sections

log = logging.getLogger(__name__)
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


def record_from_doc(article: Article, doc: Doc, inferred_anchor: str | None = None) -> ArticleRecord:
    """Run every extractor on one parsed article; a pure function of the article and its Doc.

    inferred_anchor: for an undated article, a writing date inferred from other articles to resolve against.
    """
    extract_entities, extract_timex, extract_events, extract_quotes = _extractors()
    from .extract.event_actors import with_actor_mentions

    anchor = anchor_of(article) or inferred_anchor
    entities, mentions = extract_entities(doc)
    timex = tuple(extract_timex(article.body, anchor))
    events = with_actor_mentions(doc, entities, mentions, tuple(extract_events(doc, entities, mentions, timex, anchor)))
    quotes = tuple(extract_quotes(doc, entities, mentions, quote_blocks=article.quote_blocks))
    sentences = tuple((s.start_char, s.end_char) for s in doc.sents)
    timex = header_timex(article, extract_timex) + timex
    return ArticleRecord(article, tuple(entities), tuple(mentions), events, quotes, timex, sentences,
                         inferred_anchor=None if anchor_of(article) else inferred_anchor)


def record_from_parse(article: Article, parsed: "Doc | Sections", inferred_anchor: str | None = None
                      ) -> ArticleRecord:
    """record_from_doc for what nlp.pipeline.parse gives: a Doc, or a long text's Sections.

    An extractor that fails on one article (a bug meeting text nobody foresaw) costs that article its
    extracted records, not the batch: the failure is logged as one line naming the file, and the article is
    kept with its body so it can be read and analysed again once the bug is fixed."""
    try:
        if isinstance(parsed, Doc):
            return record_from_doc(article, parsed, inferred_anchor)
        return record_from_sections(article, parsed, inferred_anchor)
    except Exception as exc:  # noqa: BLE001 - one article's failure must never stop the batch
        log.error("%s: [%s] analysis failed (%s: %s); the article is kept without entities, events or quotes",
                  article.source or article.doc_id, AnalysisFailed.code, type(exc).__name__, exc)
        return ArticleRecord(article, (), (), (), (), (), (),
                             inferred_anchor=None if anchor_of(article) else inferred_anchor)


def record_from_sections(article: Article, sections: "Sections", inferred_anchor: str | None = None
                         ) -> ArticleRecord:
    """Run the extractors section by section on a long text and put the records together, offsets shifted
    into the whole body. Per section and not on one joined Doc: several extractors look at the whole Doc
    (its sentences, coreference candidates) for every event they find, so on one joined Doc the time grows
    with the square of the length (a 98k-character text: 22 s against 2.7 s at 28k); per section it grows
    with the length and one section's Doc is in memory at a time. Entities are merged by their article-local
    key (the canonical name), so a name met in several sections is one entity; a short form whose full name
    stands only in an earlier section is not linked to it."""
    entities: dict[str, LocalEntity] = {}
    mentions, events, quotes, timex, sentences = [], [], [], [], []
    for offset, doc in sections:
        blocks = tuple((a - offset, b - offset) for a, b in article.quote_blocks
                       if offset <= a and b <= offset + len(doc.text))  # this section's blockquotes
        part = record_from_doc(dataclasses.replace(article, body=doc.text, quote_blocks=blocks), doc, inferred_anchor)
        for e in part.entities:
            seen = entities.get(e.key)
            entities[e.key] = e if seen is None else dataclasses.replace(
                seen, aliases=tuple(dict.fromkeys(seen.aliases + e.aliases)))
        mentions += [_shift(m, offset) for m in part.mentions]
        events += [_shift(e, offset) for e in part.events]
        quotes += [_shift(q, offset) for q in part.quotes]
        timex += [_shift(t, offset) for t in part.timex if t.start >= 0 or not timex]  # the header date once
        sentences += [(s + offset, e + offset) for s, e in part.sentences]
    return ArticleRecord(article, tuple(entities.values()), tuple(mentions), tuple(events), tuple(quotes),
                         tuple(timex), tuple(sentences),
                         inferred_anchor=None if anchor_of(article) else inferred_anchor)


def _shift(record, offset: int):  # type: ignore[no-untyped-def]
    """A mention, event, quote or timex with its body offsets moved by offset (a header date keeps -1)."""
    if record.start < 0:
        return record
    moved = {f.name: (v[0], v[1] + offset, v[2] + offset) for f in dataclasses.fields(record)
             if f.name.endswith("_mention") and (v := getattr(record, f.name))}  # an actor's or speaker's mention
    return dataclasses.replace(record, start=record.start + offset, end=record.end + offset, **moved)


def reanalyse_with_anchors(records: Iterable[ArticleRecord], anchors: dict[str, str | None]) -> list[ArticleRecord]:
    """Records analysed again for undated articles whose inferred writing date changed (few; parsed here)."""
    from .nlp.pipeline import parse

    todo = [r for r in records if r.article.doc_id in anchors and r.inferred_anchor != anchors[r.article.doc_id]]
    if not todo:
        return []
    docs = parse(((r.article.body, r) for r in todo), batch_size=BATCH_SIZE)
    return [record_from_parse(r.article, doc, anchors[r.article.doc_id]) for doc, r in docs]


def header_timex(article: Article, extract_timex) -> tuple[Timex, ...]:
    """The dateline that gave the publication date sits in the removed page header: keep it as a
    date expression, with offsets -1 because it is not in the body."""
    anchor = anchor_of(article)
    if not anchor:
        return ()
    for line in article.removed:
        if is_field_line(line):
            continue  # a front-matter field is not a date written in the article
        for t in extract_timex(line, anchor):
            if t.value == anchor and t.type == "DATE":
                return (Timex(t.text, -1, -1, t.value, t.type, anchor),)
    return ()


def analyse_batch(articles: list[Article], batch_size: int = BATCH_SIZE) -> list[ArticleRecord]:
    """Parse and extract a batch in this process; the unit of work of every engine."""
    from .nlp.pipeline import parse

    return [record_from_parse(a, doc) for doc, a in parse(((a.body, a) for a in articles), batch_size=batch_size)]


def analyse_batch_json(articles: list[Article], batch_size: int = BATCH_SIZE) -> list[str]:
    """analyse_batch for worker processes: records travel back as the store's JSON, not pickled objects."""
    from .store.serialize import record_to_json

    return [record_to_json(r) for r in analyse_batch(articles, batch_size)]


def analyse(articles: Iterable[Article], n_process: int = 1, batch_size: int = BATCH_SIZE) -> Iterator[ArticleRecord]:
    """Parse and extract articles in input order, streaming: nothing is loaded until the first article
    arrives, and at most a few batches are in flight. With n_process > 1 each worker process parses AND
    extracts (the extractors cost as much as the parse, so parsing alone in workers would leave them idle)."""
    it = iter(articles)
    first = next(it, None)
    if first is None:
        return  # nothing to do: the spaCy pipeline is never loaded
    it = itertools.chain([first], it)
    if n_process <= 1:
        from .nlp.pipeline import parse

        # a text longer than a section is parsed and analysed section by section (record_from_sections)
        for doc, article in parse(((a.body, a) for a in it), batch_size=batch_size):
            yield record_from_parse(article, doc)  # one by one, so the caller can commit each
        return
    yield from _analyse_in_pool(it, n_process, batch_size)


def _pool_context() -> multiprocessing.context.BaseContext:
    """fork where it is safe and cheap (Linux): workers inherit a loaded pipeline, like nlp.pipe's own."""
    if sys.platform.startswith("linux"):
        return multiprocessing.get_context("fork")
    return multiprocessing.get_context("spawn")


def _load_worker() -> None:
    from .nlp.pipeline import get_nlp

    get_nlp()
    _extractors()


def _analyse_in_pool(it: Iterator[Article], n_process: int, batch_size: int) -> Iterator[ArticleRecord]:
    from .store.serialize import record_from_json

    # One nlp.pipe batch per task, as large as spaCy's own n_process batches (BATCH_SIZE): 16 texts per
    # batch parse with ~4% less CPU than 8 (150 pool texts: 12.9-13.0 s against 13.3-13.6 s).
    task_size = max(1, batch_size)
    pending: deque = deque()
    pool = _pool_context().Pool(n_process, initializer=_load_worker)
    try:
        while True:
            while len(pending) < 2 * n_process and (batch := list(itertools.islice(it, task_size))):
                pending.append(pool.apply_async(analyse_batch_json, (batch, task_size)))
            if not pending:
                break
            for text in pending.popleft().get():
                yield record_from_json(text)
        pool.close()
        pool.join()
    finally:
        pool.terminate()

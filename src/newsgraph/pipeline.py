"""Per-article analysis: one parse, then every extractor on the same Doc."""
from __future__ import annotations

import contextlib
import dataclasses
import itertools
import multiprocessing
import multiprocessing.pool
import os
import sys
from collections import deque
import logging
from typing import TYPE_CHECKING, Iterable, Iterator

from .errors import AnalysisFailed
from .ingest.dates import is_field_line
from .records import Article, ArticleRecord, LocalEntity, Timex

if TYPE_CHECKING:  # spaCy (and thinc, torch: ~226 MB) is imported only where a text is parsed, never by a corpus step
    from spacy.tokens import Doc

    from .nlp.pipeline import Sections
    from .store.serialize import EncodedRecord

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


def record_from_doc(article: Article, doc: "Doc", inferred_anchor: str | None = None) -> ArticleRecord:
    """Run every extractor on one parsed article; a pure function of the article and its Doc.

    inferred_anchor: for an undated article, a writing date inferred from other articles to resolve against.
    """
    extract_entities, extract_timex, extract_events, extract_quotes = _extractors()
    from .extract.doc_text import remember_text
    from .extract.event_actors import with_actor_mentions

    remember_text(doc, article.body)

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
    from spacy.tokens import Doc

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


def reanalyse_with_anchors(records: Iterable[ArticleRecord], anchors: dict[str, str | None],
                           pool: "AnalysisPool | None" = None) -> list[ArticleRecord]:
    """Records analysed again for undated articles whose inferred writing date changed (few), parsed where the
    spaCy pipeline already is: the build's worker pool, this process when it parsed (a -j 1 build), else a
    one-off child, so a corpus step alone never loads the model here (+~430 MB with spaCy, thinc and torch for
    the rest of the step on the 10,000-article stress store)."""
    todo = [r for r in records if r.article.doc_id in anchors and r.inferred_anchor != anchors[r.article.doc_id]]
    if not todo:
        return []
    articles = [r.article for r in todo]
    wanted = [anchors[a.doc_id] for a in articles]
    if pool is not None:
        return pool.analyse_now(articles, wanted)
    if _pipeline_loaded():
        return analyse_batch(articles, BATCH_SIZE, wanted)
    return _analyse_in_child(articles, wanted)


def _analyse_in_child(articles: list[Article], anchors: list[str | None]) -> list[ArticleRecord]:
    """analyse_batch in a fresh Python process: its memory (the spaCy pipeline) goes when it exits. A subprocess,
    not a multiprocessing pool: spawn would run the caller's main script again (a script without a __main__
    guard would hang the pool), and fork would copy this process' ONNX Runtime and DuckDB threads' locks.
    If the child fails, the articles are analysed here."""
    import pickle
    import subprocess
    import tempfile
    from pathlib import Path

    from .store.serialize import record_from_json

    with tempfile.TemporaryDirectory(prefix="newsgraph-reanalyse-") as tmp:
        todo, done = Path(tmp) / "articles.pkl", Path(tmp) / "records.pkl"
        todo.write_bytes(pickle.dumps((articles, anchors), protocol=pickle.HIGHEST_PROTOCOL))
        src = str(Path(__file__).resolve().parents[1])  # this newsgraph, whatever the child's path would find
        env = {**os.environ, "PYTHONPATH": os.pathsep.join(p for p in (src, os.environ.get("PYTHONPATH")) if p)}
        code = f"from {__name__} import _child_main; _child_main()"
        # the child's stderr is this process' own: an article's failed analysis is logged there as in a build
        run = subprocess.run([sys.executable, "-c", code, str(todo), str(done)], env=env, stdin=subprocess.DEVNULL,
                             stdout=subprocess.DEVNULL, check=False)
        if run.returncode == 0 and done.exists():
            return [record_from_json(t) for t in pickle.loads(done.read_bytes())]
    log.warning("analysing %d undated articles again in a child process failed (exit %s); analysing them here",
                len(articles), run.returncode)
    return analyse_batch(articles, BATCH_SIZE, anchors)


def _child_main() -> None:
    """_analyse_in_child's child: (articles, anchors) pickled in argv[1], their records' JSON pickled to argv[2]."""
    import pickle
    from pathlib import Path

    articles, anchors = pickle.loads(Path(sys.argv[1]).read_bytes())
    Path(sys.argv[2]).write_bytes(pickle.dumps(analyse_batch_json(articles, BATCH_SIZE, anchors)))


def _pipeline_loaded() -> bool:
    """Whether this process has loaded the spaCy pipeline (it parsed articles), without importing spaCy."""
    nlp = sys.modules.get(f"{__package__}.nlp.pipeline")
    return nlp is not None and nlp.get_nlp.cache_info().currsize > 0


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


def analyse_batch(articles: list[Article], batch_size: int = BATCH_SIZE,
                  anchors: list[str | None] | None = None) -> list[ArticleRecord]:
    """Parse and extract a batch in this process; the unit of work of every engine (anchors: an inferred
    writing date per article, for undated articles analysed again)."""
    from .nlp.pipeline import parse

    wanted = anchors if anchors is not None else [None] * len(articles)
    return [record_from_parse(a, doc, anchor)
            for doc, (a, anchor) in parse(((a.body, (a, w)) for a, w in zip(articles, wanted)), batch_size=batch_size)]


def analyse_batch_json(articles: list[Article], batch_size: int = BATCH_SIZE,
                       anchors: list[str | None] | None = None) -> list[str]:
    """analyse_batch for worker processes: records travel back as the store's JSON, not pickled objects."""
    from .store.serialize import record_to_json

    return [record_to_json(r) for r in analyse_batch(articles, batch_size, anchors)]


def analyse(articles: Iterable[Article], n_process: int = 1, batch_size: int = BATCH_SIZE,
            pool: "AnalysisPool | None" = None) -> Iterator[ArticleRecord]:
    """Parse and extract articles in input order, streaming: nothing is loaded until the first article
    arrives, and at most a few batches are in flight. With n_process > 1 each worker process parses AND
    extracts (the extractors cost as much as the parse, so parsing alone in workers would leave them idle);
    pool: such workers kept by the caller for later work (api.build's re-analysis), else started here."""
    it = iter(articles)
    first = next(it, None)
    if first is None:
        return  # nothing to do: the spaCy pipeline is never loaded
    it = itertools.chain([first], it)
    if pool is not None:
        yield from pool.analyse(it)
        return
    if n_process <= 1:
        from .nlp.pipeline import parse

        # a text longer than a section is parsed and analysed section by section (record_from_sections)
        for doc, article in parse(((a.body, a) for a in it), batch_size=batch_size):
            yield record_from_parse(article, doc)  # one by one, so the caller can commit each
        return
    with AnalysisPool(n_process, batch_size) as own:
        yield from own.analyse(it)


def _pool_context() -> multiprocessing.context.BaseContext:
    """fork where it is safe and cheap (Linux): workers inherit a loaded pipeline, like nlp.pipe's own."""
    if sys.platform.startswith("linux"):
        return multiprocessing.get_context("fork")
    return multiprocessing.get_context("spawn")


def _load_worker() -> None:
    """A worker's start: the pipeline and the extractors loaded, then every object made so far (the model, the
    lexicons, what the fork inherited) frozen out of the garbage collector's full passes."""
    import gc

    if "torch" not in sys.modules:
        # thinc imports torch when it is installed, and the parse never uses it (the pipeline runs on thinc's numpy
        # ops): a worker started in 2.8-2.9 instead of 3.9 s CPU without it (two workers: ~2 core-s a -j 2 build),
        # the same records (md5 of 120 sample1000 texts parsed and analysed). None in sys.modules makes 'import
        # torch' raise ImportError, which thinc and spaCy take as torch not being installed.
        sys.modules["torch"] = None  # type: ignore[assignment]
    from .nlp.pipeline import get_nlp

    get_nlp()
    _extractors()
    # Each full collection walked the ~300k objects of the loaded pipeline again (0.14 s each, one per ~160 texts
    # parsed and analysed); frozen, one takes 0.01 s. They live as long as the worker anyway.
    gc.freeze()
    # The parse and the rules make and drop millions of short-lived objects (Tokens, Spans, lists) per batch: at the
    # default young threshold (700) a worker collected 662 + 60 + 5 times per 500 bench texts, 0.17 s CPU (gc
    # callbacks); at 10,000: 15 + 1 + 0 times, 0.03 s. Cyclic garbage still goes, a little later.
    gc.set_threshold(10_000, 10, 10)


def worker_pool(n_process: int) -> "AnalysisPool | contextlib.nullcontext[None]":
    """A context with a build's AnalysisPool of n_process workers (records come back as EncodedRecords, for the
    store), or with None when n_process <= 1 (this process parses)."""
    return AnalysisPool(n_process, encoded=True) if n_process > 1 else contextlib.nullcontext()


class AnalysisPool:
    """n_process worker processes that parse and extract, each with the spaCy pipeline loaded once; started on
    first use. A build keeps them until its corpus step has analysed its undated articles again
    (reanalyse_with_anchors), so neither the build nor its corpus step loads the model in the parent."""

    def __init__(self, n_process: int, batch_size: int = BATCH_SIZE, encoded: bool = False) -> None:
        self.n_process = max(1, n_process)
        # encoded: analyse() yields the workers' JSON as EncodedRecords, decoded only as far as they are read (a
        # build stores them as they came); else ArticleRecords
        self.encoded = encoded
        # One nlp.pipe batch per task, as large as spaCy's own n_process batches (BATCH_SIZE): 16 texts per
        # batch parse with ~4% less CPU than 8 (150 pool texts: 12.9-13.0 s against 13.3-13.6 s).
        self.task_size = max(1, batch_size)
        self._pool: multiprocessing.pool.Pool | None = None

    def _workers(self) -> "multiprocessing.pool.Pool":
        if self._pool is None:
            self._pool = _pool_context().Pool(self.n_process, initializer=_load_worker)
        return self._pool

    def analyse(self, articles: Iterable[Article]) -> "Iterator[ArticleRecord | EncodedRecord]":
        """Records of articles in input order, a few batches in flight; stopping early stops the workers."""
        from .store.serialize import EncodedRecord, record_from_json

        received = EncodedRecord if self.encoded else record_from_json
        it = iter(articles)
        pending: deque = deque()
        done = False
        try:
            first = next(it, None)
            if first is not None:
                # The workers start with the first article, not once a whole task was read: their start (the
                # extractors' import, ~0.4 s CPU each; the spaCy load too when this process has not loaded it) runs
                # while this process reads the rest of the first task (sample1000: ~0.1 s of a core idle before).
                self._workers()
                it = itertools.chain([first], it)
            while True:
                while len(pending) < 2 * self.n_process and (batch := list(itertools.islice(it, self.task_size))):
                    pending.append(self._workers().apply_async(analyse_batch_json, (batch, self.task_size)))
                if not pending:
                    break
                for text in pending.popleft().get():
                    yield received(text)
            done = True
        finally:
            if not done:  # an error, or the caller stopped reading: the batches in flight are not wanted
                self.terminate()

    def analyse_now(self, articles: list[Article], anchors: list[str | None]) -> list[ArticleRecord]:
        """Records of a few articles analysed against these writing dates, spread over the workers."""
        from .store.serialize import record_from_json

        n = max(1, -(-len(articles) // self.n_process))  # one task per worker
        tasks = [self._workers().apply_async(analyse_batch_json, (articles[i:i + n], self.task_size, anchors[i:i + n]))
                 for i in range(0, len(articles), n)]
        return [record_from_json(text) for task in tasks for text in task.get()]

    def close(self) -> None:
        """Let the workers finish and exit (a no-op when none were started)."""
        if self._pool is not None:
            self._pool.close()
            self._pool.join()
            self._pool = None

    def terminate(self) -> None:
        """Stop the workers now."""
        if self._pool is not None:
            self._pool.terminate()
            self._pool = None

    def __enter__(self) -> "AnalysisPool":
        return self

    def __exit__(self, exc_type: object, *rest: object) -> None:
        if exc_type is None:
            self.close()
        else:
            self.terminate()

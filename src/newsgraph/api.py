"""The Python API the CLI mirrors: build a store, export annotations, read what was found."""
from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable, Iterable, Sequence

from .ingest import iter_articles
from .pipeline import analyse
from .records import Article, ArticleRecord, IngestError

Progress = Callable[[str], None]


@dataclass
class BuildReport:
    """What a build did: which articles were new, replaced, unchanged or unreadable."""

    added: list[str] = field(default_factory=list)
    replaced: list[str] = field(default_factory=list)
    unchanged: list[str] = field(default_factory=list)
    errors: list[IngestError] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.errors


def read_inputs(inputs: Sequence[str | Path]) -> tuple[list[Article], list[IngestError]]:
    """All readable articles and one error per unreadable input; later duplicates of a doc_id are errors."""
    articles: list[Article] = []
    errors: list[IngestError] = []
    seen: dict[str, str] = {}
    for item in iter_articles(list(inputs)):
        if isinstance(item, IngestError):
            errors.append(item)
        elif item.doc_id in seen:
            errors.append(IngestError(item.source, "E111", f"duplicate doc_id {item.doc_id!r} (first read from {seen[item.doc_id]}); skipped"))
        else:
            seen[item.doc_id] = item.source
            articles.append(item)
    return articles, errors


def analyse_articles(articles: Iterable[Article], engine: str = "local", n_process: int = 1,
                     on_article: Progress | None = None) -> list[ArticleRecord]:
    """Per-article work on the chosen engine; results come back in input order."""
    articles = list(articles)
    if engine == "ray":
        from .engine_ray import analyse_with_ray

        records = analyse_with_ray(articles)
        if on_article:
            for r in records:
                on_article(r.article.doc_id)
        return records
    out = []
    for rec in analyse(articles, n_process=n_process):
        out.append(rec)
        if on_article:
            on_article(rec.article.doc_id)
    return out


def build(inputs: Sequence[str | Path], db: str | Path, engine: str = "local", n_process: int = 1,
          on_article: Progress | None = None, on_total: Callable[[int], None] | None = None) -> BuildReport:
    """Ingest inputs into the store; unchanged articles are skipped, changed ones replaced, then the
    cross-article layers are recomputed from every stored record."""
    from .resolve.corpus import resolve_corpus
    from .store.db import Store

    report = BuildReport()
    articles, report.errors = read_inputs(inputs)
    with Store(db) as store:
        stored = store.content_ids()
        todo = []
        for a in articles:
            if stored.get(a.doc_id) == a.content_id:
                report.unchanged.append(a.doc_id)
            else:
                (report.replaced if a.doc_id in stored else report.added).append(a.doc_id)
                todo.append(a)
        if on_total:
            on_total(len(todo))
        if engine == "ray":
            for rec in analyse_articles(todo, engine="ray", on_article=on_article):
                store.put_record(rec)
        else:
            for rec in analyse(todo, n_process=n_process):
                store.put_record(rec)  # one transaction per article: a crash loses at most the one in flight
                if on_article:
                    on_article(rec.article.doc_id)
        if todo or not stored or store.corpus_is_empty():
            corpus = resolve_corpus(list(store.records()))
            store.replace_corpus_layers(corpus.rows())
    return report


def export_annotations(inputs: Sequence[str | Path], out_dir: str | Path, engine: str = "local",
                       on_article: Progress | None = None) -> tuple[list[Path], list[IngestError]]:
    """Process inputs in memory and write one annotation JSON per article."""
    from .export.annotations import write_annotations
    from .resolve.entities import merge_entities

    articles, errors = read_inputs(inputs)
    records = analyse_articles(articles, engine=engine, on_article=on_article)
    index = merge_entities(records)
    return write_annotations(records, index, Path(out_dir)), errors

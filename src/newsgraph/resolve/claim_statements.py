"""The statements the claims layer compares, one article at a time: its quotes, and its own checkable sentences
(a finite verb and a named entity, outside quotes)."""
from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Mapping
from typing import NamedTuple

from ..records import ArticleRecord

MIN_WORDS = 6
_SENT_SPLIT = re.compile(r"(?<=[.!?])[\"”’)]?\s+(?=[\"“(]?[A-Z])|\n+")
_FINITE_HINT = re.compile(
    r"\b(is|are|was|were|has|have|had|will|would|can|could|may|might|must|does|did|do)\b|\w(ed|es|s)\b", re.I
)


class Statement(NamedTuple):
    """One statement in one article: what was said or asserted, by whom, and where in the body."""

    doc_id: str
    text: str
    speaker: str | None  # corpus-wide entity id (or article-local key) of who said it; None = the article itself
    start: int
    end: int
    kind: str  # direct | indirect | according_to | asserted


def article_statements(record: ArticleRecord, entity_ids: Mapping[tuple[str, str], str] | None = None) -> list[Statement]:
    """Quotes plus the article's own checkable sentences (a finite verb and a named entity), outside quotes.

    Cached per article in resolve.statement_digests: bump its VERSION when this gives other statements."""
    doc_id = record.article.doc_id
    body = record.article.body
    out: list[Statement] = []
    for q in record.quotes:
        out.append(Statement(doc_id, q.content, _global(doc_id, q.speaker, entity_ids), q.start, q.end, q.kind))
    quoted = [(q.start, q.end) for q in record.quotes]
    named = sorted((m.start, m.end) for m in record.mentions if m.kind != "demonym")
    starts = [a for a, _ in named]
    for start, end in sentence_spans(record):
        text = body[start:end].strip()
        if len(text.split()) < MIN_WORDS or text.endswith("?") or _is_title_case(text):
            continue
        if not _FINITE_HINT.search(text):
            continue
        if not _names_within(named, starts, start, end):
            continue
        inside = [(a, b) for a, b in quoted if a < end and start < b]
        if inside:
            # the sentence reports a quote: the quote is the statement, and the frame before it may assert more
            frame = body[start : min(a for a, _ in inside)]
            cut = frame.rfind(",")  # 'Amid X in Y, the minister said that ...': keep 'Amid X in Y'
            if cut < 0:
                continue
            end = start + cut
            text = body[start:end].strip()
            if len(text.split()) < MIN_WORDS or not _names_within(named, starts, start, end):
                continue
        out.append(Statement(doc_id, text, None, start, end, "asserted"))
    return out


def _names_within(named: list[tuple[int, int]], starts: list[int], start: int, end: int) -> bool:
    """any(start <= a and b <= end for a, b in named), named sorted: only the names starting in [start, end] are
    looked at (every sentence scanned every mention of its article)."""
    for k in range(bisect_left(starts, start), len(named)):
        a, b = named[k]
        if a > end:
            return False
        if b <= end:
            return True
    return False


def sentence_spans(record: ArticleRecord) -> list[tuple[int, int]]:
    """The record's sentence offsets, or a punctuation split of the body when the record has none."""
    body = record.article.body
    if record.sentences:
        spans = []
        for a, b in record.sentences:  # the parser may run a sentence over a paragraph break
            pos = a
            for piece in re.split(r"(\n+)", body[a:b]):
                if piece.strip() and not piece.startswith("\n"):
                    spans.append((pos + len(piece) - len(piece.lstrip()), pos + len(piece.rstrip())))
                pos += len(piece)
        return spans
    spans, pos = [], 0
    for m in _SENT_SPLIT.finditer(body):
        spans.append((pos, m.start() + (len(m.group(0)) - len(m.group(0).lstrip("\"”’)")))))
        pos = m.end()
    spans.append((pos, len(body)))
    return [(a + len(body[a:b]) - len(body[a:b].lstrip()), a + len(body[a:b].rstrip())) for a, b in spans if body[a:b].strip()]


def _global(doc_id: str, key: str | None, entity_ids: Mapping[tuple[str, str], str] | None) -> str | None:
    if key is None or entity_ids is None:
        return key
    return entity_ids.get((doc_id, key), key)


_WORD = re.compile(r"[A-Za-z][A-Za-z'’-]*")
_SMALL = frozenset({"a", "an", "the", "of", "in", "on", "to", "for", "and", "as", "at", "by", "with", "or", "from"})


def _is_title_case(text: str) -> bool:
    """A headline-like line: every word capitalised but the small ones (read up to the first word that is not, as
    most sentences have one early: every sentence of every article is asked)."""
    seen = False
    for m in _WORD.finditer(text):
        w = m.group()
        if not (w[0].isupper() or w.lower() in _SMALL):
            return False
        seen = True
    return seen

"""When an undated article was written, inferred from a dated event it reports 'on <weekday>'.

An undated report that says "Diop on Tuesday said ..., as Lavrov made his first visit" while dated
articles put that visit on Tuesday 7 February 2023 was written in the days after that Tuesday: its
"last year" is 2022, not an unknown year. The inference needs all of: a story event dated to the day by a
dated article's own text, a report of it in the undated article, a weekday named in that report's
sentence or the one before, and that weekday matching the story's day. Any disagreement between candidates gives nothing.
"""
from __future__ import annotations

import datetime as dt
import re
from collections.abc import Sequence
from dataclasses import dataclass

from ..pipeline import anchor_of
from ..records import ArticleRecord
from .corpus import StoryEvent

WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
_WEEKDAY = re.compile(r"\b(" + "|".join(WEEKDAYS) + r")\b", re.I)
_DAY = re.compile(r"^\d{4}-\d{2}-\d{2}$")


@dataclass(frozen=True)
class InferredAnchor:
    """The writing date of an undated article and the report that gives it."""

    doc_id: str
    date: str  # ISO day
    story_id: str
    evidence: str  # the sentences naming the weekday


def _report_window(record: ArticleRecord, offset: int) -> tuple[int, int]:
    """The report's sentence and the one before it: 'X said on Tuesday ... X's statement comes as ...'."""
    sents = list(record.sentences)
    k = next((n for n, (a, b) in enumerate(sents) if a <= offset < b), None)
    if k is None:
        return offset, offset
    return sents[max(0, k - 1)][0], sents[k][1]


def infer_anchors(records: Sequence[ArticleRecord], stories: Sequence[StoryEvent]) -> dict[str, InferredAnchor]:
    """doc_id -> inferred writing date, for undated articles whose weekday matches a dated story they report."""
    by_doc = {r.article.doc_id: r for r in records}
    dated = {d for d, r in by_doc.items() if anchor_of(r.article)}
    candidates: dict[str, list[InferredAnchor]] = {}
    for story in stories:
        if not story.date or not _DAY.match(story.date):
            continue
        # the day must come from a dated article's own text, not from another inference
        if not any(d in dated and by_doc[d].events[i].date == story.date for d, i in story.mentions if d in by_doc):
            continue
        weekday = WEEKDAYS[dt.date.fromisoformat(story.date).weekday()]
        for doc_id, i in story.mentions:
            record = by_doc.get(doc_id)
            if record is None or doc_id in dated:
                continue
            start, end = _report_window(record, record.events[i].start)
            sentence = record.article.body[start:end]
            named = {m.group(1).lower() for m in _WEEKDAY.finditer(sentence)}
            if named:
                anchor = story.date if named == {weekday} else ""
                candidates.setdefault(doc_id, []).append(InferredAnchor(doc_id, anchor, story.id, sentence.strip()))
    out: dict[str, InferredAnchor] = {}
    for doc_id, found in candidates.items():
        if len({c.date for c in found}) == 1 and found[0].date:
            out[doc_id] = found[0]
    return out

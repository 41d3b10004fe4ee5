"""Story events and time: reports written far apart join only on a shared explicit date, and a story never dates
a report after its own writing."""
from __future__ import annotations

import re
from dataclasses import replace
from pathlib import Path

import pytest

from newsgraph.api import read_inputs
from newsgraph.resolve.corpus import _story_block
from newsgraph.resolve.event_coref import EventMention, reported_close, story_date_applies

DEV = Path(__file__).resolve().parents[2].parent / "shared" / "dev" / "texts"
needs_dev = pytest.mark.skipif(not DEV.is_dir(), reason="shared dev set not present at ../shared/dev")


def _sentence_with(stem: str, phrase: str) -> tuple[str, str | None]:
    """The body sentence of a dev article holding phrase (wrapped lines joined), and the article's date."""
    path = next(DEV.glob(f"{stem}_*"))
    (article,), _ = read_inputs([path])
    body = re.sub(r"\s+", " ", article.body)
    at = body.index(phrase)
    start = max(body.rfind(". ", 0, at) + 2, 0)
    end = body.find(". ", at)
    return body[start : end + 1], article.published


def _call(stem: str, phrase: str, date: str | None) -> EventMention:
    sentence, published = _sentence_with(stem, phrase)
    at = sentence.index("conversation")
    return EventMention(doc_id=stem, mention_id=f"{stem}:0", trigger="conversation", lemma="conversation",
                        sentence=sentence, group="CONSULT", type="CONSULT", date=date,
                        participants=("donald-trump", "vladimir-putin"), span=(at, at + len("conversation")),
                        roles=("donald-trump", "vladimir-putin"), published=published)


@needs_dev
def test_two_trump_putin_calls_five_weeks_apart_are_two_stories():
    # d2a (10 Feb 2025): Trump says he has had a conversation with Putin (dated to his inauguration day by the
    # sentence); d4a (19 Mar 2025): Trump briefed Zelenskyy on 'his conversation with ... Putin', the 18 March call
    early = _call("d2a", "had a conversation with Putin", "2025-01-20")
    later = _call("d4a", "his conversation with Russian President", None)
    assert early.published == "2025-02-10" and later.published == "2025-03-19"
    assert not reported_close(early, later)
    labels = _story_block([early, later])
    assert labels[0] != labels[1]
    # the same two reports written within the story window are one meeting (the structural join still works)
    assert len(set(_story_block([early, replace(later, published="2025-02-12")]))) == 1
    # and reports far apart that give the same explicit date still join
    assert reported_close(replace(early, date="2025-03-18"), replace(later, date="2025-03-18"))


def test_story_dates_are_not_handed_to_reports_written_before_them():
    assert story_date_applies(None, "2023-02-07", "2023-02-09")
    assert story_date_applies("2023-02", "2023-02-07", "2023-02")  # same month: no contradiction
    assert story_date_applies(None, "2023-02-07", None)  # an undated article takes the story's day
    assert not story_date_applies(None, "2023-02-07", "2023-02-06")  # written the day before the story's day
    assert not story_date_applies(None, "2023-03", "2023-02-20")
    assert not story_date_applies("2023-02-06", "2023-02-07", None)  # its own day is never replaced

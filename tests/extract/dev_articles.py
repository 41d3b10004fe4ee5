"""One cached reader of dev articles (fold A; fold B1 from session 6) for the extractor tests: the real readers and pipeline, each file once."""
from __future__ import annotations

from functools import lru_cache
from pathlib import Path

import pytest

from newsgraph.api import read_inputs
from newsgraph.pipeline import analyse_batch
from newsgraph.records import ArticleRecord

DEV = Path(__file__).resolve().parents[2].parent / "shared" / "dev" / "texts"

needs_dev = pytest.mark.skipif(not DEV.is_dir(), reason="shared dev set not present at ../shared/dev")


@lru_cache(maxsize=None)
def dev_record(stem: str) -> ArticleRecord:
    """The record of the dev article whose file name starts with stem ('d4a')."""
    path = next(DEV.glob(f"{stem}_*"))
    articles, errors = read_inputs([path])
    assert not errors and len(articles) == 1, f"{path.name} did not read as one article: {errors}"
    return analyse_batch(articles)[0]


def event_dates(stem: str, words: str) -> set[str | None]:
    """The dates of the events of one dev article whose evidence contains these words (line breaks read as spaces)."""
    found = [e for e in dev_record(stem).events if words in " ".join(e.evidence.split())]
    assert found, f"no event with {words!r} in {stem}"
    return {e.date for e in found}

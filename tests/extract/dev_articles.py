"""One cached reader of dev fold A articles for the extractor tests: the real readers and pipeline, each file once."""
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

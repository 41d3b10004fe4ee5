"""Shared fixtures: the seed articles from ../shared, parsed once per session."""
from __future__ import annotations

from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
SHARED = REPO.parent / "shared"
SEEDS = SHARED / "seeds"


@pytest.fixture(scope="session")
def seed_records():
    """ArticleRecords of the five seeds through the real ingest and pipeline."""
    if not SEEDS.exists():
        pytest.fail(f"the shared seeds are missing at {SEEDS}: tests need ../shared beside the repo")
    from newsgraph.api import analyse_articles, read_inputs

    articles, errors = read_inputs([SEEDS])
    assert not errors
    return {r.article.doc_id: r for r in analyse_articles(articles)}

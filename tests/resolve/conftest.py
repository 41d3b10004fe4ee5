"""Fixtures of the resolve tests: the seeds and the dev articles through the real ingest and pipeline."""
from __future__ import annotations

from pathlib import Path

import pytest

DEV = Path(__file__).resolve().parents[2].parent / "shared" / "dev" / "texts"


@pytest.fixture(scope="module")
def records(seed_records) -> list:
    """Seeds then the dev articles, analysed once for this module."""
    if not DEV.is_dir():
        pytest.fail(f"the shared dev texts are missing at {DEV}: tests need ../shared beside the repo")
    from newsgraph.api import analyse_articles, read_inputs

    articles, errors = read_inputs([DEV])
    assert not errors and len(articles) >= 20
    return [*seed_records.values(), *analyse_articles(articles)]

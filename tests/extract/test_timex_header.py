"""The page's own dateline is kept as a date expression (offsets -1, it is not in the body); a front-matter field
is data about the page, not a date written in it (annotation guide: date expressions of the title and body)."""
from __future__ import annotations

from pathlib import Path

import pytest

from newsgraph.api import read_inputs
from newsgraph.pipeline import analyse_batch

DEV = Path(__file__).resolve().parents[2].parent / "shared" / "dev" / "texts"
needs_dev = pytest.mark.skipif(not DEV.is_dir(), reason="shared dev set not present at ../shared/dev")


def test_a_visible_header_dateline_is_kept(seed_records):
    # seed 000 prints its date above the body ('Sun. Oct 1st, 2023'): the gold lists it as a date expression
    record = next(r for k, r in seed_records.items() if k.startswith("000"))
    assert [t.text for t in record.timex if t.start < 0] == ["Sun. Oct 1st, 2023"]


@needs_dev
def test_a_front_matter_date_field_is_not_a_date_expression():
    # d1a (fold A) is dated only by its YAML 'date:' field; the article itself writes no such date
    articles, errors = read_inputs([next(DEV.glob("d1a_*"))])
    assert not errors
    record = analyse_batch(articles)[0]
    assert record.article.published == "2020-12-01"
    assert not [t for t in record.timex if t.start < 0]

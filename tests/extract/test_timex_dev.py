"""The date tagger on dev fold A texts (../shared/dev, d1-d4): numbers that name things, anniversaries."""
from __future__ import annotations

from pathlib import Path

import pytest

from newsgraph.api import read_inputs
from newsgraph.extract.timex import extract_timex

DEV = Path(__file__).resolve().parents[2].parent / "shared" / "dev" / "texts"
needs_dev = pytest.mark.skipif(not DEV.is_dir(), reason="shared dev set not present at ../shared/dev")


def _text(prefix: str) -> str:
    """The article body as the reader cleans it (markdown links read as their text)."""
    articles, errors = read_inputs([next(DEV.glob(f"{prefix}_*"))])
    assert not errors and len(articles) == 1
    return articles[0].body


@needs_dev
def test_a_numbered_resolution_is_not_a_year():
    # d1a: the arms embargo rests on a Security Council resolution numbered 1970, imposed in 2011
    values = [t.value for t in extract_timex(_text("d1a"), "2020-12-01")]
    assert "1970" not in values and "2011" in values


@needs_dev
def test_exactly_a_year_ago_is_the_same_day_a_year_before():
    # d1c (written 15 April 2024) opens on the anniversary of the war's outbreak
    found = [t for t in extract_timex(_text("d1c"), "2024-04-15") if t.text.lower() == "exactly a year ago"]
    assert [t.value for t in found] == ["2023-04-15"]


@needs_dev
def test_a_count_of_people_is_not_a_year():
    # d7c counts arrests ('at least 1857 people') beside its real dates; TempEval-3 scores are unchanged by the rule
    found = list(extract_timex(_text("d7c"), "2021-03-09"))
    assert "1857" not in [t.value for t in found]
    assert any(t.value.startswith("2021-03") for t in found)

"""Numeric dates with a two-digit year ('24/10/25') read several ways; the article's own text settles the order."""
from __future__ import annotations

from pathlib import Path

import pytest

from newsgraph.ingest import dates

DEV = Path(__file__).resolve().parents[2].parent / "shared" / "dev" / "texts"
needs_dev = pytest.mark.skipif(not DEV.is_dir(), reason="shared dev texts not present at ../shared")


def _text(prefix: str) -> str:
    return next(DEV.glob(f"{prefix}_*")).read_text(encoding="utf-8")


@needs_dev
def test_year_first_reading_when_the_body_speaks_only_of_that_year():
    # the Zakharova briefing (fold A) speaks of 2019 and 2018, never of 2006: '19/10/06' is 6 October 2019
    body = _text("d4b")
    assert dates.resolve(dates.find_date("19/10/06"), body) == ("2019-10-06", "day")
    # written day first, the same day stays day first
    assert dates.resolve(dates.find_date("06/10/19"), body) == ("2019-10-06", "day")


@needs_dev
def test_day_first_kept_when_its_year_is_mentioned():
    # the Mali article (fold A) mentions 2013, 2020 and 2021: '20/06/21' stays 20 June 2021 although 2020 is mentioned
    body = _text("d1b")
    assert dates.resolve(dates.find_date("20/06/21"), body) == ("2021-06-20", "day")
    # '21/06/13' could be 2021-06-13, but the text mentions 2013 too: day first stands (2013-06-21)
    assert dates.resolve(dates.find_date("21/06/13"), body) == ("2013-06-21", "day")
    # '21/06/03' read year first is 2021-06-03; day first (2003) is never mentioned and 2021 is the latest year
    assert dates.resolve(dates.find_date("21/06/03"), body) == ("2021-06-03", "day")


@needs_dev
def test_a_weekday_written_with_the_date_picks_the_reading():
    # 23 October 2024 was a Wednesday, 24 October 2023 a Tuesday; the body's years (2019, 2018) fit neither
    body = _text("d4b")
    assert dates.resolve(dates.find_date("Wed 24/10/23"), body) == ("2024-10-23", "day")
    assert dates.resolve(dates.find_date("Tue 24/10/23"), body) == ("2023-10-24", "day")
    assert dates.resolve(dates.find_date("24/10/23"), body) == ("2023-10-24", "day")

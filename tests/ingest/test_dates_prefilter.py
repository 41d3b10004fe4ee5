"""find_date skips date patterns a line cannot match (no digit; no '19'/'20' for a year pattern; no digit, '.' or '/',
digit for the d/m/yy one): same dates."""
from __future__ import annotations

from pathlib import Path

import pytest

from newsgraph.ingest import dates

SHARED = Path(__file__).resolve().parents[2].parent / "shared"
FILES = sorted([*(SHARED / "seeds").glob("*"), *(SHARED / "dev" / "texts").glob("*")])


def _every_pattern(text: str) -> dates.PartialDate | None:
    """find_date as it was: every pattern searched."""
    best = None
    for pat in dates.DATE_PATTERNS:
        m = pat.search(text)
        pd = dates._from_match(m) if m else None
        if pd is not None and (best is None or dates._completeness(pd) > dates._completeness(best)):
            best = pd
    return best


@pytest.mark.skipif(not FILES, reason="shared seeds/dev not present at ../shared")
def test_find_date_is_unchanged_on_real_lines():
    lines = [line for p in FILES if p.is_file() for line in p.read_text(encoding="utf-8").splitlines() if len(line) <= 200]
    lines += ["Mon, 3/4/21", "Published: 12 March 2023", "2023-03-01", "le 3 mars 2021", "March 2023",
              "\u0661\u0662/\u0660\u0663/\u0662\u0660\u0662\u0661", "12.3.\u0662\u0660\u0662\u0661", "Tuesday, 3rd of May 1999",
              "Sat 01.02.03", "Mon. 4/5/21 at noon", "\u0661\u0662.\u0660\u0663.\u0662\u0661", "version 2.1.3", "1. 2/3 4"]
    found = [dates.find_date(line) for line in lines]
    assert found == [_every_pattern(line) for line in lines]
    assert sum(f is not None for f in found) > 20  # real datelines among them


def test_the_year_patterns_are_known_to_need_a_year():
    assert sum(needs == {"19", "20"} for needs in dates._NEEDS) >= 4
    assert all(needs is None or needs == {"19", "20"} for needs in dates._NEEDS)
    assert not any(dates.DATE_PATTERNS[i].search("Updated March, at noon") for i in range(len(dates.DATE_PATTERNS)))

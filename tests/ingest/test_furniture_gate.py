"""The furniture patterns gated by their required words (regex_prefilter.Gated) find exactly what the bare patterns
find, on every line of the real dev texts and seeds, whole or one top-level alternative at a time (Gated.found)."""
from __future__ import annotations

from pathlib import Path

import pytest

from newsgraph.ingest import furniture
from newsgraph.regex_prefilter import Gated

SHARED = Path(__file__).resolve().parents[2].parent / "shared"


def test_gated_patterns_find_what_the_bare_patterns_find():
    paths = sorted((SHARED / "dev" / "texts").iterdir()) + sorted((SHARED / "seeds").iterdir())
    if not paths:
        pytest.fail(f"the shared dev texts and seeds are missing under {SHARED}")
    lines = [ln.strip() for p in paths for ln in p.read_text(encoding="utf-8").splitlines() if ln.strip()]
    gated = {name: g for name, g in vars(furniture).items() if isinstance(g, Gated)}
    assert len(gated) >= 10 and all(g.words for g in gated.values())
    skipped = 0
    for g in gated.values():
        for line in lines:
            bare = g.regex.search(line)
            found = g.search(line)
            assert (found and found.span()) == (bare and bare.span()), (g.pattern[:60], line[:80])
            assert g.found(line) == bool(bare), (g.pattern[:60], line[:80])  # alternative by alternative
            skipped += found is None
    assert skipped > len(lines)  # the gate does skip lines


@pytest.mark.parametrize("line, kind", [
    ("© 2021 Example Media Group", "copyright"),  # "©" is looked for apart from the gated words
    ("Text © Jane Doe", "copyright"),
    ("(c) 2019 Example News", "copyright"),
    ("All rights reserved.", "copyright"),
    ("});", "code"),  # a line of brackets alone: code, though it holds none of the gated words
    ("[ ]", "code"),
    ("var config = {debug: false, user: null}", "code"),
    ("window.dataLayer = window.dataLayer || []", "code"),
    ("The council let the contract lapse in 2019, the documents show.", None),
])
def test_copyright_signs_and_bracket_lines_are_still_furniture(line, kind):
    furniture.furniture_kind.cache_clear()
    assert furniture.furniture_kind(line, len(furniture.words_of(line))) == kind

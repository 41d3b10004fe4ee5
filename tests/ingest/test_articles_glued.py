"""A page saved as one line: the foot byline and the 'Related:' headline glued into its paragraphs are
furniture (the byline still names the author), also when the same text is hard-wrapped."""
from __future__ import annotations

import json
import textwrap
from pathlib import Path

import pytest

from newsgraph.ingest.articles import article_from_text, unglue_furniture

SHARED = Path(__file__).resolve().parents[2].parent / "shared"
DEV = SHARED / "dev"
SEEDS = SHARED / "seeds"

pytestmark = pytest.mark.skipif(not DEV.is_dir() or not SEEDS.is_dir(), reason=f"shared data not found at {SHARED}")


@pytest.mark.parametrize("width", [None, 60, 72])
def test_glued_byline_and_related_headline_leave_the_body(width):
    path = next((DEV / "texts").glob("d3a_*.txt"))
    gold = json.loads((DEV / "gold" / f"{path.stem}.json").read_text(encoding="utf-8"))
    text = path.read_text(encoding="utf-8")
    if width:
        text = "\n".join(textwrap.wrap(text, width))
    art = article_from_text(text, doc_id=path.stem, source=str(path))
    assert art.author == gold["meta"]["author"]
    squashed = " ".join(art.body.split())
    for line in gold["boilerplate"]:
        assert " ".join(line.split()) not in squashed
    assert " ".join(gold["body_last_words"].split()) in squashed[-300:]


def test_seeds_have_nothing_glued():
    for path in sorted(SEEDS.glob("*.txt")):
        text = path.read_text(encoding="utf-8")
        assert unglue_furniture(text) == text, path.name

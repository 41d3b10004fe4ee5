"""Actor scoring on the PLOVER GSR sentences (../shared/benchmarks/plover_gsr): the README's overlap rule, on real records."""
from __future__ import annotations

from functools import lru_cache
from pathlib import Path

import pytest

from newsgraph.evaluate.plover import gold_actors, load, overlaps, predict, score_actors

GSR = Path(__file__).resolve().parents[2].parent / "shared" / "benchmarks" / "plover_gsr" / "train.jsonl"
needs_gsr = pytest.mark.skipif(not GSR.is_file(), reason="PLOVER GSR not present at ../shared")


@lru_cache(maxsize=None)
def _rows() -> tuple[dict, ...]:
    return tuple(load(GSR))


def _row(row_id: str) -> dict:
    return next(r for r in _rows() if r["id"] == row_id)


@needs_gsr
def test_reciprocal_record_gives_every_member_both_roles():
    """'(SRC/TAR: United States) and (SRC/TAR: Jordan) have agreed': either country is a right source or target."""
    row = _row("PLOVER-GSR01-AGREE-0003")
    gold = gold_actors(row)
    assert gold["source"] == gold["target"] and len(gold["source"]) == 2


@needs_gsr
def test_one_way_record_keeps_its_roles_apart():
    row = _row("PLOVER-GSR01-AGREE-0002")  # APEC agreed to set up a centre in Tokyo
    gold = gold_actors(row)
    assert not overlaps(gold["source"][0], gold["target"][0])
    assert any(overlaps("APEC forum", g) for g in gold["source"]) is False  # the acronym is not the gold words
    assert any(overlaps("the Asia-Pacific Economic Cooperation", g) for g in gold["source"])


@needs_gsr
def test_actor_scores_on_real_sentences():
    """On the first 60 train sentences sources are found and mostly right; a wrong actor lowers precision."""
    rows = list(_rows()[:60])
    preds = predict([r["text"] for r in rows])
    scores = score_actors(rows, preds)
    src = scores["top_event"]["source"]
    assert src["ok"] >= 30 and src["p"] >= 0.8, src
    # Scoring the same predictions against another sentence's gold must fall apart.
    shifted = score_actors(rows[1:] + rows[:1], preds)
    assert shifted["top_event"]["source"]["ok"] < src["ok"] / 2, shifted["top_event"]["source"]
    assert 0.0 < scores["full_match"] <= 1.0


@needs_gsr
def test_entity_name_matches_the_demonym_gold_uses():
    """'Senior Hungarian and Romanian officials': gold actorText is the demonym, our actor the country."""
    gold = gold_actors(_row("PLOVER-GSR01-AGREE-0001"))
    assert any(overlaps("Romania", g) for g in gold["target"])
    assert not any(overlaps("Rome", g) for g in gold["target"])

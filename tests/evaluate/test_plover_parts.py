"""The PLOVER GSR halves: design (read) and check (held out) split the real train sentences with every type in both."""
from __future__ import annotations

from pathlib import Path

import pytest

from newsgraph.errors import BenchmarkError
from newsgraph.evaluate.plover import load, part_of

GSR = Path(__file__).resolve().parents[2].parent / "shared" / "benchmarks" / "plover_gsr" / "train.jsonl"
pytestmark = pytest.mark.skipif(not GSR.is_file(), reason="PLOVER GSR not present at ../shared")


def test_halves_partition_the_sentences_and_share_every_type():
    rows = load(GSR)
    design, check = part_of(rows, "design"), part_of(rows, "check")
    ids = [r["id"] for r in design] + [r["id"] for r in check]
    assert sorted(ids) == sorted(r["id"] for r in rows)  # every sentence in exactly one half
    assert abs(len(design) - len(check)) <= 1
    assert {r["event_plover2023"] for r in design} == {r["event_plover2023"] for r in check} \
        == {r["event_plover2023"] for r in rows}


def test_unknown_part_is_a_coded_error_naming_the_file():
    with pytest.raises(BenchmarkError, match="unknown part 'test'") as err:
        part_of(load(GSR), "test", source=str(GSR))
    assert "train.jsonl" in str(err.value)

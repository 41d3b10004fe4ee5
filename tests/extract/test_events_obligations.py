"""Obligations voiced in reported speech on real text (dev fold A): 'X said Y must do Z' is a demand (REQUEST),
except when what must be done is to respect or uphold a party ('Iraq's sovereignty must be respected'): that voices
backing for the party (SUPPORT, the party as recipient). Fold B stays out of tests."""
from __future__ import annotations

from dev_articles import dev_record as _record, needs_dev


def _events(stem: str, words: str):
    """The events of one dev article whose evidence contains these words (line breaks read as spaces)."""
    return [e for e in _record(stem).events if words in " ".join(e.evidence.split())]


@needs_dev
def test_sovereignty_that_must_be_respected_is_backing_for_its_state():
    # d3b: the Chinese spokesman on Iraq after the Soleimani strike
    found = _events("d3b", "must be respected")
    assert [(e.type, e.target) for e in found] == [("SUPPORT", "Iraq")]


@needs_dev
def test_leadership_the_world_should_respect_is_backing_for_its_state():
    # d3a: the Chinese envoy on South Sudan
    found = _events("d3a", "should fully respect")
    assert found and all(e.type == "SUPPORT" and e.target == "South Sudan" for e in found)


@needs_dev
def test_other_obligations_stay_demands():
    # d2a: 'all of President Vladimir Putin's conditions must be met' is still a demand
    assert any(e.type == "REQUEST" for e in _events("d2a", "conditions must be met"))

"""Actors read from argument structure on real text (dev articles through the real readers, PLOVER GSR design
sentences): two parties named side by side deal with each other, an obligation names whom it is put on, and a
protest is against what it is staged to protest."""
from __future__ import annotations

from functools import lru_cache
from pathlib import Path

import pytest
from dev_articles import dev_record, needs_dev

from newsgraph.evaluate.plover import load, predict

GSR = Path(__file__).resolve().parents[2].parent / "shared" / "benchmarks" / "plover_gsr" / "train.jsonl"
needs_gsr = pytest.mark.skipif(not GSR.is_file(), reason="PLOVER GSR not present at ../shared")


def _pairs(stem: str, words: str, etype: str) -> set[tuple[str | None, str | None]]:
    found = [e for e in dev_record(stem).events if words in " ".join(e.evidence.split()) and e.type == etype]
    assert found, f"no {etype} event with {words!r} in {stem}"
    return {(e.source, e.target) for e in found}


@lru_cache(maxsize=None)
def _gsr_events(row_id: str) -> tuple:
    row = next(r for r in load(GSR) if r["id"] == row_id)
    pred = predict([row["text"]])[0]
    return tuple((e.type, e.source, e.target) for e in pred.events)


@needs_dev
def test_two_parties_named_side_by_side_act_on_each_other():
    # d5a 'Ankara and Moscow could theoretically agree on a ceasefire', d5b 'Ethiopia and Eritrea normalised relations'
    assert _pairs("d5a", "Ankara and Moscow could theoretically agree", "AGREE") == {("Turkey", "Russia"), ("Russia", "Turkey")}
    assert _pairs("d5b", "Ethiopia and Eritrea normalised relations", "SUPPORT") >= {("Ethiopia", "Eritrea"), ("Eritrea", "Ethiopia")}


@needs_dev
def test_one_plural_word_keeps_first_named_to_the_other():
    # d4a 'The two leaders also agreed on a partial ceasefire': coded Trump -> Zelenskyy only
    pairs = _pairs("d4a", "The two leaders also agreed", "AGREE")
    assert len(pairs) == 1 and all(s and t for s, t in pairs)


@needs_dev
def test_an_obligation_reported_names_whom_it_is_put_on():
    # d7a 'Senior Biden administration officials ... said Venezuelan election authorities must release ...'
    assert all(t is not None for _, t in _pairs("d7a", "said Venezuelan election authorities must release", "REQUEST"))


@needs_gsr
@pytest.mark.parametrize("row_id, target", [
    ("PLOVER-GSR01-DEMAND-0028", "Sudan"),  # 'Russia said on Tuesday that Sudan must return a Mi-26 helicopter'
    ("PLOVER-GSR01-DEMAND-0004", "China"),  # 'declared Tuesday that China must drop barriers'
])
def test_said_that_x_must_asks_x(row_id, target):
    assert any(t == "REQUEST" and tgt == target for t, _, tgt in _gsr_events(row_id)), _gsr_events(row_id)


@needs_gsr
@pytest.mark.parametrize("row_id, target", [
    ("PLOVER-GSR01-PROTEST-0007", "Sweden"),  # 'began a hunger strike ... to protest against Sweden's decision'
    ("PLOVER-GSR01-PROTEST-0012", "Russia"),  # 'continuing a hunger strike in protest of the Russian government's refusal'
])
def test_a_protest_is_against_what_it_is_staged_to_protest(row_id, target):
    events = _gsr_events(row_id)
    assert events[0][0] == "PROTEST" and events[0][2] == target, events
    assert all(src != target for t, src, _ in events if t == "PROTEST"), events  # 'in protest of X' is not X protesting


@needs_dev
def test_where_a_move_comes_from_is_not_its_recipient():
    # d5a 'Moscow has brought more than a dozen warplanes from Syria to Al-Jufra'; d1a 'deployed part of its Mirage
    # 2000-9 fighter fleet from the French aircraft manufacturer Dassault Aviation'
    assert all(t != "Syria" for _, t in _pairs("d5a", "brought more than a dozen warplanes from Syria", "MOBILIZE"))
    assert all(t is None or "Dassault" not in t for _, t in _pairs("d1a", "deployed part of its Mirage", "MOBILIZE"))


@needs_dev
def test_a_time_is_never_the_doer_of_an_event_noun():
    # d1b 'This year's G7 summit': the summit is the G7's, not the year's
    assert _pairs("d1b", "This year’s G7 summit", "CONSULT") == {("G7", None)}


@needs_dev
def test_the_one_seen_doing_an_act_does_it():
    # d7c 'soldiers could be seen pointing their weapons at houses while calling female protestors "whores" and
    # threatening to shoot the protesters': the soldiers (Myanmar's) threaten
    assert _pairs("d7c", "threatening to shoot the protesters", "THREATEN") == {("Myanmar", None)}

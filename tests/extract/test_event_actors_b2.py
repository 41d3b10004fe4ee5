"""Actors of dev fold B2 (../shared/dev d7*, d8*, through the real readers): unnamed security forces act for the
state the story is about, and a 'between X and Y' phrase names both sides of a fight."""
from __future__ import annotations

from dev_articles import dev_record, needs_dev

from newsgraph.extract.entities import main_country


def _events(stem: str, words: str):
    found = [e for e in dev_record(stem).events if words in " ".join(e.evidence.split())]
    assert found, f"no event with {words!r} in {stem}"
    return found


@needs_dev
def test_unnamed_soldiers_and_security_forces_act_for_the_country():
    # d7c: 'Soldiers stormed the township', 'killed by security forces' -> Myanmar (the guide: an army stands for
    # its country); the annotators' note says the same of police and troops in d8a
    assert {e.source for e in _events("d7c", "Soldiers stormed the township")} == {"Myanmar"}
    assert {e.source for e in _events("d7c", "killed by security forces")} == {"Myanmar"}


@needs_dev
def test_soldiers_backed_by_another_state_are_not_the_country():
    # d7b: 'Local soldiers backed by Armenia also occupy some Azerbaijani territory': not Azerbaijan's soldiers
    found = _events("d7b", "Local soldiers backed by Armenia")
    assert all(e.source != "Azerbaijan" for e in found), [(e.source, e.target) for e in found]


@needs_dev
def test_main_country_counts_the_places_inside_it():
    # d8a names Niger nearly as often as Nigeria, but Kebbi State, Birnin Kebbi and the rest lie in Nigeria
    rec = dev_record("d8a")
    assert main_country({e.key: e for e in rec.entities}, rec.mentions) == "Nigeria"


@needs_dev
def test_fighting_between_two_states_goes_both_ways():
    # d7b: 'Fighting between Armenia and Azerbaijan broke out' (a gerund subject) and 'fighting erupted anew
    # between Armenian and Azerbaijani forces' (coordinated demonyms on one noun): two sides, coded both ways
    pairs = {(e.source, e.target) for e in _events("d7b", "Fighting between Armenia and Azerbaijan") if e.type == "ASSAULT"}
    assert pairs == {("Armenia", "Azerbaijan"), ("Azerbaijan", "Armenia")}, pairs
    rec = dev_record("d7b")
    start = rec.article.body.find("fighting erupted anew between")
    assert start >= 0
    inside = [m for m in rec.mentions if start <= m.start < start + 80]
    assert {(m.text, m.entity) for m in inside} == {("Armenian", "Armenia"), ("Azerbaijani", "Azerbaijan")}, inside



@needs_dev
def test_an_act_ordered_in_the_passive_is_the_orderers():
    # d7b: 'Azerbaijani president Ilham Aliyev ordered martial law be imposed in some regions of the country'
    found = [e for e in _events("d7b", "martial law be imposed") if e.type == "COERCE"]
    assert found and {e.source for e in found} == {"Ilham Aliyev"}, [(e.source, e.target) for e in found]


@needs_dev
def test_a_persons_thing_as_recipient_is_the_person():
    # d8b: 'an attack on Talon's residence in Cotonou' -> Patrice Talon (not the city); d7a: 'rejected Maduro's win'
    assert {e.target for e in _events("d8b", "an attack on Talon")} == {"Patrice Talon"}
    assert {e.target for e in _events("d7a", "earlier rejected Maduro")} == {"Nicolás Maduro"}


@needs_dev
def test_the_storys_protests_share_the_target_the_named_ones_give():
    # d7a: 'demonstrators toppled a statue of Maduro', 'in protest against Maduro's victory' name him; the other
    # protests ('In the capital of Caracas, protesters blocked roads') are against him too
    assert {e.target for e in _events("d7a", "protesters blocked roads")} == {"Nicolás Maduro"}
    # d7c: a town ('protesters all over Yangon') is where, not whom: it is not spread to the other protests
    assert all(e.target != "Yangon" for e in dev_record("d7c").events if e.type == "PROTEST" and "Yangon" not in e.evidence)

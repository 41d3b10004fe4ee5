"""Source profiles on records from the real pipeline (header datelines and anchor-dated events included)."""
from newsgraph.resolve.sources import profile_sources


def test_stale_currently_is_flagged_through_the_pipeline(seed_records):
    profiles = {p.doc_id: p for p in profile_sources(list(seed_records.values()))}
    kinds = [s.kind for s in profiles["000_f20fe99ae99e8be2"].inconsistencies]
    assert "stale_present" in kinds
    assert profiles["000_f20fe99ae99e8be2"].trust < profiles["003_36d08f8a1d051dcd"].trust


def test_translation_and_farm_verdicts_through_the_pipeline(seed_records):
    profiles = {p.doc_id[:3]: p for p in profile_sources(list(seed_records.values()))}
    assert {k for k, p in profiles.items() if p.machine_translation.flagged} == {"002", "004"}
    assert {k for k, p in profiles.items() if p.content_farm.flagged} == {"000", "001"}

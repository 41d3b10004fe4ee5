"""Source profiles' per-article signals cached under the store's record fingerprints: a second step reads every
article's signals instead of hashing its body, mentions and events, a changed fingerprint recomputes that article
alone, and the profiles equal a cold run's. The first-name gender table read from the cache folder answers as
gender-guesser's detector does."""
from __future__ import annotations

import hashlib
from dataclasses import replace

from newsgraph.resolve.blocks import MemoryBlockCache
from newsgraph.resolve.sources import LAYER, profile_sources


def _fingerprints(records) -> dict[str, str]:
    return {r.article.doc_id: hashlib.md5(repr(r).encode("utf-8")).hexdigest() for r in records}


def test_signals_keyed_by_fingerprint_are_reused_and_equal_a_cold_run(seed_records: dict) -> None:
    records = sorted(seed_records.values(), key=lambda r: r.article.doc_id)
    cold = profile_sources(records)
    prints = _fingerprints(records)
    cache = MemoryBlockCache()
    assert profile_sources(records, cache=cache, fingerprints=prints) == cold
    assert cache.misses[LAYER] == len(records) and cache.hits.get(LAYER, 0) == 0
    assert profile_sources(records, cache=cache, fingerprints=prints) == cold
    assert cache.hits[LAYER] == len(records)
    # an article analysed again (new fingerprint, a byline added) is profiled again, alone, and its profile changes
    first = records[0]
    edited = replace(first, article=replace(first.article, author="A. Reporter"))
    again = profile_sources([edited, *records[1:]], cache=cache, fingerprints={**prints, first.article.doc_id: "new"})
    assert cache.misses[LAYER] == len(records) + 1 and cache.hits[LAYER] == 2 * len(records) - 1
    assert again == profile_sources([edited, *records[1:]])
    assert again[1:] == cold[1:]


def test_profiles_without_every_fingerprint_hash_their_inputs(seed_records: dict) -> None:
    records = sorted(seed_records.values(), key=lambda r: r.article.doc_id)
    cache = MemoryBlockCache()
    some = dict(list(_fingerprints(records).items())[:1])
    assert profile_sources(records, cache=cache, fingerprints=some) == profile_sources(records)
    assert profile_sources(records, cache=cache) == profile_sources(records)  # the same (input-hashed) keys
    assert cache.hits[LAYER] == len(records)


def test_first_name_table_answers_as_the_detector(seed_records: dict) -> None:
    import gender_guesser.detector as gd

    from newsgraph.extract.first_names import first_name_genders

    det = gd.Detector(case_sensitive=False)
    table = first_name_genders()  # what mt_signals.first_name_gender reads
    assert len(table) == len(det.names) and all(k.lower() == k for k in table)
    names = {m.text.split()[0] for r in seed_records.values() for m in r.mentions if m.type == "PERSON"}
    names |= {"Maria", "Jean-Pierre", "jean", "Xyzzy", "ÉLODIE"}
    for name in names:
        assert table.get(name.lower(), "unknown") == det.get_gender(name), name
    assert {table.get(n.lower()) for n in ("maria", "john")} == {"female", "male"}

"""Across articles: spelling variants merge, different people sharing a surname do not."""
from newsgraph.records import Article, ArticleRecord, LocalEntity
from newsgraph.resolve.entities import merge_entities


def test_seed_variants_merge_into_one_id(seed_records):
    index = merge_entities(list(seed_records.values()))

    def gid(doc, key):
        return index.ids[(doc, key)]

    lavrov = {gid(d, k) for d, k in [("001_2698bc1cada743d0", "Sergei Lavrov"), ("002_d6233da8b8cf5324", "Sergey Lavrov"),
                                      ("003_36d08f8a1d051dcd", "Sergey Lavrov"), ("000_f20fe99ae99e8be2", "Sergey Lavrov")]}
    assert len(lavrov) == 1
    assert gid("002_d6233da8b8cf5324", "Yevgeny Prigozhin") == gid("004_49f779cc4835a65a", "Evgueni Prigozhin")
    assert gid("000_f20fe99ae99e8be2", "United Nations") == gid("001_2698bc1cada743d0", "United Nations")
    assert gid("003_36d08f8a1d051dcd", "Assimi Goita") == gid("004_49f779cc4835a65a", "Assimi Goita")
    assert index.entities[gid("003_36d08f8a1d051dcd", "Mali")].docs == tuple(sorted(seed_records))


def _record(doc_id, *people):
    ents = tuple(LocalEntity(p, p, "PERSON", (p,)) for p in people)
    return ArticleRecord(Article(doc_id=doc_id, body=" ".join(people)), ents)


def test_different_people_with_one_surname_stay_apart():
    index = merge_entities([_record("a", "Abdoulaye Diop"), _record("b", "Mamadou Diop"), _record("c", "Diop")])
    ids = {index.ids[("a", "Abdoulaye Diop")], index.ids[("b", "Mamadou Diop")], index.ids[("c", "Diop")]}
    assert len(ids) == 3  # the bare surname is ambiguous between two people


def test_bare_surname_joins_the_only_person_with_it():
    index = merge_entities([_record("a", "Abdoulaye Diop"), _record("c", "Diop")])
    assert index.ids[("a", "Abdoulaye Diop")] == index.ids[("c", "Diop")]
    assert index.entities[index.ids[("c", "Diop")]].name == "Abdoulaye Diop"

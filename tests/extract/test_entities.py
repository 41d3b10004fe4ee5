"""Entities within one article: names, surnames, acronyms, demonyms and descriptions join one entity."""
from newsgraph.extract.entities import actor_key


def _by_name(record):
    return {e.name: e for e in record.entities}


def _mentions_of(record, key, kind=None):
    return [m for m in record.mentions if m.entity == key and (kind is None or m.kind == kind)]


def test_surname_and_acronyms_join_their_full_forms(seed_records):
    rec = seed_records["001_2698bc1cada743d0"]
    ents = _by_name(rec)
    assert set(ents["Sergei Lavrov"].aliases) == {"Sergei Lavrov", "Lavrov"}
    assert "HRW" in ents["Human Rights Watch"].aliases
    assert "UN" in ents["United Nations"].aliases
    assert set(ents["Wagner Group"].aliases) == {"Wagner Group", "Wagner"}
    assert ents["Wagner Group"].type == "ORG"


def test_description_resolves_to_the_titled_person(seed_records):
    rec = seed_records["001_2698bc1cada743d0"]
    described = [m.text for m in _mentions_of(rec, "Sergei Lavrov", "description")]
    assert "the Russian foreign minister" in described


def test_state_descriptions_and_demonyms_point_at_the_country(seed_records):
    rec = seed_records["002_d6233da8b8cf5324"]
    mali = {m.text for m in _mentions_of(rec, "Mali") if m.kind != "name"}
    assert {"Malian authorities", "the Malian army"} <= mali
    assert any(m.kind == "demonym" for m in _mentions_of(rec, "Russia"))


def test_countries_carry_iso_codes_and_cities_coordinates(seed_records):
    ents = _by_name(seed_records["003_36d08f8a1d051dcd"])
    assert ents["Mali"].iso == "ML" and ents["Mali"].type == "GPE"
    assert ents["Bamako"].lat is not None and abs(ents["Bamako"].lat - 12.6) < 0.5


def test_page_furniture_names_are_not_entities(seed_records):
    names = set(_by_name(seed_records["003_36d08f8a1d051dcd"]))
    assert not names & {"NATO", "Belarus", "Grzegorz Kuczyński", "Warsaw Institute Foundation"}


def test_mt_glued_pronoun_is_cut_from_the_name(seed_records):
    ents = _by_name(seed_records["004_49f779cc4835a65a"])
    assert "Sergei Lavrov" in ents and not any("LavrovHe" in a for e in ents.values() for a in e.aliases)


def test_capital_city_acts_for_its_country(seed_records):
    rec = seed_records["004_49f779cc4835a65a"]
    by_key = {e.key: e for e in rec.entities}
    paris = next(m for m in rec.mentions if m.text == "Paris")
    assert actor_key(paris, by_key) == "France"


# ECB+ dev slice: real news nobody tuned on (celebrities, piracy, shootings); floors sit a little below measured.
ECB_DEV = __import__("pathlib").Path(__file__).resolve().parents[2].parent / "shared" / "benchmarks" / "ecbplus" / "dev"
ECB_PER_TOPIC = 3  # the first 3 files of each dev topic (sorted by name): 24 files, 8 topics
TYPED_FLOOR = 0.58  # measured 0.618 for newsgraph and for bare spaCy md on this slice


def test_ecbplus_named_entities_typed_floor_and_no_worse_than_bare_spacy():
    import pytest

    from newsgraph.evaluate.entities_ecbplus import load_entity_documents, predict, score_entities

    if not ECB_DEV.is_dir():
        pytest.skip(f"ECB+ dev is not at {ECB_DEV}")
    docs = load_entity_documents(ECB_DEV, per_topic=ECB_PER_TOPIC)
    bare = score_entities(docs, predict("spacy", docs))
    ours = score_entities(docs, predict("newsgraph", docs))
    assert ours["n_gold"] == bare["n_gold"] >= 40
    assert ours["overlap_f1"] >= 0.80
    assert ours["typed_f1"] >= TYPED_FLOOR
    assert ours["typed_f1"] >= bare["typed_f1"]
    assert ours["type_acc"] >= bare["type_acc"]


def test_ecbplus_scorer_refuses_a_folder_without_files(tmp_path):
    import pytest

    from newsgraph.errors import BenchmarkError
    from newsgraph.evaluate.entities_ecbplus import load_entity_documents

    with pytest.raises(BenchmarkError):
        load_entity_documents(tmp_path / "absent")
    with pytest.raises(BenchmarkError):
        load_entity_documents(tmp_path)

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
TYPED_FLOOR = 0.60  # measured 0.631 for newsgraph, 0.618 for bare spaCy md on this slice


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


# Entity-typing families on ECB+ train news (sport, fires, shootings, mafia, celebrities). Each test parses only
# the first few train files that hold a gold name of its family, so the test stays general and fast.
ECB_TRAIN = ECB_DEV.parent / "train"


def _family_outcomes(topics, wanted, max_docs=8):
    """Gold/prediction pairs (bare spaCy and newsgraph) for the gold names `wanted` selects."""
    import pytest

    from newsgraph.evaluate.entities_ecbplus import all_outcomes, load_entity_documents, predict

    if not ECB_TRAIN.is_dir():
        pytest.skip(f"ECB+ train is not at {ECB_TRAIN}")
    docs = [d for t in topics for d in load_entity_documents(ECB_TRAIN / t) if any(wanted(g) for g in d.gold)]
    docs = docs[:max_docs]
    out = {}
    for system in ("spacy", "newsgraph"):
        out[system] = [o for o in all_outcomes(docs, predict(system, docs))
                       if o.gold is not None and o.pred is not None and wanted(o.gold)]
    return out


def _typed(outcomes):
    return sum(o.pred.type == o.gold.type for o in outcomes)


def test_city_or_state_standing_for_its_team_is_an_organisation():
    from newsgraph.nlp.gazetteer import lookup_place

    def team(g):
        place = lookup_place(g.text)
        return g.type == "ORG" and place is not None and place.kind != "country"

    got = _family_outcomes(["25", "29", "31"], team)
    assert len(got["newsgraph"]) >= 10  # "games against Detroit and Carolina", "a victory over Evansville"
    assert _typed(got["newsgraph"]) >= 0.6 * len(got["newsgraph"])
    assert _typed(got["newsgraph"]) > _typed(got["spacy"])


def test_a_name_ending_in_an_organisation_word_is_an_organisation():
    from newsgraph.nlp.components import ORG_SUFFIXES

    def suffixed(g):
        return g.type == "ORG" and g.text.split()[-1].lower() in ORG_SUFFIXES

    got = _family_outcomes(["14", "22", "27", "3", "24", "30"], suffixed)
    assert len(got["newsgraph"]) >= 6  # "Staunton Police", "Surrey Fire and Rescue", "Shavlik Technologies"
    assert _typed(got["newsgraph"]) == len(got["newsgraph"])
    assert all(o.exact for o in got["newsgraph"])


def test_people_described_as_people_are_persons():
    got = _family_outcomes(["4", "19", "3"], lambda g: g.type == "PERSON")
    assert len(got["newsgraph"]) >= 12  # "Bettie Page, the 1950s pinup model", "15-year-old Alexandros ..."
    assert _typed(got["newsgraph"]) >= 0.85 * len(got["newsgraph"])
    assert _typed(got["newsgraph"]) > _typed(got["spacy"])


def test_a_middle_initial_stays_inside_the_person_name():
    def initial(g):
        return g.type == "PERSON" and any(len(w) == 1 and w.isupper() for w in g.text.split())

    got = _family_outcomes(["1", "22"], initial)
    assert got["newsgraph"] and all(o.exact for o in got["newsgraph"])  # "Judge James R . Dabney"


def test_subdivisions_are_places_but_never_shadow_countries_or_cities():
    from newsgraph.nlp.gazetteer import lookup_place, lookup_subdivision

    assert lookup_place("Alaska").kind == "subdivision" and lookup_place("Alaska").iso == "US"
    assert lookup_place("Queensland").iso == "AU" and lookup_place("Texas").kind == "subdivision"
    assert lookup_place("Georgia").kind == "country"
    assert lookup_place("Washington").kind == "city"
    assert lookup_subdivision("Mali") is None


def test_well_known_organisations_are_found_even_where_the_ner_misses_them():
    # bare en_core_web_md finds no entity in 'Human Rights Watch documented the killings.'
    from newsgraph.names import KNOWN_ACRONYMS
    from newsgraph.nlp.pipeline import get_nlp

    nlp = get_nlp()
    for name in sorted({v for v in KNOWN_ACRONYMS.values() if " " in v}):
        doc = nlp(f"{name} documented the killings in the north.")
        assert any(e.text == name and e.label_ == "ORG" for e in doc.ents), (name, [(e.text, e.label_) for e in doc.ents])
    # a longer organisation that contains a known one keeps its full name
    doc = nlp("The United Nations Security Council met on Friday.")
    assert any(e.text.endswith("United Nations Security Council") and e.label_ == "ORG" for e in doc.ents)


def test_organisation_words_do_not_retype_surnames_or_countries():
    from newsgraph.nlp.pipeline import get_nlp

    nlp = get_nlp()
    ents = {e.text: e.label_ for e in nlp("Emily Post wrote the guide before the Soviet Union collapsed.").ents}
    assert ents.get("Emily Post") == "PERSON"
    assert all(label != "ORG" for text, label in ents.items() if "Soviet Union" in text)
    ents = {e.text: e.label_ for e in nlp("Shavlik Technologies said Staunton Police were told.").ents}
    assert ents.get("Shavlik Technologies") == "ORG" and ents.get("Staunton Police") == "ORG"


def test_iso_country_names_as_written_are_places():
    from newsgraph.nlp.pipeline import get_nlp

    ents = {e.text: e.label_ for e in get_nlp()("Officials of the Russian Federation met the Syrian Arab Republic.").ents}
    assert ents.get("Russian Federation") == "GPE" and ents.get("Syrian Arab Republic") == "GPE"


def test_a_body_named_by_the_middle_of_its_full_name_is_that_body():
    # d3b (dev fold A) names Iran's guard corps in full, then as 'the Revolutionary Guards' (plural, without the
    # first and last words): one organisation
    from dev_articles import dev_record, needs_dev

    if needs_dev.args[0]:
        return
    guards = [e for e in dev_record("d3b").entities if e.type == "ORG" and any("Revolutionary Guard" in a for a in e.aliases)
              and "Quds" not in e.name]
    assert len(guards) == 1 and {"Islamic Revolutionary Guard Corps", "Revolutionary Guards"} <= set(guards[0].aliases)


def test_a_name_the_text_puts_in_a_place_and_never_treats_as_a_person_is_a_place():
    # dev d5a names 'the cities of Sirte and Al-Jufra' and d1a an Egyptian town after 'in': the NER calls the second
    # city and the town persons; nothing in either article treats them as people
    from dev_articles import dev_record, needs_dev

    if needs_dev.args[0]:
        return
    jufra = [e for e in dev_record("d5a").entities if "Jufra" in e.name]
    barrani = [e for e in dev_record("d1a").entities if "Barrani" in e.name]
    assert jufra and barrani and {e.type for e in jufra + barrani} == {"GPE"}
    # a person stays a person: every titled or speaking person of the two articles keeps the type
    assert any(e.type == "PERSON" and "Haftar" in e.name for e in dev_record("d5a").entities)


def test_a_plain_name_the_ner_calls_an_organisation_that_the_text_puts_in_a_place_is_a_place():
    # dev d1a: a Libyan town the NER calls an organisation, named after a place preposition, is a place; the
    # article's aircraft maker (an industry word) and d3a's state news agency ('a report in state-run Xinhua':
    # a modifier of its own) stay organisations
    from dev_articles import dev_record, needs_dev

    if needs_dev.args[0]:
        return
    d1a = {e.name: e.type for e in dev_record("d1a").entities}
    d3a = {e.name: e.type for e in dev_record("d3a").entities}
    assert d1a.get("Houn") == "GPE"
    assert d1a.get("Dassault Aviation") == "ORG" and d3a.get("Xinhua") == "ORG"

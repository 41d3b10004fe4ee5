"""The coreference layer on real text: dev fold A (../shared/dev d1-d4) and the seeds, through the real readers.
Fold B (d5-d8) is only read by the type-safety test, which asserts no answer, only that links never cross types."""
from __future__ import annotations

from functools import lru_cache
from pathlib import Path

import pytest

from newsgraph.api import read_inputs
from newsgraph.extract.coref import HE, IT, SHE, THEY, CorefIndex, coref_links
from newsgraph.extract.entities import extract_entities
from newsgraph.extract.events import extract_events
from newsgraph.nlp.pipeline import get_nlp
from newsgraph.pipeline import analyse_batch
from newsgraph.records import LocalEntity

SHARED = Path(__file__).resolve().parents[2].parent / "shared"
DEV = SHARED / "dev" / "texts"
SEEDS = SHARED / "seeds"

needs_shared = pytest.mark.skipif(not DEV.is_dir() or not SEEDS.is_dir(), reason="../shared dev/seeds not present")


@lru_cache(maxsize=None)
def _parsed(path: Path):
    """(doc, entities, coref index) of one article read by the real readers."""
    articles, errors = read_inputs([path])
    assert not errors and len(articles) == 1, f"{path.name} did not read as one article: {errors}"
    doc = get_nlp()(articles[0].body)
    entities, mentions = extract_entities(doc)
    return doc, entities, mentions, coref_links(doc, entities, mentions)


def _dev(stem: str):
    return _parsed(next(DEV.glob(f"{stem}_*")))


def _seed(prefix: str):
    return _parsed(next(SEEDS.glob(f"{prefix}_*")))


def _links_at(index: CorefIndex, doc, words: str, ref: str):
    """The links of the referring expression `ref` in the sentence holding `words`."""
    sent = next(s for s in doc.sents if words in " ".join(s.text.split()))
    tok = next(t for t in sent if t.text == ref.split()[-1] and ref.split()[0] in sent.text)
    return index.resolve_token_all(tok)


def _canon(entities: list[LocalEntity], key: str) -> str:
    return next((e.name for e in entities if e.key == key), key)


def _names(entities: list[LocalEntity], links) -> set[str]:
    """The canonical names of the entities some links point to."""
    return {_canon(entities, link.entity) for link in links}


@needs_shared
def test_a_pronoun_subject_resolves_to_the_person_named_before():
    # d2b: '... Mr Zhao ... He also defended China's action ...': 'He' is the Chinese spokesman, a PERSON
    doc, entities, _, index = _dev("d2b")
    links = _links_at(index, doc, "He also defended China", "He")
    assert len(links) == 1 and links[0].rule == "pronoun" and "Zhao" in links[0].entity
    assert doc.text[links[0].start : links[0].end] == "He"  # the link keeps the mention's offsets
    assert links[0].ante_start >= 0 and "Zhao" in doc.text[links[0].ante_start : links[0].ante_end]


@needs_shared
def test_the_pronoun_actor_reaches_the_event_with_the_mention_it_came_from():
    # the same 'He also defended China's action' is an event whose source is the person, not null, and the
    # record keeps 'He' with its offsets in the body (the article view shows why the actor was chosen)
    articles, _ = read_inputs([next(DEV.glob("d2b_*"))])
    record = analyse_batch(articles)[0]
    found = [e for e in record.events if "defended China" in e.evidence]
    assert found and all(e.source is not None and "Zhao" in e.source for e in found)
    for e in found:
        text, start, end = e.source_mention
        assert text == "He" and record.article.body[start:end] == "He" and e.start <= start < e.end


@needs_shared
def test_the_two_leaders_are_both_people_of_the_call():
    # d4a: 'The two leaders also agreed on a partial ceasefire against energy.' -> Trump and Zelenskyy
    doc, entities, mentions, index = _dev("d4a")
    links = _links_at(index, doc, "The two leaders also agreed", "two leaders")
    assert {l.rule for l in links} == {"plural"}
    assert sorted(_canon(entities, l.entity).split()[-1] for l in links) == ["Trump", "Zelenskyy"]
    # the joint agreement is an event between the two (one told the same way before may absorb it: any AGREE counts)
    events = list(extract_events(doc, entities, mentions, [], None))
    assert any(e.type == "AGREE" and {e.source, e.target} == {l.entity for l in links} for e in events)


@needs_shared
def test_an_apposition_links_the_description_to_the_name():
    # d2a: 'Ryabkov, a career diplomat who also oversees arms control, said ...'
    doc, _, _, index = _dev("d2a")
    links = _links_at(index, doc, "a career diplomat who also oversees", "diplomat")
    assert len(links) == 1 and links[0].rule == "apposition" and "Ryabkov" in links[0].entity


@needs_shared
def test_an_unnamed_official_speaks_for_the_state():
    # d2c: 'Officials described the move as "contingency support"' -> United Kingdom (the British deployment)
    doc, entities, _, index = _dev("d2c")
    links = _links_at(index, doc, "Officials described the move", "Officials")
    assert len(links) == 1 and links[0].rule == "spokesperson"
    assert _canon(entities, links[0].entity) == "United Kingdom"


@needs_shared
def test_a_body_description_and_they_in_a_requested_clause():
    # seed 004: 'the authorities of Mali have officially requested ... Wagner that they send their units':
    # 'they' are the mercenaries asked, not the authorities asking
    doc, _, _, index = _seed("004")
    links = _links_at(index, doc, "that they send their units", "they")
    assert len(links) == 1 and links[0].entity == "Wagner Group"


@needs_shared
def test_we_inside_a_quotation_is_its_speaker():
    # d3b: 'Raab ... adding: "Following his death, we urge all parties to deescalate."'
    doc, _, _, index = _dev("d3b")
    links = _links_at(index, doc, "we urge all parties", "we")
    assert len(links) == 1 and links[0].rule == "speaker" and "Raab" in links[0].entity


@needs_shared
def test_a_group_named_by_its_members_gives_one_event_per_member():
    # d2c: the Foreign Secretary's calls with counterparts in a list of countries: the
    # never-named Foreign Secretary speaks for the United Kingdom, and every country listed is a counterpart
    doc, entities, mentions, _ = _dev("d2c")
    events = [e for e in extract_events(doc, entities, mentions, [], None)
              if e.type == "CONSULT" and "spoken with counterparts" in e.evidence]
    assert {_canon(entities, e.source) for e in events if e.source} == {"United Kingdom"}
    targets = {_canon(entities, e.target) for e in events if e.target}
    assert {"France", "Germany", "Italy", "Saudi Arabia", "Oman"} <= targets


@needs_shared
def test_a_passive_transfer_from_one_state_to_another():
    # d1a: 'the Mirage fighter aircraft used in Tajoura were sold from France to the Emirates': France gives,
    # the Emirates receive; the aircraft sold are not an actor
    doc, entities, mentions, _ = _dev("d1a")
    events = [e for e in extract_events(doc, entities, mentions, [], None) if "sold from France" in e.evidence]
    assert events and all(_canon(entities, e.source) == "France" for e in events)
    isos = {e.key: e.iso for e in entities}
    assert all(e.target is not None and isos.get(e.target) == "AE" for e in events)  # 'the Emirates' is the UAE


def _all_dev_and_seed_paths() -> list[Path]:
    return sorted(DEV.iterdir()) + sorted(SEEDS.iterdir())


@needs_shared
@pytest.mark.parametrize("path", _all_dev_and_seed_paths() if DEV.is_dir() and SEEDS.is_dir() else [],
                         ids=lambda p: p.name[:3])
def test_links_never_cross_incompatible_types(path: Path):
    # every dev text and seed: he/she only to people, it/its never to a person, they never to one person
    doc, entities, _, index = _parsed(path)
    types = {e.key: e.type for e in entities}
    checked = 0
    for link in index.links:
        word = doc.text[link.start : link.end].lower()
        etype = types.get(link.entity, "GPE")  # keys outside the entity list are countries (capital -> country)
        if word in HE | SHE:
            assert etype == "PERSON", (path.name, link)
        elif word in IT:
            assert etype in ("ORG", "GPE"), (path.name, link)
        elif word in THEY:
            group = index.resolve_all(link.start, link.end)
            assert len(group) > 1 or etype != "PERSON", (path.name, link)
        checked += word in HE | SHE | IT | THEY
    assert checked or not any(t.lower_ in HE | SHE | IT | THEY for t in doc)  # pronouns exist -> some were linked


@needs_shared
def test_a_definite_noun_repeating_an_owned_phrase_keeps_its_owner():
    # d1a: the Emirates deployed 'its' fighter fleet; the next sentence's 'The fleet' is the Emirates' fleet.
    # 'the attack' after an attack named by the town it hit is not the town (a place modifier is where, not whose)
    _, entities, _, index = _dev("d1a")
    fleet = [l for l in index.links if l.text == "The fleet"]
    isos = {e.key: e.iso for e in entities}
    assert fleet and all(isos.get(l.entity) == "AE" for l in fleet)
    assert not [l for l in index.links if l.text.lower() == "the attack" and "Tajoura" in l.entity]

"""Quotes on real articles nobody tuned to (dev fold A, a TimeBank wire story): colon quotes, speakers named after
the quote, new cue-verb families, unnamed 'according to' sources, pronoun/description/plural speakers via coref."""
from __future__ import annotations

from functools import lru_cache
from pathlib import Path

import pytest

from newsgraph.extract.entities import extract_entities
from newsgraph.extract.quotes import extract_quotes
from newsgraph.nlp.pipeline import get_nlp

SHARED = Path(__file__).resolve().parents[2].parent / "shared"
DEV = SHARED / "dev" / "texts"
TBAQ = SHARED / "benchmarks" / "tempeval3" / "train"
needs_dev = pytest.mark.skipif(not DEV.is_dir(), reason=f"dev texts not found at {DEV}")


@lru_cache(maxsize=None)
def _dev(stem: str):
    """(entities by key, quotes) of one fold-A dev article read through the real reader."""
    from newsgraph.api import read_inputs

    (path,) = [p for p in DEV.iterdir() if p.stem == stem]
    articles, errors = read_inputs([path])
    assert not errors and len(articles) == 1
    doc = get_nlp()(articles[0].body)
    ents, ments = extract_entities(doc)
    return articles[0].body, {e.key: e for e in ents}, list(extract_quotes(doc, ents, ments))


def _said(quotes, words: str):
    return [q for q in quotes if words in q.content]


def _name(by_key, q) -> str:
    return by_key[q.speaker].name if q.speaker in by_key else ""


@needs_dev
def test_colon_quote_takes_the_speaker_of_the_clause_before_the_colon():
    # '..., adding: “Following his death, we urge ...”' hangs on 'recognized' inside Raab's reported clause
    _, by_key, quotes = _dev("d3b_soleimani_world_reaction")
    (q,) = _said(quotes, "Following his death")
    assert q.kind == "direct" and "Raab" in _name(by_key, q)
    # Beilin describes the region, then a colon opens his quotation (no speech verb)
    _, by_key, quotes = _dev("d2c_uk_israel_iran_self_defence")
    (q,) = _said(quotes, "new situation")
    assert "Beilin" in _name(by_key, q)


@needs_dev
def test_speaker_named_after_the_quote_not_the_quotes_own_subject():
    # '“The political solution as we envisage it ... in June,” Deputy Foreign Minister Sergei Ryabkov told ...':
    # the parser also makes 'solution' a subject of 'told'
    _, by_key, quotes = _dev("d2a_russia_ryabkov_putin_conditions")
    (q,) = _said(quotes, "political solution as we envisage it")
    assert "Ryabkov" in _name(by_key, q)
    assert "Ryabkov" in q.speaker_text


@needs_dev
def test_cue_verb_families_beyond_say():
    _, by_key, quotes = _dev("d3b_soleimani_world_reaction")
    (q,) = _said(quotes, "restraint and deescalation")  # 'Germany ... urged restraint and deescalation'
    assert q.kind == "indirect" and by_key[q.speaker].type == "GPE" and "urged" in q.cue
    _, by_key, quotes = _dev("d1a_libya_uae_mirage_france")
    (q,) = _said(quotes, "a real chain of responsibility")  # 'Frédéric Mégret believes that there is ...'
    assert "Mégret" in _name(by_key, q) and q.cue.startswith("believes")
    # an accusation is the accused and the charge, not the next clause conjoined to the verb
    _, by_key, quotes = _dev("d2a_russia_ryabkov_putin_conditions")
    (q,) = [q for q in quotes if q.cue.endswith("accused")]
    assert "colonial-style land grab" in q.content and "vowed" not in q.content


@needs_dev
def test_pronoun_and_plural_speakers_through_the_coreference_layer():
    # '“Eventually, ...,” he added.' -- Beilin, not George H.W. Bush, who is named after him in a 'when' clause
    text, by_key, quotes = _dev("d2c_uk_israel_iran_self_defence")
    (q,) = _said(quotes, "no real reason why Iran and Israel")
    assert q.speaker_text == "he" and "Beilin" in _name(by_key, q)
    m_text, m_start, m_end = q.speaker_mention
    assert "Beilin" in m_text and text[m_start:m_end] == m_text and m_end <= q.start
    # 'The leaders agreed Ukraine and America will continue ...': one quote per leader
    _, by_key, quotes = _dev("d4a_trump_zelenskyy_call_energy_ceasefire")
    agreed = _said(quotes, "continue working together")
    assert sorted(_name(by_key, q).split()[-1] for q in agreed) == ["Trump", "Zelenskyy"]


@needs_dev
def test_every_speaker_mention_points_at_its_text_and_names_the_speaker_by_key():
    for stem in ("d2c_uk_israel_iran_self_defence", "d3b_soleimani_world_reaction"):
        text, by_key, quotes = _dev(stem)
        assert quotes
        for q in quotes:
            if q.speaker_mention is None:
                continue
            m_text, start, end = q.speaker_mention
            assert text[start:end] == m_text


@pytest.mark.skipif(not TBAQ.is_dir(), reason="TempEval-3 train not present at ../shared")
def test_according_to_an_unnamed_source_is_kept_with_no_person_speaker():
    """'..., according to another law enforcement official,': an attribution to nobody named."""
    from newsgraph.evaluate.tempeval import load_corpus

    (tml,) = load_corpus(TBAQ, files=["APW19990122.0193"])
    doc = get_nlp()(tml.text)
    ents, ments = extract_entities(doc)
    by_key = {e.key: e for e in ents}
    quotes = [q for q in extract_quotes(doc, ents, ments) if q.kind == "according_to"]
    (q,) = [q for q in quotes if "scanned the crowd" in q.content]
    assert q.speaker is None or by_key[q.speaker].type != "PERSON"
    assert "official" in q.speaker_text


def test_generic_plural_sources_are_no_attribution():
    """'according to numerous sources' (seed 004) stays out, as the seed gold has it."""
    seeds = SHARED / "seeds"
    if not seeds.is_dir():
        pytest.skip("seeds not present")
    path = next(seeds.glob("004*.txt"))
    doc = get_nlp()(path.read_text(encoding="utf-8"))
    ents, ments = extract_entities(doc)
    assert not [q for q in extract_quotes(doc, ents, ments) if "sources" in q.speaker_text.lower()]


def test_speaker_mention_survives_the_store_record_round_trip(seed_records):
    """The mention a pronoun speaker was resolved from ('He' -> Lavrov, seed 001) is kept when records are stored."""
    from newsgraph.store.serialize import record_from_json, record_to_json

    rec = next(r for doc_id, r in seed_records.items() if doc_id.startswith("001"))
    (q,) = [q for q in rec.quotes if q.speaker_text == "He"]
    assert q.speaker_mention is not None and "Lavrov" in q.speaker_mention[0]
    assert rec.article.body[q.speaker_mention[1] : q.speaker_mention[2]] == q.speaker_mention[0]
    assert record_from_json(record_to_json(rec)).quotes == rec.quotes

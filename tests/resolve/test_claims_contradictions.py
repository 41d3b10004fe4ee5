"""Claims and contradictions across the five real seed articles."""
from __future__ import annotations

import json
from pathlib import Path

import pytest

from newsgraph.resolve.claims import Claim, group_claims
from newsgraph.resolve.contradictions import find_contradictions

SHARED = Path(__file__).resolve().parents[2].parent / "shared"
SEEDS = SHARED / "seeds"
GOLD = SHARED / "gold" / "seeds"


@pytest.fixture(scope="module")
def corpus():
    """Records of the seeds (published from the gold meta, or its verified date), merged ids, claims, contradictions."""
    if not SEEDS.is_dir() or not GOLD.is_dir():
        pytest.skip(f"shared seeds or gold not found under {SHARED}")
    from newsgraph.extract.entities import extract_entities
    from newsgraph.extract.quotes import extract_quotes
    from newsgraph.extract.timex import extract_timex
    from newsgraph.nlp.pipeline import get_nlp
    from newsgraph.records import Article, ArticleRecord
    from newsgraph.resolve.entities import merge_entities

    nlp = get_nlp()
    records = []
    for path in sorted(SEEDS.glob("*.txt")):
        text = path.read_text(encoding="utf-8")
        meta = json.loads((GOLD / f"{path.stem}.json").read_text(encoding="utf-8"))["meta"]
        published = meta.get("published") or meta.get("published_true")
        doc = nlp(text)
        ents, mentions = extract_entities(doc)
        quotes = tuple(extract_quotes(doc, ents, mentions))
        timex = tuple(extract_timex(text, published, doc))
        sents = tuple((s.start_char, s.end_char) for s in doc.sents)
        records.append(ArticleRecord(Article(path.stem, text, published=published), tuple(ents), tuple(mentions),
                                     (), quotes, timex, sents))
    ids = merge_entities(records).ids
    claims = group_claims(records, ids)  # loads MiniLM once for the module
    return records, ids, claims, find_contradictions(records, claims, ids)


def _diop_id(records, ids) -> str:
    for r in records:
        for e in r.entities:
            if "Diop" in e.name:
                return ids.get((r.article.doc_id, e.key), e.key)
    raise AssertionError("no Diop entity in the seeds")


def test_diop_statement_is_one_claim_across_articles(corpus):
    records, ids, claims, _ = corpus
    diop = _diop_id(records, ids)
    multi = [c for c in claims if c.speaker == diop and len(c.doc_ids) >= 2]
    assert multi, "Diop's 'no need to justify' statement should be grouped across seeds"
    assert any("justif" in m.text for m in multi[0].members)


def test_a_claim_has_one_named_speaker_and_round_trips(corpus):
    _, _, claims, _ = corpus
    for c in claims:
        assert isinstance(c, Claim)
        speakers = {m.speaker for m in c.members if m.speaker}
        assert len(speakers) <= 1
        d = c.to_dict()
        assert d["id"] == c.id and len(d["members"]) == len(c.members)
        assert set(d["members"][0]) == {"doc_id", "text", "speaker", "start", "end", "kind"}


def test_statements_point_into_their_article(corpus):
    records, _, claims, _ = corpus
    bodies = {r.article.doc_id: r.article.body for r in records}
    for c in claims:
        for m in c.members:
            assert m.text.split()[0] in bodies[m.doc_id][m.start : m.end]


def test_mercenaries_versus_trainers_is_found(corpus):
    *_, found = corpus
    pairs = [(c.a["text"], c.b["text"]) for c in found]
    assert any(
        ("not mercenaries but trainers" in a and "Wagner mercenaries" in b)
        or ("not mercenaries but trainers" in b and "Wagner mercenaries" in a)
        for a, b in pairs
    )


def test_duration_against_a_later_start_is_found(corpus):
    *_, found = corpus
    temporal = [c for c in found if c.kind == "temporal"]
    assert any("over 5 years" in c.a["text"] for c in temporal)


def test_contradiction_dict_shape(corpus):
    *_, found = corpus
    assert found
    for c in found:
        d = c.to_dict()
        assert set(d) == {"kind", "a", "b", "explanation"}
        assert set(d["a"]) == set(d["b"]) == {"doc_id", "text", "speaker"}
        assert d["explanation"]

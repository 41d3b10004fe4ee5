"""Quotes on the real seed articles: speakers through descriptions, pronouns and capitals; generic speakers dropped."""
from __future__ import annotations

import importlib.util
import json
import tempfile
from pathlib import Path

import pytest

from newsgraph.extract.entities import extract_entities
from newsgraph.extract.quotes import extract_quotes

SHARED = Path(__file__).resolve().parents[2].parent / "shared"
SEEDS = SHARED / "seeds"
GOLD = SHARED / "gold" / "seeds"


@pytest.fixture(scope="module")
def parsed():
    """doc_id -> (text, entities, quotes) for every seed, parsed once for this module."""
    if not SEEDS.is_dir():
        pytest.skip(f"shared seeds not found at {SEEDS}")
    from newsgraph.nlp.pipeline import get_nlp

    nlp = get_nlp()
    out = {}
    for path in sorted(SEEDS.glob("*.txt")):
        text = path.read_text(encoding="utf-8")
        doc = nlp(text)
        ents, mentions = extract_entities(doc)
        out[path.stem[:3]] = (text, ents, list(extract_quotes(doc, ents, mentions)))
    return out


def _key(ents, alias: str) -> str:
    return next(e.key for e in ents if alias in e.aliases or e.name == alias)


def test_direct_quote_speaker_through_description(parsed):
    text, ents, quotes = parsed["001"]
    q = next(q for q in quotes if "provide our assistance" in q.content)
    assert q.kind == "direct"
    assert q.speaker == _key(ents, "Lavrov")
    assert "foreign minister" in q.speaker_text.lower()
    assert text[q.start : q.end].startswith("We are going to provide")


def test_according_to_quote(parsed):
    _, ents, quotes = parsed["002"]
    q = next(q for q in quotes if q.kind == "according_to" and "rebellion will not impact" in q.content)
    assert q.speaker == _key(ents, "Lavrov")
    assert q.cue.lower().startswith("according to")


def test_pronoun_speaker_is_the_last_person_subject_not_the_last_person(parsed):
    _, ents, quotes = parsed["002"]
    q = next(q for q in quotes if q.content.startswith("many foreign partners"))
    assert q.speaker == _key(ents, "Lavrov")  # Prigozhin is named in between, but not as a subject


def test_capital_speaker_resolves_to_country(parsed):
    _, ents, quotes = parsed["004"]
    q = next(q for q in quotes if "isolate itself" in q.content)
    assert q.speaker == "France"
    assert q.speaker_text == "Paris"


def test_generic_speakers_are_not_quotes(parsed):
    for _, _, quotes in parsed.values():
        for q in quotes:
            low = q.speaker_text.lower()
            assert "western countries" not in low and "advocacy groups" not in low
            assert "numerous sources" not in low and "agencies" not in low
            assert q.speaker is not None


def test_offsets_point_at_the_content(parsed):
    for text, _, quotes in parsed.values():
        for q in quotes:
            assert q.content.split()[0] in text[q.start : q.end]
            assert q.content.split()[-1] in text[q.start : q.end]


def test_seed_scores_with_the_shared_scorer(parsed):
    if not GOLD.is_dir():
        pytest.skip(f"gold annotations not found at {GOLD}")
    spec = importlib.util.spec_from_file_location("score", SHARED / "tools" / "score.py")
    score = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(score)
    with tempfile.TemporaryDirectory() as tmp:
        for gold in GOLD.glob("*.json"):
            _, ents, quotes = parsed[gold.stem[:3]]
            pred = {
                "entities": [{"name": e.name, "type": e.type, "aliases": list(e.aliases)} for e in ents],
                "quotes": [{"speaker": q.speaker, "cue": q.cue, "content": q.content, "kind": q.kind} for q in quotes],
            }
            (Path(tmp) / gold.name).write_text(json.dumps(pred), encoding="utf-8")
        res = score.score(GOLD, Path(tmp))
    assert res["quotes"]["f1"] >= 0.7
    assert res["quote_speaker"]["acc"] >= 0.85

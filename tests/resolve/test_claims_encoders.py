"""The claims encoders on the real seeds: the static default groups one speaker's statements as MiniLM does and
finds the same contradictions; static-all and minilm are there on request."""
from __future__ import annotations

import pytest

from newsgraph.nlp import static_embeddings
from newsgraph.resolve import claim_vectors
from newsgraph.resolve.claims import group_claims
from newsgraph.resolve.contradictions import find_contradictions
from newsgraph.resolve.entities import merge_entities


def _run(records: list, ids: dict, mode: str, monkeypatch: pytest.MonkeyPatch) -> tuple[list, set]:
    monkeypatch.setenv("NEWSGRAPH_CLAIMS", mode)
    claim_vectors.encoder.cache_clear()
    try:
        claims = group_claims(records, ids)
        found = find_contradictions(records, claims, ids)
    finally:
        claim_vectors.encoder.cache_clear()
    return claims, {(c.kind, c.a["text"], c.b["text"]) for c in found}


def _one_speaker(claims: list) -> set:
    """Multi-member claims whose members all have the same named speaker, as sets of (doc, start, end)."""
    return {frozenset((m.doc_id, m.start, m.end) for m in c.members) for c in claims
            if len(c.members) > 1 and len({m.speaker for m in c.members}) == 1 and c.members[0].speaker}


def test_static_default_keeps_minilm_speaker_claims_and_contradictions(seed_records: dict,
                                                                        monkeypatch: pytest.MonkeyPatch) -> None:
    if not static_embeddings.available():
        pytest.skip("static embeddings need ONNX Runtime")
    records = list(seed_records.values())
    ids = dict(merge_entities(records).ids)
    minilm, minilm_found = _run(records, ids, "minilm", monkeypatch)
    static, static_found = _run(records, ids, "static", monkeypatch)
    assert _one_speaker(minilm)  # the seeds have such claims (Lavrov's 'will not affect relations', Diop's ...)
    assert _one_speaker(static) == _one_speaker(minilm)
    assert static_found == minilm_found and minilm_found
    assert sorted(len(c.members) for c in static) != [1] * len(static)


def test_static_all_uses_no_minilm_for_claims(seed_records: dict, monkeypatch: pytest.MonkeyPatch) -> None:
    if not static_embeddings.available():
        pytest.skip("static embeddings need ONNX Runtime")
    records = list(seed_records.values())
    ids = dict(merge_entities(records).ids)
    made = []
    real = claim_vectors.ReferenceTable.prepare
    monkeypatch.setattr(claim_vectors.ReferenceTable, "prepare", lambda self, rows: made.append(len(rows)) or real(self, rows))
    monkeypatch.setenv("NEWSGRAPH_CLAIMS", "static-all")
    claim_vectors.encoder.cache_clear()
    try:
        claims = group_claims(records, ids)
    finally:
        claim_vectors.encoder.cache_clear()
    assert claims and not made  # no statement went through MiniLM

"""Copy candidates (resolve.copy_candidates) are exactly what datasketch's LSH Ensemble returns when it indexes every
article and is queried with each, in the same order: same size partitions, same pairs. Checked on the real bodies
of the seeds and dev articles and on their paragraphs (hundreds of texts of many sizes, some repeated)."""
from __future__ import annotations

from collections import Counter
from pathlib import Path

import numpy as np
import pytest
from datasketch import MinHash, MinHashLSHEnsemble
from datasketch.lshensemble_partition import optimal_partitions as datasketch_partitions

from newsgraph.resolve import near_duplicates as nd
from newsgraph.resolve.copy_candidates import candidate_pairs, optimal_partitions

SHARED = Path(__file__).resolve().parents[2] / ".." / "shared"


@pytest.fixture(scope="module")
def texts() -> dict[str, str]:
    """Seed and dev bodies, and each of their paragraphs of 20 words or more, by id."""
    from newsgraph.api import read_inputs

    articles, errors = read_inputs([SHARED / "seeds", SHARED / "dev" / "texts"])
    assert not errors and len(articles) >= 25
    out = {a.doc_id: a.body for a in articles}
    for a in articles:
        for k, para in enumerate(p for p in a.body.split("\n") if len(p.split()) >= 20):
            out[f"{a.doc_id}#p{k}"] = para
    return out


def _signatures(texts: dict[str, str]) -> dict[str, tuple[int, np.ndarray]]:
    sigs = {d: nd.signature_block(t) for d, t in texts.items()}
    return {d: s for d, s in sigs.items() if s[0]}


def _datasketch_pairs(sigs: dict[str, tuple[int, np.ndarray]]) -> list[tuple[str, str]]:
    ids = list(sigs)
    mh = {d: MinHash(num_perm=nd.NUM_PERM, seed=7, hashvalues=sigs[d][1], scheme=nd.SCHEME) for d in ids}
    lsh = MinHashLSHEnsemble(threshold=nd.LSH_CONTAINMENT, num_perm=nd.NUM_PERM, num_part=nd.LSH_PARTITIONS)
    lsh.index([(d, mh[d], sigs[d][0]) for d in ids])
    seen, pairs = set(), []
    for d in ids:
        for other in sorted(lsh.query(mh[d], sigs[d][0])):
            pair = tuple(sorted((d, other)))
            if other != d and pair not in seen:
                seen.add(pair)
                pairs.append(pair)
    return pairs


def test_size_partitions_are_datasketchs(texts):
    sizes = [s for s, _ in _signatures(texts).values()]
    assert len(set(sizes)) > 50
    for take in (len(sizes), len(sizes) // 3, 12):
        values, counts = np.array(sorted(Counter(sizes[:take]).items())).T
        for parts in (2, 3, 8):
            expected = [(int(a), int(b)) for a, b in datasketch_partitions(values, counts, parts)]
            assert optimal_partitions(values, counts, parts) == expected


def test_candidate_pairs_are_the_ensembles_in_its_order(texts):
    sigs = _signatures(texts)
    expected = _datasketch_pairs(sigs)
    ids = list(sigs)
    found = candidate_pairs(ids, [sigs[d][0] for d in ids], np.stack([sigs[d][1] for d in ids]),
                            threshold=nd.LSH_CONTAINMENT, num_perm=nd.NUM_PERM, num_part=nd.LSH_PARTITIONS)
    assert len(expected) > 50  # paragraphs pair with their own articles at least
    assert found == expected


def test_ensemble_parameters_kept_on_disk_are_datasketchs(tmp_path, monkeypatch) -> None:
    from newsgraph.resolve import copy_candidates

    monkeypatch.setenv("NEWSGRAPH_CACHE_DIR", str(tmp_path))
    made = copy_candidates.ensemble_params((0.1, 128))
    monkeypatch.setattr(copy_candidates, "_integrated", lambda *a: pytest.fail("read from disk, not integrated"))
    read = copy_candidates.ensemble_params((0.1, 128))
    want = MinHashLSHEnsemble(threshold=0.1, num_perm=128, num_part=1)
    for got in (made, read):
        assert np.array_equal(got[0], np.asarray(want.xqs, dtype=float))
        assert np.array_equal(got[1], np.asarray(want.params, dtype=int))

"""The neighbour search over statement-piece vectors (seeds + dev through the real pipeline): the blocked exhaustive
search and the search over distinct vectors (copies of an article searched once) give exactly the pairs of the
whole similarity matrix, and the HNSW graph misses none of them."""
from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

from newsgraph.resolve import vector_neighbours
from newsgraph.resolve.claim_vectors import piece_table
from newsgraph.resolve.claims import OPEN_SPEAKER_THRESHOLD, article_statements

DEV = Path(__file__).resolve().parents[2].parent / "shared" / "dev" / "texts"


@pytest.fixture(scope="module")
def pieces(seed_records) -> np.ndarray:
    """Clause-piece vectors of every seed and dev statement."""
    if not DEV.is_dir():
        pytest.fail(f"the shared dev texts are missing at {DEV}")
    from newsgraph.api import analyse_articles, read_inputs

    articles, errors = read_inputs([DEV])
    assert not errors
    records = list(seed_records.values()) + analyse_articles(articles)
    return piece_table([[s.text for s in article_statements(r)] for r in records]).vecs


def _matrix_pairs(vecs: np.ndarray, queries: np.ndarray, threshold: float) -> set[tuple[int, int]]:
    """The reference: the whole query x row similarity matrix at once, self pairs left out."""
    r, c = np.nonzero(vecs[queries] @ vecs.T >= threshold)
    return {(int(queries[i]), int(j)) for i, j in zip(r, c) if queries[i] != j}


def _with_copies(vecs: np.ndarray) -> np.ndarray:
    """The rows, then a copy of the first half and another of every third row (articles stored again)."""
    return np.concatenate([vecs, vecs[: len(vecs) // 2], vecs[::3]])


@pytest.mark.parametrize("copies", [False, True])
@pytest.mark.parametrize("step", [2, 5])  # half the rows query (each query pair computed once, mirrored), a fifth
def test_blocked_exhaustive_search_gives_the_pairs_of_the_whole_matrix(pieces, monkeypatch, copies, step):
    vecs = _with_copies(pieces) if copies else pieces
    queries = np.arange(0, len(vecs), step)
    want = _matrix_pairs(vecs, queries, OPEN_SPEAKER_THRESHOLD)
    monkeypatch.setattr(vector_neighbours, "_BLOCK_ELEMENTS", 7 * len(vecs))  # row blocks of 7: many blocks
    got = vector_neighbours.pairs_above(vecs, queries, OPEN_SPEAKER_THRESHOLD, exact=True)
    assert len(want) > (len(queries) if copies else 0), "seeds + dev (and their copies) should have close pieces"
    assert [tuple(p) for p in got.tolist()] == sorted(want)


def test_duplicate_rows_are_searched_once_and_expanded(pieces):
    vecs = _with_copies(pieces)
    group, reps = vector_neighbours._distinct(vecs)
    assert len(np.unique(pieces, axis=0)) == len(reps) < len(vecs)
    assert np.array_equal(vecs[reps][group], vecs), "every row is its group's first row"
    assert (reps[group] <= np.arange(len(vecs))).all(), "a group's first row comes first"


def test_graph_search_over_copies_misses_no_pair(pieces, monkeypatch):
    vecs = _with_copies(pieces)
    queries = np.arange(len(vecs))
    want = _matrix_pairs(vecs, queries, OPEN_SPEAKER_THRESHOLD)
    monkeypatch.setattr(vector_neighbours, "EXACT_BELOW", 0)
    got = {tuple(p) for p in vector_neighbours.pairs_above(vecs, queries, OPEN_SPEAKER_THRESHOLD).tolist()}
    assert want <= got

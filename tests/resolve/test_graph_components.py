"""resolve.graph_components gives scipy's connected components (the partition; labels are the smallest node of
each component): on the item-key graphs of the seeds and dev articles' entities and event mentions, as the corpus
step blocks them, and on random graphs of many shapes (chains in both orders, stars, isolated nodes, self-loops)."""
from __future__ import annotations

import numpy as np
import pytest
from scipy.sparse import coo_matrix
from scipy.sparse.csgraph import connected_components

from newsgraph.resolve import blocks, corpus, entities
from newsgraph.resolve.graph_components import component_labels


def _scipy_partition(size: int, a: np.ndarray, b: np.ndarray) -> list[list[int]]:
    graph = coo_matrix((np.ones(len(a), dtype=np.int8), (a, b)), shape=(size, size))
    return _partition(connected_components(graph, directed=False)[1])


def _partition(labels: np.ndarray) -> list[list[int]]:
    groups: dict[int, list[int]] = {}
    for i, lab in enumerate(np.asarray(labels).tolist()):
        groups.setdefault(lab, []).append(i)
    return sorted(groups.values())


def _check(size: int, a: np.ndarray, b: np.ndarray) -> None:
    labels = component_labels(size, a, b)
    assert _partition(labels) == _scipy_partition(size, a, b)
    assert all(labels[g[0]] == g[0] for g in _partition(labels))  # each labelled by its smallest node


def test_the_step_graphs_of_real_articles(records, monkeypatch):
    seen: list[list[tuple]] = []
    real = blocks.components

    def capture(item_keys):  # type: ignore[no-untyped-def]
        item_keys = [tuple(k) for k in item_keys]
        seen.append(item_keys)
        return real(item_keys)

    monkeypatch.setattr(entities, "components", capture)
    monkeypatch.setattr(corpus, "components", capture)
    index = entities.merge_entities(records)
    corpus.story_inputs(records, index)
    assert len(seen) == 2 and min(len(s) for s in seen) > 100
    for item_keys in seen:
        key_ids: dict = {}
        rows, cols = [], []
        for i, keys in enumerate(item_keys):
            for key in keys:
                rows.append(i)
                cols.append(key_ids.setdefault(key, len(key_ids)))
        n = len(item_keys)
        a, b = np.asarray(rows), n + np.asarray(cols)
        _check(n + len(key_ids), a, b)
        assert sum(len(g) for g in real(item_keys)) == n
        assert any(len(g) > 1 for g in real(item_keys))  # articles share names: some blocks join several


@pytest.mark.parametrize("seed", range(12))
def test_random_graphs(seed: int) -> None:
    rng = np.random.default_rng(seed)
    size = int(rng.integers(1, 400))
    m = int(rng.integers(0, size * 2))
    _check(size, rng.integers(0, size, m), rng.integers(0, size, m))


def test_chains_stars_and_empty() -> None:
    n = 1000
    up, down = np.arange(n - 1), np.arange(1, n)
    _check(n, up, down)
    _check(n, down[::-1], up[::-1])
    _check(n, np.full(n - 1, n // 2), np.delete(np.arange(n), n // 2))
    _check(5, np.array([2, 3]), np.array([2, 3]))  # self-loops only
    assert component_labels(0, np.zeros(0), np.zeros(0)).tolist() == []

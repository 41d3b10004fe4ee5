"""The matrix form of event coreference's pair tests (resolve.event_pairs) equals the scalar tests on every pair of
every story block of seeds + dev, and the pair features equal their pair-by-pair definition."""
from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

from newsgraph.resolve import corpus, event_coref, event_pairs
from newsgraph.resolve.entities import merge_entities
from newsgraph.resolve.event_pairs import PairTests

DEV = Path(__file__).resolve().parents[2].parent / "shared" / "dev" / "texts"


@pytest.fixture(scope="module")
def story_blocks(seed_records, monkeypatch_module):
    """The story blocks of seeds + dev, as story_events makes them (captured before anything is embedded)."""
    if not DEV.is_dir():
        pytest.fail(f"the shared dev texts are missing at {DEV}")
    from newsgraph.api import analyse_articles, read_inputs

    articles, errors = read_inputs([DEV])
    assert not errors
    records = [*seed_records.values(), *analyse_articles(articles)]
    captured: list = []

    def capture(layer, version, fn, blocks, cache=None, mapper=None):
        captured.extend(blocks)
        return [[0] * len(b) for b in blocks]

    monkeypatch_module.setattr(corpus, "run_blocks", capture)
    corpus.story_events(records, merge_entities(records))
    return [b for b in captured if len(b) > 1]


@pytest.fixture(scope="module")
def monkeypatch_module():
    with pytest.MonkeyPatch.context() as mp:
        yield mp


def _pairwise(ms, test) -> np.ndarray:
    return np.array([[i != j and bool(test(a, b)) for j, b in enumerate(ms)] for i, a in enumerate(ms)])


def test_matrices_equal_the_scalar_pair_tests(story_blocks):
    assert sum(len(b) for b in story_blocks) > 100
    structured_pairs = 0
    for ms in story_blocks:
        tests = PairTests(ms)
        assert np.array_equal(tests.cannot_link(), event_coref._cannot_link_pairwise(ms))
        structured = tests.structured()
        np.fill_diagonal(structured, False)
        assert np.array_equal(structured, _pairwise(ms, event_coref.same_structured_event))
        structured_pairs += int(structured.sum())
        clash = _pairwise(ms, lambda a, b: not (
            event_coref.dates_compatible(a.date, b.date) and event_coref.reported_close(a, b)
            and not event_coref.roles_conflict(a, b) and not (a.country and b.country and a.country != b.country)))
        got = tests.clash()
        np.fill_diagonal(got, False)
        assert np.array_equal(got, clash)
    assert structured_pairs > 0, "seeds + dev should hold reports that are structurally one event"


def test_pair_features_equal_their_pairwise_definition(story_blocks):
    rng = np.random.default_rng(0)
    for ms in story_blocks:
        n = len(ms)
        vecs, doc_sim = rng.normal(size=(n, 8)), rng.random((n, n))
        feats = event_coref._pair_features(ms, vecs, vecs, vecs, doc_sim)
        args = [event_coref._norm_tokens(" ".join(m.participants + ((m.location,) if m.location else ()))) for m in ms]
        lemma = _pairwise(ms, lambda a, b: a.lemma.lower().strip() == b.lemma.lower().strip())
        same_doc = _pairwise(ms, lambda a, b: a.doc_id == b.doc_id)
        shared = np.array([[bool(args[i] & args[j]) for j in range(n)] for i in range(n)])
        np.fill_diagonal(lemma, True)
        np.fill_diagonal(same_doc, True)
        np.fill_diagonal(shared, [bool(a) for a in args])
        assert np.array_equal(feats[..., 0], lemma.astype(float))
        assert np.array_equal(feats[..., 4], same_doc.astype(float))
        assert np.array_equal(feats[..., 5], shared.astype(float))


def test_joinable_reports_are_those_another_report_of_their_block_may_be(story_blocks, monkeypatch):
    """event_pairs.joinable (all blocks' pairs at once) against the pair-by-pair cannot-link of each block."""
    ms = [m for b in story_blocks for m in b]
    blocks, k = [], 0
    for b in story_blocks:
        blocks.append(list(range(k, k + len(b))))
        k += len(b)
    blocks.insert(1, [k])  # a block of one (a copy of the first report): never joinable
    ms.append(ms[0])
    expected = np.zeros(len(ms), dtype=bool)
    for block in blocks[:1] + blocks[2:]:
        expected[block] = (~event_coref._cannot_link_pairwise([ms[i] for i in block])).sum(axis=1) > 1
    assert expected.any() and not expected.all()
    assert np.array_equal(event_pairs.joinable(ms, blocks), expected)
    assert max(len(b) for b in blocks) >= 4
    monkeypatch.setattr(event_pairs, "PAIRS_PER_CHUNK", 5)  # a block's pairs split over several chunks
    assert np.array_equal(event_pairs.joinable(ms, blocks), expected)


def test_story_graph_components_are_scipys(story_blocks):
    """event_coref._components numbers the components of a block's link graph as scipy's connected_components does,
    on the graphs of seeds + dev (real pair probabilities) and on random graphs of every density."""
    from scipy.sparse import csr_matrix
    from scipy.sparse.csgraph import connected_components

    graphs = []
    for ms in story_blocks:
        prob, _ = event_coref.pair_probabilities(ms)
        graphs.append((prob >= event_coref.MERGE_THRESHOLD) & ~event_coref._cannot_link(ms))
    assert any(1 < connected_components(csr_matrix(g))[0] < len(g) for g in graphs)  # some join, some stay apart
    rng = np.random.default_rng(0)
    graphs += [rng.random((n, n)) < p for n in (1, 2, 7, 40) for p in (0.0, 0.02, 0.1, 0.5) for _ in range(5)]
    for g in graphs:
        n_comp, labels = connected_components(csr_matrix(g), directed=False)
        got_n, got = event_coref._components(g)
        assert got_n == n_comp and np.array_equal(got, labels)

"""The store's block cache: block results survive between builds, changed blocks alone are recomputed, and a
corpus step's unused blocks are pruned so the table does not grow with every build."""
from __future__ import annotations

import dataclasses
import re
from pathlib import Path

import pytest

from newsgraph.api import read_inputs
from newsgraph.records import ArticleRecord
from newsgraph.resolve.blocks import components, run_blocks
from newsgraph.store.db import Store

REPO = Path(__file__).resolve().parents[2]
SEEDS = REPO.parent / "shared" / "seeds"

pytestmark = pytest.mark.skipif(not SEEDS.is_dir(), reason=f"shared seeds not found at {SEEDS}")


def capitalised_words(block: list[tuple[str, str]]) -> dict[str, int]:
    """A block function: how often each capitalised word occurs in the block's bodies."""
    counts: dict[str, int] = {}
    for _doc, body in block:
        for w in re.findall(r"\b[A-Z][a-z]{3,}\b", body):
            counts[w] = counts.get(w, 0) + 1
    return counts


def _blocks(records: list[ArticleRecord]) -> list[list[tuple[str, str]]]:
    """Articles joined when they share an outlet-free key: the first capitalised word of the body."""
    keys = [[m.group(0)] if (m := re.search(r"\b[A-Z][a-z]{3,}\b", r.article.body)) else [] for r in records]
    return [[(records[i].article.doc_id, records[i].article.body) for i in group] for group in components(keys)]


@pytest.fixture(scope="module")
def seed_articles() -> list[ArticleRecord]:
    articles, errors = read_inputs([SEEDS])
    assert not errors and len(articles) == 5
    return [ArticleRecord(article=a) for a in articles]


def _cached_keys(db: Path) -> set[tuple[str, str]]:
    with Store(db, read_only=True) as store:
        return set(store.con.execute("SELECT layer, key FROM block_cache").fetchall())


def test_blocks_come_back_from_the_store_and_only_changed_ones_are_recomputed(tmp_path, seed_articles):
    db = tmp_path / "s.duckdb"
    blocks = _blocks(seed_articles)
    expected = run_blocks("words", "1", capitalised_words, blocks)
    with Store(db) as store:
        cache = store.block_cache()
        assert run_blocks("words", "1", capitalised_words, blocks, cache=cache) == expected
        assert cache.misses == {"words": len(blocks)} and cache.hits == {"words": 0}
        assert cache.prune() == 0
    # a later build (a new process would see the same): one article changed, the others' blocks are reused
    first = seed_articles[0]
    changed = [dataclasses.replace(first, article=dataclasses.replace(
        first.article, body=first.article.body + "\n\nMinisters from Norway met on Friday."))] + seed_articles[1:]
    new_blocks = _blocks(changed)
    with Store(db) as store:
        cache = store.block_cache()
        got = run_blocks("words", "1", capitalised_words, new_blocks, cache=cache)
        assert got == run_blocks("words", "1", capitalised_words, new_blocks)
        assert got[0]["Norway"] == expected[0].get("Norway", 0) + 1
        assert cache.misses == {"words": 1} and cache.hits == {"words": len(new_blocks) - 1}
        assert cache.prune() == 1  # the changed block's old result
    assert len(_cached_keys(db)) == len(new_blocks)


def test_a_version_bump_recomputes_and_prune_drops_what_the_step_did_not_use(tmp_path, seed_articles):
    db = tmp_path / "s.duckdb"
    blocks = _blocks(seed_articles)
    with Store(db) as store:
        cache = store.block_cache()
        run_blocks("words", "1", capitalised_words, blocks, cache=cache)
        run_blocks("other", "1", capitalised_words, blocks[:1], cache=cache)
    with Store(db) as store:
        cache = store.block_cache()
        run_blocks("words", "2", capitalised_words, blocks, cache=cache)  # the layer's code changed
        assert cache.misses == {"words": len(blocks)}
        assert cache.prune() == len(blocks) + 1  # version 1 of 'words' and the unused 'other' layer
    assert {layer for layer, _ in _cached_keys(db)} == {"words"} and len(_cached_keys(db)) == len(blocks)


def test_blocks_written_in_several_transactions_come_back_whole(tmp_path, monkeypatch):
    """Short values go through Arrow and long ones as VALUES statements, a few transactions per put_many: each
    comes back as it was put, and a second put of the same keys writes nothing."""
    import pickle

    import numpy as np

    from newsgraph.store import block_cache

    monkeypatch.setattr(block_cache, "_PUT_BYTES", 10_000)
    rng = np.random.default_rng(0)
    results = {f"k{i}": (rng.standard_normal((1 + i % 4, 384)).astype(np.float32) if i % 3 else ("ptr", i))
               for i in range(60)}
    assert {len(pickle.dumps(v)) >= block_cache._VALUES_FROM for v in results.values()} == {True, False}
    db = tmp_path / "s.duckdb"
    with Store(db) as store:
        cache = store.block_cache()
        cache.put_many("vectors", results)
        cache.put_many("vectors", {k: None for k in results})  # already written by this step: kept as it was
    with Store(db) as store:
        got = store.block_cache().get_many("vectors", list(results))
    assert set(got) == set(results)
    for k, v in results.items():
        assert np.array_equal(got[k], v) if isinstance(v, np.ndarray) else got[k] == v


def test_a_later_step_replaces_the_blocks_the_table_holds_and_inserts_the_new_ones(tmp_path, monkeypatch):
    """put_many inserts keys the table lacks and replaces those it holds (a step that writes a key it did not read:
    an article_pairs pointer, say), long and short values alike, in one transaction with new keys."""
    import numpy as np

    from newsgraph.store import block_cache

    monkeypatch.setattr(block_cache, "_PUT_BYTES", 10_000)
    rng = np.random.default_rng(1)
    first = {f"k{i}": (rng.standard_normal((2, 384)).astype(np.float32) if i % 2 else ("ptr", i)) for i in range(20)}
    db = tmp_path / "s.duckdb"
    with Store(db) as store:
        store.block_cache().put_many("vectors", first)
    later = {f"k{i}": (rng.standard_normal((3, 384)).astype(np.float32) if i % 2 else ("ptr", -i))
             for i in range(10, 40)}  # k10..k19 held, k20..k39 new
    with Store(db) as store:
        store.block_cache().put_many("vectors", later)
    with Store(db) as store:
        got = store.block_cache().get_many("vectors", [f"k{i}" for i in range(40)])
        rows = store.con.execute("SELECT count(*), count(DISTINCT key) FROM block_cache").fetchone()
    assert rows == (40, 40)
    for k, v in {**first, **later}.items():
        assert np.array_equal(got[k], v) if isinstance(v, np.ndarray) else got[k] == v

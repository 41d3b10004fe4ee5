"""The event vectors story clustering needs stay in the store's block cache across incremental corpus steps: a step
whose story blocks all come from the cache reads none of them, and pruning them made the next step that recomputes
such a block embed those articles' events again."""
from __future__ import annotations

from pathlib import Path

import pytest

from newsgraph import api
from newsgraph.resolve import corpus
from newsgraph.store.db import Store

DEV = Path(__file__).resolve().parents[1].parent / "shared" / "dev" / "texts"
# Two real articles about other places than the seeds (Venezuela, Nagorno-Karabakh): they share no story with them.
ADDED = ("d7a_venezuela_maduro_victory_protests.md", "d7b_nagorno_karabakh_fighting_erupts.md")

pytestmark = pytest.mark.skipif(not all((DEV / name).is_file() for name in ADDED),
                                reason=f"shared dev texts not found at {DEV}")


def _event_vectors(store: Store) -> set[str]:
    return {k for (k,) in store.con.execute("SELECT key FROM block_cache WHERE layer = 'event_vectors'").fetchall()}


def _steps(tmp_path: Path, seed_records: dict, keep: bool, monkeypatch: pytest.MonkeyPatch) -> tuple[set, set, set]:
    articles, errors = api.read_inputs([DEV / name for name in ADDED])
    assert not errors
    added = api.analyse_articles(articles)
    with monkeypatch.context() as patch:
        if not keep:
            patch.setattr(corpus, "_keep_event_vectors", lambda *a: None)
        with Store(tmp_path / f"store-{keep}.duckdb") as store:
            for r in seed_records.values():
                store.put_record(r)
            api.update_corpus_layers(store)
            first = _event_vectors(store)
            store.put_record(added[0])
            api.update_corpus_layers(store)
            second = _event_vectors(store)
            store.put_record(added[1])
            api.update_corpus_layers(store)
            third = _event_vectors(store)
    return first, second, third


def test_incremental_steps_keep_the_event_vectors_of_clustered_articles(
        tmp_path: Path, seed_records: dict, monkeypatch: pytest.MonkeyPatch) -> None:
    first, second, third = _steps(tmp_path, seed_records, True, monkeypatch)
    assert len(first) >= 3  # the seeds report the same events: several articles' vectors were needed
    assert first <= second <= third
    # without keeping them, a step that adds an unrelated article drops the seeds' vectors (what happened before)
    first_old, second_old, _ = _steps(tmp_path, seed_records, False, monkeypatch)
    assert first_old == first and not first_old <= second_old

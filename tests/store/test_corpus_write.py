"""Writing the cross-article layers of the seed store: rows streamed in small batches through staging tables give the
same tables (primary keys kept), and a write that fails half way leaves the old layers whole and no staging tables."""
from pathlib import Path

import pytest

from newsgraph import api
from newsgraph.errors import StoreError
from newsgraph.store import db as store_db
from newsgraph.store.db import Store
from newsgraph.store.schema import CORPUS_TABLES

SEEDS = Path(__file__).resolve().parents[2].parent / "shared" / "seeds"


@pytest.fixture(scope="module")
def seed_store(tmp_path_factory) -> Path:
    db = tmp_path_factory.mktemp("corpus_write") / "seeds.duckdb"
    report = api.build([SEEDS], db)
    assert len(report.added) == 5 and not report.errors
    return db


def _tables(store: Store) -> dict[str, list]:
    return {t: store.con.execute(f"SELECT * FROM {t} ORDER BY ALL").fetchall() for t in CORPUS_TABLES}


def _definitions(store: Store) -> dict[str, str]:
    return dict(store.con.execute("SELECT table_name, sql FROM duckdb_tables() WHERE database_name = current_database()"
                                  ).fetchall())


def _rows(store: Store) -> dict:
    """Each corpus table's rows as a generator, as Corpus.rows hands them over."""
    return {t: (list(r) for r in store.con.execute(f"SELECT * FROM {t}").fetchall()) for t in CORPUS_TABLES}


def test_layers_written_in_small_batches_through_staging_equal_the_built_ones(seed_store, monkeypatch):
    with Store(seed_store, publish_every=1e9) as store:
        before, shapes = _tables(store), _definitions(store)
        assert all(before[t] for t in ("entities", "entity_map", "story_events", "claims", "source_profiles"))
        monkeypatch.setattr(store_db, "_BATCH_CHARS", 2_000)  # many batches and checkpoints
        monkeypatch.setattr(store_db, "_COUNTED_ROWS", 3)
        monkeypatch.setattr(store_db, "_CHECKPOINT_CHARS", 5_000)
        store.replace_corpus_layers(_rows(store))
        assert _tables(store) == before
        assert _definitions(store) == shapes, "same tables, columns and primary keys, no staging tables left"
        assert not store.corpus_stale()


def test_a_failed_write_keeps_the_old_layers_and_leaves_no_staging_tables(seed_store):
    with Store(seed_store, publish_every=1e9) as store:
        before, shapes = _tables(store), _definitions(store)
        store.con.execute("INSERT OR REPLACE INTO build_state VALUES ('corpus_stale', '1')")
        rows = _rows(store)
        claims = list(rows["claims"])
        rows["claims"] = iter(claims + claims[:1])  # a repeated claim id breaks the primary key
        with pytest.raises(StoreError, match="cross-article layers"):
            store.replace_corpus_layers(rows)
        assert _tables(store) == before
        assert _definitions(store) == shapes
        assert store.corpus_stale(), "the layers were not replaced, so they still lag behind the articles"

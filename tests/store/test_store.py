"""The store: migrations, content-derived ids (re-ingest is a no-op), replacement of changed articles."""
from pathlib import Path
import shutil

import duckdb

from newsgraph import api
from newsgraph.store.db import SCHEMA_VERSION, Store



REPO = Path(__file__).resolve().parents[2]
SHARED = REPO.parent / "shared"
SEEDS = SHARED / "seeds"


def test_second_build_of_the_same_corpus_changes_nothing(tmp_path):
    db = tmp_path / "s.duckdb"
    first = api.build([SEEDS], db)
    assert len(first.added) == 5 and not first.errors
    with Store(db, read_only=True) as store:
        before = {t: store.con.execute(f"SELECT count(*) FROM {t}").fetchone()[0]
                  for t in ("articles", "mentions", "events", "quotes", "timex", "entities", "entity_map")}
    second = api.build([SEEDS], db)
    assert second.unchanged == sorted(second.unchanged) and len(second.unchanged) == 5
    assert not second.added and not second.replaced
    with Store(db, read_only=True) as store:
        after = {t: store.con.execute(f"SELECT count(*) FROM {t}").fetchone()[0] for t in before}
        assert store.version() == SCHEMA_VERSION
    assert before == after and before["articles"] == 5 and before["entities"] > 20


def test_changed_article_replaces_its_records(tmp_path):
    corpus = tmp_path / "corpus"
    shutil.copytree(SEEDS, corpus)
    db = tmp_path / "s.duckdb"
    api.build([corpus], db)
    target = corpus / "003_36d08f8a1d051dcd.txt"
    target.write_text(target.read_text(encoding="utf-8").replace("Junta leader Assimi Goita", "Junta leader Assimi Goïta"),
                      encoding="utf-8")
    report = api.build([corpus], db)
    assert report.replaced == ["003_36d08f8a1d051dcd"] and len(report.unchanged) == 4
    with Store(db, read_only=True) as store:
        n = store.con.execute("SELECT count(*) FROM articles WHERE doc_id = '003_36d08f8a1d051dcd'").fetchone()[0]
        aliases = {r[0] for r in store.con.execute(
            "SELECT text FROM mentions WHERE doc_id = '003_36d08f8a1d051dcd' AND type = 'PERSON'").fetchall()}
        dup = store.con.execute("SELECT count(*) - count(DISTINCT (doc_id, idx)) FROM events").fetchone()[0]
    assert n == 1 and "Assimi Goïta" in aliases and "Assimi Goita" not in aliases and dup == 0


def test_old_store_is_migrated_forward(tmp_path):
    db = tmp_path / "old.duckdb"
    from newsgraph.store.schema import MIGRATIONS

    con = duckdb.connect(str(db))
    con.execute("CREATE TABLE schema_version (version INTEGER, applied_at TIMESTAMP DEFAULT current_timestamp)")
    con.execute(MIGRATIONS[0])
    con.execute("INSERT INTO schema_version (version) VALUES (1)")
    con.close()
    with Store(db) as store:
        assert store.version() == SCHEMA_VERSION
        assert store.con.execute("SELECT count(*) FROM story_events").fetchone()[0] == 0


def test_mentions_keep_offsets_into_the_cleaned_body(tmp_path):
    db = tmp_path / "s.duckdb"
    api.build([SEEDS], db)
    with Store(db, read_only=True) as store:
        rows = store.con.execute(
            "SELECT m.text, substr(a.body, m.start_char + 1, m.end_char - m.start_char) FROM mentions m "
            "JOIN articles a USING (doc_id)").fetchall()
    assert rows and all(text == sliced for text, sliced in rows)

"""A build's workers send records as the store's JSON; the parent stores that text as it came (EncodedRecord)."""
from __future__ import annotations

from newsgraph.store.db import Store
from newsgraph.store.serialize import EncodedRecord, record_to_json

PER_ARTICLE = ("articles", "mentions", "events", "quotes", "timex")


def _tables(store: Store) -> dict[str, list[tuple]]:
    return {t: store.con.execute(f"SELECT * EXCLUDE (ingested_at) FROM {t} ORDER BY ALL" if t == "articles"
                                 else f"SELECT * FROM {t} ORDER BY ALL").fetchall() for t in PER_ARTICLE}


def test_an_encoded_record_reads_like_the_record_it_encodes(seed_records) -> None:
    for record in seed_records.values():
        encoded = EncodedRecord(record_to_json(record))
        assert encoded.article == record.article
        assert (encoded.mentions, encoded.events, encoded.quotes, encoded.timex, encoded.inferred_anchor) == \
            (record.mentions, record.events, record.quotes, record.timex, record.inferred_anchor)
        assert record_to_json(encoded) == encoded.json == record_to_json(record)


def test_encoded_records_are_stored_as_their_records_are(seed_records, tmp_path) -> None:
    records = list(seed_records.values())
    assert any(e.source_mention for r in records for e in r.events)  # the JSON mention columns are written too
    assert any(q.speaker_mention for r in records for q in r.quotes)
    with Store(tmp_path / "records.duckdb") as plain, Store(tmp_path / "encoded.duckdb") as encoded:
        plain.put_records(records)
        encoded.put_records([EncodedRecord(record_to_json(r)) for r in records])
        assert _tables(encoded) == _tables(plain)
        assert len(_tables(plain)["mentions"]) == sum(len(r.mentions) for r in records)
        # a replaced article: its old rows go, whichever form it came in
        encoded.put_record(records[0])
        plain.put_record(EncodedRecord(record_to_json(records[0])))
        assert _tables(encoded) == _tables(plain)


def test_a_builds_pool_hands_back_the_workers_json(seed_records) -> None:
    from newsgraph.pipeline import worker_pool

    articles = [r.article for r in seed_records.values()][:2]
    with worker_pool(2) as pool:
        got = list(pool.analyse(articles))
    assert all(isinstance(r, EncodedRecord) for r in got)
    assert [r.json for r in got] == [record_to_json(seed_records[a.doc_id]) for a in articles]

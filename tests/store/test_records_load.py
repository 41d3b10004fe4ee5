"""Loading the stored records for a corpus step: Store.records streams them out of DuckDB unsorted and sorts them
itself (same records, same doc_id order as SQL's ORDER BY), and the slotted records still unpickle from the
__dict__ state records had before (old block caches, record pickles)."""
import dataclasses
import pickle
import random

from newsgraph.records import Article, ArticleRecord, Event, LocalEntity, Mention, Quote, Timex
from newsgraph.store.db import Store
from newsgraph.store.serialize import record_from_json, record_to_json

# ids whose code-point order differs from a case-folding or locale order, and that sort across storage order
_SUFFIXES = ["", "~1", "~10", "~2", "Z", "a", "é", "_ü", " x"]


def _copies(seed_records: dict) -> list[ArticleRecord]:
    out = []
    for rec in seed_records.values():
        for sfx in _SUFFIXES:
            out.append(dataclasses.replace(rec, article=dataclasses.replace(rec.article, doc_id=rec.article.doc_id + sfx)))
    random.Random(7).shuffle(out)  # stored in an order unlike doc_id order
    return out


def test_records_come_back_whole_in_sql_doc_id_order(tmp_path, seed_records):
    recs = _copies(seed_records)
    db = tmp_path / "order.duckdb"
    with Store(db, publish_every=1e9) as store:
        for i in range(0, len(recs), 7):
            store.put_records(recs[i : i + 7])
        stored_order = [d for (d,) in store.con.execute("SELECT doc_id FROM articles").fetchall()]
        sql_order = [d for (d,) in store.con.execute("SELECT doc_id FROM articles ORDER BY doc_id").fetchall()]
        loaded = list(store.records())
    assert stored_order != sql_order  # the test means something only if storage order is not doc_id order
    assert [r.article.doc_id for r in loaded] == sql_order
    by_id = {r.article.doc_id: r for r in recs}
    assert all(r == by_id[r.article.doc_id] for r in loaded) and len(loaded) == len(recs)
    assert all(record_to_json(r) == record_to_json(by_id[r.article.doc_id]) for r in loaded)


def test_empty_store_has_no_records(tmp_path):
    with Store(tmp_path / "empty.duckdb", publish_every=1e9) as store:
        assert list(store.records()) == []


def _old_state(obj):
    """What pickle stored for a record before records had slots: its __dict__ (nested records as objects)."""
    return {f.name: getattr(obj, f.name) for f in dataclasses.fields(obj)}


def _revive(cls, state):
    obj = cls.__new__(cls)
    obj.__setstate__(state)
    return obj


def test_records_pickled_with_a_dict_state_unpickle_whole(seed_records):
    for rec in seed_records.values():
        assert not hasattr(rec, "__dict__") and not hasattr(rec.mentions[0], "__dict__")
        assert pickle.loads(pickle.dumps(rec)) == rec
        for part, cls in ((rec.article, Article), *((x, type(x)) for x in rec.mentions + rec.entities + rec.events
                                                     + rec.quotes + rec.timex)):
            assert _revive(cls, _old_state(part)) == part
        # a field added since the pickle was written takes its default
        state = _old_state(rec)
        del state["inferred_anchor"]
        assert _revive(ArticleRecord, state) == dataclasses.replace(rec, inferred_anchor=None)
    assert {Mention, LocalEntity, Event, Quote, Timex} <= {type(x) for r in seed_records.values()
                                                          for x in r.mentions + r.entities + r.events + r.quotes + r.timex}


def test_round_trip_through_json_keeps_every_field(seed_records):
    for rec in seed_records.values():
        assert record_from_json(record_to_json(rec)) == rec


def test_records_held_between_loads_are_decoded_once_and_changed_ones_again(tmp_path, seed_records, monkeypatch):
    from newsgraph.store import record_memo

    recs = sorted(seed_records.values(), key=lambda r: r.article.doc_id)
    decoded: list[str] = []
    real = record_memo.record_from_json

    def counting(text):
        rec = real(text)
        decoded.append(rec.article.doc_id)
        return rec

    monkeypatch.setattr(record_memo, "record_from_json", counting)
    record_memo.forget()
    with Store(tmp_path / "memo.duckdb", publish_every=1e9) as store:
        store.put_records(recs[:-1])
        first = list(store.records())
        assert sorted(decoded) == [r.article.doc_id for r in recs[:-1]]
        decoded.clear()
        store.put_records([recs[-1]])  # an article added: only it is decoded
        again = list(store.records())
        assert decoded == [recs[-1].article.doc_id]
        assert all(a is b for a, b in zip(first, again))  # the held objects themselves
        decoded.clear()
        changed = dataclasses.replace(recs[0], inferred_anchor="2001-02-03")  # stored anew: decoded anew
        store.put_records([changed])
        third = list(store.records())
        assert decoded == [changed.article.doc_id]
        assert third[0] == changed and third[0] is not again[0]
        assert [record_to_json(r) for r in third] == [record_to_json(r) for r in [changed, *recs[1:]]]
    decoded.clear()
    with Store(tmp_path / "other.duckdb", publish_every=1e9) as other:  # same ids, other content: not mixed up
        other.put_records([dataclasses.replace(r, inferred_anchor="1999-01-01") for r in recs])
        assert all(r.inferred_anchor == "1999-01-01" for r in other.records()) and len(decoded) == len(recs)


def test_records_of_a_store_past_the_memo_bound_are_not_held(tmp_path, seed_records, monkeypatch):
    from newsgraph.store import record_memo

    monkeypatch.setattr(record_memo, "MEMO_ARTICLES", 2)
    record_memo.forget()
    with Store(tmp_path / "big.duckdb", publish_every=1e9) as store:
        store.put_records(list(seed_records.values()))
        assert len(list(store.records())) == len(seed_records) > 2
        assert list(record_memo.held()) == []

"""analyse with worker processes gives the same records, in the same order, as one process."""
from __future__ import annotations

from pathlib import Path

from newsgraph.api import read_inputs
from newsgraph.pipeline import analyse
from newsgraph.store.serialize import record_to_json

SEEDS = Path(__file__).resolve().parents[1].parent / "shared" / "seeds"


def test_worker_processes_give_the_records_of_one_process(seed_records) -> None:
    articles, errors = read_inputs([SEEDS])
    assert not errors and len(articles) >= 3
    # batch_size 2: several tasks per worker, so results must come back in input order across tasks
    pooled = list(analyse(articles, n_process=2, batch_size=2))
    assert [r.article.doc_id for r in pooled] == [a.doc_id for a in articles]
    assert all(r.events or r.quotes for r in pooled)  # real records, not empty failures
    for rec in pooled:
        assert record_to_json(rec) == record_to_json(seed_records[rec.article.doc_id])

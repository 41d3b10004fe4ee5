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


def test_an_undated_article_is_analysed_again_alike_here_in_the_pool_and_in_a_child(seed_records, monkeypatch) -> None:
    import newsgraph.pipeline as pipeline
    from newsgraph.api import settle_anchors

    records = list(seed_records.values())
    settled, changed = settle_anchors(records)[:2]  # this process parsed the seeds: the re-analysis ran here
    assert len(changed) == 1 and changed[0].inferred_anchor == "2023-02-07"  # 001, undated (test_story_events)
    undated = seed_records[changed[0].article.doc_id]
    anchors = {undated.article.doc_id: changed[0].inferred_anchor}
    with pipeline.AnalysisPool(1) as pool:  # a build's workers, kept for its corpus step
        pooled = pipeline.reanalyse_with_anchors([undated], anchors, pool=pool)
    monkeypatch.setattr(pipeline, "_pipeline_loaded", lambda: False)  # a corpus step alone: a spawned child parses
    child = pipeline.reanalyse_with_anchors([undated], anchors)
    assert [record_to_json(r) for r in pooled] == [record_to_json(r) for r in child] == [record_to_json(changed[0])]
    assert not pipeline.reanalyse_with_anchors(settled, anchors)  # settled records are not analysed again


def test_a_failed_child_leaves_the_reanalysis_to_this_process(seed_records, monkeypatch, caplog) -> None:
    import sys

    import newsgraph.pipeline as pipeline

    undated = next(r for r in seed_records.values() if not pipeline.anchor_of(r.article))
    monkeypatch.setattr(sys, "executable", "/bin/false")  # the child cannot start
    here = pipeline._analyse_in_child([undated.article], ["2023-02-07"])
    assert "child process failed" in caplog.text
    assert [r.inferred_anchor for r in here] == ["2023-02-07"] and here[0].events


def test_the_corpus_step_never_imports_spacy() -> None:
    import subprocess
    import sys

    code = ("import sys; import newsgraph.api, newsgraph.resolve.corpus, newsgraph.resolve.claims, "
            "newsgraph.resolve.contradictions, newsgraph.resolve.sources, newsgraph.resolve.anchors, newsgraph.store.db; "
            "print(sorted(m for m in ('spacy', 'thinc', 'torch') if m in sys.modules))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"  # ~226 MB a corpus step never uses

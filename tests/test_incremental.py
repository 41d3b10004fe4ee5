"""Incremental builds: unchanged articles are skipped before any parsing, new or changed ones alone are analysed."""
from __future__ import annotations

import html
import re
import shutil
from pathlib import Path

import pytest

from newsgraph import api
from newsgraph.store.db import Store

REPO = Path(__file__).resolve().parents[1]
SHARED = REPO.parent / "shared"
SEEDS = SHARED / "seeds"
TEMPEVAL = SHARED / "benchmarks" / "tempeval3"

pytestmark = pytest.mark.skipif(not SEEDS.is_dir() or not TEMPEVAL.is_dir(),
                                reason=f"shared seeds/benchmarks not found under {SHARED}")


def _tempeval_texts(n: int) -> dict[str, str]:
    """The n shortest TempEval-3 documents (<TEXT>, tags stripped): real news, cheap to parse."""
    texts = {}
    for path in sorted(TEMPEVAL.rglob("*.tml")):
        m = re.search(r"<TEXT>(.*?)</TEXT>", path.read_text(encoding="utf-8", errors="replace"), re.S)
        if m:
            texts[path.stem] = html.unescape(re.sub(r"<[^>]+>", "", m.group(1))).strip()
    return dict(sorted(texts.items(), key=lambda kv: len(kv[1]))[:n])


def _fail(*_a, **_k):
    raise AssertionError("must not be called on an unchanged corpus")


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> dict:
    root = tmp_path_factory.mktemp("incremental")
    folder = root / "articles"
    shutil.copytree(SEEDS, folder, ignore=shutil.ignore_patterns(".*"))
    db = root / "store.duckdb"
    first = api.build([folder], db)
    return {"folder": folder, "db": db, "first": first}


def _duplicates(db: Path) -> dict[str, int]:
    with Store(db, read_only=True) as store:
        q = lambda sql: store.con.execute(sql).fetchone()[0]  # noqa: E731
        return {
            "articles": q("SELECT count(*) - count(DISTINCT doc_id) FROM articles"),
            "events": q("SELECT count(*) - count(DISTINCT (doc_id, idx)) FROM events"),
            "quotes": q("SELECT count(*) - count(DISTINCT (doc_id, idx)) FROM quotes"),
            "timex": q("SELECT count(*) - count(DISTINCT (doc_id, idx)) FROM timex"),
        }


def test_first_build_analyses_every_article(corpus: dict) -> None:
    first = corpus["first"]
    assert first.errors == []
    assert first.analysed == len(first.added) >= 5
    assert first.corpus_recomputed


def test_unchanged_rebuild_neither_parses_nor_recomputes(corpus: dict, monkeypatch: pytest.MonkeyPatch) -> None:
    import newsgraph.nlp.pipeline as nlp_pipeline

    monkeypatch.setattr(nlp_pipeline, "get_nlp", _fail)  # loading spaCy would raise
    monkeypatch.setattr(api, "update_corpus_layers", _fail)
    again = api.build([corpus["folder"]], corpus["db"])
    assert again.analysed == 0 and again.added == [] and again.replaced == []
    assert sorted(again.unchanged) == sorted(corpus["first"].added)
    assert not again.corpus_recomputed


def test_adding_ten_articles_analyses_only_those(corpus: dict) -> None:
    new = _tempeval_texts(10)
    for doc_id, text in new.items():
        (corpus["folder"] / f"{doc_id}.txt").write_text(text, encoding="utf-8")
    report = api.build([corpus["folder"]], corpus["db"])
    assert report.analysed == 10
    assert sorted(report.added) == sorted(new)
    assert sorted(report.unchanged) == sorted(corpus["first"].added)
    assert report.corpus_recomputed
    with Store(corpus["db"], read_only=True) as store:
        assert store.con.execute("SELECT count(*) FROM articles").fetchone()[0] == len(corpus["first"].added) + 10


def test_changed_article_is_replaced_not_duplicated(corpus: dict) -> None:
    victim = sorted(p for p in corpus["folder"].iterdir() if p.suffix == ".txt")[0]
    victim.write_text(victim.read_text(encoding="utf-8") + "\n\nThe ministry said on Monday it would respond.\n",
                      encoding="utf-8")
    report = api.build([corpus["folder"]], corpus["db"])
    assert report.analysed == 1 and report.replaced == [victim.stem]
    assert report.corpus_recomputed
    assert _duplicates(corpus["db"]) == {"articles": 0, "events": 0, "quotes": 0, "timex": 0}
    with Store(corpus["db"], read_only=True) as store:
        assert not store.corpus_stale()

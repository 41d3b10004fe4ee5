"""Incremental corpus steps: seeds first, then the dev articles added, give the corpus tables a fresh build of
seeds + dev gives; the second step recomputes only blocks the new articles touch (the rest come from the
store's block cache), an unchanged corpus recomputes nothing, and the cache keeps only the blocks in use."""
from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from newsgraph import api
from newsgraph.resolve.blocks import _canonical
from newsgraph.store.db import Store
from newsgraph.store.schema import CORPUS_TABLES

REPO = Path(__file__).resolve().parents[1]
DEV = REPO.parent / "shared" / "dev" / "texts"

pytestmark = pytest.mark.skipif(not DEV.is_dir(), reason=f"shared dev texts not found at {DEV}")


@pytest.fixture(scope="module")
def dev_records() -> dict:
    articles, errors = api.read_inputs([DEV])
    assert not errors and len(articles) >= 20
    return {r.article.doc_id: r for r in api.analyse_articles(articles)}


class Recorder:
    """Stands in for api.corpus_mapper: keeps the block caches and every block a step had to compute."""

    def __init__(self, monkeypatch: pytest.MonkeyPatch) -> None:
        self.computed: list[list] = []  # per step: (function name, block) pairs
        self.caches: list = []
        monkeypatch.setattr(api, "corpus_mapper", self.mapper_for)
        real = Store.block_cache

        def block_cache(store: Store):
            self.caches.append(real(store))
            self.computed.append([])
            return self.caches[-1]

        monkeypatch.setattr(Store, "block_cache", block_cache)

    def mapper_for(self, engine: str = "local", n_process: int = 1):
        def mapper(fn, items):
            self.computed[-1].extend((fn.__name__, x) for x in items)
            return [fn(x) for x in items]

        return mapper


def _tables(store: Store) -> dict[str, list]:
    out = {t: sorted(store.con.execute(f"SELECT * FROM {t}").fetchall(), key=repr) for t in CORPUS_TABLES}
    out["records"] = sorted(store.con.execute("SELECT doc_id, record FROM articles").fetchall())
    return out


def _strings(value) -> list[str]:
    if isinstance(value, str):
        return [value]
    if isinstance(value, dict):
        return [s for k, v in value.items() for s in [k, *_strings(v)]]
    if isinstance(value, list):
        return [s for v in value for s in _strings(v)]
    return []


def _grams(text: str, n: int = 3) -> set[tuple[str, ...]]:
    words = re.findall(r"\w+", text.lower())
    return {tuple(words[i:i + n]) for i in range(len(words) - n + 1)}


def _touches(block, new_ids: set[str], new_grams: set[tuple[str, ...]]) -> bool:
    """Whether a block's inputs hold something of the new articles: an id ('d1a_x', 'd1a_x:3') or their words
    (half a text's word triples: statements are cleaned and a quote split by its cue is joined, so not verbatim)."""
    for s in _strings(_canonical(block)):
        head = s.split(":")[0].split("|")[0]
        grams = _grams(s) if len(s) >= 20 else set()
        if s in new_ids or head in new_ids or (grams and len(grams & new_grams) >= len(grams) / 2):
            return True
    return False


def test_seeds_then_dev_equals_a_fresh_build_and_recomputes_only_touched_blocks(
        tmp_path: Path, seed_records: dict, dev_records: dict, monkeypatch: pytest.MonkeyPatch) -> None:
    rec = Recorder(monkeypatch)
    with Store(tmp_path / "fresh.duckdb") as store:
        for r in [*seed_records.values(), *dev_records.values()]:
            store.put_record(r)
        api.update_corpus_layers(store)
        fresh = _tables(store)
    with Store(tmp_path / "incremental.duckdb") as store:
        for r in seed_records.values():
            store.put_record(r)
        api.update_corpus_layers(store)
        for r in dev_records.values():
            store.put_record(r)
        api.update_corpus_layers(store)
        assert _tables(store) == fresh
        added = rec.caches[-1]
        store.con.execute("INSERT OR REPLACE INTO build_state VALUES ('corpus_stale', '1')")
        before = set(store.con.execute("SELECT layer, key FROM block_cache").fetchall())
        api.update_corpus_layers(store)  # nothing changed: every block comes from the cache
        again = rec.caches[-1]
        assert _tables(store) == fresh
        cached = set(store.con.execute("SELECT layer, key FROM block_cache").fetchall())
    assert added.misses and sum(added.hits.values()) > 0, (added.hits, added.misses)
    new_ids = set(dev_records)
    new_grams = set().union(*(_grams(r.article.body) for r in dev_records.values()))
    story_docs = {m.doc_id for name, job in rec.computed[-2] if name == "_with_vectors" for m in job[1]}
    rejoined = {ev.evidence for r in seed_records.values() if r.article.doc_id in story_docs for ev in r.events}
    # claim_vectors.ReferenceTable gives an old statement its MiniLM vectors when a new article's statement is first
    # compared with it (contradictions): the new articles' work, though the block holds none of their text; and
    # event_vectors embeds an earlier article's report when a new one makes it joinable (resolve.event_vectors), in that
    # article's block of joinable reports: the new articles' work when a story block they touch holds the article
    untouched = [(name, json.dumps(_canonical(b), default=repr)[:200]) for name, b in rec.computed[-2]
                 if name != "_minilm_block" and not (name == "_embed_events" and all(t[0] in rejoined for t in b))
                 and not _touches(b, new_ids, new_grams)]
    assert not untouched, f"blocks recomputed that hold nothing of the added articles: {untouched[:5]}"
    assert sum(again.misses.values()) == 0 and rec.computed[-1] == []
    # the cache keeps the blocks the step read or kept, and only those (a layer may keep blocks by key without
    # knowing whether they were ever made: claim_vectors.ReferenceTable.keep)
    used = {(layer, k) for layer, keys in again.used.items() for k in keys}
    assert cached <= used and before & used <= cached

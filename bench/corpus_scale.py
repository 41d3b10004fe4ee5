"""The corpus step (cross-article layers) on a large store: peak memory and time, full and incremental.

A 10,000-article store is made once from a smaller analysed one by copying its rows under new doc_ids in SQL
(issue 14 allows texts repeated with new ids for this stress test; nothing is parsed again). Then, each in a
fresh subprocess so its peak RSS (with any Ray or torch workers it starts) is its own:
  1. the full corpus step (api.update_corpus_layers) on the whole store, with an empty block cache;
  2. the step again after 10 more articles were added (copies under new ids): the incremental step.

    PYTHONPATH=src .venv/bin/python bench/corpus_scale.py --records /tmp/scale_records.pkl      # 10,000
    PYTHONPATH=src .venv/bin/python bench/corpus_scale.py --base-db store.duckdb --articles 2000
    PYTHONPATH=src .venv/bin/python bench/corpus_scale.py --store big.duckdb --keep     # reuse a made store
    ... --processes 2       # the corpus blocks on two worker processes, as build -j 2 runs them
    ... --warm              # one-time loads (gazetteer, encoder, scikit-learn) before the clock, as in a build

--records: a pickle of a list of ArticleRecords; --base-db: any analysed store. The last lines are
`peak RSS corpus step (MB): X` and `incremental add-10/full corpus step: X.XX`.
"""
from __future__ import annotations

import argparse
import json
import math
import pickle
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO / "src"))


def _columns(con, table: str) -> list[str]:
    return [r[0] for r in con.execute("SELECT column_name FROM information_schema.columns WHERE table_name = ? AND table_catalog = current_database() "
                                      "ORDER BY ordinal_position", [table]).fetchall()]


def base_store(out: Path, records: Path | None, base_db: Path | None) -> Path:
    """The analysed store to copy from: base_db itself, or a store written from a pickle of records."""
    from newsgraph.store.db import Store

    if base_db is not None:
        return base_db
    if records is None:
        raise SystemExit("give --records PKL or --base-db STORE (an analysed store to copy), or --store")
    with records.open("rb") as fh:
        recs = pickle.load(fh)
    db = out.with_name(out.stem + ".base.duckdb")
    db.unlink(missing_ok=True)
    with Store(db, publish_every=1e9) as store:
        for i, rec in enumerate(recs):
            if not rec.article.doc_id.replace("_", "").isalnum():  # temp-file ids: give them short stable ones
                import dataclasses

                rec = dataclasses.replace(rec, article=dataclasses.replace(rec.article, doc_id=f"b{i:05d}"))
            store.put_record(rec)
    return db


def _copy_rows(con, src: str, picked: str, sfx: str) -> None:
    """Copy the articles picked (a query of doc_ids in src, e.g. 'base.' or '' for this store) and their
    per-article rows under doc_id + sfx; the stored record JSON gets the new id too."""
    from newsgraph.store.schema import PER_ARTICLE_TABLES

    con.execute(f"CREATE OR REPLACE TEMP TABLE picked AS {picked}")
    cols = _columns(con, "articles")
    rec = ("replace(CAST(a.record AS VARCHAR), '{\"article\": {\"doc_id\": ' || to_json(a.doc_id), "
           "'{\"article\": {\"doc_id\": ' || to_json(a.doc_id || ?))")
    sel = ", ".join("a.doc_id || ?" if c == "doc_id" else rec if c == "record" else
                    "current_timestamp" if c == "ingested_at" else f"a.{c}" for c in cols)
    params = [sfx for c in cols if c in ("doc_id", "record")]
    con.execute(f"INSERT INTO articles ({', '.join(cols)}) SELECT {sel} FROM {src}articles a "
                "WHERE a.doc_id IN (SELECT doc_id FROM picked)", params)
    for table in PER_ARTICLE_TABLES:
        tcols = _columns(con, table)
        tsel = ", ".join("t.doc_id || ?" if c == "doc_id" else f"t.{c}" for c in tcols)
        con.execute(f"INSERT INTO {table} ({', '.join(tcols)}) SELECT {tsel} FROM {src}{table} t "
                    "WHERE t.doc_id IN (SELECT doc_id FROM picked)", [sfx])
    con.execute("DROP TABLE picked")


def replicate(base_db: Path, out: Path, articles: int, with_cache: bool = False) -> int:
    """Copy base_db's articles and per-article rows under new ids ('<id>~k') into a new store at out, up to
    `articles` articles in all (with_cache: and base_db's block cache); returns how many out holds."""
    import duckdb

    from newsgraph.store.db import Store

    with Store(out, publish_every=1e9) as store:
        con = store.con
        con.execute(f"ATTACH '{base_db}' AS base (READ_ONLY)")
        n_base = con.execute("SELECT count(*) FROM base.articles").fetchone()[0]
        con.execute("BEGIN TRANSACTION")
        try:
            for k in range(math.ceil(articles / n_base)):
                take = min(articles - k * n_base, n_base)
                _copy_rows(con, "base.", f"SELECT doc_id FROM base.articles ORDER BY doc_id LIMIT {take}",
                           f"~{k}" if k else "")
            if with_cache and con.execute("SELECT count(*) FROM duckdb_tables() WHERE database_name = 'base' "
                                          "AND table_name = 'block_cache'").fetchone()[0]:
                # blocks computed on the base store: those whose inputs hold no doc_id (an article's statement
                # texts, its MinHash signature ...) are the copies' blocks too, as if stored when analysed
                con.execute("INSERT OR REPLACE INTO block_cache SELECT * FROM base.block_cache")
            con.execute("INSERT OR REPLACE INTO build_state VALUES ('corpus_stale', '1')")
            con.execute("COMMIT")
        except duckdb.Error:
            con.execute("ROLLBACK")
            raise
        con.execute("DETACH base")
        store._committed()
        return con.execute("SELECT count(*) FROM articles").fetchone()[0]


def add_copies(db: Path, n: int, sfx: str = "~new") -> None:
    """n more articles in db: copies of its first n under doc_id + sfx, as a build adding them would leave it."""
    from newsgraph.store.db import Store

    with Store(db, publish_every=1e9) as store:
        con = store.con
        con.execute("BEGIN TRANSACTION")
        _copy_rows(con, "", f"SELECT doc_id FROM articles WHERE doc_id NOT LIKE '%~%' ORDER BY doc_id LIMIT {n}", sfx)
        con.execute("INSERT OR REPLACE INTO build_state VALUES ('corpus_stale', '1')")
        con.execute("COMMIT")
        store._committed()


def _rss_mb() -> float:
    """This process's resident memory now (Linux /proc; 0 elsewhere)."""
    try:
        with open("/proc/self/statm") as fh:
            return int(fh.read().split()[1]) * resource.getpagesize() / 2**20
    except OSError:
        return 0.0


# Where the corpus step's stages are looked up (module, name): each is timed with the memory after it.
STAGES = [("newsgraph.store.db", "Store.records"), ("newsgraph.resolve.entities", "merge_entities"),
          ("newsgraph.resolve.corpus", "merge_entities"), ("newsgraph.resolve.corpus", "story_events"),
          ("newsgraph.resolve.anchors", "infer_anchors"), ("newsgraph.pipeline", "reanalyse_with_anchors"),
          ("newsgraph.resolve.sources", "find_copies"), ("newsgraph.resolve.sources", "profile_sources"), ("newsgraph.resolve.claims", "group_claims"),
          ("newsgraph.resolve.contradictions", "find_contradictions"), ("newsgraph.resolve.corpus", "Corpus.rows"),
          ("newsgraph.store.db", "Store.replace_corpus_layers"),
          ("newsgraph.store.block_cache", "StoreBlockCache.prune")]


def stage_functions():  # type: ignore[no-untyped-def]
    """(owner, attribute name, function, label) of each importable stage in STAGES, for wrapping in place."""
    import importlib

    for module_name, attr in STAGES:
        try:
            owner = importlib.import_module(module_name)
        except ImportError:
            continue
        *path, name = attr.split(".")
        for part in path:
            owner = getattr(owner, part, None)
        fn = getattr(owner, name, None) if owner is not None else None
        if fn is not None:
            yield owner, name, fn, (f"{attr}" if path else f"{module_name.rsplit('.', 1)[-1]}.{name}")


def probe_stages(log: list[dict]) -> None:
    """Wrap each stage so it appends {stage, seconds, rss_mb, peak_mb} to log when it returns."""
    import functools
    import inspect

    for owner, name, fn, label in stage_functions():
        if getattr(fn, "_probed", False):
            continue

        def make(fn, label, gen=inspect.isgeneratorfunction(fn)):
            def done(t0: tuple[float, float]) -> None:
                log.append({"stage": label, "seconds": round(time.perf_counter() - t0[0], 2),
                            "cpu": round(time.process_time() - t0[1], 2), "rss_mb": round(_rss_mb()),
                            "peak_mb": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024)})
                print(json.dumps(log[-1]), file=sys.stderr, flush=True)

            if gen:
                @functools.wraps(fn)
                def wrapped_gen(*a, **k):
                    t0 = (time.perf_counter(), time.process_time())
                    yield from fn(*a, **k)
                    done(t0)
                wrapped_gen._probed = True  # type: ignore[attr-defined]
                return wrapped_gen

            @functools.wraps(fn)
            def wrapped(*a, **k):
                t0 = (time.perf_counter(), time.process_time())
                out = fn(*a, **k)
                done(t0)
                return out
            wrapped._probed = True  # type: ignore[attr-defined]
            return wrapped

        setattr(owner, name, make(fn, label))


def warm_up() -> None:
    """Load what a build's per-article step has loaded before its corpus step runs (the gazetteer's tables, the
    encoder, scikit-learn and scipy), as bench/throughput.py's incremental build finds them: a fresh process would
    otherwise charge these one-time loads to the step."""
    import scipy.sparse.csgraph  # noqa: F401
    import sklearn.feature_extraction.text  # noqa: F401

    from newsgraph.nlp.embeddings import embed_texts
    from newsgraph.nlp.gazetteer import lookup_place

    lookup_place("Paris")
    lookup_place("Nowhere at all")
    embed_texts(["A sentence to load the encoder."])


def step(db: Path, engine: str, processes: int = 1, warm: bool = False) -> None:
    """One corpus step in this (fresh) process; prints one JSON line with its time, peak RSS and cache use."""
    from newsgraph import api
    from newsgraph.store.db import Store

    if warm:
        warm_up()

    stages: list[dict] = []
    probe_stages(stages)
    t0 = time.perf_counter()
    with Store(db, publish_every=1e9) as store:
        caches = []
        real = store.block_cache

        def counted():  # keep the step's cache so its hits and misses can be reported
            caches.append(real())
            return caches[-1]

        store.block_cache = counted  # type: ignore[method-assign]
        n = store.con.execute("SELECT count(*) FROM articles").fetchone()[0]
        cpu0 = time.process_time()
        api.update_corpus_layers(store, engine=engine, n_process=processes)
        seconds = time.perf_counter() - t0
        cpu = time.process_time() - cpu0
        rows = {t: store.con.execute(f"SELECT count(*) FROM {t}").fetchone()[0]
                for t in ("entities", "story_events", "claims", "contradictions", "block_cache")}
    own = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    kids = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    cache = caches[-1] if caches else None
    print(json.dumps({"articles": n, "seconds": seconds, "cpu": cpu, "peak_mb": own, "peak_child_mb": kids, "rows": rows,
                      "hits": cache.hits if cache else {}, "misses": cache.misses if cache else {},
                      "stages": stages}))


def run_step(db: Path, engine: str, processes: int = 1, warm: bool = False) -> dict:
    done = subprocess.run([sys.executable, __file__, "--step", str(db), "--engine", engine, "--processes", str(processes)]
                          + (["--warm"] if warm else []),
                          stdout=subprocess.PIPE, text=True, check=False)  # stages stream to stderr
    if done.returncode != 0:
        raise SystemExit("corpus step failed (its stderr is above)")
    return json.loads(done.stdout.strip().splitlines()[-1])


def show(name: str, r: dict) -> None:
    print(f"{name:12s} {r['articles']:6d} articles {r['seconds']:8.1f} s ({r.get('cpu', 0):.1f} s CPU here)  peak RSS {r['peak_mb']:.0f} MB "
          f"(largest child {r['peak_child_mb']:.0f} MB)  rows {r['rows']}")
    for st in r.get("stages", []):
        print(f"{'':12s} {st['stage']:36s} {st['seconds']:8.1f} s {st.get('cpu', 0):7.1f} s CPU  RSS after {st['rss_mb']:6d} MB  peak {st['peak_mb']:6d} MB")
    if r["hits"] or r["misses"]:
        print(f"{'':12s} block cache hits {r['hits']} misses {r['misses']}")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--articles", type=int, default=10_000, help="articles in the stress store")
    parser.add_argument("--records", type=Path, help="pickle of analysed ArticleRecords to copy")
    parser.add_argument("--base-db", type=Path, help="an analysed store to copy")
    parser.add_argument("--store", type=Path, help="where the stress store is (made when missing)")
    parser.add_argument("--with-cache", action="store_true",
                        help="copy the base store's block cache too (blocks of text alone are then reused)")
    parser.add_argument("--keep", action="store_true", help="keep the stress store (default: a temp copy)")
    parser.add_argument("--engine", default="local", choices=["local", "ray"])
    parser.add_argument("--no-incremental", action="store_true", help="only the full step")
    parser.add_argument("--processes", "-j", type=int, default=1, help="worker processes for the corpus blocks (build -j)")
    parser.add_argument("--warm", action="store_true",
                        help="load the gazetteer, encoder and scikit-learn before timing each step (as a build has)")
    parser.add_argument("--step", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.step:
        step(args.step, args.engine, args.processes, args.warm)
        return 0
    with tempfile.TemporaryDirectory() as tmp:
        db = args.store or Path(tmp) / "scale.duckdb"
        if not db.exists():
            t = time.perf_counter()
            base = base_store(db, args.records, args.base_db)
            n = replicate(base, db, args.articles, with_cache=args.with_cache)
            print(f"made {db} with {n} articles in {time.perf_counter() - t:.0f} s")
        work = db if not args.store or args.keep else Path(tmp) / "work.duckdb"
        if work != db:
            shutil.copyfile(db, work)
        full = run_step(work, args.engine, args.processes, args.warm)
        show("full step", full)
        if not args.no_incremental:
            add_copies(work, 10)
            inc = run_step(work, args.engine, args.processes, args.warm)
            show("add-10 step", inc)
        print(f"peak RSS corpus step (MB): {max(full['peak_mb'], full['peak_child_mb']):.0f}")
        if not args.no_incremental:
            print(f"incremental add-10/full corpus step: {inc['seconds'] / full['seconds']:.2f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())

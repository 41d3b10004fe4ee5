"""Where the per-article step spends its time: cProfile of ingest -> parse -> extract -> record -> store write
on a fixed sample of the throughput pool (bench/throughput.pool), in one process, and a timing of the parent
process of a -j N build (is it a bottleneck while the workers parse?).

    PYTHONPATH=src .venv/bin/python bench/profile_articles.py                 # 150 texts, single process
    PYTHONPATH=src .venv/bin/python bench/profile_articles.py -n 60 --top 40
    PYTHONPATH=src .venv/bin/python bench/profile_articles.py --parent -j 2   # the -j 2 build's parent side
    PYTHONPATH=src .venv/bin/python bench/profile_articles.py --no-profile --dump /tmp/a.jsonl  # records, for diffs

Single process: the stages are timed without the profiler (CPU seconds of this process), then profiled once; the profile is
summed by function (own time) and by module (own time of every function defined in it), and spaCy's own
pipeline components are timed one by one. --parent: api.build on the sample with -j workers; the parent's
CPU time, the time it waits for workers, and its own work per step (decoding records, store writes, ingest).
"""
from __future__ import annotations

import argparse
import cProfile
import json
import pstats
import resource
import sys
import tempfile
import time
from collections import defaultdict
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO / "bench"))

from throughput import pool, write_jsonl  # noqa: E402  (bench/throughput.py: the same pool)


def sample(n: int, seed: int) -> list[tuple[str, str]]:
    """The first n texts of the throughput pool (the same order as bench/throughput.py's samples)."""
    return pool(seed)[:n]


def read_articles(jsonl: Path) -> list:
    """Ingest the sample as a build would (JSONL reader, cleaning, dates)."""
    from newsgraph.api import read_inputs

    articles, errors = read_inputs([jsonl])
    if errors:
        print(f"{len(errors)} unreadable texts skipped", file=sys.stderr)
    return articles


def stages(articles: list, batch_size: int) -> tuple[dict[str, float], list]:
    """CPU seconds per stage of the per-article step, in this process, and the records (CPU, not wall: the
    machine is usually shared)."""
    from newsgraph import pipeline
    from newsgraph.nlp.pipeline import parse
    from newsgraph.store.db import Store
    from newsgraph.store.serialize import record_from_json, record_to_json

    spent: dict[str, float] = defaultdict(float)
    records = []
    t = time.process_time()
    parsed = []
    for doc, art in parse(((a.body, a) for a in articles), batch_size=batch_size):
        parsed.append((doc, art))
    spent["parse (nlp.pipe, incl. our components)"] = time.process_time() - t
    for doc, art in parsed:
        t = time.process_time()
        rec = pipeline.record_from_parse(art, doc)
        spent["extract (record_from_parse)"] += time.process_time() - t
        t = time.process_time()
        rec = record_from_json(record_to_json(rec))
        spent["record to/from JSON (worker -> parent)"] += time.process_time() - t
        records.append(rec)
    del parsed
    from newsgraph import api

    batch = getattr(api, "WRITE_BATCH", 1)  # as api.build writes: batched where the store can
    with tempfile.TemporaryDirectory() as tmp, Store(Path(tmp) / "p.duckdb") as store:
        t = time.process_time()
        if hasattr(store, "put_records"):
            for i in range(0, len(records), batch):
                store.put_records(records[i:i + batch])
        else:
            for rec in records:
                store.put_record(rec)
        spent[f"store write ({batch} a transaction)"] = time.process_time() - t
    return dict(spent), records


def component_seconds(articles: list, batch_size: int) -> dict[str, float]:
    """Seconds per spaCy pipeline component (each pipe timed around its own pipe() over the batch)."""
    from newsgraph.nlp.pipeline import get_nlp

    nlp = get_nlp()
    spent: dict[str, float] = defaultdict(float)
    texts = [a.body for a in articles if len(a.body) <= 100_000]
    for i in range(0, len(texts), batch_size):
        t = time.process_time()
        docs = [nlp.make_doc(x) for x in texts[i:i + batch_size]]
        spent["tokenizer"] += time.process_time() - t
        for name, proc in nlp.pipeline:
            t = time.process_time()
            docs = list(proc.pipe(docs, batch_size=batch_size)) if hasattr(proc, "pipe") else [proc(d) for d in docs]
            spent[name] += time.process_time() - t
    return dict(spent)


def module_of(filename: str) -> str:
    """A short module name for a profiled file: newsgraph/extract/quotes.py -> extract/quotes.py."""
    if "newsgraph/" in filename:
        return filename.split("newsgraph/", 1)[1]
    for lib in ("spacy", "thinc", "duckdb", "json", "re", "numpy"):
        if f"/{lib}/" in filename:
            return f"[{lib}]"
    if filename.endswith((".pyx", ".pxd")):
        return "[cython] " + Path(filename).name  # spaCy's and thinc's compiled modules
    if filename.startswith("~") or filename.startswith("<"):
        return "[builtins]"
    return "[other] " + Path(filename).name


def report_profile(stats: pstats.Stats, top: int) -> None:
    raw = stats.stats  # type: ignore[attr-defined]
    total = sum(v[2] for v in raw.values())
    print(f"\nprofiled own time {total:.1f} s; top {top} functions by own time:")
    print(f"{'own s':>7} {'cum s':>7} {'calls':>9}  function")
    for (fn, line, name), (cc, nc, tt, ct, _) in sorted(raw.items(), key=lambda kv: -kv[1][2])[:top]:
        print(f"{tt:7.2f} {ct:7.2f} {nc:9d}  {module_of(fn)}:{line} {name}")
    by_module: dict[str, float] = defaultdict(float)
    for (fn, _, name), v in raw.items():
        mod = module_of(fn)
        if mod == "[builtins]":
            mod = "[builtins] " + name.split(" of ")[0].strip("<>{}")[:40]
        by_module[mod] += v[2]
    print(f"\ntop {top} modules by own time (builtins by name: they are called from everywhere):")
    for mod, s in sorted(by_module.items(), key=lambda kv: -kv[1])[:top]:
        print(f"{s:7.2f}  {mod}")
    groups: dict[str, float] = defaultdict(float)
    for mod, s in by_module.items():
        head = mod.split("/")[0] if "/" in mod and not mod.startswith("[") else mod.split(" ")[0]
        groups[head] += s
    print("\nown time by package: " + ", ".join(f"{k} {v:.1f} s" for k, v in sorted(groups.items(), key=lambda kv: -kv[1])))
    cums = {name: v[3] for (fn, _, name), v in raw.items() if "newsgraph/" in fn and name.startswith("extract_")}
    print("extractors (cumulative): " + ", ".join(f"{k} {v:.2f} s" for k, v in sorted(cums.items(), key=lambda kv: -kv[1])))


def single(args: argparse.Namespace, jsonl: Path) -> None:
    from newsgraph.nlp.pipeline import get_nlp
    from newsgraph.store.serialize import record_to_json

    get_nlp()
    t = time.process_time()
    articles = read_articles(jsonl)
    ingest = time.process_time() - t
    spent, records = stages(articles, args.batch_size)
    if args.dump:
        with args.dump.open("w", encoding="utf-8") as fh:
            for rec in records:
                fh.write(record_to_json(rec) + "\n")
    print(f"{len(articles)} articles, {sum(len(a.body) for a in articles):,} characters; CPU seconds per stage:")
    print(f"{ingest:7.2f}  ingest (read_inputs)")
    for name, s in spent.items():
        print(f"{s:7.2f}  {name}")
    print(f"{ingest + sum(spent.values()):7.2f}  total")
    if args.no_profile:
        return
    print("\nspaCy components (seconds, timed one by one):")
    for name, s in component_seconds(articles, args.batch_size).items():
        print(f"{s:7.2f}  {name}")
    prof = cProfile.Profile()
    prof.enable()
    stages(articles, args.batch_size)
    prof.disable()
    report_profile(pstats.Stats(prof), args.top)


def parent(args: argparse.Namespace, jsonl: Path) -> None:
    """api.build with -j workers, the parent's own work profiled (workers are forked and not profiled)."""
    from multiprocessing.pool import ApplyResult

    from newsgraph import api
    from newsgraph.nlp.pipeline import get_nlp

    get_nlp()
    api.update_corpus_layers = lambda store, **kw: None  # type: ignore[assignment]  (the per-article step only)
    waited = [0.0]
    real_get = ApplyResult.get

    def timed_get(self, timeout=None):  # type: ignore[no-untyped-def]
        t = time.perf_counter()
        try:
            return real_get(self, timeout)
        finally:
            waited[0] += time.perf_counter() - t

    ApplyResult.get = timed_get  # type: ignore[method-assign]
    own0 = resource.getrusage(resource.RUSAGE_SELF)
    prof = cProfile.Profile()
    with tempfile.TemporaryDirectory() as tmp:
        t0 = time.perf_counter()
        prof.enable()
        report = api.build([jsonl], Path(tmp) / "p.duckdb", n_process=args.processes)
        prof.disable()
        wall = time.perf_counter() - t0
    own1 = resource.getrusage(resource.RUSAGE_SELF)
    kids = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = own1.ru_utime + own1.ru_stime - own0.ru_utime - own0.ru_stime
    print(f"-j {args.processes}: {report.analysed} articles in {wall:.1f} s wall (profiler on in the parent)")
    print(f"parent CPU {cpu:.1f} s ({100 * cpu / wall:.0f}% of one core), waiting for workers {waited[0]:.1f} s "
          f"({100 * waited[0] / wall:.0f}% of the wall time); workers' CPU {kids.ru_utime + kids.ru_stime:.1f} s")
    raw = pstats.Stats(prof).stats  # type: ignore[attr-defined]
    cum: dict[tuple[str, str], float] = defaultdict(float)
    for (fn, _, name), v in raw.items():
        cum[module_of(fn), name] += v[3]
    for label, keys in [("ingest (iter_inputs)", [("api.py", "iter_inputs")]),
                        ("store write (put_record/put_records)", [("store/db.py", "put_record"),
                                                                  ("store/db.py", "put_records")]),
                        ("decode records (record_from_json)", [("store/serialize.py", "record_from_json")]),
                        ("content ids (Article.content_id)", [("records.py", "content_id")])]:
        # put_record calls put_records where it exists: the larger of the two is the write time
        print(f"{max(cum.get(k, 0.0) for k in keys):7.2f}  {label}")
    if args.top:
        report_profile(pstats.Stats(prof), min(args.top, 15))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("-n", type=int, default=150, help="texts from the start of the pool")
    parser.add_argument("--seed", type=int, default=14, help="the pool's shuffle (throughput.py's default)")
    parser.add_argument("--batch-size", type=int, default=16)
    parser.add_argument("--top", type=int, default=30, help="rows of each profile table")
    parser.add_argument("--no-profile", action="store_true", help="stage timings only")
    parser.add_argument("--dump", type=Path, help="write the records' JSON (one per line) here")
    parser.add_argument("--parent", action="store_true", help="profile the parent of a -j build instead")
    parser.add_argument("-j", "--processes", type=int, default=2)
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory() as tmp:
        jsonl = Path(tmp) / "sample.jsonl"
        write_jsonl(sample(args.n, args.seed), jsonl)
        (parent if args.parent else single)(args, jsonl)
    return 0


if __name__ == "__main__":
    sys.exit(main())

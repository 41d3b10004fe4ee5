"""Throughput of the whole newsgraph build (per-article pipeline and cross-article layers) against spaCy's
own nlp.pipe on the same texts, at three corpus sizes, and the cost of an incremental build.

Pool: every ECB+ document (tokens joined; the URL sentence 0 of *ecbplus.xml files dropped), every TempEval-3
document (<TEXT>, tags stripped), the seeds and the dev texts under ../shared, shuffled once with a fixed
seed; the samples are the first 250, 500 and 1,000 texts of that order (so the sizes differ only in size),
each written to a JSONL file. newsgraph: api.build on that JSONL (ingest -> parse -> extract -> store ->
cross-article layers), then 10 texts from outside the sample are added and built again (the incremental
corpus step), in the same process (which may hold what its first build decoded) and, as a user's second
`newsgraph build` would, in a new process on a copy of the first build's store. spaCy: get_nlp().pipe on the raw texts of the largest sample, right before and
right after newsgraph's largest build (the ratios use their mean: the VM's speed drifts). A first untimed build of the
10 added texts makes the caches a fresh machine makes once (ONNX export, static table). Both use the same number of
processes (-j, default 2). Each run is a fresh subprocess so its peak memory is its own; model loading is
excluded from both timings.

    PYTHONPATH=src .venv/bin/python bench/throughput.py            # the ratios (last lines), ~6 min idle
    PYTHONPATH=src .venv/bin/python bench/throughput.py --quick    # sizes 40, 80, 160: the same code paths
    PYTHONPATH=src .venv/bin/python bench/throughput.py --sizes 100,200,400 --seed 7
"""
from __future__ import annotations

import argparse
import html
import json
import math
import random
import re
import resource
import shutil
import subprocess
import sys
import tempfile
import time
import xml.etree.ElementTree as ET
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
BENCH = REPO.parent / "shared" / "benchmarks"


def ecbplus_texts(root: Path) -> list[tuple[str, str]]:
    """(id, text) per ECB+ document: tokens joined by spaces, one sentence per line (as in wire copy)."""
    out = []
    for path in sorted(root.glob("*/*/*.xml")):
        tree = ET.parse(path)
        skip_first = path.name.endswith("ecbplus.xml")  # sentence 0 of ECB+ additions is the source URL
        sentences: dict[str, list[str]] = {}
        for t in tree.getroot().iter("token"):
            if t.text and not (skip_first and t.get("sentence") == "0"):
                sentences.setdefault(t.get("sentence") or "", []).append(t.text)
        text = "\n".join(" ".join(words) for words in sentences.values())
        if text.strip():
            out.append((f"ecb_{path.stem}", text))
    return out


def tempeval_texts(root: Path) -> list[tuple[str, str]]:
    """(id, text) per TempEval-3 document: the <TEXT> element with its inline tags stripped."""
    out = []
    for path in sorted(root.rglob("*.tml")):
        raw = path.read_text(encoding="utf-8", errors="replace")
        m = re.search(r"<TEXT>(.*?)</TEXT>", raw, re.S)
        if not m:
            continue
        text = html.unescape(re.sub(r"<[^>]+>", "", m.group(1))).strip()
        if text:
            out.append((f"te3_{path.stem}", text))
    return out


SHARED = REPO.parent / "shared"


def shared_texts(folder: Path, prefix: str) -> list[tuple[str, str]]:
    """(id, text) per .txt/.md file of a shared folder (seeds, dev texts), read as it is."""
    return [(f"{prefix}_{p.stem}", p.read_text(encoding="utf-8"))
            for p in sorted(folder.iterdir()) if p.suffix in (".txt", ".md")] if folder.is_dir() else []


def pool(seed: int) -> list[tuple[str, str]]:
    """Every benchmark text (ECB+, TempEval-3, seeds, dev), distinct, in one fixed random order."""
    texts = (ecbplus_texts(BENCH / "ecbplus") + tempeval_texts(BENCH / "tempeval3") + shared_texts(SHARED / "seeds", "seed")
             + shared_texts(SHARED / "dev" / "texts", "dev"))
    seen: set[str] = set()
    distinct = [(d, t) for d, t in texts if not (t in seen or seen.add(t))]  # type: ignore[func-returns-value]
    random.Random(seed).shuffle(distinct)
    return distinct


def peak_memory_mb() -> tuple[float, float]:
    """Peak RSS of this process and of its largest waited-for child, in MB (Linux reports KB)."""
    per_mb = 1024 * 1024 if sys.platform == "darwin" else 1024  # ru_maxrss is bytes on macOS, KB on Linux
    own = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / per_mb
    kids = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / per_mb
    return own, kids


def run_spacy(jsonl: Path, processes: int) -> dict:
    """spaCy alone: nlp.pipe over the raw texts (docs consumed, not kept)."""
    from newsgraph.nlp.pipeline import get_nlp
    from newsgraph.pipeline import BATCH_SIZE

    texts = [json.loads(line)["text"] for line in jsonl.read_text(encoding="utf-8").splitlines()]
    nlp = get_nlp()
    t0 = time.perf_counter()
    n_docs = n_tokens = 0
    for doc in nlp.pipe(texts, batch_size=BATCH_SIZE, n_process=processes):
        n_docs += 1
        n_tokens += len(doc)
    seconds = time.perf_counter() - t0
    return {"seconds": seconds, "articles": n_docs, "words": sum(len(re.findall(r"\w+", t)) for t in texts)}


def time_corpus_steps() -> list[float]:
    """A list that gets the seconds of every corpus step (api.update_corpus_layers) this process runs from now on."""
    from newsgraph import api

    seconds: list[float] = []
    real_update = api.update_corpus_layers

    def timed_update(store, **kwargs) -> None:  # type: ignore[no-untyped-def]
        t = time.perf_counter()
        real_update(store, **kwargs)
        seconds.append(time.perf_counter() - t)

    api.update_corpus_layers = timed_update
    return seconds


def run_newsgraph(jsonl: Path, processes: int, engine: str, more: Path | None) -> dict:
    """newsgraph: api.build on the JSONL (ingest, parse, extract, store, corpus layers), streaming; then,
    with `more` (the same texts and 10 others), the incremental build."""
    from newsgraph import api
    from newsgraph.nlp.pipeline import get_nlp
    from newsgraph.store.db import Store

    get_nlp()  # loaded before the clock starts, as for spaCy; forked workers inherit it
    corpus_seconds = time_corpus_steps()
    out: dict = {}
    with tempfile.TemporaryDirectory() as tmp:
        db = Path(tmp) / "bench.duckdb"
        t0 = time.perf_counter()
        report = api.build([jsonl], db, engine=engine, n_process=processes)
        whole = time.perf_counter() - t0
        with Store(db, read_only=True) as store:
            bodies = [r[0] for r in store.con.execute("SELECT body FROM articles").fetchall()]
        out["store_mb"] = db.stat().st_size / 1e6
        full_step = corpus_seconds[-1] if corpus_seconds else 0.0
        if more is not None:
            fresh = Path(tmp) / "fresh.duckdb"
            shutil.copyfile(db, fresh)  # the full build's store, for the add-10 of a new process (below)
            t1 = time.perf_counter()
            again = api.build([more], db, engine=engine, n_process=processes)
            out["incremental_seconds"] = time.perf_counter() - t1
            out["incremental_added"] = again.analysed
            out["incremental_corpus_seconds"] = corpus_seconds[-1] if len(corpus_seconds) > 1 else 0.0
            # As a user's second `newsgraph build` runs: a new process, which holds nothing of the first build
            # (records, blocks and encoders are read and loaded again)
            out["fresh_incremental_corpus_seconds"] = fresh_add(fresh, more, processes, engine)
    words = sum(len(re.findall(r"\w+", b)) for b in bodies)
    out.update({"whole_seconds": whole, "seconds": whole - full_step, "corpus_seconds": full_step,
                "articles": report.analysed, "errors": len(report.errors), "words": words})
    return out


def fresh_add(db: Path, more: Path, processes: int, engine: str) -> float:
    """The corpus step of building `more` into db in a new process (the add phase), in seconds."""
    cmd = [sys.executable, __file__, "--phase", "add", "--jsonl", str(more), "--db", str(db), "-j", str(processes),
           "--engine", engine]
    done = subprocess.run(cmd, capture_output=True, text=True, check=False)
    if done.returncode != 0:
        raise SystemExit(f"add phase failed:\n{done.stderr[-3000:]}")
    return json.loads(done.stdout.strip().splitlines()[-1])["corpus_seconds"]


def run_add(jsonl: Path, db: Path, processes: int, engine: str) -> dict:
    """Build jsonl into an existing store in this new process; the corpus step timed."""
    from newsgraph import api

    seconds = time_corpus_steps()
    api.build([jsonl], db, engine=engine, n_process=processes)
    return {"corpus_seconds": seconds[-1] if seconds else 0.0}


def phase(args: argparse.Namespace) -> None:
    """One side of the comparison, in this (fresh) process; prints one JSON line."""
    if args.phase == "add":
        print(json.dumps(run_add(args.jsonl, args.db, args.processes, args.engine)))
        return
    if args.tracemalloc:
        import tracemalloc

        tracemalloc.start()
    if args.phase == "spacy":
        out = run_spacy(args.jsonl, args.processes)
    else:
        out = run_newsgraph(args.jsonl, args.processes, args.engine, args.more)
    out["peak_parent_mb"], out["peak_child_mb"] = peak_memory_mb()
    own, kids = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
    out["cpu_parent_s"], out["cpu_workers_s"] = own.ru_utime + own.ru_stime, kids.ru_utime + kids.ru_stime
    if args.tracemalloc:
        out["python_heap_peak_mb"] = tracemalloc.get_traced_memory()[1] / 1e6
    print(json.dumps(out))


def measure(side: str, jsonl: Path, args: argparse.Namespace, more: Path | None = None) -> dict:
    cmd = [sys.executable, __file__, "--phase", side, "--jsonl", str(jsonl), "-j", str(args.processes),
           "--engine", args.engine]
    if more is not None:
        cmd += ["--more", str(more)]
    if args.tracemalloc:
        cmd.append("--tracemalloc")
    done = subprocess.run(cmd, capture_output=True, text=True, check=False)
    if done.returncode != 0:
        raise SystemExit(f"{side} phase failed:\n{done.stderr[-3000:]}")
    return json.loads(done.stdout.strip().splitlines()[-1])


def write_jsonl(docs: list[tuple[str, str]], path: Path) -> None:
    with path.open("w", encoding="utf-8") as fh:
        for doc_id, text in docs:
            fh.write(json.dumps({"id": doc_id, "text": text}, ensure_ascii=False) + "\n")


def show(name: str, r: dict) -> None:
    s = r["seconds"]
    extra = f", whole build {r['whole_seconds']:.1f} s (corpus layers {r['corpus_seconds']:.1f} s)" \
        if "whole_seconds" in r else ""
    heap = f", python heap peak {r['python_heap_peak_mb']:.0f} MB" if "python_heap_peak_mb" in r else ""
    print(f"{name:10s} {r['articles']:5d} articles {s:7.1f} s  {r['articles'] / s:6.1f} articles/s  "
          f"{r['words'] / s:8.0f} words/s  peak RSS parent {r['peak_parent_mb']:.0f} MB, "
          f"worker {r['peak_child_mb']:.0f} MB{heap}{extra}")
    if "incremental_seconds" in r:
        print(f"{'':10s} +{r['incremental_added']} articles: build {r['incremental_seconds']:.1f} s, corpus step "
              f"{r['incremental_corpus_seconds']:.1f} s (in a new process: {r['fresh_incremental_corpus_seconds']:.1f} s)")
    print(f"{'':10s} CPU (whole process, incl. model load): parent {r['cpu_parent_s']:.0f} s, workers {r['cpu_workers_s']:.0f} s")


def growth_exponent(sizes: list[int], seconds: list[float]) -> float:
    """Least-squares slope of log(time) against log(size): 1.0 is linear, 2.0 quadratic."""
    xs, ys = [math.log(n) for n in sizes], [math.log(max(t, 1e-9)) for t in seconds]
    mx, my = sum(xs) / len(xs), sum(ys) / len(ys)
    return sum((x - mx) * (y - my) for x, y in zip(xs, ys)) / sum((x - mx) ** 2 for x in xs)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("-j", "--processes", type=int, default=2, help="processes for both sides")
    parser.add_argument("--sizes", default="250,500,1000", help="sample sizes, comma-separated (ascending)")
    parser.add_argument("--quick", action="store_true", help="sizes 40,80,160 (development)")
    parser.add_argument("--seed", type=int, default=14, help="the pool's shuffle")
    parser.add_argument("--engine", default="local", choices=["local", "ray"], help="newsgraph's engine")
    parser.add_argument("--tracemalloc", action="store_true", help="trace the Python heap (slows both sides)")
    parser.add_argument("--phase", choices=["spacy", "newsgraph", "add"], help=argparse.SUPPRESS)
    parser.add_argument("--db", type=Path, help=argparse.SUPPRESS)
    parser.add_argument("--jsonl", type=Path, help=argparse.SUPPRESS)
    parser.add_argument("--more", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.phase:
        phase(args)
        return 0
    if not BENCH.exists():
        print(f"no benchmarks at {BENCH}", file=sys.stderr)
        return 2
    sizes = sorted(int(n) for n in ("40,80,160" if args.quick else args.sizes).split(","))
    texts = pool(args.seed)
    if sizes[-1] + 10 > len(texts):
        raise SystemExit(f"the pool holds {len(texts)} distinct texts; the largest size must leave 10 to add")
    runs: list[dict] = []
    with tempfile.TemporaryDirectory() as tmp:
        for n in sizes:
            jsonl, more = Path(tmp) / f"sample{n}.jsonl", Path(tmp) / f"sample{n}_more.jsonl"
            write_jsonl(texts[:n], jsonl)
            write_jsonl(texts[:n] + texts[len(texts) - 10:], more)  # 10 texts no sample holds
            if n == sizes[0]:  # caches a fresh machine makes once (ONNX export, static table, gazetteer): untimed
                write_jsonl(texts[len(texts) - 10:], Path(tmp) / "warm.jsonl")
                measure("newsgraph", Path(tmp) / "warm.jsonl", args)
            if n == sizes[-1]:
                spacy_runs = [measure("spacy", jsonl, args)]
                show("spacy", spacy_runs[0])
            runs.append(measure("newsgraph", jsonl, args, more))
            show(f"n={n}", runs[-1])
        spacy_runs.append(measure("spacy", jsonl, args))
        show("spacy", spacy_runs[1])
    # spaCy right before and right after the largest build, averaged: this VM's speed drifts by up to ~40% within
    # minutes (the same nlp.pipe took 75 and 106 s CPU in two runs), so one baseline minutes away skews the ratio
    spacy_r = {k: sum(r[k] for r in spacy_runs) / 2 for k in ("seconds", "cpu_parent_s", "cpu_workers_s")}
    print(f"spacy before / after the largest build: {spacy_runs[0]['seconds']:.1f} s / {spacy_runs[1]['seconds']:.1f} s")
    ours = runs[-1]
    if ours["errors"]:
        print(f"newsgraph skipped {ours['errors']} unreadable documents")
    print("size  articles  per-article s  corpus s  whole s  add-10 corpus s  peak parent MB  store MB")
    for n, r in zip(sizes, runs):
        print(f"{n:4d}  {r['articles']:8d}  {r['seconds']:13.1f}  {r['corpus_seconds']:8.1f}  {r['whole_seconds']:7.1f}  "
              f"{r.get('incremental_corpus_seconds', 0.0):15.1f}  {r['peak_parent_mb']:14.0f}  {r['store_mb']:8.1f}")
    cpu = lambda r: r["cpu_parent_s"] + r["cpu_workers_s"]  # noqa: E731  (robust to a shared machine's load)
    print(f"cpu ratio newsgraph/spacy (whole processes): {cpu(ours) / cpu(spacy_r):.2f}")
    print(f"ratio newsgraph/spacy: {ours['seconds'] / spacy_r['seconds']:.2f}")
    print(f"ratio whole-build/spacy: {ours['whole_seconds'] / spacy_r['seconds']:.2f}")
    if len(sizes) > 1:
        print(f"growth exponent whole-build: {growth_exponent(sizes, [r['whole_seconds'] for r in runs]):.2f}")
    print(f"incremental add-10/full corpus step: "
          f"{ours['incremental_corpus_seconds'] / max(ours['corpus_seconds'], 1e-9):.2f}")
    print(f"incremental add-10 in a new process/full corpus step: "
          f"{ours['fresh_incremental_corpus_seconds'] / max(ours['corpus_seconds'], 1e-9):.2f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())

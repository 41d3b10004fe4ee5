"""Throughput of newsgraph's per-article pipeline against spaCy's own nlp.pipe on the same texts.

Corpus: every ECB+ document (tokens joined; the URL sentence 0 of *ecbplus.xml files dropped) and every
TempEval-3 document (<TEXT>, tags stripped) under ../shared/benchmarks, written once to a JSONL file.
newsgraph: ingest that JSONL -> parse -> extract -> store (DuckDB), i.e. api.build without the
cross-article layers (add --with-corpus to time them too). spaCy: get_nlp().pipe on the raw texts.
Both use the same number of processes (-j, default 2). Each side runs in a fresh subprocess so its
peak memory (parent and worker processes) is its own; model loading is excluded from both timings.

    PYTHONPATH=src .venv/bin/python bench/throughput.py            # the ratio (last line)
    PYTHONPATH=src .venv/bin/python bench/throughput.py --scale    # 1x, 2x, 4x the corpus (slow)
"""
from __future__ import annotations

import argparse
import html
import json
import re
import resource
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


def corpus(factor: int = 1, limit: int | None = None) -> list[tuple[str, str]]:
    """The benchmark texts, optionally truncated, repeated `factor` times under new ids."""
    base = ecbplus_texts(BENCH / "ecbplus") + tempeval_texts(BENCH / "tempeval3")
    if limit:
        base = base[:limit]
    return [(doc_id if k == 0 else f"{doc_id}~{k}", text) for k in range(factor) for doc_id, text in base]


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


def run_newsgraph(jsonl: Path, processes: int, with_corpus: bool) -> dict:
    """newsgraph: api.build on the JSONL (ingest, parse, extract, store), streaming."""
    from newsgraph import api
    from newsgraph.nlp.pipeline import get_nlp

    get_nlp()  # loaded before the clock starts, as for spaCy; forked workers inherit it
    corpus_seconds = [0.0]
    real_update = api.update_corpus_layers

    def timed_update(store) -> None:  # type: ignore[no-untyped-def]
        if with_corpus:
            t = time.perf_counter()
            real_update(store)
            corpus_seconds[0] = time.perf_counter() - t

    api.update_corpus_layers = timed_update
    with tempfile.TemporaryDirectory() as tmp:
        db = Path(tmp) / "bench.duckdb"
        t0 = time.perf_counter()
        report = api.build([jsonl], db, n_process=processes)
        seconds = time.perf_counter() - t0
        from newsgraph.store.db import Store

        with Store(db, read_only=True) as store:
            bodies = [r[0] for r in store.con.execute("SELECT body FROM articles").fetchall()]
        db_mb = db.stat().st_size / 1e6
    words = sum(len(re.findall(r"\w+", b)) for b in bodies)
    return {"seconds": seconds - corpus_seconds[0], "corpus_seconds": corpus_seconds[0],
            "articles": report.analysed, "errors": len(report.errors), "words": words, "store_mb": db_mb}


def phase(args: argparse.Namespace) -> None:
    """One side of the comparison, in this (fresh) process; prints one JSON line."""
    if args.tracemalloc:
        import tracemalloc

        tracemalloc.start()
    if args.phase == "spacy":
        out = run_spacy(args.jsonl, args.processes)
    else:
        out = run_newsgraph(args.jsonl, args.processes, args.with_corpus)
    out["peak_parent_mb"], out["peak_child_mb"] = peak_memory_mb()
    own, kids = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
    out["cpu_parent_s"], out["cpu_workers_s"] = own.ru_utime + own.ru_stime, kids.ru_utime + kids.ru_stime
    if args.tracemalloc:
        out["python_heap_peak_mb"] = tracemalloc.get_traced_memory()[1] / 1e6
    print(json.dumps(out))


def measure(side: str, jsonl: Path, args: argparse.Namespace) -> dict:
    cmd = [sys.executable, __file__, "--phase", side, "--jsonl", str(jsonl), "-j", str(args.processes)]
    if args.with_corpus:
        cmd.append("--with-corpus")
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
    extra = f", corpus layers {r['corpus_seconds']:.1f} s" if r.get("corpus_seconds") else ""
    heap = f", python heap peak {r['python_heap_peak_mb']:.0f} MB" if "python_heap_peak_mb" in r else ""
    print(f"{name:10s} {r['articles']:5d} articles {s:7.1f} s  {r['articles'] / s:6.1f} articles/s  "
          f"{r['words'] / s:8.0f} words/s  peak RSS parent {r['peak_parent_mb']:.0f} MB, "
          f"worker {r['peak_child_mb']:.0f} MB{heap}{extra}")
    print(f"{'':10s} CPU (whole process, incl. model load): parent {r['cpu_parent_s']:.0f} s, workers {r['cpu_workers_s']:.0f} s")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("-j", "--processes", type=int, default=2, help="processes for both sides")
    parser.add_argument("--limit", type=int, default=None, help="use only the first N documents")
    parser.add_argument("--scale", action="store_true", help="also run newsgraph on 2x and 4x the corpus")
    parser.add_argument("--with-corpus", action="store_true", help="also time the cross-article layers")
    parser.add_argument("--tracemalloc", action="store_true", help="trace the Python heap (slows both sides)")
    parser.add_argument("--phase", choices=["spacy", "newsgraph"], help=argparse.SUPPRESS)
    parser.add_argument("--jsonl", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.phase:
        phase(args)
        return 0
    if not BENCH.exists():
        print(f"no benchmarks at {BENCH}", file=sys.stderr)
        return 2
    with tempfile.TemporaryDirectory() as tmp:
        jsonl = Path(tmp) / "corpus.jsonl"
        write_jsonl(corpus(1, args.limit), jsonl)
        spacy_r = measure("spacy", jsonl, args)
        ours = measure("newsgraph", jsonl, args)
        show("spacy", spacy_r)
        show("newsgraph", ours)
        if ours["errors"]:
            print(f"newsgraph skipped {ours['errors']} unreadable documents")
        if args.scale:
            print("scale  articles  seconds  time x  articles/s  peak parent MB  peak worker MB  store MB")
            rows = [(1, ours)]
            for k in (2, 4):
                write_jsonl(corpus(k, args.limit), jsonl)
                rows.append((k, measure("newsgraph", jsonl, args)))
            for k, r in rows:
                print(f"{k:4d}x  {r['articles']:8d}  {r['seconds']:7.1f}  {r['seconds'] / ours['seconds']:6.2f}  "
                      f"{r['articles'] / r['seconds']:10.1f}  {r['peak_parent_mb']:14.0f}  "
                      f"{r['peak_child_mb']:14.0f}  {r['store_mb']:8.1f}")
    cpu = lambda r: r["cpu_parent_s"] + r["cpu_workers_s"]  # noqa: E731  (robust to a shared machine's load)
    print(f"cpu ratio newsgraph/spacy (whole processes): {cpu(ours) / cpu(spacy_r):.2f}")
    print(f"ratio newsgraph/spacy: {ours['seconds'] / spacy_r['seconds']:.2f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())

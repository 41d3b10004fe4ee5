"""Where the corpus step's memory goes: corpus_scale's step on a stress store, in this process, with a thread sampling
RSS every 0.1 s together with the main thread's innermost newsgraph frame.

Prints the stages (as corpus_scale does), then every stretch of the step in which RSS rose by more than --min-rise MB
(where it was, from/to MB), then the frames at the last highs. Make the store first (it is changed by the step: give
a copy):

    PYTHONPATH=src .venv/bin/python bench/corpus_scale.py --records /tmp/scale_records.pkl --store big.duckdb --no-incremental
    cp big.duckdb work.duckdb && PYTHONPATH=src .venv/bin/python bench/memory_scale.py work.duckdb --json profile.json

A store the step has run on is warm (its block cache full, its undated articles settled): measure a cold step on a
copy made from it with `--cold-from stepped.duckdb work.duckdb` (its original articles, no block cache, inferred
writing dates cleared, copied again to as many articles as it held), then run on work.duckdb.
"""
from __future__ import annotations

import argparse
import inspect
import json
import os
import resource
import sys
import threading
import time
import traceback
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO / "bench"))


def _rss_mb() -> float:
    with open("/proc/self/statm") as fh:
        return int(fh.read().split()[1]) * resource.getpagesize() / 2**20


def _frames(main_id: int, depth: int = 6) -> list[str]:
    """The main thread's innermost newsgraph (and bench) frames, outermost first."""
    frame = sys._current_frames().get(main_id)
    ours = [f for f in traceback.extract_stack(frame) if "newsgraph" in f.filename or "/bench/" in f.filename]
    return [f"{os.path.basename(f.filename)}:{f.lineno} {f.name}" for f in ours][-depth:]


class Sampler(threading.Thread):
    """RSS and where the main thread is, every `every` seconds, until stopped."""

    def __init__(self, every: float = 0.1) -> None:
        super().__init__(daemon=True)
        self.every = every
        self.main_id = threading.main_thread().ident or 0
        self.samples: list[tuple[float, float, str]] = []
        self.highs: list[tuple[float, float, list[str]]] = []
        self.stopped = threading.Event()

    def run(self) -> None:
        t0, peak = time.perf_counter(), 0.0
        while not self.stopped.is_set():
            rss, where = _rss_mb(), _frames(self.main_id)
            t = time.perf_counter() - t0
            self.samples.append((round(t, 1), round(rss), where[-1] if where else "?"))
            if rss > peak + 20:
                peak = rss
                self.highs.append((round(t, 1), round(rss), where))
            time.sleep(self.every)


def rises(samples: list[tuple[float, float, str]], min_rise: float) -> list[tuple[float, float, float, float, str]]:
    """(start s, end s, from MB, to MB, frame) of each run of samples in one frame whose RSS rose by min_rise or more."""
    out, run = [], None
    for t, rss, where in samples:
        if run is not None and run[4] == where:
            run = (run[0], t, run[2], max(run[3], rss), where)
            continue
        if run is not None and run[3] - run[2] >= min_rise:
            out.append(run)
        run = (t, t, rss, rss, where)
    if run is not None and run[3] - run[2] >= min_rise:
        out.append(run)
    return out


def trim_after_stages(corpus_scale) -> None:  # type: ignore[no-untyped-def]
    """Wrap corpus_scale's stages so each ends with malloc_trim(0); stderr gets the stage and RSS before/after."""
    import ctypes
    import functools

    libc = ctypes.CDLL("libc.so.6")
    for owner, name, fn, label in corpus_scale.stage_functions():
        if getattr(fn, "_trimmed", False) or inspect.isgeneratorfunction(fn):
            continue

        def make(fn, label):  # type: ignore[no-untyped-def]
            @functools.wraps(fn)
            def wrapped(*a, **k):  # type: ignore[no-untyped-def]
                out = fn(*a, **k)
                before = _rss_mb()
                libc.malloc_trim(0)
                print(json.dumps({"trim": label, "rss_before": round(before), "rss_after": round(_rss_mb())}),
                      file=sys.stderr, flush=True)
                return out
            wrapped._trimmed = True  # type: ignore[attr-defined]
            return wrapped

        setattr(owner, name, make(fn, label))


def cold_copy(stepped: Path, out: Path) -> int:
    """A cold stress store at out from a stepped one: its original articles (ids without '~'), no block cache, no
    inferred writing dates, copied again (corpus_scale.replicate) to as many articles as stepped holds."""
    import shutil
    import tempfile

    import corpus_scale
    import duckdb

    from newsgraph.store.db import Store
    from newsgraph.store.schema import PER_ARTICLE_TABLES

    with duckdb.connect(str(stepped), read_only=True) as con:
        total = con.execute("SELECT count(*) FROM articles").fetchone()[0]
    with tempfile.TemporaryDirectory() as tmp:
        base = Path(tmp) / "base.duckdb"
        shutil.copyfile(stepped, base)
        with Store(base, publish_every=1e9) as store:
            for table in ("articles", *PER_ARTICLE_TABLES):
                store.con.execute(f"DELETE FROM {table} WHERE doc_id LIKE '%~%'")
            store.con.execute("DELETE FROM block_cache")
            store.con.execute("""UPDATE articles SET record = CAST(regexp_replace(CAST(record AS VARCHAR),
                '"inferred_anchor": "[^"]*"', '"inferred_anchor": null') AS JSON)""")
            store._committed()
        out.unlink(missing_ok=True)
        return corpus_scale.replicate(base, out, total)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("store", type=Path, help="a stress store (corpus_scale --store); the step rewrites it")
    parser.add_argument("--processes", "-j", type=int, default=1)
    parser.add_argument("--min-rise", type=float, default=50.0, help="MB: report stretches that rose this much")
    parser.add_argument("--json", type=Path, help="write every sample and high here")
    parser.add_argument("--trim", action="store_true",
                        help="glibc malloc_trim(0) after each stage, printing the RSS it gave back (what the heap kept)")
    parser.add_argument("--cold-from", type=Path, metavar="STEPPED",
                        help="first make `store` a cold copy of this stepped stress store (and do not run the step)")
    args = parser.parse_args(argv)
    if args.cold_from:
        print(f"{args.store}: {cold_copy(args.cold_from, args.store)} articles, cold")
        return 0
    import corpus_scale

    if args.trim:
        trim_after_stages(corpus_scale)
    sampler = Sampler()
    sampler.start()
    corpus_scale.step(args.store, "local", args.processes)  # stage lines on stderr, its summary JSON on stdout
    sampler.stopped.set()
    sampler.join()
    print("RSS rises (start-end s, from -> to MB, where):")
    for a, b, lo, hi, where in rises(sampler.samples, args.min_rise):
        print(f"  {a:8.1f}-{b:8.1f} s {lo:6.0f} -> {hi:6.0f} MB  {where}")
    print("last highs:")
    for t, rss, where in sampler.highs[-5:]:
        print(f"  {t:8.1f} s {rss:6.0f} MB  " + " <- ".join(reversed(where)))
    print(f"peak RSS (MB): {resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024:.0f}")
    if args.json:
        args.json.write_text(json.dumps({"samples": sampler.samples, "highs": sampler.highs}))
    return 0


if __name__ == "__main__":
    sys.exit(main())

"""Where the per-article step's own CPU goes (everything a build adds to spaCy's nlp.pipe): ingest, our spaCy
components, each extractor, record JSON and the store write, timed without a profiler, then the extraction
profiled by module and function, with the callers of spaCy's hottest primitives (Token and Span objects
made from Python).

    PYTHONPATH=src .venv/bin/python bench/profile_extract.py                  # 200 pool texts
    PYTHONPATH=src .venv/bin/python bench/profile_extract.py -n 100 --top 25
    PYTHONPATH=src .venv/bin/python bench/profile_extract.py --dump /tmp/r.jsonl --no-profile  # records, for diffs

The texts are the first n of bench/throughput.py's pool (the texts its per-article ratio is measured on). CPU
seconds of this process (time.process_time, all threads), not wall: the machine is usually shared. The
documents are parsed once, outside every timing but the parse's own; the extractors then run on the same Docs.
bench/profile_articles.py profiles the whole step including spaCy's models; this script leaves those out.
"""
from __future__ import annotations

import argparse
import cProfile
import pstats
import sys
import tempfile
import time
from collections import defaultdict
from pathlib import Path
from typing import Any, Callable

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO / "bench"))

from throughput import pool, write_jsonl  # noqa: E402  (the same pool as the throughput ratio)


def cpu() -> float:
    return time.process_time()


class Timers:
    """CPU seconds per named step, summed over the articles."""

    def __init__(self) -> None:
        self.spent: dict[str, float] = defaultdict(float)

    def wrap(self, name: str, fn: Callable[..., Any], materialise: bool = False) -> Callable[..., Any]:
        """fn timed under name; a generator's items are drawn inside the timing (materialise)."""
        def timed(*args: Any, **kwargs: Any) -> Any:
            t = cpu()
            try:
                out = fn(*args, **kwargs)
                return tuple(out) if materialise else out
            finally:
                self.spent[name] += cpu() - t
        return timed


def timed_extractors(timers: Timers) -> Callable[[], None]:
    """Wrap the extractors record_from_doc calls with CPU timers; returns the function that unwraps them."""
    from newsgraph import pipeline
    from newsgraph.extract import event_actors

    real_extractors, real_actor_mentions = pipeline._extractors, event_actors.with_actor_mentions
    ents, timex, events, quotes = real_extractors()
    wrapped = (timers.wrap("extract_entities", ents), timers.wrap("extract_timex", timex, True),
               timers.wrap("extract_events", events, True), timers.wrap("extract_quotes", quotes, True))
    pipeline._extractors = lambda: wrapped  # type: ignore[assignment]
    event_actors.with_actor_mentions = timers.wrap("with_actor_mentions", real_actor_mentions)  # type: ignore

    def undo() -> None:
        pipeline._extractors = real_extractors  # type: ignore[assignment]
        event_actors.with_actor_mentions = real_actor_mentions  # type: ignore[assignment]
    return undo


def copy_of(parsed: Any) -> Any:
    """A Doc's fresh copy (the extractors cache per Doc object); Sections parse anew on each iteration."""
    from spacy.tokens import Doc

    return Doc(parsed.vocab).from_bytes(parsed.to_bytes()) if isinstance(parsed, Doc) else parsed


def component_seconds(texts: list[str], batch_size: int) -> dict[str, float]:
    """CPU seconds per spaCy pipeline component, each timed around its own pipe() over a batch."""
    from newsgraph.nlp.pipeline import get_nlp

    nlp = get_nlp()
    spent: dict[str, float] = defaultdict(float)
    for i in range(0, len(texts), batch_size):
        t = cpu()
        docs = [nlp.make_doc(x) for x in texts[i:i + batch_size]]
        spent["tokenizer"] += cpu() - t
        for name, proc in nlp.pipeline:
            t = cpu()
            docs = list(proc.pipe(docs, batch_size=batch_size)) if hasattr(proc, "pipe") else [proc(d) for d in docs]
            spent[name] += cpu() - t
    return dict(spent)


def module_of(filename: str) -> str:
    """A short name for a profiled file: .../newsgraph/extract/quotes.py -> extract/quotes.py."""
    if "newsgraph/" in filename:
        return filename.split("newsgraph/", 1)[1]
    if filename.endswith((".pyx", ".pxd")):
        return "[cython] " + Path(filename).name
    for lib in ("spacy", "thinc", "duckdb", "json", "re", "numpy", "lingua"):
        if f"/{lib}/" in filename:
            return f"[{lib}]"
    if filename.startswith(("~", "<")):
        return "[builtins]"
    return "[other] " + Path(filename).name


HOT = ("__getitem__", "__iter__", "cinit", "__cinit__", "children", "subtree", "sents", "char_span", "__get__")


def report(stats: pstats.Stats, top: int) -> None:
    raw = stats.stats  # type: ignore[attr-defined]
    total = sum(v[2] for v in raw.values())
    by_module: dict[str, list[float]] = defaultdict(lambda: [0.0, 0.0])
    for (fn, _, name), (_, _, tt, ct, _) in raw.items():
        by_module[module_of(fn)][0] += tt
    # cumulative per module: the time under the module's entry points, counted once per call chain
    for (fn, line, name), (_, _, tt, ct, callers) in raw.items():
        mod = module_of(fn)
        if any(module_of(c[0]) != mod for c in callers):  # called from another module: an entry point
            by_module[mod][1] += ct
    print(f"\nprofiled extraction: {total:.1f} s own time in all (the profiler inflates small calls)")
    print(f"top {top} modules by own time   own s   cum s (entry points, may overlap)")
    for mod, (own, cum) in sorted(by_module.items(), key=lambda kv: -kv[1][0])[:top]:
        print(f"  {mod:38s} {own:7.2f} {cum:7.2f}")
    print(f"\ntop {top} functions by own time:\n  own s   cum s     calls  function")
    for (fn, line, name), (_, nc, tt, ct, _) in sorted(raw.items(), key=lambda kv: -kv[1][2])[:top]:
        print(f"{tt:7.2f} {ct:7.2f} {nc:9d}  {module_of(fn)}:{line} {name}")
    print("\nwho makes spaCy objects (calls of the hottest cython primitives, by calling function):")
    for (fn, line, name), (_, nc, tt, ct, callers) in sorted(raw.items(), key=lambda kv: -kv[1][2]):
        if not fn.endswith((".pyx", ".pxd")) or tt < 0.02 * total:
            continue
        print(f"  {module_of(fn)}:{line} {name}: {nc} calls, {tt:.2f} s own")
        for (cfn, cline, cname), (_, cnc, ctt, cct) in sorted(callers.items(), key=lambda kv: -kv[1][1])[:8]:
            print(f"      {cnc:9d}  {module_of(cfn)}:{cline} {cname}")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("-n", type=int, default=200, help="texts from the start of the throughput pool")
    parser.add_argument("--seed", type=int, default=14, help="the pool's shuffle (throughput.py's default)")
    parser.add_argument("--batch-size", type=int, default=16)
    parser.add_argument("--top", type=int, default=40, help="rows of each profile table")
    parser.add_argument("--no-profile", action="store_true", help="CPU timings only")
    parser.add_argument("--dump", type=Path, help="write the records' JSON (one per line) here")
    args = parser.parse_args(argv)

    from newsgraph import pipeline
    from newsgraph.api import read_inputs
    from newsgraph.nlp.pipeline import get_nlp, parse
    from newsgraph.store.db import Store
    from newsgraph.store.serialize import record_from_json, record_to_json

    get_nlp()  # loaded outside the timings, as in bench/throughput.py
    pipeline._extractors()
    steps: dict[str, float] = {}
    with tempfile.TemporaryDirectory() as tmp:
        jsonl = Path(tmp) / "sample.jsonl"
        write_jsonl(pool(args.seed)[:args.n], jsonl)
        t = cpu()
        articles, _ = read_inputs([jsonl])
        steps["ingest, first call (loads lingua's models)"] = cpu() - t
        t = cpu()
        articles, _ = read_inputs([jsonl])
        steps["ingest, again"] = cpu() - t
    t = cpu()
    parsed = list(parse(((a.body, a) for a in articles), batch_size=args.batch_size))
    steps["parse (nlp.pipe, our components included)"] = cpu() - t
    timers = Timers()
    undo = timed_extractors(timers)
    t = cpu()
    records = [pipeline.record_from_parse(a, doc) for doc, a in parsed]
    steps["extract (record_from_parse)"] = cpu() - t
    undo()
    t = cpu()
    texts = [record_to_json(r) for r in records]
    steps["record to JSON (worker)"] = cpu() - t
    t = cpu()
    records = [record_from_json(x) for x in texts]
    steps["record from JSON (parent)"] = cpu() - t
    from newsgraph import api

    batch = getattr(api, "WRITE_BATCH", 16)
    with tempfile.TemporaryDirectory() as tmp, Store(Path(tmp) / "p.duckdb") as store:
        t = cpu()
        for i in range(0, len(records), batch):
            store.put_records(records[i:i + batch])
        steps[f"store write ({batch} a transaction)"] = cpu() - t
    if args.dump:
        args.dump.write_text("".join(x + "\n" for x in texts), encoding="utf-8")
    print(f"{len(articles)} articles, {sum(len(a.body) for a in articles):,} characters; CPU seconds:")
    for name, s in steps.items():
        print(f"{s:7.2f}  {name}")
        if name.startswith("extract"):
            for sub, s2 in sorted(timers.spent.items(), key=lambda kv: -kv[1]):
                print(f"{'':9s}{s2:7.2f}  {sub}")
    print(f"{sum(s for k, s in steps.items() if 'again' not in k):7.2f}  total (ingest counted once, first call)")
    if args.no_profile:
        return 0
    print("\nspaCy components (CPU seconds, timed one by one; ours are newsgraph_*):")
    for name, s in component_seconds([a.body for a in articles if len(a.body) <= 100_000], args.batch_size).items():
        print(f"{s:7.2f}  {name}")
    fresh = [(copy_of(doc), a) for doc, a in parsed]  # per-Doc caches (coreference, text) start empty again
    prof = cProfile.Profile()
    prof.enable()
    for doc, a in fresh:
        pipeline.record_from_parse(a, doc)
    prof.disable()
    report(pstats.Stats(prof), args.top)
    return 0


if __name__ == "__main__":
    sys.exit(main())

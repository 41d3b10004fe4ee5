"""The worker's extraction CPU alone, on Docs parsed once: what a speed-up of the extractors gains, with the md5 of
every record's JSON as the identical-output check.

    PYTHONPATH=src .venv/bin/python bench/extract_cpu.py FILE.jsonl -n 1000 -k 300   # parse 1000 (cached), time 300
    PYTHONPATH=src .venv/bin/python bench/extract_cpu.py FILE.jsonl -k 300 --reps 3 --profile /tmp/x.prof

The first run parses the first n articles of FILE (nlp.pipe, as the worker does) and keeps their Docs' bytes in a
cache file beside --cache; later runs load them (outside the timing) as fresh Doc objects, so no per-Doc cache of
an earlier repetition is reused. Timed: pipeline.record_from_parse + store.serialize.record_to_json per article
(what analyse_batch_json does after nlp.pipe), CPU seconds of this process (time.process_time), the least over
--reps repetitions. Texts longer than a section (Sections) are parsed inside the timing; none in the bench pool.
"""
from __future__ import annotations

import argparse
import cProfile
import hashlib
import pickle
import time
from pathlib import Path


def load_parsed(path: Path, n: int, cache: Path) -> tuple[list, list[bytes | None]]:
    """(articles, each one's Doc bytes or None for a long text), parsed once and cached."""
    from newsgraph.api import read_inputs

    key = hashlib.md5(path.read_bytes() + str(n).encode()).hexdigest()[:12]
    file = cache / f"extract_cpu-{key}.pkl"
    if file.exists():
        return pickle.loads(file.read_bytes())
    from spacy.tokens import Doc

    from newsgraph.nlp.pipeline import parse

    articles = read_inputs([path])[0][:n]
    out = [parsed.to_bytes() if isinstance(parsed, Doc) else None
           for parsed, _ in parse(((a.body, a) for a in articles), batch_size=16)]
    cache.mkdir(parents=True, exist_ok=True)
    file.write_bytes(pickle.dumps((articles, out), protocol=pickle.HIGHEST_PROTOCOL))
    return articles, out


def fresh_docs(articles: list, blobs: list[bytes | None]) -> list:
    """New Doc objects (or Sections) for every article."""
    from spacy.tokens import Doc

    from newsgraph.nlp.pipeline import Sections, get_nlp

    vocab = get_nlp().vocab
    return [Doc(vocab).from_bytes(b) if b is not None else Sections(a.body) for a, b in zip(articles, blobs)]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("jsonl", type=Path)
    parser.add_argument("-n", type=int, default=1000, help="articles parsed (and cached)")
    parser.add_argument("-k", type=int, help="time only the first k of them")
    parser.add_argument("--reps", type=int, default=3)
    parser.add_argument("--cache", type=Path, default=Path("/tmp/extract_cpu_cache"))
    parser.add_argument("--profile", type=Path, help="cProfile the last repetition into this file")
    parser.add_argument("--dump", type=Path, help="write the records' JSON (one per line) here")
    args = parser.parse_args(argv)

    from newsgraph import pipeline
    from newsgraph.nlp.pipeline import get_nlp
    from newsgraph.store.serialize import record_to_json

    get_nlp()
    pipeline._extractors()
    articles, blobs = load_parsed(args.jsonl, args.n, args.cache)
    articles, blobs = articles[:args.k or args.n], blobs[:args.k or args.n]
    best = None
    digest = None
    for rep in range(args.reps):
        docs = fresh_docs(articles, blobs)
        prof = cProfile.Profile() if args.profile and rep == args.reps - 1 else None
        t = time.process_time()
        if prof:
            prof.enable()
        texts = [record_to_json(pipeline.record_from_parse(a, d)) for a, d in zip(articles, docs)]
        if prof:
            prof.disable()
        spent = time.process_time() - t
        if prof is None:
            best = spent if best is None else min(best, spent)
        h = hashlib.md5("\n".join(texts).encode()).hexdigest()
        assert digest is None or digest == h, "records differ between repetitions"
        digest = h
        print(f"rep {rep}: {spent:.2f} s CPU{' (profiled)' if prof else ''}", flush=True)
        if prof:
            prof.dump_stats(args.profile)
        del docs
    if args.dump:
        args.dump.write_text("".join(x + "\n" for x in texts), encoding="utf-8")
    print(f"{len(articles)} articles: extraction {best if best is not None else float('nan'):.2f} s CPU (least of "
          f"{args.reps - (1 if args.profile else 0)}), records md5 {digest}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

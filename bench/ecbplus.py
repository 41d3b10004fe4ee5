"""Score newsgraph's event coreference on an ECB+ folder (gold mentions, gold topics) and print the table."""
from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

from newsgraph.errors import BenchmarkError
from newsgraph.evaluate.ecbplus import load_benchmark, run, score


def lemma_baseline(xml_dir: Path) -> dict:
    """Same-lemma clustering within each topic: the standard cheap baseline."""
    mentions, gold, _ = load_benchmark(xml_dir)
    ids: dict[tuple[str, str], int] = {}
    predicted = [ids.setdefault((m.group, m.lemma), len(ids)) for m in mentions]
    return score(mentions, gold, predicted)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("xml_dir", type=Path, help="e.g. ../shared/benchmarks/ecbplus/dev")
    parser.add_argument("--clusters", type=Path, default=None, help="write predicted clusters as JSONL")
    parser.add_argument("--baseline", action="store_true", help="also score the same-lemma baseline")
    args = parser.parse_args(argv)
    rows = []
    try:
        if args.baseline:
            rows.append(("same lemma / topic", lemma_baseline(args.xml_dir), 0.0))
        start = time.perf_counter()
        rows.append(("newsgraph", run(args.xml_dir, args.clusters), time.perf_counter() - start))
    except BenchmarkError as exc:
        print(exc, file=sys.stderr)
        return 2
    first = rows[-1][1]
    print(f"ECB+ {args.xml_dir}: {first['n_topics']} topics, {first['n_docs']} docs, {first['n_mentions']} gold event mentions")
    print(f"{'system':<20} {'MUC P/R/F1':>20} {'B3 P/R/F1':>20} {'CEAF-e P/R/F1':>20} {'CoNLL':>7} {'sec':>6}")
    for name, r, secs in rows:
        cells = [f"{r[m + '_p']:.3f}/{r[m + '_r']:.3f}/{r[m + '_f1']:.3f}" for m in ("muc", "b3", "ceafe")]
        print(f"{name:<20} {cells[0]:>20} {cells[1]:>20} {cells[2]:>20} {r['conll_f1']:>7.4f} {secs:>6.1f}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

"""Score the timex tagger on TempEval-3 (TimeBank + AQUAINT) and on the seed gold: prints a table.

--pipeline feeds the documents through JSONL ingest and the full analysis (the path users take) and also
prints what the cleaner removed and which gold timexes it lost. --errors prints every value error and
missed/spurious timex grouped into families (direct mode), to decide which rule to improve next."""
from __future__ import annotations

import argparse
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from newsgraph.errors import BenchmarkError  # noqa: E402
from newsgraph.evaluate.tempeval import error_family, errors, run, run_seeds  # noqa: E402

METRICS = ("strict_f1", "relaxed_p", "relaxed_r", "relaxed_f1", "value_acc", "value_f1", "type_acc", "n_gold", "n_pred")


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("dir", nargs="?", default=str(ROOT.parent / "shared" / "benchmarks" / "tempeval3" / "train"))
    ap.add_argument("--seeds", default=str(ROOT.parent / "shared"), help="shared folder with seeds/ and gold/seeds/")
    ap.add_argument("--pipeline", action="store_true", help="run through read_inputs + iter_analysed (slow: spaCy)")
    ap.add_argument("--limit", type=int, default=None, help="only the first N documents")
    ap.add_argument("--errors", nargs="?", const="all", metavar="PART",
                    help="list value errors, misses and spurious timexes by family (PART: TimeBank, AQUAINT or all)")
    args = ap.parse_args()
    if args.errors:
        try:
            _print_errors(Path(args.dir), None if args.errors == "all" else args.errors)
        except BenchmarkError as exc:
            print(exc, file=sys.stderr)
            return 2
        return 0
    try:
        res = run(Path(args.dir), via_pipeline=args.pipeline, limit=args.limit)
    except BenchmarkError as exc:
        print(exc, file=sys.stderr)
        return 2
    parts = [""] + sorted({k.split("_", 1)[0] + "_" for k in res if k.endswith("_n_gold")})
    print(f"{'part':<10}" + "".join(f"{m:>11}" for m in METRICS))
    for p in parts:
        print(f"{(p.rstrip('_') or 'all'):<10}" + "".join(f"{res[p + m]:>11}" for m in METRICS))
    if args.pipeline:
        _print_cleaning(res)
    shared = Path(args.seeds)
    if (shared / "gold" / "seeds").is_dir():
        s = run_seeds(shared / "seeds", shared / "gold" / "seeds")
        print(f"\nseeds: timex_detect P {s['detect_p']} R {s['detect_r']} F1 {s['detect_f1']}, "
              f"timex_value acc {s['value_acc']} (n={s['n_matched']})")
    return 0


def _print_errors(train_dir: Path, part: str | None) -> None:
    """Errors grouped by family, biggest family first: doc, gold text -> value, predicted text -> value."""
    groups: dict[str, list] = {}
    for row in errors(train_dir, part):
        groups.setdefault(error_family(row), []).append(row)
    for fam, rows in sorted(groups.items(), key=lambda kv: -len(kv[1])):
        print(f"\n== {fam} ({len(rows)})")
        for doc, gt, gv, pt, pv in rows:
            print(f"  {doc:<22} {gt!r:>34} {gv:<14} | {pt!r:>34} {pv}")
    print(f"\n{sum(len(r) for r in groups.values())} errors")


def _print_cleaning(res: dict) -> None:
    """What ingest did to the benchmark text: failed documents, lines removed, gold timexes lost."""
    print(f"\npipeline: {res['n_docs_failed']} documents not ingested, {res['n_lost_to_cleaning']} gold timexes "
          f"lost to cleaning, {res['n_pred_header']} header timexes (not scored), "
          f"{res['n_published_not_dct']} documents whose published date is not the DCT")
    for src, code, msg in res["ingest_errors"]:
        print(f"  ingest error {src}: [{code}] {msg}")
    for doc, text, value in res["lost"]:
        print(f"  lost {doc}: {text!r} ({value})")
    removed = [(d, line) for d, line in res["removed"] if not line.startswith("[title] ")]
    titles = len(res["removed"]) - len(removed)
    print(f"removed lines: {len(removed)} (+ {titles} lines taken as titles)")
    for doc, line in removed:
        print(f"  {doc}: {line[:110]!r}")


if __name__ == "__main__":
    raise SystemExit(main())

"""Print event-type and actor scores on the PLOVER gold-standard sentences (train part, or one half of it)."""
from __future__ import annotations

import argparse
import json
from pathlib import Path

from newsgraph.evaluate.plover import PARTS, run

DEFAULT = Path(__file__).resolve().parents[1].parent / "shared" / "benchmarks" / "plover_gsr" / "train.jsonl"

if __name__ == "__main__":
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("path", nargs="?", type=Path, default=DEFAULT, help="GSR JSONL file (default: the train part)")
    ap.add_argument("--part", choices=PARTS, default="all",
                    help="design = even rows (read these), check = odd rows (measure only, do not read)")
    ap.add_argument("--summary", action="store_true", help="print only the headline numbers")
    args = ap.parse_args()
    out = run(args.path, part=args.part)
    if args.summary:
        act = out["actors"]
        out = {"part": args.part, "n": out["n"], "accuracy": out["accuracy"], "macro_f1": out["macro_f1"],
               "source_f1": act["gold_type_event"]["source"]["f1"], "target_f1": act["gold_type_event"]["target"]["f1"],
               "full_match": act["full_match"]}
    print(json.dumps(out, indent=2))

"""Score the timex tagger on TempEval-3 (TimeBank + AQUAINT) and on the seed gold: prints a table."""
from __future__ import annotations

import argparse
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from newsgraph.errors import BenchmarkError  # noqa: E402
from newsgraph.evaluate.tempeval import run, run_seeds  # noqa: E402

METRICS = ("strict_f1", "relaxed_p", "relaxed_r", "relaxed_f1", "value_acc", "value_f1", "type_acc", "n_gold", "n_pred")


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("dir", nargs="?", default=str(ROOT.parent / "shared" / "benchmarks" / "tempeval3" / "train"))
    ap.add_argument("--seeds", default=str(ROOT.parent / "shared"), help="shared folder with seeds/ and gold/seeds/")
    args = ap.parse_args()
    try:
        res = run(Path(args.dir))
    except BenchmarkError as exc:
        print(exc, file=sys.stderr)
        return 2
    parts = [""] + sorted({k.split("_", 1)[0] + "_" for k in res if k.endswith("_n_gold")})
    print(f"{'part':<10}" + "".join(f"{m:>11}" for m in METRICS))
    for p in parts:
        print(f"{(p.rstrip('_') or 'all'):<10}" + "".join(f"{res[p + m]:>11}" for m in METRICS))
    shared = Path(args.seeds)
    if (shared / "gold" / "seeds").is_dir():
        s = run_seeds(shared / "seeds", shared / "gold" / "seeds")
        print(f"\nseeds: timex_detect P {s['detect_p']} R {s['detect_r']} F1 {s['detect_f1']}, "
              f"timex_value acc {s['value_acc']} (n={s['n_matched']})")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

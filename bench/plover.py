"""Print event-type accuracy on the PLOVER gold-standard sentences (train part)."""
from __future__ import annotations

import json
import sys
from pathlib import Path

from newsgraph.evaluate.plover import run

DEFAULT = Path(__file__).resolve().parents[1].parent / "shared" / "benchmarks" / "plover_gsr" / "train.jsonl"

if __name__ == "__main__":
    bench = Path(sys.argv[1]) if len(sys.argv) > 1 else DEFAULT
    print(json.dumps(run(bench), indent=2))

"""Print our HTML extraction scores on trafilatura's English dev benchmark."""
from __future__ import annotations

import json
import sys
from pathlib import Path

from newsgraph.evaluate.extraction import run

DEFAULT = Path(__file__).resolve().parents[1].parent / "shared" / "benchmarks" / "article_extraction" / "dev_trafilatura_en"

if __name__ == "__main__":
    bench = Path(sys.argv[1]) if len(sys.argv) > 1 else DEFAULT
    print(json.dumps(run(bench), indent=2))

"""Stress the plain-text cleaner on whole web pages: benchmark HTML flattened to text, scored by snippets."""
from __future__ import annotations

import sys
from pathlib import Path

from newsgraph.evaluate.extraction import page_text, run_plaintext

__all__ = ["main", "page_text"]  # page_text: for ad-hoc diagnostics of single pages

DEFAULT = Path(__file__).resolve().parents[1].parent / "shared" / "benchmarks" / "article_extraction" / "dev_trafilatura_en"


def main(bench: Path) -> None:
    for name, m in run_plaintext(bench).items():
        print(f"{name:11s} P {m['precision']:.3f}  R {m['recall']:.3f}  F1 {m['f1']:.3f}")


if __name__ == "__main__":
    main(Path(sys.argv[1]) if len(sys.argv) > 1 else DEFAULT)

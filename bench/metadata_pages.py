"""Title / published date / author of the plain-text path on benchmark pages flattened to text.

Reference metadata comes from each page's HTML markup; fields the flattened text does not show are not
scored. Prints the table, then the failures grouped by field and verdict.
"""
from __future__ import annotations

import sys
from pathlib import Path

from newsgraph.evaluate.metadata_pages import run

DEFAULT = Path(__file__).resolve().parents[1].parent / "shared" / "benchmarks" / "article_extraction" / "dev_trafilatura_en"


def main(bench: Path, verbose: bool = True) -> None:
    summary, results = run(bench)
    print(f"pages {summary['pages']}  (rejected by ingest: {summary['rejected']})")
    print(f"{'field':10s} {'scored':>6s} {'correct':>7s} {'coarse':>6s} {'wrong':>5s} {'missing':>7s} "
          f"{'acc':>6s} {'prec':>6s}")
    for fld in ("title", "published", "author"):
        c = summary[fld]
        print(f"{fld:10s} {c['scored']:6d} {c['correct']:7d} {c['coarse']:6d} {c['wrong']:5d} {c['missing']:7d} "
              f"{c['accuracy']:6.3f} {c['precision']:6.3f}")
    if not verbose:
        return
    for fld in ("title", "published", "author"):
        for verdict in ("wrong", "coarse", "missing"):
            rows = [r for r in results if r.verdicts.get(fld) == verdict]
            if not rows:
                continue
            print(f"\n== {fld}: {verdict} ({len(rows)})")
            for r in rows:
                ref = {"title": r.ref_title, "published": r.ref_published, "author": r.ref_author}[fld]
                got = {"title": r.title, "published": r.published, "author": r.author}[fld]
                print(f"  {r.url[:70]}\n      ref: {ref!r}\n      got: {got!r}")


if __name__ == "__main__":
    args = [a for a in sys.argv[1:] if not a.startswith("-")]
    main(Path(args[0]) if args else DEFAULT, verbose="-q" not in sys.argv)

"""Score the PDF reader on ../shared/dev/pdf: body sentences found, furniture left, title/date/author right.

    .venv/bin/python bench/pdf_dev.py            # one row per PDF and the totals
    .venv/bin/python bench/pdf_dev.py -v         # also the missing sentences and the furniture left

Targets (issue 12): >= 95% of must_contain found, <= 10% of must_not_contain left, title right on >= 5 of 7.
How sentences are compared is in newsgraph.evaluate.pdf_expect.
"""
from __future__ import annotations

import argparse
import time
from pathlib import Path

from newsgraph.evaluate.pdf_expect import check_pdf

PDF_DIR = Path(__file__).resolve().parents[1].parent / "shared" / "dev" / "pdf"


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("-v", "--verbose", action="store_true")
    ap.add_argument("--dir", type=Path, default=PDF_DIR)
    args = ap.parse_args()
    pdfs = sorted(args.dir.glob("*.pdf"))
    if not pdfs:
        raise SystemExit(f"no PDFs in {args.dir}")
    print(f"{'pdf':42} {'found':>7} {'left':>6} title date author  secs")
    tot = {"found": 0, "must": 0, "left": 0, "must_not": 0, "title": 0, "date": 0, "author": 0}
    for pdf in pdfs:
        t0 = time.perf_counter()
        r = check_pdf(pdf)
        secs = time.perf_counter() - t0
        for k in ("found", "must", "left", "must_not"):
            tot[k] += getattr(r, k)
        tot["title"] += r.title_ok
        tot["date"] += r.date_ok
        tot["author"] += r.author_ok
        print(f"{r.doc_id[:42]:42} {r.found:>3}/{r.must:<3} {r.left:>2}/{r.must_not:<3} "
              f"{'ok' if r.title_ok else '--':>5} {'ok' if r.date_ok else '--':>4} "
              f"{'ok' if r.author_ok else '--':>6} {secs:5.1f}")
        if r.error:
            print(f"    error: {r.error}")
        if args.verbose:
            a = r.article
            if a is not None:
                print(f"    title={a.title!r} published={a.published!r} author={a.author!r} outlet={a.outlet!r}")
            for s in r.missing:
                print(f"    missing: {s}")
            for s in r.leftover:
                print(f"    left:    {s}")
    n = len(pdfs)
    print(f"{'TOTAL':42} {tot['found'] / tot['must']:7.1%} {tot['left'] / tot['must_not']:6.1%} "
          f"{tot['title']}/{n}  {tot['date']}/{n}  {tot['author']}/{n}")


if __name__ == "__main__":
    main()

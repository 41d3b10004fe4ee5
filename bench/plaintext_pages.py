"""Stress the plain-text cleaner on whole web pages: benchmark HTML flattened to text, scored by snippets."""
from __future__ import annotations

import gzip
import re
import sys
from pathlib import Path

import lxml.html

from newsgraph.evaluate.extraction import load_pages, score_page
from newsgraph.ingest.plaintext import clean_plaintext

DEFAULT = Path(__file__).resolve().parents[1].parent / "shared" / "benchmarks" / "article_extraction" / "dev_trafilatura_en"
BLOCKS = {"p", "div", "br", "li", "h1", "h2", "h3", "h4", "h5", "h6", "tr", "section", "article", "header",
          "footer", "nav", "aside", "ul", "ol", "blockquote", "figcaption", "figure", "time", "dt", "dd",
          "table", "form", "main"}


def page_text(data: bytes) -> str:
    """All visible text of a page, one block element per line (what a copy-paste or crawler dump gives)."""
    parser = lxml.html.HTMLParser(encoding="utf-8")
    tree = lxml.html.fromstring(data, parser=parser)
    for bad in tree.xpath("//script|//style|//noscript|//template|//svg"):
        bad.drop_tree()
    for el in tree.iter():
        if isinstance(el.tag, str) and el.tag in BLOCKS:
            el.tail = "\n" + (el.tail or "")
            el.text = "\n" + (el.text or "")
    return "\n".join(re.sub(r"[ \t\xa0]+", " ", line).strip() for line in tree.text_content().splitlines())


def main(bench: Path) -> None:
    totals = {"whole page": [0, 0, 0, 0], "cleaned": [0, 0, 0, 0]}
    for _url, item in load_pages(bench):
        text = page_text(gzip.decompress((bench / item["file"]).read_bytes()))
        for name, result in (("whole page", text), ("cleaned", clean_plaintext(text).body)):
            totals[name] = [a + b for a, b in zip(totals[name], score_page(result, item))]
    for name, (tp, fn, fp, _tn) in totals.items():
        p, r = tp / (tp + fp), tp / (tp + fn)
        print(f"{name:11s} P {p:.3f}  R {r:.3f}  F1 {2 * p * r / (p + r):.3f}")


if __name__ == "__main__":
    main(Path(sys.argv[1]) if len(sys.argv) > 1 else DEFAULT)

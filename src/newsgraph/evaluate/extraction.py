"""Score our HTML ingest path on trafilatura's with/without snippet benchmark."""
from __future__ import annotations

import gzip
import json
import re
from pathlib import Path

import lxml.html

from ..errors import BenchmarkError, InputError
from ..ingest.html import decode_html, extract_html
from ..ingest.plaintext import clean_plaintext

_SPACES = re.compile(r"\s+")
_BLOCKS = {"p", "div", "br", "li", "h1", "h2", "h3", "h4", "h5", "h6", "tr", "section", "article", "header",
           "footer", "nav", "aside", "ul", "ol", "blockquote", "figcaption", "figure", "time", "dt", "dd",
           "table", "form", "main"}


def load_pages(bench_dir: Path) -> list[tuple[str, dict]]:
    """(url, item) pairs of the benchmark, in file order."""
    index = Path(bench_dir) / "evaldata_en.json"
    if not index.is_file():
        raise BenchmarkError(f"no evaldata_en.json in {bench_dir}", source=str(bench_dir))
    return list(json.loads(index.read_text(encoding="utf-8")).items())


def extract_page(bench_dir: Path, url: str, item: dict) -> str | None:
    """Our extraction of one benchmark page (None when ingest rejects it)."""
    path = Path(bench_dir) / item["file"]
    data = gzip.decompress(path.read_bytes())
    try:
        return extract_html(decode_html(data, source=str(path)), url, source=str(path)).body
    except InputError:
        return None


def score_page(result: str | None, item: dict) -> tuple[int, int, int, int]:
    """(tp, fn, fp, tn) by trafilatura's rule: whitespace-normalised substring matching."""
    text = _SPACES.sub(" ", result) if result else ""
    tp = sum(1 for s in item["with"] if result and s in text)
    fp = sum(1 for s in item["without"] if result and s in text)
    return tp, len(item["with"]) - tp, fp, len(item["without"]) - fp


def run(bench_dir: Path, every: int = 1) -> dict:
    """Precision, recall, F1 and accuracy over all snippets of all pages (or of every n-th page)."""
    pages = load_pages(bench_dir)[::every]
    tp = fn = fp = tn = failed = 0
    for url, item in pages:
        result = extract_page(bench_dir, url, item)
        failed += result is None
        a, b, c, d = score_page(result, item)
        tp, fn, fp, tn = tp + a, fn + b, fp + c, tn + d
    p = tp / (tp + fp) if tp + fp else 0.0
    r = tp / (tp + fn) if tp + fn else 0.0
    return {
        "pages": len(pages),
        "failed": failed,
        "precision": round(p, 4),
        "recall": round(r, 4),
        "f1": round(2 * p * r / (p + r), 4) if p + r else 0.0,
        "accuracy": round((tp + tn) / (tp + fn + fp + tn), 4) if pages else 0.0,
        "tp": tp, "fn": fn, "fp": fp, "tn": tn,
    }


def page_text(data: bytes) -> str:
    """All visible text of a page, one block element per line (what a copy-paste or crawler dump gives)."""
    parser = lxml.html.HTMLParser(encoding="utf-8")
    tree = lxml.html.fromstring(data, parser=parser)
    for bad in tree.xpath("//script|//style|//noscript|//template|//svg"):
        bad.drop_tree()
    for el in tree.iter():
        if isinstance(el.tag, str) and el.tag in _BLOCKS:
            el.tail = "\n" + (el.tail or "")
            el.text = "\n" + (el.text or "")
    return "\n".join(re.sub(r"[ \t\xa0]+", " ", line).strip() for line in tree.text_content().splitlines())


def run_plaintext(bench_dir: Path) -> dict:
    """Precision and recall of the plain-text cleaner on the benchmark pages flattened to text (and of the
    whole flattened page, as the baseline)."""
    totals = {"whole page": [0, 0, 0, 0], "cleaned": [0, 0, 0, 0]}
    for _url, item in load_pages(bench_dir):
        text = page_text(gzip.decompress((Path(bench_dir) / item["file"]).read_bytes()))
        for name, result in (("whole page", text), ("cleaned", clean_plaintext(text).body)):
            totals[name] = [a + b for a, b in zip(totals[name], score_page(result, item))]
    out = {}
    for name, (tp, fn, fp, _tn) in totals.items():
        p = tp / (tp + fp) if tp + fp else 0.0
        r = tp / (tp + fn) if tp + fn else 0.0
        out[name] = {"precision": p, "recall": r, "f1": 2 * p * r / (p + r) if p + r else 0.0,
                     "tp": tp, "fn": fn, "fp": fp}
    return out

"""Check a PDF article against its *.expect.json: body sentences found, furniture left, title/date/author.

Sentences are compared the way a reader would look for them, after the same normalisation on both sides:
Unicode NFKC (ligatures, non-breaking and thin spaces), curly quotes and apostrophes as straight ones,
the hyphen and dash look-alikes U+2010/U+2011/U+2012/U+2212 as '-', soft hyphens dropped, and all runs of
whitespace (line and paragraph breaks included) as one space. Hyphens themselves are not dropped, so a
wrongly joined 'Presidentelect' or a kept 'catastroph-ically' counts as missing. Title, date and author
use the project's score.py rules (title token overlap >= 0.8, date equal at the reference's precision,
author equal after normalisation).
"""
from __future__ import annotations

import json
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path

from ..errors import InputError
from ..ingest.pdf import article_from_pdf
from ..records import Article
from .metadata_pages import TITLE_OVERLAP, date_ok, norm, overlap

_QUOTES = str.maketrans({"“": '"', "”": '"', "„": '"', "‘": "'", "’": "'", "‚": "'", "\u2010": "-",
                         "\u2011": "-", "\u2012": "-", "\u2212": "-", "\u00ad": None})


def normalise(text: str) -> str:
    """Text as a reader compares it: NFKC, straight quotes, one kind of hyphen, single spaces."""
    return " ".join(unicodedata.normalize("NFKC", text).translate(_QUOTES).split())


@dataclass
class PdfCheck:
    """How one PDF's article meets its expectations."""

    doc_id: str
    found: int = 0
    must: int = 0
    left: int = 0
    must_not: int = 0
    title_ok: bool = False
    date_ok: bool = False
    author_ok: bool = False
    missing: list[str] = field(default_factory=list)
    leftover: list[str] = field(default_factory=list)
    article: Article | None = None
    error: str | None = None


def check_pdf(pdf: Path) -> PdfCheck:
    """Read one PDF through the real reader and compare it with the expect file beside it."""
    expect = json.loads(pdf.with_suffix(".expect.json").read_text(encoding="utf-8"))
    res = PdfCheck(pdf.stem, must=len(expect["must_contain"]), must_not=len(expect["must_not_contain"]))
    try:
        art = article_from_pdf(pdf, doc_id=pdf.stem, source=str(pdf))
    except InputError as exc:
        res.error = str(exc)
        res.missing = list(expect["must_contain"])
        return res
    res.article = art
    body = normalise(art.body)
    for s in expect["must_contain"]:
        if normalise(s) in body:
            res.found += 1
        else:
            res.missing.append(s)
    for s in expect["must_not_contain"]:
        if normalise(s) in body:
            res.left += 1
            res.leftover.append(s)
    res.title_ok = overlap(expect.get("title"), art.title) >= TITLE_OVERLAP
    res.date_ok = date_ok(expect.get("published"), art.published)
    res.author_ok = norm(expect.get("author")) == norm(art.author)
    return res

"""Headline-like lines of a plain-text page: short, not a sentence (unless in title case), and the page's
'<title> | Site' line matched to the headline it contains."""
from __future__ import annotations

import re

from . import furniture
from .furniture import LineInfo

MIN_TITLE_WORDS = 3
MAX_TITLE_WORDS = 30
TITLE_SITE = re.compile(r"^(?P<title>.{12,})\s+[|–—»·-]\s+(?P<site>[^|–—»·]{2,60})$")
_ENDS_WITH_PERIOD = re.compile(r"[.…;,]\W*$")
MENU_MAX_WORDS = 12  # a longer line above the headline may be a photo caption or standfirst
_QUOTE_FOLD = {ord(c): "'" for c in "\u2018\u2019\u201a\u201b"} | {ord(c): '"' for c in "\u201c\u201d\u201e\u201f"}


def heading_like(info: LineInfo) -> bool:
    """Short enough for a headline, and not a sentence (unless written in title case)."""
    if not MIN_TITLE_WORDS <= info.words <= MAX_TITLE_WORDS:
        return False
    if info.text.rstrip().endswith(":"):
        return False  # a lead-in to what follows ("... said in an editorial on Monday:"), not a headline
    return not _ENDS_WITH_PERIOD.search(info.text) or title_case(info.text)


def title_case(text: str) -> bool:
    """Most content words capitalised, as in an English-style headline."""
    content = [w for w in furniture.words_of(text) if w.lower() not in furniture.STOPWORDS and len(w) > 2]
    if len(content) < 3:
        return False
    caps = sum(1 for w in content if w[0].isupper())
    return caps / len(content) >= 0.75


def headline_inside(items: list[LineInfo], k: int, first: int) -> int | None:
    """The page's headline line when the first heading-like line is its '<title> | Site' (or 'Site: Title')
    form or a copy of it: the last heading line above the body that it contains. Its text is the title and
    its position tells which date bar belongs to the article; the line itself stays where it is."""
    outer = squash(items[k].text)
    found = None
    for j in range(k + 1, first):
        info = items[j]
        if info.kind is not None or not heading_like(info):
            continue
        inner = squash(info.text)
        if inner in outer and len(inner) >= 0.4 * len(outer):
            found = j
    return found


def squash(text: str) -> str:
    """Case, spacing and curly quotes folded (a page's <title> and its <h1> often quote differently)."""
    return " ".join(text.casefold().translate(_QUOTE_FOLD).split())

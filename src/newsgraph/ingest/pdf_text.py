"""From ordered PDF lines to article text: page furniture marked, lines rejoined into paragraphs.

Furniture is what the page prints around the article: lines in the top or bottom margin band that come
back on other pages (digits ignored, so 'Page 3 of 9' repeats), page-number lines, bare URLs and product
codes in the margins, small-type margin notes, a last-page footer that extends a running one, contents
lines with dot leaders, and footnote text under the body (smaller type at the foot of the page).
Paragraphs are rebuilt from geometry: a new paragraph starts after a wider vertical gap, a line that
stops short of its neighbours, a change of type size, an indented or bulleted line; a paragraph runs on
across a column or page break when it did not end a sentence, also past a figure caption in between. A
hyphen at a line end is dropped when the document writes the joined word elsewhere and kept when it
writes the hyphenated one; with no such evidence it is dropped only in a typeset document (one that
hyphenates many line ends) and only when the halves are not both words of the document ('catastroph-
ically' joins, 'policy-relevant' style compounds and 'second-largest' in a word-processor file keep it).
"""
from __future__ import annotations

import re
import statistics
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass

from .pdf_layout import SOFT_HYPHEN, Line

MARGIN_BAND = 0.12  # top and bottom share of the page height where running headers and footers live
WIDE_BAND = 0.2  # ... and where a short line repeated on another page is one too, at any height
MAX_FURNITURE_WORDS = 8
SMALL_TYPE = 0.85  # margin-band lines in type this much smaller than the body are notes, not text
DOT_LEADER = re.compile(r"(?:\.\s?){4,}\s*[\divxlc]*$|…{2,}\s*[\divxlc]*$", re.I)  # table of contents
MIN_CONTENTS = 3  # a page with this many dot-leader lines is a table of contents
CONTENTS_HEADING = re.compile(r"^(table of )?contents$", re.I)
BARE_TOKEN = re.compile(r"^(?:https?://\S+|www\.\S+|[A-Z]{1,5}\d{3,}[A-Z\d.]*|\S+\.(?:com|org|gov|net)\S*)$")
REPEAT_Y = 12.0  # a running header comes back within this many points of the same height
PAGE_NUMBER = re.compile(
    r"^(?:page\s+)?(?:\d{1,4}|[ivxlc]{1,6})(?:\s*(?:of|/)\s*\d{1,4})?$|^[-–—]\s*\d{1,4}\s*[-–—]$", re.I)
BULLET = re.compile(r"^(?:[•▪◦●■□–—∙·]|\d{1,2}[.)]\s|\(?[a-z]\)\s)")
BULLET_GLYPH = re.compile(r"^[•▪◦●■□∙·]\s+")
LONE_BULLET = re.compile(r"^[•▪◦●■□∙·]$")
BULLET_RUN_ON = re.compile(r"^[•▪◦●■□∙·]\s*(?=[a-z])")
TERMINAL = re.compile(r"[.!?…:;][\"'”’»)\]]*$")
CJK = re.compile(r"[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]")
HYPHEN_END = re.compile(r"(?<=[A-Za-zÀ-ÿ])-$")
WORD = re.compile(r"[A-Za-zÀ-ÿ]+(?:-[A-Za-zÀ-ÿ]+)*")
LINK_WORDS = frozenset("to of in on and or the by for a".split())  # inner words of many-part compounds
KEEP_AFTER_HYPHEN = frozenset("and or nor to as than but".split())  # 'ethnic- and religion-neutral'
HYPHENATING_RATE = 0.03  # a document whose lowercase line-end hyphens exceed this share of lines is typeset
MAX_FLOATS = 6  # at most this many figure/table/caption paragraphs between a sentence and its continuation
FLOAT_LABEL = re.compile(r"^(figure|fig\.|table|chart|map|source|sources|note|notes|photo)\b", re.I)
FLOAT_CAPTION = re.compile(r"^(figure|fig\.|table|chart|map|exhibit)\s+[\dIVX]+[.:]", re.I)
HEADING_SIZE = 1.15  # type this much larger than the body's is a heading or title
PARA_GAP = 1.45  # a vertical step this many times the usual line pitch starts a paragraph
SHORT_LINE = 6.0  # a line ending this many line heights before the column's right edge ends a paragraph


def norm_repeat(text: str) -> str:
    """A line's identity for repetition: digits, case and spacing ignored."""
    return " ".join(re.sub(r"\d+", " ", text.lower()).split())


def mark_furniture(pages: list[list[Line]], heights: list[float], size: float) -> None:
    """Mark running headers/footers, page numbers, margin notes and contents lines (line.kind)."""
    seen: dict[str, list[tuple[int, float, bool]]] = {}
    for lines, height in zip(pages, heights):
        for ln in lines:
            if _in_band(ln, height, WIDE_BAND):
                seen.setdefault(norm_repeat(ln.text), []).append((ln.page, ln.mid, _in_band(ln, height)))
    for lines, height in zip(pages, heights):
        for ln in lines:
            if ln.kind:
                continue
            if DOT_LEADER.search(ln.text):
                ln.kind = "contents"
                continue
            if not _in_band(ln, height, WIDE_BAND):
                continue
            text = ln.text.strip()
            narrow = _in_band(ln, height)
            others = [(y, band) for p, y, band in seen.get(norm_repeat(text), []) if p != ln.page]
            if narrow and PAGE_NUMBER.match(text):
                ln.kind = "page number"
            elif any(abs(y - ln.mid) <= REPEAT_Y for y, _ in others) and (narrow or ln.size <= 1.1 * size):
                ln.kind = "running header" if ln.mid > height / 2 else "running footer"
            elif others and ln.size <= 1.1 * size and len(text.split()) <= MAX_FURNITURE_WORDS:
                ln.kind = "running header" if ln.mid > height / 2 else "running footer"
            elif BARE_TOKEN.match(text):
                ln.kind = "margin note"
            elif narrow and ln.size < SMALL_TYPE * size and not TERMINAL.search(text):
                ln.kind = "margin note"
    _mark_extended(pages, heights)
    for lines in pages:
        _mark_contents(lines)


def _mark_contents(lines: list[Line]) -> None:
    """On a contents page, an entry's first line (wrapped before its dot leader) and the page's
    'Contents' heading go with the entries."""
    if sum(ln.kind == "contents" for ln in lines) < MIN_CONTENTS:
        return
    for prev, ln in zip(lines, lines[1:]):
        if ln.kind == "contents" and not prev.kind and not TERMINAL.search(prev.text) \
                and abs(prev.x0 - ln.x0) < 2 * ln.size and 0 < prev.y0 - ln.y0 < 2 * ln.size:
            prev.kind = "contents"
    for ln in lines:
        if not ln.kind and CONTENTS_HEADING.match(ln.text):
            ln.kind = "contents"


def _mark_extended(pages: list[list[Line]], heights: list[float]) -> None:
    """A margin-band line that carries a running footer plus more ('<url> | <code> · VERSION 4') is one too."""
    known = {ln.text for page in pages for ln in page if ln.kind in ("running header", "running footer",
                                                                     "margin note") and len(ln.text) >= 6}
    if not known:
        return
    pattern = re.compile("|".join(rf"(?<!\w){re.escape(t)}(?!\w)" for t in sorted(known, key=len, reverse=True)))
    for lines, height in zip(pages, heights):
        for ln in lines:
            if not ln.kind and _in_band(ln, height) and len(ln.text.split()) <= 2 * MAX_FURNITURE_WORDS \
                    and pattern.search(ln.text):
                ln.kind = "running footer" if ln.mid < height / 2 else "running header"


def _in_band(ln: Line, height: float, band: float = MARGIN_BAND) -> bool:
    return ln.y0 >= (1 - band) * height or ln.y1 <= band * height


def body_size(pages: Iterable[list[Line]]) -> float:
    """The body type's line height: the height carrying most characters."""
    counts: Counter[float] = Counter()
    for lines in pages:
        for ln in lines:
            counts[round(ln.size * 2) / 2] += len(ln.text)
    return counts.most_common(1)[0][0] if counts else 10.0


def mark_footnotes(lines: list[Line], size: float) -> None:
    """Smaller type below the last body-size line of a page is footnote text."""
    body = [ln for ln in lines if not ln.kind and abs(ln.size - size) <= 0.15 * size]
    if not body:
        return
    floor = min(ln.y0 for ln in body)
    small = [ln for ln in lines if not ln.kind and ln.size < 0.88 * size and ln.y1 <= floor + 0.5]
    if small and any(re.match(r"^\d{1,3}\s*\S", ln.text) for ln in small):
        for ln in small:
            ln.kind = "footnote"


class Hyphens:
    """Decides whether a line-end hyphen is the typesetter's (drop it) or part of the word (keep it)."""

    def __init__(self, lines: Iterable[Line]) -> None:
        words: Counter[str] = Counter()
        ends = total = 0
        for ln in lines:
            total += 1
            toks = WORD.findall(ln.text)
            for w in toks[1:-1] if len(toks) > 2 else []:
                words[w.lower()] += 1
            if re.search(r"[a-z]-$", ln.text):
                ends += 1
        self.words = words
        self.typeset = total > 0 and ends / total > HYPHENATING_RATE

    def join(self, left: str, right: str) -> str:
        """Text of two lines joined where the first ends in a hyphen."""
        head = re.search(r"([A-Za-zÀ-ÿ]+)-$", left)
        tail = re.match(r"([A-Za-zÀ-ÿ]+)", right)
        if not head or not tail:
            return left + right
        a, b = head.group(1), tail.group(1)
        if b.lower() in KEEP_AFTER_HYPHEN and right[len(b):len(b) + 1] in (" ", ""):
            return left + " " + right
        joined, hyph = (a + b).lower(), f"{a}-{b}".lower()
        if not b[0].islower():
            return left + right
        if self.words[hyph] > self.words[joined]:
            return left + right
        if right[len(b):len(b) + 1] == "-" and b.lower() in LINK_WORDS:  # 'cell-' + 'to-country', 'state-of-the-art'
            return left + right
        if self.words[joined] > self.words[hyph]:
            return left[:-1] + right
        if self.typeset and not self._both_words(a, b):
            return left[:-1] + right
        return left + right

    def _both_words(self, a: str, b: str) -> bool:
        """Both halves are words the document uses on their own ('policy-' + 'relevant')."""
        return len(a) >= 4 and len(b) >= 5 and self.words[a.lower()] > 0 and self.words[b.lower()] > 0


@dataclass
class Paragraph:
    """A paragraph's text and the lines it was built from."""

    text: str
    lines: list[Line]

    @property
    def words(self) -> int:
        return len(self.text.split())

    @property
    def size(self) -> float:
        return max(ln.size for ln in self.lines)


def paragraphs(lines: list[Line], size: float, hyphens: Hyphens) -> list[Paragraph]:
    """The kept lines, in order, rejoined into paragraphs."""
    kept = [ln for ln in lines if not ln.kind]
    edges = _column_edges(kept)
    pitch = _pitch(kept, size)
    paras: list[tuple[list[str], list[Line]]] = []
    prev: Line | None = None
    before: Line | None = None
    for ln in kept:
        text = ln.text
        if LONE_BULLET.match(text):
            continue
        runs_on = prev is not None and not TERMINAL.search(prev.text) and (prev.page, prev.column) != (
            ln.page, ln.column) and BULLET_RUN_ON.match(text)
        if runs_on:  # a bullet item broken by a page break: the new page repeats the bullet glyph
            text = BULLET_RUN_ON.sub("", text)
        if prev is None or (not runs_on and _breaks(prev, ln, _edge(prev, before, ln, edges), pitch, size)):
            paras.append(([BULLET_GLYPH.sub("", text) or text], [ln]))  # a list item is its own paragraph
        else:
            parts, group = paras[-1]
            last = parts[-1]
            if last.endswith(SOFT_HYPHEN):
                parts[-1] = last[:-1] + text
            elif HYPHEN_END.search(last):
                parts[-1] = hyphens.join(last, text)
            elif re.search(r"\S-$", last) and not last.endswith(" -"):
                parts[-1] = last + text  # '10-' + 'point plan', 'U.S.-' + 'Russia'
            elif CJK.match(last[-1:]) and CJK.match(text[:1]):
                parts[-1] = last + text  # Chinese and Japanese run on without a space
            else:
                parts.append(text)
            group.append(ln)
        before, prev = prev, ln
    return [Paragraph(" ".join(parts).replace(SOFT_HYPHEN, ""), group) for parts, group in paras]


def rejoin_across_floats(paras: list[Paragraph], size: float) -> list[Paragraph]:
    """A sentence cut by a page or column break and continued after a figure, table or caption is rejoined;
    the floats between go after it."""
    out = list(paras)
    k = 0
    while k < len(out):
        p = out[k]
        if p.words >= 8 and not TERMINAL.search(p.text) and _body_type(p, size):
            for j in range(k + 1, min(k + 1 + MAX_FLOATS, len(out))):
                q = out[j]
                moved = (q.lines[0].page, q.lines[0].column) != (p.lines[-1].page, p.lines[-1].column)
                if _body_type(q, size) and q.text[:1].islower() and (moved or j > k + 1):
                    if all(not _body_type(f, size) or FLOAT_LABEL.match(f.text) for f in out[k + 1:j]):
                        out[k] = Paragraph(p.text + " " + q.text, p.lines + q.lines)
                        del out[j]
                    break
        k += 1
    return out


def _body_type(p: Paragraph, size: float) -> bool:
    return abs(statistics.median(ln.size for ln in p.lines) - size) <= 0.05 * size


def _edge(prev: Line, before: Line | None, ln: Line, edges: dict[tuple[int, int], float]) -> float:
    """Where prev would end if it were a full line: its column's usual right edge, or nearer when the lines
    around it are narrower (text wrapped beside a picture or in a box)."""
    col = edges.get((prev.page, prev.column), prev.x1)
    around = [x.x1 for x in (before, ln) if x is not None and (x.page, x.column) == (prev.page, prev.column)]
    return min(col, max(around)) if around else col


def _column_edges(lines: list[Line]) -> dict[tuple[int, int], float]:
    by_col: dict[tuple[int, int], list[float]] = {}
    for ln in lines:
        by_col.setdefault((ln.page, ln.column), []).append(ln.x1)
    return {k: sorted(v)[int(0.8 * (len(v) - 1))] for k, v in by_col.items()}


def _pitch(lines: list[Line], size: float) -> float:
    steps = [a.y0 - b.y0 for a, b in zip(lines, lines[1:])
             if a.page == b.page and a.column == b.column and 0 < a.y0 - b.y0 < 3 * size
             and abs(a.size - size) < 0.15 * size]
    return statistics.median(steps) if steps else 1.2 * size


def _breaks(prev: Line, ln: Line, edge: float, pitch: float, size: float) -> bool:
    """Does ln start a new paragraph after prev?"""
    ended = bool(TERMINAL.search(prev.text))
    if BULLET.match(ln.text):
        return True
    if abs(prev.size - ln.size) > 0.15 * max(prev.size, ln.size):
        return True
    if (prev.page, prev.column) != (ln.page, ln.column):  # column or page break: runs on mid-sentence
        return ended or not _is_prose(prev.text) or bool(FLOAT_CAPTION.match(ln.text)) \
            or prev.size > HEADING_SIZE * size or ln.text.isupper()  # headings do not run on
    step = prev.y0 - ln.y0
    if step > PARA_GAP * pitch or step < -0.5 * size:
        return True
    runs_on = not ended and ln.text[:1].islower()  # a sentence going on: a wrap beside a picture
    if not runs_on and prev.x1 < edge - SHORT_LINE * prev.size and (ended or len(prev.text.split()) < 12):
        return True
    return ended and ln.x0 > prev.x0 + 0.8 * ln.size  # an indented first line


def _is_prose(text: str) -> bool:
    return len(text.split()) >= 4

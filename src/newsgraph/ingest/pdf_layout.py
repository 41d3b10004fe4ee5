"""Lines of a PDF page from pdfium's characters, in reading order: columns, superscripts, overlays.

pdfium gives every character with its box, in content-stream order; nothing else here trusts that
order across lines. Characters are grouped into line fragments by geometry (same vertical band, moving
right, no wide gap), so a header drawn as "date ... title" on one row becomes two fragments and a
hyphenated line end is never glued to the next line. Heights come from pdfium's loose boxes (font
ascent to descent): browser prints report every font size as 1.
"""
from __future__ import annotations

import statistics
from collections.abc import Iterator
from dataclasses import dataclass, field
from itertools import count

import pypdfium2.raw as pdfium_c

LIGATURES = str.maketrans({"ﬀ": "ff", "ﬁ": "fi", "ﬂ": "fl", "ﬃ": "ffi", "ﬄ": "ffl", "ﬅ": "st", "ﬆ": "st",
                           "\u00a0": " ", "\u2002": " ", "\u2003": " ", "\u2009": " ", "\u200b": "",
                           "\ufeff": "", "\x02": "-", "\u00ad": ""})
SOFT_HYPHEN = "\u00ad"  # kept only at a line end: the typesetter's hyphenation point, joined without a hyphen
MAX_WORD_GAP = 2.5  # a gap wider than this many line heights starts a new fragment
SPACE_GAP = 0.18  # a gap wider than this many line heights is a space even when the PDF has none
SUPERSCRIPT_SIZE = 0.8  # a superscript's height is below this share of the line's
SUPERSCRIPT_RISE = 0.2  # ... and its bottom above the baseline by this share of the line height
MIN_SIDE_LINES = 6  # each side of a column gutter holds at least this many fragments
MAX_CROSSING = 0.12  # at most this share of a page's fragments may cross a gutter (titles, spanning blocks)
MIN_GUTTER = 6.0  # points of empty space between two columns


@dataclass
class Line:
    """One line fragment: its text and box in PDF points (y grows upwards)."""

    page: int
    x0: float
    y0: float
    x1: float
    y1: float
    text: str
    size: float  # line height from the font's ascent/descent
    column: int = 0  # reading-order group on the page, set by order_page
    kind: str = ""  # why it was removed ('' = kept)

    @property
    def mid(self) -> float:
        return (self.y0 + self.y1) / 2


@dataclass
class _Char:
    ch: str
    l: float
    b: float
    r: float
    t: float
    space_before: bool


@dataclass
class _Building:
    chars: list[_Char] = field(default_factory=list)


def page_lines(textpage, page_no: int) -> list[Line]:
    """Line fragments of one page from pdfium's characters, grouped by geometry."""
    raw = textpage.raw
    lines: list[Line] = []
    cur: _Building | None = None
    pending_space = False
    n = pdfium_c.FPDFText_CountChars(raw)
    i = 0
    while i < n:
        code = pdfium_c.FPDFText_GetUnicode(raw, i)
        index = i
        i += 1
        if 0xD800 <= code < 0xDC00 and i < n:  # a surrogate pair: one character outside the BMP
            low = pdfium_c.FPDFText_GetUnicode(raw, i)
            if 0xDC00 <= low < 0xE000:
                code = 0x10000 + ((code - 0xD800) << 10) + (low - 0xDC00)
                i += 1
        if 0xD800 <= code < 0xE000 or code == 0xFFFE or code == 0:
            continue
        ch = chr(code)
        if ch in "\r\n" or ch.isspace():
            pending_space = True
            continue
        l, b, r, t = textpage.get_charbox(index, loose=True)
        if t - b <= 0.1 or r < l:
            continue
        c = _Char(ch, l, b, r, t, pending_space)
        pending_space = False
        if cur is not None and _continues(cur, c):
            cur.chars.append(c)
            continue
        if cur is not None:
            _emit(cur, page_no, lines)
        cur = _Building([c])
    if cur is not None:
        _emit(cur, page_no, lines)
    return lines


def _continues(cur: _Building, c: _Char) -> bool:
    last = cur.chars[-1]
    height = max(last.t - last.b, 0.1)
    top, bottom = last.t, last.b
    if abs(c.l - last.l) < 0.5 and abs(c.r - last.r) < 0.5:  # one ligature glyph expanded to several letters
        return True
    overlap = min(top, c.t) - max(bottom, c.b)
    if overlap < 0.4 * min(height, c.t - c.b):
        return False
    gap = c.l - last.r
    return -0.5 * height <= gap <= MAX_WORD_GAP * height


def _emit(cur: _Building, page_no: int, out: list[Line]) -> None:
    chars = cur.chars
    heights = [c.t - c.b for c in chars]
    size = statistics.median(heights)
    main = [c for c in chars if c.t - c.b >= SUPERSCRIPT_SIZE * size] or chars
    baseline = statistics.median(c.b for c in main)
    parts: list[str] = []
    prev: _Char | None = None
    k = 0
    while k < len(chars):
        c = chars[k]
        if _raised_small(c, size, baseline) and c.ch.isdigit() and prev is not None and not prev.ch.isspace():
            # a footnote marker glued to a word: drop the whole run of raised digits
            j = k
            while j < len(chars) and _raised_small(chars[j], size, baseline) and (chars[j].ch.isdigit()
                                                                                  or chars[j].ch in ",–-"):
                j += 1
            if j == len(chars) or not chars[j].ch.isalnum() or chars[j].space_before:
                k = j
                continue
        if prev is not None and (c.space_before or c.l - prev.r > SPACE_GAP * size):
            parts.append(" ")
        parts.append(c.ch)
        prev = c
        k += 1
    raw = "".join(parts).rstrip()
    soft = raw.endswith(SOFT_HYPHEN)
    text = " ".join(raw.translate(LIGATURES).split()).replace(" ,", ",") + (SOFT_HYPHEN if soft else "")
    if not text:
        return
    out.append(Line(page_no, min(c.l for c in chars), min(c.b for c in main), max(c.r for c in chars),
                    max(c.t for c in main), text, size))


def _raised_small(c: _Char, size: float, baseline: float) -> bool:
    return (c.t - c.b) < SUPERSCRIPT_SIZE * size and c.b > baseline + SUPERSCRIPT_RISE * size


def drop_overlays(lines: list[Line]) -> list[Line]:
    """A fragment drawn over another (a banner over a body line) is removed: the later-drawn one goes."""
    kept: list[Line] = []
    for ln in lines:
        hit = next((k for k in kept if _overlaps(k, ln)), None)
        if hit is None:
            kept.append(ln)
        else:
            ln.kind = "overlay"
    return kept


def _overlaps(a: Line, b: Line) -> bool:
    dx = min(a.x1, b.x1) - max(a.x0, b.x0)
    dy = min(a.y1, b.y1) - max(a.y0, b.y0)
    return dx > 2 * min(a.size, b.size) and dy > 0.5 * min(a.size, b.size)


def order_page(lines: list[Line], width: float) -> list[Line]:
    """Reading order: full-width blocks in turn, and between them each column top to bottom; a column that
    holds columns of its own (three- and four-column pages) is split the same way."""
    return _order(lines, 0.0, width, count())


def _order(lines: list[Line], left_x: float, right_x: float, ids: Iterator[int]) -> list[Line]:
    rows = sorted(lines, key=lambda x: (-x.y1, x.x0))
    gutter = find_gutter(lines, left_x, right_x)
    if gutter is None:
        col = next(ids)
        for ln in rows:
            ln.column = col
        return _side_by_side(rows)
    out: list[Line] = []
    left: list[Line] = []
    right: list[Line] = []
    span_col: int | None = None
    for ln in rows:
        if ln.x0 < gutter < ln.x1:  # spans the columns: closes the band above it
            if left or right:
                out.extend(_order(left, left_x, gutter, ids) + _order(right, gutter, right_x, ids))
                left, right, span_col = [], [], None
            span_col = next(ids) if span_col is None else span_col
            ln.column = span_col
            out.append(ln)
        elif ln.x1 <= gutter:
            left.append(ln)
        else:
            right.append(ln)
    out.extend(_order(left, left_x, gutter, ids) + _order(right, gutter, right_x, ids))
    return out


def _side_by_side(rows: list[Line]) -> list[Line]:
    """Two blocks standing side by side on part of a one-column page (text wrapped beside a picture and the
    picture's caption, a sidebar): the left block is read before the right one. Three or more blocks on a
    row are a table and keep row order."""
    pairs = [(a, b) for a in rows for b in rows if a is not b and a.x1 + MIN_GUTTER <= b.x0
             and min(a.y1, b.y1) - max(a.y0, b.y0) > 0.3 * min(a.size, b.size)]
    if len(pairs) < 2:
        return rows
    middle = {id(a) for a, _ in pairs} & {id(b) for _, b in pairs}
    spans: list[list[float]] = []  # [bottom, top, count] of runs of side-by-side rows
    for a, b in sorted(pairs, key=lambda p: -max(p[0].y1, p[1].y1)):
        lo, hi = min(a.y0, b.y0), max(a.y1, b.y1)
        if spans and lo <= spans[-1][1] and hi >= spans[-1][0] - 2 * a.size:
            spans[-1] = [min(spans[-1][0], lo), max(spans[-1][1], hi), spans[-1][2] + 1]
        else:
            spans.append([lo, hi, 1])
    out = list(rows)
    for lo, hi, n_pairs in spans:
        inside = [ln for ln in out if lo <= ln.mid <= hi]
        if n_pairs < 2 or any(id(ln) in middle for ln in inside):
            continue
        gap_pairs = [(a, b) for a, b in pairs if lo <= a.mid <= hi]
        g = sorted((a.x1 + b.x0) / 2 for a, b in gap_pairs)[len(gap_pairs) // 2]
        if any(ln.x0 < g < ln.x1 for ln in inside):
            continue
        lo, hi = _grow(out, lo, hi, g)
        inside = [ln for ln in out if lo <= ln.mid <= hi]
        left = [ln for ln in inside if ln.x1 <= g]
        right = [ln for ln in inside if ln.x0 >= g]
        start = out.index(inside[0])
        rest = [ln for ln in out if not (lo <= ln.mid <= hi)]
        out = rest[:start] + left + right + rest[start:]
    return out


def _grow(rows: list[Line], lo: float, hi: float, g: float) -> tuple[float, float]:
    """Widen a side-by-side run over the lines next to it that stay on one side of its gutter."""
    above = sorted((ln for ln in rows if ln.mid > hi), key=lambda x: x.mid)
    for ln in above:
        if ln.x0 < g < ln.x1 or ln.y0 > hi + 2 * ln.size:
            break
        hi = max(hi, ln.y1)
    below = sorted((ln for ln in rows if ln.mid < lo), key=lambda x: -x.mid)
    for ln in below:
        if ln.x0 < g < ln.x1 or ln.y1 < lo - 2 * ln.size:
            break
        lo = min(lo, ln.y0)
    return lo, hi


def find_gutter(lines: list[Line], left_x: float, right_x: float) -> float | None:
    """The x of an empty vertical strip in the middle of a region with enough lines on both sides."""
    if len(lines) < 2 * MIN_SIDE_LINES:
        return None
    width = right_x - left_x
    lo, hi = left_x + 0.3 * width, left_x + 0.7 * width
    best: tuple[int, float, float] | None = None  # (crossing, -width of the strip, x)
    candidates: list[tuple[int, float, float]] = []  # runs of x with the same number of crossing lines
    run_start, run_cross = lo, -1
    x = lo
    while x <= hi:
        cross = sum(1 for ln in lines if ln.x0 < x < ln.x1)
        if cross != run_cross:
            if run_cross >= 0:
                candidates.append((run_cross, run_start, x - 1))
            run_start, run_cross = x, cross
        x += 1.0
    candidates.append((run_cross, run_start, hi))
    for cross, a, b in candidates:
        if b - a < MIN_GUTTER:
            continue
        mid = (a + b) / 2
        n_left = sum(1 for ln in lines if ln.x1 <= mid)
        n_right = sum(1 for ln in lines if ln.x0 >= mid)
        if min(n_left, n_right) < MIN_SIDE_LINES or cross > MAX_CROSSING * len(lines):
            continue
        key = (cross, -(b - a), mid)
        if best is None or key < best:
            best = key
    return best[2] if best else None

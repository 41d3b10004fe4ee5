"""Date arithmetic for TIMEX3 values: anchor probes, merging disagreeing probes into X, weeks, quarters, durations."""
from __future__ import annotations

import calendar
import re
from datetime import date, timedelta

from .timex_vocab import _NUMBERS, _UNITS, _VAGUE_RE


def _parse_anchor(anchor: str | None) -> tuple[date, ...]:
    """Probe dates the anchor may stand for; disagreement between them becomes X in the value."""
    if not anchor:
        return (date(1998, 3, 4), date(2009, 8, 21), date(2017, 12, 31), date(2022, 6, 13))
    m = re.match(r"(\d{4})(?:-(\d{2}))?(?:-(\d{2}))?", anchor.strip())
    if not m:
        return _parse_anchor(None)
    y = int(m.group(1))
    if m.group(3):
        try:
            return (date(y, int(m.group(2)), int(m.group(3))),)
        except ValueError:
            return (date(y, int(m.group(2)), 1), date(y, int(m.group(2)), calendar.monthrange(y, int(m.group(2)))[1]))
    if m.group(2):
        mo = int(m.group(2))
        last = calendar.monthrange(y, mo)[1]
        return (date(y, mo, 1), date(y, mo, 15), date(y, mo, last))
    return (date(y, 1, 1), date(y, 4, 15), date(y, 7, 1), date(y, 10, 15), date(y, 12, 31))


def _merge(values: list[str]) -> str:
    """Keep the value components every probe agrees on; the rest become X."""
    first = values[0]
    if all(v == first for v in values):
        return first
    parts = [re.split(r"(-|T)", v) for v in values]
    if len({len(p) for p in parts}) != 1:
        return re.sub(r"[0-9]", "X", first)
    out = []
    for comps in zip(*parts):
        c0 = comps[0]
        if all(c == c0 for c in comps):
            out.append(c0)
        else:
            out.append(re.sub(r"[0-9]", "X", c0))
    return "".join(out)


def _iso_week(d: date) -> str:
    y, w, _ = d.isocalendar()
    return f"{y}-W{w:02d}"


def _add_months(y: int, m: int, n: int) -> tuple[int, int]:
    k = y * 12 + (m - 1) + n
    return k // 12, k % 12 + 1


def _quarter(d: date) -> int:
    return (d.month - 1) // 3 + 1


def _prev_quarter(d: date) -> str:
    q = _quarter(d) - 1
    return f"{d.year - 1}-Q4" if q == 0 else f"{d.year}-Q{q}"


def _weekday_date(a: date, wd: int, direction: str) -> date:
    """direction: 'onbefore' (<= a), 'before' (< a), 'after' (> a), 'onafter' (>= a)."""
    diff = (a.weekday() - wd) % 7
    if direction == "onbefore":
        return a - timedelta(days=diff)
    if direction == "before":
        return a - timedelta(days=diff or 7)
    ahead = (wd - a.weekday()) % 7
    if direction == "onafter":
        return a + timedelta(days=ahead)
    return a + timedelta(days=ahead or 7)


def _closest_year(a: date, month: int, day: int) -> date | None:
    best = None
    for y in (a.year - 1, a.year, a.year + 1):
        try:
            d = date(y, month, day)
        except ValueError:
            continue
        if best is None or abs((d - a).days) < abs((best - a).days):
            best = d
    return best


_NEAR_FUTURE_DAYS = 90  # about a quarter: how far ahead an untensed month-day may still be a schedule


def _month_day_year(a: date, month: int, day: int, future: bool) -> date | None:
    """Year for a month-day: news reports the past, so the latest such day on or before the anchor, unless
    the clause is future-tense or the next such day is only a few weeks ahead (schedules, deadlines)."""
    past = nxt = None
    for y in (a.year - 1, a.year, a.year + 1):
        try:
            d = date(y, month, day)
        except ValueError:
            continue
        if d <= a:
            past = d
        elif nxt is None:
            nxt = d
    if nxt is not None and (past is None or (nxt - a).days <= (183 if future else _NEAR_FUTURE_DAYS)):
        return nxt
    return past


def _num(word: str) -> float | None:
    """Number from digits or words ('twenty-four', 'a', 'five and a half'); None if vague."""
    w = re.sub(r"\s+", " ", word.strip().lower())
    if not w:
        return 1
    if re.fullmatch(_VAGUE_RE, w):
        return None
    half = 0.0
    if w.endswith(" and a half"):
        half, w = 0.5, w[: -len(" and a half")]
    if w.endswith(" 1/2"):
        half, w = 0.5, w[:-4]
    if w.startswith("half"):
        return 0.5
    try:
        return float(w) + half
    except ValueError:
        pass
    if w in _NUMBERS:
        return _NUMBERS[w] + half
    parts = re.split(r"[- ]", w)
    if all(p in _NUMBERS for p in parts):
        return sum(_NUMBERS[p] for p in parts) + half
    return None


def _fmt_num(n: float | None) -> str:
    if n is None:
        return "X"
    return str(int(n)) if n == int(n) else str(n)


def _duration(n: float | None, unit: str) -> str:
    unit = unit.lower().rstrip("s")
    if unit == "centurie":
        unit = "century"
    letter, is_time = _UNITS.get(unit, ("X", False))
    if letter == "W2":
        return "P" + ("X" if n is None else _fmt_num(2 * n)) + "W"
    if n is not None and n != int(n) and n * 2 == int(n * 2):  # halves: whole units plus half a unit one step down
        whole = int(n)
        half = {"Y": ("6M", False), "M": ("15D", False), "D": ("12H", True), "H": ("30M", True),
                "S": ("", True)}.get(letter)
        if letter == "M" and is_time:
            half = ("30S", True)
        if half and half[0]:
            head = f"{whole}{letter}" if whole else ""
            if is_time:
                return f"PT{head}{half[0]}"
            return f"P{head}T{half[0]}" if half[1] else f"P{head}{half[0]}"
    return ("PT" if is_time else "P") + _fmt_num(n) + letter


def _shift(a: date, n: int, unit: str) -> str:
    """The period n units before the anchor (n>0 = past), at the unit's granularity."""
    unit = unit.lower().rstrip("s")
    if unit in ("day",):
        return (a - timedelta(days=n)).isoformat()
    if unit in ("week", "fortnight"):
        return _iso_week(a - timedelta(weeks=n * (2 if unit == "fortnight" else 1)))
    if unit == "month":
        y, m = _add_months(a.year, a.month, -n)
        return f"{y}-{m:02d}"
    if unit == "quarter":
        k = a.year * 4 + _quarter(a) - 1 - n
        return f"{k // 4}-Q{k % 4 + 1}"
    if unit == "year":
        return str(a.year - n)
    if unit == "decade":
        return str(a.year - 10 * n)[:3]
    if unit in ("century", "centurie"):
        return str(a.year - 100 * n)[:2]
    if unit in ("hour", "minute", "second"):
        return a.isoformat()
    return str(a.year - n)

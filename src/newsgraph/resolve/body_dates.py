"""Date values for consistency checks: the record's timex when present, else a small explicit-date scan."""
from __future__ import annotations

import calendar
import re
from datetime import date, timedelta

from ..records import Timex

_MONTHS = {m.lower(): i for i, m in enumerate(calendar.month_name) if m}
_MON = "|".join(m for m in calendar.month_name if m)
_WEEKDAYS = {d.lower(): i for i, d in enumerate(calendar.day_name)}
_PATTERNS = (
    re.compile(rf"\b({_MON})\s+(\d{{1,2}})(?:st|nd|rd|th)?,?\s+((?:19|20)\d\d)\b"),
    re.compile(rf"\b(\d{{1,2}})(?:st|nd|rd|th)?\s+({_MON}),?\s+((?:19|20)\d\d)\b"),
    re.compile(rf"\b({_MON})\s+((?:19|20)\d\d)\b"),
    re.compile(r"\b(?:in|since|from|until|by|of|early|late|mid-?)\s+((?:19|20)\d\d)\b", re.I),
    re.compile(r"\b(last|this|next) (year|month|week)\b", re.I),
    re.compile(r"\b(yesterday|today)\b", re.I),
    re.compile(rf"\bon ({'|'.join(d for d in calendar.day_name)})\b"),
)


def value_range(value: str) -> tuple[date, date] | None:
    """First and last day a TIMEX value covers (day, month, year, ISO week); None for vague values."""
    try:
        if re.fullmatch(r"\d{4}-\d\d-\d\d", value):
            d = date.fromisoformat(value)
            return d, d
        if re.fullmatch(r"\d{4}-\d\d", value):
            y, m = map(int, value.split("-"))
            return date(y, m, 1), date(y, m, calendar.monthrange(y, m)[1])
        if re.fullmatch(r"\d{4}", value):
            y = int(value)
            return date(y, 1, 1), date(y, 12, 31)
        m = re.fullmatch(r"(\d{4})-W(\d\d)", value)
        if m:
            start = date.fromisocalendar(int(m.group(1)), int(m.group(2)), 1)
            return start, start + timedelta(days=6)
    except ValueError:
        return None
    return None


def _shift(anchor: date, unit: str, step: int) -> str:
    if unit == "year":
        return f"{anchor.year + step:04d}"
    if unit == "month":
        y, m = divmod(anchor.year * 12 + anchor.month - 1 + step, 12)
        return f"{y:04d}-{m + 1:02d}"
    y, w, _ = (anchor + timedelta(weeks=step)).isocalendar()
    return f"{y:04d}-W{w:02d}"


def scan_dates(text: str, anchor: date | None) -> list[Timex]:
    """Explicit dates anywhere, plus simple relative ones when an anchor is known."""
    out: list[Timex] = []
    taken: list[tuple[int, int]] = []
    for i, rx in enumerate(_PATTERNS):
        for m in rx.finditer(text):
            if any(s <= m.start() < e for s, e in taken):
                continue
            g = m.groups()
            value = None
            if i == 0:
                value = f"{int(g[2]):04d}-{_MONTHS[g[0].lower()]:02d}-{int(g[1]):02d}"
            elif i == 1:
                value = f"{int(g[2]):04d}-{_MONTHS[g[1].lower()]:02d}-{int(g[0]):02d}"
            elif i == 2:
                value = f"{int(g[1]):04d}-{_MONTHS[g[0].lower()]:02d}"
            elif i == 3:
                value = g[0]
            elif anchor is not None and i == 4:
                value = _shift(anchor, g[1].lower(), {"last": -1, "this": 0, "next": 1}[g[0].lower()])
            elif anchor is not None and i == 5:
                value = (anchor - timedelta(days=1 if g[0].lower() == "yesterday" else 0)).isoformat()
            elif anchor is not None and i == 6:
                back = (anchor.weekday() - _WEEKDAYS[g[0].lower()]) % 7
                value = (anchor - timedelta(days=back)).isoformat()
            if value and value_range(value):
                taken.append((m.start(), m.end()))
                out.append(Timex(m.group(), m.start(), m.end(), value, anchor=anchor.isoformat() if anchor else None))
    return sorted(out, key=lambda t: t.start)


def published_range(published: str | None) -> tuple[date, date] | None:
    """The days a published value covers."""
    return value_range(published) if published else None

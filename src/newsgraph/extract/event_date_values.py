"""Event-date values: the calendar value and precision of a timex, the timexes of a sentence."""
from __future__ import annotations

import re
from datetime import date
from typing import Sequence

from spacy.tokens import Span

from ..records import Timex


_DAY = re.compile(r"^\d{4}-\d{2}-\d{2}$")
_MONTH = re.compile(r"^\d{4}-\d{2}$")
_YEAR = re.compile(r"^\d{4}$")
_DUR_DAYS = re.compile(r"^P(\d+)([DW])$")
_WEEK = re.compile(r"^(\d{4})-W(\d{2})$")


_TIME_OF_DAY = re.compile(r"^(\d{4}-\d{2}-\d{2})T[\w:.+-]+$")


def calendar_value(value: str) -> str:
    """An ISO week is reported at month precision (the month holding its Thursday); a time of day ('last night',
    'Tuesday morning', 'at 3 pm') dates its event to that day."""
    t = _TIME_OF_DAY.match(value)
    if t:
        return t.group(1)
    m = _WEEK.match(value)
    if m:
        try:
            thursday = date.fromisocalendar(int(m.group(1)), int(m.group(2)), 4)
        except ValueError:
            return value
        return thursday.isoformat()[:7]
    return value


def precision_of(value: str) -> str | None:
    """'day' / 'month' / 'year' from the value's shape; None for durations, REFs and partial values."""
    value = calendar_value(value)
    if _DAY.match(value):
        return "day"
    if _MONTH.match(value):
        return "month"
    if _YEAR.match(value):
        return "year"
    return None


def sentence_timexes(sent: Span, timexes: Sequence[Timex]) -> list[Timex]:
    """The timexes inside one sentence."""
    return [t for t in timexes if t.start >= sent.start_char and t.end <= sent.end_char]

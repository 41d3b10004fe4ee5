"""What a rule reads around its match: the sentence, future tense, the quarter an earnings report is about, numbers."""
from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from typing import Callable

from .timex_vocab import _CLAUSE_START, _DEADLINE, _FUTURE_CUES, _MONTHS, _NUMBERS, _ORDINALS, _PAST_PLAN, _QUARTER_CONTEXT, _SENT_BOUNDARY
from .timex_calendar import _prev_quarter, _quarter


@dataclass(frozen=True)
class _Ctx:
    text: str
    m: re.Match


@dataclass(frozen=True)
class _Rule:
    name: str
    pattern: re.Pattern
    type: str
    resolve: Callable[[_Ctx, date], str] | None  # None: value does not depend on the anchor
    fixed: Callable[[_Ctx], str] | None = None
    accept: Callable[[_Ctx], bool] | None = None


def _sentence(text: str, start: int, end: int) -> str:
    lo = max(0, start - 300)
    head = text[lo:start]
    cuts = list(_SENT_BOUNDARY.finditer(head))
    s = lo + cuts[-1].end() if cuts else lo
    tail = _SENT_BOUNDARY.search(text, end, min(len(text), end + 300))
    e = tail.start() + 1 if tail else min(len(text), end + 300)
    return text[s:e]


def _is_future(c: _Ctx) -> bool:
    """A future-tense cue in the expression's own clause, before it (local, so other clauses don't leak)."""
    start = c.m.start("tx") if "tx" in c.m.re.groupindex and c.m.group("tx") is not None else c.m.start()
    lo = max(0, start - 80)
    window = c.text[lo:start]
    cuts = list(_CLAUSE_START.finditer(window))
    if cuts:
        window = window[cuts[-1].end():]
    if _DEADLINE.search(window):
        return True
    cues = list(_FUTURE_CUES.finditer(window.rsplit(",", 1)[-1]))  # the cue must govern the date's phrase
    return bool(cues) and not _PAST_PLAN.search(window.rsplit(",", 1)[-1][:cues[-1].start()])


_MONEY = re.compile(r"[$#€£]\s?\d|\b\d[\d,.]*\s*(?:%|percent|million|billion|cents?)\b|\ba\s+share\b", re.I)
_LONGER_PERIOD = re.compile(r"\b(?:nine|six|12|twelve)[\s-]+months?\b|\bfirst\s+half|\b(?:fiscal|full|calendar)[\s-]+year"
                            r"|\bannual|\byear\s+(?:ended|ending|earlier\s+nine)|\bfor\s+the\s+year\b|\byear-to-date", re.I)
_NTH_QUARTER = re.compile(r"\b(first|second|third|fourth)[\s-]+(?:fiscal[\s-]+)?quarter\b", re.I)


def _results_quarter(c: _Ctx, a: date, force: bool = False) -> str | None:
    """The quarter an earnings report is about ("1989-Q3") when the sentence compares quarterly figures.

    Financial news says "net rose to $5 million from $4 million a year earlier" meaning the same quarter a
    year before (TimeBank values it "1988-Q3"); that reading needs quarter talk in the document and figures or
    quarter talk in the sentence, and no longer period (nine months, fiscal year) in the sentence."""
    sent = _sentence(c.text, c.m.start(), c.m.end())
    if not force:
        if _LONGER_PERIOD.search(sent):
            return None
        if not (_QUARTER_CONTEXT.search(sent) or (_MONEY.search(sent) and _NTH_QUARTER.search(c.text))):
            return None
    counts: dict[int, int] = {}
    for m in _NTH_QUARTER.finditer(c.text):
        q = _ORDINALS[m.group(1).lower()]
        counts[q] = counts.get(q, 0) + 1
    last = _prev_quarter(a)  # the quarter most recently closed: what earnings news usually reports
    if not counts or int(last[-1]) in counts:
        return last
    q = max(counts, key=lambda k: (counts[k], -k))  # a fiscal quarter named in the report
    return f"{a.year if q <= _quarter(a) else a.year - 1}-Q{q}"


def _g(c: _Ctx, name: str) -> str:
    return c.m.group(name) or ""


def _month_of(s: str) -> int:
    return _MONTHS[s.lower().rstrip(".")]


def _spelled_number(s: str) -> int:
    """0-99 from words ("ninety-six", "oh five", "twelve")."""
    return sum(int(_NUMBERS[w]) for w in re.split(r"[\s-]+", s.strip().lower()) if w and w not in ("oh", "and"))


def _year_of(s: str) -> int:
    s = s.strip().lstrip("'’")
    if not s[:1].isdigit():
        words = re.split(r"[\s-]+", s.lower())
        if words[:2] == ["two", "thousand"]:
            return 2000 + _spelled_number(" ".join(words[2:]))
        return 100 * int(_NUMBERS[words[0]]) + _spelled_number(" ".join(words[1:]))
    return int(s) if len(s) == 4 else (1900 + int(s) if int(s) > 30 else 2000 + int(s))


_ORDINAL_SECOND = re.compile(r"\s+(?!(?:later|after|before|earlier|ago|longer|or|and|of|to|in|on|for|at)\b)[a-z]+\b")


def _ordinal_second(c: _Ctx) -> bool:
    """"a second group", "a second betrayal": the ordinal, not one second of time."""
    return (_g(c, "unit").lower() == "second" and _g(c, "n").strip().lower() in ("a", "an")
            and bool(_ORDINAL_SECOND.match(c.text, c.m.end("unit"))))

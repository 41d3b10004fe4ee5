"""Rule-based TIMEX3 tagger: find date/time expressions and normalise them against the publication date.

Resolution rules (documented because relative dates are where taggers differ):

* The anchor is the article's publication date, truncated to its precision ("2023-02-15", "2023-02",
  "2023" or None).  Relative expressions are resolved against every day the anchor could stand for
  (first, middle and last day of its period; a spread of probe dates when it is None) and only the
  value components that agree across all of them are kept; the rest become "X".  So "last year"
  under anchor "2023-06" is "2022", "yesterday" is "2023-XX-XX", and with no anchor "XXXX".
  Absolute expressions never depend on the anchor.
* A bare weekday ("on Tuesday") is the most recent such day on or before the anchor (news reports the
  past), unless its sentence is future-tense ("will", "scheduled", "next"...): then the next such day
  after the anchor.  "last Friday" is strictly before, "next Friday" strictly after.
* A bare month ("in June") is the most recent such month on or before the anchor month, or the next
  one for a future-tense sentence; "last June" is the most recent June strictly before the anchor month.
* A month-day without a year ("February 8") is the latest such day on or before the anchor, unless the next
  one is at most 90 days ahead or (future-tense clause) at most half a year ahead.
* Future tense is read from the expression's own phrase: "will", "would", "is to", "to be published",
  "planning", a deadline preposition ("by", "until", "through"); "had been scheduled", "as previously
  planned" are past plans; a possessive weekday ("Wednesday's ruling") names a reported event.
* In earnings news "a year ago", "a year earlier", "year-ago", "the 1988 period" mean the reported quarter
  (the quarter last closed, or the fiscal quarter the report names) of that year: "1988-Q3".
* "last week"/"this week"/"next week" are ISO weeks; quarters are "YYYY-Qn"; seasons "YYYY-SU" etc.
* Vague expressions: "recently" PAST_REF, "now"/"currently"/"so far" PRESENT_REF, "the future" FUTURE_REF;
  adverbs TimeBank leaves unmarked ("previously", "soon", "eventually") and adjectives ("former",
  "current") are not timexes.
* Years read out in transcripts ("nineteen ninety-six", "the year two thousand", "the nineties") are years
  and decades.  Extents follow TIMEX3: no preposition ("in [recent years]"), no determiner of a noun the
  expression modifies ("a [two-year] contract") and no possessive ("its [fourth quarter]").
* Durations ("over 5 years", "48 hours", "several years", "a day after") are DURATION "P5Y", "PT48H",
  "PXY", "P1D"; "N units ago" is a DATE.  Halves are compound ("2 1/2 years" P2Y6M, "a minute and a half" PT1M30S);
  "the year ended March 31" in financial reports is P1Y; a following "after"/"later"/"before" is a signal,
  not part of the extent ("[three days] later"); "a second group" is an ordinal.
* Possessive periods are dates without the "'s": "[last month]'s shooting", "next year's first quarter" 1990-Q1.
"""
from __future__ import annotations

import calendar
import re
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Callable, Iterator

from newsgraph.records import Timex

# ---------------------------------------------------------------------------------------------
# vocabulary

_MONTHS = {
    "january": 1, "jan": 1, "february": 2, "feb": 2, "march": 3, "mar": 3, "april": 4, "apr": 4,
    "may": 5, "june": 6, "jun": 6, "july": 7, "jul": 7, "august": 8, "aug": 8, "september": 9,
    "sept": 9, "sep": 9, "october": 10, "oct": 10, "november": 11, "nov": 11, "december": 12, "dec": 12,
}
_WEEKDAYS = {
    "monday": 0, "mon": 0, "tuesday": 1, "tue": 1, "tues": 1, "wednesday": 2, "wed": 2,
    "thursday": 3, "thu": 3, "thur": 3, "thurs": 3, "friday": 4, "fri": 4, "saturday": 5, "sat": 5,
    "sunday": 6, "sun": 6,
}
_NUMBERS = {
    "a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
    "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14,
    "fifteen": 15, "sixteen": 16, "seventeen": 17, "eighteen": 18, "nineteen": 19, "twenty": 20,
    "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70, "eighty": 80, "ninety": 90,
    "hundred": 100, "half": 0.5, "a couple of": 2, "a couple": 2, "couple of": 2, "dozen": 12, "a dozen": 12,
}
_ORDINALS = {"first": 1, "1st": 1, "second": 2, "2nd": 2, "third": 3, "3rd": 3, "fourth": 4, "4th": 4}
_SEASONS = {"spring": "SP", "summer": "SU", "fall": "FA", "autumn": "FA", "winter": "WI"}
_PARTS = {"morning": "MO", "afternoon": "AF", "evening": "EV", "night": "NI"}

# unit word -> (TIMEX3 duration letter, is a time unit)
_UNITS = {
    "second": ("S", True), "minute": ("M", True), "hour": ("H", True), "day": ("D", False),
    "week": ("W", False), "fortnight": ("W2", False), "month": ("M", False), "quarter": ("Q", False),
    "year": ("Y", False), "decade": ("DE", False), "century": ("CE", False), "centurie": ("CE", False),
    "weekend": ("WE", False),
}

_MONTH_RE = (
    r"(?-i:January|February|March|April|May|June|July|August|September|October|November|December"
    r"|Jan\.?|Feb\.?|Mar\.?|Apr\.?|Jun\.?|Jul\.?|Aug\.?|Sept\.?|Sep\.?|Oct\.?|Nov\.?|Dec\.?)"
)
_MONTH_SAFE = (  # month names that are not also common English words (May, March)
    r"(?-i:January|February|April|June|July|August|September|October|November|December"
    r"|Jan\.?|Feb\.?|Apr\.?|Jun\.?|Jul\.?|Aug\.?|Sept\.?|Sep\.?|Oct\.?|Nov\.?|Dec\.?)"
)
_WD_RE = (
    r"(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)"
)
_WD_ABBR_RE = r"(?:Mon|Tues?|Wed|Thu(?:rs?)?|Fri|Sat|Sun)\.?"
_DAY_RE = r"(?:[12]\d|3[01]|0?[1-9])(?:st|nd|rd|th)?"
_YEAR_RE = r"(?:1[6-9]\d\d|20\d\d)"
_NUMWORD = (
    r"(?:(?:twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety)(?:[- ](?:one|two|three|four|five|six|seven|eight|nine))?"
    r"|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|fourteen|fifteen|sixteen"
    r"|seventeen|eighteen|nineteen|hundred|a\s+couple(?:\s+of)?|couple\s+of|a\s+dozen|dozen|half\s+an?|half)"
)
_NUM_RE = rf"(?:\d+(?:\.\d+)?(?:\s+1/2)?|{_NUMWORD}(?:\s+and\s+a\s+half)?|an?)"
_ONES_W = r"one|two|three|four|five|six|seven|eight|nine"
_TEENS_W = r"ten|eleven|twelve|thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen"
_TENS_W = r"twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety"
_TWO_DIGITS_W = rf"(?:(?:{_TENS_W})(?:[\s-]+(?:{_ONES_W}))?|{_TEENS_W}|oh[\s-]+(?:{_ONES_W}))"
# years read out in broadcast transcripts: "nineteen ninety-six", "two thousand (and) one"
_SPELLED_YEAR_RE = (rf"(?:(?:eighteen|nineteen|twenty)[\s-]+{_TWO_DIGITS_W}"
                    rf"|two[\s-]+thousand(?:[\s-]+(?:and[\s-]+)?(?:{_TWO_DIGITS_W}|{_ONES_W}))?)")
_YEAR_ANY_RE = rf"(?:{_YEAR_RE}|{_SPELLED_YEAR_RE})"
_VAGUE_RE = r"(?:a\s+few|few|several|many|some|a\s+number\s+of|countless|numerous)"
_UNIT_RE = r"(?:second|minute|hour|day|week|fortnight|month|quarter|year|decade|centur(?:y|ie))"
_MODIFIER_RE = (
    r"(?:(?:over|more\s+than|less\s+than|fewer\s+than|nearly|almost|about|around|roughly|approximately"
    r"|at\s+least|at\s+most|up\s+to|some|only|just|barely|another|an\s+additional)\s+)?"
)
_FUTURE_CUES = re.compile(
    r"\b(?:will|shall|'ll|going\s+to|set\s+to|scheduled|due|expects?|expected|plans?\s+to|planned|as\s+(?:soon|early)\s+as"
    r"|upcoming|to\s+be\s+held|would|planning|intends?|(?:is|are)\s+to\s+(?!be\s+\w+ed\b)\w+|to\s+be\s+\w+ed)\b",
    re.I,
)
# "had been scheduled to expire Friday", "as previously planned": a plan in the past, so not future
_PAST_PLAN = re.compile(r"\b(?:had(?:\s+been)?|previously|originally|initially|as)\s+$", re.I)
_DEADLINE = re.compile(r"\b(?:by|until|till|through)\s+(?:(?:early|late|mid-?)\s*)?$", re.I)
_CLAUSE_START = re.compile(r"[.;:!?\n]|,\s+(?:but|and|while|whereas|although)\b")
_QUARTER_CONTEXT = re.compile(r"\bquarter|\bperiod\b", re.I)
_SENT_BOUNDARY = re.compile(r"[.!?]\s|\n\s*\n")
_PLURAL_NOUN_AFTER = re.compile(r"\s+(?-i:[a-z]{3,}s)\b")
_NOT_PLURAL = {"was", "has", "is", "as", "this", "thus", "its", "his", "towards", "plus", "besides", "whereas"}


# ---------------------------------------------------------------------------------------------
# date arithmetic


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


# ---------------------------------------------------------------------------------------------
# rules


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


def _rules() -> list[_Rule]:
    rules: list[_Rule] = []

    def add(name, pattern, typ, resolve=None, fixed=None, accept=None, flags=re.I):
        rules.append(_Rule(name, re.compile(pattern, flags), typ, resolve, fixed, accept))

    # --- absolute calendar dates -------------------------------------------------------------
    def iso(c: _Ctx) -> str:
        try:
            return date(int(_g(c, "y")), int(_g(c, "mo")), int(_g(c, "d"))).isoformat()
        except ValueError:
            return f"{_g(c, 'y')}-{_g(c, 'mo')}"

    add("iso", r"\b(?P<y>\d{4})-(?P<mo>0[1-9]|1[0-2])-(?P<d>[0-2]\d|3[01])\b(?!-)", "DATE", fixed=iso)

    def slash(c: _Ctx) -> str:
        a, b, y = int(_g(c, "a")), int(_g(c, "b")), _year_of(_g(c, "y"))
        if a > 12 and b <= 12:
            return f"{y}-{b:02d}-{a:02d}"
        if b > 12 and a <= 12:
            return f"{y}-{a:02d}-{b:02d}"
        return str(y)

    add("slash", r"\b(?P<a>\d{1,2})/(?P<b>\d{1,2})/(?P<y>\d{4})\b", "DATE", fixed=slash)

    wd_prefix = rf"(?:(?:{_WD_RE}|{_WD_ABBR_RE})\s*,?\s+(?:the\s+)?)?"

    def mdy(c: _Ctx) -> str:
        mo, d, y = _month_of(_g(c, "mo")), int(re.match(r"\d+", _g(c, "d")).group()), _year_of(_g(c, "y"))
        try:
            return date(y, mo, d).isoformat()
        except ValueError:  # "February 30, 2023": keep what is certain
            return f"{y:04d}-{mo:02d}"

    add("month_day_year",
        rf"\b{wd_prefix}(?P<mo>{_MONTH_RE})\s*(?P<d>{_DAY_RE})\b,?\s*(?P<y>{_YEAR_RE})\b", "DATE", fixed=mdy)
    add("day_month_year",
        rf"\b{wd_prefix}(?P<d>{_DAY_RE})\s+(?:of\s+)?(?P<mo>{_MONTH_RE}),?\s+(?P<y>{_YEAR_RE})\b", "DATE",
        fixed=mdy)

    def md(c: _Ctx, a: date) -> str:
        mo, d = _month_of(_g(c, "mo")), int(re.match(r"\d+", _g(c, "d")).group())
        wd = _g(c, "wd")
        if wd:  # a weekday pins the year: take the closest year where the date falls on that weekday
            want = _WEEKDAYS[wd.lower().rstrip(".")]
            cands = []
            for y in range(a.year - 6, a.year + 2):
                try:
                    dd = date(y, mo, d)
                except ValueError:
                    continue
                if dd.weekday() == want:
                    cands.append(dd)
            if cands:
                return min(cands, key=lambda x: abs((x - a).days)).isoformat()
        got = _month_day_year(a, mo, d, _is_future(c))
        return got.isoformat() if got else f"XXXX-{mo:02d}-{d:02d}"

    add("month_day",
        rf"\b(?:(?P<wd>{_WD_RE}|{_WD_ABBR_RE})\s*,?\s+)?(?P<mo>{_MONTH_RE})\s*(?P<d>{_DAY_RE})\b(?!\s*(?:%|,\d|\.\d|:\d))",
        "DATE", resolve=md)
    add("day_month",
        rf"\b(?:(?P<wd>{_WD_RE}|{_WD_ABBR_RE})\s*,?\s+)?(?:the\s+)?(?P<d>{_DAY_RE})\s+(?:of\s+)?(?P<mo>{_MONTH_RE})(?!\w)",
        "DATE", resolve=md)
    add("month_year", rf"\b(?:(?:early|late|mid-?|the\s+end\s+of|the\s+beginning\s+of|the\s+start\s+of|the\s+middle\s+of)\s*)?"
        rf"(?P<mo>{_MONTH_RE}),?\s+(?:of\s+)?(?P<y>{_YEAR_ANY_RE})\b", "DATE",
        fixed=lambda c: f"{_year_of(_g(c, 'y'))}-{_month_of(_g(c, 'mo')):02d}")

    # --- months without a year ---------------------------------------------------------------
    def month_rel(c: _Ctx, a: date) -> str:
        mo = _month_of(_g(c, "mo"))
        rel = _g(c, "rel").lower()
        if rel == "last" or rel == "past":
            y = a.year if mo < a.month else a.year - 1
        elif rel == "next" or rel == "coming":
            y = a.year if mo > a.month else a.year + 1
        elif rel == "this":
            y = a.year
        elif _is_future(c):
            y = a.year if mo >= a.month else a.year + 1
        else:
            y = a.year if mo <= a.month else a.year - 1
        return f"{y}-{mo:02d}"

    mod = r"(?:(?:early|late|mid-?|the\s+end\s+of|the\s+beginning\s+of|the\s+start\s+of|the\s+middle\s+of)\s*)?"
    add("month_rel", rf"\b{mod}(?P<rel>last|this|next|past|coming)\s+{mod}(?P<mo>{_MONTH_RE})\b(?!\s*\d)", "DATE",
        resolve=month_rel)
    add("month_prep", rf"\b(?:in|since|until|till|by|from|to|during|before|after|through|of|and|or)\s+(?P<tx>{mod}"
        rf"(?P<rel>)(?P<mo>{_MONTH_RE})\b)(?!\s*\d)(?!\s+(?-i:[A-Z]))", "DATE", resolve=month_rel)
    add("month_mod", rf"\b(?:early|late|mid-?)\s*(?P<rel>)(?P<mo>{_MONTH_RE})\b(?!\s*\d)", "DATE", resolve=month_rel)
    add("month_bare", rf"(?<![\w.])(?P<rel>)(?P<mo>{_MONTH_SAFE})(?!\s*\d)(?!\s+(?-i:[A-Z]))(?!\w)", "DATE",
        resolve=month_rel)

    # --- years, decades, centuries -----------------------------------------------------------
    def year_ok(c: _Ctx) -> bool:
        s, e = c.m.start(), c.m.end()
        before = c.text[max(0, s - 2):s]
        if re.search(r"[$€£#\d,.]\s?$", before) and not re.search(r"[,.]\s$", before):
            return False
        after = c.text[e:e + 20]
        if re.match(r"\s*(?:%|percent|per\s*cent|[.,]\d|\d|:\d)", after):
            return False
        nxt = _PLURAL_NOUN_AFTER.match(after)
        if nxt and nxt.group().strip().lower() not in _NOT_PLURAL:
            return False
        return True

    add("fiscal_year", r"\b(?:fiscal|financial|calendar|the\s+year|model)\s+(?:year\s+)?(?P<y>" + _YEAR_RE + r")\b",
        "DATE", fixed=lambda c: _g(c, "y"))
    add("year_span", r"\b(?:(?:early|late|mid-?|the\s+end\s+of|the\s+beginning\s+of|the\s+start\s+of|the\s+middle\s+of)\s*)"
        r"(?P<y>" + _YEAR_RE + r")\b", "DATE", fixed=lambda c: _g(c, "y"), accept=year_ok)
    add("year", r"(?<![\w$€£#./-])(?P<y>" + _YEAR_RE + r")(?![\w-]|\.\d)", "DATE", fixed=lambda c: _g(c, "y"),
        accept=year_ok)
    add("decade", r"\b(?:(?:the\s+)?(?:early|late|mid-?)\s*)?(?:the\s+)?(?P<y>1[6-9]\d0|20[0-9]0)'?s\b", "DATE",
        fixed=lambda c: _g(c, "y")[:3])
    def spelled_year_ok(c: _Ctx) -> bool:
        # "two thousand" alone is usually a count ("two thousand troops"): only as "the year ..." or after "in"/"by"
        if re.fullmatch(r"two[\s-]+thousand", _g(c, "y"), re.I) and not (_g(c, "pre") or _g(c, "prep")):
            return False
        nxt = re.match(r"[\s-]+([a-z]+)\b", c.text[c.m.end():c.m.end() + 20])
        word = nxt.group(1) if nxt else ""
        return not ((word.endswith("s") and word not in _NOT_PLURAL) or word in ("year", "dollar", "people", "percent"))

    add("spelled_year", rf"\b(?:(?P<prep>in|by|since|until)\s+)?(?P<tx>(?P<pre>the\s+year\s+)?(?P<y>{_SPELLED_YEAR_RE}))\b(?!-)", "DATE",
        fixed=lambda c: str(_year_of(_g(c, "y"))), accept=spelled_year_ok)
    decade_words = {"twenties": 2, "thirties": 3, "forties": 4, "fifties": 5, "sixties": 6, "seventies": 7,
                    "eighties": 8, "nineties": 9}
    add("decade_words", r"\bthe\s+(?:(?:early|late|mid-?)\s*)?(?:nineteen[\s-]+)?(?P<dw>" + "|".join(decade_words) + r")\b",
        "DATE", fixed=lambda c: f"19{decade_words[_g(c, 'dw').lower()]}")
    add("decade_short", r"\b(?:the\s+)?(?:early\s+|late\s+|mid-?)?['’](?P<y>[2-9]0)s\b", "DATE",
        fixed=lambda c: "19" + _g(c, "y")[0])

    def century(c: _Ctx, a: date) -> str:
        o = _g(c, "ord").lower()
        if o:
            n = {"twentieth": 20, "twenty-first": 21, "nineteenth": 19, "eighteenth": 18}.get(o)
            if n is None:
                n = int(re.match(r"\d+", o).group())
            return f"{n - 1:02d}"
        rel = _g(c, "rel").lower()
        k = a.year // 100 + (-1 if rel in ("last", "past", "previous") else 1 if rel == "next" else 0)
        return f"{k:02d}"

    add("century", r"\b(?:the\s+)?(?:(?P<ord>\d{2}(?:st|nd|rd|th)|twentieth|twenty-first|nineteenth|eighteenth)"
        r"|(?P<rel>this|last|next|past|previous))\s+century\b(?!\s+\w+\s+(?:ago|earlier|later))", "DATE",
        resolve=century)

    # --- quarters, halves --------------------------------------------------------------------
    def quarter(c: _Ctx, a: date) -> str:
        q = _ORDINALS[_g(c, "q").lower()]
        y = _g(c, "y")
        if y:
            return f"{_year_of(y)}-Q{q}"
        rel = (_g(c, "rel") or _g(c, "yrel")).lower()  # "next year's first quarter" is that quarter of next year
        if rel in ("last", "previous", "past"):
            return f"{a.year - 1}-Q{q}"
        if rel in ("next",):
            return f"{a.year + 1}-Q{q}"
        if rel in ("year-ago", "year-earlier"):
            return f"{a.year - 1 if q <= _quarter(a) else a.year - 2}-Q{q}"
        if rel == "this" or q <= _quarter(a):
            return f"{a.year}-Q{q}"
        return f"{a.year - 1}-Q{q}"

    add("quarter_nth",
        r"\b(?:(?:the|its|their|(?P<yrel>this|last|next)\s+year['’]s|(?P<y0>" + _YEAR_RE + r")'s)\s+)?(?:(?P<y1>" + _YEAR_RE + r")\s+)?"
        r"(?:(?P<rel>last|previous|past|next|this|year-ago|year-earlier)\s+)?(?:(?:fiscal|calendar)\s+)?"
        r"(?P<q>first|second|third|fourth|1st|2nd|3rd|4th)[- ](?:fiscal[- ])?quarter"
        r"(?:\s+of\s+(?:fiscal\s+)?(?P<y>" + _YEAR_RE + r"))?\b", "DATE",
        resolve=lambda c, a: (quarter(c, a) if not (_g(c, "y0") or _g(c, "y1"))
                              else f"{_g(c, 'y0') or _g(c, 'y1')}-Q{_ORDINALS[_g(c, 'q').lower()]}"))

    def quarter_rel(c: _Ctx, a: date) -> str:
        rel = _g(c, "rel").lower()
        if rel in ("current", "this"):
            return f"{a.year}-Q{_quarter(a)}"
        if rel == "next":
            k = a.year * 4 + _quarter(a)
            return f"{k // 4}-Q{k % 4 + 1}"
        if rel in ("year-ago", "year-earlier"):
            p = _results_quarter(c, a, force=True)
            return f"{int(p[:4]) - 1}{p[4:]}"
        if rel in ("previous", "prior", "preceding"):
            k = a.year * 4 + _quarter(a) - 3
            return f"{k // 4}-Q{k % 4 + 1}"
        return _prev_quarter(a)

    add("quarter_rel", r"\b(?:the|this|its)\s+(?P<rel>latest|most\s+recent|recent|last|past|previous|prior|preceding"
        r"|current|next|year-ago|year-earlier|just-ended|just\s+ended|)\s*(?:fiscal\s+)?quarter\b(?!ly)", "DATE",
        resolve=quarter_rel)

    def year_period(c: _Ctx, a: date) -> str:
        sent = _sentence(c.text, c.m.start(), c.m.end())
        if _g(c, "u").lower() == "period" and _LONGER_PERIOD.search(sent):
            return _g(c, "y")
        return f"{_g(c, 'y')}{_results_quarter(c, a, force=True)[4:]}"

    # "the 1988 quarter", "the 1989 period": in earnings news, the reported quarter of that year
    add("year_period", r"\bthe\s+(?P<y>" + _YEAR_RE + r")\s+(?P<u>quarter|period)\b", "DATE", resolve=year_period)

    def half(c: _Ctx, a: date) -> str:
        h = 1 if _g(c, "h").lower() == "first" else 2
        y = _g(c, "y")
        if y:
            return f"{_year_of(y)}-H{h}"
        return f"{a.year if h == 1 or a.month > 6 else a.year - 1}-H{h}"

    add("half", r"\b(?:the\s+)?(?P<h>first|second)\s+half(?:\s+of\s+(?:the\s+year|(?P<y>" + _YEAR_RE + r")))?\b",
        "DATE", resolve=half)
    add("n_months", r"\b(?:the\s+)?(?:first\s+)?(?P<n>nine|six|three|nine-|six-)\s*months?(?=\s+(?:ended|ending|through|to|of|period))",
        "DURATION", fixed=lambda c: f"P{int(_num(_g(c, 'n').strip('-')))}M")

    # --- seasons ----------------------------------------------------------------------------
    def season(c: _Ctx, a: date) -> str:
        s = _SEASONS[_g(c, "s").lower()]
        rel = _g(c, "rel").lower()
        months = {"SP": (3, 4, 5), "SU": (6, 7, 8), "FA": (9, 10, 11), "WI": (12, 1, 2)}[s]
        current = a.month in months
        started = current or a.month > months[0] or (s == "WI" and a.month <= 2)
        year = a.year - 1 if s == "WI" and a.month <= 2 else a.year
        if rel in ("last", "past"):
            return f"{year - 1 if current or not started else year}-{s}"
        if rel in ("next", "coming"):
            return f"{year + 1 if started else year}-{s}"
        return f"{year}-{s}"

    add("season", r"\b(?:(?:early|late|mid-?)\s*)?(?P<rel>last|this|next|coming|past)\s+(?P<s>spring|summer|fall|autumn|winter)\b"
        r"|\b(?:(?:early|late|mid-?)\s*)?(?:the\s+)?(?P<s2>spring|summer|fall|autumn|winter)(?:\s+of)?\s+(?P<y2>" + _YEAR_ANY_RE + r")\b",
        "DATE", resolve=lambda c, a: season_any(c, a))

    def season_any(c: _Ctx, a: date) -> str:
        if c.m.group("s2"):
            return f"{_year_of(c.m.group('y2'))}-{_SEASONS[c.m.group('s2').lower()]}"
        return season(c, a)

    # --- holidays ----------------------------------------------------------------------------
    def holiday(c: _Ctx, a: date) -> str:
        h = _g(c, "h").lower()
        y = int(_g(c, "y")) if _g(c, "y") else None
        if "christmas" in h:
            md_ = (12, 24 if "eve" in h else 25)
        elif "new year" in h:
            md_ = (12, 31) if "eve" in h else (1, 1)
        else:  # Thanksgiving (US): fourth Thursday of November
            yy = y or a.year
            first = date(yy, 11, 1)
            d = first + timedelta(days=(3 - first.weekday()) % 7 + 21)
            md_ = (11, d.day)
            if y is None:
                d2 = d if d <= a or _is_future(c) else None
                if d2 is None:
                    first = date(a.year - 1, 11, 1)
                    d2 = first + timedelta(days=(3 - first.weekday()) % 7 + 21)
                return d2.isoformat()
        if y is not None:
            return f"{y}-{md_[0]:02d}-{md_[1]:02d}"
        got = _closest_year(a, *md_)
        return got.isoformat() if got else "XXXX"

    add("holiday", r"\b(?:last\s+|this\s+|next\s+)?(?P<h>Christmas(?:\s+(?:Day|Eve))?|New\s+Year'?s?(?:\s+(?:Day|Eve))"
        r"|Thanksgiving(?:\s+Day)?)(?:\s+(?P<y>" + _YEAR_RE + r"))?\b", "DATE", resolve=holiday, flags=0)

    # --- deictic days, weekdays, times of day ------------------------------------------------
    day_words = {"today": 0, "yesterday": 1, "tomorrow": -1, "tonight": 0}

    def deictic(c: _Ctx, a: date) -> str:
        w = _g(c, "w").lower()
        d = a - timedelta(days=day_words[w])
        part = _g(c, "part").lower()
        if w == "tonight":
            return d.isoformat() + "TNI"
        return d.isoformat() + ("T" + _PARTS[part] if part else "")

    add("deictic", r"\b(?:(?:early|late)\s+)?(?P<w>today|yesterday|tomorrow|tonight)(?:\s+(?P<part>morning|afternoon|evening|night))?\b",
        "DATE", resolve=deictic)
    add("this_part", r"\b(?:this|last)\s+(?P<part>morning|afternoon|evening|night)\b", "TIME",
        resolve=lambda c, a: (a - timedelta(days=1 if c.m.group().lower().startswith("last") else 0)).isoformat()
        + "T" + _PARTS[_g(c, "part").lower()])

    def weekday(c: _Ctx, a: date) -> str:
        wd = _WEEKDAYS[_g(c, "wd").lower().rstrip(".")]
        rel = _g(c, "rel").lower()
        if rel == "last" or rel == "past":
            d = _weekday_date(a, wd, "before")
        elif rel == "next" or rel == "coming":
            d = _weekday_date(a, wd, "after")
        elif rel == "this":
            d = _weekday_date(a, wd, "onafter" if _is_future(c) else "onbefore")
        elif re.match(r"['’]s\b", c.text[c.m.end():c.m.end() + 3]):  # "Wednesday's ruling": a reported event
            d = _weekday_date(a, wd, "onbefore")
        else:
            d = _weekday_date(a, wd, "onafter" if _is_future(c) else "onbefore")
        part = _g(c, "part").lower()
        return d.isoformat() + ("T" + _PARTS[part] if part else "")

    add("weekday", rf"\b(?:(?:early|late)\s+)?(?:(?P<rel>last|next|this|past|coming)\s+)?(?P<wd>{_WD_RE})s?\b"
        r"(?:\s+(?P<part>morning|afternoon|evening|night))?", "DATE",
        resolve=weekday, flags=0)
    add("weekday_lc", rf"\b(?P<rel>last|next|this|past|coming)\s+(?P<wd>{_WD_RE})\b(?P<part>)", "DATE",
        resolve=weekday)

    def clock(c: _Ctx, a: date) -> str:
        h = int(_g(c, "h") or 0)
        mi = int(_g(c, "mi") or 0)
        ap = _g(c, "ap").lower().replace(".", "").replace(" ", "")
        if ap.startswith("p") and h < 12:
            h += 12
        if ap.startswith("a") and h == 12:
            h = 0
        d = a
        w = _g(c, "day").lower()
        if w in day_words:
            d = a - timedelta(days=day_words[w])
        elif w.rstrip(".") in _WEEKDAYS:
            d = _weekday_date(a, _WEEKDAYS[w.rstrip(".")], "onafter" if _is_future(c) else "onbefore")
        return f"{d.isoformat()}T{h:02d}:{mi:02d}"

    add("clock", r"\b(?P<h>1[0-2]|0?[1-9])(?::(?P<mi>[0-5]\d))?\s*(?P<ap>[ap]\.\s?m\.?|[ap]m\b)"
        r"(?:\s+(?:[ECMP][SD]T|GMT|UTC|local\s+time))?(?:\s*,?\s*(?P<day>today|yesterday|tomorrow|" + _WD_RE + r"))?",
        "TIME", resolve=clock)
    add("clock24", r"\b(?P<h>[01]?\d|2[0-3])[:.](?P<mi>[0-5]\d)\s*(?P<ap>)(?:GMT|UTC|[ECMP][SD]T|hours|hrs|local\s+time)\b(?:\s*,?\s*(?P<day>today|yesterday|tomorrow|"
        + _WD_RE + r"))?", "TIME", resolve=clock)
    def noon(c: _Ctx, a: date) -> str:
        value = clock(c, a)
        return value[:-5] + ("24:00" if _g(c, "w").lower() == "midnight" else "12:00")

    add("noon", r"\b(?P<w>noon|midnight|midday)(?P<h>)(?P<mi>)(?P<ap>)\b(?:\s*,?\s*(?:on\s+)?(?P<day>today|yesterday|tomorrow|"
        + _WD_RE + r"))?", "TIME", resolve=noon)

    # --- relative periods ("last year", "this week", "earlier this month") -------------------
    def period(c: _Ctx, a: date) -> str:
        rel = _g(c, "rel").lower().replace("  ", " ")
        unit = _g(c, "unit").lower()
        n = {"last": 1, "past": 1, "previous": 1, "prior": 1, "this": 0, "current": 0, "next": -1,
             "coming": -1, "following": -1}.get(rel.split()[-1] if rel else "this", 0)
        if unit == "weekend":
            wk = a - timedelta(weeks=n)
            if n == 0 and a.weekday() < 3 and not _is_future(c):
                wk = a - timedelta(weeks=1)
            return _iso_week(wk) + "-WE"
        return _shift(a, n, unit)

    add("period", r"\b(?:(?:earlier|later|early|late)\s+)?(?:(?:the\s+)?(?:end|beginning|start|middle|rest|remainder)\s+of\s+)?"
        r"(?P<rel>last|past|previous|prior|this|current|next|coming|the\s+following)\s+(?P<unit>year|month|week|weekend|decade)\b"
        r"(?!\s*-)", "DATE", resolve=period)
    add("the_weekend", r"\b(?:over\s+)?the\s+(?P<rel>)(?P<unit>weekend)\b", "DATE", resolve=period)
    add("year_ago_adj", r"\b(?:the\s+)?(?P<rel>year-(?:ago|earlier))\s+(?P<unit>period|quarter|level|figure|results)?",
        "DATE", resolve=lambda c, a: _year_ago(c, a))

    def _year_ago(c: _Ctx, a: date) -> str:
        q = _results_quarter(c, a)
        return f"{int(q[:4]) - 1}{q[4:]}" if q else str(a.year - 1)

    # --- "two years ago", "a year earlier" ---------------------------------------------------
    def ago(c: _Ctx, a: date) -> str:
        n = _num(_g(c, "n"))
        unit = _g(c, "unit").lower()
        if n is None:
            return "PAST_REF"
        if unit.rstrip("s") == "year" and n == 1:
            q = _results_quarter(c, a)
            if q:
                return f"{int(q[:4]) - 1}{q[4:]}"
        if n != int(n):
            n = round(n)
        return _shift(a, int(n), unit)

    add("ago", rf"\b{_MODIFIER_RE}(?P<n>{_NUM_RE}|{_VAGUE_RE})[\s-]+(?P<unit>{_UNIT_RE})s?(?:\s+or\s+so)?\s+ago\b", "DATE",
        resolve=ago)
    add("year_earlier", r"\b(?P<n>a|one)\s+(?P<unit>year)\s+(?:earlier|before)\b", "DATE", resolve=ago)

    # --- durations ---------------------------------------------------------------------------
    def dur(c: _Ctx) -> str:
        n_txt = _g(c, "n")
        n = None if re.fullmatch(_VAGUE_RE, n_txt.strip().lower()) else _num(n_txt)
        if n is not None and "half" in c.m.groupdict() and c.m.group("half"):  # "a minute and a half"
            n += 0.5
        return _duration(n, _g(c, "unit"))

    pre = r"(?:(?:the|a|its|their)\s+)?(?:(?:past|last|next|first|previous|coming|following|final|same|entire|whole|full|better\s+part\s+of\s+the)\s+)?"
    add("duration", rf"\b(?P<tx>{pre}{_MODIFIER_RE}(?P<n>{_NUM_RE}|{_VAGUE_RE})(?:\s+(?:more|straight|consecutive|long))?"
        rf"(?:\s+(?:trading|business|working|school))?[\s-]+"
        rf"(?P<unit>{_UNIT_RE})s?\b(?![-\s]+old)(?P<half>\s+and\s+a\s+half\b)?"
        rf"(?:\s+(?:long|earlier)\b)?)(?:\s+(?:later|after|before)\b)?(?:\s+now\b)?", "DURATION", fixed=dur,
        accept=lambda c: not _ordinal_second(c))
    # "an additional year", "another six months": one more unit when no count is given
    add("duration_more", rf"\b(?P<tx>(?:an\s+additional|another|an\s+extra)\s+(?P<n>)(?P<unit>{_UNIT_RE})\b)"
        r"(?!\s*-|s)(?!\s+(?:of|ago|earlier|later|after|before)\b)", "DURATION", fixed=lambda c: _duration(1, _g(c, "unit")))
    # financial reports: "net income for the year ended March 31" is the twelve months up to that day
    add("year_ended", r"\b(?P<tx>the\s+(?:fiscal[\s-]+)?year)(?=,?\s+end(?:ed|ing)\b)(?P<n>)(?P<unit>)", "DURATION",
        fixed=lambda c: "P1Y")
    add("duration_plural", r"\b(?:for|in|over|within|after|lasting|than)\s+(?P<tx>(?P<n>)(?P<unit>(?:second|minute|hour|day|week|month|year|decade|centurie)s)"
        r"\b)(?!\s+(?:of|ago|old))", "DURATION", fixed=lambda c: _duration(None, _g(c, "unit")))
    add("duration_adj", rf"\b(?P<n>\d+|{_NUMWORD})-(?P<unit>{_UNIT_RE})\b(?!-old)(?![-\s]+(?:old|olds)\b)", "DURATION",
        fixed=dur)
    add("duration_long", r"\b(?P<n>)(?P<unit>decade|year|month|week|day|hour)(?P<pl>s?)-long\b", "DURATION",
        fixed=lambda c: _duration(None if _g(c, "pl") else 1, _g(c, "unit")))
    add("past_unit", r"\b(?:the\s+)(?:past|last|next|coming)\s+(?P<unit>year|month|week|decade)(?P<n>)\b(?!\s*-)(?!['’]s)",
        "DATE", resolve=lambda c, a: _shift(a, -1 if re.search(r"next|coming", c.m.group(), re.I) else 1, _g(c, "unit")))

    # --- vague references --------------------------------------------------------------------
    # the preposition is not part of the TIMEX3 extent: "in [recent years]", "in [the past]"
    add("past_ref", r"\b(?:in\s+)?(?P<tx>\b(?:recently|lately"
        r"|(?<=in\s)the\s+past\b(?!\s+(?:\w+\s+)?(?:year|month|week|day|decade|centur|hour|quarter|few|several|two|three))"
        r"|recent\s+(?:years|months|weeks|days|times|decades)"
        r"|the\s+past(?!\s+\w+\s*(?:year|month|week|day|decade|centur|hour))(?=\s*[,.;]|\s+(?:and|but|when|as))"
        r"|not\s+long\s+ago|some\s+time\s+ago|long\s+ago)\b)", "DATE", fixed=lambda c: "PAST_REF")
    add("present_ref", r"\b(?:now|currently|so\s+far|thus\s+far|at\s+present|at\s+the\s+moment|presently|these\s+days|nowadays"
        r"|right\s+now|for\s+now|as\s+yet|to\s+date(?!d))\b(?![-'’])", "DATE", fixed=lambda c: "PRESENT_REF")
    add("future_ref", r"\b(?:the\s+future(?!\s+of\b)|the\s+near\s+future|the\s+coming\s+(?:years|months|weeks|days|decades)"
        r"|in\s+the\s+years\s+to\s+come)\b", "DATE", fixed=lambda c: "FUTURE_REF")

    # --- sets --------------------------------------------------------------------------------
    sets = {"daily": "P1D", "weekly": "P1W", "monthly": "P1M", "annually": "P1Y", "yearly": "P1Y", "nightly": "P1D",
            "hourly": "PT1H", "quarterly": "P1Q"}

    def set_val(c: _Ctx) -> str:
        w = c.m.group().lower()
        for k, v in sets.items():
            if k in w:
                return v
        unit = _g(c, "unit").lower()
        wd = unit.rstrip("s")
        if wd in _WEEKDAYS:
            return f"XXXX-WXX-{_WEEKDAYS[wd] + 1}"
        if unit.rstrip(".") in _MONTHS:  # "each July": that month of every year
            return f"XXXX-{_MONTHS[unit.rstrip('.')]:02d}"
        return _duration(1, unit)

    add("set_adv", r"\b(?:daily|weekly|monthly|annually|yearly|nightly|hourly)\b(?!\s+(?:newspaper|paper|magazine|news|basis))",
        "SET", fixed=set_val)
    add("set_every", rf"\b(?:every|each|per|a)\s+(?P<unit>day|week|month|year|hour|night|morning|{_WD_RE})\b(?!\s+(?:of|ago|earlier|later|after|before))", "SET", fixed=set_val)
    add("set_every_month", rf"\b(?:every|each)\s+(?P<unit>{_MONTH_SAFE}|March|May)\b(?!\s*\d)", "SET", fixed=set_val, flags=0)
    add("set_every_a", r"\b(?:times|once|twice)\s+(?P<tx>(?:a|per|each)\s+(?P<unit>day|week|month|year|hour)\b)", "SET",
        fixed=set_val)
    return rules


_RULES = _rules()

# rules whose match should win over others at equal length (more specific first)
_PRIORITY = {r.name: i for i, r in enumerate(_RULES)}


_DET = re.compile(r"(?:the|a|an|its|their|his|her|our)\s+", re.I)
_POSSESSIVE = re.compile(r"(?:its|their|his|her|our)\s+", re.I)
_ADJECTIVAL = re.compile(  # "two-year", "third-quarter", "52-week", "four year" (singular unit after a number > 1)
    rf"(?:fiscal[\s-]+)?(?:[\w.]+-(?:fiscal-)?|(?!(?:a|an|one)\s)(?:\d+|{_NUMWORD})\s+){_UNIT_RE}", re.I)


def _trim_determiner(text: str, s: int, e: int) -> int:
    """TIMEX3 extents leave out the determiner of a noun the expression modifies ("a [two-year] contract",
    "the [third-quarter] loss") and possessives ("its [fourth quarter]"): the new start."""
    m = _DET.match(text, s, e)
    if not m:
        return s
    if _POSSESSIVE.match(text, s, e) or _ADJECTIVAL.fullmatch(text, m.end(), e):
        return m.end()
    return s


def _candidates(text: str) -> list[tuple[int, int, int, _Rule, re.Match, int, int]]:
    """Every rule match: (claim start, claim end, priority, rule, match, span start, span end).

    The claim is the whole match (so context words such as "in" or a trailing "now" are consumed);
    the span is the expression itself (group "tx" when the rule has one)."""
    out = []
    for rule in _RULES:
        has_tx = "tx" in rule.pattern.groupindex
        for m in rule.pattern.finditer(text):
            s, e = m.span("tx") if has_tx else m.span()
            while e > s and text[e - 1] in " ,\n\t":  # trim what the patterns may swallow
                e -= 1
            s = _trim_determiner(text, s, e)
            if e <= s:
                continue
            if rule.accept and not rule.accept(_Ctx(text, m)):
                continue
            out.append((min(s, m.start()), max(e, m.end()), _PRIORITY[rule.name], rule, m, s, e))
    return out


def _select(cands: list) -> list:
    """Longest expression wins; ties go to the earlier (more specific) rule; claims never overlap."""
    chosen: list = []
    taken: list[tuple[int, int]] = []
    for cand in sorted(cands, key=lambda x: (-(x[6] - x[5]), x[2], x[5])):
        s, e = cand[0], cand[1]
        if any(s < te and ts < e for ts, te in taken):
            continue
        chosen.append(cand)
        taken.append((s, e))
    return sorted(chosen, key=lambda x: x[5])


def extract_timex(text: str, anchor: str | None, doc: object | None = None) -> Iterator[Timex]:
    """Yield every date/time expression in `text`, normalised TIMEX3-style against `anchor`."""
    if not text:
        return
    probes = _parse_anchor(anchor)
    for _, _, _, rule, m, s, e in _select(_candidates(text)):
        c = _Ctx(text, m)
        if rule.fixed is not None:
            value = rule.fixed(c)
        else:
            value = _merge([rule.resolve(c, p) for p in probes])
        typ = rule.type
        if typ == "DATE" and "T" in value and re.search(r"T\d\d:\d\d|T(?:MO|AF|EV|NI)$", value) and rule.name != "deictic":
            typ = "TIME"
        yield Timex(text=text[s:e], start=s, end=e, value=value, type=typ, anchor=anchor)

"""Find publication dates in header lines, datelines and URLs, keeping how precise they are."""
from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

from ..regex_prefilter import required_words

_I = re.IGNORECASE

MONTHS: dict[str, int] = {}
for _num, _names in enumerate(
    [
        "january jan janvier janv enero ene januar jänner gennaio janeiro styczeń stycznia",
        "february feb février févr fevrier febrero februar febbraio fevereiro fev luty lutego",
        "march mar mars marzo märz marz março marco marzec marca",
        "april apr avril abril aprile kwiecień kwietnia",
        "may mai mayo maggio maio maj maja",
        "june jun juin junio juni giugno junho czerwiec czerwca",
        "july jul juillet julio juli luglio julho lipiec lipca",
        "august aug août aout agosto sierpień sierpnia",
        "september sep sept septembre septiembre settembre setembro wrzesień września",
        "october oct octobre octubre oktober ottobre outubro październik października",
        "november nov novembre noviembre novembro listopad listopada",
        "december dec décembre decembre diciembre dezember dic dicembre dezembro dez grudzień grudnia",
    ],
    start=1,
):
    for _n in _names.split():
        MONTHS.setdefault(_n, _num)

WEEKDAYS: dict[str, int] = {}
for _num, _names in enumerate(
    [
        "monday mon lundi lunes montag lunedì segunda poniedziałek",
        "tuesday tue tues mardi martes dienstag martedì terça wtorek",
        "wednesday wed mercredi miércoles mittwoch mercoledì quarta środa",
        "thursday thu thur thurs jeudi jueves donnerstag giovedì quinta czwartek",
        "friday fri vendredi viernes freitag venerdì sexta piątek",
        "saturday sat samedi sábado sabado samstag sabato sobota",
        "sunday sun dimanche domingo sonntag domenica niedziela",
    ]
):
    for _n in _names.split():
        WEEKDAYS.setdefault(_n, _num)

_MONTH = "(?P<month>" + "|".join(sorted(map(re.escape, MONTHS), key=len, reverse=True)) + r")\.?"
_WDAY = "(?:(?P<wday>" + "|".join(sorted(map(re.escape, WEEKDAYS), key=len, reverse=True)) + r")\.?,?\s+)?"
_DAY = r"(?P<day>[0-3]?\d)(?:st|nd|rd|th|er|º|\.)?"
_YEAR = r"(?P<year>(?:19|20)\d{2})"

DATE_PATTERNS = [
    re.compile(r"\b(?P<year>(?:19|20)\d{2})-(?P<mnum>[01]?\d)-(?P<day>[0-3]?\d)\b"),
    re.compile(r"\b(?P<year>(?:19|20)\d{2})/(?P<mnum>[01]\d)/(?P<day>[0-3]\d)\b"),
    re.compile(rf"\b{_WDAY}{_DAY}\s+(?:of\s+|de\s+)?{_MONTH},?\s+(?:de\s+|of\s+)?{_YEAR}\b", _I),
    re.compile(rf"\b{_WDAY}{_MONTH}\s+{_DAY},?\s+{_YEAR}\b", _I),
    re.compile(rf"\b{_WDAY}{_DAY}\s+(?:of\s+|de\s+)?{_MONTH}(?![\w])", _I),
    re.compile(rf"\b{_WDAY}{_MONTH}\s+{_DAY}(?![\w:])", _I),
    re.compile(r"\b(?P<dnum>[0-3]?\d)[./](?P<mnum>[0-3]?\d)[./](?P<year>(?:19|20)\d{2})\b"),
    re.compile(rf"{_WDAY}(?<![\d./])(?P<dnum>[0-3]?\d)[./](?P<mnum>[0-3]?\d)[./](?P<year2>\d{{2}})(?![\d./])", _I),
    re.compile(rf"\b{_MONTH},?\s+{_YEAR}\b", _I),
]
# What may surround a date on a date bar without making it a sentence.
_BAR_FILLER = re.compile(
    r"\b(updated|published|posted|last|modified|on|at|date|le|el|am|um|de|of|the|a\.?m\.?|p\.?m\.?|"
    r"gmt|utc|cet|cest|est|edt|pst|pdt|bst|msk|ist|cst|cdt|mst|mdt|et|pt|ct|aest|aedt|sast|wat|eat|hkt|sgt|jst|"
    r"today|time|reading|min|mins|read|ago|seconds?|minutes?|hours?|days?|weeks?|hrs?|il y a|hace|vor)\b|"
    r"\d{1,2}[:h.]\d{2}(:\d{2})?\s*([ap]\.?m\.?\b)?|[\s,.|/:•·–—()+@-]+|\d+",
    _I,
)
YEAR_MENTION = re.compile(r"\b((?:19|20)\d{2})\b")
URL_DATE = re.compile(r"/((?:19|20)\d{2})[/-]([01]?\d)(?:[/-]([0-3]?\d))?(?=[/-]|$)")


@dataclass(frozen=True)
class PartialDate:
    """A date as written: any part may be missing; weekday kept to recover a missing year."""

    year: int | None
    month: int | None
    day: int | None
    weekday: int | None = None
    span: tuple[int, int] = (0, 0)
    ambiguous: bool = False  # numeric n/n/yyyy with both numbers <= 12: day-first assumed
    # other valid (year, month, day) readings of a numeric date with a two-digit year ('24/10/25' is 25 Oct 2024
    # written year first, or 24 Oct 2025 day first): resolve() lets the years the text mentions choose
    readings: tuple[tuple[int, int, int], ...] = ()


# Every date pattern needs a digit; some need a year's "19"/"20" (read from the patterns, regex_prefilter):
# lines without them are not searched (find_date is asked about every short line of every page).
_DIGIT = re.compile(r"\d")
_NEEDS = [words if words and not any(ch.isalpha() for w in words for ch in w) else None
          for words in map(required_words, DATE_PATTERNS)]
# The numeric d/m/yy pattern (no literal word) needs a digit, '.' or '/', a digit: its scan of every line with a digit
# was the dearest of find_date's (0.058 of 0.19 s over sample1000's 1,950 such lines).
_NUMERIC_DMY = DATE_PATTERNS.index(next(p for p in DATE_PATTERNS if "year2" in p.groupindex))
_DIGIT_SEP_DIGIT = re.compile(r"\d[./]\d")


def find_date(text: str) -> PartialDate | None:
    """The first date expression in a string (pattern order prefers the most complete forms)."""
    best: PartialDate | None = None
    if not _DIGIT.search(text):
        return None
    numeric = _DIGIT_SEP_DIGIT.search(text) is not None
    for i, (pat, needs) in enumerate(zip(DATE_PATTERNS, _NEEDS)):
        if needs is not None and not any(w in text for w in needs) or i == _NUMERIC_DMY and not numeric:
            continue
        m = pat.search(text)
        if not m:
            continue
        pd = _from_match(m)
        if pd is None:
            continue
        if best is None or _completeness(pd) > _completeness(best):
            best = pd
    return best


def _completeness(pd: PartialDate) -> int:
    return (pd.year is not None) * 4 + (pd.month is not None) * 2 + (pd.day is not None)


def _from_match(m: re.Match[str]) -> PartialDate | None:
    g = m.groupdict()
    year = int(g["year"]) if g.get("year") else None
    if g.get("year2"):  # dd/mm/yy: only with a separator the year cannot be read as a clock time
        year = 2000 + int(g["year2"])
    ambiguous = False
    if g.get("month"):
        month = MONTHS.get(g["month"].lower().rstrip("."))
    elif g.get("mnum"):
        month = int(g["mnum"])
    else:
        month = None
    day = int(g["day"]) if g.get("day") else None
    readings: tuple[tuple[int, int, int], ...] = ()
    if g.get("dnum"):  # numeric D.M.Y or M/D/Y: day first unless impossible
        a, b = int(g["dnum"]), int(g["mnum"])
        day, month = (a, b) if b <= 12 else (b, a)
        ambiguous = a <= 12 and b <= 12 and a != b
        if g.get("year2"):
            readings = _two_digit_readings(a, b, int(g["year2"]))
    wday = WEEKDAYS.get(g["wday"].lower().rstrip(".")) if g.get("wday") else None
    if month is None or not 1 <= month <= 12 or (day is not None and not 1 <= day <= 31):
        return None
    if year is None and day is None:
        return None
    if readings and len(readings) == 1:
        readings = ()
    return PartialDate(year, month, day, wday, m.span(), ambiguous, readings)


def _two_digit_readings(a: int, b: int, c: int) -> tuple[tuple[int, int, int], ...]:
    """Every valid calendar reading of 'a/b/c' with a two-digit year: day first, month first, year first."""
    out: list[tuple[int, int, int]] = []
    for y, mo, d in ((2000 + c, b, a), (2000 + c, a, b), (2000 + a, b, c)):
        if _valid(y, mo, d) and (y, mo, d) not in out:
            out.append((y, mo, d))
    return tuple(out)


def _settle_reading(pd: PartialDate, context: str) -> PartialDate:
    """A two-digit-year date that reads validly several ways is read day first unless the text never mentions
    that year and the latest year it mentions is that of exactly one other reading (a page dated '24/10/25'
    whose body speaks of 2024 and never of 2025 wrote it year first); a weekday written with the date decides first."""
    if not pd.readings:
        return pd
    if pd.weekday is not None:  # 'Fri 24/10/25': the weekday written with it picks the reading
        fits = [r for r in pd.readings if date(*r).weekday() == pd.weekday]
        if len(fits) == 1:
            return PartialDate(*fits[0], pd.weekday, pd.span, False, ())
    mentioned = years_mentioned(context)
    if not mentioned:
        return pd
    if pd.year in mentioned:
        return pd
    others = [r for r in pd.readings if r[0] in mentioned and r[0] != pd.year]
    if len(others) != 1 or others[0][0] != max(mentioned):  # and no later year: the page's own year
        return pd
    y, mo, d = others[0]
    return PartialDate(y, mo, d, pd.weekday, pd.span, False, ())


_UNAMBIGUOUS_NUMERIC = re.compile(r"\b([0-3]?\d)[./]([0-3]?\d)[./](?:19|20)?\d{2}\b")
_MONTH_FIRST = re.compile(rf"\b{_MONTH}\s+[0-3]?\d(?:st|nd|rd|th)?,?\s+(?:19|20)\d{{2}}\b", _I)
_DAY_FIRST = re.compile(rf"\b[0-3]?\d(?:st|nd|rd|th|\.)?\s+(?:of\s+)?{_MONTH},?\s+(?:19|20)\d{{2}}\b", _I)


def month_first(text: str) -> bool | None:
    """Whether the page writes numeric dates month first (US style): unambiguous numeric dates decide,
    else the order of the dates it writes with month names; None when the page gives no evidence."""
    mdy = dmy = 0
    for a, b in _UNAMBIGUOUS_NUMERIC.findall(text):
        a_, b_ = int(a), int(b)
        mdy += a_ <= 12 < b_ <= 31
        dmy += b_ <= 12 < a_ <= 31
    if mdy != dmy:
        return mdy > dmy
    mf, df = len(_MONTH_FIRST.findall(text)), len(_DAY_FIRST.findall(text))
    if mf != df:
        return mf > df
    return None


def with_page_order(pd: PartialDate, text: str) -> PartialDate | None:
    """An ambiguous numeric date (04/05/2020) read in the order the page writes its other dates; None when
    the page gives no evidence either way (a wrong day is worse than none)."""
    if not pd.ambiguous or pd.day is None:
        return pd
    order = month_first(text)
    if order is None:
        return None
    if not order:
        return pd
    return PartialDate(pd.year, pd.day, pd.month, pd.weekday, pd.span, False)


PUBLISHED_LABEL = re.compile(r"\b(published|posted|created|originally|release date|date|issued)\b", _I)
UPDATED_LABEL = re.compile(r"\b(updated|modified|edited|last (updated|modified|edited)|revised)\b", _I)


def published_in_line(line: str) -> tuple[PartialDate | None, bool]:
    """The publication date a header line gives, and whether it is only an update date.

    A line may carry several dates ("Published 3 May 2021 | Updated 4 May 2021", "Last updated 4 Jun 2020,
    originally created 17 Jun 2019"): the line is split at its labels and a date after a publication label
    wins, then an unlabelled one; a date that only follows an update label comes last."""
    cuts = sorted([(m.start(), "pub") for m in PUBLISHED_LABEL.finditer(line)]
                  + [(m.start(), "upd") for m in UPDATED_LABEL.finditer(line)])
    bounds = [(0, None)] + cuts
    found: dict[str | None, PartialDate] = {}
    for i, (start, label) in enumerate(bounds):
        end = bounds[i + 1][0] if i + 1 < len(bounds) else len(line)
        pd = find_date(line[start:end])
        if pd is not None and label not in found:
            found[label] = pd
    for label in ("pub", None):
        if label in found:
            return found[label], False
    return found.get("upd"), "upd" in found


def date_bar(text: str) -> PartialDate | None:
    """A line that is only a date (with a weekday, time or 'Updated' label): the page's date bar."""
    if len(text) > 80:
        return None
    pd = find_date(text)
    if pd is None:
        return None
    rest = text[: pd.span[0]] + " " + text[pd.span[1]:]
    rest = _BAR_FILLER.sub(" ", rest)
    rest_words = [w for w in rest.split() if w.lower().rstrip(".") not in WEEKDAYS]
    return pd if not rest_words else None


def resolve(pd: PartialDate, context: str = "") -> tuple[str | None, str]:
    """ISO date and precision; a missing year comes from the weekday and the years the text mentions."""
    pd = _settle_reading(pd, context)
    if pd.year is not None:
        if pd.month is None:
            return f"{pd.year:04d}", "year"
        if pd.day is None:
            return f"{pd.year:04d}-{pd.month:02d}", "month"
        if not _valid(pd.year, pd.month, pd.day):
            return f"{pd.year:04d}-{pd.month:02d}", "month"
        return f"{pd.year:04d}-{pd.month:02d}-{pd.day:02d}", "day"
    if pd.weekday is None or pd.month is None or pd.day is None:
        return None, "unknown"
    year = year_from_weekday(pd.month, pd.day, pd.weekday, years_mentioned(context))
    if year is None:
        return None, "unknown"
    return f"{year:04d}-{pd.month:02d}-{pd.day:02d}", "day"


def years_mentioned(text: str) -> set[int]:
    """Four-digit years written in the text."""
    return {int(y) for y in YEAR_MENTION.findall(text)}


def year_from_weekday(month: int, day: int, weekday: int, mentioned: set[int]) -> int | None:
    """The year, among those mentioned and their neighbours, in which month/day falls on weekday.

    One fitting year gives the answer. With several, the one closest after the latest mentioned year is
    taken only if it is the single nearest to it; otherwise the year stays unknown.
    """
    candidates = sorted({y + d for y in mentioned for d in (-1, 0, 1)})
    fits = [y for y in candidates if _valid(y, month, day) and date(y, month, day).weekday() == weekday]
    if len(fits) == 1:
        return fits[0]
    if not fits:
        return None
    latest = max(mentioned)
    ranked = sorted(fits, key=lambda y: (abs(y - latest), -y))
    if abs(ranked[0] - latest) < abs(ranked[1] - latest):
        return ranked[0]
    return None


_FIELD_LINE = re.compile(r"^\s*[A-Za-z_][\w -]{0,30}\s*[:=]\s*[\"']?(?:(?:19|20)\d{2}-\d{2}-\d{2}|https?://)")


def is_field_line(line: str) -> bool:
    """A metadata field kept from front matter ('date: 2020-12-01', "published_time = '2025-03-19 ...'",
    'source: https://...'): data about the page, not a date written in its text."""
    return bool(_FIELD_LINE.match(line))


def _valid(y: int, m: int, d: int) -> bool:
    try:
        date(y, m, d)
    except ValueError:
        return False
    return True


def date_from_url(url: str | None) -> tuple[str | None, str]:
    """A date in the URL path (/2023/06/30/ gives a day, /2023/06/ a month)."""
    if not url:
        return None, "unknown"
    m = URL_DATE.search(url)
    if not m:
        return None, "unknown"
    y, mo = int(m.group(1)), int(m.group(2))
    if not 1 <= mo <= 12:
        return None, "unknown"
    if m.group(3) and _valid(y, mo, int(m.group(3))):
        return f"{y:04d}-{mo:02d}-{int(m.group(3)):02d}", "day"
    return f"{y:04d}-{mo:02d}", "month"


_IMAGE_URL = re.compile(r"!\[[^\]]*\]\(\s*<?([^)\s>]+)")


def upload_month(markdown: str) -> tuple[str | None, str]:
    """The month of the latest upload path among the page's embedded images (/upload/images/2022/12/1/...,
    /wp-content/uploads/2022/12/): pictures are put up for the article, so it was written that month or just after.
    Links are left out: they point at older pages. Month precision: an upload day is not the publication day."""
    months = [date_from_url(u)[0] for u in _IMAGE_URL.findall(markdown)]
    months = [m[:7] for m in months if m]
    return (max(months), "month") if months else (None, "unknown")


ISO_GIVEN = re.compile(r"^\s*((?:19|20)\d{2})(?:-(\d{1,2})(?:-(\d{1,2}))?)?(?:[T ][\d:.+\-Z]*)?\s*$")


def normalise_given(value: str | None, context: str = "") -> tuple[str | None, str]:
    """A date given as metadata: ISO forms keep their own precision; other forms are parsed as text."""
    if not value or not str(value).strip():
        return None, "unknown"
    value = str(value)
    m = ISO_GIVEN.match(value)
    if m:
        y, mo, d = m.group(1), m.group(2), m.group(3)
        if d and _valid(int(y), int(mo), int(d)):
            return f"{y}-{int(mo):02d}-{int(d):02d}", "day"
        if mo and 1 <= int(mo) <= 12:
            return f"{y}-{int(mo):02d}", "month"
        return y, "year"
    pd = find_date(value)
    if pd is not None:
        return resolve(pd, context)
    m = YEAR_MENTION.search(value)
    return (m.group(1), "year") if m else (None, "unknown")

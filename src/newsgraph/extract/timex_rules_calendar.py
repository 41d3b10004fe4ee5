"""Tagger rules for calendar expressions: full and partial dates, months, years, decades, quarters, seasons, holidays."""
from __future__ import annotations

import re
from datetime import date, timedelta

from .timex_vocab import _DAY_RE, _MONTH_RE, _MONTH_SAFE, _NOT_PLURAL, _ORDINALS, _PLURAL_NOUN_AFTER, _SEASONS, _SPELLED_YEAR_RE, _WD_ABBR_RE, _WD_RE, _WEEKDAYS, _YEAR_ANY_RE, _YEAR_RE
from .timex_calendar import _closest_year, _month_day_year, _num, _prev_quarter, _quarter
from .timex_context import _Ctx, _LONGER_PERIOD, _Rule, _g, _is_future, _month_of, _results_quarter, _sentence, _year_of


_NAMED_BY_NUMBER = re.compile(r"\b(?:resolutions?|decree|flight|route|highway|paragraph|section|article|item|no\.|number)\s+$",
                              re.I)


def calendar_rules() -> list[_Rule]:
    """Rules for expressions naming a calendar period; tried before the relative ones (earlier wins ties)."""
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
    # 'In 2014 troops entered': after a time preposition the number is the year even before a plural noun
    _YEAR_PREP_BEFORE = re.compile(r"\b(?:in|since|by|until|till|from|during|before|after|through)\s+$", re.I)

    def year_ok(c: _Ctx) -> bool:
        s, e = c.m.start(), c.m.end()
        before = c.text[max(0, s - 2):s]
        if re.search(r"[$€£#\d,.]\s?$", before) and not re.search(r"[,.]\s$", before):
            return False
        after = c.text[e:e + 20]
        if re.match(r"\s*(?:%|percent|per\s*cent|[.,]\d|\d|:\d)", after):
            return False
        nxt = _PLURAL_NOUN_AFTER.match(after)
        if nxt and nxt.group().strip().lower() not in _NOT_PLURAL and not _YEAR_PREP_BEFORE.search(c.text, max(0, s - 12), s):
            return False
        return not _NAMED_BY_NUMBER.search(c.text, max(0, s - 20), s)  # 'resolution 1970', 'Flight 1549'

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
    return rules

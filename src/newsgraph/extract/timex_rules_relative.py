"""Tagger rules for relative expressions: deictic days, weekdays, clock times, periods, ago, durations, vague references, sets."""
from __future__ import annotations

import calendar
import re
from datetime import date, timedelta

from .timex_vocab import _MODIFIER_RE, _MONTHS, _MONTH_SAFE, _NUMWORD, _NUM_RE, _PARTS, _UNIT_RE, _VAGUE_RE, _WD_RE, _WEEKDAYS
from .timex_calendar import _add_months, _duration, _iso_week, _num, _shift, _weekday_date
from .timex_context import _Ctx, _Rule, _g, _is_future, _ordinal_second, _results_quarter


def relative_rules() -> list[_Rule]:
    """Rules for expressions read against the anchor or not anchored at all (durations, sets, vague references)."""
    rules: list[_Rule] = []

    def add(name, pattern, typ, resolve=None, fixed=None, accept=None, flags=re.I):
        rules.append(_Rule(name, re.compile(pattern, flags), typ, resolve, fixed, accept))

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

    def ago_exact(c: _Ctx, a: date) -> str:
        n = int(_num(_g(c, "n")) or 1)
        unit = _g(c, "unit").lower()
        if unit == "day":
            return (a - timedelta(days=n)).isoformat()
        if unit == "week":
            return (a - timedelta(weeks=n)).isoformat()
        y, m = _add_months(a.year, a.month, -n * (12 if unit == "year" else 1))
        return date(y, m, min(a.day, calendar.monthrange(y, m)[1])).isoformat()

    # "exactly a year ago": an anniversary, the same day that many units before
    add("ago_exact", rf"\b(?:exactly|precisely)\s+(?P<n>{_NUM_RE})[\s-]+(?P<unit>day|week|month|year)s?\s+ago\b", "DATE",
        resolve=ago_exact)
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

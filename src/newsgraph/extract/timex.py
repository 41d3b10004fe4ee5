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

import re
from typing import Iterator

from newsgraph.records import Timex

from .timex_vocab import _NUMWORD, _UNIT_RE
from .timex_calendar import _merge, _parse_anchor
from .timex_context import _Ctx, _Rule
from ..regex_prefilter import fold
from .regex_segments import SegmentedPattern, TextScan, WordIndex
from .timex_rules_calendar import calendar_rules
from .timex_rules_relative import relative_rules

_RULES = calendar_rules() + relative_rules()

# rules whose match should win over others at equal length (more specific first)
_PRIORITY = {r.name: i for i, r in enumerate(_RULES)}
# per rule, its pattern scanned only where it can match: the segments of a text (cut at punctuation the pattern
# never reads) that hold one of the words every match contains; a rule is not run on a text without any of them
_SCANS = [SegmentedPattern(r.pattern) for r in _RULES]
_WORDS = WordIndex(_SCANS)  # their words, looked for in a text in one pass


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
    scan = TextScan(text, fold(text), _WORDS)
    for rule, pattern in zip(_RULES, _SCANS):
        has_tx = "tx" in rule.pattern.groupindex
        for m in pattern.finditer(text, scan):
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

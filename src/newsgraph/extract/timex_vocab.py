"""Words and patterns the date/time tagger reads: month, weekday, number and unit names, tense cues."""
from __future__ import annotations

import re



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
# a count, not a year: '1857 people', '2000 troops' (regular plurals, and the irregular ones news counts)
_PLURAL_NOUN_AFTER = re.compile(r"\s+(?-i:[a-z]{3,}s|people|men|women|children|police|personnel|staff|cattle|livestock"
                                r"|sheep|fish|deer|aircraft|militia|infantry|feet|teeth|mice|geese|oxen|dice)\b")
_NOT_PLURAL = {"was", "has", "is", "as", "this", "thus", "its", "his", "towards", "plus", "besides", "whereas"}

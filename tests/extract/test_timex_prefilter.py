"""The date tagger skips rules that cannot match a text (regex_prefilter.py) and scans a rule only in the
segments of a text where it can match (extract/regex_segments.py): same matches, fewer scans."""
from __future__ import annotations

import re
import sys
from pathlib import Path

import pytest

from newsgraph.extract import timex
from newsgraph.extract.regex_segments import SegmentedPattern, TextScan, separators
from newsgraph.regex_prefilter import fold, required_words

SHARED = Path(__file__).resolve().parents[2].parent / "shared"
TEXTS = sorted([*(SHARED / "seeds").glob("*.md"), *(SHARED / "seeds").glob("*.txt"),
                *(SHARED / "dev" / "texts").glob("*")])
TEMPEVAL = sorted((SHARED / "benchmarks" / "tempeval3").rglob("*.tml"))[:60]


def test_fold_keeps_every_place_and_folds_as_ignorecase_does():
    every = "".join(chr(c) for c in range(sys.maxunicode + 1) if not 0xD800 <= c < 0xE000)
    letters = set(re.findall("[a-z]", every, re.I))  # every character re.I lets an ASCII letter match
    folded = fold("".join(sorted(letters)))
    assert len(folded) == len(letters)
    for ch, low in zip(sorted(letters), folded):
        assert "a" <= low <= "z" and re.fullmatch(low, ch, re.I), ch
    assert fold("Mon\u00e9 İstanbul") == "mon\u00e9 istanbul"


def test_required_words_are_read_from_the_pattern():
    assert required_words(re.compile(r"\b(?:(?:early|late)\s+)?(?P<w>today|yesterday)\b", re.I)) == {"today", "yesterday"}
    assert required_words(re.compile(r"\b(\d+)\s+(?:days?|weeks?)\s+ago\b", re.I)) == {"ago"}
    assert required_words(re.compile(r"\b(?:now|so\s+far)?\b", re.I)) is None  # all optional: no requirement
    assert required_words(re.compile(r"\b\d{4}(?=\s+(?:model|fiscal))", re.I)) == {"model", "fiscal"}


def _texts() -> list[str]:
    out = [p.read_text(encoding="utf-8") for p in TEXTS if p.is_file()]
    out += [re.sub(r"<[^>]+>", "", p.read_text(encoding="utf-8")) for p in TEMPEVAL]
    return out


@pytest.mark.skipif(not TEXTS, reason="shared seeds/dev not present at ../shared")
def test_the_prefilter_changes_no_candidate(monkeypatch):
    texts = _texts()
    with_filter = [[(c[:3], c[5:]) for c in timex._candidates(t)] for t in texts]
    monkeypatch.setattr(timex, "_SCANS", [_Whole(r.pattern) for r in timex._RULES])
    without = [[(c[:3], c[5:]) for c in timex._candidates(t)] for t in texts]
    assert with_filter == without
    assert sum(map(len, without)) > 500  # real texts with many dates
    skipped = sum(1 for t in texts for w in required_words_of_rules() if w and not any(x in fold(t) for x in w))
    assert skipped > len(texts)  # rules are skipped on most texts


def required_words_of_rules() -> list:
    return [required_words(r.pattern) for r in timex._RULES]


class _Whole:
    """A rule's pattern scanned over the whole text, as before any prefilter."""

    def __init__(self, regex: re.Pattern[str]) -> None:
        self.regex = regex

    def finditer(self, text: str, scan: object) -> object:
        return self.regex.finditer(text)


def test_separators_are_what_no_match_or_lookaround_can_read():
    plain = separators(re.compile(r"\b\d+\s+days?\b", re.I))
    assert "%" in plain and "%" not in separators(re.compile(r"\b\d+\s+days?\b(?!\s*%)", re.I))  # lookahead reads it
    seps = separators(re.compile(r"\b(?P<h>\d\d?)[:.](?P<m>\d\d)\s*(?:a\.m\.|p\.m\.)", re.I))
    assert ":" not in seps and "." not in seps and '"' in seps and "(" in seps and "," in seps
    assert separators(re.compile(r"(?:now)?")) == ""  # matches the empty string: no segments
    assert separators(re.compile(r"\d+ days$")) == ""  # the end of the text is not the end of a segment


@pytest.mark.skipif(not TEXTS, reason="shared seeds/dev not present at ../shared")
def test_segment_scans_find_what_whole_text_scans_find():
    texts = _texts()[:50]
    scans = [SegmentedPattern(r.pattern) for r in timex._RULES]
    assert sum(s.cut is not None for s in scans) > 40  # most rules are scanned in segments
    found = 0
    for text in texts:
        scan = TextScan(text, fold(text))
        for rule, seg in zip(timex._RULES, scans):
            whole = [(m.span(), m.groups()) for m in rule.pattern.finditer(text)]
            assert [(m.span(), m.groups()) for m in seg.finditer(text, scan)] == whole, rule.name
            found += len(whole)
    assert found > 500


def test_factor_sets_join_literals_across_small_classes():
    from newsgraph.extract.regex_factors import factor_sets

    clock = factor_sets(re.compile(r"\b(?:1[0-2]|0?[1-9])\s*(?:[ap]\.\s?m\.?|[ap]m\b)", re.I))
    assert frozenset({"a.", "p.", "am", "pm"}) in clock
    decade = factor_sets(re.compile(r"\b(?:the\s+)?(?P<y>1[6-9]\d0|20[0-9]0)'?s\b", re.I))
    assert any(all(w.endswith(("0s", "0's")) for w in words) for words in decade)  # '1990s', "2010's"
    assert factor_sets(re.compile(r"\b(?:now|so\s+far)?\b", re.I)) == []  # all optional: nothing required
    assert all("" not in s for s in factor_sets(re.compile(r"x?y*(?:ab|c)", re.I)))


@pytest.mark.skipif(not TEXTS, reason="shared seeds/dev not present at ../shared")
def test_every_match_holds_a_word_of_each_set_its_scan_may_choose():
    for text in _texts():
        for rule, scan in zip(timex._RULES, timex._SCANS):
            for m in rule.pattern.finditer(text):
                for words in scan.choices:
                    assert any(w in (fold(m.group()) if w == w.lower() else m.group()) for w in words), (rule.name, m)

"""The date tagger skips rules that cannot match a text (regex_prefilter.py): same matches, fewer scans."""
from __future__ import annotations

import re
import sys
from pathlib import Path

import pytest

from newsgraph.extract import timex
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
    monkeypatch.setattr(timex, "_REQUIRED", [None] * len(timex._RULES))
    without = [[(c[:3], c[5:]) for c in timex._candidates(t)] for t in texts]
    assert with_filter == without
    assert sum(map(len, without)) > 500  # real texts with many dates
    skipped = sum(1 for t in texts for w in required_words_of_rules() if w and not any(x in fold(t) for x in w))
    assert skipped > len(texts)  # rules are skipped on most texts


def required_words_of_rules() -> list:
    return [required_words(r.pattern) for r in timex._RULES]

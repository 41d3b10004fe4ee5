"""The literal words that let contradiction cues skip their patterns (resolve.contradiction_words): a folded text holds
every literal a case-insensitive match holds, so skipping never changes a cue."""
from __future__ import annotations

import re
import sys

from newsgraph.resolve import contradiction_words as words
from newsgraph.resolve import contradictions as c


def test_every_letter_ignorecase_takes_for_an_ascii_one_folds_to_it() -> None:
    letter = re.compile("[a-z]", re.I)
    for cp in range(128, sys.maxunicode + 1):
        ch = chr(cp)
        if letter.fullmatch(ch):
            assert words.folded(ch).isascii() and re.fullmatch(words.folded(ch), ch, re.I), hex(cp)


def test_a_pattern_matches_only_texts_holding_one_of_its_words() -> None:
    texts = ["He was NOT İnvolved in the ATTACK in Kyiv", "They have never been ſeen since the Coup",
             "It wıll send troops; the government has STARTED talks", "He had nothing to do with it, rather than that",
             "It was not officially confirmed", "Officials say they are not mercenaries but instructors",
             "The KILLING was no role in it", "they didn’t confirm", "they didn't confirm", "Wagner arrived first",
             "In 2021 the junta requested help", "an uprising, a RAID and a massacre", "plain text without cues"]
    pairs = [(c._DENIAL, words.DENIAL), (c._NEGATION, words.NEGATION), (c._COPULAR_NEG, words.COPULAR_NEG),
             (c._EVENT_PLACE, c._EVENT_NOUNS), (c._DISAVOW, words.DISAVOW), (c._DURATION_FRAME, words.DURATION),
             (c._ONSET, words.ONSET), (c._NEWS_OF_START, words.NEWS_OF_START)]
    matched = 0
    for text in texts:
        low = words.folded(text)
        for rx, literal in pairs:
            if rx.search(text):
                matched += 1
                assert words.holds(low, literal), (rx.pattern[:40], text)
    assert matched >= 12 and not any(words.holds(words.folded(texts[-1]), lit) for _, lit in pairs[3:5])

"""Scan only the parts of a text where a pattern can match: a pattern that can never read some punctuation (a
quote mark, a bracket) cannot match across it, so the text falls into segments, and only the segments holding
one of the pattern's required words (regex_prefilter.required_words) are scanned. Same matches as a scan of the
whole text, read from the compiled pattern itself (never a guess); the date tagger's 53 rules scan ~1/5 of a
body instead of all of it."""
from __future__ import annotations

import re
import string
from bisect import bisect_left
from re import _compiler, _parser
from re import _constants as c
from typing import Iterator

from ..regex_prefilter import required_words
from .regex_factors import factor_sets

try:
    from ahocorasick_rs import AhoCorasick
except ImportError:  # pragma: no cover - the optional speed-up is missing: every word is counted by str.count
    AhoCorasick = None

# The characters that may cut a text into segments: punctuation that is never a word character. A character left
# out only makes segments longer (more scanning), never changes a match.
_SEPARATORS = "".join(ch for ch in string.punctuation + "\u2018\u2019\u201a\u201b\u201c\u201d\u201e\u201f\u00ab\u00bb"
                      "\u2039\u203a\u2013\u2014\u2015\u2026\u2022\u00b7\u00a7\u00b6\u00a9\u00ae\u2122\u00d7\u00f7"
                      "\u20ac\u00a3\u00a5\u20a6\u20b9\u00a2\u00b0\u2032\u2033"
                      if not re.match(r"\w", ch))
_DENSE = 40  # more than one required word in 40 characters: scan the whole text
# Assertions that answer the same at a segment's end (the end of the scanned stretch) as before a separator.
_SAFE_AT = {c.AT_BOUNDARY, c.AT_NON_BOUNDARY, c.AT_BEGINNING, c.AT_BEGINNING_LINE, c.AT_BEGINNING_STRING,
            c.AT_UNI_BOUNDARY, c.AT_UNI_NON_BOUNDARY, c.AT_LOC_BOUNDARY, c.AT_LOC_NON_BOUNDARY}


class _Unsupported(Exception):
    """A pattern whose matches could differ when scanned segment by segment (an end-of-text assertion...)."""


def _readers(items, out: list) -> None:  # type: ignore[no-untyped-def]
    """Every operation of a parsed pattern that reads (consumes) one character, lookarounds included."""
    for op, av in items:
        if op in (c.LITERAL, c.NOT_LITERAL, c.IN, c.ANY, c.CATEGORY):
            out.append((op, av))
        elif op is c.SUBPATTERN:
            _readers(av[3], out)
        elif op is c.ATOMIC_GROUP:
            _readers(av, out)
        elif op is c.BRANCH:
            for branch in av[1]:
                _readers(branch, out)
        elif op in (c.MAX_REPEAT, c.MIN_REPEAT, c.POSSESSIVE_REPEAT):
            _readers(av[2], out)
        elif op in (c.ASSERT, c.ASSERT_NOT):
            _readers(av[1], out)
        elif op is c.AT:
            if av not in _SAFE_AT:
                raise _Unsupported(av)
        else:  # a group reference, a conditional: not worth reasoning about
            raise _Unsupported(op)


def separators(pattern: re.Pattern[str]) -> str:
    """The punctuation no match of pattern (nor its lookarounds) can read: "" when none, or for a pattern whose
    matches could differ when scanned in segments (it can match the empty string, asserts the end of the text)."""
    parsed = _parser.parse(pattern.pattern, pattern.flags)
    if parsed.getwidth()[0] < 1:
        return ""
    found: list = []
    try:
        _readers(parsed, found)
    except _Unsupported:
        return ""
    # each reader compiled alone, case-insensitive and Unicode-wide: it accepts at least what it does in pattern
    flags = (pattern.flags | re.IGNORECASE) & ~re.ASCII
    accepted: set[str] = set()
    for r in found:
        accepted |= _accepted(r, parsed.state, flags)
    return "".join(ch for ch in _SEPARATORS if ch not in accepted)


# (a reader's repr, the flags it is compiled with) -> the separators it accepts. The date rules' 53 patterns hold 8,122
# readers but ~1,300 distinct per pattern and fewer across them: compiling and testing each reader once was 0.17 s
# of the ~0.35 s CPU that importing the date tagger cost every analysis worker.
_ACCEPTS: dict[tuple[str, int, int], frozenset[str]] = {}


def _accepted(reader: tuple, state: _parser.State, flags: int) -> frozenset[str]:
    """The separators one reader (a pattern operation reading one character) accepts, compiled alone."""
    key = (repr(reader), flags, state.flags)
    found = _ACCEPTS.get(key)
    if found is None:
        test = _compiler.compile(_parser.SubPattern(state, [reader]), flags)
        found = _ACCEPTS[key] = frozenset(ch for ch in _SEPARATORS if test.fullmatch(ch))
    return found


class SegmentedPattern:
    """A compiled pattern scanned only in the segments of a text where it can match."""

    __slots__ = ("regex", "words", "choices", "cut")

    def __init__(self, regex: re.Pattern[str]) -> None:
        self.regex = regex
        self.words = required_words(regex)
        # every set of words one of which each match holds; a text is scanned around the set it holds least
        # (a clock's 'a.'/'am'/'pm' rather than its 'm': 999 bench texts, the four rules that scanned every text
        # whole took 0.49 s)
        self.choices = _strongest(([self.words] if self.words else []) + factor_sets(regex))
        seps = separators(regex) if self.choices else ""
        self.cut = re.compile("[" + re.escape(seps) + "]") if seps else None

    def finditer(self, text: str, scan: "TextScan") -> Iterator[re.Match[str]]:
        """regex.finditer(text), the same matches in the same order."""
        if not self.choices:
            yield from self.regex.finditer(text)
            return
        spans = scan.spans(self)
        if spans is None:
            yield from self.regex.finditer(text)
            return
        for a, b in spans:
            yield from self.regex.finditer(text, a, b)


class TextScan:
    """One text, with what its segment scans share: how often and where each required word occurs."""

    __slots__ = ("text", "folded", "_n", "_at", "_reversed", "_found", "_hits")

    def __init__(self, text: str, folded: str, words: "WordIndex | None" = None) -> None:
        self.text = text
        self.folded = folded
        # how often each word occurs: those the index finds nowhere in the text are 0 from the start
        self._n: dict[str, int] = words.absent(text, folded) if words is not None else {}
        self._at: dict[str, list[int]] = {}
        self._reversed: str | None = None  # the text backwards, to find the separator before a word
        self._found: dict[frozenset[str], int] = {}  # per set of words (rules share them): how often they occur
        self._hits: dict[frozenset[str], list[int]] = {}  # and where, in order

    def count(self, word: str) -> int:
        """How often word occurs (without overlaps: enough to tell a rare word from a frequent one)."""
        n = self._n.get(word)
        if n is None:
            n = self._n[word] = (self.folded if word == word.lower() else self.text).count(word)
        return n

    def occurrences(self, word: str) -> list[int]:
        """Where word occurs (overlaps included); looked for folded unless it has a capital."""
        at = self._at.get(word)
        if at is None:
            if self._n.get(word) == 0:
                return []  # counted (or indexed) absent: no pass over the text (most words of a chosen set are absent)
            hay = self.folded if word == word.lower() else self.text
            at = []
            i = hay.find(word)
            while i >= 0:
                at.append(i)
                i = hay.find(word, i + 1)
            self._at[word] = at
        return at

    def spans(self, pattern: SegmentedPattern) -> list[tuple[int, int]] | None:
        """The stretches to scan (whole segments holding a required word, in order, disjoint), or None when
        scanning the whole text is as cheap."""
        if pattern.cut is None:
            return None
        words, found = None, 0
        for choice in pattern.choices:
            n = self._found.get(choice)
            if n is None:
                n = 0
                for w in choice:
                    n += self.count(w)
                    if words is not None and n >= found:
                        break  # no rarer than the set chosen so far: the rest need not be counted (each a pass)
                else:
                    self._found[choice] = n  # (only a full count is kept)
            if not n:
                return []
            if words is None or n < found:
                words, found = choice, n
        if found * _DENSE > len(self.text):
            return None  # a word met everywhere ("s"): nearly every segment would be scanned anyway
        hits = self._hits.get(words)  # type: ignore[arg-type]
        if hits is None:
            hits = self._hits[words] = sorted(i for w in words for i in self.occurrences(w))  # type: ignore[union-attr]
        # Each segment's ends are searched from its word, forwards in the text and backwards in the reversed text:
        # listing every separator of the text per set of separators instead was 0.1 s CPU per 1,000 bench texts.
        text, cut, end = self.text, pattern.cut, len(self.text)
        backwards = self._reversed
        if backwards is None:
            backwards = self._reversed = text[::-1]
        out: list[tuple[int, int]] = []
        j = 0
        while j < len(hits):
            hit = hits[j]
            after = cut.search(text, hit)  # the first separator after the word (never inside it)
            b = after.start() if after is not None else end
            before = cut.search(backwards, end - hit)  # the last one before it: backwards[r] is text[end - 1 - r]
            out.append((end - before.start() if before is not None else 0, b))
            j = bisect_left(hits, b, j + 1)  # the next word in a later segment
        return out


class WordIndex:
    """The words of a fixed set of patterns, looked for in a text in one overlapping Aho-Corasick pass (ahocorasick-rs):
    TextScan.count counted each word with a pass of str.count over the text, and of the ~280 words the date rules
    count in a bench text ~87% occur nowhere in it (999 bench texts: TextScan.spans 0.92 s CPU, str.count ~0.4 s
    of it). A word the pass does not find has no occurrence, so its count is 0 as str.count would give; the words
    found are still counted by str.count: the same counts, segments and matches. Words under three characters
    ('s', 'am', 'pm') stay with str.count: they are in most texts, and each of their many matches would cost a
    Python string. Without ahocorasick-rs, every word is counted as before."""

    def __init__(self, patterns: "list[SegmentedPattern]") -> None:
        words = {w for p in patterns for choice in p.choices for w in choice if len(w) >= 3}
        self.words = frozenset(words) if AhoCorasick is not None else frozenset()
        folded = sorted(w for w in self.words if w == w.lower())  # looked for in the folded text
        cased = sorted(w for w in self.words if w != w.lower())  # looked for as written
        self._folded = AhoCorasick(folded) if folded else None
        self._cased = AhoCorasick(cased) if cased else None

    def absent(self, text: str, folded: str) -> dict[str, int]:
        """Each of the index's words that the text does not hold, with its count: 0."""
        if not self.words:
            return {}
        found = set(self._folded.find_matches_as_strings(folded, overlapping=True)) if self._folded else set()
        if self._cased is not None:
            found.update(self._cased.find_matches_as_strings(text, overlapping=True))
        return dict.fromkeys(self.words.difference(found), 0)


def _strongest(choices: list[frozenset[str]]) -> tuple[frozenset[str], ...]:
    """The sets of words no other set implies (each of whose words holds one of theirs): fewer to count per text."""
    def implies(b: frozenset[str], a: frozenset[str]) -> bool:  # (a word with a capital is looked for as written)
        return all(any(x in y if x != x.lower() else x in y.lower() for x in a) for y in b)

    choices = sorted(dict.fromkeys(choices), key=len)
    kept = [a for k, a in enumerate(choices)
            if not any(b is not a and implies(b, a) and (not implies(a, b) or j < k) for j, b in enumerate(choices))]
    # the rarest-looking first (longest shortest word, fewest words): TextScan.spans stops counting a set once it
    # holds more than the best before it
    return tuple(sorted(kept, key=lambda s: (-min(map(len, s)), len(s))))

"""Which patterns can match a text at all: a pattern whose every match must contain one of a few words (read
from the compiled pattern itself) is not run on a text that contains none of them. Saves most of the regex
scans (the date tagger's 53 rules over every body, the furniture patterns over every line) without changing a
match: the test is a necessary condition, never a guess."""
from __future__ import annotations

import re
from re import _compiler, _parser
from re import _constants as c

# Characters that match an ASCII letter under re.IGNORECASE besides the letters themselves (checked over every
# code point in tests/extract/test_timex_prefilter.py), folded to that letter; str.lower() would not do
# ("İ".lower() is two characters), and the folded text must keep every character's place.
_FOLD = str.maketrans({**{chr(i): chr(i + 32) for i in range(65, 91)},
                       "\u0130": "i", "\u0131": "i", "\u017f": "s", "\u212a": "k"})


def fold(text: str) -> str:
    """The text as re.IGNORECASE compares ASCII letters: lower case, one character for one."""
    return text.lower() if text.isascii() else text.translate(_FOLD)


def required_words(pattern: re.Pattern[str]) -> frozenset[str] | None:
    """Words one of which every match of pattern contains, or None when no such set is found. A word with a
    capital comes from a case-sensitive part ("(?-i:May)") and is looked for as written; the others are
    looked for in the folded text.

    Read from the parsed pattern: a run of literal ASCII characters is a word; an alternation requires one
    word of each branch; a group, a repeat of at least one and a positive lookaround require what their
    content requires; anything else requires nothing. Of the sets a sequence requires, the most selective
    (longest shortest word) is kept."""
    return _required(_parser.parse(pattern.pattern, pattern.flags), bool(pattern.flags & re.IGNORECASE))


def _required(items, ignorecase: bool) -> frozenset[str] | None:  # type: ignore[no-untyped-def]
    found: list[frozenset[str]] = []
    run = ""
    for op, av in list(items) + [(None, None)]:
        if op is c.LITERAL and av < 128:
            run += chr(av).lower() if ignorecase else chr(av)
            continue
        if run:
            found.append(frozenset([run]))
            run = ""
        need = None
        if op is c.SUBPATTERN:
            _, add, remove, inner = av
            need = _required(inner, bool(add & c.SRE_FLAG_IGNORECASE)
                             or (ignorecase and not remove & c.SRE_FLAG_IGNORECASE))
        elif op is c.ATOMIC_GROUP:
            need = _required(av, ignorecase)
        elif op is c.BRANCH:
            branches = [_required(b, ignorecase) for b in av[1]]
            need = None if any(b is None for b in branches) else frozenset().union(*branches)  # type: ignore[misc]
        elif op in (c.MAX_REPEAT, c.MIN_REPEAT, c.POSSESSIVE_REPEAT):
            need = _required(av[2], ignorecase) if av[0] >= 1 else None
        elif op is c.ASSERT:
            need = _required(av[1], ignorecase)
        if need:
            found.append(need)
    if not found:
        return None
    return max(found, key=lambda words: (min(map(len, words)), -len(words)))


def can_match(words: frozenset[str] | None, text: str, folded: str) -> bool:
    """Whether a text holds one of a rule's required words (folded unless written with a capital); a rule
    without any may match anything."""
    return words is None or any(w in (folded if w == w.lower() else text) for w in words)


class Gated:
    """A compiled pattern whose search and match first check that the text holds one of its required words."""

    __slots__ = ("regex", "words", "_folded_words", "_cased_words", "_alternatives")

    def __init__(self, regex: re.Pattern[str]) -> None:
        self.regex = regex
        self.words = required_words(regex)
        # can_match's test, split once: the words looked for in the folded text and those looked for as written
        self._folded_words, self._cased_words = split_words(self.words)
        self._alternatives: tuple[tuple[tuple[str, ...], tuple[str, ...], re.Pattern[str]], ...] | None = None

    @property
    def pattern(self) -> str:
        return self.regex.pattern

    def can_match(self, text: str) -> bool:
        """can_match(self.words, text, fold(text)); map over str.__contains__ and the line's fold made once for
        all the patterns asked about it (furniture asks up to eight about every line) cost 2/3 of the generator's."""
        return self.words is None or _holds(text, self._folded_words, self._cased_words)

    def search(self, text: str, *args: int) -> re.Match[str] | None:
        return self.regex.search(text, *args) if self.can_match(text) else None

    def match(self, text: str, *args: int) -> re.Match[str] | None:
        return self.regex.match(text, *args) if self.can_match(text) else None

    def found(self, text: str) -> bool:
        """bool(self.search(text)), one top-level alternative at a time, each gated by its own required words: a
        line holding a word of one alternative runs that one alone (SUBSCRIPTION's 'email' or 'daily' no longer
        runs its 30 others over the line)."""
        if not self.can_match(text):
            return False
        for folded_words, cased_words, regex in self.branches():
            if (not folded_words and not cased_words or _holds(text, folded_words, cased_words)) \
                    and regex.search(text):
                return True
        return False


    def branches(self) -> tuple[tuple[tuple[str, ...], tuple[str, ...], re.Pattern[str]], ...]:
        """found's tests: each top-level alternative's required words, split (split_words), with its pattern (the
        whole pattern, without words, when it is not one alternation); made on first use."""
        if self._alternatives is None:
            self._alternatives = tuple((*split_words(words), regex) for words, regex in alternatives(self.regex)) \
                or (((), (), self.regex),)
        return self._alternatives


def alternatives(pattern: re.Pattern[str]) -> list[tuple[frozenset[str] | None, re.Pattern[str]]]:
    """The pattern cut at its top-level alternation, with the zero-width assertions around it ('\\b(a|b)\\b' gives
    '\\b(a)\\b' and '\\b(b)\\b'), each with its required words: a text holds a match of the pattern if and only
    if it holds a match of one of them. [] when the pattern is not one alternation between assertions."""
    parsed = _parser.parse(pattern.pattern, pattern.flags)
    items = list(parsed)
    inner = [i for i, (op, _) in enumerate(items) if op is not c.AT]
    if len(inner) != 1:
        return []
    at = inner[0]
    op, av = items[at]
    if op is c.SUBPATTERN and len(av[3]) == 1 and av[3][0][0] is c.BRANCH:
        group, add, remove, body = av
        branches = body[0][1][1]
    elif op is c.BRANCH:
        group, add, remove, branches = None, 0, 0, av[1]
    else:
        return []
    ignorecase = bool(pattern.flags & re.IGNORECASE)
    out = []
    for branch in branches:
        sub = _parser.SubPattern(parsed.state, items[:at] + [(c.SUBPATTERN, (group, add, remove, branch))]
                                 + items[at + 1:])
        out.append((_required(sub, ignorecase), _compiler.compile(sub, pattern.flags)))
    return out


def split_words(words: frozenset[str] | None) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """Required words as (looked for in the folded text, looked for as written)."""
    return tuple(w for w in words or () if w == w.lower()), tuple(w for w in words or () if w != w.lower())


def _holds(text: str, folded_words: tuple[str, ...], cased_words: tuple[str, ...]) -> bool:
    return any(map(_folded(text).__contains__, folded_words)) or any(map(text.__contains__, cased_words))


_last_fold = ("", "")  # (text, fold(text)) of the text last folded: one tuple, so a thread never pairs two texts


def _folded(text: str) -> str:
    """fold(text), kept for the same text object asked about again."""
    global _last_fold
    last = _last_fold
    if last[0] is text:
        return last[1]
    folded = fold(text)
    _last_fold = (text, folded)
    return folded

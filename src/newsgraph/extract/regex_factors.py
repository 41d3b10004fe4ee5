"""More words a pattern's every match must contain, found where its literals meet small character classes and
each other: regex_prefilter.required_words reads runs of literals only, so the date tagger's clock, 24-hour
clock, decade and year-span rules required 'm', 't', 's' or 'the' (in every text: scanned whole). Read the same
way from the compiled pattern (never a guess): 'a.'/'p.'/'am'/'pm' for a clock, '0s'/"0's" for a decade.

Each node of the parsed pattern gets what is known of the strings it matches, all folded (lower-case ASCII, as
regex_prefilter.fold; looked for in the folded text): every string it can match when they are few (exact), the
strings every match starts or ends with (prefix, suffix), and sets of words one of which every match contains
(needs). Where two nodes meet, an end of the first joined to a start of the second is such a set (Cox's
trigram-index analysis, without the trigrams)."""
from __future__ import annotations

import re
from re import _parser
from re import _constants as c
from typing import NamedTuple

_LIMIT = 32  # at most this many strings in a set; past it, the set is dropped (nothing known)
_CLASS = 10  # a character class of at most this many characters counts as that many strings
# Characters besides ASCII that stand for themselves in the folded text under any flags (no case variants).
_PLAIN = frozenset("\u2018\u2019\u201c\u201d\u2013\u2014")


class _Info(NamedTuple):
    exact: frozenset[str] | None  # every string the node matches ("" for an empty match), or None: unknown/too many
    prefix: frozenset[str] | None  # non-empty strings, one of which starts every match, or None
    suffix: frozenset[str] | None  # non-empty strings, one of which ends every match, or None
    needs: tuple[frozenset[str], ...]  # sets of non-empty words: every match contains a word of each set


_UNKNOWN = _Info(None, None, None, ())  # one character (or more) of which nothing is known
_EMPTY = _Info(frozenset([""]), None, None, ())  # a zero-width assertion


def factor_sets(pattern: re.Pattern[str]) -> list[frozenset[str]]:
    """Sets of folded words, for each of which every match of pattern contains one of its words."""
    info = _seq(_parser.parse(pattern.pattern, pattern.flags), bool(pattern.flags & re.IGNORECASE))
    out = list(info.needs)
    for extra in (info.exact, info.prefix, info.suffix):
        if extra and "" not in extra:
            out.append(extra)
    return list(dict.fromkeys(s for s in out if s and "" not in s))


def _small(strings: set[str] | frozenset[str]) -> frozenset[str] | None:
    return frozenset(strings) if len(strings) <= _LIMIT else None


def _char(code: int, ignorecase: bool) -> str | None:
    """The folded form of a literal character, or None when the folded text may hold something else for it."""
    ch = chr(code)
    if code < 128:
        return ch.lower()  # re.IGNORECASE's non-ASCII matches of an ASCII letter fold to it (regex_prefilter.fold)
    return ch if ch in _PLAIN else None


def _chars(items, ignorecase: bool) -> _Info:  # type: ignore[no-untyped-def]
    """A character class: its characters when they are few and plain."""
    found: set[str] = set()
    for op, av in items:
        if op is c.LITERAL:
            ch = _char(av, ignorecase)
            if ch is None:
                return _UNKNOWN
            found.add(ch)
        elif op is c.RANGE and av[1] < 128 and av[1] - av[0] < _CLASS:
            found.update(chr(x).lower() for x in range(av[0], av[1] + 1))
        else:  # a negation, a category (\d, \s), a wide range
            return _UNKNOWN
    if len(found) > _CLASS:
        return _UNKNOWN
    strings = frozenset(found)
    return _Info(strings, strings, strings, (strings,))


def _node(op, av, ignorecase: bool) -> _Info:  # type: ignore[no-untyped-def]
    if op is c.LITERAL:
        ch = _char(av, ignorecase)
        if ch is None:
            return _UNKNOWN
        one = frozenset([ch])
        return _Info(one, one, one, (one,))
    if op is c.IN:
        return _chars(av, ignorecase)
    if op is c.SUBPATTERN:
        _, add, remove, inner = av
        return _seq(inner, bool(add & c.SRE_FLAG_IGNORECASE) or (ignorecase and not remove & c.SRE_FLAG_IGNORECASE))
    if op is c.ATOMIC_GROUP:
        return _seq(av, ignorecase)
    if op is c.BRANCH:
        return _branch([_seq(b, ignorecase) for b in av[1]])
    if op in (c.MAX_REPEAT, c.MIN_REPEAT, c.POSSESSIVE_REPEAT):
        lo, hi, inner = av[0], av[1], _seq(av[2], ignorecase)
        if lo == 0:
            if hi == 1 and inner.exact is not None:
                return _Info(_small(inner.exact | {""}), None, None, ())
            return _EMPTY if hi == 0 else _Info(None, None, None, ())
        if lo == hi == 1:
            return inner
        return _Info(None, inner.prefix, inner.suffix, inner.needs)
    if op in (c.AT, c.ASSERT, c.ASSERT_NOT):
        return _EMPTY
    return _UNKNOWN  # any character, a category, a group reference ...: nothing known


def _seq(items, ignorecase: bool) -> _Info:  # type: ignore[no-untyped-def]
    info = _EMPTY
    for op, av in items:
        info = _concat(info, _node(op, av, ignorecase))
    return info


def _join(left: frozenset[str] | None, right: frozenset[str] | None) -> frozenset[str] | None:
    if left is None or right is None or len(left) * len(right) > _LIMIT:
        return None
    return frozenset(a + b for a in left for b in right)


def _concat(a: _Info, b: _Info) -> _Info:
    exact = _join(a.exact, b.exact)
    needs = a.needs + b.needs
    junction = _join(a.suffix, b.prefix)  # where a match of a ends and one of b starts
    if junction is not None:
        needs += (junction,)
    if exact is not None and "" not in exact:
        needs += (exact,)
    if a.exact is not None:  # a's whole match, then b's start
        prefix = _join(a.exact, b.prefix) if b.prefix is not None else a.exact
    else:
        prefix = a.prefix
    if b.exact is not None:
        suffix = _join(a.suffix, b.exact) if a.suffix is not None else b.exact
    else:
        suffix = b.suffix
    prefix = None if prefix is None or "" in prefix else prefix
    suffix = None if suffix is None or "" in suffix else suffix
    return _Info(exact, prefix, suffix, _dedupe(needs))


def _branch(infos: list[_Info]) -> _Info:
    def union(sets):  # type: ignore[no-untyped-def]
        return None if any(s is None for s in sets) else _small(frozenset().union(*sets))

    exact = union([i.exact for i in infos])
    prefix = union([i.prefix for i in infos])
    suffix = union([i.suffix for i in infos])
    needs: tuple[frozenset[str], ...] = ()
    for own in (prefix, suffix, exact):
        if own is not None and "" not in own:
            needs += (own,)
    # one word of one set of each alternative: the rarest-looking set of each (longest shortest word)
    if all(i.needs for i in infos):
        best = [max(i.needs, key=lambda s: (min(map(len, s)), -len(s))) for i in infos]
        joined = union(best)
        if joined is not None:
            needs += (joined,)
    return _Info(exact, prefix, suffix, _dedupe(needs))


def _dedupe(needs: tuple[frozenset[str], ...]) -> tuple[frozenset[str], ...]:
    return tuple(dict.fromkeys(s for s in needs if s and "" not in s))

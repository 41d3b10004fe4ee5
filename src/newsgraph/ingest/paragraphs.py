"""One model of lines and paragraphs for every reader: line endings and odd spaces folded, hard-wrapped prose
rejoined into the paragraphs it was wrapped from, real paragraph breaks kept.

Text wrapped at a fixed width (wire copy, newsletters, e-mail, pandoc/markdown source) breaks sentences and
names across lines ("President Volodymyr\\nZelenskyy"); the parser then reads each line as a sentence. A
line is joined to the one before it when that line was cut by the wrapper: the text has a wrap width (most
lines in a paragraph stop where the next word would not have fitted), the line is full at that width and
the next line does not start a block of its own (a heading, a list item, a dateline, an indented
paragraph). Everywhere else, as before, a line that starts in lower case continues a line without
sentence-final punctuation (text broken at random widths, PDF text).
"""
from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

# Characters that look like a space, a hyphen or a line break but are not the plain ones: folded so that
# they never change tokens, sentences or matches (U+00A0 no-break space, U+2011 non-breaking hyphen ...).
_FOLD = str.maketrans({
    "\u00a0": " ", "\u2007": " ", "\u202f": " ", "\u2009": " ", "\u200a": " ", "\u2002": " ", "\u2003": " ",
    "\u2004": " ", "\u2005": " ", "\u2006": " ", "\u2008": " ", "\u205f": " ", "\u3000": " ",
    "\u2010": "-", "\u2011": "-",
    "\u00ad": None, "\u200b": None, "\ufeff": None,  # soft hyphen, zero-width space, stray byte-order mark
    "\u2028": "\n", "\u2029": "\n\n", "\x0b": "\n", "\x0c": "\n\n", "\x85": "\n",
})
_LINE_BREAK = re.compile(r"\r\n?")
_TRAILING = re.compile(r"[ \t]+$", re.M)
_SPACE_RUN = re.compile(r" {2,}")  # 'conversation.\u00a0 President': two spaces once the no-break one is folded

WRAP_MIN_CHARS = 50  # a digit-initial line continues only a long line
MIN_WIDTH = 40  # narrower "wraps" are columns of short lines (menus, front matter), not wrapped prose
MAX_WIDTH = 160  # wider lines were not wrapped by a fixed-width tool
MIN_WRAPPED_PAIRS = 3  # a text needs at least this many cut lines to have a wrap width ...
MIN_WRAPPED_SHARE = 0.6  # ... and most line pairs inside its blocks must be cut at that width (web pages
# flattened to text have runs of menu and headline lines whose lengths fit some width by chance: 0.1-0.45)
MAX_OVER_SHARE = 0.2  # lines inside blocks longer than the width: at most this share of the cut ones
WIDTH_SLACK = 2  # wrappers differ on whether a line may reach the width or must stay one short of it

_TERMINAL = re.compile(r"[.!?…:;]([\"'”’»)\]]*)$")
_ABBREVIATION = re.compile(r"(?:^|\s)(?:[A-Z][a-z]{0,3}|[A-Z](?:\.[A-Z])+)\.$")  # 'Ltd.', 'Gen.', 'U.S.'
# A line that starts a block of its own: list items, markdown headings, quotes and tables, wire datelines
# ("MOSCOW, Feb 10 (Reuters) -", "NAIROBI, Kenya (AP) _"), labelled fields ("Published: ...").
_BLOCK_START = re.compile(
    r"^(?:[-*+•◦▪‣–]\s|\d{1,3}[.)]\s|[(\[]?[a-zA-Z0-9][)\]]\s|#{1,6}\s|>|\||"
    r"[A-ZÀ-Ý][A-ZÀ-Ý .'’-]{2,40}(?:,[^\n]{0,40}?)?\s*(?:\([^)]{1,30}\))?\s*(?:--|[—–_-])(?:\s|$)|"
    r"(?i:by|published|posted|updated|date|source|photo|image|caption|tags?)\s*:)"
)
_RULE = re.compile(r"^([-=*_+~#.])\1{2,}$")  # a ruler or fence line ('---', '***', '+++', '===')
_FIRST_WORD = re.compile(r"\S+")


def normalise_text(text: str) -> str:
    """Text with Unix line endings, plain spaces and hyphens, and no trailing blanks on its lines: CRLF,
    no-break spaces and odd hyphens never change what is extracted."""
    text = _LINE_BREAK.sub("\n", text).translate(_FOLD)
    return _TRAILING.sub("", text)


@dataclass(frozen=True)
class Wrap:
    """A text's wrap width and how often the width explains its line breaks."""

    width: int
    cut_pairs: int  # line pairs inside blocks whose break the width explains
    pairs: int  # all line pairs inside blocks (both lines non-blank)
    # a full line that ends a sentence continues its paragraph: paragraph ends are not marked by short lines
    # inside blocks (they are blank lines, or the text has none), so a block is one paragraph
    full_stops_continue: bool


def wrap_width(lines: Sequence[str]) -> Wrap | None:
    """The width the text was hard-wrapped at, or None when its line breaks are not a wrapper's.

    A greedy wrapper cuts a line when the next word would pass the width W, so for a cut line a followed by
    b: len(a) <= W < len(a) + 1 + len(first word of b). Every W in that interval explains the cut; the W that
    explains most pairs wins, and must explain most pairs of long lines inside blocks."""
    stripped = [line.strip() for line in lines]
    lengths: list[tuple[int, int]] = []  # (len(a), len(a) + 1 + len(first word of b)) for in-block pairs
    for a, b in zip(stripped, stripped[1:]):
        if a and b:
            first = _FIRST_WORD.match(b)
            lengths.append((len(a), len(a) + 1 + (len(first.group()) if first else 0)))
    if len(lengths) < MIN_WRAPPED_PAIRS:
        return None
    votes = [0] * (MAX_WIDTH + 2)
    for lo, hi in lengths:
        start, stop = max(lo, MIN_WIDTH) - WIDTH_SLACK, min(hi - 1, MAX_WIDTH) + WIDTH_SLACK
        if start <= stop and lo <= MAX_WIDTH:
            votes[max(start, 0)] += 1
            votes[min(stop, MAX_WIDTH) + 1] -= 1
    best, best_votes, running = 0, 0, 0
    for w in range(MAX_WIDTH + 1):
        running += votes[w]
        if running > best_votes:
            best, best_votes = w, running
    if best_votes < MIN_WRAPPED_PAIRS:
        return None
    over = sum(1 for lo, _ in lengths if lo > best + WIDTH_SLACK)
    if best_votes < MIN_WRAPPED_SHARE * len(lengths) or over > MAX_OVER_SHARE * best_votes:
        return None
    # A short line ending a sentence (a paragraph's last line) hardly ever followed by a non-blank line:
    # paragraphs are separated by blank lines, or the text has none (a whole article wrapped as one block).
    ends = sum(1 for (lo, hi), a in zip(lengths, (a for a, b in zip(stripped, stripped[1:]) if a and b))
               if hi <= best - WIDTH_SLACK and _TERMINAL.search(a))
    return Wrap(best, best_votes, len(lengths), full_stops_continue=ends <= MAX_OVER_SHARE * best_votes)


def cut_at_width(prev: str, line: str, wrap: Wrap) -> bool:
    """Whether the break after prev is the wrapper's: prev is full, the next word would not have fitted."""
    first = _FIRST_WORD.match(line)
    nxt = len(first.group()) if first else 0
    return len(prev) <= wrap.width + WIDTH_SLACK and len(prev) + 1 + nxt > wrap.width - WIDTH_SLACK


def starts_block(line: str) -> bool:
    """A heading, list item, quote, table row, labelled field or wire dateline: never the rest of a sentence."""
    return bool(_BLOCK_START.match(line) or _RULE.match(line))


def continues(prev: str, line: str, wrap: Wrap | None, *, last: str | None = None, indent_prev: int = 0,
              indent: int = 0) -> bool:
    """Whether line (stripped) is the rest of prev's paragraph rather than a line of its own. last is the
    physical line before it when prev already holds several joined lines; indent_prev and indent are the
    leading blanks of the two physical lines."""
    if not prev or not line or starts_block(line) or _RULE.match(prev) or _RULE.match(line):
        return False
    if indent > indent_prev:
        return False  # an indented line opens a paragraph (wire copy) or nests under a list item
    ends_sentence = bool(_TERMINAL.search(prev)) and not (_ABBREVIATION.search(prev) and line[:1].islower())
    if not ends_sentence and (line[:1].islower() or (line[:1].isdigit() and len(prev) >= WRAP_MIN_CHARS)):
        return True
    if wrap is None or not cut_at_width(prev if last is None else last, line, wrap):
        return False
    # cut by the wrapper: mid-sentence always; after a full stop only where short lines do not end paragraphs
    return not ends_sentence or wrap.full_stops_continue


_HYPHEN_HEAD = re.compile(r"[^\W\d_]+-$")
_WORD_HEAD = re.compile(r"[^\W\d_]+")
_WORD = re.compile(r"[^\W\d_]+(?:-[^\W\d_]+)*")


def join(prev: str, line: str, *, at_width: bool = False, words: frozenset[str] = frozenset()) -> str:
    """Two wrapped pieces as one, rejoining a word broken by a hyphen at the line end. The text's other
    words decide: 'gov-' + 'ernment' loses the hyphen when 'government' occurs elsewhere, 'pro-' + 'Russian'
    keeps it when 'pro-russian' does. Otherwise a capital after the break keeps it, and so does a break at
    the wrap width (fixed-width wrappers break only at hyphens the text has; typesetters hyphenate words)."""
    if prev.endswith("-") and not prev.endswith("--") and prev[-2:-1].isalpha():
        head, tail = _HYPHEN_HEAD.search(prev), _WORD_HEAD.match(line)
        if head and tail:
            solid = (head.group()[:-1] + tail.group()).casefold()
            if solid in words:
                return prev[:-1] + line
            if (head.group() + tail.group()).casefold() in words or tail.group()[:1].isupper() or at_width:
                return prev + line
        return prev[:-1] + line
    return f"{prev} {line}"


def unwrap_lines(text: str, wrap: Wrap | None | bool = True) -> list[str]:
    """Stripped lines with hard-wrapped prose rejoined; blank lines stay as ''. wrap: a known Wrap, None for
    no width (only the lower-case continuation rule), or True to detect the width from the text."""
    lines = normalise_text(text).split("\n")
    if wrap is True:
        wrap = wrap_width(lines)
    words: frozenset[str] | None = None  # the text's words, built the first time a line ends in a hyphen
    out: list[str] = []
    last, last_indent = "", 0  # the physical line before this one
    for raw in lines:
        line = _SPACE_RUN.sub(" ", raw.strip())
        indent = len(raw) - len(raw.lstrip())
        if out and continues(out[-1], line, wrap, last=last, indent_prev=last_indent, indent=indent):
            if words is None and out[-1].endswith("-"):
                words = frozenset(w.casefold() for w in _WORD.findall(text))
            out[-1] = join(out[-1], line, at_width=wrap is not None and cut_at_width(last, line, wrap),
                           words=words or frozenset())
        else:
            out.append(line)
        last, last_indent = line, indent
    return out


def paragraphs(text: str) -> list[str]:
    """The text's paragraphs (headings, list items and datelines count as their own), wraps rejoined."""
    return [line for line in unwrap_lines(text) if line]

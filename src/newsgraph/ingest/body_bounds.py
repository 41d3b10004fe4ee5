"""Where the article starts and ends on a plain-text page: the first prose paragraph (not a box above the
article, maybe under the page's own headline), end markers and author notes, related-link lists and
lines repeated from the page's menus."""
from __future__ import annotations

import re
from collections import Counter

from . import dates, furniture
from .bylines import lone_name
from .furniture import LineInfo
from .headlines import heading_like, squash

BIO_PROSE_RATIO = 3  # a third-person bio ends the article only with at most a third as much prose after it
REPEAT_MAX_WORDS = 12  # a longer line seen twice is more likely a pull quote than a menu entry
_QUOTE_MARKS = re.compile(r"[“”\"«»]")
NOTICE_PARAGRAPHS = 3  # at most this many paragraphs above the page's headline are header furniture ...
NOTICE_PROSE_RATIO = 4  # ... and only with at least four times as much prose under the headline
AUTHOR_NOTE_MAX_WORDS = 80
NEAR_NAME = 3  # an author note stands this close under the writer's name line (furniture lines not counted)
_CAREER_MORE = re.compile(r"\b(specialist|manager|expertise|professional|experience)\b", re.I)


def find_bio(items: list[LineInfo]) -> int | None:
    """Index of an author-box paragraph: second half of the page, no prose after it, not a quote."""
    half = len(items) // 2
    prose_after = [False] * (len(items) + 1)  # prose_after[k]: a non-bio prose paragraph at k or later
    for k in range(len(items) - 1, max(half, 1), -1):
        info = items[k]
        prose_after[k] = prose_after[k + 1] or info.is_body_paragraph and not furniture.is_bio(info.text, info.words)
    for k in range(max(half, 1), len(items)):
        info = items[k]
        if info.kind is not None or _QUOTE_MARKS.search(info.text) or not furniture.is_bio(info.text, info.words):
            continue
        if prose_after[k + 1]:
            continue
        if furniture.looks_like_name(items[k - 1].text) or furniture.FIRST_PERSON.search(info.text):
            return k
    return None


def first_body(items: list[LineInfo], cut: int, start: int = 0) -> int:
    """Index of the first full prose paragraph from start (fallback: first sentence, then the first line).

    A lone paragraph that talks to the reader about cookies, accounts or sign-ups, or one that presents the
    writer named on the line just above it, is a box printed above the article: the next paragraph starts it."""
    paragraphs = [k for k in range(start, cut) if items[k].is_body_paragraph and not dates.date_bar(items[k].text)]
    for k in paragraphs:
        if not boxed_paragraph(items, k):
            return k
    if paragraphs:
        return paragraphs[0]
    for k in range(start, cut):
        if items[k].is_sentence:
            return k
    return start


def boxed_paragraph(items: list[LineInfo], k: int) -> bool:
    """A paragraph of a box above the article: a reader notice standing alone (an article paragraph about
    accounts or privacy has more prose right after it) or a note about the writer under their name."""
    alone = k + 1 >= len(items) or not items[k + 1].is_body_paragraph
    return alone and furniture.is_reader_notice(items[k].text) or author_note_below_name(items, k)


def author_note_below_name(items: list[LineInfo], k: int) -> bool:
    """A short note about the writer ('Martin is a full-stack engineer ...') right under the name line it
    describes: an author box at the top of the page, not the article's first paragraph."""
    info = items[k]
    if info.words > AUTHOR_NOTE_MAX_WORDS or not furniture.BIO_LEAD.match(info.text):
        return False
    if not (furniture.BIO_CAREER.search(info.text) or _CAREER_MORE.search(info.text)):
        return False
    subject = info.text.split()[0].strip("’'s").casefold()
    seen = 0
    for j in range(k - 1, -1, -1):
        if items[j].kind is not None:
            continue  # social links and the like between the name and the note
        name = lone_name(items[j].text)
        if name and subject in {w.casefold() for w in name.split()}:
            return True
        seen += 1
        if seen >= NEAR_NAME:
            return False
    return False


def headline_below(items: list[LineInfo], first: int, cut: int) -> int | None:
    """The page's headline at or below the first prose paragraph, when what stands above it is header furniture.

    The page's first heading-like line (its '<title> | Site' line, or the candidate paragraph itself when it
    is that line) names the headline. When a heading line it contains is the candidate itself (a headline
    long enough to pass for prose) or comes after it, with at most a few paragraphs between them and far
    more prose under it, those paragraphs are notices, promos or teasers printed above the article (consent
    and login boxes, site descriptions, other stories' standfirsts) and the article starts under the headline."""
    top = next((k for k in range(first + 1) if items[k].kind is None and heading_like(items[k])
                and not dates.date_bar(items[k].text)), None)
    if top is None:
        return None
    outer = squash(items[top].text)
    for j in range(first, cut):
        info = items[j]
        if j == top or info.kind is not None or not heading_like(info):
            continue
        inner = squash(info.text)
        if inner not in outer or len(inner) < 0.4 * len(outer):
            continue
        above = [i.words for i in items[first:j] if i.is_body_paragraph]
        after = sum(i.words for i in items[j + 1:cut] if i.is_body_paragraph)
        fits = after > 0 and len(above) <= NOTICE_PARAGRAPHS and sum(above) * NOTICE_PROSE_RATIO <= after
        return j if fits else None
    return None


def end_cut(items: list[LineInfo], first: int, cut: int) -> int:
    """Position of the first hard end marker that follows most of the article's prose.

    A third-person author note ends the article too, but only once nearly all the prose is above it (a
    profile's paragraph about its subject reads the same); a lone name line just above it goes with it.
    Prose above and below each line is summed once (a long text has many markers)."""
    if cut <= first + 1:
        return cut
    bios = [_third_person_bio(items[k]) for k in range(first, cut)]
    after_from = [0] * (cut - first + 1)  # prose words of non-bio paragraphs at position first + j or later
    for j in range(cut - first - 1, -1, -1):
        info = items[first + j]
        after_from[j] = after_from[j + 1] + (info.words if info.is_body_paragraph and not bios[j] else 0)
    before = items[first].words if items[first].is_body_paragraph else 0  # prose words above line k
    for k in range(first + 1, cut):
        hard = items[k].kind in furniture.END_KINDS
        bio = not hard and bios[k - first]
        if hard or bio:
            after = after_from[k - first + 1]
            if hard and after <= before:
                return k
            if bio and after * BIO_PROSE_RATIO <= before:
                return k - 1 if furniture.looks_like_name(items[k - 1].text) else k
        before += items[k].words if items[k].is_body_paragraph else 0
    return cut


def _third_person_bio(info: LineInfo) -> bool:
    return info.kind is None and not _QUOTE_MARKS.search(info.text) and furniture.is_third_person_bio(info.text)


def headline_lists(items: list[LineInfo], first: int, last: int) -> list[int]:
    """A 'Related' header inside the body and the run of non-prose headline lines after it."""
    out: list[int] = []
    k = first
    while k <= last:
        if items[k].kind in furniture.LIST_HEADER_KINDS:
            out.append(k)
            k += 1
            while k <= last and not items[k].is_sentence and not items[k].is_body_paragraph:
                out.append(k)
                k += 1
        else:
            k += 1
    return out


def repeated_outside(items: list[LineInfo], first: int, last: int, title_at: int | None) -> list[int]:
    """Short non-sentence lines of the body that repeat the title, or that the page also shows at least twice
    outside it (menus, section names and promo boxes printed in header and footer; a table of contents
    shows a subheading only once)."""
    outside = Counter(i.text.casefold() for k, i in enumerate(items) if (k < first or k > last) and k != title_at)
    title = items[title_at].text.casefold() if title_at is not None else None
    return [k for k in range(first, last + 1)
            if not items[k].is_sentence and items[k].words <= REPEAT_MAX_WORDS
            and (items[k].text.casefold() == title or outside[items[k].text.casefold()] >= 2)]


def last_sentence(items: list[LineInfo], first: int, cut: int) -> int:
    """Index of the last line before the cut that reads as prose."""
    for k in range(cut - 1, first - 1, -1):
        if items[k].is_body_paragraph or _closing_sentence(items[k]):
            return k
    return min(first, cut - 1) if cut else -1


def _closing_sentence(info: LineInfo) -> bool:
    """A short last paragraph that is still prose: ordinary function words, not a 'Label: ...' line."""
    return info.is_sentence and info.stop_ratio >= 0.2 and not furniture.LABEL_START.match(info.text)

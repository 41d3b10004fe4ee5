"""Cut a plain-text web page down to its article: title, body, and the furniture that was removed.

Lines are first rejoined into paragraphs (paragraphs.unwrap_lines: hard wraps, CRLF, no-break spaces). The
head's metadata lines live in bylines.py, the article's bounds in body_bounds.py, headline lines in
headlines.py. The rules, in order (all line-level, none tied to one outlet):
1. Every non-empty line gets features (furniture.describe): word count, stopword ratio, sentence-final
   punctuation and the furniture family it matches, if any.
2. An author box near the end (a lone name line followed by a short bio paragraph) is removed, and
   everything after it.
3. The body starts at the first full prose paragraph (>= 12 words of ordinary prose), skipping paragraphs that
   talk to the reader about cookies, accounts, sign-ups or site terms (two such families of terms together,
   no prose paragraph right after) and a note about the writer right under the writer's name line. When the page's headline (a heading line
   that the page's first heading-like line, its "<title> | Site" line, contains) stands at or below that
   paragraph, with at most three paragraphs between them and four times as much prose under it, those
   paragraphs are header furniture (login boxes, consent forms, teasers): the body starts under the
   headline and everything above the headline but the title line is removed. It ends at the
   first hard end marker after that (comment prompt, donation appeal, tag list, copyright notice) that
   has at least as much prose before it as after it, and then at the last line that reads as a
   sentence: short non-sentence lines trailing the article (nav words, promos) are dropped. A "Related"
   header inside the body is removed with the headline list under it; the article may resume after it.
   A third-person author note ("Jane Doe is a senior writer for X. She previously ...") also ends the
   article, but only with at most a third as much prose after it as before it.
4. Above the body, date bars, "Date: / Author:" fields, bylines (also "By" / "Name" on two lines and "June 5,
   2019 by Jane Doe"), bare timestamps under the title and furniture are removed; the first heading-like line
   left (3-30 words, no final period unless title-case) is the title, or the later headline line it contains
   when it is the page's "<title> | Site" form; non-prose lines above the title are section labels and are
   removed; short non-sentence lines between the "<title> | Site" line and that headline are the site's menus
   and are removed; other lines between title and body stay in the body. Bylines and date lines just under the
   first paragraph (after a standfirst or photo caption) are read and removed too, and a lone name line next
   to a date near the headline is the author. Date lines are ranked (labelled "Published" fields and dated
   bylines, then dates next to the headline, then next to a byline; a site's date-of-the-day bar far from the
   headline last but one; update-only dates last).
5. Inside the body only lines of a furniture family (credits, promos, navigation words...), bare timestamps
   ("asked Feb 6, 2014 at 20:37", "8 years ago") and short non-sentence lines that repeat the title or
   appear at least twice outside the body (menus printed in header and footer) are removed; short
   subheadings and one-sentence paragraphs stay.
"""
from __future__ import annotations

from dataclasses import dataclass, field

from . import furniture
from .body_bounds import (author_note_below_name, boxed_paragraph, end_cut, find_bio, first_body, headline_below,
                          headline_lists, last_sentence, repeated_outside)
from .bylines import (DATELINE_LINE, HEAD_FIELD_MAX_WORDS, MetaLines, author_from_byline, headline_anchors, lone_name,
                      meta_line, names_by_dates, ranked_dates, strip_role, timestamp_line, top_window)
from .headlines import MENU_MAX_WORDS, MIN_TITLE_WORDS, TITLE_SITE, heading_like, headline_inside
from .paragraphs import unwrap_lines

__all__ = ["CleanedText", "author_from_byline", "clean_plaintext", "lone_name", "strip_role", "unwrap_lines"]
_author_note_below_name = author_note_below_name  # the name tests knew it by


@dataclass
class CleanedText:
    """The article part of a page plus the removed lines that carry metadata."""

    body: str
    title: str | None = None
    removed: list[str] = field(default_factory=list)
    date_lines: list[str] = field(default_factory=list)  # date bars and "Date:" fields above the body
    byline_lines: list[str] = field(default_factory=list)  # "By X", "Author: X", role bylines
    bio_name: str | None = None  # the name line of an author box
    bio_text: str | None = None
    title_site: str | None = None  # the "| Site" suffix cut off the title line
    name_lines: list[str] = field(default_factory=list)  # lone name lines next to the article's date


def clean_plaintext(text: str) -> CleanedText:
    """Split a plain-text page into title, body and removed furniture."""
    raw = unwrap_lines(text)
    items = [furniture.describe(line, i) for i, line in enumerate(raw) if line]
    if not items:
        return CleanedText(body="")
    out = CleanedText(body="")
    drop: dict[int, str] = {}  # position in items -> why

    cut = len(items)
    bio_at = find_bio(items)
    if bio_at is not None:
        start = bio_at - 1 if bio_at > 0 and furniture.looks_like_name(items[bio_at - 1].text) else bio_at
        if start < bio_at:
            out.bio_name = items[start].text
        out.bio_text = items[bio_at].text
        cut = start

    first = first_body(items, cut)
    headline = None
    while (below := headline_below(items, first, cut)) is not None:
        headline, first = below, first_body(items, cut, below + 1)
    cut = end_cut(items, first, cut)
    last = last_sentence(items, first, cut)

    # head: everything above the first prose paragraph
    meta = MetaLines()
    title_at = None
    for k in range(first):
        info = items[k]
        t = info.text
        why = meta_line(items, k, meta)
        if why is not None:
            drop[k] = why
        elif furniture.BYLINE_ROLE.match(t):
            drop[k] = "byline"
            meta.bylines.append((k, t))
        elif DATELINE_LINE.match(t):
            drop[k] = "dateline"
            meta.dates.append((k, t, False))
        elif info.kind is not None:
            drop[k] = info.kind
        elif title_at is not None and info.words <= HEAD_FIELD_MAX_WORDS and timestamp_line(t):
            drop[k] = "date"
        elif title_at is None and heading_like(info):
            title_at = k
    if title_at is not None:
        inside = headline_inside(items, title_at, first)
        out.title = items[title_at].text if inside is None else items[inside].text
        m = TITLE_SITE.match(out.title)
        if m and len(m.group("site").split()) <= 5 \
                and len(m.group("title").split()) >= MIN_TITLE_WORDS:
            out.title, out.title_site = m.group("title"), m.group("site").strip()
        for k in range(title_at):
            drop.setdefault(k, "label")
        if inside is not None:  # between the page's '<title> | Site' line and its headline: the site's menus
            for k in range(title_at + 1, inside):
                if not items[k].is_sentence and items[k].words < MENU_MAX_WORDS:
                    drop.setdefault(k, "header")
    else:
        for k in range(first):
            if k not in drop and not items[k].sentence_end and items[k].words <= MIN_TITLE_WORDS:
                drop[k] = "label"
    if headline is not None:  # what stood above the page's own headline was header furniture
        for k in range(headline):
            if k != title_at:
                drop.setdefault(k, "header")
    for k in range(title_at if title_at is not None else 0, first):
        if items[k].is_body_paragraph and boxed_paragraph(items, k):
            drop.setdefault(k, "notice")
    # the top of the body: a standfirst or photo caption may come before the byline and date
    head_dates = len(meta.dates)
    for k in top_window(items, first, last):
        why = meta_line(items, k, meta)
        if why is not None:
            drop[k] = why
    anchors = headline_anchors(items, title_at, first)
    for k, why in names_by_dates(items, meta, anchors, last):
        drop[k] = why
    out.date_lines = ranked_dates(meta, head_dates, anchors)
    out.byline_lines = [t for _, t in meta.bylines]  # head first, then the top of the body
    out.name_lines = [items[k].text for k in meta.names]

    # inside the body: only furniture lines and bare timestamps go
    for k in range(first, last + 1):
        if k in drop:
            continue
        if items[k].kind is not None:
            drop[k] = items[k].kind
        elif items[k].words <= HEAD_FIELD_MAX_WORDS and timestamp_line(items[k].text):
            drop[k] = "date"
    for k in repeated_outside(items, first, last, title_at):
        drop.setdefault(k, "repeated")
    for k in headline_lists(items, first, last):
        drop.setdefault(k, "related")
    for k in range(last + 1, len(items)):
        drop.setdefault(k, "tail")

    body_lines = []
    for k, info in enumerate(items):
        if k == title_at:
            continue
        if k in drop:
            out.removed.append(info.text)
        else:
            body_lines.append(info.text)
    out.body = "\n\n".join(body_lines)
    return out

"""Cut a plain-text web page down to its article: title, body, and the furniture that was removed.

The rules, in order (all line-level, none tied to one outlet):
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

import re
from collections import Counter
from dataclasses import dataclass, field

from . import dates, furniture
from .furniture import LineInfo

MIN_TITLE_WORDS = 3
MAX_TITLE_WORDS = 30
HEAD_FIELD_MAX_WORDS = 20
BIO_PROSE_RATIO = 3  # a third-person bio ends the article only with at most a third as much prose after it
REPEAT_MAX_WORDS = 12  # a longer line seen twice is more likely a pull quote than a menu entry
WRAP_MIN_CHARS = 50  # a wrapped line is long; a digit-initial line continues only a long line
_TERMINAL = re.compile(r"[.!?…:;]([\"'”’»)\]]*)$")
_BY_TAIL = re.compile(r"\b[Bb]y\s+(?P<name>[A-ZÀ-Ý][^|,;:]{1,60})$")
_QUOTE_MARKS = re.compile(r"[“”\"«»]")
_TITLE_SITE = re.compile(r"^(?P<title>.{12,})\s+[|–—»·-]\s+(?P<site>[^|–—»·]{2,60})$")
_ENDS_WITH_PERIOD = re.compile(r"[.…;,]\W*$")
_AGE_LINE = re.compile(r"^\W*(\d+\s+(years?|months?|weeks?|days?|hours?|minutes?|mins?|hrs?),?\s*)+ago\W*$", re.I)
NOTICE_PARAGRAPHS = 3  # at most this many paragraphs above the page's headline are header furniture ...
NOTICE_PROSE_RATIO = 4  # ... and only with at least four times as much prose under the headline
MENU_MAX_WORDS = 12  # a longer line above the headline may be a photo caption or standfirst
AUTHOR_NOTE_MAX_WORDS = 80
NEAR_NAME = 3  # an author note stands this close under the writer's name line (furniture lines not counted)
_CAREER_MORE = re.compile(r"\b(specialist|manager|expertise|professional|experience)\b", re.I)
TOP_WINDOW = 8  # lines below the first paragraph where a byline and date may still stand (after a standfirst)
NEAR_DATE = 2  # a lone name line this close to the article's date is its author
NEAR_HEADLINE = 6  # a date bar this close to the headline is the article's own
_GLUED_BY = re.compile(r"^By(?=[A-Z])")
_COMMENT_COUNT = re.compile(r"\s+\d+\s+(comments?|responses?|replies)\s*$", re.I)
_ROLES = r"(?i:writer|editor|reporter|correspondent|contributor|columnist|producer|journalist)"
_GLUED_ROLE = re.compile(rf"(?<=[a-z])(?=[A-Z][a-z]+ {_ROLES}$)")
_ROLE_TAIL = re.compile(rf"\s+([A-Za-z-]+\s+)?{_ROLES}$", re.I)
_BARE_LABEL = re.compile(r"^\W*(published|posted|updated|last updated|modified|date|release date|created|"
                         r"posted on|published on|updated on|first published)\s*[:：]?\s*$", re.I)
_BARE_BY = re.compile(r"^(by|written by|words by|posted by|author)\s*[:：]?$", re.I)
_HANDLE = re.compile(r"\s*@\w+$")  # "Jon Porter@JonPorty": a social handle glued to the name
_BY_WORD = re.compile(r"\bby\b", re.I)
# Words of section labels and site names that a lone capitalised line may consist of, never a person's name.
_FUNCTION_WORDS = frozenset("""the a an in on of for and or to at by with from our your my this that these is are
    was were how why what when who where new more all not no you we it its""".split())
_NOT_NAME_WORDS = frozenset("""news world business politics sports sport local opinion health tech technology science
    culture food travel life lifestyle style entertainment video videos home magazine editor staff report reports
    desk daily weekly times post review press latest general national international economy money markets
    climate environment education arts books music film media events community weather crime police courts
    contact about more menu search share follow advertisement sponsored featured popular trending top stories
    features analysis commentary blog blogs read comments photos gallery live update updates breaking""".split())
_STAMP_NOISE = re.compile(r"\b(asked|answered|edited|modified|commented|posted|written|\d{1,2}[:.]\d{2}\s*([ap]\.?m\.?)?)"
                          r"(?=\W|$)|\|\s*categor(y|ies)\s*:?|[•·]", re.I)


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


# A wire dateline standing on its own line: "JOHANNESBURG, August 7 (Xinhua) --", "NAIROBI, Kenya (AP) _".
_DATELINE_LINE = re.compile(r"^[A-ZÀ-Ý][A-ZÀ-Ý .'’-]{2,40}(?:,[^\n]{0,40}?)?\s*(?:\([^)]{1,30}\))?\s*(?:--|[—–_-])\s*$")


def clean_plaintext(text: str) -> CleanedText:
    """Split a plain-text page into title, body and removed furniture."""
    raw = unwrap_lines(text)
    items = [furniture.describe(line, i) for i, line in enumerate(raw) if line]
    if not items:
        return CleanedText(body="")
    out = CleanedText(body="")
    drop: dict[int, str] = {}  # position in items -> why

    cut = len(items)
    bio_at = _find_bio(items)
    if bio_at is not None:
        start = bio_at - 1 if bio_at > 0 and furniture.looks_like_name(items[bio_at - 1].text) else bio_at
        if start < bio_at:
            out.bio_name = items[start].text
        out.bio_text = items[bio_at].text
        cut = start

    first = _first_body(items, cut)
    headline = None
    while (below := _headline_below(items, first, cut)) is not None:
        headline, first = below, _first_body(items, cut, below + 1)
    cut = _end_cut(items, first, cut)
    last = _last_sentence(items, first, cut)

    # head: everything above the first prose paragraph
    meta = _MetaLines()
    title_at = None
    for k in range(first):
        info = items[k]
        t = info.text
        why = _meta_line(items, k, meta)
        if why is not None:
            drop[k] = why
        elif furniture.BYLINE_ROLE.match(t):
            drop[k] = "byline"
            meta.bylines.append((k, t))
        elif _DATELINE_LINE.match(t):
            drop[k] = "dateline"
            meta.dates.append((k, t, False))
        elif info.kind is not None:
            drop[k] = info.kind
        elif title_at is not None and info.words <= HEAD_FIELD_MAX_WORDS and _timestamp_line(t):
            drop[k] = "date"
        elif title_at is None and _heading_like(info):
            title_at = k
    if title_at is not None:
        inside = _headline_inside(items, title_at, first)
        out.title = items[title_at].text if inside is None else items[inside].text
        m = _TITLE_SITE.match(out.title)
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
        if items[k].is_body_paragraph and _boxed_paragraph(items, k):
            drop.setdefault(k, "notice")
    # the top of the body: a standfirst or photo caption may come before the byline and date
    head_dates = len(meta.dates)
    for k in _top_window(items, first, last):
        why = _meta_line(items, k, meta)
        if why is not None:
            drop[k] = why
    anchors = _headline_anchors(items, title_at, first)
    for k, why in _names_by_dates(items, meta, anchors, last):
        drop[k] = why
    out.date_lines = _ranked_dates(meta, head_dates, anchors)
    out.byline_lines = [t for _, t in meta.bylines]  # head first, then the top of the body
    out.name_lines = [items[k].text for k in meta.names]

    # inside the body: only furniture lines and bare timestamps go
    for k in range(first, last + 1):
        if k in drop:
            continue
        if items[k].kind is not None:
            drop[k] = items[k].kind
        elif items[k].words <= HEAD_FIELD_MAX_WORDS and _timestamp_line(items[k].text):
            drop[k] = "date"
    for k in _repeated_outside(items, first, last, title_at):
        drop.setdefault(k, "repeated")
    for k in _headline_lists(items, first, last):
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


@dataclass
class _MetaLines:
    """Date, byline and author-name lines found above and at the top of the body."""

    dates: list[tuple[int, str, bool]] = field(default_factory=list)  # (position, text, labelled or in a byline)
    bylines: list[tuple[int, str]] = field(default_factory=list)
    names: list[int] = field(default_factory=list)
    label: str | None = None  # a bare "Published:" line ...
    label_at: int = -2  # ... and where it stood
    by_at: int = -2  # where a bare "By" line stood


def _meta_line(items: list[LineInfo], k: int, meta: _MetaLines) -> str | None:
    """Why line k is date / byline furniture (recording what it says in meta), or None."""
    info = items[k]
    t = _GLUED_BY.sub("By ", info.text)
    label = meta.label if meta.label_at == k - 1 else None
    if _BARE_LABEL.match(t):
        meta.label, meta.label_at = t.strip(" |:：•·"), k
        return "fields"
    if _BARE_BY.match(t):
        meta.by_at = k
        return "byline"
    if meta.by_at == k - 1 and re.search(r"(,|\band)$", t) and k + 1 < len(items):
        joined = f"By {t} {items[k + 1].text}"  # "By" / "Jane Doe and" / "John Roe"
        if author_from_byline(joined):
            meta.bylines.append((k, joined))
            meta.by_at = k
            return "byline"
    if meta.by_at == k - 1 and info.words <= 6 and author_from_byline(f"By {t}"):
        meta.bylines.append((k, f"By {t}"))
        return "byline"
    if dates.date_bar(t):
        text = f"{label} {t}" if label else t
        meta.dates.append((k, text, bool(dates.PUBLISHED_LABEL.search(text))))
        return "date"
    if info.words <= HEAD_FIELD_MAX_WORDS and (furniture.AUTHOR_FIELD.search(t) or _date_field(t)):
        meta.dates.append((k, t, True))
        meta.bylines.append((k, t))
        return "fields"
    if furniture.BYLINE_ROLE.match(t):
        return None  # left to the caller (an unnamed role byline)
    if _name_byline(t) or _dated_byline(info):
        meta.bylines.append((k, t))
        if _full_date(t):
            meta.dates.append((k, t, True))
        return "byline"
    return None


def _full_date(text: str) -> bool:
    pd = dates.find_date(text)
    return pd is not None and pd.year is not None and pd.day is not None


def _dated_byline(info: LineInfo) -> bool:
    """A short line that carries both a 'by ...' credit and a full date ('June 5, 2019 by Kay')."""
    return info.kind is None and info.words <= 25 and not info.sentence_end \
        and bool(_BY_WORD.search(info.text)) and _full_date(info.text)


def _top_window(items: list[LineInfo], first: int, last: int) -> list[int]:
    """Non-paragraph lines right under the first paragraph, up to the second paragraph after it."""
    out: list[int] = []
    paras = 0
    for k in range(first + 1, min(last, first + TOP_WINDOW) + 1):
        if items[k].is_body_paragraph:
            paras += 1
            if paras >= 2:
                break
            continue
        out.append(k)
    return out


def lone_name(text: str) -> str | None:
    """A line that is only a person's name (maybe with a role: 'Jane Doe, Political Editor')."""
    head, _, rest = text.partition(",")
    if len(text.split()) > 8 or len(rest.split()) > 4:
        return None
    name = strip_role(head.strip())
    toks = name.split()
    if not 2 <= len(toks) <= 4 or any(ch.isdigit() for ch in name) or name[-1:] in ".!?:;,":
        return None
    if not all(furniture.NAME_TOKEN.match(t) for t in toks) or any(t.lower() in _FUNCTION_WORDS for t in toks):
        return None
    if any(w.lower().strip(".") in _NOT_NAME_WORDS for w in name.split()):
        return None
    return name


def _headline_anchors(items: list[LineInfo], title_at: int | None, first: int) -> list[int]:
    """Where the headline may stand: the title line, the headline line inside it, and the last heading-like
    line above the body (a page's <h1> when its <title> words it differently)."""
    if title_at is None:
        return []
    anchors = [title_at]
    inside = _headline_inside(items, title_at, first)
    if inside is not None:
        anchors.append(inside)
    last_heading = next((k for k in range(first - 1, title_at, -1)
                         if items[k].kind is None and _heading_like(items[k]) and not dates.date_bar(items[k].text)
                         and not lone_name(items[k].text)), None)
    if last_heading is not None:
        anchors.append(last_heading)
    return anchors


def _near(k: int, anchors: list[int], distance: int) -> bool:
    return _distance(k, anchors) <= distance


def _distance(k: int, anchors: list[int]) -> int:
    """Lines from k to the nearest anchor (a line above the headline counts one more than one below)."""
    return min((abs(k - a) + (k < a) for a in anchors), default=10**6)


def _names_by_dates(items: list[LineInfo], meta: _MetaLines, anchors: list[int], last: int
                    ) -> list[tuple[int, str]]:
    """Lone name lines standing next to the article's date line (one near the headline): the author, as
    magazine layouts print it without 'By'."""
    out: list[tuple[int, str]] = []
    taken = {k for k, _ in meta.bylines} | {k for k, _, _ in meta.dates} | set(anchors)
    for d, _, _ in sorted(meta.dates, key=lambda e: _distance(e[0], anchors)):
        if not _near(d, anchors, NEAR_HEADLINE):
            continue
        for k in range(max(0, d - NEAR_DATE), min(last, d + NEAR_DATE) + 1):
            if k in taken or items[k].kind is not None or k in meta.names:
                continue
            if lone_name(items[k].text):
                meta.names.append(k)
                out.append((k, "byline"))
    return out


def _ranked_dates(meta: _MetaLines, head_dates: int, anchors: list[int]) -> list[str]:
    """Date lines, most trusted first.

    Labelled 'Published' fields and dated bylines of the head; head date bars next to the headline; such
    labelled lines at the top of the body (under a standfirst); head bars next to a byline or author name;
    top-of-body bars next to one; other head bars (a site's date-of-the-day bar is far from the headline);
    other top-of-body bars; a date that is only an update date last."""
    bylines = [k for k, _ in meta.bylines] + meta.names
    ranked = []
    for i, (k, text, strong) in enumerate(meta.dates):
        in_head = i < head_dates
        _, update_only = dates.published_in_line(text)
        by_headline = _near(k, anchors, NEAR_HEADLINE)
        by_byline = any(abs(k - b) <= NEAR_DATE for b in bylines)
        if update_only:
            rank = 9
        elif strong:
            rank = 0 if in_head else 2
        elif by_headline and in_head:
            rank = 1
        elif by_byline or by_headline:
            rank = 3 if in_head else 4
        else:
            rank = 5 if in_head else 6
        ranked.append((rank, _distance(k, anchors) if rank in (1, 3, 4) else 0, i, text))
    return [text for *_, text in sorted(ranked)]


def _headline_inside(items: list[LineInfo], k: int, first: int) -> int | None:
    """The page's headline line when the first heading-like line is its '<title> | Site' (or 'Site: Title')
    form or a copy of it: the last heading line above the body that it contains. Its text is the title and
    its position tells which date bar belongs to the article; the line itself stays where it is."""
    outer = _squash(items[k].text)
    found = None
    for j in range(k + 1, first):
        info = items[j]
        if info.kind is not None or not _heading_like(info):
            continue
        inner = _squash(info.text)
        if inner in outer and len(inner) >= 0.4 * len(outer):
            found = j
    return found


_QUOTE_FOLD = {ord(c): "'" for c in "\u2018\u2019\u201a\u201b"} | {ord(c): '"' for c in "\u201c\u201d\u201e\u201f"}


def _squash(text: str) -> str:
    """Case, spacing and curly quotes folded (a page's <title> and its <h1> often quote differently)."""
    return " ".join(text.casefold().translate(_QUOTE_FOLD).split())


def unwrap_lines(text: str) -> list[str]:
    """Stripped lines, with hard-wrapped prose rejoined: a line starting in lower case continues the last."""
    out: list[str] = []
    for line in text.splitlines():
        line = line.strip()
        prev = out[-1] if out else ""
        continues = line[:1].islower() or (line[:1].isdigit() and len(prev) >= WRAP_MIN_CHARS)
        if line and prev and continues and not _TERMINAL.search(prev):
            out[-1] = prev[:-1] + line if prev.endswith("-") and prev[-2:-1].isalpha() else f"{prev} {line}"
        else:
            out.append(line)
    return out


def _find_bio(items: list[LineInfo]) -> int | None:
    """Index of an author-box paragraph: second half of the page, no prose after it, not a quote."""
    half = len(items) // 2
    for k in range(max(half, 1), len(items)):
        info = items[k]
        if info.kind is not None or _QUOTE_MARKS.search(info.text) or not furniture.is_bio(info.text, info.words):
            continue
        if any(i.is_body_paragraph and not furniture.is_bio(i.text, i.words) for i in items[k + 1:]):
            continue
        if furniture.looks_like_name(items[k - 1].text) or furniture.FIRST_PERSON.search(info.text):
            return k
    return None


def _first_body(items: list[LineInfo], cut: int, start: int = 0) -> int:
    """Index of the first full prose paragraph from start (fallback: first sentence, then the first line).

    A lone paragraph that talks to the reader about cookies, accounts or sign-ups, or one that presents the
    writer named on the line just above it, is a box printed above the article: the next paragraph starts it."""
    paragraphs = [k for k in range(start, cut) if items[k].is_body_paragraph and not dates.date_bar(items[k].text)]
    for k in paragraphs:
        if not _boxed_paragraph(items, k):
            return k
    if paragraphs:
        return paragraphs[0]
    for k in range(start, cut):
        if items[k].is_sentence:
            return k
    return start


def _boxed_paragraph(items: list[LineInfo], k: int) -> bool:
    """A paragraph of a box above the article: a reader notice standing alone (an article paragraph about
    accounts or privacy has more prose right after it) or a note about the writer under their name."""
    alone = k + 1 >= len(items) or not items[k + 1].is_body_paragraph
    return alone and furniture.is_reader_notice(items[k].text) or _author_note_below_name(items, k)


def _author_note_below_name(items: list[LineInfo], k: int) -> bool:
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


def _headline_below(items: list[LineInfo], first: int, cut: int) -> int | None:
    """The page's headline at or below the first prose paragraph, when what stands above it is header furniture.

    The page's first heading-like line (its '<title> | Site' line, or the candidate paragraph itself when it
    is that line) names the headline. When a heading line it contains is the candidate itself (a headline
    long enough to pass for prose) or comes after it, with at most a few paragraphs between them and far
    more prose under it, those paragraphs are notices, promos or teasers printed above the article (consent
    and login boxes, site descriptions, other stories' standfirsts) and the article starts under the headline."""
    top = next((k for k in range(first + 1) if items[k].kind is None and _heading_like(items[k])
                and not dates.date_bar(items[k].text)), None)
    if top is None:
        return None
    outer = _squash(items[top].text)
    for j in range(first, cut):
        info = items[j]
        if j == top or info.kind is not None or not _heading_like(info):
            continue
        inner = _squash(info.text)
        if inner not in outer or len(inner) < 0.4 * len(outer):
            continue
        above = [i.words for i in items[first:j] if i.is_body_paragraph]
        after = sum(i.words for i in items[j + 1:cut] if i.is_body_paragraph)
        fits = after > 0 and len(above) <= NOTICE_PARAGRAPHS and sum(above) * NOTICE_PROSE_RATIO <= after
        return j if fits else None
    return None


def _end_cut(items: list[LineInfo], first: int, cut: int) -> int:
    """Position of the first hard end marker that follows most of the article's prose.

    A third-person author note ends the article too, but only once nearly all the prose is above it (a
    profile's paragraph about its subject reads the same); a lone name line just above it goes with it."""
    for k in range(first + 1, cut):
        hard = items[k].kind in furniture.END_KINDS
        bio = not hard and _third_person_bio(items[k])
        if hard or bio:
            before = sum(i.words for i in items[first:k] if i.is_body_paragraph)
            after = sum(i.words for i in items[k + 1:cut] if i.is_body_paragraph and not _third_person_bio(i))
            if hard and after <= before:
                return k
            if bio and after * BIO_PROSE_RATIO <= before:
                return k - 1 if furniture.looks_like_name(items[k - 1].text) else k
    return cut


def _third_person_bio(info: LineInfo) -> bool:
    return info.kind is None and not _QUOTE_MARKS.search(info.text) and furniture.is_third_person_bio(info.text)


def _headline_lists(items: list[LineInfo], first: int, last: int) -> list[int]:
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


def _repeated_outside(items: list[LineInfo], first: int, last: int, title_at: int | None) -> list[int]:
    """Short non-sentence lines of the body that repeat the title, or that the page also shows at least twice
    outside it (menus, section names and promo boxes printed in header and footer; a table of contents
    shows a subheading only once)."""
    outside = Counter(i.text.casefold() for k, i in enumerate(items) if (k < first or k > last) and k != title_at)
    title = items[title_at].text.casefold() if title_at is not None else None
    return [k for k in range(first, last + 1)
            if not items[k].is_sentence and items[k].words <= REPEAT_MAX_WORDS
            and (items[k].text.casefold() == title or outside[items[k].text.casefold()] >= 2)]


def _last_sentence(items: list[LineInfo], first: int, cut: int) -> int:
    """Index of the last line before the cut that reads as prose."""
    for k in range(cut - 1, first - 1, -1):
        if items[k].is_body_paragraph or _closing_sentence(items[k]):
            return k
    return min(first, cut - 1) if cut else -1


def _closing_sentence(info: LineInfo) -> bool:
    """A short last paragraph that is still prose: ordinary function words, not a 'Label: ...' line."""
    return info.is_sentence and info.stop_ratio >= 0.2 and not furniture.LABEL_START.match(info.text)


def _heading_like(info: LineInfo) -> bool:
    """Short enough for a headline, and not a sentence (unless written in title case)."""
    if not MIN_TITLE_WORDS <= info.words <= MAX_TITLE_WORDS:
        return False
    if info.text.rstrip().endswith(":"):
        return False  # a lead-in to what follows ("... said in an editorial on Monday:"), not a headline
    return not _ENDS_WITH_PERIOD.search(info.text) or _title_case(info.text)


def _title_case(text: str) -> bool:
    """Most content words capitalised, as in an English-style headline."""
    content = [w for w in furniture.words_of(text) if w.lower() not in furniture.STOPWORDS and len(w) > 2]
    if len(content) < 3:
        return False
    caps = sum(1 for w in content if w[0].isupper())
    return caps / len(content) >= 0.75


def _timestamp_line(text: str) -> bool:
    """A line that only dates something (a post, a comment, an answer): a date bar, maybe with a clock
    time or a 'posted/asked' label, or an age such as '8 years, 2 months ago'."""
    if _AGE_LINE.match(text):
        return True
    return dates.date_bar(_STAMP_NOISE.sub(" ", text).strip()) is not None


def _date_field(text: str) -> bool:
    """A labelled date field ("Date: 15 February 2023", "Published: ...")."""
    m = furniture.DATE_FIELD.search(text)
    return bool(m) and dates.find_date(m.group("date")) is not None


def _name_byline(text: str) -> bool:
    """'By Jane Doe' (optionally ', Reuters' or 'and John Roe') as a line of its own."""
    m = furniture.BYLINE_NAME.match(text)
    if not m or len(text.split()) > 12:
        return False
    return author_from_byline(text) is not None


def author_from_byline(text: str) -> str | None:
    """The person named in a byline or an 'Author:' field, without role or agency."""
    text = _GLUED_BY.sub("By ", text.strip())
    text = _COMMENT_COUNT.sub("", text)
    m = furniture.AUTHOR_FIELD.search(text) or furniture.BYLINE_NAME.match(text) or _BY_TAIL.search(text)
    if not m:
        return None
    name = m.group("name")
    for sep in (" | ", " - ", " – ", " — ", ",", " in ", " for ", " on ", "/", " • ", " · "):
        name = name.split(sep)[0]
    name = strip_role(_HANDLE.sub("", name).strip(" .:;•·|"))
    parts = [p.strip() for p in re.split(r"\s+(?:and|&)\s+", name, flags=re.I)]
    if parts and all(furniture.looks_like_name(p) or _single_name(p) for p in parts if p):
        return " and ".join(p for p in parts if p)
    return None


def strip_role(name: str) -> str:
    """'Richard Adams Education editor' / 'Evan HalperStaff Writer' -> the name alone."""
    name = _GLUED_ROLE.sub(" ", name)
    return _ROLE_TAIL.sub("", name).strip(" ,.:;•·|")


def _single_name(text: str) -> bool:
    return len(text.split()) == 1 and text[:1].isupper() and text.isalpha() and len(text) > 2

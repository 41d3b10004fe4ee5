"""Metadata lines of a plain-text page: bylines ('By Jane Doe', 'Author:' fields, role bylines), lone author
name lines, date bars, datelines and timestamps, found above and at the top of the body and ranked."""
from __future__ import annotations

import re
from dataclasses import dataclass, field

from . import dates, furniture
from .furniture import LineInfo
from .headlines import heading_like, headline_inside

HEAD_FIELD_MAX_WORDS = 20
_BY_TAIL = re.compile(r"\b[Bb]y\s+(?P<name>[A-ZÀ-Ý][^|,;:]{1,60})$")
_AGE_LINE = re.compile(r"^\W*(\d+\s+(years?|months?|weeks?|days?|hours?|minutes?|mins?|hrs?),?\s*)+ago\W*$", re.I)
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
# A wire dateline standing on its own line: "JOHANNESBURG, August 7 (Xinhua) --", "NAIROBI, Kenya (AP) _".
DATELINE_LINE = re.compile(r"^[A-ZÀ-Ý][A-ZÀ-Ý .'’-]{2,40}(?:,[^\n]{0,40}?)?\s*(?:\([^)]{1,30}\))?\s*(?:--|[—–_-])\s*$")


@dataclass
class MetaLines:
    """Date, byline and author-name lines found above and at the top of the body."""

    dates: list[tuple[int, str, bool]] = field(default_factory=list)  # (position, text, labelled or in a byline)
    bylines: list[tuple[int, str]] = field(default_factory=list)
    names: list[int] = field(default_factory=list)
    label: str | None = None  # a bare "Published:" line ...
    label_at: int = -2  # ... and where it stood
    by_at: int = -2  # where a bare "By" line stood


def meta_line(items: list[LineInfo], k: int, meta: MetaLines) -> str | None:
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


def top_window(items: list[LineInfo], first: int, last: int) -> list[int]:
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


def headline_anchors(items: list[LineInfo], title_at: int | None, first: int) -> list[int]:
    """Where the headline may stand: the title line, the headline line inside it, and the last heading-like
    line above the body (a page's <h1> when its <title> words it differently)."""
    if title_at is None:
        return []
    anchors = [title_at]
    inside = headline_inside(items, title_at, first)
    if inside is not None:
        anchors.append(inside)
    last_heading = next((k for k in range(first - 1, title_at, -1)
                         if items[k].kind is None and heading_like(items[k]) and not dates.date_bar(items[k].text)
                         and not lone_name(items[k].text)), None)
    if last_heading is not None:
        anchors.append(last_heading)
    return anchors


def _near(k: int, anchors: list[int], distance: int) -> bool:
    return _distance(k, anchors) <= distance


def _distance(k: int, anchors: list[int]) -> int:
    """Lines from k to the nearest anchor (a line above the headline counts one more than one below)."""
    return min((abs(k - a) + (k < a) for a in anchors), default=10**6)


def names_by_dates(items: list[LineInfo], meta: MetaLines, anchors: list[int], last: int
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


def ranked_dates(meta: MetaLines, head_dates: int, anchors: list[int]) -> list[str]:
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


def timestamp_line(text: str) -> bool:
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

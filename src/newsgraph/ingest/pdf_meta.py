"""Title, date, author and outlet of a PDF from what its first pages print and its info dictionary.

The head of a document is everything before its first prose paragraph (>= 15 words ending a sentence,
not a list of names): labels, mastheads, the title, bylines, dates, journal boxes. It is read for
metadata and (but for a short lede sentence) left out of the body. The title is the largest type on the
first pages (lines of one size stacked under each other, a subtitle in nearly the same size joined with
': '); the info dictionary's title wins only when it is not junk (a file name, 'Microsoft Word - ...'),
not a short site name beside a longer printed title, and the first pages print most of its words; a
browser print with neither takes the title from its running header. Dates come from the head (a
labelled or bare date line, a journal 'Vol.' line), then from a URL in the running headers and footers;
a browser print stops there (its header date and creation date are the day it was printed), other files
then take a month in the running furniture ('HUMAN RIGHTS WATCH | MAY 2019') or their creation date.
Authors: a byline in the head, a list of names there ('First Author et al.' past three), the info
dictionary's names in the order the text prints them, an 'Author Information' section, signature lines
('Jane Doe, Analyst in Foreign Affairs').
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field

from . import dates
from .pdf_layout import Line
from .pdf_text import TERMINAL, Paragraph
from .plaintext import author_from_byline

PROSE_WORDS = 15
HEAD_PAGES = 3  # the head ends on one of the first pages or there is none
TITLE_MIN_RATIO = 1.15  # title type is at least this much larger than the body's
MIN_TITLE_WORDS = 2
MAX_TITLE_WORDS = 40
MAX_NAMED_AUTHORS = 3  # more names than this are written 'First Author et al.'
JUNK_TITLE = re.compile(r"^(microsoft (word|powerpoint|excel)\s*-|untitled|document\d*$|slide \d+$|"
                        r"powerpoint presentation$)|\.(docx?|pdf|indd|odt|rtf|tex|pptx?)$", re.I)
SITE_SUFFIX = re.compile(r"^(?P<title>.{12,}?)\s+[|–—-]\s+(?P<site>[^|–—-]{2,40})$")
BROWSER = re.compile(r"skia|print to pdf|cairo|chrome|mozilla|webkit|wkhtmltopdf|qt \d|electron", re.I)
PAGE_URL = re.compile(r"https?://[^/\s]+/\S{8,}")
PRINT_STAMP = re.compile(r"\b\d{1,2}/\d{1,2}/(?:19|20)?\d{2}\b|\b\d{1,2}:\d{2}\s*(?:[AaPp]\.?[Mm]\.?)")
URL = re.compile(r"https?://\S+")
VOLUME_YEAR = re.compile(r"\b((?:19|20)\d{2})\b[^\n]{0,20}\bVol\b|\bVol\b[^\n]{0,40}\(((?:19|20)\d{2})\)", re.I)
NAME = re.compile(r"^[A-ZÀ-Ý][\w’'.-]*(?:\s+[A-ZÀ-Ý][\w’'.-]*){1,3}$")
NAME_SPLIT = re.compile(r"\s*(?:,|;|\band\b|&)\s*")
BYLINE_START = re.compile(r"^(by|written by|authors?:?)\s", re.I)
SIGNATURE = re.compile(r"^([A-ZÀ-Ý][\w’'.-]*(?:\s+[A-ZÀ-Ý][\w’'.-]*){1,3}),\s+(?:(?:Senior|Associate|Assistant|"
                       r"Lead|Principal|Chief|Visiting)\s+)?(?:Analyst|Specialist|Researcher|Research Fellow|Fellow|"
                       r"Director|Professor|Coordinator|Economist|Attorney|Legislative Attorney|Editor|"
                       r"Correspondent|Reporter)\b")
ROLE = re.compile(r"\b(Analyst|Specialist|Researcher|Fellow|Director|Professor|Coordinator|Economist|Attorney|"
                  r"Editor|Correspondent|Reporter|Manager|Disclaimer|Information)\b")
SIGNATURE_WINDOW = 30  # signature lines stand among the last paragraphs
COPYRIGHT = re.compile(r"(?i:©|\(c\)|copyright)\s*©?\s*(?:19|20)\d{2},?\s+(?i:by\s+)?(?:[Tt]he\s+)?"
                       r"((?!All\b)[A-Z][\w&'’-]*(?:\s+(?!All\b)[A-Z][\w&'’-]*){0,5})")
AUTHOR_HEADINGS = re.compile(r"^(author information|about the authors?|authors?)$", re.I)


@dataclass
class PdfMeta:
    """What the document says about itself; head holds the paragraphs kept out of the body."""

    title: str | None = None
    published: str | None = None
    precision: str = "unknown"
    author: str | None = None
    outlet: str | None = None
    url: str | None = None
    head: list[Paragraph] = field(default_factory=list)
    web_print: bool = False  # printed from a browser: a web page, with a web page's furniture


def document_meta(info: dict[str, str], pages: list[list[Line]], size: float, paras: list[Paragraph]) -> PdfMeta:
    """Metadata from the head of the document, its running furniture and its info dictionary."""
    meta = PdfMeta()
    meta.head = _head(paras)
    furniture = [ln.text for page in pages for ln in page if ln.kind.startswith("running")]
    meta.web_print = bool(BROWSER.search(f"{info.get('Producer', '')} {info.get('Creator', '')}")) \
        or _print_furniture(furniture)
    meta.title, meta.outlet = _title(info, pages, size)
    if meta.title is None and meta.web_print:
        meta.title, site = _header_title(furniture)
        meta.outlet = meta.outlet or site
    meta.outlet = meta.outlet or _header_site(furniture, meta.title)
    meta.published, meta.precision = _published(info, meta.head, furniture, meta.web_print)
    meta.author = _author(info, meta.head, paras)
    meta.url = next((u for t in furniture for u in URL.findall(t) if not u.endswith(("...", "…"))), None)
    return meta


def _print_furniture(furniture: list[str]) -> bool:
    """A browser's print header/footer: the page URL and the print date or time run on every page."""
    return any(PAGE_URL.search(t) for t in furniture) and any(PRINT_STAMP.search(t) for t in furniture)


def _head(paras: list[Paragraph]) -> list[Paragraph]:
    for k, p in enumerate(paras):
        if p.lines[0].page >= HEAD_PAGES:
            return []
        if _prose(p):
            return paras[:k]
    return []


def _prose(p: Paragraph) -> bool:
    return p.words >= PROSE_WORDS and bool(re.search(r"\w\w[.!?…][\"'”’»)\]]*(\s|$)", p.text)) \
        and len(_name_list(p.text)) < 2


def _title(info: dict[str, str], pages: list[list[Line]], size: float) -> tuple[str | None, str | None]:
    """The title and, when the info title ends in '- Site', the site."""
    printed = _printed_title(pages, size)
    given = " ".join((info.get("Title") or "").split())
    site = None
    m = SITE_SUFFIX.match(given)
    if m and len(m.group("site").split()) <= 4 and not JUNK_TITLE.search(given):
        given, site = m.group("title"), m.group("site").strip()
    if given and not JUNK_TITLE.search(given) and len(given.split()) >= MIN_TITLE_WORDS:
        first = " ".join(ln.text for page in pages[:2] for ln in page).lower()
        words = re.findall(r"\w+", given.lower())
        short = len(words) <= 3 and printed is not None and len(printed.split()) > len(words)
        if not printed or (sum(w in first for w in words) >= 0.6 * len(words) and not short):
            return given, site  # a short info title beside a longer printed one is a site or series name
    return printed, site


def _header_title(furniture: list[str]) -> tuple[str | None, str | None]:
    """A browser print's running header carries the page title ('<title> - Site', often cut with '...')."""
    counts: dict[str, int] = {}
    for text in furniture:
        text = URL.sub("", text).strip()
        if len(text.split()) >= 4 and not PRINT_STAMP.fullmatch(text):
            counts[text] = counts.get(text, 0) + 1
    if not counts:
        return None, None
    title = max(counts, key=lambda t: (counts[t], len(t)))
    title = PRINT_STAMP.sub("", title).strip()
    if title.endswith(("...", "…")):  # cut by the browser: the last word is partial
        title = title.rstrip(".…").rsplit(" ", 1)[0]
    m = SITE_SUFFIX.match(title)
    if m and len(m.group("site").split()) <= 4:
        return m.group("title"), m.group("site").strip()
    return title, None


def _header_site(furniture: list[str], title: str | None) -> str | None:
    """'<title> - Site' in a browser print's running header names the site."""
    for text in furniture:
        m = SITE_SUFFIX.match(text)
        if m and title and len(m.group("site").split()) <= 4 and m.group("title").strip().endswith(title[-12:]):
            return m.group("site").strip()
    return None


def same_text(a: str, b: str) -> bool:
    """Equal but for case, punctuation and spacing."""
    return re.sub(r"\W+", " ", a).strip().lower() == re.sub(r"\W+", " ", b).strip().lower()


def copyright_holder(lines: list[str]) -> str | None:
    """The publisher named by a short copyright line ('Copyright © 2019 Human Rights Watch')."""
    for text in lines:
        m = COPYRIGHT.search(text)
        if m and len(text.split()) <= 12:
            return m.group(1)
    return None


def _printed_title(pages: list[list[Line]], size: float) -> str | None:
    """The largest type of the first pages: stacked lines of one size, a subtitle joined with ': '."""
    for page in pages[:2]:
        lines = [ln for ln in page if ln.kind in ("", "title") and re.search(r"[A-Za-zÀ-ÿ]{2}", ln.text)]
        big = [ln for ln in lines if ln.size >= TITLE_MIN_RATIO * size]
        if not big:
            continue
        for top in sorted({round(ln.size, 1) for ln in big}, reverse=True):
            block = _stack([ln for ln in big if ln.size >= 0.9 * top], top)
            text = _join_title(block)
            if text and MIN_TITLE_WORDS <= len(text.split()) <= MAX_TITLE_WORDS and not dates.date_bar(text):
                for ln in block:
                    ln.kind = ln.kind or "title"
                return text
    return None


def _stack(lines: list[Line], top: float) -> list[Line]:
    """The first line in top type and the lines stacked under it (aligned, one line apart)."""
    lines = sorted(lines, key=lambda x: -x.y1)
    first = min(lines, key=lambda ln: (abs(ln.size - top), -ln.y1))
    block = [first]
    for ln in lines:
        if ln.y1 >= block[-1].y1:
            continue
        prev = block[-1]
        aligned = abs(ln.x0 - prev.x0) < 3 or abs((ln.x0 + ln.x1) - (prev.x0 + prev.x1)) < 6
        if aligned and prev.y0 - ln.y1 < 0.9 * prev.size:
            block.append(ln)
        elif prev.y0 - ln.y1 >= 0.9 * prev.size:
            break
    return block


def _join_title(block: list[Line]) -> str:
    text = block[0].text
    for prev, ln in zip(block, block[1:]):
        sep = " "
        if abs(prev.size - ln.size) > 0.02 * prev.size and not TERMINAL.search(text):
            sep = ": "  # a subtitle in nearly the same type
        text = text + ("" if text.endswith("-") else sep) + ln.text
    return " ".join(text.split())


def _published(info: dict[str, str], head: list[Paragraph], furniture: list[str],
               web_print: bool) -> tuple[str | None, str]:
    context = " ".join(p.text for p in head)
    updates: list[tuple[str, str]] = []
    for p in head:
        if p.words > 25:
            continue
        pd, update_only = dates.published_in_line(p.text)
        if pd is not None:
            iso, precision = dates.resolve(pd, context)
            if iso and not update_only:
                return iso, precision
            if iso:
                updates.append((iso, precision))
        m = VOLUME_YEAR.search(p.text)
        if m:
            return m.group(1) or m.group(2), "year"
    if updates:
        return updates[0]
    for text in furniture:
        for url in URL.findall(text):
            iso, precision = dates.date_from_url(url)
            if iso:
                return iso, precision
    if web_print:  # a browser's header and the file's creation date tell when the page was printed
        return None, "unknown"
    for text in furniture:
        pd = dates.find_date(text)
        if pd is not None and pd.year is not None and pd.month is not None:
            return dates.resolve(pd, text)
    m = re.match(r"D:((?:19|20)\d{2})(\d{2})(\d{2})", info.get("CreationDate", ""))
    if m:
        return dates.normalise_given(f"{m.group(1)}-{m.group(2)}-{m.group(3)}")
    return None, "unknown"


def _author(info: dict[str, str], head: list[Paragraph], paras: list[Paragraph]) -> str | None:
    for p in head:
        if p.words <= 12 and BYLINE_START.match(p.text):
            name = author_from_byline(p.text)
            if name:
                return name
    for p in head:
        names = _name_list(p.text)
        if names and len(names) >= 2:
            return names[0] + " et al." if len(names) > MAX_NAMED_AUTHORS else ", ".join(names)
    given = _name_list(info.get("Author", ""))
    if given:
        text = " ".join(p.text for p in paras)
        given.sort(key=lambda n: text.find(n) if n in text else len(text))
        return given[0] + " et al." if len(given) > MAX_NAMED_AUTHORS else ", ".join(given)
    for k, p in enumerate(paras):  # an 'Author Information' section at the end of a report
        if AUTHOR_HEADINGS.match(p.text.strip()):
            names = [q.text.split(",")[0] for q in paras[k + 1:k + 10]
                     if NAME.match(q.text.split(",")[0]) and not ROLE.search(q.text.split(",")[0])]
            if names:
                return ", ".join(names) if len(names) <= MAX_NAMED_AUTHORS else names[0] + " et al."
    signed = [m.group(1) for p in paras[-SIGNATURE_WINDOW:] if p.words <= 12 and (m := SIGNATURE.match(p.text))]
    if signed:  # 'Jane Doe, Analyst in Foreign Affairs' lines at the end of a report
        return ", ".join(signed) if len(signed) <= MAX_NAMED_AUTHORS else signed[0] + " et al."
    return None


def _name_list(text: str) -> list[str]:
    """Personal names when the text is nothing but a list of them."""
    parts = [p.strip() for p in NAME_SPLIT.split(text or "") if p.strip()]
    if not parts or not all(NAME.match(p) for p in parts):
        return []
    return parts

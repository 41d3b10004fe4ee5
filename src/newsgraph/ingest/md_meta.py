"""Markdown articles' metadata: title, author, outlet and URL from the front matter first, then from what the body
and the cleaner found (a '| Site' title suffix, header fields, bylines, wire credits, copyright notices)."""
from __future__ import annotations

import html
import re
from typing import TYPE_CHECKING

from . import frontmatter, metadata
from .frontmatter import FrontMatter
from .furniture import BYLINE_ROLE, looks_like_name, words_of
from .md_render import Block
from .plaintext import CleanedText, author_from_byline

if TYPE_CHECKING:
    from .markdown import _Prepared

_SITE_SUFFIX = re.compile(r"^(?P<title>.+?)\s+(?P<sep>[|–—»·:]|-)\s+(?P<site>[^|–—»·]{2,60})$")
_AGENCY = re.compile(r"\((?P<agency>[A-Z][\w.&' -]{1,30})\)\s*[—–-]")
_COPYRIGHT = re.compile(r"(?:©|\(c\)|\bcopyright\b)\s*(?:\d{4}(?:\s*[-–]\s*\d{4})?\s*)?(?P<holders>[^©]{3,120})$",
                        re.I)
_STAFF_WORDS = re.compile(r"\b(staff|desk|team|newsroom|agency|agencies|editors?|reporters?|correspondents?|"
                          r"bureau|wires?|news)\b", re.I)
_NOT_AUTHOR = re.compile(r"^(admin|administrator|editor|editors|staff|team|guest|anonymous|unknown|none|null|"
                         r"webmaster|newsroom|news desk)$", re.I)


def squash(text: str) -> str:
    """The words of text, casefolded, one space apart: how titles, headings and site names are compared."""
    return " ".join(words_of(text.casefold()))


def front_title(fm: FrontMatter) -> str | None:
    """The title as written, without markdown escapes ('Jen\\_Psaki') or HTML entities."""
    title = frontmatter.as_text(fm.get(frontmatter.TITLE_KEYS))
    if not title:
        return None
    title = html.unescape(re.sub(r"\\([\\`*_{}\[\]()#+\-.!|~<>\"'])", r"\1", title))
    return " ".join(title.split()) or None


def title(fm_title: str | None, cleaned: CleanedText, blocks: list[Block], site_hints: list[str]) -> str | None:
    """The front-matter title without its '| Site' suffix; else the cleaner's headline; else the first heading."""
    if fm_title:
        return _without_site(fm_title, blocks, site_hints)
    if cleaned.title:
        return cleaned.title
    return next((b.text for b in blocks if b.kind == "heading" and b.level <= 2), None)


def _without_site(title: str, blocks: list[Block], site_hints: list[str]) -> str:
    """'Headline | Reuters' -> 'Headline'. A '|' suffix always goes; after a dash only when it names the site
    (front-matter outlet, URL host) or the page prints the headline without it ('Ukraine - Live updates' stays)."""
    m = _SITE_SUFFIX.match(title)
    if not m or m.group("sep") == ":" or len(m.group("title").split()) < 3 or not m.group("site")[:1].isupper():
        return title
    head, site = m.group("title").strip(), m.group("site").strip()
    printed = any(squash(b.text) == squash(head) for b in blocks if not b.prose)
    if printed:  # the page prints the headline alone: whatever follows it in the title is the site
        return head
    if len(site.split()) > 5:
        return title
    if m.group("sep") in "|»·":
        return head
    squashed = squash(site).replace(" ", "")
    named = any(squashed and (squashed in hint or hint in squashed) for hint in site_hints if len(hint) >= 3)
    return head if named else title


def site_hints(fm: FrontMatter, url: str | None) -> list[str]:
    """Squashed names the site goes by: front-matter outlet names and the URL's host labels."""
    hints = [squash(n).replace(" ", "") for n in frontmatter.names_in(fm.get(frontmatter.OUTLET_KEYS))
             if not re.match(r"^(https?:)?//|^www\.", n)]
    host = metadata.outlet_from_url(url) or ""
    hints += [label for label in host.split(".")[:-1] if label not in ("www", "co", "com", "org", "net")]
    return [h for h in hints if h]


def author(fm: FrontMatter, prep: "_Prepared", cleaned: CleanedText) -> str | None:
    """Front-matter authors, an 'authors:' header field, the cleaner's byline, a wire 'Writing by' credit."""
    names = [_person(n) for n in frontmatter.names_in(fm.get(frontmatter.AUTHOR_KEYS))]
    names = [n for n in names if n]
    if names:
        return ", ".join(dict.fromkeys(names))
    for value in prep.authors:
        name = _person(value)
        if name:
            return name
    removed = prep.removed + cleaned.removed
    return metadata.author(cleaned) or metadata.author_from_credits(prep.credits + cleaned.removed) \
        or _copyright_authors(removed)


def _copyright_authors(lines: list[str]) -> str | None:
    """The people a foot copyright notice names after its holder ('Original article © RIA FAN, Kirill Denar,
    Matvey Arkov'; '© Jane Doe, John Roe'): a republished piece's credit line. A notice naming one holder
    only ('© 2024 Thomson Reuters') names no author."""
    for line in reversed(lines):
        m = _COPYRIGHT.search(line)
        if not m:
            continue
        parts = [p.strip(" .") for p in re.split(r"[,;/|]|\s+(?:and|&)\s+", m.group("holders"))]
        if len(parts) < 2 or not parts[0]:
            continue
        people = parts if looks_like_name(parts[0]) and not parts[0].isupper() else parts[1:]
        names = [n for n in (_person(p) for p in people if looks_like_name(p)) if n]
        if names and len(names) == len(people):
            return ", ".join(dict.fromkeys(names))
    return None


def _person(value: str) -> str | None:
    """A person's name from an author value ('Ishaan Tharoor, Washington Post', 'By Jane Doe', '[[Jane Doe]]',
    'Jane Doe <jane@example.org>')."""
    value = re.sub(r"\[\[(?:[^\]|]*\|)?([^\]]*)\]\]", r"\1", value)
    value = re.sub(r"<[^>]*>|\(\s*@?[\w.-]+@?[\w.-]*\s*\)|\S+@\S+\.\w+", " ", value)
    value = " ".join(value.split()).strip(" ,;")
    if re.fullmatch(r"[a-z]+(?:[-_][a-z]+){1,3}", value):  # a taxonomy slug: 'adrian-liberto'
        value = " ".join(w.capitalize() for w in re.split(r"[-_]", value))
    if not value or _NOT_AUTHOR.match(value) or "@" in value and " " not in value or BYLINE_ROLE.match(value):
        return None
    name = author_from_byline(value if re.match(r"(?i)by\s", value) else f"By {value}")
    if not name or len(name.split()) < 2 or _STAFF_WORDS.search(name):
        return None  # 'Staff', 'AFP', 'Reuters Staff': not a person
    return name


def outlet(fm: FrontMatter, cleaned: CleanedText, body: str, url: str | None) -> str | None:
    """The front matter's site or source name; else the page's own notices; a wire agency in the dateline;
    the '| Site' suffix of the title; the URL's host."""
    for name in frontmatter.names_in(fm.get(frontmatter.OUTLET_KEYS)):
        if not re.match(r"^(https?:)?//|^www\.", name) and any(c.isalpha() for c in name):
            return name
    found = metadata.outlet(cleaned, None)
    if found:
        return found
    m = metadata.DATELINE.match(body[:200])
    agency = _AGENCY.search(m.group(0)) if m else None
    if agency:
        return agency.group("agency").strip()
    title = front_title(fm)
    m2 = _SITE_SUFFIX.match(title or "")
    if m2 and len(m2.group("site").split()) <= 5 and m2.group("sep") != ":":
        return m2.group("site").strip()
    return metadata.outlet_from_url(url)


def front_url(fm: FrontMatter) -> str | None:
    for key in frontmatter.URL_KEYS:
        found = frontmatter.url_in(fm.get((key,)))
        if found:
            return found if "//" not in found[:2] else f"https:{found}"
    return None

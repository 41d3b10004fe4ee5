"""Publication date, author and outlet from the lines the cleaner removed, the body and the URL."""
from __future__ import annotations

import re
from datetime import date
from urllib.parse import urlparse

from . import dates
from .furniture import looks_like_name
from .plaintext import CleanedText, author_from_byline, lone_name

# A dateline opening the body: "MOSCOW, Feb 7 (Reuters) -" / "BAMAKO, 7 February 2023 —" / "MOSCOW, October 3.
# /TASS/." (agency between slashes), or a title-case place with a date: "Kyiv, 3 March 2024 (Ukrinform) -".
_AGENCY_SLASHES = r"/[A-Za-z][\w-]{1,15}/\.?"
_SHORT_DATE = r"(?:\d{1,2}(?:st|nd|rd|th)?\s+[A-Z][a-z]{2,8}\.?|[A-Z][a-z]{2,8}\.?\s+\d{1,2}(?:st|nd|rd|th)?)(?:,?\s+\d{4})?"
DATELINE = re.compile(
    rf"^(?P<head>[A-ZÀ-Ý][A-ZÀ-Ý .'’-]{{2,40}}(?:,[^\n—–-]{{0,40}})?(?:\([^)]{{1,30}}\))?)"
    rf"(?:\s*[—–-]{{1,2}}\s|\s*{_AGENCY_SLASHES}\s)"
    rf"|^(?P<head2>[A-ZÀ-Ý][a-zà-ÿ’'-]+(?:\s[A-ZÀ-Ý][a-zà-ÿ’'-]+){{0,2}},?\s+{_SHORT_DATE}\.?\s*(?:\([^)]{{1,30}}\))?)"
    rf"\s*(?:[—–:-]{{1,2}}|{_AGENCY_SLASHES})\s"
)
OUTLET_IN_BIO = re.compile(r"\b(?:for|at|with)\s+(?P<o>(?:[Tt]he\s+)?[A-Z][\w&'’.-]*(?:\s+[A-Z][\w&'’.-]*){0,5})")
OUTLET_PUBLISHER = re.compile(
    r"\b(?:published|prepared|produced|provided) by\s+(?:the\s+)?(?P<o>[A-Z][\w&'’.-]*(?:\s+[A-Z][\w&'’.-]*){0,5})"
)
OUTLET_COPYRIGHT = re.compile(
    r"(?:©|\(c\)|copyright)\s*(?:©\s*)?(?:(?:19|20)\d{2}(?:\s*[-–]\s*(?:19|20)\d{2})?)?,?\s*(?:the\s+)?"
    r"(?P<o>[A-Z][\w&'’.-]*(?:\s+[A-Z][\w&'’.-]*){0,5})",
    re.IGNORECASE,
)
LEGAL_SUFFIX = re.compile(
    r"\s+(foundation|inc|ltd|llc|gmbh|corp|corporation|limited|plc|s\.?a|s\.?a\.?s|ag|company|co)\.?$", re.I
)
NOT_OUTLET = re.compile(r"^(all|rights|reserved|the|this|our|images?|texts?)$", re.I)


# A date at the end of a URL slug: ".../kremlin-says-...-call-2025-02-10" (the path form is dates.URL_DATE).
URL_SLUG_DATE = re.compile(r"[-_/]((?:19|20)\d{2})-([01]\d)-([0-3]\d)(?=[/._?#-]|$)")
# "Writing by Jane Doe" / "Reporting by John Roe": a wire story's credit line; the writer is its author.
CREDIT_ROLE = re.compile(r"\b(?P<role>(?i:writing|written|reporting|reported))\s+(?i:by)\s+"
                         r"(?P<names>[A-ZÀ-Ý][^;:|]{2,80}?)"
                         r"(?=\s*(?:[;|]|\b(?:[A-Z][a-z]+ing|Additional|Edited|Compiled)\b|$))")
_FOOT_BYLINE = re.compile(r"^By\s+[A-ZÀ-Ý][\w’'.-]+(\s+[A-ZÀ-Ý][\w’'.-]+){1,3}(\s+(for|of|at)\s+\S.{0,40}|,\s*\S.{0,40})?"
                          r"\.?$")
DATE_SOURCES = ("given", "front_matter", "text", "byline", "dateline", "url", "page", "images")


def published(cleaned: CleanedText, full_text: str, url: str | None) -> tuple[str | None, str]:
    """Header date lines (the cleaner ranks them: labelled fields and dated bylines first), then a dateline
    at the top of the body, then the URL. A numeric date such as 04/05/2020 is read in the order the page
    writes its other dates."""
    iso, precision, _source = published_with_source(cleaned, full_text, url)
    return iso, precision


def published_with_source(cleaned: CleanedText, full_text: str, url: str | None,
                          front: tuple[str, str] | None = None, front_is_crawl: bool = False
                          ) -> tuple[str | None, str, str | None]:
    """The publication date, its precision and which evidence gave it (one of DATE_SOURCES).

    A front-matter date is taken unless the article's own evidence contradicts it: a dateline opening the
    body or a date in the URL that differ from it (a date copied from a photo caption, a repost date); then
    the dateline (its year from the URL or the front matter) wins, else the URL. A front-matter date equal
    to the file's crawl stamp is used only when the page itself shows no date."""
    url_iso, url_precision = url_date(url)
    line_date = _header_date(cleaned, full_text)
    dateline = _dateline_date(cleaned, full_text, url_iso, front[0] if front else None)
    if front and front[0] and not front_is_crawl:
        own = [(dateline, "dateline"), ((url_iso, url_precision) if url_iso else None, "url")]
        for evidence, source in own:
            if evidence and not _agree(front[0], evidence[0]):
                return evidence[0], evidence[1], source
        return front[0], front[1], "front_matter"
    if line_date:
        return line_date
    if dateline:
        return dateline[0], dateline[1], "dateline"
    if url_iso:
        return url_iso, url_precision, "url"
    if front and front[0]:
        return front[0], front[1], "front_matter"
    return None, "unknown", None


def _header_date(cleaned: CleanedText, full_text: str) -> tuple[str, str, str] | None:
    for line in cleaned.date_lines:
        pd, _update = dates.published_in_line(line)
        pd = dates.with_page_order(pd, full_text) if pd is not None else None
        if pd is not None:
            iso, precision = dates.resolve(pd, full_text)
            if iso:
                return iso, precision, "byline" if re.search(r"\bby\b", line, re.I) else "text"
    return None


def _dateline_date(cleaned: CleanedText, full_text: str, url_iso: str | None, front_iso: str | None
                   ) -> tuple[str, str] | None:
    """The date of a dateline opening the body; a yearless one ('MOSCOW, Feb 10 (Reuters) -') takes its
    year from the URL, else from the front-matter date (the year before when the day is later than it)."""
    m = DATELINE.match(cleaned.body[:200])
    pd = dates.find_date(m.group("head") or m.group("head2")) if m else None
    if pd is None:
        return None
    if pd.year is None and pd.month and pd.day:
        for anchor in (url_iso, front_iso):
            if anchor and len(anchor) >= 4:
                year = int(anchor[:4])
                if anchor is front_iso and len(anchor) >= 10 and (pd.month, pd.day) > (int(anchor[5:7]),
                                                                                     int(anchor[8:10])):
                    year -= 1
                iso, precision = dates.resolve(dates.PartialDate(year, pd.month, pd.day), full_text)
                return (iso, precision) if iso else None
    iso, precision = dates.resolve(pd, full_text)
    return (iso, precision) if iso else None


def _agree(a: str, b: str) -> bool:
    """Two ISO dates agree at the precision they share; full dates may differ by a day (time zones)."""
    n = min(len(a), len(b))
    if n >= 10:
        try:
            return abs((date.fromisoformat(a[:10]) - date.fromisoformat(b[:10])).days) <= 1
        except ValueError:
            return a[:10] == b[:10]
    return a[:n] == b[:n]


def url_date(url: str | None) -> tuple[str | None, str]:
    """A date in the URL: a dated path (/2023/06/30/) or a dated slug (...-2023-06-30)."""
    iso, precision = dates.date_from_url(url)
    if iso or not url:
        return iso, precision
    m = URL_SLUG_DATE.search(urlparse(url if "//" in url else f"//{url}").path)
    if m:
        return dates.normalise_given("-".join(m.groups()))
    return None, "unknown"


def author_from_credits(lines: list[str]) -> str | None:
    """The writer named in a wire credit line ('Reporting by A; Writing by B; Editing by C'): the writer,
    else the first reporter."""
    found: dict[str, str] = {}
    for line in lines:
        for m in CREDIT_ROLE.finditer(line):
            role = "writing" if m.group("role").lower().startswith("writ") else "reporting"
            names = re.split(r"\s+(?:and|&)\s+|,\s*", m.group("names").strip(" .,"))
            if names and looks_like_name(names[0]):
                found.setdefault(role, names[0])
    return found.get("writing") or found.get("reporting")


def author(cleaned: CleanedText) -> str | None:
    """A named byline or 'Author:' field, else the name line of the author box."""
    for line in cleaned.byline_lines:
        name = author_from_byline(line)
        if name:
            return name
    if cleaned.bio_name:
        return cleaned.bio_name
    for line in cleaned.name_lines:
        name = lone_name(line)
        if name:
            return name
    for line in cleaned.removed:  # a syndicated piece's byline at its foot: "By Jane Doe for Example.com"
        if _FOOT_BYLINE.match(line):
            name = author_from_byline(line)
            if name:
                return name
    return None


def outlet(cleaned: CleanedText, url: str | None) -> str | None:
    """The outlet named by the author box or a copyright/publisher notice; else the URL's domain."""
    candidates = []
    if cleaned.bio_text:
        candidates += [m.group("o") for m in OUTLET_IN_BIO.finditer(cleaned.bio_text)]
    for line in cleaned.removed:
        candidates += [m.group("o") for m in OUTLET_PUBLISHER.finditer(line)]
        candidates += [m.group("o") for m in OUTLET_COPYRIGHT.finditer(line)]
    if cleaned.title_site:
        candidates.append(cleaned.title_site)
    for cand in candidates:
        name = _tidy_outlet(cand)
        if name:
            return name
    return outlet_from_url(url)


def outlet_from_url(url: str | None) -> str | None:
    """The host name without 'www.', the last resort for an outlet."""
    if not url:
        return None
    host = urlparse(url if "//" in url else f"//{url}").hostname or ""
    host = host.removeprefix("www.")
    return host or None


def _tidy_outlet(name: str) -> str | None:
    name = name.strip(" .,;:")
    name = LEGAL_SUFFIX.sub("", name).strip(" .,;:")
    if not name or NOT_OUTLET.match(name) or not any(c.isalpha() for c in name):
        return None
    return name

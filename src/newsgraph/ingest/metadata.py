"""Publication date, author and outlet from the lines the cleaner removed, the body and the URL."""
from __future__ import annotations

import re
from urllib.parse import urlparse

from . import dates
from .plaintext import CleanedText, author_from_byline, lone_name

# A dateline opening the body: "MOSCOW, Feb 7 (Reuters) -" / "BAMAKO, 7 February 2023 —".
DATELINE = re.compile(r"^(?P<head>[A-ZÀ-Ý][A-ZÀ-Ý .'’-]{2,40}(?:,[^\n—–-]{0,40})?(?:\([^)]{1,30}\))?)\s*[—–-]{1,2}\s")
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


def published(cleaned: CleanedText, full_text: str, url: str | None) -> tuple[str | None, str]:
    """Header date lines (the cleaner ranks them: labelled fields and dated bylines first), then a dateline
    at the top of the body, then the URL. A numeric date such as 04/05/2020 is read in the order the page
    writes its other dates."""
    for line in cleaned.date_lines:
        pd, _update = dates.published_in_line(line)
        pd = dates.with_page_order(pd, full_text) if pd is not None else None
        if pd is not None:
            iso, precision = dates.resolve(pd, full_text)
            if iso:
                return iso, precision
    m = DATELINE.match(cleaned.body[:200])
    if m:
        pd = dates.find_date(m.group("head"))
        if pd is not None:
            iso, precision = dates.resolve(pd, full_text)
            if iso:
                return iso, precision
    return dates.date_from_url(url)


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

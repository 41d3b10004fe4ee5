"""When a markdown article was published: its metadata, front matter and header fields, read against the page."""
from __future__ import annotations

import re
from collections.abc import Mapping

from . import dates, frontmatter, metadata
from .frontmatter import FrontMatter
from .plaintext import CleanedText


def markdown_published(given: Mapping[str, str | None], fm: FrontMatter, cleaned: CleanedText,
                       header_dates: list[tuple[str, str]], body: str, url: str | None, markdown: str
                       ) -> tuple[str | None, str, str | None]:
    """Date, precision and source: given metadata, then front matter checked against the page's own dateline and
    URL, header date fields, and, for a page with no date at all, the month its pictures were uploaded."""
    if given.get("published"):
        iso, precision = dates.normalise_given(given["published"], body)
        if iso:
            return iso, precision, "given"
    front, is_crawl = _front_date(fm, body)
    if header_dates and not cleaned.date_lines:
        cleaned.date_lines = [f"Published: {value}" for value, _ in header_dates]
    if not front and header_dates:  # 'publish date: 2020-08-26 16:39:50+08:00' under the headline
        for value, _label in header_dates:
            iso, precision = dates.normalise_given(value, body)
            if iso:
                front, is_crawl = (iso, precision), False
                break
        if front:
            iso, precision, source = metadata.published_with_source(cleaned, body, url, front)
            return iso, precision, "text" if source == "front_matter" else source
    iso, precision, source = metadata.published_with_source(cleaned, body, url, front, is_crawl)
    if iso is None:
        iso, precision = dates.upload_month(markdown)
        source = "images" if iso else None
    return iso, precision, source


def _front_date(fm: FrontMatter, body: str) -> tuple[tuple[str, str] | None, bool]:
    """The front matter's publication date and whether it is weak: only the crawl stamp (within a minute
    of it) or only the date the file was created."""
    weak = False
    value = fm.get(frontmatter.PUBLISHED_KEYS)
    if value is None:
        value, weak = fm.get(frontmatter.CREATED_KEYS), True
    text = frontmatter.as_text(value)
    if not text:
        return None, False
    if re.fullmatch(r"\d{9,13}", text):  # unix seconds or milliseconds
        stamp = frontmatter.timestamp(int(text))
        text = stamp.date().isoformat() if stamp else text
    iso, precision = dates.normalise_given(text, body)
    if not iso:
        return None, False
    stamp = frontmatter.timestamp(value)
    crawl = frontmatter.timestamp(fm.get(frontmatter.CRAWL_KEYS))
    weak = weak or bool(stamp and crawl and abs((stamp - crawl).total_seconds()) <= 60)
    return (iso, precision), weak

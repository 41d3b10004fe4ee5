"""Build Article records from page text or HTML; metadata given by the caller wins over guesses."""
from __future__ import annotations

import re
from collections.abc import Mapping

from ..errors import NoText
from ..records import Article
from . import dates, metadata
from .furniture import has_words, words_of
from .html import MIN_ARTICLE_WORDS, extract_html
from .language import detect_language
from .plaintext import CleanedText, clean_plaintext

GIVEN_KEYS = ("title", "published", "author", "outlet", "url")
GLUED_TAIL_MAX_WORDS = 12  # what may follow a glued foot byline ('More Top Reads From Example.com:')

# Page furniture glued into a paragraph when a page was saved as one line: a foot byline after the last
# sentence ('... players. By Jane Doe for Example.com More Top Reads From Example.com:') and a 'Related:'
# headline between two sentences ('... below $50. Related: Shale Under Pressure As Oil Falls His comments ...').
_GLUED_BYLINE = re.compile(r"(?<=[.!?”\"’])\s+(By\s+[A-ZÀ-Ý][\w’'.-]+(?:\s+[A-ZÀ-Ý][\w’'.-]+){1,3}"
                           r"\s+(?:for|of|at)\s+\S+)(?:\s+(\S[\s\S]*?))?\s*$")
_GLUED_RELATED = re.compile(r"(?<=[.!?”\"’])\s+((?:Related|Read (?:more|also)|See also)\s*:\s+"
                            r"(?:[A-Z$\d][\w$%’'.,-]*\s+){2,16}?)([A-Z][\w’']*\s+[a-z])")


def article_from_text(
    text: str, *, doc_id: str, source: str, given: Mapping[str, str | None] | None = None
) -> Article:
    """Clean a plain-text page and fill in what it says about itself."""
    given = given or {}
    cleaned = clean_plaintext(unglue_furniture(text))
    if not has_words(cleaned.body, MIN_ARTICLE_WORDS):
        raise NoText("no article text found (nothing but page furniture or symbols)", source=source)
    url = given.get("url")
    published, precision, date_source = _published(given, cleaned, text, url)
    return Article(
        doc_id=doc_id,
        body=cleaned.body,
        title=given.get("title") or cleaned.title,
        published=published,
        published_precision=precision,
        published_source=date_source,
        author=given.get("author") or metadata.author(cleaned),
        outlet=given.get("outlet") or metadata.outlet(cleaned, url),
        language=detect_language(cleaned.body),
        url=url,
        source=source,
        removed=tuple(cleaned.removed),
    )


def unglue_furniture(text: str) -> str:
    """Put a foot byline glued after a paragraph's last sentence, and a 'Related:' headline glued between two
    sentences, on lines of their own, so the cleaner sees them as the furniture they are."""
    def byline(m: re.Match) -> str:
        tail = m.group(2) or ""
        if len(words_of(tail)) > GLUED_TAIL_MAX_WORDS or re.search(r"[.!?]\s+[A-Z]|\n\s*\n", tail):
            return m.group(0)
        return "\n\n" + m.group(1) + ("\n\n" + tail if tail else "")

    parts = re.split(r"(\n[ \t\r]*\n)", text)  # paragraphs (a hard-wrapped one spans lines) and what parts them
    # a match holds 'By' (the byline) or ':' (the label): the others are not scanned (4/5 of the subs' CPU)
    parts = [_GLUED_BYLINE.sub(byline, part) if "By" in part else part for part in parts]
    return "".join(_GLUED_RELATED.sub(lambda m: "\n\n" + m.group(1).strip() + "\n\n" + m.group(2), part)
                   if ":" in part else part for part in parts)


def article_from_html(
    html: str, *, doc_id: str, source: str, given: Mapping[str, str | None] | None = None
) -> Article:
    """Extract the article from a page with trafilatura and keep its metadata unless given."""
    given = given or {}
    page = extract_html(html, given.get("url"), source=source)
    url = given.get("url") or page.url
    cleaned = CleanedText(body=page.body)
    if given.get("published"):
        published, precision = dates.normalise_given(given["published"], page.body)
        date_source = "given" if published else None
    elif page.date:
        published, precision = dates.normalise_given(page.date, page.body)
        date_source = "page" if published else None
    else:
        published, precision, date_source = metadata.published_with_source(cleaned, page.body, url)
    return Article(
        doc_id=doc_id,
        body=page.body,
        title=given.get("title") or page.title,
        published=published,
        published_precision=precision,
        published_source=date_source,
        author=given.get("author") or page.author,
        outlet=given.get("outlet") or page.sitename or metadata.outlet_from_url(url),
        language=detect_language(page.body),
        url=url,
        source=source,
    )


def _published(
    given: Mapping[str, str | None], cleaned: CleanedText, text: str, url: str | None
) -> tuple[str | None, str, str | None]:
    if given.get("published"):
        iso, precision = dates.normalise_given(given["published"], text)
        if iso:
            return iso, precision, "given"
    return metadata.published_with_source(cleaned, text, url)

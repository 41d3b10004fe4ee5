"""Extract the article from an HTML page with trafilatura, keeping its metadata."""
from __future__ import annotations

import re
from dataclasses import dataclass

from ..errors import EncodingError, BadHTML
from . import furniture

# Chosen on the dev_trafilatura_en benchmark (bench/extraction.py): see evaluate/extraction.py.
EXTRACT_OPTIONS: dict[str, object] = {
    "include_comments": False,
    "include_tables": True,
    "favor_precision": False,
    "favor_recall": False,
}
MIN_ARTICLE_WORDS = 3  # fewer words than this is a fragment, not an article
_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?([\w-]+)""", re.IGNORECASE)


@dataclass(frozen=True)
class HtmlExtraction:
    """What trafilatura found on a page."""

    body: str
    title: str | None
    author: str | None
    date: str | None
    sitename: str | None
    url: str | None


def decode_html(data: bytes, *, source: str) -> str:
    """UTF-8, else the charset the page declares; otherwise a clear encoding error."""
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        m = _CHARSET.search(data[:4096])
        declared = m.group(1).decode("ascii", "replace").lower() if m else None
        if declared and declared not in ("utf-8", "utf8"):
            try:
                return data.decode(declared)
            except (LookupError, UnicodeDecodeError):
                pass
        raise EncodingError(
            f"invalid UTF-8 at byte {exc.start} ({exc.reason})"
            + (f", and not valid {declared} as the page declares" if declared else "")
            + "; re-save the page as UTF-8",
            source=source,
        ) from exc


def extract_html(html: str, url: str | None = None, *, source: str = "") -> HtmlExtraction:
    """Run trafilatura with our options; raise BadHTML when it finds no article."""
    # imported on the first page: trafilatura (with courlan, tld, urllib3, htmldate) was ~0.1 s CPU and 40% of
    # importing newsgraph.api in every build's parent, most of which read no HTML
    import trafilatura

    doc = trafilatura.bare_extraction(html, url=url, with_metadata=True, **EXTRACT_OPTIONS)  # type: ignore[arg-type]
    text = (getattr(doc, "text", None) or "").strip() if doc is not None else ""
    if not furniture.has_words(text, MIN_ARTICLE_WORDS):
        raise BadHTML("no article text found in the HTML page (malformed or empty page)", source=source)
    return HtmlExtraction(
        body=drop_furniture_lines(text),
        title=_clean(getattr(doc, "title", None)),
        author=_clean(getattr(doc, "author", None)),
        date=_clean(getattr(doc, "date", None)),
        sitename=_clean(getattr(doc, "sitename", None)),
        url=_clean(getattr(doc, "url", None)) or url,
    )


def drop_furniture_lines(text: str) -> str:
    """Remove the lines trafilatura kept that are plainly furniture (credits, promos, notices)."""
    kept = [line for line in text.splitlines() if furniture.furniture_kind(line, len(furniture.words_of(line))) is None]
    return "\n".join(kept).strip() or text


def _clean(value: object) -> str | None:
    return str(value).strip() or None if value else None

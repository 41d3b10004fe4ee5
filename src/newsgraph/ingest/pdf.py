"""PDF articles (reports, briefs, printed web pages): body text in reading order and what the file says about itself.

Built on pypdfium2 (Google's PDFium, the PDF engine of Chrome; Apache-2.0/BSD-3-Clause): it reads pages
lazily from the file, one page at a time, gives every character with its box, and is fast enough for a
300-page report (the 76-page dev report takes about 1.5 s, layout included). Layout (lines, columns,
overlays) is in pdf_layout, paragraphs and page furniture in pdf_text, title/date/author in pdf_meta. An image-only, encrypted, truncated or corrupt
file gets one coded error (E112-E114) and the batch goes on.
"""
from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from pathlib import Path

import pypdfium2 as pdfium
import pypdfium2.raw as pdfium_c

from ..errors import CorruptPDF, EmptyInput, EncryptedPDF, ImageOnlyPDF, NoText, TooLarge
from ..records import Article
from . import dates, furniture
from .decoding import MAX_BYTES
from .furniture import has_words, words_of
from .html import MIN_ARTICLE_WORDS
from .language import detect_language
from .pdf_layout import Line, drop_overlays, order_page, page_lines
from .pdf_meta import copyright_holder, document_meta, same_text
from .pdf_text import Hyphens, Paragraph, body_size, mark_footnotes, mark_furniture, paragraphs, rejoin_across_floats
from .plaintext import clean_plaintext

MAX_PAGES = 2000  # a 'document' longer than this is not an article or report
TAIL_BYTES = 4096  # where the %%EOF marker of a complete file must be
CAPTION_SIZE = 0.8  # in a printed web page, type this much smaller than the body's is captions and links
SCAN_WORDS_PER_PAGE = 20  # image pages with fewer words than this each are a scan ('Downloaded from ...' stamps)
MAX_UNMAPPED = 0.3  # above this share of undecodable characters the text layer is useless
MAX_CAPTION_WORDS = 80
PHOTO_CREDIT = re.compile(  # 'REUTERS/Jim Bourg', 'AFP/Getty Images', '(AP Photo/Evan Vucci)', 'Photo: Jane Doe'
    r"(?:\b(?:REUTERS|Reuters|AFP|AP|EPA|Getty Images|Bloomberg|Xinhua|Anadolu|AAP|PA)(?:\s+Photo)?\s*/\s*"
    r"[A-Z][\w.’'-]*(?:\s+[A-Z][\w.’'-]*){0,4}|\((?:AP|AFP|Reuters|EPA)\s+Photo/[^)]{2,60}\)|"
    r"\bPhoto(?:graph)?(?: by|:)\s+[A-Z][^.]{1,60})\.?\s*$")
SENTENCE_END = re.compile(r"\w\w[.!?][\"'”’»)]*$")
BYLINE = re.compile(r"^(by|written by|posted by|photo|photos)\b", re.I)
OCR_HINT = "run OCR on it first (e.g. ocrmypdf) to add a text layer"


@dataclass
class PdfPages:
    """The ordered line fragments of every page, with page sizes and the document's info dictionary."""

    pages: list[list[Line]]
    sizes: list[tuple[float, float]]
    info: dict[str, str]
    images: int  # pages that draw an image


def article_from_pdf(path: Path, *, doc_id: str, source: str) -> Article:
    """Text, reading order and metadata of a PDF."""
    doc = read_pdf(path, source=source)
    words = sum(len(ln.text.split()) for page in doc.pages for ln in page)
    n = len(doc.pages)
    if doc.images >= n / 2 and words < SCAN_WORDS_PER_PAGE * n:  # page images with at most a stamp of text
        raise ImageOnlyPDF(f"the PDF has no text layer ({doc.images} of {n} page(s) are images; {words} words "
                           f"of text in all); {OCR_HINT}", source=source)
    if words < MIN_ARTICLE_WORDS:
        raise NoText(f"the PDF has no text ({words} words on {n} page(s))", source=source)
    unmapped = _unmapped_share(doc.pages)
    if unmapped > MAX_UNMAPPED:
        raise ImageOnlyPDF(f"the PDF's text layer cannot be decoded ({unmapped:.0%} of its characters have no "
                           f"Unicode mapping in their fonts); {OCR_HINT}", source=source)
    size = body_size(doc.pages)
    mark_furniture(doc.pages, [h for _, h in doc.sizes], size)
    for page in doc.pages:
        mark_footnotes(page, size)
    flat = [ln for page in doc.pages for ln in page]
    hyphens = Hyphens(ln for ln in flat if not ln.kind)
    paras = rejoin_across_floats(paragraphs(flat, size, hyphens), size)
    meta = document_meta(doc.info, doc.pages, size, paras)
    head = {id(p) for p in meta.head if not _lead_sentence(p, size)}
    if meta.title:  # a title page repeated inside the document (a second cover, an inner title page)
        head |= {id(p) for p in paras if p.words <= 2 * len(meta.title.split()) and same_text(p.text, meta.title)}
    removed = [ln.text for ln in flat if ln.kind] + [p.text for p in paras if id(p) in head]
    kept = [p for p in paras if id(p) not in head]
    if meta.web_print:  # a printed web page: captions and link lists in small type, then the page cleaner
        first = next((k for k, p in enumerate(kept) if p.size >= CAPTION_SIZE * size), 0)  # a standfirst stays
        small = {id(p) for p in kept[first:] if p.size < CAPTION_SIZE * size}
        last = max((ln.page for ln in flat if not ln.kind and _body_prose(ln, size)), default=len(doc.pages))
        small |= {id(p) for p in kept if p.lines[0].page > last}  # pages after the article: offers, comments
        removed += [p.text for p in kept if id(p) in small]
        kept = [p for p in kept if id(p) not in small]
    page_furniture = {id(p) for p in kept if _furniture_paragraph(p.text)}
    removed += [p.text for p in kept if id(p) in page_furniture]
    kept = [p for p in kept if id(p) not in page_furniture]
    body = "\n\n".join(p.text for p in kept)
    if meta.web_print:
        cleaned = clean_plaintext(body)
        if len(words_of(cleaned.body)) >= 0.5 * len(words_of(body)):
            body = cleaned.body
            removed += cleaned.removed
    if not has_words(body, MIN_ARTICLE_WORDS):
        raise NoText("no article text found in the PDF (nothing but page furniture)", source=source)
    return Article(
        doc_id=doc_id,
        body=body,
        title=meta.title,
        published=meta.published,
        published_precision=meta.precision,
        author=meta.author,
        outlet=meta.outlet or copyright_holder(removed),
        language=detect_language(body),
        url=meta.url,
        source=source,
        removed=tuple(removed),
    )


def _furniture_paragraph(text: str) -> bool:
    """A paragraph of a web-page furniture family (copyright, credits, promos) or a photo caption with its credit."""
    words = len(text.split())
    return furniture.describe(text, 0).kind is not None or (words <= MAX_CAPTION_WORDS
                                                            and bool(PHOTO_CREDIT.search(text)))


def _lead_sentence(p: Paragraph, size: float) -> bool:
    """A short first paragraph in body type that ends a sentence is article text, though above the first
    long paragraph ('WASHINGTON - The Senate voted on Tuesday.'); bylines and date lines are not."""
    return p.words >= 5 and abs(p.size - size) <= 0.1 * size and bool(SENTENCE_END.search(p.text)) \
        and not BYLINE.match(p.text) and dates.find_date(p.text) is None


def _body_prose(ln: Line, size: float) -> bool:
    return abs(ln.size - size) <= 0.1 * size and len(ln.text.split()) >= 6


def _unmapped_share(pages: list[list[Line]]) -> float:
    """Share of characters a font could not map to Unicode (private-use codes, U+FFFD, control codes)."""
    total = bad = 0
    for page in pages:
        for ln in page:
            for ch in ln.text:
                if ch != " ":
                    total += 1
                    bad += ch == "\ufffd" or unicodedata.category(ch) in ("Co", "Cc")
    return bad / total if total else 0.0


def read_pdf(path: Path, *, source: str) -> PdfPages:
    """Open a PDF and read the lines of each page in reading order, one page in memory at a time."""
    _check_file(path, source)
    try:
        doc = pdfium.PdfDocument(str(path))
    except pdfium.PdfiumError as exc:
        raise _open_error(exc, source) from exc
    try:
        n = len(doc)
        if n == 0:
            raise CorruptPDF("the PDF has no pages", source=source)
        if n > MAX_PAGES:
            raise TooLarge(f"the PDF has {n} pages (the limit is {MAX_PAGES})", source=source)
        info = {k: str(v) for k, v in doc.get_metadata_dict(skip_empty=True).items()}
        pages: list[list[Line]] = []
        sizes: list[tuple[float, float]] = []
        images = 0
        for i in range(n):
            try:
                width, height, lines, image = _read_page(doc, i)
            except pdfium.PdfiumError as exc:
                raise CorruptPDF(f"page {i + 1} of {n} cannot be read ({exc}); the file is damaged",
                                 source=source) from exc
            images += image
            pages.append(order_page(lines, width))
            sizes.append((width, height))
        return PdfPages(pages, sizes, info, images)
    finally:
        doc.close()


def _read_page(doc: pdfium.PdfDocument, i: int) -> tuple[float, float, list[Line], int]:
    """One page's size, line fragments and whether it draws an image; the page is closed after."""
    page = doc[i]
    try:
        width, height = page.get_size()
        if page.get_rotation() in (90, 270):  # character boxes are in the unrotated page's space
            width, height = height, width
        textpage = page.get_textpage()
        try:
            lines = drop_overlays(page_lines(textpage, i))
        finally:
            textpage.close()
        return width, height, lines, _has_image(page)
    finally:
        page.close()


def _check_file(path: Path, source: str) -> None:
    size = path.stat().st_size
    if size > MAX_BYTES:
        raise TooLarge(f"file is too large ({size / 2**20:.1f} MB; the limit is {MAX_BYTES // 2**20} MB)",
                       source=source)
    if size == 0:
        raise EmptyInput("file is empty (0 bytes)", source=source)
    with path.open("rb") as fh:
        head = fh.read(1024)
        fh.seek(max(0, size - TAIL_BYTES))
        tail = fh.read()
    if b"%PDF-" not in head:
        raise CorruptPDF("not a PDF file (no %PDF header at the start)", source=source)
    if b"%%EOF" not in tail:
        raise CorruptPDF(f"the PDF is truncated or damaged (no %%EOF end marker in its last {TAIL_BYTES} "
                         f"bytes; {size} bytes read); download or copy it again", source=source)


def _open_error(exc: pdfium.PdfiumError, source: str) -> Exception:
    code = getattr(exc, "err_code", None)
    if code == pdfium_c.FPDF_ERR_PASSWORD or "password" in str(exc).lower():
        return EncryptedPDF("the PDF is encrypted with a password; save an unprotected copy to read it",
                            source=source)
    if code == pdfium_c.FPDF_ERR_SECURITY:
        return EncryptedPDF("the PDF uses an unsupported security handler", source=source)
    return CorruptPDF(f"the PDF cannot be parsed ({str(exc).rstrip('.')}); the file is damaged", source=source)


def _has_image(page: pdfium.PdfPage) -> int:
    for _obj in page.get_objects(filter=[pdfium_c.FPDF_PAGEOBJ_IMAGE], max_depth=2):
        return 1
    return 0

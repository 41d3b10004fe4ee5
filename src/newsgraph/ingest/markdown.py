"""Markdown articles: front matter read for metadata, the body rendered to clean text and then cleaned of
page furniture by the plain-text cleaner, so a clipped page loses its masthead and menus too.

Before the cleaner sees the text, the markdown structure settles what plain text cannot: link-only lines
(menus, 'Read the original'), image captions, newspaper-style 'label: value' header fields above the first
paragraph, and everything from a wire credit line ('Reporting by ... Editing by ...') on. The front-matter
title is put first, where a page's '<title> | Site' line stands, so the cleaner finds the headline under it.
After cleaning, headings left at the top of the body (kickers, second headlines) and lines above a wire
dateline are dropped.
"""
from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field

from ..errors import NoText
from ..records import Article
from . import frontmatter, md_meta, metadata
from .frontmatter import FrontMatter
from .furniture import STAFF_CREDIT, describe, has_words, looks_like_name, words_of
from .html import MIN_ARTICLE_WORDS
from .language import detect_language
from .md_dates import markdown_published
from .md_render import Block, html_texts, is_node_tree, render_markdown, render_prosemirror
from .plaintext import clean_plaintext

FRONT_BODY_MIN_WORDS = 50  # a markdown body shorter than this yields to an article kept in the front matter
LINK_ONLY_MAX_WORDS = 12  # a longer all-link paragraph is more likely a linked sentence than a menu entry
# (an all-link heading or list item up to a headline's length is a link to another page)
CAPTION_MAX_WORDS = 80
PROSE_MIN_WORDS = 12  # furniture.LineInfo.is_body_paragraph's own floor
MAX_QUESTION_WORDS = 30  # a question put to the readers above a call for comments
UNPUNCTUATED_CAPTION_MIN_WORDS = 12  # a line this long without a closing stop, amid prose, describes a picture
MIN_TITLE_WORDS, MAX_TITLE_WORDS = 2, 30
TOP_HEADER_WINDOW = 12  # 'label: value' header fields are read only among the first blocks
END_PROSE_RATIO = 3  # a credit line ends the article only with at most a third as much prose after it
DATELINE_WINDOW = 3  # a wire dateline this close to the top of the body opens the article
ARTICLE_MIN_PROSE_SHARE = 0.25  # below this share of words in prose paragraphs a document is notes, not an article

# Labels of a newspaper-archive header ('authors: ...', 'publish date: ...') standing above the article.
_HEADER_FIELD = re.compile(
    r"^(?P<label>authors?|by|writers?|byline|publish(?:ed)?(?: date| on| at)?|date(?: published)?|"
    r"pub(?:lication)? date|posted(?: on)?|keywords?|tags?|categor(?:y|ies)|topics?|section|source(?: url)?|"
    r"url|link|original url|canonical|summary|description|language|lang|word count|reading time)"
    r"\s*[:：]\s*(?P<value>\S.{0,400})$",
    re.I,
)
_DATE_LABEL = re.compile(r"^(publish|date|pub|posted)", re.I)
_AUTHOR_LABEL = re.compile(r"^(author|by|writer|byline)", re.I)
_URL_LABEL = re.compile(r"^(source|url|link|original|canonical)", re.I)
# Image captions: a 'Photo:' lead, a photographer credit closing the line, an agency credit, a licensing link.
_CAPTION_LEAD = re.compile(r"^\W{0,3}(photo|photograph|image|picture|pictured|caption|file photo|main image|"
                           r"top image|featured image|illustration)\s*[:：]", re.I)
_CAPTION_TAIL = re.compile(
    r"\((?:(?:photo|photograph|image|picture|credit)s?\s*(?:by|:)?\s*)?"
    r"[A-ZÀ-Ý][\w.'’-]+(?:\s+[A-ZÀ-Ý][\w.'’-]+){0,4}\s+(?:for|via)\s+[^()]{2,100}\)\s*$"
    r"|\((?:(?:photo|photograph|image|picture|credit)s?\b|(?:AP|AFP|EPA|Reuters|Getty|Xinhua|Anadolu|"
    r"Shutterstock)\b\s*(?:Photo|Images?)?\s*/)[^()]{0,100}\)\s*$"
    r"|\b(?:REUTERS|AFP|AP|EPA|XINHUA|ANADOLU|GETTY IMAGES)\s*/\s*[A-Z][\w.'’ -]{1,40}(?:/[\w ]{1,30})?"
    r"|\bPurchase Licensing Rights\b"
    r"|\b(?i:photo|image|picture|credit)s?\s*(?:by|:)\s*[A-Z][^.!?]{1,60}$",
)
_QUOTES = re.compile(r"[“”\"]")
_CLOSED = re.compile(r"[.!?…:;,][\"'”’»)\]*]*$")
# 'A caption sentence. Wikimedia Commons': a picture's description closed by its source.
_CREDITED = re.compile(r"[.!?][\"'”’)]?\s+[A-Z][\w&.'’/-]*(?:\s+[A-Z][\w&.'’/-]*){0,4}$")
_PICTURE = re.compile(r"\b(image|photo|photograph|picture|video|footage|frame grab|screen ?grab|still|handout|"
                      r"screenshot|pictured|shows?|seen (here|at|in|during))\b", re.I)
_REPORTED = re.compile(r"(?<!is )(?<!are )(?<!was )\b(said|says|told|tells|according to)\b(?! to be)", re.I)
# An embedded post's signature: '— Jane Doe (@janedoe) June 13, 2025'.
_POST_SIGNATURE = re.compile(r"^[—–-]\s*[^()]{1,80}\(@\w{1,30}\)\s+\w+\.? \d{1,2}, \d{4}$")
# A prompt for readers' comments at the foot ('Share your views in the comment section below').
_COMMENT_PROMPT = re.compile(r"\b(comments? (section|box|below)|in the comments|let us know (what|your|in)|"
                             r"share your (views|thoughts|opinions?|comments)|leave a comment|join the (conversation|"
                             r"discussion))\b", re.I)
_AUTHOR_HREF = re.compile(r"/(authors?|writers?|contributors?|people|profiles?|staff|journalists?|by|team)/", re.I)
# A clipper's excerpt box ('> ## Excerpt' + the page description) above the article.
_EXCERPT_HEADING = re.compile(r"^(excerpt|summary|description|tl;? ?dr|key (points|takeaways)|highlights|"
                              r"in brief|at a glance)\W*$", re.I)
# Notes that close a republished or crawled post: 'This article was originally published on ...', 'Republished
# from ...', 'Scraped on ...'.
_END_NOTE = re.compile(r"^.{0,120}\b(contributed|contributing)\b.{0,30}\b(this|the) (report|story|article)\W*$|"
                       r"^\W*(this (article|story|post|piece|report) (was |is |has been )?)?(originally|first) "
                       r"(published|appeared|posted)\b|^\W*this (article|story|post|piece) (was|is|has been) "
                       r"(republished|reproduced|reprinted|adapted|syndicated)\b|^\W*(republished|reprinted) "
                       r"(from|with permission)\b"
                       # a crawler's or clipper's stamp: 'Scraped on 2025-06-28T18:59:35Z | Importance: 5/10'
                       r"|^\W*(scraped|crawled|clipped|archived|captured|retrieved|fetched|downloaded) (on|at|from) "
                       r"(\d|https?://|www\.|[A-Z][a-z]{2,8}\.? \d)",
                       re.I)
_ORIGINAL_LINK = re.compile(r"\b(original|source|canonical|permalink|read (the )?(full|whole) (article|story))\b",
                            re.I)


class NotAnArticle(Exception):
    """A markdown document without an article's shape (tables, lists and headings, hardly any prose)."""


@dataclass
class _Prepared:
    """The body blocks after the markdown-level cuts, and what the cuts found."""

    blocks: list[Block]
    removed: list[str] = field(default_factory=list)
    dates: list[tuple[str, str]] = field(default_factory=list)  # (date text, label) of header fields
    authors: list[str] = field(default_factory=list)
    credits: list[str] = field(default_factory=list)
    urls: list[str] = field(default_factory=list)


def article_from_markdown(
    text: str, *, doc_id: str, source: str, given: Mapping[str, str | None] | None = None,
    require_article_shape: bool = False,
) -> Article:
    """Read front matter and render the markdown body to clean text. With require_article_shape (a file met
    while walking a folder) a document that is mostly tables, lists and headings raises NotAnArticle."""
    given = given or {}
    fm = frontmatter.split_front_matter(text, source)
    blocks = _body_blocks(fm)
    prep = _prepare(blocks)
    if require_article_shape and not has_article_shape(prep.blocks):
        raise NotAnArticle(source)
    if not prep.blocks:
        raise NoText("no article text found in the markdown (nothing but front matter, links or images)",
                     source=source)
    fm_title = md_meta.front_title(fm)
    lead = [fm_title] if fm_title and _headline_in(fm_title, prep.blocks) else _top_heading(prep.blocks)
    cleaned = clean_plaintext("\n\n".join(lead + [b.text for b in prep.blocks]))
    body_lines = _trim_top(cleaned.body.split("\n\n"), prep.blocks, fm_title)
    body = "\n\n".join(body_lines)
    if not has_words(body, MIN_ARTICLE_WORDS):
        raise NoText("no article text found in the markdown (nothing but front matter, links or furniture)",
                     source=source)
    cleaned.body = body
    url = given.get("url") or md_meta.front_url(fm) or next(iter(prep.urls), None)
    published, precision, date_source = markdown_published(given, fm, cleaned, prep.dates, body, url, text)
    removed = [*fm.lines, *prep.removed, *cleaned.removed]
    return Article(
        doc_id=doc_id,
        body=body,
        title=given.get("title") or md_meta.title(fm_title, cleaned, prep.blocks, md_meta.site_hints(fm, url)),
        published=published,
        published_precision=precision,
        published_source=date_source,
        author=given.get("author") or md_meta.author(fm, prep, cleaned),
        outlet=given.get("outlet") or md_meta.outlet(fm, cleaned, body, url),
        language=detect_language(body),
        url=url,
        source=source,
        removed=tuple(removed),
        quote_blocks=_quote_blocks(body, prep.blocks),
    )


def _quote_blocks(body: str, blocks: list[Block]) -> tuple[tuple[int, int], ...]:
    """Body offsets of the paragraphs that stood in a blockquote, found in order (a paragraph the cleaning
    changed is left out), so the quote layer can read a quoted statement as one."""
    out: list[tuple[int, int]] = []
    pos = 0
    for block in blocks:
        at = body.find(block.text, pos) if block.text else -1
        if at < 0:
            continue
        pos = at + len(block.text)
        if block.quote and block.kind in ("p", "item", "html"):
            out.append((at, pos))
    return tuple(out)


# ----------------------------------------------------------------------------------------------- body

def _body_blocks(fm: FrontMatter) -> list[Block]:
    """The markdown body's blocks, or the article kept in the front matter when the body has (almost) none
    or is only a teaser of it (the front-matter text is more than twice as long)."""
    blocks = render_markdown(fm.body)
    words = _words(blocks)
    best, best_words = blocks, words
    for value in _front_bodies(fm):
        candidate = _render_value(value)
        n = _words(candidate)
        if n > best_words and (words < FRONT_BODY_MIN_WORDS or n > 2 * words):
            best, best_words = candidate, n
    return best


def _words(blocks: list[Block]) -> int:
    return sum(len(words_of(b.text)) for b in blocks)


def _front_bodies(fm: FrontMatter) -> list[object]:
    """Values that may hold the article: the body keys; failing those, any long text or node tree (the
    longest wins, so a short description or teaser does not)."""
    folded = {frontmatter.fold_key(k): v for k, v in fm.data.items()}
    found = [folded[k] for k in frontmatter.BODY_KEYS if folded.get(k)]
    if not found:
        found = [v for v in fm.data.values()
                 if isinstance(v, str) and len(words_of(v)) >= FRONT_BODY_MIN_WORDS or is_node_tree(v)]
    return found


def _render_value(value: object) -> list[Block]:
    if is_node_tree(value):
        return render_prosemirror(value)
    if isinstance(value, str):
        if re.match(r"\s*<(p|div|h[1-6]|article|section|ul|ol|blockquote)\b", value, re.I):
            return [Block(t, kind="html") for t in html_texts(value)]
        return render_markdown(value)
    return []


def _prepare(blocks: list[Block]) -> _Prepared:
    """Markdown-level cuts: header fields at the top, link-only lines, captions, and the wire credits on."""
    prep = _Prepared(blocks=[])
    first_prose = next((i for i, b in enumerate(blocks) if _prose(b)), len(blocks))
    cut = _credit_cut(blocks)
    excerpt = False
    for i, block in enumerate(blocks):
        if block.quote and block.kind == "heading" and _EXCERPT_HEADING.match(block.text) and i < first_prose:
            excerpt = True
        elif not block.quote:
            excerpt = False
        if excerpt:
            prep.removed.append(block.text)
            continue
        if i >= cut:
            prep.removed.append(block.text)
            if i == cut:
                prep.credits.append(block.text)
            continue
        m = _HEADER_FIELD.match(block.text) if i < min(first_prose, TOP_HEADER_WINDOW) else None
        if m:
            _read_field(m.group("label"), m.group("value").strip(), prep)
            prep.removed.append(block.text)
        elif block.link_only and not (block.kind == "heading" and i < first_prose) \
                and len(words_of(block.text)) <= (LINK_ONLY_MAX_WORDS if block.kind == "p" else MAX_TITLE_WORDS):
            prep.removed.append(block.text)
            if i < first_prose and looks_like_name(block.text) and any(_AUTHOR_HREF.search(u) for u in block.hrefs):
                prep.authors.append(block.text)  # the writer's name linking to their author page
            if _ORIGINAL_LINK.search(block.text):
                prep.urls.extend(u for u in block.hrefs if re.match(r"https?://", u))
        elif _caption(block) or (i > first_prose or block.after_image) and _unpunctuated_caption(block) \
                or _POST_SIGNATURE.match(block.text):
            prep.removed.append(block.text)
            if _POST_SIGNATURE.match(block.text) and prep.blocks and not prep.blocks[-1].kind == "heading":
                prep.removed.append(prep.blocks.pop().text)  # the embedded post's own text
        else:
            prep.blocks.append(block)
    return prep


def has_article_shape(blocks: list[Block]) -> bool:
    """Whether enough of the words stand in prose paragraphs: notes, indexes, changelogs and data tables kept
    as markdown next to the articles are mostly list items, table rows and headings."""
    total = _words(blocks)
    prose = sum(len(words_of(b.text)) for b in blocks if b.kind in ("p", "html") and _prose(b))
    return total > 0 and prose >= ARTICLE_MIN_PROSE_SHARE * total


def _headline_in(title: str, blocks: list[Block]) -> bool:
    """Whether the page prints its headline (the front-matter title, maybe without its '| Site' part) as
    a line of the body: then the title goes first, where a page's '<title> | Site' line stands, and the
    cleaner drops the masthead and menus between the two. Otherwise the cleaner finds the headline alone."""
    if not MIN_TITLE_WORDS <= len(title.split()) <= MAX_TITLE_WORDS:
        return False
    outer = md_meta.squash(title)
    for block in blocks:
        inner = md_meta.squash(block.text)
        if inner and inner in outer and len(inner) >= 0.4 * len(outer) and not _prose(block):
            return True
    return False


def _top_heading(blocks: list[Block]) -> list[str]:
    """The page's own headline when no front-matter title names it: the highest-level heading above the
    first paragraph (a clipped page's <h1> under its masthead and menus), to stand first as the title line."""
    first = next((i for i, b in enumerate(blocks) if _prose(b)), len(blocks))
    heads = [b for b in blocks[:first] if b.kind == "heading" and not b.quote
             and MIN_TITLE_WORDS <= len(words_of(b.text)) <= MAX_TITLE_WORDS]
    if not heads:
        return []
    top = min(b.level for b in heads)
    return [next(b.text for b in heads if b.level == top)]


def _prose(block: Block) -> bool:
    """A full paragraph of prose (not a heading), computed once per block."""
    if block.prose is None:  # a body paragraph has at least 12 words: shorter lines need no furniture test
        block.prose = block.kind != "heading" and len(words_of(block.text)) >= PROSE_MIN_WORDS \
            and describe(block.text, 0).is_body_paragraph
    return block.prose


def _read_field(label: str, value: str, prep: _Prepared) -> None:
    if _DATE_LABEL.match(label):
        prep.dates.append((value, label))
    elif _AUTHOR_LABEL.match(label):
        prep.authors.append(value)
    elif _URL_LABEL.match(label) and re.match(r"https?://\S+$", value):
        prep.urls.append(value)


def _caption(block: Block) -> bool:
    """An image caption: under an image and set in italics or repeating the image's alt text, or a
    'Photo:' / credited line anywhere (quotations are never captions)."""
    text = block.text
    n = len(words_of(text))
    if n > CAPTION_MAX_WORDS or _QUOTES.search(text) or block.kind == "heading":
        return False
    if _CAPTION_LEAD.match(text) or _CAPTION_TAIL.search(text):
        return True
    if not block.after_image or n > 40:
        return False
    alt = set(words_of(block.image_alt.casefold()))
    said = set(words_of(text.casefold()))
    repeats_alt = len(alt) >= 4 and len(alt & said) >= 0.6 * len(alt | said) or \
        len(alt) >= 6 and md_meta.squash(block.image_alt) in md_meta.squash(text)
    return block.emphasised or repeats_alt


def _unpunctuated_caption(block: Block) -> bool:
    """A photo caption left without its picture: a long line amid the prose that never closes with a stop
    and describes a picture ('A still image from a video released by ... shows ...'; scraped prose may lose
    its stops too, so the picture words decide), or one that ends in its source ('... Africa. Wikimedia
    Commons')."""
    if block.kind != "p" or block.quote or _QUOTES.search(block.text) or block.link_only:
        return False
    n = len(words_of(block.text))
    if n > CAPTION_MAX_WORDS or _CLOSED.search(block.text):
        return False
    if block.after_image:  # at the top too, where a deck may also go unpunctuated: only 'sentence. Source'
        return bool(_CREDITED.search(block.text))
    if n >= UNPUNCTUATED_CAPTION_MIN_WORDS and _PICTURE.search(block.text) and not _REPORTED.search(block.text):
        return True
    return bool(_CREDITED.search(block.text))


def _credit_cut(blocks: list[Block]) -> int:
    """Index of a wire credit line ('Reporting by ...; Editing by ...'), a republishing note ('This
    article was originally published ...') or a call for readers' comments with at most a third as much prose below it as above: the
    article ends there (in a digest of several credited stories, only the last credit ends it)."""
    words = [len(words_of(b.text)) if _prose(b) else 0 for b in blocks]
    total = sum(words)
    before = 0
    for i, block in enumerate(blocks):
        ends = STAFF_CREDIT.match(block.text) or _END_NOTE.match(block.text)
        if ends and before > 0 and (total - before - words[i]) * END_PROSE_RATIO <= before:
            return i
        if _COMMENT_PROMPT.search(block.text) and len(words_of(block.text)) <= LINK_ONLY_MAX_WORDS \
                and before > 0 and (total - before - words[i]) * END_PROSE_RATIO <= before:
            above = blocks[i - 1] if i > 0 else None
            asks = above is not None and above.text.rstrip(" *").endswith("?") \
                and (above.emphasised or not _prose(above)) and len(words_of(above.text)) <= MAX_QUESTION_WORDS
            return i - 1 if asks else i  # with the question put to the readers above it
        before += words[i]
    return len(blocks)


def _trim_top(lines: list[str], blocks: list[Block], fm_title: str | None) -> list[str]:
    """Drop what the cleaner left above the article: the title itself, headings standing before the first
    paragraph (kickers, second headlines, section names) and anything above a wire dateline."""
    headings = {b.text for b in blocks if b.kind == "heading"}
    if fm_title:
        headings.add(fm_title)
    k = 0
    while k < len(lines) - 1 and (lines[k] in headings or md_meta.squash(lines[k]) == md_meta.squash(fm_title or "")):
        k += 1
    lines = lines[k:]
    for j in range(1, min(DATELINE_WINDOW, len(lines))):
        if metadata.DATELINE.match(lines[j]) and all(len(words_of(x)) < 30 for x in lines[:j]):
            return lines[j:]
    return lines

"""Render a markdown body (or a ProseMirror/Tiptap node tree, or an HTML fragment) to blocks of clean text.

markdown-it-py parses the markdown (CommonMark plus tables); this module walks its tokens and keeps what a
reader sees as text: link text without URLs, no images, no emphasis/heading/blockquote marks, no inline HTML
or comments, no reference definitions, no Hugo/Jekyll shortcodes. One block per paragraph, heading, list
item or table row. Soft line breaks inside a hard-wrapped paragraph become spaces; in a paragraph written one
sentence-paragraph per line (crawler output without blank lines) each line is its own block.
"""
from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

import lxml.html
from lxml import etree
from markdown_it import MarkdownIt
from markdown_it.token import Token

from ..regex_prefilter import Gated

WRAP_MIN = 40  # a paragraph whose longest line is this long (and at most WRAP_MAX) may be hard-wrapped text
WRAP_MAX = 100  # ... a longer line was written unwrapped, so each line stands for itself
MAX_NON_LINK_WORDS = 3
PROMO_MAX_WORDS = 20  # a 'Read more ...' promo closing a paragraph is at most this long
_WORD = re.compile(r"\w+")
# Link text that sends the reader to another article: 'Read more', 'Read also', 'See more', 'Learn more'.
_READ_MORE = re.compile(r"^\W*(read|see|learn|find out|click here)( (more|also|here|on|this))?\W*$|^\W*more\W*$", re.I)
EARLY_BREAKS = 0.25  # wrapped text breaks a line early (the next word would have fitted) at most this often

_MD = MarkdownIt("commonmark", {"html": True}).enable("table").enable("strikethrough")
_MD.normalizeLink = lambda url: url  # link targets are only matched against, never shown: no percent-encoding

# Static-site template code: Hugo shortcodes {{< x >}} / {{% x %}}, Liquid tags {% x %} and output {{ x }},
# kramdown attribute lists {: .class}, wiki embeds ![[x]]; wiki links [[target|text]] keep their text.
_SHORTCODE = re.compile(r"\{\{[<%].{0,2000}?[%>]\}\}|\{%.{0,2000}?%\}|\{\{.{0,300}?\}\}|\{:[^}\n]{0,200}\}"
                        r"|!\[\[[^\]\n]{0,300}\]\]", re.S)
# Footnote definitions ('[^1]: note', continued by indented lines) and footnote markers in the text.
_FOOTNOTE_DEF = re.compile(r"^\[\^[^\]\n]{1,20}\]:.*(?:\n(?: {2,}|\t).*)*", re.M)
_FOOTNOTE_REF = re.compile(r"\[\^[^\]\s]{1,20}\]")
# A paragraph centred with the '->text<-' extension (MultiMarkdown editors, markdown-it-center-text): the marks
# are layout, not text ('->*"We managed," recalled one of them.*<-').
_CENTRED = re.compile(r"(?m)^([ \t]*)->[ \t]*(\S(?:[^\n]*\S)?)[ \t]*<-[ \t]*(?=\r?$)")
_WIKI_LINK = re.compile(r"\[\[(?:[^\]|\n]{0,300}\|)?([^\]\n]{0,300})\]\]")
_BARE_URL = re.compile(r"<?\b(?:https?://|www\.)[^\s<>()\[\]]+(?:\([^\s()]*\))?[^\s<>()\[\].,;:!?'\"”’]*>?")
_LINK_TARGET = re.compile(r"\]\([^()\s]*(?:\([^()\s]*\)[^()\s]*)*(?:\s+\"[^\"]*\")?\)")  # the '(url "title")' of a link
_URLISH = re.compile(r"^\s*<?(?:(?:https?|ftp|mailto):|www\.)\S*>?\s*$", re.I)
_MARK_RUNS = re.compile(r"(?<!\w)(\*{2,}|_{2,})|(\*{2,}|_{2,})(?!\w)")
_TERMINAL = re.compile(r"[.!?…:;][\"'”’»)\]]*$")
_SPACES = re.compile(r"[ \t\u00a0\u2000-\u200b\u202f\u205f\u3000]+")
_HTML_DROP = ("script", "style", "noscript", "iframe", "figure", "figcaption", "svg", "template", "button", "form")
_HTML_BLOCKS = frozenset("""p div h1 h2 h3 h4 h5 h6 li ul ol blockquote tr table section article header footer
    aside nav pre dd dt br hr""".split())
_IMAGE_NODES = frozenset({"image", "img", "figure", "set", "embed", "iframe", "video", "audio", "media",
                          "horizontalrule", "hr", "gallery", "picture"})


@dataclass
class Block:
    """One paragraph, heading, list item, table row or quote paragraph of rendered text."""

    text: str
    kind: str = "p"  # p | heading | item | row | code | html
    level: int = 0  # heading level
    quote: bool = False  # inside a blockquote
    link_only: bool = False  # every word is link text (menus, related links, 'Read the original')
    emphasised: bool = False  # every word is bold/italic (captions, decks)
    after_image: bool = False  # the block right under an image
    has_image: bool = False  # an image stood in the block itself
    hrefs: tuple[str, ...] = ()  # where the block's links point
    image_alt: str = ""  # the alt text of the image right above (a caption often repeats it)
    prose: bool | None = None  # a full prose paragraph (set once by the reader; describing lines is costly)


# Markdown syntax that plain text (scraped, wire, PDF) practically never has; each pattern is only run on a text
# holding one of the words it needs ('](', '#', '>' ...: regex_prefilter), a third of the CPU on the bench texts.
_MD_SIGNALS = tuple(map(Gated, (
    re.compile(r"\]\((?:https?://|/|#|mailto:)[^)\s]*(?:\s+\"[^\"]*\")?\)"),  # [text](url)
    re.compile(r"!\[[^\]]*\]\("),  # images
    re.compile(r"^#{1,6}\s+\S", re.M),  # ATX headings
    re.compile(r"^\[[^\]^]+\]:\s+\S", re.M),  # reference definitions
    re.compile(r"(?<![\w*])\*\*[^*\n]+\*\*(?![\w*])|(?<![\w_])__[^_\n]+__(?![\w_])"),  # strong emphasis
    re.compile(r"^>\s+\S", re.M),  # blockquotes
)))


def looks_like_markdown(text: str) -> bool:
    """Markdown rather than plain text: two kinds of markdown syntax, or links/images used three times."""
    head = text[:200_000]
    kinds = [len(p.regex.findall(head)) if p.can_match(head) else 0 for p in _MD_SIGNALS]
    return sum(1 for n in kinds if n) >= 2 or kinds[0] + kinds[1] >= 3


def strip_template_code(text: str) -> str:
    """Hugo/Jekyll shortcodes, Liquid tags, footnotes and centring marks ('->text<-') removed, wiki links reduced
    to their text."""
    text = _FOOTNOTE_DEF.sub("", _SHORTCODE.sub("", text))
    text = _CENTRED.sub(r"\1\2", text) if "<-" in text else text
    return _WIKI_LINK.sub(r"\1", _FOOTNOTE_REF.sub("", text))


def render_markdown(text: str) -> list[Block]:
    """The blocks of text a reader sees in a markdown document."""
    text = strip_template_code(text.replace("\u00a0", " "))
    return _with_image_context(list(_blocks(_MD.parse(text))))


def _blocks(tokens: Sequence[Token]) -> Iterable[Block]:
    quote = 0
    item_prefix: list[str] = []  # ordered lists number their items
    pending_prefix = ""
    heading_level = 0
    row: list[str] = []
    row_link_only: list[bool] = []
    counters: list[int] = []
    in_cell = False
    for tok in tokens:
        t = tok.type
        if t == "blockquote_open":
            quote += 1
        elif t == "blockquote_close":
            quote -= 1
        elif t == "ordered_list_open":
            counters.append(int(tok.attrGet("start") or 1))
            item_prefix.append("ordered")
        elif t == "bullet_list_open":
            counters.append(0)
            item_prefix.append("bullet")
        elif t in ("ordered_list_close", "bullet_list_close"):
            counters.pop()
            item_prefix.pop()
        elif t == "list_item_open":
            if item_prefix and item_prefix[-1] == "ordered":
                pending_prefix = f"{counters[-1]}. "
                counters[-1] += 1
            else:
                pending_prefix = ""
        elif t == "heading_open":
            heading_level = int(tok.tag[1:]) if tok.tag[1:].isdigit() else 1
        elif t == "heading_close":
            heading_level = 0
        elif t in ("tr_open",):
            row, row_link_only = [], []
        elif t in ("th_open", "td_open"):
            in_cell = True
        elif t in ("th_close", "td_close"):
            in_cell = False
        elif t == "tr_close":
            cells = [c for c in row if c]
            if cells:
                yield Block(" | ".join(cells), kind="row", quote=quote > 0,
                            link_only=all(row_link_only[i] for i, c in enumerate(row) if c))
        elif t == "inline":
            lines = _inline_lines(tok)
            if in_cell:
                row.append(" ".join(line.text for line in lines).strip())
                row_link_only.append(all(line.link_only for line in lines))
                continue
            kind = "heading" if heading_level else ("item" if item_prefix else "p")
            if heading_level:
                lines = [_Line(" ".join(x.text for x in lines).strip(), all(x.link_only for x in lines),
                               all(x.emphasised for x in lines), any(x.has_image for x in lines),
                               lines[0].hrefs if lines else ())]
            for line in lines:
                if not line.text and not line.has_image:
                    continue
                text = pending_prefix + line.text if line.text else ""
                pending_prefix = ""
                yield Block(text, kind=kind, level=heading_level, quote=quote > 0, link_only=line.link_only,
                            emphasised=line.emphasised, has_image=line.has_image, hrefs=line.hrefs,
                            after_image=line.after_image, image_alt=line.image_alt if line.text else line.alt)
        elif t == "code_block" or t == "fence" and not tok.info.strip():
            for para in re.split(r"\n\s*\n", tok.content):
                para = _SPACES.sub(" ", " ".join(para.split("\n"))).strip()
                if para:
                    yield Block(para, kind="code", quote=quote > 0)
        elif t == "html_block":
            for text in html_texts(tok.content):
                yield Block(text, kind="html", quote=quote > 0)


@dataclass
class _Line:
    text: str
    link_only: bool
    emphasised: bool
    has_image: bool
    hrefs: tuple[str, ...] = ()
    after_image: bool = False
    alt: str = ""  # alt text of the image on this line
    image_alt: str = ""  # alt text of the image on the line above


def _inline_lines(tok: Token) -> list[_Line]:
    """The visible lines of one inline token: soft breaks joined or kept per the paragraph's wrapping."""
    segments: list[tuple[str, bool, bool]] = []  # (text, in a link, emphasised); "\n" / "\r" = soft / hard break
    link_depth = emph = 0
    link_text: list[int] = []  # where each open link's text starts in segments
    hrefs: list[str] = []
    promos: list[int] = []  # where a 'Read more' link opens a promo sentence after the paragraph's prose
    for child in tok.children or []:
        t = child.type
        if t in ("text", "code_inline"):
            segments.append((child.content, link_depth > 0, emph > 0))
        elif t == "softbreak":
            segments.append(("\n", False, False))
        elif t == "hardbreak":
            segments.append(("\r", False, False))
        elif t == "link_open":
            link_depth += 1
            link_text.append(len(segments))
            hrefs.append(str(child.attrGet("href") or ""))
        elif t == "link_close":
            link_depth -= 1
            start = link_text.pop() if link_text else len(segments)
            shown = "".join(s for s, *_ in segments[start:])
            if _URLISH.match(shown) or not shown.strip() and start == len(segments):
                del segments[start:]  # a bare URL shown as its own link text
            elif _READ_MORE.match(shown) and _TERMINAL.search("".join(x for x, *_ in segments[:start]).strip()):
                promos.append(start)
        elif t in ("em_open", "strong_open", "s_open"):
            emph += 1
        elif t in ("em_close", "strong_close", "s_close"):
            emph -= 1
        elif t == "image":  # an image ends the line it stands on: what follows may be its caption
            segments.append(("\x00" + child.content, False, False))
        elif t == "html_inline" and re.match(r"<br\b", child.content, re.I):
            segments.append(("\r", False, False))
    for start in reversed(promos):
        segments = _without_promo(segments, start)
    raw_lines = tok.content.split("\n")
    hard = {k for k, line in enumerate(raw_lines[:-1]) if line.endswith(("  ", "\\"))}  # explicit line breaks
    source_lines = [_LINK_TARGET.sub("]", line) for line in raw_lines]  # widths as shown, without link targets
    early = _early_breaks(source_lines)
    wrapped = _wrapped(source_lines, early, hard)
    out: list[list[tuple[str, bool, bool]]] = [[]]
    image_lines: dict[int, str] = {}  # line -> alt text of its image
    n_break = -1
    for seg in segments:
        text, *_ = seg
        if text.startswith("\x00"):
            image_lines[len(out) - 1] = text[1:]
            out.append([])
            continue
        if text in ("\n", "\r"):
            n_break += 1
            prev = "".join(s for s, *_ in out[-1]).strip()
            if not prev:
                continue  # a break right after an image or at the start of the paragraph
            if text == "\r" or not wrapped or (_TERMINAL.search(prev) and n_break in early):
                out.append([])
            else:
                out[-1].append((" ", False, False))
            continue
        out[-1].append(seg)
    lines = [_finish(parts, k in image_lines, tuple(hrefs), k - 1 in image_lines, image_lines.get(k, ""),
                     image_lines.get(k - 1, "")) for k, parts in enumerate(out)]
    lines = _rejoin_lowercase(lines) if not wrapped else lines
    return [line for line in lines if line.text or line.has_image]


def _without_promo(segments: list[tuple[str, bool, bool]], start: int) -> list[tuple[str, bool, bool]]:
    """Drop a trailing '[Read more](...) about this in our article.' from a paragraph: the promo runs from
    its link to the next hard break or image, and is short."""
    end = next((k for k in range(start, len(segments)) if segments[k][0] == "\r" or segments[k][0][:1] == "\x00"),
               len(segments))
    if len(_WORD.findall("".join(x for x, *_ in segments[start:end]))) > PROMO_MAX_WORDS:
        return segments
    return segments[:start] + segments[end:]


def _early_breaks(source_lines: list[str]) -> set[int]:
    """Line breaks (by number) where the next line's first word would still have fitted on the line: not
    where a fixed-width wrap breaks, but where a writer ended a line (a paragraph, a list, an address)."""
    lines = [s.strip() for s in source_lines]
    width = max((len(s) for s in lines), default=0)
    out = set()
    for k in range(len(lines) - 1):
        nxt = lines[k + 1].split(" ", 1)[0]
        if len(lines[k]) + 1 + len(nxt) <= width:
            out.add(k)
    return out


def _wrapped(source_lines: list[str], early: set[int], hard: set[int] = frozenset()) -> bool:
    """A paragraph hard-wrapped at a fixed width (wire copy, pandoc output), not one written line by line:
    lines of at most WRAP_MAX characters that break early only now and then (a sentence ending a paragraph).
    Explicit line breaks ('  ' or '\\' at a line's end: a newsletter's paragraphs) are the writer's, not the wrap's."""
    if len(source_lines) < 2:
        return True
    longest = max(len(s.strip()) for s in source_lines)
    breaks = len(source_lines) - 1 - len(hard)
    if hard and breaks <= 0:
        return False
    early = early - hard
    return WRAP_MIN <= longest <= WRAP_MAX and (breaks == 1 or len(early) <= EARLY_BREAKS * breaks)


def _finish(parts: list[tuple[str, bool, bool]], has_image: bool, hrefs: tuple[str, ...],
            after_image: bool = False, alt: str = "", image_alt: str = "") -> _Line:
    text = "".join(s for s, *_ in parts)
    text = _MARK_RUNS.sub("", _BARE_URL.sub("", text))
    if "\\" in text:  # a backslash left escaping a quote (a JSON string pasted doubly escaped): '\"severe punishment\"'
        text = re.sub(r"\\+([\"'])", r"\1", text)
    text = _SPACES.sub(" ", text).strip()
    words = [(s, link, em) for s, link, em in parts if re.search(r"\w", s)]
    return _Line(text, _mostly_links(parts), bool(words) and all(em for *_, em in words), has_image, hrefs,
                 after_image, alt, image_alt)


def _mostly_links(parts: list[tuple[str, bool, bool]]) -> bool:
    """Link text and little else: at least two thirds of the words, at most MAX_NON_LINK_WORDS outside
    links (a headline link with its date, a breadcrumb, 'Home > World'); a 'By ...' credit is not."""
    inside = sum(len(_WORD.findall(s)) for s, link, _ in parts if link)
    outside = [w for s, link, _ in parts if not link for w in _WORD.findall(s)]
    if not inside or outside[:1] and outside[0].casefold() == "by":
        return False
    return len(outside) <= MAX_NON_LINK_WORDS and inside >= 2 * len(outside)


def _rejoin_lowercase(lines: list[_Line]) -> list[_Line]:
    """In text written line by line, a line starting in lower case still continues the one before it."""
    out: list[_Line] = []
    for line in lines:
        prev = out[-1] if out else None
        if prev and prev.text and line.text[:1].islower() and not _TERMINAL.search(prev.text):
            out[-1] = _Line(f"{prev.text} {line.text}", prev.link_only and line.link_only,
                            prev.emphasised and line.emphasised, prev.has_image or line.has_image, prev.hrefs,
                            prev.after_image, prev.alt or line.alt, prev.image_alt)
        else:
            out.append(line)
    return out


def _with_image_context(blocks: list[Block]) -> list[Block]:
    """Mark each block that stands right under an image (where captions go); drop the image-only blocks."""
    out: list[Block] = []
    after, alt = False, ""
    for block in blocks:
        if not block.text:  # an image-only block: image_alt holds its own image's alt text
            after, alt = after or block.has_image, block.image_alt or alt
            continue
        if after:
            block.after_image, block.image_alt = True, block.image_alt or alt
        after, alt = block.has_image and len(block.text.split()) <= 3, ""
        out.append(block)
    return out


def html_texts(html: str) -> list[str]:
    """Visible text of an HTML fragment, one string per block element; comments, scripts and figures dropped."""
    if not html.strip() or re.fullmatch(r"\s*(<!--.*?-->\s*)+", html, re.S):
        return []
    try:
        root = lxml.html.fragment_fromstring(html, create_parent="div")
    except (etree.ParserError, ValueError):
        return [t for t in (_SPACES.sub(" ", s).strip() for s in re.sub(r"<[^>]*>", "\n", html).split("\n")) if t]
    for el in list(root.iter(etree.Comment, *_HTML_DROP)):
        if el.getparent() is not None:
            el.drop_tree()
    text = _text_with_breaks(root)
    return [t for t in (_SPACES.sub(" ", line).strip() for line in text.split("\n")) if t]


def _text_with_breaks(el: Any) -> str:
    parts: list[str] = []

    def walk(node: Any) -> None:
        block = isinstance(node.tag, str) and node.tag in _HTML_BLOCKS
        if block:
            parts.append("\n")
        if node.text:
            parts.append(node.text)
        for child in node:
            walk(child)
            if child.tail:
                parts.append(child.tail)
        if block:
            parts.append("\n")

    walk(el)
    return _BARE_URL.sub("", "".join(parts))


def render_prosemirror(nodes: Any) -> list[Block]:
    """Blocks of a ProseMirror / Tiptap (Statamic Bard) node tree: paragraphs, headings, list items, quotes."""
    out: list[Block] = []
    _walk_nodes(nodes, out, quote=False, after_image=[False])
    return out


def is_node_tree(value: Any) -> bool:
    """A ProseMirror-style document: a mapping or list of mappings with a 'type'."""
    if isinstance(value, dict):
        return "type" in value and ("content" in value or "text" in value)
    return isinstance(value, list) and bool(value) and all(isinstance(v, dict) and "type" in v for v in value)


def _node_type(node: dict) -> str:
    return str(node.get("type", "")).replace("_", "").replace("-", "").casefold()


def _walk_nodes(nodes: Any, out: list[Block], *, quote: bool, after_image: list[bool]) -> None:
    if isinstance(nodes, dict):
        nodes = [nodes]
    if not isinstance(nodes, list):
        return
    for node in nodes:
        if not isinstance(node, dict):
            continue
        kind = _node_type(node)
        if kind in _IMAGE_NODES:
            after_image[0] = kind != "horizontalrule" and kind != "hr"
            continue
        if kind in ("paragraph", "heading", "codeblock", "tablerow"):
            text, link_only, emphasised = _inline_text(node.get("content") or [], row=kind == "tablerow")
            if text:
                level = int((node.get("attrs") or {}).get("level") or 1) if kind == "heading" else 0
                out.append(Block(text, kind={"paragraph": "p", "codeblock": "code", "tablerow": "row"}.get(
                    kind, "heading"), level=level, quote=quote, link_only=link_only, emphasised=emphasised,
                    after_image=after_image[0]))
                after_image[0] = False
            continue
        if kind == "text" and isinstance(node.get("text"), str):  # a stray text node outside a paragraph
            text, link_only, emphasised = _inline_text([node])
            if text:
                out.append(Block(text, quote=quote, link_only=link_only, emphasised=emphasised))
            continue
        _walk_nodes(node.get("content") or [], out, quote=quote or kind == "blockquote", after_image=after_image)


def _inline_text(nodes: list, row: bool = False) -> tuple[str, bool, bool]:
    """Text of inline nodes (links keep their text), whether all of it is link text, all of it emphasised."""
    parts: list[tuple[str, bool, bool]] = []
    for node in nodes:
        if not isinstance(node, dict):
            continue
        kind = _node_type(node)
        if kind == "text" and isinstance(node.get("text"), str):
            marks = {_node_type(m) for m in node.get("marks") or [] if isinstance(m, dict)}
            parts.append((node["text"], "link" in marks, bool(marks & {"bold", "italic", "strong", "em"})))
        elif kind == "hardbreak":
            parts.append(("\n", False, False))
        elif kind in ("tablecell", "tableheader"):
            text, link, em = _inline_text(_flatten(node), False)
            parts.append((text + (" | " if row else " "), link, em))
        elif node.get("content"):
            text, link, em = _inline_text(node["content"], False)
            parts.append((text, link, em))
    text = "".join(p for p, *_ in parts)
    text = _SPACES.sub(" ", _MARK_RUNS.sub("", _BARE_URL.sub("", text))).strip().rstrip(" |").strip()
    words = [(link, em) for p, link, em in parts if re.search(r"\w", p)]
    return text, bool(words) and all(w[0] for w in words), bool(words) and all(w[1] for w in words)


def _flatten(node: dict) -> list:
    out: list = []
    for child in node.get("content") or []:
        if isinstance(child, dict) and _node_type(child) in ("paragraph", "heading"):
            out.extend(child.get("content") or [])
        else:
            out.append(child)
    return out

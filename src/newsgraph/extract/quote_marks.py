"""Quote finding: quotation marks paired over a body, including quotes that run over paragraphs."""
from __future__ import annotations

import re
from dataclasses import dataclass, replace

from spacy.tokens import Doc

OPEN_MARKS = "“«„"


@dataclass(frozen=True)
class QSpan:
    """A quoted stretch of the body: offsets of its content (marks excluded) and the text between them."""

    start: int
    end: int
    text: str
    bridged: bool = False  # opened in one paragraph and closed paragraphs later with no marks between (_bridge)



def quote_spans(text: str) -> list[QSpan]:
    """Pair quote marks paragraph by paragraph; an unclosed quote continues if the next paragraph reopens one."""
    spans: list[QSpan] = []
    pending: list[tuple[int, int]] | None = None  # pieces of a quote running over paragraphs
    pos = 0
    parts = _wrapped_lines_joined(re.split(r"(\n\s*\n|\n)", _mask_markup(text)))
    skip_to = 0
    for n, para in enumerate(parts):
        if n < skip_to or not para.strip() or para.startswith("\n"):
            pos += len(para)
            continue
        pieces, open_tail = _pair_marks(para)
        lead = len(para) - len(para.lstrip())
        if pending is not None:
            if pieces and pieces[0][0] == lead + 1 and para.lstrip()[:1] in OPEN_MARKS + '"':
                first = pieces.pop(0)
                pending.append((pos + first[0], pos + first[1]))
                spans.append(_join(text, pending))
                pending = None
            elif open_tail is not None and open_tail == lead + 1:
                pending.append((pos + open_tail, pos + len(para.rstrip())))
                open_tail = None
                pos += len(para)
                continue
            else:
                bridge = _bridge(parts, n, pos)
                if bridge is not None:  # '“We condemn ...\n\nThis attack ...\n\n... in this direction.”': one quote
                    more, skip_to = bridge
                    spans.append(replace(_join(text, pending + more), bridged=True))
                    pending = None
                    pos += len(para)
                    continue
                spans.append(_join(text, pending))
                pending = None
        spans += [_join(text, [(pos + a, pos + b)]) for a, b in pieces]
        if open_tail is not None and _opens_sentence(para, open_tail - 1):
            pending = [(pos + open_tail, pos + len(para.rstrip()))]
        elif open_tail is not None:  # 'would “spark a devastating war.' with the closing mark left off: ends here
            spans.append(_join(text, [(pos + open_tail, pos + len(para.rstrip()))]))
        pos += len(para)
    if pending is not None:
        spans.append(_join(text, pending))
    return [s for s in spans if s.end > s.start]


_WRAP_REACH = 8  # lines a hard-wrapped or one-sentence-per-line quotation may run over
_BRIDGE_REACH = 12  # paragraphs a quotation opened once and closed once may run over


def _bridge(parts: list[str], n: int, pos: int) -> tuple[list[tuple[int, int]], int] | None:
    """A statement whose mark opens one paragraph and closes a later one, the paragraphs between carrying no marks
    at all (state media and blogs print a multi-paragraph statement so): the pieces from parts[n] to the closing mark
    and the index of the part after it; None when another mark intervenes or none closes within reach."""
    pieces: list[tuple[int, int]] = []
    seen = 0
    for k in range(n, len(parts)):
        para = parts[k]
        if not para.strip() or para.startswith("\n"):
            pos += len(para)
            continue
        seen += 1
        if seen > _BRIDGE_REACH or _REPORTS.search(para):
            return None  # a passage with attributions of its own ('..., police said.') quotes a text, not one speaker
        lead = len(para) - len(para.lstrip())
        marks = list(re.finditer(r'[“”«»„"]', para))
        if not marks:
            pieces.append((pos + lead, pos + len(para.rstrip())))
            pos += len(para)
            continue
        if len(marks) == 1 and _closes_first(para) and re.search(r"[.!?…]\W*$", para[: marks[0].start()]):
            pieces.append((pos + lead, pos + marks[0].start()))
            return pieces, k + 1
        return None
    return None


def _wrapped_lines_joined(parts: list[str]) -> list[str]:
    """A quote left open at a single line break and closed on a following line of the same block ('“A.\nB,” X
    said.'): hard-wrapped text and one-sentence-per-line wire copy break quotations across lines, so those lines are
    paired as one. A line that opens with a quotation mark is a new quoted paragraph instead (the press convention
    the caller handles), and a blank line always ends the quote."""
    out: list[str] = []
    i = 0
    while i < len(parts):
        para = parts[i]
        i += 1
        if not para.strip() or para.startswith("\n"):
            out.append(para)
            continue
        joined = 0
        while (joined < _WRAP_REACH and i + 1 < len(parts) and parts[i] == "\n" and not _attributed(para)
               and _pair_marks(para)[1] is not None and _closes_first(parts[i + 1])):
            para += parts[i] + parts[i + 1]
            i += 2
            joined += 1
        if (joined == 0 and i + 1 < len(parts) and parts[i] == "\n" and not _attributed(para)
                and _pair_marks(para)[1] is not None):
            # the closing mark may be several lines on: look ahead over lines with no marks at all
            k, tail = i, para
            while k + 1 < len(parts) and parts[k] == "\n" and (k - i) // 2 < _WRAP_REACH:
                nxt = parts[k + 1]
                if _closes_first(nxt):
                    para = tail + parts[k] + nxt
                    i = k + 2
                    break
                if re.search(r'[“”«»„"]', nxt) or not nxt.strip() or _attributed(nxt):
                    break
                tail += parts[k] + nxt
                k += 2
        out.append(para)
    return out


# A line that ends in the writer's own attribution ('..., police said.'): an open mark before it quotes a passage
# (another article, say) that carries attributions of its own, so the lines are not one statement.
_ATTRIBUTED = re.compile(r"\b(?:said|says|told|added|adds|stated|reported|according to)\b[^“”«»„\"]{0,60}[.!?]?\s*$")


_REPORTS = re.compile(r"\b(?:said|says|told|tells|stated|reported|according to)\b")


def _attributed(para: str) -> bool:
    return bool(_ATTRIBUTED.search(para.rsplit("\n", 1)[-1]))


def _closes_first(line: str) -> bool:
    """The line's first quotation mark closes a quote: a closing curly mark, or a straight mark after a word or
    punctuation and before a space, punctuation or the line end ('... the area , " the officer said'); a line that
    begins with a mark opens a quote of its own."""
    if not line.strip() or line.lstrip()[:1] in OPEN_MARKS + '"':
        return False
    m = re.search(r'[“”«»„"]', line)
    if m is None:
        return False
    ch, i = m.group(0), m.start()
    if ch in "”»":
        return True
    if ch != '"':
        return False
    before = line[:i].rstrip()
    return bool(before) and (before[-1] in ",.!?;:…" or before[-1].isalnum()) and bool(
        re.match(r"(?:\s|[,.;:!?)]|$)", line[i + 1 :]))


def _opens_sentence(para: str, i: int) -> bool:
    """A mark at i opens a statement that may run on into the next paragraph (the press leaves such a quote's
    closing mark off): it starts the paragraph or follows punctuation ('he said: “...', '..., adding, “...'), not a
    word inside a sentence ('would “spark a devastating war.')."""
    before = para[:i].rstrip()
    return not before or not before[-1].isalnum()


def _pair_marks(para: str) -> tuple[list[tuple[int, int]], int | None]:
    """Content offsets of the closed quotes in one paragraph, and where an unclosed one starts."""
    pieces: list[tuple[int, int]] = []
    open_at: int | None = None
    opener = ""
    for m in re.finditer(r'[“”«»„"]', para):
        ch, i = m.group(0), m.start()
        if ch == '"':
            if open_at is None and _closes(para, i):
                start = _single_opener(para, pieces[-1][1] if pieces else 0, i)
                if start is not None:  # 'But we have to be careful, ...," says X': mismatched marks of one quote
                    pieces.append((start, i))
                    continue
            if open_at is None:
                open_at, opener = i + 1, ch
            else:
                pieces.append((open_at, i))
                open_at = None
        elif ch == "“" and opener == "„" and open_at is not None:
            pieces.append((open_at, i))  # German „...“ closes with the English opening mark
            open_at = None
        elif ch in OPEN_MARKS:
            if open_at is None:
                open_at, opener = i + 1, ch
        elif open_at is not None:
            pieces.append((open_at, i))
            open_at = None
    if open_at is None:
        pieces = sorted(pieces + _single_quoted(para, pieces))
    return pieces, open_at


def _closes(para: str, i: int) -> bool:
    """A straight double mark that can only close: after sentence punctuation, before a lower-case word."""
    return i > 0 and para[i - 1] in ",.!?" and bool(re.match(r"\s+[a-z]", para[i + 1 :]))


def _single_opener(para: str, lo: int, hi: int) -> int | None:
    """Content start of a single mark opening a statement between lo and hi (after a space, before a capital)."""
    found = None
    for m in re.finditer(r"(?:^|(?<=\s))['‘](?=[A-Z])", para[lo:hi]):
        found = lo + m.end()
    return found


# 'Therefore, the contracts ... do not fall within ...' / ‘What are we doing?’: a single-quoted statement opens
# after a space or line start before a capital (a curly ‘ before any word: British style quotes mid-sentence, ‘a
# matter of days’) and closes before a space or punctuation (not an apostrophe).
_SINGLE = re.compile(r"(?:(?<=^)|(?<=[\s(\[—–-]))(?:'(?=[A-Z])|‘(?=[A-Za-z0-9]))(?P<body>[^'‘’\n]*?(?:['’][a-z][^'‘’\n]*?)*?)(?<=[\w.,!?])['’](?=[\s.,;:!?)\]—–-]|$)")


def _single_quoted(para: str, double: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Single-quoted statements outside the double-quoted ones (quotes inside quotes stay part of them)."""
    out = []
    for m in _SINGLE.finditer(para):
        a, b = m.start("body"), m.end("body")
        if any(x - 1 <= a and b <= y + 1 for x, y in double) or any(a <= x and y <= b for x, y in double):
            continue
        out.append((a, b))
    return out


def _mask_markup(text: str) -> str:
    """Markdown link targets and titles ('[text](url "title")') blanked to spaces of the same length, so the marks
    of a link title never pair with the article's own quotes; typewriter quotes (``...'', the old wire and
    Penn Treebank style) read as curly ones, offsets kept."""
    text = re.sub(r"\]\([^()\s]*(?:\s+\"[^\"\n]*\")?\)", lambda m: "]" + " " * (len(m.group(0)) - 1), text)
    if "``" in text:
        text = text.replace("``", " “").replace("''", "” ")
    return text


def _join(text: str, pieces: list[tuple[int, int]]) -> QSpan:
    """One quote from its pieces; the body offsets cover them all, the text drops the marks between."""
    parts = [text[a:b].strip().strip('"“”«»„').strip() for a, b in pieces]
    start, end = pieces[0][0], pieces[-1][1]
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return QSpan(start, end, " ".join(p for p in parts if p).rstrip(" ,;:."))


def is_statement(doc: Doc, q: QSpan) -> bool:
    """Quotes of a few words without a verb are names or scare quotes ('a “criminal organization”')."""
    span = doc.char_span(q.start, q.end, alignment_mode="expand")
    if span is None:
        return False
    words = [t for t in span if not t.is_punct and not t.is_space]
    if len(words) < 3:
        return False
    has_verb = any(t.pos_ in ("VERB", "AUX") for t in words)
    return has_verb or len(words) >= 8



def inside(char: int, qspans: list[QSpan]) -> bool:
    return any(q.start <= char < q.end for q in qspans)

"""Cut a long text into paragraph-aligned sections that the parser can take one at a time.

spaCy refuses texts over nlp.max_length (1,000,000 characters, error E088) and its parser and NER need
memory in proportion to the text parsed at once. A 10 MB text or a 300-page report is therefore parsed in
sections: each ends at a paragraph break (else a sentence end, else a space) and the sections, put back
together, are the text itself, character for character, so offsets into the joined Doc stay right."""
from __future__ import annotations

import re

LONG_TEXT_CHARS = 100_000  # texts up to this (about 40 pages; any news article) are parsed whole
# Sections of a longer text: about 10 pages, far below nlp.max_length (1,000,000). The extractors' cost per
# character grows with the Doc (0.1 ms/char on 28k characters, 0.22 on 98k), so a 1 MB text takes about
# 4 minutes in 25k sections against 9 in 100k ones; memory stays flat section after section (763 MB).
SECTION_CHARS = 25_000
_PARAGRAPH_BREAK = re.compile(r"\n\s*\n\s*")
_LINE_BREAK = re.compile(r"\n\s*")
_SENTENCE_END = re.compile(r"[.!?…][\"'”’»)\]]*\s+(?=[\"'“‘«(\[]?[A-ZÀ-Ý0-9])")
_SPACE = re.compile(r"\s+")


def section_bounds(text: str, limit: int = SECTION_CHARS) -> list[tuple[int, int]]:
    """(start, end) of consecutive sections of text, each at most limit characters (one section when the
    text is that short); a section keeps the blanks that end it, so the sections concatenate to text."""
    if limit < 2:
        raise ValueError(f"section limit must be at least 2 characters, not {limit}")
    bounds = []
    start = 0
    while len(text) - start > limit:
        end = _cut(text, start, start + limit)
        bounds.append((start, end))
        start = end
    if start < len(text) or not bounds:
        bounds.append((start, len(text)))
    return bounds


def _cut(text: str, start: int, stop: int) -> int:
    """The best place to end a section that starts at start and must end by stop: after the last paragraph
    break in its second half, else the last line break, sentence end or space there, else at stop."""
    floor = start + (stop - start) // 2
    window = text[floor:stop]
    for pattern in (_PARAGRAPH_BREAK, _LINE_BREAK, _SENTENCE_END, _SPACE):
        last = None
        for last in pattern.finditer(window):
            pass
        if last is not None and floor + last.end() > start:
            return floor + last.end()
    return stop

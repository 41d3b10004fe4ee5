"""Shared pieces for source-quality detectors: the Signal record and cheap text segmentation."""
from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Iterator

_SENT_END = re.compile(r"(?<=[.!?…])[\"”’)]*\s+(?=[\"“‘(]?[A-Z0-9])|\n\s*\n|\n(?=\S)")
_WORD = WORD = re.compile(r"[^\W_]+(?:['’][^\W_]+)*")  # a word, with inner apostrophes
_QUOTE = re.compile(r"“[^”]*”|\"[^\"\n]*\"|«[^»]*»")


@dataclass(frozen=True)
class Signal:
    """One piece of evidence for a verdict: what fired, how much it weighs, and the text it fired on."""

    kind: str
    weight: float
    reason: str
    evidence: str = ""
    start: int = -1
    end: int = -1

    def to_dict(self) -> dict:
        """Plain JSON-ready form."""
        return {
            "kind": self.kind,
            "weight": round(self.weight, 3),
            "reason": self.reason,
            "evidence": self.evidence,
            "start": self.start,
            "end": self.end,
        }


def split_sentences(text: str, known: tuple[tuple[int, int], ...] = ()) -> list[tuple[int, int]]:
    """Sentence offsets: the record's own when it has them, else a punctuation/newline split."""
    if known:
        return [(s, e) for s, e in known if text[s:e].strip()]
    spans: list[tuple[int, int]] = []
    pos = 0
    for m in _SENT_END.finditer(text):
        if text[pos : m.start()].strip():
            spans.append(_trim(text, pos, m.start()))
        pos = m.end()
    if text[pos:].strip():
        spans.append(_trim(text, pos, len(text)))
    return spans


def split_paragraphs(text: str) -> list[tuple[int, int]]:
    """Paragraph offsets: blocks separated by line breaks, blank ones dropped."""
    spans = []
    for m in re.finditer(r"[^\n]+", text):
        if m.group().strip():
            spans.append(_trim(text, m.start(), m.end()))
    return spans


def _trim(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end


def words(text: str) -> Iterator[re.Match[str]]:
    """Word tokens with their offsets."""
    return _WORD.finditer(text)


def quoted_spans(text: str) -> list[tuple[int, int]]:
    """Offsets of quoted passages, where speakers' own wording is not the writer's."""
    return [(m.start(), m.end()) for m in _QUOTE.finditer(text)]


def inside(spans: list[tuple[int, int]], start: int, end: int) -> bool:
    """True when [start, end) lies inside one of spans."""
    return any(s <= start and end <= e for s, e in spans)


def sentence_of(text: str, sentences: list[tuple[int, int]], start: int, end: int) -> str:
    """The sentence holding an offset range, for evidence; falls back to a window."""
    for s, e in sentences:
        if s <= start < e:
            return text[s:max(e, end)].strip()
    return text[max(0, start - 80) : end + 80].strip()


def capitalised_midsentence(text: str, sentences: list[tuple[int, int]]) -> set[str]:
    """Words the text itself writes capitalised away from a sentence start: its proper names."""
    found: set[str] = set()
    findall = _WORD.findall  # one C scan per sentence, no match objects: this ran twice per article
    for s, e in sentences:
        toks = findall(text, s, e)
        caps = [t[:1].isupper() for t in toks]
        if len(toks) >= 3 and sum(caps) * 2 > len(toks):
            continue  # a title-case headline capitalises common words too
        found.update(w for w, cap in zip(toks[1:], caps[1:]) if cap and not w.isupper())
    return found

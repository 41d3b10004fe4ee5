"""Hard-wrapped paragraphs: which single line breaks are only the wrapping of a paragraph at a fixed column."""
from __future__ import annotations

import re

_WRAP_MIN, _WRAP_MAX = 45, 100  # line lengths of a paragraph hard-wrapped at a fixed column (72, 76, 80 ...)
_BLOCK_MARK = re.compile(r"\s*(?:[#>|*+-]|\d+[.)]\s)")


def wrapped_breaks(text: str) -> set[int]:
    """Offsets of the line breaks inside hard-wrapped paragraphs (pandoc, e-mail, plain-text archives): a block
    between blank lines whose lines, all but the last, are of one wrapping width; its single breaks are spaces."""
    out: set[int] = set()
    pos = 0
    for block in re.split(r"(\n[ \t\u00a0]*\n)", text):
        lines = block.split("\n")
        if len(lines) >= 2 and not block.startswith("\n"):
            widths = [len(ln.strip(" \t\u00a0")) for ln in lines[:-1]]
            if (all(_WRAP_MIN <= w <= _WRAP_MAX for w in widths) and max(widths) - min(widths) <= 30
                    and lines[-1].strip() and not any(_BLOCK_MARK.match(ln) for ln in lines[1:])):
                at = pos
                for ln in lines[:-1]:
                    at += len(ln)
                    out.add(at)
                    at += 1
        pos += len(block)
    return out

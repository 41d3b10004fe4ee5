"""Acronyms an article defines in parentheses right after a name: 'Kurdistan Workers' Party (PKK)', 'National
Electoral Council (CNE)'. The article says they are one entity, whatever the letters: PKK, CNE, FACA or SOMB are the
initials of the name in another language, so initials alone never join them."""
from __future__ import annotations

import re
from typing import Callable, Protocol, Sequence, TypeVar

from ..names import acronym_key, initials

_PAREN = re.compile(r"\(\s*([A-Z][A-Za-z.&]{1,11})\s*\)")


class _Span(Protocol):
    text: str
    start_char: int
    end_char: int
    label_: str


S = TypeVar("S", bound=_Span)


def define_acronyms(text: str, spans: Sequence[S], make: Callable[[str, int, int, str], S]
                    ) -> tuple[list[S], dict[int, int]]:
    """The spans, plus a defined acronym the NER missed, and {acronym span index: its long form's span index}.

    A name that is not an organisation takes the acronym only when its initials spell it ('United Arab Emirates
    (UAE)'), so 'the nationalist party in Turkey (MHP)' does not make MHP Turkey."""
    by_end: dict[int, int] = {}
    for i, s in enumerate(spans):
        by_end.setdefault(s.end_char, i)
    by_start = {s.start_char: i for i, s in enumerate(spans)}
    out = list(spans)
    links: dict[int, int] = {}
    for m in _PAREN.finditer(text):
        acro = acronym_key(m.group(1))
        if acro is None:
            continue
        j = m.start()
        while j > 0 and text[j - 1] in " \t":
            j -= 1
        long = by_end.get(j)
        if long is None or acronym_key(spans[long].text) is not None:
            continue
        if spans[long].label_ != "ORG" and initials(spans[long].text) != acro:
            continue
        i = by_start.get(m.start(1))
        if i is None or spans[i].end_char != m.end(1):
            out.append(make(m.group(1), m.start(1), m.end(1), spans[long].label_))
            i = len(out) - 1
        links[i] = long
    return out, links

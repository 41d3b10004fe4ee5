"""Who said what: direct quotes, reported speech and 'according to' attributions, each tied to an entity."""
from __future__ import annotations

import re
from dataclasses import replace
from collections.abc import Iterator, Sequence

from spacy.tokens import Doc

from ..records import LocalEntity, Mention, Quote
from .quote_direct import VERBAL_ACTS, DirectQuotes
from .quote_marks import is_statement, quote_spans
from .quote_reported import ReportedSpeech
from .speech_cues import COMMIT_VERBS, LABEL_VERBS, OBJECT_VERBS, SPEECH_VERBS
from .doc_text import text_of

__all__ = ["SPEECH_VERBS", "OBJECT_VERBS", "extract_quotes"]


def extract_quotes(doc: Doc, entities: Sequence[LocalEntity], mentions: Sequence[Mention],
                   quote_blocks: Sequence[tuple[int, int]] = ()) -> Iterator[Quote]:
    """Yield attributed statements so every claim in the graph names who made it. quote_blocks: body offsets of
    blockquote paragraphs (markdown), read as one statement of the speaker who introduces them."""
    ctx = _Context(doc, entities, mentions)
    blocks = ctx.block_quotes(quote_blocks)
    found: list[Quote] = []
    every = quote_spans(text_of(doc))
    qspans = [q for q in every if is_statement(doc, q)]
    # a statement bridged over unmarked paragraphs (a whole press release in one pair of marks) still reports what
    # others said inside it: the reported-speech passes and speaker lookups see its sentences as plain text
    marked = [q for q in qspans if not q.bridged]
    ctx.quoted = [(q.start, q.end) for q in marked]
    direct = ctx.direct_quotes(qspans)
    indirect = ctx.reported(marked)
    found += _absorbed(direct, indirect) + indirect
    for q in ctx.colon_statements(qspans):
        inner = [r for r in found if r.start < q.end and q.start < r.end]
        if all(q.start <= r.start and r.end <= q.end for r in inner):  # 'X said:\n\nWe reiterate that ...' is X's
            found = [r for r in found if r not in inner] + [q]
    before = list(found)
    for q in ctx.scare_quotes([q for q in every if q not in qspans]):
        if any(r.start < q.end and q.start < r.end for r in before):
            continue
        # 'appealed for restraint from all sides, “especially the United States,”': a quoted piece right after the
        # reported words of the same verb goes on with them
        prev = next((r for r in before if r.kind == "indirect" and r.speaker == q.speaker and r.cue == q.cue
                     and 0 <= q.start - r.end <= 4 and not ctx.text[r.end : q.start].strip(' ,“"«‘')), None)
        if prev is not None:
            found = [r for r in found if r is not prev] + [replace(prev, content=ctx.text[prev.start : q.end], end=q.end)]
        else:
            found.append(q)
    found = _pieces_joined(found, ctx)
    found = _mixed(found, ctx.text)
    found += ctx.carried_over(found)
    found += ctx.continued(found)
    according = [q for q in ctx.according_to(marked)
                 if q.speaker is not None or not any(r.start < q.end and q.start < r.end for r in found)]
    found = _absorbed(found, according) + according
    found = [q for q in found if not any(b.start == q.start and b.end == q.end for b in blocks)]
    kept = _dedupe([replace(q, speaker=ctx.canonical(q.speaker)) for q in found])
    first: dict[str | None, int] = {}
    for m in ctx.mentions:  # one statement of several speakers ('They agreed ...'): in the order they are named
        first.setdefault(ctx.canonical(m.entity), m.start)
    last = len(text_of(doc))
    yield from sorted(kept + [replace(b, speaker=ctx.canonical(b.speaker)) for b in blocks],
                      key=lambda q: (q.start, first.get(q.speaker, last)))


class _Context(DirectQuotes, ReportedSpeech):
    """The three passes over one article: direct quotes, reported speech, 'according to'."""


def _pieces_joined(found: list[Quote], ctx: _Context) -> list[Quote]:
    """'“Two vehicles were attacked” and all passengers were “martyred,” X told TV': the quoted pieces of one
    sentence by one speaker are one quote, the words between them included."""
    out: list[Quote] = []
    for q in sorted(found, key=lambda q: q.start):
        prev = out[-1] if out else None
        if (prev is not None and q.kind == prev.kind == "direct" and q.speaker == prev.speaker
                and q.speaker is not None and prev.end <= q.start
                and ctx.sent_at(prev.start).start == ctx.sent_at(q.start).start
                and "\n" not in ctx.text[prev.end : q.start] and not _cue_between(ctx, prev.end, q.start)):
            end = q.end
            while end > q.start and ctx.text[end - 1] in " ,;:":
                end -= 1
            out[-1] = replace(prev, content=ctx.text[prev.start : end], end=end)
            continue
        out.append(q)
    return out


def _cue_between(ctx: _Context, a: int, b: int) -> bool:
    """A speech verb between two quoted pieces ('..., and vowed that “...”') starts a statement of its own."""
    span = ctx.doc.char_span(a, b, alignment_mode="contract")
    return span is not None and any(t.pos_ == "VERB" and t.lemma_.lower() in _CUES for t in span)


# '..., before offering his hosts a “close cooperation”': a verb that governs a quoted piece of its own
_CUES = SPEECH_VERBS | OBJECT_VERBS | COMMIT_VERBS | LABEL_VERBS | VERBAL_ACTS


def _mixed(found: list[Quote], text: str) -> list[Quote]:
    """A reported clause that breaks off inside a quotation of the same speaker: 'told CNN that people were on the
    streets “to yell and demand to tell the truth because we know the real results.”' (the parse ends the clause in
    the quotation; TimeBank has 'countered that NATO would now do ``for Europe's East ...'' and two more sentences).
    When the quotation runs on past the clause, the quotation is the statement (the guide's mixed quote: direct,
    the quoted stretch); when it ends where the clause ends, it is a quoted part of the clause."""
    drop: set[int] = set()
    for r in found:
        if r.kind != "indirect":
            continue
        for q in found:
            if q.kind != "direct" or q.speaker != r.speaker or not r.start < q.start < r.end < q.end:
                continue
            drop.add(id(r) if re.search(r"\w", text[r.end : q.end]) else id(q))
    return [q for q in found if id(q) not in drop]


def _absorbed(direct: list[Quote], indirect: list[Quote]) -> list[Quote]:
    """Direct quotes that lie inside a reported clause already kept as one indirect quote."""
    return [q for q in direct if not any(r.start <= q.start and q.end <= r.end for r in indirect)]


def _dedupe(quotes: list[Quote]) -> list[Quote]:
    """Drop a quote whose content repeats inside a longer one from the same speaker (a pull-quote, say)."""
    keep: list[Quote] = []
    norm = [(q, re.sub(r"\W+", " ", q.content.lower()).strip()) for q in quotes]
    for i, (q, n) in enumerate(norm):
        dup = False
        for j, (r, m) in enumerate(norm):
            if i == j or q.speaker != r.speaker:
                continue
            if n in m and (len(n) < len(m) or j < i):
                # a few words are a repeat only where they stand inside the longer quote ('more dangerous' said
                # about the strike is not a copy of 'a more dangerous world' said on the radio)
                if len(n.split()) >= 6 or (r.start <= q.start and q.end <= r.end):
                    dup = True
                    break
        if not dup:
            keep.append(q)
    return sorted(keep, key=lambda q: q.start)

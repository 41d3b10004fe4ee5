"""Internal inconsistencies of one article: stale present tense, dates after publication, one event
placed two ways, disagreeing counts, irrelevant tags, and stories stitched from different dates."""
from __future__ import annotations

import re
from datetime import date
from typing import Iterable, Sequence

from ..records import Event, Mention, Timex
from .body_dates import published_range, value_range
from .source_signals import Signal, capitalised_midsentence, inside, quoted_spans, sentence_of, split_paragraphs

STALE_DAYS = 180  # present-tense news whose newest dated content is older than this is stale
STITCH_DAYS = 90  # dated news items this far apart in one article suggest two stories pasted together

_PRESENT = re.compile(r"\b(currently|at present|at the moment|right now|presently)\b", re.I)
_FUTURE_CTX = re.compile(
    r"\b(will|would|shall|could|may|might|to be|scheduled|planned|plans?|next|coming|expects?|expected|due|"
    r"until|by|through|forecasts?|projected|targets?|matur\w*|expir\w*|fiscal|effective|starting|beginning)\b",
    re.I,
)
_EVENT_NOUNS = (
    "rebellion|mutiny|coup|uprising|insurrection|attack|massacre|bombing|explosion|ambush|raid|offensive|"
    "summit|election|referendum|protest|riot|strike|visit|crash|shooting|siege|invasion|takeover"
)
_EVENT_PLACE = re.compile(
    rf"\b[Tt]he ({_EVENT_NOUNS})\b[^.;\n]{{0,80}}?\bin ((?:the )?[A-Z][\w’'-]+(?: [A-Z][\w’'-]+)*)"
)
_COUNT = re.compile(
    r"\b(\d{1,3}(?:,\d{3})+|\d+)\s+(?:[a-z-]+\s+)?(fighters|troops|soldiers|people|civilians|deaths|dead|"
    r"casualties|mercenaries|members|refugees|victims|hostages|prisoners)\b"
)
_TAGS = re.compile(r"^\s*(?:TAGS?|Tags?|Keywords?|Topics?|Filed under)\s*:\s*(.+)$", re.M)


def detect_inconsistencies(
    text: str,
    sentences: list[tuple[int, int]],
    published: str | None,
    dates: Sequence[Timex],
    mentions: Sequence[Mention] = (),
    events: Sequence[Event] = (),
    removed: Sequence[str] = (),
) -> list[Signal]:
    """Every internal inconsistency found, with its evidence sentence."""
    quotes = quoted_spans(text)
    out: list[Signal] = []
    pub = published_range(published)
    if pub:
        out += _stale_present(text, sentences, pub, dates, events, quotes)
        out += _after_publication(text, sentences, pub, dates, published or "")
    out += _place_conflict(text, sentences, mentions)
    out += _count_conflict(text, sentences)
    out += _tags(text, removed)
    return out


def _dated(dates: Sequence[Timex], events: Sequence[Event]) -> list[tuple[date, date, str, int, int]]:
    """What the body itself dates. The header dateline (offset -1) and event dates taken over from the
    publication date (no body expression carries them) are the anchor, not evidence about it."""
    rows = []
    body_values = set()
    anchors = {t.anchor for t in dates if t.anchor}
    for t in dates:
        r = value_range(t.value)
        if r and t.type == "DATE" and t.start >= 0:
            rows.append((r[0], r[1], t.text, t.start, t.end))
            body_values.add(t.value)
    for e in events:
        r = value_range(e.date) if e.date else None
        from_anchor = bool(e.date) and any(a.startswith(e.date) for a in anchors) and not any(v.startswith(e.date) for v in body_values)
        if r and not from_anchor:
            rows.append((r[0], r[1], e.evidence, e.start, e.end))
    return rows


def _stale_present(text, sentences, pub, dates, events, quotes) -> Iterable[Signal]:
    dated = [row for row in _dated(dates, events) if row[0] <= pub[1]]
    if not dated:
        return
    latest = max(dated, key=lambda r: r[1])
    gap = (pub[0] - latest[1]).days
    if gap <= STALE_DAYS:
        return
    for m in _PRESENT.finditer(text):
        if inside(quotes, m.start(), m.end()):
            continue
        sent = sentence_of(text, sentences, m.start(), m.end())
        yield Signal("stale_present", 0.2,
                     f"'{m.group()}' is stale: the newest dated content ('{latest[2]}', up to {latest[1]}) is "
                     f"{gap} days before the published date {pub[0]}", sent, m.start(), m.end())
        return


def _after_publication(text, sentences, pub, dates, published) -> Iterable[Signal]:
    for t in dates:
        r = value_range(t.value)
        if not r or r[0] <= pub[1]:
            continue
        sent = sentence_of(text, sentences, t.start, t.end)
        if _FUTURE_CTX.search(sent):
            continue
        yield Signal("date_after_published", 0.2,
                     f"'{t.text}' ({t.value}) is later than the published date {published}", sent, t.start, t.end)


def _place_conflict(text, sentences, mentions) -> Iterable[Signal]:
    proper: set[str] | None = None  # the text's proper names, read only once an event noun has a place
    places = {m.text for m in mentions if m.type in ("GPE", "LOC")}
    seen: dict[str, tuple[str, int, int, set[str]]] = {}
    for m in _EVENT_PLACE.finditer(text):
        noun, place = m.group(1).lower(), m.group(2)
        place = re.sub(r"^the ", "", place)
        if places and place not in places:
            continue
        sent = sentence_of(text, sentences, m.start(), m.end())
        if proper is None:
            proper = capitalised_midsentence(text, sentences) | {x.text for x in mentions}
        names = {w for w in re.findall(r"[A-Z][\w’'-]+", sent) if w in proper and w not in place.split()}
        if noun in seen:
            prev_place, ps, pe, prev_names = seen[noun]
            shared = (names & prev_names) - set(prev_place.split())
            if prev_place != place and prev_place not in place and place not in prev_place and shared:
                prev_sent = sentence_of(text, sentences, ps, pe)
                yield Signal("place_conflict", 0.15,
                             f"'the {noun}' is placed in {prev_place} and in {place} (both sentences about {', '.join(sorted(shared))})",
                             f"{prev_sent} || {sent}", m.start(), m.end())
                return
        else:
            seen[noun] = (place, m.start(), m.end(), names)


def _count_conflict(text, sentences) -> Iterable[Signal]:
    by_noun: dict[str, list[tuple[int, re.Match]]] = {}
    for m in _COUNT.finditer(text):
        by_noun.setdefault(m.group(2), []).append((int(m.group(1).replace(",", "")), m))
    for noun, rows in by_noun.items():
        for (va, ma), (vb, mb) in zip(rows, rows[1:]):
            if va == vb or max(va, vb) > 3 * min(va, vb) or min(va, vb) < 10:
                continue
            sa = sentence_of(text, sentences, ma.start(), ma.end())
            sb = sentence_of(text, sentences, mb.start(), mb.end())
            na = set(re.findall(r"\b[A-Z][a-z]{3,}\b", sa[1:]))
            nb = set(re.findall(r"\b[A-Z][a-z]{3,}\b", sb[1:]))
            if sa != sb and na & nb:
                yield Signal("count_conflict", 0.05,
                             f"possibly the same count given two ways: '{ma.group()}' vs '{mb.group()}'",
                             f"{sa} || {sb}", mb.start(), mb.end())
                return


def _tags(text, removed) -> Iterable[Signal]:
    for chunk in [text, *removed]:
        for m in _TAGS.finditer(chunk):
            tags = [t.strip() for t in re.split(r"[,;|]", m.group(1)) if t.strip()]
            rest = (text[: m.start()] + text[m.end():]) if chunk is text else text
            missing = [t for t in tags if t.lower() not in rest.lower()]
            if len(tags) >= 2 and len(missing) >= 2 and len(missing) * 2 >= len(tags):
                return_sig = Signal("irrelevant_tags", 0.1,
                                    f"tags not about the article: {', '.join(missing)} (none occur in the body)",
                                    m.group().strip())
                yield return_sig
                return


def detect_stitching(
    text: str, sentences: list[tuple[int, int]], dates: Sequence[Timex], events: Sequence[Event] = ()
) -> list[Signal]:
    """Two stories pasted together: two different "nows" (relative day/week references such as "on Tuesday",
    "last week", with no year written) that resolve months apart, in different paragraphs."""
    paras = split_paragraphs(text)
    rows = [r for r in _dated(dates, events) if (r[1] - r[0]).days <= 7 and not re.search(r"\b(1[89]|20)\d\d\b", r[2])]
    if len(paras) < 3 or len(rows) < 2:
        return []
    def para_of(pos: int) -> int:
        return next((i for i, (s, e) in enumerate(paras) if s <= pos < e), -1)
    rows.sort(key=lambda r: r[0])
    first, last = rows[0], rows[-1]
    gap = (last[0] - first[1]).days
    if gap > STITCH_DAYS and para_of(first[3]) != para_of(last[3]) and para_of(first[3]) >= 0:
        return [Signal("stitched", 0.1,
                       f"news items dated {first[0]} ('{first[2][:60]}') and {last[0]} ('{last[2][:60]}') "
                       f"are {gap} days apart in different paragraphs",
                       f"{sentence_of(text, sentences, first[3], first[4])} || {sentence_of(text, sentences, last[3], last[4])}",
                       last[3], last[4])]
    return []

"""Date an event from the timexes of its sentence, at the precision the value supports."""
from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import replace
from datetime import date, timedelta
from typing import Sequence

from spacy.tokens import Doc, Span, Token

from .doc_tree import children, sentence
from ..records import Event, Timex
from .doc_text import text_of
from .modality import DENIAL_VERBS
from .plover_lexicon import SPEECH_VERBS, lemma_of
from .event_date_values import _DAY, _DUR_DAYS, calendar_value, precision_of, sentence_timexes
from .event_date_clauses import (_in_other_clause, _is_present_perfect, _numbered_name, _ongoing, _owned_by_other_event,
                                  _past, _tense_verb)
from .story_dates import _paragraph_break


def _shifted(dur: Timex, ref: Timex, sent: Span) -> str | None:
    """'a day after <event>' with a reference day: the event is the duration before (after) that day."""
    m = _DUR_DAYS.match(dur.value)
    if not m or not _DAY.match(ref.value):
        return None
    after = (dur.text.split()[-1] + " " + text_of(sent.doc)[dur.end : dur.end + 8].strip()).lower()
    if not after.startswith(("after", "before")):
        after = text_of(sent.doc)[dur.end : dur.end + 8].strip().lower()
    days = int(m.group(1)) * (7 if m.group(2) == "W" else 1)
    d = date.fromisoformat(ref.value)
    if after.startswith("after"):
        return (d - timedelta(days=days)).isoformat()
    if after.startswith("before"):
        return (d + timedelta(days=days)).isoformat()
    return None


_RECENT = re.compile(r"(?i)recently|lately")
_WEEK_VALUE = re.compile(r"^\d{4}-W\d{2}$")
_SOON = re.compile(r"(?i)\bcoming\s+(?:days|weeks)\b")


def event_date(
    trigger: Token,
    clause: Span,
    timexes: Sequence[Timex],
    published: str | None,
    prev_day: Timex | None = None,
) -> tuple[str | None, str | None]:
    """The governing timex of the trigger's clause, else the nearest in the sentence, else None.

    A present-perfect clause with no date, or one said to be happening 'now'/'currently', is recent news:
    it gets the publication month.
    """
    sent = sentence(trigger)
    text = text_of(sent.doc)
    inside = [
        t for t in sentence_timexes(sent, timexes)  # a header line glued to the sentence does not date it
        if "\n" not in text[min(t.end, trigger.idx) : max(t.start, trigger.idx)]
    ]
    inside = [t for t in inside if not _owned_by_other_event(t, trigger) and not _numbered_name(t, sent)]
    in_clause = [t for t in inside if t.start >= clause.start_char and t.end <= clause.end_char]
    pool = in_clause or inside
    dated = [t for t in pool if precision_of(t.value)]
    durations = [t for t in inside if _DUR_DAYS.match(t.value)]
    for dur in durations:
        # the event noun right after 'a day after' is shifted from the sentence's (or previous sentence's) day
        if trigger.idx > dur.end and trigger.idx - dur.end < 80:
            refs = [t for t in inside if _DAY.match(t.value)] or ([prev_day] if prev_day else [])
            if refs:
                val = _shifted(dur, refs[0], sent)
                if val:
                    return val, "day"
    if dated:
        best = min(dated, key=lambda t: abs(t.start - trigger.idx))
        value = calendar_value(best.value)
        finer = [calendar_value(t.value) for t in dated if calendar_value(t.value).startswith(value + "-")]
        if finer:  # 'last month ... on January 31': the day refines the month
            value = max(finer, key=len)
        return value, precision_of(value)
    own_refs = [t for t in in_clause if not _in_other_clause(t, trigger)]
    if published and len(published) >= 7 and any(t.value == "PRESENT_REF" for t in own_refs):
        return published[:7], "month"  # 'is currently in Baghdad': happening as the article is written
    if published and len(published) >= 7 and any(_RECENT.fullmatch(t.text) for t in own_refs) and _past(trigger):
        return published[:7], "month"  # 'Israel recently considered': recent news, the month of writing
    if published and len(published) >= 7 and any(_SOON.search(t.text) for t in own_refs if t.value == "FUTURE_REF"):
        return published[:7], "month"  # 'will meet in the coming days': due within the month of writing
    if published and _is_present_perfect(trigger) and len(published) >= 7 and not _ongoing(trigger):
        return published[:7], "month"
    if published and len(published) >= 7 and _continues_now(trigger):
        return published[:7], "month"  # 'the terrorists continue shelling ... daily': going on as the article is written
    return None, None


def _continues_now(trigger: Token) -> bool:
    """'X continue(s) Ying' / 'continue(s) to Y' in the present simple, no modal: the act is going on at the writing."""
    verb = _tense_verb(trigger)
    if verb is None or verb.lemma_.lower() != "continue" or verb.tag_ not in ("VBZ", "VBP") or verb.i == trigger.i:
        return False
    return not any(c.dep_ == "aux" for c in children(verb)) and trigger.head.i == verb.i and trigger.dep_ == "xcomp"


_QUOTE_OPENERS = ('"', "“", "‘", "'")


def _bare_quotation(sent: Span) -> bool:
    """A sentence that is wholly a quotation with no speech verb of its own ('"We work with the Egyptians."'):
    it goes on with the statement of the sentence before."""
    text = sent.text.strip()
    return text.startswith(_QUOTE_OPENERS) and not any(lemma_of(t) in SPEECH_VERBS for t in sent if t.pos_ == "VERB")


def statement_dates(doc: Doc, events: list[Event], timexes: Sequence[Timex]) -> list[Event]:
    """A paragraph that opens with a dated statement ('the ministry denied on Monday that ...', 'Gargash told the
    Wall Street Journal in September 2020') goes on reporting that statement: undated reported speech later in the
    same paragraph, and a bare quotation right after it, take its day (or month). The narrative carry-over runs
    first, here, where the sentence timexes are known."""
    events = narrative_dates(doc, events, timexes)
    sents = list(doc.sents)
    starts = [s.start_char for s in sents]
    spoken: dict[int, tuple[str, str]] = {}  # sentence index -> (date, precision) of a speech act told in it
    for k, sent in enumerate(sents):
        for t in sentence_timexes(sent, timexes):
            if precision_of(t.value) not in ("day", "month") or _WEEK_VALUE.match(t.value):
                continue
            span = doc.char_span(t.start, t.end, alignment_mode="expand")
            head = span.root.head if span is not None else None
            if head is not None and head.dep_ == "prep":
                head = head.head
            if head is not None and lemma_of(head) in SPEECH_VERBS | DENIAL_VERBS | {"accuse", "announce"}:
                spoken.setdefault(k, (calendar_value(t.value), precision_of(t.value) or "day"))
    out: list[Event] = []
    for e in events:
        k = bisect_right(starts, e.start) - 1
        trig = doc.char_span(e.start, e.end, alignment_mode="expand")
        tok = next((t for t in trig if t.text == e.trigger), None) if trig is not None else None
        if e.date is None and tok is not None:
            said = any(lemma_of(a) in SPEECH_VERBS for a in tok.ancestors)
            back = 4 if said else (1 if _bare_quotation(sents[k]) else 0)
            for j in range(k - 1, max(-1, k - 1 - back), -1):
                if _paragraph_break(sents[j], sents[j + 1]):
                    break
                if j in spoken:
                    e = replace(e, date=spoken[j][0], date_precision=spoken[j][1])
                    break
        out.append(e)
    return out


def narrative_dates(doc: Doc, events: list[Event], timexes: Sequence[Timex] | None = None) -> list[Event]:
    """Reference time carries over to the next sentence of the same paragraph when it continues with the same actors.

    Only past-tense asserted events with no date of their own inherit, only from the sentence just before, and only
    a day, or a month that sentence states (a present perfect's month of writing is a default, not a reference time).
    statement_dates runs it with the timexes; called without them (older call sites) it changes nothing.
    """
    if timexes is None:
        return list(events)
    sent_of = {}
    sents = list(doc.sents)
    starts = [s.start_char for s in sents]
    for e in events:
        sent_of[id(e)] = bisect_right(starts, e.start) - 1
    out: list[Event] = []
    by_sent: dict[int, list[Event]] = {}
    for e in events:
        by_sent.setdefault(sent_of[id(e)], []).append(e)
    for e in events:
        k = sent_of[id(e)]
        stated = {calendar_value(t.value) for t in sentence_timexes(sents[k - 1], timexes)} if k > 0 else set()
        prev = [p for p in by_sent.get(k - 1, []) if p.date and (p.date_precision == "day" or (
                p.date_precision == "month" and any(p.date.startswith(v) and len(v) >= 7 for v in stated)))]
        actors = {e.source, e.target} - {None}
        if e.date is None and e.modality == "asserted" and prev and k > 0 and actors:
            trig = doc.char_span(e.start, e.end, alignment_mode="expand")
            past = trig is not None and any(t.tag_ in ("VBD", "VBN") for t in trig if t.text == e.trigger)
            ref = next((p for p in prev if actors & {p.source, p.target}), None)
            if ref is not None and not _paragraph_break(sents[k - 1], sents[k]) and past:
                e = replace(e, date=ref.date, date_precision=ref.date_precision, confidence=round(e.confidence * 0.9, 3))
        out.append(e)
    return out


def occasion_date(sent: Span, timexes: Sequence[Timex]) -> tuple[str | None, str | None]:
    """The one day or month a sentence dates its remarks to (none if it gives several)."""
    values = {calendar_value(t.value) for t in sentence_timexes(sent, timexes)
              if precision_of(t.value) in ("day", "month")}
    if len(values) != 1:
        return None, None
    value = values.pop()
    return value, precision_of(value)

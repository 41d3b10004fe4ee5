"""The story's reference time: the news day of the lead, the date a sentence goes on from, headlines."""
from __future__ import annotations

from bisect import bisect_right
from dataclasses import replace
from datetime import date
from typing import Sequence

from spacy.tokens import Doc, Span, Token

from .doc_tree import children, span_tokens
from ..records import Event, Timex
from .doc_text import text_of
from .plover_lexicon import NOUNS, SPEECH_VERBS, lemma_of
from .event_date_values import _DAY, calendar_value, precision_of, sentence_timexes
from .event_date_clauses import (_history_words, _main_clause, _numbered_name, _ongoing, _owned_by_other_event, _simple_past,
                                 _tense_verb)


_LEAD_SENTENCES = 3


def trigger_token(doc: Doc, e: Event) -> Token | None:
    """The trigger word of an event record inside its evidence span."""
    span = doc.char_span(e.start, e.end, alignment_mode="expand")
    if span is None:
        return None
    return next((t for t in span if t.text == e.trigger), None)


_NEWS_DAYS = 10  # a story reports what happened within about a week of its writing


def _news_fresh(value: str, published: str | None, latest: date | None = None) -> bool:
    """A lead day far before the writing ('Exactly a year ago, ... began') is background, not the news day.

    With no day of publication, the writing is no earlier than the latest date the body tells (or the start of the
    published month/year): a lead day more than a week and a half before that is background too."""
    try:
        day = date.fromisoformat(value)
    except ValueError:
        return True
    if published and _DAY.match(published):
        return (date.fromisoformat(published) - day).days <= _NEWS_DAYS
    floor = latest
    if published and precision_of(published):
        start = _first_day(published)
        floor = max(floor, start) if floor and start else (floor or start)
    return floor is None or (floor - day).days <= _NEWS_DAYS


def _first_day(value: str) -> date | None:
    """The first day a day/month/year value covers."""
    value = calendar_value(value)
    try:
        if _DAY.match(value):
            return date.fromisoformat(value)
        if precision_of(value) == "month":
            return date(int(value[:4]), int(value[5:7]), 1)
        if precision_of(value) == "year":
            return date(int(value), 1, 1)
    except ValueError:
        return None
    return None


def _latest_told(timexes: Sequence[Timex]) -> date | None:
    """The latest day, month or year the text names (as its first day)."""
    days = [d for d in (_first_day(t.value) for t in timexes if precision_of(t.value)) if d is not None]
    return max(days, default=None)


def story_day(doc: Doc, timexes: Sequence[Timex], published: str | None) -> tuple[str | None, str | None]:
    """The news day of the story: a day the lead gives its main act ('World powers on Friday criticized'), else the
    publication date; a day inside a background phrase ('Following the coup on May 24, ...') is not the news day."""
    sents = list(doc.sents)[:_LEAD_SENTENCES]
    latest = None if published and _DAY.match(published) else _latest_told(timexes)
    for sent in sents:
        days = [t for t in sentence_timexes(sent, timexes) if _DAY.match(t.value) and not _owned_by_other_event(t, sent.root)
                and _news_fresh(t.value, published, latest)]
        if days:
            return days[0].value, "day"
        if any(t.value == "PRESENT_REF" and t.text.lower() == "today" for t in sentence_timexes(sent, timexes)):
            break
    if published and precision_of(published) in ("day", "month"):
        return published, precision_of(published)
    return None, None


def _told_in_past(tok: Token) -> bool:
    """The event is the story's own past act, or is said in a statement reported in the past ('he said, adding: "we urge"')."""
    verb = _tense_verb(tok)
    if verb is None:
        return False
    if _simple_past(verb):
        return not _history_words(verb)
    for anc in verb.ancestors:
        if lemma_of(anc) in SPEECH_VERBS:
            speech = _tense_verb(anc)
            return speech is not None and _simple_past(speech) and not _history_words(verb)
    return False


_CONTINUING = {"he", "she", "they"}
_LINKERS = {"but", "and", "so", "yet", "then"}


def _continues(sent: Span) -> bool:
    """'He also defended ...': a sentence whose subject is a personal pronoun goes on with the one before it,
    even across a paragraph break."""
    words = [t for t in span_tokens(sent) if not t.is_punct and not t.is_space]
    while words and words[0].lower_ in _LINKERS:
        words = words[1:]
    return bool(words) and words[0].lower_ in _CONTINUING and words[0].dep_ in ("nsubj", "nsubjpass")


def _paragraph_break(prev: Span, sent: Span) -> bool:
    """A line break between two sentences (spaCy hangs the blank lines on the sentence before)."""
    words = [t for t in prev if not t.is_space]
    end = words[-1].idx + len(words[-1].text) if words else prev.start_char
    return "\n" in text_of(sent.doc)[end : sent.start_char]


def _reference_time(sents: list[Span], k: int, timexes: Sequence[Timex], published: str | None
                    ) -> tuple[str | None, str | None]:
    """The one past date the nearest dated sentence before gives its own act ('The court ruled in 2016 ... But China
    rejected the ruling', 'Zhao last Friday responded ... He also defended'), or the event noun it is about ('The
    meeting ... on 4 June was staged as ...' then 'Both ... ruled out talks'): the reference time a simple-past
    sentence with no date of its own goes on from. Undated sentences between keep that time; it ends at a paragraph
    break (unless the sentence continues) and a few sentences back."""
    if k == 0:
        return None, None
    for j in range(k - 1, max(-1, k - 1 - _PARAGRAPH_REACH), -1):
        prev, sent = sents[j], sents[j + 1]
        if _paragraph_break(prev, sent) and not _continues(sent):
            return None, None
        told = [t for t in sentence_timexes(prev, timexes) if precision_of(t.value) and not _numbered_name(t, prev)]
        if not told:
            continue  # an undated sentence goes on in the same time: look further back in the paragraph
        values = {calendar_value(t.value) for t in told if _main_clause(t, prev) or _dates_subject(t, prev)}
        if len(values) != 1:
            return None, None
        value = values.pop()
        if published and value[: len(published)] > published[: len(value)]:
            return None, None  # a date after the writing is a plan, not a reference time for the past
        return value, precision_of(value)
    return None, None


_PARAGRAPH_REACH = 6



def _dates_subject(t: Timex, sent: Span) -> bool:
    """'The meeting ... in Ankara on 4 June was staged as ...': the date of the event noun the sentence is about."""
    span = sent.doc.char_span(t.start, t.end, alignment_mode="expand")
    if span is None:
        return False
    tok = span.root
    for _ in range(6):
        if tok.head.i == tok.i:
            return False
        if tok.dep_ in ("nsubj", "nsubjpass") and tok.head.i == sent.root.i:
            return tok.pos_ == "NOUN" and lemma_of(tok) in NOUNS
        tok = tok.head
    return False


def _is_heading(sent: Span) -> bool:
    """A headline or crosshead inside the body: a short line of its own with no closing punctuation."""
    text = sent.text.strip()
    words = [t for t in span_tokens(sent) if not t.is_punct and not t.is_space]
    return 2 <= len(words) <= 14 and not text.endswith((".", "!", "?", '"', "”", "’", ":", ";", ","))


def _present_news(tok: Token) -> bool:
    """'UN welcomes G7 achievements': a headline's present tense tells the news of the day."""
    verb = _tense_verb(tok)
    return verb is not None and verb.tag_ in ("VBZ", "VBP") and _is_heading(tok.sent)


_FIRST_PERSON = {"we", "i"}
_OBLIGING = {"must", "should"}


def _performative(tok: Token) -> bool:
    """'We condemn ...', 'We call on ...', 'Israel must cease ...': a statement that does what it says in the present
    tense; the act is the statement's own, made when the statement was issued."""
    verb = _tense_verb(tok)
    if verb is None:
        return False
    auxes = {c.lower_ for c in children(verb) if c.dep_ in ("aux", "auxpass")}
    if verb.tag_ == "VB" and auxes & _OBLIGING:
        return True
    subjects = {c.lower_ for c in children(verb) if c.dep_ == "nsubj"}
    return verb.tag_ in ("VBZ", "VBP") and bool(subjects & _FIRST_PERSON) and not auxes - {"do"}


def _background(tok: Token) -> bool:
    """An ongoing activity, a pluperfect or a clause with history words: no news-day act even in the lead."""
    verb = _tense_verb(tok)
    had = verb is not None and any(c.dep_ in ("aux", "auxpass") and c.lower_ == "had" for c in children(verb))
    return _ongoing(tok) or had or (verb is not None and _history_words(verb))


def _lead(sents: list[Span]) -> Span | None:
    """The lead: the first sentence of the body that is a full sentence (not a heading or a dateline line)."""
    return next((s for s in sents[:_LEAD_SENTENCES] if not _is_heading(s) and len(s) >= 8), None)


def story_dates(doc: Doc, events: list[Event], timexes: Sequence[Timex], published: str | None) -> list[Event]:
    """Undated events told as the story's news take a reference time: a simple-past clause goes on from the date
    the sentence before gives its act, else takes the story's day ('World powers on Friday criticized ...' then
    'Germany urged restraint'), as does the lead's own act, a headline's present tense ('UN welcomes ...') and a
    statement's performative present ('We condemn ...', 'X must cease ...').
    Pluperfect and perfect clauses, modal ones, sentences with dates of their own and history words stay undated."""
    day, prec = story_day(doc, timexes, published)
    if day is None:
        return events
    sents = list(doc.sents)
    starts = [s.start_char for s in sents]
    lead = _lead(sents)
    out: list[Event] = []
    for e in events:
        tok = trigger_token(doc, e) if e.date is None else None
        if tok is not None and e.modality not in ("asserted", "reported") and not (e.type == "REQUEST" and _performative(tok)):
            tok = None
        if tok is not None:
            own = [t for t in sentence_timexes(tok.sent, timexes) if precision_of(t.value) or t.value == "PAST_REF"]
            if own:
                out.append(e)
                continue
            value, vprec = None, None
            if _told_in_past(tok):
                k = bisect_right(starts, tok.sent.start_char) - 1
                value, vprec = _reference_time(sents, k, timexes, published)
                if value is None:
                    value, vprec = day, prec
            elif (((lead is not None and tok.sent.start == lead.start) or _present_news(tok) or _performative(tok))
                  and not _background(tok)):
                value, vprec = day, prec
            if value is not None:
                e = replace(e, date=value, date_precision=vprec, confidence=round(e.confidence * 0.9, 3))
        out.append(e)
    return out

"""Date an event from the timexes of its sentence, at the precision the value supports."""
from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import replace
from datetime import date, timedelta
from typing import Sequence

from spacy.tokens import Doc, Span, Token

from ..records import Event, Timex
from .modality import DENIAL_VERBS
from .plover_lexicon import NOUNS, SPEECH_VERBS, VERBS, lemma_of
from .doc_text import text_of

_DAY = re.compile(r"^\d{4}-\d{2}-\d{2}$")
_MONTH = re.compile(r"^\d{4}-\d{2}$")
_YEAR = re.compile(r"^\d{4}$")
_DUR_DAYS = re.compile(r"^P(\d+)([DW])$")
_WEEK = re.compile(r"^(\d{4})-W(\d{2})$")


def calendar_value(value: str) -> str:
    """An ISO week is reported at month precision (the month holding its Thursday)."""
    m = _WEEK.match(value)
    if m:
        try:
            thursday = date.fromisocalendar(int(m.group(1)), int(m.group(2)), 4)
        except ValueError:
            return value
        return thursday.isoformat()[:7]
    return value


def precision_of(value: str) -> str | None:
    """'day' / 'month' / 'year' from the value's shape; None for durations, REFs and partial values."""
    value = calendar_value(value)
    if _DAY.match(value):
        return "day"
    if _MONTH.match(value):
        return "month"
    if _YEAR.match(value):
        return "year"
    return None


def sentence_timexes(sent: Span, timexes: Sequence[Timex]) -> list[Timex]:
    """The timexes inside one sentence."""
    return [t for t in timexes if t.start >= sent.start_char and t.end <= sent.end_char]


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


_TOPIC_PREPS = {"for", "over", "about", "regarding", "concerning"}  # what an act is about, told with its own date


def _owned_by_other_event(t: Timex, trigger: Token) -> bool:
    """The timex modifies a nested event ('support ... after the August 2020 coup'), not this trigger."""
    span = trigger.doc.char_span(t.start, t.end, alignment_mode="expand")
    if span is None:
        return False
    tok = span.root
    nested = False  # the date hangs from a noun inside the trigger's phrase
    for _ in range(12):
        if tok.i == trigger.i:
            return False
        if tok.head.i == tok.i:
            return False
        tok = tok.head
        if tok.i == trigger.i:
            return False
        if tok.pos_ in ("NOUN", "PROPN") and tok.i != span.root.i:
            nested = True
        if nested and tok.dep_ == "prep" and tok.lower_ in _TOPIC_PREPS and trigger in tok.ancestors:
            return True  # 'thanked Trump for ... the work of the teams in Jeddah on March 11th': the thing thanked for
        lemma = lemma_of(tok)
        if (tok.pos_ == "NOUN" and lemma in NOUNS) or (tok.pos_ == "VERB" and lemma in VERBS and tok.dep_ in ("relcl", "acl")):
            if tok in trigger.ancestors:
                return False  # 'an airstrike that the air force flew in 2017 to support X': the trigger's own clause
            return trigger in list(tok.ancestors) or tok.sent == trigger.sent
    return False


_NUMBERED = {"resolution", "resolutions", "law", "decree", "article", "no", "no.", "number", "flight", "route", "highway",
             "order", "paragraph", "section", "rule", "rules", "item", "code", "bill", "act"}


def _numbered_name(t: Timex, sent: Span) -> bool:
    """'resolution 1970', 'Flight 1549': a number naming a document or thing, not a year."""
    if not _YEAR.match(t.value):
        return False
    before = text_of(sent.doc)[max(sent.start_char, t.start - 16) : t.start].split()
    return bool(before) and before[-1].lower().strip(",") in _NUMBERED


_AGGREGATE_SUBJECTS = {"thousands", "hundreds", "dozens", "millions", "tens", "scores", "many", "countless", "numerous"}


def _ongoing(tok: Token) -> bool:
    """'have been helping', 'thousands have been killed': an activity still going on or a running total has no
    datable moment (the guide's null), unlike recent news in the present perfect ('has imposed sanctions')."""
    if tok.tag_ == "VBG" and any(c.lower_ == "been" for c in tok.children):
        return True
    subj = next((c for c in tok.children if c.dep_ in ("nsubj", "nsubjpass")), None)
    if subj is not None and (subj.lower_ in _AGGREGATE_SUBJECTS or any(
            c.lower_ in _AGGREGATE_SUBJECTS or c.like_num for c in subj.children if c.dep_ in ("nummod", "amod", "quantmod"))):
        return True
    return any(c.lower_ in ("still", "continuously", "repeatedly", "constantly") for c in tok.children)


def _in_other_clause(t: Timex, trigger: Token) -> bool:
    """The expression sits in a clause that does not hold the trigger ('stressed ... and the situation is as dire
    now'): 'now' there says nothing of when the trigger's act happened."""
    span = trigger.doc.char_span(t.start, t.end, alignment_mode="expand")
    if span is None:
        return False
    tok = span.root
    for _ in range(12):
        if tok.i == trigger.i or tok.head.i == tok.i:
            return False
        clause = tok.dep_ in _SUBORDINATE or (tok.dep_ == "conj" and any(c.dep_ in ("nsubj", "nsubjpass") for c in tok.children))
        if clause and not tok.left_edge.i <= trigger.i <= tok.right_edge.i:
            return True  # a clause of its own, subordinate or coordinated with its own subject ('and the situation is ...')
        tok = tok.head
    return False


_RECENT = re.compile(r"(?i)recently|lately")
_SOON = re.compile(r"(?i)\bcoming\s+(?:days|weeks)\b")


def _past(tok: Token) -> bool:
    """The trigger's clause is told in a past tense (simple past or present perfect)."""
    verb = _tense_verb(tok)
    return verb is not None and (_simple_past(verb) or _is_present_perfect(verb))


def _is_present_perfect(tok: Token) -> bool:
    aux = [c.lower_ for c in tok.children if c.dep_ in ("aux", "auxpass")]
    return tok.tag_ == "VBN" and any(a in ("has", "have") for a in aux)


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
    sent = trigger.sent
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
    return None, None


def statement_dates(doc: Doc, events: list[Event], timexes: Sequence[Timex]) -> list[Event]:
    """A paragraph that opens with a dated statement ('the ministry denied on Monday that ...') goes on
    reporting that statement: undated reported speech later in the same paragraph takes its day."""
    sents = list(doc.sents)
    starts = [s.start_char for s in sents]
    spoken: dict[int, str] = {}  # sentence index -> day of a speech act told in it
    for k, sent in enumerate(sents):
        for t in sentence_timexes(sent, timexes):
            if precision_of(t.value) != "day":
                continue
            span = doc.char_span(t.start, t.end, alignment_mode="expand")
            head = span.root.head if span is not None else None
            if head is not None and head.dep_ == "prep":
                head = head.head
            if head is not None and lemma_of(head) in SPEECH_VERBS | DENIAL_VERBS | {"accuse", "announce"}:
                spoken[k] = t.value
    out: list[Event] = []
    for e in events:
        k = bisect_right(starts, e.start) - 1
        trig = doc.char_span(e.start, e.end, alignment_mode="expand")
        tok = next((t for t in trig if t.text == e.trigger), None) if trig is not None else None
        if e.date is None and tok is not None and any(lemma_of(a) in SPEECH_VERBS for a in tok.ancestors):
            for j in range(k - 1, max(-1, k - 5), -1):
                if _paragraph_break(sents[j], sents[j + 1]):
                    break
                if j in spoken:
                    e = replace(e, date=spoken[j], date_precision="day")
                    break
        out.append(e)
    return out


def narrative_dates(doc: Doc, events: list[Event]) -> list[Event]:
    """Reference time carries over to the next sentence of the same paragraph when it continues with the same actors.

    Only past-tense asserted events with no date of their own inherit, and only from the sentence just before.
    """
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
        prev = [p for p in by_sent.get(k - 1, []) if p.date and p.date_precision in ("day", "month")]
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


_LEAD_SENTENCES = 3
_BACKGROUND_WORDS = {"once", "previously", "formerly", "ago", "earlier", "first", "originally", "since"}


def trigger_token(doc: Doc, e: Event) -> Token | None:
    """The trigger word of an event record inside its evidence span."""
    span = doc.char_span(e.start, e.end, alignment_mode="expand")
    if span is None:
        return None
    return next((t for t in span if t.text == e.trigger), None)


_NEWS_DAYS = 10  # a story reports what happened within about a week of its writing


def _news_fresh(value: str, published: str | None) -> bool:
    """A lead day far before the writing ('Exactly a year ago, ... began') is background, not the news day."""
    if not published or not _DAY.match(published):
        return True
    try:
        return (date.fromisoformat(published) - date.fromisoformat(value)).days <= _NEWS_DAYS
    except ValueError:
        return True


def story_day(doc: Doc, timexes: Sequence[Timex], published: str | None) -> tuple[str | None, str | None]:
    """The news day of the story: a day the lead gives its main act ('World powers on Friday criticized'), else the
    publication date; a day inside a background phrase ('Following the coup on May 24, ...') is not the news day."""
    sents = list(doc.sents)[:_LEAD_SENTENCES]
    for sent in sents:
        days = [t for t in sentence_timexes(sent, timexes) if _DAY.match(t.value) and not _owned_by_other_event(t, sent.root)
                and _news_fresh(t.value, published)]
        if days:
            return days[0].value, "day"
        if any(t.value == "PRESENT_REF" and t.text.lower() == "today" for t in sentence_timexes(sent, timexes)):
            break
    if published and precision_of(published) in ("day", "month"):
        return published, precision_of(published)
    return None, None


def _tense_verb(tok: Token) -> Token | None:
    """The finite verb that carries the trigger's tense: a noun's governing verb, a participle's clause verb."""
    verb = tok
    for _ in range(4):
        if verb.pos_ in ("VERB", "AUX") and not (verb.tag_ == "VBG" and verb.dep_ in ("advcl", "xcomp", "conj", "pcomp")) \
                and not _infinitive(verb):
            return verb
        if verb.head.i == verb.i:
            return None
        verb = verb.head
    return None


def _infinitive(verb: Token) -> bool:
    """'agreed to work', 'flew ... to support': a to-infinitive takes its tense from the verb it completes."""
    return (verb.tag_ == "VB" and verb.dep_ in ("xcomp", "advcl") and verb.head.i != verb.i
            and any(c.dep_ == "aux" and c.lower_ == "to" for c in verb.children))


def _simple_past(verb: Token) -> bool:
    """A simple-past clause (not pluperfect, not perfect, no modal): the act of the news story itself."""
    aux = {c.lower_ for c in verb.children if c.dep_ in ("aux", "auxpass")}
    if aux & {"had", "has", "have", "will", "would", "could", "may", "might", "should", "must", "can", "shall"}:
        return False
    return verb.tag_ == "VBD" or (verb.tag_ == "VBN" and bool(aux & {"was", "were"}))


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


def _history_words(verb: Token) -> bool:
    """'once confronted', 'first provided', 'years ago': the clause itself places the act in the past."""
    skip: set[int] = set()
    for c in verb.children:
        if c.dep_ in ("relcl", "acl", "ccomp", "advcl", "conj"):
            skip.update(t.i for t in c.subtree)
    return any(t.lower_ in _BACKGROUND_WORDS for t in verb.subtree if t.i not in skip)


_CONTINUING = {"he", "she", "they"}
_LINKERS = {"but", "and", "so", "yet", "then"}


def _continues(sent: Span) -> bool:
    """'He also defended ...': a sentence whose subject is a personal pronoun goes on with the one before it,
    even across a paragraph break."""
    words = [t for t in sent if not t.is_punct and not t.is_space]
    while words and words[0].lower_ in _LINKERS:
        words = words[1:]
    return bool(words) and words[0].lower_ in _CONTINUING and words[0].dep_ in ("nsubj", "nsubjpass")


def _paragraph_break(prev: Span, sent: Span) -> bool:
    """A line break between two sentences (spaCy hangs the blank lines on the sentence before)."""
    words = [t for t in prev if not t.is_space]
    end = words[-1].idx + len(words[-1].text) if words else prev.start_char
    return "\n" in text_of(sent.doc)[end : sent.start_char]


_SUBORDINATE = {"relcl", "acl", "ccomp", "advcl", "xcomp", "csubj", "appos", "pcomp"}


def _main_clause(t: Timex, sent: Span) -> bool:
    """The date modifies the sentence's main verb, not a clause inside it ('the Takuba force, launched in March
    2020', 'said the incident happened three months ago'): only such a date sets the story's time."""
    span = sent.doc.char_span(t.start, t.end, alignment_mode="expand")
    if span is None:
        return False
    tok = span.root
    while tok.i != sent.root.i and tok.head.i != tok.i:
        if tok.dep_ in _SUBORDINATE:
            return False
        tok = tok.head
    return tok.i == sent.root.i and not _owned_by_other_event(t, sent.root)


def _reference_time(sents: list[Span], k: int, timexes: Sequence[Timex], published: str | None
                    ) -> tuple[str | None, str | None]:
    """The one past date the sentence before gives its own act ('The court ruled in 2016 ... But China rejected
    the ruling', 'Zhao last Friday responded ... He also defended'): the reference time a simple-past sentence
    with no date of its own goes on from; none across a paragraph break unless the sentence continues."""
    if k == 0:
        return None, None
    prev, sent = sents[k - 1], sents[k]
    if _paragraph_break(prev, sent) and not _continues(sent):
        return None, None
    values = {calendar_value(t.value) for t in sentence_timexes(prev, timexes)
              if precision_of(t.value) and _main_clause(t, prev) and not _numbered_name(t, prev)}
    if len(values) != 1:
        return None, None
    value = values.pop()
    if published and value[: len(published)] > published[: len(value)]:
        return None, None  # a date after the writing is a plan, not a reference time for the past
    return value, precision_of(value)


def _is_heading(sent: Span) -> bool:
    """A headline or crosshead inside the body: a short line of its own with no closing punctuation."""
    text = sent.text.strip()
    words = [t for t in sent if not t.is_punct and not t.is_space]
    return 2 <= len(words) <= 14 and not text.endswith((".", "!", "?", '"', "”", "’", ":", ";", ","))


def _present_news(tok: Token) -> bool:
    """'UN welcomes G7 achievements': a headline's present tense tells the news of the day."""
    verb = _tense_verb(tok)
    return verb is not None and verb.tag_ in ("VBZ", "VBP") and _is_heading(tok.sent)


def _lead(sents: list[Span]) -> Span | None:
    """The lead: the first sentence of the body that is a full sentence (not a heading or a dateline line)."""
    return next((s for s in sents[:_LEAD_SENTENCES] if not _is_heading(s) and len(s) >= 8), None)


def story_dates(doc: Doc, events: list[Event], timexes: Sequence[Timex], published: str | None) -> list[Event]:
    """Undated events told as the story's news take a reference time: a simple-past clause goes on from the date
    the sentence before gives its act, else takes the story's day ('World powers on Friday criticized ...' then
    'Germany urged restraint'), as does the lead's own act and a headline's present tense ('UN welcomes ...').
    Pluperfect and perfect clauses, modal ones, sentences with dates of their own and history words stay undated."""
    day, prec = story_day(doc, timexes, published)
    if day is None:
        return events
    sents = list(doc.sents)
    starts = [s.start_char for s in sents]
    lead = _lead(sents)
    out: list[Event] = []
    for e in events:
        tok = trigger_token(doc, e) if e.date is None and e.modality in ("asserted", "reported") else None
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
            elif (lead is not None and tok.sent.start == lead.start) or _present_news(tok):
                value, vprec = day, prec
            if value is not None:
                e = replace(e, date=value, date_precision=vprec, confidence=round(e.confidence * 0.9, 3))
        out.append(e)
    return out

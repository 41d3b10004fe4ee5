"""Which clause a date or a tense belongs to: dates owned by another act, subordinate clauses, simple past."""
from __future__ import annotations

from spacy.tokens import Span, Token

from .doc_tree import children
from ..records import Timex
from .doc_text import text_of
from .plover_lexicon import NOUNS, VERBS, lemma_of
from .event_date_values import _YEAR


_TOPIC_PREPS = {"for", "over", "about", "regarding", "concerning"}  # what an act is about, told with its own date


def _owned_by_other_event(t: Timex, trigger: Token) -> bool:
    """The timex modifies a nested event ('support ... after the August 2020 coup'), not this trigger."""
    span = trigger.doc.char_span(t.start, t.end, alignment_mode="expand")
    if span is None:
        return False
    if _names_the_subject(span.root, trigger):
        return True
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


_ATTRIBUTIVE = {"compound", "amod", "nummod", "nmod", "poss"}


def _names_the_subject(tok: Token, trigger: Token) -> bool:
    """'That 1978 resolution calls for ...', 'the 2015 deal requires ...': a date before the subject's noun says which
    thing the subject is, not when what it does in the present tense happens."""
    head = tok.head
    if tok.dep_ not in _ATTRIBUTIVE or tok.i > head.i or head.pos_ not in ("NOUN", "PROPN") or head.i == trigger.i:
        return False
    verb = head.head
    if head.dep_ not in ("nsubj", "nsubjpass") or verb.tag_ not in ("VBZ", "VBP"):
        return False  # told in the past ('your Oct. 23 item recognized ...'), the thing's date is the act's
    return verb.i == trigger.i or (trigger.dep_ in ("xcomp", "dobj", "ccomp") and trigger.head.i == verb.i)


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
    if tok.tag_ == "VBG" and any(c.lower_ == "been" for c in children(tok)):
        return True
    subj = next((c for c in children(tok) if c.dep_ in ("nsubj", "nsubjpass")), None)
    if subj is not None and (subj.lower_ in _AGGREGATE_SUBJECTS or any(
            c.lower_ in _AGGREGATE_SUBJECTS or c.like_num for c in children(subj) if c.dep_ in ("nummod", "amod", "quantmod"))):
        return True
    return any(c.lower_ in ("still", "continuously", "repeatedly", "constantly") for c in children(tok))


_SUBORDINATE = {"relcl", "acl", "ccomp", "advcl", "xcomp", "csubj", "appos", "pcomp"}


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
        clause = tok.dep_ in _SUBORDINATE or (tok.dep_ == "conj" and any(c.dep_ in ("nsubj", "nsubjpass") for c in children(tok)))
        if clause and not tok.left_edge.i <= trigger.i <= tok.right_edge.i:
            return True  # a clause of its own, subordinate or coordinated with its own subject ('and the situation is ...')
        tok = tok.head
    return False


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
            and any(c.dep_ == "aux" and c.lower_ == "to" for c in children(verb)))


def _simple_past(verb: Token) -> bool:
    """A simple-past clause (not pluperfect, not perfect, no modal): the act of the news story itself."""
    aux = {c.lower_ for c in children(verb) if c.dep_ in ("aux", "auxpass")}
    if aux & {"had", "has", "have", "will", "would", "could", "may", "might", "should", "must", "can", "shall"}:
        return False
    return verb.tag_ == "VBD" or (verb.tag_ == "VBN" and bool(aux & {"was", "were"}))


def _is_present_perfect(tok: Token) -> bool:
    aux = [c.lower_ for c in children(tok) if c.dep_ in ("aux", "auxpass")]
    return tok.tag_ == "VBN" and any(a in ("has", "have") for a in aux)


def _past(tok: Token) -> bool:
    """The trigger's clause is told in a past tense (simple past or present perfect)."""
    verb = _tense_verb(tok)
    return verb is not None and (_simple_past(verb) or _is_present_perfect(verb))


_BACKGROUND_WORDS = {"once", "previously", "formerly", "ago", "earlier", "first", "originally", "since"}


def _history_words(verb: Token) -> bool:
    """'once confronted', 'first provided', 'years ago': the clause itself places the act in the past."""
    skip: set[int] = set()
    for c in children(verb):
        if c.dep_ in ("relcl", "acl", "ccomp", "advcl", "conj"):
            skip.update(t.i for t in c.subtree)
    return any(t.lower_ in _BACKGROUND_WORDS for t in verb.subtree if t.i not in skip)

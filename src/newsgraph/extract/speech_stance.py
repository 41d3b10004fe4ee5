"""Stances voiced in reported speech: 'X said the government is legitimate' (SUPPORT), 'X said it has nothing to
do with it' (REJECT), 'X said it need not justify working with Y' (SUPPORT of the partnership with Y)."""
from __future__ import annotations

from dataclasses import dataclass
from typing import Iterator

from spacy.tokens import Span, Token

from .doc_tree import attrs, children, span_tokens
from .modality import is_negated
from .plover_lexicon import SPEECH_VERBS, lemma_of

# Predicates that call an actor or its conduct rightful: saying so defends it.
LEGITIMACY_WORDS = {"legitimate", "legal", "lawful", "justified", "sovereign", "rightful"}
# Words for having to justify something; negated ('need not justify', 'did not require justification')
# they defend a partnership or a choice against criticism.
JUSTIFY_WORDS = {"justify", "justification", "explain", "explanation", "apologize", "apologise", "apology"}
NEED_WORDS = {"need", "require", "have", "owe", "must"}
# Nouns that introduce the holder of a view: 'in his opinion', 'in her view'.
OPINION_NOUNS = {"opinion", "view", "words", "judgement", "judgment", "estimation"}


@dataclass(frozen=True)
class Stance:
    """A stance found in a sentence: its type, who voiced it, what it is about, and where it is said."""

    type: str
    speaker: Token
    about: list[Token]  # phrases whose first named actor is the target (empty: no target)
    trigger: Token
    evidence: Span


def _speech_verb(pred: Token) -> Token | None:
    """The reporting verb the predicate's clause depends on, or a parenthetical one beside it ('..., he stressed, ...')."""
    cur = pred
    for _ in range(3):
        if cur.dep_ in ("ccomp", "xcomp", "conj") and cur.head.i != cur.i:
            if lemma_of(cur.head) in SPEECH_VERBS and cur.dep_ == "ccomp":
                return cur.head
            if (lemma_of(cur.head) in SPEECH_VERBS and cur.dep_ == "conj" and _subject(cur) is not None
                    and any(c.dep_ == "ccomp" for c in children(cur.head))):
                return cur.head  # 'stated that A, and B': a second content clause with its own subject
            cur = cur.head
        else:
            break
    for c in children(pred):
        if c.dep_ in ("conj", "parataxis") and lemma_of(c) in SPEECH_VERBS and not any(cc.dep_ == "ccomp" for cc in children(c)):
            return c
    return None


def _speaker(pred: Token) -> tuple[Token | None, Token | None]:
    """The speaker's phrase and the reporting verb (or opinion noun) that names them."""
    verb = _speech_verb(pred)
    if verb is not None:
        for c in children(verb):
            if c.dep_ == "nsubj":
                return c, verb
    for c in children(pred):  # 'In his opinion, X is legitimate'
        if c.dep_ == "prep" and c.lower_ in ("in", "to"):
            for p in children(c):
                if p.dep_ == "pobj" and p.lower_ in OPINION_NOUNS:
                    poss = next((x for x in children(p) if x.dep_ == "poss"), None)
                    if poss is not None:
                        return poss, p
    return None, None


def _content(pred: Token, verb: Token | None) -> Span:
    """The stance's words: the speaker and reporting verb before it, if any, through the predicate's clause."""
    doc = pred.doc
    skip: set[int] = set()
    for c in children(pred):
        if (c.dep_ in ("conj", "parataxis") and lemma_of(c) in SPEECH_VERBS) or (c.dep_ == "prep" and c.i < pred.i):
            skip.update(t.i for t in c.subtree)
        if c.dep_ == "cc" and c.i > pred.i and any(x.dep_ in ("conj", "parataxis") and lemma_of(x) in SPEECH_VERBS
                                                   for x in children(pred)):
            skip.add(c.i)
        if c.dep_ in ("prep", "advcl", "ccomp") and c.i > pred.i and len(list(c.subtree)) > 6 and c.lower_ != "with":
            skip.update(t.i for t in c.subtree)  # 'despite concerns raised by ...': a circumstance, not the stance
    toks = [t for t in pred.subtree if t.i not in skip]
    start, end = toks[0].i, toks[-1].i + 1
    if verb is not None and verb.i < pred.i and verb in pred.ancestors:
        subj = next((c for c in children(verb) if c.dep_ == "nsubj"), None)
        if subj is not None and subj.i < verb.i:
            start = min(start, subj.left_edge.i)
    while end > start + 1 and (doc[end - 1].is_punct or doc[end - 1].dep_ == "cc"):
        end -= 1
    while start < end - 1 and (doc[start].is_punct or doc[start].dep_ == "cc"):
        start += 1
    return doc[start:end]


def _subject(verb: Token) -> Token | None:
    return next((c for c in children(verb) if c.dep_ in ("nsubj", "nsubjpass")), None)


def _partners(word: Token) -> list[Token]:
    """'working with Russia', 'a Russian partner': the phrases naming whom the justified act is with."""
    return [t for t in word.subtree if t.dep_ == "pobj" and t.head.lower_ in ("with", "to", "from") and t.i != word.i]


def stances(sent: Span) -> Iterator[Stance]:
    """Yield SUPPORT/REJECT stances voiced by a named speaker in the sentence."""
    lower_of = attrs(sent.doc).lower  # (read once per Doc, not a string per Token)
    for tok in span_tokens(sent):
        low = lower_of[tok.i]
        if low in LEGITIMACY_WORDS and tok.dep_ in ("acomp", "attr") and not is_negated(tok.head):
            pred = tok.head
            subj = _subject(pred)
            speaker, verb = _speaker(pred)
            if subj is not None and speaker is not None:
                yield Stance("SUPPORT", speaker, [subj], verb if verb is not None and verb.pos_ == "VERB" else pred,
                             _content(pred, verb))
        elif lemma_of(tok) in JUSTIFY_WORDS and (tok.dep_ in ("xcomp", "dobj")):
            need = tok.head
            if lemma_of(need) not in NEED_WORDS or not is_negated(need):
                continue
            speaker, verb = _speaker(need)
            if speaker is None:
                continue
            subj = _subject(need)
            about = _partners(tok) + ([subj] if subj is not None else [])
            yield Stance("SUPPORT", speaker, about, verb if verb is not None and verb.pos_ == "VERB" else need,
                         _content(need, verb))
        elif low == "nothing" and tok.dep_ == "dobj" and lemma_of(tok.head) == "have":
            # 'X has nothing to do with it': a denial of involvement
            if not any(c.dep_ == "relcl" and c.lemma_ == "do" and any(p.lower_ == "with" for p in children(c))
                       for c in children(tok)):
                continue
            pred = tok.head
            speaker, verb = _speaker(pred)
            if speaker is None:
                continue
            yield Stance("REJECT", speaker, [], verb if verb is not None and verb.pos_ == "VERB" else pred,
                         _content(pred, verb))

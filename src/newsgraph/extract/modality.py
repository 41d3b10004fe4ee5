"""Modality of an event trigger from its clause: asserted, reported, denied, future or hypothetical."""
from __future__ import annotations

from spacy.tokens import Token

from .doc_tree import attrs, children, sentence
from .plover_lexicon import FUTURE_INTENT, FUTURE_WORDS, HEDGE_WORDS, HYPOTHETICAL_WORDS, NEGATIONS, SPEECH_VERBS, lemma_of

DENIAL_VERBS = {"deny", "refute", "reject", "dismiss", "dispute"}
# Governors whose negation does not undo their complement ('did not hesitate to strike').
_NEGATION_KEEPS = {"hesitate", "fail", "cease", "stop", "forget", "refrain"}


def clause_chain(tok: Token, limit: int = 4) -> list[Token]:
    """The trigger and the verbs it is the complement of (xcomp/ccomp/conj chain), nearest first."""
    chain = [tok]
    cur = tok
    for _ in range(limit):
        if cur.dep_ in ("xcomp", "ccomp", "conj", "advcl", "pcomp", "dobj", "pobj", "acl", "relcl") and cur.head.i != cur.i:
            cur = cur.head
            chain.append(cur)
        else:
            break
    return chain


def is_negated(tok: Token) -> bool:
    """A 'not'/'never' on the trigger itself."""
    return any(c.dep_ == "neg" or (c.lower_ in NEGATIONS and c.dep_ in ("advmod", "det")) for c in children(tok))


def speech_governor(tok: Token) -> Token | None:
    """The speech verb the trigger's clause is reported under ('X said that ...'), if any."""
    cur = tok
    for _ in range(4):
        if cur.dep_ in ("ccomp", "xcomp", "conj", "advcl") and cur.head.i != cur.i:
            head = cur.head
            if lemma_of(head) in SPEECH_VERBS and cur.dep_ == "ccomp":
                return head
            cur = head
        else:
            return None
    return None


def denial_governor(tok: Token) -> Token | None:
    """A deny/refute verb whose complement clause holds the trigger ('denied that France had abandoned Mali')."""
    cur = tok
    for _ in range(3):
        if cur.dep_ in ("ccomp", "conj") and cur.head.i != cur.i:
            cur = cur.head
            if lemma_of(cur) in DENIAL_VERBS:
                return cur
        else:
            return None
    return None


def _failed(tok: Token) -> bool:
    """The trigger is what someone failed to do (an xcomp of 'fail', or a verb coordinated with it), not negated."""
    cur = tok
    for _ in range(3):
        if cur.dep_ == "conj" and cur.head.i != cur.i:
            cur = cur.head
            continue
        if cur.dep_ == "xcomp" and cur.head.i != cur.i:
            return lemma_of(cur.head) == "fail" and not is_negated(cur.head)
        return False
    return False


# Verbs whose 'if' clause is a question asked, not a condition ('asked if the UK supports ...').
_ASK_VERBS = {"ask", "wonder", "question", "inquire", "enquire", "query"}


def asked_about(tok: Token) -> bool:
    """The trigger's clause is what someone asked or left open ('asked whether the UK recognises Iran's right',
    'refused to confirm whether ...'): an embedded question tells no event."""
    cur = tok
    for _ in range(4):
        for c in children(cur):
            if c.dep_ == "mark" and (c.lower_ == "whether" or (
                    c.lower_ == "if" and cur.dep_ == "ccomp" and lemma_of(cur.head) in _ASK_VERBS)):
                return True
        if cur.dep_ in ("conj", "xcomp") and cur.head.i != cur.i and cur.head.pos_ in ("VERB", "AUX"):
            cur = cur.head
            continue
        return False
    return False


# Verbs of appeal: what they ask another party to do is asked for, not done ('called on both sides to stop
# fighting', d7b; 'requested the group of Russian mercenaries Wagner that they send their units', seed 004).
# Orders are not among them: an act ordered is told as the orderer's (event_roles).
_APPEAL_VERBS = {"urge", "call", "ask", "appeal", "request", "plead", "beg", "implore", "exhort", "demand", "press"}


def asked_of_another(tok: Token) -> bool:
    """The trigger is (inside) the complement of a verb of appeal: the appeal is the event, not the act asked for."""
    cur = tok
    for _ in range(3):
        if cur.dep_ not in ("xcomp", "ccomp", "conj") or cur.head.i == cur.i:
            return False
        head = cur.head
        if cur.dep_ != "conj" and lemma_of(head) in _APPEAL_VERBS and head.pos_ == "VERB":
            return not any(m.dep_ == "mark" and m.lower_ in ("whether", "if") for m in children(cur))  # 'asked
            # whether he had had a conversation with Putin' asks a question
        cur = head
    return False


def _passed_over(tok: Token) -> bool:
    """The act set aside for another: 'will safeguard its rules rather than defeat jihadists', 'instead of
    withdrawing': the alternative not taken did not happen."""
    if tok.dep_ == "conj" and any(c.dep_ == "cc" and c.lower_ == "than" and c.i < tok.i
                                  and any(r.lower_ == "rather" for r in children(c)) for c in children(tok.head)):
        return True
    return tok.dep_ == "pcomp" and tok.head.lower_ == "of" and tok.head.head.lower_ == "instead"


def modality(tok: Token) -> str:
    """Classify the trigger's modality from auxiliaries, hedges, conditionals and reporting verbs."""
    if denial_governor(tok) is not None:
        return "denied"
    if is_negated(tok) or _passed_over(tok):
        return "denied"
    infinitive = tok.dep_ == "xcomp" or (tok.dep_ == "ccomp" and any(c.dep_ == "aux" and c.lower_ == "to" for c in children(tok)))
    if infinitive and tok.head.i != tok.i and is_negated(tok.head) and lemma_of(tok.head) not in _NEGATION_KEEPS:
        return "denied"  # 'will not cause America to back down', 'did not try to attack'
    if _failed(tok):
        return "denied"  # 'efforts have failed to end violations, protect civilians': none of it happened
    near = clause_chain(tok, 2)
    words: set[str] = set()
    for t in near:
        for c in children(t):
            if c.dep_ in ("aux", "auxpass", "advmod", "amod", "mark", "neg", "prep"):
                words.add(c.lower_)
    sent = sentence(tok)
    sent_words = set(attrs(tok.doc).lower[sent.start : sent.end])  # (read once per Doc, not a Token per word)
    if words & HYPOTHETICAL_WORDS or "if" in words or "unless" in words:
        return "hypothetical"
    if words & FUTURE_WORDS or "would" in words:
        return "future"
    if any(t.lower_ == "going" and any(c.dep_ == "xcomp" for c in children(t)) for t in near[1:]):
        return "future"  # 'are going to provide'

    if any(lemma_of(t) in FUTURE_INTENT and t.i != tok.i and t.pos_ in ("VERB", "AUX") for t in near[1:]):
        return "future"  # 'plans to attack'; a 'plan reportedly vetoed' is no future act
    if words & HEDGE_WORDS or ({"allegedly", "reportedly"} & sent_words):
        return "reported"
    if "according" in sent_words and any(t.lower_ == "according" and t.nbor(1).lower_ == "to" for t in sent if t.i + 1 < len(tok.doc)):
        return "reported"
    if speech_governor(tok) is not None:
        return "reported"
    return "asserted"

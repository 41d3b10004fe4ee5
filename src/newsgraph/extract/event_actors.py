"""Resolve the agent and recipient phrases of a trigger to article-local entity keys through the mentions."""
from __future__ import annotations

from bisect import bisect_right
from collections import deque
from typing import Sequence

from spacy.tokens import Doc, Token

from ..records import LocalEntity, Mention
from .entities import actor_key

TARGET_PREPS = {"to", "with", "against", "on", "into", "from", "at", "for", "toward", "towards", "upon", "over", "of"}
PLACE_PREPS = {"in", "at", "to", "near", "inside", "across", "throughout", "outside", "into"}
STOP_DEPS = {"relcl", "acl", "advcl", "ccomp", "parataxis"}


class MentionIndex:
    """Mentions by character offset, with the article's entities, for fast token lookups."""

    def __init__(self, mentions: Sequence[Mention], entities: Sequence[LocalEntity]) -> None:
        self.mentions = sorted(mentions, key=lambda m: (m.start, -(m.end - m.start)))
        self.starts = [m.start for m in self.mentions]
        self.entities = {e.key: e for e in entities}

    def at(self, tok: Token) -> Mention | None:
        """The longest mention covering the token."""
        i = bisect_right(self.starts, tok.idx)
        best: Mention | None = None
        for m in self.mentions[max(0, i - 8) : i]:
            if m.start <= tok.idx < m.end and (best is None or m.end - m.start > best.end - best.start):
                best = m
        return best

    def actor(self, m: Mention) -> str:
        """A mention's acting entity (capital city -> its country)."""
        return actor_key(m, self.entities)

    def is_place(self, m: Mention) -> bool:
        return m.type in ("GPE", "LOC") and m.kind == "name"


def head_mention(root: Token, index: MentionIndex, skip: set[int] | frozenset[int] = frozenset()) -> Mention | None:
    """The mention nearest the phrase's head (breadth-first down the subtree; clauses and conjuncts skipped)."""
    queue: deque[Token] = deque([root])
    while queue:
        tok = queue.popleft()
        if tok.i in skip:
            continue
        m = index.at(tok)
        if m is not None:
            return m
        for c in tok.children:
            if c.dep_ in STOP_DEPS or c.dep_ in ("conj", "cc") or c.i in skip:
                continue
            queue.append(c)
    return None


PRONOUNS = {"he", "she", "him", "her", "it", "they", "them", "we"}


def _antecedent(pron: Token, index: MentionIndex) -> Token | None:
    """A pronoun's stand-in: the subject of the reporting verb above it, or (he/she) the last person named."""
    cur = pron.head
    for _ in range(4):
        if cur.dep_ in ("ccomp", "xcomp", "conj", "advcl") and cur.head is not cur:
            cur = cur.head
            for c in cur.children:
                if c.dep_ == "nsubj" and c.lower_ not in PRONOUNS:
                    return c
        else:
            break
    if pron.lower_ in ("he", "she", "him", "her"):
        doc = pron.doc
        start = max(0, pron.sent.start - 60)
        for i in range(pron.i - 1, start - 1, -1):
            m = index.at(doc[i])
            if m is not None and m.type == "PERSON":
                return doc[i]
    return None


def phrase_actors(root: Token | None, index: MentionIndex) -> list[str | None]:
    """Entity keys for a (possibly coordinated) phrase: 'the UN and HRW' -> two keys; unnamed -> [None]."""
    if root is None:
        return []
    if root.lower_ in PRONOUNS:
        ante = _antecedent(root, index)
        if ante is None:
            return [None]
        root = ante
    heads = [root] + [c for c in root.conjuncts if c.i > root.i]
    keys: list[str | None] = []
    for h in heads:
        m = head_mention(h, index)
        if m is None:
            keys.append(None)
            continue
        keys.append(index.actor(m))
        for t in h.subtree:  # coordinated modifiers: 'Hungarian and Romanian officials'
            if t.dep_ == "conj" and t.i != h.i and index.at(t.head) == m:
                m2 = index.at(t)
                if m2 is not None:
                    keys.append(index.actor(m2))
    out: list[str | None] = []
    for k in keys:
        if k not in out:
            out.append(k)
    if len(out) > 1 and None in out:
        out.remove(None)
    return out


def _child(tok: Token, deps: set[str]) -> Token | None:
    for c in tok.children:
        if c.dep_ in deps:
            return c
    return None


def agent_phrase(verb: Token) -> Token | None:
    """The doer: nsubj, the 'by' agent of a passive, or the subject of the verb this one is the complement of."""
    agent = _child(verb, {"agent"})
    if agent is not None:
        pobj = _child(agent, {"pobj"})
        if pobj is not None:
            return pobj
    subj = _child(verb, {"nsubj", "csubj"})
    if subj is not None and subj.lower_ not in ("which", "that", "who"):
        return subj
    if subj is not None and verb.dep_ == "relcl":
        return verb.head
    if _child(verb, {"nsubjpass"}) is not None:
        return None
    cur = verb
    for _ in range(3):
        if cur.dep_ in ("xcomp", "conj", "advcl", "pcomp") and cur.head is not cur:
            cur = cur.head
            if cur.dep_ == "prep":
                cur = cur.head
            s = _child(cur, {"nsubj"})
            if s is not None:
                return s
        else:
            break
    if verb.dep_ == "relcl" or verb.dep_ == "acl":
        return None
    return None


def target_phrases(verb: Token) -> list[Token]:
    """Recipients in order of preference: dobj, dative, passive subject, prepositional objects."""
    out: list[Token] = []
    for c in verb.children:
        if c.dep_ in ("dobj", "dative", "nsubjpass", "attr", "oprd"):
            out.append(c)
    for c in verb.children:
        if c.dep_ in ("prep", "agent") and c.lower_ in TARGET_PREPS and c.dep_ != "agent":
            pobj = _child(c, {"pobj"})
            if pobj is not None:
                out.append(pobj)
    for c in verb.children:
        if c.dep_ == "prt":
            for cc in verb.children:
                if cc.dep_ == "prep":
                    pobj = _child(cc, {"pobj"})
                    if pobj is not None and pobj not in out:
                        out.append(pobj)
    return out


# Nouns whose 'of' phrase is the doer ('the withdrawal of French troops'), not the one done to.
AGENTIVE_OF = {"withdrawal", "pullout", "deployment", "mobilization", "mobilisation", "resignation", "visit", "arrival",
               "retreat", "surrender", "protest", "demonstration", "rally", "strike", "offensive", "advance",
               "intervention", "presence", "departure", "exit", "incursion", "invasion"}


def noun_agent(noun: Token) -> Token | None:
    """The doer of an event noun: possessor, 'by' phrase, or a nationality/name modifier ('French withdrawal')."""
    for c in noun.children:
        if c.dep_ == "poss":
            return c
    if noun.lemma_.lower() in AGENTIVE_OF:
        for c in noun.children:
            if c.dep_ == "prep" and c.lower_ == "of":
                return _child(c, {"pobj"})
    for c in noun.children:
        if c.dep_ == "prep" and c.lower_ == "by":
            return _child(c, {"pobj"})
    for c in noun.children:
        if c.dep_ in ("amod", "compound", "nmod") and (c.ent_type_ in ("NORP", "GPE", "ORG", "PERSON")):
            return c
    return None


def noun_targets(noun: Token) -> list[Token]:
    """Recipients of an event noun: 'against X', 'on X', 'with X', 'of X', 'to X'."""
    out = []
    agentive = noun.lemma_.lower() in AGENTIVE_OF
    for c in noun.children:
        if c.dep_ == "prep" and c.lower_ in TARGET_PREPS and not (agentive and c.lower_ == "of"):
            pobj = _child(c, {"pobj"})
            if pobj is not None:
                out.append(pobj)
    return out


def location_of(tokens: Sequence[Token], index: MentionIndex, doc: Doc) -> str | None:
    """A named place governed by in/at/to/near among the clause's tokens."""
    for tok in tokens:
        if tok.dep_ == "pobj" and tok.head.lower_ in PLACE_PREPS:
            m = head_mention(tok, index)
            if m is not None and index.is_place(m):
                return m.entity
    return None

"""When an event word is told as something that took place ('the talks were held', 'last week's summit', 'a deal
reached between the sides', 'his conversation with Putin', 'cargo was delivered on 26 September') rather than
as a topic, a kind or a plan ('concerns', 'the war', 'support'): such an event stands without named actors."""
from __future__ import annotations

from spacy.tokens import Token

from .doc_tree import children
from . import plover_lexicon as lex

# Verbs that say an event happened, began, went on or ended: their subject is an occurrence.
OCCURRENCE_VERBS = {"occur", "happen", "erupt", "flare", "resume", "escalate", "intensify", "continue", "begin", "start",
                    "end", "last", "break", "unfold", "rage", "take"}
# Verbs that make an event happen: 'talks were held', 'a deal reached', 'the truce introduced by the army'.
STAGING_VERBS = {"hold", "reach", "sign", "conclude", "convene", "launch", "stage", "conduct", "carry", "mount",
                 "organize", "organise", "introduce", "declare", "broker", "perpetrate", "commit", "wage", "unleash"}
_ACTOR_KINDS = {"GPE", "ORG", "PERSON", "NORP"}
# Event types done between two sides: a named partner after 'with' / 'between' makes the noun one occasion.
_RECIPROCAL = {"CONSULT", "ASSAULT"}


def _dated(word: Token) -> bool:
    """'This year's summit', 'the 2019 attack', 'the attack on Monday', 'delivered on 26 September': a date of
    its own fixes one occurrence."""
    for c in children(word):
        if c.dep_ in ("poss", "compound", "nmod", "npadvmod", "nummod", "amod") and any(
                t.ent_type_ in ("DATE", "TIME") for t in c.subtree):
            return True
        if c.dep_ == "prep" and c.lower_ in ("on", "in", "at") and any(
                p.dep_ == "pobj" and p.ent_type_ in ("DATE", "TIME") for p in children(c)):
            return True
    return False


def _staged(noun: Token) -> bool:
    """The noun is said to happen ('clashes have taken place', 'fighting erupted') or to be made to happen
    ('the talks were held', 'a deal reached', 'the truce introduced by the army')."""
    head = noun.head
    if noun.dep_ == "nsubj" and head.pos_ in ("VERB", "AUX"):
        lemma = lex.lemma_of(head)
        if lemma == "take":
            return any(c.dep_ == "dobj" and c.lower_ == "place" for c in children(head))
        if lemma == "break":
            return any(c.dep_ == "prt" and c.lower_ == "out" for c in children(head))
        return lemma in OCCURRENCE_VERBS
    if noun.dep_ == "nsubjpass" and lex.lemma_of(head) in STAGING_VERBS:
        return True
    for c in children(noun):
        if c.dep_ in ("acl", "relcl") and c.pos_ == "VERB" and lex.lemma_of(c) in STAGING_VERBS | OCCURRENCE_VERBS:
            if c.dep_ == "acl" and c.tag_ != "VBN":
                continue  # 'a deal reached', not 'talks aiming to ...'
            return True
    return False


def _with_partner(noun: Token, etype: str) -> bool:
    """'his conversation with Putin', 'the escalation between Israel and Iran': two named sides."""
    if etype not in _RECIPROCAL:
        return False
    for c in children(noun):
        if c.dep_ == "prep" and c.lower_ in ("with", "between"):
            for p in children(c):
                if p.dep_ == "pobj" and any(_names_actor(t) for t in (p, *p.conjuncts)):
                    return True
    return False


def _names_actor(tok: Token) -> bool:
    """A name ('Putin') or people of a named side ('the Malian authorities', 'Russian diplomats')."""
    return tok.ent_type_ in _ACTOR_KINDS or any(
        m.ent_type_ in _ACTOR_KINDS for c in children(tok) if c.dep_ in ("amod", "compound", "poss")
        for m in (c, *c.conjuncts))  # 'the Sahelo-Saharan and Malian authorities'


def two_sided(noun: Token, etype: str) -> bool:
    """'his conversation with Putin', 'clashes between the army and the rebels': the noun names both sides itself."""
    return _with_partner(noun, etype)


def names_occurrence(noun: Token, etype: str) -> bool:
    """Whether an event noun stands for one event that took place (not a topic, a kind or a plan)."""
    return _dated(noun) or _staged(noun) or _with_partner(noun, etype)


def told_as_occurrence(verb: Token) -> bool:
    """A verb event told with its own date ('cargo was delivered there on September 26-28'): a fact that took
    place, whoever did it."""
    return _dated(verb)

"""A token's children, listed once per Doc: spaCy's Token.children scans the token's whole subtree span and
makes a new Token object per child on every call, and the event rules ask the same verbs and nouns for their
children again and again (object, complement, phrasal particle, modifiers)."""
from __future__ import annotations

from spacy.tokens import Doc, Token

_LAST: list = [None, {}]  # [the Doc last asked about, its children per token index]: one article at a time


def children(tok: Token) -> tuple[Token, ...]:
    """tuple(tok.children), the same tokens in the same order, built once per token of the Doc last asked about."""
    doc: Doc = tok.doc
    if _LAST[0] is not doc:
        _LAST[0], _LAST[1] = doc, {}
    kids = _LAST[1].get(tok.i)
    if kids is None:
        kids = _LAST[1][tok.i] = tuple(tok.children)
    return kids

"""A Doc's tokens and each token's children, made once per Doc: spaCy makes a new Token object for every token of
every pass over a Doc or a sentence (the rules make ~20 passes over each token) and Token.children scans the
token's whole subtree span on every call, while the event rules ask the same verbs and nouns for their children
again and again (object, complement, phrasal particle, modifiers)."""
from __future__ import annotations

from spacy.attrs import HEAD
from spacy.tokens import Doc, Span, Token

# [the Doc last asked about, its tokens, each token's children (None until asked)]: one article at a time
_LAST: list = [None, (), None]


def _load(doc: Doc) -> None:
    _LAST[0], _LAST[1], _LAST[2] = doc, tuple(doc), None


def tokens(doc: Doc) -> tuple[Token, ...]:
    """tuple(doc): the same tokens in the same order, made once for the Doc last asked about."""
    if _LAST[0] is not doc:
        _load(doc)
    return _LAST[1]


def span_tokens(span: Span) -> tuple[Token, ...]:
    """tuple(span), from the Doc's tokens made once."""
    return tokens(span.doc)[span.start:span.end]


def children(tok: Token) -> tuple[Token, ...]:
    """tuple(tok.children): the same tokens in the same order (spaCy gives the left children then the right ones,
    each left to right: by position), listed for every token of the Doc in one pass over its heads."""
    doc: Doc = tok.doc
    if _LAST[0] is not doc:
        _load(doc)
    kids = _LAST[2]
    if kids is None:
        toks = _LAST[1]
        lists: list[list[Token]] = [[] for _ in toks]
        for i, offset in enumerate(doc.to_array(HEAD).astype("int64").tolist()):
            if offset:  # a root is its own head, not its own child
                lists[i + offset].append(toks[i])
        kids = _LAST[2] = [tuple(k) for k in lists]
    return kids[tok.i]

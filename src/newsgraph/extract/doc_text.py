"""A Doc's text, built once per Doc: spaCy's Doc.text joins a new Token object per token on every call, and
the extractors look at the text around each event, date and quote (it was a quarter of the extraction time)."""
from __future__ import annotations

import weakref

from spacy.tokens import Doc

_CACHE: "weakref.WeakKeyDictionary[Doc, str]" = weakref.WeakKeyDictionary()


def text_of(doc: Doc) -> str:
    """doc.text, from a per-Doc cache (a Doc's tokens do not change once parsed)."""
    text = _CACHE.get(doc)
    if text is None:
        text = _CACHE[doc] = doc.text
    return text

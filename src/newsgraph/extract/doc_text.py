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


def remember_text(doc: Doc, text: str) -> None:
    """Give text_of the text a Doc was parsed from, which is its doc.text (spaCy's tokenizer loses no character):
    joining it again from the Doc's tokens made a Token object per token (0.06 s of the 5.4 s extraction CPU of
    400 bench texts). Checked against the last token's end, else left for text_of to build."""
    if len(doc) == 0:
        ok = text == ""
    else:
        last = doc[-1]
        ok = last.idx + len(last.text_with_ws) == len(text) and text.startswith(doc[0].text_with_ws)
    if ok:
        _CACHE[doc] = text

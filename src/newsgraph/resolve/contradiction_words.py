"""Literal words the contradiction cue patterns need, so a statement holding none of a pattern's words is not scanned
with it: twelve thousand statements of 1,000 articles through eight case-insensitive patterns each were most of the
time of their digests (resolve.statement_digests).

A case-insensitive match holds its pattern's letters in some case, or one of the four non-ASCII letters
re.IGNORECASE also takes for ASCII ones (İ and ı for i, the Kelvin sign for k, long s for s: checked against every
code point); `folded` maps those and lower-cases, so a folded text holds every literal a match holds."""
from __future__ import annotations

_FOLD = str.maketrans({"\u0130": "i", "\u0131": "i", "\u212a": "k", "\u017f": "s"})

# Per pattern of resolve.contradictions: words one of which every match holds (lower case; the event-place pattern's
# are its own nouns).
DENIAL = ("confirmed", "acknowledged", "admitted", "recogni", "verified")
NEGATION = ("no", "never", "rather than", "n't")
COPULAR_NEG = ("not", "never", "no longer")
DISAVOW = ("nothing to do with", "not involved in", "no involvement in", "no role in", "no connection")
DURATION = ("been", "since")
ONSET = ("request", "send", "sent", "deploy", "arriv", "brought in", "bring in", "began", "begun", "begin", "start",
         "recruit", "hire", "invit", "first")
NEWS_OF_START = ("request", "begun", "begins", "start", "invited", "hired", "will", "arrives")


def folded(text: str) -> str:
    """text lower-cased, with the non-ASCII letters re.IGNORECASE matches to ASCII ones made those letters."""
    return text.translate(_FOLD).lower()


def holds(low: str, words: tuple[str, ...]) -> bool:
    """Whether a folded text holds any of these words."""
    return any(w in low for w in words)

"""What kind of entity a name is when the NER's label is doubtful: a title and surname read as an organisation
('General Haftar'), and names the text puts in a place but the NER calls a person or organisation ('in Bunza')."""
from __future__ import annotations

from collections import Counter

from spacy.tokens import Doc

from .doc_tree import children
from ..names import ORG_SUFFIXES as NAME_ORG_SUFFIXES
from ..nlp.components import ORG_SUFFIXES

HONORIFICS = {"mr", "mrs", "ms", "miss", "dr", "mme", "mlle", "messrs",
              "ayatollah", "sheikh", "sheik", "imam", "mullah", "haj", "hajj"}  # religious titles are not the name
ROLE_NOUNS = {
    "minister", "president", "diplomat", "leader", "spokesperson", "spokesman", "spokeswoman", "chief",
    "commander", "envoy", "ambassador", "premier", "general", "secretary", "head", "businessman",
    "chancellor", "king", "emir", "prince", "colonel", "director", "official", "counterpart", "founder",
}

# Military, civil and royal titles that the NER sometimes reads with a surname as an organisation ('General Haftar').
PERSON_TITLES = {"general", "gen.", "gen", "president", "colonel", "col.", "marshal", "admiral", "major", "captain",
                 "lieutenant", "lt.", "commander", "minister", "senator", "governor", "sheikh", "emir", "king",
                 "prince", "premier", "chancellor", "ayatollah", "brigadier", "sergeant"}


# Prepositions and nouns that put a name in a place ('in Bunza', 'near Al-Jufra', 'the cities of Sirte and Al-Jufra').
_IN_PLACE = {"in", "near", "into", "across", "outside", "inside", "around", "throughout"}
_PLACE_NOUNS = {"city", "town", "village", "region", "province", "state", "district", "area", "county", "capital",
                "border", "outskirts", "municipality", "community"}
_SAYING = {"say", "tell", "state", "add", "note", "insist", "stress", "declare", "confirm", "explain", "warn", "announce"}


def retype_places(doc: Doc, assigned: list, clusters: list) -> None:
    """A name the NER called a person that the text puts in a place ('in Bunza', 'the cities of Sirte and
    Al-Jufra', coordinated with a place) and never treats as a person (no title before it, never the one who
    speaks) is a place."""
    roots: dict[int, int] = {}
    for span, idx in assigned:
        sp = doc.char_span(span.start_char, span.end_char, alignment_mode="expand")
        if sp is not None:
            roots[sp.root.i] = idx
    votes: Counter = Counter()
    veto: set[int] = set()
    for span, idx in assigned:
        if clusters[idx].type not in ("PERSON", "ORG"):
            continue
        sp = doc.char_span(span.start_char, span.end_char, alignment_mode="expand")
        if sp is None:
            continue
        root = sp.root
        before = doc[sp.start - 1].lower_.rstrip(".") if sp.start > 0 else ""
        if (before in PERSON_TITLES or before in HONORIFICS or before in ROLE_NOUNS
                or (root.dep_ == "nsubj" and root.head.lemma_.lower() in _SAYING)):
            veto.add(idx)
        if clusters[idx].type == "ORG" and (before in ("the", "a", "an") or not plain_name(span.text)
                                            or any(c.dep_ in ("amod", "compound", "nmod") and not sp.start <= c.i < sp.end
                                                   for c in children(root))):
            veto.add(idx)  # 'the Senate', 'NATO', 'Wagner Group', 'state-run Xinhua': organisations' marks
        siblings = [root.head] if root.dep_ == "conj" else []
        siblings += [c for c in children(root) if c.dep_ == "conj"]
        if any(clusters[roots[t.i]].type == "GPE" for t in siblings if t.i in roots):
            votes[idx] += 1
        if root.dep_ == "pobj" and root.head.lower_ in _IN_PLACE:
            votes[idx] += 1
        elif root.dep_ == "pobj" and root.head.lower_ == "of" and root.head.head.lemma_.lower() in _PLACE_NOUNS:
            votes[idx] += 1
        elif root.dep_ == "conj" and root.head.dep_ == "pobj" and root.head.head.lower_ == "of" \
                and root.head.head.head.lemma_.lower() in _PLACE_NOUNS:
            votes[idx] += 1
    for idx in votes:
        if idx not in veto:
            clusters[idx].type = "GPE"


def plain_name(text: str) -> bool:
    """A name of capitalised words (not an acronym) with no organisation word in it."""
    words = text.replace("-", " ").split()
    return bool(words) and all(w[:1].isupper() and not w.isupper() and w.lower() not in ORG_WORDS for w in words)


ORG_WORDS = ORG_SUFFIXES | NAME_ORG_SUFFIXES | {"senate", "congress", "parliament", "assembly", "court", "house",
                                                "office", "service", "services", "media", "tv", "radio", "press",
                                                "initiative", "declaration", "crescent", "airport", "base",
                                                "aviation", "aerospace", "energy", "petroleum", "oil", "gas", "motors",
                                                "capital", "solutions", "media", "journal", "herald", "tribune"}


def titled_surname(span) -> str | None:
    """The name after a leading title in an ORG span of two or three words ('General Haftar' -> 'Haftar')."""
    words = span.text.split()
    if span.label_ != "ORG" or not 2 <= len(words) <= 3 or words[0].lower() not in PERSON_TITLES:
        return None
    rest = " ".join(words[1:])
    return rest if all(w[:1].isupper() for w in words[1:]) else None

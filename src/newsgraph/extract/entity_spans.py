"""Name spans as the NER gives them, cleaned before clustering: articles, determiners, honorifics and possessives
cut, datelines and parentheses split off, occasions, portfolios and half-compounds dropped."""
from __future__ import annotations

import re
from typing import NamedTuple

from spacy.tokens import Span

from ..nlp.gazetteer import demonyms, fold
from .entity_types import HONORIFICS as _HONORIFICS

TYPE_MAP = {"PERSON": "PERSON", "ORG": "ORG", "GPE": "GPE", "LOC": "LOC", "FAC": "LOC"}

_GLUED = re.compile(r"(?<=[a-z])(He|She|It|They|The|In|On|But)$")
# Nouns that, after a nationality adjective, stand for the state itself ("Malian authorities").
STATE_NOUNS = {
    "government", "authorities", "authority", "army", "military", "junta", "forces", "troops", "regime",
    "executive", "administration", "state", "police", "soldiers", "leadership", "officials", "side",
}

# Determiners never begin or end a name: the NER takes them in ('Another Armenian Defence Ministry', 'their Oromo
# Liberation Army', 'this International Women's Day', 'French Government of any'). Possessives go by their tag.
_DETERMINERS = {"the", "a", "an", "this", "that", "these", "those", "another", "each", "every", "either", "neither",
                "any", "such"}

# Head nouns of occasions the NER reads as organisations or places ('Diplomatic Service Day' d2a, 'State of the
# Nation Address' d2b, 'International Women's Day' d7c, 'Maidan Revolution' d2a); no gold entity ends in one.
OCCASION_NOUNS = {"day", "days", "week", "address", "speech", "revolution", "anniversary", "festival", "summit", "war",
                  "uprising", "talks", "treaty", "agreement", "declaration"}

# Ministerial portfolios: alone, the NER's 'organisation' is the first half of an office ('Interior Minister').
PORTFOLIOS = {"defense", "defence", "interior", "foreign", "home", "affairs", "finance", "justice", "health",
              "economy", "trade", "energy", "education", "information", "security", "and", "&"}

# Leading words of an organisation name that make a demonym part of the name ("French Foreign Ministry").
_GENERIC_ORG_WORDS = {"foreign", "ministry", "defence", "defense", "interior", "national", "army", "navy", "air",
                      "government", "embassy", "state", "central", "federal", "armed", "special", "security"}


class Surface(NamedTuple):
    """A name span as the NER found it, cleaned: its text, offsets and the NER label."""

    text: str
    start_char: int
    end_char: int
    label_: str


def clean_span(ent: Span) -> Surface | None:
    """Drop a leading article, trailing possessive, a leading demonym before a proper name; cut MT glue ('LavrovHe')."""
    doc = ent.doc
    start, end = ent.start, ent.end
    while start < end and (doc[start].lower_ in _DETERMINERS or doc[start].tag_ == "PRP$"):
        start += 1  # 'the', 'their Oromo Liberation Army', 'Another Armenian Defence Ministry', 'this ... Day'
    if ent.label_ == "PERSON" and end - start > 1 and doc[start].lower_.rstrip(".") in _HONORIFICS:
        start += 1  # 'Mr Locsin' is the Teodoro Locsin named before, not another person
    while end > start and (doc[end - 1].lower_ in ("'s", "’s", "'", "’", ".", ",", "of", "and", "in", "at", "on",
                                                   "for", "to", "the", "-", "–") or doc[end - 1].text in _DETERMINERS):
        end -= 1
    for k in range(end - 2, start - 1, -1):
        if doc[k].text in ("):", ")", ":") and doc[k + 1].is_title:
            start = k + 1  # 'London (The Muslim News): Downing Street': the dateline glued to the first name
            break
    for k in range(start + 1, end):
        if doc[k].text == "(":
            end = k  # 'United Nations ... Mission in Mali (MINUSMA': the acronym is read apart (entity_acronyms)
            break
    if start >= end:
        return None
    if ent.label_ != "PERSON" and doc[end - 1].is_title and doc[end - 1].lower_ in OCCASION_NOUNS:
        return None  # 'Diplomatic Service Day', 'State of the Nation Address': an occasion, not an actor
    if ent.label_ == "ORG" and all(t.lower_ in PORTFOLIOS for t in doc[start:end]):
        return None  # 'Russian Defense Minister' (d5a), 'Interior Minister' (d8b): a portfolio, not a body
    if end < len(doc) and doc[end].text in ("-", "–") and ent.label_ == "PERSON":
        return None  # "Sahelo-Saharan": half of a compound adjective
    if doc[start].lower_ in ("us", "we", "it", "he", "she", "they", "i") and not (doc[start].text == "US"):
        return None  # a pronoun, but 'US' is the United States
    if end - start == 1 and re.fullmatch(r"[A-Z]{2,}s", doc[start].text):
        return None  # 'MPs', 'NGOs': a plural of a common-noun abbreviation names no one
    if end - start == 1 and re.fullmatch(r"[A-Z]\.?", doc[start].text):
        if start > 0 and doc[start - 1].lower_ in ("on", "via"):  # 'said on X.': the platform
            return Surface(doc[start].text.rstrip("."), doc[start].idx, doc[start].idx + 1, "ORG")
        return None  # 'Plan B', 'Group A': a lone letter names no one
    if (ent.label_ == "ORG" and end - start > 1 and fold(doc[start].text) in demonyms()
            and doc[start + 1].lower_ not in _GENERIC_ORG_WORDS and doc[start + 1].lower_ not in STATE_NOUNS):
        start += 1  # "the Russian Wagner Group" -> "Wagner Group"
    span = doc[start:end]
    text, s_char, e_char = span.text, span.start_char, span.end_char
    glued = _GLUED.search(text)
    if glued:
        text = text[: -len(glued.group(0))]
        e_char -= len(glued.group(0))
    return Surface(text, s_char, e_char, ent.label_)


def is_state_description(s: Surface) -> bool:
    """'Malian Army', 'Russian Government': a demonym plus a state noun is the state, not a new organisation."""
    words = s.text.split()
    return (s.label_ == "ORG" and len(words) >= 2 and fold(words[0]) in demonyms()
            and all(w.lower() in STATE_NOUNS for w in words[1:]))

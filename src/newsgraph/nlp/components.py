"""Custom spaCy components: gazetteer-backed correction of the statistical NER's systematic errors."""
from __future__ import annotations

import re
import weakref
from collections import Counter, defaultdict
from typing import NamedTuple

import numpy

from spacy.attrs import ORTH
from spacy.language import Language
from spacy.matcher import PhraseMatcher
from spacy.tokens import Doc, Span
from spacy.util import filter_spans

from .gazetteer import REGIONS, cities, countries, demonyms, fold, lookup_place, lookup_subdivision

KEEP_LABELS = {"PERSON", "ORG", "GPE", "LOC", "NORP", "FAC"}


@Language.factory(
    "newsgraph_entity_fixer",
    default_config={"min_city_population": 100_000, "person_city_population": 1_000_000},
)
def make_entity_fixer(nlp: Language, name: str, min_city_population: int, person_city_population: int):
    """Factory: the NER mislabels frequent place and group names (Mali as PERSON, Wagner as PERSON)."""
    return EntityFixer(nlp, min_city_population, person_city_population)


class EntityFixer:
    """Relabel and add places from the gazetteer, then make labels consistent within the document."""

    def __init__(self, nlp: Language, min_city_population: int, person_city_population: int) -> None:
        self.person_city_population = person_city_population
        self.matcher = PhraseMatcher(nlp.vocab, attr="ORTH")
        names: set[str] = set(REGIONS)
        from .gazetteer import _COUNTRY_ALIASES  # short names in their written case

        for place in countries().values():
            names.add(place.name)
        import pycountry

        # ISO short and official names as written ('Russian Federation', 'Syrian Arab Republic')
        for c in pycountry.countries:
            names.update(n for n in (c.name, getattr(c, "official_name", None)) if n and "," not in n)
        for aliases in _COUNTRY_ALIASES.values():
            names.update(a for a in aliases if len(a) > 3 or not a.isupper())
        names.update(p.name for p in cities().values() if p.population >= min_city_population)
        self.matcher.add("PLACE", [nlp.make_doc(n) for n in sorted(names)])
        from ..names import KNOWN_ACRONYMS

        # Well-known multi-word organisations the NER misses at a sentence start ('Human Rights Watch documented').
        self.orgs = PhraseMatcher(nlp.vocab, attr="ORTH")
        self.orgs.add("ORG", [nlp.make_doc(n) for n in sorted({v for v in KNOWN_ACRONYMS.values() if " " in v})])

    def __call__(self, doc: Doc) -> Doc:
        ents = [e for e in doc.ents]
        for span in self._gazetteer_spans(doc):
            ents = self._merge(ents, span)
        for _, start, end in self.orgs(doc):
            if not any(e.start <= start and end <= e.end for e in ents):
                ents = [e for e in ents if not (e.start < end and start < e.end)] + [Span(doc, start, end, label="ORG")]
        for span in filter_spans(_team_spans(doc, ents) + _org_suffix_spans(doc, ents)):
            ents = [e for e in ents if not (e.start < span.end and span.start < e.end)] + [span]
        ents = [_retype(doc, _extend_initials(doc, e)) for e in ents]
        ents = self._harmonise(doc, filter_spans(ents))
        ents = [_team_metonym(doc, e) for e in filter_spans(ents)]
        doc.ents = filter_spans(ents + _short_form_spans(doc, ents))
        return doc

    def _gazetteer_spans(self, doc: Doc) -> list[Span]:
        spans = []
        for _, start, end in self.matcher(doc):
            span = doc[start:end]
            place = lookup_place(span.text)
            if place is None:
                continue
            label = "LOC" if place.kind == "region" else "GPE"
            spans.append(Span(doc, start, end, label=label))
        return filter_spans(spans)

    def _merge(self, ents: list[Span], span: Span) -> list[Span]:
        overlapping = [e for e in ents if e.start < span.end and span.start < e.end]
        place = lookup_place(span.text)
        for e in overlapping:
            e_start = e.start + 1 if e[0].lower_ == "the" else e.start
            contains = e_start <= span.start and e.end >= span.end and (e.end - e_start) > (span.end - span.start)
            if contains:
                return ents  # "National Bank of Mali", "Paris Hilton", "New York": the larger name wins
            if e.label_ == "PERSON" and place is not None and place.kind == "city":
                if place.population < self.person_city_population and (e.start, e.end) == (span.start, span.end):
                    return ents  # "Jackson" the person, not the city
        if not overlapping:
            if place is not None and place.kind == "city" and doc_pos(span) != "PROPN":
                return ents
        return [e for e in ents if e not in overlapping] + [span]

    def _harmonise(self, doc: Doc, ents: list[Span]) -> list[Span]:
        """One name, one label per document: short forms take the label of their long form, else the majority."""
        ents = [t for t in (_trim(doc, e) for e in ents) if t is not None]
        long_forms: dict[str, str] = {}
        votes: dict[str, Counter] = defaultdict(Counter)
        first: dict[str, str] = {}
        for e in ents:
            if e.label_ not in KEEP_LABELS:
                continue
            key = fold(e.text)
            votes[key][e.label_] += 1
            first.setdefault(key, e.label_)
            toks = key.split()
            if e.label_ == "ORG" and len(toks) > 1:
                long_forms.setdefault(toks[0], "ORG")
            if e.label_ == "ORG" and len(toks) > 1 and doc[e.end - 1].tag_ == "NNPS":
                long_forms.setdefault(toks[-1], "ORG")  # "Colts" after "Indianapolis Colts"
            if e.label_ == "PERSON" and len(toks) > 1:
                long_forms[toks[-1]] = "PERSON"  # a surname is a person, whatever the NER said
        out = []
        for e in ents:
            key = fold(e.text)
            if key in demonyms():
                out.append(e if e.label_ == "NORP" else Span(doc, e.start, e.end, label="NORP"))
                continue
            if e.label_ not in ("PERSON", "ORG", "FAC", "GPE") and not (
                    e.label_ in ("WORK_OF_ART", "PRODUCT") and long_forms.get(key) == "ORG"):
                out.append(e)
                continue
            if e.label_ == "GPE" and (lookup_place(e.text) is not None or long_forms.get(key) != "PERSON"):
                out.append(e)  # "Alaska" stays a place though "Alaska Airlines" is an organisation
                continue
            label = e.label_
            if key in long_forms and len(key.split()) == 1:
                label = long_forms[key]
            elif len(votes[key]) > 1:
                label = _vote(votes[key], first[key])
            out.append(e if label == e.label_ else Span(doc, e.start, e.end, label=label))
        return out


# Plural words that continue a place name rather than make it a team ("Palm Springs", "Cayman Islands").
_PLACE_PLURALS = {"islands", "falls", "springs", "heights", "hills", "woods", "isles", "lakes", "keys", "mountains",
                  "plains", "fields", "gardens", "sands", "rapids", "downs", "rocks", "flats", "meadows", "pines",
                  "oaks", "acres", "estates", "towers", "games", "olympics", "highlands", "lowlands", "territories",
                  "states", "emirates", "provinces", "apartments", "alps", "andes", "rockies", "glades"}


def _team_spans(doc: Doc, ents: list[Span]) -> list[Span]:
    """'Indianapolis Colts', 'New Orleans Saints': a place followed by a plural proper noun that the article
    also uses on its own is a team or club (ORG), not the place."""
    alone: Counter[str] | None = None  # counted over the whole doc only when a place is followed by such a word
    out = []
    for e in ents:
        if e.label_ != "GPE" or e.end >= len(doc):
            continue
        nxt = doc[e.end]
        if (nxt.tag_ in ("NNP", "NNPS") and nxt.text[:1].isupper() and nxt.text.isalpha() and nxt.text.endswith("s")
                and nxt.lower_ not in _PLACE_PLURALS and nxt.lower_ not in _HEADLINE_VERBS
                and lookup_place(nxt.text) is None):
            if alone is None:
                alone = Counter(t.text for t in doc if t.tag_ in ("NNP", "NNPS", "NNS") and t.text[:1].isupper()
                                and t.i > 0 and not t.is_sent_start and doc[t.i - 1].ent_type_ not in ("GPE",))
            if alone[nxt.text] > 0:
                out.append(Span(doc, e.start, e.end + 1, label="ORG"))
    return out


# Last words that make a capitalised name an organisation ("Shavlik Technologies", "Staunton Police").
ORG_SUFFIXES = {
    "technologies", "technology", "inc", "inc.", "corp", "corp.", "corporation", "co.", "ltd", "ltd.", "llc", "plc",
    "ag", "gmbh", "s.a.", "group", "holdings", "bank", "agency", "ministry", "council", "committee", "commission",
    "party", "police", "constabulary", "army", "navy", "airlines", "airways", "university", "college", "institute",
    "foundation", "association", "federation", "union", "league", "department", "authority", "board", "company",
    "society", "systems", "industries", "enterprises", "partners", "laboratories", "labs", "software", "networks",
    "communications", "telecom", "rescue", "brigade", "guard", "mafia", "cartel", "coalition", "movement",
    "front", "alliance", "organisation", "organization", "assembly", "parliament", "congress", "senate",
    "tribunal", "times", "post", "herald", "reporter", "tribune", "gazette", "journal", "news", "press", "television", "radio",
}
_ORG_CONNECT = {"and", "&", "of", "for"}
# Organisation words that are also surnames ('Emily Post'): they do not turn a person into an organisation.
_SURNAME_SUFFIXES = {"post", "press", "guard", "front", "union", "bank", "banks", "times", "news", "board", "league"}


def _is_suffix(tok) -> bool:  # type: ignore[no-untyped-def]
    return tok.lower_ in ORG_SUFFIXES and tok.text[:1].isupper() and not tok.is_sent_start


def _org_suffix_spans(doc: Doc, ents: list[Span]) -> list[Span]:
    """A name that ends in an organisation word is an organisation: 'Shavlik Technologies' (not a person),
    'Staunton Police' and 'Surrey Fire and Rescue' (not the place or person they are named after)."""
    out = []
    # a connector never reaches into a name already read as an organisation: "Russia and Wagner Group"
    org_tokens = {i for x in ents if x.label_ == "ORG" or _is_suffix(doc[x.end - 1]) for i in range(x.start, x.end)}
    for e in ents:
        if e.label_ not in ("PERSON", "GPE", "LOC", "FAC", "ORG", "NORP", "WORK_OF_ART"):
            continue
        start = e.start
        while start < e.end - 1 and not any(c.isalnum() for c in doc[start].text):
            start += 1  # "`` Surrey Police"
        end = k = e.end
        joined = _is_suffix(doc[e.end - 1])  # "Surrey Police and Army" are two organisations
        # absorb capitalised words up to a following organisation word: "Surrey [Fire and Rescue]"
        while k < len(doc) and k - e.end < 5 and k not in org_tokens and (
                doc[k].text[:1].isupper() and doc[k].is_alpha and doc[k].tag_ in ("NNP", "NNPS")
                or not joined and doc[k].lower_ in _ORG_CONNECT and k + 1 < len(doc)
                and doc[k + 1].text[:1].isupper()):
            k += 1
            if _is_suffix(doc[k - 1]):
                end = k
        if end > e.end:
            out.append(Span(doc, start, end, label="ORG"))
        elif e.label_ not in ("ORG", "GPE") and e.end - start > 1 and _is_suffix(doc[e.end - 1]) and not (
                e.label_ == "PERSON" and doc[e.end - 1].lower_ in _SURNAME_SUFFIXES) and lookup_place(
                doc[start:e.end].text) is None:
            out.append(Span(doc, start, e.end, label="ORG"))  # a country-like GPE ('the Soviet Union') stays
    return out


def _extend_initials(doc: Doc, e: Span) -> Span:
    """'James R . Dabney': a person name cut after a middle initial continues to the surname."""
    if e.label_ != "PERSON" or e.end >= len(doc):
        return e
    last = doc[e.end - 1]
    if e.end - e.start < 2 or len(last.text.rstrip(".")) != 1 or not last.text[:1].isupper():
        return e
    k = e.end + 1 if doc[e.end].text == "." and not last.text.endswith(".") else e.end
    if k < len(doc) and doc[k].is_alpha and doc[k].is_title and doc[k].tag_ in ("NNP", "NNPS") \
            and doc[k].ent_type_ in ("", "PERSON"):
        return Span(doc, e.start, k + 1, label="PERSON")
    return e


_PLACE_PREPS = {"in", "from", "to", "near", "across", "throughout", "outside", "inside", "into"}


def _retype(doc: Doc, e: Span) -> Span:
    """Fix labels the context settles: a first-level subdivision after a place preposition or a 'City ,' is a
    place ('police in Sicily'); a plural proper name the article writes as 'the Colts' is a team (ORG)."""
    if e.label_ in ("PERSON", "ORG") and lookup_subdivision(e.text) is not None and e.start > 0:
        prev = doc[e.start - 1]
        if prev.lower_ in _PLACE_PREPS or prev.text == "," and e.start > 1 and doc[e.start - 2].ent_type_ == "GPE":
            return Span(doc, e.start, e.end, label="GPE")
    if e.label_ in ("ORG", "GPE", "FAC", "NORP") and _person_context(doc, e):
        return Span(doc, e.start, e.end, label="PERSON")
    last = doc[e.end - 1]
    if (e.label_ in ("PERSON", "LOC", "FAC", "WORK_OF_ART", "PRODUCT") and last.is_title and last.is_alpha
            and last.text.endswith("s") and not last.text.endswith("ss") and last.tag_ in ("NNP", "NNPS")
            and lookup_place(e.text) is None and lookup_place(last.text) is None
            and last.lower_ not in _PLACE_PLURALS and fold(last.text) not in demonyms()):
        if _plural_team_word(doc, last):
            return Span(doc, e.start, e.end, label="ORG")
    return e


def _plural_team_word(doc: Doc, tok) -> bool:  # type: ignore[no-untyped-def]
    """A capitalised plural the article also writes as 'the Colts' and never in lower case names a team."""
    word = tok.text
    if not (word[:1].isupper() and word.endswith("s") and not word.endswith("ss")):
        return False
    words = _words(doc)
    return word in words.after_the and word.lower() not in words.lower


class _Words(NamedTuple):
    after_the: frozenset[str]  # the words written right after 'the' ('the Colts')
    lower: frozenset[str]  # the words written in lower case


_WORDS: "weakref.WeakKeyDictionary[Doc, _Words]" = weakref.WeakKeyDictionary()


def _words(doc: Doc) -> _Words:
    """The doc's words after 'the' and its lower-case words, read once per doc instead of twice for every
    entity checked (a cost that grew with entities times tokens)."""
    words = _WORDS.get(doc)
    if words is None:
        after_the, lower = set(), set()
        prev_the = False
        for t in doc:
            low = t.lower_
            if prev_the:
                after_the.add(t.text)
            if t.is_lower:
                lower.add(low)
            prev_the = low == "the"
        words = _WORDS[doc] = _Words(frozenset(after_the), frozenset(lower))
    return words


# Words of a sports result: a city or state in these frames stands for its team ("games against Detroit").
_SPORT_HEADS = {"game", "games", "match", "matches", "victory", "win", "loss", "defeat", "beat", "overcome",
                "play", "semifinal", "final", "rout", "edge", "trounce", "host", "face", "lose", "season",
                "matchup", "rivalry", "playoff", "playoffs", "scrimmage", "shutout"}
_SPORT_PREPS = {"against", "over", "to", "at", "vs", "vs.", "versus"}
# 'at' and 'to' also follow military nouns ('the defeat at Kidal', 'the loss to the rebels'): with them only
# nouns that are sport alone count.
_SPORT_ONLY_HEADS = {"game", "games", "match", "matches", "semifinal", "final", "season", "matchup", "rivalry",
                     "playoff", "playoffs", "scrimmage", "shutout"}
# Verbs whose object is an opponent; 'lose', 'host' and 'face' also take places ('Mali lost Kidal').
_SPORT_OBJECT_VERBS = {"beat", "defeat", "edge", "trounce", "rout", "play", "overcome"}


def _team_metonym(doc: Doc, e: Span) -> Span:
    """A city or state that plays, wins or loses is its sports team: 'games against Detroit and Carolina',
    'a victory over Evansville', 'New Orleans have decided', 'Indianapolis (11-4)'. Countries are left alone
    (a 'victory over Germany' is as often a war as a match)."""
    if e.label_ not in ("GPE", "LOC"):
        return e
    place = lookup_place(e.text)
    if place is not None and place.kind in ("country", "region"):
        return e
    root = e.root
    while root.dep_ == "conj" and root.head.ent_type_ in ("GPE", "LOC", "ORG") and root.head.i < e.start:
        root = root.head  # "Detroit and [Carolina]"
    head = root.head
    team = False
    if root.dep_ == "pobj" and head.lower_ in _SPORT_PREPS and head.head.lemma_.lower() in (
            _SPORT_ONLY_HEADS if head.lower_ in ("at", "to") else _SPORT_HEADS):
        team = True
    elif root.dep_ == "dobj" and head.lemma_.lower() in _SPORT_OBJECT_VERBS and head.pos_ == "VERB":
        team = True
    elif root.dep_ == "nsubj" and root.tag_ != "NNPS" and not any(c.dep_ == "conj" for c in root.children) and (
            head.tag_ == "VBP" or any(
            c.dep_ == "aux" and c.tag_ == "VBP" or c.lower_ == "were" for c in head.children)):
        team = True  # plural agreement: "New Orleans have decided"
    elif root.dep_ == "poss" and head.lemma_.lower() in _SPORT_HEADS:
        team = True  # "North Carolina 's game against Evansville"
    elif e.end + 2 < len(doc) and doc[e.end].text == "(" and re.fullmatch(r"\d+-\d+(?:-\d+)?", doc[e.end + 1].text):
        team = True  # "Indianapolis (11-4)": a win-loss record
    return Span(doc, e.start, e.end, label="ORG") if team else e


_PERSON_VERBS = {"die", "succumb", "marry", "divorce", "testify", "plead"}
# Head nouns of an apposition that only describe a person ("Bettie Page, the 1950s pinup model").
PERSON_NOUNS = {
    "man", "woman", "boy", "girl", "teen", "teenager", "child", "mother", "father", "son", "daughter", "wife",
    "husband", "brother", "sister", "actress", "actor", "model", "singer", "star", "icon", "pinup", "pin-up",
    "queen", "king", "writer", "author", "player", "coach", "quarterback", "lawyer", "attorney", "officer",
    "spokesman", "spokeswoman", "victim", "suspect", "gunman", "inmate", "resident", "student", "widow",
    "veteran", "boxer", "champion", "musician", "rapper", "director", "politician", "senator", "governor",
}
_AGE = re.compile(r"(?i)\byears?\s*-\s*old$")
# Offices whose holder is a person: a capitalised one right before a name ('incumbent President Faustin-Archange
# Touadera', dev d6a) or the head of its apposition ('the Prime Minister of the Central African Republic, Barthélemy
# Boganda' d6a; 'Another Armenian Defence Ministry spokeswoman, Shushan Stepanyan' d7b, read as NORP).
OFFICE_NOUNS = {
    "president", "minister", "premier", "chancellor", "ambassador", "envoy", "spokesperson", "spokesman",
    "spokeswoman", "secretary", "general", "colonel", "commander", "governor", "senator", "mayor", "prince", "king",
    "emir", "sheikh", "marshal", "admiral", "lieutenant", "brigadier", "sergeant", "pope", "cardinal", "bishop",
}


def _person_context(doc: Doc, e: Span) -> bool:
    """Only people are '15-year-old X', 'X, the model who ...', 'X, who ...' or 'X died': a multi-word name
    in such a frame is a person whatever the NER said."""
    if any(_is_suffix(t) for t in e) or lookup_place(e.text) is not None or e.text.isupper():
        return False
    if not all(t.is_alpha or t.text in ".-'" for t in e) or _plural_team_word(doc, doc[e.end - 1]):
        return False  # "the New Orleans Saints, who ...": teams are plural names
    if (e.end + 2 < len(doc) and doc[e.end].text == "," and doc[e.end + 1].like_num
            and doc[e.end + 2].text in (",", ".")):
        return True  # "Comeaux, 49, escaped": an age apposition
    if e.end - e.start < 2:
        return False
    if e.start > 0 and doc[e.start - 1].is_title and doc[e.start - 1].lower_ in OFFICE_NOUNS:
        return True
    if _AGE.search(doc[max(0, e.start - 4) : e.start].text):
        return True
    root = e.root
    if root.dep_ == "appos" and (root.head.lower_ in PERSON_NOUNS or root.head.lower_ in OFFICE_NOUNS):
        return True
    if root.dep_ == "nsubj" and root.head.lemma_.lower() in _PERSON_VERBS:
        return True
    for child in root.children:
        if child.i < e.end:
            continue
        if child.dep_ == "relcl" and any(t.lower_ == "who" for t in child.children):
            return True
        if child.dep_ == "appos":
            if child.lower_ in PERSON_NOUNS:
                return True
            if any(gc.dep_ == "relcl" and any(t.lower_ == "who" for t in gc.children) for gc in child.children):
                return True
    return False


def _short_form_spans(doc: Doc, ents: list[Span]) -> list[Span]:
    """A team's plural name ('Saints' of 'New Orleans Saints') or a person's surname ('Lohan' of 'Lindsay
    Lohan') that the NER missed elsewhere in the same article is still that name."""
    short: dict[str, str] = {}
    for e in ents:
        if e.end - e.start < 2 or not all(t.is_alpha or t.text in (".", "-") for t in e):
            continue
        last = doc[e.end - 1]
        if not (last.is_alpha and last.is_title and len(last) > 2) or lookup_place(last.text) is not None:
            continue
        if e.label_ == "ORG" and last.tag_ == "NNPS":
            short.setdefault(last.text, "ORG")
        elif e.label_ == "PERSON":
            short.setdefault(last.text, "PERSON")
    if not short:
        return []
    lower_used = _words(doc).lower
    taken = {i for e in ents for i in range(e.start, e.end)}
    out = []
    # only the tokens written as one of the short forms (found by their ORTH ids, not a Token object per token)
    wanted = numpy.fromiter((doc.vocab.strings[text] for text in short), dtype="uint64", count=len(short))
    for i in numpy.flatnonzero(numpy.isin(doc.to_array(ORTH), wanted)).tolist():
        t = doc[i]
        label = short.get(t.text)
        if label is None or t.i in taken or t.lower_ in lower_used or t.pos_ not in ("PROPN", "NOUN"):
            continue
        nxt = doc[t.i + 1] if t.i + 1 < len(doc) else None
        prv = doc[t.i - 1] if t.i > 0 else None
        if (nxt is not None and nxt.text[:1].isupper() and nxt.tag_ in ("NNP", "NNPS") and nxt.i not in taken
                or prv is not None and prv.text[:1].isupper() and prv.tag_ in ("NNP", "NNPS") and prv.i not in taken
                and not prv.is_sent_start):
            continue  # part of a longer unrecognised name
        out.append(Span(doc, t.i, t.i + 1, label=label))
    return out


def _vote(votes: Counter, first: str) -> str:
    """The label a name keeps when the NER disagrees with itself across the document.

    An article introduces a name with its fullest context ("subsea cable operator Seacom", "pinup icon Bettie
    Page"), so between a person and an organisation reading the first mention decides; otherwise the majority,
    a facility losing a tie to an organisation or place (teams and companies are often tagged FAC).
    """
    if first in ("PERSON", "ORG") and {"PERSON", "ORG"} <= set(votes):
        return first
    order = {"ORG": 0, "GPE": 1, "PERSON": 2, "FAC": 3}
    return max(votes, key=lambda lab: (votes[lab], -order.get(lab, 4)))


_VAGUE = {"west", "east", "north", "south", "western", "eastern"}
_HEADLINE_VERBS = {"says", "said", "visits", "meets", "warns", "calls", "urges", "slams", "vows", "claims",
                   "denies", "accuses", "backs", "rejects", "arrives", "signs", "announces", "quits", "checks",
                   "leaves", "enters", "returns", "placed", "beat", "beats", "defeats", "escapes", "cruises",
                   "retains", "wins", "loses", "dies", "died", "arrested", "charged", "convicted", "sentenced",
                   "killed", "shot", "fires", "fired", "hires", "rehires", "joins", "makes", "reverses",
                   "overturns", "flips", "accused", "found", "named", "released", "resigns", "admits"}


def _trim(doc: Doc, e: Span) -> Span | None:
    """Cut what the NER glued onto a name (headline verbs, dashes); drop lowercase or vague spans."""
    start, end = e.start, e.end
    while end > start and doc[end - 1].is_space:
        end -= 1  # "New Orleans Saints\n": a line break is never part of a name
    while start < end and doc[start].is_space:
        start += 1
    if start >= end:
        return None
    for i in range(start, end):
        if doc[i].text in ("—", "––", "–", "--") or "––" in doc[i].text:
            end = i
            break
    if e.label_ in ("PERSON", "ORG"):
        for i in range(start + 1, end):
            if doc[i].lower_ in _HEADLINE_VERBS and doc[i].text[:1].isupper():
                end = i  # headline "Lindsay Lohan Leaves Betty Ford": the name stops at the verb
                break
    span = doc[start:end]
    words = [t for t in span if any(c.isalpha() for c in t.text) and t.lower_ != "the"]
    if not words or all(t.is_lower for t in words):
        return None
    if len(words) == 1 and words[0].lower_ in _VAGUE:
        return None
    if span.text.lower().startswith(("pro-", "anti-")):
        return None
    return e if (start, end) == (e.start, e.end) else Span(doc, start, end, label=e.label_)


def doc_pos(span: Span) -> str:
    """The part of speech of a span's head, used to keep common words out of the city gazetteer."""
    return span.root.pos_


@Language.component("newsgraph_line_sentences")
def line_sentences(doc: Doc) -> Doc:
    """A line break ends a sentence: headlines, datelines, list items and paragraphs must not be parsed as
    one sentence. Not a single line break inside a sentence that a reader left wrapped (the line before it
    has no final punctuation and the next one goes on in lower case): that is left to the parser."""
    for i in range(1, len(doc)):
        prev = doc[i - 1]
        if prev.is_space and "\n" in prev.text or "\n" in prev.whitespace_:
            if not _wrapped_inside_sentence(doc, i):
                doc[i].is_sent_start = True
    return doc


_SENTENCE_FINAL = frozenset(".!?…:;\"'”’»)]")


def _wrapped_inside_sentence(doc: Doc, i: int) -> bool:
    """Token i follows a single line break that cuts a sentence: lower-case on, no final mark before."""
    if doc[i].is_space or not doc[i].text[:1].islower() or doc[i - 1].text.count("\n") > 1:
        return False
    before = doc[i - 2] if doc[i - 1].is_space and i >= 2 else doc[i - 1]
    return not before.is_space and before.text[-1:] not in _SENTENCE_FINAL

"""Custom spaCy components: gazetteer-backed correction of the statistical NER's systematic errors."""
from __future__ import annotations

from collections import Counter, defaultdict

from spacy.language import Language
from spacy.matcher import PhraseMatcher
from spacy.tokens import Doc, Span
from spacy.util import filter_spans

from .gazetteer import REGIONS, cities, countries, demonyms, fold, lookup_place

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
        for aliases in _COUNTRY_ALIASES.values():
            names.update(a for a in aliases if len(a) > 3 or not a.isupper())
        names.update(p.name for p in cities().values() if p.population >= min_city_population)
        self.matcher.add("PLACE", [nlp.make_doc(n) for n in sorted(names)])

    def __call__(self, doc: Doc) -> Doc:
        ents = [e for e in doc.ents]
        for span in self._gazetteer_spans(doc):
            ents = self._merge(ents, span)
        for span in _team_spans(doc, ents):
            ents = [e for e in ents if not (e.start < span.end and span.start < e.end)] + [span]
        ents = self._harmonise(doc, ents)
        doc.ents = filter_spans(ents)
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
    alone = Counter(t.text for t in doc if t.tag_ == "NNPS" and t.i > 0 and doc[t.i - 1].ent_type_ not in ("GPE",))
    out = []
    for e in ents:
        if e.label_ != "GPE" or e.end >= len(doc):
            continue
        nxt = doc[e.end]
        if (nxt.tag_ == "NNPS" and nxt.text[:1].isupper() and nxt.text.isalpha() and nxt.text.endswith("s")
                and nxt.lower_ not in _PLACE_PLURALS and nxt.lower_ not in _HEADLINE_VERBS
                and lookup_place(nxt.text) is None and alone[nxt.text] > 0):
            out.append(Span(doc, e.start, e.end + 1, label="ORG"))
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
                   "denies", "accuses", "backs", "rejects", "arrives", "signs", "announces", "quits"}


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
    while end - start > 1 and e.label_ == "PERSON" and (
        doc[end - 1].lower_ in _HEADLINE_VERBS
    ):
        end -= 1
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
    """A line break ends a sentence: headlines, datelines and paragraphs must not be parsed as one sentence."""
    for i in range(1, len(doc)):
        prev = doc[i - 1]
        if prev.is_space and "\n" in prev.text or "\n" in prev.whitespace_:
            doc[i].is_sent_start = True
        elif not doc[i].is_space and doc[i].is_sent_start is None:
            continue
    return doc

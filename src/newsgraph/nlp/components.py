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
        for e in ents:
            if e.label_ not in KEEP_LABELS:
                continue
            key = fold(e.text)
            votes[key][e.label_] += 1
            toks = key.split()
            if e.label_ == "ORG" and len(toks) > 1:
                long_forms.setdefault(toks[0], "ORG")
            if e.label_ == "PERSON" and len(toks) > 1:
                long_forms[toks[-1]] = "PERSON"  # a surname is a person, whatever the NER said
        out = []
        for e in ents:
            key = fold(e.text)
            if key in demonyms():
                out.append(e if e.label_ == "NORP" else Span(doc, e.start, e.end, label="NORP"))
                continue
            if e.label_ not in ("PERSON", "ORG", "FAC", "GPE"):
                out.append(e)
                continue
            if e.label_ == "GPE" and (lookup_place(e.text) is not None or key not in long_forms):
                out.append(e)
                continue
            label = e.label_
            if key in long_forms and len(key.split()) == 1:
                label = long_forms[key]
            elif len(votes[key]) > 1:
                label = votes[key].most_common(1)[0][0]
            out.append(e if label == e.label_ else Span(doc, e.start, e.end, label=label))
        return out


_VAGUE = {"west", "east", "north", "south", "western", "eastern"}
_HEADLINE_VERBS = {"says", "said", "visits", "meets", "warns", "calls", "urges", "slams", "vows", "claims",
                   "denies", "accuses", "backs", "rejects", "arrives", "signs", "announces", "quits"}


def _trim(doc: Doc, e: Span) -> Span | None:
    """Cut what the NER glued onto a name (headline verbs, dashes); drop lowercase or vague spans."""
    start, end = e.start, e.end
    for i in range(e.start, e.end):
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

"""Entities of one article: name mentions clustered within the article, plus demonyms and descriptions."""
from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Iterable, Iterator, Sequence

from spacy.tokens import Doc, Span, Token

from .doc_tree import attrs, children, tokens
from .doc_text import text_of
from ..names import (ADMIN_HEADS, KNOWN_ACRONYMS, acronym_key, actor_key, initials, lookup_place_form, place_core,
                     place_head, same_person, same_surname, short_org_form)
from ..nlp.gazetteer import cities, country_by_iso, demonyms, fold, lookup_place, lookup_subdivision
from ..records import LocalEntity, Mention
from .coref_words import PERSONISH
from .entity_acronyms import define_acronyms
from .entity_spans import STATE_NOUNS, TYPE_MAP, Surface, clean_span, is_state_description
from .entity_types import ROLE_NOUNS, retype_places, titled_surname

_ARABIC_ARTICLE = re.compile(r"^(?:al|el|ad|ash|as|at|az|ar|an|ath)[-‑]", re.IGNORECASE)
# Nouns for hired or irregular fighters: with a nationality they name an armed group, not the state.
ARMED_GROUP_NOUNS = {"mercenaries", "mercenary", "operatives", "paramilitaries", "paramilitary", "contractors",
                     "contractor"}
ROLE_SYNONYMS = {"diplomat": {"minister", "foreign", "ambassador", "envoy"}, "leader": {"president", "head", "chief"}}

# A model number ('Mirage 2000-9', 'F-16', 'Su-35', 'S-400'): the NER's ORG is a weapon or product, never an actor
# (with the first-word short form, 'Mirage' alone goes with it).
_MODEL = re.compile(r"(?:^|\s)(?:\d+-\d+\w*|[A-Za-z]{1,3}-\d{2,}\w*)$")


@dataclass
class _Cluster:
    type: str
    names: list[str] = field(default_factory=list)
    iso: str | None = None
    place: object | None = None

    @property
    def canonical(self) -> str:
        if self.place is not None:
            return self.place.name  # type: ignore[attr-defined]
        long = [n for n in self.names if acronym_key(n) is None]
        if not long:
            known = [KNOWN_ACRONYMS[acronym_key(n)] for n in self.names if acronym_key(n) in KNOWN_ACRONYMS]
            long = known or self.names
        return max(long, key=lambda n: (len(n.split()), len(n)))


def extract_entities(doc: Doc) -> tuple[list[LocalEntity], list[Mention]]:
    """Cluster the article's entity mentions so that Lavrov, Sergei Lavrov and 'the Russian foreign minister' are one."""
    spans = [s for s in (clean_span(e) for e in doc.ents if e.label_ in TYPE_MAP) if s is not None]
    state_descriptions = [s for s in spans if is_state_description(s)]
    spans = [s for s in spans if s not in state_descriptions]
    spans, defined = define_acronyms(text_of(doc), spans, Surface)
    long_form = {fold(spans[i].text): long for i, long in defined.items()}  # every use of a defined acronym
    clusters: list[_Cluster] = []
    assigned: list[tuple[Surface, int]] = []
    cluster_of: dict[int, int] = {}
    # a title before a surname the NER took for an organisation ('General Haftar') goes last, to find its person
    order = sorted(range(len(spans)), key=lambda i: (titled_surname(spans[i]) is not None,
                                                     -len(spans[i].text.split()), spans[i].start_char))
    for i in order:
        span = spans[i]
        long = long_form.get(fold(span.text)) if acronym_key(span.text) else None
        idx = cluster_of.get(long) if long is not None else None
        if idx is None:
            idx = _find_cluster(span, clusters)
        if idx is None:
            etype = TYPE_MAP[span.label_]
            if etype == "ORG" and place_head(span.text) in ADMIN_HEADS:
                etype = "GPE"  # 'Bunza Local Government Area', 'Sanchaung Township' read as organisations
            place = lookup_place_form(span.text) if etype in ("GPE", "LOC") else None
            if place is not None and place.kind == "region":
                etype = "LOC"
            clusters.append(_Cluster(etype, [], place.iso if place is not None else None, place))
            idx = len(clusters) - 1
        clusters[idx].names.append(span.text)
        assigned.append((span, idx))
        cluster_of[i] = idx

    retype_places(doc, assigned, clusters)
    products = {idx for idx, c in enumerate(clusters) if c.type == "ORG" and any(_MODEL.search(n) for n in c.names)}
    assigned = [(span, idx) for span, idx in assigned if idx not in products]
    mentions = [
        Mention(span.text, span.start_char, span.end_char, clusters[idx].type, clusters[idx].canonical)
        for span, idx in assigned
    ]
    mentions += list(_lowercase_place_mentions(text_of(doc), clusters, mentions))  # cached: coreference reads it too
    entities = {c.canonical: _local_entity(c) for idx, c in enumerate(clusters) if idx not in products}
    mentions += list(_demonym_and_state_mentions(doc, entities, state_descriptions, list(mentions)))
    mentions += list(_role_mentions(doc, mentions, entities))
    mentions.sort(key=lambda m: (m.start, m.end))
    return list(entities.values()), mentions


def _lowercase_place_mentions(text: str, clusters: list[_Cluster], found: list[Mention]):
    """Machine translation lowercases names ('in bamako'): a known place after a preposition is still that place."""
    taken = {m.start for m in found}
    for c in clusters:
        if c.type != "GPE" or c.place is None:
            continue
        for name in set(c.names):
            if len(name) < 4 or not name.istitle() or " " in name or name.lower() not in text:
                continue  # (the pattern below needs the lower-cased name as it is)
            for m in re.finditer(rf"\b(?:in|to|from|at|near) ({re.escape(name.lower())})\b", text):
                if m.start(1) not in taken:
                    c.names.append(m.group(1))
                    yield Mention(m.group(1), m.start(1), m.end(1), "GPE", c.canonical)


@lru_cache(maxsize=1 << 14)
def _expand_acronyms(key: str) -> str:
    return " ".join(fold(KNOWN_ACRONYMS[w.upper()]) if w.upper() in KNOWN_ACRONYMS and len(w) > 1 else w
                    for w in key.split())


def _find_cluster(span: Surface, clusters: list[_Cluster]) -> int | None:
    etype = TYPE_MAP[span.label_]
    key = fold(span.text)
    place = lookup_place_form(span.text) if etype in ("GPE", "LOC") else None
    expanded = _expand_acronyms(key) if len(key.split()) > 1 else None
    for idx, c in enumerate(clusters):
        if place is not None and c.place is not None and c.place == place:
            return idx
        if key in map(fold, c.names) or (c.place is not None and fold(c.place.name) == key):
            return idx  # also 'Kebbi' (whatever the NER's label) for the 'Kebbi State' met before
        if expanded is not None and any(_expand_acronyms(fold(n)) == expanded for n in c.names):
            return idx  # "UN General Assembly" = "United Nations General Assembly"
    if etype in ("GPE", "LOC", "ORG"):
        # 'Scarborough' / 'Scarborough Shoal', 'Jufra' / 'Al-Jufra': one place, named short; whatever the NER's
        # label, the short form of a place name with its head noun ('Bunza' / 'Bunza Local Government Area')
        core = place_core(span.text)
        fits = {idx for idx, c in enumerate(clusters) for n in c.names if fold(n) != key and (
            (place_head(n) is not None and place_core(n) == key)
            or (etype != "ORG" and c.type in ("GPE", "LOC") and place_core(n) == core))}
        if len(fits) == 1:
            return fits.pop()
    if etype == "PERSON":
        for idx, c in enumerate(clusters):
            if c.type == "PERSON" and any(_person_match(span.text, n) for n in c.names):
                return idx
    titled = titled_surname(span)
    if titled is not None:
        for idx, c in enumerate(clusters):
            if c.type == "PERSON" and any(_person_match(titled, n) for n in c.names):
                return idx  # 'General Haftar' (tagged ORG) is the Khalifa Haftar named elsewhere
    if etype == "ORG":
        acro = acronym_key(span.text)
        for idx, c in enumerate(clusters):
            if c.type != "ORG":
                continue
            for n in c.names:
                if acro and (initials(n) == acro or fold(KNOWN_ACRONYMS.get(acro, "")) == fold(n)):
                    return idx
                if not acro and short_org_form(span.text, n):
                    return idx  # "Wagner" -> "Wagner Group"
        # "the Foreign Ministry" after "the Russian Foreign Ministry": the one ministry of that name met before
        owned = {idx for idx, c in enumerate(clusters) if c.type == "ORG" for n in c.names
                 if len(fold(n).split()) == len(key.split()) + 1 and fold(n).split()[1:] == key.split()
                 and fold(n).split()[0] in demonyms()}
        if len(key.split()) > 1 and len(owned) == 1:
            return owned.pop()
    return _short_form_cluster(span.text, etype, place, clusters)


def _short_form_cluster(text: str, etype: str, place: object | None, clusters: list[_Cluster]) -> int | None:
    """A name the article shortens from one longer name it used: the tail of a place or organisation ('Emirates'
    for 'United Arab Emirates', 'Crisis Group' for 'International Crisis Group'), or a company's first word
    ('Dassault' for 'Dassault Aviation'). Only when exactly one longer name fits."""
    words = fold(text).split()
    if not words or place is not None or (etype == "ORG" and len(words) == 1 and acronym_key(text) is not None):
        return None
    if etype in ("GPE", "LOC"):
        kinds = lambda c: c.place is not None and getattr(c.place, "kind", "") == "country"  # noqa: E731
    elif etype == "ORG":
        kinds = lambda c: c.type == "ORG"  # noqa: E731
    else:
        return None
    fits = set()
    for idx, c in enumerate(clusters):
        if not kinds(c):
            continue
        for n in c.names + ([c.place.name] if c.place is not None else []):  # type: ignore[attr-defined]
            long = fold(n).split()
            if len(long) <= len(words):
                continue
            if long[-len(words):] == words and (len(words) > 1 or etype != "ORG"):
                fits.add(idx)
            elif etype == "ORG" and len(words) > 1 and _inside(words, long) and not any(q in n for q in "'’"):
                fits.add(idx)  # 'Revolutionary Guards' for 'Islamic Revolutionary Guard Corps' (not "X's Y": two bodies)
            elif (etype == "ORG" and len(words) == 1 and long[0] == words[0] and lookup_place(text) is None
                  and words[0] not in demonyms()):
                fits.add(idx)
    return fits.pop() if len(fits) == 1 else None


def _singular(word: str) -> str:
    return word[:-1] if len(word) > 3 and word.endswith("s") and not word.endswith("ss") else word


def _inside(words: list[str], long: list[str]) -> bool:
    """The short name's words, singular or plural, run together inside the longer name."""
    short = [_singular(w) for w in words]
    full = [_singular(w) for w in long]
    return any(full[i : i + len(short)] == short for i in range(len(full) - len(short) + 1))


@lru_cache(maxsize=1 << 14)
def _person_match(short: str, full: str) -> bool:
    """'Lavrov' is 'Sergei Lavrov'; 'Burhan' is 'Abdel Fattah al-Burhan' (an Arabic article before the surname)."""
    if len(short.split()) == 1:
        last = full.split()[-1]
        return (same_surname(short, last) or fold(short) == fold(full.split()[0])
                or (_ARABIC_ARTICLE.match(last) is not None and same_surname(short, _ARABIC_ARTICLE.sub("", last))))
    return same_person(short, full)


def _local_entity(c: _Cluster) -> LocalEntity:
    aliases = tuple(dict.fromkeys(c.names))
    place = c.place
    lat = getattr(place, "lat", None)
    lon = getattr(place, "lon", None)
    return LocalEntity(c.canonical, c.canonical, c.type, aliases, c.iso, lat, lon)


def _country_entity(iso: str, entities: dict[str, LocalEntity]) -> str | None:
    place = country_by_iso().get(iso)
    if place is None:
        return None
    if place.name not in entities:
        entities[place.name] = LocalEntity(place.name, place.name, "GPE", (), iso, place.lat, place.lon)
    return place.name


def _demonym_and_state_mentions(doc: Doc, entities: dict[str, LocalEntity], state_descriptions: list[Surface],
                                names: Sequence[Mention]):
    """'Russian forces' and 'the Malian junta' point at the state; 'the junta' at the article's main country."""
    dem = demonyms()
    main = main_country(entities, names)
    group = _armed_group(doc, entities)
    for s in state_descriptions:
        key = _country_entity(dem[fold(s.text.split()[0])], entities)
        if key is not None:
            yield Mention(s.text, s.start_char, s.end_char, "GPE", key, "description")
    covered = {(s.start_char) for s in state_descriptions}
    a = attrs(doc)
    for tok in tokens(doc):
        if a.ent_type[tok.i] != "NORP" and a.lower[tok.i] not in _BODY_WORDS:
            continue  # neither branch below: most tokens (their attributes read once per Doc)
        if tok.idx in covered:
            continue
        if tok.ent_type_ == "NORP" and fold(tok.text) in dem:
            key = _country_entity(dem[fold(tok.text)], entities)
            if key is None:
                continue
            head = tok.head
            if group is not None and head.lower_ in ARMED_GROUP_NOUNS and head.i > tok.i:
                # 'Russian mercenaries' in an article about one named mercenary group are that group
                start = tok.i - 1 if tok.i > 0 and doc[tok.i - 1].lower_ == "the" else tok.i
                yield Mention(doc[start : head.i + 1].text, doc[start].idx, head.idx + len(head), "ORG", group, "description")
            elif head.lower_ in STATE_NOUNS and head.i > tok.i and not any(c.dep_ == "conj" for c in children(tok)):
                # ('Armenian and Azerbaijani forces' are two states' forces: each demonym stays its own mention)
                start = tok.i - 1 if tok.i > 0 and doc[tok.i - 1].lower_ == "the" else tok.i
                army = _armed_forces(key, entities) if head.lower_ in ARMY_NOUNS else None
                yield Mention(doc[start : head.i + 1].text, doc[start].idx, head.idx + len(head),
                              "ORG" if army else "GPE", army or key, "description")
            else:
                yield Mention(tok.text, tok.idx, tok.idx + len(tok), "GPE", key, "demonym")
        elif tok.lower_ in _BODY_WORDS and main and tok.i > 0:
            left = [t for t in tok.lefts]
            if any(t.lower_ == "the" for t in left) and not any(t.ent_type_ or t.pos_ == "PROPN" for t in left):
                start = min(t.i for t in left)
                yield Mention(doc[start : tok.i + 1].text, doc[start].idx, tok.idx + len(tok), "GPE", main, "description")


_BODY_WORDS = ("junta", "regime", "government", "authorities")  # 'the junta': the article's main country
# 'the Sudanese army' where the article names the Sudanese Armed Forces: that body, not the state.
ARMY_NOUNS = {"army", "military", "forces"}
_ARMY_NAMES = ({"armed", "forces"}, {"army"}, {"military"}, {"defence", "forces"}, {"defense", "forces"})


def _armed_forces(country: str, entities: dict[str, LocalEntity]) -> str | None:
    """The one organisation named as this country's armed forces ('Sudanese Armed Forces', 'Armed Forces of the
    Central African Republic', 'Israel Defense Forces'); a name with any other word ('Libyan National Army') is
    another body."""
    place = country_by_iso().get(entities[country].iso or "") if country in entities else None
    if place is None:
        return None
    own = set(fold(place.name).split()) | set(fold(country).split()) | {"of", "the"}
    own |= {d for d, iso in demonyms().items() if iso == place.iso}
    found = [e.key for e in entities.values() if e.type == "ORG"
             and any(set(fold(n).split()) - own in _ARMY_NAMES and set(fold(n).split()) & (own - {"of", "the"})
                     for n in (e.name, *e.aliases))]
    return found[0] if len(found) == 1 else None


def _armed_group(doc: Doc, entities: dict[str, LocalEntity]) -> str | None:
    """The one organisation the article names right beside a mercenary/paramilitary word, if exactly one."""
    orgs = {a: e.key for e in entities.values() if e.type == "ORG" for a in (e.aliases or (e.name,))}
    found: set[str] = set()
    for ent in doc.ents:
        key = orgs.get(ent.text)
        if key is None:
            continue
        near = doc[max(0, ent.start - 5) : min(len(doc), ent.end + 5)]
        if any(t.lower_ in ARMED_GROUP_NOUNS and t.sent == ent.sent for t in near):  # the word first: .sent is slow
            found.add(key)
    return found.pop() if len(found) == 1 else None


def main_country(entities: dict[str, LocalEntity], mentions: Sequence[Mention]) -> str | None:
    """The country the article names most often (capitals counting for their country): what 'the country',
    'the nation' and 'the junta' usually mean in a news article."""
    counts: Counter = Counter()
    inside: Counter = Counter()  # ISO -> mentions of places within that country ('Kebbi State', 'Maracay')
    for m in mentions:
        if m.kind != "name":
            continue
        key = actor_key(m, entities)
        ent = entities.get(key)
        place = country_by_iso().get(ent.iso) if ent is not None and ent.type == "GPE" and ent.iso else None
        if place is not None and place.name == ent.name:
            counts[key] += 1
        elif ent is not None and ent.type == "GPE" and key == m.entity:
            iso = _country_of_place(ent.name)
            if iso is not None:
                inside[iso] += 1
    for key in list(counts):  # only countries the article names count what lies in them
        counts[key] += inside.get(entities[key].iso, 0)
    return counts.most_common(1)[0][0] if counts else None


_PLACE_SUFFIX = re.compile(r"\s+(State|Province|Region|Governorate|Oblast|District|County)$")


def _country_of_place(name: str) -> str | None:
    """The country a named state, province or city lies in (gazetteer), for a place that is not a country."""
    place = lookup_subdivision(name) or lookup_subdivision(_PLACE_SUFFIX.sub("", name)) or cities().get(fold(name))
    return place.iso if place is not None and place.iso else None


def _role_profiles(doc: Doc, mentions: list[Mention]) -> dict[str, set[str]]:
    """Words that title each person where they are named: 'Russian Foreign Minister Sergey Lavrov'."""
    profiles: dict[str, set[str]] = {}
    dem = demonyms()
    for m in mentions:
        if m.type != "PERSON":
            continue
        span = doc.char_span(m.start, m.end, alignment_mode="expand")
        if span is None:
            continue
        words: set[str] = profiles.setdefault(m.entity, set())
        i = span.start - 1
        while i >= 0 and i >= span.start - 6 and (doc[i].is_title or doc[i].text in ("'s", "’s") or doc[i].is_lower and doc[i].lower_ in ROLE_NOUNS):
            words.add(doc[i].lower_)
            if fold(doc[i].text) in dem:
                words.add("@" + dem[fold(doc[i].text)])
            place = lookup_place(doc[i].text)
            if place is not None and place.iso:
                words.add("@" + place.iso)
            i -= 1
        for t in appos_title(span.root):
            if t.i < span.start or t.i >= span.end:
                words.add(t.lower_)
                if fold(t.text) in dem:
                    words.add("@" + dem[fold(t.text)])
    return profiles


# Nouns that title a person named in apposition to them ('the Y of Z, X'), beside the role nouns.
TITLE_NOUNS = PERSONISH | {"official", "member", "representative", "protégé", "confidant", "ally", "adviser", "advisor",
                           "aide", "deputy", "successor", "predecessor", "opponent", "rival", "warlord", "strongman",
                           "hardliner", "cleric"}


def titling_head(root: Token) -> list[Token]:
    """The noun a name stands in apposition to, when it titles the person ('the Y of Z, X'); not an event or thing
    the parser hung the name on ('The meeting of A and B X')."""
    head = root.head
    if root.dep_ != "appos" or head.i == root.i or head.lemma_.lower() not in TITLE_NOUNS | ROLE_NOUNS:
        return []
    return [head]


def appos_title(person: Token) -> list[Token]:
    """The words titling a name set in apposition: the appositive's or the titling head's words (see title_tokens);
    when the parser hung the name on another noun ('The meeting of A and the Libyan Prime Minister X'), only the
    words right before the name, back to the nearest 'and', comma or verb."""
    out = [x for c in children(person) if c.dep_ == "appos" for x in title_tokens(c, person)]
    head = person.head
    if person.dep_ != "appos" or head.i == person.i:
        return out
    if titling_head(person):
        return out + title_tokens(head, person)
    left = min(x.i for x in person.subtree)
    j = left - 1
    while j > head.i and person.doc[j].lower_ not in ("and", "or", ",", ";", ":") and person.doc[j].pos_ not in ("VERB", "AUX"):
        j -= 1
    return out + list(person.doc[j + 1 : left])


def title_tokens(t: Token, person: Token) -> list[Token]:
    """An appositive title's words: its subtree without coordinated phrases, clauses, or the person's own phrase."""
    inside = {x.i for x in person.subtree}
    skip: set[int] = set() if t.i in inside else inside
    for c in t.subtree:
        if c.i != t.i and c.dep_ in ("conj", "cc", "relcl", "acl", "advcl", "appos") and c.i not in skip:
            skip |= {x.i for x in c.subtree}
    return [x for x in t.subtree if x.i not in skip]


def _role_mentions(doc: Doc, mentions: list[Mention], entities: dict[str, LocalEntity]):
    """'the Russian foreign minister' -> the person the article titled that way, when exactly one fits."""
    profiles = _role_profiles(doc, mentions)
    if not profiles:
        return
    if not ROLE_NOUNS.intersection(attrs(doc).lower):
        return  # no chunk can be headed by a role noun: spaCy's noun_chunks walk (a Token per word) is not needed
    dem = demonyms()
    named = {(m.start, m.end) for m in mentions}
    for chunk in doc.noun_chunks:
        head = chunk.root
        if head.lower_ not in ROLE_NOUNS or head.ent_type_ == "PERSON" or (chunk.start_char, chunk.end_char) in named:
            continue
        if not any(t.lower_ in ("the", "his", "her", "its", "their") for t in chunk[:1]):
            continue
        if any(t.ent_type_ == "PERSON" for t in chunk):
            continue
        words = {t.lower_ for t in chunk if not t.is_stop and t.is_alpha}
        isos = {"@" + dem[fold(t.text)] for t in chunk if fold(t.text) in dem}
        needed = (words - {head.lower_}) | isos
        fits = []
        for person, prof in profiles.items():
            roles = {head.lower_} | ROLE_SYNONYMS.get(head.lower_, set())
            if not (roles & prof):
                continue
            if all(w in prof or (w.startswith("@") and w in prof) for w in needed):
                fits.append(person)
        if len(fits) == 1:
            yield Mention(chunk.text, chunk.start_char, chunk.end_char, "PERSON", fits[0], "description")


def person_name_spans(doc: Doc, mentions: Iterable[Mention]) -> Iterator[tuple[Mention, Span]]:
    """Each named mention of a person with its span in the Doc (titles and honorifics are read around it)."""
    for m in mentions:
        if m.type != "PERSON" or m.kind != "name":
            continue
        span = doc.char_span(m.start, m.end, alignment_mode="expand")
        if span is not None:
            yield m, span

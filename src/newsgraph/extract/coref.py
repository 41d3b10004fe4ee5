"""In-document coreference by rules over spaCy's parse: who 'he', 'the ministry', 'the two leaders' and 'a
spokesman' are, so event actors and quote speakers name an entity; there is no coreference model offline.

API (shared by events and quotes; computed once per Doc and cached, the Doc is never mutated):

    index = coref_links(doc, entities, mentions)     # -> CorefIndex
    index.resolve(start_char, end_char) -> Link | None          # the mention at those offsets, resolved
    index.resolve_all(start_char, end_char) -> list[Link]       # plural references give one Link per entity
    index.resolve_token(tok) -> Link | None / resolve_token_all(tok) -> list[Link]
    index.links                                                  # every non-name link, in text order

A Link is (entity, text, start, end, rule, antecedent, ante_start, ante_end): `entity` is the article-local
entity key of the actor (a capital standing for its country is the country), `text`/`start`/`end` the
referring mention as written, `rule` why it was chosen (name | pronoun | description | apposition | plural |
spokesperson | capital), and the antecedent's surface and offsets (-1 when there is none). Names resolve
too (rule 'name', or 'capital' when the capital stands for its country). Links never cross incompatible
types: he/she/him/his/her only to PERSON, it/its only to ORG/GPE, they/them/their never to one person.
"""
from __future__ import annotations

import weakref
from bisect import bisect_right
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Sequence

from spacy.tokens import Doc, Token

from ..nlp.gazetteer import country_by_iso, demonyms, fold, lookup_place
from ..records import LocalEntity, Mention
from .entities import actor_key, main_country, person_name_spans
from .doc_text import text_of

HE = {"he", "him", "his", "himself"}
SHE = {"she", "her", "hers", "herself"}
IT = {"it", "its", "itself"}
THEY = {"they", "them", "their", "theirs", "themselves"}
PERSON_ROLES = {
    "minister", "president", "leader", "premier", "chancellor", "envoy", "ambassador", "commander", "general",
    "secretary", "chief", "king", "prince", "emir", "colonel", "director", "governor", "senator", "diplomat",
    "counterpart", "head", "founder", "chairman", "chairwoman", "mayor", "lawmaker", "negotiator", "ruler",
}
# Offices a state holds: 'The Foreign Secretary' that the article never names speaks for the state.
STATE_OFFICES = {"minister", "secretary", "president", "premier", "chancellor"}
ROLE_SYNONYMS = {"leader": {"president", "head", "chief", "premier", "minister", "ruler", "leader"},
                 "diplomat": {"minister", "foreign", "ambassador", "envoy", "diplomat"},
                 "head": {"head", "chief", "director", "president", "leader"}, "premier": {"premier", "prime"}}
# Nouns for a state's own bodies: with no name in their phrase they stand for a body named before, or the state.
STATE_BODIES = {"ministry", "government", "army", "military", "junta", "regime", "authorities", "administration",
                "cabinet", "presidency", "navy", "department", "kremlin", "executive", "leadership"}
BODY_WORDS = {"ministry": ("ministry", "department", "foreign affairs", "mfa"),
              "department": ("department", "ministry"), "army": ("army", "armed forces", "forces", "military"),
              "military": ("armed forces", "army", "military", "forces"), "navy": ("navy",),
              "government": ("government",), "administration": ("administration", "government"),
              "presidency": ("presidency",), "cabinet": ("cabinet", "government")}
ORG_NOUNS = {"group", "organisation", "organization", "movement", "militia", "company", "firm", "agency", "alliance",
             "bloc", "coalition", "party", "court", "tribunal", "council", "committee", "body", "union", "network",
             "consortium", "rebels", "insurgents", "militants", "fighters", "jihadists"}
GENERIC_ORG = {"group", "organisation", "organization", "movement", "militia", "company", "firm", "agency", "body",
               "network", "consortium"}
LEADER_WORDS = {"president", "prime", "premier", "minister", "leader", "king", "chancellor", "emir", "head", "ruler"}
SPOKES = {"spokesman", "spokeswoman", "spokesperson", "official", "officials", "spokespeople", "spokespersons"}
STATE_MODS = {"senior", "top", "government", "ministry", "foreign", "defence", "defense", "military", "army",
              "administration", "security", "state", "unnamed", "two", "three", "several", "other", "one", "some",
              "presidential", "kremlin", "interior", "high", "ranking", "high-ranking", "many", "diplomatic"}
PAIR_PERSON = {"leaders", "men", "presidents", "ministers", "women", "heads", "politicians", "counterparts"}
PAIR_STATE = {"countries", "nations", "states", "governments", "neighbours", "neighbors", "capitals", "allies"}
PAIR_ANY = {"sides", "parties", "rivals", "foes", "adversaries", "partners", "armies"}
SUBJ = {"nsubj", "nsubjpass"}
FIRST_PERSON = {"i", "me", "my", "mine", "myself", "we", "us", "our", "ours", "ourselves"}
REPORTING = {"say", "tell", "state", "add", "note", "insist", "stress", "declare", "confirm", "explain", "write",
             "warn", "emphasize", "emphasise", "continue", "conclude", "reply", "respond", "announce", "urge",
             "tweet", "post", "assert", "argue", "maintain", "reiterate", "comment", "remark", "affirm", "underline"}
PERSONISH = PERSON_ROLES | SPOKES | {"man", "woman", "person", "boy", "girl", "father", "mother", "son", "daughter",
                                    "journalist", "reporter", "witness", "resident", "victim", "activist", "analyst",
                                    "expert", "lawyer", "soldier", "officer", "candidate", "politician", "source"}
APPOS_NOUNS = PERSON_ROLES | ORG_NOUNS | STATE_BODIES | SPOKES | {"tank", "outlet", "agency", "broadcaster", "newspaper",
                                                                 "daily", "website", "watchdog", "charity", "ngo"}
REACH = {"person": 3, "it": 2, "they": 2, "description": 4}


@dataclass(frozen=True)
class Link:
    """Why an actor was chosen: the referring mention as written and the entity it was resolved to."""

    entity: str
    text: str
    start: int
    end: int
    rule: str
    antecedent: str = ""
    ante_start: int = -1
    ante_end: int = -1


@dataclass
class _Occ:
    """An entity occurring in the discourse: a name, a description, or a resolved reference (for chains)."""

    keys: tuple[str, ...]
    i: int  # head token
    sent: int
    subj: bool
    text: str
    start: int
    end: int
    plural: bool = False
    governing: bool = False  # a governing body or state description ('the ministry', 'Malian authorities')
    rule: str = "name"


@dataclass
class CorefIndex:
    """Links of one article by offsets; see the module docstring."""

    links: list[Link] = field(default_factory=list)
    by_token: dict[int, list[Link]] = field(default_factory=dict)
    names: dict[int, Link] = field(default_factory=dict)  # token -> name link (the longest mention covering it)
    extra_mentions: list[Mention] = field(default_factory=list)  # names the NER missed, matched by alias
    used: list[Link] = field(default_factory=list)  # links event actors were read from (event_actors fills it)
    _doc: object = None

    def resolve_token_all(self, tok: Token) -> list[Link]:
        """Every entity a token's phrase refers to: a referring expression it heads, else the name covering it."""
        if tok.i in self.by_token:
            return list(self.by_token[tok.i])
        link = self.names.get(tok.i)
        return [link] if link is not None else []

    def resolve_token(self, tok: Token) -> Link | None:
        found = self.resolve_token_all(tok)
        return found[0] if found else None

    def resolve_all(self, start: int, end: int) -> list[Link]:
        """Links of the referring expression or name inside [start, end): the longest one found."""
        best: list[Link] = []
        for links in self.by_token.values():
            if links and start <= links[0].start and links[0].end <= end:
                if not best or links[0].end - links[0].start > best[0].end - best[0].start:
                    best = links
        if best:
            return list(best)
        names = [l for l in self.names.values() if start <= l.start and l.end <= end]
        if names:
            return [max(names, key=lambda l: (l.end - l.start, -l.start))]
        covering = [l for l in self.names.values() if l.start <= start and end <= l.end]
        return covering[:1]

    def resolve(self, start: int, end: int) -> Link | None:
        found = self.resolve_all(start, end)
        return found[0] if found else None

    def referring(self, tok: Token) -> list[Link]:
        """Only the coreference links a token heads (pronoun, description, plural), not plain names."""
        return list(self.by_token.get(tok.i, ()))


_CACHE: "weakref.WeakKeyDictionary[Doc, tuple[int, CorefIndex]]" = weakref.WeakKeyDictionary()


def coref_links(doc: Doc, entities: Sequence[LocalEntity], mentions: Sequence[Mention]) -> CorefIndex:
    """The article's coreference index (built once per Doc and mention list; later calls reuse it)."""
    stamp = hash(tuple(sorted((m.start, m.end, m.entity) for m in mentions)))
    hit = _CACHE.get(doc)
    if hit is not None and hit[0] == stamp:
        return hit[1]
    index = _Resolver(doc, entities, mentions).run()
    _CACHE[doc] = (stamp, index)
    return index


def _quote_spans(text: str) -> list[tuple[int, int]]:
    """Character ranges inside quotation marks, paired within each line."""
    out: list[tuple[int, int]] = []
    pos = 0
    for line in text.split("\n"):
        opened = None
        for j, ch in enumerate(line):
            if ch == "“" or (ch == '"' and opened is None):
                opened = j
            elif (ch == "”" or ch == '"') and opened is not None:
                out.append((pos + opened, pos + j + 1))
                opened = None
        pos += len(line) + 1
    return out


@lru_cache(maxsize=1)
def _detector():
    import gender_guesser.detector as gd

    return gd.Detector(case_sensitive=False)


class _Resolver:
    def __init__(self, doc: Doc, entities: Sequence[LocalEntity], mentions: Sequence[Mention]) -> None:
        self.doc = doc
        self.entities = {e.key: e for e in entities}
        self.mentions = sorted(mentions, key=lambda m: (m.start, -(m.end - m.start)))
        self.starts = [m.start for m in self.mentions]
        self.sent_of = [0] * len(doc)
        self.sents = list(doc.sents)
        for k, s in enumerate(self.sents):
            for i in range(s.start, s.end):
                self.sent_of[i] = k
        self.main = main_country(self.entities, self.mentions)
        self.index = CorefIndex()
        self.index._doc = None
        self.seen: list[_Occ] = []
        self.genders = self._genders()
        self.profiles: dict[str, set[str]] = {}
        self.text = text_of(doc)  # Doc.text joins every token: build it once
        self.quotes = _quote_spans(self.text)
        self.quote_starts = [a for a, _ in self.quotes]

    def in_quote(self, char: int) -> bool:
        k = bisect_right(self.quote_starts, char) - 1
        return k >= 0 and self.quotes[k][0] <= char < self.quotes[k][1]

    # -- lookups

    def mention_at(self, tok: Token) -> Mention | None:
        i = bisect_right(self.starts, tok.idx)
        best = None
        for m in self.mentions[max(0, i - 8) : i]:
            if m.start <= tok.idx < m.end and (best is None or m.end - m.start > best.end - best.start):
                best = m
        return best

    def etype(self, key: str) -> str | None:
        ent = self.entities.get(key)
        if ent is not None:
            return ent.type
        return "GPE" if any(p.name == key for p in country_by_iso().values()) else None

    def is_country(self, key: str) -> bool:
        ent = self.entities.get(key)
        if ent is None:
            return any(p.name == key for p in country_by_iso().values())
        place = country_by_iso().get(ent.iso) if ent.type == "GPE" and ent.iso else None
        return place is not None and place.name == ent.name

    def _genders(self) -> dict[str, str]:
        """'m'/'f' per person: honorifics (Mr, Mrs, Ms) where the article uses them, else the given name."""
        out: dict[str, str] = {}
        for m, span in person_name_spans(self.doc, self.mentions):
            prev = self.doc[span.start - 1].lower_.rstrip(".") if span.start > 0 else ""
            first = span[0].lower_.rstrip(".")
            for w in (prev, first):
                if w in ("mr", "sir", "lord", "king", "prince", "emir", "sheikh"):
                    out[m.entity] = "m"
                elif w in ("mrs", "ms", "miss", "madam", "queen", "princess", "dame", "lady"):
                    out[m.entity] = "f"
        for key, ent in self.entities.items():
            if ent.type != "PERSON" or key in out:
                continue
            words = [w for w in ent.name.replace(".", " ").split() if len(w) > 1]
            if len(words) < 2:
                continue
            g = _detector().get_gender(words[0])
            if g in ("male", "mostly_male"):
                out[key] = "m"
            elif g in ("female", "mostly_female"):
                out[key] = "f"
        return out

    # -- the discourse walk

    def _alias_mentions(self) -> list[Mention]:
        """Names the NER missed where the article names the entity elsewhere ('thanked President Trump'):
        a proper noun equal to a known alias or a person's surname, when only one entity has it."""
        owners: dict[str, set[str]] = {}
        for key, ent in self.entities.items():
            if ent.type not in ("PERSON", "GPE"):
                continue  # a product or unit name is too often typed ORG
            for a in set(ent.aliases) | {ent.name}:
                words = a.split()
                if len(words) == 1 and len(a) >= (3 if ent.type == "PERSON" else 2) and a[0].isupper():
                    owners.setdefault(a, set()).add(key)
                if ent.type == "PERSON" and len(words) > 1 and len(words[-1]) >= 3 and words[-1][0].isupper():
                    owners.setdefault(words[-1], set()).add(key)
        covered = set()
        for m in self.mentions:
            covered.update(range(m.start, m.end))
        out = []
        for tok in self.doc:
            if tok.tag_ not in ("NNP", "NNPS") or tok.idx in covered or tok.text not in owners or len(owners[tok.text]) != 1:
                continue
            if tok.i + 1 < len(self.doc) and self.doc[tok.i + 1].tag_ == "NNP" and self.doc[tok.i + 1].idx not in covered:
                continue  # part of a longer, other name
            key = next(iter(owners[tok.text]))
            out.append(Mention(tok.text, tok.idx, tok.idx + len(tok), self.entities[key].type, key, "name"))
        return out

    def run(self) -> CorefIndex:
        doc = self.doc
        heads: dict[int, list[_Occ]] = {}
        extra = self._alias_mentions()
        self.index.extra_mentions = extra
        if extra:
            self.mentions = sorted(self.mentions + extra, key=lambda m: (m.start, -(m.end - m.start)))
            self.starts = [m.start for m in self.mentions]
        for m in self.mentions:
            if m.kind == "demonym":
                continue
            span = doc.char_span(m.start, m.end, alignment_mode="expand")
            if span is None:
                continue
            key = actor_key(m, self.entities)
            rule = "name" if key == m.entity else "capital"
            link = Link(key, m.text, m.start, m.end, rule if m.kind == "name" else "description")
            for t in span:
                old = self.index.names.get(t.i)
                if old is None or old.end - old.start < m.end - m.start:
                    self.index.names[t.i] = link
            root = span.root
            occ = _Occ((key,), root.i, self.sent_of[root.i], self._is_subject(root), m.text, m.start, m.end,
                       plural=self._plural_head(root, m),
                       governing=m.kind == "description" and m.type == "GPE")
            heads.setdefault(root.i, []).append(occ)
        self._add_groups(heads)
        self._profiles()
        for tok in doc:
            for occ in heads.get(tok.i, ()):
                self.seen.append(occ)
            if tok.i not in heads and self._unnamed_subject(tok):
                self.seen.append(_Occ((), tok.i, self.sent_of[tok.i], True, tok.text, tok.idx, tok.idx + len(tok),
                                      plural=tok.tag_ == "NNS"))
            links = self._refer(tok)
            if links:
                self.index.by_token[tok.i] = links
                self.index.links.extend(links)
                ln = links[0]
                self.seen.append(_Occ(tuple(dict.fromkeys(l.entity for l in links)), tok.i, self.sent_of[tok.i],
                                      self._is_subject(tok), ln.text, ln.start, ln.end, plural=len(links) > 1,
                                      governing=ln.rule in ("description", "spokesperson") and len(links) == 1,
                                      rule=ln.rule))
        self._first_person()
        return self.index

    def _first_person(self) -> None:
        """'"We urge all parties ...," Raab said': I/we inside a quotation is its speaker (the subject of the
        reporting verb beside the quote in the same paragraph), found after the walk so later names count."""
        doc = self.doc
        for tok in doc:
            low = tok.lower_
            if (low not in FIRST_PERSON or tok.pos_ != "PRON" or tok.text.isupper() and len(tok.text) > 1
                    or tok.i in self.index.by_token or not self.in_quote(tok.idx)):
                continue
            k = bisect_right(self.quote_starts, tok.idx) - 1
            q0, q1 = self.quotes[k]
            speaker = self._speaker_of_quote(q0, q1)
            if speaker is None:
                continue
            links = [l for l in self.resolve_subject(speaker)]
            if low in ("i", "me", "my", "mine", "myself"):
                links = [l for l in links if self.etype(l.entity) == "PERSON"]
            if len(links) != 1:
                continue
            ln = links[0]
            link = Link(ln.entity, tok.text, tok.idx, tok.idx + len(tok), "speaker", ln.text, ln.start, ln.end)
            self.index.by_token[tok.i] = [link]
            self.index.links.append(link)
        self.index.links.sort(key=lambda l: l.start)

    def resolve_subject(self, tok: Token) -> list[Link]:
        """The links of a subject phrase: a reference it heads, else the name nearest its head."""
        if tok.i in self.index.by_token:
            return self.index.by_token[tok.i]
        for t in sorted(tok.subtree, key=lambda t: (abs(t.i - tok.i) if t.i >= tok.i else 99 + tok.i - t.i)):
            if t.dep_ in ("relcl", "acl", "prep") and t.i != tok.i:
                continue
            link = self.index.names.get(t.i)
            if link is not None and self.mention_at(t) is not None and self.mention_at(t).kind != "demonym":
                return [link]
        return []

    def _speaker_of_quote(self, q0: int, q1: int) -> Token | None:
        """The subject of the reporting verb outside the quote nearest to it in its paragraph line."""
        text = self.text
        a = text.rfind("\n", 0, q0) + 1
        b = text.find("\n", q1)
        b = len(text) if b < 0 else b
        span = self.doc.char_span(a, b, alignment_mode="expand")
        if span is None:
            return None
        best, best_d = None, None
        for t in span:
            if t.lemma_.lower() not in REPORTING or self.in_quote(t.idx) or t.pos_ not in ("VERB", "AUX"):
                continue
            subj = next((c for c in t.children if c.dep_ in SUBJ), None)
            if subj is None or self.in_quote(subj.idx):
                continue
            d = t.idx - q1 if t.idx >= q1 else (q0 - t.idx) + 40  # after the quote first ('..." he said')
            if best_d is None or d < best_d:
                best, best_d = subj, d
        return best

    def _unnamed_subject(self, tok: Token) -> bool:
        """A subject noun phrase that names no entity ('hundreds of people demonstrated', 'the report said')."""
        if tok.dep_ not in SUBJ or tok.pos_ != "NOUN" or tok.i in self.index.by_token:
            return False
        return self.index.names.get(tok.i) is None and not any(self.mention_at(t) is not None for t in tok.subtree)

    def _add_groups(self, heads: dict[int, list[_Occ]]) -> None:
        """'X and Y' as one plural occurrence (for 'they', 'the two', 'both')."""
        for i, occs in list(heads.items()):
            tok = self.doc[i]
            if tok.dep_ == "conj":
                continue
            conj = [c for c in tok.conjuncts if c.i > tok.i]
            keys = list(occs[0].keys)
            for c in conj:
                for o in heads.get(c.i, ()):
                    keys += [k for k in o.keys if k not in keys]
            if len(keys) > 1:
                last = max(conj, key=lambda c: c.i)
                end = heads[last.i][0].end if last.i in heads else occs[0].end
                heads[i].append(_Occ(tuple(keys), i, occs[0].sent, occs[0].subj,
                                     self.text[occs[0].start : end], occs[0].start, end, plural=True))

    def _is_subject(self, tok: Token) -> bool:
        t = tok
        while t.dep_ in ("compound", "flat", "amod", "appos", "poss", "nmod") and t.head.i != t.i:
            t = t.head
        return t.dep_ in SUBJ or (t.dep_ == "pobj" and t.head.dep_ == "agent")

    def _plural_head(self, root: Token, m: Mention) -> bool:
        if m.kind == "description":
            return root.tag_ in ("NNS", "NNPS")
        head = root.head
        return root.dep_ in ("compound", "amod", "nmod") and head.tag_ == "NNS" and head.i > root.i

    # -- which tokens refer

    def _refer(self, tok: Token) -> list[Link]:
        low = tok.lower_
        if tok.pos_ == "PRON" or low in HE | SHE | IT | THEY:
            if low in HE or low in SHE:
                return self._person_pronoun(tok)
            if low in IT:
                return self._it(tok)
            if low in THEY:
                return self._they(tok)
        if tok.pos_ not in ("NOUN", "PRON", "NUM", "DET", "PROPN") or self.index.names.get(tok.i) is not None:
            return []
        if self._has_name(tok):
            if tok.lemma_.lower() in PERSON_ROLES and tok.tag_ in ("NN", "NNP") and self._only_demonyms(tok):
                return self._role_anywhere(tok)  # 'A Chinese envoy called ...', named later as China's envoy
            return []
        appos = self._apposition(tok)
        if appos:
            return appos
        if low in ("both", "two", "pair", "duo") or low in PAIR_PERSON | PAIR_STATE | PAIR_ANY:
            pair = self._pair(tok)
            if pair:
                return pair
        if tok.pos_ == "PROPN" and tok.lemma_.lower() in PERSON_ROLES and self._definite(tok):
            return self._role(tok)  # 'The Prime Minister has held calls'
        if tok.pos_ != "NOUN":
            return []
        if low in SPOKES or tok.lemma_.lower() in SPOKES:
            return self._spokes(tok)
        if low in STATE_BODIES or tok.lemma_.lower() in ("ministry", "government", "army", "authority"):
            return self._body(tok, low if low in STATE_BODIES else tok.lemma_.lower())
        if low in ORG_NOUNS and self._definite(tok):
            return self._org(tok)
        if tok.lemma_.lower() in PERSON_ROLES and self._definite(tok) and tok.tag_ in ("NN", "NNP"):
            return self._role(tok)
        return []

    def _has_name(self, tok: Token) -> bool:
        """A name inside the phrase's own modifiers ('US officials', 'the Russian foreign ministry')."""
        for c in tok.children:
            if c.dep_ in ("compound", "amod", "nmod", "poss", "prep", "npadvmod") and c.i != tok.i:
                for t in c.subtree:
                    if t.dep_ in ("relcl", "acl"):
                        break
                    if self.mention_at(t) is not None:
                        return True
        return False

    def _definite(self, tok: Token) -> bool:
        return any(c.dep_ == "det" and c.lower_ in ("the", "this", "that", "these", "those") for c in tok.children)

    def _link(self, tok: Token, occs: Sequence[_Occ], rule: str, phrase: tuple[int, int] | None = None) -> list[Link]:
        if phrase is None:
            left = min([tok.i] + [c.i for c in tok.lefts if c.dep_ in ("det", "amod", "compound", "nummod", "predet",
                                                                        "quantmod", "nmod", "poss")])
            start, end = self.doc[left].idx, tok.idx + len(tok)
        else:
            start, end = phrase
        text = self.text[start:end]
        out: list[Link] = []
        for o in occs:
            for k in o.keys:
                if k not in [l.entity for l in out]:
                    out.append(Link(k, text, start, end, rule, o.text, o.start, o.end))
        return out

    # -- candidates

    def _recent(self, tok: Token, reach: int, want) -> list[tuple[float, _Occ]]:
        """Occurrences before tok within `reach` sentences that `want` accepts, scored by salience. Unnamed
        subjects ('hundreds of people', 'the report') compete too: when one wins, the pronoun names no entity."""
        here = self.sent_of[tok.i]
        gov, obj_gov = self._governors(tok)
        outside = not self.in_quote(tok.idx)
        out = []
        for o in reversed(self.seen):
            if o.sent < here - reach:
                break
            if o.i >= tok.i or not want(o):
                continue
            dist = here - o.sent
            score = -3.0 * dist + (2.0 if o.subj else 0.0) + 0.001 * o.i
            if o.i in obj_gov:
                score += 6.0  # 'requested Wagner that they send ...': the one asked is the one who acts
            elif o.i in gov:
                score += 4.0
            if dist == 0 and not o.subj and o.i not in gov and o.i not in obj_gov:
                score -= 1.0
            if outside and o.start >= 0 and self.in_quote(o.start):
                score -= 4.0  # '"... George Bush ...," he added': names inside a quote are not its speaker
            out.append((score, o))
        out.sort(key=lambda x: -x[0])
        return out

    def _governors(self, tok: Token) -> tuple[set[int], set[int]]:
        """Subjects of the clauses a subject or possessive pronoun sits in ('Lavrov said he ...', 'the ministry
        defended its ...'), and the objects of a verb whose complement it opens ('asked X that they ...')."""
        out: set[int] = set()
        objs: set[int] = set()
        if tok.dep_ not in SUBJ and tok.dep_ != "poss":
            return out, objs
        cur = tok.head if tok.dep_ != "poss" else tok.head.head
        for step in range(5):
            for c in cur.children:
                if c.dep_ in SUBJ and c.i != tok.i:
                    out |= {t.i for t in c.subtree}
            if cur.dep_ == "ccomp" and step == 0 and tok.dep_ in SUBJ and cur.head.i != cur.i:
                for c in cur.head.children:
                    if c.dep_ in ("dobj", "dative") and c.i < cur.i:
                        objs |= {t.i for t in c.subtree}
            if (cur.dep_ == "relcl" and step == 0 and tok.dep_ in SUBJ and cur.head.dep_ in ("dobj", "dative")
                    and any(c.dep_ == "mark" and c.lower_ == "that" for c in cur.children)):
                inner = {t.i for t in cur.subtree}  # 'requested the group that they send': a complement parsed as relative
                objs |= {t.i for t in cur.head.subtree if t.i not in inner}
            if cur.dep_ in ("ccomp", "xcomp", "conj", "advcl", "prep", "pobj", "dobj", "pcomp", "acl") and cur.head.i != cur.i:
                cur = cur.head
            else:
                break
        return out, objs

    def _coargument(self, tok: Token, o: _Occ) -> bool:
        """'Trump told him', 'the report attributes atrocities to them', 'X designated Y, accusing it': a
        non-possessive pronoun is not an argument of its own verb, nor the understood subject of a participle."""
        if tok.dep_ == "poss" or tok.lower_.endswith("self") or tok.lower_.endswith("selves"):
            return False
        if o.i < 0:
            return False
        occ_tok = self.doc[o.i]
        while occ_tok.dep_ in ("compound", "flat", "appos", "amod", "nmod", "poss") and occ_tok.head.i != occ_tok.i:
            occ_tok = occ_tok.head
        verb = tok.head.head if tok.dep_ == "pobj" and tok.head.dep_ in ("prep", "agent") else tok.head
        occ_verb = occ_tok.head.head if occ_tok.dep_ == "pobj" and occ_tok.head.dep_ in ("prep", "agent") else occ_tok.head
        if occ_verb.i == verb.i and occ_tok.dep_ in SUBJ | {"dobj", "dative", "pobj"}:
            return True
        if (tok.dep_ not in SUBJ and verb.dep_ in ("advcl", "xcomp", "acl", "pcomp", "conj") and verb.tag_ in ("VBG", "VB", "VBN")
                and not any(c.dep_ in SUBJ for c in verb.children)):
            return occ_tok.dep_ in SUBJ and occ_tok.head.i == verb.head.i  # the participle's understood subject
        return False

    def _person_pronoun(self, tok: Token) -> list[Link]:
        want = "m" if tok.lower_ in HE else "f"

        def ok(o: _Occ) -> bool:
            if not o.keys:
                return not o.plural and self.doc[o.i].lemma_.lower() in PERSONISH
            return (len(o.keys) == 1 and not o.plural and self.etype(o.keys[0]) == "PERSON"
                    and self.genders.get(o.keys[0], want) == want and not self._coargument(tok, o))

        if tok.dep_ == "poss":
            cata = self._cataphor(tok, ok)
            if cata is not None:
                return self._link(tok, [cata], "pronoun", (tok.idx, tok.idx + len(tok)))
        found = self._recent(tok, REACH["person"], ok)
        if not found or not found[0][1].keys:
            return []
        return self._link(tok, [found[0][1]], "pronoun", (tok.idx, tok.idx + len(tok)))

    def _cataphor(self, tok: Token, ok) -> _Occ | None:
        """'In his speech, Putin said': a possessive in a fronted phrase points at the clause's subject."""
        root = tok.sent.root
        subj = next((c for c in root.children if c.dep_ in SUBJ), None)
        if subj is None or subj.i < tok.i or not any(a.dep_ == "prep" and a.head.i == root.i and a.i < subj.i
                                                      for a in tok.ancestors):
            return None
        m = self.mention_at(subj)
        if m is None:
            return None
        key = actor_key(m, self.entities)
        occ = _Occ((key,), subj.i, self.sent_of[subj.i], True, m.text, m.start, m.end)
        return occ if ok(occ) else None

    def _it(self, tok: Token) -> list[Link]:
        low = tok.lower_
        if low == "it":
            head = tok.head
            if tok.dep_ not in SUBJ | {"dobj", "pobj", "dative"}:
                return []
            if tok.dep_ in SUBJ and (head.lemma_ in ("be", "seem", "appear", "remain", "matter", "happen", "take",
                                                     "mean", "become", "look", "sound", "feel", "come")
                                     or any(c.dep_ in ("expl",) for c in head.children)):
                return []
            if tok.dep_ in SUBJ and (head.lower_ in ("'s", "’s") or any(c.dep_ in ("acomp", "attr") for c in head.children)):
                return []

        def ok(o: _Occ) -> bool:
            if not o.keys:
                return not o.plural and self.doc[o.i].lemma_.lower() not in PERSONISH
            if len(o.keys) != 1 or o.plural and self.etype(o.keys[0]) != "ORG":
                return False
            t = self.etype(o.keys[0])
            return t in ("ORG", "GPE") and not self._coargument(tok, o)

        found = self._recent(tok, REACH["it"], ok)
        if not found or not found[0][1].keys:
            return []
        return self._link(tok, [found[0][1]], "pronoun", (tok.idx, tok.idx + len(tok)))

    def _they(self, tok: Token) -> list[Link]:
        here = self.sent_of[tok.i]

        def ok(o: _Occ) -> bool:
            if not o.keys:
                return o.plural
            if self._coargument(tok, o):
                return False
            if len(o.keys) > 1:
                return all(self.etype(k) in ("PERSON", "ORG", "GPE") for k in o.keys)
            t = self.etype(o.keys[0])
            return (t == "ORG" and (o.subj or o.plural or o.sent == here)) or (t == "GPE" and o.plural)

        found = self._recent(tok, REACH["they"], ok)
        if not found or not found[0][1].keys:
            return []
        return self._link(tok, [found[0][1]], "pronoun", (tok.idx, tok.idx + len(tok)))

    # -- descriptions

    def _apposition(self, tok: Token) -> list[Link]:
        """'X, the Y of Z' links the description to X; 'the foreign minister, X,' links the head to X."""
        if tok.pos_ != "NOUN" or tok.tag_ != "NN" or not (tok.lemma_.lower() in APPOS_NOUNS or tok.lower_ in APPOS_NOUNS):
            return []
        if tok.dep_ == "appos":
            m = self.mention_at(tok.head)
            if m is not None and m.kind == "name":
                o = _Occ((actor_key(m, self.entities),), tok.head.i, self.sent_of[tok.i], False, m.text, m.start, m.end)
                return self._link(tok, [o], "apposition")
        for c in tok.children:
            if c.dep_ == "appos":
                m = self.mention_at(c)
                if m is not None and m.kind == "name" and m.type in ("PERSON", "ORG"):
                    o = _Occ((actor_key(m, self.entities),), c.i, self.sent_of[c.i], False, m.text, m.start, m.end)
                    return self._link(tok, [o], "apposition")
        return []

    def _pair(self, tok: Token) -> list[Link]:
        """'the two leaders', 'both sides', 'the pair', 'Both called ...' -> the last two entities named together."""
        low = tok.lower_
        kids = {c.lower_ for c in tok.children}
        if low in PAIR_PERSON | PAIR_STATE | PAIR_ANY:
            if not ({"two", "both"} & kids or (low in ("sides", "parties") and "the" in kids and "warring" in kids)
                    or (low in PAIR_PERSON and kids & {"the"} and not any(c.dep_ in ("prep", "amod", "compound", "relcl", "acl")
                                                                          for c in tok.children))):
                return []
        elif low == "both":
            if tok.dep_ not in SUBJ | {"dobj", "pobj"} or tok.head.pos_ == "NOUN":
                return []
        elif low == "two":
            if tok.dep_ not in SUBJ or "the" not in kids:
                return []
        elif low in ("pair", "duo"):
            if "the" not in kids:
                return []
        kind = ("PERSON" if low in PAIR_PERSON | {"pair", "duo"} else "STATE" if low in PAIR_STATE else "ANY")

        def fits(k: str) -> bool:
            t = self.etype(k)
            if kind == "PERSON" and low in ("leaders", "presidents", "heads", "ministers"):
                need = {"presidents": {"president"}, "ministers": {"minister"}}.get(low, LEADER_WORDS)
                return t == "PERSON" and bool(need & self.profiles.get(k, set()))
            if kind == "PERSON":
                return t == "PERSON"
            if kind == "STATE":
                return t == "GPE" and self.is_country(k)
            if low in PAIR_ANY:
                return t in ("ORG", "GPE")  # 'the warring parties', 'both sides': groups and states, not people
            return t in ("PERSON", "ORG", "GPE")

        here = self.sent_of[tok.i]
        for o in reversed(self.seen):
            if o.sent < here - REACH["they"]:
                break
            if o.i < tok.i and len(o.keys) == 2 and all(fits(k) for k in o.keys):
                return self._link(tok, [o], "plural")
        picked: list[_Occ] = []
        for o in reversed(self.seen):
            if o.sent < here - REACH["they"]:
                break
            if o.i >= tok.i or len(o.keys) != 1 or not fits(o.keys[0]):
                continue
            if all(p.keys[0] != o.keys[0] for p in picked):
                picked.append(o)
            if len(picked) == 2:
                break
        if len(picked) < 2:
            return []
        first = {}
        for m in self.mentions:
            first.setdefault(actor_key(m, self.entities), m.start)
        picked.sort(key=lambda o: first.get(o.keys[0], o.start))  # the article's first-named actor first
        return self._link(tok, picked, "plural")

    def _spokes(self, tok: Token) -> list[Link]:
        """'a ministry spokesman', 'officials', 'the spokesperson' -> the body or state they speak for."""
        if tok.dep_ == "poss" or any(c.dep_ == "poss" for c in tok.children):
            return []  # 'Putin's spokesman': someone close to a person
        mods = [c for c in tok.children if c.dep_ in ("amod", "compound", "nmod", "nummod")]
        for c in tok.children:
            if c.dep_ == "prep" and c.lower_ in ("for", "of", "at", "from", "in"):
                return []  # 'officials in the region', 'spokesman for X' whose X is unnamed: not the state
        for c in mods:
            word = c.lower_
            if word in BODY_WORDS or word in STATE_BODIES:
                return self._body(tok, word, rule="spokesperson")
            if word not in STATE_MODS:
                return []
        if tok.lower_ == "officials" and not mods and not self._definite(tok) and tok.dep_ not in SUBJ:
            return []
        return self._body(tok, "government", rule="spokesperson")

    def _body(self, tok: Token, word: str, rule: str = "description") -> list[Link]:
        """A state's body named by a noun: the named body of that kind seen last, else the salient state."""
        if tok.dep_ == "compound":
            return []
        if rule == "description" and not self._definite(tok) and word not in ("authorities", "kremlin"):
            return []
        if rule == "description" and tok.tag_ == "NNS" and word != "authorities":
            return []  # 'the local governments' are not one state

        names = BODY_WORDS.get(word, ())

        def named_body(o: _Occ) -> bool:
            return (len(o.keys) == 1 and self.etype(o.keys[0]) == "ORG"
                    and any(n in fold(o.keys[0]) for n in names))

        found = self._recent(tok, REACH["description"], named_body) if names else []
        if found:
            return self._link(tok, [found[0][1]], rule)

        def state(o: _Occ) -> bool:
            return len(o.keys) == 1 and (self.is_country(o.keys[0]) or (o.governing and self.etype(o.keys[0]) == "ORG"))

        found = self._recent(tok, REACH["description"], state)
        if found:
            best = max(found, key=lambda x: x[0] + (1.5 if x[1].governing else 0.0))
            return self._link(tok, [best[1]], rule)
        if self.main is not None:
            o = _Occ((self.main,), -1, -1, False, "", -1, -1)
            return self._link(tok, [o], rule)
        return []

    def _org(self, tok: Token) -> list[Link]:
        low = tok.lower_
        stem = low[:-1] if low.endswith("s") and low not in ("rebels",) else low

        def named(o: _Occ) -> bool:
            return len(o.keys) == 1 and self.etype(o.keys[0]) == "ORG" and stem in fold(o.keys[0])

        found = self._recent(tok, REACH["description"], named)
        if not found and low in GENERIC_ORG:
            found = self._recent(tok, REACH["description"],
                                 lambda o: len(o.keys) == 1 and self.etype(o.keys[0]) == "ORG")
        if not found:
            return []
        return self._link(tok, [found[0][1]], "description")

    def _profiles(self) -> None:
        """Words that title each person where named: 'Foreign Minister Sergey Lavrov', 'X, the Y of Z'."""
        dem = demonyms()
        for m in self.mentions:
            if m.type != "PERSON" or self.etype(m.entity) != "PERSON":
                continue
            span = self.doc.char_span(m.start, m.end, alignment_mode="expand")
            if span is None:
                continue
            words = self.profiles.setdefault(m.entity, set())
            words |= {t.lower_ for t in span}
            i = span.start - 1
            while i >= 0 and i >= span.start - 6 and (self.doc[i].is_title or self.doc[i].lower_ in PERSON_ROLES
                                                      or self.doc[i].lower_ in ("'s", "’s", "foreign", "prime", "defence", "defense")):
                words.add(self.doc[i].lower_)
                if fold(self.doc[i].text) in dem:
                    words.add("@" + dem[fold(self.doc[i].text)])
                i -= 1
            root = span.root
            for t in [c for c in root.children if c.dep_ == "appos"] + ([root.head] if root.dep_ == "appos" else []):
                for s in t.subtree:
                    if not (span.start <= s.i < span.end):
                        words.add(s.lower_)
                        place = lookup_place(s.text) if s.text[:1].isupper() else None
                        if place is not None and place.iso:
                            words.add("@" + place.iso)  # 'China's special envoy'
                        if fold(s.text) in dem:
                            words.add("@" + dem[fold(s.text)])

    def _only_demonyms(self, tok: Token) -> bool:
        found = [m for c in tok.children if c.dep_ in ("amod", "compound", "nmod") for t in c.subtree
                 if (m := self.mention_at(t)) is not None]
        return bool(found) and all(m.kind == "demonym" for m in found) and not any(
            c.dep_ in ("poss", "prep") for c in tok.children)

    def _role_anywhere(self, tok: Token) -> list[Link]:
        """The one person the whole article titles with this role and nationality ('Wu Haitao, China's special
        envoy' for 'a Chinese envoy' said before the name)."""
        nxt = self.doc[tok.i + 1] if tok.i + 1 < len(self.doc) else None
        if tok.dep_ == "compound" or (nxt is not None and (m := self.mention_at(nxt)) is not None and m.type == "PERSON"):
            return []  # a title before its name ('Russian Foreign Minister Sergei Lavrov')
        low = tok.lemma_.lower()
        roles = ROLE_SYNONYMS.get(low, {low})
        dem = demonyms()
        isos = {"@" + dem[fold(c.text)] for c in tok.children if c.dep_ in ("amod", "compound") and fold(c.text) in dem}
        if not isos:
            return []
        fits = [k for k, prof in self.profiles.items() if roles & prof and isos <= prof]
        if len(fits) != 1:
            return []
        return self._link(tok, [_Occ((fits[0],), -1, -1, False, fits[0], -1, -1)], "description")

    def _role(self, tok: Token) -> list[Link]:
        """'the minister', 'the foreign minister', 'the president' -> the person last titled that way (not the
        subject of the description's own clause: 'Zelenskyy thanked the President')."""
        nxt = self.doc[tok.i + 1] if tok.i + 1 < len(self.doc) else None
        if tok.dep_ == "compound" or (nxt is not None and (m := self.mention_at(nxt)) is not None and m.type == "PERSON"):
            return []  # a title before its name ('the president Vladimir Putin')
        verb = tok.head
        while verb.pos_ not in ("VERB", "AUX") and verb.head.i != verb.i:
            verb = verb.head
        while verb.dep_ == "conj" and not any(c.dep_ in SUBJ for c in verb.children) and verb.head.i != verb.i:
            verb = verb.head  # '... and thanked the President': the shared subject
        own = {t.i for c in verb.children if c.dep_ in SUBJ for t in c.subtree}
        low = tok.lemma_.lower()
        roles = ROLE_SYNONYMS.get(low, {low})
        mods = {c.lower_ for c in tok.children if c.dep_ in ("amod", "compound") and c.is_alpha}

        def ok(o: _Occ) -> bool:
            if len(o.keys) != 1 or self.etype(o.keys[0]) != "PERSON" or o.i in own:
                return False
            prof = self.profiles.get(o.keys[0], set())
            return bool(roles & prof) and all(w in prof for w in mods)

        found = self._recent(tok, 6, ok)
        if not found:
            if (low in STATE_OFFICES and tok.tag_ == "NNP" and not any(c.dep_ in ("poss", "prep") for c in tok.children)
                    and not any(roles & prof for prof in self.profiles.values())):
                return self._body(tok, "government", rule="spokesperson")  # 'The Foreign Secretary', never named
            return []
        return self._link(tok, [found[0][1]], "description")

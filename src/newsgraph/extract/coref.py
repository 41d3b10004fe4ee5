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

import re
import weakref
from bisect import bisect_right
from typing import Sequence

from spacy.tokens import Doc, Token

from .doc_tree import attrs, children, tokens
from ..nlp.gazetteer import country_by_iso
from ..records import LocalEntity, Mention
from .coref_descriptions import DescriptionRules
from .coref_leaders import body_owners, leader_body, leader_state
from .coref_plurals import PluralRules
from .coref_pronouns import PronounRules
from .coref_records import CorefIndex, Link, _Occ
from .coref_words import (HE, IT, ORG_NOUNS, PAIR_ANY, PAIR_PERSON, PAIR_STATE, PERSON_ROLES, REACH, SHE, SPOKES,
                          STATE_BODIES, SUBJ, THEY, is_security_noun)
from .entities import actor_key, main_country, person_name_spans
from .doc_text import text_of
from .first_names import gender

__all__ = ["CorefIndex", "Link", "coref_links", "HE", "SHE", "IT", "THEY"]


_CACHE: "weakref.WeakKeyDictionary[Doc, tuple[int, CorefIndex]]" = weakref.WeakKeyDictionary()
# unions asked for every token of every article, built once
_PRONOUN_WORDS = frozenset(HE | SHE | IT | THEY)
_PAIR_WORDS = frozenset(PAIR_PERSON | PAIR_STATE | PAIR_ANY)
_SUBJ_OR_OBJECT = frozenset(SUBJ | {"dobj", "pobj"})
_REFERRING_POS = frozenset(("NOUN", "PRON", "NUM", "DET", "PROPN"))


def coref_links(doc: Doc, entities: Sequence[LocalEntity], mentions: Sequence[Mention]) -> CorefIndex:
    """The article's coreference index (built once per Doc and mention list; later calls reuse it)."""
    stamp = hash(tuple(sorted((m.start, m.end, m.entity) for m in mentions)))
    hit = _CACHE.get(doc)
    if hit is not None and hit[0] == stamp:
        return hit[1]
    index = _Resolver(doc, entities, mentions).run()
    _CACHE[doc] = (stamp, index)
    return index


_QUOTE_CHARS = re.compile('[\n“”"]')


def _quote_spans(text: str) -> list[tuple[int, int]]:
    """Character ranges inside quotation marks, paired within each line. Only the quote marks and line ends are
    visited: 0.012 s CPU for the 999 bench bodies against 0.088 s for a loop over every character."""
    out: list[tuple[int, int]] = []
    opened = None
    for m in _QUOTE_CHARS.finditer(text):
        ch, j = m.group(), m.start()
        if ch == "\n":
            opened = None  # quotes pair within a line
        elif ch == "“" or (ch == '"' and opened is None):
            opened = j
        elif opened is not None:  # a closing ” or "
            out.append((opened, j + 1))
            opened = None
    return out


class _Resolver(PronounRules, DescriptionRules, PluralRules):
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
        self.leaders_seen: list[tuple[int, str]] = []  # (token, state) of each leader's government resolved so far
        self.text = text_of(doc)  # Doc.text joins every token: build it once
        self.quotes = _quote_spans(self.text)
        self.quote_starts = [a for a, _ in self.quotes]
        self.noun_lemmas: list[str | None] | None = None  # built by the first _same_head

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
            g = gender(words[0])
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
        tag_of = attrs(self.doc).tag
        toks = tokens(self.doc)
        for tok in toks:
            if tag_of[tok.i] not in ("NNP", "NNPS") or tok.idx in covered or tok.text not in owners or len(owners[tok.text]) != 1:
                continue
            if tok.i + 1 < len(toks) and tag_of[tok.i + 1] == "NNP" and toks[tok.i + 1].idx not in covered:
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
        self.dyads = self._dyads()
        self._profiles()
        self.index.profiles = self.profiles
        self.attrs = attrs(doc)
        pos_of, lower_of = self.attrs.pos, self.attrs.lower
        for tok in tokens(doc):
            i = tok.i
            for occ in heads.get(i, ()):
                self.seen.append(occ)
            if pos_of[i] not in _REFERRING_POS and lower_of[i] not in _PRONOUN_WORDS:
                continue  # (a verb, a preposition ...: _refer gives nothing, _unnamed_subject asks for a noun)
            if i not in heads and self._unnamed_subject(tok):
                self.seen.append(_Occ((), tok.i, self.sent_of[tok.i], True, tok.text, tok.idx, tok.idx + len(tok),
                                      plural=tok.tag_ == "NNS"))
            links = self._refer(tok)
            if links:
                self.index.by_token[tok.i] = links
                self.index.links.extend(links)
                ln = links[0]
                self.seen.append(_Occ(tuple(dict.fromkeys(l.entity for l in links)), tok.i, self.sent_of[tok.i],
                                      self._is_subject(tok), ln.text, ln.start, ln.end,
                                      plural=len(links) > 1 or (tok.tag_ == "NNS" and tok.lemma_.lower() == "official"),
                                      governing=ln.rule in ("description", "spokesperson") and len(links) == 1,
                                      rule=ln.rule))
        self._first_person()
        return self.index

    def _unnamed_subject(self, tok: Token) -> bool:
        """A subject noun phrase that names no entity ('hundreds of people demonstrated', 'the report said')."""
        if self.attrs.pos[tok.i] != "NOUN" or self.attrs.dep[tok.i] not in SUBJ or tok.i in self.index.by_token:
            return False
        return self.index.names.get(tok.i) is None and not any(self.mention_at(t) is not None for t in tok.subtree)


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
        low = self.attrs.lower[tok.i]
        pos = self.attrs.pos[tok.i]
        if pos == "PRON" or low in _PRONOUN_WORDS:
            if low in HE or low in SHE:
                return self._person_pronoun(tok)
            if low in IT:
                return self._it(tok)
            if low in THEY:
                return self._they(tok)
        if pos not in _REFERRING_POS or self.index.names.get(tok.i) is not None:
            return []
        lemma = self.attrs.lemma[tok.i].lower()  # read once: the tests below ask for it up to six times
        if pos == "NOUN" and self.attrs.dep[tok.i] != "compound":
            led = self._leader_body(tok)
            if led:
                return led
        if self._has_name(tok):
            if lemma in PERSON_ROLES and tok.tag_ in ("NN", "NNP") and self._only_demonyms(tok):
                return self._role_anywhere(tok)  # 'A Chinese envoy called ...', named later as China's envoy
            if lemma in PERSON_ROLES and tok.tag_ in ("NN", "NNP"):
                return self._country_role(tok)  # "Russia's foreign minister said", titled 'Russian Foreign Minister X'
            return []
        appos = self._apposition(tok)
        if appos:
            return appos
        if low in ("both", "two", "pair", "duo") or low in _PAIR_WORDS:
            pair = self._pair(tok)
            if pair:
                return pair
        if pos == "PROPN" and lemma in PERSON_ROLES and self._definite(tok):
            return self._role(tok)  # 'The Prime Minister has held calls'
        if pos != "NOUN":
            return []
        if low in SPOKES or lemma in SPOKES:
            return self._spokes(tok)
        if low in STATE_BODIES or lemma in ("ministry", "government", "army", "authority"):
            return self._body(tok, low if low in STATE_BODIES else lemma)
        if is_security_noun(tok):
            return self._same_head(tok) or self._security(tok)
        if low in ORG_NOUNS and self._definite(tok):
            found = self._org(tok)
            return found or self._same_head(tok)
        if lemma in PERSON_ROLES and self._definite(tok) and tok.tag_ in ("NN", "NNP"):
            return self._role(tok)
        return self._same_head(tok)

    def _leader_body(self, tok: Token) -> list[Link]:
        """"Talon's government", 'the Netanyahu government', 'Senior Biden administration officials': the state the
        named leader governs (coref_leaders), remembered for a later 'administration official'."""
        body = leader_body(tok)
        if body is None:
            return []
        for owner in body_owners(body):
            people = [m for t in owner.subtree if (m := self.mention_at(t)) is not None and m.kind == "name"
                      and self.etype(m.entity) == "PERSON"]
            if not people:
                continue
            state = leader_state(self.doc, self.mentions, {people[-1].entity}, tok, lambda m: actor_key(m, self.entities),
                                 self.is_country, self.mention_at)
            if state is None:
                return []
            self.leaders_seen.append((tok.i, state))
            return self._link(tok, [_Occ((state,), -1, -1, False, state, -1, -1)], "description")
        return []

    def _same_head(self, tok: Token) -> list[Link]:
        """'the fleet' after 'the UAE deployed its fleet', 'the troops' after 'Russian troops': a definite noun
        repeats the last phrase with the same head, whose owner (possessor or name modifier) it keeps. An unowned
        repeat in between ('a fleet') is the antecedent and names no one."""
        if tok.pos_ != "NOUN" or not self._definite(tok) or tok.dep_ not in _SUBJ_OR_OBJECT:
            return []
        lemma = tok.lemma_.lower()
        lo = self.sents[max(0, self.sent_of[tok.i] - REACH["description"])].start
        if self.noun_lemmas is None:  # each token's lemma if it is a noun: read once, not on every backward scan
            a = attrs(self.doc)
            self.noun_lemmas = [lemma.lower() if pos == "NOUN" else None for pos, lemma in zip(a.pos, a.lemma)]
        noun_lemmas = self.noun_lemmas
        for j in range(tok.i - 1, lo - 1, -1):
            if noun_lemmas[j] != lemma:
                continue
            prev = self.doc[j]
            owners = self._owners(prev)
            if len(owners) != 1:
                return []
            left = min([prev.i] + [c.i for c in prev.lefts])
            occ = _Occ(tuple(owners), prev.i, self.sent_of[prev.i], False, self.text[self.doc[left].idx : prev.idx + len(prev)],
                       self.doc[left].idx, prev.idx + len(prev))
            return self._link(tok, [occ], "description")
        return []

    def _owners(self, noun: Token) -> list[str]:
        """Who owns a noun phrase: its possessor ('its fleet' resolved, 'Iran's strikes') or a state modifier
        ('Russian troops', 'US forces')."""
        keys: list[str] = []
        for c in children(noun):
            if c.dep_ not in ("poss", "compound", "amod", "nmod"):
                continue
            links = self.index.by_token.get(c.i) or ([self.index.names[c.i]] if c.i in self.index.names else [])
            if not links and (m := self.mention_at(c)) is not None and m.kind == "demonym":
                links = [Link(actor_key(m, self.entities), m.text, m.start, m.end, "name")]  # 'Russian troops'
            for l in links:
                if c.dep_ != "poss" and not self.is_country(l.entity):
                    continue  # 'the Tajoura attack': where, not whose; 'an SEC filing': to whom, not whose
                if l.entity not in keys:
                    keys.append(l.entity)
        return keys

    def _has_name(self, tok: Token) -> bool:
        """A name inside the phrase's own modifiers ('US officials', 'the Russian foreign ministry')."""
        for c in children(tok):
            if c.dep_ in ("compound", "amod", "nmod", "poss", "prep", "npadvmod") and c.i != tok.i:
                for t in c.subtree:
                    if t.dep_ in ("relcl", "acl"):
                        break
                    if self.mention_at(t) is not None:
                        return True
        return False

    def _definite(self, tok: Token) -> bool:
        return any(c.dep_ == "det" and c.lower_ in ("the", "this", "that", "these", "those") for c in children(tok))

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
            for c in children(cur):
                if c.dep_ in SUBJ and c.i != tok.i:
                    out |= {t.i for t in c.subtree}
            if cur.dep_ == "ccomp" and step == 0 and tok.dep_ in SUBJ and cur.head.i != cur.i:
                for c in children(cur.head):
                    if c.dep_ in ("dobj", "dative") and c.i < cur.i:
                        objs |= {t.i for t in c.subtree}
            if (cur.dep_ == "relcl" and step == 0 and tok.dep_ in SUBJ and cur.head.dep_ in ("dobj", "dative")
                    and any(c.dep_ == "mark" and c.lower_ == "that" for c in children(cur))):
                inner = {t.i for t in cur.subtree}  # 'requested the group that they send': a complement parsed as relative
                objs |= {t.i for t in cur.head.subtree if t.i not in inner}
            if cur.dep_ in ("ccomp", "xcomp", "conj", "advcl", "prep", "pobj", "dobj", "pcomp", "acl") and cur.head.i != cur.i:
                cur = cur.head
            else:
                break
        return out, objs


"""Resolve the agent and recipient phrases of a trigger to article-local entity keys through the mentions and the
coreference layer (which phrases they are: event_roles, re-exported here for the event extractors)."""
from __future__ import annotations

from bisect import bisect_right
from collections import deque
from dataclasses import replace
from typing import Sequence

from spacy.tokens import Doc, Token

from .doc_tree import children
from ..nlp.gazetteer import country_by_iso
from ..records import Event, LocalEntity, Mention
from .coref import CorefIndex, Link, coref_links
from .entities import actor_key, main_country
from .coref_words import PERSONISH
from .event_roles import PRONOUNS, _child
from .event_roles import agent_phrase, noun_agent, noun_targets, target_phrases

__all__ = ["MentionIndex", "actor_pairs", "agent_phrase", "country_place", "head_mention", "location_of", "noun_agent",
           "noun_targets", "perpetrators", "phrase_actors", "target_phrases", "with_actor_mentions"]

PLACE_PREPS = {"in", "at", "to", "near", "inside", "across", "throughout", "outside", "into"}
WHERE_PREPS = {"in", "at", "near", "inside", "outside", "across", "throughout", "around"}
# Heads for which the place does name the actor: 'the government in Bamako', 'police in Woodburn'.
GOVERNING_NOUNS = {"government", "authority", "authorities", "junta", "administration", "regime", "leadership", "official",
                   "officials", "ministry", "parliament", "cabinet", "president", "police", "embassy", "court", "council",
                   "military", "army", "spokesman", "spokeswoman", "spokesperson", "minister", "leader", "leaders"}
STOP_DEPS = {"relcl", "acl", "advcl", "ccomp", "parataxis"}


class MentionIndex:
    """Mentions by character offset, with the article's entities, for fast token lookups."""

    def __init__(self, mentions: Sequence[Mention], entities: Sequence[LocalEntity]) -> None:
        self.mentions = sorted(mentions, key=lambda m: (m.start, -(m.end - m.start)))
        self.starts = [m.start for m in self.mentions]
        self.entities = {e.key: e for e in entities}
        self._coref: CorefIndex | None = None

    def coref(self, tok: Token) -> CorefIndex:
        """The article's coreference index (built on first use from the token's Doc)."""
        if self._coref is None:
            self._coref = coref_links(tok.doc, list(self.entities.values()), self.mentions)
            if self._coref.extra_mentions:
                self.mentions = sorted(list(self.mentions) + self._coref.extra_mentions,
                                       key=lambda m: (m.start, -(m.end - m.start)))
                self.starts = [m.start for m in self.mentions]
        return self._coref

    def at(self, tok: Token) -> Mention | None:
        """The longest mention covering the token (names the NER missed included, from the coreference layer)."""
        if self._coref is None:
            self.coref(tok)
        i = bisect_right(self.starts, tok.idx)
        best: Mention | None = None
        for m in self.mentions[max(0, i - 8) : i]:
            if m.start <= tok.idx < m.end and (best is None or m.end - m.start > best.end - best.start):
                best = m
        return best

    def is_country(self, key: str) -> bool:
        ent = self.entities.get(key)
        if ent is None or ent.type != "GPE" or not ent.iso:
            return False
        place = country_by_iso().get(ent.iso)
        return place is not None and place.name == ent.name

    def main_country(self) -> str | None:
        """The country the article names most often: what 'the country' / 'the nation' usually means in news."""
        if not hasattr(self, "_main"):
            self._main = main_country(self.entities, self.mentions)
        return self._main

    def actor(self, m: Mention) -> str:
        """A mention's acting entity (capital city -> its country)."""
        return actor_key(m, self.entities)

    def actor_of_key(self, key: str) -> str:
        """The acting entity for an entity key (capital city -> its country)."""
        ent = self.entities.get(key)
        if ent is None:
            return key
        return actor_key(Mention(ent.name, 0, 0, ent.type, key), self.entities)

    def is_place(self, m: Mention) -> bool:
        return m.type in ("GPE", "LOC") and m.kind == "name"


def head_mention(root: Token, index: MentionIndex, skip: set[int] | frozenset[int] = frozenset()) -> Mention | None:
    """The mention nearest the phrase's head (breadth-first down the subtree; clauses and conjuncts skipped)."""
    queue: deque[Token] = deque([root])
    doer = root.dep_ in ("nsubj", "csubj")
    while queue:
        tok = queue.popleft()
        if tok.i in skip:
            continue
        m = index.at(tok)
        if m is not None:
            return m
        # a name in apposition names the head itself ('the UN mission (MINUSCA)'): before the head's modifiers
        for c in sorted(children(tok), key=lambda c: c.dep_ != "appos"):
            if c.dep_ in STOP_DEPS or c.dep_ in ("conj", "cc") or c.i in skip:
                continue
            if (c.dep_ == "poss" and tok.pos_ == "NOUN" and _names_person(c, index)
                    and tok.lemma_.lower() not in COMMANDED_NOUNS and (doer or tok.lemma_.lower() in PERSONISH | KIN_NOUNS)):
                continue  # "Elian's father", "Putin's spokesman": someone close to the person, not the person
                # (as a recipient a person's thing is the person's: 'rejected Maduro's win', 'an attack on Talon's
                # residence', 'demonstrations against President Suharto's government')
            if c.dep_ == "poss" and tok.lemma_.lower() in RELATIONAL_NOUNS:
                continue  # "Kyiv's supporters", "Russia's allies": others, defined by their relation to the owner
            if c.dep_ == "amod" and c.tag_ == "VBN" and c.lemma_.lower() in BACKING_PARTICIPLES:
                continue  # 'the UN-backed tribunal', 'Iran-sponsored militias': the backer is not the one acting
            if (doer and c.dep_ == "prep" and c.lower_ in WHERE_PREPS and tok.pos_ in ("NOUN", "PRON")
                    and tok.lemma_.lower() not in GOVERNING_NOUNS):
                continue  # a doer 'supporters in Miami', 'attacks at the embassies': where they are is not who they are
            queue.append(c)
    return None


def _names_person(tok: Token, index: MentionIndex) -> bool:
    m = index.at(tok)
    ent = index.entities.get(m.entity) if m is not None else None
    return m is not None and m.type == "PERSON" and (ent is None or ent.type == "PERSON")


# People defined by a person ('Elian's father', 'Trump's aide'): never that person.
KIN_NOUNS = {"wife", "husband", "brother", "sister", "child", "children", "family", "relative", "cousin", "uncle",
             "nephew", "niece", "aide", "adviser", "advisor", "bodyguard", "successor", "predecessor", "deputy", "staff"}
# Forces a person commands: 'Haftar's troops withdrew' is Haftar's act.
COMMANDED_NOUNS = {"troop", "troops", "force", "forces", "army", "militia", "militiaman", "fighter", "soldier", "men",
                   "loyalist", "unit", "brigade", "battalion", "guard", "mercenary", "fleet", "navy", "air force"}
# Participles that name a body by who stands behind it ('UN-backed', 'Russian-linked', 'Paris-based').
BACKING_PARTICIPLES = {"back", "sponsor", "fund", "finance", "support", "arm", "broker", "ally", "link", "affiliate",
                       "align", "base", "train", "equip", "supply", "recognise", "recognize", "install"}
# Nouns for others defined by their relation to an owner: the owner is not the actor.
RELATIONAL_NOUNS = {"supporter", "ally", "backer", "opponent", "enemy", "critic", "rival", "neighbour", "neighbor",
                    "partner", "friend", "foe", "adversary", "patron", "sponsor", "proxy", "detractor", "creditor"}
# Words that make a name a bare title ('Supreme Leader'): the person named beside it in apposition acts.
TITLE_WORDS = {"supreme", "leader", "president", "prime", "minister", "foreign", "secretary", "general", "chief",
               "deputy", "vice", "spokesman", "spokeswoman", "spokesperson", "chancellor", "king", "emir", "head"}


def _antecedent(pron: Token, index: MentionIndex) -> Token | None:
    """A pronoun's stand-in: the subject of the reporting verb above it, or (he/she) the last person named."""
    if pron.dep_ == "poss" and pron.lower_ in ("its", "their"):
        verb = pron.head.head  # 'the government defended its decision': the owner is the clause's subject
        if verb.pos_ in ("VERB", "AUX"):
            subj = _child(verb, {"nsubj"})
            if subj is not None and subj.lower_ not in PRONOUNS | {"its", "their"}:
                return subj
        return None
    if pron.dep_ in ("dobj", "dative") and pron.head.dep_ in ("advcl", "conj", "xcomp") and pron.lower_ in ("it", "him", "her", "them"):
        for c in children(pron.head.head):  # 'designated Wagner ..., accusing it of'
            if c.dep_ == "dobj" and c.lower_ not in PRONOUNS:
                return c
    if pron.dep_ == "nsubj" and pron.i > 0:
        left = pron.doc[pron.i - 1]  # 'Paris it has warned': a name dislocated before its pronoun
        if left.head.i == pron.head.i and left.dep_ in ("npadvmod", "nsubj", "dep") and index.at(left) is not None:
            return left
    cur = pron.head
    for _ in range(4):
        if cur.dep_ in ("ccomp", "xcomp", "conj", "advcl") and cur.head.i != cur.i:
            cur = cur.head
            for c in children(cur):
                if c.dep_ == "nsubj" and c.lower_ not in PRONOUNS:
                    return c
        else:
            break
    if pron.lower_ in ("it", "them") and pron.dep_ in ("dobj", "pobj", "dative") and pron.sent.start > 0:
        group = _previous_group(pron, index)
        if group is not None:
            return group
    if pron.lower_ in ("he", "she", "him", "her"):
        doc = pron.doc
        start = max(0, pron.sent.start - 60)
        for i in range(pron.i - 1, start - 1, -1):
            m = index.at(doc[i])
            if m is not None and m.type == "PERSON":
                return doc[i]
    return None


def _previous_group(pron: Token, index: MentionIndex) -> Token | None:
    """'it'/'them' opening a new sentence's object: the organisation the sentence before was about (its subject
    first, else its last organisation named), when nothing in the pronoun's own sentence comes before it."""
    doc = pron.doc
    verb = pron.head.head if pron.head.dep_ == "prep" else pron.head
    subject = {t.i for c in children(verb) if c.dep_ in ("nsubj", "nsubjpass") for t in c.subtree}  # never its own subject
    if any(index.at(t) is not None and index.at(t).type == "ORG" for t in doc[pron.sent.start : pron.i] if t.i not in subject):
        return None
    prev = doc[pron.sent.start - 1].sent
    orgs = [t for t in prev if (m := index.at(t)) is not None and m.type == "ORG" and m.kind == "name"]
    if not orgs:
        return None
    subj = [t for t in orgs if t.dep_ in ("nsubj", "nsubjpass") or any(a.dep_ in ("nsubj", "nsubjpass") for a in t.ancestors
                                                                      if a.sent == prev and a.head.i == prev.root.i)]
    return subj[0] if subj else orgs[-1]


def phrase_actors(root: Token | None, index: MentionIndex) -> Actors | list[str | None]:
    """Entity keys for a (possibly coordinated) phrase: 'the UN and HRW' -> two keys; unnamed -> [None].
    Pronouns, descriptions, plural references and spokespeople resolve through the coreference layer."""
    if root is None:
        return []
    coref = index.coref(root)
    links = coref.referring(root)
    if not links and (root.lower_ in PRONOUNS or (root.dep_ == "poss" and root.lower_ in ("its", "their"))):
        if not FALLBACK or root.lower_ in NO_FALLBACK:
            return [None]
        ante = _antecedent(root, index)
        if ante is None:
            return [None]
        root = ante
    heads = [root] + [c for c in root.conjuncts if c.i > root.i]
    # "Trump and Ukraine's President Zelenskyy" misparsed as three conjuncts: a possessor is not an actor of its own
    heads = [h for k, h in enumerate(heads) if k == len(heads) - 1 or not any(
        c.dep_ == "case" and c.lower_ in ("'s", "’s") for c in children(h))]
    keys: list[str | None] = []
    for h in heads:
        if _medium(h):
            keys.append(None)
            continue
        links = coref.referring(h)
        if links:
            coref.used.extend(links)
            keys += [link.entity for link in links]
            continue
        inner = _group_members(h, index)
        if inner:  # 'counterparts in the US, France, ...', 'countries such as the US and Egypt': each one
            keys += inner
            continue
        m = head_mention(h, index)
        if m is None:
            keys.append(next((k for k in (_country_anaphor(t, index) for t in _shallow(h)) if k), None))
            continue
        if m.type != "PERSON" or all(w.lower() in TITLE_WORDS for w in m.text.split()):
            named = next((a for c in children(h) if c.dep_ == "appos" and (a := index.at(c)) is not None
                          and a.type == "PERSON" and a.kind == "name"), None)
            m = named or m  # "Iran's Supreme Leader, Ayatollah Ali Khamenei": the person, not the title
        keys.append(index.actor(m))
        coref.used.append(Link(index.actor(m), m.text, m.start, m.end, "name"))
        for t in h.subtree:  # coordinated modifiers: 'Hungarian and Romanian officials'
            if t.dep_ == "conj" and t.i != h.i and index.at(t.head) == m:
                m2 = index.at(t)
                if m2 is not None:
                    keys.append(index.actor(m2))
    if len(keys) == 1 and keys[0] is not None and root.dep_ in ("nsubj", "nsubjpass"):
        keys = [_speaker_for_state(root, keys[0], index) or keys[0]]
    out: list[str | None] = []
    for k in keys:
        if k not in out:
            out.append(k)
    if len(out) > 1 and None in out:
        out.remove(None)
    actors = [k for k in out if k is None or index.entities.get(k) is None or index.entities[k].type != "LOC"]
    # a region ('the Middle East', 'Europe and France') is where, never who
    return Actors(actors or [None], coordinated=len(heads) > 1 and len([k for k in actors if k]) > 1)


class Actors(list):
    """Entity keys of one phrase; `coordinated` when the text names them side by side ('Ankara and Moscow'), not
    through one plural word ('the two leaders'), so actor_pairs can tell partners named as equals."""

    def __init__(self, keys: Sequence[str | None], coordinated: bool = False) -> None:
        super().__init__(keys)
        self.coordinated = coordinated


def _medium(h: Token) -> bool:
    """'said on X', 'wrote on Telegram', 'posted via Facebook': where words were published neither acts nor is acted on."""
    prep = h.head
    return (h.dep_ == "pobj" and prep.lower_ in ("on", "via") and prep.head.i != prep.i
            and prep.head.lemma_.lower() in MEDIUM_VERBS)


MEDIUM_VERBS = {"say", "write", "post", "tweet", "publish", "share", "state", "announce", "declare", "add", "comment",
                "respond", "reply", "warn", "claim", "report", "broadcast", "appear", "speak", "stress", "note"}


def _speaker_for_state(subj: Token, key: str, index: MentionIndex) -> str | None:
    """'Lavrov said Moscow was ready for talks', 'Raab said London had always recognised the threat': a capital
    standing for the state as the subject of what the state's own official reports is the official's position,
    so the official acts (a spokesperson only speaks for the state; 'Russia would', 'we' stay the state)."""
    m = head_mention(subj, index)
    if m is None or m.entity == key or index.actor(m) != key or not index.is_country(key):
        return None  # only a capital standing for its state ('Russia would continue' stays Russia)
    iso = index.entities[key].iso
    verb = subj.head
    while verb.dep_ in ("conj", "advcl") and verb.head.i != verb.i:
        verb = verb.head  # 'saying that while Moscow was ready for talks, results ...'
    reporter = verb.head
    if verb.dep_ != "ccomp" or reporter.i == verb.i or reporter.lemma_.lower() not in SAY_VERBS:
        return None
    speaker = _child(reporter, {"nsubj"})
    if speaker is None and reporter.dep_ in ("advcl", "xcomp", "conj") and reporter.head.i != reporter.i:
        speaker = _child(reporter.head, {"nsubj"})  # 'X drove the point home, saying that ...'
    if speaker is None:
        return None
    coref = index.coref(speaker)
    links = coref.referring(speaker)
    person = links[0].entity if len(links) == 1 else (m.entity if (m := head_mention(speaker, index)) else None)
    ent = index.entities.get(person) if person else None
    profile = coref.profiles.get(person, set()) if person else set()
    if ent is None or ent.type != "PERSON" or "@" + iso not in profile or profile & SPOKES_WORDS:
        return None
    return person


SAY_VERBS = {"say", "tell", "state", "restate", "add", "note", "insist", "stress", "declare", "confirm", "explain",
             "write", "warn", "emphasize", "emphasise", "reiterate", "assert", "argue", "maintain", "affirm", "claim"}
SPOKES_WORDS = {"spokesman", "spokeswoman", "spokesperson", "spokespeople", "press", "secretary-general"}


# Unnamed people or states named by where they come from: 'counterparts in X', 'leaders from X, Y', 'countries such as X'.
GROUP_NOUNS = {"counterpart", "leader", "country", "nation", "state", "partner", "ally", "government", "official",
               "minister", "representative", "delegation", "delegate", "diplomat", "envoy", "power", "member"}
MEMBER_PREPS = {"in", "from", "as", "including", "like", "of"}


def _group_members(h: Token, index: MentionIndex) -> list[str | None]:
    """The named members of an unnamed group noun through its place/example preposition (each one its own actor)."""
    if h.lemma_.lower() not in GROUP_NOUNS or h.pos_ != "NOUN":
        return []
    if (m := index.at(h)) is not None and m.type == "PERSON":
        return []  # 'the prime minister in Tripoli' already names its person: a place, not members
    for c in children(h):
        if c.dep_ != "prep" or c.lower_ not in MEMBER_PREPS:
            continue
        if c.lower_ == "of" and h.tag_ != "NNS":
            continue  # 'the government of X' is X's own government (left to the name layer)
        pobj = _child(c, {"pobj"})
        if pobj is None:
            continue
        keys = [k for k in phrase_actors(pobj, index) if k is not None]
        if keys:
            return keys
    return []


FALLBACK = True  # the older pronoun heuristics when the coreference layer finds nothing
NO_FALLBACK: set[str] = set()


COUNTRY_NOUNS = {"country", "nation", "state", "republic"}


def _shallow(root: Token, depth: int = 3) -> list[Token]:
    """The phrase's tokens down to a few levels, head first (clauses skipped)."""
    out, frontier = [root], [root]
    for _ in range(depth):
        frontier = [c for t in frontier for c in children(t) if c.dep_ not in STOP_DEPS]
        out += frontier
    return out


def _country_anaphor(h: Token, index: MentionIndex) -> str | None:
    """'the country' / 'the West African nation' -> the country last named before it."""
    if h.lemma_.lower() not in COUNTRY_NOUNS or h.tag_ != "NN":
        return None
    if not any(c.dep_ == "det" and c.lower_ in ("the", "this", "that") for c in children(h)):
        return None
    if any(c.dep_ in ("prep", "relcl", "acl", "poss") for c in children(h)):
        return None  # 'the state of emergency', 'the country where ...': not a plain back-reference
    return index.main_country()




def perpetrators(root: Token, index: MentionIndex) -> list[str]:
    """Agents of crimes named inside an accusation ('war crimes committed by X and Y') -> the accused."""
    for tok in root.subtree:
        if tok.dep_ == "agent" and tok.head.dep_ in ("acl", "relcl") and tok.head.tag_ == "VBN":
            pobj = _child(tok, {"pobj"})
            keys = [k for k in phrase_actors(pobj, index) if k is not None]
            if keys:
                return keys
    return []


def location_of(tokens: Sequence[Token], index: MentionIndex) -> str | None:
    """A named place governed by in/at/to/near among the clause's tokens."""
    for tok in tokens:
        if tok.dep_ == "pobj" and tok.head.lower_ in PLACE_PREPS:
            m = head_mention(tok, index)
            if m is not None and index.is_place(m):
                return m.entity
    return None


def country_place(tokens: Sequence[Token], index: MentionIndex) -> str | None:
    """The first place among the clause's in/at/to phrases that acts as a country (a capital counts as its country)."""
    for tok in tokens:
        if tok.dep_ == "pobj" and tok.head.lower_ in PLACE_PREPS:
            m = head_mention(tok, index)
            if m is not None and index.is_place(m) and index.is_country(index.actor(m)):
                return index.actor(m)
    return None


# Event types where actors named together act on each other ('the two leaders agreed', 'clashes between X and Y').
JOINT_TYPES = {"AGREE", "CONSULT", "COOPERATE", "SUPPORT", "ASSAULT", "COERCE", "REJECT", "THREATEN", "ACCUSE"}
MUTUAL_TYPES = {"ASSAULT"}  # two-sided fighting is coded in both directions
# Acts two parties named side by side do with each other ('Ankara and Moscow could agree on a ceasefire', d5a;
# 'Ethiopia and Eritrea normalised relations', d5b; GSR '(SRC/TAR: US) and (SRC/TAR: Jordan) have agreed'): both
# directions. 'The two leaders agreed' (d4a) is coded first named -> other, as before.
RECIPROCAL_TYPES = {"AGREE", "SUPPORT", "CONSULT", "COOPERATE"}


def actor_pairs(sources: Sequence[str | None], targets: Sequence[str | None], etype: str) -> list[tuple[str | None, str | None]]:
    """(source, target) per event: every pair of the two lists, except that several sources with no target act
    on each other (first named -> the others; fighting, and the deal or talks of exactly two parties, both ways),
    as joint actors are coded."""
    named = [s for s in sources if s is not None]
    if len(named) >= 2 and all(t is None for t in targets) and etype in JOINT_TYPES:
        if etype in MUTUAL_TYPES or (etype in RECIPROCAL_TYPES and len(named) == 2 and getattr(sources, "coordinated", False)):
            return [(a, b) for a in named for b in named if a != b]
        return [(named[0], b) for b in named[1:]]
    return [(s, None if t is not None and t == s else t) for s in sources for t in targets]


def with_actor_mentions(doc: Doc, entities: Sequence[LocalEntity], mentions: Sequence[Mention],
                        events: Sequence[Event]) -> tuple[Event, ...]:
    """Events with the mention each actor was read from inside its evidence ('He', 'the two leaders', or the
    name itself), so the article view can show why an actor was chosen; None where no mention in the evidence
    gave it (an actor inferred from the place or the article's main country)."""
    coref = coref_links(doc, entities, mentions)
    used = sorted(coref.used, key=lambda l: (l.start, l.end))
    out = []
    for e in events:
        src = _mention_for(e.source, e, used, None)
        tgt = _mention_for(e.target, e, used, src)
        out.append(replace(e, source_mention=src, target_mention=tgt) if src or tgt else e)
    return tuple(out)


def _mention_for(key: str | None, e: Event, used: list[Link], taken: tuple[str, int, int] | None
                 ) -> tuple[str, int, int] | None:
    if key is None:
        return None
    inside = [l for l in used if l.entity == key and e.start <= l.start and l.end <= e.end
              and (taken is None or (l.start, l.end) != taken[1:])]
    if not inside:
        return None
    best = min(inside, key=lambda l: l.start)
    return (best.text, best.start, best.end)

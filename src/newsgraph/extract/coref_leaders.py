"""A named leader's government stands for the state the leader governs ('Talon's government issued two requests',
'the Netanyahu government', 'Senior Biden administration officials said'): the guide codes a government as its
country. One mechanism for event actors (the coreference layer) and quote speakers (speaker_officials)."""
from __future__ import annotations

from typing import Callable, Collection, Mapping, Sequence

from spacy.tokens import Doc, Token

from .doc_tree import children
from ..nlp.gazetteer import country_by_iso
from ..records import LocalEntity, Mention

# Bodies that govern for a named leader: 'the Biden administration', "Maduro's government", 'the Netanyahu regime'.
LEADER_BODIES = {"administration", "government", "cabinet", "presidency", "regime"}
_SUBJ = ("nsubj", "nsubjpass")
_REACH = 3  # sentences back the state just reported on may be the one meant


def is_country(entities: Mapping[str, LocalEntity], key: str) -> bool:
    """The entity is a whole country (not a town, a region or a body)."""
    ent = entities.get(key)
    if ent is None:
        return any(p.name == key for p in country_by_iso().values())
    place = country_by_iso().get(ent.iso) if ent.type == "GPE" and ent.iso else None
    return place is not None and place.name == ent.name


def leader_body(tok: Token) -> Token | None:
    """The governing body a phrase names ('government' in "Talon's government", 'administration' in 'Senior Biden
    administration officials'), or None."""
    if tok.lemma_.lower() in LEADER_BODIES:
        return tok
    return next((c for c in children(tok) if c.dep_ in ("compound", "nmod") and c.i < tok.i
                 and c.lemma_.lower() in LEADER_BODIES), None)


def body_owners(body: Token) -> list[Token]:
    """The words in front of a body that may name its leader ("Talon's", 'Biden', 'the Netanyahu')."""
    return [c for c in children(body) if c.dep_ in ("compound", "poss", "nmod") and c.i < body.i]


def leader_state(doc: Doc, mentions: Sequence[Mention], person: Collection[str], tok: Token,
                 key_of: Callable[[Mention], str], is_state: Callable[[str], bool],
                 mention_at: Callable[[Token], Mention | None]) -> str | None:
    """The state a leader (entity keys `person`) governs, for the body phrase at tok: the state the article names in
    the leader's own title anywhere ('US President Joe Biden', "Iraq's Saddam Hussein", 'Venezuelan President X'),
    else the state that is the subject (or the subject's owner: "Benin's armed forces") of the sentences just before
    tok's own; the leader's own sentence is left out, where the other party usually stands ("Nigeria's military
    intervened after Talon's government issued requests"). None when neither names one, or when that state is the one
    the article titles another person with."""
    others: set[str] = set()  # states the article titles another person with ("Iraq's Saddam Hussein")
    for m in mentions:
        if m.kind != "name" or (m.type != "PERSON" and key_of(m) not in person):
            continue
        span = doc.char_span(m.start, m.end, alignment_mode="expand")
        if span is None:
            continue
        lo = span.root.left_edge.idx
        ties = [n for n in mentions if lo <= n.start and n.end <= m.start and is_state(key_of(n))]
        if ties and key_of(m) in person:
            return key_of(ties[-1])
        others |= {key_of(n) for n in ties}
    sent = tok.sent
    seen = 0
    for i in range(sent.start - 1, -1, -1):
        t = doc[i]
        if t.dep_ in _SUBJ:
            for w in [t] + [c for c in children(t) if c.dep_ == "poss"]:
                m = mention_at(w)
                if m is not None and m.kind == "name" and is_state(key_of(m)):
                    # another leader's state reported on is no guess for this one ('Iraq imports ...' before 'the
                    # Bush administration plans ...', where Iraq is "Iraq's Saddam Hussein")
                    return None if key_of(m) in others else key_of(m)
        if t.is_sent_start:
            seen += 1
            if seen >= _REACH:
                break
    return None

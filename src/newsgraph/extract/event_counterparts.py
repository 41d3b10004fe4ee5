"""The article's discourse of actors: whom each actor deals with across the article, so an act whose clause names
no recipient ('Manila filed a case', 'Iran warned of severe revenge') goes to the actor's counterpart in the story."""
from __future__ import annotations

from collections import Counter
from dataclasses import replace
from typing import Sequence

from ..nlp.gazetteer import lookup_place
from ..records import Event
from .event_roles import STATE_PATIENT_NOUNS

# Acts that always have someone on the other end; the text may leave the recipient to the story.
DIRECTED_TYPES = frozenset({"ACCUSE", "THREATEN", "ASSAULT", "COERCE", "REQUEST", "REJECT", "SUPPORT", "AGREE",
                            "AID", "SANCTION"})
# PLOVER's two sides: a hostile act goes to the actor's adversary in the story, a friendly one to its partner.
CONFLICT_TYPES = frozenset({"ACCUSE", "THREATEN", "ASSAULT", "COERCE", "SANCTION", "REJECT", "PROTEST"})
COOPERATION_TYPES = frozenset({"AGREE", "SUPPORT", "AID", "CONSULT", "COOPERATE", "CONCEDE", "RETREAT"})


def side(etype: str) -> str:
    """'conflict', 'cooperation' or '' (a request or other act that can go either way)."""
    return "conflict" if etype in CONFLICT_TYPES else "cooperation" if etype in COOPERATION_TYPES else ""


def counterparts(events: Sequence[Event]) -> dict[tuple[str, str], Counter[str]]:
    """Per (actor, side), how many distinct acts of the article it shares with each other actor (either
    direction); side '' counts every act."""
    seen: set[tuple[int, int, str, str]] = set()
    out: dict[tuple[str, str], Counter[str]] = {}
    for e in events:
        if not e.source or not e.target or e.source == e.target:
            continue
        pair = (e.start, e.end, *sorted((e.source, e.target)))
        if pair in seen:
            continue
        seen.add(pair)
        for s in {"", side(e.type)}:
            out.setdefault((e.source, s), Counter())[e.target] += 1
            out.setdefault((e.target, s), Counter())[e.source] += 1
    return out


def counterpart_of(actor: str, etype: str, partners: dict[tuple[str, str], Counter[str]], min_acts: int = 1
                   ) -> str | None:
    """The one actor this actor deals with most in the article on the act's side (None on a tie or too little)."""
    ranked = partners.get((actor, side(etype)), Counter()).most_common(2)
    if not ranked or ranked[0][1] < min_acts or (len(ranked) > 1 and ranked[1][1] == ranked[0][1]):
        return None
    return ranked[0][0]


# Promises and help with no recipient named and no partner in the story go to the country the story is about
# ('Petronas pledged to put another $300 million' in an article on South Sudan), as does a coup naming no country.
PLEDGE_TYPES = frozenset({"AGREE", "AID"})


def _befalls_the_country(e: Event) -> bool:
    """A pledge, aid, or a coup: acts the story's own country receives when the text names no one else."""
    return e.type in PLEDGE_TYPES or (e.type == "COERCE" and e.trigger.lower() in STATE_PATIENT_NOUNS)


def with_counterparts(events: Sequence[Event], main: str | None = None, min_acts: int = 2) -> list[Event]:
    """Events whose directed act names no recipient take the doer's counterpart in the article (one actor it
    shares at least `min_acts` acts with: one shared act is too thin a story); a pledge, aid or coup with none
    goes to the article's main country, `main`."""
    partners = counterparts(events)
    protested = _protested(events)
    out = []
    for e in events:
        if not e.target and e.type == "PROTEST" and protested is not None and protested != e.source:
            e = replace(e, target=protested)
        if not e.target:
            other = (counterpart_of(e.source, e.type, partners, min_acts)
                     if e.source and e.type in DIRECTED_TYPES else None)
            if other is None and main is not None and main != e.source and _befalls_the_country(e):
                other = main
            if other is not None:
                e = replace(e, target=other)
        out.append(e)
    return out


def _protested(events: Sequence[Event]) -> str | None:
    """Whom the article's protests are against, when the protests that name a target name one actor more than any
    other ('demonstrators toppled a statue of Maduro', 'in protest against Maduro's victory'): the story's other
    protests ('protesters blocked roads') are against the same. A town is where, not whom ('protesters all over
    Yangon')."""
    named = Counter(e.target for e in events if e.type == "PROTEST" and e.target and not _is_town(e.target))
    ranked = named.most_common(2)
    if not ranked or (len(ranked) > 1 and ranked[1][1] == ranked[0][1]):
        return None
    return ranked[0][0]


def _is_town(key: str) -> bool:
    place = lookup_place(key)
    return place is not None and place.kind in ("city", "subdivision")

"""Unnamed officials of a government: 'Senior Biden administration officials' (d7a) and 'Other Bush administration
officials' (TimeBank WSJ900813-0157) speak for the state the leader governs, not for the leader; the officials met
next ('One senior administration official', 'Another', 'the second official', 'The first official') speak for the
same state. The guide codes an unnamed source as the entity it belongs to. Spokespeople speak for the body their
phrase names, or for a head of government's office named after its seat ('Downing Street')."""
from __future__ import annotations

import unicodedata
from bisect import bisect_right

from spacy.tokens import Token

from .speech_cues import LABEL_VERBS, OBJECT_VERBS, SPEECH_VERBS

# Bodies that govern for a named leader: 'the Biden administration', "Maduro's government".
LEADER_BODIES = {"administration", "government", "cabinet", "presidency"}
# Unnamed people who speak for the body they serve.
OFFICIALS = {"official", "source", "diplomat", "officer"}
# Subjects that stand for one more of the officials just quoted: 'Another said ...'.
_ONE_MORE = {"another", "one", "other"}
_REACH = 3  # sentences back the officials just met, or the state just reported on, may be the ones meant
_SUBJ = ("nsubj", "nsubjpass")
_CUES = SPEECH_VERBS | OBJECT_VERBS | LABEL_VERBS
# A head of government's or state's spokesperson speaks for the office press and gold name after its seat.
_LEADER_TITLES = {"prime", "minister", "pm", "president", "premier", "chancellor", "presidency"}
_SEATS = {"downing street", "no 10", "number 10", "white house", "kremlin", "elysee", "elysee palace", "blue house",
          "malacanang", "malacanang palace", "zhongnanhai", "aso rock", "bankova"}


class OfficialSpeakers:
    """Officials and spokespeople resolved to the body they serve (mixed into quote_speakers.Speakers)."""

    def _sources_owner(self, tok: Token) -> str | None:
        """'Malian officials', or 'one official said' after 'Two senior US officials told Reuters': unnamed officials
        speak for the state or body their own phrase names, else the one named for such sources shortly before."""
        here = bisect_right(self.sent_starts, tok.idx) - 1
        lo = self.sents[max(0, here - _REACH)].start
        earlier = [t for t in reversed(self.doc[lo : tok.i]) if t.lemma_.lower() in OFFICIALS and t.pos_ == "NOUN"
                   and _speaks(t)]  # not 'FBI agents and Metropolitan Police officers ... scanned the crowd'
        for t in [tok] + earlier:
            for child in t.lefts:
                if child.dep_ not in ("poss", "compound", "nmod", "amod"):
                    continue
                ms = [m for m in self.mentions_in(child.left_edge.idx, child.idx + len(child))
                      if self._type(self._key_of(m)) in ("GPE", "ORG")]
                if ms:
                    m = ms[-1]
                    self.origin[(tok.i, self._key_of(m))] = (m.text, m.start, m.end)
                    return self._key_of(m)
        return None

    def _spokes_body(self, tok: Token) -> str | None:
        """The body a spokesperson speaks for: 'a spokesman for X' / 'the X spokesman' name it; a head of
        government's spokesperson ('the Prime Minister's official spokesman', 'PM Spokesperson', 'Starmer's
        spokesman') speaks for the office named after its seat when the article names it ('Downing Street', 'the
        White House'); a bare 'the spokesman' is the one met before in the article."""
        owners = [c for c in tok.lefts if c.dep_ in ("poss", "compound", "nmod")]
        owners += [p for c in tok.children if c.dep_ == "prep" and c.lower_ == "for"
                   for p in c.children if p.dep_ == "pobj"]
        leader = False
        for o in owners:
            words = {t.lower_.rstrip(".") for t in o.subtree} | {o.lower_}
            named = [m for m in self.mentions_in(o.left_edge.idx, o.right_edge.idx + len(o.right_edge))
                     if m.kind == "name"]
            if named and self._type(named[-1].entity) in ("ORG", "GPE"):
                key = self._key_of(named[-1])
                self.spokes_body = key
                return key
            if words & _LEADER_TITLES or named and self._type(named[-1].entity) == "PERSON":
                leader = True
        if leader:
            seat = self._seat()
            if seat is not None:
                self.spokes_body = seat
                return seat
            return None
        if not owners and self.spokes_body is not None:
            return self.spokes_body
        return None

    def _seat(self) -> str | None:
        """The office of a head of government named by its seat in the article ('Downing Street')."""
        for m in self.mentions:
            if m.type not in ("ORG", "LOC", "GPE", "FAC") or m.kind != "name":
                continue
            plain = unicodedata.normalize("NFKD", m.text).encode("ascii", "ignore").decode().lower()
            plain = " ".join(plain.replace(".", "").split())
            if plain.removeprefix("the ") in _SEATS:
                return self._key_of(m)
        return None

    def leader_state(self, tok: Token) -> str | None:
        """The state a named leader's government speaks for: 'Senior Biden administration officials', 'the Bush
        administration said'; None when the phrase names no leader."""
        if tok.lemma_.lower() in LEADER_BODIES:
            body = tok
        else:
            body = next((c for c in tok.children if c.dep_ in ("compound", "nmod") and c.i < tok.i
                         and c.lemma_.lower() in LEADER_BODIES), None)
        if body is None:
            return None
        owners = [c for c in body.children if c.dep_ in ("compound", "poss", "nmod") and c.i < body.i]
        for owner in owners:
            people = [m for m in self.mentions_in(owner.left_edge.idx, owner.idx + len(owner))
                      if m.kind == "name" and self._type(self._key_of(m)) == "PERSON"]
            if people:
                return self._state_of(self._key_of(people[-1]), tok)
        return None

    def _state_of(self, person: str, tok: Token) -> str | None:
        """The state a leader governs: the one the article names in the leader's own title ('US President Joe
        Biden', "Iraq's Saddam Hussein"), else the state the sentences just before report on (the subject of a
        clause, 'The US on Monday joined ...'), else None."""
        canon = self.canonical(person)
        for m in self.mentions:
            if m.kind != "name" or self.canonical(self._key_of(m)) != canon:
                continue
            span = self.doc.char_span(m.start, m.end, alignment_mode="expand")
            if span is None:
                continue
            ties = [n for n in self.mentions_in(span.root.left_edge.idx, m.start)
                    if n.end <= m.start and (n.kind == "demonym" or self._type(self._key_of(n)) == "GPE")]
            if ties:
                return self._key_of(ties[-1])
        here = bisect_right(self.sent_starts, tok.idx) - 1
        lo = self.sents[max(0, here - _REACH)].start
        for t in reversed(self.doc[lo : tok.i]):
            if t.dep_ in _SUBJ:
                states = [n for n in self.mentions_in(t.idx, t.idx + len(t))
                          if n.kind == "name" and self._type(self._key_of(n)) == "GPE"]
                if states:
                    return self._key_of(states[-1])
        return None

    def officials_before(self, tok: Token) -> str | None:
        """'One senior administration official noted', 'the second official said', 'Another said': the body of the
        officials the article quoted just before (a few sentences back); 'another' only right after them."""
        here = bisect_right(self.sent_starts, tok.idx) - 1
        lo = self.sents[max(0, here - _REACH)].start
        for t in reversed(self.doc[lo : tok.i]):
            if t.dep_ not in _SUBJ:
                continue
            if t.lemma_.lower() in OFFICIALS and t.pos_ == "NOUN":
                return self._official_body(t)
            if tok.lower_ in _ONE_MORE and t.head.dep_ == "ROOT":
                return None  # 'Another' after someone else's subject is not one more official
        return None

    def _official_body(self, tok: Token) -> str | None:
        """The body an official subject speaks for, resolved once per token (the chain runs backwards only)."""
        memo: dict[int, str | None] = self.__dict__.setdefault("_official_memo", {})
        if tok.i not in memo:
            memo[tok.i] = None
            key, _ = self.resolve(tok)
            memo[tok.i] = key
        return memo[tok.i]

    def one_more_official(self, tok: Token) -> str | None:
        """'Another said that ...' as a subject of its own, right after officials were quoted."""
        if tok.lower_ not in _ONE_MORE or tok.dep_ not in _SUBJ or tok.pos_ not in ("PRON", "DET", "NUM") \
                or any(c.dep_ == "prep" for c in tok.children):
            return None
        return self.officials_before(tok)


def _speaks(tok: Token) -> bool:
    """A noun that is the subject of a speech verb ('Two senior US officials told Reuters') or the source of an
    'according to'."""
    while tok.dep_ == "conj":
        tok = tok.head
    if tok.dep_ in ("nsubj", "nsubjpass"):
        return tok.head.lemma_.lower() in _CUES
    return tok.dep_ == "pobj" and tok.head.lower_ == "to" and tok.head.head.lower_ == "according"

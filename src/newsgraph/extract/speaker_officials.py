"""Unnamed officials of a government: 'Senior Biden administration officials' (d7a) and 'Other Bush administration
officials' (TimeBank WSJ900813-0157) speak for the state the leader governs, not for the leader; the officials met
next ('One senior administration official', 'Another', 'the second official', 'The first official') speak for the
same state. The guide codes an unnamed source as the entity it belongs to. Spokespeople speak for the body their
phrase names, or for a head of government's office named after its seat ('Downing Street')."""
from __future__ import annotations

import unicodedata
from bisect import bisect_right

from spacy.tokens import Token

from .doc_tree import children
from .coref_leaders import body_owners, is_country, leader_body, leader_state
from .speech_cues import LABEL_VERBS, OBJECT_VERBS, SPEECH_VERBS

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
        owners += [p for c in children(tok) if c.dep_ == "prep" and c.lower_ == "for"
                   for p in children(c) if p.dep_ == "pobj"]
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
        administration said' (coref_leaders, the mechanism event actors use too); None when the phrase names no
        leader or no state for them."""
        body = leader_body(tok)
        if body is None:
            return None
        for owner in body_owners(body):
            people = [m for m in self.mentions_in(owner.left_edge.idx, owner.idx + len(owner))
                      if m.kind == "name" and self._type(self._key_of(m)) == "PERSON"]
            if people:
                canon = self.canonical(self._key_of(people[-1]))
                same = {k for k in self.by_key if self.canonical(k) == canon} | {canon}
                return leader_state(self.doc, self.mentions, same, tok, self._key_of,
                                    lambda k: is_country(self.by_key, k), self._mention_at)
        return None

    def _mention_at(self, tok: Token):
        """The longest mention covering the token."""
        found = self.mentions_in(tok.idx, tok.idx + len(tok))
        return max(found, key=lambda m: m.end - m.start) if found else None

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
                or any(c.dep_ == "prep" for c in children(tok)):
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

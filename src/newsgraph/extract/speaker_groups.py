"""Unnamed members who speak for a body: 'representatives of the SOMB', 'the SOMB specialists', 'one of the
instructors', 'some of them'. The guide codes such a speaker as the body they belong to when the article names it."""
from __future__ import annotations

from bisect import bisect_right

from spacy.tokens import Token

from .doc_tree import children

# People who speak as members or staff of a body (not independent voices such as analysts or witnesses, nor the
# state's officials and sources, which quote_speakers reads through their own phrase and the last few sentences).
MEMBER_NOUNS = {"representative", "member", "specialist", "expert", "instructor", "trainer", "adviser", "advisor",
                "consultant", "staff", "staffer", "personnel", "employee", "worker", "delegate", "participant",
                "contractor", "volunteer", "operative", "agent", "fighter", "peacekeeper", "serviceman", "crew",
                "envoy", "emissary", "negotiator", "organiser", "organizer", "activist", "campaigner", "researcher",
                "investigator", "inspector", "monitor", "veteran", "mercenary", "militant"}
# 'one of the specialists', 'some of them', 'two of the instructors': the part speaks for the group.
_PARTS = {"one", "some", "many", "several", "most", "few", "two", "three", "four", "each", "all", "both", "none",
          "another", "others", "any"}
_OWNER_PREPS = {"of", "from", "at", "with", "for", "in"}


class GroupSpeakers:
    """Member nouns resolved to the body their phrase names, or to the body the article last tied such people to
    (mixed into quote_speakers.Speakers)."""

    def group_body(self, tok: Token, part: bool = False) -> str | None:
        """The body an unnamed member or group of members speaks for; None when the article ties them to none."""
        if tok.lower_ in _PARTS or tok.pos_ == "NUM":
            whole = next((p for c in children(tok) if c.dep_ == "prep" and c.lower_ == "of"
                          for p in children(c) if p.dep_ == "pobj"), None)
            if whole is None:
                return None
            if whole.pos_ == "PRON":
                key, _ = self.resolve(whole)
                return key if key is not None else self._members_before(whole)
            return self.group_body(whole, part=True)
        if _lemma(tok) not in MEMBER_NOUNS or tok.pos_ not in ("NOUN", "PROPN"):
            return None
        own = self._own_body(tok)
        if own is not None:
            return own
        if any(c.dep_ == "poss" for c in children(tok)) or not (part or tok.tag_ in ("NNS", "NNPS")):
            return None  # "Putin's advisers": someone's; 'the instructor': one person, whom other rules name
        # the organisation the article last named such people for ('SOMB specialists' ... 'one of the instructors');
        # not a place ('San Francisco fund managers' ... 'some fund specialists say': anyone's)
        anchors = [a for a in self._member_anchors() if self._type(a[1]) == "ORG"]
        k = bisect_right(anchors, (tok.idx, "\uffff")) - 1
        return anchors[k][1] if k >= 0 else None

    def _members_before(self, pron: Token) -> str | None:
        """'Representatives of X gave us comments. Some of them noted ...': 'them' is the plural member subject of
        the sentence just before."""
        if pron.lower_ not in ("them", "they", "those", "these"):
            return None
        here = bisect_right(self.sent_starts, pron.idx) - 1
        if here < 1:
            return None
        subj = next((t for t in self.sents[here - 1] if t.dep_ in ("nsubj", "nsubjpass") and t.head.dep_ == "ROOT"), None)
        return self.group_body(subj) if subj is not None and subj.tag_ in ("NNS", "NNPS") else None

    def _own_body(self, tok: Token) -> str | None:
        """A body named in the member phrase itself: 'the SOMB specialists', 'representatives of the SOMB', "UN
        experts", 'experts from X'; a nationality ('Russian instructors') says where they come from, not whom they
        speak for."""
        for c in children(tok):
            if c.dep_ in ("poss", "compound", "nmod", "amod") and c.i < tok.i:
                key = self._body_at(c)
            elif c.dep_ == "prep" and c.lower_ in _OWNER_PREPS and c.i > tok.i:
                pobj = next((p for p in children(c) if p.dep_ == "pobj"), None)
                key = self._body_at(pobj) if pobj is not None else None
            else:
                continue
            if key is not None:
                return key
        return None

    def _body_at(self, tok: Token) -> str | None:
        """A body named by the word itself ('militants from the US-sponsored group' name the group, not the US)."""
        ms = [m for m in self.mentions_in(tok.idx, tok.idx + len(tok)) if m.kind == "name"
              and self._type(self._key_of(m)) in ("ORG", "GPE")]
        return self._key_of(ms[-1]) if ms else None

    def _member_anchors(self) -> list[tuple[int, str]]:
        """(offset, body) of every member phrase that names its body, in article order."""
        if not hasattr(self, "_anchors"):
            self._anchors = sorted((t.idx, key) for t in self.doc if _lemma(t) in MEMBER_NOUNS and t.pos_ == "NOUN"
                                   for key in [self._own_body(t)] if key is not None)
        return self._anchors


def _lemma(tok: Token) -> str:
    return tok.lemma_.lower()

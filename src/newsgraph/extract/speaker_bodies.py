"""Speakers named by a common noun that the article ties to a body: 'the statement said' (whoever issued the
statement mentioned before), 'the ministry said' (the ministry the article named), 'a witness said' (someone
unnamed, no entity)."""
from __future__ import annotations

import re
from bisect import bisect_right

from spacy.tokens import Token

from .doc_tree import children

# Documents that speak for whoever issued them: 'the statement said', 'the filing said'.
ISSUED_DOCUMENTS = {"statement", "communique", "communiqué", "release", "readout", "declaration", "filing",
                    "announcement", "notice", "letter", "report", "post", "message", "bulletin", "memo", "note"}
# Verbs by which a body issues a document: 'X issued a statement', 'a report X released'.
_ISSUE_VERBS = {"issue", "release", "publish", "send", "post", "put", "circulate", "file", "make", "read", "deliver",
                "distribute", "submit"}
# People one cannot look up: 'a witness said', 'one man told CBS', 'another neighbour said'.
UNNAMED_PEOPLE = {"witness", "resident", "man", "woman", "neighbour", "neighbor", "bystander", "friend", "relative",
                  "survivor", "passenger", "villager", "student", "worker", "employee", "driver", "farmer", "shopkeeper",
                  "trader", "official", "source", "diplomat", "officer", "soldier", "fighter", "doctor", "nurse",
                  "teacher", "activist", "protester", "protestor", "refugee", "mother", "father", "parent", "victim",
                  "eyewitness", "local", "person", "insider", "aide", "analyst", "expert", "observer", "journalist"}
_INDEFINITE = {"a", "an", "one", "another"}
# People who speak for a body ('officials said' of the article's government), not for themselves.
_OFFICE_HOLDERS = {"official", "source", "diplomat", "officer", "soldier", "aide", "insider"}
# Kinds of organisation a report calls its subject by: 'the company', 'the thrift', 'the computer maker'.
FIRM_NOUNS = {"company", "firm", "concern", "maker", "producer", "manufacturer", "operator", "retailer", "bank",
              "thrift", "insurer", "lender", "carrier", "airline", "utility", "conglomerate", "corporation", "group",
              "organisation", "organization", "agency", "charity", "association", "union"}
# (not media nouns: 'the channel said' after 'state television' is an outlet the article often leaves unnamed, and
# the organisation named just before is not it)
_SPOKES = {"spokesman", "spokeswoman", "spokesperson", "representative"}
_FIRM_REACH = 2  # sentences back the firm just named is the one meant


class BodySpeakers:
    """Common-noun speakers resolved through the article (mixed into quote_speakers.Speakers)."""

    def document_issuer(self, tok: Token) -> str | None:
        """'“...,” the statement said': the body that issued the last document of that kind the article mentions
        ('in a statement, the ministry said', 'a statement from X', "X's report")."""
        lemma = tok.lemma_.lower()
        if lemma not in ISSUED_DOCUMENTS or not _definite(tok):
            return None
        for prev in reversed(self.doc[: tok.i]):
            if prev.lemma_.lower() == lemma and prev.pos_ == "NOUN":
                key = self._issuer_of(prev)
                if key is not None:
                    return key
        return None

    def _issuer_of(self, doc_tok: Token) -> str | None:
        """Who a document mention names as its author: 'from/by/of X' or "X's" in its phrase, the subject of the
        verb it goes with ('X said in a statement', 'In an SEC filing, X said', 'X issued a statement'), else a name
        in front of it ('a ministry statement'; not first: 'an SEC filing' names where it was filed)."""
        for c in children(doc_tok):
            if c.dep_ == "poss":
                ms = [m for m in self.mentions_in(c.left_edge.idx, c.idx + len(c)) if m.kind != "demonym"]
                if ms:
                    return self._key_of(ms[-1])
            if c.dep_ == "prep" and c.lower_ in ("from", "by", "of"):
                pobj = next((p for p in children(c) if p.dep_ == "pobj"), None)
                if pobj is not None and pobj.lemma_.lower() not in ISSUED_DOCUMENTS:
                    key, _ = self.resolve(pobj)
                    if key is not None:
                        return key
        key = self._issuing_subject(doc_tok)
        if key is not None:
            return key
        for c in children(doc_tok):
            if c.dep_ in ("compound", "nmod"):
                ms = [m for m in self.mentions_in(c.left_edge.idx, c.idx + len(c)) if m.kind != "demonym"]
                if ms:
                    return self._key_of(ms[-1])
        return None

    def _issuing_subject(self, doc_tok: Token) -> str | None:
        """The subject of the verb a document goes with: 'X said in a statement', 'X issued a statement'."""
        verb = doc_tok.head
        if doc_tok.dep_ == "pobj" and verb.dep_ == "prep" and verb.lower_ in ("in", "through", "via"):
            verb = verb.head  # 'X said in a statement'
        elif doc_tok.dep_ not in ("dobj", "nsubjpass"):
            return None
        if verb.pos_ not in ("VERB", "AUX") or verb.i == doc_tok.i:
            return None
        lemma = verb.lemma_.lower()
        if doc_tok.dep_ in ("dobj", "nsubjpass") and lemma not in _ISSUE_VERBS:
            return None
        subj = next((c for c in children(verb) if c.dep_ in ("nsubj", "csubj")), None)
        if subj is None:
            agent = next((c for c in children(verb) if c.dep_ == "agent"), None)
            subj = next((c for c in children(agent) if c.dep_ == "pobj"), None) if agent is not None else None
        if subj is None or subj.lemma_.lower() in ISSUED_DOCUMENTS:
            return None
        key, _ = self.resolve(subj)
        return key

    def named_kind(self, tok: Token) -> str | None:
        """'the ministry said' after 'Russia's Ministry of Foreign Affairs': a definite singular description whose
        noun is part of the name of a body the article named before (the latest such body)."""
        if not _definite(tok) or tok.tag_ != "NN" or any(c.dep_ in ("poss", "compound", "nmod") for c in children(tok)):
            return None
        word = re.compile(r"\b" + re.escape(tok.lower_) + r"s?\b")
        for m in reversed(self.mentions):
            if m.end > tok.idx or m.kind == "demonym":
                continue
            key = self._key_of(m)
            ent = self.by_key.get(key)
            if ent is None or ent.type not in ("ORG", "GPE"):
                continue
            if any(word.search(n.lower()) for n in (ent.name, *ent.aliases, m.text)):
                return key
        return None

    def salient_firm(self, tok: Token) -> str | None:
        """'The St. Louis company said', 'the thrift said', 'a company spokesman said': a firm or organisation named
        by its kind speaks for the organisation the article is about, the one it names most (at least twice) before
        this point, when no other is named as often."""
        if tok.dep_ == "appos":
            return None  # 'Diversified, the holding company for X,': the description of a name, not a firm met before
        noun = tok.lemma_.lower()
        kind = noun if noun in FIRM_NOUNS and _definite(tok) and tok.tag_ == "NN" else None
        if kind is None and noun in _SPOKES:
            kind = next((c.lower_ for c in children(tok) if c.dep_ in ("compound", "nmod") and c.lower_ in FIRM_NOUNS), None)
        if kind is None:
            return None
        here = bisect_right(self.sent_starts, tok.idx) - 1
        near = self.sent_starts[max(0, here - _FIRM_REACH)]
        counts: dict[str, int] = {}
        recent: str | None = None
        for m in self.mentions:
            if m.end > tok.idx or m.kind != "name" or any(a <= m.start < b for a, b in self.quoted):
                continue  # a firm named inside someone's quotation is not the one the report goes on about
            key = self._key_of(m)
            if self._type(key) == "ORG":
                counts[key] = counts.get(key, 0) + 1
                recent = key if m.start >= near else recent
        if recent is not None:
            return recent  # 'Weisfield's rocketed after the jewelry store operator said': the firm just named
        ranked = sorted(counts.items(), key=lambda kv: -kv[1])
        if not ranked or ranked[0][1] < 2 or len(ranked) > 1 and ranked[1][1] == ranked[0][1]:
            return None
        return ranked[0][0]

    def unnamed_person(self, tok: Token) -> bool:
        """'a witness said', 'one man told CBS', 'another neighbour added': a single person the article does not
        name and ties to no body; the statement is kept with no speaker."""
        if tok.tag_ != "NN" or tok.lemma_.lower() not in UNNAMED_PEOPLE:
            return False
        if self.mentions_in(tok.left_edge.idx, tok.right_edge.idx + len(tok.right_edge)):
            return False
        return any(c.dep_ in ("det", "nummod") and c.lower_ in _INDEFINITE for c in children(tok))


    def unnamed_people(self, tok: Token | None, verb: Token) -> bool:
        """'a witness said', and people the article does not name who told of a particular thing ('witnesses said',
        'analysts said'): the guide's unnamed source, kept with no speaker. Not the generic or habitual present
        ('analysts say', 'African journalists have repeatedly accused'), and not office holders ('officials said'),
        who speak for a body the article names (the officials pass, or no quote)."""
        if tok is None:
            return False
        if self.unnamed_person(tok):
            return True
        if (tok.tag_ != "NNS" or tok.lemma_.lower() not in UNNAMED_PEOPLE - _OFFICE_HOLDERS or verb.tag_ != "VBD"
                or any(c.dep_ == "aux" for c in children(verb))):
            return False
        return not self.mentions_in(tok.left_edge.idx, tok.right_edge.idx + len(tok.right_edge))


def _definite(tok: Token) -> bool:
    return any(c.dep_ == "det" and c.lower_ in ("the", "this", "that") for c in children(tok))

"""Pronoun rules of the coreference layer: he/she to people, it to bodies and states, they to groups, I/we
inside a quotation to its speaker (a mixin of the resolver in coref.py)."""
from __future__ import annotations

from bisect import bisect_right

from spacy.tokens import Token

from .doc_tree import attrs, children, sentence, tokens
from .coref_records import Link, _Occ
from .coref_words import FIRST_PERSON, HE, WE, PERSONISH, REACH, REPORTING, SUBJ
from .entities import actor_key

# Nouns for what a colon line introduces as someone's words ('Statement by X:', 'X's remarks:').
STATEMENT_NOUNS = {"statement", "remark", "message", "address", "speech", "declaration", "communiqué", "communique",
                   "text", "letter", "post", "comment", "note", "appeal", "readout", "transcript"}
STATEMENT_REACH = 12  # paragraphs a colon line's statement may run on


class PronounRules:
    """he, she, it, they, and first person inside quotations."""

    def _first_person(self) -> None:
        """'"We urge all parties ...," Raab said': I/we inside a quotation is its speaker (the subject of the
        reporting verb beside the quote in the same paragraph), found after the walk so later names count."""
        doc = self.doc
        a = attrs(doc)  # (every token passes here: lower_ and pos_ read once per Doc)
        for tok in tokens(doc):
            low = a.lower[tok.i]
            if (low not in FIRST_PERSON or a.pos[tok.i] != "PRON" or tok.text.isupper() and len(tok.text) > 1
                    or tok.i in self.index.by_token):
                continue
            if not self.in_quote(tok.idx):
                if low in WE:
                    self._statement_we(tok)
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
            entity = ln.entity
            if low in WE and self.etype(entity) == "PERSON":
                entity = self._state_of(entity) or entity  # an office holder's 'we' is the state they speak for
            link = Link(entity, tok.text, tok.idx, tok.idx + len(tok), "speaker", ln.text, ln.start, ln.end)
            self.index.by_token[tok.i] = [link]
            self.index.links.append(link)
        self.index.links.sort(key=lambda l: l.start)

    def _statement_we(self, tok: Token) -> None:
        """'Statements by the Turkish Minister of Foreign Affairs:' then unquoted paragraphs: 'We condemn ...' is
        the state (or body) whose statement the colon opened; an office holder's 'we' is their state."""
        header = self._statement_header(tok.idx)
        if header is None:
            return
        speaker, ln = header
        named = self._as_name(tok)
        if named is not None:
            speaker, ln = named.entity, named  # 'As Türkiye, we will continue'
        elif self.etype(speaker) == "PERSON":
            speaker = self._state_of(speaker) or speaker
        link = Link(speaker, tok.text, tok.idx, tok.idx + len(tok), "speaker", ln.text, ln.start, ln.end)
        self.index.by_token[tok.i] = [link]
        self.index.links.append(link)

    def _as_name(self, tok: Token) -> Link | None:
        """'As Türkiye, we ...': the body or state a 'we' speaks as, named in an 'as' phrase of its verb."""
        if tok.dep_ not in SUBJ:
            return None
        for c in children(tok.head):
            pobj = next((p for p in children(c) if p.dep_ == "pobj"), None) if c.dep_ == "prep" and c.lower_ == "as" else None
            if pobj is not None and c.i < tok.i:
                link = self.index.names.get(pobj.i)
                if link is not None and self.etype(link.entity) in ("GPE", "ORG"):
                    return link
        return None

    def _statement_header(self, char: int) -> tuple[str, Link] | None:
        """The speaker named by the paragraph ending in a colon that opens the unquoted statement holding char
        (the nearest such paragraph above, within STATEMENT_REACH paragraphs and no heading between), cached."""
        text = self.text
        end = text.rfind("\n", 0, char)  # the line before the pronoun's own ends here
        seen = 0
        while end > 0 and seen < STATEMENT_REACH:
            start = text.rfind("\n", 0, end) + 1
            raw = text[start:end]
            end = start - 1
            line = raw.strip().strip("*_").strip()
            if not line:
                continue
            seen += 1
            if line.startswith("#"):
                return None  # a new section
            if line.endswith(":"):
                lead = len(raw) - len(raw.lstrip())
                return self._header_speaker(start + lead, start + len(raw.rstrip()))
        return None

    def _header_speaker(self, a: int, b: int) -> tuple[str, Link] | None:
        """Who a colon line gives the floor to: the subject of its reporting verb ('Altun stated:'), or the one
        'by'/'of' whom its statement noun is ('Statements by the Turkish Minister of Foreign Affairs ...:')."""
        span = self.doc.char_span(a, b, alignment_mode="expand")
        if span is None:
            return None
        for t in span:
            if t.lemma_.lower() in REPORTING and t.pos_ in ("VERB", "AUX"):
                subj = next((c for c in children(t) if c.dep_ in SUBJ), None)
                links = self.resolve_subject(subj) if subj is not None else []
                if len(links) == 1:
                    return links[0].entity, links[0]
            if t.lemma_.lower() in STATEMENT_NOUNS and t.pos_ in ("NOUN", "PROPN"):
                for c in children(t):
                    by = next((p for p in children(c) if p.dep_ == "pobj"), None) if c.lower_ in ("by", "of", "from") else None
                    if by is None:
                        continue
                    links = self.resolve_subject(by)
                    if len(links) == 1:
                        return links[0].entity, links[0]
                    state = self._demonym_owner(by)
                    if state is not None:
                        return state
        return None

    def _demonym_owner(self, tok: Token) -> tuple[str, Link] | None:
        """'the Turkish Minister of Foreign Affairs' unnamed: the state its nationality word names."""
        for t in tok.subtree:
            m = self.mention_at(t)
            if m is not None and m.kind == "demonym" and t.head.i == tok.i:
                key = actor_key(m, self.entities)
                return key, Link(key, m.text, m.start, m.end, "name")
        return None

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
            subj = next((c for c in children(t) if c.dep_ in SUBJ), None)
            if subj is None or self.in_quote(subj.idx):
                continue
            d = t.idx - q1 if t.idx >= q1 else (q0 - t.idx) + 40  # after the quote first ('..." he said')
            if best_d is None or d < best_d:
                best, best_d = subj, d
        return best


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
                and not any(c.dep_ in SUBJ for c in children(verb))):
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
        root = sentence(tok).root
        subj = next((c for c in children(root) if c.dep_ in SUBJ), None)
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
                                     or any(c.dep_ in ("expl",) for c in children(head))):
                return []
            if tok.dep_ in SUBJ and (head.lower_ in ("'s", "’s") or any(c.dep_ in ("acomp", "attr") for c in children(head))):
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
        dyad = self._dyad(tok)
        if dyad and (not found or found[0][1].sent < here - 1):
            return self._link(tok, dyad, "plural", (tok.idx, tok.idx + len(tok)))
        if not found or not found[0][1].keys:
            return []
        return self._link(tok, [found[0][1]], "pronoun", (tok.idx, tok.idx + len(tok)))

    def _dyad(self, tok: Token) -> list[_Occ]:
        """'Trump briefed Zelenskyy on his call. They reviewed ...': a 'they' opening the next sentence is the two
        people of a one-to-one exchange, read from the words (the small parser often misreads such lines): a
        sentence that opens with one person and names a second right after a verb."""
        k = self.sent_of[tok.i]
        if tok.dep_ not in SUBJ or k == 0 or any(t.is_alpha for t in self.sents[k][: tok.i - self.sents[k].start]):
            return []
        prev = self.sents[k - 1]
        people: list[tuple[Token, Link]] = []
        for t in prev:
            ln = self.index.names.get(t.i)
            if ln is None or self.etype(ln.entity) != "PERSON" or (people and people[-1][1].start == ln.start):
                continue
            people.append((t, ln))
            if len(people) == 2:
                break
        if len(people) != 2 or people[0][1].entity == people[1][1].entity or people[0][0].i - prev.start > 3:
            return []
        (t1, l1), (t2, l2) = people
        first_end = max(t.i for t in prev if t.idx < l1.end)
        between = self.doc[first_end + 1 : t2.i]
        if not 1 <= len(between) <= 5 or not any(t.tag_.startswith("VB") for t in between) or any(t.is_punct for t in between):
            return []
        return [_Occ((l1.entity,), t1.i, k - 1, True, l1.text, l1.start, l1.end),
                _Occ((l2.entity,), t2.i, k - 1, False, l2.text, l2.start, l2.end)]


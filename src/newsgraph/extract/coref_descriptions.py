"""Description rules of the coreference layer: 'the ministry', 'the group', 'the minister', 'a spokesman' and
the titles that profile each person (a mixin of the resolver in coref.py)."""
from __future__ import annotations

from spacy.tokens import Token

from .doc_tree import children
from ..nlp.gazetteer import demonyms, fold, lookup_place
from .coref_leaders import LEADER_BODIES
from .coref_records import Link, _Occ
from .coref_words import (OTHER_FORCES, ARMED_CUES, ARMED_NOUNS, BODY_WORDS, GENERIC_ORG, PERSON_ROLES, REACH, ROLE_SYNONYMS,
                          SPOKES, STATE_BODIES, STATE_MODS, STATE_OFFICES, SUBJ)
from .entities import appos_title

# Words that tell apart officials already met: 'the second official', 'the first official', 'the other officials'.
ORDINALS = {"first", "second", "third", "fourth", "other", "same", "two", "three", "both", "senior", "u.s.", "us"}


class DescriptionRules:
    """Bodies, organisations, titled people and spokespeople named by a common noun."""

    def _spokes(self, tok: Token) -> list[Link]:
        """'a ministry spokesman', 'officials', 'the spokesperson' -> the body or state they speak for."""
        if tok.dep_ == "poss" or any(c.dep_ == "poss" for c in children(tok)):
            return []  # 'Putin's spokesman': someone close to a person
        mods = [c for c in children(tok) if c.dep_ in ("amod", "compound", "nmod", "nummod")]
        for c in children(tok):
            if c.dep_ == "prep" and c.lower_ in ("for", "of", "at", "from", "in"):
                return []  # 'officials in the region', 'spokesman for X' whose X is unnamed: not the state
        if tok.lemma_.lower() == "official" and self._definite(tok) and all(c.lower_ in ORDINALS for c in mods):
            again = self._officials_before(tok)
            if again:
                return again
        for c in mods:
            word = c.lower_
            if word in BODY_WORDS or word in STATE_BODIES:
                return self._body(tok, word, rule="spokesperson")
            if word not in STATE_MODS:
                return []
        if tok.lower_ == "officials" and not mods and not self._definite(tok) and tok.dep_ not in SUBJ:
            return []
        return self._body(tok, "government", rule="spokesperson")

    def _officials_before(self, tok: Token) -> list[Link]:
        """'The officials declined', 'the second official said' after 'Senior Biden administration officials said':
        the officials the article just quoted, and the body they were resolved to."""
        here = self.sent_of[tok.i]
        lemma = tok.lemma_.lower()
        for o in reversed(self.seen):
            if o.sent < here - REACH["description"]:
                break
            if (o.i >= 0 and o.i < tok.i and len(o.keys) == 1 and o.rule in ("spokesperson", "description")
                    and self.doc[o.i].lemma_.lower() == lemma):
                return self._link(tok, [o], "spokesperson")
        return []

    def _body(self, tok: Token, word: str, rule: str = "description") -> list[Link]:
        """A state's body named by a noun: the named body of that kind seen last, else the salient state."""
        if tok.dep_ == "compound":
            return []
        if word in LEADER_BODIES and self.leaders_seen:
            i, state = self.leaders_seen[-1]  # 'One senior administration official' after 'the Biden administration'
            if i < tok.i and self.sent_of[i] >= self.sent_of[tok.i] - REACH["description"]:
                return self._link(tok, [_Occ((state,), i, self.sent_of[i], False, state, -1, -1)], rule)
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

    def _security(self, tok: Token) -> list[Link]:
        """Unnamed soldiers, police or security forces ('Soldiers stormed the township', 'police nab a suspect',
        'killed by security forces') act for the state the article is about; not others' men ('soldiers from
        local armed groups', 'these troops' that repeat no owned phrase)."""
        if not self._is_subject(tok) or self.main is None or not self.is_country(self.main):
            return []  # as an object they are usually the subject's own ('dispatched 200 troops')
        if any(c.dep_ == "poss" or (c.dep_ == "det" and c.lower_ in ("these", "those", "this", "that"))
               or (c.dep_ == "prep" and c.lower_ in ("from", "of", "with", "for"))
               or (c.dep_ == "amod" and c.lower_ in OTHER_FORCES)
               or (c.dep_ in ("acl", "relcl") and any(self.mention_at(t) is not None for t in c.subtree))
               for c in children(tok)):
            return []  # 'Local soldiers backed by Armenia', 'rebel soldiers': not the state's
        return self._link(tok, [_Occ((self.main,), -1, -1, False, "", -1, -1)], "description")

    def _org(self, tok: Token) -> list[Link]:
        low = tok.lower_
        stem = low[:-1] if low.endswith("s") and low not in ("rebels",) else low

        def named(o: _Occ) -> bool:
            return len(o.keys) == 1 and self.etype(o.keys[0]) == "ORG" and stem in fold(o.keys[0])

        found = self._recent(tok, REACH["description"], named)
        if not found and low in GENERIC_ORG:
            found = self._recent(tok, REACH["description"],
                                 lambda o: len(o.keys) == 1 and self.etype(o.keys[0]) == "ORG")
        elif not found and low in ARMED_NOUNS and not any(c.dep_ in ("prep", "relcl", "acl", "amod", "compound")
                                                          for c in children(tok)):
            # 'the terrorists' plain (not 'the terrorists in Idlib', 'the local militias': others): the organisation
            # last named as an armed group ('ISIS cells', 'the Lakurawa terrorist group'), not any body
            found = self._recent(tok, REACH["description"], lambda o: len(o.keys) == 1 and self.etype(o.keys[0]) == "ORG"
                                 and o.i >= 0 and self._armed_context(o.i))
        if not found:
            return []
        return self._link(tok, [found[0][1]], "description")

    def _armed_context(self, i: int) -> bool:
        """The name at token i is called an armed group: a word of armed violence within three tokens of it."""
        return any(t.lemma_.lower() in ARMED_CUES for t in self.doc[max(0, i - 3) : i + 4])

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
                                                      or (self.doc[i].is_upper and len(self.doc[i]) > 1)
                                                      or self.doc[i].lower_ in ("'s", "’s", "foreign", "prime", "defence", "defense")):
                words.add(self.doc[i].lower_)
                if fold(self.doc[i].text) in dem:
                    words.add("@" + dem[fold(self.doc[i].text)])
                elif self.doc[i].text[:1].isupper() and (place := lookup_place(self.doc[i].text)) is not None and place.iso:
                    words.add("@" + place.iso)  # 'UAE Foreign Minister Anwar Gargash'
                i -= 1
            root = span.root
            for s in appos_title(root):
                if not (span.start <= s.i < span.end):
                    words.add(s.lower_)
                    place = lookup_place(s.text) if s.text[:1].isupper() else None
                    if place is not None and place.iso:
                        words.add("@" + place.iso)  # 'China's special envoy'
                    if fold(s.text) in dem:
                        words.add("@" + dem[fold(s.text)])

    def _only_demonyms(self, tok: Token) -> bool:
        found = [m for c in children(tok) if c.dep_ in ("amod", "compound", "nmod") for t in c.subtree
                 if (m := self.mention_at(t)) is not None]
        return bool(found) and all(m.kind == "demonym" for m in found) and not any(
            c.dep_ == "poss" or (c.dep_ == "prep" and any(self.mention_at(t) is not None for t in c.subtree))
            for c in children(tok))  # 'A Chinese envoy on Tuesday': a prep naming no one does not matter

    def _role_anywhere(self, tok: Token) -> list[Link]:
        """The one person the whole article titles with this role and nationality ('Wu Haitao, China's special
        envoy' for 'a Chinese envoy' said before the name)."""
        nxt = self.doc[tok.i + 1] if tok.i + 1 < len(self.doc) else None
        if tok.dep_ == "compound" or (nxt is not None and (m := self.mention_at(nxt)) is not None and m.type == "PERSON"):
            return []  # a title before its name ('Russian Foreign Minister Sergei Lavrov')
        low = tok.lemma_.lower()
        roles = ROLE_SYNONYMS.get(low, {low})
        dem = demonyms()
        isos = {"@" + dem[fold(c.text)] for c in children(tok) if c.dep_ in ("amod", "compound") and fold(c.text) in dem}
        if not isos:
            return []
        fits = [k for k, prof in self.profiles.items() if roles & prof and isos <= prof]
        if len(fits) != 1:
            return []
        return self._link(tok, [_Occ((fits[0],), -1, -1, False, fits[0], -1, -1)], "description")

    def _country_role(self, tok: Token) -> list[Link]:
        """"Russia's foreign minister": the one person the article titles with that office of that country
        (every other word of the title included), else nothing (the state is read from the name as before)."""
        owner = next((c for c in children(tok) if c.dep_ == "poss"), None)
        m = self.mention_at(owner) if owner is not None else None
        ent = self.entities.get(m.entity) if m is not None else None
        if m is None or m.kind != "name" or ent is None or ent.type != "GPE" or not ent.iso or not self.is_country(ent.key):
            return []
        if any(c.dep_ in ("prep", "appos") or (c.i != owner.i and any(self.mention_at(t) is not None for t in c.subtree))
               for c in children(tok) if c.dep_ != "poss"):
            return []  # 'Russia's envoy to the UN', 'its minister, X': other names in the phrase decide
        nxt = self.doc[tok.i + 1] if tok.i + 1 < len(self.doc) else None
        if tok.dep_ == "compound" or (nxt is not None and (n := self.mention_at(nxt)) is not None and n.type == "PERSON"):
            return []  # a title before its name ("Russia's Foreign Minister Sergei Lavrov")
        low = tok.lemma_.lower()
        roles = ROLE_SYNONYMS.get(low, {low})
        mods = {c.lower_ for c in children(tok) if c.dep_ in ("amod", "compound") and c.is_alpha}
        fits = [k for k, prof in self.profiles.items() if roles & prof and "@" + ent.iso in prof and mods <= prof]
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
        while verb.dep_ == "conj" and not any(c.dep_ in SUBJ for c in children(verb)) and verb.head.i != verb.i:
            verb = verb.head  # '... and thanked the President': the shared subject
        own = {t.i for c in children(verb) if c.dep_ in SUBJ for t in c.subtree}
        low = tok.lemma_.lower()
        roles = ROLE_SYNONYMS.get(low, {low})
        mods = {c.lower_ for c in children(tok) if c.dep_ in ("amod", "compound") and c.is_alpha}

        def ok(o: _Occ) -> bool:
            if len(o.keys) != 1 or self.etype(o.keys[0]) != "PERSON" or o.i in own:
                return False
            prof = self.profiles.get(o.keys[0], set())
            return bool(roles & prof) and all(w in prof for w in mods)

        found = self._recent(tok, 6, ok)
        if not found:
            if (low in STATE_OFFICES and tok.tag_ == "NNP" and not any(c.dep_ in ("poss", "prep") for c in children(tok))
                    and not any(roles & prof for prof in self.profiles.values())):
                return self._body(tok, "government", rule="spokesperson")  # 'The Foreign Secretary', never named
            return []
        return self._link(tok, [found[0][1]], "description")

    def _state_of(self, person: str) -> str | None:
        """The state a person holds office for, when the article titles them so ('UAE Foreign Minister X', 'X,
        China's envoy'): the country entity of the one nationality in their titles, if they hold a state office."""
        prof = self.profiles.get(person, set())
        isos = {w[1:] for w in prof if w.startswith("@")}
        if len(isos) != 1 or not prof & (STATE_OFFICES | SPOKES | {"ambassador", "envoy", "representative", "diplomat"}):
            return None
        iso = isos.pop()
        keys = [k for k, e in self.entities.items() if e.iso == iso and self.is_country(k)]
        return keys[0] if len(keys) == 1 else None

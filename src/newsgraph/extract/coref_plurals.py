"""Plural and apposition rules of the coreference layer: 'X and Y' as one group, 'the two leaders', 'both
sides', 'X, the Y of Z' (a mixin of the resolver in coref.py)."""
from __future__ import annotations

from spacy.tokens import Token

from .coref_records import Link, _Occ
from .coref_words import APPOS_NOUNS, LEADER_WORDS, PAIR_ANY, PAIR_PERSON, PAIR_STATE, REACH, SUBJ
from .entities import actor_key


class PluralRules:
    """Groups named together, plural references to them, appositions."""

    def _add_groups(self, heads: dict[int, list[_Occ]]) -> None:
        """'X and Y' as one plural occurrence (for 'they', 'the two', 'both')."""
        for i, occs in list(heads.items()):
            tok = self.doc[i]
            if tok.dep_ == "conj":
                continue
            conj = [c for c in tok.conjuncts if c.i > tok.i]
            keys = list(occs[0].keys)
            for c in conj:
                for o in heads.get(c.i, ()):
                    keys += [k for k in o.keys if k not in keys]
            if len(keys) > 1:
                last = max(conj, key=lambda c: c.i)
                end = heads[last.i][0].end if last.i in heads else occs[0].end
                heads[i].append(_Occ(tuple(keys), i, occs[0].sent, occs[0].subj,
                                     self.text[occs[0].start : end], occs[0].start, end, plural=True))


    def _apposition(self, tok: Token) -> list[Link]:
        """'X, the Y of Z' links the description to X; 'the foreign minister, X,' links the head to X."""
        if tok.pos_ != "NOUN" or tok.tag_ != "NN" or not (tok.lemma_.lower() in APPOS_NOUNS or tok.lower_ in APPOS_NOUNS):
            return []
        if tok.dep_ == "appos":
            m = self.mention_at(tok.head)
            if m is not None and m.kind == "name":
                o = _Occ((actor_key(m, self.entities),), tok.head.i, self.sent_of[tok.i], False, m.text, m.start, m.end)
                return self._link(tok, [o], "apposition")
        for c in tok.children:
            if c.dep_ == "appos":
                m = self.mention_at(c)
                if m is not None and m.kind == "name" and m.type in ("PERSON", "ORG"):
                    o = _Occ((actor_key(m, self.entities),), c.i, self.sent_of[c.i], False, m.text, m.start, m.end)
                    return self._link(tok, [o], "apposition")
        return []

    def _pair(self, tok: Token) -> list[Link]:
        """'the two leaders', 'both sides', 'the pair', 'Both called ...' -> the last two entities named together."""
        low = tok.lower_
        kids = {c.lower_ for c in tok.children}
        if low in PAIR_PERSON | PAIR_STATE | PAIR_ANY:
            if not ({"two", "both"} & kids or (low in ("sides", "parties") and "the" in kids and "warring" in kids)
                    or (low in PAIR_PERSON and kids & {"the"} and not any(c.dep_ in ("prep", "amod", "compound", "relcl", "acl")
                                                                          for c in tok.children))):
                return []
        elif low == "both":
            if tok.dep_ not in SUBJ | {"dobj", "pobj"} or tok.head.pos_ == "NOUN":
                return []
        elif low == "two":
            if tok.dep_ not in SUBJ or "the" not in kids:
                return []
        elif low in ("pair", "duo"):
            if "the" not in kids:
                return []
        kind = ("PERSON" if low in PAIR_PERSON | {"pair", "duo"} else "STATE" if low in PAIR_STATE else "ANY")

        def fits(k: str) -> bool:
            t = self.etype(k)
            if kind == "PERSON" and low in ("leaders", "presidents", "heads", "ministers"):
                need = {"presidents": {"president"}, "ministers": {"minister"}}.get(low, LEADER_WORDS)
                return t == "PERSON" and bool(need & self.profiles.get(k, set()))
            if kind == "PERSON":
                return t == "PERSON"
            if kind == "STATE":
                return t == "GPE" and self.is_country(k)
            if low in PAIR_ANY:
                return t in ("ORG", "GPE")  # 'the warring parties', 'both sides': groups and states, not people
            return t in ("PERSON", "ORG", "GPE")

        here = self.sent_of[tok.i]
        for o in reversed(self.seen):
            if o.sent < here - REACH["they"]:
                break
            if o.i < tok.i and len(o.keys) == 2 and all(fits(k) for k in o.keys):
                return self._link(tok, [o], "plural")
        picked: list[_Occ] = []
        for o in reversed(self.seen):
            if o.sent < here - REACH["they"]:
                break
            if o.i >= tok.i or len(o.keys) != 1 or not fits(o.keys[0]):
                continue
            if all(p.keys[0] != o.keys[0] for p in picked):
                picked.append(o)
            if len(picked) == 2:
                break
        if len(picked) < 2:
            return []
        first = {}
        for m in self.mentions:
            first.setdefault(actor_key(m, self.entities), m.start)
        picked.sort(key=lambda o: first.get(o.keys[0], o.start))  # the article's first-named actor first
        return self._link(tok, picked, "plural")

"""Plural and apposition rules of the coreference layer: 'X and Y' as one group, 'the two leaders', 'both
sides', 'X, the Y of Z' (a mixin of the resolver in coref.py)."""
from __future__ import annotations

from collections import Counter

from spacy.tokens import Token

from .doc_tree import children
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


    def _dyads(self) -> list[tuple[int, tuple[str, str]]]:
        """Every two entities the article names together ('X and Y', 'between X and Y', 'Armenian and Azerbaijani
        forces'), nationality words included, in text order: the sides a later 'both sides' or 'the two countries'
        means when no pair is named close to it."""
        out: list[tuple[int, tuple[str, str]]] = []
        by_root: dict[int, str] = {}
        for m in self.mentions:
            span = self.doc.char_span(m.start, m.end, alignment_mode="expand")
            if span is None:
                continue
            key = actor_key(m, self.entities)
            by_root.setdefault(span.root.i, key)
            head = span.root.head
            if span.root.dep_ in ("amod", "compound") and head.i > span.root.i and head.pos_ == "NOUN" and head.conjuncts:
                by_root.setdefault(head.i, key)  # 'between Armenian separatists and Azerbaijan'
        for i, key in sorted(by_root.items()):
            tok = self.doc[i]
            if tok.dep_ == "conj":
                continue
            keys = [key] + [by_root[c.i] for c in tok.conjuncts if c.i > i and c.i in by_root]
            keys = list(dict.fromkeys(keys))
            if len(keys) == 2:
                out.append((i, (keys[0], keys[1])))
        return out

    def _body_or_state(self, key: str) -> bool:
        """A side in a conflict or a party to talks: an organisation or a country (not a town or a region)."""
        return self.etype(key) == "ORG" or self.is_country(key)

    def _sentence_pair(self, tok: Token, fits, skip: set[str]) -> tuple[str, str] | None:
        """Exactly two fitting states or bodies named in the reference's sentence before it, nationality words and
        capitals included ('The Russian Foreign Minister ... is in Baghdad for talks ... between the two countries')."""
        sent = self.sents[self.sent_of[tok.i]]
        keys: list[str] = []
        for m in self.mentions:
            if m.start < sent.start_char or m.end > tok.idx:
                continue
            k = actor_key(m, self.entities)
            if fits(k) and k not in skip and k not in keys:
                keys.append(k)
        if len(keys) != 2:  # 'Orkem S.A., a French ... manufacturer, ... bid for ... U.K. group Coates ..., the two sides
            # said': the two bodies, the two states being only their nationalities
            bodies = [k for k in keys if self.etype(k) == "ORG"]
            states = [k for k in keys if self.etype(k) != "ORG"]
            keys = bodies if len(bodies) == 2 else states if len(states) == 2 else []
        return (keys[0], keys[1]) if len(keys) == 2 else None

    def _article_dyad(self, tok: Token, fits, skip: set[str], least: int = 2) -> tuple[str, str] | None:
        """The two entities named together most often before tok (at least `least` times; ties: the latest), both
        fitting the reference."""
        counts: Counter = Counter()
        last: dict[frozenset, int] = {}
        order: dict[frozenset, tuple[str, str]] = {}
        for i, pair in self.dyads:
            if i >= tok.i:
                break
            if not all(fits(k) for k in pair) or skip & set(pair):
                continue
            key = frozenset(pair)
            counts[key] += 1
            last[key] = i
            order.setdefault(key, pair)
        if not counts:
            return None
        best = max(counts, key=lambda k: (counts[k], last[k]))
        if counts[best] < least and not best <= self._leading(fits):
            return None  # named together once, and not the article's main actors: 'the recent escalation between X and Y'
        return order[best]

    def _leading(self, fits, top: int = 3) -> set[str]:
        """The `top` states or bodies the article names most."""
        seen: Counter = Counter(k for m in self.mentions if fits(k := actor_key(m, self.entities)))
        return {k for k, _ in seen.most_common(top)}

    def _clause_subject_keys(self, tok: Token) -> set[str]:
        """Entities named in the subject of the clause a reference sits in ('X, chairman of the OSCE, called on both
        sides': the caller is not one of the sides)."""
        verb = tok.head
        while verb.pos_ not in ("VERB", "AUX") and verb.head.i != verb.i:
            verb = verb.head
        keys: set[str] = set()
        for c in children(verb):
            if c.dep_ in SUBJ and c.i != tok.i:
                for t in c.subtree:
                    m = self.mention_at(t)
                    if m is not None:
                        keys.add(actor_key(m, self.entities))
        return keys

    def _apposition(self, tok: Token) -> list[Link]:
        """'X, the Y of Z' links the description to X; 'the foreign minister, X,' links the head to X."""
        if tok.pos_ != "NOUN" or tok.tag_ != "NN" or not (tok.lemma_.lower() in APPOS_NOUNS or tok.lower_ in APPOS_NOUNS):
            return []
        if tok.dep_ == "appos":
            m = self.mention_at(tok.head)
            if m is not None and m.kind == "name":
                o = _Occ((actor_key(m, self.entities),), tok.head.i, self.sent_of[tok.i], False, m.text, m.start, m.end)
                return self._link(tok, [o], "apposition")
        for c in children(tok):
            if c.dep_ == "appos":
                m = self.mention_at(c)
                if m is not None and m.kind == "name" and m.type in ("PERSON", "ORG"):
                    o = _Occ((actor_key(m, self.entities),), c.i, self.sent_of[c.i], False, m.text, m.start, m.end)
                    return self._link(tok, [o], "apposition")
        return []

    def _pair(self, tok: Token) -> list[Link]:
        """'the two leaders', 'both sides', 'the pair', 'Both called ...' -> the last two entities named together."""
        low = tok.lower_
        kids = {c.lower_ for c in children(tok)}
        if low in PAIR_PERSON | PAIR_STATE | PAIR_ANY:
            if not ({"two", "both"} & kids or (low in ("sides", "parties") and "the" in kids and "warring" in kids)
                    or (low in PAIR_PERSON and kids & {"the"} and not any(c.dep_ in ("prep", "amod", "compound", "relcl", "acl")
                                                                          for c in children(tok)))):
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
        skip = self._clause_subject_keys(tok)
        for o in reversed(self.seen):
            if o.sent < here - REACH["they"]:
                break
            if o.i < tok.i and len(o.keys) == 2 and all(fits(k) for k in o.keys) and not skip & set(o.keys):
                return self._link(tok, [o], "plural")
        if low in PAIR_STATE | PAIR_ANY:
            # 'both sides', 'the two countries' named by no pair close by: the two states or bodies of the reference's own
            # sentence, else the two the article names together most (at least twice); never two singles met nearby
            # ('the warring parties' after Sudan and Amnesty International) nor a list the phrase itself opens
            if any(c.dep_ == "appos" for c in children(tok)) or (tok.i + 1 < len(self.doc) and self.doc[tok.i + 1].text in
                                                                  ("–", "—", ":", "-")):
                return []  # 'two regional rivals – Iran and the UAE': its own members follow
            pair = self._sentence_pair(tok, lambda k: fits(k) and self._body_or_state(k), skip)
            if pair is None:
                pair = self._article_dyad(tok, lambda k: fits(k) and self._body_or_state(k), skip)
            if pair is None:
                return []
            return self._link(tok, [_Occ(pair, -1, -1, False, " and ".join(pair), -1, -1)], "plural")
        picked: list[_Occ] = []
        for o in reversed(self.seen):
            if o.sent < here - REACH["they"]:
                break
            if o.i >= tok.i or len(o.keys) != 1 or not fits(o.keys[0]) or o.keys[0] in skip:
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

"""Speaker resolution: a speech verb's subject, a pronoun or a description, mapped to an article-local entity."""
from __future__ import annotations

from bisect import bisect_right

from spacy.tokens import Token

from .doc_tree import children
from .speaker_bodies import ISSUED_DOCUMENTS, BodySpeakers
from .speaker_groups import GroupSpeakers
from .speaker_officials import OFFICIALS as _SOURCES, OfficialSpeakers
from .speaker_index import SpeakerIndex, _SUBJ
from .speech_cues import COMMENTING, LABEL_VERBS, OBJECT_VERBS, SPEECH_VERBS, fronted_clause

_CLOSING = {'"', "”", "»", "''"}  # a verb right after a closing mark follows its fronted quote
_MALE_FEMALE = {"he", "she", "him", "her", "his", "hers"}
# Titles a sentence splitter may cut a name off: "said Sgt. Marty Earley".
_TITLE_ABBREVS = {"sgt", "lt", "capt", "cpt", "col", "gen", "maj", "cpl", "pvt", "det", "insp", "supt", "cmdr", "adm",
                  "dr", "gov", "sen", "rep", "rev", "prof", "mr", "mrs", "ms", "st", "atty", "pres", "amb", "hon"}
_PERSON_ROLES = {"minister", "president", "premier", "chancellor", "envoy", "ambassador", "secretary", "chief",
                 "director", "governor", "senator", "negotiator", "spokesman", "spokeswoman", "spokesperson",
                 "commander", "adviser", "advisor", "aide", "lawmaker", "mayor", "ombudsman", "ombudsperson",
                 "commissioner", "prosecutor", "attorney", "chairman", "chairwoman", "chairperson", "auditor"}
# People defined by their relation to the owner: "Kyiv's supporters" are not Kyiv.
_RELATION_NOUNS = {"supporter", "ally", "critic", "opponent", "rival", "partner", "friend", "enemy", "neighbour",
                   "neighbor", "relative", "family", "backer", "detractor", "foe", "victim", "adversary", "sponsor"}
_DOCUMENTS = {"statement", "report", "communique", "communiqué", "readout", "release", "letter", "post", "message",
              "spokesman", "spokeswoman", "spokesperson", "declaration", "note", "memo", "tweet"}
_STATE_BODIES = {"office", "government", "ministry", "authorities", "authority", "embassy", "presidency", "cabinet",
                 "administration", "army", "military", "police", "forces", "delegation", "mission", "junta", "regime",
                 "leadership", "parliament", "navy", "kremlin"}
_CUES = SPEECH_VERBS | OBJECT_VERBS | LABEL_VERBS
# A person's own office speaks for them ("Tinubu's office stated", 'his office said'), unlike people around them.
_PERSONAL_OFFICES = {"office"}
_SPOKES = {"spokesman", "spokeswoman", "spokesperson"}


class Speakers(SpeakerIndex, BodySpeakers, GroupSpeakers, OfficialSpeakers):
    """Who a subject token names: the entity behind a name, pronoun, title, spokesperson or document."""

    def resolve(self, tok: Token) -> tuple[str | None, str]:
        """Entity key and surface text of the phrase headed by tok; None when the speaker is generic or unnamed."""
        text = phrase_text(tok)
        if tok.text.rstrip(".").lower() in _TITLE_ABBREVS:
            after = tok.idx + len(tok)
            named = [m for m in self.mentions_in(after, after + 40) if m.type == "PERSON" and m.start >= after
                     and not self.text[after:m.start].strip(" .")]
            if named:  # 'said Sgt. Marty Earley': the sentence splitter cut the name off its title
                return self._key_of(named[0]), self.text[tok.idx : named[0].end]
        if tok.lower_ in _MALE_FEMALE and tok.dep_ in _SUBJ and self.spokes_at >= 0 \
                and self._sentences_between(self.spokes_at, bisect_right(self.sent_starts, tok.idx) - 1) <= 1 \
                and not any(self.spokes_at < at < tok.idx for at, _ in self.person_subjects):
            return self.spokes_body, tok.text  # '“...,” the spokesman said. Pressed further, he added that ...'
        if tok.lower_ in _MALE_FEMALE:
            link = self._coref_link(tok, ("PERSON",))
            if link is not None and link.ante_start not in self.subordinate:
                return link.entity, tok.text
            # no link, or one to a person named only in a subordinate clause ('..., when Bush brought leaders
            # together'): the main-clause subjects and earlier speakers decide
            own = self.pronoun_antecedent(tok.idx, tok.lower_)
            if own is None and link is not None:
                return link.entity, tok.text
            if link is not None and own != link.entity:
                self.origin.pop((tok.i, link.entity), None)
            return own, tok.text
        if tok.lower_ in ("we", "i"):
            own = next((k for a, b, k in self.first_person if a <= tok.idx < b), None)
            if own is not None:  # 'we note ...' inside a ministry's quoted statement
                return own, tok.text
        if tok.lower_ in ("them", "they") and self.coref is not None:
            links = [l for l in self.coref.referring(tok) if l.entity in self.by_key]
            if len(links) == 1:
                return links[0].entity, tok.text
        if tok.lower_ in ("it", "its"):
            link = self._coref_link(tok, ("ORG", "GPE", "LOC"))
            return (link.entity if link is not None else None), tok.text
        # a mention covering the head word: 'Lavrov', 'the Russian foreign minister', 'Malian authorities'
        head = [m for m in self.mentions_in(tok.idx, tok.idx + len(tok)) if m.kind != "demonym"]
        if head:
            return self._key_of(max(head, key=lambda m: m.end - m.start)), text
        group = self.group_body(tok)  # 'one of the instructors', 'representatives of the SOMB'
        if group is not None:
            return group, text
        if tok.pos_ == "PROPN":  # a name the entity layer missed here but knows elsewhere ('Mr Duterte')
            key = self._alias_key(tok)
            if key is not None:
                return key, text
        # the named person in apposition: 'Your spokesperson, Anne-Claire Legendre,'
        for child in children(tok):
            if child.dep_ == "appos":
                key, _ = self.resolve(child)
                if key is not None:
                    named = self._names_at(child)
                    if named and (tok.i, key) not in self.origin:  # the name, not an owner in the title
                        self.origin[(tok.i, key)] = (named[-1].text, named[-1].start, named[-1].end)
                    return key, text
        # a description or spokesperson the coreference layer resolved: 'the spokesman', "Russia's foreign minister"
        link = self._coref_link(tok)
        if link is not None:
            return link.entity, text
        # a role first, the name a sentence later (wire style): "France's Europe minister said ... . ..., Amelie de
        # Montchalin told RTL" -> the next person who speaks, if they come right after
        if tok.lower_ in _SPOKES:
            key = self._spokes_body(tok)
            if key is not None:
                self.spokes_at = tok.idx
                return key, text
        if tok.lemma_.lower() in _RELATION_NOUNS:
            return None, text  # "Kyiv's supporters", "Russia's allies": others than the owner
        if tok.lemma_.lower() in _PERSON_ROLES | {"head"} and tok.dep_ in _SUBJ:
            # 'Head of Communications Altun stated': a title the parser made the head, the name closing its phrase
            last = tok.right_edge
            named = [m for m in self.mentions_in(last.idx, last.idx + len(last)) if m.type == "PERSON" and m.kind == "name"
                     and m.end >= last.idx + len(last)]
            if last.i > tok.i and all(t.pos_ in ("PROPN", "ADP", "DET", "PUNCT") for t in tok.subtree):
                if named:
                    self.origin[(tok.i, self._key_of(named[-1]))] = (named[-1].text, named[-1].start, named[-1].end)
                    return self._key_of(named[-1]), text
                key = self._alias_key(last)  # a surname the entity layer knows from elsewhere in the article
                if key is not None and self._type(key) == "PERSON":
                    return key, text
        if tok.lemma_.lower() in _PERSON_ROLES and tok.dep_ in _SUBJ:
            key = self._next_person_speaker(tok) or self._titled_person(tok)
            if key is not None:
                return key, text
        if tok.lemma_.lower() in _PERSON_ROLES:
            # 'the Turkish Foreign Minister rejected it' with no minister of that title named: an unnamed office
            # holder speaks for the state the title names (the guide's unnamed source -> the entity they belong to)
            nat = [m for m in self.mentions_in(tok.left_edge.idx, tok.idx) if m.kind == "demonym" or m.type == "GPE"]
            if nat and not any(c.dep_ == "poss" for c in children(tok)):
                self.origin[(tok.i, self._key_of(nat[-1]))] = (nat[-1].text, nat[-1].start, nat[-1].end)
                return self._key_of(nat[-1]), text
        # 'a statement from the ministry said', 'a report by Amnesty found': the body behind the document
        if tok.lemma_.lower() in _DOCUMENTS:
            for prep in children(tok):
                if prep.dep_ == "prep" and prep.lower_ in ("from", "by", "of", "for"):
                    pobj = next((c for c in children(prep) if c.dep_ == "pobj"), None)
                    if pobj is not None:  # 'a spokesman for Amnesty International'
                        key, _ = self.resolve(pobj)
                        if key is not None:
                            return key, text
        # a state body named by its nationality: "The French prime minister's office", "the Iraqi authorities"
        if tok.lemma_.lower() in _STATE_BODIES:
            nat = [m for m in self.mentions_in(tok.left_edge.idx, tok.idx) if m.kind == "demonym" or m.type == "GPE"]
            if nat:
                self.origin[(tok.i, self._key_of(nat[-1]))] = (nat[-1].text, nat[-1].start, nat[-1].end)
                return self._key_of(nat[-1]), text
        # "Tinubu's office stated", 'his office said': a person's own office speaks for the person
        if tok.lemma_.lower() in _PERSONAL_OFFICES:
            owner = next((c for c in children(tok) if c.dep_ == "poss"), None)
            if owner is not None:
                key, _ = self.resolve(owner)
                if key is not None and self._type(key) == "PERSON":
                    return key, text
        state = self.leader_state(tok)  # 'Senior Biden administration officials': the state, not the leader
        if state is not None:
            return state, text
        # a named owner or organisation in front of the head: "Mali's junta", "UN experts", "HRW report"
        for child in tok.lefts:
            if child.dep_ in ("poss", "compound", "nmod"):
                ms = [m for m in self.mentions_in(child.left_edge.idx, child.idx + len(child)) if m.kind == "name"]
                if ms and child.dep_ == "poss" and self._type(ms[-1].entity) == "PERSON":
                    return None, text  # "Elian's relatives", "Putin's spokesman": someone close to the person, not them
                if ms:
                    return self._key_of(ms[-1]), text
                if child.pos_ == "PROPN" and tok.lemma_.lower() in _STATE_BODIES | _SOURCES:
                    # 'Nagorno-Karabakh authorities' where the entity layer missed the name here but knows it
                    key = self._alias_key(child)
                    if key is not None and self._type(key) in ("GPE", "ORG"):
                        return key, text
        if tok.lemma_.lower() in _SOURCES:
            key = self._sources_owner(tok) or self.officials_before(tok)
            if key is not None:
                return key, text
        # 'the statement said', 'the ministry said', 'the company said'
        key = self.document_issuer(tok) or self.named_kind(tok) or self.salient_firm(tok) or self.one_more_official(tok)
        if key is not None:
            return key, text
        return None, text

    def _coref_link(self, tok: Token, types: tuple[str, ...] = ()):
        """The coreference layer's single antecedent for a pronoun or description headed by tok, type-checked."""
        if self.coref is None:
            return None
        # a spokesperson's body is left to the clause itself ("Putin's spokesman"): on dev the layer's nearest-body
        # guess for a bare 'the spokesman' was wrong more often than right
        links = [l for l in self.coref.referring(tok) if l.entity in self.by_key and l.rule != "spokesperson"]
        if len(links) != 1 or (types and self._type(links[0].entity) not in types):
            return None
        link = links[0]
        if link.ante_start >= 0:
            self.origin[(tok.i, link.entity)] = (link.antecedent, link.ante_start, link.ante_end)
        return link

    def plural_speakers(self, tok: Token) -> list[tuple[str, str, Token]]:
        """'the two leaders', 'they', 'both': every entity a plural subject stands for (coreference layer)."""
        if self.coref is None or tok.lower_ in _MALE_FEMALE:
            return []
        links = [l for l in self.coref.referring(tok) if l.entity in self.by_key]
        if len(links) < 2:
            return []
        for l in links:
            if l.ante_start >= 0:
                self.origin[(tok.i, l.entity)] = (l.antecedent, l.ante_start, l.ante_end)
        return [(l.entity, phrase_text(tok), tok) for l in links]

    def _they_again(self, tok: Token) -> list[tuple[str, str, Token]]:
        """'The two leaders also agreed on X. ... They agreed ...': a 'they' the coreference layer left unlinked is
        the plural subject of a sentence just before it (two sentences back at most, in its paragraph)."""
        if tok.lower_ != "they" or self.coref is None or self.coref.referring(tok):
            return []
        here = bisect_right(self.sent_starts, tok.idx) - 1
        para = self.line_of(tok.idx)[0]
        for k in range(here - 1, max(-1, here - 3), -1):
            sent = self.sents[k]
            if sent.start_char < para:
                break
            for t in sent:
                if t.dep_ in ("nsubj", "nsubjpass") and t.i < tok.i:
                    found = self.plural_speakers(t)
                    if found:
                        return [(key, tok.text, tok) for key, _, _ in found]
        return []

    def mention_of(self, tok: Token | None, key: str | None) -> tuple[str, int, int] | None:
        """The mention a speaker was resolved from: the antecedent of a pronoun or description, the name covering
        the speaker phrase, else the entity's last mention before it."""
        if tok is None or key is None:
            return None
        if (tok.i, key) in self.origin:
            return self.origin[(tok.i, key)]
        head = [m for m in self.mentions_in(tok.left_edge.idx, tok.idx + len(tok)) if m.kind != "demonym"]
        if head:
            m = max(head, key=lambda m: m.end - m.start)
            return m.text, m.start, m.end
        same = {key, self.canonical(key)}
        before = [m for m in self.mentions if m.end <= tok.idx and (m.entity in same or self.canonical(m.entity) in same)
                  and m.kind != "demonym"]
        if before:
            m = before[-1]
            return m.text, m.start, m.end
        return None

    def speaker_of(self, verb: Token) -> tuple[str | None, str, Token | None]:
        """The first resolved speaker of a speech verb (see speakers_of)."""
        found = self.speakers_of(verb)
        return found[0] if found else (None, "", None)

    def speakers_of(self, verb: Token) -> list[tuple[str | None, str, Token | None]]:
        """Subjects of a speech verb, one per conjoined subject, climbing from participles to their clause."""
        cur = verb
        line = self.line_of(verb.idx)
        for _ in range(5):
            subj = self._subject(cur)
            if (subj is None and cur.dep_ in ("conj", "advcl") and cur.lemma_.lower() in _CUES - COMMENTING
                    and cur.head.dep_ == "ccomp" and cur.head.head.lemma_.lower() in SPEECH_VERBS):
                # 'X said A, and cautioned B' / 'X said A, adding: ...': the second cue hangs on the first one's clause
                cur = cur.head.head
                continue
            if subj is None and cur.dep_ == "pcomp" and cur.head.dep_ == "prep" and cur.head.head.pos_ == "VERB":
                cur = cur.head.head  # 'responded by saying ...'
                continue
            if subj is not None and line[0] <= subj.idx < line[1]:
                out = []
                plural = self.plural_speakers(subj) or self._they_again(subj)
                if plural:
                    return plural
                for s in [subj] + conjuncts(subj):
                    key, text = None, s.text
                    if s is subj and s.lower_ in ("it", "they"):
                        key, text = self._dislocated(cur, s)  # 'Paris it has warned'
                    if key is None:
                        key, text = self.resolve(s)
                    out.append((key, text, s))
                keyed = [o for o in out if o[0] is not None]
                adjacent = self._adjacent_mention(cur, max_skip=0)
                if (adjacent is not None and self._type(adjacent[0]) == "PERSON"
                        and not all(self._type(o[0]) == "PERSON" for o in keyed)):
                    return [adjacent]  # 'before the Assembly, the minister, X said': trust the name next to the verb
                return list({o[0]: o for o in keyed}.values()) if keyed else [out[0]]
            adjacent = self._adjacent_mention(cur)
            if adjacent is not None:
                return [adjacent]
            if cur.dep_ in ("advcl", "xcomp", "conj") and cur.head is not cur and cur.tag_ in ("VBG", "VBD", "VBZ", "VBP", "VB", "VBN"):
                if cur.dep_ == "advcl" and cur.tag_ != "VBG" and not (cur.i != verb.i and _purpose(cur)):
                    break  # ('appeared on television to confirm X, promising ...': a purpose clause shares the subject)
                cur = cur.head
                continue
            if cur.dep_ == "acl" and cur.tag_ == "VBG" and cur.head.lemma_.lower() in ISSUED_DOCUMENTS:
                # 'has put out a statement saying that ...' (d7c), 'released a statement saying' / 'issued a report
                # saying' (ECB+): the document speaks for whoever issued it
                key = self._issuer_of(cur.head)
                if key is not None:
                    return [(key, phrase_text(cur.head), cur.head)]
            break
        return []

    def _subject(self, verb: Token) -> Token | None:
        """The verb's subject; never a word inside quotation marks (the parser may take the quote's own subject)."""
        subj = next((c for c in children(verb) if c.dep_ in ("nsubj", "csubj") and not c.is_punct  # '« ... , » said X'
                     and not any(a <= c.idx < b for a, b in self.quoted)), None)
        if subj is not None and subj.tag_ in ("WP", "WDT") and verb.dep_ == "relcl":
            return verb.head  # 'Trump, who has repeatedly said he wants ...': the noun the relative clause hangs on
        if self._subject_taken_for_head(verb, subj):
            return verb.head
        if subj is None and (any(c.dep_ == "ccomp" and c.i < verb.i for c in children(verb))
                             or verb.i > 0 and self.doc[verb.i - 1].text in _CLOSING
                             or fronted_clause(verb) is not None):
            # '“...,” Iran's ambassador, X, told TV': the phrase between the quote and the verb, which the parser
            # may hang elsewhere; '..., writes "Mediapart".': after a fronted statement, a name taken for an object
            subj = self._between_quote_and(verb) or next(
                (c for c in children(verb) if c.i > verb.i and c.dep_ in ("dobj", "attr", "npadvmod", "dep")
                 and (c.pos_ in ("PROPN", "NOUN") or c.pos_ == "NUM" and c.lower_ == "one")), None)
        if subj is None:
            agent = next((c for c in children(verb) if c.dep_ == "agent"), None)
            if agent is not None:
                subj = next((c for c in children(agent) if c.dep_ == "pobj"), None)
        if subj is None:
            subj = _inverted_subject(verb)
        return subj

    def _names_at(self, tok: Token) -> list:
        """Named mentions covering a token."""
        return [m for m in self.mentions_in(tok.idx, tok.idx + len(tok)) if m.kind == "name"]

    def _subject_taken_for_head(self, verb: Token, subj: Token | None) -> bool:
        """'Trump, while campaigning, promised ...', 'X, who ..., said on Sunday ...': the parser made the named
        subject the sentence's root and hung the verb on it; the verb has no subject of its own (or a word that
        names nothing, 'campaigning')."""
        head = verb.head
        if verb.dep_ not in ("advcl", "acl", "relcl") or head.i > verb.i or head.dep_ != "ROOT":
            return False
        if head.pos_ not in ("NOUN", "PROPN") or subj is not None and (subj.pos_ != "NOUN" or self._names(subj)):
            return False
        return any(m.type in ("PERSON", "ORG", "GPE", "NORP") for m in self._names(head))

    def _names(self, tok: Token) -> list:
        return [m for m in self.mentions_in(tok.idx, tok.idx + len(tok)) if m.kind != "demonym"]

    def _between_quote_and(self, verb: Token) -> Token | None:
        """The head of the phrase between a quote's closing mark and its speech verb ('“...,” Iran's ambassador to
        Iraq, X, told ...'): the first noun there whose head lies outside the phrase."""
        sent = verb.sent
        lo = max(self.text.rfind(mark, sent.start_char, verb.idx) for mark in '”"»') + 1
        if lo <= 0:
            return None
        span = [t for t in sent if lo <= t.idx < verb.idx]
        if not span:
            return None
        first, last = span[0].i, span[-1].i
        for t in span:
            if t.pos_ in ("NOUN", "PROPN", "PRON") and not first <= t.head.i <= last:
                return t
        return None

    def _dislocated(self, verb: Token, pron: Token) -> tuple[str | None, str]:
        """'Paris it has warned': a name left of a pronoun subject is the real subject (a translation habit)."""
        before = [c for c in children(verb) if c.i < pron.i and c.dep_ in ("npadvmod", "nsubj", "dep", "nmod")]
        for c in reversed(before):
            key, text = self.resolve(c)
            if key is not None:
                return key, text
        return None, pron.text

    def _adjacent_mention(self, verb: Token, max_skip: int = 6) -> tuple[str, str, Token] | None:
        """When the parse lost the subject, a name right before the verb ('Diop on Tuesday said') is it."""
        doc = self.doc
        i = verb.i - 1
        line_start = self.line_of(verb.idx)[0]
        skipped = 0
        while i >= 0 and doc[i].idx >= line_start and skipped <= max_skip:
            t = doc[i]
            ms = [m for m in self.mentions_in(t.idx, t.idx + len(t)) if m.kind != "demonym"]
            if ms and t.ent_type_ != "DATE" and t.dep_ != "pobj":  # '... demonstrated in Bamako demanding': a place
                m = ms[-1]
                if m.type not in ("PERSON", "ORG", "GPE"):
                    return None
                return self._key_of(m), m.text, t
            if skipped == max_skip:
                return None
            dated_prep = t.pos_ == "ADP" and i + 1 < verb.i and doc[i + 1].ent_type_ in ("DATE", "TIME")
            if t.dep_ in ("aux", "auxpass", "neg", "advmod") or t.ent_type_ in ("DATE", "TIME") or dated_prep:
                i -= 1
                skipped += 1
                continue
            return None
        return None


def _purpose(verb: Token) -> bool:
    """'to confirm the announcement' hung on the main verb: an infinitive of purpose, whose doer is the main subject."""
    return verb.tag_ == "VB" and any(c.dep_ == "aux" and c.lower_ == "to" for c in children(verb))


def _inverted_subject(verb: Token) -> Token | None:
    """'“...,” said a Guards statement read out on state television' / 'said a statement issued by X': the parser
    takes the participle for a clause of its own with the document as its subject; the issuer named by 'by' or
    else the document speaks."""
    if not any(c.dep_ == "ccomp" and c.i < verb.i for c in children(verb)):
        return None  # only after a fronted statement: 'said (that) the army attacked' reports a clause
    for c in children(verb):
        if c.dep_ != "ccomp" or c.i < verb.i or c.tag_ not in ("VBN", "VBD"):
            continue
        doc_noun = next((g for g in children(c) if g.dep_ in ("nsubj", "nsubjpass") and verb.i < g.i < c.i), None)
        if doc_noun is None or doc_noun.lemma_.lower() not in ISSUED_DOCUMENTS | _DOCUMENTS:
            continue
        agent = next((g for g in children(c) if g.dep_ == "agent"), None)
        by = next((g for g in children(agent) if g.dep_ == "pobj"), None) if agent is not None else None
        return by if by is not None else doc_noun
    return None


def conjuncts(tok: Token) -> list[Token]:
    """'the UN and HRW': every conjoined subject speaks."""
    out = []
    for c in children(tok):
        if c.dep_ == "conj":
            out.append(c)
            out += conjuncts(c)
    return out


def phrase_text(tok: Token) -> str:
    """The subject phrase without trailing relative clauses."""
    right = tok.i + 1
    for child in tok.rights:
        if child.dep_ in ("appos", "compound", "flat", "punct") or (child.dep_ == "prep" and child.lower_ == "of"):
            right = max(right, child.right_edge.i + 1)
        else:
            break
    span = tok.doc[tok.left_edge.i : right]
    return span.text.strip(" ,“”\"‘’«»")

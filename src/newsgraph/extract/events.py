"""PLOVER event extraction: lexicon triggers + dependency roles -> Event records with evidence, modality and date."""
from __future__ import annotations

from bisect import bisect_right
from dataclasses import dataclass, replace
from typing import Iterator, Sequence

from spacy.tokens import Doc, Span, Token

from ..records import Event, LocalEntity, Mention, Timex
from . import plover_lexicon as lex
from .event_actors import (
    MentionIndex,
    agent_phrase,
    country_place,
    location_of,
    noun_agent,
    noun_targets,
    perpetrators,
    phrase_actors,
    target_phrases,
)
from .event_dates import calendar_value, event_date, precision_of, sentence_timexes
from .modality import DENIAL_VERBS, denial_governor, modality, speech_governor
from .speech_stance import stances

MIN_CONFIDENCE = 0.4
_ANONYMOUS_MARGIN = 0.3
_AGREEING = {"agree", "accept", "offer", "promise", "pledge", "commit", "volunteer", "consent", "ready", "willing"}
_INTENDING = {"plan", "intend", "prepare", "vow", "swear", "decide", "announce", "aim", "seek", "want", "say",
              "prepared", "determined", "resolve", "confirm"}
_ACCUSE_OBJECTS = {"ACCUSE", "SANCTION"}
_XCOMP_ONLY = {"tell", "ask", "order", "invite", "instruct", "require"}  # 'told that ...' reports, 'told X to' demands
_SUBORDINATE_MARKS = {"if", "unless", "because", "as", "after", "before", "while", "since", "although", "though", "once"}


@dataclass
class Candidate:
    """One trigger and the token whose clause carries its roles."""

    type: str
    weight: float
    trigger: Token  # the word that names the event
    frame: Token  # the verb (or noun) whose dependents are the roles
    is_noun: bool = False
    collapsed: bool = False  # type came from an intent/future construction (the statement is the event)
    penalty: float = 0.0  # ranking penalty for triggers buried in subordinate clauses


def _phrasal(tok: Token) -> tuple[str, float] | None:
    lemma = lex.lemma_of(tok)
    for c in tok.children:
        if c.dep_ in ("prt", "prep", "dobj"):
            hit = lex.PHRASALS.get((lemma, lex.lemma_of(c)))
            if hit:
                return hit
    return None


def _noun_type(tok: Token) -> tuple[str, float] | None:
    mods = tuple(lex.lemma_of(c) for c in tok.children if c.dep_ in ("compound", "amod", "nmod"))
    if lex.lemma_of(tok) in lex.BRIEFING_NOUNS and "press" in mods and not _joint(tok, mods):
        return None  # a press conference by one side is a statement, not a meeting
    if lex.lemma_of(tok) == "plea" and set(mods) & lex.PLEA_WORDS:
        return None  # 'a not guilty plea': court procedure
    hit = lex.noun_entry(lex.lemma_of(tok), mods)
    if hit is None and lex.lemma_of(tok) in lex.EVENT_HEADS:
        for c in tok.children:  # 'a mediation effort', 'a peace mission'
            if c.dep_ in ("compound", "nmod"):
                inner = lex.noun_entry(lex.lemma_of(c))
                if inner is not None:
                    return inner
    return hit


def _joint(tok: Token, mods: tuple[str, ...]) -> bool:
    """A meeting noun held together: 'a joint press conference', 'a press conference with X'."""
    return bool(set(mods) & {"joint", "common", "bilateral"}) or any(
        c.dep_ == "prep" and c.lower_ in ("with", "between", "alongside") for c in tok.children)


def _purpose_frame(noun: Token) -> Token | None:
    """'X is in Baghdad for talks': the copula whose subject takes part in the event named as its purpose."""
    if noun.dep_ == "pobj" and noun.head.lower_ == "for" and noun.head.dep_ == "prep":
        verb = noun.head.head
        if verb.lemma_ == "be" and any(c.dep_ == "nsubj" for c in verb.children):
            return verb
    return None


def _complement(tok: Token) -> Token | None:
    for c in tok.children:
        if c.dep_ in ("xcomp", "ccomp"):
            return c
    for c in tok.children:  # 'ready to', 'prepared to' as acomp
        if c.dep_ == "acomp":
            for cc in c.children:
                if cc.dep_ == "xcomp":
                    return cc
    return None


def _object_noun(tok: Token) -> Token | None:
    for c in tok.children:
        if c.dep_ in ("dobj", "nsubjpass", "attr"):
            return c
    for c in tok.children:  # 'call for an investigation'
        if c.dep_ == "prep" and c.lower_ in ("for", "on", "in"):
            for cc in c.children:
                if cc.dep_ == "pobj":
                    return cc
    return None


def _base_verb_type(tok: Token) -> tuple[str, float] | None:
    """A verb's own type: phrasal first, then a light verb's object noun, then the verb lemma."""
    hit = _phrasal(tok)
    if hit:
        return hit
    lemma = lex.lemma_of(tok)
    obj = _object_noun(tok)
    if lemma in lex.LIGHT_VERBS and obj is not None:
        nt = _noun_type(obj)
        if nt is not None and nt[1] >= 0.45 and not (lemma == "have" and nt[0] != "CONSULT"):
            if (lemma, "SUPPORT") in lex.LIGHT_OVERRIDES:
                return "SUPPORT", 0.8
            return nt[0], min(0.9, nt[1] + 0.25)
    return lex.verb_entry(lemma)


_PEOPLE_PRONOUNS = {"him", "her", "them", "me", "us", "you", "he", "she", "they", "we", "i", "himself", "herself"}
_PEOPLE_NOUNS = {"protester", "protesters", "demonstrator", "demonstrators", "people", "civilian", "civilians", "crowd",
                 "crowds", "villager", "villagers", "resident", "residents", "student", "students", "worker", "workers",
                 "journalist", "journalists", "opponent", "opponents", "activist", "activists", "troops", "soldier",
                 "soldiers", "rebel", "rebels", "militant", "militants", "fighter", "fighters", "group", "groups",
                 "member", "members", "supporter", "supporters", "voter", "voters", "refugee", "refugees", "migrant",
                 "migrants", "man", "men", "woman", "women", "child", "children", "force", "forces", "police"}


def _child_of(tok: Token, deps: set[str]) -> Token | None:
    return next((c for c in tok.children if c.dep_ in deps), None)


def _doer(tok: Token) -> Token | None:
    """The grammatical subject of a verb, climbing from a participle ('..., killing 10') to its clause."""
    cur = tok
    for _ in range(3):
        subj = _child_of(cur, {"nsubj", "csubj"})
        if subj is not None:
            return subj
        agent = _child_of(cur, {"agent"})
        if agent is not None:
            return _child_of(agent, {"pobj"})
        if cur.dep_ in ("advcl", "conj", "xcomp") and cur.head.i != cur.i and _child_of(cur, {"nsubjpass"}) is None:
            cur = cur.head
            continue
        return None
    return None


def _is_people(tok: Token | None) -> bool:
    """A phrase naming people or a group (a name, a pronoun, 'protesters'), not a thing."""
    if tok is None:
        return False
    return (tok.ent_type_ in ("PERSON", "NORP", "ORG", "GPE") or tok.lower_ in _PEOPLE_PRONOUNS
            or tok.lemma_.lower() in _PEOPLE_NOUNS or tok.lower_ in _PEOPLE_NOUNS)


def _wrong_sense(tok: Token, etype: str) -> bool:
    """Lexicon verbs used in a sense that is no political event: a quake 'killing' people, an employee 'fired',
    a patch 'released', a player 'signed', revenue that 'declined', a cable 'cut', a plea 'entered'."""
    lemma = lex.lemma_of(tok)
    dobj = _child_of(tok, {"dobj"})
    obj = dobj if dobj is not None else _child_of(tok, {"nsubjpass"})
    obj_lemma = obj.lemma_.lower() if obj is not None else ""
    doer = _doer(tok)
    if etype in ("ASSAULT", "SANCTION", "COERCE") and doer is not None and doer.lemma_.lower() in lex.HAZARD_NOUNS:
        return True
    if lemma == "fire" and etype == "ASSAULT" and _phrasal(tok) is None:
        passive = _child_of(tok, {"nsubjpass", "auxpass"}) is not None
        from_job = any(c.dep_ == "prep" and c.lower_ in ("from", "as") for c in tok.children)
        return passive or from_job or (dobj is not None and _is_people(dobj))
    if lemma == "release" and etype == "RETREAT":
        return obj is None or not (_is_people(obj) or obj_lemma in lex.CAPTIVE_NOUNS)
    if lemma == "share" and etype == "COOPERATE":
        return obj_lemma not in lex.SHARE_OBJECTS
    if lemma == "sign" and etype == "SUPPORT" and dobj is not None:
        return obj_lemma not in lex.SIGN_OBJECTS and (_noun_type(dobj) or ("", 0))[0] != "SUPPORT"
    if lemma == "cut" and etype == "SANCTION":
        return obj_lemma not in lex.CUT_OBJECTS
    if lemma in ("decline", "drop", "fall") and etype == "REJECT":
        if doer is not None and doer.lemma_.lower() in lex.QUANTITY_NOUNS:
            return True
        return dobj is None and _complement(tok) is None  # 'revenue declined 8%': a figure, not a refusal
    if lemma in ("arrive", "travel") and etype == "CONSULT":
        return not (_is_people(doer) and doer.lemma_.lower() not in _PEOPLE_NOUNS | {"officer", "officers"})
    if lemma == "offer" and dobj is not None and obj_lemma in lex.OFFER_SPEECH:
        return True
    if lemma == "plead":  # pleading guilty or innocent is court procedure; 'pleaded with X to' asks
        return not any(c.dep_ == "prep" and c.lower_ in ("with", "for") for c in tok.children)
    if lemma == "prevent" and etype == "COERCE":  # stopping people or their action, not 'preventing bloodshed'
        return not (_is_people(dobj) or obj_lemma in lex.CAPTIVE_NOUNS or (dobj is not None and _noun_type(dobj) is not None))
    if lemma == "beat" and etype == "ASSAULT":  # beating people, not 'beating the count'
        return not (_is_people(dobj) or obj_lemma in lex.CAPTIVE_NOUNS or _phrasal(tok) is not None
                    or any(c.dep_ == "prt" for c in tok.children))
    if lemma == "demonstrate" and etype == "PROTEST":
        return dobj is not None or _child_of(tok, {"ccomp"}) is not None  # 'demonstrated that': showed
    if lemma == "fight" and etype == "ASSAULT":
        return _child_of(tok, {"xcomp"}) is not None  # 'would fight to maintain protections'
    if lemma == "ask" and etype == "REQUEST" and any(
            c.dep_ == "ccomp" and any(m.lower_ in ("whether", "if") or m.tag_ in ("WP", "WRB") for m in c.children)
            for c in tok.children):
        return True  # 'asked whether she ...': a question, not a demand
    if etype == "ASSAULT" and obj_lemma in lex.BODY_PARTS and any(
            c.dep_ == "poss" and c.lower_ in ("his", "her", "their", "its", "my", "our") for c in obj.children):
        return True  # 'injured his knee': a hurt, not an attack
    if etype in ("ASSAULT", "COERCE", "SUPPORT", "SANCTION") and obj_lemma in lex.CONTEST_OBJECTS:
        return True  # 'defend his title', 'lock up the five seed': a contest, not politics
    if lemma in ("insist", "press") and etype == "REQUEST":
        return dobj is None and _complement(tok) is None and not any(c.dep_ == "prep" for c in tok.children)
    if lemma in ("help", "assist", "aid") and etype in ("AID", "AGREE"):
        comp = _child_of(tok, {"xcomp", "ccomp"})
        return comp is not None and dobj is None and _child_of(comp, {"nsubj"}) is None
    return False


def _verb_candidate(tok: Token, consumed: set[int]) -> Candidate | None:
    """Classify one verb, folding in its complement for control verbs (threaten to, refuse to, agree to)."""
    c = _verb_candidate_raw(tok, consumed)
    if c is not None and c.trigger.i == tok.i and _wrong_sense(tok, c.type):
        return None
    return c


def _verb_candidate_raw(tok: Token, consumed: set[int]) -> Candidate | None:
    lemma = lex.lemma_of(tok)
    if tok.dep_ == "amod":
        return None  # 'alleged', 'besieged': participles used as adjectives
    if tok.tag_ in ("VBN", "VBD") and tok.dep_ in ("dobj", "nsubj", "nsubjpass", "pobj") \
            and any(c.dep_ == "det" for c in tok.children):
        return None  # 'evacuated the wounded': a participle used as a noun names people, not an act
    if lemma == "commit":
        to = any(c.dep_ in ("xcomp",) or (c.dep_ == "prep" and c.lower_ == "to") for c in tok.children)
        return Candidate("AGREE", 0.8, tok, tok) if to else None
    if lemma == "meet":
        obj = _object_noun(tok)
        if obj is not None and lex.lemma_of(obj) in lex.MEET_NON_EVENT:
            return None
    comp = _complement(tok)
    comp_type = _base_verb_type(comp) if comp is not None and comp.pos_ in ("VERB", "AUX") else None
    if lemma in lex.THREAT_VERBS:
        if comp is not None:
            consumed.update(t.i for t in comp.subtree if t.pos_ == "VERB")
        return Candidate("THREATEN", 0.9, tok, tok)
    if lemma == "order" and _child_of(tok, {"nsubjpass", "auxpass"}) is not None and comp is not None \
            and lex.lemma_of(comp) in lex.CUSTODY_VERBS:
        consumed.add(comp.i)
        return Candidate("COERCE", 0.75, tok, tok)  # 'was ordered held': a court detains
    if lemma == "rule" and not any(c.dep_ == "prt" and c.lower_ == "out" for c in tok.children):
        return None  # a ruling is a decision; only 'rule out' refuses
    if lemma in ("decline", "refuse") and comp is not None and lex.lemma_of(comp) in lex.NO_COMMENT_VERBS:
        consumed.add(comp.i)
        return None  # 'declined to comment / confirm': no answer given, not a refusal of anything
    if lemma in lex.REFUSAL_VERBS and comp is not None and tok.dep_ != "ccomp":
        consumed.add(comp.i)
        return Candidate("REJECT", 0.85, tok, tok)
    if lemma in lex.REQUEST_VERBS or _phrasal(tok) and _phrasal(tok)[0] == "REQUEST":  # type: ignore[index]
        obj = _object_noun(tok)
        objt = _noun_type(obj) if obj is not None else None
        if objt is not None and objt[0] in _ACCUSE_OBJECTS:
            return Candidate("ACCUSE", 0.8, tok, tok)
        if comp is not None and (comp.dep_ == "xcomp" or lemma not in _XCOMP_ONLY):
            consumed.add(comp.i)
            return Candidate("REQUEST", 0.8, tok, tok)
    via_adjective = comp is not None and comp.head.i != tok.i  # 'is ready to', 'remains prepared to'
    if comp is not None and comp.dep_ == "xcomp" and (lemma in _AGREEING or lemma in _INTENDING or via_adjective):
        if any(c.dep_ == "neg" for c in comp.children) and lemma not in _AGREEING:
            consumed.add(comp.i)
            return None  # 'decided not to defend': an intent not to act is no promise
        if comp_type is not None or lemma in _AGREEING:
            consumed.add(comp.i)
            ct = comp_type[0] if comp_type else "AGREE"
            if ct in lex.THREAT_COLLAPSE and lemma not in _AGREEING:
                return Candidate("THREATEN", 0.75, tok, tok, collapsed=True)
            if ct == "REJECT":
                return Candidate("REJECT", 0.7, tok, tok)
            if ct in lex.CONFLICT and lemma in _AGREEING:
                return Candidate("AGREE", 0.7, tok, tok, collapsed=True)
            if lemma in ("announce", "decide") and ct in ("RETREAT", "CONCEDE"):
                return Candidate("CONCEDE", 0.8, tok, tok, collapsed=True)
            return Candidate("AGREE", 0.8, tok, tok, collapsed=True)
    obj = _object_noun(tok)
    if lemma == "announce" and obj is not None:  # 'announced the withdrawal': a concession not yet carried out
        nt = _noun_type(obj)
        if nt is not None and nt[0] == "RETREAT":
            return Candidate("CONCEDE", 0.8, tok, tok)
    if lemma in lex.EXPEL_VERBS and obj is not None and (obj.lower_ in lex.OFFICIAL_NOUNS or obj.ent_type_ == "PERSON"):
        return Candidate("COERCE", 0.75, tok, tok)  # expelling an individual is coercion, not a cut in relations
    if obj is not None and _eases(tok, lemma, obj):
        return Candidate("CONCEDE", 0.8, tok, tok)  # 'eased the curfew', 'called off the strike'
    if lemma in lex.RELATION_VERBS and obj is not None and obj.lemma_.lower() in lex.RELATION_OBJECTS:
        return Candidate("SUPPORT", 0.8, tok, tok)  # 'restored diplomatic ties'
    if lemma in lex.FORCE_VERBS and obj is not None and obj.lemma_.lower() in lex.FORCE_OBJECTS:
        return Candidate("MOBILIZE", 0.75, tok, tok)  # 'strengthened its forces'
    if lemma in lex.CUTBACK_VERBS and obj is not None:
        nt = _noun_type(obj)
        if nt is not None and nt[0] in ("AID", "COOPERATE", "CONSULT", "SUPPORT"):
            return Candidate("SANCTION", 0.8, tok, tok)
        if obj.lemma_.lower() in lex.CUT_OBJECTS and _to_recipient(tok, obj):
            return Candidate("SANCTION", 0.75, tok, tok)  # 'reduced food supplies to the camp'

    if lemma == "fail" and comp_type is not None and comp_type[0] in ("SUPPORT", "AGREE", "CONSULT"):
        consumed.add(comp.i)  # type: ignore[union-attr]
        return Candidate("REJECT", 0.75, tok, tok)
    base = _base_verb_type(tok)
    if base is None:
        return None
    return Candidate(base[0], base[1], tok, tok)


def _to_recipient(verb: Token, obj: Token) -> bool:
    """A flow with a named receiver: 'supplies to the camp', 'cut exports to Russia'."""
    return any(c.dep_ in ("prep", "dative") and c.lower_ == "to" and _child_of(c, {"pobj"}) is not None
               for c in (*verb.children, *obj.children))


def _eases(tok: Token, lemma: str, obj: Token) -> bool:
    """An undoing verb whose object is a restriction, sanction or protest: a concession ('lifted the ban')."""
    if lemma not in lex.EASE_VERBS or obj.dep_ != "dobj" or _is_people(obj):
        return False  # 'removed the protesters' clears people away; it eases nothing
    if lemma == "call" and not any(c.dep_ == "prt" and c.lower_ == "off" for c in tok.children):
        return False  # only 'call off'; 'call a strike' starts one
    nt = _noun_type(obj)
    return nt is not None and nt[0] in lex.EASED_TYPES


def _frame_verb(noun: Token) -> Token | None:
    """The verb governing an event noun through object/preposition links."""
    cur = noun
    for _ in range(3):
        if cur.dep_ in ("dobj", "pobj", "prep", "nsubjpass", "attr") and cur.head.i != cur.i:
            cur = cur.head
            if cur.pos_ in ("VERB", "AUX"):
                return cur
        else:
            return None
    return None


def _candidates(sent: Span) -> list[Candidate]:
    consumed: set[int] = set()
    out: list[Candidate] = []
    verbs = [t for t in sent if t.pos_ in ("VERB", "AUX") or (t.pos_ == "ADJ" and t.lower_ in ("ready", "willing", "committed"))]
    for tok in verbs:
        if tok.i in consumed:
            continue
        c = _obligation_request(tok, consumed)
        if c is None:
            c = _verb_candidate(tok, consumed)
        if c is not None:
            out.append(c)
    # a reporting verb ('a court was told', 'a group charged') yields to the event it reports
    reported = {c.trigger.i for c in out if speech_governor(c.trigger) is not None}
    out = [
        c for c in out
        if not (lex.lemma_of(c.trigger) in lex.SPEECH_VERBS | {"tell", "charge"}
                and any(ch.dep_ == "ccomp" and any(t.i in reported for t in ch.subtree) for ch in c.trigger.children))
    ]
    covered = {c.trigger.i for c in out} | consumed
    used_objects = set()
    for c in out:
        obj = _object_noun(c.trigger)
        if obj is not None:
            used_objects.add(obj.i)
    for tok in sent:
        if tok.pos_ not in ("NOUN", "PROPN") or tok.i in used_objects or tok.i in covered:
            continue
        nt = _noun_type(tok)
        if nt is None:
            continue
        frame = _frame_verb(tok)
        if frame is not None and frame.i in covered and tok.dep_ == "dobj":
            continue
        has_roles = noun_agent(tok) is not None or bool(noun_targets(tok)) or _purpose_frame(tok) is not None
        weight = nt[1] - (0.0 if has_roles else 0.15)
        out.append(Candidate(nt[0], weight - 0.05, tok, tok, is_noun=True))
    by_index = {c.trigger.i: c for c in out}
    out = [c for c in out if not _absorbed(c, by_index)]
    for c in out:
        c.penalty = 0.06 * min(5.0, _depth(c.trigger))
    return out


def _depth(tok: Token) -> float:
    """Clause depth: how far the trigger sits below the sentence root (conditions and relative clauses count extra)."""
    d = 0.0
    steps = 0
    while tok.head.i != tok.i and steps < 8:
        steps += 1
        if tok.dep_ not in ("xcomp", "aux", "prt", "conj"):
            d += 1
        if tok.dep_ == "advcl" and any(c.dep_ == "mark" and c.lower_ in _SUBORDINATE_MARKS for c in tok.children):
            d += 2
        elif tok.dep_ in ("relcl", "acl"):
            d += 1
        tok = tok.head
    return d


def _absorbed(c: Candidate, by_index: dict[int, Candidate]) -> bool:
    """A demand or complaint voiced by a protest ('rallied demanding reforms') is part of the protest."""
    if c.type not in ("REQUEST", "ACCUSE") or c.trigger.dep_ not in ("advcl", "xcomp", "acl", "conj", "pcomp"):
        return False
    head = c.trigger.head
    if head.dep_ == "prep":
        head = head.head
    owner = by_index.get(head.i)
    return owner is not None and owner.type == "PROTEST"


def _obligation_request(tok: Token, consumed: set[int]) -> Candidate | None:
    """'X said that Y must do Z' is a demand by X on Y (the embedded act is what is demanded, not an event)."""
    if lex.lemma_of(tok) not in lex.SPEECH_VERBS | {"conclude", "reiterate", "insist"}:
        return None
    for ch in tok.children:
        if ch.dep_ == "ccomp" and any(a.lower_ in ("must", "should") and a.dep_ == "aux" for a in ch.children) \
                and not any(a.dep_ == "nsubj" and a.lower_ in ("we", "i") for a in ch.children):
            consumed.update(t.i for t in ch.subtree if t.pos_ in ("VERB", "AUX", "ADJ"))
            return Candidate("REQUEST", 0.8, tok, tok)
    return None


def _clause_span(c: Candidate) -> Span:
    """Evidence: the trigger's clause (with its reporting verb and subject), minus coordinated clauses."""
    doc = c.trigger.doc
    head = c.frame
    if c.is_noun:
        fv = _frame_verb(c.trigger)
        if fv is not None and lex.lemma_of(fv) in lex.LIGHT_VERBS:
            head = fv
        elif _purpose_frame(c.trigger) is not None:
            head = _purpose_frame(c.trigger)  # type: ignore[assignment]
        else:
            toks = list(c.trigger.subtree)
            return doc[toks[0].i : toks[-1].i + 1]
    while head.dep_ in ("xcomp", "acomp") and head.head.i != head.i and head.head.pos_ in ("VERB", "AUX"):
        head = head.head  # 'would continue helping': the clause is headed by 'continue'
    sp = speech_governor(head)
    if sp is not None and sp.i < head.i and head.dep_ == "ccomp" and head.head.i == sp.i:
        top = sp
    else:
        top = head
    drop: set[int] = set()
    for ch in top.children:
        if ch.dep_ in ("conj", "cc", "parataxis") or (ch.dep_ == "advcl" and ch.i > head.i and top is head and len(list(ch.subtree)) > 6):
            drop.update(t.i for t in ch.subtree)
        if ch.dep_ == "punct" and ch.i > head.i:
            drop.add(ch.i)
    toks = [t for t in top.subtree if t.i not in drop]
    if not toks:
        toks = [c.trigger]
    start, end = toks[0].i, toks[-1].i + 1
    while end > start + 1 and (doc[end - 1].is_punct or doc[end - 1].dep_ == "cc"):
        end -= 1
    while start < end - 1 and (doc[start].is_punct or doc[start].dep_ == "cc"):
        start += 1
    return _with_subject(doc[start:end], c.trigger)


_SUBJECTS = ("nsubj", "nsubjpass", "csubj", "agent", "expl")
MAX_EVIDENCE_TOKENS = 40


def _with_subject(span: Span, trigger: Token) -> Span:
    """A report names who acted: a coordinated verb with no subject of its own ('... failed to end the war
    but protected the president') takes the clause of the conjunct whose subject it shares."""
    if any(t.dep_ in _SUBJECTS for t in span):
        return span
    doc = span.doc
    verb = trigger
    while verb.dep_ == "conj" and verb.pos_ in ("VERB", "AUX") and verb.head.i != verb.i:
        verb = verb.head
        if verb.pos_ in ("VERB", "AUX") and any(ch.dep_ in _SUBJECTS for ch in verb.children):
            break
    else:
        return span
    inside = {t.i for t in span}
    drop: set[int] = set()
    for ch in verb.children:
        sub = {t.i for t in ch.subtree}
        if ch.dep_ in ("conj", "cc", "parataxis") and not sub & inside:
            drop |= sub
    toks = [t for t in verb.subtree if t.i not in drop]
    start, end = toks[0].i, toks[-1].i + 1
    while end > start + 1 and (doc[end - 1].is_punct or doc[end - 1].dep_ == "cc"):
        end -= 1
    if end - start > MAX_EVIDENCE_TOKENS or not (start <= span.start and span.end <= end):
        return span
    return doc[start:end]


def _demanded_of(verb: Token, index: MentionIndex) -> list[str | None]:
    """'protested demanding the withdrawal of French troops': the protest targets whoever is to act on the demand."""
    for ch in verb.children:
        if ch.dep_ in ("advcl", "xcomp") and lex.lemma_of(ch) in lex.REQUEST_VERBS:
            obj = _object_noun(ch)
            if obj is None:
                continue
            who = noun_agent(obj)
            keys = [k for k in phrase_actors(who, index) if k is not None] if who is not None else []
            if not keys:
                keys = [k for t in noun_targets(obj) for k in phrase_actors(t, index) if k is not None][:1]
            if keys:
                return keys
    return []


def _joint_meeting_roles(noun: Token, verb: Token, index: MentionIndex) -> tuple[list[str | None], list[str | None]] | None:
    """'Malian minister X spoke at a joint press conference with Lavrov': the guest named after 'with' meets the
    host country, whose official is the clause's subject (visitor -> host, as for visits)."""
    guests = [t for t in noun_targets(noun) if t.head.lower_ == "with"]
    subj = agent_phrase(verb)
    if not guests or subj is None:
        return None
    guest = [k for k in phrase_actors(guests[0], index) if k is not None]
    hosts = {index.actor(m) for t in subj.subtree if (m := index.at(t)) is not None and m.kind == "demonym"}
    hosts = {h for h in hosts if index.is_country(h)}
    if len(guest) != 1 or len(hosts) != 1 or guest[0] in hosts:
        return None
    return guest, list(hosts)


def _roles(c: Candidate, index: MentionIndex) -> tuple[list[str | None], list[str | None]]:
    if c.is_noun:
        agent = noun_agent(c.trigger)
        fv = _frame_verb(c.trigger)
        if agent is None and fv is not None and lex.lemma_of(fv) in lex.LIGHT_VERBS:
            agent = agent_phrase(fv)
        elif agent is None and _purpose_frame(c.trigger) is not None:
            agent = agent_phrase(_purpose_frame(c.trigger))  # type: ignore[arg-type]
        targets = noun_targets(c.trigger)
        if c.type == "CONSULT" and agent is None and fv is not None:
            joint = _joint_meeting_roles(c.trigger, fv, index)
            if joint is not None:
                return joint
    else:
        agent = agent_phrase(c.frame)
        targets = target_phrases(c.frame)
        obj = _object_noun(c.frame)
        if obj is not None and lex.lemma_of(c.frame) in lex.LIGHT_VERBS:
            targets = noun_targets(obj) + [t for t in targets if t.i != obj.i]
    sources = phrase_actors(agent, index) or [None]
    deps = {ch.dep_ for ch in c.frame.children}
    if (not c.is_noun and c.type == "ACCUSE" and c.frame.tag_ == "VBN" and "agent" not in deps
            and ("auxpass" in deps or "aux" not in deps)):
        # 'X (was/stands) accused of ...' with no accuser named: X is accused, the accuser is unnamed
        return [None], [s for s in sources if s is not None] or [None]
    tgts: list[str | None] = [None]
    for t in targets:
        keys = [k for k in phrase_actors(t, index) if k is not None]
        if keys:
            tgts = keys
            break
    if tgts == [None] and c.type == "ACCUSE":
        tgts = list(perpetrators(c.frame, index)) or [None]
    if tgts == [None] and c.type == "SUPPORT" and not c.is_noun:
        # 'defended its decision to seek Russia's assistance': the partner named inside what is defended
        obj = _object_noun(c.frame)
        inner = [k for t in (obj.subtree if obj is not None else ()) if t.pos_ != "PRON"
                 for k in [index.actor(m) for m in [index.at(t)] if m is not None] if k not in sources]
        tgts = inner[:1] or [None]
    if c.type == "AID" and lex.lemma_of(c.trigger) in lex.RECEIVE_VERBS:
        # 'the junta brought in Russian planes': the subject receives, the goods' owner gives
        givers = [k for t in targets for k in phrase_actors(t, index) if k is not None][:1]
        return (givers or [None]), [s for s in sources if s is not None] or [None]
    return sources, tgts


def _back_reference(noun: Token) -> bool:
    """An event noun with a demonstrative and no doer of its own ('This visit', 'that attack') names a known event."""
    return (any(c.dep_ == "det" and c.lower_ in ("this", "that", "these", "those") for c in noun.children)
            and noun_agent(noun) is None)


def _event_modality(c: Candidate) -> str:
    tok = c.trigger
    if c.is_noun:
        fv = _frame_verb(tok)
        mod = modality(fv) if fv is not None else "asserted"
        if any(ch.lower_ in lex.HEDGE_WORDS for ch in tok.children):
            return "reported" if mod == "asserted" else mod
        return mod
    return modality(tok)


def extract_events(
    doc: Doc,
    entities: Sequence[LocalEntity],
    mentions: Sequence[Mention],
    timexes: Sequence[Timex],
    published: str | None,
    min_confidence: float = MIN_CONFIDENCE,
) -> Iterator[Event]:
    """Yield PLOVER events found in the article, one per (source, target) pair, best-supported first per clause."""
    events = list(_extract(doc, entities, mentions, timexes, published, min_confidence))
    events = _statement_dates(doc, _narrative_dates(doc, events), timexes)
    yield from _merge_repeats(events)


def _statement_dates(doc: Doc, events: list[Event], timexes: Sequence[Timex]) -> list[Event]:
    """A paragraph that opens with a dated statement ('the ministry denied on Monday that ...') goes on
    reporting that statement: undated reported speech later in the same paragraph takes its day."""
    sents = list(doc.sents)
    starts = [s.start_char for s in sents]
    spoken: dict[int, str] = {}  # sentence index -> day of a speech act told in it
    for k, sent in enumerate(sents):
        for t in sentence_timexes(sent, timexes):
            if precision_of(t.value) != "day":
                continue
            span = doc.char_span(t.start, t.end, alignment_mode="expand")
            head = span.root.head if span is not None else None
            if head is not None and head.dep_ == "prep":
                head = head.head
            if head is not None and lex.lemma_of(head) in lex.SPEECH_VERBS | DENIAL_VERBS | {"accuse", "announce"}:
                spoken[k] = t.value
    out: list[Event] = []
    for e in events:
        k = bisect_right(starts, e.start) - 1
        trig = doc.char_span(e.start, e.end, alignment_mode="expand")
        tok = next((t for t in trig if t.text == e.trigger), None) if trig is not None else None
        if e.date is None and tok is not None and any(lex.lemma_of(a) in lex.SPEECH_VERBS for a in tok.ancestors):
            for j in range(k - 1, max(-1, k - 5), -1):
                if "\n" in doc.text[sents[j].end_char : sents[j + 1].start_char]:
                    break
                if j in spoken:
                    e = replace(e, date=spoken[j], date_precision="day")
                    break
        out.append(e)
    return out


def _narrative_dates(doc: Doc, events: list[Event]) -> list[Event]:
    """Reference time carries over to the next sentence of the same paragraph when it continues with the same actors.

    Only past-tense asserted events with no date of their own inherit, and only from the sentence just before.
    """
    sent_of = {}
    sents = list(doc.sents)
    starts = [s.start_char for s in sents]
    for e in events:
        sent_of[id(e)] = bisect_right(starts, e.start) - 1
    out: list[Event] = []
    by_sent: dict[int, list[Event]] = {}
    for e in events:
        by_sent.setdefault(sent_of[id(e)], []).append(e)
    for e in events:
        k = sent_of[id(e)]
        prev = [p for p in by_sent.get(k - 1, []) if p.date and p.date_precision in ("day", "month")]
        actors = {e.source, e.target} - {None}
        if e.date is None and e.modality == "asserted" and prev and k > 0 and actors:
            gap = doc.text[sents[k - 1].end_char : sents[k].start_char]
            trig = doc.char_span(e.start, e.end, alignment_mode="expand")
            past = trig is not None and any(t.tag_ in ("VBD", "VBN") for t in trig if t.text == e.trigger)
            ref = next((p for p in prev if actors & {p.source, p.target}), None)
            if ref is not None and "\n" not in gap and past:
                e = replace(e, date=ref.date, date_precision=ref.date_precision, confidence=round(e.confidence * 0.9, 3))
        out.append(e)
    return out


_PRECISION = {"day": 3, "month": 2, "year": 1}


def _merge_repeats(events: list[Event]) -> Iterator[Event]:
    """An article that tells one event twice ("traveled to Bamako" ... "his first visit") reports one event:
    mentions with the same type and the same known source and target, and dates that do not disagree, merge
    into the first mention, which takes the most precise date and the highest confidence."""
    kept: list[Event] = []
    for e in events:
        twin = None
        if e.source and e.target and e.modality == "asserted":  # a reported and an asserted telling stay apart
            twin = next((k for k in kept if (k.type, k.source, k.target) == (e.type, e.source, e.target)
                         and k.modality == e.modality and _dates_agree(k.date, e.date)), None)
        if twin is None:
            kept.append(e)
            continue
        best = max((twin, e), key=lambda x: _PRECISION.get(x.date_precision or "", 0))
        kept[kept.index(twin)] = replace(twin, date=best.date, date_precision=best.date_precision,
                                         confidence=max(twin.confidence, e.confidence))
    yield from kept


def _dates_agree(a: str | None, b: str | None) -> bool:
    return not a or not b or a.startswith(b) or b.startswith(a)


def _extract(
    doc: Doc,
    entities: Sequence[LocalEntity],
    mentions: Sequence[Mention],
    timexes: Sequence[Timex],
    published: str | None,
    min_confidence: float,
) -> Iterator[Event]:
    index = MentionIndex(mentions, entities)
    seen_types: set[str] = set()
    day_timexes = sorted((t for t in timexes if len(t.value) == 10 and t.value[4] == "-"), key=lambda t: t.start)
    for sent in doc.sents:
        if _is_address_line(sent):
            continue
        prev_day = None
        for t in day_timexes:
            if t.end <= sent.start_char:
                prev_day = t
        for c in sorted(_candidates(sent), key=lambda c: -c.weight):
            if c.weight - 0.5 * c.penalty < min_confidence:
                continue
            mod = _event_modality(c)
            etype = c.type
            if mod == "denied" and denial_governor(c.trigger) is None:
                if etype in ("AGREE", "CONSULT") or lex.lemma_of(c.trigger) in lex.ACCEPT_VERBS:
                    etype, mod = "REJECT", "asserted"  # 'will not accept refugees', 'would not meet the demands'
                else:
                    continue  # a plain negated event did not happen (PLOVER drops negations)
            if mod == "future" and not c.collapsed and not c.is_noun:
                if etype in lex.FUTURE_COLLAPSE:
                    etype, mod = lex.FUTURE_COLLAPSE[etype], "asserted"
                elif etype in lex.THREAT_COLLAPSE:
                    etype, mod = "THREATEN", "asserted"
            elif c.collapsed and mod in ("future", "reported") and speech_governor(c.trigger) is None:
                mod = "asserted"
            if c.collapsed and mod == "future":
                mod = "asserted"
            if c.is_noun and etype in seen_types and _back_reference(c.trigger):
                continue  # 'this visit' points back at an event already reported
            clause = _clause_span(c)
            sources, targets = _roles(c, index)
            loc = location_of(list(clause), index)
            if etype in ("RETREAT", "CONCEDE", "MOBILIZE") and targets == [None] and loc is not None:
                # 'withdrawal ... in Mali', 'deployed troops in Mali': the place's country is the recipient
                place = country_place(list(clause), index)
                if place is not None and place not in sources:
                    targets = [place]
            if etype == "PROTEST" and targets == [None] and not c.is_noun:
                targets = _demanded_of(c.trigger, index) or targets
            if etype == "CONSULT" and targets == [None] and loc is not None:
                # a visit's host is the place visited (a capital acts as its country)
                host = index.actor_of_key(loc)
                targets = [host] if host not in sources else [None]
            date, prec = event_date(c.trigger, clause, timexes, published, prev_day)
            if sources == [None] and targets == [None] and c.weight - 0.5 * c.penalty < min_confidence + _ANONYMOUS_MARGIN:
                continue  # an event with no named participant needs stronger wording to be worth keeping
            seen_types.add(etype)
            conf = round(min(1.0, max(0.0, c.weight - c.penalty + (0.1 if sources != [None] else 0.0))), 3)
            for s in sources:
                for t in targets:
                    if t is not None and t == s:
                        t = None
                    yield Event(
                        type=etype, source=s, target=t, evidence=clause.text, start=clause.start_char,
                        end=clause.end_char, trigger=c.trigger.text, location=loc, date=date,
                        date_precision=prec, modality=mod, confidence=conf,
                    )
        yield from _stance_events(sent, index, timexes, published, prev_day)


def _is_address_line(sent: Span) -> bool:
    """A web address or URL slug left in the body ('site.com / world / son-suspected-of-killing') tells no event."""
    text = sent.text
    return text.count("/") >= 3 or "http" in text or "www." in text


def _occasion_date(sent: Span, timexes: Sequence[Timex]) -> tuple[str | None, str | None]:
    """The one day or month a sentence dates its remarks to (none if it gives several)."""
    values = {calendar_value(t.value) for t in sentence_timexes(sent, timexes)
              if precision_of(t.value) in ("day", "month")}
    if len(values) != 1:
        return None, None
    value = values.pop()
    return value, precision_of(value)


def _person_antecedent(tok: Token, index: MentionIndex) -> Token:
    """'he stressed', 'in his opinion': the person named last before the pronoun (speakers are people)."""
    if tok.lower_ not in ("he", "she", "his", "her"):
        return tok
    doc = tok.doc
    for i in range(tok.i - 1, max(-1, tok.sent.start - 80), -1):
        m = index.at(doc[i])
        if m is not None and m.type == "PERSON":
            return doc[i]
    return tok


def _stance_events(sent: Span, index: MentionIndex, timexes: Sequence[Timex], published: str | None,
                   prev_day: Timex | None) -> Iterator[Event]:
    """Support or rejection voiced in reported speech: the speaker is the source."""
    for st in stances(sent):
        speaker = _person_antecedent(st.speaker, index)
        sources = [k for k in phrase_actors(speaker, index) if k is not None]
        if not sources:
            continue  # an unnamed voice's opinion is not an event
        targets: list[str | None] = [None]
        for phrase in st.about:
            keys = [k for k in phrase_actors(phrase, index) if k is not None and k not in sources]
            if keys:
                targets = keys[:1]
                break
        date, prec = event_date(st.trigger, st.evidence, timexes, published, prev_day)
        if date is None and speaker.i != st.speaker.i and speaker.sent.start != sent.start:
            date, prec = _occasion_date(speaker.sent, timexes)  # 'he stressed': the remarks reported just before
        loc = location_of(list(st.evidence), index)
        for s in sources:
            for t in targets:
                yield Event(
                    type=st.type, source=s, target=t, evidence=st.evidence.text, start=st.evidence.start_char,
                    end=st.evidence.end_char, trigger=st.trigger.text, location=loc, date=date,
                    date_precision=prec, modality="asserted", confidence=0.65,
                )

"""Trigger finding: which verbs and event nouns of a sentence name a PLOVER event, with control verbs folded in."""
from __future__ import annotations

from dataclasses import dataclass

from spacy.tokens import Span, Token

from .doc_tree import attrs, children, span_tokens
from . import plover_lexicon as lex
from .event_actors import noun_agent, noun_targets
from .event_nominals import names_occurrence, told_as_occurrence
from .event_typing import base_verb_type, child_of, complement, eases, noun_type, object_noun, phrasal, through_quantity, to_recipient, wrong_sense
from .modality import speech_governor


_AGREEING = {"agree", "accept", "offer", "promise", "pledge", "commit", "volunteer", "consent", "ready", "willing"}


_INTENDING = {"plan", "intend", "prepare", "vow", "swear", "decide", "announce", "aim", "seek", "want", "say",
              "prepared", "determined", "resolve", "confirm"}


_ACCUSE_OBJECTS = {"ACCUSE", "SANCTION"}


# Acts that are harm to someone: promised, they are a threat (PLOVER THREATEN), as a promised punishment is.
_HARM = {"SANCTION", "COERCE", "ASSAULT"}


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
    occurred: bool = False  # told as having taken place (event_nominals): an event even with no named actor
    obliged: bool = False  # a stated obligation ('Israel must cease ...'): the subject is the one asked, not the asker


def purpose_frame(noun: Token) -> Token | None:
    """'X is in Baghdad for talks': the copula whose subject takes part in the event named as its purpose."""
    if noun.dep_ == "pobj" and noun.head.lower_ == "for" and noun.head.dep_ == "prep":
        verb = noun.head.head
        if verb.lemma_ == "be" and any(c.dep_ == "nsubj" for c in children(verb)):
            return verb
    return None


def frame_verb(noun: Token) -> Token | None:
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


_READY_ADJECTIVES = frozenset(lex.READY_WORDS | {"committed"})
_REPORTING_VERBS = frozenset(lex.SPEECH_VERBS | {"tell", "charge"})


def candidates(sent: Span) -> list[Candidate]:
    consumed: set[int] = set()
    out: list[Candidate] = []
    toks = span_tokens(sent)  # the sentence's tokens, made once per Doc
    a = attrs(sent.doc)  # their pos_/lower_ read once per Doc
    pos_of, lower_of = a.pos, a.lower
    verbs = [t for t in toks if (pos := pos_of[t.i]) in ("VERB", "AUX") or (pos == "ADJ" and lower_of[t.i] in _READY_ADJECTIVES)]
    for tok in verbs:
        if tok.i in consumed:
            continue
        c = _obligation_request(tok, consumed) or _stated_obligation(tok, consumed) or _crowd_act(tok, consumed)
        if c is None:
            c = _verb_candidate(tok, consumed)
        if c is not None:
            out.append(c)
    # a reporting verb ('a court was told', 'a group charged') yields to the event it reports
    reported = {c.trigger.i for c in out if speech_governor(c.trigger) is not None}
    out = [
        c for c in out
        if not (lex.lemma_of(c.trigger) in _REPORTING_VERBS
                and any(ch.dep_ == "ccomp" and any(t.i in reported for t in ch.subtree) for ch in children(c.trigger)))
    ]
    covered = {c.trigger.i for c in out} | consumed
    used_objects = set()
    for c in out:
        obj = object_noun(c.trigger)
        if obj is not None:
            used_objects.add(obj.i)
    for tok in toks:
        if pos_of[tok.i] not in ("NOUN", "PROPN") or tok.i in used_objects or tok.i in covered:
            continue
        nt = noun_type(tok)
        if nt is None:
            continue
        frame = frame_verb(tok)
        if frame is not None and frame.i in covered and tok.dep_ == "dobj":
            continue
        has_roles = noun_agent(tok) is not None or bool(noun_targets(tok)) or purpose_frame(tok) is not None
        weight = nt[1] - (0.0 if has_roles else 0.15)
        occurred = names_occurrence(tok, nt[0])  # 'talks were held', 'last week's summit': as good as a named doer
        if occurred:
            weight += 0.15
        out.append(Candidate(nt[0], weight - 0.05, tok, tok, is_noun=True, occurred=occurred))
    # (_blame asks for 'responsible' or a lemma 'responsibility': most tokens are neither)
    out.extend(blame for tok in toks if tok.i not in covered and (lower_of[tok.i] == "responsible"
               or a.lemma[tok.i].lower() == "responsibility") and (blame := _blame(tok)) is not None)
    by_index = {c.trigger.i: c for c in out}
    out = [c for c in out if not _absorbed(c, by_index)]
    for c in out:
        c.penalty = 0.06 * min(5.0, _depth(c.trigger))
        if not c.is_noun:
            c.occurred = c.occurred or told_as_occurrence(c.trigger)
    return out


# Verbs whose protester subject is not acting in the street: states ('became trapped'), what befalls the crowd
# ('faced', 'suffered'), what its acts caused ('touched off controversy', 'drew criticism'); speech, demands and
# threats keep their own types.
_NOT_CROWD_ACTS = {"be", "become", "remain", "get", "have", "do", "seem", "appear", "include", "number", "face", "suffer",
                   "touch", "spark", "cause", "draw", "receive", "need", "want", "hope", "fear"}


def _crowd_act(tok: Token, consumed: set[int]) -> Candidate | None:
    """'protesters blocked roads', 'demonstrators toppled a statue of Maduro', 'Protesters took to the streets',
    'Demonstrators in Baghdad blocked a road' (PLOVER GSR): what a crowd of protesters does in the street is
    their protest (PLOVER PROTEST: demonstrate, riot, obstruct, vandalize), told as having taken place."""
    subj = child_of(tok, {"nsubj"})
    if subj is None or tok.pos_ != "VERB" or lex.lemma_of(subj) not in lex.PROTESTER_NOUNS:
        return None
    lemma = lex.lemma_of(tok)
    if (lemma in _NOT_CROWD_ACTS or lemma in lex.SPEECH_VERBS or lemma in lex.REQUEST_VERBS or lemma in lex.THREAT_VERBS
            or any(c.dep_ == "neg" for c in children(tok))):
        return None
    consumed.add(subj.i)
    return Candidate("PROTEST", 0.8, tok, tok, occurred=True)


def _warning(tok: Token, comp: Token | None, consumed: set[int]) -> Candidate | None:
    """'warn' threatens only when the harm is the speaker's own act; 'warned against travel' advises, and 'warned
    that the killing would boost tensions' criticises someone else's act (ACCUSE); None keeps the threat."""
    if lex.lemma_of(tok) != "warn":
        return None
    if any(c.dep_ == "prep" and c.lower_ == "against" for c in children(tok)) and comp is None:
        return Candidate("REQUEST", 0.3, tok, tok)  # advice, too weak to stand alone
    if comp is None or comp.dep_ != "ccomp":
        return None
    comp_type = base_verb_type(comp) if comp.pos_ in ("VERB", "AUX") else None
    subj = child_of(comp, {"nsubj", "nsubjpass"})
    own = subj is not None and (subj.lower_ in ("we", "i", "it", "they") or subj.text == (child_of(tok, {"nsubj"}) or tok).text)
    conditional = any(c.dep_ == "advcl" and any(m.lower_ in ("if", "unless") for m in children(c)) for c in children(comp))
    if own or conditional or (comp_type is not None and comp_type[0] in lex.THREAT_COLLAPSE):
        return None
    consumed.add(comp.i)
    return Candidate("ACCUSE", 0.65, tok, tok)


def _readiness(tok: Token, consumed: set[int]) -> Candidate | None:
    """'ready for talks with Ukraine', 'open to discussing a deal': a stated willingness to cooperate is AGREE."""
    for prep in children(tok):
        if prep.dep_ != "prep" or prep.lower_ not in ("for", "to"):
            continue
        for inner in children(prep):
            kind = noun_type(inner) if inner.pos_ in ("NOUN", "PROPN") else base_verb_type(inner)
            if kind is not None and kind[0] in lex.COOPERATIVE | {"CONSULT"}:
                consumed.add(inner.i)
                return Candidate("AGREE", 0.7, tok, tok, collapsed=True)
    return None


_CLAIMING = {"claim", "take", "assume", "accept", "deny", "share", "shoulder", "admit"}


def _blame(tok: Token) -> Candidate | None:
    """'X were responsible for the deaths', 'the US bore responsibility for the consequences', 'responsibility rests
    with X': laying blame is an accusation (CAMEO 112). Claiming or accepting responsibility oneself is not."""
    if tok.lower_ == "responsible" and tok.pos_ == "ADJ":
        if not any(c.dep_ == "prep" and c.lower_ == "for" for c in children(tok)):
            return None
    elif tok.lemma_.lower() == "responsibility" and tok.pos_ == "NOUN":
        if lex.lemma_of(tok.head) in _CLAIMING or any(c.dep_ == "poss" and c.lower_ in ("our", "my") for c in children(tok)):
            return None
        if not any(c.dep_ == "prep" and c.lower_ in ("for", "with") for c in children(tok)) and tok.dep_ != "dobj":
            return None
    else:
        return None
    if any(c.dep_ == "neg" for c in children(tok.head)) or any(c.dep_ == "neg" for c in children(tok)):
        return None
    return Candidate("ACCUSE", 0.8, tok, tok, is_noun=True)


def _verb_candidate(tok: Token, consumed: set[int]) -> Candidate | None:
    """Classify one verb, folding in its complement for control verbs (threaten to, refuse to, agree to)."""
    c = _verb_candidate_raw(tok, consumed)
    if c is not None and c.trigger.i == tok.i and wrong_sense(tok, c.type):
        return None
    if c is not None and c.type == "MOBILIZE" and c.trigger.i == tok.i and _sent_to_help(tok) is not None:
        consumed.add(_sent_to_help(tok).i)  # type: ignore[union-attr]
        return Candidate("AID", max(c.weight, 0.7), tok, tok)
    return c


def _sent_to_help(tok: Token) -> Token | None:
    """'Nigerian troops were deployed to Benin to help foil the coup attempt' (d8b), 'Moscow sent instructors to the
    region to train personnel of the Armed Forces' (d6a): forces sent with the purpose of helping or training
    another side are military aid (PLOVER AID), not a show of force; the purpose verb is part of the act."""
    for ch in children(tok):
        if ch.dep_ in ("advcl", "xcomp") and ch.tag_ == "VB" and any(a.dep_ == "aux" and a.lower_ == "to" for a in children(ch)):
            entry = lex.verb_entry(lex.lemma_of(ch))
            if entry is not None and entry[0] == "AID" and lex.lemma_of(ch) in lex.HELP_VERBS:
                return ch
    return None


def _verb_candidate_raw(tok: Token, consumed: set[int]) -> Candidate | None:
    lemma = lex.lemma_of(tok)
    if tok.dep_ == "amod":
        return None  # 'alleged', 'besieged': participles used as adjectives
    if tok.tag_ in ("VBN", "VBD") and tok.dep_ in ("dobj", "nsubj", "nsubjpass", "pobj") \
            and any(c.dep_ == "det" for c in children(tok)):
        return None  # 'evacuated the wounded': a participle used as a noun names people, not an act
    if lemma == "commit":
        to = any(c.dep_ in ("xcomp",) or (c.dep_ == "prep" and c.lower_ == "to") for c in children(tok))
        return Candidate("AGREE", 0.8, tok, tok) if to else None
    if lemma == "meet":
        obj = object_noun(tok)
        if obj is not None and lex.lemma_of(obj) in lex.MEET_NON_EVENT:
            return None
    comp = complement(tok)
    comp_type = base_verb_type(comp) if comp is not None and comp.pos_ in ("VERB", "AUX") else None
    if lemma in lex.THREAT_VERBS:
        warned = _warning(tok, comp, consumed)
        if warned is not None:
            return warned
        if comp is not None:
            consumed.update(t.i for t in comp.subtree if t.pos_ == "VERB")
        return Candidate("THREATEN", 0.9, tok, tok)
    if tok.lower_ in lex.READY_WORDS and tok.pos_ == "ADJ":
        return _readiness(tok, consumed)
    if lemma == "evacuate" and (obj := object_noun(tok)) is not None and obj.lower_ in lex.PULLOUT_OBJECTS:
        return Candidate("RETREAT", 0.7, tok, tok)  # 'evacuated their embassies': pulling one's own people out
    if lemma == "order" and child_of(tok, {"nsubjpass", "auxpass"}) is not None and comp is not None \
            and lex.lemma_of(comp) in lex.CUSTODY_VERBS:
        consumed.add(comp.i)
        return Candidate("COERCE", 0.75, tok, tok)  # 'was ordered held': a court detains
    if lemma == "rule" and not any(c.dep_ == "prt" and c.lower_ == "out" for c in children(tok)):
        return None  # a ruling is a decision; only 'rule out' refuses
    if lemma in ("decline", "refuse") and comp is not None and lex.lemma_of(comp) in lex.NO_COMMENT_VERBS:
        consumed.update(t.i for t in comp.subtree)  # what was not confirmed is not an event either
        return None  # 'declined to comment / confirm': no answer given, not a refusal of anything
    if lemma in lex.REFUSAL_VERBS and comp is not None and tok.dep_ != "ccomp":
        consumed.add(comp.i)
        return Candidate("REJECT", 0.85, tok, tok)
    if lemma in lex.REQUEST_VERBS or phrasal(tok) and phrasal(tok)[0] == "REQUEST":  # type: ignore[index]
        obj = object_noun(tok)
        objt = noun_type(obj) if obj is not None else None
        if objt is not None and objt[0] in _ACCUSE_OBJECTS:
            return Candidate("ACCUSE", 0.8, tok, tok)
        if comp is not None and (comp.dep_ == "xcomp" or lemma not in _XCOMP_ONLY):
            consumed.add(comp.i)
            return Candidate("REQUEST", 0.8, tok, tok)
    if lemma in ("vow", "swear") and comp is not None and comp_type is None:
        return None  # 'vowed to defeat Russian forces by ...', 'vowed that his work will not be stopped': a vow to
        # do an act of no PLOVER type promises no cooperation (a typed act still collapses below: 'sworn to fight')
    via_adjective = comp is not None and comp.head.i != tok.i  # 'is ready to', 'remains prepared to'
    if comp is not None and comp.dep_ == "xcomp" and (lemma in _AGREEING or lemma in _INTENDING or via_adjective):
        if any(c.dep_ == "neg" for c in children(comp)) and lemma not in _AGREEING:
            consumed.add(comp.i)
            return None  # 'decided not to defend': an intent not to act is no promise
        if comp_type is not None or lemma in _AGREEING:
            consumed.add(comp.i)
            ct = comp_type[0] if comp_type else "AGREE"
            if lemma == "decide" and ct not in ("RETREAT", "CONCEDE"):
                return Candidate(ct, max(0.7, comp_type[1]) if comp_type else 0.7, tok, tok)  # the decision is the act
            if ct in lex.THREAT_COLLAPSE and lemma not in _AGREEING:
                return Candidate("THREATEN", 0.75, tok, tok, collapsed=True)
            if ct == "REJECT":
                return Candidate("REJECT", 0.7, tok, tok)
            if ct in _HARM and lemma in lex.PROMISE_VERBS:
                return Candidate("THREATEN", 0.75, tok, tok, collapsed=True)  # 'promising to punish those responsible'
            if ct in lex.CONFLICT and lemma in _AGREEING:
                return Candidate("AGREE", 0.7, tok, tok, collapsed=True)
            if lemma in ("announce", "decide") and ct in ("RETREAT", "CONCEDE"):
                return Candidate("CONCEDE", 0.8, tok, tok, collapsed=True)
            return Candidate("AGREE", 0.8, tok, tok, collapsed=True)
    obj = object_noun(tok)
    if lemma in lex.DECLARING_VERBS and obj is not None:  # 'announced the withdrawal', 'declared a ceasefire':
        nt = noun_type(obj)  # a concession not yet carried out
        if nt is not None and nt[0] == "RETREAT":
            return Candidate("CONCEDE", 0.8, tok, tok)
    if lemma in lex.PROMISE_VERBS and obj is not None and phrasal(tok) is None:
        promised = _promised(lemma, obj)
        if promised is not None:
            return Candidate(promised, 0.8, tok, tok, collapsed=True)
    if lemma in lex.EXPEL_VERBS and obj is not None and (obj.lower_ in lex.OFFICIAL_NOUNS or obj.ent_type_ == "PERSON"):
        return Candidate("COERCE", 0.75, tok, tok)  # expelling an individual is coercion, not a cut in relations
    if obj is not None and eases(tok, lemma, obj):
        return Candidate("CONCEDE", 0.8, tok, tok)  # 'eased the curfew', 'called off the strike'
    if lemma in lex.RELATION_VERBS and obj is not None and obj.lemma_.lower() in lex.RELATION_OBJECTS:
        return Candidate("SUPPORT", 0.8, tok, tok)  # 'restored diplomatic ties'
    if lemma in lex.FORCE_VERBS and obj is not None and obj.lemma_.lower() in lex.FORCE_OBJECTS:
        return Candidate("MOBILIZE", 0.75, tok, tok)  # 'strengthened its forces'
    if lemma in lex.RECEIVE_VERBS and obj is not None and obj.lemma_.lower() in lex.WEAPON_NOUNS and phrasal(tok) is None:
        return Candidate("AID", 0.7, tok, tok)  # 'Ethiopia received military drones': arms given to the subject
    if lemma in lex.MOVE_VERBS and obj is not None and _force(obj) and phrasal(tok) is None:
        return Candidate("MOBILIZE", 0.75, tok, tok)  # 'brought a dozen warplanes to al-Jufra', 'maintain forces in X'
    if lemma in lex.USE_VERBS and _weapon_used(tok):
        return Candidate("ASSAULT", 0.75, tok, tok)  # 'police were using teargas on protesters', 'bullets were used'
    caused = _causative(tok)
    if caused is not None:
        consumed.add(caused[0].i)
        return Candidate(caused[1][0], caused[1][1], tok, tok)
    if lemma in lex.CUTBACK_VERBS and obj is not None:
        nt = noun_type(obj)
        if nt is not None and nt[0] in ("AID", "COOPERATE", "CONSULT", "SUPPORT"):
            return Candidate("SANCTION", 0.8, tok, tok)
        if obj.lemma_.lower() in lex.CUT_OBJECTS and to_recipient(tok, obj):
            return Candidate("SANCTION", 0.75, tok, tok)  # 'reduced food supplies to the camp'

    if lemma == "fail" and comp_type is not None and comp_type[0] in ("SUPPORT", "AGREE", "CONSULT"):
        consumed.add(comp.i)  # type: ignore[union-attr]
        return Candidate("REJECT", 0.75, tok, tok)
    base = base_verb_type(tok)
    if base is None:
        return None
    return Candidate(base[0], base[1], tok, tok)


def _promised(lemma: str, obj: Token) -> str | None:
    """What promising or offering a thing is: harm ('vowed severe punishment', 'promised retaliation') threatens;
    cooperation ('offering his hosts close cooperation', 'pledged aid') is AGREE; a pull-out is a concession."""
    nt = noun_type(obj)
    if nt is None or nt[1] < 0.35:
        return None
    if nt[0] in lex.THREAT_COLLAPSE | {"SANCTION", "COERCE"}:
        return "THREATEN"
    if nt[0] == "SUPPORT" and lemma in lex.EXPRESSING_VERBS:
        return None  # 'offered condolences', 'extended support': the backing itself (the light verb types it)
    return lex.FUTURE_COLLAPSE.get(nt[0])


def _weapon_used(tok: Token) -> bool:
    """'police were using teargas on peaceful protesters' (d7a), 'Live and rubber bullets were used in Kachin state'
    (d7c), 'used tear gas to disperse demonstrators' (GSR): arms or crowd-control weapons put to use are force
    (PLOVER ASSAULT, mode crowd-control / firearms)."""
    used = child_of(tok, {"dobj", "nsubjpass"})
    if used is None:
        return False
    used = through_quantity(used)
    return used.lemma_.lower() in lex.USED_WEAPONS or used.lower_ in lex.USED_WEAPONS


def _force(noun: Token) -> bool:
    """An armed force or its machines: 'troops', 'its warplanes', 'more than a dozen jets'."""
    word = noun.lemma_.lower()
    return word in lex.FORCE_OBJECTS or word in lex.MILITARY_UNITS or noun.lower_ in lex.MILITARY_UNITS


def _causative(tok: Token) -> tuple[Token, tuple[str, float]] | None:
    """'Russia had its warplanes moved to al-Jufra', 'had the journalists arrested': the one who has it done
    does the act of the participle (a force moved is a deployment, other acts keep their own type)."""
    if lex.lemma_of(tok) not in ("have", "get"):
        return None
    done = next((c for c in children(tok) if c.dep_ in ("ccomp", "xcomp") and c.tag_ == "VBN"), None)
    if done is None:
        return None
    causee = child_of(done, {"nsubj", "nsubjpass"})
    if causee is None or causee.pos_ == "PRON" and causee.lower_ in ("it", "this", "that"):
        return None
    if lex.lemma_of(done) in lex.MOVE_VERBS and _force(through_quantity(causee)):
        return done, ("MOBILIZE", 0.75)
    base = lex.verb_entry(lex.lemma_of(done))
    if base is None or base[0] not in ("COERCE", "ASSAULT", "SANCTION", "RETREAT"):
        return None
    return done, base


def _depth(tok: Token) -> float:
    """Clause depth: how far the trigger sits below the sentence root (conditions and relative clauses count extra)."""
    d = 0.0
    steps = 0
    while tok.head.i != tok.i and steps < 8:
        steps += 1
        if tok.dep_ not in ("xcomp", "aux", "prt", "conj"):
            d += 1
        if tok.dep_ == "advcl" and any(c.dep_ == "mark" and c.lower_ in _SUBORDINATE_MARKS for c in children(tok)):
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


_GENERIC_SPEAKERS = {"some", "many", "others", "one", "critics", "observers", "analysts", "experts", "people", "few"}


def _obligation_request(tok: Token, consumed: set[int]) -> Candidate | None:
    """'X said that Y must do Z' is a demand by X on Y (the embedded act is what is demanded, not an event)."""
    if lex.lemma_of(tok) not in lex.SPEECH_VERBS | {"conclude", "reiterate", "insist"}:
        return None
    speaker = child_of(tok, {"nsubj"})
    if (speaker is not None and speaker.lower_ in _GENERIC_SPEAKERS) or any(
            c.dep_ == "aux" and c.lower_ in ("may", "might", "could") for c in children(tok)):
        for ch in children(tok):  # 'Some may argue that the UN should ...': no actor demands anything, nothing happened
            if ch.dep_ == "ccomp" and any(a.lower_ in ("must", "should") and a.dep_ == "aux" for a in children(ch)):
                consumed.update(t.i for t in ch.subtree if t.pos_ in ("VERB", "AUX", "ADJ"))
        return None
    for ch in children(tok):
        if ch.dep_ == "ccomp" and any(a.lower_ in ("must", "should") and a.dep_ == "aux" for a in children(ch)) \
                and not any(a.dep_ == "nsubj" and a.lower_ in ("we", "i") for a in children(ch)):
            consumed.update(t.i for t in ch.subtree if t.pos_ in ("VERB", "AUX", "ADJ"))
            if lex.lemma_of(ch) in _BACKING_VERBS:
                return Candidate("SUPPORT", 0.8, tok, tok)  # 'X said Iraq's sovereignty must be respected': backing
            return Candidate("REQUEST", 0.8, tok, tok)
    return None


_OBLIGING = {"must", "should"}


def _stated_obligation(tok: Token, consumed: set[int]) -> Candidate | None:
    """'Israel must immediately cease its aggressive actions.', 'The international community must now take
    action': a main clause that obliges a named other party is a demand on it (PLOVER REQUEST), said by whoever
    speaks the sentence (a statement, a quote). Not 'we must' (a resolve), not a negated 'should not'."""
    if tok.dep_ != "ROOT" or not any(a.dep_ == "aux" and a.lower_ in _OBLIGING for a in children(tok)):
        return None
    subj = child_of(tok, {"nsubj"})
    if subj is None or subj.pos_ == "PRON" or subj.lower_ in _GENERIC_SPEAKERS or any(c.dep_ == "neg" for c in children(tok)):
        return None
    if lex.lemma_of(tok) in lex.SPEECH_VERBS or child_of(tok, {"nsubjpass"}) is not None:
        return None
    if any(c.dep_ in ("parataxis", "ccomp", "advcl") and lex.lemma_of(c) in lex.SPEECH_VERBS for c in children(tok)):
        return None  # '"X must ...," Erdogan said': the reported demand, with its speaker, is found from the speech verb
    consumed.update(t.i for t in tok.subtree if t.pos_ in ("VERB", "AUX", "ADJ") and t.i != tok.i)
    if lex.lemma_of(tok) in _BACKING_VERBS:
        return Candidate("SUPPORT", 0.65, tok, tok, obliged=True)
    return Candidate("REQUEST", 0.65, tok, tok, obliged=True)


# Verbs whose obligation voices backing for the one respected ('Iraq's sovereignty must be respected', 'should fully
# respect South Sudan's leadership'): the speaker stands behind that party more than it asks anything of anyone.
_BACKING_VERBS = {"respect", "uphold", "recognise", "recognize", "honour", "honor", "safeguard", "preserve"}

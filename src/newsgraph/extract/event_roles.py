"""Which phrase of a clause plays which role: the doer of a verb or event noun and its recipients, as tokens
(event_actors turns them into entity keys)."""
from __future__ import annotations

from spacy.tokens import Token

from .doc_tree import children

TARGET_PREPS = {"to", "with", "against", "on", "into", "from", "toward", "towards", "upon", "over", "of"}
PREP_ORDER = {"against": 0, "on": 1, "upon": 1, "with": 2, "to": 3, "toward": 3, "towards": 3, "into": 4, "from": 5, "over": 6, "of": 7}
PRONOUNS = {"he", "she", "him", "her", "it", "they", "them", "we"}
MANDATIVE = {"insist", "demand", "urge", "ask", "require", "request", "propose", "recommend", "order", "command"}
CAUSATIVES = {"help", "assist", "let", "make", "allow", "enable", "force", "have", "see", "watch"}


def _child(tok: Token, deps: set[str]) -> Token | None:
    for c in children(tok):
        if c.dep_ in deps:
            return c
    return None


# Nouns of command: 'at the direction of X', 'on X's orders': X decided the act, X is its doer.
COMMAND_NOUNS = {"direction", "order", "behest", "instruction", "command", "orders", "instructions"}
COMMAND_PREPS = {"at", "on", "under", "upon", "by"}


def command_giver(verb: Token) -> Token | None:
    """Who ordered the act: 'carried out the strike at the direction of X', 'attacked on X's orders'."""
    for c in children(verb):
        if c.dep_ != "prep" or c.lower_ not in COMMAND_PREPS:
            continue
        noun = _child(c, {"pobj"})
        if noun is None or noun.lemma_.lower() not in COMMAND_NOUNS:
            continue
        poss = _child(noun, {"poss"})
        if poss is not None:
            return poss
        of = next((p for p in children(noun) if p.dep_ == "prep" and p.lower_ == "of"), None)
        if of is not None and _child(of, {"pobj"}) is not None:
            return _child(of, {"pobj"})
    return None


def _is_command(prep: Token) -> bool:
    """A prepositional phrase naming who ordered the act (never its recipient)."""
    noun = _child(prep, {"pobj"})
    return prep.lower_ in COMMAND_PREPS and noun is not None and noun.lemma_.lower() in COMMAND_NOUNS


def agent_phrase(verb: Token) -> Token | None:
    """The doer: whoever ordered it, nsubj, the 'by' agent of a passive, or the subject of the verb this one is
    the complement of."""
    ordered = command_giver(verb)
    if ordered is not None:
        return ordered
    agent = _child(verb, {"agent"})
    if agent is not None:
        pobj = _child(agent, {"pobj"})
        if pobj is not None:
            return pobj
    subj = _child(verb, {"nsubj", "csubj"})
    if subj is not None and subj.dep_ == "csubj" and subj.pos_ in ("VERB", "AUX"):
        # 'Both called Haftar a criminal and ruled out talks' misparsed as a clausal subject: the clause's own
        # subject is the shared doer (a real clausal subject names no actor either way)
        subj = _child(subj, {"nsubj"})
        if subj is None:
            return None
    if subj is not None and subj.lower_ not in ("which", "that", "who"):
        return subj
    if subj is not None and verb.dep_ == "relcl":
        return verb.head
    if subj is not None and subj.tag_ in ("WDT", "WP") and _cleft_focus(verb) is not None:
        return _cleft_focus(verb)
    commander = _commander(verb)
    if commander is not None:
        return commander
    if _child(verb, {"nsubjpass"}) is not None:
        return _passive_source(verb)
    cur = verb
    for _ in range(3):
        if cur.dep_ in ("xcomp", "conj", "advcl", "pcomp", "acomp") and cur.head.i != cur.i:
            controlled = _object_controller(cur)
            if controlled is not None:
                return controlled
            step = cur.dep_
            cur = cur.head
            if cur.dep_ == "prep":
                cur = cur.head
            s = _child(cur, {"nsubj"})
            if s is not None:
                return s
            if step == "xcomp" and _child(cur, {"auxpass"}) is not None and _child(cur, {"nsubjpass"}) is not None:
                return _child(cur, {"nsubjpass"})  # 'soldiers could be seen pointing their weapons ... and threatening
                # to shoot' (d7c), 'people were seen setting fire to ... posters' (d7a): the one seen does it
        else:
            break
    if verb.dep_ == "acl" and verb.tag_ == "VB":  # 'its decision to seek help': the decision's owner seeks
        return _child(verb.head, {"poss"})
    return between_parties(verb)


def between_parties(tok: Token) -> Token | None:
    """'Fighting between Armenia and Azerbaijan broke out', 'fighting erupted between Armenian and Azerbaijani
    forces', 'the escalation between Israel and Iran': the coordinated 'between' phrase names both sides (on the
    trigger, or on the verb a gerund trigger is the subject of)."""
    hosts = [tok] + ([tok.head] if tok.dep_ in ("nsubj", "csubj") and tok.head.i != tok.i else [])
    for host in hosts:
        for c in children(host):
            if c.dep_ == "prep" and c.lower_ == "between":
                pobj = _child(c, {"pobj"})
                if pobj is not None and (pobj.conjuncts or any(
                        m.dep_ in ("amod", "compound", "nmod") and m.conjuncts for m in children(pobj))):
                    return pobj
    return None


# Verbs of command: what they order done, with no doer of its own, is the orderer's act.
COMMAND_VERBS = {"order", "command", "direct", "instruct", "decree", "authorize", "authorise"}


def _commander(verb: Token) -> Token | None:
    """'Aliyev ordered martial law be imposed (and called for a curfew)', 'Trump to order 750 soldiers deployed':
    an act ordered in the passive or as a participle on the ordered object is done by whoever ordered it."""
    if _child(verb, {"nsubj", "csubj", "agent"}) is not None:
        return None
    cur = verb
    while cur.dep_ == "conj" and cur.head.i != cur.i and _child(cur, {"nsubj", "nsubjpass"}) is None:
        cur = cur.head
    if cur.dep_ in ("ccomp", "xcomp") and cur.head.lemma_.lower() in COMMAND_VERBS and cur.tag_ == "VBN":
        boss = cur.head
    elif (cur.dep_ == "acl" and cur.tag_ == "VBN" and cur.head.dep_ == "dobj"
          and cur.head.head.lemma_.lower() in COMMAND_VERBS):
        boss = cur.head.head
    else:
        return None
    return agent_phrase(boss) if boss.i != verb.i else None


# Prepositions whose gerund a verb's object does ('accused X of funding', 'thanked X for helping', 'stopped X from
# attacking', 'warned X against striking', 'pressured X into signing'); 'by'/'after'/'while' gerunds are the subject's.
CONTROL_PREPS = {"of", "for", "from", "against", "into"}


def _object_controller(comp: Token) -> Token | None:
    """The object of the verb a gerund hangs off by a preposition, when that object does the gerund's act: 'accused
    the Elysée of funding X' (the Elysée funds), or its passive subject ('X is suspected of bombing'). (Infinitives,
    'prompted Trump to order', are left to the subject rule: on dev fold A object control there only added an event
    typed wrong, and gained nothing on B1.)"""
    head = comp.head
    if comp.dep_ == "pcomp" and head.dep_ == "prep" and head.lower_ in CONTROL_PREPS and head.head.pos_ == "VERB":
        verb = head.head
    else:
        return None
    if _child(comp, {"nsubj", "nsubjpass"}) is not None:
        return None
    obj = next((c for c in children(verb) if c.dep_ in ("dobj", "dative") and c.i < comp.i), None)
    if obj is None:  # 'the fleet is suspected of bombing civilians': the one accused does it
        obj = next((c for c in children(verb) if c.dep_ == "nsubjpass" and c.i < comp.i), None)
    if obj is None or obj.tag_ in ("WDT", "WP") or obj.lower_ in ("it", "this", "that"):
        return None
    return obj


def _cleft_focus(verb: Token) -> Token | None:
    """'it was Israel that began the attacks': the phrase a cleft sentence puts in focus is the doer."""
    be = verb.head
    if verb.dep_ not in ("ccomp", "relcl", "advcl") or be.lemma_ != "be" or be.i == verb.i:
        return None
    if not any(c.dep_ in ("nsubj", "expl") and c.lower_ == "it" for c in children(be)):
        return None
    return next((c for c in children(be) if c.dep_ == "attr" and c.i < verb.i), None)


# Verbs whose passive subject is the doer, as the gold codes it: 'where the force is deployed' (the force mobilises).
SELF_PASSIVES = {"deploy", "station", "base", "position", "redeploy", "mobilize", "mobilise", "garrison"}


def _passive_source(verb: Token) -> Token | None:
    """A passive with no 'by' agent: the deployed force itself, or the 'from' side of a 'from X to Y' transfer."""
    if verb.lemma_.lower() in SELF_PASSIVES:
        return _child(verb, {"nsubjpass"})
    preps = {c.lower_: c for c in children(verb) if c.dep_ == "prep"}
    if "from" in preps and "to" in preps:  # 'were sold from France to the Emirates'
        return _child(preps["from"], {"pobj"})
    return None


def target_phrases(verb: Token, depth: int = 0) -> list[Token]:
    """Recipients in order of preference: dobj, dative, passive subject, prepositional objects, 'help X do'."""
    out: list[Token] = []
    self_passive = verb.lemma_.lower() in SELF_PASSIVES
    for c in children(verb):
        if c.dep_ in ("dobj", "dative", "nsubjpass", "attr", "oprd") and not (
                c.dep_ == "nsubjpass" and (self_passive or _passive_source(verb) is not None)):
            out.append(c)
    for c in list(out):  # 'discussing a peace deal with Trump', 'filed a case against X': the object's partner
        if c.dep_ == "dobj":
            out += [p for pr in children(c) if pr.dep_ == "prep" and pr.lower_ in ("with", "against")
                    for p in children(pr) if p.dep_ == "pobj"]
    if (verb.dep_ == "conj" and verb.tag_ == "VBN" and not out
            and _child(verb, {"nsubj", "nsubjpass", "aux", "auxpass"}) is None):
        shared = _child(verb.head, {"nsubjpass"})  # 'X was shot and killed': the passive subject is both verbs' recipient
        if shared is not None:
            out.append(shared)
    elif (verb.dep_ == "conj" and verb.tag_ == "VBN" and not out and _child(verb, {"auxpass"}) is not None
          and _child(verb, {"nsubj", "nsubjpass"}) is None and verb.head.lemma_ == "be"):
        shared = _child(verb.head, {"nsubj", "nsubjpass"})  # 'X has been and is supported by Y': X is supported
        if shared is not None:
            out.append(shared)
    for c in children(verb):  # 'helping Mali's junta improve', 'urged Iran to stop'
        if (c.dep_ == "xcomp" or (c.dep_ == "ccomp" and verb.lemma_.lower() in CAUSATIVES)) and c.i > verb.i:
            subj = _child(c, {"nsubj"})
            if subj is not None and subj.lower_ not in PRONOUNS:
                out.append(subj)
    for c in children(verb):  # mandative subjunctive: 'insists Kyiv abandon', 'demanded that Russia withdraw'
        if (c.dep_ == "ccomp" and c.i > verb.i and _child(c, {"aux", "auxpass"}) is None
                and (c.tag_ == "VB" or (c.tag_ == "VBP" and verb.lemma_.lower() in MANDATIVE))):
            subj = _child(c, {"nsubj"})
            if subj is not None and subj.lower_ not in PRONOUNS:
                out.append(subj)
    for c in children(verb):  # 'Russia said Sudan must return the helicopter', 'declared that China must drop barriers'
        subj = _child(c, {"nsubj"}) if c.dep_ == "ccomp" and c.i > verb.i and _obligation(c) else None
        if subj is not None and subj.lower_ not in PRONOUNS and subj.tag_ not in ("WDT", "WP"):
            out.append(subj)
    preps = sorted((c for c in children(verb) if c.dep_ == "prep" and c.lower_ in TARGET_PREPS and not _is_command(c)),
                   key=lambda c: PREP_ORDER.get(c.lower_, 9))
    for c in preps:
        pobj = _child(c, {"pobj"})
        if pobj is not None:
            out.append(pobj)
    for c in children(verb):  # 'pull its troops out of Mali'
        if c.dep_ in ("prep", "prt", "advmod") and c.lower_ == "out":
            inner = _child(c, {"prep"})
            pobj = _child(inner, {"pobj"}) if inner is not None and inner.lower_ == "of" else None
            if pobj is not None:
                out.append(pobj)
    for c in children(verb):
        if c.dep_ == "prt":
            for cc in children(verb):
                if cc.dep_ == "prep" and not _is_command(cc):
                    pobj = _child(cc, {"pobj"})
                    if pobj is not None and pobj not in out:
                        out.append(pobj)
    if depth == 0:  # 'threatened to pull its troops out of Mali', 'agreed to work with him': the planned act's recipient
        for c in children(verb):
            if c.dep_ == "xcomp" and c.i > verb.i and c.pos_ == "VERB":
                out += [t for t in target_phrases(c, depth + 1) if t not in out and t.dep_ != "nsubj"]
        out += [t for t in protested(verb) if t not in out]
    if verb.lemma_.lower() in MOVE_VERBS:
        out = [t for t in out if not _moved_from(t)]
    return out


# Verbs that move forces or goods: 'from X' is where they come from, never whom the move is aimed at ('brought
# warplanes from Syria to Al-Jufra', 'deployed part of its fleet from the French manufacturer Dassault').
MOVE_VERBS = {"deploy", "redeploy", "move", "bring", "send", "dispatch", "fly", "transfer", "airlift", "ship",
              "relocate", "station", "transport", "shift", "reposition"}


def _moved_from(tok: Token) -> bool:
    """The origin of a move ('from Syria') or the moved things named by their origin ('warplanes from Syria')."""
    if tok.dep_ == "pobj" and tok.head.lower_ == "from":
        return True
    return tok.dep_ == "dobj" and any(c.dep_ == "prep" and c.lower_ == "from" for c in children(tok))


# An obligation put on a clause's subject ('Sudan must return', 'the US should be ready'): that subject is asked.
OBLIGATION_AUX = {"must", "should"}


def _obligation(clause: Token) -> bool:
    """An active clause whose verb is obliged ('must return'; a passive 'conditions must be met' asks no one named)."""
    return (any(a.dep_ == "aux" and a.lower_ in OBLIGATION_AUX for a in children(clause))
            and _child(clause, {"nsubjpass", "auxpass"}) is None)


# Verbs and nouns of protest: what a hunger strike or a rally is staged 'to protest (against)' or 'in protest of' is
# whom it is against.
PROTEST_WORDS = {"protest", "denounce", "condemn", "oppose", "decry", "demonstrate", "rally"}
PROTESTED_PREPS = {"against", "of", "at", "over"}


def _in_protest(noun: Token) -> bool:
    """'in protest of/against X': the idiom whose 'of' phrase is what is protested, not who protests."""
    return (noun.lemma_.lower() == "protest" and noun.dep_ == "pobj" and noun.head.lower_ == "in"
            and any(c.dep_ == "prep" and c.lower_ in PROTESTED_PREPS for c in children(noun)))


def protested(tok: Token) -> list[Token]:
    """Whom an act is staged against through its purpose: 'began a hunger strike to protest against Sweden's decision',
    'continuing a hunger strike in protest of the Russian government's refusal', 'to protest President Assad's
    failure'."""
    out: list[Token] = []
    for c in children(tok):
        if (c.dep_ in ("advcl", "xcomp", "relcl", "acl") and c.i > tok.i and c.lemma_.lower() in PROTEST_WORDS
                and c.pos_ == "VERB" and any(a.dep_ == "aux" and a.lower_ == "to" for a in children(c))):
            out += [t for t in target_phrases(c, 1) if t.dep_ != "nsubj"]
        elif c.dep_ == "prep" and c.lower_ == "in":
            noun = _child(c, {"pobj"})
            if noun is not None and _in_protest(noun):
                out += [p for pr in children(noun) if pr.dep_ == "prep" and pr.lower_ in PROTESTED_PREPS
                        for p in children(pr) if p.dep_ == "pobj"]
    return out


# Nouns whose 'of' phrase is the doer ('the withdrawal of French troops'), not the one done to.
AGENTIVE_OF = {"withdrawal", "pullout", "deployment", "mobilization", "mobilisation", "resignation", "visit", "arrival",
               "retreat", "surrender", "protest", "demonstration", "rally", "strike", "offensive", "advance",
               "intervention", "presence", "departure", "exit", "incursion", "invasion"}


# Event nouns that befall a state: its name as possessor or modifier is whom it hits ("Mali's coup"), not the doer.
STATE_PATIENT_NOUNS = {"coup", "putsch", "takeover"}


def state_patient(noun: Token) -> Token | None:
    """The state a coup is staged against: "Mali's coup", 'the Malian coup', 'the coup in Niger'."""
    if noun.lemma_.lower() not in STATE_PATIENT_NOUNS:
        return None
    for c in children(noun):
        if c.dep_ in ("poss", "amod", "compound", "nmod") and c.ent_type_ in ("GPE", "NORP"):
            return c
        if c.dep_ == "prep" and c.lower_ == "in":
            pobj = _child(c, {"pobj"})
            if pobj is not None and pobj.ent_type_ == "GPE":
                return pobj
    return None


# Words of time that take a possessive ('This year's G7 summit', d1b; 'a New Year's Eve attack by ... militias', d3b;
# 'Sunday's election', d7a): when, never who.
TIME_WORDS = {"year", "week", "month", "day", "today", "yesterday", "tonight", "weekend", "decade", "century", "eve",
              "sunday", "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "morning", "night"}


def _time_word(tok: Token) -> bool:
    return tok.ent_type_ in ("DATE", "TIME") or tok.lemma_.lower() in TIME_WORDS


def noun_agent(noun: Token) -> Token | None:
    """The doer of an event noun: possessor, 'by' phrase, or a nationality/name modifier ('French withdrawal')."""
    patient = state_patient(noun)
    skip = patient.i if patient is not None else -1
    for c in children(noun):
        if c.dep_ == "poss" and c.i != skip and not _time_word(c):
            return c
    if noun.lemma_.lower() in AGENTIVE_OF and not _in_protest(noun):
        for c in children(noun):
            if c.dep_ == "prep" and c.lower_ == "of":
                return _child(c, {"pobj"})
    for c in children(noun):
        if c.dep_ == "prep" and c.lower_ == "by":
            return _child(c, {"pobj"})
        if c.dep_ == "prep" and c.lower_ == "between":  # 'the escalation between Israel and Iran': both act
            return between_parties(noun)
    for c in children(noun):
        if c.dep_ in ("amod", "compound", "nmod") and (c.ent_type_ in ("NORP", "GPE", "ORG", "PERSON")) and c.i != skip:
            return c
    return None


def noun_targets(noun: Token) -> list[Token]:
    """Recipients of an event noun: 'against X', 'on X', 'with X', 'of X', 'to X'."""
    patient = state_patient(noun)
    out = [patient] if patient is not None else []
    agentive = noun.lemma_.lower() in AGENTIVE_OF and not _in_protest(noun)
    heads = [noun]
    if agentive:  # 'the withdrawal of French troops from the country': 'from' hangs off the troops
        heads += [p for c in children(noun) if c.dep_ == "prep" and c.lower_ == "of" for p in children(c) if p.dep_ == "pobj"]
    for h in heads:
        for c in children(h):
            if c.dep_ != "prep" or (agentive and c.lower_ == "of"):
                continue
            if c.lower_ == "out":  # 'out of the country'
                c = _child(c, {"prep"}) or c
            if c.lower_ in TARGET_PREPS:
                pobj = _child(c, {"pobj"})
                if pobj is not None:
                    out.append(pobj)
    return out + [t for t in protested(noun) if t not in out]

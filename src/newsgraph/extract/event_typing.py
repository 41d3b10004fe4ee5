"""PLOVER typing of one trigger word in its clause: phrasal verbs, light verbs, event nouns, and word senses that are no political event."""
from __future__ import annotations

from spacy.tokens import Token

from .doc_tree import children
from . import plover_lexicon as lex


_QUANTITY_HEADS = {"thousands", "hundreds", "dozens", "scores", "tens", "millions", "number", "part", "some", "many",
                   "all", "most", "contingent", "batch", "group", "unit", "units"}


def through_quantity(tok: Token) -> Token:
    """'thousands of troops', 'part of its fleet': the counted noun, not the count, is the object."""
    if tok.lower_ in _QUANTITY_HEADS or tok.like_num or tok.tag_ == "CD":
        for c in children(tok):
            if c.dep_ == "prep" and c.lower_ == "of":
                inner = next((cc for cc in children(c) if cc.dep_ == "pobj"), None)
                if inner is not None:
                    return inner
    return tok


def phrasal(tok: Token) -> tuple[str, float] | None:
    lemma = lex.lemma_of(tok)
    for c in children(tok):
        if c.dep_ in ("prt", "prep", "dobj"):
            hit = lex.PHRASALS.get((lemma, lex.lemma_of(c)))
            if hit:
                return hit
            if c.dep_ == "dobj" and (inner := through_quantity(c)).i != c.i:
                hit = lex.PHRASALS.get((lemma, lex.lemma_of(inner)))
                if hit:
                    return hit
    return None


def noun_type(tok: Token) -> tuple[str, float] | None:
    mods = tuple(lex.lemma_of(c) for c in children(tok) if c.dep_ in ("compound", "amod", "nmod"))
    if lex.lemma_of(tok) in lex.BRIEFING_NOUNS and "press" in mods and not joint_meeting(tok, mods):
        return None  # a press conference by one side is a statement, not a meeting
    if lex.lemma_of(tok) == "plea" and set(mods) & lex.PLEA_WORDS:
        return None  # 'a not guilty plea': court procedure
    lemma = lex.lemma_of(tok)
    if tok.ent_type_ in ("DATE", "TIME", "CARDINAL", "ORDINAL", "MONEY", "QUANTITY", "PERCENT"):
        return None  # 'last March', 'a strike rate of 5%': the month, a figure
    if lemma in ("strike", "strikes") and not set(mods) & {"air", "drone", "missile", "military", "rocket", "artillery"} \
            and any(t.lower_ in lex.LABOUR_WORDS and not t.ent_type_ for t in tok.sent):  # not 'Kurdistan Workers' Party'
        return "PROTEST", 0.6  # a walk-out: workers, unions, wages or a hunger strike in the sentence
    if lemma == "protest" and tok.head.i != tok.i and lex.lemma_of(tok.head) in lex.PROTEST_FILING_VERBS:
        return "ACCUSE", 0.6  # 'lodged a protest': a diplomatic complaint, not a street protest
    if lemma == "call" and tok.lower_ in ("call", "calls"):
        preps = {c.lower_ for c in children(tok) if c.dep_ == "prep"}
        if preps & {"with", "between"} or "phone" in mods or "telephone" in mods:
            return "CONSULT", 0.6  # 'held calls with leaders'
        if preps & {"for", "on"}:
            return "REQUEST", 0.55  # 'Israel's calls for international action'
    if lemma in ("escalation", "clash", "clashes", "fighting", "hostility", "war", "conflict") and any(
            c.dep_ == "prep" and c.lower_ == "between" for c in children(tok)):
        return "ASSAULT", 0.6  # 'the escalation between Israel and Iran': two sides fighting
    if lemma == "contact" and any(c.dep_ == "prep" and c.lower_ == "with" for c in children(tok)):
        return "CONSULT", 0.5  # 'remained in contact with', 'had contacts with'
    hit = lex.noun_entry(lemma, mods)
    if hit is None and lex.lemma_of(tok) in lex.EVENT_HEADS:
        for c in children(tok):  # 'a mediation effort', 'a peace mission'
            if c.dep_ in ("compound", "nmod"):
                inner = lex.noun_entry(lex.lemma_of(c))
                if inner is not None:
                    return inner
    return hit


def joint_meeting(tok: Token, mods: tuple[str, ...]) -> bool:
    """A meeting noun held together: 'a joint press conference', 'a press conference with X'."""
    return bool(set(mods) & {"joint", "common", "bilateral"}) or any(
        c.dep_ == "prep" and c.lower_ in ("with", "between", "alongside") for c in children(tok))


def complement(tok: Token) -> Token | None:
    for c in children(tok):
        if c.dep_ in ("xcomp", "ccomp"):
            return c
    for c in children(tok):  # 'ready to', 'prepared to' as acomp
        if c.dep_ == "acomp":
            for cc in children(c):
                if cc.dep_ == "xcomp":
                    return cc
    return None


def object_noun(tok: Token) -> Token | None:
    for c in children(tok):
        if c.dep_ in ("dobj", "nsubjpass", "attr"):
            return through_quantity(c)
    for c in children(tok):  # 'call for an investigation'
        if c.dep_ == "prep" and c.lower_ in ("for", "on", "in"):
            for cc in children(c):
                if cc.dep_ == "pobj":
                    return cc
    return None


def base_verb_type(tok: Token) -> tuple[str, float] | None:
    """A verb's own type: phrasal first, then a light verb's object noun, then the verb lemma."""
    hit = phrasal(tok)
    if hit:
        return hit
    lemma = lex.lemma_of(tok)
    obj = object_noun(tok)
    if lemma in lex.LIGHT_VERBS and obj is not None:
        nt = noun_type(obj)
        if nt is None:  # 'granting the PKK's leader parole': the thing given is the second object
            nt = next((t for c in children(tok) if c.dep_ == "dobj" and c.i > obj.i
                       for t in [noun_type(through_quantity(c))] if t is not None), None)
        floor = 0.35 if lemma in lex.EXPRESSING_VERBS else 0.45  # 'expressed support', 'raised concerns'
        if nt is not None and nt[1] >= floor and not (lemma == "have" and nt[0] != "CONSULT"):
            if (lemma, "SUPPORT") in lex.LIGHT_OVERRIDES:
                return "SUPPORT", 0.8
            return nt[0], min(0.9, nt[1] + 0.25)
    return lex.verb_entry(lemma)


_PEOPLE_PRONOUNS = {"him", "her", "them", "me", "us", "you", "he", "she", "they", "we", "i", "himself", "herself"}


PEOPLE_NOUNS = {"protester", "protesters", "demonstrator", "demonstrators", "people", "civilian", "civilians", "crowd",
                 "crowds", "villager", "villagers", "resident", "residents", "student", "students", "worker", "workers",
                 "journalist", "journalists", "opponent", "opponents", "activist", "activists", "troops", "soldier",
                 "soldiers", "rebel", "rebels", "militant", "militants", "fighter", "fighters", "group", "groups",
                 "member", "members", "supporter", "supporters", "voter", "voters", "refugee", "refugees", "migrant",
                 "migrants", "man", "men", "woman", "women", "child", "children", "force", "forces", "police"}


def child_of(tok: Token, deps: set[str]) -> Token | None:
    return next((c for c in children(tok) if c.dep_ in deps), None)


def doer_of(tok: Token) -> Token | None:
    """The grammatical subject of a verb, climbing from a participle ('..., killing 10') to its clause."""
    cur = tok
    for _ in range(3):
        subj = child_of(cur, {"nsubj", "csubj"})
        if subj is not None:
            return subj
        agent = child_of(cur, {"agent"})
        if agent is not None:
            return child_of(agent, {"pobj"})
        if cur.dep_ in ("advcl", "conj", "xcomp") and cur.head.i != cur.i and child_of(cur, {"nsubjpass"}) is None:
            cur = cur.head
            continue
        return None
    return None


def is_people(tok: Token | None) -> bool:
    """A phrase naming people or a group (a name, a pronoun, 'protesters'), not a thing."""
    if tok is None:
        return False
    return (tok.ent_type_ in ("PERSON", "NORP", "ORG", "GPE") or tok.lower_ in _PEOPLE_PRONOUNS
            or tok.lemma_.lower() in PEOPLE_NOUNS or tok.lower_ in PEOPLE_NOUNS)


def wrong_sense(tok: Token, etype: str) -> bool:
    """Lexicon verbs used in a sense that is no political event: a quake 'killing' people, an employee 'fired',
    a patch 'released', a player 'signed', revenue that 'declined', a cable 'cut', a plea 'entered'."""
    lemma = lex.lemma_of(tok)
    dobj = child_of(tok, {"dobj"})
    obj = dobj if dobj is not None else child_of(tok, {"nsubjpass"})
    obj_lemma = obj.lemma_.lower() if obj is not None else ""
    doer = doer_of(tok)
    if etype in ("ASSAULT", "SANCTION", "COERCE") and doer is not None and doer.lemma_.lower() in lex.HAZARD_NOUNS:
        return True
    if lemma == "fire" and etype == "ASSAULT" and phrasal(tok) is None:
        passive = child_of(tok, {"nsubjpass", "auxpass"}) is not None
        from_job = any(c.dep_ == "prep" and c.lower_ in ("from", "as") for c in children(tok))
        return passive or from_job or (dobj is not None and is_people(dobj))
    if lemma == "release" and etype == "RETREAT":
        return obj is None or not (is_people(obj) or obj_lemma in lex.CAPTIVE_NOUNS)
    if lemma == "share" and etype == "COOPERATE":
        return obj_lemma not in lex.SHARE_OBJECTS
    if lemma == "sign" and etype == "SUPPORT" and dobj is not None:
        return obj_lemma not in lex.SIGN_OBJECTS and (noun_type(dobj) or ("", 0))[0] != "SUPPORT"
    if lemma == "recall" and etype == "SANCTION":  # 'recalled that ...' reminds; recalling an envoy cuts relations
        return dobj is None or child_of(tok, {"ccomp"}) is not None
    if lemma == "cut" and etype == "SANCTION":
        return obj_lemma not in lex.CUT_OBJECTS
    if lemma in ("decline", "drop", "fall") and etype == "REJECT":
        if doer is not None and doer.lemma_.lower() in lex.QUANTITY_NOUNS:
            return True
        return dobj is None and complement(tok) is None  # 'revenue declined 8%': a figure, not a refusal
    if lemma in ("arrive", "travel") and etype == "CONSULT":
        return not (is_people(doer) and doer.lemma_.lower() not in PEOPLE_NOUNS | {"officer", "officers"})
    if lemma == "offer" and dobj is not None and obj_lemma in lex.OFFER_SPEECH:
        return True
    if lemma == "plead":  # pleading guilty or innocent is court procedure; 'pleaded with X to' asks
        return not any(c.dep_ == "prep" and c.lower_ in ("with", "for") for c in children(tok))
    if lemma == "prevent" and etype == "COERCE":  # stopping people or their action, not 'preventing bloodshed'
        return not (is_people(dobj) or obj_lemma in lex.CAPTIVE_NOUNS or (dobj is not None and noun_type(dobj) is not None))
    if lemma == "beat" and etype == "ASSAULT":  # beating people, not 'beating the count'
        return not (is_people(dobj) or obj_lemma in lex.CAPTIVE_NOUNS or phrasal(tok) is not None
                    or any(c.dep_ == "prt" for c in children(tok)))
    if lemma == "demonstrate" and etype == "PROTEST":  # 'demonstrated that', 'was demonstrated by': showed
        return dobj is not None or child_of(tok, {"ccomp", "nsubjpass", "auxpass", "agent"}) is not None
    if lemma == "sell" and etype == "AID":  # an arms sale to a government, not a company selling shares
        goods = {obj_lemma, tok.head.lemma_.lower() if tok.dep_ in ("relcl", "acl") else ""}
        return not goods & lex.WEAPON_NOUNS
    if lemma == "hit" and etype == "ASSAULT":  # airstrikes or gunmen hit a place, not prices hitting a record
        return not (is_people(doer) or (doer is not None and (noun_type(doer) or ("", 0))[0] == "ASSAULT")
                    or (doer is not None and doer.lemma_.lower() in lex.WEAPON_NOUNS))
    if lemma == "occupy" and etype == "COERCE":
        return not (is_people(doer) or obj_lemma in ("territory", "land", "area", "region", "island", "feature", "features")
                    or (obj is not None and obj.ent_type_ in ("GPE", "LOC", "FAC")))
    if lemma == "defend" and etype == "SUPPORT" and obj_lemma in ("itself", "themselves", "himself", "herself", "ourselves"):
        return True  # self-defence backs no one
    passive = child_of(tok, {"nsubjpass", "auxpass"}) is not None or (tok.tag_ == "VBN" and tok.dep_ in ("advcl", "acl"))
    if lemma in ("ask", "press") and etype == "REQUEST" and child_of(tok, {"xcomp", "ccomp"}) is None and (
            passive or any(c.dep_ == "prep" and c.lower_ in ("about", "on") for c in children(tok))):
        return True  # 'X, asked about the report', 'Pressed again on Iran', 'asked X about Y': a question
    if lemma == "call" and etype == "REQUEST" and (child_of(tok, {"oprd"}) is not None or (
            dobj is not None and dobj.tag_ in ("WP", "WDT")) or (dobj is not None and child_of(dobj, {"attr", "appos"}) is not None)
            or (dobj is not None and any(c.dep_ in ("xcomp", "ccomp") and c.pos_ in ("NOUN", "PROPN") for c in children(tok)))):
        return True  # 'what he calls a special military operation', 'calling it an adventurist step': naming
    if lemma == "target" and etype == "ASSAULT" and obj_lemma in lex.QUANTITY_NOUNS | {"output", "goal", "audience", "market"}:
        return True  # 'is targeting oil output of 200,000 b/d'
    if lemma == "host" and etype == "CONSULT" and dobj is not None and not (
            is_people(dobj) or (noun_type(dobj) or ("", 0))[0] == "CONSULT"):
        return True  # 'hosted an exhibition': no meeting of parties
    if lemma == "discuss" and etype == "CONSULT" and not any(c.dep_ == "prep" and c.lower_ == "with" for c in children(tok)):
        subj = child_of(tok, {"nsubj"})
        return subj is None or not (subj.tag_ in ("NNS", "NNPS") or subj.lower_ in ("they", "we")
                                    or child_of(subj, {"conj"}) is not None)  # one side 'discussed X': a topic
    if lemma == "insist" and etype == "REQUEST":
        that = child_of(tok, {"ccomp"})
        subj = child_of(that, {"nsubj"}) if that is not None else None
        subjunctive = that is not None and that.tag_ == "VBP" and subj is not None and subj.tag_ in ("NN", "NNP")
        if that is not None and not subjunctive and (that.tag_ in ("VBD", "VBZ", "VBP") or any(
                c.dep_ in ("aux", "auxpass", "neg") and c.lower_ not in ("should", "must") for c in children(that))):
            return True  # 'insisted that he was not kowtowing': an assertion, not a demand
    if lemma == "protect" and etype == "AID" and (
            obj_lemma in lex.ABSTRACT_GOODS or (obj is not None and any(
                c.dep_ == "poss" and c.lower_ in ("its", "their", "our", "his", "her", "my") for c in children(obj))
                and obj_lemma not in lex.CAPTIVE_NOUNS | {"ally", "allies", "partner", "partners"})):
        return True  # 'protecting Iran's national interests', 'to protect its citizens': no help given to anyone
    if lemma in ("instruct", "order", "tell", "direct") and etype == "REQUEST" and obj is not None \
            and obj_lemma in lex.OWN_STAFF and any(c.dep_ == "poss" for c in children(obj)):
        return True  # 'instructed their teams to ...': orders inside one side
    if lemma == "echo" and etype == "SUPPORT":
        return not is_people(doer)
    if lemma == "fight" and etype == "ASSAULT":  # 'would fight to maintain protections', 'fighting for autonomy'
        return child_of(tok, {"xcomp"}) is not None or any(
            c.dep_ == "prep" and c.lower_ == "for" and any(p.lemma_.lower() in lex.STRUGGLE_GOALS for p in children(c))
            for c in children(tok))
    if etype == "MOBILIZE" and phrasal(tok) is None:  # 'all the friends it can muster', 'mobilised support': no force
        moved = obj if obj is not None else (tok.head if tok.dep_ == "relcl" else None)
        if moved is not None and not (is_people(moved) or moved.lemma_.lower() in lex.MILITARY_UNITS | lex.FORCE_OBJECTS
                                      | lex.WEAPON_NOUNS | {"police", "reservist", "reservists"} or moved.pos_ == "PRON"
                                      or through_quantity(moved).i != moved.i or noun_type(moved) is not None):
            return True
    if lemma == "threaten" and etype == "THREATEN" and obj_lemma in lex.ABSTRACT_GOODS:
        return True  # 'threatens regional stability', 'threatens global peace': endangers, no threat made
    if lemma == "ask" and etype == "REQUEST" and any(
            c.dep_ == "ccomp" and any(m.lower_ in ("whether", "if") or m.tag_ in ("WP", "WRB") for m in children(c))
            for c in children(tok)):
        return True  # 'asked whether she ...': a question, not a demand
    if etype == "ASSAULT" and obj_lemma in lex.BODY_PARTS and any(
            c.dep_ == "poss" and c.lower_ in ("his", "her", "their", "its", "my", "our") for c in children(obj)):
        return True  # 'injured his knee': a hurt, not an attack
    if etype in ("ASSAULT", "COERCE", "SUPPORT", "SANCTION") and obj_lemma in lex.CONTEST_OBJECTS:
        return True  # 'defend his title', 'lock up the five seed': a contest, not politics
    if lemma in ("insist", "press") and etype == "REQUEST":
        return dobj is None and complement(tok) is None and not any(c.dep_ == "prep" for c in children(tok))
    if lemma in ("help", "assist", "aid") and etype in ("AID", "AGREE"):
        comp = child_of(tok, {"xcomp", "ccomp"})
        return comp is not None and dobj is None and child_of(comp, {"nsubj"}) is None
    return False


def to_recipient(verb: Token, obj: Token) -> bool:
    """A flow with a named receiver: 'supplies to the camp', 'cut exports to Russia'."""
    return any(c.dep_ in ("prep", "dative") and c.lower_ == "to" and child_of(c, {"pobj"}) is not None
               for c in (*children(verb), *children(obj)))


def eases(tok: Token, lemma: str, obj: Token) -> bool:
    """An undoing verb whose object is a restriction, sanction or protest: a concession ('lifted the ban')."""
    if lemma not in lex.EASE_VERBS or obj.dep_ != "dobj" or is_people(obj):
        return False  # 'removed the protesters' clears people away; it eases nothing
    if lemma == "call" and not any(c.dep_ == "prt" and c.lower_ == "off" for c in children(tok)):
        return False  # only 'call off'; 'call a strike' starts one
    nt = noun_type(obj)
    return nt is not None and nt[0] in lex.EASED_TYPES

"""Evidence spans: the shortest clause that states an event (subject + verb + object, with its reporting verb)."""
from __future__ import annotations

from spacy.tokens import Span, Token

from .doc_tree import children
from . import plover_lexicon as lex
from .event_triggers import Candidate, frame_verb, purpose_frame
from .event_nominals import OCCURRENCE_VERBS, STAGING_VERBS
from .event_typing import noun_type
from .modality import speech_governor


_SUBJECTS = ("nsubj", "nsubjpass", "csubj", "agent", "expl")


MAX_EVIDENCE_TOKENS = 40
_TIME_PREPOSITIONS = {"since", "after", "before", "until", "upon", "following", "despite", "without", "while", "when",
                      "on", "during"}


def clause_span(c: Candidate) -> Span:
    """Evidence: the trigger's clause (with its reporting verb and subject), minus coordinated clauses."""
    doc = c.trigger.doc
    head = c.frame
    if c.is_noun:
        fv = frame_verb(c.trigger)
        if fv is not None and (lex.lemma_of(fv) in lex.LIGHT_VERBS or (c.trigger.dep_ == "dobj" and fv.i == c.trigger.head.i)):
            head = fv  # 'held talks', 'is increasing its cooperation with Chad': the clause that tells the act
        elif purpose_frame(c.trigger) is not None:
            head = purpose_frame(c.trigger)  # type: ignore[assignment]
        elif _subject_of(c.trigger) is not None:
            head = _subject_of(c.trigger)  # type: ignore[assignment]
        else:
            toks = list(c.trigger.subtree)
            return doc[toks[0].i : toks[-1].i + 1]
    elif c.trigger.tag_ == "VBG" and _subject_of(c.trigger) is not None:
        head = _subject_of(c.trigger)  # type: ignore[assignment]  # a gerund subject is told like an event noun:
        # 'after fighting erupted anew between Armenian and Azerbaijani forces' (d7b), 'Fighting in the country has
        # seen an estimated 400,000 people killed' (d3a)
    while head.dep_ in ("xcomp", "acomp") and head.head.i != head.i and head.head.pos_ in ("VERB", "AUX"):
        head = head.head  # 'would continue helping': the clause is headed by 'continue'
    sp = speech_governor(head)
    if sp is not None and sp.i < head.i and head.dep_ == "ccomp" and head.head.i == sp.i:
        top = sp
    else:
        top = head
    drop: set[int] = set()
    for ch in children(top):
        if (ch.dep_ in ("conj", "cc") and not c.obliged) or ch.dep_ == "parataxis" \
                or (ch.dep_ == "advcl" and ch.i > head.i and top is head and len(list(ch.subtree)) > 6
                    and not elaborating_participle(ch, c.type)) \
                or _leading_subordinate(ch, head):  # ('Ukraine must drop its NATO ambitions and withdraw its troops':
            # every act an obligation coordinates is what is demanded)
            drop.update(t.i for t in ch.subtree)
        elif ch.dep_ == "advcl" and ch.i > head.i and top is head and elaborating_participle(ch, c.type):
            drop.update(t.i for k in children(ch) if k.dep_ in ("conj", "cc") for t in k.subtree)  # the first of a
            # chain ('gunning down five traders, abducting three women, and torching stalls': more acts)
        if ch.dep_ == "punct" and ch.i > head.i:
            drop.update(t.i for t in ch.subtree)  # with the line break hanging from the full stop: a kept break
            # after a dropped clause would stretch the span back over it
    colon = next((ch.i for ch in children(top) if ch.text in (":", "\u2014") and ch.i > c.trigger.i), None)
    if colon is not None:  # 'X dismissed it: "There are so many ..."': what follows a colon is the words, not the act
        drop.update(t.i for t in top.subtree if t.i >= colon)
    toks = [t for t in top.subtree if t.i not in drop]
    if not toks:
        toks = [c.trigger]
    start, end = toks[0].i, toks[-1].i + 1
    while end > start + 1 and (doc[end - 1].is_punct or doc[end - 1].is_space or doc[end - 1].dep_ == "cc"):
        end -= 1
    while start < end - 1 and (doc[start].is_punct or doc[start].is_space or doc[start].dep_ == "cc"):
        start += 1
    span = _with_subject(doc[start:end], c.trigger)
    if not c.is_noun and head.dep_ == "relcl" and noun_type(head.head) is not None:
        # 'The US strike in Baghdad that killed Soleimani': the event noun the clause describes names the act
        left = head.head.left_edge.i
        if span.end - left <= MAX_EVIDENCE_TOKENS:
            return doc[left : span.end]
    return _without_connective(span)


def elaborating_participle(ch: Token, etype: str) -> bool:
    """'Soldiers stormed the township, firing stun grenades ...' (d7c), 'Israel launched a large-scale attack,
    deploying around 200 aircraft ...' (d6c), 'the terrorists committed 20 acts of terror, killing 40 ...' (d4b),
    'militants stormed the market, gunning down five traders' (d8a): a trailing participle with no subordinator or
    subject of its own that does the same kind of act tells how the act was done, inside its clause ('slaughtered
    three policemen, seizing rifles' is a second act)."""
    if ch.tag_ != "VBG" or ch.i == 0 or ch.doc[ch.i - 1].text != "," or any(
            k.dep_ in ("mark", *_SUBJECTS) for k in children(ch)):
        return False
    entry = lex.verb_entry(lex.lemma_of(ch))
    return entry is not None and (entry[0] == etype or (etype, entry[0]) == ("ASSAULT", "MOBILIZE"))


def _subject_of(noun: Token) -> Token | None:
    """'fighting erupted anew between ...', 'Azerbaijani shelling hit ...', 'Protests broke out in ...': an event noun
    that is its clause's subject is told by that clause (subject + verb + the rest), not by the noun phrase alone."""
    if noun.dep_ not in ("nsubj", "nsubjpass") or noun.head.pos_ not in ("VERB", "AUX") or noun.head.i == noun.i:
        return None
    verb = noun.head
    if len(list(verb.subtree)) > MAX_EVIDENCE_TOKENS or not _tells_the_event(verb):
        return None
    return verb


# Verbs that tell what an event did to the world ('the attack left 5 dead', 'claimed 30 lives', 'displaced
# thousands', 'has seen 400,000 killed', 'spread to the north', 'became the deadliest violation'); with the occurrence and staging verbs of
# event_nominals, the reporting verbs and the trigger verbs they make an event subject's clause its telling.
_RESULT_VERBS = {"leave", "claim", "cause", "damage", "displace", "spread", "become", "turn", "stop", "cease", "subside",
                 "see"}


def _tells_the_event(verb: Token) -> bool:
    """'fighting erupted', 'shelling hit X', 'clashes have taken place', 'protests were reported': the verb says the
    event happened, what it did or who reported it ('This year's summit was so focused on ...' only describes it)."""
    lemma = lex.lemma_of(verb)
    return (lemma in OCCURRENCE_VERBS or lemma in STAGING_VERBS or lemma in lex.SPEECH_VERBS or lemma in _RESULT_VERBS
            or lex.verb_entry(lemma) is not None)


def _leading_subordinate(ch: Token, head: Token) -> bool:
    """'While there has been an improvement since ..., sporadic clashes have taken place': a long subordinate clause
    opened by its own conjunction before the subject is another statement, not part of this one."""
    return (ch.dep_ == "advcl" and ch.i < head.i and any(m.dep_ == "mark" and m.i == ch.left_edge.i for m in children(ch))
            and len(list(ch.subtree)) > 6)


def _connective(tok: Token) -> bool:
    """A word that links the clause to its host rather than stating the event: 'that', 'which', 'where', 'to',
    'although', 'after', 'for which'."""
    if tok.dep_ == "mark" or tok.tag_ in ("WDT", "WP", "WRB"):
        return True
    if tok.lower_ == "to" and tok.dep_ == "aux":
        return True
    return tok.dep_ == "prep" and any(c.tag_ in ("WDT", "WP") for c in children(tok))


def _without_connective(span: Span) -> Span:
    """Evidence opens on the clause itself, not on the subordinator or relative word that attaches it."""
    start = span.start
    while start < span.end - 2 and (_connective(span.doc[start]) or span.doc[start].is_punct):
        start += 1
    return span.doc[start:span.end]


def _participle_host(trigger: Token) -> Token | None:
    """'the terrorists committed 20 acts, killing 40', 'the fleet is suspected of bombing civilians', 'leaders
    whirred into action to evacuate their embassies': a participle or purpose infinitive with no subject of its
    own is told by the clause whose subject does it (that clause's verb)."""
    cur = trigger
    for _ in range(3):
        nonfinite = cur.tag_ in ("VBG", "VBN") or (cur.tag_ == "VB" and any(
            ch.dep_ == "aux" and ch.lower_ == "to" for ch in children(cur)))
        if cur.pos_ != "VERB" or not nonfinite or cur.dep_ not in ("advcl", "pcomp"):
            return None
        if any(ch.dep_ == "mark" for ch in children(cur)) or (
                cur.dep_ == "pcomp" and cur.head.lower_ in _TIME_PREPOSITIONS):
            return None  # 'Since seizing power', 'after meeting X': a separate, earlier or later act
        host = cur.head.head if cur.head.dep_ == "prep" and cur.dep_ == "pcomp" else cur.head
        if host.pos_ not in ("VERB", "AUX"):
            return None
        if any(ch.dep_ in _SUBJECTS for ch in children(host)):
            return host
        shared = _conjunct_with_subject(host)
        if shared is not None:
            return shared  # 'a military vehicle chased down protesters and hit them, injuring two'
        cur = host
    return None


def _conjunct_with_subject(verb: Token) -> Token | None:
    """The first verb of a coordination whose subject a later conjunct shares ('X chased ... and hit them')."""
    cur = verb
    while cur.dep_ == "conj" and cur.head.i != cur.i and cur.head.pos_ in ("VERB", "AUX"):
        cur = cur.head
        if any(ch.dep_ in _SUBJECTS for ch in children(cur)):
            return cur
    return None


def _with_subject(span: Span, trigger: Token) -> Span:
    """A report names who acted: a coordinated verb with no subject of its own ('... failed to end the war
    but protected the president') takes the clause of the conjunct whose subject it shares, a participle
    the clause it hangs from."""
    if any(t.dep_ in _SUBJECTS for t in span):
        return span
    doc = span.doc
    verb = trigger
    while verb.dep_ == "conj" and verb.pos_ in ("VERB", "AUX") and verb.head.i != verb.i:
        verb = verb.head
        if verb.pos_ in ("VERB", "AUX") and any(ch.dep_ in _SUBJECTS for ch in children(verb)):
            break
    else:
        verb = _participle_host(trigger)
        if verb is None:
            return span
    inside = {t.i for t in span}
    drop: set[int] = set()
    for ch in children(verb):
        sub = {t.i for t in ch.subtree}
        if ch.dep_ in ("conj", "cc", "parataxis") and not sub & inside:
            drop |= sub
    toks = [t for t in verb.subtree if t.i not in drop]
    start, end = toks[0].i, toks[-1].i + 1
    while end > start + 1 and (doc[end - 1].is_punct or doc[end - 1].is_space or doc[end - 1].dep_ == "cc"):
        end -= 1
    if end - start > MAX_EVIDENCE_TOKENS or not (start <= span.start and span.end <= end):
        return span
    return doc[start:end]

"""PLOVER event extraction: triggers (event_triggers) + dependency roles -> Event records with evidence, modality and date."""
from __future__ import annotations

from dataclasses import replace
from typing import Iterator, Sequence

from spacy.tokens import Doc, Span, Token

from .doc_tree import children, span_tokens
from ..records import Event, LocalEntity, Mention, Timex
from . import plover_lexicon as lex
from .event_actors import (
    MentionIndex,
    actor_pairs,
    agent_phrase,
    country_place,
    location_of,
    noun_agent,
    noun_targets,
    perpetrators,
    phrase_actors,
    target_phrases,
)
from .event_counterparts import with_counterparts
from .entities import main_country
from .event_dates import event_date, narrative_dates, occasion_date, statement_dates
from .story_dates import story_dates
from .event_classifier import admits, judge, judges_weak
from .event_evidence import clause_span, elaborating_participle
from .event_nominals import two_sided
from .event_triggers import Candidate, candidates, frame_verb, purpose_frame
from .event_typing import object_noun
from .doc_text import text_of
from .modality import asked_about, asked_of_another, denial_governor, modality, speech_governor
from .speech_stance import stances


MIN_CONFIDENCE = 0.4


_ANONYMOUS_MARGIN = 0.3
_JUDGED_BELOW = 0.15  # how far under min_confidence a candidate may fall and still be put to the judge


def _demanded_of(verb: Token, index: MentionIndex) -> list[str | None]:
    """'protested demanding the withdrawal of French troops': the protest targets whoever is to act on the demand."""
    for ch in children(verb):
        if ch.dep_ in ("advcl", "xcomp") and lex.lemma_of(ch) in lex.REQUEST_VERBS:
            obj = object_noun(ch)
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
        fv = frame_verb(c.trigger)
        if agent is None and fv is not None and lex.lemma_of(fv) in lex.LIGHT_VERBS:
            agent = agent_phrase(fv)
        elif agent is None and purpose_frame(c.trigger) is not None:
            agent = agent_phrase(purpose_frame(c.trigger))  # type: ignore[arg-type]
        targets = noun_targets(c.trigger)
        if c.type == "CONSULT" and agent is None and fv is not None:
            joint = _joint_meeting_roles(c.trigger, fv, index)
            if joint is not None:
                return joint
    else:
        agent = agent_phrase(c.frame)
        targets = target_phrases(c.frame)
        obj = object_noun(c.frame)
        if obj is not None and lex.lemma_of(c.frame) in lex.LIGHT_VERBS:
            # 'called for an investigation' names the act; 'called on Venezuela's government to release' the one asked
            keep = obj.head.lower_ in ("on", "upon") and obj.dep_ == "pobj"
            targets = noun_targets(obj) + [t for t in targets if t.i != obj.i or keep]
    sources = phrase_actors(agent, index) or [None]
    if c.obliged:  # 'Israel must immediately cease ...': Israel is asked; the asker is whoever speaks the sentence
        return [None], [s for s in sources if s is not None] or [None]
    deps = {ch.dep_ for ch in children(c.frame)}
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
        # 'defended its decision to seek Russia's assistance': the partner named inside what is defended;
        # 'said Iraq's sovereignty must be respected': the party named in the clause said
        obj = object_noun(c.frame) or next((ch for ch in children(c.frame) if ch.dep_ == "ccomp" and any(
            a.dep_ in ("aux", "auxpass") and a.lower_ in ("must", "should") for a in children(ch))), None)
        inner = [k for t in (obj.subtree if obj is not None else ()) if t.pos_ != "PRON"
                 for k in [index.actor(m) for m in [index.at(t)] if m is not None] if k not in sources]
        tgts = inner[:1] or [None]
    if c.type == "AID" and lex.lemma_of(c.trigger) in lex.RECEIVE_VERBS:
        # 'the junta brought in Russian planes': the subject receives, the goods' owner gives
        givers = [k for t in targets for k in phrase_actors(t, index) if k is not None][:1]
        return (givers or [None]), [s for s in sources if s is not None] or [None]
    return sources, tgts


def _definite(noun: Token) -> bool:
    """'the attack', 'Iran's strikes', 'that visit': a noun phrase naming something already known."""
    return any((c.dep_ == "det" and c.lower_ in ("the", "this", "that", "these", "those")) or c.dep_ == "poss"
               for c in children(noun))


def _same_event(etype: str, lemma: str, sources: list[str | None], targets: list[str | None],
                told: tuple[str, str, set[str | None], bool], own_sides: bool = False) -> bool:
    """An earlier event of the same type that this mention can be: the same word or a shared participant,
    and no participant the earlier telling lacks. A noun that names its own two sides ('these clashes between
    the armed groups and the military') is another act than an earlier one told with another word."""
    ttype, tlemma, tparts, _ = told
    mine = (set(sources) | set(targets)) - {None}
    if ttype != etype or not mine <= tparts:
        return False
    return tlemma == lemma or (bool(mine & tparts) and not own_sides)


def _back_reference(noun: Token) -> bool:
    """An event noun with a demonstrative and no doer of its own ('This visit', 'that attack') names a known event."""
    return (any(c.dep_ == "det" and c.lower_ in ("this", "that", "these", "those") for c in children(noun))
            and noun_agent(noun) is None)


def _event_modality(c: Candidate) -> str:
    tok = c.trigger
    if c.is_noun:
        fv = frame_verb(tok)
        mod = modality(fv) if fv is not None else "asserted"
        if any(ch.lower_ in lex.HEDGE_WORDS for ch in children(tok)):
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
    events = statement_dates(doc, narrative_dates(doc, events), timexes)
    events = story_dates(doc, list(_merge_repeats(events)), timexes, published)
    yield from with_counterparts(events, main_country({e.key: e for e in entities}, mentions))  # left to the story


_PRECISION = {"day": 3, "month": 2, "year": 1}
# PLOVER types an actor performs by saying something: each saying is its own event.
_SPEECH_ACT_TYPES = frozenset({"AGREE", "SUPPORT", "REQUEST", "ACCUSE", "REJECT", "THREATEN"})


def _merge_repeats(events: list[Event]) -> Iterator[Event]:
    """An article that tells one event twice ("traveled to Bamako" ... "his first visit") reports one event:
    mentions with the same type and the same known source and target, and dates that do not disagree, merge
    into the first mention, which takes the most precise date and the highest confidence. Statements are the
    exception: saying a thing again (a second appeal, a second pledge) is a second act, not a retelling."""
    kept: list[Event] = []
    for e in events:
        twin = None
        if (e.source and e.target and e.modality == "asserted"  # a reported and an asserted telling stay apart
                and e.type not in _SPEECH_ACT_TYPES):
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
    told_events: list[tuple[str, str, set[str | None], bool]] = []  # (type, trigger lemma, participants, dated)
    day_timexes = sorted((t for t in timexes if len(t.value) == 10 and t.value[4] == "-"), key=lambda t: t.start)
    for sent in doc.sents:
        if _is_address_line(sent) or _is_question(sent) or _is_heading(sent):
            continue
        prev_day = None
        for t in day_timexes:
            if t.end <= sent.start_char:
                prev_day = t
        told_here: dict[str, list[tuple[str, str, set[str | None], bool]]] = {}  # this sentence's events by type
        acts_here: dict[int, str] = {}  # the verbs that tell this sentence's events -> their types
        for c in sorted(candidates(sent), key=lambda c: -c.weight):
            score = c.weight - 0.5 * c.penalty
            below = score < min_confidence
            if below and (score < min_confidence - _JUDGED_BELOW or not judges_weak()):
                continue  # too weakly worded (a trained judge may still admit a near miss, see below)
            if not c.is_noun and lex.lemma_of(c.trigger) not in lex.LIGHT_VERBS and asked_about(c.trigger):
                continue  # 'asked whether the UK supports ...': a question, not a report (a noun's event, 'asked
                # whether he had had a conversation with Putin', is presupposed and may be answered)
            if not c.is_noun and c.type != "REQUEST" and asked_of_another(c.trigger):
                continue  # 'called on both sides to stop fighting': the appeal is the event, not what it asks for
            if c.type == "SUPPORT" and not c.is_noun and _said_only(c.trigger):
                continue  # 'We reaffirm that the situation is caused by ...': what is said carries the event
            if not c.is_noun and _agreed_view(c.trigger):
                continue  # 'They agreed this could be the first step': a shared view, no deal
            if _possibility_only(c.trigger) or (not c.is_noun and not c.collapsed and _goal_only(c.trigger)):
                continue  # 'its right to protect its citizens', 'it was to support Israel': an aim, not an act
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
                elif etype in lex.THREAT_COLLAPSE and not _passive(c.trigger):
                    etype, mod = "THREATEN", "asserted"  # 'will strike back'; 'will be suspended' announces a measure
            elif c.collapsed and mod in ("future", "reported") and speech_governor(c.trigger) is None:
                mod = "asserted"
            if c.collapsed and mod == "future":
                mod = "asserted"
            if c.is_noun and etype in seen_types and _back_reference(c.trigger):
                continue  # 'this visit' points back at an event already reported
            if not c.is_noun and _inside_told_act(c.trigger, etype, acts_here):
                continue  # 'launched a large-scale attack, deploying 200 aircraft to target ...': how the act was
                # done, inside its evidence
            clause = clause_span(c)
            sources, targets = _roles(c, index)
            weak = score < min_confidence + _ANONYMOUS_MARGIN
            judged, p_none = judge(c, etype, mod, sources != [None], targets != [None], _sent_text(clause), weak, below)
            if judged is None or (below and not admits("below_floor", p_none)):
                continue  # the model reads the clause as no event (a hurt, a worry, a named thing)
            etype = judged
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
            if sources == [None] and targets == [None] and weak \
                    and not (c.occurred and (etype not in seen_types or _another_occurrence(c.trigger))) \
                    and not admits("anonymous", p_none):
                continue  # an event with no named participant needs stronger wording, a sure judge, or to be told
                # as something that took place ('clashes have taken place') and not already reported in another form
            if c.is_noun and _definite(c.trigger) and any(
                    _same_event(etype, lex.lemma_of(c.trigger), sources, targets, told, two_sided(c.trigger, etype))
                    and (told[3] or date is None)
                    for told in told_events):
                continue  # 'the Tajoura attack', 'the killing of Soleimani': a known event named again (a date it
                # adds to an undated first telling is kept, for the merge of repeats to take)
            if not (c.is_noun and _another_occurrence(c.trigger)) and any(
                    (set(sources) | set(targets)) - {None} <= told[2] for told in told_here.get(etype, [])):
                continue  # 'killing 40 and wounding 27', 'blocked, hijacked, attacked': one act told in parts
            told_events.append((etype, lex.lemma_of(c.trigger), set(sources) | set(targets), date is not None))
            told_here.setdefault(etype, []).append(told_events[-1])
            act = frame_verb(c.trigger) if c.is_noun else c.trigger
            if act is not None:
                acts_here[act.i] = etype
            seen_types.add(etype)
            conf = round(min(1.0, max(0.0, c.weight - c.penalty + (0.1 if sources != [None] else 0.0))), 3)
            for s, t in actor_pairs(sources, targets, etype):  # joint actors: one event per pair
                yield Event(
                    type=etype, source=s, target=t, evidence=_sent_text(clause), start=clause.start_char,
                    end=clause.end_char, trigger=c.trigger.text, location=loc, date=date,
                    date_precision=prec, modality=mod, confidence=conf,
                )
        yield from _stance_events(sent, index, timexes, published, prev_day)


# Words that say an event noun is one more occurrence, not the one already told: 'Similar airstrikes also occurred
# in northern Iraq' (d5c), 'Protests were also reported in other cities' (d7a).
_ANOTHER_WORDS = {"also", "again", "similar", "other", "another", "more", "further", "new", "fresh"}


def _another_occurrence(noun: Token) -> bool:
    """An event noun told as a further occurrence ('similar airstrikes', 'protests were also reported')."""
    verb = noun.head if noun.dep_ in ("nsubj", "nsubjpass") else noun
    return any(c.lower_ in _ANOTHER_WORDS and c.dep_ in ("amod", "advmod", "det") for w in {noun, verb} for c in children(w))


def _inside_told_act(tok: Token, etype: str, acts_here: dict[int, str]) -> bool:
    """The trigger is a participle elaborating an act this sentence already told ('launched an attack, deploying 200
    aircraft'), or an act of the same kind inside that participle ('... deploying 200 aircraft to target Iran's
    nuclear program')."""
    for n, cur in enumerate((tok, *tok.ancestors)):
        if n > 3:
            return False
        if cur.dep_ == "advcl" and cur.head.i in acts_here and elaborating_participle(cur, acts_here[cur.head.i]):
            return cur.i == tok.i or acts_here[cur.head.i] == etype
    return False


# Nouns whose infinitive was acted on ('its decision to seek Russia's assistance', 'an attempt to assassinate'):
# the act is told (an attempt at an attack is coded as the attack).
_DECIDED_NOUNS = {"decision", "move", "order", "choice", "resolution", "vote", "attempt", "bid"}


def _goal_only(tok: Token) -> bool:
    """A to-infinitive that only names an aim, a right or a chance ('the right to protect its citizens', 'an
    opportunity to carry out the killing', 'the deployment was to support Israel'), not something done; a
    decision's or an attempt's infinitive and 'X was first to provide' (a rank: it was done) still tell the act."""
    if tok.tag_ != "VB" or not any(ch.dep_ == "aux" and ch.lower_ == "to" for ch in children(tok)):
        return False
    head = tok.head
    if tok.dep_ == "acl" and head.pos_ in ("NOUN", "PROPN"):
        return head.lemma_.lower() not in _DECIDED_NOUNS
    return (tok.dep_ == "xcomp" and head.lemma_ == "be"
            and not any(ch.dep_ in ("attr", "acomp", "dobj", "advmod") for ch in children(head)))


# Nouns that name an act as only possible: 'the possibility of proscribing the IRGC', 'the prospect of sending troops'.
_POSSIBILITY_NOUNS = {"possibility", "prospect", "idea", "option", "chance", "likelihood", "risk", "question", "notion",
                      "thought", "talk", "rumour", "rumor", "speculation", "danger", "fear"}


def _possibility_only(tok: Token) -> bool:
    """An act named under a noun of possibility ('On the possibility of proscribing Iran's IRGC', d2c; TimeBank 'the
    possibility of taking Elian', 'the possibility of a ground assault') may or may not come, as an infinitive under
    a noun of aim does ('an opportunity to carry out the killing')."""
    gerund = tok.tag_ == "VBG" and tok.dep_ == "pcomp"
    noun = tok.pos_ in ("NOUN", "PROPN") and tok.dep_ == "pobj"
    if not (gerund or noun) or tok.head.lower_ != "of":
        return False
    return tok.head.head.lemma_.lower() in _POSSIBILITY_NOUNS


def _said_only(tok: Token) -> bool:
    """A backing verb used as a verb of saying ('We reaffirm that ...', 'welcomed that ...'): a that-clause and no
    one or nothing backed (no object, prepositional or infinitive complement)."""
    entry = lex.verb_entry(lex.lemma_of(tok))
    if entry is None or entry[0] != "SUPPORT":
        return False  # 'said Iraq's sovereignty must be respected' backs through what is said
    kids = {ch.dep_ for ch in children(tok)}
    return "ccomp" in kids and not kids & {"dobj", "prep", "xcomp", "dative", "attr", "nsubjpass"}


_VIEW_MODALS = {"could", "must", "should", "may", "might", "can"}


def _agreed_view(tok: Token) -> bool:
    """'agreed (that) this could be the first step', 'agreed all parties must continue': agreeing on an assessment
    or on what others ought to do is a shared view, not an agreement to act ('agreed Ukraine and America will
    continue working together', 'agreed to share information' stay AGREE)."""
    if lex.lemma_of(tok) not in ("agree", "concur"):
        return False
    if any(ch.dep_ in ("xcomp", "dobj") or (ch.dep_ == "prep" and ch.lower_ in ("on", "to", "upon")) for ch in children(tok)):
        return False
    return any(ch.dep_ == "ccomp" and any(a.dep_ in ("aux", "auxpass") and a.lower_ in _VIEW_MODALS for a in children(ch))
               for ch in children(tok))


def _passive(tok: Token) -> bool:
    """'the force will be suspended': a measure announced in the passive names no one threatening anyone."""
    return any(ch.dep_ in ("auxpass", "nsubjpass") for ch in children(tok))


def _sent_text(sent: Span) -> str:
    """span.text (a sentence, a clause) from the Doc's cached text (Span.text joins a new Token object per token)."""
    return text_of(sent.doc)[sent.start_char:sent.end_char]


def _is_question(sent: Span) -> bool:
    """'Have the Iranians killed an American yet?': a question asserts no event (an elliptic 'And the firms that
    supply X?' still tells one)."""
    text = _sent_text(sent).rstrip(" \n\"'\u201d\u2019)")
    if not text.endswith("?"):
        return False
    first = next((t for t in span_tokens(sent) if not (t.is_punct or t.dep_ == "cc" or t.is_space)), None)
    return first is not None and (first.pos_ in ("AUX", "VERB") or first.tag_ in ("WDT", "WP", "WRB", "MD"))


def _is_heading(sent: Span) -> bool:
    """A subhead on a line of its own ('Calls for transparency', d7a; 'Tinubu's Request', d8b) names a topic: a short
    line with no subject (no clause) tells no event."""
    words = [t for t in span_tokens(sent) if not (t.is_punct or t.is_space)]
    return (0 < len(words) <= 6 and sent.text.endswith("\n") and not any(t.dep_ in ("nsubj", "nsubjpass", "expl")
                                                                          for t in words)
            and (sent.start == 0 or "\n" in sent.doc[sent.start - 1].text_with_ws))


def _is_address_line(sent: Span) -> bool:
    """A web address or URL slug left in the body ('site.com / world / son-suspected-of-killing') tells no event."""
    text = _sent_text(sent)
    return text.count("/") >= 3 or "http" in text or "www." in text


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
            date, prec = occasion_date(speaker.sent, timexes)  # 'he stressed': the remarks reported just before
        loc = location_of(list(st.evidence), index)
        for s in sources:
            for t in targets:
                yield Event(
                    type=st.type, source=s, target=t, evidence=_sent_text(st.evidence), start=st.evidence.start_char,
                    end=st.evidence.end_char, trigger=st.trigger.text, location=loc, date=date,
                    date_precision=prec, modality="asserted", confidence=0.65,
                )

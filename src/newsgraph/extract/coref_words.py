"""The vocabulary of the coreference rules: pronoun classes, role and body nouns, plural references."""
from __future__ import annotations

from .doc_tree import children

HE = {"he", "him", "his", "himself"}
SHE = {"she", "her", "hers", "herself"}
IT = {"it", "its", "itself"}
THEY = {"they", "them", "their", "theirs", "themselves"}
PERSON_ROLES = {
    "minister", "president", "leader", "premier", "chancellor", "envoy", "ambassador", "commander", "general",
    "secretary", "chief", "king", "prince", "emir", "colonel", "director", "governor", "senator", "diplomat",
    "counterpart", "head", "founder", "chairman", "chairwoman", "mayor", "lawmaker", "negotiator", "ruler",
}
# Offices a state holds: 'The Foreign Secretary' that the article never names speaks for the state.
STATE_OFFICES = {"minister", "secretary", "president", "premier", "chancellor"}
ROLE_SYNONYMS = {"leader": {"president", "head", "chief", "premier", "minister", "ruler", "leader"},
                 "diplomat": {"minister", "foreign", "ambassador", "envoy", "diplomat"},
                 "head": {"head", "chief", "director", "president", "leader"}, "premier": {"premier", "prime"},
                 "envoy": {"envoy", "representative", "ambassador", "emissary"}}
# Nouns for a state's own bodies: with no name in their phrase they stand for a body named before, or the state.
STATE_BODIES = {"ministry", "government", "army", "military", "junta", "regime", "authorities", "administration",
                "cabinet", "presidency", "navy", "department", "kremlin", "executive", "leadership"}
BODY_WORDS = {"ministry": ("ministry", "department", "foreign affairs", "mfa"),
              "department": ("department", "ministry"), "army": ("army", "armed forces", "forces", "military"),
              "military": ("armed forces", "army", "military", "forces"), "navy": ("navy",),
              "government": ("government",), "administration": ("administration", "government"),
              "presidency": ("presidency",), "cabinet": ("cabinet", "government")}
# A state's armed and police forces, unnamed ('Soldiers stormed', 'police nab', 'killed by security forces'): the
# guide codes them as the country they serve (dev d7a, d7c, d8a, d4b notes); 'forces' only with a state modifier.
SECURITY_NOUNS = {"soldier", "troop", "police", "policeman", "policemen", "policewoman", "gendarme", "gendarmerie"}
FORCE_NOUNS = {"force", "forces", "personnel", "officers", "officer"}
OTHER_FORCES = {"local", "ethnic", "rebel", "militia", "foreign", "private", "former", "renegade", "mutinous", "separatist",
                "opposition", "insurgent", "tribal", "allied", "international", "peacekeeping"}
SECURITY_MODS = {"security", "armed", "government", "state", "military", "police", "army", "regime", "junta"}
ORG_NOUNS = {"group", "organisation", "organization", "movement", "militia", "company", "firm", "agency", "alliance",
             "bloc", "coalition", "party", "court", "tribunal", "council", "committee", "body", "union", "network",
             "consortium", "rebels", "insurgents", "militants", "fighters", "jihadists", "terrorists", "bandits",
             "gunmen", "separatists", "extremists", "militias", "militiamen", "guerrillas", "insurgency"}
GENERIC_ORG = {"group", "organisation", "organization", "movement", "militia", "company", "firm", "agency", "body",
               "network", "consortium"}
# Armed groups named by what they do: 'the terrorists', 'the militia' after the group was named stand for it.
ARMED_NOUNS = {"terrorists", "militants", "insurgents", "rebels", "jihadists", "bandits", "gunmen", "fighters",
               "separatists", "extremists", "militia", "militiamen", "guerrillas", "insurgency"}
ARMED_CUES = {"terrorist", "terror", "terrorism", "militant", "jihadist", "jihadi", "rebel", "insurgent", "bandit",
              "gunman", "militia", "militiaman", "armed", "extremist", "separatist", "fighter", "guerrilla", "cell",
              "attack", "ambush", "kidnap", "abduct", "bomb", "bombing", "insurgency", "sect", "faction"}
LEADER_WORDS = {"president", "prime", "premier", "minister", "leader", "king", "chancellor", "emir", "head", "ruler"}
SPOKES = {"spokesman", "spokeswoman", "spokesperson", "official", "officials", "spokespeople", "spokespersons"}
STATE_MODS = {"senior", "top", "government", "ministry", "foreign", "defence", "defense", "military", "army",
              "administration", "security", "state", "unnamed", "two", "three", "several", "other", "one", "some",
              "presidential", "kremlin", "interior", "high", "ranking", "high-ranking", "many", "diplomatic"}
PAIR_PERSON = {"leaders", "men", "presidents", "ministers", "women", "heads", "politicians", "counterparts"}
PAIR_STATE = {"countries", "nations", "states", "governments", "neighbours", "neighbors", "capitals", "allies"}
PAIR_ANY = {"sides", "parties", "rivals", "foes", "adversaries", "partners", "armies"}
SUBJ = {"nsubj", "nsubjpass"}
FIRST_PERSON = {"i", "me", "my", "mine", "myself", "we", "us", "our", "ours", "ourselves"}
WE = {"we", "us", "our", "ours", "ourselves"}
REPORTING = {"say", "tell", "state", "add", "note", "insist", "stress", "declare", "confirm", "explain", "write",
             "warn", "emphasize", "emphasise", "continue", "conclude", "reply", "respond", "announce", "urge",
             "tweet", "post", "assert", "argue", "maintain", "reiterate", "comment", "remark", "affirm", "underline"}
PERSONISH = PERSON_ROLES | SPOKES | {"man", "woman", "person", "boy", "girl", "father", "mother", "son", "daughter",
                                    "journalist", "reporter", "witness", "resident", "victim", "activist", "analyst",
                                    "expert", "lawyer", "soldier", "officer", "candidate", "politician", "source"}
APPOS_NOUNS = PERSON_ROLES | ORG_NOUNS | STATE_BODIES | SPOKES | {"tank", "outlet", "agency", "broadcaster", "newspaper",
                                                                 "daily", "website", "watchdog", "charity", "ngo"}


def is_security_noun(tok) -> bool:
    """'soldiers', 'police', 'government troops', 'security forces' (a bare 'forces' may be anyone's)."""
    lemma = tok.lemma_.lower()
    if lemma in SECURITY_NOUNS or tok.lower_ in SECURITY_NOUNS:
        return True
    return (tok.lower_ in FORCE_NOUNS or lemma in FORCE_NOUNS) and any(
        c.dep_ in ("amod", "compound") and c.lower_ in SECURITY_MODS for c in children(tok))


REACH = {"person": 3, "it": 2, "they": 2, "description": 4}

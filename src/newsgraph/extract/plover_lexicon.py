"""PLOVER trigger lexicon: lemmas of verbs and event nouns mapped to the 16 types (CAMEO verb knowledge).

Weights say how sure a word alone is of its type (0..1); the dependency layer in events.py can
override them (light verbs take their object's type, control verbs combine with their complement).
"""
from __future__ import annotations

from functools import lru_cache

PLOVER_TYPES = (
    "AGREE", "CONSULT", "SUPPORT", "CONCEDE", "COOPERATE", "AID", "RETREAT", "REQUEST", "ACCUSE",
    "REJECT", "THREATEN", "PROTEST", "SANCTION", "MOBILIZE", "COERCE", "ASSAULT",
)
COOPERATIVE = {"AGREE", "CONSULT", "SUPPORT", "CONCEDE", "COOPERATE", "AID", "RETREAT"}
CONFLICT = {"REQUEST", "ACCUSE", "REJECT", "THREATEN", "PROTEST", "SANCTION", "MOBILIZE", "COERCE", "ASSAULT"}


def _expand(table: dict[str, tuple[str, float]]) -> dict[str, tuple[str, float]]:
    """Write 'a b c' keys once: every word of a key gets the entry."""
    out: dict[str, tuple[str, float]] = {}
    for words, entry in table.items():
        for w in words.split():
            out[w] = entry
    return out


# Verbs (lemma -> type, weight).  Grouped by CAMEO root.
VERBS = _expand({
    # 03 intent to cooperate
    "agree accept promise pledge vow offer volunteer": ("AGREE", 0.8),
    # 04 consult
    "meet visit consult negotiate discuss telephone phone host mediate confer tour welcome arrive travel": ("CONSULT", 0.75),
    # 05 diplomatic cooperation
    "praise hail commend endorse back support applaud laud recognize recognise congratulate honor honour "
    "sign ratify defend thank reaffirm welcome approve salute award forgive conclude normalize normalise "
    "apologize apologise": ("SUPPORT", 0.7),
    # 06 material cooperation
    "cooperate collaborate extradite share partner": ("COOPERATE", 0.7),
    # 07 aid
    "aid help assist donate provide supply deliver fund finance lend grant send ship evacuate rescue shelter "
    "protect train equip rebuild feed arm": ("AID", 0.6),
    # 08 yield (verbal -> CONCEDE, material -> RETREAT)
    "concede pardon ease relax lift cancel amnesty compromise": ("CONCEDE", 0.65),
    "withdraw retreat release free resign demobilize demobilise disarm surrender evacuate return "
    "relinquish quit pullout abdicate": ("RETREAT", 0.65),
    # 09 investigate, 11 disapprove
    "accuse blame condemn criticize criticise denounce censure deplore decry charge indict sue investigate "
    "probe implicate allege slam castigate lambast rebuke reprimand complain question attribute scold "
    "discredit defame vilify fault": ("ACCUSE", 0.8),
    # 10 demand
    "demand urge request ask appeal call press insist plead beg seek petition order summon": ("REQUEST", 0.7),
    # 12 reject
    "reject refuse deny decline refute dismiss oppose veto rebuff spurn snub repudiate resist defy "
    "disregard ignore violate": ("REJECT", 0.8),
    # 13 threaten
    "threaten warn menace intimidate": ("THREATEN", 0.85),
    # 14 protest
    "demonstrate rally march riot strike picket protest boycott block barricade": ("PROTEST", 0.75),
    # 15 force posture
    "deploy mobilize mobilise mass reinforce station patrol recruit alert muster amass": ("MOBILIZE", 0.7),
    # 16 reduce relations
    "sanction embargo expel suspend sever halt freeze prohibit downgrade recall cut terminate revoke withhold "
    "convict sentence designate blacklist bar punish penalize penalise": ("SANCTION", 0.7),
    # 17 coerce
    "arrest detain jail imprison seize confiscate raid ban outlaw censor deport blockade "
    "demolish hack confine crackdown disperse prevent shut silence oust topple "
    "overthrow apprehend nab intern proscribe criminalize criminalise forbid": ("COERCE", 0.7),
    # 18/19/20 assault
    "attack kill bomb shell strike shoot fire assassinate massacre murder slaughter ambush invade "
    "storm capture kidnap abduct torture rape behead execute wound injure fight clash battle bombard "
    "target destroy burn loot besiege retake overrun assault slay explode detonate beat": ("ASSAULT", 0.8),
})
# Lemma fixes where a word belongs to two groups above: the last assignment wins, so restate.
VERBS.update({
    "welcome": ("SUPPORT", 0.6), "evacuate": ("AID", 0.55), "strike": ("ASSAULT", 0.6),
    "protest": ("ACCUSE", 0.6), "boycott": ("PROTEST", 0.7), "return": ("RETREAT", 0.4),
    "arrive": ("CONSULT", 0.45), "block": ("PROTEST", 0.55), "travel": ("CONSULT", 0.55), "conclude": ("SUPPORT", 0.55),
    "call": ("REQUEST", 0.5), "order": ("REQUEST", 0.5), "press": ("REQUEST", 0.5),
    "support": ("SUPPORT", 0.65), "back": ("SUPPORT", 0.6), "send": ("AID", 0.5),
    "cut": ("SANCTION", 0.55), "halt": ("SANCTION", 0.6), "recall": ("SANCTION", 0.55),
    "question": ("ACCUSE", 0.5), "charge": ("ACCUSE", 0.6), "deny": ("REJECT", 0.85),
    "fire": ("ASSAULT", 0.5), "target": ("ASSAULT", 0.55), "share": ("COOPERATE", 0.55),
    "free": ("RETREAT", 0.6), "ease": ("CONCEDE", 0.65), "lift": ("CONCEDE", 0.65),
    "cancel": ("SANCTION", 0.5), "prevent": ("COERCE", 0.55), "protect": ("AID", 0.55),
    "train": ("AID", 0.5), "sentence": ("SANCTION", 0.65), "designate": ("SANCTION", 0.6),
    "punish": ("SANCTION", 0.55), "penalize": ("SANCTION", 0.55), "penalise": ("SANCTION", 0.55),
    "execute": ("ASSAULT", 0.6), "violate": ("REJECT", 0.5), "ignore": ("REJECT", 0.5),
    "beat": ("ASSAULT", 0.6), "mass": ("MOBILIZE", 0.5), "station": ("MOBILIZE", 0.6),
    "oppose": ("REJECT", 0.7), "resist": ("REJECT", 0.55), "host": ("CONSULT", 0.6),
    "honor": ("SUPPORT", 0.7), "honour": ("SUPPORT", 0.7), "award": ("SUPPORT", 0.7),
    "disperse": ("COERCE", 0.65), "shut": ("COERCE", 0.55), "seek": ("REQUEST", 0.6),
    "implicate": ("ACCUSE", 0.85), "attribute": ("ACCUSE", 0.5),
    # CAMEO 19 fight (defeat, repel, rout), 07 training and advising, 16 renounce, 09 suspect
    "defeat": ("ASSAULT", 0.7), "repel": ("ASSAULT", 0.7), "repulse": ("ASSAULT", 0.7), "rout": ("ASSAULT", 0.7),
    "teach": ("AID", 0.5), "mentor": ("AID", 0.5), "coach": ("AID", 0.45), "renounce": ("SANCTION", 0.5),
    # CAMEO roots the seeds rarely show: 04 convene, 05 echo (endorse), 07 arms sales, 17 annex/occupy, 18 hijack/hit
    "convene": ("CONSULT", 0.55), "echo": ("SUPPORT", 0.5), "sell": ("AID", 0.5), "annex": ("COERCE", 0.75),
    "occupy": ("COERCE", 0.55), "hijack": ("ASSAULT", 0.75), "hit": ("ASSAULT", 0.5), "shoot": ("ASSAULT", 0.7),
})

# Objects that make 'meet' mean 'satisfy' rather than 'hold a meeting'.
MEET_NON_EVENT = {"need", "demand", "requirement", "target", "deadline", "expectation", "goal", "criterion", "condition",
                  "standard", "obligation", "challenge", "cost", "criteria", "end", "fate", "death", "request"}

# Head nouns that only say 'an act of': their compound modifier names the event ('a mediation effort').
EVENT_HEADS = {"effort", "mission", "campaign", "process", "initiative", "plan", "programme", "program", "bid", "drive",
               "move", "attempt", "action", "measure", "step"}
# Verbs that cut back an existing relation: with an aid/cooperation object they are SANCTION.
CUTBACK_VERBS = {"reduce", "cut", "halt", "suspend", "stop", "end", "freeze", "withhold", "prohibit", "block", "curtail",
                 "terminate", "scale", "slash", "cancel", "discontinue", "sever", "downgrade", "break"}
# Verbs that undo a restriction or a protest: with a coercion, sanction or protest object ('eased the curfew',
# 'repealed the ban', 'called off the strike') they are a concession, not a new restriction.
EASE_VERBS = {"ease", "relax", "lift", "loosen", "shorten", "cancel", "scrap", "abolish", "repeal", "rescind", "revoke",
              "waive", "suspend", "end", "drop", "remove", "call"}
EASED_TYPES = {"COERCE", "SANCTION", "PROTEST"}
# Verbs that open or restore a relation: with a relation object they are diplomatic backing ('restored ties').
RELATION_VERBS = {"establish", "restore", "revive", "reestablish", "re-establish", "upgrade", "normalize", "normalise", "resume",
                  "renew", "forge"}
RELATION_OBJECTS = {"tie", "ties", "relation", "relations", "relationship"}
# Verbs that enlarge a force: with a force object they are a force posture ('strengthened its forces').
FORCE_VERBS = {"strengthen", "bolster", "boost", "increase", "beef", "expand", "double", "triple", "build", "step"}
FORCE_OBJECTS = {"force", "forces", "troop", "troops", "presence", "garrison", "garrisons", "deployment", "contingent",
                 "army", "navy", "patrol", "patrols"}
# Verbs that move or keep one's own force somewhere (CAMEO 15, force posture): with a force object they are
# MOBILIZE ('moved its warplanes to al-Jufra', 'maintains forces inside Ethiopia'); 'bring in' (AID) is phrasal.
MOVE_VERBS = {"move", "bring", "redeploy", "relocate", "reposition", "position", "station", "keep", "maintain", "concentrate",
              "amass", "mass", "dispatch", "rush", "pour", "muster", "fly"}
# Armed units and their machines, as what is moved or kept (not as what is sold or given: see WEAPON_NOUNS).
MILITARY_UNITS = {"soldier", "soldiers", "warplane", "warplanes", "jet", "jets", "aircraft", "warship", "warships", "tank",
                  "tanks", "battalion", "battalions", "brigade", "brigades", "division", "divisions", "squadron",
                  "squadrons", "bomber", "bombers", "fighter", "fighters", "mercenary", "mercenaries", "militia",
                  "militias", "paratrooper", "paratroopers", "marine", "marines", "artillery", "armour", "armor",
                  "reinforcement", "reinforcements", "fleet", "frigate", "frigates", "destroyer", "destroyers"}
# Nouns for a briefing by one side: with 'press' they are a statement unless joint or held with someone.
BRIEFING_NOUNS = {"conference", "briefing", "statement"}
# Verbs that remove someone from a country; with an individual (not a diplomat: expelling diplomats cuts
# relations, SANCTION) as object they are COERCE.
EXPEL_VERBS = {"expel", "deport", "evict"}
OFFICIAL_NOUNS = {"head", "chief", "official", "officials", "representative", "spokesman", "spokeswoman", "spokesperson",
                  "journalist", "journalists", "director", "coordinator", "correspondent", "commander", "officer",
                  "officers", "activist", "activists", "worker", "workers"}
# Verbs of putting something to use; with arms or crowd-control weapons as what is used they are force (ASSAULT).
USE_VERBS = {"use", "employ", "fire", "unleash", "hurl", "lob", "spray"}
# Arms and crowd-control weapons (PLOVER ASSAULT modes firearms, explosives, crowd-control, heavy-weapons) as what is
# used: 'used teargas', 'fired rubber bullets', 'used excessive force'.
USED_WEAPONS = {"teargas", "tear-gas", "gas", "bullet", "bullets", "grenade", "grenades", "cannon", "cannons", "baton",
                "batons", "truncheon", "truncheons", "pellet", "pellets", "ammunition", "munition", "munitions", "weapon",
                "weapons", "bomb", "bombs", "rocket", "rockets", "missile", "missiles", "shell", "shells", "mortar",
                "mortars", "explosive", "explosives", "firearm", "firearms", "gun", "guns", "force", "violence"}
# Verbs of helping another side (CAMEO 07): the purpose that makes a deployment military aid.
HELP_VERBS = {"help", "aid", "assist", "train", "protect", "support", "equip", "advise", "mentor", "rescue", "evacuate"}
# A crowd of protesters as the doer of an act (PLOVER PROTEST's actors): what it does in the street is the protest.
PROTESTER_NOUNS = {"protester", "protestor", "demonstrator", "rioter", "marcher", "picketer"}
# Verbs of acceptance whose negation is a refusal.
ACCEPT_VERBS = {"accept", "agree", "meet", "allow", "recognize", "recognise", "approve", "permit", "comply", "attend"}

# Verbs whose subject is the one who gets the help ('Mali brought in Russian helicopters').
RECEIVE_VERBS = {"bring", "receive", "obtain", "acquire", "import", "buy", "purchase", "get"}

# Verbs that are never events themselves but give their direct object's event noun its type.
LIGHT_VERBS = {
    "hold", "conduct", "carry", "stage", "launch", "make", "take", "give", "pay", "begin", "start", "continue",
    "engage", "undertake", "impose", "issue", "lodge", "file", "open", "have", "organize", "organise", "mount",
    "step", "resume", "reach", "extend", "announce", "declare", "initiate", "perform", "put", "set", "enter",
    "wage", "unleash", "intensify", "escalate", "reimpose", "end", "sign", "conclude", "finalize", "finalise",
    "offer", "provide", "express", "voice", "raise", "receive", "grant", "get", "see", "order", "call",
    "propose", "approve", "prepare", "plan",
}
# Light verbs of voicing: with them even a weak event noun ('support', 'concern') is the act ('expressed support').
EXPRESSING_VERBS = {"express", "voice", "give", "offer", "extend", "raise"}
# Verbs that promise or offer their object: a cooperative thing promised is AGREE (PLOVER: 'a promise, offer or
# stated willingness to cooperate'), harm promised is THREATEN ('vowed severe punishment').
PROMISE_VERBS = {"promise", "pledge", "vow", "offer", "propose", "guarantee", "swear"}
# Verbs that announce an act before it is carried out: a withdrawal or ceasefire announced is a concession (CONCEDE).
DECLARING_VERBS = {"announce", "declare", "proclaim", "propose", "offer"}
# Light verbs whose own meaning changes the object's type.
LIGHT_OVERRIDES = {
    ("sign", "SUPPORT"), ("conclude", "SUPPORT"), ("finalize", "SUPPORT"), ("finalise", "SUPPORT"),
}

# Verbs taking an infinitive/clausal complement whose meaning combines with it.
INTENT_VERBS = {
    "agree", "offer", "promise", "pledge", "vow", "commit", "decide", "plan", "intend", "prepare", "aim",
    "propose", "seek", "want", "hope", "expect", "ready", "willing", "prepared", "determined", "resolve",
    "announce", "say", "vow", "swear", "undertake", "consent", "volunteer",
}
THREAT_VERBS = {"threaten", "warn"}
REFUSAL_VERBS = {"refuse", "decline", "reject", "oppose", "deny", "rule"}
REQUEST_VERBS = {"demand", "urge", "ask", "call", "appeal", "press", "request", "insist", "plead", "beg", "order",
                 "pressure", "push", "exhort", "implore", "invite", "tell", "instruct", "require"}

# Event nouns (lemma -> type, weight).
NOUNS = _expand({
    "agreement deal treaty pact accord memorandum protocol": ("SUPPORT", 0.55),
    "praise endorsement recognition support backing solidarity award honor honour apology": ("SUPPORT", 0.5),
    "talk talks meeting summit visit negotiation consultation conference trip mediation dialogue "
    "call telephone tour": ("CONSULT", 0.6),
    "cooperation partnership collaboration extradition exchange exercise drill": ("COOPERATE", 0.55),
    "aid assistance help donation grant loan relief funding shipment delivery asylum rescue training "
    "equipment supplies": ("AID", 0.55),
    "concession pardon amnesty easing": ("CONCEDE", 0.55),
    "withdrawal pullout pull-out cessation drawdown release ceasefire cease-fire truce resignation surrender disarmament "
    "demobilization retreat evacuation": ("RETREAT", 0.6),
    "investigation inquiry probe accusation allegation condemnation criticism complaint charge "
    "indictment lawsuit censure concern inquest inspection": ("ACCUSE", 0.55),
    "demand appeal request call plea ultimatum": ("REQUEST", 0.5),
    "rejection refusal denial veto": ("REJECT", 0.6),
    "threat warning": ("THREATEN", 0.6),
    "protest demonstration rally riot strike boycott sit-in march demonstrator protester "
    "hunger-strike unrest": ("PROTEST", 0.6),
    "alert deployment mobilization mobilisation buildup build-up reinforcement alert patrol mutiny rebellion "
    "recruitment": ("MOBILIZE", 0.5),
    "sanction embargo expulsion suspension boycott designation conviction": ("SANCTION", 0.6),
    "arrest detention crackdown raid curfew ban restriction restrictions martial seizure coup deportation censorship blockade "
    "kidnapping abduction eviction overthrow putsch ouster proscription internment": ("COERCE", 0.6),
    "genocide pogrom": ("ASSAULT", 0.65),
    "attack assault bombing shelling massacre offensive airstrike air-strike ambush clash killing "
    "assassination fighting battle invasion war execution torture atrocity violence operation "
    "raid strike bombardment incursion onslaught": ("ASSAULT", 0.6),
})
NOUNS.update({
    "operation": ("ASSAULT", 0.35), "war": ("ASSAULT", 0.35), "violence": ("ASSAULT", 0.35),
    "call": ("REQUEST", 0.4), "concern": ("ACCUSE", 0.4), "support": ("SUPPORT", 0.4),
    "exercise": ("COOPERATE", 0.4), "exchange": ("COOPERATE", 0.4), "equipment": ("AID", 0.35),
    "training": ("AID", 0.4), "raid": ("COERCE", 0.55),
    "boycott": ("PROTEST", 0.55), "march": ("PROTEST", 0.5), "alert": ("MOBILIZE", 0.5),
    "charge": ("ACCUSE", 0.45), "trip": ("CONSULT", 0.5), "tour": ("CONSULT", 0.4),
    # a strike in political news is an attack unless workers or a hunger strike are named (see event_typing)
    "strike": ("ASSAULT", 0.5), "conversation": ("CONSULT", 0.55), "discussion": ("CONSULT", 0.5),
    "escalation": ("ASSAULT", 0.4), "hostility": ("ASSAULT", 0.45), "annexation": ("COERCE", 0.6),
    "occupation": ("COERCE", 0.4), "condolence": ("SUPPORT", 0.5), "hijacking": ("ASSAULT", 0.6),
    # CAMEO 18 retaliation in kind, 05 expressions of thanks and sympathy, 08 leniency (pardon, parole)
    "retaliation": ("ASSAULT", 0.5), "reprisal": ("ASSAULT", 0.5), "revenge": ("ASSAULT", 0.4),
    "vengeance": ("ASSAULT", 0.4), "punishment": ("SANCTION", 0.4),
    "gratitude": ("SUPPORT", 0.5), "thanks": ("SUPPORT", 0.45), "appreciation": ("SUPPORT", 0.45),
    "sympathy": ("SUPPORT", 0.45), "congratulation": ("SUPPORT", 0.5), "congratulations": ("SUPPORT", 0.5),
    "tribute": ("SUPPORT", 0.45), "admiration": ("SUPPORT", 0.4),
    # CAMEO 11 disapprove, voiced: 'raised questions about the validity of the result', 'expressed doubts'
    "question": ("ACCUSE", 0.4), "doubt": ("ACCUSE", 0.4), "objection": ("ACCUSE", 0.45), "misgiving": ("ACCUSE", 0.4),
    "parole": ("CONCEDE", 0.5), "clemency": ("CONCEDE", 0.55), "reprieve": ("CONCEDE", 0.5),
    "leniency": ("CONCEDE", 0.45), "commutation": ("CONCEDE", 0.5),
})

# Modifiers that change a noun's type: "hunger strike" / "general strike" protest, "air strike" assault.
NOUN_MODIFIERS = {
    ("strike", "hunger"): "PROTEST", ("strike", "general"): "PROTEST", ("strike", "air"): "ASSAULT",
    ("strike", "drone"): "ASSAULT", ("strike", "missile"): "ASSAULT", ("strike", "military"): "ASSAULT",
    ("exercise", "joint"): "COOPERATE", ("exercise", "military"): "MOBILIZE", ("patrol", "joint"): "COOPERATE",
    ("operation", "joint"): "COOPERATE", ("operation", "military"): "ASSAULT", ("operation", "counterinsurgency"): "ASSAULT",
    ("call", "phone"): "CONSULT", ("call", "telephone"): "CONSULT", ("line", "red"): "THREATEN",
    ("conference", "press"): "CONSULT", ("aid", "military"): "AID",
    ("cleansing", "ethnic"): "ASSAULT", ("law", "martial"): "COERCE", ("access", "humanitarian"): "RETREAT",
    ("game", "war"): "COOPERATE", ("strike", "labour"): "PROTEST", ("strike", "labor"): "PROTEST",
    ("strike", "nationwide"): "PROTEST", ("strike", "worker"): "PROTEST", ("strike", "teacher"): "PROTEST",
    ("protest", "diplomatic"): "ACCUSE", ("protest", "formal"): "ACCUSE", ("protest", "official"): "ACCUSE",
    ("protest", "strong"): "ACCUSE", ("sale", "arm"): "AID", ("sale", "arms"): "AID", ("sale", "weapon"): "AID",
}
# Words of a labour dispute: with them a 'strike' is a walk-out (PROTEST), not an attack.
LABOUR_WORDS = {"worker", "workers", "union", "unions", "employee", "employees", "staff", "teacher", "teachers", "doctor",
                "doctors", "nurse", "nurses", "wage", "wages", "pay", "salary", "salaries", "miner", "miners", "driver",
                "drivers", "walkout", "picket", "labour", "labor", "hunger", "general"}
# Light verbs that make a protest noun a diplomatic complaint ('lodged a protest'), CAMEO 11 disapprove.
PROTEST_FILING_VERBS = {"lodge", "file", "send", "deliver", "register", "issue", "submit", "hand"}
# Objects of an arms sale (what 'sell' transfers when it is military aid).
WEAPON_NOUNS = {"weapon", "weapons", "arm", "arms", "jet", "jets", "aircraft", "plane", "planes", "drone", "drones",
                "missile", "missiles", "tank", "tanks", "helicopter", "helicopters", "fighter", "fighters", "warship",
                "warships", "rifle", "rifles", "ammunition", "munition", "munitions", "system", "systems", "equipment",
                "vessel", "vessels", "submarine", "submarines", "gun", "guns", "artillery"}
# What 'evacuates' when an evacuation is a pull-out (RETREAT): one's own embassy, diplomats, citizens.
PULLOUT_OBJECTS = {"embassy", "embassies", "diplomat", "diplomats", "staff", "personnel", "citizen", "citizens", "national",
                   "nationals", "consulate", "consulates", "mission", "troops", "force", "forces"}
# Abstract goods one 'protects' without helping anyone (not AID).
ABSTRACT_GOODS = {"interest", "interests", "right", "rights", "sovereignty", "security", "stability", "peace", "integrity",
                  "independence", "value", "values", "principle", "principles", "territory", "border", "borders",
                  "itself", "themselves", "himself", "herself", "ourselves"}
# What a side fights for when 'fighting' is a long struggle, not a battle ('fighting for Kurdish autonomy').
STRUGGLE_GOALS = {"power", "influence", "autonomy", "independence", "freedom", "right", "rights", "survival", "recognition",
                  "justice", "democracy", "self-determination", "equality", "liberation", "sovereignty", "dominance",
                  "supremacy", "cause", "future", "dignity"}
# A side's own staff: orders to them are internal, not a request between actors.
OWN_STAFF = {"team", "teams", "staff", "advisor", "advisors", "adviser", "advisers", "aide", "aides", "representative",
             "representatives", "official", "officials", "minister", "ministers", "negotiator", "negotiators", "envoy",
             "envoys", "government", "cabinet", "ministry", "department", "agency", "agencies"}
# Adjectives of readiness: 'ready for talks', 'open to discussing a deal' state a willingness (AGREE).
READY_WORDS = {"ready", "willing", "open", "prepared", "eager"}

# Verb + particle/preposition combinations with their own meaning.
PHRASALS = {
    ("call", "for"): ("REQUEST", 0.8), ("call", "on"): ("REQUEST", 0.8), ("call", "upon"): ("REQUEST", 0.8),
    ("pull", "out"): ("RETREAT", 0.8), ("pull", "back"): ("RETREAT", 0.8), ("step", "down"): ("RETREAT", 0.8),
    ("lay", "down"): ("RETREAT", 0.7), ("hand", "over"): ("RETREAT", 0.6), ("back", "down"): ("CONCEDE", 0.7),
    ("crack", "down"): ("COERCE", 0.85), ("cut", "off"): ("SANCTION", 0.7), ("break", "off"): ("SANCTION", 0.75),
    ("shut", "down"): ("COERCE", 0.65), ("blow", "up"): ("ASSAULT", 0.75), ("open", "fire"): ("ASSAULT", 0.85),
    ("fire", "on"): ("ASSAULT", 0.8), ("fire", "at"): ("ASSAULT", 0.8), ("set", "up"): ("COOPERATE", 0.4),
    ("speak", "with"): ("CONSULT", 0.6), ("talk", "with"): ("CONSULT", 0.6), ("talk", "to"): ("CONSULT", 0.55),
    ("sit", "down"): ("CONSULT", 0.5), ("stand", "by"): ("SUPPORT", 0.6), ("side", "with"): ("SUPPORT", 0.6),
    ("speak", "out"): ("ACCUSE", 0.6), ("lash", "out"): ("ACCUSE", 0.8), ("rule", "out"): ("REJECT", 0.75),
    ("turn", "down"): ("REJECT", 0.8), ("walk", "out"): ("REJECT", 0.6), ("bring", "in"): ("AID", 0.5),
    ("take", "over"): ("COERCE", 0.55), ("round", "up"): ("COERCE", 0.75), ("lock", "up"): ("COERCE", 0.7),
    ("hold", "talk"): ("CONSULT", 0.8), ("hold", "meeting"): ("CONSULT", 0.8), ("send", "troop"): ("MOBILIZE", 0.7),
    ("look", "into"): ("ACCUSE", 0.6), ("point", "to"): ("ACCUSE", 0.4), ("stage", "rally"): ("PROTEST", 0.8),
    ("take", "to"): ("PROTEST", 0.3), ("go", "on"): ("PROTEST", 0.3), ("pave", "way"): ("AGREE", 0.4),
    ("work", "with"): ("COOPERATE", 0.55), ("work", "together"): ("COOPERATE", 0.5), ("wave", "off"): ("REJECT", 0.7),
    ("brush", "off"): ("REJECT", 0.7), ("brush", "aside"): ("REJECT", 0.7), ("file", "case"): ("ACCUSE", 0.75),
    ("bring", "case"): ("ACCUSE", 0.7), ("file", "lawsuit"): ("ACCUSE", 0.8), ("file", "complaint"): ("ACCUSE", 0.75),
    ("bring", "together"): ("CONSULT", 0.55), ("speak", "to"): ("CONSULT", 0.45),
    ("engage", "with"): ("CONSULT", 0.55), ("reach", "out"): ("CONSULT", 0.5),
    ("take", "arm"): ("ASSAULT", 0.6), ("take", "arms"): ("ASSAULT", 0.6), ("break", "siege"): ("ASSAULT", 0.7),
}

# Speech and reporting verbs: not events, but they make an embedded event 'reported' and give its source.
SPEECH_VERBS = {
    "say", "tell", "state", "claim", "report", "announce", "add", "note", "insist", "stress", "assert",
    "declare", "confirm", "explain", "write", "argue", "suggest", "indicate", "maintain", "believe", "think",
    "acknowledge", "admit", "reveal", "disclose", "comment", "remark", "reiterate", "emphasize", "emphasise",
    "contend", "allege",
}
# Reporting verbs that hedge (the proposition is someone's claim, not the writer's).
HEDGE_WORDS = {"allegedly", "reportedly", "purportedly", "supposedly", "apparently", "alleged", "reported",
               "purported", "suspected", "presumed", "rumored", "rumoured"}
FUTURE_WORDS = {"will", "shall", "'ll", "going"}
FUTURE_INTENT = {"plan", "intend", "pledge", "promise", "vow", "aim", "prepare", "expect", "set", "schedule",
                 "propose", "would"}
HYPOTHETICAL_WORDS = {"could", "may", "might", "can", "should", "must"}
NEGATIONS = {"not", "n't", "never", "no", "neither", "nor", "without"}

# Words that make a future cooperative act a promise (AGREE) and a withdrawal a concession.
FUTURE_COLLAPSE = {
    "AID": "AGREE", "COOPERATE": "AGREE", "CONSULT": "AGREE", "SUPPORT": "AGREE", "RETREAT": "CONCEDE",
    "CONCEDE": "CONCEDE", "AGREE": "AGREE",
}
# A stated intent to do harm is a threat.
THREAT_COLLAPSE = {"SANCTION", "COERCE", "ASSAULT", "MOBILIZE", "PROTEST"}


@lru_cache(maxsize=None)
def _known(word: str) -> bool:
    """Whether any word list knows the word (cached: it is asked for every token the extractors look at)."""
    return (word in VERBS or word in LIGHT_VERBS or word in INTENT_VERBS or word in THREAT_VERBS or word in REFUSAL_VERBS
            or word in REQUEST_VERBS or word in SPEECH_VERBS or word in NOUNS or any(word == k[0] for k in PHRASALS))


_BY_IDS: dict[tuple[int, int], str] = {}  # (lemma, lower) string-store ids -> lemma_of: ids are hashes of the strings


def lemma_of(tok) -> str:  # noqa: ANN001 - a spaCy Token
    """The token's lemma, repaired from its surface form when the statistical lemmatizer misses ('staged' -> 'stag').
    Looked up by the token's integer ids first: reading lemma_ and lower_ decodes two strings from the vocabulary
    (lemma_of is asked ~1,500 times an article)."""
    ids = (tok.lemma, tok.lower)
    found = _BY_IDS.get(ids)
    if found is None:
        if len(_BY_IDS) >= 1 << 16:
            _BY_IDS.clear()
        found = _BY_IDS[ids] = _repaired(tok.lemma_, tok.lower_)
    return found


@lru_cache(maxsize=1 << 16)
def _repaired(lemma_: str, w: str) -> str:
    """lemma_of for a (lemma, lower-case form) pair; cached: the extractors ask for ~1,500 lemmas an article."""
    lemma = lemma_.lower()
    if _known(lemma):
        return lemma
    guesses = []
    if w.endswith("ied"):
        guesses.append(w[:-3] + "y")
    if w.endswith("ed"):
        guesses += [w[:-1], w[:-2], w[:-3]]
    if w.endswith("ing"):
        guesses += [w[:-3] + "e", w[:-3], w[:-4]]
    if w.endswith("ies"):
        guesses.append(w[:-3] + "y")
    if w.endswith("s"):
        guesses += [w[:-1], w[:-2]]
    for g in guesses:
        if len(g) > 2 and _known(g):
            return g
    return lemma


def verb_entry(lemma: str) -> tuple[str, float] | None:
    """The PLOVER type and weight of a verb lemma, if it is a trigger."""
    return VERBS.get(lemma.lower())


def noun_entry(lemma: str, modifiers: tuple[str, ...] = ()) -> tuple[str, float] | None:
    """The PLOVER type and weight of an event noun, refined by its compound/adjective modifiers."""
    lem = lemma.lower()
    for mod in modifiers:
        typ = NOUN_MODIFIERS.get((lem, mod.lower()))
        if typ is not None:
            return typ, 0.75
    return NOUNS.get(lem)

# ------------------------------------------------------------------ word senses that are not political events
# Forces of nature and accidents: what they 'kill', 'strike' or 'destroy' is not an attack by an actor.
HAZARD_NOUNS = {
    "earthquake", "quake", "tremor", "aftershock", "storm", "hurricane", "typhoon", "cyclone", "tornado", "flood",
    "flooding", "tsunami", "landslide", "mudslide", "avalanche", "blaze", "wildfire", "fire", "drought", "heatwave",
    "lightning", "eruption", "volcano", "disease", "virus", "epidemic", "outbreak", "accident", "crash", "collision",
    "derailment", "wave", "snowstorm", "blizzard", "rain", "rains", "wind", "winds",
}
# What is 'released' in a RETREAT: people held (a statement, patch or report released is not a concession).
CAPTIVE_NOUNS = {
    "prisoner", "hostage", "detainee", "captive", "soldier", "soldiers", "man", "woman", "child", "people", "person",
    "journalist", "activist", "opponent", "national", "citizen", "crew", "sailor", "fighter", "militant", "member",
    "suspect", "inmate", "detainee", "detainees", "prisoners", "hostages", "leader", "official", "worker", "student", "girl", "boy", "civilian", "tourist", "aid",
}
# What is 'shared' in material cooperation.
SHARE_OBJECTS = {"intelligence", "information", "data", "technology", "expertise", "experience", "knowledge", "resource",
                 "resources", "know-how", "evidence", "burden", "facility", "facilities", "base", "bases", "power"}
# What is 'signed' when signing is diplomatic backing (PLOVER: sign or finalise an agreement).
SIGN_OBJECTS = {"agreement", "deal", "treaty", "pact", "accord", "memorandum", "protocol", "declaration", "communique",
                "communiqué", "document", "documents", "charter", "convention", "contract", "roadmap", "ceasefire",
                "truce", "mou", "statement", "letter", "petition", "resolution", "partnership", "framework", "bill"}
# What is 'cut' when cutting is a sanction (ties, aid), not a cable or a budget line.
CUT_OBJECTS = {"tie", "ties", "relation", "relations", "aid", "funding", "assistance", "support", "cooperation", "contact",
               "contacts", "trade", "export", "exports", "import", "imports", "supply", "supplies", "loan", "loans",
               "subsidy", "subsidies", "link", "links", "access", "communication", "communications"}
# Things said or felt that 'offer' only states ('offered an opinion', 'offered condolences').
OFFER_SPEECH = {"opinion", "view", "comment", "explanation", "assessment", "analysis", "insight", "perspective",
                "thought", "thoughts", "prayer", "prayers", "apology", "detail", "details", "glimpse", "hint", "clue",
                "reason", "answer", "advice", "suggestion", "idea", "testimony", "account"}
# Pleas in court are procedure, not requests.
PLEA_WORDS = {"guilty", "innocent", "not", "contest"}
# Complements that make a court's 'ordered X held' a detention.
CUSTODY_VERBS = {"hold", "detain", "jail", "imprison", "remain", "keep", "remand", "confine"}
# Markers of an economic quantity: 'revenue declined', 'shares fell' are figures, not refusals.
QUANTITY_NOUNS = {"revenue", "revenues", "profit", "profits", "sale", "sales", "price", "prices", "share", "shares",
                  "stock", "stocks", "index", "rate", "rates", "earnings", "income", "output", "production", "number",
                  "figure", "yield", "yields", "value", "volume", "demand", "dollar", "currency", "market", "markets",
                  "spending", "cost", "costs", "inflation", "unemployment", "turnover", "margin", "growth", "gdp"}
# Complements of 'declined to ...' that only withhold an answer.
NO_COMMENT_VERBS = {"comment", "confirm", "say", "elaborate", "discuss", "disclose", "identify", "name", "specify",
                    "speculate", "answer", "respond", "reveal", "give", "provide", "release", "detail"}
# Body parts: 'hurt his knee' is an injury, not an attack.
BODY_PARTS = {"knee", "ankle", "leg", "arm", "hand", "foot", "shoulder", "back", "neck", "head", "hip", "wrist",
              "hamstring", "groin", "elbow", "finger", "toe", "thumb", "eye", "calf", "thigh", "rib", "ribs", "achilles",
              "knees", "ankles", "legs", "arms", "hands", "feet"}
# Objects of a sporting contest: 'defend his title', 'beat the count', 'lock up the seed'.
CONTEST_OBJECTS = {"title", "titles", "crown", "belt", "belts", "record", "lead", "championship", "medal", "trophy", "seed",
                   "berth", "spot", "count", "game", "match", "point", "points", "goal", "goals", "pennant", "cup"}

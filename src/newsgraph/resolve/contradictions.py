"""Statements that cannot both hold: opposite stance, denied facts, disagreeing dates and places."""
from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from ..nlp.gazetteer import lookup_place
from ..records import ArticleRecord
from . import contradiction_words as words
from .blocks import BlockCache, Mapper
from .claims import Claim
from .contradiction_context import Context, denial_asks, place_pairs, stance_asks
from .contradiction_items import Item, claim_items
from .contradiction_sims import cached_sims

KINDS = ("stance", "denial", "temporal", "place")
# How close (MiniLM cosine of the de-negated proposition and the other statement) a pair must be.
STANCE_THRESHOLD = 0.55
DENIAL_THRESHOLD = 0.55
PLACE_THRESHOLD = 0.45
MAX_PER_STATEMENT = 3  # a negated statement is reported against at most this many others (best first)

_NEGATION = re.compile(
    r"\b(?:not|never|no longer|nothing to do with|rather than|n't)\b|\bno\b(?!\s+(?:doubt|one))", re.I
)
_DENIAL = re.compile(
    r"\b(?:never|not|no|without being)\s+(?:been\s+|yet\s+been\s+|ever\s+been\s+)?(?:officially\s+|publicly\s+)?"
    r"(?:confirmed|acknowledged|admitted|recogni[sz]ed|verified)\b", re.I
)
_CONCESSIVE = re.compile(r",?\s*\b(?:though|although|even though|but|while)\b", re.I)
_ONSET = re.compile(
    r"\b(?:request(?:s|ed)?|send|sent|will send|deploy(?:s|ed)?|arriv(?:e|es|ed|al)|brought in|bring in|"
    r"beg(?:an|un|in)|start(?:ed|s)?|recruit(?:s|ed|ment)?|hire(?:s|d)?|invit(?:e|ed|es)|first)\b", re.I
)
_DURATION_FRAME = re.compile(r"\b(?:has|have)\s+been\b[^.]*?\bfor\b|\bsince\b", re.I)
_EVENT_NOUNS = (
    "rebellion", "mutiny", "coup", "attack", "massacre", "visit", "summit", "meeting", "talks", "election",
    "protest", "offensive", "strike", "bombing", "explosion", "crash", "uprising", "riot", "ambush", "raid",
)
_EVENT_PLACE = re.compile(r"\b(" + "|".join(_EVENT_NOUNS) + r")\b", re.I)
_FINITE = re.compile(r"\b(?:is|are|was|were|has|have|had|will|would|did|does)\b", re.I)


@dataclass(frozen=True)
class Contradiction:
    """Two statements that cannot both be true, and why."""

    kind: str  # stance | denial | temporal | place
    a: dict  # {"doc_id", "text", "speaker"}
    b: dict
    explanation: str

    def to_dict(self) -> dict:
        return {"kind": self.kind, "a": dict(self.a), "b": dict(self.b), "explanation": self.explanation}


def find_contradictions(
    records: Sequence[ArticleRecord],
    claims: Sequence[Claim],
    entity_ids: Mapping[tuple[str, str], str] | None = None,
    *,
    cache: BlockCache | None = None,
    mapper: Mapper | None = None,
    digests: Sequence | None = None,
) -> list[Contradiction]:
    """Pairs of statements from the claims that cannot both hold, found by general cues (no seed strings).

    A statement with a cue is compared only with the statements it could contradict (those sharing its entities,
    found through an index), and similarities come from the per-article statement vectors the claims layer keeps.
    digests: the records' statement digests (resolve.statement_digests), whose items and cues are then not worked
    out again.
    """
    if digests is None:
        items = claim_items(records, claims, entity_ids)
        cues = [item_cues(it) for it in items]
    else:
        items, cues = _digest_items(claims, digests)
    if len(items) < 2:
        return []
    ctx = Context(items, cues, records, cache, mapper)
    out: list[Contradiction] = []
    out += _stance(ctx)
    out += _denials(ctx)
    out += _durations(ctx)
    out += _places(ctx)
    out += _disavowals(ctx)
    seen: set[tuple] = set()
    unique = []
    for c in out:
        key = tuple(sorted([(c.a["doc_id"], c.a["text"]), (c.b["doc_id"], c.b["text"])]))
        if key not in seen:
            seen.add(key)
            unique.append(c)
    return unique


def _digest_items(claims: Sequence[Claim], digests: Sequence) -> tuple[list[Item], list[Cues]]:
    """Every claim member's Item and Cues from the digests, in claim order (claim_items' order)."""
    lookup = {st: (it, cu) for d in digests for st, it, cu in zip(d.statements, d.items, d.cues)}
    items, cues = [], []
    for c in claims:
        for m in c.members:
            hit = lookup.get(m)
            if hit is not None:
                items.append(hit[0])
                cues.append(hit[1])
    return items, cues


@dataclass(frozen=True)
class Cues:
    """What the detectors read from one statement alone: cue flags, the proposition it rejects, located events."""

    negated: bool
    denial_at: int | None  # where a denial cue ('never been confirmed') starts
    terms: frozenset[str]  # stems of what it says something is not
    prop: str | None  # the proposition a negated or denying statement rejects
    located: tuple[tuple[str, tuple], ...]  # (event noun, place after it) in text order
    duration: bool  # a duration frame ('has been ... for', 'since')
    onset: int | None  # the year it says something began
    disavow_at: int | None  # where 'nothing to do with' and the like start


def item_cues(it: Item) -> Cues:
    """The cues of one statement (module level: computed once per article in resolve.statement_digests, whose VERSION
    must be bumped when this or the regexes it reads change what they give)."""
    text = it.st.text
    low = words.folded(text)  # a pattern runs only on a text holding one of its words (resolve.contradiction_words)
    denial = _DENIAL.search(text) if words.holds(low, words.DENIAL) else None
    terms = frozenset(_negated_terms(text)) if not denial and words.holds(low, words.COPULAR_NEG) else frozenset()
    prop = _positive_core(text) if terms else _denied(text, denial)
    located = []
    for m in _EVENT_PLACE.finditer(text) if words.holds(low, _EVENT_NOUNS) else ():
        place = _place_after(it, m.end())
        if place is not None:
            located.append((m.group(1).lower(), place))
    disavow = _DISAVOW.search(text) if words.holds(low, words.DISAVOW) else None
    negated = words.holds(low, words.NEGATION) and bool(_NEGATION.search(text))
    duration = words.holds(low, words.DURATION) and bool(_DURATION_FRAME.search(text))
    return Cues(negated, denial.start() if denial else None, terms, prop, tuple(located), duration,
                _onset_year(it, low), disavow.start() if disavow else None)


def _denied(text: str, m: re.Match | None) -> str | None:
    """What a denial says was never confirmed: the clause before the cue, or the whole statement."""
    if m is None:
        return None
    head = _CONCESSIVE.split(text[: m.start()], maxsplit=1)[0]
    return head if len(head.split()) >= 4 else text


def _side(it: Item) -> dict:
    return {"doc_id": it.st.doc_id, "text": it.st.text, "speaker": it.st.speaker}


def _who(it: Item) -> str:
    return it.st.speaker or f"article {it.st.doc_id}"


def _positive_core(text: str) -> str:
    """The proposition a negated statement rejects: 'X are not A but B' -> 'X are A'."""
    m = re.search(r"\bnot\b(.*?)\bbut\b", text, re.I)
    if m:
        text = text[: m.end(1)]
    m = re.search(r"\brather than\b", text, re.I)
    if m:  # 'will safeguard its rules rather than defeat jihadists' rejects 'will defeat jihadists'
        before = re.split(r"\b(?:will|would|can|could|is|are|has|have)\b", text[: m.start()], maxsplit=1)
        text = before[0] + text[m.end():] if len(before) > 1 else text[m.end():]
    text = re.sub(r"\bnothing to do with\b", "something to do with", text, flags=re.I)
    text = re.sub(r"\b(?:do|does|did|have|has|had)\s+not\b", "", text, flags=re.I)
    text = re.sub(r"\b(?:not|never|no longer|n't)\b", "", text, flags=re.I)
    return re.sub(r"\s+", " ", text).strip(" ,")


def _negated_terms(text: str) -> set[str]:
    """Stems of what a statement says something is not: 'are not mercenaries (but ...)' -> {'merce'}."""
    out: set[str] = set()
    for m in _COPULAR_NEG.finditer(text):
        if (m.group(1) or m.group(2) or "").lower() == "only":
            continue  # 'not only A but B' asserts both
        out.add((m.group(1) or m.group(2)).lower())
    return {w for w in out if w[:5] not in _STOP5}


_COPULAR_NEG = re.compile(
    r"\b(?:is|are|was|were|be|been)\s+(?:not|never|no longer)\s+(?:an?\s+|the\s+|just\s+)?(?:[a-z]+\s+)?([a-z]{4,})\b(?=[^.;]*?\bbut\b)"
    r"|\b(?:is|are|was|were)\s+not\s+(?:an?\s+|the\s+)?([a-z]{4,})\b",
    re.I,
)


_STOP5 = {"been", "have", "that", "this", "with", "from", "their", "there", "which", "would", "will", "about",
          "significant"[:5], "other", "only", "also", "such", "being", "does"}


# ------------------------------------------------------------------ detectors


def _stance(ctx: Context) -> list[Contradiction]:
    """A negated proposition against a statement that asserts it, on the same entities."""
    items = ctx.items
    out = []
    todo = stance_asks(ctx)
    sims = cached_sims(ctx, {i: (ctx.prop_row[i], cand) for i, cand in todo.items()})
    for i, cand in todo.items():
        a, terms = items[i], ctx.terms[i]
        cands = [(sim, j) for sim, j in zip(sims[i], cand) if sim >= STANCE_THRESHOLD]
        for sim, j in _best_per_doc(cands, items)[:MAX_PER_STATEMENT]:
            b = items[j]
            out.append(Contradiction(
                "stance", _side(a), _side(b),
                f"{_who(a)} rejects what {_who(b)} asserts (negated: {', '.join(sorted(terms))}; similarity {sim:.2f})",
            ))
    return out


def _denials(ctx: Context) -> list[Contradiction]:
    """'X has never been confirmed' against an attributed statement that confirms X.

    Only statements about the same thing are compared: those sharing one of the denial's entities or spoken by one
    of them (every person's statement was compared before: the same denials on seeds + dev and the 1,052 scale
    records, and the full step's MiniLM work on them went)."""
    items = ctx.items
    out = []
    for i, cand in denial_asks(ctx).items():
        a = items[i]
        cands = [(sim, j) for sim, j in zip(ctx.sims(ctx.prop_row[i], cand), cand) if sim >= DENIAL_THRESHOLD]
        for sim, j in _best_per_doc(cands, items)[:MAX_PER_STATEMENT]:
            b = items[j]
            out.append(Contradiction(
                "denial", _side(a), _side(b),
                f"{_who(a)} says this was never confirmed, but {_who(b)} states it (similarity {sim:.2f})",
            ))
    return out


def _durations(ctx: Context) -> list[Contradiction]:
    """'operating there for over N years' against a statement dating the start later than published - N."""
    items = ctx.items
    out = []
    for i, a in enumerate(items):
        if not a.timex or not ctx.cues[i].duration:
            continue
        others = None
        for t in a.timex:
            years = _duration_years(t.value)
            if years is None:
                continue
            anchor = _year(t.anchor or a.published) or a.latest_year
            if anchor is None:
                continue
            since = anchor - years
            if others is None:
                others = [(items[j], ctx.cues[j].onset) for j in ctx.sharing(i, at_least=2)]
            best: dict[str, tuple[int, Item]] = {}  # the latest start stated in each article
            for b, start in others:
                d = b.st.doc_id
                rank = (start or 0, len(a.entities & b.entities), len(b.st.text))
                if start is not None and start > since and (
                    d not in best or rank > (best[d][0], len(a.entities & best[d][1].entities), len(best[d][1].st.text))
                ):
                    best[d] = (start, b)
            for start, b in best.values():
                out.append(Contradiction(
                    "temporal", _side(a), _side(b),
                    f"'{t.text}' before {anchor} puts the start in or before {since}, "
                    f"but {_who(b)} places the start in {start}",
                ))
    return out


def _disavowals(ctx: Context) -> list[Contradiction]:
    """'X has nothing to do with it' against statements where X sends, deploys or is present."""
    items = ctx.items
    out = []
    for i, a in enumerate(items):
        at = ctx.cues[i].disavow_at
        if at is None:
            continue
        actors = {key for start, _, key in a.mention_spans if start < at} - {a.st.speaker}
        if not actors:
            continue
        best: dict[str, tuple[int, Item, str]] = {}
        for j in ctx.sharing(i, keys=actors):
            b = items[j]
            if ctx.cues[j].disavow_at is not None:
                continue
            for v in _INVOLVE.finditer(b.st.text):
                agents = {key for start, end, key in b.mention_spans if end <= v.start() and v.start() - end <= 40}
                hit = actors & agents
                if hit:
                    d = b.st.doc_id
                    if d not in best or len(b.st.text) < len(best[d][1].st.text):
                        best[d] = (len(b.st.text), b, sorted(hit)[0])
                    break
        for _, b, actor in sorted(best.values(), key=lambda x: x[0])[:MAX_PER_STATEMENT + 1]:
            out.append(Contradiction(
                "stance", _side(a), _side(b),
                f"{_who(a)} says {actor} has no part in it, but {_who(b)} has {actor} acting ({b.st.text[:60]!r})",
            ))
    return out


_DISAVOW = re.compile(r"\b(?:nothing to do with|not involved in|no involvement in|no role in|no connection (?:to|with))\b", re.I)
_INVOLVE = re.compile(
    r"\b(?:will\s+)?(?:send|sends|sent|deploy|deploys|deployed|dispatch(?:es|ed)?|(?:is|was|were|are)\s+present|"
    r"fund(?:s|ed)?|financ(?:es|ed)|arm(?:s|ed)|supplie[sd]|provided)\b",
    re.I,
)


def _places(ctx: Context) -> list[Contradiction]:
    """The same event placed in two different countries."""
    items = ctx.items
    found = []
    for px, py, i, j, noun, pa, pb, shared in place_pairs(ctx):
        if ctx.sims(i, [j])[0] < PLACE_THRESHOLD:
            continue
        found.append((px, py, Contradiction(
            "place", _side(items[i]), _side(items[j]),
            f"the same {noun} (of {', '.join(sorted(shared))}) is placed in {pa[2]} and in {pb[2]}",
        )))
    return [c for _, _, c in sorted(found, key=lambda f: (f[0], f[1]))]


# ------------------------------------------------------------------ helpers


def _best_per_doc(cands: list[tuple[float, int]], items: list[Item]) -> list[tuple[float, int]]:
    """The best candidate in each other article, best first: one report per article pair."""
    best: dict[str, tuple[float, int]] = {}
    for sim, j in cands:
        d = items[j].st.doc_id
        if d not in best or sim > best[d][0]:
            best[d] = (sim, j)
    return sorted(best.values(), reverse=True)


def _place_after(it: Item, pos: int) -> tuple[int, int, str, str | None] | None:
    """The first 'in <place>' after an event noun, before any finite verb."""
    text = it.st.text
    for start, end, key, iso in it.places:
        if start < pos or start - pos > 90:
            continue
        between = text[pos:start]
        if _FINITE.search(between) or not re.search(r"\b(?:in|at)\s+(?:the\s+)?$", between):
            continue
        if iso is None:
            place = lookup_place(text[start:end])
            iso = place.iso if place is not None else None
        return start, end, key, iso
    return None


def _duration_years(value: str | None) -> int | None:
    m = re.fullmatch(r"P(\d+)Y", value or "")
    return int(m.group(1)) if m else None


def _year(value: str | None) -> int | None:
    m = re.match(r"(\d{4})", value or "")
    return int(m.group(1)) if m else None


def _onset_year(it: Item, low: str | None = None) -> int | None:
    """The year a statement says something began: 'since 2020 ... brought in', or news of a start ('has requested').
    low: the text folded (contradiction_words), to skip the patterns it cannot match."""
    text = it.st.text
    low = words.folded(text) if low is None else low
    if words.holds(low, words.ONSET) and _ONSET.search(text):
        years = [_year(t.value) for t in it.timex if t.type == "DATE" and re.fullmatch(r"\d{4}", t.value or "")]
        if years and (re.search(r"\bsince\b", text, re.I) or len(years) == 1):
            return min(y for y in years if y is not None)
    if words.holds(low, words.NEWS_OF_START) and _NEWS_OF_START.search(text):
        return _year(it.published)
    return None


_NEWS_OF_START = re.compile(
    r"\b(?:has|have)\s+(?:\w+\s+){0,2}(?:requested|begun|started|invited|hired)\b"
    r"|\bwill\s+(?:send|deploy|arrive)\b|\b(?:requests|begins|starts|arrives)\b",
    re.I,
)


__all__ = ["Contradiction", "KINDS", "find_contradictions"]

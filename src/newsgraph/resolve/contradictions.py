"""Statements that cannot both hold: opposite stance, denied facts, disagreeing dates and places."""
from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass


from ..extract.entities import actor_key
from ..nlp.gazetteer import lookup_place
from ..records import ArticleRecord
from .blocks import BlockCache, Mapper
from .claims import Claim, Statement, statement_similarity

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


@dataclass(frozen=True)
class _Item:
    """A statement with what the detectors need: its entities, places and the date it speaks from."""

    st: Statement
    entities: frozenset[str]
    places: tuple[tuple[int, int, str, str | None], ...]  # (start, end, entity, iso) of place mentions
    published: str | None
    timex: tuple  # Timex records inside the statement
    speaker_type: str | None = None
    mention_spans: tuple[tuple[int, int, str], ...] = ()  # (start, end, entity id) relative to the statement
    latest_year: int | None = None  # the latest year the article dates anything to: it was written no earlier


def find_contradictions(
    records: Sequence[ArticleRecord],
    claims: Sequence[Claim],
    entity_ids: Mapping[tuple[str, str], str] | None = None,
    *,
    cache: BlockCache | None = None,
    mapper: Mapper | None = None,
) -> list[Contradiction]:
    """Pairs of statements from the claims that cannot both hold, found by general cues (no seed strings)."""
    by_doc = {r.article.doc_id: r for r in records}
    items = [_item(m, by_doc.get(m.doc_id), entity_ids) for c in claims for m in c.members]
    items = [it for it in items if it is not None]
    if len(items) < 2:
        return []
    out: list[Contradiction] = []
    out += _stance(items)
    out += _denials(items)
    out += _durations(items)
    out += _places(items)
    out += _disavowals(items)
    seen: set[tuple] = set()
    unique = []
    for c in out:
        key = tuple(sorted([(c.a["doc_id"], c.a["text"]), (c.b["doc_id"], c.b["text"])]))
        if key not in seen:
            seen.add(key)
            unique.append(c)
    return unique


# ------------------------------------------------------------------ items


def _item(st: Statement, record: ArticleRecord | None, entity_ids) -> _Item | None:
    if record is None:
        return None
    doc_id = st.doc_id
    ents, places = set(), []
    for m in record.mentions:
        if st.start <= m.start and m.end <= st.end:
            key = entity_ids.get((doc_id, m.entity), m.entity) if entity_ids else m.entity
            ents.add(key)
            if m.type in ("GPE", "LOC") and m.kind == "name":
                ent = next((e for e in record.entities if e.key == m.entity), None)
                places.append((m.start - st.start, m.end - st.start, key, ent.iso if ent is not None else None))
    timex = tuple(t for t in record.timex if st.start <= t.start and t.end <= st.end)
    spans = []
    by_key = {e.key: e for e in record.entities}
    for m in record.mentions:
        if st.start <= m.start and m.end <= st.end:
            key = actor_key(m, by_key)
            gid = entity_ids.get((doc_id, key), key) if entity_ids else key
            spans.append((m.start - st.start, m.end - st.start, gid))
            ents.add(gid)
    stype = None
    for e in record.entities:
        gid = entity_ids.get((doc_id, e.key), e.key) if entity_ids else e.key
        if st.speaker is not None and gid == st.speaker:
            stype = e.type
    years = [_year(t.value) for t in record.timex if t.type == "DATE" and re.match(r"\d{4}", t.value or "")]
    latest = max((y for y in years if y is not None), default=None)
    return _Item(st, frozenset(ents), tuple(places), record.article.published, timex, stype, tuple(spans), latest)


def _side(it: _Item) -> dict:
    return {"doc_id": it.st.doc_id, "text": it.st.text, "speaker": it.st.speaker}


def _who(it: _Item) -> str:
    return it.st.speaker or f"article {it.st.doc_id}"


def _is_negated(text: str) -> bool:
    return bool(_NEGATION.search(text))


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


def _stance(items: list[_Item]) -> list[Contradiction]:
    """A negated proposition against a statement that asserts it, on the same entities."""
    neg = [i for i, it in enumerate(items) if _negated_terms(it.st.text) and not _DENIAL.search(it.st.text)]
    if not neg:
        return []
    cores = [_positive_core(items[i].st.text) for i in neg]
    texts = cores + [it.st.text for it in items]
    sims = statement_similarity(texts)
    out = []
    for n, i in enumerate(neg):
        a = items[i]
        terms = _negated_terms(a.st.text)
        cands = []
        for j, b in enumerate(items):
            if j == i or _is_negated(b.st.text) or (a.st.doc_id == b.st.doc_id and a.st.speaker == b.st.speaker):
                continue
            if not (a.entities & b.entities):
                continue
            sim = float(sims[n, len(cores) + j])
            if sim >= STANCE_THRESHOLD and _term_in(terms, b.st.text):
                cands.append((sim, j))
        for sim, j in _best_per_doc(cands, items)[:MAX_PER_STATEMENT]:
            b = items[j]
            out.append(Contradiction(
                "stance", _side(a), _side(b),
                f"{_who(a)} rejects what {_who(b)} asserts (negated: {', '.join(sorted(terms))}; similarity {sim:.2f})",
            ))
    return out


def _denials(items: list[_Item]) -> list[Contradiction]:
    """'X has never been confirmed' against an attributed statement that confirms X."""
    den = [i for i, it in enumerate(items) if _DENIAL.search(it.st.text)]
    if not den:
        return []
    props = []
    for i in den:
        text = items[i].st.text
        head = _CONCESSIVE.split(text[: _DENIAL.search(text).start()], maxsplit=1)[0]
        props.append(head if len(head.split()) >= 4 else text)
    sims = statement_similarity(props + [it.st.text for it in items])
    out = []
    for n, i in enumerate(den):
        a = items[i]
        cands = [
            (float(sims[n, len(props) + j]), j)
            for j, b in enumerate(items)
            if j != i and b.st.speaker and b.st.kind != "asserted" and not _DENIAL.search(b.st.text)
            and (b.speaker_type == "PERSON" or b.st.speaker in a.entities)
            and float(sims[n, len(props) + j]) >= DENIAL_THRESHOLD
        ]
        for sim, j in _best_per_doc(cands, items)[:MAX_PER_STATEMENT]:
            b = items[j]
            out.append(Contradiction(
                "denial", _side(a), _side(b),
                f"{_who(a)} says this was never confirmed, but {_who(b)} states it (similarity {sim:.2f})",
            ))
    return out


def _durations(items: list[_Item]) -> list[Contradiction]:
    """'operating there for over N years' against a statement dating the start later than published - N."""
    out = []
    for a in items:
        for t in a.timex:
            years = _duration_years(t.value)
            if years is None or not _DURATION_FRAME.search(a.st.text):
                continue
            anchor = _year(t.anchor or a.published) or a.latest_year
            if anchor is None:
                continue
            since = anchor - years
            best: dict[str, tuple[int, _Item]] = {}  # the latest start stated in each article
            for b in items:
                if b is a or len(a.entities & b.entities) < 2:
                    continue
                start = _onset_year(b)
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


def _disavowals(items: list[_Item]) -> list[Contradiction]:
    """'X has nothing to do with it' against statements where X sends, deploys or is present."""
    out = []
    for a in items:
        m = _DISAVOW.search(a.st.text)
        if m is None:
            continue
        actors = {key for start, _, key in a.mention_spans if start < m.start()} - {a.st.speaker}
        if not actors:
            continue
        best: dict[str, tuple[int, _Item, str]] = {}
        for b in items:
            if b is a or _DISAVOW.search(b.st.text):
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


def _places(items: list[_Item]) -> list[Contradiction]:
    """The same event placed in two different countries."""
    located = []
    for i, it in enumerate(items):
        for m in _EVENT_PLACE.finditer(it.st.text):
            place = _place_after(it, m.end())
            if place is not None:
                located.append((i, m.group(1).lower(), place))
    if len(located) < 2:
        return []
    sims = statement_similarity([it.st.text for it in items])
    out = []
    for x in range(len(located)):
        for y in range(x + 1, len(located)):
            (i, noun_a, pa), (j, noun_b, pb) = located[x], located[y]
            a, b = items[i], items[j]
            if i == j or noun_a != noun_b or pa[2] == pb[2] or not pa[3] or not pb[3] or pa[3] == pb[3]:
                continue
            shared = (a.entities & b.entities) - {pa[2], pb[2]}
            if not shared or sims[i, j] < PLACE_THRESHOLD:
                continue
            out.append(Contradiction(
                "place", _side(a), _side(b),
                f"the same {noun_a} (of {', '.join(sorted(shared))}) is placed in {pa[2]} and in {pb[2]}",
            ))
    return out


# ------------------------------------------------------------------ helpers


def _term_in(terms: set[str], text: str) -> bool:
    """A negated word occurs in text (compared on 5-letter stems: 'mercenaries' ~ 'mercenary')."""
    words = {w.lower()[:5] for w in re.findall(r"[A-Za-z]{4,}", text)}
    return bool({t[:5] for t in terms} & words)


def _best_per_doc(cands: list[tuple[float, int]], items: list[_Item]) -> list[tuple[float, int]]:
    """The best candidate in each other article, best first: one report per article pair."""
    best: dict[str, tuple[float, int]] = {}
    for sim, j in cands:
        d = items[j].st.doc_id
        if d not in best or sim > best[d][0]:
            best[d] = (sim, j)
    return sorted(best.values(), reverse=True)


def _place_after(it: _Item, pos: int) -> tuple[int, int, str, str | None] | None:
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


def _onset_year(it: _Item) -> int | None:
    """The year a statement says something began: 'since 2020 ... brought in', or news of a start ('has requested')."""
    text = it.st.text
    if _ONSET.search(text):
        years = [_year(t.value) for t in it.timex if t.type == "DATE" and re.fullmatch(r"\d{4}", t.value or "")]
        if years and (re.search(r"\bsince\b", text, re.I) or len(years) == 1):
            return min(y for y in years if y is not None)
    if _NEWS_OF_START.search(text):
        return _year(it.published)
    return None


_NEWS_OF_START = re.compile(
    r"\b(?:has|have)\s+(?:\w+\s+){0,2}(?:requested|begun|started|invited|hired)\b"
    r"|\bwill\s+(?:send|deploy|arrive)\b|\b(?:requests|begins|starts|arrives)\b",
    re.I,
)


__all__ = ["Contradiction", "KINDS", "find_contradictions"]

"""Source profiles: copies between articles, machine translation, content-farm rewrites, internal
inconsistencies and a trust score, so the timeline can count independent sources and weigh them.

Trust starts at 1 and loses a documented weight per finding (see TRUST_WEIGHTS); every loss is
listed as a reason that names its evidence.
"""
from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date
from typing import Sequence

from ..records import ArticleRecord
from .blocks import BlockCache, Mapper, fingerprint_key, run_blocks
from .body_dates import published_range, scan_dates
from .consistency import detect_inconsistencies, detect_stitching
from .farm_signals import detect_content_farm, farm_score
from .mt_signals import detect_machine_translation, mt_score
from .near_duplicates import CopyRelation, find_copies, independent_groups
from .source_signals import Signal, split_sentences

TRUST_WEIGHTS = {
    "machine_translation": 0.15,  # meaning may have shifted in translation
    "content_farm": 0.35,  # rewritten from others, no original reporting
    "inconsistency": 0.1,  # each one, at most INCONSISTENCY_CAP in all
    "stitched": 0.1,
    "copied_later": 0.1,  # a near-copy published after the article it copies
    "no_byline": 0.05,
}
INCONSISTENCY_CAP = 0.3


@dataclass(frozen=True)
class Verdict:
    """A yes/no judgement with its score and the signs behind it."""

    flagged: bool
    score: float
    reasons: tuple[Signal, ...]

    def to_dict(self) -> dict:
        """Plain JSON-ready form."""
        return {"flagged": self.flagged, "score": self.score, "reasons": [r.to_dict() for r in self.reasons]}


@dataclass(frozen=True)
class SourceProfile:
    """What one article is worth as a source, and which other articles it is a copy of."""

    doc_id: str
    copies: tuple[CopyRelation, ...]
    machine_translation: Verdict
    content_farm: Verdict
    stitched: tuple[Signal, ...]
    inconsistencies: tuple[Signal, ...]
    trust: float
    trust_reasons: tuple[str, ...]
    independent_group: str
    written_around: str | None = None  # undated article: the writing date other articles imply (resolve.anchors)

    def to_dict(self) -> dict:
        """Plain JSON-ready form."""
        return {
            "doc_id": self.doc_id,
            "copies": [c.to_dict() for c in self.copies],
            "machine_translation": self.machine_translation.to_dict(),
            "content_farm": self.content_farm.to_dict(),
            "stitched": [s.to_dict() for s in self.stitched],
            "inconsistencies": [s.to_dict() for s in self.inconsistencies],
            "trust": self.trust,
            "trust_reasons": list(self.trust_reasons),
            "independent_group": self.independent_group,
            "written_around": self.written_around,
        }


def profile_sources(
    records: Sequence[ArticleRecord], *, cache: BlockCache | None = None, mapper: Mapper | None = None,
    fingerprints: Mapping[str, str] | None = None,
) -> list[SourceProfile]:
    """One profile per record, in input order; copies are looked for across the whole batch.

    What an article shows on its own (translation, farm, stitching, inconsistencies) is one cached block per
    article; only copies and the trust that depends on them look across articles. fingerprints: doc_id -> a hash of
    its stored record (the store's), which then keys those blocks: hashing every article's body, mentions and
    events to look its block up was most of this layer's time in a build adding ten articles.
    """
    relations = find_copies([(r.article.doc_id, r.article.body) for r in records], cache=cache, mapper=mapper)
    groups = independent_groups([r.article.doc_id for r in records], relations)
    published = {r.article.doc_id: r.article.published for r in records}
    keys = None
    if cache is not None and fingerprints is not None and all(r.article.doc_id in fingerprints for r in records):
        keys = [fingerprint_key(LAYER, VERSION, r.article.doc_id, fingerprints[r.article.doc_id]) for r in records]
    found = run_blocks(LAYER, VERSION, article_signals, [SignalInput.of(r) for r in records], cache, mapper, keys)
    return [_profile(r, sig, relations.get(r.article.doc_id, []), groups[r.article.doc_id], published)
            for r, sig in zip(records, found)]


LAYER = "source_signals"
VERSION = "1"


@dataclass(frozen=True)
class SignalInput:
    """What the single-article detectors read from a record (a block's input)."""

    body: str
    sentences: tuple[tuple[int, int], ...]
    published: str | None
    author: str | None
    removed: tuple
    timex: tuple
    mentions: tuple
    events: tuple

    @classmethod
    def of(cls, rec: ArticleRecord) -> "SignalInput":
        """The parts of a record the detectors use."""
        art = rec.article
        return cls(art.body, rec.sentences, art.published, art.author, art.removed, rec.timex, rec.mentions, rec.events)


@dataclass(frozen=True)
class ArticleSignals:
    """An article's own findings: machine translation, content farm, stitching, inconsistencies."""

    machine_translation: Verdict
    content_farm: Verdict
    stitched: tuple[Signal, ...]
    inconsistencies: tuple[Signal, ...]


def article_signals(inp: SignalInput) -> ArticleSignals:
    """The single-article detectors on one article (a pure block function)."""
    text = inp.body
    sents = split_sentences(text, inp.sentences)
    dates = inp.timex or tuple(scan_dates(text, _anchor(inp.published)))
    mt_signals = detect_machine_translation(text, sents, inp.mentions)
    mt = Verdict(*mt_score(mt_signals), tuple(mt_signals))
    farm_signals = detect_content_farm(text, sents, inp.author, inp.removed)
    farm = Verdict(*farm_score(farm_signals), tuple(farm_signals))
    stitched = tuple(detect_stitching(text, sents, dates, inp.events))
    incons = tuple(detect_inconsistencies(text, sents, inp.published, dates, inp.mentions, inp.events, inp.removed))
    return ArticleSignals(mt, farm, stitched, incons)


def _anchor(published: str | None) -> date | None:
    rng = published_range(published)
    return rng[0] if rng and rng[0] == rng[1] else None


def _profile(rec: ArticleRecord, sig: ArticleSignals, copies: list[CopyRelation], group: str,
             published: dict) -> SourceProfile:
    art = rec.article
    mt, farm, stitched, incons = sig.machine_translation, sig.content_farm, sig.stitched, sig.inconsistencies
    trust, reasons = _trust(art.doc_id, mt, farm, stitched, incons, copies, published, art.author)
    return SourceProfile(art.doc_id, tuple(copies), mt, farm, stitched, incons, trust, reasons, group,
                         rec.inferred_anchor)


def _trust(doc_id, mt, farm, stitched, incons, copies, published, author) -> tuple[float, tuple[str, ...]]:
    score = 1.0
    reasons: list[str] = []
    if mt.flagged:
        score -= TRUST_WEIGHTS["machine_translation"]
        reasons.append(f"-{TRUST_WEIGHTS['machine_translation']}: machine translation ({'; '.join(s.reason for s in mt.reasons[:3])})")
    if farm.flagged:
        score -= TRUST_WEIGHTS["content_farm"]
        reasons.append(f"-{TRUST_WEIGHTS['content_farm']}: content-farm rewrite ({'; '.join(s.reason for s in farm.reasons[:3])})")
    elif not (author or "").strip():
        score -= TRUST_WEIGHTS["no_byline"]
        reasons.append(f"-{TRUST_WEIGHTS['no_byline']}: no byline")
    if stitched:
        score -= TRUST_WEIGHTS["stitched"]
        reasons.append(f"-{TRUST_WEIGHTS['stitched']}: stitched stories ({stitched[0].reason})")
    lost = 0.0
    for s in incons:
        w = min(TRUST_WEIGHTS["inconsistency"], s.weight, INCONSISTENCY_CAP - lost)
        if w <= 0:
            break
        lost += w
        reasons.append(f"-{round(w, 3)}: {s.reason}")
    score -= lost
    mine = published_range(published.get(doc_id))
    for c in copies:
        theirs = published_range(published.get(c.other))
        if c.near_copy and mine and theirs and mine[0] > theirs[1]:
            score -= TRUST_WEIGHTS["copied_later"]
            reasons.append(f"-{TRUST_WEIGHTS['copied_later']}: near-copy ({c.containment:.0%}) of earlier {c.other}")
            break
    return round(max(0.0, min(1.0, score)), 3), tuple(reasons)

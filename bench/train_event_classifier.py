"""Rebuild src/newsgraph/extract/models/event_classifier.json from ../shared, reproducibly.

Training data: the rules' candidates (extract/event_classifier.recording) on
  - PLOVER GSR train.jsonl (out of domain, weight 0.5): a candidate whose trigger is one of the record's event
    words takes the gold type (one event per sentence, so other candidates there are left out, not called NONE);
  - the seeds and dev folds A (d1*-d4*), B1 (d5*-d6*) and B2 (d7*-d8*): a candidate takes the type of the gold
    event whose evidence it overlaps (the scorer's token Jaccard >= 0.3, the rule's own type first), else NONE. A NONE
    candidate whose trigger or words belong to a gold event of its type told elsewhere (a retelling, a span drawn
    wider) is left out of training (--no-clean keeps it): it says nothing about whether such words name an event.
--test FOLD holds one dev fold out (leave-one-fold-out): the model and its thresholds see only the other parts, and the
held-out fold is scored through the real export with NEWSGRAPH_EVENT_MODEL (bench/dev_score.py, that fold's column).
The default model is binary: is the rule's type right (EVENT) or not (NONE); --multiclass fits 16 types + NONE.
Thresholds are chosen on held-out predictions: by default each part (seeds / A / B1 / B2 less --test) predicted by a
model trained without it (--cv article: leave one article out, which proved optimistic: articles of one fold share
sources), and reject_at is the lowest setting whose held-out rejections are >= 95% non-events (--select f1: best F1
within one event; --admit-only: never reject, only admit weak candidates the model is sure of). Feature groups beyond
the base set (extract/event_classifier_features.py) are off by default: with them the held-out rejections were less
often right (see --groups).

The committed model is still the older recipe's (fold A only, 16 types, leave-one-article-out thresholds, reject at
P(NONE) >= 0.85): no recipe of sessions 6-7 beat it on the folds it did not see (session 7's leave-one-fold-out table
is at the end of this file), so run this only to try a recipe, into --out.

    .venv/bin/python bench/train_event_classifier.py            # write the model
    .venv/bin/python bench/train_event_classifier.py --dry-run  # only print the cross-validated numbers
    ... --rows R.json    # keep the recorded candidates and reuse them (rules or features changed: delete R.json)
    ... --groups lex,path --out M.json   # an experiment into another file; NEWSGRAPH_EVENT_MODEL=M.json uses it
"""
from __future__ import annotations

import argparse
import hashlib
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
FOLDS = {"A": ("d1", "d2", "d3", "d4"), "B1": ("d5", "d6"), "B2": ("d7", "d8")}
PARTS = ("seeds", *FOLDS)  # what a model may train on; --test leaves one dev fold out
sys.path.insert(0, str(SHARED / "tools"))
from score import overlap, tokens  # noqa: E402  (the scorer's own evidence overlap)

from newsgraph.extract import event_classifier as ec  # noqa: E402
from newsgraph.extract.event_classifier_features import GROUPS  # noqa: E402

GSR_WEIGHT = 0.5
C = 0.3
MIN_COUNT = 2
REJECT_GRID = (0.5, 0.55, 0.6, 0.65, 0.7, 0.75, 0.8, 0.85, 0.9, 1.01)
MARGIN_GRID = (0.3, 0.5, 2.0)
ADMIT_ANON_GRID = (0.0, 0.1, 0.2, 0.3)
ADMIT_BELOW_GRID = (0.0, 0.1, 0.2, 0.3)


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
                             "fold": "gsr", **flags})
    return rows


def article_rows(folder: Path, gold_dir: Path, prefixes: tuple[str, ...] | None, fold: str) -> tuple[list[dict], int]:
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
            # no gold event has this evidence, but one of the rule's type is told in words that hold the trigger
            # or overlap it: the same act told in another clause (a retelling, a span the annotator drew wider)
            amb = y == "NONE" and any(g["type"] == rtype and (_trigger.lower() in tokens(g["evidence"])
                                                              or overlap(g["evidence"], evidence) >= 0.15)
                                      for g in gold)
            rows.append({"f": feats, "rt": rtype, "y": y, "g": a.doc_id, "gold": gid, "fold": fold, "amb": amb,
                         "trigger": _trigger, **flags})
    return rows, n_gold


def rows_digest(rows: list[dict]) -> str:
    """A fingerprint of recorded candidates (features, rule type, label, flags): what a model learnt from."""
    text = json.dumps([[sorted(r["f"]), r["rt"], r["y"], r["anon"], r["below"]] for r in rows])
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:16]


def _collect() -> dict:
    """Record the rules' candidates (in recording mode the model is not consulted: the rules alone propose)."""
    data = {"gsr": _gsr_rows(), "n_gold": {}}
    data["seeds"], data["n_gold"]["seeds"] = article_rows(SHARED / "seeds", SHARED / "gold" / "seeds", None, "seeds")
    for fold, prefixes in FOLDS.items():
        data[fold], data["n_gold"][fold] = article_rows(SHARED / "dev" / "texts", SHARED / "dev" / "gold",
                                                        prefixes, fold)
    return data


def _keep(groups: tuple[str, ...], drop: tuple[str, ...] = ()):
    """A filter of feature names: the base features (less those named in drop) and the chosen groups' ('group:name')."""
    return lambda x: (x.split(":", 1)[0] in groups) if ":" in x else x.split("=", 1)[0] not in drop


BINARY = False  # --binary: one event-or-not model (the rule's type right or not) instead of 16 types and NONE


def _label(r: dict) -> str:
    if not BINARY:
        return r["y"]
    return "EVENT" if r["y"] == r["rt"] else "NONE"


CLEAN = True  # --no-clean: train on the ambiguous NONE candidates too


def _fit(rows: list[dict], keep, gsr_weight: float, c: float) -> tuple[DictVectorizer, LogisticRegression]:
    if CLEAN:
        rows = [r for r in rows if not r.get("amb")]  # a retelling is no evidence that such words name no event
    counts = Counter(x for r in rows for x in r["f"] if keep(x))
    vec = DictVectorizer()
    X = vec.fit_transform([{x: 1.0 for x in r["f"] if counts[x] >= MIN_COUNT and keep(x)} for r in rows])
    clf = LogisticRegression(C=c, max_iter=3000)
    clf.fit(X, [_label(r) for r in rows], sample_weight=[gsr_weight if r["fold"] == "gsr" else 1.0 for r in rows])
    return vec, clf


def _predict(vec: DictVectorizer, clf: LogisticRegression, rows: list[dict], keep) -> list[dict]:
    P = clf.predict_proba(vec.transform([{x: 1.0 for x in r["f"] if keep(x)} for r in rows]))
    return [dict(zip(clf.classes_, p)) for p in P]


def _decide(p: dict[str, float], rt: str, reject_at: float, margin: float) -> str | None:
    if p.get("NONE", 0.0) >= reject_at:
        return None
    best = max((t for t in p if t != "NONE"), key=p.__getitem__)
    if best == "EVENT":
        return rt
    return best if best != rt and p[best] - p.get(rt, 0.0) >= margin else rt


def f1(rows: list[dict], probs: list[dict], n_gold: int, reject_at: float = 2.0, margin: float = 2.0,
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


def _auc(scores: list[float], labels: list[bool]) -> float:
    """Probability that a random positive scores above a random negative (ties half)."""
    pos = [s for s, y in zip(scores, labels) if y]
    neg = [s for s, y in zip(scores, labels) if not y]
    if not pos or not neg:
        return float("nan")
    return sum((p > q) + 0.5 * (p == q) for p in pos for q in neg) / (len(pos) * len(neg))


def _logloss(rows: list[dict], probs: list[dict]) -> float:
    """Mean -log P(label) over candidates (over the floor) whose label is a class the model knows."""
    ls = [-np.log(max(1e-6, p.get(_label(r), 0.0))) for r, p in zip(rows, probs) if not r["below"]]
    return float(np.mean(ls))


def cross_validate(data: dict, keep, gsr_weight: float, c: float, by: str = "article",
                   parts: tuple[str, ...] = PARTS) -> tuple[list[dict], list[dict]]:
    """Held-out probabilities for every training article's candidates (GSR always in training): each article
    predicted by a model trained without it (by='article') or without its whole part, seeds / A / B1 / B2 (by='fold')."""
    articles = [r for part in parts for r in data[part]]
    probs: list[dict] = [{} for _ in articles]
    key = "g" if by == "article" else "fold"
    for g in sorted({r[key] for r in articles}):
        vec, clf = _fit(data["gsr"] + [r for r in articles if r[key] != g], keep, gsr_weight, c)
        idx = [i for i, r in enumerate(articles) if r[key] == g]
        for i, p in zip(idx, _predict(vec, clf, [articles[i] for i in idx], keep)):
            probs[i] = p
    return articles, probs


REJECT_PRECISION = 0.95


def sure_rejection(articles: list[dict], probs: list[dict]) -> float:
    """The lowest reject_at whose held-out rejections are at least REJECT_PRECISION non-events. Dropping a candidate
    pays when it is an event less than ~F1/2 of the time (~22% here); held-out folds overstate how sure the judge is
    on unseen articles (fold B2 lost events at thresholds the folds called 92% safe), hence the margin."""
    for reject_at in REJECT_GRID:
        rej = [r["y"] == r["rt"] for r, p in zip(articles, probs)
               if p and not r["below"] and not r["anon"] and p.get("NONE", 0.0) >= reject_at]
        print(f"  reject_at={reject_at:.2f}: {len(rej)} held-out rejections, {sum(rej)} of them events")
        if not rej or 1 - sum(rej) / len(rej) >= REJECT_PRECISION:
            return reject_at
    return REJECT_GRID[-1]


def choose(articles: list[dict], probs: list[dict], n_gold: int, verbose: bool,
           reject_grid: tuple[float, ...] = REJECT_GRID) -> tuple[tuple, float]:
    """Within one gold event of the best cross-validated F1, the most conservative setting."""
    grid = []
    for reject_at in reject_grid:
        for margin in MARGIN_GRID:
            for admit_anon in ADMIT_ANON_GRID:
                for admit_below in ADMIT_BELOW_GRID:
                    setting = (reject_at, margin, admit_anon, admit_below)
                    f, tp, fp = f1(articles, probs, n_gold, *setting)
                    if verbose:
                        print(f"  reject_at={reject_at:.2f} margin={margin:.1f} admit anon={admit_anon:.1f} "
                              f"below={admit_below:.1f}: F1 {f:.3f} tp={tp} fp={fp}")
                    grid.append((f, *setting))
    one_event = 2 / (2 * n_gold)
    top = max(g[0] for g in grid)
    best = max((g for g in grid if g[0] >= top - one_event), key=lambda g: (g[1], g[2], -g[3], -g[4]))
    return best[1:], best[0]


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--dry-run", action="store_true")
    ap.add_argument("--rows", type=Path, help="keep the recorded candidates in this JSON file and reuse it")
    ap.add_argument("--groups", default="", help=f"feature groups beyond the base set, of {','.join(GROUPS)}")
    ap.add_argument("--drop", default="", help="base feature names to leave out (lem,lem_rt,obj,...)")
    ap.add_argument("--gsr-weight", type=float, default=GSR_WEIGHT)
    ap.add_argument("-C", type=float, default=C)
    ap.add_argument("--out", type=Path, default=ec.MODEL_PATH)
    ap.add_argument("--cv", choices=("article", "fold"), default="fold",
                    help="thresholds chosen on leave-one-article-out or leave-one-fold-out predictions")
    ap.add_argument("--without", nargs="*", default=[], choices=tuple(FOLDS), help="leave a training fold out")
    ap.add_argument("--test", choices=tuple(FOLDS), help="hold this dev fold out: train on the rest, thresholds by "
                    "leave-one-part-out inside the rest, print the held-out fold's approximate F1")
    ap.add_argument("--select", choices=("f1", "precision"), default="precision",
                    help="thresholds: best held-out F1 (within one event, most conservative) or sure rejections")
    ap.add_argument("--grid", action="store_true", help="print every threshold setting")
    ap.add_argument("--admit-only", action="store_true", help="never reject: the judge only admits candidates the "
                    "rules drop (weak and anonymous, or under the floor) when it is sure they are events")
    ap.add_argument("--no-clean", action="store_true", help="train on ambiguous NONE candidates (retellings) too")
    ap.add_argument("--multiclass", action="store_true", help="16 types and NONE instead of event-or-not")
    args = ap.parse_args()
    global BINARY, CLEAN
    BINARY, CLEAN = not args.multiclass, not args.no_clean
    if args.rows is not None and args.rows.is_file():
        data = json.loads(args.rows.read_text(encoding="utf-8"))
    else:
        data = _collect()
        if args.rows is not None:
            args.rows.write_text(json.dumps(data), encoding="utf-8")
    for fold in args.without:  # an ablation: train as if this fold had no gold
        data[fold], data["n_gold"][fold] = [], 0
    parts = tuple(k for k in PARTS if k != args.test and data.get(k))
    groups = tuple(g for g in args.groups.split(",") if g)
    drop = tuple(d for d in args.drop.split(",") if d)
    keep = _keep(groups, drop)
    n_gold = sum(data["n_gold"][k] for k in parts)
    print(f"candidates: gsr {len(data['gsr'])}, " + ", ".join(
        f"{k} {len(data[k])} ({data['n_gold'][k]} gold)" for k in parts) + (f"; held out {args.test}" if args.test else ""))
    print(f"groups {groups or '-'}, dropped {drop or '-'}, gsr weight {args.gsr_weight}, C {args.C}")
    articles, probs = cross_validate(data, keep, args.gsr_weight, args.C, args.cv, parts)
    base = f1(articles, [{} for _ in articles], n_gold)
    setting, best = choose(articles, probs, n_gold, args.grid, (1.01,) if args.admit_only else REJECT_GRID)
    if args.select == "precision":
        setting = (sure_rejection(articles, probs), 2.0, 0.0, 0.0)
        best = f1(articles, probs, n_gold, *setting)[0]
    print(f"rules alone (approx typed-evidence F1 over {'+'.join(parts)}): {base[0]:.3f} tp={base[1]} fp={base[2]}")
    print("chosen: reject_at={} retype_margin={} admit_anonymous_below={} admit_below_floor_below={}".format(*setting)
          + f": F1 {best:.3f}")
    cv = {}
    for part in parts:
        idx = [i for i, r in enumerate(articles) if r["fold"] == part]
        rules = f1([articles[i] for i in idx], [{} for _ in idx], data["n_gold"][part])
        judged = f1([articles[i] for i in idx], [probs[i] for i in idx], data["n_gold"][part], *setting)
        cv[part] = round(judged[0], 4)
        print(f"  leave-one-{args.cv}-out {part:5}: rules {rules[0]:.3f} (tp {rules[1]} fp {rules[2]}) -> "
              f"judged {judged[0]:.3f} (tp {judged[1]} fp {judged[2]})")
    cv["all"] = round(best, 4)
    above = [(p.get("NONE", 1.0), r["y"] != "NONE") for r, p in zip(articles, probs) if not r["below"]]
    print(f"  over the floor: AUC of 1-P(NONE) {_auc([-s for s, _ in above], [y for _, y in above]):.3f}; "
          f"log-loss {_logloss(articles, probs):.3f}")
    below = [(p.get("NONE", 1.0), r["y"] != "NONE") for r, p in zip(articles, probs) if r["below"]]
    if below:
        print(f"  under the floor: {len(below)} candidates, {sum(y for _, y in below)} events; "
              f"AUC of 1-P(NONE) {_auc([-s for s, _ in below], [y for _, y in below]):.3f}")
    vec, clf = _fit(data["gsr"] + articles, keep, args.gsr_weight, args.C)
    if args.test:  # the final model on the fold it never saw (the real check is bench/dev_score.py with it)
        rows = data[args.test]
        held = _predict(vec, clf, rows, keep)
        rules = f1(rows, [{} for _ in rows], data["n_gold"][args.test])
        judged = f1(rows, held, data["n_gold"][args.test], *setting)
        out = [(p.get("NONE", 1.0), r["y"] != "NONE") for r, p in zip(rows, held) if not r["below"]]
        print(f"  held out {args.test:5}: rules {rules[0]:.3f} (tp {rules[1]} fp {rules[2]}) -> judged {judged[0]:.3f} "
              f"(tp {judged[1]} fp {judged[2]}); AUC {_auc([-s for s, _ in out], [y for _, y in out]):.3f}")
    if args.dry_run:
        return
    names = vec.get_feature_names_out()
    coef, intercept = clf.coef_, clf.intercept_
    if coef.shape[0] == 1:  # two classes: sklearn keeps one row, for classes_[1]; the judge reads one per class
        coef, intercept = np.vstack([np.zeros_like(coef), coef]), np.array([0.0, intercept[0]])
    weights: dict[str, dict[str, float]] = {}
    for j, name in enumerate(names):
        row = {str(k): round(float(coef[k, j]), 3) for k in range(coef.shape[0]) if abs(coef[k, j]) >= 0.005}
        if row:
            weights[str(name)] = row
    reject_at, margin, admit_anon, admit_below = setting
    model = {"classes": [str(c) for c in clf.classes_], "bias": [round(float(b), 4) for b in intercept],
             "weights": dict(sorted(weights.items())), "feature_groups": list(groups), "reject_at": reject_at,
             "retype_margin": margin, "admit_anonymous_below": admit_anon, "admit_below_floor_below": admit_below,
             "trained_on": "PLOVER GSR train.jsonl (weight {}), gold of {}".format(args.gsr_weight, ", ".join(parts)),
             "binary": BINARY, "dropped": list(drop), "C": args.C, "gsr_weight": args.gsr_weight,
             "cross_validated_f1": cv,
             "rows_digest": {k: rows_digest(data[k]) for k in ("gsr", *parts)}}
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps(model, indent=0, sort_keys=False) + "\n", encoding="utf-8")
    print(f"wrote {args.out} ({len(weights)} features, {args.out.stat().st_size // 1024} KB)")


if __name__ == "__main__":
    np.seterr(all="ignore")
    main()



# Session 7, leave-one-fold-out through the real export (bench/dev_score.py with NEWSGRAPH_EVENT_MODEL): each model is
# trained on GSR + seeds + the two other dev folds with thresholds by leave-one-part-out inside them (--test FOLD), and
# read in the held-out fold's column only. Events typed+evidence / full. Seeds: the model trained on everything.
# Tree c185cc7 (rows recorded there):
#   judge                                   A held out     B1 held out    B2 held out    seeds
#   none (rules alone)                      0.578 / 0.465  0.588 / 0.336  0.392 / 0.151  0.743 / 0.657
#   shipped (fold A only; A, seeds seen)   (0.585 / 0.466) 0.590 / 0.337  0.392 / 0.151 (0.754 / 0.667)
#   binary, sure rejections (the default)   0.578 / 0.465  0.588 / 0.336  0.376 / 0.152
#   16 types, --select f1                   0.580 / 0.463  0.598 / 0.333  0.378 / 0.143
#   16 types, --select f1, general feats*   0.577 / 0.464  0.598 / 0.333  0.381 / 0.144
#   16 types, --admit-only                  0.580 / 0.463  0.598 / 0.333  0.408 / 0.149  0.743 / 0.657
#   16 types, --admit-only, general feats*  0.577 / 0.464  0.598 / 0.333  0.408 / 0.149
#   binary, --select f1 --admit-only        0.578 / 0.465  0.586 / 0.335  0.392 / 0.151
# Tree c64533a (after the B2 events/actors commits; rows re-recorded):
#   none (rules alone)                      0.578 / 0.465  0.588 / 0.344  0.483 / 0.271  0.743 / 0.657
#   shipped                                (0.585 / 0.466) 0.590 / 0.345  0.483 / 0.271 (0.754 / 0.667)
#   16 types, --admit-only                  0.580 / 0.463  0.588 / 0.344  0.490 / 0.269  0.738 / 0.652
# (* --drop lem,lem_rt,obj,subj,head,frame,fv,nmod,speech: no open-class words, only type, modality, roles, parse.)
# Read: no judge trained on more data rejects well on a fold it did not see. On the recorded candidates (approximate
# F1, same protocol), every reject threshold from 0.5 to 0.95 lowers B2: at c64533a with 2 or 16 classes, at c185cc7
# also with C 0.05-1, GSR weight 0-1, general features only, without the actor features, with the feature groups, or
# with per-type thresholds chosen by inner CV (B2 0.388 -> 0.355-0.363); held-out AUC of 1-P(NONE) over the floor is 0.64-0.73. Why, on B2: half its
# candidates over the floor name no participant (61 of 125; A 67 of 205, B1 47 of 163) and a third of those are
# events (B1: a fifth), so 'no named participant: no event', which A and B1 teach, costs B2 its true events.
# Admitting weak anonymous candidates the judge is sure of (P(NONE) < 0.1-0.2) adds right typed events (2 each on B1
# and B2 at c185cc7) but they carry no actors, so events_full drops by one or two events, and at c64533a the inner
# CV without B1 admitted nothing. The shipped fold-A model's rejections are neutral on B1/B2 (+0.002 B1, 0 B2) and
# help only where it was trained (A, seeds). Not shipped: it gains on no unseen fold on both layers.

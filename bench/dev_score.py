"""Score newsgraph on ../shared/dev, whole and by fold, so a change is judged on text it was not written on.

Fold A = d1*-d4* (designed on in sessions 1-5), fold B = d5*-d8* (then looked at only to report). From session 6
fold B is split: B1 = d5*-d6* (design on it now), B2 = d7*-d8* (never looked at line by line: the honest column).
Usage:

    .venv/bin/python bench/dev_score.py              # the files as they are (export annotations on dev/texts)
    .venv/bin/python bench/dev_score.py --as-jsonl   # each file's raw text fed as a JSONL 'text' field
    .venv/bin/python bench/dev_score.py --out DIR    # keep the export (default: a temp folder)
    .venv/bin/python bench/dev_score.py --layers title,events_full   # only these rows
"""
from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
DEV = SHARED / "dev"
SCORE = SHARED / "tools" / "score.py"
FOLDS = {"A": ("d1", "d2", "d3", "d4"), "B": ("d5", "d6", "d7", "d8"),
         "B1": ("d5", "d6"), "B2": ("d7", "d8")}


def export(out: Path, as_jsonl: bool) -> None:
    """Run the real CLI export on the dev texts."""
    texts = DEV / "texts"
    inputs: list[Path] = [texts]
    if as_jsonl:
        jsonl = out.parent / "dev_texts.jsonl"
        with jsonl.open("w", encoding="utf-8") as fh:
            for path in sorted(texts.iterdir()):
                text = path.read_text(encoding="utf-8")
                fh.write(json.dumps({"id": path.stem, "text": text}, ensure_ascii=False) + "\n")
        inputs = [jsonl]
    cmd = [str(ROOT / ".venv" / "bin" / "newsgraph"), "export", "annotations", *map(str, inputs), str(out)]
    subprocess.run(cmd, check=False, stdout=subprocess.DEVNULL)


def score(gold: Path, pred: Path) -> dict:
    res = subprocess.run([sys.executable, str(SCORE), str(gold), str(pred), "--json"],
                         capture_output=True, text=True, check=True)
    return json.loads(res.stdout)


def fold_gold(tmp: Path, fold: str) -> Path:
    """A gold folder holding only one fold's files (symlinks)."""
    d = tmp / f"gold_{fold}"
    d.mkdir(exist_ok=True)
    for g in (DEV / "gold").glob("*.json"):
        if g.name.startswith(FOLDS[fold]):
            (d / g.name).symlink_to(g)
    return d


def cell(row: dict) -> str:
    return f"{row['f1']:.3f}" if "f1" in row else f"{row['acc']:.3f}"


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--as-jsonl", action="store_true")
    ap.add_argument("--out", type=Path)
    ap.add_argument("--layers", default="")
    args = ap.parse_args()
    with tempfile.TemporaryDirectory() as tmpname:
        tmp = Path(tmpname)
        out = args.out or tmp / "out"
        out.mkdir(parents=True, exist_ok=True)
        export(out, args.as_jsonl)
        tables = {"all": score(DEV / "gold", out)}
        for fold in FOLDS:
            tables[fold] = score(fold_gold(tmp, fold), out)
    layers = [x for x in args.layers.split(",") if x] or [k for k in tables["all"] if isinstance(tables["all"][k], dict)]
    print(f"{'layer':24} {'all':>7}" + "".join(f"{'fold ' + f:>8}" for f in FOLDS))
    for k in layers:
        if k not in tables["all"] or not isinstance(tables["all"][k], dict):
            continue
        print(f"{k:24} {cell(tables['all'][k]):>7}" + "".join(f"{cell(tables[f][k]):>8}" for f in FOLDS))


if __name__ == "__main__":
    main()

"""Score named-entity detection and typing on ECB+ (bare spaCy md vs newsgraph) and print the error families."""
from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

from newsgraph.errors import BenchmarkError
from newsgraph.evaluate.entities_ecbplus import confusions, load_entity_documents, predict, score_entities

SYSTEMS = {"spacy": "(a) spaCy md", "newsgraph": "(b) newsgraph"}


def _context(text: str, start: int, end: int, width: int = 40) -> str:
    left = text[max(0, start - width) : start].replace("\n", " ")
    right = text[end : end + width].replace("\n", " ")
    return f"…{left}[{text[start:end]}]{right}…"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("xml_dir", type=Path, nargs="+", help="e.g. ../shared/benchmarks/ecbplus/train")
    parser.add_argument("--limit", type=int, default=None, help="only the first N files of each folder")
    parser.add_argument("--families", type=int, default=8, help="error families to print per system")
    parser.add_argument("--examples", type=int, default=4, help="examples per family")
    args = parser.parse_args(argv)
    header = (f"{'part':<8} {'system':<16} {'gold':>5} {'pred':>5} {'exact P/R/F1':>17} {'overlap P/R/F1':>17} "
              f"{'typed F1':>8} {'type acc':>8} {'sec':>5}")
    rows, details = [], []
    try:
        for folder in args.xml_dir:
            docs = load_entity_documents(folder, limit=args.limit)
            texts = {d.name: d.text for d in docs}
            for system, label in SYSTEMS.items():
                t0 = time.perf_counter()
                preds = predict(system, docs)
                secs = time.perf_counter() - t0
                r = score_entities(docs, preds)
                rows.append(
                    f"{folder.name:<8} {label:<16} {r['n_gold']:>5} {r['n_pred']:>5} "
                    f"{r['exact_p']:.3f}/{r['exact_r']:.3f}/{r['exact_f1']:.3f} "
                    f"{r['overlap_p']:.3f}/{r['overlap_r']:.3f}/{r['overlap_f1']:.3f} "
                    f"{r['typed_f1']:>8.3f} {r['type_acc']:>8.3f} {secs:>5.0f}"
                )
                details.append((folder.name, label, confusions(docs, preds), texts))
    except BenchmarkError as exc:
        print(exc, file=sys.stderr)
        return 2
    print(header)
    print("\n".join(rows))
    for part, label, groups, texts in details:
        print(f"\n== {part} {label}: error families (gold->predicted; missed; spurious; boundary) ==")
        for fam, items in list(groups.items())[: args.families]:
            print(f"  {fam}: {len(items)}")
            for o in items[: args.examples]:
                ref = o.gold if o.gold is not None else o.pred
                extra = f"  pred={o.pred.text!r}" if o.gold is not None and o.pred is not None else ""
                print(f"      {o.doc}: {_context(texts[o.doc], ref.start, ref.end)}{extra}")
    return 0


if __name__ == "__main__":
    sys.exit(main())

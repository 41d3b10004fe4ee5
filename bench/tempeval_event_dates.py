"""Event dates on TempEval-3 (TimeBank): TLINKs give events a day or month we never annotated ourselves.

An event linked IS_INCLUDED / DURING / SIMULTANEOUS to a dated TIMEX3 (or to the document creation time) happened
on that date; an event linked BEFORE the creation time did not happen on its day. Each document goes through the
JSONL reader and the full analysis with its creation time as the publication date; our events are matched to
TimeBank events by trigger word and the words after it. Prints, over matched events with a gold date: accuracy,
undated, wrong; and how many events TimeBank puts before the creation day that we date to it.

    .venv/bin/python bench/tempeval_event_dates.py [DIR] [--limit N]
"""
from __future__ import annotations

import argparse
import html
import json
import re
import sys
import tempfile
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

_TEXT = re.compile(r"<TEXT>(.*?)</TEXT>", re.S)
_TAG = re.compile(r"<(/?)(\w+)([^>]*)>")
_ATTR = re.compile(r'(\w+)="([^"]*)"')
_DCT = re.compile(r"<DCT>.*?<TIMEX3([^>]*)>", re.S)
_DATE = re.compile(r"^\d{4}-\d{2}(?:-\d{2})?$")
_INSIDE = {"IS_INCLUDED", "DURING", "SIMULTANEOUS"}


def _key(text: str, start: int, end: int) -> tuple[str, str]:
    """An event's trigger word and the next few words (whitespace folded): matches across re-flowed text."""
    after = " ".join(text[end : end + 60].split()[:4])
    return text[start:end].lower(), after.lower()


def read_events(path: Path) -> tuple[str, str | None, dict[tuple[str, str], str], set[tuple[str, str]]]:
    """Text, creation day, gold dates of events by key, and keys of events TimeBank puts before the creation time."""
    raw = path.read_text(encoding="utf-8", errors="replace")
    dct_m = _DCT.search(raw)
    dct_attrs = dict(_ATTR.findall(dct_m.group(1))) if dct_m else {}
    dct = (dct_attrs.get("value") or "")[:10] or None
    src = _TEXT.search(raw).group(1)
    out, pos, n = [], 0, 0
    spans: dict[str, tuple[int, int]] = {}
    values: dict[str, str] = {dct_attrs.get("tid", "t0"): dct or ""}
    open_: list[tuple[str, int, dict]] = []
    for m in _TAG.finditer(src):
        chunk = html.unescape(src[pos : m.start()])
        out.append(chunk)
        n += len(chunk)
        pos = m.end()
        closing, name, attrs = m.group(1), m.group(2), dict(_ATTR.findall(m.group(3)))
        if name not in ("EVENT", "TIMEX3"):
            continue
        if not closing:
            open_.append((name, n, attrs))
        elif open_:
            kind, s, a = open_.pop()
            if kind == "EVENT":
                spans[a.get("eid", "")] = (s, n)
            else:
                values[a.get("tid", "")] = a.get("value", "")
    out.append(html.unescape(src[pos:]))
    text = "".join(out)
    instance = {a.get("eiid"): a.get("eventID") for a in (dict(_ATTR.findall(m.group(1)))
                for m in re.finditer(r"<MAKEINSTANCE([^>]*)/?>", raw))}
    gold: dict[tuple[str, str], str] = {}
    before: set[tuple[str, str]] = set()
    for m in re.finditer(r"<TLINK([^>]*)/?>", raw):
        a = dict(_ATTR.findall(m.group(1)))
        eid = instance.get(a.get("eventInstanceID"))
        tid = a.get("relatedToTime")
        if not eid or not tid or eid not in spans:
            continue
        key = _key(text, *spans[eid])
        value = values.get(tid, "")
        if a.get("relType") in _INSIDE and _DATE.match(value):
            gold.setdefault(key, value)
        elif a.get("relType") == "BEFORE" and tid == dct_attrs.get("tid", "t0"):
            before.add(key)
    return text, dct, gold, before


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("dir", nargs="?", default=str(ROOT.parent / "shared" / "benchmarks" / "tempeval3" / "train" / "TimeBank"))
    ap.add_argument("--limit", type=int, default=None)
    ap.add_argument("--show", action="store_true", help="print each wrong date and each creation day given to an earlier event")
    args = ap.parse_args()
    from newsgraph.api import read_inputs
    from newsgraph.pipeline import analyse_batch

    docs = {p.stem: read_events(p) for p in sorted(Path(args.dir).glob("*.tml"))[: args.limit]}
    with tempfile.TemporaryDirectory() as tmp:
        jsonl = Path(tmp) / "timebank.jsonl"
        with jsonl.open("w", encoding="utf-8") as fh:
            for name, (text, dct, _, _) in docs.items():
                fh.write(json.dumps({"id": name, "text": text, "published": dct}) + "\n")
        articles, errors = read_inputs([jsonl])
    counts: Counter[str] = Counter()
    for record in analyse_batch(articles):
        _, dct, gold, before = docs[record.article.doc_id]
        body = record.article.body
        seen: set[tuple[str, str]] = set()
        for ev in record.events:
            at = body.find(ev.trigger, ev.start, ev.end + 1) if ev.trigger else -1
            if at < 0:
                continue
            key = _key(body, at, at + len(ev.trigger))
            if key in seen:
                continue
            seen.add(key)
            if key in gold:
                want = gold[key]
                ok = bool(ev.date) and ev.date[: len(want)] == want and len(ev.date) >= len(want)
                counts["dated_gold"] += 1
                counts["right" if ok else ("undated" if not ev.date else "wrong")] += 1
                if args.show and not ok:
                    print(f"{record.article.doc_id} gold {want} ours {ev.date} ({ev.modality}): {ev.evidence[:110]!r}")
                if ev.date == dct and not ok:
                    counts["wrong_creation_day"] += 1
            if key in before and dct and ev.date == dct:
                counts["creation_day_but_before"] += 1
                if args.show:
                    print(f"{record.article.doc_id} BEFORE {dct} ours {ev.date} ({ev.modality}): {ev.evidence[:110]!r}")
            if key in before:
                counts["before_matched"] += 1
    n = counts["dated_gold"] or 1
    print(f"documents {len(docs)}  read errors {len(errors)}")
    print(f"events with a TLINK date matched: {counts['dated_gold']}  accuracy {counts['right'] / n:.3f}  "
          f"undated {counts['undated'] / n:.3f}  wrong {counts['wrong'] / n:.3f} (of which the creation day: "
          f"{counts['wrong_creation_day']})")
    print(f"events TimeBank puts before the creation time: {counts['before_matched']} matched, "
          f"{counts['creation_day_but_before']} dated to the creation day")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

"""Rebuild a fixed sample of quotes and events from news nobody tuned on (ECB+ and TimeBank/AQUAINT
text read from ../shared) and print them for judging; with --score, estimate precision from a judgement file.

Usage:
  python bench/unseen_sample.py                         # print the sampled items as JSON lines
  python bench/unseen_sample.py --score J.jsonl         # precision estimates from judgements

A judgement line is {"key": ..., "ok": bool, "speaker_ok"/"actors_ok": bool, "family": str, ...};
it counts only while the item it judged (same key and same speaker / type / source / target) is
still in the sample, so a re-run after a change shows which judgements need redoing.
"""
from __future__ import annotations

import argparse
import hashlib
import json
import random
import sys
from pathlib import Path

from spacy.tokens import DocBin

from newsgraph.evaluate.ecbplus import parse_document
from newsgraph.evaluate.tempeval import load_corpus
from newsgraph.nlp.pipeline import get_nlp
from newsgraph.pipeline import record_from_doc
from newsgraph.records import Article

SHARED = Path(__file__).resolve().parents[1].parent / "shared"
ECB = SHARED / "benchmarks" / "ecbplus"
TBAQ = SHARED / "benchmarks" / "tempeval3" / "train"
N_ECB, N_TBAQ, N_QUOTES, N_EVENTS, SEED = 150, 50, 80, 80, 20261123
CACHE = Path("/tmp/h4_unseen_docs.spacy")


def articles() -> list[Article]:
    """The fixed document sample: seeded picks of ECB+ train/dev files and TimeBank/AQUAINT files."""
    rng = random.Random(SEED)
    ecb = sorted(p for part in ("train", "dev") for p in (ECB / part).glob("*/*.xml"))
    out = []
    for path in sorted(rng.sample(ecb, N_ECB)):
        out.append(Article(doc_id=f"ecb_{path.stem}", body=parse_document(path).text, source=str(path)))
    tml = sorted(TBAQ.rglob("*.tml"))
    picks = {p.stem for p in rng.sample(tml, N_TBAQ)}
    for doc in load_corpus(TBAQ, files=sorted(picks)):
        text = doc.text.strip()
        out.append(Article(doc_id=f"tb_{doc.name}", body=text, published=doc.dct,
                           published_precision="day" if doc.dct else "unknown", source=doc.part))
    return out


def parsed(arts: list[Article]):
    """spaCy Docs for the articles, cached in /tmp so re-extraction after a code change is quick."""
    nlp = get_nlp()
    if CACHE.exists():
        docs = list(DocBin().from_disk(CACHE).get_docs(nlp.vocab))
        if len(docs) == len(arts) and all(d.text == a.body for d, a in zip(docs, arts)):
            return docs
    docs = list(nlp.pipe((a.body for a in arts), batch_size=16))
    DocBin(store_user_data=True, docs=docs).to_disk(CACHE)
    return docs


def sentence_of(doc, start: int) -> str:
    """The sentence holding a character offset (context for the judge)."""
    for s in doc.sents:
        if s.start_char <= start < s.end_char:
            return s.text
    return ""


def sample() -> tuple[list[dict], list[dict]]:
    """Every quote and event of the document sample, then a seeded sample of each."""
    arts = articles()
    docs = parsed(arts)
    quotes, events = [], []
    for art, doc in zip(arts, docs):
        rec = record_from_doc(art, doc)
        for q in rec.quotes:
            quotes.append({"key": f"Q|{art.doc_id}|{q.start}", "doc": art.doc_id,
                           "speaker": q.speaker, "speaker_text": q.speaker_text, "cue": q.cue, "kind": q.kind,
                           "content": q.content, "sentence": sentence_of(doc, q.start)})
        for e in rec.events:
            events.append({"key": f"E|{art.doc_id}|{e.start}|{e.trigger}|{_n(e, rec.events)}", "doc": art.doc_id,
                           "type": e.type, "source": e.source, "target": e.target, "trigger": e.trigger,
                           "modality": e.modality, "evidence": e.evidence, "sentence": sentence_of(doc, e.start)})
    print(f"# {len(arts)} documents, {len(quotes)} quotes, {len(events)} events", file=sys.stderr)
    return _pick(quotes, N_QUOTES), _pick(events, N_EVENTS)


def _n(e, events) -> int:
    """Which of the events sharing this evidence and trigger it is (expanded joint actors)."""
    same = [x for x in events if x.start == e.start and x.trigger == e.trigger]
    return same.index(e)


def _pick(items: list[dict], n: int) -> list[dict]:
    """A seeded sample that is stable under code changes: the n items whose salted key hash is lowest,
    so an item that survives a change keeps its place and judgements carry over."""
    def h(it: dict) -> str:
        return hashlib.sha1(f"{SEED}|{it['key']}".encode()).hexdigest()
    return sorted(items, key=h)[:n]


def _same(item: dict, j: dict) -> bool:
    fields = ("speaker",) if item["key"].startswith("Q|") else ("type", "source", "target")
    return all(j.get("item", {}).get(f) == item.get(f) for f in fields)


def score(items: list[dict], path: Path) -> None:
    """Precision estimates over the judged items still in the sample; unjudged items are listed."""
    judged = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.strip():
            j = json.loads(line)
            judged[j["key"]] = j
    q = {"n": 0, "ok": 0, "spk": 0}
    e = {"n": 0, "ok": 0, "act": 0}
    families: dict[str, int] = {}
    missing = []
    for it in items:
        j = judged.get(it["key"])
        if j is None or not _same(it, j):
            missing.append(it)
            continue
        if j.get("family"):
            families[j["family"]] = families.get(j["family"], 0) + 1
        if it["key"].startswith("Q|"):
            q["n"] += 1
            q["ok"] += bool(j["ok"])
            q["spk"] += bool(j["ok"] and j.get("speaker_ok"))
        else:
            e["n"] += 1
            e["ok"] += bool(j["ok"])
            e["act"] += bool(j["ok"] and j.get("actors_ok"))
    if q["n"]:
        print(f"quotes judged {q['n']}: quote precision {q['ok'] / q['n']:.3f}, "
              f"speaker accuracy (of real quotes) {q['spk'] / max(q['ok'], 1):.3f}, "
              f"fully right {q['spk'] / q['n']:.3f}")
    if e["n"]:
        print(f"events judged {e['n']}: type precision {e['ok'] / e['n']:.3f}, "
              f"actor accuracy (of right-typed events) {e['act'] / max(e['ok'], 1):.3f}, "
              f"fully right {e['act'] / e['n']:.3f}")
    for fam, n in sorted(families.items(), key=lambda kv: -kv[1]):
        print(f"  {n:3d}  {fam}")
    for it in missing:
        print("UNJUDGED", json.dumps(it, ensure_ascii=False))


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--score", type=Path, help="judgement JSONL to score the current sample against")
    args = ap.parse_args()
    qs, es = sample()
    if args.score:
        score(qs + es, args.score)
        return
    for it in qs + es:
        print(json.dumps(it, ensure_ascii=False))


if __name__ == "__main__":
    main()

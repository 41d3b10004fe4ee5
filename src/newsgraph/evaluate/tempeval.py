"""TempEval-3 Task A scorer for the timex tagger, so its quality is measured on a public benchmark."""
from __future__ import annotations

import html
import json
import re
from dataclasses import dataclass
from pathlib import Path

from newsgraph.errors import BenchmarkError
from newsgraph.extract.timex import extract_timex

_TAG = re.compile(r"<(/?)(\w+)([^>]*)>")
_ATTR = re.compile(r'(\w+)="([^"]*)"')
_DCT = re.compile(r"<DCT>.*?<TIMEX3([^>]*)>", re.S)
_TEXT = re.compile(r"<TEXT>(.*?)</TEXT>", re.S)


@dataclass(frozen=True)
class GoldTimex:
    """One gold TIMEX3 with offsets into the tag-stripped document text."""

    start: int
    end: int
    text: str
    type: str
    value: str


@dataclass(frozen=True)
class TmlDoc:
    """A TempEval document: plain text, creation date and gold timexes (DCT excluded)."""

    name: str
    part: str
    text: str
    dct: str | None
    timex: tuple[GoldTimex, ...]


def read_tml(path: Path, part: str = "") -> TmlDoc:
    """Parse one .tml file: strip tags inside <TEXT> and keep gold TIMEX3 offsets."""
    raw = path.read_text(encoding="utf-8", errors="replace")
    body = _TEXT.search(raw)
    if body is None:
        raise BenchmarkError("no <TEXT> element", source=str(path))
    dct_m = _DCT.search(raw)
    dct = None
    if dct_m:
        dct = dict(_ATTR.findall(dct_m.group(1))).get("value")
        dct = dct[:10] if dct else None
    out: list[str] = []
    pos = 0
    n = 0
    open_tx: list[tuple[int, dict]] = []
    gold: list[GoldTimex] = []
    src = body.group(1)
    for m in _TAG.finditer(src):
        chunk = html.unescape(src[pos:m.start()])
        out.append(chunk)
        n += len(chunk)
        pos = m.end()
        closing, name, attrs = m.group(1), m.group(2), m.group(3)
        if name != "TIMEX3":
            continue
        if not closing:
            open_tx.append((n, dict(_ATTR.findall(attrs))))
        elif open_tx:
            s, a = open_tx.pop()
            gold.append(GoldTimex(s, n, "", a.get("type", ""), a.get("value", "")))
    chunk = html.unescape(src[pos:])
    out.append(chunk)
    text = "".join(out)
    gold = [GoldTimex(g.start, g.end, text[g.start:g.end], g.type, g.value) for g in gold]
    return TmlDoc(path.stem, part, text, dct, tuple(sorted(gold, key=lambda g: g.start)))


def load_corpus(train_dir: Path) -> list[TmlDoc]:
    """Every .tml under the folder; the sub-folder name (TimeBank, AQUAINT) is the document's part."""
    train_dir = Path(train_dir)
    if not train_dir.is_dir():
        raise BenchmarkError("TempEval-3 folder not found", source=str(train_dir))
    files = sorted(train_dir.rglob("*.tml"))
    if not files:
        raise BenchmarkError("no .tml files in the TempEval-3 folder", source=str(train_dir))
    return [read_tml(f, f.parent.name if f.parent != train_dir else "") for f in files]


@dataclass
class _Counts:
    n_gold: int = 0
    n_pred: int = 0
    strict: int = 0
    relaxed: int = 0
    value_ok: int = 0
    type_ok: int = 0

    def add(self, other: "_Counts") -> None:
        for k in vars(self):
            setattr(self, k, getattr(self, k) + getattr(other, k))

    def table(self, prefix: str = "") -> dict:
        def prf(tp: int) -> tuple[float, float, float]:
            p = tp / self.n_pred if self.n_pred else 0.0
            r = tp / self.n_gold if self.n_gold else 0.0
            return p, r, (2 * p * r / (p + r) if p + r else 0.0)

        sp, sr, sf = prf(self.strict)
        rp, rr, rf = prf(self.relaxed)
        vacc = self.value_ok / self.relaxed if self.relaxed else 0.0
        tacc = self.type_ok / self.relaxed if self.relaxed else 0.0
        row = {"strict_p": sp, "strict_r": sr, "strict_f1": sf, "relaxed_p": rp, "relaxed_r": rr,
               "relaxed_f1": rf, "value_f1": rf * vacc, "value_acc": vacc, "type_f1": rf * tacc,
               "type_acc": tacc}
        out = {prefix + k: round(v, 4) for k, v in row.items()}
        out[prefix + "n_gold"] = self.n_gold
        out[prefix + "n_pred"] = self.n_pred
        return out


def score_doc(doc: TmlDoc) -> _Counts:
    """Match predictions to gold one-to-one by overlap (strict = identical extent)."""
    pred = list(extract_timex(doc.text, doc.dct))
    c = _Counts(n_gold=len(doc.timex), n_pred=len(pred))
    used: set[int] = set()
    for g in doc.timex:
        best, best_ov = None, 0
        for j, p in enumerate(pred):
            if j in used:
                continue
            ov = min(g.end, p.end) - max(g.start, p.start)
            if ov > best_ov:
                best, best_ov = j, ov
        if best is None:
            continue
        used.add(best)
        p = pred[best]
        c.relaxed += 1
        c.strict += p.start == g.start and p.end == g.end
        c.value_ok += p.value == g.value
        c.type_ok += p.type == g.type
    return c


def run(train_dir: Path) -> dict:
    """Score extract_timex on every TempEval-3 document; flat dict, also per part (timebank_*, aquaint_*)."""
    docs = load_corpus(Path(train_dir))
    total = _Counts()
    parts: dict[str, _Counts] = {}
    for doc in docs:
        c = score_doc(doc)
        total.add(c)
        if doc.part:
            parts.setdefault(doc.part.lower(), _Counts()).add(c)
    out = total.table()
    out["n_docs"] = len(docs)
    for name in sorted(parts):
        out.update(parts[name].table(prefix=f"{name}_"))
    return out


def errors(train_dir: Path, part: str | None = None) -> list[tuple[str, str, str, str, str]]:
    """(doc, gold text, gold value, predicted text, predicted value) for every miss, to study the tagger."""
    rows = []
    for doc in load_corpus(Path(train_dir)):
        if part and doc.part.lower() != part.lower():
            continue
        pred = list(extract_timex(doc.text, doc.dct))
        hit: set[int] = set()
        for g in doc.timex:
            ps = [i for i, p in enumerate(pred) if min(g.end, p.end) > max(g.start, p.start) and i not in hit]
            if not ps:
                rows.append((doc.name, g.text, g.value, "", ""))
                continue
            hit.add(ps[0])
            p = pred[ps[0]]
            if p.value != g.value:
                rows.append((doc.name, g.text, g.value, p.text, p.value))
        for i, p in enumerate(pred):
            if i not in hit:
                rows.append((doc.name, "", "", p.text, p.value))
    return rows


def _tokens(s: str) -> set[str]:
    s = s.lower().replace("’", "'")
    s = re.sub(r"^the\s+", "", s)
    return set(re.sub(r"[^\w\s]", " ", s).split())


def run_seeds(seeds_dir: Path, gold_dir: Path) -> dict:
    """Timex layer of tools/score.py on the seed articles: token-Jaccard >= 0.5 match, value or value_alt."""
    gold_files = sorted(Path(gold_dir).glob("*.json"))
    if not gold_files:
        raise BenchmarkError("no gold JSON files", source=str(gold_dir))
    tp = fp = fn = ok = n = 0
    for gf in gold_files:
        gold = json.loads(gf.read_text(encoding="utf-8"))
        art = Path(seeds_dir) / f"{gold['doc_id']}.txt"
        if not art.is_file():
            raise BenchmarkError("seed article missing", source=str(art))
        gt = gold.get("timex", [])
        anchors = [t.get("anchor") for t in gt if t.get("anchor")]
        anchor = max(set(anchors), key=anchors.count) if anchors else None
        pt = list(extract_timex(art.read_text(encoding="utf-8"), anchor))
        pairs = []
        for i, g in enumerate(gt):
            for j, p in enumerate(pt):
                a, b = _tokens(g["text"]), _tokens(p.text)
                o = len(a & b) / len(a | b) if a and b else 0.0
                if o >= 0.5:
                    pairs.append((o, i, j))
        used_g, used_p = set(), set()
        for o, i, j in sorted(pairs, reverse=True):
            if i in used_g or j in used_p:
                continue
            used_g.add(i)
            used_p.add(j)
            n += 1
            ok += pt[j].value in (str(gt[i].get("value")), str(gt[i].get("value_alt")))
        tp += len(used_g)
        fp += len(pt) - len(used_p)
        fn += len(gt) - len(used_g)
    p = tp / (tp + fp) if tp + fp else 0.0
    r = tp / (tp + fn) if tp + fn else 0.0
    return {"detect_p": round(p, 4), "detect_r": round(r, 4),
            "detect_f1": round(2 * p * r / (p + r), 4) if p + r else 0.0,
            "value_acc": round(ok / n, 4) if n else 0.0, "tp": tp, "fp": fp, "fn": fn, "n_matched": n}

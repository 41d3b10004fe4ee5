"""TempEval-3 Task A scorer for the timex tagger, so its quality is measured on a public benchmark."""
from __future__ import annotations

import html
import json
import re
import tempfile
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

from newsgraph.errors import BenchmarkError
from newsgraph.extract.timex import extract_timex
from newsgraph.records import Timex

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


def load_corpus(train_dir: Path, files: Iterable[str] | None = None, limit: int | None = None) -> list[TmlDoc]:
    """Every .tml under the folder (or only the named ones: stems or paths relative to it; the first
    `limit`); the sub-folder name (TimeBank, AQUAINT) is the document's part."""
    train_dir = Path(train_dir)
    if not train_dir.is_dir():
        raise BenchmarkError("TempEval-3 folder not found", source=str(train_dir))
    paths = sorted(train_dir.rglob("*.tml"))
    if files is not None:
        wanted = {str(f).removesuffix(".tml") for f in files}
        paths = [f for f in paths if f.stem in wanted or str(f.relative_to(train_dir).with_suffix("")) in wanted]
    if limit is not None:
        paths = paths[:limit]
    if not paths:
        raise BenchmarkError("no .tml files in the TempEval-3 folder", source=str(train_dir))
    return [read_tml(f, f.parent.name if f.parent != train_dir else "") for f in paths]


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
    return _match(doc.timex, list(extract_timex(doc.text, doc.dct)))


def _match(gold: Sequence[GoldTimex], pred: Sequence[Timex], n_gold: int | None = None) -> _Counts:
    """Greedy one-to-one overlap matching in gold order; n_gold may also count gold that was never placed."""
    c = _Counts(n_gold=len(gold) if n_gold is None else n_gold, n_pred=len(pred))
    used: set[int] = set()
    for g in gold:
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


def run(train_dir: Path, via_pipeline: bool = False, files: Iterable[str] | None = None,
        limit: int | None = None) -> dict:
    """Score the timex tagger on TempEval-3; flat dict, also per part (timebank_*, aquaint_*).

    Direct mode tags the tag-stripped text with the DCT; via_pipeline feeds the documents through JSONL
    ingest and the full analysis, as users do, and scores record.timex against gold placed on the body."""
    docs = load_corpus(Path(train_dir), files, limit)
    if via_pipeline:
        return _run_pipeline(docs)
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


_CONTEXT = 40  # characters of surrounding text compared when a gold string occurs more than once


def align_gold(doc: TmlDoc, body: str) -> tuple[list[GoldTimex], list[GoldTimex]]:
    """Place each gold timex on the cleaned body: (placed, with body offsets; lost to cleaning).

    Gold is walked in document order; its text is searched (whitespace-tolerant, since the cleaner strips
    and rejoins lines) at or after the previous placement. Among several occurrences the one whose
    surrounding text agrees most with the original wins, then the one nearest the expected position."""
    placed: list[GoldTimex] = []
    lost: list[GoldTimex] = []
    cursor = 0  # body offset just after the last placed gold
    orig_cursor = 0  # the same point in the original text
    for g in doc.timex:
        words = g.text.split()
        cands = list(re.finditer(r"\s+".join(map(re.escape, words)), body[cursor:])) if words else []
        if not cands:
            lost.append(g)
            continue
        expected = g.start - orig_cursor
        before = _squash(doc.text[max(0, g.start - _CONTEXT):g.start])
        after = _squash(doc.text[g.end:g.end + _CONTEXT])
        rest = body[cursor:]

        def rank(m: re.Match) -> tuple[int, int]:
            b = _squash(rest[max(0, m.start() - _CONTEXT):m.start()])
            a = _squash(rest[m.end():m.end() + _CONTEXT])
            return -(_common_prefix(before[::-1], b[::-1]) + _common_prefix(after, a)), abs(m.start() - expected)

        m = min(cands, key=rank)
        placed.append(GoldTimex(cursor + m.start(), cursor + m.end(), m.group(0), g.type, g.value))
        cursor, orig_cursor = cursor + m.end(), g.end
    return placed, lost


def _squash(s: str) -> str:
    return " ".join(s.split())


def _common_prefix(a: str, b: str) -> int:
    n = 0
    for x, y in zip(a, b):
        if x != y:
            break
        n += 1
    return n


def _doc_id(doc: TmlDoc) -> str:
    return f"{doc.part}/{doc.name}" if doc.part else doc.name


def _run_pipeline(docs: list[TmlDoc]) -> dict:
    """Write the documents as JSONL (DCT as `published`), read and analyse them with newsgraph.api, score.

    Header timexes (start -1: the dateline that gave the publication date) have no body offsets and are
    counted apart (n_pred_header), not as predictions; gold whose text the cleaner removed is a miss."""
    from newsgraph.api import iter_analysed, read_inputs

    by_id = {_doc_id(d): d for d in docs}
    with tempfile.TemporaryDirectory(prefix="tempeval_") as tmp:
        path = Path(tmp) / "tempeval3.jsonl"
        with path.open("w", encoding="utf-8") as fh:
            for doc_id, d in by_id.items():
                row = {"id": doc_id, "text": d.text}
                if d.dct:
                    row["published"] = d.dct
                fh.write(json.dumps(row, ensure_ascii=False) + "\n")
        articles, ingest_errors = read_inputs([path])
        records = {r.article.doc_id: r for r in iter_analysed(articles)}
    total = _Counts()
    parts: dict[str, _Counts] = {}
    lost_by_part: dict[str, int] = {}
    lost_rows: list[list[str]] = []
    removed_rows: list[list[str]] = []
    n_header = n_failed = n_not_dct = 0
    for doc_id, d in by_id.items():
        rec = records.get(doc_id)
        if rec is None:
            n_failed += 1
            lost: list[GoldTimex] = list(d.timex)
            c = _Counts(n_gold=len(d.timex))
        else:
            body_pred = [t for t in rec.timex if t.start >= 0]
            n_header += len(rec.timex) - len(body_pred)
            n_not_dct += rec.article.published != d.dct
            placed, lost = align_gold(d, rec.article.body)
            c = _match(placed, body_pred, n_gold=len(d.timex))
            removed_rows.extend([doc_id, line] for line in rec.article.removed)
            if rec.article.title:
                removed_rows.append([doc_id, f"[title] {rec.article.title}"])
        lost_rows.extend([doc_id, g.text, g.value] for g in lost)
        total.add(c)
        if d.part:
            parts.setdefault(d.part.lower(), _Counts()).add(c)
            lost_by_part[d.part.lower()] = lost_by_part.get(d.part.lower(), 0) + len(lost)
    out = total.table()
    out.update(n_docs=len(docs), n_docs_failed=n_failed, n_lost_to_cleaning=len(lost_rows),
               n_pred_header=n_header, n_published_not_dct=n_not_dct)
    for name in sorted(parts):
        out.update(parts[name].table(prefix=f"{name}_"))
        out[f"{name}_n_lost_to_cleaning"] = lost_by_part[name]
    out["lost"] = lost_rows  # [doc, gold text, gold value] the cleaner removed
    out["removed"] = removed_rows  # [doc, line] every line the cleaner took out of the body (title marked)
    out["ingest_errors"] = [[e.source, e.code, e.message] for e in ingest_errors]
    return out


def errors(train_dir: Path, part: str | None = None, files: Iterable[str] | None = None,
           tagger: Callable[[str, str | None], Iterable[Timex]] = extract_timex) -> list[tuple[str, str, str, str, str]]:
    """(doc, gold text, gold value, predicted text, predicted value) for every miss, to study the tagger.

    A wrong value has both sides, a missed gold timex no prediction, a spurious prediction no gold."""
    rows = []
    for doc in load_corpus(Path(train_dir), files):
        if part and doc.part.lower() != part.lower():
            continue
        pred = list(tagger(doc.text, doc.dct))
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


_WEEKDAY = r"(?:mon|tues|wednes|thurs|fri|satur|sun)day"
_MONTH = (r"(?:jan(?:uary)?|feb(?:ruary)?|march|april|may|june|july|aug(?:ust)?|sept?(?:ember)?|oct(?:ober)?"
          r"|nov(?:ember)?|dec(?:ember)?)\b")
# error families, first match wins: (name, test on "gold text | predicted text" and "gold value | predicted value")
_FAMILIES: tuple[tuple[str, Callable[[str, str], bool]], ...] = (
    ("year-ago in earnings (quarter value)", lambda t, v: bool(re.search(r"year[- ](?:ago|earlier)|year\s+(?:ago|earlier)"
                                                                         r"|\d{4} (?:period|quarter)", t))
     and "Q" in v),
    ("part of day (night/morning)", lambda t, v: bool(re.search(r"morning|afternoon|evening|night|tonight|noon|a\.?m\b"
                                                                r"|p\.?m\b", t))),
    ("weekday", lambda t, v: bool(re.search(_WEEKDAY, t))),
    ("spelled-out year/decade", lambda t, v: bool(re.search(r"nineteen|thousand|nineties|eighties", t))),
    ("month or month-day without year", lambda t, v: bool(re.search(_MONTH, t)) and not re.search(r"\d{4}", t)),
    ("quarter / half / fiscal", lambda t, v: bool(re.search(r"quarter|fiscal|half|period", t)) or "Q" in v),
    ("week / weekend", lambda t, v: "week" in t),
    ("vague PAST/PRESENT/FUTURE_REF", lambda t, v: "_REF" in v),
    ("SET", lambda t, v: bool(re.search(r"\b(?:each|every|daily|weekly|annually|yearly|monthly)\b", t))),
    ("decade / century", lambda t, v: bool(re.search(r"\d0s\b|decade|centur", t))),
    ("duration", lambda t, v: bool(re.search(r"(?:^|\|\s*)P", v))),
    ("year / relative year", lambda t, v: bool(re.search(r"\byear\b|\d{4}", t))),
)


def error_family(row: Sequence[str]) -> str:
    """The family an `errors` row belongs to, plus its kind (wrong value, missed, spurious)."""
    _, gt, gv, pt, pv = row[:5]
    kind = "missed" if not pt else "spurious" if not gt else "wrong value"
    text, value = f"{gt} | {pt}".lower(), f"{gv} | {pv}"
    for name, test in _FAMILIES:
        if test(text, value):
            return f"{name}: {kind}"
    return f"other: {kind}"


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

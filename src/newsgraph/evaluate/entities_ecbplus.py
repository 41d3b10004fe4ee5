"""Measure named-entity detection and typing on ECB+ news (PERSON, ORG, place) against its participant markables.

Gold: ECB+ token-anchored markables in the sentences of ECBplus_coreference_sentences.csv.
HUMAN_PART_PER -> PERSON, HUMAN_PART_ORG -> ORG, HUMAN_PART_GPE and LOC_GEO -> PLACE (GPE and LOC are
one "place" class: ECB+ does not separate states from other places, so GPE vs LOC is never scored).

A gold mention is NAMED when, after dropping leading function words ("in the", "at", "to", headline "In"), a
trailing possessive or punctuation and a trailing age apposition (", 61"), it is not empty and
  * every word is capitalised (initial upper-case letter or a digit) except inner connectors
    ("of", "and", "the", "de", "for", "&", ",", "."),
  * it is not a pronoun nor a demonym ("He", "Turkmen"), and
  * at least one capitalised word is a proper word in the corpus part: it is written capitalised in mid-sentence
    at least as often as in lower case (this drops "Police" at a sentence start, keeps "Apple" and "Lohan").
Named target mentions are scored. Every other markable (unnamed target mentions, LOC_FAC, LOC_OTHER,
NON_HUMAN_PART, HUMAN_PART_GENERIC, ...) is a "don't care" region: a prediction overlapping one and no scored
gold mention is neither right nor wrong. Predictions outside the selected sentences are not scored.
ECB+ annotates only the participants of annotated events, so some correct names count as false positives:
precision is a lower bound and is meant for comparing systems, not as an absolute figure.
Predictions lose a leading article and a trailing possessive before matching, as gold names do.
"""
from __future__ import annotations

import re
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from ..errors import BenchmarkError
from .ecbplus import SENTENCES_CSV, _find_csvs, read_cat, read_selected_sentences

GOLD_TYPES = {"HUMAN_PART_PER": "PERSON", "HUMAN_PART_ORG": "ORG", "HUMAN_PART_GPE": "PLACE", "LOC_GEO": "PLACE"}
SYSTEM_TYPES = {"PERSON": "PERSON", "ORG": "ORG", "GPE": "PLACE", "LOC": "PLACE", "FAC": "PLACE"}
_SKIP_PREFIXES = ("ACTION_", "NEG_", "TIME_")
_LEAD_WORDS = {"the", "a", "an", "in", "at", "on", "to", "from", "near", "of", "into", "for", "by", "with", "across",
               "outside", "inside", "off", "over", "through", "toward", "towards", "around", "throughout", "within",
               "between", "under", "along", "via", "onto", "about", "against"}
_CONNECTORS = {"of", "and", "the", "de", "for", "&", ",", ".", "-", "'", "du", "la", "le", "van", "von", "der",
               "da", "del", "di", "y", "on", "at", "upon", "in"}
_TRAIL = {"'s", "’s", "'", "’", ".", ",", ";", ":", '"', "-", "–", "—", ")", "("}
_PRONOUNS = {"i", "he", "she", "it", "we", "they", "you", "him", "her", "them", "us", "me", "his", "hers", "its",
             "their", "our", "my", "your", "who", "whom", "which", "that", "this", "these", "those", "one",
             "everyone", "someone", "anyone", "nobody", "somebody"}
_DEMONYM_END = re.compile(r"(?:ians?|ans?|ese|ish|i|ch|ic|men)$")


@dataclass(frozen=True)
class NameMention:
    """A name mention, gold or predicted: character offsets into the document text and its coarse type."""

    start: int
    end: int
    text: str
    type: str  # PERSON | ORG | PLACE


GoldEntity = Predicted = NameMention  # the two roles a name mention plays in scoring


@dataclass
class EntityDocument:
    """One ECB+ file rebuilt as text (sentences on lines), with its scored gold names and don't-care regions."""

    name: str
    topic: str
    text: str
    selected: list[tuple[int, int]]
    gold: list[GoldEntity] = field(default_factory=list)
    ignore: list[tuple[int, int]] = field(default_factory=list)

    def in_selected(self, start: int, end: int) -> bool:
        return any(s <= start and end <= e for s, e in self.selected)


@dataclass(frozen=True)
class _RawDoc:
    name: str
    sentences: dict[int, list[str]]
    markables: tuple[tuple[str, int, tuple[int, ...]], ...]  # (tag, sentence, token numbers)


def _parse(path: Path) -> _RawDoc:
    """Tokens by sentence and every anchored non-event, non-time markable of one CAT XML file."""
    root, tokens, sentences = read_cat(path)
    markables = []
    found = root.find("Markables")
    for mk in found if found is not None else ():
        if mk.tag.startswith(_SKIP_PREFIXES):
            continue
        anchors = [tokens[a.get("t_id", "")] for a in mk.findall("token_anchor") if a.get("t_id") in tokens]
        if not anchors:
            continue
        sent = anchors[0][0]
        markables.append((mk.tag, sent, tuple(sorted(k for s, k in anchors if s == sent))))
    return _RawDoc(root.get("doc_name") or path.name, sentences, tuple(markables))


def _word_case_counts(raws: Iterable[_RawDoc]) -> tuple[Counter, Counter]:
    """How often each lower-cased word is written capitalised in mid-sentence, and how often in lower case."""
    cap, low = Counter(), Counter()
    for raw in raws:
        for words in raw.sentences.values():
            for i, w in enumerate(words):
                if not w[:1].isalpha():
                    continue
                if w[:1].isupper() and i > 0 and words[i - 1] not in ('"', "“", "'", ":", "(", "-", "--"):
                    cap[w.lower()] += 1
                elif w[:1].islower():
                    low[w.lower()] += 1
    return cap, low


def named_core(words: Sequence[str], cap: Counter, low: Counter) -> tuple[int, int] | None:
    """The (first, last+1) word range of the name inside a gold mention, or None if the mention is not named."""
    i, j = 0, len(words)
    while j - i > 1 and words[i].lower() in _LEAD_WORDS:
        i += 1  # "in Los Angeles", "the Betty Ford Center", headline "In Queens"
    while j > i and (words[j - 1] in _TRAIL or words[j - 1].lower() in ("'s", "’s")):
        j -= 1
    for k in range(i + 1, j):
        if words[k] == "," and all(w.isdigit() for w in words[k + 1 : j]):
            j = k  # "Eric Allen Kirkpatrick , 61": an age apposition is not part of the name
            break
    core = words[i:j]
    if not core:
        return None
    for k, w in enumerate(core):
        if w[:1].isupper() or w[:1].isdigit():
            continue
        if 0 < k < len(core) - 1 and w.lower() in _CONNECTORS:
            continue
        return None
    low_core = " ".join(core).lower()
    if low_core in _PRONOUNS or re.sub(r"['’]\w+$", "", low_core) in _PRONOUNS:
        return None
    if len(core) == 1 and core[0].isalpha() and _DEMONYM_END.search(low_core) and _is_demonym(low_core):
        return None
    proper = [w for w in core if w[:1].isupper() and w.lower() not in _PRONOUNS
              and cap[w.lower()] >= low[w.lower()]]
    return (i, j) if proper else None


def _is_demonym(word: str) -> bool:
    from ..nlp.gazetteer import demonyms, fold

    dem = demonyms()
    key = fold(word)
    return key in dem or key.rstrip("s") in dem or key in ("soviet", "turkmen")


def load_entity_documents(xml_dir: Path, *, limit: int | None = None,
                          per_topic: int | None = None) -> list[EntityDocument]:
    """ECB+ files under xml_dir (sorted; the first `per_topic` of each topic, then the first `limit`) as texts
    with scored gold names."""
    xml_dir = Path(xml_dir)
    if not xml_dir.is_dir():
        raise BenchmarkError("ECB+ folder not found", source=str(xml_dir))
    files = sorted(xml_dir.rglob("*.xml"), key=lambda p: (p.parent.name, p.name))
    if not files:
        raise BenchmarkError("no ECB+ *.xml files under this folder", source=str(xml_dir))
    csvs = _find_csvs(xml_dir)
    if not csvs:
        raise BenchmarkError(f"no {SENTENCES_CSV} at or around this folder", source=str(xml_dir))
    selected = set().union(*(read_selected_sentences(p) for p in csvs))
    raws = [_parse(f) for f in files]
    cap, low = _word_case_counts(raws)  # casing statistics over the whole part, not just the slice
    if per_topic is not None:
        taken: Counter = Counter()
        kept = []
        for raw in raws:
            topic = raw.name.split("_")[0]
            if taken[topic] < per_topic:
                taken[topic] += 1
                kept.append(raw)
        raws = kept
    if limit is not None:
        raws = raws[:limit]
    docs = [_build(raw, selected, cap, low) for raw in raws]
    docs = [d for d in docs if d.selected]
    if not docs:
        raise BenchmarkError("none of these files has a sentence listed in the sentence CSV", source=str(xml_dir))
    return docs


def _build(raw: _RawDoc, selected: set[tuple[str, int]], cap: Counter, low: Counter) -> EntityDocument:
    offsets: dict[tuple[int, int], tuple[int, int]] = {}
    lines: list[str] = []
    spans: list[tuple[int, int]] = []
    pos = 0
    for s in sorted(raw.sentences):
        start = pos
        for k, w in enumerate(raw.sentences[s]):
            if k:
                pos += 1
            offsets[(s, k)] = (pos, pos + len(w))
            pos += len(w)
        lines.append(" ".join(raw.sentences[s]))
        if (raw.name, s) in selected:
            spans.append((start, pos))
        pos += 1
    text = "\n".join(lines)
    doc = EntityDocument(raw.name, raw.name.split("_")[0], text, spans)
    seen: set[tuple[int, int]] = set()
    for tag, sent, ks in raw.markables:
        if (raw.name, sent) not in selected or not ks:
            continue
        words = [raw.sentences[sent][k] for k in ks]
        contiguous = ks == tuple(range(ks[0], ks[-1] + 1))
        core = named_core(words, cap, low) if tag in GOLD_TYPES and contiguous else None
        if core is None:
            doc.ignore.append((offsets[(sent, ks[0])][0], offsets[(sent, ks[-1])][1]))
            continue
        a, b = offsets[(sent, ks[core[0]])][0], offsets[(sent, ks[core[1] - 1])][1]
        if text[b - 2 : b] in ("'s", "’s") and b - 2 > a:
            b -= 2  # "Buckley's" is one ECB+ token
        if (a, b) in seen:
            continue
        seen.add((a, b))
        doc.gold.append(GoldEntity(a, b, text[a:b], GOLD_TYPES[tag]))
    return doc


def _pred(text: str, start: int, end: int, label: str) -> Predicted:
    """A prediction without a leading article or trailing possessive, as names are written in the gold."""
    lead = re.match(r"(?i)(?:the|a|an)\s+", text[start:end])
    if lead and start + lead.end() < end:
        start += lead.end()
    if text[end - 2 : end] in ("'s", "’s") and end - 2 > start:
        end -= 2
    while end > start + 1 and text[end - 1] in " '’":
        end -= 1
    return Predicted(start, end, text[start:end], SYSTEM_TYPES[label])


def predict_with_spacy(docs: Sequence[EntityDocument], nlp) -> dict[str, list[Predicted]]:  # type: ignore[no-untyped-def]
    """Name mentions of a spaCy pipeline's doc.ents (PERSON, ORG, GPE, LOC, FAC) as coarse types."""
    out: dict[str, list[Predicted]] = {}
    for d, sdoc in zip(docs, nlp.pipe((d.text for d in docs), batch_size=16)):
        out[d.name] = [_pred(d.text, e.start_char, e.end_char, e.label_) for e in sdoc.ents if e.label_ in SYSTEM_TYPES]
    return out


def predict_with_newsgraph(docs: Sequence[EntityDocument]) -> dict[str, list[Predicted]]:
    """Name mentions (kind 'name') that newsgraph's get_nlp + extract_entities give, typed by their entity."""
    from ..extract.entities import extract_entities
    from ..nlp.pipeline import get_nlp

    nlp = get_nlp()
    out: dict[str, list[Predicted]] = {}
    for d, sdoc in zip(docs, nlp.pipe((d.text for d in docs), batch_size=16)):
        _, mentions = extract_entities(sdoc)
        out[d.name] = [_pred(d.text, m.start, m.end, m.type) for m in mentions if m.kind == "name" and m.type in SYSTEM_TYPES]
    return out


def _overlap(a: tuple[int, int], b: tuple[int, int]) -> int:
    return max(0, min(a[1], b[1]) - max(a[0], b[0]))


@dataclass(frozen=True)
class Outcome:
    """One scored item: a gold/predicted pair, a miss (pred None) or a false positive (gold None)."""

    doc: str
    gold: GoldEntity | None
    pred: Predicted | None
    exact: bool


def align(doc: EntityDocument, predicted: Sequence[Predicted]) -> list[Outcome]:
    """One-to-one matches of predictions to gold names by largest overlap; unmatched ones are misses or FPs."""
    preds = [p for p in predicted if doc.in_selected(p.start, p.end)]
    pairs = sorted(
        ((_overlap((g.start, g.end), (p.start, p.end)), gi, pi)
         for gi, g in enumerate(doc.gold) for pi, p in enumerate(preds)
         if _overlap((g.start, g.end), (p.start, p.end)) > 0),
        reverse=True,
    )
    used_g: set[int] = set()
    used_p: set[int] = set()
    out: list[Outcome] = []
    for _, gi, pi in pairs:
        if gi in used_g or pi in used_p:
            continue
        used_g.add(gi)
        used_p.add(pi)
        g, p = doc.gold[gi], preds[pi]
        out.append(Outcome(doc.name, g, p, (g.start, g.end) == (p.start, p.end)))
    for gi, g in enumerate(doc.gold):
        if gi not in used_g:
            out.append(Outcome(doc.name, g, None, False))
    for pi, p in enumerate(preds):
        if pi in used_p:
            continue
        if any(_overlap((g.start, g.end), (p.start, p.end)) for g in doc.gold):
            continue  # a second prediction inside a matched name: neither right nor wrong
        if any(_overlap(r, (p.start, p.end)) for r in doc.ignore):
            continue
        out.append(Outcome(doc.name, None, p, False))
    return out


def _prf(tp: int, n_pred: int, n_gold: int) -> tuple[float, float, float]:
    p = tp / n_pred if n_pred else 0.0
    r = tp / n_gold if n_gold else 0.0
    return p, r, (2 * p * r / (p + r) if p + r else 0.0)


def score_entities(docs: Sequence[EntityDocument], predictions: dict[str, list[Predicted]]) -> dict:
    """Span P/R/F1 (exact, overlap), typed F1 (exact span and type) and type accuracy on overlap matches."""
    outcomes = all_outcomes(docs, predictions)
    n_gold = sum(1 for o in outcomes if o.gold is not None)
    n_pred = sum(1 for o in outcomes if o.pred is not None)
    matched = [o for o in outcomes if o.gold is not None and o.pred is not None]
    exact = [o for o in matched if o.exact]
    typed = [o for o in exact if o.gold.type == o.pred.type]  # type: ignore[union-attr]
    typed_overlap = [o for o in matched if o.gold.type == o.pred.type]  # type: ignore[union-attr]
    res: dict = {"n_docs": len(docs), "n_gold": n_gold, "n_pred": n_pred}
    for key, hits in (("exact", exact), ("overlap", matched), ("typed", typed), ("typed_overlap", typed_overlap)):
        p, r, f = _prf(len(hits), n_pred, n_gold)
        res[f"{key}_p"], res[f"{key}_r"], res[f"{key}_f1"] = p, r, f
    res["type_acc"] = len(typed_overlap) / len(matched) if matched else 0.0
    res["type_acc_exact"] = len(typed) / len(exact) if exact else 0.0
    return res


def all_outcomes(docs: Sequence[EntityDocument], predictions: dict[str, list[Predicted]]) -> list[Outcome]:
    """Alignment outcomes of every document (a document missing from predictions raises)."""
    out: list[Outcome] = []
    for d in docs:
        if d.name not in predictions:
            raise BenchmarkError("no predictions for this document", source=d.name)
        out += align(d, predictions[d.name])
    return out


def outcome_family(o: Outcome) -> str:
    """A coarse error family: 'ORG->PLACE' (mistyped), 'missed PERSON', 'spurious ORG', 'boundary PERSON'."""
    if o.gold is None:
        return f"spurious {o.pred.type}"  # type: ignore[union-attr]
    if o.pred is None:
        return f"missed {o.gold.type}"
    if o.gold.type != o.pred.type:
        return f"{o.gold.type}->{o.pred.type}"
    return "ok" if o.exact else f"boundary {o.gold.type}"


def confusions(docs: Sequence[EntityDocument], predictions: dict[str, list[Predicted]],
               family: Callable[[Outcome], str] = outcome_family) -> dict[str, list[Outcome]]:
    """Error outcomes grouped by family, largest family first (correct exact matches left out)."""
    groups: dict[str, list[Outcome]] = defaultdict(list)
    for o in all_outcomes(docs, predictions):
        fam = family(o)
        if fam != "ok":
            groups[fam].append(o)
    return dict(sorted(groups.items(), key=lambda kv: -len(kv[1])))


def evaluate(xml_dir: Path, *, limit: int | None = None, systems: Sequence[str] = ("spacy", "newsgraph")) -> dict:
    """Scores of the plain spaCy model and/or newsgraph's entity layer on an ECB+ folder."""
    docs = load_entity_documents(Path(xml_dir), limit=limit)
    out: dict = {}
    for name in systems:
        out[name] = score_entities(docs, predict(name, docs))
    return out


def predict(system: str, docs: Sequence[EntityDocument]) -> dict[str, list[Predicted]]:
    """Predictions of 'spacy' (the bare pinned md model) or 'newsgraph' (get_nlp + extract_entities)."""
    if system == "spacy":
        import spacy

        from ..nlp.pipeline import model_path

        return predict_with_spacy(docs, _bare_nlp(model_path(), spacy))
    if system == "newsgraph":
        return predict_with_newsgraph(docs)
    raise BenchmarkError(f"unknown system {system!r}: use 'spacy' or 'newsgraph'")


_BARE: dict[str, object] = {}


def _bare_nlp(path: str, spacy):  # type: ignore[no-untyped-def]
    if path not in _BARE:
        _BARE[path] = spacy.load(path)
    return _BARE[path]

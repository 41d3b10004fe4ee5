"""Measure event coreference on ECB+ (gold mentions, gold topics) with MUC, B3, CEAF-e and CoNLL F1."""
from __future__ import annotations

import csv
import json
import xml.etree.ElementTree as ET
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from ..errors import BenchmarkError
from ..resolve.disjoint_sets import DisjointSets
from ..resolve.event_coref import DOC_THRESHOLD, MERGE_THRESHOLD, EventMention, cluster_event_mentions
from .coref_metrics import clusters_from_labels, score_all

SENTENCES_CSV = "ECBplus_coreference_sentences.csv"
EVENT_PREFIXES = ("ACTION_", "NEG_ACTION_")
PARTICIPANT_LABELS = ("PERSON", "ORG", "NORP", "GPE", "FAC", "LOC", "PRODUCT", "EVENT", "WORK_OF_ART")
LOCATION_LABELS = ("GPE", "LOC", "FAC")


@dataclass(frozen=True)
class GoldMention:
    """An ECB+ event mention with its gold cluster, before any NLP is run on it."""

    doc: str
    m_id: str
    topic: str
    sentence_no: int
    token_numbers: tuple[int, ...]  # positions of the anchor tokens in their sentence
    gold: str


@dataclass(frozen=True)
class Document:
    """One ECB+ file: its sentences as token lists and its gold event mentions."""

    name: str
    topic: str
    sentences: dict[int, list[str]]
    mentions: tuple[GoldMention, ...]

    @property
    def text(self) -> str:
        return "\n".join(" ".join(self.sentences[k]) for k in sorted(self.sentences))


def _find_csvs(xml_dir: Path) -> list[Path]:
    """Sentence lists that apply to xml_dir: the nearest one above it, or every one below it."""
    for folder in (xml_dir, xml_dir.parent, xml_dir.parent.parent):
        if (folder / SENTENCES_CSV).is_file():
            return [folder / SENTENCES_CSV]
    return sorted(xml_dir.rglob(SENTENCES_CSV))


def read_selected_sentences(path: Path) -> set[tuple[str, int]]:
    """(file name, sentence number) pairs whose mentions were fully annotated for coreference."""
    out: set[tuple[str, int]] = set()
    try:
        with path.open(newline="", encoding="utf-8") as fh:
            for row in csv.DictReader(fh):
                out.add((f"{row['Topic']}_{row['File']}.xml", int(row["Sentence Number"])))
    except (KeyError, ValueError) as exc:
        raise BenchmarkError(f"unexpected columns in {path.name}: {exc}", source=str(path)) from exc
    return out


def read_cat(path: Path) -> tuple[ET.Element, dict[str, tuple[int, int]], dict[int, list[str]]]:
    """One CAT XML file: its root, token id -> (sentence, position), and each sentence's tokens."""
    try:
        root = ET.parse(path).getroot()
    except ET.ParseError as exc:
        raise BenchmarkError(f"not valid XML: {exc}", source=str(path)) from exc
    if root.tag != "Document":
        raise BenchmarkError("not an ECB+ CAT document (no <Document> root)", source=str(path))
    tokens: dict[str, tuple[int, int]] = {}
    sentences: dict[int, list[str]] = {}
    for tok in root.iter("token"):
        try:
            s, k = int(tok.get("sentence", "0")), int(tok.get("number", "0"))
        except ValueError as exc:
            raise BenchmarkError(f"token without numeric position: {exc}", source=str(path)) from exc
        tokens[tok.get("t_id", "")] = (s, k)
        sentences.setdefault(s, []).append(tok.text or "")
    return root, tokens, sentences


def parse_document(path: Path) -> Document:
    """Read one CAT XML file: tokens by sentence, anchored event mentions and their gold chains."""
    root, tokens, sentences = read_cat(path)
    name = root.get("doc_name") or path.name
    anchored: dict[str, tuple[int, tuple[int, ...]]] = {}
    instance: dict[str, str] = {}
    markables = root.find("Markables")
    for mk in markables if markables is not None else ():
        anchors = [tokens[a.get("t_id", "")] for a in mk.findall("token_anchor") if a.get("t_id") in tokens]
        if anchors and mk.tag.startswith(EVENT_PREFIXES):
            anchored[mk.get("m_id", "")] = (anchors[0][0], tuple(k for s, k in anchors if s == anchors[0][0]))
        elif not anchors and mk.get("instance_id"):
            instance[mk.get("m_id", "")] = mk.get("instance_id", "")
    chains = DisjointSets()
    find = chains.find
    relations = root.find("Relations")
    for rel in relations if relations is not None else ():
        target = rel.find("target")
        tid = target.get("m_id", "") if target is not None else ""
        if rel.tag == "CROSS_DOC_COREF":
            key = "X:" + (rel.get("note") or instance.get(tid) or f"{name}:{tid}")
        elif rel.tag == "INTRA_DOC_COREF":
            key = f"I:{name}:{tid}"
        else:
            continue
        for src in rel.findall("source"):
            m = src.get("m_id", "")
            if m in anchored:
                chains.union(key, f"M:{name}:{m}")
    mentions = tuple(
        GoldMention(name, m, name.split("_")[0], s, ks, find(f"M:{name}:{m}"))
        for m, (s, ks) in sorted(anchored.items(), key=lambda kv: (kv[1], kv[0]))
    )
    return Document(name, name.split("_")[0], sentences, mentions)


def load_documents(xml_dir: Path) -> list[Document]:
    """Every ECB+ file under xml_dir, sorted by name."""
    if not xml_dir.is_dir():
        raise BenchmarkError("ECB+ folder not found", source=str(xml_dir))
    files = sorted(xml_dir.rglob("*.xml"))
    if not files:
        raise BenchmarkError("no ECB+ *.xml files under this folder", source=str(xml_dir))
    return [parse_document(f) for f in files]


@lru_cache(maxsize=1)
def _nlp():  # type: ignore[no-untyped-def]
    import spacy

    from ..nlp.pipeline import model_path

    return spacy.load(model_path())


def _head(doc, idx: tuple[int, ...]) -> int:  # type: ignore[no-untyped-def]
    inside = set(idx)
    for i in idx:
        if doc[i].head.i not in inside or doc[i].head.i == i:
            return i
    return idx[0]


def build_mentions(docs: Iterable[Document], selected: set[tuple[str, int]] | None) -> tuple[list[EventMention], list[str]]:
    """EventMention records (lemma, sentence, named arguments from spaCy) and gold cluster ids."""
    from spacy.tokens import Doc

    docs = list(docs)
    nlp = _nlp()
    keep = [
        (d, m)
        for d in docs
        for m in d.mentions
        if (selected is None or (d.name, m.sentence_no) in selected) and m.sentence_no in d.sentences
    ]
    wanted = sorted({(d.name, m.sentence_no) for d, m in keep})
    by_name = {d.name: d for d in docs}
    inputs = [Doc(nlp.vocab, words=by_name[n].sentences[s]) for n, s in wanted]
    parsed = dict(zip(wanted, nlp.pipe(inputs, batch_size=64)))
    texts = {d.name: d.text for d in docs}
    used = sorted({d.name for d, _ in keep})
    with nlp.select_pipes(enable=["tok2vec", "ner"]):
        people = {
            name: tuple(e.text for e in doc.ents if e.label_ == "PERSON")
            for name, doc in zip(used, nlp.pipe((texts[n] for n in used), batch_size=32))
        }
    out: list[EventMention] = []
    gold: list[str] = []
    for d, m in keep:
        sdoc = parsed[(d.name, m.sentence_no)]
        idx = tuple(k for k in m.token_numbers if k < len(sdoc))
        if not idx:
            continue
        head = sdoc[_head(sdoc, idx)]
        ents = [e for e in sdoc.ents if e.label_ in PARTICIPANT_LABELS]
        locs = [e.text for e in ents if e.label_ in LOCATION_LABELS]
        out.append(
            EventMention(
                doc_id=d.name,
                mention_id=m.m_id,
                trigger=" ".join(sdoc[k].text for k in idx),
                lemma=head.lemma_.lower(),
                sentence=sdoc.text,
                group=d.topic,
                location=locs[0] if locs else None,
                participants=tuple(e.text for e in ents),
                doc_text=texts[d.name],
                span=(sdoc[idx[0]].idx, sdoc[idx[-1]].idx + len(sdoc[idx[-1]])),
                doc_people=people[d.name],
            )
        )
        gold.append(m.gold)
    return out, gold


def load_benchmark(xml_dir: Path) -> tuple[list[EventMention], list[str], list[Document]]:
    """Mentions, gold cluster ids and documents of an ECB+ folder, in the standard sentence subset.

    Without any ECBplus_coreference_sentences.csv every sentence's mentions are used.
    """
    xml_dir = Path(xml_dir)
    docs = load_documents(xml_dir)
    csv_paths = _find_csvs(xml_dir)
    selected = set().union(*(read_selected_sentences(p) for p in csv_paths)) if csv_paths else None
    mentions, gold = build_mentions(docs, selected)
    if not mentions:
        raise BenchmarkError("no gold event mentions found in the selected sentences", source=str(xml_dir))
    return mentions, gold, docs


def score(mentions: list[EventMention], gold: list[str], predicted: list[int]) -> dict:
    """Flat metric dict for predicted labels against gold cluster ids."""
    items = [(m.doc_id, m.mention_id) for m in mentions]
    result: dict = score_all(clusters_from_labels(items, gold), clusters_from_labels(items, predicted))
    result["n_mentions"] = len(mentions)
    result["n_docs"] = len({m.doc_id for m in mentions})
    result["n_topics"] = len({m.group for m in mentions})
    return result


def run(
    xml_dir: Path,
    clusters_out: Path | None = None,
    *,
    threshold: float = MERGE_THRESHOLD,
    doc_threshold: float | None = DOC_THRESHOLD,
) -> dict:
    """Cluster the gold event mentions of an ECB+ folder within gold topics and score them."""
    mentions, gold, _ = load_benchmark(Path(xml_dir))
    predicted = cluster_event_mentions(mentions, threshold=threshold, doc_threshold=doc_threshold)
    if clusters_out is not None:
        with Path(clusters_out).open("w", encoding="utf-8") as fh:
            for m, c in zip(mentions, predicted):
                fh.write(json.dumps({"doc": m.doc_id, "m_id": m.mention_id, "cluster": c}) + "\n")
    return score(mentions, gold, predicted)

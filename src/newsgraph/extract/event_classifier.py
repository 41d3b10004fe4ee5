"""A small linear model that judges the rules' event candidates in their clause: keep, re-type, or reject.

The rules propose (trigger, type); the model sees features that generalise across articles (the rule's
type, the trigger's lemma and dependency context, its object and subject kinds, modality, named
participants) and returns a type or None. Weights live in models/event_classifier.json, rebuilt by
bench/train_event_classifier.py from PLOVER GSR (train part), the seeds' gold and dev fold A's gold.
"""
from __future__ import annotations

import json
import math
import os
from contextlib import contextmanager
from functools import lru_cache
from pathlib import Path
from typing import Iterator

from spacy.tokens import Token

from .doc_tree import attrs, children
from . import plover_lexicon as lex
from .event_classifier_features import GROUPS, extra_features
from .event_triggers import Candidate, frame_verb
from .event_typing import child_of, object_noun
from .modality import speech_governor

MODEL_PATH = Path(__file__).resolve().parent / "models" / "event_classifier.json"
MODEL_ENV = "NEWSGRAPH_EVENT_MODEL"  # another model file (bench experiments), read instead of MODEL_PATH

_CHILD_DEPS = {"neg", "aux", "auxpass", "dobj", "prt", "agent", "nsubj", "nsubjpass", "xcomp", "ccomp", "dative",
               "advcl", "attr", "acomp", "poss", "det", "compound", "amod"}
_QUOTES = {'"', "\u201c", "\u201d", "\u00ab", "\u00bb"}

_recording: list | None = None  # set by recording(): candidates are logged as proposed, not judged


def _kind(tok: Token | None) -> str:
    """What a participant phrase is: a named kind, a pronoun, a people noun, another noun, nothing."""
    if tok is None:
        return "none"
    if tok.ent_type_:
        return tok.ent_type_
    if tok.pos_ == "PRON":
        return "PRON"
    return tok.pos_


def _inside_quotes(tok: Token) -> bool:
    """The trigger stands inside quotation marks opened earlier in its sentence (direct speech)."""
    sent = tok.sent
    # (the lower-case form is the text for a quotation mark: read once per Doc, not a Token per word)
    n = sum(1 for w in attrs(tok.doc).lower[sent.start : tok.i] if w in _QUOTES)
    return n % 2 == 1


def features(c: Candidate, etype: str, mod: str, has_source: bool, has_target: bool) -> list[str]:
    """The candidate's features, as strings (one-hot names)."""
    tok = c.trigger
    lemma = lex.lemma_of(tok)
    rt = etype
    f = [f"rt={rt}", f"rt_noun={rt}|{c.is_noun}", f"lem={lemma}", f"lem_rt={lemma}|{rt}",
         f"dep={tok.dep_}", f"dep_rt={tok.dep_}|{rt}", f"tag={tok.tag_}", f"mod={mod}", f"mod_rt={mod}|{rt}",
         f"src={has_source}", f"tgt={has_target}", f"roles_rt={has_source}{has_target}|{rt}",
         f"coll={c.collapsed}", f"w={round(c.weight, 1)}", f"depth={min(4, round(c.penalty / 0.06))}",
         f"quoted={_inside_quotes(tok)}"]
    if lemma != lex.lemma_of(c.frame):
        f.append(f"frame={lex.lemma_of(c.frame)}")
    head = tok.head if tok.head.i != tok.i else None
    if head is not None:
        f += [f"head={lex.lemma_of(head)}", f"headpos={head.pos_}", f"headpos_rt={head.pos_}|{rt}"]
    for ch in children(tok):
        if ch.dep_ in _CHILD_DEPS:
            f.append(f"ch={ch.dep_}")
            f.append(f"ch_rt={ch.dep_}|{rt}")
        if ch.dep_ == "prep":
            f.append(f"prep={ch.lower_}")
            f.append(f"prep_rt={ch.lower_}|{rt}")
        if ch.dep_ == "aux" and ch.tag_ == "MD":
            f.append(f"md={ch.lower_}")
        if ch.dep_ in ("amod", "compound") and c.is_noun:
            f.append(f"nmod={lex.lemma_of(ch)}")
        if ch.dep_ == "det":
            f.append(f"det={ch.lower_}")
    if c.is_noun:
        fv = frame_verb(tok)
        f.append(f"fv={lex.lemma_of(fv) if fv is not None else '-'}")
    else:
        obj = object_noun(tok)
        if obj is not None:
            f += [f"obj={lex.lemma_of(obj)}", f"objkind={_kind(obj)}", f"objkind_rt={_kind(obj)}|{rt}"]
        subj = child_of(tok, {"nsubj", "nsubjpass"})
        f += [f"subjkind={_kind(subj)}", f"subjkind_rt={_kind(subj)}|{rt}"]
        if subj is not None:
            f.append(f"subj={lex.lemma_of(subj) if not subj.ent_type_ else subj.ent_type_}")
    sp = speech_governor(tok)
    if sp is not None:
        f.append(f"speech={lex.lemma_of(sp)}")
    groups = GROUPS if _recording is not None else tuple((_model() or {}).get("feature_groups", ()))
    if groups:
        f += extra_features(tok, lemma, rt, c.is_noun, groups)
    return f


@lru_cache(maxsize=1)
def _model() -> dict | None:
    """The trained weights (None when the model file is absent: the rules' proposals stand)."""
    path = Path(os.environ.get(MODEL_ENV) or MODEL_PATH)
    if not path.is_file():
        return None
    return json.loads(path.read_text(encoding="utf-8"))


_ROWS: list = [None, {}]  # [the model last read, its weight rows as (class index, weight) pairs]


def _rows(m: dict) -> dict[str, tuple[tuple[int, float], ...]]:
    """The model's weight rows with their class indices parsed once (the JSON keys are strings), in file order."""
    if _ROWS[0] is not m:
        _ROWS[0], _ROWS[1] = m, {name: tuple((int(k), w) for k, w in row.items()) for name, row in m["weights"].items()}
    return _ROWS[1]


def probabilities(feats: list[str]) -> dict[str, float]:
    """Class probabilities (the 16 types and NONE) for one candidate's features."""
    m = _model()
    if m is None:
        return {}
    classes = m["classes"]
    scores = list(m["bias"])
    weights = _rows(m)
    for name in feats:
        row = weights.get(name)
        if row is not None:
            for k, w in row:
                scores[k] += w
    top = max(scores)
    exp = [math.exp(s - top) for s in scores]
    z = sum(exp)
    return {c: e / z for c, e in zip(classes, exp)}


def judge(c: Candidate, etype: str, mod: str, has_source: bool, has_target: bool, evidence: str,
          weak: bool = False, below: bool = False) -> tuple[str | None, float]:
    """The type to emit for a rule candidate (its own, another the model is sure of, or None: not an event) and
    the model's probability that it is no event (1.0 without a model: the rules' own filters decide). weak: too
    weakly worded to stand without a named participant; below: under the extractor's confidence floor."""
    feats = features(c, etype, mod, has_source, has_target)
    if _recording is not None:
        _recording.append((feats, etype, evidence, c.trigger.text,
                           {"anon": weak and not (has_source or has_target), "below": below}))
        return etype, 1.0
    p = probabilities(feats)
    return judge_features(feats, etype, p), p.get("NONE", 1.0)


def judge_features(feats: list[str], etype: str, p: dict[str, float] | None = None) -> str | None:
    """judge() on features already computed."""
    m = _model()
    if m is None:
        return etype
    p = p if p is not None else probabilities(feats)
    if p.get("NONE", 0.0) >= m["reject_at"]:
        return None
    best = max((t for t in p if t != "NONE"), key=p.__getitem__)
    if best != etype and best in lex.PLOVER_TYPES and p[best] - p.get(etype, 0.0) >= m["retype_margin"]:
        return best  # (a binary model's one class, EVENT, keeps the rules' type)
    return etype


def admits(kind: str, p_none: float) -> bool:
    """A candidate the rules alone would drop ('anonymous': weakly worded with no named participant;
    'below_floor': under the confidence floor) is kept only when the model is sure it is an event."""
    m = _model()
    return _recording is None and m is not None and p_none < m.get(f"admit_{kind}_below", 0.0)


def judges_weak() -> bool:
    """Whether candidates under the confidence floor are worth putting to the judge (recording, or a model
    that may admit them)."""
    if _recording is not None:
        return True
    m = _model()
    return m is not None and m.get("admit_below_floor_below", 0.0) > 0.0


@contextmanager
def recording(sink: list) -> Iterator[list]:
    """Log every candidate (features, rule type, evidence, trigger word, dropped as weak and anonymous) into sink instead of judging it (for training)."""
    global _recording
    _recording = sink
    try:
        yield sink
    finally:
        _recording = None

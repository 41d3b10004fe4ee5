"""Standard coreference metrics (MUC, B3, CEAF-e, CoNLL) so cluster quality is measured the usual way."""
from __future__ import annotations

from collections.abc import Hashable, Iterable, Mapping, Sequence

import numpy as np
from scipy.optimize import linear_sum_assignment

Cluster = frozenset
Clusters = list[frozenset]


def clusters_from_labels(items: Sequence[Hashable], labels: Sequence[Hashable]) -> Clusters:
    """Group items by label: the cluster view the metrics work on."""
    groups: dict[Hashable, set] = {}
    for item, label in zip(items, labels, strict=True):
        groups.setdefault(label, set()).add(item)
    return [frozenset(g) for g in groups.values()]


def _f1(p: float, r: float) -> float:
    return 0.0 if p + r == 0 else 2 * p * r / (p + r)


def _muc_recall(key: Clusters, response: Clusters) -> float:
    where = {m: i for i, c in enumerate(response) for m in c}
    num = den = 0
    for k in key:
        if len(k) < 2:
            continue
        parts = {where.get(m, ("missing", m)) for m in k}
        num += len(k) - len(parts)
        den += len(k) - 1
    return num / den if den else 0.0


def muc(key: Clusters, response: Clusters) -> tuple[float, float, float]:
    """MUC link-based (Vilain et al. 1995): precision, recall, F1; singletons carry no links."""
    r = _muc_recall(key, response)
    p = _muc_recall(response, key)
    return p, r, _f1(p, r)


def _b3_recall(key: Clusters, response: Clusters) -> float:
    where = {m: c for c in response for m in c}
    total = n = 0.0
    for k in key:
        for m in k:
            r = where.get(m)
            # a mention missing from the other side contributes nothing (reference scorer v8.01)
            total += len(k & r) / len(k) if r is not None else 0.0
            n += 1
    return total / n if n else 0.0


def b_cubed(key: Clusters, response: Clusters) -> tuple[float, float, float]:
    """B-cubed (Bagga & Baldwin 1998): per-mention precision and recall averaged over mentions."""
    r = _b3_recall(key, response)
    p = _b3_recall(response, key)
    return p, r, _f1(p, r)


def ceaf_e(key: Clusters, response: Clusters) -> tuple[float, float, float]:
    """Entity-based CEAF (Luo 2005) with phi4 similarity and an optimal one-to-one alignment."""
    if not key or not response:
        return 0.0, 0.0, 0.0
    sim = np.zeros((len(key), len(response)))
    for i, k in enumerate(key):
        for j, r in enumerate(response):
            inter = len(k & r)
            if inter:
                sim[i, j] = 2 * inter / (len(k) + len(r))
    rows, cols = linear_sum_assignment(-sim)
    best = float(sim[rows, cols].sum())
    p = best / len(response)
    r = best / len(key)
    return p, r, _f1(p, r)


def score_all(key: Iterable[Iterable[Hashable]], response: Iterable[Iterable[Hashable]]) -> dict[str, float]:
    """MUC, B3, CEAF-e and their mean F1 (CoNLL) as one flat dict."""
    k = [frozenset(c) for c in key]
    r = [frozenset(c) for c in response]
    out: dict[str, float] = {}
    for name, fn in (("muc", muc), ("b3", b_cubed), ("ceafe", ceaf_e)):
        p, rec, f = fn(k, r)
        out[f"{name}_p"], out[f"{name}_r"], out[f"{name}_f1"] = p, rec, f
    out["conll_f1"] = (out["muc_f1"] + out["b3_f1"] + out["ceafe_f1"]) / 3
    return out


def score_labels(gold: Mapping[Hashable, Hashable], predicted: Mapping[Hashable, Hashable]) -> dict[str, float]:
    """Score two item->label maps over the same items (the usual gold-mention setup)."""
    items = list(gold)
    return score_all(
        clusters_from_labels(items, [gold[i] for i in items]),
        clusters_from_labels(items, [predicted[i] for i in items]),
    )

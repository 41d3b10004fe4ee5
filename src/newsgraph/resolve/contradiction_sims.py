"""Similarities a contradiction detector asks for, cached under the texts compared: a corpus step that adds ten
articles does not re-read every candidate's vectors to compare a negated statement with them again."""
from __future__ import annotations

from typing import Any

from .blocks import block_key
from .claim_vectors import encoder, version

SIMS_LAYER = "contradiction_sims"
SIMS_VERSION = "1"


def cached_sims(ctx: Any, asks: dict[int, tuple[int, list[int]]]) -> dict[int, list[float]]:
    """ctx.sims(row, cands) for each ask (ctx: contradiction_context.Context), read from the block cache when the row's
    text and its candidates' texts were compared before."""
    if ctx.cache is None:
        return {i: ctx.sims(row, cand) for i, (row, cand) in asks.items()}
    tag = f"{SIMS_VERSION}|{encoder()}|{version()}"
    keys = {i: block_key(SIMS_LAYER, tag, [ctx.texts[row], [ctx.texts[j] for j in cand]])
            for i, (row, cand) in asks.items()}
    found = ctx.cache.get_many(SIMS_LAYER, list(dict.fromkeys(keys.values())))
    fresh = {}
    for i, (row, cand) in asks.items():
        if keys[i] not in found and keys[i] not in fresh:
            fresh[keys[i]] = ctx.sims(row, cand)
    if fresh:
        ctx.cache.put_many(SIMS_LAYER, fresh)
    keep = getattr(ctx.table, "keep", None)  # the rows' MiniLM blocks, read again when a similarity is recomputed
    if keep is not None:
        keep(sorted({r for i, (row, cand) in asks.items() if keys[i] in found for r in (row, *cand)}))
    return {i: found[keys[i]] if keys[i] in found else fresh[keys[i]] for i in asks}

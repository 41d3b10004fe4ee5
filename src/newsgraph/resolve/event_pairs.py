"""event_coref's pair tests (dates, writing dates, types, countries, roles) for every pair of a block at once, as
numpy matrices: a story block of a few hundred mentions asked them pair by pair in Python, which was most of
clustering's time outside the encoder. Each matrix equals the scalar test on every pair
(tests/resolve/test_corpus_event_pairs.py compares them on the story blocks of seeds + dev)."""
from __future__ import annotations

from collections.abc import Sequence

import numpy as np

from .event_coref import _ISO, STORY_WINDOW_DAYS, SYMMETRIC_TYPES, EventMention, _day

# Blocks of fewer mentions ask the pair tests pair by pair: below this, numpy's fixed cost is more than the loop's
# (measured on the 624 story blocks of the scale records: most hold 2-5 mentions).
MATRIX_FROM = 24


def _codes(values: Sequence, empty_is_none: bool = True) -> np.ndarray:
    """An int per value, equal for equal values; -1 for None (and for empty values unless told otherwise)."""
    seen: dict = {}
    return np.array([seen.setdefault(v, len(seen)) if (v if empty_is_none else v is not None) else -1 for v in values],
                    dtype=np.int64)


class PairTests:
    """The pair tests of one block's mentions, each an n x n boolean matrix (the diagonal is not meaningful)."""

    def __init__(self, ms: Sequence[EventMention]) -> None:
        n = len(ms)
        ymd = np.full((n, 3), -1, dtype=np.int64)
        for i, m in enumerate(ms):
            match = _ISO.match(m.date) if m.date else None
            if match:
                ymd[i] = [int(g) if g is not None else -1 for g in match.groups()]
        y, mo, d = ymd[:, 0], ymd[:, 1], ymd[:, 2]
        dated = y >= 0
        both_mo = (mo[:, None] >= 0) & (mo[None, :] >= 0)
        differ = ((y[:, None] != y[None, :]) | (both_mo & (mo[:, None] != mo[None, :]))
                  | (both_mo & (d[:, None] >= 0) & (d[None, :] >= 0) & (d[:, None] != d[None, :])))
        self.dates = ~(dated[:, None] & dated[None, :] & differ)  # dates_compatible
        written = [_day(m.published) for m in ms]
        known = np.array([w is not None for w in written])
        days = np.array([w.toordinal() if w is not None else 0 for w in written], dtype=np.int64)
        precise = np.array([bool(m.date) and len(m.date) >= 7 for m in ms])
        self.close = (~known[:, None] | ~known[None, :] | (np.abs(days[:, None] - days[None, :]) <= STORY_WINDOW_DAYS)
                      | (precise[:, None] & precise[None, :] & self.dates))  # reported_close
        upper = _codes([m.type.upper() if m.type else None for m in ms])
        self.types = (upper[:, None] < 0) | (upper[None, :] < 0) | (upper[:, None] == upper[None, :])
        country = _codes([m.country for m in ms])
        self.countries = ~((country[:, None] >= 0) & (country[None, :] >= 0) & (country[:, None] != country[None, :]))
        has = np.array([m.roles is not None for m in ms])
        actors = _codes([r for m in ms for r in (m.roles or (None, None))])
        src, tgt = actors[0::2], actors[1::2]
        same = lambda a, b: (a[:, None] >= 0) & (b[None, :] >= 0) & (a[:, None] == b[None, :])  # noqa: E731
        directed = (((src[:, None] >= 0) & (src[None, :] >= 0) & (src[:, None] != src[None, :]))
                    | ((tgt[:, None] >= 0) & (tgt[None, :] >= 0) & (tgt[:, None] != tgt[None, :])))
        pair = (src >= 0) & (tgt >= 0) & (src != tgt)  # two distinct parties
        same_set = (same(src, src) & same(tgt, tgt)) | (same(src, tgt) & same(tgt, src))
        exact = _codes([m.type for m in ms], empty_is_none=False)
        symmetric = np.array([m.type in SYMMETRIC_TYPES for m in ms])
        sym_pair = symmetric[:, None] & (exact[:, None] == exact[None, :]) & (exact[:, None] >= 0)
        self.conflict = has[:, None] & has[None, :] & np.where(
            sym_pair, pair[:, None] & pair[None, :] & ~same_set, directed)  # roles_conflict
        self.shared = same(src, src) | same(src, tgt) | same(tgt, src) | same(tgt, tgt)
        doc = _codes([m.doc_id for m in ms])
        self.roles = ~self.conflict & (~has[:, None] | ~has[None, :] | (doc[:, None] == doc[None, :]) | self.shared)
        self._has, self._exact, self._symmetric, self._precise = has, exact, symmetric, precise
        self._full = has & (src >= 0) & (tgt >= 0)
        self._same_roles = (src[:, None] == src[None, :]) & (tgt[:, None] == tgt[None, :])

    def cannot_link(self) -> np.ndarray:
        """event_coref._cannot_link: pairs that may never be one event (False on the diagonal)."""
        out = ~(self.dates & self.close & self.types & self.countries & self.roles)
        np.fill_diagonal(out, False)
        return out

    def clash(self) -> np.ndarray:
        """Pairs whose dates, writing dates, roles or countries disagree (what a structural join must not bring
        together)."""
        return ~(self.dates & self.close & ~self.conflict & self.countries)

    def structured(self) -> np.ndarray:
        """event_coref.same_structured_event for every pair."""
        typed = (self._has[:, None] & self._has[None, :] & (self._exact[:, None] >= 0)
                 & (self._exact[:, None] == self._exact[None, :]))
        base = typed & self.dates & self.roles & self.close & self.countries
        n_precise = self._precise[:, None].astype(int) + self._precise[None, :]
        sym = self._symmetric[:, None] & (n_precise >= 1) & self.shared
        directed = ~self._symmetric[:, None] & (n_precise == 2) & self._full[:, None] & self._same_roles
        return base & (sym | directed)

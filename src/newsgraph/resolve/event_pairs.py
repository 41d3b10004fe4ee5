"""event_coref's pair tests (dates, writing dates, types, countries, roles) for many pairs at once, as numpy arrays:
a story block of a few hundred mentions asked them pair by pair in Python, which was most of clustering's time
outside the encoder. Each test equals the scalar one on every pair (tests/resolve/test_corpus_event_pairs.py compares
them on the story blocks of seeds + dev). The pairs are every pair of one block (n x n matrices), or any list of pairs
of mentions coded once (which reports of all the story blocks may join another: event_vectors)."""
from __future__ import annotations

from collections.abc import Iterator, Sequence
from functools import cached_property

import numpy as np

from .event_coref import _ISO, STORY_WINDOW_DAYS, SYMMETRIC_TYPES, EventMention, _day

# Blocks of fewer mentions ask the pair tests pair by pair: below this, numpy's fixed cost is more than the loop's
# (measured on the 624 story blocks of the scale records: most hold 2-5 mentions).
MATRIX_FROM = 24
# Pairs tested at once by `joinable` (bounds its arrays on a corpus with very large story blocks).
PAIRS_PER_CHUNK = 1 << 18


def _codes(values: Sequence, empty_is_none: bool = True) -> np.ndarray:
    """An int per value, equal for equal values; -1 for None (and for empty values unless told otherwise)."""
    seen: dict = {}
    return np.array([seen.setdefault(v, len(seen)) if (v if empty_is_none else v is not None) else -1 for v in values],
                    dtype=np.int64)


class MentionCodes:
    """What the pair tests read of each mention, as arrays (computed once for any number of pairs)."""

    def __init__(self, ms: Sequence[EventMention]) -> None:
        dates: dict[str | None, list[int]] = {}  # many reports share a date or a writing day: each parsed once
        for m in ms:
            if m.date not in dates:
                match = _ISO.match(m.date) if m.date else None
                dates[m.date] = [int(g) if g is not None else -1 for g in match.groups()] if match else [-1, -1, -1]
        ymd = np.array([dates[m.date] for m in ms], dtype=np.int64).reshape(len(ms), 3)
        self.y, self.mo, self.d = ymd[:, 0], ymd[:, 1], ymd[:, 2]
        days: dict[str | None, int] = {}
        for m in ms:
            if m.published not in days:
                day = _day(m.published)
                days[m.published] = day.toordinal() if day is not None else -1
        self.days = np.array([days[m.published] for m in ms], dtype=np.int64)
        self.known = self.days >= 0
        self.precise = np.array([bool(m.date) and len(m.date) >= 7 for m in ms], dtype=bool)
        self.upper = _codes([m.type.upper() if m.type else None for m in ms])
        self.country = _codes([m.country for m in ms])
        self.has = np.array([m.roles is not None for m in ms], dtype=bool)
        actors = _codes([r for m in ms for r in (m.roles or (None, None))])
        self.src, self.tgt = actors[0::2], actors[1::2]
        self.exact = _codes([m.type for m in ms], empty_is_none=False)
        self.symmetric = np.array([m.type in SYMMETRIC_TYPES for m in ms], dtype=bool)
        self.doc = _codes([m.doc_id for m in ms])


class PairTests:
    """The pair tests of one block's mentions, each an n x n boolean matrix (the diagonal is not meaningful); or,
    given codes and pairs (a, b: index arrays of one shape), each an array of that shape. Each test is computed
    when first asked for."""

    def __init__(self, ms: Sequence[EventMention] | None = None, *, codes: MentionCodes | None = None,
                 pairs: tuple[np.ndarray, np.ndarray] | None = None) -> None:
        self.c = codes if codes is not None else MentionCodes(ms or ())
        if pairs is None:
            n = len(self.c.y)
            self.a, self.b = np.arange(n)[:, None], np.arange(n)[None, :]
        else:
            self.a, self.b = pairs
        self._matrix = pairs is None

    def _ab(self, values: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        return values[self.a], values[self.b]

    @cached_property
    def dates(self) -> np.ndarray:
        """event_coref.dates_compatible."""
        (ya, yb), (ma, mb), (da, db) = self._ab(self.c.y), self._ab(self.c.mo), self._ab(self.c.d)
        both_mo = (ma >= 0) & (mb >= 0)
        differ = (ya != yb) | (both_mo & (ma != mb)) | (both_mo & (da >= 0) & (db >= 0) & (da != db))
        return ~((ya >= 0) & (yb >= 0) & differ)

    @cached_property
    def close(self) -> np.ndarray:
        """event_coref.reported_close."""
        (ka, kb), (da, db), (pa, pb) = self._ab(self.c.known), self._ab(self.c.days), self._ab(self.c.precise)
        return ~ka | ~kb | (np.abs(da - db) <= STORY_WINDOW_DAYS) | (pa & pb & self.dates)

    @cached_property
    def types(self) -> np.ndarray:
        """event_coref.types_compatible."""
        ua, ub = self._ab(self.c.upper)
        return (ua < 0) | (ub < 0) | (ua == ub)

    @cached_property
    def countries(self) -> np.ndarray:
        """No two different known countries."""
        ca, cb = self._ab(self.c.country)
        return ~((ca >= 0) & (cb >= 0) & (ca != cb))

    @cached_property
    def _roles(self) -> tuple:
        (sa, sb), (ta, tb) = self._ab(self.c.src), self._ab(self.c.tgt)
        return sa, sb, ta, tb, (sa >= 0), (sb >= 0), (ta >= 0), (tb >= 0)

    @cached_property
    def conflict(self) -> np.ndarray:
        """event_coref.roles_conflict."""
        sa, sb, ta, tb, ksa, ksb, kta, ktb = self._roles
        (ha, hb), (ea, eb) = self._ab(self.c.has), self._ab(self.c.exact)
        directed = (ksa & ksb & (sa != sb)) | (kta & ktb & (ta != tb))
        pair_a, pair_b = ksa & kta & (sa != ta), ksb & ktb & (sb != tb)  # two distinct parties
        same_set = (ksa & ksb & (sa == sb) & kta & ktb & (ta == tb)) | (ksa & ktb & (sa == tb) & kta & ksb & (ta == sb))
        sym_pair = self.c.symmetric[self.a] & (ea == eb) & (ea >= 0)
        return ha & hb & np.where(sym_pair, pair_a & pair_b & ~same_set, directed)

    @cached_property
    def shared(self) -> np.ndarray:
        """The two reports name a known actor in common (in any roles)."""
        sa, sb, ta, tb, ksa, ksb, kta, ktb = self._roles
        return ((ksa & ksb & (sa == sb)) | (ksa & ktb & (sa == tb)) | (kta & ksb & (ta == sb))
                | (kta & ktb & (ta == tb)))

    @cached_property
    def roles(self) -> np.ndarray:
        """event_coref.roles_compatible."""
        (ha, hb), (da, db) = self._ab(self.c.has), self._ab(self.c.doc)
        return ~self.conflict & (~ha | ~hb | (da == db) | self.shared)

    def compatible(self) -> np.ndarray:
        """Pairs that may be one event: no test rules them out (the negation of event_coref._cannot_link)."""
        return self.dates & self.close & self.types & self.countries & self.roles

    def cannot_link(self) -> np.ndarray:
        """event_coref._cannot_link: pairs that may never be one event (False on the diagonal)."""
        out = ~self.compatible()
        if self._matrix:
            np.fill_diagonal(out, False)
        return out

    def clash(self) -> np.ndarray:
        """Pairs whose dates, writing dates, roles or countries disagree (what a structural join must not bring
        together)."""
        return ~(self.dates & self.close & ~self.conflict & self.countries)

    def structured(self) -> np.ndarray:
        """event_coref.same_structured_event for every pair."""
        c = self.c
        (ha, hb), (ea, eb), (pa, pb) = self._ab(c.has), self._ab(c.exact), self._ab(c.precise)
        sa, sb, ta, tb, *_ = self._roles
        typed = ha & hb & (ea >= 0) & (ea == eb)
        base = typed & self.dates & self.roles & self.close & self.countries
        n_precise = pa.astype(int) + pb
        symmetric = c.symmetric[self.a]
        full = (c.has & (c.src >= 0) & (c.tgt >= 0))[self.a]
        sym = symmetric & (n_precise >= 1) & self.shared
        directed = ~symmetric & (n_precise == 2) & full & (sa == sb) & (ta == tb)
        return base & (sym | directed)


def joinable(ms: Sequence[EventMention], blocks: Sequence[Sequence[int]]) -> np.ndarray:
    """Per mention: whether some other mention of its block may be the same event (event_coref._cannot_link
    allows the pair). Only those are ever joined to another, so only they need vectors."""
    out = np.zeros(len(ms), dtype=bool)
    multi = [b for b in blocks if len(b) > 1]
    if not multi:
        return out
    at = np.array([i for b in multi for i in b], dtype=np.int64)  # the mentions coded, by their position in ms
    codes = MentionCodes([ms[i] for i in at])
    local, k = [], 0
    for b in multi:
        local.append(range(k, k + len(b)))
        k += len(b)
    for a, b in _pair_chunks(local):
        ok = PairTests(codes=codes, pairs=(a, b)).compatible()
        out[at[a[ok]]] = True
        out[at[b[ok]]] = True
    return out


def _pair_chunks(blocks: Sequence[Sequence[int]]) -> Iterator[tuple[np.ndarray, np.ndarray]]:
    """Every pair (i < j by position in its block) of every block, as index arrays of at most about
    PAIRS_PER_CHUNK pairs: blocks of one size together, a block with more pairs than that by runs of rows."""
    firsts: list[np.ndarray] = []
    seconds: list[np.ndarray] = []
    held = 0
    by_size: dict[int, list[Sequence[int]]] = {}
    for block in blocks:
        if len(block) > 1:
            by_size.setdefault(len(block), []).append(block)
    for n, group in by_size.items():
        if n * (n - 1) // 2 <= PAIRS_PER_CHUNK:
            i, j = np.triu_indices(n, 1)
            idx = np.array(group, dtype=np.int64)  # one row per block
            step = max(1, PAIRS_PER_CHUNK // len(i))
            parts = [(idx[s:s + step][:, i].ravel(), idx[s:s + step][:, j].ravel()) for s in range(0, len(idx), step)]
        else:
            parts = []
            for block in group:
                idx = np.asarray(block, dtype=np.int64)
                step = max(1, PAIRS_PER_CHUNK // n)
                for start in range(0, n - 1, step):
                    rows = np.arange(start, min(n - 1, start + step))
                    r, col = np.nonzero(np.arange(n)[None, :] > rows[:, None])  # row-major: (i, j > i)
                    parts.append((idx[rows[r]], idx[col]))
        for first, second in parts:
            firsts.append(first)
            seconds.append(second)
            held += len(first)
            if held >= PAIRS_PER_CHUNK:
                yield np.concatenate(firsts), np.concatenate(seconds)
                firsts, seconds, held = [], [], 0
    if held:
        yield np.concatenate(firsts), np.concatenate(seconds)

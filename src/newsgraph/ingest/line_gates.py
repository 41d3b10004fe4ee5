"""The furniture patterns' required words (regex_prefilter) found in a line in one Aho-Corasick pass.

Gated.found looks for each of a pattern's ~10-40 required words in the line, pattern after pattern: ~0.3 s of the
build parent's CPU over the ~14,000 lines of 1,000 bench texts. One overlapping Aho-Corasick scan (ahocorasick-rs)
finds every required word of every pattern in the line at once; a pattern, and each of its alternatives, is then
searched only when one of its words was found: the same test, so the same answers (15 gates x 14,129 lines: 0.48 ->
0.06 s). Without ahocorasick-rs installed, Gated.found answers as before."""
from __future__ import annotations

from collections.abc import Iterable

from ..regex_prefilter import Gated, fold, split_words

try:
    from ahocorasick_rs import AhoCorasick
except ImportError:  # pragma: no cover - the optional speed-up is missing: Gated.found answers
    AhoCorasick = None

# (words looked for in the folded line, words looked for as written, the pattern or alternative); empty word sets: none
_Alternative = tuple[frozenset[str], frozenset[str], object]


class LineGates:
    """Gated.found for a fixed set of patterns, their words found once per line (present)."""

    def __init__(self, gates: Iterable[Gated]) -> None:
        self._gates: dict[int, tuple[bool, frozenset[str], frozenset[str], tuple[_Alternative, ...]]] = {}
        folded_all: set[str] = set()
        cased_all: set[str] = set()
        self.enabled = AhoCorasick is not None
        for gate in gates if self.enabled else ():  # without ahocorasick-rs each Gated splits itself, when first asked
            alts = tuple((frozenset(f), frozenset(c), regex) for f, c, regex in gate.branches())
            folded, cased = _split(gate.words)
            self._gates[id(gate)] = (gate.words is None, folded, cased, alts)
            for f, c, _ in alts:
                folded_all |= f
                cased_all |= c
            folded_all |= folded
            cased_all |= cased
        self._folded = AhoCorasick(sorted(folded_all)) if self.enabled and folded_all else None
        self._cased = AhoCorasick(sorted(cased_all)) if self.enabled and cased_all else None

    def present(self, text: str) -> tuple[frozenset[str], frozenset[str]]:
        """The gates' words in text: (found in its fold, found as written)."""
        folded = frozenset(self._folded.find_matches_as_strings(fold(text), overlapping=True)) \
            if self._folded is not None else frozenset()
        cased = frozenset(self._cased.find_matches_as_strings(text, overlapping=True)) \
            if self._cased is not None else frozenset()
        return folded, cased

    def found(self, gate: Gated, text: str, present: tuple[frozenset[str], frozenset[str]] | None) -> bool:
        """gate.found(text), its word tests read from present (LineGates.present(text)); None: gate.found."""
        if present is None or not self.enabled:
            return gate.found(text)
        anything, folded, cased, alts = self._gates[id(gate)]
        in_fold, as_written = present
        if not anything and folded.isdisjoint(in_fold) and cased.isdisjoint(as_written):
            return False
        for alt_folded, alt_cased, regex in alts:
            if (not alt_folded and not alt_cased or not alt_folded.isdisjoint(in_fold)
                    or not alt_cased.isdisjoint(as_written)) and regex.search(text):  # type: ignore[attr-defined]
                return True
        return False


def _split(words: frozenset[str] | None) -> tuple[frozenset[str], frozenset[str]]:
    """Required words as (looked for in the folded text, looked for as written), as sets: regex_prefilter's split."""
    folded, cased = split_words(words)
    return frozenset(folded), frozenset(cased)

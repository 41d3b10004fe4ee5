"""Union-find over hashable keys: near-copy groups, joined story clusters, ECB+ gold chains."""
from __future__ import annotations

from collections.abc import Hashable


class DisjointSets:
    """Keys are added on first sight; union(keep, other) makes keep's root the root of both."""

    def __init__(self) -> None:
        self.parent: dict[Hashable, Hashable] = {}

    def find(self, x: Hashable) -> Hashable:
        """The root of x's set (path halving keeps later lookups short)."""
        parent = self.parent
        while parent.setdefault(x, x) != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    def union(self, keep: Hashable, other: Hashable) -> Hashable:
        """Join other's set into keep's; returns the shared root."""
        root = self.find(keep)
        self.parent[self.find(other)] = root
        return root

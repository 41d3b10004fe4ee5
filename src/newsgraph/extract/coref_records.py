"""The records of the coreference layer: a Link (why an actor was chosen), discourse occurrences, the index."""
from __future__ import annotations

from dataclasses import dataclass, field

from spacy.tokens import Token

from ..records import Mention


@dataclass(frozen=True)
class Link:
    """Why an actor was chosen: the referring mention as written and the entity it was resolved to."""

    entity: str
    text: str
    start: int
    end: int
    rule: str
    antecedent: str = ""
    ante_start: int = -1
    ante_end: int = -1


@dataclass
class _Occ:
    """An entity occurring in the discourse: a name, a description, or a resolved reference (for chains)."""

    keys: tuple[str, ...]
    i: int  # head token
    sent: int
    subj: bool
    text: str
    start: int
    end: int
    plural: bool = False
    governing: bool = False  # a governing body or state description ('the ministry', 'Malian authorities')
    rule: str = "name"


@dataclass
class CorefIndex:
    """Links of one article by offsets; see the module docstring."""

    links: list[Link] = field(default_factory=list)
    by_token: dict[int, list[Link]] = field(default_factory=dict)
    names: dict[int, Link] = field(default_factory=dict)  # token -> name link (the longest mention covering it)
    extra_mentions: list[Mention] = field(default_factory=list)  # names the NER missed, matched by alias
    used: list[Link] = field(default_factory=list)  # links event actors were read from (event_actors fills it)
    profiles: dict[str, set[str]] = field(default_factory=dict)  # person -> words titling them ('@RU' = Russian)
    _doc: object = None

    def resolve_token_all(self, tok: Token) -> list[Link]:
        """Every entity a token's phrase refers to: a referring expression it heads, else the name covering it."""
        if tok.i in self.by_token:
            return list(self.by_token[tok.i])
        link = self.names.get(tok.i)
        return [link] if link is not None else []

    def resolve_token(self, tok: Token) -> Link | None:
        found = self.resolve_token_all(tok)
        return found[0] if found else None

    def resolve_all(self, start: int, end: int) -> list[Link]:
        """Links of the referring expression or name inside [start, end): the longest one found."""
        best: list[Link] = []
        for links in self.by_token.values():
            if links and start <= links[0].start and links[0].end <= end:
                if not best or links[0].end - links[0].start > best[0].end - best[0].start:
                    best = links
        if best:
            return list(best)
        names = [l for l in self.names.values() if start <= l.start and l.end <= end]
        if names:
            return [max(names, key=lambda l: (l.end - l.start, -l.start))]
        covering = [l for l in self.names.values() if l.start <= start and end <= l.end]
        return covering[:1]

    def resolve(self, start: int, end: int) -> Link | None:
        found = self.resolve_all(start, end)
        return found[0] if found else None

    def referring(self, tok: Token) -> list[Link]:
        """Only the coreference links a token heads (pronoun, description, plural), not plain names."""
        return list(self.by_token.get(tok.i, ()))


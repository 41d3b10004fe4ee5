"""Small immutable records that flow from ingest to the store: one concept, one place.

The records have __slots__: a corpus step holds every record of the store (10,000 articles: ~1M mentions, events,
quotes ...), and an instance __dict__ per record was a fifth of their memory (decoded records 257 -> 207 MB)."""
from __future__ import annotations

from dataclasses import MISSING, dataclass, field, fields

PRECISIONS = ("day", "month", "year", "unknown")
ENTITY_TYPES = ("PERSON", "ORG", "GPE", "LOC")
MODALITIES = ("asserted", "reported", "denied", "future", "hypothetical")
QUOTE_KINDS = ("direct", "indirect", "according_to")


@dataclass(frozen=True, slots=True)
class Article:
    """A cleaned article: the body every offset points into, plus what we know about it."""

    doc_id: str
    body: str
    title: str | None = None
    published: str | None = None  # ISO date truncated to its precision
    published_precision: str = "unknown"
    # Which evidence gave the date: given | front_matter | text | byline | dateline | url | page (None: no date)
    published_source: str | None = None
    author: str | None = None
    outlet: str | None = None
    language: str | None = None
    url: str | None = None
    source: str = ""  # file path (and ':line' for JSONL) the article came from
    removed: tuple[str, ...] = ()  # lines dropped as page furniture, for inspection
    # body offsets (start, end) of the paragraphs a markdown blockquote held: an official statement quoted whole
    quote_blocks: tuple[tuple[int, int], ...] = ()

    @property
    def content_id(self) -> str:
        """Content-derived id: the same article ingested twice maps to the same row."""
        from hashlib import sha1

        key = "\x1f".join(
            str(x) for x in (self.doc_id, self.body, self.title, self.published, self.author, self.outlet)
        )
        return sha1(key.encode("utf-8")).hexdigest()[:16]


@dataclass(frozen=True, slots=True)
class IngestError:
    """One input that could not be read; the batch goes on without it."""

    source: str
    code: str
    message: str

    def __str__(self) -> str:
        return f"{self.source}: [{self.code}] {self.message}"


@dataclass(frozen=True, slots=True)
class Mention:
    """One surface form of an entity in an article body."""

    text: str
    start: int
    end: int
    type: str  # PERSON | ORG | GPE | LOC
    entity: str  # article-local entity key (the local canonical name)
    kind: str = "name"  # name | demonym | description


@dataclass(frozen=True, slots=True)
class LocalEntity:
    """An entity as one article knows it: canonical name, type, surface forms."""

    key: str
    name: str
    type: str
    aliases: tuple[str, ...]
    iso: str | None = None  # ISO 3166 alpha-2 for countries
    lat: float | None = None
    lon: float | None = None


@dataclass(frozen=True, slots=True)
class Timex:
    """A normalised date expression (TIMEX3-like value) with its offsets in the body."""

    text: str
    start: int
    end: int
    value: str
    type: str = "DATE"  # DATE | TIME | DURATION | SET
    anchor: str | None = None


@dataclass(frozen=True, slots=True)
class Event:
    """A PLOVER-coded event; actors are article-local entity keys."""

    type: str
    source: str | None
    target: str | None
    evidence: str
    start: int  # offsets of the evidence in the body
    end: int
    trigger: str = ""
    location: str | None = None
    date: str | None = None
    date_precision: str | None = None
    modality: str = "asserted"
    confidence: float = 0.5
    # The mentions in the evidence the actors were read from (text, start, end in the body): the name itself, or the
    # pronoun/description resolved by the coreference layer ('He', 'the two leaders'); None when none gave the actor.
    source_mention: tuple[str, int, int] | None = None
    target_mention: tuple[str, int, int] | None = None


@dataclass(frozen=True, slots=True)
class Quote:
    """An attributed statement; speaker is an article-local entity key or None."""

    speaker: str | None
    speaker_text: str
    cue: str
    content: str
    start: int  # offsets of the content in the body
    end: int
    kind: str  # direct | indirect | according_to
    # The mention the speaker was resolved from (text, start, end in the body): the name itself, or the antecedent of
    # a pronoun or description ('he' -> 'Yossi Beilin'); None when unknown.
    speaker_mention: tuple[str, int, int] | None = None


@dataclass(frozen=True, slots=True)
class ArticleRecord:
    """Everything extracted from one article."""

    article: Article
    entities: tuple[LocalEntity, ...] = ()
    mentions: tuple[Mention, ...] = ()
    events: tuple[Event, ...] = ()
    quotes: tuple[Quote, ...] = ()
    timex: tuple[Timex, ...] = ()
    sentences: tuple[tuple[int, int], ...] = field(default=())  # sentence offsets in the body
    # For an undated article: the writing date inferred from other articles (resolve.anchors), which
    # relative dates were resolved against; None when the article's own date was used or none is known.
    inferred_anchor: str | None = None


def _setstate(self: object, state: object) -> None:
    """Unpickle a record: the slots' values in field order, or (pickled before records had slots: old block
    caches, record pickles) the instance __dict__, whose missing fields take their defaults."""
    if isinstance(state, dict):
        state = [state[f.name] if f.name in state
                 else (f.default if f.default is not MISSING else f.default_factory())  # type: ignore[misc]
                 for f in fields(self)]  # type: ignore[arg-type]
    for f, value in zip(fields(self), state):  # type: ignore[arg-type]
        object.__setattr__(self, f.name, value)


for _cls in (Article, IngestError, Mention, LocalEntity, Timex, Event, Quote, ArticleRecord):
    _cls.__setstate__ = _setstate  # type: ignore[attr-defined]

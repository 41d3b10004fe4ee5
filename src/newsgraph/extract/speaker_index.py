"""The article indexed for naming speakers: sentences and lines, headlines, mentions, and the person subjects a
'he' or 'she' may point back to."""
from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Sequence

from spacy.tokens import Doc, Span, Token

from .doc_tree import attrs, children, tokens
from ..nlp.line_wrap import wrapped_breaks
from ..records import LocalEntity, Mention
from .entities import actor_key
from .speaker_names import PersonNames
from .doc_text import text_of

_SUBJ = {"nsubj", "nsubjpass", "csubj"}
_HE = {"he", "him", "his", "himself"}
_SHE = {"she", "her", "hers", "herself"}
_PRONOUN_REACH = 4  # sentences back a he/she may point
_TITLE_SMALL = {"a", "an", "the", "of", "in", "on", "to", "for", "and", "as", "at", "by", "with", "or", "from"}


class SpeakerIndex(PersonNames):
    """The article's mentions, indexed for resolving a subject token to an entity key."""


    def __init__(self, doc: Doc, entities: Sequence[LocalEntity], mentions: Sequence[Mention]) -> None:
        self.doc = doc
        self.by_key = {e.key: e for e in entities}
        self.mentions = sorted(mentions, key=lambda m: (m.start, m.end))
        self.starts = [m.start for m in self.mentions]
        self.sents = list(doc.sents)
        self.sent_starts = [s.start_char for s in self.sents]
        self.quoted: list[tuple[int, int]] = []  # content offsets of the article's quotes (set by the quote passes)
        self.subordinate: set[int] = set()  # offsets of person subjects in subordinate clauses ('when X came')
        self.person_subjects = self._person_subjects()
        self.speakers: list[tuple[int, str]] = []  # (offset, key) of PERSON speakers found so far
        self.text = text_of(doc)  # Doc.text joins every token: build it once, not per lookup
        self.soft_breaks = wrapped_breaks(self.text)
        self.copies = copied_lines(self.text)  # (start, end) of lines that repeat earlier text: captions, pull-quotes
        self._headline: dict[int, bool] = {}  # line start -> is a headline
        self.coref = _coref_index(doc, entities, mentions)
        # token index of a resolved speaker phrase -> the mention that named the entity (text, start, end)
        self.origin: dict[tuple[int, str], tuple[str, int, int]] = {}
        self.orphans: list = []  # QSpans of whole-paragraph quotations no attribution was found for
        self.unsaid: list = []  # QSpans of whole-sentence quotations inside a paragraph, no attribution found
        self.first_person: list[tuple[int, int, str | None]] = []  # blockquote runs and the speaker of their 'we'
        self.spokes_at = -1  # where that spokesperson was last met as a speaker
        self.spokes_body: str | None = None  # the body the article's last resolved spokesperson speaks for

    # -- sentences

    def sent_at(self, char: int) -> Span:
        return self.sents[max(0, bisect_right(self.sent_starts, char) - 1)]

    def line_of(self, char: int) -> tuple[int, int]:
        """Offsets of the paragraph line holding char: statements never run across a line break, except the soft
        breaks of a hard-wrapped paragraph (wrapped_breaks)."""
        text = self.text
        start = text.rfind("\n", 0, char) + 1
        while start > 0 and start - 1 in self.soft_breaks:
            start = text.rfind("\n", 0, start - 1) + 1
        end = text.find("\n", char)
        while end >= 0 and end in self.soft_breaks:
            end = text.find("\n", end + 1)
        return start, len(text) if end < 0 else end

    def _is_headline(self, sent: Span | int) -> bool:
        """A title-case line ('Minister Says No Need To ...') is a headline, not an attributed statement."""
        a, b = self.line_of(sent.start_char if isinstance(sent, Span) else sent)
        if a not in self._headline:
            self._headline[a] = self._line_is_headline(a, b)
        return self._headline[a]

    def _line_is_headline(self, a: int, b: int) -> bool:
        line = self.doc.char_span(a, b, alignment_mode="contract")
        if line is None:
            return False
        words = capitals = 0
        for t in line:  # every word capitalised or a small title word; stops at the first that is not
            if not t.is_alpha:
                continue
            capital = t.text[0].isupper()
            if not capital and t.lower_ not in _TITLE_SMALL:
                return False
            words += 1
            capitals += capital
        return words >= 3 and capitals >= 0.7 * words

    # -- mentions

    def mentions_in(self, start: int, end: int) -> list[Mention]:
        i = bisect_right(self.starts, end)
        return [m for m in self.mentions[:i] if m.start < end and m.end > start]

    def _type(self, key: str | None) -> str | None:
        ent = self.by_key.get(key) if key is not None else None
        return ent.type if ent is not None else None

    def _key_of(self, m: Mention) -> str:
        return actor_key(m, self.by_key)

    def _person_subjects(self) -> list[tuple[int, str]]:
        """PERSON mentions that are the subject of their clause, or the source of an 'according to':
        antecedents for 'he said'."""
        out = []
        for m in self.mentions:
            if m.type != "PERSON" or self._type(m.entity) not in ("PERSON", None):
                continue
            span = self.doc.char_span(m.start, m.end, alignment_mode="expand")
            if span is None:
                continue
            tok = span.root
            while tok.dep_ in ("compound", "appos", "flat", "amod") and tok.head is not tok:
                tok = tok.head
            if tok.dep_ in _SUBJ or (tok.dep_ == "pobj" and tok.head.lower_ == "to" and tok.head.head.lower_ == "according"):
                out.append((m.start, m.entity))
                if not _main_clause(tok.head):
                    self.subordinate.add(m.start)
        # subjects the entity layer left unmarked but whose name it knows elsewhere ('Mr Duterte basically admitted')
        a = attrs(self.doc)  # (every token passes here: dep_ and pos_ read once per Doc)
        for tok in tokens(self.doc):
            if a.dep[tok.i] not in _SUBJ or a.pos[tok.i] != "PROPN" or self.mentions_in(tok.idx, tok.idx + len(tok)):
                continue
            key = self._alias_key(tok)
            if key is not None and self._type(key) == "PERSON":
                out.append((tok.idx, key))
                if not _main_clause(tok.head):
                    self.subordinate.add(tok.idx)
        return sorted(out)

    def _genders(self) -> dict[str, str]:
        """'he' or 'she' for people the article refers to one way only: read from pronouns in the clause of a named
        subject ('Mangoni said he asked', 'in her statement, Hiller admitted')."""
        votes: dict[str, set[str]] = {}
        lower_of = attrs(self.doc).lower
        for t in tokens(self.doc):
            low = lower_of[t.i]
            if low not in _HE and low not in _SHE:
                continue
            verb, steps = t.head, 0
            while verb.pos_ not in ("VERB", "AUX") and verb.head is not verb and steps < 4:
                verb, steps = verb.head, steps + 1
            for v in (verb, verb.head) if verb.dep_ in ("ccomp", "xcomp") else (verb,):
                subj = next((c for c in children(v) if c.dep_ in ("nsubj", "nsubjpass")), None)
                if subj is None or subj.i == t.i or subj.lower_ in _HE | _SHE or (v is not verb and subj.i > t.i):
                    continue  # '..., she became nervous, Perlo explained': a fronted report speaks of someone else
                ms = [m for m in self.mentions_in(subj.idx, subj.idx + len(subj)) if m.type == "PERSON"]
                if ms:
                    votes.setdefault(ms[-1].entity, set()).add("he" if low in _HE else "she")
                break
        return {k: v.pop() for k, v in votes.items() if len(v) == 1}

    def _sentences_between(self, start: int, here: int) -> int:
        """Sentences from the one holding start to sentence index here, not counting those inside quotation marks
        (a five-sentence quote does not put its speaker's name out of reach)."""
        first = bisect_right(self.sent_starts, start) - 1
        return sum(1 for k in range(first + 1, here + 1) if not any(a <= self.sent_starts[k] < b for a, b in self.quoted)
                   and not self.copied(self.sent_starts[k]))

    def copied(self, char: int) -> bool:
        """Whether char lies in a line that repeats earlier text (a caption or pull-quote, not the story going on)."""
        k = bisect_right(self.copies, (char, len(self.text))) - 1
        return k >= 0 and self.copies[k][0] <= char < self.copies[k][1]

    def pronoun_antecedent(self, at: int, pronoun: str = "") -> str | None:
        """The latest PERSON subject or speaker before `at` that the article does not call by the other pronoun,
        and only within a few sentences: an old name is a worse guess than none."""
        if not hasattr(self, "genders"):
            self.genders = self._genders()
        want = "he" if pronoun.lower() in ("he", "him", "his") else "she" if pronoun.lower() in ("she", "her", "hers") else ""
        here = bisect_right(self.sent_starts, at) - 1
        cands = [c for c in self.person_subjects + self.speakers if c[0] < at]
        people = [(m.start, m.entity) for m in self.mentions if m.type == "PERSON" and m.end <= at]
        for pool in (cands, people):
            fallback: str | None = None
            for start, key in sorted(pool, reverse=True):
                if self._type(key) not in ("PERSON", None) or self.copied(start):
                    continue  # (a caption repeating an earlier sentence is not where the story last named someone)
                if self._sentences_between(start, here) > _PRONOUN_REACH:
                    break
                if want and self.genders.get(key, want) != want:
                    continue
                if pool is cands and start in self.subordinate and fallback is None:
                    fallback = key  # a main-clause subject just before is the likelier antecedent
                    continue
                return key
            if fallback is not None:
                return fallback
        return None


    def remember(self, at: int, key: str | None) -> None:
        if key is not None and (self.by_key.get(key) is not None and self.by_key[key].type == "PERSON"):
            self.speakers.append((at, key))


_COPY_MIN_WORDS = 6  # a repeated line shorter than this may be a set phrase said twice, not a copy


def copied_lines(text: str) -> list[tuple[int, int]]:
    """(start, end) of the lines whose words repeat, in order, an earlier line or part of one: picture captions that
    restate body sentences (d7b 'Azerbaijan's president said his military had suffered losses ...' three times;
    a MailOnline summary bullet), pull-quotes set between paragraphs (corkbeo, californiaglobe pages of the
    article-extraction benchmark). They add no new mention: the story's flow skips them."""
    out: list[tuple[int, int]] = []
    seen: list[str] = []
    pos = 0
    for line in text.split("\n"):
        words = re.findall(r"\w+", line.lower())
        norm = " ".join(words)
        if len(words) >= _COPY_MIN_WORDS and any(f" {norm} " in s for s in seen):
            out.append((pos, pos + len(line)))
        elif words:
            seen.append(" " + norm + " ")
        pos += len(line) + 1
    return out


def _main_clause(verb: Token) -> bool:
    """A verb heading its sentence (or conjoined to the head): its subject is the sentence's topic."""
    while verb.dep_ == "conj" and verb.head is not verb:
        verb = verb.head
    return verb.dep_ in ("ROOT", "ccomp", "parataxis") or verb.head is verb


def _coref_index(doc: Doc, entities: Sequence[LocalEntity], mentions: Sequence[Mention]):
    """The article's coreference links (extract.coref), or None where that layer is not available."""
    try:
        from .coref import coref_links
    except ImportError:  # pragma: no cover - the layer ships with the package
        return None
    return coref_links(doc, entities, mentions)

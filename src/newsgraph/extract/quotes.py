"""Who said what: direct quotes, reported speech and 'according to' attributions, each tied to an entity."""
from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Iterator, Sequence
from dataclasses import dataclass

from spacy.tokens import Doc, Span, Token

from ..records import LocalEntity, Mention, Quote
from .entities import actor_key

# Verbs that report a statement when they take a clause ("X said that ...").
SPEECH_VERBS = {
    "say", "state", "announce", "warn", "deny", "insist", "claim", "stress", "emphasise", "emphasize",
    "assert", "indicate", "add", "note", "tell", "argue", "maintain", "explain", "declare", "confirm",
    "report", "reiterate", "acknowledge", "admit", "affirm", "allege", "underline", "underscore", "point",
    "predict", "promise", "pledge", "vow", "threaten", "write", "reply", "respond", "contend", "observe",
    "remark", "recall", "conclude", "concede", "caution", "highlight", "complain", "ask", "reveal", "disclose",
}
# Verbs whose statement is their object rather than a clause ("accused X of ...", "called for ...").
OBJECT_VERBS = {"accuse", "implicate", "blame", "attribute", "condemn", "denounce", "criticise", "criticize",
                "call", "urge", "demand"}
# Verbs that only count in direct-quote frames, never as reported speech on their own.
_QUOTE_ONLY = {"write", "reply", "respond", "ask"}
_MALE_FEMALE = {"he", "she", "him", "her", "his", "hers"}
_OPINION_NOUNS = {"opinion", "view", "words", "assessment", "estimation"}
_SUBJ = {"nsubj", "nsubjpass", "csubj"}
_OPEN_MARKS = "“«„"
_HE = {"he", "him", "his", "himself"}
_SHE = {"she", "her", "hers", "herself"}
_PRONOUN_REACH = 4
_TITLE_ABBREVS = {"sgt", "lt", "capt", "cpt", "col", "gen", "maj", "cpl", "pvt", "det", "insp", "supt", "cmdr", "adm",
                  "dr", "gov", "sen", "rep", "rev", "prof", "mr", "mrs", "ms", "st", "atty", "pres", "amb", "hon"}  # sentences back a he/she may point
_TITLE_SMALL = {"a", "an", "the", "of", "in", "on", "to", "for", "and", "as", "at", "by", "with", "or", "from"}


@dataclass(frozen=True)
class _QSpan:
    """A quoted stretch of the body: offsets of its content (marks excluded) and the text between them."""

    start: int
    end: int
    text: str


def extract_quotes(doc: Doc, entities: Sequence[LocalEntity], mentions: Sequence[Mention]) -> Iterator[Quote]:
    """Yield attributed statements so every claim in the graph names who made it."""
    ctx = _Context(doc, entities, mentions)
    found: list[Quote] = []
    qspans = [q for q in _quote_spans(doc.text) if _is_statement(doc, q)]
    found += ctx.direct_quotes(qspans)
    found += ctx.reported(qspans)
    found += ctx.according_to(qspans)
    yield from _dedupe(found)


# ------------------------------------------------------------------ quote marks


def _quote_spans(text: str) -> list[_QSpan]:
    """Pair quote marks paragraph by paragraph; an unclosed quote continues if the next paragraph reopens one."""
    spans: list[_QSpan] = []
    pending: list[tuple[int, int]] | None = None  # pieces of a quote running over paragraphs
    pos = 0
    for para in re.split(r"(\n\s*\n|\n)", text):
        if not para.strip() or para.startswith("\n"):
            pos += len(para)
            continue
        pieces, open_tail = _pair_marks(para)
        lead = len(para) - len(para.lstrip())
        if pending is not None:
            if pieces and pieces[0][0] == lead + 1 and para.lstrip()[:1] in _OPEN_MARKS + '"':
                first = pieces.pop(0)
                pending.append((pos + first[0], pos + first[1]))
                spans.append(_join(text, pending))
                pending = None
            elif open_tail is not None and open_tail == lead + 1:
                pending.append((pos + open_tail, pos + len(para.rstrip())))
                open_tail = None
                pos += len(para)
                continue
            else:
                spans.append(_join(text, pending))
                pending = None
        spans += [_join(text, [(pos + a, pos + b)]) for a, b in pieces]
        if open_tail is not None:
            pending = [(pos + open_tail, pos + len(para.rstrip()))]
        pos += len(para)
    if pending is not None:
        spans.append(_join(text, pending))
    return [s for s in spans if s.end > s.start]


def _pair_marks(para: str) -> tuple[list[tuple[int, int]], int | None]:
    """Content offsets of the closed quotes in one paragraph, and where an unclosed one starts."""
    pieces: list[tuple[int, int]] = []
    open_at: int | None = None
    for m in re.finditer(r'[“”«»„"]', para):
        ch, i = m.group(0), m.start()
        if ch == '"':
            if open_at is None:
                open_at = i + 1
            else:
                pieces.append((open_at, i))
                open_at = None
        elif ch in _OPEN_MARKS:
            if open_at is None:
                open_at = i + 1
        elif open_at is not None:
            pieces.append((open_at, i))
            open_at = None
    return pieces, open_at


def _join(text: str, pieces: list[tuple[int, int]]) -> _QSpan:
    """One quote from its pieces; the body offsets cover them all, the text drops the marks between."""
    parts = [text[a:b].strip().strip('"“”«»„').strip() for a, b in pieces]
    start, end = pieces[0][0], pieces[-1][1]
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return _QSpan(start, end, " ".join(p for p in parts if p).rstrip(" ,;:."))


def _is_statement(doc: Doc, q: _QSpan) -> bool:
    """Quotes of a few words without a verb are names or scare quotes ('a “criminal organization”')."""
    span = doc.char_span(q.start, q.end, alignment_mode="expand")
    if span is None:
        return False
    words = [t for t in span if not t.is_punct and not t.is_space]
    if len(words) < 3:
        return False
    has_verb = any(t.pos_ in ("VERB", "AUX") for t in words)
    return has_verb or len(words) >= 8


# ------------------------------------------------------------------ attribution


class _Context:
    """The article's mentions, indexed for resolving a subject token to an entity key."""

    def __init__(self, doc: Doc, entities: Sequence[LocalEntity], mentions: Sequence[Mention]) -> None:
        self.doc = doc
        self.by_key = {e.key: e for e in entities}
        self.mentions = sorted(mentions, key=lambda m: (m.start, m.end))
        self.starts = [m.start for m in self.mentions]
        self.sents = list(doc.sents)
        self.sent_starts = [s.start_char for s in self.sents]
        self.person_subjects = self._person_subjects()
        self.speakers: list[tuple[int, str]] = []  # (offset, key) of PERSON speakers found so far
        self.text = doc.text  # Doc.text joins every token: build it once, not per lookup
        self._headline: dict[int, bool] = {}  # line start -> is a headline

    # -- sentences

    def sent_at(self, char: int) -> Span:
        return self.sents[max(0, bisect_right(self.sent_starts, char) - 1)]

    def line_of(self, char: int) -> tuple[int, int]:
        """Offsets of the paragraph line holding char: statements never run across a line break."""
        text = self.text
        start = text.rfind("\n", 0, char) + 1
        end = text.find("\n", char)
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
        words = [t for t in line if t.is_alpha]
        if len(words) < 3:
            return False
        big = [t for t in words if t.text[0].isupper() or t.lower_ in _TITLE_SMALL]
        return len(big) == len(words) and sum(t.text[0].isupper() for t in words) >= 0.7 * len(words)

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
        return out

    def _genders(self) -> dict[str, str]:
        """'he' or 'she' for people the article refers to one way only: read from pronouns in the clause of a named
        subject ('Mangoni said he asked', 'in her statement, Hiller admitted')."""
        votes: dict[str, set[str]] = {}
        for t in self.doc:
            low = t.lower_
            if low not in _HE and low not in _SHE:
                continue
            verb, steps = t.head, 0
            while verb.pos_ not in ("VERB", "AUX") and verb.head is not verb and steps < 4:
                verb, steps = verb.head, steps + 1
            for v in (verb, verb.head) if verb.dep_ in ("ccomp", "xcomp") else (verb,):
                subj = next((c for c in v.children if c.dep_ in ("nsubj", "nsubjpass")), None)
                if subj is None or subj.i == t.i or subj.lower_ in _HE | _SHE or (v is not verb and subj.i > t.i):
                    continue  # '..., she became nervous, Perlo explained': a fronted report speaks of someone else
                ms = [m for m in self.mentions_in(subj.idx, subj.idx + len(subj)) if m.type == "PERSON"]
                if ms:
                    votes.setdefault(ms[-1].entity, set()).add("he" if low in _HE else "she")
                break
        return {k: v.pop() for k, v in votes.items() if len(v) == 1}

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
            for start, key in sorted(pool, reverse=True):
                if self._type(key) not in ("PERSON", None):
                    continue
                if here - (bisect_right(self.sent_starts, start) - 1) > _PRONOUN_REACH:
                    break
                if want and self.genders.get(key, want) != want:
                    continue
                return key
        return None

    def resolve(self, tok: Token) -> tuple[str | None, str]:
        """Entity key and surface text of the phrase headed by tok; None when the speaker is generic or unnamed."""
        text = _phrase_text(tok)
        if tok.text.rstrip(".").lower() in _TITLE_ABBREVS:
            after = tok.idx + len(tok)
            named = [m for m in self.mentions_in(after, after + 40) if m.type == "PERSON" and m.start >= after
                     and not self.text[after:m.start].strip(" .")]
            if named:  # 'said Sgt. Marty Earley': the sentence splitter cut the name off its title
                return self._key_of(named[0]), self.text[tok.idx : named[0].end]
        if tok.lower_ in _MALE_FEMALE:
            return self.pronoun_antecedent(tok.idx, tok.lower_), tok.text
        if tok.lower_ in ("it", "its"):
            return None, tok.text
        # a mention covering the head word: 'Lavrov', 'the Russian foreign minister', 'Malian authorities'
        head = [m for m in self.mentions_in(tok.idx, tok.idx + len(tok)) if m.kind != "demonym"]
        if head:
            return self._key_of(max(head, key=lambda m: m.end - m.start)), text
        # the named person in apposition: 'Your spokesperson, Anne-Claire Legendre,'
        for child in tok.children:
            if child.dep_ == "appos":
                key, _ = self.resolve(child)
                if key is not None:
                    return key, text
        # a named owner or organisation in front of the head: "Mali's junta", "UN experts", "HRW report"
        for child in tok.lefts:
            if child.dep_ in ("poss", "compound", "nmod"):
                ms = [m for m in self.mentions_in(child.left_edge.idx, child.idx + len(child)) if m.kind == "name"]
                if ms and child.dep_ == "poss" and self._type(ms[-1].entity) == "PERSON":
                    return None, text  # "Elian's relatives", "Putin's spokesman": someone close to the person, not them
                if ms:
                    return self._key_of(ms[-1]), text
        return None, text

    def speaker_of(self, verb: Token) -> tuple[str | None, str, Token | None]:
        """The first resolved speaker of a speech verb (see speakers_of)."""
        found = self.speakers_of(verb)
        return found[0] if found else (None, "", None)

    def speakers_of(self, verb: Token) -> list[tuple[str | None, str, Token | None]]:
        """Subjects of a speech verb, one per conjoined subject, climbing from participles to their clause."""
        cur = verb
        line = self.line_of(verb.idx)
        for _ in range(4):
            subj = self._subject(cur)
            if subj is not None and line[0] <= subj.idx < line[1]:
                out = []
                for s in [subj] + _conjuncts(subj):
                    key, text = self.resolve(s)
                    if key is None and s is subj and s.lower_ in ("it", "they"):
                        key, text = self._dislocated(cur, s)
                    out.append((key, text, s))
                keyed = [o for o in out if o[0] is not None]
                adjacent = self._adjacent_mention(cur, max_skip=0)
                if (adjacent is not None and self._type(adjacent[0]) == "PERSON"
                        and not all(self._type(o[0]) == "PERSON" for o in keyed)):
                    return [adjacent]  # 'before the Assembly, the minister, X said': trust the name next to the verb
                return list({o[0]: o for o in keyed}.values()) if keyed else [out[0]]
            adjacent = self._adjacent_mention(cur)
            if adjacent is not None:
                return [adjacent]
            if cur.dep_ in ("advcl", "xcomp", "conj") and cur.head is not cur and cur.tag_ in ("VBG", "VBD", "VBZ", "VBP", "VB", "VBN"):
                if cur.dep_ == "advcl" and cur.tag_ != "VBG":
                    break
                cur = cur.head
                continue
            break
        return []

    def _subject(self, verb: Token) -> Token | None:
        subj = next((c for c in verb.children if c.dep_ in ("nsubj", "csubj")), None)
        if subj is None:
            agent = next((c for c in verb.children if c.dep_ == "agent"), None)
            if agent is not None:
                subj = next((c for c in agent.children if c.dep_ == "pobj"), None)
        return subj

    def _dislocated(self, verb: Token, pron: Token) -> tuple[str | None, str]:
        """'Paris it has warned': a name left of a pronoun subject is the real subject (a translation habit)."""
        before = [c for c in verb.children if c.i < pron.i and c.dep_ in ("npadvmod", "nsubj", "dep", "nmod")]
        for c in reversed(before):
            key, text = self.resolve(c)
            if key is not None:
                return key, text
        return None, pron.text

    def _adjacent_mention(self, verb: Token, max_skip: int = 6) -> tuple[str, str, Token] | None:
        """When the parse lost the subject, a name right before the verb ('Diop on Tuesday said') is it."""
        doc = self.doc
        i = verb.i - 1
        line_start = self.line_of(verb.idx)[0]
        skipped = 0
        while i >= 0 and doc[i].idx >= line_start and skipped <= max_skip:
            t = doc[i]
            ms = [m for m in self.mentions_in(t.idx, t.idx + len(t)) if m.kind != "demonym"]
            if ms and t.ent_type_ != "DATE":
                m = ms[-1]
                if m.type not in ("PERSON", "ORG", "GPE"):
                    return None
                return self._key_of(m), m.text, t
            if skipped == max_skip:
                return None
            dated_prep = t.pos_ == "ADP" and i + 1 < verb.i and doc[i + 1].ent_type_ in ("DATE", "TIME")
            if t.dep_ in ("aux", "auxpass", "neg", "advmod") or t.ent_type_ in ("DATE", "TIME") or dated_prep:
                i -= 1
                skipped += 1
                continue
            return None
        return None

    def remember(self, at: int, key: str | None) -> None:
        if key is not None and (self.by_key.get(key) is not None and self.by_key[key].type == "PERSON"):
            self.speakers.append((at, key))

    # -- direct quotes

    def direct_quotes(self, qspans: list[_QSpan]) -> list[Quote]:
        out: list[Quote] = []
        prev: tuple[_QSpan, str | None] | None = None
        text = self.text
        for n, q in enumerate(qspans):
            if self._is_headline(q.start):
                continue
            line_a, line_b = self.line_of(q.start), self.line_of(max(q.start, q.end - 1))
            sent_a, sent_b = self.sent_at(q.start), self.sent_at(max(q.start, q.end - 1))
            lo = max(sent_a.start_char, line_a[0], qspans[n - 1].end + 1 if n else 0)
            hi = min(sent_b.end_char, line_b[1], qspans[n + 1].start - 1 if n + 1 < len(qspans) else len(text))
            alone = not re.search(r"[A-Za-z]{2,}", text[lo : q.start] + text[q.end : hi])
            found = self._attribution(q, lo, hi)
            if found is None and alone:
                own_line = not re.search(r"[A-Za-z]{2,}", text[line_a[0] : q.start] + text[q.end : line_b[1]])
                cont = None
                if prev is not None and prev[1] is not None and len(text[prev[0].end : q.start]) < 60:
                    cont = (prev[1], "", "")  # "“...,” he said. “More.”" continues the previous quote
                nxt = self._next_sentence_speaker(line_b[1] if own_line else hi)
                found = (nxt or cont) if own_line else (cont or nxt)
            if found is None or found[0] is None:
                prev = (q, None)
                continue
            key, speaker_text, cue = found
            self.remember(q.start, key)
            out.append(Quote(key, speaker_text, cue, q.text, q.start, q.end, "direct"))
            prev = (q, key)
        return out

    def _attribution(self, q: _QSpan, lo: int, hi: int) -> tuple[str | None, str, str] | None:
        """Speech verb or 'according to' phrase next to a quote, within its sentence, and its speaker."""
        cands = []
        for tok in self.doc.char_span(lo, hi, alignment_mode="contract") or []:
            if q.start - 1 <= tok.idx < q.end + 1:
                continue
            if tok.lemma_.lower() in SPEECH_VERBS and tok.pos_ in ("VERB", "AUX"):
                dist = q.start - tok.idx if tok.idx < q.start else tok.idx - q.end
                cands.append((dist, tok.idx > q.start, tok))
        for dist, _, verb in sorted(cands, key=lambda c: (c[0], c[1])):
            key, text, _ = self.speaker_of(verb)
            if key is not None:
                return key, text, _cue(verb)
        marker = self._marker_in(lo, q.start)
        if marker is not None:
            return marker
        if cands:
            return None, "", ""
        return None

    def _marker_in(self, lo: int, hi: int) -> tuple[str | None, str, str] | None:
        """'According to X' or 'In X's opinion' before a quote attributes it to X."""
        span = self.doc.char_span(lo, hi, alignment_mode="contract")
        if span is None:
            return None
        for tok in span:
            holder = self._marker_holder(tok)
            if holder is not None:
                key, text = self.resolve(holder)
                cue = self.doc[tok.i : holder.i].text if tok.lower_ == "according" else self.doc[tok.i : tok.head.i + 1].text
                return (key, text, cue) if key is not None else None
        return None

    def _marker_holder(self, tok: Token) -> Token | None:
        """The token naming the source in 'according to X' / 'in X's view', if tok starts such a phrase."""
        if tok.lower_ == "according":
            to = next((c for c in tok.children if c.lower_ == "to"), None)
            if to is None and tok.i + 1 < len(self.doc) and self.doc[tok.i + 1].lower_ == "to":
                to = self.doc[tok.i + 1]
            if to is not None:
                obj = next((c for c in to.children if c.dep_ == "pobj"), None)
                if obj is not None:
                    return self._source_in(obj)
        if tok.lower_ == "in" and tok.dep_ == "prep":
            obj = next((c for c in tok.children if c.dep_ == "pobj"), None)
            if obj is not None and obj.lower_ in _OPINION_NOUNS:
                return next((c for c in obj.children if c.dep_ == "poss"), None)
        return None

    def _source_in(self, obj: Token) -> Token:
        """'data from Acled' / 'a report by the UN' name the source in a prepositional object."""
        if not any(m.kind != "demonym" for m in self.mentions_in(obj.idx, obj.idx + len(obj))):
            for prep in obj.children:
                if prep.dep_ == "prep" and prep.lower_ in ("from", "by", "of"):
                    pobj = next((c for c in prep.children if c.dep_ == "pobj"), None)
                    if pobj is not None:
                        return pobj
        return obj

    def _next_sentence_speaker(self, after: int) -> tuple[str | None, str, str] | None:
        """A quoted line on its own, attributed in the sentence that follows it."""
        text = self.text
        start = after
        while start < len(text) and not text[start].isalnum() and text[start] not in _OPEN_MARKS + '"':
            start += 1
        if start >= len(text):
            return None
        sent = self.sent_at(start)
        end = min(sent.end_char, self.line_of(start)[1])
        span = self.doc.char_span(start, end, alignment_mode="contract")
        for tok in span or []:
            if tok.lemma_.lower() in SPEECH_VERBS and tok.pos_ in ("VERB", "AUX"):
                key, speaker_text, _ = self.speaker_of(tok)
                if key is not None:
                    return key, speaker_text, _cue(tok)
        return None

    # -- reported speech

    def reported(self, qspans: list[_QSpan]) -> list[Quote]:
        out: list[Quote] = []
        for tok in self.doc:
            lemma = tok.lemma_.lower()
            if tok.pos_ not in ("VERB", "AUX") or _inside(tok.idx, qspans):
                continue
            if self._is_headline(tok.idx) or _not_said(tok):
                continue
            content: Span | None = None
            if lemma in SPEECH_VERBS and lemma not in _QUOTE_ONLY:
                content = _clause_of(tok)
            if content is None and lemma in OBJECT_VERBS:
                content = _object_of(tok)
            if content is None or len([t for t in content if t.is_alpha]) < 3:
                continue
            if any(q.start < content.end_char and q.end > content.start_char for q in qspans):
                continue  # the direct-quote pass owns it
            line = self.line_of(tok.idx)
            content = _clip(content, *line)
            if content is None or len([t for t in content if t.is_alpha]) < 3:
                continue
            for key, speaker_text, _ in self.speakers_of(tok):
                if key is None:
                    continue
                self.remember(tok.idx, key)
                out.append(Quote(key, speaker_text, _cue(tok), content.text, content.start_char, content.end_char, "indirect"))
        return out

    def according_to(self, qspans: list[_QSpan]) -> list[Quote]:
        out: list[Quote] = []
        for sent in self.sents:
            if any(q.start < sent.end_char and q.end > sent.start_char for q in qspans):
                continue
            for tok in sent:
                if tok.lower_ != "according":
                    continue
                holder = self._marker_holder(tok)
                if holder is None:
                    continue
                key, speaker_text = self.resolve(holder)
                if key is None:
                    continue
                phrase_end = holder.right_edge.i + 1
                rest = self.doc[phrase_end:sent.end] if tok.i == sent.start or tok.i <= sent.start + 1 else None
                if rest is None:
                    rest = self.doc[sent.start : tok.i]
                content = _trim_punct(rest)
                if content is None or len([t for t in content if t.is_alpha]) < 3:
                    continue
                cue = self.doc[tok.i : holder.left_edge.i].text
                out.append(Quote(key, speaker_text, cue, content.text, content.start_char, content.end_char, "according_to"))
        return out


# ------------------------------------------------------------------ helpers


_GO_ON = {"go", "continue", "proceed", "hasten", "rush", "add", "like", "quote"}


def _not_said(verb: Token) -> bool:
    """A speech verb that reports nothing said: an infinitive asked or planned ('urged Albright to tell Americans
    ...', 'expected to announce'), or an accusation suffered ('Lopez standing accused of ...')."""
    if verb.tag_ == "VB" and any(c.dep_ == "aux" and c.lower_ == "to" for c in verb.children):
        return verb.head.lemma_.lower() not in _GO_ON
    if verb.tag_ == "VBN" and verb.lemma_.lower() in OBJECT_VERBS:  # the accused, not the accuser
        deps = {c.dep_ for c in verb.children}
        return "agent" not in deps and ("auxpass" in deps or "nsubjpass" in deps or "aux" not in deps)
    return False


def _conjuncts(tok: Token) -> list[Token]:
    """'the UN and HRW': every conjoined subject speaks."""
    out = []
    for c in tok.children:
        if c.dep_ == "conj":
            out.append(c)
            out += _conjuncts(c)
    return out


def _inside(char: int, qspans: list[_QSpan]) -> bool:
    return any(q.start <= char < q.end for q in qspans)


def _phrase_text(tok: Token) -> str:
    """The subject phrase without trailing relative clauses."""
    right = tok.i + 1
    for child in tok.rights:
        if child.dep_ in ("appos", "compound", "flat", "punct") or (child.dep_ == "prep" and child.lower_ == "of"):
            right = max(right, child.right_edge.i + 1)
        else:
            break
    span = tok.doc[tok.left_edge.i : right]
    return span.text.strip(" ,")


def _trim_punct(span: Span) -> Span | None:
    start, end = span.start, span.end
    doc = span.doc
    while start < end and (doc[start].is_punct or doc[start].is_space or doc[start].lower_ == "that"):
        start += 1
    while end > start and (doc[end - 1].is_punct or doc[end - 1].is_space):
        end -= 1
    return doc[start:end] if end > start else None


def _clause_of(verb: Token) -> Span | None:
    """The reported clause of a speech verb: its ccomp, without 'that', trailing punctuation or framing."""
    clause = next((c for c in verb.children if c.dep_ == "ccomp"), None)
    if clause is None:
        return None
    doc = verb.doc
    end = clause.right_edge.i + 1
    # 'denied that A and that B': a second that-clause conjoined to the first belongs to the statement
    for c in clause.children:
        if c.dep_ == "conj" and any(g.dep_ == "mark" for g in c.children):
            end = max(end, c.right_edge.i + 1)
    # 'said that A, and B will persist': a clause conjoined to the verb right after the statement continues it
    if clause.i > verb.i:
        for c in verb.children:
            if c.dep_ != "conj" or c.i < end or c.lemma_.lower() in SPEECH_VERBS:
                continue
            between = doc[end : c.left_edge.i]
            if all(t.is_punct or t.dep_ == "cc" for t in between) and any(g.dep_ in _SUBJ for g in c.children):
                end = c.right_edge.i + 1
            break
    span = _trim_punct(doc[clause.left_edge.i : end])
    return _drop_framing(span) if span is not None else None


def _drop_framing(span: Span) -> Span | None:
    """'..., despite concerns raised by X' / '..., amid tension' is the writer's framing, not the statement."""
    for tok in span:
        if tok.lower_ in ("despite", "amid", "amidst") and tok.i > span.start and span.doc[tok.i - 1].text == ",":
            return _trim_punct(span.doc[span.start : tok.i])
    return span


def _clip(span: Span, start: int, end: int) -> Span | None:
    """Keep a span inside one paragraph line."""
    clipped = span.doc.char_span(max(start, span.start_char), min(end, span.end_char), alignment_mode="contract")
    return _trim_punct(clipped) if clipped is not None and len(clipped) else None


def _object_of(verb: Token) -> Span | None:
    """What an accusation or appeal is about: 'accused X of <this>', 'called for <this>', 'implicated <this>'."""
    doc = verb.doc
    if verb.lemma_.lower() in ("accuse", "blame", "criticise", "criticize"):
        # 'accused X [before Y] of <this>': the parser may hang 'of' on a nearer noun
        for prep in sorted((t for t in verb.subtree if t.i > verb.i), key=lambda t: t.i):
            if prep.lower_ in ("of", "for") and prep.dep_ == "prep":
                obj = next((c for c in prep.children if c.dep_ in ("pcomp", "pobj")), None)
                if obj is not None and (prep.head is verb or obj.pos_ == "VERB"):
                    end = max(obj.right_edge.i, verb.right_edge.i, key=lambda e: e if e < verb.sent.end else -1)
                    span = _trim_punct(doc[obj.left_edge.i : end + 1])
                    return _drop_framing(span) if span is not None else None
    if verb.lemma_.lower() == "call":
        prep = next((c for c in verb.children if c.lower_ == "for" and c.dep_ in ("prep", "prt")), None)
        if prep is None:
            return None
        obj = next((c for c in prep.children if c.dep_ == "pobj"), None)
        if obj is None:
            return None
        return _trim_punct(doc[obj.left_edge.i : obj.right_edge.i + 1])
    if verb.lemma_.lower() in ("accuse", "blame", "urge", "demand"):
        return None  # without 'of' / an object clause there is no statement to keep
    dobj = next((c for c in verb.children if c.dep_ == "dobj"), None)
    if dobj is None:
        return None
    end = max([c.right_edge.i for c in verb.rights if c.dep_ not in ("punct", "cc", "conj")] + [dobj.right_edge.i])
    return _trim_punct(doc[verb.i + 1 : end + 1])


def _cue(verb: Token, content: Span | None = None) -> str:
    """The speech verb with its auxiliaries and a following 'that': 'has warned', 'said that'."""
    doc = verb.doc
    start = verb.i
    while start > 0 and doc[start - 1].dep_ in ("aux", "auxpass", "advmod", "neg") and doc[start - 1].head == verb:
        start -= 1
    end = verb.i + 1
    if end < len(doc) and doc[end].lower_ in ("that", "for"):
        end += 1
    return doc[start:end].text


def _dedupe(quotes: list[Quote]) -> list[Quote]:
    """Drop a quote whose content repeats inside a longer one from the same speaker (a pull-quote, say)."""
    keep: list[Quote] = []
    norm = [(q, re.sub(r"\W+", " ", q.content.lower()).strip()) for q in quotes]
    for i, (q, n) in enumerate(norm):
        dup = False
        for j, (r, m) in enumerate(norm):
            if i == j or q.speaker != r.speaker:
                continue
            if n in m and (len(n) < len(m) or j < i):
                dup = True
                break
        if not dup:
            keep.append(q)
    return sorted(keep, key=lambda q: q.start)

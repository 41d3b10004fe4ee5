"""Who said what: direct quotes, reported speech and 'according to' attributions, each tied to an entity."""
from __future__ import annotations

import re
from dataclasses import replace
from collections.abc import Iterator, Sequence

from spacy.tokens import Doc, Span, Token

from ..records import LocalEntity, Mention, Quote
from .quote_marks import OPEN_MARKS, QSpan, inside, is_statement, quote_spans
from .quote_speakers import Speakers, phrase_text
from .speech_cues import COMMENTING, COMMIT_VERBS, LABEL_VERBS, OBJECT_VERBS, commitment_of, QUOTE_ONLY, SPEECH_VERBS, clause_of, clip, cue_of, not_said, object_of, trim_punct
from .doc_text import text_of

__all__ = ["SPEECH_VERBS", "OBJECT_VERBS", "extract_quotes"]

# Nouns whose source is named in a following 'from/by/of/in' phrase: 'data from Acled', 'a report in Xinhua'.
_CONTAINERS = {"data", "report", "document", "figure", "statement", "study", "survey", "estimate", "account", "count",
               "analysis", "investigation", "assessment", "tally", "release", "communique", "readout", "post", "letter",
               "article", "interview", "briefing", "footage", "image", "record", "filing", "memo", "note", "cable"}
# People who speak for a body without being named: 'according to officials' is an attribution to no named speaker.
_UNNAMED_SOURCES = {"official", "diplomat", "spokesman", "spokeswoman", "spokesperson", "aide", "insider", "witness",
                    "resident", "instructor", "officer", "commander", "minister", "ministry", "authority", "source"}
_OPINION_NOUNS = {"opinion", "view", "words", "assessment", "estimation"}


def extract_quotes(doc: Doc, entities: Sequence[LocalEntity], mentions: Sequence[Mention],
                   quote_blocks: Sequence[tuple[int, int]] = ()) -> Iterator[Quote]:
    """Yield attributed statements so every claim in the graph names who made it. quote_blocks: body offsets of
    blockquote paragraphs (markdown), read as one statement of the speaker who introduces them."""
    ctx = _Context(doc, entities, mentions)
    blocks = ctx.block_quotes(quote_blocks)
    found: list[Quote] = []
    every = quote_spans(text_of(doc))
    qspans = [q for q in every if is_statement(doc, q)]
    ctx.quoted = [(q.start, q.end) for q in qspans]
    direct = ctx.direct_quotes(qspans)
    indirect = ctx.reported(qspans)
    found += _absorbed(direct, indirect) + indirect
    found += [q for q in ctx.colon_statements(qspans)
              if not any(r.start < q.end and q.start < r.end for r in found)]
    found += [q for q in ctx.scare_quotes([q for q in every if q not in qspans])
              if not any(r.speaker == q.speaker and ctx.sent_at(r.start).start == ctx.sent_at(q.start).start
                         or r.start <= q.start and q.end <= r.end for r in found)]
    found += ctx.carried_over(found)
    according = [q for q in ctx.according_to(qspans)
                 if q.speaker is not None or not any(r.start < q.end and q.start < r.end for r in found)]
    found = _absorbed(found, according) + according
    found = [q for q in found if not any(b.start == q.start and b.end == q.end for b in blocks)]
    kept = _dedupe([replace(q, speaker=ctx.canonical(q.speaker)) for q in found])
    first: dict[str | None, int] = {}
    for m in ctx.mentions:  # one statement of several speakers ('They agreed ...'): in the order they are named
        first.setdefault(ctx.canonical(m.entity), m.start)
    last = len(text_of(doc))
    yield from sorted(kept + [replace(b, speaker=ctx.canonical(b.speaker)) for b in blocks],
                      key=lambda q: (q.start, first.get(q.speaker, last)))



# (speaker key, speaker phrase, cue, the token heading the speaker phrase)
Attribution = tuple[str | None, str, str, Token | None]


class _Context(Speakers):
    """The three passes over one article: direct quotes, reported speech, 'according to'."""

    def quote(self, key: str | None, speaker_text: str, cue: str, content: str, start: int, end: int, kind: str,
              tok: Token | None) -> Quote:
        """A Quote record with the mention its speaker was resolved from."""
        return Quote(key, speaker_text, cue, content, start, end, kind, self.mention_of(tok, key))

    # -- blockquotes

    def block_quotes(self, quote_blocks: Sequence[tuple[int, int]]) -> list[Quote]:
        """A run of blockquote paragraphs introduced by the paragraph before it ('X stated:', 'to repeat the words
        of X', 'X said in a statement') is one direct quote of X; a 'we'/'I' speaking inside it is X too."""
        out: list[Quote] = []
        text = self.text
        runs: list[list[int]] = []
        for a, b in sorted((int(a), int(b)) for a, b in quote_blocks):
            if runs and not text[runs[-1][1] : a].strip():
                runs[-1][1] = b
            else:
                runs.append([a, b])
        for a, b in runs:
            intro = self._block_intro(a)
            if intro is None:
                continue
            key, speaker_text, cue, tok = intro
            content = self.doc.char_span(a, b, alignment_mode="contract")
            content = trim_punct(content) if content is not None else None
            if content is None or len([t for t in content if t.is_alpha]) < 4:
                continue
            self.first_person.append((a, b, key))
            out.append(self.quote(key, speaker_text, cue, content.text, content.start_char, content.end_char,
                                  "direct", tok))
        return out

    def _block_intro(self, start: int) -> Attribution | None:
        """The speaker named in the last sentence before a blockquote: 'the words / statement / remarks of X', or,
        when the sentence ends in a colon, its speech verb's subject ('X said on Monday:')."""
        i = start - 1
        while i > 0 and self.text[i].isspace():
            i -= 1
        if i <= 0:
            return None
        sent = self.sent_at(i)
        if self.line_of(i)[0] > sent.start_char:
            sent = self.doc.char_span(self.line_of(i)[0], sent.end_char, alignment_mode="contract") or sent
        for tok in reversed(list(sent)):
            if tok.lemma_.lower() in _INTRO_NOUNS and tok.pos_ == "NOUN":
                for prep in tok.children:
                    if prep.dep_ == "prep" and prep.lower_ in ("of", "from", "by"):
                        pobj = next((c for c in prep.children if c.dep_ == "pobj"), None)
                        if pobj is not None:
                            key, speaker_text = self.resolve(pobj)
                            if key is not None:
                                return key, speaker_text, self.doc[tok.head.i if tok.head.i < tok.i else tok.i : prep.i + 1].text, pobj
            if self.text[i] == ":" and tok.pos_ in ("VERB", "AUX") and tok.lemma_.lower() in SPEECH_VERBS:
                key, speaker_text, subj = self.speaker_of(tok)
                if key is not None:
                    return key, speaker_text, cue_of(tok), subj
        return None

    # -- a quotation paragraph whose speaker the paragraph before names

    def carried_over(self, found: list[Quote]) -> list[Quote]:
        """'“...,” X said.' + a paragraph that is wholly '“We tried everything.”': the quotation goes on from the
        speaker of the quote that ends the paragraph right before it (one speaker there only)."""
        out: list[Quote] = []
        text = self.text
        for q in self.orphans:
            line_a = self.line_of(q.start)[0]
            k = line_a - 1
            while k > 0 and text[k].isspace():
                k -= 1
            if k <= 0:
                continue
            pa, pb = self.line_of(k)
            if not re.search(r"[.!?…][\"”»'’]?\s*$", text[q.start : self.line_of(q.start)[1]]):
                continue  # a quoted heading ('#### "The chain of responsibility leads to ..."') states nothing
            before = [r for r in found + out if pa <= r.start < pb and r.speaker is not None]
            if not before or len({r.speaker for r in before}) > 1 or self._is_headline(pa):
                continue
            last = max(before, key=lambda r: r.start)
            if last.kind != "direct" or len(re.findall(r"[A-Za-z]{2,}", text[last.end : pb])) > 6:
                continue  # the paragraph before must end in the speaker's own quoted words ('“...,” he said.')
            out.append(replace(last, content=q.text, start=q.start, end=q.end, kind="direct"))
        return out

    # -- direct quotes

    def direct_quotes(self, qspans: list[QSpan]) -> list[Quote]:
        out: list[Quote] = []
        prev: tuple[QSpan, str | None] | None = None
        text = self.text
        for n, q in enumerate(qspans):
            if self._is_headline(q.start):
                continue
            line_a, line_b = self.line_of(q.start), self.line_of(max(q.start, q.end - 1))
            sent_a, sent_b = self.sent_at(q.start), self.sent_at(max(q.start, q.end - 1))
            lo = max(sent_a.start_char, line_a[0], qspans[n - 1].end + 1 if n else 0)
            hi = min(sent_b.end_char, line_b[1], qspans[n + 1].start - 1 if n + 1 < len(qspans) else len(text))
            alone = _bare_frame(text[lo : q.start] + text[q.end : hi])
            found = self._colon_intro(q) or self._attribution(q, lo, hi)
            if found is None and alone:
                own_line = _bare_frame(text[line_a[0] : q.start] + text[q.end : line_b[1]])
                cont = None
                if prev is not None and prev[1] is not None and (
                        len(text[prev[0].end : q.start]) < 60 or self.line_of(prev[0].start) == line_a):
                    cont = prev[1]  # "“...,” he said. “More.”" continues the previous quote in its paragraph
                nxt = self._next_sentence_speaker(line_b[1] if own_line else hi)
                found = (nxt or cont) if own_line else (cont or nxt)
            if found is None and alone and not text[line_a[0] : q.start].strip(' "“«„\'‘') \
                    and not text[q.end : line_b[1]].strip(' "”»\'’.,'):
                self.orphans.append(q)  # a paragraph that is wholly a quotation: the paragraph before may name it
            if found is None or found[0] is None:
                prev = (q, None)
                continue
            key, speaker_text, cue, tok = found
            self.remember(q.start, key)
            out.append(self.quote(key, speaker_text, cue, q.text, q.start, q.end, "direct", tok))
            prev = (q, found)
        return out

    def _colon_intro(self, q: QSpan) -> Attribution | None:
        """'Altun stated: “...”', '..., adding: “...”', 'X described the region as ...: “...”': the clause before a
        colon that opens the quote (in its paragraph or ending the one before) names the speaker."""
        text = self.text
        i = q.start - 1
        while i >= 0 and (text[i].isspace() or text[i] in OPEN_MARKS + "\"'‘>"):
            i -= 1
        if i < 0 or text[i] != ":" or "\n\n" in text[i:q.start] and text[i + 1 : q.start].count("\n") > 2:
            return None
        colon = self.doc.char_span(i, i + 1, alignment_mode="expand")
        if colon is None:
            return None
        verb = colon[0].head if colon[0].is_punct else colon[0]
        steps = 0
        while verb.pos_ not in ("VERB", "AUX") and verb.head is not verb and steps < 3:
            verb, steps = verb.head, steps + 1
        if verb.pos_ not in ("VERB", "AUX") or verb.i > colon[0].i:
            return None
        key, speaker_text, tok = self.speaker_of(verb)
        if key is None:
            return None
        return key, speaker_text, cue_of(verb), tok

    def _attribution(self, q: QSpan, lo: int, hi: int) -> Attribution | None:
        """Speech verb or 'according to' phrase next to a quote, within its sentence, and its speaker."""
        cands = []
        for tok in self.doc.char_span(lo, hi, alignment_mode="contract") or []:
            if q.start - 1 <= tok.idx < q.end + 1:
                continue
            if tok.lemma_.lower() in SPEECH_VERBS and tok.pos_ in ("VERB", "AUX"):
                dist = q.start - tok.idx if tok.idx < q.start else tok.idx - q.end
                cands.append((dist, tok.idx > q.start, tok))
        for dist, _, verb in sorted(cands, key=lambda c: (c[0], c[1])):
            key, text, tok = self.speaker_of(verb)
            if key is not None:
                return key, text, cue_of(verb), tok
        marker = self._marker_in(lo, q.start)
        if marker is not None:
            return marker
        if cands:
            return None, "", "", None
        return None

    def _marker_in(self, lo: int, hi: int) -> Attribution | None:
        """'According to X' or 'In X's opinion' before a quote attributes it to X."""
        span = self.doc.char_span(lo, hi, alignment_mode="contract")
        if span is None:
            return None
        for tok in span:
            holder = self._marker_holder(tok)
            if holder is not None:
                key, text = self.resolve(holder)
                cue = self.doc[tok.i : holder.i].text if tok.lower_ == "according" else self.doc[tok.i : tok.head.i + 1].text
                return (key, text, cue, holder) if key is not None else None
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
                if prep.dep_ == "prep" and prep.lower_ in ("from", "by", "of", "in") and obj.lemma_.lower() in _CONTAINERS:
                    pobj = next((c for c in prep.children if c.dep_ == "pobj"), None)
                    if pobj is not None:
                        return pobj
        return obj

    def _next_sentence_speaker(self, after: int) -> Attribution | None:
        """A quoted line on its own, attributed in the sentence that follows it."""
        text = self.text
        start = after
        while start < len(text) and not text[start].isalnum() and text[start] not in OPEN_MARKS + '"':
            start += 1
        if start >= len(text):
            return None
        sent = self.sent_at(start)
        end = min(sent.end_char, self.line_of(start)[1])
        span = self.doc.char_span(start, end, alignment_mode="contract")
        for tok in span or []:
            if tok.lemma_.lower() in SPEECH_VERBS and tok.pos_ in ("VERB", "AUX"):
                key, speaker_text, subj = self.speaker_of(tok)
                if key is not None:
                    return key, speaker_text, cue_of(tok), subj
        return None

    # -- statements after a colon, without quotation marks

    def colon_statements(self, qspans: list[QSpan]) -> list[Quote]:
        """'Altun stated: Turkey will ...' and a paragraph that is wholly the statement after 'X said:' (a blockquote
        the reader rendered as plain text): direct speech that carries no quotation marks."""
        out: list[Quote] = []
        text = self.text
        for tok in self.doc:
            if tok.text != ":" or inside(tok.idx, qspans) or self._is_headline(tok.idx):
                continue
            verb = tok.head
            if verb.pos_ not in ("VERB", "AUX") or verb.i > tok.i or verb.lemma_.lower() not in SPEECH_VERBS:
                continue
            line_a, line_b = self.line_of(tok.idx)
            rest = text[tok.idx + 1 : line_b]
            if rest.strip():
                a, b = tok.idx + 1, line_b
            else:  # the statement is the next paragraph
                nxt = re.search(r"\S", text[line_b:])
                if nxt is None:
                    continue
                a = line_b + nxt.start()
                b = self.line_of(a)[1]
            while a < b and text[a].isspace():
                a += 1
            if text[a : a + 1] in OPEN_MARKS + '"‘\'' or _inside_any(a, b, qspans):
                continue  # a quotation-marked statement: the direct pass owns it
            content = self.doc.char_span(a, b, alignment_mode="contract")
            if content is None:
                continue
            content = trim_punct(content)
            if content is None or len([t for t in content if t.is_alpha]) < 4 or self._is_headline(a):
                continue
            key, speaker_text, subj = self.speaker_of(verb)
            if key is None:
                continue
            self.remember(verb.idx, key)
            out.append(self.quote(key, speaker_text, cue_of(verb), content.text, content.start_char, content.end_char,
                                  "direct", subj))
        return out

    # -- short quoted phrases

    def scare_quotes(self, short: list[QSpan]) -> list[Quote]:
        """A few quoted words a named speaker used: 'warned of “severe revenge”', 'calling it “an adventurist step”',
        'had made the world “more dangerous,” the minister said'. Names and titles in quotes are not statements."""
        out: list[Quote] = []
        for q in short:
            span = self.doc.char_span(q.start, q.end, alignment_mode="expand")
            if span is None or self._is_headline(q.start) or not any(t.is_alpha for t in span):
                continue
            if all(t.pos_ == "PROPN" or not t.is_alpha for t in span) or self.mentions_in(q.start, q.end):
                continue  # '"Marshall" Haftar', '"Mediapart"': a name or title, not words someone said
            verb = _governing_cue(span.root)
            if verb is None or _inside(verb.idx, self.quoted):
                continue
            key, speaker_text, subj = self.speaker_of(verb)
            if key is None:
                continue
            out.append(self.quote(key, speaker_text, cue_of(verb), q.text, q.start, q.end, "direct", subj))
        return out

    # -- reported speech

    def reported(self, qspans: list[QSpan]) -> list[Quote]:
        out: list[Quote] = []
        for tok in self.doc:
            lemma = tok.lemma_.lower()
            if tok.pos_ not in ("VERB", "AUX") or inside(tok.idx, qspans):
                continue
            if self._is_headline(tok.idx) or not_said(tok):
                continue
            if tok.tag_ == "VBG" and tok.dep_ == "advcl" and lemma in COMMENTING and tok.i > tok.head.i:
                continue  # '..., suggesting Moscow is playing hardball': the writer's comment on the report
            content: Span | None = None
            if lemma in SPEECH_VERBS:
                content = clause_of(tok)
                if content is not None and lemma in QUOTE_ONLY and not _that_or_fronted(tok, content):
                    content = None
            if content is None and lemma in OBJECT_VERBS:
                content = object_of(tok)
            if content is None and lemma in COMMIT_VERBS:
                content = commitment_of(tok)
            if content is None or len([t for t in content if t.is_alpha]) < 3:
                continue
            if content.start < tok.i and any(q.start < content.end_char and q.end > content.start_char for q in qspans):
                continue  # '“...” and more, X said': the quoted pieces are the quotes
            if any(q.start < content.end_char and q.end > content.start_char for q in qspans) and not _frames_quotes(content, qspans):
                continue  # the direct-quote pass owns it ('“...” and more, X said' gives the quoted pieces)
            line = self.line_of(tok.idx)
            content = clip(content, *line)
            if content is None or len([t for t in content if t.is_alpha]) < 3:
                continue
            for key, speaker_text, subj in self.speakers_of(tok):
                if key is None:
                    continue
                self.remember(tok.idx, key)
                out.append(self.quote(key, speaker_text, cue_of(tok), content.text, content.start_char, content.end_char,
                                      "indirect", subj))
        return out

    def according_to(self, qspans: list[QSpan]) -> list[Quote]:
        out: list[Quote] = []
        for sent in self.sents:
            for tok in sent:
                if tok.lower_ != "according" or inside(tok.idx, qspans):
                    continue
                holder = self._marker_holder(tok)
                if holder is None or holder.pos_ == "PRON" and holder.lower_ not in ("him", "her", "them"):
                    continue  # 'according to him' (a common press form) resolves like 'he said'; 'it' does not
                key, speaker_text = self.resolve(holder)
                if key is None:
                    key, speaker_text = self._owner(holder)
                if key is None and (holder.lemma_.lower() not in _UNNAMED_SOURCES or holder.tag_ == "NNS" and holder.lemma_.lower() == "source"):
                    continue  # 'according to numerous sources / estimates': generic, not an attribution
                content = self._according_content(sent, tok, holder)
                if content is None or len([t for t in content if t.is_alpha]) < 3:
                    continue
                if any(q.start < content.end_char and q.end > content.start_char for q in qspans) and not _frames_quotes(content, qspans):
                    continue  # the direct-quote pass owns it
                cue = self.doc[tok.i : holder.left_edge.i].text
                # an unnamed source ('according to officials') is still an attribution, with no speaker
                out.append(self.quote(key, speaker_text, cue, content.text, content.start_char, content.end_char,
                                      "according_to", holder if key is not None else None))
        return out

    def _according_content(self, sent: Span, tok: Token, holder: Token) -> Span | None:
        """What the source says: the rest of the sentence after a leading 'According to X,', or the part before a
        trailing ', according to X'; mid-sentence, the longer side."""
        doc = self.doc
        phrase_end = max(holder.right_edge.i + 1, tok.i + 2)
        start = tok.i
        while start > sent.start and (doc[start - 1].is_punct or doc[start - 1].lower_ in _CONNECTIVES):
            start -= 1
        after = trim_punct(doc[phrase_end : sent.end]) if phrase_end < sent.end else None
        before = trim_punct(doc[sent.start : start]) if start > sent.start else None
        if before is None:
            return after
        if after is None:
            return before
        return after if len(after) >= len(before) else before

    def _owner(self, holder: Token) -> tuple[str | None, str]:
        """'according to instructors' accounts': the body an unnamed source belongs to, through its owner phrase."""
        text = phrase_text(holder)
        for child in holder.children:
            if child.dep_ in ("poss", "compound", "nmod", "amod"):
                link = self._coref_link(child) if child.pos_ in ("NOUN", "PROPN") else None
                if link is not None:
                    return link.entity, text
        return None, text


def _governing_cue(tok: Token) -> Token | None:
    """The reporting verb a quoted phrase depends on: its own verb if that reports or labels speech, or the speech
    verb whose (fronted) clause holds it; None for a writer's own scare quotes."""
    cur = tok
    for _ in range(5):
        if cur.pos_ in ("VERB", "AUX") and cur is not tok:
            lemma = cur.lemma_.lower()
            if lemma in SPEECH_VERBS | OBJECT_VERBS | COMMIT_VERBS | LABEL_VERBS:
                return cur
            if cur.dep_ == "ccomp" and cur.head.lemma_.lower() in SPEECH_VERBS:
                return cur.head
            return None
        if cur.head is cur:
            return None
        cur = cur.head
    return None


def _inside(char: int, spans: list[tuple[int, int]]) -> bool:
    return any(a <= char < b for a, b in spans)


def _inside_any(a: int, b: int, qspans: list[QSpan]) -> bool:
    return any(q.start < b and a < q.end for q in qspans)


def _bare_frame(rest: str) -> bool:
    """The rest of a quote's sentence says nothing of its own: no words, or a connective ('But:', 'And')."""
    words = re.findall(r"[A-Za-z]{2,}", rest)
    return not words or (len(words) == 1 and words[0].lower() in _CONNECTIVES)


# Nouns that introduce a quoted text by its author: 'the words of X', 'a statement from X'.
_INTRO_NOUNS = {"word", "statement", "remark", "comment", "message", "address", "speech", "briefing", "declaration",
                "communique", "communiqué", "readout", "text", "post", "letter"}
_CONNECTIVES = {"but", "and", "also", "yet", "still", "however", "so", "then", "again"}


def _that_or_fronted(verb: Token, content: Span) -> bool:
    """'wrote that ...' or '..., writes Mediapart'; 'agreed (that) X will ...': verbs that also take plain objects
    report only with a that-clause, a following finite clause of their own (agree, believe, rule) or, for verbs of
    writing and replying, a fronted statement."""
    clause = next((c for c in verb.children if c.dep_ == "ccomp"), None)
    if clause is None:
        return False
    if any(c.dep_ == "mark" and c.lower_ == "that" for c in clause.children):
        return True
    if content.end <= verb.i:
        return verb.lemma_.lower() in _FRONTED_OK
    own_subject = any(c.dep_ in ("nsubj", "nsubjpass", "expl") for c in clause.children)
    no_question = not any(c.dep_ == "mark" and c.lower_ in ("if", "whether") for c in clause.children)
    return clause.i > verb.i and own_subject and no_question and verb.lemma_.lower() not in _FRONTED_OK


_FRONTED_OK = {"write", "reply", "respond", "post", "tweet", "ask"}


def _frames_quotes(content: Span, qspans: list[QSpan]) -> bool:
    """'said London had “always recognized the threat” posed by X': a reported clause quoting some words is one
    indirect quote; the clause must start and say a few words of its own outside the marks."""
    if inside(content.start_char, qspans):
        return False
    own = [t for t in content if t.is_alpha and not inside(t.idx, qspans)]
    return len(own) >= 4


def _absorbed(direct: list[Quote], indirect: list[Quote]) -> list[Quote]:
    """Direct quotes that lie inside a reported clause already kept as one indirect quote."""
    return [q for q in direct if not any(r.start <= q.start and q.end <= r.end for r in indirect)]


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
                # a few words are a repeat only where they stand inside the longer quote ('more dangerous' said
                # about the strike is not a copy of 'a more dangerous world' said on the radio)
                if len(n.split()) >= 6 or (r.start <= q.start and q.end <= r.end):
                    dup = True
                    break
        if not dup:
            keep.append(q)
    return sorted(keep, key=lambda q: q.start)

"""Direct speech: quotation-marked statements, blockquotes, statements after a colon and scare-quoted phrases, each
with the speaker its sentence, its paragraph or the one before names."""
from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import replace
from collections.abc import Sequence

from spacy.tokens import Token

from .doc_tree import attrs, children, tokens
from ..records import Quote
from .quote_according import _CONNECTIVES, Attribution, Attributions
from .quote_marks import OPEN_MARKS, QSpan, inside
from .speech_cues import COMMIT_VERBS, LABEL_VERBS, OBJECT_VERBS, SPEECH_VERBS, cue_of, trim_punct


class DirectQuotes(Attributions):
    """The passes over quotation marks, blockquotes and colons."""

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
                author = self._author_named(tok)
                if author is not None:
                    key, speaker_text, pobj = author
                    return key, speaker_text, self.doc[tok.head.i if tok.head.i < tok.i else tok.i : pobj.head.i + 1].text, pobj
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

    def continued(self, found: list[Quote]) -> list[Quote]:
        """'X stated that A. “B.”' / 'X said A, adding that C. “D” to “E.”': a sentence that is wholly a quotation
        with no attribution of its own goes on from the statement that ends just before it in its paragraph (one
        sentence back at most), when no other speaker is named in between."""
        out: list[Quote] = []
        for q in self.unsaid:
            line = self.line_of(q.start)
            here = bisect_right(self.sent_starts, q.start) - 1
            before = [r for r in found if r.speaker is not None and r.end <= q.start and line[0] <= r.start
                      and here - (bisect_right(self.sent_starts, r.end - 1) - 1) <= 1]
            if not before:
                continue
            last = max(before, key=lambda r: r.end)
            if any(self._type(self._key_of(m)) in ("PERSON", "ORG") and self.canonical(self._key_of(m)) != self.canonical(last.speaker)
                   for m in self.mentions_in(last.end, q.start) if m.kind == "name"):
                continue  # someone else is named between: the quotation may be theirs
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
            elif found is None and alone:
                self.unsaid.append(q)  # a sentence that is wholly a quotation: a statement just before may name it
            if found is None or found[0] is None and found[3] is None:
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
        while i >= 0 and (text[i].isspace() or text[i] in OPEN_MARKS + "\"'‘>`"):
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
        if verb.pos_ not in ("VERB", "AUX"):
            return self._label_intro(colon[0], verb)
        if verb.i > colon[0].i:
            return None
        cue = _cue_above(verb)  # 'The instructors said that on the day of departure, many came to see them off:'
        issued = next((c for c in children(verb) if c.dep_ == "dobj" and c.lemma_.lower() in _INTRO_NOUNS), None)
        if cue is None and issued is not None:
            # 'General Manager A.J. Smith issued the following statement on Jackson's arrest:' (ECB 35_2ecb), 'McDermott
            # sent out the following message on Twitter:' (31_3ecbplus): whoever gives out the statement speaks it
            key, speaker_text, tok = self.speaker_of(verb)
            if key is not None:
                return key, speaker_text, self.doc[verb.i : issued.i + 1].text, tok
        if cue is None:
            # 'X said that A. By that time, the authorities had lost control:' -- a sentence that introduces the quote
            # without reporting it: the quote goes on from the last statement of its paragraph, else its subject
            earlier = self._statement_before(verb.sent.start_char)
            if earlier is not None:
                return earlier
        else:
            verb = cue
        key, speaker_text, tok = self.speaker_of(verb)
        if key is None or cue is None and self._type(key) not in ("PERSON", "ORG"):
            return None  # 'Washington awoke to this startling news:' (ECB 28_1ecb), 'Dubai experienced a slight
            # "tremor" ..., resulting in the evacuation of ...:' (20_10ecbplus): a place that reports nothing
        return key, speaker_text, cue_of(verb), tok

    def _label_intro(self, colon: Token, head: Token) -> Attribution | None:
        """"Turkish Presidency's Head of Communications Prof Fahrettin Altun: “...”": a line that is only a speaker's
        name and a colon, the press's label for a statement."""
        if head.pos_ not in ("PROPN", "NOUN") or head.i > colon.i or head.sent.start != colon.sent.start:
            return None
        line = self.line_of(colon.idx)
        if any(t.pos_ in ("VERB", "AUX") for t in self.doc[head.sent.start : colon.i]) or head.sent.start_char < line[0]:
            return None
        # 'Peter Lynch/Timmons' Attorney:', 'David Soares/Albany County District Attorney:' (ECB 33_4ecb): a person
        # named in the label, not as someone's owner ('Timmons'', "Putin's"), is the one who speaks
        named = [m for m in self.mentions_in(self.doc[head.sent.start].idx, colon.idx) if m.type == "PERSON"
                 and m.kind == "name" and not re.match(r"\s*['’]", self.text[m.end : m.end + 2])]
        if named:
            tok = self.doc.char_span(named[0].start, named[0].end, alignment_mode="expand").root
            return self._key_of(named[0]), named[0].text, self.doc[head.i : colon.i + 1].text, tok
        key, speaker_text = self.resolve(head)
        if key is None or self._type(key) not in ("PERSON", "ORG", "GPE"):
            return None
        return key, speaker_text, self.doc[head.i : colon.i + 1].text, head

    def _statement_before(self, start: int) -> Attribution | None:
        """The speaker of the last reported statement ('X said that ...', 'according to X') in the paragraph before
        offset start."""
        a = self.line_of(start)[0]
        span = self.doc.char_span(a, start, alignment_mode="contract")
        if span is None:
            return None
        for tok in reversed(list(span)):
            if tok.lower_ == "according":
                holder = self._marker_holder(tok)
                if holder is not None:
                    key, text = self.resolve(holder)
                    if key is None:
                        key, text = self._owner(holder)
                    if key is not None:
                        return key, text, self.doc[tok.i : holder.i].text, holder
            elif tok.pos_ in ("VERB", "AUX") and tok.lemma_.lower() in SPEECH_VERBS and any(
                    c.dep_ == "ccomp" for c in children(tok)):
                key, text, subj = self.speaker_of(tok)
                if key is not None:
                    return key, text, cue_of(tok), subj
        return None

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
        for dist, _, verb in sorted(cands, key=lambda c: (c[0], c[1]))[:1]:
            key, text, tok = self.speaker_of(verb)
            if tok is not None and self.unnamed_person(tok):
                return None, text, cue_of(verb), tok  # '“...,” a witness said': said by someone the text leaves unnamed
        marker = self._marker_in(lo, q.start)
        if marker is not None:
            return marker
        if cands:
            return None, "", "", None
        return None

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
            if tok.lemma_.lower() in SPEECH_VERBS and tok.pos_ in ("VERB", "AUX") and _frames(tok):
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
        lower_of = attrs(self.doc).lower  # (a colon's lower-case form is its text; read once per Doc)
        for tok in tokens(self.doc):
            if lower_of[tok.i] != ":" or inside(tok.idx, qspans):
                continue
            verb = tok.head
            author = None
            if verb.pos_ not in ("VERB", "AUX") or verb.i > tok.i or verb.lemma_.lower() not in SPEECH_VERBS \
                    or self._is_headline(tok.idx):
                author = self._statement_author(tok)  # 'Statements by the Turkish Minister of Foreign Affairs ...:'
                if author is None:
                    continue
            line_a, line_b = self.line_of(tok.idx)
            rest = text[tok.idx + 1 : line_b]
            if rest.strip():
                if author is not None:
                    continue
                a, b = tok.idx + 1, line_b
            else:  # the statement is the next paragraph
                nxt = re.search(r"\S", text[line_b:])
                if nxt is None:
                    continue
                a = line_b + nxt.start()
                b = self._statement_end(a, qspans)
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
            if author is not None:
                key, speaker_text, subj = author
                cue = self.doc[verb.i : subj.i].text if verb.i < subj.i else verb.text
            else:
                (key, speaker_text, subj), cue = self.speaker_of(verb), cue_of(verb)
            if key is None:
                continue
            self.remember(tok.idx, key)
            out.append(self.quote(key, speaker_text, cue, content.text, content.start_char, content.end_char,
                                  "direct", subj))
        return out

    def _statement_author(self, colon: Token) -> tuple[str, str, Token] | None:
        """'Statements by X regarding ...:', 'Full text of the message from X:': a heading that names a statement's
        author right before the statement's paragraphs."""
        noun = colon.head
        if noun.lemma_.lower() not in _INTRO_NOUNS or noun.pos_ not in ("NOUN", "PROPN") or noun.i > colon.i:
            return None
        return self._author_named(noun)

    def _author_named(self, noun: Token) -> tuple[str, str, Token] | None:
        """The speaker an introducing noun names in 'of/from/by X' ('the words of X', 'a statement from X'), with
        the token heading X."""
        for prep in children(noun):
            if prep.dep_ == "prep" and prep.lower_ in ("of", "from", "by"):
                pobj = next((c for c in children(prep) if c.dep_ == "pobj"), None)
                if pobj is not None:
                    key, speaker_text = self.resolve(pobj)
                    if key is not None:
                        return key, speaker_text, pobj
        return None

    def _statement_end(self, a: int, qspans: list[QSpan]) -> int:
        """Where a statement printed as plain paragraphs after 'X said:' ends: its first paragraph, or, when that one
        speaks in the first person ('We condemn ...'), the run of paragraphs after it that carry no quotation marks,
        no heading and no attribution of their own (a dozen at most)."""
        text = self.text
        b = self.line_of(a)[1]
        first = self.doc.char_span(a, b, alignment_mode="contract")
        if first is None or not any(t.lower_ in _FIRST_PERSON and t.pos_ == "PRON" for t in first):
            return b
        for _ in range(_STATEMENT_REACH):
            nxt = re.search(r"\S", text[b:])
            if nxt is None:
                break
            c = b + nxt.start()
            d = self.line_of(c)[1]
            para = self.doc.char_span(c, d, alignment_mode="contract")
            if (para is None or re.search(r'[“”«»„"]', text[c:d]) or self._is_headline(c) or text[c:d].rstrip()[-1:] == ":"
                    or len([t for t in para if t.is_alpha]) < 4 or _inside_any(c, d, qspans)
                    or any(t.lower_ == "according" or t.pos_ == "VERB" and t.lemma_.lower() in SPEECH_VERBS
                           and any(s.dep_ in ("nsubj", "nsubjpass") and s.pos_ in ("PROPN", "NOUN") and self._names(s)
                                   for s in children(t)) for t in para)):
                break
            b = d
        return b

    # -- short quoted phrases

    def scare_quotes(self, short: list[QSpan]) -> list[Quote]:
        """A few quoted words a named speaker used: 'warned of “severe revenge”', 'calling it “an adventurist step”',
        'had made the world “more dangerous,” the minister said'. Names and titles in quotes are not statements."""
        out: list[Quote] = []
        for q in short:
            span = self.doc.char_span(q.start, q.end, alignment_mode="expand")
            if span is None or self._is_headline(q.start) or not any(t.is_alpha for t in span):
                continue
            words = [t for t in span if t.is_alpha]
            if all(t.pos_ == "PROPN" or not t.is_alpha for t in span) or any(
                    m.end - m.start >= 0.5 * (q.end - q.start) for m in self.mentions_in(q.start, q.end)) or (
                    len(words) >= 3 and all(t.text[0].isupper() or t.lower_ in _TITLE_SMALL for t in words)):
                continue  # '"Marshall" Haftar', '"Mediapart"', '“This Week With David Brinkley”': a name or title
            verb = _governing_cue(span.root)
            if verb is None or _inside(verb.idx, self.quoted):
                continue
            for key, speaker_text, subj in self.speakers_of(verb):  # 'Both called Haftar a “war criminal”': each
                if key is not None:
                    out.append(self.quote(key, speaker_text, cue_of(verb), q.text, q.start, q.end, "direct", subj))
        return out


_INTRO_CUES = SPEECH_VERBS | OBJECT_VERBS | COMMIT_VERBS | LABEL_VERBS
# Acts done in words whose quoted phrase is the actor's (VerbNet judgment-33 and offering): 'thanked him for “Turkey's
# historic and responsible attitude”', 'offering his hosts a “close cooperation”'.
VERBAL_ACTS = {"thank", "praise", "commend", "applaud", "congratulate", "welcome", "deplore", "regret", "apologise",
                "apologize", "offer", "propose", "guarantee", "assure", "invite", "request"}
# Verbs that voice a verdict on something 'as' a quoted phrase (not formal acts: 'designated Wagner as a “...”').
_VERDICT_VERBS = {"reject", "dismiss", "denounce", "condemn", "decry", "describe", "portray", "characterise",
                  "characterize", "brand", "label", "slam", "hail", "praise", "welcome", "criticise", "criticize",
                  "deride", "ridicule", "mock", "blast", "scorn", "attack", "defend", "justify", "present", "depict"}


def _cue_above(verb: Token) -> Token | None:
    """The verb itself if it reports speech, or the speech verb whose clause holds it."""
    cur = verb
    for _ in range(4):
        if cur.lemma_.lower() in _INTRO_CUES:
            return cur
        if cur.dep_ not in ("ccomp", "xcomp", "conj", "advcl") or cur.head is cur:
            return None
        cur = cur.head
    return None


def _governing_cue(tok: Token) -> Token | None:
    """The reporting verb a quoted phrase depends on: its own verb if that reports or labels speech, or the speech
    verb whose (fronted) clause holds it; None for a writer's own scare quotes."""
    cur, prev = tok, tok
    for _ in range(5):
        if cur.pos_ in ("VERB", "AUX") and cur is not tok:
            lemma = cur.lemma_.lower()
            if lemma in SPEECH_VERBS | OBJECT_VERBS | COMMIT_VERBS | LABEL_VERBS | VERBAL_ACTS:
                return cur
            if prev.dep_ == "prep" and prev.lower_ == "as" and lemma in _VERDICT_VERBS and any(
                    c.dep_ == "dobj" for c in children(cur)):
                return cur  # 'rejected it as a “death birth”', 'dismissed the talks as “theatre”': a verdict voiced
            if cur.dep_ == "ccomp" and cur.head.lemma_.lower() in SPEECH_VERBS:
                return cur.head
            return None
        if cur.head is cur:
            return None
        prev, cur = cur, cur.head
    return None


def _frames(verb: Token) -> bool:
    """A speech verb that can attribute the quotation before its sentence: the sentence's own verb (or one conjoined
    to it), not one inside a clause about something else ('Greece faces a due date on debt it says it can't repay',
    'the Academy Awards telecast, which posted its lowest ratings')."""
    while verb.dep_ == "conj" and verb.head.i != verb.i:
        verb = verb.head
    return verb.dep_ == "ROOT"


def _inside(char: int, spans: list[tuple[int, int]]) -> bool:
    return any(a <= char < b for a, b in spans)


def _inside_any(a: int, b: int, qspans: list[QSpan]) -> bool:
    return any(q.start < b and a < q.end for q in qspans)


def _bare_frame(rest: str) -> bool:
    """The rest of a quote's sentence says nothing of its own: no words, or a connective ('But:', 'And')."""
    words = re.findall(r"[A-Za-z]{2,}", rest)
    return not words or (len(words) == 1 and words[0].lower() in _CONNECTIVES)


_TITLE_SMALL = {"a", "an", "the", "of", "in", "on", "to", "for", "and", "with", "at", "by", "or", "from"}
_FIRST_PERSON = {"we", "i", "our", "us", "my", "me"}
_STATEMENT_REACH = 12  # paragraphs a statement printed without quotation marks may run over

# Nouns that introduce a quoted text by its author: 'the words of X', 'a statement from X'.
_INTRO_NOUNS = {"word", "statement", "remark", "comment", "message", "address", "speech", "briefing", "declaration",
                "communique", "communiqué", "readout", "text", "post", "letter"}

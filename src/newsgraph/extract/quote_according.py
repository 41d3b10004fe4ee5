"""Attribution markers: 'according to X', 'in X's view' and the source they name, and the 'according to' pass."""
from __future__ import annotations

from spacy.tokens import Span, Token

from .doc_tree import attrs, children, span_tokens
from ..records import Quote
from .quote_marks import QSpan, inside
from .quote_speakers import Speakers, phrase_text
from .speech_cues import trim_punct


# Nouns whose source is named in a following 'from/by/of/in' phrase: 'data from Acled', 'a report in Xinhua'.
_CONTAINERS = {"data", "report", "document", "figure", "statement", "study", "survey", "estimate", "account", "count",
               "analysis", "investigation", "assessment", "tally", "release", "communique", "readout", "post", "letter",
               "article", "interview", "briefing", "footage", "image", "record", "filing", "memo", "note", "cable"}
# People who speak for a body without being named: 'according to officials' is an attribution to no named speaker.
_UNNAMED_SOURCES = {"official", "diplomat", "spokesman", "spokeswoman", "spokesperson", "aide", "insider", "witness",
                    "resident", "instructor", "officer", "commander", "minister", "ministry", "authority", "source"}
_OPINION_NOUNS = {"opinion", "view", "words", "assessment", "estimation"}

# (speaker key, speaker phrase, cue, the token heading the speaker phrase)
Attribution = tuple[str | None, str, str, Token | None]
# Connectives between an attribution and its statement ("And according to X", "But:").
_CONNECTIVES = {"but", "and", "also", "yet", "still", "however", "so", "then", "again"}


class Attributions(Speakers):
    """Quote records, and the sources that attribution markers name."""

    def quote(self, key: str | None, speaker_text: str, cue: str, content: str, start: int, end: int, kind: str,
              tok: Token | None) -> Quote:
        """A Quote record with the mention its speaker was resolved from."""
        return Quote(key, speaker_text, cue, content, start, end, kind, self.mention_of(tok, key))

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
            to = next((c for c in children(tok) if c.lower_ == "to"), None)
            if to is None and tok.i + 1 < len(self.doc) and self.doc[tok.i + 1].lower_ == "to":
                to = self.doc[tok.i + 1]
            if to is not None:
                obj = next((c for c in children(to) if c.dep_ == "pobj"), None)
                if obj is not None:
                    return self._source_in(obj)
        if tok.lower_ == "in" and tok.dep_ == "prep":
            obj = next((c for c in children(tok) if c.dep_ == "pobj"), None)
            if obj is not None and obj.lower_ in _OPINION_NOUNS:
                return next((c for c in children(obj) if c.dep_ == "poss"), None)
        return None

    def _source_in(self, obj: Token) -> Token:
        """'data from Acled' / 'a report by the UN' name the source in a prepositional object."""
        if not any(m.kind != "demonym" for m in self.mentions_in(obj.idx, obj.idx + len(obj))):
            for prep in children(obj):
                if prep.dep_ == "prep" and prep.lower_ in ("from", "by", "of", "in") and obj.lemma_.lower() in _CONTAINERS:
                    pobj = next((c for c in children(prep) if c.dep_ == "pobj"), None)
                    if pobj is not None:
                        return pobj
        return obj


    def according_to(self, qspans: list[QSpan]) -> list[Quote]:
        out: list[Quote] = []
        lower_of = attrs(self.doc).lower  # (read once per Doc, not a string per Token)
        for sent in self.sents:
            for tok in span_tokens(sent):
                if lower_of[tok.i] != "according" or inside(tok.idx, qspans):
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
        for child in children(holder):
            if child.dep_ in ("poss", "compound", "nmod", "amod"):
                link = self._coref_link(child) if child.pos_ in ("NOUN", "PROPN") else None
                if link is not None:
                    return link.entity, text
                group = self.group_body(child)  # "according to instructors' accounts"
                if group is not None:
                    return group, text
        return None, text


def _frames_quotes(content: Span, qspans: list[QSpan]) -> bool:
    """'said London had “always recognized the threat” posed by X': a reported clause quoting some words is one
    indirect quote; the clause must start and say a few words of its own outside the marks."""
    if inside(content.start_char, qspans):
        return False
    own = [t for t in content if t.is_alpha and not inside(t.idx, qspans)]
    return len(own) >= 4

"""Reported speech: the clause, object or commitment a speech verb governs ('said that ...', 'accused X of ...',
'promised to ...'), attributed to the verb's subject."""
from __future__ import annotations

from spacy.tokens import Span, Token

from .doc_tree import attrs, children, span_tokens, tokens
from ..records import Quote
from .quote_according import Attributions, _frames_quotes
from .quote_marks import QSpan, inside
from .speech_cues import (COMMENTING, COMMIT_VERBS, STANCE_OBJECT_VERBS, OBJECT_VERBS, QUOTE_ONLY, SPEECH_VERBS,
                          VERDICT_AS_VERBS, clause_of, clip, commitment_of, cue_of, fronted_clause, not_said, object_of,
                          parenthetical_clause,
                          verdict_of)


_COMMIT_OR_STANCE = frozenset(COMMIT_VERBS | STANCE_OBJECT_VERBS)


class ReportedSpeech(Attributions):
    """The pass over speech verbs outside quotation marks."""


    def reported(self, qspans: list[QSpan]) -> list[Quote]:
        out: list[Quote] = []
        a = attrs(self.doc)  # (every token of the article passes here: their pos_ and lemma_ read once per Doc)
        for tok in tokens(self.doc):
            if a.pos[tok.i] not in ("VERB", "AUX") or inside(tok.idx, qspans):
                continue
            lemma = a.lemma[tok.i].lower()
            if self._is_headline(tok.idx) or not_said(tok):
                continue
            if tok.tag_ == "VBG" and tok.dep_ == "advcl" and lemma in COMMENTING and tok.i > tok.head.i:
                continue  # '..., suggesting Moscow is playing hardball': the writer's comment on the report
            content: Span | None = None
            if lemma in SPEECH_VERBS:
                content = clause_of(tok)
                if content is not None and lemma in QUOTE_ONLY and not _that_or_fronted(tok, content):
                    content = None
                if content is None and (lemma not in QUOTE_ONLY or lemma in _FRONTED_OK):
                    content = fronted_clause(tok) or parenthetical_clause(tok)  # 'A happened, the ministry reported.'
                    if content is not None and not self.speakers_of(tok):
                        content = None
            if content is None and lemma in VERDICT_AS_VERBS:
                content = verdict_of(tok)  # 'described the decision as timely and necessary'
            if content is None and lemma in OBJECT_VERBS:
                content = object_of(tok)
            if content is None and lemma in _COMMIT_OR_STANCE:
                content = commitment_of(tok)  # 'promised to ...', 'reiterated his willingness to ...'
            if content is None or len([t for t in span_tokens(content) if t.is_alpha]) < 3:
                continue
            if content.start < tok.i and any(q.start < content.end_char and q.end > content.start_char for q in qspans):
                continue  # '“...” and more, X said': the quoted pieces are the quotes
            if any(q.start < content.end_char and q.end > content.start_char for q in qspans) and not _frames_quotes(content, qspans):
                continue  # the direct-quote pass owns it ('“...” and more, X said' gives the quoted pieces)
            line = self.line_of(tok.idx)
            content = clip(content, *line)
            if content is None or len([t for t in span_tokens(content) if t.is_alpha]) < 3:
                continue
            speakers = self.speakers_of(tok)
            if speakers and all(k is None for k, _, _ in speakers) and self.unnamed_people(speakers[0][2], tok):
                _, speaker_text, subj = speakers[0]  # 'witnesses said ...': an unnamed source, kept with no speaker
                out.append(self.quote(None, speaker_text, cue_of(tok), content.text, content.start_char, content.end_char,
                                      "indirect", subj))
            for key, speaker_text, subj in speakers:
                if key is None:
                    continue
                self.remember(tok.idx, key)
                out.append(self.quote(key, speaker_text, cue_of(tok), content.text, content.start_char, content.end_char,
                                      "indirect", subj))
        return out


def _that_or_fronted(verb: Token, content: Span) -> bool:
    """'wrote that ...' or '..., writes Mediapart'; 'agreed (that) X will ...': verbs that also take plain objects
    report only with a that-clause, a following finite clause of their own (agree, believe, rule) or, for verbs of
    writing and replying, a fronted statement."""
    clause = next((c for c in children(verb) if c.dep_ == "ccomp"), None)
    if clause is None:
        return False
    if any(c.dep_ == "mark" and c.lower_ == "that" for c in children(clause)):
        return True
    if content.end <= verb.i:
        return verb.lemma_.lower() in _FRONTED_OK
    own_subject = any(c.dep_ in ("nsubj", "nsubjpass", "expl") for c in children(clause))
    no_question = not any(c.dep_ == "mark" and c.lower_ in ("if", "whether") for c in children(clause))
    return clause.i > verb.i and own_subject and no_question and verb.lemma_.lower() not in _FRONTED_OK


_FRONTED_OK = {"write", "reply", "respond", "post", "tweet", "ask"}

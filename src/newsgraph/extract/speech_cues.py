"""Speech cues: which verbs report a statement, and the statement's words (clause or object) they govern."""
from __future__ import annotations

from spacy.tokens import Span, Token

from .doc_tree import children, sentence

# Verbs that report a statement when they take a clause ("X said that ..."): our own list, the communication and
# assertion classes of VerbNet (say-37.7, tell-37.2, advise-37.9, declare-29.4, promise-13.3, conjecture-29.5 with a
# clause) that news uses, and textacy's reporting-verb lexicon (a pinned dependency) on top.
_OWN_SPEECH_VERBS = {
    "say", "state", "announce", "warn", "deny", "insist", "claim", "stress", "emphasise", "emphasize",
    "assert", "indicate", "add", "note", "tell", "argue", "maintain", "explain", "declare", "confirm",
    "report", "reiterate", "acknowledge", "admit", "affirm", "allege", "underline", "underscore", "point",
    "predict", "promise", "pledge", "vow", "threaten", "write", "reply", "respond", "contend", "observe",
    "remark", "recall", "conclude", "concede", "caution", "highlight", "complain", "ask", "reveal", "disclose",
    "reaffirm", "restate", "repeat", "assure", "inform", "advise", "suggest", "propose", "recommend", "post",
    "tweet", "proclaim", "announce", "testify", "recount", "hint", "signal", "counter", "retort", "agree",
    "believe", "comment", "mention", "rule", "protest", "charge", "insinuate", "speculate", "estimate",
    "lament", "bemoan", "aver", "opine", "narrate", "concur", "quip", "boast", "clarify", "reassure", "remind",
    "contend", "posit", "decry", "hail", "commend", "acknowledge", "fume", "recount", "brief", "notify",
    # manner of speaking (VerbNet manner_speaking-37.3, mumble/say with a quote) and sharing or wondering aloud
    "muse", "wonder", "share", "exclaim", "shout", "scream", "yell", "cry", "whisper", "murmur", "mutter", "mumble",
    "sigh", "snap", "bark", "growl", "grumble", "groan", "gasp", "chuckle", "laugh", "joke", "jest", "sneer", "scoff",
    "stammer", "stutter", "blurt", "rant", "rage", "thunder", "drawl", "lisp",
}
_NOT_REPORTING = {"according", "decline", "order", "worry", "fear", "hope", "cite", "describe"}


def _textacy_reporting_verbs() -> set[str]:
    """textacy's English reporting verbs, read from its constants module alone (importing textacy costs seconds)."""
    import importlib.util

    spec = importlib.util.find_spec("textacy")
    if spec is None or not spec.submodule_search_locations:
        return set()
    path = next(iter(spec.submodule_search_locations)) + "/constants.py"
    mod_spec = importlib.util.spec_from_file_location("_textacy_constants", path)
    if mod_spec is None or mod_spec.loader is None:
        return set()
    mod = importlib.util.module_from_spec(mod_spec)
    mod_spec.loader.exec_module(mod)
    return set(getattr(mod, "REPORTING_VERBS", {}).get("en", ()))


SPEECH_VERBS = (_OWN_SPEECH_VERBS | _textacy_reporting_verbs()) - _NOT_REPORTING
# Verbs whose statement is their object rather than a clause ("accused X of ...", "called for ...").
# (not condemn, denounce, criticise: a condemnation is the act itself, an event, and its object no statement -- the
# guide's reported speech is 'said that, warned, insisted, denied, emphasized, accused'; what a condemner calls it in
# quotation marks is still a quote, through LABEL_VERBS)
OBJECT_VERBS = {"accuse", "implicate", "blame", "attribute", "call", "urge", "demand", "appeal", "plead"}
# Verbs that name or label what someone said: 'called it “an adventurist step”', 'described the move as “...”'.
LABEL_VERBS = {"call", "describe", "term", "label", "brand", "dub", "slam", "hail", "denounce", "decry", "condemn",
               "criticise", "criticize"}
# Verbs of commitment whose statement is an infinitive or an object: 'promised to ...', 'pledged 870 million doses'.
COMMIT_VERBS = {"promise", "pledge", "vow", "threaten"}
# Speech verbs whose statement may be a noun phrase: 'noted the importance of ...', 'reiterated his willingness to
# ...', 'we note the Government's steps', 'stressed the need for ...'.
STANCE_OBJECT_VERBS = {"note", "reiterate", "stress", "emphasise", "emphasize", "underline", "underscore", "reaffirm",
                       "highlight", "restate"}
# Verbs that count as reported speech only with a 'that' clause or a fronted statement ('..., writes Mediapart').
QUOTE_ONLY = {"write", "reply", "respond", "ask", "post", "tweet", "agree", "believe", "rule", "muse", "wonder", "share",
              "exclaim", "shout", "scream", "yell", "cry", "whisper", "murmur", "mutter", "mumble", "sigh", "snap",
              "bark", "growl", "grumble", "groan", "gasp", "chuckle", "laugh", "joke", "jest", "sneer", "scoff",
              "stammer", "stutter", "blurt", "rant", "rage", "thunder", "drawl", "lisp"}
_SUBJ = {"nsubj", "nsubjpass", "csubj"}

_GO_ON = {"go", "continue", "proceed", "hasten", "rush", "add", "like", "quote"}


def not_said(verb: Token) -> bool:
    """A speech verb that reports nothing said: an infinitive asked or planned ('urged Albright to tell Americans
    ...', 'expected to announce'), or an accusation suffered ('Lopez standing accused of ...')."""
    if verb.tag_ == "VB" and any(c.dep_ == "aux" and c.lower_ == "to" for c in children(verb)):
        return verb.head.lemma_.lower() not in _GO_ON
    if verb.tag_ == "VBN" and verb.lemma_.lower() in OBJECT_VERBS:  # the accused, not the accuser
        deps = {c.dep_ for c in children(verb)}
        return "agent" not in deps and ("auxpass" in deps or "nsubjpass" in deps or "aux" not in deps)
    return False



def trim_punct(span: Span) -> Span | None:
    start, end = span.start, span.end
    doc = span.doc
    while start < end and (doc[start].is_punct or doc[start].is_space
                           or doc[start].lower_ == "that" and doc[start].dep_ not in ("nsubj", "nsubjpass")):
        start += 1
    while end > start and (doc[end - 1].is_punct or doc[end - 1].is_space):
        end -= 1
    return doc[start:end] if end > start else None


def clause_of(verb: Token) -> Span | None:
    """The reported clause of a speech verb: its ccomp, without 'that', trailing punctuation or framing."""
    clause = next((c for c in children(verb) if c.dep_ == "ccomp"), None) or _dated_clause(verb)
    if clause is None:
        return None
    if clause.pos_ not in ("VERB", "AUX") and not any(c.pos_ in ("VERB", "AUX") for c in children(clause)):
        return None  # 'declared themselves victors': a verbless small clause names, it reports nothing
    doc = verb.doc
    end = clause.right_edge.i + 1
    # 'said Russia did not see A, and cautioned B', 'noted they had had A and thanked B': a verb conjoined inside the
    # clause in the speech verb's own tense, without a subject, is the speaker's next act, not the statement
    for c in children(clause):
        if (c.dep_ == "conj" and c.i > clause.i and c.pos_ == "VERB" and c.tag_ == verb.tag_
                and c.lemma_.lower() not in ("be", "have", "do")
                and c.tag_ != clause.tag_ and not any(g.dep_ in _SUBJ for g in children(c))):
            cut = c.i
            while cut > clause.i and (doc[cut - 1].is_punct or doc[cut - 1].dep_ == "cc" or doc[cut - 1].head.i == c.i):
                cut -= 1
            end = min(end, cut)
    # 'denied that A and that B': a second that-clause conjoined to the first belongs to the statement
    for c in children(clause):
        if c.dep_ == "conj" and any(g.dep_ == "mark" for g in children(c)):
            end = max(end, c.right_edge.i + 1)
    # 'said that A, and B will persist': a clause conjoined to the verb right after the statement continues it
    if clause.i > verb.i:
        for c in children(verb):
            if c.dep_ != "conj" or c.i < end or c.lemma_.lower() in SPEECH_VERBS:
                continue
            between = doc[end : c.left_edge.i]
            contrast = any(t.dep_ == "cc" and t.lower_ in ("but", "yet", "while", "whereas") for t in between)
            if (all(t.is_punct or t.dep_ == "cc" for t in between) and not contrast
                    and any(g.dep_ in _SUBJ for g in children(c))):  # ', but its messaging ...' is the writer's
                end = c.right_edge.i + 1
            break
    end = _past_split_word(doc, end, sentence(verb).end)
    span = trim_punct(doc[clause.left_edge.i : end])
    return drop_framing(span) if span is not None else None


def _past_split_word(doc, end: int, limit: int) -> int:
    """'could re-examine whether to ...': the parser may take the pieces of a hyphenated word for two verbs and end
    the clause inside the word; a statement never stops mid-word, so it runs on through the second piece's phrase."""
    while (end + 1 < limit and doc[end - 1].whitespace_ == "" and doc[end].text in ("-", "‐")
           and doc[end].whitespace_ == "" and doc[end + 1].is_alpha):
        end = max(end + 2, min(limit, max(doc[end + 1].right_edge.i, doc[end].right_edge.i) + 1))
    return end


def fronted_clause(verb: Token) -> Span | None:
    """'Similar airstrikes also occurred in northern Iraq, ..., the Turkish defense ministry reported.' / 'Turkey will
    ... increase it if necessary, confirmed Erdogan.': a reporting clause closing its sentence after a comma, which the
    parser hung on the statement's verb; the statement runs from the sentence start (or a colon) to that comma."""
    doc = verb.doc
    sent = sentence(verb)
    if verb.dep_ not in ("advcl", "conj", "parataxis", "ccomp") or verb.head.i > verb.i or verb.tag_ not in ("VBD", "VBZ", "VBP"):
        return None
    if any(c.dep_ in ("ccomp", "dobj", "xcomp") and c.i > verb.i and not _names_someone(c) for c in children(verb)):
        return None  # '..., and reported a loss': the verb has a statement or object of its own
    subj = next((c for c in children(verb) if c.dep_ in ("nsubj", "nsubjpass") and c.i < verb.i), None)
    start = subj.left_edge.i if subj is not None else verb.i
    while start > sent.start and doc[start - 1].dep_ in ("aux", "advmod", "neg") and doc[start - 1].head.i == verb.i:
        start -= 1
    if start - sent.start < 2 or doc[start - 1].text not in (",", "—", "–"):
        return None
    end = sent.end
    while end > start and (doc[end - 1].is_punct or doc[end - 1].is_space):
        end -= 1
    clause = {t.i for t in verb.subtree}
    if any(i not in clause for i in range(start, end)) or start - sent.start > 80:
        return None  # the reporting clause must close the sentence
    first = sent.start
    for t in doc[sent.start : start]:
        if t.text == ":":
            first = t.i + 1
    if any(t.text in ('"', "“", "”", "«", "»") for t in doc[first:start]):
        return None  # a quotation: the direct pass owns it
    return trim_punct(doc[first : start - 1])


def parenthetical_clause(verb: Token) -> Span | None:
    """'Since the boy is so young, Meissner said, the natural father has the right ...' (NYT20000105.0325), 'That, he
    said, is why Unisys is overhauling ...' (wsj_0568): a reporting clause set off by commas inside the statement,
    which the parser hangs on the statement's verb after it (parataxis); the statement is the sentence it sits in
    (from a colon before it, if any), the clause included, since a quote is one stretch of text."""
    doc = verb.doc
    sent = sentence(verb)
    if verb.dep_ != "parataxis" or verb.head.i < verb.i or verb.tag_ not in ("VBD", "VBZ", "VBP"):
        return None
    if not any(c.dep_ in ("nsubj", "nsubjpass") for c in children(verb)) or any(
            c.dep_ in ("ccomp", "dobj", "xcomp") for c in children(verb)):
        return None
    left, right = verb.left_edge.i, verb.right_edge.i  # the commas may hang on the verb or on its neighbours
    left, right = left + (doc[left].text == ","), right - (doc[right].text == ",")
    if left - sent.start < 2 or right + 2 >= sent.end or doc[left - 1].text != "," or doc[right + 1].text != ",":
        return None
    first = sent.start
    for t in doc[sent.start : left]:
        if t.text == ":":
            first = t.i + 1
    if any(t.text in ('"', "“", "”", "«", "»", "``", "''") for t in doc[first : sent.end]):
        return None  # a quotation: the direct pass owns it
    end = sent.end
    while end > first and (doc[end - 1].is_punct or doc[end - 1].is_space):
        end -= 1
    while first < end and (doc[first].is_punct or doc[first].is_space):
        first += 1  # (not trim_punct: a leading 'That' here is the statement's subject, not a complementiser)
    return doc[first:end] if end - first >= 2 else None


def _names_someone(tok: Token) -> bool:
    """'..., confirmed Erdogan': the parser's object of an inverted reporting verb is its speaker."""
    return tok.pos_ == "PROPN" or tok.ent_type_ in ("PERSON", "ORG", "GPE", "NORP")


_TIME_NOUNS = {"time", "day", "week", "month", "year", "moment", "weekend", "morning", "evening", "night"}


def _dated_clause(verb: Token) -> Token | None:
    """'said at the time that ...', 'said on Tuesday that ...': the parser may read the that-clause as a relative
    clause of the time noun; a relative clause opened by the complementiser 'that' is the statement."""
    for tok in verb.subtree:
        if tok.i <= verb.i or tok.i > verb.i + 5:
            continue
        if tok.dep_ in ("pobj", "npadvmod") and (tok.ent_type_ in ("DATE", "TIME") or tok.lemma_.lower() in _TIME_NOUNS):
            for rel in children(tok):
                if rel.dep_ == "relcl" and rel.i > tok.i and any(
                        c.dep_ == "mark" and c.lower_ == "that" and c.i == tok.i + 1 for c in children(rel)):
                    return rel
    return None


def drop_framing(span: Span) -> Span | None:
    """The writer's framing is not the statement: '..., despite concerns raised by X', '..., amid tension',
    '..., suggesting Moscow is playing hardball' (a participle commenting on the report) and a closing
    apposition describing a place or body ('at Scarborough Shoal, a fishing site seized by China in 2012')."""
    doc = span.doc
    for tok in span:
        if tok.i <= span.start or doc[tok.i - 1].text != ",":
            continue
        if tok.lower_ in ("despite", "amid", "amidst", "though", "although"):
            return trim_punct(doc[span.start : tok.i])
        if (tok.tag_ == "VBG" and tok.dep_ == "advcl" and tok.lemma_.lower() in _NEW_CUE
                and tok.head.i < tok.i and tok.right_edge.i >= span.end - 1):
            return trim_punct(doc[span.start : tok.i])
        if tok.tag_ == "VBG" and tok.lemma_.lower() in _NEXT_STATEMENT and tok.i + 1 < span.end \
                and doc[tok.i + 1].lower_ in ("that", ":"):
            return trim_punct(doc[span.start : tok.i])  # '..., adding that ...' however the parser hangs it
        if (tok.dep_ == "det" and tok.head.dep_ == "appos" and tok.head.head.pos_ == "PROPN"
                and tok.head.right_edge.i >= span.end - 1 and span.end - tok.i >= 4):
            return trim_punct(doc[span.start : tok.i])
    return span


# Participles that open the speaker's next statement: '..., adding that ...', '..., noting that ...'.
_NEXT_STATEMENT = {"add", "say", "note", "stress", "insist", "warn", "explain", "emphasise", "emphasize", "argue",
                   "claim", "state", "underline", "point", "reiterate", "caution", "assert"}
# Participles by which a writer comments on a report rather than continuing it.
COMMENTING = {"suggest", "signal", "indicate", "underscore", "highlight", "reflect", "raise", "prompt", "spark",
               "fuel", "mark", "show", "echo", "hint", "cast", "deepen"}


def clip(span: Span, start: int, end: int) -> Span | None:
    """Keep a span inside one paragraph line."""
    clipped = span.doc.char_span(max(start, span.start_char), min(end, span.end_char), alignment_mode="contract")
    return trim_punct(clipped) if clipped is not None and len(clipped) else None


def object_of(verb: Token) -> Span | None:
    """What an accusation or appeal is about: 'accused X of <this>', 'called for <this>', 'implicated <this>'."""
    doc = verb.doc
    if verb.lemma_.lower() in ("accuse", "blame", "criticise", "criticize"):
        # 'accused X [before Y] of <this>': the parser may hang 'of' on a nearer noun. A charge named by a noun
        # ('accused the Philippines of “illegal provocations”') is what was said; what X is blamed for ('whom it
        # blames for a deadly attack', 'blamed a number of factors for the earnings decline') is the deed, not the
        # statement (which is that X did it), so blame keeps only an act told by a verb
        for prep in sorted((t for t in verb.subtree if t.i > verb.i), key=lambda t: t.i):
            if prep.lower_ in ("of", "for") and prep.dep_ == "prep":
                obj = next((c for c in children(prep) if c.dep_ in ("pcomp", "pobj")), None)
                if obj is not None and (prep.head.i == verb.i and verb.lemma_.lower() != "blame" or obj.pos_ == "VERB"):
                    end = max(obj.right_edge.i, _own_right_edge(verb), key=lambda e: e if e < sentence(verb).end else -1)
                    span = trim_punct(doc[obj.left_edge.i : end + 1])
                    return drop_framing(span) if span is not None else None
    lemma = verb.lemma_.lower()
    asked = _asked_to(verb)
    if asked is not None:
        return asked
    prep = next((c for c in children(verb) if c.lower_ == "for" and c.dep_ in ("prep", "prt")), None)
    if lemma in ("call", "appeal", "press", "push", "plead") or (prep is not None and lemma in ("urge", "demand")):
        # 'called for <this>', 'appealed for restraint from all sides'
        obj = next((c for c in children(prep) if c.dep_ == "pobj"), None) if prep is not None else None
        if obj is None:
            return None
        return trim_punct(doc[obj.left_edge.i : obj.right_edge.i + 1])
    if lemma in ("urge", "demand"):
        # 'urged restraint and deescalation', 'urged countries such as X to use their leverage'
        dobj = next((c for c in children(verb) if c.dep_ == "dobj"), None)
        if dobj is None:
            return None
        xcomp = next((c for c in children(verb) if c.dep_ == "xcomp" and c.i > dobj.i), None)
        if xcomp is None and dobj.ent_type_ in ("PERSON", "ORG", "GPE", "NORP"):
            return None  # 'urged Biden' says nothing yet
        end = xcomp.right_edge.i if xcomp is not None else dobj.right_edge.i
        return trim_punct(doc[dobj.left_edge.i : end + 1])
    if lemma in ("accuse", "blame"):
        return None  # without 'of' / an object clause there is no statement to keep
    dobj = next((c for c in children(verb) if c.dep_ == "dobj"), None)
    if dobj is None:
        return None
    end = max([c.right_edge.i for c in verb.rights if c.dep_ not in ("punct", "cc", "conj")] + [dobj.right_edge.i])
    return trim_punct(doc[verb.i + 1 : end + 1])


# Verbs that voice a verdict on something as what they call it: 'described the decision as timely and necessary',
# 'slammed the US strike as an “aggression” that would ...', 'dismissed the comments as selfish' (VerbNet
# characterize-29.2 and judgment-33 verbs with an 'as' complement).
VERDICT_AS_VERBS = {"describe", "characterise", "characterize", "portray", "depict", "paint", "slam", "brand", "label",
                    "term", "dub", "hail", "decry", "denounce", "criticise", "criticize", "dismiss", "reject", "condemn",
                    "blast", "deride", "ridicule", "praise", "welcome"}


def verdict_of(verb: Token) -> Span | None:
    """'described the decision as timely and necessary': what is judged and what it is called, as one statement.
    None when the verdict is wholly a quoted phrase ('rejected it as a “death birth”'): that phrase is the quote."""
    doc = verb.doc
    dobj = next((c for c in children(verb) if c.dep_ == "dobj" and c.i > verb.i), None)
    if dobj is None or dobj.pos_ == "PRON" and dobj.lower_ not in ("this", "that"):
        return None  # 'labelled it as such': a pronoun object leaves the statement's subject untold
    as_tok = next((t for t in verb.subtree if t.lower_ == "as" and t.i > dobj.right_edge.i
                   and (t.head.i == verb.i or t.head.head.i == verb.i and t.head.dep_ in ("advcl", "acomp", "oprd", "xcomp"))),
                  None)
    if as_tok is None:
        return None
    top = as_tok if as_tok.head.i == verb.i else as_tok.head
    end = max(top.right_edge.i, as_tok.right_edge.i) + 1
    if end < len(doc) and doc[end].text == ":":
        return None  # 'described the region as facing a defining moment: “...”': it introduces the quotation
    said = [t for t in doc[as_tok.i + 1 : end] if t.is_alpha and t.dep_ != "det"]
    if not said or all(t.lower_ in ("such", "well") for t in said):
        return None
    rest = doc[as_tok.i + 1 : end].text.strip()
    rest = rest.split(" ", 1)[1] if rest.split(" ", 1)[0].lower() in ("a", "an", "the") and " " in rest else rest
    if rest[:1] in "“\"«‘'" and rest.rstrip(" .,;")[-1:] in "”\"»’'" and not any(m in rest[1:-1] for m in "“”\"«»"):
        return None
    span = trim_punct(doc[dobj.left_edge.i : end])
    return drop_framing(span) if span is not None else None


def _asked_to(verb: Token) -> Span | None:
    """'called on both sides to stop fighting', 'calling on Venezuela's government to “immediately” release data',
    'appealed to X to ...': an appeal put to someone, like 'urged X to ...', is what the appeal says (the addressee
    and the infinitive); a bare 'called on X' (a visit) says nothing."""
    if verb.lemma_.lower() not in ("call", "appeal"):
        return None
    prep = next((c for c in children(verb) if c.dep_ == "prep" and c.lower_ in ("on", "upon", "to") and c.i > verb.i), None)
    pobj = next((c for c in children(prep) if c.dep_ == "pobj"), None) if prep is not None else None
    if pobj is None:
        return None
    xcomp = next((c for c in list(children(verb)) + list(children(pobj)) if c.dep_ in ("xcomp", "acl", "relcl")
                  and c.i > pobj.i and c.tag_ == "VB" and any(a.lower_ == "to" and a.dep_ == "aux" for a in children(c))),
                 None)
    if xcomp is None:
        return None
    return drop_framing(trim_punct(verb.doc[pobj.left_edge.i : xcomp.right_edge.i + 1]) or verb.doc[pobj.i : pobj.i + 1])


def commitment_of(verb: Token) -> Span | None:
    """What a promise or threat commits to: 'promised to end the war in a day', 'pledged 870 million doses'."""
    doc = verb.doc
    xcomp = next((c for c in children(verb) if c.dep_ == "xcomp" and c.i > verb.i), None)
    if xcomp is not None:
        return trim_punct(doc[xcomp.left_edge.i : xcomp.right_edge.i + 1])
    dobj = next((c for c in children(verb) if c.dep_ == "dobj"), None)
    if dobj is not None and dobj.ent_type_ not in ("PERSON", "ORG", "GPE", "NORP") and dobj.pos_ != "PRON":
        return trim_punct(doc[dobj.left_edge.i : dobj.right_edge.i + 1])
    return None


def _own_right_edge(verb: Token) -> int:
    """The last token of a verb's own phrase, not of clauses conjoined to it ('..., and Kyiv's supporters vowed')."""
    rights = [c.right_edge.i for c in verb.rights if c.dep_ not in ("punct", "cc", "conj", "parataxis")]
    return max(rights + [verb.i])


def cue_of(verb: Token, content: Span | None = None) -> str:
    """The speech verb with its auxiliaries and a following 'that': 'has warned', 'said that'."""
    doc = verb.doc
    start = verb.i
    while start > 0 and doc[start - 1].dep_ in ("aux", "auxpass", "advmod", "neg") and doc[start - 1].head == verb:
        start -= 1
    end = verb.i + 1
    if end < len(doc) and doc[end].lower_ in ("that", "for"):
        end += 1
    return doc[start:end].text


# A participle after a comma that starts the writer's comment or the speaker's next statement (', adding ...',
# ', calling it “...”'): the reported clause ends before it.
_NEW_CUE = COMMENTING | SPEECH_VERBS | OBJECT_VERBS | LABEL_VERBS

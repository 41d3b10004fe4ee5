"""Cluster event mentions from many articles into real-world events, without merging look-alike events."""
from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

import numpy as np

from ..nlp.embeddings import embed_spans, embed_texts
from ..nlp.gazetteer import fold
from ..records import ArticleRecord
from .doc_similarity import document_similarity, split_similarity  # noqa: F401  (event coreference's document views)


@dataclass(frozen=True)
class EventMention:
    """One mention of an event: its trigger in its sentence, plus what is known of its arguments."""

    doc_id: str
    mention_id: str
    trigger: str
    lemma: str
    sentence: str
    group: str = ""  # mentions are only clustered with mentions of the same group
    type: str | None = None  # e.g. a PLOVER type; different types never merge
    date: str | None = None  # ISO date (YYYY, YYYY-MM or YYYY-MM-DD)
    location: str | None = None
    participants: tuple[str, ...] = ()
    doc_text: str = ""  # whole article text, used to split a group into sub-topics
    span: tuple[int, int] | None = None
    country: str | None = None  # ISO code of where it happened; two different countries never merge
    roles: tuple[str | None, str | None] | None = None  # (source, target) when known as roles, as for our own events
    doc_people: tuple[str, ...] = ()  # every person-name mention of the whole document, in order (repeats count)
    published: str | None = None  # when the reporting article was written (ISO), if known


Vectors = tuple[np.ndarray, np.ndarray, np.ndarray]  # span (contextual trigger), sentence, trigger: a row per mention

# Pairwise logistic model, features in `_pair_features` order: lemma match, trigger-word cosine,
# contextual trigger cosine, sentence cosine, same document, shared named argument, document
# similarity (cross-document pairs), same sentence. Fitted (sklearn LogisticRegression, C=1) on all
# mention pairs of the ECB+ train topics inside predicted sub-topics; the threshold was chosen on train.
# The ninth feature, both triggers are reporting verbs, was added later with the first eight weights fixed:
# two 'said' are two statements unless much else agrees (weight by 1-D search on train: -1 .7868,
# -2 .7900, -3 .7941, -4 .7908 CoNLL; the same penalty on light verbs such as make/take hurt train).
PAIR_WEIGHTS = np.array([0.047, 2.512, 6.158, -1.271, 0.513, 0.068, 1.151, -1.672, -3.0])
PAIR_BIAS = -5.396
# Reporting verbs as lemmas and as the inflected forms our own event triggers carry.
REPORTING_VERBS = frozenset(
    w for lemma, forms in {
        "say": "said says saying", "tell": "told tells telling", "add": "added adds adding",
        "state": "stated states stating", "report": "reported reports reporting", "note": "noted notes noting",
        "explain": "explained explains explaining", "claim": "claimed claims claiming", "according": "",
    }.items() for w in (lemma, *forms.split())
)
MERGE_THRESHOLD = 0.3  # average-linkage stopping point on the pair probability
DOC_THRESHOLD = 0.12  # average split similarity below which sub-topics stay apart (chosen on ECB+ train)
DOC_ATTACH_THRESHOLD = 0.05  # a stray handful of documents joins its closest sub-topic above this similarity
MIN_SUBTOPIC_DOCS = 4  # sub-topics with fewer documents count as strays
# Split similarity taken off two documents centred on different people, neither of whom the other names.
# Chosen on ECB+ train (0.03-0.06 all give the same split there; 0.1 starts to cut real sub-topics).
MAIN_PERSON_PENALTY = 0.05


# ---------------------------------------------------------------- compatibility


_ISO = re.compile(r"^(\d{4})(?:-(\d{2}))?(?:-(\d{2}))?")


def dates_compatible(a: str | None, b: str | None) -> bool:
    """False only when two dates are known to differ at the precision both share."""
    if not a or not b:
        return True
    ma, mb = _ISO.match(a), _ISO.match(b)
    if not ma or not mb:
        return True
    for x, y in zip(ma.groups(), mb.groups()):
        if x is None or y is None:
            return True
        if x != y:
            return False
    return True


# Reports written further apart than this tell one event only when both give it the same explicit date: a
# story's coverage runs for days or weeks, and an undated 'call with Putin' five weeks later is another call.
STORY_WINDOW_DAYS = 30


def _day(value: str | None) -> date | None:
    """The first day an ISO date names ('2025-03' -> 1 March), or None."""
    m = _ISO.match(value or "")
    if not m:
        return None
    try:
        return date(int(m.group(1)), int(m.group(2) or 1), int(m.group(3) or 1))
    except ValueError:
        return None


def reported_close(a: EventMention, b: EventMention, window: int = STORY_WINDOW_DAYS) -> bool:
    """False when the two reports were written more than `window` days apart and do not both date the event
    (to the month at least) the same way; unknown writing dates never block."""
    pa, pb = _day(a.published), _day(b.published)
    if pa is None or pb is None or abs((pa - pb).days) <= window:
        return True
    return bool(a.date and b.date and len(a.date) >= 7 and len(b.date) >= 7 and dates_compatible(a.date, b.date))


def story_date_applies(own: str | None, story_date: str | None, written: str | None) -> bool:
    """A report takes its story's date when its own is missing or a less precise prefix of it, and the story's date
    does not fall after the report was written (compared at the precision both share); event_queries._INHERITS is
    the same rule in SQL."""
    if not story_date or (own and not (len(own) < len(story_date) and story_date.startswith(own))):
        return False
    n = min(len(story_date), len(written or ""))
    return not written or story_date[:n] <= written[:n]


SYMMETRIC_TYPES = {"CONSULT", "COOPERATE"}  # meetings and joint action: who is 'source' is often arbitrary


def roles_conflict(a: EventMention, b: EventMention) -> bool:
    """A different known source or target (for meetings: a different pair of parties) is a different event."""
    if a.roles is None or b.roles is None:
        return False
    ka, kb = {r for r in a.roles if r}, {r for r in b.roles if r}
    if a.type in SYMMETRIC_TYPES and a.type == b.type:
        return len(ka) == 2 and len(kb) == 2 and ka != kb
    return any(x and y and x != y for x, y in zip(a.roles, b.roles))


def roles_compatible(a: EventMention, b: EventMention) -> bool:
    """No role conflict, and reports in two articles link directly only through a shared known actor."""
    if roles_conflict(a, b):
        return False
    if a.roles is None or b.roles is None or a.doc_id == b.doc_id:
        return True
    return bool({r for r in a.roles if r} & {r for r in b.roles if r})


def same_structured_event(a: EventMention, b: EventMention) -> bool:
    """Reports whose structure already says they are one event: same type, agreeing actors (both known for
    directed types, at least one shared for meetings), dates and places that do not disagree."""
    if a.roles is None or b.roles is None or a.type is None or a.type != b.type:
        return False
    if not (dates_compatible(a.date, b.date) and roles_compatible(a, b) and reported_close(a, b)):
        return False
    if a.country and b.country and a.country != b.country:
        return False
    precise = [d for d in (a.date, b.date) if d and len(d) >= 7]
    if a.type in SYMMETRIC_TYPES:  # a meeting is a one-off: one dated report is enough to anchor it
        return bool(precise) and bool({r for r in a.roles if r} & {r for r in b.roles if r})
    # repeated acts (accusations, aid) between the same parties are common: both reports must be dated
    return len(precise) == 2 and all(a.roles) and a.roles == b.roles


def types_compatible(a: str | None, b: str | None) -> bool:
    """Two typed events of different types are never the same event."""
    return not a or not b or a.upper() == b.upper()


def _norm_tokens(text: str) -> set[str]:
    return {w for w in re.findall(r"[a-z0-9]+", text.lower()) if len(w) > 2}


# ---------------------------------------------------------------- documents


def person_key(name: str) -> str:
    """Surname key of a person's name: 'Vincent Jackson's' -> 'jackson'."""
    words = fold(re.sub(r"['’]s$", "", name.strip())).split()
    return words[-1] if words else ""


def main_person(people: Sequence[str]) -> str | None:
    """The person a document is about: the surname named most often, at least twice and more than any other."""
    counts = Counter(k for k in map(person_key, people) if k)
    top = counts.most_common(2)
    if not top or top[0][1] < 2 or (len(top) > 1 and top[1][1] == top[0][1]):
        return None
    return top[0][0]


def different_main_people(a: Sequence[str], b: Sequence[str]) -> bool:
    """Two reports centred on different people, neither of whom the other report names, tell different stories."""
    ma, mb = main_person(a), main_person(b)
    if not ma or not mb or ma == mb:
        return False
    return ma not in {person_key(x) for x in b} and mb not in {person_key(x) for x in a}


def _attach_strays(sim: np.ndarray, labels: list[int], threshold: float, min_size: int) -> list[int]:
    """Move sub-topics of fewer than min_size documents into their closest larger sub-topic when similar enough.

    A real story is told by several reports, so a lone report split off by one odd detail belongs with
    the sub-topic it resembles most.
    """
    groups: dict[int, list[int]] = {}
    for i, lab in enumerate(labels):
        groups.setdefault(lab, []).append(i)
    clusters = list(groups.values())
    while True:
        big = [c for c in clusters if len(c) >= min_size]
        small = sorted((c for c in clusters if len(c) < min_size), key=len)
        if not big or not small:
            break
        for c in small:
            best = max(big, key=lambda b: float(sim[np.ix_(c, b)].mean()))
            if sim[np.ix_(c, best)].mean() >= threshold:
                best.extend(c)
                clusters.remove(c)
                break
        else:
            break
    out = [0] * len(labels)
    for k, c in enumerate(clusters):
        for i in c:
            out[i] = k
    return out


def cluster_documents(
    texts: Sequence[str], threshold: float = DOC_THRESHOLD, people: Sequence[Sequence[str]] | None = None
) -> list[int]:
    """Split documents into sub-topics by average-linkage on split similarity, then re-home stray documents.

    people: each document's person-name mentions; documents about different main people are pulled apart.
    """
    n = len(texts)
    if n <= 1:
        return [0] * n
    sim = split_similarity(texts)
    if people is not None:
        for i in range(n):
            for j in range(i + 1, n):
                if different_main_people(people[i], people[j]):
                    sim[i, j] -= MAIN_PERSON_PENALTY
                    sim[j, i] -= MAIN_PERSON_PENALTY
    labels = _average_linkage(sim, np.zeros((n, n), dtype=bool), threshold)
    return _attach_strays(sim, labels, min(threshold, DOC_ATTACH_THRESHOLD), MIN_SUBTOPIC_DOCS)


# ---------------------------------------------------------------- clustering


def _average_linkage(sim: np.ndarray, cannot: np.ndarray, threshold: float) -> list[int]:
    """Average-linkage agglomeration on similarities; stops at threshold and never joins a cannot-link."""
    n = sim.shape[0]
    total = sim.astype(np.float64).copy()
    block = cannot.copy()
    size = np.ones(n)
    alive = np.ones(n, dtype=bool)
    members: list[list[int]] = [[i] for i in range(n)]
    while alive.sum() > 1:
        avg = total / np.outer(size, size)
        mask = ~block & np.outer(alive, alive)
        np.fill_diagonal(mask, False)
        avg = np.where(mask, avg, -np.inf)
        flat = int(np.argmax(avg))
        i, j = divmod(flat, n)
        if avg[i, j] < threshold:
            break
        total[i, :] += total[j, :]
        total[:, i] += total[:, j]
        block[i, :] |= block[j, :]
        block[:, i] |= block[:, j]
        size[i] += size[j]
        alive[j] = False
        members[i].extend(members[j])
        members[j] = []
    labels = [0] * n
    for c, idx in enumerate(i for i in range(n) if alive[i]):
        for m in members[idx]:
            labels[m] = c
    return labels


def _components(graph: np.ndarray) -> tuple[int, np.ndarray]:
    """Connected components of a graph given as an n x n boolean matrix (edges either way; the diagonal ignored),
    numbered in the order of their lowest node, as scipy.sparse.csgraph.connected_components numbers them: a
    story block's graph is small, and scipy's sparse set-up cost more than the search (most nodes stand alone)."""
    n = graph.shape[0]
    adj = graph | graph.T
    np.fill_diagonal(adj, False)
    comp = np.where(adj.any(axis=1), -1, -2)  # -2: no edge, a component of its own
    count = 0
    for start in range(n):
        if comp[start] >= 0:
            continue
        if comp[start] == -2:
            comp[start] = count
        else:
            comp[start] = count
            frontier = adj[start]
            while True:
                new = np.flatnonzero(frontier & (comp < 0))
                if not new.size:
                    break
                comp[new] = count
                frontier = adj[new].any(axis=0)
        count += 1
    return count, comp


def _linkage_by_component(sim: np.ndarray, cannot: np.ndarray, threshold: float) -> list[int]:
    """Average linkage run separately on each connected component of the graph of allowed pairs at or
    above threshold: the same clusters as one global run (a merge needs an average at or above threshold,
    so some allowed pair at or above it), without the cubic cost over a whole corpus."""
    n_comp, comp = _components((sim >= threshold) & ~cannot)
    labels = [0] * sim.shape[0]
    offset = 0
    for c in range(n_comp):
        idx = np.flatnonzero(comp == c)
        local = [0] if len(idx) == 1 else _average_linkage(sim[np.ix_(idx, idx)], cannot[np.ix_(idx, idx)], threshold)
        for i, lab in zip(idx, local):
            labels[i] = offset + lab
        offset += max(local) + 1
    return labels


def _pair_features(
    ms: Sequence[EventMention], trig: np.ndarray, ctx: np.ndarray, sent: np.ndarray, doc_sim: np.ndarray
) -> np.ndarray:
    """Pairwise features: lemma match, trigger/context/sentence similarity, document, arguments, reporting verbs.

    Written into one n x n x 9 array a feature at a time, and the shared-argument words counted over the words seen
    (float32 0/1: exact): every feature, their stack and a mentions x all-words float64 matrix held at once took
    ~200 MB for one story block of the 10,000-article stress store."""
    n = len(ms)
    feats = np.empty((n, n, 9))
    feats[..., 0] = _equal([m.lemma.lower().strip() for m in ms])
    feats[..., 1] = trig @ trig.T
    feats[..., 2] = ctx @ ctx.T
    feats[..., 3] = sent @ sent.T
    same_doc = _equal([m.doc_id for m in ms])
    feats[..., 4] = same_doc
    args = [_norm_tokens(" ".join(m.participants + ((m.location,) if m.location else ()))) for m in ms]
    vocab: dict[str, int] = {}
    cols = [[vocab.setdefault(w, len(vocab)) for w in a] for a in args]
    incidence = np.zeros((n, max(1, len(vocab))), dtype=np.float32)
    for i, c in enumerate(cols):
        incidence[i, c] = 1.0
    feats[..., 5] = (incidence @ incidence.T) > 0
    del incidence
    feats[..., 6] = doc_sim * (1 - same_doc)
    feats[..., 7] = same_doc * _equal([m.sentence for m in ms])
    del same_doc
    reporting = np.array([m.lemma.lower().strip() in REPORTING_VERBS for m in ms], dtype=float)
    feats[..., 8] = np.outer(reporting, reporting)
    return feats


def _equal(values: Sequence) -> np.ndarray:
    """1.0 where two values are equal, else 0.0 (n x n)."""
    seen: dict = {}
    codes = np.array([seen.setdefault(v, len(seen)) for v in values])
    return (codes[:, None] == codes[None, :]).astype(float)


def _cannot_link(ms: Sequence[EventMention]) -> np.ndarray:
    """Pairs that may never be one event: dates, writing dates, types, countries or roles disagree."""
    from .event_pairs import MATRIX_FROM, PairTests

    return PairTests(ms).cannot_link() if len(ms) >= MATRIX_FROM else _cannot_link_pairwise(ms)


def _cannot_link_pairwise(ms: Sequence[EventMention]) -> np.ndarray:
    """_cannot_link asked pair by pair (the definition the matrix form is tested against)."""
    n = len(ms)
    out = np.zeros((n, n), dtype=bool)
    for i in range(n):
        for j in range(i + 1, n):
            a, b = ms[i], ms[j]
            if (not dates_compatible(a.date, b.date) or not reported_close(a, b) or not types_compatible(a.type, b.type)
                    or (a.country and b.country and a.country != b.country) or not roles_compatible(a, b)):
                out[i, j] = out[j, i] = True
    return out


def span_of(m: EventMention) -> tuple[str, int, int]:
    """The sentence and the trigger's character span in it, as embed_spans takes them."""
    if m.span is not None:
        return m.sentence, m.span[0], m.span[1]
    at = m.sentence.find(m.trigger) if m.trigger else -1
    if at < 0:
        return m.sentence, 0, len(m.sentence)
    return m.sentence, at, at + len(m.trigger)


def pair_probabilities(
    ms: Sequence[EventMention], doc_sim: np.ndarray | None = None, vectors: Vectors | None = None
) -> tuple[np.ndarray, np.ndarray]:
    """Probability that each pair of mentions names the same event, and the features behind it.

    doc_sim holds the similarity of the two mentions' documents (defaults to one document set).
    vectors: the mentions' span, sentence and trigger vectors when made already (else they are embedded).
    """
    if vectors is not None:
        ctx, sent, trig = vectors
    else:
        ctx = embed_spans([span_of(m) for m in ms])  # also caches the sentence vectors
        sent = embed_texts([m.sentence for m in ms])
        trig = embed_texts([m.trigger or m.lemma for m in ms])
    if doc_sim is None:
        doc_sim = np.zeros((len(ms), len(ms)))
    feats = _pair_features(ms, trig, ctx, sent, doc_sim)
    prob = 1.0 / (1.0 + np.exp(-(feats @ PAIR_WEIGHTS + PAIR_BIAS)))
    return prob, feats


def cluster_event_mentions(
    mentions: Sequence[EventMention],
    *,
    threshold: float = MERGE_THRESHOLD,
    doc_threshold: float | None = DOC_THRESHOLD,
    vectors: Vectors | None = None,
) -> list[int]:
    """A cluster label per mention: same label = same real-world event; groups never mix.

    Documents of a group are first split into sub-topics (doc_threshold=None keeps one sub-topic),
    then mentions of a sub-topic are merged by average linkage on the pair probability; different
    day dates or different types block a merge.
    vectors: span, sentence and trigger vectors, one row per mention, when made already (a mention that
    cannot link to any other of its sub-topic is never joined, so its rows are never read).
    """
    labels = [-1] * len(mentions)
    next_label = 0
    by_group: dict[str, list[int]] = {}
    for i, m in enumerate(mentions):
        by_group.setdefault(m.group, []).append(i)
    for idx in by_group.values():
        docs = sorted({mentions[i].doc_id for i in idx})
        text: dict[str, str] = {}
        people: dict[str, tuple[str, ...]] = {}
        for i in idx:
            text.setdefault(mentions[i].doc_id, mentions[i].doc_text or mentions[i].sentence)
            people.setdefault(mentions[i].doc_id, mentions[i].doc_people)
        dsim = document_similarity([text[d] for d in docs]) if len(docs) > 1 else np.ones((1, 1))
        pos = {d: k for k, d in enumerate(docs)}
        if doc_threshold is None or len(docs) < 2:
            doc_label = {d: 0 for d in docs}
        else:
            doc_label = dict(
                zip(docs, cluster_documents([text[d] for d in docs], doc_threshold, [people[d] for d in docs]))
            )
        subs: dict[int, list[int]] = {}
        for i in idx:
            subs.setdefault(doc_label[mentions[i].doc_id], []).append(i)
        for sub in subs.values():
            ms = [mentions[i] for i in sub]
            if len(ms) == 1:
                local = [0]
            else:
                at = [pos[m.doc_id] for m in ms]
                given = None if vectors is None else tuple(v[sub] for v in vectors)
                prob, _ = pair_probabilities(ms, dsim[np.ix_(at, at)], given)  # type: ignore[arg-type]
                local = _linkage_by_component(prob, _cannot_link(ms), threshold)
            for i, lab in zip(sub, local):
                labels[i] = next_label + lab
            next_label += max(local) + 1
    return labels


def mentions_from_record(record: ArticleRecord, group: str = "") -> list[EventMention]:
    """EventMentions for one article's extracted events, so our own corpus clusters like ECB+."""
    art = record.article
    names = {e.key: e.name for e in record.entities}
    out: list[EventMention] = []
    for k, ev in enumerate(record.events):
        start, end = next(((a, b) for a, b in record.sentences if a <= ev.start < b), (ev.start, ev.end))
        sentence = art.body[start:end]
        trigger = ev.trigger or ev.evidence
        at = sentence.find(trigger, max(0, ev.start - start)) if trigger else -1
        if at < 0 and trigger:
            at = sentence.find(trigger)
        words = re.findall(r"[A-Za-z]+", trigger.lower())
        out.append(
            EventMention(
                doc_id=art.doc_id,
                mention_id=f"{art.doc_id}:{k}",
                trigger=trigger,
                lemma=words[-1] if words else trigger.lower(),
                sentence=sentence,
                group=group,
                type=ev.type,
                date=ev.date,
                location=names.get(ev.location or "", ev.location),
                participants=tuple(names.get(a, a) for a in (ev.source, ev.target) if a),
                doc_text=art.body,
                span=(at, at + len(trigger)) if at >= 0 else None,
            )
        )
    return out

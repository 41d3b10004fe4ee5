"""Hard wraps, line endings and odd spaces never change what is extracted (metamorphic tests on the seeds and
the dev plain-text articles, read from ../shared), and real hard-wrapped text is rejoined into paragraphs."""
from __future__ import annotations

import random
import re
import textwrap
from pathlib import Path

import pytest

from newsgraph.ingest import article_from_text, clean_plaintext
from newsgraph.ingest.paragraphs import normalise_text, unwrap_lines, wrap_width

SHARED = Path(__file__).resolve().parents[2].parent / "shared"
SEEDS = SHARED / "seeds"
DEV = SHARED / "dev" / "texts"
# Fold A plain-text articles (d3a: one 4,669-character line; d3b: wire copy, a paragraph per line).
DEV_TXT = [DEV / "d3a_south_sudan_peace_oil.txt", DEV / "d3b_soleimani_world_reaction.txt"]
HARD_WRAPPED = DEV / "d4a_trump_zelenskyy_call_energy_ceasefire.md"  # pandoc body wrapped at 72, NBSP padding


def _texts() -> dict[str, str]:
    paths = sorted(SEEDS.glob("*.txt")) + DEV_TXT
    if not paths or not all(p.is_file() for p in paths):
        pytest.fail(f"seed and dev texts missing under {SHARED}")
    return {p.stem: p.read_text(encoding="utf-8") for p in paths}


def hard_wrap(text: str, width: int) -> str:
    """Every paragraph line wrapped at width as fmt/textwrap do (breaking at hyphens too), blank lines kept."""
    return "\n".join(textwrap.fill(line, width) if line.strip() else "" for line in text.split("\n"))


def with_nbsp(text: str) -> str:
    """No-break spaces after sentences and inside phrases, and non-breaking hyphens, as word processors save."""
    return re.sub(r"(?<=\w)-(?=\w)", "\u2011", text.replace(". ", ".\u00a0 ").replace(" the ", " the\u00a0"))


VARIANTS = {
    "wrapped at 60": lambda t: hard_wrap(t, 60),
    "wrapped at 72": lambda t: hard_wrap(t, 72),
    "CRLF": lambda t: t.replace("\n", "\r\n"),
    "NBSP and U+2011": with_nbsp,
    "wrapped at 72, CRLF, NBSP": lambda t: with_nbsp(hard_wrap(t, 72)).replace("\n", "\r\n"),
}


@pytest.mark.parametrize("variant", VARIANTS)
def test_wrapping_and_line_endings_do_not_change_the_cleaned_article(variant):
    """Title and body of every seed and dev .txt are the same text whatever the wrapping and line endings."""
    for name, text in _texts().items():
        plain = clean_plaintext(text)
        changed = clean_plaintext(VARIANTS[variant](text))
        assert changed.title == plain.title, name
        assert changed.body == plain.body, name


def test_hard_wrapped_real_article_is_rejoined_into_paragraphs():
    """d4a's body is pandoc output wrapped at 72 columns with NBSP padding: its width is found, and every
    rejoined paragraph ends a sentence (no line stops mid-sentence, so no name is cut in two)."""
    text = HARD_WRAPPED.read_text(encoding="utf-8")
    body = text.split("\n---\n", 1)[1]
    wrap = wrap_width(normalise_text(body).split("\n"))
    assert wrap is not None and 68 <= wrap.width <= 74, wrap
    paragraphs = [p for p in unwrap_lines(body) if len(p) > 1]
    wrapped_lines = [line for line in normalise_text(body).split("\n") if len(line.strip()) > 1]
    assert len(paragraphs) < len(wrapped_lines) / 4
    assert all(re.search(r"[.!?][”\"]?$", p) for p in paragraphs), [p[-40:] for p in paragraphs]
    assert all("\u00a0" not in p and "  " not in p for p in paragraphs)


def test_text_that_is_not_hard_wrapped_has_no_wrap_width():
    """Seeds (a paragraph per line), scraped single-line text and markdown with long lines are not wrapped
    text: the lower-case continuation rule alone applies to them."""
    texts = _texts() | {p.stem: p.read_text(encoding="utf-8") for p in sorted(DEV.glob("d[1-4]*")) if p != HARD_WRAPPED}
    for name, text in texts.items():
        assert wrap_width(normalise_text(text).split("\n")) is None, name


def test_ragged_lines_with_typeset_hyphens_rejoin_to_the_same_words():
    """Lines broken at varying widths before lower-case words, with words hyphenated at the break (PDF text),
    rejoin to the original paragraphs: the hyphen goes where the text writes the word whole, stays where it
    writes a compound. (Ragged text has no wrap width, so a break before a capital is kept as a line.)"""
    rng = random.Random(12)
    for name, text in _texts().items():
        paragraphs = [p for p in text.split("\n") if len(p.split()) >= 20]
        ragged = []
        for paragraph in paragraphs:
            lines, line = [], ""
            for word in paragraph.split():
                if len(line) + len(word) + 1 > rng.randint(45, 90) and line and word[:1].islower():
                    cut = len(word) // 2
                    if len(word) >= 8 and word.isalpha() and word.islower() and f"{word[:cut]}-" not in text:
                        line, word = f"{line} {word[:cut]}-", word[cut:]  # a typesetter's hyphen
                    lines.append(line.strip())
                    line = ""
                line = f"{line} {word}"
            lines.append(line.strip())
            ragged.append("\n".join(lines))
        rejoined = unwrap_lines("\n\n".join(ragged))
        assert [p for p in rejoined if p] == [" ".join(p.split()) for p in paragraphs], name


def _records(texts: dict[str, str]):
    from newsgraph.api import analyse_articles

    articles = [article_from_text(t, doc_id=k, source=k) for k, t in texts.items()]
    return {r.article.doc_id: r for r in analyse_articles(articles)}


def _facts(record) -> dict[str, set]:
    """What was extracted, without offsets: entities, events (type, source, target), quotes (speaker, content)."""
    names = {e.key: e.name for e in record.entities}
    return {
        "entities": {(e.name, e.type) for e in record.entities},
        "events": {(ev.type, names.get(ev.source), names.get(ev.target)) for ev in record.events},
        "quotes": {(names.get(q.speaker), " ".join(q.content.split())) for q in record.quotes},
    }


def test_wrapped_crlf_nbsp_articles_give_the_same_entities_events_and_quotes():
    """Through the whole pipeline: a seed and a dev wire story, hard-wrapped at 60 and at 72 columns with
    CRLF endings and no-break spaces, give the same records as the plain originals."""
    texts = _texts()
    chosen = {k: texts[k] for k in sorted(texts) if k.startswith(("001_", "d3b_"))}
    assert len(chosen) == 2
    variants = dict(chosen)
    for k, t in chosen.items():
        variants[f"{k}@60"] = hard_wrap(t, 60)
        variants[f"{k}@72"] = with_nbsp(hard_wrap(t, 72)).replace("\n", "\r\n")
    records = _records(variants)
    for k in chosen:
        plain = _facts(records[k])
        assert plain["entities"] and plain["events"] and plain["quotes"], k
        for suffix in ("@60", "@72"):
            assert _facts(records[k + suffix]) == plain, k + suffix


def test_a_single_line_break_inside_a_sentence_does_not_start_one():
    """Bodies that keep a reader's wraps (HTML line breaks, PDF lines): the parser is not told that a line
    going on in lower case after a line without final punctuation starts a sentence; blank lines still do."""
    from newsgraph.nlp.pipeline import get_nlp

    texts = _texts()
    bodies = [clean_plaintext(texts[k]).body for k in sorted(texts) if k[:3].isdigit()]
    wrapped = [hard_wrap(b, 60) for b in bodies]
    cut_mid_sentence = 0
    for doc in get_nlp().pipe(wrapped):
        for sent in doc.sents:
            prev = doc[sent.start - 1] if sent.start else None
            if prev is not None and prev.text == "\n" and sent[0].text[:1].islower():
                cut_mid_sentence += 1
        breaks = [t for t in doc if t.is_space and t.text.count("\n") > 1 and t.i + 1 < len(doc)]
        assert all(doc[t.i + 1].is_sent_start for t in breaks)
    lower_after_break = sum(len(re.findall(r"[^.!?:;”\"'\n]\n[a-z]", w)) for w in wrapped)
    assert lower_after_break > 20 and cut_mid_sentence == 0

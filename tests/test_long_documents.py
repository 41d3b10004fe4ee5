"""Long documents: a 10 MB text is read and cut into paragraph-aligned sections that join back into it, and
a text longer than the parser takes is analysed section by section with offsets into the whole body."""
from __future__ import annotations

import re
from pathlib import Path

import pytest

from newsgraph.ingest import iter_articles
from newsgraph.nlp import sections
from newsgraph.nlp.sections import SECTION_CHARS, section_bounds
from newsgraph.records import Article

SEEDS = Path(__file__).resolve().parents[1].parent / "shared" / "seeds"
TEN_MB = 10_000_000


def _seed_text() -> str:
    texts = [p.read_text(encoding="utf-8") for p in sorted(SEEDS.glob("*.txt"))]
    if not texts:
        pytest.fail(f"seeds missing at {SEEDS}")
    return "\n\n".join(texts)


def _check_sections(text: str, limit: int, boundary: re.Pattern[str]) -> list[tuple[int, int]]:
    bounds = section_bounds(text, limit)
    assert "".join(text[s:e] for s, e in bounds) == text
    assert all(e - s <= limit for s, e in bounds)
    assert all(a[1] == b[0] for a, b in zip(bounds, bounds[1:]))
    for _, end in bounds[:-1]:
        assert boundary.search(text[:end]), text[end - 40:end + 40]
    return bounds


def test_a_10_mb_text_file_is_read_and_cut_at_paragraph_breaks(tmp_path):
    """A 10 MB file of the seed articles over and over is read as one Article (the file after it too), and
    its body, megabytes long, falls into sections under the limit, each ending at a paragraph break."""
    seed = _seed_text()
    path = tmp_path / "ten_mb.txt"
    path.write_text((seed + "\n\n") * (TEN_MB // len(seed) + 1), encoding="utf-8")
    (tmp_path / "zz_after.txt").write_text(seed, encoding="utf-8")
    out = list(iter_articles([tmp_path]))
    assert [type(a) for a in out] == [Article, Article], out[:1]
    body = out[0].body
    assert len(body) > 10 * SECTION_CHARS
    bounds = _check_sections(body, SECTION_CHARS, re.compile(r"\n\n$"))
    assert len(bounds) >= len(body) // SECTION_CHARS


def test_a_single_line_text_is_cut_at_sentence_ends():
    """A scraped article kept on one line (like dev d3a), 10 MB long: sections end after a sentence."""
    line = " ".join(_seed_text().split())
    text = " ".join([line] * (TEN_MB // len(line) + 1))
    _check_sections(text, SECTION_CHARS, re.compile(r"[.!?”\"]\s+$"))


def test_a_text_longer_than_the_parser_takes_is_analysed_in_sections(monkeypatch):
    """With the parser's max_length below the text (spaCy's E088 would stop the batch), the text is parsed
    and analysed section by section: the next article is still analysed, and every mention, event and quote
    points into the whole body at its own text."""
    from newsgraph.api import analyse_articles
    from newsgraph.ingest import article_from_text
    from newsgraph.nlp.pipeline import get_nlp

    seed = next(SEEDS.glob("001_*.txt")).read_text(encoding="utf-8")
    long_article = article_from_text("\n\n".join([seed] * 4), doc_id="long", source="long")
    short_article = article_from_text(seed, doc_id="short", source="short")
    nlp = get_nlp()
    monkeypatch.setattr(nlp, "max_length", 3_000)
    monkeypatch.setattr(sections, "LONG_TEXT_CHARS", 2_500)
    monkeypatch.setattr(sections, "SECTION_CHARS", 2_000)
    assert len(long_article.body) > 2 * nlp.max_length
    records = {r.article.doc_id: r for r in analyse_articles([long_article, short_article])}
    assert set(records) == {"long", "short"}
    long, short = records["long"], records["short"]
    body = long.article.body
    for m in long.mentions:
        assert body[m.start:m.end] == m.text
    for ev in long.events:
        assert body[ev.start:ev.end] == ev.evidence
    for q in long.quotes:
        assert " ".join(q.content.split()) in " ".join(body[q.start:q.end].split())  # content drops end punctuation
    assert all(0 <= s < e <= len(body) for s, e in long.sentences)
    # the same article four times: what the short one finds, the long one finds (four times over)
    assert {e.name for e in short.entities} <= {e.name for e in long.entities}
    assert len(long.quotes) >= 3 * len(short.quotes) > 0
    assert len(long.events) >= 3 * len(short.events) > 0

"""Hostile input: ingest never raises and names the bad file; the pipeline survives weird but valid text."""
from __future__ import annotations

import json
import tempfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from newsgraph.api import read_inputs
from newsgraph.ingest import iter_articles
from newsgraph.records import Article, IngestError

REPO = Path(__file__).resolve().parents[1]
SEEDS = REPO.parent / "shared" / "seeds"

pytestmark = pytest.mark.skipif(not SEEDS.is_dir(), reason=f"shared seeds not found at {SEEDS}")

FUZZ = settings(max_examples=25, deadline=None, derandomize=True, database=None,
                suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])

WORDS = ["Bamako", "Москва", "北京", "القاهرة", "ירושלים", "the", "army", "said", "é", "ß", "🙂", "👩‍👩‍👧", "\u200f",
         "\u202e", "\ufeff", "\x00", "&amp;", "<b>", "\t", "\r\n", "—", "«", "»", "\"", "'"]
ENCODINGS = ["utf-8", "utf-16", "latin-1", "cp1252", "shift_jis", "koi8-r", "utf-8-sig"]


def _mixed_text() -> st.SearchStrategy[str]:
    return st.lists(st.sampled_from(WORDS) | st.text(max_size=12), min_size=0, max_size=60).map(" ".join)


def _encoded(text: str, enc: str) -> bytes:
    return text.encode(enc, errors="replace")


HOSTILE_FILES = st.one_of(
    st.tuples(st.sampled_from([".txt", ".html", ".jsonl"]), st.binary(max_size=4000)),  # random bytes
    st.tuples(st.sampled_from([".txt", ".html"]),  # one huge line
              st.integers(10_000, 300_000).map(lambda n: (b"word " * (n // 5 + 1))[:n])),
    st.tuples(st.just(".html"),  # deep nesting, unclosed tags
              st.integers(100, 20_000).map(lambda n: (b"<div><span>" * n) + b"<p>Deep text here.</p>")),
    st.tuples(st.sampled_from([".txt", ".html"]),  # mixed encodings and scripts in one file
              st.lists(st.tuples(_mixed_text(), st.sampled_from(ENCODINGS)), min_size=1, max_size=5)
              .map(lambda parts: b"\n".join(_encoded(t, e) for t, e in parts))),
    st.tuples(st.just(".jsonl"),  # JSONL garbage mixed with odd but valid objects
              st.lists(st.one_of(st.binary(max_size=80),
                                 st.builds(lambda v: json.dumps(v).encode(), st.none() | st.integers() | st.lists(st.integers(), max_size=3)),
                                 st.builds(lambda t, i: json.dumps({"id": i, "text": t}).encode(), _mixed_text(), st.text(max_size=5) | st.integers()),
                                 st.builds(lambda h: json.dumps({"html": h}).encode(), st.text(max_size=200))),
                       max_size=8).map(b"\n".join)),
)


@pytest.fixture(scope="module")
def good_text() -> str:
    return sorted(SEEDS.glob("*.txt"))[0].read_text(encoding="utf-8")


@FUZZ
@given(HOSTILE_FILES)
def test_hostile_files_never_raise_and_errors_name_the_file(good_text: str, case: tuple[str, bytes]) -> None:
    suffix, data = case
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        bad = folder / f"hostile{suffix}"
        bad.write_bytes(data)
        (folder / "zz_good.txt").write_text(good_text, encoding="utf-8")
        items = list(iter_articles([folder]))  # must not raise
        articles, errors = read_inputs([folder])
    assert len(articles) + len(errors) == len(items)
    assert "zz_good" in [a.doc_id for a in articles], "one bad file must not stop the rest"
    for e in errors:
        assert isinstance(e, IngestError) and e.code.startswith("E") and e.message
        assert e.source.startswith(str(bad)), e  # the error names the file (and line, for JSONL)
        assert str(bad) in str(e)
    for a in articles:
        assert isinstance(a.body, str) and a.body.strip()


def test_missing_and_unsupported_inputs_are_errors_not_exceptions(tmp_path: Path) -> None:
    (tmp_path / "notes.bin").write_bytes(b"\x00\x01")
    articles, errors = read_inputs([tmp_path / "nope.txt", tmp_path / "notes.bin"])
    assert articles == [] and [e.code for e in errors] == ["E109", "E108"]
    assert all(e.source for e in errors)


WEIRD_BODIES = [
    ".", "?!", "…", "— – -", "\"\"\"", "''", "!!!???...;;;", "(((((((((())))))))))",
    "x" * 100_000,  # a 100k-character single line (one token)
    "12,345.67 -- ;; " * 1_500,  # a 24k-character single line of numbers and punctuation
    "الجيش قال إن الهجوم وقع يوم الاثنين في باماكو.\u200f \u202eReversed\u202c text.",
    "צבא מאלי הודיע כי התקיפה התרחשה ביום שני.",
    "🙂🙂🙂 👩‍👩‍👧 🇲🇱 said the 🪖 army 🔥 on Monday 📅.",
    "\ufeff\u200b\u200d\u2060 \u00a0\u2028\u2029",
    "Le ministre a déclaré « nous partirons » lundi. Der Minister sagte am Montag: „Wir gehen.“",
    '"He said" "she said" "they said" " " "',
    "\n".join(["UPPERCASE HEADLINE SAYS WHAT"] * 50),
]


def _check(record, body: str) -> None:
    n = len(body)
    for span in (*((m.start, m.end) for m in record.mentions), *((e.start, e.end) for e in record.events),
                 *((q.start, q.end) for q in record.quotes), *((t.start, t.end) for t in record.timex)):
        assert 0 <= span[0] <= span[1] <= n


def test_pipeline_survives_weird_but_valid_bodies() -> None:
    from newsgraph.pipeline import analyse

    articles = [Article(doc_id=f"weird{i}", body=b) for i, b in enumerate(WEIRD_BODIES)]
    records = list(analyse(articles))
    assert [r.article.doc_id for r in records] == [a.doc_id for a in articles]
    for r in records:
        _check(r, r.article.body)


@settings(max_examples=15, deadline=None, derandomize=True, database=None,
          suppress_health_check=[HealthCheck.too_slow])
@given(st.text(st.characters(blacklist_categories=("Cs",)), min_size=1, max_size=400) | _mixed_text())
def test_pipeline_survives_random_unicode(body: str) -> None:
    from newsgraph.pipeline import analyse

    records = list(analyse([Article(doc_id="fuzz", body=body)]))
    assert len(records) == 1
    _check(records[0], body)

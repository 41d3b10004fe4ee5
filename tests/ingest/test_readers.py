"""iter_articles on real seed files, JSONL with given metadata, and every kind of bad input."""
from __future__ import annotations

import gzip
import json
from pathlib import Path

import pytest

from newsgraph import errors
from newsgraph.ingest import MAX_BYTES, iter_articles
from newsgraph.records import Article, IngestError

SHARED = Path(__file__).resolve().parents[2].parent / "shared"
SEEDS = SHARED / "seeds"
BENCH = SHARED / "benchmarks" / "article_extraction" / "dev_trafilatura_en"

pytestmark = pytest.mark.skipif(not SEEDS.is_dir(), reason=f"shared seeds not found at {SEEDS}")


def _one(paths) -> Article | IngestError:
    out = list(iter_articles(paths))
    assert len(out) == 1, out
    return out[0]


def _seed(prefix: str) -> Path:
    return next(SEEDS.glob(f"{prefix}_*.txt"))


def test_folder_yields_every_seed_in_sorted_order():
    out = list(iter_articles([SEEDS]))
    assert all(isinstance(a, Article) for a in out)
    files = sorted(SEEDS.glob("*.txt"))
    assert [a.doc_id for a in out] == [p.stem for p in files]
    assert [a.source for a in out] == [str(p) for p in files]
    assert all(a.language == "en" for a in out)


def test_folder_skips_notes_and_json_but_reports_unknown_files(tmp_path):
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "b.txt").write_text(_seed("002").read_text(encoding="utf-8"), encoding="utf-8")
    (tmp_path / "a.txt").write_text(_seed("000").read_text(encoding="utf-8"), encoding="utf-8")
    (tmp_path / "NOTES.rst").write_text("notes", encoding="utf-8")
    (tmp_path / "gold.json").write_text("{}", encoding="utf-8")
    (tmp_path / ".hidden.txt").write_text("x", encoding="utf-8")
    (tmp_path / "weird.foo").write_text("x", encoding="utf-8")
    out = list(iter_articles([tmp_path]))
    assert [a.doc_id for a in out if isinstance(a, Article)] == ["a", "b"]
    errs = [e for e in out if isinstance(e, IngestError)]
    assert [(Path(e.source).name, e.code) for e in errs] == [("weird.foo", errors.UnsupportedFormat.code)]


def test_explicit_unsupported_file_is_an_error(tmp_path):
    p = tmp_path / "report.docx"
    p.write_bytes(b"PK\x03\x04 hello")
    err = _one([p])
    assert isinstance(err, IngestError) and err.code == errors.UnsupportedFormat.code
    assert "unsupported file type '.docx'" in err.message


def test_missing_path_is_reported_and_the_batch_goes_on(tmp_path):
    out = list(iter_articles([tmp_path / "nope.txt", _seed("003")]))
    assert isinstance(out[0], IngestError) and out[0].code == errors.MissingPath.code
    assert "does not exist" in out[0].message
    assert isinstance(out[1], Article) and out[1].title == "Russia Boosts Presence in Mali"


@pytest.mark.parametrize("content", [b"", b"  \n\n \t\n"])
def test_empty_file(tmp_path, content):
    p = tmp_path / "empty.txt"
    p.write_bytes(content)
    err = _one([p])
    assert isinstance(err, IngestError) and err.code == errors.EmptyInput.code
    assert "empty" in err.message


def test_binary_file(tmp_path):
    p = tmp_path / "photo.txt"
    p.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)) * 20)
    err = _one([p])
    assert isinstance(err, IngestError) and err.code == errors.BinaryInput.code
    assert "binary" in err.message


def test_invalid_utf8_that_is_clearly_cp1252_text_is_read_with_a_warning(tmp_path, caplog):
    text = _seed("001").read_text(encoding="utf-8")
    p = tmp_path / "legacy.txt"
    p.write_bytes(text.encode("cp1252"))
    with caplog.at_level("WARNING"):
        art = _one([p])
    assert "invalid UTF-8" in caplog.text and "Windows-1252" in caplog.text
    assert isinstance(art, Article)
    assert art.author == "Caroline Finnegan"
    assert "Mali’s Foreign Minister Abdoulaye Diop" in art.body


def test_utf16_with_a_byte_order_mark_is_text_not_binary(tmp_path):
    p = tmp_path / "wide.txt"
    p.write_bytes(_seed("003").read_text(encoding="utf-8").encode("utf-16"))
    art = _one([p])
    assert isinstance(art, Article) and art.author == "Grzegorz Kuczyński"


def test_invalid_utf8_that_is_not_text_gets_a_clear_error(tmp_path):
    p = tmp_path / "garbled.txt"
    p.write_bytes(("Lavrov visited Bamako. ".encode() + bytes(range(0xC0, 0x100))) * 50)
    err = _one([p])
    assert isinstance(err, IngestError) and err.code == errors.EncodingError.code
    assert "invalid UTF-8" in err.message


def test_too_large_file_is_refused_without_reading_it(tmp_path):
    p = tmp_path / "huge.txt"
    with p.open("wb") as fh:  # sparse: no 50 MB is written
        fh.truncate(MAX_BYTES + 1)
    err = _one([p])
    assert isinstance(err, IngestError) and err.code == errors.TooLarge.code
    assert "too large" in err.message


@pytest.mark.parametrize("html", ["<html><body><div></div></body></html>", "<<<not html at all>>>", "<p>"])
def test_html_without_article_text(tmp_path, html):
    p = tmp_path / "broken.html"
    p.write_text(html, encoding="utf-8")
    err = _one([p])
    assert isinstance(err, IngestError) and err.code == errors.BadHTML.code
    assert "no article text found" in err.message


@pytest.mark.skipif(not BENCH.is_dir(), reason=f"benchmark not found at {BENCH}")
def test_html_file_gives_body_title_and_date(tmp_path):
    index = json.loads((BENCH / "evaldata_en.json").read_text(encoding="utf-8"))
    url, item = next((u, i) for u, i in index.items() if "japantimes" in u)
    p = tmp_path / "page.html"
    p.write_bytes(gzip.decompress((BENCH / item["file"]).read_bytes()))
    art = _one([p])
    assert isinstance(art, Article) and art.doc_id == "page"
    assert all(s in " ".join(art.body.split()) for s in item["with"])
    assert art.title and "masks" in art.title.lower()
    assert art.published and art.published_precision == "day"


def _jsonl(tmp_path: Path, rows: list[str]) -> Path:
    p = tmp_path / "batch.jsonl"
    p.write_text("\n".join(rows) + "\n", encoding="utf-8")
    return p


def test_jsonl_given_metadata_wins_but_text_is_still_cleaned(tmp_path):
    text = _seed("003").read_text(encoding="utf-8")
    row = {"id": "wi-1", "text": text, "title": "Given title", "published": "2023-02",
           "author": "Given Author", "outlet": "Given Outlet", "url": "https://example.org/a"}
    p = _jsonl(tmp_path, [json.dumps(row)])
    art = _one([p])
    assert isinstance(art, Article)
    assert (art.doc_id, art.source) == ("wi-1", f"{p}:1")
    assert (art.title, art.author, art.outlet, art.url) == ("Given title", "Given Author", "Given Outlet",
                                                            "https://example.org/a")
    assert (art.published, art.published_precision) == ("2023-02", "month")
    assert "TAGS:" not in art.body and "please support our actions" not in art.body


def test_jsonl_without_metadata_falls_back_to_the_text(tmp_path):
    text = _seed("004").read_text(encoding="utf-8")
    p = _jsonl(tmp_path, [json.dumps({"id": "x", "text": text})])
    art = _one([p])
    assert (art.published, art.published_precision) == ("2021-10-19", "day")


def test_jsonl_bad_lines_are_reported_by_line_and_the_rest_is_read(tmp_path):
    good = json.dumps({"id": "ok", "text": _seed("000").read_text(encoding="utf-8")})
    p = _jsonl(tmp_path, [good, "{not json", json.dumps({"id": "n", "title": "no text"}), "", "[1, 2]",
                          json.dumps({"id": "e", "text": "   "})])
    out = list(iter_articles([p]))
    assert isinstance(out[0], Article) and out[0].doc_id == "ok"
    errs = [(e.source, e.code) for e in out[1:]]
    assert errs == [(f"{p}:2", errors.BadJSONL.code), (f"{p}:3", errors.NoText.code),
                    (f"{p}:5", errors.BadJSONL.code), (f"{p}:6", errors.EmptyInput.code)]
    assert "line 2 is not valid JSON" in out[1].message
    assert "neither a 'text' nor an 'html'" in out[2].message


@pytest.mark.skipif(not BENCH.is_dir(), reason=f"benchmark not found at {BENCH}")
def test_jsonl_html_line(tmp_path):
    index = json.loads((BENCH / "evaldata_en.json").read_text(encoding="utf-8"))
    url, item = next(iter(index.items()))
    html = gzip.decompress((BENCH / item["file"]).read_bytes()).decode("utf-8")
    p = _jsonl(tmp_path, [json.dumps({"id": "h1", "html": html, "url": url, "outlet": "Given"})])
    art = _one([p])
    assert isinstance(art, Article) and art.url == url and art.outlet == "Given"
    assert item["with"][0] in " ".join(art.body.split())

"""PDF reader on the real PDFs of ../shared/dev/pdf (read in place, never copied) and on broken PDFs made here."""
from __future__ import annotations

import ctypes
from pathlib import Path

import pypdfium2 as pdfium
import pytest

from newsgraph.evaluate.pdf_expect import check_pdf, normalise
from newsgraph.ingest import iter_articles
from newsgraph.ingest.pdf import article_from_pdf
from newsgraph.records import Article, IngestError

PDF_DIR = Path(__file__).resolve().parents[2].parent / "shared" / "dev" / "pdf"
PDFS = sorted(PDF_DIR.glob("*.pdf"))

pytestmark = pytest.mark.skipif(len(PDFS) < 7, reason=f"the dev PDFs are missing at {PDF_DIR}")


def _pdf(prefix: str) -> Path:
    return next(p for p in PDFS if p.name.startswith(prefix))


@pytest.fixture(scope="module")
def checks():
    return [check_pdf(p) for p in PDFS]


def test_body_sentences_found(checks):
    """Issue 12 target: >= 95% of the must_contain sentences are in the body (measured 100%: pinned at 97%)."""
    found = sum(c.found for c in checks)
    must = sum(c.must for c in checks)
    assert found / must >= 0.97, [(c.doc_id, c.missing) for c in checks if c.missing]


def test_furniture_removed(checks):
    """Issue 12 target: <= 10% of the must_not_contain furniture strings are left (measured 0%: pinned at 5%)."""
    left = sum(c.left for c in checks)
    total = sum(c.must_not for c in checks)
    assert left / total <= 0.05, [(c.doc_id, c.leftover) for c in checks if c.leftover]


def test_metadata(checks):
    """Title right on >= 5 of the 7 (issue target; measured 7, pinned at 6); dates 7 and authors 6 of 7 (p4's
    byline exists only as an image)."""
    assert sum(c.title_ok for c in checks) >= 6, [(c.doc_id, c.article and c.article.title) for c in checks]
    assert sum(c.date_ok for c in checks) >= 6, [(c.doc_id, c.article and c.article.published) for c in checks]
    assert sum(c.author_ok for c in checks) >= 6, [(c.doc_id, c.article and c.article.author) for c in checks]
    assert all(c.error is None for c in checks)


def test_paragraphs_and_hyphens(checks):
    """Lines are rejoined: paragraphs are separated by one blank line and hold no line breaks; typesetter
    hyphens are gone while real compounds broken at a line end keep theirs."""
    by_id = {c.doc_id: c.article for c in checks}
    for art in by_id.values():
        assert "\n\n\n" not in art.body
        paras = art.body.split("\n\n")
        assert all("\n" not in p for p in paras)
        assert sum(len(p.split()) >= 40 for p in paras) >= 3
    journal = normalise(by_id[_pdf("p5").stem].body)
    assert "catastrophically" in journal and "catastroph-ically" not in journal
    assert "UCDP-GED" in journal or "UCDPGED" not in journal
    column = normalise(by_id[_pdf("p3").stem].body)
    assert "President-elect" in column and "Presidentelect" not in column


def test_footnote_markers_dropped(checks):
    """Superscript note numbers glued to words are not part of the sentence they follow."""
    report = normalise(next(c.article for c in checks if c.doc_id.startswith("p6")).body)
    assert "in 1995." in report and "in 1995.12" not in report


def _truncated(tmp_path: Path) -> Path:
    data = _pdf("p1").read_bytes()
    out = tmp_path / "truncated.pdf"
    out.write_bytes(data[: len(data) // 2])
    return out


def _encrypted(tmp_path: Path) -> Path:
    from pypdf import PdfReader, PdfWriter

    writer = PdfWriter()
    writer.append(PdfReader(_pdf("p7")))
    writer.encrypt(user_password="secret", owner_password="owner", algorithm="RC4-128")
    out = tmp_path / "encrypted.pdf"
    with out.open("wb") as fh:
        writer.write(fh)
    return out


def _image_only(tmp_path: Path, stamp: bool = False) -> Path:
    """Pages that are only a picture (a scan), optionally with a one-line text stamp like a library's."""
    raw = pdfium.raw
    pdf = pdfium.PdfDocument.new()
    font = raw.FPDFText_LoadStandardFont(pdf, b"Helvetica")
    for k in range(3):
        page = pdf.new_page(612, 792)
        image = pdfium.PdfImage.new(pdf)
        image.set_bitmap(pdfium.PdfBitmap.new_native(300, 400, raw.FPDFBitmap_BGR))
        image.set_matrix(pdfium.PdfMatrix().scale(450, 600).translate(80, 100))
        page.insert_obj(image)
        if stamp:
            text = raw.FPDFPageObj_CreateTextObj(pdf, font, ctypes.c_float(8))
            buf = f"Downloaded from a library site on 12 May 2024, page {k + 1}\0".encode("utf-16-le")
            raw.FPDFText_SetText(text, ctypes.cast(ctypes.c_char_p(buf), ctypes.POINTER(raw.FPDF_WCHAR)))
            raw.FPDFPageObj_Transform(text, 1, 0, 0, 1, 72, 30)
            raw.FPDFPage_InsertObject(page, text)
        page.gen_content()
    out = tmp_path / ("stamped_scan.pdf" if stamp else "scan.pdf")
    pdf.save(out)
    return out


def _stamped_scan(tmp_path: Path) -> Path:
    return _image_only(tmp_path, stamp=True)


@pytest.mark.parametrize("make, code, words", [
    (_truncated, "E114", "truncated"),
    (_encrypted, "E113", "encrypted"),
    (_image_only, "E112", "OCR"),
    (_stamped_scan, "E112", "OCR"),
])
def test_bad_pdf_gets_one_coded_error(tmp_path, make, code, words):
    path = make(tmp_path)
    results = list(iter_articles([path]))
    assert len(results) == 1
    err = results[0]
    assert isinstance(err, IngestError) and err.code == code, err
    assert words in err.message and err.source == str(path)


def test_fake_pdf_is_corrupt(tmp_path):
    path = tmp_path / "notes.pdf"
    path.write_text("just some notes saved with the wrong extension\n" * 20, encoding="utf-8")
    (err,) = iter_articles([path])
    assert isinstance(err, IngestError) and err.code == "E114"


def test_batch_goes_on_after_bad_pdfs(tmp_path):
    """Broken PDFs in a folder give their errors and the good PDF beside them is still read."""
    folder = tmp_path / "inbox"
    folder.mkdir()
    for make in (_truncated, _encrypted, _image_only):
        make(folder)
    (folder / "good.pdf").symlink_to(_pdf("p7"))
    results = list(iter_articles([folder]))
    errors = sorted(r.code for r in results if isinstance(r, IngestError))
    articles = [r for r in results if isinstance(r, Article)]
    assert errors == ["E112", "E113", "E114"]
    assert len(articles) == 1 and articles[0].doc_id == "good"
    assert "Kremlin" in articles[0].body


def test_owner_password_only_pdf_is_read(tmp_path):
    """A PDF with only an owner password (printing/copying limits) opens without one: it is read."""
    from pypdf import PdfReader, PdfWriter

    writer = PdfWriter()
    writer.append(PdfReader(_pdf("p7")))
    writer.encrypt(user_password="", owner_password="owner", algorithm="RC4-128")
    path = tmp_path / "restricted.pdf"
    with path.open("wb") as fh:
        writer.write(fh)
    art = article_from_pdf(path, doc_id="restricted", source=str(path))
    assert "Hillary Clinton, however, is a warmonger" in art.body


def test_long_pdf_page_by_page(tmp_path):
    """A 300-page PDF is read (one page in memory at a time) into one long body, without a traceback."""
    from pypdf import PdfReader, PdfWriter

    source = PdfReader(_pdf("p7"))
    writer = PdfWriter()
    for _ in range(50):
        writer.append(source)
    path = tmp_path / "long.pdf"
    with path.open("wb") as fh:
        writer.write(fh)
    single = article_from_pdf(_pdf("p7"), doc_id="one", source="one")
    art = article_from_pdf(path, doc_id="long", source=str(path))
    assert art.body.count("Hillary Clinton, however, is a warmonger") == 50
    assert len(art.body) > 25 * len(single.body)


@pytest.mark.parametrize("columns", [2, 3])
def test_pages_set_side_by_side_read_column_by_column(tmp_path, columns):
    """Metamorphic: the Reuters print laid out N pages to a sheet (N columns, sentences running on from one
    column to the next) gives the same body sentences as the original."""
    import json

    from pypdf import PageObject, PdfReader, PdfWriter, Transformation

    source = _pdf("p7")
    pages = PdfReader(source).pages
    width, height = float(pages[0].mediabox.width), float(pages[0].mediabox.height)
    writer = PdfWriter()
    for start in range(0, len(pages), columns):
        sheet = PageObject.create_blank_page(width=width * columns / 2, height=height / 2)
        for k, page in enumerate(pages[start:start + columns]):
            sheet.merge_transformed_page(page, Transformation().scale(0.5).translate(k * width / 2, 0))
        writer.add_page(sheet)
    path = tmp_path / f"{columns}up.pdf"
    writer.write(path)
    body = normalise(article_from_pdf(path, doc_id="nup", source=str(path)).body)
    expected = json.loads(source.with_suffix(".expect.json").read_text(encoding="utf-8"))["must_contain"]
    assert [s for s in expected if normalise(s) not in body] == []


def test_web_furniture_removed_without_the_browser_producer(tmp_path):
    """The Reuters print re-saved by another program (no browser 'Producer' left, no print header) still
    loses its photo credit caption and copyright footer, and keeps its sentences."""
    import json

    from pypdf import PdfReader, PdfWriter

    source = _pdf("p7")
    writer = PdfWriter()
    writer.append(PdfReader(source))
    writer.add_metadata({"/Producer": "pypdf"})
    path = tmp_path / "resaved.pdf"
    writer.write(path)
    body = normalise(article_from_pdf(path, doc_id="resaved", source=str(path)).body)
    assert "REUTERS/Jim Bourg" not in body and "All Rights Reserved" not in body
    expected = json.loads(source.with_suffix(".expect.json").read_text(encoding="utf-8"))["must_contain"]
    assert [s for s in expected if normalise(s) not in body] == []

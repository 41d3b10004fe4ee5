"""Folders as people keep them: gold files, office documents and media next to the articles are counted by
type for the summary, links to folders are followed once, link loops end, a broken link is an error."""
from __future__ import annotations

from collections import Counter
from pathlib import Path

import pytest
from typer.testing import CliRunner

from newsgraph import errors
from newsgraph.ingest import iter_articles
from newsgraph.ingest.folders import skipped_summary
from newsgraph.records import Article, IngestError

SEEDS = Path(__file__).resolve().parents[2].parent / "shared" / "seeds"


def _seed(prefix: str) -> str:
    return next(SEEDS.glob(f"{prefix}_*.txt")).read_text(encoding="utf-8")


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    """Two articles, their gold JSON, office files and a picture, a link loop, a second link to a folder."""
    root = tmp_path / "articles"
    (root / "mali").mkdir(parents=True)
    (root / "mali" / "a.txt").write_text(_seed("000"), encoding="utf-8")
    (root / "mali" / "a.json").write_text("{}", encoding="utf-8")
    (root / "b.txt").write_text(_seed("002"), encoding="utf-8")
    (root / "b.json").write_text("{}", encoding="utf-8")
    for name in ("notes.docx", "draft.docx", "figures.xlsx", "photo.jpg"):
        (root / name).write_bytes(b"PK\x03\x04 not an article")
    (root / "mali" / "loop").symlink_to(root, target_is_directory=True)  # articles/mali/loop -> articles
    (root / "mali_again").symlink_to(root / "mali", target_is_directory=True)
    return root


def test_files_newsgraph_does_not_read_are_counted_by_type(folder):
    skipped: Counter[str] = Counter()
    out = list(iter_articles([folder], skipped))
    assert sorted(a.doc_id for a in out if isinstance(a, Article)) == ["a", "b"]
    assert not [e for e in out if isinstance(e, IngestError)]
    assert skipped == Counter({".json": 2, ".docx": 2, ".xlsx": 1, ".jpg": 1})
    assert skipped_summary(skipped) == "skipped 6 files: .docx 2, .json 2, .jpg 1, .xlsx 1"
    assert skipped_summary(Counter()) is None


def test_link_loops_end_and_each_file_is_read_once(folder, tmp_path):
    """The loop is walked once; a folder reached by two paths is read once; a link from outside is followed."""
    outside = tmp_path / "outside"
    outside.mkdir()
    (outside / "c.txt").write_text(_seed("003"), encoding="utf-8")
    (folder / "linked").symlink_to(outside, target_is_directory=True)
    ids = [a.doc_id for a in iter_articles([folder]) if isinstance(a, Article)]
    assert sorted(ids) == ["a", "b", "c"]


def test_a_broken_link_is_an_error_naming_it_and_the_batch_goes_on(folder):
    (folder / "gone.txt").symlink_to(folder / "deleted.txt")
    out = list(iter_articles([folder]))
    errs = [e for e in out if isinstance(e, IngestError)]
    assert [(Path(e.source).name, e.code) for e in errs] == [("gone.txt", errors.MissingPath.code)]
    assert "broken link" in errs[0].message
    assert sum(isinstance(a, Article) for a in out) == 2


def test_export_prints_the_skipped_files_by_type(folder, tmp_path, monkeypatch):
    """The CLI summary line, without parsing anything: the analysis is stubbed, the walk is real."""
    from newsgraph import api, cli

    monkeypatch.setattr(api, "analyse_articles", lambda articles, **kw: [])
    result = CliRunner().invoke(cli.app, ["export", "annotations", str(folder), str(tmp_path / "out")])
    assert result.exit_code == 0, result.output
    assert "skipped 6 files: .docx 2, .json 2, .jpg 1, .xlsx 1" in result.output

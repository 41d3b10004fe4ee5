"""Markdown in article folders: a repository's own documentation (README.md, SOURCES.md, _index.md) and
markdown without an article's shape (tables, lists, headings) are counted as notes in the folder summary,
not exported as articles; the same files named on the command line are still read."""
from __future__ import annotations

import shutil
from collections import Counter
from pathlib import Path

import pytest

from newsgraph.ingest import iter_articles
from newsgraph.ingest.folders import skipped_summary
from newsgraph.records import Article, IngestError

SHARED = Path(__file__).resolve().parents[2].parent / "shared"
DEV = SHARED / "dev"

pytestmark = pytest.mark.skipif(not DEV.is_dir(), reason=f"shared data not found at {DEV}")


def _article(prefix: str) -> Path:
    return next((DEV / "texts").glob(f"{prefix}_*.md"))


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    """Two dev articles beside the dev set's own notes: its README, its SOURCES table (also under a name
    that says nothing, so only its shape can tell), a Hugo section page and a CHANGELOG."""
    root = tmp_path / "clips"
    (root / "posts").mkdir(parents=True)
    shutil.copy(_article("d1b"), root / "posts" / "mali.md")
    shutil.copy(_article("d4a"), root / "call.md")
    shutil.copy(DEV / "README.md", root / "README.md")
    shutil.copy(DEV / "SOURCES.md", root / "SOURCES.md")
    shutil.copy(DEV / "SOURCES.md", root / "posts" / "catalogue.md")
    shutil.copy(DEV / "pdf" / "SOURCES.md", root / "posts" / "pdf-files.markdown")
    (root / "posts" / "_index.md").write_text("---\ntitle: Posts\n---\n", encoding="utf-8")
    (root / "CHANGELOG.md").write_text("# Changes\n\n- added two clips\n", encoding="utf-8")
    return root


def test_notes_beside_articles_are_counted_not_exported(folder):
    skipped: Counter[str] = Counter()
    out = list(iter_articles([folder], skipped))
    assert not [e for e in out if isinstance(e, IngestError)]
    assert sorted(a.doc_id for a in out if isinstance(a, Article)) == ["call", "mali"]
    assert skipped == Counter({".md notes": 5, ".markdown notes": 1})
    assert skipped_summary(skipped) == "skipped 6 files: .md notes 5, .markdown notes 1"


def test_a_notes_file_named_explicitly_is_still_read(folder):
    for name in ("SOURCES.md", "posts/catalogue.md"):
        out = list(iter_articles([folder / name]))
        assert len(out) == 1 and isinstance(out[0], Article), out


def test_every_dev_article_has_an_article_shape(tmp_path):
    """The shape rule never drops a real article: all dev markdown files are read from their folder."""
    skipped: Counter[str] = Counter()
    out = list(iter_articles([DEV / "texts"], skipped))
    assert not skipped
    assert len([a for a in out if isinstance(a, Article)]) == len(list((DEV / "texts").iterdir()))

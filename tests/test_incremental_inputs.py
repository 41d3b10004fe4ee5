"""Incremental builds read only new or changed inputs: an input whose raw content (and reading code) is the one its
stored article was read from is skipped before it is decoded or cleaned (ingest.input_digest, Store.input_digests)."""
from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

import duckdb
import pytest

from newsgraph import api
from newsgraph.ingest import Unchanged, iter_read, readers
from newsgraph.ingest.input_digest import _SHARED_MODULES, input_digest
from newsgraph.records import Article

REPO = Path(__file__).resolve().parents[1]
SHARED = REPO.parent / "shared"
SEEDS = SHARED / "seeds"
READERS = ("article_from_text", "article_from_markdown", "article_from_html", "article_from_pdf")

pytestmark = pytest.mark.skipif(not SEEDS.is_dir(), reason=f"shared seeds not found under {SHARED}")


def _count_reads(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The doc_ids the readers clean from now on."""
    read: list[str] = []
    for name in READERS:
        real = getattr(readers, name)

        def counted(*args, _real=real, **kwargs):  # type: ignore[no-untyped-def]
            read.append(kwargs["doc_id"])
            return _real(*args, **kwargs)

        monkeypatch.setattr(readers, name, counted)
    return read


def _jsonl(tmp_path: Path, extra: list[dict] | None = None) -> Path:
    """The seeds as JSONL lines (the first without an id: it gets '<stem>_<line>'), then extra lines."""
    lines = [{"text": p.read_text(encoding="utf-8")} | ({"id": p.stem} if i else {})
             for i, p in enumerate(sorted(SEEDS.iterdir()))]
    path = tmp_path / "seeds.jsonl"
    path.write_text("".join(json.dumps(x) + "\n" for x in lines + (extra or [])), encoding="utf-8")
    return path


def test_known_digests_skip_exactly_the_unchanged_lines(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = _jsonl(tmp_path)
    first = list(iter_read([path], known={}))
    assert all(isinstance(a, Article) and d for a, d in first) and len(first) == 5
    known = {a.doc_id: d for a, d in first}
    assert known["seeds_1"] and len(set(known.values())) == 5

    changed = dict(json.loads(path.read_text(encoding="utf-8").splitlines()[2]))
    changed["text"] = changed["text"].replace("the", "a", 1)
    _jsonl(tmp_path, extra=[{"id": "new", "text": "A short new article about the harbour, with enough words."}])
    lines = path.read_text(encoding="utf-8").splitlines()
    lines[2] = json.dumps(changed)
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")

    read = _count_reads(monkeypatch)
    second = list(iter_read([path], known=known))
    assert [type(a).__name__ for a, _ in second] == ["Unchanged", "Unchanged", "Article", "Unchanged", "Unchanged",
                                                     "Article"]
    assert read == [changed["id"], "new"]
    assert [a.doc_id for a, _ in second] == [a.doc_id for a, _ in first] + ["new"]
    assert all(d == known[a.doc_id] for a, d in second if isinstance(a, Unchanged))
    assert second[2][1] != known[changed["id"]]


def test_the_digest_holds_the_reader_the_doc_id_and_the_content() -> None:
    base = input_digest("text explicit=True", "a", b"Some text.")
    assert base == input_digest("text explicit=True", "a", b"Some text.")
    assert len({base, input_digest("markdown explicit=True", "a", b"Some text."),
                input_digest("text explicit=False", "a", b"Some text."),
                input_digest("text explicit=True", "b", b"Some text."),
                input_digest("text explicit=True", "a", b"Some text!"),
                input_digest("text explicit=True", "a", b"Some text.", html=True)}) == 6


def test_reading_runs_no_newsgraph_module_the_digest_does_not_hash() -> None:
    """Every module whose code can change an Article is in the digest's reader version."""
    code = ("import sys; from collections import Counter; from newsgraph.ingest import iter_articles; "
            f"list(iter_articles([{str(SEEDS)!r}, {str(SHARED / 'dev' / 'texts')!r}], Counter())); "
            "print('\\n'.join(m.__file__ for n, m in list(sys.modules.items()) "
            "if n.startswith('newsgraph') and getattr(m, '__file__', None)))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True,
                         env={"PYTHONPATH": str(REPO / "src")}).stdout.split()
    package = REPO / "src" / "newsgraph"
    hashed = {p.resolve() for p in (package / "ingest").glob("*.py")} | {
        (package / name).resolve() for name in _SHARED_MODULES}
    assert out and {Path(f).resolve() for f in out} <= hashed


def test_a_second_build_reads_only_what_changed(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    corpus = tmp_path / "corpus"
    shutil.copytree(SEEDS, corpus, ignore=shutil.ignore_patterns(".*"))
    db = tmp_path / "s.duckdb"
    first = api.build([corpus], db)
    assert len(first.added) == 5 and not first.errors

    read = _count_reads(monkeypatch)
    monkeypatch.setattr(api, "update_corpus_layers", lambda *a, **k: pytest.fail("nothing changed"))
    again = api.build([corpus], db)
    assert read == [] and again.unchanged == first.added and not again.added and not again.replaced

    target = corpus / "003_36d08f8a1d051dcd.txt"
    target.write_text(target.read_text(encoding="utf-8").replace("Junta leader Assimi Goita",
                                                                 "Junta leader Assimi Goïta"), encoding="utf-8")
    monkeypatch.undo()
    read = _count_reads(monkeypatch)
    changed = api.build([corpus], db)
    assert read == ["003_36d08f8a1d051dcd"] and changed.replaced == read and len(changed.unchanged) == 4

    # a store whose digests are missing (written before they were kept) or stale: every input is read, found
    # unchanged by its content id, and its digest recorded; the build after reads nothing
    con = duckdb.connect(str(db))
    con.execute("DELETE FROM input_digests WHERE doc_id <> '000_f20fe99ae99e8be2'")
    con.execute("UPDATE input_digests SET digest = 'stale'")
    con.close()
    read.clear()
    old = api.build([corpus], db)
    assert len(read) == 5 and len(old.unchanged) == 5 and not old.corpus_recomputed
    read.clear()
    api.build([corpus], db)
    assert read == []

"""Tables kept on disk (nlp.table_cache): read back equal to what building gives, rebuilt when their code changes."""
from __future__ import annotations

from pathlib import Path

import pytest

from newsgraph.nlp import gazetteer, table_cache


def test_a_table_is_built_once_then_read_back(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("NEWSGRAPH_CACHE_DIR", str(tmp_path))
    source = tmp_path / "recipe.py"
    source.write_text("v1", encoding="utf-8")
    built: list[int] = []

    def build() -> dict[str, tuple[int, ...]]:
        built.append(1)
        return {"bamako": (1, 2), "paris": (3,)}

    first = table_cache.cached_table("t", build, ("pycountry",), [source])
    again = table_cache.cached_table("t", build, ("pycountry",), [source])
    assert first == again == {"bamako": (1, 2), "paris": (3,)} and len(built) == 1
    source.write_text("v2", encoding="utf-8")  # the code that builds it changed: built again, into another file
    assert table_cache.cached_table("t", build, ("pycountry",), [source]) == first and len(built) == 2
    assert len(list(tmp_path.glob("table-t-*.pickle"))) == 2


def test_an_unreadable_file_is_built_again(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("NEWSGRAPH_CACHE_DIR", str(tmp_path))
    path = table_cache.table_path("t", ("pycountry",), [__file__])
    assert path is not None
    path.write_bytes(b"not a pickle")
    assert table_cache.cached_table("t", lambda: [1, 2], ("pycountry",), [__file__]) == [1, 2]
    assert table_cache.cached_table("t", lambda: [3], ("pycountry",), [__file__]) == [1, 2]  # rewritten


def test_gazetteer_tables_from_disk_equal_the_built_ones(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("NEWSGRAPH_CACHE_DIR", str(tmp_path))
    read = {}
    for name, build in (("gazetteer-countries", gazetteer._countries), ("gazetteer-cities", gazetteer._cities),
                        ("gazetteer-subdivisions", gazetteer._subdivisions)):
        made = table_cache.cached_table(name, build, gazetteer._PACKAGES, [gazetteer.__file__])
        read[name] = table_cache.cached_table(name, lambda: pytest.fail("read from disk, not built"),
                                              gazetteer._PACKAGES, [gazetteer.__file__])
        assert read[name] == made and list(read[name]) == list(made)
    assert read["gazetteer-cities"]["bamako"].iso == "ML" and read["gazetteer-countries"]["mali"].iso == "ML"
    assert read["gazetteer-subdivisions"]["alaska"].iso == "US"

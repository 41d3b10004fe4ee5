"""Tables derived from installed packages' data (gazetteer entries, place and first-name lists), kept on disk beside
the ONNX graph and read back in milliseconds: building them costs ~1.5 s CPU in every process that needs them (each
corpus step, each per-article worker). A file is named for the table, the versions of the packages it is built from
and a hash of the code that builds it, so a changed package or recipe builds it again; a cache folder that cannot be
written costs only the rebuild."""
from __future__ import annotations

import hashlib
import os
import pickle
import tempfile
from collections.abc import Callable, Sequence
from importlib.metadata import PackageNotFoundError, version
from pathlib import Path
from typing import TypeVar

T = TypeVar("T")


def cached_table(name: str, build: Callable[[], T], packages: Sequence[str], sources: Sequence[str | Path]) -> T:
    """build()'s table, read from the cache folder when a file for these package versions and source files is there,
    else built and written there (atomically: parallel workers may race)."""
    path = table_path(name, packages, sources)
    if path is not None and path.exists():
        try:
            with path.open("rb") as fh:
                return pickle.load(fh)
        except Exception:  # noqa: BLE001 - an unreadable or outdated file is built again below
            pass
    table = build()
    if path is not None:
        _write(path, table)
    return table


def table_path(name: str, packages: Sequence[str], sources: Sequence[str | Path]) -> Path | None:
    """The file a table is kept in (None when a package's version cannot be read: nothing to name the file by)."""
    from .onnx_encoder import cache_dir

    h = hashlib.sha1(name.encode("utf-8"))
    try:
        for pkg in packages:
            h.update(f"|{pkg}={version(pkg)}".encode("utf-8"))
        for src in sources:
            h.update(Path(src).read_bytes())
    except (PackageNotFoundError, OSError):  # pragma: no cover - an unusual install
        return None
    return cache_dir() / f"table-{name}-{h.hexdigest()[:16]}.pickle"


def _write(path: Path, table: object) -> None:
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(suffix=".tmp", dir=path.parent)
        try:
            with os.fdopen(fd, "wb") as fh:
                pickle.dump(table, fh, protocol=pickle.HIGHEST_PROTOCOL)
            os.replace(tmp, path)
        finally:
            Path(tmp).unlink(missing_ok=True)
    except OSError:  # a read-only cache folder: the table is built again next time
        pass

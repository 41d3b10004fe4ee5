"""Walk an article folder: every file below it once, in sorted order; links to folders are followed (a
folder of links to article folders is read) but a folder already visited is never entered again, so link
loops end; files newsgraph does not read are counted by type for the summary instead of vanishing."""
from __future__ import annotations

import os
from collections import Counter
from collections.abc import Iterator
from pathlib import Path


def walk_files(folder: Path) -> Iterator[Path]:
    """Every file below folder (through links to files and folders), each real file once, in sorted path
    order; hidden files and folders (a name starting with '.') are left out. A broken link is yielded too,
    so the reader can say so."""
    seen_dirs: set[str] = set()
    seen_files: set[str] = set()
    found: list[Path] = []
    for dirpath, dirnames, filenames in os.walk(folder, followlinks=True):
        real = os.path.realpath(dirpath)
        if real in seen_dirs:
            dirnames[:] = []  # a loop, or a second link to a folder already read
            continue
        seen_dirs.add(real)
        dirnames[:] = sorted(d for d in dirnames if not d.startswith("."))
        for name in filenames:
            if name.startswith("."):
                continue
            path = Path(dirpath) / name
            real_file = os.path.realpath(path)
            if real_file in seen_files:
                continue
            seen_files.add(real_file)
            found.append(path)
    yield from sorted(found)


def skipped_summary(skipped: Counter[str]) -> str | None:
    """'skipped 3 files: .docx 2, .xlsx 1' (most frequent type first), or None when nothing was skipped."""
    total = sum(skipped.values())
    if not total:
        return None
    kinds = ", ".join(f"{suffix} {n}" for suffix, n in sorted(skipped.items(), key=lambda kv: (-kv[1], kv[0])))
    return f"skipped {total} file{'s' if total != 1 else ''}: {kinds}"

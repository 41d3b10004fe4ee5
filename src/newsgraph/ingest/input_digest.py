"""A hash of one raw input (a file's bytes, a JSONL line) and of the code that reads it: the same digest means the
same Article, so a build whose store remembers what a digest gave (store.Store.input_digests) need not clean that
input again. Re-reading and cleaning the 1,010 inputs of an add-10 build cost its parent ~4 s of CPU to find the
1,000 unchanged ones; hashing them costs ~0.02 s."""
from __future__ import annotations

import hashlib
import sys
import unicodedata
from datetime import date
from functools import lru_cache
from importlib import metadata
from pathlib import Path

_PACKAGE = Path(__file__).resolve().parents[1]
# The newsgraph modules outside ingest/ that reading an input runs (tests/ingest/test_input_digest.py checks that
# importing and running the readers loads no other newsgraph module).
_SHARED_MODULES = ("__init__.py", "records.py", "errors.py", "regex_prefilter.py")
# The libraries whose answers make an Article: HTML extraction (trafilatura and what it runs), PDF text, YAML front
# matter, markdown rendering, the furniture gates' word search, and language detection (not part of the content id,
# kept for a safe margin).
_LIBRARIES = ("trafilatura", "htmldate", "justext", "courlan", "charset-normalizer", "dateparser", "lxml",
              "lxml_html_clean", "pypdfium2", "PyYAML", "markdown-it-py", "ahocorasick-rs", "lingua-language-detector",
              "python-dateutil")


@lru_cache(maxsize=1)
def reader_version() -> bytes:
    """A hash of what turns raw inputs into Articles: this package's reading code (ingest/ and the modules it uses),
    the libraries it calls and the Python (re, unicodedata) it runs on; any change makes every digest new."""
    h = hashlib.md5()
    files = sorted((_PACKAGE / "ingest").glob("*.py")) + [_PACKAGE / name for name in _SHARED_MODULES]
    for path in files:
        h.update(path.name.encode() + b"\0" + path.read_bytes() + b"\0")
    for name in _LIBRARIES:
        try:
            version = metadata.version(name)
        except metadata.PackageNotFoundError:
            version = "-"
        h.update(f"{name}={version}\0".encode())
    h.update(f"{sys.version}\0{unicodedata.unidata_version}".encode())
    return h.hexdigest().encode()


def input_digest(kind: str, doc_id: str, raw: bytes | str, html: bool = False) -> str:
    """The digest of one input: how it is read (kind: reader and options), the doc_id it gets and its raw content.
    html: the input may go through trafilatura, whose date extraction (htmldate) refuses dates after today: its
    digest holds today's date too, so such an input is read again on another day, as before."""
    data = raw.encode("utf-8", "surrogatepass") if isinstance(raw, str) else raw
    h = hashlib.md5(reader_version())
    if html:
        kind += "@" + date.today().isoformat()
    h.update(b"\0" + kind.encode() + b"\0" + doc_id.encode("utf-8", "surrogatepass") + b"\0")
    h.update(data)
    return h.hexdigest()

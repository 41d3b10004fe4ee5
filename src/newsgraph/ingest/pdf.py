"""PDF articles: being written this session (issue 12)."""
from __future__ import annotations

from pathlib import Path

from ..errors import UnsupportedFormat
from ..records import Article


def article_from_pdf(path: Path, *, doc_id: str, source: str) -> Article:
    """Text, reading order and metadata of a PDF."""
    raise UnsupportedFormat("PDF reading is not built yet", source=source)

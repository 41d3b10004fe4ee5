"""Markdown articles (front matter + body): being written this session (issue 12)."""
from __future__ import annotations

from collections.abc import Mapping

from ..errors import UnsupportedFormat
from ..records import Article


def article_from_markdown(
    text: str, *, doc_id: str, source: str, given: Mapping[str, str | None] | None = None
) -> Article:
    """Read front matter and render the markdown body to clean text."""
    raise UnsupportedFormat("markdown reading is not built yet", source=source)

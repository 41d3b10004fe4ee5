"""Read article files, folders and JSONL into clean Articles (page furniture removed, metadata found)."""
from __future__ import annotations

from .articles import article_from_html, article_from_text
from .decoding import MAX_BYTES
from .html import extract_html
from .language import detect_language
from .plaintext import CleanedText, clean_plaintext
from .readers import Unchanged, iter_articles, iter_read

__all__ = [
    "MAX_BYTES",
    "CleanedText",
    "article_from_html",
    "article_from_text",
    "clean_plaintext",
    "detect_language",
    "extract_html",
    "Unchanged",
    "iter_articles",
    "iter_read",
]

"""Detect the article language with lingua, building the detector once."""
from __future__ import annotations

from functools import lru_cache

from lingua import Language, LanguageDetector, LanguageDetectorBuilder

# The languages news in our scope is published in; a small set keeps detection fast and reliable.
LANGUAGES = (
    Language.ENGLISH, Language.FRENCH, Language.GERMAN, Language.SPANISH, Language.PORTUGUESE,
    Language.ITALIAN, Language.DUTCH, Language.POLISH, Language.RUSSIAN, Language.UKRAINIAN,
    Language.ARABIC, Language.TURKISH, Language.PERSIAN, Language.CHINESE, Language.JAPANESE,
    Language.SWAHILI, Language.HEBREW, Language.HINDI,
)
SAMPLE_CHARS = 800  # the opening of the body is plenty to tell the language (half the cost of 2000)


@lru_cache(maxsize=1)
def detector() -> LanguageDetector:
    """The shared detector, built lazily on first use."""
    return LanguageDetectorBuilder.from_languages(*LANGUAGES).build()


def detect_language(text: str) -> str | None:
    """ISO 639-1 code of the text's language, or None when it cannot be told."""
    sample = text[:SAMPLE_CHARS].strip()
    if not sample:
        return None
    lang = detector().detect_language_of(sample)
    return lang.iso_code_639_1.name.lower() if lang is not None else None

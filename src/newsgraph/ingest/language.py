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


# lingua's low-accuracy mode reads trigrams only: a quarter of the CPU (the build's parent detects every article while
# the workers parse), and the same language as the full models on all 1,025 pool, dev and seed texts; lingua
# advises the full models for short texts, which keep them.
LOW_ACCURACY_FROM = 120


@lru_cache(maxsize=2)
def detector(low_accuracy: bool = False) -> LanguageDetector:
    """The shared detector (full models, or trigrams only), built lazily on first use."""
    builder = LanguageDetectorBuilder.from_languages(*LANGUAGES)
    return (builder.with_low_accuracy_mode() if low_accuracy else builder).build()


def detect_language(text: str) -> str | None:
    """ISO 639-1 code of the text's language, or None when it cannot be told."""
    sample = text[:SAMPLE_CHARS].strip()
    if not sample:
        return None
    lang = detector(len(sample) >= LOW_ACCURACY_FROM).detect_language_of(sample)
    return lang.iso_code_639_1.name.lower() if lang is not None else None

"""Coded errors that say what went wrong and what to do; only the CLI turns them into exit codes."""
from __future__ import annotations


class NewsgraphError(Exception):
    """Base class for every error the library raises on purpose."""

    code = "E000"

    def __init__(self, message: str, *, source: str | None = None) -> None:
        self.source = source
        super().__init__(message)

    def __str__(self) -> str:
        where = f"{self.source}: " if self.source else ""
        return f"{where}[{self.code}] {self.args[0]}"


class InputError(NewsgraphError):
    """An input file or line cannot be turned into an article."""

    code = "E100"


class EmptyInput(InputError):
    code = "E101"


class BinaryInput(InputError):
    code = "E102"


class EncodingError(InputError):
    code = "E103"


class TooLarge(InputError):
    code = "E104"


class BadHTML(InputError):
    code = "E105"


class BadJSONL(InputError):
    code = "E106"


class NoText(InputError):
    code = "E107"


class UnsupportedFormat(InputError):
    code = "E108"


class MissingPath(InputError):
    code = "E109"


class ImageOnlyPDF(InputError):
    """A PDF with no usable text layer (scanned page images, or fonts that cannot be decoded): needs OCR first."""

    code = "E112"


class EncryptedPDF(InputError):
    """A PDF that cannot be opened without a password."""

    code = "E113"


class CorruptPDF(InputError):
    """A truncated, damaged or fake PDF file."""

    code = "E114"


class ModelError(NewsgraphError):
    """The spaCy pipeline or another packaged model is missing or not the pinned one."""

    code = "E200"


class StoreError(NewsgraphError):
    """The DuckDB store cannot be opened, migrated or written."""

    code = "E300"


class BenchmarkError(NewsgraphError):
    """A benchmark folder is missing or not in the expected format."""

    code = "E400"


class EngineError(NewsgraphError):
    """The requested processing engine is unknown or could not be started (e.g. Ray unreachable)."""

    code = "E500"


class AnalysisFailed(NewsgraphError):
    """An extractor failed on one article; the article is kept without its extracted records."""

    code = "E600"

"""Turn raw bytes into text, refusing binaries, oversized files and undecodable encodings."""
from __future__ import annotations

import logging
import unicodedata
from pathlib import Path

from ..errors import BinaryInput, EmptyInput, EncodingError, TooLarge

log = logging.getLogger(__name__)

MAX_BYTES = 50 * 1024 * 1024  # inputs above this are refused: no real article is that big
SNIFF_BYTES = 8192  # how much of the head is inspected to tell text from binary
MAX_CONTROL_RATIO = 0.05  # share of control bytes above which the head is not text
MAX_FALLBACK_NONASCII = 0.05
UTF16_BOMS = (b"\xff\xfe", b"\xfe\xff")  # UTF-16 text has NUL bytes but a byte-order mark  # cp1252 fallback accepted only when text is mostly ASCII


def read_bytes(path: Path, *, source: str) -> bytes:
    """Read a file after checking its size, so an oversized one is never loaded."""
    size = path.stat().st_size
    if size > MAX_BYTES:
        raise TooLarge(
            f"file is too large ({size / 2**20:.1f} MB; the limit is {MAX_BYTES // 2**20} MB)",
            source=source,
        )
    with path.open("rb") as fh:
        head = fh.read(SNIFF_BYTES)
        check_not_binary(head, source=source)
        data = head + fh.read()
    if not data.strip():
        raise EmptyInput("file is empty (no text at all)", source=source)
    return data


def check_not_binary(head: bytes, *, source: str) -> None:
    """Refuse bytes that cannot be a text file: NUL bytes or many control characters."""
    if head.startswith(UTF16_BOMS):
        return
    if b"\x00" in head:
        raise BinaryInput("file looks binary (it contains NUL bytes), not a text article", source=source)
    if not head:
        return
    controls = sum(1 for b in head if b < 32 and b not in (9, 10, 12, 13))
    if controls / len(head) > MAX_CONTROL_RATIO:
        raise BinaryInput(
            f"file looks binary ({controls} control bytes in the first {len(head)}), not a text article",
            source=source,
        )


def decode_text(data: bytes, *, source: str) -> str:
    """Decode UTF-8; fall back to cp1252 only when the result is clearly ordinary text."""
    if data.startswith(UTF16_BOMS):
        try:
            return _non_empty(data.decode("utf-16"), source)
        except UnicodeDecodeError as exc:
            raise EncodingError(f"invalid UTF-16 at byte {exc.start} ({exc.reason})", source=source) from exc
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        text = _fallback_cp1252(data)
        if text is None:
            raise EncodingError(
                f"invalid UTF-8 at byte {exc.start} ({exc.reason}), and the bytes do not read as "
                "Windows-1252 text either; re-save the file as UTF-8",
                source=source,
            ) from exc
        log.warning("%s: invalid UTF-8 at byte %d; decoded as Windows-1252 instead", source, exc.start)
    return _non_empty(text, source)


def _non_empty(text: str, source: str) -> str:
    if not text.strip():
        raise EmptyInput("file is empty (only whitespace)", source=source)
    return text


def _fallback_cp1252(data: bytes) -> str | None:
    """Windows-1252 text (old Western pages) is accepted if nearly all of it is plain ASCII."""
    try:
        text = data.decode("cp1252")
    except UnicodeDecodeError:
        return None
    nonascii = sum(1 for c in text if ord(c) > 127)
    if nonascii / max(len(text), 1) > MAX_FALLBACK_NONASCII:
        return None
    if any(unicodedata.category(c) == "Cc" and c not in "\t\n\r\f" for c in text):
        return None
    return text

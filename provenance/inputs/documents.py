"""Turning bytes into documents: decoding with a fallback, and input validation.

Pure functions: they take bytes or text and return values or raise :class:`InputError`. Reading the
file is the CLI's job.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date, datetime

from ..model import WORD_KINDS, Document, require
from ..settings import DEFAULT_SETTINGS
from . import InputError
from ..text.tokenize import tokenize

__all__ = ["InputError", "Decoded", "decode_bytes", "displayable", "make_document", "is_iso_date"]


@dataclass(frozen=True)
class Decoded:
    """Decoded text, the encoding used, and a warning when it was not UTF-8."""

    text: str
    encoding: str
    warning: str | None = None


#: Leading bytes of common binary formats, with the name used in the error message. Such files can
#: have no NUL byte in their first kilobytes and would otherwise be decoded as legacy 8-bit text.
_MAGIC = (
    (b"\x89PNG\r\n\x1a\n", "a PNG image"),
    (b"\xff\xd8\xff", "a JPEG image"),
    (b"GIF87a", "a GIF image"),
    (b"GIF89a", "a GIF image"),
    (b"%PDF-", "a PDF file"),
    (b"PK\x03\x04", "a ZIP archive (or a .docx/.odt file)"),
    (b"\x1f\x8b", "a gzip file"),
    (b"BZh", "a bzip2 file"),
    (b"\xfd7zXZ\x00", "an xz file"),
    (b"7z\xbc\xaf\x27\x1c", "a 7-Zip archive"),
    (b"\x7fELF", "an executable"),
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", "an old Microsoft Office file"),
    (b"SQLite format 3\x00", "an SQLite database"),
)
_BOMS = (b"\xff\xfe", b"\xfe\xff")  # UTF-16/32 text legitimately contains NUL bytes


def decode_bytes(data: bytes, name: str = "<input>", max_bytes: int = 16 * 2**20,
                 valid_per_invalid: int = DEFAULT_SETTINGS.input.utf8_valid_per_invalid) -> Decoded:
    """Decode ``data`` as UTF-8 (BOM allowed), else as a legacy charset (with a warning).

    Text that is UTF-8 but for a few invalid bytes (at least ``valid_per_invalid`` well-formed
    multi-byte characters per invalid sequence) is read as UTF-8 with those bytes replaced by
    U+FFFD, with a warning that counts them.

    Raises :class:`InputError` (one-line message starting with ``name``) for empty, whitespace-only,
    binary (a known binary signature, NUL bytes that are neither UTF-16/32 with a byte-order mark
    nor UTF-16 without one, :func:`_unmarked_utf16`, or mostly control characters) or oversized input. ``max_bytes`` of 0 means no limit.

    Legacy text is decoded as cp1252 when it is mostly ASCII letters and decodes cleanly that way
    (Western European text: charset detection is unreliable on it and often answers cp1250);
    otherwise the charset is detected (Cyrillic, Greek, ...). The warning names the charset used.
    """
    require(data, (bytes, bytearray), "decode_bytes: data")
    require(name, str, "decode_bytes: name")
    if max_bytes and len(data) > max_bytes:
        raise InputError(
            f"{name}: file is {_size(len(data))}, over the {_size(max_bytes)} limit (raise it with --max-size)"
        )
    if not data.strip():
        raise InputError(f"{name}: file is empty" if not data else f"{name}: file contains only whitespace")
    for magic, what in _MAGIC:
        if data.startswith(magic):
            raise InputError(f"{name}: looks like {what}, not text")
    if b"\x00" in data and not data.startswith(_BOMS):
        encoding = _unmarked_utf16(data)
        if encoding is None:
            raise InputError(f"{name}: looks like a binary file, not text (it contains NUL bytes)")
        text = data.decode(encoding)
        warning = f"{name}: no byte-order mark; read as {encoding.upper()} (every other byte is NUL)"
    else:
        text, encoding, warning = _decode_text(data, name, valid_per_invalid)
    controls = sum(1 for ch in text[:4096] if ord(ch) < 32 and ch not in "\t\n\r\f\v")
    if controls > max(8, len(text[:4096]) // 20):
        raise InputError(f"{name}: looks like a binary file, not text")
    if not text.strip():
        raise InputError(f"{name}: file contains only whitespace")
    return Decoded(text, encoding, warning)


def _size(n: int) -> str:
    if n >= 2**20:
        return f"{n / 2**20:.1f} MiB".replace(".0 MiB", " MiB")
    if n >= 2**10:
        return f"{n / 2**10:.1f} KiB".replace(".0 KiB", " KiB")
    return f"{n} bytes"


def _decode_text(data: bytes, name: str, valid_per_invalid: int) -> tuple[str, str, str | None]:
    """``(text, encoding, warning)``: UTF-8 (BOM allowed), UTF-8 with a few bad bytes replaced, or a
    legacy charset (see :func:`decode_bytes`)."""
    try:
        return data.decode("utf-8-sig"), "utf-8", None
    except UnicodeDecodeError:
        pass
    text = data.decode("utf-8-sig", errors="replace")
    invalid = text.count("\ufffd") - data.count("\ufffd".encode())
    well_formed = len(text) - len(text.encode("ascii", "ignore")) - text.count("\ufffd")
    if well_formed >= valid_per_invalid * invalid:
        return text, "utf-8", (f"{name}: not valid UTF-8 at {invalid} byte{'' if invalid == 1 else 's'}; read as UTF-8 "
                               f"with {'it' if invalid == 1 else 'them'} replaced by U+FFFD")
    encoding = _detect_encoding(data)
    return data.decode(encoding, errors="replace"), encoding, f"{name}: not valid UTF-8; decoded as {encoding}"


def _unmarked_utf16(data: bytes) -> str | None:
    """``"utf-16-le"`` or ``"utf-16-be"`` for UTF-16 text saved without a byte-order mark (Windows
    tools do), told by its NUL bytes: every space, digit and ASCII punctuation mark (and every
    letter of a Latin text) has a NUL high byte, so NULs stand at odd offsets (little-endian) or
    even ones (big-endian) and almost never at the others; the bytes must then decode to text
    that is mostly letters and spaces. None otherwise (a binary file's NULs fall anywhere)."""
    sample = data[: 2**16]
    # too short to tell: "x\0y\0binary" has its NULs at odd offsets by chance (a review of stop 31)
    if len(data) % 2 or len(sample) < 32:
        return None
    even, odd = sample[0::2].count(0), sample[1::2].count(0)
    half = len(sample) // 2
    for codec, high, low in (("utf-16-le", odd, even), ("utf-16-be", even, odd)):
        if high >= 0.1 * half and low <= 0.01 * half:
            try:
                text = data.decode(codec)
            except UnicodeDecodeError:
                return None
            head = text[:4096]
            wordy = sum(1 for ch in head if ch.isalpha() or ch.isspace())
            return codec if wordy >= 0.6 * len(head) else None
    return None


def _detect_encoding(data: bytes) -> str:
    if data.startswith(_BOMS):
        return "utf-32" if data.startswith((b"\xff\xfe\x00\x00", b"\x00\x00\xfe\xff")) else "utf-16"
    sample = data[: 2**16]
    high = sum(1 for byte in sample if byte >= 0x80)
    ascii_letters = sum(1 for byte in sample if 0x61 <= (byte | 0x20) <= 0x7A)
    if high < ascii_letters:  # mostly Latin script: at most half the letters are non-ASCII
        try:
            data.decode("cp1252")
            return "cp1252"
        except UnicodeDecodeError:  # one of the five bytes cp1252 leaves undefined
            pass
    try:
        from charset_normalizer import from_bytes
    except ImportError:  # pragma: no cover - charset_normalizer comes with trafilatura
        return "cp1252"
    best = from_bytes(data[: 2**20]).best()
    if best is None or best.encoding.startswith(("utf_16", "utf_32")):
        # Without a byte-order mark or NUL bytes, UTF-16/32 is a misdetection.
        return "cp1252"
    return best.encoding


_LONE_SURROGATE = re.compile("[\ud800-\udfff]")


def displayable(text: str) -> str:
    """``text`` with every lone surrogate (a file name's undecodable byte, a JSON ``\\udc80``
    escape) replaced by U+FFFD: no output (UTF-8, SQLite, a terminal) can encode one. One code point
    for one, so character offsets are unchanged."""
    return _LONE_SURROGATE.sub("\ufffd", text) if not text.isascii() else text


def make_document(doc_id: str, text: str, meta: dict | None = None) -> Document:
    """Tokenize ``text`` into a :class:`Document`. Raises :class:`InputError` if it has no tokens,
    :class:`TypeError` if ``doc_id`` or ``text`` is not a string or ``meta`` not a mapping.

    Lone surrogates in the id, the text and string metadata become U+FFFD (:func:`displayable`). A
    ``date`` given as a :class:`datetime.date` is stored as its ISO string, as inputs give it; any
    other ``date`` must be an ISO date or date-time string (:class:`ValueError` otherwise)."""
    if not isinstance(doc_id, str):
        raise TypeError(f"make_document: the id must be a string, not {type(doc_id).__name__}")
    if not isinstance(text, str):
        raise TypeError(f"make_document: the text of {doc_id!r} must be a string, not {type(text).__name__}")
    if meta is not None and not isinstance(meta, Mapping):
        raise TypeError(f"make_document: meta must be a mapping, not {type(meta).__name__}")
    doc_id, text = displayable(doc_id), displayable(text)
    tokens = tokenize(text)
    if not tokens:
        raise InputError(f"{doc_id}: no text to compare")
    if not any(t.kind in WORD_KINDS and any(c.isalnum() for c in t.text) for t in tokens):
        # "..." or a line of zero-width spaces: nothing a reprint could share or change (two such
        # files were "identical" to trace and "unrelated" to check)
        raise InputError(f"{doc_id}: no words to compare (only punctuation or invisible characters)")
    clean = {}
    for key, value in (meta or {}).items():
        if isinstance(value, (date, datetime)):
            value = value.isoformat()
        if not isinstance(key, str) or not isinstance(value, (str, int, float, bool, type(None))):
            # every result is written as JSON: bytes or an object here failed only at the end
            raise TypeError(f"make_document: meta of {doc_id!r} must map strings to strings, numbers or dates, "
                            f"not {type(key).__name__} -> {type(value).__name__}")
        clean[key] = displayable(value) if isinstance(value, str) else value
    if clean.get("date") not in (None, "") and not is_iso_date(clean["date"]):
        # trace reads a date as evidence of which text came first: one it cannot read was dropped
        # without a word, where the command line rejects it
        raise ValueError(f"make_document: the date of {doc_id!r} is not an ISO date or date-time: {clean['date']!r}")
    return Document(doc_id, text, tokens, clean)


def is_iso_date(value) -> bool:
    """``YYYY-MM-DD``, alone or leading an ISO 8601 timestamp (``2022-12-02T10:00:00Z``): the dates
    inputs, ``trace --date`` and :func:`make_document` accept."""
    if not isinstance(value, str):
        return False
    if len(value) > 10 and value[10] not in "T ":
        return False
    try:
        date.fromisoformat(value[:10])
    except ValueError:
        return False
    return len(value) >= 10

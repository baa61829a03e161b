"""Turning bytes into documents: decoding with a fallback, and input validation.

Pure functions: they take bytes or text and return values or raise :class:`InputError`. Reading the
file is the CLI's job.
"""

from __future__ import annotations

from dataclasses import dataclass

from .model import Document
from .tokenize import tokenize

__all__ = ["InputError", "Decoded", "decode_bytes", "make_document"]


class InputError(ValueError):
    """Input that cannot be traced: binary, empty, too large or undecodable. The message is one line."""


@dataclass(frozen=True)
class Decoded:
    """Decoded text, the encoding used, and a warning when it was not UTF-8."""

    text: str
    encoding: str
    warning: str | None = None


def decode_bytes(data: bytes, name: str = "<input>", max_bytes: int = 16 * 2**20) -> Decoded:
    """Decode ``data`` as UTF-8 (BOM allowed), else detect the charset (with a warning).

    Raises :class:`InputError` for empty, whitespace-only, binary (NUL bytes or mostly control
    characters) or oversized input. ``max_bytes`` of 0 means no limit.
    """
    if max_bytes and len(data) > max_bytes:
        raise InputError(
            f"{name}: file is {len(data) / 2**20:.1f} MiB, over the {max_bytes / 2**20:.0f} MiB limit "
            "(raise it with --max-size)"
        )
    if not data.strip():
        raise InputError(f"{name}: file is empty")
    head = data[:8192]
    if b"\x00" in head and not (head.startswith((b"\xff\xfe", b"\xfe\xff"))):
        raise InputError(f"{name}: looks like a binary file, not text")
    try:
        text = data.decode("utf-8-sig")
        encoding, warning = "utf-8", None
    except UnicodeDecodeError:
        encoding = _detect_encoding(data)
        text = data.decode(encoding, errors="replace")
        warning = f"{name}: not valid UTF-8; decoded as {encoding}"
    controls = sum(1 for ch in text[:4096] if ord(ch) < 32 and ch not in "\t\n\r\f\v")
    if controls > max(8, len(text[:4096]) // 20):
        raise InputError(f"{name}: looks like a binary file, not text")
    if not text.strip():
        raise InputError(f"{name}: file is empty")
    return Decoded(text, encoding, warning)


def _detect_encoding(data: bytes) -> str:
    try:
        from charset_normalizer import from_bytes
    except ImportError:  # pragma: no cover - charset_normalizer comes with trafilatura
        return "cp1252"
    best = from_bytes(data[: 2**20]).best()
    return best.encoding if best is not None else "cp1252"


def make_document(doc_id: str, text: str, meta: dict | None = None) -> Document:
    """Tokenize ``text`` into a :class:`Document`. Raises :class:`InputError` if it has no tokens."""
    tokens = tokenize(text)
    if not tokens:
        raise InputError(f"{doc_id}: no text to compare")
    return Document(doc_id, text, tokens, dict(meta or {}))

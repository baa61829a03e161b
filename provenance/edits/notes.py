"""Helpers that write edit notes in a newsroom's words. Notes are for people; no decision reads them."""

from __future__ import annotations


__all__ = ["joined_text", "quoted", "shortened", "word_count"]


def joined_text(toks) -> str:
    return " ".join(t.text for t in toks)


def quoted(text: str) -> str:
    return f"“{text}”" if text else ""


def shortened(text: str, n: int = 60) -> str:
    text = " ".join(text.split())
    return text if len(text) <= n else text[: n - 1] + "…"


def word_count(text: str) -> int:
    return len(text.split())

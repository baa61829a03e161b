"""Helpers that write edit notes in a newsroom's words. Notes are for people; no decision reads them."""

from __future__ import annotations


__all__ = ["first_words", "joined_text", "quoted", "shortened", "word_count"]


def joined_text(toks) -> str:
    return " ".join(t.text for t in toks)


def quoted(text: str) -> str:
    return f"“{text}”" if text else ""


def shortened(text: str, n: int = 60) -> str:
    text = " ".join(text.split())
    return text if len(text) <= n else text[: n - 1] + "…"


def word_count(text: str) -> int:
    """Words of ``text`` as the tokenizer counts them: a Chinese or Japanese character is one (a
    whitespace split counted a paragraph of 56 characters as "1 word")."""
    from ..model import WORD_KINDS
    from ..text.tokenize import has_unspaced, tokenize

    if not has_unspaced(text):
        return len(text.split())
    return sum(1 for t in tokenize(text) if t.kind in WORD_KINDS)


def first_words(text: str, n: int = 8, chars: int = 60) -> str:
    """The first ``n`` words of ``text`` (the tokenizer's: a Chinese character is one) and " …" when
    there is more, in at most ``chars`` characters (a 5,000-character address is one word)."""
    from ..model import WORD_KINDS
    from ..text.tokenize import has_unspaced, tokenize

    words = text.split()
    if has_unspaced(text):
        ends = [t.end for t in tokenize(text) if t.kind in WORD_KINDS]
        head, more = (text[: ends[n - 1]], len(ends) > n) if len(ends) >= n else (text, False)
        head = " ".join(head.split())
    else:
        head, more = " ".join(words[:n]), len(words) > n
    if len(head) > chars:
        return head[: chars - 1] + "…"
    return head + (" …" if more else "")

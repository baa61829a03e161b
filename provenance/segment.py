"""Paragraphs and sentences as token ranges.

A paragraph break is any line break between two tokens (reprints use single and blank lines alike).
A sentence ends after ``.``, ``?``, ``!``, ``…`` or the full stops and question marks of other scripts
(Urdu ``۔``, Arabic ``؟``, Devanagari ``।``, CJK ``。``), plus closing quotes or brackets. Long sentences
are cut into windows of at most ``max_tokens`` so that no segment, however adversarial the text, is
unbounded. Every function here is linear in the number of tokens.
"""

from __future__ import annotations

from dataclasses import dataclass

from .model import Document

__all__ = ["Segment", "paragraph_starts", "sentences", "paragraphs"]

_ENDERS = frozenset(".?!…۔؟।॥。！？｡")
_CLOSERS = frozenset("\"'”’»)]›」』")


@dataclass(frozen=True, slots=True)
class Segment:
    """Tokens ``[start, end)`` of a document; ``paragraph`` is the index of its paragraph."""

    start: int
    end: int
    paragraph: int


def paragraph_starts(doc: Document) -> list[bool]:
    """``starts[k]`` is true when token ``k`` begins a paragraph (token 0 always does)."""
    text, toks = doc.text, doc.tokens
    starts = [False] * len(toks)
    for k, tok in enumerate(toks):
        if k == 0:
            starts[k] = True
        else:
            gap = text[toks[k - 1].end : tok.start]
            starts[k] = "\n" in gap or "\r" in gap
    return starts


def paragraphs(doc: Document) -> list[Segment]:
    """Paragraphs as token ranges, in order, tiling the document's tokens."""
    starts = paragraph_starts(doc)
    out, begin, p = [], 0, 0
    for k in range(1, len(starts)):
        if starts[k]:
            out.append(Segment(begin, k, p))
            begin, p = k, p + 1
    if doc.tokens:
        out.append(Segment(begin, len(doc.tokens), p))
    return out


def sentences(doc: Document, max_tokens: int = 120) -> list[Segment]:
    """Sentences as token ranges, in order, tiling the document's tokens; none longer than ``max_tokens``."""
    toks = doc.tokens
    out: list[Segment] = []
    for para in paragraphs(doc):
        begin = para.start
        k = para.start
        while k < para.end:
            end_here = toks[k].text in _ENDERS
            if end_here:
                # "?!", "..." and closing quotes glued to the stop belong to the same sentence.
                while (
                    k + 1 < para.end
                    and (toks[k + 1].text in _CLOSERS or toks[k + 1].text in _ENDERS)
                    and toks[k + 1].start == toks[k].end
                ):
                    k += 1
            if end_here or k - begin + 1 >= max_tokens:
                out.append(Segment(begin, k + 1, para.paragraph))
                begin = k + 1
            k += 1
        if begin < para.end:
            out.append(Segment(begin, para.end, para.paragraph))
    return out

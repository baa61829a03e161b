"""Paragraphs and sentences as token ranges.

A paragraph break is a line break between two tokens (reprints use single and blank lines alike),
except a *soft wrap* of hard-wrapped or OCR text: a single line break after a hyphen or a comma, or
before a word that starts in lower case ("amis et\nconnaissances", "con-\nnaissances").
A sentence ends after ``.``, ``?``, ``!``, ``…`` or the full stops and question marks of other scripts
(Urdu ``۔``, Arabic ``؟``, Devanagari ``।``, CJK ``。``), plus closing quotes or brackets. Long sentences
are cut into windows of at most ``max_tokens`` so that no segment, however adversarial the text, is
unbounded. Every function here is linear in the number of tokens.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass

from ..model import Document, require

__all__ = ["Segment", "SENTENCE_ENDERS", "paragraph_starts", "sentences", "paragraphs"]

#: Sentence-final marks of the scripts we read (Latin, Urdu, Devanagari, CJK).
SENTENCE_ENDERS = frozenset(".?!…۔؟।॥。！？｡")
_LINE_BREAKS = re.compile(r"[\r\n]+")
_CLOSERS = frozenset("\"'”’»)]›」』")


@dataclass(frozen=True, slots=True)
class Segment:
    """Tokens ``[start, end)`` of a document; ``paragraph`` is the index of its paragraph."""

    start: int
    end: int
    paragraph: int


def _derived(doc: Document, key, compute, caller: str):
    """``doc.derived(key, compute)``; a non-document is a :class:`TypeError` naming ``caller`` (checked
    only when the lookup fails: these are called for every pair of a story)."""
    try:
        return doc.derived(key, compute)
    except AttributeError:
        require(doc, Document, f"{caller}: doc")
        raise


def paragraph_starts(doc: Document) -> list[bool]:
    """Memoised per document; see :func:`_paragraph_starts`. Do not mutate the result."""
    return _derived(doc, "paragraph_starts", _paragraph_starts, "paragraph_starts")


def _paragraph_starts(doc: Document) -> list[bool]:
    """``starts[k]`` is true when token ``k`` begins a paragraph (token 0 always does).

    That is: the text between tokens ``k - 1`` and ``k`` holds a ``\\n`` or ``\\r`` that is not a
    soft wrap (module docstring). A blank line is always a break.
    """
    text, toks = doc.text, doc.tokens
    starts = [False] * len(toks)
    if not toks:
        return starts
    starts[0] = True
    # Tokens never contain line breaks, so each run of them lies in the gap before the first token
    # that starts after it. One bisection per line break instead of one slice per token.
    token_starts = [t.start for t in toks]
    for m in _LINE_BREAKS.finditer(text):
        k = bisect_right(token_starts, m.start())
        if k < len(toks) and not (k > 0 and _soft_wrap(text[toks[k - 1].end : toks[k].start], toks, k)):
            starts[k] = True
    return starts


def _soft_wrap(gap: str, toks, k: int) -> bool:
    """Whether the line break(s) in ``gap``, the whitespace before token ``k``, are a soft wrap."""
    if gap.count("\n") > 1 or gap.count("\r") > 1 and "\n" not in gap:
        return False  # a blank line
    before = toks[k - 1]
    # a hyphen glued to the word before it ("con-") splits a word; a free-standing dash does not
    hyphenated = before.text in ("-", "¬") and k > 1 and toks[k - 2].end == before.start
    return hyphenated or before.text == "," or toks[k].text[:1].islower()


def paragraphs(doc: Document) -> list[Segment]:
    """Paragraphs as token ranges, in order, tiling the document's tokens."""
    firsts = [k for k, start in enumerate(paragraph_starts(doc)) if start]
    ends = firsts[1:] + [len(doc.tokens)]
    return [Segment(begin, end, p) for p, (begin, end) in enumerate(zip(firsts, ends))]


def sentences(doc: Document, max_tokens: int = 120) -> list[Segment]:
    """Memoised per document and ``max_tokens``; see :func:`_sentences`. Do not mutate the result."""
    return _derived(doc, ("sentences", max_tokens), lambda d: _sentences(d, max_tokens), "sentences")


def _sentences(doc: Document, max_tokens: int = 120) -> list[Segment]:
    """Sentences as token ranges, in order, tiling the document's tokens; none longer than ``max_tokens``.

    A sentence never crosses a paragraph break. A stretch longer than ``max_tokens`` without a stop
    is cut into windows of exactly ``max_tokens`` from its start, then the remainder.
    """
    toks = doc.tokens
    n = len(toks)
    max_tokens = max(1, max_tokens)
    texts = [t.text for t in toks]
    cuts: list[int] = []  # token index after each sentence end, increasing
    for k in [k for k, text in enumerate(texts) if text in SENTENCE_ENDERS]:
        if cuts and k < cuts[-1]:
            continue  # already swallowed by the previous stop ("...", "?!")
        # "?!", "..." and closing quotes glued to the stop belong to the same sentence.
        while k + 1 < n and (texts[k + 1] in _CLOSERS or texts[k + 1] in SENTENCE_ENDERS) and toks[k + 1].start == toks[k].end:
            k += 1
        cuts.append(k + 1)
    out: list[Segment] = []
    c = 0
    for para in paragraphs(doc):
        while c < len(cuts) and cuts[c] <= para.start:
            c += 1
        begin = para.start
        while begin < para.end:
            end = cuts[c] if c < len(cuts) and cuts[c] < para.end else para.end
            while end - begin > max_tokens:
                out.append(Segment(begin, begin + max_tokens, para.paragraph))
                begin += max_tokens
            out.append(Segment(begin, end, para.paragraph))
            begin = end
            c += end != para.end
    return out

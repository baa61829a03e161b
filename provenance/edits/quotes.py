"""Which tokens stand inside quotation marks (any script's marks; straight marks toggle)."""

from __future__ import annotations

from ..model import Document
from ..text.segment import paragraph_starts

__all__ = ["quote_mask"]


def quote_mask(doc: Document) -> list[bool]:
    """Memoised per document; see :func:`_quote_mask`. Do not mutate the result."""
    return doc.derived("quote_mask", _quote_mask)


def _quote_mask(doc: Document) -> list[bool]:
    """``mask[k]`` is true when token ``k`` lies inside quotation marks (the marks themselves excluded).

    Curly marks open and close explicitly; straight marks toggle. Double and single quotes are tracked
    separately, and an unclosed quote ends at the paragraph break. A doubled curly single mark
    (``’’`` or ``‘‘``) is a double quote that toggles: Urdu text opens with ``’’`` and closes with
    ``‘‘`` (COUNTER: 70 of each), typewritten English the other way round, so its direction cannot
    be read from the mark.
    """
    starts = paragraph_starts(doc)
    mask = [False] * len(doc.tokens)
    double = single = doubled = False
    toks = doc.tokens
    skip = False
    for k, tok in enumerate(toks):
        if starts[k]:
            double = single = doubled = False
        if skip:
            skip = False
            continue
        if tok.kind == "quote":
            ch = tok.text
            if ch in "‘’" and k + 1 < len(toks) and toks[k + 1].text == ch and toks[k + 1].start == tok.end:
                doubled = not doubled
                skip = True
                continue
            if ch in "“„«「『":
                double = True
            elif ch in "”»」』":
                double = False
            elif ch == '"':
                double = not double
            elif ch in "‘‚‹":
                single = True
            elif ch in "’›":
                single = False
            elif ch == "'":
                single = not single
            continue
        mask[k] = double or single or doubled
    return mask

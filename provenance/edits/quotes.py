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
    toks = doc.tokens
    mask = [False] * len(toks)
    # The state changes only at a quotation mark or a paragraph start: walk those events and fill
    # the tokens between them in one slice each (the loop over every token cost as much as the rest).
    events = sorted({k for k, tok in enumerate(toks) if tok.kind == "quote"}
                    | {k for k, s in enumerate(starts) if s})
    double = single = doubled = False
    skip = False
    prev = 0  # tokens [prev, k) before the next event take the current state
    for k in events:
        inside = double or single or doubled
        if inside and k > prev:
            mask[prev:k] = [True] * (k - prev)
        prev = k + 1
        tok = toks[k]
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
        mask[k] = double or single or doubled  # a paragraph's first token (the state just reset)
    if (double or single or doubled) and prev < len(toks):
        mask[prev:] = [True] * (len(toks) - prev)
    return mask

"""Which tokens stand inside quotation marks (any script's marks; straight marks toggle)."""

from __future__ import annotations

from ..model import Document
from ..text.segment import paragraph_starts

__all__ = ["quote_mask", "quote_step"]


#: Each opening mark and the marks that close what it opened. Marks mean different things in
#: different languages: “ opens in English and closes in German („…“); » closes in French («…») and
#: opens in German and Danish (»…«) and in Finnish and Swedish (»…»). So a quotation is closed by
#: the mark its opener pairs with, not by a fixed set of closing marks (dpa's „…“ was read as a
#: quotation never closed, and its »…« as the text between two quotations).
_DOUBLE_CLOSERS = {"“": "”", "„": "“”", "«": "»", "»": "«»", "「": "」", "『": "』",
                   '"': "”"}  # a straight mark closed by a curly one: a sloppy copy's '"text”'
_SINGLE_CLOSERS = {"‘": "’", "‚": "‘’", "‹": "›", "›": "‹›"}
#: every mark of each level, opening or closing
_DOUBLE_MARKS = frozenset(_DOUBLE_CLOSERS).union(*_DOUBLE_CLOSERS.values()) - {'"'}
_SINGLE_MARKS = frozenset(_SINGLE_CLOSERS).union(*_SINGLE_CLOSERS.values())


def quote_step(double: str, single: str, ch: str) -> tuple[str, str]:
    """The quotation state after the mark ``ch``: ``double`` and ``single`` are the marks that opened
    the current double and single quotations ("" for none). A mark closes what its opener pairs with
    (:data:`_DOUBLE_CLOSERS`); straight marks toggle; a closing mark with nothing open does nothing."""
    if ch == '"':
        return ("" if double else '"'), single
    if ch == "'":
        return double, ("" if single else "'")
    if ch in _DOUBLE_MARKS:
        return _paired(double, ch, _DOUBLE_CLOSERS), single
    if ch in _SINGLE_MARKS:
        return double, _paired(single, ch, _SINGLE_CLOSERS)
    return double, single


def _paired(opened: str, ch: str, closers: dict[str, str]) -> str:
    """One quotation level after the mark ``ch``: closed by a mark its opener pairs with, opened by
    an opening mark when nothing is open, else as it was."""
    if opened:
        return "" if ch in closers.get(opened, "") else opened
    return ch if ch in closers else ""


def _apostrophe(text: str, tok, single_open: bool) -> bool:
    """Whether the straight mark ``tok`` is an apostrophe, not a quotation mark: inside a word
    ("U.K.'s"), or, with no single quotation open, attached to the word before it (a plural's
    possessive: "the teams' rematch"). An opening mark follows a space, a bracket or punctuation
    ("He said:'we ...", "...'we"). Read as marks,
    such apostrophes quoted the rest of their paragraph, and a house-style edit there failed as a
    changed quotation."""
    before = text[tok.start - 1] if tok.start else " "
    after = text[tok.end] if tok.end < len(text) else " "
    # after a letter or a digit; or after an abbreviation's dot ("U.K.'s", not "...'we" or ":'we")
    word_before = before.isalnum() or (before == "." and tok.start >= 2 and text[tok.start - 2].isupper())
    return word_before and (after.isalnum() or not single_open)


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
    double = single = ""  # the mark that opened the quotation, "" outside one
    doubled = False
    skip = False
    prev = 0  # tokens [prev, k) before the next event take the current state
    for k in events:
        inside = double or single or doubled
        if inside and k > prev:
            mask[prev:k] = [True] * (k - prev)
        prev = k + 1
        tok = toks[k]
        if starts[k]:
            double = single = ""
            doubled = False
        if skip:
            skip = False
            continue
        if tok.kind == "quote":
            ch = tok.text
            if ch in "‘’" and k + 1 < len(toks) and toks[k + 1].text == ch and toks[k + 1].start == tok.end:
                if double and ch == "’":
                    double = ""  # “...’’: a typewritten closing pair ends the quotation “ opened
                else:
                    doubled = not doubled
                skip = True
                continue
            if ch == "'" and _apostrophe(doc.text, tok, bool(single)):
                continue
            double, single = quote_step(double, single, ch)
            continue
        mask[k] = bool(double or single or doubled)  # a paragraph's first token (the state just reset)
    if (double or single or doubled) and prev < len(toks):
        mask[prev:] = [True] * (len(toks) - prev)
    return mask

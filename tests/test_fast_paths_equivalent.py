"""The faster forms of five per-document passes on the check path (issue #13, throughput) give
exactly what the plain per-token definitions give: quote masks, token gaps, agency-name scans, token
spans and a text's opening words."""

from __future__ import annotations

import re

from hypothesis import assume, given, settings, strategies as st

from provenance import make_document
from provenance.edits.quotes import quote_mask, quote_step
_GAP_SPACE, _GAP_BREAK = 1, 2  # the gap codes of provenance.edits.structure
from provenance.edits import structure
from provenance.text.lexicon import load_lexicon, names_pattern
from provenance.text.segment import paragraph_starts

_ALPHABET = st.sampled_from(list("ab Z") + ['"', "'", "“", "”", "‘", "’", "«", "»", "„", "\n", "\n\n", "\r\n",
                                            "‘‘", "’’", "AFP", "Reuters", "-AP", "AP-", " AP ", ", ",
                                            "新华社", "据", "电", "AP通信", "x"])
_TEXTS = st.lists(_ALPHABET, min_size=1, max_size=60).map("".join).filter(lambda t: t.strip())


from provenance.edits.quotes import _apostrophe  # noqa: E402


def _reference_mask(doc) -> list[bool]:
    """The per-token loop the event walk replaced, kept verbatim as the specification."""
    starts = paragraph_starts(doc)
    mask = [False] * len(doc.tokens)
    double = single = ""
    doubled = False
    toks = doc.tokens
    skip = False
    for k, tok in enumerate(toks):
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
                    double = ""
                else:
                    doubled = not doubled
                skip = True
                continue
            if ch == "'" and _apostrophe(doc.text, tok, bool(single)):
                continue
            double, single = quote_step(double, single, ch)
            continue
        mask[k] = bool(double or single or doubled)
    return mask


def _reference_gaps(doc) -> bytes:
    toks, text = doc.tokens, doc.text
    out = bytearray(len(toks))
    for k in range(len(toks) - 1):
        end, nxt = toks[k].end, toks[k + 1].start
        if nxt > end:
            gap = text[end:nxt]
            out[k] = _GAP_BREAK if ("\n" in gap or "\r" in gap) else _GAP_SPACE
    return bytes(out)


def test_quote_mask_on_own_text():
    doc = make_document("q", 'He said "we will go" and left.\n\n“Open and never closed\n\nout ‘‘doubled‘‘ end')
    mask = quote_mask(doc)
    inside = [t.text for t, m in zip(doc.tokens, mask) if m]
    assert inside == ["we", "will", "go", "Open", "and", "never", "closed", "doubled"]
    assert mask == _reference_mask(doc)


@settings(max_examples=300, deadline=None)
@given(_TEXTS)
def test_quote_mask_matches_the_per_token_definition(text):
    assume(any(c.isalnum() for c in text))  # a text of no words is no document (make_document)
    doc = make_document("q", text)
    assert quote_mask(doc) == _reference_mask(doc)


@settings(max_examples=200, deadline=None)
@given(_TEXTS)
def test_gaps_match_the_per_token_definition(text):
    assume(any(c.isalnum() for c in text))
    doc = make_document("g", text)
    assert structure._gaps(doc) == _reference_gaps(doc)


@settings(max_examples=200, deadline=None)
@given(_TEXTS)
def test_agency_scan_matches_the_plain_alternation(text):
    # the plain definition: a name with no letter, digit or hyphen of a spaced script beside it
    # (a Chinese or Japanese character beside it is a word boundary)
    from provenance.text.tokenize import UNSPACED_CHARS

    edge = f"[^\\W{UNSPACED_CHARS}]|-"
    names = load_lexicon().agencies
    plain = re.compile(f"(?<!{edge})(" + "|".join(map(re.escape, names)) + f")(?!{edge})")
    assert names_pattern(names).findall(text) == plain.findall(text)
    assert names_pattern(("AP",)).findall(text) == re.findall(f"(?<!{edge})(AP)(?!{edge})", text)


# The tokenizer skips whitespace inside its match (one match per token instead of one failed attempt
# of every branch per space). The spans and kinds must be those of the plain pattern.
_TOKEN_CHARS = st.sampled_from(list("aZé1, .\"'’“”«»-$%\u00a0\u202f\u0301\u064e") +
                               ["U.S.", "Feb.", "No.", " 10", "13,000", "Mr.", "said.", "\n", "\n\n", "\t",
                                "Путин", "اُردُو", "中文", "12月", "東京で", "e.g.", "  ", "   \n "])


@settings(max_examples=300, deadline=None)
@given(st.lists(_TOKEN_CHARS, max_size=40).map("".join))
def test_tokenizer_matches_the_plain_pattern(text):
    from provenance.text import tokenize as tk

    # the reference: the same branches without the whitespace prefix, matched at every position
    # (a text with Chinese or Japanese characters takes the pattern that makes each one a word)
    pattern = tk._unspaced_token_re() if tk.has_unspaced(text) else tk._TOKEN_RE
    plain = re.compile(pattern.pattern.split("(?:", 1)[1].rsplit(")?", 1)[0], re.VERBOSE)
    expected = [(m.lastgroup, m.span()) for m in plain.finditer(text)]
    got = []
    for t in tk.tokenize(text):
        kind = "abbrev" if t.kind == "abbrev" else t.kind
        got.append((kind, (t.start, t.end)))
    # listed-abbreviation handling splits some abbrev matches in two; compare where it did not
    merged = []
    for kind, span in got:
        if kind == "punct" and merged and merged[-1][0] == "word" and merged[-1][1][1] == span[0] \
                and text[span[0]:span[1]] == "." and any(k == "abbrev" and s == (merged[-1][1][0], span[1])
                                                         for k, s in expected):
            merged[-1] = ("abbrev", (merged[-1][1][0], span[1]))
            continue
        merged.append((kind, span))
    assert merged == expected


_OPENING_TEXTS = st.lists(st.sampled_from(["Moscow", " ", "(AFP)", " - ", "24", "۔", "اسلام", "آباد", "(اے پی پی)",
                                           "\n\n", ".", "新华社", "北京", "12月5日电", "x", "—"]),
                          max_size=40).map("".join).filter(lambda t: t.strip())


@given(_OPENING_TEXTS, st.integers(min_value=1, max_value=12))
def test_opening_without_the_view_matches_the_view(text, words):
    """``check`` reads a text's opening without building its comparison view; the words counted
    are the view's."""
    from provenance.lineage import reuse

    assume(any(c.isalnum() for c in text))
    fast = reuse._opening(make_document("a", text), words)
    doc = make_document("b", text)
    reuse._view(doc)  # with the view memoised, _opening reads its word index
    assert fast == reuse._opening(doc, words)

"""Page furniture: what a page wraps around an article, recognised by shape and position.

A paragraph with no counterpart in the other document is furniture when

* an outlet repeats it across its pages (``known_boilerplate``, from an index), wherever it stands;
* it belongs to a run of short lines (a menu, a list of links or related headlines, widget buttons):
  article text comes in sentences, so ``short_line_run`` short lines in a row are not article text;
* it has the shape of a byline or a photo credit ("By Jane Doe", "Jane Doe / AFP", "Photo: ...");
* it matches one of the generic patterns of ``provenance/data/boilerplate.txt`` (newsletters,
  donations, share buttons, legal lines) *and* stands outside the article body (before the first or
  after the last text shared with the other document) or is itself a short line. A body paragraph
  that mentions a newsletter or a donation is content.

Position also works through :func:`provenance.edits.grouping.absorb_tail_furniture` (paragraphs after
the first furniture paragraph of the tail are the page footer) and the masthead rule of
:mod:`provenance.edits.rules` (short lines before the lede).
"""

from __future__ import annotations

import re
from bisect import bisect_right
from functools import lru_cache

from ..model import WORD_KINDS
from ..text.segment import SENTENCE_ENDERS
from .context import EditContext
from .meaning import quoted_passages

__all__ = ["is_furniture", "is_short_line", "is_credit_line", "short_line_runs", "in_edge_furniture", "paragraph_ranges"]


#: "By Jane Doe", "By Jane Doe and John Roe, Reuters", "Par Jean Dupont", "Von Hans Meier"
_BYLINE_RE = re.compile(r"^\s*(?:[Bb]y|BY|[Pp]ar|[Vv]on|[Pp]or)\s+[A-ZÀ-Ý][\w.'’-]*"
                        r"(?:,?\s+(?:and|et|und|y|[A-ZÀ-Ý][\w.'’-]*))*\s*$")
#: a credit: "Name / AGENCY", "Photo: ...", "© ...", "(Photo by ...)", and a wire's sign-off
#: "(Reporting by ...; Editing by ...)", "Additional reporting by ...", "Compiled by ..."
_CREDIT_RE = re.compile(r"^\s*\(?\s*(photo|image|picture|video|illustration|foto)s?\b\s*(:|by|credit)|^[^.!?]{2,60}\s/\s[^.!?]{2,60}$|©"
                        r"|^\s*\(?\s*(?:additional\s+)?(?:reporting|writing|editing|compiled|compiling)\s+by\b", re.I)


def is_short_line(text: str, max_words: int) -> bool:
    """At most ``max_words`` words and no final sentence stop: a menu item, a link, a button."""
    stripped = text.strip().rstrip("\"”’»)")
    return len(text.split()) <= max_words and stripped[-1:] not in SENTENCE_ENDERS


def spoken_passage(text: str, max_words: int) -> bool:
    """Whether ``text`` is someone's words, not page furniture, wherever it stands (before the lead,
    after a footer line such as "Read more: ...", a byline or a copyright line): sentences most of
    whose words are inside quotation marks. Not a line of at most ``max_words`` words without a
    stop, nor a link opening "Read more:" or "Related:" (a related headline quoting another
    article); a donation appeal quoting its critics in passing is the outlet's prose (the Moscow
    Times seed: 1 and 7 of some 40 words a paragraph)."""
    if is_short_line(text, max_words) or _link_lead_in(text):
        return False
    inside = sum(len(q.split()) for q in quoted_passages(text))
    return 2 * inside >= len(text.split())


#: a link's lead-in to another article ("Read more: ...", "Related: ...", "See also: ...", "Watch: ...")
_LINK_LEAD_IN_RE = re.compile(r"^\W*(read\s+more|related(\s+(stories|articles|coverage|news))?|see\s+also|more\s+on\s+this"
                              r"|also\s+read|watch|listen|opinion)\s*[:|>»–—-]", re.I)


def _link_lead_in(text: str) -> bool:
    return bool(_LINK_LEAD_IN_RE.match(text))


def is_credit_line(text: str, max_words: int) -> bool:
    """The shape of a byline or a photo credit, and short."""
    return len(text.split()) <= max_words and bool(_BYLINE_RE.match(text) or _CREDIT_RE.search(text))


def short_line_runs(ctx: EditContext, side: str) -> frozenset[int]:
    """Start tokens of the paragraphs of ``side`` that lie in runs of at least ``short_line_run``
    consecutive short lines with no aligned text (memoised on the context)."""
    key = "_short_runs_" + side
    cached = ctx.__dict__.get(key)
    if cached is not None:
        return cached
    doc, starts = (ctx.C, ctx.cstart) if side == "child" else (ctx.P, ctx.pstart)
    covered = bytearray(len(doc.tokens))
    for b in ctx.al.blocks:
        if b.tag == "equal":
            lo, hi = (b.j1, b.j2) if side == "child" else (b.i1, b.i2)
            covered[lo:hi] = b"\x01" * (hi - lo)
    paras = [k for k, s in enumerate(starts) if s] + [len(doc.tokens)]
    cfg = ctx.cfg
    out: set[int] = set()
    run: list[int] = []
    for a, b in zip(paras, paras[1:]):
        words = sum(1 for t in doc.tokens[a:b] if t.kind in WORD_KINDS)
        text = doc.token_text(a, b)
        if not any(covered[a:b]) and words <= cfg.short_line_words and is_short_line(text, cfg.short_line_words):
            run.append(a)
            continue
        if len(run) >= cfg.short_line_run:
            out.update(run)
        run = []
    if len(run) >= cfg.short_line_run:
        out.update(run)
    result = frozenset(out)
    ctx.__dict__[key] = result
    return result


def is_furniture(ctx: EditContext, side: str, k1: int, k2: int, text: str, runs: bool = True) -> bool:
    """Whether the paragraph of tokens [k1, k2) on ``side`` (``child`` or ``parent``), with no
    counterpart on the other side, is page furniture (module docstring). ``runs=False`` leaves out
    the short-line runs (the caller judges headlines first: a headline is a short line too)."""
    norm = " ".join(text.casefold().split())
    if norm in ctx.known:
        return True
    cfg = ctx.cfg
    if runs and k1 in short_line_runs(ctx, side):
        return True
    if is_credit_line(text, cfg.short_line_words):
        return True
    first, last = (ctx.first_j, ctx.last_j) if side == "child" else (ctx.first_i, ctx.last_i)
    outside = k2 <= first or k1 >= last
    if not outside and not is_short_line(text, cfg.short_line_words):
        return False
    return _boilerplate(ctx, text)


def _boilerplate(ctx: EditContext, text: str) -> bool:
    """Whether one of the lexicon's boilerplate patterns is found in ``text`` (cached by text)."""
    cfg = ctx.cfg
    if len(text) > cfg.furniture_cache_text_max:  # keep the cache small: huge paragraphs are searched each time
        return _matches_any(ctx.lex.boilerplate, text)
    return _cached(cfg.furniture_cache_entries)(ctx.lex.boilerplate, text)


def _matches_any(patterns: tuple[re.Pattern, ...], text: str) -> bool:
    return any(p.search(text) for p in patterns)


@lru_cache(maxsize=4)
def _cached(entries: int):
    # cached: in a story each paragraph is judged once per other member, and the search is slow
    # (~0.2 ms per paragraph: Python's re tries every alternative at every position)
    return lru_cache(maxsize=entries)(_matches_any)


def paragraph_ranges(ctx: EditContext, side: str) -> list[tuple[int, int]]:
    """The token ranges of ``side``'s paragraphs, in order (memoised on the context: an edit of a
    100k-word text asks for them once per edit, and building them is linear in the text)."""
    key = "_paragraph_ranges_" + side
    cached = ctx.__dict__.get(key)
    if cached is not None:
        return cached
    doc, starts = (ctx.C, ctx.cstart) if side == "child" else (ctx.P, ctx.pstart)
    cuts = [k for k, s in enumerate(starts) if s] + [len(doc.tokens)]
    if not cuts or cuts[0] != 0:
        cuts.insert(0, 0)
    value = ctx.__dict__[key] = [(a, b) for a, b in zip(cuts, cuts[1:]) if a < b]
    return value


def in_edge_furniture(ctx: EditContext, side: str, k1: int, k2: int) -> bool:
    """Whether tokens [k1, k2) of ``side`` lie in a page header or footer paragraph: one that is
    furniture by its own text (an outlet's repeated line, a byline or credit, a generic pattern
    such as a copyright line) with only such paragraphs or short lines between it and the page's
    edge. A copy that swaps its parent's footer for its own changes names inside furniture, which
    is furniture replaced, not a name changed in the article (issue #15). A body paragraph that
    mentions copyright is not at the edge and keeps its edits."""
    doc = ctx.C if side == "child" else ctx.P
    paras = paragraph_ranges(ctx, side)
    here = bisect_right(paras, (k1, len(doc.tokens) + 1)) - 1  # the last paragraph starting at or before k1
    if here < 0 or not paras[here][0] <= k1 < paras[here][1] or paras[here][1] < k2:
        return False
    cfg = ctx.cfg
    # each paragraph is judged once per side and alignment: a text of one long line has one
    # paragraph that every edit asks about, and the boilerplate patterns scan all of it
    memo = ctx.__dict__.setdefault("_own_furniture_" + side, {})

    def own(n: int) -> bool:
        hit = memo.get(n)
        if hit is None:
            text = doc.token_text(*paras[n])
            hit = memo[n] = (" ".join(text.casefold().split()) in ctx.known
                             or is_credit_line(text, cfg.short_line_words) or _boilerplate(ctx, text))
        return hit

    def edge_like(n: int) -> bool:
        return own(n) or is_short_line(doc.token_text(*paras[n]), cfg.short_line_words)

    if not own(here):
        return False
    return all(edge_like(n) for n in range(here + 1, len(paras))) or all(edge_like(n) for n in range(here))

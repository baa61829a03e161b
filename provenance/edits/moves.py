"""Moved passages the aligner left as a deletion in one place and an insertion in another.

The aligner finds a moved passage through its sentences' shared word bigrams; a short paragraph
("Don't mind me!" he told them.) has too few to be matched off the in-order chain, and the word
diff then reports its parent copy as deleted and its child copy as inserted, often with the
boundaries slid by a quotation mark. Judged apart, the two halves read as a quotation deleted and a
quotation invented. This pass is the standard move detection over the opcodes: a passage only
deleted and a passage only inserted elsewhere with (nearly) the same words are one moved passage.
The two copies are then compared as wholes, token by token, and each difference inside is
classified by the same rule cascade as any aligned change, so a moved paragraph with a number
changed inside still fails as ``number``. Punctuation-only differences at a passage's edges are
the diff's boundary slack and belong to the move.

Cost: one dictionary lookup per candidate pair found through shared word bigrams (postings
capped), then one word diff per pair; nothing is compared all against all.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections import Counter

from ..align.aligner import diff_codes
from ..model import WORD_KINDS, Edit
from .context import EditContext, Unit, make_edit
from .notes import quoted, shortened
from .rules import classify_unit

__all__ = ["pair_moved_passages", "MOVABLE_KINDS", "word_similarity"]

#: kinds of a one-sided edit that may be half of a moved passage; furniture, datelines and the
#: aligner's own moves are judged by their own rules
MOVABLE_KINDS = frozenset({"deleted", "inserted", "quote", "truncated", "rewrite", "number", "date", "negation",
                           "polarity", "hedge", "entity", "attribution", "function_word", "punctuation", "headline"})
_POSTING_CAP = 16  # one-sided edits kept per word bigram: a stock phrase in many paragraphs is no evidence


def _token_range(starts: list[int], ends: list[int], span: tuple[int, int]) -> tuple[int, int]:
    """Tokens lying inside the character span ``[a, b)``."""
    return bisect_left(starts, span[0]), bisect_right(ends, span[1])


def _starts_ends(doc) -> tuple[list[int], list[int]]:
    return doc.derived("moves_token_bounds", lambda d: ([t.start for t in d.tokens], [t.end for t in d.tokens]))


def _one_sided(edits: list[Edit], side: str) -> list[int]:
    out = []
    for k, e in enumerate(edits):
        mine, other = (e.parent_text, e.child_text) if side == "parent" else (e.child_text, e.parent_text)
        if e.kind in MOVABLE_KINDS and mine.strip() and not other.strip():
            out.append(k)
    return out


def pair_moved_passages(ctx: EditContext, edits: list[Edit]) -> list[Edit]:
    """``edits`` with each deleted passage that reappears as an inserted passage elsewhere replaced by
    one ``moved`` edit over both copies plus the classified differences between them (module
    docstring). Pairs need ``settings.edits.move_min_words`` words in common, in order, and a
    similarity of at least ``move_min_similarity``; each edit joins at most one pair."""
    dels, ins = _one_sided(edits, "parent"), _one_sided(edits, "child")
    if not dels or not ins:
        return edits
    P, C, cfg = ctx.P, ctx.C, ctx.cfg
    pse, cse = _starts_ends(P), _starts_ends(C)
    ranges: dict[int, tuple[int, int]] = {}
    words: dict[int, list[str]] = {}
    parent_side = set(dels)
    for k in dels + ins:
        e = edits[k]
        doc, se, span = (P, pse, e.parent_span) if k in parent_side else (C, cse, e.child_span)
        lo, hi = _token_range(*se, span)
        ranges[k] = (lo, hi)
        words[k] = [t.norm for t in doc.tokens[lo:hi] if t.kind in WORD_KINDS]
    postings: dict[tuple[str, str], list[int]] = {}
    for k in dels:
        for bg in set(zip(words[k], words[k][1:])):
            post = postings.setdefault(bg, [])
            if len(post) <= _POSTING_CAP:
                post.append(k)
    candidates = []
    for k in ins:
        counts = Counter(d for bg in set(zip(words[k], words[k][1:]))
                         for d in postings.get(bg, ()) if len(postings[bg]) <= _POSTING_CAP)
        for d, shared in counts.most_common(3):
            if not _may_be_similar(words[d], words[k], cfg.move_min_words, cfg.move_min_similarity):
                continue
            sim, same = word_similarity(words[d], words[k])
            if same >= cfg.move_min_words and sim >= cfg.move_min_similarity:
                candidates.append((-sim, -same, d, k))
    if not candidates:
        return edits
    candidates.sort()
    taken: set[int] = set()
    replaced: dict[int, list[Edit]] = {}
    for _, _, d, k in candidates:
        if d in taken or k in taken:
            continue
        taken.update((d, k))
        replaced[d] = _moved_passage(ctx, edits[d], edits[k], ranges[d], ranges[k])
        replaced[k] = []
    out: list[Edit] = []
    for k, e in enumerate(edits):
        out.extend(replaced.get(k, (e,)))
    return out


def _may_be_similar(a: list[str], b: list[str], min_words: int, min_similarity: float) -> bool:
    """Whether :func:`word_similarity` of ``a`` and ``b`` can reach ``min_words`` words in common and
    ``min_similarity``: words in common in order are at most the words the two lists share as
    multisets (a diff's cost saved where the bound already fails, as for a short paragraph against
    a long one)."""
    # the similarity's own expression: a bound that passes is never rounded below one that fails
    size = max(1, len(a) + len(b))
    bound = min(len(a), len(b))
    if bound < min_words or 2 * bound / size < min_similarity:
        return False
    bound = sum((Counter(a) & Counter(b)).values())
    return bound >= min_words and 2 * bound / size >= min_similarity


def word_similarity(a: list[str], b: list[str]) -> tuple[float, int]:
    """(2 * words in common in order / words on both sides, words in common) of two word lists."""
    vocab: dict[str, int] = {}
    x = [vocab.setdefault(w, len(vocab)) for w in a]
    y = [vocab.setdefault(w, len(vocab)) for w in b]
    ops, _ = diff_codes(x, y)
    same = sum(i2 - i1 for tag, i1, i2, _, _ in ops if tag == "equal")
    return 2 * same / max(1, len(a) + len(b)), same


def _moved_passage(ctx: EditContext, d: Edit, i: Edit, pr: tuple[int, int], cr: tuple[int, int]) -> list[Edit]:
    P, C = ctx.P, ctx.C
    (a1, a2), (b1, b2) = pr, cr
    vocab: dict[str, int] = {}
    x = [vocab.setdefault(t.norm, len(vocab)) for t in P.tokens[a1:a2]]
    y = [vocab.setdefault(t.norm, len(vocab)) for t in C.tokens[b1:b2]]
    ops, _ = diff_codes(x, y)
    # the diff's boundary slack: quotation marks or punctuation only at either edge of the passage
    while ops and ops[0][0] != "equal" and _punct_only(ctx, ops[0], a1, b1):
        ops = ops[1:]
    while ops and ops[-1][0] != "equal" and _punct_only(ctx, ops[-1], a1, b1):
        ops = ops[:-1]
    changed = [op for op in ops if op[0] != "equal"]
    blocks = tuple(sorted(set(d.blocks) | set(i.blocks)))
    line = P.line_of(d.parent_span[0])
    out = [Edit("moved", "editorial", d.parent_span, i.child_span, d.parent_text, i.child_text,
                f"moved from parent line {line}: {quoted(shortened(i.child_text, ctx.cfg.note_chars))}",
                blocks, "", "passage")]
    for _, x1, x2, y1, y2 in changed:
        u = Unit(a1 + x1, a1 + x2, b1 + y1, b1 + y2, blocks, "moved")
        out.append(make_edit(ctx, u, classify_unit(ctx, u)))
    return out


def _punct_only(ctx: EditContext, op, a1: int, b1: int) -> bool:
    _, x1, x2, y1, y2 = op
    toks = ctx.P.tokens[a1 + x1:a1 + x2] + ctx.C.tokens[b1 + y1:b1 + y2]
    return all(t.kind in ("punct", "quote") for t in toks)


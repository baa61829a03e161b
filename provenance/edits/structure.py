"""Edits read straight off the blocks: spacing between equal tokens, and moved or duplicated passages."""

from __future__ import annotations

from ..model import Edit
from .context import EditContext

__all__ = ["whitespace_edits", "move_edits"]


def whitespace_edits(ctx: EditContext) -> list[Edit]:
    """Spaces added or removed between tokens that are otherwise equal ("fact?He" -> "fact? He")."""
    out = []
    P, C = ctx.P, ctx.C
    pg, cg = _gaps(P), _gaps(C)
    for n, b in enumerate(ctx.al.blocks):
        if b.tag != "equal" or pg[b.i1 : b.i2 - 1] == cg[b.j1 : b.j2 - 1]:
            continue  # the same spacing all along the block (compared as bytes, in C)
        for k in range(1, b.i2 - b.i1):
            x, y = pg[b.i1 + k - 1], cg[b.j1 + k - 1]
            if x == y or x == _GAP_BREAK or y == _GAP_BREAK:
                continue
            # one side has spaces and the other none (a line break is layout, not spacing)
            pa, pb = P.tokens[b.i1 + k - 1], P.tokens[b.i1 + k]
            ca, cb = C.tokens[b.j1 + k - 1], C.tokens[b.j1 + k]
            what = "space added" if y == _GAP_SPACE else "space removed"
            # either side's marks: a straight '"' does not say whether it opens, its « counterpart does
            typography = pa.text in _SPACED_AFTER or ca.text in _SPACED_AFTER or pb.text in _SPACED_BEFORE or cb.text in _SPACED_BEFORE
            out.append(
                Edit(
                    "whitespace", "style", (pa.start, pb.end), (ca.start, cb.end),
                    P.text[pa.start : pb.end], C.text[ca.start : cb.end],
                    f"{'typographic ' if typography else ''}{what}: {P.text[pa.start:pb.end]!r} -> "
                    f"{C.text[ca.start:cb.end]!r}", (n,),
                    direction="added" if y == _GAP_SPACE else "removed",
                    change="typography" if typography else "",
                )
            )
    return out


_GAP_NONE, _GAP_SPACE, _GAP_BREAK = 0, 1, 2

#: A space after an opening mark or before a closing mark or high punctuation is a typographic
#: convention (French sets « Oui » and « Non ? » with narrow spaces; a copy desk elsewhere drops
#: them), not a fix of a missing space ("fact?He" -> "fact? He") that only a later copy makes.
_SPACED_AFTER = frozenset("«‹“„‘‚¿¡([")
_SPACED_BEFORE = frozenset("»›”’;:!?%‰)]")


def _gaps(doc) -> bytes:
    """Per token, what separates it from the next: nothing, spaces, or a line break (memoised)."""

    def compute(d) -> bytes:
        toks, text = d.tokens, d.text
        if not toks:
            return b""
        # one comprehension rather than an indexed loop: this runs over every token of both texts
        gaps = bytes(
            _GAP_NONE if nxt <= end else
            (_GAP_BREAK if ("\n" in (gap := text[end:nxt]) or "\r" in gap) else _GAP_SPACE)
            for end, nxt in zip([t.end for t in toks], [t.start for t in toks[1:]]))
        return gaps + bytes(1)  # the last token: _GAP_NONE

    return doc.derived("classify_gaps", compute)


def move_edits(ctx: EditContext) -> list[Edit]:
    """One edit per run of moved or duplicated blocks, pointing at where the text came from."""
    out = []
    blocks = ctx.al.blocks
    k = 0
    while k < len(blocks):
        b = blocks[k]
        if not b.move:
            k += 1
            continue
        run = [k]
        while k + 1 < len(blocks) and blocks[k + 1].move == b.move and blocks[k + 1].j1 == blocks[run[-1]].j2:
            k += 1
            run.append(k)
        k += 1
        bl = [blocks[r] for r in run]
        i1 = min(x.i1 for x in bl)
        i2 = max(x.i2 for x in bl)
        j1, j2 = bl[0].j1, bl[-1].j2
        ps, cs = ctx.P.char_span(i1, i2), ctx.C.char_span(j1, j2)
        ps = (ctx.P.tokens[i1].start, ctx.P.tokens[i2 - 1].end) if i1 < i2 else ps
        cs = (ctx.C.tokens[j1].start, ctx.C.tokens[j2 - 1].end) if j1 < j2 else cs
        line = ctx.P.line_of(ps[0])
        note = (
            f"paragraph repeated from parent line {line}" if b.move == "duplicated"
            else f"moved from parent line {line}"
        )
        out.append(Edit(b.move, "editorial", ps, cs, ctx.P.token_text(i1, i2), ctx.C.token_text(j1, j2), note, tuple(run)))
    return out

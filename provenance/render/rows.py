"""The row model of the side-by-side views: one edge cut into paragraph rows, and the rows cut into
what is shown and what is folded.

As ``difflib.SequenceMatcher.get_grouped_opcodes`` serves both ``unified_diff`` and ``context_diff``,
:func:`edge_rows` and :func:`layout` serve the side-by-side text view, the unified word diff and the
two HTML reports (trace and check); none of them builds rows or collapses them on its own.

The model, with its invariants (``tests/test_rows.py`` checks them on generated edits):

* :func:`edge_rows` gives a tuple of :class:`Row`, in the child's order. A row is one child paragraph
  (with the parent text aligned to it), or one parent paragraph the child deleted, or one paragraph
  of a moved or duplicated passage (such a passage always starts a row of its own and never shares a
  row with the text around it), or one rewritten sentence pair of ``alignment.sentence_pairs``
  (likewise a row of its own: which child sentence was written from which parent sentence).
* Each row has ``left`` (parent) and ``right`` (child) :class:`Segment` s, never empty: a segment
  is the text of a token range ``[tokens[0], tokens[1])`` of its side, from the first token's start
  to the last one's end, exactly as written.
* The right segments of all rows, in row order, are the child's tokens, each once and in order.
* The left segments, in row order, are the parent's tokens in order, except the passages the child
  moved (``move == "moved"``: they stand where the child has them) and the parent text a
  duplicated passage repeats (``move == "duplicated"``: that text appears twice, once where it
  stands in the parent and once at the repeat). Leaving duplicated segments aside, the left segments
  cover every parent token exactly once.
* Every edit is a note of exactly one row: the row holding the start of its child span when it has
  child text, else the row holding the start of its parent span (the first row when its span starts
  before every segment of that side).

:func:`layout` then says, row by row, what a view shows: a row index, or a :class:`Fold` of rows
shown collapsed (unchanged rows away from any change, as ``diff -C``; the tail of a long run of
added paragraphs, such as a footer or a link list). :func:`hunks` groups the shown rows of a
layout without the added-run folds into the hunks of the unified view.
"""

from __future__ import annotations

from bisect import bisect_right
from dataclasses import dataclass, field
from typing import Iterable, Literal

from ..model import SEVERITIES, Alignment, Edit
from ..text.segment import paragraph_starts

__all__ = ["Segment", "Row", "Fold", "edge_rows", "layout", "hunks", "severity_rank", "highest_severity",
           "ADDED_RUN_SHOWN", "ADDED_RUN_FOLDED_OVER"]

SegmentStyle = Literal["equal", "moved", "deleted", "inserted"]

#: Edits that mark where text went rather than what changed in it: they colour no segment.
_PLACEMENT_KINDS = frozenset(("moved", "duplicated", "whitespace"))

#: A run of more than this many added-only rows is folded after its first ``ADDED_RUN_SHOWN`` rows:
#: a footer or a list of links adds many short paragraphs that say nothing one by one.
ADDED_RUN_FOLDED_OVER = 3
ADDED_RUN_SHOWN = 2


def severity_rank(severity: str) -> int:
    """0 for the mildest severity, up to ``len(SEVERITIES) - 1`` (the order of :data:`model.SEVERITIES`)."""
    return SEVERITIES.index(severity)


def highest_severity(severities: Iterable[str], default: str | None = None) -> str | None:
    """The most severe of ``severities`` (:data:`model.SEVERITIES` order), ``default`` when there is none."""
    return max(severities, key=severity_rank, default=default)


@dataclass(frozen=True)
class Segment:
    """A run of tokens of one side (parent on the left, child on the right) within one row.

    ``text`` is the side's text from the first token's start to the last token's end, as written
    (untrusted: escape it). ``start``/``end`` are its character offsets in that text, ``tokens`` its
    token range. ``style`` is ``"equal"`` (aligned text), ``"moved"`` (aligned text of a moved or
    duplicated passage), ``"deleted"`` (parent text the child lacks) or ``"inserted"`` (child text
    the parent lacks). For a deleted or inserted segment ``severity`` is the highest severity of the
    edits over its block (``"editorial"`` when none covers it) and ``edit`` the edit whose span
    covers ``start`` (moves and whitespace aside), if any; both are ``None`` otherwise. ``move`` is
    the block's move (``"moved"``, ``"duplicated"`` or ``None``). ``glued`` is true when the segment
    follows the previous token with no space between (a comma, a closing quote).
    """

    text: str
    start: int
    end: int
    tokens: tuple[int, int]
    style: SegmentStyle
    glued: bool
    severity: str | None = None
    move: str | None = None
    edit: Edit | None = field(default=None, compare=False)

    @property
    def changed(self) -> bool:
        """Deleted or inserted text."""
        return self.style in ("deleted", "inserted")


@dataclass(frozen=True)
class Row:
    """One row of a side-by-side view (see the module docstring).

    ``notes`` are the edits listed under the row, in the edits' order; ``changed`` is true when the
    row has a deleted or inserted segment or a note.
    """

    left: tuple[Segment, ...]
    right: tuple[Segment, ...]
    notes: tuple[Edit, ...]
    changed: bool

    @property
    def added_only(self) -> bool:
        """The row only adds child text: no parent text at all."""
        return not self.left and bool(self.right)


@dataclass(frozen=True)
class Fold:
    """Rows ``[start, stop)`` shown collapsed. ``reason`` is ``"unchanged"`` (rows away from every
    change) or ``"added"`` (the rest of a long run of added paragraphs)."""

    start: int
    stop: int
    reason: Literal["unchanged", "added"]

    def __len__(self) -> int:
        return self.stop - self.start

    @property
    def rows(self) -> range:
        return range(self.start, self.stop)


def _block_severity(edits) -> dict[int, str]:
    """The highest severity among the edits covering each block (moves aside)."""
    out: dict[int, str] = {}
    for e in edits:
        if e.kind in _PLACEMENT_KINDS:
            continue
        for b in e.blocks:
            if b not in out or severity_rank(e.severity) > severity_rank(out[b]):
                out[b] = e.severity
    return out


class _EditIndex:
    """Finds the edit whose span on one side covers a character offset (moves and whitespace aside)."""

    def __init__(self, edits, side: str):
        spans = sorted(((e.child_span if side == "child" else e.parent_span), n) for n, e in enumerate(edits)
                       if e.kind not in _PLACEMENT_KINDS)
        self.starts = [s[0][0] for s in spans]
        self.spans = spans
        self.edits = edits

    def at(self, offset: int) -> Edit | None:
        k = bisect_right(self.starts, offset) - 1
        while k >= 0:
            (s, e), n = self.spans[k]
            if s <= offset < max(e, s + 1):
                return self.edits[n]
            if offset - s > 5000:  # spans are short; an edit starting this far back cannot reach here
                break
            k -= 1
        return None


def _split_at(starts, lo: int, hi: int) -> list[tuple[int, int]]:
    """Sub-ranges of ``[lo, hi)`` cut at paragraph starts; none when the range is empty.

    An empty range is the child side of a deletion (or the parent side of an insertion); it must
    add no segment, and at the end of a document ``lo`` is past the last paragraph start.
    """
    if lo >= hi:
        return []
    cuts = [lo] + [k for k in range(lo + 1, hi) if starts[k]] + [hi]
    return list(zip(cuts, cuts[1:]))


class _RowBuilder:
    def __init__(self):
        self.rows: list[tuple[list[Segment], list[Segment], bool]] = []
        self.left: list[Segment] = []
        self.right: list[Segment] = []
        self.changed = False

    def flush(self) -> None:
        if self.left or self.right:
            self.rows.append((self.left, self.right, self.changed))
        self.left, self.right, self.changed = [], [], False


def edge_rows(alignment: Alignment, edits) -> tuple[Row, ...]:
    """The rows of the side-by-side view of ``alignment`` with its ``edits`` (module docstring)."""
    P, C = alignment.parent, alignment.child
    pstart, cstart = paragraph_starts(P), paragraph_starts(C)
    severity = _block_severity(edits)
    pidx, cidx = _EditIndex(edits, "parent"), _EditIndex(edits, "child")
    out = _RowBuilder()

    def seg(doc, a, b, style, move, sev=None, index=None) -> Segment:
        start, end = doc.tokens[a].start, doc.tokens[b - 1].end
        glued = a > 0 and doc.tokens[a - 1].end == start
        return Segment(doc.text[start:end], start, end, (a, b), style, glued, sev, move,
                       index.at(start) if index is not None else None)

    prev_move = None
    units = _pair_units(alignment)
    for n, b in enumerate(alignment.blocks):
        if b.move != prev_move or (units and n and units[n] != units[n - 1]):
            out.flush()  # a moved or duplicated passage, a rewritten sentence pair: rows of their own
        prev_move = b.move
        same_pair = bool(units) and n > 0 and units[n] >= 0 and units[n] == units[n - 1]
        if b.tag == "equal":
            style = "moved" if b.move else "equal"
            k0 = 0  # split equal runs at child paragraph breaks, parent in lockstep
            for k in range(1, b.j2 - b.j1 + 1):
                if k == b.j2 - b.j1 or cstart[b.j1 + k]:
                    if cstart[b.j1 + k0] and not (k0 == 0 and same_pair):
                        out.flush()
                    out.left.append(seg(P, b.i1 + k0, b.i1 + k, style, b.move))
                    out.right.append(seg(C, b.j1 + k0, b.j1 + k, style, b.move))
                    k0 = k
            continue
        sev = severity.get(n, "editorial")
        if b.i1 < b.i2:
            for m, (i1, i2) in enumerate(_split_at(pstart, b.i1, b.i2)):
                own_row = (b.tag == "delete" and pstart[i1] and (b.j1 >= len(cstart) or cstart[b.j1])
                           and not (units and units[n] >= 0))  # a pair's words stay on its row
                if m > 0 or own_row:
                    out.flush()
                out.left.append(seg(P, i1, i2, "deleted", b.move, sev, pidx))
                out.changed = True
        for m, (j1, j2) in enumerate(_split_at(cstart, b.j1, b.j2)):
            if cstart[j1] and (m > 0 or b.tag == "insert"):
                out.flush()
            out.right.append(seg(C, j1, j2, "inserted", b.move, sev, cidx))
            out.changed = True
    out.flush()
    notes = _attach_notes(out.rows, edits)
    return tuple(Row(tuple(left), tuple(right), tuple(notes[r]), changed or bool(notes[r]))
                 for r, (left, right, changed) in enumerate(out.rows))


def _pair_units(alignment: Alignment) -> list[int]:
    """Per block, the index of the sentence pair holding it (-1 outside every pair); empty when the
    alignment has none. A block is in a pair when each of its non-empty sides lies in the pair's."""
    pairs = alignment.sentence_pairs
    if not pairs:
        return []
    out, k = [], 0
    for b in alignment.blocks:
        while k < len(pairs) and pairs[k][3] < b.j1:
            k += 1
        unit = -1
        for m in range(k, min(k + 2, len(pairs))):  # a block with no child text may sit at a pair's edge
            i1, i2, j1, j2 = pairs[m]
            if ((b.i1 == b.i2 or i1 <= b.i1 and b.i2 <= i2) and (b.j1 == b.j2 or j1 <= b.j1 and b.j2 <= j2)
                    and j1 <= b.j1 <= j2 and i1 <= b.i1 <= i2):
                unit = m
                break
        out.append(unit)
    return out


def _attach_notes(rows, edits) -> list[list[Edit]]:
    """Each edit under the row holding the start of its span (module docstring)."""
    right, left = {}, {}
    for r, (lsegs, rsegs, _) in enumerate(rows):
        for s in rsegs:
            right[s.start] = r
        for s in lsegs:
            left[s.start] = r
    rstarts, lstarts = sorted(right), sorted(left)
    notes: list[list[Edit]] = [[] for _ in rows]
    for e in edits:
        if e.child_text and rstarts:
            starts, table, at = rstarts, right, e.child_span[0]
        elif lstarts:
            starts, table, at = lstarts, left, e.parent_span[0]
        else:
            starts, table, at = rstarts, right, e.child_span[0]
        if not starts:
            continue  # no rows at all: both texts are empty, so there is no edit either
        k = max(0, bisect_right(starts, at) - 1)
        notes[table[starts[k]]].append(e)
    return notes


def layout(rows: tuple[Row, ...], context: int = 1, fold_added: bool = True) -> tuple[int | Fold, ...]:
    """What a view shows of ``rows``, in order: a row's index, or a :class:`Fold`.

    Changed rows and ``context`` rows on either side of each are shown; each maximal run of the other
    rows is one ``Fold(reason="unchanged")``. With ``fold_added``, a run of more than
    ``ADDED_RUN_FOLDED_OVER`` rows that only add child text (with no note after its first row) shows
    its first ``ADDED_RUN_SHOWN`` rows and folds the rest (``reason="added"``). Every row index is
    shown or folded exactly once, in order.
    """
    keep = [False] * len(rows)
    for k, row in enumerate(rows):
        if row.changed:
            for m in range(max(0, k - context), min(len(rows), k + context + 1)):
                keep[m] = True
    out: list[int | Fold] = []
    k = 0
    while k < len(rows):
        run = _added_run(rows, k) if fold_added else 0
        if run > ADDED_RUN_FOLDED_OVER:
            out.extend(range(k, k + ADDED_RUN_SHOWN))
            out.append(Fold(k + ADDED_RUN_SHOWN, k + run, "added"))
            k += run
        elif not keep[k]:
            m = k
            while m < len(rows) and not keep[m]:
                m += 1
            out.append(Fold(k, m, "unchanged"))
            k = m
        else:
            out.append(k)
            k += 1
    return tuple(out)


def _added_run(rows: tuple[Row, ...], k: int) -> int:
    """Length of the run of rows from ``k`` that only add child text, with no note after the first."""
    n = k
    while n < len(rows) and rows[n].added_only and (n == k or not rows[n].notes):
        n += 1
    return n - k


def hunks(rows: tuple[Row, ...], context: int = 1) -> tuple[range, ...]:
    """The unified view's hunks: each maximal run of rows :func:`layout` shows (added runs unfolded)."""
    out: list[range] = []
    for part in layout(rows, context, fold_added=False):
        if isinstance(part, Fold):
            continue
        if out and out[-1].stop == part:
            out[-1] = range(out[-1].start, part + 1)
        else:
            out.append(range(part, part + 1))
    return tuple(out)

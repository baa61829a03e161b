"""The row model shared by the side-by-side, unified and HTML views (provenance.render.rows).

Property test: for reprints made from seed paragraphs by the edits outlets make (words replaced,
dropped or added, punctuation changed, paragraphs deleted, added, duplicated, swapped, the tail cut),
the rows' right segments are the child's tokens in order, the left segments the parent's (moved and
duplicated passages aside, as the module documents), and every edit is listed under exactly one row.
Small texts of their own then pin each kind of row and each kind of fold.
"""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import pytest
from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st

from provenance.align.aligner import align_documents
from provenance.edits.classify import classify_edits
from provenance.inputs.documents import make_document
from provenance.model import SEVERITIES
from provenance.render.rows import (ADDED_RUN_FOLDED_OVER, ADDED_RUN_SHOWN, Fold, Row, Segment, edge_rows,
                                    highest_severity, hunks, layout, severity_rank)

EXAMPLES = Path(__file__).resolve().parent.parent / "examples"
_PARAS = [p.strip() for p in (EXAMPLES / "afp_wire_putin_strikes.txt").read_text(encoding="utf-8").split("\n")
          if p.strip()][:9]
_NEW = ["Officials said the talks would resume next week, according to a statement.",
        "Support independent journalism: subscribe today.", "普京表示，打击是“不可避免的”。"]


def _rows_of(parent: str, child: str):
    al = align_documents(make_document("p.txt", parent), make_document("c.txt", child))
    edits = classify_edits(al)
    return al, edits, edge_rows(al, edits)


# --- generated reprints ---------------------------------------------------------------------------

def _word_edit(draw, para: str) -> str:
    words = para.split()
    k = draw(st.integers(0, len(words) - 1))
    op = draw(st.sampled_from(["replace", "drop", "add", "punct", "case"]))
    if op == "replace":
        words[k] = draw(st.sampled_from(["Moscow", "about", "13,000", "Feb.", "said", "Kremlin"]))
    elif op == "drop" and len(words) > 1:
        del words[k]
    elif op == "add":
        words.insert(k, draw(st.sampled_from(["reportedly", "the", "on Monday", "(AFP)"])))
    elif op == "punct":
        words[k] = words[k].rstrip(".,") + draw(st.sampled_from([",", ".", ";", ""]))
    else:
        words[k] = words[k].upper()
    return " ".join(words)


@st.composite
def reprints(draw):
    paras = list(_PARAS)
    for _ in range(draw(st.integers(0, 3))):
        k = draw(st.integers(0, len(paras) - 1))
        paras[k] = _word_edit(draw, paras[k])
    for _ in range(draw(st.integers(1, 3))):
        op = draw(st.sampled_from(["delete", "append", "insert", "duplicate", "duplicate", "swap", "join", "join",
                                    "cut"]))
        k = draw(st.integers(0, len(paras) - 1))
        if op == "delete" and len(paras) > 2:
            del paras[k]
        elif op == "append":
            paras.append(draw(st.sampled_from(_NEW)))
        elif op == "insert":
            paras.insert(k, draw(st.sampled_from(_NEW)))
        elif op == "duplicate":
            paras.insert(draw(st.integers(0, len(paras))), paras[k])
        elif op == "swap" and k + 1 < len(paras):
            paras[k], paras[k + 1] = paras[k + 1], paras[k]
        elif op == "join" and k + 1 < len(paras):  # two paragraphs run together, in either order
            pair = [paras[k], paras[k + 1]][:: draw(st.sampled_from([1, -1]))]
            paras[k : k + 2] = [" ".join(pair)]
        elif op == "cut" and k >= 2:
            paras = paras[:k]
    sep = draw(st.sampled_from(["\n", "\n\n"]))
    return sep.join(paras) + "\n"


def _check_segment(doc, seg: Segment) -> None:
    a, b = seg.tokens
    assert 0 <= a < b <= len(doc.tokens)
    assert (seg.start, seg.end) == (doc.tokens[a].start, doc.tokens[b - 1].end)
    assert seg.text == doc.text[seg.start : seg.end] and seg.text
    assert seg.glued == (a > 0 and doc.tokens[a - 1].end == seg.start)
    assert seg.style in ("equal", "moved", "deleted", "inserted")
    assert (seg.style == "moved") == (seg.move is not None and not seg.changed)
    if seg.changed:
        assert seg.severity in SEVERITIES
    else:
        assert seg.severity is None and seg.edit is None
    if seg.edit is not None:
        span = seg.edit.parent_span if seg.style == "deleted" else seg.edit.child_span
        assert span[0] <= seg.start < max(span[1], span[0] + 1)


_PROPERTY = settings(max_examples=60, deadline=None, derandomize=True, suppress_health_check=[HealthCheck.too_slow])


@_PROPERTY
@given(reprints(), st.booleans())
def test_rows_rebuild_both_texts_and_hold_every_edit_once(child_text, reverse):
    parent_text = "\n".join(_PARAS) + "\n"
    if reverse:
        parent_text, child_text = child_text, parent_text
    al, edits, rows = _rows_of(parent_text, child_text)
    event("moves: " + ",".join(sorted({str(b.move) for b in al.blocks})))
    _assert_row_invariants(al, edits, rows)


_P = _PARAS
_FIXED = {  # the moves and repeats the generator reaches only now and then
    "repeat far below": ("\n".join(_P), "\n".join(_P[:7] + [_P[1]] + _P[7:])),
    "repeat of the lede at the end": ("\n".join(_P), "\n".join(_P + [_P[0]])),
    "two paragraphs swapped": ("\n".join(_P), "\n".join(_P[:2] + [_P[4], _P[3], _P[2]] + _P[5:])),
    "moved to the top": ("\n".join(_P), "\n".join([_P[6]] + _P[:6] + _P[7:])),
}


@pytest.mark.parametrize("name", sorted(_FIXED))
@pytest.mark.parametrize("reverse", [False, True])
def test_row_invariants_hold_for_moves_and_repeats(name, reverse):
    parent_text, child_text = _FIXED[name]
    if reverse:
        parent_text, child_text = child_text, parent_text
    al, edits, rows = _rows_of(parent_text + "\n", child_text + "\n")
    assert reverse or any(b.move for b in al.blocks), "the case must exercise a move or a repeat"
    _assert_row_invariants(al, edits, rows)


def _assert_row_invariants(al, edits, rows) -> None:
    P, C = al.parent, al.child
    for row in rows:
        assert row.left or row.right
        for seg in row.left:
            _check_segment(P, seg)
            assert seg.style != "inserted"
        for seg in row.right:
            _check_segment(C, seg)
            assert seg.style != "deleted"
        changed = any(s.changed for s in row.left + row.right) or bool(row.notes)
        assert row.changed == changed

    # right: the child's tokens, each once, in order
    right = [t for row in rows for seg in row.right for t in range(*seg.tokens)]
    assert right == list(range(len(C.tokens)))
    # left: the parent's tokens each once, duplicated repeats aside; in order where nothing moved
    left = [seg for row in rows for seg in row.left]
    covered = sorted(t for seg in left if seg.move != "duplicated" for t in range(*seg.tokens))
    assert covered == list(range(len(P.tokens)))
    in_place = [t for seg in left if seg.move is None for t in range(*seg.tokens)]
    assert in_place == sorted(in_place)
    # a moved or duplicated passage never shares a row with text that stayed in place
    for row in rows:
        assert len({s.move for s in row.left + row.right}) <= 1, [(s.text, s.move) for s in row.left + row.right]

    # every edit under exactly one row
    listed = Counter(id(e) for row in rows for e in row.notes)
    assert sorted(listed.values()) == [1] * len(edits)
    assert set(listed) == {id(e) for e in edits}

    # the layout shows or folds every row once, in order, and shows every changed row's context
    for context in (0, 1, 2):
        for fold_added in (True, False):
            order = [k for part in layout(rows, context, fold_added)
                     for k in (part.rows if isinstance(part, Fold) else (part,))]
            assert order == list(range(len(rows)))
            for part in layout(rows, context, fold_added):
                if isinstance(part, Fold) and part.reason == "unchanged":
                    near = range(max(0, part.start - context), min(len(rows), part.stop + context))
                    assert not any(rows[k].changed for k in near)


# --- small texts of their own ---------------------------------------------------------------------

A = "The minister arrived in Paris on Monday."
B = "Talks with the president lasted three hours."
C = "A joint statement is expected on Tuesday."
D = "Protesters gathered outside the building."


def test_a_deleted_parent_paragraph_has_a_row_of_its_own():
    _, edits, rows = _rows_of(f"{A}\n{B}\n{C}\n", f"{A}\n{C}\n")
    gone = [r for r in rows if r.left and not r.right]
    assert len(gone) == 1 and gone[0].left[0].text == B and gone[0].left[0].style == "deleted"
    assert [e.kind for e in gone[0].notes] == [e.kind for e in edits if e.parent_text.strip() == B]


def test_an_added_paragraph_is_an_added_only_row():
    _, _, rows = _rows_of(f"{A}\n{B}\n", f"{A}\n{D}\n{B}\n")
    assert [r.added_only for r in rows] == [False, True, False]
    assert rows[1].right[0].text == D and rows[1].right[0].style == "inserted" and rows[1].changed


def test_a_moved_paragraph_stands_where_the_child_has_it():
    _, edits, rows = _rows_of(f"{A}\n{B}\n{C}\n{D}\n", f"{A}\n{C}\n{D}\n{B}\n")
    moved = [r for r in rows if any(s.style == "moved" for s in r.left)]
    assert moved, [[(s.text, s.style) for s in r.left] for r in rows]
    assert all(s.move == "moved" for r in moved for s in r.left + r.right)
    assert any(e.kind == "moved" for r in moved for e in r.notes)
    assert not any(r.changed for r in rows if r not in moved and not r.notes)


def test_a_passage_moved_inside_a_paragraph_has_a_row_of_its_own():
    _, _, rows = _rows_of(f"{_PARAS[0]}\n{_PARAS[1]} {_PARAS[2]}\n{_PARAS[3]}\n",
                          f"{_PARAS[0]}\n{_PARAS[2]} {_PARAS[1]}\n{_PARAS[3]}\n")
    assert [{s.style for s in r.right} for r in rows] == [{"equal"}, {"equal"}, {"moved"}, {"equal"}]
    assert [e.kind for e in rows[2].notes] == ["moved"] and rows[2].left[0].text == _PARAS[1]


def test_a_word_change_colours_both_sides_with_its_edit():
    _, edits, rows = _rows_of(f"{A}\n{B}\n", f"{A}\nTalks with the president lasted four hours.\n")
    row = next(r for r in rows if r.changed)
    old = [s for s in row.left if s.changed]
    new = [s for s in row.right if s.changed]
    assert [s.text for s in old] == ["three"] and [s.text for s in new] == ["four"]
    assert old[0].edit is new[0].edit is not None and old[0].edit in row.notes
    assert old[0].severity == new[0].severity == old[0].edit.severity


def _row(changed: bool, left=True) -> Row:
    seg = Segment("x", 0, 1, (0, 1), "inserted" if changed else "equal", False, "editorial" if changed else None)
    return Row((seg,) if left else (), (seg,), (), changed)


def test_layout_folds_unchanged_runs_beyond_the_context():
    rows = tuple(_row(k == 5) for k in range(10))
    assert layout(rows, 1) == (Fold(0, 4, "unchanged"), 4, 5, 6, Fold(7, 10, "unchanged"))
    assert layout(rows, 0) == (Fold(0, 5, "unchanged"), 5, Fold(6, 10, "unchanged"))
    assert hunks(rows, 2) == (range(3, 8),)
    assert len(Fold(7, 10, "unchanged")) == 3


def test_layout_folds_the_tail_of_a_long_added_run_only_when_asked():
    n = ADDED_RUN_FOLDED_OVER + 2
    rows = (_row(True),) + tuple(_row(True, left=False) for _ in range(n))
    assert layout(rows, 1) == (0, *range(1, 1 + ADDED_RUN_SHOWN), Fold(1 + ADDED_RUN_SHOWN, 1 + n, "added"))
    assert layout(rows, 1, fold_added=False) == tuple(range(1 + n))
    short = (_row(True),) + tuple(_row(True, left=False) for _ in range(ADDED_RUN_FOLDED_OVER))
    assert not any(isinstance(p, Fold) for p in layout(short, 1))
    assert hunks(rows, 1) == (range(0, 1 + n),)


def test_severity_rank_follows_the_model_order():
    assert [severity_rank(s) for s in SEVERITIES] == list(range(len(SEVERITIES)))
    assert highest_severity(["editorial", "substantive", "style"]) == "substantive"
    assert highest_severity(["style", "editorial"]) == "editorial"
    assert highest_severity([]) is None and highest_severity([], "style") == "style"

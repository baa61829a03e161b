"""Issue #15, item 3: ``Alignment.reversed()`` against a fresh alignment of the other direction.

``reversed()`` cannot be made exact: when a diff has several optimal correspondences (``a b c.`` vs
``a c b.``: keep ``b`` or keep ``c``), diff-match-patch picks one by the direction it runs in, and
the sentence matcher and ``duplicated`` detection read the child against the parent, not the other
way round. Which correspondence a fresh reverse diff picks is known only by running it. So the
property below fails today (strict xfail: it fails the suite the day it starts to hold), and the
other direction of a pair must be aligned afresh, not reversed. The invariant kept by
``reversed()`` (both texts rebuild exactly) is tested in tests/test_align.py.
"""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from provenance import align_documents, make_document

_WORDS = st.sampled_from(["a", "b", "c", "S.", "the", "said", "U.S.", "Kyiv"])
_SENTENCE = st.builds(lambda ws, end: " ".join(ws) + end, st.lists(_WORDS, min_size=1, max_size=6),
                      st.sampled_from([".", ",", "\n", ".\n\n"]))
_TEXT = st.builds(" ".join, st.lists(_SENTENCE, min_size=0, max_size=5))


def _agree(parent: str, child: str) -> bool:
    p, c = make_document("p", parent), make_document("c", child)
    return align_documents(p, c).reversed().blocks == align_documents(c, p).blocks


def test_tie_between_optimal_diffs_breaks_by_direction():
    """The smallest known case: an LCS tie. Both alignments are valid; they differ."""
    assert not _agree("a b c.", "a c b.")


@pytest.mark.xfail(strict=True, reason="reversed() reuses one direction's choice among equally good diffs; "
                                       "a fresh reverse diff may choose another (see module docstring)")
@settings(max_examples=200, deadline=None)
@given(_TEXT, _TEXT)
def test_reversed_equals_fresh_reverse_alignment(parent, child):
    assert _agree(parent, child)

"""Turn an alignment's blocks into typed edits, in a newsroom's words.

Every kind comes from a general rule or a readable resource (:mod:`provenance.text.lexicon`), never from
the seed articles:

* adjacent blocks that form one change (``",`` becoming ``,"``) are grouped first;
* a change spanning paragraphs is split into the parent's paragraphs (deleted) and the child's
  paragraphs (inserted), so a header or a tail of page furniture is judged paragraph by paragraph;
* a passage the aligner left deleted in one place and inserted in another is one move, and the
  differences between its two copies are judged as changes (:mod:`provenance.edits.moves`);
* then the first rule that applies decides the kind: structure (dateline, moved, duplicated,
  headline, boilerplate, truncated), substance (attribution, number, negation, quote), style
  (punctuation, whitespace, number_format, abbreviation, spelling, title, name_expansion,
  function_word), and finally ``inserted`` / ``deleted`` / ``rewrite``.

English-only rules (spelling, titles, function words) simply never match other languages; the
structural kinds, numbers and quotes work on any script. Cost is linear in the number of blocks.
"""

from __future__ import annotations

from ..model import Alignment, Edit, require
from ..settings import DEFAULT_SETTINGS, Settings
from ..text.lexicon import Lexicon, load_lexicon
from .context import EditContext, make_edit
from .grouping import absorb_tail_furniture, group_units, merge_runs, pair_moved_numbers
from .moves import pair_moved_passages
from .rules import classify_unit
from .structure import move_edits, whitespace_edits

__all__ = ["classify_edits"]


def classify_edits(
    alignment: Alignment,
    known_boilerplate: frozenset[str] = frozenset(),
    lexicon: Lexicon | None = None,
    settings: Settings = DEFAULT_SETTINGS,
) -> tuple[Edit, ...]:
    """Typed edits from ``alignment.parent`` to ``alignment.child``, in child order.

    ``known_boilerplate`` holds normalised paragraphs known to recur across an outlet's pages (from a
    corpus); such paragraphs are ``boilerplate`` whatever their shape. Every returned edit has a kind
    from :data:`provenance.model.EDIT_KINDS` and that kind's severity; thresholds come from
    ``settings.edits``. Raises :class:`TypeError` unless ``alignment`` is an :class:`Alignment`.
    """
    require(alignment, Alignment, "classify_edits: alignment")
    require(settings, Settings, "classify_edits: settings")
    ctx = EditContext(alignment, lexicon or load_lexicon(), known_boilerplate, settings)
    edits: list[Edit] = []
    edits.extend(whitespace_edits(ctx))
    edits.extend(move_edits(ctx))
    for unit in group_units(ctx):
        edits.append(make_edit(ctx, unit, classify_unit(ctx, unit)))
    edits = pair_moved_passages(ctx, edits)
    edits = absorb_tail_furniture(ctx, edits)
    edits = merge_runs(ctx, edits)
    edits = pair_moved_numbers(edits)
    edits.sort(key=lambda e: (e.child_span[0], e.parent_span[0], e.kind != "moved" and e.kind != "duplicated"))
    return tuple(edits)

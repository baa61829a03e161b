"""Verification of archive candidate pairs by the reuse decision model (the P(derived) of ``trace``).

A candidate pair (two documents sharing character shingles, :mod:`provenance.archive.charshingles`)
is verified in two steps:

1. **Containment pre-filter** (no alignment): the share of the smaller fingerprint's kept hashes
   that the pair shares. Two unrelated stories on one event share names, numbers and a short
   quote, a few hashes out of hundreds; a derived story, even one that rewrote its lead and
   paraphrased half its sentences, keeps copied runs worth more. A pair below
   ``settings.archive.verify_min_containment`` is rejected without aligning it, which is where the
   time goes (one alignment costs milliseconds, a containment microseconds).
2. **Reuse model**: :func:`provenance.lineage.reuse.reuse_features` of the aligned pair, read both
   ways (the earlier document as parent, and the reverse: one alignment, reversed), and
   :meth:`provenance.lineage.reuse.ReuseModel.decide`. The pair is verified when the larger
   P(derived) is at least ``settings.archive.verify_min_p_derived``; the reverse reading is only
   computed when the first falls short (features cost ~15 ms a direction for 600-word texts, five
   times the alignment), so a verified pair's P is that of the first reading reaching the bar.

Pure (documents in, numbers out); picklable work items, so it maps over processes or Dask.
"""

from __future__ import annotations

from dataclasses import dataclass

from ..align.aligner import align_documents
from ..lineage.reuse import ReuseDecision, load_reuse_model, reuse_features
from ..model import Document
from ..settings import DEFAULT_SETTINGS, Settings

__all__ = ["Verdict", "containment", "verify_pair"]


@dataclass(frozen=True)
class Verdict:
    """The reuse model's reading of a candidate pair: ``p_derived`` (the larger of both directions),
    the ``level`` (wholly / partially / none) of that direction, and whether it is ``verified``.
    ``forward`` is the model's whole decision on ``a`` as the parent of ``b``, read on
    ``align_documents(a, b, settings)`` (always computed, first): ``trace`` reads that very edge the
    same way, so the cluster pipeline hands it over instead of computing the features again."""

    p_derived: float
    level: str
    verified: bool
    forward: ReuseDecision | None = None


def containment(shared: int, size_a: int, size_b: int) -> float:
    """Shared kept hashes over the smaller fingerprint (0 for an empty one)."""
    small = min(size_a, size_b)
    return min(1.0, shared / small) if small else 0.0


def verify_pair(a: Document, b: Document, settings: Settings = DEFAULT_SETTINGS) -> Verdict:
    """The reuse model's verdict on ``a`` and ``b`` (module docstring, step 2): one alignment of
    ``a`` to ``b``, features read with either as the parent."""
    model = load_reuse_model(settings.lineage.reuse_model_file)
    al = align_documents(a, b, settings)
    best = forward = None
    for parent, child, alignment in ((a, b, al), (b, a, None)):
        if best is not None and best.p_derived >= settings.archive.verify_min_p_derived:
            break  # verified already: the other reading could only raise P, and costs features again
        d = model.decide(reuse_features(parent, child, alignment or al.reversed(), settings))
        forward = forward or d
        if best is None or d.p_derived > best.p_derived:
            best = d
    level = best.level if best.level != "none" else ("wholly" if best.p_wholly >= best.p_partially else "partially")
    return Verdict(best.p_derived, level, best.p_derived >= settings.archive.verify_min_p_derived, forward)

"""All tunable settings in one frozen record, each with its unit and default."""

from __future__ import annotations

from dataclasses import dataclass

__all__ = ["Settings", "DEFAULT_SETTINGS"]


@dataclass(frozen=True)
class Settings:
    """Settings for alignment, grouping and classification.

    Attributes:
        max_segment_tokens: longest sentence segment, in tokens, before it is cut into windows (120).
        min_segment_shared: shingles (word bigrams) two sentences must share to be matched (3).
        min_offchain_shared: shingles a sentence off the in-order chain must share with its parent
            sentence to be reported as moved or duplicated (4).
        min_segment_containment: share of the smaller sentence's shingles that must be shared (0.5).
        shingle_posting_cap: a shingle found in more parent sentences than this is ignored when
            matching sentences; it carries no information and would make matching quadratic (64).
        diff_timeout: seconds one word-diff region may take before it is left as a plain replace and
            the alignment is marked ``approximate`` (0 for no limit). Regions are normally tiny (5.0).
        exact_diff_cells: largest ``len(a) * len(b)`` for which a timed-out region is redone with the
            exact bit-parallel LCS of rapidfuzz (memory is about cells / 8 bytes) (400_000_000).
        related_min_shared: a document belongs to a story when it shares at least this share of its
            own tokens or of the other's in aligned passages (0.2).
        related_min_passage: ... and at least one aligned equal run of this many tokens (12).
        related_min_run_total: ... or aligned runs of 3+ tokens adding up to this many tokens (20).
        max_dense_story: largest story whose copy tree compares every ordered pair and every
            candidate source; larger ones (recurring notices in an archive) use the aligned pairs
            only, which keeps them from costing n^2 alignments (24).
        max_links_per_document: in a cluster larger than ``max_dense_story``, each document keeps
            only its strongest candidate links (by shared shingles) for alignment (6).
        max_bytes: largest input file accepted, in bytes; 0 for no limit (16 MiB).
        version_shingle_size: words per shingle when versions are compared as shingle sets
            (:mod:`provenance.versions`); 3 ordered the held-in Wikipedia half best of 2 and 3 (3).
        version_cut_weight: cost of a shingle a later version lacks, relative to one it adds, in the
            version-order cost; later versions add and keep what they added. Fitted on one half of
            the Wikipedia dev articles, see benchmarks/bench_versions.py (1.5).
        version_exact_max: most versions ordered exactly (Held-Karp, O(2^n n^2)); more are ordered
            by insertion and local moves (12).
        version_confidence_scale: temperature, in units of path cost, of the softmax over the best
            path from each version that gives the order's confidence; fitted with the cut weight (0.1).
        innovation_reversion_cost: cost, in edit-cost units, of one variant location where a copy
            has the root's reading and its parent does not (a copy rarely restores the original) (4.0).
        innovation_confidence_scale: temperature, in edit-cost units, of the softmax over candidate
            roots' innovation-tree costs (2.0).
    """

    max_segment_tokens: int = 120
    min_segment_shared: int = 3
    min_offchain_shared: int = 4
    min_segment_containment: float = 0.5
    shingle_posting_cap: int = 64
    diff_timeout: float = 5.0
    exact_diff_cells: int = 400_000_000
    related_min_shared: float = 0.2
    related_min_passage: int = 12
    related_min_run_total: int = 20
    max_dense_story: int = 24
    max_links_per_document: int = 6
    max_bytes: int = 16 * 2**20
    version_shingle_size: int = 3
    version_cut_weight: float = 1.5
    version_exact_max: int = 12
    version_confidence_scale: float = 0.1
    innovation_reversion_cost: float = 4.0
    innovation_confidence_scale: float = 2.0


DEFAULT_SETTINGS = Settings()

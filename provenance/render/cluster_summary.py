"""Summary of a clustering run: cluster count, size distribution, top outlets, credit drops."""

from __future__ import annotations

from collections import Counter
from tabulate import tabulate

from .text import safe_label

__all__ = ["ClusterSummary", "render_cluster_summary"]


class ClusterSummary:
    """Counts accumulated one :class:`~provenance.archive.cluster.ClusterRecord` at a time (constant memory
    per outlet, not per document)."""

    def __init__(self):
        self.sizes, self.reprints, self.drops = Counter(), Counter(), Counter()

    def add(self, record) -> None:
        self.sizes[len(record.story["documents"])] += 1
        for outlet, dropped in record.reprints:
            self.reprints[outlet] += 1
            self.drops[outlet] += dropped


def render_cluster_summary(summary: ClusterSummary) -> str:
    """Tables of cluster sizes, outlets by reprints, and outlets whose reprints drop the agency credit."""
    sizes, reprints, drops = summary.sizes, summary.reprints, +summary.drops
    n_clusters, n_docs = sum(sizes.values()), sum(k * v for k, v in sizes.items())
    out = [f"{n_clusters:,} cluster{'' if n_clusters == 1 else 's'}, {n_docs:,} document{'' if n_docs == 1 else 's'} in clusters"]
    if sizes:
        out.append(tabulate(sorted(sizes.items()), headers=["cluster size", "clusters"]))
    if reprints:
        out.append(tabulate([(safe_label(o), n, drops[o]) for o, n in reprints.most_common(10)],
                            headers=["outlet (top by reprints)", "reprints", "credit dropped"]))
    if drops:
        out.append(tabulate([(safe_label(o), n, f"{n / reprints[o]:.0%}") for o, n in drops.most_common(10)],
                            headers=["outlet (most credit drops)", "reprints without credit", "share"]))
    return "\n\n".join(out) + "\n"

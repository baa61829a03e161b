"""Summary of a clustering run: cluster count, size distribution, top outlets, credit drops."""

from __future__ import annotations

from collections import Counter
from typing import Callable

from tabulate import tabulate

from .model import Document, Story
from .render_text import safe

__all__ = ["render_cluster_summary"]


def render_cluster_summary(stories: list[Story], load: Callable[[str], Document]) -> str:
    """Tables of cluster sizes, outlets by reprints, and outlets whose reprints drop the agency credit.

    ``load`` gives each document's metadata (its ``outlet``; the id when there is none).
    """
    sizes = Counter(len(s.documents) for s in stories)
    outlet = {}
    reprints, drops = Counter(), Counter()
    for s in stories:
        for e in s.tree:
            if e.child not in outlet:
                outlet[e.child] = load(e.child).meta.get("outlet") or e.child
            reprints[outlet[e.child]] += 1
            if any(x.kind == "attribution" or (x.kind == "dateline" and not x.child_text) for x in e.edits):
                drops[outlet[e.child]] += 1
    out = [f"{len(stories)} clusters, {sum(len(s.documents) for s in stories)} documents in clusters"]
    if sizes:
        out.append(tabulate(sorted(sizes.items()), headers=["cluster size", "clusters"]))
    if reprints:
        out.append(tabulate([(safe(o), n, drops[o]) for o, n in reprints.most_common(10)],
                            headers=["outlet (top by reprints)", "reprints", "credit dropped"]))
    if drops:
        out.append(tabulate([(safe(o), n, f"{n / reprints[o]:.0%}") for o, n in drops.most_common(10)],
                            headers=["outlet (most credit drops)", "reprints without credit", "share"]))
    return "\n\n".join(out) + "\n"

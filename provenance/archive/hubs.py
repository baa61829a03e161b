"""Grouping verified pairs into clusters without chaining (a prototype for issue #16).

Connected components of every verified pair chain: notices that share 15-25 words of formula
link, pair by pair, hundreds of different notices into one cluster. Here instead:

1. **Formula pairs are dropped.** A pair whose shared hashes are nearly all *frequent* (found in
   many documents of the archive, :mod:`provenance.archive.charshingles`) shares formula text, unless the
   shared text covers most of the documents (``score >= formula_cover``): a near-verbatim reprint
   of a story printed many times is reuse even though all its text is frequent.
2. **Each document attaches to its hub**: its best-scoring verified neighbour (ties by the
   neighbour's rank in the caller's order, earliest first, then id). It also keeps links that are
   nearly as good as the best of *both* ends (``score >= hub_keep_ratio * best``), so two copies
   of one story that each prefer a third stay together, while a weak link between two documents
   whose hubs lie elsewhere does not merge their stories.
   With an ``order`` (earliest first), each document also keeps its best link to an earlier
   document, its likeliest source (``hub_keep_source``): a partial reprint whose best neighbour
   is its own reprint stays with the story it was made from.
3. Clusters are the connected components of the kept links. Each cluster names its ``hub``: the
   member chosen as best neighbour by the most members (then the highest total score, then the
   earliest), the likeliest source.

The pair score is the caller's: an aligned share, or P(derived) from a reuse model. Pure; linear
in the number of pairs (plus sorting).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Iterable, Sequence

from ..lineage.graphs import components
from ..settings import DEFAULT_SETTINGS, Settings

__all__ = ["ScoredPair", "HubCluster", "hub_clusters", "component_clusters"]


@dataclass(frozen=True)
class ScoredPair:
    """A verified pair: ``score`` (higher = more likely one derives from the other, 0..1) and
    ``frequent_share``, the share of the pair's shared hashes that are frequent in the archive (0..1)."""

    a: str
    b: str
    score: float
    frequent_share: float = 0.0


@dataclass(frozen=True)
class HubCluster:
    """A cluster: its members (sorted) and its hub (a member)."""

    members: tuple[str, ...]
    hub: str


def _is_formula(p: ScoredPair, settings: Settings) -> bool:
    return p.frequent_share >= settings.archive.formula_max and p.score < settings.archive.formula_cover


def _components(nodes: Iterable[str], links: Iterable[tuple[str, str]]) -> list[list[str]]:
    """Connected components of two or more members (the one union-find, :mod:`provenance.lineage.graphs`)."""
    return [g for g in components(list(nodes), links) if len(g) > 1]


def component_clusters(pairs: Sequence[ScoredPair]) -> list[HubCluster]:
    """The baseline: connected components of all pairs (hub = the member in most pairs, then id)."""
    degree: dict[str, int] = {}
    for p in pairs:
        degree[p.a] = degree.get(p.a, 0) + 1
        degree[p.b] = degree.get(p.b, 0) + 1
    out = []
    for g in _components(degree, ((p.a, p.b) for p in pairs)):
        hub = min(g, key=lambda d: (-degree[d], d))
        out.append(HubCluster(tuple(sorted(g)), hub))
    return sorted(out, key=lambda c: c.members)


def hub_clusters(
    pairs: Sequence[ScoredPair],
    order: Sequence[str] = (),
    settings: Settings = DEFAULT_SETTINGS,
) -> list[HubCluster]:
    """Clusters of the verified ``pairs`` by hub attachment (module docstring), sorted by members.

    ``order`` ranks documents for ties and hubs (earliest first, e.g. by date); documents not in
    it rank after those that are, by id. Documents in no kept pair are in no cluster. Pairs given
    twice keep their highest score. Deterministic whatever the order of ``pairs``.
    """
    rank = {d: k for k, d in enumerate(order)}
    big = len(rank)

    def key(d: str):
        return (rank.get(d, big), d)

    best_pair: dict[tuple[str, str], ScoredPair] = {}
    for p in pairs:
        if p.a == p.b or _is_formula(p, settings):
            continue
        k = (min(p.a, p.b), max(p.a, p.b))
        if k not in best_pair or p.score > best_pair[k].score:
            best_pair[k] = p
    neighbours: dict[str, list[tuple[float, str]]] = {}
    for (a, b), p in best_pair.items():
        neighbours.setdefault(a, []).append((p.score, b))
        neighbours.setdefault(b, []).append((p.score, a))
    hub_of: dict[str, str] = {}
    best: dict[str, float] = {}
    for d, ns in neighbours.items():
        score, h = min(ns, key=lambda sn: (-sn[0], key(sn[1])))
        hub_of[d], best[d] = h, score
    ratio = settings.archive.hub_keep_ratio
    kept = {(min(d, h), max(d, h)) for d, h in hub_of.items()}
    if settings.archive.hub_keep_source and rank:
        # a copy is made from an earlier text: each document also keeps its best verified link to
        # a document before it, its likeliest source, when its best neighbour is a later text (a
        # reprint of it); else a partial reprint that was reprinted in turn leaves its source's
        # cluster with its own copies
        for d, ns in neighbours.items():
            earlier = [sn for sn in ns if key(sn[1]) < key(d)]
            if earlier:
                _, src = min(earlier, key=lambda sn: (-sn[0], key(sn[1])))
                kept.add((min(d, src), max(d, src)))
    for (a, b), p in best_pair.items():
        if p.score >= ratio * best[a] and p.score >= ratio * best[b]:
            kept.add((a, b))
    chosen: dict[str, int] = {}
    total: dict[str, float] = {}
    for d, h in hub_of.items():
        chosen[h] = chosen.get(h, 0) + 1
        total[h] = total.get(h, 0.0) + best[d]
    out = []
    for g in _components(sorted(neighbours), sorted(kept)):
        hub = min(g, key=lambda d: (-chosen.get(d, 0), -total.get(d, 0.0), key(d)))
        out.append(HubCluster(tuple(sorted(g)), hub))
    return sorted(out, key=lambda c: c.members)

"""The two graph algorithms lineage needs, without networkx (its import cost ~0.4 s of a trace).

* :func:`components`: connected components of an undirected graph (union-find with path halving
  and union by size), each sorted, listed by their smallest node.
* :func:`rooting_log_scores`: for a tree, the log-score of every node as its root: the log of
  the number of orders in which the tree could have grown from it (rumor centrality, Shah and
  Zaman 2011) plus a per-edge score of each edge's orientation away from it. Linear time.
* :func:`min_arborescence`: a minimum-weight spanning arborescence (Chu-Liu/Edmonds): every node
  but the root has exactly one parent and the summed edge weight is least. With ``root=None`` the
  root is free (a virtual root joined to every node by an edge heavier than all others together,
  so exactly one of them is used when a spanning arborescence exists).

Both are deterministic: ties break on the nodes' order in ``nodes``, never on hashes. Cost:
``components`` is near-linear; ``min_arborescence`` is O(V * E) (stories are small; a sparse large
story has O(V) edges). tests/test_graphs.py checks both against networkx (a test-only oracle).
"""

from __future__ import annotations

import math
from typing import Callable, Hashable, Iterable, Mapping, Sequence

__all__ = ["components", "min_arborescence", "dfs_edges", "rooting_log_scores"]


def components(nodes: Sequence[Hashable], edges: Iterable[tuple[Hashable, Hashable]]) -> list[list]:
    """Connected components, each listed in ``nodes`` order, components ordered by first member."""
    index = {x: k for k, x in enumerate(nodes)}
    parent = list(range(len(nodes)))
    size = [1] * len(nodes)

    def find(a: int) -> int:
        while parent[a] != a:
            parent[a] = parent[parent[a]]
            a = parent[a]
        return a

    for u, v in edges:
        a, b = find(index[u]), find(index[v])
        if a == b:
            continue
        if size[a] < size[b]:
            a, b = b, a
        parent[b] = a
        size[a] += size[b]
    groups: dict[int, list] = {}
    for k, x in enumerate(nodes):
        groups.setdefault(find(k), []).append(x)
    return sorted(groups.values(), key=lambda g: index[g[0]])


def _edmonds(n: int, edges: list[tuple[int, int, float, int]], root: int) -> dict[int, int]:
    """Chosen in-edge (index into ``edges``) per node ``!= root``, nodes ``0..n-1``.

    ``edges`` are ``(u, v, weight, tie)``; among equal weights the smaller ``tie`` wins.
    Raises ``ValueError`` when some node cannot be reached from the root.
    """
    best: dict[int, int] = {}
    for k, (u, v, w, t) in enumerate(edges):
        if v == root or u == v:
            continue
        b = best.get(v)
        if b is None or (w, t) < (edges[b][2], edges[b][3]):
            best[v] = k
    if len(best) != n - 1:
        raise ValueError("no spanning arborescence: a node has no incoming edge")
    # find a cycle among the chosen in-edges
    colour = [0] * n  # 0 unseen, 1 on the current walk, 2 done
    cycle: list[int] = []
    for start in range(n):
        walk, x = [], start
        while x != root and colour[x] == 0:
            colour[x] = 1
            walk.append(x)
            x = edges[best[x]][0]
        if x != root and colour[x] == 1:
            cycle = walk[walk.index(x):]
        for y in walk:
            colour[y] = 2
        if cycle:
            break
    if not cycle:
        return best
    in_cycle = set(cycle)
    # contract the cycle into one node; the others are renumbered 0..m-1, the cycle is m
    remap, m = {}, 0
    for x in range(n):
        if x not in in_cycle:
            remap[x] = m
            m += 1
    c = m
    new_edges: list[tuple[int, int, float, int]] = []
    origin: list[int] = []
    for k, (u, v, w, t) in enumerate(edges):
        cu, cv = u in in_cycle, v in in_cycle
        if cu and cv:
            continue
        if cv:
            new_edges.append((remap[u], c, w - edges[best[v]][2], t))
        else:
            new_edges.append((c if cu else remap[u], remap[v], w, t))
        origin.append(k)
    chosen = _edmonds(m + 1, new_edges, remap[root])
    out: dict[int, int] = {}
    back = {v: k for k, v in remap.items()}
    for node, k in chosen.items():
        e = origin[k]
        if node == c:
            entry = edges[e][1]
            out[entry] = e
            for y in cycle:
                if y != entry:
                    out[y] = best[y]
        else:
            out[back[node]] = e
    return out


def min_arborescence(
    nodes: Sequence[Hashable], weights: Mapping[tuple[Hashable, Hashable], float], root: Hashable | None = None,
) -> dict:
    """A minimum spanning arborescence over ``nodes`` as ``{child: parent}`` (module docstring).

    ``weights[(u, v)]`` is the weight of the edge u -> v. With ``root`` given, no edge enters it.
    Raises ``ValueError`` when no spanning arborescence exists.
    """
    index = {x: k for k, x in enumerate(nodes)}
    n = len(nodes)
    if n == 0:
        return {}
    edges = [(index[u], index[v], float(w), index[u]) for (u, v), w in weights.items()
             if u in index and v in index and u != v]
    edges.sort(key=lambda e: (e[1], e[0]))  # a canonical edge order, whatever the mapping's order
    if root is not None:
        chosen = _edmonds(n, edges, index[root])
        return {nodes[edges[k][1]]: nodes[edges[k][0]] for k in chosen.values()}
    heavy = 1.0 + sum(abs(e[2]) for e in edges) * 2
    virtual = n
    edges = edges + [(virtual, v, heavy, -1) for v in range(n)]
    chosen = _edmonds(n + 1, edges, virtual)
    roots = [v for v, k in chosen.items() if edges[k][0] == virtual]
    if len(roots) != 1:
        raise ValueError("no spanning arborescence: the graph is not connected from any one node")
    return {nodes[v]: nodes[edges[k][0]] for v, k in chosen.items() if edges[k][0] != virtual}


def dfs_edges(parents: Mapping[Hashable, Hashable], root: Hashable, order: Sequence[Hashable]) -> list[tuple]:
    """The tree's edges ``(parent, child)`` in depth-first order from ``root``, children in ``order``."""
    rank = {x: k for k, x in enumerate(order)}
    kids: dict = {}
    for child, parent in parents.items():
        kids.setdefault(parent, []).append(child)
    for v in kids.values():
        v.sort(key=rank.__getitem__)
    out, stack = [], [root]
    seen = {root}
    while stack:
        x = stack.pop()
        # depth-first, children in order: push in reverse so the first child is visited first
        stack.extend(reversed([y for y in kids.get(x, []) if y not in seen]))
        if x != root:
            out.append((parents[x], x))
        seen.update(kids.get(x, []))
    return out


def rooting_log_scores(
    parents: Mapping[Hashable, Hashable], root: Hashable, nodes: Sequence[Hashable],
    orientation: Callable[[Hashable, Hashable], float],
) -> dict:
    """Per node ``r`` of a tree (``parents[child] = parent``, rooted at ``root``, spanning
    ``nodes``), ``log H(r) + sum of orientation(u, v)`` over the tree's edges directed away from r.

    ``H(r)`` is the number of orders in which the tree's nodes could have been added one at a time,
    each joining a node already there, starting from ``r``: ``n! / prod_v size_r(v)`` with
    ``size_r(v)`` the size of v's subtree when the tree hangs from r (Shah and Zaman's rumor
    centrality; the maximum-likelihood source of a spread over a tree). ``orientation(u, v)`` is a
    log-likelihood of the edge read as u -> v. Cost: O(n) calls of ``orientation`` (two per edge).
    """
    kids: dict = {x: [] for x in nodes}
    for child, parent in parents.items():
        kids[parent].append(child)
    order, size = [root], {}
    for x in order:  # breadth-first from root
        order.extend(kids[x])
    for x in reversed(order):
        size[x] = 1 + sum(size[c] for c in kids[x])
    n = len(order)
    score = {root: math.lgamma(n + 1) - sum(math.log(size[x]) for x in order)
             + sum(orientation(parents[x], x) for x in order if x != root)}
    for x in order[1:]:  # rerooting from a node's parent to the node flips one edge
        p = parents[x]
        score[x] = (score[p] + math.log(size[x] / (n - size[x]))
                    - orientation(p, x) + orientation(x, p))
    return score

"""The copy tree of one story: edge costs from the pair evidence, a minimum-cost arborescence per
candidate root, reversions at variant locations, and the source with a confidence."""

from __future__ import annotations

import math
from bisect import bisect_left
from dataclasses import replace
from typing import Callable

from ..model import STYLE_KINDS, Document, Edge, Story
from ..settings import Settings
from .evidence import PairEvidence, moment_before, moments_order, parse_moment, shown_date
from .graphs import dfs_edges, min_arborescence, rooting_log_scores
from .measures import FURNITURE_KINDS, derived_label, revision_label
from .variants import variant_table
from .versions import order_versions, shingle_set

__all__ = ["infer_story", "infer_story_sparse", "infer_revision_story", "furniture_share", "only_tail_cuts",
           "make_story", "dedupe"]


def _cost(pairs, u: int, v: int) -> float:
    """Cost of the copy-tree edge ``u -> v``: its change cost, raised when the direction evidence
    says ``v`` came first.

    The evidence is read as one signed margin for the pair, half the difference of the two
    directions' scores (as :func:`_orientation` reads it): each direction's score comes from its
    own alignment and edits, so read alone the two need not be opposite (both can say "first"),
    and an edge and its reverse could then both go unpenalised. On bench_copy_chains (seeds 0-3)
    the margin names the original in 96 of 120 trees instead of 83. Direction evidence only
    penalises an edge that points the wrong way; it does not discount edges from a well-attested
    source, or every copy would hang under the source directly."""
    p = pairs[(u, v)]
    back = pairs.get((v, u))
    margin = p.direction if back is None else (p.direction - back.direction) / 2
    return p.change_cost * math.exp(max(0.0, -margin) / 2)


def _reversions(docs_by_index, members, pairs, root: int) -> dict[tuple[int, int], int]:
    """For each edge (u, v), the variant locations where v agrees with ``root`` and u does not.

    A copy rarely restores the original's reading that its parent had changed (stemmatology's
    innovations flow down), so such an edge is unlikely.
    """
    local = {m: k for k, m in enumerate(members)}
    docs = [docs_by_index[m] for m in members]
    table = variant_table(docs, local[root], {(local[root], local[v]): pairs[(root, v)].alignment for v in members if v != root})
    # Page furniture is no reading of the text: a copy that drops its parent's masthead has not
    # restored the original, it has put its own (or none) in the parent's place.
    furniture = _furniture_points(pairs, root, members)
    readings = [{d: " ".join(r.casefold().split()) for d, r in loc.readings} for loc in table.locations
                if not _touches(furniture, loc.start, loc.end)]
    rid = docs_by_index[root].id
    out = {}
    for u in members:
        for v in members:
            if u != v and v != root and u != root:
                uid, vid = docs_by_index[u].id, docs_by_index[v].id
                out[(u, v)] = sum(1 for r in readings if r[vid] == r[rid] != r[uid])
    return out


def _furniture_points(pairs, root: int, members: list[int]) -> list[int]:
    """Root token positions, sorted, where some copy's edit against the root is page furniture (the
    tokens it removes, or the position where it inserts)."""
    out: set[int] = set()
    for v in members:
        if v == root:
            continue
        p = pairs[(root, v)]
        for e in p.edits:
            if e.kind in FURNITURE_KINDS:
                for k in e.blocks:
                    b = p.alignment.blocks[k]
                    out.update(range(b.i1, max(b.i2, b.i1 + 1)))
    return sorted(out)


def _touches(points: list[int], start: int, end: int) -> bool:
    """Whether a sorted ``points`` holds a position in ``[start, end]``."""
    k = bisect_left(points, start)
    return k < len(points) and points[k] <= end


def _text_cost(pairs, u: int, v: int, settings: Settings) -> float:
    """Wagner parsimony on shingles with every node observed: the text ``v`` has that ``u`` lacks
    (written on this edge) and, far cheaper, the text ``u`` has that ``v`` lacks (dropped)."""
    size, form = settings.lineage.version_shingle_size, settings.lineage.version_shingle_form
    a = shingle_set(pairs[(u, v)].alignment.parent, size, form)
    b = shingle_set(pairs[(u, v)].alignment.child, size, form)
    return settings.lineage.tree_gain_cost * len(b - a) + settings.lineage.tree_loss_cost * len(a - b)


def _best_tree(members: list[int], pairs, root: int, reversion_cost: float, reversions=None, text_costs=None):
    """The copy tree for ``root`` and its cost. With ``text_costs``, the tree's shape also weighs the
    text each edge must write (:func:`_text_cost`); the cost that ranks candidate roots leaves it
    out: every tree writes the text its root lacks, so that term would favour the longest text as
    the source, which is the revision reading, not the syndication one."""
    weights, shape = {}, {}
    for u in members:
        for v in members:
            if u != v and v != root:
                weights[(u, v)] = _cost(pairs, u, v) + reversion_cost * (reversions or {}).get((u, v), 0)
                shape[(u, v)] = weights[(u, v)] + (text_costs or {}).get((u, v), 0.0)
    tree = min_arborescence(members, shape, root)
    return tree, sum(weights[(p, c)] for c, p in tree.items())


def _orientation(pairs, u: int, v: int) -> float:
    """Log-likelihood of the edge read as u -> v from its direction evidence: log sigmoid of half
    the margin of u's direction score over v's (the scale the dense path's costs use)."""
    margin = (pairs[(u, v)].direction - pairs[(v, u)].direction) / 2
    return -math.log1p(math.exp(-margin)) if margin > -30 else margin


def _rooting(tree: dict, root: int, members: list[int], pairs) -> dict[int, float]:
    """Posterior of each member as the source of the (undirected) ``tree``: the number of copy
    orders that grow the tree from it, times the direction evidence of every edge read away from
    it (:func:`provenance.lineage.graphs.rooting_log_scores`), normalised."""
    scores = rooting_log_scores(tree, root, members, lambda u, v: _orientation(pairs, u, v))
    top = max(scores.values())
    weights = {r: math.exp(s - top) for r, s in scores.items()}
    total = sum(weights.values())
    return {r: w / total for r, w in weights.items()}


def infer_story_sparse(docs: list[Document], members: list[int], pairs, settings: Settings) -> Story:
    """A large story: a minimum arborescence over the aligned pairs (both directions) only.

    The free-root arborescence gives the tree's shape; its root is decided by one edge's cost, so
    the source is instead the rooting of that tree with the highest posterior
    (:func:`_rooting`): a copy hanging a whole star above the wire it copied is one of few orders
    in which the copies could have been made. The tree is then rebuilt with that root fixed (and
    the rooting read again on the rebuilt tree, at most three rounds), so the source is always the
    root of the tree shown and the confidence is its posterior on that tree.
    """
    by_index = dict(zip(members, docs))
    weights = {(u, v): _cost(pairs, u, v) for (u, v) in pairs if u in by_index and v in by_index}
    tree = min_arborescence(members, weights)
    root = next(x for x in members if x not in tree)
    for _ in range(3):
        posterior = _rooting(tree, root, members, pairs)
        best = max(members, key=lambda r: (posterior[r], -members.index(r)))
        if best == root:
            break
        root = best
        tree = min_arborescence(members, weights, root)
    else:
        posterior = _rooting(tree, root, members, pairs)
    confidence = posterior[root]
    runner_up = max((w for r, w in posterior.items() if r != root), default=0.0)
    out_of_root = sorted(v for v, p in tree.items() if p == root)
    evidence = [r for v in out_of_root for r in pairs[(root, v)].reasons]
    evidence.append(
        f"large story ({len(members)} documents): copy tree over the {len(weights) // 2} aligned pairs "
        f"only; {by_index[root].id} is the source in {confidence:.0%} of the tree's rootings, weighed "
        f"by the orders in which the copies could have been made and each edge's direction evidence "
        f"({len(out_of_root)} of {len(members) - 1} copies hang from it directly)"
    )
    undecided = confidence - runner_up < settings.lineage.undecided_margin
    _weak_or_undecided(evidence, confidence, undecided, _tied(by_index, root, posterior))
    return make_story(by_index, docs, root, confidence, evidence, tree, pairs, undecided)


def _tied(by_index, root: int, weights: dict) -> tuple[str, ...]:
    """The ids of ``root`` and its runner-up by ``weights`` when the story has three documents or
    more (with two, "which document" names them), else ``()``."""
    if len(weights) < 3:
        return ()
    second = max((r for r in weights if r != root), key=lambda r: (weights[r], -r))
    return by_index[root].id, by_index[second].id


def _weak_or_undecided(evidence: list[str], confidence: float, undecided: bool, tied: tuple[str, ...] = ()) -> None:
    """Open ``evidence`` with the reading's strength: undecided (naming the ``tied`` candidates, the
    best and the runner-up, when the story holds more documents than those two: its evidence lines
    may favour both over the rest) or weak."""
    if undecided and len(tied) == 2:
        evidence.insert(0, f"undecided: no evidence says whether {tied[0]} or {tied[1]} came first (the two "
                           "candidate sources tie); the tree shows shared text, not a direction")
    elif undecided:
        evidence.insert(0, "undecided: no evidence says which document came first (the candidate sources "
                           "tie); the tree shows shared text, not a direction")
    elif confidence < 0.6:
        evidence.insert(0, f"weak evidence: the source is uncertain (confidence {confidence:.2f})")


def make_story(by_index, docs, root, confidence, evidence, tree, pairs, undecided: bool = False) -> Story:
    edges = []
    for u, v in dfs_edges(tree, root, sorted(by_index)):
        p = pairs[(u, v)]
        al = p.alignment
        edges.append(
            Edge(by_index[u].id, by_index[v].id, al.shared_parent(), al.shared_child(),
                 derived_label(al, p.edits), revision_label(al, p.edits), al, p.edits)
        )
    source = None if undecided else by_index[root].id
    return Story(tuple(d.id for d in docs), source, confidence, tuple(dedupe(evidence)), tuple(edges))


def infer_story(docs: list[Document], members: list[int], pairs, settings: Settings) -> Story:
    by_index = dict(zip(members, docs))
    trees, costs = {}, {}
    text_costs = {(u, v): _text_cost(pairs, u, v, settings) for u in members for v in members if u != v}
    for r in members:
        revs = _reversions(by_index, members, pairs, r) if len(members) >= 3 else None
        trees[r], costs[r] = _best_tree(members, pairs, r, settings.lineage.innovation_reversion_cost, revs, text_costs)
    # Majority readings at variant locations are not used: copies of a copy outnumber the source
    # and agree with each other, not with it (on bench_copy_chains --seed 1 the term, at weight
    # 0.5, cost 4 sources of 30 and 5 parents of 142; issue #15).
    scores = {r: -math.log(costs[r]) for r in members}
    top = max(scores.values())
    sharpness = settings.lineage.tree_confidence_sharpness
    weights = {r: math.exp(sharpness * (s - top)) for r, s in scores.items()}
    root = max(members, key=lambda r: (scores[r], -members.index(r)))
    confidence = weights[root] / sum(weights.values())
    src = by_index[root]
    tree = trees[root]
    evidence: list[str] = []
    for v in sorted(v for v, p in tree.items() if p == root):
        evidence.extend(pairs[(root, v)].reasons)
    if not evidence:
        evidence.append("no directional evidence beyond the cost of the copy tree")
    evidence.append(f"copy-tree cost with {src.id} as source: {costs[root]:.1f} (next best: "
                    + (f"{sorted(costs.values())[1]:.1f})" if len(costs) > 1 else "none)"))
    runner_up = max((w for r, w in weights.items() if r != root), default=0.0) / sum(weights.values())
    undecided = confidence - runner_up < settings.lineage.undecided_margin
    _weak_or_undecided(evidence, confidence, undecided, _tied(by_index, root, weights))
    return make_story(by_index, docs, root, confidence, evidence, tree, pairs, undecided)


def furniture_share(story: Story) -> float:
    """Share of the copy tree's edges (identical copies aside) with a page-furniture, headline or
    dateline edit; 0 with no such edge. A headline rewritten (text on both sides) does not count:
    revisions of a page retitle it as copies do, while what marks a copy is furniture added or
    dropped (an outlet's masthead over the wire text). On half A of the Wikipedia dev articles
    (benchmarks/fit_version_regime.py's features) 49 of 86 histories pass the regime rule this way
    against 46, and none of its 30 generated copy trees either way."""
    edges = [e for e in story.tree if not e.identical]

    def furniture(x) -> bool:
        return x.kind in FURNITURE_KINDS and not (x.kind == "headline" and x.parent_text and x.child_text)

    return sum(any(furniture(x) for x in e.edits) for e in edges) / len(edges) if edges else 0.0


def only_tail_cuts(story: Story) -> bool:
    """Whether every edge of the copy tree (identical copies aside) is nothing but a tail cut (a
    ``truncated`` edit, style edits aside): copies cut from the bottom, where the inverted pyramid
    puts what matters least, so texts that differ only there are syndication, however nested. A
    version history adds and changes text throughout. A wire and three reprints cut at 85%, 65%
    and 45% of its paragraphs were read as a history whose oldest is the shortest reprint (stop
    24's hostile review); the Wikipedia dev histories read as revisions all stay so
    (benchmarks/bench_versions.py: 49 of half B's 109, 47 of half A's 91)."""
    edges = [e for e in story.tree if not e.identical]

    def cut(e) -> bool:
        kinds = {x.kind for x in e.edits}
        return "truncated" in kinds and kinds <= {"truncated", *STYLE_KINDS}

    return bool(edges) and all(map(cut, edges))


def infer_revision_story(
    docs: list[Document], members: list[int], pairs, settings: Settings,
    pair_of: Callable[[int, int], PairEvidence], reason: str,
) -> Story:
    """Versions of one text: the tree is the chain in version order, oldest first.

    When every version is dated (all dates distinct) the dates give the order. Otherwise the
    order is :func:`provenance.lineage.versions.order_versions` (later versions add and keep what
    they added); its confidence is the softmax weight of the oldest. Two undated versions stay
    undecided: one pair's sizes are no evidence of which came first. ``pairs`` gains the chain's
    edges from ``pair_of(u, v)`` where it lacks them. ``reason`` says why the story is read so.
    """
    by_index = dict(zip(members, docs))
    index_of = {d.id: m for m, d in by_index.items()}
    moments = [parse_moment(d.meta.get("date")) for d in docs]
    dated = [k for k, m in enumerate(moments) if m is not None]
    by_date = moments_order(moments)
    evidence = [reason]
    undecided = False
    if by_date is not None:
        ids = tuple(docs[k].id for k in by_date)
        confidence = 1.0
        evidence.append("versions ordered by their dates: "
                        + ", ".join(f"{docs[k].id} {shown_date(docs[k])}" for k in by_date))
    else:
        order = order_versions(docs, settings, describe=False)
        ids, confidence = order.order, order.confidence
        runner_up = max((w for d, w in order.root_weights.items() if d != ids[0]), default=0.0)
        if dated:
            evidence.append(_dates_not_ordering(docs, moments, dated, ids))
        if len(docs) == 2:
            undecided = True
            evidence.insert(0, "undecided: two versions and " + ("dates that do not say which came first" if dated
                                                                 else "no dates") + "; nothing says which came first")
        elif confidence - runner_up < settings.lineage.undecided_margin:
            undecided = True
            evidence.insert(0, "undecided: the version order starts as well from another version")
        else:
            evidence.append(f"version order by least text cut and added between neighbours: {ids[0]} is the "
                            f"oldest (confidence {confidence:.2f})")
    tree = {index_of[c]: index_of[p] for p, c in zip(ids, ids[1:])}
    for c, p in tree.items():
        if (p, c) not in pairs:
            pairs[(p, c)] = pair_of(p, c)
    story = make_story(by_index, docs, index_of[ids[0]], confidence, evidence, tree, pairs, undecided)
    return replace(story, regime="revision", versions=() if undecided else ids)


def _dates_not_ordering(docs, moments, dated: list[int], ids: tuple[str, ...]) -> str:
    """The evidence line of versions whose dates were given but do not order them all (some
    undated, or two on one day where one has no time): which are dated, and any two of those the
    text's order puts against their dates."""
    what = (f"dates given for {len(dated)} of {len(docs)} versions" if len(dated) < len(docs)
            else "dates that do not tell every version apart (the same day, or the same moment)")
    position = {d: k for k, d in enumerate(ids)}
    against = []
    for a in dated:
        for b in dated:
            if moment_before(moments[a], moments[b]) and position[docs[a].id] > position[docs[b].id]:
                against.append(f"{docs[b].id} ({shown_date(docs[b])}) before {docs[a].id} "
                               f"({shown_date(docs[a])})")
    return (f"{what}: the order is read from the text" + (
        "; it puts " + "; ".join(against[:3]) + (f" and {len(against) - 3} more" if len(against) > 3 else "")
        + ", against their dates" if against else ", and agrees with them"))


def dedupe(items):
    seen, out = set(), []
    for x in items:
        if x not in seen:
            seen.add(x)
            out.append(x)
    return out

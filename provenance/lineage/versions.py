"""Lineage: the revision regime (versions of one text) and copy trees scored by shared innovations.

Two regimes produce related documents (issue #15):

* **Syndication** (a star): the wire at the hub, copies cut and add furniture of their own, and
  siblings do not share each other's additions.
* **Revision** (a chain): each version extends its predecessor and the additions are inherited by
  every later version.

Public API (pure: no I/O, no printing)::

    order = order_versions(docs, settings)        # VersionOrder: oldest first, steps, confidence
    score = looks_like_revisions(docs, settings)  # 0..1, 0.5 when there is no evidence (two documents)
    tree = tree_by_innovations(docs, edits, alignments, settings)  # InnovationTree (copy tree)
    cost = innovation_cost(parents, root, docs, edits, alignments, settings)

**Ordering.** Each version is a set of token shingles (``version_shingle_size`` tokens, in the
form ``version_shingle_form``: surface tokens with punctuation by default). The cost of
reading ``u`` as the predecessor of ``v`` is ``(w * |u \\ v| + |v \\ u|) / |u | v|`` with
``w = version_cut_weight`` > 1: later versions add and keep what they added, so a step that cuts
costs more than one that adds. The order is the directed Hamiltonian path of least total cost,
exact by dynamic programming over subsets (Held-Karp, ``O(2^n n^2)``) up to
``version_exact_max`` versions, else greedy insertion refined by moves of single versions.

**The oldest.** Each version ``r`` gets a *root score*: the excess cost of the best order starting
at ``r`` over the best order of all, minus ``version_reversal_weight`` times the excess cost of the
best order *ending* at ``r``. The second term is the reversal signal: a version that ends a cheap
order well is the newest of a reading that runs the other way, so it is less likely the oldest
(the two costs differ because cutting costs more than adding). The oldest is the version of least
score and the order is the best path starting there. The confidence is the softmax, with
temperature ``version_confidence_scale``, of minus the root scores (``root_weights``); both
parameters are fitted on half A of the Wikipedia dev articles (benchmarks/bench_versions.py --fit).

**Innovation trees.** For each candidate root ``r`` an edge ``u -> v`` costs the sum of its edits'
costs, asymmetric by type (:data:`INNOVATION_COST`), plus ``innovation_reversion_cost`` for each
variant location (pivot ``r``) where ``v`` has the root's reading and ``u`` does not. With every node
observed, maximum parsimony over a fixed tree is the sum of its edge costs, so an innovation made
once and inherited is paid once, the same innovation made on two branches twice. The tree for ``r``
is the minimum arborescence (Edmonds); the root is the cheapest tree's.

Nothing depends on input order, ids or hash order: documents are ranked by their text and id, and
ties break on that rank.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from typing import Mapping, Sequence

from ..model import Alignment, Document, Edit, require, require_documents
from ..settings import DEFAULT_SETTINGS, Settings
from .graphs import min_arborescence
from .variants import variant_table

__all__ = [
    "VersionStep",
    "VersionOrder",
    "InnovationTree",
    "INNOVATION_COST",
    "shingle_set",
    "version_costs",
    "order_versions",
    "root_scores",
    "reversions",
    "looks_like_revisions",
    "inherited_share",
    "revision_regime",
    "edit_innovation_cost",
    "innovation_cost",
    "tree_by_innovations",
]

_WORDISH = frozenset(("word", "number", "abbrev"))


# -- ordering versions ------------------------------------------------------------------------------


@dataclass(frozen=True)
class VersionStep:
    """One step of a version history: what ``child`` added, cut and changed against ``parent``.

    ``added`` holds the ``inserted`` edits, ``cut`` the ``deleted`` and ``truncated`` ones,
    ``changed`` every other edit; each is a tuple of :class:`~provenance.model.Edit`. Empty when the
    order was computed without descriptions.
    """

    parent: str
    child: str
    cost: float
    added: tuple[Edit, ...] = ()
    cut: tuple[Edit, ...] = ()
    changed: tuple[Edit, ...] = ()


@dataclass(frozen=True)
class VersionOrder:
    """Versions of one text, oldest first.

    ``order`` lists document ids; ``steps[k]`` goes from ``order[k]`` to ``order[k + 1]``;
    ``confidence`` (0..1) is the weight of ``order[0]`` being the oldest; ``start_costs`` maps each
    id to the cost of the best order that starts with it, ``end_costs`` to that of the best order
    that ends with it; ``root_weights`` maps each id to its probability of being the oldest (they
    sum to 1; ``root_weights[order[0]] == confidence``).
    """

    order: tuple[str, ...]
    steps: tuple[VersionStep, ...]
    confidence: float
    start_costs: dict
    end_costs: dict = field(default_factory=dict)
    root_weights: dict = field(default_factory=dict)

    @property
    def oldest(self) -> str:
        return self.order[0]

    def parent_of(self) -> dict[str, str]:
        """Each version's predecessor (the oldest has none)."""
        return {s.child: s.parent for s in self.steps}


def shingle_set(doc: Document, size: int, form: str = "words") -> frozenset[tuple[str, ...]]:
    """The document's token ``size``-grams.

    ``form="words"``: normalised words only (punctuation and quotes skipped); ``form="surface"``:
    every token as written, punctuation and case included, so that two versions that differ only
    by a comma or a capital still differ (neighbouring Wikipedia revisions often do). A text
    shorter than ``size`` tokens gives its whole sequence as its one shingle.
    """
    if form not in ("words", "surface"):
        raise ValueError(f"shingle form must be 'words' or 'surface', not {form!r}")

    def compute(d: Document) -> frozenset[tuple[str, ...]]:
        words = ([t.norm for t in d.tokens if t.kind in _WORDISH] if form == "words"
                 else [t.text for t in d.tokens])
        if len(words) < size:
            return frozenset([tuple(words)]) if words else frozenset()
        return frozenset(tuple(words[i : i + size]) for i in range(len(words) - size + 1))

    return doc.derived(("shingle_set", size, form), compute)


def _canonical(docs: Sequence[Document]) -> list[Document]:
    return sorted(docs, key=lambda d: (d.text, d.id))


def version_costs(docs: Sequence[Document], settings: Settings = DEFAULT_SETTINGS) -> list[list[float]]:
    """``cost[i][j]`` of reading ``docs[i]`` as the predecessor of ``docs[j]`` (module docstring)."""
    sets = [shingle_set(d, settings.lineage.version_shingle_size, settings.lineage.version_shingle_form) for d in docs]
    w = settings.lineage.version_cut_weight
    out = []
    for a in sets:
        row = []
        for b in sets:
            union = len(a | b)
            row.append((w * len(a - b) + len(b - a)) / union if union else 0.0)
        out.append(row)
    for i in range(len(out)):
        out[i][i] = 0.0
    return out


def _held_karp(cost: list[list[float]], start: int | None = None, every_end: bool = False):
    """Least-cost directed Hamiltonian path (starting at ``start`` when given), and per end node
    the least cost of such a path ending there; with ``every_end``, also per end node that path.

    Ties break towards smaller indexes (the canonical order), never on hash order.
    """
    n = len(cost)
    inf = math.inf
    best = [[inf] * n for _ in range(1 << n)]
    back = [[-1] * n for _ in range(1 << n)]
    for i in range(n) if start is None else (start,):
        best[1 << i][i] = 0.0
    for mask in range(1, 1 << n):
        row = best[mask]
        for j in range(n):
            c = row[j]
            if c == inf:
                continue
            for k in range(n):
                if mask >> k & 1:
                    continue
                nm = mask | 1 << k
                v = c + cost[j][k]
                if v < best[nm][k]:
                    best[nm][k] = v
                    back[nm][k] = j
    full = (1 << n) - 1

    def path_to(end: int) -> list[int]:
        path, mask, j = [], full, end
        while j != -1:
            path.append(j)
            pj = back[mask][j]
            mask ^= 1 << j
            j = pj
        return path[::-1]

    path = path_to(min(range(n), key=lambda j: (best[full][j], j)))
    if every_end:
        return path, best[full], [path_to(j) for j in range(n)]
    return path, best[full]


def _path_cost(cost, path) -> float:
    return sum(cost[a][b] for a, b in zip(path, path[1:]))


def _heuristic_path(cost: list[list[float]], start: int | None = None) -> list[int]:
    """Cheapest insertion, then single-node moves until no move lowers the cost (deterministic)."""
    n = len(cost)
    nodes = list(range(n))
    path = [start] if start is not None else [min(nodes, key=lambda i: (sum(cost[i]), i))]
    for k in sorted((x for x in nodes if x not in path), key=lambda x: (sum(cost[x]), x)):
        lo = 1 if start is not None else 0
        pos = min(range(lo, len(path) + 1), key=lambda p: (_path_cost(cost, path[:p] + [k] + path[p:]), p))
        path.insert(pos, k)
    improved = True
    while improved:
        improved = False
        here = _path_cost(cost, path)
        for k in list(path):
            if start is not None and k == start:
                continue
            rest = [x for x in path if x != k]
            lo = 1 if start is not None else 0
            for p in range(lo, len(rest) + 1):
                cand = rest[:p] + [k] + rest[p:]
                c = _path_cost(cost, cand)
                if c < here - 1e-12:
                    path, here, improved = cand, c, True
                    break
    return path


def _best_paths(cost: list[list[float]], settings: Settings) -> tuple[list[int], list[float]]:
    """The best path, and per node the cost of the best path that starts there."""
    n = len(cost)
    if n <= settings.lineage.version_exact_max:
        path, _ = _held_karp(cost)
        # a path starting at r in ``cost`` is a path ending at r in the transposed matrix
        _, starting = _held_karp(_transposed(cost))
        return path, starting
    starts = [_path_cost(cost, _heuristic_path(cost, r)) for r in range(n)]
    path = _heuristic_path(cost)
    return path, starts


def _transposed(cost: list[list[float]]) -> list[list[float]]:
    n = len(cost)
    return [[cost[j][i] for j in range(n)] for i in range(n)]


def _rooted_paths(cost: list[list[float]], settings: Settings):
    """Per node the cost of the best path starting there and of the best path ending there, a
    function giving the best path that starts at a given node, and per node one best path starting
    there (for the reversion term; ties may break otherwise than the function's)."""
    n = len(cost)
    if n <= settings.lineage.version_exact_max:
        _, ending = _held_karp(cost)
        # a path starting at r is a path ending at r in the transposed matrix, read backwards
        _, starting, back_paths = _held_karp(_transposed(cost), every_end=True)
        return starting, ending, lambda r: _held_karp(cost, r)[0], [p[::-1] for p in back_paths]
    back = _transposed(cost)
    paths = [_heuristic_path(cost, r) for r in range(n)]
    starting = [_path_cost(cost, p) for p in paths]
    ending = [_path_cost(back, _heuristic_path(back, r)) for r in range(n)]
    return starting, ending, lambda r: _heuristic_path(cost, r), paths


def reversions(sets: Sequence[frozenset], path: Sequence[int]) -> float:
    """How much of the text the order ``path`` cuts and then restores: for each version but the last
    two, the share of its shingles that the next version lacks and a later one has again, summed.
    Revisions rarely restore what was cut, so an oldest that needs it is unlikely: a version
    blanked by a vandal or cut to a stub and read as the first lost the text the later ones share
    (on the Wikipedia dev articles, :data:`~provenance.settings.Settings` ``version_reversion_weight``)."""
    total = 0.0
    later: set = set()
    for k in range(len(path) - 1, 1, -1):  # from the end: the shingles of the versions after path[k - 1]
        later |= sets[path[k]]
        here, nxt = sets[path[k - 2]], sets[path[k - 1]]
        if here:
            total += len((here - nxt) & later) / len(here)
    return total


def root_scores(starting: Sequence[float], ending: Sequence[float], settings: Settings = DEFAULT_SETTINGS,
                restored: Sequence[float] | None = None) -> list[float]:
    """Each version's root score (module docstring): lower is likelier the oldest. ``restored``: per
    version, the :func:`reversions` of the best order starting there (weighed by
    ``version_reversion_weight``)."""
    s0, e0 = min(starting), min(ending)
    beta, gamma = settings.lineage.version_reversal_weight, settings.lineage.version_reversion_weight
    restored = restored or [0.0] * len(starting)
    return [(s - s0) - beta * (e - e0) + gamma * r for s, e, r in zip(starting, ending, restored)]


def order_versions(
    docs: Sequence[Document], settings: Settings = DEFAULT_SETTINGS, describe: bool = True,
    known_boilerplate: frozenset[str] = frozenset(),
) -> VersionOrder:
    """Read ``docs`` as versions of one text and order them oldest first (module docstring).

    With ``describe``, each step carries the edits (aligned and classified) from the predecessor.
    Independent of the order of ``docs``. Raises ``ValueError`` on no documents or repeated ids.
    """
    docs = require_documents(docs, "order_versions: docs", "order_versions: each of docs")
    require(settings, Settings, "order_versions: settings")
    if not docs:
        raise ValueError("order_versions needs at least one document")
    if len({d.id for d in docs}) != len(docs):
        raise ValueError("order_versions: document ids must be distinct")
    ordered = _canonical(docs)
    cost = version_costs(ordered, settings)
    starts, ends, path_from, root_paths = _rooted_paths(cost, settings)
    restored = None
    if settings.lineage.version_reversion_weight:
        sets = [shingle_set(d, settings.lineage.version_shingle_size, settings.lineage.version_shingle_form) for d in ordered]
        restored = [reversions(sets, p) for p in root_paths]
    scores = root_scores(starts, ends, settings, restored)
    root = min(range(len(ordered)), key=lambda r: (scores[r], r))
    path = path_from(root)
    top = scores[root]
    weights = [math.exp(-(s - top) / settings.lineage.version_confidence_scale) for s in scores]
    total = sum(weights)
    confidence = weights[root] / total
    steps = []
    for a, b in zip(path, path[1:]):
        added = cut = changed = ()
        if describe:
            from ..align.aligner import align_documents  # local: ordering alone needs no alignment
            from ..edits.classify import classify_edits

            edits = classify_edits(align_documents(ordered[a], ordered[b], settings), known_boilerplate)
            # a passage added with a figure the predecessor lacks is judged a ``number`` edit (change
            # ``inserted``) for check's sake; for the history it is text added all the same
            new = [e for e in edits if e.kind == "inserted" or (e.kind == "number" and e.change == "inserted"
                                                                   and not e.parent_text.strip())]
            added = tuple(new)
            cut = tuple(e for e in edits if e.kind in ("deleted", "truncated"))
            changed = tuple(e for e in edits if e not in new and e.kind not in ("deleted", "truncated"))
        steps.append(VersionStep(ordered[a].id, ordered[b].id, cost[a][b], added, cut, changed))
    return VersionOrder(
        tuple(ordered[k].id for k in path), tuple(steps), confidence,
        {d.id: s for d, s in zip(ordered, starts)}, {d.id: e for d, e in zip(ordered, ends)},
        {d.id: w / total for d, w in zip(ordered, weights)},
    )


def looks_like_revisions(docs: Sequence[Document], settings: Settings = DEFAULT_SETTINGS) -> float:
    """How much ``docs`` look like a revision chain (1) rather than a syndication star (0).

    The documents are put in their least-cost version order (:func:`order_versions`, no
    alignment). Each document's *additions* are its shingles absent from its predecessor in that
    order. In a chain, what a version added is inherited: it reappears in the version after it.
    In a star read as a path, a copy's own furniture and text reappear in no later document. The
    score is the mean, over documents with additions and a successor, of the share of their
    additions found in their successor. Two documents, or nothing to compare, give 0.5: no
    evidence either way.
    """
    ordered = _canonical(docs)
    n = len(ordered)
    if n < 3:
        return 0.5
    cost = version_costs(ordered, settings)
    path, _ = _best_paths(cost, settings)
    sets = [shingle_set(ordered[k], settings.lineage.version_shingle_size, settings.lineage.version_shingle_form)
            for k in path]
    shares, seen = [], set(sets[0])
    for k in range(1, n - 1):
        added = sets[k] - seen
        seen |= sets[k]
        if added:
            shares.append(len(added & sets[k + 1]) / len(added))
    return sum(shares) / len(shares) if shares else 0.5


def inherited_share(docs: Sequence[Document], settings: Settings = DEFAULT_SETTINGS) -> float | None:
    """Of the shingles that two or more documents share but not all do, the share whose documents
    are consecutive in the least-cost version order; ``None`` with fewer than three documents or
    no such shingle.

    In a revision chain a passage is added once and kept until it is cut, so the versions holding
    it are a run of the order (an interval). In a star of copies, each copy cuts its own passages:
    the documents holding a cut passage are "all but that copy", which is not a run unless the copy
    sits at an end, so the share falls (0.40 on a star of five cutting copies, 0.98 or more on three
    quarters of the Wikipedia dev articles; copies of copies that inherit their parents' edits are
    also runs, 0.76 median on bench_copy_chains' trees, so the share alone is not the rule).
    """
    ordered = _canonical(docs)
    n = len(ordered)
    if n < 3:
        return None
    cost = version_costs(ordered, settings)
    path, _ = _best_paths(cost, settings)
    holders: dict[tuple[str, ...], int] = {}
    for pos, k in enumerate(path):
        for g in shingle_set(ordered[k], settings.lineage.version_shingle_size, settings.lineage.version_shingle_form):
            holders[g] = holders.get(g, 0) | 1 << pos
    full = (1 << n) - 1
    shared = runs = 0
    for mask in holders.values():
        if mask == full or mask & (mask - 1) == 0:
            continue  # in every document, or in one only
        shared += 1
        span = mask >> ((mask & -mask).bit_length() - 1)
        runs += span & (span + 1) == 0  # the bits are one run
    return runs / shared if shared else None


def revision_regime(docs: Sequence[Document], furniture_share: float, settings: Settings = DEFAULT_SETTINGS) -> bool:
    """The rule that reads a story as versions of one text without being told (issue #15).

    All three must hold: at least ``version_auto_min`` documents (three cannot tell a chain from a
    star: any three form a path); at least ``version_auto_inherited`` of the partly shared
    shingles are held by a run of the version order (:func:`inherited_share`: additions are kept
    by every later version); and at most ``version_auto_max_furniture`` of the syndication copy
    tree's edges (``furniture_share``) add, drop or change page furniture, headlines or
    datelines: syndicated copies put their own masthead on the wire text, revisions of one page
    do not.
    """
    if len(docs) < settings.lineage.version_auto_min or furniture_share > settings.lineage.version_auto_max_furniture:
        return False
    share = inherited_share(docs, settings)
    return share is not None and share >= settings.lineage.version_auto_inherited


# -- copy trees from shared innovations -------------------------------------------------------------

#: Cost of one edit on an edge parent -> child, by kind and by which side has text. ``forward`` is
#: the cost when the edit is of the kind copies make (the child drops furniture or a tail, expands a
#: name, adds a title); ``backward`` when it reads like undoing one (the child lacks a name expansion,
#: a title or page furniture its parent has is *not* the backward case: dropping furniture is cheap).
#: Reasons: copies drop furniture and tails freely and add their own; they rarely contract a name
#: the wire spelled out or strip a title, and re-creating a parent's whole set of expansions is
#: unlikely, so an edge that would have to undo them costs several times an ordinary edit.
INNOVATION_COST: dict[str, tuple[float, float]] = {
    # kind: (forward, backward)
    "boilerplate": (0.1, 0.5),   # forward: child drops furniture; backward: child adds furniture
    "headline": (0.1, 0.5),
    "dateline": (0.3, 2.0),      # a copy drops an agency dateline; it rarely invents one
    "truncated": (0.3, 3.0),     # a tail cut is cheap; a tail re-created is not
    "name_expansion": (1.0, 4.0),  # forward: the child's reading is longer (expanded)
    "title": (1.0, 4.0),
    "abbreviation": (0.5, 1.0),
    "spelling": (0.7, 0.7),
    "punctuation": (0.4, 0.4),
    "whitespace": (0.3, 0.3),
    "function_word": (0.5, 0.5),
    "number_format": (0.5, 0.5),
    "duplicated": (1.0, 3.0),
    "moved": (1.0, 1.0),
    "inserted": (1.5, 1.5),
    "deleted": (1.0, 1.0),
    "rewrite": (1.5, 1.5),
    "quote": (2.0, 2.0),
    "number": (2.0, 2.0),
    "negation": (2.0, 2.0),
    "attribution": (2.0, 2.0),
}

_FURNITURE = frozenset(("boilerplate", "headline", "dateline"))


def _words(text: str) -> int:
    return len(text.split())


def edit_innovation_cost(edit: Edit) -> float:
    """The cost of one edit on its edge (:data:`INNOVATION_COST`), read from its kind and texts.

    Direction: furniture, datelines and tails are forward when the child lacks them; name
    expansions, titles and abbreviations are forward when the child's reading is longer (the
    copy spelled out); a duplication is forward when the child has the repeat. Inserted, deleted
    and rewritten passages grow with their length (capped at 60 words) since each word is text
    one side must have written.
    """
    forward_cost, backward_cost = INNOVATION_COST.get(edit.kind, (1.0, 1.0))
    p, c = _words(edit.parent_text), _words(edit.child_text)
    if edit.kind in _FURNITURE or edit.kind == "truncated":
        forward = c <= p  # the child drops (or shortens) it
    elif edit.kind in ("name_expansion", "title", "abbreviation"):
        forward = len(edit.child_text) >= len(edit.parent_text)
    elif edit.kind == "duplicated":
        forward = c >= p
    else:
        forward = True
    cost = forward_cost if forward else backward_cost
    if edit.kind in ("inserted", "deleted", "rewrite"):
        cost *= 1 + min(max(p, c), 60) / 20
    return cost


@dataclass(frozen=True)
class InnovationTree:
    """A copy tree: ``parents`` maps each non-root id to its parent; ``costs`` each candidate root's
    tree cost; ``confidence`` the softmax weight of the chosen root (temperature
    ``innovation_confidence_scale``)."""

    root: str
    parents: dict
    cost: float
    costs: dict
    confidence: float


def _reversions(ids, root: str, docs_by_id, alignments) -> dict[tuple[str, str], int]:
    """Per ordered pair (u, v), the variant locations (pivot ``root``) where v has the root's reading
    and u does not: a reversion if v were u's copy."""
    docs = [docs_by_id[root]] + [docs_by_id[d] for d in ids if d != root]
    table = variant_table(docs, 0, {(0, k): alignments[(root, d.id)] for k, d in enumerate(docs) if k})
    readings = [{d: " ".join(r.casefold().split()) for d, r in loc.readings} for loc in table.locations]
    out = {}
    for u in ids:
        for v in ids:
            if u != v and v != root and u != root:
                out[(u, v)] = sum(1 for r in readings if r[v] == r[root] != r[u])
    return out


def _edge_costs(ids, root, docs_by_id, edits, alignments, settings) -> dict[tuple[str, str], float]:
    revs = _reversions(ids, root, docs_by_id, alignments) if len(ids) >= 3 else {}
    out = {}
    for u in ids:
        for v in ids:
            if u != v and v != root:
                own = sum(edit_innovation_cost(e) for e in edits[(u, v)])
                out[(u, v)] = 1.0 + own + settings.lineage.innovation_reversion_cost * revs.get((u, v), 0)
    return out


def innovation_cost(
    parents: Mapping[str, str], root: str, docs: Sequence[Document],
    edits: Mapping[tuple[str, str], Sequence[Edit]], alignments: Mapping[tuple[str, str], Alignment],
    settings: Settings = DEFAULT_SETTINGS,
) -> float:
    """The parsimony cost of a given copy tree (``parents[child] = parent``) rooted at ``root``.

    ``edits[(u, v)]`` are the classified edits of u -> v and ``alignments[(u, v)]`` its alignment,
    for every ordered pair the tree uses and every (root, v).
    """
    docs_by_id = {d.id: d for d in docs}
    ids = sorted(docs_by_id)
    costs = _edge_costs(ids, root, docs_by_id, edits, alignments, settings)
    return sum(costs[(p, c)] for c, p in parents.items())


def tree_by_innovations(
    docs: Sequence[Document], edits: Mapping[tuple[str, str], Sequence[Edit]],
    alignments: Mapping[tuple[str, str], Alignment], settings: Settings = DEFAULT_SETTINGS,
) -> InnovationTree:
    """The cheapest copy tree over ``docs`` by shared innovations (module docstring).

    ``edits`` and ``alignments`` hold every ordered pair of ids (parent, child); align both
    directions afresh rather than reversing one alignment. Ties break on the documents' canonical
    rank (text, then id), never on input order or hashes.
    """
    ordered = _canonical(docs)
    docs_by_id = {d.id: d for d in ordered}
    ids = [d.id for d in ordered]
    if len(ids) == 1:
        return InnovationTree(ids[0], {}, 0.0, {ids[0]: 0.0}, 1.0)
    rank = {d: k for k, d in enumerate(ids)}
    trees, totals = {}, {}
    for r in ids:
        costs = _edge_costs(ids, r, docs_by_id, edits, alignments, settings)
        trees[r] = min_arborescence(ids, costs, r)
        totals[r] = sum(costs[(p, c)] for c, p in trees[r].items())
    root = min(ids, key=lambda r: (totals[r], rank[r]))
    top = totals[root]
    weights = {r: math.exp(-(totals[r] - top) / settings.lineage.innovation_confidence_scale) for r in ids}
    return InnovationTree(root, trees[root], top, totals, weights[root] / sum(weights.values()))

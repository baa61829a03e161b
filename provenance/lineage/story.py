"""Many documents: group them into stories, infer each story's source and its copy tree.

* **Grouping.** Two documents belong to one story when aligned passages (not topic words) make up
  at least ``related_min_shared`` of either document and one aligned run is at least
  ``related_min_passage`` tokens long. Stories are the connected components; documents in none are
  ``unrelated``.
* **Costs.** For every ordered pair (u, v) in a story, ``align(u, v)`` is classified. Its *change
  cost* weighs the edits (substantive > editorial > style; furniture and headlines cost little) and
  the text v does not take from u. Its *direction score* collects evidence that u came first:
  agency datelines and credits, containment asymmetry, expansions and fixes that flow downstream,
  and dates. ``cost(u -> v) = change * exp(max(0, -direction) / 2)``.
* **Tree.** For each candidate root, a minimum-cost arborescence (Edmonds, networkx) with the
  root's in-edges removed; a copy that inherits a reprint's edits is cheapest under that reprint.
* **Source and confidence.** Root scores combine the arborescence cost with majority readings at
  variant locations (the original agrees with most witnesses). ``confidence`` is the softmax weight
  of the winning root; below 0.6 the evidence says it is weak.

Nothing depends on file names or argument order: documents are processed in a canonical order
(by a hash of their text) and ties break on that order.
"""

from __future__ import annotations

import hashlib
import math
from bisect import bisect_left
from dataclasses import dataclass
from datetime import date
from typing import Iterable

import networkx as nx

from ..align.aligner import align_documents
from ..edits.classify import classify_edits
from ..edits.datelines import opening_dateline
from ..text.lexicon import load_lexicon
from ..model import Alignment, Block, Document, Edge, Edit, Story, Trace
from ..settings import DEFAULT_SETTINGS, Settings
from .candidates import candidate_pairs
from .variants import variant_table

__all__ = ["trace_documents", "story_variant_table", "related", "related_either_way", "PairEvidence", "derived_label", "revision_label"]

_KIND_COST = {
    "boilerplate": 0.2, "headline": 0.3, "dateline": 0.3, "whitespace": 0.5, "punctuation": 0.5,
    "function_word": 0.7, "spelling": 0.7, "abbreviation": 0.7, "number_format": 0.7, "title": 0.7,
    "name_expansion": 0.7, "moved": 1.0, "duplicated": 1.0, "truncated": 1.5, "inserted": 1.5,
    "deleted": 1.5, "rewrite": 1.2, "quote": 2.0, "number": 2.0, "negation": 2.0, "attribution": 2.0,
}


@dataclass(frozen=True)
class PairEvidence:
    """Alignment, edits and the derived figures of one ordered pair (parent -> child)."""

    alignment: Alignment
    edits: tuple[Edit, ...]
    change_cost: float
    direction: float
    reasons: tuple[str, ...]


_FURNITURE = ("boilerplate", "headline", "dateline")


def derived_label(al: Alignment, edits) -> str:
    """METER's derivation of the child's *article text* (page furniture and headlines excluded).

    ``wholly``: at least 0.8 of it is aligned parent text; ``partially``: at least 0.2; else ``none``.
    """
    furniture = sum(_tokens_in(al.child, e.child_span) for e in edits if e.kind in _FURNITURE)
    body = max(1, len(al.child.tokens) - furniture)
    share = min(1.0, al.matched_tokens / body)
    return "wholly" if share >= 0.8 else "partially" if share >= 0.2 else "none"


def _tokens_in(doc: Document, span: tuple[int, int]) -> int:
    lo = bisect_left(doc.tokens, span[0], key=lambda t: t.start)
    hi = bisect_left(doc.tokens, span[1], key=lambda t: t.start)
    return hi - lo


def revision_label(al: Alignment, edits) -> str:
    """Clough and Stevenson's revision level, from how often the copier touched the reused text.

    The measure is the mean length, in tokens, of the runs of text kept verbatim (page furniture and
    headlines aside, they are not revision): cut-and-paste leaves long runs, light revision
    (synonyms, small rewordings on the same structure) short ones, heavy revision very short runs
    or little reused text. ``verbatim``: runs of 15+ tokens on average; ``heavy``: under 5, or under
    15 with less than 45% of the child's article text reused; else ``light``.
    """
    runs = [b.j2 - b.j1 for b in al.blocks if b.tag == "equal"]
    if not runs:
        return "heavy"
    furniture = sum(_tokens_in(al.child, e.child_span) for e in edits if e.kind in _FURNITURE)
    reused = al.matched_tokens / max(1, len(al.child.tokens) - furniture)
    mean_run = sum(runs) / len(runs)
    if mean_run >= 15:
        return "verbatim"
    if mean_run < 5 or reused < 0.45:
        return "heavy"
    return "light"


def related(al: Alignment, settings: Settings = DEFAULT_SETTINGS) -> bool:
    """Whether the aligned passages show shared wire text (not just shared topic words).

    At least ``related_min_shared`` of either document is aligned text, and either one aligned run
    has ``related_min_passage`` tokens or runs of three or more tokens add up to
    ``related_min_run_total``: OCR noise breaks long runs, and many medium runs tell the same story.
    """
    if max(al.shared_parent(), al.shared_child()) < settings.related_min_shared:
        return False
    runs = [b.j2 - b.j1 for b in al.blocks if b.tag == "equal"]
    return max(runs, default=0) >= settings.related_min_passage or (
        sum(r for r in runs if r >= 3) >= settings.related_min_run_total
    )


def related_either_way(al: Alignment, settings: Settings = DEFAULT_SETTINGS) -> tuple[bool, Alignment | None]:
    """:func:`related` for the pair, whichever document is read as the parent; and the fresh
    alignment the other way when it was needed (else ``None``).

    An alignment is not symmetric when one text repeats a passage: as the child, the repeats are
    duplicated blocks of shared text; as the parent, they are deletions, and a document made of
    one paragraph of the source said a thousand times shares "0%" with it. So when ``al`` has an
    aligned passage but too small a share, the pair is aligned once more the other way. Unrelated
    texts rarely have such a passage, so the extra alignment is rare.
    """
    if related(al, settings):
        return True, None
    runs = [b.j2 - b.j1 for b in al.blocks if b.tag == "equal"]
    if max(runs, default=0) < settings.related_min_passage and sum(r for r in runs if r >= 3) < settings.related_min_run_total:
        return False, None
    back = align_documents(al.child, al.parent, settings)
    return related(back, settings), back


def _has_dateline(doc: Document) -> str | None:
    m = opening_dateline(doc)
    return m.group(0).strip() if m else None


def _own_text(al: Alignment, edits) -> tuple[float, float]:
    """Shares of the parent's and of the child's article text (furniture aside) not in the other."""
    furniture_p = sum(_tokens_in(al.parent, e.parent_span) for e in edits if e.kind in _FURNITURE)
    furniture_c = sum(_tokens_in(al.child, e.child_span) for e in edits if e.kind in _FURNITURE)
    matched_p = al.shared_parent() * len(al.parent.tokens)
    matched_c = al.matched_tokens
    own_p = 1 - min(1.0, matched_p / max(1, len(al.parent.tokens) - furniture_p))
    own_c = 1 - min(1.0, matched_c / max(1, len(al.child.tokens) - furniture_c))
    return own_p, own_c


def _parse_date(value) -> date | None:
    if not value:
        return None
    try:
        return date.fromisoformat(str(value)[:10])
    except ValueError:
        return None


def _pair_evidence(u: Document, v: Document, settings: Settings, known: frozenset[str],
                   al: Alignment | None = None) -> PairEvidence:
    al = al or align_documents(u, v, settings)
    edits = classify_edits(al, known_boilerplate=known)
    change = 1.0
    for e in edits:
        weight = _KIND_COST.get(e.kind, 1.0)
        if e.kind in ("inserted", "deleted", "rewrite"):
            # longer passages cost more, but a long cut or footer is still one editorial decision
            weight *= 1 + min(len((e.child_text or e.parent_text).split()), 60) / 20
        change += weight
    change += 10 * (1 - al.shared_child())  # text the child does not take from the parent

    direction, reasons = 0.0, []
    du, dv = _has_dateline(u), _has_dateline(v)
    if du and not dv:
        direction += 3
        reasons.append(f"agency dateline {du!r} in {u.id} is missing from {v.id}")
    elif dv and not du:
        direction -= 3
    furniture_added = sum(1 for e in edits if e.kind in ("boilerplate", "headline") and e.child_text and not e.parent_text)
    furniture_dropped = sum(1 for e in edits if e.kind in ("boilerplate", "headline") and e.parent_text and not e.child_text)
    if furniture_added > furniture_dropped:
        direction += 1
        reasons.append(f"{v.id} adds headline/page furniture")
    elif furniture_dropped > furniture_added:
        direction -= 1
    downstream = 0
    for e in edits:
        if e.kind in ("name_expansion", "title"):
            downstream += 1 if ("expanded" in e.note or "added" in e.note) else -1
        elif e.kind == "whitespace":
            downstream += 1 if "space added" in e.note else -1
        elif e.kind == "abbreviation":
            downstream += 0.5 if "abbreviated" in e.note else -0.5
    if downstream:
        direction += max(-3.0, min(3.0, downstream / 2))
        if downstream > 0:
            reasons.append(f"{downstream:g} expansions, titles and fixes flow from {u.id} to {v.id}")
    # Containment asymmetry, page furniture set aside: a copy adds headlines and furniture, and
    # may cut, but rarely brings article text of its own; the source rarely lacks text its copy has.
    own_parent, own_child = _own_text(al, edits)
    asym = own_parent - own_child
    direction += _ASYM_WEIGHT * asym
    if asym > -0.05:
        reasons.append(
            f"containment: {al.shared_parent():.0%} of {u.id} is in {v.id}, and {1 - own_child:.0%} of "
            f"{v.id}'s text (headlines and page furniture aside) comes from {u.id}"
            + (f"; {own_parent:.0%} of {u.id}'s text is not in {v.id}" if own_parent > 0.05 else "")
        )
    du_date, dv_date = _parse_date(u.meta.get("date")), _parse_date(v.meta.get("date"))
    if du_date and dv_date and du_date != dv_date:
        direction += 5 if du_date < dv_date else -5
        if du_date < dv_date:
            reasons.append(f"{u.id} is dated {du_date}, before {v.id} ({dv_date})")
    return PairEvidence(al, edits, change, direction, tuple(reasons))


def _digest(doc: Document) -> str:
    return doc.derived("text_sha256", lambda d: hashlib.sha256(d.text.encode()).hexdigest())


def _canonical(docs: list[Document]) -> list[Document]:
    return sorted(docs, key=lambda d: (_digest(d), d.id))


def _identical_groups(docs: list[Document]) -> list[list[Document]]:
    """Documents with byte-identical texts, grouped; each group starts with its representative
    (the earliest dated, then the first in canonical order), groups in canonical order."""
    groups: dict[str, list[Document]] = {}
    for d in _canonical(docs):
        groups.setdefault(_digest(d), []).append(d)
    return [sorted(g, key=lambda d: (_parse_date(d.meta.get("date")) or date.max, d.id)) for g in groups.values()]


def _identical_edge(rep: Document, copy: Document) -> Edge:
    n = len(rep.tokens)
    al = Alignment(rep, copy, (Block("equal", 0, n, 0, n),) if n else ())
    return Edge(rep.id, copy.id, 1.0, 1.0, "wholly", "verbatim", al, (), identical=True)


def trace_documents(
    documents: list[Document] | tuple[Document, ...],
    settings: Settings = DEFAULT_SETTINGS,
    known_boilerplate: frozenset[str] = frozenset(),
    links: Iterable[tuple[str, str]] | None = None,
) -> Trace:
    """Group ``documents`` into stories with sources, copy trees and typed edits (module docstring).

    The result does not depend on the order of ``documents`` or on their ids, except that ids name
    things (and pick which of several identical texts represents them). Identical texts are traced
    once: the others hang from their representative as ``identical`` edges (a star, no edits).
    Cost: candidate pairs of distinct texts come from a shingle index
    (:func:`provenance.lineage.candidates.candidate_pairs`), never all pairs; one alignment per candidate
    pair (the other direction is its :meth:`~provenance.model.Alignment.reversed`), one
    classification per ordered pair within a story. ``links`` (pairs of ids, e.g. verified
    candidates from an index) replaces the candidate search. A story of more than
    ``settings.max_dense_story`` distinct texts gets its copy tree from the aligned pairs only,
    without comparing every candidate source (the evidence says so).
    """
    groups = _identical_groups(list(documents))
    docs = [g[0] for g in groups]
    copies = {g[0].id: g[1:] for g in groups}
    n = len(docs)
    pairs: dict[tuple[int, int], PairEvidence] = {}
    graph = nx.Graph()
    graph.add_nodes_from(range(n))
    best_overlap: dict[str, float] = {d.id: 0.0 for d in documents}
    for g in groups:
        if len(g) > 1:
            best_overlap.update({d.id: 1.0 for d in g})
    grouping: dict[tuple[int, int], Alignment] = {}
    if links is None:
        todo = candidate_pairs(docs, settings)
    else:
        pos = {d.id: k for k, g in enumerate(groups) for d in g}
        todo = sorted({(min(pos[x], pos[y]), max(pos[x], pos[y])) for x, y in links
                       if x in pos and y in pos and pos[x] != pos[y]})
    for a, b in todo:
        al = grouping[(a, b)] = align_documents(docs[a], docs[b], settings)
        overlap = max(al.shared_parent(), al.shared_child())
        for d in (*groups[a], *groups[b]):
            best_overlap[d.id] = max(best_overlap[d.id], overlap)
        linked, back = related_either_way(al, settings)
        if back is not None:
            grouping[(b, a)] = back
            overlap = max(back.shared_parent(), back.shared_child())
            for d in (*groups[a], *groups[b]):
                best_overlap[d.id] = max(best_overlap[d.id], overlap)
        if linked:
            graph.add_edge(a, b)
    stories, unrelated = [], []
    for comp in sorted(nx.connected_components(graph), key=min):
        members = sorted(comp)
        if len(members) == 1:
            group = groups[members[0]]
            if len(group) == 1:
                unrelated.append(group[0].id)
            else:
                stories.append(_identical_story(group))
            continue
        dense = len(members) <= settings.max_dense_story
        edges = (
            [(u, v) for u in members for v in members if u != v] if dense
            else [e for a, b in graph.subgraph(members).edges() for e in ((a, b), (b, a))]
        )
        for u, v in edges:
            al = grouping.get((u, v))
            if al is None and (v, u) in grouping:
                al = grouping[(v, u)].reversed()  # one diff per pair serves both directions
            if al is None:
                al = grouping[(u, v)] = align_documents(docs[u], docs[v], settings)
            pairs[(u, v)] = _pair_evidence(docs[u], docs[v], settings, known_boilerplate, al)
        story = (_infer_story(docs_of(docs, members), members, pairs, settings) if dense
                 else _infer_story_sparse(docs_of(docs, members), members, pairs, settings))
        stories.append(_with_copies(story, copies, {d.id: d for d in docs}))
    order = {d.id: k for k, d in enumerate(documents)}
    stories.sort(key=lambda s: min(order[x] for x in s.documents))
    unrelated.sort(key=order.__getitem__)
    return Trace(tuple(documents), tuple(stories), tuple(unrelated), best_overlap)


def docs_of(docs: list[Document], members: list[int]) -> list[Document]:
    return [docs[k] for k in members]


def _identical_story(group: list[Document]) -> Story:
    """A story of one text in several files: a star from the representative, no edits. Its source
    is named only when dates say which copy came first (one copy dated before all the others)."""
    rep, rest = group[0], group[1:]
    d0 = _parse_date(rep.meta.get("date"))
    earliest = d0 is not None and all((_parse_date(d.meta.get("date")) or date.max) > d0 for d in rest)
    ids = ", ".join(d.id for d in rest)
    evidence = (
        [f"{len(group)} documents have identical text; {rep.id} is dated {d0}, before the others"] if earliest
        else [f"undecided: {len(group)} documents have identical text ({rep.id}, {ids}) and no dates tell "
              "which came first"]
    )
    edges = tuple(_identical_edge(rep, d) for d in rest)
    return Story(tuple(d.id for d in group), rep.id if earliest else None, 1.0 if earliest else 1 / len(group),
                 tuple(evidence), edges)


def _with_copies(story: Story, copies: dict[str, list[Document]], by_id: dict[str, Document]) -> Story:
    """``story`` (over representatives) with each representative's identical copies as its children."""
    if not any(copies[d] for d in story.documents):
        return story
    edges: list[Edge] = []
    root = story.tree_root
    for d in [root] + [e.child for e in story.tree]:
        if d != root:
            edges.append(next(e for e in story.tree if e.child == d))
        edges.extend(_identical_edge(by_id[d], c) for c in copies[d])
    evidence = list(story.evidence)
    for d in story.documents:
        if copies[d]:
            evidence.append(f"identical text to {d}: {', '.join(c.id for c in copies[d])} (traced once, no edits)")
    documents = tuple(x for d in story.documents for x in (d, *(c.id for c in copies[d])))
    return Story(documents, story.source, story.confidence, tuple(evidence), tuple(edges))


def _cost(p: PairEvidence) -> float:
    # Direction evidence only penalises an edge that points the wrong way; it does not discount
    # edges from a well-attested source, or every copy would hang under the source directly.
    return p.change_cost * math.exp(max(0.0, -p.direction) / 2)


#: weight of containment asymmetry in the direction score (per unit of share difference)
_ASYM_WEIGHT = 4.0
#: weight of majority agreement in the choice of the source: a tie-breaker, since copies of a
#: copy outnumber the source and agree with each other, not with it
_AGREE_WEIGHT = 0.5
#: cost of one reversion: the child has the root's reading where its would-be parent does not
_REVERSION_COST = 4.0


def _reversions(docs_by_index, members, pairs, root: int) -> dict[tuple[int, int], int]:
    """For each edge (u, v), the variant locations where v agrees with ``root`` and u does not.

    A copy rarely restores the original's reading that its parent had changed (stemmatology's
    innovations flow down), so such an edge is unlikely.
    """
    local = {m: k for k, m in enumerate(members)}
    docs = [docs_by_index[m] for m in members]
    table = variant_table(docs, local[root], {(local[root], local[v]): pairs[(root, v)].alignment for v in members if v != root})
    readings = [{d: " ".join(r.casefold().split()) for d, r in loc.readings} for loc in table.locations]
    rid = docs_by_index[root].id
    out = {}
    for u in members:
        for v in members:
            if u != v and v != root and u != root:
                uid, vid = docs_by_index[u].id, docs_by_index[v].id
                out[(u, v)] = sum(1 for r in readings if r[vid] == r[rid] != r[uid])
    return out


def _best_tree(members: list[int], pairs, root: int, reversions=None):
    g = nx.DiGraph()
    g.add_nodes_from(members)
    for u in members:
        for v in members:
            if u != v and v != root:
                extra = _REVERSION_COST * (reversions or {}).get((u, v), 0)
                g.add_edge(u, v, weight=_cost(pairs[(u, v)]) + extra)
    tree = nx.minimum_spanning_arborescence(g, attr="weight", preserve_attrs=True)
    return tree, sum(d["weight"] for _, _, d in tree.edges(data=True))


def _infer_story_sparse(docs: list[Document], members: list[int], pairs, settings: Settings) -> Story:
    """A large story: one minimum arborescence over the aligned pairs (both directions) only."""
    by_index = dict(zip(members, docs))
    g = nx.DiGraph()
    g.add_nodes_from(members)
    for (u, v), p in pairs.items():
        if u in by_index and v in by_index:
            g.add_edge(u, v, weight=_cost(p))
    tree = nx.minimum_spanning_arborescence(g, attr="weight", preserve_attrs=True)
    root = next(x for x in members if tree.in_degree(x) == 0)
    margins = [pairs[(root, v)].direction - pairs[(v, root)].direction for _, v in tree.out_edges(root)]
    confidence = 1 / (1 + math.exp(-sum(margins) / max(1, len(margins)) / 2))
    evidence = [r for _, v in sorted(tree.out_edges(root)) for r in pairs[(root, v)].reasons]
    evidence.append(
        f"large story ({len(members)} documents): copy tree over the {g.number_of_edges() // 2} aligned pairs "
        "only; other candidate sources were not compared"
    )
    undecided = confidence - (1 - confidence) < settings.undecided_margin
    _weak_or_undecided(evidence, confidence, undecided)
    return _story(by_index, docs, root, confidence, evidence, tree, pairs, undecided)


def _weak_or_undecided(evidence: list[str], confidence: float, undecided: bool) -> None:
    if undecided:
        evidence.insert(0, "undecided: no evidence says which document came first (the candidate sources "
                           "tie); the tree shows shared text, not a direction")
    elif confidence < 0.6:
        evidence.insert(0, f"weak evidence: the source is uncertain (confidence {confidence:.2f})")


def _story(by_index, docs, root, confidence, evidence, tree, pairs, undecided: bool = False) -> Story:
    edges = []
    for u, v in nx.dfs_edges(tree, root):
        p = pairs[(u, v)]
        al = p.alignment
        edges.append(
            Edge(by_index[u].id, by_index[v].id, al.shared_parent(), al.shared_child(),
                 derived_label(al, p.edits), revision_label(al, p.edits), al, p.edits)
        )
    source = None if undecided else by_index[root].id
    return Story(tuple(d.id for d in docs), source, confidence, tuple(_dedupe(evidence)), tuple(edges))


def _infer_story(docs: list[Document], members: list[int], pairs, settings: Settings) -> Story:
    by_index = dict(zip(members, docs))
    trees, costs = {}, {}
    for r in members:
        revs = _reversions(by_index, members, pairs, r) if len(members) >= 3 else None
        trees[r], costs[r] = _best_tree(members, pairs, r, revs)
    # the pivot is the provisional source (cheapest tree); every witness is read against it
    pivot = min(members, key=lambda r: (costs[r], members.index(r)))
    local = {m: k for k, m in enumerate(members)}
    table = variant_table(
        docs, local[pivot], {(local[pivot], local[v]): pairs[(pivot, v)].alignment for v in members if v != pivot}
    )
    agree = table.majority_agreement() if len(members) >= 3 else {}
    scores = {}
    for r in members:
        score = -math.log(costs[r])
        if agree and table.locations:
            score += _AGREE_WEIGHT * agree.get(by_index[r].id, 0.0)
        scores[r] = score
    top = max(scores.values())
    weights = {r: math.exp(4 * (s - top)) for r, s in scores.items()}
    root = max(members, key=lambda r: (scores[r], -members.index(r)))
    confidence = weights[root] / sum(weights.values())
    src = by_index[root]
    tree = trees[root]
    evidence: list[str] = []
    for _, v in sorted(tree.out_edges(root)):
        evidence.extend(pairs[(root, v)].reasons)
    if agree and table.locations:
        ranked = ", ".join(f"{d} {agree[d]:.0%}" for d in sorted(agree, key=agree.get, reverse=True))
        evidence.append(f"majority readings at {len(table.locations)} variant locations: agreement {ranked}")
    if not evidence:
        evidence.append("no directional evidence beyond the cost of the copy tree")
    evidence.append(f"copy-tree cost with {src.id} as source: {costs[root]:.1f} (next best: "
                    + (f"{sorted(costs.values())[1]:.1f})" if len(costs) > 1 else "none)"))
    runner_up = max((w for r, w in weights.items() if r != root), default=0.0) / sum(weights.values())
    undecided = confidence - runner_up < settings.undecided_margin
    _weak_or_undecided(evidence, confidence, undecided)
    return _story(by_index, docs, root, confidence, evidence, tree, pairs, undecided)


def _dedupe(items):
    seen, out = set(), []
    for x in items:
        if x not in seen:
            seen.add(x)
            out.append(x)
    return out


def story_variant_table(trace: Trace, story: Story, settings: Settings = DEFAULT_SETTINGS):
    """The variant table of ``story`` with its source (an undecided story: its tree root) as pivot (each witness aligned to the source)."""
    by_id = {d.id: d for d in trace.documents}
    root = story.tree_root
    docs = [by_id[root]] + [by_id[d] for d in story.documents if d != root]
    direct = {(e.parent, e.child): e.alignment for e in story.tree}
    alignments = {
        (0, k): direct.get((root, d.id)) or align_documents(docs[0], d, settings)
        for k, d in enumerate(docs) if k
    }
    return variant_table(docs, 0, alignments)

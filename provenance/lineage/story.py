"""Many documents: group them into stories, infer each story's source and its copy tree.

* **Grouping.** Two documents belong to one story when the reuse model gives P(derived) of at
  least ``reuse_min_p_derived`` read either way, or they share a long verbatim passage
  (:func:`~provenance.lineage.measures.reuse_gate`); documents on one event written independently
  share topic words, not derived text. Stories are the connected components; documents in none are
  ``unrelated``. Once a story's tree is drawn, an edge that the model reads as not derived in the
  direction the evidence names (P(derived) under ``story_edge_min_p_derived``), where no long
  verbatim passage links the pair, unlinks that pair and its documents are grouped again (once).
* **Costs.** For every ordered pair (u, v) in a story, ``align(u, v)`` is classified. Its *change
  cost* weighs the edits (substantive > editorial > style; furniture and headlines cost little) and
  the text v does not take from u. Its *direction score* collects evidence that u came first:
  agency datelines and credits, containment asymmetry, expansions and fixes that flow downstream,
  and dates. ``cost(u -> v) = change * exp(max(0, -direction) / 2)``.
* **Tree.** For each candidate root, a minimum-cost arborescence (Chu-Liu/Edmonds, :mod:`provenance.lineage.graphs`) with the
  root's in-edges removed; a copy that inherits a reprint's edits is cheapest under that reprint.
* **Source and confidence.** The root whose arborescence is cheapest (majority readings are not
  used: copies of a copy outnumber the source). ``confidence`` is the softmax weight of the winning
  root; below 0.6 the evidence says it is weak. A story of more than ``max_dense_story`` texts
  takes the rooting of its one arborescence with the highest posterior (copy orders that grow the
  tree from it, times each edge's direction evidence; :func:`provenance.lineage.tree.infer_story_sparse`).

Nothing depends on file names or argument order: documents are processed in a canonical order
(by a hash of their text) and ties break on that order.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from typing import Iterable, Mapping

try:  # the builtin SHA-256: hashlib would load OpenSSL (~3 ms at start-up) for one digest
    from _sha256 import sha256
except ImportError:  # pragma: no cover - a Python built without it
    from hashlib import sha256

from ..align.aligner import align_documents
from ..align.paraphrase_refine import refine_paraphrase
from ..edits.classify import classify_edits
from ..model import Alignment, Block, Document, Edge, Story, Trace, require, require_documents
from ..settings import DEFAULT_SETTINGS, Settings
from .candidates import candidate_pairs
from .evidence import PairEvidence, date_order, pair_evidence, parse_date
from .graphs import components
from .measures import reuse_decision, reuse_gate_unless_verbatim
from .reuse import ReuseDecision
from .tree import furniture_share, infer_revision_story, infer_story, infer_story_sparse, only_tail_cuts
from .versions import revision_regime
from .variants import variant_table

__all__ = ["trace_documents", "story_variant_table"]


def _digest(doc: Document) -> str:
    return doc.derived("text_sha256", lambda d: sha256(d.text.encode()).hexdigest())


def _canonical(docs: list[Document]) -> list[Document]:
    return sorted(docs, key=lambda d: (_digest(d), d.id))


def _identical_groups(docs: list[Document]) -> list[list[Document]]:
    """Documents with byte-identical texts, grouped; each group starts with its representative
    (the earliest dated, then the first in canonical order), groups in canonical order."""
    groups: dict[str, list[Document]] = {}
    for d in _canonical(docs):
        groups.setdefault(_digest(d), []).append(d)
    return [sorted(g, key=lambda d: (parse_date(d.meta.get("date")) or date.max, d.id)) for g in groups.values()]


def _identical_edge(rep: Document, copy: Document) -> Edge:
    n = len(rep.tokens)
    al = Alignment(rep, copy, (Block("equal", 0, n, 0, n),) if n else ())
    return Edge(rep.id, copy.id, 1.0, 1.0, "wholly", "verbatim", al, (), identical=True, p_derived=1.0, p_level=1.0)


def _checked_links(links, ids: set[str]) -> list[tuple[str, str]]:
    """``links`` as a list of id pairs, each id one of ``ids`` (:class:`TypeError` or
    :class:`ValueError` naming the link otherwise: an unknown id used to drop the pair silently)."""
    if isinstance(links, (str, bytes)):
        raise TypeError(f"trace_documents: links must be an iterable of (id, id) pairs, not one {type(links).__name__}")
    try:
        out = [tuple(link) for link in links]
    except TypeError:
        raise TypeError(f"trace_documents: links must be an iterable of (id, id) pairs, not {type(links).__name__}") from None
    for link in out:
        if len(link) != 2 or not all(isinstance(x, str) for x in link):
            raise TypeError(f"trace_documents: each link must be a pair of document ids, not {link!r}")
        unknown = [x for x in link if x not in ids]
        if unknown:
            raise ValueError(f"trace_documents: link {link!r} names {unknown[0]!r}, which is no document's id")
    return out


def trace_documents(
    documents: list[Document] | tuple[Document, ...],
    settings: Settings = DEFAULT_SETTINGS,
    known_boilerplate: frozenset[str] = frozenset(),
    links: Iterable[tuple[str, str]] | None = None,
    versions: bool | None = None,
    reuse_decisions: Mapping[tuple[str, str], ReuseDecision] | None = None,
) -> Trace:
    """Group ``documents`` into stories with sources, copy trees and typed edits (module docstring).

    The result does not depend on the order of ``documents`` or on their ids, except that ids name
    things (and pick which of several identical texts represents them). Identical texts are traced
    once: the others hang from their representative as ``identical`` edges (a star, no edits).
    Cost: candidate pairs of distinct texts come from a shingle index
    (:func:`provenance.lineage.candidates.candidate_pairs`), never all pairs; one alignment per candidate
    pair and direction (both directions are diffed afresh, so nothing depends on which text's hash
    sorts first), one
    classification per ordered pair within a story. ``links`` (pairs of ids, e.g. verified
    candidates from an index) replaces the candidate search. A story of more than
    ``settings.lineage.max_dense_story`` distinct texts gets its copy tree from the aligned pairs only,
    without comparing every candidate source (the evidence says so).

    ``versions``: ``True`` reads every story as versions of one text (the revision regime: the tree
    is the version chain, oldest first), ``False`` as syndication (a copy tree), ``None`` decides
    per story by :func:`provenance.lineage.versions.revision_regime`.

    ``reuse_decisions`` maps ``(parent id, child id)`` to the reuse model's decision already read on
    ``align_documents(parent, child, settings)`` with these settings' model and ``lineage.reuse_*``
    values (``provenance cluster`` passes those of its verification): a tree edge found there takes
    it instead of reading the model again (the features cost several alignments' time). A decision
    read otherwise would be reported as if it were the edge's.

    ``documents`` may be any iterable (it is read once). Raises :class:`TypeError` for an element
    that is not a :class:`Document` and :class:`ValueError` for two documents with one id.
    """
    documents = tuple(require_documents(documents, "trace_documents: documents", "trace_documents: each document"))
    require(settings, Settings, "trace_documents: settings")
    ids: set[str] = set()
    for d in documents:
        if d.id in ids:
            raise ValueError(f"trace_documents: two documents have the id {d.id!r}")
        ids.add(d.id)
    if links is not None:
        links = _checked_links(links, ids)
    if reuse_decisions is not None and not isinstance(reuse_decisions, Mapping):
        raise TypeError("trace_documents: reuse_decisions must be a mapping of (parent id, child id) to "
                        f"ReuseDecision, not {type(reuse_decisions).__name__}")
    groups = _identical_groups(list(documents))
    docs = [g[0] for g in groups]
    copies = {g[0].id: g[1:] for g in groups}
    n = len(docs)
    pairs: dict[tuple[int, int], PairEvidence] = {}
    links_found: list[tuple[int, int]] = []
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
    verbatim: set[tuple[int, int]] = set()  # pairs a long verbatim passage links, whatever the model says
    for a, b in todo:
        al = grouping[(a, b)] = align_documents(docs[a], docs[b], settings)
        overlap = max(al.shared_parent(), al.shared_child())
        for d in (*groups[a], *groups[b]):
            best_overlap[d.id] = max(best_overlap[d.id], overlap)
        gate = reuse_gate_unless_verbatim(al, settings)
        linked, back = (True, None) if gate is None else (gate.linked, gate.back)
        if gate is None or gate.verbatim:
            verbatim.add((a, b))
        if back is not None:
            grouping[(b, a)] = back
            overlap = max(back.shared_parent(), back.shared_child())
            for d in (*groups[a], *groups[b]):
                best_overlap[d.id] = max(best_overlap[d.id], overlap)
        if linked:
            links_found.append((a, b))
    stories, unrelated = [], []
    weak: set[tuple[int, int]] = set()
    index_of = {d.id: k for k, d in enumerate(docs)}
    parts = components(range(n), links_found)
    first: dict[tuple[int, ...], Story] = {}  # the first pass's stories, by members
    for again in (False, True):
        built = []
        for members in parts:
            # a component the cut left whole (its weak edge was no link) is the story already built
            story = first.get(tuple(members)) if again else None
            if story is None:
                story = _build_story(members, groups, docs, copies, pairs, grouping, links_found, settings,
                                     known_boilerplate, versions, reuse_decisions, unrelated)
            if story is None:
                continue
            cut = set() if again or links is not None else _weak_edges(story, index_of, verbatim, settings)
            if cut:
                weak |= cut
                first[tuple(members)] = story
                built.append((members, None))
            else:
                built.append((members, story))
        stories.extend(st for _, st in built if st is not None)
        redo = [m for members, st in built if st is None for m in members]
        if not redo:
            break
        # a story edge that the reuse model reads as not derived in the direction the evidence names,
        # with no long verbatim passage: the pair is unlinked and its documents grouped again (once)
        keep = [(a, b) for a, b in links_found if (min(a, b), max(a, b)) not in weak]
        member_set = set(redo)
        parts = components(sorted(member_set), [(a, b) for a, b in keep if a in member_set and b in member_set])
    order = {d.id: k for k, d in enumerate(documents)}
    stories.sort(key=lambda s: min(order[x] for x in s.documents))
    unrelated.sort(key=order.__getitem__)
    return Trace(tuple(documents), tuple(stories), tuple(unrelated), best_overlap)


def _weak_edges(story: Story, index_of: dict[str, int], verbatim: set[tuple[int, int]],
                settings: Settings) -> set[tuple[int, int]]:
    """The tree edges of ``story`` (as index pairs, smaller first) whose P(derived) in the traced
    direction is under ``lineage.story_edge_min_p_derived`` and whose documents no long verbatim
    passage links (module docstring, Grouping); none in a version history (the reuse model reads
    copies, and ``--versions`` says the documents are one text's versions)."""
    bar = settings.lineage.story_edge_min_p_derived
    out: set[tuple[int, int]] = set()
    if story.regime == "revision":
        return out  # versions of one text are one story by their shared history, not by a reuse reading
    for e in story.tree:
        if e.identical or e.p_derived is None or e.p_derived >= bar:
            continue
        a, b = index_of.get(e.parent), index_of.get(e.child)
        if a is None or b is None:
            continue  # an identical copy's edge
        pair = (min(a, b), max(a, b))
        if pair not in verbatim:
            out.add(pair)
    return out


def _build_story(members, groups, docs, copies, pairs, grouping, links_found, settings, known_boilerplate,
                 versions, reuse_decisions, unrelated) -> Story | None:
    """The story of one component ``members`` (indexes into ``docs``, representatives of identical
    texts); ``None`` for a single text of one document, which is added to ``unrelated``."""
    if len(members) == 1:
        group = groups[members[0]]
        if len(group) == 1:
            unrelated.append(group[0].id)
            return None
        story = _identical_story(group)
        if versions:
            # versions of one text that never changed: an order only the dates can give
            order = date_order(group)
            story = replace(story, regime="revision", versions=tuple(group[k].id for k in order) if order else ())
        return story
    member_set = set(members)
    dense = len(members) <= settings.lineage.max_dense_story
    edges = (
        [(u, v) for u in members for v in members if u != v] if dense
        else [e for a, b in links_found if a in member_set and b in member_set for e in ((a, b), (b, a))]
    )
    for u, v in edges:
        al = grouping.get((u, v))
        if al is None:
            # a fresh diff each way: reversed() keeps one direction's choice among equally good
            # diffs, so the tree would depend on which text's hash sorts first (issue #15)
            al = grouping[(u, v)] = align_documents(docs[u], docs[v], settings)
        if (u, v) not in pairs:
            pairs[(u, v)] = pair_evidence(docs[u], docs[v], settings, known_boilerplate, al)
    member_docs = docs_of(docs, members)

    def pair_of(u: int, v: int) -> PairEvidence:
        return pair_evidence(docs[u], docs[v], settings, known_boilerplate,
                             grouping.get((u, v)) or align_documents(docs[u], docs[v], settings))

    if versions:
        story = infer_revision_story(member_docs, members, pairs, settings, pair_of,
                                     "read as versions of one text (as asked)")
    else:
        story = (infer_story(member_docs, members, pairs, settings) if dense
                 else infer_story_sparse(member_docs, members, pairs, settings))
        if (versions is None and dense and not only_tail_cuts(story)
                and revision_regime(member_docs, furniture_share(story), settings)):
            story = infer_revision_story(
                member_docs, members, pairs, settings, pair_of,
                f"read as versions of one text: {len(members)} documents; passages added are kept by the "
                f"later versions (at least {settings.lineage.version_auto_inherited:.0%} of partly shared "
                f"passages), and few copy-tree edges change page furniture (at most "
                f"{settings.lineage.version_auto_max_furniture:.0%}); --copies reads them as copies")
    return _with_copies(_with_reuse(story, settings, known_boilerplate, reuse_decisions), copies, {d.id: d for d in docs})


def _with_reuse(story: Story, settings: Settings, known_boilerplate: frozenset[str] = frozenset(),
                known: Mapping[tuple[str, str], ReuseDecision] | None = None) -> Story:
    """``story`` with each edge's derivation level read by the reuse model: P(derived), the level
    (wholly / partially / none) and its probability, from the edge's own alignment (or taken from
    ``known``, the decisions read on that alignment already: trace_documents' ``reuse_decisions``). The edge then
    shows its rewritten sentences word-aligned (:func:`refine_paraphrase`), with edits classified on
    that view; decisions and shares stay those of the plain alignment they were calibrated on."""
    edges = []
    for e in story.tree:
        d = (known or {}).get((e.parent, e.child)) or reuse_decision(e.alignment, settings)
        e = replace(e, derived=d.level, p_derived=d.p_derived, p_level=d.p_level)
        view = refine_paraphrase(e.alignment, settings)
        if view is not e.alignment:
            e = replace(e, alignment=view, edits=classify_edits(view, known_boilerplate, settings=settings))
        edges.append(e)
    return replace(story, tree=tuple(edges))


def docs_of(docs: list[Document], members: list[int]) -> list[Document]:
    return [docs[k] for k in members]


def _identical_story(group: list[Document]) -> Story:
    """A story of one text in several files: a star from the representative, no edits. Its source
    is named only when dates say which copy came first (one copy dated before all the others)."""
    rep, rest = group[0], group[1:]
    d0 = parse_date(rep.meta.get("date"))
    earliest = d0 is not None and all((parse_date(d.meta.get("date")) or date.max) > d0 for d in rest)
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
    return Story(documents, story.source, story.confidence, tuple(evidence), tuple(edges),
                 story.regime, _versions_with_copies(story.versions, copies, by_id))


def _versions_with_copies(versions: tuple[str, ...], copies: dict[str, list[Document]],
                          by_id: dict[str, Document]) -> tuple[str, ...]:
    """A version order over representatives with every identical copy in it: in date order when
    every version, copies included, is dated and the dates tell them apart (a revert is listed at
    its date, after the versions it undid), else each copy right after its representative (a
    byte-identical revision was missing from the order)."""
    if not versions:
        return versions
    every = [x for v in versions for x in (v, *(c.id for c in copies.get(v, ())))]
    known = {d.id: d for group in copies.values() for d in group} | by_id
    order = date_order([known[x] for x in every])
    return tuple(every[k] for k in order) if order is not None else tuple(every)


def story_variant_table(trace: Trace, story: Story, settings: Settings = DEFAULT_SETTINGS):
    """The variant table of ``story`` with its source (an undecided story: its tree root) as pivot (each witness aligned to the source).

    Witnesses are in the story's reading order: a version history oldest first, a copy tree from
    its root down (each copy after its parent), so the columns read as the text's history."""
    require(trace, Trace, "story_variant_table: trace")
    require(story, Story, "story_variant_table: story")
    by_id = {d.id: d for d in trace.documents}
    root = story.tree_root
    order = list(story.versions) or [root] + [e.child for e in story.tree]
    order = list(dict.fromkeys([root] + order + list(story.documents)))
    docs = [by_id[d] for d in order]
    direct = {(e.parent, e.child): e.alignment for e in story.tree}
    alignments = {
        (0, k): direct.get((root, d.id)) or align_documents(docs[0], d, settings)
        for k, d in enumerate(docs) if k
    }
    return variant_table(docs, 0, alignments)

"""Archive clustering: every group of documents that share wire text, with sources and copy trees.

The pipeline, the same locally and on Dask:

1. **Candidates.** Pairs of documents sharing sampled shingles, from the index's inverted lists
   (:meth:`provenance.archive.index.Index.candidate_pairs`); never all pairs.
2. **Components.** Union-find over candidate pairs, in a canonical order.
3. **Verification and stories.** Each component is traced with
   :func:`provenance.lineage.story.trace_documents` over its candidate pairs: every pair is aligned and
   kept only if :func:`provenance.lineage.measures.related` holds (aligned passages, not shared phrases,
   decide), then sources and trees follow, the same machinery as ``provenance trace``.

Step 3 is a pure function of document ids and a loader, mapped with any ``map``-like
function: the builtin ``map`` locally, or a Dask client's ``map``/``gather``. Results are sorted,
so the distributed run gives exactly the local run's output.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from functools import partial
from typing import Callable, Iterable, Iterator, Mapping

from ..model import Document, Story
from ..settings import DEFAULT_SETTINGS, Settings
from ..lineage.graphs import components
from ..lineage.story import trace_documents
from .mapper import cyclic_gc_paused

__all__ = ["IndexLoader", "ClusterRecord", "connected_clusters", "trace_cluster", "cluster_stories", "cluster_records",
           "sparse_links"]

Loader = Callable[[str], Document]


@dataclass(frozen=True)
class IndexLoader:
    """A picklable loader of documents from an index file (each process opens its own connection).

    On a Dask cluster, the index path must be readable by every worker (a shared filesystem).
    """

    path: str

    def __call__(self, doc_id: str) -> Document:
        return _open_index(self.path).get_document(doc_id)


_OPEN: dict[str, object] = {}


def _open_index(path: str):
    # one read connection per process and path; worker processes reuse it across tasks
    if path not in _OPEN:
        from .index import Index

        _OPEN[path] = Index.open(path, readonly=True)
    return _OPEN[path]


def connected_clusters(pairs: Iterable[tuple[str, str]]) -> list[tuple[str, ...]]:
    """Connected components of the pair graph, each sorted, the list sorted (the one union-find,
    :func:`provenance.lineage.graphs.components`)."""
    pairs = list(pairs)
    nodes = sorted({x for pair in pairs for x in pair})
    return sorted(tuple(g) for g in components(nodes, pairs) if len(g) > 1)


def _strongest_links(links, shared, per_document: int) -> tuple[tuple[str, str], ...]:
    """Each document's ``per_document`` strongest candidate links (by shared shingles, then ids).

    Recurring notices make dense candidate graphs; a copy's parent is among its closest texts, so
    aligning only those keeps large components linear in their size.
    """
    by_doc: dict[str, list[tuple[int, tuple[str, str]]]] = {}
    for pair in links:
        for doc in pair:
            by_doc.setdefault(doc, []).append((-shared[pair], pair))
    keep = set()
    for doc, ranked in by_doc.items():
        keep.update(pair for _, pair in sorted(ranked)[:per_document])
    return tuple(sorted(keep))


def _representative_links(docs: list[Document], links, shared, per_document: int) -> tuple[tuple[str, str], ...]:
    """The links to align in a large component: identical texts are one node.

    Documents with the same text are linked to one representative (the smallest id) only, at the
    cost of one trivial alignment each; links between different texts are moved onto their
    representatives and each representative keeps its ``per_document`` strongest. A story
    reprinted word for word 500 times then costs 500 alignments, not 500 x ``per_document``.
    """
    rep_of_text: dict[str, str] = {}
    rep: dict[str, str] = {}
    for d in sorted(docs, key=lambda d: d.id):
        rep[d.id] = rep_of_text.setdefault(d.text, d.id)
    duplicate_links = {(rep[i], i) for i in rep if rep[i] != i}
    moved: dict[tuple[str, str], int] = {}
    for a, b in links:
        ra, rb = rep[a], rep[b]
        if ra != rb:
            key = (min(ra, rb), max(ra, rb))
            moved[key] = max(moved.get(key, 0), shared[(a, b)])
    return tuple(sorted(duplicate_links | set(_strongest_links(sorted(moved), moved, per_document))))


def trace_cluster(
    cluster: tuple[tuple[str, ...], tuple[tuple[str, str], ...], dict | None],
    load: Loader,
    settings: Settings = DEFAULT_SETTINGS,
) -> list[Story]:
    """The stories of one component ``(ids, candidate pairs, shared counts)``, grouped by aligning
    those pairs (in a component larger than ``settings.lineage.max_dense_story``: a linear subset of
    them, chosen by the shared counts; with ``None`` for the counts, the pairs as given)."""
    return list(_trace_component(cluster, load, settings).stories)


def sparse_links(scores: dict[tuple[str, str], float], hub: str, rank: dict[str, int],
                 per_document: int) -> tuple[tuple[str, str], ...]:
    """The links to trace a large verified cluster over: each member's link to the cluster's
    ``hub`` (its likeliest source) where verified, and each member's ``per_document`` strongest
    links (by score, then the partner's ``rank``, earliest first, then id): a copy's parent is
    among its closest texts, and on a tie the earlier one. Sorted pairs, each as given."""
    big = len(rank)
    by_doc: dict[str, list[tuple[float, int, str, tuple[str, str]]]] = {}
    keep = set()
    for pair, score in scores.items():
        a, b = pair
        if hub in pair:
            keep.add(pair)
        by_doc.setdefault(a, []).append((-score, rank.get(b, big), b, pair))
        by_doc.setdefault(b, []).append((-score, rank.get(a, big), a, pair))
    for ranked in by_doc.values():
        keep.update(pair for *_, pair in sorted(ranked)[:per_document])
    return tuple(sorted(keep))


def _known_decisions(cluster) -> Mapping | None:
    """The reuse decisions a work item ``(ids, links, shared counts or None[, reuse decisions])``
    carries (``reuse_cluster_records`` adds them; ``trace_cluster``'s items have three parts)."""
    return cluster[3] if len(cluster) > 3 else None


def _trace_component(cluster, load: Loader, settings: Settings):
    """The trace of one work item (:func:`_known_decisions`)."""
    ids, links, shared = cluster[:3]
    docs = [load(i) for i in ids]
    if len(ids) > settings.lineage.max_dense_story and shared is not None:
        links = _representative_links(docs, links, shared, settings.archive.max_links_per_document)
    return trace_documents(docs, settings, links=links, reuse_decisions=_known_decisions(cluster))


@dataclass(frozen=True)
class ClusterRecord:
    """What a clustering run keeps of one story: its JSON entry and, per reprint, the reprint's outlet
    and whether it dropped the agency credit. Small, so an archive's worth streams through memory."""

    story: dict
    reprints: tuple[tuple[str, bool], ...]


def record_of(story: Story, load: Loader) -> ClusterRecord:
    """The :class:`ClusterRecord` of ``story``; ``load(id)`` gives a member document (for its outlet
    and text). A reprint drops the credit as ``provenance check`` of it against the story's source
    defines it (:func:`provenance.check.credit_dropped`): an edited credit that survives elsewhere
    in the reprint, or under another name, is not a drop."""
    from ..check.fidelity import credit_dropped

    source = load(story.tree_root)  # the undecided root of identical copies too
    reprints = []
    for e in story.tree:
        child = load(e.child)
        reprints.append((child.meta.get("outlet") or e.child, credit_dropped(source, child)))
    return ClusterRecord(story.to_json(), tuple(reprints))


@cyclic_gc_paused()
def _trace_records(cluster, load: Loader, settings: Settings) -> list[ClusterRecord]:
    trace = _trace_component(cluster, load, settings)
    by_id = {d.id: d for d in trace.documents}  # loaded once: re-reading means re-tokenizing
    return [record_of(s, by_id.__getitem__) for s in trace.stories]


@cyclic_gc_paused()
def _trace_verified_records(cluster, load: Loader, settings: Settings, min_p: float) -> list[ClusterRecord]:
    """:func:`_trace_records` of a cluster of verified links, split where the trace reads a tree edge
    as not derived: verification takes the larger P(derived) of both readings (either text may be
    the original), then the trace names the direction from its own evidence and reads P(derived)
    that way. An edge below ``min_p`` there joins a pair derived only in the direction the evidence
    rejects: the story is cut at such edges and each part of two or more documents traced again on
    its own (once). On the COUNTER dev pairs, 17 of the 29 tree edges between same-event stories
    written independently were such edges, and 2 of the 100 between an agency story and its
    partially derived newspaper story."""
    links = cluster[1]
    trace = _trace_component(cluster, load, settings)
    by_id = {d.id: d for d in trace.documents}  # loaded once: re-reading means re-tokenizing
    stories = []
    for story in trace.stories:
        weak = {(e.parent, e.child) for e in story.tree
                if not e.identical and e.p_derived is not None and e.p_derived < min_p}
        if not weak:
            stories.append(story)
            continue
        strong = [(e.parent, e.child) for e in story.tree if (e.parent, e.child) not in weak]
        for group in components(list(story.documents), strong):
            if len(group) < 2:
                continue
            members = set(group)
            # the strong tree edges connect the part; its verified links may not (a dense story's
            # tree may join members no link joined)
            part_links = tuple(sorted({*strong, *links} & {(a, b) for a in members for b in members}))
            part = trace_documents([by_id[d] for d in sorted(members)], settings, links=part_links,
                                   reuse_decisions=_known_decisions(cluster))
            stories.extend(part.stories)
    return [record_of(s, by_id.__getitem__) for s in stories]


def cluster_records(
    candidate_pairs: Iterable[tuple[str, str, int]],
    load: Loader,
    settings: Settings = DEFAULT_SETTINGS,
    mapper: Callable = map,
    progress: Callable[[str, int, int], None] | None = None,
) -> Iterator[ClusterRecord]:
    """:func:`cluster_stories` reduced, in the worker, to :class:`ClusterRecord`: for archive runs,
    where keeping every story's alignments would hold every text in memory."""
    yield from _run(candidate_pairs, load, settings, mapper, progress, _trace_records)


def cluster_stories(
    candidate_pairs: Iterable[tuple[str, str, int]],
    load: Loader,
    settings: Settings = DEFAULT_SETTINGS,
    mapper: Callable = map,
    progress: Callable[[str, int, int], None] | None = None,
) -> Iterator[Story]:
    """Stories for every cluster of documents sharing wire text (module docstring), in a stable order.

    Candidate pairs are joined into components; each component is traced over its candidate pairs,
    and tracing aligns every pair before it groups it, so nothing unverified is reported.
    ``mapper(func, items)`` must return results in the order of ``items``; ``progress(stage, done,
    total)`` is called as work completes.
    """
    yield from _run(candidate_pairs, load, settings, mapper, progress, trace_cluster)


def _run(candidate_pairs, load, settings, mapper, progress, per_cluster):
    shared = {}
    for a, b, n in candidate_pairs:
        if a != b:
            key = (min(a, b), max(a, b))
            shared[key] = max(n, shared.get(key, 0))
    clusters = connected_clusters(sorted(shared))
    member_of = {doc: k for k, ids in enumerate(clusters) for doc in ids}
    links: list[list[tuple[str, str]]] = [[] for _ in clusters]
    for a, b in sorted(shared):
        links[member_of[a]].append((a, b))
    # a large component also takes its links' shared counts, to pick the strongest in the worker
    work = [
        (ids, tuple(ls), None if len(ids) <= settings.lineage.max_dense_story else {p: shared[p] for p in ls})
        for ids, ls in zip(clusters, links)
    ]
    for n, stories in enumerate(mapper(partial(per_cluster, load=load, settings=settings), work), 1):
        if progress:
            progress("clusters", n, len(work))
        yield from stories


# ----------------------------------------------------------------------------- reuse clusters
#
# The archive pipeline of issue #16: character-shingle candidates (df-aware postings, stored
# only for hashes held twice), a containment pre-filter (and the same-outlet rule), verification
# by the reuse model, hub grouping, then one trace per cluster for sources and trees: over every
# ordered pair of a small cluster, over a sparse set of verified links (sparse_links) of a larger one.


def char_sample_for(sizes: Iterable[int], settings: Settings = DEFAULT_SETTINGS) -> int:
    """The archive's char-hash sample: keep one winnowed hash in ``s``, where ``s`` is the median
    fingerprint size over ``settings.archive.char_target_hashes`` (at least 1). Short passages keep
    every hash; long articles a sample that still holds hundreds of hashes each."""
    ordered_sizes = sorted(sizes)
    if not ordered_sizes:
        return 1
    median = ordered_sizes[len(ordered_sizes) // 2]
    return max(1, median // max(1, settings.archive.char_target_hashes))


def sampled(hashes: Iterable[int], sample: int) -> tuple[int, ...]:
    """The hashes kept at ``sample`` (``h % sample == 0``; all of them at 1)."""
    return tuple(hashes) if sample <= 1 else tuple(h for h in hashes if not h % sample)


@dataclass(frozen=True)
class ReuseCandidates:
    """What verification needs: the candidate pairs that passed the containment pre-filter (earlier
    document first), with their shared and frequent hash counts and their score (see
    :func:`reuse_candidates`); the document order (earliest first); the sample chosen; and how many
    candidates reached the pre-filter's other tests (those sharing ``char_min_shared`` hashes and
    ``verify_min_containment`` of the smaller fingerprint)."""

    pairs: tuple[tuple[str, str, int, int, float], ...]
    order: tuple[str, ...]
    sample: int
    candidates: int
    #: pairs proposed by rare content words (:mod:`provenance.archive.paraphrase`), before verification
    paraphrase: tuple[tuple[str, str], ...] = ()
    #: (a, b) -> the reuse model's decision on a as the parent of b, for the pairs verification read
    #: with the model (:attr:`provenance.archive.verify.Verdict.forward`); the trace reuses them
    decisions: Mapping = field(default_factory=dict, compare=False, repr=False)


def reuse_candidates(fingerprints: Iterable[tuple[str, Iterable[int]]],
                     settings: Settings = DEFAULT_SETTINGS, sample: int | None = None,
                     outlets: Mapping[str, str] | None = None) -> ReuseCandidates:
    """Candidates of ``(id, char hashes)`` given earliest first (see :class:`ReuseCandidates`).

    A pair's score is its *exclusive share*: hashes only these two documents hold (at most
    ``rare_max_df`` documents hold, :class:`provenance.archive.charshingles.CharCandidate` ``rare``), over the smaller
    fingerprint, since text shared with third documents (background paragraphs repeated by follow-up
    stories, furniture) does not tell which neighbour a document was made from; unless the pair
    shares a good part of the text (containment >= ``verify_story_containment``): the copies of a
    story reprinted several times share their text with each other, so none of it is exclusive,
    and such pairs are scored by containment (the larger of the two). A pair is kept for verification
    when its containment is at least ``verify_min_containment`` and its score at least
    ``verify_min_exclusive`` (a same-event story shares a few names and numbers, often with other
    stories of the event too).

    ``outlets`` (id -> outlet name; documents without one are left out) adds one rule: two
    documents of one outlet are kept only when they share at least ``same_outlet_min_containment``
    of the smaller fingerprint. An outlet does not syndicate from itself: what its follow-up
    stories share with its earlier ones is its own background paragraphs (a running story's
    recap), not a reprint; a re-issue or correction of one story shares most of its text.
    """
    stream = _CandidateStream(fingerprints, settings, sample, outlets)
    return stream.result(list(stream))


class _CandidateStream:
    """The kept candidates of :func:`reuse_candidates`, yielded as the candidate pairs are counted,
    so that a caller can verify the first ones while later ones are still being found
    (:func:`reuse_clusters`); :meth:`result` then gives the :class:`ReuseCandidates`. Iterate once."""

    def __init__(self, fingerprints, settings: Settings, sample: int | None, outlets):
        if sample is None:  # choose it here (the fingerprints are then held in full once)
            items = [(doc_id, tuple(h)) for doc_id, h in fingerprints]
            sample = char_sample_for((len(h) for _, h in items), settings)
            self.fps = [(doc_id, sampled(h, sample)) for doc_id, h in items]
        else:  # already sampled by the caller (e.g. Index.char_fingerprints(sample))
            self.fps = [(doc_id, h) for doc_id, h in fingerprints]  # as given: arrays stay compact
        self.size = {doc_id: len(h) for doc_id, h in self.fps}
        self.settings, self.sample, self.outlets = settings, sample, outlets
        self.candidates = 0

    def __iter__(self) -> Iterator[tuple[str, str, int, int, float]]:
        from .charshingles import iter_candidate_pairs
        from .verify import containment

        a_s, size, outlets = self.settings.archive, self.size, self.outlets
        min_shared = max(2, -(-a_s.char_min_shared // self.sample))
        # Streamed: the pre-filter keeps few of the candidates, so they are never all held. Its
        # containment floor goes into the counting (the same test, before any candidate is made),
        # so ``candidates`` counts the pairs past it; the test below is kept, as the definition.
        for c in iter_candidate_pairs(self.fps, self.settings, min_shared=min_shared,
                                      min_containment=a_s.verify_min_containment):
            self.candidates += 1
            share = containment(c.shared, size[c.a], size[c.b])
            exclusive = containment(c.rare, size[c.a], size[c.b])
            score = max(exclusive, share if share >= a_s.verify_story_containment else 0.0)
            if outlets is not None and share < a_s.same_outlet_min_containment:
                outlet = outlets.get(c.a)
                if outlet and outlet == outlets.get(c.b):
                    continue
            if share >= a_s.verify_min_containment and score >= a_s.verify_min_exclusive:
                yield (c.a, c.b, c.shared, c.frequent, score)

    def result(self, kept: list) -> ReuseCandidates:
        return ReuseCandidates(tuple(kept), tuple(d for d, _ in self.fps), self.sample, self.candidates)


class _CachedLoader:
    """A loader that keeps the last documents it loaded (a document is in many candidate pairs)."""

    def __init__(self, load: Loader, size: int = 256):
        from collections import OrderedDict

        self.load, self.size, self.cache = load, size, OrderedDict()

    def __call__(self, doc_id: str) -> Document:
        doc = self.cache.get(doc_id)
        if doc is None:
            doc = self.cache[doc_id] = self.load(doc_id)
            if len(self.cache) > self.size:
                self.cache.popitem(last=False)
        else:
            self.cache.move_to_end(doc_id)
        return doc


@cyclic_gc_paused()
def verify_chunk(pairs: tuple[tuple[str, str], ...], load: Loader,
                 settings: Settings = DEFAULT_SETTINGS) -> list[tuple[float, str, object]]:
    """``(P(derived), level, forward decision)`` of each pair, by
    :func:`provenance.archive.verify.verify_pair` (``Verdict.forward``: the first document read as
    the parent of the second)."""
    from .verify import verify_pair

    cached = _CachedLoader(load)
    out = []
    for a, b in pairs:
        v = verify_pair(cached(a), cached(b), settings)
        out.append((v.p_derived, v.level, v.forward))
    return out


def reuse_clusters(
    fingerprints: Iterable[tuple[str, Iterable[int]]],
    load: Loader,
    settings: Settings = DEFAULT_SETTINGS,
    mapper: Callable = map,
    progress: Callable[[str, int, int], None] | None = None,
    chunk: int = 64,
    sample: int | None = None,
    outlets: Mapping[str, str] | None = None,
):
    """Hub clusters of verified reuse: ``(HubCluster list, verified ScoredPair list, ReuseCandidates)``.

    ``fingerprints`` are ``(id, char hashes)`` earliest first. Verification is mapped over chunks of
    ``chunk`` pairs (in the order given, so a worker's loader cache serves neighbouring pairs) with
    ``mapper``, which must keep the order of its items: the result does not depend on it.
    ``sample``: the fingerprints are already sampled at this rate (else it is chosen here).
    ``outlets``: id -> outlet, for the same-outlet rule of :func:`reuse_candidates`.
    """
    from .hubs import ScoredPair, hub_clusters
    from .verify import containment

    # Verification starts while candidates are still being counted: the chunks are made as the
    # pre-filter keeps pairs and handed to ``mapper`` lazily (a process pool submits each as it
    # comes), so the single-threaded counting and the workers' verification overlap.
    stream = _CandidateStream(fingerprints, settings, sample, outlets)
    kept: list = []
    work: list[tuple[tuple[str, str], ...]] = []
    # a pair sharing most of its text is a copy: the model's answer is known (module docstring of
    # settings: P(derived) >= 0.9999 for every such COUNTER tune pair), so only the others are read
    copy = settings.archive.verify_copy_containment

    def chunks() -> Iterator[tuple[tuple[str, str], ...]]:
        pending: list[tuple[str, str]] = []
        for item in stream:
            kept.append(item)
            a, b, shared = item[0], item[1], item[2]
            if containment(shared, stream.size[a], stream.size[b]) < copy:
                pending.append((a, b))
                if len(pending) == chunk:
                    work.append(tuple(pending))
                    yield work[-1]
                    pending = []
        if pending:
            work.append(tuple(pending))
            yield work[-1]

    p_of: dict[tuple[str, str], float] = {}
    decisions: dict = {}
    n = 0
    for n, part in enumerate(mapper(partial(verify_chunk, load=load, settings=settings), chunks()), 1):
        for pair, (p, _, forward) in zip(work[n - 1], part):
            p_of[pair] = p
            if forward is not None and p >= settings.archive.verify_min_p_derived:
                decisions[pair] = forward
        if progress:  # the number of chunks is known only once the candidates are all counted
            progress("verified chunks", n, None)
    if progress and n:
        progress("verified chunks", n, n)
    cands = stream.result(kept)
    verified = [
        ScoredPair(a, b, score, frequent / shared if shared else 0.0)
        for a, b, shared, frequent, score in cands.pairs
        if p_of.get((a, b), 1.0) >= settings.archive.verify_min_p_derived
    ]
    if 1 < len(cands.order) <= settings.archive.paraphrase_max_documents:
        # documents the character shingles already linked have their source: only the others propose
        linked = {d for p in verified for d in (p.a, p.b)}
        found, proposed = _paraphrase_pairs(stream, cands, load, settings, mapper, progress, outlets, chunk,
                                            [d for d in cands.order if d not in linked], decisions)
        verified += found
        cands = replace(cands, paraphrase=proposed)
    return hub_clusters(verified, cands.order, settings), verified, replace(cands, decisions=decisions)


def content_chunk(ids: tuple[str, ...], load: Loader) -> list[tuple[str, tuple[str, ...]]]:
    """``(id, content words)`` of each document (:func:`provenance.lineage.reuse.content_words`)."""
    from ..lineage.reuse import content_words

    return [(d, tuple(sorted(content_words(load(d))))) for d in ids]


def _paraphrase_pairs(stream, cands: ReuseCandidates, load: Loader, settings: Settings, mapper, progress,
                      outlets, chunk: int, only, decisions: dict) -> tuple[list, tuple[tuple[str, str], ...]]:
    """The verified pairs of :func:`provenance.archive.paraphrase.nearest_by_content` proposed by the
    documents in ``only`` (rewritten reuse the character shingles miss; small archives only, see
    ``settings.archive``), and the pairs proposed. Each is verified as the character candidates
    are, kept at ``paraphrase_min_p_derived``, and scored by its character containment, so that a
    document's hub stays the neighbour it shares most text with; ``decisions`` gains each kept
    pair's forward decision."""
    from .hubs import ScoredPair
    from .paraphrase import nearest_by_content
    from .verify import containment

    ids = cands.order
    words: dict[str, tuple[str, ...]] = {}
    parts = [ids[k : k + chunk] for k in range(0, len(ids), chunk)]
    for part in mapper(partial(content_chunk, load=load), parts):
        words.update(part)
    known = [(a, b) for a, b, *_ in cands.pairs]
    proposed = tuple(nearest_by_content(words, settings.archive.paraphrase_max_df, outlets, known, only,
                                        settings.archive.paraphrase_min_margin))
    work = [proposed[k : k + chunk] for k in range(0, len(proposed), chunk)]
    found = []
    fps = dict(stream.fps)
    for n, (part, verdicts) in enumerate(zip(work, mapper(partial(verify_chunk, load=load, settings=settings), work)), 1):
        if progress:
            progress("paraphrase chunks", n, len(work))
        for (a, b), (p, _, forward) in zip(part, verdicts):
            if p >= settings.archive.paraphrase_min_p_derived:
                if forward is not None:
                    decisions[(a, b)] = forward
                fa, fb = set(fps[a]), set(fps[b])
                found.append(ScoredPair(a, b, containment(len(fa & fb), len(fa), len(fb)), 0.0))
    return found, proposed


def reuse_cluster_records(
    fingerprints: Iterable[tuple[str, Iterable[int]]],
    load: Loader,
    settings: Settings = DEFAULT_SETTINGS,
    mapper: Callable = map,
    progress: Callable[[str, int, int], None] | None = None,
    sample: int | None = None,
    outlets: Mapping[str, str] | None = None,
) -> Iterator[ClusterRecord]:
    """:func:`reuse_clusters`, each cluster then traced over its verified links (sources, trees and
    figures as ``provenance trace`` gives them), as :class:`ClusterRecord`, in a stable order."""
    clusters, verified, cands = reuse_clusters(fingerprints, load, settings, mapper, progress, sample=sample,
                                               outlets=outlets)
    member_of = {d: k for k, c in enumerate(clusters) for d in c.members}
    links: list[dict[tuple[str, str], float]] = [{} for _ in clusters]
    for p in verified:
        k = member_of.get(p.a)
        if k is not None and member_of.get(p.b) == k:
            links[k][(p.a, p.b)] = p.score
    # a cluster of more than `trace_dense_members` is traced over a sparse set of its verified
    # links (one arborescence over those pairs), not every ordered pair of members
    dense = min(settings.lineage.max_dense_story, settings.archive.trace_dense_members)
    rank = {d: k for k, d in enumerate(cands.order)}
    # the model's decisions that verification read on a cluster's links (a as the parent of b, on
    # the alignment trace makes for that edge): the trace takes them instead of reading the model again
    known = cands.decisions
    work = [
        (c.members, tuple(sorted(ls)) if len(c.members) <= dense
         else sparse_links(ls, c.hub, rank, settings.archive.max_links_per_document), None,
         {pair: known[pair] for pair in ls if pair in known})
        for c, ls in zip(clusters, links)
    ]
    # the links are verified by the reuse model already: trace's own aligned-share gate, made for
    # unverified candidates, would split partially derived reprints off their clusters again, so
    # any aligned run links a verified pair (trace still finds sources, trees and edits)
    # (``settings.archive.cluster_min_shared``, ``cluster --min-share``, asks for an aligned share again)
    floor = settings.archive.cluster_min_shared
    traced = (settings.with_options(related_min_shared=0.0, related_min_passage=1, related_min_run_total=1)
              if floor is None else settings.with_options(related_min_shared=floor, reuse_min_aligned=floor))
    traced = traced.with_options(max_dense_story=dense)
    trace = partial(_trace_verified_records, load=load, settings=traced, min_p=settings.archive.verify_min_p_derived)
    for n, records in enumerate(mapper(trace, work), 1):
        if progress:
            progress("clusters", n, len(work))
        yield from records

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

from dataclasses import dataclass
from functools import partial
from typing import Callable, Iterable, Iterator

from ..model import Document, Story
from ..settings import DEFAULT_SETTINGS, Settings
from ..lineage.story import trace_documents

__all__ = ["IndexLoader", "ClusterRecord", "connected_clusters", "trace_cluster", "cluster_stories", "cluster_records"]

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
    """Connected components of the pair graph (union-find), each sorted, the list sorted."""
    parent: dict[str, str] = {}

    def find(x: str) -> str:
        parent.setdefault(x, x)
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    for a, b in pairs:
        ra, rb = find(a), find(b)
        if ra != rb:
            parent[max(ra, rb)] = min(ra, rb)
    groups: dict[str, list[str]] = {}
    for x in parent:
        groups.setdefault(find(x), []).append(x)
    return sorted(tuple(sorted(g)) for g in groups.values() if len(g) > 1)


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
    those pairs (in a component larger than ``settings.lineage.max_dense_story``: a linear subset of them)."""
    return list(_trace_component(cluster, load, settings).stories)


def _trace_component(cluster, load: Loader, settings: Settings):
    ids, links, shared = cluster
    docs = [load(i) for i in ids]
    if len(ids) > settings.lineage.max_dense_story:
        links = _representative_links(docs, links, shared, settings.archive.max_links_per_document)
    return trace_documents(docs, settings, links=links)


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


def _trace_records(cluster, load: Loader, settings: Settings) -> list[ClusterRecord]:
    trace = _trace_component(cluster, load, settings)
    by_id = {d.id: d for d in trace.documents}  # loaded once: re-reading means re-tokenizing
    return [record_of(s, by_id.__getitem__) for s in trace.stories]


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

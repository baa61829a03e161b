"""``index query``: who reprinted an article? The indexed documents sharing wire text with it.

Candidates come from the index's shingle postings; each is aligned with the query and kept when it
passes the same reuse gate as ``trace`` (:func:`~provenance.lineage.measures.reuse_gate`: the reuse model read both ways, or a verbatim passage).
"""

from __future__ import annotations

from dataclasses import dataclass

from ..align.aligner import align_documents
from ..lineage.measures import reuse_decision, reuse_gate_unless_verbatim
from ..model import Document
from ..settings import DEFAULT_SETTINGS, Settings

__all__ = ["QueryHit", "query_index"]


@dataclass(frozen=True)
class QueryHit:
    """One indexed document that shares wire text with the query.

    ``shared_query``: share of the query's tokens aligned with the document; ``shared_document``:
    share of the document's tokens aligned from the query (both 0..1, rounded to 4 places), the
    query read as the parent. ``derived``: METER's derivation of the document from the query
    (``wholly``, ``partially``, ``none``).
    """

    id: str
    outlet: str | None
    date: str | None
    shared_query: float
    shared_document: float
    derived: str

    def to_json(self) -> dict:
        return {"id": self.id, "outlet": self.outlet, "date": self.date, "shared_query": self.shared_query,
                "shared_document": self.shared_document, "derived": self.derived}


def query_index(index, document: Document, limit: int = 20, settings: Settings = DEFAULT_SETTINGS) -> tuple[QueryHit, ...]:
    """The indexed documents (``document`` itself aside: the indexed document with its id and its
    text) that share wire text with ``document``, most of the query first (then by id), at most
    ``limit``. One alignment per index candidate. An indexed document with the query's id and
    another text (the article as it was indexed, a newer copy being the query) is a hit like any
    other: ids are names, and a file name is reused."""
    hits = []
    archive = settings.archive
    for cand in index.candidates_for(document, posting_cap=archive.index_posting_cap,
                                     common_min_share=archive.index_common_min_share):
        other = index.get_document(cand.doc_id)
        al = align_documents(document, other, settings)
        gate = reuse_gate_unless_verbatim(al, settings)
        if gate is not None and not gate.linked:
            continue
        hits.append(QueryHit(other.id, other.meta.get("outlet"), other.meta.get("date"),
                             round(al.shared_parent(), 4), round(al.shared_child(), 4),
                             reuse_decision(al, settings).level))
    hits.sort(key=lambda h: (-h.shared_query, h.id))
    return tuple(hits[:max(0, limit)])

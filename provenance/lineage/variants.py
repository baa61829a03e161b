"""Multi-witness alignment: a variant table over one pivot document.

Each document (witness) is aligned to the pivot; every pivot token range that some witness changes
becomes a *variant location*, and each witness's reading there is recorded (``""`` for an omission).
Overlapping changes from different witnesses merge into one location, so at every location all
witnesses are comparable, as in CollateX's alignment table (one column per location).

Only word-level variants count (readings of at most ``max_reading_tokens`` tokens): inserted page
furniture or a cut tail is not a reading of the text. Moved and duplicated passages are not
variants of their location either.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping
from dataclasses import dataclass

from ..model import Alignment, Document, require_documents

__all__ = ["VariantLocation", "VariantTable", "variant_table"]


@dataclass(frozen=True)
class VariantLocation:
    """Pivot tokens ``[start, end)`` (``start == end``: an insertion point) and each witness's reading."""

    start: int
    end: int
    readings: tuple[tuple[str, str], ...]  # (document id, surface reading), pivot first

    def reading(self, doc_id: str) -> str:
        return dict(self.readings)[doc_id]


@dataclass(frozen=True)
class VariantTable:
    """Variant locations over ``pivot``; ``documents`` lists witness ids, pivot first.
    ``passages_left_out`` counts, per witness that has any, its changes longer than a reading (a cut
    tail, a paragraph added or dropped), which no location shows."""

    pivot: str
    documents: tuple[str, ...]
    locations: tuple[VariantLocation, ...]
    passages_left_out: tuple[tuple[str, int], ...] = ()

    def majority_agreement(self) -> dict[str, float]:
        """Per document, the share of locations (with a strict majority) where it has the majority reading."""
        hits = Counter()
        counted = 0
        for loc in self.locations:
            norm = {d: " ".join(r.casefold().split()) for d, r in loc.readings}
            top = Counter(norm.values()).most_common(2)
            if len(top) > 1 and top[0][1] == top[1][1]:
                continue  # no majority here
            counted += 1
            for d, r in norm.items():
                hits[d] += r == top[0][0]
        return {d: (hits[d] / counted if counted else 0.0) for d in self.documents}


def variant_table(
    documents: list[Document], pivot_index: int, alignments: dict[tuple[int, int], Alignment],
    max_reading_tokens: int = 20,
) -> VariantTable:
    """Build the table from ``alignments[(pivot_index, k)]`` (pivot -> witness k) for each witness.
    Raises :class:`TypeError` or :class:`ValueError` naming the argument for documents that are not
    a list of :class:`~provenance.model.Document`, a pivot outside it, or a missing alignment."""
    documents = require_documents(documents, "variant_table: documents", "variant_table: each document")
    if not isinstance(alignments, Mapping):
        raise TypeError(f"variant_table: alignments must be a mapping of (pivot, k) to Alignment, "
                        f"not {type(alignments).__name__}")
    if not isinstance(pivot_index, int) or not 0 <= pivot_index < len(documents):
        raise ValueError(f"variant_table: pivot_index must be an index into the {len(documents)} documents, "
                         f"not {pivot_index!r}")
    missing = [k for k in range(len(documents)) if k != pivot_index and (pivot_index, k) not in alignments]
    if missing:
        raise ValueError(f"variant_table: alignments lacks the pivot's alignment to document {missing[0]}")
    pivot = documents[pivot_index]
    witnesses = [k for k in range(len(documents)) if k != pivot_index]
    per_witness: dict[int, tuple[dict[int, tuple[int, int]], dict[int, list[tuple[int, int]]]]] = {}
    intervals: list[tuple[int, int]] = []
    left_out: Counter = Counter()
    for k in witnesses:
        al = alignments[(pivot_index, k)]
        token_map: dict[int, tuple[int, int]] = {}
        inserts: dict[int, list[tuple[int, int]]] = {}
        for b in al.blocks:
            if b.move:
                continue
            if b.tag == "equal":
                for off in range(b.i2 - b.i1):
                    token_map[b.i1 + off] = (b.j1 + off, b.j1 + off + 1)
                continue
            if max(b.i2 - b.i1, b.j2 - b.j1) > max_reading_tokens:
                left_out[documents[k].id] += 1
                continue
            if b.tag == "insert":
                inserts.setdefault(b.i1, []).append((b.j1, b.j2))
            else:
                token_map[b.i1] = (b.j1, b.j2)
                for i in range(b.i1 + 1, b.i2):
                    token_map[i] = (b.j1, b.j1) if b.tag == "replace" else (b.j1, b.j1)
                if b.tag == "delete":
                    for i in range(b.i1, b.i2):
                        token_map[i] = (b.j1, b.j1)
            intervals.append((b.i1, b.i2))
        per_witness[k] = (token_map, inserts)
    merged: list[list[int]] = []
    for s, e in sorted(intervals):
        # changes one token apart are one variant (`",` -> `,"` is a delete, a kept comma, an insert)
        if merged and s <= merged[-1][1] + 1:
            merged[-1][1] = max(merged[-1][1], e)
        else:
            merged.append([s, e])
    locations = []
    for s, e in merged:
        readings = [(pivot.id, pivot.token_text(s, e))]
        for k in witnesses:
            token_map, inserts = per_witness[k]
            doc = documents[k]
            spans = []
            for i in range(s, e + 1):  # inserts at ``e`` sit just before the next token: still here
                spans.extend(inserts.get(i, []))
                if i < e and i in token_map:
                    spans.append(token_map[i])
            spans = [sp for sp in spans if sp[0] < sp[1]]
            text = doc.token_text(min(a for a, _ in spans), max(b for _, b in spans)) if spans else ""
            readings.append((doc.id, text))
        if len({" ".join(r.casefold().split()) for _, r in readings}) > 1:
            locations.append(VariantLocation(s, e, tuple(readings)))
    ids = tuple(d.id for d in [pivot] + [documents[k] for k in witnesses])
    return VariantTable(pivot.id, ids, tuple(locations), tuple((d, left_out[d]) for d in ids if left_out[d]))

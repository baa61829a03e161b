"""Candidate pairs for tracing many documents in memory: an inverted index of word shingles.

``provenance trace`` must not align every pair of its inputs (n documents cost n(n-1)/2 word
diffs). As ``cluster`` does with an index, a pair is aligned only when the two documents share
shingles: here every word k-gram (:func:`provenance.fingerprint.fingerprint` with ``sample=1``),
since a handful of documents in memory can afford all of them, and short documents keep their
chance of being paired.

Guarantees: the result depends only on the documents' texts and their positions in the list given
(callers pass a canonical order); a pair sharing at least ``trace_candidate_min_shared`` distinct
k-grams (or every distinct k-gram of one of them, for very short or repetitive texts) is a candidate.
A k-gram's posting list keeps its first ``trace_posting_cap`` documents (in the order given); a later
document holding it is paired with the first ``trace_overflow_links`` of them instead, so that one
shingle contributes at most cap^2 / 2 + links x (n - cap) pairs, and a copy in a trace of hundreds of
copies of one story still links to the earliest copies (near-copies connect the story through them).
Rewritten reuse (a lead rewritten, sentences paraphrased) keeps few 4-word runs, so a second index
pairs documents sharing *rarer word bigrams* of the comparison form
(:func:`provenance.lineage.reuse.comparison_form`, so spelling variants of one script still meet): a
bigram held by more than ``trace_rewrite_posting_cap`` documents is common phrasing and is dropped
whole; a pair sharing at least ``trace_rewrite_min_shared`` distinct kept bigrams, and at least
``trace_rewrite_min_share`` of the smaller document's distinct bigrams, is a candidate too. The
reuse gate then decides; a candidate costs one alignment, never a link.
Cost: one hash per k-gram and per bigram, and per k-gram or bigram the pairs of its (capped) posting list.
"""

from __future__ import annotations

from collections import Counter

from ..archive.fingerprint import fingerprint
from ..model import Document
from .reuse import word_bigrams
from ..settings import DEFAULT_SETTINGS, Settings

__all__ = ["candidate_pairs"]


def candidate_pairs(docs: list[Document] | tuple[Document, ...], settings: Settings = DEFAULT_SETTINGS) -> list[tuple[int, int]]:
    """Index pairs ``(a, b)``, ``a < b``, of ``docs`` worth aligning (module docstring), sorted."""
    cap, reps = settings.lineage.trace_posting_cap, settings.lineage.trace_overflow_links
    postings: dict[int, list[int]] = {}
    grams_of = [fingerprint(doc, k=settings.lineage.trace_candidate_words, sample=1) for doc in docs]
    sizes = [len(g) for g in grams_of]
    shared: Counter = Counter()
    order = _typical_first(grams_of) if len(docs) > cap else list(range(len(docs)))
    for k in order:
        for h in grams_of[k]:
            post = postings.setdefault(h, [])
            if len(post) < cap:
                post.append(k)
            else:  # a full list: pair with its first holders, so no copy is left without a partner
                for a in post[:reps]:
                    shared[(min(a, k), max(a, k))] += 1
    for post in postings.values():
        if len(post) > 1:
            for x in range(len(post)):
                a = post[x]
                for b in post[x + 1:]:
                    shared[(a, b) if a < b else (b, a)] += 1
    need = settings.lineage.trace_candidate_min_shared
    found = {pair for pair, n in shared.items() if n >= min(need, sizes[pair[0]], sizes[pair[1]])}
    if len(docs) > settings.lineage.max_dense_story:
        rank = {k: r for r, k in enumerate(order)}
        found = _strongest(found, shared, settings.lineage.trace_links_per_document, rank)
    elif len(found) == len(docs) * (len(docs) - 1) // 2:
        return sorted(found)  # every pair already a candidate: the bigram pass could add none
    return sorted(found | _rewrite_pairs(docs, settings))


def _typical_first(grams_of: list) -> list[int]:
    """Document indexes, the most typical first: by how much text a document shares with all the
    others (over its distinct k-grams, the number of other documents holding each), then by index.
    In a story of many copies the text the others were cut from shares the most: every copy's
    kept paragraphs are in it. With posting lists capped, the first holders of a k-gram are the
    ones every later copy is paired with, so they should be the typical ones, not the first by
    digest (a copy with one typo was the hub of 200 copies, and named the source); ties go to
    the text with more k-grams. The mean
    share per k-gram, used before, favoured a copy cut short (its few k-grams are the commonest):
    in 400 copies of a wire cut and edited, one of them was named the source and 376 were never
    paired with the wire."""
    df: Counter = Counter()
    for grams in grams_of:
        df.update(set(grams))
    distinct = [set(g) for g in grams_of]
    overlap = [sum(df[h] - 1 for h in g) for g in distinct]
    # of texts sharing as much, the one with more text of its own first (copies cut their wire: a
    # copy that kept every shared paragraph ties with it)
    return sorted(range(len(grams_of)), key=lambda k: (-overlap[k], -len(distinct[k]), k))


def _strongest(pairs: set[tuple[int, int]], shared: Counter, per_document: int,
               rank: dict[int, int]) -> set[tuple[int, int]]:
    """Each document's ``per_document`` partners sharing the most k-grams (ties by index), and its
    partner first in ``rank`` (the most typical, :func:`_typical_first`), united.

    Hundreds of near-copies of one story share k-grams with each other pairwise; aligning every
    pair is quadratic, while each copy's strongest links (to the original and its closest siblings)
    are the edges its copy tree is drawn from. Strongest links alone can leave a clique apart (seven
    copies cut at the same paragraph are each other's closest texts, and nobody else's), so each
    copy also keeps its link to the most typical text it shares wording with: the story stays
    connected through its consensus text.
    """
    by_doc: dict[int, list[tuple[int, int]]] = {}
    for a, b in pairs:
        by_doc.setdefault(a, []).append((-shared[(a, b)], b))
        by_doc.setdefault(b, []).append((-shared[(a, b)], a))
    kept = set()
    for a, partners in by_doc.items():
        for _, b in sorted(partners)[:per_document]:
            kept.add((min(a, b), max(a, b)))
        hub = min((b for _, b in partners), key=lambda b: (rank[b], b))
        kept.add((min(a, hub), max(a, hub)))
    return kept


def _rewrite_pairs(docs, settings: Settings) -> set[tuple[int, int]]:
    """Pairs sharing enough rarer word bigrams (module docstring)."""
    cap = settings.lineage.trace_rewrite_posting_cap
    postings: dict[tuple[str, str], list[int]] = {}
    sizes = []
    for k, doc in enumerate(docs):
        grams = word_bigrams(doc)
        sizes.append(len(grams))
        for g in grams:
            postings.setdefault(g, []).append(k)
    shared: Counter = Counter()
    for post in postings.values():
        if 1 < len(post) <= cap:
            for x in range(len(post)):
                a = post[x]
                for b in post[x + 1:]:
                    shared[(a, b)] += 1
    need, share = settings.lineage.trace_rewrite_min_shared, settings.lineage.trace_rewrite_min_share
    return {pair for pair, n in shared.items() if n >= need and n >= share * min(sizes[pair[0]], sizes[pair[1]])}

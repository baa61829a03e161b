"""Aligned views of paraphrase: a rewritten passage the aligner left as one large replacement, cut
into the sentence pairs it was written from, each word-aligned (issue #14, item 3).

:func:`refine_paraphrase` takes an :class:`~provenance.model.Alignment` and returns one whose large
changed regions (a run of ``replace`` / ``delete`` / ``insert`` blocks, none moved or duplicated,
joined across equal blocks of punctuation alone, with at least
``settings.align.paraphrase_region_words`` words on each side) are re-read:

1. the region's child sentences are paired with parent sentences by the char 5-gram cosine of
   :func:`provenance.lineage.paraphrase.align_paraphrase` (one to one, at least
   ``settings.align.paraphrase_min_similarity``); the pairs kept are the heaviest chain increasing
   on both sides (weight: cosine x (1 + shared words)), so blocks stay in order on both documents.
   Between two links of that chain, where position supports a pairing, sentences the chain does not
   use may pair at the lower ``settings.align.paraphrase_gap_similarity``;
2. each pair is word-aligned (``difflib.SequenceMatcher`` over the tokens' normalised forms, the
   aligner's own notion of equal): shared runs holding a word become ``equal`` blocks, the rest of
   the pair ``replace`` / ``delete`` / ``insert``;
3. text between pairs (sentences with no counterpart) is ``delete`` then ``insert``: it was not
   written from the other side's text, so it is not shown as replacing it.

The pairs are recorded in ``Alignment.sentence_pairs`` (whole sentences), and the aligner's equal
blocks that run across a pair's edge are cut there, so every block lies inside one pair or outside
all of them and the row model (:mod:`provenance.render.rows`) gives each pair a row.

Guarantees: same parent, child and flags; the blocks tile both documents exactly as the model
requires; blocks outside refined regions are the input's, and an alignment with no qualifying region
is returned as it is (the same object), so near-verbatim reprints and golden files are untouched.
Cost: when a region qualifies, one or two paraphrase alignments of the pair (memoised sentence views;
linear for news-length texts, candidate-bounded beyond) and a word diff per sentence pair.

Where it lives, and why it is a separate step rather than the default of
:func:`~provenance.align.aligner.align_documents`: it is alignment (it only cuts blocks finer), but
the reuse model's features (``aligned_child``), the derivation labels and the copy-tree costs were
calibrated on the sentence-level alignment, where a single word shared inside a rewritten sentence
is not evidence of reuse. So decisions read the plain alignment, and what people read (a trace's
edges, a check's findings, every renderer) reads the refined one: :mod:`provenance.lineage.story`
refines each edge once the tree is chosen, :mod:`provenance.check.fidelity` after the reuse gate.
The paraphrase scores live in :mod:`provenance.lineage.paraphrase` (they need the comparison form of
:mod:`provenance.lineage.reuse`); they are imported only when a region qualifies, so a ``check`` of a
near-verbatim reprint loads nothing more.
"""

from __future__ import annotations

from bisect import bisect_left
from dataclasses import replace
from difflib import SequenceMatcher

from ..model import WORD_KINDS, Alignment, Block
from ..settings import DEFAULT_SETTINGS, Settings

__all__ = ["refine_paraphrase", "changed_regions"]


def changed_regions(al: Alignment, min_words: int) -> list[tuple[int, int]]:
    """Block index ranges ``[k1, k2)`` of maximal runs of changed in-order blocks (tag not ``equal``,
    ``move`` None; equal blocks of punctuation alone between them, such as a sentence's final stop
    the word diff matched, join the run) whose parent tokens are contiguous and which hold at least
    ``min_words`` word tokens on each side."""
    out = []
    blocks = al.blocks

    def changed(b: Block) -> bool:
        return b.tag != "equal" and b.move is None

    def joiner(b: Block) -> bool:
        return b.tag == "equal" and b.move is None and not _words(al.child.tokens, b.j1, b.j2)

    k = 0
    while k < len(blocks):
        if not changed(blocks[k]):
            k += 1
            continue
        k1 = k
        end = k + 1  # one past the last changed block of the run
        while k < len(blocks) and (changed(blocks[k]) or joiner(blocks[k])):
            if changed(blocks[k]):
                end = k + 1
            k += 1
        k = end
        run = blocks[k1:end]
        spans = sorted((b.i1, b.i2) for b in run if b.i1 < b.i2)
        if any(s[1] != t[0] for s, t in zip(spans, spans[1:])):
            continue  # parent text interleaved with a moved passage's: left as the aligner gave it
        if (_words(al.parent.tokens, spans[0][0] if spans else 0, spans[-1][1] if spans else 0) >= min_words
                and _words(al.child.tokens, run[0].j1, run[-1].j2) >= min_words):
            out.append((k1, end))
    return out


def _words(tokens, lo: int, hi: int) -> int:
    return sum(1 for t in tokens[lo:hi] if t.kind in WORD_KINDS)


def refine_paraphrase(al: Alignment, settings: Settings = DEFAULT_SETTINGS) -> Alignment:
    """``al`` with its large changed regions cut into word-aligned sentence pairs (module doc)."""
    regions = changed_regions(al, settings.align.paraphrase_region_words)
    if not regions:
        return al
    from ..lineage.paraphrase import align_paraphrase  # only when a region qualifies (module doc)

    strict, gap_min = settings.align.paraphrase_min_similarity, settings.align.paraphrase_gap_similarity
    if gap_min < strict:
        loose = align_paraphrase(al.parent, al.child, gap_min).pairs
        # the pairing is greedy by descending similarity, one-to-one: its pairs at a higher bar are
        # exactly the loose ones at or above that bar (made before any pair under it is read), so
        # one pairing serves both (it was computed twice: half of this function's time)
        pairs = tuple(p for p in loose if p.similarity >= strict)
    else:
        pairs, loose = align_paraphrase(al.parent, al.child, strict).pairs, ()
    out: list[Block] = []
    kept: list[tuple[int, int, int, int]] = list(al.sentence_pairs)
    done = 0
    for k1, k2 in regions:
        out.extend(al.blocks[done:k1])
        done = k2
        run = al.blocks[k1:k2]
        i1 = min((b.i1 for b in run if b.i1 < b.i2), default=run[0].i1)
        i2 = max((b.i2 for b in run if b.i1 < b.i2), default=run[0].i1)
        j1, j2 = run[0].j1, run[-1].j2
        refined = _refine_region(al, i1, i2, j1, j2, pairs, loose)
        if refined is None:
            out.extend(run)
        else:
            out.extend(refined[0])
            kept.extend(refined[1])
    out.extend(al.blocks[done:])
    if len(kept) == len(al.sentence_pairs):
        return al
    kept = list(dict.fromkeys(kept))  # a sentence pair may reach into two regions
    out = _split_at_pair_edges(out, kept)
    # not merged: a block never straddles a pair's edge, so views can cut rows there
    return replace(al, blocks=tuple(out), sentence_pairs=tuple(sorted(kept, key=lambda p: (p[2], p[0]))))


def _split_at_pair_edges(blocks: list[Block], pairs) -> list[Block]:
    """The aligner's equal blocks that run across a sentence pair's child edge, cut there (both sides
    in lockstep), so that every block lies inside one pair or outside all of them."""
    edges = sorted({j for _, _, j1, j2 in pairs for j in (j1, j2)})
    out = []
    for b in blocks:
        if b.tag != "equal":
            out.append(b)
            continue
        lo = bisect_left(edges, b.j1 + 1)
        at_i, at_j = b.i1, b.j1
        while lo < len(edges) and edges[lo] < b.j2:
            j = edges[lo]
            out.append(Block("equal", at_i, at_i + j - at_j, at_j, j, b.move))
            at_i, at_j = at_i + j - at_j, j
            lo += 1
        out.append(b if at_j == b.j1 else Block("equal", at_i, b.i2, at_j, b.j2, b.move))
    return out


def _clip(span: tuple[int, int], lo: int, hi: int) -> tuple[int, int]:
    return max(span[0], lo), min(span[1], hi)


def _refine_region(al: Alignment, i1: int, i2: int, j1: int, j2: int, pairs, loose=()):
    """Blocks tiling parent ``[i1, i2)`` and child ``[j1, j2)`` and the sentence pairs ``(i1, i2, j1,
    j2)`` they were cut into, or None when no pair with a shared word lies inside.

    ``pairs`` (similarity >= ``paraphrase_min_similarity``) give the chain; ``loose`` pairs (>=
    ``paraphrase_gap_similarity``), of sentences the chain does not use, are added between two
    consecutive links of it (or a link and the region's edge), keeping the chain increasing."""
    chain = _increasing_chain(_anchors(pairs, i1, i2, j1, j2))
    if loose:
        taken_p, taken_c = {a[3].parent for a in chain}, {a[3].child for a in chain}
        fences = [((i1, i1), (j1, j1))] + [(a[0], a[1]) for a in chain] + [((i2, i2), (j2, j2))]
        extra = []
        for (pa, ca), (pb, cb) in zip(fences, fences[1:]):
            inside = [a for a in _anchors(loose, pa[1], pb[0], ca[1], cb[0])
                      if a[3].parent not in taken_p and a[3].child not in taken_c]
            extra.extend(_increasing_chain(inside))
        if extra:
            chain = sorted(chain + extra, key=lambda a: a[1][0])
    if not chain:
        return None
    P, C = al.parent.tokens, al.child.tokens
    blocks: list[Block] = []
    at_i, at_j = i1, j1
    for (pa, ca, *_) in chain:
        _gap(blocks, at_i, pa[0], at_j, ca[0])
        blocks.extend(_word_blocks(P, C, pa, ca))
        at_i, at_j = pa[1], ca[1]
    _gap(blocks, at_i, i2, at_j, j2)
    if not any(b.tag == "equal" for b in blocks):
        return None  # pairs with no shared word: nothing finer to show than the aligner's blocks
    # whole sentences, not their clipped parts: a row shows the pair, the aligner's equal text included
    return blocks, [(*p.parent_tokens, *p.child_tokens) for *_, p in chain]


def _anchors(pairs, i1: int, i2: int, j1: int, j2: int) -> list:
    """``(parent range, child range, weight, pair)`` of the pairs reaching into the region, clipped to it."""
    out = []
    for p in pairs:
        pa, ca = _clip(p.parent_tokens, i1, i2), _clip(p.child_tokens, j1, j2)
        if pa[0] < pa[1] and ca[0] < ca[1]:
            out.append((pa, ca, p.similarity * (1 + p.shared_words), p))
    return out


def _gap(blocks: list[Block], i1: int, i2: int, j1: int, j2: int) -> None:
    """Unpaired text between sentence pairs: deleted, then inserted (never a replacement)."""
    if i1 < i2:
        blocks.append(Block("delete", i1, i2, j1, j1))
    if j1 < j2:
        blocks.append(Block("insert", i2, i2, j1, j2))


def _word_blocks(P, C, pa: tuple[int, int], ca: tuple[int, int]) -> list[Block]:
    """The word diff of one sentence pair: equal runs holding a word, changes between them."""
    xs = [t.norm for t in P[pa[0]:pa[1]]]
    ys = [t.norm for t in C[ca[0]:ca[1]]]
    sm = SequenceMatcher(None, xs, ys, autojunk=False)
    out: list[Block] = []
    x = y = 0
    for a, b, n in sm.get_matching_blocks():
        if n and not any(t.kind in WORD_KINDS for t in P[pa[0] + a:pa[0] + a + n]):
            continue  # a shared comma alone is no shared text; it stays inside the change
        if n == 0 and (a, b) != (len(xs), len(ys)):
            continue
        _change(out, pa[0] + x, pa[0] + a, ca[0] + y, ca[0] + b)
        if n:
            out.append(Block("equal", pa[0] + a, pa[0] + a + n, ca[0] + b, ca[0] + b + n))
        x, y = a + n, b + n
    _change(out, pa[0] + x, pa[1], ca[0] + y, ca[1])
    return out


def _change(out: list[Block], i1: int, i2: int, j1: int, j2: int) -> None:
    if i1 < i2 and j1 < j2:
        out.append(Block("replace", i1, i2, j1, j2))
    elif i1 < i2:
        out.append(Block("delete", i1, i2, j1, j1))
    elif j1 < j2:
        out.append(Block("insert", i1, i1, j1, j2))


def _increasing_chain(anchors):
    """The heaviest subset of ``anchors`` increasing and non-overlapping on both sides, in order.

    Anchors from one-to-one sentence pairs never overlap on one side unless a sentence was cut by the
    region; sorting by child start and taking a weighted increasing chain of parent starts (Fenwick
    prefix maxima, O(n log n)) with non-overlap checked against the predecessor keeps the result a
    valid tiling.
    """
    if not anchors:
        return []
    items = sorted(anchors, key=lambda a: (a[1][0], a[0][0]))
    # keep, per child start, disjoint child ranges only (pairs are one to one, so this is a guard)
    keys = sorted({a[0][1] for a in items})  # parent ends: a successor must start at or after one
    size = len(keys)
    tree_val = [0.0] * (size + 1)
    tree_at = [-1] * (size + 1)
    best, prev = [0.0] * len(items), [-1] * len(items)
    done = 0  # items whose child range ended are inserted into the tree before later starts
    order_by_child_end = sorted(range(len(items)), key=lambda n: items[n][1][1])
    for n, (pa, ca, w, _) in enumerate(items):
        while done < len(order_by_child_end) and items[order_by_child_end[done]][1][1] <= ca[0]:
            m = order_by_child_end[done]
            done += 1
            if best[m] == 0.0:
                continue  # not yet computed (its child range ends before it starts: impossible)
            q = bisect_left(keys, items[m][0][1]) + 1
            while q <= size:
                if best[m] > tree_val[q]:
                    tree_val[q], tree_at[q] = best[m], m
                q += q & -q
        q, val, at = bisect_left(keys, pa[0] + 1), 0.0, -1  # predecessors with parent end <= pa[0]
        while q > 0:
            if tree_val[q] > val:
                val, at = tree_val[q], tree_at[q]
            q -= q & -q
        best[n], prev[n] = val + w, at
    n = max(range(len(items)), key=best.__getitem__)
    chain = []
    while n != -1:
        chain.append(items[n])
        n = prev[n]
    return chain[::-1]

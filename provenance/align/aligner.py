"""Two-level alignment of a parent document with a child (a reprint).

Level 1 matches sentences across the documents through an inverted index of word-bigram shingles,
so moved, duplicated, split and merged passages are found without an all-pairs comparison. A
maximum-weight non-decreasing chain of sentence matches gives the in-order backbone; matched
sentences off the chain are *moved* (their parent text is not used elsewhere) or *duplicated*.
Several child sentences on one parent sentence are a split of it, unless one reuses shingles the
parent sentence holds fewer times (then it is a repeat, and the extra copy is *duplicated*).

Level 2 diffs words. The in-order streams are cut at *sync points*, a token bigram that occurs
once in each sentence of a chain pair, so each word diff covers about one sentence; splits and
merges simply fall inside one region. Word diffs use the C++ diff-match-patch (optimal, flat memory)
on token codes with semantic cleanup. A region that exceeds ``diff_timeout`` is redone with
rapidfuzz's exact LCS when small enough, else kept as diff-match-patch left it and the alignment is
flagged ``approximate`` with a warning. Nothing is truncated silently.

Level 3 slides each inserted or deleted run between two equal blocks, among its equally short
positions, to the one whose edges are the best boundaries (:func:`slide_to_boundaries`).

Cost: linear in the number of tokens for reprints (each region is small); sentence matching is
bounded by ``shingle_posting_cap`` per shingle. Memory: the parent's shingle index, a few int
arrays over the tokens, and the blocks (about 25 MiB for two 100k-word documents; see
``benchmarks/bench_align.py``).
"""

from __future__ import annotations

import time
from array import array
from bisect import bisect_left
from collections import Counter
from dataclasses import dataclass

import fast_diff_match_patch as dmp

from ..model import WORD_KINDS, Alignment, Block, Document, merge_blocks, require
from ..text.segment import SENTENCE_ENDERS, Segment, paragraph_starts, sentences
from ..settings import DEFAULT_SETTINGS, Settings

__all__ = ["align_documents", "diff_codes", "code_string", "slide_to_boundaries"]



def _chr(code: int) -> str:
    cp = 0x100 + code
    if cp >= 0xD800:  # skip surrogates
        cp += 0x800
    if cp > 0x10FFFF:  # collisions are harmless: equal runs are verified afterwards
        cp = 0x100 + cp % 0xD000
    return chr(cp)


_DIRECT_CODES = 0xD800 - 0x100  # codes below this map to chr(0x100 + code) with no surrogate in the way


def code_string(codes: list[int]) -> str:
    """One character per token code, for diff-match-patch (which diffs strings)."""
    if max(codes) < _DIRECT_CODES:  # the usual case, done in C: a vocabulary under 55,040 words
        return "".join(map(chr, map((0x100).__add__, codes)))
    return "".join(map(_chr, codes))


def diff_codes(x: list[int], y: list[int], settings: Settings = DEFAULT_SETTINGS):
    """Opcodes ``(tag, i1, i2, j1, j2)`` turning ``x`` into ``y``, and whether the diff is approximate.

    Equal opcodes are verified element by element, so they are always true matches.
    """
    require(x, (list, tuple), "diff_codes: x")
    require(y, (list, tuple), "diff_codes: y")
    if not x and not y:
        return [], False
    if not x:
        return [("insert", 0, 0, 0, len(y))], False
    if not y:
        return [("delete", 0, len(x), 0, 0)], False
    if x == y:
        return [("equal", 0, len(x), 0, len(y))], False
    sx, sy = code_string(x), code_string(y)
    t0 = time.perf_counter()
    timeout = settings.align.diff_timeout
    ops = dmp.diff(sx, sy, timelimit=timeout, cleanup="Semantic", counts_only=True)
    approximate = False
    if timeout and time.perf_counter() - t0 >= timeout * 0.95:
        if len(x) * len(y) <= settings.align.exact_diff_cells:
            from rapidfuzz.distance import Indel  # only here: rapidfuzz costs ~6 ms at start-up (issue #12)

            return _verify(Indel.opcodes(x, y).as_list(), x, y), False
        approximate = True
    opcodes, i, j = [], 0, 0
    k = 0
    while k < len(ops):
        op, n = ops[k]
        if op == "=":
            opcodes.append(("equal", i, i + n, j, j + n))
            i, j = i + n, j + n
            k += 1
            continue
        dels = ins = 0
        while k < len(ops) and ops[k][0] != "=":
            if ops[k][0] == "-":
                dels += ops[k][1]
            else:
                ins += ops[k][1]
            k += 1
        tag = "replace" if dels and ins else ("delete" if dels else "insert")
        opcodes.append((tag, i, i + dels, j, j + ins))
        i, j = i + dels, j + ins
    return _verify(opcodes, x, y), approximate


def _verify(opcodes, x, y):
    out = []
    for tag, i1, i2, j1, j2 in opcodes:
        if tag != "equal" or x[i1:i2] == y[j1:j2]:
            out.append((tag, i1, i2, j1, j2))
            continue
        # code collision: split into true equal runs and single-token replaces
        k = 0
        while k < i2 - i1:
            start = k
            same = x[i1 + k] == y[j1 + k]
            while k < i2 - i1 and (x[i1 + k] == y[j1 + k]) == same:
                k += 1
            out.append(("equal" if same else "replace", i1 + start, i1 + k, j1 + start, j1 + k))
    return out


def _shingle_source(doc: Document, codes: list[int]):
    """A function giving a segment's shingles: the bigrams of its consecutive word tokens, as ints.

    The bigram of every pair of consecutive words in the document is computed once; a segment's
    shingles are then one slice of that list (punctuation and quotes are skipped).
    """
    word_at = [k for k, t in enumerate(doc.tokens) if t.kind in WORD_KINDS]
    words = [codes[k] for k in word_at]
    pairs = [(w1 << 21) ^ w2 for w1, w2 in zip(words, words[1:])]

    def shingle_list(seg: Segment) -> list[int]:
        lo, hi = bisect_left(word_at, seg.start), bisect_left(word_at, seg.end)
        return pairs[lo : hi - 1] if hi - lo > 1 else []

    return shingle_list


@dataclass(frozen=True)
class _ParentSide:
    """What an alignment needs of its parent alone, memoised on the parent document (``check SOURCE
    R1 R2 ...`` aligns one source with every reprint). Read-only once built.

    ``vocab`` maps a normalised token to its code; the parent's codes come first, so a child's
    vocabulary is a copy of it extended, and the codes equal those of one fresh vocabulary.
    """

    vocab: dict
    codes: list
    sentences: list
    shingles: object  # a segment -> its shingle list (see _shingle_source)
    index: dict  # shingle -> parent sentence index, or a list of them (see _index_parent)
    size: list  # distinct shingles per parent sentence
    repeats: dict  # first sentence index -> every index with the same shingles


def _parent_side(parent: Document, settings: Settings) -> _ParentSide:
    def build(doc: Document) -> _ParentSide:
        vocab: dict[str, int] = {}
        codes = [vocab.setdefault(t.norm, len(vocab)) for t in doc.tokens]
        sa = sentences(doc, settings.align.max_segment_tokens)
        shingles = _shingle_source(doc, codes)
        index, size, repeats = _index_parent(shingles, sa, settings.align.shingle_posting_cap)
        return _ParentSide(vocab, codes, sa, shingles, index, size, repeats)

    key = ("align.parent", settings.align.max_segment_tokens, settings.align.shingle_posting_cap)
    return parent.derived(key, build)


def _index_parent(shingles_a, sa, cap: int):
    """The parent's inverted index of shingles, its sentences' shingle counts and its repeats.

    A posting is one int until a shingle repeats, and stops growing past ``cap``. Parent
    sentences with the same shingles are indexed once: a paragraph repeated a thousand times is
    one posting, not a thousand (which the cap would drop, losing the text altogether).
    """
    index: dict[int, int | list[int]] = {}
    size_a = []
    first_of: dict[tuple[int, ...], int] = {}
    repeats: dict[int, list[int]] = {}  # first sentence index -> every index with its shingles
    for k, seg in enumerate(sa):
        grams = shingles_a(seg)
        sh = set(grams)
        size_a.append(len(sh))
        key = tuple(grams)
        first = first_of.setdefault(key, k)
        if first != k:
            repeats.setdefault(first, [first]).append(k)
            continue
        for s in sh:
            post = index.get(s)
            if post is None:
                index[s] = k
            elif type(post) is int:
                index[s] = [post, k]
            elif len(post) <= cap:
                post.append(k)
    return index, size_a, repeats


def _match_sentences(side: _ParentSide, shingles_b, sb, settings):
    """For each child sentence, ``(parent sentence index, shared shingles)`` or ``None``.

    Child shingle sets are built one at a time against the parent's index (:func:`_index_parent`);
    a match on a repeated parent sentence goes to the repeat nearest the diagonal.
    """
    cap = settings.align.shingle_posting_cap
    index, size_a, repeats, sa = side.index, side.size, side.repeats, side.sentences
    out = []
    for k, seg in enumerate(sb):
        sh = set(shingles_b(seg))
        hits: list[int] = []
        for s in sh:
            post = index.get(s)
            if post is None:
                continue
            if type(post) is int:
                hits.append(post)
            elif len(post) <= cap:
                hits.extend(post)
        counts = Counter(hits)
        best = None
        diagonal = k / max(len(sb), 1)
        after = out[-1][0] + 1 if out and out[-1] is not None else None
        for a_k, c in counts.items():
            if c < settings.align.min_segment_shared:
                continue
            if c < settings.align.min_segment_containment * min(size_a[a_k], len(sh)):
                continue
            unshared = size_a[a_k] - c
            if a_k in repeats:
                a_k = after if _holds(repeats[a_k], after) else _nearest(repeats[a_k], diagonal * len(sa))
            # prefer more shared shingles; on a tie, the parent sentence with fewer shingles the child
            # sentence lacks (a subhead "Not some irregular channel" is its own line, not the longer
            # sentence that quotes it), then the one right after the previous child sentence's match
            # (a moved paragraph shifts the diagonal), then the one nearest the diagonal
            key = (c, -unshared, a_k == after, -abs(a_k / max(len(sa), 1) - diagonal))
            if best is None or key > best[0]:
                best = (key, a_k, c)
        out.append(None if best is None else (best[1], best[2]))
    return out


def _ends_in_stop(tokens, seg: Segment) -> bool:
    """Whether the sentence ``seg`` ends in a sentence stop, closing quotes and brackets after it aside."""
    k = seg.end - 1
    while k > seg.start and (tokens[k].kind == "quote" or tokens[k].text in ")]）」』"):
        k -= 1
    return tokens[k].text in SENTENCE_ENDERS


def _nearest(sorted_ks: list[int], target: float) -> int:
    """The element of the sorted list ``sorted_ks`` nearest ``target`` (the smaller on a tie)."""
    p = bisect_left(sorted_ks, target)
    near = sorted_ks[max(0, p - 1) : p + 1]
    return min(near, key=lambda x: (abs(x - target), x))


def _holds(sorted_ks: list[int], k: int | None) -> bool:
    """Whether ``k`` is an element of the sorted list ``sorted_ks``."""
    p = bisect_left(sorted_ks, k) if k is not None else len(sorted_ks)
    return p < len(sorted_ks) and sorted_ks[p] == k


def _heaviest_chain(matches) -> set[int]:
    """Child sentence indexes forming the max-weight chain with non-decreasing parent indexes."""
    items = [(k, m[0], m[1]) for k, m in enumerate(matches) if m is not None]
    if not items:
        return set()
    keys = sorted({a for _, a, _ in items})
    size = len(keys)
    tree_val = [0] * (size + 1)
    tree_at = [-1] * (size + 1)
    best_w, prev = [0] * len(items), [-1] * len(items)
    for n, (_, a, w) in enumerate(items):
        pos = bisect_left(keys, a) + 1
        q, val, at = pos, 0, -1  # prefix max over keys <= a
        while q > 0:
            if tree_val[q] > val:
                val, at = tree_val[q], tree_at[q]
            q -= q & -q
        best_w[n], prev[n] = val + w, at
        q = pos
        while q <= size:
            if best_w[n] > tree_val[q]:
                tree_val[q], tree_at[q] = best_w[n], n
            q += q & -q
    n = max(range(len(items)), key=best_w.__getitem__)
    chain = set()
    while n != -1:
        chain.add(items[n][0])
        n = prev[n]
    return chain


def _split_duplicates_from_chain(chain, matches, child_shingles, parent_shingle_counts):
    """Drop repeats from the chain: chained child sentences on one parent sentence are a split of it
    unless they repeat each other.

    A child sentence repeats the ones before it (on the same parent sentence) when most of the
    shingles it shares with the parent sentence are used up: the parent holds each shingle some
    number of times and earlier child sentences already took them. The halves of a genuine split
    may share words ("strikes hit Kyiv and strikes hit Lviv" -> "strikes hit Kyiv. Strikes hit
    Lviv."), but then the parent holds those shingles twice. Of two repeats, the better match stays
    on the chain. ``parent_shingle_counts(a_k)`` is the multiset of parent sentence ``a_k``'s shingles,
    ``child_shingles(k)`` the set of child sentence ``k``'s.
    """
    run_parent, counts, used, kept = None, None, Counter(), []
    for k in sorted(chain):
        a_k = matches[k][0]
        if a_k != run_parent:
            run_parent, counts, used, kept = a_k, None, Counter(), []
        sh_k = child_shingles(k)
        if kept:
            counts = counts if counts is not None else parent_shingle_counts(a_k)
            prev = kept[-1]
            # a repeat either way: this sentence re-reads what earlier ones took, or the previous
            # one's shared text lies wholly inside this one (a headline made of the lead's words,
            # then the lead: the lead is the parent sentence, the headline no part of a split)
            if _repeats(sh_k, used, counts) or _repeats(child_shingles(prev), Counter(sh_k), counts):
                if matches[k][1] > matches[prev][1]:
                    chain.discard(prev)
                    used.subtract(child_shingles(prev))
                    kept[-1] = k
                    used.update(sh_k)
                else:
                    chain.discard(k)
                continue
        kept.append(k)
        used.update(sh_k)
    return chain


def _repeats(sh_k: set[int], used: Counter, counts: Counter) -> bool:
    """Whether a child sentence with shingles ``sh_k`` repeats parent text that child sentences
    already took: most of the shingles it shares with the parent sentence (multiset ``counts``)
    are used up (``used`` counts, per shingle, the earlier child sentences that hold it)."""
    shared = [s for s in sh_k if s in counts]
    return sum(1 for s in shared if used[s] >= counts[s]) >= 0.5 * max(1, len(shared))


def _off_chain_groups(matches, chain, chained_a, child_shingles, parent_shingle_counts) -> list[list]:
    """Runs ``[b_lo, b_hi, a_lo, a_hi, moved]`` (sentence indexes, inclusive) of consecutive off-chain
    child sentences on consecutive (or the same) parent sentences, in child order.

    ``moved`` is true when the run's parent sentences are used neither by the chain nor by an
    earlier moved run; otherwise the run re-reads parent text and is duplicated. A run is cut
    where that status changes (a moved passage followed by a repeated one is moved, then
    duplicated) and where a child sentence repeats the previous one on the same parent sentence
    (a moved sentence given twice is moved once and duplicated once, not moved with an insertion).
    """
    groups: list[list] = []
    taken = set(chained_a)  # parent sentences read by the chain or by a moved run
    used: Counter = Counter()  # shingles taken from parent sentence g[3] by the current run
    for k, m in enumerate(matches):
        if m is None or k in chain:
            continue
        sh_k = child_shingles(k)
        g = groups[-1] if groups else None
        if g and g[1] == k - 1:
            if m[0] == g[3] + 1 and (m[0] not in taken) == g[4]:
                g[1], g[3] = k, m[0]
                if g[4]:
                    taken.add(m[0])
                used = Counter(sh_k)
                continue
            if m[0] == g[3] and not _repeats(sh_k, used, parent_shingle_counts(m[0])):
                g[1] = k
                used.update(sh_k)
                continue
        moved = m[0] not in taken
        if moved:
            taken.add(m[0])
        groups.append([k, k, m[0], m[0], moved])
        used = Counter(sh_k)
    return groups


def _fill_move_gaps(groups: list[list], matches, chained_a, max_gap: int = 2) -> list[list]:
    """Two moved runs of one passage with the same few sentences between them on both sides (short
    sentences, "Sanborn said.", too small to be matched) are one moved run: the sentences between
    are unmatched in the child and read by nothing else in the parent. Otherwise the in-order diff
    matches their words to other sentences and the move falls apart into insertions and deletions."""
    moved_a = {a for g in groups if g[4] for a in range(g[2], g[3] + 1)}
    out: list[list] = []
    for g in groups:
        prev = out[-1] if out else None
        if prev and prev[4] and g[4]:
            gap_b, gap_a = g[0] - prev[1] - 1, g[2] - prev[3] - 1
            if (0 < gap_b <= max_gap and gap_b == gap_a
                    and all(matches[k] is None for k in range(prev[1] + 1, g[0]))
                    and not any(a in chained_a or a in moved_a for a in range(prev[3] + 1, g[2]))):
                prev[1], prev[3] = g[1], g[3]
                continue
        out.append(g)
    return out


def _sync_point(a, b, sa: Segment, sb: Segment):
    """A position ``(i, j)`` where a bigram unique to both sentences starts, nearest the middle."""
    if a[sa.start : sa.end] == b[sb.start : sb.end]:
        # The common case in a reprint; any aligned position is as good, so skip the bigram maps.
        half = (sa.end - sa.start) // 2
        return sa.start + half, sb.start + half
    seen: dict[tuple[int, int], int] = {}
    for i in range(sa.start, sa.end - 1):
        key = (a[i], a[i + 1])
        seen[key] = -1 if key in seen else i
    in_b: dict[tuple[int, int], int] = {}
    for j in range(sb.start, sb.end - 1):
        key = (b[j], b[j + 1])
        in_b[key] = -1 if key in in_b else j
    mid = (sb.start + sb.end) / 2
    best = None
    for key, j in in_b.items():
        i = seen.get(key, -1)
        if j >= 0 and i >= 0 and (best is None or abs(j - mid) < abs(best[1] - mid)):
            best = (i, j)
    return best


def align_documents(parent: Document, child: Document, settings: Settings = DEFAULT_SETTINGS) -> Alignment:
    """Align ``parent`` to ``child``; see the module docstring and :class:`provenance.model.Alignment`.
    Raises :class:`TypeError` unless both are :class:`~provenance.model.Document`."""
    require(parent, Document, "align_documents: parent")
    require(child, Document, "align_documents: child")
    require(settings, Settings, "align_documents: settings")
    side = _parent_side(parent, settings)
    vocab = dict(side.vocab)
    a, sa, shingles_a = side.codes, side.sentences, side.shingles
    b = [vocab.setdefault(t.norm, len(vocab)) for t in child.tokens]
    sb = sentences(child, settings.align.max_segment_tokens)
    shingles_b = _shingle_source(child, b)
    matches = _match_sentences(side, shingles_b, sb, settings)
    child_shingles = lambda k: set(shingles_b(sb[k]))  # noqa: E731
    parent_shingle_counts = lambda a_k: Counter(shingles_a(sa[a_k]))  # noqa: E731
    chain = _split_duplicates_from_chain(_heaviest_chain(matches), matches, child_shingles, parent_shingle_counts)
    chained_a = {matches[k][0] for k in chain}
    # Off the chain there is no positional support, so demand more shared text before calling a
    # sentence moved or duplicated; weaker matches stay in the in-order stream.
    # Nor is a line above the chain's first sentence, without a final stop, a repeat of chained
    # text: it is a headline made of the lead's words (in Chinese or Japanese, whose word bigrams are
    # character pairs, often enough to match), which the edit rules read from the in-order stream.
    # A full sentence repeated above the body (a standfirst that repeats the lede) stays duplicated.
    first_chained = min(chain, default=len(matches))
    matches = [
        m if m is None or k in chain or (m[1] >= settings.align.min_offchain_shared and not (
            k < first_chained and m[0] in chained_a and not _ends_in_stop(child.tokens, sb[k])))
        else None
        for k, m in enumerate(matches)
    ]
    groups = _fill_move_gaps(_off_chain_groups(matches, chain, chained_a, child_shingles, parent_shingle_counts),
                             matches, chained_a)
    del shingles_a, shingles_b, child_shingles, parent_shingle_counts
    reserved_a = bytearray(len(a))  # parent tokens taken by a moved group
    hole_b = bytearray(len(b))  # child tokens aligned by a moved or duplicated group
    blocks: list[tuple[int, int, Block]] = []  # (j1, creation order, block)
    approximate, warnings = False, []
    seq = 0
    for b_lo, b_hi, a_lo, a_hi, moved in groups:
        i1, i2 = sa[a_lo].start, sa[a_hi].end
        j1, j2 = sb[b_lo].start, sb[b_hi].end
        hole_b[j1:j2] = b"\x01" * (j2 - j1)
        if moved:
            reserved_a[i1:i2] = b"\x01" * (i2 - i1)
        ops, approx = diff_codes(a[i1:i2], b[j1:j2], settings)
        if approx:
            approximate = True
            warnings.append(_timeout_warning(i1, j1, settings))
        for tag, x1, x2, y1, y2 in ops:
            if not moved and tag == "delete":
                continue
            blk = Block(tag, i1 + x1, i1 + x2, j1 + y1, j1 + y2, "moved" if moved else "duplicated")
            blocks.append((blk.j1, seq, blk))
            seq += 1

    # The in-order streams: real token indexes not taken by the groups above, in order.
    a_stream = array("q", (i for i in range(len(a)) if not reserved_a[i]))
    b_stream = array("q", (j for j in range(len(b)) if not hole_b[j]))
    syncs = [(0, 0)]
    for k in sorted(chain):
        pt = _sync_point(a, b, sa[matches[k][0]], sb[k])
        if pt is None:
            continue
        p, q = _stream_pos(a_stream, pt[0]), _stream_pos(b_stream, pt[1])
        if p is not None and q is not None and p > syncs[-1][0] and q > syncs[-1][1]:
            syncs.append((p, q))
    syncs.append((len(a_stream), len(b_stream)))
    xs = [a[i] for i in a_stream]
    ys = [b[j] for j in b_stream]

    def real_a(p: int) -> int:
        return a_stream[p - 1] + 1 if p > 0 else 0

    def real_b(q: int) -> int:
        return b_stream[q - 1] + 1 if q > 0 else 0

    for (p0, q0), (p1, q1) in zip(syncs, syncs[1:]):
        ops, approx = diff_codes(xs[p0:p1], ys[q0:q1], settings)
        if approx:
            approximate = True
            warnings.append(_timeout_warning(real_a(p0), real_b(q0), settings))
        for tag, x1, x2, y1, y2 in ops:
            for blk in _unstream(tag, p0 + x1, p0 + x2, q0 + y1, q0 + y2, a_stream, b_stream, real_a, real_b):
                blocks.append((blk.j1, seq, blk))
                seq += 1
    blocks.sort(key=lambda t: (t[0], t[2].j2 > t[2].j1, t[1]))
    merged = slide_to_boundaries(merge_blocks(blk for _, _, blk in blocks), parent, child)
    return Alignment(parent, child, tuple(merged), approximate, tuple(warnings))


#: Closing marks that may follow a sentence's stop ('... said." The'): the sentence ends after them.
_CLOSERS = frozenset("\"”’'»)]")


def _boundary(tokens, starts: list[bool], k: int) -> int:
    """How good a place the gap before token ``k`` is for an edit's edge: the text's edge 5, a
    paragraph break 4, after a sentence's stop (and its closing marks) 3, after a comma, colon or
    semicolon 1, else 0 (diff-match-patch's lossless cleanup scores character gaps the same way)."""
    if k <= 0 or k >= len(tokens):
        return 5
    if starts[k]:
        return 4
    back = k - 1
    while back > 0 and tokens[back].text in _CLOSERS:
        back -= 1
    if tokens[back].text in SENTENCE_ENDERS:
        return 3
    return 1 if tokens[k - 1].text in (",", ";", ":", "،", "؛", "，", "；", "：") else 0


def slide_to_boundaries(blocks: list[Block], parent: Document, child: Document) -> list[Block]:
    """``blocks`` with each run only inserted (or only deleted) between two equal blocks slid to its
    best place (invariant: the same opcodes over the same tokens, only the run's position changes).

    A run whose last token equals the token before it can move one token left with the same cost,
    and likewise right: a sentence inserted before a sentence that starts with the same word ("...
    profits. The officials declined to comment. The company ...") may be diffed as "officials
    declined to comment. The" inserted after "The", which reads as text reworded and shifts every
    span. Among the equally short positions the run takes the one with the best edges
    (:func:`_boundary`, summed over both edges), nearest its first place on a tie; the word diff
    works on token codes, where diff-match-patch's own boundary cleanup sees no spaces or stops."""
    out = list(blocks)
    if len(out) < 3:
        return out
    side_cache: dict[bool, tuple] = {}

    def side(inserted: bool):
        if inserted not in side_cache:
            doc = child if inserted else parent
            side_cache[inserted] = (doc.tokens, paragraph_starts(doc))
        return side_cache[inserted]

    for k in range(1, len(out) - 1):
        prev, blk, nxt = out[k - 1], out[k], out[k + 1]
        if blk.move or prev.move or nxt.move or prev.tag != "equal" or nxt.tag != "equal":
            continue
        inserted = blk.tag == "insert"
        if not inserted and blk.tag != "delete":
            continue
        if not (prev.i2 == blk.i1 and prev.j2 == blk.j1 and nxt.i1 == blk.i2 and nxt.j1 == blk.j2):
            continue
        toks, starts = side(inserted)
        a, b = (blk.j1, blk.j2) if inserted else (blk.i1, blk.i2)
        room_left = (prev.j2 - prev.j1) if inserted else (prev.i2 - prev.i1)
        room_right = (nxt.j2 - nxt.j1) if inserted else (nxt.i2 - nxt.i1)
        left = 0
        while left < room_left and toks[a - left - 1].norm == toks[b - left - 1].norm:
            left += 1
        right = 0
        while right < room_right and toks[a + right].norm == toks[b + right].norm:
            right += 1
        if not left and not right:
            continue
        shift = max(range(-left, right + 1),
                    key=lambda s: (_boundary(toks, starts, a + s) + _boundary(toks, starts, b + s), -abs(s), -s))
        if not shift:
            continue
        out[k - 1] = Block("equal", prev.i1, prev.i2 + shift, prev.j1, prev.j2 + shift)
        out[k] = Block(blk.tag, blk.i1 + shift, blk.i2 + shift, blk.j1 + shift, blk.j2 + shift)
        out[k + 1] = Block("equal", nxt.i1 + shift, nxt.i2, nxt.j1 + shift, nxt.j2)
    return merge_blocks(b for b in out if b.i2 > b.i1 or b.j2 > b.j1)


def _stream_pos(stream: array, i: int) -> int | None:
    """Position of real index ``i`` in a sorted stream, or ``None`` when it is not in the stream."""
    p = bisect_left(stream, i)
    return p if p < len(stream) and stream[p] == i else None


def _timeout_warning(i: int, j: int, settings: Settings) -> str:
    return (
        f"word diff from parent token {i} / child token {j} timed out after {settings.align.diff_timeout}s; "
        "that region may be shown as coarser replacements than the minimal diff"
    )


def _runs(stream: list[int], lo: int, hi: int):
    """Contiguous runs ``(real_start, real_end)`` of ``stream[lo:hi]``."""
    runs = []
    for p in range(lo, hi):
        v = stream[p]
        if runs and runs[-1][1] == v:
            runs[-1][1] = v + 1
        else:
            runs.append([v, v + 1])
    return runs


def _unstream(tag, p1, p2, q1, q2, a_stream, b_stream, real_a, real_b):
    """Map a stream opcode back to blocks over real token indexes, split at holes."""
    if tag == "equal":
        # Streams are increasing, so a run is contiguous on a side when its ends are that far apart.
        if a_stream[p2 - 1] - a_stream[p1] == p2 - 1 - p1 and b_stream[q2 - 1] - b_stream[q1] == q2 - 1 - q1:
            return [Block("equal", a_stream[p1], a_stream[p2 - 1] + 1, b_stream[q1], b_stream[q2 - 1] + 1)]
        out, start = [], 0
        for k in range(1, p2 - p1 + 1):
            end_run = k == p2 - p1 or a_stream[p1 + k] != a_stream[p1 + k - 1] + 1 or (
                b_stream[q1 + k] != b_stream[q1 + k - 1] + 1
            )
            if end_run:
                i, j = a_stream[p1 + start], b_stream[q1 + start]
                out.append(Block("equal", i, i + k - start, j, j + k - start))
                start = k
        return out
    ra, rb = _runs(a_stream, p1, p2), _runs(b_stream, q1, q2)
    if len(ra) == 1 and len(rb) == 1:
        return [Block("replace", ra[0][0], ra[0][1], rb[0][0], rb[0][1])]
    out = []
    j_at, i_at = real_b(q1), real_a(p1)
    for i1, i2 in ra:
        out.append(Block("delete", i1, i2, j_at, j_at))
    for j1, j2 in rb:
        out.append(Block("insert", i_at, i_at, j1, j2))
    return out

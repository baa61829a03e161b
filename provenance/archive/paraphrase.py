"""Candidates that survive paraphrase: each document's nearest neighbour by rare content words.

A newspaper that rewrites every sentence of an agency story keeps almost none of its 12-letter
runs, so the character shingles of :mod:`provenance.archive.charshingles` never pair the two (on
the COUNTER dev half, 4 of 62 wholly derived pairs share 0-5% of their hashes). It still keeps the
story's rare words: names, places, figures in words, the event's own vocabulary. Here each
document's *content words* (:func:`provenance.lineage.reuse.content_words`: not in the frequent-word
table) held by at most ``max_df`` documents of the archive are weighted by inverse document
frequency, and each document proposes the one document whose weighted word set is closest to its
own (cosine) as a candidate. The reuse model then verifies it, at a stricter bar than character
candidates (``settings.archive.paraphrase_min_p_derived``): two stories of one event share names too.

Pure (word sets in, pairs out); deterministic: ties break on the partner's id. Cost: per rare word,
the pairs of the documents holding it (at most ``max_df`` (``max_df`` - 1) / 2), so it is run on
archives of at most ``settings.archive.paraphrase_max_documents`` documents (their words are read
from the texts at clustering time).
"""

from __future__ import annotations

import math
from collections import Counter
from typing import Iterable, Mapping

__all__ = ["nearest_by_content"]


def nearest_by_content(
    words: Mapping[str, Iterable[str]],
    max_df: int,
    outlets: Mapping[str, str] | None = None,
    exclude: Iterable[tuple[str, str]] = (),
    only: Iterable[str] | None = None,
    min_margin: float = 1.0,
) -> list[tuple[str, str]]:
    """For each document of ``words`` (id -> its content words), the pair with its nearest neighbour
    (module docstring), as ``(smaller id, larger id)``, each pair once, sorted.

    Only words held by 2..``max_df`` documents count; a document with none has no neighbour.
    Neighbours with the same non-empty outlet (``outlets``: id -> outlet) are skipped (an outlet's
    own stories on one subject are not syndication), and so are pairs in ``exclude`` (either order:
    pairs already candidates). ``only``: the documents that propose (default: all of them); their
    nearest neighbour may be any document. ``min_margin``: a document proposes only when its nearest
    neighbour's cosine is at least this many times its second nearest's: the source of a rewrite
    stands out among the documents that share a few of its words, the nearest of an unrelated
    document barely does.
    """
    sets = {d: frozenset(ws) for d, ws in words.items()}
    df = Counter(w for ws in sets.values() for w in ws)
    n = len(sets)
    # a word every document holds weighs nothing (log 1): in a small archive, left out
    idf = {w: math.log(n / c) for w, c in df.items() if 2 <= c <= max_df and c < n}
    # sorted walks, so that every sum adds in one order whatever the hash seed (the margin test
    # compares sums)
    holders: dict[str, list[str]] = {}
    for d in sorted(sets):
        for w in sorted(sets[d]):
            if w in idf:
                holders.setdefault(w, []).append(d)
    dot: Counter = Counter()
    for w, ds in holders.items():
        weight = idf[w] ** 2
        for i, a in enumerate(ds):
            for b in ds[i + 1:]:
                dot[(a, b)] += weight
    norm = {d: math.sqrt(math.fsum(idf[w] ** 2 for w in ws if w in idf)) for d, ws in sets.items()}
    outlets = outlets or {}
    skip = {(min(a, b), max(a, b)) for a, b in exclude}
    best: dict[str, tuple[float, str]] = {}
    second: dict[str, float] = {}
    for (a, b), v in dot.items():
        if outlets.get(a) and outlets.get(a) == outlets.get(b):
            continue
        cos = v / (norm[a] * norm[b])  # v > 0 holds a shared word of positive weight: norms > 0
        for x, y in ((a, b), (b, a)):
            # the highest cosine; on a tie, the smaller id
            if x not in best or (cos, _neg(y)) > (best[x][0], _neg(best[x][1])):
                if x in best:
                    second[x] = max(second.get(x, 0.0), best[x][0])
                best[x] = (cos, y)
            else:
                second[x] = max(second.get(x, 0.0), cos)
    proposers = best.keys() if only is None else set(only) & best.keys()
    pairs = {(min(x, best[x][1]), max(x, best[x][1])) for x in proposers
             if best[x][0] >= min_margin * second.get(x, 0.0)}
    return sorted(pairs - skip)


def _neg(doc_id: str) -> tuple[int, ...]:
    """A key that sorts ids in reverse (so that ``max`` prefers the smaller id)."""
    return tuple(-ord(c) for c in doc_id) + (1,)

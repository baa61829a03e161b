"""Character-shingle candidate counting of ``provenance cluster`` (issue #16: 100k articles in under 10
minutes), against per-hash Python counting measured in the same run on the same fingerprints.

    python benchmarks/bench_char_candidates.py INDEX.db [--baseline/--no-baseline]

Reads the index's character fingerprints at the archive's sample (as ``cluster`` does), then, each in
a fresh child process (so that each peak RSS is its own): ``iter_candidate_pairs`` as shipped
(postings by sorted hash buckets, pairs counted a step of documents at a time in numpy), and the
baseline, the algorithm of stop 26 in plain Python (postings of the hashes held twice in a
dictionary, one ``Counter`` of partners per document). Both count with the cluster pre-filter's
containment floor, and the candidates must be identical (their digest is printed). The README's
archives come from ``benchmarks/gen_corpus.py --seed 1`` and ``provenance index add``.
"""

from __future__ import annotations

import argparse
import hashlib
import multiprocessing
import resource
import time
from bisect import bisect_left
from collections import Counter
from pathlib import Path

from provenance import DEFAULT_SETTINGS
from provenance.archive.charshingles import iter_candidate_pairs
from provenance.archive.cluster import char_sample_for
from provenance.archive.index import Index


def baseline_pairs(fingerprints, settings, min_shared: int, min_containment: float):
    """Stop 26's counting, spelled out: ``(a, b, shared, frequent, exclusive, rare)`` in (a, b) order."""
    a_s = settings.archive
    ids = [d for d, _ in fingerprints]
    fp_of = [tuple(dict.fromkeys(h)) for _, h in fingerprints]
    sizes = [len(h) for _, h in fingerprints]
    seen, twice = set(), set()
    for fp in fp_of:
        for h in fp:
            (twice if h in seen else seen).add(h)
    del seen
    postings: dict[int, list[int]] = {}
    for k, fp in enumerate(fp_of):
        for h in fp:
            if h in twice:
                postings.setdefault(h, []).append(k)
    floor = min_containment - 1e-9
    for i, fp in enumerate(fp_of):
        shared, frequent, exclusive, rare = Counter(), Counter(), Counter(), Counter()
        for h in fp:
            posting = postings.get(h)
            if posting is None:
                continue
            df, pos = len(posting), bisect_left(posting, i)
            if df > a_s.full_link_df and pos >= a_s.representatives:
                continue
            later = posting[pos + 1:]
            shared.update(later)
            if df > a_s.furniture_df:
                frequent.update(later)
            if df == 2:
                exclusive.update(later)
            if df <= a_s.rare_max_df:
                rare.update(later)
        for j in sorted(j for j, c in shared.items()
                        if c >= min_shared and c >= floor * min(sizes[i], sizes[j])):
            yield ids[i], ids[j], shared[j], frequent[j], exclusive[j], rare[j]


def shipped_pairs(fingerprints, settings, min_shared: int, min_containment: float):
    for c in iter_candidate_pairs(fingerprints, settings, min_shared=min_shared, min_containment=min_containment):
        yield c.a, c.b, c.shared, c.frequent, c.exclusive, c.rare


def _run(method: str, db: str, queue) -> None:
    settings = DEFAULT_SETTINGS
    with Index.open(db, readonly=True) as idx:
        sample = char_sample_for(idx.char_fingerprint_sizes())
        fingerprints = [(doc_id, hashes) for doc_id, _, _, hashes in idx.char_fingerprints(sample)]
    before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    min_shared = max(2, -(-settings.archive.char_min_shared // sample))
    count = shipped_pairs if method == "shipped" else baseline_pairs
    t0 = time.perf_counter()
    digest, n = hashlib.sha256(), 0
    for pair in count(fingerprints, settings, min_shared, settings.archive.verify_min_containment):
        digest.update(repr(pair).encode())
        n += 1
    seconds = time.perf_counter() - t0
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    queue.put((len(fingerprints), sum(map(len, (h for _, h in fingerprints))), seconds, before, peak, n,
               digest.hexdigest()[:16]))


def measure(method: str, db: str):
    ctx = multiprocessing.get_context("fork")
    queue = ctx.Queue()
    proc = ctx.Process(target=_run, args=(method, db, queue))
    proc.start()
    result = queue.get()
    proc.join()
    return result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("db", type=Path, help="an index made by `provenance index add`")
    parser.add_argument("--baseline", action=argparse.BooleanOptionalAction, default=True,
                        help="also run stop 26's per-hash counting (default: yes)")
    args = parser.parse_args()
    rows = [("shipped", measure("shipped", str(args.db)))]
    if args.baseline:
        rows.append(("baseline (stop 26, per hash)", measure("baseline", str(args.db))))
    docs, hashes = rows[0][1][:2]
    print(f"{docs:,} documents, {hashes:,} sampled hashes")
    for name, (_, _, seconds, before, peak, n, digest) in rows:
        print(f"{name:30s} {seconds:8.1f} s   peak RSS {peak / 1024:7.0f} MiB "
              f"(+{(peak - before) / 1024:.0f} over the fingerprints)   {n:,} candidates, digest {digest}")
    if len(rows) == 2:
        (_, new), (_, old) = rows
        same = "identical" if new[5:] == old[5:] else "DIFFERENT"
        print(f"time: x{old[2] / new[2]:.1f} faster; candidates {same}")


if __name__ == "__main__":
    main()

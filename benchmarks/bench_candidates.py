"""Measure candidate search on a generated archive: recall of planted pairs, time and peak memory.

Usage::

    python benchmarks/gen_corpus.py --n-articles 100000 -o /tmp/a100k.jsonl
    python benchmarks/bench_candidates.py /tmp/a100k.jsonl --db /tmp/a100k.db [--workers 2]

Phases: *add* (read the JSONL, tokenize, fingerprint, ``Index.add_entries``) and *pairs*
(``Index.candidate_pairs``). Recall is over the truth file's planted pairs (``copy`` pairs and all
pairs); "unplanted" counts candidate pairs not in the truth (accidental overlap: shared boilerplate,
stock phrases, reused source text); ``by_min_shared`` shows both for stricter thresholds. Peak RSS
is ``ru_maxrss`` of this process and, separately, of its largest worker (each worker holds one
document at a time); CPU seconds are given too, since wall time depends on the machine's load.
"""

from __future__ import annotations

import argparse
import json
import multiprocessing
import resource
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from provenance.inputs.documents import make_document  # noqa: E402
from provenance.archive.index import DEFAULT_K, DEFAULT_SAMPLE, Index, prepare_entry  # noqa: E402


def read_records(path: Path):
    with open(path, encoding="utf-8") as fh:
        for line in fh:
            yield json.loads(line)


def entry_of(record: dict, k: int = DEFAULT_K, sample: int = DEFAULT_SAMPLE):
    meta = {key: record[key] for key in ("outlet", "date", "title", "url") if record.get(key)}
    return prepare_entry(make_document(record["id"], record["text"], meta), k, sample)


def _entry_of_line(line: str):
    return entry_of(json.loads(line))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("archive")
    parser.add_argument("--truth", help="default: ARCHIVE with .truth.jsonl")
    parser.add_argument("--db", required=True, help="index file (removed first unless --keep)")
    parser.add_argument("--keep", action="store_true", help="add to an existing index")
    parser.add_argument("--workers", type=int, default=1, help="processes for tokenizing and fingerprinting")
    parser.add_argument("--min-shared", type=int, default=4)
    parser.add_argument("--posting-cap", type=int, default=100)
    parser.add_argument("--json", help="write the results here as JSON")
    args = parser.parse_args(argv)

    archive = Path(args.archive)
    truth_path = Path(args.truth) if args.truth else archive.with_name(archive.name.removesuffix(".jsonl") + ".truth.jsonl")
    db = Path(args.db)
    if not args.keep:
        for suffix in ("", "-wal", "-shm"):
            Path(f"{db}{suffix}").unlink(missing_ok=True)

    t0 = time.perf_counter()
    with Index.open(db) as index:
        if args.workers > 1:
            with multiprocessing.get_context("fork").Pool(args.workers) as pool, open(archive, encoding="utf-8") as fh:
                report = index.add_entries(pool.imap(_entry_of_line, fh, chunksize=32))
        else:
            report = index.add_entries(entry_of(r) for r in read_records(archive))
        t_add = time.perf_counter() - t0
        rss_add = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
        t1 = time.perf_counter()
        found = {(a, b) if a < b else (b, a): shared for a, b, shared in index.candidate_pairs(args.min_shared, args.posting_cap)}
        t_pairs = time.perf_counter() - t1
        stats = index.stats()

    planted, copies = set(), set()
    for record in read_records(truth_path):
        pair = (record["a"], record["b"])
        planted.add(pair)
        if record["relation"] == "copy":
            copies.add(pair)
    hit = planted & found.keys()
    results = {
        "articles": stats.documents,
        "added": report.added,
        "shingle_rows": stats.shingles,
        "db_mib": round(stats.bytes_on_disk / 2**20, 1),
        "add_s": round(t_add, 1),
        "pairs_s": round(t_pairs, 1),
        "candidate_pairs": len(found),
        "planted_pairs": len(planted),
        "recall_all": round(len(hit) / len(planted), 4) if planted else None,
        "recall_copy": round(len(copies & found.keys()) / len(copies), 4) if copies else None,
        "unplanted_pairs": len(found.keys() - planted),
        "peak_rss_mib_main": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024),
        "peak_rss_mib_add_phase": round(rss_add),
        "peak_rss_mib_worker": round(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024),
        "workers": args.workers,
        "cpu_s_main": round(sum(resource.getrusage(resource.RUSAGE_SELF)[:2]), 1),
        "cpu_s_workers": round(sum(resource.getrusage(resource.RUSAGE_CHILDREN)[:2]), 1),
    }
    if planted:
        # How the threshold trades recall for accidental pairs (useful for choosing min_shared).
        by_shared = {}
        for pair, shared in found.items():
            row = by_shared.setdefault(min(shared, 12), [0, 0])
            row[pair in planted] += 1
        results["by_min_shared"] = {}
        hits = misses = 0
        for shared in range(12, args.min_shared - 1, -1):
            unplanted, planted_here = by_shared.get(shared, (0, 0))
            hits, misses = hits + planted_here, misses + unplanted
            results["by_min_shared"][shared] = {"recall_all": round(hits / len(planted), 4), "unplanted": misses}
    text = json.dumps(results, indent=2)
    print(text)
    if args.json:
        Path(args.json).write_text(text + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())

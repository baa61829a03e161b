"""Wall-clock phases of ``provenance cluster`` on an index (issue #16): when the fingerprints are read,
when the candidate counting ends (the first verification result is taken only then), when
verification ends, and when the last cluster is traced.

    python benchmarks/bench_cluster_phases.py INDEX.db [--jobs N]

It runs the pipeline the command runs (``reuse_cluster_records`` with a local process pool), writes
the clusters to a temporary file and prints the times from the progress callback. The archives of
the README's scale tables come from ``benchmarks/gen_corpus.py --seed 1`` and ``provenance index add``.
"""

from __future__ import annotations

import argparse
import json
import tempfile
import time
from pathlib import Path

from provenance import DEFAULT_SETTINGS
from provenance.archive.cluster import IndexLoader, char_sample_for, reuse_cluster_records
from provenance.archive.index import Index
from provenance.archive.mapper import Mapper


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("db", type=Path, help="an index made by `provenance index add`")
    parser.add_argument("--jobs", type=int, default=None, help="worker processes (default: the CPUs)")
    args = parser.parse_args()
    t0 = time.perf_counter()
    marks: dict[str, list] = {}

    def progress(stage: str, done: int, total: int | None = None) -> None:
        now = time.perf_counter() - t0
        mark = marks.setdefault(stage, [now, now, 0])
        mark[1], mark[2] = now, done

    with Index.open(str(args.db)) as idx:
        sample = char_sample_for(idx.char_fingerprint_sizes())
        fingerprints = [(doc_id, hashes) for doc_id, _, _, hashes in idx.char_fingerprints(sample)]
        outlets = idx.outlets()
    read = time.perf_counter() - t0
    loader = IndexLoader(str(args.db.resolve()))
    n = 0
    with Mapper(None, None, args.jobs) as mapper, tempfile.TemporaryFile("w", encoding="utf-8") as out:
        for record in reuse_cluster_records(fingerprints, loader, DEFAULT_SETTINGS, mapper=mapper,
                                            progress=progress, sample=sample, outlets=outlets):
            out.write(json.dumps(record.story, ensure_ascii=False) + "\n")
            n += 1
    print(f"{len(fingerprints):,} documents, {n:,} clusters, {time.perf_counter() - t0:.1f} s in all")
    print(f"fingerprints read by {read:.1f} s")
    for stage, (first, last, done) in marks.items():
        print(f"{stage}: first at {first:.1f} s, last at {last:.1f} s ({done:,})")


if __name__ == "__main__":
    main()

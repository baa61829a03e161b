"""Wall-clock phases of ``provenance cluster`` on an index (issue #16): when the fingerprints are read,
when the candidate counting ends (the first verification result is taken only then), when
verification ends, and when the last cluster is traced.

    python benchmarks/bench_cluster_phases.py INDEX.db [--jobs N] [--gc-baseline]

It runs the pipeline the command runs (``reuse_cluster_records`` with a local process pool), writes
the clusters to a temporary file and prints the times from the progress callback. The archives of
the README's scale tables come from ``benchmarks/gen_corpus.py --seed 1`` and ``provenance index add``.

``--gc-baseline``: two runs, each in a fresh process, first with Python's cyclic garbage collector
left running in the work items (as before stop 28: ``provenance.archive.mapper.cyclic_gc_paused``
made a no-op in forked workers; refused where workers are not forked), then as shipped; it prints
both and their ratio, and whether the two wrote the same clusters (a digest of the JSON Lines).
"""

from __future__ import annotations

import argparse
import gc
import hashlib
import json
import re
import subprocess
import sys
import tempfile
import time
import types
from pathlib import Path

from provenance import DEFAULT_SETTINGS
from provenance.archive.cluster import IndexLoader, char_sample_for, reuse_cluster_records
from provenance.archive.index import Index
from provenance.archive.mapper import Mapper


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("db", type=Path, help="an index made by `provenance index add`")
    parser.add_argument("--jobs", type=int, default=None, help="worker processes (default: the CPUs)")
    parser.add_argument("--gc-baseline", action="store_true",
                        help="run with the collector left on in work items, then as shipped (fresh processes)")
    parser.add_argument("--collector-on", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.gc_baseline:
        return compare_gc(args)
    if args.collector_on:
        # the pause reads the module's ``gc`` when an item starts; forked workers inherit this, and
        # workers started otherwise would run the shipped pause: the baseline is refused there
        import multiprocessing

        from provenance.archive import mapper as mapper_module

        if multiprocessing.get_start_method() != "fork":
            sys.exit(f"--gc-baseline needs forked worker processes (start method here: "
                     f"{multiprocessing.get_start_method()})")

        mapper_module.gc = types.SimpleNamespace(isenabled=gc.isenabled, enable=gc.enable, disable=lambda: None)
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
    digest = hashlib.sha256()
    with Mapper(None, None, args.jobs) as mapper, tempfile.TemporaryFile("w", encoding="utf-8") as out:
        for record in reuse_cluster_records(fingerprints, loader, DEFAULT_SETTINGS, mapper=mapper,
                                            progress=progress, sample=sample, outlets=outlets):
            line = json.dumps(record.story, ensure_ascii=False) + "\n"
            out.write(line)
            digest.update(line.encode("utf-8"))
            n += 1
    print(f"{len(fingerprints):,} documents, {n:,} stories, {time.perf_counter() - t0:.1f} s in all")
    print(f"clusters digest {digest.hexdigest()[:16]}")
    print(f"fingerprints read by {read:.1f} s")
    for stage, (first, last, done) in marks.items():
        print(f"{stage}: first at {first:.1f} s, last at {last:.1f} s ({done:,})")


def compare_gc(args) -> None:
    """The ``--gc-baseline`` runs (module docstring)."""
    runs = {}
    for name, extra in (("collector on in work items (baseline)", ["--collector-on"]), ("as shipped", [])):
        cmd = [sys.executable, __file__, str(args.db), *(["--jobs", str(args.jobs)] if args.jobs else []), *extra]
        out = subprocess.run(cmd, check=True, capture_output=True, text=True).stdout
        seconds = float(re.search(r"([\d.]+) s in all", out).group(1))
        runs[name] = (seconds, re.search(r"clusters digest (\w+)", out).group(1))
        print(f"--- {name}\n{out}", end="")
    (base, d0), (new, d1) = runs.values()
    print(f"cluster time: {base:.1f} s -> {new:.1f} s (x{base / new:.2f} faster); "
          f"clusters {'identical' if d0 == d1 else 'DIFFERENT'} (digest {d1})")


if __name__ == "__main__":
    main()

"""Speed of ``trace_documents`` against the CollateX Python port, and the seed acceptance check.

In one run:

* ``make_document`` + ``trace_documents`` on the three seed story articles (AFP wire, Moscow Times and London Daily
  reprints; ``examples/``), median of several runs;
* ``trace_documents`` on three documents of ~1,000 words built from real text: consecutive
  paragraphs of Darwin's *Origin*, chapter 1 (shared data set ``collatex-darwin-origin-of-species``),
  in the 1859, 1861 and 1872 editions, so one text and two successive real revisions of it;
* the baseline: CollateX (``collate(collation, output="table", segmentation=False)``) on the three
  seeds, in a subprocess stopped after 120 s (reported as '>120 s');
* the seed acceptance: the four seed articles (with the unrelated Lavrov story) under random
  neutral file names, in all 24 argument orders: AFP must be the source, both reprints must hang
  under it and Lavrov must be unrelated.

Run: ``python benchmarks/bench_seeds_speed.py [--data DIR] [--runs N]``
"""

from __future__ import annotations

import argparse
import json
import random
import statistics
import subprocess
import sys
import time
from itertools import permutations
from pathlib import Path

from tabulate import tabulate

from provenance import make_document, trace_documents

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT.parent / "shared" / "data"
EXAMPLES = ROOT / "examples"
AFP, MT, LD, LAVROV = ("afp_wire_putin_strikes.txt", "moscow_times_reprint.txt", "london_daily_reprint.txt",
                       "lavrov_unrelated.txt")
BASELINE_TIMEOUT = 120.0

_COLLATEX = """
import json, sys, time
from collatex import Collation, collate
collation = Collation()
for sigil, path in json.loads(sys.argv[1]):
    collation.add_plain_witness(sigil, open(path, encoding="utf-8").read())
t0 = time.perf_counter()
collate(collation, output="table", segmentation=False)
print(json.dumps({"seconds": time.perf_counter() - t0}))
"""


def time_trace(docs, runs: int) -> tuple[float, float]:
    """Median wall and CPU seconds of tokenizing and tracing ``docs`` from their text, over ``runs`` runs.

    Documents are rebuilt each run: they memoise derived views, which would flatter later runs.
    """
    walls, cpus = [], []
    for _ in range(runs):
        t0, c0 = time.perf_counter(), time.process_time()
        trace_documents([make_document(d.id, d.text) for d in docs])
        walls.append(time.perf_counter() - t0)
        cpus.append(time.process_time() - c0)
    return statistics.median(walls), statistics.median(cpus)


def time_collatex(paths: list[Path]) -> tuple[float | None, str]:
    """Seconds CollateX takes to collate ``paths`` (None on timeout or failure) and a note."""
    witnesses = json.dumps([[p.stem[:3].upper(), str(p)] for p in paths])
    t0 = time.perf_counter()
    try:
        done = subprocess.run([sys.executable, "-c", _COLLATEX, witnesses], capture_output=True, text=True,
                              timeout=BASELINE_TIMEOUT)
    except subprocess.TimeoutExpired:
        return None, f">{BASELINE_TIMEOUT:.0f} s (stopped)"
    if done.returncode:
        last = (done.stderr.strip().splitlines() or ["no output"])[-1]
        return None, f"failed: {last} (pip install collatex Levenshtein)"
    inner = json.loads(done.stdout.strip().splitlines()[-1])["seconds"]
    return inner, f"collate() only; {time.perf_counter() - t0:.1f} s with interpreter start and import"


def darwin_documents(path: Path, words: int = 1000) -> list:
    """The same consecutive chapter-1 paragraphs in three editions, ~``words`` words of 1859 text."""
    paragraphs = json.loads(path.read_text(encoding="utf-8"))
    chosen, n = [], 0
    for pid in sorted(paragraphs, key=lambda p: int(p.split("-")[1])):
        texts = paragraphs[pid]
        if {"1859", "1861", "1872"} <= set(texts) and n < words:
            chosen.append(texts)
            n += len(texts["1859"].split())
    return [make_document(f"darwin_{year}", "\n\n".join(t[year] for t in chosen) + "\n") for year in ("1859", "1861", "1872")]


def descendants(tree, root: str) -> set[str]:
    out, todo = set(), [root]
    while todo:
        node = todo.pop()
        for e in tree:
            if e.parent == node and e.child not in out:
                out.add(e.child)
                todo.append(e.child)
    return out


def seed_acceptance(seed: int) -> list[tuple[str, bool]]:
    """Trace the four seeds in every order under fresh random names; one (check, passed) per check."""
    texts = {name: (EXAMPLES / name).read_text(encoding="utf-8") for name in (AFP, MT, LD, LAVROV)}
    rng = random.Random(seed)
    results = []
    for order in permutations(texts):
        alias = {name: f"doc_{rng.getrandbits(40):010x}.txt" for name in order}
        trace = trace_documents([make_document(alias[name], texts[name]) for name in order])
        story = next((s for s in trace.stories if alias[AFP] in s.documents), None)
        under = descendants(story.tree, alias[AFP]) if story else set()
        results += [
            ("AFP is the source", bool(story) and story.source == alias[AFP]),
            ("Moscow Times under AFP", alias[MT] in under),
            ("London Daily under AFP", alias[LD] in under),
            ("Lavrov unrelated", alias[LAVROV] in trace.unrelated),
            ("all four", bool(story) and story.source == alias[AFP] and {alias[MT], alias[LD]} <= under
             and alias[LAVROV] in trace.unrelated),
        ]
    return results


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=DATA, help="the shared data directory (default: %(default)s)")
    parser.add_argument("--runs", type=int, default=5, help="runs of each trace; the median is reported (%(default)s)")
    parser.add_argument("--seed", type=int, default=0, help="seed of the random file names (%(default)s)")
    args = parser.parse_args()
    darwin = args.data / "collatex-darwin-origin-of-species" / "darwin_ch1_paragraphs.normalized.json"
    if not darwin.is_file():
        sys.exit(f"bench_seeds_speed: data set not found at {darwin}; it is optional (pass --data DIR to point at it)")

    print(f"data: {EXAMPLES} (seeds), {darwin} (~1,000-word documents)")
    print(f"command: python benchmarks/bench_seeds_speed.py --data {args.data} --runs {args.runs} --seed {args.seed}\n")

    seed_paths = [EXAMPLES / name for name in (AFP, MT, LD)]
    seeds = [make_document(p.name, p.read_text(encoding="utf-8")) for p in seed_paths]
    synthetic = darwin_documents(darwin)
    rows = []
    seeds_wall, seeds_cpu = time_trace(seeds, args.runs)
    rows.append(["provenance make_document + trace_documents", "3 seed articles", sum(len(d.text.split()) for d in seeds),
                 f"median of {args.runs}", f"{seeds_wall:.3f}", f"{seeds_cpu:.3f}"])
    syn_wall, syn_cpu = time_trace(synthetic, args.runs)
    rows.append(["provenance make_document + trace_documents", "3 Darwin documents (1859/1861/1872)",
                 " / ".join(str(len(d.text.split())) for d in synthetic), f"median of {args.runs}",
                 f"{syn_wall:.3f}", f"{syn_cpu:.3f}"])
    base, note = time_collatex(seed_paths)
    rows.append(["CollateX (baseline), segmentation=False", "3 seed articles", sum(len(d.text.split()) for d in seeds),
                 "1", f"{base:.1f}" if base is not None else note, "-"])
    print(tabulate(rows, headers=["what", "input", "words", "runs", "wall s", "CPU s"]))
    print(f"CollateX: {note}")
    if base is not None:
        print(f"ratio CollateX / provenance on the seeds: {base / seeds_wall:.0f}x")
    else:
        print(f"ratio CollateX / provenance on the seeds: over {BASELINE_TIMEOUT / seeds_wall:.0f}x")
    trace = trace_documents(synthetic)
    for story in trace.stories:
        print(f"Darwin documents: source {story.source} (confidence {story.confidence:.2f}), tree "
              + ", ".join(f"{e.parent} -> {e.child}" for e in story.tree))

    print("\nSeed acceptance: 4 seed articles, 24 argument orders, random neutral file names")
    results = seed_acceptance(args.seed)
    checks = list(dict.fromkeys(c for c, _ in results))
    print(tabulate([[c, sum(ok for cc, ok in results if cc == c), sum(not ok for cc, ok in results if cc == c)]
                    for c in checks], headers=["check", "pass", "fail"]))


if __name__ == "__main__":
    main()

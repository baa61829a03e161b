"""Archive scale: `provenance index add` + `provenance cluster` on synthetic archives of real text.

For each size (default 10k, 50k, 100k articles of ~600 words) the script generates an archive with
planted reprint clusters (``benchmarks/gen_corpus.py``: real paragraphs, realistic edits), then runs
the two commands exactly as a user would, each in its own process, and prints wall time, articles
per second and peak RSS (the larger of the two processes), plus the recall and precision of planted
pairs: a planted pair is found when both articles end up in one reported cluster; a reported pair
is right when it was planted (copy or sibling of one story).

In the same run, the peer ``text-matcher`` (PyPI) compares 200 of the same articles, all pairs, and
the script prints its time next to ours on those 200 (index add + cluster). Targets on this 2-core
machine: 100k in under 10 minutes, peak memory under 2 GiB, 100k at most 12x the 10k time, recall
at least 0.98 and precision at least 0.99.

Run: ``pip install text-matcher`` (the peer; not a dependency of provenance), then
``python benchmarks/bench_scale.py [--sizes 10000,50000,100000] [--keep DIR] [--nltk-data DIR]``.
Without text-matcher the script says so and prints the rest.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
from itertools import combinations
from pathlib import Path

from tabulate import tabulate

HERE = Path(__file__).resolve().parent
DATA = HERE.parent.parent / "shared" / "data"

# Runs a command and prints its peak RSS (KiB) on stderr's last line: one process per measurement.
_RUNNER = """
import resource, subprocess, sys
rc = subprocess.call(sys.argv[1:])
print(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss, file=sys.stderr)
sys.exit(rc)
"""


def measure(cmd: list[str]) -> tuple[float, float]:
    """Wall seconds and peak RSS in MiB of ``cmd``; raises if it fails."""
    t0 = time.perf_counter()
    proc = subprocess.run([sys.executable, "-c", _RUNNER, *cmd], capture_output=True, text=True)
    wall = time.perf_counter() - t0
    if proc.returncode != 0:
        raise SystemExit(f"{' '.join(cmd)} failed ({proc.returncode}):\n{proc.stderr[-2000:]}")
    return wall, int(proc.stderr.strip().splitlines()[-1]) / 1024


def provenance_cmd(*args: str) -> list[str]:
    return [sys.executable, "-m", "provenance", *args]


def _level(r: dict, big: int | None) -> str:
    if big is not None and r["cluster"] == big:
        return "big story"
    if r["relation"] == "copy":
        return "partial copy" if (r.get("edits") or [""])[0] == "partial" else "wholly copy"
    return r["relation"]  # sibling, event


def planted_scores(truth: Path, clusters: Path, big_story: bool = False) -> dict:
    """Recall per level (wholly / partially derived copies, siblings, the big story's pairs), the
    precision of reported pairs (right when planted: copy or sibling), same-event pairs (hard
    negatives) reported, and how many clusters hold the big story (cluster 1) if there is one."""
    by_level: dict[str, set] = {}
    members_of_big: set = set()
    with open(truth) as fh:
        for line in fh:
            r = json.loads(line)
            level = _level(r, 1 if big_story else None)
            by_level.setdefault(level, set()).add((min(r["a"], r["b"]), max(r["a"], r["b"])))
            if level == "big story":
                members_of_big.update((r["a"], r["b"]))
    found = set()
    big_clusters = 0
    with open(clusters) as fh:
        for line in fh:
            docs = sorted(json.loads(line)["documents"])
            found.update(combinations(docs, 2))
            big_clusters += bool(members_of_big.intersection(docs))
    planted = set().union(*(v for k, v in by_level.items() if k != "event"))
    out = {"recall": len(planted & found) / len(planted) if planted else 0.0,
           "precision": len(planted & found) / len(found) if found else 0.0,
           "planted": len(planted), "found": len(found),
           "events": len(by_level.get("event", set())), "events_reported": len(by_level.get("event", set()) & found),
           "big_members": len(members_of_big), "big_clusters": big_clusters}
    for level in ("wholly copy", "partial copy", "sibling", "big story"):
        pairs = by_level.get(level, set())
        out[level] = (len(pairs & found) / len(pairs), len(pairs)) if pairs else None
    return out


def run_size(n: int, workdir: Path, seed: int, big_story: int = 0) -> dict:
    archive = workdir / f"archive_{n}.jsonl"
    truth = workdir / f"archive_{n}.truth.jsonl"
    subprocess.run([sys.executable, str(HERE / "gen_corpus.py"), "--n-articles", str(n), "--seed", str(seed),
                    "-o", str(archive), "--truth", str(truth), "--big-story", str(big_story)],
                   check=True, capture_output=True)
    db = workdir / f"index_{n}.db"
    out = workdir / f"clusters_{n}.jsonl"
    t_add, rss_add = measure(provenance_cmd("index", "add", str(db), str(archive), "--quiet"))
    t_cl, rss_cl = measure(provenance_cmd("cluster", str(db), "-o", str(out), "--quiet"))
    scores = planted_scores(truth, out, big_story > 0)
    return {"n": n, "add": t_add, "cluster": t_cl, "rss": max(rss_add, rss_cl), **scores, "archive": archive}


def peer_comparison(archive: Path, workdir: Path, k: int = 200, nltk_data: str | None = None) -> tuple[float | None, float, str]:
    """text-matcher on ``k`` articles (all pairs) vs provenance index add + cluster on the same."""
    sub = workdir / "peer"
    shutil.rmtree(sub, ignore_errors=True)
    (sub / "txt").mkdir(parents=True)
    lines = []
    with open(archive) as fh:
        for line in fh:
            lines.append(line)
            if len(lines) == k:
                break
    for n, line in enumerate(lines):
        (sub / "txt" / f"doc{n:04d}.txt").write_text(json.loads(line)["text"], encoding="utf-8")
    (sub / "sample.jsonl").write_text("".join(lines), encoding="utf-8")
    t0 = time.perf_counter()
    subprocess.run(provenance_cmd("cluster", str(sub / "sample.jsonl"), "-o", str(sub / "c.jsonl"), "--quiet"),
                   check=True, capture_output=True)
    ours = time.perf_counter() - t0
    # text-matcher's CLI crashes on a file compared with itself (dir vs same dir), so its own
    # Matcher runs every unordered pair in one process; stdout (its match listing) is discarded.
    proc = subprocess.run([sys.executable, "-c", _PEER, str(sub / "txt")], capture_output=True, text=True,
                          timeout=7200, cwd=sub,  # text-matcher writes a log.txt where it runs
                          env={**os.environ, **({"NLTK_DATA": nltk_data} if nltk_data else {})})
    if proc.returncode != 0:
        return None, ours, "text-matcher did not run: " + (proc.stderr.strip().splitlines() or ["?"])[-1][:160]
    return float(proc.stdout.strip().splitlines()[-1]), ours, ""


_PEER = """
import contextlib, io, sys, time
from pathlib import Path
from text_matcher.matcher import Matcher, Text
files = sorted(Path(sys.argv[1]).glob("*.txt"))
t0 = time.perf_counter()
texts = [Text(f.read_text(), f.name) for f in files]
with contextlib.redirect_stdout(io.StringIO()):
    for i in range(len(texts)):
        for j in range(i + 1, len(texts)):
            Matcher(texts[i], texts[j]).match()
print(time.perf_counter() - t0)
"""


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--sizes", default="10000,50000,100000")
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--big-story", type=int, default=500, metavar="N",
                    help="reprints of the first planted story (0: none)")
    ap.add_argument("--keep", default=None, help="keep the generated files in this directory")
    ap.add_argument("--nltk-data", default=None,
                    help="NLTK data directory for text-matcher (it needs the 'stopwords' corpus; NLTK downloads "
                         "it from GitHub, which this machine cannot reach)")
    args = ap.parse_args()
    if not DATA.is_dir():
        print(f"data sets not found at {DATA}: the generator builds articles from them")
        return 0
    sizes = [int(s) for s in args.sizes.split(",")]
    workdir = Path(args.keep or tempfile.mkdtemp(prefix="provenance-scale-"))
    workdir.mkdir(parents=True, exist_ok=True)
    print(f"machine: {os.cpu_count()} CPUs; archives in {workdir}")
    results = [run_size(n, workdir, args.seed, args.big_story) for n in sizes]
    rows = [[f"{r['n']:,}", f"{r['add']:.1f}", f"{r['cluster']:.1f}", f"{r['add'] + r['cluster']:.1f}",
             f"{r['n'] / (r['add'] + r['cluster']):.0f}", f"{r['rss']:.0f}", f"{r['recall']:.3f}",
             f"{r['precision']:.3f}", f"{r['planted']:,}", f"{r['found']:,}"] for r in results]
    print(tabulate(rows, headers=["articles", "index add s", "cluster s", "total s", "articles/s", "peak RSS MiB",
                                  "recall", "precision", "planted pairs", "reported pairs"]))
    if len(results) > 1:
        base, top = results[0], results[-1]
        ratio = (top["add"] + top["cluster"]) / (base["add"] + base["cluster"])
        print(f"\ntime {top['n']:,}/{base['n']:,} articles: x{ratio:.1f} for x{top['n'] / base['n']:.0f} the articles")
        extra = top["n"] - base["n"]
        if extra > 0:
            add_ms = 1000 * (top["add"] - base["add"]) / extra
            cl_ms = 1000 * (top["cluster"] - base["cluster"]) / extra
            print(f"cost of each further article ({base['n']:,} -> {top['n']:,}): index add {add_ms:.1f} ms, "
                  f"cluster {cl_ms:.1f} ms; a linear projection (not a measurement) to 100,000 articles: "
                  f"{top['add'] + top['cluster'] + (100_000 - top['n']) * (add_ms + cl_ms) / 1000:.0f} s")
            rss_kib = 1024 * (top["rss"] - base["rss"]) / extra
            print(f"peak RSS per further article: {rss_kib:.1f} KiB; a linear projection (not a measurement) "
                  f"to 100,000 articles: {top['rss'] + (100_000 - top['n']) * rss_kib / 1024:.0f} MiB")
    level_rows = []
    for r in results:
        cells = [f"{r['n']:,}"]
        for level in ("wholly copy", "partial copy", "sibling", "big story"):
            cells.append("-" if r[level] is None else f"{r[level][0]:.3f} of {r[level][1]:,}")
        cells += [f"{r['events_reported']} of {r['events']}",
                  f"{r['big_clusters']} ({r['big_members']} docs)" if r["big_members"] else "-"]
        level_rows.append(cells)
    print("\nrecall per derivation level; same-event stories (hard negatives) reported as reuse; clusters "
          "holding the big story")
    print(tabulate(level_rows, headers=["articles", "wholly copies", "partial copies", "siblings", "big story pairs",
                                        "same-event reported", "big story clusters"]))
    theirs, ours, note = peer_comparison(results[0]["archive"], workdir, nltk_data=args.nltk_data)
    if theirs is None:
        print(f"\npeer: {note}; provenance on 200 articles: {ours:.1f}s")
    else:
        print(f"\npeer on 200 articles, all 19,900 pairs: text-matcher {theirs:.1f}s, provenance (index add + "
              f"cluster, one process start) {ours:.1f}s: text-matcher takes x{theirs / ours:.1f}")
    if not args.keep:
        shutil.rmtree(workdir, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())

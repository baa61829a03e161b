"""Agreement with passim's reprint clusters on real OCR newspapers (Swiss French, 1900).

Data: ../shared/data/impresso-passim-swiss-newspapers-1900 (16,101 passages that passim grouped into
5,458 clusters; SILVER labels: passim's own output, not human truth). Every passage is one document
(id ``<article id>@<begin>``, outlet = newspaper series, date). The run indexes them with
``provenance.archive.index``, clusters them with the char-shingle path (candidates,
reuse-model verification, hub grouping, tracing: :func:`provenance.archive.cluster.reuse_cluster_records`
over the index's character fingerprints at the archive's chosen sample, in ``--jobs`` processes, as
``provenance cluster`` does) and compares the clusters with passim's:

* pairwise precision / recall / F1 over co-clustered passage pairs;
* B-cubed precision / recall / F1 (per passage, averaged);
* both on all passages and on passages of passim clusters of at most 10 members (the large ones are
  recurring notices and adverts).

It then prints samples of the disagreements for inspection. Run:
``python benchmarks/bench_passim.py [--limit N] [--samples K]``.
"""

from __future__ import annotations

import argparse
import json
import random
import sys
import tempfile
import time
from collections import Counter, defaultdict
from itertools import combinations
from pathlib import Path

from tabulate import tabulate

import os
from concurrent.futures import ProcessPoolExecutor

from provenance.archive.cluster import IndexLoader, char_sample_for, reuse_cluster_records
from provenance.inputs.documents import make_document
from provenance.settings import DEFAULT_SETTINGS
from provenance.archive.index import Index

DATA = Path(__file__).resolve().parent.parent.parent / "shared" / "data" / "impresso-passim-swiss-newspapers-1900"


def load_passages(limit: int | None):
    rows = []
    for part in sorted((DATA / "passim-output" / "out.json").glob("part-*.json")):
        with open(part, encoding="utf-8") as fh:
            for line in fh:
                r = json.loads(line)
                rows.append(r)
    rows.sort(key=lambda r: (r["cluster"], r["id"], r["begin"]))
    if limit:
        keep = sorted({r["cluster"] for r in rows})[:limit]
        keep_set = set(keep)
        rows = [r for r in rows if r["cluster"] in keep_set]
    return rows


def pairs_of(clusters) -> set[tuple[str, str]]:
    out = set()
    for members in clusters:
        out.update(combinations(sorted(members), 2))
    return out


def bcubed(pred: dict[str, int], gold: dict[str, int]) -> tuple[float, float, float]:
    pred_groups, gold_groups = defaultdict(set), defaultdict(set)
    for d, c in pred.items():
        pred_groups[c].add(d)
    for d, c in gold.items():
        gold_groups[c].add(d)
    p = r = 0.0
    for d in gold:
        ps, gs = pred_groups[pred[d]], gold_groups[gold[d]]
        inter = len(ps & gs)
        p += inter / len(ps)
        r += inter / len(gs)
    p, r = p / len(gold), r / len(gold)
    return p, r, (2 * p * r / (p + r) if p + r else 0.0)


def scores(pred: dict[str, int], gold: dict[str, int], subset: set[str]):
    pred = {d: c for d, c in pred.items() if d in subset}
    gold = {d: c for d, c in gold.items() if d in subset}
    pg, gg = defaultdict(list), defaultdict(list)
    for d, c in pred.items():
        pg[c].append(d)
    for d, c in gold.items():
        gg[c].append(d)
    pp, gp = pairs_of(pg.values()), pairs_of(gg.values())
    tp = len(pp & gp)
    prec = tp / len(pp) if pp else 0.0
    rec = tp / len(gp) if gp else 0.0
    f1 = 2 * prec * rec / (prec + rec) if prec + rec else 0.0
    return (prec, rec, f1), bcubed(pred, gold), pp, gp


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--limit", type=int, default=None, help="only the first N passim clusters (for a quick run)")
    ap.add_argument("--samples", type=int, default=6, help="disagreements to print per kind")
    ap.add_argument("--min-share", type=float, default=None,
                    help="aligned share a verified pair needs to stay in its cluster's trace (cluster --min-share;"
                         " default: none, the reuse model decides)")
    ap.add_argument("--jobs", type=int, default=1, help="worker processes (default 1: the machine is shared)")
    args = ap.parse_args()
    if not DATA.is_dir():
        print(f"data set not found: {DATA} (it ships outside this repository)")
        return 0
    rows = load_passages(args.limit)
    gold = {f"{r['id']}@{r['begin']}": r["cluster"] for r in rows}
    text_of = {f"{r['id']}@{r['begin']}": r["text"] for r in rows}
    sizes = Counter(gold.values())
    small = {d for d, c in gold.items() if sizes[c] <= 10}
    a_s = DEFAULT_SETTINGS.archive
    print(f"passim sample: {len(gold):,} passages, {len(sizes):,} clusters ({DATA.name}); "
          f"char shingles {a_s.char_shingle} chars, winnow {a_s.winnow_window}, candidates share >= "
          f"{a_s.char_min_shared}; min share {args.min_share}")
    t0 = time.perf_counter()
    with tempfile.TemporaryDirectory() as tmp:
        db = str(Path(tmp) / "passim.db")
        with Index.open(db) as idx:
            idx.add_documents(
                make_document(f"{r['id']}@{r['begin']}", r["text"], {"outlet": r["series"], "date": r["date"]})
                for r in rows
            )
            t_index = time.perf_counter() - t0
            # as `provenance cluster`: the sample is chosen from this archive's fingerprint sizes
            sample = char_sample_for(idx.char_fingerprint_sizes())
            fingerprints = [(d, h) for d, _, _, h in idx.char_fingerprints(sample)]
            outlets = idx.outlets()
        t1 = time.perf_counter()
        settings = DEFAULT_SETTINGS.with_options(cluster_min_shared=args.min_share)
        with ProcessPoolExecutor(args.jobs) as pool:
            mapper = (lambda f, items: pool.map(f, items, chunksize=8)) if args.jobs > 1 else map
            stories = [r.story for r in reuse_cluster_records(fingerprints, IndexLoader(db), settings,
                                                              mapper=mapper, sample=sample, outlets=outlets)]
        t_cluster = time.perf_counter() - t1
    pred: dict[str, int] = {}
    for k, s in enumerate(stories):
        for d in s["documents"]:
            pred[d] = k
    n = len(stories)
    for d in gold:  # passages in no cluster are singletons
        if d not in pred:
            pred[d] = n
            n += 1
    print(f"index {t_index:.1f}s, char sample 1 in {sample}, cluster {t_cluster:.1f}s, "
          f"{len(stories):,} clusters found\n")
    table = []
    for label, subset in (("all passages", set(gold)), ("passim clusters <= 10", small)):
        (pp, pr, pf), (bp, br, bf), pred_pairs, gold_pairs = scores(pred, gold, subset)
        table.append([label, len(subset), f"{pp:.3f}", f"{pr:.3f}", f"{pf:.3f}", f"{bp:.3f}", f"{br:.3f}", f"{bf:.3f}"])
    print(tabulate(table, headers=["subset", "passages", "pair P", "pair R", "pair F1", "B3 P", "B3 R", "B3 F1"]))
    (_, _, _), _, pred_pairs, gold_pairs = scores(pred, gold, small)
    rng = random.Random(0)
    for title, items in (("passim pairs we did not cluster (missed)", sorted(gold_pairs - pred_pairs)),
                         ("pairs we clustered that passim did not (extra)", sorted(pred_pairs - gold_pairs))):
        print(f"\n{title}: {len(items):,}")
        for a, b in rng.sample(items, min(args.samples, len(items))):
            sa = " ".join(text_of[a].split())[:110]
            sb = " ".join(text_of[b].split())[:110]
            print(f"  {a} | {sa}\n  {b} | {sb}\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())

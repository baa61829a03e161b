"""A wire story reprinted 500 times, mixed with unrelated articles: is it one cluster, and how fast?

Usage::

    python benchmarks/bench_big_story.py [--reprints 500] [--unrelated 40] [--jobs 2] [--seed 1]

The story is ``examples/afp_wire_putin_strikes.txt``. Each reprint changes about 5% of its words,
may cut the last paragraphs (one in three) and may get a headline line (one in two). The
unrelated articles are the other example texts and the seed articles of ``../shared/data/seeds``
when present, each a distinct article (they share no wire text with the story, except
the two example reprints of the story, which join it). Everything goes through the library as
``provenance cluster`` does (index add, character fingerprints at the archive's chosen sample,
:func:`provenance.archive.cluster.reuse_cluster_records`: char candidates, reuse-model
verification, hubs, tracing).

Figures: the cluster count and sizes, the candidate pairs, and the clustering time against the
all-pairs alignment cost estimated in the same run (mean time of aligning a random sample of
document pairs of the same corpus, times n(n-1)/2), as a ratio.
"""

from __future__ import annotations

import argparse
import random
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from provenance.align.aligner import align_documents  # noqa: E402
from provenance.archive.cluster import IndexLoader, char_sample_for, reuse_candidates, reuse_cluster_records  # noqa: E402
from provenance.inputs.documents import make_document  # noqa: E402
from provenance.archive.index import Index  # noqa: E402

FILLERS = ("the", "new", "local", "reported", "major", "on", "said", "some", "officials", "also")
HEADLINES = ("Putin says strikes inevitable", "Kremlin rejects Biden terms", "Russia to keep up strikes",
             "Putin: strikes on Ukraine 'inevitable'")


def reprint(text: str, rng: random.Random, word_edit: float = 0.05) -> str:
    """One outlet's copy: ~``word_edit`` of the words replaced, maybe a cut tail, maybe a headline."""
    paragraphs = [p for p in text.split("\n") if p.strip()]
    if rng.random() < 1 / 3 and len(paragraphs) > 4:
        paragraphs = paragraphs[: rng.randint(len(paragraphs) * 2 // 3, len(paragraphs) - 1)]
    out = []
    for p in paragraphs:
        words = p.split(" ")
        out.append(" ".join(rng.choice(FILLERS) if rng.random() < word_edit else w for w in words))
    if rng.random() < 0.5:
        out.insert(0, rng.choice(HEADLINES))
    return "\n".join(out) + "\n"


def unrelated_texts() -> list[tuple[str, str]]:
    story = "afp_wire_putin_strikes.txt"
    found = [(p.name, p.read_text(encoding="utf-8")) for p in sorted((ROOT / "examples").glob("*.txt")) if p.name != story]
    seeds = ROOT.parent / "shared" / "data" / "seeds"
    if seeds.is_dir():
        found += [(p.name, p.read_text(encoding="utf-8", errors="replace")) for p in sorted(seeds.rglob("*.txt"))]
    return found


def main(argv=None) -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--reprints", type=int, default=500)
    ap.add_argument("--unrelated", type=int, default=40, help="at most this many unrelated articles")
    ap.add_argument("--jobs", type=int, default=1, help="worker processes for clustering (1: in this process)")
    ap.add_argument("--sample-pairs", type=int, default=30, help="pairs aligned for the all-pairs estimate")
    ap.add_argument("--seed", type=int, default=1)
    args = ap.parse_args(argv)
    rng = random.Random(args.seed)
    wire = (ROOT / "examples" / "afp_wire_putin_strikes.txt").read_text(encoding="utf-8")
    docs = [make_document("wire.txt", wire, {"outlet": "AFP"})]
    docs += [make_document(f"reprint-{i:04d}.txt", reprint(wire, rng), {"outlet": f"outlet{i % 37}"})
             for i in range(args.reprints)]
    others = unrelated_texts()[: args.unrelated]
    docs += [make_document(name, text) for name, text in others]
    n = len(docs)
    print(f"{n} documents: the wire story, {args.reprints} reprints, {len(others)} other articles")

    with tempfile.TemporaryDirectory() as tmp:
        db = str(Path(tmp) / "big.db")
        t0 = time.perf_counter()
        with Index.open(db) as idx:
            idx.add_documents(docs)
            char_sample = char_sample_for(idx.char_fingerprint_sizes())
            fingerprints = [(d, h) for d, _, _, h in idx.char_fingerprints(char_sample)]
            outlets = idx.outlets()
        t_index = time.perf_counter() - t0
        n_candidates = reuse_candidates(fingerprints, sample=char_sample).candidates
        if args.jobs > 1:
            from concurrent.futures import ProcessPoolExecutor

            pool = ProcessPoolExecutor(args.jobs)
            mapper = lambda f, items: pool.map(f, items)  # noqa: E731
        else:
            pool, mapper = None, map
        t1 = time.perf_counter()
        records = list(reuse_cluster_records(fingerprints, IndexLoader(db), mapper=mapper, sample=char_sample,
                                             outlets=outlets))
        t_cluster = time.perf_counter() - t1
        if pool:
            pool.shutdown()

    sizes = sorted((len(r.story["documents"]) for r in records), reverse=True)
    story = next((r for r in records if "wire.txt" in r.story["documents"]), None)
    in_story = len(story.story["documents"]) if story else 0
    reprints_in = sum(1 for d in (story.story["documents"] if story else ()) if d.startswith("reprint-"))

    t2 = time.perf_counter()
    sample = [tuple(rng.sample(range(n), 2)) for _ in range(args.sample_pairs)]
    for a, b in sample:
        align_documents(docs[a], docs[b])
    per_pair = (time.perf_counter() - t2) / len(sample)
    all_pairs = per_pair * n * (n - 1) / 2

    print(f"clusters: {len(records)}, sizes {sizes[:8]}{' ...' if len(sizes) > 8 else ''}")
    print(f"the story's cluster: {in_story} documents, {reprints_in}/{args.reprints} reprints "
          f"({'ONE CLUSTER' if reprints_in == args.reprints else 'SPLIT OR LOST'})")
    print(f"char candidate pairs: {n_candidates:,} (all pairs: {n * (n - 1) // 2:,}); char sample 1 in {char_sample}")
    print(f"index + fingerprints: {t_index:.2f} s; clustering: {t_cluster:.2f} s")
    print(f"all-pairs alignment estimate: {per_pair * 1000:.1f} ms/pair x {n * (n - 1) // 2:,} pairs = {all_pairs:.0f} s")
    print(f"ratio clustering / all-pairs estimate: {(t_index + t_cluster) / all_pairs:.3f}")


if __name__ == "__main__":
    main()

"""Fit the automatic regime rule (issue #15) on half A of the Wikipedia dev articles only.

``trace`` without ``--versions`` reads a story as versions of one text when it has at least
``version_auto_min`` distinct texts, at least ``version_auto_inherited`` of its partly shared
shingles are held by a run of the version order (:func:`provenance.lineage.versions.inherited_share`)
and at most ``version_auto_max_furniture`` of its copy-tree edges change page furniture
(:func:`provenance.lineage.tree.furniture_share`). Positives: the Wikipedia dev articles of half A
(split of bench_versions.py) with enough versions, each traced as copies (``versions=False``) for
its furniture share. Negatives: copies of copies from benchmarks/gen_copy_chains.py (the originals
of bench_copy_chains.py, ``--chains`` trees each), which are syndication.

Rule: ``version_auto_inherited`` is the 20th percentile of half A's shares rounded down to 0.01
(four in five revision histories pass it); ``version_auto_max_furniture`` the largest value of a
grid that reads no generated copy tree as revisions (both conditions together) and, among those,
accepts the most of half A. Then both halves are scored with the fitted rule: half B is held out.

Run: ``python benchmarks/fit_version_regime.py [--chains 3] [--articles 6]`` (about 2 min CPU).
"""

from __future__ import annotations

import argparse
import math
import random
import sys
from pathlib import Path

from tabulate import tabulate

sys.path.insert(0, str(Path(__file__).resolve().parent))
from bench_copy_chains import originals  # noqa: E402
from bench_versions import DATA, NAME, half_of, load_articles, neutral_docs  # noqa: E402
from gen_copy_chains import make_copy_chain  # noqa: E402

from provenance import DEFAULT_SETTINGS, make_document, trace_documents  # noqa: E402
from provenance.lineage.tree import furniture_share  # noqa: E402
from provenance.lineage.versions import inherited_share  # noqa: E402

GRID = (0.1, 0.15, 0.2, 0.25, 0.3, 0.35, 0.4, 0.5)


def features(docs) -> tuple[float | None, float, int]:
    """(inherited share, furniture share of the copy tree, distinct texts in the largest story)."""
    trace = trace_documents(docs, versions=False)
    story = max(trace.stories, key=lambda s: len(s.documents), default=None)
    if story is None:
        return None, 1.0, 0
    members = [d for d in docs if d.id in set(story.documents)]
    distinct = len({d.text for d in members})
    return inherited_share(members), furniture_share(story), distinct


def accepted(f, inherited: float, furniture: float, settings=DEFAULT_SETTINGS) -> bool:
    share, furn, distinct = f
    return (distinct >= settings.lineage.version_auto_min and share is not None and share >= inherited
            and furn <= furniture)


def percentile(xs: list[float], q: float) -> float:
    xs = sorted(xs)
    return xs[min(len(xs) - 1, max(0, int(math.floor(q * (len(xs) - 1)))))]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=DATA, help="the shared data directory (default: %(default)s)")
    parser.add_argument("--chains", type=int, default=3, help="generated trees per original (default: %(default)s)")
    parser.add_argument("--articles", type=int, default=6, help="ground-truth bodies used as originals (default: %(default)s)")
    parser.add_argument("--seed", type=int, default=0, help="seed of shuffles and generator (default: %(default)s)")
    args = parser.parse_args()
    root = args.data / NAME / "version_documents"
    if not root.is_dir():
        sys.exit(f"fit_version_regime: data set not found at {root}; it is optional (pass --data DIR)")
    print(f"command: python benchmarks/fit_version_regime.py --chains {args.chains} --articles {args.articles} "
          f"--seed {args.seed}")
    need = DEFAULT_SETTINGS.lineage.version_auto_min
    wiki = {"A": [], "B": []}
    for name, texts in load_articles(root):
        if len(set(texts)) >= need:
            docs, _ = neutral_docs(name, texts, args.seed)
            wiki[half_of(name)].append(features(docs))
    chains = []
    origs = originals(args.data, args.articles)
    for k, (name, text) in enumerate(origs):
        others = [p for m, (_, t) in enumerate(origs) if m != k for p in t.split("\n\n")[2:4] if len(p.split()) > 12]
        for c in range(args.chains):
            rng = random.Random(f"{args.seed}:{name}:{c}")
            chain = make_copy_chain(text, rng, others)
            ids = list(chain.texts)
            rng.shuffle(ids)
            chains.append(features([make_document(f"w{j + 1}", chain.texts[i]) for j, i in enumerate(ids)]))
    shares_a = [f[0] for f in wiki["A"] if f[0] is not None and f[2] >= need]
    inherited = math.floor(percentile(shares_a, 0.2) * 100) / 100
    best = None
    for t in GRID:
        false_pos = sum(accepted(f, inherited, t) for f in chains)
        hits = sum(accepted(f, inherited, t) for f in wiki["A"])
        if false_pos == 0 and (best is None or hits >= best[1]):
            best = (t, hits)
    furniture = best[0] if best else min(GRID)
    if best is None:
        print(f"no furniture threshold of the grid reads none of the copy trees as revisions; the smallest, "
              f"{furniture}, is reported")
    print(f"half A: {len(wiki['A'])} articles with >= {need} distinct versions; half B: {len(wiki['B'])}; "
          f"generated copy trees: {len(chains)}")
    chain_shares = [f[0] for f in chains if f[0] is not None]
    print(f"inherited share: half A 20th percentile {percentile(shares_a, 0.2):.3f} -> version_auto_inherited "
          f"= {inherited:.2f}; copy trees 75th percentile "
          f"{percentile(chain_shares, 0.75) if chain_shares else float('nan'):.3f}")
    print(f"furniture share: half A mean {sum(f[1] for f in wiki['A']) / len(wiki['A']):.2f}, copy trees mean "
          f"{sum(f[1] for f in chains) / len(chains):.2f} -> version_auto_max_furniture = {furniture}\n")
    rows = []
    for label, inh, furn in (("fitted on half A", inherited, furniture),
                             ("current defaults", DEFAULT_SETTINGS.lineage.version_auto_inherited,
                              DEFAULT_SETTINGS.lineage.version_auto_max_furniture)):
        row = [f"{label} ({inh:.2f}, {furn})"]
        for h in ("B", "A"):
            got = sum(accepted(f, inh, furn) for f in wiki[h])
            row.append(f"{got}/{len(wiki[h])} = {got / len(wiki[h]):.0%}")
        fp = sum(accepted(f, inh, furn) for f in chains)
        row.append(f"{fp}/{len(chains)}")
        rows.append(row)
    print(tabulate(rows, headers=["rule (inherited, furniture)", "half B read as revisions (held out)",
                                  "half A (fitting half)", "copy trees read as revisions"]))


if __name__ == "__main__":
    main()

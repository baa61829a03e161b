"""Version order on Wikipedia revision histories (issue #15): today's trace vs provenance.lineage.versions.

Data: ../shared/data/wikipedia-versions-dev/version_documents/<article>/<k>.txt, k = chronological
rank (0 the oldest; the true structure is the chain 0 -> 1 -> ... -> n). For each article the
versions are shuffled with a seeded RNG and given neutral ids ``w1..wk``; no dates are given.

Split: an article is in half A when the SHA-256 of its folder name is even, else in half B. The
parameters of the new method (``version_cut_weight``, ``version_confidence_scale``) are fitted on
half A with ``--fit`` and every figure is printed for half B (held out) and, for reference, half A.
Never fit and score the same articles: the B column is the one to quote.

Figures, per method:

Consecutive revisions are sometimes byte-identical (20 pairs in half A), and nothing can order
those, so figures are *modulo identical texts* as in bench_darwin.py: versions with one text form a
class, classes ranked by their oldest version (``root strict`` is the exact oldest file).

* **root**: the oldest text is named the source (baseline: the source of the story holding it,
  ``trace`` without ``--versions``, which decides the regime per story; new: the first of the
  order).
* **exact**: every parent right and the oldest text named.
* **Kendall tau**: tau-b between true class rank and position (new) or tree depth (baseline), mean
  over articles (a constant side, e.g. all versions in separate stories, counts as 0).
* **parents**: share of versions (but the inferred oldest) whose inferred parent is an identical
  text or a text of the class before theirs.
* **reliability**: root accuracy by bucket of reported confidence.

Methods: ``baseline`` is today's ``trace_documents``; ``words`` is :func:`order_versions` on shingles
of normalised words (an earlier default); ``previous`` the defaults before the reversal signal
(cut weight 1.5, ``version_reversal_weight`` 0, temperature 0.1, no reversion term); ``new`` the
current defaults.

Run: ``python benchmarks/bench_versions.py [--half B] [--fit] [--no-baseline] [--limit N]``
(about 90 s CPU with the baseline on both halves; the new method alone takes a few seconds).
"""

from __future__ import annotations

import argparse
import hashlib
import math
import random
import sys
import time
from pathlib import Path

from tabulate import tabulate

from bench_darwin import kendall_tau_b  # one tau-b for both version benchmarks
from provenance import DEFAULT_SETTINGS, make_document, trace_documents
from provenance.lineage.versions import order_versions

DATA = Path(__file__).resolve().parent.parent.parent / "shared" / "data"
NAME = "wikipedia-versions-dev"
BUCKETS = ((0.0, 0.5), (0.5, 0.7), (0.7, 0.9), (0.9, 1.000001))



def half_of(name: str) -> str:
    return "A" if int(hashlib.sha256(name.encode()).hexdigest(), 16) % 2 == 0 else "B"


def load_articles(root: Path) -> list[tuple[str, list[str]]]:
    out = []
    for folder in sorted(p for p in root.iterdir() if p.is_dir()):
        files = sorted(folder.glob("*.txt"), key=lambda p: int(p.stem))
        out.append((folder.name, [f.read_text(encoding="utf-8") for f in files]))
    return out


def neutral_docs(name: str, texts: list[str], seed: int):
    """Documents ``w1..wk`` in shuffled order, and the true rank of each id."""
    ranks = list(range(len(texts)))
    random.Random(f"{seed}:{name}").shuffle(ranks)
    rank_of = {f"w{k + 1}": r for k, r in enumerate(ranks)}
    return [make_document(wid, texts[r]) for wid, r in rank_of.items()], rank_of


def text_classes(docs, rank_of: dict) -> dict:
    """Each id's class: versions with identical text share one, classes ranked by their oldest."""
    first: dict[str, int] = {}
    for d in sorted(docs, key=lambda d: rank_of[d.id]):
        first.setdefault(d.text, rank_of[d.id])
    dense = {r: k for k, r in enumerate(sorted(set(first.values())))}
    return {d.id: dense[first[d.text]] for d in docs}


def score(rank_of: dict, root: str | None, parents: dict, position: dict, confidence: float | None, docs) -> dict:
    """Figures modulo identical texts (consecutive Wikipedia revisions are sometimes byte-identical,
    and no method can order those): a version counts as the oldest when its text is the oldest's, a
    parent is right when it is an identical text or a text of the previous class, tau is taken
    against the class ranks. ``root_strict`` is the exact oldest file."""
    n = len(rank_of)
    cls = text_classes(docs, rank_of)
    ids = sorted(rank_of)
    tau = kendall_tau_b([cls[d] for d in ids], [position.get(d, -1) for d in ids])
    right_parents = sum(parents.get(d) is not None and cls[parents[d]] in (cls[d], cls[d] - 1) for d in ids if d != root)
    root_right = root is not None and cls[root] == 0
    return {
        "root": root_right,
        "root_strict": root is not None and rank_of[root] == 0,
        "exact": right_parents == n - 1 and root_right,
        "tau": tau if tau is not None else 0.0,
        "parents": right_parents, "n_parents": n - 1,
        "confidence": confidence,
    }


def run_baseline(docs, rank_of) -> dict:
    trace = trace_documents(docs)
    oldest = next(d for d, r in rank_of.items() if r == 0)
    story = next((s for s in trace.stories if oldest in s.documents), None)
    if story is None:
        return score(rank_of, None, {}, {}, None, docs)
    parents = {e.child: e.parent for e in story.tree}
    depth = {story.tree_root: 0}
    for e in story.tree:  # the tree is in DFS order from its root
        depth[e.child] = depth[e.parent] + 1
    out = score(rank_of, story.source, parents, depth, story.confidence if story.source else None, docs)
    out["revision"] = story.regime == "revision"
    return out


def run_new(docs, rank_of, settings) -> dict:
    order = order_versions(docs, settings, describe=False)
    position = {d: k for k, d in enumerate(order.order)}
    return score(rank_of, order.oldest, order.parent_of(), position, order.confidence, docs)


def summary(results: list[dict]) -> list[str]:
    n = len(results)
    if not n:
        return ["-"] * 5
    parents = sum(r["parents"] for r in results)
    n_parents = sum(r["n_parents"] for r in results)
    return [f"{sum(r['root'] for r in results)}/{n} = {sum(r['root'] for r in results) / n:.0%}",
            f"{sum(r['root_strict'] for r in results)}/{n}",
            f"{sum(r['exact'] for r in results)}/{n} = {sum(r['exact'] for r in results) / n:.0%}",
            f"{sum(r['tau'] for r in results) / n:.3f}",
            f"{parents}/{n_parents} = {parents / n_parents:.0%}"]


def reliability(results: list[dict]) -> list[list]:
    rows = []
    for lo, hi in BUCKETS:
        inb = [r for r in results if r["confidence"] is not None and lo <= r["confidence"] < hi]
        ok = sum(r["root"] for r in inb)
        mean = sum(r["confidence"] for r in inb) / len(inb) if inb else 0
        rows.append([f"[{lo:.2f}, {min(hi, 1):.2f}{']' if hi > 1 else ')'}", len(inb),
                     f"{mean:.2f}" if inb else "-", f"{ok / len(inb):.0%}" if inb else "-"])
    return rows


def log_loss(results: list[dict]) -> float:
    eps = 1e-6
    return -sum(math.log(max(eps, r["confidence"] if r["root"] else 1 - r["confidence"])) for r in results) / len(results)


def fit(articles, seed: int, settings):
    """Grid search on the given (training) articles: the cut weight and the reversal weight by root
    accuracy then mean tau (ties: the smaller weights), the confidence temperature by log loss of
    the root."""
    prepared = [neutral_docs(name, texts, seed) for name, texts in articles]
    best = None
    for w in (1.0, 1.2, 1.5, 2.0, 3.0):
        for beta in (0.0, 0.05, 0.1, 0.15, 0.2, 0.3, 0.5, 0.8):
            s = settings.with_options(version_cut_weight=w, version_reversal_weight=beta)
            rs = [run_new(d, r, s) for d, r in prepared]
            key = (sum(r["root"] for r in rs), round(sum(r["tau"] for r in rs), 9))
            if best is None or key > best[0]:
                best = (key, w, beta)
    s = settings.with_options(version_cut_weight=best[1], version_reversal_weight=best[2])
    best_t = None
    for t in (0.02, 0.05, 0.1, 0.2, 0.3, 0.5, 1.0):
        rs = [run_new(d, r, s.with_options(version_confidence_scale=t)) for d, r in prepared]
        loss = log_loss(rs)
        if best_t is None or loss < best_t[0]:
            best_t = (loss, t)
    return s.with_options(version_confidence_scale=best_t[1])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=DATA, help="the shared data directory (default: %(default)s)")
    parser.add_argument("--seed", type=int, default=0, help="seed of the shuffles (default: %(default)s)")
    parser.add_argument("--fit", action="store_true", help="fit the new method's parameters on half A first")
    parser.add_argument("--no-baseline", action="store_true", help="skip today's trace_documents (slow)")
    parser.add_argument("--limit", type=int, default=0, help="at most N articles per half (0: all)")
    args = parser.parse_args()
    root = args.data / NAME / "version_documents"
    if not root.is_dir():
        sys.exit(f"bench_versions: data set not found at {root}; it is optional (pass --data DIR)")
    articles = load_articles(root)
    halves = {"A": [a for a in articles if half_of(a[0]) == "A"], "B": [a for a in articles if half_of(a[0]) == "B"]}
    if args.limit:
        halves = {h: a[: args.limit] for h, a in halves.items()}
    print(f"data: {root}")
    print(f"command: python benchmarks/bench_versions.py{' --fit' if args.fit else ''}"
          f"{' --no-baseline' if args.no_baseline else ''} --seed {args.seed}"
          f"{f' --limit {args.limit}' if args.limit else ''}")
    print(f"articles: half A {len(halves['A'])}, half B {len(halves['B'])}; ids w1..wk after a seeded shuffle, no dates\n")

    settings = DEFAULT_SETTINGS
    if args.fit:
        settings = fit(halves["A"], args.seed, settings)
        print(f"fitted on half A: version_cut_weight={settings.lineage.version_cut_weight}, "
              f"version_reversal_weight={settings.lineage.version_reversal_weight}, "
              f"version_confidence_scale={settings.lineage.version_confidence_scale}\n")
    else:
        print(f"settings: version_cut_weight={settings.lineage.version_cut_weight}, "
              f"version_reversal_weight={settings.lineage.version_reversal_weight}, "
              f"version_reversion_weight={settings.lineage.version_reversion_weight}, "
              f"version_confidence_scale={settings.lineage.version_confidence_scale} (defaults, fitted on half A)\n")

    results = {}
    timing = {}
    # "words": the shingle form before surface (normalised words only); "previous": the defaults
    # before the reversal signal (cut weight 1.5, the root by the cost of the best order starting
    # there alone, temperature 0.1); both measured in the same run
    previous = settings.with_options(version_cut_weight=1.5, version_reversal_weight=0.0, version_confidence_scale=0.1,
                                     version_reversion_weight=0.0)
    methods = (("baseline",) if not args.no_baseline else ()) + ("words", "previous", "new")
    per_method = {"words": previous.with_options(version_shingle_form="words"), "previous": previous, "new": settings}
    for h, arts in halves.items():
        for method in methods:
            t0 = time.process_time()
            rs = []
            for name, texts in arts:
                docs, rank_of = neutral_docs(name, texts, args.seed)
                rs.append(run_baseline(docs, rank_of) if method == "baseline"
                          else run_new(docs, rank_of, per_method[method]))
            results[(method, h)] = rs
            timing[(method, h)] = time.process_time() - t0
    rows = []
    for method in methods:
        for h in ("B", "A"):
            rows.append([f"{method} ({'held out' if h == 'B' else 'fitting half'} {h})"] + summary(results[(method, h)])
                        + [f"{timing[(method, h)]:.1f}"])
    print(tabulate(rows, headers=["method", "root (oldest named)", "root strict", "exact order", "mean Kendall tau", "parents right", "CPU s"]))
    if not args.no_baseline:
        for h in ("B", "A"):
            rs = results[("baseline", h)]
            print(f"trace without --versions read half {h} as revisions in {sum(r.get('revision', False) for r in rs)}"
                  f"/{len(rs)} articles (the rest as syndication or split into several stories)")
    for method in methods:
        print(f"\nReliability of the reported confidence, {method}, half B (held out)")
        print(tabulate(reliability(results[(method, "B")]), headers=["confidence", "articles", "mean conf.", "root right"]))


if __name__ == "__main__":
    main()

"""Edition order on Darwin's Origin of Species, chapter 1 (six editions, 1859 to 1872).

Data: ../shared/data/collatex-darwin-origin-of-species/darwin_ch1_paragraphs.normalized.json (47
paragraphs; each edition was revised from the previous one, so the true stemma is a chain). For every
paragraph with three or more editions, the editions are traced as documents with neutral ids
(``w1``..``wk``, assigned after shuffling the input order with a fixed seed; no dates are given),
and the result is mapped back to years for scoring.

Consecutive editions are often word-for-word identical (1859 = 1860 in several paragraphs). Such
texts cannot be told apart, so scoring is *modulo identical texts*: each edition belongs to the class
of editions with exactly its text, classes are ordered by their earliest year, and a source or edge
is judged by its class. Paragraphs with fewer than two distinct texts are not scored. The strict
root accuracy (the exact earliest year) is printed too.

* **root**: the story's source is (a text identical to) the earliest edition of the paragraph.
* **Kendall tau**: tau-b between each edition's true rank (its class's position in time) and its
  depth in the copy tree (source = 0, its children = 1, ...), both with ties, averaged over
  paragraphs whose editions form one story. A correct chain gives 1; a star under the right source
  gives a lower positive value; a reversed chain gives -1.
* **chain**: the copy tree, taken as undirected, is the true chain (every edge joins consecutive or
  identical texts), whatever its orientation.
* **edges**: each copy-tree edge classified as linking consecutive texts forward (the true
  revision step), consecutive texts backward, identical texts, or texts further apart.
* **neighbouring editions**: edges joining an edition to the next distinct text forward, or to an
  identical text (the issue's target: >= 90%).
* **reliability**: root accuracy by confidence bucket (stories with a named source).
* **direction signal of the true steps**: for each pair of consecutive distinct texts (in year
  order), whether the later text adds more shingles than it cuts (the version order's size signal,
  ``version_cut_weight`` > 1, points forward), cuts more (it points backward) or both are equal (no
  signal). Wikipedia revisions mostly grow (72% of consecutive pairs, issue #15); if Darwin's steps
  do not, no setting of the cut weight orients his chains.

Each paragraph is traced four ways in the same run (``MODES``): ``copies`` (syndication, the old
reading), ``auto`` (regime decided per story), ``versions`` (``trace --versions``) and ``versions,
previous`` (``--versions`` with the version-order settings before the reversal signal: cut weight
1.5, reversal weight 0, temperature 0.1).

Run: ``python benchmarks/bench_darwin.py [--data DIR] [--seed N]``
"""

from __future__ import annotations

import argparse
import json
import random
import sys
import time
from collections import Counter
from pathlib import Path

from tabulate import tabulate

from provenance import DEFAULT_SETTINGS, make_document, trace_documents
from provenance.lineage.versions import shingle_set

DATA = Path(__file__).resolve().parent.parent.parent / "shared" / "data"
NAME = "collatex-darwin-origin-of-species"
BUCKETS = ((0.0, 0.6), (0.6, 0.8), (0.8, 0.95), (0.95, 1.000001))


def kendall_tau_b(xs: list[float], ys: list[float]) -> float | None:
    """Kendall's tau-b (ties on either side allowed); None when either side is constant."""
    conc = disc = tx = ty = 0
    n = len(xs)
    for i in range(n):
        for j in range(i + 1, n):
            dx, dy = xs[i] - xs[j], ys[i] - ys[j]
            if dx == 0 and dy == 0:
                continue
            if dx == 0:
                tx += 1
            elif dy == 0:
                ty += 1
            elif (dx > 0) == (dy > 0):
                conc += 1
            else:
                disc += 1
    denom = ((conc + disc + tx) * (conc + disc + ty)) ** 0.5
    return (conc - disc) / denom if denom else None


def depths(tree, root: str) -> dict[str, int]:
    children: dict[str, list[str]] = {}
    for e in tree:
        children.setdefault(e.parent, []).append(e.child)
    out, todo = {root: 0}, [root]
    while todo:
        node = todo.pop()
        for c in children.get(node, ()):
            out[c] = out[node] + 1
            todo.append(c)
    return out


#: how each paragraph is traced: ``copies`` the syndication reading (the old behaviour,
#: ``versions=False``), ``auto`` today's default (the regime decided per story), ``versions`` read
#: as versions of one text (``trace --versions``)
MODES = {"copies": False, "auto": None, "versions": True, "versions, previous": True}

#: the version-order settings before the reversal signal (issue #15), measured in the same run as
#: ``versions, previous``; every other mode uses the defaults
PREVIOUS = DEFAULT_SETTINGS.with_options(version_cut_weight=1.5, version_reversal_weight=0.0,
                                         version_confidence_scale=0.1, version_reversion_weight=0.0)


def step_signals(texts: dict[str, str], settings=DEFAULT_SETTINGS) -> Counter:
    """For each step between consecutive distinct texts in year order (a text met before is not a
    new step): ``forward`` when the later adds more shingles than it cuts, ``backward`` when it
    cuts more, ``none`` when equal. Shingles as the version order compares them."""
    size, form = settings.lineage.version_shingle_size, settings.lineage.version_shingle_form
    seen, chain = set(), []
    for y in sorted(texts):
        if texts[y] not in seen:
            seen.add(texts[y])
            chain.append(shingle_set(make_document(y, texts[y]), size, form))
    out: Counter = Counter()
    for old, new in zip(chain, chain[1:]):
        added, cut = len(new - old), len(old - new)
        out["forward" if added > cut else "backward" if cut > added else "none"] += 1
    return out


def score_paragraph(texts: dict[str, str], rng: random.Random, versions: bool | None = False,
                    settings=DEFAULT_SETTINGS) -> dict:
    """Trace one paragraph's editions under neutral ids; figures in terms of years."""
    years = sorted(texts)
    order = years[:]
    rng.shuffle(order)
    year_of = {f"w{k + 1}": y for k, y in enumerate(order)}
    docs = [make_document(wid, texts[y]) for wid, y in year_of.items()]
    trace = trace_documents(docs, settings, versions=versions)

    # text classes: editions with identical text, ranked by their earliest year
    first_year = {}
    for y in years:
        first_year.setdefault(texts[y], y)
    class_rank = {t: k for k, t in enumerate(sorted(set(first_year.values())))}
    rank = {y: class_rank[first_year[texts[y]]] for y in years}

    earliest = years[0]
    story = next((s for s in trace.stories
                  if any(year_of[d] == earliest for d in s.documents)), None)
    out = {"years": years, "classes": len(class_rank), "one_story": bool(story) and len(story.documents) == len(years)}
    if story is None:
        out.update(root_right=False, root_strict=False, confidence=None, tau=None, edges=[])
        return out
    src = year_of.get(story.source)  # None: the story is undecided
    out["root_strict"] = src == earliest
    out["root_right"] = src is not None and rank[src] == 0
    out["confidence"] = story.confidence
    out["source"] = src
    edges = []
    for e in story.tree:
        p, c = rank[year_of[e.parent]], rank[year_of[e.child]]
        edges.append("identical texts" if p == c else "consecutive, forward" if c == p + 1
                     else "consecutive, backward" if p == c + 1 else "further apart, forward" if c > p
                     else "further apart, backward")
    out["edges"] = edges
    # the undirected tree is the true chain when every edge joins consecutive or identical texts
    out["chain"] = out["one_story"] and all(e.startswith(("consecutive", "identical")) for e in edges)
    out["tree"] = " ".join(f"{year_of[e.parent]}>{year_of[e.child]}" for e in story.tree)
    if out["one_story"]:
        depth = depths(story.tree, story.tree_root)
        ids = [d for d in year_of if d in depth]
        out["tau"] = kendall_tau_b([rank[year_of[d]] for d in ids], [depth[d] for d in ids])
    else:
        out["tau"] = None
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=DATA, help="the shared data directory (default: %(default)s)")
    parser.add_argument("--seed", type=int, default=0, help="seed of the input shuffles (default: %(default)s)")
    args = parser.parse_args()
    path = args.data / NAME / "darwin_ch1_paragraphs.normalized.json"
    if not path.is_file():
        sys.exit(f"bench_darwin: data set not found at {path}; it is optional (pass --data DIR to point at it)")
    paragraphs = json.loads(path.read_text(encoding="utf-8"))

    print(f"data: {path}")
    print(f"command: python benchmarks/bench_darwin.py --data {args.data} --seed {args.seed}")
    print("ids w1..wk after a seeded shuffle; no dates given; scored modulo identical texts (see docstring)\n")

    per_mode, skipped_short, skipped_identical = {m: {} for m in MODES}, 0, 0
    signals: Counter = Counter()
    cpu = dict.fromkeys(MODES, 0.0)
    for pid in sorted(paragraphs, key=lambda p: int(p.split("-")[1])):
        texts = paragraphs[pid]
        if len(texts) < 3:
            skipped_short += 1
            continue
        if len(set(texts.values())) < 2:
            skipped_identical += 1
            continue
        signals += step_signals(texts)
        for mode, versions in MODES.items():
            c0 = time.process_time()
            per_mode[mode][pid] = score_paragraph(texts, random.Random(f"{args.seed}:{pid}"), versions,
                                                  PREVIOUS if mode.endswith("previous") else DEFAULT_SETTINGS)
            cpu[mode] += time.process_time() - c0
    n = len(per_mode["copies"])
    print(f"{n} paragraphs scored ({skipped_short} with fewer than three editions and {skipped_identical} "
          "whose editions are all identical left out)\n")

    def figures(rs):
        taus = [r["tau"] for r in rs if r["tau"] is not None]
        edges = Counter(e for r in rs for e in r["edges"])
        n_edges = max(1, sum(edges.values()))
        consecutive = edges["consecutive, forward"] + edges["consecutive, backward"]
        return [
            f"{sum(r['one_story'] for r in rs)}/{n}",
            f"{sum(r['root_right'] for r in rs)}/{n} = {sum(r['root_right'] for r in rs) / n:.0%}",
            f"{sum(r['root_strict'] for r in rs)}/{n} = {sum(r['root_strict'] for r in rs) / n:.0%}",
            f"{sum(taus) / len(taus):.3f} ({len(taus)})" if taus else "-",
            f"{edges['consecutive, forward']}/{n_edges} = {edges['consecutive, forward'] / n_edges:.0%}",
            f"{consecutive}/{n_edges} = {consecutive / n_edges:.0%}",
            f"{edges['consecutive, forward'] + edges['identical texts']}/{n_edges} = "
            f"{(edges['consecutive, forward'] + edges['identical texts']) / n_edges:.0%}",
            f"{sum(r.get('chain', False) for r in rs)}/{n}",
            f"{sum(r['source'] is None for r in rs if 'source' in r)}",
            f"{cpu_mode:.1f}",
        ]

    names = ["editions in one story", "root = earliest (modulo identical texts)", "root = earliest (strict: that year)",
             "mean Kendall tau-b (true rank vs depth)", "edges consecutive, forward", "edges consecutive, either way",
             "edges neighbouring editions (consecutive forward or identical)", "undirected tree = true chain",
             "stories undecided", "CPU s"]
    cols = {}
    for mode in MODES:
        cpu_mode = cpu[mode]
        cols[mode] = figures(list(per_mode[mode].values()))
    print(tabulate([[name] + [cols[m][k] for m in MODES] for k, name in enumerate(names)],
                   headers=["figure"] + [f"{m} (versions={v})" for m, v in MODES.items()]))
    steps = sum(signals.values())
    print(f"\ndirection signal of the true steps ({steps} steps between consecutive distinct texts): the later "
          f"text adds more shingles than it cuts in {signals['forward']}, cuts more in {signals['backward']}, "
          f"both equal in {signals['none']}; the size signal points forward in "
          f"{signals['forward'] / max(1, signals['forward'] + signals['backward']):.0%} of the steps that have one")

    for mode in MODES:
        rs = list(per_mode[mode].values())
        print(f"\nReliability ({mode}): root right (modulo identical texts) by reported confidence")
        rows = []
        for lo, hi in BUCKETS:
            inb = [r for r in rs if r["confidence"] is not None and r.get("source") and lo <= r["confidence"] < hi]
            ok = sum(r["root_right"] for r in inb)
            mean = sum(r["confidence"] for r in inb) / len(inb) if inb else 0
            rows.append([f"[{lo:.2f}, {min(hi, 1):.2f}{']' if hi > 1 else ')'}", len(inb),
                         f"{mean:.2f}" if inb else "-", ok, f"{ok / len(inb):.0%}" if inb else "-"])
        print(tabulate(rows, headers=["confidence", "paragraphs", "mean conf.", "root right", "accuracy"]))

    print("\nPer paragraph, versions mode (tree edges as parent>child in years)")
    print(tabulate([[pid, r["classes"], r.get("source", "-"), "yes" if r["root_right"] else "no",
                     f"{r['confidence']:.2f}" if r["confidence"] is not None else "-",
                     f"{r['tau']:.2f}" if r["tau"] is not None else "-", r.get("tree", "-")]
                    for pid, r in per_mode["versions"].items()],
                   headers=["paragraph", "distinct texts", "source", "right", "confidence", "tau", "tree"]))


if __name__ == "__main__":
    main()

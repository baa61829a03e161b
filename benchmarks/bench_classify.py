"""Classification cost per 1,000 edits, and whether classifying keeps alignment near-linear.

Builds reprints of real text (the seed AFP story repeated into 10k- and 100k-word documents with
British->American spellings, abbreviations, number and quote edits), then times, in one run:
alignment alone (the baseline) and alignment + classification. Prints ms per 1k edits and the
100k/10k time ratios of both. Run: python benchmarks/bench_classify.py
"""

from __future__ import annotations

import random
import time
from pathlib import Path

from tabulate import tabulate

from provenance import align_documents, make_document
from provenance.edits.classify import classify_edits

ROOT = Path(__file__).resolve().parent.parent
EDITS = [("minimising", "minimizing"), ("organisers", "organizers"), ("February", "Feb."), ("US ", "U.S. "),
         ("advisor", "adviser"), ("13,000", "13 000"), (" the ", " "), ('",', ',"'), ("Putin", "Vladimir Putin")]


def build(words: int, seed: int):
    paras = (ROOT / "examples" / "afp_wire_putin_strikes.txt").read_text(encoding="utf-8").splitlines()
    rng = random.Random(seed)
    parent, child, n = [], [], 0
    k = 0
    while n < words:
        p = paras[k % len(paras)] + f" (part {k})"
        parent.append(p)
        c = p
        for old, new in rng.sample(EDITS, 3):
            c = c.replace(old, new, 1)
        child.append(c)
        n += len(p.split())
        k += 1
    for _ in range(max(1, len(child) // 50)):  # move some paragraphs
        a, b = rng.randrange(len(child)), rng.randrange(len(child))
        child.insert(b, child.pop(a))
    return make_document("parent", "\n".join(parent) + "\n"), make_document("child", "\n".join(child) + "\n")


def main() -> None:
    rows, times = [], {}
    for words in (10_000, 100_000):
        parent, child = build(words, seed=words)
        t0 = time.perf_counter()
        al = align_documents(parent, child)
        t_align = time.perf_counter() - t0
        t0 = time.perf_counter()
        edits = classify_edits(al)
        t_class = time.perf_counter() - t0
        times[words] = (t_align, t_align + t_class)
        rows.append([f"{words:,}", len(edits), f"{t_align:.2f}", f"{t_class:.2f}",
                     f"{1000 * t_class / max(1, len(edits)) * 1000:.1f}"])
    print(tabulate(rows, headers=["words", "edits", "align s (baseline)", "classify s", "classify ms per 1k edits"]))
    ra = times[100_000][0] / times[10_000][0]
    rt = times[100_000][1] / times[10_000][1]
    print(f"\n100k/10k time ratio: alignment alone {ra:.1f}x, alignment + classification {rt:.1f}x (10x is linear)")


if __name__ == "__main__":
    main()

"""How much a paragraph shares with its own story, against a paragraph from elsewhere (the figures
behind ``lineage.foreign_max_cohesion``, :func:`provenance.lineage.measures.foreign_passages`).

For every article body of ../shared/data/article-extraction-benchmark-html/ground-truth.json with
five or more paragraphs of 12+ words: each paragraph's share of distinct content words (four letters
or longer, function words aside, the token norms the rule reads) that also occur in the rest of its
article; and, per article, one paragraph of another article (seeded draw) against it. Prints the
deciles of both and the share of each under a few thresholds.

Run: ``python benchmarks/measure_cohesion.py [--data DIR]``
"""

from __future__ import annotations

import argparse
import json
import random
import statistics
from pathlib import Path

from tabulate import tabulate

from provenance import make_document
from provenance.text.lexicon import load_lexicon

REPO = Path(__file__).resolve().parent.parent
DATA = REPO.parent / "shared" / "data"


def content(text: str) -> set[str]:
    fw = load_lexicon().function_words
    return {t.norm for t in make_document("p", text).tokens if t.kind == "word" and len(t.norm) >= 4 and t.norm not in fw}


def cohesion(paragraph: str, rest: list[str]) -> float:
    words = content(paragraph)
    story = set().union(*map(content, rest))
    return len(words & story) / max(1, len(words))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=DATA, help="the shared data directory (default: %(default)s)")
    args = parser.parse_args()
    gt = args.data / "article-extraction-benchmark-html" / "ground-truth.json"
    if not gt.is_file():
        raise SystemExit(f"measure_cohesion: {gt} not found (the shared data is needed)")
    bodies = json.loads(gt.read_text(encoding="utf-8"))
    articles = [[p.strip() for p in v["articleBody"].split("\n\n") if len(p.split()) >= 12] for _, v in sorted(bodies.items())]
    articles = [a for a in articles if len(a) >= 5]
    rng = random.Random(0)
    own, other = [], []
    for k, art in enumerate(articles):
        own.extend(cohesion(p, art[:j] + art[j + 1:]) for j, p in enumerate(art))
        elsewhere = articles[(k + 1 + rng.randrange(len(articles) - 1)) % len(articles)]
        other.append(cohesion(rng.choice(elsewhere), art))
    print(f"command: python benchmarks/measure_cohesion.py\narticles: {len(articles)}\n")
    rows = []
    for name, xs in (("a paragraph against the rest of its article", own), ("another article's paragraph against an article", other)):
        rows.append([name, len(xs), " ".join(f"{q:.2f}" for q in statistics.quantiles(xs, n=10))]
                    + [f"{sum(x < t for x in xs) / len(xs):.0%}" for t in (0.1, 0.2, 0.3)])
    print(tabulate(rows, headers=["paragraphs", "n", "deciles of the share", "under 0.1", "under 0.2", "under 0.3"]))


if __name__ == "__main__":
    main()

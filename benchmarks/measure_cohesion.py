"""How much a passage shares with its own story, against a passage from elsewhere: the figures
behind ``lineage.foreign_max_cohesion`` (:func:`provenance.lineage.measures.foreign_passages`).

Two corpora of development data: the English article bodies of
``article-extraction-benchmark-html/ground-truth.json`` (units: paragraphs of 12+ words, articles
with five or more), and the Urdu agency stories of the COUNTER dev half (their bodies are one
paragraph, so units are sentences of 12+ words, stories with five or more). For each unit: the
share of its distinct content words (:func:`provenance.lineage.measures.passage_words`, the words
the rule reads) that also occur in the rest of its story; and, per story, up to five units of
another story (seeded draw) against it. Units with fewer than ``lineage.foreign_min_words``
content words are left out, as the rule leaves them. Prints the deciles and the share of each
under a few thresholds.

Run: ``python benchmarks/measure_cohesion.py [--data DIR]``
"""

from __future__ import annotations

import argparse
import json
import random
import re
import statistics
import sys
from pathlib import Path

from tabulate import tabulate

from provenance import DEFAULT_SETTINGS, make_document
from provenance.lineage.measures import passage_words

sys.path.insert(0, str(Path(__file__).resolve().parent))
from train_reuse_model import load_counter  # noqa: E402

REPO = Path(__file__).resolve().parent.parent
DATA = REPO.parent / "shared" / "data"
THRESHOLDS = (0.1, 0.2, 0.3)


def content(text: str) -> set[str]:
    doc = make_document("unit", text)
    return passage_words(doc, 0, len(doc.tokens))


def english(data: Path) -> list[list[str]]:
    bodies = json.loads((data / "article-extraction-benchmark-html" / "ground-truth.json").read_text(encoding="utf-8"))
    return [[p.strip() for p in v["articleBody"].split("\n\n") if len(p.split()) >= 12] for _, v in sorted(bodies.items())]


def urdu(data: Path) -> list[list[str]]:
    stories = {p.parent.id: p.parent.text.split("\n\n", 1)[-1] for p in load_counter(data)}
    return [[s.strip() for s in re.split(r"[۔.!?؟]\s", body) if len(s.split()) >= 12] for _, body in sorted(stories.items())]


def measure(stories: list[list[str]], seed: int = 0) -> tuple[list[float], list[float]]:
    """Shares of a unit's content words found in the rest of its story, and of other stories' units."""
    floor = DEFAULT_SETTINGS.lineage.foreign_min_words
    stories = [s for s in stories if len(s) >= 5]
    words = [[content(u) for u in s] for s in stories]
    rng = random.Random(seed)
    own, other = [], []
    for k, units in enumerate(words):
        for j, w in enumerate(units):
            if len(w) >= floor:
                rest = set().union(*(x for i, x in enumerate(units) if i != j))
                own.append(len(w & rest) / len(w))
        story = set().union(*units)
        elsewhere = words[(k + 1 + rng.randrange(len(words) - 1)) % len(words)]
        other.extend(len(w & story) / len(w) for w in elsewhere[:5] if len(w) >= floor)
    return own, other


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=DATA, help="the shared data directory (default: %(default)s)")
    args = parser.parse_args()
    if not (args.data / "article-extraction-benchmark-html").is_dir():
        raise SystemExit(f"measure_cohesion: {args.data} holds no development data (the shared data is needed)")
    print("command: python benchmarks/measure_cohesion.py\n")
    rows = []
    for corpus, stories in (("English articles, paragraphs", english(args.data)), ("Urdu agency stories, sentences", urdu(args.data))):
        own, other = measure(stories)
        for name, xs in (("its own story", own), ("another story", other)):
            rows.append([corpus, name, len(xs), " ".join(f"{q:.2f}" for q in statistics.quantiles(xs, n=10))]
                        + [f"{sum(x < t for x in xs) / len(xs):.0%}" for t in THRESHOLDS])
    print(tabulate(rows, headers=["units", "against", "n", "deciles of the share"] + [f"under {t}" for t in THRESHOLDS]))


if __name__ == "__main__":
    main()

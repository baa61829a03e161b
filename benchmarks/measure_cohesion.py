"""How much a passage shares with its own story, against a passage from elsewhere: the figures
behind ``lineage.foreign_max_cohesion`` (:func:`provenance.lineage.measures.foreign_passages`).

Two corpora of development data: the English article bodies of
``article-extraction-benchmark-html/ground-truth.json`` (units: paragraphs of 12+ words, articles
with five or more), and the Urdu agency stories of the COUNTER dev half (their bodies are one
paragraph, so units are sentences of 12+ words, stories with five or more). For each unit: the
share of its distinct content words (:func:`provenance.lineage.measures.passage_words`, the words
the rule reads) that also occur in the rest of its story, and whether it names a name the rest of
its story names (:func:`provenance.lineage.measures.passage_names`; Urdu has no letter case, so no
names); and, per story, up to five units of another story (seeded draw) against it. Units with
fewer than ``lineage.foreign_min_words`` content words are left out, as the rule leaves them.
Prints the deciles of the share, and the share of units the rule would read as foreign at a few
bars (under the bar, and naming none of the story's names).

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
from provenance.lineage.measures import passage_names, passage_words

sys.path.insert(0, str(Path(__file__).resolve().parent))
from train_reuse_model import load_counter  # noqa: E402

REPO = Path(__file__).resolve().parent.parent
DATA = REPO.parent / "shared" / "data"
THRESHOLDS = (0.1, 0.2, 0.3)


def unit(text: str) -> tuple[set[str], set[str]]:
    """Content words and names of one passage (as the rule reads them, in a document of its own)."""
    doc = make_document("unit", text)
    return passage_words(doc, 0, len(doc.tokens)), passage_names(doc, 0, len(doc.tokens))


def english(data: Path) -> list[list[str]]:
    bodies = json.loads((data / "article-extraction-benchmark-html" / "ground-truth.json").read_text(encoding="utf-8"))
    return [[p.strip() for p in v["articleBody"].split("\n\n") if len(p.split()) >= 12] for _, v in sorted(bodies.items())]


def urdu(data: Path) -> list[list[str]]:
    stories = {p.parent.id: p.parent.text.split("\n\n", 1)[-1] for p in load_counter(data)}
    return [[s.strip() for s in re.split(r"[۔.!?؟]\s", body) if len(s.split()) >= 12] for _, body in sorted(stories.items())]


def measure(stories: list[list[str]], seed: int = 0) -> tuple[list[tuple[float, bool]], list[tuple[float, bool]]]:
    """(share of a unit's content words found in the rest of its story, whether it names one of the
    story's names), for each story's own units and for other stories' units."""
    floor = DEFAULT_SETTINGS.lineage.foreign_min_words
    stories = [s for s in stories if len(s) >= 5]
    units = [[unit(u) for u in s] for s in stories]
    rng = random.Random(seed)
    own, other = [], []

    def against(w: set[str], n: set[str], rest: list[tuple[set[str], set[str]]]) -> tuple[float, bool]:
        words = set().union(*(x for x, _ in rest))
        names = set().union(*(y for _, y in rest))
        return len(w & words) / len(w), bool(n & names)

    for k, story in enumerate(units):
        for j, (w, n) in enumerate(story):
            if len(w) >= floor:
                own.append(against(w, n, story[:j] + story[j + 1:]))
        elsewhere = units[(k + 1 + rng.randrange(len(units) - 1)) % len(units)]
        other.extend(against(w, n, story) for w, n in elsewhere[:5] if len(w) >= floor)
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
            rows.append([corpus, name, len(xs), " ".join(f"{q:.2f}" for q in statistics.quantiles([x for x, _ in xs], n=10))]
                        + [f"{sum(x < t for x, _ in xs) / len(xs):.0%} / {sum(x < t and not named for x, named in xs) / len(xs):.0%}"
                           for t in THRESHOLDS])
    print(tabulate(rows, headers=["units", "against", "n", "deciles of the share"]
                   + [f"under {t} / and no name shared" for t in THRESHOLDS]))


if __name__ == "__main__":
    main()

"""The off-topic tail threshold (``settings.lineage.off_topic_tail_share``, issue #15 review): how much of
a paragraph's vocabulary its own article shares, against a paragraph of another article.

Data: the English news articles of ../shared/data/article-extraction-benchmark-html/ground-truth.json
(``articleBody``, paragraphs split at blank lines; articles of four or more paragraphs). For each
article, each of its last three paragraphs of ``--min-words`` or more words is scored against the
rest of the article (*own*), and one paragraph of another article drawn at random (seeded) against
the whole article (*other*). The score is the share of the paragraph's content words (4+ letters,
not in the frequent-word table; :func:`provenance.lineage.evidence._content_words`) found in the
article's. The table prints, per threshold, how many own and other paragraphs score at or under it:
the own ones are the wire tails a copy may cut and that the cue would misread as appended text.

Run: ``python benchmarks/fit_off_topic_tail.py [--data DIR] [--min-words 15] [--seed 0]``
"""

from __future__ import annotations

import argparse
import json
import random
from pathlib import Path

from tabulate import tabulate

from provenance import DEFAULT_SETTINGS
from provenance.lineage.evidence import _content_words

DATA = Path(__file__).resolve().parent.parent.parent / "shared" / "data"


def scores(bodies: list[str], min_words: int, seed: int) -> tuple[list[float], list[float]]:
    rng = random.Random(seed)
    own, other = [], []
    for i, body in enumerate(bodies):
        paras = [p for p in body.split("\n\n") if p.strip()]
        for k in range(max(0, len(paras) - 3), len(paras)):
            words = _content_words(paras[k])
            if len(paras[k].split()) >= min_words and words:
                rest = _content_words(" ".join(p for m, p in enumerate(paras) if m != k))
                own.append(len(words & rest) / len(words))
        j = rng.randrange(len(bodies))
        if j == i:
            continue
        candidates = [p for p in bodies[j].split("\n\n") if len(p.split()) >= min_words and _content_words(p)]
        if candidates:
            words = _content_words(rng.choice(candidates))
            other.append(len(words & _content_words(body)) / len(words))
    return own, other


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=DATA, help="the shared data directory (default: %(default)s)")
    parser.add_argument("--min-words", type=int, default=DEFAULT_SETTINGS.lineage.off_topic_tail_min_words)
    parser.add_argument("--seed", type=int, default=0)
    args = parser.parse_args()
    truth = json.loads((args.data / "article-extraction-benchmark-html" / "ground-truth.json").read_text(encoding="utf-8"))
    bodies = [v["articleBody"] for _, v in sorted(truth.items())
              if len(v.get("articleBody", "").split("\n\n")) >= 4]
    own, other = scores(bodies, args.min_words, args.seed)
    print(f"{len(bodies)} articles: {len(own)} own paragraphs, {len(other)} paragraphs of another article")
    rows = [[t, f"{sum(x <= t for x in own)} ({sum(x <= t for x in own) / len(own):.1%})",
             f"{sum(x <= t for x in other)} ({sum(x <= t for x in other) / len(other):.1%})"]
            for t in (0.0, 0.05, 0.1, 0.15, 0.2)]
    print(tabulate(rows, headers=["share <=", "own (misread as appended)", "other (found appended)"]))
    print(f"shipped: off_topic_tail_share = {DEFAULT_SETTINGS.lineage.off_topic_tail_share}")


if __name__ == "__main__":
    main()

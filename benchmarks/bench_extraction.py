"""Article-body extraction on real news pages: provenance's HTML input against raw trafilatura.

Data: ../shared/data/article-extraction-benchmark-html (Scrapinghub/Zyte article-extraction
benchmark: 181 gzipped HTML pages with a human-annotated ``articleBody`` each; see its SOURCE.md).

Rows, all scored in the same run with the benchmark's metric:

* ``provenance body``: :func:`provenance.inputs.formats.decode_html` then :func:`~provenance.inputs.formats.extract_article`,
  the body paragraphs only: what :func:`~provenance.inputs.formats.html_to_document` puts after the headline;
* ``provenance document``: the whole document text, headline included (the gold bodies have no
  headline, so this costs a little precision);
* ``trafilatura.extract``: raw trafilatura with its default settings on the page bytes, the baseline;
* ``stored trafilatura 2.0.0``: the predictions shipped with the data set, to check this metric
  against the published figure (F1 0.958, precision 0.938, recall 0.978).

Metric (reimplemented from the benchmark's description): tokens are ``\\w+`` (Unicode); each text
is a multiset of word 4-grams (a text of fewer than 4 tokens is one shingle); per page, true
positives are the shared shingles, false positives the extra predicted ones, false negatives the
missed ones, and the three are normalised to sum to 1 so that long pages do not dominate (two
empty texts count as one true positive). Precision, recall and F1 come from the normalised counts
summed over pages; the ± is the bootstrap standard deviation of F1 over pages. Accuracy is the share
of pages whose token list equals the gold one exactly. Time is per page, wall-clock (mean, median)
and CPU (mean), of extraction (and for provenance, decoding) only; the two provenance rows share
one extraction.

Run: ``python benchmarks/bench_extraction.py [--data DIR] [--worst K] [--min-f1 F]``.
"""

from __future__ import annotations

import argparse
import gzip
import json
import random
import re
import statistics
import sys
import time
from collections import Counter
from pathlib import Path

from tabulate import tabulate

DATA = Path(__file__).resolve().parent.parent.parent / "shared" / "data" / "article-extraction-benchmark-html"
_TOKEN = re.compile(r"\w+")
SHINGLE = 4


def shingles(text: str) -> tuple[list[str], Counter]:
    tokens = _TOKEN.findall(text or "")
    if len(tokens) < SHINGLE:
        return tokens, Counter([tuple(tokens)] if tokens else [])
    return tokens, Counter(tuple(tokens[i : i + SHINGLE]) for i in range(len(tokens) - SHINGLE + 1))


def page_counts(gold: str, predicted: str) -> tuple[float, float, float, bool]:
    """Normalised (tp, fp, fn) of one page, and whether the token lists are equal."""
    gold_tokens, gold_shingles = shingles(gold)
    pred_tokens, pred_shingles = shingles(predicted)
    tp = sum((gold_shingles & pred_shingles).values())
    fp = sum(pred_shingles.values()) - tp
    fn = sum(gold_shingles.values()) - tp
    total = tp + fp + fn
    if total == 0:
        return 1.0, 0.0, 0.0, True
    return tp / total, fp / total, fn / total, gold_tokens == pred_tokens


def prf(counts: list[tuple[float, float, float, bool]]) -> tuple[float, float, float]:
    tp = sum(c[0] for c in counts)
    fp = sum(c[1] for c in counts)
    fn = sum(c[2] for c in counts)
    precision = tp / (tp + fp) if tp + fp else 0.0
    recall = tp / (tp + fn) if tp + fn else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return precision, recall, f1


def bootstrap_f1_std(counts, rounds: int = 1000, seed: int = 0) -> float:
    rng = random.Random(seed)
    n = len(counts)
    return statistics.pstdev(prf([counts[rng.randrange(n)] for _ in range(n)])[2] for _ in range(rounds))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--data", type=Path, default=DATA, help=f"the data set directory (default: {DATA})")
    parser.add_argument("--worst", type=int, default=5, help="list the K pages provenance scores worst on (5)")
    parser.add_argument("--min-f1", type=float, default=None,
                        help="exit 1 if provenance's body F1 is below this floor (e.g. 0.93)")
    args = parser.parse_args(argv)

    gold_path, html_dir = args.data / "ground-truth.json", args.data / "html"
    if not gold_path.is_file() or not html_dir.is_dir():
        print(f"bench_extraction: data set not found at {args.data} (expected ground-truth.json and html/*.html.gz;"
              " it is the Scrapinghub article-extraction benchmark, see its SOURCE.md)", file=sys.stderr)
        return 2

    import trafilatura

    from provenance.inputs.formats import decode_html, extract_article

    gold = json.loads(gold_path.read_text(encoding="utf-8"))
    stored_path = args.data / "output" / "trafilatura.json"
    stored = json.loads(stored_path.read_text(encoding="utf-8")) if stored_path.is_file() else None
    keys = sorted(gold)
    missing = [k for k in keys if not (html_dir / f"{k}.html.gz").is_file()]
    if missing:
        print(f"bench_extraction: {len(missing)} pages of ground-truth.json have no html file, e.g. {missing[0]}",
              file=sys.stderr)
        return 2

    rows = {"provenance body": [], "provenance document": [], "trafilatura.extract": []}
    # wall-clock and CPU seconds per page (CPU time is steadier on a shared machine)
    seconds = {"provenance body": [], "trafilatura.extract": []}
    cpu = {"provenance body": [], "trafilatura.extract": []}
    failures = []
    for n, key in enumerate(keys, 1):
        data = gzip.decompress((html_dir / f"{key}.html.gz").read_bytes())
        truth = gold[key]["articleBody"]

        start, start_cpu = time.perf_counter(), time.process_time()
        article = None
        try:
            article = extract_article(decode_html(data, key, 0).text)
        except ValueError as exc:  # InputError: undecodable page
            failures.append(f"{key}: {exc}")
        seconds["provenance body"].append(time.perf_counter() - start)
        cpu["provenance body"].append(time.process_time() - start_cpu)
        if article is None:
            failures.append(f"{key}: no article text found")
        rows["provenance body"].append(page_counts(truth, article.body if article else ""))
        rows["provenance document"].append(page_counts(truth, article.text if article else ""))

        start, start_cpu = time.perf_counter(), time.process_time()
        raw = trafilatura.extract(data)
        seconds["trafilatura.extract"].append(time.perf_counter() - start)
        cpu["trafilatura.extract"].append(time.process_time() - start_cpu)
        rows["trafilatura.extract"].append(page_counts(truth, raw or ""))
        if sys.stderr.isatty():
            print(f"\r{n}/{len(keys)} pages", end="", file=sys.stderr, flush=True)
    if sys.stderr.isatty():
        print(file=sys.stderr)
    if stored is not None:
        name = f"stored trafilatura {stored.get('version', '?')}"
        rows[name] = [page_counts(gold[k]["articleBody"], stored["output"].get(k, {}).get("articleBody", ""))
                      for k in keys]

    table = []
    for name, counts in rows.items():
        precision, recall, f1 = prf(counts)
        timed = "provenance body" if name.startswith("provenance") else name
        timing, cpu_timing = seconds.get(timed), cpu.get(timed)
        table.append([
            name, f"{f1:.3f} ± {bootstrap_f1_std(counts):.3f}", f"{precision:.3f}", f"{recall:.3f}",
            f"{sum(c[3] for c in counts) / len(counts):.3f}",
            f"{statistics.mean(timing) * 1000:.1f}" if timing else "",
            f"{statistics.median(timing) * 1000:.1f}" if timing else "",
            f"{statistics.mean(cpu_timing) * 1000:.1f}" if cpu_timing else "",
        ])
    print(f"{len(keys)} pages, trafilatura {trafilatura.__version__}, Python {sys.version.split()[0]}")
    print(tabulate(table, headers=["extractor", "F1", "precision", "recall", "accuracy", "ms/page mean",
                                   "ms/page median", "CPU ms/page"]))
    if failures:
        print(f"\nprovenance found no article in {len(failures)} page(s):")
        for line in failures:
            print(f"  {line}")
    if args.worst:
        scored = sorted(zip(keys, rows["provenance body"]), key=lambda kc: prf([kc[1]])[2])[: args.worst]
        print(f"\nprovenance body: {args.worst} worst pages")
        print(tabulate([[prf([c])[2].__format__(".3f"), prf([c])[0].__format__(".3f"), prf([c])[1].__format__(".3f"),
                         gold[k]["url"][:90]] for k, c in scored], headers=["F1", "precision", "recall", "url"]))
    if args.min_f1 is not None:
        f1 = prf(rows["provenance body"])[2]
        if f1 < args.min_f1:
            print(f"\nbench_extraction: provenance body F1 {f1:.3f} is below the floor {args.min_f1}", file=sys.stderr)
            return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())

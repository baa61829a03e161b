"""`provenance check` throughput: reprints per second against one source, 1,000 reprints of ~800 words.

The source is the AFP seed story lengthened to ~800 words with five paragraphs of the Lavrov seed
(real text). Each reprint applies a random mix of realistic edits (house spellings, abbreviations,
titles, a moved comma, a changed quote word or number, a cut tail, added furniture). In the same run
the baseline is ``difflib.SequenceMatcher(None, a, b).ratio()`` on word lists, the cheapest
similarity a script would compute, timed in ``--rounds`` interleaved rounds (benchmarks/interleaved.py;
each round builds fresh reprint documents from the texts) and reported as the ratio of the median
rounds, so that the figure means something on a loaded machine.
Run: ``python benchmarks/bench_check.py [--n 1000] [--rounds 5]``.
"""

from __future__ import annotations

import argparse
import difflib
import random
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from interleaved import interleaved  # noqa: E402

from provenance import make_document  # noqa: E402
from provenance.check.fidelity import check_reprint  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent
EDITS = [("minimising", "minimizing"), ("organisers", "organizers"), ("February 24", "Feb. 24"),
         ("US President", "U.S. President"), ("with Putin, Scholz", "with Mr Putin, Mr Scholz"),
         ('Ukraine", Putin told', 'Ukraine," Putin told'), ("13,000", "31,000"), ('"inevitable"', '"unavoidable"'),
         ("will not export", "will export"), ("Moscow (AFP) - ", "")]


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--n", type=int, default=1000)
    ap.add_argument("--rounds", type=int, default=5, help="interleaved timing rounds (median reported)")
    args = ap.parse_args()
    afp = (ROOT / "examples" / "afp_wire_putin_strikes.txt").read_text(encoding="utf-8")
    lavrov = (ROOT / "examples" / "lavrov_unrelated.txt").read_text(encoding="utf-8").split("\n\n")
    extra = [p.strip() for p in lavrov[1:6]]
    source_text = afp + "\n" + "\n".join(extra) + "\n"
    source = make_document("source.txt", source_text)
    rng = random.Random(0)
    texts = []
    for n in range(args.n):
        text = source_text
        for old, new in rng.sample(EDITS, 3):
            text = text.replace(old, new, 1)
        if rng.random() < 0.3:
            text = "\n".join(text.splitlines()[: -rng.randint(1, 4)]) + "\n"
        if rng.random() < 0.5:
            text = "Support our newsroom!\n\n" + text + "\nSign up for our newsletter\n"
        texts.append(text)
    words = sum(len(t.split()) for t in texts) / len(texts)

    verdicts = [check_reprint(source, make_document(f"r{n}.txt", t)).passed for n, t in enumerate(texts)]
    src_words = source_text.split()

    def run_check(part):
        for n, t in enumerate(part):
            check_reprint(source, make_document(f"r{n}.txt", t))

    def run_base(part):
        for t in part:
            difflib.SequenceMatcher(None, src_words, t.split()).ratio()

    timing = interleaved(run_check, run_base, texts, rounds=args.rounds)
    ours, base = timing.ours_median, timing.base_median
    print(f"{args.n} reprints of {words:.0f} words on average against one {len(src_words)}-word source")
    print(f"provenance check (tokenize, align, classify, judge): {args.n / ours:.0f} reprints/s "
          f"({ours:.1f} s; {sum(verdicts)} pass, {args.n - sum(verdicts)} fail)")
    print(f"baseline difflib ratio on word lists:                {args.n / base:.0f} reprints/s ({base:.1f} s)")
    print(f"check costs {timing.summary()} the baseline's time per reprint")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

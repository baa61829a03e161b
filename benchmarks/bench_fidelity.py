"""`provenance check` on the tamper suite of issue #13 (benchmarks/fidelity_suite.py).

For every case it runs :func:`provenance.check.fidelity.check_reprint` and reads the verdict as ``fail``
(a failing finding), ``warn`` (passed with warnings) or ``pass``. Printed per kind: the share
*caught* (verdict as expected or stricter), the share where check names the expected kind among its
findings (``kind named``) and, for the faithful kinds, the share wrongly failed.
Then the detectors of :mod:`provenance.edits.meaning` on the same cases (word-level difflib spans, each
with its paragraph as context): per substantive kind the share where the expected meaning kind is
reported, and per faithful kind the share with any ``fail`` from them. Last, throughput of ``check``
against ``difflib.SequenceMatcher(None, a, b).ratio()`` on word lists, measured in the same run:
``--rounds`` interleaved rounds (benchmarks/interleaved.py), reported as the ratio of the median
rounds. Each round checks fresh documents (no cache of an earlier round helps), built untimed as
this figure has always been measured: ``make_document`` tokenizes, so the tokenizer's time is not in
it (``bench_check.py`` times it).

Run: ``python benchmarks/bench_fidelity.py [--n 16] [--seed 13] [--rounds 5]`` (~15 s).
"""

from __future__ import annotations

import argparse
import difflib
import re
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from fidelity_suite import DEFAULT_DATA, EXPECTED, FAITHFUL, MEANING_KIND, STRICTNESS, build_cases  # noqa: E402
from interleaved import interleaved  # noqa: E402

from provenance import make_document  # noqa: E402
from provenance.check.fidelity import check_reprint  # noqa: E402
from provenance.edits.meaning import detect_meaning_changes  # noqa: E402

_TOKEN_RE = re.compile(r"[^\W_](?:[\w'’.,-]*[^\W_])?\.?|[^\w\s]")


def verdict_of(result) -> str:
    if not result.passed:
        return "fail"
    return "warn" if result.warnings else "pass"


def _tokens(text: str) -> list[tuple[str, int, int]]:
    return [(m.group(0), m.start(), m.end()) for m in _TOKEN_RE.finditer(text)]


def _paragraph(text: str, a: int, b: int) -> str:
    lo = text.rfind("\n\n", 0, a)
    hi = text.find("\n\n", b)
    return text[lo + 2 if lo >= 0 else 0: hi if hi >= 0 else len(text)]


def span_pairs(source: str, reprint: str, tail: bool = False):
    """(parent span, child span, parent paragraph, child paragraph) for each word-level difflib
    change between the two texts (tokens compared case-sensitively, as written); with ``tail``, a
    fifth item: whether the change lies after the last equal run (a cut tail)."""
    pt, ct = _tokens(source), _tokens(reprint)
    sm = difflib.SequenceMatcher(None, [t[0] for t in pt], [t[0] for t in ct], autojunk=False)
    ops = sm.get_opcodes()
    last_equal = max((n for n, op in enumerate(ops) if op[0] == "equal"), default=-1)
    for n, (tag, i1, i2, j1, j2) in enumerate(ops):
        if tag == "equal":
            continue
        pa = pt[i1][1] if i1 < i2 else (pt[i1 - 1][2] if i1 else 0)
        pb = pt[i2 - 1][2] if i1 < i2 else pa
        ca = ct[j1][1] if j1 < j2 else (ct[j1 - 1][2] if j1 else 0)
        cb = ct[j2 - 1][2] if j1 < j2 else ca
        out = (source[pa:pb], reprint[ca:cb], _paragraph(source, pa, pb), _paragraph(reprint, ca, cb))
        yield out + (n > last_equal,) if tail else out


def meaning_findings(source: str, reprint: str):
    """The detectors on every difflib change, except the two that provenance's alignment types
    before any meaning check: a passage found verbatim on the other side (``moved``) and a deletion
    that runs to the end of the source (``truncated``)."""
    out = []
    for p, c, pctx, cctx, after_last in span_pairs(source, reprint, tail=True):
        moved = len(p.split()) >= 4 and p.strip() in reprint or len(c.split()) >= 4 and c.strip() in source
        if moved and not (p.strip() and c.strip()):
            continue  # moved
        if not c.strip() and p.strip() and after_last:
            continue  # tail cut (by position: a quotation mark dropped before the last word is no tail)
        out.extend(detect_meaning_changes(p, c, pctx, cctx))
    return out


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--data", type=Path, default=DEFAULT_DATA)
    ap.add_argument("--n", type=int, default=16)
    ap.add_argument("--seed", type=int, default=13)
    ap.add_argument("--rounds", type=int, default=5, help="interleaved timing rounds (median reported)")
    args = ap.parse_args()
    if not args.data.is_file():
        print(f"data not found: {args.data}", file=sys.stderr)
        return 2
    cases = build_cases(args.data, args.n, args.seed)
    docs = [(make_document("source.txt", c.source), make_document("reprint.txt", c.reprint)) for c in cases]

    results = [check_reprint(s, r) for s, r in docs]
    verdicts = [verdict_of(r) for r in results]
    rules = [{f.rule for f in r.findings} for r in results]

    def fresh_documents(part):
        return [(make_document("source.txt", c.source), make_document("reprint.txt", c.reprint)) for c in part]

    def run_check(pairs):
        for s, r in pairs:
            check_reprint(s, r)

    def run_base(part):
        for c in part:
            difflib.SequenceMatcher(None, c.source.split(), c.reprint.split()).ratio()

    timing = interleaved(run_check, run_base, cases, rounds=args.rounds, setup=fresh_documents)
    findings = [meaning_findings(c.source, c.reprint) for c in cases]

    print(f"{len(cases)} cases over {len({c.article for c in cases})} articles (seed {args.seed})")
    print(f"{'kind':22} {'exp':4} {'n':>3}  {'check caught':>12} {'kind named':>10} {'wrongly failed':>14}   "
          f"{'meaning: kind found':>19} {'any fail':>8}")
    for kind in EXPECTED:
        idx = [i for i, c in enumerate(cases) if c.kind == kind]
        if not idx:
            continue
        exp = EXPECTED[kind]
        caught = sum(STRICTNESS[verdicts[i]] >= STRICTNESS[exp] for i in idx) / len(idx)
        failed = sum(verdicts[i] == "fail" for i in idx) / len(idx)
        mk = MEANING_KIND.get(kind)
        mk = (mk,) if isinstance(mk, str) else mk
        want = mk or (("inserted",) if kind == "claim_invented" else None)
        named = f"{sum(bool(rules[i] & set(want)) for i in idx) / len(idx):10.0%}" if want else f"{'-':>10}"
        found = (f"{sum(any(f.kind in mk for f in findings[i]) for i in idx) / len(idx):19.0%}" if mk else f"{'-':>19}")
        anyfail = sum(any(f.action == "fail" for f in findings[i]) for i in idx) / len(idx)
        wrong = f"{failed:14.0%}" if kind in FAITHFUL else f"{'-':>14}"
        print(f"{kind:22} {exp:4} {len(idx):3}  {caught:12.0%} {named} {wrong}   {found} {anyfail:8.0%}")
    sub = [i for i, c in enumerate(cases) if c.kind not in FAITHFUL]
    fai = [i for i, c in enumerate(cases) if c.kind in FAITHFUL]
    print(f"substantive caught by check: {sum(STRICTNESS[verdicts[i]] >= STRICTNESS[cases[i].expected] for i in sub) / len(sub):.0%}"
          f"; faithful wrongly failed by check: {sum(verdicts[i] == 'fail' for i in fai) / len(fai):.0%}"
          f"; by the meaning detectors: {sum(any(f.action == 'fail' for f in findings[i]) for i in fai) / len(fai):.0%}")
    words = sum(len(c.reprint.split()) for c in cases) / len(cases)
    ours, base = timing.ours_median, timing.base_median
    print(f"check (documents tokenized beforehand): {len(cases) / ours:.0f} reprints/s ({ours:.2f} s, {words:.0f} words on average); "
          f"difflib ratio baseline: {len(cases) / base:.0f} reprints/s ({base:.2f} s); "
          f"check costs {timing.summary()} the baseline")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

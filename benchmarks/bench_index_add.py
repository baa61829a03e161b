"""What indexing one article costs (issue #16: 100k articles in under 10 minutes), stage by stage,
against the version-1 character fingerprint (one BLAKE2b call per window) measured in the same run.

    python benchmarks/bench_index_add.py [ARCHIVE.jsonl] [--limit 2000]

Reads the first ``--limit`` records of a JSON Lines archive (default: the texts of ``examples/``,
repeated), and times, per article and in one process: reading the record into a tokenized
document, the word fingerprint, the character fingerprint now, and the version-1 character
fingerprint (its algorithm kept here as the baseline). It checks that both character fingerprints
winnow the same windows (same count of kept hashes within a few percent; the values differ by
design). The README's archives come from ``benchmarks/gen_corpus.py --seed 1``.
"""

from __future__ import annotations

import argparse
import json
import time
from hashlib import blake2b
from pathlib import Path

from provenance.archive.charshingles import CHAR_FINGERPRINT_VERSION, char_fingerprint, normalise_letters
from provenance.archive.fingerprint import fingerprint
from provenance.inputs.documents import make_document
from provenance.settings import DEFAULT_SETTINGS

REPO = Path(__file__).resolve().parent.parent


def version1_fingerprint(text: str, n: int, window: int) -> tuple[int, ...]:
    """The version-1 character fingerprint: BLAKE2b-64 of every window's UTF-8 bytes, winnowed
    (the code of stop 26, for the baseline)."""
    letters = normalise_letters(text)
    if len(letters) < n:
        return ()
    hashes = [int.from_bytes(blake2b(letters[i:i + n].encode(), digest_size=8).digest(), "little", signed=True)
              for i in range(len(letters) - n + 1)]
    if len(hashes) <= window:
        return (min(hashes),)
    return tuple(dict.fromkeys(map(min, *(hashes[j:] for j in range(window)))))


def texts(archive: Path | None, limit: int) -> list[str]:
    if archive is None:
        base = [p.read_text(encoding="utf-8-sig") for p in sorted((REPO / "examples").glob("*.txt"))]
        return (base * (limit // len(base) + 1))[:limit]
    out = []
    with open(archive, encoding="utf-8") as fh:
        for line in fh:
            if len(out) >= limit:
                break
            if line.strip():
                out.append(json.loads(line)["text"])
    return out


def per_article(func, items) -> tuple[float, list]:
    t0 = time.perf_counter()
    results = [func(x) for x in items]
    return (time.perf_counter() - t0) / len(items) * 1e3, results


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("archive", nargs="?", type=Path, help="a JSON Lines archive (id, text, ...)")
    parser.add_argument("--limit", type=int, default=2000, help="articles read (default: %(default)s)")
    args = parser.parse_args()
    items = texts(args.archive, args.limit)
    n, window = DEFAULT_SETTINGS.archive.char_shingle, DEFAULT_SETTINGS.archive.winnow_window
    read_ms, docs = per_article(lambda t: make_document("d", t), items)
    word_ms, _ = per_article(fingerprint, docs)
    old_ms, old = per_article(lambda t: version1_fingerprint(t, n, window), items)
    new_ms, new = per_article(char_fingerprint, items)
    kept_old, kept_new = sum(map(len, old)), sum(map(len, new))
    words = sum(len(d.tokens) for d in docs) / len(docs)
    print(f"{len(items):,} articles ({words:.0f} tokens on average), one process; ms per article:")
    print(f"  read and tokenize        {read_ms:7.3f}")
    print(f"  word fingerprint         {word_ms:7.3f}")
    print(f"  char fingerprint v1      {old_ms:7.3f}   (baseline: BLAKE2b per window)")
    print(f"  char fingerprint v{CHAR_FINGERPRINT_VERSION}      {new_ms:7.3f}   x{old_ms / new_ms:.1f} faster")
    before, after = read_ms + word_ms + old_ms, read_ms + word_ms + new_ms
    print(f"  all three stages: {before:.3f} -> {after:.3f} ms (x{after / before:.2f} the time)")
    print(f"kept hashes: v1 {kept_old:,}, v{CHAR_FINGERPRINT_VERSION} {kept_new:,} ({kept_new / kept_old - 1:+.1%}; "
          f"winnowing keeps about 2/{window + 1} of the windows either way)")


if __name__ == "__main__":
    main()

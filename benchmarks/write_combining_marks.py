"""Write ``provenance/data/combining_marks.txt``: the BMP's combining marks (Mn, Mc, Me) as code point
ranges, for this Python's Unicode version (its first line). The tokenizer reads the table at start-up
instead of scanning 65,000 code points (about 10 ms); under another Unicode version it computes them.

    python benchmarks/write_combining_marks.py
"""

from __future__ import annotations

import unicodedata

from provenance.text.tokenize import MARKS_FILE, mark_ranges


def main() -> None:
    ranges = mark_ranges()
    lines = [f"unicode-{unicodedata.unidata_version}"] + [f"{a:04X}-{b:04X}" for a, b in ranges]
    with open(MARKS_FILE, "w", encoding="ascii") as fh:
        fh.write("\n".join(lines) + "\n")
    print(f"wrote {MARKS_FILE}: {len(ranges)} ranges, Unicode {unicodedata.unidata_version}")


if __name__ == "__main__":
    main()

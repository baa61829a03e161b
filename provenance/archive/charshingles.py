"""Character shingles for finding reuse that survives rewriting, re-spacing and OCR (a prototype).

Word shingles break whenever one word of a window changes, and Urdu or OCR text often joins or
splits words ("ٹویٹر پرکرن"), so candidates are also taken from *character* windows:

1. :func:`normalise_letters` keeps letters and digits only, after NFKC, case folding, removing
   diacritics (combining marks, Arabic harakat), tatweel and ZWJ/ZWNJ, and mapping Arabic-script
   letter variants (Arabic/Farsi/Urdu yeh, kaf, heh, hamza carriers) and every decimal digit to one
   form. Digits are kept: figures and scores anchor wire text that paraphrase leaves intact.
   Spaces and punctuation are dropped, so re-spacing does not change a shingle.
2. :func:`char_fingerprint` hashes every window of ``n`` characters (BLAKE2b, 8 bytes, signed,
   as :mod:`provenance.archive.fingerprint`) and keeps the *winnowed* hashes: the rightmost minimum of
   each run of ``window`` consecutive hashes. Guarantee (Schleimer et al. 2003): two texts sharing
   a normalised run of at least ``n + window - 1`` characters share at least one kept hash; about
   ``2 / (window + 1)`` of the windows are kept. Deterministic across processes and machines.
3. :func:`candidate_pairs` pairs documents through posting lists whose treatment depends on their
   document frequency (df): a hash in at most ``full_link_df`` documents pairs them all; a more
   frequent one links each document only to the first ``representatives`` documents of its
   posting list (in the caller's order, e.g. by date, so a reprinted story attaches to its earliest
   copies). A story reprinted 500 times stays connected, in linear rather than quadratic pairs,
   instead of being dropped by a cap. Each pair records how many of its shared hashes are
   *frequent* (df above ``furniture_df``), the evidence :mod:`provenance.archive.hubs` uses to tell
   formula text from a big story, and how many are *exclusive* (in these two documents only): text
   a pair shares with third documents (background paragraphs, boilerplate) says less about which
   of them derives from which than text only they have.

Pure: no I/O. Cost: one BLAKE2b call per character of normalised text; pairing is linear in the
total posting length plus the pairs it emits.
"""

from __future__ import annotations

import unicodedata
from collections import deque
from dataclasses import dataclass
from hashlib import blake2b
from typing import Iterable, Mapping, Sequence

from ..settings import DEFAULT_SETTINGS, Settings

__all__ = [
    "normalise_letters",
    "char_fingerprint",
    "CharCandidate",
    "candidate_pairs",
    "document_frequencies",
]

# Arabic-script letters that writers, keyboards and encoders use interchangeably.
_LETTER_VARIANTS = {
    "\u064a": "\u06cc",  # Arabic yeh -> Farsi/Urdu yeh
    "\u0649": "\u06cc",  # alef maksura -> yeh
    "\u0626": "\u06cc",  # yeh with hamza -> yeh
    "\u06d0": "\u06cc",  # yeh (e) -> yeh
    "\u06d3": "\u06d2",  # yeh barree with hamza -> yeh barree
    "\u0643": "\u06a9",  # Arabic kaf -> keheh (Urdu kaf)
    "\u0647": "\u06c1",  # heh -> heh goal (Urdu)
    "\u06d5": "\u06c1",  # ae -> heh goal
    "\u0629": "\u06c1",  # teh marbuta -> heh goal
    "\u06c2": "\u06c1",  # heh goal with hamza -> heh goal
    "\u06c0": "\u06c1",  # heh with yeh above -> heh goal
    "\u0623": "\u0627",  # alef with hamza above -> alef
    "\u0625": "\u0627",  # alef with hamza below -> alef
    "\u0622": "\u0627",  # alef with madda -> alef
    "\u0671": "\u0627",  # alef wasla -> alef
    "\u0624": "\u0648",  # waw with hamza -> waw
}
_DROP = {"\u0640", "\u200c", "\u200d", "\u200b", "\u2060", "\ufeff"}  # tatweel, ZWNJ, ZWJ, ZWSP, WJ, BOM


def _normalise_char(ch: str) -> str:
    if ch in _DROP:
        return ""
    d = unicodedata.digit(ch, None)
    if d is not None and unicodedata.category(ch) == "Nd":
        return str(d)
    if not ch.isalnum():  # spaces, punctuation and combining marks (harakat are category Mn)
        return ""
    return _LETTER_VARIANTS.get(ch, ch)


def normalise_letters(text: str) -> str:
    """``text`` reduced to normalised letters and digits (see the module docstring), in order.

    Idempotent: ``normalise_letters(normalise_letters(t)) == normalise_letters(t)``.
    """
    folded = unicodedata.normalize("NFKC", text).casefold()
    # NFD takes accents, and the hamza or madda of Arabic letters (أ -> ا + U+0654), off their
    # base letters as combining marks, which are then dropped with the harakat
    return "".join(_normalise_char(ch) for ch in unicodedata.normalize("NFD", folded))


def _window_hashes(letters: str, n: int) -> list[int]:
    from_bytes = int.from_bytes
    data = letters
    return [
        from_bytes(blake2b(data[i : i + n].encode("utf-8"), digest_size=8).digest(), "little", signed=True)
        for i in range(len(data) - n + 1)
    ]


def char_fingerprint(text: str, n: int | None = None, window: int | None = None,
                     settings: Settings = DEFAULT_SETTINGS) -> tuple[int, ...]:
    """The winnowed hashes of ``n``-character windows of ``normalise_letters(text)``.

    Distinct hashes in order of first selection. A text shorter than ``n`` normalised characters has
    the empty fingerprint; one shorter than ``n + window - 1`` keeps its single minimum.
    """
    n = settings.archive.char_shingle if n is None else n
    window = settings.archive.winnow_window if window is None else window
    if n < 1 or window < 1:
        raise ValueError(f"char_fingerprint needs n >= 1 and window >= 1, got n={n}, window={window}")
    hashes = _window_hashes(normalise_letters(text), n)
    if not hashes:
        return ()
    kept: dict[int, None] = {}
    dq: deque[int] = deque()  # indices of a non-decreasing run of hashes; rightmost minimum at the front
    for i, h in enumerate(hashes):
        while dq and hashes[dq[-1]] >= h:
            dq.pop()
        dq.append(i)
        if dq[0] <= i - window:
            dq.popleft()
        if i >= window - 1 or i == len(hashes) - 1:
            kept[hashes[dq[0]]] = None
    return tuple(kept)


@dataclass(frozen=True)
class CharCandidate:
    """A candidate pair: ``a`` precedes ``b`` in the caller's order; ``shared`` kept hashes in common,
    of which ``frequent`` are in more than ``furniture_df`` documents of the archive and ``exclusive``
    in these two documents only."""

    a: str
    b: str
    shared: int
    frequent: int
    exclusive: int = 0


def document_frequencies(fingerprints: Iterable[Sequence[int]]) -> dict[int, int]:
    """How many of the fingerprints contain each hash."""
    df: dict[int, int] = {}
    for fp in fingerprints:
        for h in set(fp):
            df[h] = df.get(h, 0) + 1
    return df


def candidate_pairs(
    fingerprints: Sequence[tuple[str, Sequence[int]]] | Mapping[str, Sequence[int]],
    settings: Settings = DEFAULT_SETTINGS,
    min_shared: int | None = None,
) -> list[CharCandidate]:
    """Candidate pairs sharing at least ``min_shared`` kept hashes (default ``settings.archive.char_min_shared``).

    ``fingerprints`` is ``(doc id, hashes)`` in the order that ranks representatives (earliest
    first); ids must be distinct. Postings are treated by document frequency (module docstring).
    Sorted by (a, b) in that order.
    """
    items = list(fingerprints.items()) if isinstance(fingerprints, Mapping) else list(fingerprints)
    min_shared = settings.archive.char_min_shared if min_shared is None else min_shared
    rank = {doc: k for k, (doc, _) in enumerate(items)}
    if len(rank) != len(items):
        raise ValueError("candidate_pairs needs distinct document ids")
    postings: dict[int, list[int]] = {}
    for k, (_, fp) in enumerate(items):
        for h in set(fp):
            postings.setdefault(h, []).append(k)
    shared: dict[tuple[int, int], list[int]] = {}
    full, reps, furniture = settings.archive.full_link_df, settings.archive.representatives, settings.archive.furniture_df
    for posting in postings.values():
        df = len(posting)
        if df < 2:
            continue
        frequent = 1 if df > furniture else 0
        exclusive = 1 if df == 2 else 0
        if df <= full:
            links = ((posting[i], posting[j]) for i in range(df) for j in range(i + 1, df))
        else:  # posting is in rank order: link everyone to the first few documents only
            links = ((posting[i], posting[j]) for i in range(min(reps, df)) for j in range(i + 1, df))
        for pair in links:
            c = shared.get(pair)
            if c is None:
                shared[pair] = [1, frequent, exclusive]
            else:
                c[0] += 1
                c[1] += frequent
                c[2] += exclusive
    out = [
        CharCandidate(items[i][0], items[j][0], c[0], c[1], c[2])
        for (i, j), c in shared.items()
        if c[0] >= min_shared
    ]
    out.sort(key=lambda c: (rank[c.a], rank[c.b]))
    return out

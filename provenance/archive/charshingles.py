"""Character shingles for finding reuse that survives rewriting, re-spacing and OCR (a prototype).

Word shingles break whenever one word of a window changes, and Urdu or OCR text often joins or
splits words ("ٹویٹر پرکرن"), so candidates are also taken from *character* windows:

1. :func:`normalise_letters` keeps letters and digits only, after NFKC, case folding, removing
   diacritics (combining marks, Arabic harakat), tatweel and ZWJ/ZWNJ, and mapping Arabic-script
   letter variants (Arabic/Farsi/Urdu yeh, kaf, heh, hamza carriers) and every decimal digit to one
   form. Digits are kept: figures and scores anchor wire text that paraphrase leaves intact.
   Spaces and punctuation are dropped, so re-spacing does not change a shingle.
2. :func:`char_fingerprint` hashes every window of ``n`` characters (a 64-bit polynomial hash of
   its code points, finalised and signed: :func:`_window_hashes`) and keeps the *winnowed* hashes: the minimum of each
   run of ``window`` consecutive hashes. Guarantee (Schleimer et al. 2003): two texts sharing
   a normalised run of at least ``n + window - 1`` characters share at least one kept hash; about
   ``2 / (window + 1)`` of the windows are kept. Deterministic across processes and machines
   (Python's salted ``hash()`` is not used); :data:`CHAR_FINGERPRINT_VERSION` names the scheme.
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

Pairing keeps postings only for hashes that a first pass over the fingerprints found (by a
bitmap filter, no false negatives) in two documents or more.

Pure: no I/O. Cost: linear in the text, with no Python code run per character or window
(normalisation is ``str.translate`` over a table filled in once per code point; the window hashes
are ``n`` numpy multiply-adds over the whole text, the winnowing minima one sliding-window minimum):
~0.6 ms for a 600-word article, where one BLAKE2b call per window (version 1) took ~2.4 ms and
per-character Python ~10 ms. Pairing is linear in the total posting length plus the pairs it emits.
"""

from __future__ import annotations

import unicodedata
from bisect import bisect_left
from collections import Counter
from dataclasses import dataclass
from array import array
from typing import Iterable, Iterator, Mapping, Sequence

from ..settings import DEFAULT_SETTINGS, Settings
from ..text.confusables import fold_confusable_words

__all__ = [
    "CHAR_FINGERPRINT_VERSION",
    "normalise_letters",
    "char_fingerprint",
    "CharCandidate",
    "candidate_pairs",
    "iter_candidate_pairs",
    "document_frequencies",
]

#: Version of the window hash and selection (1: BLAKE2b-64 of the UTF-8 windows, winnowed; 2: a
#: polynomial hash of the code points, finalised, winnowed: :func:`_window_hashes`); stored by
#: :mod:`provenance.archive.index`, which refuses an index built with another version (an index
#: without the key predates it and holds version 1).
CHAR_FINGERPRINT_VERSION = 2

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


class _TranslationTable(dict):
    """:func:`_normalise_char` as a ``str.translate`` table (code point -> str, or None to drop),
    filled in on first sight of each code point: after that every character costs one C-level
    lookup instead of a Python call (the table holds the archive's alphabet, a few thousand entries)."""

    def __missing__(self, code: int) -> str | None:
        out = _normalise_char(chr(code)) or None
        self[code] = out
        return out


_TABLE = _TranslationTable()


def normalise_letters(text: str) -> str:
    """``text`` reduced to normalised letters and digits (see the module docstring), in order.

    Idempotent: ``normalise_letters(normalise_letters(t)) == normalise_letters(t)``.
    """
    folded = unicodedata.normalize("NFKC", fold_confusable_words(text)).casefold()
    # NFD takes accents, and the hamza or madda of Arabic letters (أ -> ا + U+0654), off their
    # base letters as combining marks, which are then dropped with the harakat
    return unicodedata.normalize("NFD", folded).translate(_TABLE)


#: The window hash (version 2): a polynomial in the window's code points modulo 2**64 (base
#: :data:`_BASE`, odd), through the SplitMix64 finaliser so that every bit, the low ones the
#: repeated-hash filter addresses included, depends on every character; read as a signed 64-bit
#: integer. Computed for all windows at once with numpy (``n`` vector multiply-adds): one BLAKE2b
#: call per window (version 1) was half of the time of ``index add``.
_BASE = 0x100000001B3  # the FNV-64 prime: odd, so each character's term is a bijection of its code
_MIX1, _MIX2 = 0xBF58476D1CE4E5B9, 0x94D049BB133111EB


def _window_hashes(letters: str, n: int):
    """The hash (:data:`_BASE`) of every ``n``-character window of ``letters``, in order, as a numpy
    ``int64`` array (empty when ``letters`` is shorter than ``n``)."""
    import numpy as np

    codes = np.frombuffer(letters.encode("utf-32-le"), dtype="<u4").astype(np.uint64)
    m = len(codes) - n + 1
    if m <= 0:
        return np.zeros(0, dtype=np.int64)
    h = np.zeros(m, dtype=np.uint64)
    base = np.uint64(_BASE)
    for j in range(n):  # Horner's rule over the window's positions; uint64 arithmetic wraps
        h *= base
        h += codes[j:j + m]
    h ^= h >> np.uint64(30)
    h *= np.uint64(_MIX1)
    h ^= h >> np.uint64(27)
    h *= np.uint64(_MIX2)
    h ^= h >> np.uint64(31)
    return h.view(np.int64)


def _winnowed(hashes, window: int) -> tuple[int, ...]:
    """The distinct minima of every run of ``window`` consecutive ``hashes`` (a numpy ``int64``
    array), in order of first selection (the value of the classic rightmost-minimum rule; the set
    is what matters); a sequence shorter than ``window`` keeps its minimum."""
    import numpy as np

    if len(hashes) <= window:
        return (int(hashes.min()),)
    mins = hashes if window == 1 else np.lib.stride_tricks.sliding_window_view(hashes, window).min(axis=1)
    values, first = np.unique(mins, return_index=True)
    return tuple(values[np.argsort(first, kind="stable")].tolist())


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
    if not len(hashes):
        return ()
    return _winnowed(hashes, window)


@dataclass(frozen=True)
class CharCandidate:
    """A candidate pair: ``a`` precedes ``b`` in the caller's order; ``shared`` kept hashes in common,
    of which ``frequent`` are in more than ``furniture_df`` documents of the archive, ``exclusive``
    in these two documents only and ``rare`` in at most ``rare_max_df`` documents (the pair and
    ``rare_max_df - 2`` others: text few other documents of the archive hold, not background)."""

    a: str
    b: str
    shared: int
    frequent: int
    exclusive: int = 0
    rare: int = 0


def document_frequencies(fingerprints: Iterable[Sequence[int]]) -> dict[int, int]:
    """How many of the fingerprints contain each hash."""
    df: dict[int, int] = {}
    for fp in fingerprints:
        for h in set(fp):
            df[h] = df.get(h, 0) + 1
    return df


class _RepeatedFilter:
    """A one-sided test of "held by two documents or more" over the hashes of an archive.

    Two bitmaps of ``2 ** bits`` bits, addressed by the hash's low bits (the hashes are finalised
    values, uniform in their bits): ``seen`` marks a slot when a document holds a hash of it,
    ``twice`` when a second document does. A hash passes when its slot's ``twice`` bit is set (read
    inline where it is hot, in :func:`_compact_postings`): every hash held by two documents passes
    (no false negatives), and a few held by one, whose slot a second hash shares (a share of about
    ``distinct hashes / 2 ** bits`` of them): those are counted once and get no posting, so the pairs
    are exactly those of a full count. Memory: ``2 ** (bits - 2)``
    bytes, where a full count keeps a dictionary entry (~100 bytes) for every distinct hash.
    """

    def __init__(self, bits: int):
        self.mask = (1 << bits) - 1
        self.seen = bytearray(1 << max(0, bits - 3))
        self.twice = bytearray(1 << max(0, bits - 3))

    def add_document(self, hashes: Iterable[int]) -> None:
        seen, twice, mask = self.seen, self.twice, self.mask
        for h in set(hashes):
            slot = h & mask
            byte, bit = slot >> 3, 1 << (slot & 7)
            if seen[byte] & bit:
                twice[byte] |= bit
            else:
                seen[byte] |= bit


def _repeated_filter(fingerprints: Sequence[Sequence[int]], bits_per_hash: int) -> _RepeatedFilter:
    """The :class:`_RepeatedFilter` of ``fingerprints``, sized at about ``bits_per_hash`` bits of
    each bitmap per hash (a power of two, at least 2 ** 16 bits)."""
    total = sum(map(len, fingerprints))
    bits = max(16, (max(1, total * bits_per_hash) - 1).bit_length())
    repeated = _RepeatedFilter(bits)
    for fp in fingerprints:
        repeated.add_document(fp)
    return repeated


def _compact_postings(fp_of: Sequence[Sequence[int]], repeated: _RepeatedFilter) -> tuple[dict[int, int], array]:
    """The posting lists of the hashes held by two documents or more, packed in one array.

    Returns ``(where, ranks)``: for a hash held by two documents or more, ``ranks[where[h]]`` is its
    df and the next df entries are their ranks in increasing order; a hash the filter lets through
    but one document holds has ``where[h] == -1`` (no posting). Three passes over the fingerprints (the filter's,
    a count, a fill); per hash one dictionary entry and ``4 * (df + 1)`` bytes, where a dict of
    lists cost a list object (56 bytes and 8 a rank, over-allocated) besides the entry: on 100k
    synthetic articles, 0.37 GiB less at the peak. (Recording each document's offsets during the
    fill, so that pairing looks nothing up, was 20% faster there but cost 0.16 GiB more at the
    peak, too close to the 2 GiB target.)
    """
    where: dict[int, int] = {}
    get = where.get
    twice, mask = repeated.twice, repeated.mask  # the filter's test, inlined: this loop is hot
    for fp in fp_of:  # df of every hash that may be held twice
        for h in dict.fromkeys(fp):
            slot = h & mask
            if twice[slot >> 3] >> (slot & 7) & 1:
                where[h] = get(h, 0) + 1
    total = 0
    for h, df in where.items():  # offsets (a header slot, then df ranks); held once: no posting
        if df > 1:
            where[h] = total
            total += df + 1
        else:
            where[h] = -1
    ranks = array("I", bytes(4 * total)) if total else array("I")
    for k, fp in enumerate(fp_of):  # in rank order, so each posting comes out sorted
        for h in dict.fromkeys(fp):
            at = get(h, -1)
            if at >= 0:
                ranks[at] += 1
                ranks[at + ranks[at]] = k
    return where, ranks


def candidate_pairs(
    fingerprints: Sequence[tuple[str, Sequence[int]]] | Mapping[str, Sequence[int]],
    settings: Settings = DEFAULT_SETTINGS,
    min_shared: int | None = None,
    min_containment: float = 0.0,
) -> list[CharCandidate]:
    """:func:`iter_candidate_pairs` as a list."""
    return list(iter_candidate_pairs(fingerprints, settings, min_shared, min_containment))


def iter_candidate_pairs(
    fingerprints: Sequence[tuple[str, Sequence[int]]] | Mapping[str, Sequence[int]],
    settings: Settings = DEFAULT_SETTINGS,
    min_shared: int | None = None,
    min_containment: float = 0.0,
) -> Iterator[CharCandidate]:
    """Candidate pairs sharing at least ``min_shared`` kept hashes (default ``settings.archive.char_min_shared``),
    and at least ``min_containment`` of the smaller fingerprint's hash count (0: no floor),
    yielded one earlier document at a time, so that a caller who filters them (the containment
    pre-filter of :func:`provenance.archive.cluster.reuse_candidates` keeps about 1 in 100 on a
    synthetic archive) never holds them all.

    ``fingerprints`` is ``(doc id, hashes)`` in the order that ranks representatives (earliest
    first); ids must be distinct. Postings are treated by document frequency (module docstring).
    Sorted by (a, b) in that order.

    Memory: several passes over ``fingerprints`` (it must be a sequence or mapping, not an
    iterator): the first fills a bitmap filter of hashes held twice (:class:`_RepeatedFilter`), the
    next ones pack postings for those only (:func:`_compact_postings`), so the hashes held by one
    document, most of an archive's, are never stored.
    """
    items = fingerprints.items() if isinstance(fingerprints, Mapping) else fingerprints
    min_shared = settings.archive.char_min_shared if min_shared is None else min_shared
    ids: list[str] = []
    rank: dict[str, int] = {}
    fp_of: list[Sequence[int]] = []
    for k, (doc, fp) in enumerate(items):
        if rank.setdefault(doc, k) != k:
            raise ValueError("candidate_pairs needs distinct document ids")
        ids.append(doc)
        fp_of.append(fp)  # the caller's object (an array from the index), not a copy
    repeated = _repeated_filter(fp_of, settings.archive.repeat_filter_bits)
    where, ranks = _compact_postings(fp_of, repeated)
    del repeated
    full, reps, furniture = settings.archive.full_link_df, settings.archive.representatives, settings.archive.furniture_df
    rare_df = settings.archive.rare_max_df
    # Pairs are counted one earlier document at a time, each from the postings of its own hashes,
    # so only one document's partners are ever held (memory: the postings, not every pair); the
    # counting itself is Counter.update over posting slices, a C loop.
    get = where.get
    # the containment floor is applied here, before any candidate is made: on a synthetic archive
    # the caller's pre-filter rejects 99 in 100 pairs sharing min_shared hashes, and making them
    # cost a quarter of the candidate phase
    sizes = [len(fp) for fp in fp_of] if min_containment > 0 else None
    floor = min_containment - 1e-9  # a pair at the floor exactly is kept whatever the rounding
    for i, fp in enumerate(fp_of):
        shared: Counter[int] = Counter()
        frequent: Counter[int] = Counter()
        exclusive: Counter[int] = Counter()
        rare: Counter[int] = Counter()
        for h in dict.fromkeys(fp):
            at = get(h, -1)
            if at < 0:  # held by one document, or not let through by the filter
                continue
            df = ranks[at]
            lo, hi = at + 1, at + 1 + df
            if df == 2:
                if ranks[lo] == i:
                    j = ranks[lo + 1]
                    shared[j] += 1
                    exclusive[j] += 1
                    if df > furniture:
                        frequent[j] += 1
                    if rare_df >= 2:
                        rare[j] += 1
                continue
            pos = bisect_left(ranks, i, lo, hi) - lo
            if df > full and pos >= reps:
                continue  # a frequent hash links its documents to its first `reps` holders only
            later = ranks[lo + pos + 1 : hi]
            shared.update(later)
            if df > furniture:
                frequent.update(later)
            if df <= rare_df:
                rare.update(later)
        if sizes is None:
            partners = [j for j, c in shared.items() if c >= min_shared]
        else:
            size_i = sizes[i]
            partners = [j for j, c in shared.items() if c >= min_shared and c >= floor * min(size_i, sizes[j])]
        for j in sorted(partners):
            yield CharCandidate(ids[i], ids[j], shared[j], frequent[j], exclusive[j], rare[j])

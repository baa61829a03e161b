"""Character shingles for finding reuse that survives rewriting, re-spacing and OCR (a prototype).

Word shingles break whenever one word of a window changes, and Urdu or OCR text often joins or
splits words ("ٹویٹر پرکرن"), so candidates are also taken from *character* windows:

1. :func:`normalise_letters` keeps letters and digits only, after NFKC, case folding, removing
   diacritics (combining marks, Arabic harakat), tatweel and ZWJ/ZWNJ, and mapping Arabic-script
   letter variants (Arabic/Farsi/Urdu yeh, kaf, heh, hamza carriers) and every decimal digit to one
   form. Digits are kept: figures and scores anchor wire text that paraphrase leaves intact.
   Spaces and punctuation are dropped, so re-spacing does not change a shingle.
2. :func:`char_fingerprint` hashes every window of ``n`` characters (64-bit FNV-1a of its code
   points, finalised and signed: :func:`_window_hashes`) and keeps the *winnowed* hashes: the minimum of each
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

Pairing keeps postings only for hashes held by two documents or more (found by sorting each
bucket of the hash space) and counts pairs a few documents at a time (:func:`iter_candidate_pairs`).

Pure: no I/O. Cost: linear in the text, with no Python code run per character or window
(normalisation is ``str.translate`` over a table filled in once per code point; the window hashes
are ``n`` numpy XOR-multiplies over the whole text, the winnowing minima one sliding-window minimum):
~0.6 ms for a 600-word article, where one BLAKE2b call per window (version 1) took ~2.4 ms and
per-character Python ~10 ms. Pairing is linear in the total posting length plus the pairs it emits.
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass
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
#: polynomial of the code points, finalised, winnowed, in stop 27's first commits only; 3: FNV-1a
#: of the code points, finalised, winnowed: :func:`_window_hashes`); stored by
#: :mod:`provenance.archive.index`, which refuses an index built with another version (an index
#: without the key predates it and holds version 1).
CHAR_FINGERPRINT_VERSION = 3

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


#: The window hash (version 3): FNV-1a over the window's code points (start at the FNV offset, then
#: per character XOR it in and multiply by the FNV prime, modulo 2**64), through the SplitMix64
#: finaliser so that every bit depends on every character (the postings' buckets read the top
#: bits); read as a signed 64-bit integer. Computed for all windows at once with numpy (``n``
#: vector XOR-multiplies): one BLAKE2b call per window (version 1) was half of the time of ``index
#: add``. XOR between the multiplications keeps it from being linear: a plain polynomial modulo
#: 2**64 (h * B + c) has collisions that lattice reduction builds in seconds (stop 27's review made
#: one of 12 letters), while a chosen collision here takes a birthday search, as for any 64-bit hash.
_OFFSET, _PRIME = 0xCBF29CE484222325, 0x100000001B3
_MIX1, _MIX2 = 0xBF58476D1CE4E5B9, 0x94D049BB133111EB


def _window_hashes(letters: str, n: int):
    """The hash (see above) of every ``n``-character window of ``letters``, in order, as a numpy
    ``int64`` array (empty when ``letters`` is shorter than ``n``)."""
    import numpy as np

    codes = np.frombuffer(letters.encode("utf-32-le"), dtype="<u4").astype(np.uint64)
    m = len(codes) - n + 1
    if m <= 0:
        return np.zeros(0, dtype=np.int64)
    h = np.full(m, _OFFSET, dtype=np.uint64)
    prime = np.uint64(_PRIME)
    for j in range(n):  # the window's characters in order; uint64 arithmetic wraps
        h ^= codes[j:j + m]
        h *= prime
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


#: Hash-space buckets the postings are built in (by the top bits of the hash): each bucket's hashes
#: are gathered and sorted on their own, so the sort's arrays hold about 1/8 of the archive's hashes.
_POSTING_BUCKETS = 8
#: Pair occurrences (a pair sharing one hash) counted in one vector step: ~30 bytes each at the
#: step's peak, so ~120 MB at a time whatever the archive's size (a document with more occurrences
#: than this is counted on its own into partner arrays: :func:`_one_document_counts`).
_PAIRS_PER_STEP = 4_000_000


@dataclass(frozen=True)
class _Postings:
    """The posting lists of the hashes held by two documents or more, packed: posting ``g`` is
    ``members[start[g]:start[g + 1]]`` (document ranks, increasing, distinct)."""

    members: object  # numpy int32
    start: object  # numpy int64, one more than the postings


class _NotInt64(Exception):
    """A fingerprint whose hashes are not all 64-bit signed integers (their values, as Python compares them)."""


def _exact_int64(fp):
    """``fp`` as a one-dimensional numpy ``int64`` array holding the same values (a view of an
    ``array('q')`` or ``int64`` array, no copy), or :class:`_NotInt64`."""
    import numpy as np

    if isinstance(fp, np.ndarray):
        if fp.ndim != 1:
            raise ValueError("candidate_pairs: a fingerprint must be a sequence of hashes, "
                             f"not a {fp.ndim}-dimensional array")
        if fp.dtype.kind == "i":
            return fp.astype(np.int64, copy=False)
        if fp.dtype.kind == "u" and (fp.dtype.itemsize < 8 or not len(fp) or int(fp.max()) < 2 ** 63):
            return fp.astype(np.int64)
        raise _NotInt64
    try:
        view = memoryview(fp)
    except TypeError:
        values = fp if isinstance(fp, (list, tuple)) else list(fp)
    else:
        if view.ndim == 1 and view.format in ("q", "l") and view.itemsize == 8:
            return np.frombuffer(view, dtype=np.int64)
        values = view.tolist()
    try:
        out = np.fromiter(values, dtype=np.int64, count=len(values))
    except (OverflowError, TypeError, ValueError):
        raise _NotInt64 from None
    if out.tolist() != list(values):  # a float, or another value numpy read as an integer
        raise _NotInt64
    return out


def _hash_arrays(fp_of) -> list:
    """Every fingerprint as a numpy ``int64`` array. Hashes that are not all 64-bit signed
    integers (unsigned ones of 2**63 and more, other values) are relabelled: each distinct value,
    as Python compares them, gets a number of its own (spread over the 64 bits, which the
    postings' buckets read), the same in every fingerprint, so the pairs are those of the values."""
    import numpy as np

    try:
        return [_exact_int64(fp) for fp in fp_of]
    except _NotInt64:
        pass
    label: dict = {}
    out = []
    for fp in fp_of:
        ids = np.fromiter((label.setdefault(h, len(label)) for h in fp), dtype=np.uint64)
        ids *= np.uint64(0x9E3779B97F4A7C15)  # odd: a bijection modulo 2**64
        out.append(ids.view(np.int64))
    return out


#: Fingerprints concatenated at once while the postings are built (a block's arrays are made
#: again for every bucket: cheap copies, where holding them all would double the hashes in memory).
_BLOCK_DOCUMENTS = 2048


def _postings(fp_of: Sequence) -> _Postings:
    """:class:`_Postings` of ``fp_of`` (the fingerprints in rank order, numpy ``int64`` arrays:
    :func:`_hash_arrays`; a hash repeated within one counts once). Built bucket by bucket of the
    hash space (:data:`_POSTING_BUCKETS` passes over the fingerprints, a block of documents at a
    time): each bucket's (hash, rank) entries are sorted by
    hash, stably, so a posting's ranks come out increasing, and the hashes one document holds,
    most of an archive's, are dropped there and never stored. Memory: 4 bytes a posting entry and
    8 a posting (where a dictionary of postings took ~100 bytes a hash)."""
    import numpy as np

    n = len(fp_of)
    sizes = np.fromiter(map(len, fp_of), dtype=np.int64, count=n)
    shift = np.int64(64 - (_POSTING_BUCKETS - 1).bit_length())
    parts_members, parts_df = [], []
    for bucket in range(_POSTING_BUCKETS):
        hashes_of, docs_of = [], []
        for lo in range(0, n, _BLOCK_DOCUMENTS):
            hi = min(n, lo + _BLOCK_DOCUMENTS)
            block = np.concatenate(fp_of[lo:hi]) if hi > lo else np.zeros(0, np.int64)
            docs = np.repeat(np.arange(lo, hi, dtype=np.int32), sizes[lo:hi])
            # the top bits of the signed hash, as an unsigned bucket number
            mine = ((block >> shift) & (_POSTING_BUCKETS - 1)) == bucket
            hashes_of.append(block[mine])
            docs_of.append(docs[mine])
        hashes = np.concatenate(hashes_of) if hashes_of else np.zeros(0, np.int64)
        docs = np.concatenate(docs_of) if docs_of else np.zeros(0, np.int32)
        del hashes_of, docs_of
        order = np.argsort(hashes, kind="stable")
        hashes, docs = hashes[order], docs[order]
        del order
        if not len(hashes):
            continue
        fresh = np.empty(len(hashes), dtype=bool)  # drop a hash repeated within one document
        fresh[0] = True
        np.not_equal(hashes[1:], hashes[:-1], out=fresh[1:])
        fresh[1:] |= docs[1:] != docs[:-1]
        hashes, docs = hashes[fresh], docs[fresh]
        del fresh
        first = np.flatnonzero(np.r_[True, hashes[1:] != hashes[:-1]])
        del hashes
        df = np.diff(np.r_[first, len(docs)])
        held = df >= 2
        parts_members.append(docs[np.repeat(held, df)])
        parts_df.append(df[held])
        del docs, first, df, held
    members = np.concatenate(parts_members) if parts_members else np.zeros(0, np.int32)
    del parts_members
    df = np.concatenate(parts_df) if parts_df else np.zeros(0, np.int64)
    start = np.zeros(len(df) + 1, dtype=np.int64)
    np.cumsum(df, out=start[1:])
    return _Postings(members, start)


@dataclass(frozen=True)
class _Entries:
    """Per posting entry (in posting order, as ``members``): how many later members of its posting
    it pairs with (none for an entry past the first ``representatives`` of a posting held by more
    than ``full_link_df`` documents), and its posting's flags (4: df above ``furniture_df``, 2: df
    2, 1: df at most ``rare_max_df``). ``upto[d]``: the pair occurrences of documents ``0..d``."""

    later: object
    flags: object
    upto: object


def _entries(postings: _Postings, n_docs: int, settings: Settings) -> _Entries:
    """:class:`_Entries` of ``postings``, in posting order, int32, computed a slice of
    :data:`_PAIRS_PER_STEP` entries at a time (each entry's posting found by a search in
    ``start``): the peak is the two result arrays and one slice's temporaries, whatever the
    archive's size (a shared footer makes tens of millions of entries)."""
    import numpy as np

    a_s = settings.archive
    members, start = postings.members, postings.start
    size = len(members)
    index = np.int64 if size >= 2 ** 31 else np.int32
    later = np.empty(size, dtype=index)
    flags = np.empty(size, dtype=np.uint8)
    per_doc = np.zeros(n_docs, dtype=np.float64)  # float sums of integers below 2**53 are exact
    for k in range(0, size, _PAIRS_PER_STEP):
        entry = np.arange(k, min(size, k + _PAIRS_PER_STEP), dtype=np.int64)
        posting = np.searchsorted(start, entry, side="right") - 1
        begin, end = start[posting], start[posting + 1]
        del posting
        df = end - begin
        part = end - entry - 1  # the entries after this one in its posting
        part[(df > a_s.full_link_df) & (entry - begin >= a_s.representatives)] = 0
        later[entry[0]:entry[-1] + 1] = part
        flags[entry[0]:entry[-1] + 1] = ((df > a_s.furniture_df) * 4 + (df == 2) * 2
                                         + (df <= a_s.rare_max_df)).astype(np.uint8)
        per_doc += np.bincount(members[entry[0]:entry[-1] + 1], weights=part, minlength=n_docs)[:n_docs]
    return _Entries(later, flags, np.cumsum(per_doc).astype(np.int64))


def _before(cumulative, at: int) -> int:
    """The pair occurrences of the items before ``at``: ``cumulative[k]`` is those of items ``0..k``."""
    return int(cumulative[at - 1]) if at else 0


def _step_end(cumulative, at: int) -> int:
    """One past the last item from ``at`` whose pair occurrences fit one step (at least one item)
    (``cumulative`` as for :func:`_before`)."""
    import numpy as np

    return max(at + 1, int(np.searchsorted(cumulative, _before(cumulative, at) + _PAIRS_PER_STEP, side="right")))


def _later_members(entries, later):
    """Positions in ``members`` of the later members of each entry, laid end to end: entry ``e``'s
    run is ``e + 1 .. e + later``."""
    import numpy as np

    where = np.repeat(entries + 1 - (np.cumsum(later, dtype=np.int64) - later), later)
    where += np.arange(len(where), dtype=np.int64)
    return where


def _one_document_counts(members, table: _Entries, doc: int, n_docs: int):
    """:func:`_pair_counts` of one document whose occurrences are more than a step holds (among the
    first holders of hashes that a great many documents share, e.g. a footer): its entries are
    read a slice at a time, each slice's partners counted into four arrays of ``n_docs`` counts,
    so the memory is bounded by the archive's size, not by the occurrences."""
    import numpy as np

    entries = np.flatnonzero(members == doc)
    later = table.later[entries]
    counts = [np.zeros(n_docs, dtype=np.int64) for _ in range(4)]
    ends = np.cumsum(later, dtype=np.int64)
    k = 0
    while k < len(entries):
        stop = _step_end(ends, k)
        part, runs = entries[k:stop], later[k:stop]
        if runs.any():
            partner = members[_later_members(part, runs)]
            flags = np.repeat(table.flags[part], runs)
            counts[0] += np.bincount(partner, minlength=n_docs)
            for slot, bit in ((1, 4), (2, 2), (3, 1)):
                counts[slot] += np.bincount(partner[(flags & bit) != 0], minlength=n_docs)
        k = stop
    b = np.flatnonzero(counts[0])
    return (np.full(len(b), doc, dtype=np.int64), b, *(c[b] for c in counts))


def _pair_counts(members, table: _Entries, lo: int, hi: int, n_docs: int):
    """The pair occurrences of the entries of documents ``lo..hi-1``, each with the later members
    of its posting, counted per pair: ``(a, b, shared, frequent, exclusive, rare)`` arrays sorted
    by (a, b). Each occurrence is one int64 key, ``(a * n_docs + b) << 3 | flags``, sorted in
    place: ~30 bytes an occurrence at the peak."""
    import numpy as np

    entries = np.flatnonzero((members >= lo) & (members < hi))
    later = table.later[entries]
    if not later.any():
        return (np.zeros(0, dtype=np.int64),) * 6
    key = members[_later_members(entries, later)].astype(np.int64)
    total = len(key)
    key += np.repeat(members[entries].astype(np.int64) * n_docs, later)
    key <<= 3
    key |= np.repeat(table.flags[entries], later)
    key.sort()
    pair = key >> 3
    first = np.flatnonzero(np.r_[True, pair[1:] != pair[:-1]])
    pair = pair[first]
    shared = np.diff(np.r_[first, total])
    counts = [np.add.reduceat((key >> bit) & 1, first) for bit in (2, 1, 0)]
    return (pair // n_docs, pair % n_docs, shared, *counts)


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
    yielded a step of earlier documents at a time, so that a caller who filters them (the containment
    pre-filter of :func:`provenance.archive.cluster.reuse_candidates` keeps about 1 in 100 on a
    synthetic archive) never holds them all.

    ``fingerprints`` is ``(doc id, hashes)`` in the order that ranks representatives (earliest
    first); ids must be distinct. Postings are treated by document frequency (module docstring).
    Sorted by (a, b) in that order.

    Memory: :data:`_POSTING_BUCKETS` passes over ``fingerprints`` (it must be a sequence or mapping,
    not an iterator) build the postings of the hashes held twice (:func:`_postings`; the hashes one
    document holds, most of an archive's, are never stored), then the pairs are counted in steps of
    about :data:`_PAIRS_PER_STEP` occurrences, each a vector sort (no Python code per hash or pair).
    On the 10k synthetic archive the same candidates as the per-hash Python counting in a quarter
    of its time.
    """
    import numpy as np

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
    n = len(fp_of)
    sizes = np.fromiter(map(len, fp_of), dtype=np.int64, count=n)
    postings = _postings(_hash_arrays(fp_of))
    table = _entries(postings, n, settings)
    members = postings.members
    del postings
    # Pairs are counted a few documents at a time, in rank order: a step takes the entries of its
    # documents (one pass over the entries), lays out their later members (the pair occurrences, about
    # _PAIRS_PER_STEP) and counts them in one sort. Only one step's pairs are ever held, and the
    # caller gets the first candidates before the last are counted.
    floor = min_containment - 1e-9  # a pair at the floor exactly is kept whatever the rounding
    lo_doc = 0
    while lo_doc < n:
        hi_doc = _step_end(table.upto, lo_doc)
        if _before(table.upto, lo_doc + 1) - _before(table.upto, lo_doc) > _PAIRS_PER_STEP:
            a, b, shared, frequent, exclusive, rare = _one_document_counts(members, table, lo_doc, n)
        else:
            a, b, shared, frequent, exclusive, rare = _pair_counts(members, table, lo_doc, hi_doc, n)
        keep = shared >= min_shared
        if min_containment > 0:
            keep &= shared >= floor * np.minimum(sizes[a], sizes[b])
        for i, j, c, f, x, r in zip(*(v[keep].tolist() for v in (a, b, shared, frequent, exclusive, rare))):
            yield CharCandidate(ids[i], ids[j], c, f, x, r)
        lo_doc = hi_doc

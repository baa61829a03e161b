"""Document fingerprints: a hash sample of word k-grams, for finding reprints among many documents.

A fingerprint is the set of *sampled shingles* of a document. Shingles are word k-grams over the
normalised forms (``Token.norm``) of the document's ``word``, ``number`` and ``abbrev`` tokens, so
punctuation, quotation marks, case and quote/dash styles do not matter. Each k-gram is hashed with
BLAKE2b (8-byte digest, read as a little-endian *signed* 64-bit integer so that it fits an SQLite
``INTEGER``), and only hashes with ``hash % sample == 0`` are kept (Python's ``%``, always
non-negative here). Because the choice depends on the k-gram alone, two documents that share a
passage keep the same sample of it: a passage of ``n`` words yields about ``(n - k + 1) / sample``
shared hashes whatever else the documents contain.

Guarantees: deterministic across processes, machines and Python versions (no salted ``hash()``);
the result is the distinct sampled hashes in order of first occurrence; a document with fewer
than ``k`` word tokens has the empty fingerprint. Cost: one BLAKE2b call per k-gram (about
0.7 µs), i.e. linear in the number of tokens.

:data:`FINGERPRINT_VERSION` changes whenever the hashes would change for the same tokens; a stored
index records it. A change in the tokenizer's normalisation changes fingerprints as well.
"""

from __future__ import annotations

try:  # the builtin BLAKE2 (same digests): hashlib would load OpenSSL (~3 ms at start-up)
    from _blake2 import blake2b
except ImportError:  # pragma: no cover - a Python built without it
    from hashlib import blake2b

from ..model import Document

__all__ = ["fingerprint", "shingle_norms", "FINGERPRINT_VERSION", "SHINGLE_KINDS"]

#: Version of the hashing scheme (separator, digest, byte order) and of the tokens it reads; stored
#: by :mod:`provenance.archive.index`. 2: Chinese and Japanese characters are tokens of their own
#: (a clause was one token), so an index made before holds other shingles for such texts, and
#: ``index query`` would silently find none of them.
FINGERPRINT_VERSION = 2

#: Token kinds that take part in shingles.
SHINGLE_KINDS = frozenset(("word", "number", "abbrev"))

# A norm can contain a space ("13 000" from a no-break space inside a number), so k-grams are
# joined with a control character that the tokenizer never puts in a token.
_SEP = "\x1f"


def shingle_norms(doc: Document) -> list[str]:
    """The normalised forms of ``doc``'s word, number and abbreviation tokens, in text order."""
    return [t.norm for t in doc.tokens if t.kind in SHINGLE_KINDS]


def fingerprint(doc: Document, k: int = 5, sample: int = 8) -> tuple[int, ...]:
    """The sampled shingle hashes of ``doc`` (see the module docstring for the exact definition).

    ``k`` is the shingle length in words (>= 1); ``sample`` keeps one hash value in ``sample``
    (>= 1; 1 keeps every shingle). Returns distinct signed 64-bit integers in order of first
    occurrence.
    """
    if k < 1 or sample < 1:
        raise ValueError(f"fingerprint needs k >= 1 and sample >= 1, got k={k}, sample={sample}")
    norms = shingle_norms(doc)
    seen: dict[int, None] = {}  # an insertion-ordered set
    from_bytes = int.from_bytes
    for gram in map(_SEP.join, zip(*(norms[j:] for j in range(k)))):
        h = from_bytes(blake2b(gram.encode("utf-8"), digest_size=8).digest(), "little", signed=True)
        if not h % sample:
            seen[h] = None
    return tuple(seen)

"""Rewritten reuse: how much of a child document derives from a parent, and which of two is the original.

Pure functions over :class:`~provenance.model.Document` (no I/O beyond reading the packaged model file).

* :func:`comparison_form` folds a text for comparison only (the surface text is never changed):
  NFKC with compatibility forms (full-width letters, Arabic presentation forms), Arabic-script letter
  variants (ي ى/ی, ك/ک, ه ۃ ة/ہ, hamza and madda seats), harakat and Latin accents, tatweel,
  zero-width joiners and bidi marks, digits of any script as ASCII digits, case.
* :func:`reuse_features` measures a (parent, child) pair: word n-gram containment (n = 1..5, both
  ways), character n-gram containment over letters with spaces removed (so words that one paper
  joins and another splits still match), coverage by shared runs of 3+ words (in the manner of
  Greedy String Tiling, order-free), the longest common run, the share of sentences that find a
  counterpart by tf-idf cosine or Dice (as in Sanchez-Perez et al.'s PAN aligner), the aligned share
  from :func:`~provenance.align.aligner.align_documents`, and the length ratio.
* :class:`ReuseModel` (``provenance/data/reuse_model.json``, written by
  ``benchmarks/train_reuse_model.py``) turns features into a :class:`ReuseDecision`: P(derived),
  and the level ``wholly`` / ``partially`` / ``none`` with its probability. Two binary logistic
  regressions: derived vs not, then wholly vs partially among the derived.
* :func:`direction_features` and :meth:`ReuseModel.direction` score which of two related documents
  is the original: agency dateline or credit at the opening (names from ``agencies.txt`` in the
  scripts their users write), an outlet's own credit in its place, a rewritten lead over a copied
  body, a cut tail. The features are antisymmetric and the model
  has no intercept, so ``P(a before b) == 1 - P(b before a)`` exactly.

Cost: every per-document view (n-gram sets, sentence vectors) is memoised on the document, so a
document in many candidate pairs is prepared once; a pair of 600-word texts then costs about a
millisecond or two beyond its alignment. The runtime needs only the standard library.
"""

from __future__ import annotations

import json
import math
import re
import time
import unicodedata
import weakref
from bisect import bisect_left
from collections import Counter
from dataclasses import dataclass, field
from functools import lru_cache
from itertools import chain

from ..align.aligner import align_documents, code_string
from ..edits.datelines import CREDIT_WORDS, DATELINE_PLACE_WORDS
from ..edits.meaning import date_atoms
from .body import article_bodies, body_aligned_shares
from ..text.lexicon import load_lexicon, package_data_text
from ..model import Alignment, Document
from ..settings import DEFAULT_SETTINGS, LineageSettings, Settings
from ..text.confusables import fold_confusable_words
from ..text.segment import sentences
from ..text.tokenize import has_unspaced

__all__ = [
    "FEATURES",
    "DIRECTION_FEATURES",
    "ReuseDecision",
    "ReuseModel",
    "comparison_form",
    "comparison_words",
    "credit_features",
    "frequent_words",
    "direction_features",
    "load_reuse_model",
    "reuse_features",
    "word_bigrams",
    "content_words",
]

#: Feature names, in the order the model file's coefficient vectors use.
FEATURES: tuple[str, ...] = (
    *(f"word{n}_in_parent" for n in range(1, 6)),  # share of the child's word n-grams found in the parent
    *(f"word{n}_in_child" for n in range(1, 6)),  # share of the parent's word n-grams found in the child
    "char5_in_parent",
    "char8_in_parent",
    "char5_in_child",
    "char8_in_child",
    "run3_cover_child",  # share of child words inside a word 3-gram the parent also has
    "run3_cover_parent",
    "longest_run",  # log(1 + longest common word run) / log(1 + 100), capped at 1 (not a share; reuse_longest_run_cap)
    "sent_cos_child",  # share of child sentences with a parent sentence at word tf-idf cosine >= 0.33 ...
    "sent_dice_child",  # ... or word Dice >= 0.33 (Sanchez-Perez et al. 2014; lineage.reuse_sentence_match)
    "sent_cos_parent",
    "sent_best_cos_child",  # mean over child sentences of the best word cosine
    "sent_char_child",  # mean over child sentences of the best char 5-gram set cosine (joins/splits free)
    "sent_char_max",  # the best char cosine of any child sentence: one copied sentence is reuse
    "sent_char_share",  # share of child words in sentences whose best char cosine is >= 0.5 (reuse_char_sentence_match)
    "sent_char_parent",  # mean over parent sentences of the best char cosine
    "aligned_child",  # Alignment.shared_child()
    "aligned_parent",
    "length_ratio",  # shorter / longer, in words
    "content1_in_parent",  # share of the child's distinct content words found in the parent: words with a
    # letter that are not in the frequent-word table (reuse_frequent_words.tsv: in more than 20% of the
    # development documents of their script), so shared function words no longer count as overlap
    "content1_in_child",
    "num_in_parent",  # share of the child's numbers (values, any digit script) found in the parent: a
    # derived story keeps its source's figures, an independent one on the same event shares a few;
    # smoothed towards content1_in_parent by reuse_number_prior pseudo-numbers (a child without
    # numbers takes content1_in_parent: no evidence either way)
    "content_order",  # content words in the same order in both (the longest common subsequence of
    # the two content-word sequences, by diff-match-patch) over the shorter sequence
)

DIRECTION_FEATURES: tuple[str, ...] = (
    "agency_credit",  # agency dateline or credit at a's opening minus at b's
    "own_credit",  # a non-agency credit (an outlet's, a desk's) at b's opening minus at a's
    "lead_rewritten",  # b's lead rewritten over a copied body, minus the same of a
    "tail_cut",  # a's tail missing from b while its head is there, minus the same of b (COUNTER gives it
    # a negative weight: there it mostly reads as text the newspaper added at its end; restricting it
    # to clean cuts, where b ends inside a's text, was tried: no gain, the same sign)
    "dated_credit",  # a dated credit (a wire dateline: a day of the month before the credit) at a's
    # opening minus at b's; newspapers replace the wire's dated dateline by their own undated one
)
# Containment asymmetry and length were features too: they add nothing in 5-fold CV on COUNTER
# (0.886 direction accuracy with and without them), the pair evidence already weighs containment,
# and the weights COUNTER gives them (a longer text is the original) misread a copy that repeats
# its source's paragraphs.

_WORDISH = frozenset(("word", "number", "abbrev"))

# --- comparison form -------------------------------------------------------------------------------

_LETTER_FOLD = str.maketrans(
    {
        "ي": "ی", "ى": "ی", "ې": "ی",  # Arabic yeh and alef maksura -> Farsi/Urdu yeh
        "ك": "ک",  # Arabic kaf -> keheh
        "ه": "ہ", "ۃ": "ہ", "ة": "ہ", "ە": "ہ",  # heh, teh marbuta, ae -> heh goal
        "ٱ": "ا",  # alef wasla
        "ـ": None,  # tatweel (kashida): justification only
        "\u200b": None, "\u200c": None, "\u200d": None, "\u2060": None, "\ufeff": None,  # zero-width
        "\u200e": None, "\u200f": None, "\u061c": None,  # bidi marks
    }
)


def _drop_mark(ch: str) -> bool:
    """Marks folded away: Arabic harakat, madda/hamza seats, Quranic marks, and Latin accents.

    Marks that are letters' vowel signs in other scripts (Devanagari matras, Thai) are kept.
    """
    cp = ord(ch)
    return (
        0x0300 <= cp <= 0x036F
        or 0x0610 <= cp <= 0x061A
        or 0x064B <= cp <= 0x065F
        or cp == 0x0670
        or 0x06D6 <= cp <= 0x06ED
        or 0x08D3 <= cp <= 0x08FF
    )


@lru_cache(maxsize=65536)
def _fold_char(ch: str) -> str:
    out = []
    for c in unicodedata.normalize("NFKD", ch):
        if _drop_mark(c):
            continue
        if unicodedata.category(c) == "Nd":
            c = str(unicodedata.digit(c))
        out.append(c)
    return unicodedata.normalize("NFC", "".join(out)).translate(_LETTER_FOLD).casefold()


class _PerChar(dict):
    """Code point -> ``transform(chr(cp))``, filled on first use, for ``str.translate`` (which looks
    each character up in C, so a text costs one dictionary hit per character). Bounded: past
    ``_PER_CHAR_CAP`` code points a new one is computed without being kept."""

    def __init__(self, transform):
        super().__init__()
        self.transform = transform

    def __missing__(self, cp: int) -> str:
        value = self.transform(chr(cp))
        if len(self) < _PER_CHAR_CAP:
            self[cp] = value
        return value


_PER_CHAR_CAP = 65536  # as _fold_char's cache: every code point of the BMP a text is likely to use


def _letters_of_char(ch: str) -> str:
    return "".join(c for c in _fold_char(ch) if unicodedata.category(c)[0] in "LMN")


# comparison_form folds character by character (an ASCII character's fold is its lower case), so a
# translation table of per-character folds gives exactly the same text
_FOLD_TABLE = _PerChar(_fold_char)
_LETTERS_TABLE = _PerChar(_letters_of_char)


def comparison_form(text: str) -> str:
    """``text`` folded for comparison (module docstring). Idempotent; never used for display."""
    if text.isascii():
        return text.lower()
    return text.translate(_FOLD_TABLE)


def _letters(text: str) -> str:
    """Letters, marks and digits of the comparison form, spaces and punctuation removed."""
    return text.translate(_LETTERS_TABLE)


# --- per-document views (memoised on the document) -----------------------------------------------


@dataclass(frozen=True)
class _View:
    words: tuple[str, ...]  # comparison forms of the word-like tokens
    word_index: tuple[int, ...]  # token index of each word
    grams: tuple[frozenset, ...]  # word n-gram sets, n = 1..5
    tri_at: dict  # word 3-gram -> positions (capped), for runs
    char5: frozenset
    char8: frozenset
    sentences: tuple[tuple[int, int], ...]  # word ranges
    sentence_words: tuple[Counter, ...]
    sentence_chars: tuple[frozenset, ...]  # char 5-grams of each sentence's letters
    #: id(other view) -> (other view, _cover(self, other)), filled lazily
    memo: dict = field(default_factory=dict, compare=False)


def _view(doc: Document) -> _View:
    return doc.derived("reuse.view", _make_view)


def _fold_words(norms: list[str]) -> list[str]:
    """``[comparison_form(n) for n in norms]`` in one pass: the fold is per character and never makes
    or removes a NUL, so the folded joined text splits back into the folded words."""
    if any("\0" in n for n in norms):
        return [comparison_form(n) for n in norms]
    return comparison_form("\0".join(norms)).split("\0") if norms else []


def _make_view(doc: Document) -> _View:
    tokens = doc.tokens
    word_index = tuple(k for k, t in enumerate(tokens) if t.kind in _WORDISH)
    norms = [tokens[k].norm for k in word_index]
    if has_unspaced(doc.text):
        word_index, norms = _unspaced_runs(tokens, word_index)
    words = tuple(_fold_words(norms))
    grams = tuple(frozenset(zip(*(words[i:] for i in range(n)))) for n in range(1, 6))
    tri_at: dict = {}
    for i, tri in enumerate(zip(words, words[1:], words[2:])):
        slot = tri_at.setdefault(tri, [])
        if len(slot) < 8:  # a trigram repeated more often adds nothing to the longest run
            slot.append(i)
    # look-alike letters of another script folded (one code point for one: offsets stay)
    text = fold_confusable_words(doc.text)
    letters = _letters(text)
    char5 = frozenset(letters[i : i + 5] for i in range(len(letters) - 4))
    char8 = frozenset(letters[i : i + 8] for i in range(len(letters) - 7))
    # sentences as word ranges: the words whose token lies in the sentence (word_index is sorted)
    spans = []
    for seg in sentences(doc):
        lo, hi = bisect_left(word_index, seg.start), bisect_left(word_index, seg.end)
        if lo < hi:
            spans.append((lo, hi))
    sentence_words = tuple(Counter(words[a:b]) for a, b in spans)
    sentence_chars = []
    for a, b in spans:
        sent = _letters(text[tokens[word_index[a]].start : tokens[word_index[b - 1]].end])
        sentence_chars.append(frozenset(sent[i : i + 5] for i in range(max(1, len(sent) - 4))))
    return _View(words, word_index, grams, tri_at, char5, char8, tuple(spans), sentence_words, tuple(sentence_chars))


def _unspaced_runs(tokens, word_index) -> tuple[tuple[int, ...], list[str]]:
    """Words of a text with Chinese or Japanese: the tokenizer gives each of their characters a token
    (for alignment and edits), but the reuse features count words, and were fitted on scripts that
    space their words; one character is a fraction of a word, and unrelated texts share most of
    the common ones. A run of unspaced characters written together (no space or punctuation
    between) is therefore one word here, as those scripts' clauses are in a space-split text."""
    index: list[int] = []
    norms: list[str] = []
    prev_end = -1
    for k in word_index:
        t = tokens[k]
        # a token of an unspaced script is one character with its combining signs (tokenize)
        if has_unspaced(t.text[0]) and index and t.start == prev_end \
                and has_unspaced(tokens[index[-1]].text[0]):
            norms[-1] += t.norm
        else:
            index.append(k)
            norms.append(t.norm)
        prev_end = t.end
    return tuple(index), norms


def comparison_words(doc: Document) -> tuple[str, ...]:
    """The comparison forms of ``doc``'s word-like tokens, in order (memoised with its other views)."""
    return _view(doc).words


FREQUENT_WORDS_FILE = "reuse_frequent_words.tsv"


def parse_frequent_words(text: str) -> frozenset[str]:
    """The words of a frequent-word table (``script<TAB>word<TAB>document share`` lines; ``#`` comments)."""
    out = set()
    for line in text.splitlines():
        if line.strip() and not line.startswith("#"):
            parts = line.split("\t")
            if len(parts) != 3:
                raise ValueError(f"{FREQUENT_WORDS_FILE}: bad line {line!r}")
            out.add(parts[1])
    return frozenset(out)


@lru_cache(maxsize=1)
def frequent_words() -> frozenset[str]:
    """The packaged frequent-word table (``provenance/data/reuse_frequent_words.tsv``, written by
    ``benchmarks/train_reuse_model.py``): words (comparison form) found in more than a set share of
    the development documents of their script. Learned, not listed: it applies to any script the
    development data has enough documents of, and leaves other scripts' words all content words."""
    return parse_frequent_words(package_data_text(FREQUENT_WORDS_FILE))


def _content_words(v: _View, frequent: frozenset[str]) -> frozenset[str]:
    """The distinct words of :func:`_content_sequence`, memoised on the view per table (the table
    object is kept beside the value)."""
    hit = v.memo.get("content")
    if hit is not None and hit[0] is frequent:
        return hit[1]
    value = frozenset(_content_sequence(v, frequent))
    v.memo["content"] = (frequent, value)
    return value


def _content_sequence(v: _View, frequent: frozenset[str]) -> tuple[str, ...]:
    """``v``'s words with a letter that are not in ``frequent``, in order (memoised like
    :func:`_content_words`)."""
    hit = v.memo.get("content_sequence")
    if hit is not None and hit[0] is frequent:
        return hit[1]
    value = tuple(w for w in v.words if w not in frequent and any(ch.isalpha() for ch in w))
    v.memo["content_sequence"] = (frequent, value)
    return value


def content_words(doc: Document) -> frozenset[str]:
    """The distinct content words of ``doc``: comparison forms with a letter that are not in the
    packaged frequent-word table (the words the ``content1_*`` features compare; memoised)."""
    return _content_words(_view(doc), frequent_words())


def word_bigrams(doc: Document) -> frozenset:
    """The distinct word bigrams of ``doc``'s comparison form (memoised with its other views)."""
    return _view(doc).grams[1]


def _containment(small: frozenset, big: frozenset) -> float:
    return len(small & big) / len(small) if small else 0.0


def _containments(x: frozenset, y: frozenset) -> tuple[float, float]:
    """``(_containment(x, y), _containment(y, x))`` from one intersection."""
    shared = len(x & y)
    return (shared / len(x) if x else 0.0), (shared / len(y) if y else 0.0)


def _run3_cover(x: _View, y: _View) -> list[bool]:
    """For each word of ``x``: whether it lies in a word 3-gram that ``y`` also has."""
    tri = y.grams[2]
    w = x.words
    hits = [False, False, *(t in tri for t in zip(w, w[1:], w[2:])), False, False]
    return [a or b or c for a, b, c in zip(hits, hits[1:], hits[2:])][: len(w)]


# What the features read off _run3_cover(x, y), memoised per ordered pair of views: a few numbers,
# not the list, so the memo stays small however many pairs a document is in. A plain tuple
# (share of x's words covered, _lead_rewritten, _tail_cut): a record class would cost start-up.
_COVER_SHARE, _COVER_LEAD, _COVER_TAIL = range(3)


def _cover(x: _View, y: _View) -> tuple[float, float, float]:
    """``(share covered, lead rewritten, tail cut)`` of ``(x, y)``, memoised on ``x`` per ``y`` (the features and both directions'
    direction features ask for the same pairs); a weak reference to ``y`` is kept beside the value,
    so a recycled ``id()`` can never return another view's numbers, and the memo never keeps ``y``
    alive (two views holding each other were cyclic garbage)."""
    hit = x.memo.get(id(y))
    if hit is not None and hit[0]() is y:
        return hit[1]
    cov = _run3_cover(x, y)
    share = sum(cov) / len(cov) if cov else 0.0
    lead = 0.0
    if len(x.sentences) >= 2:  # how much better x's body (after its first sentence) is covered than its lead
        a, b = x.sentences[0]
        rest = cov[b:]
        lead = max(0.0, (sum(rest) / len(rest) if rest else 0.0) - sum(cov[a:b]) / max(1, b - a))
    n = len(cov)
    tail = 0.0
    if n >= 8:  # how much better x's head (first 3/4 of its words) is covered than its last quarter
        cut = (3 * n) // 4
        tail = max(0.0, sum(cov[:cut]) / cut - sum(cov[cut:]) / (n - cut))
    value = (share, lead, tail)
    x.memo[id(y)] = (weakref.ref(y), value)
    return value


def _longest_run(x: _View, y: _View) -> int:
    """Longest run of consecutive words common to both (0 when no 3-word run is shared)."""
    best = 0
    prev: dict[int, int] = {}  # parent start position of a trigram -> run length ending here
    w = x.words
    for i in range(len(w) - 2):
        cur: dict[int, int] = {}
        for p in y.tri_at.get((w[i], w[i + 1], w[i + 2]), ()):
            cur[p] = prev.get(p - 1, 2) + 1
        if cur:
            best = max(best, max(cur.values()))
        prev = cur
    return best


def _idf(bags_x, bags_y) -> dict[str, float]:
    """Inverse document frequency over the sentences of both documents (function words score low)."""
    df: Counter = Counter()
    for bag in bags_x + bags_y:
        df.update(bag.keys())
    n = len(bags_x) + len(bags_y)
    return {t: math.log((n + 1) / (c + 0.5)) for t, c in df.items()}


def _vectors(bags, idf: dict[str, float]):
    out = []
    for bag in bags:
        vec = {t: (1 + math.log(c)) * idf[t] for t, c in bag.items()}
        norm = math.sqrt(sum(v * v for v in vec.values())) or 1.0
        out.append(({t: v / norm for t, v in vec.items()}, frozenset(bag)))
    return out


def _candidate_sentences(x_bags, y_bags, ls: LineageSettings) -> list[tuple[int, ...]] | None:
    """For each sentence of x, the sentences of y worth comparing; ``None`` means all of them
    (``ls.reuse_full_sentence_pairs`` pairs or fewer). Bounded for large inputs:
    O(words x ``ls.reuse_candidate_posting_cap``) instead of O(sentences^2).
    """
    if len(x_bags) * len(y_bags) <= ls.reuse_full_sentence_pairs:
        return None
    postings: dict[str, list[int]] = {}
    for k, bag in enumerate(y_bags):
        for t in bag:
            postings.setdefault(t, []).append(k)
    out = []
    for bag in x_bags:
        shared: Counter = Counter()
        for t in bag:
            ks = postings.get(t, ())
            if len(ks) <= ls.reuse_candidate_posting_cap:
                shared.update(ks)
        out.append(tuple(k for k, _ in shared.most_common(ls.reuse_candidates_per_sentence)))
    return out


def _sentence_matches(x_vecs, y_vecs, threshold: float, candidates=None) -> tuple[float, float, float, list[float]]:
    """(share of x sentences with cosine >= threshold, ... with Dice >= threshold, mean best cosine,
    the best cosine of each x sentence). ``candidates`` (from :func:`_candidate_sentences`) limits
    the y sentences each x sentence is compared with."""
    if not x_vecs or not y_vecs:
        return 0.0, 0.0, 0.0, [0.0] * len(x_vecs)
    if candidates is not None:
        return _sentence_matches_among(x_vecs, y_vecs, threshold, candidates)
    # an inverted index over y's words (with each word's weight there) keeps this near-linear in
    # the number of shared words; the products are summed in the same order as a plain loop would
    postings: dict[str, list[tuple[int, float]]] = {}
    for k, (vec, _) in enumerate(y_vecs):
        for t, w in vec.items():
            postings.setdefault(t, []).append((k, w))
    y_sizes = [len(words) for _, words in y_vecs]
    n_cos = n_dice = 0
    bests: list[float] = []
    empty: list = []
    for vec, words in x_vecs:
        dots: dict[int, float] = {}
        shared: dict[int, int] = {}
        for t, v in vec.items():
            for k, w in postings.get(t, empty):
                dots[k] = dots.get(k, 0.0) + v * w
                shared[k] = shared.get(k, 0) + 1
        best_cos = max(dots.values(), default=0.0)
        size = len(words)
        best_dice = max((2 * s / (size + y_sizes[k]) for k, s in shared.items()), default=0.0)
        n_cos += best_cos >= threshold
        n_dice += best_dice >= threshold
        bests.append(best_cos)
    m = len(x_vecs)
    return n_cos / m, n_dice / m, sum(bests) / m, bests


def _sentence_matches_among(x_vecs, y_vecs, threshold: float, candidates) -> tuple[float, float, float, list[float]]:
    """:func:`_sentence_matches` over the candidate pairs only (large documents)."""
    n_cos = n_dice = 0
    bests: list[float] = []
    for (vec, words), ks in zip(x_vecs, candidates):
        best_cos = best_dice = 0.0
        for k in ks:
            yvec, ywords = y_vecs[k]
            best_cos = max(best_cos, sum(v * yvec.get(t, 0.0) for t, v in vec.items()))
            best_dice = max(best_dice, 2 * len(words & ywords) / (len(words) + len(ywords)))
        n_cos += best_cos >= threshold
        n_dice += best_dice >= threshold
        bests.append(best_cos)
    m = len(x_vecs)
    return n_cos / m, n_dice / m, sum(bests) / m, bests


def _char_postings(v: _View) -> dict:
    """Char 5-gram -> the sentences of ``v`` that have it (in order), kept in the view's memo: a
    document of a story is compared with each of the others, and building it was an eighth of the
    reuse features' time (it is about as large as the view's sentence sets)."""
    hit = v.memo.get("char_postings")
    if hit is not None:
        return hit
    post: dict = {}
    for k, grams in enumerate(v.sentence_chars):
        for g in grams:
            post.setdefault(g, []).append(k)
    v.memo["char_postings"] = post
    return post


def _char_sentence_matches(x: _View, y: _View, candidates=None) -> tuple[list[float], list[float]]:
    """Best cosine (Ochiai, |A & B| / sqrt(|A| |B|)) of char 5-gram sets for each sentence of x
    against y, and of y against x. Without ``candidates``, the sentence pairs that share a 5-gram
    are found and their intersections counted through y's inverted index (pairs sharing none have
    cosine 0 and change no maximum); ``candidates`` (from :func:`_candidate_sentences`) limits
    the pairs compared, by set intersections."""
    xs, ys = x.sentence_chars, y.sentence_chars
    bx, by = [0.0] * len(xs), [0.0] * len(ys)
    if candidates is None:
        post = _char_postings(y)
        for i, a in enumerate(xs):
            for k, shared in Counter(chain.from_iterable(filter(None, map(post.get, a)))).items():
                sim = shared / math.sqrt(len(a) * len(ys[k]))
                if sim > bx[i]:
                    bx[i] = sim
                if sim > by[k]:
                    by[k] = sim
        return bx, by
    for i, a in enumerate(xs):
        for k in candidates[i]:
            b = ys[k]
            if a and b:
                sim = len(a & b) / math.sqrt(len(a) * len(b))
                if sim > bx[i]:
                    bx[i] = sim
                if sim > by[k]:
                    by[k] = sim
    return bx, by


def reuse_features(parent: Document, child: Document, alignment: Alignment | None = None,
                   settings: Settings = DEFAULT_SETTINGS) -> dict[str, float]:
    """The features of :data:`FEATURES` for ``child`` as a possible derivative of ``parent``.

    Every feature is in [0, 1]; all but ``longest_run`` are shares. ``alignment`` (of ``parent`` to
    ``child``, as :func:`~provenance.align.aligner.align_documents` returns it) is reused when given, else
    computed. Both documents are measured over their article bodies (:mod:`provenance.lineage.body`:
    runs of short lines such as related-headline lists left out; ``lineage.reuse_body_line_words``,
    ``lineage.reuse_body_line_run``). Neither document is changed (views are memoised in
    ``Document.memo``). The ``lineage.reuse_*`` settings are part of the features' definition (the
    model was fitted with their defaults).
    """
    if alignment is None:
        alignment = align_documents(parent, child, settings)
    words, run = settings.lineage.reuse_body_line_words, settings.lineage.reuse_body_line_run
    f = dict(_text_features(*article_bodies(alignment, words, run), settings.lineage))
    f["aligned_parent"], f["aligned_child"] = body_aligned_shares(alignment, words, run)
    return {k: min(1.0, max(0.0, f[k])) for k in FEATURES}


def _text_features(parent: Document, child: Document, ls: LineageSettings) -> dict[str, float]:
    """The features that do not depend on the alignment, memoised per ordered pair on the parent
    (story grouping, the edge's level and check each ask for the same pair). A weak reference to
    the child is kept beside the value, so a recycled ``id()`` can never return another document's
    features and the parent never keeps the child alive; the settings the features read are part
    of the key."""
    key = ("reuse.pair", id(child), ls.reuse_sentence_match, ls.reuse_char_sentence_match, ls.reuse_longest_run_cap,
           ls.reuse_full_sentence_pairs, ls.reuse_candidate_posting_cap, ls.reuse_candidates_per_sentence,
           ls.reuse_number_prior, ls.reuse_order_timeout, ls.reuse_order_exact_cells)
    hit = parent.memo.get(key)
    if hit is not None and hit[0]() is child:
        return hit[1]
    f = _compute_text_features(parent, child, ls)
    parent.memo[key] = (weakref.ref(child), f)
    return f


def _compute_text_features(parent: Document, child: Document, ls: LineageSettings) -> dict[str, float]:
    p, c = _view(parent), _view(child)
    f: dict[str, float] = {}
    for n in range(1, 6):
        f[f"word{n}_in_parent"], f[f"word{n}_in_child"] = _containments(c.grams[n - 1], p.grams[n - 1])
    f["char5_in_parent"], f["char5_in_child"] = _containments(c.char5, p.char5)
    f["char8_in_parent"], f["char8_in_child"] = _containments(c.char8, p.char8)
    f["run3_cover_child"] = _cover(c, p)[_COVER_SHARE]
    f["run3_cover_parent"] = _cover(p, c)[_COVER_SHARE]
    f["longest_run"] = min(1.0, math.log1p(_longest_run(c, p)) / math.log1p(ls.reuse_longest_run_cap))
    idf = _idf(p.sentence_words, c.sentence_words)
    pv, cv = _vectors(p.sentence_words, idf), _vectors(c.sentence_words, idf)
    c_in_p = _candidate_sentences(c.sentence_words, p.sentence_words, ls)
    p_in_c = _candidate_sentences(p.sentence_words, c.sentence_words, ls)
    match = ls.reuse_sentence_match
    f["sent_cos_child"], f["sent_dice_child"], f["sent_best_cos_child"], _ = _sentence_matches(cv, pv, match, c_in_p)
    f["sent_cos_parent"] = _sentence_matches(pv, cv, match, p_in_c)[0]
    best, best_p = _char_sentence_matches(c, p, c_in_p)
    f["sent_char_child"] = sum(best) / len(best) if best else 0.0
    f["sent_char_max"] = max(best, default=0.0)
    sizes = [b - a for a, b in c.sentences]
    f["sent_char_share"] = sum(n for n, x in zip(sizes, best) if x >= ls.reuse_char_sentence_match) / max(1, sum(sizes))
    f["sent_char_parent"] = sum(best_p) / len(best_p) if best_p else 0.0
    frequent = frequent_words()
    f["content1_in_parent"], f["content1_in_child"] = _containments(_content_words(c, frequent), _content_words(p, frequent))
    lp, lc = len(p.words), len(c.words)
    f["length_ratio"] = min(lp, lc) / max(lp, lc) if max(lp, lc) else 1.0
    numbers_p, numbers_c = _numbers(parent), _numbers(child)
    # the share of the child's numbers found in the parent, drawn towards the content-word share by
    # reuse_number_prior pseudo-numbers: one shared "0" or "2014" is no evidence of copying
    prior = ls.reuse_number_prior
    f["num_in_parent"] = ((len(numbers_c & numbers_p) + prior * f["content1_in_parent"])
                          / (len(numbers_c) + prior)) if numbers_c or prior else f["content1_in_parent"]
    seq_p, seq_c = _content_sequence(p, frequent), _content_sequence(c, frequent)
    in_order = _in_order(seq_p, seq_c, ls.reuse_order_timeout, ls.reuse_order_exact_cells)
    # beyond both limits (two very long texts), the unordered share stands in for the ordered one
    f["content_order"] = (in_order / max(1, min(len(seq_p), len(seq_c))) if in_order is not None
                          else f["content1_in_parent"])
    return f


_DIGITS_RE = re.compile(r"\d+")


def _numbers(doc: Document) -> frozenset[int]:
    """The values of ``doc``'s digit runs, in any digit script ("١٣" and "13" are one value)."""
    return doc.derived("reuse.numbers", lambda d: frozenset(int(x) for x in _DIGITS_RE.findall(d.text)))


def _in_order(a: tuple[str, ...], b: tuple[str, ...], timeout: float, exact_cells: int) -> int | None:
    """How many words of ``a`` and ``b`` match in order: the equal runs of diff-match-patch's diff of
    the two sequences as code strings (no cleanup). A diff that runs into ``timeout`` seconds would
    be coarse (a timed-out diff of two long texts can find nothing in common), so it is redone as an
    exact longest common subsequence (rapidfuzz, bit-parallel) when ``len(a) * len(b) <=
    exact_cells``; beyond that the answer is ``None`` (not measured)."""
    if not a or not b:
        return 0
    import fast_diff_match_patch as dmp

    codes: dict[str, int] = {}
    ca = code_string([codes.setdefault(w, len(codes)) for w in a])
    cb = code_string([codes.setdefault(w, len(codes)) for w in b])
    t0 = time.perf_counter()
    ops = dmp.diff(ca, cb, timelimit=timeout, cleanup="No", counts_only=True)
    if timeout and time.perf_counter() - t0 >= 0.95 * timeout:
        if len(a) * len(b) > exact_cells:
            return None
        from rapidfuzz.distance import LCSseq  # only here: rapidfuzz costs ~6 ms at start-up (issue #12)

        return int(LCSseq.similarity(ca, cb))
    return sum(n for op, n in ops if op == "=")


# --- direction -------------------------------------------------------------------------------------

_PAREN_RE = re.compile(r"[(\[（]\s*([^()\[\]（）\n]{1,40}?)\s*[)\]）]")


@lru_cache(maxsize=1)
def _agency_forms() -> frozenset[str]:
    return frozenset(comparison_form(name) for name in load_lexicon().agencies)


def _opening(doc: Document, words: int) -> str:
    """The first ``words`` words' text, from the start of the document (headline included).

    The words are the comparison view's; a spaced text's are its word-like tokens, counted here
    from the start without building the view (``check`` reads only openings)."""
    if "reuse.view" in doc.memo or has_unspaced(doc.text):
        index = _view(doc).word_index
        last = index[min(len(index), words) - 1] if index else None
    else:
        last, count = None, 0
        for k, t in enumerate(doc.tokens):
            if t.kind in _WORDISH:
                last, count = k, count + 1
                if count == words:
                    break
    return "" if last is None else doc.text[: doc.tokens[last].end + 1]


def _credits(doc: Document, words: int) -> tuple[bool, bool, bool]:
    """(agency credit at the opening, non-agency credit at the opening, dated credit), from the
    packaged agency names.

    An agency credit is a listed agency name, in any of its scripts, inside brackets or as a whole word
    in the opening ("Moscow (AFP) -", "ممبئی ۔ یکم دسمبر (اے پی پی)", "МОСКВА, 1 дек - РИА Новости").
    Any other short bracketed group there ("(وقت نیوز)", "(Staff Reporter)") is an outlet's credit.
    A credit is *dated* when a bracketed credit (agency or own) has a day of the month (1-31,
    in any digit script) or a month's name among the few words before it on its line: the wire's dateline
    ("LONDON, Feb 24 (Reuters) -", "اسلام آباد ۔ 24 جولائی (اے پی پی)"), which a newspaper reprint
    usually replaces by its own undated one ("اسلام آباد (وقت نیوز)").
    The opening is the first ``words`` words (``lineage.reuse_opening_words`` for the first two,
    ``lineage.reuse_dateline_words`` for the third).
    """
    return doc.derived(("reuse.credits", words), lambda d: _find_credits(d, words))


#: a day of the month: one or two decimal digits of any script, not part of a longer number
_DAY_RE = re.compile(r"(?<![\d.,:/])\d{1,2}(?![\d.,:/]\d)")


def _find_credits(d: Document, words: int) -> tuple[bool, bool, bool]:
    raw = _opening(d, words)
    agencies = _agency_forms()
    agency = own = dated = False
    for m in _PAREN_RE.finditer(raw):  # brackets are the same in the surface and comparison forms
        inner = " ".join(comparison_form(m.group(1)).split())
        parts = [s.strip() for s in re.split(r"[/،,+]| و ", inner) if s.strip()]
        if any(part in agencies for part in parts):
            agency = True
        elif not any(ch.isdigit() for ch in inner) and len(inner.split()) <= CREDIT_WORDS:
            own = True
        else:
            continue
        if not dated:  # month names are matched on the surface form (date_atoms folds its own way)
            line = raw[raw.rfind("\n", 0, m.start()) + 1 : m.start()]
            before = " ".join(line.split()[-DATELINE_PLACE_WORDS:])
            dated = (any(1 <= int(x) <= 31 for x in _DAY_RE.findall(before))
                     or any(kind == "month" for kind, _ in date_atoms(before)))
    if not agency:
        agency = bool(_agency_word_pattern().search(comparison_form(raw)))
    return agency, own, dated


@lru_cache(maxsize=1)
def _agency_word_pattern() -> re.Pattern:
    """Agency names outside brackets in the opening ("MOSCOW, Dec 1 - TASS", "新华社北京12月1日电").

    Arabic-script names are left to the bracketed search: they are spelled-out letters ("اے پی" is
    also the start of "اے پی سی", APC), so a whole-word match outside a credit is unreliable. Names
    under 4 characters (AP, AA, PA) are too ambiguous unbracketed. Scripts written without spaces
    (Chinese, Japanese) cannot use word boundaries, so their names are searched as substrings.
    """
    names = [n for n in sorted(_agency_forms(), key=len, reverse=True) if len(n) >= 3 and not _arabic(n)]
    spaced = [re.escape(n) for n in names if not _unspaced(n) and len(n) >= 4]
    unspaced = [re.escape(n) for n in names if _unspaced(n)]
    alts = [rf"(?<![\w-])(?:{'|'.join(spaced)})(?![\w-])"] if spaced else []
    if unspaced:
        alts.append("(?:" + "|".join(unspaced) + ")")
    return re.compile("|".join(alts) or r"(?!)")


def _arabic(name: str) -> bool:
    return any("\u0600" <= ch <= "\u06ff" for ch in name)


def _unspaced(name: str) -> bool:
    return any("\u3040" <= ch <= "\u9fff" or "\uac00" <= ch <= "\ud7af" for ch in name)


def _lead_rewritten(x: _View, y: _View) -> float:
    """How much better x's body (after its first sentence) is covered by y than x's lead is (>= 0)."""
    return _cover(x, y)[_COVER_LEAD]


def _tail_cut(x: _View, y: _View) -> float:
    """How much better x's head (first 3/4 of its words) is covered by y than its last quarter (>= 0)."""
    return _cover(x, y)[_COVER_TAIL]


def direction_features(a: Document, b: Document, settings: Settings = DEFAULT_SETTINGS) -> dict[str, float]:
    """Features of :data:`DIRECTION_FEATURES`; positive values say ``a`` is the original.

    Antisymmetric: ``direction_features(b, a)[k] == -direction_features(a, b)[k]`` for every k.
    """
    va, vb = _view(a), _view(b)
    credits = credit_features(a, b, settings)
    return {
        "agency_credit": credits["agency_credit"],
        "own_credit": credits["own_credit"],
        "lead_rewritten": _lead_rewritten(vb, va) - _lead_rewritten(va, vb),
        "tail_cut": _tail_cut(va, vb) - _tail_cut(vb, va),
        "dated_credit": credits["dated_credit"],
    }


def credit_features(a: Document, b: Document, settings: Settings = DEFAULT_SETTINGS) -> dict[str, float]:
    """The credit cues of :func:`direction_features` alone (``agency_credit``, ``own_credit``,
    ``dated_credit``): read from the two openings, without the comparison views the other cues
    need, so a caller that wants only them (``check``'s order warning) pays for no more."""
    words = settings.lineage.reuse_opening_words
    dateline = settings.lineage.reuse_dateline_words
    (ag_a, own_a, _), (ag_b, own_b, _) = _credits(a, words), _credits(b, words)
    return {
        "agency_credit": float(ag_a) - float(ag_b),
        "own_credit": float(own_b and not ag_b) - float(own_a and not ag_a),
        "dated_credit": float(_credits(a, dateline)[2]) - float(_credits(b, dateline)[2]),
    }


# --- the model -------------------------------------------------------------------------------------

LEVELS = ("wholly", "partially", "none")


@dataclass(frozen=True)
class ReuseDecision:
    """The model's reading of one (parent, child) pair.

    ``p_derived`` is P(wholly or partially derived); ``level`` the most probable of :data:`LEVELS`
    and ``p_level`` its probability (``p_wholly + p_partially + p_none == 1``).
    """

    p_derived: float
    level: str
    p_level: float
    p_wholly: float
    p_partially: float
    p_none: float

    def to_json(self) -> dict:
        return {
            "p_derived": round(self.p_derived, 4),
            "level": self.level,
            "p_level": round(self.p_level, 4),
        }


@dataclass(frozen=True)
class _Logistic:
    """A logistic regression on standardised features: ``sigmoid(coef . (x - mean) / scale + intercept)``."""

    features: tuple[str, ...]
    mean: tuple[float, ...]
    scale: tuple[float, ...]
    coef: tuple[float, ...]
    intercept: float

    @classmethod
    def from_json(cls, data: dict, features: tuple[str, ...]) -> "_Logistic":
        n = len(features)
        mean = tuple(float(v) for v in data.get("mean", [0.0] * n))
        scale = tuple(float(v) for v in data["scale"])
        coef = tuple(float(v) for v in data["coef"])
        if not (len(mean) == len(scale) == len(coef) == n):
            raise ValueError(f"model vectors do not match its {n} features")
        return cls(features, mean, scale, coef, float(data.get("intercept", 0.0)))

    def probability(self, x: dict[str, float]) -> float:
        z = self.intercept + sum(
            w * (x[name] - m) / s for name, m, s, w in zip(self.features, self.mean, self.scale, self.coef)
        )
        return _sigmoid(z)


def _sigmoid(z: float) -> float:
    return 1.0 / (1.0 + math.exp(-z)) if z >= 0 else math.exp(z) / (1.0 + math.exp(z))


@dataclass(frozen=True)
class ReuseModel:
    """The reuse and direction models of one model file (see ``benchmarks/train_reuse_model.py``).

    ``training`` is the file's record of how it was made (data sets, counts, cross-validated figures).
    """

    derived: _Logistic
    wholly: _Logistic
    direction_model: _Logistic
    training: dict

    @classmethod
    def from_json(cls, data: dict) -> "ReuseModel":
        features = tuple(data["features"])
        if features != FEATURES:
            raise ValueError(f"model features {features} differ from this code's {FEATURES}")
        dfeatures = tuple(data["direction"]["features"])
        if dfeatures != DIRECTION_FEATURES:
            raise ValueError(f"direction features {dfeatures} differ from this code's {DIRECTION_FEATURES}")
        return cls(
            _Logistic.from_json(data["derived"], features),
            _Logistic.from_json(data["wholly"], features),
            _Logistic.from_json(data["direction"], dfeatures),
            dict(data.get("training", {})),
        )

    def decide(self, features: dict[str, float]) -> ReuseDecision:
        """P(derived) from the first regression; P(wholly | derived) from the second."""
        p_derived = self.derived.probability(features)
        p_w = p_derived * self.wholly.probability(features)
        probs = {"wholly": p_w, "partially": p_derived - p_w, "none": 1.0 - p_derived}
        level = max(LEVELS, key=lambda k: probs[k])
        return ReuseDecision(p_derived, level, probs[level], probs["wholly"], probs["partially"], probs["none"])

    def direction_terms(self, features: dict[str, float]) -> dict[str, float]:
        """Each direction feature's term of the log-odds that ``a`` is the original (they sum to it);
        only the features given (e.g. :func:`credit_features`) have a term."""
        m = self.direction_model
        return {k: w * (features[k] - mu) / sd for k, mu, sd, w in zip(m.features, m.mean, m.scale, m.coef)
                if k in features}

    def cue_terms(self, features: dict[str, float], cues) -> dict[str, float]:
        """The :meth:`direction_terms` of the features named in ``cues`` alone."""
        return {k: t for k, t in self.direction_terms(features).items() if k in cues}

    def cue_direction(self, features: dict[str, float], cues) -> float:
        """P(``a`` is the original) read from the terms of ``cues`` alone (:meth:`cue_terms`)."""
        return _sigmoid(sum(self.cue_terms(features, cues).values()))

    def direction(self, features: dict[str, float]) -> float:
        """P(``a`` is the original) for :func:`direction_features` ``(a, b)``; odd in the features."""
        return self.direction_model.probability(features)


@lru_cache(maxsize=8)
def load_reuse_model(path: str = "") -> ReuseModel:
    """The model in the file ``path``, or the packaged one (``provenance/data/reuse_model.json``)
    when ``path`` is empty; each read once. Raises ``OSError`` or ``ValueError`` on a bad file."""
    if path:
        with open(path, encoding="utf-8") as fh:
            return ReuseModel.from_json(json.load(fh))
    return ReuseModel.from_json(json.loads(package_data_text("reuse_model.json")))

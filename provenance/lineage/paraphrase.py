"""Aligned views of paraphrase: which child sentences came from which parent sentences, and the
words they share, even when the sentence was rewritten.

Pure functions over :class:`~provenance.model.Document` (no I/O).

1. **Sentence pairs.** Every sentence of each document is read as the set of character 5-grams of
   its letters in comparison form (:func:`provenance.lineage.reuse.comparison_form`, spaces and
   punctuation removed, so words one paper joins and another splits still meet). Two sentences are
   as similar as the cosine (Ochiai) of their sets. Pairs are taken greedily, most similar first,
   one to one, when their similarity is at least :data:`PAIR_MIN` (0.3: below it, sentences of two
   independently written stories of one event meet as often as rewritten ones on COUNTER dev).
   Documents of more than :data:`FULL_PAIRS` sentence pairs compare each sentence only with the
   sentences sharing its rarer words, so the cost stays linear in the text.
2. **Word alignment inside each pair** (``difflib.SequenceMatcher`` on the comparison forms of the
   words): the runs both sentences share, in order. A rewritten sentence thus shows its shared
   words rather than one large replacement.
3. **Features** (:func:`paraphrase_features`, all in [0, 1]) that tell a partial rewrite (some
   sentences reused, the rest new) from a story written independently on the same event: the share
   of each side's words inside aligned runs of pairs, the order agreement of the pairs (Kendall's
   tau), the longest stretch of consecutive child sentences taken in order, the best and the
   near-verbatim sentence overlaps, and word overlap with numbers left out.

The data structure is :class:`ParaphraseAlignment` (``to_json`` gives the pair in JSON).
"""

from __future__ import annotations

import math
import unicodedata
from collections import Counter
from dataclasses import dataclass
from difflib import SequenceMatcher

from ..model import WORD_KINDS, Document
from ..text.segment import sentences
from .reuse import comparison_form

__all__ = [
    "PARAPHRASE_FEATURES",
    "PAIR_MIN",
    "ParaphraseAlignment",
    "SentencePair",
    "align_paraphrase",
    "paraphrase_features",
]

#: Least char 5-gram cosine of two sentences for them to be paired.
PAIR_MIN = 0.3
#: A child sentence is near-verbatim when this share of its word 3-grams is in its partner
#: (the issue's 0.6 word 3-gram containment).
NEAR_VERBATIM = 0.6
#: Sentence pairs compared exhaustively (200 x 200 sentences: every news article).
FULL_PAIRS = 40_000
#: Above FULL_PAIRS: words in more sentences than this do not propose candidates ...
_POSTING_CAP = 50
#: ... and each sentence keeps the candidates that share the most such words.
_CANDIDATES = 12

PARAPHRASE_FEATURES: tuple[str, ...] = (
    "pp_sent_child",  # share of child sentences paired
    "pp_sent_parent",  # share of parent sentences paired
    "pp_words_child",  # share of child words inside aligned runs (2+ words) of pairs
    "pp_words_parent",  # share of parent words inside aligned runs (2+ words) of pairs
    "pp_order",  # concordant share of pairs of pairs (Kendall), 0 with fewer than 2 pairs
    "pp_stretch",  # share of child words in the longest in-order stretch of consecutive paired sentences
    "pp_max_tri",  # the best word 3-gram containment of any child sentence in its partner
    "pp_near_verbatim",  # share of child words in sentences with >= NEAR_VERBATIM 3-gram containment
    "pp_mean_run",  # mean length of aligned runs, log(1 + words) / log(1 + 20), capped at 1
    "pp_nonum_child",  # share of the child's distinct non-number words the parent also has
)


@dataclass(frozen=True)
class SentencePair:
    """A child sentence and the parent sentence it was written from.

    ``parent`` and ``child`` are sentence numbers (0-based, in :func:`provenance.text.segment.sentences`
    order); ``parent_tokens`` and ``child_tokens`` their token ranges ``[start, end)``;
    ``similarity`` the char 5-gram cosine; ``runs`` the shared word runs as
    ``(parent_token, child_token, length_in_tokens)`` (token indices into the documents, word
    tokens only, so a run may step over punctuation); ``shared_words`` their total length in words.
    """

    parent: int
    child: int
    parent_tokens: tuple[int, int]
    child_tokens: tuple[int, int]
    similarity: float
    runs: tuple[tuple[int, int, int], ...]
    shared_words: int

    def to_json(self) -> dict:
        return {
            "parent_sentence": self.parent,
            "child_sentence": self.child,
            "parent_tokens": list(self.parent_tokens),
            "child_tokens": list(self.child_tokens),
            "similarity": round(self.similarity, 4),
            "shared_words": self.shared_words,
            "runs": [list(r) for r in self.runs],
        }


@dataclass(frozen=True)
class ParaphraseAlignment:
    """The sentence pairs of (parent, child), in child order, with both documents' sentence counts."""

    parent_id: str
    child_id: str
    parent_sentences: int
    child_sentences: int
    pairs: tuple[SentencePair, ...]

    def to_json(self) -> dict:
        return {
            "parent": self.parent_id,
            "child": self.child_id,
            "parent_sentences": self.parent_sentences,
            "child_sentences": self.child_sentences,
            "pairs": [p.to_json() for p in self.pairs],
        }


# --- per-document view ---------------------------------------------------------------------------


@dataclass(frozen=True)
class _Sentence:
    tokens: tuple[int, int]  # token range
    word_tokens: tuple[int, ...]  # token index of each word
    words: tuple[str, ...]  # comparison forms
    chars: frozenset  # char 5-grams of the letters
    tri: frozenset  # word 3-grams


def _letters(text: str) -> str:
    return "".join(c for c in comparison_form(text) if unicodedata.category(c)[0] in "LMN")


def _view(doc: Document) -> tuple[_Sentence, ...]:
    return doc.derived("paraphrase.view", _make_view)


def _make_view(doc: Document) -> tuple[_Sentence, ...]:
    out = []
    for seg in sentences(doc):
        ks = tuple(k for k in range(seg.start, seg.end) if doc.tokens[k].kind in WORD_KINDS)
        if not ks:
            continue
        words = tuple(comparison_form(doc.tokens[k].norm) for k in ks)
        text = _letters(doc.text[doc.tokens[ks[0]].start : doc.tokens[ks[-1]].end])
        chars = frozenset(text[i : i + 5] for i in range(max(1, len(text) - 4)))
        tri = frozenset(zip(words, words[1:], words[2:]))
        out.append(_Sentence((seg.start, seg.end), ks, words, chars, tri))
    return tuple(out)


def _candidates(ps: tuple[_Sentence, ...], cs: tuple[_Sentence, ...]):
    """(child sentence, parent sentence) index pairs worth comparing."""
    if len(ps) * len(cs) <= FULL_PAIRS:
        return [(i, j) for i in range(len(cs)) for j in range(len(ps))]
    postings: dict[str, list[int]] = {}
    for j, s in enumerate(ps):
        for w in set(s.words):
            postings.setdefault(w, []).append(j)
    out = []
    for i, s in enumerate(cs):
        shared: Counter = Counter()
        for w in set(s.words):
            js = postings.get(w, ())
            if len(js) <= _POSTING_CAP:
                shared.update(js)
        out.extend((i, j) for j, _ in shared.most_common(_CANDIDATES))
    return out


def _cosine(a: frozenset, b: frozenset) -> float:
    return len(a & b) / math.sqrt(len(a) * len(b)) if a and b else 0.0


def align_paraphrase(parent: Document, child: Document, pair_min: float = PAIR_MIN) -> ParaphraseAlignment:
    """Sentence pairs of ``child`` with the ``parent`` sentences they were written from (module doc)."""
    ps, cs = _view(parent), _view(child)
    scored = []
    for i, j in _candidates(ps, cs):
        sim = _cosine(cs[i].chars, ps[j].chars)
        if sim >= pair_min:
            scored.append((-sim, i, j))
    scored.sort()
    used_p: set[int] = set()
    used_c: set[int] = set()
    pairs = []
    for neg, i, j in scored:
        if i in used_c or j in used_p:
            continue
        used_c.add(i)
        used_p.add(j)
        pairs.append(_pair(ps[j], cs[i], j, i, -neg))
    pairs.sort(key=lambda p: p.child)
    return ParaphraseAlignment(parent.id, child.id, len(ps), len(cs), tuple(pairs))


def _pair(p: _Sentence, c: _Sentence, j: int, i: int, sim: float) -> SentencePair:
    sm = SequenceMatcher(None, p.words, c.words, autojunk=False)
    runs = tuple((p.word_tokens[a], c.word_tokens[b], n) for a, b, n in sm.get_matching_blocks() if n)
    return SentencePair(j, i, p.tokens, c.tokens, sim, runs, sum(n for _, _, n in runs))


# --- features --------------------------------------------------------------------------------------


def _kendall_concordant(pairs) -> float:
    n = len(pairs)
    if n < 2:
        return 0.0
    conc = total = 0
    for a in range(n):
        for b in range(a + 1, n):
            total += 1
            conc += (pairs[a].parent < pairs[b].parent) == (pairs[a].child < pairs[b].child)
    return conc / total


def _run_words(sent: _Sentence, runs, side: int) -> int:
    """Words of ``sent`` inside runs of 2+ words (``side`` 0 parent, 1 child token of each run)."""
    index = {k: p for p, k in enumerate(sent.word_tokens)}
    return sum(n for *r, n in runs if n >= 2 and r[side] in index)


def paraphrase_features(parent: Document, child: Document, al: ParaphraseAlignment | None = None) -> dict[str, float]:
    """The :data:`PARAPHRASE_FEATURES` of ``child`` as a possible rewrite of ``parent``, each in [0, 1]."""
    if al is None:
        al = align_paraphrase(parent, child)
    ps, cs = _view(parent), _view(child)
    n_child = sum(len(s.words) for s in cs)
    n_parent = sum(len(s.words) for s in ps)
    pairs = al.pairs
    f: dict[str, float] = {}
    f["pp_sent_child"] = len(pairs) / len(cs) if cs else 0.0
    f["pp_sent_parent"] = len(pairs) / len(ps) if ps else 0.0
    child_run = sum(_run_words(cs[p.child], p.runs, 1) for p in pairs)
    parent_run = sum(_run_words(ps[p.parent], p.runs, 0) for p in pairs)
    f["pp_words_child"] = child_run / n_child if n_child else 0.0
    f["pp_words_parent"] = parent_run / n_parent if n_parent else 0.0
    f["pp_order"] = _kendall_concordant(pairs)
    # longest stretch: consecutive child sentences whose partners are increasing parent sentences
    best = cur = 0
    prev = None
    for p in pairs:
        size = len(cs[p.child].words)
        if prev is not None and p.child == prev.child + 1 and p.parent > prev.parent:
            cur += size
        else:
            cur = size
        best = max(best, cur)
        prev = p
    f["pp_stretch"] = best / n_child if n_child else 0.0
    tri_best = 0.0
    near = 0
    for p in pairs:
        c, s = cs[p.child], ps[p.parent]
        share = len(c.tri & s.tri) / len(c.tri) if c.tri else 0.0
        tri_best = max(tri_best, share)
        if share >= NEAR_VERBATIM:
            near += len(c.words)
    f["pp_max_tri"] = tri_best
    f["pp_near_verbatim"] = near / n_child if n_child else 0.0
    lengths = [n for p in pairs for *_, n in p.runs if n >= 2]
    mean = sum(lengths) / len(lengths) if lengths else 0.0
    f["pp_mean_run"] = min(1.0, math.log1p(mean) / math.log1p(20))
    cw = {w for s in cs for w in s.words if not any(ch.isdigit() for ch in w)}
    pw = {w for s in ps for w in s.words}
    f["pp_nonum_child"] = len(cw & pw) / len(cw) if cw else 0.0
    return {k: min(1.0, max(0.0, f[k])) for k in PARAPHRASE_FEATURES}

"""Pair measures read off one alignment: whether two documents share wire text, how much of each is
derived (METER), how heavily it was revised (Clough and Stevenson), and each side's own text."""

from __future__ import annotations

from bisect import bisect_left
from dataclasses import dataclass

from ..align.aligner import align_documents
from ..model import FURNITURE_KINDS, Alignment, Document, Edit, require, require_edits  # FURNITURE_KINDS re-exported
from ..settings import DEFAULT_SETTINGS, Settings
from ..text.lexicon import load_lexicon
from ..text.segment import SENTENCE_ENDERS
from .reuse import ReuseDecision, comparison_form, frequent_words, load_reuse_model, reuse_features

__all__ = ["reuse_gate_unless_verbatim", 
    "FURNITURE_KINDS", "ReuseGate", "derived_label", "revision_label", "related", "related_either_way",
    "reuse_decision", "reuse_gate", "own_text", "tokens_in", "foreign_passages", "passage_names", "passage_words",
]


def derived_label(al: Alignment, edits) -> str:
    """METER's derivation of the child's *article text* (page furniture and headlines excluded).

    ``wholly``: at least 0.8 of it is aligned parent text; ``partially``: at least 0.2; else ``none``.
    """
    require(al, Alignment, "derived_label: al")
    edits = require_edits(edits, "derived_label: edits")
    furniture = sum(tokens_in(al.child, e.child_span) for e in edits if e.kind in FURNITURE_KINDS)
    body = max(1, len(al.child.tokens) - furniture)
    share = min(1.0, al.matched_tokens / body)
    return "wholly" if share >= 0.8 else "partially" if share >= 0.2 else "none"


def tokens_in(doc: Document, span: tuple[int, int]) -> int:
    lo, hi = token_range(doc, span)
    return hi - lo


def token_range(doc: Document, span: tuple[int, int]) -> tuple[int, int]:
    """The indexes ``[lo, hi)`` of ``doc``'s tokens that start inside the character span."""
    return (bisect_left(doc.tokens, span[0], key=lambda t: t.start),
            bisect_left(doc.tokens, span[1], key=lambda t: t.start))


def revision_label(al: Alignment, edits) -> str:
    """Clough and Stevenson's revision level, from how often the copier touched the reused text.

    The measure is the mean length, in tokens, of the runs of text kept verbatim (page furniture and
    headlines aside, they are not revision): cut-and-paste leaves long runs, light revision
    (synonyms, small rewordings on the same structure) short ones, heavy revision very short runs
    or little reused text. ``verbatim``: runs of 15+ tokens on average; ``heavy``: under 5, or under
    15 with less than 45% of the child's article text reused; else ``light``.
    """
    require(al, Alignment, "revision_label: al")
    runs = [b.j2 - b.j1 for b in al.blocks if b.tag == "equal"]
    if not runs:
        return "heavy"
    furniture = sum(tokens_in(al.child, e.child_span) for e in edits if e.kind in FURNITURE_KINDS)
    reused = al.matched_tokens / max(1, len(al.child.tokens) - furniture)
    mean_run = sum(runs) / len(runs)
    if mean_run >= 15:
        return "verbatim"
    if mean_run < 5 or reused < 0.45:
        return "heavy"
    return "light"


def related(al: Alignment, settings: Settings = DEFAULT_SETTINGS) -> bool:
    """Whether the aligned passages show shared wire text (not just shared topic words).

    At least ``related_min_shared`` of either document is aligned text, and either one aligned run
    has ``related_min_passage`` tokens or runs of three or more tokens add up to
    ``related_min_run_total``: OCR noise breaks long runs, and many medium runs tell the same story.
    """
    if max(al.shared_parent(), al.shared_child()) < settings.lineage.related_min_shared:
        return False
    runs = [b.j2 - b.j1 for b in al.blocks if b.tag == "equal"]
    return max(runs, default=0) >= settings.lineage.related_min_passage or (
        sum(r for r in runs if r >= 3) >= settings.lineage.related_min_run_total
    )


def related_either_way(al: Alignment, settings: Settings = DEFAULT_SETTINGS) -> tuple[bool, Alignment | None]:
    """:func:`related` for the pair, whichever document is read as the parent; and the fresh
    alignment the other way when it was needed (else ``None``).

    An alignment is not symmetric when one text repeats a passage: as the child, the repeats are
    duplicated blocks of shared text; as the parent, they are deletions, and a document made of
    one paragraph of the source said a thousand times shares "0%" with it. So when ``al`` has an
    aligned passage but too small a share, the pair is aligned once more the other way. Unrelated
    texts rarely have such a passage, so the extra alignment is rare.
    """
    if related(al, settings):
        return True, None
    runs = [b.j2 - b.j1 for b in al.blocks if b.tag == "equal"]
    if max(runs, default=0) < settings.lineage.related_min_passage and sum(r for r in runs if r >= 3) < settings.lineage.related_min_run_total:
        return False, None
    back = align_documents(al.child, al.parent, settings)
    return related(back, settings), back


def own_text(al: Alignment, edits, foreign: tuple[int, int] = (0, 0)) -> tuple[float, float]:
    """Shares of the parent's and of the child's article text (furniture aside) not in the other.
    ``foreign``: tokens of each side's passages set aside as furniture is (those of
    :func:`foreign_passages`)."""
    furniture_p = sum(tokens_in(al.parent, e.parent_span) for e in edits if e.kind in FURNITURE_KINDS) + foreign[0]
    furniture_c = sum(tokens_in(al.child, e.child_span) for e in edits if e.kind in FURNITURE_KINDS) + foreign[1]
    matched_p = al.shared_parent() * len(al.parent.tokens)
    matched_c = al.matched_tokens
    own_p = 1 - min(1.0, matched_p / max(1, len(al.parent.tokens) - furniture_p))
    own_c = 1 - min(1.0, matched_c / max(1, len(al.child.tokens) - furniture_c))
    return own_p, own_c


#: one-sided passages a copy may have written itself or cut from its source
_ONE_SIDED = {"parent": ("deleted", "truncated", "quote"), "child": ("inserted", "quote")}


def passage_words(doc: Document, lo: int, hi: int) -> set[str]:
    """The distinct content words of ``doc.tokens[lo:hi]``: comparison forms
    (:func:`provenance.lineage.reuse.comparison_form`) of words of three letters or more, neither
    function words (``function_words.txt``) nor words of the learned frequent-word table (:func:`provenance.lineage.reuse.frequent_words`, per script:
    Urdu's frequent words come from the development data, where the list of function words has
    none)."""
    stop, frequent = load_lexicon().function_words, frequent_words()
    out = set()
    for t in doc.tokens[lo:hi]:
        if t.kind == "word" and len(t.norm) >= 3 and t.norm not in stop:
            word = comparison_form(t.norm)
            if word not in frequent:
                out.add(word)
    return out


def passage_names(doc: Document, lo: int, hi: int) -> set[str]:
    """The names in ``doc.tokens[lo:hi]``, normalised (a possessive "'s" dropped): capitalised words
    that ``doc`` also writes capitalised inside a sentence somewhere (so "Putin said" at a
    sentence's start is a name when "said Putin" is in the text, and "The" or "Meanwhile" is none),
    function words aside. Empty for a script without letter case (Arabic, Urdu, Chinese)."""
    known = doc.derived("passage_names.known", _names_inside_sentences)
    out = set()
    for t in doc.tokens[lo:hi]:
        if t.kind == "word" and t.text[:1].isupper():
            name = _name_form(t.norm)
            if name in known:
                out.add(name)
    return out


def _name_form(norm: str) -> str:
    return norm[:-2] if norm.endswith(("'s", "’s")) else norm


def _names_inside_sentences(doc: Document) -> frozenset[str]:
    """The name forms of the capitalised words ``doc`` writes after a sentence's first word."""
    stop = load_lexicon().function_words
    out, opening, text = set(), True, doc.text
    for t in doc.tokens:
        if t.kind == "word":
            if t.start == 0 or "\n" in text[max(0, t.start - 2) : t.start]:
                opening = True  # a paragraph's (a headline's) first word
            if not opening and t.text[:1].isupper() and t.norm not in stop:
                out.add(_name_form(t.norm))
            opening = False
        elif t.kind == "quote" or (t.kind == "punct" and t.text in SENTENCE_ENDERS):
            opening = True  # a quotation opens a sentence of its own
    return frozenset(out)


def foreign_passages(al: Alignment, edits, settings: Settings = DEFAULT_SETTINGS) -> tuple[tuple[Edit, ...], tuple[Edit, ...]]:
    """The parent's and the child's one-sided passages (deleted or cut, inserted; with a quotation
    or without) that are foreign to the story: of their distinct content words
    (:func:`passage_words`; ``lineage.foreign_min_words`` or more) under
    ``lineage.foreign_max_cohesion`` also occur in the text the two documents share.
    A wire paragraph is about its story and repeats its names and topic words; a paragraph an
    outlet slots in from elsewhere (a note of its own, another story's paragraph) shares few
    (``benchmarks/measure_cohesion.py`` measures both on real articles, English and Urdu). Which of
    two texts holds such a passage says nothing about which came first, as page furniture says
    nothing. Only in a pair sharing ``lineage.foreign_min_shared`` of each text (a story both hold),
    only a passage of one paragraph, and only one naming no one the shared text names
    (:func:`passage_names`)."""
    ls = settings.lineage
    if min(al.shared_parent(), al.shared_child()) < ls.foreign_min_shared:
        return (), ()
    limit, floor = ls.foreign_max_cohesion, ls.foreign_min_words
    out = []
    for side, doc in (("parent", al.parent), ("child", al.child)):
        found = []
        shared = names = None
        for e in edits:
            span = e.parent_span if side == "parent" else e.child_span
            text, other = (e.parent_text, e.child_text) if side == "parent" else (e.child_text, e.parent_text)
            text = "" if other.strip() else text.strip()  # one-sided: the other text has nothing there
            # one paragraph, the unit measured: an outlet slots in a note or a paragraph, while
            # several paragraphs off the story's words are most often the wire's own sidebar at
            # its tail ("Meanwhile, ..."), which copies cut
            if e.kind not in _ONE_SIDED[side] or not text or "\n" in text:
                continue
            lo, hi = token_range(doc, span)
            words = passage_words(doc, lo, hi)
            if len(words) < floor:
                continue
            if shared is None:
                spans = [(b.i1, b.i2) if side == "parent" else (b.j1, b.j2) for b in al.blocks if b.tag == "equal"]
                shared = set().union(*(passage_words(doc, *span) for span in spans))
                names = set().union(*(passage_names(doc, *span) for span in spans))
            # a passage naming a person or place the story names is the story's, however few of its
            # other words recur (a wire's sidebar on a side issue names the story's people)
            if len(words & shared) < limit * len(words) and not passage_names(doc, lo, hi) & names:
                found.append(e)
        out.append(tuple(found))
    return out[0], out[1]


def reuse_decision(al: Alignment, settings: Settings = DEFAULT_SETTINGS) -> ReuseDecision:
    """The reuse model's reading of ``al.child`` as a derivative of ``al.parent`` (P(derived), level)."""
    return load_reuse_model(settings.lineage.reuse_model_file).decide(reuse_features(al.parent, al.child, al, settings))


@dataclass(frozen=True)
class ReuseGate:
    """Whether two documents belong to one story, and why.

    ``decision`` is the reuse model's reading of the pair in the order (parent, child) that gives the
    higher P(derived), ``reversed`` says that order is ``al.child -> al.parent``. ``verbatim`` is
    :func:`related_either_way` (a long verbatim passage): a floor kept beside the model, since
    shared wire text of that length is reuse in any language or genre, including those the model
    was not fitted on (OCR, repeated notices). ``back`` is the fresh reverse alignment when one was
    made, else ``None``.
    """

    linked: bool
    decision: ReuseDecision
    reversed: bool
    verbatim: bool
    back: Alignment | None


def reuse_gate(al: Alignment, settings: Settings = DEFAULT_SETTINGS) -> ReuseGate:
    """The story grouping gate (and ``check``'s "unrelated"): P(derived) of the reuse model read
    both ways (either document may be the original) at least ``lineage.reuse_min_p_derived``, with
    the content words in one order over ``lineage.reuse_min_content_order`` of the shorter text (the
    model's figure alone links unrelated long articles), or a verbatim passage
    (:func:`related_either_way`). Cost: the reuse features twice (per-document views are memoised)
    and, rarely, one more alignment."""
    model = load_reuse_model(settings.lineage.reuse_model_file)
    f_fwd = reuse_features(al.parent, al.child, al, settings)
    f_bwd = reuse_features(al.child, al.parent, al.reversed(), settings)
    fwd, bwd = model.decide(f_fwd), model.decide(f_bwd)
    rev = bwd.p_derived > fwd.p_derived
    best = bwd if rev else fwd
    aligned = max(al.shared_parent(), al.shared_child())
    ordered = max(f_fwd["content_order"], f_bwd["content_order"])
    ls = settings.lineage
    if (best.p_derived >= ls.reuse_min_p_derived and aligned >= ls.reuse_min_aligned
            and ordered >= ls.reuse_min_content_order):
        return ReuseGate(True, best, rev, related(al, settings), None)
    verbatim, back = related_either_way(al, settings)
    return ReuseGate(verbatim, best, rev, verbatim, back)


def reuse_gate_unless_verbatim(al: Alignment, settings: Settings = DEFAULT_SETTINGS) -> ReuseGate | None:
    """``None`` when a verbatim passage in ``al``'s own direction already links the pair
    (:func:`related`), else :func:`reuse_gate`. The decision is the same (the gate links every pair
    :func:`related` accepts); the reuse features, the costly part, are computed only when the model
    has to decide (rewritten reuse), not for every near-verbatim reprint."""
    return None if related(al, settings) else reuse_gate(al, settings)

"""The article body of a page, for the reuse measures: runs of short lines (page furniture) removed.

A page saved from a news site carries, beside the article, lists of related headlines, menus and
buttons: lines of a few words without a sentence stop, one after another. Article text comes in
sentences, so ``reuse_body_line_run`` such lines in a row (``reuse_body_line_words`` words at most,
no final stop, as :func:`provenance.edits.furniture.is_short_line` reads them), none of them
aligned with the other document, are not article text (a list both documents share, or an answer's
numbered points copied from its source, stays). Left in, a list of fifty related headlines halves a reprint's containment in its source and
grades a full reprint "partially derived" (the London Daily seed: 55 related headlines after an
article that is all AFP's).

:func:`article_bodies` returns, for an alignment, :class:`~provenance.model.Document` views of
both sides' remaining paragraphs (each document itself when nothing is removed, so texts without
such runs measure exactly as before); :func:`body_token_mask` says which tokens of the original
document are kept, and :func:`body_aligned_shares` reads the alignment over the bodies only. The
surface text is never changed: the body document is a comparison view.
"""

from __future__ import annotations

from ..edits.furniture import is_short_line
from ..model import WORD_KINDS, Alignment, Document
from ..text.segment import paragraphs
from ..text.tokenize import tokenize

__all__ = ["article_bodies", "body_aligned_shares", "body_token_mask"]


def body_token_mask(doc: Document, covered: bytes, line_words: int, line_run: int) -> bytes | None:
    """Per token of ``doc``: 0 in a run of at least ``line_run`` short lines outside the article
    body (before the first or after the last token ``covered``, i.e. aligned with the other
    document), else 1. ``None`` when nothing is removed (and when nothing is aligned)."""
    first = covered.find(1)
    if first < 0:
        return None  # nothing aligned: no article body to tell the page from
    last = covered.rfind(1)
    drop: list[tuple[int, int]] = []
    run: list[tuple[int, int]] = []
    for seg in paragraphs(doc) + [None]:
        if seg is not None and (seg.end <= first or seg.start > last):
            words = sum(1 for t in doc.tokens[seg.start : seg.end] if t.kind in WORD_KINDS)
            if words <= line_words and is_short_line(doc.token_text(seg.start, seg.end), line_words):
                run.append((seg.start, seg.end))
                continue
        if len(run) >= line_run:
            drop.extend(run)
        run = []
    if not drop:
        return None
    keep = bytearray(b"\x01" * len(doc.tokens))
    for a, b in drop:
        keep[a:b] = bytes(b - a)
    if not any(t.kind in WORD_KINDS for t, k in zip(doc.tokens, keep) if k):
        return None  # all of it is short lines: measure the document as it is rather than nothing
    return bytes(keep)


def _covered(al: Alignment) -> tuple[bytearray, bytearray]:
    pc, cc = bytearray(len(al.parent.tokens)), bytearray(len(al.child.tokens))
    for b in al.blocks:
        if b.tag == "equal":
            pc[b.i1 : b.i2] = b"\x01" * (b.i2 - b.i1)
            cc[b.j1 : b.j2] = b"\x01" * (b.j2 - b.j1)
    return pc, cc


def _masks(al: Alignment, line_words: int, line_run: int):
    pc, cc = _covered(al)
    return pc, cc, body_token_mask(al.parent, pc, line_words, line_run), body_token_mask(al.child, cc, line_words, line_run)


def article_bodies(al: Alignment, line_words: int, line_run: int) -> tuple[Document, Document]:
    """The parent's and the child's article bodies (module docstring): each document itself when
    nothing is removed. A body is memoised on its document per mask, so a pair measured again
    (both ways, by grouping, the edge's level and check) meets the same body object."""
    _, _, pm, cm = _masks(al, line_words, line_run)
    return _body(al.parent, pm), _body(al.child, cm)


def _body(doc: Document, mask: bytes | None) -> Document:
    if mask is None:
        return doc
    return doc.derived(("reuse.body", mask), lambda d: _make_body(d, mask))


def _make_body(doc: Document, mask: bytes) -> Document:
    kept = [doc.token_text(p.start, p.end) for p in paragraphs(doc) if mask[p.start]]
    text = "\n\n".join(kept) + "\n"
    return Document(doc.id, text, tokenize(text), dict(doc.meta))


def body_aligned_shares(al: Alignment, line_words: int, line_run: int) -> tuple[float, float]:
    """(share of the parent's body tokens, share of the child's body tokens) in equal blocks:
    :meth:`Alignment.shared_parent` and :meth:`Alignment.shared_child` over the bodies only
    (furniture runs hold no aligned token, so only the denominators change)."""
    pc, cc, pm, cm = _masks(al, line_words, line_run)
    if pm is None and cm is None:
        return al.shared_parent(), al.shared_child()
    n_p = len(pc) if pm is None else sum(pm)
    n_c = len(cc) if cm is None else sum(cm)
    return (sum(pc) / n_p if n_p else 0.0), (al.matched_tokens / n_c if n_c else 0.0)

"""Blocks grouped into candidate edits (units), and the passes that merge classified edits (footers, cut tails)."""

from __future__ import annotations

from bisect import bisect_left

from ..model import WORD_KINDS, Edit
from .datelines import in_opening, match_dateline
from .furniture import is_furniture, spoken_passage
from .context import EditContext, Unit
from .meaning import date_atoms, may_hold_date, may_hold_quantity, parse_number_values
from .moves import word_similarity
from .notes import quoted, shortened, word_count

__all__ = ["group_units", "absorb_tail_furniture", "merge_runs", "pair_moved_numbers"]


def group_units(ctx: EditContext) -> list[Unit]:
    blocks = ctx.al.blocks
    groups: list[list[int]] = []
    k = 0
    while k < len(blocks):
        b = blocks[k]
        if b.tag == "equal":
            k += 1
            continue
        if b.move == "duplicated" and b.tag == "delete":
            k += 1
            continue
        grp = [k]
        k += 1
        while k < len(blocks):
            nb = blocks[k]
            last = blocks[grp[-1]]
            # adjacent in the child, and in the parent too (a deletion on each side of a moved
            # passage's parent text is two edits, not one spanning text the move accounts for)
            contiguous = nb.i1 == last.i2 or nb.i1 == nb.i2 or last.i1 == last.i2
            if nb.tag != "equal" and nb.move == b.move and contiguous:
                grp.append(k)
                k += 1
                continue
            # one punctuation token between two changes: the changes are one edit (",  -> ,")
            if (
                nb.tag == "equal" and nb.j2 - nb.j1 == 1 and k + 1 < len(blocks)
                and blocks[k + 1].tag != "equal" and blocks[k + 1].move == b.move
                and ctx.C.tokens[nb.j1].kind in ("punct", "quote")
                and (ctx.C.tokens[blocks[k + 1].j1 - 1].kind in ("punct", "quote"))
                and _only_punct(ctx, blocks[grp[-1]]) and _only_punct(ctx, blocks[k + 1])
            ):
                grp.extend([k, k + 1])
                k += 2
                continue
            break
        groups.append(grp)
    units: list[Unit] = []
    for grp in groups:
        bl = [blocks[g] for g in grp]
        pis = [(x.i1, x.i2) for x in bl if x.i1 < x.i2 and x.tag != "insert"]
        pi1 = min((a for a, _ in pis), default=bl[0].i1)
        pi2 = max((b for _, b in pis), default=pi1)
        cj1, cj2 = bl[0].j1, bl[-1].j2
        for unit in _split_paragraphs(ctx, Unit(pi1, pi2, cj1, cj2, tuple(grp), bl[0].move)):
            for part in _split_tail_replacement(ctx, unit):
                units.extend(_split_dateline(ctx, part))
    return units


def _split_tail_replacement(ctx: EditContext, u: Unit) -> list[Unit]:
    """The parent's last paragraph replaced by a different paragraph of the child's own, after the
    last shared text on both sides ("... 13,000 troops." -> "(Compiled from wire reports)"), is the
    tail cut and a paragraph added: judged as one change, the cut paragraph's figures and names
    read as changed into the credit line. Split when the two are different paragraphs (word
    similarity at most ``edits.tail_replaced_max_similarity``) and the child's is longer than a line
    (``edits.short_line_words``) or a line stating no figure or day; a last paragraph reworded, or
    rewritten into a short line around another figure, stays one change, judged word by word.
    Several paragraphs on a side are already split (:func:`_split_paragraphs`)."""
    if not (ctx.last_i and u.pi1 < u.pi2 and u.cj1 < u.cj2 and u.pi1 >= ctx.last_i and u.cj1 >= ctx.last_j):
        return [u]
    if not (ctx.pstart[u.pi1] and ctx.cstart[u.cj1] and _ends_paragraph(ctx.P.tokens, ctx.pstart, u.pi2)
            and _ends_paragraph(ctx.C.tokens, ctx.cstart, u.cj2)):
        return [u]
    pw = [t.norm for t in ctx.P.tokens[u.pi1:u.pi2] if t.kind in WORD_KINDS]
    cw = [t for t in ctx.C.tokens[u.cj1:u.cj2] if t.kind in WORD_KINDS]
    # the reprint's own line is a credit or a sign-off: short, and stating no figure or day (a last
    # paragraph rewritten around another figure, "Poland rejected the $70 cap", stays one change,
    # judged as a changed figure)
    if not pw or not cw:
        return [u]
    ctext = ctx.C.text[ctx.C.tokens[u.cj1].start:ctx.C.tokens[u.cj2 - 1].end]
    if len(cw) > ctx.cfg.short_line_words:
        if is_furniture(ctx, "child", u.cj1, u.cj2, ctext, runs=False):
            ptext = ctx.P.text[ctx.P.tokens[u.pi1].start:ctx.P.tokens[u.pi2 - 1].end]
            if not any(c.isalpha() for c in ptext) or is_furniture(ctx, "parent", u.pi1, u.pi2, ptext, runs=False):
                return [u]  # an outlet's footer in the place of the wire's end rule ("___"): furniture replaced
        else:
            # a paragraph of the reprint's own shares at most one content word (five letters or
            # more: "said" and "while" are every story's; "officials", "however" are many) with the
            # one it replaced; a last paragraph rewritten keeps its subject ("million euros")
            function = ctx.lex.function_words
            content = lambda words: {w for w in words if len(w) >= 5 and w not in function  # noqa: E731
                                     and not any(c.isdigit() for c in w)}
            if len(content(pw) & content(t.norm for t in cw)) >= 2:
                return [u]
    else:
        figures = (any(t.kind == "number" for t in cw) or (may_hold_quantity(ctext) and parse_number_values(ctext))
                   or (may_hold_date(ctext) and date_atoms(ctext)))
        # a copyright line's year is no figure of the story ("Copyright 2022 The Associated Press")
        if figures and not is_furniture(ctx, "child", u.cj1, u.cj2, ctext, runs=False):
            return [u]
    # A paragraph of the reprint's own, longer than a line ("Local reaction in our region was muted
    # ..."), in the cut paragraph's place: split whatever it states, since an added paragraph is
    # judged for figures and quotations the source lacks, and read as one change the cut
    # paragraph's figures and names were "changed" into its words (a review of stop 31: 5 of 7
    # such tails failed as numbers or names changed, none invented).
    if word_similarity(pw, [t.norm for t in cw])[0] > ctx.cfg.tail_replaced_max_similarity:
        return [u]
    return [Unit(u.pi1, u.pi2, u.cj1, u.cj1, u.blocks, u.move), Unit(u.pi2, u.pi2, u.cj1, u.cj2, u.blocks, u.move)]


def _split_dateline(ctx: EditContext, u: Unit) -> list[Unit]:
    """A change that opens with the parent's agency dateline and runs on into the lead ("WASHINGTON
    (Reuters) - Scientists on Monday unveiled the" -> "") is the dateline removed, then the lead's
    words changed: judged whole, the dateline was lost in a speaker or a rewrite. Not split when the
    child opens the same change with a dateline of its own (a dateline rewritten), nor when the
    change is the whole first paragraph deleted (that is the paragraph deleted, dateline and all)."""
    if not (u.pi1 < u.pi2 and ctx.pstart[u.pi1]):
        return [u]
    if u.cj1 == u.cj2 and ctx.para_end(ctx.pstart, u.pi2, len(ctx.pstart)):
        return [u]
    tokens = ctx.P.tokens
    start = tokens[u.pi1].start
    text = ctx.P.text[start:tokens[u.pi2 - 1].end]
    m = match_dateline(text, plain=in_opening(ctx.pstart, u.pi1))
    if not m:
        return [u]
    ctext = ctx.C.text[ctx.C.tokens[u.cj1].start:ctx.C.tokens[u.cj2 - 1].end] if u.cj1 < u.cj2 else ""
    if ctext and match_dateline(ctext, plain=in_opening(ctx.cstart, u.cj1)):
        return [u]
    if not text[m.end():].strip():
        # the dateline alone, replaced by paragraphs of the reprint's own (a headline put where the
        # dateline stood, the most common reprint opening): the dateline removed, then the
        # paragraphs added, each judged (the headline was only named in the dateline's note, and
        # no edit said a headline was added)
        if ctext and ctx.cstart[u.cj1] and (u.cj2 == len(ctx.cstart) or ctx.cstart[u.cj2]):
            return [Unit(u.pi1, u.pi2, u.cj1, u.cj1, u.blocks, u.move), Unit(u.pi2, u.pi2, u.cj1, u.cj2, u.blocks, u.move)]
        return [u]
    k = bisect_left(tokens, start + m.end(), lo=u.pi1, hi=u.pi2, key=lambda t: t.start)
    if not u.pi1 < k < u.pi2:
        return [u]
    return [Unit(u.pi1, k, u.cj1, u.cj1, u.blocks, u.move), Unit(k, u.pi2, u.cj1, u.cj2, u.blocks, u.move)]


def _ends_paragraph(tokens, starts, k: int) -> bool:
    """Whether only punctuation stands between token ``k`` and the end of its paragraph (the final
    stop of two different last lines aligns as shared)."""
    while k < len(tokens) and not starts[k]:
        if tokens[k].kind not in ("punct", "quote"):
            return False
        k += 1
    return True


def _only_punct(ctx: EditContext, b) -> bool:
    toks = ctx.P.tokens[b.i1 : b.i2] + ctx.C.tokens[b.j1 : b.j2]
    return all(t.kind in ("punct", "quote") for t in toks)


def _split_paragraphs(ctx: EditContext, u: Unit) -> list[Unit]:
    """A change crossing a paragraph break is judged paragraph by paragraph on each side."""
    p_breaks = [k for k in range(u.pi1 + 1, u.pi2) if ctx.pstart[k]]
    c_breaks = [k for k in range(u.cj1 + 1, u.cj2) if ctx.cstart[k]]
    if not p_breaks and not c_breaks:
        return [u]
    out = []
    if u.pi1 < u.pi2:
        edges = [u.pi1, *p_breaks, u.pi2]
        out += [Unit(a, b, u.cj1, u.cj1, u.blocks, u.move) for a, b in zip(edges, edges[1:])]
    if u.cj1 < u.cj2:
        edges = [u.cj1, *c_breaks, u.cj2]
        out += [Unit(u.pi1, u.pi1, a, b, u.blocks, u.move) for a, b in zip(edges, edges[1:])]
    return out


def absorb_tail_furniture(ctx: EditContext, edits: list[Edit]) -> list[Edit]:
    """Paragraphs after the article, from its first furniture paragraph on, are the page footer.

    A donation appeal or a list of related headlines is prose the patterns cannot all name, but it
    sits after the last shared text, after other furniture: that is the shape of a page footer.
    The same holds for a parent's footer that its copy dropped. Text between the article and the
    footer's first furniture paragraph keeps its kind (an invented paragraph stays reported).
    """
    out = list(edits)
    for side in ("child", "parent"):
        if side == "child":
            start = ctx.C.char_span(ctx.last_j, ctx.last_j)[0]
            tail = sorted((k for k, e in enumerate(out) if e.child_span[0] >= start and not e.parent_text),
                          key=lambda k: out[k].child_span[0])
            absorb, note, direction = ("inserted", "headline", "quote"), "page furniture after the article: ", "added"
        else:
            start = ctx.P.char_span(ctx.last_i, ctx.last_i)[0]
            tail = sorted((k for k, e in enumerate(out) if e.parent_span[0] >= start and not e.child_text),
                          key=lambda k: out[k].parent_span[0])
            absorb, note, direction = ("truncated", "deleted"), "page furniture dropped: ", "removed"
        first = next((n for n, k in enumerate(tail) if out[k].kind == "boilerplate"), None)
        if first is None:
            continue
        # a footer is shorter than the article it follows: a long article cut after a list ("age
        # structure:" lines, then 700 words of prose) is a cut tail, not a footer (check reported 0%
        # cut of a Wikipedia article that kept a quarter of its words)
        footer = sum(len((out[k].child_text or out[k].parent_text).split()) for k in tail[first:]
                     if out[k].kind in absorb or k == tail[first])
        if footer > _article_words(ctx, side):
            continue
        for k in tail[first + 1:]:
            e = out[k]
            if e.kind in absorb and not (e.kind == "quote" and side == "child" and spoken_passage(e.child_text, ctx.cfg.headline_max_words)):
                text = e.child_text or e.parent_text
                out[k] = Edit("boilerplate", "editorial", e.parent_span, e.child_span, e.parent_text, e.child_text,
                              note + quoted(shortened(text, ctx.cfg.note_chars)), e.blocks, direction, "footer")
    return out


def _article_words(ctx: EditContext, side: str) -> int:
    """Words of ``side`` in text aligned with the other side (the article both texts hold)."""
    doc = ctx.C if side == "child" else ctx.P
    words = 0
    for b in ctx.al.blocks:
        if b.tag == "equal":
            lo, hi = (b.j1, b.j2) if side == "child" else (b.i1, b.i2)
            words += sum(1 for t in doc.tokens[lo:hi] if t.kind in WORD_KINDS)
    return words


def merge_runs(ctx: EditContext, edits: list[Edit]) -> list[Edit]:
    """Consecutive paragraphs of one structural kind read as one edit (a footer, a cut tail).

    Linear: runs are found first and each merged edit is built once (a tail of thousands of
    paragraphs would otherwise rebuild its text and word count at every paragraph).
    """
    mergeable = {"boilerplate", "truncated", "headline"}
    ordered = sorted(edits, key=lambda e: (e.child_span[0], e.parent_span[0]))
    runs: list[list[Edit]] = []
    for e in ordered:
        if runs and e.kind in mergeable and runs[-1][-1].kind == e.kind:
            last = runs[-1][-1]
            side_c = last.child_span[1] <= e.child_span[0] and not ctx.C.text[last.child_span[1] : e.child_span[0]].strip()
            side_p = last.parent_span[1] <= e.parent_span[0] and not ctx.P.text[last.parent_span[1] : e.parent_span[0]].strip()
            if side_c and side_p:
                runs[-1].append(e)
                continue
        runs.append([e])
    # a document has one tail: a cut inside the last kept paragraph (its remainder, a stub of a word
    # left at the child's end) and the paragraphs after it are one cut, whatever order the spans sort in
    tails = [k for k, run in enumerate(runs) if run[0].kind == "truncated"]
    if len(tails) > 1:
        runs[tails[0]] = sorted((x for k in tails for x in runs[k]), key=lambda x: x.parent_span)
        runs = [run for k, run in enumerate(runs) if k not in tails[1:]]
    out: list[Edit] = []
    for run in runs:
        first, e = run[0], run[-1]
        if len(run) == 1:
            out.append(first)
            continue
        # a run's pieces follow each other on both sides, except a tail's: its child pieces (a stub
        # of a word, empty spans) may sort anywhere, and its child span is that of the ones with text
        spans = ([x.child_span for x in run if x.child_span[0] < x.child_span[1]] or [first.child_span]
                 if first.kind == "truncated" else [first.child_span, e.child_span])
        ps = (min(x.parent_span[0] for x in run), max(x.parent_span[1] for x in run))
        cs = (min(a for a, _ in spans), max(b for _, b in spans))
        ptext = ctx.P.text[ps[0] : ps[1]]
        out.append(Edit(e.kind, e.severity, ps, cs, ptext, ctx.C.text[cs[0] : cs[1]],
                        first.note if e.kind != "truncated" else f"tail of the parent cut ({word_count(ptext)} words)",
                        tuple(b for x in run for b in x.blocks), first.direction, first.change))
    return out


def pair_moved_numbers(edits: list[Edit]) -> list[Edit]:
    """A number dropped in one place and the same value added in another is a move, not a change
    (the aligner can leave a list item's "5." behind when its paragraph moves)."""
    out = list(edits)
    dropped: dict[tuple[str, ...], list[int]] = {}
    for k, e in enumerate(out):
        if e.kind == "number" and e.removed and not e.added and not e.child_text:
            dropped.setdefault(e.removed, []).append(k)
    if not dropped:
        return out
    for k, e in enumerate(out):
        if e.kind == "number" and e.added and not e.removed and not e.parent_text and dropped.get(e.added):
            m = dropped[e.added].pop(0)
            for n in (k, m):
                x = out[n]
                out[n] = Edit("moved", "editorial", x.parent_span, x.child_span, x.parent_text, x.child_text,
                              f"number moved: {quoted(x.parent_text or x.child_text)}", x.blocks,
                              "removed" if n == m else "added", "number")
    return out

"""Terminal renderings of a trace: side-by-side, unified word diff, tree, summaries, variant table.

Pure functions from the data model to ``str``. Article text is untrusted: every piece of it passes
through :func:`safe` so that control characters and escape sequences cannot reach the terminal.
"""

from __future__ import annotations

import re
import unicodedata
from bisect import bisect_right
from collections import Counter
from dataclasses import dataclass

from tabulate import tabulate

from ..model import EDIT_KINDS, SEVERITIES, Alignment, Edge, Trace
from ..text.segment import paragraph_starts

__all__ = ["safe", "display_width", "wrap_plain", "kind_counts", "render_side_by_side", "render_unified", "render_summary", "render_trace_text", "render_variant_table"]

_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u200e\u200f\u202a-\u202e\u2066-\u2069]")
_SEV_COLOR = {"style": "36", "editorial": "33", "substantive": "1;31"}
_MOVE_COLOR = "35"


def safe(text: str) -> str:
    """``text`` with control characters (ESC, C1, bidi overrides) shown as ``�``; tabs become spaces."""
    return _CONTROL.sub("\ufffd", text.replace("\t", " "))


def _char_width(ch: str) -> int:
    """Terminal columns of one character: 2 for East Asian wide/fullwidth, 0 for combining marks and
    format characters (zero-width joiners), else 1. The same rule as ``wcwidth`` for the scripts we see."""
    if ord(ch) < 0x300:
        return 1
    if unicodedata.combining(ch) or (unicodedata.category(ch) in ("Mn", "Me", "Cf") and ch != "\u00ad"):
        return 0
    return 2 if unicodedata.east_asian_width(ch) in ("W", "F") else 1


def display_width(text: str) -> int:
    """Columns ``text`` takes in a terminal (ANSI colour codes take none)."""
    return sum(_char_width(ch) for ch in _ANSI.sub("", text))


def _chunks(word: str, width: int) -> list[str]:
    """``word`` cut into pieces of at most ``width`` display columns (at least one character each)."""
    out, cur, used = [], "", 0
    for ch in word:
        w = _char_width(ch)
        if cur and used + w > width:
            out.append(cur)
            cur, used = "", 0
        cur += ch
        used += w
    return out + [cur] if cur else out


def wrap_plain(text: str, width: int, indent: str = "", first: str = "") -> list[str]:
    """``text`` (made safe) in lines of at most ``width`` display columns.

    Lines break at spaces; a word wider than the line (a CJK sentence has no spaces) is cut by display
    width. Spaces between words are kept as written (line breaks and tabs read as one space). The first
    line starts with ``first``, the others with ``indent``; both count in ``width``. Nothing is dropped.
    """
    lines, line, used = [], first, display_width(first)
    start = used
    for m in _WORD.finditer(safe(text)):
        gap, word = m.group(1), m.group(2)
        gap = " " if ("\n" in gap or "\r" in gap or not gap) else gap
        w = display_width(word)
        if used > start and used + len(gap) + w <= width:
            line, used = line + gap + word, used + len(gap) + w
            continue
        if used > start:
            lines.append(line)
            line = indent
            used = start = display_width(indent)
        room = max(1, width - used)
        if w <= room:
            line, used = line + word, used + w
            continue
        head = _chunks(word, room)[0]
        line += head
        for piece in _chunks(word[len(head):], max(1, width - display_width(indent))):
            lines.append(line)
            line = indent + piece
        used = display_width(line)
    lines.append(line)
    return lines


_WORD = re.compile(r"(\s*)(\S+)")


def kind_counts(edits, limit: int | None = None) -> list[str]:
    """``"N kind"`` per edit kind, most frequent first; past ``limit`` kinds one last ``"and M more"``
    with ``M`` the number of edits not counted before it, so the parts always add up to ``len(edits)``."""
    common = Counter(e.kind for e in edits).most_common()
    if limit is None or len(common) <= limit:
        return [f"{n} {k}" for k, n in common]
    shown = common[:limit]
    rest = sum(n for _, n in common[limit:])
    return [f"{n} {k}" for k, n in shown] + [f"and {rest} more"]


@dataclass
class _Row:
    left: list  # [(text, style)] where style is None, "del", "ins", "moved"
    right: list
    notes: list
    changed: bool = False


_SEV_RANK = {"style": 0, "editorial": 1, "substantive": 2}


def _block_severity(edits) -> dict[int, str]:
    """The highest severity among the edits covering each block (moves aside)."""
    out: dict[int, str] = {}
    for e in edits:
        if e.kind in ("moved", "duplicated", "whitespace"):
            continue
        for b in e.blocks:
            if b not in out or _SEV_RANK[e.severity] > _SEV_RANK[out[b]]:
                out[b] = e.severity
    return out


def _rows(al: Alignment, edits) -> list[_Row]:
    """Rows of the side-by-side view: one per child paragraph, deleted parent paragraphs on their own.

    Segments are ``(text, style, glued, start)`` with ``start`` a character offset in their side's
    text; each edit is listed under the row holding the start of its span.
    """
    P, C = al.parent, al.child
    pstart, cstart = paragraph_starts(P), paragraph_starts(C)
    severity = _block_severity(edits)
    rows: list[_Row] = []
    cur = _Row([], [], [])

    def flush():
        nonlocal cur
        if cur.left or cur.right:
            rows.append(cur)
        cur = _Row([], [], [])

    def seg(doc, a, b, style):
        return (doc.text[doc.tokens[a].start : doc.tokens[b - 1].end], style, _glued(doc, a), doc.tokens[a].start)

    prev_move = None
    for n, b in enumerate(al.blocks):
        if b.move != prev_move:
            flush()  # a moved or duplicated passage gets rows of its own
        prev_move = b.move
        if b.tag == "equal":
            k0 = 0  # split equal runs at child paragraph breaks, parent in lockstep
            for k in range(1, b.j2 - b.j1 + 1):
                if k == b.j2 - b.j1 or cstart[b.j1 + k]:
                    if cstart[b.j1 + k0]:
                        flush()
                    style = "moved" if b.move else None
                    cur.left.append(seg(P, b.i1 + k0, b.i1 + k, style))
                    cur.right.append(seg(C, b.j1 + k0, b.j1 + k, style))
                    k0 = k
            continue
        sev = severity.get(n, "editorial")
        if b.i1 < b.i2:
            for m, (i1, i2) in enumerate(_split_at(pstart, b.i1, b.i2)):
                own_row = b.tag == "delete" and pstart[i1] and (b.j1 >= len(cstart) or cstart[b.j1])
                if m > 0 or own_row:
                    flush()
                cur.left.append(seg(P, i1, i2, ("del", sev)))
                cur.changed = True
        for m, (j1, j2) in enumerate(_split_at(cstart, b.j1, b.j2)):
            if cstart[j1] and (m > 0 or b.tag == "insert"):
                flush()
            cur.right.append(seg(C, j1, j2, ("ins", sev)))
            cur.changed = True
    flush()
    _attach_notes(rows, edits)
    return rows


def _attach_notes(rows: list[_Row], edits) -> None:
    right, left = {}, {}
    for r, row in enumerate(rows):
        for text, _, _, start in row.right:
            right[start] = r
        for text, _, _, start in row.left:
            left[start] = r
    rstarts, lstarts = sorted(right), sorted(left)
    for e in edits:
        if e.child_text:
            starts, table, at = rstarts, right, e.child_span[0]
        else:
            starts, table, at = lstarts, left, e.parent_span[0]
        k = bisect_right(starts, at) - 1
        if k >= 0:
            row = rows[table[starts[k]]]
            row.notes.append(e)
            row.changed = True


def _glued(doc, k: int) -> bool:
    """Token ``k`` follows the previous token with no space between (",", a closing quote)."""
    return k > 0 and doc.tokens[k - 1].end == doc.tokens[k].start


def _split_at(starts, lo, hi):
    """Sub-ranges of ``[lo, hi)`` cut at paragraph starts; none when the range is empty.

    An empty range is the child side of a deletion (or the parent side of an insertion); it must
    add no segment, and at the end of a document ``lo`` is past the last paragraph start.
    """
    if lo >= hi:
        return []
    cuts = [lo] + [k for k in range(lo + 1, hi) if starts[k]] + [hi]
    return list(zip(cuts, cuts[1:]))


def _style(text: str, style, color: bool, opens: bool = True, closes: bool = True) -> str:
    text = safe(text)
    if style is None:
        return text
    if style == "moved":
        return f"\x1b[{_MOVE_COLOR}m{text}\x1b[0m" if color else text
    side, sev = style
    if color:
        code = _SEV_COLOR.get(sev, "33")
        return f"\x1b[{code}{';9' if side == 'del' else ''}m{text}\x1b[0m"
    if side == "del":
        return ("[-" if opens else "") + text + ("-]" if closes else "")
    return ("{+" if opens else "") + text + ("+}" if closes else "")


def _words_of(segments, context: int | None):
    """Flatten segments into (word, style, glued-to-previous, opens-segment, closes-segment)."""
    words = []
    for n, (text, style, glued, _start) in enumerate(segments):
        parts = text.split()
        if context is not None and style is None and len(parts) > 2 * context + 3:
            head = parts[:context] if (n > 0 or len(segments) == 1) else []
            tail = parts[-context:] if n < len(segments) - 1 else []
            skipped = len(parts) - len(head) - len(tail)
            parts = head + [f"…({skipped} words)…"] + tail
        for k, w in enumerate(parts):
            words.append((w, style, glued and k == 0, k == 0, k == len(parts) - 1))
    return words


def _wrap(segments, width: int, color: bool, context: int | None) -> list[str]:
    """Wrap styled segments into lines of at most ``width`` display columns.

    Glued words (a word and the comma after it) stay on one line unless together they are wider than
    the line; such a group, like a CJK paragraph with no spaces, is cut by display width.
    """
    groups: list[list[tuple]] = []  # glued words: [(word, style, opens, closes)]
    for w, style, glued, opens, closes in _words_of(segments, context):
        if glued and groups:
            groups[-1].append((w, style, opens, closes))
        else:
            groups.append([(w, style, opens, closes)])
    lines, line, used = [], [], 0
    for group in groups:
        rendered = "".join(_style(w, st, color, o, c) for w, st, o, c in group)
        vis = display_width(rendered)
        if vis > width:  # wider than the column: lines of its own, cut by display width
            if line:
                lines.append(" ".join(line))
                line, used = [], 0
            lines.extend(_break_group(group, width, color))
            continue
        if line and used + 1 + vis > width:
            lines.append(" ".join(line))
            line, used = [], 0
        used += vis + (1 if line else 0)
        line.append(rendered)
    if line:
        lines.append(" ".join(line))
    return lines


def _break_group(group, width: int, color: bool) -> list[str]:
    """A group of glued words cut into lines of at most ``width`` display columns, each piece styled
    (``[-``/``{+`` markers open on the line a change starts and close on the line it ends)."""
    cells = []  # (char, piece index, first char of piece, last char of piece)
    for p, (w, _style_, _o, _c) in enumerate(group):
        w = safe(w)
        cells.extend((ch, p, i == 0, i == len(w) - 1) for i, ch in enumerate(w))
    lines, cur, used = [], [], 0
    for cell in cells:
        ch, p, first, last = cell
        word, style, opens, closes = group[p]
        marks = 0 if color or style in (None, "moved") else 2 * ((first and opens) + (last and closes))
        cost = _char_width(ch) + marks
        if cur and used + cost > width:
            lines.append(cur)
            cur, used = [], 0
        cur.append(cell)
        used += cost
    if cur:
        lines.append(cur)
    out = []
    for line_cells in lines:
        text, k = "", 0
        while k < len(line_cells):
            m = k
            while m < len(line_cells) and line_cells[m][1] == line_cells[k][1]:
                m += 1
            word, style, opens, closes = group[line_cells[k][1]]
            run = "".join(c[0] for c in line_cells[k:m])
            text += _style(run, style, color, opens and line_cells[k][2], closes and line_cells[m - 1][3])
            k = m
        out.append(text)
    return out


_ANSI = re.compile(r"\x1b\[[0-9;]*m")


def _pad(s: str, width: int) -> str:
    return s + " " * max(0, width - display_width(s))


def render_side_by_side(edge: Edge, width: int = 100, color: bool = False, context_rows: int = 1,
                        kinds: frozenset[str] | None = None) -> str:
    """Two columns, parent left and child right, unchanged paragraphs collapsed with context.

    ``kinds`` limits the edit notes listed under each row to those kinds (all when ``None``).
    """
    al = edge.alignment
    col = max(10, (width - 3) // 2)
    right = col  # 2 * col + 3 <= width
    rows = _rows(al, edge.edits)
    out = [_header(edge, width)]
    keep = _rows_to_keep(rows, context_rows)
    k = 0
    bar = "─" * col + "─┼─" + "─" * right
    out.append(bar)
    while k < len(rows):
        run = _insert_run(rows, k)
        if run > 3:  # a long run of added paragraphs (a footer, a link list): show two, count the rest
            for row in rows[k : k + 2]:
                out.extend(_row_lines(row, col, right, color, kinds))
                out.append(bar)
            out.append(_marker(f"⋯ {run - 2} more added paragraphs ⋯", col + 4, width))
            out.append(bar)
            k += run
            continue
        if not keep[k]:
            m = k
            while m < len(rows) and not keep[m]:
                m += 1
            out.append(_marker(f"⋯ {m - k} unchanged paragraph{'s' if m - k != 1 else ''} ⋯", col + 2, width))
            k = m
            continue
        out.extend(_row_lines(rows[k], col, right, color, kinds))
        out.append(bar)
        k += 1
    return "\n".join(out) + "\n"


def _marker(text: str, indent: int, width: int) -> str:
    """A one-line marker (``⋯ 3 unchanged paragraphs ⋯``) indented by ``indent``, less when it would pass ``width``."""
    return " " * max(0, min(indent, width - display_width(text))) + text


def _rows_to_keep(rows: list[_Row], context: int) -> list[bool]:
    """Changed rows and ``context`` rows on either side of each; the rest collapse, as in ``diff -C``."""
    keep = [False] * len(rows)
    for k, row in enumerate(rows):
        if row.changed:
            for m in range(max(0, k - context), min(len(rows), k + context + 1)):
                keep[m] = True
    return keep


def _insert_run(rows: list[_Row], k: int) -> int:
    """Length of the run of rows from ``k`` that only add child paragraphs, with no new note after the first."""
    n = k
    while n < len(rows) and not rows[n].left and rows[n].right and (n == k or not rows[n].notes):
        n += 1
    return n - k


def _row_lines(row: _Row, col: int, right_width: int, color: bool, kinds) -> list[str]:
    """The row's two columns, then its edit notes wrapped in the right column (never cut)."""
    ctx = 8 if row.changed else 12
    left = _wrap(row.left, col, color, ctx)
    right = _wrap(row.right, right_width, color, ctx)
    out = []
    for n in range(max(len(left), len(right))):
        lt = left[n] if n < len(left) else ""
        rt = right[n] if n < len(right) else ""
        out.append(f"{_pad(lt, col)} │ {rt}".rstrip())
    for e in row.notes:
        if kinds is not None and e.kind not in kinds:
            continue
        tag = f"{e.kind} ({e.severity}):"
        margin = " " * col + " │ "
        lines = wrap_plain(f"{tag} {e.note}", col + 3 + right_width, indent=margin + "    ", first=margin + "  ↳ ")
        if color and lines[0].startswith(margin + "  ↳ " + tag):
            lines[0] = lines[0].replace(tag, f"\x1b[{_SEV_COLOR[e.severity]}m{tag}\x1b[0m", 1)
        out.extend(lines)
    return out


def _clip(text: str, n: int) -> str:
    text = " ".join(text.split())
    return text if len(text) <= n else text[: n - 1] + "…"


def _derived(edge: Edge) -> str:
    """The edge's derivation level, with the reuse model's probabilities when it has them."""
    if edge.p_derived is None or edge.p_level is None:
        return edge.derived
    return f"{edge.derived} {edge.p_level:.2f}, P(derived) {edge.p_derived:.2f}"


def _header(edge: Edge, width: int) -> str:
    lines = [
        f"parent: {edge.parent}", f"child:  {edge.child}",
        f"{edge.shared_child:.0%} of {edge.child} is text from {edge.parent}; "
        f"{edge.shared_parent:.0%} of {edge.parent} is kept in it "
        f"(derived {_derived(edge)}, revision {edge.revision})",
    ]
    if edge.alignment.approximate:
        lines.append("warning: " + "; ".join(edge.alignment.warnings))
    return "\n".join(ln for text in lines for ln in wrap_plain(text, width, indent="  "))


def render_unified(edge: Edge, kinds: frozenset[str] | None = None, context: int = 1) -> str:
    """A ``git diff --word-diff`` style view: child paragraphs with ``[-old-]{+new+}`` inline."""
    rows = _rows(edge.alignment, edge.edits)
    out = [f"--- {safe(edge.parent)}", f"+++ {safe(edge.child)}"]
    keep = _rows_to_keep(rows, context)
    k = 0
    while k < len(rows):
        if not keep[k]:
            k += 1
            continue
        start = k
        while k < len(rows) and keep[k]:
            k += 1
        out.append(f"@@ paragraphs {start + 1}-{k} @@")
        for row in rows[start:k]:
            out.append(_inline(row))
            for e in row.notes:
                if kinds is None or e.kind in kinds:
                    out.append(f"  # {e.kind} ({e.severity}): {safe(e.note)}")
    return "\n".join(out) + "\n"


def _inline(row: _Row) -> str:
    """Left and right segment streams merged: equal text once, changes as ``[-..-]{+..+}``.

    A segment glued to the text before it (``,`` or a closing quote) is written with no space before
    it, so ``organizers,`` stays ``{+organizers+},`` and never becomes ``{+organizers+} ,``. Segments
    are never empty (see :func:`_split_at`), so there is no empty ``{++}``.
    """
    parts: list[tuple[str, bool]] = []  # (rendered, glued to the previous part)
    li = ri = 0
    L, R = row.left, row.right
    while li < len(L) or ri < len(R):
        if li < len(L) and L[li][1] not in (None, "moved"):
            parts.append((f"[-{safe(L[li][0])}-]", L[li][2]))
            li += 1
        elif ri < len(R) and R[ri][1] not in (None, "moved"):
            parts.append((f"{{+{safe(R[ri][0])}+}}", R[ri][2]))
            ri += 1
        elif ri < len(R):
            parts.append((safe(R[ri][0]), R[ri][2]))
            ri += 1
            li += 1 if li < len(L) else 0
        else:
            li += 1
    return "".join(text if n == 0 or glued else " " + text for n, (text, glued) in enumerate(parts))


def render_summary(edge: Edge, kinds: frozenset[str] | None = None, width: int | None = None) -> str:
    """A tabulate table of edit counts by kind and severity, then the substantive edits listed.

    With ``width``, the lines around the table wrap to it (nothing is cut).
    """
    limit = width if width is not None else 10**9
    edits = [e for e in edge.edits if kinds is None or e.kind in kinds]
    counts = Counter(e.kind for e in edits)
    rows = [
        (k, EDIT_KINDS[k], counts[k])
        for sev in SEVERITIES
        for k in EDIT_KINDS
        if EDIT_KINDS[k] == sev and counts[k]
    ]
    by_sev = Counter(e.severity for e in edits)
    out = wrap_plain(f"edits {edge.parent} -> {edge.child}: {len(edits)} "
                     f"({', '.join(f'{by_sev[s]} {s}' for s in SEVERITIES)})", limit, indent="  ")
    if rows:
        out.append(tabulate(rows, headers=["kind", "severity", "count"], tablefmt="simple"))
    subs = [e for e in edits if e.severity == "substantive"]
    if subs:
        out.append("substantive edits:")
        for e in subs:
            line = edge.alignment.child.line_of(e.child_span[0])
            out.extend(wrap_plain(f"line {line}: {e.kind}: {e.note}", limit, indent="      ", first="  "))
    return "\n".join(out) + "\n"


def change_summary(edge: Edge) -> str:
    """``"21 edits: 7 punctuation, 3 spelling, ..."``: every kind, so the counts add up to the total."""
    parts = kind_counts(edge.edits)
    return f"{len(edge.edits)} edit{'' if len(edge.edits) == 1 else 's'}" + (f": {', '.join(parts)}" if parts else "")


def render_tree(trace: Trace, story_index: int, width: int | None = None) -> str:
    """The copy tree, one node per line; with ``width``, long lines wrap under their node (nothing is cut)."""
    story = trace.stories[story_index]
    children: dict[str, list[Edge]] = {}
    for e in story.tree:
        children.setdefault(e.parent, []).append(e)
    limit = width if width is not None else 10**9
    head = (f"{story.tree_root}  [source, confidence {story.confidence:.2f}]" if story.source is not None
            else f"{story.tree_root}  [undecided: shares text with the documents below; no source named]")
    out = wrap_plain(head, limit, indent="    ")

    def walk(node: str, prefix: str):
        kids = children.get(node, [])
        for n, e in enumerate(kids):
            last = n == len(kids) - 1
            below = prefix + ("    " if last else "│   ")
            text = f"{e.child}  " + ("(identical text)" if e.identical else
                                     f"({_derived(e)}, {e.revision}; {e.shared_child:.0%} from parent, "
                                     f"keeps {e.shared_parent:.0%}; {change_summary(e)})")
            out.extend(wrap_plain(text, limit, indent=below + ("│   " if children.get(e.child) else "    "),
                                  first=prefix + ("└── " if last else "├── ")))
            walk(e.child, below)

    walk(story.tree_root, "")
    return "\n".join(out)


def render_trace_text(trace: Trace, width: int = 100, color: bool = False, diffs: bool = False,
                      kinds: frozenset[str] | None = None) -> str:
    """The human view: per story the evidence, the copy tree, per edge a summary (and diffs).

    Every line but the tables fits in ``width`` display columns: long lines wrap, nothing is cut.
    """
    out = []
    for n, story in enumerate(trace.stories):
        if diffs:
            for e in story.tree:
                out.append(render_side_by_side(e, width=width, color=color, kinds=kinds))
        out.extend(wrap_plain(f"Story {n + 1}: {len(story.documents)} documents share wire text"
                              + ("; source undecided (no evidence which came first)" if story.undecided else ""),
                              width, "  "))
        out.append(render_tree(trace, n, width))
        out.append("evidence:")
        for x in story.evidence:
            out.extend(wrap_plain(x, width, indent="    ", first="  - "))
        out.append("")
        for e in story.tree:
            out.append(render_summary(e, kinds, width))
    if trace.unrelated:
        out.append("unrelated (no shared wire text):")
        for d in trace.unrelated:
            out.extend(wrap_plain(f"{d}  (best overlap {trace.best_overlap.get(d, 0.0):.0%})", width,
                                  indent="    ", first="  "))
    elif not trace.stories:
        out.append("no documents given")
    return "\n".join(out).rstrip() + "\n"


def render_variant_table(table, width: int = 100) -> str:
    """Variant locations down, documents across; a reading equal to the pivot's is shown as ``·``."""
    if not table.locations:
        return "no variant locations: the documents agree wherever they overlap\n"
    cell = max(10, (width - 8) // max(1, len(table.documents)) - 2)
    rows = []
    for n, loc in enumerate(table.locations, 1):
        readings = dict(loc.readings)
        pivot_norm = " ".join(readings[table.pivot].casefold().split())
        row = [n]
        for d in table.documents:
            r = readings[d]
            same = " ".join(r.casefold().split()) == pivot_norm and d != table.pivot
            row.append("·" if same else (safe(_clip(r, cell)) if r else "∅"))
        rows.append(row)
    return tabulate(rows, headers=["#"] + [safe(d) for d in table.documents], tablefmt="simple") + "\n"

"""Terminal renderings of a trace: side-by-side, unified word diff, tree, summaries, variant table.

Pure functions from the data model to ``str``. Article text is untrusted: every piece of it passes
through :func:`safe` so that control characters and escape sequences cannot reach the terminal.
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter

from ..model import EDIT_KINDS, SEVERITIES, Edge, Trace
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from .rows import Row, Segment
# .rows (the side-by-side row model) is imported by the two diff views that use it: a summary
# (`trace` of three or more texts) never builds rows, and start-up is a target (issue #12)

__all__ = ["safe", "safe_label", "json_text", "display_width", "wrap_plain", "kind_counts", "render_side_by_side", "render_unified", "render_summary", "render_trace_text", "render_variant_table"]

# C0 and C1 controls (ESC among them), and the bidi controls: marks (LRM, RLM, ALM), embeddings,
# overrides and isolates. Joiners (ZWJ, ZWNJ) stay: Urdu, Persian and Indic words and emoji need them.
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]")
_SEV_COLOR = {"style": "36", "editorial": "33", "substantive": "1;31"}
_MOVE_COLOR = "35"


def safe(text: str) -> str:
    """``text`` with control characters (ESC, C1, bidi overrides) shown as ``�``; tabs become spaces."""
    return _CONTROL.sub("\ufffd", text.replace("\t", " "))


_LINE_BREAKS = re.compile("[\n\u2028\u2029]")

# what JSON strings keep as written with ensure_ascii=False but a terminal or a script's reader
# acts on: DEL and the C1 controls (U+009B is a CSI), the bidi controls, and U+2028/U+2029 (line
# ends to JavaScript); json.dumps escapes only the C0 range itself
_JSON_RAW = re.compile(r"[\x7f-\x9f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069\u2028\u2029]")


def json_text(data, indent: int | None = None) -> str:
    """``data`` as JSON (UTF-8 text, not ASCII-escaped) with the characters of :data:`_JSON_RAW`
    written as ``\\uXXXX`` escapes: the same data to a JSON reader, inert on a terminal. They can
    only stand inside strings, so escaping them in the dumped text is exact."""
    import json

    text = json.dumps(data, ensure_ascii=False, indent=indent)
    return _JSON_RAW.sub(lambda m: f"\\u{ord(m.group(0)):04x}", text)


def safe_label(text: str) -> str:
    """:func:`safe`, and line breaks shown as ``�`` too: for a name, an id or an outlet in a place
    that must stay one line (a diff header, a table row). File names and archive ids may hold a
    newline; printed as it is, it splits the ``+++`` header or the row in two."""
    return _LINE_BREAKS.sub("\ufffd", safe(text))


def _char_width(ch: str) -> int:
    """Terminal columns of one character: 2 for East Asian wide/fullwidth, 0 for combining marks and
    format characters (zero-width joiners), else 1. The same rule as ``wcwidth`` for the scripts we see."""
    if ord(ch) < 0x300:
        return 1
    if unicodedata.combining(ch) or (unicodedata.category(ch) in ("Mn", "Me", "Cf") and ch != "\u00ad"):
        return 0
    return 2 if unicodedata.east_asian_width(ch) in ("W", "F") else 1


_ZWJ, _VS16 = "\u200d", "\ufe0f"


def _char_widths(text: str) -> list[int]:
    """The columns of each character of ``text`` in context (:func:`_char_width` alone, but for
    emoji sequences): a character after a zero-width joiner is drawn as part of the emoji before it
    (a family, a flag with a rainbow: 2 columns in all, not 2 per person), and the emoji variation
    selector makes a one-column symbol two columns wide (🗞️, 🏳️). A zero entry never starts a line."""
    out: list[int] = []
    prev = ""
    for ch in text:
        if prev == _ZWJ and ch != _ZWJ:
            w = 0
        elif ch == _VS16:
            w = 1 if out and out[-1] == 1 and unicodedata.category(prev) == "So" else 0
        else:
            w = _char_width(ch)
        out.append(w)
        prev = ch
    return out


def display_width(text: str) -> int:
    """Columns ``text`` takes in a terminal (ANSI colour codes take none)."""
    text = _ANSI.sub("", text)
    if text.isascii():
        return len(text)
    return sum(_char_widths(text))


def _chunks(word: str, width: int) -> list[str]:
    """``word`` cut into pieces of at most ``width`` display columns (at least one character each;
    an emoji sequence or a letter with its marks is never cut)."""
    out, cur, used = [], "", 0
    for ch, w in zip(word, _char_widths(word)):
        if cur and w and used + w > width:
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
        gap = " " if (not gap or any(c in gap for c in "\n\r\u2028\u2029")) else gap
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


def _look(seg: Segment):
    """How a segment is drawn: ``None`` (plain), ``"moved"``, or ``(side, severity)`` for a change."""
    if seg.style == "equal":
        return None
    if seg.style == "moved":
        return "moved"
    return ("del" if seg.style == "deleted" else "ins", seg.severity)


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
    for n, seg in enumerate(segments):
        text, style, glued = seg.text, _look(seg), seg.glued
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
    widths = _char_widths("".join(c[0] for c in cells))
    lines, cur, used = [], [], 0
    for cell, char_w in zip(cells, widths):
        ch, p, first, last = cell
        word, style, opens, closes = group[p]
        marks = 0 if color or style in (None, "moved") else 2 * ((first and opens) + (last and closes))
        cost = char_w + marks
        if cur and (char_w or marks) and used + cost > width:
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
    from .rows import Fold, edge_rows, layout

    rows = edge_rows(al, edge.edits)
    bar = "─" * col + "─┼─" + "─" * right
    out = [_header(edge, width), bar]
    for part in layout(rows, context_rows):
        if isinstance(part, Fold) and part.reason == "added":
            out.append(_marker(f"⋯ {len(part)} more added paragraphs ⋯", col + 4, width))
            out.append(bar)
        elif isinstance(part, Fold):
            n = len(part)
            out.append(_marker(f"⋯ {n} unchanged paragraph{'s' if n != 1 else ''} ⋯", col + 2, width))
        else:
            out.extend(_row_lines(rows[part], col, right, color, kinds))
            out.append(bar)
    return "\n".join(out) + "\n"


def _marker(text: str, indent: int, width: int) -> str:
    """A one-line marker (``⋯ 3 unchanged paragraphs ⋯``) indented by ``indent``, less when it would pass ``width``."""
    return " " * max(0, min(indent, width - display_width(text))) + text


def _row_lines(row: Row, col: int, right_width: int, color: bool, kinds) -> list[str]:
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


def _kind_table(rows: list[tuple[str, str, int]]) -> str:
    """``(kind, severity, count)`` rows as a table, byte for byte as ``tabulate(rows, headers=["kind",
    "severity", "count"], tablefmt="simple")`` writes them (names left-aligned, counts right-aligned,
    each column two wider than its header at least, two spaces between columns).

    Written out because importing tabulate costs more start-up time than the rest of the renderer,
    and this is the one table on the ``trace`` path; the names are the fixed ASCII edit kinds.
    """
    headers = ("kind", "severity", "count")
    cells = [(k, s, str(n)) for k, s, n in rows]
    widths = [max([len(h) + 2] + [len(c[m]) for c in cells]) for m, h in enumerate(headers)]

    def line(values) -> str:
        return "  ".join((v.ljust if m < 2 else v.rjust)(widths[m]) for m, v in enumerate(values)).rstrip()

    return "\n".join([line(headers), "  ".join("-" * w for w in widths)] + [line(c) for c in cells])


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
    from .rows import edge_rows, hunks

    rows = edge_rows(edge.alignment, edge.edits)
    out = [f"--- {safe_label(edge.parent)}", f"+++ {safe_label(edge.child)}"]
    for hunk in hunks(rows, context):
        out.append(f"@@ paragraphs {hunk.start + 1}-{hunk.stop} @@")
        for row in rows[hunk.start : hunk.stop]:
            out.append(_inline(row))
            for e in row.notes:
                if kinds is None or e.kind in kinds:
                    out.append(f"  # {e.kind} ({e.severity}): {safe(e.note)}")
    return "\n".join(out) + "\n"


def _inline(row: Row) -> str:
    """Left and right segment streams merged: equal text once, changes as ``[-..-]{+..+}``.

    A segment glued to the text before it (``,`` or a closing quote) is written with no space before
    it, so ``organizers,`` stays ``{+organizers+},`` and never becomes ``{+organizers+} ,``. Segments
    are never empty (see :mod:`provenance.render.rows`), so there is no empty ``{++}``.
    """
    parts: list[tuple[str, bool]] = []  # (rendered, glued to the previous part)
    li = ri = 0
    L, R = row.left, row.right
    while li < len(L) or ri < len(R):
        if li < len(L) and L[li].changed:
            parts.append((f"[-{safe(L[li].text)}-]", L[li].glued))
            li += 1
        elif ri < len(R) and R[ri].changed:
            parts.append((f"{{+{safe(R[ri].text)}+}}", R[ri].glued))
            ri += 1
        elif ri < len(R):
            parts.append((safe(R[ri].text), R[ri].glued))
            ri += 1
            li += 1 if li < len(L) else 0
        else:
            li += 1
    return "".join(text if n == 0 or glued else " " + text for n, (text, glued) in enumerate(parts))


def render_summary(edge: Edge, kinds: frozenset[str] | None = None, width: int | None = None) -> str:
    """A table of edit counts by kind and severity, then the substantive edits listed.

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
        out.append(_kind_table(rows))
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
    head = (f"{story.tree_root}  [{'oldest version' if story.regime == 'revision' else 'source'}, "
            f"confidence {story.confidence:.2f}]" if story.source is not None
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


def version_lines(story, width: int) -> list[str]:
    """A revision story's order (``v1 → v2 → v3``) and per step what the later version added, cut
    and changed, with the words on each side (a passage rewritten around a figure can replace a
    sentence: its words show there); nothing for syndication."""
    if story.regime != "revision":
        return []
    out = wrap_plain("versions, oldest first: " + (" → ".join(story.versions) if story.versions
                                                     else "order undecided"), width, indent="    ")
    if not story.versions:
        return out
    for e in story.tree:
        if e.identical:
            continue
        # read from the texts, not the kinds: a paragraph of quotations added is a `quote` edit,
        # and it is added text all the same
        added = [x for x in e.edits if x.child_text and not x.parent_text]
        cut = [x for x in e.edits if x.parent_text and not x.child_text]
        changed = [x for x in e.edits if x not in added and x not in cut]
        words = lambda es, side: sum(len(getattr(x, side).split()) for x in es)  # noqa: E731
        out.extend(wrap_plain(
            f"{e.parent} → {e.child}: added {len(added)} passage{'' if len(added) == 1 else 's'} "
            f"({words(added, 'child_text')} words), cut {len(cut)} ({words(cut, 'parent_text')} words), "
            f"changed {len(changed)}" + (f" ({words(changed, 'parent_text')} -> {words(changed, 'child_text')} words)"
                                         if changed else ""), width, indent="      ", first="  "))
    return out


def render_trace_text(trace: Trace, width: int = 100, color: bool = False, diffs: bool = False,
                      kinds: frozenset[str] | None = None, complete: Trace | None = None) -> str:
    """The human view: per story the evidence, the copy tree, per edge a summary (and diffs).

    Every line but the tables fits in ``width`` display columns: long lines wrap, nothing is cut.
    ``complete``: the trace before its edits were filtered by kind (``trace --kinds``), whose
    version steps are summarised from all their edits (what a version added and cut is not a kind).
    """
    out = []
    whole = complete.stories if complete is not None else trace.stories
    for n, story in enumerate(trace.stories):
        if diffs:
            for e in story.tree:
                out.append(render_side_by_side(e, width=width, color=color, kinds=kinds))
        out.extend(wrap_plain(f"Story {n + 1}: {len(story.documents)} documents "
                              + ("are versions of one text" if story.regime == "revision" else "share wire text")
                              + ("; source undecided (no evidence which came first)" if story.undecided else ""),
                              width, "  "))
        out.append(render_tree(trace, n, width))
        out.extend(version_lines(whole[n], width))
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
    from tabulate import tabulate  # here, not at import: it costs start-up time every other view saves

    left_out = sum(n for _, n in table.passages_left_out)
    note = "".join(line + "\n" for line in wrap_plain(
        f"{left_out} longer passage{'s' if left_out != 1 else ''} (a cut tail, a paragraph added or dropped: "
        f"longer than a reading) not shown as variants; the side-by-side view shows them", width)) if left_out else ""
    if not table.locations:
        return "".join(line + "\n" for line in wrap_plain(
            "no variant locations: the documents agree wherever they overlap", width)) + note
    cell = max(10, (width - 8) // max(1, len(table.documents)) - 2)
    rows = []
    for n, loc in enumerate(table.locations, 1):
        readings = dict(loc.readings)
        pivot_norm = " ".join(readings[table.pivot].casefold().split())
        row = [n]
        for d in table.documents:
            r = readings[d]
            same = " ".join(r.casefold().split()) == pivot_norm and d != table.pivot
            row.append("·" if same else (_fit(safe(" ".join(r.split())), cell) if r else "∅"))
        rows.append(row)
    prefix, labels = _column_labels(table.documents, cell)
    head = f"(documents under {safe_label(prefix)})\n" if prefix else ""
    return head + tabulate(rows, headers=["#"] + labels, tablefmt="simple") + "\n" + note


def _column_labels(ids, cell: int) -> tuple[str, list[str]]:
    """Column headers no wider than a cell: the directory the ids share is said once above the
    table (an archive's files, a history's versions) and a label still too long keeps its end,
    where file names differ ("…Finn/3.txt")."""
    parts = [d.split("/") for d in ids]
    common = 0
    if len(ids) > 1:
        while all(len(q) > common + 1 and q[common] == parts[0][common] for q in parts):
            common += 1
    prefix = "/".join(parts[0][:common]) + "/" if common else ""
    labels = [safe_label(d[len(prefix):]) for d in ids]
    return prefix, [_fit(x, cell, keep_end=True) for x in labels]


def _fit(text: str, cols: int, keep_end: bool = False) -> str:
    """``text`` in at most ``cols`` display columns: cut with "…" at its end (or, with ``keep_end``,
    at its start), by columns, not characters (a Hangul or Chinese character takes two)."""
    if display_width(text) <= cols:
        return text
    if keep_end:
        widths, used, k = _char_widths(text), 0, len(text)
        while k > 0 and used + widths[k - 1] <= cols - 1:
            k -= 1
            used += widths[k]
        while k < len(text) and widths[k] == 0:  # never start on a mark or a joined emoji part
            k += 1
        return "…" + text[k:]
    return _chunks(text, max(1, cols - 1))[0] + "…"

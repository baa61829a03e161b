"""The HTML report: one self-contained page (inline CSS and JS, no network) for a trace or a check.

Per story: the copy tree as inline SVG (source on top, one row per depth, edges labelled with their
counts by kind), the evidence for the source, and a side-by-side view of each reprint against its
parent, with edits highlighted by kind and severity, unchanged paragraphs collapsed, moved and
duplicated paragraphs linked to where they came from, and each edit's note on hover. A toggle shows
only the substantive edits. All article text goes through :func:`escape` (:func:`html.escape`,
quotes included, after control characters and bidi embeddings, overrides and isolates are made
visible as U+FFFD, as in the terminal): nothing from a document can become markup or script, reach
a terminal that shows the file, or reorder the page's text. Text cells read their direction from
their content (``dir="auto"``), so Arabic and Urdu paragraphs are laid out right to left.

Public API: :func:`render_trace_html` (a :class:`~provenance.model.Trace`) and
:func:`render_check_html` (the :class:`~provenance.check.fidelity.CheckResult` of each reprint). Both are pure.
"""

from __future__ import annotations

from bisect import bisect_right
from collections import Counter
from html import escape as _html_escape
import re

from ..model import Edge, Story, Trace
from .rows import Fold, edge_rows, highest_severity, layout
from ..edits.notes import shortened
from .text import kind_counts
from ..lineage.measures import derived_label, revision_label

__all__ = ["render_trace_html", "render_check_html"]

# C0 and C1 controls but tab and newlines, and the bidi controls that act on a span (embeddings,
# overrides, isolates): an unclosed U+202E would reverse the rest of a paragraph. The marks
# (U+200E, U+200F, U+061C) are kept: they steer one neutral character and Arabic text uses them.
_UNSAFE = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")


def escape(text: str, quote: bool = True) -> str:
    """``text`` for HTML: :func:`html.escape` after unsafe controls become U+FFFD (module docstring)."""
    return _html_escape(_UNSAFE.sub("\ufffd", text), quote)

_CSS = """
:root{--style:#d8ecff;--style-b:#2b6cb0;--editorial:#fff1c2;--editorial-b:#b7791f;--substantive:#ffd6d6;
 --substantive-b:#c53030;--moved:#eadcff;--line:#e2e8f0;--muted:#5a6577}
*{box-sizing:border-box}
html{-webkit-text-size-adjust:100%}
body{font:15px/1.5 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;margin:0 auto;max-width:1280px;
 padding:12px 16px;color:#1a202c;background:#fff;overflow-wrap:break-word}
h1{font-size:1.5em;margin:.3em 0}h2{font-size:1.25em;margin:1.4em 0 .4em;border-bottom:1px solid var(--line)}
h3{font-size:1.05em;margin:1.4em 0 .3em}
p,li,td,h2,h3{overflow-wrap:anywhere}
.controls{position:sticky;top:0;background:#fff;padding:6px 0;border-bottom:1px solid var(--line);z-index:2;
 display:flex;flex-wrap:wrap;gap:4px 16px;align-items:center}
.legend span{display:inline-block;padding:0 6px;margin:2px;border-radius:3px;font-size:.85em}
.muted{color:var(--muted)}
.edit.sev-style,.legend .sev-style{background:var(--style);border-bottom:2px solid var(--style-b)}
.edit.sev-editorial,.legend .sev-editorial{background:var(--editorial);border-bottom:2px solid var(--editorial-b)}
.edit.sev-substantive,.legend .sev-substantive{background:var(--substantive);
 border-bottom:2px solid var(--substantive-b)}
.moved-text,.legend .moved-text{background:var(--moved)}
del.edit{text-decoration:line-through}ins.edit{text-decoration:none}
.tree{margin:8px 0}
svg{max-width:100%;height:auto;display:block}
svg text{font-family:system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;font-size:13px;fill:#1a202c}
svg .node rect{fill:#f7fafc;stroke:#4a5568}svg .node.source rect{fill:#e6fffa;stroke:#2c7a7b;stroke-width:2}
svg .node a:hover rect,svg .node a:focus rect{stroke-width:2.5}
svg .edge polyline{fill:none;stroke:#718096;stroke-width:1.5}
svg .edge.sev-style polyline{stroke:var(--style-b)}svg .edge.sev-editorial polyline{stroke:var(--editorial-b)}
svg .edge.sev-substantive polyline{stroke:var(--substantive-b);stroke-width:2.5}
svg .edge-label rect{fill:#fff;stroke:#cbd5e0}svg .edge-label text{font-size:12px;fill:#2d3748}
table.sbs{width:100%;border-collapse:collapse;table-layout:fixed}
table.sbs td{vertical-align:top;padding:4px 8px;border-top:1px solid #edf2f7;width:50%}
table.sbs th{text-align:left;padding:4px 8px;background:#f7fafc;width:50%;overflow-wrap:anywhere}
table.sbs td.both{padding:0}
ul.notes{margin:4px 0 0;padding-left:18px;font-size:.85em;color:#4a5568}
details.same summary,details.added summary{cursor:pointer;color:var(--muted);font-size:.9em;padding:2px 8px}
.evidence li{margin:2px 0}
.sub-summary{display:none;font-style:italic}
table.findings{width:100%;border-collapse:collapse;table-layout:fixed;margin:4px 0 12px}
table.findings td,table.findings th{padding:4px 8px;border-top:1px solid #edf2f7;text-align:left;vertical-align:top;
 overflow-wrap:anywhere}
table.findings col.action{width:5.5em}table.findings col.rule{width:8.5em}table.findings col.lines{width:7.5em}
.fail{color:#c53030;font-weight:600}.warn{color:#975a16;font-weight:600}.pass{color:#2f855a;font-weight:600}
q.src,q.rep{quotes:none;font-family:ui-monospace,SFMono-Regular,Menlo,monospace;font-size:.9em;background:#f7fafc;
 padding:0 2px}
body.only-substantive .edit.sev-style,body.only-substantive .edit.sev-editorial{background:none;border:0}
body.only-substantive del.edit.sev-style,body.only-substantive del.edit.sev-editorial{text-decoration:none}
body.only-substantive li.sev-style,body.only-substantive li.sev-editorial{display:none}
body.only-substantive table.sbs tr:not(.has-substantive):not(.near-substantive):not(.head){display:none}
body.only-substantive .sub-summary{display:block}
@media (max-width:700px){
 body{padding:8px 10px}
 table.sbs,table.sbs tbody,table.sbs tr,table.sbs td,table.sbs th{display:block;width:100%}
 table.sbs td:empty{display:none}
 table.sbs td.p::before,table.sbs td.c::before{display:block;font-size:.75em;color:var(--muted);
  text-transform:uppercase;letter-spacing:.04em}
 table.sbs td.p::before{content:"parent"}table.sbs td.c::before{content:"reprint"}
 table.sbs td.c{border-top:0;background:#fafafa}
 table.sbs tr.head{display:none}
 table.findings,table.findings tbody,table.findings tr,table.findings td{display:block;width:100%}
 table.findings tr{border-top:1px solid var(--line);padding:4px 0}table.findings td{border:0;padding:1px 4px}
 table.findings tr.head{display:none}
 table.findings td.lines::before{content:"lines (source / reprint): "}
 table.findings td.src::before{content:"source: "}table.findings td.rep::before{content:"reprint: "}
 table.findings td::before{color:var(--muted);font-size:.85em}
 table.findings td.action,table.findings td.rule{display:inline-block;width:auto}
 h2{font-size:1.1em}.hint{display:none}
}
"""

_JS = """
document.addEventListener('DOMContentLoaded',function(){
  var box=document.getElementById('only-substantive');
  if(box){
    var sync=function(){document.body.classList.toggle('only-substantive',box.checked);};
    box.addEventListener('change',sync);sync();
  }
  var reveal=function(){
    if(!location.hash)return;
    var el=document.getElementById(decodeURIComponent(location.hash.slice(1)));
    for(var d=el&&el.closest('details');d;d=d.parentElement&&d.parentElement.closest('details')){d.open=true;}
    if(el)el.scrollIntoView();
  };
  window.addEventListener('hashchange',reveal);reveal();
});
"""


def _page(title: str, body: str) -> str:
    return (
        "<!doctype html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">"
        "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">"
        "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'; "
        "script-src 'unsafe-inline'; img-src data:\">"
        f"<title>{escape(title)}</title><style>{_CSS}</style><script>{_JS}</script></head>\n<body>\n"
        + body + "\n</body></html>\n"
    )


def _controls() -> str:
    legend = "".join(
        f'<span class="sev-{s}">{s}</span>' for s in ("style", "editorial", "substantive")
    ) + '<span class="moved-text">moved / duplicated</span>'
    return (
        '<div class="controls"><label><input type="checkbox" id="only-substantive"> Only substantive edits</label>'
        f'<div class="legend">Legend: {legend} <span class="muted hint">hover an edit for its note</span></div></div>'
    )


def _counts_text(edits) -> str:
    return ", ".join(kind_counts(edits)) or "no edits"


# --- copy tree ------------------------------------------------------------------------------------

def _short_names(ids) -> dict[str, str]:
    """Each id's shortest ``/``-separated tail that no other id in ``ids`` ends with."""
    out = {}
    for doc in ids:
        parts = doc.replace("\\", "/").split("/")
        for k in range(1, len(parts) + 1):
            tail = "/".join(parts[-k:])
            if not any(o != doc and (o == tail or o.endswith("/" + tail)) for o in ids):
                break
        out[doc] = tail
    return out


def _two_lines(text: str, width: int) -> list[str]:
    """``text`` in at most two lines of ``width`` characters, broken after ``_ - . /`` when possible."""
    if len(text) <= width:
        return [text]
    cut = max((k + 1 for k, ch in enumerate(text[: width + 1]) if ch in "_-./ " and k + 1 >= width // 2),
              default=width)
    head, tail = text[:cut], text[cut:]
    if len(tail) > width:
        tail = "…" + tail[-(width - 1):]
    return [head, tail]


_SHORT_KIND = {"punctuation": "punct", "abbreviation": "abbrev", "name_expansion": "name exp",
               "function_word": "function word", "number_format": "number format", "whitespace": "space"}


def _label_lines(edits, width: int) -> list[str]:
    """Edit counts by kind in at most two lines of ``width`` characters; the kinds that do not fit are
    counted in a last ``and N more`` (N edits), so the label always accounts for every edit.

    Substantive kinds come first, then the others, most frequent first.
    """
    counts = Counter(e.kind for e in edits)
    sev = {e.kind: e.severity for e in edits}
    order = sorted(counts, key=lambda k: (sev[k] != "substantive", -counts[k], k))
    parts = [f"{counts[k]} {_SHORT_KIND.get(k, k.replace('_', ' '))}" for k in order]
    if not parts:
        return ["no edits"]
    for shown in range(len(parts), -1, -1):
        rest = sum(counts[k] for k in order[shown:])
        lines = _fill(parts[:shown] + ([f"and {rest} more"] if rest else []), width)
        if lines is not None and len(lines) <= 2:
            return lines
    return [f"{len(edits)} edits"[:width]]


def _fill(parts: list[str], width: int) -> list[str] | None:
    """``parts`` joined with ``, `` into lines of ``width`` characters; ``None`` when a part is wider."""
    lines: list[str] = []
    for part in parts:
        if len(part) > width:
            return None
        if lines and len(lines[-1]) + 2 + len(part) <= width:
            lines[-1] += ", " + part
        else:
            lines.append(part)
    return lines


def _tree_levels(story: Story) -> list[list[str]]:
    children: dict[str, list[str]] = {}
    for e in story.tree:
        children.setdefault(e.parent, []).append(e.child)
    levels, seen = [[story.tree_root]], {story.tree_root}
    while True:
        nxt = [c for p in levels[-1] for c in children.get(p, []) if c not in seen]
        if not nxt:
            break
        seen.update(nxt)
        levels.append(nxt)
    rest = [d for d in story.documents if d not in seen]  # not expected: every document is in the tree
    return levels + ([rest] if rest else [])


def _tree_svg(story: Story, sid: str, edge_ids: dict[str, str]) -> str:
    """Source on top, one row per depth; one ``g.node`` per document, edges labelled with edit counts.

    Edges are elbow connectors (down from the parent, across, down into the child); each label sits
    on the child's drop over a white box. Each reprint's box links to its side-by-side view
    (``edge_ids``: child id -> section id).
    """
    levels = _tree_levels(story)
    names = _short_names(story.documents)
    chars = 18  # characters per line in a box: long names take two lines
    box_w, box_h, gap_x, gap_y, pad = 150, 44, 30, 84, 8
    label_chars = int((box_w + gap_x - 8) / 6.4)
    pad_x = (label_chars * 6.4 + 10 - box_w) / 2 + 2  # room for the widest label under an outer box
    width = max(len(level) for level in levels) * (box_w + gap_x) - gap_x + 2 * pad_x
    height = len(levels) * (box_h + gap_y) - gap_y + 2 * pad
    pos = {}
    for d, level in enumerate(levels):
        span = len(level) * (box_w + gap_x) - gap_x
        x0 = (width - span) / 2
        for k, doc in enumerate(level):
            pos[doc] = (x0 + k * (box_w + gap_x), pad + d * (box_h + gap_y))
    n_copies = len(story.documents) - 1
    parts = [f'<svg viewBox="0 0 {width:.0f} {height:.0f}" width="{width:.0f}" height="{height:.0f}" role="img" '
             f'aria-labelledby="{sid}-tree-title" id="{sid}-tree"><title id="{sid}-tree-title">copy tree: '
             f'{escape(story.tree_root)} and {n_copies} cop{"y" if n_copies == 1 else "ies"}</title>']
    labels = []
    for e in story.tree:
        if e.parent not in pos or e.child not in pos:
            continue
        (x1, y1), (x2, y2) = pos[e.parent], pos[e.child]
        top = highest_severity(x.severity for x in e.edits if x.kind not in ("moved", "duplicated"))
        ax, ay, bx, by = x1 + box_w / 2, y1 + box_h, x2 + box_w / 2, y2
        bus = ay + 14
        lines = _label_lines(e.edits, label_chars)
        tip = f"{e.parent} → {e.child}: derived {e.derived}, revision {e.revision}; {_counts_text(e.edits)}"
        parts.append(f'<g class="edge{" sev-" + top if top else ""}"><title>{escape(tip)}</title>'
                     f'<polyline points="{ax:.0f},{ay:.0f} {ax:.0f},{bus:.0f} {bx:.0f},{bus:.0f} {bx:.0f},{by:.0f}"/>'
                     "</g>")
        lw = max(len(line) for line in lines) * 6.4 + 10
        lh = 14 * len(lines) + 6
        ly = (bus + by) / 2 - lh / 2 + 4
        text = "".join(f'<tspan x="{bx:.0f}" dy="{12 if n == 0 else 14}">{escape(line)}</tspan>'
                       for n, line in enumerate(lines))
        labels.append(f'<g class="edge-label"><title>{escape(tip)}</title>'
                      f'<rect x="{bx - lw / 2:.0f}" y="{ly:.0f}" width="{lw:.0f}" height="{lh}" rx="3"/>'
                      f'<text x="{bx:.0f}" y="{ly + 1:.0f}" text-anchor="middle">{text}</text></g>')
    parts.extend(labels)  # over every line
    for doc, (x, y) in pos.items():
        lines = _two_lines(names[doc], chars)
        text = "".join(f'<tspan x="{x + box_w / 2:.0f}" dy="{0 if n == 0 else 16}">{escape(line)}</tspan>'
                       for n, line in enumerate(lines))
        ty = y + box_h / 2 + 5 - 8 * (len(lines) - 1)
        shape = (f'<rect x="{x:.0f}" y="{y:.0f}" width="{box_w}" height="{box_h}" rx="6"/>'
                 f'<text x="{x + box_w / 2:.0f}" y="{ty:.0f}" text-anchor="middle">{text}</text>')
        if doc in edge_ids:
            shape = f'<a href="#{edge_ids[doc]}">{shape}</a>'
        role = (("oldest version" if doc == story.source else "version") if story.regime == "revision"
                else "source" if doc == story.source else "reprint")
        parts.append(f'<g class="node{" source" if doc == story.source else ""}" data-doc="{escape(doc)}">'
                     f"<title>{escape(doc)} ({role})</title>{shape}</g>")
    parts.append("</svg>")
    return '<div class="tree">' + "".join(parts) + "</div>"


# --- side by side ---------------------------------------------------------------------------------

def _segments_html(segments, side: str) -> str:
    out = []
    for seg in segments:
        text, edit = seg.text, seg.edit
        sep = "" if seg.glued or not out else " "
        if seg.style == "equal":
            out.append(sep + escape(text))
        elif seg.style == "moved":
            out.append(sep + f'<span class="moved-text">{escape(text)}</span>')
        else:
            sev = edit.severity if edit else seg.severity
            kind = edit.kind if edit else ("deleted" if side == "parent" else "inserted")
            note = edit.note if edit else ""
            tag = "del" if side == "parent" else "ins"
            out.append(sep + f'<{tag} class="edit kind-{escape(kind)} sev-{escape(sev)}" title="{escape(note)}">'
                       f"{escape(text)}</{tag}>")
    return "".join(out)


class _SideBySide:
    """The side-by-side table of one edge, and the row id under which each edit is listed."""

    def __init__(self, edge: Edge, eid: str):
        self.edge, self.eid = edge, eid
        self.rows = edge_rows(edge.alignment, edge.edits)
        self.row_of_edit = {id(e): f"{eid}-r{k}" for k, row in enumerate(self.rows) for e in row.notes}
        # rows holding parent text in its own order (not a moved copy): where "came from" links point
        anchors = sorted((seg.start, k) for k, row in enumerate(self.rows)
                         for seg in row.left if seg.style != "moved")
        self._anchor_starts = [a for a, _ in anchors]
        self._anchor_rows = [k for _, k in anchors]
        subst = [k for k, row in enumerate(self.rows) if any(e.severity == "substantive" for e in row.notes)]
        self.substantive = set(subst)
        self.near = {m for k in subst for m in (k - 1, k + 1)} - self.substantive

    def _row_of_parent(self, offset: int):
        k = bisect_right(self._anchor_starts, offset) - 1
        return self._anchor_rows[k] if k >= 0 else None

    def html(self) -> str:
        rows, edge = self.rows, self.edge
        out = [f'<table class="sbs"><tr class="head"><th>{escape(edge.parent)} (parent)</th>'
               f"<th>{escape(edge.child)}</th></tr>"]
        for part in layout(rows, 1):
            if isinstance(part, Fold) and part.reason == "added":
                out.append(self._folded(part.rows, "added", f"{len(part)} more added paragraphs", "changed"))
            elif isinstance(part, Fold):
                label = f"{len(part)} unchanged paragraph{'s' if len(part) != 1 else ''}"
                out.append(self._folded(part.rows, "same", label, "same"))
            else:
                out.append(self._row(part))
        out.append("</table>")
        return "".join(out)

    def _folded(self, rng, kind: str, label: str, cls: str) -> str:
        inner = "".join(self._row(j) for j in rng)
        if any(j in self.substantive for j in rng):
            cls += " has-substantive"
        return (f'<tr class="{cls}"><td colspan="2" class="both"><details class="{kind}"><summary>{escape(label)}'
                f'</summary><table class="sbs">{inner}</table></details></td></tr>')

    def _row(self, k: int) -> str:
        row = self.rows[k]
        notes = []
        for e in row.notes:
            link = ""
            if e.kind in ("moved", "duplicated"):
                # a moved passage links to where it stood in the parent (the row before its old place);
                # a duplicated one to the row holding the text it repeats
                target = self._row_of_parent(e.parent_span[0] - (1 if e.kind == "moved" else 0))
                if target is not None and target != k:
                    word = "came from here" if e.kind == "moved" else "original"
                    link = f' <a href="#{self.eid}-r{target}" class="from">{word} ↩</a>'
            notes.append(f'<li class="kind-{escape(e.kind)} sev-{escape(e.severity)}" title="{escape(e.note)}">'
                         f"<b>{escape(e.kind)}</b>: {escape(e.note)}{link}</li>")
        cls = "changed" if row.changed else "unchanged"
        if k in self.substantive:
            cls += " has-substantive"
        elif k in self.near:
            cls += " near-substantive"
        left = _segments_html(row.left, "parent")
        right = _segments_html(row.right, "child")
        note_html = f'<ul class="notes">{"".join(notes)}</ul>' if notes else ""
        return (f'<tr class="{cls}" id="{self.eid}-r{k}"><td class="p" dir="auto">{left}</td>'
                f'<td class="c" dir="auto">{right}{note_html}</td></tr>')


def _edge_section(edge: Edge, eid: str) -> tuple[str, dict[int, str]]:
    """The section of one edge, and the row id of each of its edits (by ``id(edit)``)."""
    view = _SideBySide(edge, eid)
    subst = sum(e.severity == "substantive" for e in edge.edits)
    warning = ("<p class=\"warn\">Approximate alignment: " + escape("; ".join(edge.alignment.warnings)) + "</p>"
               if edge.alignment.approximate else "")
    html = (
        f'<section class="edge-view" id="{eid}"><h3>{escape(edge.parent)} → {escape(edge.child)}</h3>'
        f"<p>{edge.shared_child:.0%} of {escape(edge.child)} is text from {escape(edge.parent)}; "
        f"{edge.shared_parent:.0%} of the parent is kept. Derived {escape(edge.derived)}, revision "
        f"{escape(edge.revision)}. Edits: {escape(_counts_text(edge.edits))}.</p>{warning}"
        f'<p class="sub-summary">{subst or "No"} substantive edit{"" if subst == 1 else "s"} in this reprint'
        f'{"" if subst else ": every change is style or editorial"}.</p>'
        + view.html() + "</section>"
    )
    return html, view.row_of_edit


# --- pages ----------------------------------------------------------------------------------------

def render_trace_html(trace: Trace) -> str:
    """The report page for a :class:`~provenance.model.Trace`: one section per story, then the unrelated."""
    n_st = len(trace.stories)
    body = [f"<h1>provenance report</h1><p>{len(trace.documents)} documents, {n_st} "
            f"stor{'y' if n_st == 1 else 'ies'}, {len(trace.unrelated)} unrelated.</p>", _controls()]
    for n, story in enumerate(trace.stories, 1):
        sid = f"s{n}"
        edge_ids = {edge.child: f"{sid}e{k}" for k, edge in enumerate(story.tree, 1)}
        body.append(f'<section class="story" id="{sid}"><h2>Story {n}: {len(story.documents)} documents; '
                    + (f'source {escape(story.source)} (confidence {story.confidence:.2f})' if story.source is not None
                       else 'source undecided (no evidence which came first)') + '</h2>')
        if story.regime == "revision":
            body.append('<p class="versions">versions, oldest first: '
                        + (" → ".join(escape(v) for v in story.versions) or "order undecided") + "</p>")
        body.append(_tree_svg(story, sid, edge_ids))
        # an undecided story names no source: its confidence is that of the best-placed root, which
        # the heading must not present as the confidence of a source
        body.append((f"<h3>Evidence for the source (confidence {story.confidence:.2f})</h3>" if story.source is not None
                     else "<h3>Evidence (no source named)</h3>")
                    + '<ul class="evidence">' + "".join(f"<li>{escape(x)}</li>" for x in story.evidence) + "</ul>")
        for edge in story.tree:
            body.append(_edge_section(edge, edge_ids[edge.child])[0])
        body.append("</section>")
    if trace.unrelated:
        body.append('<section id="unrelated"><h2>Unrelated documents</h2><p>They share no wire text with any other '
                    'document.</p><ul>'
                    + "".join(f"<li>{escape(d)} <span class=\"muted\">(best overlap with any other document "
                              f"{trace.best_overlap.get(d, 0.0):.0%})</span></li>" for d in trace.unrelated)
                    + "</ul></section>")
    elif not trace.stories:
        body.append("<p>No documents given.</p>")
    return _page("provenance report", "\n".join(body))


def _quoted(text: str, cls: str) -> str:
    text = shortened(text, 160)
    return f'<q class="{cls}">{escape(text)}</q>' if text else '<span class="muted">(none)</span>'


def render_check_html(results) -> str:
    """The report page for ``provenance check``: the findings first, then each reprint side by side.

    ``results`` is the :class:`~provenance.check.fidelity.CheckResult` of each reprint (an iterable). Each
    finding shows its rule, action, source and reprint lines and texts, and links to its row in the
    side-by-side view. A reprint that shares no wire text gets no side-by-side view.
    """
    results = list(results)
    sections, row_ids = [], []
    for n, r in enumerate(results, 1):
        if any(f.rule == "unrelated" for f in r.findings):
            sections.append(f'<section class="edge-view" id="c{n}"><h3>{escape(r.source.id)} → '
                            f'{escape(r.reprint.id)}</h3><p>No side-by-side view: it shares no wire text with the '
                            f"source.</p></section>")
            row_ids.append({})
            continue
        al = r.alignment
        edge = Edge(r.source.id, r.reprint.id, al.shared_parent(), al.shared_child(), derived_label(al, r.edits),
                    revision_label(al, r.edits), al, r.edits)
        html, rows = _edge_section(edge, f"c{n}")
        sections.append(html)
        row_ids.append(rows)
    passed = sum(r.passed for r in results)
    body = [f"<h1>provenance check</h1><p>{passed} of {len(results)} reprint(s) passed.</p>"]
    for n, (r, rows) in enumerate(zip(results, row_ids), 1):
        verdict = "pass" if r.passed else "fail"
        body.append(f'<h2 id="v{n}"><span class="{verdict}">{verdict.upper()}</span> {escape(r.reprint.id)} '
                    f'<span class="muted">({len(r.failures)} failure{"" if len(r.failures) == 1 else "s"}, '
                    f'{len(r.warnings)} warning{"" if len(r.warnings) == 1 else "s"}; source '
                    f"{escape(r.source.id)})</span></h2>")
        if not r.findings:
            body.append('<p class="muted">No findings: every edit is allowed by the policy.</p>')
            continue
        table = ['<table class="findings"><colgroup><col class="action"><col class="rule"><col class="lines">'
                 '<col><col><col></colgroup><tr class="head"><th>action</th><th>rule</th>'
                 '<th>lines <span class="muted">src / rep</span></th>'
                 "<th>source text</th><th>reprint text</th><th>finding</th></tr>"]
        for f in r.findings:
            lines = (f"{f.source_line or '—'} / {f.reprint_line or '—'}"
                     if f.source_line or f.reprint_line else "—")
            if f.edit is not None:
                src, rep = _quoted(f.edit.parent_text, "src"), _quoted(f.edit.child_text, "rep")
                target = rows.get(id(f.edit))
                link = f' <a href="#{target}">show</a>' if target else ""
            else:
                src = rep = '<span class="muted">(whole document)</span>'
                link = ""
            table.append(f'<tr class="finding"><td class="action {escape(f.action)}">{escape(f.action.upper())}</td>'
                         f'<td class="rule">{escape(f.rule)}</td><td class="lines">{escape(lines)}</td>'
                         f'<td class="src" dir="auto">{src}</td><td class="rep" dir="auto">{rep}</td>'
                         f"<td>{escape(f.message)}{link}</td></tr>")
        table.append("</table>")
        body.append("".join(table))
    body.append(_controls())
    body.extend(sections)
    return _page("provenance check", "\n".join(body))

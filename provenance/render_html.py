"""The HTML report: one self-contained page (inline CSS and JS, no network) for a trace or a check.

Per story: the copy tree as inline SVG (source on top, edges labelled with counts by kind), the
evidence for the source, and a side-by-side view of each reprint against its parent, with edits
highlighted by kind and severity, unchanged paragraphs collapsed, moved and duplicated paragraphs
linked to where they came from, and each edit's note on hover. A toggle shows only the substantive
edits. All article text goes through :func:`html.escape` (quotes included): nothing from a document
can become markup or script.
"""

from __future__ import annotations

from bisect import bisect_right
from collections import Counter
from html import escape

from .model import Edge, Trace
from .render_text import _rows, _rows_to_keep
from .story import derived_label, revision_label

__all__ = ["render_trace_html", "render_check_html"]

_CSS = """
:root{--style:#d8ecff;--style-b:#2b6cb0;--editorial:#fff1c2;--editorial-b:#b7791f;--substantive:#ffd6d6;--substantive-b:#c53030;--moved:#eadcff}
*{box-sizing:border-box}
body{font:15px/1.5 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;margin:0 auto;max-width:1280px;padding:12px 16px;color:#1a202c;background:#fff;overflow-wrap:anywhere}
h1{font-size:1.5em;margin:.3em 0}h2{font-size:1.25em;margin:1.2em 0 .4em;border-bottom:1px solid #e2e8f0}
h3{font-size:1.05em;margin:1em 0 .3em}
.controls{position:sticky;top:0;background:#fff;padding:6px 0;border-bottom:1px solid #e2e8f0;z-index:2;display:flex;flex-wrap:wrap;gap:8px 16px;align-items:center}
.legend span{display:inline-block;padding:0 6px;margin:2px;border-radius:3px;font-size:.85em}
.sev-style.edit,.legend .sev-style{background:var(--style);border-bottom:2px solid var(--style-b)}
.sev-editorial.edit,.legend .sev-editorial{background:var(--editorial);border-bottom:2px solid var(--editorial-b)}
.sev-substantive.edit,.legend .sev-substantive{background:var(--substantive);border-bottom:2px solid var(--substantive-b)}
.moved-text{background:var(--moved)}
del.edit{text-decoration:line-through}ins.edit{text-decoration:none}
svg{max-width:100%;height:auto;display:block;margin:8px 0}
svg .node rect{fill:#f7fafc;stroke:#4a5568}svg .node.source rect{fill:#e6fffa;stroke:#2c7a7b;stroke-width:2}
svg text{font:12px system-ui,sans-serif}svg .edge line{stroke:#718096;stroke-width:1.5}svg .edge text{fill:#4a5568}
table.sbs{width:100%;border-collapse:collapse;table-layout:fixed}
table.sbs td{vertical-align:top;padding:4px 8px;border-top:1px solid #edf2f7;width:50%}
table.sbs th{text-align:left;padding:4px 8px;background:#f7fafc;width:50%}
ul.notes{margin:4px 0 0;padding-left:18px;font-size:.85em;color:#4a5568}
details.same summary{cursor:pointer;color:#718096;font-size:.9em;padding:2px 8px}
.evidence li{margin:2px 0}.muted{color:#718096}
.findings td,.findings th{padding:4px 8px;border-top:1px solid #edf2f7;text-align:left;vertical-align:top}
.fail{color:#c53030;font-weight:600}.warn{color:#b7791f;font-weight:600}.pass{color:#2f855a;font-weight:600}
body.only-substantive .edit.sev-style,body.only-substantive .edit.sev-editorial{background:none;border:0}
body.only-substantive del.edit.sev-style,body.only-substantive del.edit.sev-editorial{text-decoration:none}
body.only-substantive li.sev-style,body.only-substantive li.sev-editorial{display:none}
body.only-substantive tr.changed:not(.has-substantive){display:none}
@media (max-width:700px){table.sbs td,table.sbs th{display:block;width:100%}table.sbs td+td{border-top:0;background:#fafafa}}
"""

_JS = """
document.addEventListener('DOMContentLoaded',function(){
  var box=document.getElementById('only-substantive');
  if(box){box.addEventListener('change',function(){document.body.classList.toggle('only-substantive',box.checked);});}
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
        f'<div class="legend">Legend: {legend} <span class="muted">hover an edit for its note</span></div></div>'
    )


def _tree_svg(story, sid: str) -> str:
    """Source on top, one row per depth; edges labelled with their top edit counts."""
    children: dict[str, list[Edge]] = {}
    for e in story.tree:
        children.setdefault(e.parent, []).append(e)
    levels: list[list[str]] = [[story.source]]
    depth = {story.source: 0}
    while True:
        nxt = [e.child for p in levels[-1] for e in children.get(p, [])]
        if not nxt:
            break
        for c in nxt:
            depth[c] = len(levels)
        levels.append(nxt)
    box_w, box_h, gap_x, gap_y = 220, 34, 40, 90
    width = max(len(level) for level in levels) * (box_w + gap_x) + gap_x
    height = len(levels) * (box_h + gap_y) - gap_y + 20
    pos = {}
    for d, level in enumerate(levels):
        span = len(level) * (box_w + gap_x) - gap_x
        x0 = (width - span) / 2
        for k, doc in enumerate(level):
            pos[doc] = (x0 + k * (box_w + gap_x), 10 + d * (box_h + gap_y))
    parts = [f'<svg viewBox="0 0 {width:.0f} {height:.0f}" style="max-width:{width:.0f}px" role="img" '
             f'aria-label="copy tree" id="{sid}-tree">']
    for e in story.tree:
        (x1, y1), (x2, y2) = pos[e.parent], pos[e.child]
        counts = Counter(x.kind for x in e.edits)
        label = ", ".join(f"{n} {k}" for k, n in counts.most_common(2)) or "no edits"
        ax, ay, bx, by = x1 + box_w / 2, y1 + box_h, x2 + box_w / 2, y2
        parts.append(
            f'<g class="edge"><line x1="{ax:.0f}" y1="{ay:.0f}" x2="{bx:.0f}" y2="{by:.0f}"/>'
            f'<text x="{bx:.0f}" y="{by - 8:.0f}" text-anchor="middle">{escape(label[:36])}</text>'
            f"<title>{escape(f'{e.parent} -> {e.child}: {e.derived}, {e.revision}; ' + ', '.join(f'{n} {k}' for k, n in counts.most_common()))}</title></g>"
        )
    for doc, (x, y) in pos.items():
        name = doc if len(doc) <= 30 else "…" + doc[-29:]
        cls = "node source" if doc == story.source else "node"
        parts.append(
            f'<g class="{cls}" data-doc="{escape(doc)}"><rect x="{x:.0f}" y="{y:.0f}" width="{box_w}" height="{box_h}" rx="6"/>'
            f'<text x="{x + 10:.0f}" y="{y + 22:.0f}">{escape(name)}</text><title>{escape(doc)}</title></g>'
        )
    parts.append("</svg>")
    return "".join(parts)


class _EditIndex:
    """Finds the edit covering a character offset on one side (by span start)."""

    def __init__(self, edits, side: str):
        spans = sorted(
            ((e.child_span if side == "child" else e.parent_span), n) for n, e in enumerate(edits)
            if e.kind not in ("moved", "duplicated", "whitespace")
        )
        self.starts = [s[0][0] for s in spans]
        self.spans = spans
        self.edits = edits

    def at(self, offset: int):
        k = bisect_right(self.starts, offset) - 1
        while k >= 0:
            (s, e), n = self.spans[k]
            if s <= offset < max(e, s + 1):
                return self.edits[n]
            if offset - s > 5000:
                break
            k -= 1
        return None


def _segments_html(segments, index: _EditIndex, side: str) -> str:
    out = []
    for text, style, glued, start in segments:
        sep = "" if glued or not out else " "
        if style is None:
            out.append(sep + escape(text))
        elif style == "moved":
            out.append(sep + f'<span class="moved-text">{escape(text)}</span>')
        else:
            edit = index.at(start)
            sev = edit.severity if edit else style[1]
            kind = edit.kind if edit else "rewrite"
            note = edit.note if edit else ""
            tag = "del" if side == "parent" else "ins"
            out.append(sep + f'<{tag} class="edit kind-{escape(kind)} sev-{escape(sev)}" title="{escape(note)}">{escape(text)}</{tag}>')
    return "".join(out)


def _side_by_side(edge: Edge, eid: str) -> str:
    rows = _rows(edge.alignment, edge.edits)
    keep = _rows_to_keep(rows, 1)
    pidx, cidx = _EditIndex(edge.edits, "parent"), _EditIndex(edge.edits, "child")
    # where each parent offset is shown in order (not as a moved copy): for "came from" links
    anchors = sorted((start, k) for k, row in enumerate(rows) for _, style, _, start in row.left if style != "moved")
    anchor_starts = [a for a, _ in anchors]

    def row_of_parent(offset: int):
        k = bisect_right(anchor_starts, offset) - 1
        return anchors[k][1] if k >= 0 else None

    html = [f'<table class="sbs"><tr><th>{escape(edge.parent)} (parent)</th><th>{escape(edge.child)}</th></tr>']
    k = 0
    while k < len(rows):
        if not keep[k]:
            m = k
            while m < len(rows) and not keep[m]:
                m += 1
            inner = "".join(_row_html(rows[j], j, eid, pidx, cidx, row_of_parent) for j in range(k, m))
            html.append(f'<tr class="same"><td colspan="2"><details class="same"><summary>{m - k} unchanged '
                        f'paragraph{"s" if m - k != 1 else ""}</summary><table class="sbs">{inner}</table></details></td></tr>')
            k = m
            continue
        html.append(_row_html(rows[k], k, eid, pidx, cidx, row_of_parent))
        k += 1
    html.append("</table>")
    return "".join(html)


def _row_html(row, k: int, eid: str, pidx, cidx, row_of_parent) -> str:
    notes = []
    substantive = any(e.severity == "substantive" for e in row.notes)
    for e in row.notes:
        link = ""
        if e.kind in ("moved", "duplicated"):
            target = row_of_parent(e.parent_span[0] - (1 if e.kind == "moved" else 0))
            if target is not None:
                link = f' <a href="#{eid}-r{target}">{"came from" if e.kind == "moved" else "original"} ↩</a>'
        notes.append(f'<li class="kind-{escape(e.kind)} sev-{escape(e.severity)}" title="{escape(e.note)}">'
                     f"<b>{escape(e.kind)}</b>: {escape(e.note)}{link}</li>")
    cls = "changed" if row.changed else "unchanged"
    if substantive:
        cls += " has-substantive"
    left = _segments_html(row.left, pidx, "parent")
    right = _segments_html(row.right, cidx, "child")
    note_html = f'<ul class="notes">{"".join(notes)}</ul>' if notes else ""
    return f'<tr class="{cls}" id="{eid}-r{k}"><td>{left}</td><td>{right}{note_html}</td></tr>'


def _edge_section(edge: Edge, eid: str) -> str:
    counts = Counter(e.kind for e in edge.edits)
    summary = ", ".join(f"{n} {k}" for k, n in counts.most_common()) or "no edits"
    return (
        f'<section class="edge-view" id="{eid}"><h3>{escape(edge.parent)} → {escape(edge.child)}</h3>'
        f'<p>{edge.shared_child:.0%} of {escape(edge.child)} is text from {escape(edge.parent)}; '
        f"{edge.shared_parent:.0%} of the parent is kept. Derived {escape(edge.derived)}, revision "
        f"{escape(edge.revision)}. Edits: {escape(summary)}.</p>" + _side_by_side(edge, eid) + "</section>"
    )


def render_trace_html(trace: Trace) -> str:
    """The report page for a :class:`~provenance.model.Trace`."""
    body = [f"<h1>provenance report</h1><p>{len(trace.documents)} documents, {len(trace.stories)} "
            f"stor{'y' if len(trace.stories) == 1 else 'ies'}, {len(trace.unrelated)} unrelated.</p>", _controls()]
    for n, story in enumerate(trace.stories, 1):
        sid = f"s{n}"
        body.append(f'<section class="story" id="{sid}"><h2>Story {n}: {len(story.documents)} documents; source '
                    f'{escape(story.source)} (confidence {story.confidence:.2f})</h2>')
        body.append(_tree_svg(story, sid))
        body.append('<h3>Evidence for the source</h3><ul class="evidence">'
                    + "".join(f"<li>{escape(x)}</li>" for x in story.evidence) + "</ul>")
        for k, edge in enumerate(story.tree, 1):
            body.append(_edge_section(edge, f"{sid}e{k}"))
        body.append("</section>")
    if trace.unrelated:
        body.append('<section id="unrelated"><h2>Unrelated documents</h2><ul>'
                    + "".join(f"<li>{escape(d)} <span class=\"muted\">(best overlap with any other document "
                              f"{trace.best_overlap.get(d, 0.0):.0%})</span></li>" for d in trace.unrelated)
                    + "</ul></section>")
    return _page("provenance report", "\n".join(body))


def render_check_html(results) -> str:
    """The report page for ``provenance check``: findings first, then each reprint side by side."""
    rows = []
    for r in results:
        verdict = "pass" if r.passed else "fail"
        rows.append(f'<tr><td class="{verdict}">{verdict.upper()}</td><td>{escape(r.reprint.id)}</td>'
                    f"<td>{len(r.failures)} failure(s), {len(r.warnings)} warning(s)</td></tr>")
        for f in r.findings:
            rows.append(f'<tr><td></td><td class="{f.action}">{f.action.upper()} [{escape(f.rule)}]</td>'
                        f"<td>{escape(f.message)}"
                        + (f' <span class="muted">(source line {f.source_line}, reprint line {f.reprint_line})</span>'
                           if f.reprint_line else "") + "</td></tr>")
    body = [f"<h1>provenance check</h1><p>{sum(r.passed for r in results)} of {len(results)} reprint(s) passed.</p>",
            '<table class="findings"><tr><th>verdict</th><th>reprint / rule</th><th>finding</th></tr>'
            + "".join(rows) + "</table>", _controls()]
    for n, r in enumerate(results, 1):
        al = r.alignment
        edge = Edge(r.source.id, r.reprint.id, al.shared_parent(), al.shared_child(), derived_label(al, r.edits),
                    revision_label(al, r.edits), al, r.edits)
        body.append(_edge_section(edge, f"c{n}"))
    return _page("provenance check", "\n".join(body))

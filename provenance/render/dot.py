"""Graphviz (DOT) rendering of copy trees: one cluster per story, edges labelled with edit counts."""

from __future__ import annotations

from ..model import Trace
from .text import kind_counts, safe

__all__ = ["render_dot"]


def _q(text: str) -> str:
    # DOT double-quoted strings: escape backslash and quote; newlines as \n escapes; control and
    # bidi characters shown as U+FFFD (safe), as in the terminal: Graphviz copies them into its SVG
    text = safe(text.replace("\r", ""))
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n") + '"'


def render_dot(trace: Trace) -> str:
    """A ``digraph`` with each story as a subgraph; the source is drawn as a double octagon."""
    lines = ["digraph provenance {", "  rankdir=TB;", '  node [shape=box, fontname="Helvetica"];']
    for n, story in enumerate(trace.stories):
        lines.append(f"  subgraph cluster_{n} {{")
        lines.append(f"    label={_q((f'story {n + 1}: versions ' + ' -> '.join(story.versions)) if story.versions else f'story {n + 1}: source {story.source} (confidence {story.confidence:.2f})' if story.source is not None else f'story {n + 1}: source undecided')};")
        for doc in story.documents:
            shape = ", shape=doubleoctagon" if doc == story.source else ""
            lines.append(f"    {_q(doc)} [label={_q(doc)}{shape}];")
        for e in story.tree:
            # every kind, as the text tree and the HTML tooltip list them: the counts add up to the edits
            # an identical copy says so, as the text report does; no edits leave no empty line
            label = "identical text" if e.identical else "\n".join([f"{e.derived}, {e.revision}", *kind_counts(e.edits)])
            lines.append(f"    {_q(e.parent)} -> {_q(e.child)} [label={_q(label)}];")
        lines.append("  }")
    for doc in trace.unrelated:
        lines.append(f"  {_q(doc)} [style=dashed, label={_q(doc + ' (unrelated)')}];")
    lines.append("}")
    return "\n".join(lines) + "\n"

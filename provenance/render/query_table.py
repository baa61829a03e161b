"""``index query`` results: a table for people, or JSON records."""

from __future__ import annotations

import json

from tabulate import tabulate

from .text import safe

__all__ = ["render_query_json", "render_query_table"]


def render_query_table(hits, query_name: str) -> str:
    """One row per :class:`~provenance.archive.query.QueryHit` (shares as whole percents), or one
    line saying that nothing shares wire text with ``query_name``. No trailing newline."""
    if not hits:
        return f"no indexed document shares wire text with {safe(query_name)}"
    return tabulate([[safe(h.id), safe(h.outlet or ""), h.date or "", f"{h.shared_query:.0%}",
                      f"{h.shared_document:.0%}", h.derived] for h in hits],
                    headers=["document", "outlet", "date", "of query in it", "of it from query", "derived"])


def render_query_json(hits) -> str:
    """The hits as a JSON array of objects (``id``, ``outlet``, ``date``, ``shared_query``,
    ``shared_document``, ``derived``). No trailing newline."""
    return json.dumps([h.to_json() for h in hits], ensure_ascii=False, indent=2)

"""``index query`` results (a table for people, or JSON records) and ``index stats``."""

from __future__ import annotations


from tabulate import tabulate

from .text import json_text, safe_label

__all__ = ["render_index_stats", "render_index_stats_json", "render_query_json", "render_query_table"]


def render_query_table(hits, query_name: str) -> str:
    """One row per :class:`~provenance.archive.query.QueryHit` (shares as whole percents), or one
    line saying that nothing shares wire text with ``query_name``. No trailing newline."""
    if not hits:
        return f"no indexed document shares wire text with {safe_label(query_name)}"
    return tabulate([[safe_label(h.id), safe_label(h.outlet or ""), h.date or "", f"{h.shared_query:.0%}",
                      f"{h.shared_document:.0%}", h.derived] for h in hits],
                    headers=["document", "outlet", "date", "of query in it", "of it from query", "derived"])


def render_query_json(hits) -> str:
    """The hits as a JSON array of objects (``id``, ``outlet``, ``date``, ``shared_query``,
    ``shared_document``, ``derived``). No trailing newline."""
    return json_text([h.to_json() for h in hits], indent=2)


def render_index_stats(stats) -> str:
    """An index's :class:`~provenance.archive.index.IndexStats` as a two-column plain table. No trailing newline."""
    s = stats
    return tabulate([["documents", f"{s.documents:,}"], ["outlets", f"{s.outlets:,}"],
                     ["shingle postings", f"{s.shingles:,}"], ["size on disk", f"{s.bytes_on_disk / 2**20:.1f} MiB"],
                     ["dates", f"{s.first_date or '-'} .. {s.last_date or '-'}"],
                     ["fingerprint", f"word {s.k}-grams, 1 in {s.sample}"], ["journal", s.journal_mode]],
                    tablefmt="plain")


def render_index_stats_json(stats) -> str:
    """An index's :class:`~provenance.archive.index.IndexStats` as one JSON object (its fields, by
    name; sizes in bytes and counts as integers). No trailing newline."""
    from dataclasses import asdict

    return json_text(asdict(stats), indent=2)

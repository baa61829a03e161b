"""Page furniture (mastheads, donation appeals, link lists) recognised by the lexicon's patterns and an outlet's known paragraphs."""

from __future__ import annotations

import re
from functools import lru_cache

from .context import EditContext

__all__ = ["is_furniture"]


def is_furniture(ctx: EditContext, text: str) -> bool:
    norm = " ".join(text.casefold().split())
    if norm in ctx.known:
        return True
    if len(text) > _CACHED_TEXT_MAX:  # keep the cache small: huge paragraphs are searched each time
        return _matches_any(ctx.lex.boilerplate, text)
    return _matches_any_cached(ctx.lex.boilerplate, text)


_CACHED_TEXT_MAX = 4096


def _matches_any(patterns: tuple[re.Pattern, ...], text: str) -> bool:
    return any(p.search(text) for p in patterns)


# cached: in a story each paragraph is judged once per other member, and the search is slow
# (~0.2 ms per paragraph: Python's re tries every alternative at every position)
_matches_any_cached = lru_cache(maxsize=8192)(_matches_any)

"""Read-only language resources for the edit classifier, loaded once from ``provenance/data``.

Each resource is a plain text file a reviewer can read; its header names its source. British and
American spelling pairs come from the ``breame`` package (Apache-2.0), extended by
``spelling_extra.tsv``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

__all__ = ["Lexicon", "load_lexicon"]


@dataclass(frozen=True)
class Lexicon:
    """Word lists and patterns. All words are case-folded except agency names (case matters: AP)."""

    spelling_pairs: frozenset[tuple[str, str]]  # (british, american) and symmetric extra pairs
    titles: frozenset[str]
    function_words: frozenset[str]
    negators: frozenset[str]
    agencies: tuple[str, ...]  # every name form, longest first
    boilerplate: tuple[re.Pattern, ...]

    @property
    def agency_pattern(self) -> re.Pattern:
        """One regex matching any agency name as a whole word (case-sensitive: AP is not "ap")."""
        return _agency_pattern(self.agencies)

    @property
    def boilerplate_pattern(self) -> re.Pattern:
        """The ``boilerplate`` patterns as one alternation (one search instead of one per pattern)."""
        return _any_pattern(tuple(p.pattern for p in self.boilerplate))

    def spelling_variant(self, a: str, b: str) -> bool:
        return (a, b) in self.spelling_pairs or (b, a) in self.spelling_pairs


@lru_cache(maxsize=4)
def _agency_pattern(names: tuple[str, ...]) -> re.Pattern:
    return re.compile(r"(?<![\w-])(" + "|".join(map(re.escape, names)) + r")(?![\w-])")


@lru_cache(maxsize=4)
def _any_pattern(patterns: tuple[str, ...]) -> re.Pattern:
    return re.compile("|".join(f"(?:{p})" for p in patterns) or r"(?!)", re.IGNORECASE)


def _lines(name: str) -> list[str]:
    text = resources.files("provenance").joinpath("data", name).read_text(encoding="utf-8")
    return [ln.rstrip("\n") for ln in text.splitlines() if ln.strip() and not ln.startswith("#")]


@lru_cache(maxsize=1)
def load_lexicon() -> Lexicon:
    """The packaged lexicon (cached: the files are read-only package data)."""
    pairs: set[tuple[str, str]] = set()
    try:
        from breame.data.spelling_constants import BRITISH_ENGLISH_SPELLINGS
    except ImportError:  # pragma: no cover - breame is a declared dependency
        BRITISH_ENGLISH_SPELLINGS = {}
    for gb, us in BRITISH_ENGLISH_SPELLINGS.items():
        pairs.add((gb.casefold(), us.casefold()))
    for line in _lines("spelling_extra.tsv"):
        a, b = line.split("\t")
        pairs.add((a.casefold(), b.casefold()))
    agencies: list[str] = []
    for line in _lines("agencies.txt"):
        agencies.extend(part.strip() for part in line.split("|") if part.strip())
    return Lexicon(
        spelling_pairs=frozenset(pairs),
        titles=frozenset(w.casefold() for w in _lines("titles.txt")),
        function_words=frozenset(w.casefold() for w in _lines("function_words.txt")),
        negators=frozenset(w.casefold() for w in _lines("negators.txt")),
        agencies=tuple(sorted(set(agencies), key=len, reverse=True)),
        boilerplate=tuple(re.compile(p, re.IGNORECASE) for p in _lines("boilerplate.txt")),
    )

"""Read-only language resources for the edit classifier, loaded once from ``provenance/data``.

Each resource is a plain text file a reviewer can read; its header names its source. British and
American spelling pairs come from the ``breame`` package (Apache-2.0), extended by
``spelling_extra.tsv``.
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass
from functools import lru_cache

from .tokenize import SPACED_WORD_CHAR

__all__ = ["Lexicon", "load_lexicon", "names_pattern", "package_data_text"]

_DATA_DIR = os.path.join(os.path.dirname(os.path.dirname(os.path.abspath(__file__))), "data")


def package_data_text(name: str) -> str:
    """The packaged data file ``provenance/data/<name>``, as UTF-8 text (universal newlines).

    Read from the package directory; through ``importlib.resources`` (a zip import) only when that
    fails, since importing it (and the zipfile module it brings) costs a few ms of start-up.
    """
    try:
        with open(os.path.join(_DATA_DIR, name), encoding="utf-8") as fh:
            return fh.read()
    except OSError:
        from importlib import resources

        return resources.files("provenance").joinpath("data", name).read_text(encoding="utf-8")


@dataclass(frozen=True)
class Lexicon:
    """Word lists and patterns. All words are case-folded except agency names (case matters: AP)."""

    spelling_pairs: frozenset[tuple[str, str]]  # (british, american) and symmetric extra pairs
    titles: frozenset[str]
    function_words: frozenset[str]
    negators: frozenset[str]
    agencies: tuple[str, ...]  # every name form, longest first
    agency_groups: tuple[tuple[str, ...], ...]  # each agency's names, one line of agencies.txt each
    boilerplate: tuple[re.Pattern, ...]
    #: republication credits ("This article originally appeared on ..."): republication.txt
    republication: tuple[re.Pattern, ...] = ()
    #: hedges.txt: each hedge as a tuple of case-folded words (English)
    hedges: tuple[tuple[str, ...], ...] = ()
    #: the English part of ``negators`` (negators.txt above its other languages): in English text
    #: only these count ("NE" is north-east there, "SEM" search marketing, "Nie" a surname)
    english_negators: frozenset[str] = frozenset()

    @property
    def agency_pattern(self) -> re.Pattern:
        """One regex matching any agency name as a whole word (case-sensitive: AP is not "ap")."""
        return names_pattern(self.agencies)

    def spelling_variant(self, a: str, b: str) -> bool:
        return (a, b) in self.spelling_pairs or (b, a) in self.spelling_pairs


def alternation(names) -> str:
    """The regex alternative of ``names`` as literal text (give them longest first: the first that
    matches wins), for a pattern to embed."""
    return "|".join(map(re.escape, names))


@lru_cache(maxsize=16)
def names_pattern(names: tuple[str, ...]) -> re.Pattern:
    """One regex matching any of ``names`` as a whole word, case-sensitively. Give the names longest
    first, so that "Agence France-Presse" wins over a shorter name inside it. The lookahead on the
    names' first characters changes no match; it lets the scan skip most positions at once (~3x)."""
    heads = "".join(sorted({re.escape(n[0]) for n in names})) if names and all(names) else ""
    ahead = f"(?=[{heads}])" if heads else ""
    # Chinese and Japanese write no space between words, so a character of theirs beside a name is
    # a word boundary ("据路透社报道", "新华社北京12月5日电"); any other word character is not
    edge = f"{SPACED_WORD_CHAR}|-"
    return re.compile(f"{ahead}(?<!{edge})(" + alternation(names) + f")(?!{edge})")


def _lines(name: str) -> list[str]:
    text = package_data_text(name)
    return [ln.rstrip("\n") for ln in text.splitlines() if ln.strip() and not ln.startswith("#")]


#: the line of negators.txt after which its words are the agencies' other languages'
_OTHER_LANGUAGES = "# The agencies' other languages"


def _english_negators() -> frozenset[str]:
    text = package_data_text("negators.txt")
    english = text.split(_OTHER_LANGUAGES, 1)[0]
    return frozenset(ln.strip().casefold() for ln in english.splitlines() if ln.strip() and not ln.startswith("#"))


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
    groups = tuple(
        tuple(part.strip() for part in line.split("|") if part.strip()) for line in _lines("agencies.txt")
    )
    return Lexicon(
        spelling_pairs=frozenset(pairs),
        titles=frozenset(w.casefold() for w in _lines("titles.txt")),
        function_words=frozenset(w.casefold() for w in _lines("function_words.txt")),
        negators=frozenset(w.casefold() for w in _lines("negators.txt")),
        english_negators=_english_negators(),
        agencies=tuple(sorted({name for group in groups for name in group}, key=len, reverse=True)),
        agency_groups=groups,
        boilerplate=tuple(re.compile(p, re.IGNORECASE) for p in _lines("boilerplate.txt")),
        republication=tuple(re.compile(p, re.IGNORECASE) for p in _lines("republication.txt")),
        hedges=tuple(sorted({tuple(line.casefold().split()) for line in _lines("hedges.txt")}, key=len, reverse=True)),
    )

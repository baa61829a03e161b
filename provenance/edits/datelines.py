"""Agency datelines ("KYIV, Nov 25 (AFP) -"): the pattern, the opening-lines lookup, and datelines in
any script ("ہیمبرگ۔23نومبر (اے پی پی)") by their shape."""

from __future__ import annotations

import re
from functools import lru_cache

from ..model import Document

__all__ = ["DATELINE_RE", "UNSPACED_DATELINE_RE", "match_dateline", "opening_dateline", "dateline_agency",
           "credit_dateline_places", "DATELINE_PLACE_WORDS", "CREDIT_WORDS"]


#: CITY (AGENCY) -  or  CITY, date (AGENCY) -   (an agency is 2-8 capitals, or a listed name); EFE
#: sets a full stop before the dash: "Madrid, 5 dic (EFE).-"
DATELINE_RE = re.compile(
    r"^\s*[A-ZÀ-Ý][\w.'’ -]{0,40}(,[^()\n]{0,40})?\s*\((?P<agency>[A-Z][A-Za-z-]{1,7}|[^()\n]{2,40})\)\.?\s*[-–—:]"
)


@lru_cache(maxsize=1)
def _listed_dateline_re() -> re.Pattern:
    """The dateline shape with a city in any script ("Москва (АФП) -", "Київ (Рейтер) –") and, in the
    brackets, an agency of ``provenance/data/agencies.txt``: a bracket after a capitalised word is
    more often a headline's tag ("(ВИДЕО):", "(ФОТО)") or a ticker than an agency, so only a listed
    name makes it a dateline there."""
    from ..text.lexicon import alternation, load_lexicon

    names = alternation(load_lexicon().agencies)
    # Urdu's dateline sets its place apart with the Urdu full stop and puts no dash after the credit
    # ("اسلام آباد ۔ 24 جولائی (اے پی پی) ...", "ممبئی ۔ یکم دسمبر (اے پی پی)"): there the stop is the mark
    return re.compile(rf"^\s*[^\W\d_][\w.'’ -]{{0,40}}(?:(,[^()\n]{{0,40}})?\s*\((?P<agency>{names})\)\.?\s*[-–—:]"
                      rf"|\s*۔\s*[^()\n۔]{{0,30}}?\s*\((?P<agency_ur>{names})\)\s*[-–—:]?)")


@lru_cache(maxsize=1)
def _slashed_dateline_re() -> re.Pattern:
    """The Russian wires' dateline, a listed agency between slashes or after a dash once the place
    and date are given: "МОСКВА, 12 марта. /ТАСС/.", "МОСКВА, 12 мар — РИА Новости." (listed names
    only, "km/h" and "и/или" are slashes too; and the dash after a day and a month, as a dash after
    a comma is any sentence's)."""
    from ..text.lexicon import alternation, load_lexicon

    names = alternation(load_lexicon().agencies)
    return re.compile(rf"^\s*[^\W\d_][\w.'’ -]{{0,40}}(?:(,[^/\n]{{0,40}})?\s*/(?P<agency>{names})/\.?"
                      rf"|,\s*\d{{1,2}}\s+[^\W\d_]+\.?\s*[-–—]\s*(?P<agency2>{names})\.)")


def dateline_agency(m: re.Match) -> str:
    """The agency a dateline match (:func:`match_dateline`, :func:`opening_dateline`) names."""
    found = m.groupdict()
    return (found.get("agency") or found.get("agency2") or found.get("agency_ur") or "").strip()


def _dateline_match(line: str) -> re.Match | None:
    return DATELINE_RE.match(line) or _listed_dateline_re().match(line) or _slashed_dateline_re().match(line)

#: The Chinese wire dateline: a credit and place written together, the day (perhaps with the month),
#: then 电 ("cabled") or 讯 ("reported"), perhaps a reporter's byline in brackets:
#: "新华社北京12月5日电", "中新网12月9日电", "本报东京3日讯", "新华社北京12月5日电（记者王明）".
#: The date before 电/讯 is the mark: a sentence does not put one there.
UNSPACED_DATELINE_RE = re.compile(
    r"^\s*(?P<agency>[\u4e00-\u9fff]{2,16}?)(?:\d{1,2}月)?\d{1,2}日[电讯](?:[（(][^）)\n]{1,20}[）)])?"
)


def match_dateline(text: str) -> re.Match | None:
    """The agency dateline (:data:`DATELINE_RE`, or the Chinese one, :data:`UNSPACED_DATELINE_RE`)
    that ``text`` opens with, if any."""
    return _dateline_match(text) or UNSPACED_DATELINE_RE.match(text)


def opening_dateline(doc: Document) -> re.Match | None:
    """The agency dateline ("Moscow (AFP) -") on one of the first three lines of ``doc``, if any."""
    for line in doc.text.lstrip().splitlines()[:3]:
        m = _dateline_match(line)
        if m:
            return m
    return None


#: A dateline by its shape, in any script: at a line's start, a place (and perhaps a date), then a
#: bracketed credit with no digits ("ہیمبرگ۔23نومبر (اے پی پی)", "LONDON, Feb 24 (Reuters) -",
#: "МОСКВА, 1 декабря (РИА Новости) -"); the word counts are checked after the match.
_CREDIT_LINE_RE = re.compile(
    r"[^\S\n]*(?P<place>[^()\[\]（）\n]{1,80}?)[^\S\n]*(?P<open>[(\[（])[^\S\n]*(?P<credit>[^()\[\]（）\n\d]{1,40}?)[^\S\n]*[)\]）]"
)
#: a dateline's place and date take at most this many words ("مقبوضہ بیت المقدس ۔ 22 نومبر"), its
#: credit at most this many ("خصوصی وقائع نگار"); a longer run is a sentence with a bracket in it.
#: The one definition: the direction features' dated credit (lineage.reuse) reads the same shape.
DATELINE_PLACE_WORDS, CREDIT_WORDS = 6, 5
#: datelines open the article: on the first lines only (headline, subhead, byline, dateline)
_DATELINE_LINES = 6


def credit_dateline_places(doc: Document) -> tuple[tuple[int, int], ...]:
    """For each dateline by its shape (see :data:`_CREDIT_LINE_RE`) on the first non-empty lines of
    ``doc``, ``(start, bracket)``: where its place begins and where its credit's bracket opens, so
    the place and date (and the space before the bracket) lie in ``[start, bracket)`` (memoised)."""

    def compute(d: Document) -> tuple[tuple[int, int], ...]:
        out, pos, seen = [], 0, 0
        text = d.text
        while pos < len(text) and seen < _DATELINE_LINES:
            end = text.find("\n", pos)
            end = len(text) if end < 0 else end
            line = text[pos:end]
            if line.strip():
                seen += 1
                m = _CREDIT_LINE_RE.match(line)
                if (m and len(m.group("place").split()) <= DATELINE_PLACE_WORDS
                        and len(m.group("credit").split()) <= CREDIT_WORDS):
                    out.append((pos + m.start("place"), pos + m.start("open")))
            pos = end + 1
        return tuple(out)

    return doc.derived("credit_dateline_places", compute)

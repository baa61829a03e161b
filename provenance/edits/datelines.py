"""Agency datelines ("KYIV, Nov 25 (AFP) -"): the pattern, the opening-lines lookup, and datelines in
any script ("ہیمبرگ۔23نومبر (اے پی پی)") by their shape."""

from __future__ import annotations

import re
from functools import lru_cache

from ..model import Document

__all__ = ["DATELINE_RE", "UNSPACED_DATELINE_RE", "in_opening", "match_dateline", "opening_dateline", "dateline_agency",
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


#: A dateline without a credit, as American papers and the wires' own reprints set it: a place in
#: capitals (and perhaps its state or country as written) and a dash, "VIENNA —", "BUFFALO, N.Y. —",
#: "DUBAI, United Arab Emirates —", "BERLIN --". The place must be all capitals: a capitalised word
#: and a dash open many sentences ("Meanwhile — "), and a colon opens letters ("DEAR ABBY:").
_PLAIN_DATELINE_RE = re.compile(
    r"^\s*(?P<place>[^\W\d_][^\W\d_.'’ -]*(?:[ .'’-]+[^\W\d_]+){0,3}\.?)"
    r"(?:,\s*(?P<region>[^\W\d_][\w.'’]*(?:\s+[^\W\d_][\w.'’]*){0,3}))?\s+(?:—|–|--?)(?:\s+|$)"
)


#: Rubrics a desk sets in capitals before a dash over a paragraph ("EXCLUSIVE -", "BREAKING —"): the
#: shape of a dateline without one's place. A closed class of newsroom words, not places.
_RUBRICS = frozenset("""exclusive breaking update updated updates analysis opinion editorial editor editors note
    comment commentary watch video videos photos photo gallery live latest developing urgent flash alert correction
    clarification advisory factbox fact check explainer review reviews interview preview profile feature special
    report news brief briefs world national local sport sports business politics weather obituary health science
    tech technology top story stories happening now just today tonight entertainment lifestyle culture arts music movies
    film books food travel education environment climate economy markets money finance property crime courts
    justice military defense defence religion faith space autos nation region metro international""".split())


def _plain_dateline_match(text: str) -> re.Match | None:
    m = _PLAIN_DATELINE_RE.match(text)
    place = m.group("place") if m else ""
    if (m and place.isupper() and sum(c.isalpha() for c in place) >= 3
            and not set(re.findall(r"[^\W\d_]+", place.casefold())) & _RUBRICS):
        return m
    return None


def in_opening(starts, k: int) -> bool:
    """Whether token ``k`` lies in the first two paragraphs (a headline, then the dateline's): where a
    dateline without a credit ("VIENNA —") may stand; capitals and a dash further down open a
    roundup's entries, a transcript's speakers, a list of teams."""
    if not starts:
        return False
    seen, j = 0, 0
    while True:
        try:
            j = starts.index(True, j + 1)
        except ValueError:
            return True
        if j > k:
            return True
        seen += 1
        if seen >= 2:
            return False


def match_dateline(text: str, plain: bool = False) -> re.Match | None:
    """The dateline that ``text`` opens with, if any: an agency's (:data:`DATELINE_RE`, the Chinese
    :data:`UNSPACED_DATELINE_RE`) or, with ``plain``, one without a credit ("VIENNA —"), whose
    match names no agency (:func:`dateline_agency` gives "")."""
    return (_dateline_match(text) or UNSPACED_DATELINE_RE.match(text)
            or (_plain_dateline_match(text) if plain else None))


def opening_dateline(doc: Document, plain: bool = False) -> re.Match | None:
    """The agency dateline ("Moscow (AFP) -") on one of the first three lines of ``doc``, if any;
    with ``plain``, a dateline without a credit ("VIENNA —") counts too."""
    for line in doc.text.lstrip().splitlines()[:3]:
        m = _dateline_match(line) or (_plain_dateline_match(line) if plain else None)
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

"""Agency datelines ("KYIV, Nov 25 (AFP) -"): the pattern and the opening-lines lookup."""

from __future__ import annotations

import re

from ..model import Document

__all__ = ["DATELINE_RE", "opening_dateline"]


#: CITY (AGENCY) -  or  CITY, date (AGENCY) -   (an agency is 2-8 capitals, or a listed name)
DATELINE_RE = re.compile(
    r"^\s*[A-ZÀ-Ý][\w.'’ -]{0,40}(,[^()\n]{0,40})?\s*\((?P<agency>[A-Z][A-Za-z-]{1,7}|[^()\n]{2,40})\)\s*[-–—:]"
)


def opening_dateline(doc: Document) -> re.Match | None:
    """The agency dateline ("Moscow (AFP) -") on one of the first three lines of ``doc``, if any."""
    for line in doc.text.lstrip().splitlines()[:3]:
        m = DATELINE_RE.match(line)
        if m:
            return m
    return None

"""House-style rules: abbreviations and British/American spelling."""

from __future__ import annotations

import re


from ..text.lexicon import Lexicon

__all__ = ["MONTH_ABBREVIATIONS", "edit_distance", "is_abbreviation", "levenshtein_similarity", "spelling_change"]


MONTH_ABBREVIATIONS = {
    "january": "jan", "february": "feb", "march": "mar", "april": "apr", "june": "jun", "july": "jul",
    "august": "aug", "september": "sept", "october": "oct", "november": "nov", "december": "dec",
}


def is_abbreviation(long, short) -> bool:
    """``short`` abbreviates ``long``: U.S./US, Feb./February, U.S./United States, Gov./Governor."""
    lt = " ".join(t.text for t in long)
    st = " ".join(t.text for t in short)
    if lt == st:
        return False
    ld, sd = lt.replace(".", "").replace(" ", ""), st.replace(".", "").replace(" ", "")
    if ld and ld == sd and lt != st:
        return "." in st or "." in lt  # US <-> U.S.
    if len(long) == 1 and len(short) == 1:
        lw, sw = long[0].norm, short[0].norm.rstrip(".")
        if MONTH_ABBREVIATIONS.get(lw) == sw or (MONTH_ABBREVIATIONS.get(lw, "")[:3] == sw and lw in MONTH_ABBREVIATIONS):
            return True
        return short[0].text.endswith(".") and len(sw) >= 2 and lw.startswith(sw) and len(lw) > len(sw)
    if len(long) >= 2 and len(short) < len(long) and (len(short) == 1 or all(t.text.isupper() for t in short)):
        # initials, also split by a mark the tokenizer keeps apart ("PG&E": "PG", "E")
        initials = "".join(t.text[0] for t in long if t.text[:1].isupper())
        return len(initials) >= 2 and initials == sd
    # same number of words, each pair equal or abbreviated ("February 24" -> "Feb. 24")
    if len(long) == len(short):
        diffs = [(a, b) for a, b in zip(long, short) if a.norm != b.norm]
        return bool(diffs) and all(is_abbreviation([a], [b]) for a, b in diffs)
    return False


_GB_US = [
    (re.compile(r"isation"), "ization"), (re.compile(r"is(e|ed|es|ing|er|ers)$"), r"iz\1"),
    (re.compile(r"yse(d|s)?$"), r"yze\1"), (re.compile(r"our(s|ed|ing|ite|ites|able|er|ers)?$"), r"or\1"),
    (re.compile(r"tre(s)?$"), r"ter\1"), (re.compile(r"ogue(s)?$"), r"og\1"), (re.compile(r"ence$"), "ense"),
    (re.compile(r"ll(ed|ing|er|ers)$"), r"l\1"), (re.compile(r"ae"), "e"), (re.compile(r"oe"), "e"),
]


def _american(word: str) -> str:
    for pat, rep in _GB_US:
        word = pat.sub(rep, word)
    return word


def levenshtein_similarity(a: str, b: str) -> float:
    """``1 - distance / max(len(a), len(b))`` with unit costs (1.0 for two empty strings): the value
    of rapidfuzz's ``Levenshtein.normalized_similarity``. Computed here because it is only asked of
    two words, and importing rapidfuzz costs ~6 ms of every ``trace`` (issue #12)."""
    if a == b:
        return 1.0
    if len(a) < len(b):
        a, b = b, a
    if len(a) * len(b) > 4096:  # long tokens: rapidfuzz's bit-parallel distance, not this quadratic loop
        from rapidfuzz.distance import Levenshtein

        return Levenshtein.normalized_similarity(a, b)
    return 1.0 - edit_distance(a, b) / len(a)


def edit_distance(a: str, b: str) -> int:
    """Levenshtein distance with unit costs (quadratic: for words, not passages)."""
    prev = list(range(len(b) + 1))
    for i, ca in enumerate(a, 1):
        cur = [i]
        for j, cb in enumerate(b, 1):
            cur.append(min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (ca != cb)))
        prev = cur
    return prev[-1]


def spelling_change(lex: Lexicon, pn: list[str], cn: list[str], min_length: int = 5,
                    min_similarity: float = 0.8) -> str | None:
    """How ``cn`` respells ``pn`` word for word (British to American, American to British, or a
    close respelling of a word of ``min_length``+ letters, "spelling corrected"), or ``None``."""
    if len(pn) != len(cn) or not pn:
        return None
    notes = []
    for a, b in zip(pn, cn):
        if a == b:
            continue
        # the same possessive on both ("Kyiv's" -> "Kiev's"): the name's spelling is what changed
        for ending in ("'s", "\u2019s"):
            if a.endswith(ending) and b.endswith(ending):
                a, b = a[: -len(ending)], b[: -len(ending)]
                break
        if not (a.isalpha() or "'" in a) or not (b.isalpha() or "'" in b):
            return None
        if (a, b) in lex.spelling_pairs:
            notes.append("British to American spelling")
        elif (b, a) in lex.spelling_pairs:
            notes.append("American to British spelling")
        elif _american(a) == b and a != b:
            notes.append("British to American spelling")
        elif _american(b) == a:
            notes.append("American to British spelling")
        elif min(len(a), len(b)) >= min_length and a[0] == b[0] and levenshtein_similarity(a, b) >= min_similarity:
            notes.append("spelling corrected")
        else:
            return None
    return notes[0] if notes else None

"""Look-alike letters of another script inside a word, folded to the word's own script.

A copy can swap letters for ones of another script that look the same (Latin ``o`` for Cyrillic
``о``, Cyrillic ``а`` for Latin ``a``): on screen the text is unchanged, while every comparison by
code point sees other words. Texts written normally never mix scripts inside a word, so a word that
mixes Latin with Cyrillic or Greek letters is read in its *own* script: the script of its letters
that have no look-alike in the other (``д`` is only Cyrillic, ``w`` only Latin), or, when every
letter has one, the script most of its letters are in (Latin on a tie). Its look-alike letters of
the other script are then replaced by their twins (the pairs of Unicode's confusables data, TR39,
between these scripts). Letters without a twin are never changed. In a text
(:func:`fold_confusable_words`), the text's script is the one most of its letters without a twin
are in; a word of twins only is read in it, and so is a whole word of the other script's twin
letters, one letter or lower case ("c" for "с", "a" for "а" in Russian; an acronym such as "CEO"
stays as written).

Used for comparison only (token norms, the reuse model's character views, archive shingles); the
surface text is never changed.
"""

from __future__ import annotations

import re
from functools import lru_cache

__all__ = ["fold_confusables", "fold_confusable_words"]

# (Latin, Cyrillic) and (Latin, Greek) twins that look alike in common fonts, both cases
_CYRILLIC = {"A": "А", "B": "В", "C": "С", "E": "Е", "H": "Н", "K": "К", "M": "М", "O": "О", "P": "Р",
             "T": "Т", "X": "Х", "Y": "У", "a": "а", "c": "с", "e": "е", "o": "о", "p": "р", "x": "х",
             "y": "у", "i": "і", "j": "ј", "s": "ѕ", "I": "І", "J": "Ј", "S": "Ѕ"}
_GREEK = {"A": "Α", "B": "Β", "E": "Ε", "H": "Η", "I": "Ι", "K": "Κ", "M": "Μ", "N": "Ν", "O": "Ο", "P": "Ρ",
          "T": "Τ", "X": "Χ", "Y": "Υ", "Z": "Ζ", "o": "ο", "v": "ν"}

_TO_OTHER = {"cyrillic": str.maketrans(_CYRILLIC), "greek": str.maketrans(_GREEK)}
_TO_LATIN = {"cyrillic": str.maketrans({v: k for k, v in _CYRILLIC.items()}),
             "greek": str.maketrans({v: k for k, v in _GREEK.items()})}
_TWINS = {"cyrillic": (frozenset(_CYRILLIC), frozenset(_CYRILLIC.values())),
          "greek": (frozenset(_GREEK), frozenset(_GREEK.values()))}
_RANGES = {"cyrillic": ("\u0400", "\u04ff"), "greek": ("\u0370", "\u03ff")}


def _twin_word_re(letters) -> re.Pattern:
    """A whole word of ``letters``: one letter, or lower-case letters only (an acronym of twins,
    "CEO" or "TASS" in a Russian text, is a Latin word as written, not a disguised one)."""
    lower = "".join(sorted(ch for ch in letters if ch.islower()))
    every = "".join(sorted(letters))
    return re.compile(rf"(?<!\w)(?:[{every}]|[{lower}]+)(?!\w)")


@lru_cache(maxsize=None)
def _twin_words(other: str, latin: bool) -> re.Pattern:
    """A whole word of one script's twin letters: Latin ones (``latin``), or ``other``'s."""
    return _twin_word_re(_TWINS[other][0 if latin else 1])


_LATIN_RE = re.compile(r"[A-Za-z]")
_OTHER_RE = re.compile(r"[\u0370-\u03ff\u0400-\u04ff]")


@lru_cache(maxsize=1)
def _mixed_words() -> re.Pattern:
    """A word holding an ASCII letter and a Greek or Cyrillic one."""
    return re.compile(r"\b(?=\w*[A-Za-z])(?=\w*[\u0370-\u03ff\u0400-\u04ff])\w+")


def _plain_letters(script: str, other: str) -> re.Pattern:
    """Letters of ``script`` ("latin" or ``other``) that have no twin in the other: folding never
    changes them, so counts of them decide a text's script the same way before and after."""
    latin, foreign = _TWINS[other]
    if script == "latin":
        return re.compile(rf"(?![{''.join(sorted(latin))}])[A-Za-z]")
    lo, hi = _RANGES[other]
    return re.compile(rf"(?![{''.join(sorted(foreign))}])[{lo}-{hi}]")


_plain = lru_cache(maxsize=None)(_plain_letters)  # compiled on first use: imports stay cheap


def _count(script: str, other: str, text: str) -> int:
    return len(_plain(script, other).findall(text))


def _script(text: str) -> str:
    """The other script of ``text``: Cyrillic or Greek, whichever has more letters without a Latin
    twin (Cyrillic on a tie)."""
    return "cyrillic" if _count("cyrillic", "cyrillic", text) >= _count("greek", "greek", text) else "greek"


def fold_confusables(word: str, prefer_other: bool | None = None) -> str:
    """``word`` with its look-alike letters of another script folded to its own (module docstring).
    A word in one script comes back unchanged (the same object). A word whose letters all have
    twins is read in the script of most of its letters (Latin on a tie), or, with
    ``prefer_other`` given, in the script it names (:func:`fold_confusable_words` gives the one
    most of the text is in: "На" with a Latin "a" in a Russian text)."""
    if word.isascii() or not _LATIN_RE.search(word) or not _OTHER_RE.search(word):
        return word
    other = _script(word)
    lo, hi = _RANGES[other]
    latin_twins, other_twins = _TWINS[other]
    latin = [ch for ch in word if ch.isascii() and ch.isalpha()]
    foreign = [ch for ch in word if lo <= ch <= hi]
    latin_only = any(ch not in latin_twins for ch in latin)
    other_only = any(ch not in other_twins for ch in foreign)
    if other_only and not latin_only:
        return word.translate(_TO_OTHER[other])
    if latin_only and not other_only:
        return word.translate(_TO_LATIN[other])
    if latin_only:  # letters of both scripts without a twin: a real mix (a code, a name), kept
        return word
    to_other = len(foreign) > len(latin) if prefer_other is None else prefer_other
    return word.translate(_TO_OTHER[other] if to_other else _TO_LATIN[other])


def fold_confusable_words(text: str) -> str:
    """:func:`fold_confusables` applied to the words of ``text``, read in the script most of its
    letters without a twin are in (Latin on a tie): a word mixing scripts is folded to its own (a word of twins only, to the
    text's), and a word wholly of twin letters of the text's minority script, one letter or lower
    case ("c" or "ecpo" in Latin letters in a Russian text; "соре" in Cyrillic ones in an English
    text), to the text's script. A text in one script comes back unchanged (the same object). One code point for one:
    offsets into ``text`` stay valid."""
    if text.isascii() or not _OTHER_RE.search(text) or not _LATIN_RE.search(text):
        return text
    other = _script(text)
    # counted over letters without a twin, which folding leaves as they are: a second fold finds
    # the same script, and changes nothing (idempotent)
    prefer_other = _count(other, other, text) > _count("latin", other, text)
    out = _mixed_words().sub(lambda m: fold_confusables(m.group(0), prefer_other), text)
    minority = _twin_words(other, prefer_other)
    table = _TO_OTHER[other] if prefer_other else _TO_LATIN[other]
    return minority.sub(lambda m: m.group(0).translate(table), out)

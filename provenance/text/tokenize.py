"""Unicode-aware tokenization into words, numbers, abbreviations, quotation marks and punctuation.

Guarantees: tokens are non-empty, sorted, non-overlapping and ``text[t.start:t.end] == t.text``.
Every non-whitespace character of the text belongs to exactly one token. A token never contains
whitespace, except a no-break space (U+00A0 or U+202F) used as a thousands separator inside a number
("13\u202f000" is one number, as French and Swiss typesetting writes it). Full-width digits take the
full-width decimal point and per cent sign ("９．１％" is one number, as Chinese and Japanese write it). Runs in one linear regex pass.

Chinese, Japanese, Thai, Lao, Myanmar and Khmer are written without spaces between words, so a run
of their characters would be one "word" as long as a clause, and one changed character would replace
the whole clause. In a text that holds them, each Han, Hiragana or Katakana character, and each
Thai, Lao, Myanmar or Khmer letter with its vowel and tone signs, is a word token of its own, and
digits written against them are a number ("12月5日" is 12, 月, 5, 日): the character-level comparison
diff tools use for these scripts, without a dictionary segmenter (which would need a download). Hangul is
written with spaces between words and keeps its words. Other texts take a pattern without that
branch (the exclusion costs a third more time per character).
"""

from __future__ import annotations

import os
import re
import unicodedata
from functools import lru_cache

from ..model import Token
from .confusables import fold_confusable_words, fold_confusables

__all__ = ["tokenize", "normalize_token", "QUOTE_CHARS", "OPEN_QUOTES", "CLOSE_QUOTES", "WORD_MARKS", "UNSPACED_CHARS",
           "SPACED_WORD_CHAR", "has_unspaced"]


def mark_ranges() -> list[tuple[int, int]]:
    """The BMP's combining marks (categories Mn, Mc, Me) as inclusive code point ranges, from this
    Python's ``unicodedata`` (about 10 ms: the packaged table below saves it at start-up)."""
    ranges, start, prev = [], None, None
    for cp in range(0x300, 0x10000):
        if unicodedata.category(chr(cp)) in ("Mn", "Mc", "Me"):
            if start is None:
                start = cp
            elif cp != prev + 1:
                ranges.append((start, prev))
                start = cp
            prev = cp
    if start is not None:
        ranges.append((start, prev))
    return ranges


#: ``provenance/data/combining_marks.txt``: :func:`mark_ranges` for one Unicode version (its first
#: line), written by ``benchmarks/write_combining_marks.py``; used only when it is this Python's.
MARKS_FILE = os.path.join(os.path.dirname(os.path.dirname(os.path.abspath(__file__))), "data", "combining_marks.txt")


def _packaged_mark_ranges() -> list[tuple[int, int]] | None:
    try:
        with open(MARKS_FILE, encoding="ascii") as fh:
            version, *lines = fh.read().split()
    except (OSError, ValueError):
        return None
    if version != f"unicode-{unicodedata.unidata_version}":
        return None
    return [(int(a, 16), int(b, 16)) for a, _, b in (line.partition("-") for line in lines)]


def _mark_class() -> str:
    # Combining marks (Urdu/Arabic harakat, Devanagari vowel signs, ...) are not ``\w`` in Python's
    # re, so a word would be cut at every diacritic. The class is built once (BMP).
    ranges = _packaged_mark_ranges() or mark_ranges()
    return "".join(
        re.escape(chr(a)) if a == b else f"{re.escape(chr(a))}-{re.escape(chr(b))}" for a, b in ranges
    )


#: The combining marks, zero-width joiners and the invisible characters a CMS or a hyphenator puts
#: inside words (soft hyphen, zero-width space, word joiner, a stray byte-order mark) that belong
#: inside a word, as the inside of a regex character class: Python's ``\w`` leaves them out, so a
#: pattern of words must add them. "inev\u00aditable" reads as "inevitable" on screen and is one
#: word; its comparison form drops the invisible character.
#: The invisible characters among them (joiners, soft hyphen, zero-width space, word joiner, BOM).
INVISIBLE_MARKS = "\u200c\u200d\u00ad\u200b\u2060\ufeff"
WORD_MARKS = _mark_class() + INVISIBLE_MARKS
_WORDCH = rf"[\w{WORD_MARKS}]"

#: Abbreviations that take a full stop; the stop stays inside the token ("Feb." is one token).
ABBREVIATIONS = frozenset(
    """jan feb mar apr jun jul aug sep sept oct nov dec mon tue tues wed thu thur thurs fri sat sun
    mr mrs ms dr prof gen col lt sgt capt cmdr adm gov sen rep rev st jr sr inc ltd co corp bros
    vs etc no nos vol pp approx dept est fig univ ave blvd mt ft""".split()
)
#: Numbering abbreviations that are also words ("he said no."): they keep their stop only before a
#: digit ("No. 10", "Vol. 3", "Fig. 2").
NUMBERING_ABBREVIATIONS = frozenset("no nos vol pp fig".split())

QUOTE_CHARS = "\"'“”„‟«»‘’‚‛‹›「」『』"
OPEN_QUOTES = "“„‟«‘‚‛‹「『"
CLOSE_QUOTES = "”»’›」』"

#: Characters of scripts written without spaces between words (module docstring), as the inside of a
#: regex character class: Hiragana, Katakana (and its phonetic extensions and half-width forms), the
#: CJK ideographs (unified, extension A, compatibility, and the supplementary planes' extensions),
#: the iteration marks 々 〆 〇, and the letters and signs of Thai, Lao, Myanmar and Khmer (their
#: vowel and tone signs are combining marks, not listed: a token keeps them with its letter).
UNSPACED_CHARS = ("\u3005-\u3007\u3040-\u30ff\u31f0-\u31ff\u3400-\u4dbf\u4e00-\u9fff"
                  "\uf900-\ufaff\uff66-\uff9f\U00020000-\U0003134f"
                  "\u0e01-\u0e30\u0e32-\u0e33\u0e3f-\u0e46\u0e4f\u0e5a-\u0e5b"  # Thai
                  "\u0e81-\u0e82\u0e84\u0e86-\u0e8a\u0e8c-\u0ea3\u0ea5\u0ea7-\u0eb0\u0eb2-\u0eb3\u0ebd"
                  "\u0ec0-\u0ec4\u0ec6\u0edc-\u0edf"  # Lao
                  "\u1000-\u102a\u103f\u104a-\u1055\u105a-\u105d\u1061\u1065-\u1066\u106e-\u1070"
                  "\u1075-\u1081\u108e\u109e-\u109f"  # Myanmar
                  "\u1780-\u17b3\u17d4-\u17dc\u17f0-\u17f9")  # Khmer
_UNSPACED_RE = re.compile(f"[{UNSPACED_CHARS}]")
#: One word character (``\w``) of a script written with spaces: a regex class. Beside a name or a
#: number it continues the word; a Chinese or Japanese character does not.
SPACED_WORD_CHAR = f"[^\\W{UNSPACED_CHARS}]"


def has_unspaced(text: str) -> bool:
    """Whether ``text`` holds a character of a script written without spaces (:data:`UNSPACED_CHARS`)."""
    return not text.isascii() and _UNSPACED_RE.search(text) is not None


_TOKEN_PATTERN = r"""
    \s*+(?:  # whitespace skipped inside the match: each space would otherwise try every branch below
    (?P<abbrev>(?=[^\W\d_]{1,5}\.)(?:                       # cheap guard: most words fail here
        (?:[^\W\d_]\.){2,}                                   # U.S.  e.g.  U.K.
      | (?:[^\W\d_]{1,5}\.)(?=\s+[\w\d])                      # Feb. 24, Mr. Putin (checked below)
    ))
  | (?P<number>[$€£¥₹]?INVISIBLE*DIGITS(?:INVISIBLE*[.,\u00a0\u202f．]INVISIBLE*DIGITS)*(?:[%％]|bn|m|k)?INVISIBLE*(?!NUMBER_END|INVISIBLE))
  | (?P<word>WORDCH+(?:['’]WORDCH+)*UNSPACED_BRANCH)
  | (?P<quote>["'“”„‟«»‘’‚‛‹›「」『』])
  | (?P<punct>[^\s])
    )?"""  # optional: trailing whitespace is one match, not one per space

#: Invisible characters a CMS leaves inside a figure ("2\u200b75", "$4\u200b4,000", "$\u200b6", "13\u200b "):
#: part of the number, as they are of a word (its comparison form drops them), not a cut between two
#: numbers; a figure that runs on into letters through one ("1\u200c4th") is a word, as "14th" is.
_INVISIBLE = f"[{INVISIBLE_MARKS}]"
_DIGITS = rf"\d+(?:{_INVISIBLE}+\d+)*"
_TOKEN_PATTERN = _TOKEN_PATTERN.replace("DIGITS", _DIGITS).replace("INVISIBLE", _INVISIBLE)

_TOKEN_RE = re.compile(
    _TOKEN_PATTERN.replace("WORDCH", _WORDCH).replace("NUMBER_END", r"\w").replace("UNSPACED_BRANCH", ""), re.VERBOSE
)


@lru_cache(maxsize=1)
def _unspaced_token_re() -> re.Pattern:
    """The token pattern for a text with unspaced characters (module docstring): each is a word token
    of its own, and no other word or number runs into one."""
    wordch = f"(?:{SPACED_WORD_CHAR}|[{WORD_MARKS}])"
    return re.compile(
        _TOKEN_PATTERN.replace("WORDCH", wordch).replace("NUMBER_END", SPACED_WORD_CHAR)
        .replace("UNSPACED_BRANCH", f"|[{UNSPACED_CHARS}][{WORD_MARKS}]*"),
        re.VERBOSE,
    )


_QUOTE_NORM = str.maketrans(
    {
        "“": '"', "”": '"', "„": '"', "‟": '"', "«": '"', "»": '"', "「": '"', "」": '"',
        "『": '"', "』": '"', "‘": "'", "’": "'", "‚": "'", "‛": "'", "‹": "'", "›": "'",
        "–": "-", "—": "-", "‑": "-", "‐": "-", "−": "-", "\u00a0": " ", "\u202f": " ",
    }
)


# Arabic-script letter variants one word is written with (Arabic vs Urdu/Persian code points),
# tatweel (justification only) and invisible joiners and bidi marks: folded in the comparison form,
# so "كتاب" and "کتاب" or "پاکستان" with a zero-width non-joiner align as one word.
_SCRIPT_FOLD = str.maketrans(
    {
        "ي": "ی", "ى": "ی", "ې": "ی", "ك": "ک", "ه": "ہ", "ۃ": "ہ", "ة": "ہ", "ە": "ہ", "ٱ": "ا",
        "ـ": None, "\u200b": None, "\u200c": None, "\u200d": None, "\u2060": None, "\ufeff": None, "\u00ad": None,
        "\u200e": None, "\u200f": None, "\u061c": None,
    }
)


def _fold_arabic_marks(text: str) -> str:
    """Arabic harakat and Quranic marks dropped (vowel signs written in some copies, not others)."""
    return "".join(c for c in text if not ("\u064b" <= c <= "\u065f" or c == "\u0670" or "\u0610" <= c <= "\u061a"))


def normalize_token(surface: str) -> str:
    """The comparison form of a token: NFKC (full-width and presentation forms), case-folded, quotes
    and dashes made plain; Arabic-script letter variants, harakat, tatweel and invisible joiners
    folded; look-alike letters of another script inside a word folded to the word's script
    (:mod:`provenance.text.confusables`). The surface text is never changed; Latin accents are kept
    (a spelling edit)."""
    if not isinstance(surface, str):
        raise TypeError(f"normalize_token: surface must be a str, not {type(surface).__name__}")
    if surface.isascii():
        return surface.lower()  # NFKC and the quote table leave ASCII alone; casefold is lower
    # look-alike letters of another script inside a word read in the word's own (Latin "o" in a
    # Russian word): such a copy reads the same on screen (text.confusables)
    out = unicodedata.normalize("NFKC", fold_confusables(surface)).translate(_QUOTE_NORM).translate(_SCRIPT_FOLD).casefold()
    if any("\u0600" <= c <= "\u06ff" for c in out):
        out = _fold_arabic_marks(out)
    return out or surface


def _digit_follows(text: str, pos: int) -> bool:
    # The abbreviation pattern guarantees whitespace then a word character after ``pos``.
    rest = text[pos : pos + 16].lstrip()
    return bool(rest) and rest[0].isdigit()


def tokenize(text: str) -> tuple[Token, ...]:
    """Split ``text`` into tokens with character offsets (see module docstring)."""
    if not isinstance(text, str):
        raise TypeError(f"tokenize: text must be a str, not {type(text).__name__}")
    out: list[Token] = []
    append = out.append
    new = tuple.__new__  # Token(...) without NamedTuple's Python-level __new__: this loop is hot
    norm_of: dict[str, str] = {}  # a text repeats its words: normalise each surface form once
    pattern = _unspaced_token_re() if has_unspaced(text) else _TOKEN_RE
    # norms are read from the text with look-alike letters folded in the text's context (the same
    # offsets: one code point for one), surfaces from the text as written
    folded = fold_confusable_words(text)
    for m in pattern.finditer(text):
        kind = m.lastgroup
        if kind is None:  # trailing whitespace (or the empty match at the end)
            continue
        start, end = m.span(kind)
        surface = text[start:end]
        if kind == "abbrev" and surface.count(".") == 1:
            # Only listed abbreviations keep their stop; "said." at a sentence end does not.
            stem = surface[:-1].casefold()
            if stem not in ABBREVIATIONS or (stem in NUMBERING_ABBREVIATIONS and not _digit_follows(text, end)):
                word = surface[:-1]
                append(Token(word, normalize_token(folded[start:end - 1]), start, end - 1, "word"))
                append(Token(".", ".", end - 1, end, "punct"))
                continue
        norm = norm_of.get(surface)
        if norm is None:
            norm = norm_of[surface] = normalize_token(surface if folded is text else folded[start:end])
        append(new(Token, (surface, norm, start, end, kind)))
    return tuple(out)

"""Detectors for edits that change what a story says (issue #13), over one changed passage.

Each detector takes the text of a changed span in the source (``parent``) and in the reprint
(``child``) as plain strings, optionally with context (the surrounding paragraph or the whole text on
each side), and returns a :class:`MeaningChange` or ``None``. A verdict is a record with fields
(``kind``, ``action``, ``change``, ``removed``, ``added``); nothing downstream needs to parse a note.

Public API::

    detect_meaning_changes(parent, child, parent_context="", child_context="", settings=...) -> tuple[MeaningChange, ...]
    entity_change(parent, child, parent_context="", child_context="", settings=...)
    date_change(parent, child)
    polarity_change(parent, child)
    number_change(parent, child)
    attribution_change(parent, child, parent_context="", child_context="", settings=...)
    quotation_marks_removed(parent, child)
    contains_quotation(text, settings=...) -> bool
    parse_number_values(text) -> list[float]
    parse_quantities(text) -> list[tuple[float, str]]
    is_house_style(parent, child) -> bool
    stem(word) -> str

Kinds and default actions: ``entity`` (a person, organisation, place or nationality replaced: fail;
a name respelled by a small edit, a transliteration: warn), ``date`` (weekday, month, year or day of
the month changed: fail), ``polarity`` (a word replaced by its opposite from
``provenance/data/polarity.txt``: fail), ``number`` (a value changed, in digits of any script or in
words: fail), ``attribution`` (the speaker swapped or replaced around a speech verb, or a credit given
to another agency: fail), ``quote`` (a passage with a quotation inserted or deleted: fail; quotation
marks removed around quoted words: warn).

House style never fires (:func:`is_house_style` is checked first): abbreviations (U.S./US,
Feb./February, Dr/Doctor), British/American spelling (``breame`` pairs via
:mod:`provenance.text.lexicon`), titles (Mr, President), name expansions (Putin -> Vladimir Putin),
quotation mark styles and other punctuation, inside quotations as well.

**No NER library.** spaCy, Stanza and Flair need a model download at run time, NLTK's ``ne_chunk``
needs its data packages, and the ones that install from PyPI with a bundled model are large (hundreds
of MB) and English-only, for a question that here is narrower than NER: not "is this a name" but "was
one capitalised name replaced by another in an aligned passage". Capitalised-name runs (for cased
scripts), the nationality adjectives of ``provenance/data/nationalities.txt``, and the context (a
capitalised word at a sentence start that the context also writes in lower case is not a name) answer
that with no model. Uncased scripts (Arabic, CJK, Devanagari) get no entity verdicts from this
module; their numbers and quotation marks are still covered.

Thresholds (respelling size, the speech-verb window, the shortest quotation fragment) are in
``settings.edits`` (:class:`provenance.settings.EditSettings`); each detector that uses one takes
``settings`` (default :data:`provenance.settings.DEFAULT_SETTINGS`).

Pure and standard library only (plus the package's own lexicon). Cost: linear in the span lengths,
plus one scan of the context for the name and speaker checks.
"""

from __future__ import annotations

import math
import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache

from ..settings import DEFAULT_SETTINGS, Settings
from ..text.lexicon import load_lexicon, package_data_text
from ..text.confusables import fold_confusable_words
from ..text.tokenize import WORD_MARKS
from .style import MONTH_ABBREVIATIONS, edit_distance

__all__ = [
    "MEANING_KINDS",
    "MeaningChange",
    "attribution_change",
    "contains_quotation",
    "bound_change",
    "names_bound",
    "names_scale",
    "names_unit",
    "unit_change",
    "date_change",
    "names_cjk_weekday",
    "names_time",
    "names_unit_bound_number",
    "bound_side",
    "only_approximation_words",
    "rounded_figure",
    "names_approximation",
    "time_change",
    "same_duration",
    "detect_meaning_changes",
    "stated_figures",
    "entity_change",
    "is_house_style",
    "number_change",
    "parse_number_values",
    "parse_quantities",
    "polarity_change",
    "quotation_marks_removed",
    "stem",
    "SPEECH_VERBS",
    "name_runs",
    "same_entity",
    "respelled",
    "style_key",
    "quoted_passages",
    "date_atoms",
    "may_hold_quantity",
    "may_hold_date",
]

MEANING_KINDS = ("entity", "date", "polarity", "number", "attribution", "quote")


@dataclass(frozen=True)
class MeaningChange:
    """One change of meaning in a passage.

    ``kind`` is one of :data:`MEANING_KINDS`; ``action`` the default, ``fail`` or ``warn``.
    ``change`` says which rule fired, one of: ``replaced`` (entity, date, polarity, number),
    ``respelled`` (entity, warn), ``speaker_swapped``, ``speaker_replaced``, ``agency_replaced``
    (attribution), ``inserted``, ``deleted`` (quote: a passage containing a quotation),
    ``marks_removed`` (quote, warn). ``removed`` are the values found only in the source's span,
    ``added`` those only in the reprint's (names, normalised dates, stems' surface words, or numbers
    written as ``repr`` of their float value).
    """

    kind: str
    action: str
    change: str
    removed: tuple[str, ...] = ()
    added: tuple[str, ...] = ()


# ---------------------------------------------------------------------------------------------
# words

_QUOTES = "\"“”„‟«»「」『』‹›"
_SINGLE_QUOTES = "'‘’‚‛"
# A word may hold combining marks (Devanagari vowel signs, Arabic harakat), which ``\w`` leaves out.
_WORD_RE = re.compile(rf"[^\W_](?:[\w{WORD_MARKS}'’.-]*(?:[^\W_]|[{WORD_MARKS}]))?\.?|\S", re.UNICODE)


def _words(text: str) -> list[str]:
    return [w for w in _WORD_RE.findall(text) if w[0].isalnum()]


@lru_cache(maxsize=1 << 16)
def _fold(s: str) -> str:
    # look-alike letters of another script read in the word's own ("Thursdаy" with a Cyrillic а is
    # Thursday): a disguised copy must not hide a changed day, number or name behind them
    s = unicodedata.normalize("NFKD", fold_confusable_words(s))
    return "".join(c for c in s if not unicodedata.combining(c)).casefold()


#: Irregular forms of the news verbs the opposites pair, read as their base form by :func:`stem`, so
#: one pair covers every tense ("rally | fall" also holds "rallied" -> "fell").
_IRREGULAR = {"fell": "fall", "fallen": "fall", "rose": "rise", "risen": "rise", "won": "win", "lost": "lose",
              "grew": "grow", "grown": "grow", "shrank": "shrink", "shrunk": "shrink", "began": "begin",
              "begun": "begin", "bought": "buy", "sold": "sell", "died": "die", "dying": "die"}


@lru_cache(maxsize=1 << 16)
def stem(word: str) -> str:
    """A crude English stem for lexicon lookups: case-folded, one of -ing/-ed/-es/-s stripped (not
    the -s of -ss: "dismiss" as "dismissed"), a consonant's -i before -ed/-es read as -y ("denied",
    "denies" -> "deny", as "deny"), then final e's and a doubled final consonant ("refused",
    "refuses", "refusing", "refuse" -> "refus"; "stopped" -> "stop"). Irregular forms (rose/fell)
    are read through :data:`_IRREGULAR`."""
    w = _fold(word).strip(".'’")
    if w in _IRREGULAR:
        return stem(_IRREGULAR[w])
    for suffix in ("ing", "ed", "es", "s"):
        if w.endswith(suffix) and len(w) - len(suffix) >= 3 and not (suffix == "s" and w.endswith("ss")):
            w = w[: -len(suffix)]
            if suffix in ("ed", "es") and w[-1] == "i" and w[-2] not in "aeiou":
                w = w[:-1] + "y"  # denied, denies -> deny; rallied -> rally; enemies -> enemy
            break
    w = w.rstrip("e") or w
    if len(w) >= 4 and w[-1] == w[-2] and w[-1] not in "aeiouls":
        w = w[:-1]
    return w


def _data_lines(name: str) -> list[str]:
    text = package_data_text(name)
    return [ln.strip() for ln in text.splitlines() if ln.strip() and not ln.startswith("#")]


@lru_cache(maxsize=1)
def _polarity() -> dict[str, frozenset[str]]:
    """stem -> stems of its opposites."""
    out: dict[str, set[str]] = {}
    for line in _data_lines("polarity.txt"):
        a, b = (stem(part.strip()) for part in line.split("|"))
        out.setdefault(a, set()).add(b)
        out.setdefault(b, set()).add(a)
    return {k: frozenset(v) for k, v in out.items()}


@lru_cache(maxsize=1)
def _nationalities() -> frozenset[str]:
    return frozenset(_data_lines("nationalities.txt"))


# ---------------------------------------------------------------------------------------------
# house style

_ABBREV_TITLES = {"dr": "doctor", "prof": "professor", "gov": "governor", "sen": "senator",
                  "rep": "representative", "gen": "general", "col": "colonel", "lt": "lieutenant",
                  "sgt": "sergeant", "capt": "captain", "rev": "reverend", "st": "saint", "mt": "mount",
                  "pres": "president", "supt": "superintendent", "insp": "inspector"}


@lru_cache(maxsize=1)
def _title_words() -> frozenset[str]:
    return frozenset(load_lexicon().titles) | frozenset(_ABBREV_TITLES) | frozenset(_ABBREV_TITLES.values())


def style_key(text: str) -> list[str]:
    """The words of ``text`` with house style folded away: case, accents, dots of abbreviations,
    quotation mark and dash styles, punctuation, title words, abbreviated months and titles, and
    "per cent" / "pct" read as "percent"."""
    out = []
    for w in _words(text):
        f = _fold(w).replace("’", "'").rstrip(".").replace(".", "")
        f = _MONTH_ABBREV.get(f, f)
        if f in _title_words():
            continue
        if f == "cent" and out and out[-1] == "per":
            out[-1] = "percent"  # "per cent" is British for "percent" (and "pct" a wire's abbreviation)
            continue
        out.append("percent" if f == "pct" else f)
    return out


def _spelling_equal(a: str, b: str) -> bool:
    return a == b or load_lexicon().spelling_variant(a, b)


def _initials(words: list[str]) -> str:
    return "".join(w[0] for w in words if w and w not in load_lexicon().function_words)


def is_house_style(parent: str, child: str) -> bool:
    """``child`` differs from ``parent`` only by house style: abbreviations (U.S./US, United States/
    US, Feb./February), British/American spelling, titles, a name expanded or shortened (one side's
    words are the other's with leading capitalised words added), punctuation and quotation mark
    style. Two equal strings are style (nothing changed)."""
    pk, ck = style_key(parent), style_key(child)
    if pk == ck:
        return True
    if len(pk) == len(ck) and all(_spelling_equal(a, b) for a, b in zip(pk, ck)):
        return True
    # United States -> US ; Associated Press -> AP
    for long, short in ((pk, ck), (ck, pk)):
        if len(short) == 1 and len(long) >= 2 and _initials(long) == short[0] and len(short[0]) >= 2:
            return True
    # name expansion: "Putin" <-> "Vladimir Putin" (the extra words are capitalised, before or after
    # a shared tail) -- decided on the surface words, where case is still visible.
    pw = [w for w in _words(parent) if _fold(w).rstrip(".") not in _title_words()]
    cw = [w for w in _words(child) if _fold(w).rstrip(".") not in _title_words()]
    longer, shorter = (cw, pw) if len(cw) > len(pw) else (pw, cw)
    if shorter and len(longer) > len(shorter):
        n = len(shorter)
        fl, fs = [_fold(w) for w in longer], [_fold(w) for w in shorter]
        for i in range(len(longer) - n + 1):
            if fl[i:i + n] == fs:
                extra = longer[:i] + longer[i + n:]
                if all(w[:1].isupper() for w in extra) and all(w[:1].isupper() for w in shorter):
                    return True
    return False


# ---------------------------------------------------------------------------------------------
# entities

_CONNECTORS = frozenset("de da del della di van von der den du le la al el bin ibn ben of y".split())
_NAME_WORD = r"[A-ZÀ-ÖØ-ÞĀ-ſА-ЯЁ][\w'’-]*"
_NAME_RUN_RE = re.compile(
    rf"(?<![\w'’-]){_NAME_WORD}(?:\s+(?:(?:{'|'.join(sorted(_CONNECTORS))})\s+)?{_NAME_WORD})*"
)
_SENTENCE_ENDERS = ".!?…:;"
_CLOSING_QUOTES = "\"”’»"


def _opens_sentence(text: str, start: int) -> bool:
    """Whether ``text[:start]`` ends a sentence: it is empty, or ends in a stop (then maybe a closing
    quote) or a line break, spaces aside. Read backwards from ``start``, so it costs the spaces and
    the quote, not the prefix (a regex anchored at the prefix's end scans the whole prefix)."""
    if start == 0:
        return True
    k = start
    while k > 0 and text[k - 1].isspace():
        if text[k - 1] == "\n":
            return True
        k -= 1
    if k == 0:
        return False
    if text[k - 1] in _CLOSING_QUOTES:
        k -= 1
        while k > 0 and text[k - 1].isspace():
            k -= 1
    return k > 0 and text[k - 1] in _SENTENCE_ENDERS


def name_runs(text: str, context: str = "") -> list[str]:
    """Capitalised-name runs in ``text``, with title words, function words, months, weekdays and
    nationality adjectives split off. A run's first word at a sentence start is dropped when the
    context also writes it in lower case ("Officials said" is not a name)."""
    lex = load_lexicon()
    lower_context = set(re.findall(r"(?<![\w'’-])[a-zà-ÿ][\w'’-]*", context)) if context else set()
    runs = []
    for m in _NAME_RUN_RE.finditer(text):
        words = m.group(0).split()
        at_start = _opens_sentence(text, m.start())
        current: list[str] = []
        for k, w in enumerate(words):
            f = _fold(w).rstrip(".")
            skip = (f in lex.function_words or f in _title_words() or f in _MONTHS or f in _WEEKDAYS
                    or w in _nationalities() or (k == 0 and at_start and w.lower() in lower_context)
                    or (k == 0 and at_start and f in _SENTENCE_ADVERBS)
                    or (k == 0 and at_start and not context and f in _COMMON_SENTENCE_STARTS))
            if skip or (f in _CONNECTORS and not current):
                if current:
                    runs.append(" ".join(current))
                current = []
            else:
                current.append(w.rstrip("'’s") if w.endswith(("'s", "’s")) else w)
        if current:
            while current and _fold(current[-1]) in _CONNECTORS:
                current.pop()
            if current:
                runs.append(" ".join(current))
    return runs


#: Sentence adverbs and connectives: capitalised only because they open a sentence, never names, so
#: read as none whatever the context ("Meanwhile" -> "Still," and "Perhaps" -> "Maybe" failed as a
#: different name in a text that never writes them in lower case).
_SENTENCE_ADVERBS = frozenset(
    "meanwhile however perhaps maybe also instead then later earlier finally lastly moreover furthermore "
    "nevertheless nonetheless thus therefore hence overall separately similarly likewise besides otherwise "
    "actually apparently possibly probably certainly clearly already again previously currently recently "
    "initially eventually ultimately additionally alternatively consequently accordingly notably "
    "specifically".split())
# (not "Still", "Indeed", "Next", "Today", "Now", "First": names too, of people, firms and shows)
#: Capitalised words that open sentences and are not names, used only when no context is given.
_COMMON_SENTENCE_STARTS = frozenset(
    "he she they we you i it there here this that these those his her their our its after before when "
    "while if but and or so yet however meanwhile officials authorities police critics experts".split())


def _nationality_words(text: str) -> list[str]:
    nat = _nationalities()
    return [w for w in re.findall(r"[A-Z][a-z]+(?: Lankan)?", text) if w in nat]


_ROMAN_RE = re.compile(r"M{0,3}(CM|CD|D?C{0,3})(XC|XL|L?X{0,3})(IX|IV|V?I{0,3})")
_ROMAN_DIGITS = {"M": 1000, "D": 500, "C": 100, "L": 50, "X": 10, "V": 5, "I": 1}


def roman_value(word: str) -> int | None:
    """The value of a Roman numeral in capitals ("VIII" 8, "LIV" 54), else ``None``."""
    if not word or not _ROMAN_RE.fullmatch(word):
        return None
    total = 0
    for k, ch in enumerate(word):
        v = _ROMAN_DIGITS[ch]
        total += -v if k + 1 < len(word) and _ROMAN_DIGITS[word[k + 1]] > v else v
    return total


def respelled(a: str, b: str, settings: Settings = DEFAULT_SETTINGS) -> bool:
    """A transliteration-sized difference: the same first letter, at most
    ``edits.respelling_max_edits`` edits (2), and at least ``edits.respelling_min_kept`` of the
    longer name kept (three quarters) (Mikolaenko/Mikolayenko, Zelensky/Zelenskyy)."""
    fa, fb = _fold(a), _fold(b)
    if fa == fb or fa[:1] != fb[:1]:
        return False
    if roman_value(a) is not None and roman_value(b) is not None:
        return False  # "Henry VIII" -> "Henry VII": another number, however few letters apart
    d = edit_distance(fa, fb)
    es = settings.edits
    return d <= es.respelling_max_edits and 1 - d / max(len(fa), len(fb)) >= es.respelling_min_kept


def same_entity(a: str, b: str) -> bool:
    fa, fb = _fold(a).replace(".", ""), _fold(b).replace(".", "")
    if fa == fb:
        return True
    wa, wb = ([_NAME_NUMBERS.get(w, w) for w in f.split()] for f in (fa, fb))
    if wa == wb:
        return True
    # one is the other's tail or head (name expansion), or its initials (United States / US)
    if wa[-len(wb):] == wb or wb[-len(wa):] == wa or wa[:len(wb)] == wb or wb[:len(wa)] == wa:
        return True
    return (len(wa) == 1 and wa[0] == _initials(wb)) or (len(wb) == 1 and wb[0] == _initials(wa))


def entity_change(parent: str, child: str, parent_context: str = "",
                  child_context: str = "", settings: Settings = DEFAULT_SETTINGS) -> MeaningChange | None:
    """A named person, organisation, place or nationality in ``parent`` replaced by another in
    ``child``: ``fail`` (``replaced``), or ``warn`` (``respelled``) when every replaced name is a
    small respelling of a removed one. Names only removed or only added are not replacements."""
    if is_house_style(parent, child):
        return None
    pn, cn = _nationality_words(parent), _nationality_words(child)
    removed_nat = [w for w in pn if w not in cn]
    added_nat = [w for w in cn if w not in pn]
    pr, cr = name_runs(parent, parent_context), name_runs(child, child_context)
    removed = [r for r in pr if not any(same_entity(r, c) for c in cr)]
    added = [c for c in cr if not any(same_entity(c, r) for r in pr)]
    # a name also present unchanged elsewhere in the reprint's span is not replaced
    if removed_nat and added_nat:
        return MeaningChange("entity", "fail", "replaced", tuple(removed_nat + removed), tuple(added_nat + added))
    if not removed or not added:
        return None
    if all(any(respelled(_last(c), _last(r), settings) and _rest_equal(c, r) for r in removed) for c in added):
        return MeaningChange("entity", "warn", "respelled", tuple(removed), tuple(added))
    return MeaningChange("entity", "fail", "replaced", tuple(removed), tuple(added))


def _last(run: str) -> str:
    return run.split()[-1]


def _rest_equal(a: str, b: str) -> bool:
    wa, wb = a.split()[:-1], b.split()[:-1]
    return not wa or not wb or [_fold(w) for w in wa] == [_fold(w) for w in wb]


# ---------------------------------------------------------------------------------------------
# dates

_MONTH_NAMES = {
    1: "january janvier januar enero gennaio janeiro",
    2: "february février fevrier februar febrero febbraio fevereiro",
    3: "march mars märz marzo março",
    4: "april avril abril aprile",
    5: "may mai mayo maggio maio",
    6: "june juin juni junio giugno junho",
    7: "july juillet juli julio luglio julho",
    8: "august août aout agosto",
    9: "september septembre septiembre settembre setembro",
    10: "october octobre oktober octubre ottobre outubro",
    11: "november novembre noviembre novembro",
    12: "december décembre decembre dezember diciembre dicembre dezembro",
}
#: The Gregorian months as Urdu, Arabic (the Egyptian and Gulf names; the Levantine ones are also
#: common words, such as آب, "water" in Urdu and Persian), Russian (nominative, and the genitive
#: of a date: "1 декабря") and Hindi write them. An agency's dateline carries one ("اسلام آباد ۔ 24
#: جولائی (اے پی پی)"), and a month changed in those scripts is a date change like any other.
_MONTH_NAMES_OTHER_SCRIPTS = {
    1: "جنوری يناير январь января जनवरी", 2: "فروری فبراير февраль февраля फ़रवरी फरवरी",
    3: "مارچ مارس март марта मार्च", 4: "اپریل أبريل ابريل апрель апреля अप्रैल",
    5: "مئی مايو май мая मई", 6: "جون يونيو июнь июня जून", 7: "جولائی يوليو июль июля जुलाई",
    8: "اگست أغسطس اغسطس август августа अगस्त", 9: "ستمبر سبتمبر сентябрь сентября सितंबर सितम्बर",
    10: "اکتوبر أكتوبر اكتوبر октябрь октября अक्टूबर", 11: "نومبر نوفمبر ноябрь ноября नवंबर नवम्बर",
    12: "دسمبر ديسمبر декабрь декабря दिसंबर दिसम्बर",
}
# keyed by the folded form that lookups use (NFKD without combining marks, case-folded: the hamza of
# "مئی" and the nukta of "फ़रवरी" are dropped on both sides)
_MONTHS = {_fold(name): m for table in (_MONTH_NAMES, _MONTH_NAMES_OTHER_SCRIPTS)
           for m, names in table.items() for name in names.split()}
#: abbreviation -> month name, from the one table of :data:`provenance.edits.style.MONTH_ABBREVIATIONS`
_MONTH_ABBREV = {abbr: full for full, abbr in MONTH_ABBREVIATIONS.items()} | {
    full[:3]: full for full in MONTH_ABBREVIATIONS} | {"sep": "september"} | {
    # the agencies' other languages (AFP's "5 déc", EFE's "5 dic", Lusa's "05 dez", dpa's "Okt.");
    # those that are also common words are left out (Spanish "mar", Portuguese "set", "out", "ago")
    _fold(abbr): full for full, abbrs in (
        ("january", "janv ene"), ("february", "févr fév fev"), ("april", "avr abr"), ("july", "juil"),
        ("october", "okt"), ("march", "mär"), ("december", "déc dic dez"),
    ) for abbr in abbrs.split()}
_WEEKDAY_NAMES = {
    1: "monday lundi montag lunes lunedì lunedi", 2: "tuesday mardi dienstag martes martedì martedi",
    3: "wednesday mercredi mittwoch miércoles miercoles mercoledì mercoledi",
    4: "thursday jeudi donnerstag jueves giovedì giovedi", 5: "friday vendredi freitag viernes venerdì venerdi",
    6: "saturday samedi samstag sábado sabado sabato", 7: "sunday dimanche sonntag domingo domenica",
}
#: Weekdays as Russian (nominative, accusative of "в пятницу", genitive), Ukrainian, Arabic, Hindi
#: and Urdu write them. Left out as common words too: Urdu پیر ("saint"), بدھ ("Buddha") and ہفتہ
#: ("week"), so Monday, Wednesday and Saturday in Urdu are not read.
_WEEKDAY_NAMES_OTHER_SCRIPTS = {
    1: "понедельник понедельника понеділок الاثنين सोमवार",
    2: "вторник вторника вівторок الثلاثاء मंगलवार منگل",
    3: "среда среду среды середа середу الأربعاء الاربعاء बुधवार",
    4: "четверг четверга четвер الخميس गुरुवार جمعرات",
    5: "пятница пятницу пятницы п'ятниця п'ятницю الجمعة शुक्रवार جمعہ",
    6: "суббота субботу субботы субота суботу السبت शनिवार",
    7: "воскресенье воскресенья неділя неділю الأحد الاحد रविवार اتوار",
}
_WEEKDAYS = {_fold(name): d for table in (_WEEKDAY_NAMES, _WEEKDAY_NAMES_OTHER_SCRIPTS)
             for d, names in table.items() for name in names.split()}
#: Chinese weekdays: 星期/周/週/礼拜/禮拜 and the day's numeral (一 Monday .. 六 Saturday; 日 or 天
#: Sunday). The numeral names the day, as "Friday" does: it is no quantity (周五 is not 5).
#: Not after 每 ("每周三次": three times a week) nor before another numeral or a measure word
#: ("每周二十个": twenty a week; "周三次" three times).
_CJK_WEEKDAY_RE = re.compile(r"(?<!每)(?:星期|禮拜|礼拜|周|週)([一二三四五六日天])"
                             r"(?![一二三四五六七八九十百千万萬亿億两兩〇零\d次个個人名位天年月周週号號])")
_CJK_WEEKDAY = {"一": 1, "二": 2, "三": 3, "四": 4, "五": 5, "六": 6, "日": 7, "天": 7}


def names_cjk_weekday(text: str) -> bool:
    """Whether ``text`` names a Chinese weekday (周五, 星期日): a changed numeral beside 周 is a
    weekday changed, which the numeral alone does not show."""
    return _may_name_cjk_weekday(text) and bool(_CJK_WEEKDAY_RE.search(text))


def _may_name_cjk_weekday(text: str) -> bool:
    return not text.isascii() and ("周" in text or "週" in text or "星期" in text or "拜" in text)


_WEEKDAY_ABBREV = {"mon": 1, "tue": 2, "tues": 2, "wed": 3, "thu": 4, "thur": 4, "thurs": 4, "fri": 5,
                   "sat": 6, "sun": 7}
_YEAR_RE = re.compile(r"(?<![\d.,])(1[5-9]\d\d|20\d\d)(?![\d.,]\d)")
_ISO_RE = re.compile(r"(?<!\d)(\d{4})-(\d\d)-(\d\d)(?!\d)")
_NUMERIC_DATE_RE = re.compile(r"(?<![\d/.])(\d{1,2})[/.](\d{1,2})[/.](\d{2,4})(?![\d/])")
_LETTERS = rf"[^\W\d_](?:[^\W\d_]|[{WORD_MARKS}])*"  # a word of letters, its combining marks kept
# a day and a month may be written together ("۔23نومبر", "5December"): the space between is optional
_DAY_MONTH_RE = re.compile(rf"(?<![\w.])(\d{{1,2}})(?:st|nd|rd|th)?\.?(?:\s+of)?\s*({_LETTERS}\.?)|({_LETTERS}\.?)\s*(\d{{1,2}})(?:st|nd|rd|th)?(?![\d,.]\d)")
# the point between a digit and a letter written together ("23نومبر"), where a reader parts them
_DIGIT_LETTER_RE = re.compile(r"(?<=\d)(?=[^\W\d_])|(?<=[^\W\d_])(?=\d)")
#: any decimal digit, of any script: every date and bound pattern needs one, so a text without one
#: is answered at once (most windows and paragraphs classification reads hold no figure)
_ANY_DIGIT_RE = re.compile(r"\d")


def _day_month_matches(text: str):
    """Matches of :data:`_DAY_MONTH_RE` whose word is a month, at every position: a plain
    ``finditer`` lets "au 31" (a word, then a number) swallow the day of "au 31 décembre"."""
    if not _ANY_DIGIT_RE.search(text):
        return
    pos = 0
    while True:
        m = _DAY_MONTH_RE.search(text, pos)
        if not m:
            return
        word = m.group(2) if m.group(1) else m.group(3)
        if _month(word):
            yield m
            pos = m.end()
        else:
            pos = m.start() + 1


_PT_WEEKDAYS = {"segunda": 1, "terca": 2, "quarta": 3, "quinta": 4, "sexta": 5}
_PT_WEEKDAY_RE = re.compile(r"\b(segunda|terça|terca|quarta|quinta|sexta)[-\s]feira\b", re.IGNORECASE)


def _month(word: str) -> int | None:
    f = _fold(word).rstrip(".")
    if f in _MONTHS:
        return _MONTHS[f]
    full = _MONTH_ABBREV.get(f)
    return _MONTHS[full] if full else None


def date_atoms(text: str) -> list[tuple[str, int]]:
    """The date parts named in ``text``: ``("weekday", 1..7)``, ``("month", 1..12)``, ``("year", y)``,
    ``("day", 1..31)`` (a day of the month beside a month name, or in a numeric date). Abbreviations
    and the full names (English, French, German, Spanish, Italian, Portuguese) give the same atom."""
    atoms: list[tuple[str, int]] = []
    # Portuguese weekdays are "terça-feira" (Tuesday); "terça" alone is "third" (a fraction, an ordinal)
    if "feira" in text:
        atoms += [("weekday", _PT_WEEKDAYS[_fold(m.group(1))]) for m in _PT_WEEKDAY_RE.finditer(text)]
        text = _PT_WEEKDAY_RE.sub(" ", text)
    # "23نومبر": the month is a word of its own; so is it in "mid-September" and "late-Friday"
    words = [part for w in _words(_DIGIT_LETTER_RE.sub(" ", text))
             for part in (w.split("-") if "-" in w.strip("-") else (w,)) if part]
    for w in words:
        f = _fold(w).rstrip(".")
        if f in _WEEKDAYS:
            atoms.append(("weekday", _WEEKDAYS[f]))
        elif f in _WEEKDAY_ABBREV and w[:1].isupper() and (w.endswith(".") or len(f) > 3):
            atoms.append(("weekday", _WEEKDAY_ABBREV[f]))
        elif w[:1].isupper() or f in _MONTHS and f != "may":
            m = _month(w)
            if m and (f != "may" or w[:1].isupper()) and (f in _MONTHS or w.endswith(".") or len(f) > 3):
                atoms.append(("month", m))
    if _may_name_cjk_weekday(text):
        atoms += [("weekday", _CJK_WEEKDAY[m.group(1)]) for m in _CJK_WEEKDAY_RE.finditer(text)]
    masked = text
    for m in _ISO_RE.finditer(text):
        atoms += [("year", int(m.group(1))), ("month", int(m.group(2))), ("day", int(m.group(3)))]
    masked = _ISO_RE.sub(" ", masked)
    for m in _NUMERIC_DATE_RE.finditer(masked):
        y = int(m.group(3))
        atoms += [("day", int(m.group(1))), ("month", int(m.group(2))), ("year", y if y > 99 else 2000 + y)]
    masked = _NUMERIC_DATE_RE.sub(" ", masked)
    for m in _day_month_matches(masked):
        day, word = (m.group(1), m.group(2)) if m.group(1) else (m.group(4), m.group(3))
        if _month(word) and 1 <= int(day) <= 31:
            atoms.append(("day", int(day)))
    atoms += [("year", int(y)) for y in _YEAR_RE.findall(masked)]
    return atoms


def _date_spans(text: str) -> list[tuple[int, int]]:
    """Character spans of the numbers that :func:`date_atoms` reads as dates (years, days)."""
    if not _ANY_DIGIT_RE.search(text):
        return []
    spans = [m.span() for m in _ISO_RE.finditer(text)] + [m.span() for m in _NUMERIC_DATE_RE.finditer(text)]
    for m in _day_month_matches(text):
        g = 1 if m.group(1) else 4
        word = m.group(2) if m.group(1) else m.group(3)
        if _month(word):
            spans.append(m.span(g))
    spans += [m.span() for m in _YEAR_RE.finditer(text)]
    return spans


def date_change(parent: str, child: str) -> MeaningChange | None:
    """A weekday, month, year or day of the month in ``parent`` replaced by another of the same part
    in ``child`` (``fail``). A date only removed or only added, or rewritten as another part
    ("Tuesday" -> "Nov. 19", AP style), is not a replacement."""
    pa, ca = date_atoms(parent), date_atoms(child)
    removed = [a for a in pa if a not in ca]
    added = [a for a in ca if a not in pa]
    parts = {a[0] for a in removed} & {a[0] for a in added}
    if not parts:
        return None
    fmt = lambda a: f"{a[0]}:{a[1]}"  # noqa: E731
    return MeaningChange("date", "fail", "replaced", tuple(fmt(a) for a in removed if a[0] in parts),
                         tuple(fmt(a) for a in added if a[0] in parts))


# ---------------------------------------------------------------------------------------------
# polarity

def polarity_change(parent: str, child: str) -> MeaningChange | None:
    """A word of ``parent`` replaced in ``child`` by its opposite from ``polarity.txt`` (``fail``):
    the child has the opposite and not the word, the parent the word and not the opposite."""
    opp = _polarity()
    pw, cw = _words(parent), _words(child)
    ps, cs = [stem(w) for w in pw], [stem(w) for w in cw]
    pset, cset = set(ps), set(cs)
    removed, added = [], []
    for w, s in zip(pw, ps):
        if s in opp and s not in cset:
            for w2, s2 in zip(cw, cs):
                if s2 in opp[s] and s2 not in pset:
                    removed.append(w)
                    added.append(w2)
    if not removed:
        return None
    return MeaningChange("polarity", "fail", "replaced", tuple(dict.fromkeys(removed)), tuple(dict.fromkeys(added)))


# ---------------------------------------------------------------------------------------------
# numbers

_UNITS = {w: n for n, w in enumerate(
    "zero one two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen "
    "sixteen seventeen eighteen nineteen".split())}
_TENS = {w: 10 * n for n, w in enumerate("_ _ twenty thirty forty fifty sixty seventy eighty ninety".split()) if w != "_"}
#: a name's number written as a Roman numeral, a word or digits is one number ("World War II",
#: "World War Two", "World War 2"; "Pope John Paul II"), one to twenty (:func:`same_entity`)
_NAME_NUMBERS = {
    **{r: str(k) for k, r in enumerate("i ii iii iv v vi vii viii ix x xi xii xiii xiv xv xvi xvii xviii xix xx".split(), 1)},
    **{w: str(n) for w, n in _UNITS.items() if n}, "twenty": "20",
}
_SCALES = {"hundred": 100, "thousand": 1e3, "million": 1e6, "billion": 1e9, "trillion": 1e12,
           "lakh": 1e5, "crore": 1e7, "mn": 1e6, "bn": 1e9, "tn": 1e12, "m": 1e6, "k": 1e3,
           "millions": 1e6, "billions": 1e9, "milliard": 1e9, "milliards": 1e9, "millones": 1e6,
           "millionen": 1e6, "milliarden": 1e9, "mille": 1e3, "mil": 1e3, "miljoen": 1e6,
           # Spanish and Portuguese (folded: "millón", "milhões"; Brazil's bilhão is a thousand
           # million, Portugal's bilião a million million), and the abbreviations of dpa ("Mio.",
           # "Mrd.") and AFP ("Mds")
           "millon": 1e6, "milhao": 1e6, "milhoes": 1e6, "bilhao": 1e9, "bilhoes": 1e9, "biliao": 1e12,
           "bilioes": 1e12, "mio": 1e6, "mrd": 1e9, "mds": 1e9}
#: "mil millones" (Spanish) and "mil milhões" (Portuguese): a thousand million, read as one scale
_THOUSAND_MILLION_RE = re.compile(r"\bmil\s+(?:millones|milhões|milhoes)\b", re.IGNORECASE)
#: vague quantities: their order of magnitude ("dozens" -> 12, "thousands" -> 1000)
_VAGUE = {"dozen": 12, "dozens": 12, "score": 20, "scores": 20, "hundreds": 100, "thousands": 1e3,
          "tens": 10, "couple": 2, "pair": 2}
_MULTIPLES = {"twice": 2, "thrice": 3, "double": 2, "doubled": 2, "triple": 3, "tripled": 3,
              "quadrupled": 4, "halved": 0.5}
_FRACTIONS = {"half": 0.5, "halves": 0.5, "third": 1 / 3, "thirds": 1 / 3, "quarter": 0.25,
              "quarters": 0.25, "fifth": 0.2, "fifths": 0.2, "tenth": 0.1, "tenths": 0.1}
#: English ordinal words, read as their number ("the fourth consecutive month" -> "the third" is a
#: changed figure; "fourth" -> "4th" is the same one: digits with st/nd/rd/th read as their number
#: too). "second" after "a", "one", "per", "every", "each" or "split" is the unit of time.
_ORDINALS = {w: n for n, w in enumerate(
    "_ first second third fourth fifth sixth seventh eighth ninth tenth eleventh twelfth thirteenth "
    "fourteenth fifteenth sixteenth seventeenth eighteenth nineteenth twentieth".split()) if w != "_"} | {
    "thirtieth": 30, "fortieth": 40, "fiftieth": 50, "hundredth": 100}
_SECOND_AS_TIME = frozenset({"a", "one", "per", "every", "each", "split"})
_CJK_DIGITS = {"〇": 0, "零": 0, "一": 1, "二": 2, "两": 2, "兩": 2, "三": 3, "四": 4, "五": 5, "六": 6,
               "七": 7, "八": 8, "九": 9}
_CJK_SMALL = {"十": 10, "百": 100, "千": 1000}
_CJK_LARGE = {"万": 1e4, "萬": 1e4, "亿": 1e8, "億": 1e8}
_CJK_CHARS = "".join(_CJK_DIGITS) + "".join(_CJK_SMALL) + "".join(_CJK_LARGE)
#: the CJK numerals :func:`parse_quantities` reads (a text without them and without digits states no
#: figure in digits)
CJK_NUMERAL_CHARS = _CJK_CHARS

_SEP = r"[,.\u066c\u066b'’\u00a0\u202f\u2009 ]"
_DIGITS_RE = re.compile(
    rf"(?<![\d])(\d{{1,3}}(?:(?P<sep>{_SEP})\d{{3}}(?!\d))(?:(?P=sep)\d{{3}}(?!\d))*(?:[.,\u066b]\d+)?|\d+(?:[.,\u066b]\d+)?)"
    rf"(?:\s?(?P<scale>[^\W\d_]+))?")
_CJK_RE = re.compile(rf"(?:\d+(?:\.\d+)?|[{_CJK_CHARS}])+")


class _AsciiDigitTable(dict):
    """``str.translate`` table of :func:`_ascii_digits`, filled in on first sight of each code point
    (a Python loop per character was 2% of a cluster's trace on accented text)."""

    def __missing__(self, code: int) -> str:
        ch = chr(code)
        if ch.isdigit() and not ch.isascii():
            d = unicodedata.decimal(ch, None)
            out = str(d) if d is not None else ch
        else:
            out = {"，": ",", "．": "."}.get(ch, ch)
        self[code] = out
        return out


_ASCII_DIGITS = _AsciiDigitTable()


def _ascii_digits(text: str) -> str:
    """Every Unicode decimal digit (Arabic-Indic, Extended Arabic-Indic, Devanagari, full-width, ...)
    as its ASCII digit; full-width separators as ASCII ones."""
    return text if text.isascii() else text.translate(_ASCII_DIGITS)


def _digit_value(raw: str, sep: str | None) -> float:
    if sep:  # grouped thousands, maybe a decimal part after the other separator
        head, _, tail = raw.rpartition(sep)
        groups = raw.split(sep)
        last = groups[-1]
        dec = ""
        m = re.match(r"(\d{3})(?:[.,\u066b](\d+))?$", last)
        if m:
            groups[-1], dec = m.group(1), m.group(2) or ""
        return float("".join(groups) + ("." + dec if dec else ""))
    return float(raw.replace(",", ".").replace("\u066b", "."))


def _cjk_value(run: str) -> float:
    """A run of CJK numerals, positional ("一三〇〇〇" -> 13000) or with units ("一万三千" -> 13000,
    "1.3万" -> 13000, "十五" -> 15)."""
    if not any(c in _CJK_SMALL or c in _CJK_LARGE for c in run):
        return float("".join(str(_CJK_DIGITS[c]) if c in _CJK_DIGITS else c for c in run))
    total, section, current = 0.0, 0.0, None
    for m in re.finditer(rf"\d+(?:\.\d+)?|[{_CJK_CHARS}]", run):
        t = m.group(0)
        if t[0].isdigit():
            current = float(t)
        elif t in _CJK_DIGITS:
            current = float(_CJK_DIGITS[t])
        elif t in _CJK_SMALL:
            section += (current if current is not None else 1) * _CJK_SMALL[t]
            current = None
        else:
            total += ((section + (current or 0)) or 1) * _CJK_LARGE[t]
            section, current = 0.0, None
    return total + section + (current or 0)


_LETTER_WORD_RE = re.compile(r"[^\W\d_]+")
#: values of the other languages' words that multiply what was read before them (the data file's header)
_SCALE_VALUES = frozenset((100.0, 1e3, 1e5, 1e6, 1e7, 1e9))


@lru_cache(maxsize=1)
def _other_number_words() -> dict[str, float]:
    """Comparison form -> value, from ``provenance/data/number_words.txt`` (numbers written in words
    in the agencies' other languages). A form listed twice must have one value."""
    return _number_word_table(unit_bound=False)


def names_unit_bound_number(text: str) -> bool:
    """Whether ``text`` holds a number word that counts only before a unit or a scale word (Urdu
    "دو", Spanish "dos"): alone it reads as no number, so its change is judged with the words
    around it."""
    bound = _unit_bound_number_words()
    return any(_fold(w) in bound for w in _LETTER_WORD_RE.findall(text))


@lru_cache(maxsize=1)
def _unit_bound_number_words() -> dict[str, float]:
    """The forms of ``number_words.txt`` that count only right before a unit or a scale word
    (languages marked ``*``: Urdu "دو" is "two" in "دو دن" and "give" alone)."""
    return _number_word_table(unit_bound=True)


def _number_word_table(unit_bound: bool) -> dict[str, float]:
    out: dict[str, float] = {}
    for line in _data_lines("number_words.txt"):
        lang, value, forms = line.split("\t")
        if lang.endswith("*") != unit_bound:
            continue
        for form in forms.split():
            key = _fold(form)
            if out.setdefault(key, float(value)) != float(value):
                raise ValueError(f"number_words.txt: {form!r} ({lang}) has two values")
    return out


@lru_cache(maxsize=1)
def _other_scales() -> dict[str, float]:
    return {w: v for w, v in _other_number_words().items() if v in _SCALE_VALUES}


def _read_other(words: list[str], k: int, other: dict[str, float], values: list,
                bound: dict[str, float] | None = None) -> int:
    """Read one number in another language's words from ``words[k]``, append it, return the next index.
    A unit or ten adds; a hundred, thousand, lakh, million ... multiplies what was read before it,
    or stands for one of itself (data file's header). A hundred of ``bound`` (forms read only before
    a unit) counts once a number is being read ("پانچ سو": 500); its other forms do not ("تین نو
    منتخب": three newly elected)."""
    value, current = 0.0, 0.0
    while k < len(words):
        # the scale words the digits read ("drei Millionen", "tres millones") count here too
        v = other.get(words[k]) or (_SCALES.get(words[k]) if len(words[k]) > 2 else None)
        if v is None and bound and (current or value) and bound.get(words[k], 0) >= 100:
            v = bound[words[k]]
        if v is None:
            break
        if v in _SCALE_VALUES and v >= 1e3:
            value += (current or 1) * v
            current = 0.0
        elif v == 100 and current:
            current *= 100
        else:
            current += v
        k += 1
    values.append((value + current, "count"))
    return k


def _word_values(text: str, loose: bool = False) -> list[tuple[float, str]]:
    """Numbers written in English words (and in the other languages of
    ``provenance/data/number_words.txt``, :func:`_read_other`), each with its kind: "thirteen
    thousand", "two hundred and fifty", "a dozen", "dozens", "half", "a third", "two-thirds" (``count``), and "twice", "tripled"
    (``multiple``: a factor, not a count: "the two giants" -> "the twice giants" is a change), and the
    English ordinals ("fourth", as "4th" is read: ``count``). ``loose``: a number word that counts
    only before a unit (Urdu "دو", also "give") counts anywhere (:func:`parse_quantities`)."""
    matches = list(_LETTER_WORD_RE.finditer(text))
    words = [_fold(m.group(0)).strip(".") for m in matches]
    # what follows each word directly: "a third" is a fraction before "of", a stop or the end, and
    # a rank before another word ("a third consecutive year")
    ends_phrase = [k + 1 == len(matches) or bool(text[m.end():matches[k + 1].start()].strip(" -"))
                   for k, m in enumerate(matches)]
    values: list[tuple[float, str]] = []
    other = _other_number_words()
    bound, other_scales = _unit_bound_number_words(), _other_scales()
    k = 0
    while k < len(words):
        w = words[k]
        if w in other:
            k = _read_other(words, k, other, values, bound)
            continue
        if w in bound and k + 1 < len(words) and words[k + 1] in other_scales:  # "دو ہزار": 2000
            rest: list[tuple[float, str]] = []
            after = _read_other(words, k + 2, other, rest, bound) if k + 2 < len(words) and words[k + 2] in other else k + 2
            values.append((bound[w] * other_scales[words[k + 1]] + (rest[0][0] if rest else 0.0), "count"))
            k = after
            continue
        if w in bound and (loose or (k + 1 < len(words) and words[k + 1] in _UNIT_WORDS)):
            values.append((bound[w], "count"))  # "دو دن": a number right before its unit
            k += 1
            continue
        if w in _UNITS or w in _TENS:
            value, current = 0.0, 0.0
            while k < len(words):
                w = words[k]
                if w in _UNITS:
                    current += _UNITS[w]
                elif w in _TENS:
                    current += _TENS[w]
                elif w == "hundred":
                    current = (current or 1) * 100
                elif w in ("thousand", "million", "billion", "trillion"):
                    value += (current or 1) * _SCALES[w]
                    current = 0.0
                elif w == "and" and k + 1 < len(words) and (words[k + 1] in _UNITS or words[k + 1] in _TENS):
                    pass
                elif w in _FRACTIONS and current:  # "two thirds"
                    current *= _FRACTIONS[w]
                else:
                    break
                k += 1
            values.append((value + current, "count"))
            continue
        if w in _FRACTIONS and (w.startswith("half") or (k > 0 and words[k - 1] in ("a", "one") and (
                w not in _ORDINALS or ends_phrase[k] or words[k + 1] in ("of", "as", "more", "less", "fewer")))):
            values.append((_FRACTIONS[w], "count"))
        elif w in _VAGUE and (w.endswith("s") or (k > 0 and words[k - 1] in ("a", "one"))):
            values.append((float(_VAGUE[w]), "count"))
        elif w in _MULTIPLES:
            values.append((float(_MULTIPLES[w]), "multiple"))
        elif w in _ORDINALS and not (w == "second" and k > 0 and words[k - 1] in _SECOND_AS_TIME):
            values.append((float(_ORDINALS[w]), "count"))
        k += 1
    return values


_DIGIT_OR_CJK_RE = re.compile(r"\d|[" + _CJK_CHARS + r"]")


@lru_cache(maxsize=1)
def _quantity_words() -> frozenset[str]:
    """Every number word :func:`parse_quantities` reads, in comparison form (:func:`_fold`)."""
    vocab = set(_UNITS) | set(_TENS) | set(_FRACTIONS) | set(_VAGUE) | set(_MULTIPLES) | set(_SCALES) | set(_ORDINALS)
    return frozenset(_fold(w) for w in vocab) | frozenset(_other_number_words()) | frozenset(_unit_bound_number_words())


@lru_cache(maxsize=1)
def _date_hint() -> re.Pattern:
    vocab = set(_MONTHS) | set(_MONTH_ABBREV) | set(_WEEKDAYS) | set(_WEEKDAY_ABBREV) | {"feira"}
    return re.compile(r"\d|\b(?:" + "|".join(sorted(map(re.escape, vocab), key=len, reverse=True)) + r")\b", re.I)


def may_hold_quantity(text: str) -> bool:
    """Cheap test: ``text`` has a digit, a CJK numeral or a number word (else
    :func:`parse_number_values` finds nothing). Words are looked up in a set, not matched by one
    alternation of every form: compiling that cost more start-up time than all the lookups."""
    if _DIGIT_OR_CJK_RE.search(text):
        return True
    words = _quantity_words()
    return any(_fold(w) in words for w in _LETTER_WORD_RE.findall(text))


def may_hold_date(text: str) -> bool:
    """Cheap test: ``text`` has a digit or a month or weekday name (else :func:`date_atoms` is empty).
    Read in the folded form the names are kept in, as :func:`date_atoms` reads them: "décembre"
    and "sábado" were no date here while date_atoms found them."""
    return bool(_date_hint().search(_fold(text)))


def parse_number_values(text: str, words: bool = True) -> list[float]:
    """The values of :func:`parse_quantities`, without their kinds."""
    return [v for v, _ in parse_quantities(text, words)]


def parse_quantities(text: str, words: bool = True, loose: bool = False) -> list[tuple[float, str]]:
    """Every quantity in ``text`` as a whole value, in order of appearance by kind (digits, CJK
    numerals, words: English, and the languages of ``provenance/data/number_words.txt``). Digits of any script; grouping by comma, full stop, space, no-break
    space, apostrophe or Arabic thousands separator (``13,000``, ``13.000``, ``13 000``,
    ``١٣٬٠٠٠`` -> 13000.0); a single separator before exactly three digits groups thousands, before
    other counts it is a decimal mark (``1,3 million`` -> 1300000.0, ``3.5`` -> 3.5). Scale words
    (thousand, million, bn, lakh, crore ...) multiply; ``%`` and currency signs are dropped.
    ``words=False`` leaves out quantities in words (digits and CJK numerals only). Each value comes
    with its kind: ``count``, or ``multiple`` for a factor in words ("twice", "doubled"), so that a
    count and a factor of the same value are not the same quantity. ``loose`` reads the number words
    that count only before a unit (Urdu "دو": "two", and "give") wherever they stand: for a passage
    whose other version has a number at their place."""
    t = _ascii_digits(text)
    if "mil" in t:
        t = _THOUSAND_MILLION_RE.sub("milliard", t)
    if "ent" in t:  # "5 por ciento", "5 per cento", "5 pour cent": a percent sign, not a hundred
        t = _PER_CENT_RE.sub(lambda m: " %" + " " * (len(m.group(0)) - 2), t)
    values: list[tuple[float, str]] = []
    spans = []
    if _may_name_cjk_weekday(t):
        t = _mask(t, [m.span(1) for m in _CJK_WEEKDAY_RE.finditer(t)])  # a weekday's numeral (周五)
    for m in _CJK_RE.finditer(t):
        if any(c in _CJK_CHARS for c in m.group(0)):
            values.append((_cjk_value(m.group(0)), "count"))
            spans.append(m.span())
    t = _mask(t, spans)
    if "/" in t or any(ch in _VULGAR for ch in t):
        # a mixed number, its fraction a sign or slashed ("1½", "1-1/2", "1 1/2"): one value
        fractions = []
        for m in _MIXED_FRACTION_RE.finditer(t):
            whole = float(m.group("whole") or m.group("whole2") or 0)
            part = _VULGAR[m.group("vulgar")] if m.group("vulgar") else int(m.group("num")) / int(m.group("den"))
            values.append((round(whole + part, 6), "count"))
            fractions.append(m.span())
        t = _mask(t, fractions)
    scales = []
    previous = None  # (value index, end, factor) of the figure before, for a range's shared scale
    for m in _DIGITS_RE.finditer(t):
        v = _digit_value(m.group(1), m.group("sep"))
        scale = m.group("scale")
        factor = 0
        if scale:
            factor = _SCALES.get(_fold(scale)) or _other_scales().get(_fold(scale))
            if factor:
                v *= factor
                scales.append(m.span("scale"))  # read here: not a number of its own below
        if factor and previous and not previous[2] and _RANGE_GAP_RE.fullmatch(t, previous[1], m.start()) \
                and values[previous[0]][0] < _digit_value(m.group(1), m.group("sep")):
            # a range sharing its scale word: "$40-50 billion", "3 to 4 million" is 3 million to 4 million
            values[previous[0]] = (values[previous[0]][0] * factor, "count")
        values.append((v, "count"))
        previous = (len(values) - 1, m.end(1), factor)
    if words:
        values += _word_values(_mask(t, scales), loose)
    return values


#: vulgar fractions written as one sign
_VULGAR = {"½": 0.5, "¼": 0.25, "¾": 0.75, "⅓": 1 / 3, "⅔": 2 / 3, "⅛": 0.125, "⅜": 0.375, "⅝": 0.625, "⅞": 0.875}
_MIXED_FRACTION_RE = re.compile(rf"(?<![\d.,/])(?:(?P<whole>\d+)[-\s]?)?(?P<vulgar>[{''.join(_VULGAR)}])"
                                r"|(?<![\d.,/])(?P<whole2>\d{1,3})[-\s](?P<num>\d{1,2})/(?P<den>2|3|4|8|16|32|64)(?![\d/])")
#: what may stand between the two figures of a range ("40-50", "3 to 4", "between 3 and 4", "$40-$50")
_RANGE_GAP_RE = re.compile(r"\s*(?:-|–|—|to|and)\s*[$€£¥₹]?\s*", re.I)


#: "por ciento", "per cento", "pour cent" after a figure: a percent sign ("por ciento cincuenta mil"
#: elsewhere is "for a hundred and fifty thousand")
_PER_CENT_RE = re.compile(r"(?<=\d)\s*(?:por|per|pour)\s+(?:ciento|cento|cent)\b", re.I)


def _fmt_num(v: float) -> str:
    return str(int(v)) if v == int(v) else repr(v)


def _mask(text: str, spans) -> str:
    chars = list(text)
    for a, b in spans:
        chars[a:b] = " " * (b - a)
    return "".join(chars)


def number_change(parent: str, child: str, loose: bool = False) -> MeaningChange | None:
    """A quantity in ``parent`` replaced by another value in ``child`` (``fail``); the years and
    days of dates are left to :func:`date_change`. Both sides must name a quantity: a value merely
    dropped or added is a deletion or insertion, not a change. ``13,000`` -> ``13 000`` or
    ``thirteen`` -> ``13`` keep the value and do not fire. ``loose`` as :func:`parse_quantities`."""
    pv, cv = _undated_quantities(parent, loose=loose), _undated_quantities(child, loose=loose)
    if not pv or not cv:
        return None
    key = lambda q: (round(q[0], 6), q[1])  # noqa: E731
    pc = [key(q) for q in pv]
    cc = [key(q) for q in cv]
    removed = [q for q in pc if q not in cc]
    added = [q for q in cc if q not in pc]
    if not removed and not added:
        return None
    return MeaningChange("number", "fail", "replaced", tuple(_fmt_quantity(q) for q in removed),
                         tuple(_fmt_quantity(q) for q in added))


#: currency signs, and names of currencies and units of measure -> what they can stand for (``¥``
#: is the yen or the yuan; "ton" and "tonne" are one unit here: a house-style difference)
_UNIT_SIGNS = {"$": ("dollar",), "€": ("euro",), "£": ("pound",), "¥": ("yen", "yuan"), "₹": ("rupee",),
               "₽": ("rouble",), "₩": ("won",), "₺": ("lira",), "℃": ("celsius",), "℉": ("fahrenheit",),
               # a share is a unit too: "9%" -> "$9", "1.85 points" -> "1.85%" change what the figure says
               "%": ("percent",), "％": ("percent",)}
_UNIT_WORDS = {
    **dict.fromkeys(("dollar", "dollars", "usd", "доллар", "доллара", "долларов", "ڈالر"), ("dollar",)),
    **dict.fromkeys(("euro", "euros", "eur", "евро", "یورو"), ("euro",)),
    **dict.fromkeys(("pound", "pounds", "sterling", "gbp", "фунт", "фунтов", "پاؤنڈ"), ("pound",)),
    **dict.fromkeys(("yen", "jpy", "иен", "йен"), ("yen",)),
    **dict.fromkeys(("yuan", "renminbi", "rmb", "cny", "юаней", "юаня"), ("yuan",)),
    **dict.fromkeys(("rupee", "rupees", "rs", "inr", "pkr", "روپے", "روپیہ", "روپوں"), ("rupee",)),
    **dict.fromkeys(("rouble", "roubles", "ruble", "rubles", "рубль", "рубля", "рублей"), ("rouble",)),
    **dict.fromkeys(("franc", "francs", "chf"), ("franc",)),
    **dict.fromkeys(("krw",), ("won",)),  # not "won": an English verb
    # units of measure: the same figure in another unit is another quantity ("60 km" -> "60 miles")
    **dict.fromkeys(("km", "kilometre", "kilometres", "kilometer", "kilometers", "километров", "کلومیٹر"), ("km",)),
    **dict.fromkeys(("mile", "miles"), ("mile",)),
    **dict.fromkeys(("metre", "metres", "meter", "meters"), ("metre",)),
    **dict.fromkeys(("foot", "feet", "ft"), ("foot",)),
    **dict.fromkeys(("kg", "kilogram", "kilograms", "kilo", "kilos"), ("kg",)),
    **dict.fromkeys(("lb", "lbs"), ("lb",)),
    **dict.fromkeys(("tonne", "tonnes", "ton", "tons"), ("tonne",)),
    **dict.fromkeys(("celsius",), ("celsius",)),
    **dict.fromkeys(("fahrenheit",), ("fahrenheit",)),
    **dict.fromkeys(("hectare", "hectares"), ("hectare",)),
    **dict.fromkeys(("acre", "acres"), ("acre",)),
    **dict.fromkeys(("litre", "litres", "liter", "liters"), ("litre",)),
    **dict.fromkeys(("gallon", "gallons"), ("gallon",)),
    # the other units of the conversion table (_CONVERTIBLE) but its one- and two-letter forms, which
    # are words or scales elsewhere ("in", "m" for million, "g", "l", "ha"), and the barrel of oil
    **dict.fromkeys(("mph",), ("mph",)),
    **dict.fromkeys(("kph", "kmh"), ("kph",)),
    **dict.fromkeys(("knot", "knots"), ("knot",)),
    **dict.fromkeys(("yard", "yards", "yd", "yds"), ("yard",)),
    **dict.fromkeys(("inch", "inches"), ("inch",)),
    **dict.fromkeys(("cm", "centimetre", "centimetres", "centimeter", "centimeters"), ("cm",)),
    **dict.fromkeys(("mm", "millimetre", "millimetres", "millimeter", "millimeters"), ("mm",)),
    **dict.fromkeys(("ounce", "ounces", "oz"), ("ounce",)),
    **dict.fromkeys(("gram", "grams", "gramme", "grammes"), ("gram",)),
    **dict.fromkeys(("barrel", "barrels", "bbl"), ("barrel",)),
    # shares: a percentage and percentage points (read after a figure, :func:`_units`) differ
    **dict.fromkeys(("percent", "percentage", "pct", "procent", "prozent", "процент", "процента", "процентов",
                     "فیصد"), ("percent",)),
    **dict.fromkeys(("pts",), ("point",)),
    **dict.fromkeys(("bps",), ("basis point",)),
    # spans of time: "18 years after" -> "18 months after" is another span (stop 24: passed as a rewording)
    **dict.fromkeys(("second", "seconds", "secs"), ("second",)),
    **dict.fromkeys(("minute", "minutes", "mins", "минут", "минуты", "منٹ"), ("minute",)),
    **dict.fromkeys(("hour", "hours", "hrs", "час", "часа", "часов", "گھنٹے", "گھنٹوں"), ("hour",)),
    **dict.fromkeys(("day", "days", "день", "дня", "дней", "دن", "دنوں"), ("day",)),
    **dict.fromkeys(("week", "weeks", "неделя", "недели", "недель", "ہفتے", "ہفتوں"), ("week",)),
    **dict.fromkeys(("month", "months", "месяц", "месяца", "месяцев", "ماہ", "مہینے", "مہینوں"), ("month",)),
    **dict.fromkeys(("year", "years", "yr", "yrs", "год", "года", "лет", "سال", "برس"), ("year",)),
    **dict.fromkeys(("decade", "decades"), ("decade",)),
    **dict.fromkeys(("century", "centuries"), ("century",)),
}
_UNIT_SIGN_RE = re.compile("[" + re.escape("".join(_UNIT_SIGNS)) + "]")


def _unit_forms(text: str) -> list[str]:
    """The words of ``text`` in the form :data:`_UNIT_WORDS` and the time words are looked up in
    (folded, a final stop dropped: "hrs." is "hrs")."""
    return [_fold(w).rstrip(".") for w in _LETTER_WORD_RE.findall(text)]


#: units written in several words ("per cent", "percentage points", "miles per hour") and points after
#: a figure ("3 points": a word of any meaning elsewhere), in the one form :data:`_UNIT_WORDS` reads
_UNIT_PHRASES = ((re.compile(r"\bper\s+cent\b|(?<=\d)\s*(?:pour|por)\s+(?:cent|ciento)\b|(?<=\d)\s*per\s+cento\b"
                             r"|(?<=\d)\s?pc\b", re.I), " percent "),
                 (re.compile(r"\bbasis\s+points?\b|(?<=\d)\s*bps?\b", re.I), " bps "),
                 (re.compile(r"\bpercentage\s+points?\b|(?<=\d)\s*(?:points?|pts?)\b", re.I), " pts "),
                 (re.compile(r"\bmiles?\s+(?:per|an|a)\s+hour\b", re.I), " mph "),
                 (re.compile(r"\b(?:kilomet(?:re|er)s?|km)\s*(?:per\s+hour|an\s+hour|/\s*h(?:our|r)?)\b", re.I), " kph "))
_UNIT_PHRASE_HINT = re.compile(r"per|pour|por|pc|oint|bp|pt|hour|/", re.I)


def _unit_phrases(text: str) -> str:
    """``text`` with the units of :data:`_UNIT_PHRASES` in their one-word form."""
    if _UNIT_PHRASE_HINT.search(text):
        for pattern, form in _UNIT_PHRASES:
            text = pattern.sub(form, text)
    return text


def _units(text: str) -> list[tuple[str, ...]]:
    """Each mention of a currency or unit in ``text``, as the units it can stand for."""
    text = _unit_phrases(text)
    found = [_UNIT_SIGNS[m.group(0)] for m in _UNIT_SIGN_RE.finditer(text)]
    found += [_UNIT_WORDS[f] for f in _unit_forms(text) if f in _UNIT_WORDS]
    return found


#: The relative words of a time reference ("last week", "this year", "next month"), each with the
#: reading it shares with its synonyms ("past week" is "last week").
_RELATIVE_TIME = {"this": "this", "current": "this", "last": "last", "past": "last", "previous": "last",
                  "next": "next", "coming": "next", "following": "next"}
_TIME_UNITS = frozenset({"second", "minute", "hour", "day", "week", "month", "year", "decade", "century"})
#: Days named relative to the story's day: "tomorrow" -> "today" moves the event a day
_RELATIVE_DAYS = {"yesterday": "last", "today": "this", "tomorrow": "next"}


def _time_references(text: str) -> list[tuple[str, str]]:
    """Each span of time named in ``text`` as (relative word, unit): "last week" -> ("last",
    "week"), "hours after" -> ("", "hour"), "this month" -> ("this", "month"); the units of any
    language of :data:`_UNIT_WORDS`, the relative words in English."""
    words = _unit_forms(text)
    refs = []
    for k, w in enumerate(words):
        unit = _UNIT_WORDS.get(w)
        if unit and unit[0] in _TIME_UNITS and not (unit[0] == "second" and _second_is_ordinal(words, k)) \
                and not (unit[0] == "year" and k and words[k - 1] == "new"):  # New Year: a holiday
            refs.append((_RELATIVE_TIME.get(words[k - 1], "") if k else "", unit[0]))
        elif w in _RELATIVE_DAYS:
            refs.append((_RELATIVE_DAYS[w], "day"))
    return refs


#: Each unit of time in seconds (a month and a year as their mean lengths), so that spans said in
#: two units compare: "within 24 hours" -> "within a day" is the same span.
_SPAN_SECONDS = {"second": 1, "minute": 60, "hour": 3600, "day": 86400, "week": 604800, "month": 2629746,
                 "year": 31556952, "decade": 315569520, "century": 3155695200}


def _durations(text: str) -> list[float]:
    """The spans of time stated with a count in ``text`` ("24 hours", "a day", "two weeks"), in
    seconds, sorted; ``[]`` when a figure of the text is not such a count ("3-5 years": the 3 counts
    no unit of its own), so that only texts whose every figure is a span compare."""
    tokens = re.findall(r"\d+(?:[.,]\d+)?|[^\W\d_]+", _ascii_digits(text))
    folded = [_fold(t).rstrip(".") for t in tokens]
    out = []
    for k, w in enumerate(folded):
        number = w[0].isdigit() or w in _UNITS or w in _TENS
        unit = _UNIT_WORDS.get(folded[k + 1]) if k + 1 < len(folded) else None
        is_span = unit is not None and unit[0] in _SPAN_SECONDS
        if number and not is_span:
            return []
        if is_span and (number or w in ("a", "an")):
            count = float(w.replace(",", ".")) if w[0].isdigit() else _UNITS.get(w) or _TENS.get(w) or 1.0
            if w in ("a", "an") and k and folded[k - 1] == "half":  # "half an hour"
                count = 0.5
            out.append(round(count * _SPAN_SECONDS[unit[0]], 3))
    return sorted(out)


def same_duration(parent: str, child: str) -> bool:
    """Whether the two texts state the same spans of time, in whatever units ("within 24 hours" and
    "within a day"; :func:`_durations`)."""
    pd = _durations(parent)
    if not pd or pd != _durations(child):
        return False
    # an ordinal beside the spans is no span ("the third 90-day extension" -> "the second 90-day
    # extension": "second" read as a unit made the two the same spans)
    def ordinals(text: str) -> list[str]:
        # "second" after a count is the unit ("60-second", "a second"), not the ordinal
        words = [_fold(w) for w in re.findall(r"\d+|[^\W\d_]+", _ascii_digits(text))]
        return sorted(w for k, w in enumerate(words)
                      if w in _ORDINALS and (w != "second" or _second_is_ordinal(words, k)))

    # a replaced ordinal counts; one only dropped or added ("in the first 24 hours" -> "within a day") does not
    op, oc = ordinals(parent), ordinals(child)
    return not (op and oc and op != oc)


def _second_is_ordinal(words: list[str], k: int) -> bool:
    """Whether ``words[k]``, "second", is the ordinal: not after a count in digits or words ("60
    second", "a second", "thirty seconds") or a word of rate ("per second")."""
    prev = words[k - 1] if k > 0 else ""
    return not (prev[:1].isdigit() or prev in _SECOND_AS_TIME or prev in _UNITS or prev in _TENS)


#: a clock time: with a 12-hour mark ("6:30 p.m.", "6.30pm", "11 pm", "2 a.m."), "01:00", "1:05", or
#: four digits, or two with a dot, before a time zone or "hours" ("0100 GMT", "01.00 GMT", "1830
#: hrs"), the forms wires give GMT in
_CLOCK_12_RE = re.compile(r"(?<![\d:.,])(1[0-2]|0?[1-9])(?:[:.]([0-5]\d))?\s*([ap])\.?\s?m\b\.?", re.I)
_CLOCK_COLON_RE = re.compile(r"(?<![\d:.,])([01]?\d|2[0-3]):([0-5]\d)(?![\d:])")
_CLOCK_DIGITS_RE = re.compile(r"(?<![\d:.,])([01]\d|2[0-3])\.?([0-5]\d)(?=\s*(?:GMT|UTC|Z\b|hrs\b|hours\b|h\b|local\b))")


def _clock_12(m: re.Match) -> str:
    hour = int(m.group(1)) % 12 + (12 if m.group(3).lower() == "p" else 0)
    return f"{hour}:{m.group(2) or '00'}"


#: the parts of a day, each with the part it reads as ("a.m." is morning, "p.m." afternoon or later)
_DAY_PARTS = {"am": "am", "a.m": "am", "a.m.": "am", "pm": "pm", "p.m": "pm", "p.m.": "pm",
              "morning": "morning", "afternoon": "afternoon", "evening": "night", "night": "night",
              "overnight": "night", "tonight": "night", "midnight": "midnight", "noon": "noon", "midday": "noon",
              "dawn": "dawn", "dusk": "dusk"}


def day_part_change(parent: str, child: str) -> MeaningChange | None:
    """A part of the day replaced by another ("4:30 a.m." -> "4:30 p.m.", "Tuesday afternoon" ->
    "Tuesday morning"; ``date``, fail): both sides are one such word and read differently."""
    a, b = _fold(parent.strip()), _fold(child.strip())
    pa, pb = _DAY_PARTS.get(a), _DAY_PARTS.get(b)
    if pa and pb and pa != pb:
        return MeaningChange("date", "fail", "replaced", (parent.strip(),), (child.strip(),))
    return None


def canonical_clock_times(text: str) -> str:
    """``text`` with its clock times written one way, on a 24-hour clock ("0100 GMT", "01.00 GMT",
    "01:00 GMT" and "1 a.m. GMT" as "1:00 GMT"; "6:30 p.m." as "18:30"), so that a time written
    otherwise compares as the same figures and a time changed does not."""
    if not any(c.isdigit() for c in text):
        return text
    text = _CLOCK_12_RE.sub(_clock_12, text)
    text = _CLOCK_COLON_RE.sub(lambda m: f"{int(m.group(1))}:{m.group(2)}", text)
    return _CLOCK_DIGITS_RE.sub(lambda m: f"{int(m.group(1))}:{m.group(2)}", text)


#: unit conversions wires print beside a figure ("55 mph (88.5 kph)"): each unit's words and its
#: size in a base unit of its dimension (temperatures apart, below)
_CONVERTIBLE = {
    "length": ((("mile", "miles", "mi"), 1609.344), (("km", "kilometer", "kilometers", "kilometre", "kilometres"), 1000.0),
               (("m", "meter", "meters", "metre", "metres"), 1.0), (("ft", "foot", "feet"), 0.3048),
               (("yard", "yards", "yd"), 0.9144), (("inch", "inches", "in"), 0.0254),
               (("cm", "centimeter", "centimeters", "centimetre", "centimetres"), 0.01),
               (("mm", "millimeter", "millimeters", "millimetre", "millimetres"), 0.001)),
    "speed": ((("mph",), 0.44704), (("kph", "km/h", "kmh"), 1 / 3.6), (("knots", "knot"), 0.514444)),
    "mass": ((("pound", "pounds", "lb", "lbs"), 0.45359237), (("kg", "kilogram", "kilograms", "kilogramme", "kilogrammes"), 1.0),
             (("ounce", "ounces", "oz"), 0.028349523), (("gram", "grams", "g"), 0.001),
             (("ton", "tons"), 907.18474), (("tonne", "tonnes", "metric ton", "metric tons"), 1000.0)),
    "area": ((("acre", "acres"), 4046.8564), (("hectare", "hectares", "ha"), 10000.0),
             (("square mile", "square miles", "sq mi"), 2589988.1),
             (("square kilometer", "square kilometers", "square kilometre", "square kilometres", "sq km", "km2"), 1e6)),
    "volume": ((("gallon", "gallons"), 3.785411784), (("liter", "liters", "litre", "litres", "l"), 1.0)),
}
_UNIT_SIZE = {w: (dim, size) for dim, units in _CONVERTIBLE.items() for words, size in units for w in words}
_CONVERTIBLE_WORDS = "|".join(sorted((re.escape(w) for w in _UNIT_SIZE), key=len, reverse=True))
_FIGURE_UNIT_END_RE = re.compile(rf"(\d[\d,]*(?:\.\d+)?)[\s\u00a0-]*(°\s*[CF]|(?<=\d)(?-i:[CF])\b|degrees\s+(?:Celsius|Fahrenheit)|{_CONVERTIBLE_WORDS})\W*$", re.I)
_CONVERSION_RE = re.compile(rf"^\s*\(\s*(?:about\s+|nearly\s+|some\s+|almost\s+|more\s+than\s+)?(\d[\d,]*(?:\.\d+)?)"
                            rf"[\s\u00a0-]*(°\s*[CF]|(?<=\d)(?-i:[CF])\b|degrees\s+(?:Celsius|Fahrenheit)|{_CONVERTIBLE_WORDS})\s*\)\s*$", re.I)


def _celsius(value: float, unit: str) -> float | None:
    u = unit.casefold().replace(" ", "")
    if u in ("°c", "c", "degreescelsius"):
        return value
    if u in ("°f", "f", "degreesfahrenheit"):
        return (value - 32) * 5 / 9
    return None


def is_unit_conversion(before: str, paren: str) -> bool:
    """Whether ``paren`` ("(88.5 kph)") restates, in another unit of the same dimension, the figure and
    unit that ``before`` ends with ("... winds gusting to 55 mph"), within rounding (5%, or half the
    last digit written): dropped or added, such a conversion says nothing new (US style leaves out the
    metric one, other desks add it)."""
    return unit_conversion(before, paren) is True


def unit_conversion(before: str, paren: str) -> bool | None:
    """:func:`is_unit_conversion`, with ``None`` when ``paren`` is not a figure in another unit of the
    dimension of the figure ``before`` ends with (no conversion at all), ``False`` for one that
    does not convert ("55 mph (55 kph)")."""
    m, c = _FIGURE_UNIT_END_RE.search(before), _CONVERSION_RE.match(paren)
    if not m or not c:
        return None
    a, b = float(m.group(1).replace(",", "")), float(c.group(1).replace(",", ""))
    ua, ub = m.group(2).casefold(), c.group(2).casefold()
    ta, tb = _celsius(a, ua), _celsius(b, ub)
    if ta is not None or tb is not None:
        if ta is None or tb is None or ua.replace(" ", "") == ub.replace(" ", ""):
            return None
        expected, got = ta, tb
    else:
        (da, sa), (db, sb) = _UNIT_SIZE.get(ua, (None, 0)), _UNIT_SIZE.get(ub, (None, 0))
        if da is None or da != db or sa == sb:
            return None
        expected, got = a * sa, b * sb
    step = 10 ** -len(c.group(1).split(".")[1]) if "." in c.group(1) else 1.0
    unit_b = (sb if ta is None else 1.0)
    return abs(expected - got) <= max(0.05 * abs(expected), 0.5 * step * unit_b + 1e-9)


def names_time(text: str) -> bool:
    """Whether ``text`` names a span of time or a relative time word ("hours", "week", "last"):
    :func:`time_change` reads them with their neighbours."""
    if text.isascii() and not _time_hint().search(text):
        return False
    words = _unit_forms(text)
    return any(w in _RELATIVE_TIME or w in _RELATIVE_DAYS or (w in _UNIT_WORDS and _UNIT_WORDS[w][0] in _TIME_UNITS)
               for w in words)


@lru_cache(maxsize=1)
def _time_hint() -> re.Pattern:
    """Cheap test for :func:`names_time` on ASCII text: a relative time word or an ASCII unit of time."""
    vocab = set(_RELATIVE_TIME) | set(_RELATIVE_DAYS) | {w for w, u in _UNIT_WORDS.items() if u[0] in _TIME_UNITS and w.isascii()}
    return re.compile(r"\b(?:" + "|".join(sorted(map(re.escape, vocab), key=len, reverse=True)) + r")\b", re.I)


def time_change(parent: str, child: str) -> MeaningChange | None:
    """A span of time replaced by another with no figure to read ("hours after" -> "days after",
    "last week" -> "last month", "this month" -> "last month"; ``date``, fail): a unit replaced by
    another, or, with the same units, a relative word by another. A span only dropped or added, or
    said otherwise ("past week" -> "last week", "days" -> "day", "in the coming days" -> "in the
    days ahead"), is no change."""
    pr, cr = _time_references(parent), _time_references(child)
    if not pr or not cr:
        return None
    pu, cu = {u for _, u in pr}, {u for _, u in cr}
    if pu - cu and cu - pu:  # a unit replaced by another: "hours after" -> "days after"
        if same_duration(parent, child):  # the same spans in other units: "24 hours" -> "a day"
            return None
        return MeaningChange("date", "fail", "replaced", tuple(sorted(pu - cu)), tuple(sorted(cu - pu)))
    # the same units: a relative word replaced by another ("this month" -> "last month"); one said
    # otherwise on one side ("in the coming days" -> "in the days ahead", "a day later" -> "the
    # next day") is not read, as the words that can say it are many
    for unit in sorted(pu & cu):
        rp = {r for r, u in pr if u == unit and r}
        rc = {r for r, u in cr if u == unit and r}
        if rp and rc and rp != rc:
            return MeaningChange("date", "fail", "replaced", tuple(f"{r} {unit}" for r in sorted(rp - rc)),
                                 tuple(f"{r} {unit}" for r in sorted(rc - rp)))
    return None


#: the currencies of :data:`_UNIT_SIGNS` and :data:`_UNIT_WORDS`
_CURRENCIES = frozenset({"dollar", "euro", "pound", "yen", "yuan", "rupee", "rouble", "won", "lira", "franc"})


def currency_names(text: str) -> frozenset[str]:
    """The currencies ``text`` names (a sign or a word): "$12.9bn" dollar, "(£10bn)" pound, "¥5"
    yen and yuan."""
    return frozenset(x for m in _units(text) for x in m if x in _CURRENCIES)


def names_unit(text: str) -> bool:
    """Whether ``text`` names a currency or a unit of measure (:func:`unit_change` reads them)."""
    return bool(_units(text))


def names_scale(text: str) -> bool:
    """Whether ``text`` holds a word that scales a figure written beside it ("million", "bn",
    "Milliarden", "lakh", another language's scale words of the number-word table): replaced
    alone, the figure's value changes ("$6 million" -> "$6 billion") though no digit did."""
    other = _other_scales()
    return any(_SCALES.get(w, 0) >= 1e3 or other.get(w, 0) >= 1e3 for w in map(_fold, _LETTER_WORD_RE.findall(text)))


def unit_change(parent: str, child: str) -> MeaningChange | None:
    """A currency or a unit replaced by another around the same figures ("$60" -> "60 euros", "60 km"
    -> "60 miles"): one side names a unit the other cannot mean, and the other one the first cannot.
    A unit only dropped or only added ("$60" -> "60"), or written otherwise ("$60" -> "60 dollars",
    "60 km" -> "60 kilometres"), is no change."""
    pc, cc = _units(parent), _units(child)
    if not pc and not cc:
        return None
    if pc and cc:
        p_all, c_all = {x for m in pc for x in m}, {x for m in cc for x in m}
        removed = sorted({m[0] for m in pc if not set(m) & c_all})
        added = sorted({m[0] for m in cc if not set(m) & p_all})
        if removed and added:
            return MeaningChange("number", "fail", "replaced", tuple(removed), tuple(added))
    return _figure_unit_change(parent, child)


#: a figure in digits with the sign before it or the word (or %) after it, a scale word between
_FIGURE_UNIT_RE = re.compile(r"(?P<sign>[$€£¥₹₽₩₺])?\s?(?P<num>\d+(?:[.,]\d+)*)(?:\s?(?:million|billion|trillion|"
                             r"thousand|mn|bn|m|k)\b)?\s*(?P<after>[%％]|[^\W\d_]+)?", re.I)


def _figure_units(text: str) -> list[tuple[str, frozenset[str] | None]]:
    """Each figure in digits of ``text`` with the units written on it (its sign, or the unit word or
    % right after it), as (digits, units); a figure with none has an empty set, one that ends the
    text with none ``None`` (unknown: a window may have cut its unit off)."""
    text = _unit_phrases(text)
    out = []
    for m in _FIGURE_UNIT_RE.finditer(_ascii_digits(text)):
        units: set[str] = set(_UNIT_SIGNS.get(m.group("sign") or "", ()))
        after = m.group("after") or ""
        units |= set(_UNIT_SIGNS.get(after, ()) or _UNIT_WORDS.get(_fold(after).rstrip("."), ()))
        # a figure ending the text may have lost its unit where a window cut it off, and one joined
        # to the next by a range's word shares its unit ("between 5 and 6 percent"): unknown
        ranged = _fold(after) in ("and", "to", "or", "und", "et", "y")
        out.append((m.group("num").replace(",", ""), frozenset(units) if units or (after and not ranged) else None))
    return out


def _figure_unit_change(parent: str, child: str) -> MeaningChange | None:
    """The same figures with their units traded ("$185.25, up 0.35%" -> "185.25%, up $0.35"), or a
    percentage that lost its percent before a counted noun ("30% of the planes" -> "30 planes"): for
    a figure on both sides, units on both that share none, or a percent on one side only. A share is
    never implied; a currency or unit left out beside its figure ("$60" -> "60") is no change."""
    pf, cf = _figure_units(parent), _figure_units(child)
    if sorted(n for n, _ in pf) != sorted(n for n, _ in cf):
        return None
    cu = {}
    for n, units in cf:
        cu.setdefault(n, []).append(units)
    for n, units in pf:
        others = cu.get(n) or [frozenset()]
        other = others.pop(0)
        if units is None or other is None:
            continue
        if (units and other and not units & other) or (("percent" in units) != ("percent" in other)):
            removed, added = sorted(units - other) or ["(none)"], sorted(other - units) or ["(none)"]
            return MeaningChange("number", "fail", "replaced", tuple(removed), tuple(added))
    return None


#: Phrases that bound a figure from below or from above, read only right before a figure in digits
#: ("at least 50" and "more than 50" say 50 or more; "up to 50", "as many as 50", "nearly 50" say 50
#: or fewer); in English, French, Spanish, German, Russian, Urdu and Hindi (the languages of the
#: wire copy in the development data and the hostile review). "About", "some", "around" ("environ",
#: "около", "تقریباً") bound nothing.
_BOUNDS = {
    "lower": ("at least", "more than", "over", "above", "upwards of", "in excess of", "no fewer than",
              "no less than", "a minimum of", "exceeding",
              "au moins", "plus de", "au minimum", "pas moins de",  # French
              "al menos", "más de", "como mínimo", "por lo menos",  # Spanish
              "mindestens", "mehr als", "über", "wenigstens",  # German
              "не менее", "более", "больше", "свыше", "минимум",  # Russian
              "کم از کم",  # Urdu: at least
              "कम से कम", "न्यूनतम"),  # Hindi: at least, minimum
    "upper": ("at most", "up to", "as many as", "as much as", "fewer than", "less than", "under", "below",
              "no more than", "a maximum of", "nearly", "almost", "just under",
              "au plus", "moins de", "jusqu'à", "jusqu’à", "au maximum", "près de", "presque",  # French
              "como máximo", "menos de", "hasta", "casi", "a lo sumo",  # Spanish
              "höchstens", "weniger als", "bis zu", "fast", "knapp",  # German
              "не более", "менее", "меньше", "почти", "максимум",  # Russian
              "زیادہ سے زیادہ",  # Urdu: at most
              "अधिकतम"),  # Hindi: at most
}
#: ... and written after it (Urdu and Hindi put the comparison after the figure: "30 سے زیادہ", more
#: than 30; "30 से कम", fewer than 30).
_BOUNDS_AFTER = {
    "lower": ("سے زیادہ", "سے زائد", "से अधिक", "से ज़्यादा", "से ज्यादा"),
    "upper": ("سے کم", "से कम"),
}
_BOUND_RE = re.compile(
    r"(?<!\w)(" + "|".join(sorted((re.escape(p) for ps in _BOUNDS.values() for p in ps), key=len, reverse=True))
    + r")\s+(?=" + _UNIT_SIGN_RE.pattern + r"?\d)", re.I)  # a figure, a currency sign before it or not
_BOUND_AFTER_RE = re.compile(
    r"(?<=\d)\s*(?:[^\W\d_]+\s+){0,2}?("  # a figure, maybe a counted noun or two ("30 افراد سے زیادہ")
    + "|".join(sorted((re.escape(p) for ps in _BOUNDS_AFTER.values() for p in ps), key=len, reverse=True))
    + r")(?!\w)")
_BOUND_SIDE = {p: side for bounds in (_BOUNDS, _BOUNDS_AFTER) for side, ps in bounds.items() for p in ps}


def bound_change(parent: str, child: str) -> MeaningChange | None:
    """A figure bounded from one side in ``parent`` and from the other in ``child`` ("as many as 13,000"
    -> "more than 13,000"). A bound only added or dropped, or the same side in other words ("at
    least" -> "more than"), is no change."""
    ps, cs = _bound_sides(parent), _bound_sides(child)
    if ps and cs and not ps & cs:
        return MeaningChange("number", "fail", "replaced", tuple(sorted(ps)), tuple(sorted(cs)))
    return None


def _bound_sides(text: str) -> set[str]:
    if not _ANY_DIGIT_RE.search(text):
        return set()  # both patterns bound a figure in digits
    return ({_BOUND_SIDE[" ".join(m.group(1).lower().split())] for m in _BOUND_RE.finditer(text)}
            | {_BOUND_SIDE[" ".join(m.group(1).split())] for m in _BOUND_AFTER_RE.finditer(text)})


_BOUND_WORDS = frozenset(w for bounds in (_BOUNDS, _BOUNDS_AFTER) for ps in bounds.values() for p in ps for w in p.split())


def rounded_figure(value: float, shown: float, bound: str = "", approximate: bool = False) -> bool:
    """Whether ``shown`` is ``value`` rounded, as headlines and summaries write a figure ("30,154"
    -> "30,000", "30K", "more than 30,000"): with at most two significant digits, it is the value
    to its last one, the nearest ("31,000" is another figure), or on the side a bound names ("more
    than", ``lower``: rounded down; "nearly" or "up to", ``upper``: rounded up), and within 5%.
    ``approximate`` (the figure is said to be approximate: "about", "roughly") also admits one
    significant digit within 10% ("7.46%" -> "about 7%"; "about 8%" is another figure)."""
    if shown == value or shown <= 0 or value <= 0:
        return False
    digits = (2, 1) if approximate else (2,)
    return any(abs(shown - value) <= (0.1 if n == 1 else 0.05) * value and _rounded_to(value, shown, n, bound)
               for n in digits)


def _rounded_to(value: float, shown: float, digits: int, bound: str) -> bool:
    """Whether ``shown`` has at most ``digits`` significant digits and is ``value`` rounded to its
    last one (the nearest, or under a bound the side it names)."""
    scale = 10.0 ** (math.floor(math.log10(shown)) - (digits - 1))  # the unit of the last significant digit
    if abs(shown / scale - round(shown / scale)) > 1e-6:
        return False
    # the value to that unit: the nearest, or, under a bound, the side the bound names
    at = value / scale
    expected = {"lower": math.floor(at), "upper": math.ceil(at)}.get(bound, round(at)) * scale
    return abs(shown - expected) <= 1e-6 * shown


#: Words that only say how a figure is given (approximators, bound words, scale words): a rounded
#: figure may gain or lose them ("30,154" -> "about 30,000", "more than 30K") and say the same.
_APPROXIMATORS = frozenset({"about", "around", "roughly", "approximately", "some", "almost", "nearly", "close",
                            "just", "circa", "ca", "approx", "k"})


def names_approximation(words) -> bool:
    """Whether ``words`` (comparison forms) hold an approximator ("about", "roughly", "some"): the
    figure beside it is said to be approximate."""
    return any(w in _APPROXIMATORS and w != "k" for w in words)


def only_approximation_words(words) -> bool:
    """Whether ``words`` (comparison forms) are all approximators, bound words ("more than", "at
    least", "nearly") or scale words ("thousand", "million"): what a summary adds around a rounded
    figure without saying anything else."""
    return all(w in _APPROXIMATORS or w in _BOUND_WORDS or _fold(w) in _SCALES for w in words)


def bound_side(text: str) -> str:
    """The one side ``text`` bounds a figure from ("lower": "at least", "more than"; "upper": "up
    to", "nearly"), or "" for none or both."""
    sides = _bound_sides(text)
    return next(iter(sides)) if len(sides) == 1 else ""


def names_bound(text: str) -> bool:
    """Whether ``text`` holds a bound of a figure (:func:`bound_change`), the figure itself aside, or
    is made of a bound's words (one word of "au moins" replaced: "moins" -> "plus")."""
    low = text.lower()
    words = low.split()
    return (any(p in low for bounds in (_BOUNDS, _BOUNDS_AFTER) for ps in bounds.values() for p in ps)
            or (bool(words) and all(w in _BOUND_WORDS for w in words)))


def _undated_quantities(text: str, words: bool = True, loose: bool = False) -> list[tuple[float, str]]:
    """:func:`parse_quantities` of ``text`` with its dates' years and days left out (they are
    :func:`date_atoms`', judged by :func:`date_change`)."""
    return parse_quantities(_mask(text, _date_spans(text)), words, loose)


def stated_figures(text: str, words: bool = True) -> frozenset[float]:
    """The values of the quantities ``text`` states, dates aside (:func:`_undated_quantities`),
    rounded as :func:`number_change` compares them."""
    return frozenset(round(v, 6) for v, _ in _undated_quantities(text, words))


def _fmt_quantity(q: tuple[float, str]) -> str:
    """A value as ``Edit.removed``/``added`` show it: plain, a factor as ``x2``."""
    return ("x" if q[1] == "multiple" else "") + _fmt_num(q[0])


# ---------------------------------------------------------------------------------------------
# attribution

SPEECH_VERBS = frozenset(
    "said says say told tells tell telling asked asks added adds warned warns stated states announced "
    "announces explained explains insisted insists claimed claims noted notes wrote writes replied "
    "replies argued argues urged urges accused accuses according responded responds recalled "
    "confirmed confirms denied denies promised promises informed informs assured assures".split())


def _is_speech_verb(word: str) -> bool:
    """``word`` (as :func:`_words` gives it, a sentence's final stop attached: "said.") is a speech verb."""
    return _fold(word).rstrip(".") in SPEECH_VERBS


def _speech_positions(words: list[str]) -> list[int]:
    return [k for k, w in enumerate(words) if _is_speech_verb(w)]


def _ordered_names(text: str, context: str = "") -> list[str]:
    return [_fold(_last(r)) for r in name_runs(text, context)]


def attribution_change(parent: str, child: str, parent_context: str = "",
                       child_context: str = "", settings: Settings = DEFAULT_SETTINGS) -> MeaningChange | None:
    """Who is credited changed (``fail``):

    * ``agency_replaced``: an agency named in ``parent`` gives way to another agency's name in
      ``child`` (agencies and their other names from ``provenance/data/agencies.txt``);
    * ``speaker_swapped``: the same names around a speech verb in another order ("Putin told
      Scholz" -> "Scholz told Putin"); give the sentences, or the spans with their sentences as
      context;
    * ``speaker_replaced``: a name within ``edits.meaning_speech_window`` words (3) of a speech verb
      replaced by another name (not a respelling): the words are now someone else's. Needs the paragraphs (or sentences) as
      context; without context this reads as an ``entity`` change.
    """
    lex = load_lexicon()
    group_of = {name: k for k, group in enumerate(lex.agency_groups) for name in group}
    pa = {group_of[n] for n in lex.agency_pattern.findall(parent)}
    ca = {group_of[n] for n in lex.agency_pattern.findall(child)}
    if pa and ca and not pa & ca:
        return MeaningChange("attribution", "fail", "agency_replaced",
                             tuple(sorted(set(lex.agency_pattern.findall(parent)))),
                             tuple(sorted(set(lex.agency_pattern.findall(child)))))
    for ptext, ctext in ((parent, child), (_sentence_around(parent_context, parent),
                                            _sentence_around(child_context, child))):
        if not ptext or not ctext:
            continue
        pn, cn = _ordered_names(ptext, parent_context), _ordered_names(ctext, child_context)
        # the same names, first named in another order (a swap may change how often each recurs:
        # "Morrison ... Vindman ... Vindman" -> "Vindman ... Morrison ... Morrison")
        pf, cf = list(dict.fromkeys(pn)), list(dict.fromkeys(cn))
        if (len(pf) >= 2 and pf != cf and sorted(pf) == sorted(cf)
                and _speech_positions(_words(ptext)) and _speech_positions(_words(ctext))):
            moved = tuple(n for n, m in zip(pf, cf) if n != m)
            return MeaningChange("attribution", "fail", "speaker_swapped", moved, tuple(m for n, m in zip(pf, cf) if n != m))
    if parent_context and child_context:
        removed = name_runs(parent, parent_context)
        added = name_runs(child, child_context)
        if removed and added and not is_house_style(parent, child):
            psent, csent = _sentence_around(parent_context, parent), _sentence_around(child_context, child)
            new = [a for a in added if not any(same_entity(a, r) for r in removed)]
            gone = [r for r in removed if not any(same_entity(r, a) for a in added)]
            window = settings.edits.meaning_speech_window
            if (new and gone and not all(any(respelled(_last(a), _last(r), settings) for r in gone) for a in new)
                    and _near_speech(psent, parent, window) and _near_speech(csent, child, window)):
                return MeaningChange("attribution", "fail", "speaker_replaced", tuple(gone), tuple(new))
    return None


def _sentence_around(context: str, span: str) -> str:
    """The sentence(s) of ``context`` that contain ``span`` (its first occurrence), or ``""``."""
    if not context or not span.strip():
        return ""
    i = context.find(span.strip())
    if i < 0:
        return ""
    j = i + len(span.strip())
    starts = [m.end() for m in re.finditer(r"[.!?…][\"”’»]?\s+(?=[\"“‘«A-Z0-9])|\n\s*", context[:i])]
    a = starts[-1] if starts else 0
    m = re.compile(r"[.!?…][\"”’»]?(?=\s+[\"“‘«A-Z0-9]|\s*\n|\s*$)").search(context, j)
    b = m.end() if m else len(context)
    return context[a:b]


def _near_speech(sentence: str, span: str, window: int) -> bool:
    """A speech verb within ``window`` words of ``span`` in ``sentence``."""
    i = sentence.find(span.strip())
    if i < 0:
        return False
    before = _words(sentence[:i])[-window:]
    after = _words(sentence[i + len(span.strip()):])[:window]
    return any(_is_speech_verb(w) for w in before + after)


# ---------------------------------------------------------------------------------------------
# quotations

_QUOTED_RE = re.compile(
    r"“[^“”\n]*?[^\W_][^“”\n]*?”|\"[^\"\n]*?[^\W_][^\"\n]*?\"|„[^„“”\n]*?[^\W_][^„“”\n]*?[“”]"
    r"|«[^«»\n]*?[^\W_][^«»\n]*?»|»[^«»\n]*?[^\W_][^«»\n]*?[«»]|「[^「」\n]*?」|『[^『』\n]*?』"
    r"|‘[^‘’\n]*?[^\W_][^‘’\n]*?’(?![\w])|‚[^‚‘’\n]*?[^\W_][^‚‘’\n]*?[‘’](?![\w])"
    r"|(?<![\w])'[^'\n]*?[^\W_][^'\n]*?'(?![\w])"
)


def quoted_passages(text: str) -> list[str]:
    """The quoted passages of ``text`` with their marks, in order (curly, straight, guillemets either
    way round -- «French» and »German« or »Finnish» --, low-high German „…“ and ‚…‘, CJK corner
    brackets, single quotes not inside a word)."""
    return [m.group(0) for m in _QUOTED_RE.finditer(text)]


_OPEN_QUOTE_RE = re.compile(r"(?:^|(?<=[\s(\[:—–-]))[\"“„«»「『](?=\w)")
_CLOSE_QUOTE_RE = re.compile(r"(?<=[\w.,!?…])[\"”“»«」』](?=[\s.,;:!?)\]—–-]|$)")


def contains_quotation(text: str, settings: Settings = DEFAULT_SETTINGS) -> bool:
    """``text`` contains a passage in quotation marks with at least one word inside, or, as an
    aligned insertion may begin or end inside one, a paragraph of at least
    ``edits.quote_fragment_min_words`` words (3) with an opening mark before a word or a closing
    mark after one (double marks only: apostrophes are not quotations)."""
    if _QUOTE_MARKS.isdisjoint(text):  # every pattern above finds one of these marks
        return False
    least = settings.edits.quote_fragment_min_words
    # cached by text (each paragraph of a story is judged against every other member), but not
    # a long text, which would hold the cache's memory
    return (_contains_quotation if len(text) <= _QUOTATION_CACHE_TEXT_MAX else _contains_quotation.__wrapped__)(text, least)


#: the marks :data:`_QUOTED_RE`, :data:`_OPEN_QUOTE_RE` and :data:`_CLOSE_QUOTE_RE` match on
_QUOTE_MARKS = frozenset("\"“”„«»「」『』‘’‚'")
_QUOTATION_CACHE_TEXT_MAX = 4096


@lru_cache(maxsize=4096)
def _contains_quotation(text: str, least: int) -> bool:
    if _QUOTED_RE.search(text):
        return True
    return any(_words(p) and (_OPEN_QUOTE_RE.search(p) or _CLOSE_QUOTE_RE.search(p)) and len(_words(p)) >= least
               for p in re.split(r"\n\s*\n", text))


def _inner(passage: str) -> str:
    return " ".join(style_key(passage[1:-1]))


def quotation_marks_removed(parent: str, child: str) -> MeaningChange | None:
    """Words quoted in ``parent`` appear in ``child`` without their quotation marks (``warn``): the
    reprint no longer presents them as someone's words. A change of mark style (“” -> "" or «»)
    keeps the quotation and does not fire. Give both texts (or aligned passages of them)."""
    child_quoted = {_inner(q) for q in quoted_passages(child)}
    child_key = " " + " ".join(style_key(child)) + " "
    removed = []
    for q in quoted_passages(parent):
        inner = _inner(q)
        if inner and inner not in child_quoted and f" {inner} " in child_key:
            removed.append(q)
    if not removed:
        # an aligned span of marks only: '"' -> '' (the words around it are shared)
        pm = sum(c in _QUOTES for c in parent)
        cm = sum(c in _QUOTES for c in child)
        if pm > cm and style_key(parent) == style_key(child) and not _words(parent):
            return MeaningChange("quote", "warn", "marks_removed", (parent.strip(),), (child.strip(),))
        return None
    return MeaningChange("quote", "warn", "marks_removed", tuple(removed), ())


# ---------------------------------------------------------------------------------------------
# everything

def detect_meaning_changes(parent: str, child: str, parent_context: str = "",
                           child_context: str = "", settings: Settings = DEFAULT_SETTINGS) -> tuple[MeaningChange, ...]:
    """All meaning changes of one aligned passage (``parent`` in the source, ``child`` in the
    reprint; either may be empty for a deletion or insertion), strongest first. House style yields
    nothing. An inserted or deleted passage yields a ``quote`` change when it contains a quotation.
    An attribution change suppresses the entity change of the same names (the swap is the finding)."""
    if not parent.strip() and not child.strip():
        return ()
    if not parent.strip() or not child.strip():
        text = child if child.strip() else parent
        if contains_quotation(text, settings):
            return (MeaningChange("quote", "fail", "inserted" if child.strip() else "deleted",
                                  () if child.strip() else (text.strip(),), (text.strip(),) if child.strip() else ()),)
        marks = quotation_marks_removed(parent, child)
        return (marks,) if marks else ()
    if is_house_style(parent, child):
        return ()
    found = []
    attribution = attribution_change(parent, child, parent_context, child_context, settings)
    if attribution:
        found.append(attribution)
    else:
        entity = entity_change(parent, child, parent_context, child_context, settings)
        if entity:
            found.append(entity)
    for detector in (date_change, polarity_change, number_change, quotation_marks_removed):
        change = detector(parent, child)
        if change:
            found.append(change)
    found.sort(key=lambda c: c.action != "fail")
    return tuple(found)

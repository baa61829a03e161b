"""The per-alignment facts the edit rules consult, and the candidate edit (a unit) they judge."""

from __future__ import annotations

from dataclasses import dataclass

from collections.abc import Iterator
from typing import NamedTuple

from ..model import EDIT_KINDS, WORD_KINDS, Alignment, Document, Edit
from ..settings import DEFAULT_SETTINGS, Settings
from ..text.lexicon import Lexicon
from ..text.segment import paragraph_starts
from ..text.tokenize import has_unspaced
from .quotes import quote_mask

__all__ = ["Unit", "Verdict", "EditContext", "is_english", "long_words", "make_edit", "token_word_count"]


class Verdict(NamedTuple):
    """What a rule decided about a unit: the kind, the note for people, and the structured fields of
    :class:`~provenance.model.Edit` (``direction``, ``change``, ``removed``, ``added``)."""

    kind: str
    note: str
    direction: str = ""
    change: str = ""
    removed: tuple[str, ...] = ()
    added: tuple[str, ...] = ()


@dataclass(frozen=True)
class Unit:
    """A candidate edit: parent tokens [pi1, pi2) and child tokens [cj1, cj2), plus block indexes."""

    pi1: int
    pi2: int
    cj1: int
    cj2: int
    blocks: tuple[int, ...]
    move: str | None = None


def token_word_count(tokens) -> int:
    """Words among ``tokens`` (word, number and abbreviation tokens alike), where a token of a script
    written without spaces (one character, see :mod:`provenance.text.tokenize`) counts half: Chinese
    and Japanese words are about two characters long, and the limits on headlines and mastheads
    are in words."""
    unspaced = sum(1 for t in tokens if has_unspaced(t.text[:1]))
    return len(tokens) - unspaced + (unspaced + 1) // 2


def long_words(tokens) -> Iterator[str]:
    """The words that show shared wording, as comparison forms: words of 4+ characters, and in
    scripts written without spaces (one token per character, see :mod:`provenance.text.tokenize`)
    each pair of adjacent characters, about a word of Chinese or Japanese. A headline in those
    scripts shares no 4-character token with its story, and was read as an unrelated paragraph."""
    prev = None
    for t in tokens:
        if t.kind != "word":
            prev = None
            continue
        if has_unspaced(t.text[0]):
            if prev is not None and prev.end == t.start:
                yield prev.norm + t.norm
            prev = t
            continue
        prev = None
        if len(t.norm) >= 4:
            yield t.norm


class EditContext:
    """Per-alignment facts the rules consult (paragraph starts, quote masks, article bounds)."""

    def __init__(self, al: Alignment, lex: Lexicon, known_boilerplate: frozenset[str],
                 settings: Settings = DEFAULT_SETTINGS):
        self.al, self.lex, self.known = al, lex, known_boilerplate
        self.settings = settings
        self.cfg = settings.edits
        self.P, self.C = al.parent, al.child
        self.pstart = paragraph_starts(self.P)
        self.cstart = paragraph_starts(self.C)
        self.pquote = quote_mask(self.P)
        self.cquote = quote_mask(self.C)
        # the shared text's bounds: a block of punctuation alone (a copy's footer ending in "." like
        # the source's last line) is not shared text, and would make a cut tail look kept
        tokens = self.P.tokens
        equal = [b for b in al.blocks if b.tag == "equal"
                 and any(tokens[k].kind in WORD_KINDS for k in range(b.i1, b.i2))]
        self.first_j = min((b.j1 for b in equal), default=len(self.C.tokens))
        self.last_j = max((b.j2 for b in equal), default=0)
        self.last_i = max((b.i2 for b in equal), default=0)
        self.first_i = min((b.i1 for b in equal), default=len(self.P.tokens))
        self.parent_words = self.P.derived("classify_words", lambda d: frozenset(long_words(d.tokens)))
        cfg = self.cfg
        self.english = self.P.derived(
            ("classify_english", id(lex), cfg.english_sample_tokens, cfg.english_function_share),
            lambda d: is_english(d, lex, cfg.english_sample_tokens, cfg.english_function_share))
        # English text counts English negators only: French "ne" is "NE" (north-east) there, "sem"
        # SEM, "nie" a surname, as "n'" opens N'Djamena. Elsewhere "no" is a negator in Spanish and
        # "in the" in Portuguese: a pair of texts that writes Portuguese's own negator ("não") does
        # not count it
        if self.english:
            self.negators = lex.english_negators or lex.negators
        elif any(d.derived("writes_nao", lambda d: any(t.norm == "não" for t in d.tokens)) for d in (self.P, self.C)):
            self.negators = lex.negators - {"no"}
        else:
            self.negators = lex.negators

    def para_end(self, starts, k, n) -> bool:
        return k >= n or starts[k]


def is_english(doc: Document, lex: Lexicon, sample_tokens: int = 2000, share: float = 0.12) -> bool:
    """English-only rules (spelling, titles, names, function words) fire only on English text:
    function words make up a third of running English and almost none of French or Urdu."""
    sample = [t.norm for t in doc.tokens[:sample_tokens] if t.kind == "word"]
    return bool(sample) and sum(w in lex.function_words for w in sample) >= share * len(sample)


def make_edit(ctx: EditContext, u: Unit, v: Verdict) -> Edit:
    P, C = ctx.P, ctx.C
    ps = (P.tokens[u.pi1].start, P.tokens[u.pi2 - 1].end) if u.pi1 < u.pi2 else (P.char_span(u.pi1, u.pi1)[0],) * 2
    cs = (C.tokens[u.cj1].start, C.tokens[u.cj2 - 1].end) if u.cj1 < u.cj2 else (C.char_span(u.cj1, u.cj1)[0],) * 2
    return Edit(v.kind, EDIT_KINDS[v.kind], ps, cs, P.text[ps[0] : ps[1]], C.text[cs[0] : cs[1]], v.note, u.blocks,
                v.direction, v.change, tuple(v.removed), tuple(v.added))

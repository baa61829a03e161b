"""Turn an alignment's blocks into typed edits, in a newsroom's words.

Every kind comes from a general rule or a readable resource (:mod:`provenance.lexicon`), never from
the seed articles:

* adjacent blocks that form one change (``",`` becoming ``,"``) are grouped first;
* a change spanning paragraphs is split into the parent's paragraphs (deleted) and the child's
  paragraphs (inserted), so a header or a tail of page furniture is judged paragraph by paragraph;
* then the first rule that applies decides the kind: structure (dateline, moved, duplicated,
  headline, boilerplate, truncated), substance (attribution, number, negation, quote), style
  (punctuation, whitespace, number_format, abbreviation, spelling, title, name_expansion,
  function_word), and finally ``inserted`` / ``deleted`` / ``rewrite``.

English-only rules (spelling, titles, function words) simply never match other languages; the
structural kinds, numbers and quotes work on any script. Cost is linear in the number of blocks.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache

from rapidfuzz.distance import Levenshtein

from .lexicon import Lexicon, load_lexicon
from .model import EDIT_KINDS, Alignment, Document, Edit
from .segment import _ENDERS, paragraph_starts

__all__ = ["classify_edits", "quote_mask", "number_values", "DATELINE_RE", "opening_dateline"]

_WORDISH = frozenset(("word", "number", "abbrev"))
_SPEECH_VERBS = frozenset("said says say told tell tells added adds according stated states asked wrote".split())
_MONTHS = {
    "january": "jan", "february": "feb", "march": "mar", "april": "apr", "june": "jun", "july": "jul",
    "august": "aug", "september": "sept", "october": "oct", "november": "nov", "december": "dec",
}
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


_SENTENCE_END = frozenset(".?!…")


def quote_mask(doc: Document) -> list[bool]:
    """Memoised per document; see :func:`_quote_mask`. Do not mutate the result."""
    return doc.derived("quote_mask", _quote_mask)


def _quote_mask(doc: Document) -> list[bool]:
    """``mask[k]`` is true when token ``k`` lies inside quotation marks (the marks themselves excluded).

    Curly marks open and close explicitly; straight marks toggle. Double and single quotes are tracked
    separately, and an unclosed quote ends at the paragraph break.
    """
    starts = paragraph_starts(doc)
    mask = [False] * len(doc.tokens)
    double = single = False
    for k, tok in enumerate(doc.tokens):
        if starts[k]:
            double = single = False
        if tok.kind == "quote":
            ch = tok.text
            if ch in "“„«「『":
                double = True
            elif ch in "”»」』":
                double = False
            elif ch == '"':
                double = not double
            elif ch in "‘‚‹":
                single = True
            elif ch in "’›":
                single = False
            elif ch == "'":
                single = not single
            continue
        mask[k] = double or single
    return mask


_SCALE = {"k": 1e3, "m": 1e6, "bn": 1e9}


def _number_value(text: str) -> float:
    """The value of one number token: ``13,000`` and ``13.000,5`` style separators, ``$60``, ``24.3%``,
    ``$2bn``. A lone comma before three digits groups thousands; a lone full stop is a decimal point."""
    raw = text.strip("$€£¥₹%")
    scale = 1.0
    for suffix, factor in _SCALE.items():
        if raw.endswith(suffix):
            raw, scale = raw[: -len(suffix)], factor
            break
    raw = raw.replace("\u00a0", "").replace("\u202f", "")
    if "," in raw and "." in raw:
        decimal = "," if raw.rfind(",") > raw.rfind(".") else "."
        raw = raw.replace("." if decimal == "," else ",", "").replace(",", ".")
    elif "," in raw:
        groups = raw.split(",")
        raw = "".join(groups) if all(len(g) == 3 for g in groups[1:]) else raw.replace(",", ".", 1).replace(",", "")
    elif raw.count(".") > 1:
        raw = raw.replace(".", "")
    try:
        return float(raw) * scale
    except ValueError:
        return float(re.sub(r"\D", "", raw) or 0) * scale


def number_values(tokens) -> list[float]:
    """Numeric values of the number tokens, in order; ``13 000`` (a number of at most three digits,
    one space, then exactly three digits) is one value, as French and SI style write thousands."""
    values: list[float] = []
    prev = None
    for tok in tokens:
        if tok.kind != "number":
            prev = None
            continue
        if (prev is not None and tok.start - prev.end == 1 and re.fullmatch(r"\d{3}", tok.text)
                and re.fullmatch(r"\d{1,3}(?:[ \u00a0\u202f]\d{3})*", "".join(prev_parts))):
            values[-1] = values[-1] * 1000 + float(tok.text)
            prev_parts.append(" " + tok.text)
            prev = tok
            continue
        values.append(_number_value(tok.text))
        prev, prev_parts = tok, [tok.text]
    return values


@dataclass(frozen=True)
class _Unit:
    """A candidate edit: parent tokens [pi1, pi2) and child tokens [cj1, cj2), plus block indexes."""

    pi1: int
    pi2: int
    cj1: int
    cj2: int
    blocks: tuple[int, ...]
    move: str | None = None


class _Context:
    """Per-alignment facts the rules consult (paragraph starts, quote masks, article bounds)."""

    def __init__(self, al: Alignment, lex: Lexicon, known_boilerplate: frozenset[str]):
        self.al, self.lex, self.known = al, lex, known_boilerplate
        self.P, self.C = al.parent, al.child
        self.pstart = paragraph_starts(self.P)
        self.cstart = paragraph_starts(self.C)
        self.pquote = quote_mask(self.P)
        self.cquote = quote_mask(self.C)
        equal = [b for b in al.blocks if b.tag == "equal"]
        self.first_j = min((b.j1 for b in equal), default=len(self.C.tokens))
        self.last_j = max((b.j2 for b in equal), default=0)
        self.last_i = max((b.i2 for b in equal), default=0)
        self.parent_words = self.P.derived(
            "classify_words", lambda d: frozenset(t.norm for t in d.tokens if t.kind == "word" and len(t.norm) >= 4))
        self.english = self.P.derived(("classify_english", id(lex)), lambda d: _is_english(d, lex))

    def para_end(self, starts, k, n) -> bool:
        return k >= n or starts[k]


def _is_english(doc: Document, lex: Lexicon) -> bool:
    # English-only rules (spelling, titles, names, function words) fire only on English text:
    # function words make up a third of running English and almost none of French or Urdu.
    sample = [t.norm for t in doc.tokens[:2000] if t.kind == "word"]
    return bool(sample) and sum(w in lex.function_words for w in sample) >= 0.12 * len(sample)


def classify_edits(
    alignment: Alignment,
    known_boilerplate: frozenset[str] = frozenset(),
    lexicon: Lexicon | None = None,
) -> tuple[Edit, ...]:
    """Typed edits from ``alignment.parent`` to ``alignment.child``, in child order.

    ``known_boilerplate`` holds normalised paragraphs known to recur across an outlet's pages (from a
    corpus); such paragraphs are ``boilerplate`` whatever their shape. Every returned edit has a kind
    from :data:`provenance.model.EDIT_KINDS` and that kind's severity.
    """
    ctx = _Context(alignment, lexicon or load_lexicon(), known_boilerplate)
    edits: list[Edit] = []
    edits.extend(_whitespace_edits(ctx))
    edits.extend(_move_edits(ctx))
    for unit in _units(ctx):
        kind, note = _classify_unit(ctx, unit)
        edits.append(_make_edit(ctx, unit, kind, note))
    edits = _absorb_tail_furniture(ctx, edits)
    edits = _merge_runs(ctx, edits)
    edits.sort(key=lambda e: (e.child_span[0], e.parent_span[0], e.kind != "moved" and e.kind != "duplicated"))
    return tuple(edits)


# -- grouping -------------------------------------------------------------------------------------


def _units(ctx: _Context) -> list[_Unit]:
    blocks = ctx.al.blocks
    groups: list[list[int]] = []
    k = 0
    while k < len(blocks):
        b = blocks[k]
        if b.tag == "equal":
            k += 1
            continue
        if b.move == "duplicated" and b.tag == "delete":
            k += 1
            continue
        grp = [k]
        k += 1
        while k < len(blocks):
            nb = blocks[k]
            if nb.tag != "equal" and nb.move == b.move:
                grp.append(k)
                k += 1
                continue
            # one punctuation token between two changes: the changes are one edit (",  -> ,")
            if (
                nb.tag == "equal" and nb.j2 - nb.j1 == 1 and k + 1 < len(blocks)
                and blocks[k + 1].tag != "equal" and blocks[k + 1].move == b.move
                and ctx.C.tokens[nb.j1].kind in ("punct", "quote")
                and (ctx.C.tokens[blocks[k + 1].j1 - 1].kind in ("punct", "quote"))
                and _only_punct(ctx, blocks[grp[-1]]) and _only_punct(ctx, blocks[k + 1])
            ):
                grp.extend([k, k + 1])
                k += 2
                continue
            break
        groups.append(grp)
    units: list[_Unit] = []
    for grp in groups:
        bl = [blocks[g] for g in grp]
        pis = [(x.i1, x.i2) for x in bl if x.i1 < x.i2 and x.tag != "insert"]
        pi1 = min((a for a, _ in pis), default=bl[0].i1)
        pi2 = max((b for _, b in pis), default=pi1)
        cj1, cj2 = bl[0].j1, bl[-1].j2
        units.extend(_split_paragraphs(ctx, _Unit(pi1, pi2, cj1, cj2, tuple(grp), bl[0].move)))
    return units


def _only_punct(ctx: _Context, b) -> bool:
    toks = ctx.P.tokens[b.i1 : b.i2] + ctx.C.tokens[b.j1 : b.j2]
    return all(t.kind in ("punct", "quote") for t in toks)


def _split_paragraphs(ctx: _Context, u: _Unit) -> list[_Unit]:
    """A change crossing a paragraph break is judged paragraph by paragraph on each side."""
    p_breaks = [k for k in range(u.pi1 + 1, u.pi2) if ctx.pstart[k]]
    c_breaks = [k for k in range(u.cj1 + 1, u.cj2) if ctx.cstart[k]]
    if not p_breaks and not c_breaks:
        return [u]
    out = []
    if u.pi1 < u.pi2:
        edges = [u.pi1, *p_breaks, u.pi2]
        out += [_Unit(a, b, u.cj1, u.cj1, u.blocks, u.move) for a, b in zip(edges, edges[1:])]
    if u.cj1 < u.cj2:
        edges = [u.cj1, *c_breaks, u.cj2]
        out += [_Unit(u.pi1, u.pi1, a, b, u.blocks, u.move) for a, b in zip(edges, edges[1:])]
    return out


def _whitespace_edits(ctx: _Context) -> list[Edit]:
    """Spaces added or removed between tokens that are otherwise equal ("fact?He" -> "fact? He")."""
    out = []
    P, C = ctx.P, ctx.C
    pg, cg = _gaps(P), _gaps(C)
    for n, b in enumerate(ctx.al.blocks):
        if b.tag != "equal" or pg[b.i1 : b.i2 - 1] == cg[b.j1 : b.j2 - 1]:
            continue  # the same spacing all along the block (compared as bytes, in C)
        for k in range(1, b.i2 - b.i1):
            x, y = pg[b.i1 + k - 1], cg[b.j1 + k - 1]
            if x == y or x == _GAP_BREAK or y == _GAP_BREAK:
                continue
            # one side has spaces and the other none (a line break is layout, not spacing)
            pa, pb = P.tokens[b.i1 + k - 1], P.tokens[b.i1 + k]
            ca, cb = C.tokens[b.j1 + k - 1], C.tokens[b.j1 + k]
            what = "space added" if y == _GAP_SPACE else "space removed"
            out.append(
                Edit(
                    "whitespace", "style", (pa.start, pb.end), (ca.start, cb.end),
                    P.text[pa.start : pb.end], C.text[ca.start : cb.end],
                    f"{what}: {P.text[pa.start:pb.end]!r} -> {C.text[ca.start:cb.end]!r}", (n,),
                )
            )
    return out


_GAP_NONE, _GAP_SPACE, _GAP_BREAK = 0, 1, 2


def _gaps(doc) -> bytes:
    """Per token, what separates it from the next: nothing, spaces, or a line break (memoised)."""

    def compute(d) -> bytes:
        toks, text = d.tokens, d.text
        out = bytearray(len(toks))  # all _GAP_NONE
        for k in range(len(toks) - 1):
            end, nxt = toks[k].end, toks[k + 1].start
            if nxt > end:
                gap = text[end:nxt]
                out[k] = _GAP_BREAK if ("\n" in gap or "\r" in gap) else _GAP_SPACE
        return bytes(out)

    return doc.derived("classify_gaps", compute)


def _move_edits(ctx: _Context) -> list[Edit]:
    """One edit per run of moved or duplicated blocks, pointing at where the text came from."""
    out = []
    blocks = ctx.al.blocks
    k = 0
    while k < len(blocks):
        b = blocks[k]
        if not b.move:
            k += 1
            continue
        run = [k]
        while k + 1 < len(blocks) and blocks[k + 1].move == b.move and blocks[k + 1].j1 == blocks[run[-1]].j2:
            k += 1
            run.append(k)
        k += 1
        bl = [blocks[r] for r in run]
        i1 = min(x.i1 for x in bl)
        i2 = max(x.i2 for x in bl)
        j1, j2 = bl[0].j1, bl[-1].j2
        ps, cs = ctx.P.char_span(i1, i2), ctx.C.char_span(j1, j2)
        ps = (ctx.P.tokens[i1].start, ctx.P.tokens[i2 - 1].end) if i1 < i2 else ps
        cs = (ctx.C.tokens[j1].start, ctx.C.tokens[j2 - 1].end) if j1 < j2 else cs
        line = ctx.P.line_of(ps[0])
        note = (
            f"paragraph repeated from parent line {line}" if b.move == "duplicated"
            else f"moved from parent line {line}"
        )
        out.append(Edit(b.move, "editorial", ps, cs, ctx.P.token_text(i1, i2), ctx.C.token_text(j1, j2), note, tuple(run)))
    return out


# -- rules ----------------------------------------------------------------------------------------


#: words a changed span may run past the dateline it starts with and still be a dateline edit: the
#: word diff's semantic cleanup can join the first word of the story to a rewritten dateline
_DATELINE_SLACK_WORDS = 3


def _is_dateline(text: str) -> bool:
    """``text`` is an agency dateline ("KYIV, Nov 25 (AFP) -"), give or take a word or so: not a
    whole paragraph that merely opens with one (deleting that is deleting the paragraph)."""
    m = DATELINE_RE.match(text)
    return bool(m) and len(text[m.end():].split()) <= _DATELINE_SLACK_WORDS


def _classify_unit(ctx: _Context, u: _Unit) -> tuple[str, str]:
    lex = ctx.lex
    ptoks = ctx.P.tokens[u.pi1 : u.pi2]
    ctoks = ctx.C.tokens[u.cj1 : u.cj2]
    ptext = ctx.P.token_text(u.pi1, u.pi2)
    ctext = ctx.C.token_text(u.cj1, u.cj2)
    pw = [t for t in ptoks if t.kind in _WORDISH]
    cw = [t for t in ctoks if t.kind in _WORDISH]
    p_para = u.pi1 < u.pi2 and ctx.pstart[u.pi1] and ctx.para_end(ctx.pstart, u.pi2, len(ctx.pstart))
    c_para = u.cj1 < u.cj2 and ctx.cstart[u.cj1] and ctx.para_end(ctx.cstart, u.cj2, len(ctx.cstart))

    # structure: datelines, paragraphs added around the article, the tail cut
    if ptoks and ctx.pstart[u.pi1] and _is_dateline(ctx.P.text[ptoks[0].start : ptoks[-1].end + 2]):
        return "dateline", ("agency dateline rewritten: " if ctoks else "agency dateline removed: ") + _q(ptext)
    if ctoks and ctx.cstart[u.cj1] and _is_dateline(ctx.C.text[ctoks[0].start : ctoks[-1].end + 2]) and not ptoks:
        return "dateline", "agency dateline added: " + _q(ctext)
    if not ptoks and c_para:
        return _inserted_paragraph(ctx, u, ctext, cw)
    if not ctoks and p_para:
        if _is_furniture(ctx, ptext):
            return "boilerplate", "page furniture dropped: " + _q(_short(ptext))
        if u.pi1 >= ctx.last_i:
            return "truncated", "tail of the parent cut: " + _q(_short(ptext))
        return "deleted", "paragraph deleted: " + _q(_short(ptext))

    if _in_headline(ctx.P, ctx.pstart, u.pi1, u.pi2) or _in_headline(ctx.C, ctx.cstart, u.cj1, u.cj2):
        # scare quotes and title case in a headline are the desk's wording, not a quotation
        return "headline", f"headline rewritten: {_q(ptext) or '(none)'} -> {_q(ctext) or '(none)'}"
    pn = [t.norm for t in pw]
    cn = [t.norm for t in cw]
    in_quote = any(ctx.pquote[u.pi1 + k] for k, t in enumerate(ptoks) if t.kind in _WORDISH) or any(
        ctx.cquote[u.cj1 + k] for k, t in enumerate(ctoks) if t.kind in _WORDISH
    )
    # substance
    p_agency, c_agency = _agencies(lex, ptext), _agencies(lex, ctext)
    if p_agency and p_agency != c_agency and not (c_agency and not ptoks):
        return "attribution", f"agency credit {', '.join(sorted(p_agency))} " + (
            f"changed to {', '.join(sorted(c_agency))}" if c_agency else "removed"
        )
    pv, cv = number_values(ptoks), number_values(ctoks)
    if pv or cv:
        if sorted(pv) == sorted(cv):
            if pn != cn or ptext != ctext:
                return "number_format", f"number reformatted: {_q(ptext)} -> {_q(ctext)}"
        else:
            return "number", f"number changed: {_q(ptext) or '(none)'} -> {_q(ctext) or '(none)'}"
    negs = (set(pn) ^ set(cn)) & lex.negators
    if negs:
        added = set(cn) & negs
        return "negation", ("negation added: " if added else "negation removed: ") + ", ".join(sorted(negs))
    if pn == cn:
        if "".join(t.text for t in ptoks) == "".join(t.text for t in ctoks):
            return "whitespace", f"spacing changed: {_q(ptext)} -> {_q(ctext)}"
        return "punctuation", _punct_note(ptext, ctext)
    if _speaker_changed(ctx, u, pw, cw):
        return "attribution", f"speaker changed: {_q(ptext)} -> {_q(ctext)}"
    if in_quote:
        return "quote", f"words inside a quotation changed: {_q(ptext) or '(none)'} -> {_q(ctext) or '(none)'}"

    if not ctx.english:
        return _generic(ptoks, ctoks, ptext, ctext)
    # style
    if pw and cw and _is_abbreviation(pw, cw):
        return "abbreviation", f"abbreviated: {_q(ptext)} -> {_q(ctext)}"
    if pw and cw and _is_abbreviation(cw, pw):
        return "abbreviation", f"abbreviation expanded: {_q(ptext)} -> {_q(ctext)}"
    spelling = _spelling(lex, pn, cn)
    if spelling:
        return "spelling", f"{spelling}: {_q(ptext)} -> {_q(ctext)}"
    kind = _name_change(ctx, u, pw, cw)
    if kind:
        return kind
    fp = [w for w in pn if w not in lex.function_words]
    fc = [w for w in cn if w not in lex.function_words]
    if fp == fc:
        changed = sorted((set(pn) ^ set(cn)) & lex.function_words) or sorted(set(pn) | set(cn))
        verb = "added" if len(cn) > len(pn) else ("dropped" if len(cn) < len(pn) else "changed")
        return "function_word", f"function word {verb}: {', '.join(changed)}"
    return _generic(ptoks, ctoks, ptext, ctext)


def _in_headline(doc: Document, starts, a: int, b: int) -> bool:
    """Tokens ``[a, b)`` lie in the document's headline: a short first paragraph without a final stop
    (or the page title an extractor put first), followed by more text."""
    if a >= b:
        return False
    end = next((k for k in range(1, len(starts)) if starts[k]), None)
    if end is None or b > end:
        return False
    first = doc.token_text(0, end)
    if doc.meta.get("title") and " ".join(first.split()) == " ".join(str(doc.meta["title"]).split()):
        return True
    words = sum(1 for t in doc.tokens[:end] if t.kind in _WORDISH)
    return words <= 25 and doc.tokens[end - 1].text not in _ENDERS | {":", ";", ","}


def _generic(ptoks, ctoks, ptext: str, ctext: str) -> tuple[str, str]:
    if not ptoks and _is_sentence(ctoks):
        return "inserted", "sentence inserted: " + _q(_short(ctext))
    if not ctoks and _is_sentence(ptoks):
        return "deleted", "sentence deleted: " + _q(_short(ptext))
    return "rewrite", f"reworded: {_q(_short(ptext)) or '(none)'} -> {_q(_short(ctext)) or '(none)'}"


def _inserted_paragraph(ctx: _Context, u: _Unit, ctext: str, cw) -> tuple[str, str]:
    if _is_furniture(ctx, ctext):
        return "boilerplate", "page furniture: " + _q(_short(ctext))
    before_body = u.cj2 <= ctx.first_j
    shared = {t.norm for t in cw if len(t.norm) >= 4} & ctx.parent_words
    if before_body and len(cw) <= 25 and ctext.rstrip()[-1:] not in ".:" and len(shared) >= 2:
        return "headline", "headline added: " + _q(_short(ctext))
    if before_body and len(cw) <= 12 and not shared:
        return "boilerplate", "masthead or page header: " + _q(_short(ctext))
    return "inserted", "paragraph inserted: " + _q(_short(ctext))


def _is_furniture(ctx: _Context, text: str) -> bool:
    norm = " ".join(text.casefold().split())
    if norm in ctx.known:
        return True
    if len(text) > _CACHED_TEXT_MAX:  # keep the cache small: huge paragraphs are searched each time
        return _matches_any(ctx.lex.boilerplate, text)
    return _matches_any_cached(ctx.lex.boilerplate, text)


_CACHED_TEXT_MAX = 4096


def _matches_any(patterns: tuple[re.Pattern, ...], text: str) -> bool:
    return any(p.search(text) for p in patterns)


# cached: in a story each paragraph is judged once per other member, and the search is slow
# (~0.2 ms per paragraph: Python's re tries every alternative at every position)
_matches_any_cached = lru_cache(maxsize=8192)(_matches_any)


def _absorb_tail_furniture(ctx: _Context, edits: list[Edit]) -> list[Edit]:
    """Paragraphs after the article, among page furniture, are furniture too (on either side).

    A donation appeal or a list of related headlines is prose the patterns cannot all name, but it
    sits after the last shared text among other furniture: that is the shape of a page footer.
    The same holds for a parent's footer that its copy dropped.
    """
    out = list(edits)
    for side in ("child", "parent"):
        if side == "child":
            start = ctx.C.char_span(ctx.last_j, ctx.last_j)[0]
            tail = [k for k, e in enumerate(out) if e.child_span[0] >= start and not e.parent_text]
            absorb, note = ("inserted", "headline"), "page furniture after the article: "
        else:
            start = ctx.P.char_span(ctx.last_i, ctx.last_i)[0]
            tail = [k for k, e in enumerate(out) if e.parent_span[0] >= start and not e.child_text]
            absorb, note = ("truncated", "deleted"), "page furniture dropped: "
        if not any(out[k].kind == "boilerplate" for k in tail):
            continue
        for k in tail:
            e = out[k]
            if e.kind in absorb:
                text = e.child_text or e.parent_text
                out[k] = Edit("boilerplate", "editorial", e.parent_span, e.child_span, e.parent_text, e.child_text,
                              note + _q(_short(text)), e.blocks)
    return out


def _merge_runs(ctx: _Context, edits: list[Edit]) -> list[Edit]:
    """Consecutive paragraphs of one structural kind read as one edit (a footer, a cut tail).

    Linear: runs are found first and each merged edit is built once (a tail of thousands of
    paragraphs would otherwise rebuild its text and word count at every paragraph).
    """
    mergeable = {"boilerplate", "truncated", "headline"}
    ordered = sorted(edits, key=lambda e: (e.child_span[0], e.parent_span[0]))
    runs: list[list[Edit]] = []
    for e in ordered:
        if runs and e.kind in mergeable and runs[-1][-1].kind == e.kind:
            last = runs[-1][-1]
            side_c = last.child_span[1] <= e.child_span[0] and not ctx.C.text[last.child_span[1] : e.child_span[0]].strip()
            side_p = last.parent_span[1] <= e.parent_span[0] and not ctx.P.text[last.parent_span[1] : e.parent_span[0]].strip()
            if side_c and side_p:
                runs[-1].append(e)
                continue
        runs.append([e])
    out: list[Edit] = []
    for run in runs:
        first, e = run[0], run[-1]
        if len(run) == 1:
            out.append(first)
            continue
        ps = (first.parent_span[0], e.parent_span[1])
        cs = (first.child_span[0], e.child_span[1])
        ptext = ctx.P.text[ps[0] : ps[1]]
        out.append(Edit(e.kind, e.severity, ps, cs, ptext, ctx.C.text[cs[0] : cs[1]],
                        first.note if e.kind != "truncated" else f"tail of the parent cut ({_words(ptext)} words)",
                        tuple(b for x in run for b in x.blocks)))
    return out


def _agencies(lex: Lexicon, text: str) -> set[str]:
    return set(lex.agency_pattern.findall(text))


def _speaker_changed(ctx: _Context, u: _Unit, pw, cw) -> bool:
    """A name swapped next to a speech verb, in a sentence with a quotation: the quote's speaker."""
    if not pw or not cw or not any(t.text[:1].isupper() for t in pw) or not any(t.text[:1].isupper() for t in cw):
        return False
    if {t.norm for t in pw} & {t.norm for t in cw}:
        return False  # "Putin" -> "Vladimir Putin" keeps the speaker
    lo, hi = max(0, u.pi1 - 4), min(len(ctx.P.tokens), u.pi2 + 4)
    near = {t.norm for t in ctx.P.tokens[lo:hi]}
    if not near & _SPEECH_VERBS:
        return False
    lo, hi = max(0, u.pi1 - 40), min(len(ctx.P.tokens), u.pi2 + 40)
    return any(t.kind == "quote" for t in ctx.P.tokens[lo:hi])


def _is_abbreviation(long, short) -> bool:
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
        if _MONTHS.get(lw) == sw or (_MONTHS.get(lw, "")[:3] == sw and lw in _MONTHS):
            return True
        return short[0].text.endswith(".") and len(sw) >= 2 and lw.startswith(sw) and len(lw) > len(sw)
    if len(short) == 1 and len(long) >= 2:
        initials = "".join(t.text[0] for t in long if t.text[:1].isupper())
        return len(initials) >= 2 and initials == sd
    # same number of words, each pair equal or abbreviated ("February 24" -> "Feb. 24")
    if len(long) == len(short):
        diffs = [(a, b) for a, b in zip(long, short) if a.norm != b.norm]
        return bool(diffs) and all(_is_abbreviation([a], [b]) for a, b in diffs)
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


def _spelling(lex: Lexicon, pn: list[str], cn: list[str]) -> str | None:
    if len(pn) != len(cn) or not pn:
        return None
    notes = []
    for a, b in zip(pn, cn):
        if a == b:
            continue
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
        elif min(len(a), len(b)) >= 5 and a[0] == b[0] and Levenshtein.normalized_similarity(a, b) >= 0.8:
            notes.append("spelling corrected")
        else:
            return None
    return notes[0] if notes else None


def _name_change(ctx: _Context, u: _Unit, pw, cw):
    """Titles (Mr, President) and name expansions (Putin -> Vladimir Putin), either direction."""
    lex = ctx.lex
    if pw and cw:
        # replace: "Mr Putin" -> "President Putin" or "Putin" -> "Vladimir Putin" inside one block
        if all(t.norm.rstrip(".") in lex.titles for t in pw + cw):
            return "title", f"title changed: {_q(_txt(pw))} -> {_q(_txt(cw))}"
        longer, shorter = (cw, pw) if len(cw) > len(pw) else (pw, cw)
        if [t.norm for t in longer[-len(shorter):]] == [t.norm for t in shorter] and all(
            t.text[:1].isupper() for t in longer
        ):
            extra = longer[: len(longer) - len(shorter)]
            if all(t.norm.rstrip(".") in lex.titles for t in extra):
                return "title", f"title {'added' if longer is cw else 'dropped'}: {_q(_txt(extra))}"
            return "name_expansion", f"name {'expanded' if longer is cw else 'shortened'}: {_q(_txt(pw))} -> {_q(_txt(cw))}"
        return None
    words, toks, starts, nxt = (cw, ctx.C.tokens, u.cj1, u.cj2) if cw else (pw, ctx.P.tokens, u.pi1, u.pi2)
    if not words or not all(t.text[:1].isupper() for t in words):
        return None
    following = toks[nxt] if nxt < len(toks) else None
    if following is None or following.kind not in _WORDISH or not following.text[:1].isupper():
        return None
    verb = "added" if cw else "dropped"
    if all(t.norm.rstrip(".") in lex.titles for t in words):
        return "title", f"title {verb} before {following.text}: {_q(_txt(words))}"
    if any(t.norm.rstrip(".") in lex.titles for t in words):
        return "title", f"title and name {verb} before {following.text}: {_q(_txt(words))}"
    full = _txt(words) + " " + following.text
    return "name_expansion", (f"name expanded: {following.text} -> {full}" if cw else f"name shortened: {full} -> {following.text}")


def _is_sentence(toks) -> bool:
    words = [t for t in toks if t.kind in _WORDISH]
    return len(words) >= 4 and toks[-1].text in _SENTENCE_END | {'"', "”", "'", "’"}


def _punct_note(ptext: str, ctext: str) -> str:
    pq, cq = ptext.strip(), ctext.strip()
    if pq[:1] in "\"”'’" and cq[-1:] in "\"”'’" and pq[1:2] in ",." or (pq.endswith(("\",", "\".", "”,", "”.")) and cq.endswith((",\"", ".\"", ",”", ".”"))):
        return f"punctuation moved inside the closing quote: {_q(ptext)} -> {_q(ctext)}"
    if set(pq) <= set("-–— ") and not cq:
        return "dashes around a subhead removed"
    return f"punctuation changed: {_q(ptext) or '(none)'} -> {_q(ctext) or '(none)'}"


def _make_edit(ctx: _Context, u: _Unit, kind: str, note: str) -> Edit:
    P, C = ctx.P, ctx.C
    ps = (P.tokens[u.pi1].start, P.tokens[u.pi2 - 1].end) if u.pi1 < u.pi2 else (P.char_span(u.pi1, u.pi1)[0],) * 2
    cs = (C.tokens[u.cj1].start, C.tokens[u.cj2 - 1].end) if u.cj1 < u.cj2 else (C.char_span(u.cj1, u.cj1)[0],) * 2
    return Edit(kind, EDIT_KINDS[kind], ps, cs, P.text[ps[0] : ps[1]], C.text[cs[0] : cs[1]], note, u.blocks)


def _txt(toks) -> str:
    return " ".join(t.text for t in toks)


def _q(text: str) -> str:
    return f"“{text}”" if text else ""


def _short(text: str, n: int = 60) -> str:
    text = " ".join(text.split())
    return text if len(text) <= n else text[: n - 1] + "…"


def _words(text: str) -> int:
    return len(text.split())


def _strip_accents(s: str) -> str:
    return "".join(c for c in unicodedata.normalize("NFD", s) if unicodedata.category(c) != "Mn")

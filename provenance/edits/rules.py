"""The rule cascade that gives a unit its kind: structure, then substance, then style, then the generic kinds.

Order matters and is part of the specification:

1. structure: datelines (a date dropped from a dateline in any script included), whole paragraphs
   inserted or dropped (furniture, headline, truncated tail, a passage with a quotation, plain
   insertion or deletion), headlines;
2. the agency credit (``attribution``: removed, or given to another agency);
3. punctuation-only changes (quotation marks removed around words is ``quote``, warn);
4. dates (``date``), whole values of numbers in any script or in words (``number``), negators
   (``negation``), opposites (``polarity``);
5. house style, wherever it stands, inside quotations too: abbreviations, British/American
   spelling, titles, name expansions (a capitalised name respelled is ``entity``, not spelling);
6. who is speaking (``attribution``: names swapped or replaced around a speech verb) and which names
   (``entity``: a person, organisation, place or nationality replaced);
7. other words changed inside a quotation (``quote``), function words, then ``inserted`` /
   ``deleted`` / ``rewrite``.
"""

from __future__ import annotations

from collections import Counter

import re
import unicodedata

from ..model import WORD_KINDS, Document
from ..text.lexicon import Lexicon
from ..text.segment import SENTENCE_ENDERS
from ..text.tokenize import has_unspaced, tokenize
from .context import EditContext, Unit, Verdict, long_words, token_word_count
from .datelines import credit_dateline_places, dateline_agency, in_opening, match_dateline
from .furniture import in_edge_furniture, is_furniture, short_line_runs, spoken_passage
from .meaning import (CJK_NUMERAL_CHARS, SPEECH_VERBS, bound_change, canonical_clock_times, currency_names, day_part_change, roman_value, unit_conversion, bound_side, only_approximation_words, contains_quotation, date_atoms, date_change, entity_change,
                      is_house_style, may_hold_date, may_hold_quantity, name_runs, names_bound, names_cjk_weekday, names_scale, names_time, names_unit_bound_number,
                      names_unit, number_change, parse_number_values, parse_quantities, polarity_change, quoted_passages,
                      respelled, rounded_figure, names_approximation, same_duration, same_entity, stated_figures, style_key, time_change, unit_change)
from .notes import first_words, joined_text, quoted, shortened
from .style import is_abbreviation, spelling_change

__all__ = ["classify_unit", "SPEECH_VERBS"]

#: titles of courtesy, not of office (of :data:`provenance.text.lexicon.Lexicon.titles`): "Mr Putin"
#: and "President Putin" name one person; "President" and "Prime Minister" are two offices
COURTESY_TITLES = frozenset("mr mrs ms miss mx sir dame lord lady dr prof professor m mme monsieur madame "
                            "herr frau sr sra señor señora".split())


def _is_dateline(text: str, slack: int, plain: bool = False) -> bool:
    """``text`` is an agency dateline ("KYIV, Nov 25 (AFP) -", "新华社北京12月5日电"), or with ``plain`` one
    without a credit ("VIENNA —"), give or take ``slack`` words: not a whole paragraph that merely
    opens with one (deleting that is deleting the paragraph)."""
    m = match_dateline(text, plain)
    if not m:
        return False
    rest = text[m.end():]
    # words past it: Chinese and Japanese put no spaces between theirs, so count tokens there
    words = sum(t.kind != "punct" for t in tokenize(rest)) if has_unspaced(rest) else len(rest.split())
    return words <= slack


def _no_new_place(ptext: str, ctext: str) -> bool:
    """Whether every capitalised word of ``ctext`` is one of ``ptext`` written out or shortened
    ("Calif." -> "California", "Mich." -> "Michigan"): no other place put into a dateline."""
    old = [w.casefold() for w in _WORD_RE.findall(ptext)]
    for w in _WORD_RE.findall(ctext):
        if w[:1].isupper() and not any(len(o) >= 2 and (w.casefold().startswith(o) or o.startswith(w.casefold()))
                                       for o in old):
            return False
    return True


def _opening_dateline_holding(ctx: EditContext, u: Unit) -> str | None:
    """The parent's dateline (agency or plain) when it opens the parent's first paragraph and holds
    the unit's parent tokens, not its first one (a dateline judged whole is judged above); else
    ``None``."""
    if not u.pi1 or u.pi1 > 12 or any(ctx.pstart[k] for k in range(1, u.pi1 + 1)):
        return None
    toks = ctx.P.tokens
    m = match_dateline(ctx.P.text[toks[0].start : toks[min(len(toks), u.pi2 + 8) - 1].end])
    if not m or toks[u.pi2 - 1].end > toks[0].start + m.end() + 1:
        return None
    return m.group(0).strip()


#: signs written on a figure: a minus (hyphen, minus sign, en dash) makes it negative, a plus does not
_MINUS, _PLUS = frozenset("-\u2212\u2013"), frozenset("+")


def _sign_change(ctx: EditContext, u: Unit, ptoks, ctoks) -> Verdict | None:
    """A minus sign added to, dropped from or traded for a plus on a figure ("0.3 percent" ->
    "-0.3 percent"): the figure's value changed, though the diff saw punctuation. The sign must sit
    on the figure (no space between) and not after a word or a digit (a range "10-12", a name
    "COVID-19" or a date is no sign)."""
    if len(ptoks) > 1 or len(ctoks) > 1 or not (ptoks or ctoks):
        return None

    def signed(doc, toks, at: int) -> tuple[bool, str] | None:
        """(negative, the figure as written) when the unit's side is a sign on the figure at ``at``."""
        if at >= len(doc.tokens) or doc.tokens[at].kind != "number":
            return None
        if toks:
            t = toks[0]
            if t.text not in _MINUS | _PLUS or t.end != doc.tokens[at].start:
                return None
            before = doc.text[t.start - 1] if t.start else " "
            if before.isalnum():
                return None
            return t.text in _MINUS, t.text + doc.tokens[at].text
        return False, doc.tokens[at].text

    p = signed(ctx.P, ptoks, u.pi2)
    c = signed(ctx.C, ctoks, u.cj2)
    if p is None or c is None or p[0] == c[0]:
        return None
    return Verdict("number", f"sign changed: {quoted(p[1])} -> {quoted(c[1])}", "", "replaced", (p[1],), (c[1],))


def _dateline_name(text: str) -> str:
    """How a note names the dateline ``text`` opens with: an agency's, or one without a credit."""
    m = match_dateline(text, plain=True)
    return "agency dateline" if m is None or dateline_agency(m) else "dateline"


def _dateline_place(m: re.Match) -> list[str]:
    """The words of a dateline match's place (and region), case-folded: what stands before its
    credit, date or dash."""
    head = re.split(r"[(/\u2014\u2013]|\s[-:]|\d|\s--", m.group(0), maxsplit=1)[0]
    return _WORD_RE.findall(head.casefold())


def _dateline_place_changed(ptext: str, ctext: str, c_plain: bool) -> tuple[tuple[str, ...], tuple[str, ...]] | None:
    """(removed, added) place words when both texts open with a dateline whose places differ
    ("VIENNA —" -> "BERLIN —", "SIOUX FALLS, S.D. (AP) —" -> "SIOUX CITY, Iowa (AP) —"): where the
    story was filed changed, a fact; the credit or the date rewritten alone is not this."""
    pm, cm = match_dateline(ptext, plain=True), match_dateline(ctext, plain=c_plain) if ctext else None
    if not pm or not cm:
        return None
    a, b = _dateline_place(pm), _dateline_place(cm)
    if not a or not b or a == b or set(a) <= set(b) or set(b) <= set(a):
        return None  # a place shortened or spelled out ("NEW YORK" -> "NEW YORK, N.Y.") keeps it
    return tuple(w for w in a if w not in b), tuple(w for w in b if w not in a)


def _inside_opening_dateline(ctx: EditContext, u: Unit, parent: bool = True) -> tuple[str, str] | None:
    """When the unit changes part of the opening dateline of its paragraph (the parent's with
    ``parent``, else the child's), not its first token (that case is judged whole above), and both
    paragraphs open with the same words before it: the whole dateline of that side, and the other
    side's text from its paragraph start to the unit's end. Else ``None``."""
    (doc, starts, a, b), (odoc, ostarts, oa, ob) = (
        ((ctx.P, ctx.pstart, u.pi1, u.pi2), (ctx.C, ctx.cstart, u.cj1, u.cj2)) if parent
        else ((ctx.C, ctx.cstart, u.cj1, u.cj2), (ctx.P, ctx.pstart, u.pi1, u.pi2)))
    if a >= b:
        return None
    k = a
    while k > 0 and not starts[k]:
        k -= 1
    if k == a or a - k > 8:  # the unit opens the paragraph, or lies past any dateline
        return None
    toks = doc.tokens
    start = toks[k].start
    m = match_dateline(doc.text[start:toks[min(len(toks), b + 8) - 1].end])
    if not m or toks[b - 1].end > start + m.end() + 1:
        return None
    j = oa
    while j > 0 and not ostarts[j]:
        j -= 1
    # the other paragraph opens with the same words before the unit ("LONDON")
    if oa - j != a - k or [t.norm for t in odoc.tokens[j:oa]] != [t.norm for t in toks[k:a]]:
        return None
    end = odoc.tokens[ob - 1].end if ob > oa else odoc.tokens[oa - 1].end
    return m.group(0).strip(), odoc.text[odoc.tokens[j].start:end].strip()


_WORD_RE = re.compile(r"[^\W\d_]+")


def _date_dropped_from_dateline(ctx: EditContext, ptoks, ctoks, cj1: int, ptext: str, ctext: str) -> bool:
    """The wire's dated dateline kept without its date ("ہیمبرگ۔23نومبر (اے پی پی)" -> "ہیمبرگ (اے پی پی)",
    "LONDON, Feb 24 (Reuters)" -> "LONDON (Reuters)"): the parent's changed words lie in the place
    and date before a credit at the start of one of its first lines and name a month (or a day
    beside one); the child's, if any, lie in its own dateline's place and hold no date or number.
    A date *changed* there is not this: the child then holds a date, and the date and number rules
    judge it."""
    def inside(doc, toks) -> bool:
        return any(a <= toks[0].start and toks[-1].end <= b for a, b in credit_dateline_places(doc))

    def undated_places(doc):  # the child's datelines that hold no date (the date went, not moved)
        return [(a, b) for a, b in credit_dateline_places(doc) if not may_hold_date(doc.text[a:b])]

    def at(doc, j: int) -> bool:  # the point before token j lies in an undated dateline's place (or ends it)
        pos = doc.tokens[j].start if j < len(doc.tokens) else len(doc.text)
        return any(a <= pos <= b for a, b in undated_places(doc))

    # a month names the date: a lone number there ("2" -> "two") is judged as a number (date_atoms
    # parts digits glued to a month, "۔23نومبر", as a reader does)
    if not inside(ctx.P, ptoks) or not any(kind in ("month", "day") for kind, _ in date_atoms(ptext)):
        return False
    if not ctoks:
        # the child keeps its dateline (place and credit) where the date was, or its own dateline
        # names the place the parent's dropped words name (the aligner may have read the place as
        # deleted and inserted): not a line moved elsewhere
        dropped = set(_WORD_RE.findall(ptext.casefold()))
        return at(ctx.C, cj1) or any(
            (place := _WORD_RE.findall(ctx.C.text[a:b].casefold())) and dropped.issuperset(place)
            for a, b in undated_places(ctx.C))
    return inside(ctx.C, ctoks) and not may_hold_date(ctext)


def _window(doc: Document, a: int, b: int, n: int) -> str:
    """The text of tokens [a, b) with ``n`` tokens either side (equal on both sides of a unit)."""
    lo, hi = max(0, a - n), min(len(doc.tokens), b + n)
    return doc.token_text(lo, hi) if lo < hi else ""


#: Words that make a figure a percentage, written apart from it ("37 percent", "37 per cent").
_PERCENT_WORDS = frozenset({"percent", "per", "pct", "procent", "prozent", "pour", "por"})


def _figure_window(doc: Document, a: int, b: int, n: int) -> str:
    """:func:`_window`, its ends moved to take whole a figure the window cut: its scale word at the
    end ("... (or $12" + "million"), its number at the start ("37" + "percent, from"). Cut there,
    "$12 million" read as 12 on one side and "$12m" as 12 million on the other, and "37%" kept its 37
    where "37 percent" lost it: "$17 million (or $12 million)" -> "$17m (or $12m)" and "rose by 37
    percent, from 0.90 percent" -> "rose by 37%, from 0.90%" failed as numbers changed."""
    hi = min(len(doc.tokens), b + n)
    while hi < len(doc.tokens) and hi > b and doc.tokens[hi - 1].kind == "number" and names_scale(doc.tokens[hi].text):
        hi += 1
    lo = max(0, a - n)
    if 0 < lo < a and doc.tokens[lo - 1].kind == "number" and (
            names_scale(doc.tokens[lo].text) or doc.tokens[lo].norm in _PERCENT_WORDS):
        lo -= 1  # ... and its start before the scale or percent word of a figure the window cut
    return doc.token_text(lo, hi) if lo < hi else ""


_LINE_BREAK_HYPHEN = re.compile(r"(?<=\w)[-\u00ad\u2010][^\S\n]*\n\s*(?=\w)")


def _unhyphenated(text: str) -> str:
    """``text`` with words hyphenated at a line break joined and spaces collapsed."""
    return " ".join(_LINE_BREAK_HYPHEN.sub("", text).split())


def _symbols(text: str) -> list[str]:
    """The symbols of ``text`` that are neither letters nor punctuation (Unicode category So: emoji,
    check marks, arrows), sorted (variation selectors are marks, not symbols)."""
    return sorted(ch for ch in text if ch >= "\u00a9" and unicodedata.category(ch) == "So")


def _sentence(doc: Document, starts, a: int, b: int, reach: int) -> str:
    """The sentence(s) holding tokens [a, b), bounded by sentence stops and paragraph breaks, and
    by ``reach`` tokens either side (``align.max_segment_tokens``, where the segmenter also cuts a
    sentence): a text with no stops would otherwise be read whole for every edit."""
    if not doc.tokens:
        return ""
    return doc.token_text(*_sentence_bounds(doc, starts, a, b, reach))


def _sentence_bounds(doc: Document, starts, a: int, b: int, reach: int) -> tuple[int, int]:
    """The token range of :func:`_sentence` (a non-empty document)."""
    toks = doc.tokens
    lo = min(a, len(toks) - 1)
    floor = max(0, lo - reach)
    while lo > floor and not starts[lo] and toks[lo - 1].text not in SENTENCE_ENDERS:
        lo -= 1
    hi = max(b, lo + 1)
    ceiling = min(len(toks), hi + reach)
    while hi < ceiling and not starts[hi] and toks[hi - 1].text not in SENTENCE_ENDERS:
        hi += 1
    return lo, min(hi, len(toks))


def classify_unit(ctx: EditContext, u: Unit) -> Verdict:
    lex, cfg = ctx.lex, ctx.cfg
    short = lambda text: shortened(text, cfg.note_chars)  # noqa: E731
    ptoks = ctx.P.tokens[u.pi1 : u.pi2]
    ctoks = ctx.C.tokens[u.cj1 : u.cj2]
    ptext = ctx.P.token_text(u.pi1, u.pi2)
    ctext = ctx.C.token_text(u.cj1, u.cj2)
    pw = [t for t in ptoks if t.kind in WORD_KINDS]
    cw = [t for t in ctoks if t.kind in WORD_KINDS]
    p_para = u.pi1 < u.pi2 and ctx.pstart[u.pi1] and ctx.para_end(ctx.pstart, _past_closing_punct(ctx, u.pi2, ctx.P),
                                                                  len(ctx.pstart))
    # a paragraph added at the child's end whose closing full stop aligned with the parent's last one
    # (a one-token equal block) is still a whole paragraph added
    c_para = u.cj1 < u.cj2 and ctx.cstart[u.cj1] and ctx.para_end(ctx.cstart, _past_closing_punct(ctx, u.cj2), len(ctx.cstart))

    # a word hyphenated at a line break (typeset or OCR text) joined again, or a reflowed text
    # hyphenating it: the same words, whatever the tokens ("St-Péters-\nbourg" / "St-Pétersbourg")
    if ptoks and ctoks and ("\n" in ptext or "\n" in ctext) and _unhyphenated(ptext) == _unhyphenated(ctext):
        how = "joined" if "\n" in ptext else "split"
        return Verdict("whitespace", f"word hyphenated at a line break {how}: {quoted(ptext)} -> {quoted(ctext)}")

    sign = _sign_change(ctx, u, ptoks, ctoks)
    if sign:
        return sign

    # structure: datelines, paragraphs added around the article, the tail cut
    slack = cfg.dateline_slack_words
    p_plain = bool(ptoks) and ctx.pstart[u.pi1] and in_opening(ctx.pstart, u.pi1)
    c_plain = bool(ctoks) and ctx.cstart[u.cj1] and in_opening(ctx.cstart, u.cj1)
    pline = ctx.P.text[ptoks[0].start : ptoks[-1].end + 2] if ptoks else ""
    if ptoks and ctx.pstart[u.pi1] and _is_dateline(pline, slack, p_plain):
        what = _dateline_name(pline)
        moved = _dateline_place_changed(pline, ctx.C.text[ctoks[0].start : ctoks[-1].end + 2] if ctoks else "", c_plain)
        if moved:
            return Verdict("entity", f"dateline place changed: {quoted(ptext)} -> {quoted(ctext)}", "", "replaced", *moved)
        if ctoks and not (c_para and not _is_dateline(ctext + "  ", slack, c_plain)):
            return Verdict("dateline", f"{what} rewritten: {quoted(ptext)} -> {quoted(ctext)}", change="rewritten")
        # a paragraph of the reprint's own where the dateline stood (its headline, a photo credit)
        # is not the dateline rewritten: the dateline is gone, and the note says what is there
        return Verdict("dateline", f"{what} removed: " + quoted(ptext)
                       + (f" (in its place, a paragraph of the reprint's own: {quoted(short(ctext))})" if ctoks else ""),
                       "removed", "removed")
    if ctoks and ctx.cstart[u.cj1] and _is_dateline(ctx.C.text[ctoks[0].start : ctoks[-1].end + 2], slack, c_plain) and not ptoks:
        return Verdict("dateline", f"{_dateline_name(ctext)} added: " + quoted(ctext), "added", "added")
    if ptoks and _date_dropped_from_dateline(ctx, ptoks, ctoks, u.cj1, ptext, ctext):
        return Verdict("dateline", "date dropped from the agency dateline: " + quoted(ptext)
                       + (f" -> {quoted(ctext)}" if ctext else ""), change="rewritten")
    # the agency's credit taken out of the paragraph's opening dateline, its place kept ("LONDON
    # (Reuters) -" -> "LONDON:", "ISLAMABAD:"), or put into it: the dateline rewritten, not a credit
    # removed or added on its own (a credit lost from the whole reprint is judged once, for it); both
    # ways alike, so the copy tree's two readings of the pair cost the same. A date or an agency
    # changed there is judged below as before
    p_credit, c_credit = bool(_agencies(ctx.lex, ptext)), bool(_agencies(ctx.lex, ctext))
    if p_credit != c_credit:
        inside = _inside_opening_dateline(ctx, u, parent=p_credit)
        if inside:
            whole, other = inside
            before, after = (whole, other) if p_credit else (other, whole)
            return Verdict("dateline", f"agency dateline rewritten: {quoted(before) or '(none)'} -> {quoted(after) or '(none)'}",
                           change="rewritten")
    # the rest of the wire's dateline, its place and date, replaced by words of the reprint's own
    # that state no date or figure ("新华社北京12月5日电" -> "本报讯 据新华社报道，", the credit kept
    # in the newspaper's phrase): the dateline rewritten, its date gone with it, not a figure changed
    if ptoks and cw and not any(t.kind == "number" for t in ctoks) and not may_hold_date(ctext) and _no_new_place(ptext, ctext):
        whole = _opening_dateline_holding(ctx, u)
        if whole:
            return Verdict("dateline", f"{_dateline_name(whole)} rewritten: {quoted(ptext)} -> {quoted(ctext)}",
                           change="rewritten")
    # a tail cut inside a paragraph ("... He accused the West o"): the parent's text after the last
    # shared text is the cut tail, whatever it holds (a quotation, a figure), and a stub of the
    # parent's next word left at the child's end is where the cut fell
    # (whole paragraphs cut there are judged below: a page footer dropped is furniture). Only where
    # the child ends there: a rewritten ending after the last shared text is a rewrite, not a cut.
    if ctx.last_i and u.pi1 >= ctx.last_i and u.cj1 >= ctx.last_j:
        stub = bool(ctoks) and _cut_word(ctx, ctext)
        if (stub or (ptoks and not ctoks and not p_para)) and _child_ends(ctx, u.cj1):
            if stub:
                return Verdict("truncated", f"tail of the parent cut inside a word: {quoted(ctext)}"
                               + (f" (of {quoted(short(ptext))})" if ptext else ""), "removed")
            return Verdict("truncated", "tail of the parent cut: " + quoted(short(ptext)), "removed")
    if not ptoks and c_para:
        return _inserted_paragraph(ctx, u, ctext, cw)
    if not ctoks and p_para:
        return _deleted_paragraph(ctx, u, ptext)

    # a headline rewritten is the parent's headline changed (or one added where the parent has no
    # text there); the parent's lead replaced by a headline-like line ("JIMMY WAS HERE LOL" over a
    # lead with a quotation) is the lead's text gone, judged below as any replaced body text
    if _in_headline(ctx.P, ctx.pstart, u.pi1, u.pi2, cfg.headline_max_words) or (not pw and _in_headline(
            ctx.C, ctx.cstart, u.cj1, u.cj2, cfg.headline_max_words)):
        # scare quotes and title case in a headline are the desk's wording, not a quotation; its
        # figures and dates are not: one stated on both sides and replaced is a changed fact
        return (_headline_fact(ptext, ctext) or _headline_quotation(ctx, ctext) or _invented_figures(ctx, ctext, "headline")
                or Verdict("headline", f"headline rewritten: {quoted(ptext) or '(none)'} -> {quoted(ctext) or '(none)'}",
                           change="rewritten"))
    pn = [t.norm for t in pw]
    cn = [t.norm for t in cw]
    in_quote = any(ctx.pquote[u.pi1 + k] for k, t in enumerate(ptoks) if t.kind in WORD_KINDS) or any(
        ctx.cquote[u.cj1 + k] for k, t in enumerate(ctoks) if t.kind in WORD_KINDS
    )
    # substance: the agency credit
    p_agency, c_agency = _agencies(lex, ptext), _agencies(lex, ctext)
    if p_agency and p_agency != c_agency and not (c_agency and not ptoks):
        replaced = bool(c_agency) and not _same_agency(lex, p_agency, c_agency)
        note = f"agency credit {', '.join(sorted(p_agency))} " + (
            f"given to another agency: {', '.join(sorted(c_agency))}" if replaced
            else f"changed to {', '.join(sorted(c_agency))}" if c_agency else "removed")
        return Verdict("attribution", note, "" if c_agency else "removed",
                       "agency_replaced" if replaced else "credit", tuple(sorted(p_agency)), tuple(sorted(c_agency)))
    # furniture replaced by furniture (a copy's footer in place of its parent's) is furniture, and so is
    # a rule of marks with no word ("___", AP's end of story) replaced by a copy's footer
    rule = not any(ch.isalnum() for ch in ptext.replace("_", ""))  # "___" is a word to the tokenizer
    if ptoks and ctoks and (rule or in_edge_furniture(ctx, "parent", u.pi1, u.pi2)) and in_edge_furniture(
            ctx, "child", u.cj1, u.cj2):
        return Verdict("boilerplate", f"page furniture replaced: {quoted(short(ptext))} -> {quoted(short(ctext))}",
                       change="furniture_replaced")
    # a passage with a quotation, only inserted or only deleted, is judged before the words in it
    inserted = _inserted_quotation(ctx, ctext) if not ptoks else None
    if inserted:
        return inserted
    if not ctoks and contains_quotation(ptext, ctx.settings) and _lost_quotes(ctx, ptext):
        return Verdict("quote", "quotation deleted: " + quoted(first_words(ptext)), "removed", "deleted",
                       _lost_quotes(ctx, ptext))
    dropped = _attribution_dropped(ctx, u, ptoks, pw, cw) if ctx.english and not in_quote else None
    if dropped:
        return dropped
    if pn == cn:
        if "".join(t.text for t in ptoks) == "".join(t.text for t in ctoks):
            return Verdict("whitespace", f"spacing changed: {quoted(ptext)} -> {quoted(ctext)}")
        if _marks_removed(ctx, u, ptoks, ctoks):
            return Verdict("quote", f"quotation marks removed: {quoted(_window(ctx.P, u.pi1, u.pi2, 2))} is no "
                           "longer presented as someone's words", "removed", "marks_removed")
        added = _marks_added(ctx, u, ptoks, ctoks)
        if added:
            words = _quoted_words(added)
            title = _is_title(ctx, words)
            if len(words) >= ctx.settings.edits.quote_fragment_min_words and not title:
                return Verdict("quote", f"quotation marks added: {quoted(shortened(_unquoted(added), cfg.note_chars))} "
                               "is now presented as someone's words; the source does not quote them", "added",
                               "marks_added", (), (added,))
            return Verdict("quote", f"{'a title' if title else 'scare quotes'} set in quotation marks: "
                           f"{quoted(_unquoted(added))}", "added", "scare_quotes", (), (added,))
        if _symbols(ptext) != _symbols(ctext):
            # an emoji or a sign (👍 -> 👎, ✓ -> ✗, ↑ -> ↓) carries meaning, as a word does
            return Verdict("rewrite", f"symbol changed: {quoted(ptext)} -> {quoted(ctext)}")
        return Verdict("punctuation", _punct_note(ptext, ctext))
    # a sentence or a clause cut is a deletion, whatever it mentions: its numbers, dates and negations
    # were not changed, they went with it (a figure cut alone, "13" or "13 people", is still judged
    # below; an added passage is still read for new figures: nothing may be invented)
    if not ctoks and len(pw) >= cfg.sentence_min_words:
        # ... but words cut from inside a clause, words on both sides and no stop or comma at its
        # edges ("is believed to have originated" -> "originated"), leave its claim: a hedge among
        # them is a hedge removed
        inside = (ctx.english and u.pi1 > 0 and u.pi2 < len(ctx.P.tokens) and ctx.P.tokens[u.pi1 - 1].kind in WORD_KINDS
                  and ctx.P.tokens[u.pi2].kind in WORD_KINDS and not ctx.pstart[u.pi2] and _hedge_before_claim(ctx, pw))
        hedge = _hedge_change(ctx, u, pw, cw, [t.norm for t in pw], []) if inside else None
        return hedge or _generic(ctx, ptoks, ctoks, ptext, ctext)
    # a whole sentence added is new text, judged whole as an added paragraph is: a figure in it that
    # the source states nowhere is invented (``number``, change ``inserted``); one the source states
    # elsewhere is the story's ("The company has 10 million users." added beside a lead that says
    # so). Read against the parent's neighbouring words instead, every figure of an added sentence
    # had "changed" from nothing, and a "not" in it was a negation added. A clause added inside a
    # sentence ("was not proven to be safe") is still read with its sentence, below
    if not ptoks and _is_sentence(ctoks, cfg.sentence_min_words):
        return (_invented_figures(ctx, ctext, "inserted passage", page_figures=True)
                or _generic(ctx, ptoks, ctoks, ptext, ctext))
    # dates and whole numbers, read with the equal tokens around the change
    n = cfg.date_context_tokens
    numeric = any(t.kind == "number" for t in ptoks + ctoks)
    has_number = numeric or (may_hold_quantity(ptext + " " + ctext)
                             and bool(parse_number_values(ptext) or parse_number_values(ctext)))
    has_date = numeric or (may_hold_date(ptext + " " + ctext) and bool(date_atoms(ptext) or date_atoms(ctext)))
    # the window gives the month beside a changed day and the rest of a number cut by the diff;
    # a unit with no number or date of its own is not judged by its neighbours'
    pwin, cwin = _figure_window(ctx.P, u.pi1, u.pi2, n), _figure_window(ctx.C, u.cj1, u.cj2, n)
    # a number word read only before its unit ("دو ہزار" -> "نو ہزار": the unit is "دو" -> "نو")
    has_number = has_number or ((names_unit_bound_number(ptext) or names_unit_bound_number(ctext))
                                and (sorted(parse_quantities(pwin)) != sorted(parse_quantities(cwin))
                                     or _bound_words_replaced(pwin, cwin)))
    # a Chinese weekday's numeral changed ("周五" -> "周六": the unit is "五" -> "六") is a date, and so
    # is a Portuguese weekday's first half ("terça-feira" -> "quarta-feira": the unit is "terça" -> "quarta")
    has_date = has_date or (has_number and (names_cjk_weekday(pwin) or names_cjk_weekday(cwin))) or (
        "feira" in pwin and "feira" in cwin and bool(date_atoms(pwin) or date_atoms(cwin)))
    # a scale word replaced beside a figure that stayed ("$6 million" -> "$6 billion") changes its
    # value: judged as a number with its window, where the figure is (in digits, or in words whose
    # value the scale word changes: "three million" -> "three billion")
    has_number = has_number or ((names_scale(ptext) or names_scale(ctext))
                                and bool(parse_number_values(pwin, words=False)
                                         or parse_number_values(pwin) != parse_number_values(cwin)))
    if not has_number and parse_number_values(pwin, words=False) and (
            (names_unit(ptext) and names_unit(ctext)) or (names_bound(ptext) and names_bound(ctext))):
        # the unit or the bound alone replaced beside a figure that stayed ("60 km" -> "60 miles",
        # "as many as 13,000" -> "more than 13,000"): read on the replaced words first, as the
        # window may name the other unit too ("3,200 miles (5,150 km)" -> "(5,150 miles)")
        unit = _unit_verdict(ptext, ctext, ptext, ctext) or _unit_verdict(pwin, cwin, ptext, ctext)
        if unit:
            return unit
    date = date_change(pwin, cwin) if has_date else None
    if date and _date_changed_beside(ctx, u, n, pwin, ptext):
        date = None  # the window's other words changed the date ("Wednesday" two words off): not this unit
    if date:
        return Verdict("date", f"date changed: {quoted(ptext)} -> {quoted(ctext)}", "", "replaced",
                       date.removed, date.added)
    # a span of time replaced with no figure to read ("hours after" -> "days after", "this month"
    # -> "last month"), read with the words around the change, in one clause reworded (as a
    # negation: a passage rewritten wholesale can name other spans without changing any)
    span = (time_change(pwin, cwin) if (names_time(ptext) or names_time(ctext)) and _one_clause_reworded(
        [t.norm for t in pw], [t.norm for t in cw], frozenset(), cfg.negation_clause_words) else None)
    if span:
        return Verdict("date", f"time changed: {quoted(ptext)} -> {quoted(ctext)}", "", "replaced",
                       span.removed, span.added)
    part = day_part_change(ptext, ctext) if len(pw) <= 2 and len(cw) <= 2 else None
    if part:
        return Verdict("date", f"time of day changed: {quoted(ptext)} -> {quoted(ctext)}", "", "replaced",
                       part.removed, part.added)
    if has_number:
        # whole values: digits of any script and grouping, CJK numerals, and (both sides naming a
        # quantity) numbers in words; a number only dropped or only added counts when in digits
        # (value, kind): "two" and "twice" are both 2, but a count and a factor are not one quantity
        # a clock time written otherwise ("0100 GMT" -> "01:00 GMT") is the same figures
        pall, call = sorted(parse_quantities(canonical_clock_times(pwin))), sorted(parse_quantities(canonical_clock_times(cwin)))
        loose = False
        if names_unit_bound_number(pwin) or names_unit_bound_number(cwin):
            # a number word that counts only before a unit (Urdu "دو", also "give"; Spanish "dos"),
            # across from a number as many as the other side's: the other version's figure at its
            # place says it is a count ("دو افراد" -> "2 افراد" is the figure written otherwise,
            # "-> تین افراد" another, and so is "dos decretos" -> "tres decretos")
            lp, lc = sorted(parse_quantities(pwin, loose=True)), sorted(parse_quantities(cwin, loose=True))
            if lp and len(lp) == len(lc) and (lp != pall or lc != call) and (pall != call or lp != lc):
                pall, call, loose = lp, lc, True
        if pall == call:
            unit = _unit_verdict(pwin, cwin, ptext, ctext)
            if unit:
                return unit
            swapped = _figures_swapped(pw, cw, pwin, cwin)
            if swapped:
                return Verdict("number", f"numbers swapped: {quoted(ptext)} -> {quoted(ctext)}", "", "swapped", *swapped)
            if ptext != ctext and (numeric or pall) and _only_numbers_differ(pw, cw):
                return Verdict("number_format", f"number reformatted: {quoted(ptext)} -> {quoted(ctext)}")
        elif (conversion := _conversion_only(ctx, u, ptoks, ctoks, ptext, ctext)) is not None:
            what = f"{'dropped' if ptoks else 'added'}: {quoted(ptext or ctext)}"
            if conversion:
                return Verdict("number_format", "unit conversion " + what, "removed" if ptoks else "added", "conversion")
            # "55 mph (55 kph)": a figure in another unit that is not the figure converted
            return Verdict("number", "a unit conversion that does not convert " + what, "", "replaced",
                           tuple(_fmt(v) for v in parse_number_values(ptext, words=False)),
                           tuple(_fmt(v) for v in parse_number_values(ctext, words=False)))
        else:
            num = number_change(pwin, cwin, loose)
            pd, cd = sorted(parse_number_values(pwin, words=False)), sorted(parse_number_values(cwin, words=False))
            # the same figures, one fewer mention of one ("330,000 tonnes ... according to the
            # statement, 330,000 tonnes" -> once): no figure changed, a repetition went with its
            # words; judged as the rewording it is (warn), not as a changed number
            if num or set(pd) != set(cd):
                if not (ptext.strip() and ctext.strip()) and _moved_in_sentence(ctx, u, ptext, ctext):
                    return Verdict("rewrite", f"figure moved within its sentence: {quoted(ptext or ctext)}")
                # a figure rounded, and nothing else said otherwise: the words around it the same but
                # approximators and bounds, the same unit, a bound kept on its side, not in a quotation
                if (not in_quote and only_approximation_words({t.norm for t in pw if t.kind != "number"}
                                                              ^ {t.norm for t in cw if t.kind != "number"})
                        and unit_change(pwin, cwin) is None and bound_side(pwin) in ("", bound_side(cwin))
                        and _only_rounded(pall, call, bound_side(cwin),
                                          names_approximation({t.norm for t in cw} - {t.norm for t in pw}))):
                    return Verdict("rewrite", f"figure rounded: {quoted(ptext)} -> {quoted(ctext)}")
                if not in_quote and same_duration(pwin, cwin):  # "within 24 hours" -> "within a day"
                    return Verdict("rewrite", f"the same span of time in other units: {quoted(ptext)} -> {quoted(ctext)}")
                if _numeral_written_otherwise(ptext, ctext):
                    return Verdict("number_format", f"numeral written otherwise: {quoted(ptext)} -> {quoted(ctext)}")
                if bool(ptoks) != bool(ctoks) and _codes_only(ptext or ctext):
                    # an instrument or product code dropped or added ("U.S. crude CLc1 fell", "<.N225>"):
                    # its digits are part of a name, not a figure of the story
                    return Verdict("rewrite", f"code {'dropped' if ptoks else 'added'}: {quoted(ptext or ctext)}",
                                   "removed" if ptoks else "added")
                removed = num.removed if num else tuple(_fmt(v) for v in pd if v not in cd)
                added = num.added if num else tuple(_fmt(v) for v in cd if v not in pd)
                return Verdict("number", f"number changed: {quoted(ptext) or '(none)'} -> {quoted(ctext) or '(none)'}",
                               "", "replaced", removed, added)
    # negators counted, not compared as words: "did not" -> "didn't", "no details" -> "didn't give
    # details" or "not" -> "never" keep the clause negative (one negator a side); a negation is
    # added or removed when one side has more of them
    p_neg = Counter(w for w in pn if w in ctx.negators or (not ctx.english and _elided_ne(w)))
    c_neg = Counter(w for w in cn if w in ctx.negators or (not ctx.english and _elided_ne(w)))
    # a negator dropped as its word turns into its opposite ("not possible" -> "impossible"): the two cancel
    lexical_flip = (sum(p_neg.values()) - sum(c_neg.values())) % 2 == 1
    if ctx.english:  # "not possible" -> "impossible": the negation moved into the word
        p_neg.update(_prefix_negated(pn, cn))
        c_neg.update(_prefix_negated(cn, pn))
    if (sum(p_neg.values()) != sum(c_neg.values()) and _one_clause_reworded(pn, cn, ctx.negators, cfg.negation_clause_words)
            and not (ctx.english and _sentence_negation_kept(ctx, u))):
        gained = sum(c_neg.values()) > sum(p_neg.values())
        removed, added = sorted(set(p_neg - c_neg)), sorted(set(c_neg - p_neg))
        return Verdict("negation", ("negation added: " if gained else "negation removed: ")
                       + ", ".join(added if gained else removed), "added" if gained else "removed", "",
                       tuple(removed), tuple(added))
    pol = polarity_change(ptext, ctext)
    if pol and not lexical_flip:
        return Verdict("polarity", f"the opposite: {quoted(ptext)} -> {quoted(ctext)}", "", "replaced",
                       pol.removed, pol.added)
    if ctx.english:
        hedge = _hedge_change(ctx, u, pw, cw, pn, cn)
        if hedge:
            return hedge

    # house style, inside quotations too
    if ctx.english:
        style = _style(ctx, u, pw, cw, pn, cn, ptext, ctext)
        if style:
            return style
    # who speaks, and which names
    who = _speaker(ctx, u, pw, cw, ptext, ctext)
    if who:
        return who
    psent = _sentence(ctx.P, ctx.pstart, u.pi1, u.pi2, ctx.settings.align.max_segment_tokens)
    csent = _sentence(ctx.C, ctx.cstart, u.cj1, u.cj2, ctx.settings.align.max_segment_tokens)
    if pw and cw:
        ent = entity_change(ptext, ctext, psent, csent, ctx.settings)
        if ent:
            note = (f"name respelled: {quoted(ptext)} -> {quoted(ctext)} (transliterations differ; check it is the same person)"
                    if ent.change == "respelled" else f"a different name: {quoted(ptext)} -> {quoted(ctext)}")
            return Verdict("entity", note, "", ent.change, ent.removed, ent.added)
    if in_quote:
        if pw and not cw and _ELLIPSIS_RE.search(ctext):
            # words of a quotation left out where the copy marks the omission ("wonderful job for
            # ..."): the convention for quoting in part, nothing put in the speaker's mouth
            return Verdict("deleted", f"words of a quotation left out, marked by an ellipsis: {quoted(ptext)}", "removed")
        return Verdict("quote", f"words inside a quotation changed: {quoted(ptext) or '(none)'} -> {quoted(ctext) or '(none)'}",
                       "", "changed")
    if not ctx.english:
        if pw and cw and is_house_style(ptext, ctext):
            return Verdict("punctuation", f"written another way: {quoted(ptext)} -> {quoted(ctext)}")
        return _generic(ctx, ptoks, ctoks, ptext, ctext)
    fp = [w for w in pn if w not in lex.function_words]
    fc = [w for w in cn if w not in lex.function_words]
    if fp == fc:
        changed = sorted((set(pn) ^ set(cn)) & lex.function_words) or sorted(set(pn) | set(cn))
        verb = "added" if len(cn) > len(pn) else ("dropped" if len(cn) < len(pn) else "changed")
        return Verdict("function_word", f"function word {verb}: {', '.join(changed)}",
                       {"added": "added", "dropped": "removed"}.get(verb, ""), "",
                       tuple(sorted(set(pn) - set(cn))), tuple(sorted(set(cn) - set(pn))))
    return _generic(ctx, ptoks, ctoks, ptext, ctext)


def _past_closing_punct(ctx: EditContext, j: int, doc: Document | None = None) -> int:
    """``j`` moved past the punctuation that ends the child (or ``doc``; only when nothing but
    punctuation follows ``j`` to its end)."""
    tokens = (doc or ctx.C).tokens
    k = j
    while k < len(tokens) and tokens[k].kind in ("punct", "quote"):
        k += 1
    return k if k == len(tokens) else j


def _child_ends(ctx: EditContext, j: int) -> bool:
    """The child holds nothing of its own from token ``j`` on: at most one word (the stub of a word
    cut short), then only page furniture (an outlet's footer after the cut: every paragraph from
    the next one on is furniture by its own text, :func:`is_furniture`)."""
    tokens = ctx.C.tokens
    if j < len(tokens) and _cut_word(ctx, ctx.C.token_text(j, len(tokens))):
        return True  # a stub of several tokens: a word cut inside its punctuation ("U.S" of "U.S.")
    words = []
    for k in range(j, len(tokens)):
        if tokens[k].kind in WORD_KINDS:
            words.append(k)
            if len(words) == 2:
                break
    if len(words) <= 1:
        return True
    if in_edge_furniture(ctx, "child", words[1], len(tokens)):
        return True
    # a footer of several paragraphs: each must be furniture, and the first starts a paragraph
    k, starts = words[1], ctx.cstart
    if not starts[k]:
        return False
    while k < len(tokens):
        end = next((m for m in range(k + 1, len(tokens)) if starts[m]), len(tokens))
        if not is_furniture(ctx, "child", k, end, ctx.C.token_text(k, end)):
            return False
        k = end
    return True


def _cut_word(ctx: EditContext, ctext: str) -> bool:
    """``ctext`` (the child's text after its last shared text) is the start of the parent's next word,
    cut short: one word, a prefix of the parent's word that follows the last shared text (the whole
    of it too, when the cut made it tokenize otherwise: "Feb." at the child's end is not the
    abbreviation "Feb." of "Feb. 24")."""
    stub = ctext.strip()
    if not stub or len(stub.split()) != 1:
        return False
    nxt = ctx.P.text[ctx.P.char_span(ctx.last_i, ctx.last_i)[0]:].split(None, 1)
    return bool(nxt) and nxt[0].startswith(stub)


def _fmt(v: float) -> str:
    return str(int(v)) if v == int(v) else repr(v)


def _same_agency(lex: Lexicon, a: set[str], b: set[str]) -> bool:
    """Some name of ``a`` and some of ``b`` are one agency's (AFP / Agence France-Presse)."""
    return any(a & set(g) and b & set(g) for g in lex.agency_groups)


def _marks_removed(ctx: EditContext, u: Unit, ptoks, ctoks) -> bool:
    """Quotation marks dropped around words: the parent's marks here outnumber the child's, and a
    word beside them is inside the parent's quotation but not inside the child's."""
    pq = sum(t.kind == "quote" and t.text not in "'’" for t in ptoks)
    cq = sum(t.kind == "quote" and t.text not in "'’" for t in ctoks)
    if pq <= cq:
        return False
    inside_p = [ctx.pquote[u.pi1 + k] for k, t in enumerate(ptoks) if t.kind in WORD_KINDS]
    inside_c = [ctx.cquote[u.cj1 + k] for k, t in enumerate(ctoks) if t.kind in WORD_KINDS]
    if any(inside_p) and not any(inside_c):
        return True  # '“deliveries”' -> 'deliveries'
    # the nearest word on each side, past punctuation ('Titan," Lopes' -> 'Titan, Lopes'): a word the
    # parent quotes and the child does not, or the reverse, when unbalanced straight marks make the
    # child's quotation run on over the attribution ('"A," Lopes said. "B."' -> '"A, Lopes said. B."')
    for step, i, j in ((-1, u.pi1 - 1, u.cj1 - 1), (1, u.pi2, u.cj2)):
        i, j = _nearest_word(ctx.P, ctx.pstart, i, step), _nearest_word(ctx.C, ctx.cstart, j, step)
        if i is not None and j is not None and ctx.P.tokens[i].norm == ctx.C.tokens[j].norm:
            if ctx.pquote[i] != ctx.cquote[j]:
                return True
    return False


def _paragraph_words(doc: Document, starts, k: int) -> list:
    """The word tokens of the paragraph holding token ``k`` (the one before it, at a document's end)."""
    n = len(doc.tokens)
    k = min(k, n - 1)
    lo = k
    while lo > 0 and not starts[lo]:
        lo -= 1
    hi = k + 1
    while hi < n and not starts[hi]:
        hi += 1
    return [t for t in doc.tokens[lo:hi] if t.kind in WORD_KINDS]


def _attribution_dropped(ctx: EditContext, u: Unit, ptoks, pw, cw) -> Verdict | None:
    """Who said it, cut from a claim the reprint keeps: the parent's words here hold an attribution
    (:func:`_attribution_positions`) at an edge, the child only some of its words; the cut is a
    clause of at most twice ``edits.short_line_words`` words inside a sentence that goes on (not a
    sentence or a paragraph of its own); the words beside it in the reprint's sentence are not a
    quotation (a quotation keeps its marks, and is someone's words still); and the paragraph around
    it in the reprint names fewer sources than the source's (an attribution reworded or moved is
    none dropped). ", the commission said" or "According to the WHO," dropped makes the claim the
    reprint's own; it passed as a rewording (48 of 50 in a hostile review)."""
    speech = _attribution_positions(pw)
    # the speech verb at an edge of the cut: ", the commission said", "According to the WHO,", "X, an
    # adviser to Y, said"; a longer passage that mentions a source in its middle is a rewording
    if not speech or (speech[0] > 2 and speech[-1] < len(pw) - 4) or not {t.norm for t in cw} <= {t.norm for t in pw}:
        return None  # a cut (the child keeps some of the words: "said as many" -> "As many"); a word
        # put in their place ("said" -> "declared", "the agency said" -> "the kingdom") is a rewording
    if len(pw) > 2 * ctx.cfg.short_line_words or _is_sentence(ptoks, ctx.cfg.sentence_min_words):
        return None
    if ctx.pstart[u.pi1] and ctx.para_end(ctx.pstart, u.pi2, len(ctx.pstart)):
        return None  # a paragraph of its own
    C, cs = ctx.C, ctx.cstart
    left, right = _nearest_word(C, cs, u.cj1 - 1, -1), _nearest_word(C, cs, u.cj2, 1)
    # the reprint's sentence goes on around the cut: words on both sides, or a stop right after it
    # ("so far, the commission said." -> "so far."), or a sentence's start before it
    stop_after = u.cj2 < len(C.tokens) and not cs[u.cj2] and C.tokens[u.cj2].text in SENTENCE_ENDERS
    starts = u.cj1 == 0 or cs[u.cj1] or C.tokens[u.cj1 - 1].text in SENTENCE_ENDERS
    if not ((left is not None and right is not None) or (left is not None and stop_after)
            or (right is not None and starts)):
        return None
    # the words beside the cut in its own sentence (past a stop right after it is the next sentence)
    if any(ctx.cquote[j] for j in (left, None if stop_after else right) if j is not None):
        return None
    # the paragraph still says who: the attribution moved or reworded ("X said" -> "according to X",
    # put at the front, or in the next sentence), counted over the paragraph around the change
    if _attributions(_paragraph_words(ctx.P, ctx.pstart, u.pi1)) <= _attributions(_paragraph_words(ctx.C, cs, u.cj1)):
        return None
    text = ctx.P.text[ptoks[0].start : ptoks[-1].end].strip(" ,;:—–-")
    words = style_key(text)
    if len(words) >= 4 and f" {' '.join(words)} " in ctx.C.derived(
            "text_words_joined", lambda d: " " + " ".join(style_key(d.text)) + " "):
        return None  # the reprint has these words elsewhere: the aligner placed them there
    return Verdict("attribution", f"attribution dropped: {quoted(shortened(text, ctx.cfg.note_chars))}; the claim "
                   "is now the reprint's own", "removed", "source_dropped", (text,), ())


def _unquoted(passage: str) -> str:
    """``passage`` without the quotation marks (and trailing stops) around it, for a note."""
    return passage.strip().strip("\"“”„«»‘’'").strip()


def _marks_added(ctx: EditContext, u: Unit, ptoks, ctoks) -> str:
    """The child's quotation (its text, marks included) that quotation marks added here make of words
    the parent does not quote: the child's marks here outnumber the parent's and a word beside them
    is inside the child's quotation, its counterpart outside the parent's ("Williams said the call
    was unusual" -> 'Williams said: "The call was unusual."'); else "". Mark styles exchanged (“” ->
    "", '' -> "") keep the quotation and the counts."""
    pq = sum(t.kind == "quote" and t.text not in "'’" for t in ptoks)
    cq = sum(t.kind == "quote" and t.text not in "'’" for t in ctoks)
    if cq <= pq:
        return ""
    pairs = [(u.pi1 + a, u.cj1 + b) for a, b in zip(range(len(ptoks)), range(len(ctoks)))
             if ptoks[a].kind in WORD_KINDS and ctoks[b].kind in WORD_KINDS]
    for step, i, j in ((-1, u.pi1 - 1, u.cj1 - 1), (1, u.pi2, u.cj2)):
        i, j = _nearest_word(ctx.P, ctx.pstart, i, step), _nearest_word(ctx.C, ctx.cstart, j, step)
        if i is not None and j is not None and ctx.P.tokens[i].norm == ctx.C.tokens[j].norm:
            pairs.append((i, j))
    for i, j in pairs:
        if ctx.cquote[j] and not ctx.pquote[i]:
            a = b = j
            while a > 0 and not ctx.cstart[a] and (ctx.cquote[a - 1] or ctx.C.tokens[a - 1].kind == "quote"):
                a -= 1
            while b + 1 < len(ctx.C.tokens) and not ctx.cstart[b + 1] and (
                    ctx.cquote[b + 1] or ctx.C.tokens[b + 1].kind == "quote"):
                b += 1
            # one finding per quotation: the unit with its opening mark reports it, not the closing one's
            return ctx.C.text[ctx.C.tokens[a].start : ctx.C.tokens[b].end] if u.cj1 <= a < u.cj2 else ""
    return ""


def _nearest_word(doc: Document, starts, k: int, step: int, reach: int = 3) -> int | None:
    """The first word token from ``k`` in direction ``step`` (-1 or 1) within ``reach`` tokens and the
    same paragraph, or ``None``."""
    for _ in range(reach):
        if not 0 <= k < len(doc.tokens):
            return None
        if doc.tokens[k].kind in WORD_KINDS:
            return k
        if (starts[k] and step < 0) or (step > 0 and k + 1 < len(starts) and starts[k + 1]):
            return None
        k += step
    return None


def _style(ctx: EditContext, u: Unit, pw, cw, pn, cn, ptext, ctext) -> Verdict | None:
    """House style: abbreviations, spelling, titles and name expansions (English rules)."""
    lex, cfg = ctx.lex, ctx.cfg
    if pw and cw and is_abbreviation(pw, cw):
        return Verdict("abbreviation", f"abbreviated: {quoted(ptext)} -> {quoted(ctext)}", "removed")
    if pw and cw and is_abbreviation(cw, pw):
        return Verdict("abbreviation", f"abbreviation expanded: {quoted(ptext)} -> {quoted(ctext)}", "added")
    spelling = spelling_change(lex, pn, cn, cfg.spelling_min_length, cfg.spelling_min_similarity)
    if spelling:
        if spelling == "spelling corrected" and _respells_name(ctx, pw, cw):
            return Verdict("entity", f"name respelled: {quoted(ptext)} -> {quoted(ctext)} (transliterations differ; "
                           "check it is the same person)", "", "respelled",
                           tuple(t.text for t in pw), tuple(t.text for t in cw))
        return Verdict("spelling", f"{spelling}: {quoted(ptext)} -> {quoted(ctext)}", "",
                       "british_to_american" if spelling.startswith("British") else
                       "american_to_british" if spelling.startswith("American") else "corrected")
    named = _name_change(ctx, u, pw, cw)
    if named:
        return named
    if pw and cw and is_house_style(ptext, ctext) and not _names_differ(ptext, ctext):
        return Verdict("abbreviation" if len(pw) != len(cw) else "spelling",
                       f"house style: {quoted(ptext)} -> {quoted(ctext)}", "removed" if len(cw) < len(pw) else "")
    return None


def _names_differ(ptext: str, ctext: str) -> bool:
    pr, cr = name_runs(ptext), name_runs(ctext)
    return any(not any(same_entity(r, c) for c in cr) for r in pr) and any(
        not any(same_entity(c, r) for r in pr) for c in cr)


def _respells_name(ctx: EditContext, pw, cw) -> bool:
    """A capitalised word respelled that neither text writes in lower case: a proper name
    (Mikolaenko -> Mikolayenko), not a common word fixed at a sentence start."""
    lower = _lower_words(ctx.P) | _lower_words(ctx.C)
    return any(a.norm != b.norm and a.text[:1].isupper() and b.text[:1].isupper() and a.norm not in lower
               and b.norm not in lower for a, b in zip(pw, cw))


#: words that join two names symmetrically: "Russia and Croatia drew" says what "Croatia and Russia
#: drew" does, while "Russia beat Croatia" does not say "Croatia beat Russia"
_SYMMETRIC_JOINS = frozenset("and or & , / - – vs vs. v v. versus et ou und oder y o e и или та і".split())


def _names_swapped(psent: str, csent: str, pnames: list[str], cnames: list[str]) -> tuple[tuple[str, ...], tuple[str, ...]] | None:
    """The names that changed places, each side's, when a sentence keeps its other words in order and
    only its names trade places ("Russia beat Croatia" -> "Croatia beat Russia": who did what to
    whom), unless the names are only joined by a conjunction or a dash ("Russia and Croatia" ->
    "Croatia and Russia" says the same); else ``None``. ``pnames``/``cnames``: the last words of
    each sentence's name runs, case folded, in order."""
    if len(pnames) < 2 or pnames == cnames or sorted(pnames) != sorted(cnames):
        return None
    names = set(pnames)
    if ([w for w in _plain_words(psent) if w not in names] != [w for w in _plain_words(csent) if w not in names]
            or _joined_symmetrically(psent, pnames, cnames)):
        return None
    moved = [k for k, (a, b) in enumerate(zip(pnames, cnames)) if a != b]
    return tuple(pnames[k] for k in moved), tuple(cnames[k] for k in moved)


def _plain_words(sent: str) -> list[str]:
    words = (w.strip(".,;:!?\"'“”‘’()").casefold() for w in sent.split())
    return [w for w in words if w]


def _joined_symmetrically(psent: str, pnames: list[str], cnames: list[str]) -> bool:
    """Whether every name that changed places stands in the parent's sentence joined to the name that
    took its place by a conjunction, a comma or a dash only (:data:`_SYMMETRIC_JOINS`; other names
    between them aside): "Spain and Canada" -> "Canada and Spain" says the same, "Granollers and Lopez
    defeated Khachanov and Rublev" -> "Khachanov and Rublev defeated Granollers and Lopez" does not."""
    words = _plain_words(psent)
    names = set(pnames)
    moved = [(a, b) for a, b in zip(pnames, cnames) if a != b]
    if not moved:
        return False
    for a, b in moved:
        if a not in words or b not in words:
            return False
        i, j = sorted((words.index(a), words.index(b)))
        if not all(w in _SYMMETRIC_JOINS or w in names for w in words[i + 1 : j]):
            return False
    return True


def _lower_words(doc: Document) -> frozenset[str]:
    return doc.derived("lowercase_words", lambda d: frozenset(
        t.norm for t in d.tokens if t.kind == "word" and t.text[:1].islower()))


def _speaker(ctx: EditContext, u: Unit, pw, cw, ptext: str, ctext: str) -> Verdict | None:
    """Who said it changed: names swapped around a speech verb in one sentence, or a name next to a
    speech verb (near a quotation) replaced by another name (not respelled)."""
    cfg = ctx.cfg
    psent = _sentence(ctx.P, ctx.pstart, u.pi1, u.pi2, ctx.settings.align.max_segment_tokens)
    csent = _sentence(ctx.C, ctx.cstart, u.cj1, u.cj2, ctx.settings.align.max_segment_tokens)
    pnames = [r.split()[-1].casefold() for r in name_runs(psent, psent)]
    cnames = [r.split()[-1].casefold() for r in name_runs(csent, csent)]
    words_p = {t.casefold() for t in psent.split()}
    if (len(pnames) >= 2 and pnames != cnames and sorted(pnames) == sorted(cnames)
            and any(w.strip(".,;:") in SPEECH_VERBS for w in words_p) and not _joined_symmetrically(psent, pnames, cnames)):
        moved = tuple(a for a, b in zip(pnames, cnames) if a != b)
        return Verdict("attribution", f"speakers swapped: {quoted(shortened(psent, cfg.note_chars))} -> "
                       f"{quoted(shortened(csent, cfg.note_chars))}", "", "speaker_swapped", moved,
                       tuple(b for a, b in zip(pnames, cnames) if a != b))
    swapped = _names_swapped(psent, csent, pnames, cnames)
    if swapped:
        return Verdict("entity", f"names swapped: {quoted(shortened(psent, cfg.note_chars))} -> "
                       f"{quoted(shortened(csent, cfg.note_chars))}", "", "swapped", *swapped)
    pronoun = _pronoun_speaker(ctx, u, pw, cw, ctext, psent)
    if pronoun:
        return pronoun
    if not pw or not cw or not any(t.text[:1].isupper() for t in pw) or not any(t.text[:1].isupper() for t in cw):
        return None
    if {t.norm for t in pw} & {t.norm for t in cw}:
        return None  # "Putin" -> "Vladimir Putin" keeps the speaker
    gone, new = name_runs(ptext, psent), name_runs(ctext, csent)
    if not gone or not new or any(same_entity(a, b) or respelled(a.split()[-1], b.split()[-1], ctx.settings) for a in gone for b in new):
        return None
    vw, qw = cfg.speaker_verb_window, cfg.speaker_quote_window
    lo, hi = max(0, u.pi1 - vw), min(len(ctx.P.tokens), u.pi2 + vw)
    after_quote = any(t.kind == "quote" for t in ctx.P.tokens[max(0, u.pi1 - 2):u.pi1])
    if not {t.norm for t in ctx.P.tokens[lo:hi]} & SPEECH_VERBS and not (
            after_quote and {w.strip(".,;:").casefold() for w in psent.split()} & SPEECH_VERBS):
        return None  # a name beside a speech verb, or just after a quotation in a sentence with one
    lo, hi = max(0, u.pi1 - qw), min(len(ctx.P.tokens), u.pi2 + qw)
    if not any(t.kind == "quote" for t in ctx.P.tokens[lo:hi]):
        return None
    return Verdict("attribution", f"speaker changed: {quoted(ptext)} -> {quoted(ctext)}", "", "speaker",
                   tuple(gone), tuple(new))


#: the pronouns a quotation's attribution uses for its speaker
_SPEAKER_PRONOUNS = frozenset({"he", "she", "they"})


def _pronoun_speaker(ctx: EditContext, u: Unit, pw, cw, ctext: str, psent: str) -> Verdict | None:
    """A quotation's pronoun speaker replaced by a name that the pronoun cannot refer to: '..., she
    said' -> '..., Kennedy said', where the quotation's paragraph (up to it) and the paragraph before
    name no Kennedy (a pronoun's speaker was named there; a review of stop 31 found 6 quotations
    moved so to another person of the article). A name found there is the pronoun spelled out."""
    if len(pw) != 1 or pw[0].norm not in _SPEAKER_PRONOUNS or not cw or not ctext[:1].isupper():
        return None
    new = name_runs(ctext, ctext)
    if not new:
        return None
    toks = ctx.P.tokens
    vw, qw = ctx.cfg.speaker_verb_window, ctx.cfg.speaker_quote_window
    if not {t.norm for t in toks[max(0, u.pi1 - vw):min(len(toks), u.pi2 + vw)]} & SPEECH_VERBS:
        return None
    if not any(t.kind == "quote" for t in toks[max(0, u.pi1 - qw):min(len(toks), u.pi2 + qw)]):
        return None
    start, paragraphs = u.pi1, 0
    while start > 0 and paragraphs < 2:
        start -= 1
        paragraphs += bool(ctx.pstart[start])
    before = {t.norm for t in toks[start:u.pi1]}
    if any(w.casefold() in before for run in new for w in run.split()):
        return None
    return Verdict("attribution", f"speaker changed: {quoted(pw[0].text)} -> {quoted(ctext)} (the quotation's "
                   "paragraph and the one before it do not name them)", "", "speaker", (pw[0].text,), tuple(new))


def _in_headline(doc: Document, starts, a: int, b: int, max_words: int) -> bool:
    """Tokens ``[a, b)`` lie in the document's headline: a short first paragraph without a final stop
    (or the page title an extractor put first), followed by more text."""
    if a >= b:
        return False
    # the first paragraph's end, found once per document (a text of one long paragraph has none,
    # and scanning its tokens for each edit made checking it quadratic)
    end = doc.derived("first_paragraph_end", lambda _: next((k for k in range(1, len(starts)) if starts[k]), None))
    if end is None or b > end:
        return False
    first = doc.token_text(0, end)
    if doc.meta.get("title") and " ".join(first.split()) == " ".join(str(doc.meta["title"]).split()):
        return True
    words = sum(1 for t in doc.tokens[:end] if t.kind in WORD_KINDS)
    last = end - 1
    while last > 0 and doc.tokens[last].kind == "quote":
        last -= 1  # a closing mark after the stop: '... be exciting."' is a sentence, not a headline
    return words <= max_words and doc.tokens[last].text not in SENTENCE_ENDERS | {":", ";", ","}


def _quoted_words(passage: str) -> list[str]:
    """The words of a passage in quotation marks, marks and punctuation stripped."""
    return [w for w in (w.strip(".,;:!?\"'“”‘’()") for w in _unquoted(passage).split()) if w]


def _is_title(ctx: EditContext, words: list[str]) -> bool:
    """A title of a work, a law or a plan set in quotation marks ("the “Inflation Reduction Act”", AP
    style): its words are capitalised (function words aside), not all in capitals (a shout), and it
    is nobody's speech."""
    return (bool(words) and words[0][:1].isupper()
            and all(w[:1].isupper() or w.casefold() in ctx.lex.function_words for w in words)
            and not all(w.isupper() for w in words if any(c.isalpha() for c in w)))


#: Verbs that make a quotation beside them someone's words, beyond the speech verbs of attribution.
_QUOTE_VERBS = SPEECH_VERBS | frozenset(
    "shouted shouts chanted chants screamed screams yelled yells cried cries whispered whispers exclaimed "
    "exclaims declared declares tweeted tweets".split())


def _spoken(text: str, quote: str) -> bool:
    """Whether ``quote`` (a passage of ``text`` in quotation marks) is framed as speech: a speech verb
    within four words after it or before it in its sentence, or a colon just before it ("“No,” Omar
    said.", "He added: “Enough Is Enough.”")."""
    at = text.find(quote)
    if at < 0:
        return False
    before, after = text[:at], text[at + len(quote):]
    if before.rstrip().endswith(":"):
        return True
    sentence_start = max(before.rfind(". "), before.rfind("! "), before.rfind("? "), before.rfind("\n"))
    near = re.findall(r"[^\W\d_]+", before[sentence_start + 1:])[-4:] + re.findall(r"[^\W\d_]+", after)[:4]
    return any(w.casefold() in _QUOTE_VERBS for w in near)


def _invented_quotes(ctx: EditContext, text: str) -> tuple[str, ...]:
    """The quoted passages of ``text`` whose words the source does not quote (a quotation re-split
    or repeated as a pull quote is not invented). A title in quotation marks ("known as the “Green
    Deal”") and scare quotes (fewer than ``edits.quote_fragment_min_words`` words) are nobody's
    words, as when a reprint sets them in marks (``scare_quotes``), unless a speech verb or a colon
    frames them as speech (:func:`_spoken`: "“No,” Omar said.")."""
    source = _quoted_keys(ctx.P)
    least = ctx.settings.edits.quote_fragment_min_words
    out = []
    for q in quoted_passages(text):
        inner = " ".join(style_key(q[1:-1]))
        words = _quoted_words(q)
        if inner and f" {inner} " not in source and (
                (len(words) >= least and not _is_title(ctx, words)) or _spoken(text, q)):
            out.append(q)
    return tuple(out)


def _inserted_quotation(ctx: EditContext, text: str,
                        what: str = "quotation inserted that the source does not contain: ") -> Verdict | None:
    """The ``quote`` verdict of inserted ``text`` holding a quotation that the source does not
    contain (:func:`_invented_quotes`; an unclosed one counts whole), else ``None``."""
    if not text or not contains_quotation(text, ctx.settings):
        return None
    invented = _invented_quotes(ctx, text)
    if invented or not quoted_passages(text):
        return Verdict("quote", what + quoted(first_words(text)), "added", "inserted", (), invented or (text.strip(),))
    return None


def _headline_quotation(ctx: EditContext, text: str) -> Verdict | None:
    """A headline's quotation whose words the source has nowhere, quoted or not: a headline puts words
    in someone's mouth as a quotation does. The quotation is read in fragments (split at an ellipsis
    or a bracketed insertion: "Spain [...] needed this"), each of at least ``quote_fragment_min_words``
    words (3), and a fragment is the source's when some run of the source's words matches it but for
    one word in three (a spelling or a figure written otherwise: "prioritise" -> "prioritize", "three"
    -> "3"). A shorter quotation is the desk's scare quotes ("inevitable")."""
    least = ctx.settings.edits.quote_fragment_min_words
    source = ctx.P.derived("text_words", lambda d: style_key(d.text))
    invented = tuple(q for q in quoted_passages(text)
                     if any(not _near_run(f, source) for f in _fragments(q[1:-1], least)))
    if not invented:
        return None
    return Verdict("quote", "headline with a quotation the source does not contain: " + quoted(first_words(text)),
                   "added", "inserted", (), invented)


def _fragments(quote: str, least: int) -> list[list[str]]:
    """The word runs (style keys) of ``quote`` between ellipses and bracketed insertions, of at least
    ``least`` words."""
    parts = re.split(r"\.\.\.|…|\[[^\]]*\]", quote)
    return [w for w in (style_key(p) for p in parts) if len(w) >= least]


def _near_run(words: list[str], source: list[str]) -> bool:
    """Whether ``source`` holds ``words`` in a row with at most one word in three replaced."""
    k = len(words)
    allowed = max(1, k // 3)
    first = set(words)
    for i in range(len(source) - k + 1):
        if allowed < 2 and source[i] not in first and (i + 1 == len(source) or source[i + 1] not in first):
            continue  # neither of the first two words can start an alignment of this run
        misses = 0
        for a, b in zip(words, source[i : i + k]):
            if a != b:
                misses += 1
                if misses > allowed:
                    break
        else:
            return True
    return False


def _quoted_keys(doc: Document) -> str:
    """Every quotation of ``doc``, house style folded away, as one searchable string."""
    return doc.derived("quoted_keys", lambda d: "|".join(
        " " + " ".join(style_key(q[1:-1])) + " " for q in quoted_passages(d.text)))


def _lost_quotes(ctx: EditContext, text: str) -> tuple[str, ...]:
    """The quoted passages of ``text`` (a deleted passage) that the reprint no longer quotes anywhere;
    an unclosed quotation counts as lost. A quote the aligner placed elsewhere is kept."""
    passages = quoted_passages(text)
    if not passages:
        return (text.strip(),)
    child = _quoted_keys(ctx.C)
    return tuple(q for q in passages if f" {' '.join(style_key(q[1:-1]))} " not in child)


#: Punctuation that ends a kicker label over a paragraph ("NEWS IN BRIEF:", "EXCLUSIVE -", "WORLD |").
_LABEL_ENDS = frozenset({":", "-", "–", "—", "|"})


def _kicker(doc: Document, toks, max_words: int) -> bool:
    """Whether ``toks`` are a kicker label over a paragraph: at the paragraph's start, at most
    ``max_words`` words with capitals and no lower-case letter ("NEWS IN BRIEF", "EXCLUSIVE"), ended
    by a colon, a dash or a bar, and the paragraph goes on after it on the same line. A desk's
    rubric, as a masthead is; "Mr Putin:" in a transcript is not in capitals."""
    if not toks or toks[-1].text not in _LABEL_ENDS:
        return False
    words = [t.text for t in toks if t.kind in WORD_KINDS]
    if not 0 < len(words) <= max_words or not all(any(c.isupper() for c in w) and not any(c.islower() for c in w)
                                                  for w in words):
        return False
    text = doc.text
    line_start = text.rfind("\n", 0, toks[0].start) + 1
    line_end = text.find("\n", toks[-1].end)
    rest = text[toks[-1].end : None if line_end < 0 else line_end]
    return not text[line_start : toks[0].start].strip() and bool(rest.strip())


def _generic(ctx: EditContext, ptoks, ctoks, ptext: str, ctext: str) -> Verdict:
    cfg = ctx.cfg
    n = cfg.sentence_min_words
    if not ptoks and _kicker(ctx.C, ctoks, cfg.short_line_words):
        return Verdict("boilerplate", "kicker label added over a paragraph: " + quoted(ctext.strip()), "added",
                       "page_head")
    if not ctoks and _kicker(ctx.P, ptoks, cfg.short_line_words):
        return Verdict("boilerplate", "kicker label dropped: " + quoted(ptext.strip()), "removed", "furniture")
    if not ptoks:
        inserted = _inserted_quotation(ctx, ctext)
        if inserted:
            return inserted
        if _is_sentence(ctoks, n):
            return Verdict("inserted", "sentence inserted: " + quoted(first_words(ctext)), "added")
    if not ctoks:
        if contains_quotation(ptext, ctx.settings) and _lost_quotes(ctx, ptext):
            return Verdict("quote", "quotation deleted: " + quoted(first_words(ptext)), "removed", "deleted",
                           tuple(quoted_passages(ptext)) or (ptext.strip(),))
        if _is_sentence(ptoks, n):
            return Verdict("deleted", "sentence deleted: " + quoted(shortened(ptext, cfg.note_chars)), "removed")
    return Verdict("rewrite", f"reworded: {quoted(shortened(ptext, cfg.note_chars)) or '(none)'} -> "
                   f"{quoted(shortened(ctext, cfg.note_chars)) or '(none)'}")


#: A line opened by a label of one or two words and a colon ("Related:", "Editor's note:").
_LABEL_LINE = re.compile(r"\s*[A-Z][\w'’]*(?:\s+[\w'’]+)?\s*:\s")
#: A telephone number: six digits or more, in groups or opened by 0 or + ("116 123", "0800 068 4141",
#: "+44 (0)20 7946 0958"); a plain run of digits ("150000") is a figure.
_PHONE_NUMBER = r"(?=(?:[\s()+-]*\d){6})(?:\+|\(?0|\(?\d[\d()]*[\s-])[\d\s()-]*\d"
#: the emergency, crisis and city lines people are told to call (911, 999, 112, 988, 111, 000, 311,
#: 211, 101...), ending the clause or followed by what they reach; another figure after "call" is a
#: count of the story's ("call 300 to testify", "call 900 reservists")
_SHORT_CODE = (r"(?:911|999|988|112|111|000|101|110|119|211|311|511|811)"
               r"(?=\s*(?:[.,;:!?)]|$)|\s+(?:to|for|from|or|if|in|immediately|now|anytime|and)\b)")
#: Clock times and telephone numbers: figures of the page (an update note, a tip line), not the story's.
_PAGE_FIGURES = re.compile(
    r"\b\d{1,2}:\d{2}\s*(?:[ap]\.?\s?m\b\.?)?|\b\d{1,2}\.\d{2}\s*[ap]\.?\s?m\b\.?"  # 3:45 p.m., 15:45, 3.45pm
    r"|(?:\+?\d{1,3}[\s.-])?(?:\(\d{3}\)\s?|\b\d{3}[\s.-])?\b\d{3}-\d{4}\b"  # 1-800-555-0199, (212) 555-1234
    # a telephone number to call: after "call ... on/at" or straight after its cue word, six digits
    # or more in groups, or with a leading 0 or + ("call the Samaritans on 116 123", "phone 0800 068
    # 4141"); a figure after a cue used otherwise ("ring road cost 4 500 000", "call for 150000
    # troops", "Tel Aviv") stays the story's
    r"|\b(?:call|calls|calling|phone|telephone|ring|dial|text|contact)\b(?:\s+[^\W\d]+){0,3}?\s+(?:on|at)\s*:?\s*"
    + _PHONE_NUMBER
    + r"|\b(?:call|phone|telephone|tel\.|ring|dial|helpline|hotline|freephone)\s*:?\s*" + _PHONE_NUMBER
    # an emergency or crisis line's short code straight after the verb that asks to use it: three
    # digits opened by 9 ("call or text 988", "call 911 immediately", "dial 999"), or 1xx and 000
    # ending their clause or before another code ("dial 112.", "call 111 or 999"); a text line's
    # code ("text HOME to 741741"). A count after such a verb is the story's ("call 300 to testify",
    # "call 5000 for duty", "call 150 people")
    + r"|\b(?:call|calls|calling|dial|dialing|dialling|text|texting|ring|phone)(?:\s+or\s+(?:call|text|dial))?\s+"
    + _SHORT_CODE + r"(?:\s+or\s+" + _SHORT_CODE + r")?"
    r"|\btext\s+(?:(?-i:[A-Z]{2,10})\s+to\s+)?\d{5,6}(?=\s*(?:[.,;:!?)]|$)|\s+(?:for|to|or|if|anytime)\b)", re.I)


def _inserted_paragraph(ctx: EditContext, u: Unit, ctext: str, cw) -> Verdict:
    cfg = ctx.cfg
    short = shortened(ctext, cfg.note_chars)
    # someone's words are no page furniture: a paragraph that is mostly a quotation the source does
    # not contain is judged first, wherever it stands (before the lead, after a footer line). A
    # headline's quotation is judged with the headline below; a related-headline link quotes another
    # article and stays furniture (furniture.spoken_passage)
    if spoken_passage(ctext, cfg.headline_max_words):
        inserted = _inserted_quotation(ctx, ctext, "paragraph with a quotation the source does not contain: ")
        if inserted:
            return inserted
    if is_furniture(ctx, "child", u.cj1, u.cj2, ctext, runs=False):
        return Verdict("boilerplate", "page furniture: " + quoted(short), "added", "furniture")
    before_body = u.cj2 <= ctx.first_j
    shared = set(long_words(cw)) & ctx.parent_words
    words = token_word_count(cw)
    # a short headline sharing one word with the story is still one when it states a figure ("50 Fans
    # Arrested After Cup Final"): read as a masthead, its figure went unchecked (a review of stop 31)
    if (before_body and words <= cfg.headline_max_words and ctext.rstrip()[-1:] not in ".:"
            and (len(shared) >= cfg.headline_shared_words
                 or (shared and stated_figures(_PAGE_FIGURES.sub(" ", ctext), words=False)))):
        return (_headline_quotation(ctx, ctext) or _invented_figures(ctx, ctext, "added headline")
                or Verdict("headline", "headline added: " + quoted(short), "added", "added"))
    if u.cj1 in short_line_runs(ctx, "child"):
        return Verdict("boilerplate", "page furniture (a run of short lines): " + quoted(short), "added", "furniture")
    quotes = contains_quotation(ctext, ctx.settings)
    if before_body and words <= cfg.masthead_max_words and len(shared) < cfg.headline_shared_words and not quotes:
        return Verdict("boilerplate", "masthead or page header: " + quoted(short), "added", "page_head")
    if quotes:
        inserted = _inserted_quotation(ctx, ctext, "paragraph with a quotation the source does not contain: ")
        if inserted:
            return inserted
    # a figure the source states nowhere, in a paragraph of sentences (one that ends as a sentence
    # does: a related story's headline, "UK Banks Pledge £11 Billion ...", is another article's), not
    # a labelled line ("Related: ...", "Contact: ..."), its clock times and telephone numbers aside
    # ("updated at 3:45 p.m.", "Call 1-800-555-0199"): the page's, not the story's
    label = _LABEL_LINE.match(ctext)
    # its closing stop may have aligned with the parent's last one (the child's last paragraph)
    closed = ctx.C.token_text(u.cj1, _past_closing_punct(ctx, u.cj2)) if u.cj1 < u.cj2 else ctext
    sentences = closed.rstrip().rstrip("\"”’'»)").endswith(tuple(SENTENCE_ENDERS)) and not (
        label and not any(w.casefold() in SPEECH_VERBS for w in label.group(0).split()))
    invented = _invented_figures(ctx, ctext, "inserted paragraph", page_figures=True) if sentences else None
    return invented or Verdict("inserted", "paragraph inserted, not in the source: " + quoted(first_words(ctext)),
                               "added")


def _elided_ne(word: str) -> bool:
    """French "ne" elided before a vowel ("n'a", "n’ont", "n'est"): the first half of "ne ... pas",
    "ne ... plus", "ne ... rien", counted as "ne" is (outside English text, where "n'" opens names:
    N'Djamena, N'Golo)."""
    return len(word) > 2 and word[0] == "n" and word[1] in "'’"


def _bound_words_replaced(pwin: str, cwin: str) -> bool:
    """Number words that count only before a unit (Spanish "dos", Urdu "دو") read as numbers
    wherever they stand give as many numbers a side, and other ones ("dos decretos" -> "tres
    decretos"): one count replaced by another, though neither is read alone."""
    lp, lc = sorted(parse_quantities(pwin, loose=True)), sorted(parse_quantities(cwin, loose=True))
    return bool(lp) and len(lp) == len(lc) and lp != lc


def _date_changed_beside(ctx: EditContext, u: Unit, n: int, pwin: str, ptext: str) -> bool:
    """Whether the child's window still changes a date with the unit put back as the parent has it:
    the date changed in a neighbouring unit the window reaches ("power Wednesday to some 375,000" ->
    "power Thursday to some 357,000": the figure's unit is a number change, not a date)."""
    lo, hi = max(0, u.cj1 - n), min(len(ctx.C.tokens), u.cj2 + n)
    reverted = " ".join(part for part in (ctx.C.token_text(lo, u.cj1), ptext, ctx.C.token_text(u.cj2, hi)) if part)
    return date_change(pwin, reverted) is not None


def _conversion_only(ctx: EditContext, u: Unit, ptoks, ctoks, ptext: str, ctext: str) -> bool | None:
    """When the unit only drops, or only adds, a figure in another unit of the dimension of the figure
    right before it: whether that converts it ("55 mph (88.5 kph)" -> "55 mph": True; "55 mph" -> "55
    mph (55 kph)": False; :func:`provenance.edits.meaning.unit_conversion`); else ``None``."""
    if bool(ptoks) == bool(ctoks):
        return None
    doc, toks, text = (ctx.P, ptoks, ptext) if ptoks else (ctx.C, ctoks, ctext)
    start = toks[0].start
    before = doc.text[max(0, start - 80) : start]
    if ptoks and _currency_conversion(before, text):
        return True  # a sum restated in another currency, dropped: nothing of the story lost with it
    return unit_conversion(before, text)


#: a sum in a currency at the end of a text ("$12.9bn", "176 Hong Kong dollars"), and one in brackets
_SUM_END_RE = re.compile(r"(?:[$€£¥₹]\s?\d[\d,.]*(?:\s?(?:bn|mn|m|k|billion|million|trillion))?"
                         r"|\d[\d,.]*(?:\s(?:billion|million|trillion))?(?:\s[^\W\d_]+){1,3})\W*$", re.I)
_SUM_IN_BRACKETS_RE = re.compile(r"^\s*\(\s*(?:about\s+|some\s+|around\s+|nearly\s+|roughly\s+|almost\s+)?"
                                 r"(?:[$€£¥₹]\s?\d[\d,.]*(?:\s?(?:bn|mn|m|k|billion|million|trillion))?"
                                 r"|\d[\d,.]*(?:\s(?:billion|million|trillion))?(?:\s[^\W\d_]+){1,2})\s*\)\s*$", re.I)


#: a code with digits in it, glued to capitals before them ("CLc1", "LCOc1", "CMCU3", ".N225",
#: ".MIWD00000PUS", "<XAU=>"): Reuters instrument codes and the like
_CODE_RE = re.compile(r"<?\.?[A-Z][A-Za-z]*\d[A-Za-z\d]*[=.]?[A-Z]*>?")


def _numeral_written_otherwise(ptext: str, ctext: str) -> bool:
    """A Roman numeral and the same number in digits or a word ("World War II" -> "World War 2",
    "Super Bowl LIV" -> "Super Bowl 54", "Apollo 11" -> "Apollo XI")."""
    a, b = ptext.strip(), ctext.strip()
    for roman, other in ((a, b), (b, a)):
        # one letter is a pronoun or a name as often ("I", "Malcolm X", "Model X")
        value = roman_value(roman) if len(roman) >= 2 else None
        if value is not None and parse_number_values(other) == [value]:
            return True
    return False


def _codes_only(text: str) -> bool:
    """Whether every digit of ``text`` stands in a code (:data:`_CODE_RE`) and its words are codes or
    brackets: "CLc1", "(.N225)", "<LCOc1>". A figure with a unit or a scale ("5m", "$5") is none."""
    words = text.split()
    return bool(words) and any(c.isdigit() for c in text) and all(
        _CODE_RE.fullmatch(w.strip("()[],;")) for w in words if any(c.isdigit() for c in w))  \
        and all(any(c.isdigit() for c in w) or not w.strip("()[]<>,;") for w in words)


def _currency_conversion(before: str, paren: str) -> bool:
    """Whether ``paren`` ("(£10bn)") is a sum in brackets right after a sum in another currency
    ("... $12.9bn"): a conversion for the reader, whose rate the text does not give, so it can be
    checked only for its shape (currencies only: a unit of measure converts and is checked)."""
    m, c = _SUM_END_RE.search(before), _SUM_IN_BRACKETS_RE.match(paren)
    if not m or not c:
        return False
    a, b = currency_names(m.group(0)), currency_names(c.group(0))
    return bool(a and b and not a & b)


_DIGITS = re.compile(r"\d+(?:[.,\u00a0\u202f]\d+)*")
_ELLIPSIS_RE = re.compile(r"\.\s?\.|…")  # two dots: the third may align with a full stop


def _figures_swapped(pw, cw, pwin: str, cwin: str) -> tuple[tuple[str, ...], tuple[str, ...]] | None:
    """The figures of each side, in order, when the same figures (in digits) stand in another order
    among the same words in the same order: a score, a vote or a change read the other way ("won
    7-6" -> "won 6-7", "from 3% to 5%" -> "from 5% to 3%"); else ``None``. A rewording that moves
    the figures with their words ("to 5% from 3%") is not a swap."""
    if [t.norm for t in pw if t.kind != "number"] != [t.norm for t in cw if t.kind != "number"]:
        return None
    # the signs and units written on the figures stay in place too: "£50 ($65)" -> "$65 (£50)" moves
    # each figure with its currency (a conversion written the other way round), not a swap
    if [_DIGITS.sub("0", t.text) for t in pw if t.kind == "number"] != [_DIGITS.sub("0", t.text) for t in cw if t.kind == "number"]:
        return None
    pd, cd = parse_number_values(pwin, words=False), parse_number_values(cwin, words=False)
    if pd == cd or sorted(pd) != sorted(cd):
        return None
    return tuple(_fmt(v) for v in pd), tuple(_fmt(v) for v in cd)


def _only_numbers_differ(pw, cw) -> bool:
    """Whether two sides with the same figures differ in how the figures are written and little
    else: at most two other words apart ("5%" -> "5 percent", "13,000" -> "13 thousand", "two" ->
    "2"). A lead rewritten around the same "Two" was typed a style edit and passed check unseen."""
    def rest(toks):
        return {t.norm for t in toks
                if t.kind != "number" and not parse_number_values(t.text) and not names_scale(t.text)}

    return len(rest(pw) ^ rest(cw)) <= 2


def _moved_in_sentence(ctx: EditContext, u: Unit, ptext: str, ctext: str) -> bool:
    """A figure only added, or only removed, whose value the other text states in the sentence at
    that place: moved within its sentence ("September 11, 2001" -> "11 September 2001", a year
    put at the front of a lead), neither invented nor dropped."""
    reach = ctx.settings.align.max_segment_tokens
    if ptext.strip():
        values, other = parse_number_values(ptext, words=False), _sentence(ctx.C, ctx.cstart, u.cj1, u.cj2, reach)
    else:
        values, other = parse_number_values(ctext, words=False), _sentence(ctx.P, ctx.pstart, u.pi1, u.pi2, reach)
    return bool(values) and set(values) <= set(parse_number_values(other, words=False))


def _sentence_negation_kept(ctx: EditContext, u: Unit) -> bool:
    """Whether a sentence reworded in pieces keeps its negation: the unit only inserts or only
    deletes words inside a sentence that both texts hold (text of it aligned on either side), and
    the parent's sentence and the child's hold as many negators. "The Thunder won't have to wait
    long for a rematch" -> "A rematch is not far off for the Thunder" aligns "the Thunder" and
    leaves two units, one with the "won't" and one with the "not": each alone reads as a negation
    removed or added, the sentence as none (a review of stop 31)."""
    if (u.pi1 < u.pi2) == (u.cj1 < u.cj2):
        return False
    # a piece reworded, not a negator moved to another verb ("has not signed ... will vote" ->
    # "has signed ... will not vote": pieces of one or two words each)
    piece = ctx.P.tokens[u.pi1:u.pi2] if u.pi1 < u.pi2 else ctx.C.tokens[u.cj1:u.cj2]
    if sum(1 for t in piece if t.kind in WORD_KINDS and t.norm not in ctx.negators) < 3:
        return False
    reach = ctx.settings.align.max_segment_tokens
    plo, phi = _sentence_bounds(ctx.P, ctx.pstart, u.pi1, max(u.pi2, u.pi1), reach) if ctx.P.tokens else (0, 0)
    clo, chi = _sentence_bounds(ctx.C, ctx.cstart, u.cj1, max(u.cj2, u.cj1), reach) if ctx.C.tokens else (0, 0)
    # the sentence must reach past the unit on the side that changed: a whole sentence cut or added is no rewording
    if u.pi1 < u.pi2 and (plo, phi) == (u.pi1, u.pi2) or u.cj1 < u.cj2 and (clo, chi) == (u.cj1, u.cj2):
        return False
    pwords = [t.norm for t in ctx.P.tokens[plo:phi] if t.kind in WORD_KINDS]
    cwords = [t.norm for t in ctx.C.tokens[clo:chi] if t.kind in WORD_KINDS]
    if not (set(pwords) & set(cwords)):
        return False
    count = lambda words: sum(w in ctx.negators for w in words)  # noqa: E731
    return count(pwords) == count(cwords)


#: English negative prefixes ("impossible", "unable", "non-violent", "disagree")
_NEGATIVE_PREFIXES = ("non-", "non", "dis", "un", "in", "im", "il", "ir")
#: The endings of the adjectives such a prefix negates ("possible", "legal", "relevant", "likely",
#: "known", "correct"): a verb or a noun with the same letters in front is another word ("inform",
#: "discover", "impress", "interest")
_NEGATABLE_ENDINGS = ("ble", "al", "ant", "ent", "ive", "ous", "ic", "ful", "ly", "ed", "wn", "ect", "ete",
                      "ure", "ar", "ary", "ory", "ate", "ite")
#: Prefixed adjectives that do not negate their stem ("invaluable" is very valuable, "inflammable"
#: burns): the well-known exceptions of English
_NOT_NEGATING = frozenset({"invaluable", "inflammable", "inflammatory", "infamous", "innate", "intense", "irregardless",
                           "unravelled", "unraveled", "unloosed", "disannulled"})


def _prefix_negated(words: list[str], other: list[str]) -> list[str]:
    """The words of ``words`` that are an adjective of ``other`` with a negative prefix
    ("impossible" against "possible"): each says "not" as a negator does. Stems of 4+ letters with
    an adjective's ending (:data:`_NEGATABLE_ENDINGS`), known exceptions aside."""
    others = set(other)
    out = []
    for w in words:
        if w in _NOT_NEGATING:
            continue
        for prefix in _NEGATIVE_PREFIXES:
            stem = w[len(prefix):]
            if w.startswith(prefix) and len(stem) >= 4 and stem in others and stem.endswith(_NEGATABLE_ENDINGS):
                out.append(w)
                break
    return out


#: Words before "might" that make it the noun ("with all their might").
_POSSESSIVES = frozenset("my your his her its our their all the full".split())


#: words that may stand between a hedge and the claim it qualifies ("believed to have originated")
_HEDGE_AUXILIARIES = frozenset("to have has had be been being is are was were do does did".split())


def _hedge_before_claim(ctx: EditContext, pw) -> bool:
    """Whether the cut words hold a hedge followed by auxiliaries only: the claim it qualified stays
    in the text ("is believed to have | originated"), not cut with it (", who allegedly stole three
    cars,": the claim went too)."""
    norms = [t.norm for t in pw]
    last = -1
    for k in range(len(norms)):
        if any(tuple(norms[k:k + len(p)]) == p for p in ctx.lex.hedges):
            last = k + max(len(p) for p in ctx.lex.hedges if tuple(norms[k:k + len(p)]) == p)
    return last >= 0 and all(w in _HEDGE_AUXILIARIES for w in norms[last:])


def _hedges(lex: Lexicon, words) -> list[str]:
    """The hedges of ``provenance/data/hedges.txt`` among the word tokens ``words``, longest phrase
    first, each word in one at most. "May" with a capital is the month, not the modal; a contracted
    negation keeps its modal ("couldn't" holds "could")."""
    norms = [t.norm[:-3] if t.norm.endswith(("n't", "n’t")) else t.norm for t in words]
    found, k = [], 0
    while k < len(norms):
        for phrase in lex.hedges:
            month = phrase == ("may",) and words[k].text[:1] == "M"
            noun = phrase == ("might",) and k and norms[k - 1] in _POSSESSIVES
            if tuple(norms[k : k + len(phrase)]) == phrase and not month and not noun:
                found.append(" ".join(t.text for t in words[k : k + len(phrase)]))
                k += len(phrase)
                break
        else:
            k += 1
    return found


def _sentence_words(doc: Document, starts, a: int, b: int, reach: int) -> list:
    """The word tokens of :func:`_sentence`'s sentence(s) around tokens [a, b)."""
    lo, hi = _sentence_bounds(doc, starts, a, b, reach)
    return [t for t in doc.tokens[lo:hi] if t.kind in WORD_KINDS]


#: Words after "according to" that make it no attribution ("went according to plan").
_NOT_SOURCES = frozenset("plan plans schedule script tradition custom".split())


def _attribution_positions(words) -> list[int]:
    """Where the word tokens ``words`` say who says it: a speech verb in lower case ("States" in
    "United States" is a name), "allege(s)", and "according to" a source (not "according to plan")."""
    out = []
    for k, t in enumerate(words):
        if t.norm == "according":
            if not (k + 2 < len(words) and words[k + 1].norm == "to" and words[k + 2].norm in _NOT_SOURCES):
                out.append(k)
        elif (t.norm in SPEECH_VERBS and t.text.islower()) or t.norm in ("allege", "alleges", "alleging"):
            out.append(k)
    return out


def _attributions(words) -> int:
    """How many attributions (:func:`_attribution_positions`) the word tokens ``words`` hold."""
    return len(_attribution_positions(words))


#: Words that qualify a claim as a hedge does in some senses only ("the suspect", "an estimated 200",
#: "an apparent attempt", "an unlikely hero"): never counted as a hedge removed (a desk's "the suspect"
#: -> "the man", "an estimated" -> "about", "it was apparent" -> "it was clear" are faithful), but
#: a hedge that becomes one of them is no hedge removed ("the alleged gunman" -> "the suspect").
_QUALIFYING_WORDS = frozenset("suspect suspects estimated apparent unlikely".split())


def _qualifiers(lex: Lexicon, words) -> int:
    """How much a passage qualifies its claims: its hedges, attributions and qualifying words."""
    return len(_hedges(lex, words)) + _attributions(words) + sum(t.norm in _QUALIFYING_WORDS for t in words)


def _hedge_change(ctx: EditContext, u: Unit, pw, cw, pn, cn) -> Verdict | None:
    """A hedge removed ("are suspected of minimising" -> "are minimising", "may face" -> "will face":
    the claim now stated as fact; fails by default) or added (warn) in one clause (the test of a
    negator's: :func:`_one_clause_reworded`), when the sentences around the change qualify their
    claims less (or more) in the reprint, hedges and attributions counted (:func:`_qualifiers`);
    the ``hedge`` kind."""
    ph, ch = _hedges(ctx.lex, pw), _hedges(ctx.lex, cw)
    if len(ph) == len(ch) or not _one_clause_reworded(pn, cn, frozenset(), ctx.cfg.negation_clause_words):
        return None
    # the sentence still qualifies the claim as much: the hedge moved ("Perhaps X." -> "X, perhaps."),
    # or became an attribution ("allegedly stole" -> "stole ..., police allege", "reportedly" ->
    # "according to reports"); counted over the sentences around the change on both sides
    reach = ctx.settings.align.max_segment_tokens
    psent = _sentence_words(ctx.P, ctx.pstart, u.pi1, u.pi2, reach)
    csent = _sentence_words(ctx.C, ctx.cstart, u.cj1, u.cj2, reach)
    if len(ph) > len(ch) and _qualifiers(ctx.lex, psent) <= _qualifiers(ctx.lex, csent):
        return None
    if len(ph) < len(ch) and _qualifiers(ctx.lex, psent) >= _qualifiers(ctx.lex, csent):
        return None
    if len(ph) > len(ch) and {"can", "able"} & set(cn):
        return None  # "may park" -> "can park", "could swim" -> "was able to swim": permission and ability
    if len(ph) > len(ch):
        gone = [h for h in ph if h.casefold() not in {x.casefold() for x in ch}] or ph
        return Verdict("hedge", f"hedge removed: {', '.join(map(quoted, gone))}; the claim is now stated as fact",
                       "removed", "removed", tuple(gone), ())
    new = [h for h in ch if h.casefold() not in {x.casefold() for x in ph}] or ch
    return Verdict("hedge", f"hedge added: {', '.join(map(quoted, new))}", "added", "added", (), tuple(new))


def _one_clause_reworded(pn: list[str], cn: list[str], negators: frozenset[str], clause_words: int) -> bool:
    """Whether a negator added or removed can be read against the same clause: the change is short
    (at most ``clause_words`` words a side), or the two sides share at least half of the longer
    one's other words (``edits.negation_clause_words``); else it stays a rewording (warn)."""
    if len(pn) <= clause_words and len(cn) <= clause_words:
        return True
    a, b = set(pn) - negators, set(cn) - negators
    return bool(a and b) and len(a & b) >= 0.5 * max(len(a), len(b))


def _unit_verdict(pwin: str, cwin: str, ptext: str, ctext: str) -> Verdict | None:
    """The same figures in another currency or unit, or bounded from the other side
    (:func:`provenance.edits.meaning.unit_change`, :func:`provenance.edits.meaning.bound_change`)."""
    for read, what in ((unit_change, "unit"), (bound_change, "bound")):
        change = read(pwin, cwin)
        if change is not None:
            return Verdict("number", f"{what} changed: {quoted(ptext)} -> {quoted(ctext)}", "", "replaced",
                           change.removed, change.added)
    return None


#: office abbreviations that are not a prefix of the word they stand for
_OFFICE_ALIASES = {"lt": "lieutenant", "sgt": "sergeant", "cmdr": "commander", "cdr": "commander", "supt": "superintendent"}


def _same_office(a: set[str], b: set[str]) -> bool:
    """Whether two title words' sets name one office, abbreviations aside ("Gen" and "General")."""
    a, b = ({_OFFICE_ALIASES.get(w, w) for w in side} for side in (a, b))

    def covered(x, y):
        return all(any(w == v or (len(w) >= 2 and (v.startswith(w) or w.startswith(v))) for v in y) for w in x)

    return covered(a, b) and covered(b, a)


def _headline_fact(ptext: str, ctext: str) -> Verdict | None:
    """A date, or a figure in digits, that a headline states on both sides with another value
    ("13,000 Troops Killed" -> "31,000 Troops Killed"). A figure only dropped or only added, or
    one in words ("Thousands of Troops" -> "13,000 Troops"), is the desk's rewording."""
    if not (ptext and ctext):
        return None
    date = date_change(ptext, ctext) if may_hold_date(ptext) and may_hold_date(ctext) else None
    if date:
        return Verdict("date", f"date changed in the headline: {quoted(ptext)} -> {quoted(ctext)}", "", "replaced",
                       date.removed, date.added)
    if not (parse_number_values(ptext, words=False) and parse_number_values(ctext, words=False)):
        return None
    num = number_change(ptext, ctext)
    if num:
        return Verdict("number", f"number changed in the headline: {quoted(ptext)} -> {quoted(ctext)}", "", "replaced",
                       num.removed, num.added)
    return None


def _only_rounded(pall, call, bound: str, approximate: bool = False) -> bool:
    """Whether the figures that changed are each the other's rounded form (:func:`rounded_figure`),
    on the side the child's bound, if any, says: "30,154" -> "more than 30,000" is the same figure
    written as a summary does (a rewording, warn); "30,154" -> "nearly 30,000" is not.
    ``approximate``: the child adds an approximator ("about"), which admits a coarser rounding."""
    removed = [v for v, kind in pall if (v, kind) not in call]
    added = [v for v, kind in call if (v, kind) not in pall]
    return (bool(removed) and len(removed) == len(added)
            and all(rounded_figure(v, r, bound, approximate) for v, r in zip(sorted(removed), sorted(added))))


def _fraction_percents(doc: Document) -> frozenset[float]:
    """The fractions ``doc`` states in words ("half", "two-thirds", "a quarter"), as percentages (50,
    66.666667, 25): a headline may write "50% Of Voters Back Plan" over "about half of voters". Only
    fractions in words (not "0.4 percent") and only for a headline's percentages."""
    in_words = stated_figures(doc.text) - stated_figures(doc.text, words=False)
    ratios = set()
    for m in _RATIO_RE.finditer(doc.text):
        # "one in five", "3 out of 4", "one in every ten": a part over a whole, a fraction all the same
        part, whole = stated_figures(m.group(1)), stated_figures(m.group(2))
        if len(part) == len(whole) == 1 and 0 < min(part) < min(whole):
            ratios.add(min(part) / min(whole))
    return frozenset(round(x * 100, 6) for x in in_words | ratios if 0 < x < 1)


#: a ratio in words or digits ("one in five", "3 out of 4", "one in every ten")
_RATIO_RE = re.compile(r"\b(\d{1,3}|[a-z]+)\s+(?:in|out\s+of)\s+(?:every\s+)?(\d{1,4}|[a-z]+)\b", re.I)


#: a figure written as a percentage ("50%", "50 percent", "50 per cent", "50 pct")
_PERCENT_RE = re.compile(r"(\d+(?:[.,]\d+)?)\s*(?:%|％|percent\b|per\s+cent\b|pct\b|procent\b|prozent\b|"
                         r"por\s+ciento\b|pour\s+cent\b|процент|فیصد)", re.I)


#: words that make a percentage a change, not a share ("Rise 20%", "down 33%", "20% increase")
_CHANGE_WORDS = frozenset("""rise rises rose risen rising up down fall falls fell fallen falling drop drops dropped
    jump jumps jumped surge surges surged plunge plunges plunged climb climbs climbed gain gains gained increase
    increases increased decrease decreases decreased cut cuts slump slumps slumped soar soars soared grow grows
    grew growth hike hikes hiked raise raises raised slide slides slid tumble tumbles tumbled sink sinks sank
    leap leaps leapt boost boosts boosted decline declines declined""".split())


def _percent_value(m: re.Match) -> float:
    """The value of a :data:`_PERCENT_RE` match (a decimal comma read as a point)."""
    return round(float(m.group(1).replace(",", ".")), 6)


def _change_percents(text: str) -> set[float]:
    """The percentages of ``text`` that state a change: a change word right before them ("Prices Rise
    20%", "Bills Up 75%", not "Up To 20%"), or among the four words before "by" right before them
    ("cut heating use by 66%"), or right after them ("a 20% increase")."""
    out = set()
    for m in _PERCENT_RE.finditer(text):
        before = [w.casefold() for w in _WORD_RE.findall(text[max(0, m.start() - 60):m.start()])[-5:]]
        after = [w.casefold() for w in _WORD_RE.findall(text[m.end():m.end() + 30])[:1]]
        by = bool(before) and before[-1] == "by"
        if (before and before[-1] in _CHANGE_WORDS) or (by and set(before[:-1]) & _CHANGE_WORDS) or (
                after and after[0] in _CHANGE_WORDS):
            out.add(_percent_value(m))
    return out


#: a character a figure in digits is written with: a digit of any script or a CJK numeral
_FIGURE_CHAR_RE = re.compile(r"[\d" + CJK_NUMERAL_CHARS + "]")


def _percents_in(text: str) -> set[float]:
    """The values ``text`` writes as percentages (:data:`_PERCENT_RE`)."""
    return {_percent_value(m) for m in _PERCENT_RE.finditer(text)}


def _story_percents(doc: Document) -> frozenset[float]:
    return frozenset(_percents_in(doc.text))


def _invented_figures(ctx: EditContext, ctext: str, where: str, page_figures: bool = False) -> Verdict | None:
    """A figure in digits in the reprint's headline or added text (``where`` names it) that the source
    states nowhere, in digits or in words ("31,000 Troops Killed" over a story of 13,000): a
    headline summarises the story and added text states the story's figures or new ones; a new one
    is a changed or invented fact (``number``, fail). A figure of the story rounded counts as the
    story's, and a percentage as a fraction the story gives in words. With ``page_figures``, the
    page's clock times and telephone numbers (:data:`_PAGE_FIGURES`) state no figure of the story.
    The note quotes ``ctext`` as written."""
    if not _FIGURE_CHAR_RE.search(ctext):
        return None  # no digit and no CJK numeral: no figure in digits to find (the parse is the cost)
    figures = stated_figures(_PAGE_FIGURES.sub(" ", ctext) if page_figures else ctext, words=False)
    if not figures:  # the source's figures (its whole text parsed) are read only when there is one to find
        return None
    stated = ctx.P.derived("rules.stated_figures", lambda d: stated_figures(d.text))
    new = figures - stated
    # a figure of the story rounded, as headlines write it ("30,154" -> "30K"), is the story's
    side = bound_side(ctext) if new else ""
    new = new and {v for v in new if not any(rounded_figure(x, v, side) for x in stated)}
    percents = _percents_in(ctext)
    if percents:
        side = side or bound_side(ctext)
        story_percents = ctx.P.derived("rules.story_percents", _story_percents)
        fractions = ctx.P.derived("rules.fraction_percents", _fraction_percents)
        # a change ("Prices Rise 20%") is no share of anything, whatever fraction the story states
        shares = percents - _change_percents(ctext)

        def matches(v: float, of) -> bool:
            # rounded, or a whole percentage cutting the fraction's decimals ("66%" for "two-thirds")
            return any(x == v or rounded_figure(x, v, side) or (v == int(v) and 0 < x - v < 1) for x in of)

        # a new percentage may state a share the story gives as a fraction in words ("67%" over
        # "two-thirds"); one the story states among its figures is the story's only as a percentage
        # or such a share: "plunge 12%" over "down 10 percent ... its 12-month low" states a 12 the
        # story has only as months
        new = ({v for v in new if v not in shares or not matches(v, fractions)}
               | {v for v in figures & stated & percents
                  if not (matches(v, story_percents) or (v in shares and matches(v, fractions)))})
    if not new:
        return None
    shown = tuple(_fmt(v) for v in sorted(new))
    return Verdict("number", f"a figure in the {where} that the source does not state: {', '.join(shown)} "
                   f"({quoted(shortened(ctext, ctx.cfg.note_chars))})", "added", "inserted", (), shown)


def _deleted_paragraph(ctx: EditContext, u: Unit, ptext: str) -> Verdict:
    cfg = ctx.cfg
    short = shortened(ptext, cfg.note_chars)
    if is_furniture(ctx, "parent", u.pi1, u.pi2, ptext):
        return Verdict("boilerplate", "page furniture dropped: " + quoted(short), "removed", "furniture")
    if u.pi1 >= ctx.last_i:
        return Verdict("truncated", "tail of the parent cut: " + quoted(short), "removed")
    words = sum(1 for t in ctx.P.tokens[u.pi1:u.pi2] if t.kind in WORD_KINDS)
    head = u.pi2 <= ctx.first_i and words <= cfg.headline_max_words and ptext.rstrip()[-1:] not in SENTENCE_ENDERS
    # a headline of the source's page head that the copy did not take: its scare quotes are the desk's
    # wording, not a quotation (the kind stays ``deleted``, which source inference weighs as lost text)
    if contains_quotation(ptext, ctx.settings) and not head and _lost_quotes(ctx, ptext):
        return Verdict("quote", "paragraph with a quotation deleted: " + quoted(first_words(ptext)), "removed", "deleted",
                       tuple(quoted_passages(ptext)) or (ptext.strip(),))
    return Verdict("deleted", "paragraph deleted: " + quoted(short), "removed")


def _agencies(lex: Lexicon, text: str) -> set[str]:
    return set(lex.agency_pattern.findall(text))


#: Punctuation inside a name, attached to the word before it ("Jean-Pierre", "J. R. R. Tolkien"); any
#: other, or one after a space, ends the words before a name.
_NAME_JOINERS = frozenset({"-", ".", "'", "’", "‐"})


def _name_change(ctx: EditContext, u: Unit, pw, cw) -> Verdict | None:
    """Titles (Mr, President) and name expansions (Putin -> Vladimir Putin), either direction."""
    lex = ctx.lex
    if pw and cw:
        # replace: "Mr Putin" -> "President Putin" or "Putin" -> "Vladimir Putin" inside one block
        if all(t.norm.rstrip(".") in lex.titles for t in pw + cw):
            offices = [{t.norm.rstrip(".") for t in side} - COURTESY_TITLES for side in (pw, cw)]
            if all(offices) and not _same_office(*offices):
                # one office for another ("President" -> "Prime Minister", "General" -> "Colonel")
                # is a fact about the person; a courtesy title for an office, or back, is house style
                return Verdict("entity", f"office title changed: {quoted(joined_text(pw))} -> {quoted(joined_text(cw))}",
                               "", "replaced", (joined_text(pw),), (joined_text(cw),))
            return Verdict("title", f"title changed: {quoted(joined_text(pw))} -> {quoted(joined_text(cw))}", "", "changed",
                           (joined_text(pw),), (joined_text(cw),))
        longer, shorter = (cw, pw) if len(cw) > len(pw) else (pw, cw)
        if [t.norm for t in longer[-len(shorter):]] == [t.norm for t in shorter] and all(
            t.text[:1].isupper() for t in longer
        ):
            extra = longer[: len(longer) - len(shorter)]
            direction = "added" if longer is cw else "removed"
            values = ((), (joined_text(extra),)) if longer is cw else ((joined_text(extra),), ())
            if all(t.norm.rstrip(".") in lex.titles for t in extra):
                return Verdict("title", f"title {'added' if longer is cw else 'dropped'}: {quoted(joined_text(extra))}",
                               direction, "", *values)
            return Verdict("name_expansion", f"name {'expanded' if longer is cw else 'shortened'}: "
                           f"{quoted(joined_text(pw))} -> {quoted(joined_text(cw))}", direction, "", *values)
        return None
    words, toks, starts, nxt = (cw, ctx.C.tokens, u.cj1, u.cj2) if cw else (pw, ctx.P.tokens, u.pi1, u.pi2)
    if not words or not all(t.text[:1].isupper() for t in words):
        return None
    following = toks[nxt] if nxt < len(toks) else None
    if following is None or following.kind not in WORD_KINDS or not following.text[:1].isupper():
        return None
    text = (ctx.C if cw else ctx.P).text
    if any(t.kind not in WORD_KINDS and (t.text not in _NAME_JOINERS or not t.start or text[t.start - 1].isspace())
           for t in toks[starts:nxt]):
        # a colon or a spaced dash ends a label: "NEWS IN BRIEF: Trump ..." is a kicker over the
        # story, not a longer name for Trump
        return None
    verb = "added" if cw else "dropped"
    direction = "added" if cw else "removed"
    values = ((), (joined_text(words),)) if cw else ((joined_text(words),), ())
    if all(t.norm.rstrip(".") in lex.titles for t in words):
        return Verdict("title", f"title {verb} before {following.text}: {quoted(joined_text(words))}", direction, "", *values)
    if any(t.norm.rstrip(".") in lex.titles for t in words):
        return Verdict("title", f"title and name {verb} before {following.text}: {quoted(joined_text(words))}",
                       direction, "", *values)
    full = joined_text(words) + " " + following.text
    return Verdict("name_expansion", f"name expanded: {following.text} -> {full}" if cw
                   else f"name shortened: {full} -> {following.text}", direction, "", *values)


def _is_sentence(toks, min_words: int) -> bool:
    words = [t for t in toks if t.kind in WORD_KINDS]
    # the stops of every script the segmenter reads (Urdu "۔", Devanagari "।", CJK "。"), or a closing mark
    return len(words) >= min_words and (toks[-1].text in SENTENCE_ENDERS or toks[-1].text in {'"', "”", "'", "’"})


def _punct_note(ptext: str, ctext: str) -> str:
    pq, cq = ptext.strip(), ctext.strip()
    if pq[:1] in "\"”'’" and cq[-1:] in "\"”'’" and pq[1:2] in ",." or (pq.endswith(("\",", "\".", "”,", "”.")) and cq.endswith((",\"", ".\"", ",”", ".”"))):
        return f"punctuation moved inside the closing quote: {quoted(ptext)} -> {quoted(ctext)}"
    if set(pq) <= set("-–— ") and not cq:
        return "dashes around a subhead removed"
    return f"punctuation changed: {quoted(ptext) or '(none)'} -> {quoted(ctext) or '(none)'}"

"""The rule cascade that gives a unit its kind: structure, then substance, then style, then the generic kinds."""

from __future__ import annotations

from ..model import WORD_KINDS, Document
from ..text.lexicon import Lexicon
from ..text.segment import SENTENCE_ENDERS
from .context import EditContext, Unit
from .datelines import DATELINE_RE
from .furniture import is_furniture
from .notes import joined_text, quoted, shortened
from .numbers import number_values
from .style import is_abbreviation, spelling_change

__all__ = ["classify_unit", "SPEECH_VERBS"]


SPEECH_VERBS = frozenset("said says say told tell tells added adds according stated states asked wrote".split())


_SENTENCE_END = frozenset(".?!…")


#: words a changed span may run past the dateline it starts with and still be a dateline edit: the
#: word diff's semantic cleanup can join the first word of the story to a rewritten dateline
_DATELINE_SLACK_WORDS = 3


def _is_dateline(text: str) -> bool:
    """``text`` is an agency dateline ("KYIV, Nov 25 (AFP) -"), give or take a word or so: not a
    whole paragraph that merely opens with one (deleting that is deleting the paragraph)."""
    m = DATELINE_RE.match(text)
    return bool(m) and len(text[m.end():].split()) <= _DATELINE_SLACK_WORDS


def classify_unit(ctx: EditContext, u: Unit) -> tuple[str, str]:
    lex = ctx.lex
    ptoks = ctx.P.tokens[u.pi1 : u.pi2]
    ctoks = ctx.C.tokens[u.cj1 : u.cj2]
    ptext = ctx.P.token_text(u.pi1, u.pi2)
    ctext = ctx.C.token_text(u.cj1, u.cj2)
    pw = [t for t in ptoks if t.kind in WORD_KINDS]
    cw = [t for t in ctoks if t.kind in WORD_KINDS]
    p_para = u.pi1 < u.pi2 and ctx.pstart[u.pi1] and ctx.para_end(ctx.pstart, u.pi2, len(ctx.pstart))
    c_para = u.cj1 < u.cj2 and ctx.cstart[u.cj1] and ctx.para_end(ctx.cstart, u.cj2, len(ctx.cstart))

    # structure: datelines, paragraphs added around the article, the tail cut
    if ptoks and ctx.pstart[u.pi1] and _is_dateline(ctx.P.text[ptoks[0].start : ptoks[-1].end + 2]):
        return "dateline", ("agency dateline rewritten: " if ctoks else "agency dateline removed: ") + quoted(ptext)
    if ctoks and ctx.cstart[u.cj1] and _is_dateline(ctx.C.text[ctoks[0].start : ctoks[-1].end + 2]) and not ptoks:
        return "dateline", "agency dateline added: " + quoted(ctext)
    if not ptoks and c_para:
        return _inserted_paragraph(ctx, u, ctext, cw)
    if not ctoks and p_para:
        if is_furniture(ctx, ptext):
            return "boilerplate", "page furniture dropped: " + quoted(shortened(ptext))
        if u.pi1 >= ctx.last_i:
            return "truncated", "tail of the parent cut: " + quoted(shortened(ptext))
        return "deleted", "paragraph deleted: " + quoted(shortened(ptext))

    if _in_headline(ctx.P, ctx.pstart, u.pi1, u.pi2) or _in_headline(ctx.C, ctx.cstart, u.cj1, u.cj2):
        # scare quotes and title case in a headline are the desk's wording, not a quotation
        return "headline", f"headline rewritten: {quoted(ptext) or '(none)'} -> {quoted(ctext) or '(none)'}"
    pn = [t.norm for t in pw]
    cn = [t.norm for t in cw]
    in_quote = any(ctx.pquote[u.pi1 + k] for k, t in enumerate(ptoks) if t.kind in WORD_KINDS) or any(
        ctx.cquote[u.cj1 + k] for k, t in enumerate(ctoks) if t.kind in WORD_KINDS
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
                return "number_format", f"number reformatted: {quoted(ptext)} -> {quoted(ctext)}"
        else:
            return "number", f"number changed: {quoted(ptext) or '(none)'} -> {quoted(ctext) or '(none)'}"
    negs = (set(pn) ^ set(cn)) & lex.negators
    if negs:
        added = set(cn) & negs
        return "negation", ("negation added: " if added else "negation removed: ") + ", ".join(sorted(negs))
    if pn == cn:
        if "".join(t.text for t in ptoks) == "".join(t.text for t in ctoks):
            return "whitespace", f"spacing changed: {quoted(ptext)} -> {quoted(ctext)}"
        return "punctuation", _punct_note(ptext, ctext)
    if _speaker_changed(ctx, u, pw, cw):
        return "attribution", f"speaker changed: {quoted(ptext)} -> {quoted(ctext)}"
    if in_quote:
        return "quote", f"words inside a quotation changed: {quoted(ptext) or '(none)'} -> {quoted(ctext) or '(none)'}"

    if not ctx.english:
        return _generic(ptoks, ctoks, ptext, ctext)
    # style
    if pw and cw and is_abbreviation(pw, cw):
        return "abbreviation", f"abbreviated: {quoted(ptext)} -> {quoted(ctext)}"
    if pw and cw and is_abbreviation(cw, pw):
        return "abbreviation", f"abbreviation expanded: {quoted(ptext)} -> {quoted(ctext)}"
    spelling = spelling_change(lex, pn, cn)
    if spelling:
        return "spelling", f"{spelling}: {quoted(ptext)} -> {quoted(ctext)}"
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
    words = sum(1 for t in doc.tokens[:end] if t.kind in WORD_KINDS)
    return words <= 25 and doc.tokens[end - 1].text not in SENTENCE_ENDERS | {":", ";", ","}


def _generic(ptoks, ctoks, ptext: str, ctext: str) -> tuple[str, str]:
    if not ptoks and _is_sentence(ctoks):
        return "inserted", "sentence inserted: " + quoted(shortened(ctext))
    if not ctoks and _is_sentence(ptoks):
        return "deleted", "sentence deleted: " + quoted(shortened(ptext))
    return "rewrite", f"reworded: {quoted(shortened(ptext)) or '(none)'} -> {quoted(shortened(ctext)) or '(none)'}"


def _inserted_paragraph(ctx: EditContext, u: Unit, ctext: str, cw) -> tuple[str, str]:
    if is_furniture(ctx, ctext):
        return "boilerplate", "page furniture: " + quoted(shortened(ctext))
    before_body = u.cj2 <= ctx.first_j
    shared = {t.norm for t in cw if len(t.norm) >= 4} & ctx.parent_words
    if before_body and len(cw) <= 25 and ctext.rstrip()[-1:] not in ".:" and len(shared) >= 2:
        return "headline", "headline added: " + quoted(shortened(ctext))
    if before_body and len(cw) <= 12 and not shared:
        return "boilerplate", "masthead or page header: " + quoted(shortened(ctext))
    return "inserted", "paragraph inserted: " + quoted(shortened(ctext))


def _agencies(lex: Lexicon, text: str) -> set[str]:
    return set(lex.agency_pattern.findall(text))


def _speaker_changed(ctx: EditContext, u: Unit, pw, cw) -> bool:
    """A name swapped next to a speech verb, in a sentence with a quotation: the quote's speaker."""
    if not pw or not cw or not any(t.text[:1].isupper() for t in pw) or not any(t.text[:1].isupper() for t in cw):
        return False
    if {t.norm for t in pw} & {t.norm for t in cw}:
        return False  # "Putin" -> "Vladimir Putin" keeps the speaker
    lo, hi = max(0, u.pi1 - 4), min(len(ctx.P.tokens), u.pi2 + 4)
    near = {t.norm for t in ctx.P.tokens[lo:hi]}
    if not near & SPEECH_VERBS:
        return False
    lo, hi = max(0, u.pi1 - 40), min(len(ctx.P.tokens), u.pi2 + 40)
    return any(t.kind == "quote" for t in ctx.P.tokens[lo:hi])


def _name_change(ctx: EditContext, u: Unit, pw, cw):
    """Titles (Mr, President) and name expansions (Putin -> Vladimir Putin), either direction."""
    lex = ctx.lex
    if pw and cw:
        # replace: "Mr Putin" -> "President Putin" or "Putin" -> "Vladimir Putin" inside one block
        if all(t.norm.rstrip(".") in lex.titles for t in pw + cw):
            return "title", f"title changed: {quoted(joined_text(pw))} -> {quoted(joined_text(cw))}"
        longer, shorter = (cw, pw) if len(cw) > len(pw) else (pw, cw)
        if [t.norm for t in longer[-len(shorter):]] == [t.norm for t in shorter] and all(
            t.text[:1].isupper() for t in longer
        ):
            extra = longer[: len(longer) - len(shorter)]
            if all(t.norm.rstrip(".") in lex.titles for t in extra):
                return "title", f"title {'added' if longer is cw else 'dropped'}: {quoted(joined_text(extra))}"
            return "name_expansion", f"name {'expanded' if longer is cw else 'shortened'}: {quoted(joined_text(pw))} -> {quoted(joined_text(cw))}"
        return None
    words, toks, starts, nxt = (cw, ctx.C.tokens, u.cj1, u.cj2) if cw else (pw, ctx.P.tokens, u.pi1, u.pi2)
    if not words or not all(t.text[:1].isupper() for t in words):
        return None
    following = toks[nxt] if nxt < len(toks) else None
    if following is None or following.kind not in WORD_KINDS or not following.text[:1].isupper():
        return None
    verb = "added" if cw else "dropped"
    if all(t.norm.rstrip(".") in lex.titles for t in words):
        return "title", f"title {verb} before {following.text}: {quoted(joined_text(words))}"
    if any(t.norm.rstrip(".") in lex.titles for t in words):
        return "title", f"title and name {verb} before {following.text}: {quoted(joined_text(words))}"
    full = joined_text(words) + " " + following.text
    return "name_expansion", (f"name expanded: {following.text} -> {full}" if cw else f"name shortened: {full} -> {following.text}")


def _is_sentence(toks) -> bool:
    words = [t for t in toks if t.kind in WORD_KINDS]
    return len(words) >= 4 and toks[-1].text in _SENTENCE_END | {'"', "”", "'", "’"}


def _punct_note(ptext: str, ctext: str) -> str:
    pq, cq = ptext.strip(), ctext.strip()
    if pq[:1] in "\"”'’" and cq[-1:] in "\"”'’" and pq[1:2] in ",." or (pq.endswith(("\",", "\".", "”,", "”.")) and cq.endswith((",\"", ".\"", ",”", ".”"))):
        return f"punctuation moved inside the closing quote: {quoted(ptext)} -> {quoted(ctext)}"
    if set(pq) <= set("-–— ") and not cq:
        return "dashes around a subhead removed"
    return f"punctuation changed: {quoted(ptext) or '(none)'} -> {quoted(ctext) or '(none)'}"

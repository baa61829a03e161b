"""Direction evidence for one ordered pair (parent -> child): the change cost of its edits and a
signed score that the parent came first (datelines, furniture, expansions that flow downstream,
containment asymmetry, republication credits, dates), with the reasons in words."""

from __future__ import annotations

import re
from datetime import date, datetime, timezone
from dataclasses import dataclass
from functools import lru_cache

from ..align.aligner import align_documents
from ..edits.classify import classify_edits
from ..edits.datelines import opening_dateline
from ..edits.furniture import is_credit_line
from ..edits.notes import quoted, shortened
from ..model import Alignment, Document, Edit
from ..settings import Settings
from ..text.lexicon import alternation, load_lexicon
from .measures import foreign_passages, own_text, tokens_in
from .reuse import credit_features, direction_features, load_reuse_model

__all__ = ["KIND_COST", "PairEvidence", "has_dateline", "date_order", "moment_before", "moments_order", "parse_date",
           "parse_moment", "pair_evidence", "republication_credits", "shown_date"]


KIND_COST = {
    "boilerplate": 0.2, "headline": 0.3, "dateline": 0.3, "whitespace": 0.5, "punctuation": 0.5,
    "function_word": 0.7, "spelling": 0.7, "abbreviation": 0.7, "number_format": 0.7, "title": 0.7,
    "name_expansion": 0.7, "moved": 1.0, "duplicated": 1.0, "truncated": 1.5, "inserted": 1.5,
    "deleted": 1.5, "rewrite": 1.2, "quote": 2.0, "number": 2.0, "negation": 2.0, "attribution": 2.0,
    # a name, a date or a word's opposite changed is a change of meaning like a number or a negation;
    # a copy desk does not make it in passing, so it weighs as they do (a respelled name is rarer
    # still than a replaced one and is not told apart here: the kind is what is priced)
    "entity": 2.0, "date": 2.0, "polarity": 2.0, "hedge": 2.0,
}


@dataclass(frozen=True)
class PairEvidence:
    """Alignment, edits and the derived figures of one ordered pair (parent -> child)."""

    alignment: Alignment
    edits: tuple[Edit, ...]
    change_cost: float
    direction: float
    reasons: tuple[str, ...]


def has_dateline(doc: Document, plain: bool = False) -> str | None:
    """The agency dateline ``doc`` opens with (with ``plain``, one without a credit, "VIENNA —",
    counts too): the reporter's mark of the original, which copies drop and rarely add."""
    m = opening_dateline(doc, plain=plain)
    return m.group(0).strip() if m else None


def parse_date(value) -> date | None:
    if not value:
        return None
    try:
        return date.fromisoformat(str(value)[:10])
    except ValueError:
        return None


def parse_moment(value) -> tuple[datetime, bool] | None:
    """``(moment, has_time)`` of an ISO date or date-time (``None`` if it is neither): a time with
    an offset is converted to UTC (``2020-03-02T01:00:00+05:00`` is 20:00 UTC on 1 March, before
    ``2020-03-01T23:00:00Z``); a time without one is taken as given; a date alone is its midnight,
    ``has_time`` False (it orders against another moment by the day only)."""
    if not value:
        return None
    text = str(value).strip()
    try:
        moment = datetime.fromisoformat(text)
    except ValueError:
        day = parse_date(text)
        return None if day is None else (datetime(day.year, day.month, day.day), False)
    if moment.tzinfo is not None:
        moment = moment.astimezone(timezone.utc).replace(tzinfo=None)
    return moment, len(text) > 10


def moment_before(a: tuple[datetime, bool], b: tuple[datetime, bool]) -> bool:
    """Whether moment ``a`` (from :func:`parse_moment`) is told to come before ``b``: by the time
    when both have one, else by the day."""
    (ma, ta), (mb, tb) = a, b
    return ma < mb if (ta and tb) else ma.date() < mb.date()


def moments_order(moments: list[tuple[datetime, bool] | None]) -> list[int] | None:
    """The indexes of ``moments`` (from :func:`parse_moment`) oldest first, or ``None`` when one is
    missing or two of them cannot be told apart (:func:`moment_before` neither way)."""
    if any(m is None for m in moments):
        return None
    order = sorted(range(len(moments)), key=lambda k: moments[k][0])
    if all(moment_before(moments[a], moments[b]) for a, b in zip(order, order[1:])):
        return order
    return None


def shown_date(doc: Document) -> str:
    """``doc``'s ``date`` metadata as an evidence line quotes it (the date or date-time given)."""
    return str(doc.meta.get("date", "")).strip()


def date_order(docs) -> list[int] | None:
    """:func:`moments_order` of the documents' ``date`` metadata."""
    return moments_order([parse_moment(d.meta.get("date")) for d in docs])


#: how a direction cue (a term of the reuse direction model) reads in an evidence line
_CUE_WORDS = {"agency_credit": "an agency credit", "dated_credit": "a dated dateline (a day or month before the credit)",
              "own_credit": "an outlet's own credit in the other's place"}
#: the direction cues :func:`provenance.lineage.reuse.credit_features` gives (the openings alone)
_CREDIT_CUES = frozenset(_CUE_WORDS)


def republication_credits(doc: Document, settings: Settings) -> dict[str, str]:
    """The paragraphs of ``doc`` (at most ``lineage.republication_max_words`` words each) that are a
    republication credit: a pattern of ``provenance/data/republication.txt``, or an agency of
    ``agencies.txt`` named as the contributor ("The Associated Press contributed to this report";
    "AP writer X contributed" names staff and is not one). Keyed by the text case and whitespace
    folded, each with its text as written (memoised on the document)."""
    limit = settings.lineage.republication_max_words

    def compute(d: Document) -> dict[str, str]:
        patterns = (*load_lexicon().republication, _agency_contributed())
        out = {}
        for p in re.split(r"\n\s*\n", d.text):
            shown = " ".join(p.split())
            if shown and len(shown.split()) <= limit and any(r.search(shown) for r in patterns):
                out[shown.casefold()] = shown
        return out

    return doc.derived(("republication_credits", limit), compute)


@lru_cache(maxsize=1)
def _agency_contributed() -> re.Pattern:
    """An agency as the subject of "contributed to this report" (any of its names in agencies.txt)."""
    names = alternation(load_lexicon().agencies)
    return re.compile(rf"^\W*(?:the\s+)?(?:{names})(?:\s+news\s+agency)?\s+contributed\s+to\s+this\s+"
                      r"(?:report|story|article)\b", re.IGNORECASE)


def pair_evidence(u: Document, v: Document, settings: Settings, known: frozenset[str],
                   al: Alignment | None = None) -> PairEvidence:
    al = al or align_documents(u, v, settings)
    edits = classify_edits(al, known_boilerplate=known)
    # a passage foreign to the story costs the same added or cut (a cut tail is otherwise priced
    # flat and an inserted passage by its length, which made the text holding it the likelier
    # original by its cost alone); it keeps an inserted passage's price, since which copies share
    # it is what places them in the tree
    foreign_parent, foreign_child = foreign_passages(al, edits, settings)
    foreign_ids = {id(e) for e in foreign_parent + foreign_child}
    change = 1.0
    for e in edits:
        weight = KIND_COST["inserted"] if id(e) in foreign_ids else KIND_COST.get(e.kind, 1.0)
        if e.kind in ("inserted", "deleted", "rewrite") or id(e) in foreign_ids:
            # longer passages cost more, but a long cut or footer is still one editorial decision
            weight *= 1 + min(len((e.child_text or e.parent_text).split()), 60) / 20
        change += weight
    # text the child does not take from the parent, its own page head aside: a masthead and a
    # headline added over the story are one editorial act each (costed above), not text written,
    # however large a share of a short story they are
    foreign = (sum(tokens_in(al.parent, e.parent_span) for e in foreign_parent),
               sum(tokens_in(al.child, e.child_span) for e in foreign_child))
    head = foreign[1] + sum(tokens_in(al.child, e.child_span) for e in edits
                            if (e.kind == "headline" and e.direction == "added") or (e.kind == "boilerplate" and e.change == "page_head"))
    change += 10 * max(0.0, 1 - al.shared_child() - head / max(1, len(al.child.tokens)))

    direction, reasons = 0.0, []
    du, dv = has_dateline(u), has_dateline(v)
    if du and not dv:
        direction += 3
        reasons.append(f"agency dateline {du!r} in {u.id} is missing from {v.id}")
    elif dv and not du:
        direction -= 3
    elif not du:
        # a dateline without a credit is a weaker mark: a desk's section label in capitals before a
        # dash ("HEALTH —") has its shape, and copies add those
        pu, pv = has_dateline(u, plain=True), has_dateline(v, plain=True)
        weight = settings.lineage.plain_dateline_direction_weight
        if pu and not pv:
            direction += weight
            reasons.append(f"dateline {pu!r} in {u.id} is missing from {v.id}")
        elif pv and not pu:
            direction -= weight
    # a byline or a sign-off ("(Reporting by ...)") is the wire's as often as the copy's own: no cue
    furniture_added = sum(1 for e in edits if e.kind in ("boilerplate", "headline") and e.child_text and not e.parent_text
                          and not is_credit_line(e.child_text, settings.edits.short_line_words)) + len(foreign_child)
    furniture_dropped = sum(1 for e in edits if e.kind in ("boilerplate", "headline") and e.parent_text and not e.child_text)
    # Furniture the child has and the parent lacks points downstream (a wire has no masthead; an
    # outlet adds its own). Furniture the child lacks is no evidence either way: a copy of a
    # reprint drops the reprint's masthead as readily as the reprint added it (issue #15).
    if furniture_added > furniture_dropped:
        direction += 1
        reasons.append(f"{v.id} adds headline/page furniture" if len(foreign_child) < furniture_added else
                       f"{v.id} adds a passage foreign to the story ({quoted(shortened(foreign_child[0].child_text, 60))}), "
                       "as outlets add page furniture")
    downstream, flowing, against = 0.0, 0, 0
    for e in edits:
        if e.kind in ("name_expansion", "title") or (e.kind == "whitespace" and e.change != "typography"):
            # a space fixed flows downstream; a typographic one (« Oui ») is a house's style
            step = 1.0 if e.direction == "added" else -1.0
        elif e.kind == "abbreviation":
            step = 0.5 if e.direction == "removed" else -0.5
        else:
            continue
        downstream += step
        flowing, against = flowing + (step > 0), against + (step < 0)
    if downstream:
        direction += max(-3.0, min(3.0, downstream / 2))
        if downstream > 0:  # the edits counted, not the weighted sum (an abbreviation weighs half)
            reasons.append(f"{flowing} expansions, titles and fixes flow from {u.id} to {v.id}"
                           + (f" ({against} the other way)" if against else ""))
    # Containment asymmetry, page furniture set aside: a copy adds headlines and furniture, and
    # may cut, but rarely brings article text of its own; the source rarely lacks text its copy has.
    own_parent, own_child = own_text(al, edits, foreign)
    asym = own_parent - own_child
    direction += settings.lineage.containment_asym_weight * asym
    if asym > -0.05:
        reasons.append(
            f"containment: {al.shared_parent():.0%} of {u.id} is in {v.id}, and {1 - own_child:.0%} of "
            f"{v.id}'s text (headlines and page furniture{', and passages foreign to the story,' if any(foreign) else ''} aside) "
            f"comes from {u.id}"
            + (f"; {own_parent:.0%} of {u.id}'s text is not in {v.id}" if own_parent > 0.05 else "")
        )
    # The reuse model's direction terms for the cues in ``direction_model_cues`` (agency credits in
    # any script, an outlet's credit in the agency's place), as log-odds.
    model = load_reuse_model(settings.lineage.reuse_model_file)
    cue_names = settings.lineage.direction_model_cues
    # The credit cues are read from the two openings alone; the model's other terms (a rewritten
    # lead, a cut tail) compare the whole texts, so they are computed only when a cue needs them (a
    # tenth of a cluster's tracing time went to them for a probability no decision read). The
    # reason quotes the probability of the terms the score takes, not the whole model's.
    features = (credit_features(u, v, settings) if set(cue_names) <= _CREDIT_CUES
                else direction_features(u, v, settings))
    terms = model.cue_terms(features, cue_names)
    logit = sum(terms.values())
    bound = settings.lineage.direction_model_max
    direction += settings.lineage.direction_model_weight * max(-bound, min(bound, logit))
    if logit > 0.5:
        cues = [_CUE_WORDS.get(k, k) for k in cue_names if terms.get(k, 0.0) > 0]
        reasons.append(f"{' and '.join(cues)} at {u.id}'s opening that {v.id} lacks "
                       f"(reuse direction model, these cues: P({u.id} first) = {model.cue_direction(features, cue_names):.2f})")
    # A republication credit ("This article originally appeared on ...") is written by the outlet
    # that took the text: the text carrying one that its partner lacks came later.
    credits_u, credits_v = republication_credits(u, settings), republication_credits(v, settings)
    ours, theirs = credits_v.keys() - credits_u.keys(), credits_u.keys() - credits_v.keys()
    if bool(ours) != bool(theirs):
        weight = settings.lineage.republication_direction_weight
        direction += weight if ours else -weight
        if ours:
            reasons.append(f"{v.id} credits another outlet as the text's origin "
                           f"({quoted(shortened(credits_v[min(ours)], 80))}); {u.id} does not")
    # Encoding damage flows downstream: a copy made from a damaged text keeps the damage, while
    # repairing it back to the very letters of an undamaged text is improbable. So the text with
    # more replacement characters (U+FFFD, where bytes could not be decoded) is the later one.
    damage = v.text.count("\ufffd") - u.text.count("\ufffd")
    if damage:
        direction += settings.lineage.damage_direction_weight * (1 if damage > 0 else -1)
        if damage > 0:
            reasons.append(f"{v.id} has {damage} more undecodable character{'s' if damage > 1 else ''} (U+FFFD) "
                           f"than {u.id}: encoding damage is copied, not repaired")
    # dates read as moments: a time and its offset count (two copies of one day at 08:00 and
    # 14:00 UTC are in order), a day alone against a time of that day does not
    order = date_order([u, v])
    if order is not None:
        du_date, dv_date = shown_date(u), shown_date(v)
        text_says = direction
        direction += 5 if order[0] == 0 else -5
        if order[0] == 0:
            reasons.append(f"{u.id} is dated {du_date}, before {v.id} ({dv_date})")
            if text_says <= -settings.lineage.date_contradiction_margin:
                # the dates decide, but say that the text disagrees: a wrong date (a page's
                # update time, a time zone) would otherwise turn the tree round without a word
                reasons.append(f"the dates contradict the text: its evidence alone says {v.id} came first "
                               f"(score {-text_says:.1f})")
        elif direction > 0:  # the text outweighs dates that say the other way: say that too
            reasons.append(f"{v.id} is dated {dv_date}, before {u.id} ({du_date}), but the text evidence "
                           f"says {u.id} came first (score {text_says:.1f} against the dates' 5)")
    return PairEvidence(al, edits, change, direction, tuple(reasons))

"""Reprint fidelity: apply a :class:`~provenance.check.policy.Policy` to the typed edits of a reprint.

Pure: documents in, :class:`CheckResult` out (no I/O, no printing). A reprint passes when none of
its findings has the action ``fail``. Findings come from

* the edits: one finding per edit whose kind the policy does not ``allow``, with the rule (the edit
  kind) and the 1-based line of the change in the source and in the reprint;
* three whole-document rules: the agency credit (``attribution``: none of the agency's names is left
  anywhere in the reprint), the share of the source cut (``cut``) and a "reprint" that shares no wire
  text with the source at all (``unrelated``, always a failure, the only finding then);
* a warning, never a failure, that the two may be the wrong way round (``order``): the reuse
  direction model reads the reprint as the earlier text (``CheckSettings.order_warn_below``). Its
  probability is ``CheckResult.p_source_first``.

Cost: one alignment and one classification per reprint (see :func:`provenance.align.aligner.align_documents`).
"""

from __future__ import annotations

import time
from bisect import bisect_left
from dataclasses import dataclass, field

from ..align.aligner import align_documents
from ..align.paraphrase_refine import refine_paraphrase
from ..edits.classify import classify_edits
from ..edits.datelines import dateline_agency, opening_dateline
from ..text.confusables import fold_confusable_words
from ..text.lexicon import load_lexicon, names_pattern
from ..model import CUT_KINDS, WORD_KINDS, Alignment, Document, Edit, require, require_documents
from .policy import DEFAULT_POLICY, Policy
from ..settings import DEFAULT_SETTINGS, Settings
from ..lineage.measures import reuse_gate_unless_verbatim
from ..lineage.reuse import DIRECTION_FEATURES, credit_features, load_reuse_model

__all__ = ["Finding", "CheckResult", "check_reprint", "check_reprints", "credit_names", "credited_agencies", "credit_dropped"]

_WORDISH = WORD_KINDS
_CUT_KINDS = CUT_KINDS


@dataclass(frozen=True)
class Finding:
    """One broken rule.

    ``rule`` is an edit kind, or ``cut`` / ``unrelated``; ``action`` is ``fail`` or ``warn`` (allowed
    edits make no finding). ``edit`` is the edit behind it (``None`` for a whole-document rule);
    ``source_line`` and ``reprint_line`` are the 1-based lines of the change (``None`` likewise). A
    deletion has no text in the reprint: its line is where the reprint takes up the source again.
    """

    rule: str
    action: str
    message: str
    edit: Edit | None = None
    source_line: int | None = None
    reprint_line: int | None = None
    #: character spans locating the finding in each text (an empty span where that side has no text)
    source_span: tuple[int, int] | None = None
    reprint_span: tuple[int, int] | None = None

    def to_json(self) -> dict:
        out = {"rule": self.rule, "action": self.action, "message": self.message,
               "source_line": self.source_line, "reprint_line": self.reprint_line}
        if self.source_span is not None:
            out["source_span"] = list(self.source_span)
            out["reprint_span"] = list(self.reprint_span)
        if self.edit is not None:
            out["edit"] = self.edit.to_json()
        return out


@dataclass(frozen=True)
class CheckResult:
    """The verdict on one reprint against its source.

    ``findings`` are sorted by reprint line (whole-document findings first). ``agencies`` are the
    names that counted as the agency's credit (empty when the rule did not apply) and ``credited``
    whether the reprint still names one. ``cut`` is the share (0..1) of the source's words in
    ``deleted`` and ``truncated`` edits. ``p_source_first`` is the reuse direction model's
    probability that the source is the earlier text (``None`` for an unrelated reprint). ``seconds``
    is the time the check took (not compared).
    """

    source: Document
    reprint: Document
    alignment: Alignment
    edits: tuple[Edit, ...]
    findings: tuple[Finding, ...]
    agencies: tuple[str, ...] = ()
    credited: bool = True
    cut: float = 0.0
    seconds: float = field(default=0.0, compare=False)
    p_source_first: float | None = None

    @property
    def passed(self) -> bool:
        return not any(f.action == "fail" for f in self.findings)

    @property
    def verdict(self) -> str:
        """``pass`` or ``fail``."""
        return "pass" if self.passed else "fail"

    @property
    def failures(self) -> tuple[Finding, ...]:
        return tuple(f for f in self.findings if f.action == "fail")

    @property
    def warnings(self) -> tuple[Finding, ...]:
        return tuple(f for f in self.findings if f.action == "warn")

    @property
    def unrelated(self) -> bool:
        return any(f.rule == "unrelated" for f in self.findings)

    def to_json(self) -> dict:
        return {
            "source": self.source.id,
            "reprint": self.reprint.id,
            "verdict": self.verdict,
            "failures": len(self.failures),
            "warnings": len(self.warnings),
            "shared_source": round(self.alignment.shared_parent(), 4),
            "shared_reprint": round(self.alignment.shared_child(), 4),
            "cut": round(self.cut, 4),
            "p_source_first": None if self.p_source_first is None else round(self.p_source_first, 4),
            "agencies": list(self.agencies),
            "credited": self.credited,
            "findings": [f.to_json() for f in self.findings],
        }


def credited_agencies(text: str, names) -> set[str]:
    """The names in ``names`` that ``text`` mentions as whole words (case-sensitive: AP is not "ap"),
    look-alike letters of another script read in the word's own ("(АFР)" with Cyrillic А and Р is
    AFP on screen)."""
    if not names:
        return set()
    return set(names_pattern(tuple(sorted(set(names), key=len, reverse=True))).findall(fold_confusable_words(text)))


def _with_other_names(names) -> tuple[str, ...]:
    out = dict.fromkeys(names)
    for group in load_lexicon().agency_groups:
        if out.keys() & set(group):
            out.update(dict.fromkeys(group))
    return tuple(out)


def credit_names(source: Document, policy: Policy = DEFAULT_POLICY) -> tuple[str, ...]:
    """The names that count as crediting the source's agency; empty when the credit rule does not apply.

    The policy's ``agencies`` when the source names one of them; otherwise the agency of the
    source's dateline ("Moscow (AFP) -") with its other names, or with no dateline every agency
    the source names (with their other names).
    """
    if policy.agencies:
        return policy.agencies if credited_agencies(source.text, policy.agencies) else ()
    m = opening_dateline(source)
    if m:
        return _with_other_names([dateline_agency(m)])
    return _with_other_names(sorted(credited_agencies(source.text, load_lexicon().agencies)))


def credit_dropped(source: Document, reprint: Document, policy: Policy = DEFAULT_POLICY,
                   agencies: tuple[str, ...] | None = None) -> bool:
    """Whether ``reprint`` credits none of the :func:`credit_names` of ``source``, in its text or
    its ``byline`` metadata: the one definition of a dropped credit (``check`` and the cluster
    summary). False when the credit rule does not apply to the source. ``agencies``, when given,
    is ``credit_names(source, policy)`` already computed (``check`` needs both)."""
    if agencies is None:
        agencies = credit_names(source, policy)
    byline = str(reprint.meta.get("byline") or "")
    return bool(agencies) and not credited_agencies(reprint.text + "\n" + byline, agencies)


def _token_starts(doc: Document) -> list[int]:
    return doc.derived("check_token_starts", lambda d: [t.start for t in d.tokens])


def _anchor(al: Alignment, edit: Edit, side: str) -> tuple[int, int]:
    """The span in one side's text that locates ``edit``: its span there, or, for an empty span
    (text only on the other side), the empty span where that side takes up the shared text again."""
    start, end = edit.child_span if side == "child" else edit.parent_span
    if start < end:
        return start, end
    other, other_span = (al.parent, edit.parent_span) if side == "child" else (al.child, edit.child_span)
    k = bisect_left(_token_starts(other), other_span[1])  # first token after the edit, other side
    for b in al.blocks:
        if b.tag != "equal" or b.move == "duplicated":
            continue
        lo, hi, base = (b.i1, b.i2, b.j1) if side == "child" else (b.j1, b.j2, b.i1)
        if lo <= k < hi:
            tokens = al.child.tokens if side == "child" else al.parent.tokens
            pos = tokens[base + k - lo].start
            return pos, pos
    return start, end


def _cut_share(source: Document, edits) -> float:
    words = [t.kind in _WORDISH for t in source.tokens]
    total = sum(words)
    if not total:
        return 0.0
    starts = _token_starts(source)
    cut = 0
    for e in edits:
        if e.kind in _CUT_KINDS or (e.kind == "quote" and e.change == "deleted"):
            lo, hi = bisect_left(starts, e.parent_span[0]), bisect_left(starts, e.parent_span[1])
            cut += sum(words[lo:hi])
    return min(1.0, cut / total)


def check_reprint(source: Document, reprint: Document, policy: Policy = DEFAULT_POLICY,
                  settings: Settings = DEFAULT_SETTINGS) -> CheckResult:
    """Align, classify and judge ``reprint`` against ``source`` (module docstring).

    Deterministic apart from ``seconds``. An unrelated reprint is not classified: its only finding
    is ``unrelated``. Raises :class:`TypeError` on arguments of the wrong type.
    """
    require(source, Document, "check_reprint: source")
    require(reprint, Document, "check_reprint: reprint")
    require(policy, Policy, "check_reprint: policy")
    t0 = time.perf_counter()
    al = align_documents(source, reprint, settings)
    gate = reuse_gate_unless_verbatim(al, settings)
    if gate is not None and not gate.linked:
        finding = Finding(
            "unrelated", "fail",
            f"not a reprint of {source.id}: it shares no wire text with it (P(derived) "
            f"{gate.decision.p_derived:.2f}; {al.shared_child():.0%} of its words align, with no common "
            f"passage of {settings.lineage.related_min_passage} words)")
        return CheckResult(source, reprint, al, (), (finding,), seconds=time.perf_counter() - t0)
    al = refine_paraphrase(al, settings)  # rewritten sentences word-aligned: finer findings, same gate
    edits = classify_edits(al, settings=settings)
    agencies = credit_names(source, policy)
    credited = not credit_dropped(source, reprint, policy, agencies)
    findings = []
    for e in edits:
        action = policy.action(e.kind, e.change)
        if e.kind == "attribution" and e.change == "credit" and credited:
            if credited_agencies(e.child_text, agencies):
                continue  # the same agency under another name: "(AFP)" -> "(Agence France-Presse)"
            if action == "fail":
                action = "warn"  # one credit dropped while another survives in the reprint
        if action == "allow":
            continue
        sspan, rspan = _anchor(al, e, "parent"), _anchor(al, e, "child")
        findings.append(Finding(e.kind, action, e.note, e, source.line_of(sspan[0]), reprint.line_of(rspan[0]),
                                sspan, rspan))
    if policy.agencies and not agencies and policy.action("attribution") != "allow":
        # said, not silent: a policy naming other agencies than the source's turns the rule off
        findings.append(Finding(
            "credit", "warn",
            f"credit not checked: the source names none of the policy's agencies ({', '.join(policy.agencies)})"))
    if not credited and policy.action("attribution") != "allow":
        findings.append(Finding(
            "attribution", policy.action("attribution"),
            f"the agency is no longer credited anywhere in the reprint: none of {', '.join(agencies)} appears"))
    cut = _cut_share(source, edits)
    if cut > policy.max_cut:
        findings.append(Finding("cut", "fail", f"the reprint cuts {cut:.0%} of the source's words "
                                               f"(the policy allows {policy.max_cut:.0%})"))
    p_first, order = _order_finding(source, reprint, settings)
    if order is not None:
        findings.append(order)
    findings.sort(key=lambda f: (f.reprint_line or 0, f.source_line or 0))
    return CheckResult(source, reprint, al, edits, tuple(findings), agencies, credited, cut,
                       time.perf_counter() - t0, p_first)


#: what each direction cue of :data:`provenance.lineage.reuse.DIRECTION_FEATURES` observed, by the
#: sign of the feature (source, reprint): the words say what was seen, the model's weight says
#: which way it points (COUNTER reads a missing tail as text the other added at its end)
_OBSERVED = {
    "agency_credit": ("an agency credit at the source's opening that the reprint lacks",
                      "an agency credit at the reprint's opening that the source lacks"),
    "own_credit": ("an outlet's own credit at the reprint's opening",
                   "an outlet's own credit at the source's opening"),
    "lead_rewritten": ("the reprint's lead rewritten over text the source has",
                       "the source's lead rewritten over text the reprint has"),
    "tail_cut": ("the source's closing text missing from the reprint",
                 "the reprint's closing text missing from the source"),
    "dated_credit": ("a dated dateline at the source's opening that the reprint lacks",
                     "a dated dateline at the reprint's opening that the source lacks"),
}


def _order_finding(source: Document, reprint: Document, settings: Settings) -> tuple[float, Finding | None]:
    """P(source first) from the credit cues of the reuse direction model (those the copy tree's
    direction evidence weighs too, ``lineage.direction_model_cues``; read from the two openings
    only, so the check costs no comparison views), and the ``order`` warning when it is low."""
    model = load_reuse_model(settings.lineage.reuse_model_file)
    features = credit_features(source, reprint, settings)
    cues = settings.lineage.direction_model_cues
    terms = model.cue_terms(features, cues)
    p_first = model.cue_direction(features, cues)
    if p_first >= settings.check.order_warn_below:
        return p_first, None
    seen = [_OBSERVED[k][features[k] < 0] for k in DIRECTION_FEATURES if terms.get(k, 0.0) < 0 and features.get(k)]
    why = " and ".join(seen) or "the direction model's cues"
    return p_first, Finding(
        "order", "warn",
        f"the reprint reads as the earlier text: {why} (P(source first) = {p_first:.2f}); "
        f"are SOURCE and REPRINT the right way round?")


def check_reprints(source: Document, reprints, policy: Policy = DEFAULT_POLICY,
                   settings: Settings = DEFAULT_SETTINGS) -> tuple[CheckResult, ...]:
    """:func:`check_reprint` for each reprint, in order (the source is tokenized once). Raises
    :class:`TypeError` unless ``reprints`` is an iterable of documents (one document is not), and
    :class:`ValueError` for two reprints with one id (as the command refuses a file given twice)."""
    reprints = require_documents(reprints, "check_reprints: reprints", "check_reprints: each reprint")
    seen: set[str] = set()
    for r in reprints:
        if r.id in seen:
            raise ValueError(f"check_reprints: two reprints have the id {r.id!r}")
        seen.add(r.id)
    return tuple(check_reprint(source, r, policy, settings) for r in reprints)

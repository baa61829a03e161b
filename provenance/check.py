"""Reprint fidelity: apply a :class:`~provenance.policy.Policy` to the typed edits of a reprint.

Pure: documents in, a :class:`CheckResult` out. A reprint passes when no finding has the action
``fail``. Findings come from the edits (one per edit whose kind the policy does not allow) and from
three whole-document rules: the agency credit (``attribution``), the share of the source cut
(``cut``) and a reprint that shares no wire text at all (``unrelated``, always a failure).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from .align import align_documents
from .classify import classify_edits
from .lexicon import load_lexicon
from .model import Alignment, Document, Edit
from .policy import DEFAULT_POLICY, Policy
from .settings import DEFAULT_SETTINGS, Settings
from .story import related

__all__ = ["Finding", "CheckResult", "check_reprint", "credited_agencies"]


@dataclass(frozen=True)
class Finding:
    """One broken rule: ``rule`` is an edit kind or ``cut`` / ``unrelated``; ``action`` is fail or warn.

    Line numbers are 1-based lines of the source and of the reprint (``None`` when not applicable).
    """

    rule: str
    action: str
    message: str
    edit: Edit | None = None
    source_line: int | None = None
    reprint_line: int | None = None


@dataclass(frozen=True)
class CheckResult:
    """The verdict on one reprint against its source."""

    source: Document
    reprint: Document
    alignment: Alignment
    edits: tuple[Edit, ...]
    findings: tuple[Finding, ...]

    @property
    def passed(self) -> bool:
        return not any(f.action == "fail" for f in self.findings)

    @property
    def failures(self) -> tuple[Finding, ...]:
        return tuple(f for f in self.findings if f.action == "fail")

    @property
    def warnings(self) -> tuple[Finding, ...]:
        return tuple(f for f in self.findings if f.action == "warn")

    def to_json(self) -> dict:
        return {
            "source": self.source.id,
            "reprint": self.reprint.id,
            "verdict": "pass" if self.passed else "fail",
            "shared_source": round(self.alignment.shared_parent(), 4),
            "shared_reprint": round(self.alignment.shared_child(), 4),
            "findings": [
                {"rule": f.rule, "action": f.action, "message": f.message, "source_line": f.source_line,
                 "reprint_line": f.reprint_line, **({"edit": f.edit.to_json()} if f.edit else {})}
                for f in self.findings
            ],
        }


def credited_agencies(text: str, names) -> set[str]:
    """The names in ``names`` that ``text`` mentions as whole words (case-sensitive: AP is not "ap")."""
    return {n for n in names if re.search(rf"(?<![\w-]){re.escape(n)}(?![\w-])", text)}


def check_reprint(source: Document, reprint: Document, policy: Policy = DEFAULT_POLICY,
                  settings: Settings = DEFAULT_SETTINGS) -> CheckResult:
    """Align, classify and judge ``reprint`` against ``source`` (module docstring)."""
    al = align_documents(source, reprint, settings)
    edits = classify_edits(al)
    if not related(al, settings):
        finding = Finding("unrelated", "fail",
                          f"shares no wire text with {source.id} ({al.shared_child():.0%} of it aligns, "
                          f"no passage of {settings.related_min_passage}+ words): not a reprint of this source")
        return CheckResult(source, reprint, al, edits, (finding,))
    agencies = policy.agencies or tuple(credited_agencies(source.text, load_lexicon().agencies))
    still_credited = credited_agencies(reprint.text, agencies) if agencies else set()
    findings = []
    for e in edits:
        action = policy.action(e.kind)
        if e.kind == "attribution" and e.note.startswith("agency credit") and still_credited:
            action = "warn" if action == "fail" else action  # the credit survives elsewhere in the reprint
        if action == "allow":
            continue
        findings.append(Finding(e.kind, action, e.note, e, source.line_of(e.parent_span[0]),
                                reprint.line_of(e.child_span[0])))
    if agencies and not still_credited:
        action = policy.action("attribution")
        if action != "allow":
            findings.append(Finding("attribution", action,
                                    f"the agency is no longer credited anywhere: none of {', '.join(sorted(agencies))} "
                                    f"appears in the reprint"))
    cut = 1 - al.shared_parent()
    if cut > policy.max_cut:
        findings.append(Finding("cut", "fail", f"{cut:.0%} of the source is missing from the reprint "
                                               f"(the policy allows {policy.max_cut:.0%})"))
    findings.sort(key=lambda f: (f.reprint_line or 0, f.rule))
    return CheckResult(source, reprint, al, edits, tuple(findings))

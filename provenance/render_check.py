"""Reports of ``provenance check``: human text, JSON, JUnit XML and GitHub workflow annotations.

Pure functions of :class:`~provenance.check.CheckResult` lists. Article text is untrusted: the text
report passes it through :func:`provenance.render_text.safe`, JUnit goes through ElementTree (XML
escaping) and GitHub annotations escape ``%``, ``\\r``, ``\\n`` (and ``:``/``,`` in properties).
"""

from __future__ import annotations

import json
import xml.etree.ElementTree as ET

from .check import CheckResult
from .render_text import safe

__all__ = ["render_check_text", "render_check_json", "render_check_junit", "render_check_github"]

_COLOR = {"fail": "1;31", "warn": "33", "pass": "32"}


def _excerpt(doc, span: tuple[int, int], width: int) -> str:
    """The line holding ``span``, cut to ``width`` characters around it (… marks the cuts)."""
    text = doc.text
    start = text.rfind("\n", 0, span[0]) + 1
    end = text.find("\n", span[0])
    end = len(text) if end < 0 else end
    line = text[start:end]
    if len(line) <= width:
        return line
    centre = (span[0] + min(span[1], end)) // 2 - start
    lo = max(0, min(len(line) - width, centre - width // 2))
    piece = line[lo : lo + width]
    if lo > 0:
        piece = "…" + piece[1:]
    if lo + width < len(line):
        piece = piece[:-1] + "…"
    return piece


def _clip(text: str, n: int) -> str:
    text = " ".join(text.split())
    return text if len(text) <= n else text[: n - 1] + "…"


def render_check_text(results: list[CheckResult], width: int = 100, color: bool = False) -> str:
    """Per reprint a verdict line, then each finding with the rule it broke and both lines side by side."""
    def paint(code: str, text: str) -> str:
        return f"\x1b[{_COLOR[code]}m{text}\x1b[0m" if color else text

    col = max(20, (width - 7) // 2)
    out = []
    for r in results:
        verdict = "PASS" if r.passed else "FAIL"
        out.append(f"{paint('pass' if r.passed else 'fail', verdict)} {safe(r.reprint.id)} against {safe(r.source.id)}: "
                   f"{len(r.failures)} failure(s), {len(r.warnings)} warning(s); "
                   f"{r.alignment.shared_parent():.0%} of the source kept")
        for f in r.findings:
            out.append(f"  {paint(f.action, f.action.upper())} [{f.rule}] {safe(_clip(f.message, width - 12))}")
            if f.edit is not None:
                left = f"{f.source_line}: "
                left += safe(" ".join(_excerpt(r.source, f.edit.parent_span, col - len(left)).split()))
                right = f"{f.reprint_line}: "
                right += safe(" ".join(_excerpt(r.reprint, f.edit.child_span, col - len(right)).split()))
                out.append(f"    {left:<{col}} │ {right}")
        out.append("")
    passed = sum(r.passed for r in results)
    out.append(f"{passed} of {len(results)} reprint(s) passed")
    return "\n".join(out) + "\n"


def render_check_json(results: list[CheckResult]) -> str:
    doc = {"schema": "provenance/check-v1", "passed": all(r.passed for r in results),
           "results": [r.to_json() for r in results]}
    return json.dumps(doc, ensure_ascii=False, indent=2) + "\n"


def render_check_junit(results: list[CheckResult]) -> str:
    """JUnit XML: one ``testsuite``, one ``testcase`` per reprint, a ``failure`` for failed rules."""
    suites = ET.Element("testsuites", name="provenance check", tests=str(len(results)),
                        failures=str(sum(not r.passed for r in results)), errors="0")
    suite = ET.SubElement(suites, "testsuite", name="provenance check", tests=str(len(results)),
                          failures=str(sum(not r.passed for r in results)), errors="0", skipped="0", time="0")
    for r in results:
        case = ET.SubElement(suite, "testcase", name=r.reprint.id, classname=f"provenance.check.{r.source.id}", time="0")
        if not r.passed:
            failure = ET.SubElement(case, "failure", type="fidelity",
                                    message="; ".join(f"{f.rule}: {_clip(f.message, 120)}" for f in r.failures))
            failure.text = "\n".join(f"reprint line {f.reprint_line}: [{f.rule}] {f.message}" for f in r.failures)
        if r.warnings:
            ET.SubElement(case, "system-out").text = "\n".join(
                f"warning: reprint line {f.reprint_line}: [{f.rule}] {f.message}" for f in r.warnings)
    return ET.tostring(suites, encoding="unicode", xml_declaration=True) + "\n"


def _gh_data(text: str) -> str:
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _gh_prop(text: str) -> str:
    return _gh_data(text).replace(":", "%3A").replace(",", "%2C")


def render_check_github(results: list[CheckResult]) -> str:
    """``::error file=...,line=...::message`` workflow commands, one per finding."""
    out = []
    for r in results:
        for f in r.findings:
            level = "error" if f.action == "fail" else "warning"
            where = f"file={_gh_prop(r.reprint.id)}" + (f",line={f.reprint_line}" if f.reprint_line else "")
            title = _gh_prop(f"provenance {f.rule}")
            out.append(f"::{level} {where},title={title}::{_gh_data(f.message)}")
        if r.passed and not r.findings:
            out.append(f"::notice file={_gh_prop(r.reprint.id)}::{_gh_data('faithful reprint of ' + r.source.id)}")
    return "\n".join(out) + ("\n" if out else "")

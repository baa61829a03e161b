"""Reports of ``provenance check``: human text, JSON, JUnit XML and GitHub workflow annotations.

Pure functions from a sequence of :class:`~provenance.check.fidelity.CheckResult` to ``str``. Article text
(and a file name) is untrusted: every report passes it through :func:`provenance.render.text.safe`,
which turns C0/C1 control characters (ESC included, so no escape sequence survives) and bidi
overrides into ``�``. JUnit is built with ElementTree, which escapes markup; GitHub annotations
escape ``%``, ``\\r`` and ``\\n`` in messages, and also ``:`` and ``,`` in properties.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET

from ..check.fidelity import CheckResult, Finding
from .text import _fit, display_width, json_text, safe, wrap_plain

__all__ = ["render_check_text", "render_check_json", "render_check_junit", "render_check_github"]

_COLOR = {"fail": "1;31", "warn": "33", "pass": "32", "old": "31", "new": "32", "dim": "2"}
_SPACE = re.compile(r"\s+")


def _flat(text: str) -> str:
    return _SPACE.sub(" ", safe(text))


def _plural(n: int, word: str) -> str:
    return f"{n} {word}" + ("" if n == 1 else "s")


def _excerpt(text: str, span: tuple[int, int], width: int) -> tuple[str, str, str]:
    """``(before, changed, after)``: the line holding ``span``, made safe, cut to ``width`` terminal
    columns around the changed part (… marks the cuts; a Chinese or Hangul character takes two
    columns). The changed part stops at the line end."""
    start, end = span
    line_start = text.rfind("\n", 0, start) + 1
    line_end = text.find("\n", start)
    line_end = len(text) if line_end < 0 else line_end
    end = max(start, min(end, line_end))
    # at most a few widths of context either side are read: a text of one long line would otherwise
    # be flattened whole for every finding (a cut window is longer than what is kept, so it is marked)
    reach = 4 * width + 8
    before = _flat(text[max(line_start, start - reach):start])
    mid = _flat(text[start:min(end, start + reach)])
    after = _flat(text[end:min(line_end, end + reach)])
    mid = _fit(mid, width)
    mid_w, before_w, after_w = display_width(mid), display_width(before), display_width(after)
    room = max(0, width - mid_w)
    keep_before = min(before_w, max(room // 2, room - after_w))
    keep_after = min(after_w, room - keep_before)
    if keep_before < before_w:
        before = _fit(before, keep_before, keep_end=True) if keep_before else ""
    if keep_after < after_w:
        after = _fit(after, keep_after) if keep_after else ""
    return before, mid, after


def render_check_text(results, width: int = 100, color: bool = False) -> str:
    """Per reprint a verdict line, then each finding: the action, the rule it broke and what changed,
    with the source line and the reprint line side by side (the changed words coloured with ``color``).
    Every line fits in ``width`` terminal columns (wide characters count two)."""
    def paint(code: str, text: str) -> str:
        return f"\x1b[{_COLOR[code]}m{text}\x1b[0m" if color and text else text

    col = max(12, (width - 7) // 2)  # "    " + left + " │ " + right
    out = []
    for r in results:
        kept = "" if r.unrelated else f"; {r.cut:.0%} of the source cut"
        verdict = r.verdict.upper()
        lines = wrap_plain(f"{verdict} {_flat(r.reprint.id)} against {_flat(r.source.id)}: "
                           f"{_plural(len(r.failures), 'failure')}, {_plural(len(r.warnings), 'warning')}{kept}",
                           width, indent="  ")
        out.append(paint(r.verdict, verdict) + lines[0][len(verdict):])
        out.extend(lines[1:])
        for f in r.findings:
            head = f"  {paint(f.action, f.action.upper())} [{f.rule}] "
            visible = display_width(f"  {f.action.upper()} [{f.rule}] ")
            out.extend(wrap_plain(_flat(f.message), max(visible + 20, width), indent=" " * visible, first=head))
            if f.source_span is not None:
                sides = []
                for code, doc, line, span in (("old", r.source, f.source_line, f.source_span),
                                              ("new", r.reprint, f.reprint_line, f.reprint_span)):
                    label = f"{line}: "
                    before, mid, after = _excerpt(doc.text, span, col - len(label))
                    sides.append((label + before + paint(code, mid) + after, display_width(label + before + mid + after)))
                (left, left_len), (right, _) = sides
                out.append(f"    {left}{' ' * max(0, col - left_len)} │ {right}")
        out.append("")
    passed = sum(r.passed for r in results)
    out.append(f"{passed} of {_plural(len(results), 'reprint')} passed")
    return "\n".join(out) + "\n"


def render_check_json(results) -> str:
    """Schema ``provenance/check-v1``: ``passed`` (all reprints), counts, and per reprint its verdict,
    shared figures, credit and findings (each with its edit when it has one)."""
    results = list(results)
    doc = {
        "schema": "provenance/check-v1",
        "passed": all(r.passed for r in results),
        "reprints": len(results),
        "failed": sum(not r.passed for r in results),
        "results": [r.to_json() for r in results],
    }
    return json_text(doc, indent=2) + "\n"


_XML_INVALID = re.compile("[\ud800-\udfff\ufffe\uffff]")


def _xml(text: str) -> str:
    """Text XML 1.0 can hold: ``safe`` removes the C0 controls ElementTree would write unescaped."""
    return _XML_INVALID.sub("\ufffd", safe(text))


def _where(f: Finding) -> str:
    return f" (reprint line {f.reprint_line})" if f.reprint_line else ""


def _finding_lines(r: CheckResult, f: Finding) -> str:
    text = f"[{f.rule}]{_where(f)} {_flat(f.message)}"
    if f.source_span is not None:
        text += (f"\n    source line {f.source_line}: {''.join(_excerpt(r.source.text, f.source_span, 100))}"
                 f"\n    reprint line {f.reprint_line}: {''.join(_excerpt(r.reprint.text, f.reprint_span, 100))}")
    return text


def render_check_junit(results) -> str:
    """JUnit XML in the common Jenkins/Surefire shape: ``testsuites`` holding one ``testsuite`` for
    the run, one ``testcase`` per reprint (``name`` the reprint, ``classname`` ``provenance.check.fidelity``,
    ``time`` in seconds); a failed reprint has one ``failure`` (``message`` lists the failed rules,
    the text each finding with both lines), warnings go to the testcase's ``system-out``."""
    results = list(results)
    failed = sum(not r.passed for r in results)
    seconds = f"{sum(r.seconds for r in results):.3f}"
    sources = sorted({r.source.id for r in results})
    name = "provenance check" + (f" against {sources[0]}" if len(sources) == 1 else "")
    counts = {"tests": str(len(results)), "failures": str(failed), "errors": "0"}
    suites = ET.Element("testsuites", name=_xml(name), **counts, time=seconds)
    suite = ET.SubElement(suites, "testsuite", name=_xml(name), **counts, skipped="0", time=seconds)
    for r in results:
        case = ET.SubElement(suite, "testcase", name=_xml(r.reprint.id), classname="provenance.check.fidelity",
                             time=f"{r.seconds:.3f}")
        if r.failures:
            message = "; ".join(f"{f.rule}{_where(f)}" for f in r.failures)
            failure = ET.SubElement(case, "failure", type="provenance." + "/".join(dict.fromkeys(f.rule for f in r.failures)),
                                    message=_xml(f"{_plural(len(r.failures), 'failed rule')} against {r.source.id}: {message}"))
            failure.text = _xml("\n".join(_finding_lines(r, f) for f in r.failures))
        if r.warnings:
            ET.SubElement(case, "system-out").text = _xml(
                "\n".join("warning " + _finding_lines(r, f) for f in r.warnings))
    ET.indent(suites)
    return ET.tostring(suites, encoding="unicode", xml_declaration=True) + "\n"


def _gh_data(text: str) -> str:
    """A workflow-command message: untrusted text made safe, then ``%``, CR and LF escaped."""
    return safe(text).replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _gh_prop(text: str) -> str:
    """A workflow-command property value: as a message, and ``:`` and ``,`` escaped too."""
    return _gh_data(text).replace(":", "%3A").replace(",", "%2C")


def render_check_github(results) -> str:
    """GitHub Actions workflow commands: ``::error file=REPRINT,line=N,title=...::message`` for each
    failing finding and ``::warning ...`` for each warning (``line`` is the reprint's, left out for
    whole-document rules), errors first because GitHub shows only the first few annotations of each
    level per step; then one plain line per reprint with its verdict."""
    results = list(results)
    out = []
    for level, action in (("error", "fail"), ("warning", "warn")):
        for r in results:
            for f in r.findings:
                if f.action != action:
                    continue
                where = f"file={_gh_prop(r.reprint.id)}" + (f",line={f.reprint_line}" if f.reprint_line else "")
                message = _flat(f.message)
                if f.source_span is not None:
                    message += f"\nsource line {f.source_line}: " + "".join(_excerpt(r.source.text, f.source_span, 100))
                out.append(f"::{level} {where},title={_gh_prop(f'provenance check: {f.rule}')}::{_gh_data(message)}")
    for r in results:
        out.append(f"{r.verdict.upper()} {_flat(r.reprint.id)} against {_flat(r.source.id)}: "
                   f"{_plural(len(r.failures), 'failure')}, {_plural(len(r.warnings), 'warning')}")
    return "\n".join(out) + "\n"

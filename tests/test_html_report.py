"""The HTML report: self-contained, escaped, and working in a real (headless) Chromium."""

from __future__ import annotations

import html.parser
import json
import re
import shutil
import subprocess
from pathlib import Path

import pytest

from provenance import make_document, trace_documents
from provenance.check import check_reprint
from provenance.render_html import render_check_html, render_trace_html

SEEDS = ("afp_wire_putin_strikes", "moscow_times_reprint", "london_daily_reprint", "lavrov_unrelated")
REPO = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="module")
def seed_docs(examples_dir):
    return [make_document(f"{n}.txt", (examples_dir / f"{n}.txt").read_text(encoding="utf-8")) for n in SEEDS]


@pytest.fixture(scope="module")
def report(seed_docs):
    return render_trace_html(trace_documents(seed_docs))


class _Elements(html.parser.HTMLParser):
    def __init__(self):
        super().__init__()
        self.tags, self.attrs = [], []

    def handle_starttag(self, tag, attrs):
        self.tags.append(tag)
        self.attrs.extend(attrs)


def _parse(text):
    p = _Elements()
    p.feed(text)
    return p


def test_report_is_self_contained(report):
    assert not re.search(r"""(src|href)\s*=\s*["']?(https?:)?//""", report)
    assert "@import" not in report and "url(" not in report
    assert "Content-Security-Policy" in report
    p = _parse(report)
    assert p.tags.count("script") == 1 and p.tags.count("style") == 1


def test_report_structure(report):
    assert report.count('class="story"') == 1
    assert report.count('class="node') == 3 and 'class="node source" data-doc="afp_wire_putin_strikes.txt"' in report
    assert "Only substantive edits" in report and 'class="legend"' in report
    assert "lavrov_unrelated.txt" in report.split('id="unrelated"')[1] and "best overlap" in report
    assert 'kind-spelling sev-style' in report and 'title="British to American spelling' in report
    assert "<details" in report  # unchanged runs collapse
    assert 'href="#s1e2-r' in report  # the duplicated lede links to its original


def test_hostile_text_is_inert(seed_docs):
    afp = seed_docs[0]
    evil = afp.text.replace("minimising", "minimising <script>alert(1)</script>").replace(
        "organisers", 'organisers "><img onerror=alert(2) src=x>')
    docs = [afp, make_document('x"><img src=x onerror=alert(3)>.txt', evil)]
    for page in (render_trace_html(trace_documents(docs)), render_check_html([check_reprint(afp, docs[1])])):
        p = _parse(page)
        assert p.tags.count("script") == 1 and "img" not in p.tags
        assert not any(name.startswith("on") for name, _ in p.attrs)
        assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page and "alert(1)</script>" not in page


def test_check_page_has_findings_first(seed_docs):
    afp, mt = seed_docs[0], seed_docs[1]
    bad = make_document("bad.txt", afp.text.replace("13,000", "31,000"))
    page = render_check_html([check_reprint(afp, mt), check_reprint(afp, bad)])
    assert page.index('class="findings"') < page.index('class="sbs"')
    assert "FAIL [number]" in page and "1 of 2 reprint(s) passed" in page


_PROBE = """
<script>
window.__errors = [];
window.addEventListener('error', function (e) { window.__errors.push(String(e.message)); });
var _ce = console.error; console.error = function () { window.__errors.push([].join.call(arguments, ' ')); _ce.apply(console, arguments); };
window.addEventListener('load', function () {
  function visibleStyle() {
    var n = 0;
    document.querySelectorAll('.edit.sev-style').forEach(function (el) {
      var cs = getComputedStyle(el);
      var row = el.closest('tr');
      var shown = row && row.offsetParent !== null;
      if (shown && cs.backgroundColor !== 'rgba(0, 0, 0, 0)') n++;
    });
    return n;
  }
  var before = visibleStyle();
  var box = document.getElementById('only-substantive');
  box.click();
  var after = visibleStyle();
  var nodes = Array.prototype.map.call(document.querySelectorAll('svg g.node'), function (g) { return g.getAttribute('data-doc'); });
  var pre = document.createElement('pre'); pre.id = 'probe-results';
  pre.textContent = JSON.stringify({errors: window.__errors, nodes: nodes, styleBefore: before, styleAfter: after,
                                    scrollWidth: document.documentElement.scrollWidth, innerWidth: window.innerWidth});
  document.body.appendChild(pre);
});
</script>
"""


def _chromium():
    return shutil.which("chromium") or shutil.which("chromium-browser") or shutil.which("google-chrome")


def _run_chromium(exe, args, tmp_path, name):
    profile = tmp_path / f"profile-{name}"
    cmd = [exe, "--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--no-first-run",
           "--disable-component-update", "--disable-sync", "--disable-quic", f"--user-data-dir={profile}", *args]
    return subprocess.run(cmd, capture_output=True, text=True, timeout=120)


def test_report_in_headless_chromium(report, tmp_path):
    exe = _chromium()
    if exe is None:
        pytest.skip("no Chromium found (install Debian's chromium; .ci/run does)")
    page = tmp_path / "report.html"
    page.write_text(report, encoding="utf-8")
    probed = tmp_path / "probed.html"
    probed.write_text(report.replace("<head>", "<head>" + _PROBE, 1), encoding="utf-8")
    proc = _run_chromium(exe, ["--virtual-time-budget=5000", "--dump-dom", probed.as_uri()], tmp_path, "dom")
    match = re.search(r'<pre id="probe-results">(.*?)</pre>', proc.stdout, re.S)
    assert match, proc.stderr[-2000:]
    result = json.loads(html_unescape(match.group(1)))
    assert result["errors"] == []
    assert sorted(result["nodes"]) == ["afp_wire_putin_strikes.txt", "london_daily_reprint.txt", "moscow_times_reprint.txt"]
    assert result["styleBefore"] > 0 and result["styleAfter"] == 0
    assert result["scrollWidth"] <= result["innerWidth"]
    for width, name in ((1280, "report-1280.png"), (390, "report-390.png")):
        shot = tmp_path / name
        _run_chromium(exe, [f"--window-size={width},1800", f"--screenshot={shot}", "--hide-scrollbars", page.as_uri()],
                      tmp_path, name)
        assert shot.exists() and shot.stat().st_size > 10_000


def test_report_fits_a_phone_width(report, tmp_path):
    exe = _chromium()
    if exe is None:
        pytest.skip("no Chromium found (install Debian's chromium; .ci/run does)")
    probed = tmp_path / "probed.html"
    probed.write_text(report.replace("<head>", "<head>" + _PROBE, 1), encoding="utf-8")
    proc = _run_chromium(exe, ["--window-size=390,900", "--virtual-time-budget=5000", "--dump-dom", probed.as_uri()],
                         tmp_path, "phone")
    match = re.search(r'<pre id="probe-results">(.*?)</pre>', proc.stdout, re.S)
    assert match, proc.stderr[-2000:]
    result = json.loads(html_unescape(match.group(1)))
    assert result["scrollWidth"] <= result["innerWidth"], result


def html_unescape(text):
    import html

    return html.unescape(text)


def test_html_pages_give_the_same_story_as_the_text_files(examples_dir):
    from provenance.inputs import load_document

    def trace_of(paths):
        docs = [d for p in paths for d in load_document(p.name, p.read_bytes()).documents]
        return trace_documents(docs)

    def shape(trace):
        (story,) = trace.stories
        stem = lambda name: name.rsplit(".", 1)[0]  # noqa: E731
        edges = {(stem(e.parent), stem(e.child)) for e in story.tree}
        kinds = {stem(e.child): {x.kind for x in e.edits} for e in story.tree}
        return stem(story.source), edges, [stem(u) for u in trace.unrelated], kinds

    txt = shape(trace_of(sorted(examples_dir.glob("*.txt"))))
    html = shape(trace_of(sorted((examples_dir / "html").glob("*.html"))))
    assert html[:3] == txt[:3] == ("afp_wire_putin_strikes",
                                   {("afp_wire_putin_strikes", "moscow_times_reprint"),
                                    ("afp_wire_putin_strikes", "london_daily_reprint")},
                                   ["lavrov_unrelated"])
    for outlet, kinds in txt[3].items():
        # the extractor removes the page furniture; every other kind of edit is found in both
        assert kinds - {"boilerplate", "headline"} <= html[3][outlet], outlet

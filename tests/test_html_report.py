"""The HTML report: self-contained, escaped, complete, and working in a real (headless) Chromium."""

from __future__ import annotations

import html
import html.parser
import json
import re
import shutil
import subprocess
from pathlib import Path

import pytest

from provenance import make_document, trace_documents
from provenance.check.fidelity import check_reprint
from provenance.render.html import render_check_html, render_trace_html

SEEDS = ("afp_wire_putin_strikes", "moscow_times_reprint", "london_daily_reprint", "lavrov_unrelated")
REPO = Path(__file__).resolve().parent.parent
STORY_DOCS = ["afp_wire_putin_strikes.txt", "london_daily_reprint.txt", "moscow_times_reprint.txt"]


@pytest.fixture(scope="module")
def seed_docs(examples_dir):
    return [make_document(f"{n}.txt", (examples_dir / f"{n}.txt").read_text(encoding="utf-8")) for n in SEEDS]


@pytest.fixture(scope="module")
def seed_trace(seed_docs):
    return trace_documents(seed_docs)


@pytest.fixture(scope="module")
def report(seed_trace):
    return render_trace_html(seed_trace)


@pytest.fixture(scope="module")
def tampered(seed_docs):
    """The AFP text with one number changed (a substantive edit) and one spelling changed (style)."""
    afp = seed_docs[0]
    text = afp.text.replace("13,000", "31,000").replace("minimising", "minimizing")
    assert text.count("31,000") == 1
    return make_document("tampered.txt", text)


class _Elements(html.parser.HTMLParser):
    """Start tags and their attributes, in document order."""

    def __init__(self):
        super().__init__()
        self.tags, self.attrs, self.elements = [], [], []

    def handle_starttag(self, tag, attrs):
        self.tags.append(tag)
        self.attrs.extend(attrs)
        self.elements.append((tag, dict(attrs)))

    handle_startendtag = handle_starttag


def _parse(text):
    p = _Elements()
    p.feed(text)
    p.close()
    return p


# --- static checks --------------------------------------------------------------------------------

def test_report_is_self_contained(report):
    assert not re.search(r"""(src|href|xlink:href|action)\s*=\s*["']?\s*(https?:)?//""", report)
    assert "@import" not in report and "url(" not in report and "http://" not in report.split("<body>")[0]
    assert "default-src 'none'; style-src 'unsafe-inline'; script-src 'unsafe-inline'; img-src data:" in report
    p = _parse(report)
    assert p.tags.count("script") == 1 and p.tags.count("style") == 1
    assert not [a for t, a in p.elements if t in ("img", "link", "iframe", "object", "embed")]
    # every in-page link points at an element of the page
    ids = {a["id"] for _, a in p.elements if "id" in a}
    hrefs = [a["href"] for t, a in p.elements if t == "a" and "href" in a]
    assert hrefs and all(h.startswith("#") and h[1:] in ids for h in hrefs), hrefs


def test_one_section_per_story(seed_docs, examples_dir):
    lavrov = seed_docs[3]
    copy = make_document("lavrov_copy.txt", "Lavrov defends strikes\n\n"
                         + lavrov.text.replace("recognize", "recognise").replace("Kiev", "Kyiv"))
    trace = trace_documents([*seed_docs, copy])
    assert len(trace.stories) == 2 and not trace.unrelated
    page = render_trace_html(trace)
    assert page.count('<section class="story"') == 2 and 'id="unrelated"' not in page
    p = _parse(page)
    assert p.tags.count("svg") == 2
    for story in trace.stories:
        nodes = [a["data-doc"] for t, a in p.elements if t == "g" and "node" in a.get("class", "").split()
                 and a.get("data-doc") in story.documents]
        assert sorted(nodes) == sorted(story.documents)


def test_tree_has_one_node_per_document_with_labelled_edges(report, seed_trace):
    p = _parse(report)
    nodes = [(a["data-doc"], a["class"]) for t, a in p.elements if t == "g" and "node" in a.get("class", "").split()]
    assert sorted(d for d, _ in nodes) == STORY_DOCS
    assert ("afp_wire_putin_strikes.txt", "node source") in nodes
    svg = next(a for t, a in p.elements if t == "svg")
    assert re.fullmatch(r"0 0 \d+ \d+", svg["viewbox"])
    assert report.count('<g class="edge sev-') == report.count('<g class="edge-label">') == 2
    assert ">7 name exp, 6 title<" in report  # london's edge label: counts by kind, largest first
    assert ">7 punct, 3 abbrev<" in report  # moscow's


def test_evidence_legend_and_toggle(report, seed_trace):
    story = seed_trace.stories[0]
    assert f"Evidence for the source (confidence {story.confidence:.2f})" in report
    for reason in story.evidence:
        assert f"<li>{html.escape(reason)}</li>" in report
    assert 'class="legend"' in report and all(f'<span class="sev-{s}">{s}</span>' in report
                                              for s in ("style", "editorial", "substantive"))
    assert '<input type="checkbox" id="only-substantive"> Only substantive edits' in report


def test_side_by_side_edits_and_collapse(report):
    assert report.count('<table class="sbs"><tr class="head">') == 2
    assert re.search(r'<del class="edit kind-spelling sev-style" title="British to American spelling: [^"]*">'
                     r"minimising</del>", report)
    assert '<ins class="edit kind-spelling sev-style"' in report
    assert re.search(r"<summary>\d+ unchanged paragraphs</summary>", report)
    assert re.search(r"<summary>\d+ more added paragraphs</summary>", report)  # the Moscow Times footer folds


def test_moved_and_duplicated_paragraphs_link_to_their_origin(report, seed_docs):
    # the London Daily repeats the fourth paragraph as a pull quote: it links to the row of the original
    m = re.search(r'<a href="#(s1e\d-r(\d+))" class="from">original ↩</a>', report)
    assert m
    row = re.search(rf'<tr class="[^"]*" id="{m.group(1)}"><td class="p"[^>]*>([^<]*)', report)
    assert row and row.group(1).startswith("Moscow &quot;had long refrained")
    # a paragraph moved to the end links to the row before its old place
    afp = seed_docs[0]
    paras = afp.text.rstrip("\n").split("\n")
    k = next(n for n, p in enumerate(paras) if p.startswith("Russia's strikes have destroyed"))
    moved = make_document("moved.txt", "\n".join(paras[:k] + paras[k + 1:] + [paras[k]]) + "\n")
    page = render_check_html([check_reprint(afp, moved)])  # the direction is fixed: afp is the parent
    m = re.search(r'<a href="#(c1-r\d+)" class="from">came from here ↩</a>', page)
    assert m, "no link from the moved paragraph"
    row = re.search(rf'<tr class="[^"]*" id="{m.group(1)}"><td class="p"[^>]*>(.*?)</td>', page)
    assert row and html.unescape(re.sub(r"<[^>]+>", "", row.group(1))).startswith(paras[k - 1][:40])


def test_unrelated_documents_with_their_best_overlap(report, seed_trace):
    section = report.split('id="unrelated"')[1]
    figure = seed_trace.best_overlap["lavrov_unrelated.txt"]
    assert f"lavrov_unrelated.txt <span class=\"muted\">(best overlap with any other document {figure:.0%})" in section


def _assert_inert(page):
    p = _parse(page)
    assert p.tags.count("script") == 1, "only the page's own script"
    assert "img" not in p.tags
    assert not any(name.startswith("on") for name, _ in p.attrs)
    assert "alert(1)</script>" not in page and "<img" not in page


def test_hostile_text_is_inert(seed_docs):
    afp = seed_docs[0]
    evil = afp.text.replace("minimising", "minimising <script>alert(1)</script>").replace(
        "organisers", 'organisers "><img onerror=alert(2) src=x>').replace("13,000", "31,000 '><svg onload=alert(4)>")
    docs = [afp, make_document('x"><img src=x onerror=alert(3)>.txt', evil)]
    trace_page = render_trace_html(trace_documents(docs))
    check_page = render_check_html([check_reprint(afp, docs[1])])
    for page in (trace_page, check_page):
        _assert_inert(page)
        assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page
        assert "&quot;&gt;&lt;img onerror=alert(2) src=x&gt;" in page
    # the hostile id sits in the SVG's text, title and data-doc attribute, escaped
    assert 'data-doc="x&quot;&gt;&lt;img src=x onerror=alert(3)&gt;.txt"' in trace_page
    assert _parse(trace_page).tags.count("svg") == 1 and "svg" not in _parse(check_page).tags


def test_check_page_has_findings_first(seed_docs, tampered):
    afp, mt, lavrov = seed_docs[0], seed_docs[1], seed_docs[3]
    page = render_check_html([check_reprint(afp, mt), check_reprint(afp, tampered), check_reprint(afp, lavrov)])
    assert page.index('class="findings"') < page.index('class="sbs"')
    assert "1 of 3 reprint(s) passed" in page
    row = re.search(r'<tr class="finding"><td class="action fail">FAIL</td><td class="rule">number</td><td class="lines">(\d+) / (\d+)'
                    r'</td><td class="src" dir="auto"><q class="src">13,000</q></td><td class="rep" dir="auto"><q class="rep">31,000</q>'
                    r'</td><td>[^<]*<a href="#(c2-r\d+)">show</a>', page)
    assert row, "the number finding with its lines, texts and a link to its row"
    assert row.group(1) == row.group(2) == str(afp.line_of(afp.text.index("13,000")))
    assert f'id="{row.group(3)}"' in page
    assert '<td class="rule">unrelated</td>' in page and "No side-by-side view: it shares no wire text" in page
    assert page.count('<table class="sbs"><tr class="head">') == 2


# --- in a real browser ----------------------------------------------------------------------------

_PROBE = """<script>
window.__errors = [];
window.addEventListener('error', function (e) { window.__errors.push('error: ' + (e.message || (e.target && e.target.outerHTML))); }, true);
document.addEventListener('securitypolicyviolation', function (e) { window.__errors.push('csp: ' + e.violatedDirective + ' ' + e.blockedURI); });
var _ce = console.error; console.error = function () { window.__errors.push('console: ' + [].join.call(arguments, ' ')); _ce.apply(console, arguments); };
window.addEventListener('load', function () {
  function shown(el) { return el.getClientRects().length > 0; }
  function highlighted(sel) {
    var n = 0;
    document.querySelectorAll(sel).forEach(function (el) {
      if (shown(el) && getComputedStyle(el).backgroundColor !== 'rgba(0, 0, 0, 0)') n++;
    });
    return n;
  }
  function state() {
    return {style: highlighted('.edit.sev-style'), editorial: highlighted('.edit.sev-editorial'),
            substantive: highlighted('.edit.sev-substantive'),
            rows: Array.prototype.filter.call(document.querySelectorAll('table.sbs tr'), shown).length};
  }
  var before = state();
  document.getElementById('only-substantive').click();
  var after = state();
  document.querySelectorAll('details').forEach(function (d) { d.open = true; });  // the widest the page gets
  var nodes = Array.prototype.map.call(document.querySelectorAll('svg g.node'), function (g) { return g.getAttribute('data-doc'); });
  var pre = document.createElement('pre'); pre.id = 'probe-results';
  pre.textContent = JSON.stringify({errors: window.__errors, nodes: nodes, before: before, after: after,
                                    checked: document.body.classList.contains('only-substantive'),
                                    scrollWidth: document.documentElement.scrollWidth, innerWidth: window.innerWidth});
  document.body.appendChild(pre);
});
</script>"""


def _chromium():
    return shutil.which("chromium") or shutil.which("chromium-browser") or shutil.which("google-chrome")


def _run_chromium(exe, args, tmp_path, name):
    profile = tmp_path / f"profile-{name}"  # a fresh profile for every run
    cmd = [exe, "--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--no-first-run",
           "--disable-component-update", "--disable-sync", "--disable-quic", "--enable-logging=stderr", "--v=0",
           f"--user-data-dir={profile}", *args]
    return subprocess.run(cmd, capture_output=True, text=True, timeout=120)


def _probe(exe, page: str, tmp_path, name: str, width: int) -> dict:
    """Load ``page`` with the probe script and return what it measured (after clicking the toggle)."""
    assert page.count("<style>") == 1
    probed = tmp_path / f"{name}.html"
    probed.write_text(page.replace("<style>", _PROBE + "<style>", 1), encoding="utf-8")
    proc = _run_chromium(exe, [f"--window-size={width},1000", "--virtual-time-budget=5000", "--dump-dom",
                               probed.as_uri()], tmp_path, name)
    match = re.search(r'<pre id="probe-results">(.*?)</pre>', proc.stdout, re.S)
    assert match, proc.stderr[-3000:]
    console = [line for line in proc.stderr.splitlines() if "CONSOLE" in line]
    result = json.loads(html.unescape(match.group(1)))
    result["console"] = console
    return result


def _needs_chromium():
    exe = _chromium()
    if exe is None:
        pytest.skip("no Chromium binary found (chromium, chromium-browser or google-chrome on PATH); "
                    "install Debian's chromium to run the browser tests")
    return exe


@pytest.mark.parametrize("width", [1280, 390])
def test_report_in_headless_chromium(report, tmp_path, width, request):
    exe = _needs_chromium()
    result = _probe(exe, report, tmp_path, f"trace-{width}", width)
    assert result["errors"] == [] and result["console"] == [], result
    assert sorted(result["nodes"]) == STORY_DOCS  # one SVG node per document of the story
    before, after = result["before"], result["after"]
    assert result["checked"]
    assert before["style"] > 0 and before["editorial"] > 0 and after["style"] == after["editorial"] == 0, result
    assert after["rows"] < before["rows"]  # rows with only style or editorial edits are hidden
    assert result["scrollWidth"] <= result["innerWidth"], result  # no horizontal scrolling, details open

    page = tmp_path / "report.html"
    page.write_text(report, encoding="utf-8")
    shot = tmp_path / f"report-{width}.png"
    _run_chromium(exe, [f"--window-size={width},2000", f"--screenshot={shot}", "--hide-scrollbars", page.as_uri()],
                  tmp_path, f"shot-{width}")
    assert shot.exists() and shot.stat().st_size > 10_000
    if width == 1280 and request.config.getoption("--update-golden"):
        shutil.copyfile(shot, REPO / "docs" / "report-screenshot.png")


def test_check_report_in_headless_chromium(seed_docs, tampered, tmp_path):
    exe = _needs_chromium()
    afp, mt = seed_docs[0], seed_docs[1]
    page = render_check_html([check_reprint(afp, mt), check_reprint(afp, tampered)])
    result = _probe(exe, page, tmp_path, "check", 390)
    assert result["errors"] == [] and result["console"] == [], result
    before, after = result["before"], result["after"]
    assert before["style"] > 0 and after["style"] == 0
    assert before["substantive"] == after["substantive"] > 0  # the changed number stays highlighted
    assert result["scrollWidth"] <= result["innerWidth"], result


def test_html_pages_give_the_same_story_as_the_text_files(examples_dir):
    from provenance.inputs.formats import load_document

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
    html_shape = shape(trace_of(sorted((examples_dir / "html").glob("*.html"))))
    assert html_shape[:3] == txt[:3] == ("afp_wire_putin_strikes",
                                         {("afp_wire_putin_strikes", "moscow_times_reprint"),
                                          ("afp_wire_putin_strikes", "london_daily_reprint")},
                                         ["lavrov_unrelated"])
    for outlet, kinds in txt[3].items():
        # the extractor removes the page furniture; every other kind of edit is found in both
        assert kinds - {"boilerplate", "headline"} <= html_shape[3][outlet], outlet


_HOSTILE = ("Officials said \x1b]0;PWNED\x07 on Monday \x1b[31mthat\x1b[0m 12 people were hurt in the "
            "blast \u202eevil\u202c near the station, the ministry said in a statement.")


@pytest.mark.parametrize("render", ["trace", "check"])
def test_control_and_bidi_override_characters_never_reach_the_page(render):
    """Article text and document ids with terminal escapes (a title-setting OSC, colours) and bidi
    overrides: the page shows them as U+FFFD, in text and in attributes alike."""
    source = make_document("src \x1b]0;OWNED\x07 \u202eevil.txt", _HOSTILE)
    copy = make_document("copy.txt", _HOSTILE.replace("12", "13") + "\n\nAdded paragraph \x1b[2J here.")
    page = (render_trace_html(trace_documents([source, copy])) if render == "trace"
            else render_check_html([check_reprint(source, copy)]))
    assert not re.search("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]", page)
    assert "\ufffd" in page


def test_text_cells_take_their_direction_from_their_content(seed_trace):
    page = render_trace_html(seed_trace)
    assert '<td class="p" dir="auto">' in page and '<td class="c" dir="auto">' in page


def test_an_undecided_story_gives_no_source_confidence():
    # two versions without dates: no source is named, so the evidence heading must not show the
    # best root's weight as the confidence of a source (stop 27's review)
    from provenance import make_document, trace_documents
    from provenance.render.html import render_trace_html

    a = "The council met on Monday. It approved the budget for the new school in the north district."
    b = a + " The mayor said work would start in May and cost about four million."
    trace = trace_documents([make_document("x", a), make_document("y", b)], versions=True)
    story, = trace.stories
    assert story.source is None
    page = render_trace_html(trace)
    assert "Evidence (no source named)" in page and "Evidence for the source" not in page

"""Terminal renderings: lines fit the width (display width, CJK included), notes wrap instead of being
cut, kind counts add up, the unified view keeps glued tokens glued (issue 11, items 12-15)."""

from __future__ import annotations

import re

import pytest
from click.testing import CliRunner
from hypothesis import given, settings
from hypothesis import strategies as st

from provenance.cli import cli
from provenance.inputs.documents import make_document
from provenance.model import EDIT_KINDS, SEVERITIES, Alignment, Edge, Edit
from provenance.render.text import display_width, kind_counts, render_summary, render_variant_table, wrap_plain

AFP, MT, LD = "afp_wire_putin_strikes.txt", "moscow_times_reprint.txt", "london_daily_reprint.txt"
_ANSI = re.compile(r"\x1b\[[0-9;]*m")


@pytest.fixture
def run(examples_dir, monkeypatch):
    monkeypatch.chdir(examples_dir)

    def invoke(*args):
        result = CliRunner().invoke(cli, list(args), catch_exceptions=False)
        assert result.exit_code == 0, result.output
        return result.output

    return invoke


def _too_wide(output: str, width: int) -> list[str]:
    return [ln for ln in output.splitlines() if display_width(_ANSI.sub("", ln)) > width]


@pytest.mark.parametrize("width", [40, 45, 50])
def test_side_by_side_fits_narrow_widths(run, width):
    out = run("trace", AFP, MT, "--width", str(width), "--color", "never")
    assert _too_wide(out, width) == []


@pytest.mark.parametrize("width", [40, 50])
def test_tree_and_summaries_fit_narrow_widths(run, width):
    out = run("trace", AFP, MT, LD, "--width", str(width), "--color", "never")
    assert _too_wide(out, width) == []


def test_notes_wrap_instead_of_being_cut(run):
    for width in ("80", "110"):
        out = run("trace", AFP, MT, "--width", width, "--color", "never")
        assert not re.search(r"[^)]…$", out, re.M)  # no line ends in a cut (only "…(N words)…" elisions)
        right = [ln.split(" │ ", 1)[1] for ln in out.splitlines() if " │ " in ln]
        flat = " ".join(" ".join(right).split())
        assert "agency dateline removed: “Moscow (AFP) -”" in flat
        assert "page furniture: “Valery Sharifulin / TASS / Kremlin”" in flat


def _tree_counts(line_text: str) -> tuple[int, int]:
    m = re.search(r"(\d+) edits: ([^)]*)\)", line_text)
    total = int(m.group(1))
    listed = sum(int(n) for n in re.findall(r"(\d+) [a-z_]+", m.group(2)))
    more = re.search(r"and (\d+) more", m.group(2))
    return total, listed + (int(more.group(1)) if more else 0)


def test_tree_line_kind_counts_add_up(run):
    out = run("trace", AFP, MT, LD, "--width", "1000", "--color", "never")
    tree = [ln for ln in out.splitlines() if "edits:" in ln and ("├──" in ln or "└──" in ln)]
    assert len(tree) == 2
    for ln in tree:
        total, counted = _tree_counts(ln)
        assert total == counted == 21, ln


def test_dot_labels_count_every_edit(run):
    out = run("trace", AFP, MT, LD, "--format", "dot")
    labels = re.findall(r'-> "[^"]+" \[label="([^"]*)"\]', out)
    assert len(labels) == 2
    for label in labels:
        assert sum(int(n) for n in re.findall(r"\\n(\d+) ", label)) == 21, label


def test_html_edge_labels_say_what_is_left(run):
    out = run("trace", AFP, MT, LD, "--format", "html")
    for label in re.findall(r'<g class="edge-label">.*?</g>', out):
        spans = re.findall(r"<tspan[^>]*>([^<]*)</tspan>", label)
        text = ", ".join(spans)
        assert "…" not in text
        assert sum(int(n) for n in re.findall(r"(?:^|, |and )(\d+) ", text)) == 21, text


class _E:
    def __init__(self, kind):
        self.kind = kind


@given(st.lists(st.sampled_from("abcdefghij"), max_size=40), st.one_of(st.none(), st.integers(0, 8)))
def test_kind_counts_add_up(kinds, limit):
    parts = kind_counts([_E(k) for k in kinds], limit)
    assert sum(int(p.split()[0] if p[0].isdigit() else p.split()[1]) for p in parts) == len(kinds)
    assert limit is None or len(parts) <= limit + 1


@settings(max_examples=200, deadline=None)
@given(st.text(st.sampled_from("ab 中文字、。 ,\n"), max_size=200), st.integers(2, 30),
       st.sampled_from(["", "  ", "│   "]))
def test_wrap_plain_fits_and_keeps_every_word(text, width, indent):
    lines = wrap_plain(text, width, indent=indent)
    if width >= display_width(indent) + 2:  # room for one wide character
        assert all(display_width(ln) <= width for ln in lines), lines
    assert "".join("".join(ln[len(indent):] if k else ln for k, ln in enumerate(lines)).split()) == "".join(text.split())


_ZH_WIRE = (
    "新华社北京12月2日电 国务院总理今天在北京会见来访的外国代表团，双方就经济合作、气候变化和地区安全等问题深入交换了意见。\n"
    "双方同意进一步加强在贸易、投资、科技和人文领域的交流与合作，推动两国关系持续健康稳定发展。\n"
    "会见结束后，双方共同出席了多项合作文件的签字仪式，涉及能源、交通、农业和教育等领域。\n"
)
_ZH_COPY = (
    "国务院总理今天在北京会见来访的外国代表团，双方就经济合作、气候变化和地区安全等重要问题深入交换了意见。\n"
    "双方同意进一步加强在贸易、投资、科技和人文领域的交流与合作，推动两国关系持续健康稳定发展。\n"
    "会见结束后，双方共同出席了多项合作文件的签字仪式。\n"
)


@pytest.mark.parametrize("fmt", ["side-by-side", "unified"])
@pytest.mark.parametrize("width", [40, 50, 80])
def test_chinese_lines_fit_by_display_width(tmp_path, monkeypatch, fmt, width):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "wire.txt").write_text(_ZH_WIRE, encoding="utf-8")
    (tmp_path / "copy.txt").write_text(_ZH_COPY, encoding="utf-8")
    result = CliRunner().invoke(cli, ["trace", "wire.txt", "copy.txt", "--format", fmt, "--width", str(width),
                                      "--color", "never"], catch_exceptions=False)
    assert result.exit_code == 0, result.output
    if fmt == "unified":  # no width: only the text must survive whole
        assert "双方同意进一步加强" in result.output
        return
    assert _too_wide(result.output, width) == []
    columns = [ln for ln in result.output.splitlines() if " │ " in ln and "↳" not in ln]
    assert columns, result.output
    bar_at = {display_width(ln[: ln.index(" │ ")]) for ln in columns}
    assert len(bar_at) == 1, bar_at  # the divider sits in one column: padding counts display width
    body = "".join("".join(ln.split(" │ ", 1)[1].split()) for ln in columns)
    assert "推动两国关系持续健康稳定发展" in body.replace("{+", "").replace("+}", "")


def test_unified_keeps_glued_punctuation(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "wire.txt").write_text(
        "The festival drew large crowds, officials said on Sunday.\n"
        "Tickets sold out within hours, the ticketing office said.\n", encoding="utf-8")
    (tmp_path / "copy.txt").write_text(
        "The festival drew large crowds and organizers, officials said on Sunday.\n"
        "Tickets sold out within hours, the ticketing office said.\n", encoding="utf-8")
    result = CliRunner().invoke(cli, ["trace", "wire.txt", "copy.txt", "--format", "unified"],
                                catch_exceptions=False)
    assert result.exit_code == 0, result.output
    # either document may be named the source: the change is an insertion or a deletion
    assert re.search(r"crowds (\{\+and organizers\+\}|\[-and organizers-\]),", result.output), result.output
    assert re.search(r"[+-][}\]] [,.;:]", result.output) is None, result.output
    assert "{++}" not in result.output and "[--]" not in result.output


_KIND_ROWS = st.dictionaries(st.sampled_from(sorted(EDIT_KINDS)), st.integers(1, 12_000), min_size=1)


@settings(max_examples=60, deadline=None, derandomize=True)
@given(_KIND_ROWS)
def test_summary_table_is_what_tabulate_writes(counts):
    """The summary's kind table is written without tabulate (start-up time); it must stay byte for byte
    the table tabulate writes for the same rows."""
    tabulate = pytest.importorskip("tabulate").tabulate
    doc = make_document("d.txt", "One paragraph.\n")
    al = Alignment(doc, doc, ())
    edits = tuple(Edit(kind, EDIT_KINDS[kind], (0, 0), (0, 0), "", "", "a note")
                  for kind, n in counts.items() for _ in range(n))
    edge = Edge("a", "b", 1.0, 1.0, "wholly", "light", al, edits)
    rows = [(k, EDIT_KINDS[k], counts[k]) for sev in SEVERITIES for k in EDIT_KINDS
            if EDIT_KINDS[k] == sev and k in counts]
    expected = tabulate(rows, headers=["kind", "severity", "count"], tablefmt="simple")
    lines = render_summary(edge).splitlines()
    assert "\n".join(lines[1 : 3 + len(rows)]) == expected


def test_variant_table_cells_are_cut_with_an_ellipsis():
    from provenance.lineage.variants import VariantLocation, VariantTable

    long = "word " * 40
    table = VariantTable("a", ("a", "b"), (VariantLocation(0, 1, (("a", "short reading"), ("b", long))),))
    rows = render_variant_table(table, width=40).splitlines()
    # a 40-column table of two documents has cells of 14 characters: the long reading is cut to 13 and "…"
    assert rows[2].split("  ")[-1] == "word word wor…" and "short reading" in rows[2]


def test_the_trace_renderers_load_no_tabulate():
    """tabulate (with wcwidth) cost more start-up time than the rest of the renderer: the views on the
    ``trace`` path (side-by-side, unified, summary, HTML) must not import it; only the variant table does."""
    import subprocess
    import sys

    code = ("import sys, provenance.render.text, provenance.render.html, provenance.render.rows; "
            "print('tabulate' in sys.modules, 'wcwidth' in sys.modules)")
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert done.stdout.split() == ["False", "False"]


def test_variant_table_headers_fit_their_cells():
    """Long paths sharing a directory: the directory is said once above the table, each column is
    headed by the rest, and a header too long for its cell keeps its end (where names differ)."""
    from provenance.lineage.variants import VariantLocation, VariantTable

    ids = ("data/history/Adventures of Huckleberry Finn/0.txt", "data/history/Adventures of Huckleberry Finn/1.txt",
           "data/history/Adventures of Huckleberry Finn/a rather long version name.txt")
    table = VariantTable(ids[0], ids, (VariantLocation(0, 1, tuple((d, f"reading {k}") for k, d in enumerate(ids))),))
    out = render_variant_table(table, width=60)
    lines = out.splitlines()
    assert lines[0] == "(documents under data/history/Adventures of Huckleberry Finn/)"
    assert lines[1].split()[:3] == ["#", "0.txt", "1.txt"] and lines[1].endswith("name.txt") and "…" in lines[1]
    assert max(len(line) for line in lines[1:]) <= 60
    # names with no directory in common keep their whole names, without the line above
    plain = render_variant_table(VariantTable("a.txt", ("a.txt", "b.txt"), (VariantLocation(0, 1, (("a.txt", "x"), ("b.txt", "y"))),)))
    assert plain.splitlines()[0].split() == ["#", "a.txt", "b.txt"]


@pytest.mark.parametrize("fmt", ["table", "dot"])
def test_a_hostile_file_name_is_made_safe_in_table_and_dot(tmp_path, examples_dir, fmt, monkeypatch):
    """A file name with a title-setting escape and a bidi override: the table's story line and the
    DOT labels show U+FFFD (Graphviz copies labels into its SVG, a terminal shows the table)."""
    monkeypatch.chdir(tmp_path)
    name = "src \x1b]0;OWNED\x07 \u202eevil.txt"
    (tmp_path / name).write_bytes((examples_dir / "afp_wire_putin_strikes.txt").read_bytes())
    (tmp_path / "copy.txt").write_bytes((examples_dir / "moscow_times_reprint.txt").read_bytes())
    result = CliRunner().invoke(cli, ["trace", name, "copy.txt", "-f", fmt, "--color", "never"])
    assert result.exit_code == 0, result.output
    assert "\x1b" not in result.output and "\x07" not in result.output and "\u202e" not in result.output
    assert "src \ufffd]0;OWNED\ufffd \ufffdevil.txt" in result.output


@pytest.mark.parametrize("text, cols", [("👨\u200d👩\u200d👧\u200d👦", 2), ("🏳\ufe0f\u200d🌈", 2), ("🗞\ufe0f", 2), ("한국어", 6), ("é", 1)])
def test_emoji_sequences_and_wide_letters_take_the_columns_a_terminal_draws(text, cols):
    assert display_width(text) == cols


def test_a_line_is_never_cut_inside_an_emoji_sequence():
    family = "👨\u200d👩\u200d👧\u200d👦"
    lines = wrap_plain(family * 6, 5)
    assert all(display_width(ln) <= 5 for ln in lines)
    assert "".join(lines) == family * 6 and all(ln.startswith("👨") for ln in lines)


def test_variant_table_cells_fit_their_columns_in_display_width():
    from provenance import make_document, trace_documents
    from provenance.lineage.story import story_variant_table

    src = make_document("src.txt", "서울 (연합뉴스) 한국은행은 목요일 기준금리를 3.5%로 동결한다고 발표했다. 이창용 총재는 물가 상승률이 여전히 높다고 말했다.")
    rep = make_document("rep.txt", "서울 (연합뉴스) 한국은행은 목요일 기준금리를 3.75%로 인상한다고 발표했다. 이창용 총재는 물가 상승률이 매우 높다고 말했다.")
    trace = trace_documents([src, rep])
    table = render_variant_table(story_variant_table(trace, trace.stories[0]), 40)
    assert max(display_width(ln) for ln in table.splitlines()) <= 40


def test_a_file_name_with_a_newline_keeps_the_unified_header_one_line(examples_dir, tmp_path, monkeypatch):
    """A newline in a file name would split the ``+++`` header in two (a diff reader then takes the
    rest of the name for a line of the diff); it is shown as U+FFFD, as other controls are."""
    monkeypatch.chdir(tmp_path)
    (tmp_path / "re\nprint.txt").write_bytes((examples_dir / "moscow_times_reprint.txt").read_bytes())
    (tmp_path / "wire.txt").write_bytes((examples_dir / "afp_wire_putin_strikes.txt").read_bytes())
    result = CliRunner().invoke(cli, ["trace", "wire.txt", "re\nprint.txt", "-f", "unified", "--color", "never"])
    assert result.exit_code == 0, result.output
    lines = result.output.splitlines()
    assert lines[:2] == ["--- wire.txt", "+++ re\ufffdprint.txt"]


def test_cluster_and_index_tables_keep_one_row_per_outlet_and_document():
    """Archive ids and outlets come from JSON records and may hold line breaks and escapes: each stays
    one table row (the line break and the escape shown as U+FFFD)."""
    from types import SimpleNamespace

    from provenance.render.cluster_summary import ClusterSummary, render_cluster_summary
    from provenance.render.index_report import render_query_table

    summary = ClusterSummary()
    summary.add(SimpleNamespace(story={"documents": ["a", "b"]}, reprints=(("Daily\nTimes\x1b[31m", True),)))
    out = render_cluster_summary(summary)
    assert "\x1b" not in out and "Daily\ufffdTimes\ufffd[31m" in out
    assert not any(line.startswith("Times") for line in out.splitlines())
    hit = SimpleNamespace(id="doc\u2028one", outlet="Out\nlet", date="2024-01-02", shared_query=0.5,
                          shared_document=0.4, derived="partially")
    table = render_query_table([hit], "query\nname")
    assert len(table.splitlines()) == 3 and "doc\ufffdone" in table and "Out\ufffdlet" in table
    assert render_query_table([], "query\nname") == "no indexed document shares wire text with query\ufffdname"


def test_dot_labels_an_identical_copy_as_such(tmp_path, examples_dir):
    # stop 26's review: an identical copy's edge read "wholly, verbatim\n" with an empty second line
    from provenance import make_document, trace_documents
    from provenance.render.dot import render_dot

    text = (examples_dir / AFP).read_text(encoding="utf-8")
    trace = trace_documents([make_document("a1.txt", text), make_document("a2.txt", text),
                             make_document("mt.txt", (examples_dir / MT).read_text(encoding="utf-8"))])
    out = render_dot(trace)
    assert '"a1.txt" -> "a2.txt" [label="identical text"]' in out or '"a2.txt" -> "a1.txt" [label="identical text"]' in out
    assert '\\n"' not in out  # no label ends in an empty line


def test_the_variant_table_says_what_it_leaves_out():
    """A cut tail and an added paragraph are no word-level readings: the table left them out without a
    word (a reviewer read "one row" as "nothing else changed")."""
    from provenance import make_document, trace_documents
    from provenance.lineage.story import story_variant_table

    paras = [f"Paragraph {k} of the story says something new about the talks in Geneva on day {k}." for k in range(8)]
    wire = "\n\n".join(paras) + "\n"
    cut = "\n\n".join(paras[:4]) + "\n"
    added = wire + "\nAn outlet's own closing paragraph that the wire never had, long enough to be a passage of its own.\n"
    trace = trace_documents([make_document("wire.txt", wire), make_document("cut.txt", cut),
                             make_document("added.txt", added)])
    table = story_variant_table(trace, trace.stories[0])
    assert sum(n for _, n in table.passages_left_out) == 2
    out = render_variant_table(table, 60)
    assert "2 longer passages" in out and all(display_width(line) <= 60 for line in out.splitlines())

"""CLI behaviour: exit codes, one-line errors, output formats, golden side-by-side view."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest
from click.testing import CliRunner

from provenance.cli import cli

AFP = "afp_wire_putin_strikes.txt"
MT = "moscow_times_reprint.txt"
LD = "london_daily_reprint.txt"
LAVROV = "lavrov_unrelated.txt"


@pytest.fixture
def run(examples_dir, monkeypatch):
    monkeypatch.chdir(examples_dir)

    def invoke(*args, input=None):
        return CliRunner().invoke(cli, list(args), input=input, catch_exceptions=False)

    return invoke


def _one_line_error(result, fragment: str):
    assert result.exit_code == 2, result.output
    lines = [ln for ln in result.output.splitlines() if ln.strip()]
    assert len(lines) == 1, result.output
    assert lines[0].startswith("provenance: error:") and fragment in lines[0], lines[0]
    assert "Traceback" not in result.output


def test_missing_file(run):
    _one_line_error(run("trace", AFP, "nope.txt"), "nope.txt: no such file")


def test_directory(run, examples_dir):
    _one_line_error(run("trace", AFP, str(examples_dir)), "is a directory")


def test_binary_file(run, tmp_path):
    path = tmp_path / "image.txt"
    path.write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 4)
    _one_line_error(run("trace", AFP, str(path)), "binary")


def test_empty_file(run, tmp_path):
    path = tmp_path / "empty.txt"
    path.write_bytes(b"  \n\n")
    _one_line_error(run("trace", AFP, str(path)), "empty")


def test_unknown_format(run):
    _one_line_error(run("trace", AFP, MT, "--format", "pdf"), "pdf")


def test_unknown_kind(run):
    _one_line_error(run("trace", AFP, MT, "--kinds", "spelling,nonsense"), "nonsense")


def test_bad_date(run):
    _one_line_error(run("trace", AFP, MT, "--date", f"{AFP}=yesterday"), "YYYY-MM-DD")


def test_two_dates_for_one_file(run):
    """The second date silently won; the same date twice is no conflict."""
    _one_line_error(run("trace", AFP, MT, "--date", f"{AFP}=2022-10-10", "--date", f"{AFP}=2022-10-11"), "two dates")
    assert run("trace", AFP, MT, "--date", f"{AFP}=2022-10-10", "--date", f"{AFP}=2022-10-10").exit_code == 0


def test_huge_file(run, tmp_path):
    path = tmp_path / "huge.txt"
    path.write_bytes(b"word " * (2 * 2**20 // 5 + 10))
    _one_line_error(run("trace", AFP, str(path), "--max-size", "1"), "limit")


def test_no_arguments(run):
    result = run("trace")
    assert result.exit_code == 2


def test_non_utf8_warns_and_traces(run, tmp_path, examples_dir):
    text = (examples_dir / AFP).read_text(encoding="utf-8").replace("minimising", "minimisíng")
    path = tmp_path / "latin.txt"
    path.write_bytes(text.encode("cp1252"))
    result = CliRunner(mix_stderr=False).invoke(cli, ["trace", AFP, str(path), "--format", "json"]) if "mix_stderr" in CliRunner.__init__.__code__.co_varnames else run("trace", AFP, str(path), "--format", "json")
    assert result.exit_code == 0
    assert "not valid UTF-8" in (getattr(result, "stderr", "") or result.output)


def test_repetitive_text_finishes(run, tmp_path):
    a = tmp_path / "a.txt"
    b = tmp_path / "b.txt"
    a.write_text("the " * 200_000)
    b.write_text("the " * 100_000 + "cat " + "the " * 99_000)
    result = run("trace", str(a), str(b), "--format", "json")
    assert result.exit_code == 0
    data = json.loads(result.output)
    assert data["stories"] and data["stories"][0]["tree"][0]["shared_parent"] > 0.99


def test_stdin(run, examples_dir):
    text = (examples_dir / MT).read_text(encoding="utf-8")
    result = run("trace", AFP, "-", "--format", "json", input=text)
    assert result.exit_code == 0, result.output
    data = json.loads(result.output)
    assert [d["id"] for d in data["documents"]] == [AFP, "-"]
    assert data["stories"][0]["source"] == AFP


@pytest.mark.parametrize("command", [("trace", "-", "-"), ("check", "-", "-"), ("check", "-", AFP, "-")])
def test_stdin_given_twice_is_a_usage_error(run, examples_dir, command):
    result = run(*command, input=(examples_dir / AFP).read_text(encoding="utf-8"))
    assert result.exit_code == 2
    assert "standard input given twice" in result.output


def test_json_schema_two_documents(run, examples_dir):
    result = run("trace", MT, AFP, "--format", "json")
    assert result.exit_code == 0
    data = json.loads(result.output)
    assert data["schema"] == "provenance/trace-v1"
    (story,) = data["stories"]
    assert story["source"] == AFP
    (edge,) = story["tree"]
    assert (edge["parent"], edge["child"]) == (AFP, MT)
    assert edge["shared_parent"] > 0.95
    texts = {d: (examples_dir / d).read_text(encoding="utf-8") for d in (AFP, MT)}
    for e in edge["edits"]:
        assert set(e) == {"kind", "severity", "parent_span", "child_span", "parent_text", "child_text", "note",
                          "direction", "change", "removed", "added"}
        s, t = e["parent_span"]
        assert texts[AFP][s:t] == e["parent_text"]
        s, t = e["child_span"]
        assert texts[MT][s:t] == e["child_text"]


def test_side_by_side_golden(run, golden):
    result = run("trace", AFP, MT, "--width", "120", "--color", "never")
    assert result.exit_code == 0
    out = result.output
    for needle in ("[-Moscow (AFP) --]", "[-minimising-]", "{+minimizing+}", "[-February-]", "{+Feb.+}",
                   "Support The Moscow Times!", "Sign up for our free weekly newsletter",
                   "of moscow_times_reprint.txt is text from", "98% of afp_wire_putin_strikes.txt is kept"):
        assert needle in out, needle
    assert all(len(line) <= 120 for line in out.splitlines() if "│" in line or "┼" in line)
    golden("trace_afp_moscow_times.txt", out)


def test_color_always_and_never(run):
    colored = run("trace", AFP, MT, "--color", "always").output
    plain = run("trace", AFP, MT, "--color", "never").output
    assert "\x1b[" in colored and "\x1b[" not in plain


def test_control_characters_are_escaped(run, tmp_path, examples_dir):
    text = (examples_dir / AFP).read_text(encoding="utf-8")
    evil = tmp_path / "evil.txt"
    evil.write_text(text.replace("minimising", "minimising\x1b]0;pwned\x07\x1b[2J"), encoding="utf-8")
    out = run("trace", AFP, str(evil), "--color", "never").output
    assert "\x1b" not in out and "\x07" not in out


def test_the_arabic_letter_mark_and_line_separators_do_not_reach_the_terminal(run, tmp_path, examples_dir):
    # stop 26's review: U+061C (a bidi control like RLM) and U+2028/U+2029 came through in edit notes
    text = (examples_dir / AFP).read_text(encoding="utf-8")
    evil = tmp_path / "evil.txt"
    evil.write_text(text.replace("minimising", "minimi\u061csing\u2028more\u2029text"), encoding="utf-8")
    for fmt in ("text", "table"):
        out = run("trace", AFP, str(evil), "--color", "never", "-f", fmt).output
        assert "\u061c" not in out and "\u2028" not in out and "\u2029" not in out, fmt
    out = run("check", AFP, str(evil), "--color", "never").output
    assert "\u061c" not in out and "\u2028" not in out


def test_unified(run):
    result = run("trace", AFP, MT, "--format", "unified")
    assert result.exit_code == 0
    assert f"--- {AFP}" in result.output and "[-minimising-]" in result.output and "{+minimizing+}" in result.output


def test_kinds_filter(run):
    result = run("trace", AFP, MT, "--format", "json", "--kinds", "spelling")
    kinds = {e["kind"] for e in json.loads(result.output)["stories"][0]["tree"][0]["edits"]}
    assert kinds == {"spelling"}


def test_many_documents_tree_and_unrelated(run):
    result = run("trace", LAVROV, LD, MT, AFP, "--color", "never")
    assert result.exit_code == 0
    out = result.output
    assert f"{AFP}  [source" in out
    assert f"├── {MT}" in out or f"└── {MT}" in out
    assert "unrelated (no shared wire text):" in out and LAVROV in out.split("unrelated (no shared wire text):")[-1]
    evidence = out.split("evidence:")[1].split("\n\n")[0]
    assert "agency dateline 'Moscow (AFP) -'" in evidence and "containment:" in evidence


def test_table_and_dot(run):
    table = run("trace", AFP, MT, LD, "--format", "table")
    assert table.exit_code == 0 and "minimising" in table.output
    dot = run("trace", AFP, MT, LD, LAVROV, "--format", "dot")
    assert dot.output.startswith("digraph provenance {") and f'"{AFP}" -> "{MT}"' in dot.output


def test_output_file_is_written_atomically(run, tmp_path):
    target = tmp_path / "out.json"
    result = run("trace", AFP, MT, "--format", "json", "-o", str(target))
    assert result.exit_code == 0 and result.output == ""
    assert json.loads(target.read_text())["schema"] == "provenance/trace-v1"
    assert [p.name for p in tmp_path.iterdir()] == ["out.json"]


def test_python_dash_m(examples_dir):
    proc = subprocess.run([sys.executable, "-m", "provenance", "trace", str(examples_dir / AFP), "missing.txt"],
                          capture_output=True, text=True)
    assert proc.returncode == 2 and proc.stderr.strip() == "provenance: error: missing.txt: no such file"


def test_every_command_has_help_and_is_in_readme():
    from pathlib import Path

    readme = (Path(__file__).resolve().parent.parent / "README.md").read_text(encoding="utf-8")
    for name, command in cli.commands.items():
        assert command.help, name
        assert f"provenance {name}" in readme, f"`provenance {name}` is not documented in README.md"


def test_cluster_of_an_index_and_articles_is_a_usage_error(tmp_path, examples_dir):
    db = tmp_path / "z.db"
    assert CliRunner().invoke(cli, ["index", "add", str(db), str(examples_dir / "afp_wire_putin_strikes.txt")]).exit_code == 0
    result = CliRunner().invoke(cli, ["cluster", str(db), str(examples_dir / "lavrov_unrelated.txt")])
    assert result.exit_code == 2 and "is an index: give it alone" in result.output

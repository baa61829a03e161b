"""`provenance index` and `provenance cluster` through the CLI, locally and on a Dask LocalCluster."""

from __future__ import annotations

import json
import shutil

import pytest
from click.testing import CliRunner

from provenance.cli import cli
from provenance.archive.cluster import connected_clusters


@pytest.fixture
def corpus(tmp_path, examples_dir):
    src = tmp_path / "articles"
    src.mkdir()
    for p in examples_dir.glob("*.txt"):
        shutil.copy(p, src / p.name)
    # a reprint of the Moscow Times reprint with its own cut and a changed number
    mt = (examples_dir / "moscow_times_reprint.txt").read_text(encoding="utf-8")
    (src / "blog_copy.txt").write_text(mt.replace("13,000", "31,000").split("Sign up")[0], encoding="utf-8")
    return src


def invoke(*args):
    return CliRunner().invoke(cli, list(args), catch_exceptions=False)


def test_index_add_is_incremental(corpus, tmp_path):
    db = str(tmp_path / "a.db")
    first = invoke("index", "add", db, str(corpus), "--quiet")
    assert first.exit_code == 0 and "5 added, 0 replaced, 0 unchanged" in first.output
    again = invoke("index", "add", db, str(corpus), "--quiet")
    assert "0 added, 0 replaced, 5 unchanged" in again.output
    (corpus / "blog_copy.txt").write_text("A completely different text about something else.\n")
    third = invoke("index", "add", db, str(corpus), "--quiet")
    assert "0 added, 1 replaced, 4 unchanged" in third.output
    stats = invoke("index", "stats", db)
    assert stats.exit_code == 0 and "documents         5" in stats.output and "delete" in stats.output
    as_json = invoke("index", "stats", db, "-f", "json")
    record = json.loads(as_json.output)
    assert as_json.exit_code == 0 and record["documents"] == 5 and record["journal_mode"] == "delete"
    assert record["bytes_on_disk"] > 0 and record["k"] == 5


def test_index_query_ranks_reprints(corpus, tmp_path, examples_dir):
    db = str(tmp_path / "a.db")
    invoke("index", "add", db, str(corpus), "--quiet")
    result = invoke("index", "query", db, str(examples_dir / "afp_wire_putin_strikes.txt"), "--format", "json")
    rows = json.loads(result.output)
    names = [r["id"].rsplit("/", 1)[-1] for r in rows]
    # the three reprints and the indexed copy of the query (another id, same text) are found, the
    # unrelated article is not
    assert set(names) == {"moscow_times_reprint.txt", "london_daily_reprint.txt", "blog_copy.txt",
                          "afp_wire_putin_strikes.txt"}
    assert all(r["derived"] in ("wholly", "partially") for r in rows)


def test_cluster_finds_the_story_and_its_tree(corpus, tmp_path):
    out = tmp_path / "clusters.jsonl"
    result = invoke("cluster", str(corpus), "-o", str(out), "--quiet")
    assert result.exit_code == 0, result.output
    lines = [json.loads(x) for x in out.read_text().splitlines()]
    assert len(lines) == 1
    story = lines[0]
    assert set(story) == {"documents", "source", "confidence", "evidence", "tree"}
    assert story["source"].endswith("afp_wire_putin_strikes.txt")
    parent_of = {e["child"].rsplit("/", 1)[-1]: e["parent"].rsplit("/", 1)[-1] for e in story["tree"]}
    assert parent_of["blog_copy.txt"] == "moscow_times_reprint.txt"
    assert parent_of["moscow_times_reprint.txt"] == "afp_wire_putin_strikes.txt"
    assert "1 cluster, 4 documents in clusters" in result.output


def test_a_cluster_opens_with_trace_index(tmp_path, examples_dir):
    db, out = str(tmp_path / "a.db"), tmp_path / "clusters.jsonl"
    assert invoke("index", "add", db, str(examples_dir / "articles.jsonl"), "--quiet").exit_code == 0
    assert invoke("cluster", db, "-o", str(out), "--quiet").exit_code == 0
    story = json.loads(out.read_text(encoding="utf-8").splitlines()[0])
    traced = invoke("trace", "--index", db, *story["documents"], "--format", "json")
    assert traced.exit_code == 0, traced.output
    (again,) = json.loads(traced.output)["stories"]
    assert again["source"] == story["source"] == "afp_wire_putin_strikes"
    assert {(e["parent"], e["child"]) for e in again["tree"]} == {(e["parent"], e["child"]) for e in story["tree"]}
    side_by_side = invoke("trace", "--index", db, "afp_wire_putin_strikes", "moscow_times_reprint", "--width", "100")
    assert side_by_side.exit_code == 0 and "│" in side_by_side.output


@pytest.mark.parametrize("ids, message", [
    (("nope", "afp_wire_putin_strikes"), "nope: no such document in"),
    (("afp_wire_putin_strikes", "afp_wire_putin_strikes"), "given twice"),
])
def test_trace_index_errors_are_one_line(tmp_path, examples_dir, ids, message):
    db = str(tmp_path / "a.db")
    invoke("index", "add", db, str(examples_dir / "articles.jsonl"), "--quiet")
    result = invoke("trace", "--index", db, *ids)
    assert result.exit_code == 2 and message in result.output and len(result.output.strip().splitlines()) == 1
    not_an_index = invoke("trace", "--index", str(examples_dir / "articles.jsonl"), "x")
    assert not_an_index.exit_code == 2 and "not an index" in not_an_index.output


def test_cluster_on_dask_matches_local(corpus, tmp_path):
    pytest.importorskip("dask.distributed", reason="the [dask] extra is not installed")
    db = str(tmp_path / "a.db")
    invoke("index", "add", db, str(corpus), "--quiet")
    local, dask = tmp_path / "local.jsonl", tmp_path / "dask.jsonl"
    assert invoke("cluster", db, "-o", str(local), "--quiet").exit_code == 0
    assert invoke("cluster", db, "-o", str(dask), "--workers", "2", "--quiet").exit_code == 0
    assert local.read_text() == dask.read_text() and local.read_text()


def test_cluster_bad_inputs(tmp_path):
    assert invoke("cluster", str(tmp_path / "missing.txt")).exit_code == 2
    assert invoke("cluster", str(tmp_path), "--quiet").exit_code == 2  # an empty directory
    assert invoke("cluster", "x.db", "--workers", "2", "--scheduler", "tcp://h:1").exit_code == 2


@pytest.mark.parametrize("content, message", [
    (b"", "file is empty"),
    (b"\n  \n", "holds no records"),
    ('{"id": "a", "text": "café au lait"}\n'.encode("latin-1"), "not UTF-8"),
])
@pytest.mark.parametrize("command", [("cluster",), ("index", "add", "DB")])
def test_bad_jsonl_archives_are_one_line_errors(tmp_path, content, message, command):
    archive = tmp_path / "a.jsonl"
    archive.write_bytes(content)
    args = [str(tmp_path / "i.db") if a == "DB" else a for a in command]
    result = invoke(*args, str(archive), "--quiet")
    assert result.exit_code == 2 and message in result.output
    assert len(result.output.strip().splitlines()) == 1


def test_connected_clusters_is_canonical():
    assert connected_clusters([("b", "c"), ("a", "b"), ("x", "y")]) == [("a", "b", "c"), ("x", "y")]
    assert connected_clusters([("x", "y"), ("c", "b"), ("b", "a")]) == [("a", "b", "c"), ("x", "y")]


def test_index_add_reports_the_file_line_of_a_bad_record(tmp_path, examples_dir):
    lines = [json.dumps({"id": f"d{n}", "text": f"Article number {n} says something about the weather."}) for n in range(300)]
    lines[279] = '{"id": broken'
    archive = tmp_path / "a.jsonl"
    archive.write_text("\n".join(lines) + "\n")
    result = invoke("index", "add", str(tmp_path / "a.db"), str(archive), "--quiet", "--jobs", "2")
    assert result.exit_code == 0  # the record is skipped, the other 299 added
    assert f"{archive}:280:" in result.output and "Traceback" not in result.output
    strict = invoke("index", "add", str(tmp_path / "s.db"), str(archive), "--quiet", "--jobs", "2", "--strict")
    assert strict.exit_code == 2
    assert f"{archive}:280:" in strict.output and "Traceback" not in strict.output


def test_min_share_keeps_only_documents_that_share_that_much(corpus, tmp_path):
    db = str(tmp_path / "a.db")
    invoke("index", "add", db, str(corpus), "--quiet")
    default = invoke("cluster", db, "--quiet")
    assert default.exit_code == 0 and "1 cluster, 4 documents in clusters" in default.output
    # every reprint shares less than all of its text with every other document, so none is left
    strict = invoke("cluster", db, "--quiet", "--min-share", "1")
    assert strict.exit_code == 0 and strict.output.startswith("0 clusters, 0 documents")
    assert invoke("cluster", db, "--min-share", "1.5").exit_code == 2


def test_a_failed_first_add_leaves_no_index_but_a_failed_later_add_keeps_it(corpus, tmp_path):
    db = tmp_path / "new.db"
    assert invoke("index", "add", str(db), str(tmp_path / "missing.txt"), "--quiet").exit_code == 2
    assert not list(tmp_path.glob("new.db*"))
    assert invoke("index", "add", str(db), str(corpus), "--quiet").exit_code == 0
    assert invoke("index", "add", str(db), str(tmp_path / "missing.txt"), "--quiet").exit_code == 2
    assert "documents         5" in invoke("index", "stats", str(db)).output


def test_cluster_on_standard_output_is_json_lines_only(corpus, tmp_path):
    """Without -o the records are JSON Lines a program reads: the summary tables go to stderr (26 of
    29 lines of stdout did not parse)."""
    import subprocess
    import sys

    db = str(tmp_path / "a.db")
    invoke("index", "add", db, str(corpus), "--quiet")
    run = subprocess.run([sys.executable, "-m", "provenance", "cluster", db, "--quiet"], capture_output=True,
                         text=True, check=False)
    assert run.returncode == 0, run.stderr
    lines = [ln for ln in run.stdout.splitlines() if ln.strip()]
    assert lines and all(json.loads(ln)["documents"] for ln in lines)
    assert "1 cluster, 4 documents in clusters" in run.stderr

"""Reading inputs and writing outputs like a careful Unix tool (issue #11, items 2, 3, 4 and 19).

Devices, FIFOs, permissions and a full disk need a real process: those tests run ``python -m
provenance`` in a subprocess; the rest go through CliRunner.
"""

from __future__ import annotations

import json
import os
import shutil
import stat
import subprocess
import sys
import threading
from pathlib import Path

import pytest
from click.testing import CliRunner

from provenance.cli import cli

AFP = "afp_wire_putin_strikes.txt"
LD = "london_daily_reprint.txt"


@pytest.fixture
def pair(examples_dir, tmp_path, monkeypatch):
    """The AFP story and a reprint copied into a scratch directory, which is the working directory."""
    for name in (AFP, LD):
        shutil.copy(examples_dir / name, tmp_path / name)
    monkeypatch.chdir(tmp_path)
    return tmp_path


def invoke(*args, input=None):
    return CliRunner().invoke(cli, list(args), input=input, catch_exceptions=False)


def provenance(*args, **kwargs):
    return subprocess.run([sys.executable, "-m", "provenance", *args], capture_output=True, timeout=60, **kwargs)


def one_line_error(result, fragment: str):
    out = result.output if hasattr(result, "output") else result.stderr.decode()
    code = result.exit_code if hasattr(result, "exit_code") else result.returncode
    assert code == 2, out
    lines = [ln for ln in out.splitlines() if ln.strip()]
    assert len(lines) == 1 and lines[0].startswith("provenance: error:") and fragment in lines[0], out
    assert "Traceback" not in out


# --- item 2: write errors are one line, exit 2 ----------------------------------------------------


@pytest.mark.parametrize("command", ["trace", "check"])
def test_output_into_missing_directory(pair, command):
    one_line_error(invoke(command, AFP, LD, "-o", "missing/dir/x.txt"), "missing/dir/x.txt: cannot write")


def test_output_under_a_regular_file(pair):
    # unwritable even for root, unlike a chmod'ed directory
    one_line_error(invoke("trace", AFP, LD, "-o", f"{AFP}/x.txt"), "cannot write (not a directory)")


@pytest.mark.skipif(os.geteuid() == 0, reason="root ignores directory permissions")
def test_output_in_read_only_directory(pair):
    ro = pair / "ro"
    ro.mkdir()
    ro.chmod(0o555)
    try:
        one_line_error(invoke("trace", AFP, LD, "-o", "ro/x.txt"), "ro/x.txt: cannot write (permission denied)")
    finally:
        ro.chmod(0o755)


def test_output_on_read_only_filesystem(pair, monkeypatch):
    import errno
    import tempfile

    def read_only(*args, **kwargs):
        raise OSError(errno.EROFS, os.strerror(errno.EROFS))

    monkeypatch.setattr(tempfile, "mkstemp", read_only)
    one_line_error(invoke("trace", AFP, LD, "-o", "x.txt"), "x.txt: cannot write (read-only file system)")


@pytest.mark.skipif(not os.path.exists("/dev/full"), reason="no /dev/full on this system")
@pytest.mark.parametrize("command", ["trace", "check"])
def test_stdout_on_full_disk_is_exit_2(pair, command):
    # for check, exit 1 would read as "a reprint failed"
    with open("/dev/full", "w") as full:
        proc = subprocess.run([sys.executable, "-m", "provenance", command, AFP, LD], stdout=full,
                              stderr=subprocess.PIPE, timeout=60)
    one_line_error(proc, "cannot write standard output (no space left on device)")


@pytest.mark.parametrize("address", ["foo", "tcp://host", "tcp://host:port", "tcp://host:1/path"])
def test_bad_scheduler_address_is_a_usage_error(pair, address):
    one_line_error(invoke("cluster", AFP, LD, "--scheduler", address), "is not an address like tcp://HOST:PORT")


# --- item 3: -o writes through devices, FIFOs and symlinks ----------------------------------------


# These tests must not harm the machine when the code under test is wrong: a writer that replaces
# what is at the path would, as root, turn /dev/null or /dev/stdout into regular files for every
# process. So they write through private links and devices in tmp_path; the shared /dev paths are
# used only where the directory is unwritable (not root).


@pytest.mark.parametrize("alias", ["private-link", "/dev/stdout"])
def test_output_to_stdout_alias_is_not_replaced(pair, alias):
    if alias == "/dev/stdout" and os.geteuid() == 0:
        pytest.skip("as root a wrong writer could replace the machine's /dev/stdout")
    if alias == "private-link":
        os.symlink("/proc/self/fd/1", pair / "private-link")
    (pair / "log").write_text("first line\n")
    with open(pair / "log", "a") as log:
        proc = subprocess.run([sys.executable, "-m", "provenance", "trace", AFP, LD, "-f", "json", "-o", alias],
                              stdout=log, stderr=subprocess.PIPE, timeout=60)
    assert proc.returncode == 0, proc.stderr
    first, rest = (pair / "log").read_text().split("\n", 1)  # appended to, not replaced
    assert first == "first line" and json.loads(rest)["schema"] == "provenance/trace-v1"
    assert sorted(p.name for p in pair.iterdir() if p.name.startswith(".")) == []


def _private_null(pair) -> Path:
    if os.geteuid() != 0:
        return Path(os.devnull)  # /dev is not writable: a wrong writer fails, harmlessly
    dev = pair / "null"
    try:
        os.mknod(dev, 0o666 | stat.S_IFCHR, os.makedev(1, 3))
        with open(dev, "w") as fh:
            fh.write("x")
    except OSError as exc:
        pytest.skip(f"cannot make a private character device here ({exc.strerror})")
    return dev


def test_output_to_character_device(pair):
    dev = _private_null(pair)
    assert invoke("trace", AFP, LD, "-o", str(dev)).exit_code == 0
    assert stat.S_ISCHR(os.stat(dev).st_mode)
    assert not [p for p in dev.parent.iterdir() if p.name.startswith(".null.")]


def test_output_to_fifo_reaches_the_reader(pair):
    import select
    import time

    fifo = pair / "report.fifo"
    os.mkfifo(fifo)
    # a reader waiting on the FIFO; opened non-blocking and polled with a deadline, so that a wrong
    # writer (one that replaces the FIFO) fails the test instead of hanging it
    fd = os.open(fifo, os.O_RDONLY | os.O_NONBLOCK)
    received = bytearray()

    def read_until_eof():
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline:
            if select.select([fd], [], [], 0.2)[0]:
                chunk = os.read(fd, 65536)
                if not chunk and received:
                    return  # the writer came and went
                received.extend(chunk)

    reader = threading.Thread(target=read_until_eof, daemon=True)
    reader.start()
    try:
        proc = provenance("trace", AFP, LD, "-f", "json", "-o", str(fifo))
        reader.join(30)
    finally:
        os.close(fd)
    assert proc.returncode == 0, proc.stderr
    assert stat.S_ISFIFO(os.stat(fifo).st_mode)
    assert json.loads(bytes(received))["schema"] == "provenance/trace-v1"


def test_output_through_symlink_writes_its_target(pair):
    (pair / "reports").mkdir()
    (pair / "reports" / "r.json").write_text("old")
    os.symlink("reports/r.json", pair / "link.json")
    assert invoke("trace", AFP, LD, "-f", "json", "-o", "link.json").exit_code == 0
    assert os.path.islink(pair / "link.json")
    assert json.loads((pair / "reports" / "r.json").read_text())["schema"] == "provenance/trace-v1"
    assert sorted(p.name for p in (pair / "reports").iterdir()) == ["r.json"]  # no temporary file left


def test_output_through_dangling_symlink_creates_its_target(pair):
    os.symlink("new.json", pair / "link.json")
    assert invoke("trace", AFP, LD, "-f", "json", "-o", "link.json").exit_code == 0
    assert os.path.islink(pair / "link.json") and (pair / "new.json").is_file()


def test_output_symlink_loop(pair):
    os.symlink("b", pair / "a")
    os.symlink("a", pair / "b")
    one_line_error(invoke("trace", AFP, LD, "-o", "a"), "a: cannot write (symlink loop)")


def test_cluster_output_uses_the_same_writer(pair):
    os.symlink("clusters.jsonl", pair / "link.jsonl")
    assert invoke("cluster", AFP, LD, "--jobs", "1", "-o", "link.jsonl").exit_code == 0
    assert os.path.islink(pair / "link.jsonl")
    assert json.loads((pair / "clusters.jsonl").read_text().splitlines()[0])["source"]
    one_line_error(invoke("cluster", AFP, LD, "--jobs", "1", "-o", "no/dir/c.jsonl"), "no/dir/c.jsonl: cannot write")


def test_failed_output_leaves_target_and_no_temporary_file(pair, monkeypatch):
    (pair / "out.txt").write_text("kept")
    real_fdopen = os.fdopen

    class FullDisk:
        def __init__(self, fd, *args, **kwargs):
            self.fh = real_fdopen(fd, *args, **kwargs)

        def write(self, text):
            raise OSError(28, "No space left on device")

        def close(self):
            self.fh.close()

    monkeypatch.setattr(os, "fdopen", lambda fd, mode="r", *a, **k: (FullDisk if "w" in mode else real_fdopen)(fd, mode, *a, **k))
    result = invoke("trace", AFP, LD, "-o", "out.txt")
    monkeypatch.undo()
    one_line_error(result, "out.txt: cannot write (no space left on device)")
    assert (pair / "out.txt").read_text() == "kept"
    assert sorted(p.name for p in pair.iterdir()) == sorted([AFP, LD, "out.txt"])


# --- item 4: file modes ---------------------------------------------------------------------------


@pytest.mark.parametrize("umask, mode", [(0o022, 0o644), (0o077, 0o600), (0o002, 0o664)])
def test_new_output_gets_the_umask_mode(pair, umask, mode):
    old = os.umask(umask)
    try:
        assert invoke("trace", AFP, LD, "-o", "new.txt").exit_code == 0
    finally:
        os.umask(old)
    assert stat.S_IMODE(os.stat(pair / "new.txt").st_mode) == mode


@pytest.mark.parametrize("mode", [0o644, 0o640, 0o666])
def test_existing_output_keeps_its_mode(pair, mode):
    (pair / "out.txt").write_text("old")
    os.chmod(pair / "out.txt", mode)
    assert invoke("check", AFP, LD, "-f", "json", "-o", "out.txt").exit_code in (0, 1)
    assert stat.S_IMODE(os.stat(pair / "out.txt").st_mode) == mode
    assert json.loads((pair / "out.txt").read_text())


# --- item 19: inputs ------------------------------------------------------------------------------


@pytest.mark.parametrize("second", ["./" + AFP, "{tmp}/" + AFP, "link.txt"])
def test_same_file_under_two_names_is_given_twice(pair, second):
    os.symlink(AFP, pair / "link.txt")
    second = second.format(tmp=pair)
    one_line_error(invoke("trace", AFP, LD, second), f"{second}: given twice (also as {AFP})")


def test_same_name_twice_still_given_twice(pair):
    one_line_error(invoke("trace", AFP, AFP), f"{AFP}: given twice")


def test_a_copy_is_not_given_twice(pair):
    shutil.copy(pair / AFP, pair / "copy.txt")
    assert invoke("trace", AFP, "copy.txt").exit_code == 0


def test_fifo_input_without_writer_does_not_block(pair):
    os.mkfifo(pair / "in.fifo")
    one_line_error(provenance("trace", AFP, "in.fifo"), "in.fifo: a FIFO or pipe with no writer")


def test_fifo_input_with_writer_is_read(pair):
    fifo = pair / "in.fifo"
    os.mkfifo(fifo)
    text = (pair / LD).read_bytes()
    # the writer opens first, as a shell's `cmd > fifo &` or `<(cmd)` does
    proc = subprocess.Popen([sys.executable, "-c",
                             "import sys,time; f=open(sys.argv[1],'wb'); time.sleep(1); f.write(sys.stdin.buffer.read()); f.close()",
                             str(fifo)], stdin=subprocess.PIPE)
    proc.stdin.write(text)
    proc.stdin.close()
    import time

    time.sleep(0.5)  # the writer has opened the FIFO (it blocks in open until we do)
    result = provenance("trace", AFP, "in.fifo", "-f", "json")
    proc.wait(30)
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout)["documents"][1]["id"] == "in.fifo"


def test_symlink_loop_input(pair):
    os.symlink("b.txt", pair / "a.txt")
    os.symlink("a.txt", pair / "b.txt")
    one_line_error(invoke("trace", AFP, "a.txt"), "a.txt: symlink loop")


def test_broken_symlink_input(pair):
    os.symlink("gone.txt", pair / "a.txt")
    one_line_error(invoke("trace", AFP, "a.txt"), "a.txt: broken symlink (to gone.txt)")


def test_bare_command_prints_only_the_help():
    result = CliRunner().invoke(cli, [])
    assert result.exit_code == 2
    assert result.output.startswith("Usage: ") and "error" not in result.output
    assert "Commands:" in result.output


def test_jsonl_date_that_is_not_a_date_names_the_line(pair):
    lines = [json.dumps({"id": "a", "text": (pair / AFP).read_text(), "date": "2022-12-01"}),
             json.dumps({"id": "b", "text": (pair / LD).read_text(), "date": "yesterday"})]
    (pair / "a.jsonl").write_text("\n".join(lines) + "\n")
    one_line_error(invoke("trace", "a.jsonl"), "a.jsonl:2: b: \"date\" 'yesterday' is not a date")


def test_policy_naming_other_agencies_says_the_credit_rule_is_off(pair):
    (pair / "reuters.toml").write_text('[credit]\nagencies = ["Reuters"]\n')
    result = invoke("check", AFP, LD, "--policy", "reuters.toml", "-f", "json")
    (report,) = json.loads(result.output)["results"]
    credit = [f for f in report["findings"] if f["rule"] == "credit"]
    assert report["agencies"] == [] and len(credit) == 1 and credit[0]["action"] == "warn"
    assert "none of the policy's agencies (Reuters)" in credit[0]["message"]
    # a policy naming the source's agency checks it, with no such warning
    (pair / "afp.toml").write_text('[credit]\nagencies = ["AFP", "Agence France-Presse"]\n')
    result = invoke("check", AFP, LD, "--policy", "afp.toml", "-f", "json")
    (report,) = json.loads(result.output)["results"]
    assert report["agencies"] and not [f for f in report["findings"] if f["rule"] == "credit"]


# --- items 20, 21: packaging ----------------------------------------------------------------------


def test_distribution_is_not_pypis_other_provenance(examples_dir):
    import configparser
    import re

    root = examples_dir.parent
    cfg = configparser.ConfigParser()
    cfg.read(root / "setup.cfg")
    name = cfg["metadata"]["name"]
    assert name != "provenance"  # PyPI's "provenance" is an unrelated caching library
    assert cfg["options.entry_points"]["console_scripts"].strip() == "provenance = provenance.cli:main"
    # the commands people copy: the workflow and the README's code blocks
    readme_code = "".join(re.findall(r"```.*?```", (root / "README.md").read_text(), re.S))
    for text in ((root / "examples/ci/provenance-check.yml").read_text(), readme_code):
        assert not re.search(r"pip install ['\"]?provenance\b", text)
    assert name in (root / "examples/ci/provenance-check.yml").read_text()


def test_version_names_the_installed_distribution():
    result = CliRunner().invoke(cli, ["--version"])
    assert result.exit_code == 0 and "version 0." in result.output, result.output


@pytest.mark.parametrize("command", ["trace", "check"])
def test_out_of_memory_is_one_line_and_exit_2(pair, monkeypatch, command):
    """Inputs too large for this machine's memory: one line and exit 2, not a traceback."""
    import provenance.check.fidelity
    import provenance.lineage.story

    def no_memory(*args, **kwargs):
        raise MemoryError

    monkeypatch.setattr(provenance.lineage.story, "trace_documents", no_memory)
    monkeypatch.setattr(provenance.check.fidelity, "check_reprints", no_memory)
    result = invoke(command, AFP, LD)
    assert result.exit_code == 2
    assert result.output.strip().splitlines() == [
        "provenance: error: out of memory: the inputs are too large to compare here (lower --max-size, or split them)"]


@pytest.mark.parametrize("args", [
    ["trace", AFP, LD, "-f", "json", "-o", AFP],
    ["trace", AFP, LD, "-o", "./" + LD],
    ["check", AFP, LD, "-o", "link"],          # a symlink to the source
    ["check", AFP, LD, "-o", "hard"],          # a hard link to the source
    ["cluster", ".", "-o", AFP],               # an article inside an input directory
])
def test_output_never_replaces_an_input(pair, args):
    os.symlink(AFP, "link")
    os.link(AFP, "hard")
    before = {n: Path(n).read_bytes() for n in (AFP, LD)}
    result = CliRunner().invoke(cli, args)
    assert result.exit_code == 2
    assert "is an input" in result.output and "would replace it" in result.output
    assert {n: Path(n).read_bytes() for n in (AFP, LD)} == before


def test_cluster_output_replacing_its_index_is_refused(pair):
    assert invoke("index", "add", "a.db", AFP, LD).exit_code == 0
    db = Path("a.db").read_bytes()
    result = CliRunner().invoke(cli, ["cluster", "a.db", "-o", "a.db"])
    assert result.exit_code == 2 and "is an input (a.db)" in result.output
    assert Path("a.db").read_bytes() == db


def test_a_new_output_inside_an_input_directory_is_refused(pair):
    """The report would be read as an article by the next run over the directory (cluster's JSON
    Lines as an archive of records): refused before anything is written, as an existing file is."""
    result = CliRunner().invoke(cli, ["cluster", ".", "-o", "clusters.jsonl"])
    assert result.exit_code == 2 and "is inside an input directory (.)" in result.output
    assert not Path("clusters.jsonl").exists()


def test_output_beside_the_inputs_is_written(pair):
    assert invoke("trace", AFP, LD, "-o", "report.txt").exit_code == 0
    assert Path("report.txt").read_text(encoding="utf-8").startswith("parent:")


@pytest.mark.parametrize("name", ["deep.jsonl", "deep.txt"])
def test_json_nested_past_the_parser_depth_is_one_line(pair, name):
    Path(name).write_text("[" * 5000 + "]" * 5000 + "\n", encoding="utf-8")
    result = CliRunner().invoke(cli, ["trace", name, LD])
    if name.endswith(".jsonl"):
        one_line_error(result, "deep.jsonl:1: JSON nested too deeply to read")
    else:  # sniffed as a record, it is none: read as text, which has no words
        one_line_error(result, "deep.txt: no words to compare")


def test_closed_stdout_is_exit_2_not_a_traceback(pair):
    proc = subprocess.run([sys.executable, "-m", "provenance", "check", AFP, LD], stdout=subprocess.DEVNULL,
                          stderr=subprocess.PIPE, text=True, close_fds=True,
                          preexec_fn=lambda: os.close(1))
    assert proc.returncode == 2
    assert proc.stderr.strip() == "provenance: error: cannot write standard output (it is closed)"


@pytest.mark.skipif(not Path("/dev/full").exists(), reason="needs /dev/full")
def test_a_warning_that_cannot_be_written_does_not_end_the_run(pair):
    Path("latin1.txt").write_bytes(Path(AFP).read_text(encoding="utf-8").replace("“", '"').replace("”", '"')
                                   .replace("’", "'").replace("—", "-").encode("utf-8") + "\nCafé.\n".encode("latin-1"))
    with open("/dev/full", "w") as full:
        proc = subprocess.run([sys.executable, "-m", "provenance", "trace", "latin1.txt", LD],
                              stdout=subprocess.PIPE, stderr=full, text=True)
    assert proc.returncode == 0
    assert proc.stdout.startswith("parent:")


def test_negative_max_size_is_a_usage_error(pair):
    result = CliRunner().invoke(cli, ["trace", AFP, LD, "--max-size", "-1"])
    assert result.exit_code == 2 and "--max-size" in result.output


def test_policy_and_article_both_from_stdin_is_given_twice(pair):
    result = CliRunner().invoke(cli, ["check", "--policy", "-", "-", LD], input="x")
    assert result.exit_code == 2 and "given twice" in result.output


def test_output_to_fifo_without_reader_is_one_line_not_a_hang(pair):
    # a blocking open of a FIFO nobody reads waits forever (the hostile review's `-o fifo` hung)
    os.mkfifo(pair / "out.fifo")
    proc = provenance("trace", AFP, LD, "-o", "out.fifo")
    one_line_error(proc, "out.fifo: a FIFO with no reader")
    assert stat.S_ISFIFO(os.stat(pair / "out.fifo").st_mode)


@pytest.mark.parametrize("columns, widest", [("99999", 1000), ("5", 40)])
def test_terminal_width_from_the_environment_is_held_to_the_width_range(pair, monkeypatch, columns, widest):
    # COLUMNS=99999 made a two-article trace 12 MB of padding; --width refuses it, COLUMNS did not
    from wcwidth import wcswidth

    monkeypatch.setenv("COLUMNS", columns)
    for command in (["trace", AFP, LD], ["check", AFP, LD]):
        result = invoke(*command, "--color", "never")
        lines = result.output.splitlines()
        assert max(wcswidth(line) for line in lines) <= widest
        if columns == "99999":
            assert any(wcswidth(line) > 200 for line in lines)  # the width is used, up to the bound


def test_one_id_from_two_inputs_names_both(pair):
    # stop 26's review: a .jsonl record with the id of a file given beside it was "a.txt: given twice"
    Path("x.jsonl").write_text(json.dumps({"id": AFP, "text": "Some other story text here."}) + "\n", encoding="utf-8")
    one_line_error(invoke("trace", AFP, "x.jsonl"), f"x.jsonl: the id '{AFP}' is already taken by {AFP}")


def test_messages_keep_the_progress_carriage_return_and_escape_the_rest(capsys):
    # the review's fix made every message with a control character safe; progress lines start with
    # the tool's own carriage return, which must stay
    from provenance.cli_io import tell

    tell("\rindexed: 5", nl=False)
    tell("warning: id a\x1b[31m\r\u202ex")
    err = capsys.readouterr().err
    assert err.startswith("\rindexed: 5") and "\x1b" not in err and "\u202e" not in err and err.count("\r") == 1

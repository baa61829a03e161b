"""Start-up cost of the command line, as a ratio to a bare click application measured in the same run.

    python benchmarks/bench_startup.py [--repeat 15]

Three whole-process commands, each run ``--repeat`` times in alternation (so that load on the machine
hits all of them alike); the median wall time of each is reported, the targets' measure, and beside it
the median CPU time (user + system, from ``wait4``), which other work on a shared machine disturbs less:

* a bare click group with one command, ``--help`` (the baseline: Python start-up plus click);
* ``provenance --help``;
* ``provenance trace`` of the three seed story articles (``examples/``), side-by-side output.

Bytecode: every command runs with its compiled modules cached (``PYTHONPYCACHEPREFIX`` in a temporary
directory, ``PYTHONDONTWRITEBYTECODE`` unset), as an installed package has them (pip compiles at install
time); the warm-up run writes the cache. Without it, a checkout whose environment sets
``PYTHONDONTWRITEBYTECODE`` recompiles every provenance module on each run (about 0.2 s) while click
comes precompiled, which measures the compiler, not the start-up.

Targets (issue #12): ``--help`` within 1.5x the bare click app, ``trace`` of the seeds within 2.5x.
``python -X importtime -m provenance --help`` shows what is left.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
SEEDS = ["afp_wire_putin_strikes.txt", "moscow_times_reprint.txt", "london_daily_reprint.txt"]

BARE_CLICK = '''
import click

@click.group()
def cli():
    """A bare click application."""

@cli.command()
@click.argument("files", nargs=-1)
def trace(files):
    """Do nothing."""

cli()
'''


def run(cmd: list[str], env: dict[str, str]) -> tuple[float, float]:
    """(wall seconds, CPU seconds: user + system) of one whole-process run."""
    t0 = time.perf_counter()
    proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, cwd=REPO, env=env)
    err = proc.stderr.read()
    _, status, usage = os.wait4(proc.pid, 0)
    elapsed = time.perf_counter() - t0
    proc.returncode = os.waitstatus_to_exitcode(status)
    proc.stderr.close()
    if proc.returncode != 0:
        sys.exit(f"bench_startup: {' '.join(cmd)} failed: {err.decode(errors='replace').strip()}")
    return elapsed, usage.ru_utime + usage.ru_stime


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--repeat", type=int, default=15, help="runs of each command (default 15)")
    args = ap.parse_args()
    py = sys.executable
    with tempfile.TemporaryDirectory() as tmp:
        bare = Path(tmp) / "bare_click.py"
        bare.write_text(BARE_CLICK, encoding="utf-8")
        env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
        env["PYTHONPYCACHEPREFIX"] = str(Path(tmp) / "pycache")
        commands = {
            "bare click --help": [py, str(bare), "--help"],
            "provenance --help": [py, "-m", "provenance", "--help"],
            "provenance trace (3 seeds)": [py, "-m", "provenance", "trace", *("examples/" + s for s in SEEDS)],
        }
        times: dict[str, list[float]] = {name: [] for name in commands}
        cpu: dict[str, list[float]] = {name: [] for name in commands}
        for name, cmd in commands.items():  # warm the file cache and the bytecode once
            run(cmd, env)
        for _ in range(args.repeat):
            for name, cmd in commands.items():
                w, c = run(cmd, env)
                times[name].append(w)
                cpu[name].append(c)
    base = statistics.median(times["bare click --help"])
    base_cpu = statistics.median(cpu["bare click --help"])
    print(f"median of {args.repeat} whole-process runs each, interleaved; bytecode cached")
    targets = {"provenance --help": 1.5, "provenance trace (3 seeds)": 2.5}
    for name, ts in times.items():
        med = statistics.median(ts)
        ratio = med / base
        target = f"  (target <= {targets[name]}x: {'met' if ratio <= targets[name] else 'NOT met'})" if name in targets else ""
        med_cpu = statistics.median(cpu[name])
        print(f"{name:<28} {med * 1000:7.1f} ms   x{ratio:.2f}   (CPU {med_cpu * 1000:6.1f} ms x{med_cpu / base_cpu:.2f})"
              f"{target}")


if __name__ == "__main__":
    main()

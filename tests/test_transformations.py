"""Property test over everyday reprint transformations, through every output format of trace and check.

A reprint is made from a real article by the edits outlets make every day: cut the tail (at a
paragraph or at any line, as ``head -n K``), append a paragraph, delete, duplicate or swap
paragraphs. The pair is then traced in either argument order, with no dates or dates either way,
through every ``trace`` format and every ``check`` format. Each run must exit 0 or 1 with no
traceback, and the JSON edits must quote exactly the document text at their spans.

This is the test that would have caught the ``IndexError`` on a cut tail (issue 11, item 1).
"""

from __future__ import annotations

import json
import os
import tempfile
from pathlib import Path

import pytest
from click.testing import CliRunner
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from provenance.cli import cli
from provenance.inputs.formats import load_document
from provenance.render.text import display_width

EXAMPLES = Path(__file__).resolve().parent.parent / "examples"
SEED_FILES = ("afp_wire_putin_strikes.txt", "moscow_times_reprint.txt", "london_daily_reprint.txt")
TRACE_FORMATS = ("side-by-side", "unified", "json", "table", "dot", "html")
CHECK_FORMATS = ("text", "json", "junit", "github", "html")
OPERATIONS = ("cut", "head", "append", "delete", "duplicate", "swap")
_SETTINGS = settings(max_examples=30, deadline=None, derandomize=True,
                     suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture])


class Seed:
    """An article split into paragraphs, with the separator it was written with."""

    def __init__(self, name: str, text: str):
        self.name = name
        self.sep = "\n\n" if "\n\n" in text.strip() else "\n"
        self.paragraphs = [p.strip() for p in text.strip().split(self.sep) if p.strip()]

    def __repr__(self) -> str:  # keeps Hypothesis' falsifying example short
        return f"Seed({self.name!r}, {len(self.paragraphs)} paragraphs)"


def _example_seeds() -> list[Seed]:
    return [Seed(name, (EXAMPLES / name).read_text(encoding="utf-8")) for name in SEED_FILES]


def _benchmark_seeds(shared: Path, n: int = 3) -> list[Seed]:
    """The first ``n`` gold article bodies (by key) of 6-20 paragraphs, 1.5-5 kB, not truncated with "..."."""
    truth = json.loads((shared / "article-extraction-benchmark-html" / "ground-truth.json").read_text(encoding="utf-8"))
    seeds = []
    for key in sorted(truth):
        body = truth[key]["articleBody"]
        seed = Seed(key[:12], body)
        if 6 <= len(seed.paragraphs) <= 20 and 1500 < len(body) < 5000 and not body.rstrip().endswith("..."):
            seeds.append(seed)
        if len(seeds) == n:
            break
    return seeds


@st.composite
def reprints(draw, seeds: list[Seed]):
    """(seed, reprint text, operations applied)."""
    seed = draw(st.sampled_from(seeds))
    paras = list(seed.paragraphs)
    ops = draw(st.lists(st.sampled_from(OPERATIONS), min_size=1, max_size=2))
    applied = []
    for op in ops:
        n = len(paras)
        if op == "cut" and n > 1:
            k = draw(st.integers(1, n - 1))
            paras = paras[:k]
        elif op == "head":  # head -n K on the file as written: may cut inside a paragraph
            lines = seed.sep.join(paras).split("\n")
            if len(lines) < 2:
                continue
            k = draw(st.integers(1, len(lines) - 1))
            paras = [p for p in "\n".join(lines[:k]).split(seed.sep) if p.strip()]
        elif op == "append":
            other = draw(st.sampled_from(seeds))
            paras.append(draw(st.sampled_from(other.paragraphs)))
        elif op == "delete" and n > 1:
            del paras[draw(st.integers(0, n - 1))]
        elif op == "duplicate":
            k = draw(st.integers(0, n - 1))
            paras.insert(k + 1, paras[k])
        elif op == "swap" and n > 1:
            i = draw(st.integers(0, n - 2))
            j = draw(st.integers(i + 1, n - 1))
            paras[i], paras[j] = paras[j], paras[i]
        else:
            continue
        applied.append(op)
    return seed, seed.sep.join(paras) + "\n", applied


def _invoke(args: list[str]):
    result = CliRunner().invoke(cli, args)
    crash = result.exception if result.exception and not isinstance(result.exception, SystemExit) else None
    assert crash is None, f"{args}: {type(crash).__name__}: {crash}"
    assert result.exit_code in (0, 1), f"{args}: exit {result.exit_code}: {result.output[-500:]}"
    assert "Traceback" not in result.output, args
    return result


def _spans_match(report: dict, texts: dict[str, str]) -> None:
    for story in report["stories"]:
        for edge in story["tree"]:
            parent, child = texts[edge["parent"]], texts[edge["child"]]
            for e in edge["edits"]:
                (p0, p1), (c0, c1) = e["parent_span"], e["child_span"]
                assert 0 <= p0 <= p1 <= len(parent) and 0 <= c0 <= c1 <= len(child), e
                assert parent[p0:p1] == e["parent_text"], e
                assert child[c0:c1] == e["child_text"], e


def _run_all_formats(seed: Seed, reprint: str, reverse: bool, dates: str | None, width: int) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        wire, copy = os.path.join(tmp, "wire.txt"), os.path.join(tmp, "reprint.txt")
        Path(wire).write_text(seed.sep.join(seed.paragraphs) + "\n", encoding="utf-8")
        Path(copy).write_text(reprint, encoding="utf-8")
        texts = {p: load_document(p, Path(p).read_bytes()).documents[0].text for p in (wire, copy)}
        files = [copy, wire] if reverse else [wire, copy]
        date_args = []
        if dates is not None:
            older, newer = (wire, copy) if dates == "wire-older" else (copy, wire)
            date_args = ["--date", f"{older}=2022-12-02", "--date", f"{newer}=2022-12-03"]
        for fmt in TRACE_FORMATS:
            result = _invoke(["trace", *files, *date_args, "--format", fmt, "--width", str(width), "--color", "never"])
            if fmt == "json":
                _spans_match(json.loads(result.output), texts)
            elif fmt == "html":
                assert result.output.rstrip().endswith("</html>")
            elif fmt == "side-by-side":
                too_wide = [ln for ln in result.output.splitlines() if display_width(ln) > width]
                assert too_wide == [], too_wide[:3]
            elif fmt == "unified":
                assert "{++}" not in result.output and "[--]" not in result.output
        for fmt in CHECK_FORMATS:
            _invoke(["check", *files, "--format", fmt, "--width", str(width), "--color", "never"])


_CASE = dict(reverse=st.booleans(), dates=st.sampled_from([None, "wire-older", "reprint-older"]),
             width=st.sampled_from([40, 50, 80, 120]))


@_SETTINGS
@given(case=reprints(_example_seeds()), **_CASE)
def test_every_format_survives_transformations_of_the_seeds(case, reverse, dates, width):
    seed, reprint, _ops = case
    _run_all_formats(seed, reprint, reverse, dates, width)


def test_every_format_survives_transformations_of_real_articles(shared_data):
    seeds = _benchmark_seeds(shared_data)
    if not seeds:
        pytest.skip("no article body of 6-20 paragraphs in the benchmark's ground truth")

    @settings(_SETTINGS, max_examples=25)
    @given(case=reprints(seeds), **_CASE)
    def run(case, reverse, dates, width):
        seed, reprint, _ops = case
        _run_all_formats(seed, reprint, reverse, dates, width)

    run()

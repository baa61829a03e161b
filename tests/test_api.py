"""The public Python API: ``__all__`` matches what ``provenance`` exports, and importing is cheap."""

from __future__ import annotations

import subprocess
import sys

import pytest

import provenance


def test_all_names_resolve_and_match_the_export_table():
    assert sorted(provenance.__all__) == sorted(provenance._EXPORTS)
    for name in provenance.__all__:
        assert getattr(provenance, name) is not None, name
    assert set(provenance.__all__) <= set(dir(provenance))


def test_unknown_attribute_is_an_attribute_error():
    with pytest.raises(AttributeError, match="no_such_name"):
        provenance.no_such_name  # noqa: B018


# Heavy dependencies that the command line must not load before a command needs them.
_HEAVY = ("networkx", "trafilatura", "lxml", "rapidfuzz", "fast_diff_match_patch", "numpy", "tabulate",
          "provenance.lineage.story", "provenance.edits.classify", "provenance.align.aligner",
          "provenance.text.tokenize", "provenance.inputs.formats")


def test_cli_import_loads_no_heavy_dependency():
    code = "import sys, provenance.cli; print(' '.join(m for m in %r if m in sys.modules))" % (_HEAVY,)
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert done.stdout.split() == []


def test_check_and_versions_are_part_of_the_api(examples_dir):
    """The CI gate and the version order are library calls too (README "Python API")."""
    import provenance

    afp = provenance.make_document("afp.txt", (examples_dir / "afp_wire_putin_strikes.txt").read_text(encoding="utf-8"))
    mt = provenance.make_document("mt.txt", (examples_dir / "moscow_times_reprint.txt").read_text(encoding="utf-8"))
    result = provenance.check_reprint(afp, mt)
    assert isinstance(result, provenance.CheckResult) and result.verdict == "pass"
    assert [f.rule for f in result.findings] == ["dateline"]
    strict = provenance.load_policy('[rules]\ndateline = "fail"\n')
    assert isinstance(strict, provenance.Policy) and provenance.check_reprint(afp, mt, strict).verdict == "fail"
    with pytest.raises(provenance.PolicyError):
        provenance.load_policy("[rules]\nnot_a_kind = 'fail'\n")
    order = provenance.order_versions([afp, mt])
    assert isinstance(order, provenance.VersionOrder) and sorted(order.order) == ["afp.txt", "mt.txt"]

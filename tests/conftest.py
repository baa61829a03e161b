"""Shared fixtures: the seed examples shipped with the repo and the optional shared data sets."""

from __future__ import annotations

from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="session")
def examples_dir() -> Path:
    """``<repo>/examples``: the seed articles (always present)."""
    return REPO / "examples"


@pytest.fixture(scope="session")
def shared_data() -> Path:
    """``<repo>/../shared/data``; tests using it are skipped when it is absent."""
    path = REPO.parent / "shared" / "data"
    if not path.is_dir():
        pytest.skip(f"shared data sets not found at {path} (optional, used only for real-text tests)")
    return path


def pytest_addoption(parser):
    parser.addoption(
        "--update-golden", action="store_true", default=False,
        help="Rewrite the golden files under tests/golden from the current output instead of comparing.",
    )


@pytest.fixture
def golden(request):
    """``golden(name, text)``: compare ``text`` with tests/golden/<name>, or rewrite it with --update-golden."""
    update = request.config.getoption("--update-golden")

    def check(name: str, text: str) -> None:
        path = REPO / "tests" / "golden" / name
        if update or not path.exists():
            if not update:
                pytest.fail(f"golden file {path} is missing; run pytest --update-golden to create it")
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(text, encoding="utf-8")
        assert text == path.read_text(encoding="utf-8"), f"output differs from {path} (pytest --update-golden rewrites it)"

    return check


@pytest.fixture(scope="module")
def tamper_suite_data(request):
    """``(ground_truth_path, fidelity_suite, bench_fidelity)``: the tamper suite of issue #13 built from
    the extraction benchmark's real article bodies; skipped when ``../shared/data`` or the file is absent."""
    import importlib
    import sys

    path = REPO.parent / "shared" / "data" / "article-extraction-benchmark-html" / "ground-truth.json"
    if not path.is_file():
        pytest.skip(f"{path} not found (optional shared data)")
    sys.path.insert(0, str(REPO / "benchmarks"))
    try:
        suite = importlib.import_module("fidelity_suite")
        bench = importlib.import_module("bench_fidelity")
    finally:
        sys.path.pop(0)
    return path, suite, bench

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

"""Shared fixtures. Real things only: git repositories in tmp_path, embedded servers, fakes that
speak the real protocols (tests/fakes/)."""

from __future__ import annotations

from pathlib import Path

import pytest

pytest_plugins = [
    "tests.hangs",
    "tests.services",
    "tests.fakes.github",
    "tests.fakes.llm",
    "tests.fakes.gitlab",
    "tests.e2e",
    "tests.gitlab_app",
]

FIXTURES = Path(__file__).parent / "fixtures"


@pytest.fixture
def fixtures_dir() -> Path:
    return FIXTURES


@pytest.fixture(autouse=True)
def _isolated_data_dir(
    tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Every test gets its own VIBE_DATA_DIR so caches and keys never leak between tests."""
    monkeypatch.setenv("VIBE_DATA_DIR", str(tmp_path_factory.mktemp("vibe-data")))

"""``vibe docs`` as a user runs it."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from app.cli.main import main
from tests.fakes.llm import API_KEY, FakeLLM


def snapshot(root: Path) -> dict[str, bytes]:
    return {str(p.relative_to(root)): p.read_bytes() for p in root.rglob("*") if p.is_file()}


def test_without_write_it_prints_the_diff_and_touches_nothing(
    project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    before = snapshot(project)

    status = main(["docs", str(project)])

    out, err = capsys.readouterr()
    assert status == 0
    assert "--- a/README.md\n+++ b/README.md\n" in out
    assert "--- /dev/null\n+++ b/docs/api.md\n" in out
    assert '+        """Return ``sum(self.levels.values())``."""\n' in out
    assert '"""Add item."""' not in out
    assert "vibe docs: would change README.md, docs/api.md" in err
    assert "written by offline" in err
    assert snapshot(project) == before


def test_write_applies_the_edits_and_a_second_run_has_no_diff(
    project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["docs", str(project), "--write"]) == 0
    capsys.readouterr()

    assert main(["docs", str(project)]) == 0

    out, err = capsys.readouterr()
    assert out == ""
    assert "would change nothing" in err
    assert (project / "docs" / "api.md").read_text(encoding="utf-8").startswith("# API reference")


def test_a_model_from_the_environment_is_used_down_its_fallback_chain(
    project: Path,
    fake_llm: FakeLLM,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    monkeypatch.setenv("VIBE_LLM_MODEL", "openai/primary")
    monkeypatch.setenv("VIBE_LLM_FALLBACKS", "openai/primary, openai/backup")
    monkeypatch.setenv("VIBE_LLM_API_BASE", fake_llm.api_base)
    monkeypatch.setenv("VIBE_LLM_API_KEY", API_KEY)
    fake_llm.fail_next(3, status=500)  # the primary, with its two retries
    fake_llm.reply_next(json.dumps({"usage": "Run `inventory --help`."}))

    status = main(["docs", str(project), "--no-docstrings"])

    out, err = capsys.readouterr()
    assert status == 0
    assert "+Run `inventory --help`.\n" in out
    assert "vibe docs: openai/primary failed: InternalServerError" in err
    assert "written by openai/backup" in err
    assert [request.model for request in fake_llm.requests] == ["backup"]


def test_offline_never_calls_the_configured_model(
    project: Path, fake_llm: FakeLLM, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("VIBE_LLM_MODEL", "openai/fake-model")
    monkeypatch.setenv("VIBE_LLM_API_BASE", fake_llm.api_base)

    assert main(["docs", str(project), "--offline", "--quiet"]) == 0

    assert fake_llm.attempts == 0


def test_a_path_that_is_not_a_directory_is_a_usage_error(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    status = main(["docs", str(tmp_path / "missing")])

    assert status == 2
    assert "no such directory" in capsys.readouterr().err


def test_vibe_help_does_not_import_litellm() -> None:
    probe = (
        "import sys\n"
        "from app.cli.main import build_parser\n"
        "build_parser().format_help()\n"
        "print(sorted(m for m in sys.modules if m.split('.')[0] in {'litellm', 'openai'}))\n"
    )

    completed = subprocess.run(
        [sys.executable, "-c", probe], capture_output=True, text=True, check=True
    )

    assert completed.stdout.strip() == "[]"

"""A runner in miniature: git repositories made with pygit2, event payloads from the recorded
webhooks, and ``vibe action`` started as the runner starts a step (environment variables only)."""

from __future__ import annotations

import asyncio
import json
import os
import subprocess
import sys
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pygit2
import pytest

FIXTURES = Path(__file__).parent.parent / "fixtures"
REPOSITORY = "Codertocat/Hello-World"  # the recorded payloads' repository
# Bandit and the secret detector give all three levels without a semgrep start (seconds).
FAST_TOOLS = "bandit,secrets"


class Repo:
    """A work tree whose commits are made with pygit2, as a checkout with full history."""

    def __init__(self, root: Path) -> None:
        self.root = root
        self.git = pygit2.init_repository(str(root), initial_head="main")
        self.signature = pygit2.Signature("Vibe Test", "vibe@example.com", 1_700_000_000, 0)

    def commit(self, files: Mapping[str, str | None], message: str = "change") -> str:
        for name, text in files.items():
            path = self.root / name
            if text is None:
                path.unlink()
                continue
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(text, encoding="utf-8")
        index = self.git.index
        index.add_all()
        index.write()
        parents = [] if self.git.head_is_unborn else [self.git.head.target]
        oid = self.git.create_commit(
            "HEAD", self.signature, self.signature, message, index.write_tree(), parents
        )
        return str(oid)


@pytest.fixture
def repo(tmp_path: Path) -> Repo:
    root = tmp_path / "workspace"
    root.mkdir()
    return Repo(root)


def pull_request_event(path: Path, base_sha: str, head_sha: str) -> Path:
    payload = json.loads((FIXTURES / "github-webhooks" / "pull_request.opened.json").read_text())
    payload["pull_request"]["base"]["sha"] = base_sha
    payload["pull_request"]["head"]["sha"] = head_sha
    path.write_text(json.dumps(payload))
    return path


def push_event(path: Path, before: str, after: str) -> Path:
    payload = json.loads((FIXTURES / "github-webhooks" / "push.json").read_text())
    payload.update(before=before, after=after, ref="refs/heads/main")
    path.write_text(json.dumps(payload))
    return path


@dataclass
class StepResult:
    returncode: int
    stdout: str
    stderr: str
    outputs: dict[str, str]
    summary: str

    def lines(self, prefix: str) -> list[str]:
        return [line for line in self.stdout.splitlines() if line.startswith(prefix)]


def runner_env(
    workspace: Path,
    runner_dir: Path,
    event_name: str | None,
    event_path: Path | None,
    **inputs: str,
) -> dict[str, str]:
    """The variables the runner gives a composite action's step, plus its ``env:`` inputs."""
    env = {
        key: value
        for key, value in os.environ.items()
        if not key.startswith(("GITHUB_", "INPUT_", "RUNNER_"))
    }
    runner_dir.mkdir(parents=True, exist_ok=True)
    env.update(
        GITHUB_ACTIONS="true",
        GITHUB_WORKSPACE=str(workspace),
        GITHUB_OUTPUT=str(runner_dir / "output"),
        GITHUB_STEP_SUMMARY=str(runner_dir / "summary.md"),
        GITHUB_REPOSITORY=REPOSITORY,
        GITHUB_SERVER_URL="https://github.com",
        GITHUB_API_URL="https://api.github.com",
        RUNNER_TEMP=str(runner_dir),
    )
    if event_name is not None:
        env["GITHUB_EVENT_NAME"] = event_name
    if event_path is not None:
        env["GITHUB_EVENT_PATH"] = str(event_path)
    for name, value in inputs.items():
        env[f"INPUT_{name.upper()}"] = value
    return env


def _command(env: dict[str, str]) -> list[str]:
    # -P: the workspace is the working directory, and its own files must not shadow ours.
    return [sys.executable, "-P", "-m", "app.cli.main", "action"]


def _result(returncode: int, stdout: str, stderr: str, env: dict[str, str]) -> StepResult:
    output_file = Path(env["GITHUB_OUTPUT"])
    summary_file = Path(env["GITHUB_STEP_SUMMARY"])
    return StepResult(
        returncode=returncode,
        stdout=stdout,
        stderr=stderr,
        outputs=parse_output_file(output_file.read_text()) if output_file.exists() else {},
        summary=summary_file.read_text() if summary_file.exists() else "",
    )


def run_step(env: dict[str, str]) -> StepResult:
    done = subprocess.run(
        _command(env),
        cwd=env["GITHUB_WORKSPACE"],
        env=env,
        capture_output=True,
        text=True,
        timeout=240,
    )
    return _result(done.returncode, done.stdout, done.stderr, env)


async def run_step_async(env: dict[str, str]) -> StepResult:
    """For tests whose fake GitHub serves from this event loop while the step runs."""
    process = await asyncio.create_subprocess_exec(
        *_command(env),
        cwd=env["GITHUB_WORKSPACE"],
        env=env,
        stdout=asyncio.subprocess.PIPE,
        stderr=asyncio.subprocess.PIPE,
    )
    stdout, stderr = await asyncio.wait_for(process.communicate(), timeout=240)
    assert process.returncode is not None
    return _result(process.returncode, stdout.decode(), stderr.decode(), env)


def parse_output_file(text: str) -> dict[str, str]:
    """``GITHUB_OUTPUT`` read as the runner reads it: ``name=value`` or ``name<<DELIM`` blocks."""
    outputs: dict[str, Any] = {}
    lines = text.split("\n")
    index = 0
    while index < len(lines):
        line = lines[index]
        index += 1
        if not line:
            continue
        if "<<" in line and ("=" not in line or line.index("<<") < line.index("=")):
            name, delimiter = line.split("<<", 1)
            value: list[str] = []
            while lines[index] != delimiter:
                value.append(lines[index])
                index += 1
            index += 1
            outputs[name] = "\n".join(value)
        else:
            name, value_text = line.split("=", 1)
            outputs[name] = value_text
    return outputs

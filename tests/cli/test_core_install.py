"""``pip install vibeintelligence`` without the ``server`` extra: the analysis commands work and
the App's commands name the extra instead of failing with a traceback.

The commands run in subprocesses whose ``sitecustomize`` makes every package of the extra fail
to import, as if it were not installed, and writes down each attempt: an analysis command must
not even try one (a lazy import guarded by ``except ImportError`` would pass unnoticed).
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import tomllib
from pathlib import Path

import pytest
from packaging.requirements import Requirement
from packaging.utils import canonicalize_name

from app.cli.extras import SERVER_PACKAGES
from tests.action.conftest import REPOSITORY, Repo, pull_request_event, run_step_async, runner_env
from tests.fakes.github import FakeGitHub

REPO_ROOT = Path(__file__).resolve().parents[2]

BLOCKER = """
import os
import sys

_BLOCKED = frozenset(os.environ["VIBE_TEST_BLOCKED"].split(","))
_LOG = os.environ["VIBE_TEST_BLOCKED_LOG"]


class _NotInstalled:
    def find_spec(self, name, path=None, target=None):
        if name.partition(".")[0] not in _BLOCKED:
            return None
        with open(_LOG, "a", encoding="utf-8") as log:
            log.write(f"{os.getpid()} {name}\\n")
        raise ModuleNotFoundError(f"No module named {name!r}", name=name)


sys.meta_path.insert(0, _NotInstalled())
"""


class CoreOnly:
    """The environment of a process that sees only the core dependencies."""

    def __init__(self, directory: Path) -> None:
        directory.mkdir()
        (directory / "sitecustomize.py").write_text(BLOCKER, encoding="utf-8")
        self.log = directory / "attempts.log"
        self.log.touch()
        path = [str(directory), *filter(None, [os.environ.get("PYTHONPATH")])]
        self._variables = {
            "PYTHONPATH": os.pathsep.join(path),
            "VIBE_TEST_BLOCKED": ",".join(SERVER_PACKAGES),
            "VIBE_TEST_BLOCKED_LOG": str(self.log),
        }
        self.env = {**os.environ, **self._variables}

    def variables(self) -> dict[str, str]:
        """What to add to another process's environment to make it core-only."""
        return dict(self._variables)

    def vibe(self, *args: str | Path) -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            [sys.executable, "-m", "app.cli.main", *map(str, args)],
            cwd=REPO_ROOT,
            env=self.env,
            capture_output=True,
            text=True,
            timeout=180,
        )

    def attempts(self) -> list[str]:
        return self.log.read_text(encoding="utf-8").splitlines()


@pytest.fixture
def core_only(tmp_path: Path) -> CoreOnly:
    return CoreOnly(tmp_path / "core-only")


def test_the_blocker_makes_a_server_package_unimportable(core_only: CoreOnly) -> None:
    done = subprocess.run(
        [sys.executable, "-c", "import asyncpg"],
        env=core_only.env,
        capture_output=True,
        text=True,
        timeout=60,
    )

    assert done.returncode == 1
    assert "No module named 'asyncpg'" in done.stderr


def test_vibe_help_works_without_the_server_extra(core_only: CoreOnly) -> None:
    done = core_only.vibe("--help")

    assert done.returncode == 0, done.stderr
    assert "serve" in done.stdout and "scan" in done.stdout
    assert core_only.attempts() == []


def test_vibe_scan_works_without_the_server_extra(core_only: CoreOnly, tmp_path: Path) -> None:
    project = tmp_path / "project"
    project.mkdir()
    (project / "app.py").write_text(
        "import pickle\n\n\ndef load(blob):\n    return pickle.loads(blob)\n", encoding="utf-8"
    )
    (project / "requirements.txt").write_text("requests==2.31.0\n", encoding="utf-8")

    done = core_only.vibe("scan", project, "--format", "json", "--fail-on", "never")

    assert done.returncode == 0, done.stderr
    report = json.loads(done.stdout)
    assert report["scan"]["dependencies"]
    assert {f["tool"] for f in report["analysis"]["findings"]} >= {"bandit"}
    assert core_only.attempts() == []


def test_vibe_serve_without_the_server_extra_names_the_install_line(
    core_only: CoreOnly,
) -> None:
    done = core_only.vibe("serve", "--port", "1")

    assert done.returncode == 2
    (line,) = done.stderr.splitlines()
    assert line.startswith("vibe serve: the server's dependencies are not installed (missing: ")
    assert "asyncpg" in line and "arq" in line
    assert line.endswith('install them with: pip install "vibeintelligence[server]"')
    assert done.stdout == ""


def test_vibe_migrate_names_only_the_packages_it_needs(core_only: CoreOnly) -> None:
    done = core_only.vibe("migrate")

    assert done.returncode == 2
    assert "(missing: asyncpg, pgserver);" in done.stderr
    assert "Traceback" not in done.stderr


async def test_vibe_action_comments_without_the_server_extra(
    core_only: CoreOnly, tmp_path: Path, fake_github: FakeGitHub
) -> None:
    repo = Repo(tmp_path / "workspace")
    repo.root.mkdir(exist_ok=True)
    base = repo.commit({"check.py": "VALUE = 1\n"}, "base")
    head = repo.commit({"loader.py": "import pickle\n"}, "head")
    owner, name = REPOSITORY.split("/")
    fake_github.add_repo(owner, name, installation_id=7)
    fake_github.add_issue(owner, name, 2)
    token, _ = fake_github.issue_token(7)
    event = pull_request_event(tmp_path / "event.json", base, head)
    env = runner_env(
        repo.root,
        tmp_path / "runner",
        "pull_request",
        event,
        tools="bandit,secrets",
        comment="true",
        github_token=token,
        fail_on="never",
    )
    env.update(core_only.variables())
    env["GITHUB_API_URL"] = fake_github.url

    step = await run_step_async(env)

    assert step.returncode == 0, step.stdout + step.stderr
    assert "pull request comment updated" in step.stdout
    assert len(fake_github.comments_on(owner, name, 2)) == 1
    assert core_only.attempts() == []


def test_the_checked_packages_are_the_server_extra() -> None:
    project = tomllib.loads((REPO_ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    extra = {
        canonicalize_name(Requirement(line).name)
        for line in project["project"]["optional-dependencies"]["server"]
    }
    # semgrep, a core dependency, installs opentelemetry: nothing to check for it.
    extra = {name for name in extra if not name.startswith("opentelemetry-")}

    assert extra == {canonicalize_name(name) for name in SERVER_PACKAGES.values()}

"""The Action's gate, attacked by a pull request that edits `.github/vibe.yml` to let itself pass.

A pull request adds an unsafe YAML loader (a warning) and, in the same commit, relaxes the
configuration that gates it. The step must run with the base commit's configuration: a pull
request cannot weaken the check it is checked with (the App's rule). The step runs as the runner
starts it: `vibe action` in a subprocess, a real repository, a recorded `pull_request` payload.
"""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

import pytest

from tests.action.conftest import Repo, StepResult, pull_request_event, run_step, runner_env

REPO_ROOT = Path(__file__).resolve().parents[2]

# An unsafe YAML loader on line 3: bandit B506, a warning.
LOADER = "import yaml\n\ndef load(blob):\n    return yaml.load(blob, Loader=yaml.Loader)\n"
BASE_CONFIG = "fail_on: warning\n"
# What the pull request sets for itself: each alone would let its own warning through.
RELAXED_CONFIGS = {
    "fail_on never": "fail_on: never\n",
    "rule switched off": "fail_on: warning\nrules:\n  disable: [B506]\n",
    "path excluded": "fail_on: warning\npaths:\n  exclude: [loader.py]\n",
}


def step(env: dict[str, str]) -> StepResult:
    # The step imports this checkout's package, wherever it is installed.
    path = [str(REPO_ROOT), *filter(None, [os.environ.get("PYTHONPATH")])]
    return run_step({**env, "PYTHONPATH": os.pathsep.join(path)})


def git(*args: str, cwd: Path | None = None) -> str:
    done = subprocess.run(["git", *args], cwd=cwd, check=True, capture_output=True, text=True)
    return done.stdout.strip()


def base_and_pull_request(root: Path, relaxed: str) -> tuple[Repo, str, str]:
    repo = Repo(root)
    base = repo.commit({".github/vibe.yml": BASE_CONFIG, "README.md": "# Demo\n"}, "base")
    head = repo.commit({".github/vibe.yml": relaxed, "loader.py": LOADER}, "relax the gate")
    return repo, base, head


@pytest.mark.parametrize("relaxed", list(RELAXED_CONFIGS.values()), ids=list(RELAXED_CONFIGS))
def test_a_pull_request_cannot_relax_the_config_it_is_checked_with(
    tmp_path: Path, relaxed: str
) -> None:
    repo, base, head = base_and_pull_request(tmp_path / "workspace", relaxed)
    event = pull_request_event(tmp_path / "event.json", base, head)
    env = runner_env(repo.root, tmp_path / "runner", "pull_request", event, tools="bandit")

    result = step(env)

    assert result.returncode == 1, result.stdout + result.stderr
    (warning,) = result.lines("::warning file=loader.py")
    assert "B506" in warning
    assert result.lines("::error title=VibeIntelligence::")[-1].endswith("fail-on: warning")
    assert (
        f"configuration read from the base commit {base[:7]} (changes to .github/vibe.yml in "
        "this pull request take effect after merge)"
    ) in result.summary
    assert "This pull request changes .github/vibe.yml" in result.summary


PACK_CONFIG = "fail_on: warning\nrules:\n  packs: [.semgrep/]\n"
NO_PRINT = """\
rules:
  - id: no-print
    languages: [python]
    severity: WARNING
    message: use the logger, not print()
    pattern: print(...)
"""
# The pull request's version of the same rule: it matches nothing the pull request adds.
DEFANGED = NO_PRINT.replace("pattern: print(...)", "pattern: never_called_anywhere(...)")


def test_a_pull_request_cannot_rewrite_the_rule_packs_it_is_checked_with(tmp_path: Path) -> None:
    repo = Repo(tmp_path / "workspace")
    base = repo.commit({".github/vibe.yml": PACK_CONFIG, ".semgrep/style.yml": NO_PRINT}, "base")
    head = repo.commit(
        {".semgrep/style.yml": DEFANGED, "app.py": "print('hello')\n"}, "defang the rule"
    )
    event = pull_request_event(tmp_path / "event.json", base, head)
    env = runner_env(repo.root, tmp_path / "runner", "pull_request", event, tools="semgrep")

    result = step(env)

    assert result.returncode == 1, result.stdout + result.stderr
    (warning,) = result.lines("::warning file=app.py")
    assert "no-print" in warning


def test_an_unchanged_config_is_not_reported_as_changed(tmp_path: Path) -> None:
    repo = Repo(tmp_path / "workspace")
    base = repo.commit({".github/vibe.yml": BASE_CONFIG}, "base")
    head = repo.commit({"loader.py": LOADER}, "a loader")
    event = pull_request_event(tmp_path / "event.json", base, head)
    env = runner_env(repo.root, tmp_path / "runner", "pull_request", event, tools="bandit")

    result = step(env)

    assert result.returncode == 1, result.stdout + result.stderr
    assert f"configuration read from the base commit {base[:7]}" in result.summary
    assert "This pull request changes" not in result.summary


def test_an_invalid_config_in_the_pull_request_is_reported_before_it_is_merged(
    tmp_path: Path,
) -> None:
    repo, base, head = base_and_pull_request(tmp_path / "workspace", "fail_on: sometimes\n")
    event = pull_request_event(tmp_path / "event.json", base, head)
    env = runner_env(repo.root, tmp_path / "runner", "pull_request", event, tools="bandit")

    result = step(env)

    # As the App's check does: the version that applies once merged must be valid now.
    assert result.returncode == 2, result.stdout + result.stderr
    (error,) = result.lines("::error")
    assert error.startswith("::error title=VibeIntelligence,file=.github/vibe.yml,line=1::")
    assert "`fail_on` must be one of error, warning, note, never" in error


def test_a_push_runs_with_the_pushed_config(tmp_path: Path) -> None:
    from tests.action.conftest import push_event

    repo, base, head = base_and_pull_request(tmp_path / "workspace", "fail_on: never\n")
    event = push_event(tmp_path / "event.json", base, head)
    env = runner_env(repo.root, tmp_path / "runner", "push", event, tools="bandit")

    result = step(env)

    # On a push the pushed commit is the branch: its configuration is the one to use.
    assert result.returncode == 0, result.stdout + result.stderr
    assert "configuration read from the base commit" not in result.summary + result.stdout


def shallow_checkout(tmp_path: Path, relaxed: str) -> tuple[Path, Path, str, str]:
    """A bare "origin" with the base branch and the pull request's head, and the checkout
    actions/checkout makes by default: the head alone, one commit deep."""
    repo, base, head = base_and_pull_request(tmp_path / "work", relaxed)
    origin = tmp_path / "origin.git"
    git("init", "-q", "--bare", str(origin))
    git("push", "-q", str(origin), f"{base}:refs/heads/main", cwd=repo.root)
    git("push", "-q", str(origin), f"{head}:refs/pull/2/head", cwd=repo.root)
    checkout = tmp_path / "checkout"
    git("init", "-q", str(checkout))
    git("remote", "add", "origin", origin.as_uri(), cwd=checkout)
    git("fetch", "-q", "--no-tags", "--depth=1", "origin", "refs/pull/2/head", cwd=checkout)
    git("checkout", "-q", "--detach", "FETCH_HEAD", cwd=checkout)
    return checkout, origin, base, head


def test_a_shallow_checkout_fetches_the_base_commit_for_its_config(tmp_path: Path) -> None:
    checkout, _, base, head = shallow_checkout(tmp_path, "fail_on: never\n")
    assert git("cat-file", "-t", base, cwd=checkout.parent / "work") == "commit"
    event = pull_request_event(tmp_path / "event.json", base, head)
    env = runner_env(checkout, tmp_path / "runner", "pull_request", event, tools="bandit")

    result = step(env)

    # The base commit was fetched and its configuration read; comparing with it still needs
    # the history between the two (the step says so, with its fix).
    assert git("cat-file", "-t", base, cwd=checkout) == "commit"
    (said,) = [line for line in result.stdout.splitlines() if "configuration read from" in line]
    assert f"the base commit {base[:7]}" in said
    assert result.returncode == 2, result.stdout + result.stderr
    assert "`fetch-depth: 0`" in result.lines("::error")[-1]


def test_a_base_commit_that_cannot_be_fetched_fails_the_step(tmp_path: Path) -> None:
    checkout, origin, base, head = shallow_checkout(tmp_path, "fail_on: never\n")
    # The origin cannot be reached: the configuration cannot be read, and the pull request's
    # own version must not be used instead.
    shutil.rmtree(origin)
    event = pull_request_event(tmp_path / "event.json", base, head)
    env = runner_env(checkout, tmp_path / "runner", "pull_request", event, tools="bandit")

    result = step(env)

    assert result.returncode == 2, result.stdout + result.stderr
    (error,) = result.lines("::error")
    assert f"the base commit {base}" in error
    assert "cannot read .github/vibe.yml" in error
    assert "git fetch" in error
    assert result.outputs == {}

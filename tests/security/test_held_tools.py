"""Attacks on the analysis and the processes that held (issue 18), kept so that they keep
holding; the list of the others, and where they are tested, is in test_held.py.

- A symbolic link out of the tree, in a checkout (`vibe scan`) and in a commit (what the App
  analyzes from its mirror), leads neither the scanner nor an analyzer to the file behind it.
- File names and refs that read as options (`--output=…`, `-o…`, `--upload-pack=…`) reach
  bandit, semgrep and git as paths or commit names, never as options.
- The App's private key and webhook secret never appear in what `vibe serve` and `vibe worker`
  print when they cannot start.
"""

from __future__ import annotations

import json
import os
import socket
import subprocess
import sys
from pathlib import Path
from typing import Any

import pygit2
import pytest

from app.agents.analyzer.commits import analyze_commits
from app.agents.analyzer.options import AnalysisOptions
from app.agents.scanner.tree import scan_tree
from tests.action.conftest import Repo, pull_request_event, run_step, runner_env
from tests.vibe_cli import run_vibe as vibe

REPO_ROOT = Path(__file__).resolve().parents[2]
PYTHONPATH = os.pathsep.join([str(REPO_ROOT), *filter(None, [os.environ.get("PYTHONPATH")])])
AWS_KEY = "AKIA7Q4WERTYZXCVBNMP"
# What sits outside the tree: a secret (the secret detector), an eval (bandit B307 and semgrep).
OUTSIDE_CODE = f'ACCESS_KEY = "{AWS_KEY}"\n\n\ndef run(expression):\n    return eval(expression)\n'
EVAL = "def run(expression):\n    return eval(expression)\n"
LINK_MODE = pygit2.enums.FileMode.LINK
BLOB_MODE = pygit2.enums.FileMode.BLOB


def findings_of(result: subprocess.CompletedProcess[str]) -> list[dict[str, Any]]:
    assert result.returncode in (0, 1), result.stdout + result.stderr
    findings: list[dict[str, Any]] = json.loads(result.stdout)["analysis"]["findings"]
    return findings


def tools_of(finding: dict[str, Any]) -> set[str]:
    """The tools that reported a finding (one finding per place: the others are evidence)."""
    return {finding["tool"], *(evidence["tool"] for evidence in finding["evidence"] or [])}


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port: int = probe.getsockname()[1]
        return port


@pytest.fixture
def outside(tmp_path: Path) -> Path:
    folder = tmp_path / "outside"
    folder.mkdir()
    (folder / "secret.py").write_text(OUTSIDE_CODE, encoding="utf-8")
    return folder


def test_vibe_scan_follows_no_link_out_of_the_checkout(tmp_path: Path, outside: Path) -> None:
    root = tmp_path / "checkout"
    Repo(root).commit({"app.py": EVAL}, "an eval of our own")
    (root / "leak.py").symlink_to(outside / "secret.py")
    (root / "leakdir").symlink_to(outside, target_is_directory=True)

    result = vibe("scan", root, "--format", "json", "--no-cache")

    findings = findings_of(result)
    assert {f["path"] for f in findings} == {"app.py"}  # the analyzers ran, on our file only
    assert tools_of(findings[0]) == {"bandit", "semgrep"}
    assert AWS_KEY not in result.stdout + result.stderr
    skipped = {s["path"]: s["reason"] for s in json.loads(result.stdout)["scan"]["skipped"]}
    assert skipped["leak.py"] == skipped["leakdir"] == "symlink"


def commit_with_links(path: Path, outside: Path) -> tuple[pygit2.Repository, str]:
    """A commit whose tree links ``leak.py`` and ``leakdir`` to absolute paths outside it, as a
    pull request can push them (links are blobs holding their target)."""
    repo = pygit2.init_repository(str(path), bare=True)
    builder = repo.TreeBuilder()
    builder.insert("app.py", repo.create_blob(EVAL.encode()), BLOB_MODE)
    builder.insert("leak.py", repo.create_blob(str(outside / "secret.py").encode()), LINK_MODE)
    builder.insert("leakdir", repo.create_blob(str(outside).encode()), LINK_MODE)
    signature = pygit2.Signature("Mallory", "m@example.com", 1_700_000_000, 0)
    sha = repo.create_commit("refs/heads/main", signature, signature, "links", builder.write(), [])
    return repo, str(sha)


def test_a_commits_links_out_of_its_tree_are_neither_scanned_nor_analyzed(
    tmp_path: Path, outside: Path
) -> None:
    repo, sha = commit_with_links(tmp_path / "mirror.git", outside)
    tree = repo[sha].peel(pygit2.Tree)

    scan = scan_tree(tree, root="mallory/app")
    report = analyze_commits(repo, sha, None, AnalysisOptions(cache_dir=tmp_path / "cache"))

    assert {f.path for f in report.findings} == {"app.py"}
    assert {tool for f in report.findings for tool in tools_of(f.model_dump())} == {
        "bandit",
        "semgrep",
    }
    assert AWS_KEY not in report.model_dump_json() + scan.model_dump_json()
    assert {s.path: s.reason for s in scan.skipped} == {"leak.py": "symlink", "leakdir": "symlink"}


OPTION_NAMES = ("--output=pwned.py", "-opwned2.py", "--config=pwned3.py")


def test_file_names_that_read_as_options_are_analyzed_as_files(tmp_path: Path) -> None:
    root = tmp_path / "checkout"
    Repo(root).commit(dict.fromkeys(OPTION_NAMES, EVAL), "files named like options")

    result = vibe("scan", root, "--format", "json", "--no-cache")

    findings = findings_of(result)
    for name in OPTION_NAMES:
        (finding,) = [f for f in findings if f["path"] == name]
        assert tools_of(finding) == {"bandit", "semgrep"}, name
    # Taken as options they would have written reports to these files.
    assert sorted(p.name for p in root.iterdir() if p.name != ".git") == sorted(OPTION_NAMES)


HOSTILE_REF = "--upload-pack=touch pwned-by-ref"


def test_a_base_that_reads_as_a_git_option_is_a_missing_commit(tmp_path: Path) -> None:
    root = tmp_path / "checkout"
    Repo(root).commit({"app.py": EVAL}, "one")

    result = vibe("scan", root, f"--base={HOSTILE_REF}", "--format", "json", cwd=tmp_path)

    assert result.returncode == 2, result.stdout + result.stderr
    assert "no such commit" in result.stderr
    assert not list(tmp_path.rglob("pwned*"))


@pytest.mark.parametrize("where", ["base input", "event base sha"])
def test_the_action_passes_no_option_to_git(tmp_path: Path, where: str) -> None:
    repo = Repo(tmp_path / "workspace")
    base = repo.commit({"README.md": "# Demo\n"}, "base")
    head = repo.commit({"app.py": EVAL}, "head")
    event = pull_request_event(tmp_path / "event.json", base, head)
    inputs = {"tools": "bandit"}
    if where == "base input":
        inputs["base"] = HOSTILE_REF
    else:
        payload = json.loads(event.read_text())
        payload["pull_request"]["base"]["sha"] = HOSTILE_REF
        event.write_text(json.dumps(payload))
    env = runner_env(repo.root, tmp_path / "runner", "pull_request", event, **inputs)
    env["PYTHONPATH"] = PYTHONPATH

    step = run_step(env)

    assert step.returncode == 2, step.stdout + step.stderr
    (error,) = step.lines("::error")
    assert "--upload-pack" in error
    assert not list(tmp_path.rglob("pwned*"))


def port_option(argv: list[str]) -> list[str]:
    return ["--port", str(free_port())] if "serve" in argv else []


# A key that is no key (the start fails on it) and a webhook secret, both recognisable.
KEY_BODY = "MIIEowIBAAKCAQEAheldTESTkeyBODYneverSHOWN"
BROKEN_KEY = f"-----BEGIN RSA PRIVATE KEY-----\n{KEY_BODY}\n-----END RSA PRIVATE KEY-----\n"
WEBHOOK_SECRET = "held-test-webhook-secret-never-shown"


@pytest.mark.parametrize(
    "argv", [["serve"], ["--debug", "serve"], ["worker"]], ids=["serve", "serve-debug", "worker"]
)
def test_a_failed_start_prints_neither_the_private_key_nor_the_webhook_secret(
    tmp_path: Path, argv: list[str]
) -> None:
    env = {
        key: value
        for key, value in os.environ.items()
        if not key.startswith("VIBE_") and key not in {"DATABASE_URL", "REDIS_URL"}
    }
    env.update(
        PYTHONPATH=PYTHONPATH,
        VIBE_DATA_DIR=str(tmp_path / "data"),
        VIBE_LOG_FORMAT="json",
        VIBE_GITHUB_APP_ID="12345",
        VIBE_GITHUB_PRIVATE_KEY=BROKEN_KEY,
        VIBE_GITHUB_WEBHOOK_SECRET=WEBHOOK_SECRET,
        # Nothing listens on port 1: the start fails on its error path.
        VIBE_DATABASE_URL="postgresql://vibe@127.0.0.1:1/vibe",
        VIBE_REDIS_URL="redis://127.0.0.1:1/0",
    )

    done = subprocess.run(
        [sys.executable, "-m", "app.cli.main", *argv, *port_option(argv)],
        cwd=tmp_path,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )

    printed = done.stdout + done.stderr
    assert done.returncode != 0, printed
    assert "127.0.0.1" in printed  # it got as far as the database, and said so
    assert KEY_BODY not in printed
    assert WEBHOOK_SECRET not in printed

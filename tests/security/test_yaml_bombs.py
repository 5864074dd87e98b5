"""Attack: a few hundred bytes of repository YAML whose aliases nest ("billion laughs"), or whose
brackets nest 100,000 deep, so that whatever reads the file spends minutes and gigabytes, or
crashes.

Eight levels of nine aliases is 43 million nodes once expanded: the effective configuration of a
baseline scan took 48 s and 1.6 GB to save. The bomb goes where a pull request author or a pusher
puts it: ``.github/vibe.yml`` (``vibe scan`` as a subprocess, and the App's check and baseline
through signed deliveries to the real receiver and a burst worker), a kustomization
(``vibe deploy --dry-run``), a workflow file and a rule pack (which semgrep would parse), a lock
file and a Kubernetes manifest (which the scanner reads). Each must end with a sentence naming
the file and line, never by expanding the bomb. No timing is asserted: a test that expands the
bomb does not end within its subprocess timeout."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import asyncpg
import pygit2
import pytest
from aiohttp.test_utils import TestClient

from app.agents.deployer.kustomize import build
from app.agents.deployer.sources import GitTreeSource
from app.settings import Settings
from jobs.queue.runner import WorkerOptions
from tests.e2e import FAST, Burst, deliver, github_worker_settings
from tests.fakes.github import FakeGitHub
from tests.pipeline.conftest import make_world
from tests.vibe_cli import run_vibe as vibe

BOMB_LEVELS = 8  # 9**8 = 43 million nodes once expanded; the bomb of the report
IMAGE = "ghcr.io/octo/demo"
DEEP = 100_000


def alias_bomb(key: str, indent: str = "") -> str:
    """``key:`` holding BOMB_LEVELS lists, each nine aliases of the one before; line 1 is
    ``key:``, the first alias is on line 3."""
    names = "abcdefghijklmnop"
    lines = [f"{indent}{key}:", f"{indent}  a: &a [x, x, x, x, x, x, x, x, x]"]
    for level in range(1, BOMB_LEVELS):
        name, previous = names[level], names[level - 1]
        aliases = ", ".join([f"*{previous}"] * 9)
        lines.append(f"{indent}  {name}: &{name} [{aliases}]")
    return "\n".join(lines) + "\n"


def git_checkout(root: Path, files: dict[str, str]) -> Path:
    """A real repository with one commit holding ``files``, checked out at ``root``."""
    repo = pygit2.init_repository(str(root), initial_head="main")
    for name, text in files.items():
        (root / name).parent.mkdir(parents=True, exist_ok=True)
        (root / name).write_text(text, encoding="utf-8")
    repo.index.add_all()
    repo.index.write()
    tree = repo.index.write_tree()
    signature = pygit2.Signature("Dev", "dev@example.com")
    repo.create_commit("HEAD", signature, signature, "hostile", tree, [])
    return root


# -- .github/vibe.yml: aliases are refused --------------------------------------------------


def test_vibe_scan_refuses_an_alias_bomb_in_vibe_yml_naming_the_line(tmp_path: Path) -> None:
    root = git_checkout(
        tmp_path / "repo", {".github/vibe.yml": alias_bomb("deploy"), "app.py": "x = 1\n"}
    )

    result = vibe("scan", root)

    assert result.returncode == 2, result.stderr
    assert (
        f"line 3: YAML aliases are not allowed in {root}/.github/vibe.yml (`*a` repeats the "
        "value anchored as `&a`); write the value out in full"
    ) in result.stderr
    assert result.stdout == ""


@pytest.fixture
def worker_settings(fake_github: FakeGitHub, shared_data_dir: Path) -> Settings:
    return github_worker_settings(fake_github, shared_data_dir)


@pytest.fixture
def worker_options() -> WorkerOptions:
    return FAST


async def test_the_pull_request_check_fails_naming_the_line_of_an_alias_bomb(
    client: TestClient, fake_github: FakeGitHub, tmp_path: Path, burst: Burst
) -> None:
    world = make_world(
        fake_github,
        tmp_path,
        {"app.py": "x = 1\n"},
        {"app.py": "x = 2\n", ".github/vibe.yml": "fail_on: error\n" + alias_bomb("deploy")},
    )

    await deliver(client, world.pull_request_delivery("opened"))
    await burst()

    [run] = world.runs_on(world.head_sha)
    assert run["status"] == "completed"
    assert run["conclusion"] == "failure"
    assert (
        "`.github/vibe.yml` line 4: YAML aliases are not allowed in .github/vibe.yml"
        in run["output"]["summary"]
    )


async def test_a_baseline_with_an_alias_bomb_saves_the_refusal_not_the_expansion(
    client: TestClient,
    db_pool: asyncpg.Pool,
    fake_github: FakeGitHub,
    tmp_path: Path,
    burst: Burst,
) -> None:
    config = alias_bomb("deploy")
    world = make_world(fake_github, tmp_path, {".github/vibe.yml": config}, {})

    await deliver(client, world.baseline_push_delivery())
    await burst()

    saved = await db_pool.fetchval(
        "SELECT report->'config' FROM scans WHERE kind = 'baseline' AND commit_sha = $1",
        world.base_sha,
    )
    effective: dict[str, Any] = json.loads(saved)
    assert effective["source"].startswith(
        "defaults: `.github/vibe.yml` line 3: YAML aliases are not allowed in .github/vibe.yml"
    )
    assert effective["values"]["deploy"] is None
    assert len(saved) < 10_000


# -- Kubernetes YAML, workflows, rule packs: aliases are capped ----------------------------


def test_vibe_deploy_refuses_an_alias_bomb_in_a_kustomization(tmp_path: Path) -> None:
    deployment = f"""\
apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
spec:
  template:
    spec:
      containers:
        - name: web
          image: {IMAGE}:latest
"""
    config = f"""\
deploy:
  environments:
    production:
      context: prod
      namespace: demo
      kustomize: k8s
      image: {IMAGE}
"""
    kustomization = "resources:\n  - deployment.yaml\n" + alias_bomb("commonAnnotations")
    root = git_checkout(
        tmp_path / "repo",
        {
            ".github/vibe.yml": config,
            "k8s/kustomization.yaml": kustomization,
            "k8s/deployment.yaml": deployment,
        },
    )

    result = vibe("deploy", "production", "--path", root, "--dry-run")

    assert result.returncode == 2, result.stderr
    assert (
        "k8s/kustomization.yaml line 9: YAML aliases expand to more than 100,000 nodes"
        in result.stderr
    )
    assert result.stdout == ""


def test_vibe_scan_does_not_hand_semgrep_a_workflow_alias_bomb(tmp_path: Path) -> None:
    workflow = (
        "on: push\njobs:\n  build:\n    runs-on: ubuntu-latest\n    steps:\n"
        "      - run: echo hi\n" + alias_bomb("x-bomb")
    )
    root = git_checkout(
        tmp_path / "repo", {".github/workflows/ci.yml": workflow, "app.py": "x = 1\n"}
    )

    result = vibe("scan", root, "--format", "json", "--fail-on", "never")

    assert result.returncode == 0, result.stderr
    notices = json.loads(result.stdout)["analysis"]["notices"]
    [notice] = [n for n in notices if n["path"] == ".github/workflows/ci.yml"]
    assert notice["message"].startswith("line 13: YAML aliases expand to more than 100,000 nodes")
    assert notice["message"].endswith("semgrep did not read this file")


def test_vibe_scan_refuses_a_rule_pack_alias_bomb_naming_the_pack_line(tmp_path: Path) -> None:
    rules = (
        "rules:\n  - id: no-print\n    languages: [python]\n    severity: ERROR\n"
        "    message: use the logger\n    pattern: print(...)\n"
        + alias_bomb("metadata", indent="    ")
    )
    root = git_checkout(
        tmp_path / "repo",
        {
            ".github/vibe.yml": 'rules:\n  packs: [".semgrep/"]\n',
            ".semgrep/style.yml": rules,
            "app.py": "print(1)\n",
        },
    )

    result = vibe("scan", root)

    assert result.returncode == 2, result.stderr
    assert (
        "`.semgrep/style.yml` line 13: YAML aliases expand to more than 100,000 nodes"
        in result.stderr
    )


# -- nesting 100,000 deep -----------------------------------------------------------------


def test_vibe_scan_survives_a_lock_file_nested_100000_deep(tmp_path: Path) -> None:
    lock = "lockfileVersion: '9.0'\npackages: " + "[" * DEEP + "]" * DEEP + "\n"
    root = git_checkout(
        tmp_path / "repo",
        {"package.json": '{"name": "x", "version": "1.0.0"}\n', "pnpm-lock.yaml": lock},
    )

    result = vibe("scan", root, "--no-analyze")

    assert result.returncode == 0, result.stderr
    assert "pnpm-lock.yaml:2: pnpm-lock.yaml is not read: nested more than 100 levels" in (
        " ".join(result.stdout.split())
    )


def test_vibe_scan_survives_a_kubernetes_manifest_nested_100000_deep(tmp_path: Path) -> None:
    manifest = "apiVersion: v1\nkind: ConfigMap\ndata: " + "[" * DEEP + "]" * DEEP + "\n"
    root = git_checkout(tmp_path / "repo", {"deploy/app.yaml": manifest, "app.py": "x = 1\n"})

    result = vibe("scan", root, "--no-analyze", "--format", "json")

    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout)["scan"]["infrastructure"] == []


# -- what still works ---------------------------------------------------------------------


def test_anchors_of_real_manifests_still_render_each_place_on_its_own(tmp_path: Path) -> None:
    # A Deployment whose labels, selector and pod labels are one anchored mapping, as
    # repositories write them: labels added without selectors must not change the selector.
    manifests = f"""\
apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
  labels: &labels {{app: demo}}
spec:
  selector:
    matchLabels: *labels
  template:
    metadata:
      labels: *labels
    spec:
      containers:
        - {{name: web, image: {IMAGE}:latest}}
"""
    kustomization = (
        "resources: [apps.yaml]\nnamePrefix: p-\n"
        "labels:\n  - pairs: {tier: backend}\n    includeSelectors: false\n"
    )
    repo = git_checkout(
        tmp_path / "repo", {"k8s/kustomization.yaml": kustomization, "k8s/apps.yaml": manifests}
    )
    git = pygit2.Repository(str(repo))

    [deployment] = build(GitTreeSource(git, str(git.head.target)), "k8s")

    assert deployment["metadata"]["name"] == "p-web"
    assert deployment["metadata"]["labels"] == {"app": "demo", "tier": "backend"}
    assert deployment["spec"]["selector"]["matchLabels"] == {"app": "demo"}
    assert deployment["spec"]["template"]["metadata"]["labels"] == {"app": "demo"}

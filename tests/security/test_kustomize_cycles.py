"""Attack: a kustomization that includes itself (``resources: [.]``), two overlays that name each
other, or a symbolic link back up the tree, so that rendering recurses until Python gives up.

``vibe deploy ENV --dry-run`` runs as a subprocess on a real checkout, as a person deploying a
repository they cloned would; the worker's renderer reads a real commit of a real repository.
Each must end with one sentence naming the cycle, never a ``RecursionError``."""

from __future__ import annotations

import subprocess
from pathlib import Path

import pygit2
import pytest

from app.agents.deployer.kustomize import KustomizeError, build
from app.agents.deployer.sources import GitTreeSource
from tests.pipeline.conftest import GitRepo
from tests.vibe_cli import run_vibe

IMAGE = "ghcr.io/octo/demo"
VIBE_YML = f"""\
deploy:
  environments:
    production:
      context: prod
      namespace: demo
      kustomize: overlays/prod
      image: {IMAGE}
"""
DEPLOYMENT = f"""\
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
SHA = "0123456789abcdef0123456789abcdef01234567"


def vibe_deploy_dry_run(root: Path) -> subprocess.CompletedProcess[str]:
    return run_vibe("deploy", "production", "--path", root, "--sha", SHA, "--dry-run", timeout=120)


def checkout(tmp_path: Path, files: dict[str, str], config: str = VIBE_YML) -> Path:
    root = tmp_path / "checkout"
    for name, text in {".github/vibe.yml": config, **files}.items():
        (root / name).parent.mkdir(parents=True, exist_ok=True)
        (root / name).write_text(text, encoding="utf-8")
    return root


def commit_source(tmp_path: Path, files: dict[str, str]) -> GitTreeSource:
    git = GitRepo(tmp_path / "origin")
    sha = git.commit("main", {".github/vibe.yml": VIBE_YML, **files})
    return GitTreeSource(pygit2.Repository(str(tmp_path / "origin")), sha)


SELF = {
    "overlays/prod/kustomization.yaml": "resources:\n  - deployment.yaml\n  - .\n",
    "overlays/prod/deployment.yaml": DEPLOYMENT,
}
TWO = {
    "overlays/prod/kustomization.yaml": "resources:\n  - ../../base\nnamePrefix: prod-\n",
    "base/kustomization.yaml": "resources:\n  - deployment.yaml\n  - ../overlays/prod\n",
    "base/deployment.yaml": DEPLOYMENT,
}


def test_vibe_deploy_names_a_kustomization_that_includes_itself(tmp_path: Path) -> None:
    result = vibe_deploy_dry_run(checkout(tmp_path, SELF))

    assert "RecursionError" not in result.stderr
    assert "kustomization cycle: overlays/prod → overlays/prod" in result.stderr
    assert result.returncode == 2, result.stderr
    assert result.stdout == ""  # nothing half-rendered is printed


def test_vibe_deploy_names_two_overlays_that_include_each_other(tmp_path: Path) -> None:
    result = vibe_deploy_dry_run(checkout(tmp_path, TWO))

    assert "RecursionError" not in result.stderr
    assert "kustomization cycle: overlays/prod → base → overlays/prod" in result.stderr
    assert result.returncode == 2, result.stderr


def test_vibe_deploy_sees_a_cycle_through_a_symbolic_link_back_up(tmp_path: Path) -> None:
    root = checkout(
        tmp_path,
        {
            "overlays/prod/kustomization.yaml": "resources:\n  - ../../base\n",
            "base/kustomization.yaml": "resources:\n  - deployment.yaml\n  - up\n",
            "base/deployment.yaml": DEPLOYMENT,
        },
    )
    (root / "base" / "up").symlink_to("../overlays/prod", target_is_directory=True)

    result = vibe_deploy_dry_run(root)

    assert "RecursionError" not in result.stderr
    assert "kustomization cycle: overlays/prod → base → base/up" in result.stderr
    assert result.returncode == 2, result.stderr


def test_vibe_deploy_sees_a_folder_of_manifests_that_links_to_itself(tmp_path: Path) -> None:
    # `manifests:` reads every .yaml of a folder; one of them is a link to the folder itself.
    config = VIBE_YML.replace("kustomize: overlays/prod", "manifests: k8s")
    root = checkout(tmp_path, {"k8s/deployment.yaml": DEPLOYMENT}, config)
    (root / "k8s" / "more.yaml").symlink_to(".", target_is_directory=True)

    result = vibe_deploy_dry_run(root)

    assert "RecursionError" not in result.stderr
    assert "kustomization cycle: k8s → k8s/more.yaml" in result.stderr
    assert result.returncode == 2, result.stderr


def test_a_pushed_commit_with_a_self_including_kustomization_is_refused(tmp_path: Path) -> None:
    source = commit_source(tmp_path, SELF)

    with pytest.raises(KustomizeError, match=r"kustomization cycle: overlays/prod → overlays/prod"):
        build(source, "overlays/prod")


def test_a_pushed_commit_with_a_cycle_through_bases_is_refused(tmp_path: Path) -> None:
    source = commit_source(
        tmp_path,
        {
            "overlays/prod/kustomization.yaml": "bases:\n  - ../../base\n",
            "base/kustomization.yaml": "resources:\n  - deployment.yaml\nbases:\n  - ..\n",
            "base/deployment.yaml": DEPLOYMENT,
            "kustomization.yaml": "resources:\n  - overlays/prod\n",
        },
    )

    with pytest.raises(KustomizeError) as caught:
        build(source, "overlays/prod")

    assert str(caught.value) == "kustomization cycle: overlays/prod → base → . → overlays/prod"


def test_a_chain_of_overlays_deeper_than_the_limit_is_refused(tmp_path: Path) -> None:
    path, files = "l", {}
    for _ in range(40):  # real overlays nest three or four deep
        files[f"{path}/kustomization.yaml"] = "resources:\n  - l\n"
        path += "/l"
    files[f"{path}/kustomization.yaml"] = "resources:\n  - deployment.yaml\n"
    files[f"{path}/deployment.yaml"] = DEPLOYMENT
    source = commit_source(tmp_path, files)

    with pytest.raises(KustomizeError) as caught:
        build(source, "l")

    too_deep = "/".join(["l"] * 33)
    assert str(caught.value).startswith(f"{too_deep}: kustomizations nest more than 32 deep")


def test_the_same_base_twice_side_by_side_is_no_cycle(tmp_path: Path) -> None:
    source = commit_source(
        tmp_path,
        {
            "overlays/prod/kustomization.yaml": "resources:\n  - ../../a\n  - ../../b\n",
            "a/kustomization.yaml": "resources:\n  - ../base\nnamePrefix: a-\n",
            "b/kustomization.yaml": "resources:\n  - ../base\nnamePrefix: b-\n",
            "base/kustomization.yaml": "resources:\n  - deployment.yaml\n",
            "base/deployment.yaml": DEPLOYMENT,
        },
    )

    names = [m["metadata"]["name"] for m in build(source, "overlays/prod")]

    assert names == ["a-web", "b-web"]

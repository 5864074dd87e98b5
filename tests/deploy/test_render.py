"""Rendering: the built-in kustomize, the image tag set to the sha, namespaces, previews, and
the pure pieces of the rollout (status reading, the comment section)."""

from __future__ import annotations

from pathlib import Path

import pytest

from app.agents.deployer.config import EnvironmentConfig
from app.agents.deployer.kustomize import KustomizeError, build, set_image, split_image
from app.agents.deployer.previews import (
    carry_preview_section,
    preview_section,
    refuse_cluster_scoped,
    with_preview_section,
)
from app.agents.deployer.render import PreviewTarget, render_environment
from app.agents.deployer.rollout import rollout_status
from app.agents.deployer.sources import DirectorySource, ManifestSourceError
from tests.deploy.conftest import BASE, IMAGE

SHA = "a" * 40


def checkout(tmp_path: Path, files: dict[str, str]) -> DirectorySource:
    for name, text in files.items():
        path = tmp_path / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    return DirectorySource(tmp_path)


def environment(**overrides: object) -> EnvironmentConfig:
    values: dict[str, object] = {
        "context": "c",
        "namespace": "demo",
        "kustomize": "deploy/base",
        "image": IMAGE,
    }
    values.update(overrides)
    return EnvironmentConfig.model_validate(values)


def test_the_image_tag_becomes_the_sha_and_everything_lands_in_the_namespace(
    tmp_path: Path,
) -> None:
    manifests = render_environment(checkout(tmp_path, BASE), environment(), SHA)
    assert [m["kind"] for m in manifests] == ["Deployment", "Service"]
    assert {m["metadata"]["namespace"] for m in manifests} == {"demo"}
    container = manifests[0]["spec"]["template"]["spec"]["containers"][0]
    assert container["image"] == f"{IMAGE}:{SHA}"
    assert manifests[0]["metadata"]["labels"]["app.kubernetes.io/managed-by"] == "vibeintelligence"


def test_plain_manifests_from_a_folder_render_too(tmp_path: Path) -> None:
    files = {f"k8s/{name.rsplit('/', 1)[-1]}": text for name, text in BASE.items()}
    del files["k8s/kustomization.yaml"]
    env = environment(kustomize=None, manifests="k8s")
    manifests = render_environment(checkout(tmp_path, files), env, SHA)
    assert sorted(m["kind"] for m in manifests) == ["Deployment", "Service"]


def test_an_image_no_container_uses_is_an_error_naming_the_setting(tmp_path: Path) -> None:
    with pytest.raises(KustomizeError, match=r"set `image` in \.github/vibe\.yml"):
        render_environment(checkout(tmp_path, BASE), environment(image="ghcr.io/x/y"), SHA)


def test_a_preview_gets_its_own_labelled_namespace_first(tmp_path: Path) -> None:
    target = PreviewTarget("octo/demo", 70, 7, 12)
    manifests = render_environment(checkout(tmp_path, BASE), environment(), SHA, preview=target)
    namespace = manifests[0]
    assert namespace["kind"] == "Namespace" and namespace["metadata"]["name"] == "pr-12"
    assert namespace["metadata"]["labels"]["vibeintelligence.dev/repository-id"] == "70"
    assert {m["metadata"].get("namespace") for m in manifests[1:]} == {"pr-12"}


def test_previews_refuse_cluster_wide_objects() -> None:
    binding = {"apiVersion": "rbac.authorization.k8s.io/v1", "kind": "ClusterRoleBinding"}
    binding["metadata"] = {"name": "admin"}  # type: ignore[assignment]
    with pytest.raises(KustomizeError, match="previews deploy only namespaced objects"):
        refuse_cluster_scoped([binding])


def test_overlays_patch_by_strategic_merge_and_json_patch(tmp_path: Path) -> None:
    files = {
        **BASE,
        "deploy/prod/kustomization.yaml": """\
resources: [../base]
namespace: prod
namePrefix: prod-
commonLabels: {tier: web}
images:
  - {name: ghcr.io/octo/demo, newName: registry.example.com/demo, newTag: "2"}
patches:
  - path: replicas.yaml
  - target: {kind: Service, name: web}
    patch: |
      - op: add
        path: /spec/type
        value: NodePort
""",
        "deploy/prod/replicas.yaml": """\
apiVersion: apps/v1
kind: Deployment
metadata: {name: web}
spec:
  replicas: 5
  template:
    spec:
      containers:
        - name: web
          env: [{name: MODE, value: prod}]
""",
    }
    deployment, service = build(checkout(tmp_path, files), "deploy/prod")
    assert deployment["metadata"]["name"] == "prod-web"
    assert deployment["metadata"]["namespace"] == "prod"
    assert deployment["spec"]["replicas"] == 5
    [container] = deployment["spec"]["template"]["spec"]["containers"]
    assert container["image"] == "registry.example.com/demo:2"
    assert container["env"] == [{"name": "MODE", "value": "prod"}]
    assert container["ports"] == [{"containerPort": 8000}]  # merged, not replaced
    assert deployment["spec"]["selector"]["matchLabels"]["tier"] == "web"
    assert service["spec"]["type"] == "NodePort" and service["spec"]["selector"]["tier"] == "web"


def test_an_unsupported_kustomize_field_is_refused_by_name(tmp_path: Path) -> None:
    files = {**BASE, "deploy/base/kustomization.yaml": "resources: []\nhelmCharts: []\n"}
    with pytest.raises(KustomizeError, match="`helmCharts` is not supported"):
        build(checkout(tmp_path, files), "deploy/base")


def test_a_resource_outside_the_repository_is_refused(tmp_path: Path) -> None:
    files = {"deploy/kustomization.yaml": "resources: [../../etc/passwd]\n"}
    with pytest.raises(ManifestSourceError, match="inside"):
        build(checkout(tmp_path / "repo", files), "deploy")


def test_a_patch_that_matches_nothing_is_an_error(tmp_path: Path) -> None:
    files = {
        **BASE,
        "deploy/o/kustomization.yaml": "resources: [../base]\npatches:\n"
        "  - patch: '{apiVersion: v1, kind: Service, metadata: {name: api}}'\n",
    }
    with pytest.raises(KustomizeError, match="matches no resource"):
        build(checkout(tmp_path, files), "deploy/o")


@pytest.mark.parametrize(
    ("image", "expected"),
    [
        ("nginx", ("nginx", None, None)),
        ("localhost:5000/app:1.2", ("localhost:5000/app", "1.2", None)),
        ("app@sha256:abc", ("app", None, "sha256:abc")),
    ],
)
def test_image_references_split_like_docker(
    image: str, expected: tuple[str, str | None, str | None]
) -> None:
    assert split_image(image) == expected


def test_set_image_keeps_a_registry_port_and_counts_rewrites() -> None:
    pod = {
        "kind": "Pod",
        "apiVersion": "v1",
        "metadata": {"name": "p"},
        "spec": {"containers": [{"name": "a", "image": "localhost:5000/app:1"}]},
    }
    assert set_image([pod], "localhost:5000/app", new_tag="2") == 1
    assert pod["spec"]["containers"][0]["image"] == "localhost:5000/app:2"  # type: ignore[index]


def _deployment(status: dict[str, object], generation: int = 2) -> dict[str, object]:
    return {
        "metadata": {"name": "web", "generation": generation},
        "spec": {"replicas": 2},
        "status": status,
    }


@pytest.mark.parametrize(
    ("status", "phase", "words"),
    [
        ({"observedGeneration": 1}, "progressing", "new spec"),
        ({"observedGeneration": 2, "updatedReplicas": 1}, "progressing", "1 of 2 replicas updated"),
        (
            {"observedGeneration": 2, "updatedReplicas": 2, "replicas": 3},
            "progressing",
            "old replicas",
        ),
        (
            {"observedGeneration": 2, "updatedReplicas": 2, "replicas": 2, "readyReplicas": 1},
            "progressing",
            "1 of 2 replicas ready",
        ),
        (
            {
                "observedGeneration": 2,
                "conditions": [{"type": "Progressing", "reason": "ProgressDeadlineExceeded"}],
            },
            "failed",
            "progress deadline",
        ),
        (
            {
                "observedGeneration": 2,
                "updatedReplicas": 2,
                "replicas": 2,
                "readyReplicas": 2,
                "availableReplicas": 2,
            },
            "complete",
            "2 of 2 replicas ready",
        ),
    ],
)
def test_the_rollout_status_reads_like_kubectl_rollout_status(
    status: dict[str, object], phase: str, words: str
) -> None:
    result = rollout_status(_deployment(status))
    assert result.phase == phase and words in result.message


def test_the_preview_section_is_replaced_in_place_and_survives_a_rewrite() -> None:
    body = "<!-- vibe:pr-comment -->\n## VibeIntelligence\n\nfindings"
    first = with_preview_section(body, preview_section(url="https://x", sha=SHA, state="success"))
    second = with_preview_section(first, preview_section(url=None, sha=SHA, state="removed"))
    assert (
        second.count("<!-- vibe:preview -->") == 1 and "removed" in second and "findings" in second
    )
    rewritten = carry_preview_section(second, body.replace("findings", "no findings"))
    assert "no findings" in rewritten and "removed" in rewritten

"""Containers, Kubernetes, Helm, Terraform and CI found in a tree."""

from __future__ import annotations

from collections.abc import Callable, Sequence

from app.agents.scanner.infrastructure import detect_infrastructure, wants_content
from app.models.scan import Infrastructure

DEPLOYMENT = """\
# one file, three documents, as kubectl apply -f takes them
apiVersion: apps/v1
kind: Deployment
metadata:
  name: shop
spec:
  replicas: 2
  template:
    spec:
      containers:
        - name: shop
          image: ghcr.io/acme/shop:1.4.2
---
apiVersion: v1
kind: Service
metadata:
  name: shop
spec:
  ports: [{port: 80, targetPort: 8080}]
---
"""

HELM_TEMPLATE = """\
{{- if .Values.ingress.enabled }}
apiVersion: networking.k8s.io/v1
kind: Ingress
metadata:
  name: {{ include "shop.fullname" . }}
  labels:
    {{- include "shop.labels" . | nindent 4 }}
{{- end }}
"""

CHART = "apiVersion: v2\nname: shop\nversion: 0.3.0\nappVersion: 1.4.2\n"

WORKFLOW = """\
name: CI
on: [push, pull_request]
jobs:
  test:
    runs-on: ubuntu-latest
    steps:
      - uses: actions/checkout@v4
      - run: pytest
"""

BACKSTAGE = "apiVersion: backstage.io/v1alpha1\nkind: Component\nmetadata:\n  name: shop\n"
APP_CONFIG = "database:\n  host: localhost\n  kind: postgres\n"
CLOUDFORMATION = (
    "AWSTemplateFormatVersion: '2010-09-09'\nResources:\n  Bucket:\n"
    "    Type: AWS::S3::Bucket\n    Properties:\n      BucketName: !Ref Name\n"
)


def reader(files: dict[str, str]) -> Callable[[str], bytes | None]:
    def read(relpath: str) -> bytes | None:
        text = files.get(relpath)
        return None if text is None else text.encode()

    return read


def by_name(found: Sequence[Infrastructure]) -> dict[str, Infrastructure]:
    return {item.name: item for item in found}


def test_a_service_with_docker_kubernetes_helm_terraform_and_github_actions() -> None:
    files = {
        "deploy/k8s/shop.yaml": DEPLOYMENT,
        "charts/shop/Chart.yaml": CHART,
        "charts/shop/values.yaml": "replicaCount: 2\n",
        "charts/shop/templates/ingress.yaml": HELM_TEMPLATE,
        ".github/workflows/ci.yml": WORKFLOW,
        "catalog-info.yaml": BACKSTAGE,
        "config/app.yaml": APP_CONFIG,
    }
    relpaths = [
        *files, "Dockerfile", "docker/worker.Dockerfile", "docker-compose.yml",
        "compose.override.yaml", "infra/main.tf", "infra/variables.tf", "src/app.py",
        "deploy/kustomization.yaml",
    ]  # fmt: skip

    found = by_name(detect_infrastructure(relpaths, reader(files)))

    assert found["Dockerfile"].category == "container"
    assert found["Dockerfile"].paths == ["Dockerfile", "docker/worker.Dockerfile"]
    assert found["Docker Compose"].paths == ["compose.override.yaml", "docker-compose.yml"]
    assert found["Kubernetes"].category == "orchestration"
    assert found["Kubernetes"].paths == [
        "charts/shop/templates/ingress.yaml",
        "deploy/k8s/shop.yaml",
    ]
    assert found["Helm"].paths == ["charts/shop/Chart.yaml"]
    assert found["Kustomize"].paths == ["deploy/kustomization.yaml"]
    assert found["Terraform"].category == "iac"
    assert found["Terraform"].paths == ["infra/main.tf", "infra/variables.tf"]
    assert found["GitHub Actions"].category == "ci"
    assert found["GitHub Actions"].paths == [".github/workflows/ci.yml"]
    assert set(found) == {
        "Dockerfile", "Docker Compose", "Kubernetes", "Helm", "Kustomize", "Terraform",
        "GitHub Actions",
    }  # fmt: skip


def test_ci_systems_are_named_by_their_files() -> None:
    relpaths = [
        ".gitlab-ci.yml", "Jenkinsfile", ".circleci/config.yml", "azure-pipelines.yml",
        ".travis.yml", "bitbucket-pipelines.yml", ".github/workflows/README.md",
    ]  # fmt: skip

    found = detect_infrastructure(relpaths, reader({}))

    assert [(item.name, item.category) for item in found] == [
        ("Azure Pipelines", "ci"),
        ("Bitbucket Pipelines", "ci"),
        ("CircleCI", "ci"),
        ("GitLab CI", "ci"),
        ("Jenkins", "ci"),
        ("Travis CI", "ci"),
    ]


def test_broken_yaml_and_yaml_without_kubernetes_objects_are_ignored() -> None:
    files = {
        "k8s/broken.yaml": "apiVersion: v1\nkind: [unclosed\n  - x",
        "k8s/list.yaml": "- apiVersion: v1\n- kind: Pod\n",
        "k8s/empty.yaml": "",
        "k8s/scalar.yaml": "just text mentioning apiVersion and kind\n",
    }

    found = detect_infrastructure(list(files), reader(files))

    assert found == []


def test_cloudformation_templates_with_intrinsic_tags_are_recognised() -> None:
    files = {"stack/template.yaml": CLOUDFORMATION}

    found = detect_infrastructure(list(files), reader(files))

    assert [(item.name, item.category) for item in found] == [("AWS CloudFormation", "iac")]


def test_only_candidate_yaml_is_read() -> None:
    assert wants_content("deploy/app.yaml")
    assert wants_content("k8s/base/deployment.yml")
    assert not wants_content(".github/workflows/ci.yml")
    assert not wants_content("docker-compose.yml")
    assert not wants_content("pnpm-lock.yaml")
    assert not wants_content("charts/shop/values.yaml")
    assert not wants_content("docs/examples/pod.yaml")
    assert not wants_content("src/app.py")


def test_paths_are_capped_for_huge_terraform_trees() -> None:
    relpaths = [f"modules/m{i}/main.tf" for i in range(500)]

    (terraform,) = detect_infrastructure(relpaths, reader({}))

    assert terraform.name == "Terraform"
    assert len(terraform.paths) == 100

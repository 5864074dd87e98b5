"""Containers, orchestration, infrastructure as code and CI found in the tree.

Most are known by their file names; Kubernetes manifests are known by what they hold (a YAML
document with ``apiVersion`` and ``kind``), read under :data:`app.repo_yaml.KUBERNETES_YAML` (a
file of aliases that expand too far, or nested too deep, is not read). Helm templates, which do
not parse as YAML, fall back to looking for both keys at the start of a line."""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from functools import lru_cache
from typing import Literal, get_args

import yaml

from app import repo_yaml
from app.models.scan import Infrastructure

__all__ = ["detect_infrastructure", "wants_content"]

Category = Literal["container", "orchestration", "iac", "ci"]
_Rule = tuple[str, Category]
# Kubernetes and Terraform trees can hold thousands of files; a sample is enough to show.
_MAX_PATHS = 100
_MAX_YAML_BYTES = 1_000_000

_BY_BASENAME: dict[str, _Rule] = {
    "Dockerfile": ("Dockerfile", "container"), "dockerfile": ("Dockerfile", "container"),
    "Containerfile": ("Dockerfile", "container"),
    "docker-compose.yml": ("Docker Compose", "orchestration"),
    "docker-compose.yaml": ("Docker Compose", "orchestration"),
    "compose.yml": ("Docker Compose", "orchestration"),
    "compose.yaml": ("Docker Compose", "orchestration"),
    "Chart.yaml": ("Helm", "orchestration"),
    "kustomization.yaml": ("Kustomize", "orchestration"),
    "kustomization.yml": ("Kustomize", "orchestration"),
    "Kustomization": ("Kustomize", "orchestration"), "skaffold.yaml": ("Skaffold", "orchestration"),
    "Tiltfile": ("Tilt", "orchestration"), "terragrunt.hcl": ("Terragrunt", "iac"),
    "Pulumi.yaml": ("Pulumi", "iac"), "cdk.json": ("AWS CDK", "iac"),
    "serverless.yml": ("Serverless Framework", "iac"), "ansible.cfg": ("Ansible", "iac"),
    "Vagrantfile": ("Vagrant", "iac"), "fly.toml": ("Fly.io", "iac"),
    "Jenkinsfile": ("Jenkins", "ci"), ".gitlab-ci.yml": ("GitLab CI", "ci"),
    ".travis.yml": ("Travis CI", "ci"), "bitbucket-pipelines.yml": ("Bitbucket Pipelines", "ci"),
    "azure-pipelines.yml": ("Azure Pipelines", "ci"),
    "azure-pipelines.yaml": ("Azure Pipelines", "ci"), ".drone.yml": ("Drone CI", "ci"),
    ".woodpecker.yml": ("Woodpecker CI", "ci"), "appveyor.yml": ("AppVeyor", "ci"),
    ".appveyor.yml": ("AppVeyor", "ci"), ".cirrus.yml": ("Cirrus CI", "ci"),
    "cloudbuild.yaml": ("Google Cloud Build", "ci"), "cloudbuild.yml": ("Google Cloud Build", "ci"),
    "buildspec.yml": ("AWS CodeBuild", "ci"), "codemagic.yaml": ("Codemagic", "ci"),
}  # fmt: skip
# CI systems that read a fixed folder at the root.
_BY_ROOT_FOLDER: dict[str, _Rule] = {
    ".github/workflows": ("GitHub Actions", "ci"), ".circleci": ("CircleCI", "ci"),
    ".buildkite": ("Buildkite", "ci"), ".woodpecker": ("Woodpecker CI", "ci"),
    ".azure-pipelines": ("Azure Pipelines", "ci"), ".semaphore": ("Semaphore", "ci"),
    ".gitlab/ci": ("GitLab CI", "ci"),
}  # fmt: skip
_BY_SUFFIX: tuple[tuple[str, _Rule], ...] = (
    (".tf", ("Terraform", "iac")), (".tf.json", ("Terraform", "iac")),
    (".bicep", ("Bicep", "iac")), (".nomad", ("Nomad", "orchestration")),
    (".dockerfile", ("Dockerfile", "container")), (".Dockerfile", ("Dockerfile", "container")),
)  # fmt: skip
_YAML_SUFFIXES = (".yml", ".yaml")
# YAML that is known to be something else, and folders where Kubernetes manifests never live.
_NOT_KUBERNETES = {
    "pnpm-lock.yaml", ".pre-commit-config.yaml", "mkdocs.yml", "mkdocs.yaml", "values.yaml",
    ".golangci.yml", ".golangci.yaml", "codecov.yml", ".codecov.yml", "dependabot.yml",
    "environment.yml", "environment.yaml", ".readthedocs.yaml", ".readthedocs.yml",
    "pubspec.yaml", "pubspec.lock", "_config.yml", ".yamllint", ".yamllint.yml",
    "openapi.yaml", "openapi.yml", "swagger.yaml", "swagger.yml", "action.yml", "action.yaml",
    ".rubocop.yml", "analysis_options.yaml", ".clang-format", "conda.yaml", "meta.yaml",
    "snapcraft.yaml", "renovate.yaml", ".mocharc.yml", ".eslintrc.yml", ".prettierrc.yml",
}  # fmt: skip
_NOT_KUBERNETES_DIRS = {
    ".github", ".circleci", ".gitlab", ".buildkite", "node_modules", "locale", "locales", "i18n",
    "translations", "fixtures", "testdata", "docs",
}  # fmt: skip
# apiVersion + kind documents that are not Kubernetes objects.
_FOREIGN_API_GROUPS = ("backstage.io/", "skaffold/", "kustomize.config.k8s.io/")
_API_VERSION_LINE = re.compile(rb"^apiVersion:\s*\S", re.MULTILINE)
_KIND_LINE = re.compile(rb"^kind:\s*\S", re.MULTILINE)
_KUBERNETES: _Rule = ("Kubernetes", "orchestration")
_CLOUDFORMATION: _Rule = ("AWS CloudFormation", "iac")


def _rule_for_name(relpath: str) -> _Rule | None:
    name = relpath.rpartition("/")[2]
    rule = _BY_BASENAME.get(name)
    if rule is not None:
        return rule
    if relpath.startswith(_ROOT_FOLDER_PREFIXES):
        for folder, folder_rule in _BY_ROOT_FOLDER.items():
            if relpath.startswith(folder + "/"):
                if folder_rule[0] == "GitHub Actions" and not name.endswith(_YAML_SUFFIXES):
                    return None
                return folder_rule
    return _rule_for_file_name(name)


_ROOT_FOLDER_PREFIXES = tuple(folder + "/" for folder in _BY_ROOT_FOLDER)


# Asked for every file of the tree, where names repeat (index.js, __init__.py).
@lru_cache(maxsize=65536)
def _rule_for_file_name(name: str) -> _Rule | None:
    if name.startswith(("Dockerfile.", "Jenkinsfile.")):
        return _BY_BASENAME[name.partition(".")[0]]
    if name.startswith(("docker-compose.", "compose.")) and name.endswith(_YAML_SUFFIXES):
        return ("Docker Compose", "orchestration")
    return next((rule for suffix, rule in _BY_SUFFIX if name.endswith(suffix)), None)


def wants_content(relpath: str) -> bool:
    """YAML that might be a Kubernetes manifest or a CloudFormation template."""
    parent, _, name = relpath.rpartition("/")
    if not name.endswith(_YAML_SUFFIXES) or name in _NOT_KUBERNETES:
        return False
    if _rule_for_name(relpath) is not None:
        return False
    return not any(part in _NOT_KUBERNETES_DIRS for part in parent.split("/"))


def detect_infrastructure(
    relpaths: Sequence[str], read: Callable[[str], bytes | None]
) -> list[Infrastructure]:
    """Each system once, with up to 100 of its files, sorted by category then name."""
    found: dict[str, tuple[Category, list[str]]] = {}

    def add(rule: _Rule, relpath: str) -> None:
        name, category = rule
        paths = found.setdefault(name, (category, []))[1]
        if len(paths) < _MAX_PATHS:
            paths.append(relpath)

    for relpath in relpaths:
        rule = _rule_for_name(relpath)
        if rule is not None:
            add(rule, relpath)
        elif wants_content(relpath):
            rule = _from_yaml(relpath, read(relpath))
            if rule is not None:
                add(rule, relpath)
    order = {category: index for index, category in enumerate(get_args(Category))}
    return sorted(
        (
            Infrastructure(name=name, category=category, paths=sorted(paths))
            for name, (category, paths) in found.items()
        ),
        key=lambda item: (order[item.category], item.name.lower()),
    )


def _from_yaml(relpath: str, data: bytes | None) -> _Rule | None:
    if not data or len(data) > _MAX_YAML_BYTES:
        return None
    if b"AWSTemplateFormatVersion" in data:
        return _CLOUDFORMATION
    if b"apiVersion" not in data or b"kind" not in data:
        return None
    try:
        documents = repo_yaml.load_all(data, relpath, repo_yaml.KUBERNETES_YAML)
    except yaml.YAMLError:  # repo_yaml's refusals included
        # Helm templates are Go templates, not YAML: trust the two keys at the start of a line.
        # Other YAML that does not parse is ignored.
        if b"{{" in data and _API_VERSION_LINE.search(data) and _KIND_LINE.search(data):
            return _KUBERNETES
        return None
    return _KUBERNETES if any(_is_kubernetes_object(doc) for doc in documents) else None


def _is_kubernetes_object(document: object) -> bool:
    if not isinstance(document, dict):
        return False
    api_version = document.get("apiVersion")
    kind = document.get("kind")
    return (
        isinstance(api_version, str)
        and isinstance(kind, str)
        and bool(kind)
        and not api_version.startswith(_FOREIGN_API_GROUPS)
    )

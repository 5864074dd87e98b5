"""The ``deploy:`` section of ``.github/vibe.yml``: environments and previews, and its errors.

    deploy:
      environments:
        production:
          context: prod-admin          # a kubeconfig context; or `in_cluster: true`
          namespace: demo
          kustomize: deploy/overlays/production   # or `manifests: deploy/k8s` (files, a folder)
          image: ghcr.io/octo/demo     # its tag becomes the commit sha
          url: https://demo.example.com
      previews: true                   # every pull request; else only those labelled `preview`
      preview_url: https://pr-{number}.preview.example.com

``RepoConfig.deploy`` is a :class:`DeployConfig`, so an unknown key is refused with its path
wherever the configuration is read; :func:`deploy_error` words the first error of the section
and finds its line, for both ``RepoConfig`` and ``app.agents.deployer.config``.
"""

from __future__ import annotations

import re

import yaml
from pydantic import BaseModel, ConfigDict, Field, model_validator
from pydantic_core import ErrorDetails

# A namespace is an RFC 1123 label; previews are pr-<number>, so user namespaces stay short.
NAMESPACE_PATTERN = r"^[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?$"
ENVIRONMENT_PATTERN = r"^[A-Za-z0-9][A-Za-z0-9._-]{0,62}$"
DEFAULT_TIMEOUT_S = 300


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, populate_by_name=True)


class EnvironmentConfig(_Strict):
    """One environment: which cluster, which namespace, which manifests, which image."""

    context: str | None = Field(default=None, description="kubeconfig context of the cluster")
    in_cluster: bool = Field(default=False, description="use the worker's service account")
    namespace: str = Field(pattern=NAMESPACE_PATTERN)
    manifests: str | None = Field(default=None, description="a YAML file or a folder of them")
    kustomize: str | None = Field(default=None, description="a folder with kustomization.yaml")
    image: str = Field(min_length=1, description="image name; its tag is set to the sha")
    url: str | None = Field(default=None, pattern=r"^https?://")
    branch: str | None = Field(default=None, description="default: the default branch")
    timeout: int = Field(default=DEFAULT_TIMEOUT_S, ge=10, le=3600, description="seconds")
    force_conflicts: bool = Field(
        default=False, description="take over fields another field manager owns"
    )

    @model_validator(mode="after")
    def _one_cluster_and_one_source(self) -> EnvironmentConfig:
        if (self.context is None) == (not self.in_cluster):
            raise ValueError("give either `context` (a kubeconfig context) or `in_cluster: true`")
        if (self.manifests is None) == (self.kustomize is None):
            raise ValueError("give either `manifests` (files) or `kustomize` (a folder)")
        if ":" in self.image.rsplit("/", 1)[-1] or "@" in self.image:
            raise ValueError(f"`image` is a name without tag ({self.image}); the sha is the tag")
        return self

    @property
    def source_path(self) -> str:
        return (self.kustomize or self.manifests or "").strip("/")


class DeployConfig(_Strict):
    environments: dict[str, EnvironmentConfig] = Field(min_length=1)
    previews: bool = Field(default=False, description="deploy every pull request")
    preview_label: str = Field(default="preview", min_length=1)
    preview_environment: str | None = Field(
        default=None, description="the environment previews copy (default: the first)"
    )
    preview_url: str | None = Field(default=None, pattern=r"^https?://.*\{number\}")

    @model_validator(mode="after")
    def _known_environments(self) -> DeployConfig:
        for name in self.environments:
            if not re.match(ENVIRONMENT_PATTERN, name):
                raise ValueError(f"environment name {name!r} must be letters, digits, . _ -")
        chosen = self.preview_environment
        if chosen is not None and chosen not in self.environments:
            raise ValueError(
                f"`preview_environment` {chosen!r} is not one of the environments "
                f"({', '.join(self.environments)})"
            )
        return self

    def preview_template(self) -> tuple[str, EnvironmentConfig]:
        name = self.preview_environment or next(iter(self.environments))
        return name, self.environments[name]

    def wants_preview(self, labels: list[str]) -> bool:
        return self.previews or self.preview_label in labels


def deploy_error(error: ErrorDetails, root: yaml.Node | None) -> tuple[int | None, str]:
    """(line, description) of a validation error whose location starts with ``deploy``."""
    loc = tuple(error["loc"])
    line = _line_of(root, loc, error["type"] == "extra_forbidden")
    return line, _describe(error, loc)


def _describe(error: ErrorDetails, loc: tuple[int | str, ...]) -> str:
    name = ".".join(str(part) for part in loc)
    kind = error["type"]
    if kind == "extra_forbidden":
        model = _model_at(loc[1:-1])
        allowed = f"; allowed: {', '.join(model.model_fields)}" if model else ""
        return f"`{name}` is not a known setting{allowed}"
    if kind == "missing":
        return f"`{name}` is required"
    if kind == "value_error":
        return f"`{name}`: {str(error['msg']).removeprefix('Value error, ')}"
    if kind == "string_pattern_mismatch" and loc[-1] == "namespace":
        return f"`{name}` must be a lowercase DNS label (a-z, 0-9, -; at most 63 characters)"
    if kind == "model_type" and len(loc) == 1:
        return f"`{name}` must be a mapping of settings ({', '.join(DeployConfig.model_fields)})"
    return f"`{name}`: {error['msg'].lower()}"


def _model_at(loc: tuple[int | str, ...]) -> type[BaseModel] | None:
    if not loc:
        return DeployConfig
    if loc[0] == "environments" and len(loc) == 2:
        return EnvironmentConfig
    return None


def _line_of(root: yaml.Node | None, loc: tuple[int | str, ...], key_line: bool) -> int | None:
    """1-based line of the YAML node at ``loc`` (of its key for an unknown key)."""
    if root is None:
        return None
    node: yaml.Node = root
    best = node.start_mark.line + 1
    for index, part in enumerate(loc):
        if not isinstance(node, yaml.MappingNode):
            break
        match = next((kv for kv in node.value if kv[0].value == part), None)
        if match is None:
            break
        key_node, node = match
        # An unknown key, or a problem with a whole mapping: point at its key, not its body.
        if index == len(loc) - 1 and (key_line or isinstance(node, yaml.MappingNode)):
            return int(key_node.start_mark.line) + 1
        best = node.start_mark.line + 1
    return int(best)

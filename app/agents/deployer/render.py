"""What gets applied: an environment's manifests with the image tag set to the commit sha.

Pure functions over values: the manifests come from a :class:`ManifestSource` (a commit's tree
in the worker, a folder in ``vibe deploy``), nothing touches a cluster here.
"""

from __future__ import annotations

from dataclasses import dataclass

from app.agents.deployer.config import EnvironmentConfig
from app.agents.deployer.kustomize import (
    KustomizeError,
    Manifest,
    build,
    read_manifest_path,
    set_image,
    set_namespace,
)
from app.agents.deployer.sources import ManifestSource

FIELD_MANAGER = "vibeintelligence"
MANAGED_BY = {"app.kubernetes.io/managed-by": FIELD_MANAGER}
PREVIEW_LABEL = "vibeintelligence.dev/preview"
REPOSITORY_LABEL = "vibeintelligence.dev/repository-id"
PULL_LABEL = "vibeintelligence.dev/pull-number"
INSTALLATION_ANNOTATION = "vibeintelligence.dev/installation-id"
REPOSITORY_ANNOTATION = "vibeintelligence.dev/repository"
SHA_ANNOTATION = "vibeintelligence.dev/commit-sha"


@dataclass(frozen=True)
class PreviewTarget:
    """The change request a preview namespace belongs to (the janitor reads it back):
    ``repository_id`` is our key of the repository (GitLab projects: minus the project id),
    ``installation_id`` GitHub's installation (None on GitLab)."""

    repository: str
    repository_id: int
    installation_id: int | None
    pull_number: int

    @property
    def namespace(self) -> str:
        return preview_namespace(self.pull_number)


def repository_label(repository_id: int) -> str:
    """Our key of a repository as a label value, which must start with a letter or a digit:
    a GitLab project (a negative key) is ``gitlab-<project id>``."""
    return str(repository_id) if repository_id > 0 else f"gitlab-{-repository_id}"


def preview_namespace(pull_number: int) -> str:
    return f"pr-{pull_number}"


def render_environment(
    source: ManifestSource,
    environment: EnvironmentConfig,
    sha: str,
    *,
    preview: PreviewTarget | None = None,
) -> list[Manifest]:
    """The objects to apply, in order (a preview's Namespace first)."""
    if environment.kustomize is not None:
        manifests = build(source, environment.kustomize)
    else:
        manifests = read_manifest_path(source, environment.source_path)
    namespace = preview.namespace if preview else environment.namespace
    # Objects of other namespaces would escape the environment (and a preview's clean-up).
    manifests = [m for m in manifests if m["kind"] != "Namespace"]
    set_namespace(manifests, namespace)
    if set_image(manifests, environment.image, new_tag=sha) == 0:
        raise KustomizeError(
            f"{environment.source_path}: no container uses the image {environment.image}; "
            "set `image` in .github/vibe.yml to the name the manifests use"
        )
    for manifest in manifests:
        metadata = manifest.setdefault("metadata", {})
        metadata.setdefault("labels", {}).update(MANAGED_BY)
        metadata.setdefault("annotations", {})[SHA_ANNOTATION] = sha
    if preview is not None:
        manifests.insert(0, namespace_manifest(preview))
    return manifests


def namespace_manifest(preview: PreviewTarget) -> Manifest:
    return {
        "apiVersion": "v1",
        "kind": "Namespace",
        "metadata": {
            "name": preview.namespace,
            "labels": {
                **MANAGED_BY,
                PREVIEW_LABEL: "true",
                REPOSITORY_LABEL: repository_label(preview.repository_id),
                PULL_LABEL: str(preview.pull_number),
            },
            "annotations": {
                **(
                    {INSTALLATION_ANNOTATION: str(preview.installation_id)}
                    if preview.installation_id is not None
                    else {}
                ),
                REPOSITORY_ANNOTATION: preview.repository,
            },
        },
    }


def deployments_of(manifests: list[Manifest]) -> list[tuple[str, str]]:
    """(namespace, name) of every Deployment: the rollouts to watch."""
    return [
        (m["metadata"].get("namespace", "default"), m["metadata"]["name"])
        for m in manifests
        if m["kind"] == "Deployment" and str(m.get("apiVersion")) == "apps/v1"
    ]


def preview_url(template: str | None, pull_number: int) -> str | None:
    return template.replace("{number}", str(pull_number)) if template else None

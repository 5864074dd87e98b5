"""Preview environments: what may be deployed for a pull request, its part of the sticky
comment, and the janitor that removes the namespaces of pull requests that are gone."""

from __future__ import annotations

import re
from collections.abc import Awaitable, Callable
from typing import Any, Protocol

from app.agents.deployer.kustomize import CLUSTER_SCOPED, KustomizeError, Manifest
from app.agents.deployer.render import (
    PREVIEW_LABEL,
    PULL_LABEL,
    REPOSITORY_LABEL,
    repository_label,
)

SECTION_START = "<!-- vibe:preview -->"
SECTION_END = "<!-- /vibe:preview -->"
_SECTION = re.compile(re.escape(SECTION_START) + r".*?" + re.escape(SECTION_END), re.DOTALL)


class PreviewCluster(Protocol):
    async def list_namespaces(self, label_selector: str) -> list[dict[str, Any]]: ...

    async def delete_namespace(self, name: str) -> bool: ...


def refuse_cluster_scoped(manifests: list[Manifest]) -> None:
    """A pull request's manifests may only create namespaced objects in its own namespace:
    anything cluster-wide (a ClusterRoleBinding…) would outlive, and escape, the preview."""
    for manifest in manifests:
        if manifest["kind"] in CLUSTER_SCOPED and manifest["kind"] != "Namespace":
            raise KustomizeError(
                f"{manifest['kind']}/{manifest['metadata']['name']}: previews deploy only "
                "namespaced objects; move cluster-wide objects out of the preview's manifests"
            )


def preview_section(*, url: str | None, sha: str, state: str, reason: str | None = None) -> str:
    """The preview's lines in the sticky comment, between their own markers."""
    short = sha[:7]
    if state == "success":
        where = f"[{url}]({url})" if url else "deployed (no `preview_url` configured)"
        line = f"🚀 **Preview:** {where} — commit `{short}`"
    elif state == "removed":
        line = "🧹 **Preview:** the preview environment was removed."
    elif state == "in_progress":
        line = f"⏳ **Preview:** deploying commit `{short}`…"
    else:
        line = f"❌ **Preview:** commit `{short}` failed to deploy: {reason or 'unknown error'}"
    return f"{SECTION_START}\n{line}\n{SECTION_END}"


def with_preview_section(body: str, section: str) -> str:
    """``body`` with its preview section replaced by ``section`` (appended when absent)."""
    if _SECTION.search(body):
        return _SECTION.sub(lambda _: section, body, count=1)
    return f"{body.rstrip()}\n\n{section}\n"


def carry_preview_section(old_body: str, new_body: str) -> str:
    """For the code that rewrites the sticky comment: keep the preview section it had."""
    found = _SECTION.search(old_body)
    return with_preview_section(new_body, found.group(0)) if found else new_body


def preview_selector(repository_id: int) -> str:
    return f"{PREVIEW_LABEL}=true,{REPOSITORY_LABEL}={repository_label(repository_id)}"


async def sweep_previews(
    cluster: PreviewCluster,
    repository_id: int,
    is_open: Callable[[int], Awaitable[bool]],
) -> list[str]:
    """Delete the preview namespaces of ``repository_id`` whose pull request is not open;
    returns the namespaces deleted."""
    removed = []
    for namespace in await cluster.list_namespaces(preview_selector(repository_id)):
        metadata = namespace.get("metadata") or {}
        number = (metadata.get("labels") or {}).get(PULL_LABEL, "")
        if not number.isdigit() or await is_open(int(number)):
            continue
        if await cluster.delete_namespace(metadata["name"]):
            removed.append(metadata["name"])
    return removed

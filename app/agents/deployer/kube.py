"""The cluster through the official ``kubernetes`` client: server-side apply, rollout reads,
rollback to the previous ReplicaSet, preview namespaces.

The client is synchronous (urllib3), so every call runs in ``asyncio.to_thread``; it is
imported only here, inside functions, so that ``vibe --help`` never pays for it.
"""

from __future__ import annotations

import asyncio
import functools
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

from app.agents.deployer.config import EnvironmentConfig
from app.agents.deployer.kustomize import CLUSTER_SCOPED, Manifest
from app.agents.deployer.render import FIELD_MANAGER
from app.errors import VibeError

if TYPE_CHECKING:
    from kubernetes.client import ApiClient

T = TypeVar("T")

APPLY_PATCH = "application/apply-patch+yaml"
JSON_PATCH = "application/json-patch+json"
REVISION_ANNOTATION = "deployment.kubernetes.io/revision"
POD_TEMPLATE_HASH = "pod-template-hash"
_IRREGULAR_PLURALS = {"Endpoints": "endpoints"}


class ClusterError(VibeError):
    """The API server refused or could not be reached; ``transient`` when worth a retry."""

    def __init__(self, message: str, *, status: int = 0, transient: bool = False) -> None:
        super().__init__(message)
        self.status = status
        self.transient = transient


def plural(kind: str) -> str:
    """The resource name of ``kind`` as the API server's discovery would give it."""
    if kind in _IRREGULAR_PLURALS:
        return _IRREGULAR_PLURALS[kind]
    lower = kind.lower()
    if lower.endswith(("s", "x", "ch", "sh")):
        return lower + "es"
    if lower.endswith("y") and lower[-2:-1] not in "aeiou":
        return lower[:-1] + "ies"
    return lower + "s"


def object_path(manifest: Manifest) -> str:
    """The REST path of one object: ``/api/v1/...`` for the core group, ``/apis/G/V/...``."""
    api_version = str(manifest["apiVersion"])
    base = f"/api/{api_version}" if "/" not in api_version else f"/apis/{api_version}"
    metadata = manifest["metadata"]
    resource = plural(str(manifest["kind"]))
    if manifest["kind"] in CLUSTER_SCOPED:
        return f"{base}/{resource}/{metadata['name']}"
    namespace = metadata.get("namespace") or "default"
    return f"{base}/namespaces/{namespace}/{resource}/{metadata['name']}"


def api_client_for(
    environment: EnvironmentConfig, *, host: str | None = None, kubeconfig: Path | None = None
) -> ApiClient:
    """A client for the environment's cluster: in-cluster, a kubeconfig context, or ``host``.

    ``kubeconfig`` defaults to ``$KUBECONFIG`` or ``~/.kube/config``; ``host`` (an API server
    URL, no credentials) is for a local cluster behind ``kubectl proxy``.
    """
    from kubernetes import client, config
    from kubernetes.config.config_exception import ConfigException

    if host is not None:
        configuration = client.Configuration(host=host)
        return client.ApiClient(configuration)
    try:
        if environment.in_cluster:
            configuration = client.Configuration()
            config.load_incluster_config(client_configuration=configuration)
            return client.ApiClient(configuration)
        return config.new_client_from_config(
            config_file=str(kubeconfig) if kubeconfig else None, context=environment.context
        )
    except ConfigException as exc:
        where = "in-cluster" if environment.in_cluster else f"context {environment.context!r}"
        raise ClusterError(
            f"cannot configure the Kubernetes client ({where}): {exc}; check the worker's "
            "KUBECONFIG or service account"
        ) from None


class KubeCluster:
    """One cluster; every method is a coroutine running the blocking client in a thread."""

    def __init__(self, api: ApiClient, *, force_conflicts: bool = False) -> None:
        self._api = api
        self._force = force_conflicts

    def close(self) -> None:
        self._api.close()

    async def _call(self, function: Callable[..., T], *args: Any, **kwargs: Any) -> T:
        return await asyncio.to_thread(functools.partial(function, *args, **kwargs))

    def _request(
        self,
        method: str,
        path: str,
        *,
        query: list[tuple[str, str]] | None = None,
        body: Any = None,
        content_type: str = "application/json",
    ) -> Any:
        from kubernetes.client.exceptions import ApiException
        from urllib3.exceptions import HTTPError

        try:
            return self._api.call_api(
                path,
                method,
                query_params=query or [],
                header_params={"Content-Type": content_type, "Accept": "application/json"},
                body=body,
                response_types_map={200: "object", 201: "object", 202: "object"},
                auth_settings=["BearerToken"],
                _return_http_data_only=True,
                _request_timeout=30,
            )
        except ApiException as exc:
            raise _cluster_error(method, path, exc) from None
        except HTTPError as exc:
            raise ClusterError(
                f"{method} {path}: cannot reach the API server ({type(exc).__name__})",
                transient=True,
            ) from None

    async def apply(self, manifest: Manifest) -> dict[str, Any]:
        """Server-side apply with field manager ``vibeintelligence``."""
        query = [("fieldManager", FIELD_MANAGER), ("force", "true" if self._force else "false")]
        path = object_path(manifest)
        applied: dict[str, Any] = await self._call(
            self._request, "PATCH", path, query=query, body=manifest, content_type=APPLY_PATCH
        )
        return applied

    async def read_deployment(self, namespace: str, name: str) -> dict[str, Any]:
        path = f"/apis/apps/v1/namespaces/{namespace}/deployments/{name}/status"
        found: dict[str, Any] = await self._call(self._request, "GET", path)
        return found

    async def roll_back(self, namespace: str, name: str) -> str | None:
        """Put the pod template of the previous revision back (as ``kubectl rollout undo``);
        the revision rolled back to, or None when there is none."""
        path = f"/apis/apps/v1/namespaces/{namespace}/deployments/{name}"
        deployment = await self._call(self._request, "GET", path)
        current = int(deployment["metadata"].get("annotations", {}).get(REVISION_ANNOTATION, 0))
        selector = ",".join(
            f"{key}={value}"
            for key, value in deployment["spec"]["selector"].get("matchLabels", {}).items()
        )
        listing = await self._call(
            self._request,
            "GET",
            f"/apis/apps/v1/namespaces/{namespace}/replicasets",
            query=[("labelSelector", selector)],
        )
        uid = deployment["metadata"].get("uid")
        previous = _previous_replica_set(listing.get("items") or [], uid, current)
        if previous is None:
            return None
        template = previous["spec"]["template"]
        template.get("metadata", {}).get("labels", {}).pop(POD_TEMPLATE_HASH, None)
        operations = [{"op": "replace", "path": "/spec/template", "value": template}]
        await self._call(self._request, "PATCH", path, body=operations, content_type=JSON_PATCH)
        return str(previous["metadata"]["annotations"][REVISION_ANNOTATION])

    async def list_namespaces(self, label_selector: str) -> list[dict[str, Any]]:
        listing = await self._call(
            self._request, "GET", "/api/v1/namespaces", query=[("labelSelector", label_selector)]
        )
        items: list[dict[str, Any]] = listing.get("items") or []
        return items

    async def delete_namespace(self, name: str) -> bool:
        """Delete a namespace (and everything in it); False when it was already gone."""
        try:
            await self._call(self._request, "DELETE", f"/api/v1/namespaces/{name}")
        except ClusterError as exc:
            if exc.status == 404:
                return False
            raise
        return True


def _previous_replica_set(
    replica_sets: list[dict[str, Any]], owner_uid: str | None, current: int
) -> dict[str, Any] | None:
    candidates = []
    for replica_set in replica_sets:
        owners = replica_set["metadata"].get("ownerReferences") or []
        if owner_uid is not None and not any(o.get("uid") == owner_uid for o in owners):
            continue
        revision = replica_set["metadata"].get("annotations", {}).get(REVISION_ANNOTATION)
        if revision is not None and int(revision) < current:
            candidates.append((int(revision), replica_set))
    return max(candidates, key=lambda pair: pair[0])[1] if candidates else None


def _cluster_error(method: str, path: str, exc: Any) -> ClusterError:
    import json

    status = int(exc.status or 0)
    message = exc.reason or "error"
    try:
        body = json.loads(exc.body or "{}")
        message = body.get("message") or message
    except (TypeError, ValueError):
        pass
    hint = ""
    if status == 409:
        hint = (
            "; another field manager owns these fields: stop changing them by hand, or set "
            "`force_conflicts: true` for the environment in .github/vibe.yml"
        )
    elif status in (401, 403):
        hint = "; give the worker's credentials the right to change these objects"
    return ClusterError(
        f"{method} {path}: {status} {message}{hint}",
        status=status,
        transient=status >= 500 or status == 429,
    )

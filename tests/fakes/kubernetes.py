"""A fake Kubernetes API server: the real REST paths, server-side apply, a Deployment controller.

aiohttp on 127.0.0.1; point ``kubernetes.client.Configuration(host=fake.url)`` (or a kubeconfig
whose cluster server is ``fake.url``) at it. What it does like the real API server:

- ``PATCH`` with ``Content-Type: application/apply-patch+yaml`` and ``?fieldManager=…&force=…``
  is a server-side apply; ``fieldManager`` is required, the body's kind and name must match the
  path, the namespace must exist. Fields set by another manager with a different value are a
  ``409 Conflict`` (Status JSON naming manager and fields) unless ``force=true``.
- ``application/json-patch+json`` (``kubectl rollout undo``'s patch) on Deployments.
- Deployments: a changed pod template bumps ``metadata.generation`` and makes a ReplicaSet with
  the next ``deployment.kubernetes.io/revision`` (an old ReplicaSet with the same template is
  re-used and gets the new revision, as in the real controller). Each read advances the status
  one step: observedGeneration, then one more ready replica per read, then Available. An image
  in :attr:`FakeKubernetes.never_ready_images` never gets ready: after
  :attr:`progress_deadline_reads` reads the Progressing condition says ProgressDeadlineExceeded.
- Namespaces: apply, get, list by ``labelSelector``, delete (with everything in them).

Anything it does not know is a 404 with a Status body, as the real server answers.
"""

from __future__ import annotations

import copy
import hashlib
import json
import re
import uuid
from collections.abc import AsyncIterator, Iterator
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any

import pytest
import yaml
from aiohttp import web

from tests.fakes.local_server import serve_locally

APPLY = "application/apply-patch+yaml"
JSON_PATCH = "application/json-patch+json"
MERGE_PATCH = "application/merge-patch+json"
REVISION = "deployment.kubernetes.io/revision"
CLUSTER_SCOPED = {"namespaces": "Namespace"}
Key = tuple[str, str, str | None, str]  # (api base, resource, namespace, name)
Path = tuple[str, ...]


@dataclass
class KubeRequest:
    method: str
    path: str
    query: dict[str, str]
    content_type: str
    body: Any


@dataclass
class _Rollout:
    reads: int = 0


@dataclass
class FakeKubernetes:
    url: str = ""
    requests: list[KubeRequest] = field(default_factory=list)
    objects: dict[Key, dict[str, Any]] = field(default_factory=dict)
    owners: dict[Key, dict[Path, str]] = field(default_factory=dict)
    never_ready_images: set[str] = field(default_factory=set)
    progress_deadline_reads: int = 3
    _rollouts: dict[Key, _Rollout] = field(default_factory=dict)
    _runner: web.AppRunner | None = None

    async def start(self) -> FakeKubernetes:
        app = web.Application()
        app["fake"] = self
        app.router.add_route("*", "/{tail:.*}", _dispatch)
        self._runner, self.url = await serve_locally(app)
        return self

    async def close(self) -> None:
        if self._runner is not None:
            await self._runner.cleanup()

    # -- arranging and reading -------------------------------------------------------------

    def add_namespace(self, name: str, labels: dict[str, str] | None = None) -> dict[str, Any]:
        namespace = _stamp(
            {"apiVersion": "v1", "kind": "Namespace", "metadata": {"name": name}}, generation=False
        )
        namespace["metadata"]["labels"] = {"kubernetes.io/metadata.name": name, **(labels or {})}
        namespace["status"] = {"phase": "Active"}
        self.objects[("/api/v1", "namespaces", None, name)] = namespace
        return namespace

    def namespaces(self) -> list[str]:
        return sorted(key[3] for key in self.objects if key[1] == "namespaces")

    def get(self, resource: str, namespace: str | None, name: str) -> dict[str, Any] | None:
        return next(
            (obj for key, obj in self.objects.items() if key[1:] == (resource, namespace, name)),
            None,
        )

    def deployment(self, namespace: str, name: str) -> dict[str, Any]:
        found = self.get("deployments", namespace, name)
        assert found is not None, f"no Deployment {namespace}/{name}"
        return found

    def replica_sets(self, namespace: str) -> list[dict[str, Any]]:
        return [o for k, o in self.objects.items() if k[1:3] == ("replicasets", namespace)]

    def images_of(self, namespace: str, name: str) -> list[str]:
        spec = self.deployment(namespace, name)["spec"]["template"]["spec"]
        return [c["image"] for c in spec["containers"]]

    def applies(self) -> list[KubeRequest]:
        return [r for r in self.requests if r.method == "PATCH" and r.content_type == APPLY]

    def edit(self, key: Key, path: Path, value: Any, manager: str) -> None:
        """Another field manager (someone's ``kubectl edit``) sets one field."""
        _set(self.objects[key], path, value)
        self.owners.setdefault(key, {})[path] = manager


# -- helpers ------------------------------------------------------------------------------


def _now() -> str:
    return datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def _stamp(obj: dict[str, Any], *, generation: bool = True) -> dict[str, Any]:
    metadata = obj.setdefault("metadata", {})
    metadata.setdefault("uid", str(uuid.uuid4()))
    metadata.setdefault("creationTimestamp", _now())
    metadata["resourceVersion"] = str(int(metadata.get("resourceVersion", "0")) + 1)
    if generation:
        metadata.setdefault("generation", 1)
    return obj


def _status(code: int, reason: str, message: str, **details: Any) -> web.Response:
    body = {
        "kind": "Status",
        "apiVersion": "v1",
        "metadata": {},
        "status": "Failure",
        "message": message,
        "reason": reason,
        "details": details,
        "code": code,
    }
    return web.json_response(body, status=code)


class _Refuse(Exception):
    def __init__(self, response: web.Response) -> None:
        super().__init__(response.text)
        self.response = response


def _leaves(value: Any, prefix: Path = ()) -> Iterator[tuple[Path, Any]]:
    if isinstance(value, dict) and value:
        for name, child in value.items():
            yield from _leaves(child, (*prefix, name))
    else:
        yield prefix, value


def _get(obj: Any, path: Path) -> Any:
    for part in path:
        if not isinstance(obj, dict) or part not in obj:
            return None
        obj = obj[part]
    return obj


def _set(obj: dict[str, Any], path: Path, value: Any) -> None:
    for part in path[:-1]:
        obj = obj.setdefault(part, {})
    obj[path[-1]] = copy.deepcopy(value)


def _delete(obj: dict[str, Any], path: Path) -> None:
    for part in path[:-1]:
        obj = obj.get(part) or {}
    obj.pop(path[-1], None)


def _selector_matches(labels: dict[str, str], selector: str) -> bool:
    for term in filter(None, selector.split(",")):
        name, _, value = term.partition("=")
        if labels.get(name) != value:
            return False
    return True


IDENTITY: set[Path] = {
    ("apiVersion",),
    ("kind",),
    ("metadata", "name"),
    ("metadata", "namespace"),
}


# -- routing ------------------------------------------------------------------------------


def _parse(path: str) -> tuple[str, str, str | None, str | None, str | None] | None:
    """(api base, resource, namespace, name, subresource) of a REST path."""
    parts = path.strip("/").split("/")
    if parts[:2] == ["api", "v1"]:
        base, rest = "/api/v1", parts[2:]
    elif parts[0] == "apis" and len(parts) >= 3:
        base, rest = f"/apis/{parts[1]}/{parts[2]}", parts[3:]
    else:
        return None
    if rest[:1] == ["namespaces"] and len(rest) >= 3:
        namespace, rest = rest[1], rest[2:]
        return base, rest[0], namespace, *[*rest[1:3], None, None][:2]
    if not rest:
        return None
    return base, rest[0], None, *[*rest[1:3], None, None][:2]


async def _dispatch(request: web.Request) -> web.StreamResponse:
    fake: FakeKubernetes = request.app["fake"]
    raw = await request.read()
    body: Any = None
    if raw:
        try:
            body = yaml.safe_load(raw) if request.content_type == APPLY else json.loads(raw)
        except (ValueError, yaml.YAMLError):
            return _status(400, "BadRequest", "the request body is not valid YAML or JSON")
    fake.requests.append(
        KubeRequest(request.method, request.path, dict(request.query), request.content_type, body)
    )
    parsed = _parse(request.path)
    if parsed is None:
        return _status(404, "NotFound", "the server could not find the requested resource")
    base, resource, namespace, name, sub = parsed
    try:
        if request.method == "GET" and name is None:
            return _list(fake, base, resource, namespace, request.query.get("labelSelector", ""))
        if name is None:
            return _status(405, "MethodNotAllowed", f"{request.method} on a collection")
        key: Key = (base, resource, namespace, name)
        if request.method == "GET":
            return web.json_response(_read(fake, key, sub))
        if request.method == "PATCH":
            return _patch(fake, key, request, body)
        if request.method == "DELETE":
            return _remove(fake, key)
    except _Refuse as refused:
        return refused.response
    return _status(405, "MethodNotAllowed", f"{request.method} is not supported here")


def _not_found(key: Key) -> _Refuse:
    return _Refuse(_status(404, "NotFound", f'{key[1]} "{key[3]}" not found', name=key[3]))


def _list(
    fake: FakeKubernetes, base: str, resource: str, namespace: str | None, selector: str
) -> web.Response:
    items = [
        obj
        for key, obj in fake.objects.items()
        if key[:2] == (base, resource)
        and (namespace is None or key[2] == namespace)
        and _selector_matches(obj["metadata"].get("labels") or {}, selector)
    ]
    kind = items[0]["kind"] + "List" if items else "List"
    return web.json_response(
        {
            "apiVersion": base.removeprefix("/api/").removeprefix("/apis/"),
            "kind": kind,
            "metadata": {"resourceVersion": "1"},
            "items": items,
        }
    )


def _read(fake: FakeKubernetes, key: Key, sub: str | None) -> dict[str, Any]:
    obj = fake.objects.get(key)
    if obj is None:
        raise _not_found(key)
    if key[1] == "deployments" and sub == "status":
        _advance(fake, key)
    return obj


def _remove(fake: FakeKubernetes, key: Key) -> web.Response:
    obj = fake.objects.pop(key, None)
    if obj is None:
        raise _not_found(key)
    fake.owners.pop(key, None)
    if key[1] == "namespaces":
        for other in [k for k in fake.objects if k[2] == key[3]]:
            del fake.objects[other]
        obj["status"] = {"phase": "Terminating"}
    return web.json_response(obj)


def _patch(fake: FakeKubernetes, key: Key, request: web.Request, body: Any) -> web.Response:
    namespace = key[2]
    if namespace is not None and ("/api/v1", "namespaces", None, namespace) not in fake.objects:
        raise _Refuse(_status(404, "NotFound", f'namespaces "{namespace}" not found'))
    content_type = request.content_type
    if content_type == APPLY:
        manager = request.query.get("fieldManager")
        if not manager:
            raise _Refuse(
                _status(
                    400,
                    "BadRequest",
                    'PatchOptions.meta.k8s.io "" is invalid: '
                    "fieldManager: Required value: is required for apply patch",
                )
            )
        force = request.query.get("force") == "true"
        obj = _apply(fake, key, body, manager, force)
        status = 201 if obj["metadata"]["resourceVersion"] == "1" else 200
        return web.json_response(obj, status=status)
    if content_type == JSON_PATCH and isinstance(body, list):
        obj = fake.objects.get(key)
        if obj is None:
            raise _not_found(key)
        before = copy.deepcopy(obj.get("spec"))
        for operation in body:
            if operation.get("op") != "replace":
                raise _Refuse(_status(422, "Invalid", f"unsupported op {operation.get('op')}"))
            parts = tuple(operation["path"].strip("/").split("/"))
            _set(obj, parts, operation["value"])
        _after_change(fake, key, before)
        return web.json_response(obj)
    raise _Refuse(
        _status(
            415,
            "UnsupportedMediaType",
            f"the body of the request was in an unknown format "
            f"- accepted media types include: {APPLY}, {JSON_PATCH}, {MERGE_PATCH}",
        )
    )


def _apply(fake: FakeKubernetes, key: Key, body: Any, manager: str, force: bool) -> dict[str, Any]:
    _, resource, namespace, name = key
    if not isinstance(body, dict) or not body.get("kind") or not body.get("apiVersion"):
        raise _Refuse(_status(400, "BadRequest", "apply needs apiVersion and kind"))
    metadata = body.get("metadata") or {}
    if metadata.get("name") != name:
        raise _Refuse(_status(400, "BadRequest", "the name of the object does not match the URL"))
    if metadata.get("namespace", namespace) != namespace:
        raise _Refuse(
            _status(400, "BadRequest", "the namespace of the object does not match the URL")
        )
    _check_labels(name, metadata.get("labels") or {})
    current = fake.objects.get(key)
    owners = fake.owners.setdefault(key, {})
    applied = {path: value for path, value in _leaves(body) if path not in IDENTITY}
    conflicts = sorted(
        path
        for path, value in applied.items()
        if owners.get(path) not in (None, manager) and _get(current, path) != value
    )
    if conflicts and not force:
        fields = ", ".join("." + ".".join(path) for path in conflicts)
        other = owners[conflicts[0]]
        raise _Refuse(
            _status(
                409,
                "Conflict",
                f"Apply failed with {len(conflicts)} conflict{'s' * (len(conflicts) > 1)}: "
                f'conflict with "{other}": {fields}',
                causes=[{"reason": "FieldManagerConflict", "field": f} for f in fields.split(", ")],
            )
        )
    before = copy.deepcopy((current or {}).get("spec"))
    obj = copy.deepcopy(current) if current else {"metadata": {}}
    # Fields this manager set before and no longer sets are removed (server-side apply).
    for path, owner in list(owners.items()):
        if owner == manager and path not in applied:
            _delete(obj, path)
            del owners[path]
    obj["apiVersion"], obj["kind"] = body["apiVersion"], body["kind"]
    obj["metadata"]["name"] = name
    if namespace is not None:
        obj["metadata"]["namespace"] = namespace
    for path, value in applied.items():
        _set(obj, path, value)
        owners[path] = manager
    obj["metadata"]["managedFields"] = [
        {
            "manager": m,
            "operation": "Apply",
            "apiVersion": body["apiVersion"],
            "fieldsType": "FieldsV1",
            "time": _now(),
        }
        for m in sorted(set(owners.values()))
    ]
    _stamp(obj, generation=resource != "namespaces")
    if resource == "namespaces":
        obj.setdefault("status", {"phase": "Active"})
        obj["metadata"].setdefault("labels", {})["kubernetes.io/metadata.name"] = name
    fake.objects[key] = obj
    _after_change(fake, key, before)
    return obj


# A label value: at most 63 characters, alphanumerics with -_. inside, empty allowed.
_LABEL_VALUE = re.compile(r"^(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?$")


def _check_labels(name: str, labels: dict[str, Any]) -> None:
    for value in labels.values():
        if not isinstance(value, str) or len(value) > 63 or not _LABEL_VALUE.match(value):
            raise _Refuse(
                _status(
                    422,
                    "Invalid",
                    f'"{name}" is invalid: metadata.labels: Invalid value: "{value}": a valid '
                    "label must be an empty string or consist of alphanumeric characters, '-', "
                    "'_' or '.', and must start and end with an alphanumeric character",
                )
            )


# -- the Deployment controller ------------------------------------------------------------


def _template_hash(template: dict[str, Any]) -> str:
    return hashlib.sha256(json.dumps(template, sort_keys=True).encode()).hexdigest()[:10]


def _after_change(fake: FakeKubernetes, key: Key, spec_before: Any) -> None:
    obj = fake.objects[key]
    if spec_before is not None and obj.get("spec") != spec_before:
        obj["metadata"]["generation"] = obj["metadata"].get("generation", 1) + 1
    if key[1] != "deployments":
        return
    obj.setdefault("status", {})
    template = obj["spec"]["template"]
    if spec_before is not None and spec_before.get("template") == template:
        return
    _, _, namespace, name = key
    replica_sets = [
        (k, rs)
        for k, rs in fake.objects.items()
        if k[1:3] == ("replicasets", namespace)
        and any(o["uid"] == obj["metadata"]["uid"] for o in rs["metadata"]["ownerReferences"])
    ]
    revision = 1 + max(
        (int(rs["metadata"]["annotations"][REVISION]) for _, rs in replica_sets), default=0
    )
    digest = _template_hash(template)
    matching = next((rs for _, rs in replica_sets if rs["metadata"]["name"].endswith(digest)), None)
    if matching is None:
        rs_template = copy.deepcopy(template)
        rs_template.setdefault("metadata", {}).setdefault("labels", {})["pod-template-hash"] = (
            digest
        )
        matching = _stamp(
            {
                "apiVersion": "apps/v1",
                "kind": "ReplicaSet",
                "metadata": {
                    "name": f"{name}-{digest}",
                    "namespace": namespace,
                    "labels": dict(rs_template["metadata"]["labels"]),
                    "annotations": {},
                    "ownerReferences": [
                        {
                            "apiVersion": "apps/v1",
                            "kind": "Deployment",
                            "name": name,
                            "uid": obj["metadata"]["uid"],
                            "controller": True,
                        }
                    ],
                },
                "spec": {
                    "replicas": 0,
                    "selector": obj["spec"].get("selector"),
                    "template": rs_template,
                },
            }
        )
        fake.objects[("/apis/apps/v1", "replicasets", namespace, matching["metadata"]["name"])] = (
            matching
        )
    matching["metadata"]["annotations"][REVISION] = str(revision)
    obj["metadata"].setdefault("annotations", {})[REVISION] = str(revision)
    fake._rollouts[key] = _Rollout()


def _advance(fake: FakeKubernetes, key: Key) -> None:
    """One step of the controller, per read of the status."""
    obj = fake.objects[key]
    wanted = obj["spec"].get("replicas", 1)
    status = obj["status"]
    rollout = fake._rollouts.setdefault(key, _Rollout())
    rollout.reads += 1
    images = {c.get("image") for c in obj["spec"]["template"]["spec"].get("containers", [])}
    stuck = bool(images & fake.never_ready_images)
    if status.get("observedGeneration") != obj["metadata"]["generation"]:
        status.update(
            observedGeneration=obj["metadata"]["generation"],
            replicas=wanted,
            updatedReplicas=wanted,
            readyReplicas=0,
            availableReplicas=0,
        )
        status["conditions"] = [_condition("Progressing", "True", "ReplicaSetUpdated")]
        return
    if stuck:
        if rollout.reads > fake.progress_deadline_reads:
            status["conditions"] = [
                _condition("Available", "False", "MinimumReplicasUnavailable"),
                _condition(
                    "Progressing",
                    "False",
                    "ProgressDeadlineExceeded",
                    f'ReplicaSet "{key[3]}" has timed out progressing.',
                ),
            ]
        return
    ready = min(status.get("readyReplicas", 0) + 1, wanted)
    status.update(readyReplicas=ready, availableReplicas=ready)
    if ready == wanted:
        status["conditions"] = [
            _condition("Available", "True", "MinimumReplicasAvailable"),
            _condition("Progressing", "True", "NewReplicaSetAvailable"),
        ]


def _condition(kind: str, value: str, reason: str, message: str = "") -> dict[str, Any]:
    return {
        "type": kind,
        "status": value,
        "reason": reason,
        "message": message or reason,
        "lastUpdateTime": _now(),
        "lastTransitionTime": _now(),
    }


@pytest.fixture
async def fake_kubernetes() -> AsyncIterator[FakeKubernetes]:
    fake = await FakeKubernetes().start()
    try:
        yield fake
    finally:
        await fake.close()

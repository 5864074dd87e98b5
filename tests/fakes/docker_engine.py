"""A fake Docker Engine API on a unix socket, for the Docker SDK (``docker.DockerClient``).

The paths, versions and error bodies of the real daemon, for what ``containers.run`` and
``remove`` use: ``GET /version``, ``/_ping``, ``POST /containers/create?name=`` (404 ``No such
image`` for an image not pulled, 409 for a name in use), ``POST /images/create`` (a pull, which
succeeds only for images in :attr:`FakeDockerEngine.registry`), ``POST /containers/{id}/start``
(500 ``port is already allocated`` when a running container publishes the same host port),
``GET /containers/{id}/json`` and ``DELETE /containers/{id}``. Paths may carry the API version
prefix (``/v1.44/...``) as the SDK sends them.
"""

from __future__ import annotations

import json
import re
import secrets
import tempfile
from collections.abc import AsyncIterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest
from aiohttp import web

API_VERSION = "1.45"
_VERSION_PREFIX = re.compile(r"^/v\d+\.\d+")


def normalise(image: str) -> str:
    last = image.rsplit("/", 1)[-1]
    return image if ":" in last or "@" in image else f"{image}:latest"


@dataclass
class FakeDockerEngine:
    socket_path: Path
    images: set[str] = field(default_factory=set)
    registry: set[str] = field(default_factory=set)
    containers: dict[str, dict[str, Any]] = field(default_factory=dict)
    requests: list[tuple[str, str]] = field(default_factory=list)
    port_taken_once: bool = False  # the next start fails as if another program took the port
    _runner: web.AppRunner | None = None

    @property
    def base_url(self) -> str:
        return f"unix://{self.socket_path}"

    async def start(self) -> FakeDockerEngine:
        app = web.Application()
        app["fake"] = self
        app.router.add_route("*", "/{tail:.*}", _dispatch)
        self._runner = web.AppRunner(app, access_log=None)
        await self._runner.setup()
        await web.UnixSite(self._runner, str(self.socket_path)).start()
        return self

    async def close(self) -> None:
        if self._runner is not None:
            await self._runner.cleanup()

    def running(self) -> list[dict[str, Any]]:
        return [c for c in self.containers.values() if c["State"]["Running"]]

    def by_name(self, name: str) -> dict[str, Any] | None:
        return next((c for c in self.containers.values() if c["Name"] == f"/{name}"), None)

    def host_ports(self, container: dict[str, Any]) -> dict[str, int]:
        bindings = container["HostConfig"].get("PortBindings") or {}
        return {spec: int(items[0]["HostPort"]) for spec, items in bindings.items() if items}


def _error(status: int, message: str) -> web.Response:
    return web.json_response({"message": message}, status=status)


def _find(fake: FakeDockerEngine, ref: str) -> dict[str, Any] | None:
    if ref in fake.containers:
        return fake.containers[ref]
    return next(
        (c for c in fake.containers.values() if c["Id"].startswith(ref) or c["Name"] == f"/{ref}"),
        None,
    )


async def _dispatch(request: web.Request) -> web.StreamResponse:
    fake: FakeDockerEngine = request.app["fake"]
    path = _VERSION_PREFIX.sub("", request.path)
    fake.requests.append((request.method, path))
    method = request.method
    if path == "/_ping":
        return web.Response(text="OK", headers={"Api-Version": API_VERSION})
    if path == "/version":
        return web.json_response(
            {
                "Version": "26.1.0",
                "ApiVersion": API_VERSION,
                "MinAPIVersion": "1.24",
                "Os": "linux",
                "Arch": "amd64",
            }
        )
    if method == "POST" and path == "/containers/create":
        return await _create(fake, request)
    if method == "POST" and path == "/images/create":
        return _pull(fake, request)
    match = re.fullmatch(r"/images/(.+)/json", path)
    if method == "GET" and match:
        name = normalise(match.group(1))
        if name not in fake.images:
            return _error(404, f"No such image: {name}")
        return web.json_response({"Id": f"sha256:{abs(hash(name)):064d}", "RepoTags": [name]})
    match = re.fullmatch(r"/containers/([^/]+)(/json|/start|/stop)?", path)
    if match:
        container = _find(fake, match.group(1))
        if container is None:
            return _error(404, f"No such container: {match.group(1)}")
        action = match.group(2)
        if method == "GET" and action == "/json":
            return web.json_response(container)
        if method == "POST" and action == "/start":
            return _start(fake, container)
        if method == "POST" and action == "/stop":
            container["State"].update(Status="exited", Running=False)
            return web.Response(status=204)
        if method == "DELETE" and action is None:
            if container["State"]["Running"] and request.query.get("force") not in ("1", "True"):
                return _error(409, "You cannot remove a running container. Stop it first")
            del fake.containers[container["Id"]]
            return web.Response(status=204)
    return _error(404, f"page not found: {method} {path}")


async def _create(fake: FakeDockerEngine, request: web.Request) -> web.Response:
    body = await request.json()
    image = normalise(str(body.get("Image") or ""))
    name = request.query.get("name") or f"fake_{secrets.token_hex(3)}"
    existing = fake.by_name(name)
    if existing is not None:
        return _error(
            409,
            f'Conflict. The container name "/{name}" is already in use by container '
            f'"{existing["Id"]}". You have to remove (or rename) that container to be able to '
            "reuse that name.",
        )
    if image not in fake.images:
        return _error(404, f"No such image: {image}")
    container_id = secrets.token_hex(32)
    host_config = body.get("HostConfig") or {}
    fake.containers[container_id] = {
        "Id": container_id,
        "Name": f"/{name}",
        "Image": image,
        "Created": "2026-01-01T00:00:00Z",
        "Config": {
            "Image": body.get("Image"),
            "Labels": body.get("Labels") or {},
            "Env": body.get("Env") or [],
            "ExposedPorts": body.get("ExposedPorts") or {},
        },
        "HostConfig": host_config,
        "State": {"Status": "created", "Running": False},
        "NetworkSettings": {"Ports": {}},
    }
    return web.json_response({"Id": container_id, "Warnings": []}, status=201)


def _pull(fake: FakeDockerEngine, request: web.Request) -> web.Response:
    name = request.query.get("fromImage", "")
    tag = request.query.get("tag") or "latest"
    image = normalise(f"{name}:{tag}" if ":" not in name.rsplit("/", 1)[-1] else name)
    if image not in fake.registry:
        return _error(
            404,
            f"pull access denied for {name}, repository does not exist or may require "
            "'docker login': denied: requested access to the resource is denied",
        )
    fake.images.add(image)
    lines = [{"status": f"Pulling from {name}", "id": tag}, {"status": f"Downloaded {image}"}]
    return web.Response(
        text="\n".join(json.dumps(line) for line in lines), content_type="application/json"
    )


def _start(fake: FakeDockerEngine, container: dict[str, Any]) -> web.Response:
    wanted = fake.host_ports(container)
    in_use = {
        port
        for other in fake.running()
        if other["Id"] != container["Id"]
        for port in fake.host_ports(other).values()
    }
    clash = sorted(set(wanted.values()) & in_use)
    if fake.port_taken_once and wanted:
        fake.port_taken_once = False
        clash = [next(iter(wanted.values()))]
    if clash:
        return _error(
            500,
            f"driver failed programming external connectivity on endpoint "
            f"{container['Name'].lstrip('/')}: Bind for 0.0.0.0:{clash[0]} failed: port is "
            "already allocated",
        )
    container["State"].update(Status="running", Running=True)
    container["NetworkSettings"]["Ports"] = {
        spec: [{"HostIp": "0.0.0.0", "HostPort": str(port)}]  # noqa: S104 - as Docker reports
        for spec, port in wanted.items()
    }
    return web.Response(status=204)


@pytest.fixture
async def fake_docker() -> AsyncIterator[FakeDockerEngine]:
    # A short directory: unix socket paths are limited to 107 bytes.
    directory = Path(tempfile.mkdtemp(prefix="fakedocker-"))
    fake = await FakeDockerEngine(directory / "docker.sock").start()
    try:
        yield fake
    finally:
        await fake.close()
        (directory / "docker.sock").unlink(missing_ok=True)
        directory.rmdir()

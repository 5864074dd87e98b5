"""Local mode: ``vibe deploy --docker IMAGE`` runs an image with the Docker SDK on free host ports.

The port map of every local deployment is recorded in ``VIBE_DATA_DIR/local-deployments.json``
(under a file lock), so a second deployment never gets a port the first one holds, even while
that one's container is stopped. A free port is found by binding it: between that check and
Docker publishing it another program may take it, so a start that fails with "port is already
allocated" is retried with fresh ports.

The ``docker`` package is imported inside :func:`docker_client` only (CLI start-up stays fast).
"""

from __future__ import annotations

import contextlib
import fcntl
import json
import socket
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import asdict, dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from app.errors import ToolError, UsageError

MANAGED_LABELS = {
    "app.kubernetes.io/managed-by": "vibeintelligence",
    "vibeintelligence.dev/local": "true",
}
PORT_TRIES = 3


class LocalDeployError(ToolError):
    """Docker refused or cannot be reached; the message says what to do."""


@dataclass(frozen=True)
class LocalDeployment:
    name: str
    image: str
    container_id: str
    ports: dict[str, int]  # "8000/tcp" → host port
    created_at: str = field(default_factory=lambda: datetime.now(UTC).isoformat())

    def urls(self, host: str = "127.0.0.1") -> dict[str, str]:
        return {spec: f"http://{host}:{port}" for spec, port in self.ports.items()}


class PortRegistry:
    """The recorded local deployments, one JSON file, read and written under a lock."""

    def __init__(self, path: Path) -> None:
        self.path = path

    @contextmanager
    def locked(self) -> Iterator[dict[str, LocalDeployment]]:
        """The deployments by name; changes to the dict are saved on exit."""
        self.path.parent.mkdir(parents=True, exist_ok=True)
        with (self.path.parent / f".{self.path.name}.lock").open("w") as lock:
            fcntl.flock(lock, fcntl.LOCK_EX)
            deployments = self._read()
            yield deployments
            temporary = self.path.with_suffix(".tmp")
            temporary.write_text(
                json.dumps({n: asdict(d) for n, d in sorted(deployments.items())}, indent=2),
                encoding="utf-8",
            )
            temporary.replace(self.path)

    def _read(self) -> dict[str, LocalDeployment]:
        if not self.path.exists():
            return {}
        try:
            raw = json.loads(self.path.read_text(encoding="utf-8"))
            return {name: LocalDeployment(**item) for name, item in raw.items()}
        except (ValueError, TypeError) as exc:
            raise UsageError(
                f"{self.path}: not a local deployments file ({exc}); move it away to start over"
            ) from None

    def all(self) -> list[LocalDeployment]:
        with self.locked() as deployments:
            return list(deployments.values())


def free_port(taken: set[int]) -> int:
    """A TCP port nothing listens on now and no recorded deployment holds."""
    for _ in range(50):
        with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
            probe.bind(("0.0.0.0", 0))  # noqa: S104 - Docker publishes on every interface
            port = int(probe.getsockname()[1])
        if port not in taken:
            return port
    raise LocalDeployError("no free TCP port found after 50 tries")


def port_spec(port: str) -> str:
    """``8000`` → ``8000/tcp``; ``53/udp`` stays."""
    number, _, protocol = port.partition("/")
    if not number.isdigit() or not 0 < int(number) < 65536 or protocol not in ("", "tcp", "udp"):
        raise UsageError(f"--port {port}: give a container port such as 8000 or 53/udp")
    return f"{int(number)}/{protocol or 'tcp'}"


def docker_client(base_url: str | None = None) -> Any:
    """A Docker SDK client for ``base_url`` (default: ``DOCKER_HOST`` or the local socket)."""
    import docker
    from docker.errors import DockerException

    try:
        if base_url:
            return docker.DockerClient(base_url=base_url)
        return docker.from_env()
    except DockerException as exc:
        raise LocalDeployError(
            f"cannot reach Docker ({exc}); start the Docker daemon or pass --docker-host"
        ) from None


def run_local(
    client: Any,
    registry: PortRegistry,
    *,
    image: str,
    name: str,
    container_ports: Sequence[str],
    environment: dict[str, str] | None = None,
) -> LocalDeployment:
    """(Re)deploy ``image`` as container ``name``, each container port on a free host port."""
    from docker.errors import APIError, ImageNotFound

    specs = [port_spec(port) for port in container_ports]
    with registry.locked() as deployments:
        previous = deployments.pop(name, None)
        if previous is not None:
            _remove(client, previous.container_id)
        for attempt in range(1, PORT_TRIES + 1):
            taken = {port for d in deployments.values() for port in d.ports.values()}
            ports: dict[str, int] = {}
            for spec in specs:
                ports[spec] = free_port(taken | set(ports.values()))
            try:
                container = client.containers.run(
                    image,
                    detach=True,
                    name=name,
                    ports=dict(ports),
                    environment=dict(environment or {}),
                    labels=dict(MANAGED_LABELS),
                    restart_policy={"Name": "unless-stopped"},
                )
            except ImageNotFound:
                raise LocalDeployError(
                    f"image {image} was not found locally nor in its registry; build or "
                    "push it first"
                ) from None
            except APIError as exc:
                message = str(exc.explanation or exc)
                if "port is already allocated" in message and attempt < PORT_TRIES:
                    _remove(client, name)
                    continue
                raise LocalDeployError(f"Docker refused to run {image}: {message}") from None
            deployment = LocalDeployment(name, image, str(container.id), ports)
            deployments[name] = deployment
            return deployment
    raise AssertionError("unreachable")  # pragma: no cover


def stop_local(client: Any, registry: PortRegistry, name: str) -> LocalDeployment:
    """Remove the container of ``name`` and free its ports."""
    with registry.locked() as deployments:
        deployment = deployments.pop(name, None)
        if deployment is None:
            known = ", ".join(sorted(deployments)) or "none"
            raise UsageError(f"no local deployment named {name} (recorded: {known})")
        _remove(client, deployment.container_id)
        return deployment


def _remove(client: Any, container: str) -> None:
    from docker.errors import NotFound

    # Already gone (removed by hand): there is nothing to free but our record.
    with contextlib.suppress(NotFound):
        client.containers.get(container).remove(force=True)

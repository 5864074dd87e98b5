"""``vibe deploy --docker``: the real CLI and Docker SDK against the fake Docker Engine API on a
unix socket. The CLI is blocking, so it runs in a thread while the fake serves on the loop."""

from __future__ import annotations

import asyncio
import json
import os
import socket
from pathlib import Path

import pytest

from app.cli.main import main
from tests.fakes.docker_engine import FakeDockerEngine, fake_docker

__all__ = ["fake_docker"]


async def vibe(*argv: str) -> int:
    return await asyncio.to_thread(main, ["deploy", *argv])


def recorded() -> dict[str, dict[str, object]]:
    path = Path(os.environ["VIBE_DATA_DIR"]) / "local-deployments.json"
    loaded: dict[str, dict[str, object]] = json.loads(path.read_text(encoding="utf-8"))
    return loaded


def bindable(port: int) -> bool:
    with socket.socket() as probe:
        try:
            probe.bind(("0.0.0.0", port))  # noqa: S104 - where Docker publishes
        except OSError:
            return False
    return True


async def test_an_image_runs_on_free_host_ports_and_the_mapping_is_recorded(
    fake_docker: FakeDockerEngine, capsys: pytest.CaptureFixture[str]
) -> None:
    fake_docker.images.add("ghcr.io/octo/app:1.2")

    code = await vibe(
        "--docker", "ghcr.io/octo/app:1.2", "--port", "8000", "--port", "9000",
        "--env", "MODE=demo", "--docker-host", fake_docker.base_url,
    )  # fmt: skip

    assert code == 0
    [container] = fake_docker.running()
    assert container["Name"] == "/app"
    assert container["Config"]["Env"] == ["MODE=demo"]
    assert container["Config"]["Labels"]["app.kubernetes.io/managed-by"] == "vibeintelligence"
    ports = fake_docker.host_ports(container)
    assert set(ports) == {"8000/tcp", "9000/tcp"}
    assert len(set(ports.values())) == 2
    assert all(bindable(port) for port in ports.values())
    assert recorded()["app"]["ports"] == ports
    out = capsys.readouterr().out
    assert f"8000/tcp → http://127.0.0.1:{ports['8000/tcp']}" in out


async def test_a_second_deployment_never_gets_a_port_of_the_first(
    fake_docker: FakeDockerEngine,
) -> None:
    fake_docker.images.update({"octo/one:latest", "octo/two:latest"})
    host = ("--docker-host", fake_docker.base_url)
    assert await vibe("--docker", "octo/one", "--port", "80", *host) == 0
    assert await vibe("--docker", "octo/two", "--port", "80", *host) == 0

    mapping = recorded()
    assert set(mapping) == {"one", "two"}
    assert mapping["one"]["ports"] != mapping["two"]["ports"]


async def test_a_port_taken_between_the_check_and_the_start_is_retried(
    fake_docker: FakeDockerEngine,
) -> None:
    fake_docker.images.add("octo/app:latest")
    fake_docker.port_taken_once = True

    code = await vibe("--docker", "octo/app", "--port", "80", "--docker-host", fake_docker.base_url)

    assert code == 0
    assert len(fake_docker.running()) == 1
    assert len(fake_docker.containers) == 1  # the failed container was removed


async def test_a_missing_image_is_pulled_and_an_unknown_one_is_a_clear_error(
    fake_docker: FakeDockerEngine, capsys: pytest.CaptureFixture[str]
) -> None:
    fake_docker.registry.add("octo/pulled:2")
    host = ("--docker-host", fake_docker.base_url)

    assert await vibe("--docker", "octo/pulled:2", "--port", "80", *host) == 0
    assert "octo/pulled:2" in fake_docker.images

    assert await vibe("--docker", "octo/nowhere:1", "--port", "80", *host) == 3
    err = capsys.readouterr().err
    assert "octo/nowhere:1 was not found" in err and "build or push it first" in err


async def test_redeploying_replaces_the_container_and_stop_frees_the_ports(
    fake_docker: FakeDockerEngine, capsys: pytest.CaptureFixture[str]
) -> None:
    fake_docker.images.update({"octo/app:1", "octo/app:2"})
    host = ("--docker-host", fake_docker.base_url)
    assert await vibe("--docker", "octo/app:1", "--port", "80", *host) == 0
    assert await vibe("--docker", "octo/app:2", "--port", "80", *host) == 0
    [container] = fake_docker.containers.values()
    assert container["Config"]["Image"] == "octo/app:2"

    assert await vibe("--docker-list") == 0
    assert "octo/app:2" in capsys.readouterr().out
    assert await vibe("--docker-stop", "app", *host) == 0
    assert fake_docker.containers == {}
    assert recorded() == {}
    assert await vibe("--docker-stop", "app", *host) == 2

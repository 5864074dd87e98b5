"""What ``vibe serve`` says to the person who starts it: where to open it, what is missing,
and why it stopped."""

from __future__ import annotations

import asyncio
import json
import os
import signal
import socket
import sys
from collections.abc import AsyncIterator, Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import rsa
from pydantic import SecretStr

from app.cli.serve import NO_GITHUB_APP, UNSIGNED_DELIVERIES, github_app_problem
from app.server import bound_urls
from tests.services import WEBHOOK_SECRET, make_settings, private_directory

ROOT = Path(__file__).resolve().parents[2]
START_TIMEOUT_S = 120


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port: int = probe.getsockname()[1]
        return port


def _private_key_pem() -> str:
    key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    return key.private_bytes(
        serialization.Encoding.PEM,
        serialization.PrivateFormat.PKCS8,
        serialization.NoEncryption(),
    ).decode()


class Server:
    """``vibe serve`` in a subprocess, its output read line by line as it comes."""

    def __init__(self, process: asyncio.subprocess.Process) -> None:
        self.process = process
        self.output: list[str] = []

    def events(self) -> list[dict[str, Any]]:
        return [json.loads(line) for line in self.output if line.startswith("{")]

    async def wait_for_event(
        self, matches: Callable[[dict[str, Any]], bool], timeout: float = START_TIMEOUT_S
    ) -> dict[str, Any]:
        async def read() -> dict[str, Any]:
            assert self.process.stdout is not None
            while line := (await self.process.stdout.readline()).decode():
                self.output.append(line.rstrip("\n"))
                if line.startswith("{") and matches(event := json.loads(line)):
                    return event
            raise AssertionError("vibe serve ended first:\n" + "\n".join(self.output))

        return await asyncio.wait_for(read(), timeout)

    async def stop(self, signum: int, timeout: float = 60) -> int:
        """Send ``signum``; the exit status once the output has ended."""
        self.process.send_signal(signum)
        assert self.process.stdout is not None
        rest = await asyncio.wait_for(self.process.stdout.read(), timeout)
        self.output.extend(rest.decode().splitlines())
        return await asyncio.wait_for(self.process.wait(), timeout)


@pytest.fixture
def data_dir() -> Iterator[Path]:
    with private_directory("vibe-start-") as directory:
        yield directory


@pytest.fixture
async def start_server(data_dir: Path) -> AsyncIterator[Callable[..., Any]]:
    started: list[Server] = []

    async def start(port: int, **variables: str) -> Server:
        env = {
            key: value
            for key, value in os.environ.items()
            if not key.startswith(("VIBE_GITHUB_", "VIBE_PUBLIC_URL", "XDG_RUNTIME_DIR"))
            and key not in {"DATABASE_URL", "REDIS_URL", "VIBE_DATABASE_URL", "VIBE_REDIS_URL"}
        }
        env.update(VIBE_DATA_DIR=str(data_dir), VIBE_LOG_FORMAT="json", **variables)
        process = await asyncio.create_subprocess_exec(
            sys.executable,
            "-m",
            "app.cli.main",
            "serve",
            "--port",
            str(port),
            cwd=ROOT,
            env=env,
            stdout=asyncio.subprocess.PIPE,
            stderr=asyncio.subprocess.STDOUT,
        )
        started.append(Server(process))
        return started[-1]

    yield start
    for server in started:
        if server.process.returncode is None:
            server.process.kill()
            await server.process.wait()


async def test_a_first_start_says_what_to_open_what_is_missing_and_why_it_stopped(
    start_server: Callable[..., Any],
) -> None:
    port = _free_port()
    # Embedded databases, no GitHub App, no XDG_RUNTIME_DIR: a newcomer's first run.
    server = await start_server(port)

    ready = await server.wait_for_event(lambda e: e["event"].startswith("ready"))
    assert ready["dashboard"] == f"http://127.0.0.1:{port}/"
    assert ready["github_webhooks"] == f"http://127.0.0.1:{port}/webhooks/github"
    assert ready["gitlab_webhooks"] == f"http://127.0.0.1:{port}/webhooks/gitlab"
    assert await server.stop(signal.SIGINT) == 0

    events = [e["event"] for e in server.events()]
    # Said before the databases start, not at the first failed job.
    assert events.index(NO_GITHUB_APP) < events.index("services")
    assert "`vibe register`" in NO_GITHUB_APP and "VIBE_GITHUB_APP_ID" in NO_GITHUB_APP
    assert "shutting down on Ctrl-C (SIGINT)" in events
    worker_lines = [e for e in events if e.startswith("shutdown on ")]
    assert worker_lines and all(e.startswith("shutdown on Ctrl-C (SIGINT) ◆") for e in worker_lines)
    output = "\n".join(server.output)
    assert "SIGUSR1" not in output
    assert "RuntimeDirWarning" not in output


async def test_behind_a_public_url_it_announces_that_url_and_names_sigterm(
    start_server: Callable[..., Any], pg_dsn: str, redis_url: str
) -> None:
    port = _free_port()
    server = await start_server(
        port,
        DATABASE_URL=pg_dsn,
        REDIS_URL=redis_url,
        VIBE_PUBLIC_URL="https://vibe.example.com/",
        VIBE_GITHUB_APP_ID="12345",
        VIBE_GITHUB_PRIVATE_KEY=_private_key_pem(),
        VIBE_GITHUB_WEBHOOK_SECRET=WEBHOOK_SECRET,
    )

    ready = await server.wait_for_event(lambda e: e["event"].startswith("ready"))
    assert ready["dashboard"] == "https://vibe.example.com/"
    assert ready["github_webhooks"] == "https://vibe.example.com/webhooks/github"
    assert ready["listening"] == f"http://127.0.0.1:{port}"
    assert await server.stop(signal.SIGTERM) == 0

    events = [e["event"] for e in server.events()]
    assert "shutting down on SIGTERM" in events
    assert not [e for e in server.events() if e["level"] == "warning" and "GitHub" in e["event"]]


def test_the_app_problem_names_the_fix() -> None:
    key = SecretStr(_private_key_pem())

    assert github_app_problem(make_settings(github_webhook_secret=None)) == NO_GITHUB_APP
    missing_id = github_app_problem(make_settings(github_private_key=key))
    assert missing_id is not None and "VIBE_GITHUB_APP_ID" in missing_id
    broken = github_app_problem(
        make_settings(github_app_id=1, github_private_key=SecretStr("not a key"))
    )
    assert broken is not None and "VIBE_GITHUB_PRIVATE_KEY" in broken
    unsigned = make_settings(github_app_id=1, github_private_key=key, github_webhook_secret=None)
    assert github_app_problem(unsigned) == UNSIGNED_DELIVERIES
    assert github_app_problem(make_settings(github_app_id=1, github_private_key=key)) is None


def test_bound_addresses_become_urls_to_open() -> None:
    assert bound_urls([("127.0.0.1", 8080), ("127.0.0.1", 8080)]) == ["http://127.0.0.1:8080"]
    wildcards = [("0.0.0.0", 80), ("::", 80, 0, 0)]  # noqa: S104 (what --host 0.0.0.0 binds)
    assert bound_urls(wildcards) == ["http://localhost:80"]
    assert bound_urls([("::1", 8080, 0, 0), "/run/vibe.sock"]) == ["http://[::1]:8080"]

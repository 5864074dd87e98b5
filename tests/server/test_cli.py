"""``vibe serve``, ``vibe worker``: one command runs the product on embedded services."""

from __future__ import annotations

import asyncio
import json
import os
import signal
import socket
import sys
from collections.abc import Iterator
from pathlib import Path

import aiohttp
import asyncpg
import pytest

from app.cli.main import main
from tests.services import WEBHOOK_SECRET, private_directory, wait_for
from tests.webhooks import fixture_delivery

ROOT = Path(__file__).resolve().parents[2]


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port: int = probe.getsockname()[1]
        return port


@pytest.fixture
def data_dir() -> Iterator[Path]:
    with private_directory("vibe-serve-") as directory:
        yield directory


async def _serve(data_dir: Path, port: int, log: Path) -> asyncio.subprocess.Process:
    env = {
        **os.environ,
        "VIBE_DATA_DIR": str(data_dir),
        "VIBE_LOG_FORMAT": "json",
        "VIBE_GITHUB_WEBHOOK_SECRET": WEBHOOK_SECRET,
    }
    for name in ("DATABASE_URL", "REDIS_URL", "VIBE_DATABASE_URL", "VIBE_REDIS_URL"):
        env.pop(name, None)
    return await asyncio.create_subprocess_exec(
        sys.executable,
        "-m",
        "app.cli.main",
        "serve",
        "--port",
        str(port),
        "--poll-delay",
        "0.05",
        cwd=ROOT,
        env=env,
        stdout=log.open("ab"),
        stderr=asyncio.subprocess.STDOUT,
    )


async def _ready(session: aiohttp.ClientSession, base: str) -> bool:
    try:
        async with session.get(f"{base}/readyz") as response:
            return response.status == 200
    except aiohttp.ClientError:
        return False


async def _stop(process: asyncio.subprocess.Process) -> int:
    process.send_signal(signal.SIGTERM)
    return await asyncio.wait_for(process.wait(), 60)


async def test_vibe_serve_runs_everything_on_embedded_services_and_keeps_the_data(
    data_dir: Path,
) -> None:
    port = _free_port()
    base = f"http://127.0.0.1:{port}"
    log = data_dir / "serve.log"
    dsn = f"postgresql://postgres@/postgres?host={data_dir / 'postgres'}"
    headers, body = fixture_delivery("installation.created.json", WEBHOOK_SECRET)
    delivery_id = headers["X-GitHub-Delivery"]

    server = await _serve(data_dir, port, log)
    try:
        async with aiohttp.ClientSession() as session:
            await wait_for(lambda: _ready(session, base), timeout=90, interval=0.1)
            async with session.post(
                f"{base}/webhooks/github", data=body, headers=headers
            ) as response:
                assert response.status == 202

            async def synced() -> bool:
                conn = await asyncpg.connect(dsn)
                try:
                    status = await conn.fetchval("SELECT status FROM jobs")
                finally:
                    await conn.close()
                return status == "succeeded"

            # The in-process worker ran the job.
            await wait_for(synced, timeout=30, interval=0.1)
    finally:
        assert await _stop(server) == 0

    lines = [json.loads(line) for line in log.read_text().splitlines() if line.startswith("{")]
    (services,) = [line for line in lines if line["event"] == "services"]
    assert services["postgres"].startswith("embedded postgresql://")
    assert services["postgres"].endswith(f"(socket {data_dir / 'postgres'})")  # where to connect
    assert services["redis"].startswith("embedded unix://")
    assert not (data_dir / "postgres" / "postmaster.pid").exists()
    assert not (data_dir / "redis" / "redis.sock").exists()
    assert WEBHOOK_SECRET not in log.read_text()

    server = await _serve(data_dir, port, log)
    try:
        async with aiohttp.ClientSession() as session:
            await wait_for(lambda: _ready(session, base), timeout=90, interval=0.1)
        conn = await asyncpg.connect(dsn)
        try:
            kept = await conn.fetchval(
                "SELECT count(*) FROM deliveries WHERE delivery_id = $1", delivery_id
            )
        finally:
            await conn.close()
        assert kept == 1
    finally:
        assert await _stop(server) == 0


def test_vibe_worker_refuses_a_jobs_module_that_does_not_exist(
    capsys: pytest.CaptureFixture[str],
) -> None:
    assert main(["worker", "--jobs-module", "no.such.module"]) == 2
    assert "--jobs-module no.such.module: cannot import it" in capsys.readouterr().err


@pytest.mark.parametrize(
    "argv",
    [["serve", "--port", "70000"], ["serve", "--workers", "0"], ["worker", "--job-timeout", "-1"]],
)
def test_bad_options_are_usage_errors(argv: list[str]) -> None:
    with pytest.raises(SystemExit) as exit_info:
        main(argv)
    assert exit_info.value.code == 2

"""Ingest benchmark: replay the recorded webhook payloads, signed, at a running ``vibe serve``.

Starts ``vibe serve --no-worker`` with embedded PostgreSQL and Redis in a temporary
``VIBE_DATA_DIR``, sends every payload of ``tests/fixtures/github-webhooks`` round-robin with a
unique delivery id at bounded concurrency, then checks the database and the queue: every delivery
id recorded exactly once, every planned job in the outbox, sent, and in the ARQ queue. Prints
the machine (CPU model, load average before and after), deliveries/s, p50/p99 latency, lost and
duplicated counts per round and the median of the rounds, and the CPU time of a delivery split
by process: the server, PostgreSQL, Redis and this load generator. On a shared machine the CPU
times are the figures to compare: they vary far less than throughput and latency.

    python bench/ingest.py --rounds 3 --deliveries 5000 --concurrency 24 --workers 2
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import os
import platform
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import uuid
from dataclasses import dataclass
from pathlib import Path

import aiohttp
import asyncpg  # type: ignore[import-untyped,unused-ignore]

ROOT = Path(__file__).resolve().parents[1]
WEBHOOKS = ROOT / "tests" / "fixtures" / "github-webhooks"
SECRET = "bench-webhook-secret"  # noqa: S105 - signs the bench's own deliveries
LOAD_GENERATOR = "load generator"
# The processes whose CPU the summary splits a delivery's cost between, as printed.
ROLES = (("server", "server"), ("postgres", "PostgreSQL"), ("redis", "Redis"))

sys.path.insert(0, str(ROOT))
from arq.constants import default_queue_name  # noqa: E402

from handlers.verify import sign  # noqa: E402
from jobs.queue.kinds import queue_for  # noqa: E402


@dataclass
class Round:
    deliveries: int
    seconds: float
    latencies: list[float]
    errors: int
    lost: int
    duplicated: int
    jobs_missing: int
    cpu_seconds: dict[str, float]
    client_cpu_seconds: float = 0.0

    @property
    def cpu_ms_per_delivery(self) -> float:
        """CPU of the server, PostgreSQL and Redis (not of this client) per delivery."""
        return sum(self.cpu_seconds.values()) * 1000 / self.deliveries

    def cpu_ms(self, role: str) -> float:
        """CPU of one role (server, postgres, redis, load generator) per delivery."""
        if role == LOAD_GENERATOR:
            return self.client_cpu_seconds * 1000 / self.deliveries
        return self.cpu_seconds.get(role, 0.0) * 1000 / self.deliveries

    @property
    def rate(self) -> float:
        return self.deliveries / self.seconds

    def percentile(self, fraction: float) -> float:
        ordered = sorted(self.latencies)
        return ordered[min(len(ordered) - 1, int(fraction * len(ordered)))]


def _service_processes(server_pid: int, data_dir: Path) -> dict[int, str]:
    """The server (and its --workers children) and the PostgreSQL and Redis it embeds."""
    import psutil  # type: ignore[import-untyped,unused-ignore]

    found: dict[int, str] = {}
    with contextlib.suppress(psutil.Error):
        server = psutil.Process(server_pid)
        found[server_pid] = "server"
        for child in server.children(recursive=True):
            found[child.pid] = "server"
    for process in psutil.process_iter(["pid", "name", "cmdline"]):
        cmdline = " ".join(process.info["cmdline"] or ())
        with contextlib.suppress(psutil.Error):
            parent = process.parent()
            parent_cmdline = " ".join(parent.cmdline()) if parent else ""
            if str(data_dir) in cmdline or str(data_dir) in parent_cmdline:
                name = process.info["name"] or ""
                found.setdefault(process.pid, "redis" if "redis" in name else "postgres")
    return found


def _cpu_times(processes: dict[int, str]) -> dict[int, float]:
    import psutil

    times = {}
    for pid in processes:
        with contextlib.suppress(psutil.Error):
            cpu = psutil.Process(pid).cpu_times()
            times[pid] = cpu.user + cpu.system
    return times


def cpu_model() -> str:
    """The processor's name as /proc/cpuinfo gives it (x86 ``model name``, others' fields)."""
    with contextlib.suppress(OSError):
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            key, _, value = line.partition(":")
            if key.strip() in ("model name", "Model", "Hardware", "cpu model") and value.strip():
                return value.strip()
    return platform.processor() or platform.machine() or "unknown CPU"


def load_average() -> str:
    """The 1, 5 and 15 minute load averages: how busy the machine was besides the bench."""
    return " ".join(f"{value:.2f}" for value in os.getloadavg())


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port: int = probe.getsockname()[1]
        return port


def _payloads() -> list[tuple[str, bytes, str]]:
    """(event, body, signature) per fixture; the signature does not cover the delivery id."""
    found = []
    for path in sorted(WEBHOOKS.glob("*.json")):
        body = path.read_bytes()
        found.append((path.name.split(".", 1)[0], body, sign(body, SECRET)))
    return found


async def _wait_ready(session: aiohttp.ClientSession, base: str, limit_s: float) -> None:
    deadline = time.monotonic() + limit_s
    while time.monotonic() < deadline:
        with contextlib.suppress(aiohttp.ClientError):
            async with session.get(f"{base}/readyz") as response:
                if response.status == 200:
                    return
        await asyncio.sleep(0.2)
    raise SystemExit(f"the server at {base} was not ready within {limit_s} s")


class _Connection:
    """One keep-alive HTTP/1.1 connection that sends pre-built requests.

    The load generator shares the two cores with the server it measures, so it must cost little:
    requests are bytes built once per payload (only the delivery id differs), and the response is
    read by its Content-Length. This is what wrk or h2load do, in Python.
    """

    def __init__(self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        self.reader, self.writer = reader, writer

    async def post(self, request: bytes) -> int:
        self.writer.write(request)
        head = await self.reader.readuntil(b"\r\n\r\n")
        status = int(head[9:12])
        length = 0
        for line in head.split(b"\r\n"):
            if line[:15].lower() == b"content-length:":
                length = int(line[15:])
        await self.reader.readexactly(length)
        return status


def _request_parts(port: int) -> list[tuple[bytes, bytes]]:
    """Per payload: the request up to the delivery id, and the rest (headers end, body)."""
    parts = []
    for event, body, signature in _payloads():
        before = (
            f"POST /webhooks/github HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\n"
            f"Content-Type: application/json\r\nContent-Length: {len(body)}\r\n"
            f"X-GitHub-Event: {event}\r\nX-Hub-Signature-256: {signature}\r\n"
            "X-GitHub-Delivery: "
        ).encode()
        parts.append((before, b"\r\n\r\n" + body))
    return parts


async def _send_round(
    port: int, count: int, concurrency: int
) -> tuple[list[str], list[float], int, float]:
    parts = _request_parts(port)
    delivery_ids = [str(uuid.uuid4()) for _ in range(count)]
    latencies: list[float] = []
    errors = 0
    next_index = 0

    async def sender() -> None:
        nonlocal next_index, errors
        connection = _Connection(*await asyncio.open_connection("127.0.0.1", port))
        try:
            while next_index < count:
                index = next_index
                next_index += 1
                before, after = parts[index % len(parts)]
                request = before + delivery_ids[index].encode() + after
                started = time.perf_counter()
                if await connection.post(request) not in (200, 202):
                    errors += 1
                latencies.append(time.perf_counter() - started)
        finally:
            connection.writer.close()

    started = time.perf_counter()
    await asyncio.gather(*(sender() for _ in range(concurrency)))
    return delivery_ids, latencies, errors, time.perf_counter() - started


async def _verify(dsn: str, redis_socket: Path, delivery_ids: list[str]) -> tuple[int, int, int]:
    """(lost, duplicated, planned jobs missing from the outbox or the queue)."""
    from redis.asyncio import Redis

    conn = await asyncpg.connect(dsn)
    try:
        rows = await conn.fetch(
            "SELECT delivery_id, count(*) AS copies FROM deliveries "
            "WHERE delivery_id = ANY($1::text[]) GROUP BY delivery_id",
            delivery_ids,
        )
        outbox = await conn.fetch(
            "SELECT d.delivery_id, count(o.id) AS jobs, count(o.sent_at) AS sent "
            "FROM deliveries d LEFT JOIN outbox o USING (delivery_id) "
            "WHERE d.delivery_id = ANY($1::text[]) AND d.state = 'queued' "
            "GROUP BY d.delivery_id",
            delivery_ids,
        )
        jobs = [
            (r["job_id"], r["kind"])
            for r in await conn.fetch(
                "SELECT job_id, kind FROM outbox WHERE delivery_id = ANY($1::text[])",
                delivery_ids,
            )
        ]
    finally:
        await conn.close()
    lost = len(delivery_ids) - len(rows)
    duplicated = sum(row["copies"] - 1 for row in rows)
    missing = sum(1 for row in outbox if row["jobs"] == 0 or row["sent"] != row["jobs"])
    redis = Redis(unix_socket_path=str(redis_socket))
    try:
        async with redis.pipeline(transaction=False) as pipe:
            for job_id, kind in jobs:
                # Each kind's own queue (docs) or the shared one.
                pipe.zscore(queue_for(kind, default_queue_name), job_id)
            scores = await pipe.execute()
    finally:
        await redis.aclose()
    missing += sum(1 for score in scores if score is None)
    return lost, duplicated, missing


async def _bench(
    args: argparse.Namespace, data_dir: Path, port: int, server_pid: int
) -> list[Round]:
    base = f"http://127.0.0.1:{port}"
    dsn = f"postgresql://postgres@/postgres?host={data_dir / 'postgres'}"
    redis_socket = data_dir / "redis" / "redis.sock"
    rounds = []
    async with aiohttp.ClientSession() as session:
        await _wait_ready(session, base, limit_s=120)
        # Warm-up: connections, prepared statements, the first page of every table.
        await _send_round(port, min(500, args.deliveries), args.concurrency)
        processes = _service_processes(server_pid, data_dir)
        for number in range(1, args.rounds + 1):
            before = _cpu_times(processes)
            client_before = time.process_time()
            ids, latencies, errors, seconds = await _send_round(
                port, args.deliveries, args.concurrency
            )
            client_cpu = time.process_time() - client_before
            after = _cpu_times(processes)
            cpu: dict[str, float] = {}
            for pid, spent in after.items():
                role = processes[pid]
                cpu[role] = cpu.get(role, 0.0) + spent - before.get(pid, spent)
            lost, duplicated, missing = await _verify(dsn, redis_socket, ids)
            result = Round(
                len(ids), seconds, latencies, errors, lost, duplicated, missing, cpu, client_cpu
            )
            rounds.append(result)
            print(
                f"round {number}: {result.rate:7.0f} deliveries/s  "
                f"p50 {result.percentile(0.5) * 1000:5.1f} ms  "
                f"p99 {result.percentile(0.99) * 1000:5.1f} ms  "
                f"errors {errors}  lost {lost}  duplicated {duplicated}  "
                f"jobs missing {missing}  cpu/delivery {result.cpu_ms_per_delivery:.2f} ms "
                f"({', '.join(f'{k} {v * 1000 / len(ids):.2f}' for k, v in sorted(cpu.items()))}; "
                f"load generator {client_cpu * 1000 / len(ids):.2f})",
                flush=True,
            )
    return rounds


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--deliveries", type=int, default=5000, help="per round")
    parser.add_argument("--concurrency", type=int, default=24)
    parser.add_argument("--workers", type=int, default=2, help="server processes (one per core)")
    parser.add_argument("--log-level", default="INFO", help="the server's log level")
    args = parser.parse_args()

    cores = os.cpu_count() or 1
    print(f"machine: {cpu_model()}, {cores} cores; load average {load_average()}", flush=True)
    data_dir = Path(tempfile.mkdtemp(prefix="vibe-bench-"))
    port = _free_port()
    env = {
        **os.environ,
        "VIBE_DATA_DIR": str(data_dir),
        "VIBE_GITHUB_WEBHOOK_SECRET": SECRET,
        "VIBE_LOG_FORMAT": "json",
        "VIBE_LOG_LEVEL": args.log_level,
    }
    for name in ("DATABASE_URL", "REDIS_URL", "VIBE_DATABASE_URL", "VIBE_REDIS_URL"):
        env.pop(name, None)
    log_path = data_dir / "server.log"
    with log_path.open("wb") as log:
        server = subprocess.Popen(
            [
                sys.executable,
                "-m",
                "app.cli.main",
                "serve",
                "--no-worker",
                "--port",
                str(port),
                "--workers",
                str(args.workers),
            ],
            cwd=ROOT,
            env=env,
            stdout=log,
            stderr=subprocess.STDOUT,
        )
    try:
        rounds = asyncio.run(_bench(args, data_dir, port, server.pid))
    finally:
        server.send_signal(signal.SIGTERM)
        try:
            server.wait(timeout=60)
        except subprocess.TimeoutExpired:
            server.kill()
        shutil.rmtree(data_dir, ignore_errors=True)

    def median(values: list[float]) -> float:
        return statistics.median(values)

    print(
        f"median of {len(rounds)} rounds ({args.deliveries} deliveries each, concurrency "
        f"{args.concurrency}, {args.workers} server process(es)): "
        f"{median([r.rate for r in rounds]):.0f} deliveries/s, "
        f"p50 {median([r.percentile(0.5) for r in rounds]) * 1000:.1f} ms, "
        f"p99 {median([r.percentile(0.99) for r in rounds]) * 1000:.1f} ms, "
        f"lost {sum(r.lost for r in rounds)}, duplicated {sum(r.duplicated for r in rounds)}, "
        f"errors {sum(r.errors for r in rounds)}, "
        f"jobs missing {sum(r.jobs_missing for r in rounds)}"
    )
    split = ", ".join(
        f"{label} {median([r.cpu_ms(role) for r in rounds]):.2f}"
        for role, label in (*ROLES, (LOAD_GENERATOR, LOAD_GENERATOR))
    )
    cpu_ms = median([r.cpu_ms_per_delivery for r in rounds])
    print(f"CPU per delivery, median of the rounds, in ms: {split}")
    print(
        f"server + PostgreSQL + Redis CPU: {cpu_ms:.2f} ms per delivery, so {cores} idle "
        f"core(s) would take about {cores * 1000 / cpu_ms:.0f} deliveries/s "
        f"(load average now {load_average()}; {cpu_model()})"
    )
    failed = any(r.lost or r.duplicated or r.errors or r.jobs_missing for r in rounds)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())

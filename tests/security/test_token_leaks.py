"""Attack: make the worker write the Jenkins build token where people read.

The token travels as ``buildWithParameters?token=…``; a Jenkins (or whatever answers for it)
that answers malformed HTTP makes aiohttp raise an error whose text holds that URL, and the
sender used to store and log that text: the delivery log shows it to every member, and the
worker's log lines carry it. The worker runs the real sender (a burst ARQ worker) with its log
configured as in production (JSON lines), against a local server that answers garbage.
"""

from __future__ import annotations

import asyncio
import io
import json
import shutil
from collections.abc import AsyncIterator
from dataclasses import dataclass, field
from pathlib import Path

import asyncpg  # type: ignore[import-untyped,unused-ignore]
import pytest
from arq.connections import ArqRedis, RedisSettings
from pydantic import SecretStr

from app.logging import configure_logging, get_logger, register_secret
from app.notify.targets import NotifyTarget
from app.settings import Settings
from app.store import notifications as store
from app.store.migrations import default_directory, migrate
from app.store.secret_box import secret_box
from app.url_redaction import UNREADABLE, redact_url, redact_urls
from jobs.maintenance.notify import emit
from tests.operations.test_notifications import INSTALLATION, _context, _event, _send
from tests.services import make_settings

TOKEN = "jnk-build-token-5ec7e7"  # the secret the attack is after
API_TOKEN = "jnk-api-token-77aa01"
MALFORMED = b"HTTP/1.1 201 Created\r\nContent-Length: nope\r\n\r\n"
NOT_FOUND = b"HTTP/1.1 404 Not Found\r\nContent-Length: 9\r\nConnection: close\r\n\r\nNot Found"


@dataclass
class BrokenJenkins:
    """A Jenkins behind something that answers the build request with malformed HTTP; its
    crumb issuer answers 404, as a Jenkins without CSRF protection does."""

    requests: list[bytes] = field(default_factory=list)
    url: str = ""
    _server: asyncio.Server | None = None

    async def start(self) -> BrokenJenkins:
        self._server = await asyncio.start_server(self._answer, "127.0.0.1", 0)
        self.url = f"http://127.0.0.1:{self._server.sockets[0].getsockname()[1]}"
        return self

    async def close(self) -> None:
        if self._server is not None:
            self._server.close()
            await self._server.wait_closed()

    async def _answer(self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        head = await reader.readuntil(b"\r\n\r\n")
        self.requests.append(head.split(b"\r\n", 1)[0])
        writer.write(NOT_FOUND if b" /crumbIssuer/" in head else MALFORMED)
        await writer.drain()
        writer.close()


@pytest.fixture
async def broken_jenkins() -> AsyncIterator[BrokenJenkins]:
    server = await BrokenJenkins().start()
    try:
        yield server
    finally:
        await server.close()


@pytest.fixture
def worker_log(settings: Settings) -> io.StringIO:
    """The worker's log lines, as production writes them (restored after the test)."""
    stream = io.StringIO()
    configure_logging(settings, fmt="json", stream=stream)
    return stream


@pytest.fixture
def settings() -> Settings:
    return make_settings(
        notify_retry_base_s=0.0, notify_max_attempts=2, notify_allowed_hosts="127.0.0.1"
    )


async def _jenkins_delivery(
    pool: asyncpg.Pool, redis: ArqRedis, settings: Settings, jenkins: BrokenJenkins
) -> int:
    box = secret_box(settings)
    for name, value in (("jenkins-deploy", TOKEN), ("jenkins-api", API_TOKEN)):
        await store.set_secret(pool, INSTALLATION, name, value, box=box, origin=jenkins.url)
    await store.add_target(
        pool,
        INSTALLATION,
        "deploy",
        NotifyTarget(
            type="jenkins",
            url=f"{jenkins.url}/job/deploy",
            secret="jenkins-deploy",
            user="vibe",
            api_token_secret="jenkins-api",
            events=["deployment_ready"],
        ),
    )
    [delivery_id] = await emit(
        _context(pool, redis, settings), _event("deployment_ready", environment="prod")
    )
    return delivery_id


async def test_a_malformed_jenkins_answer_leaves_the_token_out_of_the_delivery_and_worker_logs(
    db_pool: asyncpg.Pool,
    arq_redis: ArqRedis,
    redis_settings: RedisSettings,
    settings: Settings,
    broken_jenkins: BrokenJenkins,
    worker_log: io.StringIO,
) -> None:
    delivery_id = await _jenkins_delivery(db_pool, arq_redis, settings, broken_jenkins)

    await _send(db_pool, redis_settings, settings)

    builds = [line for line in broken_jenkins.requests if b"buildWithParameters" in line]
    assert len(builds) == 2 and TOKEN.encode() in builds[0]  # it did go to Jenkins, twice
    row = await db_pool.fetchrow(
        "SELECT state, last_error FROM notification_deliveries WHERE id = $1", delivery_id
    )
    attempts = await db_pool.fetch(
        "SELECT error FROM notification_attempts WHERE delivery_id = $1 ORDER BY attempt",
        delivery_id,
    )
    stored = [row["last_error"], *(attempt["error"] for attempt in attempts)]
    output = worker_log.getvalue()
    for secret in (TOKEN, API_TOKEN):
        assert all(secret not in text for text in stored), stored
        assert secret not in output
    assert "token=" not in output and "Content-Length: nope" not in output
    assert row["state"] == "dead"
    assert stored == ["the answer is not valid HTTP"] * 3
    lines = [json.loads(line) for line in output.splitlines()]
    attempt_lines = [line for line in lines if line["event"] == "notification attempt"]
    assert [line["error"] for line in attempt_lines] == ["the answer is not valid HTTP"] * 2


async def test_a_secret_the_worker_decrypted_is_masked_in_every_later_log_line(
    db_pool: asyncpg.Pool,
    arq_redis: ArqRedis,
    redis_settings: RedisSettings,
    settings: Settings,
    broken_jenkins: BrokenJenkins,
    worker_log: io.StringIO,
) -> None:
    await _jenkins_delivery(db_pool, arq_redis, settings, broken_jenkins)
    await _send(db_pool, redis_settings, settings)
    log = get_logger("tests.security")

    log.warning("jenkins refused the build", detail=f"build {TOKEN} was refused")
    try:
        raise RuntimeError(f"basic auth vibe:{API_TOKEN} rejected")
    except RuntimeError:
        log.exception("jenkins call failed")

    *_, refused, failed = (json.loads(line) for line in worker_log.getvalue().splitlines())
    assert refused["detail"] == "build [redacted] was refused"
    assert "RuntimeError: basic auth vibe:[redacted] rejected" in failed["exception"]
    assert TOKEN not in worker_log.getvalue() and API_TOKEN not in worker_log.getvalue()


def test_urls_in_log_lines_lose_their_query_and_userinfo(worker_log: io.StringIO) -> None:
    log = get_logger("tests.security")
    log.info(
        "request failed",
        error=(
            "400, message='bad', url='https://ci.example.com/job/x/buildWithParameters"
            "?token=abc123&cause=vibe'"
        ),
        target="https://vibe:s3cret-pw@jenkins.example.com:8443/job/deploy#frag",
    )

    [line] = (json.loads(text) for text in worker_log.getvalue().splitlines())
    assert line["error"] == (
        "400, message='bad', url='https://ci.example.com/job/x/buildWithParameters'"
    )
    assert line["target"] == "https://jenkins.example.com:8443/job/deploy"


@pytest.mark.parametrize(
    ("url", "redacted"),
    [
        ("http://vibe:pw@ci.example.com/job/x?token=abc#top", "http://ci.example.com/job/x"),
        ("https://[::1]:8443/hook?sig=1", "https://[::1]:8443/hook"),
        ("https://hooks.slack.com/services/T0/B0/X", "https://hooks.slack.com/services/T0/B0/X"),
        ("http://ci.example.com:port/x", UNREADABLE),
        ("postgresql://vibe:pw@/vibe?host=/run/postgresql", "postgresql:///vibe"),
        ("redis+unix:///data/redis.sock?db=0", "redis+unix:///data/redis.sock"),
    ],
)
def test_a_url_is_kept_without_the_parts_that_carry_credentials(url: str, redacted: str) -> None:
    assert redact_url(url) == redacted
    assert redact_urls(f"failed: URL('{url}') (twice: {url})") == (
        f"failed: URL('{redacted}') (twice: {redacted})"
    )


async def test_a_delivery_log_recorded_before_the_fix_loses_answers_tokens_and_userinfo(
    pg_empty_dsn: str, tmp_path: Path
) -> None:
    """Migration 0018: rows written by the old sender, as members would still read them."""
    directory = tmp_path / "migrations"
    directory.mkdir()
    for path in default_directory().glob("*.sql"):
        if int(path.name[:4]) < 18:
            shutil.copy(path, directory)
    await migrate(pg_empty_dsn, directory)
    leaked = {
        "HTTP 500: INTERNAL-ONLY db_password=hunter2\nmore": "HTTP 500",
        "crumb issuer: HTTP 401: <html>login</html>": "crumb issuer: HTTP 401",
        (
            'ClientResponseError: 400, message="Invalid character", '
            f"url='http://ci.example.com/job/d/buildWithParameters?token={TOKEN}'"
        ): "the request failed (ClientResponseError)",
        "crumb issuer: ClientConnectorError: Cannot connect to host ci:443": (
            "crumb issuer: the request failed (ClientConnectorError)"
        ),
        "GitHub 422: see https://vibe:pw@docs.example.com/a?sig=1#x now": (
            "GitHub 422: see https://docs.example.com/a now"
        ),
        "secret 'x' is not stored for installation 7": (
            "secret 'x' is not stored for installation 7"
        ),
    }
    conn = await asyncpg.connect(pg_empty_dsn)
    try:
        for number, error in enumerate(leaked, start=1):
            await conn.execute(
                "INSERT INTO notification_deliveries (id, dedup_key, event, source, target_type, "
                "target, payload, last_error) VALUES ($1, $2, 'scan_complete', 'repository', "
                "'jenkins', '{}', '{}', $3)",
                number,
                f"k{number}",
                error,
            )
            await conn.execute(
                "INSERT INTO notification_attempts (delivery_id, attempt, error, duration_ms) "
                "VALUES ($1, 1, $2, 5)",
                number,
                error,
            )

        for path in default_directory().glob("*.sql"):
            shutil.copy(path, directory)
        await migrate(pg_empty_dsn, directory)

        deliveries = await conn.fetch("SELECT last_error FROM notification_deliveries ORDER BY id")
        attempts = await conn.fetch("SELECT error FROM notification_attempts ORDER BY delivery_id")
    finally:
        await conn.close()
    expected = list(leaked.values())
    assert [row["last_error"] for row in deliveries] == expected
    assert [row["error"] for row in attempts] == expected


def test_every_secret_setting_is_masked_in_log_lines_even_a_line_of_the_key() -> None:
    """An error that quotes a setting (a GitLab token in a failed clone URL, the LLM key in a
    provider's error, one line of the private key in a repr) logs ``[redacted]`` instead."""
    key_line = "MIIEowIBAAKCAQEAu1SU1LfVLPHCozMxH2Mo4lgOEePzNm0tRgeLezV6ffAt0gun"
    values = {
        "gitlab_token": "glpat-Abc123Def456Ghi789",
        "github_client_secret": "ghcs-0123456789abcdef0123456789abcdef",
        "llm_api_key": "sk-llm-0123456789abcdef",
        "session_secret": "session-secret-0123456789",
        "github_private_key": f"-----BEGIN RSA PRIVATE KEY-----\n{key_line}\n"
        "-----END RSA PRIVATE KEY-----\n",
    }
    settings = make_settings(**{name: SecretStr(value) for name, value in values.items()})
    stream = io.StringIO()
    configure_logging(settings, fmt="json", stream=stream)
    log = get_logger("tests.security")

    for name, value in values.items():
        log.error("call failed", setting=name, error=f"upstream said: {value!r}")
    log.error("key rejected", error=f"could not parse {key_line[:64]!r} as PEM")

    text = stream.getvalue()
    for value in (*values.values(), key_line):
        assert value.strip() not in text
    assert text.count("[redacted]") == len(values) + 1


def test_a_secret_that_holds_another_registered_one_is_masked_whole(
    worker_log: io.StringIO,
) -> None:
    """Secrets are registered as the worker meets them, a short one first: the longer one is
    still masked whole, not left with its ends showing around the shorter one."""
    register_secret("build-token")
    register_secret("jnk-build-token-5ec7e7-other")
    get_logger("tests.security").info("sent", detail="token jnk-build-token-5ec7e7-other used")

    [line] = (json.loads(text) for text in worker_log.getvalue().splitlines())
    assert line["detail"] == "token [redacted] used"

"""A job's log lines: what the job logged while the real worker ran it, redacted, kept per
attempt and capped, on the job's page and in ``GET /api/v1/jobs/{job_id}``; and the API's list
of jobs narrowed by kind."""

from __future__ import annotations

import io
import logging
from collections.abc import Iterator
from typing import Any

import pytest
import structlog
from arq.worker import Worker

from app.logging import configure_logging
from app.metrics import Metrics
from jobs.queue.context import JobContext, JobHandler, TransientJobError
from jobs.queue.kinds import JobKind, JobRequest
from jobs.queue.outbox import enqueue
from jobs.queue.registry import JobRegistry
from jobs.queue.runner import WorkerState
from tests.dashboard.conftest import CLIENT_SECRET, FAST, Dashboard
from tests.e2e import run_state

MINTED_TOKEN = "ghs_minted0123456789abcdef"


@pytest.fixture
def log_output() -> Iterator[io.StringIO]:
    """The process's logging as ``vibe worker`` sets it up (JSON, the settings' secrets masked),
    written to a buffer; the previous set-up is put back afterwards."""
    previous = structlog.get_config()
    root = logging.getLogger()
    handlers, level = root.handlers[:], root.level
    stream = io.StringIO()
    try:
        yield stream
    finally:
        structlog.configure(**previous)
        root.handlers[:] = handlers
        root.setLevel(level)


async def _run(
    dashboard: Dashboard, stream: io.StringIO, handler: JobHandler, name: str
) -> tuple[str, Worker]:
    """Run one push_scan job of octo/app with ``handler`` through a burst worker; its job id
    and the worker."""
    settings = dashboard.context.settings
    configure_logging(settings, fmt="json", stream=stream)
    registry = JobRegistry()
    registry.register(JobKind.PUSH_SCAN, handler)
    request = JobRequest(
        kind=JobKind.PUSH_SCAN, delivery_id=name, installation_id=1, repository="octo/app"
    )
    context = dashboard.context
    await enqueue(
        context.redis,
        request.job_id,
        request.kind,
        request.to_args(),
        queue_name=context.queue_name,
    )
    state = WorkerState(
        settings=settings, pool=context.pool, metrics=Metrics(), registry=registry, options=FAST
    )
    worker = await run_state(state, context.redis_settings, context.queue_name)
    return request.job_id, worker


async def _scan_with_secrets(ctx: JobContext) -> dict[str, Any]:
    ctx.log.info("installation token minted", token=MINTED_TOKEN, expires_in=3600)
    ctx.log.info("calling GitHub", detail=f"client secret {CLIENT_SECRET} in a message")
    ctx.log.warning("<script>alert(1)</script> in the mirror", path="src/<b>app</b>.py")
    return {"findings": 0}


async def test_a_jobs_log_lines_are_on_its_page_and_in_the_api_with_secrets_redacted(
    dashboard: Dashboard, log_output: io.StringIO
):
    job_id, _ = await _run(dashboard, log_output, _scan_with_secrets, "d-log-1")
    alice = await dashboard.login("alice")

    response = await alice.get(f"/api/v1/jobs/{job_id}")
    assert response.status == 200, await response.text()
    job = await response.json()
    assert job["status"] == "succeeded"
    events = [(line["attempt"], line["level"], line["event"]) for line in job["log"]]
    assert events == [
        (1, "info", "job started"),
        (1, "info", "installation token minted"),
        (1, "info", "calling GitHub"),
        (1, "warning", "<script>alert(1)</script> in the mirror"),
        (1, "info", "job succeeded"),
    ]
    assert job["log"][1]["fields"] == {"token": "[redacted]", "expires_in": 3600}
    assert job["log"][2]["fields"]["detail"] == "client secret [redacted] in a message"
    # The job's bound context is on the page once, not on every line.
    assert "job_id" not in job["log"][0]["fields"]
    assert "repository" not in job["log"][0]["fields"]
    assert MINTED_TOKEN not in await response.text()
    assert CLIENT_SECRET not in await response.text()

    page = await alice.get(f"/jobs/{job_id}")
    html = await page.text()
    assert page.status == 200, html
    assert '<h2 id="job-log">Log</h2>' in html
    assert "Attempt 1" in html and "(5 lines)" in html
    assert "installation token minted" in html
    assert "client secret [redacted] in a message" in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt; in the mirror" in html
    assert "<script>alert" not in html and "src/&lt;b&gt;app&lt;/b&gt;.py" in html
    assert '<span class="job-log-level">warning</span>' in html  # the level in words
    assert MINTED_TOKEN not in html and CLIENT_SECRET not in html
    # The same lines went to the process's log, redacted the same way.
    assert "installation token minted" in log_output.getvalue()
    assert MINTED_TOKEN not in log_output.getvalue()


async def _fails_once(ctx: JobContext) -> dict[str, Any]:
    ctx.log.info("fetching the mirror", attempt_seen=ctx.attempt)
    if ctx.attempt == 1:
        raise TransientJobError("GitHub answered 502")
    return {}


async def test_a_failed_attempt_and_the_retry_that_succeeded_keep_their_own_lines(
    dashboard: Dashboard, log_output: io.StringIO
):
    job_id, _ = await _run(dashboard, log_output, _fails_once, "d-log-2")
    alice = await dashboard.login("alice")

    job = await (await alice.get(f"/api/v1/jobs/{job_id}")).json()
    assert (job["status"], job["attempts"]) == ("succeeded", 2)
    by_attempt = [(line["attempt"], line["event"]) for line in job["log"]]
    assert by_attempt == [
        (1, "job started"),
        (1, "fetching the mirror"),
        (1, "job will be retried"),
        (2, "job started"),
        (2, "fetching the mirror"),
        (2, "job succeeded"),
    ]
    retried = job["log"][2]
    assert retried["level"] == "warning"
    assert retried["fields"]["error"] == "TransientJobError: GitHub answered 502"

    html = await (await alice.get(f"/jobs/{job_id}")).text()
    assert "Attempt 1" in html and "Attempt 2" in html
    assert html.index("Attempt 1") < html.index("TransientJobError: GitHub answered 502")
    assert html.index("TransientJobError: GitHub answered 502") < html.index("Attempt 2")


async def _chatty(ctx: JobContext) -> dict[str, Any]:
    ctx.log.info("a long line", text="x" * 5_000)
    for number in range(1, 1_000):
        ctx.log.info("file analysed", number=number)
    return {}


async def test_an_attempt_keeps_its_first_and_last_lines_and_says_how_many_were_left_out(
    dashboard: Dashboard, log_output: io.StringIO
):
    job_id, _ = await _run(dashboard, log_output, _chatty, "d-log-3")
    alice = await dashboard.login("alice")

    log = (await (await alice.get(f"/api/v1/jobs/{job_id}")).json())["log"]
    # 1,002 lines logged: job started, the long one, 999 files, job succeeded.
    assert len(log) == 400 + 1 + 100
    assert [line["event"] for line in log[:2]] == ["job started", "a long line"]
    assert len(log[1]["fields"]["text"]) == 1_000
    assert log[399]["fields"]["number"] == 398
    assert (log[400]["event"], log[400]["fields"]) == ("502 more lines left out", {})
    assert log[401]["fields"]["number"] == 901
    assert log[-1]["event"] == "job succeeded"

    html = await (await alice.get(f"/jobs/{job_id}")).text()
    assert "502 more lines left out" in html and "(501 lines)" in html


async def test_a_job_from_before_log_lines_says_none_were_recorded(dashboard: Dashboard):
    alice = await dashboard.login("alice")
    html = await (await alice.get("/jobs/pr_check:d1")).text()
    assert "No log lines recorded." in html
    job = await (await alice.get("/api/v1/jobs/pr_check:d1")).json()
    assert job["log"] == []


async def test_the_jobs_api_filters_by_kind(dashboard: Dashboard):
    await dashboard.context.pool.execute(
        "INSERT INTO jobs (job_id, kind, installation_id, repository_full_name, status, input) "
        "VALUES ('push_scan:k1', 'push_scan', 1, 'octo/app', 'failed', '{}'), "
        "('docs:k2', 'docs', 1, 'octo/lib', 'succeeded', '{}')"
    )
    alice = await dashboard.login("alice")

    async def job_ids(query: str) -> list[str]:
        response = await alice.get(f"/api/v1/jobs?{query}")
        assert response.status == 200, await response.text()
        return [job["job_id"] for job in (await response.json())["items"]]

    assert await job_ids("kind=push_scan") == ["push_scan:k1"]
    assert await job_ids("kind=push_scan&kind=pr_check") == ["push_scan:k1", "pr_check:d1"]
    assert await job_ids("kind=docs&status=failed") == []
    assert len(await job_ids("")) == 3


async def test_an_unknown_kind_is_a_400_naming_it(dashboard: Dashboard, problem: Any):
    alice = await dashboard.login("alice")
    response = await alice.get("/api/v1/jobs?kind=pr_check&kind=pr_chek")
    assert response.status == 400
    problem(response)
    body = await response.json()
    assert "'pr_chek'" in body["detail"] and "pr_check" in body["detail"]


async def test_the_openapi_document_lists_the_kind_filter_and_the_log_lines(
    dashboard: Dashboard,
):
    document = await (await dashboard.api("/api/v1/openapi.json")).json()
    parameters = document["paths"]["/api/v1/jobs"]["get"]["parameters"]
    [kind] = [p for p in parameters if p["name"] == "kind"]
    assert kind["schema"]["type"] == "array" and kind["explode"] is True
    assert "push_scan" in kind["schema"]["items"]["enum"]
    job = document["paths"]["/api/v1/jobs/{job_id}"]["get"]["responses"]["200"]
    assert job["content"]["application/json"]["schema"]["$ref"].endswith("/JobDetail")
    line = document["components"]["schemas"]["JobLogLine"]["properties"]
    assert set(line) == {"attempt", "at", "level", "event", "fields"}


async def test_a_database_that_refuses_the_log_lines_costs_the_lines_not_the_job(
    dashboard: Dashboard, log_output: io.StringIO
):
    # PostgreSQL refuses the log's write as a server being shut down does (SQLSTATE 57P01),
    # while the job's own rows are still written.
    await dashboard.context.pool.execute(
        """
        CREATE FUNCTION refuse_job_log() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN
            RAISE EXCEPTION 'terminating connection due to administrator command'
                USING ERRCODE = '57P01';
        END $$;
        CREATE TRIGGER refuse_job_log BEFORE INSERT ON job_log
            FOR EACH STATEMENT EXECUTE FUNCTION refuse_job_log();
        """
    )
    job_id, worker = await _run(dashboard, log_output, _scan_with_secrets, "d-log-4")

    assert (worker.jobs_complete, worker.jobs_failed) == (1, 0)

    row = await dashboard.context.pool.fetchrow(
        "SELECT status, output::text AS output, attempts FROM jobs WHERE job_id = $1", job_id
    )
    assert (row["status"], row["output"], row["attempts"]) == ("succeeded", '{"findings": 0}', 1)
    assert await dashboard.context.pool.fetchval("SELECT count(*) FROM job_log") == 0
    assert "job log lines not recorded" in log_output.getvalue()
    alice = await dashboard.login("alice")
    assert "No log lines recorded." in await (await alice.get(f"/jobs/{job_id}")).text()

"""One trace from a signed webhook to the GitHub check run: the receiver's server span, the
outbox row and ARQ carrying the context, the worker's job span, the agents, the tool processes
and every GitHub request, all under the trace id the delivery came with."""

from __future__ import annotations

import io
import json

import asyncpg
from aiohttp.test_utils import TestClient
from arq.connections import RedisSettings
from opentelemetry.sdk.trace import ReadableSpan
from opentelemetry.sdk.trace.export.in_memory_span_exporter import InMemorySpanExporter
from opentelemetry.trace import SpanKind

from app.settings import Settings
from jobs.flows.results import CHECK_NAME
from tests.pipeline.conftest import PullRequestWorld, run_worker

WEBHOOK = "/webhooks/github"
TRACE_ID = "4bf92f3577b34da6a3ce929d0e0e4736"
CALLER_SPAN_ID = "00f067aa0ba902b7"


def _named(spans: tuple[ReadableSpan, ...], prefix: str) -> list[ReadableSpan]:
    return [span for span in spans if span.name.startswith(prefix)]


async def test_one_trace_covers_the_delivery_the_job_the_tools_and_the_check_run(
    client: TestClient,
    db_pool: asyncpg.Pool,
    redis_settings: RedisSettings,
    worker_settings: Settings,
    world: PullRequestWorld,
    spans: InMemorySpanExporter,
    log_lines: io.StringIO,
) -> None:
    headers, body = world.pull_request_delivery("opened")
    # The caller (a proxy, a replaying tool) already traces this request: we continue its trace.
    headers["traceparent"] = f"00-{TRACE_ID}-{CALLER_SPAN_ID}-01"
    response = await client.post(WEBHOOK, data=body, headers=headers)
    assert response.status == 202, await response.text()
    job_ids = (await response.json())["jobs"]
    [job_id] = [job for job in job_ids if job.startswith("pr_check:")]

    # The context survives the outbox row (and so the sweeper) and ARQ.
    args = json.loads(
        await db_pool.fetchval("SELECT args::text FROM outbox WHERE job_id = $1", job_id)
    )
    assert args["traceparent"].split("-")[1] == TRACE_ID

    await run_worker(db_pool, redis_settings, worker_settings)
    [run] = world.runs_on(world.head_sha)
    assert run["name"] == CHECK_NAME and run["conclusion"] == "failure"

    finished = spans.get_finished_spans()
    assert {format(span.context.trace_id, "032x") for span in finished} == {TRACE_ID}

    [server] = _named(finished, "POST /webhooks/github")
    assert server.kind is SpanKind.SERVER
    assert server.parent is not None and format(server.parent.span_id, "016x") == CALLER_SPAN_ID
    assert server.attributes is not None
    assert server.attributes["http.response.status_code"] == 202
    assert server.attributes["github.event"] == "pull_request"

    [job] = _named(finished, "job pr_check")
    assert job.kind is SpanKind.CONSUMER
    assert job.parent is not None and job.parent.span_id == server.context.span_id
    assert job.attributes is not None
    assert job.attributes["vibe.job.id"] == job_id
    assert job.attributes["vibe.repository"] == "octo/demo"
    assert job.attributes["vibe.job.status"] == "succeeded"

    by_id = {span.context.span_id: span for span in finished}

    job_spans = {span.context.span_id for span in _named(finished, "job ")}
    assert len(job_spans) == len(job_ids)  # every job of the delivery continues its trace

    def under_job(span: ReadableSpan | None, jobs: set[int] | None = None) -> bool:
        jobs = jobs or {job.context.span_id}
        while span is not None and span.parent is not None:
            if span.parent.span_id in jobs:
                return True
            span = by_id.get(span.parent.span_id)
        return False

    [analyzer] = _named(finished, "agent analyzer")
    [scanner] = _named(finished, "agent scanner")
    assert under_job(analyzer) and under_job(scanner)
    tools = _named(finished, "tool ")
    assert {span.name for span in tools} >= {"tool semgrep", "tool bandit"}
    for tool in tools:
        assert tool.parent is not None and by_id[tool.parent.span_id] is analyzer
        assert tool.attributes is not None and isinstance(tool.attributes["process.exit.code"], int)

    github = _named(finished, "GitHub ")
    assert all(span.kind is SpanKind.CLIENT and under_job(span, job_spans) for span in github)
    assert any(under_job(span) for span in github)
    routes = {span.attributes["url.template"] for span in github if span.attributes}
    assert "/repos/{owner}/{repo}/check-runs" in routes
    statuses = {span.attributes["http.response.status_code"] for span in github if span.attributes}
    assert 201 in statuses

    # The job's log lines lead to the trace.
    lines = [json.loads(line) for line in log_lines.getvalue().splitlines() if line.startswith("{")]
    job_lines = [line for line in lines if line.get("job_id") == job_id]
    assert any(line["event"] == "job succeeded" for line in job_lines)
    assert all(line.get("trace_id") == TRACE_ID for line in job_lines)
    [accepted] = [line for line in lines if line["event"] == "delivery accepted"]
    assert accepted["trace_id"] == TRACE_ID
    assert accepted["span_id"] == format(server.context.span_id, "016x")

"""Tracing's set-up from the OTEL_* variables: off costs nothing, console prints a scan's spans,
OTLP posts them to a collector, and the servers sample 1 % unless told otherwise."""

from __future__ import annotations

import asyncio
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from aiohttp import web
from aiohttp.test_utils import TestServer
from opentelemetry import trace
from opentelemetry.proto.collector.trace.v1.trace_service_pb2 import ExportTraceServiceRequest
from opentelemetry.sdk.trace import TracerProvider
from opentelemetry.sdk.trace.sampling import ParentBased, TraceIdRatioBased

from app import tracing

ROOT = Path(__file__).resolve().parents[2]
OTEL_VARIABLES = (
    "OTEL_SDK_DISABLED",
    "OTEL_TRACES_EXPORTER",
    "OTEL_EXPORTER_OTLP_ENDPOINT",
    "OTEL_EXPORTER_OTLP_TRACES_ENDPOINT",
    "OTEL_TRACES_SAMPLER",
    "OTEL_TRACES_SAMPLER_ARG",
    "OTEL_SERVICE_NAME",
    "OTEL_RESOURCE_ATTRIBUTES",
)


@pytest.fixture(autouse=True)
def _no_otel_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    for name in OTEL_VARIABLES:
        monkeypatch.delenv(name, raising=False)


def _environment(**variables: str) -> dict[str, str]:
    environment = {k: v for k, v in os.environ.items() if k not in OTEL_VARIABLES}
    return {**environment, "PYTHONPATH": str(ROOT), **variables}


def _project(tmp_path: Path) -> Path:
    project = tmp_path / "project"
    project.mkdir()
    (project / "requirements.txt").write_text("requests==2.31.0\n")
    (project / "app.py").write_text("import requests\n\nprint(requests.get('https://x'))\n")
    return project


def _json_objects(text: str) -> list[dict[str, object]]:
    """The JSON objects printed one after another (the console exporter's format)."""
    decoder = json.JSONDecoder()
    objects, index = [], 0
    while (start := text.find("{", index)) != -1:
        try:
            value, index = decoder.raw_decode(text, start)
        except json.JSONDecodeError:
            index = start + 1
            continue
        objects.append(value)
    return objects


def test_without_an_exporter_nothing_is_installed_and_spans_are_not_created() -> None:
    assert tracing.setup_from_env() is False
    assert not tracing.enabled()
    # The process-wide provider is still the API's default proxy: no SDK provider anywhere.
    assert not isinstance(trace.get_tracer_provider(), TracerProvider)
    with tracing.span("outer") as outer, tracing.span("inner") as inner:
        assert outer is inner  # one shared do-nothing handle, no span objects
        outer.set("key", "value")
        assert tracing.current_traceparent() is None
        assert tracing.current_ids() is None
    assert tracing.inject({}) == {}


def test_the_cli_and_the_receiver_do_not_import_opentelemetry_when_tracing_is_off() -> None:
    probe = (
        "import sys\n"
        "from app.cli.main import build_parser\n"
        "import handlers.github, jobs.queue.runner, app.logging, app.tracing\n"
        "build_parser()\n"
        "assert app.tracing.setup_from_env() is False\n"
        "with app.tracing.span('x'):\n"
        "    pass\n"
        "print(sorted(m for m in sys.modules if m.startswith('opentelemetry')))\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", probe],
        cwd=ROOT,
        env=_environment(),
        capture_output=True,
        text=True,
        timeout=120,
        check=True,
    )
    assert done.stdout.strip() == "[]"


def test_otel_traces_exporter_none_wins_over_an_endpoint() -> None:
    environment = {
        "OTEL_EXPORTER_OTLP_ENDPOINT": "http://collector:4318",
        "OTEL_TRACES_EXPORTER": "none",
    }
    assert tracing.exporter_names(environment) == []
    assert tracing.exporter_names({"OTEL_EXPORTER_OTLP_TRACES_ENDPOINT": "http://c:4318"}) == [
        "otlp"
    ]
    assert tracing.exporter_names({"OTEL_TRACES_EXPORTER": "console,otlp"}) == ["console", "otlp"]
    assert (
        tracing.exporter_names({"OTEL_TRACES_EXPORTER": "console", "OTEL_SDK_DISABLED": "true"})
        == []
    )


def test_servers_sample_one_percent_of_new_traces_unless_a_sampler_is_set(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setenv("OTEL_TRACES_EXPORTER", "console")
    provider = tracing.setup([], install_global=False)
    try:
        sampler = provider.sampler
        assert isinstance(sampler, ParentBased)
        assert "TraceIdRatioBased{0.01}" in sampler.get_description()
        assert provider.resource.attributes["service.name"] == "vibeintelligence"
    finally:
        tracing.shutdown()

    monkeypatch.setenv("OTEL_TRACES_SAMPLER", "traceidratio")
    monkeypatch.setenv("OTEL_TRACES_SAMPLER_ARG", "0.5")
    monkeypatch.setenv("OTEL_SERVICE_NAME", "vibe-eu")
    provider = tracing.setup([], install_global=False)
    try:
        assert isinstance(provider.sampler, TraceIdRatioBased)
        assert provider.sampler.rate == 0.5
        assert provider.resource.attributes["service.name"] == "vibe-eu"
    finally:
        tracing.shutdown()
    assert not tracing.enabled()


def test_console_exporter_prints_the_spans_of_vibe_scan_on_stderr(tmp_path: Path) -> None:
    project = _project(tmp_path)
    done = subprocess.run(
        [sys.executable, "-m", "app.cli.main", "scan", str(project), "--format", "json"],
        cwd=ROOT,
        env=_environment(OTEL_TRACES_EXPORTER="console"),
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert done.returncode in (0, 1), done.stderr
    report = json.loads(done.stdout)  # stdout is still the report alone
    assert report["scan"]
    spans = [item for item in _json_objects(done.stderr) if "context" in item]
    names = {str(item["name"]) for item in spans}
    assert {"vibe scan", "agent scanner", "agent analyzer", "tool semgrep"} <= names
    trace_ids = {item["context"]["trace_id"] for item in spans}  # type: ignore[index]
    assert len(trace_ids) == 1
    [root] = [item for item in spans if item["name"] == "vibe scan"]
    assert root["parent_id"] is None
    assert root["resource"]["attributes"]["service.name"] == "vibeintelligence"  # type: ignore[index]


async def test_otlp_exporter_posts_the_scan_trace_to_the_collector(tmp_path: Path) -> None:
    received: list[ExportTraceServiceRequest] = []

    async def collect(request: web.Request) -> web.Response:
        assert request.content_type == "application/x-protobuf"
        message = ExportTraceServiceRequest()
        message.ParseFromString(await request.read())
        received.append(message)
        return web.Response(body=b"", content_type="application/x-protobuf")

    app = web.Application()
    app.router.add_post("/v1/traces", collect)
    async with TestServer(app, host="127.0.0.1") as collector:
        process = await asyncio_subprocess(
            [sys.executable, "-m", "app.cli.main", "scan", str(_project(tmp_path)), "--no-analyze"],
            _environment(
                OTEL_EXPORTER_OTLP_ENDPOINT=str(collector.make_url("/")).rstrip("/"),
                OTEL_SERVICE_NAME="vibe-ci",
            ),
        )
        assert process == 0
    names = {
        span.name
        for message in received
        for resource_spans in message.resource_spans
        for scope_spans in resource_spans.scope_spans
        for span in scope_spans.spans
    }
    assert names == {"vibe scan", "agent scanner"}
    [resource] = [rs.resource for message in received for rs in message.resource_spans]
    service = {a.key: a.value.string_value for a in resource.attributes}["service.name"]
    assert service == "vibe-ci"


async def asyncio_subprocess(argv: list[str], environment: dict[str, str]) -> int:
    """Run ``argv`` without blocking the loop that serves the collector; its exit status."""
    process = await asyncio.create_subprocess_exec(
        *argv, cwd=ROOT, env=environment, stdout=asyncio.subprocess.DEVNULL
    )
    return await asyncio.wait_for(process.wait(), 300)

"""Fixtures of the tracing tests: the real OpenTelemetry SDK exporting to memory, installed by
``app.tracing.setup`` itself, and the pipeline's world (fake GitHub, receiver, burst worker)."""

from __future__ import annotations

import io
import logging
from collections.abc import Iterator

import pytest
import structlog
from opentelemetry.sdk.trace.export.in_memory_span_exporter import InMemorySpanExporter

from app import tracing
from app.logging import configure_logging

# The pipeline's fixtures, as they are: the repository, the client, the worker's settings.
from tests.pipeline.conftest import (  # noqa: F401
    worker_options,
    worker_settings,
    world,
)


@pytest.fixture
def spans() -> Iterator[InMemorySpanExporter]:
    """Tracing on, every span kept and exported as it ends; off again afterwards."""
    exporter = InMemorySpanExporter()
    tracing.setup([exporter], default_ratio=1.0, batch=False, install_global=False)
    try:
        yield exporter
    finally:
        tracing.shutdown()


@pytest.fixture
def log_lines() -> Iterator[io.StringIO]:
    """Every structured log line of the test, as JSON; the logging set-up is restored after."""
    previous = structlog.get_config()
    root = logging.getLogger()
    handlers, level = root.handlers[:], root.level
    stream = io.StringIO()
    configure_logging(fmt="json", level="INFO", stream=stream)
    try:
        yield stream
    finally:
        structlog.configure(**previous)
        root.handlers[:] = handlers
        root.setLevel(level)

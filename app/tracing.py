"""OpenTelemetry tracing: set-up from the standard ``OTEL_*`` variables and a few small helpers.

Tracing is off unless an exporter is configured (``OTEL_TRACES_EXPORTER`` other than ``none``, or
an ``OTEL_EXPORTER_OTLP_[TRACES_]ENDPOINT``). Off means off: no tracer provider is installed and
the ``opentelemetry`` packages are not even imported, so ``vibe scan`` and the webhook receiver pay
nothing; :func:`span` then yields a shared do-nothing handle.

On, one trace follows a delivery: the receiver's server span (an incoming ``traceparent`` is its
parent), the W3C ``traceparent`` carried in the job's arguments through the outbox and ARQ, the
worker's job span, one span per agent, per tool process and per GitHub/GitLab request.

The SDK reads ``OTEL_TRACES_SAMPLER``/``OTEL_TRACES_SAMPLER_ARG``, ``OTEL_RESOURCE_ATTRIBUTES``,
``OTEL_SERVICE_NAME`` and the OTLP exporter's own variables (endpoint, headers, timeout) itself.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Literal

from app.errors import UsageError

if TYPE_CHECKING:
    from opentelemetry.sdk.trace import TracerProvider
    from opentelemetry.sdk.trace.export import SpanExporter
    from opentelemetry.trace import Span, Tracer

DEFAULT_SERVICE_NAME = "vibeintelligence"
# What `serve` and `worker` sample when OTEL_TRACES_SAMPLER is unset: 1 % of new traces, and
# whatever an incoming traceparent decided.
SERVER_SAMPLE_RATIO = 0.01
TRACEPARENT = "traceparent"
INSTRUMENTATION_NAME = "vibeintelligence"

SpanKindName = Literal["internal", "server", "client", "producer", "consumer"]
AttributeValue = str | bool | int | float
Attributes = Mapping[str, AttributeValue | None]


class SpanHandle:
    """What a ``with span(...)`` block gets: set attributes, record the outcome."""

    __slots__ = ("_span",)

    def __init__(self, span: Span | None) -> None:
        self._span = span

    def set(self, key: str, value: AttributeValue | None) -> None:
        if self._span is not None and value is not None:
            self._span.set_attribute(key, value)

    def fail(self, message: str) -> None:
        """Mark the span's status as an error (an HTTP 5xx, a failed job)."""
        if self._span is not None:
            from opentelemetry.trace import Status, StatusCode

            self._span.set_status(Status(StatusCode.ERROR, message))


_OFF = SpanHandle(None)


@dataclass
class _State:
    tracer: Tracer | None = None
    provider: TracerProvider | None = None


_state = _State()


def enabled() -> bool:
    """True once :func:`setup` installed a provider; the hot paths check this first."""
    return _state.tracer is not None


def exporter_names(environ: Mapping[str, str]) -> list[str]:
    """The exporters the variables ask for; empty when tracing is off."""
    if environ.get("OTEL_SDK_DISABLED", "").strip().lower() == "true":
        return []
    configured = environ.get("OTEL_TRACES_EXPORTER", "").strip().lower()
    if configured:
        names = [name.strip() for name in configured.split(",") if name.strip()]
        return [] if "none" in names else names
    if environ.get("OTEL_EXPORTER_OTLP_TRACES_ENDPOINT") or environ.get(
        "OTEL_EXPORTER_OTLP_ENDPOINT"
    ):
        return ["otlp"]
    return []


def setup_from_env(*, default_ratio: float = SERVER_SAMPLE_RATIO) -> bool:
    """Configure tracing from ``OTEL_*``; False (and nothing imported) when none is configured.

    ``default_ratio`` is the parent-based trace-id ratio used when ``OTEL_TRACES_SAMPLER`` is
    unset: 0.01 for the servers, 1.0 for a one-off ``vibe scan``.
    """
    names = exporter_names(os.environ)
    if not names:
        return False
    setup([_exporter(name) for name in names], default_ratio=default_ratio)
    return True


def setup(
    exporters: list[SpanExporter],
    *,
    default_ratio: float = SERVER_SAMPLE_RATIO,
    batch: bool = True,
    install_global: bool = True,
) -> TracerProvider:
    """Install a tracer provider exporting to ``exporters`` (tests pass an in-memory one with
    ``batch=False`` so that a span is exported when it ends, and ``install_global=False`` so that
    the process-wide provider, which can be set only once, stays the default no-op one)."""
    from opentelemetry import trace
    from opentelemetry.sdk.resources import SERVICE_NAME, Resource
    from opentelemetry.sdk.trace import TracerProvider
    from opentelemetry.sdk.trace.export import BatchSpanProcessor, SimpleSpanProcessor

    environ = os.environ
    attributes: dict[str, str] = {}
    named = environ.get("OTEL_SERVICE_NAME") or "service.name=" in environ.get(
        "OTEL_RESOURCE_ATTRIBUTES", ""
    )
    if not named:
        attributes[SERVICE_NAME] = DEFAULT_SERVICE_NAME
    provider = TracerProvider(
        # None: the SDK reads OTEL_TRACES_SAMPLER and OTEL_TRACES_SAMPLER_ARG itself.
        sampler=None if environ.get("OTEL_TRACES_SAMPLER") else _default_sampler(default_ratio),
        resource=Resource.create(attributes),
    )
    for exporter in exporters:
        processor = BatchSpanProcessor(exporter) if batch else SimpleSpanProcessor(exporter)
        provider.add_span_processor(processor)
    if install_global:
        trace.set_tracer_provider(provider)
    _state.provider = provider
    _state.tracer = provider.get_tracer(INSTRUMENTATION_NAME)
    return provider


def shutdown() -> None:
    """Export what is buffered and switch tracing off (entry points call it on their way out)."""
    provider, _state.provider, _state.tracer = _state.provider, None, None
    if provider is not None:
        provider.shutdown()


def _default_sampler(ratio: float) -> Any:
    from opentelemetry.sdk.trace.sampling import ParentBased, TraceIdRatioBased

    return ParentBased(TraceIdRatioBased(ratio))


def _exporter(name: str) -> SpanExporter:
    if name == "console":
        from opentelemetry.sdk.trace.export import ConsoleSpanExporter

        # stderr: `vibe scan --format json` owns stdout.
        return ConsoleSpanExporter(out=sys.stderr)
    if name == "otlp":
        protocol = os.environ.get("OTEL_EXPORTER_OTLP_TRACES_PROTOCOL") or os.environ.get(
            "OTEL_EXPORTER_OTLP_PROTOCOL", "http/protobuf"
        )
        if protocol != "http/protobuf":
            raise UsageError(
                f"OTEL_EXPORTER_OTLP_PROTOCOL={protocol}: only http/protobuf is supported; "
                "point OTEL_EXPORTER_OTLP_ENDPOINT at the collector's HTTP port (4318)"
            )
        # Endpoint, headers, timeout and compression come from the OTLP variables.
        from opentelemetry.exporter.otlp.proto.http.trace_exporter import OTLPSpanExporter

        return OTLPSpanExporter()
    raise UsageError(f"OTEL_TRACES_EXPORTER: unknown exporter {name!r}; use otlp, console or none")


_KINDS: dict[str, str] = {
    "internal": "INTERNAL",
    "server": "SERVER",
    "client": "CLIENT",
    "producer": "PRODUCER",
    "consumer": "CONSUMER",
}


@contextmanager
def span(
    name: str,
    *,
    kind: SpanKindName = "internal",
    attributes: Attributes | None = None,
    parent: Mapping[str, str] | None = None,
) -> Iterator[SpanHandle]:
    """A span around a block of sync or async code, current inside it.

    ``parent`` is a carrier holding a W3C ``traceparent`` (an incoming request's headers, a
    job's arguments); without one the span's parent is the current span. An exception leaving
    the block is recorded on the span. Off, this yields a shared handle and creates nothing.
    """
    tracer = _state.tracer
    if tracer is None:
        yield _OFF
        return
    from opentelemetry.trace import SpanKind

    context = _extract(parent) if parent is not None else None
    with tracer.start_as_current_span(
        name,
        context=context,
        kind=SpanKind[_KINDS[kind]],
        attributes={key: value for key, value in (attributes or {}).items() if value is not None},
    ) as current:
        yield SpanHandle(current)


def inject(carrier: dict[str, Any]) -> dict[str, Any]:
    """Write the current span's W3C ``traceparent`` into ``carrier`` (unchanged when off)."""
    if _state.tracer is not None:
        from opentelemetry.trace.propagation.tracecontext import TraceContextTextMapPropagator

        TraceContextTextMapPropagator().inject(carrier)
    return carrier


def current_traceparent() -> str | None:
    """The current span's ``traceparent`` header value; None when off or outside any span."""
    if _state.tracer is None:
        return None
    value = inject({}).get(TRACEPARENT)
    return value if isinstance(value, str) else None


def _extract(carrier: Mapping[str, str]) -> Any:
    from opentelemetry.trace.propagation.tracecontext import TraceContextTextMapPropagator

    # The propagator reads lower-case keys; aiohttp's headers match any case.
    value = carrier.get(TRACEPARENT) or carrier.get("Traceparent")
    return TraceContextTextMapPropagator().extract({TRACEPARENT: value} if value else {})


def current_ids() -> tuple[str, str] | None:
    """The current span's trace id and span id in hex, for log lines; None outside a span."""
    if _state.tracer is None:
        return None
    from opentelemetry.trace import get_current_span

    context = get_current_span().get_span_context()
    if not context.is_valid:
        return None
    return format(context.trace_id, "032x"), format(context.span_id, "016x")

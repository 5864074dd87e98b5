"""structlog set-up: one JSON line per event in production, a readable console format on a TTY.

Call :func:`configure_logging` once from an entry point (never at import). Standard-library
loggers (arq, aiohttp, asyncpg) go through the same renderer. Context such as ``delivery_id``,
``job_id``, ``installation_id`` and ``repository`` is bound with :func:`bind_context` and appears on
every line logged inside it. Secrets never reach the output: keys that name a secret are masked,
and any string containing a configured secret value, or one registered while running
(:func:`register_secret`), is replaced; URLs lose their query and userinfo.
"""

from __future__ import annotations

import contextvars
import json
import logging
import re
import sys
from collections.abc import Callable, Iterable, Mapping, MutableMapping
from contextlib import AbstractContextManager
from types import TracebackType
from typing import Any, TextIO, cast

import orjson
import structlog
from pydantic import SecretStr
from structlog.typing import EventDict, Processor, WrappedLogger

from app import tracing
from app.settings import Settings
from app.url_redaction import redact_urls

REDACTED = "[redacted]"
_SENSITIVE_KEY = re.compile(
    r"secret|token|password|passwd|authorization|private_key|signature|cookie", re.IGNORECASE
)


# Secret values learnt while running (a notification secret the worker decrypted), masked in
# every later line like the configured ones. Process-wide, as the logging configuration is; a
# tuple replaced whole, so that a line logged from a thread never sees it change mid-scrub.
RUNTIME_SECRETS_MAX = 256
MIN_SECRET_LENGTH = 6  # very short "secrets" would scrub innocent text
_runtime_secrets: tuple[str, ...] = ()


def register_secret(value: str) -> None:
    """Mask ``value`` in every log line from now on (the most recent
    :data:`RUNTIME_SECRETS_MAX` values are kept)."""
    global _runtime_secrets
    if len(value) < MIN_SECRET_LENGTH or value in _runtime_secrets:
        return
    _runtime_secrets = (*_runtime_secrets, value)[-RUNTIME_SECRETS_MAX:]


class _Redactor:
    """A processor that masks sensitive keys and scrubs known secret values anywhere."""

    def __init__(self, secrets: Iterable[str]) -> None:
        # Very short "secrets" would scrub innocent text; the settings never allow them anyway.
        self._secrets = tuple(secret for secret in secrets if len(secret) >= 6)
        self._sensitive: dict[str, bool] = {}  # key names repeat: decide each once
        # The secrets in scrubbing order, for the runtime secrets they were sorted with (a
        # tuple replaced whole when one is registered): sorted once, not on every line.
        self._ordered: tuple[tuple[str, ...], tuple[str, ...]] = ((), self._longest_first(()))

    def __call__(self, logger: WrappedLogger, method_name: str, event_dict: EventDict) -> EventDict:
        for key, value in event_dict.items():
            sensitive = self._sensitive.get(key)
            if sensitive is None:
                sensitive = bool(_SENSITIVE_KEY.search(key))
                if len(self._sensitive) < 4096:
                    self._sensitive[key] = sensitive
            if sensitive:
                event_dict[key] = REDACTED
            elif isinstance(value, str):
                event_dict[key] = self.scrub(value)
        return event_dict

    def _longest_first(self, runtime: tuple[str, ...]) -> tuple[str, ...]:
        # Longest first: a secret that holds another one (`jnk-build-token-1` and `build-token`)
        # is masked whole, not around the shorter one.
        return tuple(sorted((*self._secrets, *runtime), key=len, reverse=True))

    def scrub(self, text: str) -> str:
        runtime, ordered = self._ordered
        if runtime is not _runtime_secrets:
            runtime = _runtime_secrets
            ordered = self._longest_first(runtime)
            self._ordered = (runtime, ordered)
        for secret in ordered:
            if secret in text:
                text = text.replace(secret, REDACTED)
        return redact_urls(text)

    def scrub_exception(
        self, logger: WrappedLogger, method_name: str, event_dict: EventDict
    ) -> EventDict:
        """The same for a traceback, rendered after the other keys were scrubbed."""
        rendered = event_dict.get("exception")
        if isinstance(rendered, str):
            event_dict["exception"] = self.scrub(rendered)
        return event_dict


# Whoever collects the lines of the running block (a job's log, jobs.queue.job_log): each event,
# once redacted, is handed to it as well as written. A context variable, so that only the lines
# logged inside that block (its tasks and threads included) reach it.
LineCollector = Callable[[EventDict], None]
_COLLECTOR: contextvars.ContextVar[LineCollector | None] = contextvars.ContextVar(
    "vibe_log_collector", default=None
)


def collect_lines(collector: LineCollector) -> AbstractContextManager[None]:
    """Hand ``collector`` every event logged inside the block, after redaction. It must copy
    what it keeps and change nothing: the same dictionary goes on to the renderer."""
    return _Collecting(collector)


class _Collecting(AbstractContextManager[None]):
    __slots__ = ("_collector", "_token")

    def __init__(self, collector: LineCollector) -> None:
        self._collector = collector

    def __enter__(self) -> None:
        self._token = _COLLECTOR.set(self._collector)

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        _COLLECTOR.reset(self._token)


def _collector(redactor: _Redactor) -> Processor:
    """The processor that hands events to the block's collector; a traceback not yet rendered
    (the console format renders it last) is rendered and scrubbed for it."""

    def collect(logger: WrappedLogger, method_name: str, event_dict: EventDict) -> EventDict:
        collector = _COLLECTOR.get()
        if collector is None:
            return event_dict
        if event_dict.get("exc_info"):
            rendered = structlog.processors.format_exc_info(
                logger, method_name, {"exc_info": event_dict["exc_info"]}
            )
            line = {key: value for key, value in event_dict.items() if key != "exc_info"}
            if isinstance(rendered.get("exception"), str):
                line["exception"] = redactor.scrub(rendered["exception"])
            collector(line)
        else:
            collector(event_dict)
        return event_dict

    return collect


def _add_trace_ids(logger: WrappedLogger, method_name: str, event_dict: EventDict) -> EventDict:
    """``trace_id``/``span_id`` of the current span, so that a log line leads to its trace."""
    if tracing.enabled():
        ids = tracing.current_ids()
        if ids is not None:
            event_dict["trace_id"], event_dict["span_id"] = ids
    return event_dict


def _json_fallback(value: Any) -> Any:
    """What structlog's JSONRenderer writes for a value JSON has no type for."""
    structlog_form = getattr(value, "__structlog__", None)
    return structlog_form() if callable(structlog_form) else repr(value)


# Anything orjson would write differently from the json module goes to the fallback: datetimes
# and dataclasses as their repr, as before.
_ORJSON_OPTIONS = (
    orjson.OPT_NON_STR_KEYS | orjson.OPT_PASSTHROUGH_DATETIME | orjson.OPT_PASSTHROUGH_DATACLASS
)


def render_json(logger: WrappedLogger, method_name: str, event_dict: EventDict) -> str:
    """The JSON line of an event: what ``structlog.processors.JSONRenderer`` writes, compact.

    orjson does it several times faster than the json module, and every delivery logs a line.
    The json module still writes what orjson refuses (integers beyond 64 bits, lone surrogates)
    and any line that is not plain ASCII, so that a line is pure ASCII whatever the stream's
    encoding, as before.
    """
    try:
        line = orjson.dumps(event_dict, default=_json_fallback, option=_ORJSON_OPTIONS)
    except TypeError:  # orjson.JSONEncodeError is one
        return json.dumps(event_dict, default=_json_fallback)
    if line.isascii():
        return line.decode("ascii")
    return json.dumps(event_dict, default=_json_fallback)


# A line of a PEM key's body is 64 characters; one that long is masked on its own too, so that
# a key cut into lines (a traceback's repr, a wrapped error) is still masked.
_KEY_LINE_MIN = 40


def _secrets_of(settings: Settings | None) -> list[str]:
    """Every secret the settings hold (each :class:`SecretStr` field, each webhook secret of a
    rotation list, each line of the private key's body)."""
    if settings is None:
        return []
    found = list(settings.webhook_secrets())
    for name in type(settings).model_fields:
        value = getattr(settings, name)
        if isinstance(value, SecretStr):
            text = value.get_secret_value()
            found.append(text)
            found.extend(
                line.strip()
                for line in text.splitlines()
                if len(line.strip()) >= _KEY_LINE_MIN and not line.startswith("-----")
            )
    return found


def configure_logging(
    settings: Settings | None = None,
    *,
    fmt: str | None = None,
    level: str | None = None,
    stream: TextIO | None = None,
) -> None:
    """Configure structlog and the standard library for the whole process."""
    stream = stream or sys.stdout
    fmt = fmt or (settings.log_format if settings else "auto")
    if fmt == "auto":
        fmt = "console" if stream.isatty() else "json"
    level_name = (level or (settings.log_level if settings else "INFO")).upper()
    level_number = logging.getLevelNamesMapping().get(level_name, logging.INFO)

    redactor = _Redactor(_secrets_of(settings))
    shared: list[Processor] = [
        structlog.contextvars.merge_contextvars,
        structlog.processors.add_log_level,
        structlog.processors.TimeStamper(fmt="iso", utc=True),
        redactor,
        _add_trace_ids,
    ]
    renderer: Processor
    if fmt == "json":
        shared.append(structlog.processors.format_exc_info)
        shared.append(redactor.scrub_exception)
        renderer = render_json
    else:
        renderer = structlog.dev.ConsoleRenderer(colors=stream.isatty())
    shared.append(_collector(redactor))

    structlog.configure(
        processors=[*shared, renderer],
        wrapper_class=structlog.make_filtering_bound_logger(level_number),
        logger_factory=structlog.WriteLoggerFactory(file=stream),
        # Module-level loggers must follow a later configure_logging() (tests run several CLIs).
        cache_logger_on_first_use=False,
    )

    handler = logging.StreamHandler(stream)
    handler.setFormatter(
        structlog.stdlib.ProcessorFormatter(
            foreign_pre_chain=[structlog.stdlib.add_logger_name, *shared],
            processors=[structlog.stdlib.ProcessorFormatter.remove_processors_meta, renderer],
        )
    )
    root = logging.getLogger()
    root.handlers[:] = [handler]
    root.setLevel(level_number)
    # One line per request would drown the delivery log lines; ours say more.
    logging.getLogger("aiohttp.access").setLevel(logging.WARNING)
    # pgserver narrates every pg_ctl call at INFO.
    logging.getLogger("pgserver").setLevel(max(level_number, logging.WARNING))


def get_logger(name: str | None = None, **initial: Any) -> structlog.typing.FilteringBoundLogger:
    return cast(structlog.typing.FilteringBoundLogger, _ConfiguredLogger(name, initial))


class _ConfiguredLogger:
    """A module-level logger, assembled once per logging configuration.

    structlog's lazy proxy assembles a new logger (processors, wrapper, output) on every call
    unless loggers are cached on first use, and cached ones would miss a later
    :func:`configure_logging` (tests run several entry points in one process, then put the
    previous configuration back). This one keeps its logger while structlog's configuration is
    the same objects, and assembles a new one when it changes. ``capture_logs`` edits the
    processor list in place, which the kept logger sees.
    """

    __slots__ = ("_configuration", "_initial", "_logger", "_name")

    def __init__(self, name: str | None, initial: dict[str, Any]) -> None:
        self._name, self._initial = name, initial
        self._configuration: tuple[Any, ...] = ()
        self._logger: Any = None

    def __getattr__(self, attribute: str) -> Any:
        config = structlog.get_config()
        kept = self._configuration
        if (
            not kept
            or kept[0] is not config["processors"]
            or kept[1] is not config["wrapper_class"]
            or kept[2] is not config["context_class"]
            or kept[3] is not config["logger_factory"]
        ):
            self._logger = structlog.get_logger(self._name, **self._initial).bind()
            self._configuration = (
                config["processors"],
                config["wrapper_class"],
                config["context_class"],
                config["logger_factory"],
            )
        return getattr(self._logger, attribute)


def bind_context(**values: Any) -> AbstractContextManager[None]:
    """Bind ``values`` (delivery_id, job_id, installation_id, repository...) for a block."""
    return _BoundContext({key: value for key, value in values.items() if value is not None})


class _BoundContext(AbstractContextManager[None]):
    """``structlog.contextvars.bound_contextvars`` for the receiver's hot path: it sets the
    variables and resets them by their tokens, where structlog reads the whole context first
    and unbinds and rebinds after."""

    __slots__ = ("_tokens", "_values")

    def __init__(self, values: dict[str, Any]) -> None:
        self._values = values
        self._tokens: Mapping[str, contextvars.Token[Any]] = {}

    def __enter__(self) -> None:
        self._tokens = structlog.contextvars.bind_contextvars(**self._values)

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        structlog.contextvars.reset_contextvars(**self._tokens)


def redact_mapping(values: MutableMapping[str, Any]) -> MutableMapping[str, Any]:
    """Mask the sensitive keys of a mapping before it goes anywhere visible."""
    for key in values:
        if _SENSITIVE_KEY.search(key):
            values[key] = REDACTED
    return values

"""structlog set-up: one JSON line per event in production, a readable console format on a TTY.

Call :func:`configure_logging` once from an entry point (never at import). Standard-library
loggers (arq, aiohttp, asyncpg) go through the same renderer. Context such as ``delivery_id``,
``job_id``, ``installation_id`` and ``repository`` is bound with :func:`bind_context` and appears on
every line logged inside it. Secrets never reach the output: keys that name a secret are masked,
and any string containing a configured secret value is replaced.
"""

from __future__ import annotations

import logging
import re
import sys
from collections.abc import Iterable, Iterator, MutableMapping
from contextlib import contextmanager
from typing import Any, TextIO

import structlog
from structlog.typing import EventDict, Processor, WrappedLogger

from app import tracing
from app.settings import Settings

REDACTED = "[redacted]"
_SENSITIVE_KEY = re.compile(
    r"secret|token|password|passwd|authorization|private_key|signature|cookie", re.IGNORECASE
)


class _Redactor:
    """A processor that masks sensitive keys and scrubs known secret values anywhere."""

    def __init__(self, secrets: Iterable[str]) -> None:
        # Very short "secrets" would scrub innocent text; the settings never allow them anyway.
        self._secrets = tuple(secret for secret in secrets if len(secret) >= 6)
        self._sensitive: dict[str, bool] = {}  # key names repeat: decide each once

    def __call__(self, logger: WrappedLogger, method_name: str, event_dict: EventDict) -> EventDict:
        for key, value in event_dict.items():
            sensitive = self._sensitive.get(key)
            if sensitive is None:
                sensitive = bool(_SENSITIVE_KEY.search(key))
                if len(self._sensitive) < 4096:
                    self._sensitive[key] = sensitive
            if sensitive:
                event_dict[key] = REDACTED
            elif self._secrets and isinstance(value, str):
                event_dict[key] = self.scrub(value)
        return event_dict

    def scrub(self, text: str) -> str:
        for secret in self._secrets:
            if secret in text:
                text = text.replace(secret, REDACTED)
        return text


def _add_trace_ids(logger: WrappedLogger, method_name: str, event_dict: EventDict) -> EventDict:
    """``trace_id``/``span_id`` of the current span, so that a log line leads to its trace."""
    if tracing.enabled():
        ids = tracing.current_ids()
        if ids is not None:
            event_dict["trace_id"], event_dict["span_id"] = ids
    return event_dict


def _secrets_of(settings: Settings | None) -> list[str]:
    if settings is None:
        return []
    found = list(settings.webhook_secrets())
    for secret in (settings.github_private_key, settings.gitlab_webhook_token):
        if secret is not None:
            found.append(secret.get_secret_value())
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

    shared: list[Processor] = [
        structlog.contextvars.merge_contextvars,
        structlog.processors.add_log_level,
        structlog.processors.TimeStamper(fmt="iso", utc=True),
        _Redactor(_secrets_of(settings)),
        _add_trace_ids,
    ]
    renderer: Processor
    if fmt == "json":
        shared.append(structlog.processors.format_exc_info)
        renderer = structlog.processors.JSONRenderer()
    else:
        renderer = structlog.dev.ConsoleRenderer(colors=stream.isatty())

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
    logger: structlog.typing.FilteringBoundLogger = structlog.get_logger(name, **initial)
    return logger


@contextmanager
def bind_context(**values: Any) -> Iterator[None]:
    """Bind ``values`` (delivery_id, job_id, installation_id, repository...) for a block."""
    present = {key: value for key, value in values.items() if value is not None}
    with structlog.contextvars.bound_contextvars(**present):
        yield


def redact_mapping(values: MutableMapping[str, Any]) -> MutableMapping[str, Any]:
    """Mask the sensitive keys of a mapping before it goes anywhere visible."""
    for key in values:
        if _SENSITIVE_KEY.search(key):
            values[key] = REDACTED
    return values

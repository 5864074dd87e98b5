"""Recording a delivery with its jobs, for either forge's receiver: a payload PostgreSQL's JSONB
cannot hold is stored again without the characters it refuses; one it still refuses is the
sender's error (:class:`UnstorableDelivery`, a 400), never ours. A database that does not answer
within :data:`RECORD_TIMEOUT_S` is a database that is down (503: the forge redelivers)."""

from __future__ import annotations

import asyncio
import json
from dataclasses import dataclass
from typing import Any

import asyncpg  # type: ignore[import-untyped,unused-ignore]
import structlog

from app.store.deliveries import (
    DeliveryRecord,
    DeliveryWriter,
    PlannedJob,
    RecordResult,
    record_delivery,
)
from app.store.pool import UNAVAILABLE_ERRORS

# Well inside GitHub's 10 s answer limit. The statement is atomic, so even a timeout after its
# commit leaves nothing half-written.
RECORD_TIMEOUT_S = 5.0


class UnstorableDelivery(ValueError):
    """A delivery PostgreSQL refuses for its data, even without NUL and lone surrogates."""


@dataclass(frozen=True)
class NotRecorded:
    """Why a delivery was not recorded, as the receiver answers it."""

    status: int  # 503: ours, redeliver later; 400: the sender's
    outcome: str
    message: str


async def record_in_time(
    writer: DeliveryWriter,
    pool: asyncpg.Pool,
    record: DeliveryRecord,
    planned: list[PlannedJob],
    log: structlog.typing.FilteringBoundLogger,
    forge: str,
) -> RecordResult | NotRecorded:
    """Record the delivery and its jobs, or say why not (``forge``: whose delivery, for the
    message)."""
    try:
        async with asyncio.timeout(RECORD_TIMEOUT_S):
            return await record_with_fallback(writer, pool, record, planned, log)
    except UNAVAILABLE_ERRORS as exc:
        log.error("delivery not recorded: database unavailable; answered 503", error=repr(exc))
        return NotRecorded(503, "unavailable", "database unavailable; redeliver later")
    except UnstorableDelivery as exc:
        return NotRecorded(400, "bad_request", f"malformed {forge} delivery: {exc}")


async def record_with_fallback(
    writer: DeliveryWriter,
    pool: asyncpg.Pool,
    record: DeliveryRecord,
    planned: list[PlannedJob],
    log: structlog.typing.FilteringBoundLogger,
) -> RecordResult:
    try:
        return await writer.record(record, planned)
    except (asyncpg.UntranslatableCharacterError, asyncpg.InvalidTextRepresentationError):
        # PostgreSQL's JSONB has no room for \u0000 or lone surrogates, which JSON allows.
        log.warning("payload stored without NUL characters and lone surrogates")
        try:
            return await record_delivery(pool, sanitized(record), planned)
        except asyncpg.DataError as exc:
            raise _unstorable(exc, log) from exc
    except asyncpg.DataError as exc:
        # The receivers check the fields they store (handlers.delivery_fields); this is the
        # net under them, so that a payload never makes the answer a 500.
        raise _unstorable(exc, log) from exc


def _unstorable(
    exc: asyncpg.DataError, log: structlog.typing.FilteringBoundLogger
) -> UnstorableDelivery:
    log.warning("delivery refused: PostgreSQL cannot store it", error=str(exc))
    return UnstorableDelivery(f"the payload cannot be stored: {exc}")


def sanitized(record: DeliveryRecord) -> DeliveryRecord:
    def clean(value: Any) -> Any:
        if isinstance(value, str):
            return value.replace("\x00", "").encode("utf-8", "ignore").decode("utf-8")
        if isinstance(value, list):
            return [clean(item) for item in value]
        if isinstance(value, dict):
            return {clean(key): clean(item) for key, item in value.items()}
        return value

    payload = clean(json.loads(record.payload_json))
    return DeliveryRecord(
        delivery_id=record.delivery_id,
        event=record.event,
        action=record.action,
        installation_id=record.installation_id,
        repository_id=record.repository_id,
        repository_full_name=record.repository_full_name,
        payload_json=json.dumps(payload),
    )

"""Deliveries and their outbox rows: written together in one statement, read back by jobs."""

from __future__ import annotations

import asyncio
import contextlib
import json
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

import asyncpg  # type: ignore[import-untyped,unused-ignore]
import orjson

from app.store.pool import UNAVAILABLE_ERRORS

# One statement, hence one transaction: the delivery and its outbox rows exist together or not
# at all. A redelivery (same delivery id) inserts neither; "inserted" tells the two apart even
# when the event needs no job.
_RECORD = """
WITH delivery AS (
    INSERT INTO deliveries (delivery_id, event, action, installation_id, repository_id,
                            repository_full_name, payload, state)
    VALUES ($1, $2, $3, $4, $5, $6, $7::jsonb, $8)
    ON CONFLICT (delivery_id) DO NOTHING
    RETURNING delivery_id
), queued AS (
    INSERT INTO outbox (delivery_id, job_id, kind, args)
    SELECT delivery.delivery_id, planned.job_id, planned.kind, planned.args::jsonb
    FROM delivery, unnest($9::text[], $10::text[], $11::text[]) AS planned (job_id, kind, args)
    ON CONFLICT (job_id) DO NOTHING
    RETURNING id, job_id
)
SELECT EXISTS (SELECT 1 FROM delivery) AS inserted,
       COALESCE((SELECT array_agg(id ORDER BY id) FROM queued), '{}') AS outbox_ids
"""


@dataclass(frozen=True)
class DeliveryRecord:
    """What the receiver stores about one delivery. ``payload_json`` is the body as JSON text."""

    delivery_id: str
    event: str
    action: str | None
    installation_id: int | None
    repository_id: int | None
    repository_full_name: str | None
    payload_json: str


@dataclass(frozen=True)
class PlannedJob:
    """An outbox row to write: plain values only."""

    job_id: str
    kind: str
    args: dict[str, Any]


@dataclass(frozen=True)
class RecordResult:
    inserted: bool
    outbox_ids: list[int]


async def record_delivery(
    conn: asyncpg.Pool | asyncpg.Connection,
    delivery: DeliveryRecord,
    jobs: Sequence[PlannedJob],
) -> RecordResult:
    """Insert the delivery and one outbox row per job, atomically; nothing on a redelivery."""
    row = await conn.fetchrow(
        _RECORD,
        delivery.delivery_id,
        delivery.event,
        delivery.action,
        delivery.installation_id,
        delivery.repository_id,
        delivery.repository_full_name,
        delivery.payload_json,
        "queued" if jobs else "ignored",
        [job.job_id for job in jobs],
        [job.kind for job in jobs],
        [_args_json(job.args) for job in jobs],
    )
    assert row is not None
    return RecordResult(inserted=row["inserted"], outbox_ids=list(row["outbox_ids"]))


def _args_json(args: dict[str, Any]) -> str:
    """A job's arguments as JSON text for the outbox's JSONB column."""
    try:
        return orjson.dumps(args).decode()
    except TypeError:  # integers beyond 64 bits, lone surrogates: the json module writes those
        return json.dumps(args, separators=(",", ":"))


async def delivery_payload(
    conn: asyncpg.Pool | asyncpg.Connection, delivery_id: str
) -> dict[str, Any] | None:
    """The payload GitHub sent with a delivery, or None if the delivery is unknown."""
    text = await conn.fetchval(
        "SELECT payload::text FROM deliveries WHERE delivery_id = $1", delivery_id
    )
    if text is None:
        return None
    payload: dict[str, Any] = json.loads(text)
    return payload


# The same as _RECORD for many deliveries at once. Rows of a delivery that was already there
# (a redelivery) are skipped together with its outbox rows.
_RECORD_MANY = """
WITH delivery AS (
    INSERT INTO deliveries (delivery_id, event, action, installation_id, repository_id,
                            repository_full_name, payload, state)
    SELECT incoming.delivery_id, incoming.event, incoming.action, incoming.installation_id,
           incoming.repository_id, incoming.repository_full_name, incoming.payload::jsonb,
           incoming.state
    FROM unnest($1::text[], $2::text[], $3::text[], $4::bigint[], $5::bigint[], $6::text[],
                $7::text[], $8::text[])
         AS incoming (delivery_id, event, action, installation_id, repository_id,
                      repository_full_name, payload, state)
    ON CONFLICT (delivery_id) DO NOTHING
    RETURNING delivery_id
), queued AS (
    INSERT INTO outbox (delivery_id, job_id, kind, args)
    SELECT planned.delivery_id, planned.job_id, planned.kind, planned.args::jsonb
    FROM unnest($9::text[], $10::text[], $11::text[], $12::text[])
         AS planned (delivery_id, job_id, kind, args)
    JOIN delivery USING (delivery_id)
    ON CONFLICT (job_id) DO NOTHING
    RETURNING id, job_id
)
SELECT COALESCE((SELECT array_agg(delivery_id) FROM delivery), '{}') AS inserted,
       COALESCE((SELECT array_agg(job_id) FROM queued), '{}') AS job_ids,
       COALESCE((SELECT array_agg(id) FROM queued), '{}') AS outbox_ids
"""

_Pending = tuple[DeliveryRecord, Sequence[PlannedJob], "asyncio.Future[RecordResult]"]


async def record_deliveries(
    conn: asyncpg.Pool | asyncpg.Connection,
    items: Sequence[tuple[DeliveryRecord, Sequence[PlannedJob]]],
) -> list[RecordResult]:
    """:func:`record_delivery` for many deliveries in one statement (one transaction)."""
    first: dict[str, int] = {}
    for index, (delivery, _) in enumerate(items):
        first.setdefault(delivery.delivery_id, index)
    unique = [items[index] for index in sorted(first.values())]
    jobs = [(delivery.delivery_id, job) for delivery, planned in unique for job in planned]
    row = await conn.fetchrow(
        _RECORD_MANY,
        [d.delivery_id for d, _ in unique],
        [d.event for d, _ in unique],
        [d.action for d, _ in unique],
        [d.installation_id for d, _ in unique],
        [d.repository_id for d, _ in unique],
        [d.repository_full_name for d, _ in unique],
        [d.payload_json for d, _ in unique],
        ["queued" if planned else "ignored" for _, planned in unique],
        [delivery_id for delivery_id, _ in jobs],
        [job.job_id for _, job in jobs],
        [job.kind for _, job in jobs],
        [_args_json(job.args) for _, job in jobs],
    )
    assert row is not None
    inserted = set(row["inserted"])
    outbox_ids = dict(zip(row["job_ids"], row["outbox_ids"], strict=True))
    results = []
    for index, (delivery, planned) in enumerate(items):
        if first[delivery.delivery_id] != index or delivery.delivery_id not in inserted:
            results.append(RecordResult(inserted=False, outbox_ids=[]))
        else:
            ids = [outbox_ids[job.job_id] for job in planned if job.job_id in outbox_ids]
            results.append(RecordResult(inserted=True, outbox_ids=ids))
    return results


class DeliveryWriter:
    """Records the deliveries of concurrent requests together: group commit.

    Each request waits for the statement that holds its delivery, so "recorded" still means
    committed; but a batch costs one statement and one WAL flush instead of one per delivery,
    and a writer keeps its pool connection while deliveries keep coming (a checkout and a return
    cost the client more than a small batch's statement). Two statements run at a time so that
    PostgreSQL works on two cores. If a batch is refused for its data (a payload PostgreSQL
    cannot store), its deliveries are written one by one so that one bad payload fails only its
    own request.
    """

    def __init__(self, pool: asyncpg.Pool, *, writers: int = 2, max_batch: int = 200) -> None:
        self._pool = pool
        self._writers = writers
        self._max_batch = max_batch
        self._pending: list[_Pending] = []
        self._wake = asyncio.Event()
        self._tasks: list[asyncio.Task[None]] = []

    def start(self) -> None:
        self._tasks = [
            asyncio.create_task(self._write_loop(), name=f"delivery-writer-{number}")
            for number in range(self._writers)
        ]

    async def stop(self) -> None:
        for task in self._tasks:
            task.cancel()
        for task in self._tasks:
            with contextlib.suppress(asyncio.CancelledError):
                await task
        for _, _, future in self._pending:
            if not future.done():
                future.set_exception(ConnectionError("the server is stopping"))
        self._pending.clear()

    async def record(self, delivery: DeliveryRecord, jobs: Sequence[PlannedJob]) -> RecordResult:
        future: asyncio.Future[RecordResult] = asyncio.get_running_loop().create_future()
        self._pending.append((delivery, jobs, future))
        self._wake.set()
        # A request that gives up (timeout, client gone) cancels this future, never its batch:
        # the batch is the writer's task, which skips an answer that nobody waits for. (No
        # asyncio.shield: it would cost a second future and two more callbacks per delivery.)
        return await future

    def _next_batch(self) -> list[_Pending]:
        batch = self._pending[: self._max_batch]
        del self._pending[: self._max_batch]
        if not self._pending:
            self._wake.clear()
        return batch

    async def _write_loop(self) -> None:
        while True:
            await self._wake.wait()
            if not self._pending:
                self._wake.clear()  # the other writer took them
                continue
            try:
                connection = await self._pool.acquire()
            except Exception as exc:  # no connection to be had: the waiting requests answer it
                _fail_all(self._next_batch(), exc)
                continue
            try:
                while batch := self._next_batch():
                    if not await self._write(connection, batch):
                        break  # the connection failed: the pool replaces it
            finally:
                # Every batch taken is answered by now; a connection that fails on its way back
                # is terminated by the pool, which opens another when asked.
                with contextlib.suppress(Exception):
                    await self._pool.release(connection)

    async def _write(self, connection: asyncpg.Connection, batch: list[_Pending]) -> bool:
        """Write ``batch`` and answer its requests; False if the connection is unusable."""
        try:
            results = await record_deliveries(
                connection, [(delivery, jobs) for delivery, jobs, _ in batch]
            )
        except UNAVAILABLE_ERRORS as exc:
            _fail_all(batch, exc)
            return False
        except asyncpg.PostgresError:
            await self._write_one_by_one(batch)
        except Exception as exc:  # unreachable database included: every request answers it
            _fail_all(batch, exc)
            return False
        else:
            for (_, _, future), result in zip(batch, results, strict=True):
                if not future.done():
                    future.set_result(result)
        return True

    async def _write_one_by_one(self, batch: list[_Pending]) -> None:
        for delivery, jobs, future in batch:
            try:
                result = await record_delivery(self._pool, delivery, jobs)
            except Exception as exc:
                if not future.done():
                    future.set_exception(exc)
            else:
                if not future.done():
                    future.set_result(result)


def _fail_all(batch: list[_Pending], exc: BaseException) -> None:
    for _, _, future in batch:
        if not future.done():
            future.set_exception(exc)

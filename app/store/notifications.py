"""Notification targets, secrets and the delivery outbox (``notification_deliveries``).

Emitting inserts rows (idempotent by ``dedup_key``); the sender claims due rows with
``FOR UPDATE SKIP LOCKED`` and a short lease (``locked_until``), so any number of workers can
send without sending a row twice at once, and a worker that dies mid-send only delays its rows
by the lease.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

import asyncpg  # type: ignore[import-untyped,unused-ignore]

from app.notify.secret_origins import binding_refusal, secret_uses
from app.notify.targets import NotifyTarget
from app.store.visibility import Visibility

if TYPE_CHECKING:
    from app.store.secret_box import SecretBox

LEASE_S = 120


@dataclass(frozen=True)
class NewDelivery:
    dedup_key: str
    event: str
    installation_id: int | None
    repository_id: int | None
    repository_full_name: str | None
    source: str  # installation | repository
    target: NotifyTarget
    payload: dict[str, Any]


@dataclass(frozen=True)
class DueDelivery:
    id: int
    event: str
    installation_id: int | None
    repository_full_name: str | None
    target: NotifyTarget
    payload: dict[str, Any]
    attempts: int  # before this one
    source: str = "installation"  # installation | repository
    repository_id: int | None = None


# -- targets and secrets ---------------------------------------------------------------------


async def add_target(
    conn: asyncpg.Pool | asyncpg.Connection, installation_id: int, name: str, target: NotifyTarget
) -> int:
    target_id: int = await conn.fetchval(
        """
        INSERT INTO notification_targets (installation_id, name, target)
        VALUES ($1, $2, $3::jsonb)
        ON CONFLICT (installation_id, name) DO UPDATE SET target = EXCLUDED.target
        RETURNING id
        """,
        installation_id,
        name,
        target.model_dump_json(),
    )
    return target_id


async def target_named(
    conn: asyncpg.Pool | asyncpg.Connection, installation_id: int, name: str
) -> NotifyTarget | None:
    """The installation's target called ``name`` (what a replacement replaces), if any."""
    raw = await conn.fetchval(
        "SELECT target FROM notification_targets WHERE installation_id = $1 AND name = $2",
        installation_id,
        name,
    )
    return None if raw is None else NotifyTarget.model_validate_json(raw)


async def installation_targets(
    conn: asyncpg.Pool | asyncpg.Connection, installation_id: int
) -> list[NotifyTarget]:
    rows = await conn.fetch(
        "SELECT target FROM notification_targets WHERE installation_id = $1 AND enabled "
        "ORDER BY id",
        installation_id,
    )
    return [NotifyTarget.model_validate_json(row["target"]) for row in rows]


async def set_secret(
    conn: asyncpg.Pool | asyncpg.Connection,
    installation_id: int,
    name: str,
    value: str,
    *,
    box: SecretBox,
    origin: str,
    allowed_repositories: Sequence[int] = (),
) -> bool:
    """Store (or replace) a secret, bound to ``origin`` (``scheme://host[:port]``: the only
    origin it is ever sent to, see :mod:`app.notify.secret_origins`); ``allowed_repositories``:
    the repositories whose own ``notify:`` may name it (none by default). True when it replaced
    a stored one."""
    inserted: bool = await conn.fetchval(
        """
        INSERT INTO notification_secrets
            (installation_id, name, value, allowed_repository_ids, origin)
        VALUES ($1, $2, $3, $4::bigint[], $5)
        ON CONFLICT (installation_id, name) DO UPDATE SET value = EXCLUDED.value,
            allowed_repository_ids = EXCLUDED.allowed_repository_ids,
            origin = EXCLUDED.origin, updated_at = now()
        RETURNING xmax = 0
        """,
        installation_id,
        name,
        box.seal(value),
        sorted(set(allowed_repositories)),
        origin,
    )
    return not inserted


async def secret_origins(
    conn: asyncpg.Pool | asyncpg.Connection, installation_id: int | None, names: Sequence[str]
) -> dict[str, str | None]:
    """The stored secrets among ``names`` and the origin each is bound to (None: stored before
    secrets were bound, and not bound by migration 0017)."""
    if installation_id is None or not names:
        return {}
    rows = await conn.fetch(
        "SELECT name, origin FROM notification_secrets "
        "WHERE installation_id = $1 AND name = ANY($2::text[])",
        installation_id,
        list(names),
    )
    return {row["name"]: row["origin"] for row in rows}


async def secret_scopes(
    conn: asyncpg.Pool | asyncpg.Connection, installation_id: int | None, names: Sequence[str]
) -> dict[str, list[int]]:
    """The stored secrets among ``names`` and the repositories allowed to use each (no value)."""
    if installation_id is None or not names:
        return {}
    rows = await conn.fetch(
        "SELECT name, allowed_repository_ids FROM notification_secrets "
        "WHERE installation_id = $1 AND name = ANY($2::text[])",
        installation_id,
        list(names),
    )
    return {row["name"]: list(row["allowed_repository_ids"]) for row in rows}


async def secrets_listing(
    conn: asyncpg.Pool | asyncpg.Connection, installation_ids: Sequence[int]
) -> list[asyncpg.Record]:
    """Every secret of the installations: names, scopes and dates, never the values."""
    rows: list[asyncpg.Record] = await conn.fetch(
        "SELECT installation_id, name, allowed_repository_ids, origin, updated_at "
        "FROM notification_secrets WHERE installation_id = ANY($1::bigint[]) "
        "ORDER BY installation_id, name",
        list(installation_ids),
    )
    return rows


async def targets_listing(
    conn: asyncpg.Pool | asyncpg.Connection, installation_ids: Sequence[int]
) -> list[asyncpg.Record]:
    rows: list[asyncpg.Record] = await conn.fetch(
        "SELECT id, installation_id, name, target, enabled, created_at FROM notification_targets "
        "WHERE installation_id = ANY($1::bigint[]) ORDER BY installation_id, name",
        list(installation_ids),
    )
    return rows


async def target_row(conn: asyncpg.Pool | asyncpg.Connection, target_id: int) -> asyncpg.Record:
    """One target as :func:`targets_listing` lists it."""
    return await conn.fetchrow(
        "SELECT id, installation_id, name, target, enabled, created_at "
        "FROM notification_targets WHERE id = $1",
        target_id,
    )


async def delete_target(
    conn: asyncpg.Pool | asyncpg.Connection, installation_id: int, target_id: int
) -> str | None:
    """Delete the target; its name, or None when the installation has no such target. The
    secrets it named stay: other targets and repositories may name them too."""
    name: str | None = await conn.fetchval(
        "DELETE FROM notification_targets WHERE installation_id = $1 AND id = $2 RETURNING name",
        installation_id,
        target_id,
    )
    return name


async def secrets_of(
    conn: asyncpg.Pool | asyncpg.Connection,
    installation_id: int | None,
    names: list[str],
    *,
    box: SecretBox,
) -> dict[str, str]:
    """The stored values, whatever their origin: never to send with (the sender uses
    :func:`sendable_secrets`, which checks where each may go)."""
    if installation_id is None or not names:
        return {}
    rows = await conn.fetch(
        "SELECT name, value FROM notification_secrets "
        "WHERE installation_id = $1 AND name = ANY($2::text[])",
        installation_id,
        names,
    )
    return {row["name"]: box.open(row["value"]) for row in rows}


async def sendable_secrets(
    conn: asyncpg.Pool | asyncpg.Connection,
    installation_id: int | None,
    target: NotifyTarget,
    *,
    box: SecretBox,
) -> tuple[dict[str, str], str | None]:
    """The values of the stored secrets ``target`` names, if the target sends each to the origin
    it is bound to; else no values and why (a sentence without a value). A secret not stored is
    left out, for the caller to report."""
    if installation_id is None or not target.secret_names():
        return {}, None
    rows = await conn.fetch(
        "SELECT name, value, origin FROM notification_secrets "
        "WHERE installation_id = $1 AND name = ANY($2::text[])",
        installation_id,
        target.secret_names(),
    )
    bound = {row["name"]: row["origin"] for row in rows}
    values = {row["name"]: box.open(row["value"]) for row in rows}
    for use in secret_uses(target):
        if use.name not in values:
            continue
        refusal = binding_refusal(target, use, bound[use.name], values[use.name], installation_id)
        if refusal is not None:
            return {}, refusal
    return values, None


# -- the outbox ------------------------------------------------------------------------------


async def insert_deliveries(
    conn: asyncpg.Pool | asyncpg.Connection, deliveries: list[NewDelivery]
) -> list[int]:
    """Insert each new delivery; those already there (same ``dedup_key``) are left alone.
    The ids of the rows inserted now."""
    inserted: list[int] = []
    for item in deliveries:
        row_id = await conn.fetchval(
            """
            INSERT INTO notification_deliveries
                (dedup_key, event, installation_id, repository_id, repository_full_name,
                 source, target_type, target, payload)
            VALUES ($1, $2, $3, $4, $5, $6, $7, $8::jsonb, $9::jsonb)
            ON CONFLICT (dedup_key) DO NOTHING
            RETURNING id
            """,
            item.dedup_key,
            item.event,
            item.installation_id,
            item.repository_id,
            item.repository_full_name,
            item.source,
            item.target.type,
            item.target.model_dump_json(),
            json.dumps(item.payload, default=str),
        )
        if row_id is not None:
            inserted.append(int(row_id))
    return inserted


async def claim_due(conn: asyncpg.Pool | asyncpg.Connection, limit: int = 50) -> list[DueDelivery]:
    rows = await conn.fetch(
        """
        UPDATE notification_deliveries SET locked_until = now() + make_interval(secs => $2)
        WHERE id IN (
            SELECT id FROM notification_deliveries
            WHERE state = 'pending' AND next_attempt_at <= now()
              AND (locked_until IS NULL OR locked_until < now())
            ORDER BY next_attempt_at LIMIT $1
            FOR UPDATE SKIP LOCKED
        )
        RETURNING id, event, installation_id, repository_full_name, target, payload, attempts,
                  source, repository_id
        """,
        limit,
        float(LEASE_S),
    )
    return [
        DueDelivery(
            id=row["id"],
            event=row["event"],
            installation_id=row["installation_id"],
            repository_full_name=row["repository_full_name"],
            target=NotifyTarget.model_validate_json(row["target"]),
            payload=json.loads(row["payload"]),
            attempts=row["attempts"],
            source=row["source"],
            repository_id=row["repository_id"],
        )
        for row in sorted(rows, key=lambda r: r["id"])
    ]


async def record_attempt(
    pool: asyncpg.Pool,
    delivery_id: int,
    *,
    attempt: int,
    status: int | None,
    error: str | None,
    duration_ms: int,
    outcome: str,  # delivered | pending | dead
    retry_in_s: float = 0.0,
) -> None:
    async with pool.acquire() as conn, conn.transaction():
        await conn.execute(
            "INSERT INTO notification_attempts (delivery_id, attempt, status, error, duration_ms) "
            "VALUES ($1, $2, $3, $4, $5) ON CONFLICT DO NOTHING",
            delivery_id,
            attempt,
            status,
            error,
            duration_ms,
        )
        await conn.execute(
            """
            UPDATE notification_deliveries SET
                state = $2, attempts = $3, last_status = $4, last_error = $5, locked_until = NULL,
                next_attempt_at = now() + make_interval(secs => $6),
                delivered_at = CASE WHEN $2 = 'delivered' THEN now() END,
                updated_at = now()
            WHERE id = $1
            """,
            delivery_id,
            outcome,
            attempt,
            status,
            error,
            retry_in_s,
        )


async def next_due_in(conn: asyncpg.Pool | asyncpg.Connection) -> float | None:
    """Seconds until the next pending delivery is due (0 if one is due now); None if none."""
    value = await conn.fetchval(
        "SELECT GREATEST(0, EXTRACT(EPOCH FROM min(next_attempt_at) - now())) "
        "FROM notification_deliveries WHERE state = 'pending'"
    )
    return None if value is None else float(value)


# A delivery ``d`` the caller reads, as app.store.visibility.Visibility.reads_data_of decides:
# one of no repository is its installation's; a GitLab project's (a negative key, no
# installation) is read with the project; a GitHub repository's needs its installation too.
# $1 true: every delivery (administrators); $3 NULL: no repository filter.
_DELIVERY_READABLE = """($1::boolean OR CASE
    WHEN d.repository_id IS NULL THEN d.installation_id = ANY($2::bigint[])
    WHEN d.repository_id < 0 THEN ($3::bigint[] IS NULL OR d.repository_id = ANY($3))
    ELSE d.installation_id = ANY($2::bigint[])
         AND ($3::bigint[] IS NULL OR d.repository_id = ANY($3)) END)"""


async def delivery_log(
    conn: asyncpg.Pool | asyncpg.Connection,
    visible: Visibility | None,
    *,
    repository_id: int | None = None,
    state: str | None = None,
    before_id: int | None = None,
    limit: int = 50,
) -> list[asyncpg.Record]:
    """The deliveries ``visible`` reads, newest first; ``visible`` None: every delivery
    (administrators, the deliveries of removed installations included). ``repository_id``:
    only that repository's."""
    rows: list[asyncpg.Record] = await conn.fetch(
        f"""
        SELECT d.id, d.event, d.installation_id, d.repository_id, d.repository_full_name,
               d.source, d.target_type, d.state, d.attempts, d.last_status, d.last_error,
               d.next_attempt_at, d.created_at, d.delivered_at,
               COALESCE((SELECT json_agg(json_build_object(
                   'attempt', a.attempt, 'status', a.status, 'error', a.error,
                   'duration_ms', a.duration_ms, 'attempted_at', a.attempted_at)
                   ORDER BY a.attempt)
                 FROM notification_attempts a WHERE a.delivery_id = d.id), '[]') AS log
        FROM notification_deliveries d
        WHERE {_DELIVERY_READABLE}
          AND ($4::bigint IS NULL OR d.repository_id = $4)
          AND ($5::text IS NULL OR d.state = $5)
          AND ($6::bigint IS NULL OR d.id < $6)
        ORDER BY d.id DESC LIMIT $7
        """,  # noqa: S608  (a constant; values travel as arguments)
        visible is None,
        [] if visible is None else visible.installation_list,
        None if visible is None else visible.repository_list,
        repository_id,
        state,
        before_id,
        limit,
    )
    return rows


async def counts_by_state(conn: asyncpg.Pool | asyncpg.Connection) -> dict[str, int]:
    rows = await conn.fetch(
        "SELECT state, count(*) AS n FROM notification_deliveries GROUP BY state"
    )
    return {row["state"]: int(row["n"]) for row in rows}

"""Whether a dashboard user administers an installation, as GitHub last said (a cache, re-asked
after the dashboard's access TTL; see ``dashboard/installation_admins.py``)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from app.store.dashboard_users import Conn


@dataclass(frozen=True)
class AdminCheck:
    is_admin: bool
    checked_at: datetime


@dataclass(frozen=True)
class InstallationAccount:
    login: str
    account_id: int | None
    account_type: str | None  # "User" or "Organization"


async def last_check(conn: Conn, user_id: int, installation_id: int) -> AdminCheck | None:
    row = await conn.fetchrow(
        "SELECT is_admin, checked_at FROM installation_admin_checks "
        "WHERE user_id = $1 AND installation_id = $2",
        user_id,
        installation_id,
    )
    return None if row is None else AdminCheck(row["is_admin"], row["checked_at"])


async def record_check(conn: Conn, user_id: int, installation_id: int, is_admin: bool) -> None:
    await conn.execute(
        """
        INSERT INTO installation_admin_checks (user_id, installation_id, is_admin)
        VALUES ($1, $2, $3)
        ON CONFLICT (user_id, installation_id) DO UPDATE SET
            is_admin = EXCLUDED.is_admin, checked_at = now()
        """,
        user_id,
        installation_id,
        is_admin,
    )


async def account_of(conn: Conn, installation_id: int) -> InstallationAccount | None:
    row = await conn.fetchrow(
        "SELECT account_login, account_id, account_type FROM installations "
        "WHERE id = $1 AND deleted_at IS NULL",
        installation_id,
    )
    if row is None:
        return None
    return InstallationAccount(row["account_login"], row["account_id"], row["account_type"])

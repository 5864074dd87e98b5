"""Language-model token usage per installation and UTC day: the PostgreSQL side of the docs
agent's :class:`~app.agents.docs.store.TokenBudget` protocol (it matches it by shape; the agent
does not import the store).

The budget is soft: two jobs of one installation may both pass the check before either charges,
so a day can end slightly over its limit — never by more than one request per running job."""

from __future__ import annotations

from dataclasses import dataclass

import asyncpg  # type: ignore[import-untyped,unused-ignore]


@dataclass(frozen=True)
class UsageRow:
    installation_id: int
    model: str
    tokens: int
    calls: int


class PostgresTokenBudget:
    def __init__(self, pool: asyncpg.Pool, daily_limit: int | None = None) -> None:
        self.pool = pool
        self.daily_limit = daily_limit

    async def used_today(self, installation_id: int) -> int:
        used = await self.pool.fetchval(
            "SELECT COALESCE(SUM(tokens), 0) FROM llm_usage "
            "WHERE installation_id = $1 AND day = (now() AT TIME ZONE 'UTC')::date",
            installation_id,
        )
        return int(used)

    async def remaining(self, installation_id: int) -> int | None:
        if self.daily_limit is None:
            return None
        return max(0, self.daily_limit - await self.used_today(installation_id))

    async def charge(self, installation_id: int, model: str, tokens: int) -> None:
        await self.pool.execute(
            """
            INSERT INTO llm_usage (installation_id, day, model, tokens, calls)
            VALUES ($1, (now() AT TIME ZONE 'UTC')::date, $2, $3, 1)
            ON CONFLICT (installation_id, day, model) DO UPDATE SET
                tokens = llm_usage.tokens + EXCLUDED.tokens,
                calls = llm_usage.calls + 1,
                updated_at = now()
            """,
            installation_id,
            model,
            max(0, tokens),
        )


async def usage_today(pool: asyncpg.Pool) -> list[UsageRow]:
    """Today's usage of every installation and model, for the ``/metrics`` gauges."""
    rows = await pool.fetch(
        "SELECT installation_id, model, tokens, calls FROM llm_usage "
        "WHERE day = (now() AT TIME ZONE 'UTC')::date ORDER BY installation_id, model"
    )
    return [
        UsageRow(row["installation_id"], row["model"], int(row["tokens"]), row["calls"])
        for row in rows
    ]

"""What a failing matrix row says: the forge that lacks the feature, what the row saw, and every
job that ran with what it decided (status, conclusion, deploy, upgrade) or the error that stopped
it."""

from __future__ import annotations

import json

import asyncpg  # type: ignore[import-untyped,unused-ignore]

from tests.matrix.drivers import ForgeDriver

OUTCOME_KEYS = ("status", "conclusion", "deploy", "upgrade")


async def why(pool: asyncpg.Pool) -> str:
    """The jobs that ran, what they decided, and the errors of those that did not succeed."""
    rows = await pool.fetch("SELECT kind, status, output, error FROM jobs ORDER BY created_at")
    described = []
    for row in rows:
        output = json.loads(row["output"]) if row["output"] else {}
        decided = {k: output[k] for k in OUTCOME_KEYS if isinstance(output, dict) and k in output}
        error = f" {(row['error'] or '')[:300]}" if row["status"] != "succeeded" else ""
        described.append(f"{row['kind']} {row['status']}{error}{f' {decided}' if decided else ''}")
    return "jobs: " + ("; ".join(described) or "none ran")


async def lacks(driver: ForgeDriver, pool: asyncpg.Pool, feature: str, seen: object) -> str:
    return f"{driver.forge} lacks {feature}: saw {seen!r}; {await why(pool)}"

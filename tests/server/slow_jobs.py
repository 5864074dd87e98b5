"""A test-only job kind, loaded by worker processes with ``--jobs-module tests.server.slow_jobs``.

``test_blocking`` records its effect once (an ``audit_log`` row, through ``ctx.step``), then, on
its first run only, blocks until the test pushes to its release list in Redis. A test can thus
hold a job mid-way, kill or stop its worker, and watch what happens to the job.
"""

from __future__ import annotations

from typing import Any

from jobs.queue.context import JobContext
from jobs.queue.registry import JobRegistry

BLOCKING_KIND = "test_blocking"


def release_key(job_id: str) -> str:
    return f"test:release:{job_id}"


def register_jobs(registry: JobRegistry) -> None:
    registry.register(BLOCKING_KIND, blocking)


async def blocking(ctx: JobContext) -> dict[str, Any]:
    await ctx.step("effect", lambda: _record_effect(ctx))
    if ctx.attempt == 1:
        await ctx.redis.blpop([release_key(ctx.job_id)], timeout=60)
    return {"attempt": ctx.attempt}


async def _record_effect(ctx: JobContext) -> int:
    effect_id: int = await ctx.pool.fetchval(
        "INSERT INTO audit_log (actor, action, job_id) VALUES ('test', 'test.effect', $1) "
        "RETURNING id",
        ctx.job_id,
    )
    return effect_id

"""The daily token budget in PostgreSQL, per installation and model."""

from __future__ import annotations

import asyncpg

from app.store.llm_usage import PostgresTokenBudget, usage_today


async def test_charges_add_up_per_installation_and_day(db_pool: asyncpg.Pool) -> None:
    budget = PostgresTokenBudget(db_pool, daily_limit=1000)

    await budget.charge(42, "openai/gpt-4o-mini", 300)
    await budget.charge(42, "ollama/llama3", 200)
    await budget.charge(42, "openai/gpt-4o-mini", 100)
    await budget.charge(7, "openai/gpt-4o-mini", 50)

    assert await budget.remaining(42) == 400
    assert await budget.remaining(7) == 950
    assert [
        (r.installation_id, r.model, r.tokens, r.calls) for r in await usage_today(db_pool)
    ] == [
        (7, "openai/gpt-4o-mini", 50, 1),
        (42, "ollama/llama3", 200, 1),
        (42, "openai/gpt-4o-mini", 400, 2),
    ]


async def test_a_spent_budget_has_nothing_left_and_no_limit_means_none(
    db_pool: asyncpg.Pool,
) -> None:
    await PostgresTokenBudget(db_pool, daily_limit=100).charge(1, "m", 250)

    assert await PostgresTokenBudget(db_pool, daily_limit=100).remaining(1) == 0
    assert await PostgresTokenBudget(db_pool).remaining(1) is None

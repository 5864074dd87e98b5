"""Answering a question about a repository's indexed code, streamed, with its history row: the
``/vibe ask`` job (:mod:`jobs.flows.ask`), the dashboard's assistant page and ``/api/v1`` share it.
Citations link to the repository's forge; model tokens are charged to its budget."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncGenerator, AsyncIterator
from dataclasses import dataclass

import asyncpg  # type: ignore[import-untyped,unused-ignore]

from app.agents.assistant.models import Answer, AnswerEvent, CodeChunk
from app.agents.assistant.stream import AssistantRun, Repository, answer_stream
from app.agents.docs.store import FileCompletionCache
from app.github.endpoints import GitHubEndpoints
from app.language_model import count_model_calls, model_config
from app.metrics import Metrics
from app.models.repository_key import forge_of
from app.search.code import PostgresCodeSearch
from app.settings import Settings
from app.store import chat as chat_store
from app.store.llm_usage import PostgresTokenBudget

RETRIEVED_CHUNKS = 6


@dataclass(frozen=True)
class AskTarget:
    """The repository asked about: our key (which says the forge) and its full name. Model
    tokens are charged to the installation on GitHub, to the project (its key) on GitLab."""

    installation_id: int | None
    repository_id: int
    full_name: str

    @property
    def budget_key(self) -> int:
        return self.installation_id if self.installation_id is not None else self.repository_id


def web_url(settings: Settings, repository_id: int) -> str:
    """The host citations link to: GitHub's web host, or the GitLab instance."""
    if forge_of(repository_id) == "gitlab":
        return settings.gitlab_url.rstrip("/")
    return GitHubEndpoints.from_settings(settings).web_url


async def retrieve(pool: asyncpg.Pool, repository_id: int, question: str) -> list[CodeChunk]:
    hits = await PostgresCodeSearch(pool).search(repository_id, question, RETRIEVED_CHUNKS)
    return [
        CodeChunk(h.path, h.start_line, h.end_line, h.content, h.language, h.blob_sha) for h in hits
    ]


async def ask_stream(
    pool: asyncpg.Pool,
    settings: Settings,
    target: AskTarget,
    question: str,
    message_id: int,
    *,
    metrics: Metrics | None = None,
) -> AsyncGenerator[AnswerEvent, None]:
    """Answer the recorded question ``message_id``, stream it, and keep the answer with it."""
    state = await chat_store.index_state(pool, target.repository_id)
    chunks = await retrieve(pool, target.repository_id, question) if state is not None else []
    repository = Repository(
        web_url=web_url(settings, target.repository_id),
        full_name=target.full_name,
        sha=state["commit_sha"] if state is not None else "HEAD",
        forge=forge_of(target.repository_id),
    )
    run = AssistantRun()
    stream = answer_stream(
        question,
        chunks,
        repository,
        model_config(settings, target.budget_key),
        cache=FileCompletionCache(settings.data_dir / "docs" / "cache"),
        budget=PostgresTokenBudget(pool, settings.llm_daily_tokens),
        run=run,
    )
    finished = False
    try:
        async for event in stream:
            yield event
        finished = True
    finally:
        count_model_calls(metrics, run.calls)
        answer = run.answer
        # A reader who left mid-answer still finds what was written so far in the history.
        await asyncio.shield(
            chat_store.record_answer(
                pool,
                message_id,
                answer=answer.text,
                citations=[c.to_json() for c in answer.citations],
                writer=answer.writer or "unfinished",
                state="answered" if finished and answer.text else "failed",
            )
        )


async def collect(events: AsyncIterator[AnswerEvent]) -> Answer:
    answer = Answer()
    async for event in events:
        answer.add(event)
    return answer

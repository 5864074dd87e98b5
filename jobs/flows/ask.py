"""``ask``: ``/vibe ask <question>`` in a pull request or issue comment, answered in a reply.

Anyone who may read the repository may ask (the command job checked it), but each person gets
at most :data:`~app.agents.assistant.limits.ASKS_PER_HOUR` questions an hour per repository,
counted over the comment, the dashboard page and the API together: every answer may cost model
tokens.

Also here, because the job, the push scan and the dashboard share them: indexing the default
branch's code into chunks (a file whose blob did not change is not read again) and the answer
stream with its history row (:func:`ask_stream`).
"""

from __future__ import annotations

import asyncio
from collections.abc import AsyncGenerator, AsyncIterator
from dataclasses import dataclass
from pathlib import Path

import asyncpg  # type: ignore[import-untyped,unused-ignore]
import pygit2

from app.agents.assistant.chunks import chunk_file
from app.agents.assistant.limits import ASKS_PER_HOUR, MAX_QUESTION_CHARS, rate_limited
from app.agents.assistant.models import Answer, AnswerEvent, CodeChunk
from app.agents.assistant.stream import AssistantRun, Repository, answer_stream
from app.agents.docs.store import FileCompletionCache
from app.agents.reviewer.checks import neutralise
from app.github import comments
from app.github.endpoints import GitHubEndpoints
from app.metrics import Metrics
from app.printable import storable
from app.search.code import PostgresCodeSearch
from app.settings import Settings
from app.store import chat as chat_store
from app.store import jobs as jobs_store
from app.store.llm_usage import PostgresTokenBudget
from jobs.flows.language_model import count_model_calls, model_config
from jobs.flows.permissions import ensure_allowed
from jobs.forges.github.session import call, open_forge
from jobs.git.clone import CloneError, FetchRequest, MirrorStore, branch_refspecs, resolve
from jobs.queue.context import JobContext, JobOutput, SkipJob, TransientJobError
from jobs.queue.kinds import JobKind, JobRequest
from jobs.queue.outbox import enqueue
from jobs.queue.registry import JobRegistry

ASK_TIMEOUT_S = 300.0
MAX_FILES = 5000
RETRIEVED_CHUNKS = 6


def register_jobs(registry: JobRegistry) -> None:
    registry.register(JobKind.ASK, run_ask, timeout_s=ASK_TIMEOUT_S)


# -- indexing ------------------------------------------------------------------------------


@dataclass(frozen=True)
class IndexReport:
    commit_sha: str
    files_read: int  # files whose blob was new or changed
    files_removed: int
    chunks: int  # chunks indexed in all, after this run


def tree_blobs(mirror: Path, sha: str) -> dict[str, str]:
    """``path -> blob sha`` of the regular files of a commit (blocking)."""
    repo = pygit2.Repository(str(mirror))
    tree = repo[sha].peel(pygit2.Commit).tree
    found: dict[str, str] = {}
    pending: list[tuple[str, pygit2.Tree]] = [("", tree)]
    while pending and len(found) < MAX_FILES:
        prefix, current = pending.pop()
        for entry in current:
            path = f"{prefix}{entry.name}"
            if entry.type_str == "tree":
                pending.append((path + "/", repo[entry.id].peel(pygit2.Tree)))
            elif entry.type_str == "blob" and entry.filemode != pygit2.enums.FileMode.LINK:
                # Shown and stored as people see it: a name that is not UTF-8 escaped.
                found[storable(path)] = str(entry.id)
    return found


def read_chunks(mirror: Path, blobs: dict[str, str]) -> list[CodeChunk]:
    """The chunks of the given files (blocking)."""
    repo = pygit2.Repository(str(mirror))
    chunks: list[CodeChunk] = []
    for path, blob_sha in sorted(blobs.items()):
        data = repo[blob_sha].peel(pygit2.Blob).data
        chunks.extend(chunk_file(path, data, blob_sha))
    return chunks


async def index_code(
    pool: asyncpg.Pool, mirror: Path, *, repository_id: int, full_name: str, sha: str
) -> IndexReport:
    """Bring the repository's chunks to ``sha``: only new or changed blobs are read."""
    current = await asyncio.to_thread(tree_blobs, mirror, sha)
    indexed = await chat_store.indexed_blobs(pool, repository_id)
    changed = {path: blob for path, blob in current.items() if indexed.get(path) != blob}
    removed = [path for path in indexed if path not in current]
    chunks = await asyncio.to_thread(read_chunks, mirror, changed)
    total = await chat_store.replace_chunks(
        pool,
        repository_id=repository_id,
        full_name=full_name,
        commit_sha=sha,
        removed_paths=[*removed, *(path for path in changed if path in indexed)],
        chunks=[
            chat_store.ChunkRow(c.path, c.blob_sha, c.language, c.start_line, c.end_line, c.content)
            for c in chunks
        ],
    )
    return IndexReport(sha, len(changed), len(removed), total)


# -- answering -----------------------------------------------------------------------------


@dataclass(frozen=True)
class AskTarget:
    installation_id: int
    repository_id: int
    full_name: str


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
        web_url=GitHubEndpoints.from_settings(settings).web_url,
        full_name=target.full_name,
        sha=state["commit_sha"] if state is not None else "HEAD",
    )
    run = AssistantRun()
    stream = answer_stream(
        question,
        chunks,
        repository,
        model_config(settings, target.installation_id),
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


def rate_limit_text(user: str) -> str:
    return (
        f"Sorry @{user}, you asked {ASKS_PER_HOUR} questions about this repository in the last "
        "hour, the most each person may. Ask again later.\n"
    )


def comment_body(question: str, answer: Answer, commit_sha: str | None) -> str:
    """The reply: the question quoted, the answer as inert markdown (no commands, no
    mentions), the sources with links, and who wrote it."""
    quoted = "\n".join("> " + line for line in neutralise(question).splitlines()[:10])
    lines = [quoted, "", neutralise(answer.text), ""]
    if answer.citations:
        lines += ["**Sources**", ""]
        lines += [
            f"- [`{c.path}` lines {c.start_line}-{c.end_line}]({c.url})" for c in answer.citations
        ]
        lines.append("")
    if answer.errors:
        lines += [f"_Note: {neutralise(error)}_" for error in answer.errors] + [""]
    at = f" at `{commit_sha[:12]}`" if commit_sha else ""
    lines.append(
        f"<sub>Answered by {answer.writer or 'offline'} from the default branch{at}. "
        "Ask with `/vibe ask <question>`.</sub>"
    )
    return "\n".join(lines) + "\n"


# -- the job -------------------------------------------------------------------------------


def ask_request(request: JobRequest, question: str) -> JobRequest:
    """The ``ask`` job of a command comment (one per delivery: a retry adds none)."""
    return JobRequest(
        kind=JobKind.ASK,
        delivery_id=request.delivery_id,
        event=request.event,
        installation_id=request.installation_id,
        repository=request.repository,
        repository_id=request.repository_id,
        pull_number=request.pull_number,
        comment_id=request.comment_id,
        sender=request.sender,
        extra={"question": question[:MAX_QUESTION_CHARS]},
    )


async def request_ask(ctx: JobContext, question: str) -> bool:
    job = ask_request(ctx.request, question)
    return await enqueue(
        ctx.redis, job.job_id, job.kind, job.to_args(), queue_name=ctx.redis.default_queue_name
    )


async def run_ask(ctx: JobContext) -> JobOutput:
    request = ctx.request
    if request.installation_id is None or request.repository is None:
        raise SkipJob("the request names no installation or repository")
    if request.pull_number is None:
        raise SkipJob("the request names no issue or pull request to reply on")
    question = str(request.extra.get("question") or "").strip()
    if not question:
        raise SkipJob("the request carries no question")
    await ensure_allowed(ctx)
    payload = await ctx.delivery_payload() or {}
    repository = payload.get("repository") or {}
    repository_id = request.repository_id or repository.get("id")
    if repository_id is None:
        raise SkipJob("the payload names no repository id")
    default_branch = str(repository.get("default_branch") or "main")
    owner, name = request.repository.split("/", 1)
    number = request.pull_number
    user = request.sender or ""
    full_name = request.repository
    installation_id = request.installation_id
    async with open_forge(ctx.settings, installation_id) as forge:
        gh = forge.installation

        async def reply(body: str) -> int:
            posted = await call(lambda: comments.create_comment(gh, owner, name, number, body))
            return int(posted["id"])

        asked = await chat_store.questions_last_hour(ctx.pool, int(repository_id), user)
        if rate_limited(asked) and not await _answered_already(ctx):
            await ctx.step("reply", lambda: reply(rate_limit_text(user)))
            return {"status": "rate limited", "asked": asked}
        fetch = FetchRequest(
            clone_url=gh.clone_url(full_name),
            full_name=full_name,
            refspecs=branch_refspecs(default_branch),
            token=await call(gh.token),
        )
        try:
            mirror = await MirrorStore(ctx.settings.data_dir / "mirrors").fetch(fetch)
        except CloneError as exc:
            raise TransientJobError(str(exc)) from exc
        sha = await asyncio.to_thread(_head, mirror, default_branch)
        report = await index_code(
            ctx.pool, mirror, repository_id=int(repository_id), full_name=full_name, sha=sha
        )
        target = AskTarget(installation_id, int(repository_id), full_name)

        async def answer() -> dict[str, object]:
            message_id = await chat_store.record_question(
                ctx.pool,
                repository_id=target.repository_id,
                user_login=user,
                source="comment",
                question=question,
            )
            events = ask_stream(
                ctx.pool, ctx.settings, target, question, message_id, metrics=ctx.metrics
            )
            collected = await collect(events)
            return {
                "body": comment_body(question, collected, sha),
                "writer": collected.writer,
                "citations": len(collected.citations),
            }

        # Once per job: a retry after the answer does not ask (and pay) again.
        answered = await ctx.step("answer", answer)
        comment_id = await ctx.step("reply", lambda: reply(str(answered["body"])))
    return {
        "status": "answered",
        "comment_id": comment_id,
        "writer": answered["writer"],
        "citations": answered["citations"],
        "indexed_files": report.files_read,
        "head_sha": sha,
    }


async def _answered_already(ctx: JobContext) -> bool:
    """A retry of a job that already answered is not refused by its own question."""
    done, _ = await jobs_store.step_result(ctx.pool, ctx.job_id, "answer")
    return bool(done)


def _head(mirror: Path, branch: str) -> str:
    return str(resolve(pygit2.Repository(str(mirror)), f"refs/heads/{branch}").id)

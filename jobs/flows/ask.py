"""``ask`` and ``gitlab_ask``: ``/vibe ask <question>`` in a comment or note on a change request
or an issue, answered in a reply there from the default branch's code.

Anyone who may read the repository may ask (the command job checked it), but each person gets
at most :data:`~app.agents.assistant.limits.ASKS_PER_HOUR` questions an hour per repository,
counted over the comment, the dashboard page and the API together: every answer may cost model
tokens.

Also here, because the job and the push scan share it: indexing the default branch's code into
chunks (a file whose blob did not change is not read again). The answer stream with its history
row is :func:`app.assistant.answers.ask_stream`.
"""

from __future__ import annotations

import asyncio
from dataclasses import dataclass, replace
from pathlib import Path

import asyncpg  # type: ignore[import-untyped,unused-ignore]
import pygit2

from app.agents.assistant.chunks import chunk_file
from app.agents.assistant.limits import ASKS_PER_HOUR, MAX_QUESTION_CHARS, rate_limited
from app.agents.assistant.models import Answer, CodeChunk
from app.agents.reviewer.checks import neutralise
from app.assistant.answers import AskTarget, ask_stream, collect
from app.printable import storable
from app.store import chat as chat_store
from app.store import jobs as jobs_store
from jobs.flows.triggers import commanded_job
from jobs.forges.opening import open_repository
from jobs.git.clone import CloneError, MirrorStore, branch_refspecs, resolve
from jobs.queue.context import JobContext, JobOutput, SkipJob, TransientJobError
from jobs.queue.kinds import JobKind, JobRequest, forge_of_kind
from jobs.queue.outbox import enqueue
from jobs.queue.registry import JobRegistry

ASK_TIMEOUT_S = 300.0
MAX_FILES = 5000


def register_jobs(registry: JobRegistry) -> None:
    registry.register(JobKind.ASK, run_ask, timeout_s=ASK_TIMEOUT_S)
    registry.register(JobKind.GITLAB_ASK, run_ask, timeout_s=ASK_TIMEOUT_S)


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


def rate_limit_text(user: str) -> str:
    return (
        f"Sorry @{user}, you asked {ASKS_PER_HOUR} questions about this repository in the last "
        "hour, the most each person may. Ask again later.\n"
    )


def answer_marker(comment_id: int | None, delivery_id: str) -> str:
    """The hidden line that ties an answer to its question's comment (or delivery)."""
    asked = f"comment={comment_id}" if comment_id is not None else f"delivery={delivery_id}"
    return f"<!-- vibe:ask {asked.replace('-->', '')} -->"


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
    """The ask job of a command comment, on the command's forge (one per delivery: a retry
    adds none)."""
    kind = JobKind.GITLAB_ASK if forge_of_kind(request.kind) == "gitlab" else JobKind.ASK
    return replace(
        commanded_job(request, kind),
        pull_number=request.pull_number,
        comment_id=request.comment_id,
        extra={
            "question": question[:MAX_QUESTION_CHARS],
            "is_pull_request": bool(request.extra.get("is_pull_request", True)),
        },
    )


async def request_ask(ctx: JobContext, question: str) -> bool:
    job = ask_request(ctx.request, question)
    return await enqueue(
        ctx.redis, job.job_id, job.kind, job.to_args(), queue_name=ctx.redis.default_queue_name
    )


async def run_ask(ctx: JobContext) -> JobOutput:
    request = ctx.request
    if request.pull_number is None:
        raise SkipJob("the request names no issue or change request to reply on")
    question = str(request.extra.get("question") or "").strip()
    if not question:
        raise SkipJob("the request carries no question")
    number, user = request.pull_number, request.sender or ""
    on_issue = not request.extra.get("is_pull_request", True)
    async with open_repository(ctx) as repo:
        conversation = repo.conversation()

        async def reply(body: str) -> int:
            return await conversation.reply(number, body, on_issue=on_issue)

        asked = await chat_store.questions_last_hour(ctx.pool, repo.repository_id, user)
        if rate_limited(asked) and not await _answered_already(ctx):
            await ctx.step("reply", lambda: reply(rate_limit_text(user)))
            return {"status": "rate limited", "asked": asked}
        default_branch = await repo.default_branch()
        fetch = await repo.fetch_request(branch_refspecs(default_branch))
        try:
            mirror = await MirrorStore(ctx.settings.data_dir / "mirrors").fetch(fetch)
        except CloneError as exc:
            raise TransientJobError(str(exc)) from exc
        sha = await asyncio.to_thread(_head, mirror, default_branch)
        report = await index_code(
            ctx.pool, mirror, repository_id=repo.repository_id, full_name=repo.full_name, sha=sha
        )
        target = AskTarget(repo.installation_id, repo.repository_id, repo.full_name)

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

        async def post_answer(body: str) -> int:
            # A job that died between posting and recording finds its answer by the marker.
            marker = answer_marker(request.comment_id, request.delivery_id)
            found = await conversation.find_marked(number, marker, on_issue=on_issue)
            return found.id if found is not None else await reply(f"{body}{marker}\n")

        # Once per job: a retry after the answer does not ask (and pay) again, nor post again.
        answered = await ctx.step("answer", answer)
        comment_id = await ctx.step("reply", lambda: post_answer(str(answered["body"])))
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

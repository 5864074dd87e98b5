"""``docs`` and ``gitlab_docs``: the documentation agent's pull (merge) request, on its own queue
(``vibe worker --queue docs``, the worker that may sit next to a GPU for a local model).

Asked for by a push to the default branch (the job reads ``.github/vibe.yml`` at the pushed commit
and does nothing unless it says ``docs: true``), or by ``/vibe docs`` in a pull request comment or
merge request note (which needs no setting). The job fetches the default branch's head through the
mirror, runs the docs agent on it (the model chain when ``VIBE_LLM_MODEL`` is set and the daily
token budget of the installation, or of the GitLab project under its key, allows; the offline
writer otherwise) and proposes the edits on branch ``vibe/docs`` through the repository's edge
(:mod:`app.proposals`' rules): one change request, updated in place, never re-proposed once
declined. Nothing to change, no change request.

Idempotent by repository and commit: a second job for a commit whose documentation was already
proposed is skipped, whichever delivery asked for it.
"""

from __future__ import annotations

import asyncio
import dataclasses
import tempfile
from collections.abc import Mapping
from pathlib import Path
from typing import Any

import pygit2

from app import tracing
from app.agents.docs.agent import DocsOptions, generate_docs
from app.agents.docs.linked import without_tree_links
from app.agents.docs.result import DocsResult, pull_request_body
from app.agents.docs.source import read_tree
from app.agents.docs.store import FileCompletionCache
from app.agents.scanner.scan import scan
from app.language_model import count_model_calls, model_config
from app.models.config import CONFIG_PATH, RepoConfig
from app.models.repository_key import ForgeName
from app.printable import printable
from app.proposals import Proposal
from app.reporting.markdown import code_span
from app.store import docs_runs
from app.store.llm_usage import PostgresTokenBudget
from app.tree_paths import entry_refusal
from jobs.flows.default_branch import config_at, fetch_branch, head_to_propose, outcome_output
from jobs.flows.triggers import COMMAND_TRIGGER, commanded_job
from jobs.forges.opening import open_repository
from jobs.queue.context import JobContext, JobOutput, SkipJob
from jobs.queue.kinds import DOCS_QUEUE, JobKind, forge_of_kind
from jobs.queue.outbox import enqueue
from jobs.queue.registry import JobRegistry

DOCS_BRANCH = "vibe/docs"
DOCS_TITLE = "Update the documentation"
DOCS_TIMEOUT_S = 1800.0
DOCS_KINDS: Mapping[ForgeName, JobKind] = {"github": JobKind.DOCS, "gitlab": JobKind.GITLAB_DOCS}


def register_jobs(registry: JobRegistry) -> None:
    for kind in DOCS_KINDS.values():
        registry.register(kind, run_docs, timeout_s=DOCS_TIMEOUT_S)


async def request_docs(ctx: JobContext) -> bool:
    """Queue the docs job of this ``/vibe docs`` command, on the command's forge (its id: the
    delivery's, so a retry of the command's job adds none)."""
    docs = commanded_job(ctx.request, DOCS_KINDS[forge_of_kind(ctx.request.kind)])
    await enqueue(ctx.redis, docs.job_id, docs.kind, docs.to_args(), queue_name=DOCS_QUEUE)
    return True


async def run_docs(ctx: JobContext) -> JobOutput:
    request = ctx.request
    commanded = request.extra.get("trigger") == COMMAND_TRIGGER
    async with open_repository(ctx) as repository:
        default_branch = await repository.default_branch()
        if not commanded and request.head_ref != default_branch:
            raise SkipJob(f"{request.head_ref} is not the default branch ({default_branch})")
        head_sha = head_to_propose(
            request.head_sha,
            await repository.branch_head(default_branch),
            commanded=commanded,
            default_branch=default_branch,
        )
        config = await config_at(repository, head_sha)
        if not commanded and not config.docs_enabled:
            raise SkipJob(f"documentation is not enabled in {CONFIG_PATH} (docs: true)")
        # By kind too: a GitLab project's path may equal a GitHub repository's.
        earlier = await docs_runs.proposed_for(
            ctx.pool, repository.full_name, head_sha, ctx.job_id, kind=request.kind
        )
        if earlier is not None:
            raise SkipJob(f"the documentation of {head_sha[:12]} was already proposed ({earlier})")
        mirror = await fetch_branch(ctx.settings, repository, default_branch)
        name = repository.full_name.rsplit("/", 1)[-1]
        result = await generate_at_commit(
            ctx, mirror, head_sha, name, config, repository.budget_key
        )
        count_model_calls(ctx.metrics, result.summary.calls)
        output = docs_output(head_sha, result)
        if not result.edits:
            return {**output, "status": "nothing to change"}
        proposal = docs_proposal(result, default_branch, head_sha)

        async def send() -> dict[str, Any]:
            return outcome_output(await repository.propose(proposal), repository.change_noun)

        return {**output, **await ctx.step("propose", send)}


def docs_output(head_sha: str, result: DocsResult) -> dict[str, Any]:
    """What a docs job wrote, for its output."""
    return {
        "head_sha": head_sha,
        "files": [edit.path for edit in result.edits],
        "sections": result.summary.sections_written,
        "dropped_sentences": result.summary.dropped_sentences,
        "tokens": result.summary.tokens_used,
        "writer": result.summary.writer,
    }


def docs_proposal(result: DocsResult, base: str, base_sha: str) -> Proposal:
    files = "\n".join(f"- {code_span(edit.path)}" for edit in result.edits)
    # Warnings and dropped sentences quote the repository's paths and the model's text.
    shown = dataclasses.replace(
        result.summary,
        warnings=[printable(warning) for warning in result.summary.warnings],
        dropped_examples=[printable(example) for example in result.summary.dropped_examples],
    )
    body = pull_request_body(shown) + "\nFiles changed:\n\n" + files + "\n"
    return Proposal(
        branch=DOCS_BRANCH,
        base=base,
        title=DOCS_TITLE,
        body=body,
        changes={edit.path: edit.new_content.encode("utf-8") for edit in result.edits},
        commit_message=f"{DOCS_TITLE}\n\nWritten by VibeIntelligence's documentation agent.",
        base_sha=base_sha,
    )


async def generate_at_commit(
    ctx: JobContext, mirror: Path, head_sha: str, name: str, config: RepoConfig, budget_key: int
) -> DocsResult:
    """The docs agent on commit ``head_sha`` of the mirror. ``budget_key`` is whose daily token
    budget the model path charges (:attr:`~jobs.forges.base.RepositoryEdge.budget_key`)."""
    docs = config.docs
    options = DocsOptions(
        model=model_config(ctx.settings, budget_key),
        docstrings=docs.docstrings if docs is not None else True,
        max_docstrings=docs.max_docstrings if docs is not None else 100,
    )
    docs_dir = ctx.settings.data_dir / "docs"
    with tempfile.TemporaryDirectory(prefix="vibe-docs-") as scratch:
        # The project is named after its directory when its manifests name none.
        root = Path(scratch) / name
        links = await asyncio.to_thread(export_commit, mirror, head_sha, root)
        with tracing.span("agent scanner"):
            report = await asyncio.to_thread(scan, root)
        tree = await asyncio.to_thread(read_tree, root)
        with tracing.span("agent docs", attributes={"vibe.head_sha": head_sha}):
            result = await generate_docs(
                tree,
                report,
                options,
                cache=FileCompletionCache(docs_dir / "cache"),
                budget=PostgresTokenBudget(ctx.pool, ctx.settings.llm_daily_tokens),
            )
        # A link in the tree was not exported, so the agent took its path for a missing file:
        # proposing one there would replace the link, which is the repository's to decide.
        return without_tree_links(result, links)


def export_commit(mirror: Path, sha: str, target: Path) -> set[str]:
    """Write the regular files of commit ``sha`` under ``target`` (blocking); the paths of the
    symbolic links left out, so that no edit is proposed at or under one.

    Symbolic links and submodules are left out: the agent reads code, it never follows a link
    out of the tree."""
    repo = pygit2.Repository(str(mirror))
    tree = repo[sha].peel(pygit2.Tree)
    target.mkdir(parents=True, exist_ok=True)
    links: set[str] = set()
    _export_tree(repo, tree, target, "", links)
    return links


def _export_tree(
    repo: pygit2.Repository, tree: pygit2.Tree, directory: Path, prefix: str, links: set[str]
) -> None:
    for entry in tree:
        name = entry.name or ""
        if entry_refusal(name) is not None:  # `..`, `.GIT`, `a\\b`: never a path on disk
            continue
        if entry.filemode == pygit2.enums.FileMode.LINK:
            links.add(prefix + name)
            continue
        child = repo[entry.id] if entry.type_str in ("blob", "tree") else None
        if isinstance(child, pygit2.Tree):
            (directory / name).mkdir(exist_ok=True)
            _export_tree(repo, child, directory / name, f"{prefix}{name}/", links)
        elif isinstance(child, pygit2.Blob):
            (directory / name).write_bytes(child.data)

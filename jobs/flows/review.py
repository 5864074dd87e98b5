"""``review`` and ``describe``: the AI review of a pull or merge request, and its description
section, on either forge (kinds ``review``/``describe`` on GitHub, ``gitlab_review``/
``gitlab_describe`` on GitLab).

Asked for by ``/vibe review`` / ``/vibe describe`` on the change request (write permission on
GitHub, Developer access on GitLab, checked by the command job) or, for reviews, by the check of
a change request whose base branch's ``.github/vibe.yml`` says ``review: auto``.

The same reviewer on both (:mod:`app.agents.reviewer`: the model when ``VIBE_LLM_MODEL`` is set
and the budget allows, the offline reviewer otherwise, the analyzer's new findings either way),
on the head against its merge base in the mirror. A review is posted through the
:class:`~jobs.forges.reviews.ReviewsEdge` once per head, its body marked with the head sha: a
second run on the same head posts nothing, and after a new push only the lines that push changed
get comments. The model's answer can only become the text of that review: the job makes no other
write, whatever the diff or the model says. Describe edits only the marked section of the
description, read again right before writing.
"""

from __future__ import annotations

import asyncio
from contextlib import ExitStack
from dataclasses import dataclass
from pathlib import Path

import pygit2

from app import tracing
from app.agents.analyzer.commit_packs import commit_packs
from app.agents.analyzer.custom_packs import PackError
from app.agents.analyzer.engine import AnalysisOptions, default_cache_dir
from app.agents.analyzer.options import default_work_dir
from app.agents.docs.store import FileCompletionCache
from app.agents.reviewer.agent import (
    ReviewOptions,
    ReviewRun,
    review_changes,
    review_model_config,
)
from app.agents.reviewer.describe import describe_section, merge_description
from app.agents.reviewer.gitdiff import analyzed_input
from app.agents.reviewer.models import Review, ReviewInput
from app.agents.reviewer.render import comment_markdown, review_markdown
from app.language_model import count_model_calls, model_config
from app.logging import get_logger
from app.models.config import CONFIG_PATH, ConfigError, RepoConfig, load_repo_config
from app.settings import Settings
from app.store.llm_usage import PostgresTokenBudget
from jobs.flows.review_requests import AUTO_TRIGGER
from jobs.flows.triggers import COMMAND_TRIGGER
from jobs.forges.base import ChangeRequest, RepositoryEdge
from jobs.forges.opening import open_repository
from jobs.forges.reviews import InlineComment, review_marker
from jobs.git.mirror_fetch import fetch_mirror
from jobs.git.mirror_reads import changed_files
from jobs.queue.context import JobContext, JobOutput, SkipJob
from jobs.queue.kinds import JobKind
from jobs.queue.registry import JobRegistry

REVIEW_TIMEOUT_S = 900.0
log = get_logger("jobs.review")


def register_jobs(registry: JobRegistry) -> None:
    for review_kind in (JobKind.REVIEW, JobKind.GITLAB_REVIEW):
        registry.register(review_kind, run_review, timeout_s=REVIEW_TIMEOUT_S)
    for describe_kind in (JobKind.DESCRIBE, JobKind.GITLAB_DESCRIBE):
        registry.register(describe_kind, run_describe, timeout_s=REVIEW_TIMEOUT_S)


@dataclass(frozen=True)
class _Opened:
    change: ChangeRequest
    config: RepoConfig
    mirror: Path


async def _open_change(ctx: JobContext, repo: RepositoryEdge) -> _Opened:
    """The open change request the job names, its base branch's settings, and the mirror with
    its head and base fetched."""
    request = ctx.request
    if request.pull_number is None:
        raise SkipJob(f"the request names no {repo.change_noun}")
    number = request.pull_number
    reference = repo.change_reference(number)
    change = await repo.change_request(number)
    if change.state != "open":
        raise SkipJob(f"{repo.change_noun} {reference} is {change.state}")
    if request.head_sha is not None and request.head_sha != change.head_sha:
        # A newer push has its own check, which asks for its own review.
        raise SkipJob(f"{request.head_sha[:12]} is no longer the head of {reference}")
    config = await _config(repo, change.base_ref, request.extra.get("trigger"))
    fetch = await repo.fetch_request(repo.change_refspecs(number, change.base_ref))
    mirror = await fetch_mirror(ctx.settings, fetch)
    return _Opened(change, config, mirror)


async def _config(repo: RepositoryEdge, base_ref: str, trigger: object) -> RepoConfig:
    """The base branch's settings (a change request cannot change how it is reviewed). A broken
    file is the check's to report: a command goes on with the defaults, an automatic review
    does not run."""
    text = await repo.read_file(CONFIG_PATH, base_ref)
    config = RepoConfig()
    if text:
        try:
            config = load_repo_config(text.decode("utf-8", "replace"), CONFIG_PATH)
        except ConfigError as exc:
            if trigger != COMMAND_TRIGGER:
                raise SkipJob(str(exc)) from exc
    if trigger == AUTO_TRIGGER and config.review != "auto":
        raise SkipJob(f"automatic reviews are off ({CONFIG_PATH}: review: {config.review})")
    return config


def _input(opened: _Opened, settings: Settings) -> ReviewInput:
    change = opened.change
    return review_input_at(
        opened.mirror,
        change.head_sha,
        change.base_ref,
        opened.config,
        settings.data_dir,
        rules_dir=settings.rules_dir,
    )


def review_input_at(
    mirror: Path,
    head_sha: str,
    base_ref: str,
    config: RepoConfig,
    data_dir: Path,
    *,
    rules_dir: Path | None = None,
) -> ReviewInput:
    """The diff of ``head_sha`` since its merge base with branch ``base_ref`` and the analyzer's
    findings (the check's memo, when the check of this head already ran), on either forge.
    The custom rule packs are the check's: the base branch's ``rules.packs`` and ``rules_dir``
    (VIBE_RULES_DIR). Blocking."""
    repo = pygit2.Repository(str(mirror))
    head = repo[head_sha].peel(pygit2.Commit)
    base_tip = repo.revparse_single(f"refs/heads/{base_ref}").peel(pygit2.Commit)
    merge_base = str(repo.merge_base(head.id, base_tip.id) or base_tip.id)
    memo = data_dir / "cache" / "pr-analyses"
    with ExitStack() as stack:
        try:
            packs = stack.enter_context(
                commit_packs(repo, str(base_tip.id), config, data_dir=data_dir, rules_dir=rules_dir)
            )
        except PackError as exc:
            # The check fails on the broken pack and names it; the review goes on without the
            # custom packs, as it goes on with the defaults for a broken configuration.
            log.info("review without the custom rule packs", reason=str(exc))
            packs = ()
        options = AnalysisOptions(
            config=config,
            cache_dir=default_cache_dir(data_dir),
            work_dir=default_work_dir(data_dir),
            packs=packs,
        )
        return analyzed_input(repo, merge_base, str(head.id), options, memo)


async def run_reviewer(
    ctx: JobContext,
    review_input: ReviewInput,
    budget_key: int,
    allowed_lines: dict[str, frozenset[int]] | None = None,
) -> ReviewRun:
    """The reviewer agent, with the model chain when one is set; ``budget_key`` is whose daily
    token budget it charges. Its model calls are counted on ``/metrics``."""
    model = model_config(ctx.settings, budget_key)
    outcome = await review_changes(
        review_input,
        ReviewOptions(
            model=review_model_config(model) if model is not None else None,
            allowed_lines=allowed_lines,
        ),
        cache=FileCompletionCache(ctx.settings.data_dir / "docs" / "cache"),
        budget=PostgresTokenBudget(ctx.pool, ctx.settings.llm_daily_tokens),
    )
    count_model_calls(ctx.metrics, outcome.calls)
    return outcome


def _lines_since(
    mirror: Path, reviewed_sha: str, head_sha: str
) -> dict[str, frozenset[int]] | None:
    """The lines changed since the last reviewed head; ``None`` (review everything) when that
    commit is gone (a force-push)."""
    repo = pygit2.Repository(str(mirror))
    try:
        repo[reviewed_sha].peel(pygit2.Commit)
    except (KeyError, ValueError):
        return None
    changed = changed_files(repo, reviewed_sha, head_sha)
    return {path: f.changed_lines for path, f in changed.files.items()}


def review_body(review: Review) -> str:
    return review_marker(review.head_sha) + "\n" + review_markdown(review, inline=True)


def inline_comments(review: Review) -> list[InlineComment]:
    return [InlineComment(c.path, c.line, comment_markdown(c)) for c in review.comments]


async def run_review(ctx: JobContext) -> JobOutput:
    async with open_repository(ctx) as repo:
        reviews = repo.reviews()
        opened = await _open_change(ctx, repo)
        number, head_sha = opened.change.number, opened.change.head_sha
        reviewed = await reviews.reviewed_heads(number)
        if head_sha in reviewed:
            return {"status": "already reviewed", "head_sha": head_sha}
        review_input = await asyncio.to_thread(_input, opened, ctx.settings)
        allowed = None
        if reviewed:
            allowed = await asyncio.to_thread(_lines_since, opened.mirror, reviewed[-1], head_sha)
        with tracing.span("agent reviewer", attributes={"vibe.head_sha": head_sha}):
            outcome = await run_reviewer(ctx, review_input, repo.budget_key, allowed)
        review = outcome.review

        async def post() -> dict[str, int]:
            posted = await reviews.post_review(
                number, review.head_sha, review_body(review), inline_comments(review)
            )
            return {"review_id": posted.review_id, "unplaced": posted.unplaced}

        posted = await ctx.step("review", post)
        return {
            "status": "posted",
            "head_sha": head_sha,
            **posted,
            "comments": len(review.comments),
            "dropped": len(review.dropped),
            "writer": review.writer,
            "fallback": review.fallback_reason,
            "incremental": allowed is not None,
        }


async def run_describe(ctx: JobContext) -> JobOutput:
    async with open_repository(ctx) as repo:
        opened = await _open_change(ctx, repo)
        number = opened.change.number
        review_input = await asyncio.to_thread(_input, opened, ctx.settings)
        with tracing.span("agent reviewer describe"):
            section = describe_section(review_input)

        async def edit() -> bool:
            # Read the description again right before writing: the author may have edited it.
            body = (await repo.change_request(number)).body
            merged = merge_description(body, section)
            if merged == body:
                return False
            await repo.reviews().update_description(number, merged)
            return True

        changed = await ctx.step("describe", edit)
        return {"status": "updated" if changed else "unchanged", "head_sha": opened.change.head_sha}

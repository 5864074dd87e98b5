"""``review`` and ``describe``: the AI review of a pull request, and its description section.

Asked for by ``/vibe review`` / ``/vibe describe`` in a pull request comment (write permission,
checked by the command job) or, for reviews, by the check of a pull request whose base branch's
``.github/vibe.yml`` says ``review: auto``.

A review is posted as ONE pull request review (event ``COMMENT``) on the head commit, with its
inline comments and ```suggestion blocks; its body carries a hidden marker with the head sha.
A second run on the same head posts nothing; after a new push only the lines that push changed
get comments. The model's answer can only become the text of that review: the job makes no
other write, whatever the diff or the model says. Describe edits only the marked section of the
pull request's body.
"""

from __future__ import annotations

import asyncio
import re
from contextlib import ExitStack
from dataclasses import dataclass
from pathlib import Path
from typing import Any

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
from app.github import pulls, repos, reviews
from app.github.client import InstallationClient
from app.github.errors import GitHubError
from app.logging import get_logger
from app.models.config import CONFIG_PATH, ConfigError, RepoConfig, load_repo_config
from app.settings import Settings
from app.store.llm_usage import PostgresTokenBudget
from jobs.flows.language_model import count_model_calls, model_config
from jobs.flows.permissions import ensure_allowed
from jobs.flows.review_requests import AUTO_TRIGGER, COMMAND_TRIGGER
from jobs.forges.github.session import call, open_forge
from jobs.forges.target import ChangeTarget
from jobs.git.clone import FetchRequest, pull_request_refspecs
from jobs.git.mirror_fetch import fetch_mirror
from jobs.git.mirror_reads import changed_files
from jobs.queue.context import JobContext, JobOutput, SkipJob
from jobs.queue.kinds import JobKind
from jobs.queue.registry import JobRegistry

REVIEW_TIMEOUT_S = 900.0
MARKER_PREFIX = "<!-- vibe:review"
_MARKER = re.compile(r"<!-- vibe:review head=([0-9a-f]{40}) -->")
log = get_logger("jobs.review")


def register_jobs(registry: JobRegistry) -> None:
    registry.register(JobKind.REVIEW, run_review, timeout_s=REVIEW_TIMEOUT_S)
    registry.register(JobKind.DESCRIBE, run_describe, timeout_s=REVIEW_TIMEOUT_S)


def review_marker(head_sha: str) -> str:
    return f"{MARKER_PREFIX} head={head_sha} -->"


@dataclass(frozen=True)
class _Pull:
    target: ChangeTarget
    pull: dict[str, Any]
    config: RepoConfig
    mirror: Path


async def _open_pull(ctx: JobContext, gh: InstallationClient) -> _Pull:
    request = ctx.request
    if request.installation_id is None or request.repository is None:
        raise SkipJob("the request names no installation or repository")
    if request.pull_number is None:
        raise SkipJob("the request names no pull request")
    owner, name = request.repository.split("/", 1)
    number = request.pull_number
    pull = await call(lambda: pulls.get_pull_request(gh, owner, name, number))
    if pull.get("state") != "open":
        raise SkipJob(f"pull request #{number} is {pull.get('state')}")
    head_sha = str(pull["head"]["sha"])
    if request.head_sha is not None and request.head_sha != head_sha:
        # A newer push has its own check, which asks for its own review.
        raise SkipJob(f"{request.head_sha[:12]} is no longer the head of #{number}")
    base_ref = str(pull["base"]["ref"])
    target = ChangeTarget(
        forge="github",
        full_name=request.repository,
        repository_id=int(request.repository_id or pull["base"]["repo"]["id"]),
        installation_id=request.installation_id,
        head_sha=head_sha,
        base_ref=base_ref,
        number=number,
        head_ref=str(pull["head"]["ref"]),
    )
    config = await _config(gh, owner, name, base_ref, request.extra.get("trigger"))
    fetch = FetchRequest(
        clone_url=gh.clone_url(request.repository),
        full_name=request.repository,
        refspecs=pull_request_refspecs(number, base_ref),
        token=await call(gh.token),
    )
    mirror = await fetch_mirror(ctx.settings, fetch)
    return _Pull(target, pull, config, mirror)


async def _config(
    gh: InstallationClient, owner: str, name: str, base_ref: str, trigger: object
) -> RepoConfig:
    """The base branch's settings (a pull request cannot change how it is reviewed)."""
    text = await call(lambda: repos.read_file(gh, owner, name, CONFIG_PATH, base_ref))
    config = RepoConfig()
    if text:
        try:
            config = load_repo_config(text.decode("utf-8", "replace"), CONFIG_PATH)
        except ConfigError as exc:
            if trigger != COMMAND_TRIGGER:
                raise SkipJob(str(exc)) from exc  # the check run reports the broken file
    if trigger == AUTO_TRIGGER and config.review != "auto":
        raise SkipJob(f"automatic reviews are off ({CONFIG_PATH}: review: {config.review})")
    return config


def _input(pull: _Pull, settings: Settings) -> ReviewInput:
    target = pull.target
    return review_input_at(
        pull.mirror,
        target.head_sha,
        target.base_ref,
        pull.config,
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


async def run_review(ctx: JobContext) -> JobOutput:
    request = ctx.request
    if request.installation_id is None or request.repository is None:
        raise SkipJob("the request names no installation or repository")
    await ensure_allowed(ctx)
    owner, name = request.repository.split("/", 1)
    async with open_forge(ctx.settings, request.installation_id) as forge:
        gh = forge.installation
        pull = await _open_pull(ctx, gh)
        target = pull.target
        number = target.number or 0
        ours = await call(lambda: reviews.marked_reviews(gh, owner, name, number, MARKER_PREFIX))
        reviewed = [m.group(1) for r in ours if (m := _MARKER.search(r.get("body") or ""))]
        if target.head_sha in reviewed:
            return {"status": "already reviewed", "head_sha": target.head_sha}
        review_input = await asyncio.to_thread(_input, pull, ctx.settings)
        allowed = None
        if reviewed:
            allowed = await asyncio.to_thread(
                _lines_since, pull.mirror, reviewed[-1], target.head_sha
            )
        with tracing.span("agent reviewer", attributes={"vibe.head_sha": target.head_sha}):
            outcome = await run_reviewer(ctx, review_input, request.installation_id, allowed)
        review = outcome.review
        posted = await ctx.step("post-review", lambda: _post(gh, owner, name, number, review))
        return {
            "status": "posted",
            "head_sha": target.head_sha,
            "review_id": posted,
            "comments": len(review.comments),
            "dropped": len(review.dropped),
            "writer": review.writer,
            "fallback": review.fallback_reason,
            "incremental": allowed is not None,
        }


def review_body(review: Review) -> str:
    return review_marker(review.head_sha) + "\n" + review_markdown(review, inline=True)


def inline_comments(review: Review) -> list[dict[str, Any]]:
    return [
        {"path": c.path, "line": c.line, "side": "RIGHT", "body": comment_markdown(c)}
        for c in review.comments
    ]


async def _post(gh: InstallationClient, owner: str, name: str, number: int, review: Review) -> int:
    body = review_body(review)
    try:
        created = await call(
            lambda: reviews.create_review(
                gh,
                owner,
                name,
                number,
                commit_id=review.head_sha,
                body=body,
                comments=inline_comments(review),
            )
        )
    except GitHubError as exc:
        if exc.status != 422 or not review.comments:
            raise
        # GitHub's diff disagreed about a line (e.g. the base moved meanwhile): keep the review,
        # with the comments in its body rather than on lines.
        listed = "\n\n".join(
            f"**`{c.path}:{c.line}`**\n\n{comment_markdown(c)}" for c in review.comments
        )
        created = await call(
            lambda: reviews.create_review(
                gh,
                owner,
                name,
                number,
                commit_id=review.head_sha,
                body=body + "\n### Comments\n\n" + listed + "\n",
                comments=[],
            )
        )
    return int(created["id"])


async def run_describe(ctx: JobContext) -> JobOutput:
    request = ctx.request
    if request.installation_id is None or request.repository is None:
        raise SkipJob("the request names no installation or repository")
    await ensure_allowed(ctx)
    owner, name = request.repository.split("/", 1)
    async with open_forge(ctx.settings, request.installation_id) as forge:
        gh = forge.installation
        pull = await _open_pull(ctx, gh)
        number = pull.target.number or 0
        review_input = await asyncio.to_thread(_input, pull, ctx.settings)
        with tracing.span("agent reviewer describe"):
            section = describe_section(review_input)

        async def edit() -> bool:
            # Read the body again right before writing: the author may have edited it since.
            current = await call(lambda: pulls.get_pull_request(gh, owner, name, number))
            body = current.get("body") or ""
            merged = merge_description(body, section)
            if merged == body:
                return False
            await call(lambda: pulls.update_pull_request(gh, owner, name, number, body=merged))
            return True

        changed = await ctx.step("describe", edit)
        return {"status": "updated" if changed else "unchanged", "head_sha": pull.target.head_sha}

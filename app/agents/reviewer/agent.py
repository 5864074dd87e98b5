"""One review: the model's, checked against the diff, when a model is configured and answers
usefully within the budget; the offline reviewer's otherwise. The analyzer's new findings on
changed lines are inline comments either way."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from typing import Any

from app.agents.docs.model import ModelConfig, ModelWriter
from app.agents.docs.result import DocsSummary, ModelCall
from app.agents.docs.store import CompletionCache, TokenBudget
from app.agents.reviewer.checks import keep_on_diff, neutralise
from app.agents.reviewer.context import ReviewContext, build_context
from app.agents.reviewer.facts import review_facts
from app.agents.reviewer.models import ModelReview, Review, ReviewComment, ReviewInput
from app.agents.reviewer.offline import (
    areas_changed,
    finding_comments,
    offline_risks,
    offline_summary,
)
from app.agents.reviewer.output import parse_review
from app.agents.reviewer.prompt import prompt_overhead, review_messages

DEFAULT_CONTEXT_TOKENS = 12000
DEFAULT_OUTPUT_TOKENS = 2000


@dataclass(frozen=True)
class ReviewOptions:
    model: ModelConfig | None = None
    # After a new push: the lines that push changed, per path; other lines get no comment.
    allowed_lines: Mapping[str, frozenset[int]] | None = None


@dataclass
class ReviewRun:
    review: Review
    calls: list[ModelCall] = field(default_factory=list)
    context: ReviewContext | None = None


def review_model_config(config: ModelConfig) -> ModelConfig:
    """The docs agent's model settings with room for a diff and a longer answer."""
    return replace(
        config,
        max_prompt_tokens=max(config.max_prompt_tokens, DEFAULT_CONTEXT_TOKENS),
        max_output_tokens=max(config.max_output_tokens, DEFAULT_OUTPUT_TOKENS),
    )


async def review_changes(
    review_input: ReviewInput,
    options: ReviewOptions,
    *,
    cache: CompletionCache,
    budget: TokenBudget,
    litellm: Any | None = None,
) -> ReviewRun:
    findings = _allowed(finding_comments(review_input), options.allowed_lines)
    if options.model is None:
        return ReviewRun(offline_review(review_input, findings, "no model is configured"))
    summary = DocsSummary()
    writer = ModelWriter(options.model, cache, budget, summary, litellm=litellm)

    def count(text: str) -> int:
        return writer.count_tokens(text=text)

    room = options.model.max_prompt_tokens - count(prompt_overhead(review_input))
    context = build_context(review_input, max(room, 0), count)
    if not context.chunks:
        reason = "the diff is too large for the model's context"
        return ReviewRun(offline_review(review_input, findings, reason), summary.calls, context)
    answer = await writer.complete("review", review_messages(review_input, context), parse_review)
    if answer is None:
        review = offline_review(review_input, findings, _fallback_reason(summary.calls))
        return ReviewRun(review, summary.calls, context)
    return ReviewRun(
        model_review(review_input, answer, findings, context, options, summary.writer),
        summary.calls,
        context,
    )


def _allowed(
    comments: list[ReviewComment], allowed: Mapping[str, frozenset[int]] | None
) -> list[ReviewComment]:
    if allowed is None:
        return comments
    return [c for c in comments if c.line in allowed.get(c.path, ())]


def _fallback_reason(calls: list[ModelCall]) -> str:
    outcomes = {call.outcome for call in calls}
    if "over-budget" in outcomes:
        return "the daily token budget is spent"
    details = [call.detail for call in calls if call.outcome == "failed"]
    if any("JSON" in d or "review" in d or "answer" in d for d in details):
        return "the model's answer was not a usable review"
    return "the model could not be reached"


def offline_review(
    review_input: ReviewInput, findings: list[ReviewComment], reason: str | None
) -> Review:
    facts = review_facts(review_input)
    return Review(
        base_sha=review_input.base_sha,
        head_sha=review_input.head_sha,
        summary=offline_summary(review_input, facts),
        risks=offline_risks(review_input, facts),
        comments=findings,
        areas=areas_changed(review_input),
        dependencies=review_input.dependencies,
        new_findings=len(review_input.new_findings),
        writer="offline",
        fallback_reason=reason,
        facts=facts,
    )


def model_review(
    review_input: ReviewInput,
    answer: ModelReview,
    findings: list[ReviewComment],
    context: ReviewContext,
    options: ReviewOptions,
    writer: str,
) -> Review:
    kept, dropped = keep_on_diff(answer.comments, review_input, options.allowed_lines)
    taken = {(c.path, c.line) for c in findings}
    comments = [*findings, *(c for c in kept if (c.path, c.line) not in taken)]
    return Review(
        base_sha=review_input.base_sha,
        head_sha=review_input.head_sha,
        summary=neutralise(answer.summary),
        risks=[r for r in (neutralise(risk) for risk in answer.risks) if r],
        comments=comments,
        dropped=dropped,
        left_out=[*context.left_out, *(f"{p} (in part)" for p in context.partial)],
        areas=areas_changed(review_input),
        dependencies=review_input.dependencies,
        new_findings=len(review_input.new_findings),
        writer=writer,
        facts=review_facts(review_input),
    )

"""The answer, streamed: from the cache when the same question met the same code before, else
token by token from the first model of the chain that answers (litellm ``stream=True``), within
the installation's daily token budget; otherwise the offline answer. Sources come after the
text, then ``done`` with who wrote it."""

from __future__ import annotations

import re
from collections.abc import AsyncIterator
from dataclasses import dataclass, field, replace
from typing import Any

from app.agents.assistant.links import citation_of
from app.agents.assistant.models import Answer, AnswerEvent, Citation, CodeChunk
from app.agents.assistant.offline import offline_answer
from app.agents.assistant.prompt import Messages, assistant_messages
from app.agents.docs.model import (
    PROMPT_VERSION,
    ModelConfig,
    ModelWriter,
    completion_arguments,
    failure_detail,
)
from app.agents.docs.result import DocsSummary, ModelCall
from app.agents.docs.store import CompletionCache, TokenBudget, cache_key
from app.models.repository_key import ForgeName

PURPOSE = "assistant"
MAX_OUTPUT_TOKENS = 800
_CITED = re.compile(r"\[(\d{1,2})\]")
_CACHED_PIECE = re.compile(r"\S+\s*|\s+")


@dataclass(frozen=True)
class Repository:
    """Where citations link to: the web host, ``owner/name`` and the indexed commit, on
    ``forge``."""

    web_url: str
    full_name: str
    sha: str
    forge: ForgeName = "github"


@dataclass
class AssistantRun:
    """What the caller learns after the stream: model calls (for metrics) and the answer."""

    calls: list[ModelCall] = field(default_factory=list)
    answer: Answer = field(default_factory=Answer)


class _ModelStopped(Exception):
    pass


async def answer_stream(
    question: str,
    chunks: list[CodeChunk],
    repository: Repository,
    model: ModelConfig | None,
    *,
    cache: CompletionCache,
    budget: TokenBudget,
    run: AssistantRun | None = None,
    litellm: Any | None = None,
) -> AsyncIterator[AnswerEvent]:
    run = run if run is not None else AssistantRun()
    async for event in _events(question, chunks, repository, model, cache, budget, run, litellm):
        run.answer.add(event)
        yield event


async def _events(
    question: str,
    chunks: list[CodeChunk],
    repository: Repository,
    model: ModelConfig | None,
    cache: CompletionCache,
    budget: TokenBudget,
    run: AssistantRun,
    litellm: Any | None,
) -> AsyncIterator[AnswerEvent]:
    if model is None:
        async for event in _offline(question, chunks, repository, "no model is configured"):
            yield event
        return
    summary = DocsSummary()
    config = _assistant_config(model)
    writer = ModelWriter(config, cache, budget, summary, litellm=litellm)
    streamer = _ModelStream(writer, summary)
    messages = assistant_messages(question, chunks)
    text = ""
    try:
        async for piece in streamer.stream(messages):
            text += piece
            yield AnswerEvent("token", piece)
    except _ModelStopped as exc:
        yield AnswerEvent("error", f"the model stopped mid-answer: {exc}")
    finally:
        run.calls.extend(summary.calls)
    if not text:
        reason = _fallback_reason(summary.calls)
        async for event in _offline(question, chunks, repository, reason):
            yield event
        return
    for citation in cited(text, chunks, repository):
        yield AnswerEvent("citation", citation=citation)
    yield AnswerEvent("done", writer=summary.writer)


async def _offline(
    question: str, chunks: list[CodeChunk], repository: Repository, reason: str
) -> AsyncIterator[AnswerEvent]:
    yield AnswerEvent("token", offline_answer(question, chunks, reason))
    for chunk in chunks:
        yield AnswerEvent("citation", citation=_citation(chunk, repository))
    yield AnswerEvent("done", writer="offline")


def _citation(chunk: CodeChunk, repository: Repository) -> Citation:
    return citation_of(
        chunk, repository.web_url, repository.full_name, repository.sha, repository.forge
    )


def cited(text: str, chunks: list[CodeChunk], repository: Repository) -> list[Citation]:
    """The excerpts the answer cites as ``[n]``, in order; every excerpt when it cites none."""
    numbers: list[int] = []
    for match in _CITED.finditer(text):
        number = int(match.group(1))
        if 1 <= number <= len(chunks) and number not in numbers:
            numbers.append(number)
    chosen = [chunks[n - 1] for n in numbers] if numbers else chunks
    return [_citation(chunk, repository) for chunk in chosen]


def _assistant_config(config: ModelConfig) -> ModelConfig:
    return replace(config, max_output_tokens=min(config.max_output_tokens, MAX_OUTPUT_TOKENS))


def _fallback_reason(calls: list[ModelCall]) -> str:
    outcomes = {call.outcome for call in calls}
    if "over-budget" in outcomes:
        return "the daily token budget is spent"
    return "the model could not be reached or gave no usable answer"


class _ModelStream:
    """The model chain of :class:`ModelWriter` (its config, cache, budget and litellm), asked
    with ``stream=True``. A model that fails before its first token hands over to the next;
    one that fails after it ends the answer (what was shown cannot be taken back)."""

    def __init__(self, writer: ModelWriter, summary: DocsSummary) -> None:
        self.writer = writer
        self.summary = summary
        self.config = writer.config
        self.litellm = writer._litellm

    def _key(self, model: str, messages: Messages) -> str:
        payload = {
            "messages": messages,
            "max_tokens": self.config.max_output_tokens,
            "temperature": 0,
            "prompt_version": PROMPT_VERSION,
            "purpose": PURPOSE,
        }
        return cache_key(model, payload)

    async def stream(self, messages: Messages) -> AsyncIterator[str]:
        for model in self.config.models:
            cached = await self.writer.cache.get(self._key(model, messages))
            if cached:
                self.summary.calls.append(ModelCall(PURPOSE, model, "cached"))
                for piece in _CACHED_PIECE.findall(cached):
                    yield piece
                return
        estimate = self.writer.count_tokens(messages) + self.config.max_output_tokens
        for model in self.config.models:
            remaining = await self.writer.budget.remaining(self.config.installation_id)
            if remaining is not None and remaining < estimate:
                detail = f"{remaining} tokens left today"
                self.summary.calls.append(ModelCall(PURPOSE, model, "over-budget", detail=detail))
                return
            text = ""
            async for piece in self._one_model(model, messages, estimate):
                text += piece
                yield piece
            if text:
                return

    async def _one_model(self, model: str, messages: Messages, estimate: int) -> AsyncIterator[str]:
        config = self.config
        text = ""
        usage: Any = None
        try:
            response = await self.litellm.acompletion(
                **completion_arguments(config, model, messages),
                stream=True,
                stream_options={"include_usage": True},
            )
            async for chunk in response:
                usage = getattr(chunk, "usage", None) or usage
                choices = getattr(chunk, "choices", None) or []
                piece = getattr(choices[0].delta, "content", None) if choices else None
                if piece:
                    text += piece
                    yield piece
        except Exception as exc:
            # litellm maps every provider's failure onto its own exception family.
            detail = failure_detail(exc)
            self.summary.calls.append(ModelCall(PURPOSE, model, "failed", detail=detail))
            await self._charge(model, usage, estimate if text else 0)
            if text:
                raise _ModelStopped(detail) from exc
            return
        tokens = await self._charge(model, usage, estimate)
        split = _split(usage)
        if not text.strip():
            self.summary.calls.append(
                ModelCall(PURPOSE, model, "failed", tokens, "empty answer", *split)
            )
            return
        await self.writer.cache.put(self._key(model, messages), model, text)
        self.summary.calls.append(ModelCall(PURPOSE, model, "ok", tokens, "", *split))

    async def _charge(self, model: str, usage: Any, estimate: int) -> int:
        tokens = int(getattr(usage, "total_tokens", 0) or estimate)
        if tokens:
            await self.writer.budget.charge(self.config.installation_id, model, tokens)
        return tokens


def _split(usage: Any) -> tuple[int, int]:
    return (
        int(getattr(usage, "prompt_tokens", 0) or 0),
        int(getattr(usage, "completion_tokens", 0) or 0),
    )

"""The model path: one request tried on each model of the chain in turn, answered from the cache
when the same request was answered before, refused when the day's token budget cannot pay for
it. litellm is imported here, on first use, never when the CLI starts."""

from __future__ import annotations

import os
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any, TypeVar

from .result import DocsSummary, ModelCall
from .store import CompletionCache, TokenBudget, cache_key

T = TypeVar("T")
Messages = list[dict[str, str]]
# Bumped when the prompts change, so that old answers are not served for new questions.
PROMPT_VERSION = 1


@dataclass(frozen=True)
class ModelConfig:
    """The chain of models (first the primary, then the fallbacks) and how to reach them."""

    models: tuple[str, ...]
    api_base: str | None = None
    api_key: str | None = field(default=None, repr=False)
    timeout: float = 60.0
    num_retries: int = 2
    max_prompt_tokens: int = 6000
    max_output_tokens: int = 1500
    installation_id: int = 0


class UnusableAnswer(ValueError):
    """The model answered, but not in the shape that was asked for."""


def completion_arguments(config: ModelConfig, model: str, messages: Messages) -> dict[str, Any]:
    """litellm ``acompletion`` arguments for one model of the chain (temperature 0: the same
    prompt gets the same answer, which the completion cache relies on)."""
    return {
        "model": model,
        "messages": messages,
        "api_base": config.api_base,
        "api_key": config.api_key,
        "timeout": config.timeout,
        "num_retries": config.num_retries,
        "max_tokens": config.max_output_tokens,
        "temperature": 0,
    }


def failure_detail(exc: BaseException) -> str:
    """A failed model call in one line: the exception's type and its first line, cut short."""
    first = str(exc).splitlines()[0][:200] if str(exc) else ""
    return f"{type(exc).__name__}: {first}"


def load_litellm() -> Any:
    """litellm, imported on first use and set up to stay off the network."""
    # Without this litellm fetches its model price list from GitHub at import.
    os.environ.setdefault("LITELLM_LOCAL_MODEL_COST_MAP", "True")
    import litellm

    litellm.suppress_debug_info = True
    # Llama-named models would otherwise download a tokenizer from Hugging Face to count
    # tokens; the bundled tiktoken encoding is close enough for a budget.
    litellm.disable_hf_tokenizer_download = True
    return litellm


class ModelWriter:
    def __init__(
        self,
        config: ModelConfig,
        cache: CompletionCache,
        budget: TokenBudget,
        summary: DocsSummary,
        litellm: Any | None = None,
    ) -> None:
        self.config = config
        self.cache = cache
        self.budget = budget
        self.summary = summary
        self._litellm = litellm if litellm is not None else load_litellm()

    def count_tokens(self, messages: Messages | None = None, text: str | None = None) -> int:
        counted = self._litellm.token_counter(
            model=self.config.models[0], messages=messages, text=text
        )
        return int(counted)

    def _payload(self, messages: Messages) -> dict[str, Any]:
        return {
            "messages": messages,
            "max_tokens": self.config.max_output_tokens,
            "temperature": 0,
            "prompt_version": PROMPT_VERSION,
        }

    async def complete(
        self, purpose: str, messages: Messages, parse: Callable[[str], T]
    ) -> T | None:
        """The parsed answer of the first model in the chain that gives a usable one; ``None``
        when every model failed or the budget is spent (the caller writes offline)."""
        payload = self._payload(messages)
        for model in self.config.models:
            cached = await self.cache.get(cache_key(model, payload))
            if cached is not None:
                try:
                    parsed = parse(cached)
                except UnusableAnswer:
                    continue
                self.summary.calls.append(ModelCall(purpose, model, "cached"))
                return parsed
        estimate = self.count_tokens(messages) + self.config.max_output_tokens
        for model in self.config.models:
            remaining = await self.budget.remaining(self.config.installation_id)
            if remaining is not None and remaining < estimate:
                self.summary.calls.append(
                    ModelCall(
                        purpose, model, "over-budget", detail=f"{remaining} tokens left today"
                    )
                )
                return None
            answer = await self._call(purpose, model, messages, estimate)
            if answer is None:
                continue
            content, usage = answer
            try:
                parsed = parse(content)
            except UnusableAnswer as exc:
                self.summary.calls.append(
                    ModelCall(purpose, model, "failed", usage.tokens, str(exc), *usage.split)
                )
                continue
            await self.cache.put(cache_key(model, payload), model, content)
            self.summary.calls.append(
                ModelCall(purpose, model, "ok", usage.tokens, "", *usage.split)
            )
            return parsed
        return None

    async def _call(
        self, purpose: str, model: str, messages: Messages, estimate: int
    ) -> tuple[str, _Usage] | None:
        config = self.config
        try:
            response = await self._litellm.acompletion(
                **completion_arguments(config, model, messages)
            )
        except Exception as exc:
            # litellm maps every provider's failure onto its own exception family, and a
            # failed model is only a reason to try the next one: record it for the summary.
            detail = failure_detail(exc)
            self.summary.calls.append(ModelCall(purpose, model, "failed", detail=detail))
            return None
        content = response.choices[0].message.content or ""
        usage = getattr(response, "usage", None)
        tokens = int(getattr(usage, "total_tokens", 0) or estimate)
        split = (
            int(getattr(usage, "prompt_tokens", 0) or 0),
            int(getattr(usage, "completion_tokens", 0) or 0),
        )
        await self.budget.charge(config.installation_id, model, tokens)
        if not content.strip():
            self.summary.calls.append(
                ModelCall(purpose, model, "failed", tokens, "empty answer", *split)
            )
            return None
        return content, _Usage(tokens, split)


@dataclass(frozen=True)
class _Usage:
    tokens: int
    split: tuple[int, int]  # prompt, completion

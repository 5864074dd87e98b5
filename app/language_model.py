"""The language model a job or a page calls: its settings, from the process's, and its calls
counted on ``/metrics``."""

from __future__ import annotations

from app.agents.docs.model import ModelConfig
from app.agents.docs.result import ModelCall
from app.metrics import Metrics
from app.settings import Settings

MODEL_TIMEOUT_S = 60.0


def model_config(settings: Settings, installation_id: int) -> ModelConfig | None:
    """The model chain (``VIBE_LLM_MODEL``, then its fallbacks), charged to the daily token
    budget of ``installation_id`` (a GitHub installation, or a GitLab project's repository
    key); none without a model."""
    if not settings.llm_model:
        return None
    chain = [settings.llm_model, *(m for m in settings.llm_fallbacks if m != settings.llm_model)]
    api_key = settings.llm_api_key.get_secret_value() if settings.llm_api_key else None
    return ModelConfig(
        models=tuple(chain),
        api_base=settings.llm_api_base,
        api_key=api_key,
        timeout=MODEL_TIMEOUT_S,
        installation_id=installation_id,
    )


def count_model_calls(metrics: Metrics | None, calls: list[ModelCall]) -> None:
    """Tokens and requests of the model path on ``/metrics`` (cache hits and refusals too)."""
    if metrics is None:
        return
    for model_call in calls:
        metrics.llm_calls.labels(model_call.model, model_call.outcome).inc()
        if model_call.prompt_tokens or model_call.completion_tokens:
            metrics.llm_tokens.labels(model_call.model, "prompt").inc(model_call.prompt_tokens)
            tokens = model_call.completion_tokens
            metrics.llm_tokens.labels(model_call.model, "completion").inc(tokens)
        elif model_call.tokens:
            metrics.llm_tokens.labels(model_call.model, "unsplit").inc(model_call.tokens)

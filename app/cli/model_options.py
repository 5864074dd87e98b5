"""What the model commands (``vibe docs``, ``vibe review``) share: their settings, the model
chain from ``--model`` and the environment, and the failed model calls said on stderr.

Nothing heavy at import: the model configuration's module loads inside the function."""

from __future__ import annotations

import sys
from typing import TYPE_CHECKING

from app.errors import UsageError
from app.printable import printable

if TYPE_CHECKING:
    from app.agents.docs.model import ModelConfig
    from app.agents.docs.result import ModelCall
    from app.settings import Settings


def command_settings(timeout: float) -> Settings:
    """The settings of a model command, after its ``--timeout`` is checked."""
    from app.settings import SettingsError, load_settings

    if timeout <= 0:
        raise UsageError(f"--timeout {timeout}: must be a positive number of seconds")
    try:
        return load_settings()
    except (SettingsError, ValueError) as exc:
        raise UsageError(f"settings: {exc}") from None


def model_chain(settings: Settings, model: str | None, timeout: float) -> ModelConfig | None:
    """``--model`` (or ``VIBE_LLM_MODEL``) then the fallbacks; None when no model is set."""
    from app.agents.docs.model import ModelConfig

    primary = model or settings.llm_model
    if not primary:
        return None
    chain = [primary, *(m for m in settings.llm_fallbacks if m != primary)]
    api_key = settings.llm_api_key.get_secret_value() if settings.llm_api_key else None
    return ModelConfig(
        models=tuple(chain), api_base=settings.llm_api_base, api_key=api_key, timeout=timeout
    )


def print_failed_calls(command: str, calls: list[ModelCall]) -> None:
    """One stderr line per call that did not answer. The detail quotes the model server's error,
    whatever that server sent: shown escaped, like the model's name."""
    for call in calls:
        if call.outcome not in {"ok", "cached"}:
            detail = f": {printable(call.detail)}" if call.detail else ""
            print(
                f"vibe {command}: {printable(call.model)} {call.outcome}{detail}", file=sys.stderr
            )

"""How much each person may ask the assistant: every answer may cost model tokens, so questions
are capped in length and counted per person and repository over the last hour (the ``/vibe
ask`` comment, the dashboard page and the API together)."""

from __future__ import annotations

ASKS_PER_HOUR = 20
MAX_QUESTION_CHARS = 2000


def rate_limited(asked: int) -> bool:
    """Whether a person who asked ``asked`` questions in the last hour must wait."""
    return asked >= ASKS_PER_HOUR

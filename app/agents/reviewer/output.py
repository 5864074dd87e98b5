"""The model's answer: one JSON object validated by :class:`ModelReview`; anything else is an
:class:`UnusableAnswer` and the offline reviewer writes instead."""

from __future__ import annotations

import json
import re

from pydantic import ValidationError

from app.agents.docs.model import UnusableAnswer
from app.agents.reviewer.models import ModelReview

_FENCE = re.compile(r"^\s*```(?:json)?\s*|\s*```\s*$")


def parse_review(content: str) -> ModelReview:
    text = _FENCE.sub("", content.strip())
    start, end = text.find("{"), text.rfind("}")
    if start == -1:
        raise UnusableAnswer("the answer holds no JSON object")
    if end <= start:
        raise UnusableAnswer("the answer's JSON does not parse: it is cut off")
    try:
        loaded = json.loads(text[start : end + 1])
    except json.JSONDecodeError as exc:
        raise UnusableAnswer(f"the answer's JSON does not parse: {exc.msg}") from None
    try:
        return ModelReview.model_validate(loaded)
    except ValidationError as exc:
        first = exc.errors()[0]
        where = ".".join(str(part) for part in first["loc"]) or "(top level)"
        raise UnusableAnswer(
            f"the answer's JSON is not a review: {where}: {first['msg']}"
        ) from None

"""Tip of the day."""

import random

from django.http import HttpRequest, JsonResponse
from django.views.decorators.http import require_GET


TIPS = {"general": ["Use keyboard shortcuts", "Star what you like"]}


def pick_tip(tips: list[str]) -> str:
    return random.choice(tips)


@require_GET
def tip_of_the_day(request: HttpRequest):
    values = [request.GET.get("topic", "")]
    topic = values[0]
    tip = pick_tip(TIPS.get(topic, TIPS['general']))
    return JsonResponse({"tip": tip})

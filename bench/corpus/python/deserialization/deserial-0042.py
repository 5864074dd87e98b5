"""Parse a pipeline definition."""

import yaml
from django.http import HttpRequest, JsonResponse
from django.views.decorators.http import require_GET


def normalise_pipeline(value: str) -> str:
    return value.strip()


@require_GET
def parse_pipeline(request: HttpRequest):
    pipeline = normalise_pipeline(request.COOKIES.get("pipeline", ""))
    state = yaml.load(pipeline, Loader=yaml.SafeLoader)
    return JsonResponse({"keys": sorted(state)})

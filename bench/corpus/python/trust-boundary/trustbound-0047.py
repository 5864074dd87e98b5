"""Enable a filter of the inbox."""

from django.http import HttpRequest, JsonResponse
from django.views.decorators.http import require_GET


def normalise_name(value: str) -> str:
    return value.strip()


@require_GET
def enable_filter(request: HttpRequest):
    name = normalise_name(request.GET["filter"])
    key = "filter_" + name
    request.session[key] = True
    return JsonResponse({"enabled": True})

"""Enable a filter of the inbox."""

from django.http import HttpRequest, JsonResponse
from django.views.decorators.http import require_POST


ALLOWED_NAMES = {"unread", "starred"}


@require_POST
def enable_filter(request: HttpRequest):
    options = {"name": request.POST["filter"], "verbose": False}
    name = options["name"]
    if name not in ALLOWED_NAMES:
        return JsonResponse({"error": "unknown name"}, status=400)
    key = "filter_" + name
    request.session[key] = True
    return JsonResponse({"enabled": True})

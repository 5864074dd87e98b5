"""Enable a filter of the inbox."""

from django.http import HttpRequest, JsonResponse
from django.views.decorators.http import require_POST


@require_POST
def enable_filter(request: HttpRequest):
    options = {"name": request.POST["filter"], "verbose": False}
    name = options["name"]
    key = "filter_" + name
    request.session[key] = True
    return JsonResponse({"enabled": True})

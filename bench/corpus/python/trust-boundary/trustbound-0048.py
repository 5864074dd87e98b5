"""Enable a filter of the inbox."""

from django.http import HttpRequest, JsonResponse
from django.views.decorators.http import require_GET


@require_GET
def enable_filter(request: HttpRequest):
    name = "unread"
    key = "filter_" + name
    request.session[key] = True
    return JsonResponse({"enabled": True})
